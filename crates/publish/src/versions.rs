//! Fact versions: how a copy of a card (a page run through `factcard inline`) learns that its fact was corrected.
//!
//! Each fact has a version, 8 lowercase hex digits of a checksum over its card in every language of the set
//! ([`fact_version`]): any change a reader could see on the card (a figure, a source, a correction record, the
//! "Updated on" date) changes it. `factcard inline` writes it on each inlined card (`data-version`); the script
//! reads the set's current versions and draws again only the cards whose version differs.
//!
//! A folder holds them in small files, written last by `factcard site` (after the cards they name):
//!
//! | path | what |
//! | --- | --- |
//! | `versions.json` | `{"factcard":1,"buckets":B}`: how many bucket files there are |
//! | `versions/N.json` | `{"ID":"VVVVVVVV",…}` for the facts whose id falls in bucket N ([`bucket_of`]), in id order |
//!
//! B = max(1, ⌈facts / 500⌉), so a page checks its cards with two small requests per set whatever the set's size:
//! `versions.json` and the bucket of its card (a page of cards in several buckets fetches each once).

use factcard_core::bundle::checksum;
use factcard_core::card::card_html;
use factcard_core::json;
use factcard_core::model::DataSet;

/// Facts per bucket file, about.
pub const PER_BUCKET: usize = 500;

/// The version of fact `i` of `ds`: 8 lowercase hex digits of FNV-1a ([`checksum`]) over its card in every language
/// of the set, each after its language tag ([`version_of_cards`]).
pub fn fact_version(ds: &DataSet, i: usize) -> String {
    let f = &ds.facts[i];
    let cards: Vec<(&str, String)> = ds.langs.iter().map(|t| (t.as_str(), card_html(ds, f, ds.lang(t)))).collect();
    version_of_cards(cards.iter().map(|(t, h)| (*t, h.as_str())))
}

/// [`fact_version`] from a fact's cards already rendered, as `(language tag, card HTML)` in the set's order of
/// languages (for a writer that has rendered them anyway).
pub fn version_of_cards<'a>(cards: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut all = String::with_capacity(4096);
    for (tag, html) in cards {
        all.push_str(tag);
        all.push('\n');
        all.push_str(html);
        all.push('\0');
    }
    format!("{:08x}", checksum(all.as_bytes()))
}

/// How many bucket files a set of `n_facts` facts has: max(1, ⌈n / 500⌉).
pub fn buckets(n_facts: usize) -> u32 {
    n_facts.div_ceil(PER_BUCKET).max(1) as u32
}

/// The bucket of fact `id` among `buckets`: FNV-1a 32 of the id's bytes, mod `buckets` (js/versions.js does the
/// same).
pub fn bucket_of(id: &str, buckets: u32) -> u32 {
    checksum(id.as_bytes()) % buckets.max(1)
}

/// `versions.json`: `{"factcard":1,"buckets":B}`.
pub fn manifest_json(buckets: u32) -> String {
    format!("{{\"factcard\":1,\"buckets\":{buckets}}}")
}

/// The bucket files' contents, `versions/N.json` for N in 0..B: each fact's version (`versions[i]` for fact `i`,
/// as [`fact_version`] gives it) by id, in id order.
pub fn bucket_files(ds: &DataSet, versions: &[String]) -> Vec<String> {
    let b = buckets(ds.facts.len());
    let mut files = vec![String::from("{"); b as usize];
    for (i, f) in ds.facts.iter().enumerate() {
        let out = &mut files[bucket_of(&f.id, b) as usize];
        if out.len() > 1 {
            out.push(',');
        }
        json::string_into(out, &f.id);
        out.push(':');
        json::string_into(out, &versions[i]);
    }
    for f in &mut files {
        f.push('}');
    }
    files
}

/// Hands `put` (a path relative to the folder, the bytes) `versions/N.json` and then `versions.json`. They are entry
/// files: the site writer stores them after the cards they name, and removes the buckets of an earlier run that had
/// more ([`crate::site`]).
pub fn write(
    ds: &DataSet,
    versions: &[String],
    put: &mut dyn FnMut(&str, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let files = bucket_files(ds, versions);
    for (n, body) in files.iter().enumerate() {
        put(&format!("versions/{n}.json"), body.as_bytes())?;
    }
    put("versions.json", manifest_json(files.len() as u32).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> DataSet {
        factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap()
    }

    #[test]
    fn buckets_are_stable() {
        assert_eq!((buckets(0), buckets(1), buckets(500), buckets(501), buckets(100_000)), (1, 1, 1, 2, 200));
        // FNV-1a 32 of the id's bytes: js/versions.js computes the same numbers.
        assert_eq!(checksum(b"a"), 0xe40c_292c);
        assert_eq!(bucket_of("a", 1), 0);
        assert_eq!(bucket_of("hongyan-truck-exports-2020", 7), checksum(b"hongyan-truck-exports-2020") % 7);
        assert_eq!(bucket_of("hongyan-truck-exports-2020", 200), 180);
        assert_eq!(bucket_of("x", 0), 0); // never a division by zero
        let ds = seeds();
        let all: Vec<String> = (0..ds.facts.len()).map(|i| fact_version(&ds, i)).collect();
        let files = bucket_files(&ds, &all);
        assert_eq!(files.len(), 1);
        assert_eq!(bucket_files(&ds, &all), files); // deterministic
        assert!(files[0].starts_with(&format!("{{\"{}\":\"", ds.facts[0].id)), "{}", files[0]);
        assert_eq!(files[0].matches(':').count(), ds.facts.len());
        assert_eq!(manifest_json(3), r#"{"factcard":1,"buckets":3}"#);
    }

    #[test]
    fn a_changed_figure_changes_that_facts_version_only() {
        let ds = seeds();
        let before: Vec<String> = (0..ds.facts.len()).map(|i| fact_version(&ds, i)).collect();
        assert!(before
            .iter()
            .all(|v| v.len() == 8 && v.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())));
        // A figure corrected in the set's last language only: every language counts.
        let k = ds.facts.iter().position(|f| !f.figures.is_empty()).expect("a fact with a figure");
        let mut ds2 = ds.clone();
        let shown = ds2.facts[k].figures[0].text.0.last_mut().unwrap();
        assert!(ds.langs.len() > 1 && !shown.is_empty());
        shown.push('0');
        let after: Vec<String> = (0..ds2.facts.len()).map(|i| fact_version(&ds2, i)).collect();
        let changed: Vec<usize> = (0..before.len()).filter(|&i| before[i] != after[i]).collect();
        assert_eq!(changed, vec![k]);
    }

    #[test]
    fn hands_over_the_buckets_then_the_manifest() {
        let mut order = Vec::new();
        let ds = seeds();
        let all: Vec<String> = (0..ds.facts.len()).map(|i| fact_version(&ds, i)).collect();
        write(&ds, &all, &mut |p, b| {
            order.push((p.to_string(), String::from_utf8(b.to_vec()).unwrap()));
            Ok(())
        })
        .unwrap();
        let paths: Vec<&str> = order.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["versions/0.json", "versions.json"]);
        assert_eq!(order[1].1, r#"{"factcard":1,"buckets":1}"#);
    }
}
