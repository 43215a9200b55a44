//! Collectors (ซาเล้ง) and their rounds: who collects in which zones, on
//! which days, what each round brought in and what the collector was paid.
//!
//! A round record that names the collection point it delivered to puts
//! its kilograms into that point's stock as a deposit without a member and
//! without payment, because the collector's pay covers them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::deposits::{self, DepositPayment, Posting};
use crate::audit::{self, Change};
use crate::{Context, Error, Result, Satang};

/// A collector as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Collector {
    /// Row id.
    pub id: i64,
    /// Name, unique.
    pub name: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Vehicle, such as "ซาเล้ง กข 1234".
    pub vehicle: Option<String>,
    /// Zones served, as "community / zone".
    pub zones: Vec<String>,
    /// Row ids of the zones served, in the order of `zones`.
    pub zone_ids: Vec<i64>,
    /// Whether the collector still works. A deactivated collector keeps
    /// their rounds and records but leaves the weekly schedule and takes
    /// no new rounds.
    pub active: bool,
}

/// A collector to add, or the new details of one to edit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewCollector {
    /// Name.
    pub name: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Vehicle.
    pub vehicle: Option<String>,
    /// Zone row ids served.
    pub zone_ids: Vec<i64>,
}

/// How often a round runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every day.
    Daily,
    /// Once a week on a weekday, 1 (Monday) to 7 (Sunday).
    Weekly(u8),
}

/// Thai weekday names, Monday first.
pub const WEEKDAYS_TH: [&str; 7] = [
    "วันจันทร์",
    "วันอังคาร",
    "วันพุธ",
    "วันพฤหัสบดี",
    "วันศุกร์",
    "วันเสาร์",
    "วันอาทิตย์",
];

/// Adds a collector and returns its id.
pub fn add_collector(conn: &Connection, ctx: &Context, new: &NewCollector) -> Result<i64> {
    let name = collector_name(conn, &new.name, None)?;
    conn.execute(
        "INSERT INTO waste_collectors (name, phone, vehicle, created_at) VALUES (?1, ?2, ?3, ?4)",
        (&name, &new.phone, &new.vehicle, ctx.timestamp()),
    )?;
    let id = conn.last_insert_rowid();
    insert_zones(conn, id, &new.zone_ids)?;
    let collector = collector(conn, id)?;
    audit::record(
        conn,
        ctx,
        Change::insert("waste_collectors", id, &collector),
    )?;
    Ok(id)
}

/// Changes a collector's name, phone, vehicle and zones to `details`,
/// recording the old and new values in the audit log. Returns the
/// collector as stored.
///
/// Fails with the rule `collector_name_missing` on a blank name and
/// `collector_exists` when another collector has the name.
pub fn update_collector(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    details: &NewCollector,
) -> Result<Collector> {
    let before = collector(conn, id)?;
    let name = collector_name(conn, &details.name, Some(id))?;
    conn.execute(
        "UPDATE waste_collectors SET name = ?2, phone = ?3, vehicle = ?4 WHERE id = ?1",
        (id, &name, &details.phone, &details.vehicle),
    )?;
    conn.execute(
        "DELETE FROM waste_collector_zones WHERE collector_id = ?1",
        [id],
    )?;
    insert_zones(conn, id, &details.zone_ids)?;
    let after = collector(conn, id)?;
    if after != before {
        audit::record(conn, ctx, updated(id, &before, &after))?;
    }
    Ok(after)
}

/// Deactivates a collector (`active` false) or brings one back, recording
/// the change in the audit log. Returns the collector as stored.
///
/// A deactivated collector leaves the weekly schedule and takes no new
/// rounds. Their rounds and round records stay as they were.
pub fn set_collector_active(
    conn: &Connection,
    ctx: &Context,
    id: i64,
    active: bool,
) -> Result<Collector> {
    let before = collector(conn, id)?;
    if before.active == active {
        return Ok(before);
    }
    conn.execute(
        "UPDATE waste_collectors SET active = ?2 WHERE id = ?1",
        (id, active),
    )?;
    let after = collector(conn, id)?;
    audit::record(conn, ctx, updated(id, &before, &after))?;
    Ok(after)
}

fn updated(id: i64, before: &Collector, after: &Collector) -> Change {
    Change {
        table: "waste_collectors",
        record_id: id.to_string(),
        old: serde_json::to_value(before).ok(),
        new: serde_json::to_value(after).ok(),
    }
}

/// Collapses the spaces of `name` and checks that it is not blank and not
/// used by a collector other than `own_id`.
fn collector_name(conn: &Connection, name: &str, own_id: Option<i64>) -> Result<String> {
    // Names copied from chat apps or the web often carry zero-width spaces,
    // which would make two names that look the same differ.
    let name = crate::import::cell::clean_text(name).into_owned();
    if name.is_empty() {
        return Err(Error::rule(
            "collector_name_missing",
            "the collector has no name",
        ));
    }
    if let Some(other) = find_collector(conn, &name)? {
        if Some(other.id) != own_id {
            return Err(Error::rule(
                "collector_exists",
                format!("a collector called {name} already exists"),
            ));
        }
    }
    Ok(name)
}

fn insert_zones(conn: &Connection, collector_id: i64, zone_ids: &[i64]) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO waste_collector_zones (collector_id, zone_id) VALUES (?1, ?2)
         ON CONFLICT DO NOTHING",
    )?;
    for zone in zone_ids {
        insert.execute((collector_id, zone))?;
    }
    Ok(())
}

/// Finds a collector by name.
pub fn find_collector(conn: &Connection, name: &str) -> Result<Option<Collector>> {
    let name = crate::import::cell::clean_text(name);
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM waste_collectors WHERE name = ?1",
            [&name],
            |row| row.get(0),
        )
        .optional()?;
    id.map(|id| collector(conn, id)).transpose()
}

/// Looks a collector up by row id.
pub fn collector(conn: &Connection, id: i64) -> Result<Collector> {
    let mut collector = conn
        .query_row(
            "SELECT id, name, phone, vehicle, active FROM waste_collectors WHERE id = ?1",
            [id],
            |row| {
                Ok(Collector {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    phone: row.get(2)?,
                    vehicle: row.get(3)?,
                    zones: Vec::new(),
                    zone_ids: Vec::new(),
                    active: row.get(4)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "collector",
            key: id.to_string(),
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT z.id, c.name || ' / ' || z.name FROM waste_collector_zones cz
         JOIN zones z ON z.id = cz.zone_id JOIN communities c ON c.id = z.community_id
         WHERE cz.collector_id = ?1 ORDER BY c.name COLLATE THAI, z.name COLLATE THAI",
    )?;
    let zones = stmt.query_map([id], |row| Ok((row.get::<_, i64>(0)?, row.get(1)?)))?;
    (collector.zone_ids, collector.zones) = zones.collect::<rusqlite::Result<_>>()?;
    Ok(collector)
}

/// Lists every collector in Thai name order.
pub fn list_collectors(conn: &Connection) -> Result<Vec<Collector>> {
    let mut stmt = conn.prepare("SELECT id FROM waste_collectors ORDER BY name COLLATE THAI")?;
    let ids: Vec<i64> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| collector(conn, id)).collect()
}

/// Returns the zone called `name` in a community, creating it when new.
pub fn ensure_zone(conn: &Connection, community_id: i64, name: &str) -> Result<i64> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::rule("zone_name_missing", "the zone has no name"));
    }
    conn.execute(
        "INSERT INTO zones (community_id, name) VALUES (?1, ?2)
         ON CONFLICT (community_id, name) DO NOTHING",
        (community_id, &name),
    )?;
    Ok(conn.query_row(
        "SELECT id FROM zones WHERE community_id = ?1 AND name = ?2",
        (community_id, &name),
        |row| row.get(0),
    )?)
}

/// Adds a regular round of a collector through a zone and returns its id.
pub fn add_round(
    conn: &Connection,
    ctx: &Context,
    collector_id: i64,
    zone_id: i64,
    frequency: Frequency,
) -> Result<i64> {
    let collector = collector(conn, collector_id)?;
    if !collector.active {
        return Err(Error::rule(
            "collector_inactive",
            format!(
                "{} is deactivated; reactivate the collector before adding a round",
                collector.name
            ),
        ));
    }
    let (name, weekday) = match frequency {
        Frequency::Daily => ("daily", None),
        Frequency::Weekly(day) if (1..=7).contains(&day) => ("weekly", Some(day)),
        Frequency::Weekly(day) => {
            return Err(Error::rule(
                "invalid_weekday",
                format!("weekday {day} is not 1 (Monday) to 7 (Sunday)"),
            ))
        }
    };
    conn.execute(
        "INSERT INTO waste_rounds (collector_id, zone_id, frequency, weekday, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![collector_id, zone_id, name, weekday, ctx.timestamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::record(
        conn,
        ctx,
        Change::insert(
            "waste_rounds",
            id,
            &serde_json::json!({
                "collector_id": collector_id, "zone_id": zone_id, "frequency": frequency,
            }),
        ),
    )?;
    Ok(id)
}

/// A round as the weekly schedule shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduledRound {
    /// Round row id.
    pub round_id: i64,
    /// Collector's name.
    pub collector: String,
    /// Community.
    pub community: String,
    /// Zone.
    pub zone: String,
    /// Whether the round runs every day.
    pub daily: bool,
}

/// One day of the weekly schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleDay {
    /// 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// The day's Thai name.
    pub name: &'static str,
    /// Rounds that run that day: daily rounds and the day's weekly ones.
    pub rounds: Vec<ScheduledRound>,
}

/// The week's schedule, Monday to Sunday, without the rounds of
/// deactivated collectors.
pub fn weekly_schedule(conn: &Connection) -> Result<Vec<ScheduleDay>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, k.name, c.name, z.name, r.frequency, r.weekday
         FROM waste_rounds r
         JOIN waste_collectors k ON k.id = r.collector_id
         JOIN zones z ON z.id = r.zone_id
         JOIN communities c ON c.id = z.community_id
         WHERE k.active = 1
         ORDER BY k.name COLLATE THAI, c.name COLLATE THAI, z.name COLLATE THAI, r.id",
    )?;
    let rounds: Vec<(ScheduledRound, Option<u8>)> = stmt
        .query_map([], |row| {
            let frequency: String = row.get(4)?;
            Ok((
                ScheduledRound {
                    round_id: row.get(0)?,
                    collector: row.get(1)?,
                    community: row.get(2)?,
                    zone: row.get(3)?,
                    daily: frequency == "daily",
                },
                row.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let days = (1..=7u8)
        .map(|weekday| ScheduleDay {
            weekday,
            name: WEEKDAYS_TH[usize::from(weekday - 1)],
            rounds: rounds
                .iter()
                .filter(|(round, day)| round.daily || *day == Some(weekday))
                .map(|(round, _)| round.clone())
                .collect(),
        })
        .collect();
    Ok(days)
}

/// What a collector did on one day, to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewRoundRecord {
    /// Collector row id.
    pub collector_id: i64,
    /// The regular round it belongs to, if any.
    pub round_id: Option<i64>,
    /// Date.
    pub date: NaiveDate,
    /// Points or households visited, as written.
    pub visited: Vec<String>,
    /// Material row id and grams brought in.
    pub lines: Vec<(i64, i64)>,
    /// What the collector was paid.
    pub paid: Satang,
    /// The collection point the kilograms were delivered to, which puts
    /// them into its stock.
    pub point_id: Option<i64>,
    /// Free-text note.
    pub note: Option<String>,
}

/// A stored round record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundRecord {
    /// Row id.
    pub id: i64,
    /// Collector's name.
    pub collector: String,
    /// Date.
    pub date: NaiveDate,
    /// Points or households visited.
    pub visited: Vec<String>,
    /// Grams by material code.
    pub grams_by_material: BTreeMap<String, i64>,
    /// Pay.
    pub paid: Satang,
    /// Point delivered to.
    pub point: Option<String>,
}

/// Records a round and returns its id. With a delivery point, its
/// kilograms become a deposit at that point.
///
/// Fails with the rule `round_of_other_collector` when the record names a
/// regular round of another collector.
pub fn record_round(conn: &Connection, ctx: &Context, record: &NewRoundRecord) -> Result<i64> {
    if let Some(round_id) = record.round_id {
        check_round_collector(conn, round_id, record.collector_id)?;
    }
    if record.paid.is_negative() {
        return Err(Error::rule(
            "pay_negative",
            format!("the collector's pay {} baht is below zero", record.paid),
        ));
    }
    let mut lines: BTreeMap<i64, i64> = BTreeMap::new();
    for (material_id, grams) in &record.lines {
        if *grams <= 0 {
            return Err(Error::rule(
                "weight_not_positive",
                "each weight of a round must be above zero",
            ));
        }
        *lines.entry(*material_id).or_default() += grams;
    }
    let visited = serde_json::to_string(&record.visited)?;
    conn.execute(
        "INSERT INTO waste_round_records (round_id, collector_id, date, visited, paid_satang,
            point_id, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            record.round_id,
            record.collector_id,
            record.date,
            visited,
            record.paid,
            record.point_id,
            record.note,
            ctx.operator,
            ctx.timestamp()
        ],
    )?;
    let id = conn.last_insert_rowid();
    for (material_id, grams) in &lines {
        conn.execute(
            "INSERT INTO waste_round_record_lines (record_id, material_id, grams)
             VALUES (?1, ?2, ?3)",
            (id, material_id, grams),
        )?;
    }
    if let (Some(point_id), false) = (record.point_id, lines.is_empty()) {
        deliver(conn, ctx, id, record, point_id, &lines)?;
    }
    audit::record(
        conn,
        ctx,
        Change::insert("waste_round_records", id, &round_record(conn, id)?),
    )?;
    Ok(id)
}

/// Checks that the regular round `round_id` is one of the collector's.
fn check_round_collector(conn: &Connection, round_id: i64, collector_id: i64) -> Result<()> {
    let owner: i64 = conn
        .query_row(
            "SELECT collector_id FROM waste_rounds WHERE id = ?1",
            [round_id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "round",
            key: round_id.to_string(),
        })?;
    if owner != collector_id {
        let owner = collector(conn, owner)?.name;
        let named = collector(conn, collector_id)?.name;
        return Err(Error::rule(
            "round_of_other_collector",
            format!(
                "round {round_id} is a round of {owner}, not of {named}; \
                 choose one of {named}'s rounds or no round"
            ),
        ));
    }
    Ok(())
}

/// Puts a round's kilograms into a point's stock as an unpaid deposit.
fn deliver(
    conn: &Connection,
    ctx: &Context,
    record_id: i64,
    record: &NewRoundRecord,
    point_id: i64,
    lines: &BTreeMap<i64, i64>,
) -> Result<()> {
    let collector = collector(conn, record.collector_id)?;
    let household = format!("รอบเก็บของ {}", collector.name);
    let lots: Vec<(i64, i64, i64, Satang)> = lines
        .iter()
        .map(|(material_id, grams)| (*material_id, *grams, 0, Satang::ZERO))
        .collect();
    let posting = Posting {
        member_id: None,
        household: Some(&household),
        round_record_id: Some(record_id),
        point_id,
        date: record.date,
        payment: DepositPayment::None,
        scale_id: None,
        weighed_by: None,
        receipt_no: None,
        note: None,
        lots: &lots,
        import: None,
    };
    deposits::post(conn, ctx, &posting)?;
    Ok(())
}

/// Reads a round record.
pub fn round_record(conn: &Connection, id: i64) -> Result<RoundRecord> {
    let mut records = round_records_where(conn, "r.id = ?1", rusqlite::params![id])?;
    records.pop().ok_or_else(|| Error::NotFound {
        what: "round record",
        key: id.to_string(),
    })
}

/// Round records dated from `from` to `to`, oldest first.
pub fn round_records(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<RoundRecord>> {
    round_records_where(
        conn,
        "r.date BETWEEN ?1 AND ?2",
        rusqlite::params![from, to],
    )
}

fn round_records_where(
    conn: &Connection,
    condition: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<RoundRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, k.name, r.date, r.visited, r.paid_satang, p.name
         FROM waste_round_records r
         JOIN waste_collectors k ON k.id = r.collector_id
         LEFT JOIN waste_points p ON p.id = r.point_id
         WHERE {condition} ORDER BY r.date, r.id"
    ))?;
    let mut records: Vec<RoundRecord> = stmt
        .query_map(params, |row| {
            let visited: String = row.get(3)?;
            Ok(RoundRecord {
                id: row.get(0)?,
                collector: row.get(1)?,
                date: row.get(2)?,
                visited: serde_json::from_str(&visited).unwrap_or_default(),
                grams_by_material: BTreeMap::new(),
                paid: Satang(row.get(4)?),
                point: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut lines = conn.prepare_cached(
        "SELECT m.code, l.grams FROM waste_round_record_lines l
         JOIN waste_materials m ON m.id = l.material_id WHERE l.record_id = ?1",
    )?;
    for record in &mut records {
        let rows = lines.query_map([record.id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        record.grams_by_material = rows.collect::<rusqlite::Result<_>>()?;
    }
    Ok(records)
}

/// A zone that collectors may serve, with its community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ZoneChoice {
    /// Zone row id.
    pub id: i64,
    /// The community's name.
    pub community: String,
    /// The zone's name.
    pub name: String,
}

/// Lists every zone of every community in Thai order of community, then
/// zone.
pub fn list_zones(conn: &Connection) -> Result<Vec<ZoneChoice>> {
    let mut stmt = conn.prepare(
        "SELECT z.id, c.name, z.name FROM zones z JOIN communities c ON c.id = z.community_id
         ORDER BY c.name COLLATE THAI, z.name COLLATE THAI",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(ZoneChoice {
            id: row.get(0)?,
            community: row.get(1)?,
            name: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A regular round as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    /// Row id.
    pub id: i64,
    /// Collector row id.
    pub collector_id: i64,
    /// Collector's name.
    pub collector: String,
    /// Zone row id.
    pub zone_id: i64,
    /// The zone's community.
    pub community: String,
    /// The zone's name.
    pub zone: String,
    /// How often it runs.
    pub frequency: Frequency,
}

/// Lists every regular round by collector, community and zone.
pub fn list_rounds(conn: &Connection) -> Result<Vec<Round>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, k.id, k.name, z.id, c.name, z.name, r.frequency, r.weekday
         FROM waste_rounds r
         JOIN waste_collectors k ON k.id = r.collector_id
         JOIN zones z ON z.id = r.zone_id
         JOIN communities c ON c.id = z.community_id
         ORDER BY k.name COLLATE THAI, c.name COLLATE THAI, z.name COLLATE THAI, r.id",
    )?;
    let rows = stmt.query_map([], |row| {
        let frequency: String = row.get(6)?;
        let weekday: Option<u8> = row.get(7)?;
        Ok(Round {
            id: row.get(0)?,
            collector_id: row.get(1)?,
            collector: row.get(2)?,
            zone_id: row.get(3)?,
            community: row.get(4)?,
            zone: row.get(5)?,
            frequency: match (frequency.as_str(), weekday) {
                ("weekly", Some(day)) => Frequency::Weekly(day),
                _ => Frequency::Daily,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
