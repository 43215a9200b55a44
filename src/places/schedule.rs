//! Opening hours of a collection point: weekly rows of a weekday and a time
//! range, read from the short text people write ("ส. 9.00-12.00 น.",
//! "Mon-Fri 08:00-17:00") and written back in one form.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Thai weekday abbreviations, Monday first, as written on notices.
const WEEKDAYS_SHORT_TH: [&str; 7] = ["จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา."];

/// One weekly opening: a weekday and the hours the point is open on it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Opening {
    /// Weekday, 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// Opening time, "HH:MM".
    pub opens: String,
    /// Closing time, "HH:MM", later than `opens`.
    pub closes: String,
}

impl Opening {
    /// Checks and normalizes an opening: the weekday is 1 to 7 and the
    /// times are valid, with `closes` after `opens`.
    pub fn new(weekday: u8, opens: &str, closes: &str) -> Result<Opening> {
        if !(1..=7).contains(&weekday) {
            return Err(Error::rule(
                "invalid_weekday",
                format!("weekday {weekday} is not 1 (Monday) to 7 (Sunday)"),
            ));
        }
        let (opens, closes) = (parse_time(opens)?, parse_time(closes)?);
        if opens >= closes {
            return Err(Error::rule(
                "opening_hours_reversed",
                format!("the point opens at {opens} but closes at {closes}; closing must be later"),
            ));
        }
        Ok(Opening {
            weekday,
            opens,
            closes,
        })
    }
}

/// Reads opening hours written as text: entries separated by commas,
/// semicolons or new lines, each a day or a range of days and a time range.
/// Days are Thai names or abbreviations, English abbreviations, or the
/// numbers 1 (Monday) to 7 (Sunday); times are "9:00", "09.00" or "9.00 น.".
///
/// ```
/// use chumchon::places::schedule::{format_schedule, parse_schedule};
/// let hours = parse_schedule("จ-ศ 8.30-16.30 น., วันเสาร์ 09:00-12:00")?;
/// assert_eq!(hours.len(), 6);
/// assert_eq!(hours[5].weekday, 6);
/// assert_eq!(hours[0].opens, "08:30");
/// assert_eq!(format_schedule(&hours[4..]), "ศ. 08:30–16:30, ส. 09:00–12:00");
/// # Ok::<(), chumchon::Error>(())
/// ```
pub fn parse_schedule(text: &str) -> Result<Vec<Opening>> {
    let mut hours = Vec::new();
    for entry in text.split([',', ';', '\n']) {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        hours.extend(parse_entry(entry)?);
    }
    hours.sort();
    hours.dedup();
    Ok(hours)
}

/// Writes opening hours as "จ. 08:30–16:30, ส. 09:00–12:00", one entry a
/// row, in the order given.
pub fn format_schedule(hours: &[Opening]) -> String {
    hours
        .iter()
        .map(|opening| {
            let day = WEEKDAYS_SHORT_TH
                .get(usize::from(opening.weekday).wrapping_sub(1))
                .copied()
                .unwrap_or("?");
            format!("{day} {}–{}", opening.opens, opening.closes)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_entry(entry: &str) -> Result<Vec<Opening>> {
    let invalid = || {
        Error::rule(
            "invalid_schedule",
            format!("cannot read the opening hours “{entry}”; write them as “ส. 09:00-12:00”"),
        )
    };
    let entry = entry
        .trim_end_matches("น.")
        .trim()
        .replace(" - ", "-")
        .replace(" – ", "–");
    // The time range is the last word; the days are everything before it.
    let (days, times) = entry.rsplit_once(char::is_whitespace).ok_or_else(invalid)?;
    let (opens, closes) = times.split_once(['-', '–']).ok_or_else(invalid)?;
    let days = parse_days(days.trim()).ok_or_else(invalid)?;
    days.into_iter()
        .map(|weekday| Opening::new(weekday, opens, closes))
        .collect()
}

/// Lists the weekdays a day or a range of days names: "จ-ศ" is Monday to Friday.
fn parse_days(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (first, last) = match compact.split_once(['-', '–']) {
        Some((first, last)) => (weekday(first)?, weekday(last)?),
        None => {
            let day = weekday(&compact)?;
            (day, day)
        }
    };
    if first <= last {
        Some((first..=last).collect())
    } else {
        // A range across the weekend, such as ศ-จ (Friday to Monday).
        Some((first..=7).chain(1..=last).collect())
    }
}

/// Reads the weekday, 1 (Monday) to 7 (Sunday), that a Thai or English
/// name, an abbreviation or a number names.
fn weekday(text: &str) -> Option<u8> {
    let word = text
        .trim_start_matches("วัน")
        .trim_end_matches('.')
        .to_lowercase();
    let names: [&[&str]; 7] = [
        &["จ", "จันทร์", "mon", "monday", "1"],
        &["อ", "อังคาร", "tue", "tuesday", "2"],
        &["พ", "พุธ", "wed", "wednesday", "3"],
        &["พฤ", "พฤหัส", "พฤหัสบดี", "thu", "thursday", "4"],
        &["ศ", "ศุกร์", "fri", "friday", "5"],
        &["ส", "เสาร์", "sat", "saturday", "6"],
        &["อา", "อาทิตย์", "sun", "sunday", "7"],
    ];
    let index = names
        .iter()
        .position(|known| known.contains(&word.as_str()))?;
    u8::try_from(index + 1).ok()
}

/// Reads "9:00", "09.00" or "9" as "09:00".
fn parse_time(text: &str) -> Result<String> {
    let invalid = || {
        Error::rule(
            "invalid_time",
            format!("cannot read the time “{text}”; write it as 09:00"),
        )
    };
    let text = text.trim().trim_end_matches("น.").trim();
    let (hour, minute) = text.split_once([':', '.']).unwrap_or((text, "0"));
    let hour: u32 = hour.trim().parse().map_err(|_| invalid())?;
    let minute: u32 = minute.trim().parse().map_err(|_| invalid())?;
    if hour > 24 || minute > 59 || (hour == 24 && minute > 0) {
        return Err(invalid());
    }
    Ok(format!("{hour:02}:{minute:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_reads_thai_and_english_days() -> Result<()> {
        let hours = parse_schedule("วันเสาร์ 9.00 - 12.00 น.; Sun 13:00-15:00\n3 7:30-8")?;

        let days: Vec<u8> = hours.iter().map(|o| o.weekday).collect();
        assert_eq!(days, vec![3, 6, 7], "sorted by weekday");
        assert_eq!(hours[0].closes, "08:00", "a bare hour");
        assert_eq!(hours[1].opens, "09:00", "Thai time with a dot");
        Ok(())
    }

    #[test]
    fn schedule_range_wraps_over_weekend() -> Result<()> {
        let hours = parse_schedule("ศ-จ 08:00-10:00")?;

        let days: Vec<u8> = hours.iter().map(|o| o.weekday).collect();
        assert_eq!(days, vec![1, 5, 6, 7], "Friday to Monday");
        Ok(())
    }

    #[test]
    fn schedule_rejects_unreadable_entries() {
        let cases = [
            ("ทุกวัน", "invalid_schedule"),
            ("ส 12:00-09:00", "opening_hours_reversed"),
            ("ส 09:00", "invalid_schedule"),
            ("ส 25:00-26:00", "invalid_time"),
            ("วันหยุด 09:00-12:00", "invalid_schedule"),
        ];
        for (text, code) in cases {
            let error = parse_schedule(text).err().map(|e| e.code());
            assert_eq!(error, Some(code), "{text}");
        }
    }

    #[test]
    fn schedule_formats_back_to_same_hours() -> Result<()> {
        let hours = parse_schedule("อ. 08:00-09:30, อา 10:00-11:00")?;

        let text = format_schedule(&hours);

        assert_eq!(text, "อ. 08:00–09:30, อา. 10:00–11:00");
        assert_eq!(parse_schedule(&text)?, hours, "formatted text reads back");
        Ok(())
    }
}
