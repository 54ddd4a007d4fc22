//! Type-ahead completions for a search box: entity names, topics and fact titles, in every language of the set.
//!
//! A completion matches when its text (or, for an entity, one of its aliases) starts with what was typed, or
//! one of its words does. Whole-text matches rank before word matches, entities before topics before titles,
//! shorter before longer. An alias match completes to the entity's canonical name: typing "Yangj" offers
//! "Liangjiang New Area".
//!
//! ```
//! use factcard_core::suggest::{suggest, Kind};
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! let s = suggest(&ds, "liang", 5);
//! assert_eq!((s[0].text.as_str(), s[0].kind), ("Liangjiang New Area", Kind::Entity));
//! assert_eq!(suggest(&ds, "两江", 1)[0].text, "两江新区");
//! ```

use crate::model::DataSet;

/// What a completion names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Entity,
    Topic,
    Fact,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Entity => "entity",
            Kind::Topic => "topic",
            Kind::Fact => "fact",
        }
    }
}

/// One completion.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The text to show and to put in the box.
    pub text: String,
    pub kind: Kind,
    /// The id of the entity, topic or fact.
    pub id: String,
    /// The language of the text (a tag of the data set).
    pub lang: String,
}

/// How well `text` matches the typed prefix `p` (already folded): 0 whole, 1 a word, none.
fn rank(text: &str, p: &str) -> Option<u8> {
    let k = crate::text::key(text);
    if k.starts_with(p) {
        return Some(0);
    }
    let han = p.chars().next().is_some_and(|c| !c.is_ascii());
    if han {
        return k.contains(p).then_some(1);
    }
    k.contains(&[" ", p].concat()).then_some(1)
}

/// One text a search box may complete to: what it matches (`matched`: the text itself, or an entity's alias) and
/// what it shows (`text`).
pub struct Candidate<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub matched: &'a str,
    /// `matched` is an alias: it ranks one step after a match of the name.
    pub alias: bool,
    pub id: &'a str,
    /// The language index of `text`.
    pub lang: usize,
}

/// Every text of the set a search box may complete to: entity names and their aliases (an alias in the same kind
/// of script as the name completes to the name), topics and fact titles, in every language given.
pub fn candidates<'a>(ds: &'a DataSet) -> impl Iterator<Item = Candidate<'a>> {
    let entities = ds.entities.iter().flat_map(|e| {
        e.name.given().flat_map(move |(lang, text)| {
            let ascii = text.is_ascii();
            let aliases = e.aliases.iter().filter(move |a| a.is_ascii() == ascii);
            let of =
                move |matched: &'a str, alias| Candidate { kind: Kind::Entity, text, matched, alias, id: &e.id, lang };
            core::iter::once(of(text, false)).chain(aliases.map(move |a| of(a, true)))
        })
    });
    let named = |kind, id: &'a str, name: &'a crate::model::Text| {
        name.given().map(move |(lang, text)| Candidate { kind, text, matched: text, alias: false, id, lang })
    };
    let topics = ds.topics.iter().flat_map(move |t| named(Kind::Topic, &t.id, &t.name));
    let facts = ds.facts.iter().flat_map(move |f| named(Kind::Fact, &f.id, &f.title));
    entities.chain(topics).chain(facts)
}

/// Up to `limit` completions of `prefix`, best first.
pub fn suggest(ds: &DataSet, prefix: &str, limit: usize) -> Vec<Suggestion> {
    let p = crate::text::key(prefix.get(..prefix.len().min(200)).unwrap_or(prefix));
    if p.is_empty() || limit == 0 {
        return Vec::new();
    }
    // (rank, kind, length, text, id, language index)
    let mut found: Vec<(u8, Kind, usize, &str, &str, usize)> = Vec::new();
    for c in candidates(ds) {
        if let Some(r) = rank(c.matched, &p) {
            found.push((r + u8::from(c.alias), c.kind, crate::text::chars(c.text), c.text, c.id, c.lang));
        }
    }
    crate::sort::sort_by(&mut found, |a, b| a.cmp(b));
    let mut out: Vec<Suggestion> = Vec::new();
    for (_, kind, _, text, id, lang) in found {
        if out.len() == limit {
            break;
        }
        if !out.iter().any(|s| s.text == text) {
            out.push(Suggestion { text: text.to_string(), kind, id: id.to_string(), lang: ds.lang_tag(lang).into() });
        }
    }
    out
}
