//! Whether a key measure changed (docs/report.md): "good or better fell from 62%
//! to 55%" reads the same on 8 audits and on 800, so a change is called
//! better or worse only when a two-proportion test at the 5% level says the
//! two shares differ ([`crate::stats::two_proportion`]); otherwise it is "no
//! clear change". The period is compared with the one of the same length
//! before it (the quarter before a quarter, the month before a month) when
//! the audits given include any from it, and each month with the month
//! before it. The method and its formula are in docs/report.md.

use super::measures::Key;
use super::value::{Share, Table, Value};
use super::{Inputs, period};
use crate::calendar::dates::Month;
use crate::model::audit::Completed;

/// What a comparison of `from` with `to` says, higher being better or not.
pub fn verdict(from: Share, to: Share, higher_is_better: bool) -> Option<(&'static str, f64)> {
    let c = crate::stats::two_proportion(from.num, from.den, to.num, to.den)?;
    let word = match (c.significant(), (c.z > 0.0) == higher_is_better) {
        (false, _) => "no clear change",
        (true, true) => "better",
        (true, false) => "worse",
    };
    Some((word, c.p_value))
}

fn audits_in<'a>(i: &Inputs<'a>, months: &[Month]) -> Vec<&'a Completed> {
    i.audits.iter().filter(|a| a.month.is_some_and(|m| months.contains(&m))).collect()
}

/// The pairs of periods compared: the period and the one before it (when
/// there are audits of it), then each month of the period and the one before.
fn pairs(i: &Inputs) -> Vec<(Vec<Month>, Vec<Month>)> {
    let mut out = Vec::new();
    let n = i.months.len() as i32;
    if let Some(&first) = i.months.first() {
        let before: Vec<Month> = (0..n).map(|k| first.plus(k - n)).collect();
        if !audits_in(i, &before).is_empty() {
            out.push((before, i.months.to_vec()));
        }
    }
    if i.months.len() > 1 {
        out.extend(i.months.windows(2).map(|w| (vec![w[0]], vec![w[1]])));
    }
    out
}

pub fn changes(i: &Inputs) -> Table {
    let mut rows = Vec::new();
    for (from, to) in pairs(i) {
        let (a, b) = (Key::of(i, &audits_in(i, &from)), Key::of(i, &audits_in(i, &to)));
        for ((_, measure, higher_is_better, x), (_, _, _, y)) in a.shares().into_iter().zip(b.shares()) {
            let audits = x.audits.min(y.audits);
            let (difference, p, word) = match (x.tenths(), y.tenths(), verdict(x, y, higher_is_better)) {
                (Some(tx), Some(ty), Some((word, p))) => (
                    Value::Points { tenths: ty - tx, audits },
                    Value::Probability { p, audits },
                    Value::Word { word, audits },
                ),
                _ => (Value::text(""), Value::text(""), Value::text("")),
            };
            rows.push(vec![
                Value::text(measure),
                Value::text(period(&from)),
                Value::text(period(&to)),
                Value::Pct(x),
                Value::Pct(y),
                difference,
                p,
                word,
            ]);
        }
    }
    let columns = ["measure", "from", "to", "pct_from", "pct_to", "difference", "p_value", "change"];
    Table::new("changes", "What changed, and whether the change is clear", &columns, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_called_only_when_the_test_says_so() {
        // 62% to 55% of 100 audits each: no clear change; of 800 each: worse.
        assert_eq!(verdict(Share::of(62, 100), Share::of(55, 100), true).unwrap().0, "no clear change");
        assert_eq!(verdict(Share::of(496, 800), Share::of(440, 800), true).unwrap().0, "worse");
        // A fall in inadequate audits is better.
        assert_eq!(verdict(Share::of(160, 800), Share::of(100, 800), false).unwrap().0, "better");
        assert_eq!(verdict(Share::of(100, 800), Share::of(160, 800), true).unwrap().0, "better");
        assert_eq!(verdict(Share::of(0, 0), Share::of(1, 2), true), None);
    }
}
