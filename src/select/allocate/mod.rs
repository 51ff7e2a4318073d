//! Auditor allocation (Good practice audit guidance: "Overview"; Quality Practice Audit §9–10), solved exactly.
//!
//! Every selected file goes to an auditor outside the worker's line-management
//! chain (hard), in another team (hard, or soft by policy), preferably in the same
//! area, within each auditor's capacity. Among all allocations the solver returns
//! one that is best in this order (docs/select.md):
//!
//! 1. the most files allocated;
//! 2. the fewest out-of-area matches;
//! 3. (soft team rule only) the fewest same-team matches;
//! 4. the most even load: the least sum of squared loads.
//!
//! This is a min-cost maximum flow. The lexicographic order becomes one cost in
//! `i128` with weights that dominate each lower criterion, and the convex load cost
//! (the k-th file of an auditor costs 2k−1, so an auditor's total is load²) lives
//! on each auditor→sink edge as a marginal cost. Greedy allocation is not enough:
//! it can strand a file whose only independent auditor was taken by a file that had
//! others.
//!
//! Scale: files with the same team, area and excluded auditors form one group node;
//! auditors are the leaves of a segment tree ordered by area, so "every auditor but
//! these few" is a handful of edges instead of thousands. The flow is found first
//! inside each in-area component (independent small problems), then globally with
//! out-of-area edges enabled. Without an out-of-area edge no cycle can cross
//! components, so the union of per-component optima is a minimum-cost flow of its
//! value, and successive shortest paths may continue from it.
//!
//! The solver itself is generic (`flow`), and so is the tree (`segment`); this
//! file models the audit allocation on them.

mod flow;
mod segment;

use flow::{EdgeKind, Graph, INF, Search, bellman_ford_potentials, components};
use segment::{build_seg, cover, push_down};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// One auditor: where they work and how many files they can take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auditor {
    pub area: u32,
    pub team: u32,
    pub capacity: u32,
    /// Files already allocated to them this month (from the ledger).
    pub load: u32,
}

/// One file to allocate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// The team whose quota this file counts against (`per_team` mode).
    pub quota_team: u32,
    pub area: u32,
    /// Teams the auditor must not be in: the case's team and the worker's.
    pub teams: Vec<u32>,
    /// Auditors (indices) who may never audit it: the worker and their whole
    /// line-management chain.
    pub forbidden: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamRule {
    /// The auditor must work in another team.
    Hard,
    /// Another team is preferred, after the area.
    Soft,
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub auditors: Vec<Auditor>,
    pub files: Vec<File>,
    /// Files to allocate per quota team; `None` allocates every file.
    pub quota: Option<BTreeMap<u32, u32>>,
    pub team_rule: TeamRule,
}

/// Why a file was left without an auditor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unallocated {
    /// Nobody outside the chain (and team) holds an auditor role.
    NoIndependentAuditor,
    /// Independent auditors exist but are at capacity.
    AtCapacity,
    /// The team's quota (`per_team`) was met by other files.
    NotSampled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    pub assigned: Vec<Result<u32, Unallocated>>,
}

/// How good a solution is, in the order the policy ranks it; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score {
    pub unallocated: usize,
    pub out_of_area: usize,
    pub same_team: usize,
    pub sum_squared_load: u64,
}

impl Problem {
    /// May auditor `a` audit file `f` at all?
    pub fn eligible(&self, f: usize, a: usize) -> bool {
        let file = &self.files[f];
        !file.forbidden.contains(&(a as u32))
            && self.auditors[a].capacity > self.auditors[a].load
            && (self.team_rule == TeamRule::Soft || !file.teams.contains(&self.auditors[a].team))
    }

    pub fn score(&self, assigned: &[Option<u32>]) -> Score {
        let mut loads: Vec<u64> = self.auditors.iter().map(|a| u64::from(a.load)).collect();
        let mut s = Score { unallocated: 0, out_of_area: 0, same_team: 0, sum_squared_load: 0 };
        for (f, a) in assigned.iter().enumerate() {
            match a {
                None => s.unallocated += 1,
                Some(a) => {
                    let aud = &self.auditors[*a as usize];
                    loads[*a as usize] += 1;
                    s.out_of_area += usize::from(aud.area != self.files[f].area);
                    s.same_team += usize::from(self.files[f].teams.contains(&aud.team));
                }
            }
        }
        s.sum_squared_load = loads.iter().map(|l| l * l).sum();
        s
    }
}

/// Files with the same quota team, area, teams and forbidden auditors are
/// interchangeable for allocation.
type GroupKey = (u32, u32, Vec<u32>, Vec<u32>);

/// Solves the allocation. Deterministic: the same problem gives the same answer.
pub fn solve(p: &Problem) -> Solution {
    if p.files.is_empty() {
        return Solution { assigned: Vec::new() };
    }
    let mut net = Network::new(p);
    for (key, files) in interchangeable(p) {
        net.add_group(p, key, files);
    }
    net.flow();
    net.allocation(p)
}

/// The files, grouped where they are interchangeable for allocation.
fn interchangeable(p: &Problem) -> BTreeMap<GroupKey, Vec<usize>> {
    let mut groups: BTreeMap<GroupKey, Vec<usize>> = BTreeMap::new();
    for (f, file) in p.files.iter().enumerate() {
        let mut teams = file.teams.clone();
        teams.sort_unstable();
        teams.dedup();
        let mut forbidden = file.forbidden.clone();
        forbidden.sort_unstable();
        forbidden.dedup();
        groups.entry((file.quota_team, file.area, teams, forbidden)).or_default().push(f);
    }
    groups
}

/// The flow network of an allocation: quota nodes fed by the (virtual)
/// source, a node a group of interchangeable files, the auditors under a
/// segment tree (ordered by area, so an area is one run of leaves), and each
/// auditor's spare capacity into the sink.
struct Network {
    g: Graph,
    sink: u32,
    auditor_node: Vec<u32>,
    seg_node: Vec<u32>,
    seg_range: Vec<(usize, usize)>,
    root: usize,
    /// Each auditor's leaf position, and each area's run of positions.
    pos: Vec<usize>,
    area_range: BTreeMap<u32, (usize, usize)>,
    quota_node: BTreeMap<u32, u32>,
    /// (quota node, remaining supply).
    sources: Vec<(u32, i64)>,
    /// (node, files, whether any auditor may take them).
    groups: Vec<(u32, Vec<usize>, bool)>,
    team_auditors: BTreeMap<u32, Vec<u32>>,
    /// How many auditors have room for another file.
    with_room: usize,
    /// Weights that make each criterion dominate the ones after it.
    w_team: i128,
    w_area: i128,
}

impl Network {
    fn new(p: &Problem) -> Network {
        let (na, nf) = (p.auditors.len(), p.files.len());
        let total_load: i128 = p.auditors.iter().map(|a| i128::from(a.load)).sum::<i128>() + nf as i128;
        let w_team: i128 = total_load * total_load + 1;
        let w_area: i128 = (nf as i128 + 1) * w_team;
        // Auditors ordered by area: each area is one contiguous run of segment-tree leaves.
        let mut order: Vec<u32> = (0..na as u32).collect();
        order.sort_by_key(|&a| (p.auditors[a as usize].area, a));
        let mut pos = vec![0usize; na];
        let mut area_range: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
        for (i, &a) in order.iter().enumerate() {
            pos[a as usize] = i;
            let r = area_range.entry(p.auditors[a as usize].area).or_insert((i, i));
            r.1 = i + 1;
        }
        let mut g =
            Graph { adj: Vec::new(), edges: Vec::new(), loads: p.auditors.iter().map(|a| i64::from(a.load)).collect() };
        let sink = g.add_node();
        let auditor_node: Vec<u32> = (0..na).map(|_| g.add_node()).collect();
        for (a, aud) in p.auditors.iter().enumerate() {
            let spare = i64::from(aud.capacity.saturating_sub(aud.load));
            if spare > 0 {
                g.add_edge(auditor_node[a], sink, spare, 0, false, EdgeKind::Load(a as u32));
            }
        }
        // Segment tree over positions; leaves are the auditor nodes themselves.
        let (mut seg_node, mut seg_range) = (Vec::new(), Vec::new());
        let root = build_seg(&mut g, &mut seg_node, &mut seg_range, &order, &auditor_node, 0, na);
        // Quota nodes, fed by the (virtual) source.
        let mut team_files: BTreeMap<u32, i64> = BTreeMap::new();
        for file in &p.files {
            *team_files.entry(file.quota_team).or_default() += 1;
        }
        let (mut quota_node, mut sources) = (BTreeMap::new(), Vec::new());
        for (&t, &n) in &team_files {
            let q = p.quota.as_ref().map_or(n, |m| i64::from(*m.get(&t).unwrap_or(&0)).min(n));
            let node = g.add_node();
            quota_node.insert(t, node);
            sources.push((node, q));
        }
        let mut team_auditors: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (a, aud) in p.auditors.iter().enumerate() {
            team_auditors.entry(aud.team).or_default().push(a as u32);
        }
        Network {
            g,
            sink,
            auditor_node,
            seg_node,
            seg_range,
            root,
            pos,
            area_range,
            quota_node,
            sources,
            groups: Vec::new(),
            team_auditors,
            with_room: p.auditors.iter().filter(|a| a.capacity > a.load).count(),
            w_team,
            w_area,
        }
    }

    /// Adds a group of interchangeable files: from its quota node, to every
    /// auditor it may have, in its area at no cost and elsewhere at the area
    /// weight, through the tree, but for the forbidden and (under a hard team
    /// rule) its own teams' auditors; under a soft rule those are reached
    /// directly at the team weight.
    fn add_group(&mut self, p: &Problem, (qt, area, teams, forbidden): GroupKey, files: Vec<usize>) {
        let na = p.auditors.len();
        let has_room = |a: usize| p.auditors[a].capacity > p.auditors[a].load;
        let with_room = self.with_room;
        let g = &mut self.g;
        let node = g.add_node();
        let mut any_direct = false;
        g.add_edge(self.quota_node[&qt], node, files.len() as i64, 0, false, EdgeKind::Plain);
        // Positions that may not be reached through the tree: the forbidden and
        // the auditors in the file's teams (reached directly under a soft rule).
        let mut blocked: Vec<usize> = forbidden.iter().map(|&a| self.pos[a as usize]).collect();
        let mut blocked_with_room = forbidden.iter().filter(|&&a| has_room(a as usize)).count();
        for t in &teams {
            for &a in self.team_auditors.get(t).map(Vec::as_slice).unwrap_or(&[]) {
                let a = a as usize;
                if forbidden.binary_search(&(a as u32)).is_ok() {
                    continue;
                }
                blocked.push(self.pos[a]);
                if !has_room(a) {
                    continue;
                }
                blocked_with_room += 1;
                if p.team_rule == TeamRule::Soft {
                    let ooa = p.auditors[a].area != area;
                    let cost = self.w_team + if ooa { self.w_area } else { 0 };
                    g.add_edge(node, self.auditor_node[a], INF, cost, ooa, EdgeKind::Plain);
                    any_direct = true;
                }
            }
        }
        let any = any_direct || blocked_with_room < with_room;
        blocked.sort_unstable();
        let (lo, hi) = self.area_range.get(&area).copied().unwrap_or((0, 0));
        let (seg_node, seg_range, root, w_area) = (&self.seg_node, &self.seg_range, self.root, self.w_area);
        for (start, end, ooa) in [(lo, hi, false), (0, lo, true), (hi, na, true)] {
            let mut from = start;
            for &b in blocked.iter().filter(|&&b| b >= start && b < end) {
                cover(g, seg_node, seg_range, root, from, b, node, if ooa { w_area } else { 0 }, ooa);
                from = b + 1;
            }
            cover(g, seg_node, seg_range, root, from, end, node, if ooa { w_area } else { 0 }, ooa);
        }
        self.groups.push((node, files, any));
    }

    /// The min-cost flow in two phases: in-area only, one component at a
    /// time; then everything, from feasible potentials for the whole
    /// residual graph.
    fn flow(&mut self) {
        let n = self.g.adj.len();
        let mut pot: Vec<i128> = vec![0; n];
        let mut search = Search::new(n);
        for comp in components(&self.g, &self.sources, n) {
            let mut comp_sources: Vec<(u32, i64)> = comp.iter().map(|&i| self.sources[i]).collect();
            search.run(&mut self.g, &mut pot, &mut comp_sources, self.sink, false);
            for (k, &i) in comp.iter().enumerate() {
                self.sources[i] = comp_sources[k];
            }
        }
        if self.sources.iter().any(|&(_, s)| s > 0) && self.g.edges.iter().any(|e| e.out_of_area && e.cap > 0) {
            pot = bellman_ford_potentials(&self.g);
            search.pot_source = 0;
            search.run(&mut self.g, &mut pot, &mut self.sources, self.sink, true);
        }
    }

    /// Reads the allocation back: direct edges, then tree flow pushed down
    /// to the leaves; a file left over says why.
    fn allocation(&self, p: &Problem) -> Solution {
        let g = &self.g;
        let mut edge_rem: Vec<i64> = g.edges.iter().map(|e| g.edges[e.rev as usize].cap).collect();
        let leaf_of: BTreeMap<u32, u32> = self.auditor_node.iter().enumerate().map(|(a, &nd)| (nd, a as u32)).collect();
        let mut assigned: Vec<Result<u32, Unallocated>> = vec![Err(Unallocated::AtCapacity); p.files.len()];
        let quota_left: BTreeMap<u32, i64> = self.sources.iter().map(|&(nd, s)| (nd, s)).collect();
        for (node, files, any) in &self.groups {
            let mut got: Vec<(u32, i64)> = Vec::new();
            let out: Vec<u32> = g.adj[*node as usize].iter().copied().filter(|&e| e % 2 == 0).collect();
            for e in out {
                let f = edge_rem[e as usize];
                if f > 0 {
                    edge_rem[e as usize] = 0;
                    push_down(g, &mut edge_rem, &leaf_of, g.edges[e as usize].to, f, &mut got);
                }
            }
            got.sort_unstable();
            let mut it = files.iter();
            for (a, k) in got {
                for _ in 0..k {
                    if let Some(&f) = it.next() {
                        assigned[f] = Ok(a);
                    }
                }
            }
            // The reverse of the group's first edge leads back to its quota node.
            let quota_met = quota_left.get(&g.edges[g.adj[*node as usize][0] as usize].to).copied().unwrap_or(0) == 0;
            for &f in it {
                assigned[f] = Err(if !any {
                    Unallocated::NoIndependentAuditor
                } else if p.quota.is_some() && quota_met {
                    Unallocated::NotSampled
                } else {
                    Unallocated::AtCapacity
                });
            }
        }
        Solution { assigned }
    }
}
