//! Prerendered fragments: every card as a small static HTML file, so that a page of cards needs neither the
//! wasm nor the whole data set — only `factcard.js` and one fragment per card (for the default set 2.1 KB raw,
//! 0.7 KB brotli on average: `make sizes`).
//!
//! `factcard site FILES -o DIR` (and `make build`, for the default set into `pkg/data/`) writes:
//!
//! | path | what |
//! | --- | --- |
//! | `LANG/ID.html` | the card of fact ID in each language of the set (`en/`, `zh/`…), as [`card_html`] renders it |
//! | `LANG/entity/ID.html` | the card of entity ID (for `<fact-ref entity>`) |
//! | `languages.json` | the set's languages, the default first (for readers whose language has no folder) |
//! | `mentions.json` | entity names and aliases worth linking, longest first (for `autolink`) |
//! | `facts.facts` | the whole data set as a bundle, for search and the JS API (sets of up to 5,000 facts) |
//! | `search/` | the search index split by term ([`shards`]), for sets of any size; `meta.json` says whether `facts.facts` is there |
//! | `index.html`, `desk/`, … | the fact desk, where editors find a fact and copy its embed code ([`crate::desk`]) |
//!
//! Ids are `[a-z0-9-]` (the compiler checks), so they are safe as file names. The element checks every
//! fragment against an allowlist of tags and attributes before showing it, so a tampered file cannot run code.

use std::fs;
use std::path::Path;

use factcard_core::card::{card_html, entity_html};
use factcard_core::format::Lang;
use factcard_core::model::DataSet;
use factcard_core::{bundle, json, names, shards};

use crate::desk;

/// Data sets up to this many facts are also written whole (`facts.facts`).
pub const WHOLE_LIMIT: usize = 5000;

/// What [`write`] wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

/// Entity names and aliases worth linking in running text, longest first, as JSON `[[text, id], …]`.
pub fn mentions_json(ds: &DataSet) -> String {
    let all = names::mentions(ds);
    let mut out = String::with_capacity(all.len() * 32);
    json::array(&mut out, all.into_iter(), |out, (n, id)| {
        out.push('[');
        json::string_into(out, n);
        out.push(',');
        json::string_into(out, id);
        out.push(']');
    });
    out
}

/// Counts what it writes.
struct Out<'a> {
    dir: &'a Path,
    written: Written,
}

impl Out<'_> {
    fn put(&mut self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        fs::write(self.dir.join(path), bytes)?;
        self.written.files += 1;
        self.written.bytes += bytes.len() as u64;
        Ok(())
    }
}

/// Where the desk of a folder finds `factcard.js` unless told otherwise: the package's own layout (`pkg/data/`
/// beside `pkg/factcard.js`).
pub const SCRIPT: &str = "../factcard.js";

/// Writes the fragments of `ds` into `dir`; `progress(done, total)` is called as it goes.
pub fn write(ds: &DataSet, dir: &Path, progress: impl FnMut(usize, usize)) -> std::io::Result<Written> {
    write_with(ds, dir, SCRIPT, progress)
}

/// [`write`], with the desk loading `factcard.js` from `script` (an address, absolute or relative to `dir`).
pub fn write_with(
    ds: &DataSet,
    dir: &Path,
    script: &str,
    mut progress: impl FnMut(usize, usize),
) -> std::io::Result<Written> {
    clear(dir)?;
    let mut out = Out { dir, written: Written::default() };
    let total = ds.facts.len() + ds.entities.len();
    let langs: Vec<Lang> = ds.langs.iter().map(|t| ds.lang(t)).collect();
    for lang in &langs {
        fs::create_dir_all(dir.join(lang.tag).join("entity"))?;
    }
    for (n, f) in ds.facts.iter().enumerate() {
        for &lang in &langs {
            out.put(&format!("{}/{}.html", lang.tag, f.id), card_html(ds, f, lang).as_bytes())?;
        }
        progress(n + 1, total);
    }
    for (i, e) in ds.entities.iter().enumerate() {
        if ds.facts_about(i).next().is_some() {
            for &lang in &langs {
                out.put(&format!("{}/entity/{}.html", lang.tag, e.id), entity_html(ds, i, lang).as_bytes())?;
            }
        }
        progress(ds.facts.len() + i + 1, total);
    }
    out.put("mentions.json", mentions_json(ds).as_bytes())?;
    out.put("languages.json", languages_json(ds).as_bytes())?;
    // Small sets ship whole too, for the JS API (lookups, cards rendered by the core, JSON-LD); large ones only as
    // the sharded index, so that no reader downloads them whole. Search boxes use the sharded index either way.
    let whole = ds.facts.len() <= WHOLE_LIMIT;
    if whole {
        out.put("facts.facts", &bundle::encode(ds))?;
    }
    write_search(ds, &mut out, whole)?;
    for d in desk::FOLDERS {
        fs::create_dir_all(dir.join(d))?;
    }
    desk::write(ds, script, &mut |path, bytes| out.put(path, bytes))?;
    crate::versions::write(ds, dir, &mut |path, bytes| out.put(path, bytes))?; // last: they name the cards above
    Ok(out.written)
}

/// The set's languages, the default first, as JSON `{"languages":["en","zh"]}`: a page reads it when a reader's
/// language has no folder of cards, to choose the nearest.
pub fn languages_json(ds: &DataSet) -> String {
    let mut out = String::from("{\"languages\":");
    json::array(&mut out, ds.langs.iter(), |out, l| json::string_into(out, l));
    out.push('}');
    out
}

/// Removes what an earlier run wrote: a retracted fact must not live on as a stale card.
fn clear(dir: &Path) -> std::io::Result<()> {
    let gone = |r: std::io::Result<()>| match r {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    };
    // Folders of cards by language: whichever languages an earlier run had (a folder of cards, or one whose name
    // is a language tag of factcard's, from before languages.json).
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name();
            let cards = e.path().join("entity").is_dir() || name == "en" || name == "zh";
            if e.path().is_dir() && (cards || name == "search" || name == "desk") {
                gone(fs::remove_dir_all(e.path()))?;
            }
        }
    }
    for old in ["facts.facts", "mentions.json", "languages.json"].into_iter().chain(desk::FILES) {
        gone(fs::remove_file(dir.join(old)))?;
    }
    Ok(())
}

/// The sharded search index, `search/` ([`shards`]).
fn write_search(ds: &DataSet, out: &mut Out, whole: bool) -> std::io::Result<()> {
    fs::create_dir_all(out.dir.join("search"))?;
    let files = shards::build(ds, None);
    out.put("search/meta.json", shards::meta_json(ds, &files, whole).as_bytes())?;
    for (i, body) in files.shards.iter().enumerate() {
        out.put(&format!("search/t{i}.idx"), body)?;
    }
    for (i, body) in files.suggest.iter().enumerate() {
        out.put(&format!("search/s{i}.txt"), body.as_bytes())?;
    }
    for (i, ids) in files.ids.iter().enumerate() {
        out.put(&format!("search/ids{i}.txt"), ids.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_fragment_per_card_and_language() {
        let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
        let dir = std::env::temp_dir().join(format!("factcard-site-{}", std::process::id()));
        // A card left by an earlier run (a retracted fact) must not survive.
        fs::create_dir_all(dir.join("en")).unwrap();
        fs::write(dir.join("en/retracted-fact.html"), "<article>old</article>").unwrap();
        let mut last = (0, 0);
        let w = write(&ds, &dir, |d, t| last = (d, t)).unwrap();
        assert_eq!(last, (ds.facts.len() + ds.entities.len(), ds.facts.len() + ds.entities.len()));
        let f = &ds.facts[0];
        let en = fs::read_to_string(dir.join("en").join(format!("{}.html", f.id))).unwrap();
        assert_eq!(en, card_html(&ds, f, ds.lang("en")));
        assert!(dir.join("zh/entity/liangjiang.html").exists());
        assert!(!dir.join("en/retracted-fact.html").exists());
        assert_eq!(bundle::decode(&fs::read(dir.join("facts.facts")).unwrap()).unwrap(), ds);
        assert!(w.files > 2 * ds.facts.len());
        let m = fs::read_to_string(dir.join("mentions.json")).unwrap();
        assert!(m.contains("[\"Yangjiang New Area\",\"liangjiang\"]"), "{m}");
        fs::remove_dir_all(&dir).ok();
    }
}
