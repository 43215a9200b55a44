//! State the shell keeps between commands: the open database, the settings
//! file's path, and the file-dialog stand-in for automated tests.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;
use tracing::info;

use crate::config::ShellConfig;
use crate::dialogs::E2eDialogs;
use crate::error::{AppError, AppResult};

/// An open database and the file it came from.
pub struct Database {
    /// The database file.
    pub path: PathBuf,
    /// The connection, opened with [`chumchon::db::open`].
    pub conn: Connection,
}

impl Database {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> AppResult<Database> {
        let conn = chumchon::db::open(path)?;
        info!(path = %path.display(), "database opened");
        Ok(Database {
            path: path.to_path_buf(),
            conn,
        })
    }
}

/// State shared by all commands.
pub struct AppState {
    db: Mutex<DbSlot>,
    config_path: PathBuf,
    /// Set when the `CHUMCHON_E2E_DIR` environment variable names a folder,
    /// so that file dialogs return paths from that folder.
    pub e2e: Option<E2eDialogs>,
}

/// The database the commands work on, or why none is open.
enum DbSlot {
    Open(Database),
    /// Opening `path` failed at start; the settings screen lets the user
    /// choose another file.
    Failed {
        path: PathBuf,
        error: AppError,
    },
}

impl AppState {
    /// Creates the state from the result of opening the database at `path`.
    pub fn new(
        path: &Path,
        opened: AppResult<Database>,
        config_path: PathBuf,
        e2e: Option<E2eDialogs>,
    ) -> AppState {
        let slot = match opened {
            Ok(db) => DbSlot::Open(db),
            Err(error) => DbSlot::Failed {
                path: path.to_path_buf(),
                error,
            },
        };
        AppState {
            db: Mutex::new(slot),
            config_path,
            e2e,
        }
    }

    /// Locks the database for one command. A lock poisoned by a panic in an
    /// earlier command is taken over, because SQLite rolled back whatever
    /// that command left unfinished.
    fn lock(&self) -> MutexGuard<'_, DbSlot> {
        self.db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `work` on the open database, mapping the core's error. Fails
    /// with the start-up error when no database is open.
    pub fn with_db<T>(&self, work: impl FnOnce(&mut Database) -> AppResult<T>) -> AppResult<T> {
        match &mut *self.lock() {
            DbSlot::Open(db) => work(db),
            DbSlot::Failed { error, .. } => Err(error.clone()),
        }
    }

    /// Runs `work` on the open connection, mapping the core's error.
    pub fn with_conn<T>(
        &self,
        work: impl FnOnce(&mut Connection) -> chumchon::Result<T>,
    ) -> AppResult<T> {
        self.with_db(|db| Ok(work(&mut db.conn)?))
    }

    /// Runs `work` in one write transaction (`BEGIN IMMEDIATE`), committed
    /// when `work` succeeds and rolled back when it fails.
    pub fn with_write<T>(
        &self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> chumchon::Result<T>,
    ) -> AppResult<T> {
        self.with_conn(|conn| {
            let tx = chumchon::db::write(conn)?;
            let value = work(&tx)?;
            tx.commit()?;
            Ok(value)
        })
    }

    /// Returns the path of the open database, or of the one that failed to
    /// open.
    pub fn db_path(&self) -> PathBuf {
        match &*self.lock() {
            DbSlot::Open(db) => db.path.clone(),
            DbSlot::Failed { path, .. } => path.clone(),
        }
    }

    /// Returns the error that kept the database from opening at start.
    pub fn db_error(&self) -> Option<AppError> {
        match &*self.lock() {
            DbSlot::Open(_) => None,
            DbSlot::Failed { error, .. } => Some(error.clone()),
        }
    }

    /// Closes the open database and opens the one at `path` in its place.
    /// When `path` cannot be opened, the old database stays open.
    pub fn switch_database(&self, path: &Path) -> AppResult<()> {
        let opened = Database::open(path)?;
        *self.lock() = DbSlot::Open(opened);
        Ok(())
    }

    /// Reads the shell's settings file.
    pub fn config(&self) -> ShellConfig {
        ShellConfig::load(&self.config_path)
    }

    /// Changes the shell's settings file with `edit`.
    pub fn update_config(&self, edit: impl FnOnce(&mut ShellConfig)) -> AppResult<()> {
        let mut config = self.config();
        edit(&mut config);
        config.save(&self.config_path)
    }
}

/// Builds the context for a write: the operating-system user and the local
/// clock.
#[expect(
    clippy::disallowed_methods,
    reason = "the shell is the one place that reads the clock, to build the context the core takes"
)]
pub fn context() -> chumchon::Context {
    let operator = ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string());
    chumchon::Context::new(operator, chrono::Local::now().naive_local())
}

/// Picks the database to open: the `--db` flag first, then the
/// `CHUMCHON_DB` environment variable, then the file chosen in the app's
/// settings, then the core's default location.
pub fn resolve_db_path(
    flag: Option<PathBuf>,
    env: Option<PathBuf>,
    config: &ShellConfig,
) -> AppResult<PathBuf> {
    flag.or(env)
        .or_else(|| config.database.clone())
        .or_else(chumchon::db::default_path)
        .ok_or_else(|| {
            AppError::new(
                "no_database",
                "no home folder to keep the database in; pass --db PATH",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_flag_wins_over_env_and_config() -> AppResult<()> {
        let config = ShellConfig {
            database: Some("/c.db".into()),
            language: None,
        };

        let path = resolve_db_path(Some("/flag.db".into()), Some("/env.db".into()), &config)?;

        assert_eq!(path, PathBuf::from("/flag.db"), "the --db flag should win");
        Ok(())
    }

    #[test]
    fn db_env_wins_over_config() -> AppResult<()> {
        let config = ShellConfig {
            database: Some("/c.db".into()),
            language: None,
        };

        let path = resolve_db_path(None, Some("/env.db".into()), &config)?;

        assert_eq!(
            path,
            PathBuf::from("/env.db"),
            "CHUMCHON_DB should win over settings"
        );
        Ok(())
    }

    #[test]
    fn db_config_wins_over_default() -> AppResult<()> {
        let config = ShellConfig {
            database: Some("/c.db".into()),
            language: None,
        };

        let path = resolve_db_path(None, None, &config)?;

        assert_eq!(
            path,
            PathBuf::from("/c.db"),
            "the saved choice should win over default"
        );
        Ok(())
    }

    #[test]
    fn switch_database_keeps_old_on_failure() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let first = dir.path().join("first.db");
        let state = AppState::new(
            &first,
            Database::open(&first),
            dir.path().join("s.json"),
            None,
        );
        let not_a_db = dir.path().join("text.db");
        std::fs::write(&not_a_db, "this is not a database file, just text")?;

        let result = state.switch_database(&not_a_db);

        assert!(result.is_err(), "a text file should not open as a database");
        assert_eq!(
            state.db_path(),
            first,
            "the first database should stay open"
        );
        Ok(())
    }
}
