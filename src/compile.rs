//! The data-file compiler: TOML facts files in, a validated [`DataSet`] out.
//!
//! It runs natively only — in `build.rs`, which compiles `seeds/` into the wasm binary, and in the `factcard`
//! command-line tool — so the TOML parser costs the wasm nothing. It reports every error it finds, not only the
//! first, each with file, line and column, what it found, what it expected and, where it can, a hint.
//!
//! ```
//! use factcard::compile::{compile, Input};
//! let bad = Input::new("a.toml", "[[topic]]\nid = \"x\"\nname = \"X\"\n");
//! let errors = compile(&[bad]).unwrap_err();
//! assert_eq!(errors[0].to_string(), "a.toml:1:1: missing field `name_zh`");
//! ```

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::model::{Amount, DataSet, Decimal, Entity, Fact, Figure, Qualifier, Scale, Source, Topic, Unit};

/// One data file: its name (as errors show it) and its text.
pub struct Input {
    pub name: String,
    pub text: String,
}

impl Input {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Input {
        Input { name: name.into(), text: text.into() }
    }
}

/// A problem in a data file, at a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Reads every `*.toml` file below `dir` (in path order) and compiles them together.
pub fn compile_dir(dir: &Path) -> Result<DataSet, Vec<Error>> {
    let mut paths = Vec::new();
    collect_toml(dir, &mut paths).map_err(|e| vec![io_error(dir, &e)])?;
    paths.sort();
    read_and_compile(&paths)
}

/// Reads the named files (a folder stands for every `*.toml` below it) and compiles them together.
pub fn read_and_compile(paths: &[PathBuf]) -> Result<DataSet, Vec<Error>> {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inner = Vec::new();
            if let Err(e) = collect_toml(p, &mut inner) {
                errors.push(io_error(p, &e));
            }
            inner.sort();
            for q in inner {
                read_input(&q, &mut inputs, &mut errors);
            }
        } else {
            read_input(p, &mut inputs, &mut errors);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    compile(&inputs)
}

fn read_input(p: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<Error>) {
    match std::fs::read_to_string(p) {
        Ok(text) => inputs.push(Input::new(p.display().to_string(), text)),
        Err(e) => errors.push(io_error(p, &e)),
    }
}

fn io_error(p: &Path, e: &std::io::Error) -> Error {
    Error { file: p.display().to_string(), line: 1, column: 1, message: format!("cannot read: {e}"), hint: None }
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

// ---- The files as written -------------------------------------------------------------------------------

type S = Spanned<String>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    source: Vec<Spanned<RawSource>>,
    #[serde(default)]
    topic: Vec<Spanned<RawTopic>>,
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
    #[serde(default)]
    fact: Vec<Spanned<RawFact>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: S,
    publisher: S,
    title: S,
    date: S,
    author: Option<S>,
    url: Option<S>,
    language: Option<S>,
    seed: Option<S>,
    note: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: S,
    name: S,
    name_zh: S,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: S,
    name: S,
    name_zh: S,
    kind: S,
    parent: Option<S>,
    #[serde(default)]
    aliases: Vec<S>,
    description: Option<S>,
    description_zh: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    id: S,
    title: S,
    title_zh: S,
    statement: S,
    statement_zh: S,
    source: S,
    entities: Spanned<Vec<S>>,
    topics: Spanned<Vec<S>>,
    date: S,
    note: Option<S>,
    note_zh: Option<S>,
    #[serde(default)]
    figures: Vec<Spanned<RawFigure>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    label: S,
    label_zh: S,
    amount: Spanned<toml::Value>,
    scale: Option<S>,
    unit: S,
    qualifier: Option<S>,
    period: Option<S>,
    #[serde(default)]
    change: bool,
    converted: Option<Spanned<RawAmount>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAmount {
    amount: Spanned<toml::Value>,
    scale: Option<S>,
    unit: S,
}

/// Entity kinds a data file may use.
pub const ENTITY_KINDS: &[&str] = &[
    "country",
    "province",
    "municipality",
    "city",
    "district",
    "area",
    "company",
    "institution",
    "plan",
    "product",
    "event",
    "person",
    "industry",
];

// ---- Compiling ------------------------------------------------------------------------------------------

struct Ctx<'a> {
    inputs: &'a [Input],
    errors: Vec<Error>,
}

impl Ctx<'_> {
    fn err(&mut self, file: usize, span: Range<usize>, message: String, hint: Option<String>) {
        let (line, column) = line_col(&self.inputs[file].text, span.start);
        // Messages quote values from the file: invisible characters in them must not reach a terminal.
        let (message, hint) = (visible(&message), hint.map(|h| visible(&h)));
        self.errors.push(Error { file: self.inputs[file].name.clone(), line, column, message, hint });
    }

    /// Checks a text field: not blank, no control or bidirectional-override characters, not huge.
    fn text(&mut self, file: usize, s: &S, what: &str) -> String {
        self.text_limit(file, s, what, 4000)
    }

    fn text_limit(&mut self, file: usize, s: &S, what: &str, max: usize) -> String {
        let v = s.get_ref();
        if v.chars().all(|c| c.is_whitespace() || invisible(c)) {
            self.err(file, s.span(), format!("{what} is empty"), Some("write the text, or leave the key out".into()));
        } else if let Some(c) = v.trim_start().chars().next().filter(|&c| combining(c)) {
            self.err(
                file,
                s.span(),
                format!("{what} starts with the combining mark U+{:04X}", c as u32),
                Some("a combining mark must follow the letter it belongs to".into()),
            );
        } else if let Some(c) = v.chars().find(|&c| forbidden_char(c)) {
            self.err(
                file,
                s.span(),
                format!("{what} contains the control character U+{:04X}", c as u32),
                Some("remove invisible control and bidirectional-override characters".into()),
            );
        } else if v.len() > max {
            self.err(file, s.span(), format!("{what} is {} bytes long; at most {max} are allowed", v.len()), None);
        }
        v.trim().to_string()
    }

    fn id(&mut self, file: usize, s: &S, kind: &str) -> String {
        let v = s.get_ref();
        let ok = !v.is_empty()
            && v.len() <= 80
            && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !v.starts_with('-')
            && !v.ends_with('-');
        if !ok {
            self.err(
                file,
                s.span(),
                format!("{kind} id `{v}` is not valid"),
                Some("use lowercase ASCII letters, digits and single hyphens, at most 80 characters".into()),
            );
        }
        v.clone()
    }

    fn period(&mut self, file: usize, s: &S, what: &str) -> String {
        let v = s.get_ref().trim();
        if !valid_period(v) {
            self.err(
                file,
                s.span(),
                format!("{what} `{v}` is not an ISO 8601 date or period"),
                Some("write YYYY, YYYY-MM, YYYY-MM-DD or an interval START/END such as 2022-01/2022-09".into()),
            );
        }
        v.to_string()
    }

    fn amount(&mut self, file: usize, amount: &Spanned<toml::Value>, scale: &Option<S>, unit: &S) -> Option<Amount> {
        let dec = match amount.get_ref() {
            toml::Value::Integer(i) if *i >= 0 => Decimal::parse(&i.to_string()),
            toml::Value::Float(f) if *f >= 0.0 && f.is_finite() => Decimal::parse(&format!("{f}")),
            _ => None,
        };
        let Some(dec) = dec else {
            self.err(
                file,
                amount.span(),
                format!("amount {} is not a non-negative number", describe(amount.get_ref())),
                Some("write the number as printed, without its scale word: 46.3 for \"46.3 billion\"".into()),
            );
            return None;
        };
        let scale = match scale {
            None => Scale::One,
            Some(s) => match Scale::from_word(s.get_ref()) {
                Some(sc) if sc != Scale::One => sc,
                _ => {
                    self.err(
                        file,
                        s.span(),
                        format!("unknown scale `{}`", s.get_ref()),
                        Some("expected one of: thousand, million, billion, trillion".into()),
                    );
                    return None;
                }
            },
        };
        let Some(u) = Unit::from_code(unit.get_ref()) else {
            let all: Vec<_> = Unit::ALL.iter().map(|u| u.code()).collect();
            self.err(
                file,
                unit.span(),
                format!("unknown unit `{}`", unit.get_ref()),
                Some(format!("expected one of: {}", all.join(", "))),
            );
            return None;
        };
        Some(Amount { amount: dec, scale, unit: u })
    }
}

/// A TOML value as an error message shows it.
fn describe(v: &toml::Value) -> String {
    match v {
        toml::Value::Integer(i) => format!("`{i}`"),
        toml::Value::Float(f) => format!("`{f}`"),
        toml::Value::String(s) => format!("\"{s}\" (a string)"),
        other => format!("of type {}", other.type_str()),
    }
}

/// Characters refused in any text: C0/C1 controls other than newline and tab, bidirectional controls, and
/// Unicode tag characters (invisible, and used to smuggle text).
fn forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(c, '\u{E0000}'..='\u{E007F}')
}

/// Zero-width characters: allowed inside text (they have uses in some scripts), but not as all of it, and not
/// in addresses.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Combining marks: text may not start with one (it would merge with the markup's `>` once normalized).
pub fn combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// `s` with control, bidirectional and zero-width characters written as `U+XXXX`, for messages.
fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if forbidden_char(c) || invisible(c) {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether `s` is `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or `A/B` of two such, with A not after B.
pub fn valid_period(s: &str) -> bool {
    match s.split_once('/') {
        Some((a, b)) => match (parse_date(a), parse_date(b)) {
            (Some(x), Some(y)) => x <= y,
            _ => false,
        },
        None => parse_date(s).is_some(),
    }
}

/// `(year, month, day)` with 0 for a part left out.
fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = s.split('-').collect();
    let num =
        |p: &str, len: usize| (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?;
    let y = num(parts.first()?, 4)?;
    let m = if parts.len() > 1 { num(parts[1], 2)? } else { 0 };
    let d = if parts.len() > 2 { num(parts[2], 2)? } else { 0 };
    if parts.len() > 3 || !(1900..=2100).contains(&y) {
        return None;
    }
    if parts.len() > 1 && !(1..=12).contains(&m) {
        return None;
    }
    if parts.len() > 2 {
        let days = [
            31,
            if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        if d == 0 || d > days[m as usize - 1] {
            return None;
        }
    }
    Some((y, m, d))
}

/// Yuan per US dollar: the lowest and highest of each year's market rate (rounded outward).
const CNY_PER_USD: &[(u32, f64, f64)] = &[
    (2015, 6.18, 6.50),
    (2016, 6.45, 6.97),
    (2017, 6.45, 6.96),
    (2018, 6.26, 6.98),
    (2019, 6.67, 7.18),
    (2020, 6.45, 7.18),
    (2021, 6.34, 6.59),
    (2022, 6.30, 7.33),
    (2023, 6.69, 7.35),
    (2024, 7.00, 7.35),
    (2025, 7.10, 7.35),
    (2026, 6.80, 7.35),
];

/// How far a rounded conversion in a news text may stray from the year's range.
const RATE_SLACK: f64 = 0.04;

/// Whether `yuan / dollars` is a plausible exchange rate in `year`.
pub fn plausible_rate(year: u32, rate: f64) -> Option<bool> {
    let &(_, lo, hi) = CNY_PER_USD.iter().find(|r| r.0 == year)?;
    Some(rate >= lo * (1.0 - RATE_SLACK) && rate <= hi * (1.0 + RATE_SLACK))
}

/// Compiles the files together into one data set, or returns every error found.
pub fn compile(inputs: &[Input]) -> Result<DataSet, Vec<Error>> {
    let mut cx = Ctx { inputs, errors: Vec::new() };
    let mut files = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        match toml::from_str::<RawFile>(&input.text) {
            Ok(f) => files.push((i, f)),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                cx.err(i, span, e.message().trim().to_string(), None);
            }
        }
    }

    // Sources and topics: ids first, so that facts can refer to them.
    let mut ds = DataSet::default();
    let mut source_ids: HashMap<String, (usize, Range<usize>)> = HashMap::new();
    let mut topic_ids: HashMap<String, usize> = HashMap::new();
    let mut entity_ids: HashMap<String, usize> = HashMap::new();
    for (fi, f) in &files {
        let fi = *fi;
        for s in &f.source {
            let r = s.get_ref();
            let id = cx.id(fi, &r.id, "source");
            if source_ids.contains_key(&id) {
                cx.err(fi, r.id.span(), format!("source id `{id}` is used twice"), None);
            }
            let date = r.date.get_ref().trim().to_string();
            if date.len() != 10 || parse_date(&date).is_none() {
                cx.err(
                    fi,
                    r.date.span(),
                    format!("source date `{date}` is not a date"),
                    Some("write YYYY-MM-DD".into()),
                );
            }
            let url = r.url.as_ref().map(|u| {
                let v = cx.text(fi, u, "url");
                if !(v.starts_with("https://") || v.starts_with("http://"))
                    || v.contains(|c: char| c.is_whitespace() || invisible(c) || forbidden_char(c))
                {
                    cx.err(
                        fi,
                        u.span(),
                        format!("url `{v}` is not an http(s) address"),
                        Some("only https:// and http:// addresses are allowed".into()),
                    );
                }
                v
            });
            source_ids.insert(id.clone(), (ds.sources.len(), r.id.span()));
            ds.sources.push(Source {
                id,
                publisher: cx.text(fi, &r.publisher, "publisher"),
                title: cx.text(fi, &r.title, "title"),
                date,
                author: r.author.as_ref().map(|a| cx.text(fi, a, "author")),
                url,
                language: r.language.as_ref().map_or_else(|| "en".to_string(), |l| cx.text(fi, l, "language")),
                seed: r.seed.as_ref().map(|s| cx.text(fi, s, "seed")),
                note: r.note.as_ref().map(|n| cx.text(fi, n, "note")),
            });
        }
        for t in &f.topic {
            let r = t.get_ref();
            let id = cx.id(fi, &r.id, "topic");
            if topic_ids.contains_key(&id) {
                cx.err(fi, r.id.span(), format!("topic id `{id}` is used twice"), None);
            }
            topic_ids.insert(id.clone(), ds.topics.len());
            ds.topics.push(Topic {
                id,
                name: cx.text(fi, &r.name, "name"),
                name_zh: cx.text(fi, &r.name_zh, "name_zh"),
            });
        }
        for e in &f.entity {
            let r = e.get_ref();
            let id = cx.id(fi, &r.id, "entity");
            if entity_ids.contains_key(&id) {
                cx.err(fi, r.id.span(), format!("entity id `{id}` is used twice"), None);
            }
            if !ENTITY_KINDS.contains(&r.kind.get_ref().as_str()) {
                cx.err(
                    fi,
                    r.kind.span(),
                    format!("unknown entity kind `{}`", r.kind.get_ref()),
                    Some(format!("expected one of: {}", ENTITY_KINDS.join(", "))),
                );
            }
            entity_ids.insert(id.clone(), ds.entities.len());
            ds.entities.push(Entity {
                id,
                name: cx.text(fi, &r.name, "name"),
                name_zh: cx.text(fi, &r.name_zh, "name_zh"),
                kind: r.kind.get_ref().clone(),
                parent: None,
                aliases: r.aliases.iter().map(|a| cx.text(fi, a, "alias")).collect(),
                description: r.description.as_ref().map(|d| cx.text(fi, d, "description")),
                description_zh: r.description_zh.as_ref().map(|d| cx.text(fi, d, "description_zh")),
            });
        }
    }

    // Entity parents, then cycles.
    let mut ei = 0;
    for (fi, f) in &files {
        for e in &f.entity {
            if let Some(p) = &e.get_ref().parent {
                match entity_ids.get(p.get_ref()) {
                    Some(&pi) => ds.entities[ei].parent = Some(pi as u32),
                    None => {
                        let hint = closest(p.get_ref(), entity_ids.keys());
                        cx.err(*fi, p.span(), format!("unknown parent entity `{}`", p.get_ref()), hint);
                    }
                }
            }
            ei += 1;
        }
    }
    for (i, e) in ds.entities.iter().enumerate() {
        let mut cur = e.parent;
        for _ in 0..=ds.entities.len() {
            match cur {
                Some(p) if p as usize == i => {
                    let msg = format!("entity `{}` is its own ancestor", e.id);
                    cx.errors.push(Error { file: "(data set)".into(), line: 1, column: 1, message: msg, hint: None });
                    break;
                }
                Some(p) => cur = ds.entities[p as usize].parent,
                None => break,
            }
        }
    }

    let mut fact_ids: HashMap<String, ()> = HashMap::new();
    for (fi, f) in &files {
        let fi = *fi;
        for fact in &f.fact {
            let r = fact.get_ref();
            let id = cx.id(fi, &r.id, "fact");
            if fact_ids.insert(id.clone(), ()).is_some() {
                cx.err(fi, r.id.span(), format!("fact id `{id}` is used twice"), None);
            }
            let source = match source_ids.get(r.source.get_ref()) {
                Some(&(s, _)) => s as u32,
                None => {
                    let hint = closest(r.source.get_ref(), source_ids.keys());
                    cx.err(fi, r.source.span(), format!("unknown source `{}`", r.source.get_ref()), hint);
                    0
                }
            };
            let mut entities = Vec::new();
            if r.entities.get_ref().is_empty() {
                cx.err(fi, r.entities.span(), "a fact needs at least one entity".into(), None);
            }
            for e in r.entities.get_ref() {
                match entity_ids.get(e.get_ref()) {
                    Some(&x) => entities.push(x as u32),
                    None => {
                        let hint = closest(e.get_ref(), entity_ids.keys());
                        cx.err(fi, e.span(), format!("unknown entity `{}`", e.get_ref()), hint);
                    }
                }
            }
            let mut topics = Vec::new();
            if r.topics.get_ref().is_empty() {
                cx.err(fi, r.topics.span(), "a fact needs at least one topic".into(), None);
            }
            for t in r.topics.get_ref() {
                match topic_ids.get(t.get_ref()) {
                    Some(&x) => topics.push(x as u32),
                    None => {
                        let hint = closest(t.get_ref(), topic_ids.keys());
                        cx.err(fi, t.span(), format!("unknown topic `{}`", t.get_ref()), hint);
                    }
                }
            }
            let date = cx.period(fi, &r.date, "date");
            let note = r.note.as_ref().map(|n| cx.text(fi, n, "note"));
            let note_zh = r.note_zh.as_ref().map(|n| cx.text(fi, n, "note_zh"));
            if note.is_some() != note_zh.is_some() {
                cx.err(
                    fi,
                    r.id.span(),
                    format!("fact `{id}` has a note in one language only"),
                    Some("write both note and note_zh".into()),
                );
            }
            let mut figures = Vec::new();
            for fig in &r.figures {
                let g = fig.get_ref();
                let Some(value) = cx.amount(fi, &g.amount, &g.scale, &g.unit) else {
                    continue;
                };
                let qualifier = match &g.qualifier {
                    None => Qualifier::Exact,
                    Some(q) => Qualifier::from_code(q.get_ref()).unwrap_or_else(|| {
                        let all: Vec<_> = Qualifier::ALL.iter().map(|q| q.code()).collect();
                        cx.err(
                            fi,
                            q.span(),
                            format!("unknown qualifier `{}`", q.get_ref()),
                            Some(format!("expected one of: {}", all.join(", "))),
                        );
                        Qualifier::Exact
                    }),
                };
                let converted = match &g.converted {
                    None => None,
                    Some(c) => {
                        let ca = c.get_ref();
                        let conv = cx.amount(fi, &ca.amount, &ca.scale, &ca.unit);
                        if let Some(conv) = conv {
                            check_conversion(&mut cx, fi, c.span(), &value, &conv, &ds, source, note.is_some());
                        }
                        conv
                    }
                };
                figures.push(Figure {
                    label: cx.text(fi, &g.label, "label"),
                    label_zh: cx.text(fi, &g.label_zh, "label_zh"),
                    value,
                    qualifier,
                    period: g.period.as_ref().map(|p| cx.period(fi, p, "period")),
                    change: g.change,
                    converted,
                });
            }
            ds.facts.push(Fact {
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
            });
        }
    }
    if !cx.errors.is_empty() {
        return Err(cx.errors);
    }
    if ds.sources.is_empty() && !ds.facts.is_empty() {
        return Err(vec![Error {
            file: "(data set)".into(),
            line: 1,
            column: 1,
            message: "no [[source]] defined".into(),
            hint: None,
        }]);
    }
    ds.facts.sort_by(|a, b| a.id.cmp(&b.id));
    ds.link();
    Ok(ds)
}

#[allow(clippy::too_many_arguments)]
fn check_conversion(
    cx: &mut Ctx,
    fi: usize,
    span: Range<usize>,
    from: &Amount,
    to: &Amount,
    ds: &DataSet,
    source: u32,
    has_note: bool,
) {
    let (cny, usd) = match (from.unit, to.unit) {
        (Unit::Cny, Unit::Usd) => (from.value(), to.value()),
        (Unit::Usd, Unit::Cny) => (to.value(), from.value()),
        _ => {
            cx.err(
                fi,
                span,
                format!("a conversion from {} to {} is not supported", from.unit.code(), to.unit.code()),
                Some("convert between CNY and USD".into()),
            );
            return;
        }
    };
    let year: u32 = ds.sources.get(source as usize).and_then(|s| s.date.get(..4)?.parse().ok()).unwrap_or(0);
    if usd <= 0.0 {
        cx.err(fi, span, "a conversion to zero".into(), None);
        return;
    }
    let rate = cny / usd;
    match plausible_rate(year, rate) {
        Some(true) => {}
        _ if has_note => {}
        Some(false) => cx.err(
            fi,
            span,
            format!("the conversion implies {rate:.2} yuan per dollar, implausible for {year}"),
            Some("check the figures, or explain the source's conversion in the fact's note".into()),
        ),
        None => cx.err(
            fi,
            span,
            format!("no exchange-rate range is known for {year}"),
            Some("explain the conversion in the fact's note".into()),
        ),
    }
}

/// The known id closest to `bad`, as a hint.
fn closest<'a>(bad: &str, known: impl Iterator<Item = &'a String>) -> Option<String> {
    let (best, d) = known.map(|k| (k, edit_distance(bad, k))).min_by_key(|&(k, d)| (d, k.clone()))?;
    (d <= bad.chars().count().max(3) / 3 + 1).then(|| format!("did you mean `{best}`?"))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
[[source]]
id = "s"
publisher = "P"
title = "T"
date = "2021-08-19"

[[topic]]
id = "investment"
name = "Investment"
name_zh = "投资"

[[entity]]
id = "chongqing"
name = "Chongqing"
name_zh = "重庆"
kind = "municipality"

[[entity]]
id = "liangjiang"
name = "Liangjiang New Area"
name_zh = "两江新区"
kind = "area"
parent = "chongqing"
aliases = ["Yangjiang New Area"]

[[fact]]
id = "projects"
title = "Projects"
title_zh = "项目"
statement = "Twenty-five projects were signed."
statement_zh = "签约25个项目。"
source = "s"
entities = ["liangjiang"]
topics = ["investment"]
date = "2021-08-18"

[[fact.figures]]
label = "Investment"
label_zh = "投资额"
amount = 46.3
scale = "billion"
unit = "CNY"
converted = { amount = 6.95, scale = "billion", unit = "USD" }
"#;

    fn one(text: &str) -> Result<DataSet, Vec<Error>> {
        compile(&[Input::new("f.toml", text)])
    }

    #[test]
    fn compiles_a_valid_file() {
        let ds = one(OK).unwrap();
        let f = ds.fact("projects").unwrap();
        assert_eq!(f.figures[0].value.amount, Decimal { digits: 463, frac: 1 });
        assert_eq!(f.figures[0].value.scale, Scale::Billion);
        assert_eq!(ds.entities[1].parent, Some(0));
        assert!(ds.entity_within(1, 0));
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let errs = one("[[fact]]\nid = \"x\"\ntitle = \n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].file.as_str(), errs[0].line, errs[0].column), ("f.toml", 3, 9), "{}", errs[0]);
    }

    #[test]
    fn reports_every_error_with_places_and_hints() {
        let bad = OK
            .replace("entities = [\"liangjiang\"]", "entities = [\"liangjang\"]")
            .replace("date = \"2021-08-18\"", "date = \"2021-13-01\"")
            .replace("unit = \"CNY\"", "unit = \"RMB\"");
        let errs = one(&bad).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 3, "{msgs:#?}");
        assert!(
            msgs[0].starts_with("f.toml:34:13: unknown entity `liangjang` (hint: did you mean `liangjiang`?)"),
            "{}",
            msgs[0]
        );
        assert!(msgs[1].contains("`2021-13-01` is not an ISO 8601 date"), "{}", msgs[1]);
        assert!(msgs[2].contains("unknown unit `RMB`") && msgs[2].contains("expected one of: CNY, USD"), "{}", msgs[2]);
    }

    #[test]
    fn implausible_conversion_needs_a_note() {
        let bad = OK.replace("amount = 6.95", "amount = 1.5");
        let errs = one(&bad).unwrap_err();
        assert!(errs[0].message.contains("30.87 yuan per dollar"), "{}", errs[0]);
        let noted = bad.replace("date = \"2021-08-18\"", "date = \"2021-08-18\"\nnote = \"n\"\nnote_zh = \"注\"");
        assert!(one(&noted).is_ok());
    }

    #[test]
    fn refuses_hostile_text_and_addresses() {
        let bidi = OK.replace("Twenty-five projects", "Twenty\u{202E}five");
        assert!(one(&bidi).unwrap_err()[0].message.contains("U+202E"));
        let js = OK.replace("date = \"2021-08-19\"", "date = \"2021-08-19\"\nurl = \"javascript:alert(1)\"");
        assert!(one(&js).unwrap_err()[0].message.contains("not an http(s) address"));
    }

    #[test]
    fn duplicate_ids_and_unknown_keys() {
        let twice = format!("{OK}\n[[topic]]\nid = \"investment\"\nname = \"I\"\nname_zh = \"投\"\n");
        assert!(one(&twice).unwrap_err()[0].message.contains("topic id `investment` is used twice"));
        let typo = OK.replace("title_zh = \"项目\"", "title_zh = \"项目\"\ntitel = \"x\"");
        let e = &one(&typo).unwrap_err()[0];
        assert!(e.message.contains("unknown field `titel`"), "{e}");
    }

    #[test]
    fn periods() {
        for ok in ["2021", "2021-02", "2020-02-29", "2022-01/2022-09", "2016/2020"] {
            assert!(valid_period(ok), "{ok}");
        }
        for bad in ["21", "2021-2", "2021-02-29", "2022-09/2022-01", "2021/", "next year", "2021-01-01-01"] {
            assert!(!valid_period(bad), "{bad}");
        }
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n重庆x", 9), (2, 3));
        assert_eq!(line_col("", 5), (1, 1));
    }
}
