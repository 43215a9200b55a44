//! Demo data for a first launch: two communities, a few hundred members
//! with Thai names, and a year of share transactions.
//!
//! The data is generated from a fixed seed, so every demo database is the
//! same apart from the year, which is the last full calendar year before
//! the context's date.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::members::{self, Address, MemberDetails, Status};
use crate::shares::{self, Kind, NewTransaction, Payment, Source};
use crate::{Context, Error, Result, Satang};

/// What [`fill`] created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Communities created.
    pub communities: usize,
    /// Members created.
    pub members: usize,
    /// Share transactions posted.
    pub transactions: usize,
    /// The year the transactions fall in, Buddhist Era.
    pub year_be: i32,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "demo data: {} communities, {} members, {} share transactions in {}",
            self.communities, self.members, self.transactions, self.year_be
        )
    }
}

/// A demo community: name, code, municipality, subdistrict, district,
/// postcode and number of members.
struct DemoCommunity {
    name: &'static str,
    code: &'static str,
    municipality: &'static str,
    subdistrict: &'static str,
    district: &'static str,
    postcode: &'static str,
    members: usize,
}

const COMMUNITIES: [DemoCommunity; 2] = [
    DemoCommunity {
        name: "เก้าเส้ง",
        code: "KS",
        municipality: "เทศบาลนครสงขลา",
        subdistrict: "บ่อยาง",
        district: "เมืองสงขลา",
        postcode: "90000",
        members: 180,
    },
    DemoCommunity {
        name: "คลองเรียน",
        code: "KR",
        municipality: "เทศบาลนครหาดใหญ่",
        subdistrict: "หาดใหญ่",
        district: "หาดใหญ่",
        postcode: "90110",
        members: 140,
    },
];

const WOMEN: &[&str] = &[
    "สมศรี",
    "มาลี",
    "กัลยา",
    "ยุพิน",
    "อุไร",
    "ศิริพร",
    "ฐิติมา",
    "ญาดา",
    "วิไล",
    "กิ่งแก้ว",
    "ผ่องศรี",
    "เยาวลักษณ์",
    "สุนีย์",
    "ละเอียด",
    "ฝนทิพย์",
    "นงลักษณ์",
    "พรทิพย์",
    "รัตนา",
    "อรุณี",
    "จันทร์เพ็ญ",
];
const MEN: &[&str] = &[
    "สมชาย",
    "ณรงค์",
    "ไพโรจน์",
    "ทองใบ",
    "ประเสริฐ",
    "เฉลิม",
    "ชูศักดิ์",
    "บุญมี",
    "ธนพล",
    "ปิยะ",
    "สุชาติ",
    "วีระ",
    "อับดุลเลาะ",
    "มูหะมัด",
    "สมพงษ์",
    "ประยูร",
    "เกษม",
    "โชติ",
    "ขวัญชัย",
    "ดำรง",
];
const LAST_NAMES: &[&str] = &[
    "ใจดี",
    "แก้วมณี",
    "ศักดิ์ศรี",
    "ฝั่งทะเล",
    "บ่อยางทอง",
    "พึ่งตน",
    "มั่นคง",
    "ศรีสุข",
    "รักษ์ถิ่น",
    "น้ำใจงาม",
    "หาดใหญ่ดี",
    "ไหมทอง",
    "สงขลานคร",
    "ที่พึ่ง",
    "บุญเรือง",
    "เพ็ชรรัตน์",
    "ชื่นใจ",
    "ทองคำ",
    "ปัญญาดี",
    "หมาดหมัน",
    "เส็นสะอาด",
    "ยีหวังเต๊ะ",
    "แสงอรุณ",
    "ศรีเมือง",
];
const SOIS: &[&str] = &["ร่วมใจ", "สามัคคี", "หลังวัด", "ริมคลอง", "ตลาดเก่า"];

/// A small deterministic generator, so demo data is the same every time.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Fills an empty database with demo data. Fails when the database
/// already has members, so real data is never mixed with demo data.
pub fn fill(conn: &Connection, ctx: &Context) -> Result<Summary> {
    let existing: i64 = conn.query_row("SELECT count(*) FROM members", [], |row| row.get(0))?;
    if existing > 0 {
        return Err(Error::rule(
            "database_not_empty",
            format!("the database already has {existing} members; demo data goes only into an empty database"),
        ));
    }
    let year = ctx.today().year() - 1;
    let par = shares::policy(conn)?.par;
    let mut random = Sequence(20_240_101);
    let mut summary = Summary {
        communities: 0,
        members: 0,
        transactions: 0,
        year_be: year + 543,
    };
    for demo in &COMMUNITIES {
        let community = members::ensure_community(conn, ctx, demo.name, Some(demo.code))?;
        conn.execute(
            "UPDATE communities SET municipality = ?2 WHERE id = ?1",
            (community.id, demo.municipality),
        )?;
        summary.communities += 1;
        let mut ids = Vec::with_capacity(demo.members);
        for number in 1..=demo.members {
            let details = member(&mut random, demo, community.id, number, year);
            ids.push(members::insert(conn, ctx, &details)?);
            summary.members += 1;
        }
        summary.transactions += year_of_transactions(conn, ctx, &mut random, &ids, year, par)?;
    }
    Ok(summary)
}

fn member(
    random: &mut Sequence,
    demo: &DemoCommunity,
    community_id: i64,
    number: usize,
    year: i32,
) -> MemberDetails {
    let woman = random.below(100) < 60;
    let (title, first_name) = if woman {
        (
            if random.below(3) == 0 {
                "นางสาว"
            } else {
                "นาง"
            },
            random.pick(WOMEN),
        )
    } else {
        ("นาย", random.pick(MEN))
    };
    let joined = NaiveDate::from_ymd_opt(
        year - 1 - random.below(6) as i32,
        1 + random.below(12) as u32,
        1 + random.below(28) as u32,
    );
    MemberDetails {
        member_no: format!("{}{number:03}", demo.code),
        title: title.to_string(),
        first_name: first_name.to_string(),
        last_name: random.pick(LAST_NAMES).to_string(),
        national_id: (random.below(10) > 0).then(|| national_id(random)),
        phone: Some(format!(
            "0{}-{:03}-{:04}",
            [6, 8, 9][random.below(3) as usize] * 10 + random.below(10),
            random.below(1000),
            random.below(10_000)
        )),
        address: Address {
            house_no: Some(format!(
                "{}/{}",
                1 + random.below(200),
                1 + random.below(30)
            )),
            moo: Some((1 + random.below(8)).to_string()),
            soi: Some(random.pick(SOIS).to_string()),
            subdistrict: Some(demo.subdistrict.to_string()),
            district: Some(demo.district.to_string()),
            province: Some("สงขลา".to_string()),
            postcode: Some(demo.postcode.to_string()),
            ..Address::default()
        },
        community_id,
        joined,
        status: if random.below(40) == 0 {
            Status::Resigned
        } else {
            Status::Active
        },
        ..MemberDetails::default()
    }
}

/// A national ID with a right check digit.
fn national_id(random: &mut Sequence) -> String {
    let mut digits: String = (1 + random.below(8)).to_string();
    for _ in 0..11 {
        digits.push_str(&random.below(10).to_string());
    }
    let check = crate::thai::national_id::check_digit(&digits).unwrap_or(0);
    format!("{digits}{check}")
}

/// Opening balances on 1 January, then purchases (in cash and by plastic
/// credit), withdrawals and a few transfers through the year.
fn year_of_transactions(
    conn: &Connection,
    ctx: &Context,
    random: &mut Sequence,
    ids: &[i64],
    year: i32,
    par: Satang,
) -> Result<usize> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let mut posted = 0;
    for &id in ids {
        if random.below(10) < 8 {
            let shares = 1 + random.below(50) as i64;
            post(
                conn,
                ctx,
                NewTransaction::new(
                    id,
                    start,
                    Kind::Opening,
                    shares,
                    Satang(shares * par.satang()),
                ),
            )?;
            posted += 1;
        }
    }
    let mut receipt = 0;
    for _ in 0..ids.len() * 2 {
        let id = ids[random.below(ids.len() as u64) as usize];
        let date = start + chrono::Days::new(1 + random.below(363));
        let shares = 1 + random.below(5) as i64;
        let amount = Satang(shares * par.satang());
        let roll = random.below(20);
        let mut tx = if roll < 12 {
            NewTransaction::new(id, date, Kind::Purchase, shares, amount)
        } else if roll < 17 {
            let mut tx = NewTransaction::new(id, date, Kind::Purchase, shares, amount);
            tx.payment = Some(Payment::PlasticCredit);
            tx
        } else if roll < 19 {
            NewTransaction::new(id, date, Kind::Withdrawal, shares, amount)
        } else {
            let mut tx = NewTransaction::new(id, date, Kind::Transfer, shares, amount);
            tx.to_member_id =
                Some(ids[random.below(ids.len() as u64) as usize]).filter(|to| *to != id);
            tx
        };
        if tx.kind == Kind::Transfer && tx.to_member_id.is_none() {
            continue;
        }
        receipt += 1;
        tx.receipt_no = Some(format!("R{}-{receipt:04}", year + 543));
        if post(conn, ctx, tx)? {
            posted += 1;
        }
    }
    Ok(posted)
}

/// Posts a demo transaction, skipping one that would take a balance below
/// zero (a withdrawal or transfer drawn at random for a member without
/// enough shares).
fn post(conn: &Connection, ctx: &Context, mut tx: NewTransaction) -> Result<bool> {
    tx.source = Source::Demo;
    match shares::post(conn, ctx, &tx) {
        Ok(_) => Ok(true),
        Err(Error::Rule {
            code: "share_balance_negative",
            ..
        }) => Ok(false),
        Err(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::context;

    #[test]
    fn demo_fills_empty_database() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();

        let summary = fill(&conn, &ctx)?;

        assert_eq!(summary.communities, 2);
        assert_eq!(summary.members, 320);
        assert!(
            summary.transactions > 500,
            "a year of transactions, got {}",
            summary.transactions
        );
        assert_eq!(
            summary.year_be, 2567,
            "the last full year before 2025-01-15"
        );
        let invalid = crate::members::list(&conn)?
            .iter()
            .filter(|m| !m.national_id_valid)
            .count();
        assert_eq!(invalid, 0, "demo IDs have right check digits");
        Ok(())
    }

    #[test]
    fn demo_refuses_database_with_members() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        fill(&conn, &ctx)?;

        let again = fill(&conn, &ctx);

        assert_eq!(again.err().map(|e| e.code()), Some("database_not_empty"));
        Ok(())
    }
}
