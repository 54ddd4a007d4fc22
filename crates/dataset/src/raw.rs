//! The data files as written: what serde reads from TOML, every value with its place in the file, before any
//! check. Unknown keys are refused, so a misspelt key is an error, not a silently missing field.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

/// A string with its place in the file.
pub(crate) type SpannedString = Spanned<String>;

/// A text with its place: `title = "…"` (the default language) or `title.zh = "…"` / `title = { en = "…" }`.
pub(crate) type SpannedText = Spanned<RawText>;

/// A text as written: one string in the default language, or strings by language tag (each with its place).
pub(crate) enum RawText {
    One(String),
    Many(Vec<(SpannedString, SpannedString)>),
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
                while let Some(k) = m.next_key::<SpannedString>()? {
                    all.push((k, m.next_value::<SpannedString>()?));
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
    pub languages: Spanned<Vec<SpannedString>>,
}

/// `[[unit]]`: a unit the set declares itself, with its names per language and plural forms.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUnit {
    pub id: SpannedString,
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
    pub id: SpannedString,
    pub publisher: SpannedString,
    pub title: SpannedText,
    pub date: SpannedString,
    pub author: Option<SpannedString>,
    pub url: Option<SpannedString>,
    pub language: Option<SpannedString>,
    pub seed: Option<SpannedString>,
    pub note: Option<SpannedString>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTopic {
    pub id: SpannedString,
    pub name: SpannedText,
    /// How old its facts may be before cards say "as of …": an ISO 8601 duration (`P2Y`, `P18M`).
    pub stale_after: Option<SpannedString>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntity {
    pub id: SpannedString,
    pub name: SpannedText,
    pub kind: SpannedString,
    pub parent: Option<SpannedString>,
    #[serde(default)]
    pub aliases: Vec<SpannedString>,
    pub description: Option<SpannedText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFact {
    pub id: SpannedString,
    pub title: SpannedText,
    pub statement: SpannedText,
    pub source: SpannedString,
    pub entities: Spanned<Vec<SpannedString>>,
    pub topics: Spanned<Vec<SpannedString>>,
    pub date: SpannedString,
    pub note: Option<SpannedText>,
    #[serde(default)]
    pub figures: Vec<Spanned<RawFigure>>,
    /// When the fact was last updated, `YYYY-MM-DD`.
    pub updated: Option<SpannedString>,
    #[serde(default)]
    pub corrections: Vec<Spanned<RawCorrection>>,
    /// Overrides its topics' `stale_after`.
    pub stale_after: Option<SpannedString>,
}

/// `[[fact.corrections]]`: what a published version got wrong.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCorrection {
    pub date: SpannedString,
    pub wrong: SpannedText,
    pub changed: SpannedText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFigure {
    pub label: SpannedText,
    pub amount: Spanned<toml::Value>,
    pub scale: Option<SpannedString>,
    pub unit: SpannedString,
    pub qualifier: Option<SpannedString>,
    pub period: Option<SpannedString>,
    #[serde(default)]
    pub change: bool,
    pub converted: Option<Spanned<RawAmount>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAmount {
    pub amount: Spanned<toml::Value>,
    pub scale: Option<SpannedString>,
    pub unit: SpannedString,
}
