//! `factcard convert`: a data set's files as sheets (CSV) or as TOML, saying the same thing, so that a round trip
//! compiles to the same bundle byte for byte.
//!
//! To sheets: every table of every file goes to its sheet (`facts.csv`, `sources.csv`, `topics.csv`,
//! `entities.csv`, rows in the order the compiler reads them, so that indexes do not move), and what has no sheet
//! (`[dataset]`, `[[unit]]`) to `dataset.toml`. A fact's first figure and first correction share its row; the
//! next ones take the rows below it, their id left empty. Sheets are written with a byte-order mark and CRLF line
//! ends, which spreadsheet programs read as UTF-8 without asking.
//!
//! To TOML: each sheet becomes the TOML the compiler makes of it (`facts.csv` → `facts.toml`); TOML files are
//! copied as they are.

use toml::Spanned;

use crate::csv::{columns, quote, Kind};
use crate::raw::{RawFile, RawText};
use crate::{Error, Input};

/// A file to write: its name (no folder) and its text.
pub type Output = (String, String);

fn set_error(message: String) -> Error {
    Error::at("(data set)", 1, 1, message, None)
}

/// The file name of an input, without its folder.
fn base(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The inputs as TOML files: sheets turned into TOML, TOML files as they are. The set must compile.
pub fn to_toml(inputs: &[Input]) -> Result<Vec<Output>, Vec<Error>> {
    crate::compile(inputs)?;
    let mut out: Vec<Output> = Vec::new();
    for i in inputs {
        let (name, text) = if i.is_sheet() {
            let stem = base(&i.name).rsplit_once('.').map_or(base(&i.name), |(s, _)| s);
            let head = format!("# Written by factcard convert from {}.\n", base(&i.name));
            (format!("{stem}.toml"), head + &i.text)
        } else {
            (base(&i.name).to_string(), i.text.clone())
        };
        if out.iter().any(|(n, _)| *n == name) {
            return Err(vec![set_error(format!("two inputs would both be written as {name}"))]);
        }
        out.push((name, text));
    }
    Ok(out)
}

/// One sheet being written: its header row, then rows of cells by column.
struct Sheet {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Sheet {
    /// The sheet of a table: its columns, a text's once per language of a set of several.
    fn new(table: &str, langs: &[String]) -> Sheet {
        let mut headers = Vec::new();
        for c in columns(table) {
            if c.kind == Kind::Text && langs.len() > 1 {
                headers.extend(langs.iter().map(|l| format!("{}.{l}", c.header)));
            } else {
                headers.push(c.header.to_string());
            }
        }
        Sheet { headers, rows: Vec::new() }
    }

    fn row(&mut self) -> usize {
        self.rows.push(vec![String::new(); self.headers.len()]);
        self.rows.len() - 1
    }

    fn set(&mut self, row: usize, header: &str, v: String) {
        if let Some(i) = self.headers.iter().position(|h| h == header) {
            self.rows[row][i] = v;
        }
    }

    /// A text: the default language's column (bare, in a one-language set), and one per language.
    fn text(&mut self, row: usize, header: &str, t: &RawText, langs: &[String]) {
        match t {
            RawText::One(v) if langs.len() > 1 => self.set(row, &format!("{header}.{}", langs[0]), v.clone()),
            RawText::One(v) => self.set(row, header, v.clone()),
            RawText::Many(all) => {
                for (k, v) in all {
                    let h = if langs.len() > 1 { format!("{header}.{}", k.get_ref()) } else { header.to_string() };
                    self.set(row, &h, v.get_ref().clone());
                }
            }
        }
    }

    /// The sheet as CSV (RFC 4180: CRLF, fields quoted where they must be), with a byte-order mark.
    fn write(&self) -> String {
        let mut out = String::from("\u{feff}");
        for r in std::iter::once(&self.headers).chain(&self.rows) {
            for (i, v) in r.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if v.contains([',', '"', '\n', '\r', ';']) || v.starts_with(' ') || v.ends_with(' ') {
                    out.push('"');
                    out.push_str(&v.replace('"', "\"\""));
                    out.push('"');
                } else {
                    out.push_str(v);
                }
            }
            out.push_str("\r\n");
        }
        out
    }
}

/// A number as written in TOML, as a sheet writes it.
fn number(v: &Spanned<toml::Value>) -> String {
    match v.get_ref() {
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => format!("{f}"),
        toml::Value::String(s) => s.clone(),
        // The set compiled, so an amount is a number.
        _ => String::new(),
    }
}

/// A unit's name as an inline TOML value: a string, or a table of them (by plural form, or by language).
fn inline(out: &mut String, v: &toml::Value) {
    match v {
        toml::Value::Table(t) => {
            out.push_str("{ ");
            for (i, (k, v)) in t.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                quote(out, k);
                out.push_str(" = ");
                inline(out, v);
            }
            out.push_str(" }");
        }
        toml::Value::String(s) => quote(out, s),
        // The set compiled, so a unit's names are strings.
        _ => out.push_str("\"\""),
    }
}

/// A list for one cell, its items separated by `;` (an item holding one cannot be written).
fn list(items: &[Spanned<String>], what: &str) -> Result<String, Error> {
    if let Some(bad) = items.iter().find(|s| s.get_ref().contains(';')) {
        return Err(set_error(format!("{what} `{}` holds a `;`, which a sheet's list cannot", bad.get_ref())));
    }
    Ok(items.iter().map(|s| s.get_ref().as_str()).collect::<Vec<_>>().join("; "))
}

/// The inputs as sheets, with `dataset.toml` for the set's languages and units. The set must compile.
pub fn to_csv(inputs: &[Input]) -> Result<Vec<Output>, Vec<Error>> {
    let ds = crate::compile(inputs)?;
    let langs = &ds.langs;
    let files: Vec<RawFile> = inputs.iter().filter_map(|i| toml::from_str(&i.text).ok()).collect();
    let (mut facts, mut sources, mut topics, mut entities) = (
        Sheet::new("fact", langs),
        Sheet::new("source", langs),
        Sheet::new("topic", langs),
        Sheet::new("entity", langs),
    );
    let mut dataset = String::from(
        "# The set's languages and units, beside its sheets (written by factcard convert).\n[dataset]\nlanguages = [",
    );
    for (i, l) in langs.iter().enumerate() {
        if i > 0 {
            dataset.push_str(", ");
        }
        quote(&mut dataset, l);
    }
    dataset.push_str("]\n");
    let mut errors = Vec::new();
    let s = |v: &Spanned<String>| v.get_ref().clone();
    for f in &files {
        for u in &f.unit {
            let u = u.get_ref();
            dataset.push_str("\n[[unit]]\nid = ");
            quote(&mut dataset, u.id.get_ref());
            dataset.push_str("\nname = ");
            inline(&mut dataset, u.name.get_ref());
            dataset.push('\n');
        }
        for x in &f.source {
            let x = x.get_ref();
            let r = sources.row();
            sources.set(r, "id", s(&x.id));
            sources.set(r, "publisher", s(&x.publisher));
            sources.text(r, "title", x.title.get_ref(), langs);
            sources.set(r, "date", s(&x.date));
            for (h, v) in [
                ("author", &x.author),
                ("url", &x.url),
                ("language", &x.language),
                ("seed", &x.seed),
                ("note", &x.note),
            ] {
                if let Some(v) = v {
                    sources.set(r, h, s(v));
                }
            }
        }
        for x in &f.topic {
            let x = x.get_ref();
            let r = topics.row();
            topics.set(r, "id", s(&x.id));
            topics.text(r, "name", x.name.get_ref(), langs);
            if let Some(v) = &x.stale_after {
                topics.set(r, "stale_after", s(v));
            }
        }
        for x in &f.entity {
            let x = x.get_ref();
            let r = entities.row();
            entities.set(r, "id", s(&x.id));
            entities.text(r, "name", x.name.get_ref(), langs);
            entities.set(r, "kind", s(&x.kind));
            if let Some(p) = &x.parent {
                entities.set(r, "parent", s(p));
            }
            match list(&x.aliases, "alias") {
                Ok(v) => entities.set(r, "aliases", v),
                Err(e) => errors.push(e),
            }
            if let Some(d) = &x.description {
                entities.text(r, "description", d.get_ref(), langs);
            }
        }
        for x in &f.fact {
            let x = x.get_ref();
            let r = facts.row();
            facts.set(r, "id", s(&x.id));
            facts.text(r, "title", x.title.get_ref(), langs);
            facts.text(r, "statement", x.statement.get_ref(), langs);
            facts.set(r, "source", s(&x.source));
            for (h, v) in [("entities", &x.entities), ("topics", &x.topics)] {
                match list(v.get_ref(), h) {
                    Ok(v) => facts.set(r, h, v),
                    Err(e) => errors.push(e),
                }
            }
            facts.set(r, "date", s(&x.date));
            for (h, v) in [("updated", &x.updated), ("stale_after", &x.stale_after)] {
                if let Some(v) = v {
                    facts.set(r, h, s(v));
                }
            }
            if let Some(n) = &x.note {
                facts.text(r, "note", n.get_ref(), langs);
            }
            // The fact's first figure and correction on its row, the next ones on rows of their own.
            let more = x.figures.len().max(x.corrections.len()).max(1);
            let rows: Vec<usize> = std::iter::once(r).chain((1..more).map(|_| facts.row())).collect();
            for (g, &r) in x.figures.iter().zip(&rows) {
                let g = g.get_ref();
                facts.text(r, "label", g.label.get_ref(), langs);
                facts.set(r, "amount", number(&g.amount));
                facts.set(r, "unit", s(&g.unit));
                for (h, v) in [("scale", &g.scale), ("qualifier", &g.qualifier), ("period", &g.period)] {
                    if let Some(v) = v {
                        facts.set(r, h, s(v));
                    }
                }
                if g.change {
                    facts.set(r, "change", "true".into());
                }
                if let Some(c) = &g.converted {
                    let c = c.get_ref();
                    facts.set(r, "converted_amount", number(&c.amount));
                    facts.set(r, "converted_unit", s(&c.unit));
                    if let Some(sc) = &c.scale {
                        facts.set(r, "converted_scale", s(sc));
                    }
                }
            }
            for (c, &r) in x.corrections.iter().zip(&rows) {
                let c = c.get_ref();
                facts.set(r, "correction_date", s(&c.date));
                facts.text(r, "correction_wrong", c.wrong.get_ref(), langs);
                facts.text(r, "correction_changed", c.changed.get_ref(), langs);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(vec![
        ("dataset.toml".into(), dataset),
        ("entities.csv".into(), entities.write()),
        ("facts.csv".into(), facts.write()),
        ("sources.csv".into(), sources.write()),
        ("topics.csv".into(), topics.write()),
    ])
}
