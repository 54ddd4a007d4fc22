//! Tests of the wasm boundary, run in headless Chromium by wasm-bindgen-test (`make test-wasm`).
#![cfg(target_arch = "wasm32")]

use factcard_wasm::FactSet;

/// The default data set as a bundle (`make test-wasm` writes it first; `pkg/data/` has it under a hashed name): the
/// wasm holds no data.
const DEFAULT_SET: &[u8] = include_bytes!("../../../target/default.facts");

fn default_set() -> FactSet {
    FactSet::from_bytes(DEFAULT_SET).unwrap()
}
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// Objects cross the boundary as JSON text; the page parses them as the JS layer (`js/core.js`) does.
fn parse(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn the_default_set_loads_and_looks_up() {
    let mut set = default_set();
    assert!(set.size() >= 8);
    let all = Array::from(&parse(&set.facts()));
    assert_eq!(all.length(), set.size());
    let first = all.get(0);
    let id = get(&first, "id").as_string().unwrap();
    let again = parse(&set.lookup(&id).unwrap());
    assert_eq!(get(&again, "id").as_string().unwrap(), id);
    // Nested objects are plain JS objects with camelCase keys and ISO dates.
    let source = get(&again, "source");
    assert!(source.is_object());
    let date = get(&source, "date").as_string().unwrap();
    assert_eq!(date.len(), 10);
    assert_eq!(&date[4..5], "-");
    // Texts are objects by language.
    let statement = get(&again, "statement");
    assert!(get(&statement, "en").as_string().is_some() && get(&statement, "zh").as_string().is_some());
    // A card in the nearest language of the set: zh-Hans-CN gets the Chinese card, fr the default (English).
    assert!(set.card_html(&id, "zh-Hans-CN").contains("lang=\"zh\""));
    assert!(set.card_html(&id, "fr").contains("lang=\"en\""));
}

#[wasm_bindgen_test]
fn unknown_ids_are_null_and_get_a_not_found_card() {
    let mut set = default_set();
    assert!(set.lookup("no-such-fact").is_none());
    assert!(!set.has("no-such-fact"));
    let html = set.card_html("<img src=x onerror=alert(1)>", "en");
    assert!(html.contains("Fact not found"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<img"));
}

#[wasm_bindgen_test]
fn search_returns_facts_best_first() {
    let mut set = default_set();
    let hits = Array::from(&parse(&set.search("q=Liangjiang investment\nlimit=3").unwrap()));
    assert!(hits.length() > 0 && hits.length() <= 3);
    assert!(Array::from(&parse(&set.search("q=   \nlimit=3").unwrap())).length() == 0);
    let long = "x".repeat(10_000);
    assert_eq!(Array::from(&parse(&set.search(&format!("q={long}\nlimit=3")).unwrap())).length(), 0);
}

#[wasm_bindgen_test]
fn filters_and_suggestions_cross_the_boundary() {
    let mut set = default_set();
    let ids = set.search_ids("limit=100\nentity=Yangjiang New Area").unwrap();
    assert!(!ids.is_empty() && ids.iter().all(|id| set.has(id)));
    assert!(set.search_ids("q=x\nlimit=3\nentity=atlantis").is_err());
    // A year keeps the facts whose date or period covers it: some, not all.
    let y2021 = set.search_ids("limit=1000\nyear=2021").unwrap();
    assert!(!y2021.is_empty() && (y2021.len() as u32) < set.size(), "{}", y2021.len());
    assert!(set.search_ids("limit=1000\nyear=1850").unwrap().is_empty());
    let s = Array::from(&parse(&set.suggest("liang", 3)));
    assert_eq!(get(&s.get(0), "text").as_string().unwrap(), "Liangjiang New Area");
    assert_eq!(get(&s.get(0), "kind").as_string().unwrap(), "entity");
}

#[wasm_bindgen_test]
fn corrupt_bundles_are_errors_not_traps() {
    assert!(FactSet::from_bytes(b"<!doctype html>").is_err());
    assert!(FactSet::from_bytes(&DEFAULT_SET[..100]).is_err());
    assert!(FactSet::from_bytes(DEFAULT_SET).is_ok());
}
