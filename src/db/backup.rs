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
    let db_path = match conn.path() {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => return Ok(None),
    };
    let folder = db_path.parent().unwrap_or(Path::new(".")).join("backups");
    let stem = db_path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("chumchon");
    let stamp = ctx.now.format("%Y%m%d-%H%M%S");
    let mut out = folder.join(format!("{stem}-{stamp}-before-{reason}.db"));
    let mut attempt = 1;
    while out.exists() {
        attempt += 1;
        out = folder.join(format!("{stem}-{stamp}-before-{reason}-{attempt}.db"));
    }
    backup_to(conn, &out)?;
    Ok(Some(out))
}
