//! A generic minimum-cost flow: a residual graph whose auditor→sink edges carry
//! a convex cost from the load so far, feasible potentials by Bellman–Ford, and
//! successive shortest paths (primal–dual: one Dijkstra a round, then every
//! zero-reduced-cost path). No maintained crate offers a min-cost flow with
//! convex edge costs that fits, so it is written here, and `tests/it/allocation.rs`
//! checks it against brute force. It knows nothing of audits.

use super::{BinaryHeap, Reverse};
use std::collections::BTreeMap;

pub(super) const INF: i64 = i64::MAX / 4;

#[derive(Debug, Clone, Copy)]
pub(super) enum EdgeKind {
    Plain,
    /// auditor → sink, marginal cost from the auditor's load.
    Load(u32),
    /// sink → auditor, the reverse of a load edge.
    Unload(u32),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Edge {
    pub(super) to: u32,
    pub(super) rev: u32,
    pub(super) cap: i64,
    pub(super) cost: i128,
    pub(super) out_of_area: bool,
    pub(super) kind: EdgeKind,
}

pub(super) struct Graph {
    pub(super) adj: Vec<Vec<u32>>,
    pub(super) edges: Vec<Edge>,
    pub(super) loads: Vec<i64>,
}

/// Groups source indices whose quota nodes share in-area reachability.
pub(super) fn components(g: &Graph, sources: &[(u32, i64)], n: usize) -> Vec<Vec<usize>> {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    pub(super) fn find(p: &mut [u32], mut x: u32) -> u32 {
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
pub(super) fn bellman_ford_potentials(g: &Graph) -> Vec<i128> {
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

pub(super) struct Search {
    pub(super) dist: Vec<i128>,
    pub(super) prev: Vec<u32>,
    /// Round in which a node was last reached / settled / found dead / had its
    /// current arc reset.
    pub(super) reached: Vec<u32>,
    pub(super) settled: Vec<u32>,
    pub(super) dead: Vec<u32>,
    pub(super) arc_round: Vec<u32>,
    pub(super) arc: Vec<u32>,
    pub(super) on_path: Vec<u32>,
    pub(super) round: u32,
    pub(super) walk: u32,
    /// The virtual source's potential. Sources start a search with the label
    /// π_S − π(q) (possibly negative for a component not searched before, which
    /// Dijkstra allows on edges out of the source); the update keeps every such
    /// label non-negative afterwards.
    pub(super) pot_source: i128,
}

impl Graph {
    pub(super) fn add_node(&mut self) -> u32 {
        self.adj.push(Vec::new());
        (self.adj.len() - 1) as u32
    }

    pub(super) fn add_edge(
        &mut self,
        from: u32,
        to: u32,
        cap: i64,
        cost: i128,
        out_of_area: bool,
        kind: EdgeKind,
    ) -> u32 {
        let e = self.edges.len() as u32;
        let (fk, rk) = match kind {
            EdgeKind::Load(a) => (EdgeKind::Load(a), EdgeKind::Unload(a)),
            _ => (EdgeKind::Plain, EdgeKind::Plain),
        };
        self.edges.push(Edge { to, rev: e + 1, cap, cost, out_of_area, kind: fk });
        self.edges.push(Edge { to: from, rev: e, cap: 0, cost: -cost, out_of_area, kind: rk });
        self.adj[from as usize].push(e);
        self.adj[to as usize].push(e + 1);
        e
    }

    pub(super) fn cost(&self, e: &Edge) -> i128 {
        match e.kind {
            EdgeKind::Plain => e.cost,
            EdgeKind::Load(a) => 2 * i128::from(self.loads[a as usize]) + 1,
            EdgeKind::Unload(a) => -(2 * i128::from(self.loads[a as usize]) - 1),
        }
    }
}

impl Search {
    pub(super) fn new(n: usize) -> Search {
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
    pub(super) fn run(&mut self, g: &mut Graph, pot: &mut [i128], sources: &mut [(u32, i64)], sink: u32, phase2: bool) {
        while self.dijkstra(g, pot, sources, sink, phase2) {
            while self.push_zero_path(g, pot, sources, sink, phase2) {}
        }
    }

    pub(super) fn usable(edge: &Edge, phase2: bool) -> bool {
        edge.cap > 0 && (phase2 || !edge.out_of_area)
    }

    /// Dijkstra on reduced costs from the sources with supply left, stopping at
    /// the sink. Potentials change only for settled nodes (π += dist − dist(sink));
    /// the rest keep theirs, which stays feasible. False if the sink is unreachable.
    pub(super) fn dijkstra(
        &mut self,
        g: &Graph,
        pot: &mut [i128],
        sources: &[(u32, i64)],
        sink: u32,
        phase2: bool,
    ) -> bool {
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
    pub(super) fn push_zero_path(
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
                            EdgeKind::Load(a) => g.loads[a as usize] += 1,
                            EdgeKind::Unload(a) => g.loads[a as usize] -= 1,
                            EdgeKind::Plain => {}
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

    pub(super) fn reach(&mut self, v: u32, d: i128, via: u32) {
        self.reached[v as usize] = self.round;
        self.dist[v as usize] = d;
        self.prev[v as usize] = via;
    }
}
