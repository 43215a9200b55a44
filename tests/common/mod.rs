//! Helpers shared by the integration tests: fixtures, temporary databases,
//! a fixed operator and clock, and running the CLI.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use chumchon::Context;

/// Result type of the tests.
pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Path of a committed fixture.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The truth that comes with the legacy sample registers.
pub fn expected() -> TestResult<serde_json::Value> {
    let text = std::fs::read_to_string(fixture("legacy-expected.json"))?;
    Ok(serde_json::from_str(&text)?)
}

/// A context for operator "test" on 15 January 2025 at 09:30.
pub fn context() -> Context {
    let now = date(2025, 1, 15).and_hms_opt(9, 30, 0).expect("valid time");
    Context::new("test", now)
}

/// Builds a date from literals.
pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

/// A temporary folder with a database file path inside it.
pub struct TempDb {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
    /// The database file.
    pub path: PathBuf,
}

impl TempDb {
    /// A fresh folder; the database is created on first open.
    pub fn new() -> TestResult<TempDb> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("chumchon.db");
        Ok(TempDb { dir, path })
    }

    /// Opens the database with the full schema.
    pub fn open(&self) -> TestResult<rusqlite::Connection> {
        Ok(chumchon::db::open(&self.path)?)
    }

    /// Runs the CLI on this database and returns stdout, failing on a
    /// non-zero exit.
    pub fn cli(&self, args: &[&str]) -> TestResult<String> {
        let output = Command::new(env!("CARGO_BIN_EXE_chumchon"))
            .arg("--db")
            .arg(&self.path)
            .args(["--operator", "test"])
            .args(args)
            .output()?;
        if !output.status.success() {
            return Err(format!(
                "chumchon {args:?} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            )
            .into());
        }
        Ok(String::from_utf8(output.stdout)?)
    }

    /// Runs an import through the CLI and returns stdout. Besides success,
    /// exit code 3 (some rows refused, the rest imported) is expected.
    pub fn import(&self, args: &[&str]) -> TestResult<String> {
        let output = Command::new(env!("CARGO_BIN_EXE_chumchon"))
            .arg("--db")
            .arg(&self.path)
            .args(["--operator", "test", "import"])
            .args(args)
            .output()?;
        if !matches!(output.status.code(), Some(0 | 3)) {
            return Err(format!(
                "chumchon import {args:?} failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )
            .into());
        }
        Ok(String::from_utf8(output.stdout)?)
    }

    /// Runs the CLI and parses its JSON output.
    pub fn cli_json(&self, args: &[&str]) -> TestResult<serde_json::Value> {
        Ok(serde_json::from_str(&self.cli(args)?)?)
    }
}

/// Extracts the text of a PDF with poppler's pdftotext.
pub fn pdf_text(path: &Path) -> TestResult<String> {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "pdftotext failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(String::from_utf8(output.stdout)?)
}

/// Saves `workbook` as file `name` in a new temporary folder, which is
/// deleted when the returned guard is dropped.
pub fn save_workbook(
    workbook: &mut rust_xlsxwriter::Workbook,
    name: &str,
) -> TestResult<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(name);
    workbook.save(&path)?;
    Ok((dir, path))
}

/// Writes `cells` as strings into `row` from column A on, leaving a cell
/// empty for "".
pub fn write_strings(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    cells: &[&str],
) -> TestResult {
    for (col, text) in cells.iter().enumerate() {
        if !text.is_empty() {
            sheet.write_string(row, col as u16, *text)?;
        }
    }
    Ok(())
}
