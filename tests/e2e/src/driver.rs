//! tauri-driver: the WebDriver server that starts the app and forwards
//! commands to WebKitWebDriver.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::process::{find_program, free_port, wait_port_free, Guard, POLL};
use crate::{Client, Error, Result};

/// How long tauri-driver may take to respond to `GET /status`.
const DRIVER_START: Duration = Duration::from_secs(30);

/// How many times a start is retried with new ports when another process
/// took a port between choosing and binding it.
const START_ATTEMPTS: usize = 3;

/// A running tauri-driver and the WebKitWebDriver it started.
#[derive(Debug)]
pub struct Driver {
    process: Guard,
    port: u16,
    native_port: u16,
}

impl Driver {
    /// Starts tauri-driver on two free ports with `env` added to its
    /// environment (the app inherits it), logging to `log`.
    pub fn start(env: &[(String, String)], log: &Path) -> Result<Driver> {
        let program = find_program("tauri-driver").ok_or_else(|| Error::ToolMissing {
            program: "tauri-driver".to_string(),
            hint: "install it with: cargo install tauri-driver --locked --version '^2' \
                   (or run .ci/setup)"
                .to_string(),
        })?;
        if find_program("WebKitWebDriver").is_none() {
            return Err(Error::ToolMissing {
                program: "WebKitWebDriver".to_string(),
                hint: "install the webkit2gtk-driver package (run .ci/setup)".to_string(),
            });
        }

        let mut last_error = None;
        for _ in 0..START_ATTEMPTS {
            match Driver::try_start(&program, env, log) {
                Ok(driver) => return Ok(driver),
                Err(error) => {
                    eprintln!("[e2e] tauri-driver did not start: {error}");
                    last_error = Some(error);
                }
            }
        }
        Err(last_error.unwrap_or(Error::Timeout {
            what: "tauri-driver to start".to_string(),
            after: DRIVER_START,
        }))
    }

    fn try_start(program: &Path, env: &[(String, String)], log: &Path) -> Result<Driver> {
        let port = free_port()?;
        let native_port = loop {
            let candidate = free_port()?;
            if candidate != port {
                break candidate;
            }
        };
        let mut command = Command::new(program);
        command.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ]);
        command.envs(env.iter().map(|(name, value)| (name, value)));
        let mut driver = Driver {
            process: Guard::spawn("tauri-driver", command, log)?,
            port,
            native_port,
        };

        let client = driver.client();
        let deadline = Instant::now() + DRIVER_START;
        loop {
            driver.process.check_running()?;
            if client.is_ready() {
                return Ok(driver);
            }
            if Instant::now() >= deadline {
                driver.stop()?;
                return Err(Error::Timeout {
                    what: format!("tauri-driver on port {port} to respond to GET /status"),
                    after: DRIVER_START,
                });
            }
            sleep(POLL);
        }
    }

    /// Creates a client for the driver's port.
    pub fn client(&self) -> Client {
        Client::new(self.port)
    }

    /// Returns the file that receives the output of tauri-driver,
    /// WebKitWebDriver and the app.
    pub fn log(&self) -> &Path {
        self.process.log()
    }

    /// Stops tauri-driver (which stops WebKitWebDriver) and checks that
    /// both ports are free again.
    pub fn stop(&mut self) -> Result<()> {
        self.process.stop();
        wait_port_free(self.port, "tauri-driver")?;
        wait_port_free(self.native_port, "WebKitWebDriver")
    }
}
