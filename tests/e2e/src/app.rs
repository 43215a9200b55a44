//! [`App`]: one running Chumchon window under a virtual screen, with its
//! own database and dialog folder, stopped in order when done.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde_json::json;
use tempfile::TempDir;

use crate::binary::{app_binary, profile_dir};
use crate::driver::Driver;
use crate::process::Xvfb;
use crate::{Error, Result, Session};

/// The environment variable that makes the app take its file dialogs'
/// results from a folder instead of showing the dialogs.
const E2E_DIR_VAR: &str = "CHUMCHON_E2E_DIR";

/// Only one app runs at a time, because each starts its own WebKit
/// processes and two at once would compete for a small machine's cores.
static ONE_APP_AT_A_TIME: Mutex<()> = Mutex::new(());

/// How to start the app for one test.
#[derive(Debug, Clone)]
pub struct Launch {
    name: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

impl Launch {
    /// Creates a launch for the test called `name`, which names its
    /// artifacts folder. The app gets `--db` with a new database in a temporary folder.
    pub fn new(name: &str) -> Launch {
        Launch {
            name: name.to_string(),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// Fills the new database with demo data (`--demo`).
    pub fn demo(self) -> Launch {
        self.arg("--demo")
    }

    /// Adds a command-line argument for the app.
    pub fn arg(mut self, arg: &str) -> Launch {
        self.args.push(arg.to_string());
        self
    }

    /// Sets an environment variable for the app.
    pub fn env(mut self, name: &str, value: &str) -> Launch {
        self.env.push((name.to_string(), value.to_string()));
        self
    }
}

/// A running app window driven through WebDriver.
///
/// Dropping it deletes the session, stops tauri-driver and stops Xvfb, in
/// that order. Unless [`App::close`] was called first, dropping it also
/// saves a screenshot and the page source, since the test failed.
#[derive(Debug)]
pub struct App {
    name: String,
    session: Option<Session>,
    driver: Option<Driver>,
    screen: Option<Xvfb>,
    artifacts: PathBuf,
    database: PathBuf,
    dialogs: PathBuf,
    closed: bool,
    _dir: TempDir,
    _turn: MutexGuard<'static, ()>,
}

impl App {
    /// Starts Xvfb, tauri-driver and the app, and returns once the app's
    /// window is open.
    ///
    /// Fails with [`Error::ToolMissing`] when Xvfb, tauri-driver or
    /// WebKitWebDriver is not installed, and with [`Error::AppMissing`]
    /// when the app cannot be built.
    pub fn launch(launch: Launch) -> Result<App> {
        let turn = ONE_APP_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let binary = app_binary()?;
        let artifacts = artifacts_dir(&launch.name)?;
        let dir = tempfile::Builder::new()
            .prefix("chumchon-e2e-")
            .tempdir()
            .map_err(|source| Error::Io {
                path: std::env::temp_dir(),
                source,
            })?;
        let database = dir.path().join("chumchon.db");
        let dialogs = create_dir(&dir.path().join("dialogs"))?;

        let mut app = App {
            name: launch.name.clone(),
            session: None,
            driver: None,
            screen: None,
            artifacts,
            database,
            dialogs,
            closed: false,
            _dir: dir,
            _turn: turn,
        };
        let screen = Xvfb::start(&app.artifacts.join("xvfb.log"))?;
        let env = app.environment(&screen, &launch)?;
        app.screen = Some(screen);
        let driver = Driver::start(&env, &app.artifacts.join("driver.log"))?;
        let client = driver.client();
        app.driver = Some(driver);

        let mut args = vec!["--db".to_string(), app.database.display().to_string()];
        args.extend(launch.args.iter().cloned());
        let capabilities = json!({
            "tauri:options": { "application": binary, "args": args },
        });
        app.session = Some(Session::open(client, capabilities)?);
        Ok(app)
    }

    /// Builds the environment of tauri-driver, which passes it on to the
    /// app: the virtual screen, the dialog folder, and XDG folders inside the
    /// temporary folder so that the app reads none of the developer's settings.
    fn environment(&self, screen: &Xvfb, launch: &Launch) -> Result<Vec<(String, String)>> {
        let root = self._dir.path();
        let mut env = vec![
            ("DISPLAY".to_string(), screen.display()),
            ("GDK_BACKEND".to_string(), "x11".to_string()),
            (E2E_DIR_VAR.to_string(), self.dialogs.display().to_string()),
            ("NO_AT_BRIDGE".to_string(), "1".to_string()),
        ];
        for (name, folder) in [
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
        ] {
            env.push((
                name.to_string(),
                create_dir(&root.join(folder))?.display().to_string(),
            ));
        }
        env.extend(launch.env.iter().cloned());
        Ok(env)
    }

    /// Returns the WebDriver session of the app's window.
    pub fn session(&self) -> &Session {
        self.session
            .as_ref()
            .expect("the session exists until the app is closed")
    }

    /// Returns the database file the app opened (`--db`).
    pub fn database(&self) -> &Path {
        &self.database
    }

    /// Returns the folder that replaces the app's file dialogs. An open
    /// dialog returns the next file of this folder in name order, and a save
    /// dialog writes the suggested file name into it.
    pub fn dialog_dir(&self) -> &Path {
        &self.dialogs
    }

    /// Returns this test's folder for screenshots and logs, under the cargo
    /// target folder: `target/e2e/<test name>/`.
    pub fn artifacts(&self) -> &Path {
        &self.artifacts
    }

    /// Saves a screenshot of the window as `<name>.png` in the artifacts
    /// folder and returns its path.
    pub fn save_screenshot(&self, name: &str) -> Result<PathBuf> {
        let path = self.artifacts.join(format!("{name}.png"));
        self.session().save_screenshot(&path)?;
        Ok(path)
    }

    /// Closes the app and stops the driver and the screen, returning the
    /// first error met. Call it at the end of a test that passed, after
    /// checking files: it removes the temporary folder with the database
    /// and the dialog folder.
    pub fn close(mut self) -> Result<()> {
        self.closed = true;
        self.shut_down()
    }

    fn shut_down(&mut self) -> Result<()> {
        let mut outcome = Ok(());
        if let Some(mut session) = self.session.take() {
            outcome = outcome.and(session.delete());
        }
        if let Some(mut driver) = self.driver.take() {
            outcome = outcome.and(driver.stop());
        }
        if let Some(mut screen) = self.screen.take() {
            outcome = outcome.and(screen.stop());
        }
        outcome
    }

    /// Saves what a developer needs to see why the test failed.
    fn save_failure_artifacts(&self) {
        let Some(session) = &self.session else {
            return;
        };
        match self.save_screenshot("failure") {
            Ok(path) => eprintln!("[e2e] {}: screenshot at {}", self.name, path.display()),
            Err(error) => eprintln!("[e2e] {}: no screenshot: {error}", self.name),
        }
        let source = self.artifacts.join("failure.html");
        if let Ok(html) = session.page_source() {
            let _ = std::fs::write(&source, html);
            eprintln!("[e2e] {}: page source at {}", self.name, source.display());
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if !self.closed {
            self.save_failure_artifacts();
            if let Some(driver) = &self.driver {
                eprintln!(
                    "[e2e] {}: driver and app log at {}",
                    self.name,
                    driver.log().display()
                );
            }
        }
        if let Err(error) = self.shut_down() {
            eprintln!("[e2e] {}: cleanup failed: {error}", self.name);
        }
    }
}

/// Creates (emptied) `target/e2e/<name>/`, or a folder in the system's
/// temporary folder when the test binary is outside a target folder.
fn artifacts_dir(name: &str) -> Result<PathBuf> {
    let base = profile_dir()
        .ok()
        .and_then(|profile| profile.parent().map(|target| target.join("e2e")))
        .unwrap_or_else(|| std::env::temp_dir().join("chumchon-e2e"));
    let dir = base.join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
    }
    create_dir(&dir)
}

fn create_dir(path: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(path.to_path_buf())
}
