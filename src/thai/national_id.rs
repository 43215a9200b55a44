//! Thai national ID numbers (เลขประจำตัวประชาชน): 13 digits, the last of
//! which is a check digit over the first twelve.
//!
//! With S = Σ dᵢ·(14 − i) over the first twelve digits (i = 1..12), the
//! check digit is (11 − S mod 11) mod 10.
//!
//! NOTE: the check digit does not catch every typing error. The third digit
//! has weight 11, so a change to it leaves the check digit as it was, and
//! remainders 0 and 10 both give check digit 1.

use super::digits::to_arabic_digit;

/// Number of digits in a national ID.
pub const LEN: usize = 13;

/// Cleans an ID as typed or pasted and returns its 13 digits, or `None` when
/// what remains is not exactly 13 digits. Dashes, spaces, zero-width
/// characters and Thai digits are accepted. So are a leading apostrophe
/// (Excel's text marker) and a trailing `.0`, which appear when a number
/// cell was exported as text. The check digit is not checked; see
/// [`is_valid`].
///
/// ```
/// use chumchon::thai::national_id::normalize;
/// assert_eq!(normalize("4-4182-24863-44-1").as_deref(), Some("4418224863441"));
/// assert_eq!(normalize("๔ ๔๑๘๒ ๒๔๘๖๓ ๔๔ ๑").as_deref(), Some("4418224863441"));
/// assert_eq!(normalize("6476314148974.0").as_deref(), Some("6476314148974"));
/// assert_eq!(normalize("441822486344"), None);
/// ```
pub fn normalize(text: &str) -> Option<String> {
    let text = text.trim().trim_start_matches('\'');
    let text = strip_zero_fraction(text);
    let digits: String = text
        .chars()
        .filter(|c| !is_filler(*c))
        .map(to_arabic_digit)
        .collect();
    is_thirteen_digits(&digits).then_some(digits)
}

/// Converts an ID that a spreadsheet stored as a number, such as
/// `6476314148974.0`, to its 13 digits. Returns `None` unless the number is
/// a whole number of exactly 13 digits.
///
/// NOTE: an ID whose first digit is 0 loses that zero in a number cell, so it
/// arrives with 12 digits and is rejected here rather than padded.
///
/// ```
/// use chumchon::thai::national_id::from_number;
/// assert_eq!(from_number(6476314148974.0).as_deref(), Some("6476314148974"));
/// assert_eq!(from_number(6.5), None);
/// ```
pub fn from_number(n: f64) -> Option<String> {
    let in_range = (1e12..1e13).contains(&n);
    (in_range && n.fract() == 0.0).then(|| format!("{}", n as u64))
}

/// Checks that `digits` is 13 ASCII digits whose last digit is the right
/// check digit. Call [`normalize`] first on text as typed.
///
/// ```
/// use chumchon::thai::national_id::is_valid;
/// assert!(is_valid("6072791878903"));
/// assert!(!is_valid("5024705772206"));
/// assert!(!is_valid("4-4182-24863-44-1"), "dashes must be removed first");
/// ```
pub fn is_valid(digits: &str) -> bool {
    if !is_thirteen_digits(digits) {
        return false;
    }
    let last = digits.as_bytes()[LEN - 1] - b'0';
    check_digit(&digits[..LEN - 1]) == Some(last)
}

/// Computes the check digit for the first twelve digits of an ID. Returns
/// `None` unless `first_twelve` is 12 ASCII digits.
///
/// ```
/// use chumchon::thai::national_id::check_digit;
/// assert_eq!(check_digit("607279187890"), Some(3));
/// ```
pub fn check_digit(first_twelve: &str) -> Option<u8> {
    let bytes = first_twelve.as_bytes();
    if bytes.len() != LEN - 1 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = (0..LEN - 1)
        .map(|i| u32::from(bytes[i] - b'0') * (LEN - i) as u32)
        .sum();
    Some(((11 - sum % 11) % 10) as u8)
}

/// Formats an ID the way it is printed on the card, `1-2345-67890-12-1`.
/// Text that [`normalize`] rejects is returned unchanged.
///
/// ```
/// use chumchon::thai::national_id::format;
/// assert_eq!(format("4418224863441"), "4-4182-24863-44-1");
/// assert_eq!(format("12345"), "12345");
/// ```
pub fn format(digits: &str) -> String {
    let Some(d) = normalize(digits) else {
        return digits.to_string();
    };
    format!(
        "{}-{}-{}-{}-{}",
        &d[0..1],
        &d[1..5],
        &d[5..10],
        &d[10..12],
        &d[12..13]
    )
}

fn is_filler(c: char) -> bool {
    c == '-' || c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

fn is_thirteen_digits(text: &str) -> bool {
    text.len() == LEN && text.bytes().all(|b| b.is_ascii_digit())
}

/// Removes a fraction made only of zeros, as in `6476314148974.00`.
fn strip_zero_fraction(text: &str) -> &str {
    match text.split_once('.') {
        Some((whole, fraction)) if fraction.chars().all(|c| c == '0' || c == '๐') => whole,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Result = std::result::Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn check_digit_accepts_known_valid_ids() -> Result {
        for id in ["6072791878903", "4418224863441", "6476314148974"] {
            assert!(is_valid(id), "{id} has a correct check digit");
        }
        Ok(())
    }

    #[test]
    fn check_digit_rejects_known_invalid_ids() -> Result {
        for id in ["5024705772206", "3410811341864"] {
            assert!(!is_valid(id), "{id} has a wrong check digit");
        }
        Ok(())
    }

    /// Returns S mod 11 for the first twelve digits.
    fn weighted_sum_mod_11(digits: &[u8]) -> u32 {
        (0..LEN - 1)
            .map(|i| u32::from(digits[i] - b'0') * (LEN - i) as u32)
            .sum::<u32>()
            % 11
    }

    #[test]
    fn check_digit_catches_single_digit_changes() -> Result {
        // The scheme misses two kinds of change. The third digit has weight
        // 11, so changing it leaves S mod 11 as it was. Remainders 0 and 10
        // both give check digit 1, so a change between them goes unseen.
        let valid = "6072791878903";
        for position in 0..LEN {
            for digit in b'0'..=b'9' {
                let mut changed = valid.as_bytes().to_vec();
                if changed[position] == digit {
                    continue;
                }
                changed[position] = digit;
                let remainders = [valid.as_bytes(), &changed].map(weighted_sum_mod_11);
                let missed = position == 2 || matches!(remainders, [0, 10] | [10, 0]);
                let changed = String::from_utf8(changed)?;
                assert_eq!(
                    is_valid(&changed),
                    missed,
                    "{changed} differs from {valid} in one digit"
                );
            }
        }
        Ok(())
    }

    #[test]
    fn is_valid_rejects_wrong_shapes() -> Result {
        for text in [
            "",
            "607279187890",
            "60727918789030",
            "607279187890x",
            "๖๐๗๒๗๙๑๘๗๘๙๐๓",
        ] {
            assert!(!is_valid(text), "{text:?} is not 13 ASCII digits");
        }
        Ok(())
    }

    #[test]
    fn normalize_accepts_typed_forms() -> Result {
        let cases = [
            ("4-4182-24863-44-1", "4418224863441"),
            (" 4 4182 24863 44 1 ", "4418224863441"),
            (
                "4\u{200b}4182\u{200b}24863\u{200b}44\u{200b}1",
                "4418224863441",
            ),
            ("๔-๔๑๘๒-๒๔๘๖๓-๔๔-๑", "4418224863441"),
            ("'4418224863441", "4418224863441"),
            ("4418224863441.00", "4418224863441"),
            ("4\u{a0}4182\u{a0}24863\u{a0}44\u{a0}1", "4418224863441"),
        ];
        for (text, expected) in cases {
            assert_eq!(
                normalize(text).as_deref(),
                Some(expected),
                "normalizing {text:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn normalize_rejects_other_text() -> Result {
        for text in [
            "",
            "441822486344",
            "44182248634411",
            "4418224863441.5",
            "4418224863A41",
        ] {
            assert_eq!(normalize(text), None, "{text:?} is not a 13-digit ID");
        }
        Ok(())
    }

    #[test]
    fn from_number_reads_spreadsheet_numbers() -> Result {
        assert_eq!(
            from_number(6476314148974.0).as_deref(),
            Some("6476314148974")
        );
        assert_eq!(
            from_number(1e12).as_deref(),
            Some("1000000000000"),
            "smallest 13 digits"
        );
        Ok(())
    }

    #[test]
    fn from_number_rejects_non_ids() -> Result {
        for n in [
            441822486344.0,
            1e13,
            6476314148974.5,
            -6476314148974.0,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_eq!(from_number(n), None, "{n} is not a 13-digit whole number");
        }
        Ok(())
    }

    #[test]
    fn format_groups_like_the_card() -> Result {
        assert_eq!(format("4418224863441"), "4-4182-24863-44-1");
        assert_eq!(
            format("๔-๔๑๘๒-๒๔๘๖๓-๔๔-๑"),
            "4-4182-24863-44-1",
            "Thai digits"
        );
        assert_eq!(format("not an id"), "not an id", "other text unchanged");
        Ok(())
    }

    #[test]
    fn check_digit_needs_twelve_digits() -> Result {
        assert_eq!(check_digit("441822486344"), Some(1));
        assert_eq!(check_digit("44182248634"), None, "eleven digits");
        assert_eq!(check_digit("44182248634x"), None, "a letter");
        Ok(())
    }
}
