//! The data files as written: what serde reads from TOML, every value with its place in the file, before any
//! check. Unknown keys are refused, so a misspelt key is an error, not a silently missing field.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

/// A string with its place in the file.
pub(crate) type S = Spanned<String>;

/// A text with its place: `title = "…"` (the default language) or `title.zh = "…"` / `title = { en = "…" }`.
pub(crate) type T = Spanned<RawText>;

/// A text as written: one string in the default language, or strings by language tag (each with its place).
pub(crate) enum RawText {
    One(String),
    Many(Vec<(S, S)>),
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or texts by language such as `title.en = \"…\"` and `title.zh = \"…\"`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText, E> {
                Ok(RawText::One(v.to_string()))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<RawText, M::Error> {
                let mut all = Vec::new();
                while let Some(k) = m.next_key::<S>()? {
                    all.push((k, m.next_value::<S>()?));
                }
                Ok(RawText::Many(all))
            }
        }
        d.deserialize_any(V)
    }
}

/// `[dataset]`: what the whole set declares.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDataset {
    /// BCP 47 tags; the first is the default language.
    pub languages: Spanned<Vec<S>>,
}

/// `[[unit]]`: a unit the set declares itself, with its names per language and plural forms.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUnit {
    pub id: S,
    /// A name, names by plural category (`{ one = "trip", other = "trips" }`), or either of those by language.
    pub name: Spanned<toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    pub dataset: Option<Spanned<RawDataset>>,
    #[serde(default)]
    pub unit: Vec<Spanned<RawUnit>>,
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
    pub title: T,
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
    pub name: T,
    /// How old its facts may be before cards say "as of …": an ISO 8601 duration (`P2Y`, `P18M`).
    pub stale_after: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntity {
    pub id: S,
    pub name: T,
    pub kind: S,
    pub parent: Option<S>,
    #[serde(default)]
    pub aliases: Vec<S>,
    pub description: Option<T>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFact {
    pub id: S,
    pub title: T,
    pub statement: T,
    pub source: S,
    pub entities: Spanned<Vec<S>>,
    pub topics: Spanned<Vec<S>>,
    pub date: S,
    pub note: Option<T>,
    #[serde(default)]
    pub figures: Vec<Spanned<RawFigure>>,
    /// When the fact was last updated, `YYYY-MM-DD`.
    pub updated: Option<S>,
    #[serde(default)]
    pub corrections: Vec<Spanned<RawCorrection>>,
    /// Overrides its topics' `stale_after`.
    pub stale_after: Option<S>,
}

/// `[[fact.corrections]]`: what a published version got wrong.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCorrection {
    pub date: S,
    pub wrong: T,
    pub changed: T,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFigure {
    pub label: T,
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
