//! Reading the status out of a condition as staff write it in legacy
//! lists: "ดี" is available, "ต้องซ่อมยาง" under repair, "ฝาชำรุด" part
//! missing (the lid), "จำหน่ายแล้ว" retired.

use serde::Serialize;

use super::equipment::Status;

/// Status meant by a condition text, with the part the item lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// Status the text means.
    pub status: Status,
    /// The missing part, for [`Status::PartMissing`].
    pub missing: Option<String>,
}

/// Texts that mean the item is usable, compared whole.
const GOOD: &[&str] = &[
    "ดี",
    "ดีมาก",
    "ปกติ",
    "ใช้งานได้",
    "ใช้ได้",
    "ใช้การได้",
    "ใหม่",
    "พอใช้",
    "สมบูรณ์",
    "พร้อมใช้",
    "พร้อมใช้งาน",
    "good",
    "ok",
];

/// Words that mean the item is out of use for good.
const RETIRED: &[&str] = &[
    "จำหน่าย",
    "เลิกใช้",
    "ใช้การไม่ได้",
    "ใช้งานไม่ได้",
    "ใช้ไม่ได้",
    "สูญหาย",
    "ทิ้ง",
    "retired",
];

/// Words that mean the item is being or must be repaired.
const REPAIR: &[&str] = &["ซ่อม", "repair"];

/// Words that follow a part that is broken or gone: "ฝาชำรุด", "ล้อหาย".
const PART_BROKEN: &[&str] = &["ชำรุด", "หาย", "แตก", "หัก", "ขาด", "เสีย", "หลุด", "พัง"];

/// Words that come before a part that is gone: "ไม่มีฝา", "ขาดฝา".
const PART_LACKING: &[&str] = &["ไม่มี", "ขาด"];

/// Texts that mean the whole item is broken, compared whole.
const BROKEN: &[&str] = &["ชำรุด", "เสีย", "พัง", "broken", "damaged"];

/// Reads the status out of a condition text, or returns `None` when the
/// rules know none of its words.
///
/// ```
/// use chumchon::exchange::condition::read_condition;
/// use chumchon::exchange::Status;
/// let lid = read_condition("ฝาชำรุด").map(|r| (r.status, r.missing));
/// assert_eq!(lid, Some((Status::PartMissing, Some("ฝา".to_string()))));
/// let tyre = read_condition("ต้องซ่อมยาง").map(|r| r.status);
/// assert_eq!(tyre, Some(Status::UnderRepair));
/// assert_eq!(read_condition("ดี").map(|r| r.status), Some(Status::Available));
/// assert_eq!(read_condition("สีซีด"), None);
/// ```
pub fn read_condition(text: &str) -> Option<Reading> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
        .flat_map(char::to_lowercase)
        .collect();
    let plain = |status| {
        Some(Reading {
            status,
            missing: None,
        })
    };
    if compact.is_empty() {
        return None;
    }
    if GOOD.contains(&compact.as_str()) {
        return plain(Status::Available);
    }
    if RETIRED.iter().any(|word| compact.contains(word)) {
        return plain(Status::Retired);
    }
    if REPAIR.iter().any(|word| compact.contains(word)) {
        return plain(Status::UnderRepair);
    }
    if let Some(part) = missing_part(&compact) {
        return Some(Reading {
            status: Status::PartMissing,
            missing: Some(part),
        });
    }
    if BROKEN.contains(&compact.as_str()) {
        return plain(Status::UnderRepair);
    }
    None
}

/// The part named before a "broken" word or after a "lacking" word.
fn missing_part(compact: &str) -> Option<String> {
    let before = PART_BROKEN.iter().find_map(|word| {
        let part = compact.strip_suffix(word)?;
        (!part.is_empty()).then(|| part.to_string())
    });
    before.or_else(|| {
        PART_LACKING.iter().find_map(|word| {
            let part = compact.strip_prefix(word)?;
            (!part.is_empty()).then(|| part.to_string())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lacking_word_before_part() {
        let reading = read_condition("ไม่มีฝา");

        assert_eq!(
            reading.and_then(|r| r.missing),
            Some("ฝา".to_string()),
            "ไม่มีฝา lacks the lid"
        );
    }

    #[test]
    fn whole_item_broken_is_repair() {
        let reading = read_condition(" ชำรุด ");

        assert_eq!(
            reading.map(|r| r.status),
            Some(Status::UnderRepair),
            "a broken item goes for repair"
        );
    }

    #[test]
    fn written_off_is_retired() {
        let reading = read_condition("จำหน่ายแล้ว");

        assert_eq!(
            reading.map(|r| r.status),
            Some(Status::Retired),
            "written off"
        );
    }
}
