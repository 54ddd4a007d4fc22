//! Search quality, measured on reader questions (`tests/search/questions.toml`): recall@1 and recall@3, and
//! queries about things the data set does not hold, which must return nothing.

use std::path::Path;

use factcard_core::model::DataSet;
use factcard_core::query::Query;
use factcard_core::search::{Filter, Index};
use factcard_core::shards::ShardedSearch;
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
        assert!([&g.title, &g.statement].iter().any(|t| t.at(1).contains('重')), "{}", g.id);
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

/// The default set's search folder as `factcard site` writes it, read back from disk: a file by the name it had
/// before `factcard site` named files by their content (`meta.json`, `t3.idx`: the one `meta.HHHHHHHH.json`,
/// `t3.HHHHHHHH.idx` of a folder written once).
struct Site {
    dir: std::path::PathBuf,
}

impl Site {
    fn write(ds: &DataSet, name: &str) -> Site {
        let dir = std::env::temp_dir().join(format!("factcard-{name}-{}", std::process::id()));
        factcard_publish::site::write(ds, &dir, |_| {}).unwrap();
        Site { dir }
    }
    fn read(&self, name: &str) -> Vec<u8> {
        let (stem, ext) = name.rsplit_once('.').unwrap();
        let named = |f: &str| {
            let hash = f.strip_prefix(stem).and_then(|r| r.strip_prefix('.')).and_then(|r| r.strip_suffix(ext));
            hash.is_some_and(|h| h.len() == 9 && h.ends_with('.'))
        };
        let dir = std::fs::read_dir(self.dir.join("search")).unwrap();
        let found: Vec<_> =
            dir.map(|e| e.unwrap().path()).filter(|p| named(p.file_name().unwrap().to_str().unwrap())).collect();
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        std::fs::read(&found[0]).unwrap()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// The ids a query (its text form) finds over the whole set, as the core's `FactSet.searchIds` runs it, or its
/// error.
fn whole_path(ds: &DataSet, index: &Index, form: &str) -> Result<Vec<String>, String> {
    let q = Query::parse(form).map_err(|e| e.0)?;
    let filter = q.filter(ds).map_err(|e| e.0)?;
    Ok(index.search(ds, q.text, &filter, q.limit).into_iter().map(|(i, _)| ds.facts[i].id.clone()).collect())
}

/// The ids the same query finds over the sharded index as the search module runs it (`js/sources.js`): from
/// `meta.json` (read natively here, by the page in JS), the shards it names fetched and loaded, and the ids of its
/// documents from `idsN.txt`.
fn sharded_path(site: &Site, form: &str) -> Result<Vec<String>, String> {
    let meta = String::from_utf8(site.read("meta.json")).unwrap();
    let mut s = ShardedSearch::from_meta(&meta).unwrap();
    let q = Query::parse(form).map_err(|e| e.0)?;
    for n in s.shards_for(&q) {
        s.load(n, &site.read(&format!("t{n}.idx"))).unwrap();
    }
    assert!(s.shards_for(&q).is_empty(), "{form:?}: everything it needs is loaded");
    let docs = s.search(&q).map_err(|e| e.0)?;
    let per = factcard_core::shards::IDS_PER_FILE;
    Ok(docs
        .into_iter()
        .map(|d| {
            let list = String::from_utf8(site.read(&format!("ids{}.txt", d as usize / per))).unwrap();
            // `ID VVVVVVVV`: the fact and its version
            list.lines().nth(d as usize % per).unwrap().split(' ').next().unwrap().to_string()
        })
        .collect())
}

/// A filter of every kind by every way of naming it: entities by id, by name in each language (as given, and
/// lowercased) and by alias; topics by id and name; sources by id and title; years, ranges; and combinations.
fn filter_matrix(ds: &DataSet) -> Vec<String> {
    let mut forms: Vec<String> = Vec::new();
    let mut by = |key: &str, values: Vec<String>| forms.extend(values.into_iter().map(|v| format!("{key}={v}")));
    for e in &ds.entities {
        let names = e.name.given().map(|(_, n)| n.to_string()).chain(e.aliases.iter().cloned());
        by("entity", [e.id.clone()].into_iter().chain(names.flat_map(|n| [n.to_lowercase(), n])).collect());
    }
    for t in &ds.topics {
        by("topic", [t.id.clone()].into_iter().chain(t.name.given().map(|(_, n)| n.to_uppercase())).collect());
    }
    for s in &ds.sources {
        by("source", [s.id.clone()].into_iter().chain(s.title.given().map(|(_, n)| n.to_string())).collect());
    }
    let years: std::collections::BTreeSet<u16> = ds.facts.iter().flat_map(|f| f.years()).collect();
    by("year", years.iter().map(|y| y.to_string()).collect());
    by("year", vec!["2019-2021".into(), "2015-2018".into(), "1900-1950".into(), "2020-2020".into(), "0".into()]);
    forms.extend(
        [
            "entity=Chongqing\nyear=2020-2022",
            "entity=重庆\ntopic=vehicles",
            "entity=liangjiang\ntopic=Investment\nyear=2021",
            "q=investment\nentity=Liangjiang New Area",
            "q=exports \nentity=chongqing\nyear=2018-2021",
            "q=trucks\ntopic=VEHICLES",
            "q=glass\nentity=ATG",
        ]
        .map(String::from),
    );
    forms
}

/// Whether the sharded path's answer differs from the whole set's only where scores tie but for the shards'
/// quantization (a term's weight is stored in a byte: 1/255 of its range): as many results, and at each place one
/// whose score (over the whole set) is within 1% of the one the whole set put there.
fn near_ties(ds: &DataSet, index: &Index, form: &str, whole: &[String], sharded: &[String]) -> bool {
    let q = Query::parse(form).unwrap();
    let all = index.search(ds, q.text, &q.filter(ds).unwrap(), 1000);
    let score = |id: &String| all.iter().find(|(i, _)| ds.facts[*i].id == *id).map(|h| h.1);
    whole.len() == sharded.len()
        && whole.iter().zip(sharded).all(|(w, s)| match (score(w), score(s)) {
            (Some(a), Some(b)) => (a - b).abs() <= 0.01 * a,
            _ => false,
        })
}

/// Filters that name nothing, or are not filters at all: the same error on both paths.
const UNKNOWN: &[&str] = &[
    "entity=Atlantis",
    "q=investment\nentity=Chongqing City Hall",
    "topic=bananas",
    "source=the moon",
    "entity=chongqing\ntopic=nothing",
    "year=soon",
    "year=2021-2019",
    "colour=red",
    "entity=!!!",
];

#[test]
fn one_query_finds_the_same_ids_over_the_whole_set_and_over_the_sharded_index() {
    let ds = seeds();
    let index = Index::new(&ds);
    let site = Site::write(&ds, "one-query");
    let questions: Vec<String> = questions()
        .question
        .iter()
        .flat_map(|q| [format!("q={}\nlimit=3", q.query), format!("q={}\nlimit=10", q.query)])
        .collect();
    let filters: Vec<String> =
        filter_matrix(&ds).into_iter().flat_map(|f| [format!("{f}\nlimit=1000"), format!("{f}\nq=export")]).collect();
    let (mut same, mut found, mut ties, mut differ) = (0, 0, 0, Vec::new());
    for form in questions.iter().chain(&filters) {
        let whole = whole_path(&ds, &index, form);
        let sharded = sharded_path(&site, form);
        assert!(whole.is_ok(), "{form:?}: {whole:?}");
        if whole == sharded {
            same += 1;
            found += usize::from(whole.as_ref().is_ok_and(|ids| !ids.is_empty()));
        } else if near_ties(&ds, &index, form, &whole.clone().unwrap(), &sharded.clone().unwrap_or_default()) {
            ties += 1;
        } else {
            differ.push(format!("  {form:?}:\n    whole   {whole:?}\n    sharded {sharded:?}"));
        }
    }
    for form in UNKNOWN {
        let whole = whole_path(&ds, &index, form);
        assert!(whole.is_err(), "{form:?}: {whole:?}");
        assert_eq!(whole, sharded_path(&site, form), "{form:?}");
    }
    println!(
        "one query, two paths: {} queries ({} question forms, {} filter forms): {same} the same ids in the same order \
         ({found} with results), {ties} the same but for near-ties; {} unknown filters, the same error",
        questions.len() + filters.len(),
        questions.len(),
        filters.len(),
        UNKNOWN.len()
    );
    assert!(differ.is_empty(), "{} differ:\n{}", differ.len(), differ.join("\n"));
}

/// A filter's name is read as search reads words (case, accents and punctuation folded), by one rule for every
/// kind: an entity by name or alias, a topic by name in any language, a source by its title.
#[test]
fn names_are_found_as_search_folds_words() {
    let ds = seeds();
    let lj = ds.entity_index("liangjiang");
    assert!(lj.is_some());
    for name in [" LIANGJIANG new-area ", "两江新区", "yangjiang  NEW district", "Liangjiang"] {
        assert_eq!(ds.entity_index(name), lj, "{name:?}");
    }
    let vehicles = ds.topics.iter().position(|t| t.id == "vehicles");
    assert_eq!(ds.topic_index("汽车"), vehicles);
    assert_eq!(ds.topic_index(" vehicles "), vehicles);
    let source = ds.sources.iter().position(|s| s.id == "ichongqing-2024-new-materials");
    assert_eq!(
        ds.source_index("Foreign enterprise and expert bullish on Chongqing’s sci-tech innovation path"),
        source
    );
    assert_eq!(ds.entity_index("Atlantis"), None);
    assert_eq!(ds.entity_index("!!!"), None);
}

/// A native reader given a `meta.json` that is not an index's says so; odd query texts are read without a panic.
#[test]
fn odd_meta_and_query_texts_are_refused_clearly() {
    for meta in ["", "{}", "<html>", r#"{"docs":"x","bounds":[],"suggest":[]}"#, r#"{"docs":3,"bounds":["a"#] {
        let e = ShardedSearch::from_meta(meta).err().unwrap_or_else(|| panic!("{meta:?} was taken"));
        assert!(e.0.contains("run factcard site again"), "{meta:?}: {e:?}");
    }
    assert!(ShardedSearch::from_meta(r#"{"docs": 2, "bounds": [], "suggest": [] }"#).is_ok());
    for form in
        ["=", "q", "limit=\u{0}", "year=-", "year=65535", "year=2021-", "entity=\u{1}e:x", "q=\u{202E}\nlimit=1e9"]
    {
        let _ = Query::parse(form);
    }
    assert_eq!(Query::parse("=x").unwrap_err().0, "factcard: unknown search option \"\"");
}

/// A filter by name costs a search box one shard of the index, fetched with its words' (no request of its own):
/// its folded name is a filter term beside the ids.
#[test]
fn a_filter_by_name_costs_one_shard() {
    let ds = seeds();
    let site = Site::write(&ds, "name-shard");
    let meta = String::from_utf8(site.read("meta.json")).unwrap();
    let s = ShardedSearch::from_meta(&meta).unwrap();
    for form in [
        "entity=Liangjiang New Area",
        "entity=两江新区",
        "entity=yangjiang new-area",
        "topic=Vehicles",
        "entity=liangjiang",
    ] {
        assert_eq!(s.shards_for(&Query::parse(form).unwrap()).len(), 1, "{form}");
    }
}
