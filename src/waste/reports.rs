//! Reports of the waste bank: kilograms by material, community and month,
//! plastic diverted, value returned to members, the busiest collection
//! points, and margin per month. The programme report for partners
//! gathers them for a period.
//!
//! Every figure comes from one pass over the lots of the period, which
//! carry their date, point, member, material, weight and value, so that a
//! report over a million lots needs no join.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use super::materials::{Catalog, Category};
use super::points::list_points;
use crate::{Error, Result, Satang};

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFilter {
    /// First day, included.
    pub from: NaiveDate,
    /// Last day, included.
    pub to: NaiveDate,
    /// Community row ids to include; empty for every community.
    pub community_ids: Vec<i64>,
}

impl ReportFilter {
    /// Every community from `from` to `to`. Fails when `to` is before
    /// `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<ReportFilter> {
        if to < from {
            return Err(Error::rule(
                "period_reversed",
                format!(
                    "the period ends ({}) before it starts ({})",
                    crate::thai::date::format_numeric(to),
                    crate::thai::date::format_numeric(from)
                ),
            ));
        }
        Ok(ReportFilter {
            from,
            to,
            community_ids: Vec::new(),
        })
    }

    /// Creates a filter of every community over the calendar year
    /// `year_be` of the Buddhist Era, 1 January to 31 December. Fails for
    /// a year that looks like a Christian-era one.
    ///
    /// ```
    /// use chumchon::waste::ReportFilter;
    /// let filter = ReportFilter::year(2567).expect("a BE year");
    /// assert_eq!(filter.from.to_string(), "2024-01-01");
    /// assert_eq!(filter.to.to_string(), "2024-12-31");
    /// assert!(ReportFilter::year(2024).is_err());
    /// ```
    pub fn year(year_be: i32) -> Result<ReportFilter> {
        let invalid = || {
            Error::rule(
                "year_not_buddhist_era",
                format!(
                    "year {year_be} looks like a Christian-era year; give the Buddhist-era \
                     year, such as {}",
                    year_be.saturating_add(543)
                ),
            )
        };
        if year_be < crate::thai::date::MIN_BE_YEAR {
            return Err(invalid());
        }
        let from = NaiveDate::from_ymd_opt(year_be - 543, 1, 1).ok_or_else(invalid)?;
        let to = NaiveDate::from_ymd_opt(year_be - 543, 12, 31).ok_or_else(invalid)?;
        ReportFilter::new(from, to)
    }
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Month {
    /// Year, CE.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
}

impl Month {
    /// The month of a date.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month's short Thai name and two-digit BE year, as "ม.ค. 67".
    pub fn label(self) -> String {
        let first = NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default();
        let short = crate::thai::date::format_short(first);
        short
            .split_once(' ')
            .map_or(short.clone(), |(_, rest)| rest.to_string())
    }
}

/// Kilograms of one material in one community in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthlyRow {
    /// The month.
    pub month: Month,
    /// Community name.
    pub community: String,
    /// Material code.
    pub material: String,
    /// Grams.
    pub grams: i64,
    /// Value paid.
    pub value: Satang,
    /// Lots counted (a reversal cancels its lot).
    pub lots: i64,
}

/// One material's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaterialTotal {
    /// Code.
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Group.
    pub category: Category,
    /// Whether it counts as plastic.
    pub is_plastic: bool,
    /// Polymer, for plastics.
    pub polymer: Option<String>,
    /// Grams.
    pub grams: i64,
    /// Value paid.
    pub value: Satang,
}

/// One month's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthTotal {
    /// The month.
    pub month: Month,
    /// Grams of every material.
    pub grams: i64,
    /// Grams of plastics.
    pub plastic_grams: i64,
    /// Value paid.
    pub value: Satang,
}

/// One community's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommunityTotal {
    /// Name.
    pub community: String,
    /// Grams of every material.
    pub grams: i64,
    /// Grams of plastics.
    pub plastic_grams: i64,
    /// Value paid.
    pub value: Satang,
    /// Members who deposited.
    pub members: i64,
}

/// One collection point's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PointTotal {
    /// The point's community.
    pub community: String,
    /// The point's name.
    pub point: String,
    /// Grams.
    pub grams: i64,
    /// Lots weighed there.
    pub lots: i64,
    /// Members who deposited there.
    pub members: i64,
}

/// The programme report for partners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgrammeReport {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Communities with deposits in the period, in Thai order.
    pub communities: Vec<String>,
    /// Grams of every material.
    pub total_grams: i64,
    /// Grams of plastics: the plastic diverted from the waste stream.
    pub plastic_grams: i64,
    /// Lots weighed.
    pub lots: i64,
    /// Members who deposited.
    pub active_members: i64,
    /// Value of members' deposits: the money returned to members, in cash
    /// or credit.
    pub value_returned: Satang,
    /// The part of it added to plastic-credit accounts.
    pub credit_earned: Satang,
    /// Credit converted into shares in the period.
    pub credit_to_shares: Satang,
    /// Shares bought with plastic credit in the period.
    pub shares_bought: i64,
    /// Paid to collectors for their rounds.
    pub collector_pay: Satang,
    /// Revenue of sales to buyers.
    pub sales_revenue: Satang,
    /// Totals by material, in catalogue order, materials with any weight.
    pub by_material: Vec<MaterialTotal>,
    /// Grams of plastic by polymer (PET, HDPE, PP, LDPE, OTHER).
    pub by_polymer: Vec<(String, i64)>,
    /// Totals by community.
    pub by_community: Vec<CommunityTotal>,
    /// Totals by month, every month of the period.
    pub by_month: Vec<MonthTotal>,
    /// Collection points, busiest (most kilograms) first.
    pub points: Vec<PointTotal>,
    /// Kilograms by month, community and material.
    pub monthly: Vec<MonthlyRow>,
}

/// Sums of one group of lots.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    grams: i64,
    value: i64,
    lots: i64,
}

impl Sums {
    fn add(&mut self, grams: i64, value: i64) {
        self.grams += grams;
        self.value += value;
        self.lots += if grams > 0 { 1 } else { -1 };
    }
}

/// The period's lots summed by month, point and material, with each
/// member's net grams by point.
struct Scan {
    cells: HashMap<(Month, i64, i64), Sums>,
    members: FastMap<(i64, i64), i64>,
    member_value: i64,
}

/// A hash map with a multiply-rotate hasher, for integer keys that a scan
/// looks up once per lot: several times faster than the default SipHash,
/// which guards against keys chosen by an attacker, and these are row ids.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// The hasher of [`FastMap`], after the one rustc uses for its own tables.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i64(&mut self, value: i64) {
        self.write_u64(value as u64);
    }
}

/// The lots of one date, point and material that follow each other in the
/// scan, summed before they go into the map.
struct Group {
    month: Month,
    point: i64,
    material: i64,
    sums: Sums,
}

/// Sums the lots in the filter's period and communities in one pass.
///
/// The lots are read in the order of the `waste_lots_report` index (date,
/// point, material), which also holds every column read, so SQLite never
/// visits the table itself. Runs of lots with the same date, point and
/// material are summed before the map is touched.
fn scan(conn: &Connection, filter: &ReportFilter) -> Result<(Scan, HashMap<i64, i64>)> {
    let point_community: HashMap<i64, i64> = list_points(conn)?
        .into_iter()
        .filter(|p| {
            filter.community_ids.is_empty() || filter.community_ids.contains(&p.community_id)
        })
        .map(|p| (p.id, p.community_id))
        .collect();
    let mut in_scope = Vec::new();
    for point in point_community.keys() {
        let index = usize::try_from(*point).unwrap_or(0);
        if in_scope.len() <= index {
            in_scope.resize(index + 1, false);
        }
        in_scope[index] = true;
    }

    let mut stmt = conn.prepare_cached(
        "SELECT date, point_id, material_id, grams, value_satang, member_id
         FROM waste_lots WHERE date BETWEEN ?1 AND ?2
         ORDER BY date, point_id, material_id",
    )?;
    let mut rows = stmt.query((filter.from, filter.to))?;
    let mut scan = Scan {
        cells: HashMap::new(),
        members: FastMap::default(),
        member_value: 0,
    };
    let mut last_date = Vec::new();
    let mut month = Month::of(filter.from);
    let mut group: Option<Group> = None;
    while let Some(row) = rows.next()? {
        let point: i64 = row.get(1)?;
        let known = usize::try_from(point).ok().and_then(|i| in_scope.get(i));
        if known != Some(&true) {
            continue;
        }
        let date = row.get_ref(0)?.as_bytes().unwrap_or_default();
        if date != last_date.as_slice() {
            last_date.clear();
            last_date.extend_from_slice(date);
            month = month_of_iso(std::str::from_utf8(date).unwrap_or(""));
        }
        let material: i64 = row.get(2)?;
        let grams: i64 = row.get(3)?;
        let value: i64 = row.get(4)?;
        let same = group
            .as_ref()
            .is_some_and(|g| g.month == month && g.point == point && g.material == material);
        if !same {
            if let Some(done) = group.take() {
                scan.add_group(done);
            }
            group = Some(Group {
                month,
                point,
                material,
                sums: Sums::default(),
            });
        }
        if let Some(current) = group.as_mut() {
            current.sums.add(grams, value);
        }
        if let Some(member) = row.get::<_, Option<i64>>(5)? {
            *scan.members.entry((member, point)).or_default() += grams;
            scan.member_value += value;
        }
    }
    if let Some(done) = group {
        scan.add_group(done);
    }
    Ok((scan, point_community))
}

impl Scan {
    fn add_group(&mut self, group: Group) {
        let cell = self
            .cells
            .entry((group.month, group.point, group.material))
            .or_default();
        cell.grams += group.sums.grams;
        cell.value += group.sums.value;
        cell.lots += group.sums.lots;
    }
}

/// The month of an ISO date "YYYY-MM-DD", read from its digits.
fn month_of_iso(date: &str) -> Month {
    let year = date.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let month = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    Month { year, month }
}

/// Kilograms by month, community and material in a period, sorted by
/// month, community (Thai order) and catalogue order.
pub fn monthly_report(conn: &Connection, filter: &ReportFilter) -> Result<Vec<MonthlyRow>> {
    let (scan, point_community) = scan(conn, filter)?;
    let context = Names::load(conn)?;
    Ok(monthly_rows(&scan, &point_community, &context))
}

fn monthly_rows(
    scan: &Scan,
    point_community: &HashMap<i64, i64>,
    names: &Names,
) -> Vec<MonthlyRow> {
    let mut by_key: BTreeMap<(Month, i64, i64), Sums> = BTreeMap::new();
    for ((month, point, material), sums) in &scan.cells {
        let community = point_community.get(point).copied().unwrap_or_default();
        let cell = by_key.entry((*month, community, *material)).or_default();
        cell.grams += sums.grams;
        cell.value += sums.value;
        cell.lots += sums.lots;
    }
    let mut rows: Vec<MonthlyRow> = by_key
        .into_iter()
        .filter(|(_, sums)| sums.grams != 0 || sums.lots != 0)
        .map(|((month, community, material), sums)| MonthlyRow {
            month,
            community: names.community(community),
            material: names
                .catalog
                .get(material)
                .map(|m| m.code.clone())
                .unwrap_or_default(),
            grams: sums.grams,
            value: Satang(sums.value),
            lots: sums.lots,
        })
        .collect();
    let position = |code: &str| {
        names
            .catalog
            .by_code(code)
            .and_then(|m| names.catalog.position(m.id))
    };
    rows.sort_by(|a, b| {
        a.month
            .cmp(&b.month)
            .then_with(|| crate::thai::collation::compare(&a.community, &b.community))
            .then_with(|| position(&a.material).cmp(&position(&b.material)))
    });
    rows
}

/// Names of communities, points and materials, read once.
struct Names {
    catalog: Catalog,
    communities: HashMap<i64, String>,
    points: HashMap<i64, (String, i64)>,
}

impl Names {
    fn load(conn: &Connection) -> Result<Names> {
        let communities = crate::members::list_communities(conn)?
            .into_iter()
            .map(|c| (c.community.id, c.community.name))
            .collect();
        let points = list_points(conn)?
            .into_iter()
            .map(|p| (p.id, (p.name, p.community_id)))
            .collect();
        Ok(Names {
            catalog: Catalog::load(conn)?,
            communities,
            points,
        })
    }

    fn community(&self, id: i64) -> String {
        self.communities.get(&id).cloned().unwrap_or_default()
    }
}

/// Builds the programme report for partners over a period.
pub fn programme_report(conn: &Connection, filter: &ReportFilter) -> Result<ProgrammeReport> {
    let (scan, point_community) = scan(conn, filter)?;
    let names = Names::load(conn)?;
    let is_plastic = |material: i64| names.catalog.get(material).is_some_and(|m| m.is_plastic);

    let mut by_material: BTreeMap<usize, Sums> = BTreeMap::new();
    let mut by_month: BTreeMap<Month, (i64, i64, i64)> = BTreeMap::new();
    let mut by_point: HashMap<i64, Sums> = HashMap::new();
    let mut by_community: HashMap<i64, (i64, i64, i64)> = HashMap::new();
    let mut month = Month::of(filter.from);
    while month <= Month::of(filter.to) {
        by_month.insert(month, (0, 0, 0));
        month = month.next();
    }
    for ((month, point, material), sums) in &scan.cells {
        let plastic = if is_plastic(*material) { sums.grams } else { 0 };
        if let Some(position) = names.catalog.position(*material) {
            let total = by_material.entry(position).or_default();
            total.grams += sums.grams;
            total.value += sums.value;
        }
        let month_total = by_month.entry(*month).or_default();
        month_total.0 += sums.grams;
        month_total.1 += plastic;
        month_total.2 += sums.value;
        let point_total = by_point.entry(*point).or_default();
        point_total.grams += sums.grams;
        point_total.lots += sums.lots;
        let community = point_community.get(point).copied().unwrap_or_default();
        let community_total = by_community.entry(community).or_default();
        community_total.0 += sums.grams;
        community_total.1 += plastic;
        community_total.2 += sums.value;
    }
    let active: HashSet<i64> = scan
        .members
        .iter()
        .filter(|(_, grams)| **grams > 0)
        .map(|((member, _), _)| *member)
        .collect();
    let materials = material_totals(&names, &by_material);
    let by_polymer = polymer_totals(&materials);
    let total_grams = materials.iter().map(|m| m.grams).sum();
    let plastic_grams = materials
        .iter()
        .filter(|m| m.is_plastic)
        .map(|m| m.grams)
        .sum();
    let extras = Extras::load(conn, filter, &point_community)?;
    let mut communities_list = community_totals(&names, &by_community, &scan, &point_community);
    communities_list.retain(|c| c.grams != 0);
    Ok(ProgrammeReport {
        from: filter.from,
        to: filter.to,
        communities: communities_list
            .iter()
            .map(|c| c.community.clone())
            .collect(),
        total_grams,
        plastic_grams,
        lots: by_point.values().map(|p| p.lots).sum(),
        active_members: active.len() as i64,
        value_returned: Satang(scan.member_value),
        credit_earned: extras.credit_earned,
        credit_to_shares: extras.credit_to_shares,
        shares_bought: extras.shares_bought,
        collector_pay: extras.collector_pay,
        sales_revenue: extras.sales_revenue,
        by_material: materials,
        by_polymer,
        by_community: communities_list,
        by_month: by_month
            .into_iter()
            .map(|(month, (grams, plastic_grams, value))| MonthTotal {
                month,
                grams,
                plastic_grams,
                value: Satang(value),
            })
            .collect(),
        points: point_totals(&names, &by_point, &scan),
        monthly: monthly_rows(&scan, &point_community, &names),
    })
}

fn material_totals(names: &Names, by_material: &BTreeMap<usize, Sums>) -> Vec<MaterialTotal> {
    by_material
        .iter()
        .filter(|(_, sums)| sums.grams != 0)
        .filter_map(|(position, sums)| {
            let material = names.catalog.materials.get(*position)?;
            Some(MaterialTotal {
                code: material.code.clone(),
                name_th: material.name_th.clone(),
                name_en: material.name_en.clone(),
                category: material.category,
                is_plastic: material.is_plastic,
                polymer: material.polymer.clone(),
                grams: sums.grams,
                value: Satang(sums.value),
            })
        })
        .collect()
}

/// Polymers in the order PET, HDPE, PP, LDPE, then any other name.
fn polymer_totals(materials: &[MaterialTotal]) -> Vec<(String, i64)> {
    const ORDER: [&str; 5] = ["PET", "HDPE", "PP", "LDPE", "OTHER"];
    let mut totals: BTreeMap<(usize, String), i64> = BTreeMap::new();
    for material in materials.iter().filter(|m| m.is_plastic) {
        let polymer = material
            .polymer
            .clone()
            .unwrap_or_else(|| "OTHER".to_string());
        let rank = ORDER
            .iter()
            .position(|p| *p == polymer)
            .unwrap_or(ORDER.len());
        *totals.entry((rank, polymer)).or_default() += material.grams;
    }
    totals
        .into_iter()
        .map(|((_, polymer), grams)| (polymer, grams))
        .collect()
}

fn community_totals(
    names: &Names,
    by_community: &HashMap<i64, (i64, i64, i64)>,
    scan: &Scan,
    point_community: &HashMap<i64, i64>,
) -> Vec<CommunityTotal> {
    let mut members: HashMap<i64, HashSet<i64>> = HashMap::new();
    for ((member, point), grams) in &scan.members {
        if *grams > 0 {
            let community = point_community.get(point).copied().unwrap_or_default();
            members.entry(community).or_default().insert(*member);
        }
    }
    let mut totals: Vec<CommunityTotal> = by_community
        .iter()
        .map(|(id, (grams, plastic_grams, value))| CommunityTotal {
            community: names.community(*id),
            grams: *grams,
            plastic_grams: *plastic_grams,
            value: Satang(*value),
            members: members.get(id).map_or(0, |set| set.len() as i64),
        })
        .collect();
    totals.sort_by(|a, b| crate::thai::collation::compare(&a.community, &b.community));
    totals
}

fn point_totals(names: &Names, by_point: &HashMap<i64, Sums>, scan: &Scan) -> Vec<PointTotal> {
    let mut members: HashMap<i64, i64> = HashMap::new();
    for ((_, point), grams) in &scan.members {
        if *grams > 0 {
            *members.entry(*point).or_default() += 1;
        }
    }
    let mut totals: Vec<PointTotal> = by_point
        .iter()
        .filter(|(_, sums)| sums.grams != 0)
        .map(|(id, sums)| {
            let (point, community) = names.points.get(id).cloned().unwrap_or_default();
            PointTotal {
                community: names.community(community),
                point,
                grams: sums.grams,
                lots: sums.lots,
                members: members.get(id).copied().unwrap_or(0),
            }
        })
        .collect();
    totals.sort_by(|a, b| {
        b.grams
            .cmp(&a.grams)
            .then_with(|| crate::thai::collation::compare(&a.point, &b.point))
    });
    totals
}

/// Figures that come from the credit accounts, rounds and sales rather
/// than the lots.
struct Extras {
    credit_earned: Satang,
    credit_to_shares: Satang,
    shares_bought: i64,
    collector_pay: Satang,
    sales_revenue: Satang,
}

impl Extras {
    fn load(
        conn: &Connection,
        filter: &ReportFilter,
        point_community: &HashMap<i64, i64>,
    ) -> Result<Extras> {
        let in_scope = |point: Option<i64>| point.is_none_or(|p| point_community.contains_key(&p));
        let mut credit_earned = 0;
        let mut stmt = conn.prepare(
            "SELECT d.point_id, e.amount_satang FROM plastic_credit_entries e
             JOIN waste_deposits d ON d.id = e.deposit_id
             WHERE e.kind IN ('deposit', 'reversal') AND d.date BETWEEN ?1 AND ?2",
        )?;
        let mut rows = stmt.query((filter.from, filter.to))?;
        while let Some(row) = rows.next()? {
            if in_scope(Some(row.get(0)?)) {
                credit_earned += row.get::<_, i64>(1)?;
            }
        }
        let (credit_to_shares, shares_bought) = conn.query_row(
            "SELECT coalesce(sum(-e.amount_satang), 0), coalesce(sum(t.shares), 0)
             FROM plastic_credit_entries e JOIN share_transactions t ON t.id = e.share_transaction_id
             WHERE e.kind = 'conversion' AND e.date BETWEEN ?1 AND ?2
               AND NOT EXISTS (SELECT 1 FROM share_transactions r WHERE r.reverses_id = t.id)",
            (filter.from, filter.to),
            |row| Ok((Satang(row.get(0)?), row.get(1)?)),
        )?;
        let mut collector_pay = 0;
        let mut stmt = conn.prepare(
            "SELECT point_id, paid_satang FROM waste_round_records WHERE date BETWEEN ?1 AND ?2",
        )?;
        let mut rows = stmt.query((filter.from, filter.to))?;
        while let Some(row) = rows.next()? {
            if in_scope(row.get(0)?) {
                collector_pay += row.get::<_, i64>(1)?;
            }
        }
        let mut sales_revenue = 0;
        let mut stmt = conn.prepare(
            "SELECT s.point_id, sum(l.value_satang) FROM waste_sales s
             JOIN waste_sale_lines l ON l.sale_id = s.id
             WHERE s.date BETWEEN ?1 AND ?2 GROUP BY s.point_id",
        )?;
        let mut rows = stmt.query((filter.from, filter.to))?;
        while let Some(row) = rows.next()? {
            if in_scope(Some(row.get(0)?)) {
                sales_revenue += row.get::<_, i64>(1)?;
            }
        }
        Ok(Extras {
            credit_earned: Satang(credit_earned),
            credit_to_shares,
            shares_bought,
            collector_pay: Satang(collector_pay),
            sales_revenue: Satang(sales_revenue),
        })
    }
}

/// Revenue, cost and margin of one month's sales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarginRow {
    /// The month of the sales.
    pub month: Month,
    /// Sales revenue.
    pub revenue: Satang,
    /// What the sold kilograms cost: each allocated lot's grams at the
    /// price paid for that lot.
    pub cost: Satang,
    /// Paid to collectors in the month.
    pub collector_pay: Satang,
    /// Revenue minus cost minus collector pay.
    pub margin: Satang,
}

/// Margin per month from `from` to `to`, every month of the period.
pub fn margin_by_month(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MarginRow>> {
    let mut months: BTreeMap<Month, (i64, i64, i64)> = BTreeMap::new();
    let mut month = Month::of(from);
    while month <= Month::of(to) {
        months.insert(month, (0, 0, 0));
        month = month.next();
    }
    let mut add = |sql: &str, slot: usize| -> Result<()> {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query((from, to))?;
        while let Some(row) = rows.next()? {
            let month = month_of_iso(row.get_ref(0)?.as_str().unwrap_or(""));
            let amount: i64 = row.get(1)?;
            let entry = months.entry(month).or_default();
            match slot {
                0 => entry.0 += amount,
                1 => entry.1 += amount,
                _ => entry.2 += amount,
            }
        }
        Ok(())
    };
    add(
        "SELECT s.date, l.value_satang FROM waste_sales s JOIN waste_sale_lines l
           ON l.sale_id = s.id WHERE s.date BETWEEN ?1 AND ?2",
        0,
    )?;
    add(
        "SELECT s.date, CASE WHEN a.grams * t.satang_per_kg >= 0
                    THEN (a.grams * t.satang_per_kg + 500) / 1000
                    ELSE (a.grams * t.satang_per_kg - 500) / 1000 END
         FROM waste_lot_allocations a
         JOIN waste_sale_lines l ON l.id = a.sale_line_id
         JOIN waste_sales s ON s.id = l.sale_id
         JOIN waste_lots t ON t.id = a.lot_id
         WHERE s.date BETWEEN ?1 AND ?2",
        1,
    )?;
    add(
        "SELECT date, paid_satang FROM waste_round_records WHERE date BETWEEN ?1 AND ?2",
        2,
    )?;
    Ok(months
        .into_iter()
        .map(|(month, (revenue, cost, pay))| MarginRow {
            month,
            revenue: Satang(revenue),
            cost: Satang(cost),
            collector_pay: Satang(pay),
            margin: Satang(revenue - cost - pay),
        })
        .collect())
}
