//! The `chumchon` command-line interface: the same core as the desktop app,
//! for scripts and batch work. The shapes of its `--json` output are a
//! contract; keep them stable.

mod exchange;
mod fund;
mod output;
mod places;
mod progress;
mod thai;
mod waste;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use rusqlite::Connection;

use chumchon::dividends::{self, Basis, Method, Params};
use chumchon::import::session::{AcceptChanges, Mode};
use chumchon::import::{ledger, members as member_import};
use chumchon::{Context, Error, Result, Satang};

/// Exit statuses, listed in `--help`.
const EXIT_STATUSES: &str = "Exit status:
  0  done; for an import, every row was imported, found already imported, or skipped
  1  failed; nothing was written (with --json, the error is printed as JSON)
  2  the command line is wrong (an unknown option or a missing value)
  3  an import wrote what it could, but refused some rows or held back changed rows
  4  an import refused every row, so nothing was written";

/// Registers, dividends and Thai documents for a community foundation.
#[derive(Debug, Parser)]
#[command(name = "chumchon", version, about, after_help = EXIT_STATUSES)]
struct Cli {
    /// Database file; defaults to chumchon.db in the application-data folder.
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,

    /// Operator name recorded in the audit log; defaults to the login name.
    #[arg(long, global = true, value_name = "NAME")]
    operator: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import a legacy spreadsheet (xlsx, xls, ods or csv).
    #[command(subcommand)]
    Import(ImportCommand),
    /// List members.
    #[command(subcommand)]
    Members(MembersCommand),
    /// Compute, approve or reverse a year's dividend.
    #[command(subcommand)]
    Dividend(DividendCommand),
    /// Write every member's dividend slip for a year into one PDF.
    Slips(SlipsArgs),
    /// Write a member's share statement as a PDF.
    Statement(StatementArgs),
    /// Export a register to Excel.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Write a consistent copy of the database.
    Backup {
        /// File to write; must not exist yet.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Fill an empty database with demo data: two communities, a few hundred
    /// members and a year of share transactions.
    Demo,
    /// Summarise the waste bank's deposits.
    #[command(subcommand)]
    Deposits(waste::DepositsCommand),
    /// Trace plastic credit back to kilograms.
    #[command(subcommand)]
    Credit(waste::CreditCommand),
    /// Write a report for partners.
    #[command(subcommand)]
    Report(waste::ReportCommand),
    /// Run the waste bank's collectors, rounds and sales.
    #[command(subcommand)]
    Waste(waste::WasteCommand),
    /// List the community bank's loans or work out a schedule.
    #[command(subcommand)]
    Loans(fund::LoansCommand),
    /// Open savings accounts, deposit, withdraw, post interest and print
    /// passbooks.
    #[command(subcommand)]
    Savings(fund::SavingsCommand),
    /// Report on the double-entry journal.
    #[command(subcommand)]
    Journal(fund::JournalCommand),
    /// Import or export the map's places.
    #[command(subcommand)]
    Places(places::PlacesCommand),
    /// Post needs and offers between communities and list their matches.
    #[command(subcommand)]
    Exchange(exchange::ExchangeCommand),
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// A member register with share balances.
    Members(ImportMembersArgs),
    /// A share ledger: opening balances, purchases, withdrawals, transfers.
    ShareLedger(ImportLedgerArgs),
    /// A waste-bank deposit log.
    Deposits(waste::ImportDepositsArgs),
    /// Legacy loans and their repayments.
    Loans(fund::ImportLoansArgs),
    /// A community's equipment list.
    Equipment(exchange::ImportEquipmentArgs),
}

impl ImportCommand {
    fn common(&self) -> &ImportCommon {
        match self {
            ImportCommand::Members(args) => &args.common,
            ImportCommand::ShareLedger(args) => &args.common,
            ImportCommand::Deposits(args) => &args.common,
            ImportCommand::Loans(args) => &args.common,
            ImportCommand::Equipment(args) => &args.common,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct ImportCommon {
    /// The spreadsheet.
    pub(crate) file: PathBuf,
    /// Sheet to read; by default the sheet that holds the register.
    #[arg(long, value_name = "NAME")]
    pub(crate) sheet: Option<String>,
    /// Check the file and report, writing nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    /// Write the rows that changed since an earlier import of the same
    /// records; without it they are listed and skipped.
    #[arg(long)]
    pub(crate) accept_changes: bool,
}

#[derive(Debug, Args)]
struct ImportMembersArgs {
    #[command(flatten)]
    common: ImportCommon,
    /// Community the register belongs to, created if new; not needed when
    /// the sheet has a community column.
    #[arg(long, value_name = "NAME")]
    community: Option<String>,
    /// Date the register's share figures are stated on, such as
    /// 31/12/2567; defaults to the date in the sheet's title, else today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Create the --community named even when an existing community has a
    /// close name, which is otherwise taken for a misspelling.
    #[arg(long)]
    new_community: bool,
}

#[derive(Debug, Args)]
struct ImportLedgerArgs {
    #[command(flatten)]
    common: ImportCommon,
}

#[derive(Debug, Subcommand)]
enum MembersCommand {
    /// List every member with their share balance.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum MethodArg {
    /// Month-end balances of the year's twelve months, summed.
    ShareMonths,
    /// The balance at the end of the year.
    YearEnd,
}

#[derive(Debug, Subcommand)]
enum DividendCommand {
    /// Compute the year's dividend and save it as a draft, replacing an
    /// earlier draft.
    Run(DividendRunArgs),
    /// Approve the year's draft, which locks it.
    Approve {
        /// Fiscal year in the Buddhist Era, such as 2567.
        #[arg(long, value_name = "BE")]
        year: i32,
    },
    /// Record that members were paid their dividend of an approved year,
    /// in cash or as shares bought at par (the remainder in cash).
    Pay(DividendPayArgs),
    /// Reverse the year's approved dividend and any payments from it.
    Reverse {
        /// Fiscal year in the Buddhist Era.
        #[arg(long, value_name = "BE")]
        year: i32,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PayArg {
    /// Paid out in cash.
    Cash,
    /// Whole shares bought at par; the part below one share's price in cash.
    Reinvest,
}

#[derive(Debug, Args)]
struct DividendPayArgs {
    /// Fiscal year in the Buddhist Era.
    #[arg(long, value_name = "BE")]
    year: i32,
    /// Member number; repeat for several members.
    #[arg(long = "member", value_name = "NO", required_unless_present = "all")]
    members: Vec<String>,
    /// Every member of the run not paid yet.
    #[arg(long, conflicts_with = "members")]
    all: bool,
    /// How the dividend is paid.
    #[arg(long, value_enum)]
    method: PayArg,
    /// Payment date, such as 15/01/2568; defaults to today.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

#[derive(Debug, Args)]
struct DividendRunArgs {
    /// Fiscal year in the Buddhist Era, such as 2567.
    #[arg(long, value_name = "BE")]
    year: i32,
    /// Pool to share out, in baht, such as 12345.67.
    #[arg(
        long,
        value_name = "BAHT",
        conflicts_with = "rate",
        required_unless_present = "rate"
    )]
    pool: Option<String>,
    /// Declared rate in percent a year, such as 5 or 3.5.
    #[arg(long, value_name = "PCT")]
    rate: Option<String>,
    /// How holdings are weighed.
    #[arg(long, value_enum, default_value = "share-months")]
    method: MethodArg,
    /// Patronage refund (เฉลี่ยคืน) in baht, such as 5000, split by each
    /// member's waste-bank deposit value in the year.
    #[arg(long, value_name = "BAHT")]
    patronage_pool: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LayoutArg {
    /// One slip per A5 page.
    A5,
    /// Two slips to an A4 page.
    A4,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortArg {
    /// By member number.
    MemberNo,
    /// By name in Thai dictionary order.
    Name,
}

#[derive(Debug, Args)]
struct SlipsArgs {
    /// Fiscal year in the Buddhist Era.
    #[arg(long, value_name = "BE")]
    year: i32,
    /// PDF file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Page layout; defaults to the slip_layout setting.
    #[arg(long, value_enum)]
    layout: Option<LayoutArg>,
    /// Order of the slips; defaults to the slip_sort setting.
    #[arg(long, value_enum)]
    sort: Option<SortArg>,
}

#[derive(Debug, Args)]
struct StatementArgs {
    /// Member number.
    #[arg(long, value_name = "NO")]
    member: String,
    /// PDF file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// The member register with share balances.
    Members {
        /// Excel file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// A year's dividend run.
    Dividend {
        /// Fiscal year in the Buddhist Era.
        #[arg(long, value_name = "BE")]
        year: i32,
        /// Excel file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// Exit status of an import that refused some rows but imported others, or
/// held back rows that changed since an earlier import.
const EXIT_ROWS_REFUSED: u8 = 3;
/// Exit status of an import that wrote nothing because of errors. Not 2,
/// which clap uses for a wrong command line.
const EXIT_NOTHING_IMPORTED: u8 = 4;

fn main() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    match execute(&cli) {
        Ok(code) => code,
        Err(error) => {
            report_error(&error);
            ExitCode::FAILURE
        }
    }
}

/// Prints a failed command's error on stderr, in Thai where the app has a
/// Thai text for its code and then in English. When `--json` was given, it
/// also prints `{"error":{"code","message"}}` on stdout, so that a script
/// reading the JSON learns why there is no result.
fn report_error(error: &Error) {
    if let Some(text) = thai::error_text(error) {
        eprintln!("ข้อผิดพลาด: {text}");
    }
    eprintln!("error: {error}");
    if std::env::args().any(|arg| arg == "--json") {
        let json = serde_json::json!({
            "error": { "code": error.code(), "message": error.to_string() }
        });
        // The error is already on stderr; a closed stdout loses nothing.
        let _ = output::line(&json.to_string());
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CHUMCHON_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,calamine=error"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn execute(cli: &Cli) -> Result<ExitCode> {
    // The domain commands open the database themselves, because some need
    // none.
    match &cli.command {
        Command::Deposits(command) => return waste::deposits(cli, command),
        Command::Credit(command) => return waste::credit(cli, command),
        Command::Report(command) => return waste::report(cli, command),
        Command::Waste(command) => return waste::waste(cli, command),
        Command::Loans(command) => return fund::loans(cli, command),
        Command::Savings(command) => return fund::savings(cli, command),
        Command::Journal(command) => return fund::journal(cli, command),
        Command::Places(command) => return places::places(cli, command),
        Command::Exchange(command) => return exchange::exchange(cli, command),
        _ => {}
    }
    let creates = matches!(cli.command, Command::Import(_) | Command::Demo);
    let mut conn = match &cli.command {
        Command::Import(command) if command.common().dry_run => open_for_preview(cli)?,
        _ => open(cli, creates)?,
    };
    let ctx = context(cli);
    if let Command::Import(command) = &cli.command {
        return match command {
            ImportCommand::Members(args) => import_members(&mut conn, &ctx, args),
            ImportCommand::ShareLedger(args) => import_ledger(&mut conn, &ctx, args),
            ImportCommand::Deposits(args) => waste::import_deposits(&mut conn, &ctx, args),
            ImportCommand::Loans(args) => fund::import_loans(&mut conn, &ctx, args),
            ImportCommand::Equipment(args) => exchange::import_equipment(&mut conn, &ctx, args),
        };
    }
    run(&mut conn, &ctx, &cli.command)?;
    Ok(ExitCode::SUCCESS)
}

fn run(conn: &mut Connection, ctx: &Context, command: &Command) -> Result<()> {
    match command {
        Command::Import(_) => Ok(()),
        Command::Members(MembersCommand::List { json }) => output::members(conn, *json),
        Command::Dividend(DividendCommand::Run(args)) => dividend_run(conn, ctx, args),
        Command::Dividend(DividendCommand::Approve { year }) => {
            in_transaction(conn, |tx| dividends::approve(tx, ctx, *year))?;
            output::line(&format!("approved the {year} dividend"))
        }
        Command::Dividend(DividendCommand::Pay(args)) => dividend_pay(conn, ctx, args),
        Command::Dividend(DividendCommand::Reverse { year }) => {
            in_transaction(conn, |tx| dividends::reverse(tx, ctx, *year))?;
            output::line(&format!("reversed the {year} dividend"))
        }
        Command::Slips(args) => slips(conn, ctx, args),
        Command::Statement(args) => statement(conn, ctx, args),
        Command::Export(ExportCommand::Members { out }) => {
            chumchon::export::members(conn, ctx, out)?;
            output::line(&format!("wrote {}", out.display()))
        }
        Command::Export(ExportCommand::Dividend { year, out }) => {
            chumchon::export::dividend(conn, ctx, *year, out)?;
            output::line(&format!("wrote {}", out.display()))
        }
        Command::Backup { out } => {
            chumchon::db::backup_to(conn, out)?;
            output::line(&format!("wrote {}", out.display()))
        }
        Command::Demo => {
            let summary = in_transaction(conn, |tx| chumchon::demo::fill(tx, ctx))?;
            output::line(&summary.to_string())
        }
        Command::Deposits(_)
        | Command::Credit(_)
        | Command::Report(_)
        | Command::Waste(_)
        | Command::Loans(_)
        | Command::Savings(_)
        | Command::Journal(_)
        | Command::Places(_)
        | Command::Exchange(_) => Ok(()),
    }
}

/// Opens the database; commands that only read need it to exist.
fn open(cli: &Cli, create: bool) -> Result<Connection> {
    let path = db_path(cli)?;
    if create {
        chumchon::db::open(&path)
    } else {
        chumchon::db::open_existing(&path)
    }
}

/// Opens the database for a dry run. A database file that does not exist
/// yet is not created: the run previews against an empty database in
/// memory, which is what a new file would hold. A read-only file is
/// previewed in a copy in memory, because a preview writes into a
/// transaction that it then rolls back.
pub(crate) fn open_for_preview(cli: &Cli) -> Result<Connection> {
    let path = db_path(cli)?;
    let read_only = std::fs::metadata(&path).is_ok_and(|m| m.permissions().readonly());
    if read_only {
        chumchon::db::open_copy_in_memory(&path)
    } else if path.exists() {
        open(cli, true)
    } else {
        chumchon::db::open_in_memory()
    }
}

fn db_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(path) => Ok(path.clone()),
        None => chumchon::db::default_path().ok_or_else(|| {
            Error::rule(
                "no_data_folder",
                "cannot find the application-data folder; pass --db FILE",
            )
        }),
    }
}

/// The operator and the local time, read here because the core never
/// reads the clock itself.
fn context(cli: &Cli) -> Context {
    let operator = cli
        .operator
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_else(|| "operator".to_string());
    #[allow(clippy::disallowed_methods)]
    let now = chrono::Local::now().naive_local();
    Context::new(operator, now)
}

fn today(ctx: &Context) -> NaiveDate {
    ctx.today()
}

fn in_transaction<T>(
    conn: &mut Connection,
    work: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    let tx = chumchon::db::write(conn)?;
    let value = work(&tx)?;
    tx.commit()?;
    Ok(value)
}

fn import_mode(common: &ImportCommon) -> (Mode, AcceptChanges) {
    let mode = if common.dry_run {
        Mode::Preview
    } else {
        Mode::Commit
    };
    let accept = if common.accept_changes {
        AcceptChanges::All
    } else {
        AcceptChanges::None
    };
    (mode, accept)
}

/// Fails when `name` names no community but is close to one that exists,
/// such as บ่อย่าง beside บ่อยาง: most likely a misspelling, which would
/// otherwise put the register's members in a new community of their own.
/// A dry run only warns, so that the preview shows what would happen.
fn reject_close_community(conn: &Connection, name: &str) -> Result<()> {
    if chumchon::members::find_community(conn, name)?.is_some() {
        return Ok(());
    }
    let closest = chumchon::exchange::names::closest_communities(conn, name)?;
    if closest.is_empty() {
        return Ok(());
    }
    let closest = closest.join(", ");
    Err(Error::rule(
        "community_name_close",
        format!(
            "community “{name}” is not in the register, but {closest} has a close name; to \
             import into an existing community give its name with --community, or to create \
             “{name}” add --new-community"
        ),
    ))
}

fn import_members(
    conn: &mut Connection,
    ctx: &Context,
    args: &ImportMembersArgs,
) -> Result<ExitCode> {
    let (mode, accept) = import_mode(&args.common);
    if mode == Mode::Commit && !args.new_community {
        if let Some(name) = &args.community {
            reject_close_community(conn, name)?;
        }
    }
    let as_of = args.as_of.as_deref().map(parse_date).transpose()?;
    let options = member_import::Options {
        sheet: args.common.sheet.clone(),
        community: args.community.clone(),
        accept,
        as_of,
    };
    let mut bar = progress::Bar::new("import");
    let outcome = member_import::import(
        conn,
        ctx,
        &args.common.file,
        &options,
        mode,
        &mut |done, total| bar.set(done, total),
    )?;
    bar.finish();
    output::import(
        &outcome.report,
        outcome.imported_before.as_deref(),
        &outcome.changed,
        args.common.json,
    )?;
    if !args.common.json && outcome.details.rows.iter().any(|row| row.shares.is_some()) {
        let source = match outcome.details.as_of_source {
            member_import::AsOfSource::Given => "given with --as-of",
            member_import::AsOfSource::Title => "read from the sheet's title",
            member_import::AsOfSource::ImportDate => {
                "the import date, because the sheet's title states none; give --as-of DATE \
                 for another"
            }
        };
        output::line(&format!(
            "share balances are stated as of {} ({source})",
            chumchon::thai::date::format_numeric(outcome.details.as_of)
        ))?;
    }
    Ok(import_status(&outcome.report))
}

fn import_ledger(
    conn: &mut Connection,
    ctx: &Context,
    args: &ImportLedgerArgs,
) -> Result<ExitCode> {
    let (mode, accept) = import_mode(&args.common);
    let options = ledger::Options {
        sheet: args.common.sheet.clone(),
        accept,
    };
    let mut bar = progress::Bar::new("import");
    let outcome = ledger::import(
        conn,
        ctx,
        &args.common.file,
        &options,
        mode,
        &mut |done, total| bar.set(done, total),
    )?;
    bar.finish();
    output::import(
        &outcome.report,
        outcome.imported_before.as_deref(),
        &outcome.changed,
        args.common.json,
    )?;
    Ok(import_status(&outcome.report))
}

/// 0 when every row was imported, found already imported, checked against
/// the record, or skipped;
/// [`EXIT_ROWS_REFUSED`] when some rows were refused or held back as
/// changed; [`EXIT_NOTHING_IMPORTED`] when errors refused every row, so
/// that a script can tell them apart.
fn import_status(report: &chumchon::import::report::ImportReport) -> ExitCode {
    let accounted = report.imported + report.updated + report.unchanged + report.checked;
    match (report.errors.is_empty(), accounted) {
        (true, _) if report.held_back.is_empty() => ExitCode::SUCCESS,
        (true, _) => ExitCode::from(EXIT_ROWS_REFUSED),
        (false, 0) => ExitCode::from(EXIT_NOTHING_IMPORTED),
        (false, _) => ExitCode::from(EXIT_ROWS_REFUSED),
    }
}

fn dividend_run(conn: &mut Connection, ctx: &Context, args: &DividendRunArgs) -> Result<()> {
    let basis = match (&args.pool, &args.rate) {
        (Some(pool), _) => Basis::Pool(
            pool.parse::<Satang>()
                .map_err(|e| Error::rule("invalid_pool", e.to_string()))?,
        ),
        (None, Some(rate)) => Basis::RatePpm(dividends::parse_rate_ppm(rate).ok_or_else(|| {
            Error::rule(
                "invalid_rate",
                format!("invalid rate “{rate}”: expected a percentage such as 5 or 3.5"),
            )
        })?),
        (None, None) => {
            return Err(Error::rule(
                "missing_amount",
                "give --pool BAHT or --rate PCT",
            ))
        }
    };
    let method = match args.method {
        MethodArg::ShareMonths => Method::ShareMonths,
        MethodArg::YearEnd => Method::YearEnd,
    };
    let params = Params {
        year_be: args.year,
        method,
        basis,
    };
    let patronage_pool = args
        .patronage_pool
        .as_deref()
        .map(|text| {
            text.parse::<Satang>()
                .map_err(|e| Error::rule("invalid_patronage_pool", e.to_string()))
        })
        .transpose()?;
    let run = in_transaction(conn, |tx| {
        dividends::run_with_patronage(tx, ctx, &params, patronage_pool)
    })?;
    if method == Method::ShareMonths && dividends::lacks_history(&run.lines) {
        eprintln!(
            "note: most members' shares are known only from the last month of {}, as no \
             share ledger covers the year, so share-months pays by year-end holdings; import \
             the year's share ledger and run again, or use --method year-end",
            args.year
        );
    }
    output::dividend(&run, args.json)
}

/// Reads a date as the office writes it: BE or ISO.
fn parse_date(text: &str) -> Result<NaiveDate> {
    Ok(chumchon::thai::date::parse_be_text(text)?)
}

fn dividend_pay(conn: &mut Connection, ctx: &Context, args: &DividendPayArgs) -> Result<()> {
    let date = match &args.date {
        Some(text) => parse_date(text)?,
        None => ctx.today(),
    };
    let method = match args.method {
        PayArg::Cash => dividends::PaymentMethod::Cash,
        PayArg::Reinvest => dividends::PaymentMethod::Reinvest,
    };
    let paid = in_transaction(conn, |tx| {
        let members = if args.all {
            dividends::unpaid(tx, args.year)?
        } else {
            args.members.clone()
        };
        for member_no in &members {
            dividends::pay(tx, ctx, args.year, member_no, method, date)?;
        }
        Ok(members.len())
    })?;
    output::line(&format!(
        "recorded {paid} dividend payments for {}",
        args.year
    ))
}

fn slips(conn: &Connection, ctx: &Context, args: &SlipsArgs) -> Result<()> {
    let layout = args.layout.map(|layout| match layout {
        LayoutArg::A5 => chumchon::pdf::SlipLayout::A5,
        LayoutArg::A4 => chumchon::pdf::SlipLayout::A4TwoUp,
    });
    let sort = args.sort.map(|sort| match sort {
        SortArg::MemberNo => chumchon::members::SortOrder::MemberNo,
        SortArg::Name => chumchon::members::SortOrder::Name,
    });
    let mut bar = progress::Bar::new("slips");
    let options = chumchon::documents::SlipOptions {
        layout,
        sort,
        printed_on: today(ctx),
    };
    let summary = chumchon::documents::write_slips(
        conn,
        args.year,
        &options,
        &args.out,
        &mut |done, total| bar.set(done, total),
    )?;
    bar.finish();
    output::line(&format!(
        "wrote {} slips on {} pages to {}",
        summary.slips,
        summary.pages,
        args.out.display()
    ))
}

fn statement(conn: &Connection, ctx: &Context, args: &StatementArgs) -> Result<()> {
    chumchon::documents::write_statement(conn, &args.member, today(ctx), &args.out)?;
    output::line(&format!("wrote {}", args.out.display()))
}
