//! A zone's page: its members, households and collection points, the
//! deposits made at its points and by its members, and the collectors'
//! rounds through it, read from the waste bank's tables.

use chrono::NaiveDate;
use rusqlite::{Connection, ToSql};
use serde::Serialize;

use super::households::{list_households, Household};
use super::points::{list_collection_points, CollectionPoint};
use super::zones::{zone, Zone};
use crate::{Result, Satang};

/// The dates a summary counts deposits and round records in, both
/// included; `None` on either side leaves that side open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    /// First date counted.
    pub from: Option<NaiveDate>,
    /// Last date counted.
    pub to: Option<NaiveDate>,
}

/// A member of a zone: one whose record names the zone or whose household
/// lies in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ZoneMember {
    /// Member number.
    pub member_no: String,
    /// Title, first and last name.
    pub name: String,
    /// The household the member lives in.
    pub household_id: Option<i64>,
}

/// Deposits summed over their lots; reversals cancel what they reverse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DepositTotals {
    /// Deposits that are neither reversals nor reversed.
    pub deposits: i64,
    /// Net weight in grams.
    pub grams: i64,
    /// Net value paid or credited.
    pub value: Satang,
}

/// A collector's regular round through the zone, with what its records
/// brought in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ZoneRound {
    /// Round row id.
    pub round_id: i64,
    /// Collector's name.
    pub collector: String,
    /// `daily` or `weekly`.
    pub frequency: String,
    /// For a weekly round, 1 (Monday) to 7 (Sunday).
    pub weekday: Option<u8>,
    /// Round records in the period.
    pub records: i64,
    /// Grams brought in by those records.
    pub grams: i64,
    /// The collector's pay for them.
    pub paid: Satang,
    /// Date of the latest record in the period.
    pub last_date: Option<NaiveDate>,
}

/// Everything a zone's page shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZoneSummary {
    /// The zone.
    pub zone: Zone,
    /// Its members, by member number.
    pub members: Vec<ZoneMember>,
    /// Its households.
    pub households: Vec<Household>,
    /// Its collection points.
    pub points: Vec<CollectionPoint>,
    /// Deposits made at its collection points, by anyone.
    pub deposits_at_points: DepositTotals,
    /// Deposits made by its members, at any point.
    pub deposits_by_members: DepositTotals,
    /// Collectors' rounds through it.
    pub rounds: Vec<ZoneRound>,
}

/// Gathers a zone's page, counting deposits and round records in `period`.
pub fn zone_summary(conn: &Connection, zone_id: i64, period: Period) -> Result<ZoneSummary> {
    let zone = zone(conn, zone_id)?;
    let households = list_households(conn, zone.community_id)?
        .into_iter()
        .filter(|h| h.details.zone_id == Some(zone_id))
        .collect();
    let points = list_collection_points(conn, zone.community_id)?
        .into_iter()
        .filter(|p| p.details.zone_id == Some(zone_id))
        .collect();
    Ok(ZoneSummary {
        members: zone_members(conn, zone_id)?,
        households,
        points,
        deposits_at_points: deposit_totals(
            conn,
            "l.point_id IN (SELECT id FROM waste_points WHERE zone_id = :zone)",
            zone_id,
            period,
        )?,
        deposits_by_members: deposit_totals(
            conn,
            &format!("l.member_id IN (SELECT id FROM ({ZONE_MEMBER_IDS}))"),
            zone_id,
            period,
        )?,
        rounds: zone_rounds(conn, zone_id, period)?,
        zone,
    })
}

/// Row ids of the members whose record names the zone or whose household
/// lies in it.
const ZONE_MEMBER_IDS: &str = "SELECT id FROM members WHERE zone_id = :zone
    UNION SELECT m.id FROM members m JOIN households h ON h.id = m.household_id
    WHERE h.zone_id = :zone";

fn zone_members(conn: &Connection, zone_id: i64) -> Result<Vec<ZoneMember>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT member_no, trim(title || first_name || ' ' || last_name), household_id
         FROM members WHERE id IN ({ZONE_MEMBER_IDS}) ORDER BY member_no"
    ))?;
    let rows = stmt.query_map(&[(":zone", &zone_id)], |row| {
        Ok(ZoneMember {
            member_no: row.get(0)?,
            name: row.get(1)?,
            household_id: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn deposit_totals(
    conn: &Connection,
    filter: &str,
    zone_id: i64,
    period: Period,
) -> Result<DepositTotals> {
    let sql = format!(
        "SELECT count(DISTINCT CASE WHEN d.reverses_id IS NULL AND NOT EXISTS
                    (SELECT 1 FROM waste_deposits r WHERE r.reverses_id = d.id)
                THEN d.id END),
                coalesce(sum(l.grams), 0), coalesce(sum(l.value_satang), 0)
         FROM waste_lots l JOIN waste_deposits d ON d.id = l.deposit_id
         WHERE {filter}
           AND (:from IS NULL OR l.date >= :from) AND (:to IS NULL OR l.date <= :to)"
    );
    let params: [(&str, &dyn ToSql); 3] = [
        (":zone", &zone_id),
        (":from", &period.from),
        (":to", &period.to),
    ];
    let totals = conn.query_row(&sql, &params[..], |row| {
        Ok(DepositTotals {
            deposits: row.get(0)?,
            grams: row.get(1)?,
            value: Satang(row.get(2)?),
        })
    })?;
    Ok(totals)
}

fn zone_rounds(conn: &Connection, zone_id: i64, period: Period) -> Result<Vec<ZoneRound>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, c.name, r.frequency, r.weekday,
                count(rr.id), coalesce(sum((SELECT sum(grams) FROM waste_round_record_lines
                                            WHERE record_id = rr.id)), 0),
                coalesce(sum(rr.paid_satang), 0), max(rr.date)
         FROM waste_rounds r JOIN waste_collectors c ON c.id = r.collector_id
         LEFT JOIN waste_round_records rr ON rr.round_id = r.id
             AND (:from IS NULL OR rr.date >= :from) AND (:to IS NULL OR rr.date <= :to)
         WHERE r.zone_id = :zone
         GROUP BY r.id ORDER BY c.name COLLATE THAI, r.id",
    )?;
    let params: [(&str, &dyn ToSql); 3] = [
        (":zone", &zone_id),
        (":from", &period.from),
        (":to", &period.to),
    ];
    let rows = stmt.query_map(&params[..], |row| {
        Ok(ZoneRound {
            round_id: row.get(0)?,
            collector: row.get(1)?,
            frequency: row.get(2)?,
            weekday: row.get(3)?,
            records: row.get(4)?,
            grams: row.get(5)?,
            paid: Satang(row.get(6)?),
            last_date: row.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::{ensure_community, MemberDetails};
    use crate::places::{
        add_collection_point, add_household, add_zone, set_member_household, HouseAddress,
        HouseholdDetails, PointDetails, ZoneDetails,
    };
    use crate::test_support::{context, date};
    use crate::waste::{
        add_collector, add_round, record_deposit, record_round, DepositPayment, Depositor,
        Frequency, NewCollector, NewDeposit, NewLine, NewRoundRecord,
    };

    #[test]
    fn zone_summary_reads_waste_tables() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let community = ensure_community(&conn, &ctx, "บ่อยาง", Some("BY"))?;
        let zone_details = ZoneDetails {
            name: "ซอย 1".to_string(),
            ..ZoneDetails::default()
        };
        let soi1 = add_zone(&conn, &ctx, community.id, &zone_details)?;
        let member = MemberDetails {
            member_no: "BY001".to_string(),
            first_name: "สมศรี".to_string(),
            community_id: community.id,
            ..MemberDetails::default()
        };
        let member_id = crate::members::insert(&conn, &ctx, &member)?;
        let house = add_household(
            &conn,
            &ctx,
            community.id,
            &HouseholdDetails {
                address: HouseAddress {
                    house_no: "1".to_string(),
                    ..HouseAddress::default()
                },
                zone_id: Some(soi1.id),
                ..HouseholdDetails::default()
            },
        )?;
        set_member_household(&conn, &ctx, "BY001", Some(house.id))?;
        let point = add_collection_point(
            &conn,
            &ctx,
            community.id,
            &PointDetails {
                name: "ศาลา".to_string(),
                zone_id: Some(soi1.id),
                ..PointDetails::default()
            },
        )?;
        let other_point = crate::waste::ensure_point(&conn, &ctx, community.id, "ตลาด")?;
        let pet = crate::waste::material(&conn, "PET_CLEAR")?.id;
        let deposit = |point_id: i64, grams: i64| NewDeposit {
            depositor: Depositor::Member(member_id),
            point_id,
            date: date(2025, 1, 10),
            payment: DepositPayment::Cash,
            scale_id: None,
            weighed_by: None,
            receipt_no: None,
            note: None,
            lines: vec![NewLine {
                material_id: pet,
                grams,
                satang_per_kg: Some(1000),
                value: None,
            }],
        };
        record_deposit(&conn, &ctx, &deposit(point.id, 2000))?;
        record_deposit(&conn, &ctx, &deposit(other_point.id, 500))?;
        let collector = add_collector(
            &conn,
            &ctx,
            &NewCollector {
                name: "ลุงแดง".to_string(),
                phone: None,
                vehicle: None,
                zone_ids: vec![soi1.id],
            },
        )?;
        let round = add_round(&conn, &ctx, collector, soi1.id, Frequency::Weekly(3))?;
        record_round(
            &conn,
            &ctx,
            &NewRoundRecord {
                collector_id: collector,
                round_id: Some(round),
                date: date(2025, 1, 8),
                visited: Vec::new(),
                lines: vec![(pet, 3000)],
                paid: Satang(5000),
                point_id: None,
                note: None,
            },
        )?;

        let summary = zone_summary(&conn, soi1.id, Period::default())?;

        let members: Vec<&str> = summary
            .members
            .iter()
            .map(|m| m.member_no.as_str())
            .collect();
        assert_eq!(members, vec!["BY001"], "member through the household");
        assert_eq!(summary.households.len(), 1, "one household");
        assert_eq!(summary.points.len(), 1, "one point");
        assert_eq!(
            summary.deposits_at_points.grams, 2000,
            "only the zone's point"
        );
        assert_eq!(
            summary.deposits_at_points.value,
            Satang(2000),
            "2 kg at 10 baht"
        );
        assert_eq!(
            summary.deposits_by_members.deposits, 2,
            "the member's two deposits"
        );
        assert_eq!(summary.deposits_by_members.grams, 2500, "at any point");
        assert_eq!(summary.rounds.len(), 1, "one round");
        assert_eq!(summary.rounds[0].grams, 3000, "round record's grams");
        assert_eq!(summary.rounds[0].weekday, Some(3), "Wednesday round");
        let later = Period {
            from: Some(date(2025, 2, 1)),
            to: None,
        };
        let empty = zone_summary(&conn, soi1.id, later)?;
        assert_eq!(
            empty.deposits_at_points,
            DepositTotals::default(),
            "none after January"
        );
        assert_eq!(
            empty.rounds[0].records, 0,
            "round kept, no records in period"
        );
        Ok(())
    }
}
