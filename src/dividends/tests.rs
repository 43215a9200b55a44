use super::*;
use crate::members::{ensure_community, insert as insert_member, MemberDetails};
use crate::shares::{post, Kind, NewTransaction};
use crate::test_support::{context, date};
use crate::Context;

/// Four members: BY001 has 10 shares all year, BY002 buys 5 on 15 June,
/// BY003 has 2 and withdraws them on 10 March, and BY004 never has any.
fn register() -> Result<(Connection, Context)> {
    let conn = db::open_in_memory()?;
    let ctx = context();
    let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
    let mut ids = Vec::new();
    for no in ["BY001", "BY002", "BY003", "BY004"] {
        let details = MemberDetails {
            member_no: no.into(),
            first_name: "ทดสอบ".into(),
            community_id: community.id,
            ..MemberDetails::default()
        };
        ids.push(insert_member(&conn, &ctx, &details)?);
    }
    let opening = |id, shares| {
        NewTransaction::new(
            id,
            date(2023, 12, 31),
            Kind::Opening,
            shares,
            Satang::from_baht(100 * shares),
        )
    };
    post(&conn, &ctx, &opening(ids[0], 10))?;
    post(&conn, &ctx, &opening(ids[2], 2))?;
    post(
        &conn,
        &ctx,
        &NewTransaction::new(
            ids[1],
            date(2024, 6, 15),
            Kind::Purchase,
            5,
            Satang::from_baht(500),
        ),
    )?;
    post(
        &conn,
        &ctx,
        &NewTransaction::new(
            ids[2],
            date(2024, 3, 10),
            Kind::Withdrawal,
            2,
            Satang::from_baht(200),
        ),
    )?;
    Ok((conn, ctx))
}

fn pool(year_be: i32, baht: i64) -> Params {
    Params {
        year_be,
        method: Method::ShareMonths,
        basis: Basis::Pool(Satang::from_baht(baht)),
    }
}

#[test]
fn share_months_weigh_the_pool() -> Result<()> {
    let (conn, _) = register()?;

    let run = compute(&conn, &pool(2567, 1000))?;

    let months: Vec<(&str, i64)> = run
        .lines
        .iter()
        .map(|l| (l.member_no.as_str(), l.share_months))
        .collect();
    assert_eq!(
        months,
        [("BY001", 120), ("BY002", 35), ("BY003", 4)],
        "BY004 never held shares"
    );
    // 1000 baht over 159 share-months: 754.716..., 220.125..., 25.157...; the
    // two leftover satang go to the largest remainders, BY003 and BY001.
    let amounts: Vec<i64> = run.lines.iter().map(|l| l.amount.satang()).collect();
    assert_eq!(amounts, [75_472, 22_012, 2_516]);
    assert_eq!(
        run.total,
        Satang::from_baht(1000),
        "slips add up to the pool"
    );
    Ok(())
}

#[test]
fn year_end_method_ignores_leavers() -> Result<()> {
    let (conn, _) = register()?;
    let params = Params {
        method: Method::YearEnd,
        ..pool(2567, 300)
    };

    let run = compute(&conn, &params)?;

    let amounts: Vec<(&str, i64)> = run
        .lines
        .iter()
        .map(|l| (l.member_no.as_str(), l.amount.satang()))
        .collect();
    assert_eq!(
        amounts,
        [("BY001", 20_000), ("BY002", 10_000), ("BY003", 0)]
    );
    Ok(())
}

#[test]
fn declared_rate_rounds_half_up() -> Result<()> {
    let (conn, _) = register()?;
    let params = Params {
        basis: Basis::RatePpm(55_000),
        ..pool(2567, 0)
    };

    let run = compute(&conn, &params)?;

    // BY001: 5.5% × 120 share-months × 100 baht ÷ 12 = 55 baht.
    // BY002: 5.5% × 35 share-months × 100 baht ÷ 12 = 16.0416... baht.
    // BY003: 5.5% × 4 × 100 ÷ 12 = 1.8333... baht.
    let amounts: Vec<i64> = run.lines.iter().map(|l| l.amount.satang()).collect();
    assert_eq!(amounts, [5_500, 1_604, 183]);
    assert_eq!(run.pool, run.total, "for a rate the pool is the total paid");
    Ok(())
}

#[test]
fn rerun_replaces_draft_and_approval_locks() -> Result<()> {
    let (conn, ctx) = register()?;

    run(&conn, &ctx, &pool(2567, 1000))?;
    run(&conn, &ctx, &pool(2567, 2000))?;
    let draft = get(&conn, 2567)?.expect("a draft exists");
    approve(&conn, &ctx, 2567)?;
    let rerun = run(&conn, &ctx, &pool(2567, 3000));

    assert_eq!(
        draft.pool,
        Satang::from_baht(2000),
        "the second run replaced the first"
    );
    assert_eq!(rerun.err().map(|e| e.code()), Some("dividend_approved"));
    assert_eq!(get(&conn, 2567)?.map(|r| r.status), Some(Status::Approved));
    Ok(())
}

#[test]
fn reversal_undoes_reinvested_payment() -> Result<()> {
    let (conn, ctx) = register()?;
    run(&conn, &ctx, &pool(2567, 1000))?;
    approve(&conn, &ctx, 2567)?;
    let by001 = crate::members::id_of(&conn, "BY001")?.expect("member exists");

    pay(
        &conn,
        &ctx,
        2567,
        "BY001",
        PaymentMethod::Reinvest,
        date(2025, 1, 10),
    )?;
    let after_payment = shares::balance(&conn, by001)?;
    let twice = pay(
        &conn,
        &ctx,
        2567,
        "BY001",
        PaymentMethod::Cash,
        date(2025, 1, 10),
    );
    reverse(&conn, &ctx, 2567)?;

    assert_eq!(after_payment, 17, "754.72 baht buys 7 shares at 100 baht");
    assert_eq!(twice.err().map(|e| e.code()), Some("dividend_paid"));
    assert_eq!(
        shares::balance(&conn, by001)?,
        10,
        "reversal took the reinvested shares back"
    );
    assert_eq!(
        get(&conn, 2567)?,
        None,
        "a reversed run is no longer current"
    );
    Ok(())
}

#[test]
fn fiscal_year_starting_october() -> Result<()> {
    let (conn, ctx) = register()?;
    db::set_setting(&conn, &ctx, "fiscal_first_month", "10")?;

    let run = compute(&conn, &pool(2567, 100))?;

    assert_eq!(run.period_from, date(2023, 10, 1));
    assert_eq!(run.period_to, date(2024, 9, 30));
    let by002 = run
        .lines
        .iter()
        .find(|l| l.member_no == "BY002")
        .map(|l| l.share_months);
    assert_eq!(
        by002,
        Some(20),
        "held 5 shares at the end of June, July, August and September"
    );
    Ok(())
}

#[test]
fn pool_without_shareholders_is_rejected() -> Result<()> {
    let (conn, _) = register()?;

    let result = compute(&conn, &pool(2560, 1000));

    assert_eq!(result.err().map(|e| e.code()), Some("no_shareholders"));
    Ok(())
}

#[test]
fn list_runs_shows_current_years() -> Result<()> {
    let (conn, ctx) = register()?;
    run(&conn, &ctx, &pool(2567, 1000))?;
    approve(&conn, &ctx, 2567)?;
    run(&conn, &ctx, &pool(2568, 500))?;

    let runs = list_runs(&conn)?;

    let years: Vec<(i32, Status)> = runs.iter().map(|r| (r.year_be, r.status)).collect();
    assert_eq!(years, [(2568, Status::Draft), (2567, Status::Approved)]);
    assert_eq!(runs[1].total, Satang::from_baht(1000));
    assert_eq!(runs[1].members, 3);
    Ok(())
}

/// Records a deposit of 1 kg at `baht` baht a kilogram by `member_no` on
/// `day`, paid in cash, and returns its id.
fn deposit(
    conn: &Connection,
    ctx: &Context,
    member_no: &str,
    day: NaiveDate,
    baht: i64,
) -> Result<i64> {
    use crate::waste::{DepositPayment, Depositor, NewDeposit, NewLine};
    let member = crate::members::id_of(conn, member_no)?.expect("member exists");
    let community = crate::members::find_community(conn, "บ่อยาง")?.expect("community exists");
    let point = crate::waste::ensure_point(conn, ctx, community.id, "จุดรวบรวมวัด")?;
    let material = crate::waste::material(conn, "PET_CLEAR")?;
    let deposit = NewDeposit {
        depositor: Depositor::Member(member),
        point_id: point.id,
        date: day,
        payment: DepositPayment::Cash,
        scale_id: None,
        weighed_by: None,
        receipt_no: None,
        note: None,
        lines: vec![NewLine {
            material_id: material.id,
            grams: 1_000,
            satang_per_kg: Some(baht * 100),
            value: None,
        }],
    };
    crate::waste::record_deposit(conn, ctx, &deposit)
}

/// The register, with 2567 deposits worth 1, 2 and 4 baht by BY001, BY002
/// and BY004 (who has no shares), a deposit by BY003 that was reversed,
/// and a 2568 deposit by BY001 that falls outside the year.
fn register_with_deposits() -> Result<(Connection, Context)> {
    let (conn, ctx) = register()?;
    deposit(&conn, &ctx, "BY001", date(2024, 2, 1), 1)?;
    deposit(&conn, &ctx, "BY002", date(2024, 5, 1), 2)?;
    deposit(&conn, &ctx, "BY004", date(2024, 12, 31), 4)?;
    let mistake = deposit(&conn, &ctx, "BY003", date(2024, 6, 1), 50)?;
    crate::waste::reverse_deposit(&conn, &ctx, mistake, "wrong member")?;
    deposit(&conn, &ctx, "BY001", date(2025, 1, 1), 90)?;
    Ok((conn, ctx))
}

fn patronage_of(run: &Run) -> Vec<(&str, i64, i64)> {
    run.lines
        .iter()
        .map(|l| {
            (
                l.member_no.as_str(),
                l.deposit_value.satang(),
                l.patronage.satang(),
            )
        })
        .collect()
}

#[test]
fn patronage_splits_by_largest_remainder() -> Result<()> {
    let (conn, _) = register_with_deposits()?;

    let run = compute_with_patronage(&conn, &pool(2567, 1000), Some(Satang::from_baht(10)))?;

    // 10 baht over 7 baht of deposits: 142.857, 285.714 and 571.428 satang;
    // the two leftover satang go to BY001 and BY002, the largest remainders.
    assert_eq!(
        patronage_of(&run),
        [
            ("BY001", 100, 143),
            ("BY002", 200, 286),
            ("BY003", 0, 0),
            ("BY004", 400, 571)
        ],
        "deposit values and refunds in member-number order"
    );
    assert_eq!(
        run.patronage_total,
        Satang::from_baht(10),
        "refunds add up to the pool"
    );
    assert_eq!(run.patronage_pool, Some(Satang::from_baht(10)));
    Ok(())
}

#[test]
fn patronage_adds_depositor_without_shares() -> Result<()> {
    let (conn, _) = register_with_deposits()?;

    let run = compute_with_patronage(&conn, &pool(2567, 1000), Some(Satang::from_baht(10)))?;

    let by004 = run.lines.iter().find(|l| l.member_no == "BY004");
    assert_eq!(
        by004.map(|l| l.amount),
        Some(Satang::ZERO),
        "no dividend without shares"
    );
    assert_eq!(by004.map(|l| l.share_months), Some(0));
    assert_eq!(
        run.total,
        Satang::from_baht(1000),
        "the dividend is unchanged"
    );
    Ok(())
}

#[test]
fn patronage_sums_to_pool_for_any_pool() -> Result<()> {
    let (conn, _) = register_with_deposits()?;

    for satang in [1, 2, 3, 7, 99, 100_001, 123_456_789] {
        let run = compute_with_patronage(&conn, &pool(2567, 1000), Some(Satang(satang)))?;
        assert_eq!(
            run.patronage_total,
            Satang(satang),
            "pool of {satang} satang"
        );
    }
    Ok(())
}

#[test]
fn run_without_patronage_has_none() -> Result<()> {
    let (conn, _) = register_with_deposits()?;

    let run = compute(&conn, &pool(2567, 1000))?;

    assert_eq!(run.patronage_pool, None);
    assert_eq!(run.lines.len(), 3, "only shareholders without a refund");
    assert!(
        run.lines.iter().all(|l| l.patronage == Satang::ZERO),
        "no refunds"
    );
    Ok(())
}

#[test]
fn patronage_is_saved_with_the_run() -> Result<()> {
    let (conn, ctx) = register_with_deposits()?;

    let computed = run_with_patronage(&conn, &ctx, &pool(2567, 1000), Some(Satang::from_baht(10)))?;
    let saved = get(&conn, 2567)?.expect("a draft exists");

    assert_eq!(saved.patronage_pool, Some(Satang::from_baht(10)));
    assert_eq!(saved.patronage_total, Satang::from_baht(10));
    assert_eq!(
        patronage_of(&saved),
        patronage_of(&computed),
        "lines read back"
    );
    Ok(())
}

#[test]
fn payment_includes_patronage_refund() -> Result<()> {
    let (conn, ctx) = register_with_deposits()?;
    run_with_patronage(&conn, &ctx, &pool(2567, 1000), Some(Satang::from_baht(10)))?;
    approve(&conn, &ctx, 2567)?;

    pay(
        &conn,
        &ctx,
        2567,
        "BY004",
        PaymentMethod::Cash,
        date(2025, 1, 10),
    )?;
    pay(
        &conn,
        &ctx,
        2567,
        "BY001",
        PaymentMethod::Reinvest,
        date(2025, 1, 10),
    )?;

    let paid: Vec<i64> = conn
        .prepare("SELECT amount_satang FROM dividend_payments ORDER BY id")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    assert_eq!(paid, [571, 75_472 + 143], "dividend plus refund");
    let by001 = crate::members::id_of(&conn, "BY001")?.expect("member exists");
    assert_eq!(
        shares::balance(&conn, by001)?,
        17,
        "only the dividend is reinvested"
    );
    assert_eq!(unpaid(&conn, 2567)?, ["BY002", "BY003"]);
    Ok(())
}

#[test]
fn patronage_pool_must_be_positive() -> Result<()> {
    let (conn, _) = register_with_deposits()?;

    for pool_satang in [0, -100] {
        let result = compute_with_patronage(&conn, &pool(2567, 1000), Some(Satang(pool_satang)));
        assert_eq!(
            result.err().map(|e| e.code()),
            Some("patronage_pool_not_positive"),
            "pool of {pool_satang} satang"
        );
    }
    Ok(())
}

#[test]
fn patronage_without_deposits_is_rejected() -> Result<()> {
    let (conn, _) = register()?;

    let result = compute_with_patronage(&conn, &pool(2567, 1000), Some(Satang::from_baht(10)));

    assert_eq!(result.err().map(|e| e.code()), Some("no_depositors"));
    Ok(())
}
