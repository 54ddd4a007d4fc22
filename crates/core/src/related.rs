//! "More about …": the facts a card offers beside itself, ranked as a reader would want them ("more like this"):
//! facts about the entity itself before those about what lies within it, then those that share the card's
//! entities, topics and source, then the nearest in time. Cards rendered at build time and by the wasm use the same
//! ranking, so they list the same facts.

use crate::model::{DataSet, Fact};

/// How many of an entity's facts are looked at for one card, and how many of them weighed: all of them in any news
/// set; a bound on the work for an entity with tens of thousands (facts about the entity itself are weighed first,
/// as they rank first).
const SCAN: usize = 2000;
const CANDIDATES: usize = 400;

/// Up to `n` facts about entity `e` other than `f`, best first (indexes into `ds.facts`).
pub fn related(ds: &DataSet, f: &Fact, e: usize, n: usize) -> Vec<usize> {
    let (mut direct, mut within) = (Vec::new(), Vec::new());
    for (i, g) in ds.facts_about(e).filter(|&(_, g)| !core::ptr::eq(g, f)).take(SCAN) {
        let list = if g.entities.contains(&(e as u32)) { &mut direct } else { &mut within };
        if list.len() < CANDIDATES {
            list.push(i);
        }
    }
    // The best `n` so far, highest score first; ties in id order (facts are sorted by id).
    let mut best: Vec<(i64, usize)> = Vec::with_capacity(n + 1);
    for i in direct.into_iter().chain(within).take(CANDIDATES) {
        let s = score(f, &ds.facts[i], e as u32);
        let at = best.partition_point(|&(bs, bi)| bs > s || (bs == s && bi < i));
        if at < n {
            best.insert(at, (s, i));
            best.truncate(n);
        }
    }
    best.into_iter().map(|(_, i)| i).collect()
}

/// How like `f` fact `g` is, in thousandths: about the entity itself (3), the share of the card's entities and of
/// its topics that `g` is about too (2 each), the same source (1), and nearness in time (1 for the same day, a half
/// a month apart, less the further apart).
fn score(f: &Fact, g: &Fact, e: u32) -> i64 {
    let direct = i64::from(g.entities.contains(&e)) * 3000;
    let entities = shared(&f.entities, &g.entities) * 2;
    let topics = shared(&f.topics, &g.topics) * 2;
    let source = i64::from(f.source == g.source) * 1000;
    let days = day(&f.date).abs_diff(day(&g.date));
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
