//! The audit log: who changed which record, when, from what to what.

use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use crate::{Context, Result};

/// One change to one record.
#[derive(Debug, Clone)]
pub struct Change {
    /// Table the record lives in.
    pub table: &'static str,
    /// The record's key (a member number, a row id).
    pub record_id: String,
    /// Values before the change; `None` for an insert.
    pub old: Option<Value>,
    /// Values after the change; `None` for a delete.
    pub new: Option<Value>,
}

impl Change {
    /// A new record with `values`.
    pub fn insert(
        table: &'static str,
        record_id: impl ToString,
        values: &impl Serialize,
    ) -> Change {
        Change {
            table,
            record_id: record_id.to_string(),
            old: None,
            new: serde_json::to_value(values).ok(),
        }
    }
}

/// An entry read back from the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Local date and time of the change, ISO 8601.
    pub at: String,
    /// Operator who made it.
    pub operator: String,
    /// `insert`, `update` or `delete`.
    pub action: String,
    /// Table of the record.
    pub table: String,
    /// Key of the record.
    pub record_id: String,
    /// Values before, as JSON.
    pub old: Option<Value>,
    /// Values after, as JSON.
    pub new: Option<Value>,
}

/// Appends `change` to the audit log, stamped with the context's operator
/// and time. Call it inside the transaction that makes the change.
pub fn record(conn: &Connection, ctx: &Context, change: Change) -> Result<()> {
    let action = match (&change.old, &change.new) {
        (None, _) => "insert",
        (Some(_), Some(_)) => "update",
        (Some(_), None) => "delete",
    };
    conn.prepare_cached(
        "INSERT INTO audit_log (at, operator, action, table_name, record_id, old_values, new_values)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute((
        ctx.timestamp().to_string(),
        &ctx.operator,
        action,
        change.table,
        &change.record_id,
        change.old.map(|v| v.to_string()),
        change.new.map(|v| v.to_string()),
    ))?;
    Ok(())
}

/// Lists the changes made to one record, oldest first.
pub fn history(conn: &Connection, table: &str, record_id: &str) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT at, operator, action, table_name, record_id, old_values, new_values
         FROM audit_log WHERE table_name = ?1 AND record_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map((table, record_id), |row| {
        let json = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
        Ok(Entry {
            at: row.get(0)?,
            operator: row.get(1)?,
            action: row.get(2)?,
            table: row.get(3)?,
            record_id: row.get(4)?,
            old: json(row.get(5)?),
            new: json(row.get(6)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
