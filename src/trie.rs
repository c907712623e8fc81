//! The names of the index as a trie over token ids: a name is the path of
//! its tokens' ids from the root, and the node where it ends holds its
//! pattern.
//!
//! The first level is implicit: the node of a name's first token is the
//! token's id itself, so a one-token name is found by its id alone and the
//! walk of a longer one starts without a lookup. Deeper nodes are numbered
//! after the vocabulary, and the edges to them sit in one hash table keyed
//! by (parent node, token id). Each node is one `u32`: the pattern that ends there (or
//! none) and a bit saying whether any edge leaves it, so a walk stops as
//! soon as no name goes on. (An edge that repeated its child's word, so
//! that a step read the edge alone, saved 3% of the scan's cache misses
//! but cost 4 bytes an edge: some 60 MB of a ten-million-name build.)
//!
//! Matching on tokens needs no failure links: the scan starts a walk at
//! every token that can be part of a name and advances every walk still
//! alive by one edge per token, at most one walk per start within the
//! longest name. A byte-level automaton over encoded token ids (daachorse,
//! which this replaced) gave the same matches, but its builder held about
//! 100 bytes per byte of pattern while compiling: 5 GB of the 7.3 GB peak of
//! a ten-million-name build.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use crate::pages::Pages;
use rustc_hash::FxBuildHasher;

/// Set on a node when an edge leaves it.
const HAS_CHILDREN: u32 = 1 << 31;
/// A node's pattern bits when no name ends there.
const NO_PATTERN: u32 = !HAS_CHILDREN;
/// Patterns are numbered below this.
pub(crate) const MAX_PATTERN: u32 = NO_PATTERN;

/// One edge: from `parent` along token `token` to `child`.
#[derive(Clone, Copy, Debug)]
struct Edge {
    parent: u32,
    token: u32,
    child: u32,
}

/// The pattern of a node word, and whether an edge leaves the node.
#[inline]
pub(crate) fn decode(word: u32) -> (Option<u32>, bool) {
    let pattern = word & NO_PATTERN;
    ((pattern != NO_PATTERN).then_some(pattern), word & HAS_CHILDREN != 0)
}

fn hash(parent: u32, token: u32) -> u64 {
    FxBuildHasher.hash_one((u64::from(parent) << 32) | u64::from(token))
}

/// A trie of token-id sequences; see the module's docs.
#[derive(Default)]
pub(crate) struct TokenTrie {
    /// Per node: its pattern (`NO_PATTERN` when none) and `HAS_CHILDREN`.
    /// Nodes below `roots` are the first tokens of names.
    nodes: Pages<u32>,
    roots: u32,
    edges: HashTable<Edge>,
}

/// Why a saved trie was refused.
pub(crate) type Invalid = &'static str;

impl TokenTrie {
    /// An empty trie over a vocabulary of `tokens` ids.
    pub(crate) fn new(tokens: u32) -> TokenTrie {
        TokenTrie { nodes: Pages::filled(NO_PATTERN, tokens as usize), roots: tokens, edges: HashTable::new() }
    }

    /// The pattern of the token sequence `tokens` (ids below the
    /// vocabulary's size); when it has none, its path is added and it gets
    /// the pattern `new()` gives. `Err` for an empty sequence, a token
    /// outside the vocabulary, nodes past `u32` ids or a pattern past 31
    /// bits.
    pub(crate) fn get_or_insert(&mut self, tokens: &[u32], new: impl FnOnce() -> u32) -> Result<u32, ()> {
        let (&first, rest) = tokens.split_first().ok_or(())?;
        if first >= self.roots {
            return Err(());
        }
        let mut node = first;
        for &token in rest {
            let h = hash(node, token);
            let child = match self.edges.find(h, |e| e.parent == node && e.token == token) {
                Some(e) => e.child,
                None => {
                    let child = u32::try_from(self.nodes.len()).ok().filter(|&c| c < u32::MAX).ok_or(())?;
                    self.nodes.push(NO_PATTERN);
                    self.nodes[node as usize] |= HAS_CHILDREN;
                    let edge = Edge { parent: node, token, child };
                    self.edges.insert_unique(h, edge, |e| hash(e.parent, e.token));
                    child
                }
            };
            node = child;
        }
        let word = self.nodes[node as usize];
        if word & NO_PATTERN != NO_PATTERN {
            return Ok(word & NO_PATTERN);
        }
        let pattern = new();
        if pattern >= NO_PATTERN {
            return Err(());
        }
        self.nodes[node as usize] = (word & HAS_CHILDREN) | pattern;
        Ok(pattern)
    }

    /// Gives every pattern the number `rename` makes of it (below
    /// [`MAX_PATTERN`]: a larger one is taken as none).
    pub(crate) fn rename_patterns(&mut self, rename: impl Fn(u32) -> u32) {
        for word in self.nodes.iter_mut() {
            if let (Some(p), more) = decode(*word) {
                *word = rename(p).min(NO_PATTERN) | if more { HAS_CHILDREN } else { 0 };
            }
        }
    }

    /// Releases spare capacity once every name is in.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.nodes.shrink_to_fit();
        self.edges.shrink_to_fit(|e| hash(e.parent, e.token));
    }

    /// The node reached from `node` along `token`.
    #[inline]
    pub(crate) fn child(&self, node: u32, token: u32) -> Option<u32> {
        self.edges.find(hash(node, token), |e| e.parent == node && e.token == token).map(|e| e.child)
    }

    /// The node reached from `node` along `token`, and what [`TokenTrie::at`]
    /// says of it.
    #[inline]
    pub(crate) fn step(&self, node: u32, token: u32) -> Option<(u32, (Option<u32>, bool))> {
        self.child(node, token).map(|child| (child, self.at(child)))
    }

    /// The pattern ending at `node`, and whether any name goes on from it
    /// (`(None, false)` for a node out of range).
    #[inline]
    pub(crate) fn at(&self, node: u32) -> (Option<u32>, bool) {
        decode(self.word(node))
    }

    /// The word of `node`, which [`decode`] reads (that of no pattern and
    /// no edge for a node out of range): a caller may keep it instead of
    /// reading the node again.
    #[inline]
    pub(crate) fn word(&self, node: u32) -> u32 {
        self.nodes.get(node as usize).copied().unwrap_or(NO_PATTERN)
    }

    /// Heap bytes: a word per node, and an edge and a control byte per
    /// bucket of the table.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.nodes.heap_bytes() + self.edges.capacity() * (std::mem::size_of::<Edge>() + 1)
    }

    /// The node words, the number of first-token nodes and every edge as
    /// (parent, token, child), as a saved extractor holds them.
    pub(crate) fn parts(&self) -> (&[u32], u32, Vec<[u32; 3]>) {
        let mut edges: Vec<[u32; 3]> = self.edges.iter().map(|e| [e.parent, e.token, e.child]).collect();
        // In child order, so that a file does not depend on the table's layout.
        edges.sort_unstable_by_key(|e| e[2]);
        (&self.nodes, self.roots, edges)
    }

    /// The trie of [`TokenTrie::parts`], checked: `roots` must be the
    /// vocabulary's size, every pattern below `patterns` and accepted by
    /// `fits` at the length of its node's path, and the edges must form a
    /// tree over the nodes (every deeper node the child of exactly one
    /// edge, from a smaller node that is marked as having children, along a
    /// token of the vocabulary), so that no walk can loop.
    pub(crate) fn from_parts(
        nodes: Vec<u32>,
        roots: u32,
        edges: &[[u32; 3]],
        patterns: usize,
        fits: impl Fn(u32, usize) -> bool,
    ) -> Result<TokenTrie, Invalid> {
        let n = nodes.len();
        if (roots as usize) > n || n >= u32::MAX as usize || edges.len() != n - roots as usize {
            return Err("trie size");
        }
        // depth[i] for deeper node roots + i; 0 until its edge is seen.
        let mut depth = vec![0u32; n - roots as usize];
        let mut sorted: Vec<[u32; 3]> = edges.to_vec();
        sorted.sort_unstable_by_key(|e| e[2]);
        let mut table = HashTable::with_capacity(edges.len());
        for &[parent, token, child] in &sorted {
            if child < roots || parent >= child || token >= roots || (child as usize) >= n {
                return Err("trie edge");
            }
            if nodes[parent as usize] & HAS_CHILDREN == 0 {
                return Err("trie edge");
            }
            let parent_depth = if parent < roots { 1 } else { depth[(parent - roots) as usize] };
            let d = &mut depth[(child - roots) as usize];
            // Sorted by child and one edge per deeper node: a second edge
            // to the same child finds its depth set. A parent's depth is
            // set already, since it is a smaller node.
            if *d != 0 || parent_depth == 0 {
                return Err("trie edge");
            }
            *d = parent_depth + 1;
            let h = hash(parent, token);
            if table.find(h, |e: &Edge| e.parent == parent && e.token == token).is_some() {
                return Err("trie edge");
            }
            table.insert_unique(h, Edge { parent, token, child }, |e| hash(e.parent, e.token));
        }
        for (i, &word) in nodes.iter().enumerate() {
            let pattern = word & NO_PATTERN;
            if pattern == NO_PATTERN {
                continue;
            }
            let d = if i < roots as usize { 1 } else { depth[i - roots as usize] };
            if pattern as usize >= patterns || !fits(pattern, d as usize) {
                return Err("trie pattern");
            }
        }
        Ok(TokenTrie { nodes: Pages::from_slice(&nodes), roots, edges: table })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (first, last, pattern) of `text` by walking the trie as the
    /// scan does.
    fn walk(trie: &TokenTrie, text: &[u32]) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        for first in 0..text.len() {
            let mut node = text[first];
            let mut last = first;
            loop {
                let (pattern, more) = trie.at(node);
                if let Some(p) = pattern {
                    out.push((first, last, p));
                }
                last += 1;
                match text.get(last).filter(|_| more).and_then(|&t| trie.child(node, t)) {
                    Some(c) => node = c,
                    None => break,
                }
            }
        }
        out
    }

    fn sample() -> TokenTrie {
        let mut t = TokenTrie::new(10);
        for (i, name) in [&[1u32][..], &[1, 2], &[1, 2, 3], &[2, 3], &[4, 5, 6], &[4, 7]].iter().enumerate() {
            assert_eq!(t.get_or_insert(name, || i as u32), Ok(i as u32));
        }
        t
    }

    /// A step reads its child's word: names added in an order that marks a
    /// node as having children, and gives a node its pattern, after the
    /// edge into it was made; after a save; after the patterns are renamed.
    #[test]
    fn steps_read_their_childs_word() {
        let mut t = TokenTrie::new(10);
        for (i, name) in [&[1u32, 2, 3, 4][..], &[1, 2], &[1, 2, 3, 4, 5], &[1, 2, 3], &[6, 2]].iter().enumerate() {
            assert_eq!(t.get_or_insert(name, || i as u32), Ok(i as u32));
        }
        let (nodes, roots, edges) = t.parts();
        let back = TokenTrie::from_parts(nodes.to_vec(), roots, &edges, 5, |_, _| true).expect("valid");
        for trie in [&t, &back] {
            for &[parent, token, child] in &edges {
                assert_eq!(trie.step(parent, token), Some((child, trie.at(child))), "{parent} -{token}-> {child}");
            }
            assert_eq!(trie.step(7, 2), None);
        }
        let one_two = t.child(1, 2).expect("an edge");
        assert_eq!(t.at(one_two), (Some(1), true));
        // Renamed patterns.
        t.rename_patterns(|p| 100 + p);
        for &[parent, token, child] in &edges {
            assert_eq!(t.step(parent, token), Some((child, t.at(child))), "{parent} -{token}-> {child}");
        }
        assert_eq!(t.at(one_two), (Some(101), true));
        assert_eq!(t.at(1), (None, true));
    }

    #[test]
    fn walks_find_every_name_and_only_names() {
        let t = sample();
        // Text 1 2 3 4 5 6 4 5 9: the names 1, 1 2, 1 2 3, 2 3, 4 5 6; not
        // the prefix 4 5 at the end.
        let found = walk(&t, &[1, 2, 3, 4, 5, 6, 4, 5, 9]);
        assert_eq!(found, [(0, 0, 0), (0, 1, 1), (0, 2, 2), (1, 2, 3), (3, 5, 4)]);
        assert_eq!(t.at(9), (None, false));
        assert_eq!(t.at(4), (None, true));
        assert_eq!(t.at(99), (None, false));
    }

    #[test]
    fn the_same_sequence_twice_has_one_path_and_one_pattern() {
        let mut t = sample();
        let before = t.nodes.len();
        assert_eq!(t.get_or_insert(&[4, 5, 6], || 7), Ok(4));
        assert_eq!(t.nodes.len(), before);
        // A prefix of a longer name gets its own pattern on the same path.
        assert_eq!(t.get_or_insert(&[4, 5], || 7), Ok(7));
        assert_eq!(t.nodes.len(), before);
        assert_eq!(walk(&t, &[4, 5, 6]), [(0, 1, 7), (0, 2, 4)]);
        assert!(t.get_or_insert(&[], || 1).is_err());
        assert!(t.get_or_insert(&[10], || 1).is_err(), "a first token outside the vocabulary");
        assert!(t.get_or_insert(&[9], || NO_PATTERN).is_err(), "a pattern past 31 bits");
    }

    #[test]
    fn parts_read_back_and_damaged_parts_are_refused() {
        let t = sample();
        let lens = [1usize, 2, 3, 2, 3, 2];
        // (The checks below change a node's pattern to one of another length.)
        let len = |p: u32, d: usize| lens[p as usize] == d;
        let (nodes, roots, edges) = t.parts();
        let back = TokenTrie::from_parts(nodes.to_vec(), roots, &edges, lens.len(), len).expect("valid");
        assert_eq!(walk(&back, &[1, 2, 3, 4, 7]), walk(&t, &[1, 2, 3, 4, 7]));

        let refused = |nodes: Vec<u32>, edges: Vec<[u32; 3]>| {
            TokenTrie::from_parts(nodes, roots, &edges, lens.len(), len).is_err()
        };
        let mut cycle = edges.clone();
        // An edge back to an earlier node would let a walk loop.
        cycle[0] = [cycle[1][2], 1, cycle[0][2]];
        assert!(refused(nodes.to_vec(), cycle));
        let mut twice = edges.clone();
        twice[1][2] = twice[0][2];
        assert!(refused(nodes.to_vec(), twice));
        let mut outside = edges.clone();
        outside[0][1] = 10;
        assert!(refused(nodes.to_vec(), outside));
        let mut wrong_len = nodes.to_vec();
        wrong_len[1] = (wrong_len[1] & HAS_CHILDREN) | 2;
        assert!(refused(wrong_len, edges.clone()));
        let mut no_pattern = nodes.to_vec();
        no_pattern[1] = (no_pattern[1] & HAS_CHILDREN) | 6;
        assert!(refused(no_pattern, edges.clone()));
        assert!(refused(nodes.to_vec(), edges[1..].to_vec()), "an orphan node");
        let mut unmarked = nodes.to_vec();
        unmarked[4] &= !HAS_CHILDREN;
        assert!(refused(unmarked, edges.clone()));
    }
}
