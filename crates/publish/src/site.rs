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
//! | `_headers` | the caching rules of these files, for Netlify and Cloudflare Pages ([`crate::caching`]) |
//!
//! On a folder written before, it writes only the files whose bytes changed (the others keep their time), each
//! through a temporary file renamed over the old one, the entry files last ([`caching::written_last`]: they name
//! the others), then removes what the earlier run wrote and this one did not (a retracted fact's cards); what is
//! not factcard's stays (`site/files.rs`). [`Written`] lists what changed, for a CDN purge.
//!
//! Ids are `[a-z0-9-]` (the compiler checks), so they are safe as file names. The element checks every
//! fragment against an allowlist of tags and attributes before showing it, so a tampered file cannot run code.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use factcard_core::card::{card_html, entity_html};
use factcard_core::format::Lang;
use factcard_core::model::DataSet;
use factcard_core::{bundle, json, names, shards};

use crate::{caching, desk, versions};

mod files;

/// Data sets up to this many facts are also written whole (`facts.facts`).
pub const WHOLE_LIMIT: usize = 5000;

/// What [`write`] did to the folder: the files it added, changed and removed (paths relative to the folder, `/`
/// between folders: what a newsroom purges from its CDN), and how many it found as they were and left untouched.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// The folder's files as this run made them (written or found unchanged), and their bytes.
    pub files: usize,
    pub bytes: u64,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
    /// The bytes of the added and changed files.
    pub bytes_written: u64,
    /// What the caller should tell the user (a `_headers` of the publisher's own, left as it was).
    pub notes: Vec<String>,
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

/// Writes into the folder only what changed, each file atomically, the entry files ([`caching::written_last`])
/// after every other, and counts what it did.
struct Out<'a> {
    dir: &'a Path,
    written: Written,
    /// Every path of this run, in the order given.
    paths: Vec<String>,
    /// The entry files, held until the end.
    last: Vec<(String, Vec<u8>)>,
    /// How long `_headers` lets hosts keep an entry file, in seconds.
    entry_max_age: u32,
}

impl Out<'_> {
    fn put(&mut self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.paths.push(path.to_string());
        self.written.files += 1;
        self.written.bytes += bytes.len() as u64;
        if caching::written_last(path) {
            self.last.push((path.to_string(), bytes.to_vec()));
            return Ok(());
        }
        self.store(path, bytes)
    }

    /// Writes `bytes` to `path` unless they are there already, and says which it was.
    fn store(&mut self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let w = &mut self.written;
        let list = match files::sync(&self.dir.join(path), bytes)? {
            files::Change::Unchanged => {
                w.unchanged += 1;
                return Ok(());
            }
            files::Change::Added => &mut w.added,
            files::Change::Changed => &mut w.changed,
        };
        list.push(path.to_string());
        w.bytes_written += bytes.len() as u64;
        Ok(())
    }

    /// Writes the `_headers` and the entry files, then removes what an earlier run wrote and this one did not.
    fn finish(mut self) -> std::io::Result<Written> {
        self.headers()?;
        for (path, bytes) in std::mem::take(&mut self.last) {
            self.store(&path, &bytes)?;
        }
        let now: HashSet<&str> = self.paths.iter().map(String::as_str).collect();
        self.written.removed = files::remove_stale(self.dir, &now)?;
        Ok(self.written)
    }

    /// The folder's caching rules, `_headers` ([`caching::headers_file`]), unless the publisher has one of its own
    /// there (one that factcard did not write), which it leaves as it is.
    fn headers(&mut self) -> std::io::Result<()> {
        let text = caching::headers_file_for(self.paths.iter().map(String::as_str), self.entry_max_age);
        if files::foreign_headers(self.dir) {
            let note =
                "a _headers file not written by factcard is in the folder: left as it was; add these rules to it";
            self.written.notes.push(format!("{note}:\n{text}"));
            return Ok(());
        }
        self.put("_headers", text.as_bytes())
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
    progress: impl FnMut(usize, usize),
) -> std::io::Result<Written> {
    write_for(ds, dir, script, caching::ENTRY_MAX_AGE, progress)
}

/// [`write_with`], with `_headers` letting hosts keep the entry files `entry_max_age` seconds
/// (`factcard site --entry-max-age`).
pub fn write_for(
    ds: &DataSet,
    dir: &Path,
    script: &str,
    entry_max_age: u32,
    mut progress: impl FnMut(usize, usize),
) -> std::io::Result<Written> {
    fs::create_dir_all(dir)?;
    let mut out = Out { dir, written: Written::default(), paths: Vec::new(), last: Vec::new(), entry_max_age };
    let total = ds.facts.len() + ds.entities.len();
    let langs: Vec<Lang> = ds.langs.iter().map(|t| ds.lang(t)).collect();
    for lang in &langs {
        fs::create_dir_all(dir.join(lang.tag).join("entity"))?;
    }
    let mut fact_versions = Vec::with_capacity(ds.facts.len());
    for (n, f) in ds.facts.iter().enumerate() {
        let cards: Vec<String> = langs.iter().map(|&lang| card_html(ds, f, lang)).collect();
        for (lang, html) in langs.iter().zip(&cards) {
            out.put(&format!("{}/{}.html", lang.tag, f.id), html.as_bytes())?;
        }
        // The same version as versions::fact_version, from the cards just rendered.
        fact_versions.push(versions::version_of_cards(
            ds.langs.iter().map(String::as_str).zip(cards.iter().map(String::as_str)),
        ));
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
    for d in desk::FOLDERS.iter().chain(&["versions"]) {
        fs::create_dir_all(dir.join(d))?;
    }
    desk::write(ds, script, &mut |path, bytes| out.put(path, bytes))?;
    versions::write(ds, &fact_versions, &mut |path, bytes| out.put(path, bytes))?; // entry files: written last (finish)
    out.finish()
}

/// The set's languages, the default first, as JSON `{"languages":["en","zh"]}`: a page reads it when a reader's
/// language has no folder of cards, to choose the nearest.
pub fn languages_json(ds: &DataSet) -> String {
    let mut out = String::from("{\"languages\":");
    json::array(&mut out, ds.langs.iter(), |out, l| json::string_into(out, l));
    out.push('}');
    out
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
        let _ = fs::remove_dir_all(&dir);
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
        assert_eq!((w.added.len(), w.removed.as_slice()), (w.files, ["en/retracted-fact.html".to_string()].as_slice()));
        // Again, unchanged: nothing written, nothing removed.
        let again = write(&ds, &dir, |_, _| {}).unwrap();
        assert_eq!((again.added.len(), again.changed.len(), again.removed.len()), (0, 0, 0));
        assert_eq!((again.unchanged, again.files, again.bytes_written), (w.files, w.files, 0));
        let headers = fs::read_to_string(dir.join("_headers")).unwrap();
        assert!(headers.contains("\n/en/*\n  Cache-Control: public, max-age=300, must-revalidate\n"), "{headers}");
        // The versions it lists are those `factcard inline` writes on a card (versions::fact_version).
        let bucket = fs::read_to_string(dir.join("versions/0.json")).unwrap();
        for (i, f) in ds.facts.iter().enumerate() {
            let entry = format!("\"{}\":\"{}\"", f.id, versions::fact_version(&ds, i));
            assert!(bucket.contains(&entry), "{entry} not in {bucket}");
        }
        fs::remove_dir_all(&dir).ok();
    }
}
