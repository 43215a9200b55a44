//! Loan products and purposes: what the fund lends for, at which rate and
//! method, up to which amount and term, with how many guarantors and which
//! late-penalty rule.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::schedule::{Method, MAX_MONTHS};
use crate::audit::{self, Change};
use crate::{Context, Error, Result, Satang};

/// What a member borrows for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Purpose {
    /// Stable code, such as "trade".
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
}

/// Lists the loan purposes in their order.
pub fn list_purposes(conn: &Connection) -> Result<Vec<Purpose>> {
    let mut stmt =
        conn.prepare("SELECT code, name_th, name_en FROM loan_purposes ORDER BY sort_order")?;
    let rows = stmt.query_map([], |row| {
        Ok(Purpose {
            code: row.get(0)?,
            name_th: row.get(1)?,
            name_en: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds the purpose that a legacy sheet's text means: a code, a Thai or
/// English name, or a word the office uses for it ("ซ่อมบ้าน", "ทุนการศึกษา",
/// "ซื้อรถซาเล้ง"). Returns "other" for text it does not know.
///
/// ```
/// use chumchon::fund::products::purpose_of_text;
/// assert_eq!(purpose_of_text("ซื้อรถซาเล้ง"), "vehicle");
/// assert_eq!(purpose_of_text("ทุนการศึกษา"), "education");
/// assert_eq!(purpose_of_text("เลี้ยงไก่"), "other");
/// ```
pub fn purpose_of_text(text: &str) -> &'static str {
    let text: String = text.to_lowercase().split_whitespace().collect();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["trade", "ค้าขาย", "ขายของ", "ทุนค้า"]) {
        "trade"
    } else if has(&["home", "บ้าน", "ที่อยู่"]) {
        "home"
    } else if has(&[
        "education",
        "school",
        "การศึกษา",
        "ทุนการศึกษา",
        "ค่าเทอม",
        "เรียน",
    ]) {
        "education"
    } else if has(&["vehicle", "รถ", "ซาเล้ง", "จักรยาน"]) {
        "vehicle"
    } else if has(&["occupation", "อาชีพ", "เกษตร", "ประมง"]) {
        "occupation"
    } else if has(&["emergency", "ฉุกเฉิน", "รักษา", "เจ็บป่วย"])
    {
        "emergency"
    } else {
        "other"
    }
}

/// Whether purpose `code` exists.
pub(crate) fn purpose_exists(conn: &Connection, code: &str) -> Result<bool> {
    let found: Option<String> = conn
        .prepare_cached("SELECT code FROM loan_purposes WHERE code = ?1")?
        .query_row([code], |row| row.get(0))
        .optional()?;
    Ok(found.is_some())
}

/// The late-penalty rule of a product or loan: after `grace_days` past a
/// due date, an instalment still unpaid costs `fee` once and `rate_ppm` a
/// year on its unpaid amount for each further day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyRule {
    /// Days after the due date before a penalty starts.
    pub grace_days: u32,
    /// A fixed charge for each instalment still unpaid after the grace days.
    pub fee: Satang,
    /// Rate on the unpaid amount, millionths a year, charged by the day.
    pub rate_ppm: u32,
}

impl PenaltyRule {
    /// Whether the rule ever charges anything.
    pub fn is_none(&self) -> bool {
        self.fee == Satang::ZERO && self.rate_ppm == 0
    }
}

/// A loan product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// Row id; zero before it is stored.
    pub id: i64,
    /// Short code, such as "GEN".
    pub code: String,
    /// Name, such as "เงินกู้สามัญ".
    pub name: String,
    /// Interest method.
    pub method: Method,
    /// Rate, millionths a year.
    pub rate_ppm: u32,
    /// The largest principal.
    pub max_principal: Satang,
    /// The longest term in months.
    pub max_months: u32,
    /// Purpose codes it lends for; empty lends for any purpose.
    pub purposes: Vec<String>,
    /// Guarantors a loan needs.
    pub guarantors_required: u32,
    /// Late-penalty rule its loans copy.
    pub penalty: PenaltyRule,
}

/// Stores a new loan product and returns its id.
///
/// Fails with `loan_product_exists` for a code in use, `loan_rate_invalid`
/// for a rate above 100 %, `loan_term_invalid` for a term outside 1 to 360
/// months, `loan_principal_invalid` for a maximum not above zero, and
/// `not_found` for an unknown purpose.
pub fn add_product(conn: &Connection, ctx: &Context, product: &Product) -> Result<i64> {
    let code = product.code.trim();
    if find_product(conn, code)?.is_some() {
        return Err(Error::rule(
            "loan_product_exists",
            format!("a loan product with code {code} already exists"),
        ));
    }
    check_product(product)?;
    for purpose in &product.purposes {
        if !purpose_exists(conn, purpose)? {
            return Err(Error::NotFound {
                what: "loan purpose",
                key: purpose.clone(),
            });
        }
    }
    conn.execute(
        "INSERT INTO loan_products (code, name, method, rate_ppm, max_principal_satang, max_months,
            guarantors_required, penalty_grace_days, penalty_fee_satang, penalty_rate_ppm,
            operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        rusqlite::params![
            code,
            product.name.trim(),
            product.method.as_str(),
            product.rate_ppm,
            product.max_principal,
            product.max_months,
            product.guarantors_required,
            product.penalty.grace_days,
            product.penalty.fee,
            product.penalty.rate_ppm,
            ctx.operator,
            ctx.timestamp(),
        ],
    )?;
    let id = conn.last_insert_rowid();
    for purpose in &product.purposes {
        conn.execute(
            "INSERT OR IGNORE INTO loan_product_purposes (product_id, purpose_code) VALUES (?1, ?2)",
            (id, purpose),
        )?;
    }
    audit::record(conn, ctx, Change::insert("loan_products", id, product))?;
    Ok(id)
}

fn check_product(product: &Product) -> Result<()> {
    if product.rate_ppm > 1_000_000 {
        return Err(Error::rule(
            "loan_rate_invalid",
            format!(
                "a rate of {}% a year is above 100%",
                crate::dividends::format_rate_ppm(product.rate_ppm)
            ),
        ));
    }
    if product.max_months == 0 || product.max_months > MAX_MONTHS {
        return Err(Error::rule(
            "loan_term_invalid",
            format!(
                "a longest term of {} months is not possible; give 1 to {MAX_MONTHS} months",
                product.max_months
            ),
        ));
    }
    if product.max_principal.satang() <= 0 || product.penalty.fee.is_negative() {
        return Err(Error::rule(
            "loan_principal_invalid",
            format!(
                "the largest principal {} baht is not above zero",
                product.max_principal
            ),
        ));
    }
    Ok(())
}

fn find_product(conn: &Connection, code: &str) -> Result<Option<Product>> {
    let product = conn
        .prepare_cached(
            "SELECT id, code, name, method, rate_ppm, max_principal_satang, max_months,
                    guarantors_required, penalty_grace_days, penalty_fee_satang, penalty_rate_ppm
             FROM loan_products WHERE code = ?1",
        )?
        .query_row([code.trim()], |row| {
            Ok(Product {
                id: row.get(0)?,
                code: row.get(1)?,
                name: row.get(2)?,
                method: Method::parse(&row.get::<_, String>(3)?).unwrap_or_default(),
                rate_ppm: row.get(4)?,
                max_principal: row.get(5)?,
                max_months: row.get(6)?,
                purposes: Vec::new(),
                guarantors_required: row.get(7)?,
                penalty: PenaltyRule {
                    grace_days: row.get(8)?,
                    fee: row.get(9)?,
                    rate_ppm: row.get(10)?,
                },
            })
        })
        .optional()?;
    let Some(mut product) = product else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT purpose_code FROM loan_product_purposes WHERE product_id = ?1
         ORDER BY purpose_code",
    )?;
    product.purposes = stmt
        .query_map([product.id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(product))
}

/// Reads a loan product by code.
pub fn get_product(conn: &Connection, code: &str) -> Result<Product> {
    find_product(conn, code)?.ok_or_else(|| Error::NotFound {
        what: "loan product",
        key: code.to_string(),
    })
}

/// Lists the loan products in code order.
pub fn list_products(conn: &Connection) -> Result<Vec<Product>> {
    let mut stmt = conn.prepare("SELECT code FROM loan_products ORDER BY code")?;
    let codes: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    codes.iter().map(|code| get_product(conn, code)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fund::testing::general_product;
    use crate::test_support::context;

    #[test]
    fn product_reads_back() -> Result<()> {
        let conn = crate::db::open_in_memory()?;

        add_product(&conn, &context(), &general_product())?;
        let stored = get_product(&conn, "GEN")?;

        assert_eq!(
            stored.purposes,
            vec!["home".to_string(), "trade".to_string()]
        );
        assert_eq!(stored.rate_ppm, 120_000);
        assert_eq!(list_products(&conn)?.len(), 1);
        Ok(())
    }

    #[test]
    fn product_rejects_duplicate_and_bad_terms() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        add_product(&conn, &ctx, &general_product())?;
        let long = Product {
            code: "LONG".into(),
            max_months: 400,
            ..general_product()
        };
        let unknown = Product {
            code: "ODD".into(),
            purposes: vec!["gambling".into()],
            ..general_product()
        };

        let again = add_product(&conn, &ctx, &general_product());

        assert_eq!(again.err().map(|e| e.code()), Some("loan_product_exists"));
        assert_eq!(
            add_product(&conn, &ctx, &long).err().map(|e| e.code()),
            Some("loan_term_invalid")
        );
        assert_eq!(
            add_product(&conn, &ctx, &unknown).err().map(|e| e.code()),
            Some("not_found")
        );
        Ok(())
    }

    #[test]
    fn every_purpose_word_has_a_purpose() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let codes: Vec<String> = list_purposes(&conn)?.into_iter().map(|p| p.code).collect();

        for text in [
            "ค้าขาย",
            "ซ่อมบ้าน",
            "ทุนการศึกษา",
            "ซื้อรถซาเล้ง",
            "อาชีพเสริม",
            "ฉุกเฉิน",
            "x",
        ] {
            let code = purpose_of_text(text);
            assert!(codes.iter().any(|c| c == code), "{text} gives {code}");
        }
        Ok(())
    }
}
