//! The hostile cases (`tests/hostile/cases.toml`) and the small data set each is placed in, shared by the suite's
//! hostile tests (`tests/suite/hostile.rs`) and the generator of the browser corpus (`examples/browser_corpus.rs`,
//! run by `make test-pages` for `tests/pages/hostile.test.mjs` and `tests/pages/sanitize.test.mjs`), which both
//! include this file with `#[path]`.

use std::path::Path;

use factcard_core::model::{DataSet, Text};
use factcard_dataset::{compile, Input};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    pub field: String,
    pub value: String,
    #[serde(default)]
    pub repeat: Option<usize>,
    pub expect: String,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub bug: bool,
    #[serde(default)]
    pub bug_note: Option<String>,
}

impl Case {
    pub fn value(&self) -> String {
        self.value.repeat(self.repeat.unwrap_or(1))
    }
}

/// The cases of `tests/hostile/cases.toml` (a test's panic says what is wrong with the file).
pub fn cases() -> Vec<Case> {
    read_cases().unwrap_or_else(|e| panic!("{e}"))
}

/// The cases of `tests/hostile/cases.toml`, or what is wrong with the file.
pub fn read_cases() -> Result<Vec<Case>, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/cases.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let cases: Cases = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(cases.case)
}

// ---- The data set each case is placed in ----------------------------------------------------------------------

/// One line of the base data set: a table header or fixed line, a string field, or a one-string array field.
pub enum L {
    Fixed(&'static str),
    Str(&'static str, &'static str, &'static str),
    Array(&'static str, &'static str, &'static str),
}

/// Every field value is unique in the file, so that it can be found (and replaced) in the outputs.
pub const BASE: &[L] = &[
    L::Fixed("[dataset]"),
    L::Fixed("languages = [\"en\", \"zh\"]"),
    L::Fixed(""),
    L::Fixed("[[source]]"),
    L::Str("source.id", "id", "src"),
    L::Str("source.publisher", "publisher", "Base Publisher"),
    L::Str("source.title", "title.en", "Base Report Title"),
    L::Str("source.date", "date", "2021-08-19"),
    L::Str("source.author", "author", "Base Author"),
    L::Str("source.url", "url", "https://example.com/base-report"),
    L::Str("source.language", "language", "en-GB"),
    L::Str("source.note", "note", "Base source note"),
    L::Fixed(""),
    L::Fixed("[[topic]]"),
    L::Str("topic.id", "id", "widgets"),
    L::Str("topic.name", "name.en", "Base Topic"),
    L::Str("topic.name_zh", "name.zh", "基础主题"),
    L::Fixed(""),
    L::Fixed("[[entity]]"),
    L::Str("entity.id", "id", "ent"),
    L::Str("entity.name", "name.en", "Base Entity"),
    L::Str("entity.name_zh", "name.zh", "基础实体"),
    L::Str("entity.kind", "kind", "city"),
    L::Array("entity.alias", "aliases", "Base Alias"),
    L::Str("entity.description", "description.en", "Base description"),
    L::Str("entity.description_zh", "description.zh", "基础描述"),
    L::Fixed(""),
    L::Fixed("[[fact]]"),
    L::Str("fact.id", "id", "fact-one"),
    L::Str("title", "title.en", "Base Title Zorblatt"),
    L::Str("title_zh", "title.zh", "基础标题"),
    L::Str("statement", "statement.en", "Base statement about zorblatt widgets."),
    L::Str("statement_zh", "statement.zh", "基础陈述。"),
    L::Fixed("source = \"src\""),
    L::Fixed("entities = [\"ent\"]"),
    L::Fixed("topics = [\"widgets\"]"),
    L::Str("fact.date", "date", "2021-08-18"),
    L::Str("note", "note.en", "Base editor note"),
    L::Str("note_zh", "note.zh", "基础编者注"),
    L::Str("fact.updated", "updated", "2022-01-04"),
    L::Fixed(""),
    L::Fixed("[[fact.figures]]"),
    L::Str("figure.label", "label.en", "Base Label"),
    L::Str("figure.label_zh", "label.zh", "基础标签"),
    L::Fixed("amount = 66"),
    L::Str("figure.unit", "unit", "percent"),
    L::Str("figure.period", "period", "2021-01/2021-06"),
    L::Fixed(""),
    L::Fixed("[[fact.figures]]"),
    L::Fixed("label.en = \"Second Label\""),
    L::Fixed("label.zh = \"第二标签\""),
    L::Fixed("amount = 33"),
    L::Fixed("unit = \"percent\""),
    L::Fixed(""),
    L::Fixed("[[fact.corrections]]"),
    L::Str("correction.date", "date", "2022-01-05"),
    L::Str("correction.wrong", "wrong.en", "Base wrong"),
    L::Str("correction.wrong_zh", "wrong.zh", "基础错误"),
    L::Str("correction.changed", "changed.en", "Base changed"),
    L::Str("correction.changed_zh", "changed.zh", "基础更正"),
    L::Fixed(""),
    L::Fixed("[[fact]]"),
    L::Fixed("id = \"fact-two\""),
    L::Fixed("title.en = \"Second fact title\""),
    L::Fixed("title.zh = \"第二事实\""),
    L::Fixed("statement.en = \"Second fact statement.\""),
    L::Fixed("statement.zh = \"第二陈述。\""),
    L::Fixed("source = \"src\""),
    L::Fixed("entities = [\"ent\"]"),
    L::Fixed("topics = [\"widgets\"]"),
    L::Fixed("date = \"2020\""),
];

pub const FILE: &str = "hostile.toml";

pub fn base_value(field: &str) -> Option<&'static str> {
    BASE.iter().find_map(|l| match *l {
        L::Str(f, _, v) | L::Array(f, _, v) if f == field => Some(v),
        _ => None,
    })
}

/// `s` as a TOML basic string: `\` and `"` escaped, and every control character as `\uXXXX`.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The data set with `overrides` (field, value) in place of the base values, and the byte offset of each
/// override's string in the text.
pub fn data_toml(overrides: &[(&str, &str)]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut offsets = vec![usize::MAX; overrides.len()];
    for line in BASE {
        match *line {
            L::Fixed(s) => text.push_str(s),
            L::Str(field, key, base) | L::Array(field, key, base) => {
                let array = matches!(line, L::Array(..));
                text.push_str(key);
                text.push_str(" = ");
                if array {
                    text.push('[');
                }
                let value = match overrides.iter().position(|(f, _)| *f == field) {
                    Some(i) => {
                        offsets[i] = text.len();
                        overrides[i].1
                    }
                    None => base,
                };
                text.push_str(&toml_string(value));
                if array {
                    text.push(']');
                }
            }
        }
        text.push('\n');
    }
    for (i, (field, _)) in overrides.iter().enumerate() {
        assert_ne!(offsets[i], usize::MAX, "unknown field `{field}`");
    }
    (text, offsets)
}

pub fn compile_one(text: &str) -> Result<DataSet, Vec<factcard_dataset::Error>> {
    compile(&[Input::new(FILE, text)])
}

/// What the compiler stored for a field (only the fields that an accepted value can be in).
pub fn stored(ds: &DataSet, field: &str) -> Option<String> {
    let (s, t, e, f) = (&ds.sources[0], &ds.topics[0], &ds.entities[0], &ds.facts[0]);
    let en = |t: &Text| t.at(0).to_string();
    let zh = |t: &Text| t.at(1).to_string();
    Some(match field {
        "statement" => en(&f.statement),
        "statement_zh" => zh(&f.statement),
        "title" => en(&f.title),
        "title_zh" => zh(&f.title),
        "note" => en(f.note.as_ref()?),
        "note_zh" => zh(f.note.as_ref()?),
        "correction.wrong" => en(&f.corrections.first()?.wrong),
        "correction.wrong_zh" => zh(&f.corrections.first()?.wrong),
        "correction.changed" => en(&f.corrections.first()?.changed),
        "correction.changed_zh" => zh(&f.corrections.first()?.changed),
        "entity.name" => en(&e.name),
        "entity.name_zh" => zh(&e.name),
        "entity.alias" => e.aliases.first()?.clone(),
        "entity.description" => en(e.description.as_ref()?),
        "entity.description_zh" => zh(e.description.as_ref()?),
        "source.title" => en(&s.title),
        "source.publisher" => s.publisher.clone(),
        "source.author" => s.author.clone()?,
        "source.url" => s.url.clone()?,
        "source.note" => s.note.clone()?,
        "source.language" => s.language.clone(),
        "topic.name" => en(&t.name),
        "topic.name_zh" => zh(&t.name),
        "figure.label" => en(&f.figures[0].label),
        "figure.label_zh" => zh(&f.figures[0].label),
        _ => return None,
    })
}

// ---- The browser corpus -------------------------------------------------------------------------------------

/// Writes every case that compiles (those expected `escaped`) as a site folder, `root/N/` as `factcard site` writes
/// it, with an index `root/cases.json` ([{name, field, value}], value as the compiler stored it), for the browser
/// tests, which show each case in every element and check that nothing runs. `root` is replaced, if it holds a
/// corpus (or nothing). Returns the number of cases written.
pub fn write_corpus(root: &Path) -> Result<usize, String> {
    clear_corpus(root)?;
    let mut index = String::from("[");
    let mut n = 0;
    for case in read_cases()?.iter().filter(|c| c.expect == "escaped") {
        let value = case.value();
        if base_value(&case.field).is_none() {
            return Err(format!("case {}: no field `{}` in the base data set", case.name, case.field));
        }
        let (text, _) = data_toml(&[(case.field.as_str(), value.as_str())]);
        let ds = compile_one(&text).map_err(|errors| {
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            format!("case {} is marked escaped but does not compile:\n{}", case.name, errors.join("\n"))
        })?;
        // Its desk and iframe embed load the package as the page tests serve it.
        let dir = root.join(n.to_string());
        factcard_publish::site::write_with(&ds, &dir, "/pkg/factcard.js", |_| {})
            .map_err(|e| format!("case {}: cannot write {}: {e}", case.name, dir.display()))?;
        if n > 0 {
            index.push(',');
        }
        let mut o = factcard_core::json::Obj::open(&mut index);
        o.str("name", &case.name);
        o.str("field", &case.field);
        o.str("value", &stored(&ds, &case.field).unwrap_or_default());
        o.close();
        n += 1;
    }
    index.push(']');
    let file = root.join("cases.json");
    std::fs::write(&file, index).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    Ok(n)
}

/// Empties `root` (made if missing), unless it holds something else than a corpus: a wrong path must not be
/// deleted.
fn clear_corpus(root: &Path) -> Result<(), String> {
    let not_empty = std::fs::read_dir(root).is_ok_and(|mut d| d.next().is_some());
    if not_empty && !root.join("cases.json").is_file() {
        return Err(format!("{} is not empty and holds no cases.json: not replacing it", root.display()));
    }
    if root.exists() {
        std::fs::remove_dir_all(root).map_err(|e| format!("cannot empty {}: {e}", root.display()))?;
    }
    std::fs::create_dir_all(root).map_err(|e| format!("cannot make {}: {e}", root.display()))
}
