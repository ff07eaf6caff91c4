//! Case-insensitive lookups of resources by a key read off each resource (its id,
//! its provider path, its type and name). The tables hold positions only: a
//! tenant's million ids are not copied, lower-cased, a second and third time.

use super::model::Resource;
use hashbrown::HashTable;
use rayon::prelude::*;
use std::hash::Hasher;

/// A key: one or two strings, compared ASCII-case-insensitively, as ARM compares
/// ids, types and names.
#[derive(Debug, Clone, Copy)]
pub(super) struct Key<'a>(pub &'a str, pub &'a str);

impl Key<'_> {
    fn hash(&self) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        for part in [self.0, self.1] {
            // Lower-cased a chunk at a time on the stack: no allocation per key.
            let mut buf = [0u8; 64];
            for chunk in part.as_bytes().chunks(buf.len()) {
                let b = &mut buf[..chunk.len()];
                b.copy_from_slice(chunk);
                b.make_ascii_lowercase();
                h.write(b);
            }
            h.write_u8(0xff);
        }
        h.finish()
    }

    fn matches(&self, other: &Key) -> bool {
        self.0.eq_ignore_ascii_case(other.0) && self.1.eq_ignore_ascii_case(other.1)
    }
}

/// How a lookup reads its key off a resource (`None`: the resource has none).
pub(super) type KeyOf = for<'a> fn(&'a Resource) -> Option<Key<'a>>;

/// The positions that share a key, in position order; most keys name one.
#[derive(Debug)]
enum Positions {
    One(usize),
    Many(Vec<usize>),
}

impl Positions {
    fn as_slice(&self) -> &[usize] {
        match self {
            Positions::One(i) => std::slice::from_ref(i),
            Positions::Many(v) => v,
        }
    }

    fn push(&mut self, i: usize) {
        match self {
            Positions::One(first) => *self = Positions::Many(vec![*first, i]),
            Positions::Many(v) => v.push(i),
        }
    }
}

#[derive(Debug)]
pub(super) struct Lookup {
    key_of: KeyOf,
    table: HashTable<(u64, Positions)>,
}

impl Default for Lookup {
    fn default() -> Lookup {
        Lookup {
            key_of: |_| None,
            table: HashTable::new(),
        }
    }
}

impl Lookup {
    /// Indexes the resources at `positions` (ascending) by `key_of`.
    pub fn build(resources: &[Resource], key_of: KeyOf, positions: &[usize]) -> Lookup {
        // Hashing is the costly part: done in parallel, then inserted in order.
        let hashed: Vec<(usize, u64)> = positions
            .par_iter()
            .filter_map(|&i| key_of(&resources[i]).map(|k| (i, k.hash())))
            .collect();
        let mut table: HashTable<(u64, Positions)> = HashTable::with_capacity(hashed.len());
        for (i, h) in hashed {
            let Some(key) = key_of(&resources[i]) else {
                continue;
            };
            let same = |(eh, p): &(u64, Positions)| {
                *eh == h && key_of(&resources[p.as_slice()[0]]).is_some_and(|k| k.matches(&key))
            };
            match table.find_mut(h, same) {
                Some((_, p)) => p.push(i),
                None => {
                    table.insert_unique(h, (h, Positions::One(i)), |(eh, _)| *eh);
                }
            }
        }
        Lookup { key_of, table }
    }

    /// The positions whose key is `key`, in position order.
    pub fn get<'g>(&'g self, resources: &[Resource], key: Key) -> &'g [usize] {
        let h = key.hash();
        let key_of = self.key_of;
        self.table
            .find(h, |(eh, p)| {
                *eh == h && key_of(&resources[p.as_slice()[0]]).is_some_and(|k| k.matches(&key))
            })
            .map_or(&[], |(_, p)| p.as_slice())
    }

    /// Every group of two or more positions that share a key.
    pub fn shared(&self) -> impl Iterator<Item = &[usize]> {
        self.table
            .iter()
            .map(|(_, p)| p.as_slice())
            .filter(|p| p.len() > 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::testutil::resource;

    fn res(id: &str, ty: &str) -> Resource {
        resource(id, ty, serde_json::json!({}))
    }

    #[test]
    fn keys_match_whatever_their_case_and_group_positions_in_order() {
        let resources = vec![
            res("/Subscriptions/S/rg/A", "T/a"),
            res("/subscriptions/s/RG/a", "T/a"),
            res("/subscriptions/s/rg/b", "T/b"),
        ];
        let by_id = Lookup::build(&resources, |r| Some(Key("", &r.id)), &[0, 1, 2]);
        assert_eq!(
            by_id.get(&resources, Key("", "/SUBSCRIPTIONS/S/RG/A")),
            &[0, 1]
        );
        assert_eq!(
            by_id.get(&resources, Key("", "/subscriptions/s/rg/b")),
            &[2]
        );
        assert!(by_id
            .get(&resources, Key("", "/subscriptions/s/rg/c"))
            .is_empty());
        assert_eq!(by_id.shared().collect::<Vec<_>>(), vec![&[0, 1][..]]);
        // The parts of a key are kept apart: ("ab", "c") is not ("a", "bc").
        let by_pair = Lookup::build(&resources, |r| Some(Key(&r.r#type, &r.id)), &[2]);
        assert!(by_pair
            .get(&resources, Key("T/b/subscriptions/s/rg", "/b"))
            .is_empty());
        // Keys longer than the hashing buffer.
        let long = "x".repeat(200);
        let resources = vec![res(&long.to_uppercase(), "T/l")];
        let by_id = Lookup::build(&resources, |r| Some(Key("", &r.id)), &[0]);
        assert_eq!(by_id.get(&resources, Key("", &long)), &[0]);
    }
}
