//! What every importer shares: telling whether the same file was imported
//! before, backing up before a commit, running the import in one
//! transaction (rolled back for a preview), recording the import, and the
//! row fingerprints that match a changed file's rows to earlier imports.
//!
//! NOTE: the deposit, loan and equipment importers each repeat the ledger
//! importer's row loop and changed-row handling instead of sharing them here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::import::report::{ImportReport, Problem, Severity};
use crate::{db, Context, Result};

/// Which changed rows of a re-imported file to write over the stored
/// records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcceptChanges {
    /// None: changed rows are listed and skipped.
    #[default]
    None,
    /// Every changed row.
    All,
    /// The rows with these sheet row numbers.
    Rows(BTreeSet<u32>),
}

impl AcceptChanges {
    /// Whether the change in sheet row `row` is accepted.
    pub fn accepts(&self, row: u32) -> bool {
        match self {
            AcceptChanges::None => false,
            AcceptChanges::All => true,
            AcceptChanges::Rows(rows) => rows.contains(&row),
        }
    }
}

/// One field that differs between a sheet row and the stored record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// Field key, such as `phone`.
    pub field: &'static str,
    /// Stored value, as text.
    pub old: String,
    /// Value in the sheet, as text.
    pub new: String,
}

/// A row whose record was imported before and now reads differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedRow {
    /// The sheet's row number.
    pub row: u32,
    /// The record's key, such as a member number.
    pub key: String,
    /// The fields that differ.
    pub changes: Vec<FieldChange>,
    /// Whether the change was written (an accepted change on a commit).
    pub applied: bool,
}

/// The outcome of a preview or an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome<D> {
    /// The report, in the CLI's JSON shape.
    pub report: ImportReport,
    /// When the same bytes were imported before, the local date and time.
    pub imported_before: Option<String>,
    /// Rows that changed since an earlier import.
    pub changed: Vec<ChangedRow>,
    /// Where the database was backed up before the commit.
    pub backup: Option<PathBuf>,
    /// What the importer adds: the column mapping, the parsed rows.
    pub details: D,
}

/// Whether to write the import or only report what it would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Run everything in a transaction, then roll it back.
    Preview,
    /// Back up the database, then run and commit.
    Commit,
}

/// A file about to be imported, identified by its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path as given.
    pub path: PathBuf,
    /// File name for reports.
    pub name: String,
    /// SHA-256 of the contents, in hex.
    pub sha256: String,
}

impl SourceFile {
    /// Reads and hashes the file at `path`.
    pub fn open(path: &Path) -> Result<SourceFile> {
        let bytes = std::fs::read(path).map_err(|source| crate::Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let sha256 = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(SourceFile {
            path: path.to_path_buf(),
            name,
            sha256,
        })
    }
}

/// A finished import, as stored in the `imports` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord<'a> {
    /// Import kind, such as `members`.
    pub kind: &'a str,
    /// The file.
    pub file: &'a SourceFile,
    /// Sheet read.
    pub sheet: &'a str,
    /// Community of a register.
    pub community_id: Option<i64>,
    /// Date a register's figures are stated on.
    pub as_of: Option<NaiveDate>,
    /// First and last date a ledger covers.
    pub period: Option<(NaiveDate, NaiveDate)>,
}

/// Returns when the same bytes were last imported as `kind` from `sheet`. The
/// latest import counts, because a later run of a partly refused file may
/// have written the rows the first one refused.
pub fn imported_before(
    conn: &Connection,
    kind: &str,
    file: &SourceFile,
    sheet: &str,
) -> Result<Option<String>> {
    let at = conn
        .query_row(
            "SELECT imported_at FROM imports WHERE kind = ?1 AND file_sha256 = ?2 AND sheet = ?3
             ORDER BY id DESC LIMIT 1",
            (kind, &file.sha256, sheet),
            |row| row.get(0),
        )
        .optional()?;
    Ok(at)
}

/// Runs `work` in one write transaction. In [`Mode::Commit`] the database
/// is backed up first, and the transaction is committed when `work`
/// reports that it wrote something; otherwise it is rolled back and the
/// backup removed, so an import that changes nothing leaves no trace.
/// Returns the work's result and the path of the backup that was kept.
///
/// Re-importing a file changes nothing by itself: every importer matches
/// rows against what earlier imports stored and skips unchanged ones. Rows
/// an earlier import refused, and that are valid now (say, a member added
/// since), are imported.
pub fn run<T>(
    conn: &mut Connection,
    ctx: &Context,
    mode: Mode,
    work: impl FnOnce(&Transaction<'_>) -> Result<(T, bool)>,
) -> Result<(T, Option<PathBuf>)> {
    let backup = match mode {
        Mode::Commit => db::backup_before(conn, ctx, "import")?,
        Mode::Preview => None,
    };
    let tx = db::write(conn)?;
    let (result, wrote) = work(&tx)?;
    if mode == Mode::Commit && wrote {
        tx.commit()?;
        return Ok((result, backup));
    }
    tx.rollback()?;
    if let Some(path) = backup {
        let _ = std::fs::remove_file(path);
    }
    Ok((result, None))
}

/// Stores the import in the `imports` table and returns its id.
pub fn record(conn: &Connection, ctx: &Context, import: &ImportRecord<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO imports (kind, file_name, file_sha256, sheet, community_id, as_of,
            period_from, period_to, operator, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            import.kind,
            import.file.name,
            import.file.sha256,
            import.sheet,
            import.community_id,
            import.as_of,
            import.period.map(|p| p.0),
            import.period.map(|p| p.1),
            ctx.operator,
            ctx.timestamp().to_string(),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Stores the counts of a finished import and records it in the audit
/// log. The rows it added are not audited one by one: each carries the
/// import's id, and the import carries the operator, time and file.
pub fn finish(
    conn: &Connection,
    ctx: &Context,
    import_id: i64,
    imported: usize,
    updated: usize,
) -> Result<()> {
    conn.execute(
        "UPDATE imports SET rows_imported = ?2, rows_updated = ?3 WHERE id = ?1",
        (import_id, imported as i64, updated as i64),
    )?;
    let summary = conn.query_row(
        "SELECT kind, file_name, file_sha256, sheet FROM imports WHERE id = ?1",
        [import_id],
        |row| {
            Ok(serde_json::json!({
                "kind": row.get::<_, String>(0)?,
                "file_name": row.get::<_, String>(1)?,
                "file_sha256": row.get::<_, String>(2)?,
                "sheet": row.get::<_, String>(3)?,
                "rows_imported": imported,
                "rows_updated": updated,
            }))
        },
    )?;
    crate::audit::record(
        conn,
        ctx,
        crate::audit::Change::insert("imports", import_id, &summary),
    )
}

/// The fingerprint stored for a record key, if the record was imported.
pub fn fingerprint(conn: &Connection, kind: &str, key: &str) -> Result<Option<String>> {
    let hash = conn
        .prepare_cached("SELECT row_hash FROM import_rows WHERE kind = ?1 AND row_key = ?2")?
        .query_row((kind, key), |row| row.get(0))
        .optional()?;
    Ok(hash)
}

/// Every fingerprint stored for records of `kind`, by key: read once for a
/// large import rather than looked up row by row.
pub fn fingerprints(
    conn: &Connection,
    kind: &str,
) -> Result<std::collections::HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT row_key, row_hash FROM import_rows WHERE kind = ?1")?;
    let rows = stmt.query_map([kind], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores the fingerprint of an imported record.
pub fn set_fingerprint(
    conn: &Connection,
    kind: &str,
    key: &str,
    hash: &str,
    import_id: i64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO import_rows (kind, row_key, row_hash, import_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind, row_key) DO UPDATE SET row_hash = excluded.row_hash,
             import_id = excluded.import_id",
    )?
    .execute((kind, key, hash, import_id))?;
    Ok(())
}

/// Stores the fingerprints of many imported records, keyed as
/// [`set_fingerprint`] keys one, with 64 rows to a statement.
pub fn set_fingerprints(
    conn: &Connection,
    kind: &str,
    entries: &[(String, String)],
    import_id: i64,
) -> Result<()> {
    for chunk in entries.chunks(64) {
        let rows = vec!["(?, ?, ?, ?)"; chunk.len()].join(", ");
        let mut stmt = conn.prepare_cached(&format!(
            "INSERT INTO import_rows (kind, row_key, row_hash, import_id) VALUES {rows}
             ON CONFLICT (kind, row_key) DO UPDATE SET row_hash = excluded.row_hash,
                 import_id = excluded.import_id"
        ))?;
        for (index, (key, hash)) in chunk.iter().enumerate() {
            let offset = index * 4;
            stmt.raw_bind_parameter(offset + 1, kind)?;
            stmt.raw_bind_parameter(offset + 2, key)?;
            stmt.raw_bind_parameter(offset + 3, hash)?;
            stmt.raw_bind_parameter(offset + 4, import_id)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}

/// Hashes the parts of a record that a re-import compares.
pub fn hash_parts(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = hasher.finalize();
    let mut text = String::with_capacity(32);
    for byte in &digest[..16] {
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    text
}

/// Sorts problems into the report's errors and warnings.
pub fn file_problems(report: &mut ImportReport, problems: impl IntoIterator<Item = Problem>) {
    for problem in problems {
        match problem.severity {
            Severity::Error => report.errors.push(problem),
            Severity::Warning => report.warnings.push(problem),
        }
    }
}
