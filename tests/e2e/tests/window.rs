//! The app starts, shows its Thai window, and the harness cleans up after
//! a failing test.

use chumchon_e2e::{App, Launch, Result};
use serde_json::json;

/// Resolves to the families of the loaded font faces that cover Thai
/// letters, once the page's fonts have finished loading.
const LOADED_THAI_FONTS: &str = r#"
const done = arguments[arguments.length - 1];
document.fonts.ready.then(() => {
  const families = [];
  document.fonts.forEach((face) => {
    if (face.status === "loaded" && /U\+0*E01\b/i.test(face.unicodeRange)) {
      families.push(face.family.replace(/"/g, ""));
    }
  });
  done([...new Set(families)]);
});
"#;

#[test]
fn window_shows_thai_title_and_menu() -> Result<()> {
    let app = App::launch(Launch::new("window_shows_thai_title_and_menu"))?;
    let ui = app.session();

    let members = ui.wait_for("nav-members")?;
    let title = ui.title()?;
    let labels = [
        ("nav-members", members.text()?),
        ("nav-import", ui.find("nav-import")?.text()?),
        ("nav-dividends", ui.find("nav-dividends")?.text()?),
        ("nav-settings", ui.find("nav-settings")?.text()?),
    ];
    let thai_fonts = ui.execute_async(LOADED_THAI_FONTS, Vec::new())?;
    let screenshot = app.save_screenshot("main-window")?;
    let png = std::fs::read(&screenshot).unwrap_or_default();
    app.close()?;

    assert_eq!(title, "ชุมชน — Chumchon", "window title");
    let expected = ["สมาชิก", "นำเข้าข้อมูล", "ปันผล", "ตั้งค่า"];
    for ((test_id, label), want) in labels.iter().zip(expected) {
        assert_eq!(label, want, "menu entry {test_id} should read {want}");
    }
    assert_eq!(
        thai_fonts,
        json!(["Sarabun"]),
        "the bundled Sarabun should render the Thai"
    );
    assert!(
        png.starts_with(b"\x89PNG"),
        "{} should be a PNG",
        screenshot.display()
    );
    Ok(())
}

#[test]
fn failed_test_leaves_screenshot() -> Result<()> {
    let app = App::launch(Launch::new("failed_test_leaves_screenshot"))?;
    app.session().wait_for("nav-members")?;
    let artifacts = app.artifacts().to_path_buf();
    let database = app.database().display().to_string();
    let marker = app
        .session()
        .execute("return document.title;", Vec::new())?;

    // A test that fails drops its app without closing it.
    drop(app);

    assert!(
        marker.is_string(),
        "execute should return the title, got {marker}"
    );
    assert!(
        artifacts.join("failure.png").is_file(),
        "a failure should leave a screenshot"
    );
    let html = std::fs::read_to_string(artifacts.join("failure.html")).unwrap_or_default();
    assert!(
        html.contains("nav-members"),
        "a failure should leave the page source"
    );
    let log = std::fs::read_to_string(artifacts.join("driver.log")).unwrap_or_default();
    assert!(
        !log.is_empty(),
        "the driver log should hold the app's output"
    );
    let survivors = processes_mentioning(&database);
    assert!(
        survivors.is_empty(),
        "the app should be stopped, still running: {survivors:?}"
    );
    Ok(())
}

/// Lists the PIDs of processes whose command line contains `needle`.
fn processes_mentioning(needle: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .filter(|entry| {
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            String::from_utf8_lossy(&cmdline).contains(needle)
        })
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect()
}
