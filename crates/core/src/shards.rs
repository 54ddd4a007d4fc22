//! Search for data sets of any size: the inverted index split into shards by ranges of terms, loaded on demand,
//! as client-side search tools for static sites do. Every search box searches this way, the default set's too.
//!
//! `factcard site` writes `search/` beside the card fragments:
//! - `meta.json`: `{"version":4,"whole":W,"languages":[…],"docs":N,"bounds":[…],"suggest":[…],"idsPerFile":250,
//!   "files":{"t":[…],"s":[…],"ids":[…]}}` (`factcard site` names each file by its content: `files` holds the hash of
//!   file N at index N, and meta itself is `meta.HHHHHHHH.json`, named by `set.json`),
//!   where `whole` says that the folder also holds the whole set as a bundle (`facts.facts`, for the JS API),
//!   `bounds` is the first term of each shard but the first, and `suggest` the same for the completion parts;
//! - `tN.idx`: the terms from bound N-1 up to bound N, in order, each with its postings (document number and a
//!   precomputed BM25 term weight, quantized to a byte); the filter terms ([`filter_term`]) sort first: every
//!   entity, topic and source by id (even with no facts, so that an unknown one is told from one without facts)
//!   and by each folded name, and every year (version 3; version 2 had ids alone, and names were looked up in JS);
//! - `sN.txt`: what a search box may complete to ([`crate::suggest::candidates`]), by ranges of keys;
//! - `idsN.txt`: the fact ids of documents `N*250 …`, one a line, so that results become cards (`factcard site`
//!   adds each fact's version after a space: `ID VVVVVVVV`, the card being `en/ID.VVVVVVVV.html`).
//!
//! A query loads only the shards of its own words: [`ShardedSearch::shards_for`] names them, the page fetches
//! them, [`ShardedSearch::load`] adds each, and [`ShardedSearch::search`] ranks. Since shards hold ranges of
//! terms, a word's completions and near misses lie in its own shard, beside it: what a prefix or a typo costs is
//! so bounded to the shard of each of the word's forms (and, for the word being typed, up to two more when its
//! completions run on past the shard's end). The price is that a typo in a word's first letter is found only
//! when the right word sorts into the same shard. Words are normalized exactly as in [`crate::search::Index`], and
//! expanded by the same code ([`crate::search::expansions`]).
//!
//! ```
//! use factcard_core::query::Query;
//! use factcard_core::shards::{build, meta_json, ShardedSearch};
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! let files = build(&ds, Some(2048));
//! let mut s = ShardedSearch::from_meta(&meta_json(&ds, &files, true)).unwrap();
//! let q = Query::parse("q=Liangjiang investmnt\nentity=Chongqing").unwrap(); // a typo, a name
//! for n in s.shards_for(&q) {
//!     s.load(n, &files.shards[n as usize]).unwrap();
//! }
//! assert!(!s.search(&q).unwrap().is_empty());
//! ```

use crate::bundle::checksum;
use crate::model::DataSet;
use crate::names::{folded, Named};
use crate::query::{unknown, Query, QueryError};
use crate::search::{expansions, query_words, typing, Analyzer, Index, Vocabulary, K1};
use crate::suggest::{Kind, Suggestion};
use crate::varint::{self, VarintError};

const MAGIC: &[u8; 4] = b"FCS2";

/// The term under which a sharded index lists the documents that pass a filter: `kind` is `e` (an entity: facts
/// about it or anything within it), `t` (a topic), `s` (a source), each by id or by folded name
/// ([`crate::names::folded`]), or `y` (a year its date covers). Its first character, U+0001, is one no query word
/// has, so filters never mix with words.
pub fn filter_term(kind: &str, id: &str) -> String {
    ["\u{1}", kind, ":", id].concat()
}

/// The filter terms of a set, each with its documents in order. Every entity, topic and source has its id's term,
/// even with no documents (so that a query tells an unknown one from one without facts), and a term for each of
/// its folded names that [`crate::names::find`] resolves to it.
fn filter_terms(ds: &DataSet) -> Vec<(String, Vec<u32>)> {
    // Topics, sources and years in one pass over the facts (documents come in order).
    let mut topics: Vec<Vec<u32>> = vec![Vec::new(); ds.topics.len()];
    let mut sources: Vec<Vec<u32>> = vec![Vec::new(); ds.sources.len()];
    let mut years: Vec<(u16, Vec<u32>)> = Vec::new();
    for (d, f) in ds.facts.iter().enumerate() {
        for &t in &f.topics {
            topics[t as usize].push(d as u32);
        }
        sources[f.source as usize].push(d as u32);
        for y in f.years() {
            match years.iter_mut().find(|(k, _)| *k == y) {
                Some((_, docs)) => docs.push(d as u32),
                None => years.push((y, vec![d as u32])),
            }
        }
    }
    let entities = (0..ds.entities.len()).map(|i| ds.facts_about(i).map(|(d, _)| d as u32).collect()).collect();
    let mut out = Vec::new();
    for (kind, docs) in Named::ALL.into_iter().zip([entities, topics, sources]) {
        let docs: Vec<Vec<u32>> = docs;
        out.extend(docs.iter().enumerate().map(|(i, d)| (filter_term(kind.code(), kind.id(ds, i)), d.clone())));
        out.extend(folded(ds, kind).into_iter().map(|(k, i)| (filter_term(kind.code(), &k), docs[i].clone())));
    }
    out.extend(years.into_iter().map(|(y, docs)| (filter_term("y", &crate::number::uint(y.into())), docs)));
    out
}

/// The files of a sharded index, in memory.
pub struct Files {
    /// `tN.idx` contents, by N.
    pub shards: Vec<Vec<u8>>,
    /// The first term of each shard but the first.
    pub bounds: Vec<String>,
    /// `sN.txt` contents, by N.
    pub suggest: Vec<String>,
    /// The first key of each completion part but the first.
    pub suggest_bounds: Vec<String>,
    /// `idsN.txt` contents, by N.
    pub ids: Vec<String>,
}

/// How many fact ids one `idsN.txt` file lists: five results usually need five files, so they are small.
pub const IDS_PER_FILE: usize = 250;

/// Splits records (sorted by key) into parts of about `target` bytes; returns each part's body and record count,
/// with the bound of each part but the first: the shortest start of its first key that sorts after the last key
/// before it. Records of one key stay in one part.
fn ranges(records: &[(String, Vec<u8>)], target: usize) -> (Vec<(u64, Vec<u8>)>, Vec<String>) {
    let mut parts: Vec<(u64, Vec<u8>)> = vec![(0, Vec::new())];
    let mut bounds = Vec::new();
    for (i, (key, bytes)) in records.iter().enumerate() {
        let full = parts.last().is_some_and(|p| p.1.len() >= target);
        if full && i > 0 && records[i - 1].0 != *key {
            parts.push((0, Vec::new()));
            let shared = key.chars().zip(records[i - 1].0.chars()).take_while(|(a, b)| a == b).count();
            bounds.push(key.chars().take(shared + 1).collect());
        }
        if let Some(p) = parts.last_mut() {
            p.0 += 1;
            p.1.extend_from_slice(bytes);
        }
    }
    (parts, bounds)
}

/// The part of `bounds` (see [`ranges`]) that a key sorts into.
pub fn part_of(bounds: &[String], key: &str) -> u32 {
    bounds.partition_point(|b| b.as_str() <= key) as u32
}

/// The parts that hold keys starting with `prefix`: its own, and up to `more` after it while their first key
/// still starts with it.
fn parts_for_prefix(bounds: &[String], prefix: &str, more: usize) -> core::ops::RangeInclusive<u32> {
    let first = part_of(bounds, prefix);
    let next = bounds[first as usize..].iter().take(more).take_while(move |b| b.starts_with(prefix)).count() as u32;
    first..=first + next
}

/// A part size for `total` bytes of records: small parts for small sets (a search box fetches little: shards of
/// 1 KB keep the demo's box, typed key by key, under 38 KB; 2 KB took a Chinese query to 40), larger ones for
/// large sets, so that `meta.json`'s bounds stay few (at most about `most`).
fn part_size(total: usize, least: usize, most: usize) -> usize {
    least.max(total / most)
}

/// Builds the sharded index of `ds`, with shards of about `target` bytes (none: a size from the set's).
pub fn build(ds: &DataSet, target: Option<usize>) -> Files {
    build_from(ds, &Index::new(ds), target)
}

/// [`build`], from the index of `ds` built already.
pub fn build_from(ds: &DataSet, index: &Index, target: Option<usize>) -> Files {
    let mut records: Vec<(String, Vec<u8>)> = Vec::new();
    let record = |term: &str, postings: &mut dyn Iterator<Item = (u32, u8)>, len: usize| {
        let mut out = Vec::with_capacity(term.len() + 2 + 3 * len);
        varint::put(&mut out, term.len() as u64);
        out.extend_from_slice(term.as_bytes());
        varint::put(&mut out, len as u64);
        let mut last = 0u32;
        for (doc, w) in postings {
            varint::put(&mut out, u64::from(doc - last));
            last = doc;
            out.push(w);
        }
        (term.to_string(), out)
    };
    // Filter terms sort first (U+0001), then the words, in order.
    let mut filters = filter_terms(ds);
    crate::sort::sort_by(&mut filters, |a, b| a.0.cmp(&b.0));
    for (term, docs) in &filters {
        records.push(record(term, &mut docs.iter().map(|&d| (d, 1)), docs.len()));
    }
    index.for_each_term(|term, postings| {
        // The BM25 term-frequency factor, 0..=K1+1, in 255 steps (never 0: the term is there).
        let byte = |w: f32| ((w / (K1 + 1.0)) * 255.0).round().clamp(1.0, 255.0) as u8;
        records.push(record(term, &mut postings.iter().map(|&(d, w)| (d, byte(w))), postings.len()));
    });
    let total = records.iter().map(|r| r.1.len()).sum();
    let (parts, bounds) = ranges(&records, target.unwrap_or_else(|| part_size(total, 1024, 512)));
    let shards = parts.into_iter().map(|(count, body)| with_header(MAGIC, count, &body)).collect();
    let (suggest, suggest_bounds) = suggestion_parts(ds, target);
    let ids = ds.facts.chunks(IDS_PER_FILE).map(|c| c.iter().map(|f| [&f.id, "\n"].concat()).collect()).collect();
    Files { shards, bounds, suggest, suggest_bounds, ids }
}

/// The completion parts: a line `KEY\tRANK\tKIND\tLANG\tID\tTEXT` for each key a candidate is found by, sorted
/// by key. Entities and topics are found by each of their words (the key runs from that word to the end), fact
/// titles by their start; RANK is 0 for a match at the start, 1 for one at a later word, one more for an alias.
fn suggestion_parts(ds: &DataSet, target: Option<usize>) -> (Vec<String>, Vec<String>) {
    let mut lines: Vec<(String, Vec<u8>)> = Vec::new();
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for c in crate::suggest::candidates(ds) {
        let key = crate::text::key(c.matched);
        let cjk = key.chars().next().is_some_and(|ch| !ch.is_ascii());
        let mut starts: Vec<usize> = vec![0];
        if c.kind != Kind::Fact {
            // Every word (every character of a Chinese name) starts a key.
            let each = key.char_indices().filter(|&(i, ch)| i > 0 && (cjk && ch != ' ' || key[..i].ends_with(' ')));
            starts.extend(each.map(|(i, _)| i));
        }
        for at in starts {
            let rank = u8::from(at > 0) + u8::from(c.alias);
            let line = [
                &key[at..],
                "\t",
                &crate::number::uint(rank.into()),
                "\t",
                c.kind.code(),
                "\t",
                &crate::number::uint(c.lang as u64),
                "\t",
                c.id,
                "\t",
                &clean(c.text),
                "\n",
            ]
            .concat();
            lines.push((key[at..].to_string(), line.into_bytes()));
        }
    }
    crate::sort::sort_by(&mut lines, |a, b| a.cmp(b));
    lines.dedup();
    let total = lines.iter().map(|l| l.1.len()).sum();
    let (parts, bounds) = ranges(&lines, target.unwrap_or_else(|| part_size(total, 4096, 1024)));
    (parts.into_iter().map(|(_, body)| String::from_utf8(body).unwrap_or_default()).collect(), bounds)
}

/// A file of `count` records: magic, checksum of the body, the count, the body.
fn with_header(magic: &[u8; 4], count: u64, body: &[u8]) -> Vec<u8> {
    let mut f = magic.to_vec();
    f.extend_from_slice(&checksum(body).to_le_bytes());
    varint::put(&mut f, count);
    f.extend_from_slice(body);
    f
}

/// `meta.json` for a sharded index; `whole` says whether the folder also holds the whole set (`facts.facts`).
pub fn meta_json(ds: &DataSet, files: &Files, whole: bool) -> String {
    let strings =
        |out: &mut String, v: &[String]| crate::json::array(out, v.iter(), |o, s| crate::json::string_into(o, s));
    let mut out = String::from("{\"version\":4,\"whole\":");
    out.push_str(if whole { "true" } else { "false" });
    out.push_str(",\"languages\":");
    strings(&mut out, &ds.langs);
    out.push_str(",\"docs\":");
    out.push_str(&crate::number::uint(ds.facts.len() as u64));
    out.push_str(",\"bounds\":");
    strings(&mut out, &files.bounds);
    out.push_str(",\"suggest\":");
    strings(&mut out, &files.suggest_bounds);
    out.push_str(",\"idsPerFile\":");
    out.push_str(&crate::number::uint(IDS_PER_FILE as u64));
    // Format 2: each file is named by its content (`tN.HHHHHHHH.idx`), the hash of file N at index N.
    let hashes = |out: &mut String, v: &mut dyn Iterator<Item = &[u8]>| {
        crate::json::array(out, v, |o, b| crate::json::string_into(o, &format!("{:08x}", crate::bundle::checksum(b))))
    };
    out.push_str(",\"files\":{\"t\":");
    hashes(&mut out, &mut files.shards.iter().map(Vec::as_slice));
    out.push_str(",\"s\":");
    hashes(&mut out, &mut files.suggest.iter().map(String::as_bytes));
    out.push_str(",\"ids\":");
    hashes(&mut out, &mut files.ids.iter().map(String::as_bytes));
    out.push_str("}}");
    out
}

/// Why a shard could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct ShardError(pub &'static str);

/// A loaded term and its postings.
type Term = (String, Vec<(u32, u8)>);

impl Vocabulary for [Term] {
    fn count(&self) -> usize {
        self.len()
    }
    fn term(&self, i: usize) -> &str {
        &self[i].0
    }
}

/// The search side: shards loaded so far, and queries over them; and the completions of a search box.
pub struct ShardedSearch {
    docs: u32,
    bounds: Vec<String>,
    loaded: Vec<bool>,
    /// Terms of the loaded shards, kept sorted for binary search (a `BTreeMap` would cost the wasm 8 KB).
    terms: Vec<Term>,
    /// Per-document score and matched-word count, reused by every query (cost follows the postings).
    scores: Vec<f32>,
    matched: Vec<u8>,
    touched: Vec<u32>,
    /// This word's best score per document, and the documents it reached (a word counts once per document).
    best: Vec<f32>,
    reached: Vec<u32>,
    /// The analyzers of the set's languages: a query word is looked up in each one's form.
    analyzers: Vec<Analyzer>,
    langs: Vec<String>,
    /// The completion parts: their bounds, which are loaded, and the lines of those (sorted by key).
    suggest_bounds: Vec<String>,
    suggest_loaded: Vec<bool>,
    lines: Vec<Line>,
}

/// A completion line: key, rank, kind, language index, id, text.
type Line = (String, u8, Kind, usize, String, String);

impl ShardedSearch {
    /// The search over `docs` documents of a set in languages `langs` (BCP 47 tags), with the shard and completion
    /// part bounds of its `meta.json`.
    pub fn new(docs: u32, langs: &[String], bounds: Vec<String>, suggest_bounds: Vec<String>) -> Self {
        ShardedSearch {
            analyzers: Analyzer::of_set(langs),
            langs: langs.to_vec(),
            best: Vec::new(),
            reached: Vec::new(),
            docs,
            loaded: vec![false; bounds.len() + 1],
            bounds,
            terms: Vec::new(),
            scores: Vec::new(),
            matched: Vec::new(),
            touched: Vec::new(),
            suggest_loaded: vec![false; suggest_bounds.len() + 1],
            suggest_bounds,
            lines: Vec::new(),
        }
    }

    /// The search of the index whose `meta.json` (see [`meta_json`]) this is, for native readers (the tests, tools).
    /// A page reads `meta.json` itself and hands the search module its lists (`js/sources.js`), which keeps this
    /// JSON reader out of the wasm.
    pub fn from_meta(meta: &str) -> Result<Self, ShardError> {
        use crate::json::{field, strings};
        let bad = ShardError("search/meta.json is not a factcard index's (run factcard site again)");
        let list = |k| field(meta, k).and_then(strings);
        let docs = field(meta, "docs")
            .and_then(|v| v.trim_ascii_start().split(|c: char| !c.is_ascii_digit()).next()?.parse().ok());
        match (docs, list("bounds"), list("suggest")) {
            (Some(docs), Some(bounds), Some(suggest)) => {
                Ok(ShardedSearch::new(docs, &list("languages").unwrap_or_default(), bounds, suggest))
            }
            _ => Err(bad),
        }
    }

    /// The shards of a word's forms: each one's own, and for the word being typed those its completions run on to.
    fn shards_of(&self, forms: &[String], typing: bool, each: &mut dyn FnMut(u32)) {
        for w in forms {
            for n in parts_for_prefix(&self.bounds, w, if typing { 2 } else { 0 }) {
                each(n);
            }
        }
    }

    /// The shards a query needs that are not loaded yet: those of its words (with their completions and near
    /// misses, which sort beside them) and of its filters' terms ([`wanted`]).
    pub fn shards_for(&self, q: &Query) -> Vec<u32> {
        let words = query_words(q.text, &self.analyzers);
        let typing = typing(q.text);
        let mut need: Vec<u32> = Vec::new();
        wanted(q, &mut |_, t| need.push(part_of(&self.bounds, t)));
        for (wi, forms) in words.iter().enumerate() {
            self.shards_of(forms, typing && wi + 1 == words.len(), &mut |n| need.push(n));
        }
        sorted_set(&mut need);
        need.retain(|&n| !self.loaded[n as usize]);
        need
    }

    /// The documents that pass a query's filters, in order (`None`: no filter). A name none of whose terms is
    /// loaded is unknown: an error, as in [`Query::filter`].
    fn allowed(&self, q: &Query) -> Result<Option<Vec<u32>>, QueryError> {
        // By filter (as `wanted` numbers them): the documents of its terms the index holds, `None` if it holds none.
        let mut found: [Option<Vec<u32>>; 4] = Default::default();
        wanted(q, &mut |i, t| {
            // A name is the first of its terms the index holds; years are all of theirs.
            if let Some(posts) = self.term(t).filter(|_| i == 3 || found[i].is_none()) {
                found[i].get_or_insert_with(Vec::new).extend(posts.iter().map(|p| p.0));
            }
        });
        let mut allowed: Option<Vec<u32>> = None;
        for (i, docs) in found.into_iter().enumerate() {
            let mut docs = match (docs, q.named.get(i)) {
                (Some(docs), _) => docs,
                (None, Some(None)) => continue,
                (None, Some(Some(v))) => return Err(unknown(Named::ALL[i], v)),
                (None, None) if q.years.is_some() => Vec::new(),
                (None, None) => continue,
            };
            sorted_set(&mut docs);
            allowed = Some(match allowed {
                None => docs,
                Some(a) => docs.into_iter().filter(|d| a.binary_search(d).is_ok()).collect(),
            });
        }
        Ok(allowed)
    }

    /// The postings of a loaded term.
    fn term(&self, t: &str) -> Option<&[(u32, u8)]> {
        let i = self.terms.binary_search_by(|(k, _)| k.as_str().cmp(t)).ok()?;
        Some(&self.terms[i].1)
    }

    /// Adds shard `n` from its file's bytes, checking it.
    pub fn load(&mut self, n: u32, bytes: &[u8]) -> Result<(), ShardError> {
        let slot = self.loaded.get(n as usize).copied().ok_or(ShardError("no such shard"))?;
        if slot {
            return Ok(());
        }
        let errors = ["not a factcard search shard", "the search shard is corrupt (checksum mismatch)"];
        let (mut r, count) = open(bytes, MAGIC, errors)?;
        let mut terms = Vec::new();
        for _ in 0..count {
            let term = r.term()?;
            let df = r.uint()? as usize;
            if df > self.docs as usize {
                return Err(ShardError("a term has more postings than documents"));
            }
            let mut postings = Vec::with_capacity(df);
            let mut doc = 0u64;
            for _ in 0..df {
                doc += r.uint()?;
                let w = *r.bytes(1)?.first().ok_or(ShardError("truncated"))?;
                if doc >= u64::from(self.docs) {
                    return Err(ShardError("a posting points past the last document"));
                }
                postings.push((doc as u32, w));
            }
            terms.push((term, postings));
        }
        if r.at != r.b.len() {
            return Err(ShardError("trailing bytes in a search shard"));
        }
        self.terms.extend(terms);
        crate::sort::sort_by(&mut self.terms, |a, b| a.0.cmp(&b.0));
        self.terms.dedup_by(|a, b| a.0 == b.0);
        self.loaded[n as usize] = true;
        Ok(())
    }

    /// The completion parts a search box's text needs that are not loaded yet.
    pub fn suggest_parts_for(&self, prefix: &str) -> Vec<u32> {
        let p = crate::text::key(prefix.get(..crate::search::floor_boundary(prefix, 200)).unwrap_or(prefix));
        if p.is_empty() {
            return Vec::new();
        }
        parts_for_prefix(&self.suggest_bounds, &p, 2).filter(|&n| !self.suggest_loaded[n as usize]).collect()
    }

    /// Adds completion part `n` from its text; lines that are not well formed are left out.
    pub fn load_suggestions(&mut self, n: u32, text: &str) -> Result<(), ShardError> {
        let slot = self.suggest_loaded.get(n as usize).copied().ok_or(ShardError("no such completion part"))?;
        if slot {
            return Ok(());
        }
        for line in text.split('\n') {
            let f: Vec<&str> = line.splitn(6, '\t').collect();
            let kind = match f.get(2) {
                Some(&"entity") => Kind::Entity,
                Some(&"topic") => Kind::Topic,
                Some(&"fact") => Kind::Fact,
                _ => continue,
            };
            let read = crate::number::read;
            let (Some(rank), Some(lang)) = (read(f[1]).and_then(|r| u8::try_from(r).ok()), read(f[3])) else {
                continue;
            };
            if let (Some(id), Some(text), true) = (f.get(4), f.get(5), lang < self.langs.len()) {
                self.lines.push((f[0].to_string(), rank, kind, lang, id.to_string(), text.to_string()));
            }
        }
        crate::sort::sort_by(&mut self.lines, |a, b| a.0.cmp(&b.0));
        self.suggest_loaded[n as usize] = true;
        Ok(())
    }

    /// Up to `limit` completions of a search box's text among the loaded parts, ranked as
    /// [`crate::suggest::suggest`] ranks them.
    pub fn suggest(&self, prefix: &str, limit: usize) -> Vec<Suggestion> {
        let p = crate::text::key(prefix.get(..crate::search::floor_boundary(prefix, 200)).unwrap_or(prefix));
        if p.is_empty() {
            return Vec::new();
        }
        let from = self.lines.partition_point(|l| l.0.as_str() < p.as_str());
        let mut found: Vec<&Line> = self.lines[from..].iter().take_while(|l| l.0.starts_with(p.as_str())).collect();
        crate::sort::sort_by(&mut found, |a, b| {
            (a.1, a.2, crate::text::chars(&a.5), &a.5).cmp(&(b.1, b.2, crate::text::chars(&b.5), &b.5))
        });
        let mut out: Vec<Suggestion> = Vec::new();
        for l in found {
            if out.len() == limit {
                break;
            }
            if !out.iter().any(|s| s.text == l.5) {
                let lang = self.langs[l.3].clone();
                out.push(Suggestion { text: l.5.clone(), kind: l.2, id: l.4.clone(), lang });
            }
        }
        out
    }

    /// Document numbers matching a query's words that pass its filters, best first, at most its limit. Words whose
    /// shard is not loaded count as absent. As in [`Index::search`], a document must match two thirds of the words;
    /// with filters and no words, every document that passes them is returned, in order.
    pub fn search(&mut self, q: &Query) -> Result<Vec<u32>, QueryError> {
        let (query, limit) = (q.text, q.limit);
        let words = query_words(query, &self.analyzers);
        let allowed = self.allowed(q)?;
        if limit == 0 || (words.is_empty() && allowed.is_none()) {
            return Ok(Vec::new());
        }
        let pass = |doc: u32| allowed.as_ref().is_none_or(|a| a.binary_search(&doc).is_ok());
        if words.is_empty() {
            return Ok(allowed.unwrap_or_default().into_iter().take(limit).collect());
        }
        if self.scores.is_empty() {
            self.scores = vec![0.0; self.docs as usize];
            self.matched = vec![0; self.docs as usize];
        }
        if self.best.is_empty() {
            self.best = vec![0.0; self.docs as usize];
        }
        let n = self.docs as f32;
        let typing = typing(query);
        for (wi, forms) in words.iter().enumerate() {
            self.score_word(forms, typing && wi + 1 == words.len(), n);
        }
        // The best `limit`, kept in order as they come (limit is small: a bounded insertion beats a full sort).
        let need = (words.len() * 2).div_ceil(3);
        let mut best: Vec<(u32, f32)> = Vec::with_capacity(limit + 1);
        for doc in self.touched.drain(..) {
            let d = doc as usize;
            let (score, m) = (self.scores[d], self.matched[d] as usize);
            self.scores[d] = 0.0;
            self.matched[d] = 0;
            if m < need || !pass(doc) {
                continue;
            }
            let s = if m == words.len() { score * 1.5 } else { score };
            if best.len() == limit && best.last().is_some_and(|&(bd, bs)| s < bs || (s == bs && doc > bd)) {
                continue;
            }
            let at = best.partition_point(|&(bd, bs)| bs > s || (bs == s && bd < doc));
            best.insert(at, (doc, s));
            best.truncate(limit);
        }
        Ok(best.into_iter().map(|(d, _)| d).collect())
    }
}

impl ShardedSearch {
    /// The loaded terms a word's expansions are chosen from: those of its own shards, words only (not filters), so
    /// that a query finds the same whatever else was loaded before.
    fn vocabulary(&self, forms: &[String], typing: bool) -> core::ops::Range<usize> {
        let (mut lo, mut hi) = (u32::MAX, 0);
        self.shards_of(forms, typing, &mut |n| (lo, hi) = (lo.min(n), hi.max(n)));
        let at = |b: Option<&String>| b.map_or(self.terms.len(), |b| self.terms.partition_point(|t| t.0 < *b));
        let words = self.terms.partition_point(|t| t.0.as_str() < "\u{2}");
        let from = if lo == 0 { 0 } else { at(self.bounds.get(lo as usize - 1)) };
        from.max(words)..at(self.bounds.get(hi as usize)).max(words)
    }

    /// Adds one query word's score to each document it reaches: by its best expansion, once per document.
    fn score_word(&mut self, forms: &[String], typing: bool, n: f32) {
        let range = self.vocabulary(forms, typing);
        for (t, boost) in expansions(&self.terms[range.clone()], forms, typing) {
            let posts = &self.terms[range.start + t].1;
            let df = posts.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(doc, wt) in posts {
                let d = doc as usize;
                if self.best[d] == 0.0 {
                    self.reached.push(doc);
                }
                self.best[d] = self.best[d].max(boost * idf * f32::from(wt) / 255.0 * (K1 + 1.0));
            }
        }
        for doc in self.reached.drain(..) {
            let d = doc as usize;
            if self.matched[d] == 0 {
                self.touched.push(doc);
            }
            self.scores[d] += self.best[d];
            self.matched[d] = self.matched[d].saturating_add(1);
            self.best[d] = 0.0;
        }
    }
}

/// Numbers in order, each once.
fn sorted_set(v: &mut Vec<u32>) {
    crate::sort::sort_by(v, |a, b| a.cmp(b));
    v.dedup();
}

/// The filter terms a query needs, each with the number of its filter (0, 1, 2: its entity, topic and source; 3:
/// its years): a name's terms in the order they are tried (the value as given if it may be an id other than its
/// folded form; then folded, as [`crate::names::find`] reads it, so that a name costs one shard), and each year's.
fn wanted(q: &Query, each: &mut dyn FnMut(usize, &str)) {
    for (i, kind) in Named::ALL.into_iter().enumerate() {
        if let Some(given) = q.named[i] {
            let folded = crate::names::fold(given);
            if given != folded && given.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                each(i, &filter_term(kind.code(), given));
            }
            each(i, &filter_term(kind.code(), &folded));
        }
    }
    if let Some((a, b)) = q.years {
        for y in a..=b {
            // The year's digits (1 to 9999) written here: `number::uint` costs the search module more.
            let mut t = filter_term("y", "");
            for p in [1000, 100, 10, 1] {
                if y >= p || p == 1 {
                    t.push(char::from(b'0' + (y / p % 10) as u8));
                }
            }
            each(3, &t);
        }
    }
}

/// Opens a file of records (a shard or a vocabulary part): checks its magic and checksum; the reader is placed at
/// the first record, with the count of records.
fn open<'a>(bytes: &'a [u8], magic: &[u8; 4], errors: [&'static str; 2]) -> Result<(Reader<'a>, u64), ShardError> {
    let [not_one, corrupt] = errors;
    if bytes.len() < 8 || &bytes[..4] != magic {
        return Err(ShardError(not_one));
    }
    let sum = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
    let mut r = Reader { b: &bytes[8..], at: 0 };
    let count = r.uint()?;
    if checksum(&r.b[r.at..]) != sum {
        return Err(ShardError(corrupt));
    }
    Ok((r, count))
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn uint(&mut self) -> Result<u64, ShardError> {
        varint::get(self.b, &mut self.at).map_err(|e| match e {
            VarintError::Truncated => ShardError("the search shard is truncated"),
            VarintError::TooLong => ShardError("a number is too long"),
        })
    }
    /// A length-prefixed UTF-8 term.
    fn term(&mut self) -> Result<String, ShardError> {
        let len = self.uint()? as usize;
        let t = core::str::from_utf8(self.bytes(len)?).map_err(|_| ShardError("a term is not UTF-8"))?;
        Ok(t.to_string())
    }
    fn bytes(&mut self, n: usize) -> Result<&[u8], ShardError> {
        let end =
            self.at.checked_add(n).filter(|&e| e <= self.b.len()).ok_or(ShardError("the search shard is truncated"))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
}
