//! Reproducible builds: two builds of the same files give the same bytes, whatever order the files are named in on
//! the command line or listed in by their folder, and whether the day comes from `FACTCARD_TODAY` or from
//! `SOURCE_DATE_EPOCH`: the bundle (`build`), the published folder (`site`, and a second publish over it) and the
//! pages `inline` writes cards into.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::run::{s, scratch, Cli, Run};

/// How many files the test's set is split into.
const FILES: usize = 12;

/// The day of the builds, as `FACTCARD_TODAY` says it, and two times of that day as `SOURCE_DATE_EPOCH` says them
/// (15:00:00 and 23:59:59 UTC).
const DAY: &str = "2025-06-30";
const EPOCHS: [&str; 2] = ["1751295600", "1751327999"];

/// The tables of a data file, in order: each (`[dataset]`, `[[source]]`, `[[topic]]`, `[[entity]]`, `[[fact]]`) as its
/// header and its text up to the next one; a fact's own tables (`[[fact.figures]]`) stay in the fact's text. Comments
/// before the first table are left out.
fn tables(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let header = line.trim_end();
        if header.starts_with('[') && !header.starts_with("[[fact.") && !header.starts_with("[fact.") {
            out.push((header.to_string(), String::new()));
        }
        if let Some((_, t)) = out.last_mut() {
            t.push_str(line);
            t.push('\n');
        }
    }
    out
}

/// The test's set, as the texts of its files in the order of their names: the default set's tables, every topic
/// saying that its facts are stale three years after their dates (so that the day of a build shows in it), then every
/// fact three times more under other ids, split into [`FILES`] files of a run of tables each (so that sources, topics
/// and entities are spread over several files, and an entity may come before its parent); and two places of one name
/// with a fact each: 358 facts.
fn pieces() -> Vec<String> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in [seeds.clone(), seeds.join("facts")] {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "toml") {
                paths.push(e.path());
            }
        }
    }
    paths.sort();
    let mut all = Vec::new();
    let mut facts = Vec::new();
    for p in &paths {
        for (header, text) in tables(&std::fs::read_to_string(p).unwrap()) {
            let text = match header.as_str() {
                "[[topic]]" => format!("{}\nstale_after = \"P3Y\"\n\n", text.trim_end()),
                _ => text,
            };
            if header == "[[fact]]" {
                facts.push(text.clone());
            }
            all.push(text);
        }
    }
    assert!(facts.len() >= 80, "{} facts in the seeds", facts.len());
    for copy in 1..=3 {
        for f in &facts {
            let (before, after) = f.split_once("\nid = \"").unwrap();
            all.push(format!("{before}\nid = \"c{copy}-{after}"));
        }
    }
    let mut pieces: Vec<String> = all.chunks(all.len().div_ceil(FILES)).map(|c| c.concat()).collect();
    // Two places of the same name, each with a fact, in files that a shuffled command line names in the other order:
    // which of them the name links to depends on the order of the set's entities, which must not change.
    for (piece, place) in [(0, "twin-north"), (10, "twin-south")] {
        pieces[piece].push_str(&format!(
            "[[entity]]\nid = \"{place}\"\nname.en = \"Twin Harbour\"\nname.zh = \"双子港\"\nkind = \"city\"\n\n\
             [[fact]]\nid = \"{place}-port\"\ntitle.en = \"Port\"\ntitle.zh = \"港口\"\nstatement.en = \"A port.\"\n\
             statement.zh = \"一个港口。\"\nsource = \"cgtn-2021-chongqing-atg\"\nentities = [\"{place}\"]\n\
             topics = [\"economy\"]\ndate = \"2024\"\n\n"
        ));
    }
    pieces
}

/// An order of `0..n` unlike the sorted one: `i * 5 + 3` modulo `n` (`n` is not a multiple of 5).
fn shuffled(n: usize) -> Vec<usize> {
    assert!(!n.is_multiple_of(5));
    (0..n).map(|i| (i * 5 + 3) % n).collect()
}

/// The set written into `dir` twice over: as `a/`, its files named `set-NN.toml` and written in order; and as `b/`,
/// each file under another name (`NN-WORD.toml`, sorting as `a/`'s do, but listed by the folder in another order),
/// written in a shuffled order, beside a file that is not data. Returns `b/`'s files in a shuffled order.
fn two_layouts(dir: &Path, pieces: &[String]) -> Vec<String> {
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    for (i, text) in pieces.iter().enumerate() {
        std::fs::write(a.join(format!("set-{i:02}.toml")), text).unwrap();
    }
    let words = ["quay", "tern", "ibex", "newt", "moth", "wren", "lynx", "mole", "carp", "hare", "kite", "vole"];
    let name = |i: usize| b.join(format!("{i:02}-{}.toml", words[i % words.len()]));
    std::fs::write(b.join("README.md"), "Not data.\n").unwrap();
    for i in shuffled(pieces.len()) {
        std::fs::write(name(i), &pieces[i]).unwrap();
    }
    shuffled(pieces.len()).into_iter().rev().map(|i| name(i).to_str().unwrap().to_string()).collect()
}

/// Runs `factcard args…` with the environment variable `var` set to `value`, and fails on an error.
fn run(args: &[&str], var: (&str, &str)) -> String {
    let Run { ok, out, err, .. } = Cli::new(args).env(var.0, var.1).run();
    assert!(ok, "factcard {}: {err}", args.join(" "));
    out
}

/// Every file below `dir` (hidden ones too), by its path relative to it.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_str().unwrap().replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Fails, naming every path that one folder holds and the other does not, or that differs between them.
fn assert_same_files(what: &str, a: &Path, b: &Path) {
    let (x, y) = (tree(a), tree(b));
    assert!(x.len() > 100, "{what}: only {} files in {}", x.len(), a.display());
    let mut differ: Vec<String> = Vec::new();
    for (path, bytes) in &x {
        match y.get(path) {
            None => differ.push(format!("{path} (only in the first)")),
            Some(other) if other != bytes => differ.push(format!("{path} (differs)")),
            Some(_) => {}
        }
    }
    differ.extend(y.keys().filter(|p| !x.contains_key(*p)).map(|p| format!("{p} (only in the second)")));
    assert!(
        differ.is_empty(),
        "{what}: {} of {} files differ between {} and {}:\n{}",
        differ.len(),
        x.len(),
        a.display(),
        b.display(),
        differ.join("\n")
    );
}

/// Fails unless two files hold the same bytes, naming the first byte that differs.
fn assert_same_bytes(what: &str, a: &Path, b: &Path) {
    let (x, y) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    let at = x.iter().zip(&y).position(|(p, q)| p != q).unwrap_or(x.len().min(y.len()));
    assert!(
        x == y,
        "{what}: {} ({} bytes) and {} ({} bytes) differ from byte {at}",
        a.display(),
        x.len(),
        b.display(),
        y.len()
    );
}

#[test]
fn builds_of_the_same_files_in_any_order_are_byte_identical() {
    let dir = scratch("reproducible-set");
    let pieces = pieces();
    assert_eq!(pieces.len(), FILES);
    let files = two_layouts(&dir, &pieces);
    let (a, b) = (dir.join("a"), dir.join("b"));
    let today = ("FACTCARD_TODAY", DAY);
    let (epoch, late) = (("SOURCE_DATE_EPOCH", EPOCHS[0]), ("SOURCE_DATE_EPOCH", EPOCHS[1]));
    // The bundle: from the folder `a/` (FACTCARD_TODAY), the folder `b/` (SOURCE_DATE_EPOCH), and `b/`'s files named
    // in a shuffled order (SOURCE_DATE_EPOCH, late on the same day).
    let bundle = |name: &str| dir.join(name);
    let out = run(&["build", s(&a), "-o", s(&bundle("a.facts"))], today);
    let facts: usize = out.split(" bytes, ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert_eq!(facts, 358, "{out}");
    run(&["build", s(&b), "-o", s(&bundle("b.facts"))], epoch);
    let to = bundle("files.facts");
    let mut args = vec!["build"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", s(&to)]);
    run(&args, late);
    assert_same_bytes("build, a folder and another", &bundle("a.facts"), &bundle("b.facts"));
    assert_same_bytes(
        "build, a folder and its files named in another order",
        &bundle("a.facts"),
        &bundle("files.facts"),
    );
    // The day is in the bundle (facts stale by then): another day gives another bundle.
    run(&["build", s(&a), "-o", s(&bundle("2022.facts"))], ("FACTCARD_TODAY", "2022-01-01"));
    assert_ne!(std::fs::read(bundle("a.facts")).unwrap(), std::fs::read(bundle("2022.facts")).unwrap());

    // The published folder, the same three ways.
    let site = |name: &str| dir.join(name);
    run(&["site", s(&a), "-o", s(&site("a-site")), "--quiet"], today);
    run(&["site", s(&b), "-o", s(&site("b-site")), "--quiet"], epoch);
    let to = site("files-site");
    let mut args = vec!["site"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", s(&to), "--quiet"]);
    run(&args, late);
    assert_same_files("site, a folder and another", &site("a-site"), &site("b-site"));
    assert_same_files("site, a folder and its files named in another order", &site("a-site"), &site("files-site"));
    // No path of the machine's is written into the output.
    let here = dir.to_str().unwrap().as_bytes();
    let mut written = tree(&site("a-site"));
    written.insert("a.facts".into(), std::fs::read(bundle("a.facts")).unwrap());
    for (path, bytes) in &written {
        assert!(!bytes.windows(here.len()).any(|w| w == here), "{path} names {}", dir.display());
    }

    // A second publish over each of two of them, after the same correction: the files kept from the first are named
    // in `_headers` and `.factcard/publishes.txt`, in the same order.
    let k = FILES / 2;
    let corrected = pieces[k].replacen("statement.en = \"", "statement.en = \"Corrected: ", 1);
    assert_ne!(corrected, pieces[k]);
    std::fs::write(a.join(format!("set-{k:02}.toml")), &corrected).unwrap();
    let in_b = files.iter().find(|f| f.contains(&format!("/{k:02}-"))).unwrap();
    std::fs::write(in_b, &corrected).unwrap();
    run(&["site", s(&a), "-o", s(&site("a-site")), "--quiet"], today);
    run(&["site", s(&b), "-o", s(&site("b-site")), "--quiet"], epoch);
    let record = std::fs::read_to_string(site("a-site").join(".factcard/publishes.txt")).unwrap();
    assert!(record.contains("\nprevious "), "nothing kept from the first publish: {record}");
    assert_same_files("site, published twice", &site("a-site"), &site("b-site"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn inline_writes_the_same_pages_from_the_same_files_in_any_order() {
    let dir = scratch("reproducible-inline");
    let files = two_layouts(&dir, &pieces());
    let page = |n: usize| {
        format!(
            "<!doctype html><html lang=\"en\"><head><title>Page {n}</title>\n\
             <script type=\"module\" src=\"/f/factcard.js\"></script></head><body>\n\
             <fact-card fact=\"hongyan-truck-exports-2020\">Hongyan</fact-card>\n\
             <fact-card fact=\"c{n}-hongyan-truck-exports-2020\" lang=\"zh\">Hongyan</fact-card>\n\
             <p autolink>Liangjiang New Area lies in Chongqing, as does Liangjiang; Twin Harbour does not.</p>\n\
             <fact-ref entity=\"chongqing\">Chongqing</fact-ref> <fact-search label=\"Find\"></fact-search>\n\
             </body></html>"
        )
    };
    for site in ["site-a", "site-b"] {
        for n in 1..=3 {
            let p = dir.join(site).join(format!("p{n}")).join("index.html");
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, page(n)).unwrap();
        }
    }
    run(&["inline", s(&dir.join("site-a")), "--facts", s(&dir.join("a")), "--quiet"], ("FACTCARD_TODAY", DAY));
    let site_b = dir.join("site-b");
    let mut args = vec!["inline", s(&site_b), "--quiet"];
    for f in &files {
        args.extend(["--facts", f.as_str()]);
    }
    run(&args, ("SOURCE_DATE_EPOCH", EPOCHS[1]));
    let one = std::fs::read_to_string(dir.join("site-a/p1/index.html")).unwrap();
    assert!(one.contains("<template shadowrootmode=\"open\">") && one.contains(DAY), "{one}");
    assert!(one.contains("<fact-ref entity=\"twin-"), "{one}");
    let (x, y) = (tree(&dir.join("site-a")), tree(&dir.join("site-b")));
    assert_eq!(x.len(), 3);
    for (path, page) in &x {
        assert!(
            y.get(path) == Some(page),
            "inline: {path} differs between site-a and site-b:\n{}\n---\n{}",
            String::from_utf8_lossy(page),
            String::from_utf8_lossy(y.get(path).map_or(&[][..], |v| v))
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_day_variable_that_names_no_day_is_an_error_not_the_clock() {
    let dir = scratch("reproducible-day");
    let bundle = dir.join("seeds.facts");
    assert!(Cli::new(&["build", "seeds", "-o", s(&bundle)]).run().ok);
    for (var, value, says) in [
        ("FACTCARD_TODAY", "2025-06", "FACTCARD_TODAY `2025-06` is not a day"),
        ("FACTCARD_TODAY", "30/06/2025", "write YYYY-MM-DD"),
        ("SOURCE_DATE_EPOCH", "-1", "SOURCE_DATE_EPOCH `-1` is not a time"),
        ("SOURCE_DATE_EPOCH", "2025-06-30", "the seconds since 1970-01-01 UTC"),
    ] {
        // Where a set is compiled (its stale facts), and where a bundle's cards are written into pages (their day).
        for args in [&["check", "seeds"][..], &["inline", s(&dir), "--facts", s(&bundle)]] {
            let Run { ok, err, .. } = Cli::new(args).env(var, value).run();
            assert!(!ok && err.contains(says), "{var}={value} factcard {}: {err}", args.join(" "));
        }
    }
    // Empty is unset.
    let Run { ok, err, .. } = Cli::new(&["check", "seeds"]).env("SOURCE_DATE_EPOCH", "").run();
    assert!(ok, "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
