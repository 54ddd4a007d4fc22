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
//! Parsing is most of the work, so a file that holds facts alone, as a look at its lines tells (its table headers
//! are all `[[fact]]` and its figures' and corrections'), is parsed in the second pass only. The look can be wrong,
//! so the second pass checks it: should such a file hold another table, have another number of facts than the
//! look counted, or not parse, or should a fact id be used twice, the set is compiled again with every file
//! parsed in both passes, which finds every error in its place. A set without errors, in files as factcard and
//! spreadsheets write them, is parsed once.
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
    /// Its facts' ids, in order (none where it is parsed in the second pass only).
    ids: Ids,
    /// How many facts it holds; and whether only the second pass parses it (it looks like facts alone).
    count: usize,
    later: bool,
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

/// The number of `[[fact]]` tables of a file that, as far as a look at its lines tells, holds facts alone: no table
/// header but `[[fact]]` and its figures' and corrections', and no key before the first. `None` where it may hold
/// more. A line in a multi-line string can make the look wrong either way: the second pass checks it.
fn facts_alone(text: &str) -> Option<usize> {
    let (mut count, mut headed) = (0, false);
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('[') {
            headed = true;
            if line == "[[fact]]" {
                count += 1;
            } else if !(line == "[[fact.figures]]" || line == "[[fact.corrections]]") {
                return None;
            }
        } else if !headed {
            return None;
        }
    }
    Some(count)
}

/// The first pass over one file; with `exact`, every file is parsed.
fn scan<'i>(files: &Files<'i>, i: usize, exact: bool) -> Result<Scanned<'i>, Vec<Error>> {
    let input = files.load(i)?;
    let sheet_errors = input.errors.clone();
    let digest = digest(&input.text);
    if let Some(count) = facts_alone(&input.text).filter(|_| !exact) {
        let input = match input {
            Loaded::Owned(input) => Loaded::Owned(Input::new(input.name, "")),
            input => input,
        };
        let (raw, ids, parse_errors) = (None, Ids::default(), Vec::new());
        return Ok(Scanned { input, raw, ids, count, later: true, sheet_errors, parse_errors, digest });
    }
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
    let count = ids.ends.len();
    Ok(Scanned { input, raw, ids, count, later: false, sheet_errors, parse_errors, digest })
}

/// The set must be compiled again with every file parsed in both passes (see the module's notes).
struct Again;

/// The second pass over one file: its facts, checked against `set`, into `out` (room for as many as the first
/// pass found); and their errors. `twice`: the indexes of its facts whose id an earlier fact has; `later`: only
/// this pass parses the file, so it checks what the first pass took from a look at its lines.
fn facts(file: &Todo, files: &Files, set: &Context, twice: &[usize], out: &mut [Fact]) -> Result<Vec<Error>, Again> {
    let input = match files.load(file.index) {
        Ok(input) => input,
        Err(errors) => return Ok(errors),
    };
    let raw = match toml::from_str::<RawFile>(&input.text) {
        Ok(raw) if digest(&input.text) == file.digest => raw,
        Err(_) if digest(&input.text) == file.digest && file.later => return Err(Again),
        _ => {
            let message = "changed while factcard was reading it".to_string();
            let e = Error::at(input.name.clone(), 1, 1, message, Some("check the set again once it is saved".into()));
            return Ok(vec![e]);
        }
    };
    if file.later && (has_tables(&raw) || raw.fact.len() != out.len()) {
        return Err(Again);
    }
    let mut cx = Ctx { inputs: &[&*input], errors: Vec::new() };
    let facts = FactRows { set, cx: &mut cx }.facts(0, &raw, twice);
    for (slot, f) in out.iter_mut().zip(facts) {
        *slot = f;
    }
    Ok(cx.errors)
}

/// A file the second pass reads: its index, the digest of its text, how many facts it holds, and whether only
/// this pass parses it.
struct Todo {
    index: usize,
    digest: u64,
    count: usize,
    later: bool,
}

/// Compiles the files together into one data set, or returns every error found.
pub(crate) fn compile(files: &Files) -> Result<DataSet, Vec<Error>> {
    match passes(files, false) {
        Ok(done) => done,
        Err(Again) => passes(files, true).unwrap_or_else(|Again| {
            // Every file was parsed in the first pass: nothing is left to check again.
            Err(vec![Error::at("(data set)", 1, 1, "the compiler lost its way: please report it".into(), None)])
        }),
    }
}

/// Both passes; with `exact`, every file is parsed in both.
fn passes(files: &Files, exact: bool) -> Result<Result<DataSet, Vec<Error>>, Again> {
    let n = files.len();
    let scanned: Vec<Result<Scanned, Vec<Error>>> = (0..n).into_par_iter().map(|i| scan(files, i, exact)).collect();
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
        return Ok(Err(unread));
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
    let todo: Vec<Todo> = read
        .iter()
        .enumerate()
        .map(|(index, s)| Todo { index, digest: s.digest, count: s.count, later: s.later })
        .filter(|t| t.count > 0)
        .collect();
    let later = todo.iter().any(|t| t.later);
    drop(read);

    // The facts, every file's against the same context, each straight into its place in the set's list (no second
    // copy of a million facts while per-file lists are joined).
    let mut all: Vec<Fact> = Vec::new();
    all.resize_with(todo.iter().map(|t| t.count).sum(), Fact::default);
    let mut rest = &mut all[..];
    let mut places = Vec::with_capacity(todo.len());
    for t in &todo {
        let (place, after) = rest.split_at_mut(t.count);
        places.push(place);
        rest = after;
    }
    let found: Vec<Vec<Error>> = todo
        .par_iter()
        .zip(places)
        .map(|(t, out)| facts(t, files, &set, &twice[t.index], out))
        .collect::<Result<_, _>>()?;
    errors.extend(found.into_iter().flatten());
    let Context { mut ds, declared, .. } = set;
    ds.facts = all;
    // In id order. The ids of files parsed in the second pass only were not among those checked for one used twice:
    // two equal neighbours send the set round again, to say where.
    ds.facts.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    if later && ds.facts.windows(2).any(|w| w[0].id == w[1].id) {
        return Err(Again);
    }

    if !errors.is_empty() {
        error::in_row_order(&mut errors);
        return Ok(Err(errors));
    }
    let set_error = |message: String| vec![Error::at("(data set)", 1, 1, message, None)];
    if ds.sources.is_empty() && !ds.facts.is_empty() {
        return Ok(Err(set_error("no [[source]] defined".into())));
    }
    if let Err(e) = crate::present::fill(&mut ds, &declared) {
        return Ok(Err(set_error(e)));
    }
    ds.link();
    Ok(Ok(ds))
}
