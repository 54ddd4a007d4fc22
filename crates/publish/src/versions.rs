//! Versions: how a copy of a card (a page run through `factcard inline`) learns that its fact was corrected, and
//! how a page finds a card's file (format 2: a card is named by its version, `LANG/ID.VVVVVVVV.html`).
//!
//! Each fact has a version, 8 lowercase hex digits of a checksum over its card in every language of the set
//! ([`fact_version`]): any change a reader could see on the card (a figure, a source, a correction record, the
//! "Updated on" date) changes it. `factcard inline` writes it on each inlined card (`data-version`); the script
//! reads the set's current versions and draws again only the cards whose version differs. An entity card has one
//! too, the same checksum over its entity cards, under the key `@ID`.
//!
//! A set of up to [`INLINE_LIMIT`] keys (facts and entities with facts) carries them in `set.json` itself,
//! `"versions":{"KEY":"VVVVVVVV",…}` sorted by key ([`inline_json`]): a page finds every card's version, and checks
//! every inlined card, with the one request for `set.json` it makes anyway. A larger set holds them in bucket files
//! named by their content (immutable), which `set.json` lists (`"buckets"`):
//!
//! | path | what |
//! | --- | --- |
//! | `versions/N.HHHHHHHH.json` | `{"KEY":"VVVVVVVV",…}` for the keys that fall in bucket N ([`bucket_of`]), sorted |
//!
//! B = max(1, ⌈keys / 500⌉), so a page finds any card's version with two small requests per set whatever the set's
//! size: `set.json` and the bucket of its key (a page of cards in several buckets fetches each once).

use factcard_core::bundle::checksum;
use factcard_core::card::card_html;
use factcard_core::json;
use factcard_core::model::DataSet;

/// Facts per bucket file, about.
pub const PER_BUCKET: usize = 500;

/// The most keys (facts and entities with facts) whose versions `set.json` carries itself, instead of buckets: at
/// 2,000 keys from about 45 KB of JSON (short ids: 11 KB brotli) to about 85 KB (ids as long as the default set's:
/// some 30 KB brotli), revalidated as an entry file (a 304 while unchanged). The default set's 171: 7.1 KB, 2.5 KB
/// brotli.
pub const INLINE_LIMIT: usize = 2_000;

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

/// The bucket of fact `id` among `buckets`: FNV-1a 32 of the id's bytes, mod `buckets` (`versionIn` in
/// js/sources.js does the same).
pub fn bucket_of(id: &str, buckets: u32) -> u32 {
    checksum(id.as_bytes()) % buckets.max(1)
}

/// The bucket files' contents, for N in 0..B (B from the number of keys): each key's version, sorted by key.
/// `keys`: (a fact id or `@` + an entity id, its version).
pub fn bucket_files(keys: &[(String, String)]) -> Vec<String> {
    let b = buckets(keys.len());
    let mut sorted: Vec<&(String, String)> = keys.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut files = vec![String::from("{"); b as usize];
    for (key, version) in sorted {
        let out = &mut files[bucket_of(key, b) as usize];
        if out.len() > 1 {
            out.push(',');
        }
        json::string_into(out, key);
        out.push(':');
        json::string_into(out, version);
    }
    for f in &mut files {
        f.push('}');
    }
    files
}

/// Every key's version as one JSON object, sorted by key, for `set.json` (`"versions"`): a set's bucket files in one.
pub fn inline_json(keys: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = keys.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::from("{");
    for (key, version) in sorted {
        if out.len() > 1 {
            out.push(',');
        }
        json::string_into(&mut out, key);
        out.push(':');
        json::string_into(&mut out, version);
    }
    out.push('}');
    out
}

/// Hands `put` (a path relative to the folder, the bytes) each bucket, `versions/N.HHHHHHHH.json`, and returns their
/// paths in bucket order (for `set.json`).
pub fn write(
    keys: &[(String, String)],
    put: &mut dyn FnMut(&str, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<Vec<String>> {
    let mut paths = Vec::new();
    for (n, body) in bucket_files(keys).iter().enumerate() {
        let path = format!("versions/{}", crate::caching::hashed_name(&format!("{n}.json"), body.as_bytes()));
        put(&path, body.as_bytes())?;
        paths.push(path);
    }
    Ok(paths)
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
        // FNV-1a 32 of the id's bytes: `versionIn` in js/sources.js computes the same numbers.
        assert_eq!(checksum(b"a"), 0xe40c_292c);
        assert_eq!(bucket_of("a", 1), 0);
        assert_eq!(bucket_of("hongyan-truck-exports-2020", 7), checksum(b"hongyan-truck-exports-2020") % 7);
        assert_eq!(bucket_of("hongyan-truck-exports-2020", 200), 180);
        assert_eq!(bucket_of("x", 0), 0); // never a division by zero
        let ds = seeds();
        let all: Vec<(String, String)> =
            (0..ds.facts.len()).map(|i| (ds.facts[i].id.clone(), fact_version(&ds, i))).collect();
        let files = bucket_files(&all);
        assert_eq!(files.len(), 1);
        let mut reversed = all.clone();
        reversed.reverse();
        assert_eq!(bucket_files(&reversed), files); // deterministic, sorted by key
        assert!(files[0].starts_with(&format!("{{\"{}\":\"", ds.facts[0].id)), "{}", files[0]);
        assert_eq!(files[0].matches(':').count(), ds.facts.len());
        let two: Vec<(String, String)> = (0..501).map(|i| (format!("f{i}"), "00000000".into())).collect();
        let files = bucket_files(&two);
        assert_eq!(files.len(), 2);
        assert!(files[bucket_of("f7", 2) as usize].contains("\"f7\":"));
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
        let shown = &mut ds2.facts[k].figures[0].text;
        let last = shown.langs() - 1;
        assert!(ds.langs.len() > 1 && last > 0 && !shown.at(last).is_empty());
        shown.edit(last, |s| s.push('0'));
        let after: Vec<String> = (0..ds2.facts.len()).map(|i| fact_version(&ds2, i)).collect();
        let changed: Vec<usize> = (0..before.len()).filter(|&i| before[i] != after[i]).collect();
        assert_eq!(changed, vec![k]);
    }

    #[test]
    fn inline_versions_are_the_buckets_in_one() {
        let keys = vec![("b".to_string(), "0123abcd".to_string()), ("@a".to_string(), "89abcdef".to_string())];
        assert_eq!(inline_json(&keys), r#"{"@a":"89abcdef","b":"0123abcd"}"#);
        assert_eq!(inline_json(&keys), bucket_files(&keys)[0]);
        assert_eq!(inline_json(&[]), "{}");
    }

    #[test]
    fn buckets_are_named_by_their_content() {
        let mut order = Vec::new();
        let keys = vec![("a".to_string(), "0123abcd".to_string()), ("@b".to_string(), "89abcdef".to_string())];
        let paths = write(&keys, &mut |p, b| {
            order.push((p.to_string(), String::from_utf8(b.to_vec()).unwrap()));
            Ok(())
        })
        .unwrap();
        assert_eq!(order.len(), 1);
        assert_eq!(order[0].1, r#"{"@b":"89abcdef","a":"0123abcd"}"#);
        assert_eq!(paths, [format!("versions/{}", crate::caching::hashed_name("0.json", order[0].1.as_bytes()))]);
        assert!(crate::caching::is_hashed(&paths[0]) && paths[0] == order[0].0);
    }
}
