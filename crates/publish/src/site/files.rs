//! The folder's files as `factcard site` keeps them: a file is rewritten only when its bytes change, always through
//! a temporary file in the same folder renamed over it (a reader sees the old file or the new one, never half of
//! one), and what an earlier run wrote that this one does not is removed once no kept publish names it ([`Kept`]).
//! Only what is factcard's is ever removed: its folders (cards by language, `search/`, `desk/`, `versions/`) and its
//! files at the top ([`is_own_top_file`]); anything else in the folder is the publisher's and stays.

use std::collections::HashSet;
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use crate::caching::{is_hashed, HEADERS_MARK};
use crate::desk;

/// What [`sync`] did to a file.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    Added,
    Changed,
    Unchanged,
}

/// Writes `bytes` to `file` unless it holds them already (then it is left untouched, its time kept). A file named
/// by its content ([`is_hashed`]) of the right length holds them: its name says so, and it is not read (a second
/// publish of 100,000 facts read back all 580 MB it had written).
pub fn sync(file: &Path, bytes: &[u8]) -> std::io::Result<Change> {
    let hashed = file.file_name().and_then(|n| n.to_str()).is_some_and(is_hashed);
    let change = match fs::metadata(file) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 && (hashed || fs::read(file)? == bytes) => {
            return Ok(Change::Unchanged)
        }
        Ok(_) => Change::Changed,
        // A new file named by its content is written in place: no page names it before the entry files, written
        // last, do (one a run left half-written is found changed, and replaced, by the next). Half the file
        // system's work of a first publish.
        Err(e)
            if e.kind() == ErrorKind::NotFound && file.file_name().and_then(|n| n.to_str()).is_some_and(is_hashed) =>
        {
            fs::write(file, bytes)?;
            return Ok(Change::Added);
        }
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
    let own = ["set.json", "facts.facts", "mentions.json", "languages.json", "versions.json"];
    let parts: Vec<&str> = name.split('.').collect();
    own.contains(&name)
        || (is_hashed(name) && matches!(parts[..], ["facts", _, "facts"] | ["mentions", _, "json"]))
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

/// Where the record of the kept publishes is, below the folder (hidden: hosts and `factcard serve` do not serve it).
pub const RECORD: &str = ".factcard/publishes.txt";

/// factcard's files in the folder that this run does not write, sorted into those kept (named by a previous publish
/// and by their content: a page or a cached `set.json` of that publish may still ask for them) and those to remove.
/// A publish's files are recorded as the ones it adds to the folder ([`RECORD`]: `previous PATH` and `older PATH`
/// lines), so the record stays as small as what changes; a file of factcard's that no record names was the last
/// publish's. A run that changes nothing is no publish: it ages nothing ([`Kept::age`]).
#[derive(Debug, Default)]
pub struct Kept {
    /// Files of the last publish (before this run) only, and of the one before it only.
    pub previous: Vec<String>,
    pub older: Vec<String>,
    /// Files named by their content that no record names: the last publish's.
    pub unnamed: Vec<String>,
    pub stale: Vec<String>,
}

impl Kept {
    /// Sorts the folder's files that are not in `now` (this run's paths).
    pub fn sort(dir: &Path, now: &HashSet<&str>) -> std::io::Result<Kept> {
        let record = fs::read_to_string(dir.join(RECORD)).unwrap_or_default();
        let of = |gen: &str| -> HashSet<&str> { record.lines().filter_map(|l| l.strip_prefix(gen)).collect() };
        let (previous, older) = (of("previous "), of("older "));
        let mut kept = Kept::default();
        for path in own_files(dir)? {
            let name = path.rsplit('/').next().unwrap_or(&path);
            let list = if now.contains(path.as_str()) {
                continue;
            } else if !is_hashed(name) || name.starts_with(TMP) {
                &mut kept.stale
            } else if previous.contains(path.as_str()) {
                &mut kept.previous
            } else if older.contains(path.as_str()) {
                &mut kept.older
            } else {
                &mut kept.unnamed
            };
            list.push(path);
        }
        Ok(kept)
    }

    /// This run as a publish (`publish`: it wrote something): the last publish's files become the previous one's,
    /// and the oldest kept go; else everything kept stays as it was.
    pub fn age(&mut self, publish: bool) {
        let unnamed = std::mem::take(&mut self.unnamed);
        if publish {
            let previous = std::mem::replace(&mut self.previous, unnamed);
            self.stale.append(&mut std::mem::replace(&mut self.older, previous));
        } else {
            self.previous.extend(unnamed);
        }
    }

    /// The kept files' paths.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.previous.iter().chain(&self.older).map(String::as_str)
    }

    /// Removes the stale files (and the folders this leaves empty), and records what is kept for the next run;
    /// returns the removed paths, sorted.
    pub fn finish(mut self, dir: &Path) -> std::io::Result<Vec<String>> {
        for path in &self.stale {
            remove(&dir.join(path))?;
            // Only if empty: a folder of this run, or one holding what is not factcard's, stays.
            let mut d = Path::new(path.as_str());
            while let Some(parent) = d.parent().filter(|p| !p.as_os_str().is_empty()) {
                let _ = fs::remove_dir(dir.join(parent));
                d = parent;
            }
        }
        let mut record = String::from("# factcard site: files kept from the previous publishes\n");
        for (gen, paths) in [("previous", &mut self.previous), ("older", &mut self.older)] {
            paths.sort();
            paths.iter().for_each(|p| record.push_str(&format!("{gen} {p}\n")));
        }
        fs::create_dir_all(dir.join(".factcard"))?;
        sync(&dir.join(RECORD), record.as_bytes())?;
        self.stale.sort();
        Ok(self.stale)
    }
}

/// Every file of factcard's in the folder (paths relative to it, `/` between folders): its files at the top and
/// everything in its folders; sorted, not in the order the file system lists them (the kept files are named in
/// `_headers` in this order).
pub fn own_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        let Some(name) = e.file_name().to_str().map(str::to_string) else { continue };
        if e.file_type()?.is_dir() {
            if is_own_folder(dir, &name) {
                files_below(dir, &name, &mut out)?;
            }
        } else if is_own_top_file(dir, &name) {
            out.push(name);
        }
    }
    out.sort();
    Ok(out)
}

/// Every file in the folder `rel` (relative to `dir`), at any depth.
fn files_below(dir: &Path, rel: &str, out: &mut Vec<String>) -> std::io::Result<()> {
    for e in fs::read_dir(dir.join(rel))? {
        let e = e?;
        let Some(name) = e.file_name().to_str().map(|n| format!("{rel}/{n}")) else { continue };
        if e.file_type()?.is_dir() {
            files_below(dir, &name, out)?;
        } else {
            out.push(name);
        }
    }
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
        for f in [
            "en/gone.html",
            "fr/entity/x.html",
            "desk.js",
            ".factcard-tmp-1-x.0123abcd.html",
            "images/logo.png",
            "own.txt",
        ] {
            fs::write(dir.join(f), "x").unwrap();
        }
        let now: HashSet<&str> = ["en/a.html"].into_iter().collect();
        let remove_stale = |now: &HashSet<&str>| {
            let mut kept = Kept::sort(&dir, now).unwrap();
            kept.age(true);
            kept.finish(&dir).unwrap()
        };
        let removed = remove_stale(&now);
        assert_eq!(removed, [".factcard-tmp-1-x.0123abcd.html", "desk.js", "en/gone.html", "fr/entity/x.html"]);
        assert!(!dir.join("fr").exists() && a.exists() && dir.join("images/logo.png").exists());
        assert!(dir.join("own.txt").exists());
        // A publisher's own _headers is not factcard's; factcard's own is.
        fs::write(dir.join("_headers"), "/*\n  X-Frame-Options: DENY\n").unwrap();
        assert!(foreign_headers(&dir) && remove_stale(&now).is_empty());
        fs::write(dir.join("_headers"), format!("{HEADERS_MARK}: …\n")).unwrap();
        assert!(!foreign_headers(&dir) && remove_stale(&now) == ["_headers"]);
        let left: Vec<_> = fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name()).collect();
        assert!(!left.iter().any(|n| n.to_string_lossy().starts_with(TMP)), "{left:?}");
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn own_files_are_sorted_whatever_order_the_folder_lists_them_in() {
        let dir = std::env::temp_dir().join(format!("factcard-own-sorted-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("en/entity")).unwrap();
        // Written in a shuffled order, under names a file system lists in an order of its own.
        for i in (0..60).map(|i| (i * 7 + 3) % 60) {
            fs::write(dir.join(format!("en/f{i}.{:08x}.html", i * 2_654_435_761u64 % (1 << 32))), "x").unwrap();
            fs::write(dir.join(format!("en/entity/e{i}.0000000{}.html", i % 10)), "x").unwrap();
        }
        let files = own_files(&dir).unwrap();
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(files.len(), 120);
        assert_eq!(files, sorted);
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn files_named_by_content_stay_for_two_more_publishes() {
        let dir = std::env::temp_dir().join(format!("factcard-kept-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("en/entity")).unwrap();
        fs::create_dir_all(dir.join("desk/f")).unwrap();
        // Publish 1 wrote a card and an entry file; publish 2 writes another version of the card.
        let (v1, v2, v3) = ("en/a.11111111.html", "en/a.22222222.html", "en/a.33333333.html");
        let publish = |paths: &[&str]| {
            for p in paths {
                sync(&dir.join(p), p.as_bytes()).unwrap();
            }
            let now: HashSet<&str> = paths.iter().copied().collect();
            let mut kept = Kept::sort(&dir, &now).unwrap();
            kept.age(true);
            kept.finish(&dir).unwrap()
        };
        assert!(publish(&[v1, "set.json", "desk/f/a.json"]).is_empty());
        assert_eq!(publish(&[v2, "set.json"]), ["desk/f/a.json"], "an entry file goes at once");
        assert!(dir.join(v1).exists());
        assert!(publish(&[v3, "set.json"]).is_empty(), "the files of the last two publishes stay");
        assert!(dir.join(v1).exists() && dir.join(v2).exists());
        assert_eq!(publish(&[v3, "set.json"]), [v1], "three publishes later, it goes");
        assert_eq!(publish(&[v3, "set.json"]), [v2]);
        assert!(publish(&[v3, "set.json"]).is_empty());
        assert_eq!(fs::read_to_string(dir.join(RECORD)).unwrap().lines().count(), 1, "an empty record");
        // A file that comes back is this run's again, and kept two publishes after it last was.
        assert!(publish(&[v1, "set.json"]).is_empty() && publish(&[v2, "set.json"]).is_empty());
        assert_eq!(publish(&[v2, "set.json"]), [v3]);
        // A run that changes nothing ages nothing.
        let now: HashSet<&str> = [v2, "set.json"].into_iter().collect();
        let record = fs::read_to_string(dir.join(RECORD)).unwrap();
        for _ in 0..3 {
            let mut kept = Kept::sort(&dir, &now).unwrap();
            kept.age(false);
            assert!(kept.finish(&dir).unwrap().is_empty());
        }
        assert_eq!(fs::read_to_string(dir.join(RECORD)).unwrap(), record);
        assert!(record.contains(&format!("\nolder {v1}\n")) && dir.join(v1).exists(), "{record}");
        fs::remove_dir_all(&dir).ok();
    }
}
