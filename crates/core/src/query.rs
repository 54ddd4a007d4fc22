//! One description of a search, the same for every path: the words, how many results, and the filters. Both wasm
//! modules take it as one text ([`Query::parse`]), which one JS function writes (`query()` in `js/core.js`) from a
//! search box's attributes or the API's options: one `key=value` a line, keys `q` (the words), `limit`, `entity`,
//! `topic`, `source` and `year`.
//!
//! - `entity`, `topic`, `source`: an id, or a name (an entity's alias too; a source's title) as
//!   [`crate::names::find`] reads it, whatever the path: the core searching the whole set, or the sharded index,
//!   which lists the folded names as filter terms;
//! - `year`: a year (`2021`) or a range of years (`2019-2021`): facts whose date or period covers one of them;
//!   `0` for none;
//! - `limit`: 1 to 1000, 10 unless given.
//!
//! A new filter is a field here, a line of [`Query::parse`], and its test in `Query::filter` and the sharded
//! index's terms ([`crate::shards`]).
//!
//! ```
//! use factcard_core::query::Query;
//! let q = Query::parse("q=Liangjiang investment\nlimit=3\nentity=Chongqing\nyear=2019-2021").unwrap();
//! assert_eq!((q.text, q.limit, q.years), ("Liangjiang investment", 3, Some((2019, 2021))));
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! assert!(q.filter(&ds).is_ok());
//! let e = Query::parse("entity=Atlantis").unwrap().filter(&ds).unwrap_err();
//! assert_eq!(e.0, "factcard: unknown entity \"Atlantis\"");
//! ```

use crate::model::DataSet;
use crate::names::{find, trim, Named};
use crate::search::Filter;

/// Results a query asks for unless it says, and at most.
pub const DEFAULT_LIMIT: usize = 10;
pub const MAX_LIMIT: usize = 1000;

/// A search: its words, how many results at most, and its filters (each `None` for none), borrowed from its text
/// form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query<'a> {
    pub text: &'a str,
    pub limit: usize,
    /// An entity, a topic and a source, each by id or name, as given (trimmed).
    pub named: [Option<&'a str>; 3],
    /// The first and last year (the same for one year).
    pub years: Option<(u16, u16)>,
}

/// Why a query cannot run: a clear message for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError(pub String);

fn error(parts: &[&str]) -> QueryError {
    QueryError(["factcard: ", &parts.concat()].concat())
}

impl Default for Query<'_> {
    fn default() -> Self {
        Query { text: "", limit: DEFAULT_LIMIT, named: Default::default(), years: None }
    }
}

impl<'a> Query<'a> {
    /// Reads the text form: one `key=value` a line (see the module); keys may come in any order, an empty value is
    /// no filter, an unknown key or a year that is none is an error.
    pub fn parse(form: &'a str) -> Result<Query<'a>, QueryError> {
        let mut q = Query::default();
        for line in form.split('\n').filter(|l| !l.is_empty()) {
            let (k, v) = line.split_once('=').unwrap_or((line, ""));
            match k {
                "q" => q.text = v,
                "limit" => q.limit = limit(v),
                "year" => {
                    q.years = years(trim(v))
                        .ok_or_else(|| error(&["\"", v, "\" is not a year or a range of years (2019-2021)"]))?
                }
                _ => match Named::ALL.iter().position(|n| n.word() == k) {
                    Some(i) => q.named[i] = Some(trim(v)).filter(|v| !v.is_empty()),
                    None => return Err(error(&["unknown search option \"", k, "\""])),
                },
            }
        }
        Ok(q)
    }

    /// The entity, topic or source it names, if any.
    pub fn named(&self, kind: Named) -> Option<&'a str> {
        self.named[kind as usize]
    }

    /// The filter of a search of the whole set, its names resolved ([`find`]); an unknown one is an error.
    pub fn filter(&self, ds: &DataSet) -> Result<Filter, QueryError> {
        let mut found = [None; 3];
        for &kind in &Named::ALL {
            if let Some(v) = self.named(kind) {
                found[kind as usize] = Some(find(ds, kind, v).ok_or_else(|| unknown(kind, v))?);
            }
        }
        let [entity, topic, source] = found;
        Ok(Filter { entity, topic, source, years: self.years })
    }
}

/// The error for a name that stands for nothing of its kind.
pub fn unknown(kind: Named, value: &str) -> QueryError {
    error(&["unknown ", kind.word(), " \"", value, "\""])
}

/// A limit as the JS API always read it: a positive number, its fraction dropped, at most [`MAX_LIMIT`];
/// anything else (none, 0, negative, not a number) is [`DEFAULT_LIMIT`].
fn limit(v: &str) -> usize {
    let v = trim(v);
    match crate::number::read(v.split_once('.').map_or(v, |(w, _)| w)) {
        None | Some(0) => DEFAULT_LIMIT,
        Some(n) => n.min(MAX_LIMIT),
    }
}

/// `2021`, `2019-2021`, or `0`/nothing for none; `None` for anything else.
fn years(v: &str) -> Option<Option<(u16, u16)>> {
    let year = |s: &str| crate::number::read(trim(s)).filter(|&y| y < 10000).map(|y| y as u16);
    if v.is_empty() || v == "0" {
        return Some(None);
    }
    let (a, b) = v.split_once('-').unwrap_or((v, v));
    let (a, b) = (year(a)?, year(b)?);
    (a > 0 && a <= b).then_some(Some((a, b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_as_the_api_always_read_them() {
        for (v, n) in [("5", 5), ("2.7", 2), ("0", 10), ("-3", 10), ("abc", 10), ("", 10), ("5000", 1000)] {
            assert_eq!(limit(v), n, "{v:?}");
        }
        assert_eq!(limit("99999999999999999999999"), 1000);
    }

    #[test]
    fn years_and_ranges() {
        assert_eq!(years("2021"), Some(Some((2021, 2021))));
        assert_eq!(years("2019-2021"), Some(Some((2019, 2021))));
        assert_eq!(years("2019 - 2021"), Some(Some((2019, 2021))));
        assert_eq!(years("0"), Some(None));
        assert_eq!(years(""), Some(None));
        for bad in ["2021-2019", "abc", "2019-", "-2019", "10000", "2019-2020-2021", "20.5"] {
            assert_eq!(years(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_text_form() {
        let q = Query::parse("limit=3\nq=a=b c\ntopic= vehicles \nsource=\nyear=2020").unwrap();
        assert_eq!(q.text, "a=b c");
        assert_eq!(q.limit, 3);
        assert_eq!(q.named, [None, Some("vehicles"), None]);
        assert_eq!(q.years, Some((2020, 2020)));
        assert_eq!(Query::parse("").unwrap(), Query::default());
        assert_eq!(Query::parse("colour=red").unwrap_err().0, "factcard: unknown search option \"colour\"");
        assert!(Query::parse("year=soon").unwrap_err().0.contains("\"soon\" is not a year"));
    }
}
