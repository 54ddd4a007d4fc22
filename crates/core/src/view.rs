//! The plain objects that JS receives, written as JSON: facts with their source, entities and formatted
//! figures; entities with their facts; suggestions.
//!
//! Keys are camelCase; dates stay ISO 8601 strings; every text (and every formatted figure and date) is an object
//! with one key per language it was given in (`{"en": "…", "zh": "…"}`); optional keys are left out rather than
//! `null`. See the README for the shape of a fact.

use crate::json::{array, decimal_into, Obj};
use crate::model::{Amount, DataSet, Entity, Fact, Text};

/// A text as `{"en": "…", "zh": "…"}`: the languages it was given in.
fn text_into(out: &mut String, ds: &DataSet, t: &Text) {
    let mut o = Obj::open(out);
    for (i, s) in t.given() {
        o.str(ds.lang_tag(i), s);
    }
    o.close();
}
use crate::suggest::Suggestion;

fn amount_into(o: &mut Obj, a: &Amount) {
    decimal_into(o.key("amount"), a.amount, 0);
    let w = a.scale.word();
    o.opt("scale", (!w.is_empty()).then_some(w));
    o.str("unit", a.unit.code());
    if a.unit.is_currency() {
        o.str("currency", a.unit.code());
    }
    decimal_into(o.key("value"), a.amount, i32::from(a.scale.exponent()));
}

/// An entity: `{ id, name, kind, parent?, aliases, description? }`.
fn entity_into(out: &mut String, ds: &DataSet, e: &Entity) {
    let mut o = Obj::open(out);
    entity_fields(&mut o, ds, e);
    o.close();
}

fn entity_fields(o: &mut Obj, ds: &DataSet, e: &Entity) {
    o.str("id", &e.id);
    text_into(o.key("name"), ds, &e.name);
    o.str("kind", e.kind.code());
    o.opt("parent", e.parent.map(|p| ds.entities[p as usize].id.as_str()));
    o.strs("aliases", e.aliases.iter().map(String::as_str));
    if let Some(d) = &e.description {
        text_into(o.key("description"), ds, d);
    }
}

/// An entity with the ids of the facts about it and about what lies inside it.
pub fn entity_with_facts(ds: &DataSet, i: usize) -> String {
    let mut out = String::with_capacity(512);
    let mut o = Obj::open(&mut out);
    entity_fields(&mut o, ds, &ds.entities[i]);
    o.strs("facts", ds.facts_about(i).map(|(_, f)| f.id.as_str()));
    o.close();
    out
}

/// A fact with everything a page needs to show it.
pub fn fact_into(out: &mut String, ds: &DataSet, f: &Fact) {
    let mut o = Obj::open(out);
    o.str("id", &f.id);
    text_into(o.key("title"), ds, &f.title);
    text_into(o.key("statement"), ds, &f.statement);
    o.str("date", &f.date);
    text_into(o.key("dateText"), ds, &f.date_text);
    if let Some(n) = &f.note {
        text_into(o.key("note"), ds, n);
    }
    array(o.key("figures"), f.figures.iter(), |out, g| {
        let mut fo = Obj::open(out);
        text_into(fo.key("label"), ds, &g.label);
        amount_into(&mut fo, &g.value);
        fo.str("qualifier", g.qualifier.code());
        fo.opt("period", g.period.as_deref());
        fo.bool("change", g.is_change());
        if let Some(c) = &g.converted {
            let mut co = Obj::open(fo.key("converted"));
            amount_into(&mut co, c);
            co.close();
        }
        text_into(fo.key("text"), ds, &g.text);
        fo.close();
    });
    if let Some(u) = &f.updated {
        o.str("updated", u);
    }
    if !f.corrections.is_empty() {
        array(o.key("corrections"), f.corrections.iter(), |out, c| {
            let mut co = Obj::open(out);
            co.str("date", &c.date);
            text_into(co.key("wrong"), ds, &c.wrong);
            text_into(co.key("changed"), ds, &c.changed);
            co.close();
        });
    }
    if f.stale {
        o.bool("stale", true);
    }
    array(o.key("entities"), f.entities.iter(), |out, &e| entity_into(out, ds, &ds.entities[e as usize]));
    o.strs("topics", f.topics.iter().map(|&t| ds.topics[t as usize].id.as_str()));
    let s = ds.source_of(f);
    let mut so = Obj::open(o.key("source"));
    so.str("id", &s.id);
    so.str("publisher", &s.publisher);
    text_into(so.key("title"), ds, &s.title);
    so.str("date", &s.date);
    so.opt("author", s.author.as_deref());
    so.opt("url", s.url.as_deref());
    so.str("language", &s.language);
    so.close();
    o.close();
}

/// One fact as JSON.
pub fn fact(ds: &DataSet, f: &Fact) -> String {
    let mut out = String::with_capacity(2048);
    fact_into(&mut out, ds, f);
    out
}

/// Facts by index, as a JSON array.
pub fn facts(ds: &DataSet, indexes: impl Iterator<Item = usize>) -> String {
    let mut out = String::with_capacity(4096);
    array(&mut out, indexes, |out, i| fact_into(out, ds, &ds.facts[i]));
    out
}

/// Suggestions: `[{ text, kind, id, lang }]`.
pub fn suggestions(s: &[Suggestion]) -> String {
    let mut out = String::with_capacity(64 * s.len() + 2);
    array(&mut out, s.iter(), |out, x| {
        let mut o = Obj::open(out);
        o.str("text", &x.text);
        o.str("kind", x.kind.code());
        o.str("id", &x.id);
        o.str("lang", &x.lang);
        o.close();
    });
    out
}
