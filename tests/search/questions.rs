//! The reader questions of the search-quality files (`tests/search/*.toml`), read once for the test suite
//! (`tests/suite/search.rs`) and the native search benchmark (`examples/bench_search.rs`), which both include this
//! file with `#[path]`.

use std::path::Path;

use serde::Deserialize;

/// A questions file: questions with the facts that answer them, and queries that must find nothing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questions {
    #[serde(default)]
    pub question: Vec<Question>,
    #[serde(default)]
    pub nothing: Vec<Nothing>,
}

/// A query a reader might type, and the ids of the facts that answer it (any one of them is a hit).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub query: String,
    pub expect: Vec<String>,
    /// Why these facts answer it, for the person who edits the file.
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}

/// A query about something the data set does not hold.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nothing {
    pub query: String,
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}

/// The file `tests/search/{name}` of this repository.
pub fn path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search").join(name)
}

/// Reads a questions file; the error names the file (and the line, for bad TOML or an unknown key).
pub fn read(path: &Path) -> Result<Questions, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let qs: Questions = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(q) = qs.question.iter().find(|q| q.expect.is_empty()) {
        return Err(format!("{}: question {:?} expects no fact", path.display(), q.query));
    }
    Ok(qs)
}
