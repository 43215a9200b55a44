//! Helpers shared by the community bank's window tests, included by each
//! with `#[path]`: typing into a field, choosing an option, waiting for a
//! text to change, reading a saved PDF back and formatting baht as the
//! screens show it.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use chumchon_e2e::{wait_until, Error, Result, Session};
use serde_json::{json, Value};

/// Replaces the text of the field `test_id` with `text`.
pub fn type_into(ui: &Session, test_id: &str, text: &str) -> Result<()> {
    let field = ui.wait_for(test_id)?;
    field.clear()?;
    field.type_text(text)
}

/// Chooses the option whose value is `value` in the select `test_id`, as
/// a user's choice does: the select fires its change event.
pub fn choose_option(ui: &Session, test_id: &str, value: &str) -> Result<()> {
    const SCRIPT: &str = r#"
const [select, value] = arguments;
if (![...select.options].some((o) => o.value === value)) return false;
select.value = value;
select.dispatchEvent(new Event("change", { bubbles: true }));
return true;
"#;
    wait_until(
        &format!("option {value} of {test_id}"),
        Duration::from_secs(10),
        || {
            let select = ui.find(test_id)?;
            let chosen = ui.execute(SCRIPT, vec![select.to_json(), json!(value)])?;
            Ok((chosen == Value::Bool(true)).then_some(()))
        },
    )
}

/// Waits until the text of `test_id` differs from `before`, and returns it.
pub fn wait_for_change(ui: &Session, test_id: &str, before: &str) -> Result<String> {
    wait_until(
        &format!("[data-testid={test_id}] to change from {before:?}"),
        Duration::from_secs(10),
        || {
            let text = ui.find(test_id)?.text()?;
            Ok((text != before).then_some(text))
        },
    )
}

/// Satang as the screens show baht: 123450 gives "1,234.50".
pub fn baht(satang: i64) -> String {
    let whole = (satang / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{grouped}.{:02}", satang % 100)
}

/// Reads the text of a PDF with pdftotext.
pub fn pdf_text(pdf: &Path) -> Result<String> {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .map_err(|source| Error::Spawn {
            program: "pdftotext (poppler-utils)".into(),
            source,
        })?;
    if !output.status.success() {
        return Err(io_error(pdf, "pdftotext could not read the file"));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// An I/O error at `path` carrying `error`'s message.
pub fn io_error(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(error.to_string()),
    }
}
