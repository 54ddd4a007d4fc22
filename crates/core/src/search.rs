//! Full-text search over a data set: a small inverted index ranked with BM25.
//!
//! Each fact is one document made of weighted fields: title, statements in every language of the set, the names and aliases
//! of its entities (so the machine-translation variant "Yangjiang" finds Liangjiang), its topics, figure labels
//! and the years it refers to. Words are normalized the same way on both sides ([`tokens`]): lowercased, accents
//! folded, British spellings mapped to American, light English stemming; Chinese is indexed as overlapping
//! character bigrams. A query word that is not in the index is tried as a prefix (the word being typed) and then
//! with typos (one edit from four letters, two from eight). A fact must match two thirds of the query's words,
//! so a query about something the data set does not hold returns nothing rather than noise.
//!
//! The index is built on the first search, not at page load (cards never pay for it): about 3 ms natively for
//! the default set (see BENCHMARKS.md).
//!
//! ```
//! use factcard_core::search::{Filter, Index};
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! let index = Index::new(&ds);
//! let hits = index.search(&ds, "Yangjiang New Area trucks", &Filter::default(), 3);
//! assert_eq!(ds.facts[hits[0].0].id, "hongyan-truck-exports-2020");
//! assert!(index.search(&ds, "banana prices in Paris", &Filter::default(), 3).is_empty());
//! ```

use crate::model::{DataSet, Fact, Text};
use crate::sort::sort_by;
use crate::text::{fold, is_cjk, is_word, lower};

/// Words too common to search by, sorted (looked up by binary search; a test keeps the order).
const STOP: &[&str] = &[
    "a", "about", "after", "all", "an", "and", "any", "are", "as", "at", "be", "been", "by", "can", "did", "do",
    "does", "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "many", "much",
    "of", "on", "or", "so", "than", "that", "the", "their", "them", "there", "these", "they", "this", "those", "to",
    "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will", "with", "you",
];

/// German words too common to search by, sorted; umlauts and ß as the German analyzer folds them.
const STOP_DE: &[&str] = &[
    "aber", "alle", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den", "der", "des",
    "die", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "fuer", "gab", "gibt", "haben",
    "hat", "hatte", "im", "in", "ist", "kann", "mit", "nach", "nicht", "noch", "oder", "sich", "sie", "sind", "so",
    "ueber", "um", "und", "unter", "viel", "viele", "vom", "von", "vor", "war", "was", "welche", "welcher", "werden",
    "wie", "wieviel", "wird", "wo", "wurde", "wurden", "zu", "zum", "zur",
];

/// Field weights: a word in a title or an entity name says more than one in a statement.
const W_TITLE: f32 = 3.0;
const W_ENTITY: f32 = 2.0;
const W_TOPIC: f32 = 1.5;
const W_TEXT: f32 = 1.0;

/// BM25's term-frequency saturation; the sharded index ([`crate::shards`]) quantizes weights by it.
pub const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Longest query the search reads, in bytes, and most words it uses; the rest is ignored.
const MAX_QUERY_BYTES: usize = 512;
const MAX_QUERY_WORDS: usize = 24;

/// British spellings to American, so that either finds both: `fibre` → `fiber`, `organise` → `organize`.
fn american(w: &str) -> Option<String> {
    const WORDS: &[(&str, &str)] = &[
        ("aluminium", "aluminum"),
        ("programme", "program"),
        ("tyre", "tire"),
        ("grey", "gray"),
        ("colour", "color"),
        ("favour", "favor"),
        ("labour", "labor"),
        ("harbour", "harbor"),
        ("neighbour", "neighbor"),
        ("honour", "honor"),
        ("behaviour", "behavior"),
        ("defence", "defense"),
        ("licence", "license"),
        ("catalogue", "catalog"),
        ("analyse", "analyze"),
    ];
    if let Some(&(_, us)) = WORDS.iter().find(|(uk, _)| *uk == w) {
        return Some(us.to_string());
    }
    let n = w.len();
    for (uk, us) in [
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ise", "ize"),
        ("elling", "eling"),
        ("elled", "eled"),
    ] {
        if n > uk.len() + 2 && w.ends_with(uk) {
            return Some([&w[..n - uk.len()], us].concat());
        }
    }
    for (uk, us) in [("tre", "ter"), ("bre", "ber"), ("tres", "ters"), ("bres", "bers")] {
        if n >= uk.len() + 2 && w.ends_with(uk) {
            return Some([&w[..n - uk.len()], us].concat());
        }
    }
    None
}

/// A light English stemmer: plurals and `-ing`/`-ed`/`-e` endings, so that `exported`, `exports` and `export`
/// meet, as do `manufacturing` and `manufacture`. Applied to index and query alike.
pub fn stem(w: &str) -> String {
    let mut s = w.to_string();
    stem_in_place(&mut s);
    s
}

fn stem_in_place(s: &mut String) {
    if s.starts_with(|c: char| c.is_ascii_digit()) || !s.bytes().all(|b| b.is_ascii()) {
        return;
    }
    let orig = s.len();
    let n = orig;
    if n > 4 && s.ends_with("ies") {
        s.truncate(n - 3);
        s.push('y');
    } else if n > 4 && (s.ends_with("sses") || s.ends_with("xes") || s.ends_with("ches") || s.ends_with("shes")) {
        s.truncate(n - 2);
    } else if n > 3 && s.ends_with("s") && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.truncate(n - 1);
    }
    let n = s.len();
    if n > 5 && s.ends_with("ing") {
        s.truncate(n - 3);
    } else if n > 4 && s.ends_with("ed") {
        s.truncate(n - 2);
    }
    // A doubled final consonant left by -ing/-ed ("planned", "shipping").
    let b = s.as_bytes();
    let n = b.len();
    if n > 4 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') && orig > n {
        s.truncate(n - 1);
    }
    if s.len() > 4 && s.ends_with("e") {
        s.truncate(s.len() - 1);
    }
}

/// How the words of one language are normalized. Splitting is the same for all (Chinese, Japanese and Korean runs
/// become bigrams); what differs is the Latin words: English ones are stemmed and made American, German ones fold
/// umlauts and ß as German readers type them without (ä → ae, ß → ss), others only lose their accents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Analyzer {
    English,
    German,
    Plain,
}

impl Analyzer {
    /// The analyzer for a language tag.
    pub fn of(tag: &str) -> Analyzer {
        match tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase().as_str() {
            "en" => Analyzer::English,
            "de" => Analyzer::German,
            _ => Analyzer::Plain,
        }
    }

    /// The analyzers of a data set's languages, each once.
    pub fn of_set(langs: &[String]) -> Vec<Analyzer> {
        let mut out: Vec<Analyzer> = Vec::new();
        for a in langs.iter().map(|l| Analyzer::of(l)) {
            if !out.contains(&a) {
                out.push(a);
            }
        }
        if out.is_empty() {
            out.push(Analyzer::English);
        }
        out
    }

    /// A lowercase word (accents kept) as this language's search term, or `None` for a word too common to search
    /// by (English ones in every language, and German ones in German).
    fn normalize(self, word: &str) -> Option<String> {
        let folded: String = word.chars().map(fold).collect();
        if STOP.binary_search(&folded.as_str()).is_ok() {
            return None;
        }
        let w = self.forms(word);
        (self != Analyzer::German || STOP_DE.binary_search(&w.as_str()).is_err()).then_some(w)
    }

    fn forms(self, word: &str) -> String {
        match self {
            Analyzer::English => {
                let folded: String = word.chars().map(fold).collect();
                // Spelling before and after stemming: "fibres" → "fibers" → "fiber".
                let mut w = american(&folded).unwrap_or(folded);
                stem_in_place(&mut w);
                american(&w).unwrap_or(w)
            }
            Analyzer::German => {
                let mut w = String::with_capacity(word.len() + 2);
                for c in word.chars() {
                    match c {
                        'ä' => w.push_str("ae"),
                        'ö' => w.push_str("oe"),
                        'ü' => w.push_str("ue"),
                        'ß' => w.push_str("ss"),
                        c => w.push(fold(c)),
                    }
                }
                w
            }
            Analyzer::Plain => word.chars().map(fold).collect(),
        }
    }
}

/// A piece of text as search sees it before normalization: a word (lowercase, accents kept) or a bigram of
/// Chinese, Japanese or Korean characters.
enum Piece {
    Word(String),
    Cjk(String),
}

/// Splits text into words and bigrams; English stop words are dropped (in every language: "the", "of").
/// Numbers keep their decimal point and lose their thousands commas (`1,500` → `1500`).
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_cjk(c) {
            flush_word(&mut word, &mut out);
            cjk.push(c);
        } else if is_word(c) {
            flush_cjk(&mut cjk, &mut out);
            word.push(lower(c));
        } else if (c == '.' || c == ',')
            && !word.is_empty()
            && word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && chars.peek().is_some_and(|n| n.is_ascii_digit())
        {
            if c == '.' {
                word.push('.');
            }
        } else {
            flush_word(&mut word, &mut out);
            flush_cjk(&mut cjk, &mut out);
        }
    }
    flush_word(&mut word, &mut out);
    flush_cjk(&mut cjk, &mut out);
    out
}

fn flush_word(word: &mut String, out: &mut Vec<Piece>) {
    if !word.is_empty() {
        out.push(Piece::Word(core::mem::take(word)));
    }
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

/// A run of Chinese, Japanese or Korean characters as bigrams. Japanese runs are cut where hiragana meets kanji or
/// katakana, and hiragana of one or two characters between them (the particles の, は, から…) are dropped: they
/// would make bigrams such as 港の that no question shares with its answer.
fn flush_cjk(run: &mut Vec<char>, out: &mut Vec<Piece>) {
    let mut start = 0;
    for i in 1..=run.len() {
        if i == run.len() || is_hiragana(run[i]) != is_hiragana(run[i - 1]) {
            let part = &run[start..i];
            if !(is_hiragana(part[0]) && part.len() <= 2 && run.len() > part.len()) {
                bigrams(part, out);
            }
            start = i;
        }
    }
    run.clear();
}

fn bigrams(part: &[char], out: &mut Vec<Piece>) {
    if part.len() == 1 {
        out.push(Piece::Cjk(part[0].to_string()));
    }
    for pair in part.windows(2) {
        out.push(Piece::Cjk(pair.iter().collect()));
    }
}

/// Splits text in one language into search terms (see [`Analyzer`]).
pub fn analyze(text: &str, a: Analyzer) -> Vec<String> {
    pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Word(w) => a.normalize(&w),
            Piece::Cjk(b) => Some(b),
        })
        .collect()
}

/// Splits English text into search terms: Latin words are lowercased, folded, made American and stemmed; stop
/// words are dropped. Runs of Chinese, Japanese or Korean characters become bigrams (a lone one stays a unigram).
///
/// ```
/// use factcard_core::search::tokens;
/// assert_eq!(tokens("The Fibres of 1,500 exported trucks"), ["fiber", "1500", "export", "truck"]);
/// assert_eq!(tokens("两江新区"), ["两江", "江新", "新区"]);
/// ```
pub fn tokens(text: &str) -> Vec<String> {
    analyze(text, Analyzer::English)
}

/// The largest char boundary of `s` at or below `max` bytes.
pub(crate) fn floor_boundary(s: &str, max: usize) -> usize {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The distinct words of a query, in order, at most [`MAX_QUERY_WORDS`] of the first [`MAX_QUERY_BYTES`] bytes,
/// each with its forms in the set's languages (`analyzers`): "exports" is `export` to English and `exports` to
/// others. A word repeated does not count twice (so it cannot carry a query past the two-thirds rule).
pub fn query_words(query: &str, analyzers: &[Analyzer]) -> Vec<Vec<String>> {
    let mut words: Vec<Vec<String>> = Vec::new();
    for p in pieces(&query[..floor_boundary(query, MAX_QUERY_BYTES)]) {
        let forms = match p {
            Piece::Word(w) => {
                // A word too common to search by in any of the set's languages is left out. (A loop, not a
                // `collect` into `Option`: 900 bytes less wasm.)
                let mut distinct: Vec<String> = Vec::new();
                let mut common = false;
                for a in analyzers {
                    match a.normalize(&w) {
                        Some(f) if !distinct.contains(&f) => distinct.push(f),
                        Some(_) => {}
                        None => common = true,
                    }
                }
                if common {
                    continue;
                }
                distinct
            }
            Piece::Cjk(b) => vec![b],
        };
        if !words.contains(&forms) {
            words.push(forms);
        }
    }
    words.truncate(MAX_QUERY_WORDS);
    words
}

/// How many typos a word of this many characters may carry.
fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Edit distance with adjacent transpositions (optimal string alignment), or `None` once it exceeds `max`.
fn edits_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut rows = vec![0usize; 3 * w];
    for (j, cell) in rows[..w].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur * w] = i;
        let mut best = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev * w + j] + 1).min(rows[cur * w + j - 1] + 1).min(rows[prev * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2 * w + j - 2] + 1);
            }
            rows[cur * w + j] = v;
            best = best.min(v);
        }
        if best > max {
            return None;
        }
    }
    let d = rows[(a.len() % 3) * w + b.len()];
    (d <= max).then_some(d)
}

/// Restricts a search to facts about an entity (or anything inside it), with a topic, from a source, or of
/// years (`(first, last)`: facts whose date or period covers one of them). A reader's query becomes one with
/// [`crate::query::Query::filter`].
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub entity: Option<usize>,
    pub topic: Option<usize>,
    pub source: Option<usize>,
    pub years: Option<(u16, u16)>,
}

impl Filter {
    /// Whether fact `i` passes.
    pub fn accepts(&self, ds: &DataSet, i: usize) -> bool {
        let f = &ds.facts[i];
        self.source.is_none_or(|s| f.source as usize == s)
            && self.topic.is_none_or(|t| f.topics.iter().any(|&x| x as usize == t))
            && self.entity.is_none_or(|e| f.entities.iter().any(|&x| ds.entity_within(x as usize, e)))
            && self.years.is_none_or(|(a, b)| {
                let r = f.years();
                !r.is_empty() && *r.start() <= b && a <= *r.end()
            })
    }

    pub fn is_empty(&self) -> bool {
        self.entity.is_none() && self.topic.is_none() && self.source.is_none() && self.years.is_none()
    }
}

/// The terms of a text in every language it was given in, each analyzed as its language is (`by_lang`: the
/// analyzer of each language of the set).
fn text_tokens(t: &Text, by_lang: &[Analyzer]) -> Vec<String> {
    t.given().flat_map(|(i, s)| analyze(s, by_lang.get(i).copied().unwrap_or(Analyzer::English))).collect()
}

/// The terms of a name in no particular language (an alias): its forms in each of the set's languages.
fn any_lang_tokens(s: &str, analyzers: &[Analyzer]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in analyzers {
        for t in analyze(s, *a) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// Sorted search terms, as query expansion sees them: the in-memory [`Index`], or the terms a sharded search has
/// loaded ([`crate::shards::ShardedSearch`]).
pub(crate) trait Vocabulary {
    fn count(&self) -> usize;
    fn term(&self, i: usize) -> &str;
}

impl Vocabulary for [String] {
    fn count(&self) -> usize {
        self.len()
    }
    fn term(&self, i: usize) -> &str {
        &self[i]
    }
}

impl Vocabulary for Index {
    fn count(&self) -> usize {
        self.terms.len()
    }
    fn term(&self, i: usize) -> &str {
        &self.terms[i].0
    }
}

fn exact(v: &(impl Vocabulary + ?Sized), t: &str) -> Option<usize> {
    let (mut lo, mut hi) = (0, v.count());
    while lo < hi {
        let mid = (lo + hi) / 2;
        match v.term(mid).cmp(t) {
            core::cmp::Ordering::Less => lo = mid + 1,
            core::cmp::Ordering::Greater => hi = mid,
            core::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

/// Indexes of terms that start with `p`, at most `max` of them.
fn prefixed(v: &(impl Vocabulary + ?Sized), p: &str, max: usize) -> std::ops::Range<usize> {
    let (mut lo, mut hi) = (0, v.count());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if v.term(mid) < p {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let n = (lo..v.count()).take(max).take_while(|&i| v.term(i).starts_with(p)).count();
    lo..lo + n
}

/// Indexes of terms within the typo allowance of `w`, closest first, at most `max`.
fn fuzzy(v: &(impl Vocabulary + ?Sized), w: &str, max: usize) -> Vec<(usize, usize)> {
    let q: Vec<char> = w.chars().collect();
    let k = max_edits(q.len());
    if k == 0 {
        return Vec::new();
    }
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut buf: Vec<char> = Vec::new();
    for i in 0..v.count() {
        let t = v.term(i);
        // Cheap filters first: the length, and the first letter or the second (most typos keep one of them).
        // A typo allowance needs a long enough word on both sides: "pric" is not "PRC".
        if t.len() < 4
            || t.len().abs_diff(w.len()) > k
            || t.as_bytes()[0] != w.as_bytes()[0] && t.as_bytes().get(1) != w.as_bytes().get(1)
        {
            continue;
        }
        buf.clear();
        buf.extend(t.chars());
        if let Some(d) = edits_within(&q, &buf, k) {
            found.push((d, i));
        }
    }
    sort_by(&mut found, |a, b| a.cmp(b));
    found.truncate(max);
    found.into_iter().map(|(d, i)| (i, d)).collect()
}

/// The terms a query word stands for, with their weights: the exact term of any of its forms; else, for the word
/// being typed, their completions; else near misses. The in-memory and the sharded search share it.
pub(crate) fn expansions(v: &(impl Vocabulary + ?Sized), forms: &[String], typing: bool) -> Vec<(usize, f32)> {
    let mut out: Vec<(usize, f32)> = Vec::new();
    let add = |t: usize, w: f32, out: &mut Vec<(usize, f32)>| match out.iter_mut().find(|x| x.0 == t) {
        Some(x) => x.1 = x.1.max(w),
        None => out.push((t, w)),
    };
    for w in forms {
        if let Some(t) = exact(v, w) {
            add(t, 1.0, &mut out);
        }
        let lone_cjk = crate::text::chars(w) == 1 && w.chars().all(is_cjk);
        if (typing && crate::text::chars(w) >= 2) || lone_cjk {
            for t in prefixed(v, w, 24).filter(|&t| v.term(t) != w) {
                add(t, 0.7, &mut out);
            }
        }
    }
    // A word that matches nothing may be cut short anywhere in the query ("Landstr Altona").
    if out.is_empty() {
        for w in forms.iter().filter(|w| crate::text::chars(w) >= 5 && !w.starts_with(|c: char| c.is_ascii_digit())) {
            for t in prefixed(v, w, 8) {
                add(t, 0.5, &mut out);
            }
        }
    }
    if out.is_empty() {
        for w in
            forms.iter().filter(|w| w.bytes().all(|b| b.is_ascii()) && !w.starts_with(|c: char| c.is_ascii_digit()))
        {
            for (t, d) in fuzzy(v, w, 6) {
                add(t, if d == 1 { 0.6 } else { 0.4 }, &mut out);
            }
        }
    }
    out
}

/// Whether the last word of a query is still being typed (no space or punctuation after it), so that it is read as
/// a prefix too.
pub(crate) fn typing(query: &str) -> bool {
    query[..floor_boundary(query, MAX_QUERY_BYTES)].chars().last().is_some_and(is_word)
}

/// One posting: a fact and the weighted count of the term in it.
#[derive(Clone, Copy, Debug)]
struct Posting {
    fact: u32,
    tf: f32,
}

/// The inverted index of one data set.
pub struct Index {
    /// Sorted by term, for binary and prefix search.
    terms: Vec<(String, Vec<Posting>)>,
    /// Weighted length of each fact's document.
    lens: Vec<f32>,
    avg_len: f32,
    /// The analyzers of the set's languages, each once: a query word is looked up in each one's form.
    analyzers: Vec<Analyzer>,
}

/// The postings of every term as the index is built, fact by fact (facts in order): in the wasm, every (term, fact)
/// pair sorted at the end (the smallest code); natively, each term's postings gathered as they come, its text kept
/// once (`factcard site` indexes a million facts: a pair and a string for every word of every fact took gigabytes).
/// Both give the same index: the weights are small binary fractions, summed exactly in any order.
#[derive(Default)]
struct Terms {
    #[cfg(target_arch = "wasm32")]
    pairs: Vec<(String, u32, f32)>,
    #[cfg(not(target_arch = "wasm32"))]
    ids: std::collections::HashMap<String, u32>,
    #[cfg(not(target_arch = "wasm32"))]
    postings: Vec<Vec<Posting>>,
}

/// Adds `w` to the weight of `term` in `fact`, the last fact given or a later one.
fn add_posting(posts: &mut Vec<Posting>, fact: u32, w: f32) {
    match posts.last_mut() {
        Some(p) if p.fact == fact => p.tf += w,
        _ => posts.push(Posting { fact, tf: w }),
    }
}

#[cfg(target_arch = "wasm32")]
impl Terms {
    fn add(&mut self, term: String, fact: u32, w: f32) {
        self.pairs.push((term, fact, w));
    }

    /// Every term in order, with its postings in fact order.
    fn sorted(mut self) -> Vec<(String, Vec<Posting>)> {
        self.pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut terms: Vec<(String, Vec<Posting>)> = Vec::new();
        for (t, fact, w) in self.pairs {
            match terms.last_mut() {
                Some((last, posts)) if *last == t => add_posting(posts, fact, w),
                _ => terms.push((t, vec![Posting { fact, tf: w }])),
            }
        }
        terms
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Terms {
    fn add(&mut self, term: String, fact: u32, w: f32) {
        let n = self.postings.len() as u32;
        let id = *self.ids.entry(term).or_insert(n);
        if id == n {
            self.postings.push(Vec::new());
        }
        add_posting(&mut self.postings[id as usize], fact, w);
    }

    /// Every term in order, with its postings in fact order.
    fn sorted(self) -> Vec<(String, Vec<Posting>)> {
        let mut postings: Vec<Option<Vec<Posting>>> = self.postings.into_iter().map(Some).collect();
        let mut terms: Vec<(String, u32)> = self.ids.into_iter().collect();
        terms.sort_unstable();
        terms.into_iter().map(|(t, id)| (t, postings[id as usize].take().unwrap_or_default())).collect()
    }
}

/// What the index reads of a fact: its words, each list with its weight, as [`Tokenizer::fact`] finds them.
pub type FactWords = Vec<(Vec<String>, f32)>;

/// Splits a set's facts into the words the index holds (the languages' analyzers, and the words of every entity
/// and topic, which many facts share, found once).
pub struct Tokenizer {
    by_lang: Vec<Analyzer>,
    entity_tokens: Vec<Vec<String>>,
    topic_tokens: Vec<Vec<String>>,
}

impl Tokenizer {
    pub fn new(ds: &DataSet) -> Tokenizer {
        let by_lang: Vec<Analyzer> = ds.langs.iter().map(|l| Analyzer::of(l)).collect();
        let analyzers = Analyzer::of_set(&ds.langs);
        let entity_tokens: Vec<Vec<String>> = ds
            .entities
            .iter()
            .map(|e| {
                let mut t = text_tokens(&e.name, &by_lang);
                for a in &e.aliases {
                    t.extend(any_lang_tokens(a, &analyzers));
                }
                t
            })
            .collect();
        let topic_tokens: Vec<Vec<String>> = ds.topics.iter().map(|t| text_tokens(&t.name, &by_lang)).collect();
        Tokenizer { by_lang, entity_tokens, topic_tokens }
    }

    /// The words of fact `f`: its title, statement, years, entities, topics and figure labels, each weighted.
    pub fn fact(&self, f: &Fact) -> FactWords {
        let mut out =
            vec![(text_tokens(&f.title, &self.by_lang), W_TITLE), (text_tokens(&f.statement, &self.by_lang), W_TEXT)];
        // The years it refers to: "Liangjiang investment 2021".
        for part in f.date.split('/') {
            out.push((tokens(part.get(..4).unwrap_or("")), W_TEXT));
        }
        for &e in &f.entities {
            out.push((self.entity_tokens[e as usize].clone(), W_ENTITY));
        }
        for &t in &f.topics {
            out.push((self.topic_tokens[t as usize].clone(), W_TOPIC));
        }
        for g in &f.figures {
            out.push((text_tokens(&g.label, &self.by_lang), W_TEXT));
        }
        out
    }
}

impl Index {
    /// Indexes every fact of `ds`.
    pub fn new(ds: &DataSet) -> Index {
        let t = Tokenizer::new(ds);
        Index::of(ds, ds.facts.iter().map(|f| t.fact(f)))
    }

    /// Indexes `ds` from the words of each of its facts, in order ([`Tokenizer::fact`]: natively, `factcard site`
    /// finds them on every core).
    pub fn of(ds: &DataSet, words: impl Iterator<Item = FactWords>) -> Index {
        let mut terms = Terms::default();
        let mut lens = vec![0f32; ds.facts.len()];
        for (i, fact) in words.enumerate() {
            for (ts, w) in fact {
                lens[i] += w * ts.len() as f32;
                for t in ts {
                    terms.add(t, i as u32, w);
                }
            }
        }
        let terms = terms.sorted();
        let avg_len = if lens.is_empty() { 1.0 } else { lens.iter().sum::<f32>() / lens.len() as f32 };
        Index { terms, lens, avg_len: avg_len.max(1.0), analyzers: Analyzer::of_set(&ds.langs) }
    }

    /// How many postings (term, fact pairs) the index holds.
    pub fn postings(&self) -> usize {
        self.terms.iter().map(|(_, p)| p.len()).sum()
    }

    /// Calls `f` with every term, in order, and its postings: `(fact, BM25 term-frequency factor)`, the part of
    /// a term's score that does not depend on the rest of the data set. The sharded index stores these.
    pub fn for_each_term(&self, mut f: impl FnMut(&str, &[(u32, f32)])) {
        let mut buf = Vec::new();
        for (t, posts) in &self.terms {
            buf.clear();
            buf.extend(posts.iter().map(|p| {
                let len = self.lens[p.fact as usize];
                (p.fact, p.tf * (K1 + 1.0) / (p.tf + K1 * (1.0 - B + B * len / self.avg_len)))
            }));
            f(t, &buf);
        }
    }

    /// Facts matching `query` that pass `filter`, best first, at most `limit`: `(fact index, score)`.
    ///
    /// With a filter and a blank query, every fact that passes is returned, in id order.
    pub fn search(&self, ds: &DataSet, query: &str, filter: &Filter, limit: usize) -> Vec<(usize, f32)> {
        let words = query_words(query, &self.analyzers);
        if words.is_empty() {
            if filter.is_empty() {
                return Vec::new();
            }
            return (0..ds.facts.len()).filter(|&i| filter.accepts(ds, i)).take(limit).map(|i| (i, 0.0)).collect();
        }
        let typing = typing(query);
        let n = self.lens.len() as f32;
        let mut scores = vec![0f32; ds.facts.len()];
        let mut matched = vec![0u32; ds.facts.len()];
        let mut best = vec![0f32; ds.facts.len()];
        let mut touched: Vec<u32> = Vec::new();
        let last = words.len() - 1;
        for (wi, forms) in words.iter().enumerate() {
            let expansions = expansions(self, forms, wi == last && typing);
            // A word counts once per fact, by its best expansion: `best` holds this word's score per fact, and
            // `touched` the facts it reached, so the cost follows the postings, not the size of the data set.
            for (t, boost) in expansions {
                let posts = &self.terms[t].1;
                let df = posts.len() as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for p in posts {
                    let f = p.fact as usize;
                    let len = self.lens[f];
                    let s = boost * idf * p.tf * (K1 + 1.0) / (p.tf + K1 * (1.0 - B + B * len / self.avg_len));
                    if best[f] == 0.0 {
                        touched.push(p.fact);
                    }
                    best[f] = best[f].max(s);
                }
            }
            for f in touched.drain(..) {
                let f = f as usize;
                scores[f] += best[f];
                matched[f] += 1;
                best[f] = 0.0;
            }
        }
        // A fact must match two thirds of the words (both of two, two of three): fewer is noise.
        let need = (words.len() * 2).div_ceil(3) as u32;
        let mut hits: Vec<(usize, f32)> = (0..scores.len())
            .filter(|&i| matched[i] >= need && scores[i] > 0.0 && filter.accepts(ds, i))
            // Facts that match every word come first.
            .map(|i| (i, scores[i] * if matched[i] as usize == words.len() { 1.5 } else { 1.0 }))
            .collect();
        sort_by(&mut hits, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_stem_and_bigram() {
        assert_eq!(tokens("How many Laptops are made in Chéngdu?"), ["laptop", "made", "chengdu"]);
        assert_eq!(tokens("重庆两江新区"), ["重庆", "庆两", "两江", "江新", "新区"]);
        assert_eq!(tokens("渝 companies"), ["渝", "company"]);
        assert_eq!(tokens("46.3 billion, 66%. 2,200"), ["46.3", "billion", "66", "2200"]);
        assert!(tokens("  \u{0}\u{202E}!! the of and 😀 ，。《》“” ").is_empty());
        assert_eq!(tokens("ÉCOLE Ünïcode ΑΘΗΝΑ МОСКВА Łódź"), ["ecol", "unicod", "αθηνα", "москва", "łodz"]);
    }

    #[test]
    fn each_language_keeps_its_own_words() {
        // German: no English stemming, umlauts and ß as readers type them without, German stop words out.
        assert_eq!(analyze("Die Größe der Häfen wächst", Analyzer::German), ["groesse", "haefen", "waechst"]);
        assert_eq!(analyze("Straße", Analyzer::German), analyze("Strasse", Analyzer::German));
        // French keeps its words whole and loses its accents.
        assert_eq!(analyze("Électricité exportée", Analyzer::Plain), ["electricite", "exportee"]);
        // English is stemmed.
        assert_eq!(analyze("exported containers", Analyzer::English), ["export", "container"]);
        // A query is looked up in the form of each language of the set.
        assert_eq!(query_words("exports", &[Analyzer::English, Analyzer::German]), [["export", "exports"]]);
        assert!(query_words("wie viele", &[Analyzer::German]).is_empty());
    }

    #[test]
    fn japanese_and_korean_are_bigrams_without_particles() {
        // The particle の between kanji is dropped, so 横浜港の取扱量 and 横浜港 取扱量 meet.
        assert_eq!(tokens("横浜港の取扱量"), ["横浜", "浜港", "取扱", "扱量"]);
        assert_eq!(tokens("横浜港の取扱量"), tokens("横浜港 取扱量"));
        // Katakana words and longer hiragana stay.
        assert_eq!(tokens("ハンブルク"), ["ハン", "ンブ", "ブル", "ルク"]);
        assert_eq!(tokens("のぞみ"), ["のぞ", "ぞみ"]);
        // Korean syllables too.
        assert_eq!(tokens("함부르크 항구"), ["함부", "부르", "르크", "항구"]);
    }

    #[test]
    fn stems_meet() {
        for (a, b) in [
            ("glasses", "glass"),
            ("vehicles", "vehicle"),
            ("cities", "city"),
            ("exported", "export"),
            ("exports", "export"),
            ("manufacturing", "manufacture"),
            ("planned", "plan"),
            ("shipping", "ship"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("2021"), "2021");
    }

    #[test]
    fn british_and_american_spellings_meet() {
        for (uk, us) in [
            ("fibre", "fiber"),
            ("organisation", "organization"),
            ("centre", "center"),
            ("refuelling", "refueling"),
            ("aluminium", "aluminum"),
            ("programme", "program"),
        ] {
            assert_eq!(tokens(uk), tokens(us), "{uk} / {us}");
        }
    }

    #[test]
    fn edit_distance_is_bounded() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edits_within(&c("chongquing"), &c("chongqing"), 2), Some(1));
        assert_eq!(edits_within(&c("laptp"), &c("laptop"), 1), Some(1));
        assert_eq!(edits_within(&c("laptps"), &c("laptop"), 1), None);
        assert_eq!(edits_within(&c("laptps"), &c("laptop"), 2), Some(2));
        assert_eq!(edits_within(&c("liangjaing"), &c("liangjiang"), 2), Some(1));
        assert_eq!(edits_within(&c("abc"), &c("xyz"), 1), None);
        assert_eq!(edits_within(&c(""), &c("ab"), 2), Some(2));
    }

    #[test]
    fn typo_allowance_grows_with_length() {
        assert_eq!(max_edits(3), 0);
        assert_eq!(max_edits(5), 1);
        assert_eq!(max_edits(9), 2);
    }

    #[test]
    fn the_stop_words_stay_sorted_for_binary_search() {
        assert!(STOP_DE.windows(2).all(|w| w[0] < w[1]), "STOP_DE must be sorted and without repeats");
        assert!(STOP.windows(2).all(|w| w[0] < w[1]), "STOP must be sorted and without repeats");
        for w in STOP {
            assert!(STOP.binary_search(w).is_ok(), "{w}");
        }
    }
}
