//! Comparing the short Thai descriptions of needs and offers.
//!
//! Thai is written without spaces between words, so descriptions are not
//! split into words. Each is reduced to a match key (no spaces,
//! punctuation or tone marks, Arabic digits, lower case) and compared by
//! its character trigrams. Because a Thai noun phrase puts its head first
//! ("ฝา" in "ฝาหม้อหุงข้าว", a rice cooker's lid), the score also rewards
//! an offer that contains the start of the need, so that a whole rice
//! cooker does not outrank a lid for a kitchen that needs a lid.

use std::collections::HashSet;

/// Reduces a description to the key it is matched by: Thai digits become
/// Arabic ones, full-width Latin becomes ASCII, letters are lower-cased,
/// and spaces, punctuation, symbols, tone marks, the mai taikhu and the
/// thanthakhat are dropped. A sara am typed as nikhahit and sara aa is
/// folded into one sara am.
///
/// ```
/// use chumchon::exchange::text::match_key;
/// assert_eq!(match_key("ฝาหม้อหุงข้าว ๑๐ ลิตร (มือสอง)"), "ฝาหมอหุงขาว10ลิตรมือสอง");
/// assert_eq!(match_key("Tent 4x8 m."), "tent4x8m");
/// assert_eq!(match_key("น\u{e4d}\u{e32}"), "นำ");
/// ```
pub fn match_key(text: &str) -> String {
    fold(text, keeps)
}

/// Reduces a name to the key that identifies it, as [`match_key`] does
/// but keeping tone marks and the other Thai signs, which change a
/// word's meaning: ถุงมือขาว (white gloves) and ถุงมือข้าว (rice gloves)
/// are different items.
///
/// ```
/// use chumchon::exchange::text::exact_key;
/// assert_eq!(exact_key("ถุงมือ ข้าว ๒ คู่"), "ถุงมือข้าว2คู่");
/// assert_ne!(exact_key("ถุงมือขาว"), exact_key("ถุงมือข้าว"));
/// ```
pub fn exact_key(text: &str) -> String {
    let folded = fold(text, |c| {
        matches!(c, '\u{e01}'..='\u{e4d}') || c.is_alphanumeric()
    });
    order_marks(&folded)
}

/// Puts the marks above and below a Thai consonant in one order, vowels
/// before tone marks, since both typing orders look the same on screen:
/// ก + ้ + ี and ก + ี + ้ both show กี้.
///
/// ```
/// use chumchon::exchange::text::{exact_key, order_marks};
/// assert_eq!(exact_key("ก\u{e49}\u{e35}ตาร์"), exact_key("ก\u{e35}\u{e49}ตาร์"));
/// assert_ne!(exact_key("ก\u{e49}\u{e35}ตาร์"), exact_key("กีตาร์"));
/// assert_eq!(order_marks("ก\u{e49}\u{e35}ตาร์"), "ก\u{e35}\u{e49}ตาร์");
/// ```
pub fn order_marks(text: &str) -> String {
    // Rank 0 for vowels and mai taikhu, 1 for tone marks, 2 for the rest.
    fn rank(c: char) -> Option<u8> {
        match c {
            '\u{e31}' | '\u{e34}'..='\u{e3a}' | '\u{e47}' => Some(0),
            '\u{e48}'..='\u{e4b}' => Some(1),
            '\u{e4c}'..='\u{e4e}' => Some(2),
            _ => None,
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut marks: Vec<char> = Vec::new();
    for c in text.chars() {
        if rank(c).is_some() {
            marks.push(c);
            continue;
        }
        marks.sort_by_key(|m| rank(*m));
        out.extend(marks.drain(..));
        out.push(c);
    }
    marks.sort_by_key(|m| rank(*m));
    out.extend(marks);
    out
}

/// Folds digits, full-width letters and case, and keeps the characters
/// `keep` accepts.
fn fold(text: &str, keep: impl Fn(char) -> bool) -> String {
    let folded = text.replace("\u{e4d}\u{e32}", "\u{e33}");
    folded
        .chars()
        .map(crate::thai::digits::to_arabic_digit)
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| keep(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a character stays in a match key: letters, digits and Thai
/// consonants and vowels, but not tone marks, mai taikhu (U+0E47),
/// thanthakhat (U+0E4C), mai yamok (ๆ) or paiyannoi (ฯ).
fn keeps(c: char) -> bool {
    match c {
        '\u{e47}'..='\u{e4c}' | '\u{e46}' | '\u{e2f}' => false,
        '\u{e01}'..='\u{e4d}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// The set of character trigrams of a match key. A key of one or two
/// characters is its own single gram, so that short words still compare.
///
/// ```
/// use chumchon::exchange::text::trigrams;
/// assert_eq!(trigrams("ฝาหม").len(), 2);
/// assert_eq!(trigrams("ฝา").len(), 1);
/// assert!(trigrams("").is_empty());
/// ```
pub fn trigrams(key: &str) -> HashSet<String> {
    let chars: Vec<char> = key.chars().collect();
    if chars.is_empty() {
        return HashSet::new();
    }
    if chars.len() < 3 {
        return HashSet::from([key.to_string()]);
    }
    chars.windows(3).map(|w| w.iter().collect()).collect()
}

/// The Dice coefficient of two keys' trigram sets: twice the shared
/// trigrams over the sum of both counts, from 0.0 (nothing shared) to 1.0.
///
/// ```
/// use chumchon::exchange::text::dice;
/// assert_eq!(dice("ฝาหมอ", "ฝาหมอ"), 1.0);
/// assert_eq!(dice("เตนท", "โตะพับ"), 0.0);
/// ```
pub fn dice(a: &str, b: &str) -> f64 {
    let (a, b) = (trigrams(a), trigrams(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The share of `head` whose longest leading part occurs somewhere in
/// `key`: 1.0 when the whole head occurs, 0.0 when not even its first
/// character does.
///
/// ```
/// use chumchon::exchange::text::head_coverage;
/// assert_eq!(head_coverage("ฝา", "ฝาหมอหุงขาว10ลิตร"), 1.0);
/// assert_eq!(head_coverage("ฝาหมอ", "หมอหุงขาว"), 0.0);
/// assert_eq!(head_coverage("ฝาหมอ", "ฝาถัง"), 0.4);
/// ```
pub fn head_coverage(head: &str, key: &str) -> f64 {
    let chars: Vec<char> = head.chars().collect();
    if chars.is_empty() {
        return 0.0;
    }
    let found = (1..=chars.len())
        .rev()
        .find(|&len| key.contains(&chars[..len].iter().collect::<String>()))
        .unwrap_or(0);
    found as f64 / chars.len() as f64
}

/// The head of a description: its first space-separated part, as a match
/// key, because staff who put spaces at all put them after the thing
/// itself ("ฝาหม้อหุงข้าว 10 ลิตร"). Without spaces it is the whole key.
///
/// ```
/// use chumchon::exchange::text::head_of;
/// assert_eq!(head_of("ฝาหม้อหุงข้าว 10 ลิตร"), "ฝาหมอหุงขาว");
/// assert_eq!(head_of("โต๊ะพับ"), "โตะพับ");
/// ```
pub fn head_of(text: &str) -> String {
    text.split_whitespace()
        .map(match_key)
        .find(|key| !key.is_empty())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_key_drops_tone_marks_and_spaces() {
        assert_eq!(
            match_key("ฝาหม้อ หุงข้าว"),
            match_key("ฝาหมอหุงขาว"),
            "tone marks and spaces must not matter"
        );
    }

    #[test]
    fn match_key_folds_thai_digits() {
        assert_eq!(match_key("๑๐ ลิตร"), "10ลิตร", "Thai digits fold to Arabic");
    }

    #[test]
    fn dice_of_lid_and_cooker_is_partial() {
        let lid = match_key("ฝาหม้อหุงข้าว 10 ลิตร");
        let offer = match_key("ฝาหม้อหุงข้าว 10 ลิตร (มือสอง)");
        let cooker = match_key("หม้อหุงข้าวไฟฟ้า 10 ลิตร");

        assert!(
            dice(&lid, &offer) > 0.8,
            "the lid offer shares most trigrams"
        );
        assert!(
            dice(&lid, &cooker) < dice(&lid, &offer),
            "a whole cooker shares fewer trigrams than a lid"
        );
    }

    #[test]
    fn head_coverage_of_empty_head_is_zero() {
        assert_eq!(head_coverage("", "อะไรก็ได้"), 0.0, "no head, no coverage");
    }
}
