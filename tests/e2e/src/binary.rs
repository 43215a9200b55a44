//! Locating (and building when needed) the app binary under test.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::{Error, Result};

/// The app's Cargo package and binary name.
const APP_PACKAGE: &str = "chumchon-app";

/// Environment variable that names a prebuilt app binary to test instead.
const APP_OVERRIDE: &str = "CHUMCHON_APP";

/// Returns the repository root (the workspace that contains this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Returns the absolute path of the app binary to test.
///
/// With `CHUMCHON_APP` set, that file is used as it is. Otherwise the app
/// is built with `cargo build -p chumchon-app` in the test's own profile
/// and target folder (a no-op of about a second when it is up to date), so
/// that a test never runs a stale app. The UI must be built first
/// (`npm run build` in `ui/`), because the app embeds `ui/dist`.
/// The lookup runs once per test binary.
pub fn app_binary() -> Result<PathBuf> {
    static BINARY: OnceLock<std::result::Result<PathBuf, String>> = OnceLock::new();
    let found = BINARY.get_or_init(|| locate().map_err(|error| error.to_string()));
    found.clone().map_err(|hint| Error::AppMissing {
        path: PathBuf::from(APP_PACKAGE),
        hint,
    })
}

fn locate() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(APP_OVERRIDE).map(PathBuf::from) {
        return path.canonicalize().map_err(|_| Error::AppMissing {
            path,
            hint: format!("{APP_OVERRIDE} names a file that does not exist"),
        });
    }
    let profile_dir = profile_dir()?;
    build(&profile_dir)?;

    let binary = profile_dir.join(APP_PACKAGE);
    binary.canonicalize().map_err(|_| Error::AppMissing {
        path: binary.clone(),
        hint: "cargo build succeeded but left no binary there".to_string(),
    })
}

/// Returns the folder of the running test's profile, such as
/// `target/debug`, because the test binary is in its `deps` subfolder.
pub(crate) fn profile_dir() -> Result<PathBuf> {
    let exe = std::env::current_exe().map_err(|source| Error::Io {
        path: PathBuf::from("current test binary"),
        source,
    })?;
    exe.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::AppMissing {
            path: exe.clone(),
            hint: "the test binary is not inside a cargo target folder".to_string(),
        })
}

fn build(profile_dir: &Path) -> Result<()> {
    let root = workspace_root();
    let index = root.join("ui/dist/index.html");
    if !index.is_file() {
        return Err(Error::AppMissing {
            path: profile_dir.join(APP_PACKAGE),
            hint: format!(
                "{} is missing; build the UI first: cd ui && npm ci && npm run build",
                index.display()
            ),
        });
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(&root)
        .args(["build", "-p", APP_PACKAGE]);
    if let Some(target_dir) = profile_dir.parent() {
        command.arg("--target-dir").arg(target_dir);
    }
    if profile_dir
        .file_name()
        .is_some_and(|name| name == "release")
    {
        command.arg("--release");
    }
    // Variables that cargo sets for this test package would otherwise leak
    // into the nested build and could make build scripts rerun.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_MANIFEST_")
            || matches!(
                &*name,
                "CARGO_CRATE_NAME" | "CARGO_PRIMARY_PACKAGE" | "CARGO_TARGET_TMPDIR"
            )
        {
            command.env_remove(&*name);
        }
    }

    eprintln!("[e2e] building the app: cargo build -p {APP_PACKAGE}");
    let status = command.status().map_err(|source| Error::Spawn {
        program: "cargo".to_string(),
        source,
    })?;
    if !status.success() {
        return Err(Error::AppMissing {
            path: profile_dir.join(APP_PACKAGE),
            hint: format!("cargo build -p {APP_PACKAGE} failed ({status})"),
        });
    }
    Ok(())
}
