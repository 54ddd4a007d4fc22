//! Search for data sets too large to download whole: the inverted index split into shards by term, loaded on
//! demand, as client-side search tools for static sites do.
//!
//! `factcard site` writes `search/` beside the card fragments:
//! - `meta.json`: `{"version":1,"whole":W,"languages":[…],"docs":N,"shards":S,"vocab":V,"idsPerFile":1000}`, where `whole` says
//!   that the folder holds the whole set as a bundle too (`facts.facts`), which pages then use instead;
//! - `tN.idx`: the terms whose hash falls in shard N, each with its postings (document number and a
//!   precomputed BM25 term weight, quantized to a byte);
//! - `vN.voc`: the terms (no postings) whose first character falls in vocabulary part N, for prefixes and typos;
//! - `idsN.txt`: the fact ids of documents `N*1000 …`, one a line, so results become cards (`en/ID.html`).
//!
//! A query loads only the shards of its own words: [`ShardedSearch::shards_for`] names them, the page fetches
//! them, [`ShardedSearch::load`] adds each, and [`ShardedSearch::search`] ranks. A word that is being typed, or
//! that no loaded shard holds, may be a prefix or carry a typo: [`ShardedSearch::vocab_for`] names the one
//! vocabulary part of its first character, [`ShardedSearch::load_vocab`] adds it, and `shards_for` then also
//! names the shards of its completions and near misses (at most 24 and 6 terms). What a typo costs is so bounded:
//! one vocabulary part per word (about 4,000 terms) and a few shards; the price is that a typo in a word's first
//! letter is not found, as it is in the in-memory index. Words are normalized exactly as in
//! [`crate::search::Index`], and expanded by the same code ([`crate::search::expansions`]).
//!
//! ```
//! use factcard_core::shards::{build, ShardedSearch};
//! let ds = factcard_compile::compile_dir(factcard_compile::SEEDS.as_ref()).unwrap();
//! let (files, _) = build(&ds, Some(4));
//! let mut s = ShardedSearch::new(ds.facts.len() as u32, 4, &ds.langs, files.vocab.len() as u32);
//! let q = "Liangjiang investmnt"; // a typo
//! for n in s.shards_for(q, &[]) {
//!     s.load(n, &files.shards[n as usize]).unwrap();
//! }
//! for n in s.vocab_for(q) {
//!     s.load_vocab(n, &files.vocab[n as usize]).unwrap();
//! }
//! for n in s.shards_for(q, &[]) {
//!     s.load(n, &files.shards[n as usize]).unwrap();
//! }
//! assert!(!s.search(q, 3, &[]).is_empty());
//! ```

use crate::bundle::checksum;
use crate::model::DataSet;
use crate::search::{expansions, query_words, typing, Analyzer, Index, K1};
use crate::varint::{self, VarintError};

const MAGIC: &[u8; 4] = b"FCS1";
const VOCAB_MAGIC: &[u8; 4] = b"FCV1";

/// The vocabulary part of a term: by its first character, so that a word's completions and near misses (which
/// keep its first letter) are all in one part.
pub fn vocab_part(term: &str, parts: u32) -> u32 {
    let first = term.chars().next().map_or(0, |c| c as u32);
    checksum(&first.to_le_bytes()) % parts.max(1)
}

/// The term under which a sharded index lists the documents that pass a filter: `kind` is `e` (an entity id: facts
/// about it or anything within it), `t` (a topic id) or `s` (a source id). Its first character, U+0001, is one
/// no query word has, so filters never mix with words.
pub fn filter_term(kind: &str, id: &str) -> String {
    ["\u{1}", kind, ":", id].concat()
}

/// The filter terms of a set, each with its documents in order.
fn filter_terms(ds: &DataSet) -> Vec<(String, Vec<u32>)> {
    let mut out = Vec::new();
    for (i, e) in ds.entities.iter().enumerate() {
        let docs: Vec<u32> = ds.facts_about(i).map(|(d, _)| d as u32).collect();
        if !docs.is_empty() {
            out.push((filter_term("e", &e.id), docs));
        }
    }
    // Topics and sources in one pass over the facts (documents come in order).
    let mut topics: Vec<Vec<u32>> = vec![Vec::new(); ds.topics.len()];
    let mut sources: Vec<Vec<u32>> = vec![Vec::new(); ds.sources.len()];
    for (d, f) in ds.facts.iter().enumerate() {
        for &t in &f.topics {
            topics[t as usize].push(d as u32);
        }
        sources[f.source as usize].push(d as u32);
    }
    out.extend(ds.topics.iter().zip(topics).map(|(t, docs)| (filter_term("t", &t.id), docs)));
    out.extend(ds.sources.iter().zip(sources).map(|(s, docs)| (filter_term("s", &s.id), docs)));
    out.retain(|(_, docs): &(String, Vec<u32>)| !docs.is_empty());
    out
}

/// A vocabulary part count that keeps parts near 4,000 terms.
pub fn vocab_count(terms: usize) -> u32 {
    (terms / 4000).clamp(1, 256) as u32
}

/// The shard a term lives in.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    checksum(term.as_bytes()) % shards.max(1)
}

/// The files of a sharded index, in memory.
pub struct Files {
    /// `tN.idx` contents, by N.
    pub shards: Vec<Vec<u8>>,
    /// `vN.voc` contents, by N.
    pub vocab: Vec<Vec<u8>>,
    /// `idsN.txt` contents, by N.
    pub ids: Vec<String>,
}

/// How many fact ids one `idsN.txt` file lists.
pub const IDS_PER_FILE: usize = 1000;

/// A shard count that keeps shards near 20,000 postings (about 40 KB).
pub fn shard_count(index: &Index) -> u32 {
    (index.postings() / 20_000).clamp(1, 4096) as u32
}

/// Builds the sharded index of `ds` with `shards` shards (none: a count from [`shard_count`]); returns it with
/// the count used.
pub fn build(ds: &DataSet, shards: Option<u32>) -> (Files, u32) {
    let index = Index::new(ds);
    let shards = shards.unwrap_or_else(|| shard_count(&index));
    let mut per: Vec<Vec<u8>> = vec![Vec::new(); shards.max(1) as usize];
    let mut counts = vec![0u64; per.len()];
    let mut all_terms: Vec<String> = Vec::new();
    let mut put = |term: &str, postings: &mut dyn Iterator<Item = (u32, u8)>, len: usize| {
        let n = shard_of(term, shards) as usize;
        let out = &mut per[n];
        counts[n] += 1;
        varint::put(out, term.len() as u64);
        out.extend_from_slice(term.as_bytes());
        varint::put(out, len as u64);
        let mut last = 0u32;
        for (doc, w) in postings {
            varint::put(out, u64::from(doc - last));
            last = doc;
            out.push(w);
        }
    };
    index.for_each_term(|term, postings| {
        all_terms.push(term.to_string());
        // The BM25 term-frequency factor, 0..=K1+1, in 255 steps (never 0: the term is there).
        let byte = |w: f32| ((w / (K1 + 1.0)) * 255.0).round().clamp(1.0, 255.0) as u8;
        put(term, &mut postings.iter().map(|&(d, w)| (d, byte(w))), postings.len());
    });
    for (term, docs) in filter_terms(ds) {
        put(&term, &mut docs.iter().map(|&d| (d, 1)), docs.len());
    }
    let shards_n = shards;
    let shards = per.into_iter().zip(counts).map(|(body, count)| with_header(MAGIC, count, &body)).collect();
    let ids = ds.facts.chunks(IDS_PER_FILE).map(|c| c.iter().map(|f| [&f.id, "\n"].concat()).collect()).collect();
    (Files { shards, vocab: vocab_files(&all_terms), ids }, shards_n)
}

/// The vocabulary parts of `terms` (sorted): each the terms of its first characters, with a header as shards have.
fn vocab_files(terms: &[String]) -> Vec<Vec<u8>> {
    let parts = vocab_count(terms.len());
    let mut bodies: Vec<(u64, Vec<u8>)> = vec![(0, Vec::new()); parts as usize];
    for t in terms {
        let (count, body) = &mut bodies[vocab_part(t, parts) as usize];
        *count += 1;
        varint::put(body, t.len() as u64);
        body.extend_from_slice(t.as_bytes());
    }
    bodies.into_iter().map(|(count, body)| with_header(VOCAB_MAGIC, count, &body)).collect()
}

/// A file of `count` records: magic, checksum of the body, the count, the body.
fn with_header(magic: &[u8; 4], count: u64, body: &[u8]) -> Vec<u8> {
    let mut f = magic.to_vec();
    f.extend_from_slice(&checksum(body).to_le_bytes());
    varint::put(&mut f, count);
    f.extend_from_slice(body);
    f
}

/// `meta.json` for a sharded index; `whole` says whether the folder also holds the whole set (`facts.facts`),
/// which the page then opens instead.
pub fn meta_json(ds: &DataSet, shards: u32, vocab: usize, whole: bool) -> String {
    let docs = ds.facts.len();
    let mut out = String::from("{\"version\":1,\"whole\":");
    out.push_str(if whole { "true" } else { "false" });
    out.push_str(",\"languages\":");
    crate::json::array(&mut out, ds.langs.iter(), |o, l| crate::json::string_into(o, l));
    out.push_str(",\"docs\":");
    out.push_str(&crate::number::uint(docs as u64));
    out.push_str(",\"shards\":");
    out.push_str(&crate::number::uint(shards.into()));
    out.push_str(",\"vocab\":");
    out.push_str(&crate::number::uint(vocab as u64));
    out.push_str(",\"idsPerFile\":");
    out.push_str(&crate::number::uint(IDS_PER_FILE as u64));
    out.push('}');
    out
}

/// Why a shard could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct ShardError(pub &'static str);

/// The search side: shards loaded so far, and queries over them.
pub struct ShardedSearch {
    docs: u32,
    shards: u32,
    loaded: Vec<bool>,
    /// Terms of the loaded shards, kept sorted for binary search (a `BTreeMap` would cost the wasm 8 KB).
    terms: Vec<(String, Vec<(u32, u8)>)>,
    /// Per-document score and matched-word count, reused by every query (cost follows the postings).
    scores: Vec<f32>,
    matched: Vec<u8>,
    touched: Vec<u32>,
    /// This word's best score per document, and the documents it reached (a word counts once per document).
    best: Vec<f32>,
    reached: Vec<u32>,
    /// The analyzers of the set's languages: a query word is looked up in each one's form.
    analyzers: Vec<Analyzer>,
    /// Vocabulary parts loaded so far, and every term known so far (of loaded parts and shards), sorted.
    vocab_loaded: Vec<bool>,
    known: Vec<String>,
}

impl ShardedSearch {
    /// The search over `docs` documents in `shards` shards and `vocab` vocabulary parts of a set in languages
    /// `langs` (BCP 47 tags, as `meta.json` lists them).
    pub fn new(docs: u32, shards: u32, langs: &[String], vocab: u32) -> Self {
        ShardedSearch {
            analyzers: Analyzer::of_set(langs),
            vocab_loaded: vec![false; vocab as usize],
            known: Vec::new(),
            best: Vec::new(),
            reached: Vec::new(),
            docs,
            shards: shards.max(1),
            loaded: vec![false; shards.max(1) as usize],
            terms: Vec::new(),
            scores: Vec::new(),
            matched: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// The shards a query needs that are not loaded yet: those of its words and filters ([`filter_term`]), and of
    /// the words' completions and near misses among the vocabulary loaded so far.
    pub fn shards_for(&self, query: &str, filters: &[String]) -> Vec<u32> {
        let words = query_words(query, &self.analyzers);
        let typing = typing(query);
        let mut need: Vec<u32> = words.iter().flatten().chain(filters).map(|w| shard_of(w, self.shards)).collect();
        for (wi, forms) in words.iter().enumerate() {
            for (t, _) in expansions(&self.known[..], forms, typing && wi + 1 == words.len()) {
                need.push(shard_of(&self.known[t], self.shards));
            }
        }
        crate::sort::sort_by(&mut need, |a, b| a.cmp(b));
        need.dedup();
        need.retain(|&n| !self.loaded[n as usize]);
        need
    }

    /// The vocabulary parts a query needs that are not loaded yet: one for each word that is being typed, or that
    /// no loaded shard holds (after [`ShardedSearch::shards_for`]'s shards are loaded).
    pub fn vocab_for(&self, query: &str) -> Vec<u32> {
        let parts = self.vocab_loaded.len() as u32;
        if parts == 0 {
            return Vec::new();
        }
        let words = query_words(query, &self.analyzers);
        let typing = typing(query);
        let mut need = Vec::new();
        for (wi, forms) in words.iter().enumerate() {
            let held = forms.iter().any(|w| self.term(w).is_some());
            if !held || (typing && wi + 1 == words.len()) {
                need.extend(forms.iter().map(|w| vocab_part(w, parts)));
            }
        }
        crate::sort::sort_by(&mut need, |a, b| a.cmp(b));
        need.dedup();
        need.retain(|&n| !self.vocab_loaded[n as usize]);
        need
    }

    /// Adds vocabulary part `n` from its file's bytes, checking it.
    pub fn load_vocab(&mut self, n: u32, bytes: &[u8]) -> Result<(), ShardError> {
        let slot = self.vocab_loaded.get(n as usize).copied().ok_or(ShardError("no such vocabulary part"))?;
        if slot {
            return Ok(());
        }
        let errors = ["not a factcard vocabulary part", "the vocabulary part is corrupt (checksum mismatch)"];
        let (mut r, count) = open(bytes, VOCAB_MAGIC, errors)?;
        let mut terms = Vec::new();
        for _ in 0..count {
            terms.push(r.term()?);
        }
        if r.at != r.b.len() {
            return Err(ShardError("trailing bytes in a vocabulary part"));
        }
        self.know(terms);
        self.vocab_loaded[n as usize] = true;
        Ok(())
    }

    /// Adds terms to those known (words only, not filters), kept sorted and distinct.
    fn know(&mut self, terms: Vec<String>) {
        self.known.extend(terms.into_iter().filter(|t| !t.starts_with('\u{1}')));
        crate::sort::sort_by(&mut self.known, |a, b| a.cmp(b));
        self.known.dedup();
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
        self.know(terms.iter().map(|t: &(String, Vec<(u32, u8)>)| t.0.clone()).collect());
        self.terms.extend(terms);
        crate::sort::sort_by(&mut self.terms, |a, b| a.0.cmp(&b.0));
        self.loaded[n as usize] = true;
        Ok(())
    }

    /// Document numbers matching `query` that pass every filter ([`filter_term`]), best first, at most `limit`.
    /// Words whose shard is not loaded count as absent. As in [`Index::search`], a document must match two thirds
    /// of the words; with filters and no words, every document that passes them is returned, in order.
    pub fn search(&mut self, query: &str, limit: usize, filters: &[String]) -> Vec<u32> {
        let words = query_words(query, &self.analyzers);
        if limit == 0 || (words.is_empty() && filters.is_empty()) {
            return Vec::new();
        }
        // The documents that pass every filter, in order (a filter whose shard is not loaded passes nothing).
        let allowed: Option<Vec<u32>> = filters.iter().fold(None, |acc, f| {
            let docs = self.term(f).unwrap_or(&[]).iter().map(|&(d, _)| d);
            Some(match acc {
                None => docs.collect(),
                Some(a) => docs.filter(|d| a.binary_search(d).is_ok()).collect(),
            })
        });
        let pass = |doc: u32| allowed.as_ref().is_none_or(|a| a.binary_search(&doc).is_ok());
        if words.is_empty() {
            return allowed.unwrap_or_default().into_iter().take(limit).collect();
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
        best.into_iter().map(|(d, _)| d).collect()
    }
}

impl ShardedSearch {
    /// Adds one query word's score to each document it reaches: by its best expansion, once per document.
    fn score_word(&mut self, forms: &[String], typing: bool, n: f32) {
        for (t, boost) in expansions(&self.known[..], forms, typing) {
            // The field, not `self.term()`: the scores below are borrowed mutably alongside.
            let Ok(i) = self.terms.binary_search_by(|(k, _)| k.as_str().cmp(&self.known[t])) else { continue };
            let posts = &self.terms[i].1;
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
