//! Native file dialogs, opened by the shell on the UI's behalf.
//!
//! The UI never receives file contents: it asks the shell to pick a path,
//! then passes that path to a command that reads or writes the file.
//!
//! For end-to-end tests, which cannot click in a native dialog, setting the
//! environment variable `CHUMCHON_E2E_DIR` to a folder replaces the dialogs
//! with [`E2eDialogs`]: an open dialog answers with the next file of that
//! folder, in name order, whose extension it accepts, and a save dialog
//! answers with the suggested file name inside that folder.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Deserialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use tracing::{debug, info};
use ts_rs::TS;

/// The environment variable that turns on [`E2eDialogs`].
pub const E2E_DIR_VAR: &str = "CHUMCHON_E2E_DIR";

/// Kind of file an open dialog selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenKind {
    /// A legacy sheet to import: xlsx, xls, ods or csv.
    Spreadsheet,
    /// A Chumchon database file.
    Database,
}

/// Kind of file a save dialog creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SaveKind {
    /// A PDF document.
    Pdf,
    /// An Excel workbook.
    Excel,
    /// A new Chumchon database file.
    Database,
}

impl OpenKind {
    fn extensions(self) -> &'static [&'static str] {
        match self {
            OpenKind::Spreadsheet => &["xlsx", "xls", "ods", "csv"],
            OpenKind::Database => &["db", "sqlite", "sqlite3"],
        }
    }
}

impl SaveKind {
    fn extensions(self) -> &'static [&'static str] {
        match self {
            SaveKind::Pdf => &["pdf"],
            SaveKind::Excel => &["xlsx"],
            SaveKind::Database => &["db"],
        }
    }
}

/// Shows an open dialog and returns the chosen file, or `None` when the user
/// cancelled. `filter_name` labels the file-type filter, in the UI language.
pub fn pick_open<R: Runtime>(
    app: &AppHandle<R>,
    e2e: Option<&E2eDialogs>,
    kind: OpenKind,
    filter_name: &str,
) -> Option<PathBuf> {
    pick_open_with(app, e2e, kind.extensions(), filter_name)
}

/// Shows an open dialog for files with one of `extensions` (without the
/// dot, such as `geojson`), as [`pick_open`] does for a kind. The app's
/// parts use it for kinds of file that [`OpenKind`] does not list.
pub fn pick_open_with<R: Runtime>(
    app: &AppHandle<R>,
    e2e: Option<&E2eDialogs>,
    extensions: &[&str],
    filter_name: &str,
) -> Option<PathBuf> {
    if let Some(e2e) = e2e {
        return e2e.next_open_with(extensions);
    }
    let chosen = app
        .dialog()
        .file()
        .add_filter(filter_name, extensions)
        .blocking_pick_file();
    chosen.and_then(|file| file.into_path().ok())
}

/// Shows a save dialog proposing `file_name` and returns the chosen path, or
/// `None` when the user cancelled. The native dialog has already asked
/// whether to replace an existing file.
pub fn pick_save<R: Runtime>(
    app: &AppHandle<R>,
    e2e: Option<&E2eDialogs>,
    kind: SaveKind,
    filter_name: &str,
    file_name: &str,
) -> Option<PathBuf> {
    pick_save_with(app, e2e, kind.extensions(), filter_name, file_name)
}

/// Shows a save dialog for a file with one of `extensions`, as
/// [`pick_save`] does for a kind. The first extension is added when the
/// user types a name without one.
pub fn pick_save_with<R: Runtime>(
    app: &AppHandle<R>,
    e2e: Option<&E2eDialogs>,
    extensions: &[&str],
    filter_name: &str,
    file_name: &str,
) -> Option<PathBuf> {
    if let Some(e2e) = e2e {
        return Some(e2e.save_path(file_name));
    }
    let chosen = app
        .dialog()
        .file()
        .add_filter(filter_name, extensions)
        .set_file_name(file_name)
        .blocking_save_file();
    chosen
        .and_then(|file| file.into_path().ok())
        .map(|path| with_extension(path, extensions))
}

/// Adds the first of `extensions` when the path has none of them.
fn with_extension(path: PathBuf, extensions: &[&str]) -> PathBuf {
    let has_one = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|k| e.eq_ignore_ascii_case(k)));
    match extensions.first() {
        Some(first) if !has_one => {
            let mut name = path.into_os_string();
            name.push(".");
            name.push(first);
            PathBuf::from(name)
        }
        _ => path,
    }
}

/// File dialogs answered from a folder, for automated tests.
#[derive(Debug)]
pub struct E2eDialogs {
    dir: PathBuf,
    answered: Mutex<HashSet<PathBuf>>,
}

impl E2eDialogs {
    /// Reads [`E2E_DIR_VAR`]; returns `None` when it is unset or empty.
    pub fn from_env() -> Option<E2eDialogs> {
        let dir = std::env::var_os(E2E_DIR_VAR).filter(|v| !v.is_empty())?;
        info!(dir = ?dir, "file dialogs are answered from the end-to-end folder");
        Some(E2eDialogs::new(PathBuf::from(dir)))
    }

    /// Answers dialogs from `dir`.
    pub fn new(dir: PathBuf) -> E2eDialogs {
        E2eDialogs {
            dir,
            answered: Mutex::new(HashSet::new()),
        }
    }

    /// The first file in name order with an extension `kind` accepts that
    /// no earlier open dialog returned.
    pub fn next_open(&self, kind: OpenKind) -> Option<PathBuf> {
        self.next_open_with(kind.extensions())
    }

    /// Returns the first file in name order with one of `extensions` that
    /// no earlier open dialog returned.
    pub fn next_open_with(&self, extensions: &[&str]) -> Option<PathBuf> {
        let mut answered = self.answered.lock().unwrap_or_else(|p| p.into_inner());
        let mut candidates: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .ok()?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.is_file() && accepts(extensions, path) && !answered.contains(path))
            .collect();
        candidates.sort();
        let next = candidates.into_iter().next()?;
        debug!(path = %next.display(), "end-to-end open dialog answered");
        answered.insert(next.clone());
        Some(next)
    }

    /// `file_name` inside the folder.
    pub fn save_path(&self, file_name: &str) -> PathBuf {
        let name = Path::new(file_name)
            .file_name()
            .unwrap_or(file_name.as_ref());
        self.dir.join(name)
    }
}

fn accepts(extensions: &[&str], path: &Path) -> bool {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    extensions.iter().any(|k| extension.eq_ignore_ascii_case(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e2e_open_returns_files_in_name_order() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        for name in ["02-ledger.xlsx", "01-register.xls", "notes.txt"] {
            std::fs::write(dir.path().join(name), "x")?;
        }
        let dialogs = E2eDialogs::new(dir.path().to_path_buf());

        let first = dialogs.next_open(OpenKind::Spreadsheet);
        let second = dialogs.next_open(OpenKind::Spreadsheet);
        let third = dialogs.next_open(OpenKind::Spreadsheet);

        assert_eq!(
            first,
            Some(dir.path().join("01-register.xls")),
            "first answer"
        );
        assert_eq!(
            second,
            Some(dir.path().join("02-ledger.xlsx")),
            "second answer"
        );
        assert_eq!(third, None, "the text file is no spreadsheet");
        Ok(())
    }

    #[test]
    fn e2e_save_stays_inside_folder() {
        let dialogs = E2eDialogs::new(PathBuf::from("/e2e"));

        let path = dialogs.save_path("../../etc/slips.pdf");

        assert_eq!(
            path,
            PathBuf::from("/e2e/slips.pdf"),
            "only the file name is used"
        );
    }

    #[test]
    fn save_adds_missing_extension() {
        let path = with_extension(PathBuf::from("/home/a/slips"), SaveKind::Pdf.extensions());

        assert_eq!(path, PathBuf::from("/home/a/slips.pdf"), "extension added");
    }

    #[test]
    fn save_keeps_given_extension() {
        let path = with_extension(
            PathBuf::from("/home/a/รายชื่อ.XLSX"),
            SaveKind::Excel.extensions(),
        );

        assert_eq!(path, PathBuf::from("/home/a/รายชื่อ.XLSX"), "extension kept");
    }
}
