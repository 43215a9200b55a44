//! Buddhist-era (BE) dates as Thai offices write them, and Excel date
//! serials. Dates are held as [`NaiveDate`] in the Common Era (CE) and shown
//! in BE, which is CE + 543.
//!
//! Parsing is always day first. A year of two digits is BE (67 → 2567). A
//! four-digit year of 2400 or more is BE and one below 2400 is CE, unless
//! the text names the era with พ.ศ. (BE) or ค.ศ. (CE), which then wins. A
//! date that does not exist, such as 31/02/2567, is an error and is never
//! moved to a nearby day.

use chrono::{Datelike, Days, NaiveDate};

use super::digits::to_arabic;

/// Years from the Common Era to the Buddhist Era: BE = CE + 543.
pub const BE_OFFSET: i32 = 543;

/// Lowest four-digit year that is read as BE when the text names no era.
/// BE 2400 is CE 1857, and CE 2400 is far in the future, so the two ranges
/// do not meet in practice.
pub const MIN_BE_YEAR: i32 = 2400;

/// Full Thai month names, January first.
const MONTHS_LONG: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Abbreviated Thai month names, January first.
const MONTHS_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// English month names, January first, in lower case.
const MONTHS_ENGLISH: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Day 1 of Excel's 1900 date system is 1900-01-01, one day after this.
const EXCEL_1900_EARLY_EPOCH: NaiveDate = date(1899, 12, 31);

/// From serial 61 (1900-03-01) on, Excel counts from this day, because it
/// treats 1900 as a leap year as Lotus 1-2-3 did.
const EXCEL_1900_EPOCH: NaiveDate = date(1899, 12, 30);

/// First day counted from [`EXCEL_1900_EPOCH`].
const EXCEL_1900_MARCH_1: NaiveDate = date(1900, 3, 1);

/// Day 0 of Excel's 1904 date system.
const EXCEL_1904_EPOCH: NaiveDate = date(1904, 1, 1);

/// Serial of the day that Excel's 1900 system calls 29 February 1900, which
/// never existed.
const EXCEL_FICTITIOUS_LEAP_DAY: f64 = 60.0;

/// Error from parsing a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not a date in any accepted form.
    #[error("invalid date “{text}”: expected a day-first date such as 15/03/2567 or 15 มี.ค. 2567")]
    InvalidFormat {
        /// The text that failed to parse.
        text: String,
    },

    /// The text has a word where the month should be that is not a month.
    #[error("unknown month “{month}” in date “{text}”: expected a month such as มี.ค. or มีนาคม")]
    UnknownMonth {
        /// The text that failed to parse.
        text: String,
        /// The word found in place of the month, without dots.
        month: String,
    },

    /// The text has the form of a date, but no such day exists.
    #[error("{}", nonexistent_message(.text, *.day, *.month, *.year))]
    Nonexistent {
        /// The text that failed to parse.
        text: String,
        /// Day of the month as written.
        day: u32,
        /// Month number, 1 for January.
        month: u32,
        /// Year as written, with a two-digit year expanded to four digits.
        year: i32,
    },
}

/// Describes a date that has the form of a date but does not exist,
/// naming the part that is wrong: a month past 12, or a day past the
/// month's end.
pub(crate) fn nonexistent_message(text: &str, day: u32, month: u32, year: i32) -> String {
    if !(1..=12).contains(&month) {
        format!("date “{text}” does not exist: there is no month {month}; months go from 1 to 12")
    } else {
        format!(
            "date “{text}” does not exist: there is no day {day} in month {month} of year {year}"
        )
    }
}

/// Era named in the text, or implied by the language of the month name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    /// No era: the year's size decides.
    Unstated,
    /// พ.ศ.
    Buddhist,
    /// ค.ศ.
    Common,
    /// No era, but an English month name, so a two-digit year is CE.
    English,
}

/// A date as written, before it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fields {
    day: u32,
    month: u32,
    /// Year as written, with a two-digit year expanded to four digits.
    year: i32,
    /// Whether `year` is BE.
    buddhist: bool,
}

impl Fields {
    fn to_date(self) -> Option<NaiveDate> {
        let year = if self.buddhist {
            self.year - BE_OFFSET
        } else {
            self.year
        };
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

/// A piece of date text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A run of digits, with Thai digits converted to Arabic.
    Number(String),
    /// A run of Thai or ASCII letters without its dots, in lower case.
    Word(String),
    /// One of `/`, `-` and `.` between numbers.
    Separator(char),
    /// Any other character except whitespace.
    Other(char),
}

/// A position in a list of tokens, for matching one date form.
struct Cursor<'t> {
    tokens: &'t [Token],
    position: usize,
}

impl<'t> Cursor<'t> {
    fn next_if<T>(&mut self, accept: impl FnOnce(&'t Token) -> Option<T>) -> Option<T> {
        let value = accept(self.tokens.get(self.position)?)?;
        self.position += 1;
        Some(value)
    }

    /// Takes a number of `min` to `max` digits, returning its value and size.
    fn number(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        self.next_if(|token| match token {
            Token::Number(digits) if (min..=max).contains(&digits.len()) => {
                Some((digits.parse().ok()?, digits.len()))
            }
            _ => None,
        })
    }

    fn separator(&mut self) -> Option<char> {
        self.next_if(|token| match token {
            Token::Separator(c) => Some(*c),
            _ => None,
        })
    }

    fn word(&mut self) -> Option<&'t str> {
        self.next_if(|token| match token {
            Token::Word(word) => Some(word.as_str()),
            _ => None,
        })
    }

    /// Takes an era word if one comes next.
    fn era(&mut self) -> Era {
        self.next_if(|token| match token {
            Token::Word(word) => era_of(word),
            _ => None,
        })
        .unwrap_or(Era::Unstated)
    }

    /// Takes a time of day such as `0:00:00` if one comes next.
    fn skip_time(&mut self) {
        let start = self.position;
        let colon = |token: &Token| (*token == Token::Other(':')).then_some(());
        let has_time = self.number(1, 2).is_some()
            && self.next_if(colon).is_some()
            && self.number(2, 2).is_some();
        if !has_time {
            self.position = start;
        } else if self.next_if(colon).is_some() && self.number(2, 2).is_none() {
            self.position -= 1;
        }
    }

    fn is_at_end(&self) -> bool {
        self.position == self.tokens.len()
    }
}

/// Parses a date as a Thai office types it, day first.
///
/// Accepted forms, with Thai or Arabic digits and with or without spaces:
/// `15/03/2567`, `15-03-2567`, `15.03.2567`, `15/03/67`, `15 มี.ค. 2567`,
/// `15 มีค 67`, `15มี.ค.67`, `15 มีนาคม พ.ศ. 2567`, `15 มีนา 67`, `15-Mar-2024`,
/// and the ISO form `2024-03-15`. A leading `วันที่`, `ณ วันที่` or weekday such
/// as `วันศุกร์ที่` or `พฤหัส` is skipped (the weekday is not checked), and so is a trailing
/// time such as `0:00:00`. See the module documentation for how the era of
/// the year is decided.
///
/// ```
/// use chrono::NaiveDate;
/// use chumchon::thai::date::parse_be_text;
/// let expected = NaiveDate::from_ymd_opt(2024, 3, 15);
/// assert_eq!(parse_be_text("15/03/2567").ok(), expected);
/// assert_eq!(parse_be_text("วันที่ ๑๕ มี.ค. ๖๗").ok(), expected);
/// assert_eq!(parse_be_text("2024-03-15").ok(), expected);
/// assert!(parse_be_text("29/02/2566").is_err(), "2023 is not a leap year");
/// ```
pub fn parse_be_text(text: &str) -> Result<NaiveDate, DateError> {
    let tokens = tokenize(text);
    let body = skip_prefix(&tokens);
    let Some(fields) = match_whole(body) else {
        return Err(format_error(text, body));
    };
    fields.to_date().ok_or_else(|| DateError::Nonexistent {
        text: text.to_string(),
        day: fields.day,
        month: fields.month,
        year: fields.year,
    })
}

/// Finds the first date with a day, month and year inside longer text, such
/// as the title "ข้อมูล ณ วันที่ 31 ธันวาคม 2567". Returns `None` when the
/// text holds no complete date that exists; see [`find_be_year`] for text
/// that holds only a year.
///
/// ```
/// use chrono::NaiveDate;
/// use chumchon::thai::date::find_be_date;
/// assert_eq!(
///     find_be_date("ข้อมูล ณ วันที่ 31 ธันวาคม 2567"),
///     NaiveDate::from_ymd_opt(2024, 12, 31),
/// );
/// assert_eq!(find_be_date("สมุดทะเบียนหุ้น ปี 2567"), None);
/// ```
pub fn find_be_date(text: &str) -> Option<NaiveDate> {
    let tokens = tokenize(text);
    (0..tokens.len()).find_map(|start| match_at(&tokens, start)?.0.to_date())
}

/// Finds the BE year of the first date in `text`, or else the first year on
/// its own: a four-digit number from 2400 to 2699, a two-digit number after
/// `ปี` or `พ.ศ.` (67 → 2567), or a four-digit CE year after `ค.ศ.`.
///
/// NOTE: any four-digit number from 2400 to 2699 counts as a year, so an
/// amount such as "2500 บาท" in the text would be taken for one.
///
/// ```
/// use chumchon::thai::date::find_be_year;
/// assert_eq!(find_be_year("สมุดทะเบียนหุ้น ปี 2567"), Some(2567));
/// assert_eq!(find_be_year("เงินปันผลปี 67"), Some(2567));
/// assert_eq!(find_be_year("ข้อมูล ณ วันที่ 31 ธันวาคม 2567"), Some(2567));
/// assert_eq!(find_be_year("ทะเบียนสมาชิก"), None);
/// ```
pub fn find_be_year(text: &str) -> Option<i32> {
    if let Some(date) = find_be_date(text) {
        return Some(be_year(date));
    }
    let tokens = tokenize(text);
    (0..tokens.len()).find_map(|index| year_at(&tokens, index))
}

/// Returns the BE year of a date.
///
/// ```
/// use chrono::NaiveDate;
/// use chumchon::thai::date::be_year;
/// assert_eq!(NaiveDate::from_ymd_opt(2024, 12, 31).map(be_year), Some(2567));
/// ```
pub fn be_year(date: NaiveDate) -> i32 {
    date.year() + BE_OFFSET
}

/// Formats a date with the full Thai month name and BE year, as
/// "31 ธันวาคม 2567".
///
/// ```
/// use chrono::NaiveDate;
/// use chumchon::thai::date::format_long;
/// let date = NaiveDate::from_ymd_opt(2024, 12, 31).expect("valid date");
/// assert_eq!(format_long(date), "31 ธันวาคม 2567");
/// ```
pub fn format_long(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_LONG[date.month0() as usize],
        be_year(date)
    )
}

/// Formats a date with the abbreviated Thai month name and the last two
/// digits of the BE year, as "31 ธ.ค. 67".
///
/// ```
/// use chrono::NaiveDate;
/// use chumchon::thai::date::format_short;
/// let date = NaiveDate::from_ymd_opt(2024, 12, 31).expect("valid date");
/// assert_eq!(format_short(date), "31 ธ.ค. 67");
/// ```
pub fn format_short(date: NaiveDate) -> String {
    let month = MONTHS_SHORT[date.month0() as usize];
    format!(
        "{} {} {:02}",
        date.day(),
        month,
        be_year(date).rem_euclid(100)
    )
}

/// Formats a date as day/month/BE year with two-digit day and month, as
/// "31/12/2567".
///
/// ```
/// use chrono::NaiveDate;
/// use chumchon::thai::date::format_numeric;
/// let date = NaiveDate::from_ymd_opt(2024, 3, 5).expect("valid date");
/// assert_eq!(format_numeric(date), "05/03/2567");
/// ```
pub fn format_numeric(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), be_year(date))
}

/// Converts an Excel date serial to a date, ignoring any time of day in the
/// fraction. In the 1900 system serial 1 is 1900-01-01 and serial 60 is the
/// 29 February 1900 that Excel counts but that never existed, so it returns
/// `None`, as it does for serials below 1. In the 1904 system serial 0 is
/// 1904-01-01 and negative serials return `None`.
///
/// ```
/// use chrono::NaiveDate;
/// use chumchon::thai::date::from_excel_serial;
/// assert_eq!(from_excel_serial(45366.0, false), NaiveDate::from_ymd_opt(2024, 3, 15));
/// assert_eq!(from_excel_serial(43904.5, true), NaiveDate::from_ymd_opt(2024, 3, 15));
/// assert_eq!(from_excel_serial(60.0, false), None);
/// ```
pub fn from_excel_serial(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    let days = serial.floor();
    let (epoch, first) = match is_1904 {
        true => (EXCEL_1904_EPOCH, 0.0),
        false if days < EXCEL_FICTITIOUS_LEAP_DAY => (EXCEL_1900_EARLY_EPOCH, 1.0),
        false if days == EXCEL_FICTITIOUS_LEAP_DAY => return None,
        false => (EXCEL_1900_EPOCH, 1.0),
    };
    if !(days >= first && days <= f64::from(u32::MAX)) {
        return None;
    }
    epoch.checked_add_days(Days::new(days as u64))
}

/// Converts a date to its Excel serial, the inverse of
/// [`from_excel_serial`]. Dates before the first day of the system
/// (1900-01-01 or 1904-01-01) have no serial in Excel and give a number
/// below 1 or below 0.
///
/// ```
/// use chrono::NaiveDate;
/// use chumchon::thai::date::to_excel_serial;
/// let date = NaiveDate::from_ymd_opt(2024, 3, 15).expect("valid date");
/// assert_eq!(to_excel_serial(date, false), 45366.0);
/// assert_eq!(to_excel_serial(date, true), 43904.0);
/// ```
pub fn to_excel_serial(date: NaiveDate, is_1904: bool) -> f64 {
    let epoch = match is_1904 {
        true => EXCEL_1904_EPOCH,
        false if date < EXCEL_1900_MARCH_1 => EXCEL_1900_EARLY_EPOCH,
        false => EXCEL_1900_EPOCH,
    };
    date.signed_duration_since(epoch).num_days() as f64
}

/// Repairs a date whose year was typed in BE into a cell that holds CE
/// dates: a year of 2400 or more loses 543 years. Returns other dates
/// unchanged, and `None` when the repaired date does not exist, as for
/// 29 February of a BE year whose CE year is not a leap year.
///
/// ```
/// use chrono::NaiveDate;
/// use chumchon::thai::date::fix_be_year;
/// let typed = NaiveDate::from_ymd_opt(2567, 3, 15).expect("valid date");
/// assert_eq!(fix_be_year(typed), NaiveDate::from_ymd_opt(2024, 3, 15));
/// ```
pub fn fix_be_year(date: NaiveDate) -> Option<NaiveDate> {
    if date.year() < MIN_BE_YEAR {
        return Some(date);
    }
    date.with_year(date.year() - BE_OFFSET)
}

/// Builds a date known to exist, for constants.
const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("constant date does not exist"),
    }
}

/// Splits text into numbers, words and separators, dropping whitespace.
fn tokenize(text: &str) -> Vec<Token> {
    let text = to_arabic(text);
    let mut chars = text.chars().peekable();
    let mut tokens = Vec::new();
    while let Some(c) = chars.next() {
        let token = if c.is_ascii_digit() {
            Token::Number(take_run(c, &mut chars, |c| c.is_ascii_digit()))
        } else if is_letter(c) {
            let word = take_run(c, &mut chars, |c| is_letter(c) || c == '.');
            Token::Word(word.replace('.', "").to_lowercase())
        } else if matches!(c, '/' | '-' | '.') {
            Token::Separator(c)
        } else if c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}') {
            continue;
        } else {
            Token::Other(c)
        };
        tokens.push(token);
    }
    tokens
}

/// Returns `first` followed by the characters after it that match `accept`.
fn take_run(
    first: char,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    accept: impl Fn(char) -> bool,
) -> String {
    let mut run = String::from(first);
    while let Some(c) = chars.next_if(|c| accept(*c)) {
        run.push(c);
    }
    run
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{0E01}'..='\u{0E4F}').contains(&c)
}

/// Skips leading words such as วันที่, ณ วันที่, วันศุกร์ที่, วันศุกร์ and
/// พฤหัส.
fn skip_prefix(tokens: &[Token]) -> &[Token] {
    let count = tokens
        .iter()
        .take_while(|token| matches!(token, Token::Word(word) if is_prefix_word(word)))
        .count();
    &tokens[count..]
}

fn is_prefix_word(word: &str) -> bool {
    let word = word.strip_prefix('ณ').unwrap_or(word);
    let day = word.strip_suffix("ที่").unwrap_or(word);
    let weekday = day.strip_prefix("วัน").unwrap_or(day);
    word.is_empty()
        || word == "ที่"
        || (word.starts_with("วัน") && word.ends_with("ที่"))
        || WEEKDAYS.contains(&weekday)
}

/// Thai weekday names as a date may start with them, after วัน or alone.
const WEEKDAYS: [&str; 8] = [
    "จันทร์",
    "อังคาร",
    "พุธ",
    "พฤหัส",
    "พฤหัสบดี",
    "ศุกร์",
    "เสาร์",
    "อาทิตย์",
];

/// Matches one date that covers all of `tokens`, allowing a trailing time.
fn match_whole(tokens: &[Token]) -> Option<Fields> {
    let (fields, end) = match_at(tokens, 0)?;
    let mut cursor = Cursor {
        tokens,
        position: end,
    };
    cursor.skip_time();
    cursor.is_at_end().then_some(fields)
}

/// Matches a date starting at `start`, returning it and the index after it.
fn match_at(tokens: &[Token], start: usize) -> Option<(Fields, usize)> {
    let forms: [fn(&mut Cursor<'_>) -> Option<Fields>; 2] = [match_numeric, match_month_name];
    forms.iter().find_map(|form| {
        let mut cursor = Cursor {
            tokens,
            position: start,
        };
        form(&mut cursor).map(|fields| (fields, cursor.position))
    })
}

/// Matches `15/03/2567`, `15-03-67`, `15.03.2567` and `2024-03-15`.
fn match_numeric(cursor: &mut Cursor<'_>) -> Option<Fields> {
    let (first, first_digits) = cursor.number(1, 4)?;
    let separator = cursor.separator()?;
    let (month, _) = cursor.number(1, 2)?;
    cursor.separator().filter(|c| *c == separator)?;
    if first_digits == 4 {
        let (day, _) = cursor.number(1, 2)?;
        return fields(day, month, (first, first_digits), Era::Unstated);
    }
    let era = cursor.era();
    let year = cursor.number(2, 4)?;
    fields(first, month, year, era).filter(|_| first_digits <= 2)
}

/// Matches `15 มี.ค. 2567`, `15มีค67`, `15 มีนาคม พ.ศ. 2567` and `15-Mar-24`.
fn match_month_name(cursor: &mut Cursor<'_>) -> Option<Fields> {
    let (day, _) = cursor.number(1, 2)?;
    cursor.separator();
    let (month, month_era) = month_and_era(cursor.word()?)?;
    cursor.separator();
    let era = match cursor.era() {
        Era::Unstated => month_era,
        stated => stated,
    };
    fields(day, month, cursor.number(2, 4)?, era)
}

/// Builds fields from a year of two or four digits.
fn fields(day: u32, month: u32, (value, digits): (u32, usize), era: Era) -> Option<Fields> {
    let value = i32::try_from(value).ok()?;
    let (year, buddhist) = match (digits, era) {
        (2, Era::Common | Era::English) => (2000 + value, false),
        (2, _) => (2500 + value, true),
        (4, Era::Buddhist) => (value, true),
        (4, Era::Common) => (value, false),
        (4, _) => (value, value >= MIN_BE_YEAR),
        _ => return None,
    };
    Some(Fields {
        day,
        month,
        year,
        buddhist,
    })
}

/// Reads a month word, which may end in an era as in `ธันวาคมพศ`.
fn month_and_era(word: &str) -> Option<(u32, Era)> {
    if let Some(month) = month_number(word) {
        let english = word.is_ascii();
        return Some((month, if english { Era::English } else { Era::Unstated }));
    }
    let (month, era) = [("พศ", Era::Buddhist), ("คศ", Era::Common)]
        .into_iter()
        .find_map(|(suffix, era)| Some((word.strip_suffix(suffix)?, era)))?;
    Some((month_number(month)?, era))
}

/// Returns the month number, 1 for January, of a Thai month name, its
/// spoken form (มีนา) or its abbreviation without dots, or of an English name or its first three or
/// more letters in lower case.
fn month_number(word: &str) -> Option<u32> {
    let thai = |index: usize| {
        MONTHS_LONG[index] == word
            || MONTHS_SHORT[index].replace('.', "") == word
            || spoken_month(MONTHS_LONG[index]) == word
    };
    let english = |index: usize| word.len() >= 3 && MONTHS_ENGLISH[index].starts_with(word);
    let index = (0..12).find(|index| thai(*index) || english(*index))?;
    Some(index as u32 + 1)
}

/// Returns the name a month goes by in speech, which offices type too:
/// the full name without its ending คม, ยน or พันธ์, as มีนา for มีนาคม and
/// กุมภา for กุมภาพันธ์.
fn spoken_month(long: &str) -> &str {
    ["คม", "ยน", "พันธ์"]
        .iter()
        .find_map(|ending| long.strip_suffix(ending))
        .unwrap_or(long)
}

fn era_of(word: &str) -> Option<Era> {
    match word {
        "พศ" => Some(Era::Buddhist),
        "คศ" => Some(Era::Common),
        _ => None,
    }
}

/// Chooses the error for text that matched no date form.
fn format_error(text: &str, body: &[Token]) -> DateError {
    let month = match body {
        [Token::Number(_), Token::Word(word), ..]
        | [Token::Number(_), Token::Separator(_), Token::Word(word), ..] => word,
        _ => {
            return DateError::InvalidFormat {
                text: text.to_string(),
            }
        }
    };
    if month_and_era(month).is_some() {
        return DateError::InvalidFormat {
            text: text.to_string(),
        };
    }
    DateError::UnknownMonth {
        text: text.to_string(),
        month: month.clone(),
    }
}

/// Reads a year on its own at `index`; see [`find_be_year`].
fn year_at(tokens: &[Token], index: usize) -> Option<i32> {
    let Token::Number(digits) = &tokens[index] else {
        return None;
    };
    let value: i32 = digits.parse().ok()?;
    let era = match index.checked_sub(1).map(|before| &tokens[before]) {
        Some(Token::Word(word)) if word.ends_with("คศ") => Era::Common,
        Some(Token::Word(word)) if word.ends_with("พศ") || word.ends_with("ปี") => {
            Era::Buddhist
        }
        _ => Era::Unstated,
    };
    match (digits.len(), era) {
        (4, Era::Common) => Some(value + BE_OFFSET),
        (4, _) if (MIN_BE_YEAR..2700).contains(&value) => Some(value),
        (2, Era::Buddhist) => Some(2500 + value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Result = std::result::Result<(), Box<dyn std::error::Error>>;

    fn ymd(year: i32, month: u32, day: u32) -> std::result::Result<NaiveDate, String> {
        NaiveDate::from_ymd_opt(year, month, day).ok_or(format!("{year}-{month}-{day}"))
    }

    #[test]
    fn parse_accepts_office_forms() -> Result {
        let expected = ymd(2024, 3, 15)?;
        let forms = [
            "15/03/2567",
            "15-03-2567",
            "15.03.2567",
            "15/3/2567",
            "15/03/67",
            "15 มี.ค. 2567",
            "15 มี.ค. 67",
            "15 มี.ค 67",
            "15 มีค 67",
            "15มี.ค.67",
            "15มีค2567",
            "15 มีนาคม 2567",
            "15มีนาคม2567",
            "15 มีนาคม พ.ศ. 2567",
            "15 มี.ค. พ.ศ.2567",
            "15 มีนาคมพ.ศ.2567",
            "๑๕/๐๓/๒๕๖๗",
            "๑๕ มี.ค. ๖๗",
            "วันที่ 15 มีนาคม 2567",
            "วันที่15/03/2567",
            "ณ วันที่ 15 มี.ค. 67",
            "ณวันที่ 15 มี.ค. 67",
            "วันศุกร์ที่ 15 มีนาคม พ.ศ. 2567",
            "  15/03/2567  ",
            "15/03/2567 0:00:00",
            "15/03/2567 10:30",
            "2024-03-15",
            "15/03/2024",
            "15 มีนาคม ค.ศ. 2024",
            "15-Mar-2024",
            "15-Mar-24",
            "15 March 2024",
            "15 mar. 2567",
        ];
        for text in forms {
            assert_eq!(parse_be_text(text), Ok(expected), "parsing {text:?}");
        }
        Ok(())
    }

    #[test]
    fn parse_reads_every_month_name() -> Result {
        for month in 1..=12 {
            let long = format!("1 {} 2567", MONTHS_LONG[month as usize - 1]);
            let short = format!("1 {} 67", MONTHS_SHORT[month as usize - 1]);
            let undotted = short.replace('.', "");
            for text in [long, short, undotted] {
                assert_eq!(
                    parse_be_text(&text),
                    Ok(ymd(2024, month, 1)?),
                    "parsing {text:?}"
                );
            }
        }
        Ok(())
    }

    #[test]
    fn parse_decides_era_by_year() -> Result {
        let cases = [
            ("01/01/2400", ymd(1857, 1, 1)?),
            ("01/01/2399", ymd(2399, 1, 1)?),
            ("01/01/00", ymd(1957, 1, 1)?),
            ("01/01/99", ymd(2056, 1, 1)?),
            ("01/01/พ.ศ. 2300", ymd(1757, 1, 1)?),
            ("1 ม.ค. ค.ศ. 2567", ymd(2567, 1, 1)?),
            ("1 ม.ค. ค.ศ. 24", ymd(2024, 1, 1)?),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_be_text(text), Ok(expected), "parsing {text:?}");
        }
        Ok(())
    }

    #[test]
    fn parse_rejects_nonexistent_dates() -> Result {
        let cases = [
            ("31/02/2567", (31, 2, 2567)),
            ("29/02/2566", (29, 2, 2566)),
            ("29 ก.พ. 66", (29, 2, 2566)),
            ("31 เมษายน 2567", (31, 4, 2567)),
            ("00/03/2567", (0, 3, 2567)),
            ("15/13/2567", (15, 13, 2567)),
            ("2023-02-29", (29, 2, 2023)),
        ];
        for (text, (day, month, year)) in cases {
            let expected = DateError::Nonexistent {
                text: text.to_string(),
                day,
                month,
                year,
            };
            assert_eq!(parse_be_text(text), Err(expected), "parsing {text:?}");
        }
        Ok(())
    }

    #[test]
    fn parse_accepts_leap_day_of_leap_years() -> Result {
        assert_eq!(
            parse_be_text("29/02/2567"),
            Ok(ymd(2024, 2, 29)?),
            "2567 is CE 2024"
        );
        assert_eq!(
            parse_be_text("29 ก.พ. 63"),
            Ok(ymd(2020, 2, 29)?),
            "2563 is CE 2020"
        );
        Ok(())
    }

    #[test]
    fn parse_rejects_other_text() -> Result {
        let texts = [
            "",
            "2567",
            "15/03",
            "15/03/567",
            "15/03/25670",
            "15/03-2567",
            "15 03 2567",
            "03/15",
            "115/03/2567",
            "15/03/2567 ครั้งที่ 2",
            "15/03/2567 25:",
            "ทะเบียนหุ้น",
            "15 มีนาคม",
            "2024-03-15T10:00",
        ];
        for text in texts {
            let expected = DateError::InvalidFormat {
                text: text.to_string(),
            };
            assert_eq!(parse_be_text(text), Err(expected), "parsing {text:?}");
        }
        Ok(())
    }

    #[test]
    fn parse_names_unknown_month() -> Result {
        let expected = DateError::UnknownMonth {
            text: "15 มีน 2567".to_string(),
            month: "มีน".to_string(),
        };
        assert_eq!(parse_be_text("15 มีน 2567"), Err(expected));
        Ok(())
    }

    #[test]
    fn month_past_twelve_is_named() -> Result {
        let error = parse_be_text("3/15/2567")
            .err()
            .ok_or("3/15/2567 was accepted")?;
        let message = error.to_string();
        assert!(message.contains("there is no month 15"), "{message}");
        Ok(())
    }

    #[test]
    fn error_messages_are_lowercase_with_values() -> Result {
        let error = parse_be_text("31/02/2567")
            .err()
            .ok_or("31/02/2567 was accepted")?;
        let message = error.to_string();
        assert!(
            message.starts_with("date “31/02/2567” does not exist"),
            "{message}"
        );
        assert!(
            message.contains("day 31 in month 2 of year 2567"),
            "{message}"
        );
        assert!(!message.ends_with('.'), "{message}");
        Ok(())
    }

    #[test]
    fn find_date_in_titles() -> Result {
        let cases = [
            ("ข้อมูล ณ วันที่ 31 ธันวาคม 2567", ymd(2024, 12, 31)?),
            ("ยอดคงเหลือ ณ 31/12/2567 (ตรวจแล้ว)", ymd(2024, 12, 31)?),
            ("รายงานประจำปี 2567 ณ วันที่ 30 ก.ย. 67", ymd(2024, 9, 30)?),
            ("ข้อมูลณวันที่31ธ.ค.2567", ymd(2024, 12, 31)?),
            ("ครั้งที่ 1/2567 วันที่ 15 มีนาคม 2567", ymd(2024, 3, 15)?),
            ("31/02/2567 แก้เป็น 28/02/2567", ymd(2024, 2, 28)?),
        ];
        for (text, expected) in cases {
            assert_eq!(find_be_date(text), Some(expected), "searching {text:?}");
        }
        Ok(())
    }

    #[test]
    fn find_date_needs_day_month_and_year() -> Result {
        for text in [
            "สมุดทะเบียนหุ้น ปี 2567",
            "ธันวาคม 2567",
            "ครั้งที่ 1/2567",
            "",
            "31/02/2567",
        ] {
            assert_eq!(find_be_date(text), None, "searching {text:?}");
        }
        Ok(())
    }

    #[test]
    fn find_year_in_titles() -> Result {
        let cases = [
            ("สมุดทะเบียนหุ้น ปี 2567", Some(2567)),
            ("เงินปันผล ปี 67", Some(2567)),
            ("เงินปันผลปี67", Some(2567)),
            ("งบการเงิน พ.ศ. 2566", Some(2566)),
            ("รายงาน ค.ศ. 2024", Some(2567)),
            ("ข้อมูล ณ วันที่ 31 ธันวาคม 2567", Some(2567)),
            ("ธันวาคม 2566", Some(2566)),
            ("สมาชิก 150 คน", None),
            ("ทะเบียน 2024", None),
            ("ชุดที่ 67", None),
        ];
        for (text, expected) in cases {
            assert_eq!(find_be_year(text), expected, "searching {text:?}");
        }
        Ok(())
    }

    #[test]
    fn format_writes_be_forms() -> Result {
        let date = ymd(2024, 12, 31)?;
        assert_eq!(format_long(date), "31 ธันวาคม 2567");
        assert_eq!(format_short(date), "31 ธ.ค. 67");
        assert_eq!(format_numeric(date), "31/12/2567");
        assert_eq!(format_short(ymd(1957, 1, 5)?), "5 ม.ค. 00", "year 2500");
        assert_eq!(
            format_numeric(ymd(2024, 3, 5)?),
            "05/03/2567",
            "zero padding"
        );
        Ok(())
    }

    #[test]
    fn format_output_parses_back() -> Result {
        let mut date = ymd(2023, 1, 1)?;
        while date < ymd(2025, 1, 1)? {
            for text in [format_long(date), format_short(date), format_numeric(date)] {
                assert_eq!(parse_be_text(&text), Ok(date), "parsing {text:?}");
            }
            date = date.succ_opt().ok_or("date overflow")?;
        }
        Ok(())
    }

    #[test]
    fn excel_1900_serials_follow_lotus_leap_year() -> Result {
        let cases = [
            (1.0, Some(ymd(1900, 1, 1)?)),
            (59.0, Some(ymd(1900, 2, 28)?)),
            (60.0, None),
            (61.0, Some(ymd(1900, 3, 1)?)),
            (45366.0, Some(ymd(2024, 3, 15)?)),
            (45366.99, Some(ymd(2024, 3, 15)?)),
            (0.0, None),
            (-1.0, None),
            (f64::NAN, None),
            (f64::INFINITY, None),
            (1e300, None),
        ];
        for (serial, expected) in cases {
            assert_eq!(
                from_excel_serial(serial, false),
                expected,
                "serial {serial}"
            );
        }
        Ok(())
    }

    #[test]
    fn excel_1904_serials_start_at_zero() -> Result {
        let cases = [
            (0.0, Some(ymd(1904, 1, 1)?)),
            (1.0, Some(ymd(1904, 1, 2)?)),
            (43904.0, Some(ymd(2024, 3, 15)?)),
            (-1.0, None),
        ];
        for (serial, expected) in cases {
            assert_eq!(from_excel_serial(serial, true), expected, "serial {serial}");
        }
        Ok(())
    }

    #[test]
    fn excel_serials_round_trip() -> Result {
        for is_1904 in [false, true] {
            for serial in (0..50_000).map(f64::from) {
                let Some(date) = from_excel_serial(serial, is_1904) else {
                    continue;
                };
                assert_eq!(
                    to_excel_serial(date, is_1904),
                    serial,
                    "serial {serial}, 1904 {is_1904}"
                );
            }
        }
        assert_eq!(
            to_excel_serial(ymd(1900, 2, 28)?, false),
            59.0,
            "before the fictitious day"
        );
        assert_eq!(
            to_excel_serial(ymd(1900, 3, 1)?, false),
            61.0,
            "after the fictitious day"
        );
        Ok(())
    }

    #[test]
    fn fix_be_year_subtracts_543() -> Result {
        assert_eq!(
            fix_be_year(ymd(2567, 3, 15)?),
            Some(ymd(2024, 3, 15)?),
            "BE year"
        );
        assert_eq!(
            fix_be_year(ymd(2024, 3, 15)?),
            Some(ymd(2024, 3, 15)?),
            "CE year unchanged"
        );
        assert_eq!(
            fix_be_year(ymd(2400, 1, 1)?),
            Some(ymd(1857, 1, 1)?),
            "lowest BE year"
        );
        assert_eq!(
            fix_be_year(ymd(2399, 1, 1)?),
            Some(ymd(2399, 1, 1)?),
            "below BE range"
        );
        Ok(())
    }

    #[test]
    fn fix_be_year_rejects_lost_leap_day() -> Result {
        let leap_day = ymd(2568, 2, 29)?;
        assert_eq!(fix_be_year(leap_day), None, "CE 2025 has no 29 February");
        Ok(())
    }
}
