//! Finds the app's commands in the source of `src/commands/`, for
//! `build.rs` (which declares them to Tauri so that each gets an
//! `allow-<name>` permission) and for the test that checks every command
//! is routed and granted. The scan reads the text, so it finds a command
//! only when `#[tauri::command]` starts a line and the function's `fn`
//! line follows it, as rustfmt writes them.

use std::path::{Path, PathBuf};

/// Returns the names of the functions marked `#[tauri::command]` in
/// `source`, in order.
pub fn command_names(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut marked = false;
    for line in source.lines().map(str::trim) {
        if line.starts_with("#[tauri::command") {
            marked = true;
        } else if marked {
            if let Some(name) = fn_name(line) {
                names.push(name.to_string());
                marked = false;
            }
        }
    }
    names
}

/// The name of the function that `line` declares, if it declares one.
fn fn_name(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("pub ").unwrap_or(line);
    let rest = rest.strip_prefix("async ").unwrap_or(rest);
    let rest = rest.strip_prefix("fn ")?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    Some(&rest[..end])
}

/// Returns the function names listed in the `tauri::generate_handler!`
/// calls of `source`, without their module paths. Comments are skipped.
pub fn handled_names(source: &str) -> Vec<String> {
    const OPEN: &str = "generate_handler![";
    let mut names = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let end = after.find(']').unwrap_or(after.len());
        for line in after[..end].lines() {
            let code = line.split("//").next().unwrap_or_default();
            for entry in code.split(',') {
                let name = entry.trim().rsplit("::").next().unwrap_or_default();
                if !name.is_empty() {
                    names.push(name.to_string());
                }
            }
        }
        rest = &after[end..];
    }
    names
}

/// Lists the `.rs` files of the folder `dir`, in name order.
pub fn rust_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Returns the permission that lets the UI call `command`, as Tauri names
/// it: `allow-` and the name with dashes.
pub fn permission(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::commands::Part;

    fn manifest_dir() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    /// Returns the part that a file of `src/commands/` belongs to, by its
    /// name: `waste.rs` and its split-off files such as
    /// `waste_collection.rs` belong to the waste part.
    fn part_of_file(path: &Path) -> Part {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        Part::PREFIXED
            .iter()
            .find(|(_, prefix)| prefix.trim_end_matches('_') == stem || stem.starts_with(prefix))
            .map_or(Part::Core, |(part, _)| *part)
    }

    /// A capability file's name and the app's own permissions it grants.
    type Grant = (String, Vec<String>);

    /// Reads the grants of every file in `capabilities/`, in name order.
    fn granted() -> Result<Vec<Grant>, Box<dyn std::error::Error>> {
        let mut files = Vec::new();
        let dir = manifest_dir().join("capabilities");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        paths.sort();
        for path in paths {
            let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
            let own = json["permissions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_str())
                .filter(|p| p.starts_with("allow-"))
                .map(str::to_string)
                .collect();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            files.push((name.unwrap_or_default(), own));
        }
        Ok(files)
    }

    #[test]
    fn scan_finds_marked_functions() {
        let source = "\
            /// Lists deposits.\n\
            #[tauri::command(async)]\n\
            #[instrument(skip(state), err)]\n\
            pub fn waste_list_deposits(\n\
            fn helper() {}\n\
            #[tauri::command]\n\
            pub async fn waste_total<R: Runtime>() {}\n";

        let names = command_names(source);

        assert_eq!(
            names,
            ["waste_list_deposits", "waste_total"],
            "marked functions only"
        );
    }

    #[test]
    fn scan_reads_handler_lists_without_comments() {
        let source = "tauri::generate_handler![\n    app::app_info,\n    // app::old,\n    \
                      members::get_member, // the record\n]";

        let names = handled_names(source);

        assert_eq!(names, ["app_info", "get_member"], "listed names only");
    }

    #[test]
    fn every_command_is_routed_handled_and_granted() -> Result<(), Box<dyn std::error::Error>> {
        let mut commands = BTreeSet::new();
        let mut handled = BTreeSet::new();
        let mut misrouted = Vec::new();
        for file in rust_files(&manifest_dir().join("src/commands"))? {
            let source = std::fs::read_to_string(&file)?;
            for name in command_names(&source) {
                if Part::of(&name) != part_of_file(&file) {
                    misrouted.push(format!("{name} in {}", file.display()));
                }
                commands.insert(name);
            }
            handled.extend(handled_names(&source));
        }
        let wanted: BTreeSet<String> = commands.iter().map(|c| permission(c)).collect();
        let files = granted()?;
        let given: BTreeSet<String> = files.iter().flat_map(|(_, p)| p.clone()).collect();
        let given_count: usize = files.iter().map(|(_, p)| p.len()).sum();

        assert!(
            misrouted.is_empty(),
            "commands whose name prefix routes them to another part: {misrouted:?}"
        );
        assert_eq!(
            handled, commands,
            "each #[tauri::command] is listed in its part's handler"
        );
        assert_eq!(
            given, wanted,
            "capabilities/*.json grant exactly the app's commands"
        );
        assert_eq!(given_count, given.len(), "no command is granted twice");
        Ok(())
    }

    #[test]
    fn parts_grant_in_their_own_file() -> Result<(), Box<dyn std::error::Error>> {
        for (file, permissions) in granted()? {
            let stem = file.trim_end_matches(".json");
            for permission in permissions {
                let command = permission.trim_start_matches("allow-").replace('-', "_");
                let expected = match Part::of(&command) {
                    Part::Core => "default",
                    _ => command.split('_').next().unwrap_or_default(),
                };
                assert_eq!(stem, expected, "{permission} belongs in {expected}.json");
            }
        }
        Ok(())
    }
}
