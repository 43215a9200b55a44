//! Generates the Tauri context and the permission set of the app's own
//! commands, so that the files in `capabilities/` can grant them one by
//! one. The commands are found in `src/commands/*.rs` by their
//! `#[tauri::command]` attribute (see `src/command_scan.rs`), so a part of
//! the app that adds a command in its own module edits nothing here.

use std::path::Path;

#[path = "src/command_scan.rs"]
#[allow(
    dead_code,
    reason = "the build needs only the scan; the tests use the rest"
)]
mod command_scan;

fn main() {
    println!("cargo:rerun-if-changed=src/commands");
    println!("cargo:rerun-if-changed=src/command_scan.rs");
    println!("cargo:rerun-if-changed=capabilities");

    let commands: &'static [&'static str] = Vec::leak(scan_commands());
    let manifest = tauri_build::AppManifest::new().commands(commands);
    let attributes = tauri_build::Attributes::new().app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {error:#}");
    }
}

/// Finds every command of `src/commands/`. The names are leaked so that
/// they live as long as the build script, as `AppManifest::commands`
/// requires.
fn scan_commands() -> Vec<&'static str> {
    let dir = Path::new("src/commands");
    let files = command_scan::rust_files(dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()));
    let mut commands = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
        for name in command_scan::command_names(&source) {
            commands.push(&*String::leak(name));
        }
    }
    commands
}
