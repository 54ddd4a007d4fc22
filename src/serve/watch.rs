//! When the facts files change: woken by the kernel's file events (inotify, through `notify`) where the files can be
//! watched, else every [`POLL`]. Either way the files' fingerprint (paths, modification times, sizes) decides, so
//! that an event on another file rebuilds nothing, and the several events of one save rebuild once.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, SystemTime};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How often the files are looked at when they cannot be watched (too many watches, a filesystem without events).
pub const POLL: Duration = Duration::from_millis(100);

/// How often they are looked at even when watched: a change that sends no event (made on another machine, on a
/// network filesystem) is still seen.
const EVERY: Duration = Duration::from_secs(2);

/// How long the events of one save are let to come (an editor writes, truncates, renames) before looking.
const SETTLE: Duration = Duration::from_millis(5);
/// How long the files must stay unchanged before a build: longer than an editor takes between emptying a file and
/// writing it.
const STEADY: Duration = Duration::from_millis(50);

/// Every facts file's path, modification time and size.
type Fingerprint = Vec<(PathBuf, Option<SystemTime>, u64)>;

/// The facts files, watched.
pub struct Changes {
    files: Vec<PathBuf>,
    last: Fingerprint,
    events: Receiver<notify::Result<notify::Event>>,
    /// Kept while it watches; `None`: the files are polled.
    watcher: Option<RecommendedWatcher>,
    every: Duration,
    /// How many times the files were looked at.
    looks: usize,
}

impl Changes {
    /// Starts watching the files (their fingerprint taken now: a change from now on is seen), or polling them; in
    /// that case, with the reason.
    pub fn watch(files: &[PathBuf]) -> (Changes, Option<String>) {
        let (tx, events) = channel();
        let (watcher, why) = match watcher(files, tx) {
            Ok(w) => (Some(w), None),
            Err(e) => (None, Some(e.to_string())),
        };
        let last = fingerprint(files);
        (Changes { files: files.to_vec(), last, events, watcher, every: EVERY, looks: 0 }, why)
    }

    /// Waits until the files have changed.
    pub fn next(&mut self) {
        loop {
            if self.watcher.is_none() {
                std::thread::sleep(POLL);
            } else {
                match self.events.recv_timeout(self.every) {
                    // Opening or reading a file or folder (the look below, a build, an editor) changes nothing: waking
                    // on it would wake the next look, for ever.
                    Ok(Ok(event)) if event.kind.is_access() => continue,
                    Ok(_) => {
                        std::thread::sleep(SETTLE);
                        while self.events.try_recv().is_ok() {}
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                    // The watcher's thread has ended: poll from now on.
                    Err(RecvTimeoutError::Disconnected) => self.watcher = None,
                }
            }
            self.looks += 1;
            let mut now = fingerprint(&self.files);
            if now != self.last {
                // A save that rewrites a file in place empties it for a moment: build only once the files have
                // stayed the same for a moment, never a half-written file (an empty facts file is a set of 0 facts).
                loop {
                    std::thread::sleep(STEADY);
                    let again = fingerprint(&self.files);
                    if again == now {
                        break;
                    }
                    now = again;
                }
                self.last = now;
                return;
            }
        }
    }
}

/// A watcher of the files: a folder with its subfolders; a file through its folder (an editor that saves by
/// renaming a new file over the old one replaces the file a watch would be on).
fn watcher(files: &[PathBuf], tx: Sender<notify::Result<notify::Event>>) -> notify::Result<RecommendedWatcher> {
    let mut w = notify::recommended_watcher(tx)?;
    for f in files {
        if f.is_dir() {
            w.watch(f, RecursiveMode::Recursive)?;
        } else {
            let dir = f.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            w.watch(dir, RecursiveMode::NonRecursive)?;
        }
    }
    Ok(w)
}

/// Every facts file's path, modification time and size: when it changes, the set is rebuilt.
fn fingerprint(files: &[PathBuf]) -> Fingerprint {
    // A file named on the command line counts whatever its name; in a folder, the files the compiler reads.
    let mut paths = Vec::new();
    for f in files {
        if f.is_dir() {
            let _ = factcard_dataset::collect_inputs(f, &mut paths);
        } else {
            paths.push(f.clone());
        }
    }
    let mut out: Vec<_> = paths
        .into_iter()
        .map(|p| {
            let m = std::fs::metadata(&p).ok();
            let modified = m.as_ref().and_then(|m| m.modified().ok());
            (p, modified, m.map_or(0, |m| m.len()))
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn fresh(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("factcard-watch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// How long `changes.next()` takes to return once `change` has run (in another thread, a moment later).
    fn seen_after(mut changes: Changes, change: impl FnOnce() + Send + 'static) -> Duration {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            changes.next();
            let _ = tx.send(Instant::now());
        });
        std::thread::sleep(Duration::from_millis(50));
        let start = Instant::now();
        change();
        let seen = rx.recv_timeout(Duration::from_secs(20)).expect("the change was not seen");
        seen.saturating_duration_since(start)
    }

    #[test]
    fn the_fingerprint_counts_the_sheets_and_facts_files_of_a_folder() {
        let dir = fresh("fp");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for f in ["a.toml", "sub/b.csv", "notes.txt"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let names = |fp: &[(PathBuf, Option<SystemTime>, u64)]| -> Vec<String> {
            fp.iter().map(|(p, _, _)| p.strip_prefix(&dir).unwrap().display().to_string()).collect()
        };
        let before = fingerprint(std::slice::from_ref(&dir));
        assert_eq!(names(&before), ["a.toml", "sub/b.csv"]);
        std::fs::write(dir.join("sub/b.csv"), "xy").unwrap();
        assert_ne!(fingerprint(std::slice::from_ref(&dir)), before, "a changed sheet is a change");
        // A file named on the command line counts whatever its name.
        assert_eq!(fingerprint(&[dir.join("notes.txt")]).len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A save is seen by its event: with the look at the files every hour, it is seen at once.
    #[test]
    fn a_save_is_seen_by_its_event() {
        let dir = fresh("event");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a.toml"), "x").unwrap();
        let (mut changes, why) = Changes::watch(std::slice::from_ref(&dir));
        assert_eq!(why, None);
        changes.every = Duration::from_secs(3600);
        let file = dir.join("sub/a.toml");
        // Saved as editors do: a new file renamed over the old one.
        let took = seen_after(changes, move || {
            std::fs::write(file.with_extension("tmp"), "xy").unwrap();
            std::fs::rename(file.with_extension("tmp"), &file).unwrap();
        });
        assert!(took < Duration::from_secs(10), "{took:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Reading the files (as the look at them does) wakes nothing: the watcher looks when they are written alone.
    #[test]
    fn reading_the_files_wakes_nothing() {
        let dir = fresh("read");
        let file = dir.join("a.toml");
        std::fs::write(&file, "x").unwrap();
        let (mut changes, why) = Changes::watch(std::slice::from_ref(&dir));
        assert_eq!(why, None);
        changes.every = Duration::from_secs(3600);
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            changes.next();
            let _ = tx.send(changes.looks);
        });
        for _ in 0..50 {
            std::fs::read(&file).unwrap();
            std::fs::read_dir(&dir).unwrap().for_each(drop);
            std::thread::sleep(Duration::from_millis(5));
        }
        std::fs::write(&file, "xy").unwrap();
        let looks = rx.recv_timeout(Duration::from_secs(20)).expect("the change was not seen");
        assert!(looks <= 3, "{looks} looks for one change");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Files that cannot be watched (here: in a folder that does not exist yet) are polled.
    #[test]
    fn files_that_cannot_be_watched_are_polled() {
        let dir = fresh("poll");
        let file = dir.join("later/a.toml");
        let (changes, why) = Changes::watch(std::slice::from_ref(&file));
        assert!(why.is_some() && changes.watcher.is_none());
        seen_after(changes, move || {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, "x").unwrap();
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
