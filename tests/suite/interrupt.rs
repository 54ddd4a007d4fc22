//! Interrupting a publish (Ctrl-C, SIGINT) leaves the folder serving the previous one: every file of the previous
//! publish is there as it was, `set.json` first of all, since the files that name a new publish are written last and
//! every other new file is named by its content. The next publish clears what the interrupted one left.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use super::run::{command, factcard, s, scratch};

/// Every file below `dir` (paths relative to it) and its bytes; temporary files of factcard's apart.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !e.file_name().to_string_lossy().starts_with(".factcard-tmp-") {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// A file of `n` more facts, each a copy of a seed fact under another id.
fn bulk(n: usize) -> String {
    let seed = std::fs::read_to_string("seeds/facts/000-cgtn-chongqing-atg.toml").unwrap();
    let at = seed.find("[[fact]]\nid = \"huawei-invests-in-atg\"").unwrap();
    let fact = &seed[at..];
    let fact = &fact[..fact[1..].find("\n[[").map_or(fact.len(), |e| e + 1)];
    (0..n).map(|i| fact.replace("\"huawei-invests-in-atg\"", &format!("\"bulk-{i:05}\""))).collect()
}

#[test]
fn an_interrupted_publish_leaves_the_previous_one_served() {
    let dir = scratch("interrupt");
    let out = dir.join("site");
    let run = factcard(&["site", "seeds", "-o", s(&out)]);
    assert!(run.ok, "{}", run.err);
    let before = files(&out);
    let cards = |d: &Path| std::fs::read_dir(d.join("en")).map_or(0, |r| r.count());
    let published = cards(&out);
    // A larger set over it, interrupted once its first new cards are in the folder (while thousands are still to
    // come: cards are written first, the entry files last).
    let more = dir.join("bulk.toml");
    std::fs::write(&more, bulk(20_000)).unwrap();
    let mut child = command(&["site", "seeds", s(&more), "-o", s(&out)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while cards(&out) <= published {
        assert!(child.try_wait().unwrap().is_none(), "it ended before writing a new card");
        assert!(start.elapsed() < Duration::from_secs(300), "no new card in 5 minutes");
        std::thread::sleep(Duration::from_millis(5));
    }
    let kill = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    assert!(!status.success(), "the publish finished before it was interrupted");
    assert!(cards(&out) > published);
    let after = files(&out);
    for (path, bytes) in &before {
        assert!(after.get(path) == Some(bytes), "{path} is not as the previous publish left it");
    }
    // The next publish clears the temporary files the interrupted one left.
    let run = factcard(&["site", "seeds", "-o", s(&out)]);
    assert!(run.ok, "{}", run.err);
    assert_eq!(files(&out).get("set.json"), before.get("set.json"));
    let left: Vec<String> = std::fs::read_dir(out.join("en"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".factcard-tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    std::fs::remove_dir_all(&dir).ok();
}
