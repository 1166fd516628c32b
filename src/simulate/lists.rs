//! The waiting lists of a simulation, kept in order while the year runs, so
//! that a dwelling's first candidate is found without ranking anyone again.
//!
//! One [`OrderedList`] per pillar list: pijler 1 per gemeente, pijler 2 per
//! gemeente, pijler 3 per (target group, gemeente). Inside a list the
//! candidates are grouped by lokale-binding tier (pijler 2 has one group),
//! then by household size (volwassenen + kinderen, for rationele
//! bezetting), each group an ordered set of static keys: the position in
//! the chronological order (registration date, then dossier) for pijler 1
//! and 3, the position in the pillar-2 ranking for pijler 2. A dwelling
//! reads the lowest tier first and, inside it, merges the sets of the
//! household sizes that fit, lowest key first: exactly the engine's order
//! restricted to who fits. Housed candidates are removed at once; a tier
//! that changes during the year (a woonbinding reached or lost) moves the
//! candidate between groups on that day.

use std::collections::{btree_set, BTreeMap, BTreeSet};
use std::iter::Peekable;

/// One pillar list: tier → household size → keys in order.
#[derive(Debug, Default, Clone)]
pub struct OrderedList {
    tiers: Vec<BTreeMap<u32, BTreeSet<u32>>>,
    len: usize,
}

impl OrderedList {
    /// A list from `(tier, persons, key)` entries at once, each group
    /// built in one go (much faster than inserting one by one). Entries
    /// given in key order need no sorting.
    pub fn from_entries(entries: Vec<(u8, u32, u32)>) -> OrderedList {
        let mut groups: BTreeMap<(u8, u32), Vec<u32>> = BTreeMap::new();
        for (t, persons, key) in entries {
            groups.entry((t, persons)).or_default().push(key);
        }
        let mut list = OrderedList::default();
        for ((t, persons), keys) in groups {
            let t = t as usize;
            if list.tiers.len() <= t {
                list.tiers.resize_with(t + 1, BTreeMap::new);
            }
            let set: BTreeSet<u32> = keys.into_iter().collect();
            list.len += set.len();
            list.tiers[t].insert(persons, set);
        }
        list
    }

    pub fn insert(&mut self, tier: u8, persons: u32, key: u32) {
        let t = tier as usize;
        if self.tiers.len() <= t {
            self.tiers.resize_with(t + 1, BTreeMap::new);
        }
        if self.tiers[t].entry(persons).or_default().insert(key) {
            self.len += 1;
        }
    }

    pub fn remove(&mut self, tier: u8, persons: u32, key: u32) {
        if let Some(sizes) = self.tiers.get_mut(tier as usize) {
            if let Some(set) = sizes.get_mut(&persons) {
                if set.remove(&key) {
                    self.len -= 1;
                }
                if set.is_empty() {
                    sizes.remove(&persons);
                }
            }
        }
    }

    pub fn clear(&mut self) {
        self.tiers.clear();
        self.len = 0;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The keys of households of `lo ..= hi` persons, in list order: the
    /// lowest tier first, then the lowest key.
    pub fn iter(&self, lo: u32, hi: u32) -> Fitting<'_> {
        Fitting {
            list: self,
            lo,
            hi,
            tier: 0,
            heads: Vec::new(),
        }
    }
}

/// The iterator of [`OrderedList::iter`]: a merge of the size groups of one
/// tier at a time.
pub struct Fitting<'a> {
    list: &'a OrderedList,
    lo: u32,
    hi: u32,
    /// The next tier to open.
    tier: usize,
    heads: Vec<Peekable<btree_set::Iter<'a, u32>>>,
}

impl Iterator for Fitting<'_> {
    /// (tier, key)
    type Item = (u8, u32);

    fn next(&mut self) -> Option<(u8, u32)> {
        loop {
            let mut best: Option<(usize, u32)> = None;
            for (i, h) in self.heads.iter_mut().enumerate() {
                if let Some(&&k) = h.peek() {
                    if best.is_none_or(|(_, b)| k < b) {
                        best = Some((i, k));
                    }
                }
            }
            if let Some((i, k)) = best {
                self.heads[i].next();
                return Some(((self.tier - 1) as u8, k));
            }
            // this tier is exhausted: open the next one
            let sizes = self.list.tiers.get(self.tier)?;
            self.tier += 1;
            self.heads.clear();
            if self.lo <= self.hi {
                self.heads.extend(
                    sizes
                        .range(self.lo..=self.hi)
                        .map(|(_, s)| s.iter().peekable()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_first_then_keys_across_sizes() {
        let mut l = OrderedList::default();
        l.insert(1, 2, 1);
        l.insert(0, 3, 9);
        l.insert(0, 2, 4);
        l.insert(0, 5, 2);
        l.insert(2, 2, 0);
        let all: Vec<(u8, u32)> = l.iter(1, 4).collect();
        assert_eq!(all, vec![(0, 4), (0, 9), (1, 1), (2, 0)]);
        let bulk =
            OrderedList::from_entries(vec![(1, 2, 1), (0, 3, 9), (0, 2, 4), (0, 5, 2), (2, 2, 0)]);
        assert_eq!(bulk.iter(1, 4).collect::<Vec<_>>(), all);
        assert_eq!(bulk.len(), 5);
        l.remove(0, 2, 4);
        assert_eq!(l.iter(2, 2).next(), Some((1, 1)));
        assert_eq!(l.len(), 4);
        assert_eq!(l.iter(6, 9).next(), None);
    }
}
