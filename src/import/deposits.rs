//! Importing a legacy waste-bank deposit log: one deposit a row, with the
//! date, member number, material as the office wrote it, weight in
//! kilograms, price a kilogram, value and collection point.
//!
//! Loose material names ("ขวดพลาสติกใส (PET)", "ขวด PET สี") are matched
//! through the alias table; a name it does not know is an error reported
//! once with all its rows, unless the caller maps it to a material code.
//! A value column of formulas without saved results (`=E2*F2` in a file
//! that was never calculated) is filled with weight × price, rounded half
//! up to the satang, and so is a value of zero where weight × price is not
//! zero, which is what such a formula shows when its writer saved 0 as
//! the result. An imported deposit keeps the price its row states.
//!
//! Deposits refer to members by member number, so the member register must
//! be imported first. A collection point is found by name in the member's
//! community and created when new. Importing the same file again adds
//! nothing: each row is matched by member, date, point, material and its
//! occurrence among identical rows.
//!
//! A row corrected in the sheet (another member, material, point or date)
//! no longer has the key of its deposit, so a row without a match is
//! compared with the earlier deposit it most likely was: first the one
//! with the same receipt number, then the one read from the same row of a
//! sheet of the same name on the same day at the same point, or (from a
//! file of the same name) differing only in the date within its month.
//! Only a deposit no other row of the file matches is taken, so rows
//! inserted or moved in the sheet are not mistaken for corrections.
//! The sheet row is the identity an edited log keeps best: office staff
//! correct a cell in place far more often than they insert rows, while the
//! member, material and point are what they correct. Such a row is listed
//! as changed and held back; accepted, the old deposit is reversed and the
//! new one recorded, so the year's totals count it once.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::import::cell::Value;
use crate::import::implausible_date;
use crate::import::read::{read_table, Column, FieldKind, FieldSpec, Row, Schema, Table};
use crate::import::report::{ImportReport, Problem, Severity};
use crate::import::session::{self, AcceptChanges, ChangedRow, FieldChange, Mode, Outcome};
use crate::waste::deposits::{self, DepositPayment, Posting, SettledLot};
use crate::waste::{check_price, check_weight, format_kg, line_value, materials::Catalog};
use crate::{members, Context, Error, Result, Satang};

/// Import kind stored in the `imports` table.
pub const KIND: &str = "waste-deposits";

/// Fields of a deposit log.
pub const DEPOSITS: Schema = Schema {
    name: "deposit log",
    fields: &[
        FieldSpec {
            key: "seq",
            synonyms: &["ลำดับ", "ลำดับที่"],
            exact_synonyms: &["ที่", "no", "#", "seq"],
            kind: FieldKind::Ignored,
            required: false,
        },
        FieldSpec {
            key: "date",
            synonyms: &["วันที่", "วันที่รับ", "วันที่ฝาก", "วันเดือนปี", "date"],
            kind: FieldKind::Date,
            required: true,
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "member_no",
            synonyms: &[
                "เลขที่สมาชิก",
                "เลขสมาชิก",
                "รหัสสมาชิก",
                "member no",
                "member number",
            ],
            exact_synonyms: &["รหัส", "member"],
            kind: FieldKind::Code,
            required: true,
        },
        FieldSpec {
            key: "name",
            synonyms: &["ชื่อ-สกุล", "ชื่อสมาชิก", "ชื่อผู้ฝาก", "full name"],
            exact_synonyms: &["ชื่อ", "name"],
            kind: FieldKind::Ignored,
            required: false,
        },
        FieldSpec {
            key: "material",
            synonyms: &["ประเภทขยะ", "ชนิดขยะ", "ประเภทวัสดุ", "วัสดุ", "material"],
            exact_synonyms: &["ประเภท", "ชนิด", "รายการ", "type"],
            kind: FieldKind::Text,
            required: true,
        },
        FieldSpec {
            key: "weight",
            synonyms: &["น้ำหนัก", "weight"],
            exact_synonyms: &["กก", "กิโลกรัม", "kg"],
            kind: FieldKind::Decimal { places: 3 },
            required: true,
        },
        FieldSpec {
            key: "price",
            synonyms: &["ราคา/กก.", "ราคาต่อกก", "ราคาต่อกิโลกรัม", "ราคารับซื้อ", "price"],
            exact_synonyms: &["ราคา"],
            kind: FieldKind::Money,
            required: true,
        },
        FieldSpec {
            key: "value",
            synonyms: &["เป็นเงิน", "จำนวนเงิน", "มูลค่า", "value", "amount"],
            exact_synonyms: &["เงิน", "บาท"],
            kind: FieldKind::Money,
            required: false,
        },
        FieldSpec {
            key: "point",
            synonyms: &["จุดรับ", "จุดรับซื้อ", "จุดรับฝาก", "จุดรวบรวม", "collection point"],
            exact_synonyms: &["จุด", "point"],
            kind: FieldKind::Text,
            required: true,
        },
        FieldSpec {
            key: "payment",
            synonyms: &["การชำระ", "วิธีชำระ", "ชำระเป็น", "รับเป็น", "payment"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "scale_id",
            synonyms: &["เครื่องชั่ง", "รหัสเครื่องชั่ง", "scale"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "weighed_by",
            synonyms: &["ผู้ชั่ง", "ผู้รับฝาก", "ผู้บันทึก", "weighed by", "operator"],
            ..FieldSpec::EMPTY
        },
        FieldSpec {
            key: "receipt_no",
            synonyms: &["เลขที่ใบรับ", "เลขที่ใบเสร็จ", "ใบรับฝาก", "receipt"],
            ..FieldSpec::EMPTY
        },
    ],
};

/// What to import and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Sheet to read; `None` picks the sheet that holds the log.
    pub sheet: Option<String>,
    /// Which changed rows to write.
    pub accept: AcceptChanges,
    /// Material names the catalogue and aliases do not know, each with the
    /// code of the material it means.
    pub map: Vec<(String, String)>,
    /// Whether a commit saves the mappings it used as aliases, so that the
    /// next import knows the names.
    pub remember_mappings: bool,
    /// How rows without a payment column are paid: cash unless set.
    pub credit: bool,
}

/// What happened to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// A new deposit.
    New,
    /// Imported before, the same.
    Unchanged,
    /// Imported before with other figures; listed for the user to accept.
    Changed,
    /// Differed; the old deposit was reversed and the new one recorded.
    Updated,
    /// Kept out by an error.
    Rejected,
}

/// One row as read and judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewRow {
    /// The sheet's row number.
    pub row: u32,
    /// What happened to it.
    pub status: RowStatus,
    /// Date.
    pub date: Option<NaiveDate>,
    /// Member number.
    pub member_no: String,
    /// Material as written.
    pub material_name: String,
    /// Material code it maps to.
    pub material: Option<String>,
    /// Weight in grams.
    pub grams: Option<i64>,
    /// Price in satang a kilogram.
    pub satang_per_kg: Option<i64>,
    /// Value.
    pub value: Option<Satang>,
    /// Collection point.
    pub point: String,
}

/// A material name the import does not know, with the rows that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownMaterial {
    /// The name as written.
    pub name: String,
    /// Sheet rows that use it.
    pub rows: Vec<u32>,
}

/// The deposit-specific part of a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Details {
    /// Why this sheet was read.
    pub sheet_choice: String,
    /// The header's row number.
    pub header_row: u32,
    /// Column mapping.
    pub columns: Vec<Column>,
    /// Rows whose value was a formula without a saved result and was
    /// computed as weight × price.
    pub values_computed: usize,
    /// Names no material matched: the app asks the user about each.
    pub unknown_materials: Vec<UnknownMaterial>,
    /// Sum of the values of the rows imported or unchanged.
    pub total_value: Satang,
    /// Grams by material code of the rows imported or unchanged.
    pub grams_by_material: BTreeMap<String, i64>,
    /// Every candidate row.
    pub rows: Vec<PreviewRow>,
}

/// Reads a deposit log and imports it, or with [`Mode::Preview`] reports
/// what an import would do without writing anything.
pub fn import(
    conn: &mut Connection,
    ctx: &Context,
    path: &Path,
    options: &Options,
    mode: Mode,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Outcome<Details>> {
    let file = session::SourceFile::open(path)?;
    let mut table = read_table(path, &DEPOSITS, options.sheet.as_deref())?;
    let values_computed = table.fill_formula_column("value", |row| {
        let grams = row.decimal("weight")?;
        let price = row.money("price")?;
        Some(Value::Money(line_value(grams, price.satang())))
    });
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
        let mut import = DepositImport::new(tx, ctx, &table, options, import_id)?;
        import.file_name = file.name.clone();
        import.values_computed = values_computed;
        import.run(progress)?;
        let wrote = import.written > 0;
        let committed = mode == Mode::Commit && wrote;
        import.finish_import(committed)?;
        import.report.committed = committed;
        Ok((import.finish(), wrote))
    })?;
    outcome.report.file = path.display().to_string();
    // "Already imported" is shown only for a run that wrote nothing.
    let wrote = outcome.report.imported > 0 || outcome.changed.iter().any(|row| row.applied);
    outcome.imported_before = imported_before.filter(|_| !wrote);
    outcome.backup = backup.filter(|_| outcome.report.committed);
    Ok(outcome)
}

/// A row read, resolved and settled.
struct Record {
    row: u32,
    date: NaiveDate,
    member_id: i64,
    member_no: String,
    community_id: i64,
    material_id: i64,
    code: String,
    point: String,
    grams: i64,
    price: i64,
    value: Satang,
    payment: DepositPayment,
    scale_id: Option<String>,
    weighed_by: Option<String>,
    receipt_no: Option<String>,
}

impl Record {
    /// The figures a re-import compares.
    fn figures(&self) -> Figures {
        Figures {
            grams: self.grams,
            price: self.price,
            value: self.value.satang(),
            payment: self.payment,
        }
    }
}

/// A new deposit checked but not yet written, with its row key and point.
struct PendingDeposit {
    record: Record,
    key: String,
    point_id: i64,
}

impl PendingDeposit {
    fn posting<'a>(&'a self, import_id: i64, lots: &'a [SettledLot]) -> Posting<'a> {
        let record = &self.record;
        Posting {
            member_id: Some(record.member_id),
            household: None,
            round_record_id: None,
            point_id: self.point_id,
            date: record.date,
            payment: record.payment,
            scale_id: record.scale_id.as_deref(),
            weighed_by: record.weighed_by.as_deref(),
            receipt_no: record.receipt_no.as_deref(),
            note: None,
            lots,
            import: Some((import_id, record.row, &self.key)),
        }
    }
}

/// The figures of an imported deposit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Figures {
    grams: i64,
    price: i64,
    value: i64,
    payment: DepositPayment,
}

/// A standing deposit an earlier import recorded.
struct Earlier {
    deposit_id: i64,
    key: String,
    figures: Figures,
    /// The sheet read and the sheet row, to match a corrected row.
    sheet: String,
    file_name: String,
    row: u32,
    receipt_no: Option<String>,
    date: NaiveDate,
    member_no: String,
    point: String,
    code: String,
}

/// The standing deposits of earlier imports, indexed for matching.
#[derive(Default)]
struct EarlierDeposits {
    all: Vec<Earlier>,
    by_key: HashMap<String, usize>,
    /// By key without the occurrence: member, date, point and material.
    by_base: HashMap<String, Vec<usize>>,
    by_receipt: HashMap<String, Vec<usize>>,
    by_row: HashMap<(String, u32), Vec<usize>>,
}

struct DepositImport<'a> {
    conn: &'a Connection,
    ctx: &'a Context,
    table: &'a Table,
    options: &'a Options,
    import_id: i64,
    /// The file's name, to tell an edited copy saved over the file.
    file_name: String,
    catalog: Catalog,
    /// Mappings given by the caller, by alias key, with the material id.
    mapped: HashMap<String, (String, i64)>,
    /// Member id and community id by member number.
    members: HashMap<String, (i64, i64)>,
    /// Point id by community id and name.
    points: HashMap<(i64, String), i64>,
    earlier: EarlierDeposits,
    /// Earlier deposits a row of this file has been matched to.
    claimed: Vec<bool>,
    occurrences: HashMap<String, u32>,
    /// The first row of each identical row, to warn of one entered twice.
    first_rows: HashMap<(String, Figures), u32>,
    unknown: Vec<UnknownMaterial>,
    report: ImportReport,
    rows: Vec<PreviewRow>,
    changed: Vec<ChangedRow>,
    values_computed: usize,
    total_value: Satang,
    grams_by_material: BTreeMap<String, i64>,
    written: usize,
    used_mappings: Vec<(String, String)>,
    /// The material of each name as written, found once: a log repeats a
    /// handful of names on every row.
    resolved: HashMap<String, Option<(i64, String)>>,
    /// New deposits not yet written; see [`DepositImport::flush`].
    pending: Vec<PendingDeposit>,
}

impl<'a> DepositImport<'a> {
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
        let catalog = Catalog::load(conn)?;
        let mut mapped = HashMap::new();
        for (name, code) in &options.map {
            let material = catalog.by_code(code).ok_or_else(|| Error::NotFound {
                what: "material",
                key: code.clone(),
            })?;
            let key = crate::waste::alias_key(name);
            mapped.insert(key, (name.trim().to_string(), material.id));
        }
        let earlier = earlier_deposits(conn)?;
        let claimed = vec![false; earlier.all.len()];
        Ok(DepositImport {
            conn,
            ctx,
            table,
            options,
            import_id,
            file_name: String::new(),
            catalog,
            mapped,
            members: member_index(conn)?,
            points: point_index(conn)?,
            earlier,
            claimed,
            occurrences: HashMap::with_capacity(table.rows.len()),
            first_rows: HashMap::with_capacity(table.rows.len()),
            unknown: Vec::new(),
            report,
            rows: Vec::with_capacity(table.rows.len()),
            changed: Vec::new(),
            values_computed: 0,
            total_value: Satang::ZERO,
            grams_by_material: BTreeMap::new(),
            written: 0,
            used_mappings: Vec::new(),
            resolved: HashMap::new(),
            pending: Vec::new(),
        })
    }

    fn run(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
        if !self.report.errors.is_empty() {
            return Ok(());
        }
        // The reader already warns about a sheet with no rows (`no_rows`).
        let total = self.table.rows.len();
        let mut records = Vec::with_capacity(total);
        for row in &self.table.rows {
            if let Some(record) = self.parse(row)? {
                let key = self.key(&record);
                records.push((record, key));
            }
        }
        // Rows of one member, day, point and material are matched by their
        // figures first, so that rows swapped in the sheet stay unchanged,
        // then by their occurrence.
        let mut matched: Vec<Option<usize>> = vec![None; records.len()];
        for (slot, (record, key)) in matched.iter_mut().zip(&records) {
            let candidates = self.earlier.by_base.get(base_of(key));
            let found = candidates.into_iter().flatten().copied().find(|&index| {
                !self.claimed[index] && self.earlier.all[index].figures == record.figures()
            });
            if let Some(index) = found {
                self.claimed[index] = true;
                *slot = Some(index);
            }
        }
        for (slot, (_, key)) in matched.iter_mut().zip(&records) {
            match self.earlier.by_key.get(key) {
                Some(&index) if slot.is_none() && !self.claimed[index] => {
                    self.claimed[index] = true;
                    *slot = Some(index);
                }
                _ => {}
            }
        }
        let count = records.len();
        for (index, ((record, key), found)) in records.into_iter().zip(matched).enumerate() {
            self.post(record, key, found)?;
            if index % 1000 == 0 || index + 1 == count {
                progress(index + 1, count);
            }
        }
        self.flush()?;
        self.rows.sort_by_key(|row| row.row);
        self.report_unknown_materials();
        Ok(())
    }

    /// The row's key: member, date, point, material and its occurrence
    /// among identical rows. Warns of a row that repeats an earlier row in
    /// every figure.
    fn key(&mut self, record: &Record) -> String {
        let base = format!(
            "{}|{}|{}|{}",
            record.member_no, record.date, record.point, record.code
        );
        let occurrence = self.occurrences.entry(base.clone()).or_insert(0);
        *occurrence += 1;
        let key = match *occurrence {
            1 => base.clone(),
            n => format!("{base}#{n}"),
        };
        let first = match self.first_rows.entry((base, record.figures())) {
            Entry::Occupied(entry) => Some(*entry.get()),
            Entry::Vacant(entry) => {
                entry.insert(record.row);
                None
            }
        };
        if let Some(first) = first {
            if let Some(row) = self.table.rows.iter().find(|r| r.number == record.row) {
                let message = format!(
                    "row {} repeats row {first}; check that the deposit is not entered twice",
                    record.row
                );
                let problem = self
                    .table
                    .problem(
                        row,
                        "member_no",
                        "deposit_repeated",
                        Severity::Warning,
                        message,
                    )
                    .with("first", first);
                self.report.warnings.push(problem);
            }
        }
        key
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
            self.reject(row, None);
            return Ok(None);
        }
        let material_name = row.text("material").unwrap_or_default();
        let Some((material_id, code)) = self.material(material_name) else {
            self.unknown_material(material_name, row.number);
            self.reject(row, None);
            return Ok(None);
        };
        let member_no = members::normalize_member_no(row.text("member_no").unwrap_or_default());
        let Some(&(member_id, community_id)) = self.members.get(&member_no) else {
            let message = format!(
                "member {member_no} is not in the register; import the member register first"
            );
            let problem = self.table.problem(
                row,
                "member_no",
                "member_not_found",
                Severity::Error,
                message,
            );
            self.report
                .errors
                .push(problem.with("member_no", &member_no));
            self.reject(row, Some(&code));
            return Ok(None);
        };
        let (Some(date), Some(grams), Some(price)) =
            (row.date("date"), row.decimal("weight"), row.money("price"))
        else {
            // The reader reports a required field left empty.
            self.reject(row, Some(&code));
            return Ok(None);
        };
        if grams <= 0 {
            let message = format!("the weight {} kg is not above zero", format_kg(grams));
            return self.refuse(row, "weight", "weight_not_positive", message, &code);
        }
        if price.is_negative() {
            let message = format!("the price {price} baht a kilogram is below zero");
            return self.refuse(row, "price", "negative_price", message, &code);
        }
        // The same limits as for a weight or a price typed in the waste
        // bank's screens, so that a mistyped figure is not stored.
        if let Err(error) = check_weight(grams) {
            let message = error.to_string();
            return self.refuse(row, "weight", "weight_out_of_range", message, &code);
        }
        if let Err(error) = check_price(price.satang()) {
            let message = error.to_string();
            return self.refuse(row, "price", "price_out_of_range", message, &code);
        }
        let today = self.ctx.today();
        if let Some(problem) = implausible_date(self.table, row, "date", "the deposit", date, today)
        {
            self.report.warnings.push(problem);
        }
        let Some(payment) = self.payment(row) else {
            let text = row.text("payment").unwrap_or_default();
            let message = format!("unknown payment “{text}”; write เงินสด or เครดิต");
            return self.refuse(row, "payment", "unknown_payment", message, &code);
        };
        let computed = line_value(grams, price.satang());
        let value = match row.money("value") {
            // A zero is what a formula that was never calculated shows
            // when its writer stored 0 as the result, as XlsxWriter does.
            Some(Satang::ZERO) if computed != Satang::ZERO => {
                let message = format!(
                    "the value 0.00 is not {} kg × {price} = {computed}; weight × price is \
                     imported, because a zero value is most likely a formula that was never \
                     calculated",
                    format_kg(grams)
                );
                self.report.warnings.push(self.table.problem(
                    row,
                    "value",
                    "value_mismatch",
                    Severity::Warning,
                    message,
                ));
                computed
            }
            Some(stated) if stated != computed => {
                let message = format!(
                    "the value {stated} is not {} kg × {price} = {computed}; the stated value is kept",
                    format_kg(grams)
                );
                self.report.warnings.push(self.table.problem(
                    row,
                    "value",
                    "value_mismatch",
                    Severity::Warning,
                    message,
                ));
                stated
            }
            _ => computed,
        };
        Ok(Some(Record {
            row: row.number,
            date,
            member_id,
            member_no,
            community_id,
            material_id,
            code,
            point: crate::waste::points::normalize_point_name(
                row.text("point").unwrap_or_default(),
            ),
            grams,
            price: price.satang(),
            value,
            payment,
            scale_id: row.text("scale_id").map(str::to_string),
            weighed_by: row.text("weighed_by").map(str::to_string),
            receipt_no: row.text("receipt_no").map(str::to_string),
        }))
    }

    /// The material a name means, by the caller's mappings first, then the
    /// catalogue and aliases.
    fn material(&mut self, name: &str) -> Option<(i64, String)> {
        if let Some(found) = self.resolved.get(name) {
            return found.clone();
        }
        let found = self.find_material(name);
        self.resolved.insert(name.to_string(), found.clone());
        found
    }

    fn find_material(&mut self, name: &str) -> Option<(i64, String)> {
        let key = crate::waste::alias_key(name);
        let id = match self.mapped.get(&key) {
            Some((alias, id)) => {
                let code = self
                    .catalog
                    .get(*id)
                    .map(|m| m.code.clone())
                    .unwrap_or_default();
                if !self.used_mappings.iter().any(|(used, _)| used == alias) {
                    self.used_mappings.push((alias.clone(), code));
                }
                *id
            }
            None => self.catalog.resolve(name)?,
        };
        let material = self.catalog.get(id)?;
        Some((id, material.code.clone()))
    }

    fn payment(&self, row: &Row) -> Option<DepositPayment> {
        let default = if self.options.credit {
            DepositPayment::Credit
        } else {
            DepositPayment::Cash
        };
        let Some(text) = row.text("payment") else {
            return Some(default);
        };
        let key = crate::waste::alias_key(text);
        if ["เงินสด", "สด", "cash", "จ่ายสด"].contains(&key.as_str()) {
            Some(DepositPayment::Cash)
        } else if key.contains("เครดิต") || key.contains("credit") || key == "ฝาก"
        {
            Some(DepositPayment::Credit)
        } else {
            None
        }
    }

    fn unknown_material(&mut self, name: &str, row: u32) {
        let name = name.trim();
        match self.unknown.iter_mut().find(|u| u.name == name) {
            Some(unknown) => unknown.rows.push(row),
            None => self.unknown.push(UnknownMaterial {
                name: name.to_string(),
                rows: vec![row],
            }),
        }
    }

    /// Reports each unknown material name once, with its rows.
    fn report_unknown_materials(&mut self) {
        let column = self.table.column_of("material").map(|c| c.letter.clone());
        for unknown in &self.unknown {
            let rows: Vec<String> = unknown.rows.iter().map(u32::to_string).collect();
            let label = if rows.len() == 1 { "row" } else { "rows" };
            let message = format!(
                "no material is known as “{}” ({label} {}); map it to a material code (in the CLI: \
                 --map \"{}=CODE\") or add it as an alias, then import again",
                unknown.name,
                rows.join(", "),
                unknown.name
            );
            self.report.errors.push(
                Problem {
                    sheet: self.table.sheet.clone(),
                    row: unknown.rows.first().copied(),
                    column: column.clone(),
                    value: Some(unknown.name.clone()),
                    code: "material_unknown",
                    message,
                    severity: Severity::Error,
                    params: Vec::new(),
                }
                .with("name", &unknown.name)
                .with("rows", rows.join(", ")),
            );
        }
    }

    fn refuse(
        &mut self,
        row: &Row,
        key: &str,
        code: &'static str,
        message: String,
        material: &str,
    ) -> Result<Option<Record>> {
        self.report
            .errors
            .push(self.table.problem(row, key, code, Severity::Error, message));
        self.reject(row, Some(material));
        Ok(None)
    }

    fn reject(&mut self, row: &Row, material: Option<&str>) {
        self.rows.push(PreviewRow {
            row: row.number,
            status: RowStatus::Rejected,
            date: row.date("date"),
            member_no: row.text("member_no").unwrap_or_default().to_string(),
            material_name: row.text("material").unwrap_or_default().to_string(),
            material: material.map(str::to_string),
            grams: row.decimal("weight"),
            satang_per_kg: row.money("price").map(Satang::satang),
            value: row.money("value"),
            point: row.text("point").unwrap_or_default().to_string(),
        });
    }

    /// Compares a row with the earlier deposit it matched (`found`) or the
    /// one it corrects, or records it as a new deposit.
    fn post(&mut self, record: Record, key: String, found: Option<usize>) -> Result<()> {
        let matched = match found {
            Some(index) => Some(index),
            None => self.corrected(&record),
        };
        let status = match matched {
            Some(index) => {
                let earlier = &self.earlier.all[index];
                let changes = describe_change(earlier, &record);
                if changes.is_empty() {
                    RowStatus::Unchanged
                } else {
                    let deposit_id = earlier.deposit_id;
                    self.change(&record, deposit_id, changes)?
                }
            }
            None => {
                self.report.imported += 1;
                RowStatus::New
            }
        };
        if status != RowStatus::Rejected {
            self.total_value += record.value;
            *self
                .grams_by_material
                .entry(record.code.clone())
                .or_default() += record.grams;
        }
        self.push_row(&record, status);
        if matches!(status, RowStatus::New | RowStatus::Updated) {
            self.write(record, key)?;
        }
        Ok(())
    }

    /// Finds the earlier deposit a row without a matching key most likely
    /// was before it was corrected, and claims it. Only a deposit that no
    /// row of this file matched is taken:
    /// - the one with the row's receipt number and its member or date;
    /// - else the one read from the same row of a sheet of the same name,
    ///   on the same date at the same point (a member or material fixed,
    ///   even in a copy saved under another name);
    /// - else, from a file of the same name, one on the same date, or in
    ///   the same month with the same member, point and material (a date
    ///   fixed).
    ///
    /// NOTE: a log kept under one file name and refilled each week can
    /// still match a row of an earlier week; the row is then held back as
    /// changed, never written over without --accept-changes.
    fn corrected(&mut self, record: &Record) -> Option<usize> {
        let free = |claimed: &[bool], candidates: Option<&Vec<usize>>| -> Vec<usize> {
            candidates
                .map(|c| c.iter().copied().filter(|&i| !claimed[i]).collect())
                .unwrap_or_default()
        };
        let by_receipt: Vec<usize> = record
            .receipt_no
            .as_deref()
            .map(|receipt| free(&self.claimed, self.earlier.by_receipt.get(receipt.trim())))
            .unwrap_or_default()
            .into_iter()
            .filter(|&i| {
                let earlier = &self.earlier.all[i];
                earlier.member_no == record.member_no || earlier.date == record.date
            })
            .collect();
        let found = match by_receipt.as_slice() {
            [only] => Some(*only),
            _ => {
                let position = (self.table.sheet.clone(), record.row);
                free(&self.claimed, self.earlier.by_row.get(&position))
                    .into_iter()
                    .find(|&i| self.same_slot(&self.earlier.all[i], record))
            }
        }?;
        self.claimed[found] = true;
        Some(found)
    }

    /// Whether an earlier deposit read from the row's sheet position is the
    /// row before a correction (see [`DepositImport::corrected`]).
    fn same_slot(&self, earlier: &Earlier, record: &Record) -> bool {
        let same_day_and_point = earlier.date == record.date && earlier.point == record.point;
        if earlier.file_name != self.file_name {
            return same_day_and_point;
        }
        let same_month =
            earlier.date.format("%Y-%m").to_string() == record.date.format("%Y-%m").to_string();
        earlier.date == record.date
            || (same_month
                && earlier.member_no == record.member_no
                && earlier.point == record.point
                && earlier.code == record.code)
    }

    /// Records a row as a new deposit. It waits in memory until
    /// [`DepositImport::flush`] writes it.
    fn write(&mut self, record: Record, key: String) -> Result<()> {
        let point_id = self.point(record.community_id, &record.point)?;
        self.pending.push(PendingDeposit {
            record,
            key,
            point_id,
        });
        self.written += 1;
        Ok(())
    }

    /// Writes the waiting deposits, 64 rows to a statement, sorted by
    /// member, date and sheet row. SQLite adds keys in index order to the
    /// member indexes of deposits and lots far faster than keys in random
    /// order, and on a 100,000-row log the sort took about a fifth off the
    /// time of writing. One member's deposits of a day keep the order of
    /// their rows, and so does the credit they add. A reversal flushes
    /// first, so that it follows the rows above it.
    ///
    /// NOTE: a sale takes the lots of one day at a point in id order, which
    /// for an imported log is member order rather than sheet order.
    fn flush(&mut self) -> Result<()> {
        self.pending.sort_by_key(|pending| {
            let record = &pending.record;
            (record.member_id, record.date, record.row)
        });
        let lots: Vec<[SettledLot; 1]> = self
            .pending
            .iter()
            .map(|pending| {
                let record = &pending.record;
                [(record.material_id, record.grams, record.price, record.value)]
            })
            .collect();
        let postings: Vec<Posting<'_>> = self
            .pending
            .iter()
            .zip(&lots)
            .map(|(pending, lots)| pending.posting(self.import_id, lots))
            .collect();
        deposits::post_many(self.conn, self.ctx, &postings)?;
        self.pending.clear();
        Ok(())
    }

    /// The point's id, created in the member's community when new.
    fn point(&mut self, community_id: i64, name: &str) -> Result<i64> {
        if let Some(id) = self.points.get(&(community_id, name.to_string())) {
            return Ok(*id);
        }
        let point = crate::waste::ensure_point(self.conn, self.ctx, community_id, name)?;
        self.points
            .insert((community_id, point.name.clone()), point.id);
        Ok(point.id)
    }

    /// Handles a row recorded before with other figures: listed, and when
    /// accepted, the old deposit is reversed and the caller records the new
    /// one.
    fn change(
        &mut self,
        record: &Record,
        deposit_id: i64,
        changes: Vec<FieldChange>,
    ) -> Result<RowStatus> {
        let accepted = self.options.accept.accepts(record.row);
        let mut applied = false;
        if accepted {
            self.flush()?;
            let note = "corrected by a re-imported deposit log";
            match deposits::reverse_deposit(self.conn, self.ctx, deposit_id, note) {
                Ok(_) => applied = true,
                Err(Error::Rule { code, message }) => {
                    let row = self.table.rows.iter().find(|r| r.number == record.row);
                    if let Some(row) = row {
                        let message = format!("the earlier deposit cannot be corrected: {message}");
                        self.report.errors.push(self.table.problem(
                            row,
                            "weight",
                            code,
                            Severity::Error,
                            message,
                        ));
                    }
                }
                Err(error) => return Err(error),
            }
        }
        self.changed.push(ChangedRow {
            row: record.row,
            key: format!(
                "{} {} {} {}",
                record.member_no,
                crate::thai::date::format_numeric(record.date),
                record.point,
                record.code
            ),
            changes,
            applied,
        });
        Ok(if applied {
            RowStatus::Updated
        } else {
            RowStatus::Changed
        })
    }

    fn push_row(&mut self, record: &Record, status: RowStatus) {
        let material_name = self
            .table
            .rows
            .binary_search_by_key(&record.row, |row| row.number)
            .ok()
            .and_then(|index| self.table.rows[index].text("material"))
            .unwrap_or_default()
            .to_string();
        self.rows.push(PreviewRow {
            row: record.row,
            status,
            date: Some(record.date),
            member_no: record.member_no.clone(),
            material_name,
            material: Some(record.code.clone()),
            grams: Some(record.grams),
            satang_per_kg: Some(record.price),
            value: Some(record.value),
            point: record.point.clone(),
        });
    }

    /// Stores the counts and the mappings used, or removes the import's
    /// record when nothing was written.
    fn finish_import(&self, committed: bool) -> Result<()> {
        if !committed {
            if self.written == 0 {
                self.conn
                    .execute("DELETE FROM imports WHERE id = ?1", [self.import_id])?;
            }
            return Ok(());
        }
        if self.options.remember_mappings {
            for (alias, code) in &self.used_mappings {
                crate::waste::set_alias(self.conn, self.ctx, alias, code)?;
            }
        }
        let updated = self.changed.iter().filter(|c| c.applied).count();
        session::finish(
            self.conn,
            self.ctx,
            self.import_id,
            self.report.imported,
            updated,
        )?;
        self.conn.execute(
            "UPDATE imports SET period_from = (SELECT min(date) FROM waste_deposits
                 WHERE import_id = ?1),
                 period_to = (SELECT max(date) FROM waste_deposits WHERE import_id = ?1)
             WHERE id = ?1",
            [self.import_id],
        )?;
        Ok(())
    }

    fn finish(mut self) -> Outcome<Details> {
        self.report.hold_back(&self.changed);
        Outcome {
            report: self.report,
            imported_before: None,
            changed: self.changed,
            backup: None,
            details: Details {
                sheet_choice: self.table.sheet_choice.clone(),
                header_row: self.table.header_row,
                columns: self.table.columns.clone(),
                values_computed: self.values_computed,
                unknown_materials: self.unknown,
                total_value: self.total_value,
                grams_by_material: self.grams_by_material,
                rows: self.rows,
            },
        }
    }
}

/// Every member's id and community by member number, read once.
fn member_index(conn: &Connection) -> Result<HashMap<String, (i64, i64)>> {
    let mut stmt = conn.prepare("SELECT member_no, id, community_id FROM members")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every collection point's id by community and name, read once.
fn point_index(conn: &Connection) -> Result<HashMap<(i64, String), i64>> {
    let mut stmt = conn.prepare("SELECT community_id, name, id FROM waste_points")?;
    let rows = stmt.query_map([], |row| Ok(((row.get(0)?, row.get(1)?), row.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The standing deposits earlier imports recorded, with their figures,
/// sheet rows and receipts. Read once, because a query per row would
/// dominate a large import.
fn earlier_deposits(conn: &Connection) -> Result<EarlierDeposits> {
    let mut stmt = conn.prepare(
        "SELECT d.import_key, d.id, l.grams, l.satang_per_kg, l.value_satang, d.payment,
                coalesce(i.sheet, ''), coalesce(d.import_row, 0), d.receipt_no, d.date,
                coalesce(m.member_no, ''), p.name, t.code, coalesce(i.file_name, '')
         FROM waste_deposits d
         JOIN waste_lots l ON l.deposit_id = d.id
         JOIN waste_points p ON p.id = d.point_id
         JOIN waste_materials t ON t.id = l.material_id
         LEFT JOIN members m ON m.id = d.member_id
         LEFT JOIN imports i ON i.id = d.import_id
         WHERE d.import_key IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM waste_deposits r WHERE r.reverses_id = d.id)
         ORDER BY d.id",
    )?;
    let mut earlier = EarlierDeposits::default();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let payment = row.get_ref(5)?.as_str().unwrap_or("");
        let index = earlier.all.len();
        let deposit = Earlier {
            deposit_id: row.get(1)?,
            key: row.get(0)?,
            figures: Figures {
                grams: row.get(2)?,
                price: row.get(3)?,
                value: row.get(4)?,
                payment: DepositPayment::parse(payment).unwrap_or(DepositPayment::Cash),
            },
            sheet: row.get(6)?,
            row: row.get(7)?,
            receipt_no: row
                .get::<_, Option<String>>(8)?
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty()),
            date: row.get(9)?,
            member_no: row.get(10)?,
            point: row.get(11)?,
            code: row.get(12)?,
            file_name: row.get(13)?,
        };
        earlier.by_key.insert(deposit.key.clone(), index);
        earlier
            .by_base
            .entry(base_of(&deposit.key).to_string())
            .or_default()
            .push(index);
        if let Some(receipt) = &deposit.receipt_no {
            earlier
                .by_receipt
                .entry(receipt.clone())
                .or_default()
                .push(index);
        }
        earlier
            .by_row
            .entry((deposit.sheet.clone(), deposit.row))
            .or_default()
            .push(index);
        earlier.all.push(deposit);
    }
    Ok(earlier)
}

/// The fields in which a row differs from the earlier deposit it matched.
fn describe_change(earlier: &Earlier, record: &Record) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let identity = [
        ("date", earlier.date.to_string(), record.date.to_string()),
        (
            "member_no",
            earlier.member_no.clone(),
            record.member_no.clone(),
        ),
        ("material", earlier.code.clone(), record.code.clone()),
        ("point", earlier.point.clone(), record.point.clone()),
    ];
    for (field, old, new) in identity {
        if old != new {
            let (old, new) = if field == "date" {
                (
                    show_date(&old).unwrap_or(old),
                    show_date(&new).unwrap_or(new),
                )
            } else {
                (old, new)
            };
            changes.push(FieldChange { field, old, new });
        }
    }
    let (old, new) = (&earlier.figures, &record.figures());
    if old.grams != new.grams {
        changes.push(FieldChange {
            field: "weight",
            old: format_kg(old.grams),
            new: format_kg(new.grams),
        });
    }
    if old.price != new.price {
        changes.push(FieldChange {
            field: "price",
            old: Satang(old.price).to_string(),
            new: Satang(new.price).to_string(),
        });
    }
    if old.value != new.value {
        changes.push(FieldChange {
            field: "value",
            old: Satang(old.value).to_string(),
            new: Satang(new.value).to_string(),
        });
    }
    if old.payment != new.payment {
        changes.push(FieldChange {
            field: "payment",
            old: old.payment.as_str().to_string(),
            new: new.payment.as_str().to_string(),
        });
    }
    changes
}

/// An ISO date as the office reads it, day/month/BE year.
fn show_date(iso: &str) -> Option<String> {
    let date = NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    Some(crate::thai::date::format_numeric(date))
}

/// A row key without its occurrence suffix: `BY001|2024-04-01|จุด|GLASS#2`
/// becomes `BY001|2024-04-01|จุด|GLASS`.
fn base_of(key: &str) -> &str {
    match key.rsplit_once('#') {
        Some((base, n)) if n.parse::<u32>().is_ok() => base,
        _ => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::MemberDetails;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    /// Rows of the test log: more than two statements' worth of 64.
    const ROWS: u32 = 150;

    fn context() -> Context {
        let now = NaiveDate::from_ymd_opt(2025, 1, 15).and_then(|d| d.and_hms_opt(9, 0, 0));
        Context::new("test", now.expect("valid time"))
    }

    /// Opens a database with members M1 to M3.
    fn database(path: &Path) -> Result<Connection> {
        let conn = crate::db::open(path)?;
        let ctx = context();
        let community = members::ensure_community(&conn, &ctx, "ทดสอบ", None)?;
        for number in 1..=3 {
            let details = MemberDetails {
                member_no: format!("M{number}"),
                first_name: "สมาชิก".into(),
                community_id: community.id,
                ..MemberDetails::default()
            };
            members::insert(&conn, &ctx, &details)?;
        }
        Ok(conn)
    }

    /// Writes a log whose data row `n` (sheet row n + 1) weighs n × 0.1 kg,
    /// so that the weight of each lot identifies its row. Members and days of March 2567
    /// take turns, and every other row is paid in credit.
    fn write_log(path: &Path) -> TestResult {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        let header = [
            "วันที่",
            "เลขที่สมาชิก",
            "ประเภทขยะ",
            "น้ำหนัก (กก.)",
            "ราคา/กก.",
            "จุดรับ",
            "การชำระ",
        ];
        for (col, text) in (0u16..).zip(header) {
            sheet.write_string(0, col, text)?;
        }
        for row in 1..=ROWS {
            let payment = if row % 2 == 0 {
                "เครดิต"
            } else {
                "เงินสด"
            };
            sheet.write_string(row, 0, format!("{:02}/03/2567", 1 + row % 4))?;
            sheet.write_string(row, 1, format!("M{}", 1 + row % 3))?;
            sheet.write_string(row, 2, "ขวดแก้ว")?;
            sheet.write_number(row, 3, f64::from(row) / 10.0)?;
            sheet.write_number(row, 4, 1.5)?;
            sheet.write_string(row, 5, "จุดรับศาลา")?;
            sheet.write_string(row, 6, payment)?;
        }
        workbook.save(path)?;
        Ok(())
    }

    fn count(conn: &Connection, sql: &str) -> rusqlite::Result<i64> {
        conn.query_row(sql, [], |row| row.get(0))
    }

    #[test]
    fn batched_rows_keep_their_links() -> TestResult {
        let dir = tempfile::tempdir()?;
        let mut conn = database(&dir.path().join("test.db"))?;
        let log = dir.path().join("log.xlsx");
        write_log(&log)?;
        let import = |conn: &mut Connection, mode| {
            import(
                conn,
                &context(),
                &log,
                &Options::default(),
                mode,
                &mut |_, _| {},
            )
        };

        let preview = import(&mut conn, Mode::Preview)?;
        let deposits_after_preview = count(&conn, "SELECT count(*) FROM waste_deposits")?;
        let committed = import(&mut conn, Mode::Commit)?;

        assert_eq!(preview.report.imported, ROWS as usize, "rows in preview");
        assert_eq!(deposits_after_preview, 0, "a preview writes nothing");
        assert!(
            committed.report.errors.is_empty(),
            "{:?}",
            committed.report.errors
        );
        assert_eq!(committed.report.imported, ROWS as usize, "rows imported");
        let deposits = count(&conn, "SELECT count(*) FROM waste_deposits")?;
        assert_eq!(deposits, i64::from(ROWS), "one deposit a row");
        let lots_off_their_row = count(
            &conn,
            "SELECT count(*) FROM waste_deposits d JOIN waste_lots l ON l.deposit_id = d.id
             WHERE l.grams <> (d.import_row - 1) * 100 OR l.member_id IS NOT d.member_id
                OR l.date <> d.date OR l.point_id <> d.point_id",
        )?;
        assert_eq!(
            lots_off_their_row, 0,
            "each lot belongs to its row's deposit"
        );
        let lots = count(&conn, "SELECT count(*) FROM waste_lots")?;
        assert_eq!(lots, i64::from(ROWS), "one lot a deposit");
        let credits = count(&conn, "SELECT count(*) FROM plastic_credit_entries")?;
        assert_eq!(credits, i64::from(ROWS / 2), "a credit for every other row");
        let credits_off_their_deposit = count(
            &conn,
            "SELECT count(*) FROM plastic_credit_entries e
             JOIN waste_deposits d ON d.id = e.deposit_id
             JOIN waste_lots l ON l.deposit_id = d.id
             WHERE d.payment <> 'credit' OR e.member_id <> d.member_id OR e.date <> d.date
                OR e.amount_satang <> l.value_satang",
        )?;
        assert_eq!(
            credits_off_their_deposit, 0,
            "each credit matches its deposit"
        );
        let out_of_row_order = count(
            &conn,
            "SELECT count(*) FROM waste_deposits a JOIN waste_deposits b
                 ON b.member_id = a.member_id AND b.date = a.date AND b.import_row > a.import_row
             WHERE b.id < a.id",
        )?;
        assert_eq!(
            out_of_row_order, 0,
            "one member's deposits of a day in row order"
        );
        Ok(())
    }

    #[test]
    fn batched_import_again_adds_nothing() -> TestResult {
        let dir = tempfile::tempdir()?;
        let mut conn = database(&dir.path().join("test.db"))?;
        let log = dir.path().join("log.xlsx");
        write_log(&log)?;
        let import = |conn: &mut Connection| {
            import(
                conn,
                &context(),
                &log,
                &Options::default(),
                Mode::Commit,
                &mut |_, _| {},
            )
        };

        import(&mut conn)?;
        let again = import(&mut conn)?;

        assert_eq!(again.report.imported, 0, "rows imported again");
        let unchanged = again
            .details
            .rows
            .iter()
            .filter(|row| row.status == RowStatus::Unchanged)
            .count();
        assert_eq!(unchanged, ROWS as usize, "every row matches its deposit");
        let deposits = count(&conn, "SELECT count(*) FROM waste_deposits")?;
        assert_eq!(deposits, i64::from(ROWS), "no deposit added");
        Ok(())
    }
}
