//! The data files as written: what serde reads from TOML, every value with its place in the file, before any
//! check. Unknown keys are refused, so a misspelt key is an error, not a silently missing field.

use serde::Deserialize;
use toml::Spanned;

/// A string with its place in the file.
pub(crate) type S = Spanned<String>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    #[serde(default)]
    pub source: Vec<Spanned<RawSource>>,
    #[serde(default)]
    pub topic: Vec<Spanned<RawTopic>>,
    #[serde(default)]
    pub entity: Vec<Spanned<RawEntity>>,
    #[serde(default)]
    pub fact: Vec<Spanned<RawFact>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub id: S,
    pub publisher: S,
    pub title: S,
    pub date: S,
    pub author: Option<S>,
    pub url: Option<S>,
    pub language: Option<S>,
    pub seed: Option<S>,
    pub note: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTopic {
    pub id: S,
    pub name: S,
    pub name_zh: S,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntity {
    pub id: S,
    pub name: S,
    pub name_zh: S,
    pub kind: S,
    pub parent: Option<S>,
    #[serde(default)]
    pub aliases: Vec<S>,
    pub description: Option<S>,
    pub description_zh: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFact {
    pub id: S,
    pub title: S,
    pub title_zh: S,
    pub statement: S,
    pub statement_zh: S,
    pub source: S,
    pub entities: Spanned<Vec<S>>,
    pub topics: Spanned<Vec<S>>,
    pub date: S,
    pub note: Option<S>,
    pub note_zh: Option<S>,
    #[serde(default)]
    pub figures: Vec<Spanned<RawFigure>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFigure {
    pub label: S,
    pub label_zh: S,
    pub amount: Spanned<toml::Value>,
    pub scale: Option<S>,
    pub unit: S,
    pub qualifier: Option<S>,
    pub period: Option<S>,
    #[serde(default)]
    pub change: bool,
    pub converted: Option<Spanned<RawAmount>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAmount {
    pub amount: Spanned<toml::Value>,
    pub scale: Option<S>,
    pub unit: S,
}
