//! Generates the Tauri context and the permission set of the app's own
//! commands, so that `capabilities/default.json` can grant them one by one.

fn main() {
    let commands = &[
        "app_info",
        "pick_open_file",
        "pick_save_file",
        "open_file",
        "parse_be_date",
        "get_settings",
        "open_database",
        "create_database",
        "set_language",
        "set_slip_options",
        "list_communities",
        "search_members",
        "get_member",
        "member_history",
        "update_member",
        "write_statement",
        "get_dividend",
        "list_dividend_runs",
        "fiscal_year",
        "reverse_dividend",
        "run_dividend",
        "approve_dividend",
        "write_slips",
        "export_dividend",
        "export_members",
        "list_import_sheets",
        "preview_import",
        "commit_import",
    ];
    let manifest = tauri_build::AppManifest::new().commands(commands);
    let attributes = tauri_build::Attributes::new().app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {error:#}");
    }
}
