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

/// Two shares compared: the pooled two-proportion z test (two-sided), as a
/// committee's "did it change?" needs. `z` is positive when the second share
/// is the higher.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    pub z: f64,
    /// The two-sided p-value: the chance of a difference at least this large
    /// if the two shares were really the same.
    pub p_value: f64,
}

impl Comparison {
    /// Whether the difference is real at the 5% level: |z| above 1.96.
    pub fn significant(&self) -> bool {
        self.z.abs() > Z95
    }
}

/// `x1` of `n1` against `x2` of `n2`: z = (p2 − p1) / √(p̄(1 − p̄)(1/n1 + 1/n2)),
/// with p̄ = (x1 + x2) / (n1 + n2) the pooled share. `None` when either
/// denominator is 0 or a numerator exceeds its denominator. When both shares
/// are 0% or both 100% nothing varies: z is 0 and p is 1.
pub fn two_proportion(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<Comparison> {
    if n1 == 0 || n2 == 0 || x1 > n1 || x2 > n2 {
        return None;
    }
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let pooled = (x1 + x2) as f64 / (n1 + n2) as f64;
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 as f64 + 1.0 / n2 as f64)).sqrt();
    if se == 0.0 {
        return Some(Comparison { z: 0.0, p_value: 1.0 });
    }
    let z = (p2 - p1) / se;
    Some(Comparison { z, p_value: erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0) })
}

/// The complementary error function, erfc(x) = 2/√π ∫ₓ^∞ e^(−t²) dt, for
/// x ≥ 0: the Chebyshev fit of Numerical Recipes (`erfcc`), with a relative
/// error below 1.2 × 10⁻⁷ everywhere — far finer than the three decimals a
/// p-value is shown to. The two-sided p-value of z is erfc(|z| / √2).
fn erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -x * x - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    t * poly.exp()
}

#[cfg(test)]
mod two_proportion_tests {
    use super::*;

    /// Textbook values: 2 × (1 − Φ(z)) for z = 1.96 is 0.0500, for 1 is
    /// 0.3173, for 3 is 0.0027; and a worked two-proportion example.
    #[test]
    fn two_proportion_test() {
        assert!((erfc(1.959_963_984_540_054 / std::f64::consts::SQRT_2) - 0.05).abs() < 1e-6);
        assert!((erfc(1.0 / std::f64::consts::SQRT_2) - 0.317_310_5).abs() < 1e-6);
        assert!((erfc(3.0 / std::f64::consts::SQRT_2) - 0.002_699_8).abs() < 1e-6);
        assert!((erfc(0.0) - 1.0).abs() < 1e-6);
        // 62 of 100 against 55 of 100: pooled 0.585, se 0.06968, z −1.0046.
        let c = two_proportion(62, 100, 55, 100).unwrap();
        assert!((c.z + 1.004_6).abs() < 1e-3, "{}", c.z);
        assert!((c.p_value - 0.315_1).abs() < 1e-3, "{}", c.p_value);
        assert!(!c.significant());
        // 62% of 800 against 55% of 800 is a real fall.
        let c = two_proportion(496, 800, 440, 800).unwrap();
        assert!(c.z < -2.8 && c.significant() && c.p_value < 0.01, "{c:?}");
        // Symmetric; nothing to compare with no audit; nothing varies at 0%.
        let (a, b) = (two_proportion(3, 40, 12, 45).unwrap(), two_proportion(12, 45, 3, 40).unwrap());
        assert!((a.z + b.z).abs() < 1e-12 && (a.p_value - b.p_value).abs() < 1e-12);
        assert_eq!(two_proportion(1, 0, 1, 2), None);
        assert_eq!(two_proportion(3, 2, 1, 2), None);
        assert_eq!(two_proportion(0, 10, 0, 20), Some(Comparison { z: 0.0, p_value: 1.0 }));
    }
}
