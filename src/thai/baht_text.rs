//! Amounts of money in Thai words, as Excel's `BAHTTEXT` writes them on
//! cheques and receipts: 21.50 → ยี่สิบเอ็ดบาทห้าสิบสตางค์.
//!
//! Rules: the digit 1 in the tens place is read สิบ and 2 is ยี่สิบ. A 1 in the
//! units place of a group is read เอ็ด when any higher digit of the number
//! is not zero (101 → หนึ่งร้อยเอ็ด, 1,000,001 → หนึ่งล้านเอ็ด), and หนึ่ง
//! otherwise. Digits are read in groups of six, joined by ล้าน, so a million
//! million is หนึ่งล้านล้าน. Satang are read as a separate number from 1 to
//! 99.

use crate::Satang;

const DIGITS: [&str; 10] = [
    "ศูนย์",
    "หนึ่ง",
    "สอง",
    "สาม",
    "สี่",
    "ห้า",
    "หก",
    "เจ็ด",
    "แปด",
    "เก้า",
];

/// Names of the places in a group of six digits, from units to hundred
/// thousands.
const PLACES: [&str; 6] = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];

/// Writes an amount in Thai words. Whole baht end in ถ้วน, a negative amount
/// starts with ลบ, and an amount under one baht has no baht part.
///
/// ```
/// use chumchon::{thai::baht_text::baht_text, Satang};
/// assert_eq!(baht_text(Satang::from_baht(21)), "ยี่สิบเอ็ดบาทถ้วน");
/// assert_eq!(baht_text(Satang(150)), "หนึ่งบาทห้าสิบสตางค์");
/// assert_eq!(baht_text(Satang(1)), "หนึ่งสตางค์");
/// assert_eq!(baht_text(Satang(-100)), "ลบหนึ่งบาทถ้วน");
/// ```
pub fn baht_text(amount: Satang) -> String {
    let total = amount.satang().unsigned_abs();
    let (baht, satang) = (total / 100, total % 100);
    let mut text = String::new();

    if amount.is_negative() {
        text.push_str("ลบ");
    }
    if baht > 0 || satang == 0 {
        text.push_str(&number_text(baht));
        text.push_str("บาท");
    }
    if satang == 0 {
        text.push_str("ถ้วน");
    } else {
        text.push_str(&number_text(satang));
        text.push_str("สตางค์");
    }
    text
}

/// Writes a whole number in Thai words, as `BAHTTEXT` reads it.
///
/// ```
/// use chumchon::thai::baht_text::number_text;
/// assert_eq!(number_text(0), "ศูนย์");
/// assert_eq!(number_text(1_000_001), "หนึ่งล้านเอ็ด");
/// ```
pub fn number_text(n: u64) -> String {
    let mut text = String::new();
    if n == 0 {
        text.push_str(DIGITS[0]);
    } else {
        push_number(n, &mut text);
    }
    text
}

/// Appends a number above zero, one group of six digits at a time.
fn push_number(n: u64, text: &mut String) {
    let (millions, group) = (n / 1_000_000, n % 1_000_000);
    if millions > 0 {
        push_number(millions, text);
        text.push_str("ล้าน");
    }
    push_group(group, millions > 0, text);
}

/// Appends a group of up to six digits. `has_higher` says whether a higher
/// group of the number is not zero, which makes a final 1 read เอ็ด.
fn push_group(group: u64, has_higher: bool, text: &mut String) {
    for place in (0..PLACES.len()).rev() {
        let digit = (group / 10u64.pow(place as u32) % 10) as usize;
        let above = group / 10u64.pow(place as u32 + 1);
        text.push_str(digit_word(digit, place, has_higher || above > 0));
        if digit > 0 {
            text.push_str(PLACES[place]);
        }
    }
}

/// Returns the word for `digit` in `place` (0 for units, 1 for tens), or ""
/// when the digit is not spoken.
fn digit_word(digit: usize, place: usize, has_higher: bool) -> &'static str {
    match (digit, place) {
        (0, _) => "",
        (1, 1) => "",
        (2, 1) => "ยี่",
        (1, 0) if has_higher => "เอ็ด",
        _ => DIGITS[digit],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Result = std::result::Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn baht_text_matches_bahttext_table() -> Result {
        let cases: [(i64, &str); 32] = [
            (0, "ศูนย์บาทถ้วน"),
            (100, "หนึ่งบาทถ้วน"),
            (200, "สองบาทถ้วน"),
            (1_000, "สิบบาทถ้วน"),
            (1_100, "สิบเอ็ดบาทถ้วน"),
            (1_200, "สิบสองบาทถ้วน"),
            (2_000, "ยี่สิบบาทถ้วน"),
            (2_100, "ยี่สิบเอ็ดบาทถ้วน"),
            (2_500, "ยี่สิบห้าบาทถ้วน"),
            (9_900, "เก้าสิบเก้าบาทถ้วน"),
            (10_000, "หนึ่งร้อยบาทถ้วน"),
            (10_100, "หนึ่งร้อยเอ็ดบาทถ้วน"),
            (11_000, "หนึ่งร้อยสิบบาทถ้วน"),
            (11_100, "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
            (12_000, "หนึ่งร้อยยี่สิบบาทถ้วน"),
            (100_100, "หนึ่งพันเอ็ดบาทถ้วน"),
            (123_456_700, "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทถ้วน"),
            (100_000_000, "หนึ่งล้านบาทถ้วน"),
            (100_000_100, "หนึ่งล้านเอ็ดบาทถ้วน"),
            (1_100_000_000, "สิบเอ็ดล้านบาทถ้วน"),
            (2_100_000_000, "ยี่สิบเอ็ดล้านบาทถ้วน"),
            (10_100_000_000, "หนึ่งร้อยเอ็ดล้านบาทถ้วน"),
            (100_100_000_000, "หนึ่งพันเอ็ดล้านบาทถ้วน"),
            (100_000_000_000_000, "หนึ่งล้านล้านบาทถ้วน"),
            (100_000_100_000_000, "หนึ่งล้านเอ็ดล้านบาทถ้วน"),
            (100_000_000_000_100, "หนึ่งล้านล้านเอ็ดบาทถ้วน"),
            (1, "หนึ่งสตางค์"),
            (11, "สิบเอ็ดสตางค์"),
            (21, "ยี่สิบเอ็ดสตางค์"),
            (150, "หนึ่งบาทห้าสิบสตางค์"),
            (10_101, "หนึ่งร้อยเอ็ดบาทหนึ่งสตางค์"),
            (-2_150, "ลบยี่สิบเอ็ดบาทห้าสิบสตางค์"),
        ];
        for (satang, expected) in cases {
            assert_eq!(baht_text(Satang(satang)), expected, "{satang} satang");
        }
        Ok(())
    }

    #[test]
    fn baht_text_handles_extreme_amounts() -> Result {
        let largest = baht_text(Satang(i64::MAX));
        let smallest = baht_text(Satang(i64::MIN));

        assert!(
            largest.starts_with("เก้าหมื่นสองพัน"),
            "i64::MAX gave {largest}"
        );
        assert!(
            largest.ends_with("ห้าแสนสี่หมื่นเจ็ดพันเจ็ดร้อยห้าสิบแปดบาทเจ็ดสตางค์"),
            "i64::MAX gave {largest}"
        );
        assert!(
            smallest.starts_with("ลบเก้าหมื่นสองพัน"),
            "i64::MIN gave {smallest}"
        );
        assert!(
            smallest.ends_with("บาทแปดสตางค์"),
            "i64::MIN gave {smallest}"
        );
        Ok(())
    }

    #[test]
    fn baht_text_ends_in_thuan_only_for_whole_baht() -> Result {
        for satang in (-20_000..=250_000).chain(99_999_900..=100_000_200) {
            let text = baht_text(Satang(satang));
            assert!(!text.is_empty(), "{satang} satang gave empty text");
            assert_eq!(
                text.ends_with("ถ้วน"),
                satang % 100 == 0,
                "{satang} satang gave {text}"
            );
            assert_eq!(
                text.ends_with("สตางค์"),
                satang % 100 != 0,
                "{satang} satang gave {text}"
            );
        }
        Ok(())
    }

    #[test]
    fn baht_text_never_reads_one_ten_or_leading_et() -> Result {
        for satang in (0..=2_000_000).step_by(7) {
            let text = baht_text(Satang(satang));
            assert!(!text.contains("หนึ่งสิบ"), "{satang} satang gave {text}");
            assert!(!text.starts_with("เอ็ด"), "{satang} satang gave {text}");
            assert!(!text.contains("บาทเอ็ด"), "{satang} satang gave {text}");
            assert_eq!(
                text.contains("ศูนย์"),
                satang == 0,
                "{satang} satang gave {text}"
            );
        }
        Ok(())
    }
}
