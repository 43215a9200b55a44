//! The legacy equipment list import as the exchange screen shows it: the
//! request, and the preview or result with its rows, problems and the
//! rows that changed since an earlier import.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chumchon::import::equipment;
use chumchon::import::session::{AcceptChanges, Outcome};

use super::{Category, ItemStatus};
use crate::dto::{ChangedRow, ColumnMapping, Problem, RowStatus};

/// An equipment list to preview or import.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct EquipmentImportRequest {
    /// The file.
    pub path: String,
    /// Sheet to read; `None` lets the importer pick.
    pub sheet: Option<String>,
    /// Community of rows that name none.
    pub community: Option<String>,
    /// Names of communities not in the register that the user chose to
    /// create; rows of other unknown communities are rejected.
    pub create_communities: Vec<String>,
    /// Sheet rows whose changes the user accepted (commit only).
    pub accept_rows: Vec<u32>,
}

impl From<&EquipmentImportRequest> for equipment::Options {
    fn from(request: &EquipmentImportRequest) -> equipment::Options {
        let accept = if request.accept_rows.is_empty() {
            AcceptChanges::None
        } else {
            AcceptChanges::Rows(request.accept_rows.iter().copied().collect::<BTreeSet<_>>())
        };
        equipment::Options {
            sheet: request.sheet.clone(),
            community: request.community.clone().filter(|c| !c.trim().is_empty()),
            create_communities: if request.create_communities.is_empty() {
                equipment::NewCommunities::None
            } else {
                let names = request.create_communities.iter().cloned().collect();
                equipment::NewCommunities::Named(names)
            },
            accept,
        }
    }
}

/// One row of the list as read and judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EquipmentImportRow {
    /// The sheet's 1-based row.
    pub row: u32,
    /// Outcome of the row.
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
    pub item_status: Option<ItemStatus>,
    /// Missing part read from the condition.
    pub missing: Option<String>,
    /// Value of one piece, in satang.
    pub unit_value: i64,
}

impl From<&equipment::PreviewRow> for EquipmentImportRow {
    fn from(r: &equipment::PreviewRow) -> EquipmentImportRow {
        EquipmentImportRow {
            row: r.row,
            status: match r.status {
                equipment::RowStatus::New => RowStatus::New,
                equipment::RowStatus::Unchanged => RowStatus::Unchanged,
                equipment::RowStatus::Changed => RowStatus::Changed,
                equipment::RowStatus::Updated => RowStatus::Updated,
                equipment::RowStatus::Rejected => RowStatus::Rejected,
            },
            community: r.community.clone(),
            name: r.name.clone(),
            code: r.code.clone(),
            category: r.category.map(Into::into),
            quantity: r.quantity,
            condition: r.condition.clone(),
            item_status: r.item_status.map(Into::into),
            missing: r.missing.clone(),
            unit_value: r.unit_value.satang(),
        }
    }
}

/// Items of one community in an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommunityCount {
    /// The community's name.
    pub community: String,
    /// Items imported or unchanged.
    pub items: u32,
}

/// A community name that the file uses and the register lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnknownCommunity {
    /// The name as written.
    pub name: String,
    /// The closest names of existing communities, closest first.
    pub closest: Vec<String>,
    /// Number of rows that name it, all rejected.
    pub rows: u32,
}

/// A preview of an equipment import, or the result of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EquipmentImportPreview {
    /// The file.
    pub file: String,
    /// The sheet read.
    pub sheet: String,
    /// The header's 1-based row.
    pub header_row: u32,
    /// The reason this sheet was read.
    pub sheet_choice: String,
    /// When the same file was imported before, local ISO date and time.
    pub imported_before: Option<String>,
    /// Whether the import was written to the database.
    pub committed: bool,
    /// Backup of the database made before the import.
    pub backup: Option<String>,
    /// Rows below the header.
    pub rows_read: u32,
    /// Items imported, or that would be.
    pub imported: u32,
    /// Blank, total and repeated-header rows.
    pub skipped: u32,
    /// Problems that kept a row out.
    pub errors: Vec<Problem>,
    /// Problems in rows imported and flagged.
    pub warnings: Vec<Problem>,
    /// Column mapping.
    pub columns: Vec<ColumnMapping>,
    /// Every candidate row.
    pub rows: Vec<EquipmentImportRow>,
    /// Rows that changed since an earlier import.
    pub changed: Vec<ChangedRow>,
    /// Items by community.
    pub by_community: Vec<CommunityCount>,
    /// Items that lack a part, each of which raises a need.
    pub part_missing: u32,
    /// Community names not in the register, for the user to correct in
    /// the file or to create.
    pub unknown_communities: Vec<UnknownCommunity>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<Outcome<equipment::Details>> for EquipmentImportPreview {
    fn from(outcome: Outcome<equipment::Details>) -> EquipmentImportPreview {
        let (report, details) = (outcome.report, outcome.details);
        EquipmentImportPreview {
            file: report.file,
            sheet: report.sheet,
            header_row: details.header_row,
            sheet_choice: details.sheet_choice,
            imported_before: outcome.imported_before,
            committed: report.committed,
            backup: outcome.backup.map(|p| p.display().to_string()),
            rows_read: count(report.rows_read),
            imported: count(report.imported),
            skipped: count(report.skipped),
            errors: report.errors.into_iter().map(Into::into).collect(),
            warnings: report.warnings.into_iter().map(Into::into).collect(),
            columns: details.columns.into_iter().map(Into::into).collect(),
            rows: details.rows.iter().map(Into::into).collect(),
            changed: outcome.changed.into_iter().map(Into::into).collect(),
            by_community: details
                .items_by_community
                .into_iter()
                .map(|(community, items)| CommunityCount {
                    community,
                    items: count(items),
                })
                .collect(),
            part_missing: count(details.part_missing),
            unknown_communities: details
                .unknown_communities
                .into_iter()
                .map(|u| UnknownCommunity {
                    name: u.name,
                    closest: u.closest,
                    rows: count(u.rows),
                })
                .collect(),
        }
    }
}
