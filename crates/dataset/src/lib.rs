//! Reading and checking a data set: TOML facts files and CSV sheets in, a validated [`DataSet`] out.
//!
//! It runs natively only (the `factcard` command-line tool, tests and benchmarks), so the TOML parser and ICU4X
//! cost the wasm nothing. It reports every error it finds, not only the first, each with file, line and column,
//! what it found, what it expected and, where it can, a hint (in a sheet: file, row, column and header).
//! [`convert`] writes a set's files back as sheets or as TOML. Writing a published folder is `factcard-publish`'s
//! job; rewriting HTML pages is `factcard-inline`'s.
//!
//! The modules, in the order data flows through them: `files` (finding and reading a set's files), `input` (one
//! file as [`Input`]), [`csv`] (a sheet turned into the TOML that says the same, its cells remembered; `cells`
//! reads encodings, numbers, booleans and days as each locale's Excel writes them), `passes` (the two passes over
//! the files, on every core, a few files in memory at a time), `raw` (the files as serde reads them), `check`
//! (every field's checks, and where errors are placed), `tables` (one pass per table), with
//! [`dates`], [`rates`] (exchange-rate plausibility) and `hints` ("did you mean …?"). `error` holds [`Error`] and
//! its [`Place`]: a line and column of a TOML file, or a sheet's row, column and header.
//!
//! ```
//! use factcard_dataset::{compile, Input};
//! let bad = Input::new("a.toml", "[[topic]]\nid = \"x\"\nname.fr = \"X\"\n");
//! let errors = compile(&[bad]).unwrap_err();
//! assert_eq!(errors[0].to_string(), "a.toml:3:6: `name.fr`: the data set has no language `fr` (hint: its languages are en: declare more in [dataset] languages)");
//! ```

use std::path::{Path, PathBuf};

use factcard_core::model::DataSet;

mod cells;
mod check;
pub mod convert;
pub mod csv;
pub mod dates;
mod error;
mod files;
mod hints;
mod input;
pub mod locale;
mod passes;
mod present;
pub mod rates;
mod raw;
mod tables;
pub mod units;

pub use check::line_col;
pub use error::{Error, Place};
pub use files::{collect_inputs, empty_set_message, read_inputs};
pub use input::Input;

/// The default data set's folder in this repository (`seeds/`), for the build script, tests and benchmarks.
pub const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

/// Reads every `*.toml` and `*.csv` file below `dir` (in path order) and compiles them together.
pub fn compile_dir(dir: &Path) -> Result<DataSet, Vec<Error>> {
    let mut paths = Vec::new();
    collect_inputs(dir, &mut paths).map_err(|e| vec![files::io_error(dir, &e)])?;
    paths.sort();
    read_and_compile(&paths)
}

/// Reads the named files (a folder stands for every `*.toml` and `*.csv` below it) and compiles them together. The
/// files are read as the compiler needs them, a few at a time (see `passes`): a set far larger than memory's share
/// for its text compiles.
pub fn read_and_compile(paths: &[PathBuf]) -> Result<DataSet, Vec<Error>> {
    let (files, errors) = files::list_files(paths);
    passes::compile(&passes::Files::Paths(files, errors))
}

/// Compiles the files together into one data set, or returns every error found.
pub fn compile(inputs: &[Input]) -> Result<DataSet, Vec<Error>> {
    passes::compile(&passes::Files::Inputs(inputs))
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
        assert_eq!(
            (errs[0].file.as_str(), &errs[0].place),
            ("f.toml", &Place::Text { line: 3, column: 9 }),
            "{}",
            errs[0]
        );
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
        assert_eq!(ds.facts[0].figures[0].text.to_vec(), ["1,5 Millionen Fahrten", "150万回"]);
        // Per person, and data sizes.
        let each = de.replace("unit = \"trip\"", "unit = \"kilogram-per-person\"");
        assert_eq!(
            one(&each).unwrap().facts[0].figures[0].text.to_vec(),
            ["1,5 Millionen kg pro Kopf", "1人当たり150万 kg"]
        );
        let data = de.replace("unit = \"trip\"", "unit = \"gigabyte\"");
        assert_eq!(one(&data).unwrap().facts[0].figures[0].text.at(0), "1,5 Millionen\u{a0}GB");
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

    /// Errors come in the order of one walk over the files, table by table, whichever pass finds them: a later
    /// file's topic before an earlier file's facts, and a fact id used twice (in another file) just before its fact's
    /// other errors. Files read from disk give the same errors, in the same places, as inputs in memory.
    #[test]
    fn errors_keep_the_order_of_the_files_and_tables() {
        let fact = |id: &str, entity: &str| {
            format!("[[fact]]\nid = \"{id}\"\ntitle = \"T\"\nstatement = \"S.\"\nsource = \"s\"\nentities = [\"{entity}\"]\ntopics = [\"t\"]\ndate = \"2024\"\n\n")
        };
        let a = [fact("one", "e"), fact("two", "x")].concat();
        let b = format!(
            "{}[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\ndate = \"2024-01-02\"\n\n[[topic]]\nid = \"t\"\nname = \" \"\n\n[[entity]]\nid = \"e\"\nname = \"E\"\nkind = \"city\"\n",
            [fact("three", "e"), fact("two", "y")].concat()
        );
        let want = [
            "b.toml:27:8: name is empty (hint: write the text, or leave the key out)",
            "a.toml:15:13: unknown entity `x` (hint: did you mean `e`?)",
            "b.toml:11:6: fact id `two` is used twice",
            "b.toml:15:13: unknown entity `y` (hint: did you mean `e`?)",
        ];
        let errors = compile(&[Input::new("a.toml", a.as_str()), Input::new("b.toml", b.as_str())]).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(), want);
        let dir = std::env::temp_dir().join(format!("factcard-passes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.toml"), &a).unwrap();
        std::fs::write(dir.join("b.toml"), &b).unwrap();
        let errors = compile_dir(&dir).unwrap_err();
        let at = |f: &str| dir.join(f).display().to_string();
        let on_disk: Vec<String> = errors
            .iter()
            .map(|e| e.to_string().replace(&at("a.toml"), "a.toml").replace(&at("b.toml"), "b.toml"))
            .collect();
        assert_eq!(on_disk, want);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Files that look like facts alone are parsed once; where the look is wrong (a line of a multi-line string
    /// that reads as a header), or an id is used twice among them, the set is compiled again, parsing every file
    /// in both passes: the facts and errors are those of one walk over the files.
    #[test]
    fn files_of_facts_alone_are_checked_as_any_other() {
        let head = "[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\ndate = \"2024-01-02\"\n\n[[topic]]\nid = \"t\"\nname = \"T\"\n\n[[entity]]\nid = \"e\"\nname = \"E\"\nkind = \"city\"\n";
        let fact = |id: &str, statement: &str| {
            format!("[[fact]]\nid = \"{id}\"\ntitle = \"T\"\nstatement = \"\"\"\n{statement}\"\"\"\nsource = \"s\"\nentities = [\"e\"]\ntopics = [\"t\"]\ndate = \"2024\"\n\n")
        };
        let set = |a: String, b: String| {
            compile(&[Input::new("a.toml", a), Input::new("b.toml", b), Input::new("c.toml", head)])
        };
        // A statement with a line that reads as a header: two facts, not three.
        let ds = set(fact("one", "[[fact]]\nOne."), fact("two", "Two.")).unwrap();
        assert_eq!(ds.facts.iter().map(|f| f.statement.at(0)).collect::<Vec<_>>(), ["[[fact]]\nOne.", "Two."]);
        // An id used twice between two files of facts alone, found where the fact is.
        let errors = set([fact("one", "One."), fact("two", "Two.")].concat(), fact("two", "Again.")).unwrap_err();
        let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors, ["b.toml:2:6: fact id `two` is used twice"]);
        // A file of facts alone that does not parse is reported with the files that do not parse, first.
        let bad = format!("{}oops\n", fact("three", "Three."));
        let errors = set(fact("one", "One.").replace("\"e\"", "\"x\""), bad).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].to_string().starts_with("b.toml:11:5: "), "{}", errors[0]);
        assert!(errors[1].to_string().starts_with("a.toml:7:13: unknown entity `x`"), "{}", errors[1]);
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n重庆x", 9), (2, 3));
        assert_eq!(line_col("", 5), (1, 1));
    }
}
