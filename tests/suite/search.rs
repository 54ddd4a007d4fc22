//! Search quality, measured on reader questions (`tests/search/questions.toml`): recall@1 and recall@3, and
//! queries about things the data set does not hold, which must return nothing.

use std::path::Path;

use factcard_core::model::DataSet;
use factcard_core::search::{Filter, Index};
use factcard_dataset::compile_dir;

use super::seeds;

#[path = "../search/questions.rs"]
mod questions;
use questions::Questions;

fn questions() -> Questions {
    read_questions("questions.toml")
}

fn read_questions(name: &str) -> Questions {
    questions::read(&questions::path(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// A key the file does not know (misspelt, or on the wrong kind of entry) is an error, not a question quietly
/// scored without it; so is a question that expects nothing.
#[test]
fn a_questions_file_with_an_unknown_key_is_refused() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("questions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let read = |text: &str| {
        let file = dir.join("q.toml");
        std::fs::write(&file, text).unwrap();
        questions::read(&file).map(|q| q.question.len() + q.nothing.len())
    };
    let good = "[[question]]\nquery = \"bus trips\"\nexpect = [\"a\"]\nnote = \"why\"\n\n[[nothing]]\nquery = \"x\"\n";
    assert_eq!(read(good), Ok(2));
    for (bad, key) in [
        ("[[question]]\nquery = \"bus trips\"\nexpect = [\"a\"]\nnotes = \"why\"\n", "notes"),
        ("[[nothing]]\nquery = \"x\"\nexpect = [\"a\"]\n", "expect"),
        ("[[questions]]\nquery = \"x\"\nexpect = [\"a\"]\n", "questions"),
    ] {
        let err = read(bad).unwrap_err();
        assert!(err.contains("q.toml") && err.contains(&format!("unknown field `{key}`")), "{bad:?}: {err}");
    }
    let err = read("[[question]]\nquery = \"bus trips\"\nexpect = []\n").unwrap_err();
    assert!(err.contains("q.toml: question \"bus trips\" expects no fact"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The German and Japanese test set (`tests/datasets/hafen/`).
fn hafen() -> DataSet {
    compile_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/datasets/hafen")).unwrap()
}

/// Recall@1 and @3 of `qs` on `ds`, with the misses.
fn recall(ds: &DataSet, qs: &Questions) -> (f64, f64, Vec<String>) {
    let index = Index::new(ds);
    let (mut at1, mut at3) = (0, 0);
    let mut misses = Vec::new();
    for q in &qs.question {
        for id in &q.expect {
            assert!(ds.fact(id).is_some(), "question {:?} expects unknown fact {id}", q.query);
        }
        let hits: Vec<&str> =
            index.search(ds, &q.query, &Filter::default(), 3).iter().map(|&(i, _)| ds.facts[i].id.as_str()).collect();
        match hits.iter().position(|h| q.expect.iter().any(|e| e == h)) {
            Some(0) => {
                at1 += 1;
                at3 += 1;
            }
            Some(_) => {
                at3 += 1;
                misses.push(format!("  @3 {:?}: got {hits:?}, want {:?}", q.query, q.expect));
            }
            None => misses.push(format!("  MISS {:?}: got {hits:?}, want {:?}", q.query, q.expect)),
        }
    }
    let n = qs.question.len() as f64;
    (at1 as f64 / n, at3 as f64 / n, misses)
}

#[test]
fn recall_on_reader_questions() {
    let qs = questions();
    assert!(qs.question.len() >= 40);
    let (r1, r3, misses) = recall(&seeds(), &qs);
    println!("search quality: {} questions, recall@1 = {r1:.3}, recall@3 = {r3:.3}", qs.question.len());
    println!("{}", misses.join("\n"));
    assert!(
        r1 >= 0.85 && r3 >= 0.95,
        "recall@1 {r1:.3} (target 0.85), recall@3 {r3:.3} (target 0.95)\n{}",
        misses.join("\n")
    );
}

/// German and Japanese questions on the German and Japanese set: no English stemming on German words, umlauts
/// and ß typed as ae/oe/ue/ss, Japanese without spaces.
#[test]
fn recall_in_german_and_japanese() {
    let qs = read_questions("hafen-questions.toml");
    assert!(qs.question.len() >= 35);
    let ds = hafen();
    let (r1, r3, misses) = recall(&ds, &qs);
    println!("hafen: {} questions, recall@1 = {r1:.3}, recall@3 = {r3:.3}\n{}", qs.question.len(), misses.join("\n"));
    assert!(r3 >= 0.95, "recall@3 {r3:.3} (target 0.95)\n{}", misses.join("\n"));
    let index = Index::new(&ds);
    for q in &qs.nothing {
        let hits = index.search(&ds, &q.query, &Filter::default(), 3);
        assert!(
            hits.is_empty(),
            "{:?} returned {:?}",
            q.query,
            hits.iter().map(|h| &ds.facts[h.0].id).collect::<Vec<_>>()
        );
    }
}

#[test]
fn queries_about_nothing_return_nothing() {
    let ds = seeds();
    let index = Index::new(&ds);
    let qs = questions();
    assert!(qs.nothing.len() >= 8);
    for q in &qs.nothing {
        let hits: Vec<&str> =
            index.search(&ds, &q.query, &Filter::default(), 3).iter().map(|&(i, _)| ds.facts[i].id.as_str()).collect();
        assert!(hits.is_empty(), "{:?} returned {hits:?}", q.query);
    }
}

#[test]
fn odd_queries_are_quick_and_never_panic() {
    let ds = seeds();
    let index = Index::new(&ds);
    let f = Filter::default();
    let ids = |q: &str| -> Vec<usize> {
        let t = std::time::Instant::now();
        let hits = index.search(&ds, q, &f, 10);
        assert!(t.elapsed().as_millis() < 50, "{:?} took {:?}", &q[..q.len().min(20)], t.elapsed());
        assert!(hits.len() <= 10 && hits.windows(2).all(|w| w[0].1 >= w[1].1), "{q:?}: {hits:?}");
        hits.into_iter().map(|(i, _)| i).collect()
    };
    // A query is read up to 512 bytes; a repeated word counts once ("Chongqing " with its space: a finished word,
    // not a prefix being typed).
    let long = "Chongqing ".repeat(1000);
    assert_eq!(ids(&long), ids(&long[..512]));
    assert_eq!(ids(&long[..500]), ids("Chongqing "));
    assert_eq!(ids("Chongqing ").len(), 10);
    // No word at all, or only a stop word: nothing.
    let lone_surrogate_like = String::from_utf16_lossy(&[0xD800, 0x0041]);
    for q in ["😀😀😀", "\u{0}\u{1}\u{7}", &lone_surrogate_like, "   ", "", "a", "%%%%", "9999999999999999999999"]
    {
        assert_eq!(ids(q), Vec::<usize>::new(), "{q:?}");
    }
    // One Chinese character finds the facts that have it.
    let zhong = ids("重");
    assert!(!zhong.is_empty());
    for i in zhong {
        let g = &ds.facts[i];
        assert!([&g.title, &g.statement].iter().any(|t| t.0[1].contains('重')), "{}", g.id);
    }
    // Odd but possible prefixes and a reversed word: any answer, quickly.
    for q in ["\u{202E}txet", "1,", ".5"] {
        ids(q);
    }
}

#[test]
fn a_repeated_word_counts_once() {
    let ds = seeds();
    let index = Index::new(&ds);
    let f = Filter::default();
    assert!(index.search(&ds, "Chongqing banana", &f, 3).is_empty());
    assert!(index.search(&ds, "Chongqing banana Chongqing", &f, 3).is_empty());
    assert!(index.search(&ds, "Chongqing banana chongqing CHONGQING", &f, 3).is_empty());
}

#[test]
fn filters_keep_what_lies_inside_a_place() {
    let ds = seeds();
    let index = Index::new(&ds);
    let cq = ds.entity_index("chongqing").unwrap();
    let lj = ds.entity_index("liangjiang").unwrap();
    let within_cq = index.search(&ds, "", &Filter { entity: Some(cq), ..Filter::default() }, 1000);
    let within_lj = index.search(&ds, "", &Filter { entity: Some(lj), ..Filter::default() }, 1000);
    assert!(!within_lj.is_empty());
    for (i, _) in &within_lj {
        assert!(
            within_cq.iter().any(|(j, _)| j == i),
            "a Liangjiang fact is not found under Chongqing: {}",
            ds.facts[*i].id
        );
    }
    let topic = ds.topics.iter().position(|t| t.id == "vehicles").unwrap();
    let cars = index.search(&ds, "export", &Filter { topic: Some(topic), ..Filter::default() }, 100);
    assert!(!cars.is_empty());
    assert!(cars.iter().all(|&(i, _)| ds.facts[i].topics.contains(&(topic as u32))));
}
