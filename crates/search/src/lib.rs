//! The search box's wasm module: the query side of the sharded index ([`factcard_core::shards`]) and nothing
//! else, so that a page with a search box loads a fraction of the full core (`crates/wasm`: lookups, cards,
//! JSON-LD). Like that boundary it only converts: strings and numbers in, numbers and errors out. Every data
//! set a search box searches, the default one included, is a folder written by `factcard site`, whose index the
//! page fetches part by part.

use factcard_core::shards;
use wasm_bindgen::prelude::*;

// No panic hook: the module's std is built to abort on a panic without formatting a message (see the Makefile),
// so a bug traps, and the page's promise rejects with the trap (the search box then says search is unavailable).

/// The search side of a sharded index, and the completions of a search box: the page fetches the files it names.
#[wasm_bindgen]
pub struct ShardedSearch(shards::ShardedSearch);

#[wasm_bindgen]
impl ShardedSearch {
    /// `langs`: the set's languages, comma-separated; `bounds` and `suggest`: the bounds of its shards and of its
    /// completion parts, one a line (all three from `meta.json`).
    #[wasm_bindgen(constructor)]
    pub fn new(docs: u32, langs: &str, bounds: &str, suggest: &str) -> ShardedSearch {
        let list = |s: &str, sep| s.split(sep).filter(|l: &&str| !l.is_empty()).map(String::from).collect::<Vec<_>>();
        ShardedSearch(shards::ShardedSearch::new(docs, &list(langs, ','), list(bounds, '\n'), list(suggest, '\n')))
    }

    /// The shards a query and its filters need that are not loaded yet. `filters`: one a line, each `e:ID`
    /// (entity), `t:ID` (topic), `s:ID` (source) or `y:YEAR`.
    #[wasm_bindgen(js_name = shardsFor)]
    pub fn shards_for(&self, query: &str, filters: &str) -> Vec<u32> {
        self.0.shards_for(query, &filter_terms(filters))
    }

    /// Adds shard `n` from its bytes.
    pub fn load(&mut self, n: u32, bytes: &[u8]) -> Result<(), JsError> {
        self.0.load(n, bytes).map_err(|e| JsError::new(e.0))
    }

    /// Document numbers that pass the filters (as for `shardsFor`), best first.
    pub fn search(&mut self, query: &str, limit: u32, filters: &str) -> Vec<u32> {
        self.0.search(query, limit as usize, &filter_terms(filters))
    }

    /// The completion parts the text of a search box needs that are not loaded yet.
    #[wasm_bindgen(js_name = suggestPartsFor)]
    pub fn suggest_parts_for(&self, prefix: &str) -> Vec<u32> {
        self.0.suggest_parts_for(prefix)
    }

    /// Adds completion part `n` from its text.
    #[wasm_bindgen(js_name = loadSuggestions)]
    pub fn load_suggestions(&mut self, n: u32, text: &str) -> Result<(), JsError> {
        self.0.load_suggestions(n, text).map_err(|e| JsError::new(e.0))
    }

    /// Completions of the text, best first, as JSON: `[{ text, kind, id, lang }]`.
    pub fn suggest(&self, prefix: &str, limit: u32) -> String {
        factcard_core::view::suggestions(&self.0.suggest(prefix, limit as usize))
    }
}

/// `e:ID` lines as the sharded index's filter terms.
fn filter_terms(lines: &str) -> Vec<String> {
    lines.lines().filter_map(|l| l.split_once(':')).map(|(k, id)| shards::filter_term(k, id)).collect()
}
