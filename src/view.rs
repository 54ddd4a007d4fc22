//! The plain objects that JS receives: facts with their source, entities and formatted figures.
//!
//! These borrow from a [`DataSet`] and serialize (through `serde-wasm-bindgen` in the browser) to ordinary JS
//! objects with camelCase keys. Dates stay ISO 8601 strings; formatted texts come in both languages.

use serde::Serialize;

use crate::format::{figure_text, period_text, Lang};
use crate::model::{Amount, DataSet, Entity, Fact, Figure, Source};

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct SourceView<'a> {
    pub id: &'a str,
    pub publisher: &'a str,
    pub title: &'a str,
    /// Publication date, ISO 8601.
    pub date: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

impl<'a> SourceView<'a> {
    pub fn new(s: &'a Source) -> Self {
        SourceView {
            id: &s.id,
            publisher: &s.publisher,
            title: &s.title,
            date: &s.date,
            author: s.author.as_deref(),
            url: s.url.as_deref(),
        }
    }
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct EntityView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub name_zh: &'a str,
    pub kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<&'a str>,
    pub aliases: &'a [String],
}

impl<'a> EntityView<'a> {
    pub fn new(ds: &'a DataSet, e: &'a Entity) -> Self {
        EntityView {
            id: &e.id,
            name: &e.name,
            name_zh: &e.name_zh,
            kind: &e.kind,
            parent: e.parent.map(|p| ds.entities[p as usize].id.as_str()),
            aliases: &e.aliases,
        }
    }
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct AmountView {
    /// The number as printed, without its scale word.
    pub amount: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<&'static str>,
    pub unit: &'static str,
    /// The amount times its scale.
    pub value: f64,
}

impl AmountView {
    pub fn new(a: &Amount) -> Self {
        let w = a.scale.word();
        AmountView {
            amount: a.amount.to_f64(),
            scale: (!w.is_empty()).then_some(w),
            unit: a.unit.code(),
            value: a.value(),
        }
    }
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct FigureView<'a> {
    pub label: &'a str,
    pub label_zh: &'a str,
    /// The figure's number, scale, unit and value (no `#[serde(flatten)]`: it would make a JS `Map`).
    pub amount: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<&'static str>,
    pub unit: &'static str,
    /// The ISO 4217 code when the unit is a currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'static str>,
    pub value: f64,
    pub qualifier: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<&'a str>,
    pub change: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted: Option<AmountView>,
    /// Formatted for readers, in English and Chinese.
    pub text: String,
    pub text_zh: String,
}

impl<'a> FigureView<'a> {
    pub fn new(g: &'a Figure) -> Self {
        let a = AmountView::new(&g.value);
        FigureView {
            label: &g.label,
            label_zh: &g.label_zh,
            amount: a.amount,
            scale: a.scale,
            unit: a.unit,
            currency: g.value.unit.is_currency().then(|| g.value.unit.code()),
            value: a.value,
            qualifier: g.qualifier.code(),
            period: g.period.as_deref(),
            change: g.change,
            converted: g.converted.as_ref().map(AmountView::new),
            text: figure_text(g, Lang::En),
            text_zh: figure_text(g, Lang::Zh),
        }
    }
}

/// A fact as JS sees it.
#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct FactView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub title_zh: &'a str,
    pub statement: &'a str,
    pub statement_zh: &'a str,
    /// The date or period the fact refers to, ISO 8601.
    pub date: &'a str,
    pub date_text: String,
    pub date_text_zh: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_zh: Option<&'a str>,
    pub figures: Vec<FigureView<'a>>,
    pub entities: Vec<EntityView<'a>>,
    pub topics: Vec<&'a str>,
    pub source: SourceView<'a>,
}

impl<'a> FactView<'a> {
    pub fn new(ds: &'a DataSet, f: &'a Fact) -> Self {
        FactView {
            id: &f.id,
            title: &f.title,
            title_zh: &f.title_zh,
            statement: &f.statement,
            statement_zh: &f.statement_zh,
            date: &f.date,
            date_text: period_text(&f.date, Lang::En),
            date_text_zh: period_text(&f.date, Lang::Zh),
            note: f.note.as_deref(),
            note_zh: f.note_zh.as_deref(),
            figures: f.figures.iter().map(FigureView::new).collect(),
            entities: f.entities.iter().map(|&e| EntityView::new(ds, &ds.entities[e as usize])).collect(),
            topics: f.topics.iter().map(|&t| ds.topics[t as usize].id.as_str()).collect(),
            source: SourceView::new(ds.source_of(f)),
        }
    }
}
