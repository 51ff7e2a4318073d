//! "Every auditor but these few" as a handful of edges: auditors are the leaves
//! of a segment tree ordered by area, and a file's group is joined to the tree
//! nodes that exactly cover the auditors it may have.

use super::flow::{EdgeKind, Graph, INF};
use std::collections::BTreeMap;

pub(super) fn build_seg(
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
        g.add_edge(node, seg_node[l], INF, 0, false, EdgeKind::Plain);
        g.add_edge(node, seg_node[r], INF, 0, false, EdgeKind::Plain);
    }
    id
}

/// Adds edges from `from` to the tree nodes that exactly cover positions [lo, hi).
#[allow(clippy::too_many_arguments)]
pub(super) fn cover(
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
            g.add_edge(from, seg_node[i], INF, cost, ooa, EdgeKind::Plain);
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
pub(super) fn subtree_size(len: usize) -> usize {
    2 * len - 1
}

/// Pushes `f` units arriving at `node` down tree edges with flow, left first.
pub(super) fn push_down(
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
