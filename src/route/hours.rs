//! The working day of the routing policy on the working-day calendar, and who
//! is in at a given moment.

use crate::calendar::{Calendar, Roll};
use crate::model::availability::{Absence, Availability};
use crate::model::staff::StaffMember;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Working hours on working days.
#[derive(Clone, Copy)]
pub struct Hours<'a> {
    pub calendar: &'a Calendar,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Hours<'_> {
    pub fn is_open(&self, t: NaiveDateTime) -> bool {
        self.calendar.is_working_day(t.date()) && self.start <= t.time() && t.time() < self.end
    }

    /// `t` if it is in working hours, else the start of the next working
    /// period: later that day, or the next working day.
    pub fn next_open(&self, t: NaiveDateTime) -> NaiveDateTime {
        if self.is_open(t) {
            return t;
        }
        let d = t.date();
        if self.calendar.is_working_day(d) && t.time() < self.start {
            return d.and_time(self.start);
        }
        let next = d.succ_opt().map_or(d, |n| self.calendar.roll(n, Roll::Forward));
        next.and_time(self.start)
    }

    /// The working hours of `day`, as [start, end).
    pub fn day(&self, day: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
        (day.and_time(self.start), day.and_time(self.end))
    }
}

/// Whether someone can take a call, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Available,
    /// Away; `back` is when they are expected back in working hours (`None`:
    /// not known).
    Away {
        kind: Absence,
        back: Option<NaiveDateTime>,
    },
    /// Marked inactive in the staff file (a leaver).
    Inactive,
}

impl Presence {
    pub fn available(self) -> bool {
        self == Presence::Available
    }
}

/// Whether staff member `i` is in at `t`, and if not, when they are back.
/// Back-to-back absences (leave running into sickness, a meeting straight
/// after leave) are followed to the first working moment nobody marks away.
pub fn presence(member: &StaffMember, i: u32, t: NaiveDateTime, availability: &Availability, hours: Hours) -> Presence {
    if !member.active {
        return Presence::Inactive;
    }
    let Some(first) = availability.away_at(i, t) else { return Presence::Available };
    let kind = first.kind;
    let mut at = t;
    // Each turn moves strictly later; the bound guards against a file of
    // ten thousand back-to-back meetings.
    for _ in 0..10_000 {
        let Some(a) = availability.away_at(i, at) else { return Presence::Away { kind, back: Some(at) } };
        if a.open_ended() {
            return Presence::Away { kind, back: None };
        }
        at = hours.next_open(a.until());
    }
    Presence::Away { kind, back: None }
}

/// A set of moments in a day, as sorted, disjoint [from, to) intervals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Times(pub Vec<(NaiveDateTime, NaiveDateTime)>);

impl Times {
    pub fn all(from: NaiveDateTime, to: NaiveDateTime) -> Times {
        Times(vec![(from, to)])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The moments in both.
    pub fn and(&self, other: &Times) -> Times {
        let (mut out, mut i, mut j) = (Vec::new(), 0, 0);
        while i < self.0.len() && j < other.0.len() {
            let (a, b) = (self.0[i], other.0[j]);
            let (from, to) = (a.0.max(b.0), a.1.min(b.1));
            if from < to {
                out.push((from, to));
            }
            if a.1 < b.1 { i += 1 } else { j += 1 }
        }
        Times(out)
    }

    /// The moments of [from, to) when staff member `i` is not in.
    pub fn away(member: &StaffMember, i: u32, from: NaiveDateTime, to: NaiveDateTime, av: &Availability) -> Times {
        if !member.active {
            return Times::all(from, to);
        }
        let mut out: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new();
        for a in av.of(i).iter().filter(|a| a.from < to && a.until() > from) {
            let (s, e) = (a.from.max(from), a.until().min(to));
            match out.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => out.push((s, e)),
            }
        }
        Times(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::availability::{Away, OPEN_ENDED};

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn member() -> StaffMember {
        StaffMember {
            id: "W1".into(),
            name: String::new(),
            email: String::new(),
            role: "social_worker".into(),
            role_title: "Social Worker".into(),
            team: 0,
            area: 0,
            manager: None,
            covering: None,
            active: true,
            audit_capacity: None,
            line: 2,
        }
    }

    fn nine_to_five(calendar: &Calendar) -> Hours<'_> {
        let at = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        Hours { calendar, start: at(9), end: at(17) }
    }

    #[test]
    fn the_next_working_period() {
        let cal = Calendar::new(crate::calendar::Region::EnglandAndWales, Default::default());
        let h = nine_to_five(&cal);
        // Friday 18:00 → Monday 09:00; 08:00 → 09:00 the same day.
        assert_eq!(h.next_open(t("2026-12-04 18:00")), t("2026-12-07 09:00"));
        assert_eq!(h.next_open(t("2026-12-07 08:00")), t("2026-12-07 09:00"));
        assert_eq!(h.next_open(t("2026-12-07 16:59")), t("2026-12-07 16:59"));
        assert_eq!(h.next_open(t("2026-12-07 17:00")), t("2026-12-08 09:00"));
        // Christmas Eve after hours → Tuesday 29 December (Christmas, Boxing Day substitute on the 28th).
        assert_eq!(h.next_open(t("2026-12-24 17:30")), t("2026-12-29 09:00"));
    }

    #[test]
    fn back_follows_absences_that_run_into_each_other() {
        let cal = Calendar::new(crate::calendar::Region::EnglandAndWales, Default::default());
        let h = nine_to_five(&cal);
        let m = member();
        // Leave to the end of Friday 11th, then a meeting Monday 09:00–10:30.
        let av = Availability::new(vec![
            Away { staff: 0, from: t("2026-12-07 00:00"), to: t("2026-12-12 00:00"), kind: Absence::Leave, back: None },
            Away {
                staff: 0,
                from: t("2026-12-14 09:00"),
                to: t("2026-12-14 10:30"),
                kind: Absence::Meeting,
                back: None,
            },
        ]);
        assert_eq!(
            presence(&m, 0, t("2026-12-08 10:00"), &av, h),
            Presence::Away { kind: Absence::Leave, back: Some(t("2026-12-14 10:30")) }
        );
        assert_eq!(presence(&m, 0, t("2026-12-14 11:00"), &av, h), Presence::Available);
        let open = Availability::new(vec![Away {
            staff: 0,
            from: t("2026-12-01 00:00"),
            to: OPEN_ENDED,
            kind: Absence::Sick,
            back: None,
        }]);
        assert_eq!(
            presence(&m, 0, t("2026-12-08 10:00"), &open, h),
            Presence::Away { kind: Absence::Sick, back: None }
        );
    }

    #[test]
    fn times_intersect() {
        let a =
            Times(vec![(t("2026-12-07 09:00"), t("2026-12-07 11:00")), (t("2026-12-07 13:00"), t("2026-12-07 17:00"))]);
        let b = Times(vec![(t("2026-12-07 10:00"), t("2026-12-07 14:00"))]);
        assert_eq!(
            a.and(&b),
            Times(vec![(t("2026-12-07 10:00"), t("2026-12-07 11:00")), (t("2026-12-07 13:00"), t("2026-12-07 14:00"))])
        );
    }
}
