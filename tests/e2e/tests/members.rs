//! The members screen in the real window: the greeting of an empty
//! database, and editing a member and printing the member's share
//! statement on the demo data.

use std::path::Path;
use std::process::Command;

use chumchon_e2e::{App, Error, Launch, Result};

/// The phone number typed into the edit form.
const NEW_PHONE: &str = "081-234-5678";

#[test]
fn empty_database_greets_with_next_steps() -> Result<()> {
    let app = App::launch(Launch::new("empty_database_greets_with_next_steps"))?;
    let ui = app.session();

    let greeting = ui.wait_for("members-welcome")?.text()?;
    ui.find("members-welcome-import")?.click()?;
    let import_screen = ui.wait_for("screen-import").map(|_| ());
    let errors = ui.find_all("start-error")?.len();
    app.close()?;

    assert!(
        greeting.contains("ยังไม่มีสมาชิก"),
        "the greeting should say there are no members: {greeting}"
    );
    assert!(
        import_screen.is_ok(),
        "the greeting's import button should open the import screen"
    );
    assert_eq!(errors, 0, "a new database shows no start-up error");
    Ok(())
}

#[test]
fn member_edit_saves_and_statement_prints() -> Result<()> {
    let app = App::launch(Launch::new("member_edit_saves_and_statement_prints").demo())?;
    let ui = app.session();

    ui.wait_for("members-row")?.click()?;
    let member_no = ui.wait_for("member-detail-no")?.text()?;
    let national_id = ui.find("member-detail-national-id")?.text()?;
    ui.find("member-edit-open")?.click()?;
    let phone = ui.wait_for("member-edit-phone")?;
    phone.clear()?;
    phone.type_text(NEW_PHONE)?;
    ui.find("member-edit-save")?.click()?;
    ui.wait_for("member-detail-saved")?;
    ui.find("member-statement")?.click()?;
    let saved = ui.wait_for("member-statement-saved")?.text()?;
    app.save_screenshot("statement-saved")?;

    let stored = chumchon::db::open(app.database())
        .and_then(|conn| chumchon::members::get(&conn, &member_no))
        .map_err(|e| io_error(app.database(), e))?;
    let pdf = app.dialog_dir().join(format!("ใบแสดงหุ้น-{member_no}.pdf"));
    let statement = pdf_text(&pdf)?;
    app.close()?;

    assert!(
        is_grouped_national_id(&national_id),
        "the national ID should show as on the card, got {national_id}"
    );
    assert_eq!(
        stored.details.phone.as_deref(),
        Some(NEW_PHONE),
        "the edited phone should be stored"
    );
    assert!(
        saved.contains(&pdf.display().to_string()),
        "the notice should name {}",
        pdf.display()
    );
    assert!(
        statement.contains(&member_no),
        "the statement should name {member_no}"
    );
    Ok(())
}

/// Whether `text` is a national ID grouped as `1-2345-67890-12-1`.
fn is_grouped_national_id(text: &str) -> bool {
    let groups: Vec<usize> = text.trim().split('-').map(str::len).collect();
    let digits = text
        .chars()
        .filter(|c| *c != '-')
        .all(|c| c.is_ascii_digit());
    groups == [1, 4, 5, 2, 1] && digits
}

/// Reads a PDF's text with pdftotext.
fn pdf_text(pdf: &Path) -> Result<String> {
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

fn io_error(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(error.to_string()),
    }
}
