//! The shell's own settings file: which database to open and the UI
//! language. It is a small JSON file in the operating system's
//! configuration folder for the app, separate from the database, because it
//! says which database to open.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tracing::warn;

use crate::error::{AppError, AppResult};

/// File name of the settings file inside the app's configuration folder.
pub const FILE_NAME: &str = "settings.json";

/// The contents of the settings file. Missing fields take their defaults,
/// so that an older or hand-edited file still loads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShellConfig {
    /// The database the user chose last, if any.
    pub database: Option<PathBuf>,
    /// UI language code, `th` or `en`.
    pub language: Option<String>,
}

impl ShellConfig {
    /// Reads the settings file, or returns the defaults when it is missing.
    /// A file that cannot be parsed is logged and replaced by the defaults,
    /// so that a damaged file never stops the app from starting.
    pub fn load(path: &Path) -> ShellConfig {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return ShellConfig::default();
            }
            Err(error) => {
                warn!(path = %path.display(), %error, "cannot read the settings file");
                return ShellConfig::default();
            }
        };
        serde_json::from_str(&text).unwrap_or_else(|error| {
            warn!(path = %path.display(), %error, "ignoring an invalid settings file");
            ShellConfig::default()
        })
    }

    /// Writes the settings file, creating its folder when needed. The file
    /// is written beside the old one and renamed over it, so that a crash
    /// never leaves half a file.
    pub fn save(&self, path: &Path) -> AppResult<()> {
        let io_error = |source: std::io::Error, path: &Path| {
            AppError::new("io", format!("cannot write {}: {source}", path.display()))
                .with_path(path)
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(e, parent))?;
        }
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| AppError::new("shell", e.to_string()))?;
        let temporary = path.with_extension("json.tmp");
        std::fs::write(&temporary, text).map_err(|e| io_error(e, &temporary))?;
        std::fs::rename(&temporary, path).map_err(|e| io_error(e, path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_round_trips_through_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("nested").join(FILE_NAME);
        let config = ShellConfig {
            database: Some("/data/office.db".into()),
            language: Some("en".to_string()),
        };

        config.save(&path)?;

        assert_eq!(
            ShellConfig::load(&path),
            config,
            "loaded config should equal saved"
        );
        Ok(())
    }

    #[test]
    fn config_missing_file_gives_defaults() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;

        let config = ShellConfig::load(&dir.path().join(FILE_NAME));

        assert_eq!(
            config,
            ShellConfig::default(),
            "a missing file means defaults"
        );
        Ok(())
    }

    #[test]
    fn config_invalid_file_gives_defaults() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "{ not json")?;

        let config = ShellConfig::load(&path);

        assert_eq!(
            config,
            ShellConfig::default(),
            "an invalid file means defaults"
        );
        Ok(())
    }
}
