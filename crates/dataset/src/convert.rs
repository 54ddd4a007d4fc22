//! `factcard convert`: a data set's files as sheets (CSV) or as TOML, saying the same thing, so that a round trip
//! compiles to the same bundle byte for byte.
//!
//! To sheets: every table of every file goes to its sheet (`facts.csv`, `sources.csv`, `topics.csv`,
//! `entities.csv`, rows in the order the compiler reads them, so that indexes do not move), and what has no sheet
//! (`[dataset]`, `[[unit]]`) to `dataset.toml`. A fact's first figure and first correction share its row; the
//! next ones take the rows below it, their id left empty. Sheets are written with a byte-order mark and CRLF line
//! ends, which spreadsheet programs read as UTF-8 without asking. They are separated by `,`, or by `;` for Excel
//! where the comma is the decimal mark (Brazil, Germany, France…): there numbers are written with a decimal comma
//! (`2,4`, never grouped), as those sheets are read back (see `cells.rs`).
//!
//! To TOML: each sheet becomes the TOML the compiler makes of it (`facts.csv` → `facts.toml`); TOML files are
//! copied as they are.

use toml::Spanned;

use crate::csv::{columns, quote, Kind};
use crate::error::Error;
use crate::input::Input;
use crate::raw::{RawEntity, RawFact, RawFigure, RawFile, RawSource, RawText, RawTopic, RawUnit};

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

    /// The sheet as CSV separated by `sep` (RFC 4180: CRLF, fields quoted where they must be), with a byte-order
    /// mark.
    fn write(&self, sep: char) -> String {
        let mut out = String::from("\u{feff}");
        for r in std::iter::once(&self.headers).chain(&self.rows) {
            for (i, v) in r.iter().enumerate() {
                if i > 0 {
                    out.push(sep);
                }
                if v.contains([sep, '"', '\n', '\r', ';']) || v.starts_with(' ') || v.ends_with(' ') {
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

/// A number as written in TOML, as a sheet writes it: with a decimal comma in a sheet separated by `;`.
fn number(v: &Spanned<toml::Value>, sep: char) -> String {
    let n = match v.get_ref() {
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => format!("{f}"),
        // The set compiled, so an amount is a number.
        _ => String::new(),
    };
    if sep == ';' {
        n.replace('.', ",")
    } else {
        n
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

/// The inputs as sheets separated by `sep` (`,` or `;`), with `dataset.toml` for the set's languages and units.
/// The set must compile.
pub fn to_csv(inputs: &[Input], sep: char) -> Result<Vec<Output>, Vec<Error>> {
    if sep != ',' && sep != ';' {
        return Err(vec![set_error(format!("sheets are separated by `,` or `;`, not `{sep}`"))]);
    }
    let ds = crate::compile(inputs)?;
    let files: Vec<RawFile> = inputs.iter().filter_map(|i| toml::from_str(&i.text).ok()).collect();
    let mut sheets = Sheets::new(&ds.langs, sep);
    for f in &files {
        sheets.add(f);
    }
    sheets.finish()
}

/// A string as written, without its place.
fn string(v: &Spanned<String>) -> String {
    v.get_ref().clone()
}

/// The sheets being written, one per table, with `dataset.toml` beside them and what could not be written.
struct Sheets<'l> {
    langs: &'l [String],
    sep: char,
    facts: Sheet,
    sources: Sheet,
    topics: Sheet,
    entities: Sheet,
    dataset: String,
    errors: Vec<Error>,
}

impl<'l> Sheets<'l> {
    /// Empty sheets for a set of these languages, and a `dataset.toml` that declares them.
    fn new(langs: &'l [String], sep: char) -> Sheets<'l> {
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
        Sheets {
            langs,
            sep,
            facts: Sheet::new("fact", langs),
            sources: Sheet::new("source", langs),
            topics: Sheet::new("topic", langs),
            entities: Sheet::new("entity", langs),
            dataset,
            errors: Vec::new(),
        }
    }

    /// Adds a file's tables, each row to its sheet in the order the compiler reads them, and its units.
    fn add(&mut self, f: &RawFile) {
        for u in &f.unit {
            self.unit(u.get_ref());
        }
        for x in &f.source {
            self.source(x.get_ref());
        }
        for x in &f.topic {
            self.topic(x.get_ref());
        }
        for x in &f.entity {
            self.entity(x.get_ref());
        }
        for x in &f.fact {
            self.fact(x.get_ref());
        }
    }

    /// A `[[unit]]`, which no sheet holds: to `dataset.toml`.
    fn unit(&mut self, u: &RawUnit) {
        self.dataset.push_str("\n[[unit]]\nid = ");
        quote(&mut self.dataset, u.id.get_ref());
        self.dataset.push_str("\nname = ");
        inline(&mut self.dataset, u.name.get_ref());
        self.dataset.push('\n');
    }

    /// A source's row.
    fn source(&mut self, x: &RawSource) {
        let (sheet, langs) = (&mut self.sources, self.langs);
        let r = sheet.row();
        sheet.set(r, "id", string(&x.id));
        sheet.set(r, "publisher", string(&x.publisher));
        sheet.text(r, "title", x.title.get_ref(), langs);
        sheet.set(r, "date", string(&x.date));
        for (h, v) in
            [("author", &x.author), ("url", &x.url), ("language", &x.language), ("seed", &x.seed), ("note", &x.note)]
        {
            if let Some(v) = v {
                sheet.set(r, h, string(v));
            }
        }
    }

    /// A topic's row.
    fn topic(&mut self, x: &RawTopic) {
        let (sheet, langs) = (&mut self.topics, self.langs);
        let r = sheet.row();
        sheet.set(r, "id", string(&x.id));
        sheet.text(r, "name", x.name.get_ref(), langs);
        if let Some(v) = &x.stale_after {
            sheet.set(r, "stale_after", string(v));
        }
    }

    /// An entity's row; aliases that cannot be written as a list are an error.
    fn entity(&mut self, x: &RawEntity) {
        let (sheet, langs) = (&mut self.entities, self.langs);
        let r = sheet.row();
        sheet.set(r, "id", string(&x.id));
        sheet.text(r, "name", x.name.get_ref(), langs);
        sheet.set(r, "kind", string(&x.kind));
        if let Some(p) = &x.parent {
            sheet.set(r, "parent", string(p));
        }
        match list(&x.aliases, "alias") {
            Ok(v) => sheet.set(r, "aliases", v),
            Err(e) => self.errors.push(e),
        }
        if let Some(d) = &x.description {
            sheet.text(r, "description", d.get_ref(), langs);
        }
    }

    /// A fact's rows: its own, which also holds its first figure and first correction, then one for each next
    /// figure or correction. Entities or topics that cannot be written as a list are an error.
    fn fact(&mut self, x: &RawFact) {
        let (sheet, langs) = (&mut self.facts, self.langs);
        let r = sheet.row();
        sheet.set(r, "id", string(&x.id));
        sheet.text(r, "title", x.title.get_ref(), langs);
        sheet.text(r, "statement", x.statement.get_ref(), langs);
        sheet.set(r, "source", string(&x.source));
        for (h, v) in [("entities", &x.entities), ("topics", &x.topics)] {
            match list(v.get_ref(), h) {
                Ok(v) => sheet.set(r, h, v),
                Err(e) => self.errors.push(e),
            }
        }
        sheet.set(r, "date", string(&x.date));
        for (h, v) in [("updated", &x.updated), ("stale_after", &x.stale_after)] {
            if let Some(v) = v {
                sheet.set(r, h, string(v));
            }
        }
        if let Some(n) = &x.note {
            sheet.text(r, "note", n.get_ref(), langs);
        }
        // The fact's first figure and correction on its row, the next ones on rows of their own.
        let more = x.figures.len().max(x.corrections.len()).max(1);
        let rows: Vec<usize> = std::iter::once(r).chain((1..more).map(|_| sheet.row())).collect();
        for (g, &r) in x.figures.iter().zip(&rows) {
            figure(sheet, r, g.get_ref(), langs, self.sep);
        }
        for (c, &r) in x.corrections.iter().zip(&rows) {
            let c = c.get_ref();
            sheet.set(r, "correction_date", string(&c.date));
            sheet.text(r, "correction_wrong", c.wrong.get_ref(), langs);
            sheet.text(r, "correction_changed", c.changed.get_ref(), langs);
        }
    }

    /// The sheets and `dataset.toml`, or what could not be written.
    fn finish(self) -> Result<Vec<Output>, Vec<Error>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        Ok(vec![
            ("dataset.toml".into(), self.dataset),
            ("entities.csv".into(), self.entities.write(self.sep)),
            ("facts.csv".into(), self.facts.write(self.sep)),
            ("sources.csv".into(), self.sources.write(self.sep)),
            ("topics.csv".into(), self.topics.write(self.sep)),
        ])
    }
}

/// A figure in the cells of a row of the facts sheet, with its converted amount if it has one.
fn figure(facts: &mut Sheet, r: usize, g: &RawFigure, langs: &[String], sep: char) {
    facts.text(r, "label", g.label.get_ref(), langs);
    facts.set(r, "amount", number(&g.amount, sep));
    facts.set(r, "unit", string(&g.unit));
    for (h, v) in [("scale", &g.scale), ("qualifier", &g.qualifier), ("period", &g.period)] {
        if let Some(v) = v {
            facts.set(r, h, string(v));
        }
    }
    if g.change {
        facts.set(r, "change", "true".into());
    }
    if let Some(c) = &g.converted {
        let c = c.get_ref();
        facts.set(r, "converted_amount", number(&c.amount, sep));
        facts.set(r, "converted_unit", string(&c.unit));
        if let Some(sc) = &c.scale {
            facts.set(r, "converted_scale", string(sc));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A set in one file: a fact with two figures (the first converted) and a correction, an entity with aliases.
    const SET: &str = r#"[[source]]
id = "s"
publisher = "P"
title = "T"
date = "2024-01-01"

[[topic]]
id = "t"
name = "Topic"

[[entity]]
id = "e"
name = "E"
kind = "city"
aliases = ["Eh", "Ee"]

[[fact]]
id = "f"
title = "F"
statement = "S."
source = "s"
entities = ["e"]
topics = ["t"]
date = "2024"

[[fact.figures]]
label = "Trips"
amount = 1.5
scale = "million"
unit = "CNY"
converted = { amount = 0.2, scale = "million", unit = "USD" }

[[fact.figures]]
label = "Change"
amount = 3
unit = "percent"
change = true

[[fact.corrections]]
date = "2024-02-01"
wrong = "W."
changed = "C."
"#;

    #[test]
    fn a_fact_shares_its_row_with_its_first_figure_and_correction() {
        let out = to_csv(&[Input::new("set.toml", SET)], ',').unwrap();
        let names: Vec<&str> = out.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["dataset.toml", "entities.csv", "facts.csv", "sources.csv", "topics.csv"]);
        assert!(out[0].1.ends_with("[dataset]\nlanguages = [\"en\"]\n"), "{}", out[0].1);
        assert_eq!(out[1].1, "\u{feff}id,name,kind,parent,aliases,description\r\ne,E,city,,\"Eh; Ee\",\r\n");
        let facts: Vec<&str> = out[2].1.split("\r\n").collect();
        assert_eq!(facts[1], "f,F,S.,s,e,t,2024,,,,Trips,1.5,million,CNY,,,,0.2,million,USD,2024-02-01,W.,C.");
        assert_eq!(facts[2..], [",,,,,,,,,,Change,3,,percent,,,true,,,,,,", ""]);
        assert_eq!(
            out[3].1,
            "\u{feff}id,publisher,title,date,author,url,language,seed,note\r\ns,P,T,2024-01-01,,,,,\r\n"
        );
        assert_eq!(out[4].1, "\u{feff}id,name,stale_after\r\nt,Topic,\r\n");
    }

    #[test]
    fn sheets_for_excel_where_the_comma_is_the_decimal_mark_take_semicolons_and_decimal_commas() {
        let out = to_csv(&[Input::new("set.toml", SET)], ';').unwrap();
        let facts: Vec<&str> = out[2].1.split("\r\n").collect();
        assert_eq!(facts[1], "f;F;S.;s;e;t;2024;;;;Trips;1,5;million;CNY;;;;0,2;million;USD;2024-02-01;W.;C.");
        assert_eq!(out[1].1, "\u{feff}id;name;kind;parent;aliases;description\r\ne;E;city;;\"Eh; Ee\";\r\n");
        // Read back, they say the same.
        let back: Vec<Input> = out[1..].iter().map(|(n, t)| Input::csv(n.as_str(), t).unwrap()).collect();
        let ds = crate::compile(&back).unwrap();
        let from_toml = crate::compile(&[Input::new("set.toml", SET)]).unwrap();
        let texts = |ds: &factcard_core::model::DataSet| {
            ds.facts[0].figures.iter().map(|g| g.text.to_vec()).collect::<Vec<_>>()
        };
        assert_eq!(texts(&ds), texts(&from_toml));
        assert_eq!(texts(&ds)[0], ["¥1.5 million (about US$200,000)"]);
        assert!(to_csv(&[Input::new("set.toml", SET)], '\t').unwrap_err()[0].message.contains("not `\t`"));
    }

    #[test]
    fn a_list_item_holding_a_semicolon_cannot_be_written() {
        let set = SET.replace("\"Eh\"", "\"E;h\"");
        let e = &to_csv(&[Input::new("set.toml", set)], ',').unwrap_err()[0];
        assert_eq!(e.message, "alias `E;h` holds a `;`, which a sheet's list cannot");
    }
}
