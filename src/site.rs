//! Prerendered fragments: every card as a small static HTML file, so that a page of cards needs neither the
//! wasm nor the whole data set — only `factcard.js` and one fragment per card (about 1 KB brotli each).
//!
//! `factcard site FILES -o DIR` (and `make build`, for the default set into `pkg/data/`) writes:
//!
//! | path | what |
//! | --- | --- |
//! | `en/ID.html`, `zh/ID.html` | the card of fact ID, as [`card_html`] renders it |
//! | `en/entity/ID.html`, `zh/entity/ID.html` | the card of entity ID (for `<fact-ref entity>`) |
//! | `mentions.json` | entity names and aliases worth linking, longest first (for `autolink`) |
//! | `facts.facts` | the whole data set as a bundle, for search and the JS API (sets of up to 5,000 facts) |
//! | `search/` | the search index split by term ([`crate::shards`]), for sets of any size |
//!
//! Ids are `[a-z0-9-]` (the compiler checks), so they are safe as file names. The element checks every
//! fragment against an allowlist of tags and attributes before showing it, so a tampered file cannot run code.

use std::fs;
use std::path::Path;

use crate::bundle;
use crate::card::{card_html, entity_html};
use crate::format::Lang;
use crate::json;
use crate::model::DataSet;
use crate::shards;

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
    let mut all: Vec<(&str, &str)> = Vec::new();
    for (i, e) in ds.entities.iter().enumerate() {
        if ds.facts_about(i).next().is_none() {
            continue;
        }
        for n in std::iter::once(&e.name).chain(std::iter::once(&e.name_zh)).chain(&e.aliases) {
            let chars = n.chars().count();
            if chars >= 3 || (chars >= 2 && !n.is_ascii()) {
                all.push((n, &e.id));
            }
        }
    }
    crate::sort::sort_by(&mut all, |a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    all.dedup_by(|a, b| a.0 == b.0);
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

/// Writes the fragments of `ds` into `dir`; `progress(done, total)` is called as it goes.
pub fn write(ds: &DataSet, dir: &Path, mut progress: impl FnMut(usize, usize)) -> std::io::Result<Written> {
    let mut w = Written::default();
    let mut put = |path: &Path, bytes: &[u8]| -> std::io::Result<()> {
        fs::write(path, bytes)?;
        w.files += 1;
        w.bytes += bytes.len() as u64;
        Ok(())
    };
    let total = ds.facts.len() + ds.entities.len();
    // What an earlier run wrote goes first: a retracted fact must not live on as a stale card.
    for old in ["en", "zh", "search"] {
        match fs::remove_dir_all(dir.join(old)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    for old in ["facts.facts", "mentions.json"] {
        match fs::remove_file(dir.join(old)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    for lang in [Lang::En, Lang::Zh] {
        fs::create_dir_all(dir.join(lang.tag()).join("entity"))?;
    }
    for (n, f) in ds.facts.iter().enumerate() {
        for lang in [Lang::En, Lang::Zh] {
            put(&dir.join(lang.tag()).join(format!("{}.html", f.id)), card_html(ds, f, lang).as_bytes())?;
        }
        progress(n + 1, total);
    }
    for (i, e) in ds.entities.iter().enumerate() {
        if ds.facts_about(i).next().is_some() {
            for lang in [Lang::En, Lang::Zh] {
                let path = dir.join(lang.tag()).join("entity").join(format!("{}.html", e.id));
                put(&path, entity_html(ds, i, lang).as_bytes())?;
            }
        }
        progress(ds.facts.len() + i + 1, total);
    }
    put(&dir.join("mentions.json"), mentions_json(ds).as_bytes())?;
    // Small sets ship whole, for full search (typos, prefixes, suggestions) and the JS API; large ones only as
    // the sharded index, so that no reader downloads them whole.
    if ds.facts.len() <= WHOLE_LIMIT {
        put(&dir.join("facts.facts"), &bundle::encode(ds))?;
    }
    let search = dir.join("search");
    fs::create_dir_all(&search)?;
    let (files, n) = shards::build(ds, None);
    put(&search.join("meta.json"), shards::meta_json(ds.facts.len(), n).as_bytes())?;
    for (i, body) in files.shards.iter().enumerate() {
        put(&search.join(format!("t{i}.idx")), body)?;
    }
    for (i, ids) in files.ids.iter().enumerate() {
        put(&search.join(format!("ids{i}.txt")), ids.as_bytes())?;
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_fragment_per_card_and_language() {
        let ds = crate::builtin().unwrap();
        let dir = std::env::temp_dir().join(format!("factcard-site-{}", std::process::id()));
        // A card left by an earlier run (a retracted fact) must not survive.
        fs::create_dir_all(dir.join("en")).unwrap();
        fs::write(dir.join("en/retracted-fact.html"), "<article>old</article>").unwrap();
        let mut last = (0, 0);
        let w = write(&ds, &dir, |d, t| last = (d, t)).unwrap();
        assert_eq!(last, (ds.facts.len() + ds.entities.len(), ds.facts.len() + ds.entities.len()));
        let f = &ds.facts[0];
        let en = fs::read_to_string(dir.join("en").join(format!("{}.html", f.id))).unwrap();
        assert_eq!(en, card_html(&ds, f, Lang::En));
        assert!(dir.join("zh/entity/liangjiang.html").exists());
        assert!(!dir.join("en/retracted-fact.html").exists());
        assert_eq!(bundle::decode(&fs::read(dir.join("facts.facts")).unwrap()).unwrap(), ds);
        assert!(w.files > 2 * ds.facts.len());
        let m = fs::read_to_string(dir.join("mentions.json")).unwrap();
        assert!(m.contains("[\"Yangjiang New Area\",\"liangjiang\"]"), "{m}");
        fs::remove_dir_all(&dir).ok();
    }
}
