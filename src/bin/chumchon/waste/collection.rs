//! The `waste` commands: collectors (ซาเล้ง), their regular rounds and the
//! weekly schedule, what each round brought in and what the collector was
//! paid, and sales to buyers out of a collection point's stock. A
//! collector is edited or deactivated in place, and a sale is corrected
//! by a reversal. `waste prices` lives in the `prices` module.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{ArgGroup, Args, Subcommand};
use rusqlite::Connection;
use serde::Serialize;

use chumchon::waste::collectors::{self, Frequency, NewCollector, NewRoundRecord};
use chumchon::waste::sales::{self, NewSale, NewSaleLine};
use chumchon::waste::{self, Catalog};
use chumchon::{Context, Error, Result, Satang};

use super::prices::{self, PricesCommand};
use super::{date_or_today, parse_line, print_json};
use crate::Cli;

#[derive(Debug, Subcommand)]
pub(crate) enum WasteCommand {
    /// Add, list, edit, deactivate or reactivate collectors.
    #[command(subcommand)]
    Collectors(CollectorsCommand),
    /// Add or list regular rounds, record what a round brought in, or list
    /// the recorded rounds.
    #[command(subcommand)]
    Rounds(RoundsCommand),
    /// The rounds of each weekday, Monday to Sunday.
    Schedule {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record, list or reverse sales to buyers.
    #[command(subcommand)]
    Sales(SalesCommand),
    /// Set or list the prices that buyers pay.
    #[command(subcommand)]
    Prices(PricesCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum CollectorsCommand {
    /// Add a collector.
    Add {
        /// Name; must not be taken by another collector.
        #[arg(long, value_name = "NAME")]
        name: String,
        /// Phone number.
        #[arg(long, value_name = "PHONE")]
        phone: Option<String>,
        /// Vehicle, such as "ซาเล้ง กข 1234".
        #[arg(long, value_name = "TEXT")]
        vehicle: Option<String>,
        /// A zone served, as "COMMUNITY/ZONE", created in the community
        /// when new; repeatable.
        #[arg(long = "zone", value_name = "COMMUNITY/ZONE")]
        zones: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the collectors with their zones.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a collector's name, phone, vehicle or zones. The options not
    /// given keep their values.
    Edit(Box<EditCollectorArgs>),
    /// Deactivate a collector: their rounds leave the weekly schedule and
    /// they take no new rounds. Their rounds and records are kept.
    Deactivate {
        /// The collector's number, as `waste collectors list` prints it.
        id: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Reactivate a deactivated collector.
    Activate {
        /// The collector's number, as `waste collectors list` prints it.
        id: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("change")
        .required(true)
        .multiple(true)
        .args(["name", "phone", "vehicle", "zones", "no_zones"])
))]
pub(crate) struct EditCollectorArgs {
    /// The collector's number, as `waste collectors list` prints it.
    id: i64,
    /// New name; must not be taken by another collector.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// New phone number; an empty value removes it.
    #[arg(long, value_name = "PHONE")]
    phone: Option<String>,
    /// New vehicle; an empty value removes it.
    #[arg(long, value_name = "TEXT")]
    vehicle: Option<String>,
    /// A zone served, as "COMMUNITY/ZONE", created in the community when
    /// new; repeatable. The zones given replace the collector's zones.
    #[arg(
        long = "zone",
        visible_alias = "zones",
        value_name = "COMMUNITY/ZONE",
        conflicts_with = "no_zones"
    )]
    zones: Vec<String>,
    /// Remove every zone of the collector.
    #[arg(long)]
    no_zones: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum RoundsCommand {
    /// Add a regular round of a collector through a zone.
    Add {
        /// The collector's name.
        #[arg(long, value_name = "NAME")]
        collector: String,
        /// The zone, as "COMMUNITY/ZONE", created in the community when new.
        #[arg(long, value_name = "COMMUNITY/ZONE")]
        zone: String,
        /// Run the round every day.
        #[arg(long, required_unless_present = "weekday", conflicts_with = "weekday")]
        daily: bool,
        /// Run the round once a week on this weekday, 1 (Monday) to 7
        /// (Sunday).
        #[arg(long, value_name = "1-7")]
        weekday: Option<u8>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the regular rounds.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record what a collector's round brought in on one day and what the
    /// collector was paid.
    Record(Box<RecordRoundArgs>),
    /// List the recorded rounds of a period.
    Records {
        /// First day, such as 1/3/2567.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub(crate) struct RecordRoundArgs {
    /// The collector's name.
    #[arg(long, value_name = "NAME")]
    collector: String,
    /// The regular round's number, as `waste rounds list` prints it.
    #[arg(long, value_name = "ID")]
    round: Option<i64>,
    /// Date of the round, such as 15/03/2568; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// A point or household visited; repeatable.
    #[arg(long = "visit", value_name = "TEXT")]
    visited: Vec<String>,
    /// A material and the kilograms brought in, such as "PET_CLEAR=12.5";
    /// repeatable.
    #[arg(long = "line", value_name = "MATERIAL=KG")]
    lines: Vec<String>,
    /// What the collector was paid, in baht.
    #[arg(long, value_name = "BAHT", default_value = "0")]
    paid: String,
    /// The collection point the kilograms were delivered to, which adds
    /// them to its stock.
    #[arg(long, value_name = "NAME")]
    point: Option<String>,
    /// The point's community, when several have a point of that name.
    #[arg(long, value_name = "NAME", requires = "point")]
    community: Option<String>,
    /// Free-text note.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum SalesCommand {
    /// Record a sale out of a collection point's stock.
    Add(Box<AddSaleArgs>),
    /// List the sales of a period with their lines.
    List {
        /// First day, such as 1/3/2567.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Reverse a sale: record a sale with the same lines negated, which
    /// puts the kilograms back into the point's stock.
    Reverse {
        /// The sale's number, as `waste sales list` prints it.
        id: i64,
        /// The reason for the reversal, kept with it.
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub(crate) struct AddSaleArgs {
    /// The buyer's name, added when new.
    #[arg(long, value_name = "NAME")]
    buyer: String,
    /// The collection point the kilograms leave from.
    #[arg(long, value_name = "NAME")]
    point: String,
    /// The point's community, when several have a point of that name.
    #[arg(long, value_name = "NAME")]
    community: Option<String>,
    /// Date of the sale, such as 15/03/2568; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// A material and its kilograms, with the price in baht a kilogram
    /// after @ when it is not the buyer's price list's, such as
    /// "PET_CLEAR=50@12"; repeatable.
    #[arg(long = "line", value_name = "MATERIAL=KG[@BAHT]", required = true)]
    lines: Vec<String>,
    /// The buyer's receipt or weighing-slip number.
    #[arg(long, value_name = "NO")]
    receipt_no: Option<String>,
    /// Record the sale even when it is more than the point's stock.
    #[arg(long)]
    force: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs a `waste` command.
pub(crate) fn waste(cli: &Cli, command: &WasteCommand) -> Result<ExitCode> {
    let mut conn = crate::open(cli, false)?;
    let ctx = crate::context(cli);
    match command {
        WasteCommand::Collectors(command) => run_collectors(&mut conn, &ctx, command)?,
        WasteCommand::Rounds(command) => run_rounds(&mut conn, &ctx, command)?,
        WasteCommand::Schedule { json } => schedule(&conn, *json)?,
        WasteCommand::Sales(SalesCommand::Add(args)) => add_sale(&mut conn, &ctx, args)?,
        WasteCommand::Sales(SalesCommand::List { from, to, json }) => {
            let (from, to) = period(from, to)?;
            list_sales(&conn, from, to, *json)?;
        }
        WasteCommand::Sales(SalesCommand::Reverse { id, reason, json }) => {
            reverse_sale(&mut conn, &ctx, *id, reason, *json)?;
        }
        WasteCommand::Prices(command) => prices::run(&mut conn, &ctx, command)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn period(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate)> {
    let filter = waste::ReportFilter::new(crate::parse_date(from)?, crate::parse_date(to)?)?;
    Ok((filter.from, filter.to))
}

/// Finds the zone "COMMUNITY/ZONE", creating the zone when new.
fn ensure_zone(conn: &Connection, text: &str) -> Result<i64> {
    let (community, zone) = text.split_once('/').ok_or_else(|| {
        Error::rule(
            "invalid_zone",
            format!("invalid zone “{text}”: expected COMMUNITY/ZONE"),
        )
    })?;
    let community = community.trim();
    let found =
        chumchon::members::find_community(conn, community)?.ok_or_else(|| Error::NotFound {
            what: "community",
            key: community.to_string(),
        })?;
    collectors::ensure_zone(conn, found.id, zone)
}

fn find_collector(conn: &Connection, name: &str) -> Result<collectors::Collector> {
    collectors::find_collector(conn, name)?.ok_or_else(|| Error::NotFound {
        what: "collector",
        key: name.trim().to_string(),
    })
}

fn run_collectors(conn: &mut Connection, ctx: &Context, command: &CollectorsCommand) -> Result<()> {
    match command {
        CollectorsCommand::Add {
            name,
            phone,
            vehicle,
            zones,
            json,
        } => {
            let collector = crate::in_transaction(conn, |tx| {
                let zone_ids = zones
                    .iter()
                    .map(|zone| ensure_zone(tx, zone))
                    .collect::<Result<Vec<_>>>()?;
                let new = NewCollector {
                    name: name.clone(),
                    phone: phone.clone(),
                    vehicle: vehicle.clone(),
                    zone_ids,
                };
                let id = collectors::add_collector(tx, ctx, &new)?;
                collectors::collector(tx, id)
            })?;
            if *json {
                return print_json(&collector);
            }
            crate::output::line(&format!(
                "added collector {} ({})",
                collector.id, collector.name
            ))
        }
        CollectorsCommand::List { json } => {
            let all = collectors::list_collectors(conn)?;
            if *json {
                return print_json(&all);
            }
            for collector in &all {
                crate::output::line(&collector_line(collector))?;
            }
            Ok(())
        }
        CollectorsCommand::Edit(args) => edit_collector(conn, ctx, args),
        CollectorsCommand::Deactivate { id, json } => {
            set_collector_active(conn, ctx, *id, false, *json)
        }
        CollectorsCommand::Activate { id, json } => {
            set_collector_active(conn, ctx, *id, true, *json)
        }
    }
}

/// Formats a collector as `waste collectors list` prints it, marked
/// when deactivated.
fn collector_line(collector: &collectors::Collector) -> String {
    let mut line = format!(
        "{}\t{}\t{}\t{}\t{}",
        collector.id,
        collector.name,
        collector.phone.as_deref().unwrap_or(""),
        collector.vehicle.as_deref().unwrap_or(""),
        collector.zones.join(", ")
    );
    if !collector.active {
        line.push_str("\tdeactivated");
    }
    line
}

fn edit_collector(conn: &mut Connection, ctx: &Context, args: &EditCollectorArgs) -> Result<()> {
    let collector = crate::in_transaction(conn, |tx| {
        let before = collectors::collector(tx, args.id)?;
        let zone_ids = if args.no_zones {
            Vec::new()
        } else if args.zones.is_empty() {
            before.zone_ids.clone()
        } else {
            args.zones
                .iter()
                .map(|zone| ensure_zone(tx, zone))
                .collect::<Result<Vec<_>>>()?
        };
        let details = NewCollector {
            name: args.name.clone().unwrap_or(before.name),
            phone: replaced(args.phone.as_deref(), before.phone),
            vehicle: replaced(args.vehicle.as_deref(), before.vehicle),
            zone_ids,
        };
        collectors::update_collector(tx, ctx, args.id, &details)
    })?;
    if args.json {
        return print_json(&collector);
    }
    crate::output::line(&format!(
        "updated collector {} ({})",
        collector.id, collector.name
    ))
}

/// Chooses the value of an optional text field after an edit: `given`
/// when the option was given, none when it was given empty, else `kept`.
fn replaced(given: Option<&str>, kept: Option<String>) -> Option<String> {
    match given.map(str::trim) {
        Some("") => None,
        Some(text) => Some(text.to_string()),
        None => kept,
    }
}

fn set_collector_active(
    conn: &mut Connection,
    ctx: &Context,
    id: i64,
    active: bool,
    json: bool,
) -> Result<()> {
    let collector = crate::in_transaction(conn, |tx| {
        collectors::set_collector_active(tx, ctx, id, active)
    })?;
    if json {
        return print_json(&collector);
    }
    let state = if collector.active {
        "active"
    } else {
        "deactivated"
    };
    crate::output::line(&format!(
        "collector {} ({}) is {state}",
        collector.id, collector.name
    ))
}

fn run_rounds(conn: &mut Connection, ctx: &Context, command: &RoundsCommand) -> Result<()> {
    match command {
        RoundsCommand::Add {
            collector,
            zone,
            daily,
            weekday,
            json,
        } => {
            let frequency = match (daily, weekday) {
                (_, Some(day)) => Frequency::Weekly(*day),
                _ => Frequency::Daily,
            };
            let round = crate::in_transaction(conn, |tx| {
                let collector = find_collector(tx, collector)?;
                let zone_id = ensure_zone(tx, zone)?;
                let id = collectors::add_round(tx, ctx, collector.id, zone_id, frequency)?;
                collectors::list_rounds(tx)?
                    .into_iter()
                    .find(|round| round.id == id)
                    .ok_or_else(|| Error::NotFound {
                        what: "round",
                        key: id.to_string(),
                    })
            })?;
            if *json {
                return print_json(&round);
            }
            crate::output::line(&format!("added round {}", round.id))
        }
        RoundsCommand::List { json } => {
            let rounds = collectors::list_rounds(conn)?;
            if *json {
                return print_json(&rounds);
            }
            for round in &rounds {
                let when = match round.frequency {
                    Frequency::Daily => "daily".to_string(),
                    Frequency::Weekly(day) => format!("weekday {day}"),
                };
                crate::output::line(&format!(
                    "{}\t{}\t{} / {}\t{when}",
                    round.id, round.collector, round.community, round.zone
                ))?;
            }
            Ok(())
        }
        RoundsCommand::Record(args) => record_round(conn, ctx, args),
        RoundsCommand::Records { from, to, json } => {
            let (from, to) = period(from, to)?;
            let records = collectors::round_records(conn, from, to)?;
            if *json {
                return print_json(&records);
            }
            for record in &records {
                crate::output::line(&round_record_line(record))?;
            }
            Ok(())
        }
    }
}

fn round_record_line(record: &collectors::RoundRecord) -> String {
    let kg: Vec<String> = record
        .grams_by_material
        .iter()
        .map(|(code, grams)| format!("{code} {} kg", waste::format_kg(*grams)))
        .collect();
    format!(
        "{}\t{}\t{}\t{}\tpaid {}",
        record.id,
        chumchon::thai::date::format_numeric(record.date),
        record.collector,
        kg.join(", "),
        record.paid
    )
}

fn record_round(conn: &mut Connection, ctx: &Context, args: &RecordRoundArgs) -> Result<()> {
    let date = date_or_today(args.date.as_deref(), ctx)?;
    let paid = args
        .paid
        .parse::<Satang>()
        .map_err(|error| Error::rule("invalid_amount", error.to_string()))?;
    let record = crate::in_transaction(conn, |tx| {
        let collector = find_collector(tx, &args.collector)?;
        let catalog = Catalog::load(tx)?;
        let mut lines = Vec::new();
        for text in &args.lines {
            let line = parse_line(&catalog, text)?;
            lines.push((line.material_id, line.grams));
        }
        let point_id = match &args.point {
            Some(name) => Some(waste::lookup_point(tx, args.community.as_deref(), name)?.id),
            None => None,
        };
        let new = NewRoundRecord {
            collector_id: collector.id,
            round_id: args.round,
            date,
            visited: args.visited.clone(),
            lines,
            paid,
            point_id,
            note: args.note.clone(),
        };
        let id = collectors::record_round(tx, ctx, &new)?;
        collectors::round_record(tx, id)
    })?;
    if args.json {
        return print_json(&record);
    }
    crate::output::line(&format!("recorded round {}", round_record_line(&record)))
}

fn schedule(conn: &Connection, json: bool) -> Result<()> {
    let days = collectors::weekly_schedule(conn)?;
    if json {
        return print_json(&days);
    }
    for day in &days {
        let rounds: Vec<String> = day
            .rounds
            .iter()
            .map(|round| format!("{} ({} / {})", round.collector, round.community, round.zone))
            .collect();
        crate::output::line(&format!("{}\t{}", day.name, rounds.join(", ")))?;
    }
    Ok(())
}

/// The JSON of `waste sales add`: the sale as stored, with the lines that
/// were more than the stock.
#[derive(Serialize)]
struct SaleJson {
    #[serde(flatten)]
    sale: sales::Sale,
    shortfalls: Vec<sales::Shortfall>,
}

fn add_sale(conn: &mut Connection, ctx: &Context, args: &AddSaleArgs) -> Result<()> {
    let date = date_or_today(args.date.as_deref(), ctx)?;
    let (sale, shortfalls) = crate::in_transaction(conn, |tx| {
        let buyer = waste::ensure_buyer(tx, ctx, &args.buyer, None)?;
        let point = waste::lookup_point(tx, args.community.as_deref(), &args.point)?;
        let catalog = Catalog::load(tx)?;
        let mut lines = Vec::new();
        for text in &args.lines {
            let line = parse_line(&catalog, text)?;
            lines.push(NewSaleLine {
                material_id: line.material_id,
                grams: line.grams,
                satang_per_kg: line.satang_per_kg,
            });
        }
        let new = NewSale {
            buyer_id: buyer.id,
            point_id: point.id,
            date,
            receipt_no: args.receipt_no.clone(),
            note: None,
            lines,
            force: args.force,
        };
        let shortfalls = sales::sale_shortfalls(tx, &new)?;
        let outcome = waste::record_sale(tx, ctx, &new)?;
        Ok((sales::get_sale(tx, outcome.sale_id)?, shortfalls))
    })?;
    if args.json {
        return print_json(&SaleJson { sale, shortfalls });
    }
    crate::output::line(&format!(
        "recorded sale {} to {}: {} baht",
        sale.id, sale.buyer, sale.revenue
    ))?;
    if let Some(warning) = &sale.warning {
        crate::output::line(&format!("warning: {warning}"))?;
    }
    Ok(())
}

fn reverse_sale(
    conn: &mut Connection,
    ctx: &Context,
    id: i64,
    reason: &str,
    json: bool,
) -> Result<()> {
    let reversal = crate::in_transaction(conn, |tx| {
        let reversal_id = waste::reverse_sale(tx, ctx, id, reason)?;
        sales::get_sale(tx, reversal_id)
    })?;
    if json {
        return print_json(&reversal);
    }
    crate::output::line(&format!(
        "reversed sale {id} with sale {}: {} baht",
        reversal.id, reversal.revenue
    ))
}

fn list_sales(conn: &Connection, from: NaiveDate, to: NaiveDate, json: bool) -> Result<()> {
    let all = sales::list_sales(conn, from, to)?;
    if json {
        return print_json(&all);
    }
    for sale in &all {
        let kg: Vec<String> = sale
            .lines
            .iter()
            .map(|line| format!("{} {} kg", line.material, waste::format_kg(line.grams)))
            .collect();
        // A reversal and the sale it cancels are marked, since their
        // kilograms and revenue would otherwise read as two sales.
        let mark = match (sale.reverses_id, sale.reversed_by) {
            (Some(original), _) => format!("\treverses sale {original}"),
            (None, Some(reversal)) => format!("\treversed by sale {reversal}"),
            (None, None) => String::new(),
        };
        crate::output::line(&format!(
            "{}\t{}\t{}\t{} / {}\t{}\t{} baht{mark}",
            sale.id,
            chumchon::thai::date::format_numeric(sale.date),
            sale.buyer,
            sale.community,
            sale.point,
            kg.join(", "),
            sale.revenue
        ))?;
    }
    Ok(())
}
