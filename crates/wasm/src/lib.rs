//! The wasm boundary: it only converts. Arguments come in as JS strings and numbers; results go out as JSON text
//! (written by `factcard_core::json`, parsed by the JS layer with one `JSON.parse`), byte arrays and errors.
//! Every lookup, search and rendering is a call into `factcard-core`; besides the two exported classes it only
//! installs a panic hook. The search box's sharded index has a module of its own (`crates/search`). It holds no data: every data set, the default one included (`data/facts.facts`), arrives
//! as a bundle's bytes.

use factcard_core::format;
use factcard_core::model::DataSet;
use factcard_core::query::{Query, QueryError};
use factcard_core::search::Index;
use factcard_core::{bundle, card, jsonld, suggest, view};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}

/// Installs a panic hook so that a bug shows as one clear console message, not a bare "unreachable" trap.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|_| {
        console_error("factcard: internal error in the wasm core (a bug: please report it)")
    }));
}

/// A loaded data set with its search index (built on first use).
#[wasm_bindgen]
pub struct FactSet {
    ds: DataSet,
    index: Option<Index>,
    /// Each fact's JSON, made once when first asked for: typing in a search box asks for the same facts again.
    json: Vec<Option<String>>,
}

impl FactSet {
    fn new(ds: DataSet) -> FactSet {
        let json = vec![None; ds.facts.len()];
        FactSet { ds, index: None, json }
    }

    /// Fact `i` as JSON, from the cache.
    fn fact_json(&mut self, i: usize) -> &str {
        let ds = &self.ds;
        self.json[i].get_or_insert_with(|| view::fact(ds, &ds.facts[i]))
    }

    /// The facts at these indexes as a JSON array, from the cache.
    fn facts_json(&mut self, indexes: impl Iterator<Item = usize>) -> String {
        let mut out = String::new();
        factcard_core::json::array(&mut out, indexes, |out, i| out.push_str(self.fact_json(i)));
        out
    }

    /// The facts a query finds ([`Query`]: its one text form), best first.
    fn hits(&mut self, query: &str) -> Result<Vec<usize>, JsError> {
        let ds = &self.ds;
        let js = |e: QueryError| JsError::new(&e.0);
        let q = Query::parse(query).map_err(js)?;
        let filter = q.filter(ds).map_err(js)?;
        let index = self.index.get_or_insert_with(|| Index::new(ds));
        Ok(index.search(ds, q.text, &filter, q.limit).into_iter().map(|(i, _)| i).collect())
    }
}

#[wasm_bindgen]
impl FactSet {
    /// A data set from a bundle's bytes (`factcard build` output).
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<FactSet, JsError> {
        bundle::decode(bytes).map(FactSet::new).map_err(|e| JsError::new(&e.message()))
    }

    /// How many facts it holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.ds.facts.len() as u32
    }

    /// Whether a fact with this id exists.
    pub fn has(&self, id: &str) -> bool {
        self.ds.fact_index(id).is_some()
    }

    /// The fact with this id as JSON, or `undefined`.
    pub fn lookup(&mut self, id: &str) -> Option<String> {
        let i = self.ds.fact_index(id)?;
        Some(self.fact_json(i).to_string())
    }

    /// Every fact, in id order, as a JSON array.
    pub fn facts(&mut self) -> String {
        self.facts_json(0..self.ds.facts.len())
    }

    /// Facts a query finds, best first, as a JSON array. `query`: its text form, one `key=value` a line (`q`,
    /// `limit`, `entity`, `topic`, `source`, `year`: see `factcard_core::query`), as `query()` in `js/core.js`
    /// writes it.
    pub fn search(&mut self, query: &str) -> Result<String, JsError> {
        let hits = self.hits(query)?;
        Ok(self.facts_json(hits.into_iter()))
    }

    /// The ids of the facts `search` would return: cheaper when only ids are needed.
    #[wasm_bindgen(js_name = searchIds)]
    pub fn search_ids(&mut self, query: &str) -> Result<Vec<String>, JsError> {
        let hits = self.hits(query)?;
        Ok(hits.iter().map(|&i| self.ds.facts[i].id.clone()).collect())
    }

    /// Completions for a search box, as JSON: `[{ text, kind, id, lang }]`, best first.
    pub fn suggest(&self, prefix: &str, limit: u32) -> String {
        view::suggestions(&suggest::suggest(&self.ds, prefix, limit as usize))
    }

    /// The entity with this id, name or alias, with the ids of the facts about it (and about what lies in it),
    /// as JSON; or `undefined`.
    pub fn entity(&self, key: &str) -> Option<String> {
        self.ds.entity_index(key).map(|i| view::entity_with_facts(&self.ds, i))
    }

    /// The card of a fact as safe HTML, or the "not found" card.
    #[wasm_bindgen(js_name = cardHtml)]
    pub fn card_html(&self, id: &str, lang: &str) -> String {
        let lang = self.ds.lang(lang);
        match self.ds.fact(id) {
            Some(f) => card::card_html(&self.ds, f, lang),
            None => card::not_found_html(id, lang),
        }
    }

    /// The card of an entity (by id, name or alias) as safe HTML, or `undefined`.
    #[wasm_bindgen(js_name = entityHtml)]
    pub fn entity_html(&self, key: &str, lang: &str) -> Option<String> {
        self.ds.entity_index(key).map(|i| card::entity_html(&self.ds, i, self.ds.lang(lang)))
    }

    /// The card as plain text, or `undefined`.
    #[wasm_bindgen(js_name = cardText)]
    pub fn card_text(&self, id: &str, lang: &str) -> Option<String> {
        self.ds.fact(id).map(|f| format::card_text(&self.ds, f, self.ds.lang(lang)))
    }

    /// The fact as schema.org JSON-LD (a `Claim` with its appearance), or `undefined`.
    pub fn jsonld(&self, id: &str, lang: &str) -> Option<String> {
        self.ds.fact(id).map(|f| jsonld::claim(&self.ds, f, self.ds.lang(lang)))
    }

    /// A citation string for copying, or `undefined`.
    pub fn citation(&self, id: &str, lang: &str) -> Option<String> {
        self.ds.fact(id).map(|f| format::citation(&self.ds, f, self.ds.lang(lang)))
    }
}
