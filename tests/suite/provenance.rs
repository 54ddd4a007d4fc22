//! Provenance: every figure of every fact appears in its cited source text, and no statement copies the source.
//!
//! The source texts are not shipped with factcard. These tests read them from the folder named by
//! `FACTCARD_SOURCES`, or else from `shared/seeds/` beside the clone (`CARGO_MANIFEST_DIR/../shared/seeds`; in a
//! git worktree, beside the main checkout too). Without them the tests fail, saying where to put them: a run that
//! checked nothing must not pass. `FACTCARD_SKIP_PROVENANCE=1` skips them on purpose, and says so on the terminal
//! even when the tests pass; under CI (`CI` set) it is not honoured.

use std::io::Write;
use std::path::{Path, PathBuf};

use factcard_core::model::{Amount, Decimal, Unit};
use factcard_core::number::shifted;

use super::seeds;

/// The folder of source texts, or `None` when skipping was asked for (said on the terminal, by `test`). Panics,
/// saying what to do, when they are missing.
fn sources_dir(test: &str) -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let named = std::env::var_os("FACTCARD_SOURCES").map(PathBuf::from);
    match locate(named, repo, flag("FACTCARD_SKIP_PROVENANCE"), flag("CI")) {
        Ok(Some(dir)) => Some(dir),
        Ok(None) => {
            // Straight to the terminal: the test harness shows what a passing test prints only with --nocapture.
            let _ = writeln!(
                std::io::stderr(),
                "\n*** {test}: SKIPPED (FACTCARD_SKIP_PROVENANCE is set): no figure was checked against its source ***"
            );
            None
        }
        Err(e) => panic!("{test}: {e}"),
    }
}

/// Where the source texts are: the folder `named` by `FACTCARD_SOURCES`, else `shared/seeds` beside the clone
/// `repo` (or beside its main checkout, for a git worktree); `Ok(None)` if they are missing and `skip` was asked
/// for outside CI; otherwise what is missing and what to do.
fn locate(named: Option<PathBuf>, repo: &Path, skip: bool, ci: bool) -> Result<Option<PathBuf>, String> {
    if let Some(dir) = named {
        return match dir.is_dir() {
            true => Ok(Some(dir)),
            false => Err(format!("FACTCARD_SOURCES names {}, which is not a folder", dir.display())),
        };
    }
    let places: Vec<PathBuf> =
        std::iter::once(repo).chain(main_checkout(repo).as_deref()).map(|r| r.join("../shared/seeds")).collect();
    if let Some(dir) = places.iter().find(|d| d.is_dir()) {
        return Ok(Some(dir.clone()));
    }
    if skip && !ci {
        return Ok(None);
    }
    let looked: Vec<String> = places.iter().map(|p| p.display().to_string()).collect();
    let mut e = format!(
        "the source texts are missing: no folder {}. Copy the curators' shared/ folder beside the clone (its \
         seeds/ holds the texts), or set FACTCARD_SOURCES to the folder of texts; to run the other tests without \
         them, set FACTCARD_SKIP_PROVENANCE=1",
        looked.join(" nor ")
    );
    if skip {
        e.push_str(" (not honoured under CI, which must check every figure)");
    }
    Err(e)
}

/// The main checkout of a git worktree (`repo/.git` is then a file naming the worktree's git folder).
fn main_checkout(repo: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(repo.join(".git")).ok()?;
    let gitdir = repo.join(text.strip_prefix("gitdir:")?.trim());
    let common = gitdir.join(std::fs::read_to_string(gitdir.join("commondir")).ok()?.trim());
    common.canonicalize().ok()?.parent().map(Path::to_path_buf)
}

/// Whether a variable is set to something other than empty, `0` or `false` (CI sets `CI=true`).
fn flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Lowercase, whitespace folded to single spaces, curly quotes and dashes made plain.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

const WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ORDINALS: [&str; 13] = [
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth",
];

/// Ways a source may print an integer below 100 in words.
fn in_words(n: u64) -> Vec<String> {
    let mut out = Vec::new();
    if n <= 20 {
        out.push(WORDS[n as usize].to_string());
    } else if n < 100 {
        let (t, u) = ((n / 10) as usize, (n % 10) as usize);
        out.push(if u == 0 { TENS[t].to_string() } else { format!("{}-{}", TENS[t], WORDS[u]) });
    }
    if (n as usize) < ORDINALS.len() && n > 0 {
        out.push(ORDINALS[n as usize].to_string());
    }
    out
}

/// Every notation in which a source may print this amount.
fn notations(a: &Amount) -> Vec<String> {
    let d = a.amount;
    let grouped = shifted(d.digits, -i32::from(d.frac), Some(','));
    let plain = grouped.replace(',', "");
    let mut nums = vec![grouped.clone(), plain.clone()];
    if d.frac == 0 {
        nums.extend(in_words(d.digits));
        let suffix = match (d.digits % 10, d.digits % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        nums.push(format!("{plain}{suffix}"));
    }
    let mut out = Vec::new();
    let scale = a.scale.word();
    let scaled: Vec<String> = if scale.is_empty() {
        nums
    } else {
        nums.iter().flat_map(|n| [format!("{n} {scale}"), format!("{n}-{scale}")]).collect()
    };
    for n in scaled {
        match a.unit.code() {
            "percent" => {
                for suffix in ["%", " %", " percent", " per cent"] {
                    out.push(format!("{n}{suffix}"));
                }
                // Shares printed as fractions.
                let fraction = match (d.digits, d.frac) {
                    (50, 0) => Some(["half", "half"]),
                    (333, 1) | (33, 0) => Some(["one third", "a third"]),
                    (667, 1) | (67, 0) => Some(["two-thirds", "two thirds"]),
                    (25, 0) => Some(["a quarter", "one quarter"]),
                    _ => None,
                };
                out.extend(fraction.into_iter().flatten().map(String::from));
            }
            "fold" => {
                out.push(format!("{n}-fold"));
                out.push(format!("{n} times"));
            }
            _ => out.push(n.clone()),
        }
    }
    out
}

/// Whether `needle` occurs in `hay` as a whole number or word (not inside a longer one).
fn occurs(hay: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        let decimal_after = hay[end..].starts_with('.') && hay[end + 1..].starts_with(|c: char| c.is_ascii_digit());
        // "11,500" must not match "1,500", nor "2.2%" match "2%".
        let number_before =
            before.is_some_and(|c| c == '.' || c == ',') && hay[..start - 1].ends_with(|c: char| c.is_ascii_digit());
        if !joins(before) && !joins(after) && !decimal_after && !number_before {
            return true;
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[test]
fn notations_cover_what_sources_print() {
    let amt =
        |s: &str, scale, unit: &str| Amount { amount: Decimal::parse(s).unwrap(), scale, unit: Unit(unit.into()) };
    use factcard_core::model::Scale::*;
    assert!(notations(&amt("46.3", Billion, "CNY")).contains(&"46.3 billion".to_string()));
    assert!(notations(&amt("1500", One, "count")).contains(&"1,500".to_string()));
    assert!(notations(&amt("88", One, "count")).contains(&"eighty-eight".to_string()));
    assert!(notations(&amt("66", One, "percent")).contains(&"66%".to_string()));
    assert!(notations(&amt("3.5", One, "fold")).contains(&"3.5-fold".to_string()));
    assert!(occurs("made 1,500 trucks", "1,500"));
    assert!(!occurs("made 11,500 trucks", "1,500"));
    assert!(!occurs("rose 46.35 billion", "46.3"));
    assert!(!occurs("a 2.2% rise", "2%"));
    assert!(occurs("exceeds 100 billion yuan", "100 billion"));
}

#[test]
fn every_figure_appears_in_its_source() {
    let Some(dir) = sources_dir("every_figure_appears_in_its_source") else { return };
    let ds = seeds();
    let mut checked = 0;
    let mut missing = Vec::new();
    for f in &ds.facts {
        let src = ds.source_of(f);
        let seed = src.seed.as_ref().unwrap_or_else(|| panic!("source {} names no seed file", src.id));
        let text = normalize(&std::fs::read_to_string(dir.join(seed)).unwrap());
        for g in &f.figures {
            for a in std::iter::once(&g.value).chain(g.converted.as_ref()) {
                checked += 1;
                let forms = notations(a);
                if !forms.iter().any(|n| occurs(&text, n)) {
                    missing.push(format!("{}: {} not found in {seed} as any of {forms:?}", f.id, g.label.in_default()));
                }
            }
        }
    }
    println!(
        "provenance: {checked} figures checked against {} source texts, {} not found",
        ds.sources.len(),
        missing.len()
    );
    assert!(missing.is_empty(), "figures not in their sources:\n{}", missing.join("\n"));
    assert!(checked >= 60);
}

/// Words of a text, lowercased, letters and digits only.
fn words(text: &str) -> Vec<String> {
    normalize(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect()
}

#[test]
fn statements_are_in_our_own_words() {
    const RUN: usize = 9;
    let Some(dir) = sources_dir("statements_are_in_our_own_words") else { return };
    let ds = seeds();
    // Names carry over: a run inside an entity's name or alias is not copying.
    let names: Vec<Vec<String>> = ds
        .entities
        .iter()
        .flat_map(|e| std::iter::once(e.name.in_default()).chain(e.aliases.iter().map(String::as_str)))
        .map(words)
        .filter(|n| n.len() > 1)
        .collect();
    let mut copied = Vec::new();
    for f in &ds.facts {
        let src = ds.source_of(f);
        let text = words(&std::fs::read_to_string(dir.join(src.seed.as_ref().unwrap())).unwrap()).join(" ");
        for (what, s) in [("statement", &f.statement), ("title", &f.title)] {
            // Names are cut out first (a name breaks a run), then runs are looked for.
            let mut w = words(s.in_default());
            for n in &names {
                while let Some(i) = w.windows(n.len()).position(|x| x == n.as_slice()) {
                    w.splice(i..i + n.len(), ["\u{0}".to_string()]);
                }
            }
            for run in w.windows(RUN) {
                let run = run.join(" ");
                if text.contains(&run) {
                    copied.push(format!("{} {what}: \"{run}\"", f.id));
                    break;
                }
            }
        }
    }
    assert!(copied.is_empty(), "runs of {RUN}+ words copied from the source:\n{}", copied.join("\n"));
}

/// Run without its source texts, the provenance test fails and says where to put them; asked to skip, it passes
/// and says so on the terminal. (The suite's own binary, running that one test.)
#[test]
fn without_the_source_texts_provenance_fails_and_says_what_to_do() {
    let nowhere = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-sources");
    let run = |skip: &str| {
        let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
        cmd.args(["--exact", "suite::provenance::every_figure_appears_in_its_source", "--test-threads=1"]);
        cmd.env("FACTCARD_SOURCES", &nowhere).env_remove("CI").env("FACTCARD_SKIP_PROVENANCE", skip);
        let out = cmd.output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (ok, out) = run("");
    assert!(!ok && out.contains("FACTCARD_SOURCES names") && out.contains("no-such-sources"), "{out}");
    assert!(out.contains("1 failed"), "{out}");
    // The variable names a folder that is not there: that is a mistake even when skipping.
    let (ok, out) = run("1");
    assert!(!ok, "{out}");
}

/// Where the texts are looked for: a clone with `shared/` beside it (as CI lays it out), a git worktree whose main
/// checkout has it, and nothing at all.
#[test]
fn the_source_texts_are_found_beside_the_clone_or_its_main_checkout() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("provenance-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let clone = root.join("ci-clone");
    std::fs::create_dir_all(&clone).unwrap();
    let e = locate(None, &clone, false, false).unwrap_err();
    let beside = clone.join("../shared/seeds");
    assert!(e.contains(&format!("no folder {}", beside.display())), "{e}");
    assert!(e.contains("set FACTCARD_SOURCES") && e.contains("FACTCARD_SKIP_PROVENANCE=1"), "{e}");
    assert_eq!(locate(None, &clone, true, false), Ok(None));
    assert!(locate(None, &clone, true, true).unwrap_err().contains("not honoured under CI"));
    let e = locate(Some(root.join("nowhere")), &clone, true, false).unwrap_err();
    assert!(e.contains("FACTCARD_SOURCES names") && e.contains("nowhere"), "{e}");

    std::fs::create_dir_all(root.join("shared/seeds")).unwrap();
    assert_eq!(locate(None, &clone, false, true), Ok(Some(beside)));
    let named = root.join("shared/seeds");
    assert_eq!(locate(Some(named.clone()), &clone, false, false), Ok(Some(named)));

    // A worktree at root/wt/x of the checkout root/main: shared/ is beside the main checkout, not beside it.
    let (main, wt) = (root.join("main"), root.join("wt/x"));
    std::fs::create_dir_all(main.join(".git/worktrees/x")).unwrap();
    std::fs::create_dir_all(&wt).unwrap();
    std::fs::write(main.join(".git/worktrees/x/commondir"), "../..\n").unwrap();
    std::fs::write(wt.join(".git"), format!("gitdir: {}\n", main.join(".git/worktrees/x").display())).unwrap();
    let found = locate(None, &wt, false, false).unwrap().unwrap();
    assert_eq!(found.canonicalize().unwrap(), root.join("shared/seeds").canonicalize().unwrap());
    std::fs::remove_dir_all(&root).ok();
}
