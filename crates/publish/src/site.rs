//! Prerendered fragments: every card as a small static HTML file, so that a page of cards needs neither the
//! wasm nor the whole data set — only `factcard.js` and one fragment per card (for the default set 2.1 KB raw,
//! 0.7 KB brotli on average: `make sizes`).
//!
//! `factcard site FILES -o DIR` (and `make build`, for the default set into `pkg/data/`) writes:
//!
//! | path | what |
//! | --- | --- |
//! | `set.json` | what a page reads first (an entry file, written last): `{"factcard":2,"languages":[…],"whole":…,"mentions":…,"search":…,"versions":{…}}`, naming the files below and, for a set of up to 2,000 cards, giving each card's version (a larger one has `"buckets":[…]` instead) |
//! | `LANG/ID.VVVVVVVV.html` | the card of fact ID in each language of the set (`en/`, `zh/`…), as [`card_html`] renders it, named by the fact's version ([`versions`]) |
//! | `LANG/entity/ID.VVVVVVVV.html` | the card of entity ID (for `<fact-ref entity>`), named by its version |
//! | `versions/N.HHHHHHHH.json` | for a set of over 2,000 cards: the version of every fact (and `@` + entity id) in bucket N, so that a page finds a card's name |
//! | `mentions.HHHHHHHH.json` | entity names and aliases worth linking, longest first (for `autolink`) |
//! | `facts.HHHHHHHH.facts` | the whole data set as a bundle, for the JS API (sets of up to 5,000 facts) |
//! | `search/` | the search index split by term ([`shards`]), each file named by its content, `meta.HHHHHHHH.json` listing them |
//! | `languages.json` | not JSON: a cached factcard.js of the previous release fails with one clear message ([`FOR_OLD_SCRIPTS`]) |
//! | `index.html`, `desk/`, … | the fact desk, where editors find a fact and copy its embed code ([`crate::desk`]) |
//! | `_headers` | the caching rules of these files, for Netlify and Cloudflare Pages ([`crate::caching`]) |
//!
//! Every file a reader's page downloads is named by its content (HHHHHHHH, 8 hex digits) or version (VVVVVVVV), so
//! it may be cached for good ([`caching::IMMUTABLE`]); only `set.json` (and the desk's pages) are entry files.
//!
//! On a folder written before, it writes only the files whose bytes changed (the others keep their time), each
//! through a temporary file renamed over the old one, the entry files last ([`caching::written_last`]: they name
//! the others), `set.json` the very last: a reader sees the old version or the new one, never a mix. The files of
//! the previous [`KEPT`] publishes stay (a page built against them, or an old `set.json` still cached for its five
//! minutes, finds every file it names); older ones, and what is not named by its content, are removed once this
//! run no longer writes them. What each kept publish adds is recorded in `.factcard/publishes.txt` (hidden: not
//! served); what is not factcard's stays (`site/files.rs`). [`Written`] lists what changed, for a CDN purge.
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

/// Data sets up to this many facts are also written whole (`facts.HHHHHHHH.facts`).
pub const WHOLE_LIMIT: usize = 5000;

/// What a format-2 folder holds as `languages.json`, for the previous release's factcard.js (a reader's cached copy)
/// only: that script looks for a card at `LANG/ID.html`, finds none, and reads `languages.json`; a text that is not
/// JSON makes it fail every card with one message, which quotes it (browsers quote up to 20 characters), and keep
/// each card's fallback text. Today's factcard.js reads `set.json` instead.
pub const FOR_OLD_SCRIPTS: &str = "factcard.js too old";

/// How many earlier publishes' files stay beside this run's.
pub const KEPT: usize = 2;

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

    /// Puts `bytes` under `name` with their content hash before its extension ([`caching::hashed_name`]), in
    /// `folder` (`""` or `"a/"`); returns the path.
    fn put_hashed(&mut self, folder: &str, name: &str, bytes: &[u8]) -> std::io::Result<String> {
        let path = format!("{folder}{}", caching::hashed_name(name, bytes));
        self.put(&path, bytes)?;
        Ok(path)
    }

    /// Writes the `_headers` and the entry files (`set.json` the very last), then removes what is no longer kept:
    /// files of this folder that neither this run nor the previous [`KEPT`] publishes named.
    fn finish(mut self) -> std::io::Result<Written> {
        // `_headers` is written below, after the kept files are known (it names them too).
        let now: HashSet<&str> = self.paths.iter().map(String::as_str).chain(["_headers"]).collect();
        let mut kept = files::Kept::sort(self.dir, &now)?;
        // A run that changes none of the files a page reads is no new publish: the kept ones stay as they were.
        kept.age(!(self.written.added.is_empty() && self.written.changed.is_empty()));
        self.headers(&kept)?;
        let mut last = std::mem::take(&mut self.last);
        last.sort_by_key(|(p, _)| caching::LAST.iter().position(|l| l == p));
        for (path, bytes) in last {
            self.store(&path, &bytes)?;
        }
        self.written.removed = kept.finish(self.dir)?;
        Ok(self.written)
    }

    /// The folder's caching rules, `_headers` ([`caching::headers_file`]), unless the publisher has one of its own
    /// there (one that factcard did not write), which it leaves as it is.
    fn headers(&mut self, kept: &files::Kept) -> std::io::Result<()> {
        let text =
            caching::headers_file_for(self.paths.iter().map(String::as_str).chain(kept.paths()), self.entry_max_age);
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
    let langs: Vec<Lang> = ds.langs.iter().map(|t| ds.lang(t)).collect();
    for lang in &langs {
        fs::create_dir_all(dir.join(lang.tag).join("entity"))?;
    }
    let keys = write_cards(ds, &langs, &mut out, &mut progress)?;
    let mentions = out.put_hashed("", "mentions.json", mentions_json(ds).as_bytes())?;
    // Small sets ship whole too, for the JS API (lookups, cards rendered by the core, JSON-LD); large ones only as
    // the sharded index, so that no reader downloads them whole. Search boxes use the sharded index either way.
    let whole = match ds.facts.len() <= WHOLE_LIMIT {
        true => Some(out.put_hashed("", "facts.facts", &bundle::encode(ds))?),
        false => None,
    };
    let search = write_search(ds, &keys[..ds.facts.len()], &mut out, whole.is_some())?;
    for d in desk::FOLDERS {
        fs::create_dir_all(dir.join(d))?;
    }
    desk::write(ds, &keys[..ds.facts.len()], script, &mut |path, bytes| out.put(path, bytes))?;
    // Versions: in set.json itself for a set of up to INLINE_LIMIT cards, else in buckets it names.
    let (inline, buckets) = match keys.len() <= versions::INLINE_LIMIT {
        true => (Some(versions::inline_json(&keys)), Vec::new()),
        false => {
            fs::create_dir_all(dir.join("versions"))?;
            (None, versions::write(&keys, &mut |path, bytes| out.put(path, bytes))?)
        }
    };
    let set = SetJson {
        langs: &ds.langs,
        whole: whole.as_deref(),
        mentions: &mentions,
        search: &search,
        versions: inline.as_deref(),
        buckets: &buckets,
    };
    out.put("languages.json", FOR_OLD_SCRIPTS.as_bytes())?;
    out.put("set.json", set.to_json().as_bytes())?; // an entry file: written last (finish)
    out.finish()
}

/// Every card, named by its version (fact ids, then `@` + entity ids, each with its version: the buckets' keys).
fn write_cards(
    ds: &DataSet,
    langs: &[Lang],
    out: &mut Out,
    progress: &mut impl FnMut(usize, usize),
) -> std::io::Result<Vec<(String, String)>> {
    let total = ds.facts.len() + ds.entities.len();
    let mut keys = Vec::with_capacity(total);
    let tags = || ds.langs.iter().map(String::as_str);
    for (n, f) in ds.facts.iter().enumerate() {
        let cards: Vec<String> = langs.iter().map(|&lang| card_html(ds, f, lang)).collect();
        // The same version as versions::fact_version, from the cards just rendered.
        let v = versions::version_of_cards(tags().zip(cards.iter().map(String::as_str)));
        for (lang, html) in langs.iter().zip(&cards) {
            out.put(&format!("{}/{}.{v}.html", lang.tag, f.id), html.as_bytes())?;
        }
        keys.push((f.id.clone(), v));
        progress(n + 1, total);
    }
    for (i, e) in ds.entities.iter().enumerate() {
        if ds.facts_about(i).next().is_some() {
            let cards: Vec<String> = langs.iter().map(|&lang| entity_html(ds, i, lang)).collect();
            let v = versions::version_of_cards(tags().zip(cards.iter().map(String::as_str)));
            for (lang, html) in langs.iter().zip(&cards) {
                out.put(&format!("{}/entity/{}.{v}.html", lang.tag, e.id), html.as_bytes())?;
            }
            keys.push((format!("@{}", e.id), v));
        }
        progress(ds.facts.len() + i + 1, total);
    }
    Ok(keys)
}

/// `set.json`, the one file a page reads first: the set's languages (the default first) and the paths (relative
/// to the folder) of its whole bundle (or null), mentions and search index; then, for a set of up to
/// [`versions::INLINE_LIMIT`] cards, every card's version (`"versions":{…}`, and no buckets), else the paths of its
/// version buckets (`"buckets":[…]`, and no `versions`).
struct SetJson<'a> {
    langs: &'a [String],
    whole: Option<&'a str>,
    mentions: &'a str,
    search: &'a str,
    versions: Option<&'a str>,
    buckets: &'a [String],
}

impl SetJson<'_> {
    fn to_json(&self) -> String {
        let strings = |out: &mut String, v: &[String]| json::array(out, v.iter(), |o, s| json::string_into(o, s));
        let mut out = String::from("{\"factcard\":2,\"languages\":");
        strings(&mut out, self.langs);
        out.push_str(",\"whole\":");
        match self.whole {
            Some(w) => json::string_into(&mut out, w),
            None => out.push_str("null"),
        }
        for (name, path) in [("mentions", self.mentions), ("search", self.search)] {
            out.push_str(&format!(",\"{name}\":"));
            json::string_into(&mut out, path);
        }
        match self.versions {
            Some(v) => {
                out.push_str(",\"versions\":");
                out.push_str(v);
            }
            None => {
                out.push_str(",\"buckets\":");
                strings(&mut out, self.buckets);
            }
        }
        out.push('}');
        out
    }
}

/// The sharded search index, `search/` ([`shards`]), each file named by its content, the ids files' lines `ID
/// VVVVVVVV` (`versions`: each fact's, in the set's order) so that a result's card needs no bucket. Returns the
/// path of `meta.HHHHHHHH.json`, which names the others.
fn write_search(ds: &DataSet, versions: &[(String, String)], out: &mut Out, whole: bool) -> std::io::Result<String> {
    fs::create_dir_all(out.dir.join("search"))?;
    let mut files = shards::build(ds, None);
    files.ids = versions
        .chunks(shards::IDS_PER_FILE)
        .map(|c| c.iter().map(|(id, v)| format!("{id} {v}\n")).collect())
        .collect();
    for (i, body) in files.shards.iter().enumerate() {
        out.put_hashed("search/", &format!("t{i}.idx"), body)?;
    }
    for (i, body) in files.suggest.iter().enumerate() {
        out.put_hashed("search/", &format!("s{i}.txt"), body.as_bytes())?;
    }
    for (i, ids) in files.ids.iter().enumerate() {
        out.put_hashed("search/", &format!("ids{i}.txt"), ids.as_bytes())?;
    }
    out.put_hashed("search/", "meta.json", shards::meta_json(ds, &files, whole).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use factcard_core::model::Fact;

    /// The path `set.json` gives `field` (a string), or its list `field`.
    fn named(dir: &Path, field: &str) -> Vec<String> {
        let set = fs::read_to_string(dir.join("set.json")).unwrap();
        let after = set.split(&format!("\"{field}\":")).nth(1).unwrap();
        let value = match after.strip_prefix('[') {
            Some(list) => list.split(']').next().unwrap(),
            None => after.split(',').next().unwrap(),
        };
        value
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| s.trim_matches(|c| c == '"' || c == '}').to_string())
            .collect()
    }

    #[test]
    fn writes_a_fragment_per_card_and_language() {
        let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
        let dir = std::env::temp_dir().join(format!("factcard-site-{}", std::process::id()));
        // A card left by an earlier run (a retracted fact, not named by its content) must not survive.
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("en")).unwrap();
        fs::write(dir.join("en/retracted-fact.html"), "<article>old</article>").unwrap();
        let mut last = (0, 0);
        let w = write(&ds, &dir, |d, t| last = (d, t)).unwrap();
        assert_eq!(last, (ds.facts.len() + ds.entities.len(), ds.facts.len() + ds.entities.len()));
        let f = &ds.facts[0];
        let v = versions::fact_version(&ds, 0);
        let en = fs::read_to_string(dir.join(format!("en/{}.{v}.html", f.id))).unwrap();
        assert_eq!(en, card_html(&ds, f, ds.lang("en")));
        assert!(!dir.join("en/retracted-fact.html").exists());
        let whole = &named(&dir, "whole")[0];
        assert!(caching::is_hashed(whole) && whole.starts_with("facts."), "{whole}");
        assert_eq!(bundle::decode(&fs::read(dir.join(whole)).unwrap()).unwrap(), ds);
        assert!(w.files > 2 * ds.facts.len());
        let m = fs::read_to_string(dir.join(&named(&dir, "mentions")[0])).unwrap();
        assert!(m.contains("[\"Yangjiang New Area\",\"liangjiang\"]"), "{m}");
        assert_eq!((w.added.len(), w.removed.as_slice()), (w.files, ["en/retracted-fact.html".to_string()].as_slice()));
        assert_eq!(named(&dir, "languages"), ["en", "zh"]);
        assert!(!dir.join("versions.json").exists());
        assert_eq!(fs::read_to_string(dir.join("languages.json")).unwrap(), FOR_OLD_SCRIPTS);
        assert!(FOR_OLD_SCRIPTS.len() <= 20);
        // Again, unchanged: nothing written, nothing removed.
        let again = write(&ds, &dir, |_, _| {}).unwrap();
        assert!(again.removed.is_empty(), "{:?}", again.removed);
        assert_eq!((again.added.len(), again.changed.len(), again.removed.len()), (0, 0, 0));
        assert_eq!((again.unchanged, again.files, again.bytes_written), (w.files, w.files, 0));
        let headers = fs::read_to_string(dir.join("_headers")).unwrap();
        assert!(headers.contains(&format!("\n/en/*\n  Cache-Control: {}\n", caching::IMMUTABLE)), "{headers}");
        assert!(headers.contains(&format!("\n/set.json\n  Cache-Control: {}\n", caching::ENTRY)), "{headers}");
        // The versions set.json gives (a small set: no buckets) are those `factcard inline` writes on a card
        // (versions::fact_version), and the entity cards' under `@ID`, which name the cards.
        let set = fs::read_to_string(dir.join("set.json")).unwrap();
        assert!(!set.contains("\"buckets\"") && !dir.join("versions").exists(), "{set}");
        let inline = set.split("\"versions\":").nth(1).unwrap();
        for (i, f) in ds.facts.iter().enumerate() {
            let entry = format!("\"{}\":\"{}\"", f.id, versions::fact_version(&ds, i));
            assert!(inline.contains(&entry), "{entry} not in {inline}");
        }
        let e = inline.split("\"@liangjiang\":\"").nth(1).unwrap().split('"').next().unwrap();
        assert!(dir.join(format!("zh/entity/liangjiang.{e}.html")).exists());
        // Search results carry their cards' versions.
        let meta = fs::read_to_string(dir.join(&named(&dir, "search")[0])).unwrap();
        let ids0 = meta.split("\"ids\":[\"").nth(1).unwrap().split('"').next().unwrap();
        let ids = fs::read_to_string(dir.join(format!("search/ids0.{ids0}.txt"))).unwrap();
        assert!(ids.starts_with(&format!("{} {v}\n", f.id)), "{ids}");
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_correction_adds_new_files_and_keeps_the_old_ones_two_publishes() {
        let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
        let dir = std::env::temp_dir().join(format!("factcard-site-fix-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write(&ds, &dir, |_, _| {}).unwrap();
        let k = ds.facts.iter().position(|f| !f.figures.is_empty()).unwrap();
        let (id, v1) = (ds.facts[k].id.clone(), versions::fact_version(&ds, k));
        let mut ds2 = ds.clone();
        ds2.facts[k].figures[0].text.edit(0, |s| s.push('0'));
        let v2 = versions::fact_version(&ds2, k);
        let w = write(&ds2, &dir, |_, _| {}).unwrap();
        // Its new cards, parts of the index, the bundle, its desk file and set.json (its versions); nothing removed.
        for p in [format!("en/{id}.{v2}.html"), format!("zh/{id}.{v2}.html")] {
            assert!(w.added.contains(&p), "{p} not in {:?}", w.added);
        }
        assert_eq!(w.added.iter().filter(|p| p.ends_with(".html")).count(), 2, "{:?}", w.added);
        assert!(w.added.iter().any(|p| p.starts_with("facts.")) && !w.added.iter().any(|p| p.starts_with("versions/")));
        assert!(w.added.iter().all(|p| caching::is_hashed(p)), "{:?}", w.added);
        // Changed: entry files only (`_headers` names the kept bundle too).
        let mut changed = w.changed.clone();
        changed.sort();
        assert_eq!(changed, ["_headers".to_string(), format!("desk/f/{id}.json"), "set.json".into()]);
        assert!(w.removed.is_empty(), "{w:?}");
        assert!(dir.join(format!("en/{id}.{v1}.html")).exists(), "the old card stays");
        // It was the previous publish's card: the next publish (another figure) keeps it too, the one after removes it.
        for (n, digit) in ["1", "2"].iter().enumerate() {
            ds2.facts[k].figures[0].text.edit(0, |s| s.push_str(digit));
            let w = write(&ds2, &dir, |_, _| {}).unwrap();
            assert_eq!(w.removed.iter().any(|p| p.contains(&v1)), n == 1, "{n}: {:?}", w.removed);
        }
        assert!(!dir.join(format!("en/{id}.{v1}.html")).exists());
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_set_of_over_inline_limit_cards_has_version_buckets() {
        let mut ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
        let one = ds.facts[0].clone();
        ds.facts = (0..versions::INLINE_LIMIT).map(|i| Fact { id: format!("f{i:05}"), ..one.clone() }).collect();
        ds.link();
        let dir = std::env::temp_dir().join(format!("factcard-site-buckets-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write(&ds, &dir, |_, _| {}).unwrap();
        let set = fs::read_to_string(dir.join("set.json")).unwrap();
        assert!(!set.contains("\"versions\""), "over the limit with its entities: {}", &set[..200]);
        let buckets = named(&dir, "buckets");
        let keys = ds.facts.len() + ds.entities.iter().enumerate().filter(|(i, _)| !ds.about[*i].is_empty()).count();
        assert_eq!(buckets.len(), versions::buckets(keys) as usize);
        let v = versions::fact_version(&ds, 7);
        let bucket =
            fs::read_to_string(dir.join(&buckets[versions::bucket_of("f00007", buckets.len() as u32) as usize]));
        assert!(bucket.unwrap().contains(&format!("\"f00007\":\"{v}\"")));
        assert!(dir.join(format!("en/f00007.{v}.html")).exists());
        fs::remove_dir_all(&dir).ok();
    }
}
