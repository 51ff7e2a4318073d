//! Step 3: each caseworker, in a seeded priority order, takes their best
//! eligible case (random, or the longest unaudited: Quality Practice Audit
//! §4.3): first among the cases allocated to them, then among those they
//! recorded on (§4.2). A case taken, or a sibling's case, is skipped (one case
//! per family, QA induction). Those left without a file are told why.

use super::choice::{self, Purpose, Streams};
use super::eligible::Candidates;
use super::policy::Choice;
use super::{Detail, Excluded, History, Match, Params, Pick, Reason, Round};
use crate::model::staff::Staff;

/// Caseworkers in seeded priority order; ties (never in practice) by id.
pub(super) fn in_priority_order(staff: &Staff, p: &Params<'_>, is_caseworker: &[bool]) -> Vec<u32> {
    let streams = Streams::new(p.seed, p.month, Purpose::Priority);
    let mut workers: Vec<(u64, u32)> = (0..staff.members.len() as u32)
        .filter(|&w| is_caseworker[w as usize])
        .map(|w| (streams.worker(&staff.member(w).id).next_u64(), w))
        .collect();
    workers.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| staff.member(a.1).id.cmp(&staff.member(b.1).id)));
    workers.into_iter().map(|(_, w)| w).collect()
}

impl Round<'_> {
    /// Each worker in `workers` order takes a case; returns, by worker, the
    /// cases a worker who got none could have had.
    pub(super) fn choose(
        &mut self,
        workers: &[u32],
        candidates: &Candidates,
        history: &History,
        p: &Params<'_>,
    ) -> Vec<Vec<u32>> {
        let (staff, cases, policy) = (self.staff, self.cases, p.policy);
        let one_per_family = policy.policy.one_case_per_family;
        let mut tried: Vec<Vec<u32>> = vec![Vec::new(); staff.members.len()];
        for (pass, purpose) in [(&candidates.own, Purpose::OwnCases), (&candidates.recorded, Purpose::RecordedCases)] {
            let streams = Streams::new(p.seed, p.month, purpose);
            for &w in workers {
                if self.filled[w as usize] || pass.of(w).is_empty() {
                    continue;
                }
                let available = |c: u32| {
                    let sibling_taken =
                        one_per_family && cases.family(c).is_some_and(|f| self.family_taken.contains(f));
                    !self.case_taken[c as usize] && !sibling_taken
                };
                // Case-id order first, so the row order of the file cannot matter.
                let mut list = pass.of(w).to_vec();
                list.sort_unstable_by(|a, b| cases.id(*a).cmp(cases.id(*b)));
                let mut rng = streams.worker(&staff.member(w).id);
                let chosen = match policy.policy.choice {
                    Choice::Random => {
                        choice::first_in_random_order(&mut rng, &mut list, |&c| available(c)).map(|i| list[i])
                    }
                    // Never audited first, then the oldest last audit; ties in seeded order.
                    Choice::LongestUnaudited => {
                        choice::shuffle(&mut rng, &mut list);
                        list.sort_by_key(|&c| {
                            let last = history.last_audited(c);
                            (last.is_some(), last)
                        });
                        list.iter().copied().find(|&c| available(c))
                    }
                };
                if let Some(c) = chosen {
                    self.take(c, w);
                    let (team, area) = self.team_area(c, w);
                    self.picks.push(Pick {
                        case: c,
                        worker: w,
                        team,
                        area,
                        auditor: None,
                        matched: Match::None,
                        from_ledger: false,
                    });
                } else {
                    tried[w as usize].extend(list);
                }
            }
        }
        tried
    }

    /// Excludes, with the reason, each case a worker without a file could have
    /// had, and the worker; returns how many workers got none.
    pub(super) fn unfilled(&mut self, workers: &[u32], mut tried: Vec<Vec<u32>>) -> usize {
        let mut unfilled = 0;
        for &w in workers {
            if self.filled[w as usize] {
                continue;
            }
            unfilled += 1;
            let tried = std::mem::take(&mut tried[w as usize]);
            for c in &tried {
                let reason =
                    if self.case_taken[*c as usize] { Reason::TakenByAnotherWorker } else { Reason::SiblingSelected };
                let detail = if reason == Reason::SiblingSelected {
                    "a sibling's case was selected this month"
                } else {
                    "selected for another worker this month"
                };
                self.excluded.push(Excluded::case(*c, Some(w), reason, Detail::Fixed(detail)));
            }
            let detail = if tried.is_empty() {
                Detail::Fixed("no case the worker recorded on is eligible")
            } else {
                Detail::AllTaken(tried.len())
            };
            self.excluded.push(Excluded { case: None, worker: Some(w), reason: Reason::NoEligibleCase, detail });
        }
        unfilled
    }
}
