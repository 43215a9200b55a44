//! Sizes and capacities written in the descriptions of needs and offers:
//! "ฝาหม้อหุงข้าว 5 ลิตร", "1.8 L", "กระทะ 28 ซม.", "ถาด ๑๐ นิ้ว".
//!
//! A size is a number (Arabic or Thai digits, with an optional decimal
//! part) followed by a unit of volume, length or weight. Each is kept in
//! the dimension's base unit (millilitres, millimetres or grams), so that
//! "1.8 ลิตร" equals "1800 มล." and "10 นิ้ว" is compared with "25.4 ซม.".
//! A lid for a 5-litre rice cooker does not fit a 10-litre one, so
//! [`compare`] tells matching whether two descriptions name the same size.

use serde::{Deserialize, Serialize};

/// What a size measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    /// Capacity, in millilitres.
    Volume,
    /// Length or diameter, in millimetres.
    Length,
    /// Weight or load, in grams.
    Weight,
}

/// A size read from a description.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    /// What it measures.
    pub dimension: Dimension,
    /// Its value in the dimension's base unit (ml, mm or g).
    pub base: f64,
}

/// Whether two descriptions name the same size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeFit {
    /// Both name a size of the same kind, and the sizes are equal.
    Same,
    /// Both name a size of the same kind, and the sizes differ.
    Different,
    /// At most one of them names a size, or they measure different things.
    Unknown,
}

/// A unit as it is written, with what it measures and its size in the
/// dimension's base unit.
struct Unit {
    spelling: &'static str,
    dimension: Dimension,
    base: f64,
}

const fn unit(spelling: &'static str, dimension: Dimension, base: f64) -> Unit {
    Unit {
        spelling,
        dimension,
        base,
    }
}

/// Units, longest spelling first where one starts another ("มล." before
/// "ม.", "ลิตร" before "ล."). Spellings are lower case. A spelling that
/// ends in a Latin letter must not be followed by another Latin letter
/// ("5 lids" is no size); a dotted Thai abbreviation needs its dot.
const UNITS: &[Unit] = &[
    unit("มิลลิลิตร", Dimension::Volume, 1.0),
    unit("มล.", Dimension::Volume, 1.0),
    unit("มล", Dimension::Volume, 1.0),
    unit("ลิตร", Dimension::Volume, 1000.0),
    unit("ล.", Dimension::Volume, 1000.0),
    unit("litres", Dimension::Volume, 1000.0),
    unit("liters", Dimension::Volume, 1000.0),
    unit("litre", Dimension::Volume, 1000.0),
    unit("liter", Dimension::Volume, 1000.0),
    unit("ltr", Dimension::Volume, 1000.0),
    unit("ml", Dimension::Volume, 1.0),
    unit("l", Dimension::Volume, 1000.0),
    unit("มิลลิเมตร", Dimension::Length, 1.0),
    unit("มม.", Dimension::Length, 1.0),
    unit("เซนติเมตร", Dimension::Length, 10.0),
    unit("เซนต์", Dimension::Length, 10.0),
    unit("ซม.", Dimension::Length, 10.0),
    unit("ซม", Dimension::Length, 10.0),
    unit("นิ้ว", Dimension::Length, 25.4),
    unit("เมตร", Dimension::Length, 1000.0),
    unit("ม.", Dimension::Length, 1000.0),
    unit("inches", Dimension::Length, 25.4),
    unit("inch", Dimension::Length, 25.4),
    unit("in.", Dimension::Length, 25.4),
    unit("\"", Dimension::Length, 25.4),
    unit("mm", Dimension::Length, 1.0),
    unit("cm", Dimension::Length, 10.0),
    unit("m", Dimension::Length, 1000.0),
    unit("กิโลกรัม", Dimension::Weight, 1000.0),
    unit("กก.", Dimension::Weight, 1000.0),
    unit("กก", Dimension::Weight, 1000.0),
    unit("กิโล", Dimension::Weight, 1000.0),
    unit("kg", Dimension::Weight, 1000.0),
    unit("กรัม", Dimension::Weight, 1.0),
    unit("g", Dimension::Weight, 1.0),
];

/// Two sizes of one dimension are equal when they differ by at most this
/// share of the larger, so that "10 นิ้ว" equals "25.4 ซม." and rounding
/// in what staff write does not count as a difference.
const TOLERANCE: f64 = 0.02;

/// Reads every size written in `text`, in order.
///
/// ```
/// use chumchon::exchange::size::{sizes, Dimension};
/// let found = sizes("หม้อหุงข้าว ๑.๘ ลิตร ฝา 28 ซม.");
/// assert_eq!(found.len(), 2);
/// assert_eq!(found[0].dimension, Dimension::Volume);
/// assert_eq!(found[0].base, 1800.0);
/// assert_eq!(found[1].base, 280.0);
/// assert!(sizes("ฝาหม้อ 5 lids").is_empty());
/// ```
pub fn sizes(text: &str) -> Vec<Size> {
    let chars: Vec<char> = text
        .chars()
        .map(crate::thai::digits::to_arabic_digit)
        .flat_map(char::to_lowercase)
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit() && (i == 0 || !is_number_char(chars[i - 1]));
        if !starts_number {
            i += 1;
            continue;
        }
        let (value, end) = read_number(&chars, i);
        let unit_start = skip_spaces(&chars, end);
        match unit_at(&chars, unit_start) {
            Some((unit, unit_end)) => {
                found.push(Size {
                    dimension: unit.dimension,
                    base: value * unit.base,
                });
                i = unit_end;
            }
            None => i = end,
        }
    }
    found
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c == ','
}

/// Reads the number starting at `start`: digits, thousands commas and one
/// decimal point. Returns its value and the index after it.
fn read_number(chars: &[char], start: usize) -> (f64, usize) {
    let mut end = start;
    let mut digits = String::new();
    let mut seen_point = false;
    while end < chars.len() {
        let c = chars[end];
        let next_is_digit = chars.get(end + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            digits.push(c);
        } else if c == '.' && !seen_point && next_is_digit {
            seen_point = true;
            digits.push(c);
        } else if c == ',' && !seen_point && next_is_digit {
            // A thousands separator, as in "1,000 มล.".
        } else {
            break;
        }
        end += 1;
    }
    (digits.parse().unwrap_or(0.0), end)
}

fn skip_spaces(chars: &[char], mut index: usize) -> usize {
    while chars.get(index).is_some_and(|c| c.is_whitespace()) {
        index += 1;
    }
    index
}

/// The unit written at `start`, and the index after it.
fn unit_at(chars: &[char], start: usize) -> Option<(&'static Unit, usize)> {
    UNITS.iter().find_map(|unit| {
        let spelling: Vec<char> = unit.spelling.chars().collect();
        let end = start + spelling.len();
        if chars.get(start..end) != Some(spelling.as_slice()) {
            return None;
        }
        let last_is_latin = spelling.last().is_some_and(char::is_ascii_alphabetic);
        let next_is_latin = chars.get(end).is_some_and(char::is_ascii_alphabetic);
        (!(last_is_latin && next_is_latin)).then_some((unit, end))
    })
}

/// Compares the sizes of a need and an offer. For each dimension both
/// name, the sizes are the same when every size the need names has an
/// equal one in the offer. Any dimension whose sizes differ makes the
/// pair different.
///
/// ```
/// use chumchon::exchange::size::{compare, SizeFit};
/// assert_eq!(compare("ฝาหม้อหุงข้าว 5 ลิตร", "ฝาหม้อ 5L มือสอง"), SizeFit::Same);
/// assert_eq!(compare("ฝาหม้อหุงข้าว 5 ลิตร", "ฝาหม้อ ๑๐ ล."), SizeFit::Different);
/// assert_eq!(compare("ฝาหม้อหุงข้าว 5 ลิตร", "ฝาหม้อหุงข้าว"), SizeFit::Unknown);
/// ```
pub fn compare(need: &str, offer: &str) -> SizeFit {
    let (need, offer) = (sizes(need), sizes(offer));
    let mut fit = SizeFit::Unknown;
    for dimension in [Dimension::Volume, Dimension::Length, Dimension::Weight] {
        let of = |list: &[Size]| -> Vec<f64> {
            list.iter()
                .filter(|s| s.dimension == dimension)
                .map(|s| s.base)
                .collect()
        };
        let (wanted, offered) = (of(&need), of(&offer));
        if wanted.is_empty() || offered.is_empty() {
            continue;
        }
        let all_found = wanted.iter().all(|w| offered.iter().any(|o| equal(*w, *o)));
        if !all_found {
            return SizeFit::Different;
        }
        fit = SizeFit::Same;
    }
    fit
}

fn equal(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOLERANCE * a.abs().max(b.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn volumes(text: &str) -> Vec<f64> {
        sizes(text)
            .into_iter()
            .filter(|s| s.dimension == Dimension::Volume)
            .map(|s| s.base)
            .collect()
    }

    fn lengths(text: &str) -> Vec<f64> {
        sizes(text)
            .into_iter()
            .filter(|s| s.dimension == Dimension::Length)
            .map(|s| s.base)
            .collect()
    }

    #[test]
    fn sizes_read_volume_spellings() {
        let cases = [
            ("ฝาหม้อหุงข้าว 5 ลิตร", 5000.0),
            ("ฝาหม้อหุงข้าว 5ลิตร", 5000.0),
            ("rice cooker lid 5L", 5000.0),
            ("rice cooker lid 5 l", 5000.0),
            ("หม้อ 5 ล.", 5000.0),
            ("หม้อ 1.8 ลิตร", 1800.0),
            ("หม้อ ๑.๘ ลิตร", 1800.0),
            ("หม้อ ๑๐ ลิตร", 10000.0),
            ("ถัง 1,000 มล.", 1000.0),
            ("5 litres", 5000.0),
            ("ขวด 750 ml", 750.0),
        ];
        for (text, expected) in cases {
            assert_eq!(volumes(text), vec![expected], "volume of {text:?}");
        }
    }

    #[test]
    fn sizes_read_length_spellings() {
        let cases = [
            ("ถาด 10 นิ้ว", 254.0),
            ("กระทะ 28 ซม.", 280.0),
            ("กระทะ 28ซม", 280.0),
            ("pan 28 cm", 280.0),
            ("ท่อ 50 มม.", 50.0),
            ("tray 10 inch", 254.0),
            ("tray 10\"", 254.0),
            ("เชือก 2 เมตร", 2000.0),
        ];
        for (text, expected) in cases {
            assert_eq!(lengths(text), vec![expected], "length of {text:?}");
        }
    }

    #[test]
    fn sizes_ignore_numbers_without_units() {
        assert!(sizes("โต๊ะพับ 4 ตัว").is_empty(), "a count is no size");
        assert!(sizes("pot 2 lids").is_empty(), "a unit must end a word");
        assert!(sizes("รุ่น 2567").is_empty(), "a bare year is no size");
        assert!(sizes("ฝาหม้อ ล.").is_empty(), "a unit needs a number");
    }

    #[test]
    fn compare_equal_volumes_in_other_units() {
        assert_eq!(
            compare("หม้อ 1.8 ลิตร", "หม้อ 1800 มล."),
            SizeFit::Same,
            "1.8 litres is 1800 millilitres"
        );
        assert_eq!(
            compare("ถาด 10 นิ้ว", "ถาด 25.4 ซม."),
            SizeFit::Same,
            "10 inches is 25.4 cm"
        );
    }

    #[test]
    fn compare_different_sizes() {
        assert_eq!(
            compare("ฝาหม้อ 5 ลิตร", "ฝาหม้อ 10 ลิตร"),
            SizeFit::Different,
            "5 and 10 litres differ"
        );
        assert_eq!(
            compare("กระทะ 28 ซม.", "กระทะ 10 นิ้ว"),
            SizeFit::Different,
            "28 cm is not 10 inches"
        );
    }

    #[test]
    fn compare_unknown_without_shared_dimension() {
        assert_eq!(
            compare("ฝาหม้อ", "ฝาหม้อ 10 ลิตร"),
            SizeFit::Unknown,
            "the need names no size"
        );
        assert_eq!(
            compare("หม้อ 10 ลิตร", "หม้อ 28 ซม."),
            SizeFit::Unknown,
            "a capacity and a diameter do not compare"
        );
    }
}
