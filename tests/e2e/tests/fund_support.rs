//! Helpers shared by the community bank's window tests, included by each
//! with `#[path]`: typing into a field and reading a saved PDF back.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use chumchon_e2e::{Error, Result, Session};

/// Replaces the text of the field `test_id` with `text`.
pub fn type_into(ui: &Session, test_id: &str, text: &str) -> Result<()> {
    let field = ui.wait_for(test_id)?;
    field.clear()?;
    field.type_text(text)
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
