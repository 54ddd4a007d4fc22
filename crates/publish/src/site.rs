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

use factcard_core::card::{card_htmls, entity_html};
use factcard_core::format::Lang;
use factcard_core::model::DataSet;
use factcard_core::{bundle, json, names, search, shards};
use rayon::prelude::*;

use crate::{caching, desk, versions};

mod built;
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
    /// How many cards (a fact's or an entity's, in every language) were rendered; the others were found as the last
    /// publish built them, from the same inputs ([`built`]).
    pub rendered: usize,
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
    /// Files given and not yet written: written together, on every core, by [`Out::flush`].
    pending: Vec<(String, Vec<u8>)>,
    pending_bytes: usize,
    /// The entry files, held until the end.
    last: Vec<(String, Vec<u8>)>,
    /// How long `_headers` lets hosts keep an entry file, in seconds.
    entry_max_age: u32,
    /// This factcard, for the record of what it built ([`built::stamp`]).
    stamp: Option<u64>,
}

/// How many bytes of files [`Out`] holds before it writes them.
const BATCH: usize = 16 << 20;

impl Out<'_> {
    fn put(&mut self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.put_owned(path.to_string(), bytes.to_vec())
    }

    fn put_owned(&mut self, path: String, bytes: Vec<u8>) -> std::io::Result<()> {
        self.paths.push(path.clone());
        self.written.files += 1;
        self.written.bytes += bytes.len() as u64;
        if caching::written_last(&path) {
            self.last.push((path, bytes));
            return Ok(());
        }
        self.pending_bytes += bytes.len();
        self.pending.push((path, bytes));
        if self.pending_bytes >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the pending files (each unless it is there already, on every core), and records what it did, in the
    /// order they were given.
    fn flush(&mut self) -> std::io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        self.pending_bytes = 0;
        let dir = self.dir;
        let changes: Vec<std::io::Result<files::Change>> =
            pending.par_iter().map(|(path, bytes)| files::sync(&dir.join(path), bytes)).collect();
        for ((path, bytes), change) in pending.into_iter().zip(changes) {
            self.record(path, bytes.len(), change?);
        }
        Ok(())
    }

    /// Writes `bytes` to `path` unless they are there already, and says which it was.
    fn store(&mut self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let change = files::sync(&self.dir.join(path), bytes)?;
        self.record(path.to_string(), bytes.len(), change);
        Ok(())
    }

    /// Counts a file found as the last publish built it, and not looked at.
    fn keep(&mut self, path: String, len: u64) {
        self.paths.push(path);
        self.written.files += 1;
        self.written.bytes += len;
        self.written.unchanged += 1;
    }

    fn record(&mut self, path: String, len: usize, change: files::Change) {
        let w = &mut self.written;
        let list = match change {
            files::Change::Unchanged => {
                w.unchanged += 1;
                return;
            }
            files::Change::Added => &mut w.added,
            files::Change::Changed => &mut w.changed,
        };
        list.push(path);
        w.bytes_written += len as u64;
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
        self.flush()?;
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

/// What [`write`] is doing, for a progress display: the cards (how many of how many are done), then the search
/// index, the desk, and the entry files with the clearing of what is no longer kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Cards { done: usize, total: usize },
    Index,
    Desk,
    Finish,
}

/// Writes the fragments of `ds` into `dir`; `progress` is told each [`Step`] as it goes.
pub fn write(ds: &DataSet, dir: &Path, progress: impl FnMut(Step)) -> std::io::Result<Written> {
    write_with(ds, dir, SCRIPT, progress)
}

/// [`write`], with the desk loading `factcard.js` from `script` (an address, absolute or relative to `dir`).
pub fn write_with(ds: &DataSet, dir: &Path, script: &str, progress: impl FnMut(Step)) -> std::io::Result<Written> {
    write_for(ds, dir, script, caching::ENTRY_MAX_AGE, progress)
}

/// [`write_with`], with `_headers` letting hosts keep the entry files `entry_max_age` seconds
/// (`factcard site --entry-max-age`).
pub fn write_for(
    ds: &DataSet,
    dir: &Path,
    script: &str,
    entry_max_age: u32,
    mut progress: impl FnMut(Step),
) -> std::io::Result<Written> {
    fs::create_dir_all(dir)?;
    let mut out = Out {
        dir,
        written: Written::default(),
        paths: Vec::new(),
        pending: Vec::new(),
        pending_bytes: 0,
        last: Vec::new(),
        entry_max_age,
        stamp: built::stamp(),
    };
    let langs: Vec<Lang> = ds.langs.iter().map(|t| ds.lang(t)).collect();
    for lang in &langs {
        fs::create_dir_all(dir.join(lang.tag).join("entity"))?;
    }
    let mut cards = write_cards(ds, &langs, &mut out, &mut progress)?;
    let keys = std::mem::take(&mut cards.keys);
    let mentions = out.put_hashed("", "mentions.json", mentions_json(ds).as_bytes())?;
    // Small sets ship whole too, for the JS API (lookups, cards rendered by the core, JSON-LD); large ones only as
    // the sharded index, so that no reader downloads them whole. Search boxes use the sharded index either way.
    let whole = match ds.facts.len() <= WHOLE_LIMIT {
        true => Some(out.put_hashed("", "facts.facts", &bundle::encode(ds))?),
        false => None,
    };
    progress(Step::Index);
    let search = write_search(ds, &keys[..ds.facts.len()], &mut out, whole.is_some())?;
    progress(Step::Desk);
    for d in desk::FOLDERS {
        fs::create_dir_all(dir.join(d))?;
    }
    desk::write(ds, script, &mut |path, bytes| out.put(path, bytes))?;
    cards.keys = keys;
    write_desk_facts(ds, &langs, &mut cards, &mut out)?;
    let (keys, record) = (cards.keys, cards.record);
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
    let set = set.to_json();
    out.put("set.json", set.as_bytes())?; // an entry file: written last (finish)
    progress(Step::Finish);
    let stamp = out.stamp;
    let written = out.finish()?;
    // Once the folder is the new publish: an interrupted run leaves the last record, which no longer matches.
    built::Built::save(dir, stamp, set.as_bytes(), &record)?;
    Ok(written)
}

/// How many facts (or entities) are rendered together, on every core, between progress reports.
const CHUNK: usize = 1024;

/// A card to publish: rendered now, or found built as the last publish left it ([`built`]).
enum Made {
    New(String, Vec<String>),
    Built(built::Card),
}

/// A card's names: its key in the versions (a fact's id, or `@` and an entity's), and its files' folder in each
/// language (`""` for a fact's, `"entity/"`) and name.
struct Named<'a> {
    key: String,
    folder: &'static str,
    id: &'a str,
}

impl Named<'_> {
    fn fact(id: &str) -> Named<'_> {
        Named { key: id.to_string(), folder: "", id }
    }

    fn entity(id: &str) -> Named<'_> {
        Named { key: format!("@{id}"), folder: "entity/", id }
    }
}

/// Renders a card, or finds it as the last publish built it.
struct Maker<'a> {
    ds: &'a DataSet,
    langs: &'a [Lang<'a>],
    dir: &'a Path,
    prints: built::Prints,
    before: built::Built,
}

impl Maker<'_> {
    /// The card's files at version `v`, a language each.
    fn paths(&self, n: &Named, v: &str) -> Vec<String> {
        self.langs.iter().map(|l| format!("{}/{}{}.{v}.html", l.tag, n.folder, n.id)).collect()
    }

    /// The last publish's card, if its fingerprint is `print` and its files (a fact's desk file too) are in the
    /// folder at their recorded lengths.
    fn found(&self, n: &Named, print: u64) -> Option<built::Card> {
        let c = self.before.cards.get(&n.key).filter(|c| c.print == print)?;
        let mut files = self.paths(n, &c.version);
        if n.folder.is_empty() {
            files.push(desk::fact_path(n.id));
        }
        let there = |(p, &len): (String, &u64)| fs::metadata(self.dir.join(p)).is_ok_and(|m| m.len() == len);
        (c.lens.len() == files.len() && files.into_iter().zip(&c.lens).all(there)).then(|| c.clone())
    }

    /// The card found built, or `render`ed now with its version (versions::fact_version, from the cards rendered).
    fn make(&self, n: &Named, print: u64, render: impl FnOnce() -> Vec<String>) -> Made {
        if let Some(c) = self.found(n, print) {
            return Made::Built(c);
        }
        let cards = render();
        let tags = self.ds.langs.iter().map(String::as_str);
        Made::New(versions::version_of_cards(tags.zip(cards.iter().map(String::as_str))), cards)
    }
}

/// What [`write_cards`] did: every card's key and version, the record of what was built, and whether each fact's
/// cards were found built.
struct Cards {
    keys: Vec<(String, String)>,
    record: Vec<(String, built::Card)>,
    found_built: Vec<bool>,
}

impl Cards {
    /// Writes a card's files (or counts them, found built; a fact's desk file is the desk's, [`write_desk_facts`]),
    /// and records it.
    fn put(&mut self, m: &Maker, out: &mut Out, n: Named, print: u64, made: Made) -> std::io::Result<()> {
        let card = match made {
            Made::Built(c) => {
                for (path, &len) in m.paths(&n, &c.version).into_iter().zip(&c.lens) {
                    out.keep(path, len);
                }
                c
            }
            Made::New(version, cards) => {
                out.written.rendered += 1;
                let lens = cards.iter().map(|c| c.len() as u64).collect();
                for (path, html) in m.paths(&n, &version).into_iter().zip(cards) {
                    out.put_owned(path, html.into_bytes())?;
                }
                built::Card { print, version, lens }
            }
        };
        self.keys.push((n.key.clone(), card.version.clone()));
        self.record.push((n.key, card));
        Ok(())
    }
}

/// Every card, named by its version (fact ids, then `@` + entity ids, each with its version: the buckets' keys),
/// rendered unless the last publish built it from the same inputs. Returns the keys, the record of what was built
/// (a fact's desk file, made from the same inputs as its cards, is added to it by [`write_desk_facts`]), and which
/// facts were found built.
fn write_cards(ds: &DataSet, langs: &[Lang], out: &mut Out, progress: &mut impl FnMut(Step)) -> std::io::Result<Cards> {
    let total = ds.facts.len() + ds.entities.len();
    let (prints, before) = (built::Prints::of(ds), built::Built::load(out.dir, out.stamp));
    let m = Maker { ds, langs, dir: out.dir, prints, before };
    let mut cards =
        Cards { keys: Vec::with_capacity(total), record: Vec::with_capacity(total), found_built: Vec::new() };
    for start in (0..ds.facts.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(ds.facts.len());
        let done: Vec<(u64, Made)> = (start..end)
            .into_par_iter()
            .map(|i| {
                let (f, print) = (&ds.facts[i], m.prints.fact(ds, i));
                (print, m.make(&Named::fact(&f.id), print, || card_htmls(ds, f, langs)))
            })
            .collect();
        for (f, (print, made)) in ds.facts[start..end].iter().zip(done) {
            cards.found_built.push(matches!(made, Made::Built(_)));
            cards.put(&m, out, Named::fact(&f.id), print, made)?;
        }
        progress(Step::Cards { done: end, total });
    }
    for start in (0..ds.entities.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(ds.entities.len());
        let done: Vec<Option<(u64, Made)>> = (start..end)
            .into_par_iter()
            .map(|i| {
                ds.facts_about(i).next()?;
                let print = m.prints.entity(i);
                let render = || langs.iter().map(|&l| entity_html(ds, i, l)).collect();
                Some((print, m.make(&Named::entity(&ds.entities[i].id), print, render)))
            })
            .collect();
        for (e, card) in ds.entities[start..end].iter().zip(done) {
            let Some((print, made)) = card else { continue };
            cards.put(&m, out, Named::entity(&e.id), print, made)?;
        }
        progress(Step::Cards { done: ds.facts.len() + end, total });
    }
    Ok(cards)
}

/// The desk's file of every fact ([`desk::fact_json`]), rendered unless the fact's cards were found built (it is
/// made from the same inputs), on every core; each one's length added to the fact's record.
fn write_desk_facts(ds: &DataSet, langs: &[Lang], cards: &mut Cards, out: &mut Out) -> std::io::Result<()> {
    for start in (0..ds.facts.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(ds.facts.len());
        let done: Vec<Option<String>> = (start..end)
            .into_par_iter()
            .map(|i| (!cards.found_built[i]).then(|| desk::fact_json(ds, &ds.facts[i], &cards.keys[i].1, langs)))
            .collect();
        for (i, json) in (start..end).zip(done) {
            let (path, card) = (desk::fact_path(&ds.facts[i].id), &mut cards.record[i].1);
            match json {
                Some(json) => {
                    card.lens.push(json.len() as u64);
                    out.put_owned(path, json.into_bytes())?;
                }
                None => out.keep(path, card.lens.last().copied().unwrap_or_default()),
            }
        }
    }
    Ok(())
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
    // Each fact's words found on every core, a chunk at a time, then indexed in order.
    let words = search::Tokenizer::new(ds);
    let index = search::Index::of(
        ds,
        ds.facts.chunks(CHUNK).flat_map(|c| c.par_iter().map(|f| words.fact(f)).collect::<Vec<_>>()),
    );
    let mut files = shards::build_from(ds, &index, None);
    drop(index);
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
    use factcard_core::card::card_html;
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
        let mut steps = Vec::new();
        let w = write(&ds, &dir, |s| steps.push(s)).unwrap();
        let total = ds.facts.len() + ds.entities.len();
        let cards = steps.iter().filter(|s| matches!(s, Step::Cards { .. })).count();
        assert_eq!(steps[cards - 1..], [Step::Cards { done: total, total }, Step::Index, Step::Desk, Step::Finish]);
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
        let again = write(&ds, &dir, |_| {}).unwrap();
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
        write(&ds, &dir, |_| {}).unwrap();
        let k = ds.facts.iter().position(|f| !f.figures.is_empty()).unwrap();
        let (id, v1) = (ds.facts[k].id.clone(), versions::fact_version(&ds, k));
        let mut ds2 = ds.clone();
        ds2.facts[k].figures[0].text.edit(0, |s| s.push('0'));
        let v2 = versions::fact_version(&ds2, k);
        let w = write(&ds2, &dir, |_| {}).unwrap();
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
            let w = write(&ds2, &dir, |_| {}).unwrap();
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
        write(&ds, &dir, |_| {}).unwrap();
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

    /// Every file below `dir` but factcard's own records (`.factcard/`) and `_headers` (which names the kept files
    /// too), with its bytes.
    fn folder(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
        let mut out = std::collections::BTreeMap::new();
        for p in files::own_files(dir).unwrap() {
            if p != "_headers" {
                out.insert(p.clone(), fs::read(dir.join(&p)).unwrap());
            }
        }
        out
    }

    #[test]
    fn a_publish_over_the_last_renders_what_changed_and_equals_a_full_one() {
        let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
        let (dir, full) = (
            std::env::temp_dir().join(format!("factcard-site-inc-{}", std::process::id())),
            std::env::temp_dir().join(format!("factcard-site-full-{}", std::process::id())),
        );
        let _ = fs::remove_dir_all(&dir);
        let first = write(&ds, &dir, |_| {}).unwrap();
        assert_eq!(first.rendered, cards_of(&ds));
        let again = write(&ds, &dir, |_| {}).unwrap();
        assert_eq!((again.rendered, again.unchanged, again.files), (0, first.files, first.files));
        // Edits one after the other, each published over the last and, for comparison, into an empty folder.
        let mut ds = ds;
        let k = ds.facts.iter().position(|f| f.id == "liangjiang-expo-signed-projects").unwrap();
        let lj = ds.entity_index("liangjiang").unwrap() as u32;
        type Edit = fn(&mut DataSet, usize, u32);
        let edits: [(&str, Edit); 8] = [
            ("a figure", |ds, k, _| ds.facts[k].figures[0].change ^= true),
            ("a title", |ds, k, _| ds.facts[k].title.edit(0, |s| s.push_str(" (corrected)"))),
            ("a date", |ds, k, _| ds.facts[k].date = "2019-01-01".into()),
            ("an entity dropped", |ds, k, lj| ds.facts[k].entities.retain(|&e| e != lj)),
            ("a fact added", |ds, k, lj| {
                let mut f = ds.facts[k].clone();
                (f.id, f.entities) = ("a-new-fact".into(), vec![lj]);
                ds.facts.push(f);
            }),
            ("a fact removed", |ds, _, _| ds.facts.retain(|f| f.id != "liangjiang-expo-signed-investment")),
            ("an entity renamed", |ds, _, lj| {
                ds.entities[lj as usize].name.edit(0, |s| *s = "Liangjiang New District".into())
            }),
            ("nothing", |_, _, _| {}),
        ];
        for (what, edit) in edits {
            edit(&mut ds, k, lj);
            ds.facts.sort_by(|a, b| a.id.cmp(&b.id));
            ds.link();
            let _ = fs::remove_dir_all(&full);
            let w = write(&ds, &dir, |_| {}).unwrap();
            let all = write(&ds, &full, |_| {}).unwrap();
            let (now, want) = (folder(&dir), folder(&full));
            for (path, bytes) in &want {
                assert!(now.get(path) == Some(bytes), "{what}: {path} differs from a full build's");
            }
            match what {
                "an entity renamed" => assert_eq!(w.rendered, all.rendered, "{what}: every card names entities"),
                "nothing" => assert_eq!(w.rendered, 0, "{what}"),
                // No other card shows a fact's figures: its own card alone.
                "a figure" => assert_eq!(w.rendered, 1, "{what}"),
                _ => assert!(
                    w.rendered > 0 && w.rendered < all.rendered / 2,
                    "{what}: {} of {}",
                    w.rendered,
                    all.rendered
                ),
            }
        }
        // A record that is not whole means a full build, as right as any.
        let record = dir.join(built::FILE);
        let text = fs::read_to_string(&record).unwrap();
        fs::write(&record, &text[..text.len() - 30]).unwrap();
        assert_eq!(write(&ds, &dir, |_| {}).unwrap().rendered, cards_of(&ds));
        fs::remove_dir_all(&dir).ok();
        fs::remove_dir_all(&full).ok();
    }

    /// How many cards `ds` has: its facts, and its entities with facts.
    fn cards_of(ds: &DataSet) -> usize {
        ds.facts.len() + (0..ds.entities.len()).filter(|&i| ds.facts_about(i).next().is_some()).count()
    }
}
