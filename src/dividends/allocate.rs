//! Splitting an amount of money in proportion to weights, to the satang.

/// Splits `pool` satang in proportion to `weights` by the largest-remainder
/// method: each share is floored to the satang, then the satang left over
/// go one by one to the largest remainders. Ties go to the earlier entry,
/// so pass the weights in member-number order.
///
/// The parts always add up to `pool`, and each differs from its exact
/// share by less than one satang. All weights zero gives all parts zero.
///
/// ```
/// use chumchon::dividends::allocate::largest_remainder;
/// assert_eq!(largest_remainder(100, &[1, 1, 1]), vec![34, 33, 33]);
/// assert_eq!(largest_remainder(10, &[0, 3]), vec![0, 10]);
/// ```
pub fn largest_remainder(pool: i64, weights: &[u128]) -> Vec<i64> {
    let total: u128 = weights.iter().sum();
    if total == 0 || pool <= 0 {
        return vec![0; weights.len()];
    }
    let pool_wide = pool as u128;
    let mut parts: Vec<i64> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    for (index, weight) in weights.iter().enumerate() {
        let product = pool_wide * weight;
        parts.push((product / total) as i64);
        remainders.push((product % total, index));
    }
    let leftover = pool - parts.iter().sum::<i64>();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, index) in remainders.iter().take(leftover as usize) {
        parts[index] += 1;
    }
    parts
}

/// Computes `numerator / denominator` rounded half up, for non-negative
/// values.
pub fn div_round_half_up(numerator: u128, denominator: u128) -> u128 {
    (numerator + denominator / 2) / denominator
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ties_go_to_earlier_entry() {
        assert_eq!(largest_remainder(2, &[1, 1, 1]), [1, 1, 0]);
        assert_eq!(largest_remainder(1, &[5, 5]), [1, 0]);
    }

    #[test]
    fn largest_remainder_wins_leftover() {
        // Exact shares: 3.3, 3.3, 3.4; the leftover satang goes to the 0.4.
        assert_eq!(largest_remainder(10, &[33, 33, 34]), [3, 3, 4]);
    }

    proptest! {
        #[test]
        fn parts_sum_to_pool(pool in 0i64..10_000_000_000, weights in prop::collection::vec(0u128..1_000_000_000, 1..200)) {
            let parts = largest_remainder(pool, &weights);
            let total: u128 = weights.iter().sum();
            let expected = if total == 0 { 0 } else { pool };
            prop_assert_eq!(parts.iter().sum::<i64>(), expected);
        }

        #[test]
        fn parts_within_one_satang_of_exact(pool in 1i64..10_000_000_000, weights in prop::collection::vec(0u128..1_000_000_000, 1..200)) {
            let parts = largest_remainder(pool, &weights);
            let total: u128 = weights.iter().sum();
            prop_assume!(total > 0);
            for (part, weight) in parts.iter().zip(&weights) {
                // |part - pool*weight/total| < 1  <=>  |part*total - pool*weight| < total
                let scaled = (*part as i128) * total as i128;
                let exact = pool as i128 * *weight as i128;
                prop_assert!((scaled - exact).abs() < total as i128,
                    "part {} for weight {} is a satang or more from exact", part, weight);
            }
        }
    }
}
