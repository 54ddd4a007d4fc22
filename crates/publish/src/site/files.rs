//! The folder's files as `factcard site` keeps them: a file is rewritten only when its bytes change, always through
//! a temporary file in the same folder renamed over it (a reader sees the old file or the new one, never half of
//! one), and what an earlier run wrote that this one does not is removed. Only what is factcard's is ever removed:
//! its folders (cards by language, `search/`, `desk/`, `versions/`) and its files at the top ([`is_own_top_file`]);
//! anything else in the folder is the publisher's and stays.

use std::collections::HashSet;
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use crate::caching::HEADERS_MARK;
use crate::desk;

/// What [`sync`] did to a file.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    Added,
    Changed,
    Unchanged,
}

/// Writes `bytes` to `file` unless it holds them already (then it is left untouched, its time kept).
pub fn sync(file: &Path, bytes: &[u8]) -> std::io::Result<Change> {
    let change = match fs::metadata(file) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 && fs::read(file)? == bytes => {
            return Ok(Change::Unchanged)
        }
        Ok(_) => Change::Changed,
        Err(e) if e.kind() == ErrorKind::NotFound => Change::Added,
        Err(e) => return Err(e),
    };
    write_atomic(file, bytes)?;
    Ok(change)
}

/// The start of the names of factcard's temporary files (hidden: `factcard serve` and most hosts never serve them).
const TMP: &str = ".factcard-tmp-";

/// Writes `bytes` to a temporary file beside `file`, then renames it over `file`.
fn write_atomic(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = file.with_file_name(format!("{TMP}{}-{name}", std::process::id()));
    let done = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, file));
    if done.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    done
}

/// Whether the folder holds a `_headers` that factcard did not write (one it must not replace).
pub fn foreign_headers(dir: &Path) -> bool {
    match fs::read(dir.join("_headers")) {
        Ok(text) => !text.starts_with(HEADERS_MARK.as_bytes()),
        Err(_) => false,
    }
}

/// Whether `name`, a file at the top of the folder, is one factcard writes (or wrote in an earlier version).
fn is_own_top_file(dir: &Path, name: &str) -> bool {
    let own = ["facts.facts", "mentions.json", "languages.json", "versions.json"];
    own.contains(&name)
        || desk::is_own_file(name)
        || name.starts_with(TMP)
        || (name == "_headers" && !foreign_headers(dir))
}

/// Whether `name`, a folder at the top, is factcard's: one of cards by language (it has `entity/`, or its name is
/// one of factcard's languages, as folders from before `languages.json` were), the index, the desk or the versions.
fn is_own_folder(dir: &Path, name: &str) -> bool {
    let path = dir.join(name);
    path.is_dir() && (path.join("entity").is_dir() || ["en", "zh", "search", "desk", "versions"].contains(&name))
}

/// Removes factcard's files that are not in `now` (this run's paths), and the folders this leaves empty; returns
/// their paths, sorted.
pub fn remove_stale(dir: &Path, now: &HashSet<&str>) -> std::io::Result<Vec<String>> {
    let mut removed = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        let Some(name) = e.file_name().to_str().map(str::to_string) else { continue };
        if e.file_type()?.is_dir() {
            if is_own_folder(dir, &name) {
                remove_stale_below(dir, &name, now, &mut removed)?;
            }
        } else if !now.contains(name.as_str()) && is_own_top_file(dir, &name) {
            remove(&dir.join(&name))?;
            removed.push(name);
        }
    }
    removed.sort();
    Ok(removed)
}

/// [`remove_stale`] inside the folder `rel` (relative to `dir`): every file not in `now` goes, and the folder too
/// once empty.
fn remove_stale_below(dir: &Path, rel: &str, now: &HashSet<&str>, removed: &mut Vec<String>) -> std::io::Result<()> {
    for e in fs::read_dir(dir.join(rel))? {
        let e = e?;
        let Some(name) = e.file_name().to_str().map(|n| format!("{rel}/{n}")) else { continue };
        if e.file_type()?.is_dir() {
            remove_stale_below(dir, &name, now, removed)?;
        } else if !now.contains(name.as_str()) {
            remove(&dir.join(&name))?;
            removed.push(name);
        }
    }
    // Only if empty: a folder of this run, or one holding what is not factcard's, stays.
    let _ = fs::remove_dir(dir.join(rel));
    Ok(())
}

/// Removes a file that may already be gone.
fn remove(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_bytes_are_written_and_only_factcards_stale_files_go() {
        let dir = std::env::temp_dir().join(format!("factcard-files-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("en/entity")).unwrap();
        fs::create_dir_all(dir.join("fr/entity")).unwrap();
        fs::create_dir_all(dir.join("images")).unwrap();
        let a = dir.join("en/a.html");
        assert_eq!(sync(&a, b"one").unwrap(), Change::Added);
        let before = fs::metadata(&a).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(sync(&a, b"one").unwrap(), Change::Unchanged);
        assert_eq!(fs::metadata(&a).unwrap().modified().unwrap(), before, "an unchanged file is left untouched");
        assert_eq!(sync(&a, b"two").unwrap(), Change::Changed);
        assert_eq!(sync(&a, b"one").unwrap(), Change::Changed, "same length, other bytes");
        assert_eq!(fs::read(&a).unwrap(), b"one");
        // Stale: a card of this run's language, a dropped language, an old desk script, a leftover temporary file.
        for f in ["en/gone.html", "fr/entity/x.html", "desk.js", ".factcard-tmp-1-x.html", "images/logo.png", "own.txt"]
        {
            fs::write(dir.join(f), "x").unwrap();
        }
        let now: HashSet<&str> = ["en/a.html"].into_iter().collect();
        let removed = remove_stale(&dir, &now).unwrap();
        assert_eq!(removed, [".factcard-tmp-1-x.html", "desk.js", "en/gone.html", "fr/entity/x.html"]);
        assert!(!dir.join("fr").exists() && a.exists() && dir.join("images/logo.png").exists());
        assert!(dir.join("own.txt").exists());
        // A publisher's own _headers is not factcard's; factcard's own is.
        fs::write(dir.join("_headers"), "/*\n  X-Frame-Options: DENY\n").unwrap();
        assert!(foreign_headers(&dir) && remove_stale(&dir, &now).unwrap().is_empty());
        fs::write(dir.join("_headers"), format!("{HEADERS_MARK}: …\n")).unwrap();
        assert!(!foreign_headers(&dir) && remove_stale(&dir, &now).unwrap() == ["_headers"]);
        let left: Vec<_> = fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name()).collect();
        assert!(!left.iter().any(|n| n.to_string_lossy().starts_with(TMP)), "{left:?}");
        fs::remove_dir_all(&dir).ok();
    }
}
