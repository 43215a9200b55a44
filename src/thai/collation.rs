//! Thai dictionary order for names and other text, as a comparison
//! function, a byte sort key and a SQLite collation named `THAI`.
//!
//! The order has two levels, with the raw UTF-8 bytes as a final tie-breaker
//! so that only identical strings compare equal:
//!
//! 1. **Primary**: letters, vowels, digits and symbols. A leading vowel
//!    (เ แ โ ใ ไ) is compared as if it stood after the consonant that follows
//!    it, so เกษม sorts with ก. Thai consonants come in alphabet order ก–ฮ,
//!    then the vowels ะ ั า ำ ิ ี ึ ื ุ ู เ แ โ ใ ไ, which is also their Unicode
//!    order. Everything that is not Thai (Latin letters, digits, punctuation)
//!    sorts before Thai. Latin letters ignore ASCII case, Thai digits count
//!    as the Arabic digits with the same value, every whitespace character
//!    counts as a space, and zero-width characters are skipped. Nikhahit
//!    followed by sara aa (ํ + า) counts as sara am (ำ).
//! 2. **Secondary**: the marks ignored at the first level, that is ไม้ไต่คู้ (็),
//!    the tone marks ่ ้ ๊ ๋, ทัณฑฆาต (์), ยามักการ (๎) and พินทุ (ฺ), in that
//!    order. A letter without a mark sorts before the same letter with one,
//!    so กา < ก่า < ก้า < กาก.
//!
//! Not implemented: the Royal Institute dictionary's special cases such as
//! ฤๅ and ฦๅ as single units, numeric order of digit runs (so "10" sorts
//! before "9"), and case or accent folding outside ASCII. Letters of other
//! scripts compare by code point.

use std::cmp::Ordering;
use std::iter::Peekable;
use std::str::Chars;

use super::digits::to_arabic_digit;

/// First-level weight of U+0E00. It lies above the weight of every other
/// character (code point + 1, at most 0x110000), so that Thai sorts last.
const THAI_BASE: u32 = 0x11_0001;

/// Separator between the levels of a sort key, below every primary weight.
const LEVEL_SEPARATOR: [u8; 3] = [0, 0, 0];

/// One unit of text as the collation sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    /// A character compared at the first level, with its weight.
    Base(u32),
    /// A mark compared at the second level, with its weight (1 or more).
    Mark(u8),
}

/// Iterator over the collation elements of a string, in collation order.
struct Elements<'a> {
    chars: Peekable<Chars<'a>>,
    /// The leading vowel that follows a consonant after reordering.
    pending: Option<Element>,
}

impl Iterator for Elements<'_> {
    type Item = Element;

    fn next(&mut self) -> Option<Element> {
        if let Some(element) = self.pending.take() {
            return Some(element);
        }
        loop {
            let c = self.chars.next()?;
            if let Some(element) = self.element(c) {
                return Some(element);
            }
        }
    }
}

impl Elements<'_> {
    /// Returns the element for `c`, consuming the next character too when it
    /// belongs to `c`. Returns `None` for an ignored character.
    fn element(&mut self, c: char) -> Option<Element> {
        if is_leading_vowel(c) {
            if let Some(consonant) = self.chars.next_if(|next| is_consonant(*next)) {
                self.pending = Some(Element::Base(base_weight(c)));
                return Some(Element::Base(base_weight(consonant)));
            }
        }
        if c == '\u{0E4D}' && self.chars.next_if_eq(&'\u{0E32}').is_some() {
            return Some(Element::Base(base_weight('\u{0E33}')));
        }
        classify(c)
    }
}

/// Returns the collation elements of `text`.
fn elements(text: &str) -> Elements<'_> {
    Elements {
        chars: text.chars().peekable(),
        pending: None,
    }
}

/// Returns the first-level weights of `text`.
fn primary(text: &str) -> impl Iterator<Item = u32> + '_ {
    elements(text).filter_map(|element| match element {
        Element::Base(weight) => Some(weight),
        Element::Mark(_) => None,
    })
}

/// Returns the second-level weights of `text`: 0 at each base character,
/// followed by the weights of the marks that come after it.
fn secondary(text: &str) -> impl Iterator<Item = u8> + '_ {
    elements(text).map(|element| match element {
        Element::Base(_) => 0,
        Element::Mark(weight) => weight,
    })
}

fn classify(c: char) -> Option<Element> {
    if let Some(weight) = mark_weight(c) {
        return Some(Element::Mark(weight));
    }
    if matches!(
        c,
        '\u{00ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
    ) {
        return None;
    }
    Some(Element::Base(base_weight(c)))
}

fn mark_weight(c: char) -> Option<u8> {
    let weight = match c {
        '\u{0E47}' => 1,                                      // ไม้ไต่คู้
        '\u{0E48}'..='\u{0E4B}' => (c as u32 - 0x0E46) as u8, // tone marks, 2 to 5
        '\u{0E4C}' => 6,                                      // ทัณฑฆาต
        '\u{0E4E}' => 7,                                      // ยามักการ
        '\u{0E3A}' => 8,                                      // พินทุ
        _ => return None,
    };
    Some(weight)
}

fn base_weight(c: char) -> u32 {
    match c {
        '๐'..='๙' => base_weight(to_arabic_digit(c)),
        '\u{0E00}'..='\u{0E7F}' => THAI_BASE + (c as u32 - 0x0E00),
        c if c.is_whitespace() => ' ' as u32 + 1,
        c => c.to_ascii_lowercase() as u32 + 1,
    }
}

fn is_leading_vowel(c: char) -> bool {
    ('\u{0E40}'..='\u{0E44}').contains(&c)
}

fn is_consonant(c: char) -> bool {
    ('\u{0E01}'..='\u{0E2E}').contains(&c)
}

/// Compares two strings in Thai dictionary order.
///
/// ```
/// use std::cmp::Ordering;
/// use chumchon::thai::collation::compare;
/// assert_eq!(compare("เกษม", "ขวัญ"), Ordering::Less);
/// assert_eq!(compare("ก่า", "กา"), Ordering::Greater);
/// ```
pub fn compare(a: &str, b: &str) -> Ordering {
    primary(a)
        .cmp(primary(b))
        .then_with(|| secondary(a).cmp(secondary(b)))
        .then_with(|| a.cmp(b))
}

/// Builds a byte string whose byte order is the order of [`compare`], for
/// sorting long lists or storing in an indexed column. The key holds three
/// bytes per character of `text`, then one byte per character and mark,
/// then `text` itself.
///
/// ```
/// use chumchon::thai::collation::sort_key;
/// assert!(sort_key("เกษม") < sort_key("ขวัญ"));
/// ```
pub fn sort_key(text: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(text.len() * 3);
    for weight in primary(text) {
        key.extend_from_slice(&weight.to_be_bytes()[1..]);
    }
    key.extend_from_slice(&LEVEL_SEPARATOR);
    key.extend(secondary(text));
    key.push(0);
    key.extend_from_slice(text.as_bytes());
    key
}

/// Registers the collation `THAI` on `conn`, so that
/// `ORDER BY name COLLATE THAI` sorts in the order of [`compare`].
///
/// ```
/// # fn main() -> rusqlite::Result<()> {
/// let conn = rusqlite::Connection::open_in_memory()?;
/// chumchon::thai::collation::register(&conn)?;
/// let in_order: bool =
///     conn.query_row("SELECT 'ไก่' < 'ขวัญ' COLLATE THAI", [], |row| row.get(0))?;
/// assert!(in_order);
/// # Ok(())
/// # }
/// ```
pub fn register(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.create_collation("THAI", compare)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Result = std::result::Result<(), Box<dyn std::error::Error>>;

    const DICTIONARY_ORDER: [&str; 5] = ["กมล", "เกษม", "ไก่", "ขวัญ", "โชติ"];

    fn sorted_by_compare(mut words: Vec<&str>) -> Vec<&str> {
        words.sort_by(|a, b| compare(a, b));
        words
    }

    fn sorted_by_key(mut words: Vec<&str>) -> Vec<&str> {
        words.sort_by_cached_key(|word| sort_key(word));
        words
    }

    #[test]
    fn leading_vowel_sorts_after_its_consonant() -> Result {
        let mut reversed = DICTIONARY_ORDER.to_vec();
        reversed.reverse();
        let mut bytewise = reversed.clone();
        bytewise.sort();

        assert_ne!(
            bytewise, DICTIONARY_ORDER,
            "byte order differs from dictionary order"
        );
        assert_eq!(
            sorted_by_compare(reversed.clone()),
            DICTIONARY_ORDER,
            "compare"
        );
        assert_eq!(sorted_by_key(reversed), DICTIONARY_ORDER, "sort_key");
        Ok(())
    }

    #[test]
    fn tone_marks_only_break_ties() -> Result {
        let expected = ["กา", "ก่า", "ก้า", "ก๊า", "ก๋า", "กาก"];
        let shuffled = vec!["กาก", "ก๋า", "ก้า", "กา", "ก๊า", "ก่า"];

        assert_eq!(sorted_by_compare(shuffled.clone()), expected, "compare");
        assert_eq!(sorted_by_key(shuffled), expected, "sort_key");
        Ok(())
    }

    #[test]
    fn consonants_sort_before_vowels() -> Result {
        assert_eq!(compare("กก", "กะ"), Ordering::Less, "กก before กะ");
        assert_eq!(compare("กลม", "เกลือ"), Ordering::Less, "กลม before เกลือ");
        assert_eq!(compare("กา", "กิ"), Ordering::Less, "า before ิ");
        assert_eq!(compare("เก", "แก"), Ordering::Less, "เ before แ");
        Ok(())
    }

    #[test]
    fn latin_and_digits_sort_before_thai() -> Result {
        let expected = ["", "007", "Adam", "bob", "Zed", "กมล"];
        let shuffled = vec!["กมล", "Zed", "bob", "", "Adam", "007"];

        assert_eq!(sorted_by_compare(shuffled.clone()), expected, "compare");
        assert_eq!(sorted_by_key(shuffled), expected, "sort_key");
        Ok(())
    }

    #[test]
    fn thai_digits_sort_with_arabic_digits() -> Result {
        let expected = ["1", "๑", "๒", "3"];
        assert_eq!(sorted_by_compare(vec!["3", "๒", "๑", "1"]), expected);
        Ok(())
    }

    #[test]
    fn only_identical_strings_are_equal() -> Result {
        assert_eq!(compare("สมชาย", "สมชาย"), Ordering::Equal, "same text");
        assert_ne!(
            compare("กำ", "กํา"),
            Ordering::Equal,
            "composed and split sara am"
        );
        assert_ne!(compare("Adam", "adam"), Ordering::Equal, "case");
        assert_ne!(
            compare("ก\u{200b}ข", "กข"),
            Ordering::Equal,
            "zero-width space"
        );
        Ok(())
    }

    #[test]
    fn split_sara_am_sorts_with_sara_am() -> Result {
        let sorted = sorted_by_compare(vec!["กำก", "กํา", "กาก", "กำ"]);
        assert_eq!(sorted, ["กาก", "กำ", "กํา", "กำก"]);
        Ok(())
    }

    #[test]
    fn sort_key_agrees_with_compare() -> Result {
        let words = [
            "",
            " ",
            "a",
            "A",
            "ab",
            "ก",
            "ก่",
            "กา",
            "ก่า",
            "ก้า",
            "กาก",
            "เก",
            "เก่ง",
            "เกง",
            "แก",
            "ไก่",
            "ไก",
            "ขวัญ",
            "ก ข",
            "กข",
            "๑",
            "1",
            "ก็",
            "กํา",
            "กำ",
            "เ",
            "เเ",
            "่",
            "โชติ",
            "ฤดี",
            "รัก",
            "ลดา",
            "\u{200b}ก",
        ];
        for a in words {
            for b in words {
                let by_key = sort_key(a).cmp(&sort_key(b));
                assert_eq!(by_key, compare(a, b), "comparing {a:?} with {b:?}");
            }
        }
        Ok(())
    }

    #[test]
    fn sqlite_orders_by_thai_collation() -> Result {
        let conn = rusqlite::Connection::open_in_memory()?;
        register(&conn)?;
        conn.execute("CREATE TABLE people (name TEXT)", [])?;
        for name in ["โชติ", "ขวัญ", "ไก่", "เกษม", "กมล"] {
            conn.execute("INSERT INTO people (name) VALUES (?1)", [name])?;
        }

        let mut statement = conn.prepare("SELECT name FROM people ORDER BY name COLLATE THAI")?;
        let names = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;

        assert_eq!(names, DICTIONARY_ORDER);
        Ok(())
    }
}
