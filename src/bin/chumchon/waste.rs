//! The waste bank's commands: importing deposit logs, recording a deposit
//! and printing its receipt, the year's deposit summary, plastic credit
//! (balance, conversion into shares, trace back to kilograms), and the
//! reports: the programme report for partners, stock and margin. The
//! [`collection`] module has the `waste` commands: collectors, rounds and
//! sales, and [`prices`] has `waste prices`, the buyers' price lists.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use rusqlite::Connection;
use serde::Serialize;

use chumchon::import::deposits as deposit_import;
use chumchon::pdf::ReceiptLayout;
use chumchon::waste::{self, DepositPayment, Depositor, NewDeposit, NewLine, ReportFilter};
use chumchon::{Context, Error, Result, Satang};

use crate::{Cli, ImportCommon};

mod collection;
mod prices;

pub(crate) use collection::{waste, WasteCommand};

#[derive(Debug, Args)]
pub(crate) struct ImportDepositsArgs {
    #[command(flatten)]
    pub common: ImportCommon,
    /// Map a material name in the sheet to a material code, such as
    /// "ขวดใส=PET_CLEAR"; repeatable.
    #[arg(long = "map", value_name = "NAME=CODE")]
    pub map: Vec<String>,
    /// Save the --map mappings as aliases, so that later imports know the
    /// names.
    #[arg(long)]
    pub remember: bool,
    /// Credit rows without a payment column to the members' plastic
    /// credit; without it they count as paid in cash.
    #[arg(long)]
    pub credit: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum PaymentArg {
    /// Paid in cash at the point.
    Cash,
    /// Added to the member's plastic credit.
    Credit,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ReceiptLayoutArg {
    /// A6 paper, 105 × 148 mm.
    A6,
    /// An 80 mm slip printer's roll.
    Slip80,
}

#[derive(Debug, Subcommand)]
pub(crate) enum DepositsCommand {
    /// Rows, value and kilograms by material of a year's deposits.
    Summary {
        /// Year in the Buddhist Era.
        #[arg(long, value_name = "BE")]
        year: i32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record a deposit brought to a collection point.
    Add(Box<AddDepositArgs>),
    /// List the names that map to materials, or map a name to a material
    /// code, or remove a mapping.
    Aliases {
        /// Map this name to the material given by --code.
        #[arg(
            long,
            value_name = "NAME",
            requires = "code",
            conflicts_with = "delete"
        )]
        set: Option<String>,
        /// Material code of the name given by --set, such as PET_CLEAR.
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
        /// Remove the mapping of this name.
        #[arg(long, value_name = "NAME")]
        delete: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a deposit's receipt as a PDF.
    Receipt {
        /// The deposit's number, as `deposits add` prints it.
        #[arg(long, value_name = "ID")]
        id: i64,
        /// PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Paper.
        #[arg(long, value_enum, default_value = "a6")]
        layout: ReceiptLayoutArg,
    },
}

#[derive(Debug, Args)]
pub(crate) struct AddDepositArgs {
    /// Member number of the depositor.
    #[arg(long, value_name = "NO", required_unless_present = "household")]
    member: Option<String>,
    /// A household that is not a member, by name or address.
    #[arg(long, value_name = "NAME", conflicts_with = "member")]
    household: Option<String>,
    /// Collection point, created in the community when new.
    #[arg(long, value_name = "NAME")]
    point: String,
    /// The point's community; defaults to the member's community.
    #[arg(long, value_name = "NAME")]
    community: Option<String>,
    /// Date weighed, such as 15/03/2568; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// A material and its weight in kilograms, with the price in baht a
    /// kilogram after @ when it is not the price list's, such as
    /// "PET_CLEAR=4.5" or "ขวดขุ่น=2.3@12"; repeatable.
    #[arg(long = "line", value_name = "MATERIAL=KG[@BAHT]", required = true)]
    lines: Vec<String>,
    /// Payment method.
    #[arg(long, value_enum, default_value = "cash")]
    payment: PaymentArg,
    /// Identifier of the weighing scale.
    #[arg(long, value_name = "ID")]
    scale: Option<String>,
    /// Name of the person who weighed it.
    #[arg(long, value_name = "NAME")]
    weighed_by: Option<String>,
    /// Receipt number written on the receipt.
    #[arg(long, value_name = "NO")]
    receipt_no: Option<String>,
    /// Also print the receipt to this PDF file.
    #[arg(long, value_name = "FILE")]
    receipt: Option<PathBuf>,
    /// Paper of the receipt.
    #[arg(long, value_enum, default_value = "a6")]
    layout: ReceiptLayoutArg,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum CreditCommand {
    /// Each share a member bought with plastic credit, the deposit lines it
    /// used and the sales those kilograms left in.
    Trace {
        /// Member number.
        #[arg(long, value_name = "NO")]
        member: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A member's plastic-credit account with its running balance.
    Balance {
        /// Member number.
        #[arg(long, value_name = "NO")]
        member: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Buy whole shares at par with a member's plastic credit; the rest
    /// stays as credit.
    Convert {
        /// Member number.
        #[arg(long, value_name = "NO")]
        member: String,
        /// Shares to buy; defaults to as many as the credit pays for.
        #[arg(long, value_name = "N")]
        shares: Option<i64>,
        /// Date of the purchase, such as 15/03/2568; defaults to today.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ReportCommand {
    /// The programme report for partners, as a PDF, or as an Excel
    /// workbook when FILE ends in .xlsx.
    Programme {
        /// First day of the period, such as 1/1/2567.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day of the period.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// Only these communities; repeatable. Defaults to every community.
        #[arg(long, value_name = "NAME")]
        community: Vec<String>,
        /// PDF or xlsx file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Print the report's figures as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Kilograms of each material in stock at each collection point:
    /// deposited minus sold.
    Stock {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sales revenue, the cost of the sold kilograms, collector pay and
    /// margin, month by month.
    Margin {
        /// First day of the period, such as 1/1/2567.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day of the period.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `import deposits`.
pub(crate) fn import_deposits(
    conn: &mut Connection,
    ctx: &Context,
    args: &ImportDepositsArgs,
) -> Result<ExitCode> {
    let (mode, accept) = crate::import_mode(&args.common);
    let map = args
        .map
        .iter()
        .map(|text| parse_mapping(text))
        .collect::<Result<Vec<_>>>()?;
    let options = deposit_import::Options {
        sheet: args.common.sheet.clone(),
        accept,
        map,
        remember_mappings: args.remember,
        credit: args.credit,
    };
    let mut bar = crate::progress::Bar::new("import");
    let outcome = deposit_import::import(
        conn,
        ctx,
        &args.common.file,
        &options,
        mode,
        &mut |done, total| bar.set(done, total),
    )?;
    bar.finish();
    crate::output::import(
        &outcome.report,
        outcome.imported_before.as_deref(),
        &outcome.changed,
        args.common.json,
    )?;
    if !args.common.json {
        print_import_totals(&outcome.details)?;
    }
    Ok(crate::import_status(&outcome.report))
}

/// Reads a `--map` value "NAME=CODE", splitting at the last `=`.
fn parse_mapping(text: &str) -> Result<(String, String)> {
    match text.rsplit_once('=') {
        Some((name, code)) if !name.trim().is_empty() && !code.trim().is_empty() => {
            Ok((name.trim().to_string(), code.trim().to_string()))
        }
        _ => Err(Error::rule(
            "invalid_mapping",
            format!("invalid --map “{text}”: expected NAME=CODE, such as \"ขวดใส=PET_CLEAR\""),
        )),
    }
}

fn print_import_totals(details: &deposit_import::Details) -> Result<()> {
    if details.values_computed > 0 {
        crate::output::line(&format!(
            "  {} values were formulas without saved results and were computed as weight × price",
            details.values_computed
        ))?;
    }
    let kg: Vec<String> = details
        .grams_by_material
        .iter()
        .map(|(code, grams)| format!("{code} {} kg", waste::format_kg(*grams)))
        .collect();
    if !kg.is_empty() {
        crate::output::line(&format!(
            "  {} baht: {}",
            details.total_value,
            kg.join(", ")
        ))?;
    }
    Ok(())
}

/// Runs a `deposits` command.
pub(crate) fn deposits(cli: &Cli, command: &DepositsCommand) -> Result<ExitCode> {
    let mut conn = crate::open(cli, false)?;
    let ctx = crate::context(cli);
    match command {
        DepositsCommand::Summary { year, json } => summary(&conn, *year, *json)?,
        DepositsCommand::Add(args) => add_deposit(&mut conn, &ctx, args)?,
        DepositsCommand::Aliases {
            set,
            code,
            delete,
            json,
        } => aliases(
            &mut conn,
            &ctx,
            (set.as_deref(), code.as_deref()),
            delete,
            *json,
        )?,
        DepositsCommand::Receipt { id, out, layout } => {
            waste::documents::write_receipt(&conn, *id, layout_of(*layout), ctx.today(), out)?;
            crate::output::line(&format!("wrote {}", out.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The JSON of `deposits summary`.
#[derive(Serialize)]
struct SummaryJson {
    rows: i64,
    value_satang: i64,
    /// Kilograms to one decimal by material code.
    kg_by_material: BTreeMap<String, f64>,
}

fn summary(conn: &Connection, year_be: i32, json: bool) -> Result<()> {
    let filter = ReportFilter::year(year_be)?;
    let summary = waste::deposits::summary(conn, filter.from, filter.to)?;
    if json {
        let kg_by_material = summary
            .grams_by_material
            .iter()
            .map(|(code, grams)| (code.clone(), waste::kg_one_decimal(*grams)))
            .collect();
        return print_json(&SummaryJson {
            rows: summary.rows,
            value_satang: summary.value.satang(),
            kg_by_material,
        });
    }
    crate::output::line(&format!(
        "deposits {year_be}: {} lines, {} baht",
        summary.rows, summary.value
    ))?;
    for (code, grams) in &summary.grams_by_material {
        crate::output::line(&format!("{code}\t{} kg", waste::format_kg(*grams)))?;
    }
    Ok(())
}

/// Sets or removes a mapping, then lists every alias.
fn aliases(
    conn: &mut Connection,
    ctx: &Context,
    (set, code): (Option<&str>, Option<&str>),
    delete: &Option<String>,
    json: bool,
) -> Result<()> {
    if let (Some(name), Some(code)) = (set, code) {
        crate::in_transaction(conn, |tx| waste::set_alias(tx, ctx, name, code))?;
    }
    if let Some(name) = delete {
        crate::in_transaction(conn, |tx| waste::delete_alias(tx, ctx, name))?;
    }
    let aliases = waste::list_aliases(conn)?;
    if json {
        return print_json(&aliases);
    }
    for alias in &aliases {
        crate::output::line(&format!("{}\t{}", alias.alias, alias.code))?;
    }
    Ok(())
}

fn layout_of(layout: ReceiptLayoutArg) -> ReceiptLayout {
    match layout {
        ReceiptLayoutArg::A6 => ReceiptLayout::A6,
        ReceiptLayoutArg::Slip80 => ReceiptLayout::Slip80,
    }
}

/// Reads a date option, defaulting to today.
fn date_or_today(text: Option<&str>, ctx: &Context) -> Result<NaiveDate> {
    match text {
        Some(text) => crate::parse_date(text),
        None => Ok(ctx.today()),
    }
}

fn add_deposit(conn: &mut Connection, ctx: &Context, args: &AddDepositArgs) -> Result<()> {
    let date = date_or_today(args.date.as_deref(), ctx)?;
    let id = crate::in_transaction(conn, |tx| {
        let deposit = new_deposit(tx, ctx, args, date)?;
        waste::record_deposit(tx, ctx, &deposit)
    })?;
    let deposit = waste::get_deposit(conn, id)?;
    if let Some(out) = &args.receipt {
        waste::documents::write_receipt(conn, id, layout_of(args.layout), ctx.today(), out)?;
    }
    if args.json {
        return print_json(&DepositJson::from(&deposit));
    }
    crate::output::line(&format!(
        "recorded deposit {id}: {} baht paid in {}",
        deposit.total,
        deposit.payment.as_str()
    ))?;
    if let Some(out) = &args.receipt {
        crate::output::line(&format!("wrote {}", out.display()))?;
    }
    Ok(())
}

/// Builds the deposit that `deposits add` describes, creating the point
/// when it is new.
fn new_deposit(
    conn: &Connection,
    ctx: &Context,
    args: &AddDepositArgs,
    date: NaiveDate,
) -> Result<NewDeposit> {
    let (depositor, member_community) = match (&args.member, &args.household) {
        (Some(member_no), _) => {
            let member = chumchon::members::get(conn, member_no)?;
            (
                Depositor::Member(member.id),
                Some(member.details.community_id),
            )
        }
        (None, Some(household)) => (Depositor::Household(household.clone()), None),
        (None, None) => {
            return Err(Error::rule(
                "depositor_missing",
                "give --member NO or --household NAME",
            ))
        }
    };
    let community_id = match (&args.community, member_community) {
        (Some(name), _) => {
            chumchon::members::find_community(conn, name)?
                .ok_or_else(|| Error::NotFound {
                    what: "community",
                    key: name.clone(),
                })?
                .id
        }
        (None, Some(id)) => id,
        (None, None) => {
            return Err(Error::rule(
                "community_missing",
                "a household's deposit needs --community NAME for its collection point",
            ))
        }
    };
    let point = waste::ensure_point(conn, ctx, community_id, &args.point)?;
    let catalog = waste::Catalog::load(conn)?;
    let lines = args
        .lines
        .iter()
        .map(|text| parse_line(&catalog, text))
        .collect::<Result<Vec<_>>>()?;
    Ok(NewDeposit {
        depositor,
        point_id: point.id,
        date,
        payment: match args.payment {
            PaymentArg::Cash => DepositPayment::Cash,
            PaymentArg::Credit => DepositPayment::Credit,
        },
        scale_id: args.scale.clone(),
        weighed_by: args.weighed_by.clone(),
        receipt_no: args.receipt_no.clone(),
        note: None,
        lines,
    })
}

/// Reads a `--line` value "MATERIAL=KG" or "MATERIAL=KG@BAHT".
fn parse_line(catalog: &waste::Catalog, text: &str) -> Result<NewLine> {
    let invalid = || {
        Error::rule(
            "invalid_deposit_line",
            format!("invalid --line “{text}”: expected MATERIAL=KG or MATERIAL=KG@BAHT"),
        )
    };
    let (name, amounts) = text.rsplit_once('=').ok_or_else(invalid)?;
    let (kg, price) = match amounts.split_once('@') {
        Some((kg, price)) => (kg, Some(waste::parse_price(price)?)),
        None => (amounts, None),
    };
    let material_id = catalog.resolve(name).ok_or_else(|| Error::NotFound {
        what: "material",
        key: name.trim().to_string(),
    })?;
    Ok(NewLine {
        material_id,
        grams: waste::parse_kg(kg)?,
        satang_per_kg: price,
        value: None,
    })
}

/// A deposit as `deposits add --json` prints it.
#[derive(Serialize)]
struct DepositJson<'a> {
    id: i64,
    date: NaiveDate,
    member_no: Option<&'a str>,
    household: Option<&'a str>,
    point: &'a str,
    community: &'a str,
    payment: &'static str,
    total_satang: i64,
    lines: Vec<DepositLineJson<'a>>,
}

#[derive(Serialize)]
struct DepositLineJson<'a> {
    material: &'a str,
    grams: i64,
    satang_per_kg: i64,
    value_satang: i64,
}

impl<'a> From<&'a waste::Deposit> for DepositJson<'a> {
    fn from(deposit: &'a waste::Deposit) -> Self {
        DepositJson {
            id: deposit.id,
            date: deposit.date,
            member_no: deposit.member_no.as_deref(),
            household: deposit.household.as_deref(),
            point: &deposit.point,
            community: &deposit.community,
            payment: deposit.payment.as_str(),
            total_satang: deposit.total.satang(),
            lines: deposit
                .lots
                .iter()
                .map(|lot| DepositLineJson {
                    material: &lot.material,
                    grams: lot.grams,
                    satang_per_kg: lot.satang_per_kg,
                    value_satang: lot.value.satang(),
                })
                .collect(),
        }
    }
}

/// Runs a `credit` command.
pub(crate) fn credit(cli: &Cli, command: &CreditCommand) -> Result<ExitCode> {
    let mut conn = crate::open(cli, false)?;
    let ctx = crate::context(cli);
    match command {
        CreditCommand::Trace { member, json } => trace(&conn, member, *json)?,
        CreditCommand::Balance { member, json } => balance(&conn, member, *json)?,
        CreditCommand::Convert {
            member,
            shares,
            date,
            json,
        } => {
            let date = date_or_today(date.as_deref(), &ctx)?;
            let member = chumchon::members::get(&conn, member)?;
            let conversion = crate::in_transaction(&mut conn, |tx| {
                waste::convert_credit(tx, &ctx, member.id, date, *shares)
            })?;
            if *json {
                print_json(&ConversionJson {
                    member_no: &member.details.member_no,
                    share_transaction_id: conversion.share_transaction_id,
                    shares: conversion.shares,
                    amount_satang: conversion.amount.satang(),
                    credit_left_satang: conversion.credit_left.satang(),
                })?;
            } else {
                crate::output::line(&format!(
                    "{} bought {} for {} baht of plastic credit; {} baht left",
                    member.details.member_no,
                    shares_text(conversion.shares),
                    conversion.amount,
                    conversion.credit_left
                ))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct ConversionJson<'a> {
    member_no: &'a str,
    share_transaction_id: i64,
    shares: i64,
    amount_satang: i64,
    credit_left_satang: i64,
}

/// The JSON of `credit trace`.
#[derive(Serialize)]
struct TraceJson<'a> {
    member_no: &'a str,
    member_name: &'a str,
    credit_balance_satang: i64,
    purchases: Vec<PurchaseJson<'a>>,
}

#[derive(Serialize)]
struct PurchaseJson<'a> {
    share_transaction_id: i64,
    date: NaiveDate,
    shares: i64,
    amount_satang: i64,
    reversed: bool,
    /// The deposit credits the purchase used, and how much of each.
    credits: Vec<CreditUseJson>,
    /// The lines of those deposits, each with the sales it left in.
    deposit_lines: Vec<DepositLineTraceJson<'a>>,
}

#[derive(Serialize)]
struct CreditUseJson {
    deposit_id: Option<i64>,
    date: NaiveDate,
    used_satang: i64,
}

#[derive(Serialize)]
struct DepositLineTraceJson<'a> {
    deposit_id: i64,
    lot_id: i64,
    date: NaiveDate,
    point: &'a str,
    community: &'a str,
    material: &'a str,
    grams: i64,
    value_satang: i64,
    scale_id: Option<&'a str>,
    weighed_by: Option<&'a str>,
    sales: Vec<SaleJson<'a>>,
}

#[derive(Serialize)]
struct SaleJson<'a> {
    sale_id: i64,
    date: NaiveDate,
    buyer: &'a str,
    grams: i64,
}

fn trace(conn: &Connection, member_no: &str, json: bool) -> Result<()> {
    let member = chumchon::members::get(conn, member_no)?;
    let trace = waste::trace_credit(conn, member.id)?;
    if json {
        return print_json(&trace_json(&trace));
    }
    crate::output::line(&format!(
        "{} {}: plastic credit {} baht",
        trace.member_no, trace.member_name, trace.credit_balance
    ))?;
    if trace.purchases.is_empty() {
        crate::output::line("no shares were bought with plastic credit")?;
    }
    for purchase in &trace.purchases {
        print_purchase(purchase)?;
    }
    Ok(())
}

fn trace_json(trace: &waste::trace::CreditTrace) -> TraceJson<'_> {
    TraceJson {
        member_no: &trace.member_no,
        member_name: &trace.member_name,
        credit_balance_satang: trace.credit_balance.satang(),
        purchases: trace
            .purchases
            .iter()
            .map(|purchase| PurchaseJson {
                share_transaction_id: purchase.transaction_id,
                date: purchase.date,
                shares: purchase.shares,
                amount_satang: purchase.amount.satang(),
                reversed: purchase.reversed,
                credits: purchase
                    .credits
                    .iter()
                    .map(|credit| CreditUseJson {
                        deposit_id: credit.deposit_id,
                        date: credit.date,
                        used_satang: credit.used.satang(),
                    })
                    .collect(),
                deposit_lines: purchase.lots.iter().map(lot_json).collect(),
            })
            .collect(),
    }
}

fn lot_json(lot: &waste::trace::TracedLot) -> DepositLineTraceJson<'_> {
    DepositLineTraceJson {
        deposit_id: lot.deposit_id,
        lot_id: lot.lot_id,
        date: lot.date,
        point: &lot.point,
        community: &lot.community,
        material: &lot.material,
        grams: lot.grams,
        value_satang: lot.value.satang(),
        scale_id: lot.scale_id.as_deref(),
        weighed_by: lot.weighed_by.as_deref(),
        sales: lot
            .sales
            .iter()
            .map(|sale| SaleJson {
                sale_id: sale.sale_id,
                date: sale.date,
                buyer: &sale.buyer,
                grams: sale.grams,
            })
            .collect(),
    }
}

/// Formats a count of shares, in the singular for one ("1 share").
fn shares_text(shares: i64) -> String {
    let noun = if shares == 1 { "share" } else { "shares" };
    format!("{shares} {noun}")
}

fn print_purchase(purchase: &waste::trace::TracedPurchase) -> Result<()> {
    let reversed = if purchase.reversed { " (reversed)" } else { "" };
    crate::output::line(&format!(
        "{} bought {} for {} baht{reversed}",
        chumchon::thai::date::format_numeric(purchase.date),
        shares_text(purchase.shares),
        purchase.amount
    ))?;
    for lot in &purchase.lots {
        let sales: Vec<String> = lot
            .sales
            .iter()
            .map(|sale| {
                format!(
                    "{} kg to {} on {}",
                    waste::format_kg(sale.grams),
                    sale.buyer,
                    chumchon::thai::date::format_numeric(sale.date)
                )
            })
            .collect();
        let sold = if !sales.is_empty() {
            format!("sold {}", sales.join("; "))
        } else if lot.reversed {
            "reversed".to_string()
        } else {
            "in stock".to_string()
        };
        crate::output::line(&format!(
            "  deposit {} {} {} {} {} kg {} baht, {sold}",
            lot.deposit_id,
            chumchon::thai::date::format_numeric(lot.date),
            lot.point,
            lot.material,
            waste::format_kg(lot.grams),
            lot.value
        ))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct BalanceJson<'a> {
    member_no: &'a str,
    balance_satang: i64,
    entries: Vec<EntryJson<'a>>,
}

#[derive(Serialize)]
struct EntryJson<'a> {
    id: i64,
    date: NaiveDate,
    kind: waste::credit::EntryKind,
    amount_satang: i64,
    deposit_id: Option<i64>,
    share_transaction_id: Option<i64>,
    note: Option<&'a str>,
    balance_satang: i64,
}

fn balance(conn: &Connection, member_no: &str, json: bool) -> Result<()> {
    let member = chumchon::members::get(conn, member_no)?;
    let entries = waste::credit_history(conn, member.id)?;
    let balance = entries.last().map_or(Satang::ZERO, |entry| entry.balance);
    if json {
        return print_json(&BalanceJson {
            member_no: &member.details.member_no,
            balance_satang: balance.satang(),
            entries: entries
                .iter()
                .map(|entry| EntryJson {
                    id: entry.id,
                    date: entry.date,
                    kind: entry.kind,
                    amount_satang: entry.amount.satang(),
                    deposit_id: entry.deposit_id,
                    share_transaction_id: entry.share_transaction_id,
                    note: entry.note.as_deref(),
                    balance_satang: entry.balance.satang(),
                })
                .collect(),
        });
    }
    for entry in &entries {
        crate::output::line(&format!(
            "{}\t{:?}\t{}\t{}",
            chumchon::thai::date::format_numeric(entry.date),
            entry.kind,
            entry.amount,
            entry.balance
        ))?;
    }
    crate::output::line(&format!(
        "{} plastic credit {balance} baht",
        member.details.member_no
    ))
}

/// Runs a `report` command.
pub(crate) fn report(cli: &Cli, command: &ReportCommand) -> Result<ExitCode> {
    let conn = crate::open(cli, false)?;
    let ctx = crate::context(cli);
    match command {
        ReportCommand::Programme {
            from,
            to,
            community,
            out,
            json,
        } => programme(&conn, &ctx, (from, to), community, out, *json)?,
        ReportCommand::Stock { json } => stock(&conn, *json)?,
        ReportCommand::Margin { from, to, json } => margin(&conn, from, to, *json)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn programme(
    conn: &Connection,
    ctx: &Context,
    (from, to): (&str, &str),
    community: &[String],
    out: &Path,
    json: bool,
) -> Result<()> {
    let mut filter = ReportFilter::new(crate::parse_date(from)?, crate::parse_date(to)?)?;
    for name in community {
        let found =
            chumchon::members::find_community(conn, name)?.ok_or_else(|| Error::NotFound {
                what: "community",
                key: name.clone(),
            })?;
        filter.community_ids.push(found.id);
    }
    let report = if is_xlsx(out) {
        chumchon::export::programme_report(conn, ctx, &filter, out)?
    } else {
        waste::documents::write_programme_report(conn, &filter, ctx.today(), out)?
    };
    if json {
        return print_json(&report);
    }
    crate::output::line(&format!(
        "wrote {}: {} kg, {} kg of it plastic, {} active members, {} baht returned",
        out.display(),
        waste::format_kg(report.total_grams),
        waste::format_kg(report.plastic_grams),
        report.active_members,
        report.value_returned
    ))
}

fn stock(conn: &Connection, json: bool) -> Result<()> {
    let lines = waste::stock(conn)?;
    if json {
        return print_json(&lines);
    }
    for line in &lines {
        crate::output::line(&format!(
            "{}\t{}\t{}\t{} kg",
            line.community,
            line.point,
            line.material,
            waste::format_kg(line.grams)
        ))?;
    }
    Ok(())
}

fn margin(conn: &Connection, from: &str, to: &str, json: bool) -> Result<()> {
    let filter = ReportFilter::new(crate::parse_date(from)?, crate::parse_date(to)?)?;
    let rows = waste::margin_by_month(conn, filter.from, filter.to)?;
    if json {
        return print_json(&rows);
    }
    for row in &rows {
        crate::output::line(&format!(
            "{}\trevenue {}\tcost {}\tcollectors {}\tmargin {}",
            row.month.label(),
            row.revenue,
            row.cost,
            row.collector_pay,
            row.margin
        ))?;
    }
    Ok(())
}

fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("xlsx"))
}

fn print_json(value: &impl Serialize) -> Result<()> {
    crate::output::line(&serde_json::to_string_pretty(value)?)
}
