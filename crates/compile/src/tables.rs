//! One pass per table of the data files, in the order references need: sources, topics and entities first (each
//! pass records its ids), then entity parents, then facts, which refer to all three.

use std::collections::HashMap;

use factcard_core::model::{DataSet, Entity, EntityKind, Fact, Figure, Qualifier, Source, Topic};
use toml::Spanned;

use crate::check::{forbidden_char, invisible, Ctx};
use crate::dates::parse_date;
use crate::hints::closest;
use crate::rates::{check_conversion, Conversion};
use crate::raw::{RawEntity, RawFact, RawFigure, RawFile, RawSource, RawTopic, S};

/// The files that parsed (with their input index), the data set as built so far, and the ids seen.
pub(crate) struct Tables<'a, 'b> {
    pub cx: &'b mut Ctx<'a>,
    pub files: &'b [(usize, RawFile)],
    pub ds: DataSet,
    sources: HashMap<String, usize>,
    topics: HashMap<String, usize>,
    entities: HashMap<String, usize>,
}

impl<'a, 'b> Tables<'a, 'b> {
    pub fn new(cx: &'b mut Ctx<'a>, files: &'b [(usize, RawFile)]) -> Self {
        let (sources, topics, entities) = Default::default();
        Tables { cx, files, ds: DataSet::default(), sources, topics, entities }
    }

    /// Every row of one table, with the index of its file.
    fn rows<T: 'b>(&self, table: fn(&RawFile) -> &[Spanned<T>]) -> impl Iterator<Item = (usize, &'b T)> {
        let files: &'b [(usize, RawFile)] = self.files;
        files.iter().flat_map(move |(fi, f)| table(f).iter().map(move |r| (*fi, r.get_ref())))
    }

    /// Records a new id of a table, refusing one used twice.
    fn new_id(&mut self, fi: usize, raw: &S, kind: &str, table: Table) -> String {
        let id = self.cx.id(fi, raw, kind);
        let n = match table {
            Table::Source => self.ds.sources.len(),
            Table::Topic => self.ds.topics.len(),
            Table::Entity => self.ds.entities.len(),
        };
        let ids = match table {
            Table::Source => &mut self.sources,
            Table::Topic => &mut self.topics,
            Table::Entity => &mut self.entities,
        };
        if ids.insert(id.clone(), n).is_some() {
            self.cx.err(fi, raw.span(), format!("{kind} id `{id}` is used twice"), None);
        }
        id
    }

    pub fn sources(&mut self) {
        for (fi, r) in self.rows(|f| &f.source) {
            let id = self.new_id(fi, &r.id, "source", Table::Source);
            let s = self.source(fi, r, id);
            self.ds.sources.push(s);
        }
    }

    fn source(&mut self, fi: usize, r: &RawSource, id: String) -> Source {
        let cx = &mut *self.cx;
        let date = r.date.get_ref().trim().to_string();
        if date.len() != 10 || parse_date(&date).is_none() {
            cx.err(fi, r.date.span(), format!("source date `{date}` is not a date"), Some("write YYYY-MM-DD".into()));
        }
        let url = r.url.as_ref().map(|u| {
            let v = cx.text(fi, u, "url");
            if !(v.starts_with("https://") || v.starts_with("http://"))
                || v.contains(|c: char| c.is_whitespace() || invisible(c) || forbidden_char(c))
            {
                let hint = Some("only https:// and http:// addresses are allowed".into());
                cx.err(fi, u.span(), format!("url `{v}` is not an http(s) address"), hint);
            }
            v
        });
        Source {
            id,
            publisher: cx.text(fi, &r.publisher, "publisher"),
            title: cx.text(fi, &r.title, "title"),
            date,
            author: r.author.as_ref().map(|a| cx.text(fi, a, "author")),
            url,
            language: r.language.as_ref().map_or_else(|| "en".to_string(), |l| cx.text(fi, l, "language")),
            seed: r.seed.as_ref().map(|s| cx.text(fi, s, "seed")),
            note: r.note.as_ref().map(|n| cx.text(fi, n, "note")),
        }
    }

    pub fn topics(&mut self) {
        for (fi, r) in self.rows(|f| &f.topic) {
            let id = self.new_id(fi, &r.id, "topic", Table::Topic);
            let t = self.topic(fi, r, id);
            self.ds.topics.push(t);
        }
    }

    fn topic(&mut self, fi: usize, r: &RawTopic, id: String) -> Topic {
        Topic { id, name: self.cx.text(fi, &r.name, "name"), name_zh: self.cx.text(fi, &r.name_zh, "name_zh") }
    }

    pub fn entities(&mut self) {
        for (fi, r) in self.rows(|f| &f.entity) {
            let id = self.new_id(fi, &r.id, "entity", Table::Entity);
            let e = self.entity(fi, r, id);
            self.ds.entities.push(e);
        }
    }

    fn entity(&mut self, fi: usize, r: &RawEntity, id: String) -> Entity {
        let cx = &mut *self.cx;
        let kind = EntityKind::from_code(r.kind.get_ref()).unwrap_or_else(|| {
            let all: Vec<_> = EntityKind::ALL.iter().map(|k| k.code()).collect();
            let hint = Some(format!("expected one of: {}", all.join(", ")));
            cx.err(fi, r.kind.span(), format!("unknown entity kind `{}`", r.kind.get_ref()), hint);
            EntityKind::Area
        });
        Entity {
            id,
            name: cx.text(fi, &r.name, "name"),
            name_zh: cx.text(fi, &r.name_zh, "name_zh"),
            kind,
            parent: None,
            aliases: r.aliases.iter().map(|a| cx.text(fi, a, "alias")).collect(),
            description: r.description.as_ref().map(|d| cx.text(fi, d, "description")),
            description_zh: r.description_zh.as_ref().map(|d| cx.text(fi, d, "description_zh")),
        }
    }

    /// Entity parents, once every entity has its index; then parent chains that loop.
    pub fn parents(&mut self) {
        for (ei, (fi, r)) in self.rows(|f| &f.entity).enumerate() {
            let Some(p) = &r.parent else { continue };
            match self.entities.get(p.get_ref()) {
                Some(&pi) => self.ds.entities[ei].parent = Some(pi as u32),
                None => {
                    let hint = closest(p.get_ref(), self.entities.keys());
                    self.cx.err(fi, p.span(), format!("unknown parent entity `{}`", p.get_ref()), hint);
                }
            }
        }
        let n = self.ds.entities.len();
        for i in 0..n {
            if self.ds.ancestors(i).take(n).any(|a| a == i) {
                self.cx.err_set(format!("entity `{}` is its own ancestor", self.ds.entities[i].id));
            }
        }
    }

    pub fn facts(&mut self) {
        let mut ids: HashMap<String, ()> = HashMap::new();
        for (fi, r) in self.rows(|f| &f.fact) {
            let id = self.cx.id(fi, &r.id, "fact");
            if ids.insert(id.clone(), ()).is_some() {
                self.cx.err(fi, r.id.span(), format!("fact id `{id}` is used twice"), None);
            }
            let f = self.fact(fi, r, id);
            self.ds.facts.push(f);
        }
    }

    fn fact(&mut self, fi: usize, r: &RawFact, id: String) -> Fact {
        let source = match self.sources.get(r.source.get_ref()) {
            Some(&s) => s as u32,
            None => {
                let hint = closest(r.source.get_ref(), self.sources.keys());
                self.cx.err(fi, r.source.span(), format!("unknown source `{}`", r.source.get_ref()), hint);
                0
            }
        };
        let entities = self.refs(fi, &r.entities, Table::Entity);
        let topics = self.refs(fi, &r.topics, Table::Topic);
        let cx = &mut *self.cx;
        let date = cx.period(fi, &r.date, "date");
        let note = r.note.as_ref().map(|n| cx.text(fi, n, "note"));
        let note_zh = r.note_zh.as_ref().map(|n| cx.text(fi, n, "note_zh"));
        if note.is_some() != note_zh.is_some() {
            let msg = format!("fact `{id}` has a note in one language only");
            cx.err(fi, r.id.span(), msg, Some("write both note and note_zh".into()));
        }
        let year = self.ds.sources.get(source as usize).and_then(|s| s.date.get(..4)?.parse().ok()).unwrap_or(0);
        let figures = r.figures.iter().filter_map(|g| self.figure(fi, g.get_ref(), year, note.is_some())).collect();
        let cx = &mut *self.cx;
        Fact {
            id,
            title: cx.text_limit(fi, &r.title, "title", 200),
            title_zh: cx.text_limit(fi, &r.title_zh, "title_zh", 200),
            statement: cx.text(fi, &r.statement, "statement"),
            statement_zh: cx.text(fi, &r.statement_zh, "statement_zh"),
            source,
            entities,
            topics,
            date,
            note,
            note_zh,
            figures,
        }
    }

    /// A fact's list of entities or topics: at least one, each known.
    fn refs(&mut self, fi: usize, list: &Spanned<Vec<S>>, table: Table) -> Vec<u32> {
        let (what, ids) = match table {
            Table::Entity => ("entity", &self.entities),
            _ => ("topic", &self.topics),
        };
        if list.get_ref().is_empty() {
            self.cx.err(fi, list.span(), format!("a fact needs at least one {what}"), None);
        }
        let mut out = Vec::new();
        for x in list.get_ref() {
            match ids.get(x.get_ref()) {
                Some(&i) => out.push(i as u32),
                None => {
                    let hint = closest(x.get_ref(), ids.keys());
                    self.cx.err(fi, x.span(), format!("unknown {what} `{}`", x.get_ref()), hint);
                }
            }
        }
        out
    }

    fn figure(&mut self, fi: usize, g: &RawFigure, year: u32, has_note: bool) -> Option<Figure> {
        let cx = &mut *self.cx;
        let value = cx.amount(fi, &g.amount, &g.scale, &g.unit)?;
        let qualifier = match &g.qualifier {
            None => Qualifier::Exact,
            Some(q) => Qualifier::from_code(q.get_ref()).unwrap_or_else(|| {
                let all: Vec<_> = Qualifier::ALL.iter().map(|q| q.code()).collect();
                let hint = Some(format!("expected one of: {}", all.join(", ")));
                cx.err(fi, q.span(), format!("unknown qualifier `{}`", q.get_ref()), hint);
                Qualifier::Exact
            }),
        };
        let converted = g.converted.as_ref().and_then(|c| {
            let ca = c.get_ref();
            let to = cx.amount(fi, &ca.amount, &ca.scale, &ca.unit)?;
            check_conversion(cx, fi, c.span(), &Conversion { from: &value, to: &to, year, has_note });
            Some(to)
        });
        Some(Figure {
            label: cx.text(fi, &g.label, "label"),
            label_zh: cx.text(fi, &g.label_zh, "label_zh"),
            value,
            qualifier,
            period: g.period.as_ref().map(|p| cx.period(fi, p, "period")),
            change: g.change,
            converted,
        })
    }
}

/// The tables whose ids others refer to.
#[derive(Clone, Copy)]
enum Table {
    Source,
    Topic,
    Entity,
}
