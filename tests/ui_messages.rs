//! Every stable code the core reports has a Thai and an English message in
//! the app's dictionaries, so that no error reaches a Thai office user as
//! an English technical message.
//!
//! The codes are collected from the source: `Error::rule("code", …)`,
//! `code: "code"` in problems, a code passed just before its severity,
//! string constants of the importer, and the arms of the `code()` methods
//! of the error types.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use regex::Regex;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    Ok(())
}

/// The part of a file before its unit tests, whose codes are test data.
fn without_tests(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

/// Codes of errors (`error.<code>`) and of import problems
/// (`problem.<code>`) used in the core's source.
fn core_codes() -> Result<(BTreeSet<String>, BTreeSet<String>), Box<dyn std::error::Error>> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files)?;
    let rule = Regex::new(r#"Error::rule\(\s*"([a-z][a-z0-9_]+)""#)?;
    let arm = Regex::new(r#"=>\s*"([a-z][a-z0-9_]+)",?\s*\n"#)?;
    let field = Regex::new(r#"\bcode:\s*"([a-z][a-z0-9_]+)""#)?;
    let before_severity = Regex::new(r#""([a-z][a-z0-9_]+)",\s*Severity::"#)?;
    // Import kinds (`const KIND: &str = "members"`) are not codes.
    let constant = Regex::new(r#"const [A-Z_]+_[A-Z_]+: &str = "([a-z][a-z0-9_]+)";"#)?;
    let (mut errors, mut problems) = (BTreeSet::new(), BTreeSet::new());
    for file in files {
        // A module's `tests.rs` file contains only test data.
        if file.file_name().is_some_and(|name| name == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file)?;
        let text = without_tests(&text);
        errors.extend(rule.captures_iter(text).map(|c| c[1].to_string()));
        if text.contains("pub fn code(&self)") {
            errors.extend(arm.captures_iter(text).map(|c| c[1].to_string()));
        }
        // `Error::Rule { code: "…", .. }` is a match pattern, not a problem.
        let fields = field.captures_iter(text).filter(|c| {
            let start = c.get(0).map_or(0, |m| m.start());
            let before: String = text[..start]
                .chars()
                .rev()
                .take(40)
                .filter(|c| !c.is_whitespace())
                .collect();
            !before.starts_with("{eluR")
        });
        problems.extend(fields.map(|c| c[1].to_string()));
        problems.extend(
            before_severity
                .captures_iter(text)
                .map(|c| c[1].to_string()),
        );
        if file.starts_with(root().join("src/import")) {
            problems.extend(constant.captures_iter(text).map(|c| c[1].to_string()));
        }
    }
    Ok((errors, problems))
}

/// The text of a language's dictionary: `th.ts` and the files it spreads
/// in, one per part of the app, such as `th.waste.ts`.
fn dictionary(language: &str) -> Result<String, Box<dyn std::error::Error>> {
    let folder = root().join("ui/src/lib/i18n");
    let mut text = String::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        let part = name.starts_with(&format!("{language}.")) && name.ends_with(".ts");
        if name == format!("{language}.ts") || (part && !name.ends_with(".test.ts")) {
            text.push_str(&std::fs::read_to_string(&path)?);
        }
    }
    Ok(text)
}

fn missing(dictionary: &str, prefix: &str, codes: &BTreeSet<String>) -> Vec<String> {
    codes
        .iter()
        .map(|code| format!("{prefix}.{code}"))
        .filter(|key| !dictionary.contains(&format!("\"{key}\"")))
        .collect()
}

#[test]
fn codes_are_found_in_the_source() -> TestResult {
    let (errors, problems) = core_codes()?;

    assert!(
        errors.contains("share_balance_negative"),
        "a rule code: {errors:?}"
    );
    assert!(
        errors.contains("database_too_new"),
        "a code() arm: {errors:?}"
    );
    assert!(
        problems.contains("national_id_taken"),
        "a problem code: {problems:?}"
    );
    assert!(
        problems.contains("missing_column"),
        "a problem code field: {problems:?}"
    );
    Ok(())
}

#[test]
fn every_error_code_has_thai_and_english_messages() -> TestResult {
    let (errors, _) = core_codes()?;

    for language in ["th", "en"] {
        let missing = missing(&dictionary(language)?, "error", &errors);
        assert!(missing.is_empty(), "{language}.ts lacks {missing:?}");
    }
    Ok(())
}

#[test]
fn every_problem_code_has_thai_and_english_messages() -> TestResult {
    let (_, problems) = core_codes()?;

    for language in ["th", "en"] {
        let missing = missing(&dictionary(language)?, "problem", &problems);
        assert!(missing.is_empty(), "{language}.ts lacks {missing:?}");
    }
    Ok(())
}
