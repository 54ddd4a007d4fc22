//! Spreadsheets: CSV files as spreadsheet programs export them (UTF-8 with or without a byte-order mark, or
//! Windows-1252; quoted fields holding commas, quotes and line breaks, CRLF or LF line ends, a header row; a
//! semicolon as the separator when the header row has no comma, as Excel exports where the comma is the decimal
//! mark). What a cell says in each kind of sheet (decimal commas, `VERDADEIRO`, `31/12/2025`) is in
//! `cells.rs`.
//!
//! Every cell is read, and every bad one reported, in one run: a cell that cannot be written (`TALVEZ` for true or
//! false, a required cell left empty, a value under no header) is an error of the sheet's own, kept beside its
//! TOML, and the compiler still checks the rest.
//!
//! A sheet is not compiled by code of its own: it is turned into the TOML that says the same thing, and every
//! value's place in that TOML is remembered with its cell (`Cell`), so that the compiler's checks, messages and
//! hints apply unchanged and each error names the sheet's row, column and header instead of a line of TOML.
//! Which table a sheet holds is in its file name: `facts*.csv`, `sources*.csv`, `topics*.csv`, `entities*.csv`.
//! The columns are in `SHEETS`; seeds/README.md documents them and `examples/sheets/` is a template.
//!
//! A hand-written reader rather than the `csv` crate, measured (ARCHITECTURE.md, "Libraries we measured"): the
//! crate splits fields the same way, but skips blank lines (so its record numbers are not the spreadsheet's rows),
//! counts lines by `\n` alone, and reads a quote never closed to the end of the file instead of refusing it;
//! wrapping it to say rows and refuse that quote would cost as much code as this reader.
//!
//! ```
//! use factcard_dataset::csv::records;
//! let rows = records("\u{feff}id,title\r\na,\"Two, \"\"quoted\"\"\r\nlines\"\r\n").unwrap();
//! assert_eq!(rows, [vec!["id", "title"], vec!["a", "Two, \"quoted\"\nlines"]]);
//! ```

pub use crate::error::letters;
use crate::error::Error;

/// A cell of a sheet, and where the TOML made from it says what the cell says.
#[derive(Clone, Debug)]
pub(crate) struct Cell {
    /// Byte offset in the generated TOML where the cell's key (or its row's table) begins.
    pub at: usize,
    /// 1-based row of the sheet (the header is row 1; a field with line breaks is still one row).
    pub row: usize,
    /// 1-based column; 0 for a row as a whole.
    pub column: usize,
    pub header: Option<String>,
    /// An empty cell that is required, written as `""` so that the rest of the sheet is still read: its error is
    /// the sheet's own, and the compiler's errors at it are not reported.
    pub placeholder: bool,
}

/// A sheet's separator: `;` when its header row has semicolons and no comma (as Excel writes sheets where the
/// comma is the decimal mark), else `,`.
pub fn separator(text: &str) -> char {
    let first_line = text.trim_start_matches('\u{feff}').split(['\n', '\r']).next().unwrap_or("");
    if !first_line.contains(',') && first_line.contains(';') {
        ';'
    } else {
        ','
    }
}

/// The records of a CSV text: fields, unquoted. A quote left open is an error with its row and column.
pub fn records(text: &str) -> Result<Vec<Vec<String>>, (usize, usize, String)> {
    let sep = separator(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted_at = None;
    let mut in_quotes = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else if c == '\r' {
                // A line break inside a cell is a newline, however the file ends its lines.
                if chars.peek() != Some(&'\n') {
                    field.push('\n');
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quoted_at = Some((rows.len() + 1, row.len() + 1));
            }
            c if c == sep => row.push(std::mem::take(&mut field)),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        let (r, c) = quoted_at.unwrap_or((rows.len() + 1, 1));
        return Err((r, c, "a quoted field is never closed (a `\"` is missing)".into()));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

/// What a column holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    /// A string.
    Str,
    /// A text of the set: `title` (the default language) or `title.zh`.
    Text,
    /// A number, written bare.
    Number,
    /// `true`/`false` (also `TRUE`, `yes`, `1`, and Excel's words in other languages: see [`crate::cells`]).
    Bool,
    /// A day: ISO 8601, or in a sheet separated by `;` as Excel writes it there (`31/12/2025`). A fact's `date` and
    /// a figure's `period` are periods, not days: a month turned into a day by a spreadsheet must not pass as one.
    Day,
    /// Ids or names separated by `;`.
    List,
}

/// Which part of a fact a column of the facts sheet fills.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Part {
    Row,
    Figure,
    Converted,
    Correction,
}

/// One column: its header (the TOML key, prefixed by its part in the facts sheet), what it holds, its part.
pub(crate) struct Column {
    pub header: &'static str,
    pub key: &'static str,
    pub kind: Kind,
    pub part: Part,
}

const fn col(header: &'static str, key: &'static str, kind: Kind, part: Part) -> Column {
    Column { header, key, kind, part }
}

use Kind::*;
use Part::*;

const FACT: &[Column] = &[
    col("id", "id", Str, Row),
    col("title", "title", Text, Row),
    col("statement", "statement", Text, Row),
    col("source", "source", Str, Row),
    col("entities", "entities", List, Row),
    col("topics", "topics", List, Row),
    col("date", "date", Str, Row),
    col("updated", "updated", Day, Row),
    col("stale_after", "stale_after", Str, Row),
    col("note", "note", Text, Row),
    col("label", "label", Text, Figure),
    col("amount", "amount", Number, Figure),
    col("scale", "scale", Str, Figure),
    col("unit", "unit", Str, Figure),
    col("qualifier", "qualifier", Str, Figure),
    col("period", "period", Str, Figure),
    col("change", "change", Bool, Figure),
    col("converted_amount", "amount", Number, Converted),
    col("converted_scale", "scale", Str, Converted),
    col("converted_unit", "unit", Str, Converted),
    col("correction_date", "date", Day, Correction),
    col("correction_wrong", "wrong", Text, Correction),
    col("correction_changed", "changed", Text, Correction),
];
const SOURCE: &[Column] = &[
    col("id", "id", Str, Row),
    col("publisher", "publisher", Str, Row),
    col("title", "title", Text, Row),
    col("date", "date", Day, Row),
    col("author", "author", Str, Row),
    col("url", "url", Str, Row),
    col("language", "language", Str, Row),
    col("seed", "seed", Str, Row),
    col("note", "note", Str, Row),
];
const TOPIC: &[Column] =
    &[col("id", "id", Str, Row), col("name", "name", Text, Row), col("stale_after", "stale_after", Str, Row)];
const ENTITY: &[Column] = &[
    col("id", "id", Str, Row),
    col("name", "name", Text, Row),
    col("kind", "kind", Str, Row),
    col("parent", "parent", Str, Row),
    col("aliases", "aliases", List, Row),
    col("description", "description", Text, Row),
];

/// The tables a sheet may hold: (file name prefix, TOML table, columns).
pub(crate) const SHEETS: [(&str, &str, &[Column]); 4] = [
    ("facts", "fact", FACT),
    ("sources", "source", SOURCE),
    ("topics", "topic", TOPIC),
    ("entities", "entity", ENTITY),
];

/// The columns of the sheet of one table (`fact`, `source`, `topic`, `entity`).
pub(crate) fn columns(table: &str) -> &'static [Column] {
    SHEETS.iter().find(|s| s.1 == table).map_or(&[], |s| s.2)
}

/// The table a sheet's file name says it holds.
fn sheet_of(name: &str) -> Option<(&'static str, &'static [Column])> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name).to_ascii_lowercase();
    SHEETS.iter().find(|s| file.starts_with(s.0)).map(|s| (s.1, s.2))
}

/// A TOML basic string.
pub(crate) fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A header's column: `title.zh` is `title` in Chinese.
struct Header {
    col: &'static Column,
    lang: Option<String>,
    name: String,
}

/// A sheet read: the TOML that says what it says, the cell behind each key, its header row, whether it is
/// separated by `;` (and so takes decimal commas), and the errors of cells that could not be written (each left out
/// of the TOML, so that the compiler still checks the rest and every error is reported in one run).
#[derive(Debug)]
pub(crate) struct Sheet {
    pub toml: String,
    pub cells: Vec<Cell>,
    pub headers: Vec<String>,
    pub comma: bool,
    pub errors: Vec<Error>,
}

/// The sheet `name` as TOML, with the cell behind each key; or the errors of its header row and syntax.
pub(crate) fn to_toml(name: &str, text: &str) -> Result<Sheet, Vec<Error>> {
    let Some((table, cols)) = sheet_of(name) else {
        let hint = "name it facts.csv, sources.csv, topics.csv or entities.csv (or begin its name so: facts-2024.csv)";
        return Err(vec![Error::in_cell(
            name,
            1,
            0,
            None,
            "cannot tell which table this sheet holds".into(),
            Some(hint.into()),
        )]);
    };
    let rows = records(text).map_err(|(r, c, m)| vec![Error::in_cell(name, r, c, None, m, None)])?;
    let Some((head, body)) = rows.split_first() else {
        return Err(vec![Error::in_cell(name, 1, 0, None, "the sheet is empty: it needs a header row".into(), None)]);
    };
    let headers = read_headers(name, head, cols)?;
    let comma = separator(text) == ';';
    let w = write_rows(
        Toml { name, comma, out: String::new(), cells: Vec::new(), headers: &headers, errors: Vec::new() },
        table,
        body,
    )?;
    let headers = head.iter().map(|h| h.trim().to_string()).collect();
    Ok(Sheet { toml: w.out, cells: w.cells, headers, comma, errors: w.errors })
}

/// A sheet's bytes as its text (see [`crate::cells`] for encodings), or why they cannot be read, at the row and
/// column of the first byte that is wrong.
pub(crate) fn text(name: &str, bytes: &[u8]) -> Result<String, Vec<Error>> {
    crate::cells::decode(bytes).map(|t| t.into_owned()).map_err(|(at, message, hint)| {
        let (row, column) = at.map_or((1, 0), |at| place(&String::from_utf8_lossy(&bytes[..at])));
        vec![Error::in_cell(name, row, column, None, message, Some(hint))]
    })
}

/// The row and column at the end of a sheet's text.
fn place(before: &str) -> (usize, usize) {
    match records(before) {
        Err((row, column, _)) => (row, column),
        Ok(rows) if before.ends_with(['\n', '\r']) || rows.is_empty() => (rows.len() + 1, 1),
        Ok(rows) => (rows.len(), rows.last().map_or(1, Vec::len)),
    }
}

/// The columns of a sheet's header row (`None` for an empty header), or its errors: a column the sheet does not
/// have, a header twice, a text's bare column beside columns by language.
fn read_headers(name: &str, head: &[String], cols: &'static [Column]) -> Result<Vec<Option<Header>>, Vec<Error>> {
    let mut errors = Vec::new();
    let mut headers: Vec<Option<Header>> = Vec::new();
    for (i, h) in head.iter().enumerate() {
        let h = h.trim();
        let (base, lang) = match h.split_once('.') {
            Some((b, l)) => (b, Some(l.to_string())),
            None => (h, None),
        };
        let found = cols.iter().find(|c| c.header == base && (lang.is_none() || c.kind == Text));
        match found {
            _ if h.is_empty() => headers.push(None),
            Some(c) => headers.push(Some(Header { col: c, lang, name: h.to_string() })),
            None => {
                let names: Vec<String> = cols.iter().map(|c| c.header.to_string()).collect();
                let hint = crate::hints::closest(base, names.iter())
                    .unwrap_or_else(|| format!("the columns of this sheet are {}", names.join(", ")));
                errors.push(Error::in_cell(name, 1, i + 1, Some(h), format!("unknown column `{h}`"), Some(hint)));
                headers.push(None);
            }
        }
    }
    // A header twice, or a text's bare column beside columns by language.
    for (i, h) in headers.iter().enumerate() {
        let Some(h) = h else { continue };
        if headers[..i].iter().flatten().any(|o| o.name == h.name) {
            errors.push(Error::in_cell(
                name,
                1,
                i + 1,
                Some(&h.name),
                format!("column `{}` appears twice", h.name),
                None,
            ));
        }
        if h.lang.is_none() && headers.iter().flatten().any(|o| o.col.header == h.col.header && o.lang.is_some()) {
            let hint = format!("name the default language's column too, such as `{}.en`", h.name);
            let msg = format!("column `{}` beside columns of `{}` by language", h.name, h.name);
            errors.push(Error::in_cell(name, 1, i + 1, Some(&h.name), msg, Some(hint)));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(headers)
}

/// The rows below the header as TOML, each a table of `table`, with the cell behind each key. In the facts sheet, a
/// row with an id starts a fact; a row without one adds a figure or a correction to it.
fn write_rows<'s>(mut w: Toml<'s>, table: &str, body: &[Vec<String>]) -> Result<Toml<'s>, Vec<Error>> {
    let (name, headers) = (w.name, w.headers);
    let mut errors = Vec::new();
    let mut open = false;
    for (ri, row) in body.iter().enumerate() {
        let rowno = ri + 2;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let starts = filled(row, headers, |c| c.header == "id") || table != "fact";
        if !starts && !open {
            let hint = "fill the id column, or move the row below the fact it belongs to".to_string();
            let msg = "this row has no id and follows no fact".to_string();
            errors.push(Error::in_cell(name, rowno, 1, Some("id"), msg, Some(hint)));
            continue;
        }
        if let Some(e) = (!starts).then(|| continued_fact_error(name, row, headers, rowno)).flatten() {
            errors.push(e);
            continue;
        }
        let values = w.values(row, rowno);
        if starts {
            w.table(table, &values, Row, rowno);
            open = true;
        }
        if table == "fact" {
            w.figure_and_correction(row, &values, rowno);
        }
    }
    if !errors.is_empty() {
        errors.append(&mut w.errors);
        errors.sort_by_key(Error::cell);
        return Err(errors);
    }
    Ok(w)
}

/// Whether a row fills a cell of a column that `which` picks.
fn filled(row: &[String], headers: &[Option<Header>], which: impl Fn(&Column) -> bool) -> bool {
    row.iter().zip(headers).any(|(v, h)| !v.trim().is_empty() && h.as_ref().is_some_and(|h| which(h.col)))
}

/// The error of a row that continues the fact above (its id is empty) but fills a cell of the fact's own, if it does.
fn continued_fact_error(name: &str, row: &[String], headers: &[Option<Header>], rowno: usize) -> Option<Error> {
    let (i, h) = row
        .iter()
        .zip(headers)
        .enumerate()
        .find_map(|(i, (v, h))| h.as_ref().filter(|h| h.col.part == Row && !v.trim().is_empty()).map(|h| (i, h)))?;
    let msg = format!("`{}` is filled in a row that continues the fact above (its id is empty)", h.name);
    let hint = "a row without an id holds only another figure or correction of the fact above; give it an id to \
                start a fact"
        .to_string();
    Some(Error::in_cell(name, rowno, i + 1, Some(&h.name), msg, Some(hint)))
}

/// A sheet's TOML being written, with the cell behind each key, and the cells that cannot be written.
struct Toml<'s> {
    name: &'s str,
    /// Separated by `;`: decimal commas, days first.
    comma: bool,
    out: String,
    cells: Vec<Cell>,
    headers: &'s [Option<Header>],
    errors: Vec<Error>,
}

/// What each cell of a row says in TOML: `None` for an empty cell, or one that cannot be written.
type Values = Vec<Option<String>>;

impl Toml<'_> {
    /// Starts a table (`[[fact]]`, `[[fact.figures]]`…) for a row, and writes the row's cells of one part in it.
    fn table(&mut self, table: &str, values: &[Option<String>], part: Part, rowno: usize) {
        self.out.push('\n');
        self.cells.push(Cell { at: self.out.len(), row: rowno, column: 0, header: None, placeholder: false });
        self.out.push_str(&format!("[[{table}]]\n"));
        let values = self.required(table, values, part, rowno);
        let first = self.cells.len();
        write_part(&mut self.out, &mut self.cells, &values.0, self.headers, part, rowno);
        mark(&mut self.cells[first..], &values.1);
    }

    /// The values of a part of a row with a placeholder (`""`, `[]`) in each required cell left empty, and the
    /// columns of those: each is an error of the sheet's own. A required column the sheet lacks is left to the
    /// compiler ("the sheet has no `source` column").
    fn required(&mut self, table: &str, values: &[Option<String>], part: Part, rowno: usize) -> (Values, Vec<usize>) {
        let mut values = values.to_vec();
        let mut empty = Vec::new();
        for key in required(table) {
            let of_key = |h: &Option<Header>| h.as_ref().is_some_and(|h| h.col.key == *key && h.col.part == part);
            let columns: Vec<usize> = (0..self.headers.len()).filter(|&i| of_key(&self.headers[i])).collect();
            let Some(&i) = columns.first() else { continue };
            if columns.iter().any(|&c| values.get(c).is_some_and(Option::is_some)) {
                continue;
            }
            let h = self.headers[i].as_ref().map_or("", |h| h.name.as_str());
            let msg = format!("`{h}` is empty, and is required");
            self.errors.push(Error::in_cell(self.name, rowno, i + 1, Some(h), msg, None));
            values.resize(values.len().max(i + 1), None);
            let list = self.headers[i].as_ref().is_some_and(|h| h.col.kind == List);
            values[i] = Some(if list { "[]" } else { "\"\"" }.to_string());
            empty.push(i + 1);
        }
        (values, empty)
    }

    /// A row's figure (with its converted amount) and its correction, each in a table of its own, if it fills them.
    fn figure_and_correction(&mut self, row: &[String], values: &[Option<String>], rowno: usize) {
        let headers = self.headers;
        let part = |part: Part| filled(row, headers, |c| c.part == part);
        if part(Figure) || part(Converted) {
            self.table("fact.figures", values, Figure, rowno);
            if part(Converted) {
                self.converted(values, rowno);
            }
        }
        if part(Correction) {
            self.table("fact.corrections", values, Correction, rowno);
        }
    }

    /// A figure's converted amount, as an inline table on one line: `converted = { amount = …, unit = … }`.
    fn converted(&mut self, values: &[Option<String>], rowno: usize) {
        self.cells.push(Cell { at: self.out.len(), row: rowno, column: 0, header: None, placeholder: false });
        self.out.push_str("converted = { ");
        let mut inner = String::new();
        let base = self.out.len();
        let mut inner_cells = Vec::new();
        let values = self.required("converted", values, Converted, rowno);
        write_part(&mut inner, &mut inner_cells, &values.0, self.headers, Converted, rowno);
        mark(&mut inner_cells, &values.1);
        let inner = inner.trim_end().replace('\n', ", ");
        // The inner keys moved by the newlines turned into ", " (one byte more each).
        for (k, mut c) in inner_cells.into_iter().enumerate() {
            c.at += base + k;
            self.cells.push(c);
        }
        self.out.push_str(&inner);
        self.out.push_str(" }\n");
    }

    /// What each cell of a row says in TOML; a cell that cannot be written is an error, kept, and left out.
    fn values(&mut self, row: &[String], rowno: usize) -> Values {
        let mut values = Vec::with_capacity(row.len());
        for (i, v) in row.iter().enumerate() {
            let v = v.trim();
            let header = self.headers.get(i).and_then(Option::as_ref);
            let value = match header {
                _ if v.is_empty() => Ok(None),
                None => Err((
                    format!("`{v}` is in a column without a header"),
                    "name the column in row 1, or clear the cell".to_string(),
                )),
                Some(h) => self.value(h, v, row).map(Some),
            };
            values.push(value.unwrap_or_else(|(message, hint)| {
                let e = Error::in_cell(self.name, rowno, i + 1, header.map(|h| h.name.as_str()), message, Some(hint));
                self.errors.push(e);
                None
            }));
        }
        values
    }

    /// A filled cell as a TOML value, or why it cannot be one. A number that is not one is written as a string,
    /// for the compiler's check of amounts to report (with [`crate::cells::number_problem`]'s words).
    fn value(&self, h: &Header, v: &str, row: &[String]) -> Result<String, (String, String)> {
        let mut out = String::new();
        match h.col.kind {
            Number => match crate::cells::number(v, self.comma, self.unit_of(h.col.part, row) == "percent") {
                Some(n) => out = n,
                None => quote(&mut out, v),
            },
            Bool => out.push_str(if crate::cells::boolean(v)? { "true" } else { "false" }),
            List => {
                out.push('[');
                for (k, item) in v.split(';').map(str::trim).filter(|s| !s.is_empty()).enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    quote(&mut out, item);
                }
                out.push(']');
            }
            Day if self.comma => quote(&mut out, &crate::cells::day_first(v).unwrap_or_else(|| v.to_string())),
            Str | Text | Day => quote(&mut out, v),
        }
        Ok(out)
    }

    /// The unit a row gives the figure (or the conversion) a number cell belongs to.
    fn unit_of<'r>(&self, part: Part, row: &'r [String]) -> &'r str {
        let at =
            self.headers.iter().position(|h| h.as_ref().is_some_and(|h| h.col.key == "unit" && h.col.part == part));
        at.and_then(|i| row.get(i)).map_or("", |v| v.trim())
    }
}

/// A serde message about a sheet, in the sheet's words: "missing field `source`" is an empty cell of a column, or
/// a column the sheet lacks. Returns the message and the column (1-based) and header it concerns.
pub(crate) fn in_sheet_words(message: &str, headers: &[String]) -> Option<(String, usize, String)> {
    let key = message.strip_prefix("missing field `")?.strip_suffix('`')?;
    let at = headers.iter().position(|h| h == key || h.split_once('.').is_some_and(|(b, _)| b == key));
    Some(match at {
        Some(i) => (format!("`{}` is empty, and is required", headers[i]), i + 1, headers[i].clone()),
        None => (format!("the sheet has no `{key}` column, which is required"), 0, key.to_string()),
    })
}

/// The keys a table requires (serde's required fields), by the name [`Toml::table`] gives it.
fn required(table: &str) -> &'static [&'static str] {
    match table {
        "fact" => &["title", "statement", "source", "entities", "topics", "date"],
        "fact.figures" => &["label", "amount", "unit"],
        "converted" => &["amount", "unit"],
        "fact.corrections" => &["date", "wrong", "changed"],
        "source" => &["id", "publisher", "title", "date"],
        "topic" => &["id", "name"],
        "entity" => &["id", "name", "kind"],
        _ => &[],
    }
}

/// Marks the cells of these columns as placeholders.
fn mark(cells: &mut [Cell], columns: &[usize]) {
    for c in cells.iter_mut().filter(|c| columns.contains(&c.column)) {
        c.placeholder = true;
    }
}

/// Writes the written cells of one part of a row as `key = value` lines.
fn write_part(
    out: &mut String,
    cells: &mut Vec<Cell>,
    values: &[Option<String>],
    headers: &[Option<Header>],
    part: Part,
    rowno: usize,
) {
    for (i, (v, h)) in values.iter().zip(headers).enumerate() {
        let (Some(v), Some(h)) = (v, h.as_ref().filter(|h| h.col.part == part)) else { continue };
        cells.push(Cell { at: out.len(), row: rowno, column: i + 1, header: Some(h.name.clone()), placeholder: false });
        out.push_str(h.col.key);
        if let Some(l) = &h.lang {
            out.push('.');
            if l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') && !l.is_empty() {
                out.push_str(l);
            } else {
                quote(out, l);
            }
        }
        out.push_str(" = ");
        out.push_str(v);
        out.push('\n');
    }
}

/// The cell behind a byte offset of a sheet's TOML: the last one that begins at or before it.
pub(crate) fn cell_at(cells: &[Cell], offset: usize) -> Option<&Cell> {
    let i = cells.partition_point(|c| c.at <= offset);
    cells.get(i.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_quirk_of_spreadsheet_exports() {
        assert_eq!(records("a,b\n1,2").unwrap(), [vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(records("a;b\r\n\"1;5\";2\r\n").unwrap(), [vec!["a", "b"], vec!["1;5", "2"]]);
        assert_eq!(records("a,b\n,\n").unwrap(), [vec!["a", "b"], vec!["", ""]]);
        assert_eq!(records("a\n\"x\ny\"\n").unwrap(), [vec!["a"], vec!["x\ny"]]);
        assert_eq!(records("a,b\n\"open,1\n").unwrap_err().0, 2);
        assert_eq!(letters(1), "A");
        assert_eq!(letters(28), "AB");
    }

    /// Sheets made of random pieces (quotes, separators, line breaks, headers, values): compiling them never
    /// panics, and every error in a sheet is at a row and column it has.
    #[test]
    fn random_sheets_never_panic_and_errors_stay_inside_them() {
        const PIECES: [&str; 24] = [
            ",",
            "\"",
            "\n",
            "\r\n",
            "\r",
            ";",
            "id",
            "title",
            "amount",
            "unit",
            "x",
            "1.5",
            "CNY",
            "label",
            "\"\"",
            " ",
            "2,4",
            "1.234",
            "-",
            "%",
            "percent",
            "VERDADEIRO",
            "31/12/2025",
            "\u{a0}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for k in 0..800 {
            // Sheets separated by commas, and by semicolons (with decimal commas, days first).
            let head =
                ["id,title,statement,label,amount,unit,change\n", "id;title;statement;label;amount;unit;change\n"];
            let mut text = String::from(head[k % 2]);
            for _ in 0..next() % 40 {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            let (rows, cols) = match records(&text) {
                Ok(r) => (r.len(), r.iter().map(Vec::len).max().unwrap_or(0)),
                Err(_) => (usize::MAX, usize::MAX),
            };
            let result = crate::input::Input::csv("facts.csv", &text).and_then(|i| crate::compile(&[i]).map(|_| ()));
            for e in result.err().unwrap_or_default() {
                if e.file == "facts.csv" {
                    let inside = |(row, column)| row >= 1 && row <= rows.max(1) && column <= cols.max(1);
                    assert!(e.cell().is_some_and(inside), "{e} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn rows_continue_a_fact_and_cells_are_remembered() {
        let sheet = "id,title,amount,unit,converted_amount,converted_unit\nf,T,1.5,CNY,0.2,USD\n,,2,CNY,,\n";
        let Sheet { toml, cells, .. } = to_toml("facts.csv", sheet).unwrap();
        assert!(toml.contains("[[fact]]\nid = \"f\"\ntitle = \"T\"\n"), "{toml}");
        assert!(toml.contains("converted = { amount = 0.2, unit = \"USD\" }"), "{toml}");
        assert_eq!(toml.matches("[[fact.figures]]").count(), 2, "{toml}");
        let at = toml.find("unit = \"USD\"").unwrap();
        let c = cell_at(&cells, at).unwrap();
        assert_eq!((c.row, c.column, c.header.as_deref()), (2, 6, Some("converted_unit")));
        let at = toml.rfind("amount = 2").unwrap();
        assert_eq!(cell_at(&cells, at).map(|c| (c.row, c.column)), Some((3, 3)));
        // A row without an id holds figures and corrections only.
        let e = &to_toml("facts.csv", "id,title,label\nf,T,L\n,X,M\n").err().unwrap()[0];
        assert_eq!(e.to_string(), "facts.csv: row 3, column B (title): `title` is filled in a row that continues the fact above (its id is empty) (hint: a row without an id holds only another figure or correction of the fact above; give it an id to start a fact)");
        // A sheet whose name says nothing, and a header twice.
        assert!(to_toml("data.csv", "id\n").unwrap_err()[0].message.contains("cannot tell which table"));
        let e = &to_toml("topics.csv", "id,name,id\n").unwrap_err()[0];
        assert_eq!((e.cell(), e.message.as_str()), (Some((1, 3)), "column `id` appears twice"));
    }

    #[test]
    fn a_bad_cell_on_a_facts_own_row_is_reported_once() {
        let s = to_toml("facts.csv", "id,title,label,change\nf,T,L,TALVEZ\n").unwrap();
        let e: Vec<_> = s.errors.iter().map(|e| (e.cell(), e.message.as_str())).collect();
        assert_eq!(e, [(Some((2, 4)), "`TALVEZ` is neither true nor false")]);
    }

    #[test]
    fn an_empty_required_cell_is_the_sheets_error_at_its_own_column() {
        let sheet = "id,title,label,amount,unit,converted_amount,converted_unit\nf,T,L,1,CNY,2,\n";
        let s = to_toml("facts.csv", sheet).unwrap();
        let e: Vec<_> = s.errors.iter().map(|e| (e.cell(), e.message.as_str())).collect();
        assert_eq!(e, [(Some((2, 7)), "`converted_unit` is empty, and is required")]);
        assert!(s.toml.contains("converted = { amount = 2, unit = \"\" }"), "{}", s.toml);
        assert!(cell_at(&s.cells, s.toml.find("unit = \"\"").unwrap()).unwrap().placeholder);
        // The compiler says nothing more about it.
        let errors = crate::compile(&[crate::input::Input::csv("facts.csv", sheet).unwrap()]).unwrap_err();
        assert!(
            errors.iter().all(|e| e.cell().is_none_or(|(_, c)| c != 7) || e.message.contains("is required")),
            "{errors:?}"
        );
    }

    #[test]
    fn a_correction_takes_a_table_and_a_bare_text_column_needs_its_language() {
        let sheet = "id,title,correction_date,correction_wrong,correction_changed\nf,T,,,\n,,2024-03-05,W,C\n";
        let Sheet { toml, cells, .. } = to_toml("facts.csv", sheet).unwrap();
        assert!(
            toml.ends_with(
                "title = \"T\"\n\n[[fact.corrections]]\ndate = \"2024-03-05\"\nwrong = \"W\"\nchanged = \"C\"\n"
            ),
            "{toml}"
        );
        let c = cell_at(&cells, toml.find("wrong = ").unwrap()).unwrap();
        assert_eq!((c.row, c.column, c.header.as_deref()), (3, 4, Some("correction_wrong")));
        let e = &to_toml("facts.csv", "id,title,title.zh\n").unwrap_err()[0];
        assert_eq!(e.cell(), Some((1, 2)));
        assert_eq!(e.message, "column `title` beside columns of `title` by language");
    }

    /// Rows are the spreadsheet's rows: a blank line is a row, and a line ended by a lone CR (as old Mac exports
    /// end theirs) ends a row, so errors name the row a spreadsheet shows. A quote never closed is an error, not a
    /// cell that runs to the end of the file. (Each of these is something the `csv` crate reads otherwise; see
    /// ARCHITECTURE.md, "Libraries we measured".)
    #[test]
    fn rows_are_the_spreadsheets_rows() {
        let row_of = |sheet: &str| to_toml("facts.csv", sheet).unwrap().errors[0].cell();
        assert_eq!(row_of("id,title,change\n\nf,T,TALVEZ\n"), Some((3, 3)));
        assert_eq!(row_of("id,title,change\rf,\"T\rU\",x\rg,T,TALVEZ\r"), Some((3, 3)));
        let e = &to_toml("facts.csv", "id,title\nf,\"T,\n").unwrap_err()[0];
        assert_eq!(
            (e.cell(), e.message.as_str()),
            (Some((2, 2)), "a quoted field is never closed (a `\"` is missing)")
        );
    }
}
