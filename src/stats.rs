//! Statistics every table that reports a share shares: the 95% Wilson score
//! interval of a proportion. `due --indicators` gives it for each timeliness
//! indicator, and `report` can give it for its percentages; one function, so a
//! figure printed by two commands is the same figure.
//!
//! Why Wilson: the normal ("Wald") interval, p ± 1.96·√(p(1−p)/n), collapses
//! to a width of zero at 0% and 100% and runs past 0 and 100 for small counts,
//! which are exactly the counts a small authority's indicators have. The Wilson
//! interval stays inside [0, 1] and is the one the Office for National
//! Statistics and the Association of Public Health Observatories recommend for
//! proportions (Newcombe 1998, method 3).

/// The 97.5th percentile of the standard normal distribution: the z of a
/// two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The 95% Wilson score interval of `numerator` successes out of
/// `denominator`, as proportions (0 to 1): `(low, high)`. `None` when the
/// denominator is 0 (no share to speak of) or the numerator exceeds it.
pub fn wilson(numerator: u64, denominator: u64) -> Option<(f64, f64)> {
    wilson_z(numerator, denominator, Z95)
}

/// The Wilson score interval for any `z` (1.644854 for 90%, 2.575829 for 99%).
pub fn wilson_z(numerator: u64, denominator: u64, z: f64) -> Option<(f64, f64)> {
    if denominator == 0 || numerator > denominator {
        return None;
    }
    let n = denominator as f64;
    let p = numerator as f64 / n;
    let z2 = z * z;
    let centre = p + z2 / (2.0 * n);
    let spread = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let scale = 1.0 + z2 / n;
    // At 0 and at n the bounds are exactly 0 and 1; rounding must not leave
    // them a hair outside.
    let low = if numerator == 0 { 0.0 } else { ((centre - spread) / scale).max(0.0) };
    let high = if numerator == denominator { 1.0 } else { ((centre + spread) / scale).min(1.0) };
    Some((low, high))
}

/// A proportion as a percentage in tenths, rounded half away from zero
/// (0.12345 is 123, printed 12.3%): the one decimal place tables show.
pub fn tenths(proportion: f64) -> i64 {
    (proportion * 1000.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-7
    }

    /// Newcombe (1998), Table I, method 3 (the score interval without
    /// continuity correction), to the four places the paper prints.
    #[test]
    fn known_values() {
        let (l, h) = wilson(81, 263).unwrap();
        assert!((l - 0.2553).abs() < 5e-5 && (h - 0.3662).abs() < 5e-5, "{l} {h}");
        let (l, h) = wilson(15, 148).unwrap();
        assert!((l - 0.0624).abs() < 5e-5 && (h - 0.1605).abs() < 5e-5, "{l} {h}");
        let (l, h) = wilson(0, 20).unwrap();
        assert!(l == 0.0 && (h - 0.1611).abs() < 5e-5, "{h}");
        let (l, h) = wilson(1, 29).unwrap();
        assert!((l - 0.0061).abs() < 5e-5 && (h - 0.1718).abs() < 5e-5, "{l} {h}");
        // All of them: the upper bound is 1 exactly.
        let (l, h) = wilson(29, 29).unwrap();
        assert!((l - 0.8830).abs() < 5e-5 && h == 1.0, "{l}");
    }

    #[test]
    fn symmetric_and_inside_the_unit_interval() {
        for n in 1..60u64 {
            for k in 0..=n {
                let (l, h) = wilson(k, n).unwrap();
                let (l2, h2) = wilson(n - k, n).unwrap();
                assert!((0.0..=1.0).contains(&l) && (0.0..=1.0).contains(&h) && l <= h);
                assert!(close(l, 1.0 - h2) && close(h, 1.0 - l2), "{k}/{n}");
                let p = k as f64 / n as f64;
                assert!(l <= p && p <= h);
            }
        }
        assert_eq!(wilson(0, 0), None);
        assert_eq!(wilson(3, 2), None);
        assert_eq!(tenths(0.12345), 123);
        assert_eq!(tenths(0.5), 500);
        assert_eq!(tenths(1.0), 1000);
    }

    #[test]
    fn other_levels() {
        let (l90, h90) = wilson_z(10, 40, 1.644_853_626_951_472).unwrap();
        let (l95, h95) = wilson(10, 40).unwrap();
        assert!(l90 > l95 && h90 < h95);
    }
}
