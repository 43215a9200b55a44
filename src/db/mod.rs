//! Opening the SQLite database: location, pragmas, collation, migrations and
//! backups.

mod backup;
mod migrate;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use tracing::debug;

pub use backup::{backup_before, backup_to};
pub use migrate::{migrate, LATEST_VERSION};

use crate::Result;

/// How long a write waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The database file used when none is chosen: `chumchon.db` in the
/// operating system's application-data folder.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Chumchon", "Chumchon")
        .map(|dirs| dirs.data_dir().join("chumchon.db"))
}

/// Opens (creating if needed) the database at `path` and brings its schema
/// up to date.
///
/// The connection has WAL journaling, foreign keys on, a busy timeout and
/// the Thai collation `THAI` registered. A database written by a newer
/// version of Chumchon is rejected with [`crate::Error::DatabaseTooNew`].
pub fn open(path: &Path) -> Result<Connection> {
    reject_folder(path)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| crate::Error::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    debug!(path = %path.display(), "opening database");
    if is_read_only(path) {
        return Err(crate::Error::rule(
            "database_read_only",
            format!(
                "the database file {} is read-only; copy it to a folder you can write to, \
                 or allow writing to it, and open it again",
                path.display()
            ),
        ));
    }
    // SQLite returns SQLITE_BUSY without calling the busy handler when
    // waiting could deadlock (https://sqlite.org/c3ref/busy_handler.html).
    // A test saw this with eight processes creating one file, so the open
    // is retried until the busy timeout.
    let started = Instant::now();
    let mut pause = Duration::from_millis(10);
    loop {
        let mut conn = Connection::open(path)?;
        let opened = configure(&conn)
            .map_err(|error| not_a_database(error, path))
            .and_then(|()| migrate(&mut conn));
        match opened {
            Ok(()) => return Ok(conn),
            Err(error) if error.code() == "database_busy" && started.elapsed() < BUSY_TIMEOUT => {
                debug!(?pause, "database locked while opening, retrying");
                drop(conn);
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(200));
            }
            Err(error) => return Err(error),
        }
    }
}

/// Replaces SQLite's "file is not a database" with a message that says
/// which file and what to do.
fn not_a_database(error: crate::Error, path: &Path) -> crate::Error {
    match &error {
        crate::Error::Sqlite(rusqlite::Error::SqliteFailure(failure, _))
            if failure.code == rusqlite::ErrorCode::NotADatabase =>
        {
            crate::Error::rule(
                "not_a_database",
                format!(
                    "{} is not a Chumchon database, or it is damaged; choose the .db file \
                     that Chumchon created",
                    path.display()
                ),
            )
        }
        _ => error,
    }
}

fn reject_folder(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(crate::Error::rule(
            "database_is_folder",
            format!(
                "{} is a folder, not a database file; give the path of the .db file",
                path.display()
            ),
        ));
    }
    Ok(())
}

/// Opens an existing database, failing with a clear message when the file
/// is missing, so that a mistyped path never creates an empty database for
/// a command that only reads.
pub fn open_existing(path: &Path) -> Result<Connection> {
    reject_folder(path)?;
    if !path.is_file() {
        return Err(crate::Error::rule(
            "database_not_found",
            format!(
                "database file {} not found; check the path, or import a register to create it",
                path.display()
            ),
        ));
    }
    if is_read_only(path) {
        return open_read_only(path);
    }
    open(path)
}

fn is_read_only(path: &Path) -> bool {
    std::fs::metadata(path)
        .map(|m| m.permissions().readonly())
        .unwrap_or(false)
}

/// Opens a database file that may not be written, such as an archived
/// copy on a USB stick, for reading. A command that then tries to write
/// fails with the `database_read_only` error.
///
/// The file is opened as immutable, which creates no shared-memory file
/// beside it: a read-only one left there would keep the database
/// read-only after the user allows writing to it. That is safe because
/// nothing can change a read-only file while it is read. Only when an
/// unsaved WAL file lies beside it is the file opened the usual way,
/// which needs the shared-memory file to read the WAL
/// (<https://sqlite.org/wal.html>, "Read-Only Databases").
fn open_read_only(path: &Path) -> Result<Connection> {
    use rusqlite::OpenFlags;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;

    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let unsaved_wal = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let opened = if unsaved_wal {
        Connection::open_with_flags(path, flags)
    } else {
        Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
    };
    let conn = opened
        .and_then(|conn| check_readable(&conn).map(|()| conn))
        .map_err(|error| match error {
            rusqlite::Error::SqliteFailure(failure, _)
                if unsaved_wal && failure.code == rusqlite::ErrorCode::CannotOpen =>
            {
                wal_unreadable_error(path)
            }
            error => not_a_database(error.into(), path),
        })?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    crate::thai::collation::register(&conn)?;

    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if version > LATEST_VERSION {
        return Err(crate::Error::DatabaseTooNew {
            found: version,
            supported: LATEST_VERSION,
        });
    }
    if version < LATEST_VERSION {
        return Err(crate::Error::rule(
            "database_read_only",
            format!(
                "the database file {} is read-only and needs an upgrade by this version; \
                 copy it to a folder you can write to, or allow writing to it, and open it again",
                path.display()
            ),
        ));
    }
    Ok(conn)
}

/// Builds the error for a read-only database with an unsaved WAL beside
/// it. SQLite needs a shared-memory file to read the WAL, and it cannot
/// create one in a folder that cannot be written, such as a CD.
fn wal_unreadable_error(path: &Path) -> crate::Error {
    let name = path
        .file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy();
    crate::Error::rule(
        "database_wal_unreadable",
        format!(
            "the database file {} cannot be read here, because its latest changes are still in \
             {name}-wal beside it and the folder cannot be written; copy both files together \
             to a folder you can write to, and open the copy",
            path.display()
        ),
    )
}

/// Reads the schema, which fails when SQLite cannot open the file's
/// journal.
fn check_readable(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
}

/// Builds the `file:` URI that opens `path` as immutable, escaping the
/// characters a URI gives a meaning to.
fn immutable_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if text.starts_with('/') {
        uri.push_str("//");
    } else if text.as_bytes().get(1) == Some(&b':') {
        // A Windows path with a drive letter.
        uri.push_str("///");
    }
    for c in text.chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            _ => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Fails when `out`, a file about to be written, is the open database or
/// one of its journal files, so that a swapped argument never overwrites
/// the registers with a PDF or a spreadsheet.
pub fn refuse_database_as_output(conn: &Connection, out: &Path) -> Result<()> {
    let Some(db) = conn.path().filter(|p| !p.is_empty()).map(PathBuf::from) else {
        return Ok(());
    };
    let db = canonical(&db);
    let out = canonical(out);
    let journals = ["-wal", "-shm", "-journal"].map(|suffix| {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        PathBuf::from(name)
    });
    if out == db || journals.contains(&out) {
        return Err(crate::Error::rule(
            "output_is_database",
            format!(
                "{} is the database itself; choose another file name for the output",
                out.display()
            ),
        ));
    }
    Ok(())
}

/// The absolute form of a path whose file may not exist yet.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(full) = path.canonicalize() {
        return full;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            parent
                .canonicalize()
                .map(|p| p.join(name))
                .unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Copies the database at `path` into a private in-memory database, for a
/// preview of an import into a file that cannot be written. A preview
/// writes into its transaction and then rolls it back, which a read-only
/// connection does not allow.
pub fn open_copy_in_memory(path: &Path) -> Result<Connection> {
    let source = open_existing(path)?;
    let mut copy = Connection::open_in_memory()?;
    rusqlite::backup::Backup::new(&source, &mut copy)?.run_to_completion(
        1024,
        Duration::ZERO,
        None,
    )?;
    configure(&copy)?;
    Ok(copy)
}

/// Opens a private in-memory database with the full schema, for tests and
/// previews.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // A 64 MiB page cache keeps a large import's transaction in memory
    // instead of spilling pages to the WAL before it commits.
    conn.pragma_update(None, "cache_size", -65_536)?;
    crate::thai::collation::register(conn)?;
    Ok(())
}

/// Begins a write transaction that takes the write lock at once
/// (`BEGIN IMMEDIATE`), so that two writers never deadlock on upgrade.
pub fn write(conn: &mut Connection) -> Result<Transaction<'_>> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

/// Reads a setting, or `None` when it was never set.
pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    let value = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?;
    Ok(value)
}

/// Reads a numeric setting, falling back to `default` when it is missing
/// or not a number.
pub fn setting_i64(conn: &Connection, key: &str, default: i64) -> Result<i64> {
    Ok(setting(conn, key)?
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default))
}

/// Stores a setting and records the change in the audit log.
pub fn set_setting(conn: &Connection, ctx: &crate::Context, key: &str, value: &str) -> Result<()> {
    let old = setting(conn, key)?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )?;
    crate::audit::record(
        conn,
        ctx,
        crate::audit::Change {
            table: "settings",
            record_id: key.to_string(),
            old: old.map(serde_json::Value::String),
            new: Some(serde_json::Value::String(value.to_string())),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Root ignores folder permissions, so the test makes the
    /// shared-memory file impossible to create with a dangling symbolic
    /// link, which SQLite cannot open either, as in a read-only folder.
    #[cfg(unix)]
    #[test]
    fn unsaved_wal_in_read_only_place_is_explained() -> Result<()> {
        let io = |source| crate::Error::Io {
            path: std::env::temp_dir(),
            source,
        };
        let dir = tempfile::tempdir().map_err(io)?;
        let original = dir.path().join("original.db");
        let copy = dir.path().join("copy.db");
        let writer = open(&original)?;
        writer.pragma_update(None, "wal_autocheckpoint", 0)?;
        writer.execute(
            "INSERT INTO settings (key, value) VALUES ('note', 'in the WAL')",
            [],
        )?;
        std::fs::copy(&original, &copy).map_err(io)?;
        std::fs::copy(
            dir.path().join("original.db-wal"),
            dir.path().join("copy.db-wal"),
        )
        .map_err(io)?;
        drop(writer);
        std::os::unix::fs::symlink("/nonexistent/folder/shm", dir.path().join("copy.db-shm"))
            .map_err(io)?;
        let mut permissions = std::fs::metadata(&copy).map_err(io)?.permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&copy, permissions).map_err(io)?;

        let error = open_existing(&copy).err();

        let code = error.as_ref().map(crate::Error::code);
        assert_eq!(code, Some("database_wal_unreadable"), "{error:?}");
        let message = error.map(|error| error.to_string()).unwrap_or_default();
        assert!(
            message.contains("copy.db-wal"),
            "names the WAL file: {message}"
        );
        Ok(())
    }

    #[test]
    fn immutable_uri_escapes_path() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
            path: std::env::temp_dir(),
            source,
        })?;
        let path = dir.path().join("สำรอง #2 ?100%.db");
        drop(open(&path)?);
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;

        let conn = Connection::open_with_flags(immutable_uri(&path), flags)?;

        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        assert_eq!(version, LATEST_VERSION, "the same file is read");
        let uri = immutable_uri(&path);
        assert!(
            uri.ends_with("#2 %3F100%25.db?immutable=1".replace('#', "%23").as_str()),
            "'#', '?' and '%' escaped: {uri}"
        );
        Ok(())
    }
}
