//! Thai digits ๐–๙ and their Arabic equivalents.

/// Maps a Thai digit to its Arabic digit and leaves any other character as
/// it is.
///
/// ```
/// use chumchon::thai::digits::to_arabic_digit;
/// assert_eq!(to_arabic_digit('๕'), '5');
/// assert_eq!(to_arabic_digit('x'), 'x');
/// ```
pub fn to_arabic_digit(c: char) -> char {
    match c {
        '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
        _ => c,
    }
}

/// Replaces every Thai digit in `text` with its Arabic digit.
///
/// ```
/// use chumchon::thai::digits::to_arabic;
/// assert_eq!(to_arabic("๑๕/๐๓/๒๕๖๗"), "15/03/2567");
/// ```
pub fn to_arabic(text: &str) -> String {
    text.chars().map(to_arabic_digit).collect()
}

/// Replaces every Arabic digit in `text` with its Thai digit.
///
/// ```
/// use chumchon::thai::digits::to_thai;
/// assert_eq!(to_thai("31/12/2567"), "๓๑/๑๒/๒๕๖๗");
/// ```
pub fn to_thai(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('๐' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}
