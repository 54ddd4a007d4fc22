//! One pass per table of the data files, in the order references need: sources, topics and entities first (each
//! pass records its ids), then entity parents, then facts, which refer to all three. The passes before facts build
//! a [`Context`]; facts are then checked against it one file at a time ([`FactRows`]), each file on any thread.

use std::collections::HashMap;

use factcard_core::model::{Correction, DataSet, Entity, EntityKind, Fact, Figure, Qualifier, Source, Text, Topic};
use toml::Spanned;

use crate::locale::Plural;
use crate::units::Declared;

use crate::check::{forbidden_char, invisible, Ctx};
use crate::dates::parse_date;
use crate::hints::closest;
use crate::rates::{check_conversion, Conversion};
use crate::raw::{RawEntity, RawFact, RawFigure, RawFile, RawSource, RawTopic, RawUnit, SpannedString, SpannedText};

/// What facts are checked against: the set's languages, sources, topics and entities (the data set as built
/// before its facts), its own units, the ids of each table, each topic's `stale_after`, and today. Built by
/// [`Tables`], then only read.
#[derive(Default)]
pub(crate) struct Context {
    pub ds: DataSet,
    /// The units the set declares.
    pub declared: Vec<Declared>,
    sources: HashMap<String, usize>,
    topics: HashMap<String, usize>,
    entities: HashMap<String, usize>,
    /// Each topic's `stale_after`, as (months, days).
    topic_stale: Vec<Option<(u32, u32)>>,
    /// Today, in days since 1970-01-01 (for stale facts).
    today: i64,
}

/// The files that parsed (with their input index), and the context as built so far.
pub(crate) struct Tables<'a, 'b> {
    pub cx: &'b mut Ctx<'a>,
    pub files: &'b [(usize, RawFile)],
    pub set: Context,
}

impl<'a, 'b> Tables<'a, 'b> {
    pub fn new(cx: &'b mut Ctx<'a>, files: &'b [(usize, RawFile)]) -> Self {
        // A FACTCARD_TODAY or SOURCE_DATE_EPOCH that names no day fails the set: no fact is stale by the clock instead.
        let today = crate::dates::today().unwrap_or_else(|e| {
            cx.err_set(e);
            0
        });
        Tables { cx, files, set: Context { today, ..Context::default() } }
    }

    /// A text of the set, in its languages.
    fn text(&mut self, fi: usize, t: &SpannedText, what: &str, max: usize) -> Text {
        self.cx.texts(fi, t, what, &self.set.ds.langs, max)
    }

    /// `[dataset]`: the languages (English alone where no file says).
    pub fn dataset(&mut self) {
        let mut seen = false;
        for (fi, f) in self.files.iter() {
            let Some(d) = &f.dataset else { continue };
            if seen {
                self.cx.err(*fi, d.span(), "[dataset] is declared twice".into(), Some("declare it in one file".into()));
                continue;
            }
            seen = true;
            let langs = &d.get_ref().languages;
            if langs.get_ref().is_empty() {
                self.cx.err(
                    *fi,
                    langs.span(),
                    "[dataset] languages is empty".into(),
                    Some("name at least the default language, such as \"en\"".into()),
                );
            }
            for l in langs.get_ref() {
                if let Err(e) = crate::locale::Formatter::new(l.get_ref()) {
                    self.cx.err(
                        *fi,
                        l.span(),
                        format!("`{}` is not a language tag: {e}", l.get_ref()),
                        Some("write a BCP 47 tag such as en, zh, de, pt-BR".into()),
                    );
                } else if self.set.ds.langs.contains(l.get_ref()) {
                    self.cx.err(*fi, l.span(), format!("language `{}` is named twice", l.get_ref()), None);
                } else {
                    self.set.ds.langs.push(l.get_ref().clone());
                }
            }
        }
        if self.set.ds.langs.is_empty() {
            self.set.ds.langs.push("en".into());
        }
    }

    /// `[[unit]]`: the units the set declares, with their names per language and plural forms.
    pub fn units(&mut self) {
        for (fi, r) in self.rows(|f| &f.unit) {
            let id = self.cx.id(fi, &r.id, "unit");
            if self.set.declared.iter().any(|d| d.id == id) || crate::units::kind(&id, &[]).is_some() {
                self.cx.err(
                    fi,
                    r.id.span(),
                    format!("unit `{id}` is declared twice, or is a unit factcard knows"),
                    None,
                );
            }
            let names = self.unit_names(fi, r);
            self.set.declared.push(Declared { id, names });
        }
    }

    fn unit_names(&mut self, fi: usize, r: &RawUnit) -> Vec<Vec<(Plural, String)>> {
        let langs = &self.set.ds.langs;
        let mut names = vec![Vec::new(); langs.len()];
        let span = r.name.span();
        let forms = |v: &toml::Value| -> Option<Vec<(Plural, String)>> {
            match v {
                toml::Value::String(s) => Some(vec![(Plural::Other, s.trim().to_string())]),
                toml::Value::Table(t) => {
                    t.iter().map(|(k, v)| Some((plural(k)?, v.as_str()?.trim().to_string()))).collect()
                }
                _ => None,
            }
        };
        let by_lang = match r.name.get_ref() {
            toml::Value::Table(t) if !t.keys().all(|k| plural(k).is_some()) => {
                t.iter().map(|(k, v)| (Some(k.as_str()), v)).collect()
            }
            v => vec![(None, v)],
        };
        for (lang, v) in by_lang {
            let i = match lang {
                None => Some(0),
                Some(l) => langs.iter().position(|x| x == l),
            };
            match (i, forms(v)) {
                (Some(i), Some(f)) if !f.is_empty() && f.iter().all(|(_, n)| !n.is_empty()) => names[i] = f,
                (None, _) => self.cx.err(fi, span.clone(), format!("unit `{}`: the data set has no language `{}`", r.id.get_ref(), lang.unwrap_or("")), None),
                _ => self.cx.err(fi, span.clone(), format!("unit `{}` has a name that is not text", r.id.get_ref()), Some("write name = \"trip\", name = { one = \"trip\", other = \"trips\" } or name.de = { one = \"Fahrt\", other = \"Fahrten\" }".into())),
            }
        }
        if names[0].is_empty() {
            self.cx.err(
                fi,
                span,
                format!("unit `{}` has no name in the default language `{}`", r.id.get_ref(), langs[0]),
                None,
            );
        }
        names
    }

    /// Every row of one table, with the index of its file.
    fn rows<SpannedText: 'b>(
        &self,
        table: fn(&RawFile) -> &[Spanned<SpannedText>],
    ) -> impl Iterator<Item = (usize, &'b SpannedText)> {
        let files: &'b [(usize, RawFile)] = self.files;
        files.iter().flat_map(move |(fi, f)| table(f).iter().map(move |r| (*fi, r.get_ref())))
    }

    /// Records a new id of a table, refusing one used twice.
    fn new_id(&mut self, fi: usize, raw: &SpannedString, kind: &str, table: Table) -> String {
        let id = self.cx.id(fi, raw, kind);
        let n = match table {
            Table::Source => self.set.ds.sources.len(),
            Table::Topic => self.set.ds.topics.len(),
            Table::Entity => self.set.ds.entities.len(),
        };
        let ids = match table {
            Table::Source => &mut self.set.sources,
            Table::Topic => &mut self.set.topics,
            Table::Entity => &mut self.set.entities,
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
            self.set.ds.sources.push(s);
        }
    }

    fn source(&mut self, fi: usize, r: &RawSource, id: String) -> Source {
        let title = self.text(fi, &r.title, "title", 4000);
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
            title,
            date,
            date_text: Text::default(),
            author: r.author.as_ref().map(|a| cx.text(fi, a, "author")),
            url,
            // Unless it says otherwise, a source is in the set's default language (a Portuguese set's sources in pt).
            language: r.language.as_ref().map_or_else(|| self.set.ds.langs[0].clone(), |l| cx.text(fi, l, "language")),
            seed: r.seed.as_ref().map(|s| cx.text(fi, s, "seed")),
            note: r.note.as_ref().map(|n| cx.text(fi, n, "note")),
        }
    }

    pub fn topics(&mut self) {
        for (fi, r) in self.rows(|f| &f.topic) {
            let id = self.new_id(fi, &r.id, "topic", Table::Topic);
            let t = self.topic(fi, r, id);
            self.set.ds.topics.push(t);
            let stale = r.stale_after.as_ref().and_then(|d| self.cx.duration(fi, d));
            self.set.topic_stale.push(stale);
        }
    }

    fn topic(&mut self, fi: usize, r: &RawTopic, id: String) -> Topic {
        Topic { id, name: self.text(fi, &r.name, "name", 4000) }
    }

    pub fn entities(&mut self) {
        for (fi, r) in self.rows(|f| &f.entity) {
            let id = self.new_id(fi, &r.id, "entity", Table::Entity);
            let e = self.entity(fi, r, id);
            self.set.ds.entities.push(e);
        }
    }

    fn entity(&mut self, fi: usize, r: &RawEntity, id: String) -> Entity {
        let name = self.text(fi, &r.name, "name", 4000);
        let description = r.description.as_ref().map(|d| self.text(fi, d, "description", 4000));
        let cx = &mut *self.cx;
        let kind = EntityKind::from_code(r.kind.get_ref()).unwrap_or_else(|| {
            let all: Vec<_> = EntityKind::ALL.iter().map(|k| k.code()).collect();
            let hint = Some(format!("expected one of: {}", all.join(", ")));
            cx.err(fi, r.kind.span(), format!("unknown entity kind `{}`", r.kind.get_ref()), hint);
            EntityKind::Area
        });
        Entity {
            id,
            name,
            kind,
            parent: None,
            aliases: r.aliases.iter().map(|a| cx.text(fi, a, "alias")).collect(),
            description,
        }
    }

    /// Entity parents, once every entity has its index; then parent chains that loop.
    pub fn parents(&mut self) {
        for (ei, (fi, r)) in self.rows(|f| &f.entity).enumerate() {
            let Some(p) = &r.parent else { continue };
            match self.set.entities.get(p.get_ref()) {
                Some(&pi) => self.set.ds.entities[ei].parent = Some(pi as u32),
                None => {
                    let hint = closest(p.get_ref(), self.set.entities.keys());
                    self.cx.err(fi, p.span(), format!("unknown parent entity `{}`", p.get_ref()), hint);
                }
            }
        }
        let n = self.set.ds.entities.len();
        for i in 0..n {
            if self.set.ds.ancestors(i).take(n).any(|a| a == i) {
                self.cx.err_set(format!("entity `{}` is its own ancestor", self.set.ds.entities[i].id));
            }
        }
    }
}

/// One file's facts, checked against the context, their errors into the file's own [`Ctx`]: what the facts pass
/// does for each file, on any thread.
pub(crate) struct FactRows<'c, 'x, 'a> {
    pub set: &'c Context,
    pub cx: &'x mut Ctx<'a>,
}

impl FactRows<'_, '_, '_> {
    /// The facts of file `fi`, in their order; `twice` are the indexes (within the file, in order) of the facts
    /// whose id an earlier fact of the set has.
    pub fn facts(&mut self, fi: usize, file: &RawFile, twice: &[usize]) -> Vec<Fact> {
        let mut out = Vec::with_capacity(file.fact.len());
        for (k, r) in file.fact.iter().enumerate() {
            let r = r.get_ref();
            let id = self.cx.id(fi, &r.id, "fact");
            if twice.binary_search(&k).is_ok() {
                self.cx.err(fi, r.id.span(), format!("fact id `{id}` is used twice"), None);
            }
            let f = self.fact(fi, r, id);
            out.push(f);
        }
        out
    }

    /// A text of the set, in its languages.
    fn text(&mut self, fi: usize, t: &SpannedText, what: &str, max: usize) -> Text {
        self.cx.texts(fi, t, what, &self.set.ds.langs, max)
    }

    fn fact(&mut self, fi: usize, r: &RawFact, id: String) -> Fact {
        let source = match self.set.sources.get(r.source.get_ref()) {
            Some(&s) => s as u32,
            None => {
                let hint = closest(r.source.get_ref(), self.set.sources.keys());
                self.cx.err(fi, r.source.span(), format!("unknown source `{}`", r.source.get_ref()), hint);
                0
            }
        };
        let entities = self.refs(fi, &r.entities, Table::Entity);
        let topics = self.refs(fi, &r.topics, Table::Topic);
        let date = self.cx.period(fi, &r.date, "date");
        let note = r.note.as_ref().map(|n| self.text(fi, n, "note", 4000));
        let year = self.set.ds.sources.get(source as usize).and_then(|s| s.date.get(..4)?.parse().ok()).unwrap_or(0);
        // Collected from a filter, the list would keep room for four figures where most facts have one.
        let mut figures: Vec<Figure> =
            r.figures.iter().filter_map(|g| self.figure(fi, g.get_ref(), year, note.is_some())).collect();
        figures.shrink_to_fit();
        let updated = r.updated.as_ref().map(|u| self.cx.day(fi, u, "updated"));
        let mut corrections: Vec<Correction> = r
            .corrections
            .iter()
            .map(|c| {
                let c = c.get_ref();
                Correction {
                    date: self.cx.day(fi, &c.date, "correction date"),
                    date_text: Text::default(),
                    wrong: self.text(fi, &c.wrong, "wrong", 4000),
                    changed: self.text(fi, &c.changed, "changed", 4000),
                }
            })
            .collect();
        corrections.sort_by(|a, b| a.date.cmp(&b.date));
        // The fact's own limit, else the strictest of its topics'.
        let limit = match &r.stale_after {
            Some(d) => self.cx.duration(fi, d),
            None => topics.iter().filter_map(|&t| self.set.topic_stale.get(t as usize).copied().flatten()).min(),
        };
        let stale = match (limit, crate::dates::period_end(&date)) {
            (Some((months, days)), Some(end)) => crate::dates::add(end, months, days) < self.set.today,
            _ => false,
        };
        Fact {
            id,
            title: self.text(fi, &r.title, "title", 200),
            statement: self.text(fi, &r.statement, "statement", 4000),
            source,
            entities,
            topics,
            date,
            date_text: Text::default(),
            note,
            figures,
            updated,
            updated_text: None,
            corrections,
            stale,
        }
    }

    /// A fact's list of entities or topics: at least one, each known.
    fn refs(&mut self, fi: usize, list: &Spanned<Vec<SpannedString>>, table: Table) -> Vec<u32> {
        let (what, ids) = match table {
            Table::Entity => ("entity", &self.set.entities),
            _ => ("topic", &self.set.topics),
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
        let value = self.cx.amount(fi, &g.amount, &g.scale, &g.unit, &self.set.declared, &self.set.ds.langs)?;
        let label = self.text(fi, &g.label, "label", 4000);
        let cx = &mut *self.cx;
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
            let to = cx.amount(fi, &ca.amount, &ca.scale, &ca.unit, &self.set.declared, &self.set.ds.langs)?;
            check_conversion(cx, fi, c.span(), &Conversion { from: &value, to: &to, year, has_note });
            Some(to)
        });
        Some(Figure {
            label,
            value,
            qualifier,
            period: g.period.as_ref().map(|p| cx.period(fi, p, "period")),
            change: g.change,
            converted,
            text: Text::default(),
            amount_text: Text::default(),
            period_text: None,
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

/// A CLDR plural category by its name.
fn plural(k: &str) -> Option<Plural> {
    Some(match k {
        "zero" => Plural::Zero,
        "one" => Plural::One,
        "two" => Plural::Two,
        "few" => Plural::Few,
        "many" => Plural::Many,
        "other" => Plural::Other,
        _ => return None,
    })
}
