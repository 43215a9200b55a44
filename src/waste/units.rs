//! Weights and prices of the waste bank: grams, kilograms as people write
//! them, prices in satang a kilogram, and the value of a weight at a price.

use crate::{Error, Result, Satang};

/// Grams in a kilogram.
pub const GRAMS_PER_KG: i64 = 1_000;

/// Reads kilograms as people write them ("12.5", "1,015.2", "๑๒.๕",
/// "3 กก.") into whole grams. At most three decimals are accepted, because
/// a gram is the smallest unit stored; a scale shows one.
///
/// ```
/// use chumchon::waste::parse_kg;
/// assert_eq!(parse_kg("12.5").ok(), Some(12_500));
/// assert_eq!(parse_kg("1,015.2 กก.").ok(), Some(1_015_200));
/// assert_eq!(parse_kg("๔.๑").ok(), Some(4_100));
/// assert!(parse_kg("-1").is_err());
/// assert!(parse_kg("1.2345").is_err());
/// assert!(parse_kg("2,5").is_err(), "a decimal comma, not thousands");
/// ```
pub fn parse_kg(text: &str) -> Result<i64> {
    let invalid = || {
        Error::rule(
            "invalid_weight",
            format!("invalid weight “{text}”: expected kilograms such as 12.5"),
        )
    };
    let written: String = text
        .trim()
        .trim_end_matches("กิโลกรัม")
        .trim_end_matches("กก.")
        .trim_end_matches("กก")
        .trim_end_matches("kg")
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(crate::thai::digits::to_arabic_digit)
        .collect();
    let (whole, fraction) = written.split_once('.').unwrap_or((&written, ""));
    // A comma groups thousands only: "2,5" is a decimal comma, ten times
    // off if its comma were dropped.
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    let grouped = groups.all(|group| group.len() == 3) && (1..=3).contains(&first.len());
    if (whole.contains(',') && !grouped) || fraction.contains(',') {
        return Err(invalid());
    }
    let whole = whole.replace(',', "");
    let whole = whole.as_str();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return Err(invalid());
    }
    if fraction.len() > 3 {
        return Err(invalid());
    }
    let kg: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| invalid())?
    };
    let grams: i64 = format!("{fraction:0<3}").parse().map_err(|_| invalid())?;
    let grams = kg
        .checked_mul(GRAMS_PER_KG)
        .and_then(|g| g.checked_add(grams))
        .ok_or_else(invalid)?;
    check_weight(grams)?;
    Ok(grams)
}

/// Fails when a line's weight is above [`MAX_GRAMS`].
pub fn check_weight(grams: i64) -> Result<()> {
    if grams > MAX_GRAMS {
        return Err(Error::rule(
            "weight_out_of_range",
            format!(
                "the weight {} kg is above {} kg for one line; check the number",
                format_kg_exact(grams),
                format_kg(MAX_GRAMS)
            ),
        ));
    }
    Ok(())
}

/// Rounds grams to the nearest 100 g, half away from zero, and returns
/// tenths of a kilogram.
fn tenths_of_kg(grams: i64) -> i64 {
    let half = if grams < 0 { -50 } else { 50 };
    (grams + half) / 100
}

/// Kilograms to one decimal, as a number for JSON: 1,015,249 g gives
/// 1015.2.
///
/// ```
/// use chumchon::waste::kg_one_decimal;
/// assert_eq!(kg_one_decimal(1_015_249), 1015.2);
/// assert_eq!(kg_one_decimal(50), 0.1);
/// ```
pub fn kg_one_decimal(grams: i64) -> f64 {
    tenths_of_kg(grams) as f64 / 10.0
}

/// Formats grams as kilograms with one decimal and thousands separators,
/// as "1,015.2".
///
/// ```
/// use chumchon::waste::format_kg;
/// assert_eq!(format_kg(1_015_200), "1,015.2");
/// assert_eq!(format_kg(4_100), "4.1");
/// assert_eq!(format_kg(-950), "-1.0");
/// ```
pub fn format_kg(grams: i64) -> String {
    let tenths = tenths_of_kg(grams);
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.unsigned_abs();
    let whole = Satang((tenths / 10) as i64 * 100).to_string();
    let whole = whole.trim_end_matches(".00");
    format!("{sign}{whole}.{}", tenths % 10)
}

/// Formats grams as kilograms with one decimal, or with the two or three
/// a weight needs to be shown exactly, as on a receipt whose value the
/// member checks by hand: 1,250 g is "1.25", never "1.3".
///
/// ```
/// use chumchon::waste::format_kg_exact;
/// assert_eq!(format_kg_exact(1_250), "1.25");
/// assert_eq!(format_kg_exact(1_015_200), "1,015.2");
/// assert_eq!(format_kg_exact(4_000), "4.0");
/// assert_eq!(format_kg_exact(-7), "-0.007");
/// ```
pub fn format_kg_exact(grams: i64) -> String {
    if grams % 100 == 0 {
        return format_kg(grams);
    }
    let sign = if grams < 0 { "-" } else { "" };
    let grams = grams.unsigned_abs();
    let whole = Satang((grams / 1_000) as i64 * 100).to_string();
    let whole = whole.trim_end_matches(".00");
    let fraction = format!("{:03}", grams % 1_000);
    format!("{sign}{whole}.{}", fraction.trim_end_matches('0'))
}

/// The value of `grams` at `satang_per_kg`, rounded half away from zero to
/// the satang: 4.1 kg at 3.50 baht is 14.35 baht.
///
/// ```
/// use chumchon::waste::line_value;
/// use chumchon::Satang;
/// assert_eq!(line_value(4_100, 350), Satang(1_435));
/// assert_eq!(line_value(23_300, 80), Satang(1_864));
/// assert_eq!(line_value(1_005, 1), Satang(1));
/// ```
pub fn line_value(grams: i64, satang_per_kg: i64) -> Satang {
    let product = i128::from(grams) * i128::from(satang_per_kg);
    let half = if product < 0 { -500 } else { 500 };
    let value = (product + half) / i128::from(GRAMS_PER_KG);
    // Weights and prices are limited where they are entered, so a value
    // beyond i64 should not occur. If one does, it stays at the limit
    // instead of wrapping round to a small or negative amount.
    let saturated = if value < 0 { i64::MIN } else { i64::MAX };
    Satang(i64::try_from(value).unwrap_or(saturated))
}

/// The highest price a kilogram accepted: 100,000 baht, far above any
/// recyclable, so that a mistyped price is caught.
pub const MAX_SATANG_PER_KG: i64 = 10_000_000;

/// The heaviest line accepted: 100 tonnes, far above what one deposit or
/// sale weighs, so that a mistyped weight is caught.
pub const MAX_GRAMS: i64 = 100_000_000;

/// Fails when a price a kilogram is below zero or above
/// [`MAX_SATANG_PER_KG`].
pub fn check_price(satang_per_kg: i64) -> Result<()> {
    if satang_per_kg < 0 {
        return Err(Error::rule(
            "invalid_price",
            format!(
                "the price {} baht a kilogram is below zero",
                Satang(satang_per_kg)
            ),
        ));
    }
    if satang_per_kg > MAX_SATANG_PER_KG {
        return Err(Error::rule(
            "price_out_of_range",
            format!(
                "the price {} baht a kilogram is above {} baht; check the number",
                Satang(satang_per_kg),
                Satang(MAX_SATANG_PER_KG)
            ),
        ));
    }
    Ok(())
}

/// Reads a price in baht a kilogram ("3.50", "45") into satang a kilogram.
///
/// ```
/// use chumchon::waste::parse_price;
/// assert_eq!(parse_price("3.5").ok(), Some(350));
/// assert!(parse_price("-1").is_err());
/// ```
pub fn parse_price(text: &str) -> Result<i64> {
    let price: Satang = text
        .parse()
        .map_err(|error: crate::money::ParseMoneyError| {
            Error::rule(
                "invalid_price",
                format!("{error}; give the price in baht a kilogram"),
            )
        })?;
    check_price(price.satang())?;
    Ok(price.satang())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_kg_reads_office_forms() -> Result<()> {
        let cases = [
            ("0.5", 500),
            ("12", 12_000),
            (" 3 กก. ", 3_000),
            ("2.345", 2_345),
            ("1,000", 1_000_000),
            (".1", 100),
        ];
        for (text, grams) in cases {
            assert_eq!(parse_kg(text)?, grams, "reading {text:?}");
        }
        Ok(())
    }

    #[test]
    fn parse_kg_rejects_non_weights() {
        for text in ["", "abc", "1.2.3", "-0.5", "kg", "."] {
            assert!(parse_kg(text).is_err(), "{text:?} should be rejected");
        }
    }

    #[test]
    fn weights_and_prices_have_limits() {
        let too_heavy = parse_kg("1000000000").map_err(|e| e.code());
        let too_dear = parse_price("92233720368547758.07").map_err(|e| e.code());

        assert_eq!(too_heavy, Err("weight_out_of_range"));
        assert_eq!(
            parse_kg("100,000").ok(),
            Some(MAX_GRAMS),
            "the limit itself"
        );
        assert_eq!(too_dear, Err("price_out_of_range"));
        assert_eq!(parse_price("100000").ok(), Some(MAX_SATANG_PER_KG));
    }

    #[test]
    fn value_beyond_i64_saturates() {
        assert_eq!(line_value(i64::MAX, i64::MAX), Satang(i64::MAX));
        assert_eq!(line_value(-i64::MAX, i64::MAX), Satang(i64::MIN));
    }

    #[test]
    fn value_rounds_half_away_from_zero() {
        assert_eq!(line_value(500, 1), Satang(1), "half a satang rounds up");
        assert_eq!(line_value(499, 1), Satang(0));
        assert_eq!(line_value(-500, 1), Satang(-1), "a reversal mirrors");
    }

    #[test]
    fn kg_rounds_to_one_decimal() {
        assert_eq!(kg_one_decimal(1_026_600), 1026.6);
        assert_eq!(kg_one_decimal(149), 0.1);
        assert_eq!(kg_one_decimal(150), 0.2);
        assert_eq!(format_kg(0), "0.0");
        assert_eq!(format_kg(1_234_567_890), "1,234,567.9");
    }
}
