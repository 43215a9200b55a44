//! The exchange's commands: importing equipment lists, the register of
//! each community's items, lending and reservations, needs and offers and
//! their matches, transfers, the money they moved, and the reports.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand, ValueEnum};
use rusqlite::Connection;
use serde::Serialize;

use chumchon::exchange::{
    self, Borrower, Category, ItemDetails, ItemFilter, LoanTerms, MatchFilter, NewItem, NewLoan,
    NewPost, NewReservation, NewTransfer, OfferKind, Return, Status, Tracking, TransferTerms,
};
use chumchon::import::equipment as equipment_import;
use chumchon::{Context, Error, Result, Satang};

use crate::output::line;
use crate::{Cli, ImportCommon};

#[derive(Debug, Args)]
pub(crate) struct ImportEquipmentArgs {
    #[command(flatten)]
    pub common: ImportCommon,
    /// Community the list belongs to; for rows without a community of
    /// their own.
    #[arg(long, value_name = "NAME")]
    pub community: Option<String>,
    /// Create this community if it is not in the register (repeatable).
    /// Rows of any other unknown community are rejected.
    #[arg(long, value_name = "NAME")]
    pub create_community: Vec<String>,
    /// Create every community the file names that is not in the register.
    #[arg(long, conflicts_with = "create_community")]
    pub create_communities: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum StatusArg {
    /// Usable (also: fixed).
    Available,
    /// Being repaired.
    UnderRepair,
    /// Lacks a part; give it with --missing.
    PartMissing,
    /// Out of use for good.
    Retired,
}

impl StatusArg {
    fn status(self) -> Status {
        match self {
            StatusArg::Available => Status::Available,
            StatusArg::UnderRepair => Status::UnderRepair,
            StatusArg::PartMissing => Status::PartMissing,
            StatusArg::Retired => Status::Retired,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum OfferKindArg {
    /// A used item to give away or sell.
    SecondHand,
    /// A spare part.
    SparePart,
    /// Something to lend.
    Lend,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum FulfilArg {
    /// Lend the offered item to the needing community.
    Lend,
    /// Give or sell it to the needing community.
    Transfer,
}

/// Borrower of a loan or reservation: a community or a member.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub(crate) struct BorrowerArgs {
    /// Borrowing community.
    #[arg(long = "to-community", value_name = "NAME")]
    community: Option<String>,
    /// Borrowing member, by member number.
    #[arg(long = "to-member", value_name = "NO")]
    member: Option<String>,
}

/// A need and an offer, by their numbers.
#[derive(Debug, Args)]
pub(crate) struct PairArgs {
    /// Number of the need.
    #[arg(long, value_name = "ID")]
    need: i64,
    /// Number of the offer.
    #[arg(long, value_name = "ID")]
    offer: i64,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ExchangeCommand {
    /// Post what a community needs, such as "ฝาหม้อหุงข้าว 10 ลิตร".
    Need {
        /// Community that needs it.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Category code, such as kitchen; guessed from the text if left out.
        #[arg(long, value_name = "CODE")]
        category: Option<String>,
        /// Number of pieces needed.
        #[arg(long, default_value_t = 1)]
        quantity: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Description of the need.
        text: String,
    },
    /// Post what a community offers: a second-hand item, a spare part or
    /// something to lend.
    Offer {
        /// Community that offers it.
        #[arg(long, value_name = "NAME")]
        community: String,
        /// Kind of offer.
        #[arg(long, value_enum, default_value = "second-hand")]
        kind: OfferKindArg,
        /// Category code, such as kitchen; guessed from the text if left out.
        #[arg(long, value_name = "CODE")]
        category: Option<String>,
        /// Number of the offered item in the community's register.
        #[arg(long, value_name = "ID")]
        item: Option<i64>,
        /// Number of pieces offered.
        #[arg(long, default_value_t = 1)]
        quantity: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Description of the offer.
        text: String,
    },
    /// Proposed matches between needs and offers.
    Matches {
        /// Also list accepted, declined and carried-out matches, with their
        /// status.
        #[arg(long)]
        all: bool,
        /// Only matches in which this community needs or offers.
        #[arg(long, value_name = "NAME")]
        community: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Accept a match of a need and an offer.
    Accept(PairArgs),
    /// Decline a match, so it is not proposed again.
    Decline(PairArgs),
    /// Undo an accept or a decline.
    Undo(PairArgs),
    /// Carry out an accepted match by a loan or a transfer.
    Fulfil(FulfilArgs),
    /// Close a need or an offer that is no longer wanted.
    Close {
        /// Number of the need or offer.
        id: i64,
    },
    /// List the equipment register.
    Items {
        /// Only this community's items.
        #[arg(long, value_name = "NAME")]
        community: Option<String>,
        /// Include retired items.
        #[arg(long)]
        all: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add an item to a community's register.
    AddItem(AddItemArgs),
    /// Set an item's status: available (fixed), under repair, part missing
    /// or retired.
    SetStatus {
        /// Number of the item.
        item: i64,
        /// New status.
        #[arg(long, value_enum)]
        status: StatusArg,
        /// The missing part, for part-missing, such as "ฝา".
        #[arg(long, value_name = "TEXT")]
        missing: Option<String>,
    },
    /// Lend an item to another community or a member.
    Lend(LendArgs),
    /// Check a loan back in.
    Return(ReturnArgs),
    /// Reserve an item for future dates.
    Reserve(ReserveArgs),
    /// Cancel a reservation.
    CancelReservation {
        /// Number of the reservation.
        id: i64,
    },
    /// Loans past their due date.
    Overdue {
        /// Date to judge by, such as 31/01/2568; defaults to today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// An item's history.
    History {
        /// Number of the item.
        item: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Give or sell an item, or some pieces of a stock, to another
    /// community.
    Transfer(TransferArgs),
    /// Money moved by loans and sales.
    Money {
        /// First date, such as 1/1/2568.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last date.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the report of what each community owns, lends and borrows,
    /// utilisation and overdue loans, as .xlsx or .pdf by the file name.
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub(crate) struct FulfilArgs {
    #[command(flatten)]
    pair: PairArgs,
    /// Lend or transfer.
    #[arg(long, value_enum)]
    by: FulfilArg,
    /// Date of the loan or transfer; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Due date of a loan.
    #[arg(long, value_name = "DATE", required_if_eq("by", "lend"))]
    due: Option<String>,
    /// Deposit of a loan, in baht.
    #[arg(long, value_name = "BAHT")]
    deposit: Option<String>,
    /// Fee of a loan, in baht.
    #[arg(long, value_name = "BAHT")]
    fee: Option<String>,
    /// Price of a transfer, in baht; a gift without it.
    #[arg(long, value_name = "BAHT")]
    price: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct AddItemArgs {
    /// Owning community.
    #[arg(long, value_name = "NAME")]
    community: String,
    /// Create the community when it is not in the register, instead of
    /// failing with the closest names.
    #[arg(long)]
    create_community: bool,
    /// Name of the item.
    #[arg(long, value_name = "TEXT")]
    name: String,
    /// The office's own number for the item.
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
    /// Category code, such as kitchen; guessed from the name if left out.
    #[arg(long, value_name = "CODE")]
    category: Option<String>,
    /// Number of pieces; above 1 makes it counted stock.
    #[arg(long, default_value_t = 1)]
    quantity: i64,
    /// Condition, such as "ดี".
    #[arg(long, value_name = "TEXT")]
    condition: Option<String>,
    /// Place where it is kept.
    #[arg(long, value_name = "TEXT")]
    location: Option<String>,
    /// Value of one piece, in baht.
    #[arg(long, value_name = "BAHT")]
    value: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct LendArgs {
    /// Number of the item.
    item: i64,
    #[command(flatten)]
    borrower: BorrowerArgs,
    /// Date it goes out; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Date it is due back.
    #[arg(long, value_name = "DATE")]
    due: String,
    /// Pieces lent.
    #[arg(long, default_value_t = 1)]
    quantity: i64,
    /// Deposit, in baht.
    #[arg(long, value_name = "BAHT")]
    deposit: Option<String>,
    /// Fee, in baht.
    #[arg(long, value_name = "BAHT")]
    fee: Option<String>,
    /// The borrower's reservation this loan fulfils.
    #[arg(long, value_name = "ID")]
    reservation: Option<i64>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ReturnArgs {
    /// Number of the loan.
    loan: i64,
    /// Date it came back; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Condition as found.
    #[arg(long, value_name = "TEXT")]
    condition: Option<String>,
    /// Status it returns to.
    #[arg(long, value_enum, default_value = "available")]
    status: StatusArg,
    /// The missing part, for part-missing.
    #[arg(long, value_name = "TEXT")]
    missing: Option<String>,
    /// Deposit refunded, in baht; the whole deposit without it.
    #[arg(long, value_name = "BAHT")]
    refund: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ReserveArgs {
    /// Number of the item.
    item: i64,
    #[command(flatten)]
    borrower: BorrowerArgs,
    /// First day.
    #[arg(long, value_name = "DATE")]
    from: String,
    /// Last day.
    #[arg(long, value_name = "DATE")]
    to: String,
    /// Pieces reserved.
    #[arg(long, default_value_t = 1)]
    quantity: i64,
}

#[derive(Debug, Args)]
pub(crate) struct TransferArgs {
    /// Number of the item.
    item: i64,
    /// Receiving community.
    #[arg(long = "to-community", value_name = "NAME")]
    community: String,
    /// Pieces of a stock; the whole item without it.
    #[arg(long)]
    quantity: Option<i64>,
    /// Date; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Price in baht; a gift without it.
    #[arg(long, value_name = "BAHT")]
    price: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// File to write: .xlsx or .pdf.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Date the holdings and overdue loans are stated on; defaults to today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// First day of the utilisation period; defaults to 1 January of the
    /// as-of date's year.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day of the utilisation period; defaults to the as-of date.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

/// Runs `import equipment`.
pub(crate) fn import_equipment(
    conn: &mut Connection,
    ctx: &Context,
    args: &ImportEquipmentArgs,
) -> Result<ExitCode> {
    let (mode, accept) = crate::import_mode(&args.common);
    let options = equipment_import::Options {
        sheet: args.common.sheet.clone(),
        community: args.community.clone(),
        create_communities: new_communities(args),
        accept,
    };
    let mut bar = crate::progress::Bar::new("import");
    let outcome = equipment_import::import(
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
        for (community, count) in &outcome.details.items_by_community {
            line(&format!(
                "  {community}: {}",
                crate::output::counted(*count, "item", "items")
            ))?;
        }
        for unknown in &outcome.details.unknown_communities {
            line(&format!(
                "  community not in the register: {} ({}); closest: {}; correct the \
                 name, or add --create-community \"{}\"",
                unknown.name,
                crate::output::counted(unknown.rows, "row", "rows"),
                if unknown.closest.is_empty() {
                    "none".to_string()
                } else {
                    unknown.closest.join(", ")
                },
                unknown.name
            ))?;
        }
        if outcome.details.part_missing > 0 {
            line(&format!(
                "  items lacking a part, posted as needs: {}",
                outcome.details.part_missing
            ))?;
        }
    }
    Ok(crate::import_status(&outcome.report))
}

/// Reads which unknown communities `import equipment` may create.
fn new_communities(args: &ImportEquipmentArgs) -> equipment_import::NewCommunities {
    if args.create_communities {
        equipment_import::NewCommunities::All
    } else if args.create_community.is_empty() {
        equipment_import::NewCommunities::None
    } else {
        let names = args.create_community.iter().cloned().collect();
        equipment_import::NewCommunities::Named(names)
    }
}

/// Runs an `exchange` command.
pub(crate) fn exchange(cli: &Cli, command: &ExchangeCommand) -> Result<ExitCode> {
    let creates = matches!(command, ExchangeCommand::AddItem(_));
    let mut conn = crate::open(cli, creates)?;
    let ctx = crate::context(cli);
    match command {
        ExchangeCommand::Need {
            community,
            category,
            quantity,
            json,
            text,
        } => {
            let post = NewPost {
                category: category.as_deref().map(parse_category).transpose()?,
                quantity: *quantity,
                ..NewPost::need(community_id(&conn, community)?, text.clone())
            };
            post_and_print(&mut conn, &ctx, &post, *json)
        }
        ExchangeCommand::Offer {
            community,
            kind,
            category,
            item,
            quantity,
            json,
            text,
        } => {
            let post = NewPost {
                category: category.as_deref().map(parse_category).transpose()?,
                offer_kind: Some(offer_kind(*kind)),
                item_id: *item,
                quantity: *quantity,
                ..NewPost::offer(community_id(&conn, community)?, text.clone())
            };
            post_and_print(&mut conn, &ctx, &post, *json)
        }
        ExchangeCommand::Matches {
            all,
            community,
            json,
        } => matches(&conn, *all, community.as_deref(), *json),
        ExchangeCommand::Accept(pair) => decide(&mut conn, &ctx, pair, exchange::accept_match),
        ExchangeCommand::Decline(pair) => decide(&mut conn, &ctx, pair, exchange::decline_match),
        ExchangeCommand::Undo(pair) => decide(&mut conn, &ctx, pair, exchange::undo_match),
        ExchangeCommand::Fulfil(args) => fulfil(&mut conn, &ctx, args),
        ExchangeCommand::Close { id } => {
            let post = crate::in_transaction(&mut conn, |tx| exchange::close_post(tx, &ctx, *id))?;
            line(&format!("closed {} {}", post.kind.as_str(), post.id))
        }
        ExchangeCommand::Items {
            community,
            all,
            json,
        } => items(&conn, community.as_deref(), *all, *json),
        ExchangeCommand::AddItem(args) => add_item(&mut conn, &ctx, args),
        ExchangeCommand::SetStatus {
            item,
            status,
            missing,
        } => {
            let item = crate::in_transaction(&mut conn, |tx| {
                exchange::set_status(tx, &ctx, *item, status.status(), missing.as_deref())
            })?;
            line(&format!("item {} is {}", item.id, status_text(&item)))
        }
        ExchangeCommand::Lend(args) => lend(&mut conn, &ctx, args),
        ExchangeCommand::Return(args) => return_loan(&mut conn, &ctx, args),
        ExchangeCommand::Reserve(args) => reserve(&mut conn, &ctx, args),
        ExchangeCommand::CancelReservation { id } => {
            crate::in_transaction(&mut conn, |tx| exchange::cancel_reservation(tx, &ctx, *id))?;
            line(&format!("cancelled reservation {id}"))
        }
        ExchangeCommand::Overdue { as_of, json } => {
            let as_of = optional_date(as_of.as_deref(), &ctx)?;
            overdue(&conn, as_of, *json)
        }
        ExchangeCommand::History { item, json } => history(&conn, *item, *json),
        ExchangeCommand::Transfer(args) => transfer(&mut conn, &ctx, args),
        ExchangeCommand::Money { from, to, json } => money(&conn, from, to, *json),
        ExchangeCommand::Report(args) => report(&conn, &ctx, args),
    }?;
    Ok(ExitCode::SUCCESS)
}

fn print_json(value: &impl Serialize) -> Result<()> {
    line(&serde_json::to_string_pretty(value)?)
}

/// The id of an existing community, by name, code or alias. An unknown
/// name fails with the closest names.
fn community_id(conn: &Connection, name: &str) -> Result<i64> {
    Ok(exchange::names::find_community(conn, name)?.id)
}

fn parse_category(text: &str) -> Result<Category> {
    Category::parse(text.trim()).ok_or_else(|| {
        let codes: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
        Error::rule(
            "invalid_category",
            format!(
                "unknown category “{text}”: expected one of {}",
                codes.join(", ")
            ),
        )
    })
}

fn offer_kind(kind: OfferKindArg) -> OfferKind {
    match kind {
        OfferKindArg::SecondHand => OfferKind::SecondHand,
        OfferKindArg::SparePart => OfferKind::SparePart,
        OfferKindArg::Lend => OfferKind::Lend,
    }
}

/// Reads an amount in baht, or zero when none is given.
fn baht(text: Option<&str>) -> Result<Satang> {
    let Some(text) = text else {
        return Ok(Satang::ZERO);
    };
    text.parse::<Satang>()
        .map_err(|error| Error::rule("invalid_amount", error.to_string()))
}

fn optional_date(text: Option<&str>, ctx: &Context) -> Result<NaiveDate> {
    text.map_or(Ok(ctx.today()), crate::parse_date)
}

/// The JSON of a posted need or offer.
#[derive(Serialize)]
struct PostJson<'a> {
    id: i64,
    kind: &'static str,
    community: &'a str,
    text: &'a str,
    category: Option<&'static str>,
}

fn post_and_print(conn: &mut Connection, ctx: &Context, new: &NewPost, json: bool) -> Result<()> {
    let post = crate::in_transaction(conn, |tx| exchange::post(tx, ctx, new))?;
    if json {
        return print_json(&PostJson {
            id: post.id,
            kind: post.kind.as_str(),
            community: &post.community,
            text: &post.text,
            category: post.category.map(Category::as_str),
        });
    }
    line(&format!(
        "posted {} {}: {} ({})",
        post.kind.as_str(),
        post.id,
        post.text,
        post.community
    ))
}

/// One match in the JSON of `exchange matches`.
#[derive(Serialize)]
struct MatchJson<'a> {
    need_id: i64,
    offer_id: i64,
    need_community: &'a str,
    offer_community: &'a str,
    score: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
}

fn matches(conn: &Connection, all: bool, community: Option<&str>, json: bool) -> Result<()> {
    let filter = MatchFilter {
        community_id: community.map(|name| community_id(conn, name)).transpose()?,
        include_decided: all,
        ..MatchFilter::default()
    };
    let found = exchange::list_matches(conn, &filter)?;
    if json {
        let rows: Vec<MatchJson<'_>> = found
            .iter()
            .map(|m| MatchJson {
                need_id: m.need_id,
                offer_id: m.offer_id,
                need_community: &m.need_community,
                offer_community: &m.offer_community,
                score: m.score,
                status: all.then(|| m.status.as_str()),
            })
            .collect();
        return print_json(&rows);
    }
    for m in &found {
        line(&format!(
            "need {} ({}: {}) <- offer {} ({}: {})\tscore {}\t{}",
            m.need_id,
            m.need_community,
            m.need_text,
            m.offer_id,
            m.offer_community,
            m.offer_text,
            m.score,
            m.status.as_str()
        ))?;
    }
    Ok(())
}

type Decision = fn(&Connection, &Context, i64, i64) -> Result<exchange::Match>;

fn decide(conn: &mut Connection, ctx: &Context, pair: &PairArgs, decision: Decision) -> Result<()> {
    let decided = crate::in_transaction(conn, |tx| decision(tx, ctx, pair.need, pair.offer))?;
    line(&format!(
        "need {} and offer {}: {}",
        decided.need_id,
        decided.offer_id,
        decided.status.as_str()
    ))
}

fn fulfil(conn: &mut Connection, ctx: &Context, args: &FulfilArgs) -> Result<()> {
    let date = optional_date(args.date.as_deref(), ctx)?;
    let (need, offer) = (args.pair.need, args.pair.offer);
    match args.by {
        FulfilArg::Lend => {
            let due = args.due.as_deref().map_or(Ok(date), crate::parse_date)?;
            let terms = LoanTerms {
                out_date: date,
                due_date: due,
                deposit: baht(args.deposit.as_deref())?,
                fee: baht(args.fee.as_deref())?,
            };
            let loan = crate::in_transaction(conn, |tx| {
                exchange::fulfil_by_loan(tx, ctx, need, offer, &terms)
            })?;
            line(&format!(
                "loan {}: {} lent by {} to {}, due {}",
                loan.id,
                loan.item_name,
                loan.owner_community,
                loan.borrower_community,
                chumchon::thai::date::format_numeric(loan.due_date)
            ))
        }
        FulfilArg::Transfer => {
            let terms = TransferTerms {
                date,
                price: baht(args.price.as_deref())?,
            };
            let moved = crate::in_transaction(conn, |tx| {
                exchange::fulfil_by_transfer(tx, ctx, need, offer, &terms)
            })?;
            print_transfer(&moved)
        }
    }
}

/// One item in the JSON of `exchange items`.
#[derive(Serialize)]
struct ItemJson<'a> {
    id: i64,
    community: &'a str,
    code: Option<&'a str>,
    name: &'a str,
    category: &'static str,
    quantity: i64,
    on_loan: i64,
    status: &'static str,
    missing: Option<&'a str>,
    condition: Option<&'a str>,
    location: Option<&'a str>,
    unit_value_satang: i64,
}

fn items(conn: &Connection, community: Option<&str>, all: bool, json: bool) -> Result<()> {
    let filter = ItemFilter {
        community_id: community.map(|name| community_id(conn, name)).transpose()?,
        include_retired: all,
        ..ItemFilter::default()
    };
    let items = exchange::list_items(conn, &filter)?;
    if json {
        let rows: Vec<ItemJson<'_>> = items
            .iter()
            .map(|item| ItemJson {
                id: item.id,
                community: &item.community,
                code: item.code.as_deref(),
                name: &item.name,
                category: item.category.as_str(),
                quantity: item.quantity,
                on_loan: item.on_loan,
                status: item.status.as_str(),
                missing: item.missing.as_deref(),
                condition: item.condition.as_deref(),
                location: item.location.as_deref(),
                unit_value_satang: item.unit_value.satang(),
            })
            .collect();
        return print_json(&rows);
    }
    for item in &items {
        line(&format!(
            "{}\t{}\t{}\t{}\t{}",
            item.id,
            item.community,
            item.name,
            item.quantity,
            status_text(item)
        ))?;
    }
    Ok(())
}

fn status_text(item: &exchange::Item) -> String {
    match &item.missing {
        Some(part) => format!("{} ({part})", item.status.as_str()),
        None => item.status.as_str().to_string(),
    }
}

fn add_item(conn: &mut Connection, ctx: &Context, args: &AddItemArgs) -> Result<()> {
    let tracking = if args.quantity > 1 {
        Tracking::Stock
    } else {
        Tracking::Unit
    };
    let details = ItemDetails {
        code: args.code.clone(),
        category: args.category.as_deref().map(parse_category).transpose()?,
        tracking,
        quantity: args.quantity,
        condition: args.condition.clone(),
        location: args.location.clone(),
        unit_value: baht(args.value.as_deref())?,
        ..ItemDetails::named(args.name.clone())
    };
    let item = crate::in_transaction(conn, |tx| {
        let community = exchange::names::find_or_create_community(
            tx,
            ctx,
            &args.community,
            args.create_community,
        )?;
        let new = NewItem {
            community_id: community.id,
            details,
            status: Status::Available,
            missing: None,
        };
        exchange::add_item(tx, ctx, &new)
    })?;
    if args.json {
        return print_json(&item);
    }
    line(&format!(
        "added item {}: {} ({})",
        item.id, item.name, item.community
    ))
}

fn borrower(conn: &Connection, args: &BorrowerArgs) -> Result<Borrower> {
    match (&args.community, &args.member) {
        (Some(name), _) => Ok(Borrower::Community(community_id(conn, name)?)),
        (None, Some(member_no)) => Ok(Borrower::Member(
            chumchon::members::get(conn, member_no)?.id,
        )),
        (None, None) => Err(Error::rule(
            "borrower_missing",
            "name the borrower with --to-community NAME or --to-member NO",
        )),
    }
}

fn lend(conn: &mut Connection, ctx: &Context, args: &LendArgs) -> Result<()> {
    let new = NewLoan {
        item_id: args.item,
        quantity: args.quantity,
        borrower: borrower(conn, &args.borrower)?,
        out_date: optional_date(args.date.as_deref(), ctx)?,
        due_date: crate::parse_date(&args.due)?,
        deposit: baht(args.deposit.as_deref())?,
        fee: baht(args.fee.as_deref())?,
        condition: None,
        reservation_id: args.reservation,
        note: None,
    };
    let loan = crate::in_transaction(conn, |tx| exchange::check_out(tx, ctx, &new))?;
    if args.json {
        return print_json(&loan);
    }
    line(&format!(
        "loan {}: {} to {}, due {}",
        loan.id,
        loan.item_name,
        loan.borrower_label(),
        chumchon::thai::date::format_numeric(loan.due_date)
    ))
}

fn return_loan(conn: &mut Connection, ctx: &Context, args: &ReturnArgs) -> Result<()> {
    let back = Return {
        date: optional_date(args.date.as_deref(), ctx)?,
        condition: args.condition.clone(),
        status: args.status.status(),
        missing: args.missing.clone(),
        refund: args
            .refund
            .as_deref()
            .map(|text| baht(Some(text)))
            .transpose()?,
    };
    let loan = crate::in_transaction(conn, |tx| exchange::check_in(tx, ctx, args.loan, &back))?;
    line(&format!("loan {}: {} checked in", loan.id, loan.item_name))
}

fn reserve(conn: &mut Connection, ctx: &Context, args: &ReserveArgs) -> Result<()> {
    let new = NewReservation {
        item_id: args.item,
        quantity: args.quantity,
        borrower: borrower(conn, &args.borrower)?,
        from: crate::parse_date(&args.from)?,
        to: crate::parse_date(&args.to)?,
        note: None,
    };
    let reservation = crate::in_transaction(conn, |tx| exchange::reserve(tx, ctx, &new))?;
    line(&format!(
        "reservation {}: {} for {}, {} – {}",
        reservation.id,
        reservation.item_name,
        reservation.community,
        chumchon::thai::date::format_numeric(reservation.from),
        chumchon::thai::date::format_numeric(reservation.to)
    ))
}

/// One loan in the JSON of `exchange overdue`.
#[derive(Serialize)]
struct OverdueJson<'a> {
    loan_id: i64,
    item_id: i64,
    item: &'a str,
    owner: &'a str,
    borrower: String,
    due_date: NaiveDate,
    days_overdue: i64,
}

fn overdue(conn: &Connection, as_of: NaiveDate, json: bool) -> Result<()> {
    let loans = exchange::overdue(conn, as_of)?;
    if json {
        let rows: Vec<OverdueJson<'_>> = loans
            .iter()
            .map(|loan| OverdueJson {
                loan_id: loan.id,
                item_id: loan.item_id,
                item: &loan.item_name,
                owner: &loan.owner_community,
                borrower: loan.borrower_label(),
                due_date: loan.due_date,
                days_overdue: loan.days_overdue(as_of),
            })
            .collect();
        return print_json(&rows);
    }
    for loan in &loans {
        line(&format!(
            "loan {}\t{}\t{} -> {}\tdue {}\t{} days late",
            loan.id,
            loan.item_name,
            loan.owner_community,
            loan.borrower_label(),
            chumchon::thai::date::format_numeric(loan.due_date),
            loan.days_overdue(as_of)
        ))?;
    }
    Ok(())
}

fn history(conn: &Connection, item: i64, json: bool) -> Result<()> {
    let events = exchange::item_history(conn, item)?;
    if json {
        return print_json(&events);
    }
    for event in &events {
        let party = event.community.as_deref().unwrap_or("");
        let detail = [
            event.status.map(|s| s.as_str().to_string()),
            event.missing.clone(),
            event.note.clone(),
        ];
        let detail: Vec<String> = detail.into_iter().flatten().collect();
        line(&format!(
            "{}\t{}\t{party}\t{}",
            chumchon::thai::date::format_numeric(event.date),
            event.kind.as_str(),
            detail.join("; ")
        ))?;
    }
    Ok(())
}

fn transfer(conn: &mut Connection, ctx: &Context, args: &TransferArgs) -> Result<()> {
    let new = NewTransfer {
        item_id: args.item,
        to_community_id: community_id(conn, &args.community)?,
        quantity: args.quantity,
        date: optional_date(args.date.as_deref(), ctx)?,
        price: baht(args.price.as_deref())?,
        note: None,
    };
    let moved = crate::in_transaction(conn, |tx| exchange::transfer(tx, ctx, &new))?;
    print_transfer(&moved)
}

fn print_transfer(moved: &exchange::Transfer) -> Result<()> {
    line(&format!(
        "transfer {}: {} × {} from {} to {} (item {} in {}'s register), price {} baht",
        moved.id,
        moved.item_name,
        moved.quantity,
        moved.from_community,
        moved.to_community,
        moved.to_item_id,
        moved.to_community,
        moved.price
    ))
}

fn money(conn: &Connection, from: &Option<String>, to: &Option<String>, json: bool) -> Result<()> {
    let filter = exchange::MoneyFilter {
        from: from.as_deref().map(crate::parse_date).transpose()?,
        to: to.as_deref().map(crate::parse_date).transpose()?,
        ..exchange::MoneyFilter::default()
    };
    let movements = exchange::list_movements(conn, &filter)?;
    if json {
        return print_json(&movements);
    }
    for movement in &movements {
        line(&format!(
            "{}\t{}\t{}\t{} -> {}\t{}",
            chumchon::thai::date::format_numeric(movement.date),
            movement.source_key,
            movement.kind.as_str(),
            movement.from.community,
            movement.to.community,
            movement.amount
        ))?;
    }
    for total in exchange::money::totals_by_kind(&movements) {
        line(&format!(
            "total {}\t{} movements\t{}",
            total.kind.as_str(),
            total.count,
            total.amount
        ))?;
    }
    Ok(())
}

fn report(conn: &Connection, ctx: &Context, args: &ReportArgs) -> Result<()> {
    let as_of = optional_date(args.as_of.as_deref(), ctx)?;
    let from = match &args.from {
        Some(text) => crate::parse_date(text)?,
        None => as_of.with_ordinal(1).unwrap_or(as_of),
    };
    let to = args.to.as_deref().map_or(Ok(as_of), crate::parse_date)?;
    let built = exchange::report(conn, as_of, from, to)?;
    let extension = args.out.extension().and_then(|e| e.to_str());
    match extension.map(str::to_ascii_lowercase).as_deref() {
        Some("xlsx") => chumchon::export::exchange::write_report(conn, ctx, &built, &args.out)?,
        Some("pdf") => {
            chumchon::db::refuse_database_as_output(conn, &args.out)?;
            chumchon::pdf::exchange::write_exchange_report(&args.out, &built, ctx.today())?;
        }
        _ => {
            return Err(Error::rule(
                "report_format",
                format!(
                    "cannot tell the format of {}; name the file .xlsx or .pdf",
                    args.out.display()
                ),
            ))
        }
    }
    line(&format!("wrote {}", args.out.display()))
}
