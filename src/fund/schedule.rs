//! Instalment schedules, to the satang, and the yearly rate a schedule
//! implies. Pure arithmetic: no database, no dates beyond the due-date
//! helper.
//!
//! Every regular instalment is rounded half up to the satang and the last
//! one absorbs the difference, so the instalments add up exactly to the
//! principal plus the interest. Rates are millionths a year (12 % a year
//! is 120,000), as the dividend rates are.
//!
//! ```
//! use chumchon::fund::schedule::{schedule, Method, Terms};
//! use chumchon::Satang;
//! let terms = Terms {
//!     principal: Satang::from_baht(100_000),
//!     rate_ppm: 30_000,
//!     months: 24,
//!     method: Method::Flat,
//! };
//! let instalments = schedule(&terms)?;
//! assert_eq!(instalments[0].total(), Satang(441_667));
//! assert_eq!(instalments[23].total(), Satang(441_659));
//! # Ok::<(), chumchon::Error>(())
//! ```

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dividends::allocate::div_round_half_up;
use crate::{Error, Result, Satang};

/// The longest term a schedule may have, in months.
pub const MAX_MONTHS: u32 = 360;

/// The largest principal a schedule computes: 1,000 million baht, which
/// keeps every intermediate product of the arithmetic inside 128 bits.
pub const MAX_PRINCIPAL: Satang = Satang(100_000_000_000);

/// Millionths a year divided by this give the rate a month as a fraction.
const PPM_MONTHS: u128 = 12_000_000;

/// Fixed-point scale of the rate arithmetic: 10^18 is 1.
const SCALE: u128 = 1_000_000_000_000_000_000;

/// Interest method of a loan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Interest on the original principal for the whole term (the usual
    /// village-fund way), spread evenly over equal instalments.
    #[default]
    Flat,
    /// Interest each month on the principal still owed, with equal
    /// instalments (an annuity).
    Declining,
    /// Interest each month on the principal still owed, with equal
    /// principal parts, so instalments fall over the term.
    DecliningEqualPrincipal,
}

impl Method {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Flat => "flat",
            Method::Declining => "declining",
            Method::DecliningEqualPrincipal => "declining_equal_principal",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<Method> {
        match text {
            "flat" => Some(Method::Flat),
            "declining" => Some(Method::Declining),
            "declining_equal_principal" => Some(Method::DecliningEqualPrincipal),
            _ => None,
        }
    }

    /// The method in Thai, as documents print it.
    pub fn thai(self) -> &'static str {
        match self {
            Method::Flat => "ดอกเบี้ยคงที่ (คิดจากเงินต้นเดิม)",
            Method::Declining => "ลดต้นลดดอก (ผ่อนเท่ากันทุกงวด)",
            Method::DecliningEqualPrincipal => "ลดต้นลดดอก (เงินต้นเท่ากันทุกงวด)",
        }
    }
}

/// Terms that a schedule is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    /// Amount lent.
    pub principal: Satang,
    /// Interest rate, millionths a year.
    pub rate_ppm: u32,
    /// Number of monthly instalments.
    pub months: u32,
    /// Interest method.
    pub method: Method,
}

/// One monthly instalment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Instalment {
    /// Its number, from 1.
    pub n: u32,
    /// Principal part.
    pub principal: Satang,
    /// Interest part.
    pub interest: Satang,
}

impl Instalment {
    /// Principal plus interest.
    pub fn total(&self) -> Satang {
        self.principal + self.interest
    }
}

/// Computes the instalments of `terms`.
///
/// Fails when the term is not 1 to [`MAX_MONTHS`] months or the rate is
/// above 100 % a year. It also fails when the principal is not above zero,
/// is above [`MAX_PRINCIPAL`], or is too small to give every instalment a
/// part of it after rounding.
pub fn schedule(terms: &Terms) -> Result<Vec<Instalment>> {
    check_terms(terms)?;
    let instalments = match (terms.method, terms.rate_ppm) {
        (Method::Flat, _) => flat(terms),
        (_, 0) | (Method::DecliningEqualPrincipal, _) => equal_principal(terms),
        (Method::Declining, _) => annuity(terms),
    };
    if instalments
        .iter()
        .any(|i| i.principal.is_negative() || i.interest.is_negative())
    {
        return Err(too_small(terms));
    }
    Ok(instalments)
}

/// Computes the interest of a flat-rate loan over its whole term: principal × rate
/// × months ÷ 12, rounded half up to the satang.
pub fn flat_interest(terms: &Terms) -> Satang {
    let exact = terms.principal.satang().max(0) as u128
        * u128::from(terms.rate_ppm)
        * u128::from(terms.months);
    Satang(div_round_half_up(exact, PPM_MONTHS) as i64)
}

/// Returns the due date of instalment `n` of a schedule that starts on `start`:
/// the same day `n` months later, or the month's last day when it is
/// shorter.
///
/// ```
/// use chrono::NaiveDate;
/// use chumchon::fund::schedule::due_date;
/// let start = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
/// assert_eq!(due_date(start, 1), NaiveDate::from_ymd_opt(2024, 2, 29));
/// assert_eq!(due_date(start, 2), NaiveDate::from_ymd_opt(2024, 3, 31));
/// ```
pub fn due_date(start: NaiveDate, n: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(n))
}

fn check_terms(terms: &Terms) -> Result<()> {
    if terms.months == 0 || terms.months > MAX_MONTHS {
        return Err(Error::rule(
            "loan_term_invalid",
            format!(
                "a term of {} months is not possible; give 1 to {MAX_MONTHS} months",
                terms.months
            ),
        ));
    }
    if terms.rate_ppm > 1_000_000 {
        return Err(Error::rule(
            "loan_rate_invalid",
            format!(
                "a rate of {}% a year is above 100%",
                crate::dividends::format_rate_ppm(terms.rate_ppm)
            ),
        ));
    }
    if terms.principal.satang() <= 0 || terms.principal > MAX_PRINCIPAL {
        return Err(Error::rule(
            "loan_principal_invalid",
            format!(
                "a principal of {} baht is not possible; give an amount above zero and up to {}",
                terms.principal, MAX_PRINCIPAL
            ),
        ));
    }
    Ok(())
}

fn too_small(terms: &Terms) -> Error {
    Error::rule(
        "loan_terms_too_small",
        format!(
            "{} baht is too little to split into {} monthly instalments; lend more or shorten the term",
            terms.principal, terms.months
        ),
    )
}

/// `amount ÷ parts` rounded half up, or rounded down when rounding up
/// would make the first `parts - 1` parts add up to more than `amount`,
/// which leaves the last part nothing or less.
fn regular_part(amount: i64, parts: u32) -> i64 {
    let amount = amount.max(0) as u128;
    let parts = u128::from(parts);
    let rounded = div_round_half_up(amount, parts);
    if rounded * (parts - 1) > amount {
        (amount / parts) as i64
    } else {
        rounded as i64
    }
}

/// Flat rate: equal totals of (principal + interest) ÷ months and equal
/// interest parts of interest ÷ months, each rounded; the last instalment
/// takes what is left of both.
fn flat(terms: &Terms) -> Vec<Instalment> {
    let principal = terms.principal.satang();
    let interest = flat_interest(terms).satang();
    let n = terms.months;
    let total_part = regular_part(principal + interest, n);
    let interest_part = regular_part(interest, n);
    let regular = n as i64 - 1;
    let mut instalments: Vec<Instalment> = (1..n)
        .map(|k| Instalment {
            n: k,
            principal: Satang(total_part - interest_part),
            interest: Satang(interest_part),
        })
        .collect();
    instalments.push(Instalment {
        n,
        principal: Satang(principal - regular * (total_part - interest_part)),
        interest: Satang(interest - regular * interest_part),
    });
    instalments
}

/// Interest for one month on `balance`, rounded half up.
fn month_interest(balance: i64, rate_ppm: u32) -> i64 {
    let exact = balance.max(0) as u128 * u128::from(rate_ppm);
    div_round_half_up(exact, PPM_MONTHS) as i64
}

/// Declining balance with equal principal parts of principal ÷ months; the
/// last part takes what is left.
fn equal_principal(terms: &Terms) -> Vec<Instalment> {
    let part = regular_part(terms.principal.satang(), terms.months);
    let mut balance = terms.principal.satang();
    let mut instalments = Vec::with_capacity(terms.months as usize);
    for n in 1..=terms.months {
        let interest = month_interest(balance, terms.rate_ppm);
        let principal = if n == terms.months { balance } else { part };
        instalments.push(Instalment {
            n,
            principal: Satang(principal),
            interest: Satang(interest),
        });
        balance -= principal;
    }
    instalments
}

/// The equal instalment of an annuity: P × r ÷ (1 − (1 + r)^−n), r the
/// rate a month, rounded half up. `(1 + r)^−n` is computed in 10^−18
/// fixed point, which keeps the instalment exact to far below a satang.
fn annuity_payment(terms: &Terms) -> i64 {
    let rate = u128::from(terms.rate_ppm);
    let mut discount = SCALE;
    for _ in 0..terms.months {
        discount = div_round_half_up(discount * PPM_MONTHS, PPM_MONTHS + rate);
    }
    let numerator = terms.principal.satang() as u128 * rate * SCALE;
    div_round_half_up(numerator, PPM_MONTHS * (SCALE - discount)) as i64
}

/// Declining balance with equal instalments: each month's interest on the
/// balance, the rest of the instalment to principal; the last instalment
/// repays the balance left with its interest.
fn annuity(terms: &Terms) -> Vec<Instalment> {
    let payment = annuity_payment(terms);
    let mut balance = terms.principal.satang();
    let mut instalments = Vec::with_capacity(terms.months as usize);
    for n in 1..=terms.months {
        let interest = month_interest(balance, terms.rate_ppm);
        let principal = if n == terms.months {
            balance
        } else {
            (payment - interest).clamp(0, balance)
        };
        instalments.push(Instalment {
            n,
            principal: Satang(principal),
            interest: Satang(interest),
        });
        balance -= principal;
    }
    instalments
}

/// The yearly rate that a schedule implies: 12 × the monthly internal rate
/// of return of the instalments against the principal, which for a flat
/// loan is its equivalent declining-balance rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EffectiveRate {
    /// The monthly rate in 10^−18 units.
    monthly: u128,
}

impl EffectiveRate {
    /// The yearly rate in millionths, rounded half up.
    pub fn annual_ppm(self) -> u32 {
        div_round_half_up(12 * self.monthly * 1_000_000, SCALE) as u32
    }

    /// The yearly rate in hundredths of a percent, rounded half up:
    /// 566 for 5.66 % a year.
    pub fn annual_basis_points(self) -> u32 {
        div_round_half_up(12 * self.monthly * 10_000, SCALE) as u32
    }

    /// The yearly rate in percent to two decimals, for display only.
    pub fn annual_pct(self) -> f64 {
        f64::from(self.annual_basis_points()) / 100.0
    }
}

/// Finds the monthly rate at which the instalments, discounted month by
/// month, are worth the principal, by bisection in 10^−18 fixed point
/// (64 halvings of 0 to 100 % a month). Returns a zero rate when the
/// instalments add up to no more than the principal.
pub fn effective_rate(principal: Satang, instalments: &[Instalment]) -> EffectiveRate {
    let target = principal.satang().max(0) as u128 * SCALE;
    let (mut low, mut high) = (0u128, SCALE);
    if present_value(instalments, low) <= target {
        return EffectiveRate { monthly: 0 };
    }
    for _ in 0..64 {
        let middle = low + (high - low) / 2;
        if present_value(instalments, middle) > target {
            low = middle;
        } else {
            high = middle;
        }
    }
    EffectiveRate { monthly: low }
}

/// The instalments discounted at `monthly` (10^−18 units) a month, in
/// satang × 10^18.
fn present_value(instalments: &[Instalment], monthly: u128) -> u128 {
    let mut factor = SCALE;
    let mut value = 0u128;
    for instalment in instalments {
        factor = factor * SCALE / (SCALE + monthly);
        value += instalment.total().satang().max(0) as u128 * factor;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn terms(baht: i64, rate_ppm: u32, months: u32, method: Method) -> Terms {
        Terms {
            principal: Satang::from_baht(baht),
            rate_ppm,
            months,
            method,
        }
    }

    #[test]
    fn flat_example_comes_out_exactly() -> Result<()> {
        let terms = terms(100_000, 30_000, 24, Method::Flat);

        let instalments = schedule(&terms)?;

        assert_eq!(
            flat_interest(&terms),
            Satang(600_000),
            "6,000 baht interest"
        );
        assert_eq!(instalments.len(), 24);
        for instalment in &instalments[..23] {
            assert_eq!(
                instalment.total(),
                Satang(441_667),
                "instalment {}",
                instalment.n
            );
        }
        assert_eq!(
            instalments[23].total(),
            Satang(441_659),
            "the last instalment"
        );
        assert_eq!(instalments[23].principal, Satang(416_659), "last principal");
        assert_eq!(instalments[23].interest, Satang(25_000), "last interest");
        Ok(())
    }

    #[test]
    fn flat_example_effective_rate_about_566() -> Result<()> {
        let terms = terms(100_000, 30_000, 24, Method::Flat);
        let instalments = schedule(&terms)?;

        let rate = effective_rate(terms.principal, &instalments);

        assert_eq!(rate.annual_basis_points(), 566, "5.66 % a year");
        assert_eq!(rate.annual_ppm(), 56_580, "5.658 % a year");
        Ok(())
    }

    #[test]
    fn declining_effective_rate_is_nominal() -> Result<()> {
        let terms = terms(50_000, 120_000, 12, Method::Declining);
        let instalments = schedule(&terms)?;

        let rate = effective_rate(terms.principal, &instalments);

        assert_eq!(rate.annual_basis_points(), 1200, "12 % a year");
        Ok(())
    }

    #[test]
    fn annuity_matches_known_payment() -> Result<()> {
        // 10,000 baht at 12 % a year over 12 months: 888.49 a month.
        let instalments = schedule(&terms(10_000, 120_000, 12, Method::Declining))?;

        assert_eq!(
            instalments[0].total(),
            Satang(88_849),
            "the equal instalment"
        );
        assert_eq!(instalments[0].interest, Satang(10_000), "1 % of 10,000");
        let last = instalments[11];
        assert!(
            (last.total().satang() - 88_849).abs() <= 2,
            "the last absorbs rounding only: {last:?}"
        );
        Ok(())
    }

    #[test]
    fn equal_principal_falls_each_month() -> Result<()> {
        let instalments = schedule(&terms(12_000, 120_000, 12, Method::DecliningEqualPrincipal))?;

        assert_eq!(
            instalments[0].principal,
            Satang(100_000),
            "1,000 baht a month"
        );
        assert_eq!(instalments[0].interest, Satang(12_000), "1 % of 12,000");
        assert_eq!(instalments[11].interest, Satang(1_000), "1 % of 1,000");
        Ok(())
    }

    #[test]
    fn zero_rate_has_no_interest() -> Result<()> {
        let instalments = schedule(&terms(1_000, 0, 3, Method::Declining))?;

        assert_eq!(instalments[0].principal, Satang(33_333));
        assert_eq!(
            instalments[2].principal,
            Satang(33_334),
            "the last takes the rest"
        );
        assert!(
            instalments.iter().all(|i| i.interest == Satang::ZERO),
            "no interest"
        );
        Ok(())
    }

    #[test]
    fn schedule_rejects_bad_terms() {
        let cases = [
            (terms(1_000, 10_000, 0, Method::Flat), "loan_term_invalid"),
            (terms(1_000, 10_000, 361, Method::Flat), "loan_term_invalid"),
            (
                terms(1_000, 1_000_001, 12, Method::Flat),
                "loan_rate_invalid",
            ),
            (terms(0, 10_000, 12, Method::Flat), "loan_principal_invalid"),
        ];
        for (terms, code) in cases {
            let result = schedule(&terms);
            assert_eq!(result.err().map(|e| e.code()), Some(code), "{terms:?}");
        }
    }

    #[test]
    fn tiny_principal_never_goes_negative() -> Result<()> {
        let terms = Terms {
            principal: Satang(16),
            rate_ppm: 0,
            months: 10,
            method: Method::Flat,
        };

        let instalments = schedule(&terms)?;

        assert!(
            instalments.iter().all(|i| !i.principal.is_negative()),
            "{instalments:?}"
        );
        assert_eq!(
            instalments.iter().map(|i| i.principal).sum::<Satang>(),
            Satang(16)
        );
        Ok(())
    }

    #[test]
    fn due_dates_keep_the_day() {
        let start = NaiveDate::from_ymd_opt(2024, 4, 19).expect("valid date");

        assert_eq!(due_date(start, 1), NaiveDate::from_ymd_opt(2024, 5, 19));
        assert_eq!(due_date(start, 12), NaiveDate::from_ymd_opt(2025, 4, 19));
    }

    fn method() -> impl Strategy<Value = Method> {
        prop_oneof![
            Just(Method::Flat),
            Just(Method::Declining),
            Just(Method::DecliningEqualPrincipal)
        ]
    }

    proptest! {
        #[test]
        fn instalments_add_up_to_principal_plus_interest(
            principal in 100_000i64..1_000_000_000,
            rate_ppm in 0u32..300_000,
            months in 1u32..=120,
            method in method(),
        ) {
            let terms = Terms { principal: Satang(principal), rate_ppm, months, method };

            let instalments = schedule(&terms).map_err(|e| TestCaseError::fail(e.to_string()))?;

            let principal_sum: Satang = instalments.iter().map(|i| i.principal).sum();
            let interest_sum: Satang = instalments.iter().map(|i| i.interest).sum();
            let total_sum: Satang = instalments.iter().map(|i| i.total()).sum();
            prop_assert_eq!(instalments.len(), months as usize);
            prop_assert_eq!(principal_sum, terms.principal, "principal parts");
            prop_assert_eq!(total_sum, principal_sum + interest_sum, "totals");
            if method == Method::Flat {
                prop_assert_eq!(interest_sum, flat_interest(&terms), "flat interest");
            }
            prop_assert!(
                instalments.iter().all(|i| !i.principal.is_negative() && !i.interest.is_negative()),
                "no negative part"
            );
        }

        #[test]
        fn flat_regular_instalments_are_equal(
            principal in 100_000i64..1_000_000_000,
            rate_ppm in 0u32..300_000,
            months in 2u32..=120,
        ) {
            let terms = Terms { principal: Satang(principal), rate_ppm, months, method: Method::Flat };

            let instalments = schedule(&terms).map_err(|e| TestCaseError::fail(e.to_string()))?;

            let first = instalments[0].total();
            prop_assert!(instalments[..instalments.len() - 1].iter().all(|i| i.total() == first));
            let last = instalments[instalments.len() - 1].total();
            prop_assert!((last - first).satang().abs() < i64::from(months), "{last} vs {first}");
        }
    }
}
