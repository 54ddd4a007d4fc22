//! Reading and checking a data set: TOML facts files and CSV sheets in, a validated [`DataSet`] out.
//!
//! It runs natively only (the `factcard` command-line tool, tests and benchmarks), so the TOML parser and ICU4X
//! cost the wasm nothing. It reports every error it finds, not only the first, each with file, line and column,
//! what it found, what it expected and, where it can, a hint (in a sheet: file, row, column and header).
//! [`convert`] writes a set's files back as sheets or as TOML. Writing a published folder is `factcard-publish`'s
//! job; rewriting HTML pages is `factcard-inline`'s.
//!
//! The modules, in the order data flows through them: [`csv`] (a sheet turned into the TOML that says the same, its
//! cells remembered; `cells` reads encodings, numbers, booleans and days as each locale's Excel writes them), `raw` (the files as serde reads them), `check` (every
//! field's checks, and where errors are placed), `tables` (one pass per table), with [`dates`], [`rates`]
//! (exchange-rate plausibility) and `hints` ("did you mean …?").
//!
//! ```
//! use factcard_dataset::{compile, Input};
//! let bad = Input::new("a.toml", "[[topic]]\nid = \"x\"\nname.fr = \"X\"\n");
//! let errors = compile(&[bad]).unwrap_err();
//! assert_eq!(errors[0].to_string(), "a.toml:3:6: `name.fr`: the data set has no language `fr` (hint: its languages are en: declare more in [dataset] languages)");
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use factcard_core::model::DataSet;

mod cells;
mod check;
pub mod convert;
pub mod csv;
pub mod dates;
mod hints;
pub mod locale;
mod present;
pub mod rates;
mod raw;
mod tables;
pub mod units;

pub use check::line_col;

/// The default data set's folder in this repository (`seeds/`), for the build script, tests and benchmarks.
pub const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

/// One data file: its name (as errors show it) and its text (TOML; a sheet's is made from it, see [`csv`]).
pub struct Input {
    pub name: String,
    pub text: String,
    /// For a sheet, the cell behind each key of `text`, so that errors name rows and columns.
    pub(crate) cells: Vec<csv::Cell>,
    /// For a sheet, its header row.
    pub(crate) headers: Vec<String>,
    /// A sheet separated by `;`, which takes decimal commas (see [`csv`]).
    pub(crate) comma: bool,
    /// For a sheet, the errors of cells its TOML could not say (reported with the compiler's own).
    pub(crate) errors: Vec<Error>,
}

impl Input {
    /// A TOML file.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Input {
        Input {
            name: name.into(),
            text: text.into(),
            cells: Vec::new(),
            headers: Vec::new(),
            comma: false,
            errors: Vec::new(),
        }
    }

    /// A CSV sheet (`facts*.csv`, `sources*.csv`, `topics*.csv`, `entities*.csv`), as its TOML.
    pub fn csv(name: impl Into<String>, text: &str) -> Result<Input, Vec<Error>> {
        let name = name.into();
        let s = csv::to_toml(&name, text)?;
        Ok(Input { name, text: s.toml, cells: s.cells, headers: s.headers, comma: s.comma, errors: s.errors })
    }

    /// A CSV sheet from its bytes: UTF-8, or Windows-1252 as Excel saves "CSV" by default (see [`csv`]).
    pub fn csv_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Input, Vec<Error>> {
        let name = name.into();
        let text = csv::text(&name, bytes)?;
        Input::csv(name, &text)
    }

    /// Whether the input is a sheet.
    pub fn is_sheet(&self) -> bool {
        !self.cells.is_empty() || self.name.to_ascii_lowercase().ends_with(".csv")
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
    /// In a sheet: `line` is the row and `column` the column (0 for the row as a whole).
    pub sheet: bool,
    /// In a sheet: the column's header.
    pub header: Option<String>,
}

impl Error {
    /// A problem at a line and column of a file.
    pub fn at(file: impl Into<String>, line: usize, column: usize, message: String, hint: Option<String>) -> Error {
        Error { file: file.into(), line, column, message, hint, sheet: false, header: None }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sheet {
            write!(f, "{}: row {}", self.file, self.line)?;
            if self.column > 0 {
                write!(f, ", column {}", csv::letters(self.column))?;
            }
            if let Some(h) = &self.header {
                write!(f, " ({h})")?;
            }
            write!(f, ": {}", self.message)?;
        } else {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)?;
        }
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Reads every `*.toml` and `*.csv` file below `dir` (in path order) and compiles them together.
pub fn compile_dir(dir: &Path) -> Result<DataSet, Vec<Error>> {
    let mut paths = Vec::new();
    collect_inputs(dir, &mut paths).map_err(|e| vec![io_error(dir, &e)])?;
    paths.sort();
    read_and_compile(&paths)
}

/// Reads the named files (a folder stands for every `*.toml` and `*.csv` below it) and compiles them together.
pub fn read_and_compile(paths: &[PathBuf]) -> Result<DataSet, Vec<Error>> {
    compile(&read_inputs(paths)?)
}

/// Reads the named files (a folder stands for every `*.toml` and `*.csv` below it), each as its input.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, Vec<Error>> {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inner = Vec::new();
            if let Err(e) = collect_inputs(p, &mut inner) {
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
    if errors.is_empty() {
        Ok(inputs)
    } else {
        Err(errors)
    }
}

fn read_input(p: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<Error>) {
    let name = p.display().to_string();
    if is_workbook(p) {
        let message = "is a spreadsheet workbook, which factcard does not read".to_string();
        errors.push(Error::at(name, 1, 1, message, Some(WORKBOOK_HINT.into())));
        return;
    }
    if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        match std::fs::read(p) {
            Ok(bytes) => match Input::csv_bytes(name, &bytes) {
                Ok(i) => inputs.push(i),
                Err(e) => errors.extend(e),
            },
            Err(e) => errors.push(io_error(p, &e)),
        }
        return;
    }
    match std::fs::read_to_string(p) {
        Ok(text) => inputs.push(Input::new(name, text.strip_prefix('\u{feff}').unwrap_or(&text))),
        Err(e) => errors.push(io_error(p, &e)),
    }
}

fn io_error(p: &Path, e: &std::io::Error) -> Error {
    Error::at(p.display().to_string(), 1, 1, format!("cannot read: {e}"), None)
}

/// How to turn a workbook into files factcard reads.
const WORKBOOK_HINT: &str = "save each of its sheets as CSV (facts.csv, sources.csv, topics.csv, entities.csv; \
                             see seeds/README.md) and give factcard those files or their folder";

/// A spreadsheet workbook (`.xlsx`, `.xls`, `.ods`, `.numbers`): not a facts file, though it may hold the sheets.
fn is_workbook(p: &Path) -> bool {
    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "numbers")
}

/// Why a set read from `paths` holds no facts, for a command that refuses an empty set: the places read, the files
/// looked for, and any workbook found there, with how to turn it into sheets.
pub fn empty_set_message(paths: &[PathBuf]) -> String {
    let places: Vec<String> = paths.iter().map(|p| format!("`{}`", p.display())).collect();
    let mut inputs = Vec::new();
    let mut workbooks = Vec::new();
    for p in paths {
        if p.is_dir() {
            collect_inputs(p, &mut inputs).ok();
            collect_workbooks(p, &mut workbooks);
        } else {
            inputs.push(p.clone());
        }
    }
    workbooks.sort();
    let found = match inputs.len() {
        0 => "found none".to_string(),
        n => format!("read {n} file(s), with no [[fact]] in them"),
    };
    let mut m = format!(
        "no facts in {}: factcard looked for *.toml files and *.csv sheets (facts.csv, sources.csv, …) in it and \
         the folders below it, and {found}",
        places.join(", ")
    );
    if let Some(w) = workbooks.first() {
        let more = if workbooks.len() > 1 { format!(" (and {} more)", workbooks.len() - 1) } else { String::new() };
        m.push_str(&format!(
            ".\nIt holds {}{more}, a spreadsheet workbook, which factcard does not read: {WORKBOOK_HINT}",
            w.display()
        ));
    }
    m.push_str(".\nIs the path right? (--allow-empty accepts a set with no facts.)");
    m
}

/// The workbooks in `dir` and the folders below it.
fn collect_workbooks(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_workbooks(&path, out);
        } else if is_workbook(&path) {
            out.push(path);
        }
    }
}

/// The facts files in `dir` and the folders below it (`*.toml` and `*.csv`), as the compiler reads a folder; unsorted.
pub fn collect_inputs(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_inputs(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml" || e.eq_ignore_ascii_case("csv")) {
            out.push(path);
        }
    }
    Ok(())
}

/// Compiles the files together into one data set, or returns every error found.
pub fn compile(inputs: &[Input]) -> Result<DataSet, Vec<Error>> {
    let errors = inputs.iter().flat_map(|i| i.errors.iter().cloned()).collect();
    let mut cx = check::Ctx { inputs, errors };
    let mut files = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        match toml::from_str::<raw::RawFile>(&input.text) {
            Ok(f) => files.push((i, f)),
            Err(e) => cx.err(i, e.span().unwrap_or(0..0), e.message().trim().to_string(), None),
        }
    }
    let mut t = tables::Tables::new(&mut cx, &files);
    t.dataset();
    t.units();
    t.sources();
    t.topics();
    t.entities();
    t.parents();
    t.facts();
    let (mut ds, declared) = (t.ds, t.declared);
    if !cx.errors.is_empty() {
        in_row_order(&mut cx.errors);
        return Err(cx.errors);
    }
    if ds.sources.is_empty() && !ds.facts.is_empty() {
        cx.err_set("no [[source]] defined".into());
        return Err(cx.errors);
    }
    if let Err(e) = present::fill(&mut ds, &declared) {
        cx.err_set(e);
        return Err(cx.errors);
    }
    ds.facts.sort_by(|a, b| a.id.cmp(&b.id));
    ds.link();
    Ok(ds)
}

/// Each sheet's errors in the order of its rows and columns (a sheet's own errors and the compiler's are found in
/// different passes); the other errors keep their places.
fn in_row_order(errors: &mut [Error]) {
    let at: Vec<usize> = (0..errors.len()).filter(|&i| errors[i].sheet).collect();
    let mut sheet: Vec<Error> = at.iter().map(|&i| errors[i].clone()).collect();
    let mut files: Vec<String> = Vec::new();
    for e in &sheet {
        if !files.contains(&e.file) {
            files.push(e.file.clone());
        }
    }
    sheet.sort_by_key(|e| (files.iter().position(|f| *f == e.file), e.line, e.column));
    for (i, e) in at.into_iter().zip(sheet) {
        errors[i] = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use factcard_core::model::{Decimal, Scale};

    const OK: &str = r#"
[dataset]
languages = ["en", "zh"]

[[source]]
id = "s"
publisher = "P"
title.en = "T"
date = "2021-08-19"

[[topic]]
id = "investment"
name.en = "Investment"
name.zh = "投资"

[[entity]]
id = "chongqing"
name.en = "Chongqing"
name.zh = "重庆"
kind = "municipality"

[[entity]]
id = "liangjiang"
name.en = "Liangjiang New Area"
name.zh = "两江新区"
kind = "area"
parent = "chongqing"
aliases = ["Yangjiang New Area"]

[[fact]]
id = "projects"
title.en = "Projects"
title.zh = "项目"
statement.en = "Twenty-five projects were signed."
statement.zh = "签约25个项目。"
source = "s"
entities = ["liangjiang"]
topics = ["investment"]
date = "2021-08-18"

[[fact.figures]]
label.en = "Investment"
label.zh = "投资额"
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
        assert_eq!(f.figures[0].value.amount, Decimal { digits: 463, frac: 1, neg: false });
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
            msgs[0].starts_with("f.toml:37:13: unknown entity `liangjang` (hint: did you mean `liangjiang`?)"),
            "{}",
            msgs[0]
        );
        assert!(msgs[1].contains("`2021-13-01` is not an ISO 8601 date"), "{}", msgs[1]);
        assert!(msgs[2].contains("unknown unit `RMB`") && msgs[2].contains("ISO 4217 currency"), "{}", msgs[2]);
    }

    #[test]
    fn implausible_conversion_needs_a_note() {
        let bad = OK.replace("amount = 6.95", "amount = 1.5");
        let errs = one(&bad).unwrap_err();
        assert!(errs[0].message.contains("30.87 CNY per USD"), "{}", errs[0]);
        let noted = bad.replace("date = \"2021-08-18\"", "date = \"2021-08-18\"\nnote.en = \"n\"\nnote.zh = \"注\"");
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
        let twice = format!("{OK}\n[[topic]]\nid = \"investment\"\nname.en = \"I\"\nname.zh = \"投\"\n");
        assert!(one(&twice).unwrap_err()[0].message.contains("topic id `investment` is used twice"));
        let typo = OK.replace("title.zh = \"项目\"", "title.zh = \"项目\"\ntitel = \"x\"");
        let e = &one(&typo).unwrap_err()[0];
        assert!(e.message.contains("unknown field `titel`"), "{e}");
    }

    #[test]
    fn one_language_needs_no_language_markup_and_any_language_may_be_declared() {
        let plain = "[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\ndate = \"2024-01-02\"\n\n[[topic]]\nid = \"t\"\nname = \"Buses\"\n\n[[entity]]\nid = \"e\"\nname = \"Town\"\nkind = \"city\"\n\n[[unit]]\nid = \"trip\"\nname = { one = \"trip\", other = \"trips\" }\n\n[[fact]]\nid = \"f\"\ntitle = \"Bus trips\"\nstatement = \"S.\"\nsource = \"s\"\nentities = [\"e\"]\ntopics = [\"t\"]\ndate = \"2023\"\n\n[[fact.figures]]\nlabel = \"Trips\"\namount = 1.5\nscale = \"million\"\nunit = \"trip\"\n";
        let ds = one(plain).unwrap();
        assert_eq!(ds.langs, ["en"]);
        assert_eq!(ds.facts[0].figures[0].text.pick(0), "1.5 million trips");
        let de = format!(
            "[dataset]\nlanguages = [\"de\", \"ja\"]\n{}",
            plain.replace(
                "name = { one = \"trip\", other = \"trips\" }",
                "name.de = { one = \"Fahrt\", other = \"Fahrten\" }\nname.ja = \"回\""
            )
        );
        let ds = one(&de).unwrap();
        assert_eq!(ds.langs, ["de", "ja"]);
        assert_eq!(ds.facts[0].figures[0].text.0, ["1,5 Millionen Fahrten", "150万回"]);
        // Per person, and data sizes.
        let each = de.replace("unit = \"trip\"", "unit = \"kilogram-per-person\"");
        assert_eq!(one(&each).unwrap().facts[0].figures[0].text.0, ["1,5 Millionen kg pro Kopf", "1人当たり150万 kg"]);
        let data = de.replace("unit = \"trip\"", "unit = \"gigabyte\"");
        assert_eq!(one(&data).unwrap().facts[0].figures[0].text.0[0], "1,5 Millionen\u{a0}GB");
        // A text without its default language, and a language the set does not have.
        let no_default = de.replace("title = \"Bus trips\"", "title.ja = \"バス\"");
        let e = &one(&no_default).unwrap_err()[0];
        assert!(e.message.contains("title has no text in the default language `de`"), "{e}");
        let stray = de.replace("title = \"Bus trips\"", "title.de = \"Busfahrten\"\ntitle.fr = \"Trajets\"");
        let e = &one(&stray).unwrap_err()[0];
        assert!(e.message.contains("`title.fr`: the data set has no language `fr`"), "{e}");
        let bad_tag = de.replace("[\"de\", \"ja\"]", "[\"de\", \"ja_JP!\"]");
        assert!(one(&bad_tag).unwrap_err()[0].message.contains("is not a language tag"));
    }

    #[test]
    fn periods() {
        for ok in ["2021", "2021-02", "2020-02-29", "2022-01/2022-09", "2016/2020"] {
            assert!(dates::valid_period(ok), "{ok}");
        }
        for bad in ["21", "2021-2", "2021-02-29", "2022-09/2022-01", "2021/", "next year", "2021-01-01-01"] {
            assert!(!dates::valid_period(bad), "{bad}");
        }
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n重庆x", 9), (2, 3));
        assert_eq!(line_col("", 5), (1, 1));
    }
}
