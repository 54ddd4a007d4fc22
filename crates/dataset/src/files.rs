//! Finding and reading a data set's files: a folder stands for every `*.toml` and `*.csv` below it; a
//! spreadsheet workbook is refused with how to save its sheets.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::input::Input;

/// Reads the named files (a folder stands for every `*.toml` and `*.csv` below it), each as its input, in the order
/// of their paths: neither the order the files are named in (a shell's glob sorts by its locale) nor the order a
/// folder lists them in (a file system's own) changes the set, so two builds of the same files give the same bytes.
/// The set's sources, topics and entities keep that order (then their order within each file).
pub fn read_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, Vec<Error>> {
    let (files, mut errors) = list_files(paths);
    let mut inputs = Vec::new();
    for p in &files {
        match read_input(p) {
            Ok(i) => inputs.push(i),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(inputs)
    } else {
        Err(errors)
    }
}

/// The files to read for the named paths (a folder stands for every `*.toml` and `*.csv` below it), in path order
/// (see [`read_inputs`]); and the folders that could not be listed.
pub(crate) fn list_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            if let Err(e) = collect_inputs(p, &mut files) {
                errors.push(io_error(p, &e));
            }
        } else {
            files.push(p.clone());
        }
    }
    // Stable: a file named twice is read twice (its ids are then "used twice"), as before.
    files.sort();
    (files, errors)
}

/// One file as its input: a TOML file, or a sheet as its TOML. A workbook, a file that cannot be read and a sheet
/// that cannot be decoded are errors.
pub(crate) fn read_input(p: &Path) -> Result<Input, Vec<Error>> {
    let name = p.display().to_string();
    if is_workbook(p) {
        let message = "is a spreadsheet workbook, which factcard does not read".to_string();
        return Err(vec![Error::at(name, 1, 1, message, Some(WORKBOOK_HINT.into()))]);
    }
    if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        let bytes = std::fs::read(p).map_err(|e| vec![io_error(p, &e)])?;
        return Input::csv_bytes(name, &bytes);
    }
    let mut text = std::fs::read_to_string(p).map_err(|e| vec![io_error(p, &e)])?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(Input::new(name, text))
}

pub(crate) fn io_error(p: &Path, e: &std::io::Error) -> Error {
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
