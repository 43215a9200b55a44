//! What a caller asks the reader for: a list of fields, each with the column
//! names it goes by in Thai and English, the kind of value it contains and
//! whether a record needs it. Also the schemas of the members register and
//! the share ledger.

use serde::Serialize;

/// The kind of value a field holds, which decides how its cells are parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FieldKind {
    /// Free text, trimmed, with runs of spaces collapsed and zero-width
    /// characters removed.
    Text,
    /// An identifier such as a member number, read as text. A number cell
    /// gives its digits without a decimal part, and text such as "12.0" (a
    /// number saved as text by another program) gives "12". A number that
    /// lost the leading zeros of the column's other codes gets them back,
    /// with a warning.
    Code,
    /// A whole number, from a number cell or text such as "5,300", "๑๐" or
    /// "-" (zero).
    Integer,
    /// Baht, read into [`crate::Satang`].
    Money,
    /// A calendar date, from a date cell, a bare serial number or Buddhist
    /// Era text.
    Date,
    /// A Thai national ID: 13 digits. The check digit is not checked here.
    NationalId,
    /// A Thai phone number, stored as digits only, such as "0940304955".
    Phone,
    /// A decimal quantity held as a whole number of `1 / 10^places` units,
    /// so that kilograms with `places: 3` are read as grams.
    Decimal {
        /// Number of decimal places kept.
        places: u8,
    },
    /// A column that is recognised so that it is not mistaken for another
    /// field, but whose values are not read, such as a running number.
    Ignored,
}

/// One field of a [`Schema`].
///
/// Header cells are compared after normalisation: case, spaces, dots,
/// dashes and other punctuation are ignored, and a part in parentheses may
/// be left out, so "มูลค่าหุ้น (บาท)" matches "มูลค่าหุ้น". A name in
/// `synonyms` also matches a longer header that contains it ("วันที่สมัคร"
/// matches "วันที่สมัครสมาชิก"); a name in `exact_synonyms` matches only a
/// whole header. Put short, general words there ("ชื่อ", "เลขที่", "หุ้น"),
/// because they appear inside the names of other columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Stable key used to read the value, such as `"first_name"`.
    pub key: &'static str,
    /// Column names that match the whole header or a part of it.
    pub synonyms: &'static [&'static str],
    /// Column names that match only the whole header.
    pub exact_synonyms: &'static [&'static str],
    /// Kind of value, which decides how cells of the column are parsed.
    pub kind: FieldKind,
    /// Whether a record must have a value. A required field without a
    /// column is a sheet-level error; an empty cell in a data row is a row
    /// error.
    pub required: bool,
}

impl FieldSpec {
    /// A field with no synonyms, of kind [`FieldKind::Text`], not required;
    /// a base for struct update syntax in constants.
    pub const EMPTY: FieldSpec = FieldSpec {
        key: "",
        synonyms: &[],
        exact_synonyms: &[],
        kind: FieldKind::Text,
        required: false,
    };
}

/// The fields a caller wants from a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema {
    /// Name for logs and messages, such as "members".
    pub name: &'static str,
    /// The fields, in the order the caller prefers.
    pub fields: &'static [FieldSpec],
}

impl Schema {
    /// Returns the field with `key`.
    pub fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|field| field.key == key)
    }
}

/// A running number (ลำดับ), recognised so that a row containing only its
/// running number counts as blank.
const SEQ: FieldSpec = FieldSpec {
    key: "seq",
    synonyms: &["ลำดับ", "ลำดับที่"],
    exact_synonyms: &["ที่", "no", "#", "seq"],
    kind: FieldKind::Ignored,
    required: false,
};

const MEMBER_NO: FieldSpec = FieldSpec {
    key: "member_no",
    synonyms: &[
        "เลขที่สมาชิก",
        "เลขสมาชิก",
        "รหัสสมาชิก",
        "หมายเลขสมาชิก",
        "ทะเบียนสมาชิกเลขที่",
        "member no",
        "member number",
        "member id",
        "member code",
    ],
    exact_synonyms: &["รหัส", "member"],
    kind: FieldKind::Code,
    required: true,
};

const FULL_NAME: FieldSpec = FieldSpec {
    key: "full_name",
    synonyms: &[
        "ชื่อ-สกุล",
        "ชื่อ-นามสกุล",
        "ชื่อและนามสกุล",
        "ชื่อสมาชิก",
        "ชื่อผู้ถือหุ้น",
        "full name",
    ],
    exact_synonyms: &["name", "ชื่อ นามสกุล"],
    ..FieldSpec::EMPTY
};

const SHARES: FieldSpec = FieldSpec {
    key: "shares",
    synonyms: &["จำนวนหุ้น", "หุ้นที่ถือ", "shares", "number of shares"],
    exact_synonyms: &["หุ้น", "จำนวน หุ้น"],
    kind: FieldKind::Integer,
    required: false,
};

/// Fields of the members and shares register. Separate title, first-name
/// and last-name columns are preferred; `full_name` is read for registers
/// that keep the whole name in one column. The address is read either as
/// one line (`address`) or in parts.
pub const MEMBERS: Schema = Schema {
    name: "members",
    fields: &[
        SEQ,
        // A register without member numbers gets them assigned on import.
        FieldSpec {
            required: false,
            ..MEMBER_NO
        },
        FieldSpec {
            key: "title",
            synonyms: &["คำนำหน้า", "คำนำหน้าชื่อ", "title", "prefix"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "first_name",
            synonyms: &["ชื่อจริง", "first name", "given name"],
            exact_synonyms: &["ชื่อ", "ชื่อตัว"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "last_name",
            synonyms: &["นามสกุล", "last name", "surname", "family name"],
            exact_synonyms: &["สกุล"],
            ..FieldSpec::EMPTY
        },
        FULL_NAME,
        FieldSpec {
            key: "national_id",
            synonyms: &[
                "เลขประจำตัวประชาชน",
                "เลขบัตรประชาชน",
                "เลขบัตรประจำตัวประชาชน",
                "บัตรประชาชน",
                "national id",
                "citizen id",
                "id card",
            ],
            exact_synonyms: &["เลขประจำตัว", "id"],
            kind: FieldKind::NationalId,
            required: false,
        },
        FieldSpec {
            key: "phone",
            synonyms: &[
                "โทรศัพท์",
                "เบอร์โทร",
                "หมายเลขโทรศัพท์",
                "มือถือ",
                "phone",
                "mobile",
            ],
            exact_synonyms: &["โทร", "เบอร์", "tel"],
            kind: FieldKind::Phone,
            required: false,
        },
        FieldSpec {
            key: "address",
            synonyms: &["ที่อยู่", "address"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "house_no",
            synonyms: &["บ้านเลขที่", "house no"],
            exact_synonyms: &["เลขที่"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "moo",
            synonyms: &["หมู่ที่", "หมู่บ้านที่"],
            exact_synonyms: &["หมู่", "ม", "moo"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "soi",
            synonyms: &["ซอย", "soi"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "road",
            synonyms: &["ถนน", "road"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "subdistrict",
            synonyms: &["ตำบล", "แขวง", "subdistrict", "tambon"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "district",
            synonyms: &["อำเภอ", "district", "amphoe"],
            exact_synonyms: &["เขต"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "province",
            synonyms: &["จังหวัด", "province"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "postcode",
            synonyms: &["รหัสไปรษณีย์", "ไปรษณีย์", "postcode", "postal code", "zip"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "community",
            synonyms: &["ชุมชน", "community"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "zone",
            synonyms: &["โซน", "zone"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "joined",
            synonyms: &[
                "วันที่สมัคร",
                "วันสมัคร",
                "วันที่เข้าเป็นสมาชิก",
                "วันที่เป็นสมาชิก",
                "วันเข้าเป็นสมาชิก",
                "date joined",
                "join date",
                "joined",
            ],
            kind: FieldKind::Date,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "status",
            synonyms: &["สถานะ", "status"],
            ..FieldSpec::EMPTY
        },
        SHARES,
        FieldSpec {
            key: "share_value",
            synonyms: &["มูลค่าหุ้น", "ค่าหุ้น", "share value"],
            exact_synonyms: &["มูลค่า", "มูลค่า หุ้น"],
            kind: FieldKind::Money,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "notes",
            synonyms: &["หมายเหตุ", "notes", "remark"],
            exact_synonyms: &["note"],
            ..FieldSpec::EMPTY
        },
    ],
};

/// Fields of a share ledger: one share movement (brought forward,
/// purchase, withdrawal, transfer) a row.
pub const LEDGER: Schema = Schema {
    name: "share ledger",
    fields: &[
        SEQ,
        FieldSpec {
            key: "date",
            synonyms: &["วันที่", "วันเดือนปี", "date"],
            kind: FieldKind::Date,
            required: true,
            ..FieldSpec::EMPTY
        },
        MEMBER_NO,
        FieldSpec {
            exact_synonyms: &["name", "ชื่อ"],
            ..FULL_NAME
        },
        FieldSpec {
            key: "kind",
            synonyms: &["รายการ", "ประเภท", "ประเภทรายการ", "kind", "type"],
            required: true,
            ..FieldSpec::EMPTY
        },
        SHARES,
        FieldSpec {
            key: "amount",
            synonyms: &["จำนวนเงิน", "ยอดเงิน", "amount"],
            exact_synonyms: &["เงิน", "บาท"],
            kind: FieldKind::Money,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "receipt_no",
            synonyms: &["เลขที่ใบเสร็จ", "เลขใบเสร็จ", "ใบเสร็จ", "receipt"],
            ..FieldSpec::EMPTY
        },
    ],
};
