//! Consistent copies of the database file.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::{Context, Error, Result};

/// Writes a consistent copy of the open database to `out`, replacing
/// nothing: an existing file at `out` is an error.
pub fn backup_to(conn: &Connection, out: &Path) -> Result<()> {
    super::refuse_database_as_output(conn, out)?;
    if out.exists() {
        return Err(Error::FileExists {
            path: out.to_path_buf(),
        });
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    vacuum_into(conn, out)
}

/// Copies the database into `out`, which must not exist or be empty
/// (SQLite's rule for `VACUUM INTO`).
fn vacuum_into(conn: &Connection, out: &Path) -> Result<()> {
    let target = out.to_str().ok_or_else(|| Error::Io {
        path: out.to_path_buf(),
        source: std::io::Error::other("backup path is not valid UTF-8"),
    })?;
    conn.execute("VACUUM INTO ?1", [target])?;
    Ok(())
}

/// Backs the database up before a risky change, into a `backups` folder
/// beside the database file, named by time and `reason`. Returns the
/// backup's path, or `None` for an in-memory database.
pub fn backup_before(conn: &Connection, ctx: &Context, reason: &str) -> Result<Option<PathBuf>> {
    let stamp = ctx.now.format("%Y%m%d-%H%M%S");
    copy_into_backups(conn, &format!("{stamp}-before-{reason}"))
}

/// Backs the database up before migrations change its schema from
/// version `from`, as [`backup_before`] does. The name carries the version
/// instead of the time, because opening a database has no [`Context`].
pub(crate) fn backup_before_upgrade(conn: &Connection, from: i64) -> Result<Option<PathBuf>> {
    copy_into_backups(conn, &format!("v{from}-before-upgrade"))
}

/// Copies the database into its `backups` folder as
/// `<database name>-<label>.db`, or `-<label>-2.db` and so on when that
/// name is taken. Returns the copy's path, or `None` for an in-memory
/// database.
fn copy_into_backups(conn: &Connection, label: &str) -> Result<Option<PathBuf>> {
    let db_path = match conn.path() {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => return Ok(None),
    };
    let folder = db_path.parent().unwrap_or(Path::new(".")).join("backups");
    let stem = db_path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("chumchon");
    std::fs::create_dir_all(&folder).map_err(|source| Error::Io {
        path: folder.clone(),
        source,
    })?;
    let mut attempt = 1;
    loop {
        let out = match attempt {
            1 => folder.join(format!("{stem}-{label}.db")),
            n => folder.join(format!("{stem}-{label}-{n}.db")),
        };
        attempt += 1;
        // Creating the empty file claims the name, so that two imports
        // started in the same second never write one backup file.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&out)
        {
            Ok(_) => {
                if let Err(error) = vacuum_into(conn, &out) {
                    let _ = std::fs::remove_file(&out);
                    return Err(error);
                }
                return Ok(Some(out));
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(Error::Io { path: out, source }),
        }
    }
}
