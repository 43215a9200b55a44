//! One spreadsheet cell, from the raw value a file stores to the typed,
//! normalised value a field wants. Text is cleaned of stray and zero-width
//! spaces; numbers are read from text such as "5,300" or "๑๐"; money becomes
//! satang; dates come from serials or Buddhist Era text; national IDs and
//! phone numbers become digits.
//!
//! A value that cannot be read is never guessed at: the conversion returns a
//! [`CellProblem`] with a stable code and the raw value.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::import::read::FieldKind;
use crate::import::report::Severity;
use crate::thai::date::{fix_be_year, from_excel_serial, parse_be_text, DateError};
use crate::thai::digits::to_arabic_digit;
use crate::thai::national_id;
use crate::Satang;

/// A cell as the file stores it, before it is typed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawValue {
    /// A cell element without a value: a styled blank, or a formula whose
    /// result was never saved.
    Empty,
    /// Text.
    Text(String),
    /// A number without a date format.
    Number(f64),
    /// A serial day number in a cell with a date format.
    Date(f64),
    /// A date written as ISO 8601 text, as OpenDocument files store dates.
    DateIso(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// An error value such as `#REF!`.
    Error(String),
}

impl RawValue {
    /// Checks whether the cell contains nothing but spaces.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            RawValue::Empty => true,
            RawValue::Text(text) => text.chars().all(is_space),
            _ => false,
        }
    }

    /// Formats the value as text, the way a problem shows it.
    pub(crate) fn display(&self) -> String {
        match self {
            RawValue::Empty => String::new(),
            RawValue::Text(text) | RawValue::DateIso(text) | RawValue::Error(text) => text.clone(),
            RawValue::Number(number) | RawValue::Date(number) => format_number(*number),
            RawValue::Bool(value) => if *value { "TRUE" } else { "FALSE" }.to_string(),
        }
    }

    /// Returns the cleaned text of a text cell, or `None` for any other cell.
    pub(crate) fn text(&self) -> Option<Cow<'_, str>> {
        match self {
            RawValue::Text(text) => Some(clean_text(text)),
            _ => None,
        }
    }
}

/// A typed, normalised cell value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Value {
    /// Cleaned text.
    Text(String),
    /// A whole number.
    Integer(i64),
    /// An amount of money.
    Money(Satang),
    /// A calendar date (CE).
    Date(NaiveDate),
    /// The 13 digits of a national ID.
    NationalId(String),
    /// A phone number as digits, or several joined by ", ".
    Phone(String),
    /// A decimal quantity in units of `1 / 10^places` of its field.
    Decimal(i64),
}

impl Value {
    /// Formats the value as text, with dates as ISO 8601 and money as "1234.50".
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Value::Text(text) | Value::NationalId(text) | Value::Phone(text) => Cow::Borrowed(text),
            Value::Integer(number) | Value::Decimal(number) => Cow::Owned(number.to_string()),
            Value::Money(amount) => Cow::Owned(amount.to_plain_string()),
            Value::Date(date) => Cow::Owned(date.to_string()),
        }
    }
}

/// Reason a cell could not be read as its field's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CellProblem {
    /// Stable identifier, such as `invalid_date`.
    pub code: &'static str,
    /// English description.
    pub message: String,
    /// The raw value as text.
    pub value: String,
    /// Whether the value was dropped (error) or kept and flagged (warning).
    pub severity: Severity,
}

impl CellProblem {
    fn error(code: &'static str, value: impl Into<String>, message: String) -> CellProblem {
        CellProblem {
            code,
            message,
            value: value.into(),
            severity: Severity::Error,
        }
    }
}

/// The result of typing one cell: a value, a problem, or (for a value kept
/// and flagged) both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Converted {
    pub value: Option<Value>,
    pub problem: Option<CellProblem>,
}

impl From<Result<Option<Value>, CellProblem>> for Converted {
    fn from(result: Result<Option<Value>, CellProblem>) -> Converted {
        match result {
            Ok(value) => Converted {
                value,
                problem: None,
            },
            Err(problem) => Converted {
                value: None,
                problem: Some(problem),
            },
        }
    }
}

/// Workbook settings that change how a cell is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CellContext {
    /// Whether serial day numbers count from 1904-01-01 (old Mac Excel)
    /// rather than from 1900.
    pub is_1904: bool,
}

/// Types `raw` as `kind`. Blank cells give no value and no problem.
pub(crate) fn convert(raw: RawValue, kind: FieldKind, context: CellContext) -> Converted {
    if raw.is_blank() || kind == FieldKind::Ignored {
        return Converted {
            value: None,
            problem: None,
        };
    }
    if let RawValue::Error(error) = raw {
        let message = format!("the cell shows the error {error}; fix the formula in the file");
        return Err(CellProblem::error("cell_error", error, message)).into();
    }
    match kind {
        FieldKind::Text | FieldKind::Ignored => Ok(Some(Value::Text(to_text(raw, context)))).into(),
        FieldKind::Code => Ok(Some(Value::Text(to_code(raw, context)))).into(),
        FieldKind::Integer => convert_integer(raw).into(),
        FieldKind::Money => convert_money(raw).into(),
        FieldKind::Decimal { places } => convert_decimal(raw, places),
        FieldKind::Date => convert_date(raw, context)
            .map(|date| Some(Value::Date(date)))
            .into(),
        FieldKind::NationalId => convert_national_id(raw).into(),
        FieldKind::Phone => convert_phone(raw),
    }
}

fn to_text(raw: RawValue, context: CellContext) -> String {
    match raw {
        RawValue::Text(text) => clean_text_owned(text),
        RawValue::Date(serial) => match from_excel_serial(serial, context.is_1904) {
            Some(date) => date.to_string(),
            None => format_number(serial),
        },
        other => other.display(),
    }
}

/// Reads an identifier: like text, but "12.0", which is how a program that
/// saved a number column as text writes 12, becomes "12".
fn to_code(raw: RawValue, context: CellContext) -> String {
    let text = to_text(raw, context);
    match whole_number_text(&text) {
        Some(whole) => whole.to_string(),
        None => text,
    }
}

/// Returns the digits before a decimal part of only zeros, as "12" of
/// "12.0", or `None` for any other text.
pub(crate) fn whole_number_text(text: &str) -> Option<&str> {
    let (whole, fraction) = text.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction) && fraction.bytes().all(|b| b == b'0')).then_some(whole)
}

fn convert_integer(raw: RawValue) -> Result<Option<Value>, CellProblem> {
    let number = match raw {
        RawValue::Number(number) | RawValue::Date(number) => whole_number(number),
        RawValue::Text(ref text) => parse_integer(text).ok(),
        _ => None,
    };
    match number {
        Some(number) => Ok(Some(Value::Integer(number))),
        None => {
            let shown = raw.display();
            let message = format!("\"{shown}\" is not a whole number");
            Err(CellProblem::error("invalid_number", shown, message))
        }
    }
}

fn convert_money(raw: RawValue) -> Result<Option<Value>, CellProblem> {
    let amount = match raw {
        RawValue::Number(number) => Satang::from_baht_f64(number),
        RawValue::Text(ref text) => parse_money(text).ok(),
        _ => None,
    };
    match amount {
        Some(amount) => Ok(Some(Value::Money(amount))),
        None => {
            let shown = raw.display();
            let message = format!("\"{shown}\" is not an amount of money such as 1,234.50");
            Err(CellProblem::error("invalid_money", shown, message))
        }
    }
}

/// Reads a number with `places` decimals as whole units of the last
/// place. A number cell with more decimals is rounded with a warning,
/// unless the extra digits are only binary rounding noise, as in the
/// 3.3000000000000003 that a formula gives for 1.1 × 3.
fn convert_decimal(raw: RawValue, places: u8) -> Converted {
    let units = match raw {
        RawValue::Number(number) => scale_float(number, places),
        RawValue::Text(ref text) => parse_decimal(text, places).ok(),
        _ => None,
    };
    let shown = raw.display();
    let Some(units) = units else {
        let message = match raw {
            RawValue::Number(number) if number.is_finite() => format!(
                "\"{shown}\" is too large a number for this column; check the cell for a typing \
                 mistake"
            ),
            _ => format!("\"{shown}\" is not a number with at most {places} decimals"),
        };
        return Err(CellProblem::error("invalid_number", shown, message)).into();
    };
    let value = Some(Value::Decimal(units));
    let extra = match raw {
        RawValue::Number(number) => (number * 10f64.powi(i32::from(places)) - units as f64).abs(),
        _ => 0.0,
    };
    if extra < 1e-6 * (units.abs() as f64).max(1.0) {
        return Converted {
            value,
            problem: None,
        };
    }
    let unit = 10f64.powi(-i32::from(places));
    let rounded = format!("{:.*}", usize::from(places), units as f64 * unit);
    let message = format!(
        "\"{shown}\" has more than {places} decimals and was rounded to {rounded}; check the cell \
         if the extra digits matter"
    );
    Converted {
        value,
        problem: Some(CellProblem {
            code: "decimals_rounded",
            message,
            value: shown,
            severity: Severity::Warning,
        }),
    }
}

fn convert_national_id(raw: RawValue) -> Result<Option<Value>, CellProblem> {
    let digits = match &raw {
        RawValue::Number(number) => national_id::from_number(*number),
        RawValue::Text(text) => national_id::normalize(&clean_text(text)),
        _ => None,
    };
    if let Some(digits) = digits {
        return Ok(Some(Value::NationalId(digits)));
    }
    let shown = raw.display();
    if looks_like_exponent(&shown) {
        let message = format!(
            "\"{shown}\" is a national ID that Excel shortened to a number in E notation, which \
             lost its last digits; format the column as text and type the ID again"
        );
        return Err(CellProblem::error("national_id_exponent", shown, message));
    }
    let digit_count = shown
        .chars()
        .filter(|c| to_arabic_digit(*c).is_ascii_digit())
        .count();
    let other = shown.chars().any(|c| {
        !to_arabic_digit(c).is_ascii_digit() && !matches!(c, '-' | ' ' | '.' | '\'') && !is_space(c)
    });
    if other || matches!(raw, RawValue::Date(_) | RawValue::Bool(_)) {
        let message = format!("\"{shown}\" is not a national ID: it should be 13 digits");
        Err(CellProblem::error("invalid_national_id", shown, message))
    } else {
        let message = format!("national ID \"{shown}\" has {digit_count} digits instead of 13");
        Err(CellProblem::error(
            "invalid_national_id_length",
            shown,
            message,
        ))
    }
}

/// Checks whether a cell's text is a number in E notation, such as
/// "1.1001E+12": how Excel shows a 13-digit number in a narrow column, and
/// keeps it when the sheet is saved as CSV.
fn looks_like_exponent(text: &str) -> bool {
    let text = text.trim();
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.trim_start_matches('+');
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !exponent.is_empty()
        && exponent.chars().all(|c| c.is_ascii_digit())
}

fn convert_phone(raw: RawValue) -> Converted {
    let text = match &raw {
        RawValue::Number(number) => whole_number(*number).map(|n| n.to_string()),
        RawValue::Text(text) => Some(clean_text(text).into_owned()),
        _ => None,
    };
    if let Some(phone) = text.as_deref().and_then(normalize_phone) {
        return Converted {
            value: Some(Value::Phone(phone)),
            problem: None,
        };
    }
    let shown = raw.display();
    let kept = clean_text(&shown).into_owned();
    let message = format!("\"{shown}\" does not look like a Thai phone number; kept as written");
    let problem = CellProblem {
        code: "unusual_phone",
        message,
        value: shown,
        severity: Severity::Warning,
    };
    Converted {
        value: Some(Value::Phone(kept)),
        problem: Some(problem),
    }
}

fn convert_date(raw: RawValue, context: CellContext) -> Result<NaiveDate, CellProblem> {
    match raw {
        RawValue::Date(serial) => serial_to_date(serial, context, false),
        RawValue::Number(number) => serial_to_date(number, context, true),
        RawValue::Text(text) => text_to_date(&text, context),
        RawValue::DateIso(text) => iso_to_date(&text),
        other => {
            let shown = other.display();
            let message = format!("\"{shown}\" is not a date");
            Err(CellProblem::error("invalid_date", shown, message))
        }
    }
}

/// Converts a serial day number. A bare number (no date format) is taken as
/// a date only when it falls in a plausible range, 1910–2200 or, for a
/// Buddhist Era year typed into a CE date cell, 2400–2800.
fn serial_to_date(serial: f64, context: CellContext, bare: bool) -> Result<NaiveDate, CellProblem> {
    let shown = format_number(serial);
    let Some(date) = from_excel_serial(serial, context.is_1904) else {
        let (code, message) = if serial.floor() == 60.0 && !context.is_1904 {
            (
                "nonexistent_date",
                "serial 60 is 29 February 1900, which does not exist".into(),
            )
        } else {
            (
                "invalid_date",
                format!("{shown} is not a date serial number"),
            )
        };
        return Err(CellProblem::error(code, shown, message));
    };
    let plausible = matches!(date.year(), 1910..=2200 | 2400..=2800);
    if bare && !plausible {
        let message = format!("the number {shown} in a date column is not a date");
        return Err(CellProblem::error("invalid_date", shown, message));
    }
    fix_be_year(date).ok_or_else(|| nonexistent(&shown, date))
}

fn text_to_date(text: &str, context: CellContext) -> Result<NaiveDate, CellProblem> {
    let cleaned = clean_text(text);
    let arabic: String = cleaned.chars().map(to_arabic_digit).collect();
    if (4..=6).contains(&arabic.len()) && arabic.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(serial) = arabic.parse::<f64>() {
            return serial_to_date(serial, context, true).map_err(|problem| CellProblem {
                value: text.to_string(),
                ..problem
            });
        }
    }
    match parse_be_text(&cleaned) {
        Ok(date) => Ok(date),
        Err(error @ DateError::Nonexistent { .. }) => Err(CellProblem::error(
            "nonexistent_date",
            text,
            date_error_message(&error),
        )),
        Err(error) => Err(CellProblem::error(
            "invalid_date",
            text,
            date_error_message(&error),
        )),
    }
}

/// Words a date error for the import report. `DateError`'s own messages
/// quote with `Debug`, which escapes Thai tone marks (ไม่ becomes
/// "ไม\u{e48}"), so the text is quoted here as typed.
fn date_error_message(error: &DateError) -> String {
    match error {
        DateError::InvalidFormat { text } => format!(
            "\"{text}\" is not a date: expected a day-first date such as 15/03/2567 or \
             15 มี.ค. 2567"
        ),
        DateError::UnknownMonth { text, month } => format!(
            "unknown month \"{month}\" in date \"{text}\": expected a month such as มี.ค. or \
             มีนาคม"
        ),
        DateError::Nonexistent {
            text,
            day,
            month,
            year,
        } => crate::thai::date::nonexistent_message(text, *day, *month, *year),
    }
}

fn iso_to_date(text: &str) -> Result<NaiveDate, CellProblem> {
    let day = text.get(..10).unwrap_or(text);
    let parsed = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .and_then(fix_be_year);
    parsed.ok_or_else(|| {
        let message = format!("\"{text}\" is not a date");
        CellProblem::error("invalid_date", text, message)
    })
}

fn nonexistent(shown: &str, date: NaiveDate) -> CellProblem {
    let message = format!(
        "{shown} is {date}, a Buddhist Era year in a CE date cell, and {}-{:02}-{:02} CE \
         does not exist",
        date.year() - 543,
        date.month(),
        date.day()
    );
    CellProblem::error("nonexistent_date", shown, message)
}

/// Decides from a cell's number format whether its number is a date. `id`
/// is the format's number; `code` its format code, which files leave out
/// for built-in formats. Besides the formats calamine 0.38 knows, this
/// accepts the built-in Thai date formats 71 to 74, 77 and 81, and codes
/// with the Buddhist year tokens `bb` and `bbbb`. Locale and calendar
/// prefixes such as `[$-th-TH,107]` or `[$-1070000]` are skipped. A time
/// without a date is not a date.
///
/// ```
/// use chumchon::import::cell::is_date_format;
/// assert!(is_date_format(Some(71), "General"));
/// assert!(is_date_format(Some(165), "[$-th-TH,107]d mmmm yyyy;@"));
/// assert!(is_date_format(Some(166), "d/m/bbbb"));
/// assert!(!is_date_format(Some(4), "#,##0.00"));
/// assert!(!is_date_format(Some(21), "h:mm:ss"));
/// ```
pub fn is_date_format(id: Option<u32>, code: &str) -> bool {
    match id {
        Some(14..=17 | 22 | 27..=36 | 50..=58 | 71..=74 | 77 | 81) => return true,
        Some(0..=13 | 18..=21 | 37..=49 | 59..=70 | 75 | 76 | 78..=80) if code == "General" => {
            return false
        }
        _ => {}
    }
    let mut in_brackets = false;
    let mut in_quotes = false;
    let mut skip_next = false;
    let (mut date, mut month, mut time) = (false, false, false);
    for c in code.chars() {
        if skip_next {
            skip_next = false;
            continue;
        }
        match c {
            '"' => in_quotes = !in_quotes,
            _ if in_quotes => {}
            '[' => in_brackets = true,
            ']' => in_brackets = false,
            _ if in_brackets => {}
            '\\' | '_' | '*' => skip_next = true,
            ';' => break,
            'd' | 'D' | 'y' | 'Y' | 'b' | 'B' => date = true,
            'm' | 'M' => month = true,
            'h' | 'H' | 's' | 'S' => time = true,
            _ => {}
        }
    }
    date || (month && !time)
}

/// Whether `c` is a space of any kind, including no-break and zero-width
/// spaces.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || is_zero_width(c)
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// Cleans text from a cell. It removes zero-width characters and soft
/// hyphens, folds full-width ASCII forms (U+FF01 to U+FF5E, which Thai and
/// Japanese input methods can type) to ASCII, and trims. Each run of
/// spaces, tabs, line breaks, no-break and ideographic spaces becomes one
/// space. Returns the text unchanged, without copying, when it is already
/// clean.
///
/// ```
/// use chumchon::import::cell::clean_text;
/// assert_eq!(clean_text("  ณรงค์  "), "ณรงค์");
/// assert_eq!(clean_text("ชื่น\u{200b}ใจ"), "ชื่นใจ");
/// assert_eq!(clean_text("นาง  สมศรี\u{a0} ใจดี"), "นาง สมศรี ใจดี");
/// assert_eq!(clean_text("Ｔ００１\u{3000}ก"), "T001 ก");
/// ```
pub fn clean_text(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        return Cow::Borrowed(text);
    }
    let mut cleaned = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_zero_width(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !cleaned.is_empty();
            continue;
        }
        if pending_space {
            cleaned.push(' ');
            pending_space = false;
        }
        cleaned.push(fold_full_width(c));
    }
    Cow::Owned(cleaned)
}

/// Maps a full-width ASCII form (U+FF01 to U+FF5E) to its ASCII character
/// and leaves any other character as it is. The ideographic space U+3000 is
/// whitespace, which [`clean_text`] turns into a space on its own.
fn fold_full_width(c: char) -> char {
    if is_full_width(c) {
        char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
    } else {
        c
    }
}

fn is_full_width(c: char) -> bool {
    ('\u{ff01}'..='\u{ff5e}').contains(&c)
}

/// Like [`clean_text`], but reuses the string's buffer when it is clean.
pub(crate) fn clean_text_owned(text: String) -> String {
    match clean_text(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cleaned) => cleaned,
    }
}

fn is_clean(text: &str) -> bool {
    let mut previous_space = true;
    for c in text.chars() {
        let stray_space = c.is_whitespace() && (c != ' ' || previous_space);
        if is_zero_width(c) || stray_space || is_full_width(c) {
            return false;
        }
        previous_space = c == ' ';
    }
    !previous_space || text.is_empty()
}

/// Formats a number the way a spreadsheet shows it in General format:
/// whole numbers without a decimal point.
pub(crate) fn format_number(number: f64) -> String {
    match whole_number(number) {
        Some(whole) => whole.to_string(),
        None => number.to_string(),
    }
}

fn whole_number(number: f64) -> Option<i64> {
    let in_range = number.is_finite() && number.abs() < 9.0e15;
    (in_range && number.fract() == 0.0).then_some(number as i64)
}

fn scale_float(number: f64, places: u8) -> Option<i64> {
    let scaled = (number * 10f64.powi(i32::from(places))).round();
    (scaled.is_finite() && scaled.abs() < 9.0e15).then_some(scaled as i64)
}

/// Units that may follow a number in a cell and are dropped when it is read.
const UNITS: [&str; 10] = [
    "หุ้น",
    "บาท",
    "บ.",
    "กิโลกรัม",
    "กิโล",
    "กก.",
    "กก",
    "kg",
    "คน",
    "฿",
];

/// Reduces number text to ASCII digits, sign and decimal point: Thai digits
/// become Arabic, thousands separators, spaces and a trailing unit go, "-"
/// alone is zero and (123) is negative. A dash after the number, as in
/// "200-" or "200.-", closes the amount the way Thai receipts write it, so
/// it is dropped.
fn number_text(text: &str) -> Option<String> {
    let mut text = clean_text(text).into_owned();
    for unit in UNITS {
        if let Some(rest) = text.strip_suffix(unit) {
            text = rest.trim_end().to_string();
        }
    }
    let mut text = text.trim_start_matches('฿').trim_end_matches(".-").trim();
    if let Some(rest) = text.strip_suffix('-').map(str::trim_end) {
        if rest
            .chars()
            .last()
            .is_some_and(|c| to_arabic_digit(c).is_ascii_digit())
        {
            text = rest;
        }
    }
    if matches!(text, "-" | "–" | "—") {
        return Some("0".into());
    }
    let (negative, text) = match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (false, text),
    };
    let mut plain = String::with_capacity(text.len() + 1);
    if negative {
        plain.push('-');
    }
    let mut grouping = Grouping::default();
    let mut in_fraction = false;
    // A space between two digits separates thousands like a comma, so
    // "1 000" is 1000 but "1 00" and "12 5" are no numbers.
    let mut space_after_digit = false;
    for c in text.chars().map(to_arabic_digit) {
        if is_space(c) {
            space_after_digit |= plain.ends_with(|c: char| c.is_ascii_digit());
            continue;
        }
        let separated = std::mem::take(&mut space_after_digit);
        match c {
            '0'..='9' => {
                if separated && (in_fraction || !grouping.comma()) {
                    return None;
                }
                if !in_fraction {
                    grouping.digit();
                }
                plain.push(c);
            }
            '.' => {
                if !grouping.ends_well() {
                    return None;
                }
                in_fraction = true;
                plain.push(c);
            }
            '-' | '+' => plain.push(c),
            ',' if !in_fraction && grouping.comma() => {}
            _ => return None,
        }
    }
    (in_fraction || grouping.ends_well()).then_some(plain)
}

/// Checks the thousands commas of a number's whole part as its digits go
/// by. A comma is a thousands separator only when it groups exactly three
/// digits, as in "1,000" and "12,345,678", so "2,5" and "1,00" are no
/// numbers. Thai practice writes decimals with a point, so a misplaced
/// comma is reported as invalid rather than read as a decimal comma. This
/// holds in semicolon-separated files too.
#[derive(Debug, Default)]
struct Grouping {
    /// Digits since the start or the last comma.
    digits: u32,
    /// Whether a comma has been seen.
    after_comma: bool,
}

impl Grouping {
    fn digit(&mut self) {
        self.digits += 1;
    }

    /// Takes a comma; returns whether it closes a valid group: one to three
    /// digits before the first comma, exactly three between commas.
    fn comma(&mut self) -> bool {
        let valid = if self.after_comma {
            self.digits == 3
        } else {
            (1..=3).contains(&self.digits)
        };
        self.after_comma = true;
        self.digits = 0;
        valid
    }

    /// Checks the last group, at the decimal point or the end of the text.
    fn ends_well(&self) -> bool {
        !self.after_comma || self.digits == 3
    }
}

/// Reads the common case without allocating: ASCII digits with optional
/// thousands commas, a minus sign and at most `places` decimals, scaled to
/// whole units of `1 / 10^places`. Returns `None` for anything else, which
/// the general parsers then handle.
fn parse_plain(text: &str, places: u32) -> Option<i64> {
    let bytes = text.trim().as_bytes();
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let mut value: i64 = 0;
    let mut seen_digit = false;
    let mut decimals: Option<u32> = None;
    let mut grouping = Grouping::default();
    for &byte in digits {
        match (byte, decimals) {
            (b'0'..=b'9', Some(count)) if count >= places => return None,
            (b'0'..=b'9', _) => {
                value = value.checked_mul(10)?.checked_add(i64::from(byte - b'0'))?;
                seen_digit = true;
                match decimals.as_mut() {
                    Some(count) => *count += 1,
                    None => grouping.digit(),
                }
            }
            (b',', None) if grouping.comma() => {}
            (b'.', None) if grouping.ends_well() => decimals = Some(0),
            _ => return None,
        }
    }
    if decimals.is_none() && !grouping.ends_well() {
        return None;
    }
    let scale = 10i64.checked_pow(places - decimals.unwrap_or(0))?;
    let value = value.checked_mul(scale)?;
    seen_digit.then_some(if negative { -value } else { value })
}

/// Error from reading a number written as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid number \"{text}\"")]
pub struct ParseNumberError {
    /// The text that was rejected.
    pub text: String,
}

fn number_error(text: &str) -> ParseNumberError {
    ParseNumberError {
        text: text.to_string(),
    }
}

/// Reads a whole number written as text, as Thai office sheets write them.
///
/// ```
/// use chumchon::import::cell::parse_integer;
/// assert_eq!(parse_integer("5,300"), Ok(5300));
/// assert_eq!(parse_integer("๑๗"), Ok(17));
/// assert_eq!(parse_integer("-"), Ok(0));
/// assert_eq!(parse_integer("10 หุ้น"), Ok(10));
/// assert!(parse_integer("1.5").is_err());
/// assert!(parse_integer("2,5").is_err(), "a comma groups three digits");
/// ```
pub fn parse_integer(text: &str) -> Result<i64, ParseNumberError> {
    if let Some(number) = parse_plain(text, 0) {
        return Ok(number);
    }
    let plain = number_text(text).ok_or_else(|| number_error(text))?;
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    if !fraction.bytes().all(|b| b == b'0') {
        return Err(number_error(text));
    }
    whole.parse().map_err(|_| number_error(text))
}

/// Reads baht written as text into satang: "5,300", "1,000.50", "500.-",
/// "(200)" for minus 200, "-" for zero.
///
/// ```
/// use chumchon::import::cell::parse_money;
/// use chumchon::Satang;
/// assert_eq!(parse_money("5,300"), Ok(Satang(530_000)));
/// assert_eq!(parse_money("500.-"), Ok(Satang(50_000)));
/// assert_eq!(parse_money("-"), Ok(Satang(0)));
/// assert_eq!(parse_money("(1,000.00)"), Ok(Satang(-100_000)));
/// ```
pub fn parse_money(text: &str) -> Result<Satang, ParseNumberError> {
    if let Some(satang) = parse_plain(text, 2) {
        return Ok(Satang(satang));
    }
    let plain = number_text(text).ok_or_else(|| number_error(text))?;
    plain.parse::<Satang>().map_err(|_| number_error(text))
}

/// Reads a decimal quantity written as text into whole units of
/// `1 / 10^places`, rejecting more decimals than `places`.
///
/// ```
/// use chumchon::import::cell::parse_decimal;
/// assert_eq!(parse_decimal("23.3", 3), Ok(23_300));
/// assert_eq!(parse_decimal("1,015.25 กก.", 3), Ok(1_015_250));
/// assert!(parse_decimal("0.0005", 3).is_err());
/// ```
pub fn parse_decimal(text: &str, places: u8) -> Result<i64, ParseNumberError> {
    if let Some(units) = parse_plain(text, u32::from(places)) {
        return Ok(units);
    }
    let plain = number_text(text).ok_or_else(|| number_error(text))?;
    let (negative, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, plain.trim_start_matches('+')),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let places = usize::from(places);
    if (whole.is_empty() && fraction.is_empty())
        || !digits_only(whole)
        || !digits_only(fraction)
        || fraction.len() > places
    {
        return Err(number_error(text));
    }
    let scaled = format!("{whole}{fraction:0<places$}");
    let units: i64 = scaled.parse().map_err(|_| number_error(text))?;
    Ok(if negative { -units } else { units })
}

/// Normalises a Thai phone number to its digits. A mobile number that lost
/// its leading zero (9 digits starting 6, 8 or 9) or a landline that lost
/// it (8 digits starting 2 to 7) gets it back; +66 becomes 0. Several
/// numbers in one cell, separated by commas, slashes or "หรือ", are joined
/// with ", ". Returns `None` when a part is not a Thai number.
///
/// ```
/// use chumchon::import::cell::normalize_phone;
/// assert_eq!(normalize_phone("094-030-4955").as_deref(), Some("0940304955"));
/// assert_eq!(normalize_phone("940304955").as_deref(), Some("0940304955"));
/// assert_eq!(normalize_phone("+66 94 030 4955").as_deref(), Some("0940304955"));
/// assert_eq!(normalize_phone("74311234").as_deref(), Some("074311234"));
/// assert_eq!(normalize_phone("12345"), None);
/// ```
pub fn normalize_phone(text: &str) -> Option<String> {
    let parts: Vec<String> = text
        .split([',', '/', ';', '|', '\n'])
        .flat_map(|part| part.split("หรือ"))
        .filter(|part| !part.trim().is_empty())
        .map(normalize_one_phone)
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn normalize_one_phone(text: &str) -> Option<String> {
    let text = text
        .trim()
        .trim_start_matches("โทร.")
        .trim_start_matches("โทร");
    let mut digits = String::with_capacity(12);
    for c in text.chars().map(to_arabic_digit) {
        match c {
            '0'..='9' => digits.push(c),
            '-' | '(' | ')' | '.' | '+' => {}
            c if is_space(c) => {}
            _ => return None,
        }
    }
    if let Some(rest) = digits.strip_prefix("66").filter(|rest| rest.len() >= 8) {
        digits = format!("0{rest}");
    }
    let first = digits.as_bytes().first().copied().unwrap_or(b'x');
    match (digits.len(), first) {
        (9, b'6' | b'8' | b'9') | (8, b'2'..=b'7') => digits.insert(0, '0'),
        _ => {}
    }
    let bytes = digits.as_bytes();
    let mobile = bytes.len() == 10 && bytes[0] == b'0' && matches!(bytes[1], b'6' | b'8' | b'9');
    let landline = bytes.len() == 9 && bytes[0] == b'0' && matches!(bytes[1], b'2'..=b'7');
    (mobile || landline).then_some(digits)
}

/// Formats phone digits for display: mobile numbers as 0XX-XXX-XXXX, Bangkok
/// numbers as 02-XXX-XXXX, other landlines as 0XX-XXX-XXX. Anything else is
/// returned unchanged.
///
/// ```
/// use chumchon::import::cell::format_phone;
/// assert_eq!(format_phone("0940304955"), "094-030-4955");
/// assert_eq!(format_phone("021234567"), "02-123-4567");
/// assert_eq!(format_phone("074311234"), "074-311-234");
/// ```
pub fn format_phone(digits: &str) -> String {
    let ascii = digits.bytes().all(|b| b.is_ascii_digit());
    match (ascii, digits.len(), digits.get(..2)) {
        (true, 10, _) => format!("{}-{}-{}", &digits[..3], &digits[3..6], &digits[6..]),
        (true, 9, Some("02")) => format!("{}-{}-{}", &digits[..2], &digits[2..5], &digits[5..]),
        (true, 9, _) => format!("{}-{}-{}", &digits[..3], &digits[3..6], &digits[6..]),
        _ => digits.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date exists")
    }

    fn convert_one(raw: RawValue, kind: FieldKind) -> Converted {
        convert(raw, kind, CellContext::default())
    }

    fn text(value: &str) -> RawValue {
        RawValue::Text(value.to_string())
    }

    #[test]
    fn date_text_in_common_thai_forms() {
        let cases = [
            ("05/10/2565", date(2022, 10, 5)),
            ("25 มิ.ย. 2565", date(2022, 6, 25)),
            ("๒๑/๐๘/๒๕๖๖", date(2023, 8, 21)),
            (" 6 พฤศจิกายน 2565 ", date(2022, 11, 6)),
            ("23 ม.ค. 67", date(2024, 1, 23)),
            ("45314", date(2024, 1, 23)),
        ];
        for (input, expected) in cases {
            let converted = convert_one(text(input), FieldKind::Date);
            assert_eq!(
                converted.value,
                Some(Value::Date(expected)),
                "parsing {input:?}"
            );
        }
    }

    #[test]
    fn date_cell_with_be_year_in_ce_cell_is_shifted() -> Result<(), String> {
        let serial = (date(2567, 3, 15) - date(1899, 12, 30)).num_days() as f64;
        let converted = convert_one(RawValue::Date(serial), FieldKind::Date);
        assert_eq!(
            converted.value,
            Some(Value::Date(date(2024, 3, 15))),
            "BE year shifted"
        );
        let leap = (date(2564, 2, 29) - date(1899, 12, 30)).num_days() as f64;
        let problem = convert_one(RawValue::Date(leap), FieldKind::Date).problem;
        assert_eq!(
            problem.map(|p| p.code),
            Some("nonexistent_date"),
            "2021-02-29 CE"
        );
        Ok(())
    }

    #[test]
    fn bare_number_in_date_column_is_a_date_when_plausible() {
        let converted = convert_one(RawValue::Number(45314.0), FieldKind::Date);
        assert_eq!(
            converted.value,
            Some(Value::Date(date(2024, 1, 23))),
            "serial read"
        );
        let small = convert_one(RawValue::Number(17.0), FieldKind::Date);
        assert_eq!(
            small.problem.map(|p| p.code),
            Some("invalid_date"),
            "17 is not a date"
        );
    }

    #[test]
    fn date_column_rejects_nonexistent_text_date() {
        let converted = convert_one(text("30 ก.พ. 2567"), FieldKind::Date);
        let problem = converted.problem.expect("a problem");
        assert_eq!(problem.code, "nonexistent_date", "code");
        assert_eq!(problem.value, "30 ก.พ. 2567", "raw value kept");
    }

    #[test]
    fn text_cleaning_removes_stray_spaces() {
        assert_eq!(
            clean_text("ณรงค์"),
            Cow::Borrowed("ณรงค์"),
            "clean text is not copied"
        );
        assert_eq!(clean_text(" a\t\tb \n"), "a b");
        assert_eq!(clean_text("\u{200b}"), "");
        assert_eq!(clean_text("a\u{feff}b"), "ab");
    }

    #[test]
    fn numbers_in_text_are_read() {
        let converted = convert_one(text(" 5,300 "), FieldKind::Integer);
        assert_eq!(converted.value, Some(Value::Integer(5300)), "integer text");
        let money = convert_one(text("2,100"), FieldKind::Money);
        assert_eq!(
            money.value,
            Some(Value::Money(Satang(210_000))),
            "money text"
        );
        let dash = convert_one(text("-"), FieldKind::Money);
        assert_eq!(dash.value, Some(Value::Money(Satang(0))), "dash is zero");
        let float = convert_one(RawValue::Number(4.1), FieldKind::Decimal { places: 3 });
        assert_eq!(float.value, Some(Value::Decimal(4100)), "kg to grams");
        assert_eq!(float.problem, None, "4.1 is exact enough");
    }

    #[test]
    fn extra_decimals_are_rounded_with_a_warning() {
        let kg = FieldKind::Decimal { places: 3 };

        let typed = convert_one(RawValue::Number(4.1234), kg);
        let noise = convert_one(RawValue::Number(1.1 * 3.0), kg);
        let huge = convert_one(RawValue::Number(9_223_372_036_854.775), kg);

        assert_eq!(typed.value, Some(Value::Decimal(4123)), "rounded to grams");
        let problem = typed.problem.expect("a warning");
        assert_eq!(problem.code, "decimals_rounded");
        assert_eq!(problem.severity, Severity::Warning);
        assert!(problem.message.contains("4.123"), "{}", problem.message);
        assert_eq!(noise.value, Some(Value::Decimal(3300)), "1.1 × 3");
        assert_eq!(noise.problem, None, "binary noise is no reason to warn");
        assert_eq!(huge.value, None, "too large to store");
        let message = huge.problem.map(|p| p.message).unwrap_or_default();
        assert!(message.contains("too large"), "{message}");
    }

    #[test]
    fn plain_number_text_is_scaled() {
        assert_eq!(parse_money("1,000.5"), Ok(Satang(100_050)), "one decimal");
        assert_eq!(parse_money("-12"), Ok(Satang(-1_200)), "negative");
        assert_eq!(
            parse_integer("5,300.00"),
            Ok(5_300),
            "zero decimals on a whole number"
        );
        assert_eq!(parse_decimal("0.25", 3), Ok(250), "grams");
        assert!(parse_money(".").is_err(), "a dot alone");
        assert!(parse_money("1.234").is_err(), "three decimals of baht");
        assert!(parse_integer("99999999999999999999").is_err(), "overflow");
    }

    #[test]
    fn non_numbers_are_problems() {
        let converted = convert_one(text("สิบ"), FieldKind::Integer);
        assert_eq!(
            converted.problem.map(|p| p.code),
            Some("invalid_number"),
            "word"
        );
        let fraction = convert_one(RawValue::Number(2.5), FieldKind::Integer);
        assert_eq!(
            fraction.problem.map(|p| p.code),
            Some("invalid_number"),
            "fraction"
        );
        let money = convert_one(text("12.345"), FieldKind::Money);
        assert_eq!(
            money.problem.map(|p| p.code),
            Some("invalid_money"),
            "three decimals"
        );
    }

    #[test]
    fn national_ids_from_numbers_and_dashed_text() {
        let number = convert_one(RawValue::Number(6476314148974.0), FieldKind::NationalId);
        let expected = Some(Value::NationalId("6476314148974".into()));
        assert_eq!(number.value, expected, "number cell");
        let dashed = convert_one(text("4-4182-24863-44-1"), FieldKind::NationalId);
        let expected = Some(Value::NationalId("4418224863441".into()));
        assert_eq!(dashed.value, expected, "dashed text");
        let short = convert_one(text("441822486344"), FieldKind::NationalId);
        let code = short.problem.map(|p| p.code);
        assert_eq!(code, Some("invalid_national_id_length"), "12 digits");
        let letters = convert_one(text("ไม่มีบัตร"), FieldKind::NationalId);
        assert_eq!(
            letters.problem.map(|p| p.code),
            Some("invalid_national_id"),
            "no digits"
        );
        let shortened = convert_one(text("1.1001E+12"), FieldKind::NationalId);
        assert_eq!(
            shortened.problem.map(|p| p.code),
            Some("national_id_exponent"),
            "Excel's E notation"
        );
    }

    #[test]
    fn phone_that_lost_its_zero_gets_it_back() {
        let converted = convert_one(RawValue::Number(940304955.0), FieldKind::Phone);
        assert_eq!(
            converted.value,
            Some(Value::Phone("0940304955".into())),
            "mobile"
        );
        assert_eq!(converted.problem, None, "no problem");
        let two = normalize_phone("081-234-5678 หรือ 074-311-234");
        assert_eq!(two.as_deref(), Some("0812345678, 074311234"), "two numbers");
    }

    #[test]
    fn unusual_phone_is_kept_and_flagged() {
        let converted = convert_one(text("ต่อ 12"), FieldKind::Phone);
        assert_eq!(converted.value, Some(Value::Phone("ต่อ 12".into())), "kept");
        let severity = converted.problem.map(|p| p.severity);
        assert_eq!(severity, Some(Severity::Warning), "flagged as a warning");
    }

    #[test]
    fn comma_groups_exactly_three_digits() {
        let valid = [
            ("1,000", 1_000),
            ("12,345,678", 12_345_678),
            ("-1,000", -1_000),
        ];
        for (input, expected) in valid {
            assert_eq!(parse_integer(input), Ok(expected), "{input} is grouped");
        }
        for input in [
            "2,5", "1,00", "1,0000", "1234,567", ",5", "1,", "1,,000", "๒,๕",
        ] {
            assert!(parse_integer(input).is_err(), "{input} is misgrouped");
        }
        assert_eq!(
            parse_money("1,000.50"),
            Ok(Satang(100_050)),
            "grouped money"
        );
        assert!(parse_money("2,5").is_err(), "2,5 is no amount");
        assert!(parse_money("1,00.50").is_err(), "1,00.50 is no amount");
        assert!(parse_money("(2,5)").is_err(), "misgrouped in parentheses");
        assert!(
            parse_decimal("2,5 กก.", 3).is_err(),
            "misgrouped with a unit"
        );
        assert_eq!(parse_money("1 000"), Ok(Satang(100_000)), "space groups");
        assert_eq!(
            parse_money("1 234 567.50"),
            Ok(Satang(123_456_750)),
            "spaces"
        );
        assert_eq!(
            parse_money("1,000 บาท"),
            Ok(Satang(100_000)),
            "unit after a space"
        );
        for input in ["1 00.00", "12 5", "1.5 0", "1 0000"] {
            assert!(parse_money(input).is_err(), "{input} is misgrouped");
        }
    }

    #[test]
    fn misgrouped_shares_cell_is_invalid_number() {
        let converted = convert_one(text("2,5"), FieldKind::Integer);
        assert_eq!(converted.value, None, "no value read from 2,5");
        let code = converted.problem.map(|p| p.code);
        assert_eq!(code, Some("invalid_number"), "2,5 reported");
    }

    #[test]
    fn full_width_forms_fold_to_ascii() {
        assert_eq!(
            clean_text("Ｔ００１"),
            "T001",
            "full-width letters and digits"
        );
        assert_eq!(clean_text("ก\u{3000}ข"), "ก ข", "ideographic space");
        assert_eq!(clean_text("\u{3000}Ａ\u{3000}"), "A", "trimmed");
        assert_eq!(clean_text("～！"), "~!", "both ends of the range");
        let converted = convert_one(text("Ｔ００１"), FieldKind::Text);
        assert_eq!(
            converted.value,
            Some(Value::Text("T001".into())),
            "text cell"
        );
        let shares = convert_one(text("１，０００"), FieldKind::Integer);
        assert_eq!(
            shares.value,
            Some(Value::Integer(1_000)),
            "full-width number"
        );
        let id = convert_one(text("６４７６３１４１４８９７４"), FieldKind::NationalId);
        let expected = Some(Value::NationalId("6476314148974".into()));
        assert_eq!(id.value, expected, "full-width national ID");
        let phone = convert_one(text("０９４－０３０－４９５５"), FieldKind::Phone);
        let expected = Some(Value::Phone("0940304955".into()));
        assert_eq!(phone.value, expected, "full-width phone");
    }

    #[test]
    fn messages_quote_thai_as_typed() {
        let cases = [
            (text("ไม่ทราบ"), FieldKind::Date),
            (text("ไม่ทราบ"), FieldKind::Integer),
            (text("ไม่ทราบ"), FieldKind::Money),
            (text("ไม่ทราบ"), FieldKind::Decimal { places: 2 }),
            (text("ไม่มีบัตร"), FieldKind::NationalId),
            (text("ไม่มี"), FieldKind::Phone),
            (RawValue::DateIso("ไม่ทราบ".into()), FieldKind::Date),
        ];
        for (raw, kind) in cases {
            let shown = raw.display();
            let problem = convert_one(raw, kind).problem;
            let message = problem.map(|p| p.message).unwrap_or_default();
            let quoted = format!("\"{shown}\"");
            assert!(message.contains(&quoted), "{kind:?}: {message}");
            assert!(!message.contains("\\u{"), "{kind:?} escapes: {message}");
        }
        let unknown_month = convert_one(text("5 มึนาคม 2567"), FieldKind::Date).problem;
        let message = unknown_month.map(|p| p.message).unwrap_or_default();
        assert!(message.contains("\"มึนาคม\""), "month quoted: {message}");
        let error = parse_integer("ไม่").map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(error, Err("invalid number \"ไม่\"".into()), "parse error");
    }

    #[test]
    fn error_cells_are_problems() {
        let converted = convert_one(RawValue::Error("#REF!".into()), FieldKind::Text);
        assert_eq!(
            converted.problem.map(|p| p.code),
            Some("cell_error"),
            "error cell"
        );
    }
}
