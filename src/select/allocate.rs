//! Auditor allocation (Good practice audit guidance: "Overview"; Quality Practice Audit §9–10), solved exactly.
//!
//! Every selected file goes to an auditor outside the worker's line-management
//! chain (hard), in another team (hard, or soft by policy), preferably in the same
//! area, within each auditor's capacity. Among all allocations the solver returns
//! one that is best in this order (SPEC §3.7):
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

const INF: i64 = i64::MAX / 4;

/// Files with the same quota team, area, teams and forbidden auditors are
/// interchangeable for allocation.
type GroupKey = (u32, u32, Vec<u32>, Vec<u32>);

#[derive(Debug, Clone, Copy)]
enum Kind {
    Plain,
    /// auditor → sink, marginal cost from the auditor's load.
    Load(u32),
    /// sink → auditor, the reverse of a load edge.
    Unload(u32),
}

#[derive(Debug, Clone, Copy)]
struct Edge {
    to: u32,
    rev: u32,
    cap: i64,
    cost: i128,
    out_of_area: bool,
    kind: Kind,
}

struct Graph {
    adj: Vec<Vec<u32>>,
    edges: Vec<Edge>,
    loads: Vec<i64>,
}

impl Graph {
    fn add_node(&mut self) -> u32 {
        self.adj.push(Vec::new());
        (self.adj.len() - 1) as u32
    }

    fn add_edge(&mut self, from: u32, to: u32, cap: i64, cost: i128, out_of_area: bool, kind: Kind) -> u32 {
        let e = self.edges.len() as u32;
        let (fk, rk) = match kind {
            Kind::Load(a) => (Kind::Load(a), Kind::Unload(a)),
            _ => (Kind::Plain, Kind::Plain),
        };
        self.edges.push(Edge { to, rev: e + 1, cap, cost, out_of_area, kind: fk });
        self.edges.push(Edge { to: from, rev: e, cap: 0, cost: -cost, out_of_area, kind: rk });
        self.adj[from as usize].push(e);
        self.adj[to as usize].push(e + 1);
        e
    }

    fn cost(&self, e: &Edge) -> i128 {
        match e.kind {
            Kind::Plain => e.cost,
            Kind::Load(a) => 2 * i128::from(self.loads[a as usize]) + 1,
            Kind::Unload(a) => -(2 * i128::from(self.loads[a as usize]) - 1),
        }
    }
}

/// Solves the allocation. Deterministic: the same problem gives the same answer.
pub fn solve(p: &Problem) -> Solution {
    let na = p.auditors.len();
    let nf = p.files.len();
    if nf == 0 {
        return Solution { assigned: Vec::new() };
    }
    // Weights that make each criterion dominate the ones after it.
    let total_load: i128 = p.auditors.iter().map(|a| i128::from(a.load)).sum::<i128>() + nf as i128;
    let w_team: i128 = total_load * total_load + 1;
    let w_area: i128 = (nf as i128 + 1) * w_team;

    // Auditors ordered by area: each area is one contiguous run of segment-tree leaves.
    let mut order: Vec<u32> = (0..na as u32).collect();
    order.sort_by_key(|&a| (p.auditors[a as usize].area, a));
    let mut pos = vec![0usize; na];
    for (i, &a) in order.iter().enumerate() {
        pos[a as usize] = i;
    }
    let mut area_range: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    for (i, &a) in order.iter().enumerate() {
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
            g.add_edge(auditor_node[a], sink, spare, 0, false, Kind::Load(a as u32));
        }
    }
    // Segment tree over positions; leaves are the auditor nodes themselves.
    let mut seg_node: Vec<u32> = Vec::new();
    let mut seg_range: Vec<(usize, usize)> = Vec::new();
    let root = build_seg(&mut g, &mut seg_node, &mut seg_range, &order, &auditor_node, 0, na);

    // Group files that are interchangeable for allocation.
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
    // Quota nodes, fed by the (virtual) source.
    let mut team_files: BTreeMap<u32, i64> = BTreeMap::new();
    for file in &p.files {
        *team_files.entry(file.quota_team).or_default() += 1;
    }
    let mut quota_node: BTreeMap<u32, u32> = BTreeMap::new();
    let mut sources: Vec<(u32, i64)> = Vec::new(); // (quota node, remaining supply)
    for (&t, &n) in &team_files {
        let q = p.quota.as_ref().map_or(n, |m| i64::from(*m.get(&t).unwrap_or(&0)).min(n));
        let node = g.add_node();
        quota_node.insert(t, node);
        sources.push((node, q));
    }

    let has_room = |a: usize| p.auditors[a].capacity > p.auditors[a].load;
    let with_room = (0..na).filter(|&a| has_room(a)).count();
    let mut team_auditors: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (a, aud) in p.auditors.iter().enumerate() {
        team_auditors.entry(aud.team).or_default().push(a as u32);
    }
    let mut group_list: Vec<(u32, Vec<usize>, bool)> = Vec::new(); // (node, files, has any eligible auditor)
    for ((qt, area, teams, forbidden), files) in groups {
        let node = g.add_node();
        let mut any_direct = false;
        g.add_edge(quota_node[&qt], node, files.len() as i64, 0, false, Kind::Plain);
        // Positions that may not be reached through the tree: the forbidden and
        // the auditors in the file's teams (reached directly under a soft rule).
        let mut blocked: Vec<usize> = forbidden.iter().map(|&a| pos[a as usize]).collect();
        let mut blocked_with_room = forbidden.iter().filter(|&&a| has_room(a as usize)).count();
        for t in &teams {
            for &a in team_auditors.get(t).map(Vec::as_slice).unwrap_or(&[]) {
                let a = a as usize;
                if forbidden.binary_search(&(a as u32)).is_ok() {
                    continue;
                }
                blocked.push(pos[a]);
                if !has_room(a) {
                    continue;
                }
                blocked_with_room += 1;
                if p.team_rule == TeamRule::Soft {
                    let ooa = p.auditors[a].area != area;
                    let cost = w_team + if ooa { w_area } else { 0 };
                    g.add_edge(node, auditor_node[a], INF, cost, ooa, Kind::Plain);
                    any_direct = true;
                }
            }
        }
        let any = any_direct || blocked_with_room < with_room;
        blocked.sort_unstable();
        let (lo, hi) = area_range.get(&area).copied().unwrap_or((0, 0));
        for (start, end, ooa) in [(lo, hi, false), (0, lo, true), (hi, na, true)] {
            let mut from = start;
            for &b in blocked.iter().filter(|&&b| b >= start && b < end) {
                cover(&mut g, &seg_node, &seg_range, root, from, b, node, if ooa { w_area } else { 0 }, ooa);
                from = b + 1;
            }
            cover(&mut g, &seg_node, &seg_range, root, from, end, node, if ooa { w_area } else { 0 }, ooa);
        }
        group_list.push((node, files, any));
    }

    let n = g.adj.len();
    let mut pot: Vec<i128> = vec![0; n];
    let mut search = Search::new(n);

    // Phase 1: in-area only, one component at a time.
    for comp in components(&g, &sources, n) {
        let mut comp_sources: Vec<(u32, i64)> = comp.iter().map(|&i| sources[i]).collect();
        search.run(&mut g, &mut pot, &mut comp_sources, sink, false);
        for (k, &i) in comp.iter().enumerate() {
            sources[i] = comp_sources[k];
        }
    }
    // Phase 2: everything, from feasible potentials for the whole residual graph.
    if sources.iter().any(|&(_, s)| s > 0) && g.edges.iter().any(|e| e.out_of_area && e.cap > 0) {
        pot = bellman_ford_potentials(&g);
        search.pot_source = 0;
        search.run(&mut g, &mut pot, &mut sources, sink, true);
    }

    // Read the allocation back: direct edges, then tree flow pushed down to leaves.
    let mut edge_rem: Vec<i64> = g.edges.iter().map(|e| g.edges[e.rev as usize].cap).collect();
    let leaf_of: BTreeMap<u32, u32> = auditor_node.iter().enumerate().map(|(a, &nd)| (nd, a as u32)).collect();
    let mut assigned: Vec<Result<u32, Unallocated>> = vec![Err(Unallocated::AtCapacity); nf];
    let quota_left: BTreeMap<u32, i64> = sources.iter().map(|&(nd, s)| (nd, s)).collect();
    for (node, files, any) in &group_list {
        let mut got: Vec<(u32, i64)> = Vec::new();
        let out: Vec<u32> = g.adj[*node as usize].iter().copied().filter(|&e| e % 2 == 0).collect();
        for e in out {
            let f = edge_rem[e as usize];
            if f > 0 {
                edge_rem[e as usize] = 0;
                push_down(&g, &mut edge_rem, &leaf_of, g.edges[e as usize].to, f, &mut got);
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
        let quota_met = {
            let qn = g.edges[g.adj[*node as usize][0] as usize].to; // reverse edge back to the quota node
            quota_left.get(&qn).copied().unwrap_or(0) == 0
        };
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

fn build_seg(
    g: &mut Graph,
    seg_node: &mut Vec<u32>,
    seg_range: &mut Vec<(usize, usize)>,
    order: &[u32],
    auditor_node: &[u32],
    lo: usize,
    hi: usize,
) -> usize {
    let id = seg_node.len();
    if hi - lo == 1 {
        seg_node.push(auditor_node[order[lo] as usize]);
        seg_range.push((lo, hi));
        return id;
    }
    let node = if hi > lo { g.add_node() } else { u32::MAX };
    seg_node.push(node);
    seg_range.push((lo, hi));
    if hi - lo >= 2 {
        let mid = lo + (hi - lo) / 2;
        let l = build_seg(g, seg_node, seg_range, order, auditor_node, lo, mid);
        let r = build_seg(g, seg_node, seg_range, order, auditor_node, mid, hi);
        // Children are pushed after their parent, so index order is a preorder.
        g.add_edge(node, seg_node[l], INF, 0, false, Kind::Plain);
        g.add_edge(node, seg_node[r], INF, 0, false, Kind::Plain);
    }
    id
}

/// Adds edges from `from` to the tree nodes that exactly cover positions [lo, hi).
#[allow(clippy::too_many_arguments)]
fn cover(
    g: &mut Graph,
    seg_node: &[u32],
    seg_range: &[(usize, usize)],
    root: usize,
    lo: usize,
    hi: usize,
    from: u32,
    cost: i128,
    ooa: bool,
) {
    if lo >= hi || seg_node.is_empty() {
        return;
    }
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        let (a, b) = seg_range[i];
        if b <= lo || a >= hi {
            continue;
        }
        if lo <= a && b <= hi {
            g.add_edge(from, seg_node[i], INF, cost, ooa, Kind::Plain);
            continue;
        }
        // Children of node i: the left child is i+1; the right follows the left subtree.
        let left = i + 1;
        let mid = a + (b - a) / 2;
        let left_size = subtree_size(mid - a);
        stack.push(left + left_size);
        stack.push(left);
    }
}

/// Number of tree nodes over `len` leaves (2·len − 1).
fn subtree_size(len: usize) -> usize {
    2 * len - 1
}

/// Pushes `f` units arriving at `node` down tree edges with flow, left first.
fn push_down(
    g: &Graph,
    rem: &mut [i64],
    leaf_of: &BTreeMap<u32, u32>,
    node: u32,
    mut f: i64,
    got: &mut Vec<(u32, i64)>,
) {
    if let Some(&a) = leaf_of.get(&node) {
        got.push((a, f));
        return;
    }
    let outs: Vec<u32> = g.adj[node as usize].iter().copied().filter(|&e| e % 2 == 0).collect();
    for e in outs {
        if f == 0 {
            break;
        }
        let t = rem[e as usize].min(f);
        if t > 0 {
            rem[e as usize] -= t;
            f -= t;
            push_down(g, rem, leaf_of, g.edges[e as usize].to, t, got);
        }
    }
}

/// Groups source indices whose quota nodes share in-area reachability.
fn components(g: &Graph, sources: &[(u32, i64)], n: usize) -> Vec<Vec<usize>> {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(p: &mut [u32], mut x: u32) -> u32 {
        while p[x as usize] != x {
            p[x as usize] = p[p[x as usize] as usize];
            x = p[x as usize];
        }
        x
    }
    // Follow in-area edges out of quota nodes, groups and tree nodes; never
    // through the sink (it would join everything).
    let sink = 0u32;
    for (from, list) in g.adj.iter().enumerate() {
        if from as u32 == sink {
            continue;
        }
        for &e in list {
            let edge = &g.edges[e as usize];
            if e % 2 == 0 && !edge.out_of_area && edge.to != sink {
                let (a, b) = (find(&mut parent, from as u32), find(&mut parent, edge.to));
                if a != b {
                    parent[a as usize] = b;
                }
            }
        }
    }
    let mut by_root: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, &(node, _)) in sources.iter().enumerate() {
        by_root.entry(find(&mut parent, node)).or_default().push(i);
    }
    by_root.into_values().collect()
}

/// Feasible potentials (every residual edge has non-negative reduced cost) from
/// Bellman–Ford with a virtual source joined to every node. The residual graph of a
/// minimum-cost flow has no negative cycle, so this terminates.
fn bellman_ford_potentials(g: &Graph) -> Vec<i128> {
    let n = g.adj.len();
    let mut d: Vec<i128> = vec![0; n];
    let mut in_queue = vec![true; n];
    let mut queue: std::collections::VecDeque<u32> = (0..n as u32).collect();
    // A node relaxed n times means a negative cycle, which the weights rule out;
    // the guard makes a bug show as a suboptimal (still valid) answer, never a hang.
    let mut relaxed = vec![0u32; n];
    while let Some(u) = queue.pop_front() {
        in_queue[u as usize] = false;
        relaxed[u as usize] += 1;
        if relaxed[u as usize] as usize > n {
            debug_assert!(false, "negative cycle in the residual graph");
            break;
        }
        for &e in &g.adj[u as usize] {
            let edge = &g.edges[e as usize];
            if edge.cap <= 0 {
                continue;
            }
            let nd = d[u as usize] + g.cost(edge);
            if nd < d[edge.to as usize] {
                d[edge.to as usize] = nd;
                if !in_queue[edge.to as usize] {
                    in_queue[edge.to as usize] = true;
                    queue.push_back(edge.to);
                }
            }
        }
    }
    d
}

struct Search {
    dist: Vec<i128>,
    prev: Vec<u32>,
    /// Round in which a node was last reached / settled / found dead / had its
    /// current arc reset.
    reached: Vec<u32>,
    settled: Vec<u32>,
    dead: Vec<u32>,
    arc_round: Vec<u32>,
    arc: Vec<u32>,
    on_path: Vec<u32>,
    round: u32,
    walk: u32,
    /// The virtual source's potential. Sources start a search with the label
    /// π_S − π(q) (possibly negative for a component not searched before, which
    /// Dijkstra allows on edges out of the source); the update keeps every such
    /// label non-negative afterwards.
    pot_source: i128,
}

impl Search {
    fn new(n: usize) -> Search {
        Search {
            dist: vec![0; n],
            prev: vec![u32::MAX; n],
            reached: vec![0; n],
            settled: vec![0; n],
            dead: vec![0; n],
            arc_round: vec![0; n],
            arc: vec![0; n],
            on_path: vec![0; n],
            round: 0,
            walk: 0,
            pot_source: 0,
        }
    }

    /// Successive shortest paths, primal–dual style: each round one Dijkstra sets
    /// the potentials, then every unit path of zero reduced cost (all shortest) is
    /// pushed before the next Dijkstra. Ends when no augmenting path remains.
    fn run(&mut self, g: &mut Graph, pot: &mut [i128], sources: &mut [(u32, i64)], sink: u32, phase2: bool) {
        while self.dijkstra(g, pot, sources, sink, phase2) {
            while self.push_zero_path(g, pot, sources, sink, phase2) {}
        }
    }

    fn usable(edge: &Edge, phase2: bool) -> bool {
        edge.cap > 0 && (phase2 || !edge.out_of_area)
    }

    /// Dijkstra on reduced costs from the sources with supply left, stopping at
    /// the sink. Potentials change only for settled nodes (π += dist − dist(sink));
    /// the rest keep theirs, which stays feasible. False if the sink is unreachable.
    fn dijkstra(&mut self, g: &Graph, pot: &mut [i128], sources: &[(u32, i64)], sink: u32, phase2: bool) -> bool {
        self.round += 1;
        let round = self.round;
        let mut heap: BinaryHeap<Reverse<(i128, u32)>> = BinaryHeap::new();
        for &(node, supply) in sources {
            if supply > 0 {
                let d0 = self.pot_source - pot[node as usize];
                self.reach(node, d0, u32::MAX);
                heap.push(Reverse((d0, node)));
            }
        }
        let mut order: Vec<u32> = Vec::new();
        let mut to_sink = None;
        while let Some(Reverse((d, u))) = heap.pop() {
            if self.settled[u as usize] == round || d > self.dist[u as usize] {
                continue;
            }
            self.settled[u as usize] = round;
            order.push(u);
            if u == sink {
                to_sink = Some(d);
                break;
            }
            for &e in &g.adj[u as usize] {
                let edge = &g.edges[e as usize];
                let v = edge.to;
                if !Self::usable(edge, phase2) || self.settled[v as usize] == round {
                    continue;
                }
                let rc = g.cost(edge) + pot[u as usize] - pot[v as usize];
                debug_assert!(rc >= 0, "negative reduced cost {rc}");
                let nd = d + rc;
                if self.reached[v as usize] != round || nd < self.dist[v as usize] {
                    self.reach(v, nd, e);
                    heap.push(Reverse((nd, v)));
                }
            }
        }
        let Some(dt) = to_sink else { return false };
        for &v in &order {
            pot[v as usize] += self.dist[v as usize] - dt;
        }
        // The source is settled at distance 0.
        self.pot_source -= dt;
        true
    }

    /// Finds one source→sink path of zero reduced cost by depth-first search with
    /// current-arc pointers and dead-end marking, and pushes one unit along it
    /// (load edges are convex, so a path carries one unit at a time).
    fn push_zero_path(
        &mut self,
        g: &mut Graph,
        pot: &[i128],
        sources: &mut [(u32, i64)],
        sink: u32,
        phase2: bool,
    ) -> bool {
        let round = self.round;
        // Indexing, not iterating: the push below updates `sources[si]`.
        #[allow(clippy::needless_range_loop)]
        for si in 0..sources.len() {
            let (q, supply) = sources[si];
            if supply <= 0 || self.pot_source != pot[q as usize] || self.dead[q as usize] == round {
                continue;
            }
            self.walk += 1;
            let walk = self.walk;
            let mut stack: Vec<u32> = vec![q];
            let mut path: Vec<u32> = Vec::new();
            self.on_path[q as usize] = walk;
            while let Some(&u) = stack.last() {
                if u == sink {
                    for &e in &path {
                        let edge = g.edges[e as usize];
                        g.edges[e as usize].cap -= 1;
                        g.edges[edge.rev as usize].cap += 1;
                        match edge.kind {
                            Kind::Load(a) => g.loads[a as usize] += 1,
                            Kind::Unload(a) => g.loads[a as usize] -= 1,
                            Kind::Plain => {}
                        }
                    }
                    sources[si].1 -= 1;
                    return true;
                }
                let ui = u as usize;
                if self.arc_round[ui] != round {
                    self.arc_round[ui] = round;
                    self.arc[ui] = 0;
                }
                let mut next = None;
                while (self.arc[ui] as usize) < g.adj[ui].len() {
                    let e = g.adj[ui][self.arc[ui] as usize];
                    let edge = &g.edges[e as usize];
                    let v = edge.to as usize;
                    if Self::usable(edge, phase2)
                        && self.dead[v] != round
                        && self.on_path[v] != walk
                        && g.cost(edge) + pot[ui] - pot[v] == 0
                    {
                        next = Some(e);
                        break;
                    }
                    self.arc[ui] += 1;
                }
                match next {
                    Some(e) => {
                        let v = g.edges[e as usize].to;
                        self.on_path[v as usize] = walk;
                        stack.push(v);
                        path.push(e);
                    }
                    None => {
                        self.dead[ui] = round;
                        stack.pop();
                        path.pop();
                        if let Some(&parent) = stack.last() {
                            // The arc into the dead node is used up.
                            self.arc[parent as usize] += 1;
                        }
                    }
                }
            }
        }
        false
    }

    fn reach(&mut self, v: u32, d: i128, via: u32) {
        self.reached[v as usize] = self.round;
        self.dist[v as usize] = d;
        self.prev[v as usize] = via;
    }
}
