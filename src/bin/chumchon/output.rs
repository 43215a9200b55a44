//! What the CLI prints: JSON in the documented shapes, or short text.

use rusqlite::Connection;
use serde::Serialize;

use chumchon::dividends::{Basis, Run};
use chumchon::import::report::{ImportReport, Problem};
use chumchon::import::session::ChangedRow;
use chumchon::Result;

/// Prints one line. A closed pipe (`| head`) ends the output quietly
/// rather than as an error or a panic.
pub fn line(text: &str) -> Result<()> {
    use std::io::Write;
    match writeln!(std::io::stdout(), "{text}") {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(chumchon::Error::Io {
            path: "standard output".into(),
            source: error,
        }),
        _ => Ok(()),
    }
}

/// Prints `value` as JSON.
fn print_json(value: &impl Serialize) -> Result<()> {
    line(&serde_json::to_string_pretty(value)?)
}

/// Prints an import report.
pub fn import(
    report: &ImportReport,
    imported_before: Option<&str>,
    changed: &[ChangedRow],
    json: bool,
) -> Result<()> {
    if json {
        return print_json(report);
    }
    let wrote = report.imported > 0 || changed.iter().any(|row| row.applied);
    if let Some(at) = imported_before.filter(|_| !wrote) {
        line(&format!(
            "{} was already imported on {}; nothing was changed",
            report.file,
            show_timestamp(at)
        ))?;
    }
    line(&format!(
        "{} (sheet {}): {} read, {} imported, {}{}{}{} skipped, {}{}, {}{}",
        report.file,
        report.sheet,
        counted(report.rows_read, "row", "rows"),
        report.imported,
        match report.updated {
            0 => String::new(),
            updated => format!("{updated} updated, "),
        },
        match report.unchanged {
            0 => String::new(),
            unchanged => format!("{unchanged} already recorded, "),
        },
        match report.checked {
            0 => String::new(),
            checked => format!(
                "{} checked against the record, ",
                counted(
                    checked,
                    "balance brought forward",
                    "balances brought forward"
                )
            ),
        },
        report.skipped,
        match report.held_back.len() {
            0 => String::new(),
            held => format!("{held} held back as changed, "),
        },
        counted(report.errors.len(), "error", "errors"),
        counted(report.warnings.len(), "warning", "warnings"),
        if report.committed {
            ""
        } else {
            " (nothing written)"
        },
    ))?;
    for problem in &report.errors {
        line(&format!("  error   {}", describe(problem)))?;
        thai_line(problem)?;
    }
    for problem in &report.warnings {
        line(&format!("  warning {}", describe(problem)))?;
        thai_line(problem)?;
    }
    for row in changed {
        let fields: Vec<String> = row
            .changes
            .iter()
            .map(|c| format!("{}: “{}” -> “{}”", c.field, c.old, c.new))
            .collect();
        // An accepted change that a rule rejects, such as a deposit whose
        // credit already bought shares, has an error on its row.
        let rejected = report.errors.iter().any(|p| p.row == Some(row.row));
        let state = if row.applied {
            "updated"
        } else if rejected {
            "changed, not updated (see the error above)"
        } else {
            "changed, skipped (use --accept-changes)"
        };
        line(&format!(
            "  row {} {} {state}: {}",
            row.row,
            row.key,
            fields.join(", ")
        ))?;
    }
    Ok(())
}

/// Shows a stored local time such as "2024-12-05T06:11:06" as
/// "05/12/2567 06:11", in the Buddhist era. Any other text is shown as it
/// is.
fn show_timestamp(at: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S") {
        Ok(time) => format!(
            "{} {}",
            chumchon::thai::date::format_numeric(time.date()),
            time.format("%H:%M")
        ),
        Err(_) => at.to_string(),
    }
}

/// Prints the Thai text of a problem under its English line.
fn thai_line(problem: &Problem) -> Result<()> {
    match crate::thai::problem_text(problem) {
        Some(text) => line(&format!("          {text}")),
        None => Ok(()),
    }
}

fn describe(problem: &Problem) -> String {
    let place = match (problem.row, &problem.column) {
        (Some(row), Some(column)) => format!("{column}{row}"),
        (Some(row), None) => format!("row {row}"),
        (None, Some(column)) => format!("column {column}"),
        (None, None) => "sheet".to_string(),
    };
    format!(
        "{}!{place} [{}] {}",
        problem.sheet, problem.code, problem.message
    )
}

#[derive(Serialize)]
struct MemberJson {
    member_no: String,
    title: String,
    first_name: String,
    last_name: String,
    national_id: Option<String>,
    national_id_valid: bool,
    phone: Option<String>,
    joined: Option<chrono::NaiveDate>,
    community: String,
    shares: i64,
}

/// Prints every member.
pub fn members(conn: &Connection, json: bool) -> Result<()> {
    let members = chumchon::members::list(conn)?;
    if json {
        let rows: Vec<MemberJson> = members
            .into_iter()
            .map(|m| MemberJson {
                national_id_valid: m.national_id_valid,
                community: m.community,
                shares: m.shares,
                member_no: m.details.member_no,
                title: m.details.title,
                first_name: m.details.first_name,
                last_name: m.details.last_name,
                national_id: m.details.national_id,
                phone: m.details.phone,
                joined: m.details.joined,
            })
            .collect();
        return print_json(&rows);
    }
    for member in &members {
        let joined = member
            .details
            .joined
            .map(chumchon::thai::date::format_numeric)
            .unwrap_or_default();
        line(&format!(
            "{}\t{}\t{}\t{}\t{}",
            member.details.member_no,
            member.full_name(),
            member.community,
            joined,
            member.shares
        ))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct DividendJson<'a> {
    year_be: i32,
    method: &'static str,
    pool_satang: i64,
    total_satang: i64,
    /// The patronage refund's fields appear only in a run that has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    patronage_pool_satang: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    patronage_total_satang: Option<i64>,
    members: Vec<DividendMemberJson<'a>>,
}

#[derive(Serialize)]
struct DividendMemberJson<'a> {
    member_no: &'a str,
    share_months: i64,
    amount_satang: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    deposit_value_satang: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    patronage_satang: Option<i64>,
}

/// Prints a dividend run.
pub fn dividend(run: &Run, json: bool) -> Result<()> {
    if json {
        return print_json(&DividendJson {
            year_be: run.params.year_be,
            method: run.params.method.as_str(),
            pool_satang: run.pool.satang(),
            total_satang: run.total.satang(),
            patronage_pool_satang: run.patronage_pool.map(|pool| pool.satang()),
            patronage_total_satang: run.patronage_pool.map(|_| run.patronage_total.satang()),
            members: run
                .lines
                .iter()
                .map(|l| DividendMemberJson {
                    member_no: &l.member_no,
                    share_months: l.share_months,
                    amount_satang: l.amount.satang(),
                    deposit_value_satang: run.patronage_pool.map(|_| l.deposit_value.satang()),
                    patronage_satang: run.patronage_pool.map(|_| l.patronage.satang()),
                })
                .collect(),
        });
    }
    let basis = match run.params.basis {
        Basis::Pool(pool) => format!("pool {pool} baht"),
        Basis::RatePpm(ppm) => {
            format!("rate {}% a year", chumchon::dividends::format_rate_ppm(ppm))
        }
    };
    line(&format!(
        "dividend {} ({}, {basis}), draft",
        run.params.year_be,
        run.params.method.as_str()
    ))?;
    for entry in &run.lines {
        let patronage = match run.patronage_pool {
            Some(_) => format!("\t{}", entry.patronage),
            None => String::new(),
        };
        line(&format!(
            "{}\t{}\t{}\t{}{patronage}",
            entry.member_no, entry.name, entry.share_months, entry.amount
        ))?;
    }
    line(&format!(
        "total {} baht to {} members",
        run.total,
        run.lines.len()
    ))?;
    if let Some(pool) = run.patronage_pool {
        line(&format!(
            "patronage refund {} baht of a {pool}-baht pool",
            run.patronage_total
        ))?;
    }
    Ok(())
}

/// Writes a count with the singular or plural noun: "1 error", "2 errors".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}
