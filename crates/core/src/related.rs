//! "More about …": the facts a card offers beside itself, ranked as a reader would want them ("more like this"):
//! facts about the entity itself before those about what lies within it, then those that share the card's
//! entities, topics and source, then the nearest in time. Cards rendered at build time and by the wasm use the same
//! ranking, so they list the same facts.

use crate::model::{DataSet, Fact};

/// How many of an entity's facts are weighed for one card: all of them in any news set; a bound on the work for an
/// entity with tens of thousands (facts about the entity itself first, as they rank first; then those about what
/// lies within it, each in id order).
pub const CANDIDATES: usize = 400;

/// What the ranking weighs of every fact, side by side in memory (built by [`DataSet::link`]): a card weighs up to
/// [`CANDIDATES`] facts, and reading each from its own `Fact` (its entities, topics and date each elsewhere on the
/// heap) made ranking most of the time `factcard site` took.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Keys {
    /// Per fact: its [`day`], its source, and where its entities start in `tags` (its topics follow them, up to
    /// the next fact's start); `topics[i]` is where fact i's topics start.
    day: Vec<u32>,
    source: Vec<u32>,
    start: Vec<u32>,
    topics: Vec<u32>,
    tags: Vec<u32>,
}

impl Keys {
    pub fn of(facts: &[Fact]) -> Keys {
        let mut k = Keys::default();
        for f in facts {
            k.day.push(day(&f.date));
            k.source.push(f.source);
            k.start.push(k.tags.len() as u32);
            k.tags.extend(&f.entities);
            k.topics.push(k.tags.len() as u32);
            k.tags.extend(&f.topics);
        }
        k
    }

    fn entities(&self, i: usize) -> &[u32] {
        &self.tags[self.start[i] as usize..self.topics[i] as usize]
    }

    fn topics(&self, i: usize) -> &[u32] {
        let end = self.start.get(i + 1).map_or(self.tags.len(), |&s| s as usize);
        &self.tags[self.topics[i] as usize..end]
    }
}

/// Up to `n` facts about entity `e` other than `f`, best first (indexes into `ds.facts`).
pub fn related(ds: &DataSet, f: &Fact, e: usize, n: usize) -> Vec<usize> {
    let k = &ds.rank;
    let other = |&i: &u32| !core::ptr::eq(&ds.facts[i as usize], f);
    let mut candidates: Vec<u32> =
        ds.direct.get(e).into_iter().flatten().filter(|i| other(i)).take(CANDIDATES).copied().collect();
    // Facts about what lies within `e`: those of its list that are not about `e` itself.
    let within =
        ds.about.get(e).into_iter().flatten().filter(|&&i| other(&i) && !k.entities(i as usize).contains(&(e as u32)));
    let room = CANDIDATES - candidates.len();
    candidates.extend(within.take(room));
    let f_day = day(&f.date);
    // The best `n` so far, highest score first; ties in id order (facts are sorted by id).
    let mut best: Vec<(i64, usize)> = Vec::with_capacity(n + 1);
    for i in candidates.into_iter().map(|i| i as usize) {
        let s = score(f, f_day, k, i, e as u32);
        let at = best.partition_point(|&(bs, bi)| bs > s || (bs == s && bi < i));
        if at < n {
            best.insert(at, (s, i));
            best.truncate(n);
        }
    }
    best.into_iter().map(|(_, i)| i).collect()
}

/// How like `f` (its [`day`] `f_day`) fact `g` is, in thousandths: about the entity itself (3), the share of the
/// card's entities and of its topics that `g` is about too (2 each), the same source (1), and nearness in time (1
/// for the same day, a half a month apart, less the further apart).
fn score(f: &Fact, f_day: u32, k: &Keys, g: usize, e: u32) -> i64 {
    let direct = i64::from(k.entities(g).contains(&e)) * 3000;
    let entities = shared(&f.entities, k.entities(g)) * 2;
    let topics = shared(&f.topics, k.topics(g)) * 2;
    let source = i64::from(f.source == k.source[g]) * 1000;
    let days = f_day.abs_diff(k.day[g]);
    let time = 1000 * 30 / (30 + i64::from(days.min(1_000_000)));
    direct + entities + topics + source + time
}

/// The share of `a`'s items that `b` has too, in thousandths.
fn shared(a: &[u32], b: &[u32]) -> i64 {
    if a.is_empty() {
        return 0;
    }
    a.iter().filter(|x| b.contains(x)).count() as i64 * 1000 / a.len() as i64
}

/// The start of an ISO 8601 date or interval as a day count (months of 31 days; a part left out is its first).
fn day(date: &str) -> u32 {
    let num = |r: core::ops::Range<usize>| date.get(r).and_then(crate::number::read).map(|n| n as u32);
    let (y, m, d) = (num(0..4).unwrap_or(0), num(5..7).unwrap_or(1), num(8..10).unwrap_or(1));
    y * 372 + m * 31 + d
}
