//! The native half of the search benchmark (`make bench` runs both halves; see `bench/README.md`).
//!
//! Reads the reader questions (`tests/search/questions.toml`, or the file given as the first argument), times
//! `Index::search` per query over a loop of calls, scores recall@1 and recall@3, times building the index, and
//! prints a Markdown table.
//!
//! ```sh
//! cargo run --release --example bench_search [-- questions.toml]
//! ```

use std::hint::black_box;
use std::time::Instant;

use factcard_core::search::{Filter, Index};

#[path = "../tests/search/questions.rs"]
mod questions;

/// Results asked per query (as in the browser); recall@k reads the first k.
const LIMIT: usize = 10;
/// Timing loop: at least this many calls and this many milliseconds per query.
const MIN_ITERS: u64 = 200;
const MIN_MS: f64 = 20.0;

/// Mean milliseconds per call of `f`, over at least `min_iters` calls and `min_ms` milliseconds.
fn mean_ms(mut f: impl FnMut() -> usize, min_iters: u64, min_ms: f64) -> f64 {
    let mut iters = 0u64;
    let mut batch = min_iters;
    let mut sink = 0usize;
    let t0 = Instant::now();
    loop {
        for _ in 0..batch {
            sink = sink.wrapping_add(black_box(f()));
        }
        iters += batch;
        let elapsed = t0.elapsed().as_secs_f64() * 1e3;
        if iters >= min_iters && elapsed >= min_ms {
            black_box(sink);
            return elapsed / iters as f64;
        }
        batch =
            if elapsed > 0.0 { ((iters as f64 * (min_ms / elapsed - 1.0) * 1.05).ceil() as u64).max(1) } else { iters };
    }
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Microseconds with three significant figures or so.
fn us(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2}")
    } else if v < 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

fn ratio(hits: usize, n: usize) -> String {
    if n == 0 {
        return "n/a".into();
    }
    format!("{:.2} ({hits}/{n})", hits as f64 / n as f64)
}

fn main() {
    let path = std::env::args_os().nth(1).map_or_else(|| questions::path("questions.toml"), Into::into);
    let file = questions::read(&path).unwrap_or_else(|e| {
        eprintln!("bench_search: {e}");
        std::process::exit(1);
    });

    let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).expect("the default data set compiles");
    let bytes = factcard_core::bundle::encode(&ds);
    let decode_ms = mean_ms(|| factcard_core::bundle::decode(&bytes).map_or(0, |d| d.facts.len()), 5, 50.0);
    let build_ms = mean_ms(
        || {
            black_box(Index::new(black_box(&ds)));
            1
        },
        5,
        50.0,
    );
    let index = Index::new(&ds);
    let all = Filter::default();

    let queries: Vec<&str> =
        file.question.iter().map(|q| q.query.as_str()).chain(file.nothing.iter().map(|q| q.query.as_str())).collect();
    for _ in 0..3 {
        for q in &queries {
            black_box(index.search(&ds, q, &all, LIMIT));
        }
    }
    let mut times: Vec<f64> = queries
        .iter()
        .map(|q| {
            let call = || index.search(&ds, black_box(q), &all, LIMIT).len();
            mean_ms(call, 10, 2.0);
            mean_ms(call, MIN_ITERS, MIN_MS) * 1e3
        })
        .collect();
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    times.sort_by(f64::total_cmp);

    let ids = |q: &str| -> Vec<&str> {
        index.search(&ds, q, &all, LIMIT).into_iter().map(|(i, _)| ds.facts[i].id.as_str()).collect()
    };
    let (mut at1, mut at3) = (0, 0);
    for q in &file.question {
        let got = ids(&q.query);
        let hit = |k: usize| got.iter().take(k).any(|id| q.expect.iter().any(|e| e == id));
        at1 += usize::from(hit(1));
        at3 += usize::from(hit(3));
    }
    let empty = file.nothing.iter().filter(|q| ids(&q.query).is_empty()).count();
    let mut unknown: Vec<&str> = file
        .question
        .iter()
        .flat_map(|q| q.expect.iter().map(String::as_str))
        .filter(|id| ds.fact_index(id).is_none())
        .collect();
    unknown.sort_unstable();
    unknown.dedup();

    println!("## Native (Rust, `cargo run --release`)");
    println!();
    println!(
        "{} facts; {} questions and {} nothing-queries; {} results asked per query; \
         each query timed over at least {MIN_ITERS} calls and {MIN_MS} ms.",
        ds.facts.len(),
        file.question.len(),
        file.nothing.len(),
        LIMIT
    );
    println!();
    println!(
        "| engine | index build | p50 µs | p95 µs | mean µs | recall@1 | recall@3 | nothing-queries answered empty |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    if times.is_empty() {
        println!("| factcard `Index::search` | {build_ms:.3} ms | n/a | n/a | n/a | n/a | n/a | n/a |");
    } else {
        println!(
            "| factcard `Index::search` | {build_ms:.3} ms | {} | {} | {} | {} | {} | {empty}/{} |",
            us(percentile(&times, 0.5)),
            us(percentile(&times, 0.95)),
            us(mean),
            ratio(at1, file.question.len()),
            ratio(at3, file.question.len()),
            file.nothing.len()
        );
    }
    println!();
    println!(
        "Index build is `Index::new`; decoding the default set's bundle (`bundle::decode`, as the wasm does once per page) takes a further {decode_ms:.3} ms."
    );
    if !unknown.is_empty() {
        println!();
        println!("**Warning:** expected ids not in the data set (they can never be found): {}.", unknown.join(", "));
    }
}
