//! The compiler's two passes over a set's files, each on every core, holding no more than a few files' text and
//! parsed form at a time (a million facts are half a gigabyte of TOML, and several times that parsed).
//!
//! 1. Every file is read and parsed. What facts are checked against (the languages, units, sources, topics and
//!    entities) is kept with the text of the files that hold it (their errors need the text for lines and columns),
//!    and of each file's facts only their ids. Then the tables other than facts are checked, file by file in path
//!    order as before, and a fact id used twice is found.
//! 2. Every file with facts is read and parsed again, and its facts are checked against that context and kept in
//!    their final form; its text and parsed form are dropped as soon as its facts are made. A file whose text
//!    changed between the two passes is an error: check again.
//!
//! Errors come in the order one walk over the files gives: each sheet's own, then each file that does not parse,
//! then each table's in the order of the files, facts last; a fact id used twice is reported where its fact's
//! other errors are.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::path::PathBuf;

use factcard_core::model::{DataSet, Fact};
use rayon::prelude::*;

use crate::check::Ctx;
use crate::error::{self, Error};
use crate::input::Input;
use crate::raw::RawFile;
use crate::tables::{Context, FactRows, Tables};

/// Where a set's files come from: inputs already in memory, or files read when a pass needs them.
pub(crate) enum Files<'i> {
    Inputs(&'i [Input]),
    /// Paths in the order the set reads them, and the folders that could not be listed.
    Paths(Vec<PathBuf>, Vec<Error>),
}

/// One file's input, as a pass holds it.
enum Loaded<'i> {
    Borrowed(&'i Input),
    Owned(Input),
}

impl Deref for Loaded<'_> {
    type Target = Input;
    fn deref(&self) -> &Input {
        match self {
            Loaded::Borrowed(i) => i,
            Loaded::Owned(i) => i,
        }
    }
}

impl<'i> Files<'i> {
    fn len(&self) -> usize {
        match self {
            Files::Inputs(inputs) => inputs.len(),
            Files::Paths(paths, _) => paths.len(),
        }
    }

    fn load(&self, i: usize) -> Result<Loaded<'i>, Vec<Error>> {
        match self {
            Files::Inputs(inputs) => Ok(Loaded::Borrowed(&inputs[i])),
            Files::Paths(paths, _) => crate::files::read_input(&paths[i]).map(Loaded::Owned),
        }
    }
}

/// What the first pass keeps of one file.
struct Scanned<'i> {
    /// The input; of a file holding facts alone, only its name (nothing but its facts needs its text, and the
    /// second pass reads it again).
    input: Loaded<'i>,
    /// The file as read, without its facts; `None` where it does not parse.
    raw: Option<RawFile>,
    /// Its facts' ids, in order.
    ids: Ids,
    /// The errors of a sheet's cells, and the file's own if it does not parse.
    sheet_errors: Vec<Error>,
    parse_errors: Vec<Error>,
    /// A digest of its text, to see that the second pass reads the same.
    digest: u64,
}

/// Strings one after the other, for many short ones: a million fact ids in one allocation per file.
#[derive(Default)]
struct Ids {
    all: String,
    ends: Vec<usize>,
}

impl Ids {
    fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.all[a..b])
    }
}

fn digest(text: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Whether a file holds anything but facts (whose errors are found in the first pass, so need its text).
fn has_tables(f: &RawFile) -> bool {
    f.dataset.is_some() || !(f.unit.is_empty() && f.source.is_empty() && f.topic.is_empty() && f.entity.is_empty())
}

/// The first pass over one file.
fn scan<'i>(files: &Files<'i>, i: usize) -> Result<Scanned<'i>, Vec<Error>> {
    let input = files.load(i)?;
    let sheet_errors = input.errors.clone();
    let digest = digest(&input.text);
    let (raw, parse_errors, ids) = match toml::from_str::<RawFile>(&input.text) {
        Ok(mut f) => {
            let mut ids = Ids::default();
            for r in &f.fact {
                ids.all.push_str(r.get_ref().id.get_ref());
                ids.ends.push(ids.all.len());
            }
            f.fact = Vec::new();
            (Some(f), Vec::new(), ids)
        }
        Err(e) => {
            let mut cx = Ctx { inputs: &[&*input], errors: Vec::new() };
            cx.err(0, e.span().unwrap_or(0..0), e.message().trim().to_string(), None);
            (None, cx.errors, Ids::default())
        }
    };
    let input = match input {
        Loaded::Owned(input) if !raw.as_ref().is_some_and(has_tables) => Loaded::Owned(Input::new(input.name, "")),
        input => input,
    };
    Ok(Scanned { input, raw, ids, sheet_errors, parse_errors, digest })
}

/// The second pass over one file: its facts, checked against `set`, into `out` (room for as many as the first
/// pass found); and their errors. `twice`: the indexes of its facts whose id an earlier fact has.
fn facts(files: &Files, i: usize, set: &Context, digest: u64, twice: &[usize], out: &mut [Fact]) -> Vec<Error> {
    let input = match files.load(i) {
        Ok(input) => input,
        Err(errors) => return errors,
    };
    let raw = match toml::from_str::<RawFile>(&input.text) {
        Ok(raw) if self::digest(&input.text) == digest => raw,
        _ => {
            let message = "changed while factcard was reading it".to_string();
            let e = Error::at(input.name.clone(), 1, 1, message, Some("check the set again once it is saved".into()));
            return vec![e];
        }
    };
    let mut cx = Ctx { inputs: &[&*input], errors: Vec::new() };
    let facts = FactRows { set, cx: &mut cx }.facts(0, &raw, twice);
    for (slot, f) in out.iter_mut().zip(facts) {
        *slot = f;
    }
    cx.errors
}

/// Compiles the files together into one data set, or returns every error found.
pub(crate) fn compile(files: &Files) -> Result<DataSet, Vec<Error>> {
    let n = files.len();
    let scanned: Vec<Result<Scanned, Vec<Error>>> = (0..n).into_par_iter().map(|i| scan(files, i)).collect();
    // A folder or file that cannot be read fails the set before anything is checked, as it always has.
    let mut unread = match files {
        Files::Paths(_, errors) => errors.clone(),
        Files::Inputs(_) => Vec::new(),
    };
    let mut read = Vec::with_capacity(n);
    for s in scanned {
        match s {
            Ok(s) => read.push(s),
            Err(e) => unread.extend(e),
        }
    }
    if !unread.is_empty() {
        return Err(unread);
    }

    // The tables other than facts, from the files that parsed.
    let mut errors: Vec<Error> = read.iter().flat_map(|s| s.sheet_errors.iter().cloned()).collect();
    errors.extend(read.iter_mut().flat_map(|s| std::mem::take(&mut s.parse_errors)));
    let parsed: Vec<(usize, RawFile)> =
        read.iter_mut().enumerate().filter_map(|(i, s)| Some((i, s.raw.take()?))).collect();
    let inputs: Vec<&Input> = read.iter().map(|s| &*s.input).collect();
    let mut cx = Ctx { inputs: &inputs, errors };
    let mut t = Tables::new(&mut cx, &parsed);
    t.dataset();
    t.units();
    t.sources();
    t.topics();
    t.entities();
    t.parents();
    let set = t.set;
    let mut errors = cx.errors;
    drop((inputs, parsed));

    // Each fact id used twice, by file: the indexes of the facts that reuse an earlier fact's id.
    let mut seen = HashSet::new();
    let twice: Vec<Vec<usize>> = read
        .iter()
        .map(|s| s.ids.iter().enumerate().filter(|(_, id)| !seen.insert(*id)).map(|(k, _)| k).collect())
        .collect();
    drop(seen);
    // The files with facts: each one's index, digest and number of facts.
    let todo: Vec<(usize, u64, usize)> =
        read.iter().enumerate().map(|(i, s)| (i, s.digest, s.ids.ends.len())).filter(|t| t.2 > 0).collect();
    drop(read);

    // The facts, every file's against the same context, each straight into its place in the set's list (no second
    // copy of a million facts while per-file lists are joined).
    let mut all: Vec<Fact> = Vec::new();
    all.resize_with(todo.iter().map(|t| t.2).sum(), Fact::default);
    let mut rest = &mut all[..];
    let mut places = Vec::with_capacity(todo.len());
    for &(_, _, count) in &todo {
        let (place, after) = rest.split_at_mut(count);
        places.push(place);
        rest = after;
    }
    let found: Vec<Vec<Error>> = todo
        .par_iter()
        .zip(places)
        .map(|(&(i, digest, _), out)| facts(files, i, &set, digest, &twice[i], out))
        .collect();
    errors.extend(found.into_iter().flatten());
    let Context { mut ds, declared, .. } = set;
    ds.facts = all;

    if !errors.is_empty() {
        error::in_row_order(&mut errors);
        return Err(errors);
    }
    let set_error = |message: String| vec![Error::at("(data set)", 1, 1, message, None)];
    if ds.sources.is_empty() && !ds.facts.is_empty() {
        return Err(set_error("no [[source]] defined".into()));
    }
    crate::present::fill(&mut ds, &declared).map_err(set_error)?;
    // Ids are unique (one used twice is an error), so an unstable sort gives the one order, without a copy.
    ds.facts.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    ds.link();
    Ok(ds)
}
