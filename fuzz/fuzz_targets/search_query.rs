//! Arbitrary queries against the built-in data set: `Index::search` (with a limit and a filter),
//! `search::tokens` and `suggest::suggest`. None may panic; results stay within the limit, point at real facts,
//! pass the filter, come once each, best first; tokens are never empty; completions are distinct.
//!
//! Input: byte 0 is the limit (255 stands for `usize::MAX`), byte 1 picks a filter (low two bits: none,
//! entity, topic, source; the other six: its index, possibly out of range), the rest is the query (UTF-8,
//! lossily). Inputs shorter than two bytes are queries with limit 10 and no filter.

#![no_main]

use std::sync::OnceLock;

use factcard_core::model::DataSet;
use factcard_core::search::{tokens, Filter, Index};
use factcard_core::suggest::suggest;
use libfuzzer_sys::fuzz_target;

static STATE: OnceLock<(DataSet, Index)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (ds, index) = STATE.get_or_init(|| {
        let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).expect("the default data set compiles");
        let index = Index::new(&ds);
        (ds, index)
    });
    let (limit, filter, query) = match data {
        [l, f, rest @ ..] => {
            let limit = if *l == 255 { usize::MAX } else { usize::from(*l) };
            let i = usize::from(f >> 2);
            let filter = match f & 3 {
                0 => Filter::default(),
                1 => Filter { entity: Some(i), ..Filter::default() },
                2 => Filter { topic: Some(i), ..Filter::default() },
                _ => Filter { source: Some(i), ..Filter::default() },
            };
            (limit, filter, rest)
        }
        _ => (10, Filter::default(), data),
    };
    let query = String::from_utf8_lossy(query);

    let hits = index.search(ds, &query, &filter, limit);
    assert!(hits.len() <= limit, "{} hits for limit {limit}", hits.len());
    let mut seen = vec![false; ds.facts.len()];
    for &(i, score) in &hits {
        assert!(i < ds.facts.len(), "hit {i} is not a fact");
        assert!(!seen[i], "fact {i} returned twice");
        seen[i] = true;
        assert!(score.is_finite() && score >= 0.0, "score {score}");
        assert!(filter.accepts(ds, i), "hit {i} does not pass the filter {filter:?}");
    }
    assert!(hits.windows(2).all(|w| w[0].1 >= w[1].1), "hits are not best first: {hits:?}");
    if filter.is_empty() && tokens(&query).is_empty() {
        assert!(hits.is_empty(), "a query without words found {hits:?}");
    }

    for t in tokens(&query) {
        assert!(!t.is_empty(), "an empty token from {query:?}");
    }

    let s = suggest(ds, &query, limit);
    assert!(s.len() <= limit);
    for (i, x) in s.iter().enumerate() {
        assert!(!x.text.is_empty() && (x.lang == "en" || x.lang == "zh"), "{x:?}");
        assert!(s[..i].iter().all(|y| y.text != x.text), "completion {:?} offered twice", x.text);
    }
});
