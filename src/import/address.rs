//! Splitting a legacy one-line Thai address into its parts.

use crate::members::Address;

/// A one-line address split into parts, and the zone named in it, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SplitAddress {
    /// The parts found. `text` keeps the whole line as written when some
    /// part of it could not be placed.
    pub address: Address,
    /// A zone such as "โซน 2", which belongs to the community, not the
    /// postal address.
    pub zone: Option<String>,
}

/// The prefixes that introduce each address part, longest first so that
/// "หมู่ที่" wins over "หมู่".
const PREFIXES: &[(&str, Part)] = &[
    ("บ้านเลขที่", Part::HouseNo),
    ("เลขที่", Part::HouseNo),
    ("หมู่ที่", Part::Moo),
    ("หมู่", Part::Moo),
    ("ม.", Part::Moo),
    ("ซอย", Part::Soi),
    ("ซ.", Part::Soi),
    ("ถนน", Part::Road),
    ("ถ.", Part::Road),
    ("ตำบล", Part::Subdistrict),
    ("แขวง", Part::Subdistrict),
    ("ต.", Part::Subdistrict),
    ("อำเภอ", Part::District),
    ("เขต", Part::District),
    ("อ.", Part::District),
    ("จังหวัด", Part::Province),
    ("จ.", Part::Province),
    ("รหัสไปรษณีย์", Part::Postcode),
    ("โซน", Part::Zone),
    ("zone", Part::Zone),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    HouseNo,
    Moo,
    Soi,
    Road,
    Subdistrict,
    District,
    Province,
    Postcode,
    Zone,
}

/// Splits an address such as "133/25 ม.4 ซ.ร่วมใจ ต.บ่อยาง อ.เมืองสงขลา
/// จ.สงขลา 90000" into its parts. A part whose words cannot be placed
/// keeps the whole line in `address.text`, so nothing written is lost.
///
/// ```
/// use chumchon::import::address::split;
/// let split = split("133/25 โซน 2 ต.บ่อยาง อ.เมืองสงขลา จ.สงขลา");
/// assert_eq!(split.address.house_no.as_deref(), Some("133/25"));
/// assert_eq!(split.address.subdistrict.as_deref(), Some("บ่อยาง"));
/// assert_eq!(split.zone.as_deref(), Some("โซน 2"));
/// assert_eq!(split.address.text, None);
/// ```
pub fn split(line: &str) -> SplitAddress {
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut split = SplitAddress::default();
    let mut complete = true;
    let mut words = line.split(' ').peekable();
    while let Some(word) = words.next() {
        let (part, rest) = match prefix_of(word) {
            Some((part, rest)) => (Some(part), rest.to_string()),
            None => (bare_part(word, &split.address), word.to_string()),
        };
        let value = if rest.is_empty() {
            words.next().unwrap_or("").to_string()
        } else {
            rest
        };
        match part {
            Some(part) if !value.is_empty() && place(&mut split, part, value) => {}
            _ => complete = false,
        }
    }
    if !complete {
        split.address.text = Some(line);
    }
    split
}

fn prefix_of(word: &str) -> Option<(Part, &str)> {
    PREFIXES
        .iter()
        .find_map(|(prefix, part)| word.strip_prefix(prefix).map(|rest| (*part, rest)))
}

/// Places a word with no prefix: a leading house number, or a five-digit
/// postcode.
fn bare_part(word: &str, address: &Address) -> Option<Part> {
    let digits = word.chars().all(|c| c.is_ascii_digit());
    if digits && word.len() == 5 {
        return Some(Part::Postcode);
    }
    let house_like = word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == '-');
    (house_like && address.house_no.is_none()).then_some(Part::HouseNo)
}

/// Stores `value` as `part`, or returns false when that part is already
/// filled.
fn place(split: &mut SplitAddress, part: Part, value: String) -> bool {
    let address = &mut split.address;
    let slot = match part {
        Part::HouseNo => &mut address.house_no,
        Part::Moo => &mut address.moo,
        Part::Soi => &mut address.soi,
        Part::Road => &mut address.road,
        Part::Subdistrict => &mut address.subdistrict,
        Part::District => &mut address.district,
        Part::Province => &mut address.province,
        Part::Postcode => &mut address.postcode,
        Part::Zone => {
            if split.zone.is_some() {
                return false;
            }
            split.zone = Some(format!("โซน {value}"));
            return true;
        }
    };
    if slot.is_some() {
        return false;
    }
    *slot = Some(value);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_full_address() {
        let split = split("99/1 หมู่ที่ 4 ซอยร่วมใจ ถ.กาญจนวนิช ต.พะวง อ.เมืองสงขลา จ.สงขลา 90100");

        let address = split.address;
        assert_eq!(address.house_no.as_deref(), Some("99/1"));
        assert_eq!(address.moo.as_deref(), Some("4"));
        assert_eq!(address.soi.as_deref(), Some("ร่วมใจ"));
        assert_eq!(address.road.as_deref(), Some("กาญจนวนิช"));
        assert_eq!(address.subdistrict.as_deref(), Some("พะวง"));
        assert_eq!(address.district.as_deref(), Some("เมืองสงขลา"));
        assert_eq!(address.province.as_deref(), Some("สงขลา"));
        assert_eq!(address.postcode.as_deref(), Some("90100"));
        assert_eq!(address.text, None, "every word was placed");
    }

    #[test]
    fn keeps_unsplittable_line_as_written() {
        let line = "หลังตลาดสด ใกล้มัสยิด";

        let split = split(line);

        assert_eq!(split.address.text.as_deref(), Some(line));
    }

    #[test]
    fn keeps_line_when_part_repeats() {
        let split = split("12 ต.บ่อยาง ต.เขารูปช้าง");

        assert_eq!(split.address.text.as_deref(), Some("12 ต.บ่อยาง ต.เขารูปช้าง"));
        assert_eq!(split.address.house_no.as_deref(), Some("12"));
    }
}
