//! From tracked cases to the rows `due` lists: each obligation's status as of a
//! date, the filters people run (`--status`, `--differs`), what is left out and
//! why, the summary line, and the managers' count by team.

use super::status::{AsOf, Status};
use super::track::{Context, Outcome, Tracked, Tracking, track};
use super::{Cause, Facts};
use crate::calendar::OutOfRange;
use crate::model::event_kind::EventKind;
use crate::model::events::Case;
use chrono::{Months, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// With an as-of date, an obligation the data cannot judge (untracked) that
/// fell due more than this long before that date is not listed unless asked
/// for (`--all`): returns such as Annex A look back a year at most, and a
/// looked-after child's 2009 care plan is not news in 2021.
pub const PERIOD_MONTHS: u32 = 12;

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub as_of: Option<AsOf>,
    /// Only these statuses (empty: all).
    pub statuses: Vec<Status>,
    /// Only obligations whose recorded due date is later than ours.
    pub differs: bool,
    /// Also the untracked obligations from before the period.
    pub all: bool,
}

impl Options {
    /// The first day of the period an as-of report covers.
    pub fn period_from(&self) -> Option<NaiveDate> {
        self.as_of.and_then(|a| a.date.checked_sub_months(Months::new(PERIOD_MONTHS)))
    }
}

/// One listed obligation: what became of it, and its status as of the date.
#[derive(Debug, Clone)]
pub struct Listed {
    pub tracked: Tracked,
    pub status: Option<Status>,
    pub days_left: Option<i64>,
}

/// What was listed and left out, for the summary line and the exit code.
#[derive(Debug, Default)]
pub struct Summary {
    pub listed: usize,
    /// Cases with at least one obligation listed.
    pub cases: usize,
    /// Cases read, listed or not.
    pub read: usize,
    /// Listed obligations by status (with an as-of date) or outcome, in
    /// the order of [`WORDS`].
    pub by_status: [usize; WORDS.len()],
    pub overdue: usize,
    /// Listed obligations still owed: overdue, due soon or open.
    pub owed: usize,
    /// Untracked obligations due before the period, not listed (no `--all`).
    pub before_period: usize,
    /// Of those, the ones whose status is `check-age` or `check-history`.
    pub before_period_check: usize,
    /// Listed obligations whose due date the data cannot fix, by what it
    /// lacks: the date of birth, or the history.
    pub unsure: [usize; 2],
    /// Obligations left out by `--status` or `--differs`.
    pub filtered: usize,
    /// Events dated after the as-of date, left out.
    pub after_as_of: usize,
}

impl Summary {
    /// Counts `other`'s cases too (cases tracked apart, on another thread).
    pub fn add(&mut self, other: &Summary) {
        let Summary {
            listed,
            cases,
            read,
            by_status,
            overdue,
            owed,
            before_period,
            before_period_check,
            unsure,
            filtered,
            after_as_of,
        } = other;
        self.listed += listed;
        self.cases += cases;
        self.read += read;
        for (n, m) in self.by_status.iter_mut().zip(by_status) {
            *n += m;
        }
        self.overdue += overdue;
        self.owed += owed;
        self.before_period += before_period;
        self.before_period_check += before_period_check;
        for (n, m) in self.unsure.iter_mut().zip(unsure) {
            *n += m;
        }
        self.filtered += filtered;
        self.after_as_of += after_as_of;
    }
}

/// Tracks cases and decides what is listed.
pub struct Report<'a> {
    pub cx: Context<'a>,
    pub opts: Options,
    pub summary: Summary,
}

impl<'a> Report<'a> {
    pub fn new(cx: Context<'a>, opts: Options) -> Report<'a> {
        Report { cx, opts, summary: Summary::default() }
    }

    /// One case's listed obligations, in the order they arose.
    pub fn case(&mut self, case: &mut Case) -> Result<Vec<Listed>, (u64, OutOfRange)> {
        let Tracking { rows, after_as_of } = track(&self.cx, case)?;
        self.summary.read += 1;
        self.summary.after_as_of += after_as_of;
        let listed: Vec<Listed> = rows.into_iter().filter_map(|t| self.list(t)).collect();
        if !listed.is_empty() {
            self.summary.cases += 1;
        }
        Ok(listed)
    }

    /// What one event starts (`due EVENT DATE`): every obligation, owed.
    pub fn event(&mut self, event: &str, date: NaiveDate, facts: &Facts) -> Result<Vec<Listed>, OutOfRange> {
        let kind = EventKind::from_name(event);
        let dues = self.cx.set.obligations(&kind, date, facts, self.cx.cal, self.cx.count_event_day)?;
        Ok(dues
            .into_iter()
            .filter_map(|due| {
                let outcome = Outcome::Outstanding;
                let note = due.unsure.as_ref().map(|u| Rc::clone(&u.note));
                let t = Tracked { event: kind.clone(), event_date: date, due, outcome, recorded_due: None, note };
                self.list(t)
            })
            .collect())
    }

    /// One obligation with its status, if it is to be listed.
    pub fn list(&mut self, t: Tracked) -> Option<Listed> {
        let (status, days_left) = match self.opts.as_of {
            Some(a) => {
                let (s, left) = a.classify(t.outcome, t.due.due, t.due.unsure.as_deref());
                (Some(s), left)
            }
            None => (None, None),
        };
        // What the data cannot judge, from before the period: not news. A date
        // the data cannot fix is before it only if its latest possible date is.
        let last_due = t.due.unsure.as_ref().and_then(|u| u.latest).unwrap_or(t.due.due);
        let before_period = self.opts.period_from().is_some_and(|from| last_due < from);
        let unjudged = status.is_some_and(|s| s == Status::Untracked || s.is_check());
        if !self.opts.all && unjudged && before_period {
            self.summary.before_period += 1;
            self.summary.before_period_check += usize::from(status.is_some_and(Status::is_check));
            return None;
        }
        let wanted = status.is_none_or(|s| self.opts.statuses.is_empty() || self.opts.statuses.contains(&s))
            && (!self.opts.differs || t.recorded_due.is_some_and(|r| r > t.due.due));
        if !wanted {
            self.summary.filtered += 1;
            return None;
        }
        self.summary.by_status[word(status, t.outcome)] += 1;
        if status == Some(Status::Overdue) {
            self.summary.overdue += 1;
        }
        if status.is_some_and(Status::is_owed) {
            self.summary.owed += 1;
        }
        if let Some(u) = &t.due.unsure {
            self.summary.unsure[u.cause as usize] += 1;
        }
        self.summary.listed += 1;
        Some(Listed { tracked: t, status, days_left })
    }

    /// Whether the run found something to act on (exit 1): anything listed
    /// that is overdue; with `--status`, anything listed still owed (overdue,
    /// due soon or open); with `--differs`, anything listed. Missed, met, late
    /// and untracked obligations never count: nobody can act on them now; nor
    /// do `check-age` and `check-history`, which the data cannot judge.
    pub fn found(&self) -> bool {
        let s = &self.summary;
        s.overdue > 0 || (!self.opts.statuses.is_empty() && s.owed > 0) || (self.opts.differs && s.listed > 0)
    }
}

/// The words the summary line counts, in its order.
pub const WORDS: [&str; 10] =
    ["overdue", "due-soon", "open", "check-age", "check-history", "outstanding", "missed", "met", "late", "untracked"];

/// The place in [`WORDS`] of a listed obligation's status (with an as-of
/// date) or else its outcome: `Status::as_str` or `Outcome::as_str`.
fn word(status: Option<Status>, outcome: Outcome) -> usize {
    match (status, outcome) {
        (Some(Status::Overdue), _) => 0,
        (Some(Status::DueSoon), _) => 1,
        (Some(Status::Open), _) => 2,
        (Some(Status::CheckAge), _) | (None, Outcome::Check(Cause::Age, _)) => 3,
        (Some(Status::CheckHistory), _) | (None, Outcome::Check(Cause::History, _)) => 4,
        (None, Outcome::Outstanding) => 5,
        (Some(Status::Missed), _) | (None, Outcome::Missed(_)) => 6,
        (Some(Status::Met), _) | (None, Outcome::Met(_)) => 7,
        (Some(Status::Late), _) | (None, Outcome::Late(_)) => 8,
        (Some(Status::Untracked), _) | (None, Outcome::Untracked) => 9,
    }
}

impl Summary {
    /// The summary line: "27 obligations for 5 cases: 3 overdue, ... (as of D)",
    /// then what was left out.
    pub fn line(&self, as_of: Option<NaiveDate>, period_from: Option<NaiveDate>) -> String {
        let parts: Vec<String> =
            WORDS.iter().zip(self.by_status).filter(|(_, n)| *n > 0).map(|(k, n)| format!("{n} {k}")).collect();
        let plural = crate::words::count;
        let mut line =
            format!("{} for {}", plural(self.listed, "obligation", "obligations"), plural(self.cases, "case", "cases"));
        if !parts.is_empty() {
            line.push_str(&format!(": {}", parts.join(", ")));
        }
        if let Some(d) = as_of {
            line.push_str(&format!(" (as of {d})"));
        }
        let [age, history] = self.unsure;
        if age + history > 0 {
            let mut parts = Vec::new();
            if age > 0 {
                parts.push(format!("{age} with no date of birth"));
            }
            if history > 0 {
                parts.push(format!("{history} with too little history to place"));
            }
            let (verb, it) = if age + history == 1 { ("is", "it") } else { ("are", "they") };
            line.push_str(&format!(
                "; {} {verb} listed at the earliest date {it} could be due (the note says why)",
                parts.join(" and ")
            ));
        }
        if let (true, Some(from)) = (self.before_period > 0, period_from) {
            let what = match self.before_period_check {
                0 => plural(self.before_period, "untracked obligation", "untracked obligations"),
                check => format!(
                    "{} ({} untracked, {check} check-age or check-history)",
                    plural(self.before_period, "obligation", "obligations"),
                    self.before_period - check
                ),
            };
            line.push_str(&format!(
                "; not listed: {what} from before {from} that the data cannot judge (--all lists them)"
            ));
        }
        if self.filtered > 0 {
            line.push_str(&format!("; {} left out by the filter", self.filtered));
        }
        line
    }
}

/// `--by-team`: per team and obligation, how many are overdue, due soon and
/// open, and for how many children; then how many the data cannot place
/// between their earliest and latest dates (check-age, check-history), which
/// a manager has checked against the file.
#[derive(Debug, Default)]
pub struct ByTeam {
    counts: BTreeMap<(String, Rc<str>), TeamCount>,
}

/// Overdue, due soon, open and to check, and the children owed the first three.
#[derive(Debug, Default)]
struct TeamCount {
    n: [u64; 4],
    children: BTreeSet<Rc<str>>,
}

impl ByTeam {
    pub const COLUMNS: [&'static str; 7] =
        ["team", "obligation", "overdue", "due_soon", "open", "children", "to_check"];

    pub fn add(&mut self, case: &Case, listed: &Listed) {
        let slot = match listed.status {
            Some(Status::Overdue) => 0,
            Some(Status::DueSoon) => 1,
            Some(Status::Open) => 2,
            Some(s) if s.is_check() => 3,
            _ => return,
        };
        let team = case.team.clone().unwrap_or_default();
        let entry = self.counts.entry((team, Rc::clone(&listed.tracked.due.entry.text.obligation))).or_default();
        entry.n[slot] += 1;
        if slot < 3 {
            entry.children.insert(Rc::clone(&case.id));
        }
    }

    /// (team, obligation, [overdue, due soon, open, to check], children), by
    /// team then obligation; a case with no team is under "".
    pub fn rows(&self) -> impl Iterator<Item = (&str, &Rc<str>, [u64; 4], usize)> {
        self.counts.iter().map(|((team, obligation), c)| (team.as_str(), obligation, c.n, c.children.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each status, and without an as-of date each outcome, is counted under
    /// its own word.
    #[test]
    fn counted_under_their_words() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let outcomes = [
            Outcome::Met(d),
            Outcome::Late(d),
            Outcome::Outstanding,
            Outcome::Untracked,
            Outcome::Missed(d),
            Outcome::Check(Cause::Age, None),
            Outcome::Check(Cause::History, Some(d)),
        ];
        for o in outcomes {
            assert_eq!(WORDS[word(None, o)], o.as_str());
            for s in Status::ALL {
                assert_eq!(WORDS[word(Some(s), o)], s.as_str());
            }
        }
    }
}
