//! Provenance: every figure of every fact appears in its cited source text, and no statement copies the source.
//!
//! The source texts are not shipped with factcard. These tests read them from `../shared/seeds/` (or the folder
//! named by `FACTCARD_SOURCES`). On a developer's machine without them they say plainly that they were skipped;
//! under CI (`CI` set), where the texts are always laid beside the clone, a missing folder fails them.

use std::path::{Path, PathBuf};

use factcard_core::model::{Amount, Decimal, Unit};
use factcard_core::number::shifted;

use super::seeds;

fn sources_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("FACTCARD_SOURCES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    if !dir.is_dir() && under_ci() {
        panic!("provenance: the source texts are missing at {} (CI must check every figure)", dir.display());
    }
    dir.is_dir().then_some(dir)
}

/// Whether the tests run under CI, which sets `CI` (to `true`).
fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
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
    let Some(dir) = sources_dir() else {
        println!(
            "provenance: SKIPPED: the source texts (../shared/seeds or $FACTCARD_SOURCES) are not on this machine"
        );
        return;
    };
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
    let Some(dir) = sources_dir() else {
        println!("own words: SKIPPED: the source texts are not on this machine");
        return;
    };
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
