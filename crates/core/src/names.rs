//! Names of the set's entities as they stand in running text: which names and aliases are worth linking (for
//! `autolink` in the browser, from `mentions.json`, and for `factcard inline`).
//!
//! ```
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! let all = factcard_core::names::mentions(&ds);
//! assert!(all.iter().any(|&(n, id)| n == "Liangjiang New Area" && id == "liangjiang"));
//! assert!(all.windows(2).all(|w| w[0].0.len() >= w[1].0.len()), "longest first");
//! ```

use crate::model::DataSet;

/// Entity names and aliases worth linking in running text, longest first: `(text, id)` (for `autolink`, in the
/// browser from `mentions.json`, and in `factcard inline`).
pub fn mentions(ds: &DataSet) -> Vec<(&str, &str)> {
    let mut all: Vec<(&str, &str)> = Vec::new();
    for (i, e) in ds.entities.iter().enumerate() {
        if ds.facts_about(i).next().is_none() {
            continue;
        }
        for n in e.name.given().map(|(_, n)| n).chain(e.aliases.iter().map(String::as_str)) {
            let chars = n.chars().count();
            if chars >= 3 || (chars >= 2 && !n.is_ascii()) {
                all.push((n, &e.id));
            }
        }
    }
    crate::sort::sort_by(&mut all, |a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    all.dedup_by(|a, b| a.0 == b.0);
    all
}

/// What a search filter may name: an entity, a topic or a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Entity,
    Topic,
    Source,
}

impl Named {
    /// The three kinds, in the order a query lists them.
    pub const ALL: [Named; 3] = [Named::Entity, Named::Topic, Named::Source];

    /// Its key in a query's text form ([`crate::query`]) and in error messages.
    pub fn word(self) -> &'static str {
        match self {
            Named::Entity => "entity",
            Named::Topic => "topic",
            Named::Source => "source",
        }
    }

    /// Its code in the sharded index's filter terms ([`crate::shards::filter_term`]).
    pub fn code(self) -> &'static str {
        match self {
            Named::Entity => "e",
            Named::Topic => "t",
            Named::Source => "s",
        }
    }

    /// How many the set holds.
    pub fn count(self, ds: &DataSet) -> usize {
        match self {
            Named::Entity => ds.entities.len(),
            Named::Topic => ds.topics.len(),
            Named::Source => ds.sources.len(),
        }
    }

    /// The id of the `i`th.
    pub fn id(self, ds: &DataSet, i: usize) -> &str {
        match self {
            Named::Entity => &ds.entities[i].id,
            Named::Topic => &ds.topics[i].id,
            Named::Source => &ds.sources[i].id,
        }
    }

    /// Whether `f` holds for one of the names of the `i`th: its names in every language (an entity's, a topic's;
    /// a source's titles), or with `aliases`, an entity's aliases (which give way to any name).
    fn any_name(self, ds: &DataSet, i: usize, aliases: bool, f: &mut dyn FnMut(&str) -> bool) -> bool {
        let names = match self {
            Named::Entity if aliases => return ds.entities[i].aliases.iter().any(|a| f(a)),
            _ if aliases => return false,
            Named::Entity => &ds.entities[i].name,
            Named::Topic => &ds.topics[i].name,
            Named::Source => &ds.sources[i].title,
        };
        names.given().any(|(_, n)| f(n))
    }
}

/// The entity, topic or source a reader's `value` stands for, by the one rule every path follows (a search in the
/// core or over the sharded index, `<fact-ref entity>`, `factcard inline`): its id as given; else its id, a name in
/// any language, or then an alias, compared as search compares words ([`crate::text::key`]: case, accents and
/// punctuation folded: "liangjiang new area", "Liangjiang New-Area" and "LIANGJIANG NEW AREA" are one). The first
/// in the set's order wins a tie.
///
/// ```
/// use factcard_core::names::{find, Named};
/// let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
/// let lj = find(&ds, Named::Entity, "liangjiang");
/// assert!(lj.is_some());
/// assert_eq!(find(&ds, Named::Entity, " LIANGJIANG new-area "), lj);
/// assert_eq!(find(&ds, Named::Entity, "Atlantis"), None);
/// ```
pub fn find(ds: &DataSet, kind: Named, value: &str) -> Option<usize> {
    let value = trim(value);
    let k = fold(value);
    // By tier: the id as given, the id folded, a name, an alias.
    for tier in 0..4 {
        for i in 0..kind.count(ds) {
            let hit = match tier {
                0 => kind.id(ds, i) == value,
                1 => kind.id(ds, i) == k,
                _ => !k.is_empty() && kind.any_name(ds, i, tier == 3, &mut |x| fold(x) == k),
            };
            if hit {
                return Some(i);
            }
        }
    }
    None
}

/// A name as [`find`] compares it: folded as search folds words ([`crate::text::key`]), without a space at its end.
pub fn fold(name: &str) -> String {
    let mut k = crate::text::key(name);
    if k.as_bytes().last() == Some(&b' ') {
        k.truncate(k.len() - 1);
    }
    k
}

/// `s` without white space (ASCII's) around it: a value as [`find`] reads it.
pub fn trim(s: &str) -> &str {
    s.trim_ascii()
}

/// The folded names ([`fold`]) by which [`find`] finds something of this kind and that are no id, each once, with
/// what it finds: the sharded index lists them as filter terms beside the ids, so that a filter by name costs a
/// search box no request of its own.
pub fn folded(ds: &DataSet, kind: Named) -> Vec<(String, usize)> {
    // (name, 0 for a name or 1 for an alias, index): the first of each name is what `find` finds.
    let mut all: Vec<(String, u8, usize)> = Vec::new();
    for i in 0..kind.count(ds) {
        for tier in [0, 1] {
            kind.any_name(ds, i, tier == 1, &mut |n| {
                all.push((fold(n), tier, i));
                false
            });
        }
    }
    crate::sort::sort_by(&mut all, |a, b| a.cmp(b));
    all.dedup_by(|a, b| a.0 == b.0);
    let mut ids: Vec<&str> = (0..kind.count(ds)).map(|i| kind.id(ds, i)).collect();
    crate::sort::sort_by(&mut ids, |a, b| a.cmp(b));
    all.into_iter()
        .filter(|(k, _, _)| !k.is_empty() && ids.binary_search(&k.as_str()).is_err())
        .map(|(k, _, i)| (k, i))
        .collect()
}
