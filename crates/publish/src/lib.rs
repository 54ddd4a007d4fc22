//! Writing a published folder: a checked data set ([`factcard_core::model::DataSet`]) as the static files pages
//! load ([`site`]: a card per fact and language, the sharded search index, the bundle, the names to link) and the
//! fact desk beside them ([`desk`]: the editors' page, its per-fact files, the iframe embed page).
//! [`caching`] says which of its files readers may cache for good and which for minutes.
//!
//! Native only: `factcard site` and `make build` call it; readers download what it writes, never its code.

pub mod caching;
pub mod desk;
pub mod site;
pub mod versions;
