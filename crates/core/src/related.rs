//! "More about …": the facts a card offers beside itself, ranked as a reader would want them ("more like this"):
//! facts about the entity itself before those about what lies within it, then those that share the card's
//! entities, topics and source, then the nearest in time. Cards rendered at build time and by the wasm use the same
//! ranking, so they list the same facts.

use crate::model::{DataSet, Fact};

/// Up to `n` facts about entity `e` other than `f`, best first (indexes into `ds.facts`).
pub fn related(ds: &DataSet, f: &Fact, e: usize, n: usize) -> Vec<usize> {
    let mut scored: Vec<(i64, usize)> =
        ds.facts_about(e).filter(|(_, g)| g.id != f.id).map(|(i, g)| (score(f, g, e as u32), i)).collect();
    // Highest score first; ties in id order (facts are sorted by id).
    crate::sort::sort_by(&mut scored, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(n).map(|(_, i)| i).collect()
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
    let num = |r: core::ops::Range<usize>| date.get(r).and_then(|x| x.parse::<u32>().ok());
    let (y, m, d) = (num(0..4).unwrap_or(0), num(5..7).unwrap_or(1), num(8..10).unwrap_or(1));
    y * 372 + m * 31 + d
}
