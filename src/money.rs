//! Money as a whole number of satang (1 baht = 100 satang).
//!
//! No amount is ever held as a float past the importer: a float read from a
//! spreadsheet is converted once, by [`Satang::from_baht_f64`], with explicit
//! rounding.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An amount of money in satang.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Satang(pub i64);

/// Error from parsing an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid amount “{text}”: expected baht such as 1,234.50")]
pub struct ParseMoneyError {
    /// The text that failed to parse.
    pub text: String,
}

impl Satang {
    /// Zero baht.
    pub const ZERO: Satang = Satang(0);

    /// Creates an amount from whole baht.
    pub const fn from_baht(baht: i64) -> Satang {
        Satang(baht * 100)
    }

    /// Converts a float number of baht, as a spreadsheet stores it, rounding
    /// half away from zero to the satang. Returns `None` for NaN, infinity or
    /// an amount too large to hold.
    ///
    /// ```
    /// use chumchon::Satang;
    /// assert_eq!(Satang::from_baht_f64(1234.5), Some(Satang(123450)));
    /// assert_eq!(Satang::from_baht_f64(0.1 + 0.2), Some(Satang(30)));
    /// ```
    pub fn from_baht_f64(baht: f64) -> Option<Satang> {
        let satang = (baht * 100.0).round();
        if satang.is_finite() && satang.abs() < 9.0e15 {
            Some(Satang(satang as i64))
        } else {
            None
        }
    }

    /// The amount in satang.
    pub const fn satang(self) -> i64 {
        self.0
    }

    /// The whole-baht part, truncated toward zero.
    pub const fn baht_part(self) -> i64 {
        self.0 / 100
    }

    /// The satang part, 0 to 99, of the absolute amount.
    pub const fn satang_part(self) -> i64 {
        (self.0 % 100).abs()
    }

    /// Whether the amount is below zero.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Adds, returning `None` on overflow.
    pub fn checked_add(self, other: Satang) -> Option<Satang> {
        self.0.checked_add(other.0).map(Satang)
    }

    /// Multiplies by a whole number, returning `None` on overflow.
    pub fn checked_mul(self, times: i64) -> Option<Satang> {
        self.0.checked_mul(times).map(Satang)
    }

    /// Formats without thousands separators, as "1234.50".
    pub fn to_plain_string(self) -> String {
        let sign = if self.is_negative() { "-" } else { "" };
        format!("{sign}{}.{:02}", self.baht_part().abs(), self.satang_part())
    }
}

/// Formats with thousands separators and two decimals, as "1,234.50".
///
/// ```
/// use chumchon::Satang;
/// assert_eq!(Satang(123450).to_string(), "1,234.50");
/// assert_eq!(Satang(-5).to_string(), "-0.05");
/// ```
impl fmt::Display for Satang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let baht = self.baht_part().unsigned_abs().to_string();
        let mut grouped = String::with_capacity(baht.len() + baht.len() / 3);
        for (i, digit) in baht.chars().enumerate() {
            if i > 0 && (baht.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        let sign = if self.is_negative() { "-" } else { "" };
        write!(f, "{sign}{grouped}.{:02}", self.satang_part())
    }
}

/// Parses baht as people write it: "1,234.50", "1234.5", "-12", "฿ 1,000",
/// "1,000 บาท", with Thai or Arabic digits. More than two decimals are
/// rejected rather than rounded, because they mean the text is not money.
///
/// ```
/// use chumchon::Satang;
/// assert_eq!("1,234.50".parse::<Satang>(), Ok(Satang(123450)));
/// assert_eq!("๑,๐๐๐".parse::<Satang>(), Ok(Satang(100000)));
/// assert!("12.345".parse::<Satang>().is_err());
/// ```
impl FromStr for Satang {
    type Err = ParseMoneyError;

    fn from_str(text: &str) -> Result<Satang, ParseMoneyError> {
        let error = || ParseMoneyError {
            text: text.to_string(),
        };
        let cleaned: String = text
            .trim()
            .trim_start_matches('฿')
            .trim_end_matches("บาท")
            .chars()
            .filter(|c| *c != ',' && !c.is_whitespace() && *c != '\u{200b}')
            .map(crate::thai::digits::to_arabic_digit)
            .collect();
        let (negative, unsigned) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.as_str()),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty()
            || !all_digits(whole)
            || !all_digits(fraction)
            || fraction.len() > 2
        {
            return Err(error());
        }
        let baht: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| error())?
        };
        let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| error())?;
        let satang = baht
            .checked_mul(100)
            .and_then(|s| s.checked_add(cents))
            .ok_or_else(error)?;
        Ok(Satang(if negative { -satang } else { satang }))
    }
}

impl Add for Satang {
    type Output = Satang;
    fn add(self, other: Satang) -> Satang {
        Satang(self.0 + other.0)
    }
}

impl AddAssign for Satang {
    fn add_assign(&mut self, other: Satang) {
        self.0 += other.0;
    }
}

impl Sub for Satang {
    type Output = Satang;
    fn sub(self, other: Satang) -> Satang {
        Satang(self.0 - other.0)
    }
}

impl SubAssign for Satang {
    fn sub_assign(&mut self, other: Satang) {
        self.0 -= other.0;
    }
}

impl Neg for Satang {
    type Output = Satang;
    fn neg(self) -> Satang {
        Satang(-self.0)
    }
}

impl Sum for Satang {
    fn sum<I: Iterator<Item = Satang>>(iter: I) -> Satang {
        Satang(iter.map(|s| s.0).sum())
    }
}

impl rusqlite::ToSql for Satang {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.0.into())
    }
}

impl rusqlite::types::FromSql for Satang {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        i64::column_result(value).map(Satang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_groups_thousands() {
        assert_eq!(Satang(0).to_string(), "0.00");
        assert_eq!(Satang(5).to_string(), "0.05");
        assert_eq!(Satang(100_000).to_string(), "1,000.00");
        assert_eq!(Satang(12_345_678_901).to_string(), "123,456,789.01");
        assert_eq!(Satang(-123_450).to_string(), "-1,234.50");
    }

    #[test]
    fn parse_accepts_office_forms() {
        let cases = [
            ("1,234.50", 123_450),
            ("1234.5", 123_450),
            ("  12 ", 1_200),
            ("-12.05", -1_205),
            (".5", 50),
            ("฿1,000", 100_000),
            ("1,000 บาท", 100_000),
            ("๑๒.๕๐", 1_250),
        ];
        for (text, expected) in cases {
            assert_eq!(
                text.parse::<Satang>(),
                Ok(Satang(expected)),
                "parsing {text:?}"
            );
        }
    }

    #[test]
    fn parse_rejects_non_money() {
        for text in ["", "-", "abc", "1.234", "1.2.3", "12a", "."] {
            assert!(
                text.parse::<Satang>().is_err(),
                "{text:?} should be rejected"
            );
        }
    }

    #[test]
    fn float_conversion_rounds_half_away() {
        assert_eq!(Satang::from_baht_f64(0.005), Some(Satang(1)));
        assert_eq!(Satang::from_baht_f64(-0.005), Some(Satang(-1)));
        assert_eq!(Satang::from_baht_f64(f64::NAN), None);
    }
}
