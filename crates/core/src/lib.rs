//! # factcard-core
//!
//! The pure core of factcard, the fact-card widget for news pages: a data set of checked facts (each with its
//! figures, entities and source), its binary form, its search, and its cards in every language of the set. It has no
//! I/O and no JS bindings, so the same code runs in the reader's browser (behind `factcard-wasm`) and natively
//! (in the site writer `factcard-publish`, the page rewriter `factcard-inline` and the `factcard` command-line tool).
//!
//! The pieces, each in its own module:
//! - [`model`]: the data model (plain owned data);
//! - [`bundle`]: the compact binary form of a data set, written by the compiler and fetched at run time;
//!   [`varint`] is the integer codec it shares with [`shards`];
//! - [`text`]: the folding of text into words (case, accents, word characters), shared by [`search`] and
//!   [`suggest`];
//! - [`query`]: one description of a search (words, limit, filters by id or name, years), read from the one text
//!   form both wasm modules take; [`search`]: the ranked full-text index, with filters; [`suggest`]: type-ahead completions; [`shards`]: the
//!   search index split by term, for large data sets;
//! - [`number`]: exact decimals as digits; [`format`]: the words around a fact in each language, and its texts; [`card`]: cards as
//!   HTML; [`chart`]: SVG bars; [`jsonld`]: schema.org data;
//! - [`related`]: the facts a card offers beside itself, ranked; [`names`]: entity names worth linking in text;
//! - [`view`]: the plain objects JS receives, as JSON written by [`json`];
//! - [`sort`]: a small sort for the slices the wasm sorts.
//!
//! ```
//! let ds = factcard_dataset::compile_dir("../../seeds".as_ref()).unwrap();
//! assert!(ds.facts.len() >= 8);
//! let f = ds.fact("liangjiang-expo-signed-investment").unwrap();
//! let html = factcard_core::card::card_html(&ds, f, ds.lang("zh"));
//! assert!(html.contains("463亿元"));
//! ```

pub mod bundle;
pub mod card;
pub mod chart;
pub mod format;
pub mod json;
pub mod jsonld;
pub mod model;
pub mod names;
pub mod number;
pub mod query;
pub mod related;
pub mod search;
pub mod shards;
pub mod sort;
pub mod suggest;
pub mod text;
pub mod varint;
pub mod view;
