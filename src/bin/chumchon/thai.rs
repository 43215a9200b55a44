//! Thai text for the CLI's errors and import problems, taken from the
//! message files of the app's Thai screens, so that the CLI and the app
//! show the same text. The English text follows each Thai line.

use std::collections::HashMap;
use std::sync::LazyLock;

use chumchon::import::report::Problem;
use chumchon::thai::date::DateError;
use chumchon::Error;

/// The app's Thai message files, embedded at build time. th.ts comes last,
/// because a key it shares with a file it spreads in takes th.ts's text in
/// the app, and the last file read wins here.
const SOURCES: [&str; 5] = [
    include_str!("../../../ui/src/lib/i18n/th.waste.ts"),
    include_str!("../../../ui/src/lib/i18n/th.fund.ts"),
    include_str!("../../../ui/src/lib/i18n/th.places.ts"),
    include_str!("../../../ui/src/lib/i18n/th.exchange.ts"),
    include_str!("../../../ui/src/lib/i18n/th.ts"),
];

static MESSAGES: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| SOURCES.iter().flat_map(|source| parse(source)).collect());

/// Reads the `"key": "text",` entries of a message file. Prettier puts a
/// long text on the line after its key. The texts contain no escapes or
/// quotes, so a text ends at its closing quote; a test below checks that
/// no text kept a quote.
fn parse(source: &str) -> Vec<(&str, &str)> {
    let mut entries = Vec::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        let Some((key, rest)) = line.trim().split_once("\":") else {
            continue;
        };
        let Some(key) = key.strip_prefix('"') else {
            continue;
        };
        let rest = match rest.trim() {
            "" => lines.next().unwrap_or_default().trim(),
            rest => rest,
        };
        let text = rest.trim_end_matches(',');
        if let Some(text) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            entries.push((key, text));
        }
    }
    entries
}

/// Fills `{name}` placeholders from `params`. A placeholder without a
/// value reads "–", as in the app's import preview.
fn fill(text: &str, params: &[(&str, String)]) -> String {
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(length) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + length];
        filled.push_str(&rest[..open]);
        match params.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => filled.push_str(value),
            None => filled.push('–'),
        }
        rest = &rest[open + length + 1..];
    }
    filled.push_str(rest);
    filled
}

/// Returns the Thai text of an error, or `None` for a code the app has no
/// text for. The text names the same values as the app's error dialogs.
pub fn error_text(error: &Error) -> Option<String> {
    let text = MESSAGES.get(format!("error.{}", error.code()).as_str())?;
    let params = match error {
        Error::Io { path, .. } | Error::FileExists { path } => {
            vec![("path", path.display().to_string())]
        }
        Error::DatabaseTooNew { found, supported } => {
            vec![
                ("found", found.to_string()),
                ("supported", supported.to_string()),
            ]
        }
        Error::NotFound { what, key } => vec![("what", what.to_string()), ("key", key.clone())],
        Error::Date(date) => vec![("text", date_text(date).to_string())],
        _ => Vec::new(),
    };
    Some(fill(text, &params))
}

/// Returns the text of a date that failed to parse.
fn date_text(error: &DateError) -> &str {
    match error {
        DateError::InvalidFormat { text }
        | DateError::UnknownMonth { text, .. }
        | DateError::Nonexistent { text, .. } => text,
    }
}

/// Returns the Thai text of a problem found in an imported sheet, filled
/// from its params, or `None` for a code the app has no text for. A `field` param
/// is also offered by its Thai column name, as `field_name`. A problem that
/// an import made from a rule error, such as `credit_used`, takes the
/// error's text.
pub fn problem_text(problem: &Problem) -> Option<String> {
    let text = MESSAGES
        .get(format!("problem.{}", problem.code).as_str())
        .or_else(|| MESSAGES.get(format!("error.{}", problem.code).as_str()))?;
    let mut params: Vec<(&str, String)> = problem
        .params
        .iter()
        .map(|(name, value)| (*name, value.clone()))
        .collect();
    if let Some((_, field)) = problem.params.iter().find(|(name, _)| *name == "field") {
        let name = MESSAGES
            .get(format!("import.field.{field}").as_str())
            .map_or_else(|| field.clone(), |name| name.to_string());
        params.push(("field_name", name));
    }
    Some(fill(text, &params))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_one_and_two_line_entries() {
        let source = "export const th = {\n  \"a.one\": \"หนึ่ง\",\n  \"a.two\":\n    \"สอง {n}\",\n  ...waste,\n};\n";

        let entries = parse(source);

        assert_eq!(entries, [("a.one", "หนึ่ง"), ("a.two", "สอง {n}")]);
    }

    #[test]
    fn every_message_file_is_read() {
        assert!(MESSAGES.contains_key("error.not_found"), "th.ts");
        assert!(MESSAGES.contains_key("error.no_depositors"), "th.waste.ts");
        assert!(MESSAGES.len() > 500, "{} messages", MESSAGES.len());
        let broken: Vec<_> = MESSAGES
            .iter()
            .filter(|(_, text)| text.contains('"'))
            .collect();
        assert_eq!(broken, Vec::<(&&str, &&str)>::new(), "a text kept a quote");
    }

    #[test]
    fn fill_marks_missing_values() {
        let filled = fill("{a} และ {b}", &[("a", "1".to_string())]);

        assert_eq!(filled, "1 และ –");
    }

    #[test]
    fn rule_error_problem_has_thai_text() {
        let problem = Problem {
            sheet: "deposits".into(),
            row: Some(2),
            column: Some("E".into()),
            value: None,
            code: "credit_used",
            message: "the earlier deposit cannot be corrected".into(),
            severity: chumchon::import::report::Severity::Error,
            params: Vec::new(),
        };

        let text = problem_text(&problem).expect("a Thai text");

        assert!(text.contains("กลับรายการฝากไม่ได้"), "{text}");
    }

    #[test]
    fn main_file_text_wins_as_in_app() {
        let main: HashMap<_, _> = parse(SOURCES[4]).into_iter().collect();

        for (key, text) in &main {
            assert_eq!(MESSAGES.get(key), Some(text), "{key}");
        }
    }

    #[test]
    fn not_found_names_the_key() {
        let error = Error::NotFound {
            what: "member",
            key: "BY999".into(),
        };

        let text = error_text(&error).expect("a Thai text");

        assert!(text.contains("BY999"), "{text}");
        assert!(!text.contains('{'), "{text}");
    }
}
