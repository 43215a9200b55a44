//! Importing a legacy equipment list: one item a row, with its name, the
//! owning community, the quantity, the condition as staff wrote it, and
//! optionally a code, category, location, value and acquisition date.
//!
//! The condition text gives the item's status (see
//! [`crate::exchange::condition`]): "ฝาชำรุด" means the lid is missing.
//! An item that lacks a part raises a need for it. A quantity above one makes the item counted
//! stock. A value column is read as the value of one piece when its
//! header names it so ("ราคาต่อหน่วย"), else as the value of the row.
//!
//! A row is matched to an earlier import by the community and its code,
//! or without a code by its name and its occurrence among rows of the same
//! name, so importing the same file again changes nothing. A row that
//! reads differently from the last import is listed, and written over the
//! item only when accepted.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::exchange::condition::read_condition;
use crate::exchange::equipment::{self, insert_item};
use crate::exchange::names;
use crate::exchange::text::{exact_key, match_key, order_marks};
use crate::exchange::{Category, ItemDetails, NewItem, Status, Tracking};
use crate::import::read::{read_table, Column, FieldKind, FieldSpec, Row, Schema, Table};
use crate::import::report::{ImportReport, Problem, Severity};
use crate::import::session::{self, AcceptChanges, ChangedRow, FieldChange, Mode, Outcome};
use crate::members::{self, Community};
use crate::{Context, Error, Result, Satang};

/// Import kind stored in the `imports` table and with row fingerprints.
pub const KIND: &str = "equipment";

/// Fields of an equipment list.
pub const EQUIPMENT: Schema = Schema {
    name: "equipment list",
    fields: &[
        FieldSpec {
            key: "seq",
            synonyms: &["ลำดับ", "ลำดับที่"],
            exact_synonyms: &["ที่", "no", "#", "seq"],
            kind: FieldKind::Text,
            required: false,
        },
        FieldSpec {
            key: "code",
            synonyms: &[
                "รหัสครุภัณฑ์",
                "เลขครุภัณฑ์",
                "หมายเลขครุภัณฑ์",
                "รหัสอุปกรณ์",
                "asset no",
                "item code",
            ],
            exact_synonyms: &["รหัส", "code"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "name",
            synonyms: &[
                "ชื่อรายการ",
                "ชื่อครุภัณฑ์",
                "ชื่ออุปกรณ์",
                "รายการครุภัณฑ์",
                "รายการอุปกรณ์",
                "item name",
                "equipment",
            ],
            exact_synonyms: &["รายการ", "ชื่อ", "name", "item"],
            kind: FieldKind::Text,
            required: true,
        },
        FieldSpec {
            key: "community",
            synonyms: &["ชุมชนเจ้าของ", "ชุมชน", "เจ้าของ", "community", "owner"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "category",
            synonyms: &["หมวดหมู่", "หมวด", "category"],
            exact_synonyms: &["ประเภท", "type"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "quantity",
            synonyms: &["จำนวน", "quantity", "qty"],
            kind: FieldKind::Integer,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "unit",
            synonyms: &["หน่วยนับ", "unit"],
            exact_synonyms: &["หน่วย"],
            kind: FieldKind::Ignored,
            required: false,
        },
        FieldSpec {
            key: "condition",
            synonyms: &["สภาพ", "สภาพการใช้งาน", "condition"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "location",
            synonyms: &["สถานที่เก็บ", "ที่เก็บ", "ที่ตั้ง", "สถานที่", "location"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "unit_value",
            synonyms: &[
                "ราคาต่อหน่วย",
                "ราคา/หน่วย",
                "มูลค่าต่อหน่วย",
                "มูลค่าต่อชิ้น",
                "unit price",
                "unit value",
            ],
            kind: FieldKind::Money,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "value",
            synonyms: &["มูลค่ารวม", "มูลค่า", "ราคารวม", "ราคา", "value", "price"],
            kind: FieldKind::Money,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "acquired",
            synonyms: &[
                "วันที่ได้มา",
                "วันที่ได้รับ",
                "วันที่ซื้อ",
                "วันที่จัดซื้อ",
                "date acquired",
                "acquired",
            ],
            kind: FieldKind::Date,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "note",
            synonyms: &["หมายเหตุ", "notes", "remark"],
            exact_synonyms: &["note"],
            ..FieldSpec::EMPTY
        },
    ],
};

/// Sheets staff give in place of an equipment list: what each is, the
/// command that reads it, and header words that show it.
const OTHER_KINDS: &[(&str, &str, &[&str])] = &[
    (
        "a deposit log",
        "import deposits",
        &["น้ำหนัก", "ชนิดขยะ", "ประเภทขยะ", "จุดรับ", "weight"],
    ),
    (
        "a loan book",
        "import loans",
        &["เลขที่สัญญา", "สัญญาเงินกู้", "เงินกู้", "ผู้ค้ำ", "loan"],
    ),
    (
        "a member register",
        "import members",
        &["สมาชิก", "บัตรประชาชน", "จำนวนหุ้น", "member"],
    ),
];

/// Fields that only an equipment list has: a sheet needs one of them.
const EQUIPMENT_ONLY: &[&str] = &[
    "code",
    "condition",
    "category",
    "location",
    "unit",
    "unit_value",
    "acquired",
];

/// Rejects a sheet that is not an equipment list: one whose header shows
/// another kind of sheet, or that has neither a column only an equipment
/// list has nor an item-name header.
/// A name and a quantity alone match a member register's first names and
/// share counts, which would otherwise become items.
fn check_kind(table: &Table) -> Result<()> {
    let has = |key: &str| table.columns.iter().any(|c| c.field == Some(key));
    let own = EQUIPMENT_ONLY.iter().any(|key| has(key));
    let headers: Vec<String> = table
        .columns
        .iter()
        .map(|c| c.header.to_lowercase())
        .collect();
    let place = format!("sheet “{}” of {}", table.sheet, table.file);
    if !has("code") && !has("condition") {
        for (kind, command, words) in OTHER_KINDS {
            let found: Vec<&str> = words
                .iter()
                .copied()
                .filter(|word| headers.iter().any(|h| h.contains(word)))
                .collect();
            if !found.is_empty() {
                let message = format!(
                    "{place} looks like {kind} (its header has {}), not an equipment list; \
                     import it as such (in the CLI: {command}), or choose the sheet that \
                     lists the equipment",
                    found.join(", ")
                );
                return Err(Error::rule("equipment_sheet_other_kind", message));
            }
        }
    }
    // "ชื่อรายการ" names an item, but a bare "ชื่อ" is as likely a person.
    let item_name = table
        .columns
        .iter()
        .filter(|c| c.field == Some("name"))
        .any(|c| !["ชื่อ", "name"].contains(&c.header.trim().to_lowercase().as_str()));
    if own || item_name {
        return Ok(());
    }
    let message = format!(
        "{place} is not an equipment list: its header has no column such as สภาพ, \
         รหัสครุภัณฑ์, หมวดหมู่ or สถานที่เก็บ; add the condition column (สภาพ) or choose \
         the sheet that lists the equipment"
    );
    Err(Error::rule("equipment_sheet_no_columns", message))
}

/// Import options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Sheet to read; `None` picks the sheet that contains the list.
    pub sheet: Option<String>,
    /// Community the list belongs to; used for rows when the sheet has no
    /// community column, or the row's cell is empty.
    pub community: Option<String>,
    /// Community names not in the register that may be created. Rows of
    /// any other unknown name are rejected, with the closest names.
    #[serde(default)]
    pub create_communities: NewCommunities,
    /// Changed rows to write.
    pub accept: AcceptChanges,
}

/// Which unknown community names an import may create.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NewCommunities {
    /// None: every unknown name is an error.
    #[default]
    None,
    /// Every unknown name in the file.
    All,
    /// These names, compared without spaces, tone marks or a leading
    /// "ชุมชน".
    Named(BTreeSet<String>),
}

impl NewCommunities {
    /// Whether the community `name` may be created.
    pub fn allows(&self, name: &str) -> bool {
        match self {
            NewCommunities::None => false,
            NewCommunities::All => true,
            NewCommunities::Named(names) => {
                let key = names::name_key(name);
                names.iter().any(|n| names::name_key(n) == key)
            }
        }
    }
}

/// A community name that the file uses and the register lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownCommunity {
    /// The name as written.
    pub name: String,
    /// The closest names of existing communities, closest first.
    pub closest: Vec<String>,
    /// Number of rows that name it, all rejected.
    pub rows: usize,
}

/// Outcome of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// A new item.
    New,
    /// Imported before, the same.
    Unchanged,
    /// Imported before and reads differently; listed for the user to
    /// accept.
    Changed,
    /// Read differently and the change was written.
    Updated,
    /// Kept out by an error.
    Rejected,
}

/// One row as read and judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewRow {
    /// The sheet's row number.
    pub row: u32,
    /// Its outcome.
    pub status: RowStatus,
    /// Owning community.
    pub community: String,
    /// Item name.
    pub name: String,
    /// Code, if the sheet has one.
    pub code: Option<String>,
    /// Category, given or guessed.
    pub category: Option<Category>,
    /// Number of pieces.
    pub quantity: i64,
    /// Condition as written.
    pub condition: Option<String>,
    /// Status read from the condition.
    pub item_status: Option<Status>,
    /// Missing part read from the condition.
    pub missing: Option<String>,
    /// Value of one piece.
    pub unit_value: Satang,
}

/// The equipment-specific part of a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Details {
    /// Reason this sheet was read.
    pub sheet_choice: String,
    /// The header's row number.
    pub header_row: u32,
    /// Column mapping.
    pub columns: Vec<Column>,
    /// Items imported or unchanged, by community.
    pub items_by_community: BTreeMap<String, usize>,
    /// Items that lack a part, each of which raises a need.
    pub part_missing: usize,
    /// Every candidate row.
    pub rows: Vec<PreviewRow>,
    /// Community names not in the register and not allowed to be created,
    /// in the order the file first uses them.
    pub unknown_communities: Vec<UnknownCommunity>,
}

/// Reads an equipment list and imports it, or with [`Mode::Preview`]
/// reports what an import would do without writing anything.
pub fn import(
    conn: &mut Connection,
    ctx: &Context,
    path: &Path,
    options: &Options,
    mode: Mode,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Outcome<Details>> {
    let file = session::SourceFile::open(path)?;
    let table = read_table(path, &EQUIPMENT, options.sheet.as_deref())?;
    check_kind(&table)?;
    let imported_before = session::imported_before(conn, KIND, &file, &table.sheet)?;
    let (mut outcome, backup) = session::run(conn, ctx, mode, |tx| {
        let record = session::ImportRecord {
            kind: KIND,
            file: &file,
            sheet: &table.sheet,
            community_id: None,
            as_of: None,
            period: None,
        };
        let import_id = session::record(tx, ctx, &record)?;
        let mut import = EquipmentImport::new(tx, ctx, &table, options, import_id)?;
        import.run(progress)?;
        let wrote = import.written > 0;
        let committed = mode == Mode::Commit && wrote;
        import.finish_import(committed)?;
        import.report.committed = committed;
        Ok((import.finish(), wrote))
    })?;
    outcome.report.file = path.display().to_string();
    outcome.imported_before = imported_before;
    outcome.backup = backup.filter(|_| outcome.report.committed);
    Ok(outcome)
}

/// A row read into an item.
struct Record {
    row: u32,
    key: String,
    community: Community,
    details: ItemDetails,
    status: Status,
    missing: Option<String>,
}

impl Record {
    /// The values a re-import compares, as one fingerprint.
    fn fingerprint(&self) -> String {
        let details = &self.details;
        let quantity = details.quantity.to_string();
        let value = details.unit_value.satang().to_string();
        let acquired = details.acquired.map(|d| d.to_string()).unwrap_or_default();
        let category = details.category.map_or("", Category::as_str);
        session::hash_parts(&[
            &details.name,
            details.code.as_deref().unwrap_or(""),
            category,
            &quantity,
            details.condition.as_deref().unwrap_or(""),
            details.location.as_deref().unwrap_or(""),
            &value,
            &acquired,
            details.note.as_deref().unwrap_or(""),
            self.status.as_str(),
            self.missing.as_deref().unwrap_or(""),
        ])
    }
}

struct EquipmentImport<'a> {
    conn: &'a Connection,
    ctx: &'a Context,
    table: &'a Table,
    options: &'a Options,
    import_id: i64,
    /// Communities by the name written in the sheet.
    communities: HashMap<String, Community>,
    /// Fingerprints of earlier imports, by row key.
    fingerprints: HashMap<String, String>,
    /// Item ids of earlier imports, by row key.
    items: HashMap<String, i64>,
    occurrences: HashMap<String, u32>,
    /// Row keys read so far, to catch a code used twice.
    seen: HashSet<String>,
    /// The first row of each sequence number (ลำดับ), by community.
    seq_rows: HashMap<(String, String), u32>,
    report: ImportReport,
    rows: Vec<PreviewRow>,
    changed: Vec<ChangedRow>,
    items_by_community: BTreeMap<String, usize>,
    unknown_communities: Vec<UnknownCommunity>,
    part_missing: usize,
    written: usize,
}

impl<'a> EquipmentImport<'a> {
    fn new(
        conn: &'a Connection,
        ctx: &'a Context,
        table: &'a Table,
        options: &'a Options,
        import_id: i64,
    ) -> Result<Self> {
        let mut report = ImportReport {
            file: table.file.clone(),
            sheet: table.sheet.clone(),
            rows_read: table.rows_read,
            skipped: table.skipped.len(),
            ..ImportReport::default()
        };
        session::file_problems(&mut report, table.problems.iter().cloned());
        Ok(EquipmentImport {
            conn,
            ctx,
            table,
            options,
            import_id,
            communities: HashMap::new(),
            fingerprints: imported_fingerprints(conn)?,
            items: imported_items(conn)?,
            occurrences: HashMap::new(),
            seen: HashSet::new(),
            seq_rows: HashMap::new(),
            report,
            rows: Vec::with_capacity(table.rows.len()),
            changed: Vec::new(),
            items_by_community: BTreeMap::new(),
            unknown_communities: Vec::new(),
            part_missing: 0,
            written: 0,
        })
    }

    fn run(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
        if !self.report.errors.is_empty() {
            return Ok(());
        }
        let total = self.table.rows.len();
        for (index, row) in self.table.rows.iter().enumerate() {
            if let Some(record) = self.parse(row)? {
                self.post(&record)?;
            }
            progress(index + 1, total);
        }
        Ok(())
    }

    /// Reads one row into a record, or reports why it cannot be one.
    fn parse(&mut self, row: &Row) -> Result<Option<Record>> {
        let (errors, warnings): (Vec<Problem>, Vec<Problem>) = row
            .problems
            .iter()
            .cloned()
            .partition(|p| p.severity == Severity::Error);
        self.report.warnings.extend(warnings);

        if !errors.is_empty() {
            self.report.errors.extend(errors);
            self.reject(row);
            return Ok(None);
        }
        let Some(community) = self.community(row)? else {
            return Ok(None);
        };
        // Stored in one order of vowel and tone marks, so that a later
        // sheet typed in the other order, which looks the same, matches.
        let name = order_marks(row.text("name").unwrap_or_default());
        let quantity = row.integer("quantity").unwrap_or(1);
        if quantity < 1 {
            let message = format!("the quantity of {name} must be at least 1, not {quantity}");
            return self.reject_row(row, "quantity", "quantity_not_positive", message);
        }
        let unit_value = self.unit_value(row, quantity);
        if unit_value.is_negative() {
            let message = format!("the value of {name} cannot be negative");
            return self.reject_row(row, "value", "value_negative", message);
        }
        let (status, missing) = self.status(row);
        let details = details(row, name, quantity, unit_value);

        if let Some(seq) = row.text("seq").map(str::trim).filter(|s| !s.is_empty()) {
            let seq_key = (community.name.clone(), seq.to_string());
            if let Some(&first) = self.seq_rows.get(&seq_key) {
                let message = format!(
                    "number (ลำดับ) {seq} is used again; row {first} already has it; give each \
                     item its own number, or delete the row if it is entered twice"
                );
                return self.reject_row(row, "seq", "duplicate_seq", message);
            }
            self.seq_rows.insert(seq_key, row.number);
        }
        let key = self.row_key(&community, &details);
        if !self.seen.insert(key.clone()) {
            let code = details.code.as_deref().unwrap_or_default();
            let message = format!(
                "item code {code} of {} appears on an earlier row too; give each item its own code",
                community.name
            );
            return self.reject_row(row, "code", "duplicate_item_code", message);
        }
        Ok(Some(Record {
            row: row.number,
            key,
            community,
            details,
            status,
            missing,
        }))
    }

    /// The row's community: its own cell, else the one the caller named.
    /// A community not in the register is added when the options allow
    /// it, and otherwise rejects the row.
    fn community(&mut self, row: &Row) -> Result<Option<Community>> {
        let written = row.text("community").or(self.options.community.as_deref());
        let Some(written) = written.map(str::trim).filter(|w| !w.is_empty()) else {
            let message = "the row names no community; fill in the community column, or name \
                           the community the list belongs to (in the CLI: --community NAME)";
            let problem = self.table.problem(
                row,
                "community",
                "community_missing",
                Severity::Error,
                message,
            );
            self.report.errors.push(problem);
            self.reject(row);
            return Ok(None);
        };
        if let Some(community) = self.communities.get(written) {
            return Ok(Some(community.clone()));
        }
        let community = match members::find_community(self.conn, written)? {
            Some(community) => community,
            None if self.options.create_communities.allows(written) => {
                members::ensure_community(self.conn, self.ctx, written, None)?
            }
            None => {
                self.unknown_community(row, written)?;
                return Ok(None);
            }
        };
        self.communities
            .insert(written.to_string(), community.clone());
        Ok(Some(community))
    }

    /// Rejects a row whose community is not in the register, naming the
    /// closest existing names, and lists the name for the user to create.
    fn unknown_community(&mut self, row: &Row, written: &str) -> Result<()> {
        let closest = match self
            .unknown_communities
            .iter_mut()
            .find(|u| u.name == written)
        {
            Some(unknown) => {
                unknown.rows += 1;
                unknown.closest.clone()
            }
            None => {
                let closest = names::closest_communities(self.conn, written)?;
                self.unknown_communities.push(UnknownCommunity {
                    name: written.to_string(),
                    closest: closest.clone(),
                    rows: 1,
                });
                closest
            }
        };
        let suggestion = if closest.is_empty() {
            "no community has a similar name".to_string()
        } else {
            format!("the closest names are {}", closest.join(", "))
        };
        let message = format!(
            "community “{written}” is not in the register; {suggestion}; correct the name, or \
             create the community (in the CLI: --create-community NAME)"
        );
        let problem = self
            .table
            .problem(
                row,
                "community",
                "community_unknown",
                Severity::Error,
                message,
            )
            .with("name", written)
            .with("closest", closest.join(", "));
        self.report.errors.push(problem);
        self.reject(row);
        Ok(())
    }

    /// The status the condition text gives; available, with a warning,
    /// for a text the rules do not know.
    fn status(&mut self, row: &Row) -> (Status, Option<String>) {
        let Some(text) = row.text("condition") else {
            return (Status::Available, None);
        };
        if let Some(reading) = read_condition(text) {
            return (reading.status, reading.missing);
        }
        let message = format!(
            "the condition “{text}” does not say whether the item is usable; it is imported as \
             available, so check it and set its status"
        );
        let problem = self.table.problem(
            row,
            "condition",
            "condition_unrecognised",
            Severity::Warning,
            message,
        );
        self.report.warnings.push(problem);
        (Status::Available, None)
    }

    /// The value of one piece: the unit-value column, else the row's value
    /// divided by the quantity, rounded half up to the satang.
    fn unit_value(&mut self, row: &Row, quantity: i64) -> Satang {
        if let Some(value) = row.money("unit_value") {
            return value;
        }
        let Some(total) = row.money("value") else {
            return Satang::ZERO;
        };
        let satang = total.satang();
        let unit = (2 * satang + quantity) / (2 * quantity);
        if unit * quantity != satang {
            let message = format!(
                "the value {total} does not divide evenly by {quantity} pieces; each piece is \
                 recorded at {}",
                Satang(unit)
            );
            let problem = self.table.problem(
                row,
                "value",
                "value_not_divisible",
                Severity::Warning,
                message,
            );
            self.report.warnings.push(problem);
        }
        Satang(unit)
    }

    /// The row's key: the community code with the item code, or with the
    /// name's exact key and its occurrence among rows of that name.
    fn row_key(&mut self, community: &Community, details: &ItemDetails) -> String {
        if let Some(code) = &details.code {
            return format!("{}|code:{code}", community.code);
        }
        let base = name_key(&community.code, &details.name);
        let occurrence = self.occurrences.entry(base.clone()).or_insert(0);
        *occurrence += 1;
        format!("{base}#{occurrence}")
    }

    /// Adds a row's item, or compares it with the last import of its key.
    fn post(&mut self, record: &Record) -> Result<()> {
        let fingerprint = record.fingerprint();
        let earlier = self.items.get(&record.key).copied();
        let unchanged = self.fingerprints.get(&record.key) == Some(&fingerprint);
        let status = match (earlier, unchanged) {
            (Some(_), true) => RowStatus::Unchanged,
            (Some(item_id), _) => self.change(record, item_id, &fingerprint)?,
            (None, _) if self.write(record, &fingerprint)? => {
                self.report.imported += 1;
                RowStatus::New
            }
            (None, _) => RowStatus::Rejected,
        };
        if status != RowStatus::Rejected {
            *self
                .items_by_community
                .entry(record.community.name.clone())
                .or_default() += 1;
            if record.status == Status::PartMissing {
                self.part_missing += 1;
            }
        }
        self.push_row(record, status);
        Ok(())
    }

    /// Adds the row's item and returns whether it was added; a rule the
    /// item breaks is reported on the row.
    fn write(&mut self, record: &Record, fingerprint: &str) -> Result<bool> {
        let new = NewItem {
            community_id: record.community.id,
            details: record.details.clone(),
            status: record.status,
            missing: record.missing.clone(),
        };
        let import = Some((self.import_id, record.key.as_str()));
        let item = match insert_item(self.conn, self.ctx, &new, import) {
            Ok(item) => item,
            Err(Error::Rule { code, message }) => {
                self.row_error(record.row, code, message);
                return Ok(false);
            }
            Err(error) => return Err(error),
        };
        session::set_fingerprint(self.conn, KIND, &record.key, fingerprint, self.import_id)?;
        self.items.insert(record.key.clone(), item.id);
        self.written += 1;
        Ok(true)
    }

    /// Reports a rule that the row's item breaks.
    fn row_error(&mut self, row_number: u32, code: &'static str, message: String) {
        let row = self.table.rows.iter().find(|r| r.number == row_number);
        if let Some(row) = row {
            let message = format!("the item cannot be saved: {message}");
            let problem = self
                .table
                .problem(row, "name", code, Severity::Error, message);
            self.report.errors.push(problem);
        }
    }

    /// Lists a row that reads differently from the last import, and writes
    /// it over the item when accepted.
    fn change(&mut self, record: &Record, item_id: i64, fingerprint: &str) -> Result<RowStatus> {
        let item = equipment::get_item(self.conn, item_id)?;
        let changes = describe_change(&item, record);
        let mut applied = false;
        if self.options.accept.accepts(record.row) {
            applied = self.apply(record, &item)?;
            if applied {
                session::set_fingerprint(
                    self.conn,
                    KIND,
                    &record.key,
                    fingerprint,
                    self.import_id,
                )?;
                self.written += 1;
            }
        }
        self.changed.push(ChangedRow {
            row: record.row,
            key: format!("{} {}", record.community.name, record.details.name),
            changes,
            applied,
        });
        Ok(if applied {
            RowStatus::Updated
        } else {
            RowStatus::Changed
        })
    }

    /// Writes an accepted change; a rule the item breaks now (such as a
    /// quantity below the pieces on loan) is reported on the row instead.
    fn apply(&mut self, record: &Record, item: &crate::exchange::Item) -> Result<bool> {
        let written = equipment::update_item(self.conn, self.ctx, item.id, &record.details)
            .and_then(|item| {
                if item.status == record.status && item.missing == record.missing {
                    return Ok(());
                }
                let missing = record.missing.as_deref();
                equipment::set_status(self.conn, self.ctx, item.id, record.status, missing)
                    .map(drop)
            });
        match written {
            Ok(()) => Ok(true),
            Err(Error::Rule { code, message }) => {
                self.row_error(record.row, code, message);
                Ok(false)
            }
            Err(error) => Err(error),
        }
    }

    fn reject_row(
        &mut self,
        row: &Row,
        key: &str,
        code: &'static str,
        message: String,
    ) -> Result<Option<Record>> {
        let problem = self.table.problem(row, key, code, Severity::Error, message);
        self.report.errors.push(problem);
        self.reject(row);
        Ok(None)
    }

    fn reject(&mut self, row: &Row) {
        self.rows.push(PreviewRow {
            row: row.number,
            status: RowStatus::Rejected,
            community: row
                .text("community")
                .or(self.options.community.as_deref())
                .unwrap_or_default()
                .to_string(),
            name: row.text("name").unwrap_or_default().to_string(),
            code: row.text("code").map(str::to_string),
            category: None,
            quantity: row.integer("quantity").unwrap_or(1),
            condition: row.text("condition").map(str::to_string),
            item_status: None,
            missing: None,
            unit_value: Satang::ZERO,
        });
    }

    fn push_row(&mut self, record: &Record, status: RowStatus) {
        let details = &record.details;
        self.rows.push(PreviewRow {
            row: record.row,
            status,
            community: record.community.name.clone(),
            name: details.name.clone(),
            code: details.code.clone(),
            category: details.category,
            quantity: details.quantity,
            condition: details.condition.clone(),
            item_status: Some(record.status),
            missing: record.missing.clone(),
            unit_value: details.unit_value,
        });
    }

    /// Stores the counts, or removes the import's record when nothing was
    /// written.
    fn finish_import(&self, committed: bool) -> Result<()> {
        if !committed {
            if self.written == 0 {
                self.conn
                    .execute("DELETE FROM imports WHERE id = ?1", [self.import_id])?;
            }
            return Ok(());
        }
        let updated = self.changed.iter().filter(|c| c.applied).count();
        session::finish(
            self.conn,
            self.ctx,
            self.import_id,
            self.report.imported,
            updated,
        )
    }

    fn finish(mut self) -> Outcome<Details> {
        self.report.hold_back(&self.changed);
        self.report.unchanged = self
            .rows
            .iter()
            .filter(|row| row.status == RowStatus::Unchanged)
            .count();
        Outcome {
            report: self.report,
            imported_before: None,
            changed: self.changed,
            backup: None,
            details: Details {
                sheet_choice: self.table.sheet_choice.clone(),
                header_row: self.table.header_row,
                columns: self.table.columns.clone(),
                items_by_community: self.items_by_community,
                part_missing: self.part_missing,
                rows: self.rows,
                unknown_communities: self.unknown_communities,
            },
        }
    }
}

/// The item a row describes, with the quantity and value already read.
fn details(row: &Row, name: String, quantity: i64, unit_value: Satang) -> ItemDetails {
    let text = |key| row.text(key).map(str::to_string);
    let tracking = if quantity > 1 {
        Tracking::Stock
    } else {
        Tracking::Unit
    };
    ItemDetails {
        code: text("code"),
        category: Some(category(row.text("category"), &name)),
        tracking,
        quantity,
        condition: text("condition"),
        location: text("location"),
        unit_value,
        acquired: row.date("acquired"),
        note: text("note"),
        ..ItemDetails::named(name)
    }
}

/// The category a sheet's category cell names, by code or Thai name, else
/// the one its words or the item's name suggest.
fn category(text: Option<&str>, name: &str) -> Category {
    let given = text.and_then(|text| {
        let key = match_key(text);
        Category::ALL
            .iter()
            .copied()
            .find(|c| key == match_key(c.as_str()) || key == match_key(c.thai()))
            .or_else(|| Some(Category::guess(text)).filter(|c| *c != Category::Other))
    });
    given.unwrap_or_else(|| Category::guess(name))
}

/// Item ids by import key, for items that came from an import.
fn imported_items(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn
        .prepare("SELECT import_key, name, id FROM exchange_items WHERE import_key IS NOT NULL")?;
    let rows = stmt.query_map([], |row| {
        let key: String = row.get(0)?;
        let name: String = row.get(1)?;
        Ok((current_key(&key, &name), row.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Fingerprints of earlier equipment imports, under the keys of
/// [`current_key`]. A fingerprint stored under the current key wins over
/// one rewritten from an older key, because it is the later of the two.
fn imported_fingerprints(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare(
        "SELECT r.row_key, i.name, r.row_hash FROM import_rows r
         LEFT JOIN exchange_items i ON i.import_key = r.row_key
         WHERE r.kind = ?1",
    )?;
    let mut rows = stmt.query([KIND])?;
    let mut fingerprints = HashMap::new();
    while let Some(row) = rows.next()? {
        let stored: String = row.get(0)?;
        let name: Option<String> = row.get(1)?;
        let hash: String = row.get(2)?;
        let key = name.map_or_else(|| stored.clone(), |name| current_key(&stored, &name));
        if key == stored {
            fingerprints.insert(key, hash);
        } else {
            fingerprints.entry(key).or_insert(hash);
        }
    }
    Ok(fingerprints)
}

/// Builds the key of an item by name: the community code and the name's
/// exact key, to which the caller adds the occurrence.
fn name_key(community_code: &str, name: &str) -> String {
    format!("{community_code}|name:{}", exact_key(name))
}

/// Rewrites a key stored by an earlier version, which named an item by
/// its match key without tone marks ("C01|ถุงมือขาว#1"), into the current
/// form built from the stored item's name ("C01|name:ถุงมือข้าว#1").
/// Current keys and item-code keys are returned as they are.
fn current_key(key: &str, name: &str) -> String {
    let Some((community_code, rest)) = key.split_once('|') else {
        return key.to_string();
    };
    if rest.starts_with("code:") || rest.starts_with("name:") {
        return key.to_string();
    }
    let occurrence = rest.rsplit_once('#').map(|(_, n)| n).unwrap_or("1");
    format!("{}#{occurrence}", name_key(community_code, name))
}

/// The fields in which a sheet row differs from the stored item.
fn describe_change(item: &crate::exchange::Item, record: &Record) -> Vec<FieldChange> {
    let details = &record.details;
    let text = |value: Option<&str>| value.unwrap_or("").to_string();
    let date = |value: Option<NaiveDate>| {
        value
            .map(crate::thai::date::format_numeric)
            .unwrap_or_default()
    };
    let pairs: [(&'static str, String, String); 9] = [
        ("name", item.name.clone(), details.name.clone()),
        (
            "code",
            text(item.code.as_deref()),
            text(details.code.as_deref()),
        ),
        (
            "quantity",
            item.quantity.to_string(),
            details.quantity.to_string(),
        ),
        (
            "condition",
            text(item.condition.as_deref()),
            text(details.condition.as_deref()),
        ),
        (
            "location",
            text(item.location.as_deref()),
            text(details.location.as_deref()),
        ),
        (
            "unit_value",
            item.unit_value.to_string(),
            details.unit_value.to_string(),
        ),
        ("acquired", date(item.acquired), date(details.acquired)),
        (
            "note",
            text(item.note.as_deref()),
            text(details.note.as_deref()),
        ),
        (
            "status",
            item.status.as_str().to_string(),
            record.status.as_str().to_string(),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| FieldChange { field, old, new })
        .collect()
}
