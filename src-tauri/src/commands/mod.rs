//! Tauri commands. A command takes the state and its arguments, calls one
//! core function and maps the error.
//!
//! The app's parts each keep their commands in their own module. [`route`]
//! hands each IPC call to the part whose prefix starts its name: `waste_…`
//! to [`waste`], `fund_…` to [`fund`], `places_…` to [`places`] and
//! `exchange_…` to [`exchange`]. Every other name goes to the core screens'
//! commands in [`core_handler`]. So a part adds a command by writing it in
//! its own module (named with its prefix), listing it in that module's
//! `handler()`, and granting it in its own `capabilities/<part>.json`;
//! `build.rs` finds the command by its `#[tauri::command]` attribute. No
//! shared file changes.

use tauri::ipc::Invoke;

pub mod app;
pub mod dividends;
pub mod exchange;
pub mod fund;
pub mod import;
pub mod members;
pub mod places;
pub mod settings;
pub mod waste;

/// A part of the app that owns the commands whose names start with its
/// prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Members, import, dividends and settings: every name without one of
    /// the prefixes below.
    Core,
    /// The waste bank, `waste_…`.
    Waste,
    /// The community bank, `fund_…`.
    Fund,
    /// The map of places, `places_…`.
    Places,
    /// The equipment exchange, `exchange_…`.
    Exchange,
}

impl Part {
    /// The parts with a command prefix, with that prefix.
    pub const PREFIXED: [(Part, &'static str); 4] = [
        (Part::Waste, "waste_"),
        (Part::Fund, "fund_"),
        (Part::Places, "places_"),
        (Part::Exchange, "exchange_"),
    ];

    /// Returns the part that owns the command called `command`: the part
    /// whose prefix starts it, else the core.
    pub fn of(command: &str) -> Part {
        Part::PREFIXED
            .iter()
            .find(|(_, prefix)| command.starts_with(prefix))
            .map_or(Part::Core, |(part, _)| *part)
    }
}

/// Hands an IPC call to the handler of the part that owns its command, and
/// returns whether that handler knew the command. Pass it to
/// `tauri::Builder::invoke_handler`.
pub fn route(invoke: Invoke) -> bool {
    match Part::of(invoke.message.command()) {
        Part::Core => core_handler()(invoke),
        Part::Waste => waste::handler()(invoke),
        Part::Fund => fund::handler()(invoke),
        Part::Places => places::handler()(invoke),
        Part::Exchange => exchange::handler()(invoke),
    }
}

/// Returns the handler of the core screens' commands (members, import,
/// dividends, settings) and of those every screen uses.
pub fn core_handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_info,
        app::pick_open_file,
        app::pick_save_file,
        app::open_file,
        app::parse_be_date,
        settings::get_settings,
        settings::open_database,
        settings::create_database,
        settings::set_language,
        settings::set_slip_options,
        members::list_communities,
        members::search_members,
        members::get_member,
        members::member_history,
        members::update_member,
        members::write_statement,
        members::export_members,
        dividends::get_dividend,
        dividends::list_dividend_runs,
        dividends::fiscal_year,
        dividends::reverse_dividend,
        dividends::run_dividend,
        dividends::approve_dividend,
        dividends::write_slips,
        dividends::export_dividend,
        import::list_import_sheets,
        import::preview_import,
        import::commit_import,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_route_to_their_parts() {
        let cases = [
            ("waste_record_deposit", Part::Waste),
            ("fund_list_loans", Part::Fund),
            ("places_import_geojson", Part::Places),
            ("exchange_list_equipment", Part::Exchange),
        ];

        for (command, part) in cases {
            assert_eq!(Part::of(command), part, "{command}");
        }
    }

    #[test]
    fn other_names_route_to_core() {
        for command in ["get_dividend", "app_info", "wastebasket", "fundamentals"] {
            assert_eq!(Part::of(command), Part::Core, "{command}");
        }
    }
}
