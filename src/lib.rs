//! # factcard
//!
//! Curated facts for news pages. This crate is the core of the factcard widget: it holds a data set of checked
//! facts (each with its figures, entities and source), searches it, and formats cards in English and Chinese.
//! Compiled to WebAssembly, it runs in the reader's browser behind three custom elements (`<fact-card>`,
//! `<fact-ref>`, `<fact-search>`); natively, it is the `factcard` command-line tool that checks and compiles
//! publishers' own facts files.
//!
//! The pieces, each in its own module:
//! - [`model`]: the data model (plain owned data, no I/O);
//! - `compile` (native only): TOML data files to a validated [`model::DataSet`], with file/line/column errors;
//! - [`bundle`]: the compact binary form of a data set, embedded in the wasm and fetched at run time;
//! - [`search`]: the ranked full-text index, with filters;
//! - [`suggest`]: type-ahead completions; [`shards`]: the search index split by term, for large data sets;
//! - [`format`]: figures, dates and texts; [`card`]: cards as HTML; [`chart`]: SVG bars; [`jsonld`]: schema.org data;
//! - [`view`]: the plain objects JS receives, as JSON written by [`json`];
//! - `site` (native only): prerendered card fragments, so pages of cards need no wasm;
//! - `wasm` (wasm32 only): the thin `wasm-bindgen` boundary.
//!
//! The default data set, curated from five reports on the Chengdu–Chongqing economy, lives in `seeds/`; the build
//! script validates it and embeds it as a bundle, so a malformed data file fails the build, never a page.
//!
//! ```
//! let ds = factcard::builtin().unwrap();
//! assert!(ds.facts.len() >= 8);
//! ```

pub mod bundle;
pub mod card;
pub mod chart;
#[cfg(not(target_arch = "wasm32"))]
pub mod compile;
pub mod format;
pub mod json;
pub mod jsonld;
pub mod model;
pub mod search;
pub mod shards;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
pub mod sort;
pub mod suggest;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The default data set, compiled from `seeds/` by the build script.
pub static BUILTIN_BUNDLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.facts"));

/// Decodes the default data set.
pub fn builtin() -> Result<model::DataSet, bundle::DecodeError> {
    bundle::decode(BUILTIN_BUNDLE)
}
