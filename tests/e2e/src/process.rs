//! Child processes that the harness starts (Xvfb, tauri-driver) and stops by
//! PID, and the ports and displays they use.

use std::fs::File;
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::{Error, Result};

/// How long a process gets to exit after SIGTERM before it gets SIGKILL.
const TERM_GRACE: Duration = Duration::from_secs(5);

/// How long a stopped process's port may take to become free.
const PORT_RELEASE: Duration = Duration::from_secs(5);

/// How often waits poll.
pub(crate) const POLL: Duration = Duration::from_millis(100);

/// A running child process that is stopped when dropped.
///
/// The child leads its own process group, so that stopping it also stops
/// what it started (tauri-driver starts WebKitWebDriver, which starts the
/// app) when those did not exit with it.
#[derive(Debug)]
pub struct Guard {
    name: String,
    child: Option<Child>,
    log: PathBuf,
}

impl Guard {
    /// Starts `command` in a new process group with its stdout and stderr
    /// appended to `log`.
    pub fn spawn(name: &str, mut command: Command, log: &Path) -> Result<Guard> {
        let output = File::options()
            .create(true)
            .append(true)
            .open(log)
            .map_err(|source| Error::Io {
                path: log.to_path_buf(),
                source,
            })?;
        let errors = output.try_clone().map_err(|source| Error::Io {
            path: log.to_path_buf(),
            source,
        })?;
        command
            .stdin(Stdio::null())
            .stdout(output)
            .stderr(errors)
            .process_group(0);

        let child = command.spawn().map_err(|source| Error::Spawn {
            program: name.to_string(),
            source,
        })?;
        Ok(Guard {
            name: name.to_string(),
            child: Some(child),
            log: log.to_path_buf(),
        })
    }

    /// Returns the file that receives the process's output.
    pub fn log(&self) -> &Path {
        &self.log
    }

    /// Returns an error when the process has already exited.
    pub fn check_running(&mut self) -> Result<()> {
        let Some(child) = self.child.as_mut() else {
            return Err(self.exited("stopped".to_string()));
        };
        match child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(self.exited(status.to_string())),
            Err(source) => Err(Error::Spawn {
                program: self.name.clone(),
                source,
            }),
        }
    }

    fn exited(&self, status: String) -> Error {
        Error::ExitedEarly {
            program: self.name.clone(),
            status,
            log: self.log.clone(),
        }
    }

    /// Sends SIGTERM to the process, waits for it, then sends SIGKILL to
    /// its whole process group so that nothing it started outlives it.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pid = child.id();
        if matches!(child.try_wait(), Ok(None)) {
            signal("-TERM", &pid.to_string());
            let deadline = Instant::now() + TERM_GRACE;
            while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                sleep(POLL);
            }
            if matches!(child.try_wait(), Ok(None)) {
                eprintln!(
                    "[e2e] {} (pid {pid}) ignored SIGTERM; killing it",
                    self.name
                );
                let _ = child.kill();
            }
        }
        let _ = child.wait();
        // The group ID is the child's PID because of `process_group(0)`.
        signal("-KILL", &format!("-{pid}"));
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Sends a signal with kill(1); the target may already be gone.
fn signal(signal: &str, target: &str) {
    let _ = Command::new("kill")
        .args([signal, "--", target])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Returns a TCP port on 127.0.0.1 that nothing listens on right now.
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|source| Error::Io {
        path: PathBuf::from("127.0.0.1:0"),
        source,
    })?;
    let port = listener
        .local_addr()
        .map_err(|source| Error::Io {
            path: PathBuf::from("127.0.0.1:0"),
            source,
        })?
        .port();
    Ok(port)
}

/// Returns whether a listener could bind `port` on 127.0.0.1 now.
pub fn port_is_free(port: u16) -> bool {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_ok()
}

/// Waits until `port` is free, or returns [`Error::PortBusy`].
pub fn wait_port_free(port: u16, program: &str) -> Result<()> {
    let deadline = Instant::now() + PORT_RELEASE;
    while !port_is_free(port) {
        if Instant::now() >= deadline {
            return Err(Error::PortBusy {
                port,
                program: program.to_string(),
            });
        }
        sleep(POLL);
    }
    Ok(())
}

/// Finds `program` in the folders of `PATH`, then in Cargo's `bin` folder
/// (where `cargo install` puts tauri-driver).
pub fn find_program(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    std::env::split_paths(&path)
        .chain(cargo_home.map(|home| home.join("bin")))
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// An Xvfb virtual screen on a display number of its own.
#[derive(Debug)]
pub struct Xvfb {
    display: u32,
    process: Guard,
}

/// The display numbers searched for a free one; high enough to miss a
/// developer's real screen and the usual `:99` of CI scripts.
const DISPLAYS: std::ops::RangeInclusive<u32> = 110..=199;

/// How long Xvfb may take to open its socket.
const XVFB_START: Duration = Duration::from_secs(15);

impl Xvfb {
    /// Starts Xvfb with a 1280×800 24-bit screen on the first free display,
    /// logging to `log`.
    pub fn start(log: &Path) -> Result<Xvfb> {
        let program = find_program("Xvfb").ok_or_else(|| Error::ToolMissing {
            program: "Xvfb".to_string(),
            hint: "install the xvfb package (run .ci/setup)".to_string(),
        })?;
        for display in DISPLAYS {
            if display_in_use(display) {
                continue;
            }
            let mut command = Command::new(&program);
            command
                .arg(format!(":{display}"))
                .args(["-screen", "0", "1280x800x24"]);
            command.args(["-nolisten", "tcp"]);
            let mut process = Guard::spawn("Xvfb", command, log)?;
            if wait_for_socket(display, &mut process) {
                return Ok(Xvfb { display, process });
            }
            // Another Xvfb took the number between the check and the start.
            process.stop();
        }
        Err(Error::NoFreeDisplay {
            first: *DISPLAYS.start(),
            last: *DISPLAYS.end(),
        })
    }

    /// Returns the value for `DISPLAY`, such as `:110`.
    pub fn display(&self) -> String {
        format!(":{}", self.display)
    }

    /// Stops the server and checks that its display is free again.
    pub fn stop(&mut self) -> Result<()> {
        self.process.stop();
        let deadline = Instant::now() + PORT_RELEASE;
        while display_in_use(self.display) {
            if Instant::now() >= deadline {
                return Err(Error::DisplayBusy {
                    display: self.display,
                });
            }
            sleep(POLL);
        }
        Ok(())
    }
}

fn x_socket(display: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/.X11-unix/X{display}"))
}

fn display_in_use(display: u32) -> bool {
    Path::new(&format!("/tmp/.X{display}-lock")).exists() || x_socket(display).exists()
}

fn wait_for_socket(display: u32, process: &mut Guard) -> bool {
    let deadline = Instant::now() + XVFB_START;
    while Instant::now() < deadline {
        if process.check_running().is_err() {
            return false;
        }
        if x_socket(display).exists() {
            return true;
        }
        sleep(POLL);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_port_is_bindable() -> Result<()> {
        let port = free_port()?;

        assert!(
            port_is_free(port),
            "port {port} from free_port should be bindable"
        );
        Ok(())
    }

    #[test]
    fn wait_port_free_reports_busy_port() -> Result<()> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|source| Error::Io {
            path: PathBuf::from("listener"),
            source,
        })?;
        let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();

        let outcome = wait_port_free(port, "test listener");

        assert!(
            matches!(outcome, Err(Error::PortBusy { port: p, .. }) if p == port),
            "a bound port should be reported busy, got {outcome:?}"
        );
        Ok(())
    }

    #[test]
    fn guard_stops_process_and_its_children() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|source| Error::Io {
            path: PathBuf::from("tempdir"),
            source,
        })?;
        let pid_file = dir.path().join("grandchild.pid");
        let mut command = Command::new("sh");
        // The grandchild ignores SIGTERM, so only the group kill can stop it.
        command.arg("-c").arg(format!(
            "sh -c 'trap \"\" TERM; echo $$ > {}; sleep 60' & wait",
            pid_file.display()
        ));
        let mut guard = Guard::spawn("sh", command, &dir.path().join("sh.log"))?;
        let deadline = Instant::now() + Duration::from_secs(5);
        while !pid_file.exists() && Instant::now() < deadline {
            sleep(POLL);
        }
        let grandchild = std::fs::read_to_string(&pid_file).map_err(|source| Error::Io {
            path: pid_file.clone(),
            source,
        })?;

        guard.stop();
        sleep(Duration::from_millis(300));

        let proc_dir = PathBuf::from(format!("/proc/{}", grandchild.trim()));
        let state = std::fs::read_to_string(proc_dir.join("stat")).unwrap_or_default();
        let gone = state.is_empty() || state.contains(") Z ");
        assert!(
            gone,
            "grandchild {} should be stopped, /proc stat: {state}",
            grandchild.trim()
        );
        assert!(
            guard.child.is_none(),
            "a stopped guard should hold no child"
        );
        Ok(())
    }
}
