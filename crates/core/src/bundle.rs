//! The binary bundle: a compiled data set as compact bytes.
//!
//! The `factcard build` and `factcard site` commands write it (the default set too, into `pkg/data/facts.facts`),
//! and the widget fetches it at run time: the wasm holds code, not data. Decoding checks everything (header,
//! checksum, every length and index) and never panics, so a corrupt or hostile file gives an error, not a trap.
//!
//! Layout: an 16-byte header — the magic `FCB1`, the format version (u16, little-endian), two reserved bytes,
//! the payload length (u32) and its FNV-1a checksum (u32) — then the payload: the languages (BCP 47 tags, the
//! default first), sources, topics, entities and facts, each a LEB128 count ([`crate::varint`]) followed by
//! records of LEB128 integers and length-prefixed UTF-8 strings; a text is one string per language.
//!
//! ```
//! use factcard_core::{bundle, model::DataSet};
//! let ds = DataSet { langs: vec!["en".into()], ..DataSet::default() };
//! let bytes = bundle::encode(&ds);
//! assert_eq!(bundle::decode(&bytes).unwrap(), ds);
//! assert!(bundle::decode(&bytes[..10]).is_err());
//! ```

use crate::model::{
    Amount, Correction, DataSet, Decimal, Entity, EntityKind, Fact, Figure, Qualifier, Scale, Source, Text, Topic, Unit,
};
use crate::varint::{self, VarintError};

/// The first four bytes of every bundle.
pub const MAGIC: &[u8; 4] = b"FCB1";
/// The format version this code writes and reads. Version 2 holds texts in any number of languages; version 3
/// adds a fact's update date, its corrections and whether it is stale.
pub const VERSION: u16 = 3;
/// The length of the header, in bytes.
pub const HEADER: usize = 16;

/// Why a bundle could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not a factcard bundle at all (an HTML error page, say).
    NotABundle,
    /// A bundle of another format version.
    Version(u16),
    /// Shorter than its header says: a cut-off download.
    Truncated,
    /// The payload does not match its checksum.
    Checksum,
    /// The payload is inconsistent.
    Corrupt(&'static str),
}

impl DecodeError {
    /// A message for people.
    pub fn message(&self) -> String {
        match self {
            DecodeError::NotABundle => "not a factcard bundle (wrong magic bytes)".into(),
            DecodeError::Version(v) => {
                let mut s = String::from("unsupported bundle version ");
                s.push_str(&v.to_string());
                s.push_str(" (this factcard reads version ");
                s.push_str(&VERSION.to_string());
                s.push(')');
                s
            }
            DecodeError::Truncated => "the bundle is truncated".into(),
            DecodeError::Checksum => "the bundle is corrupt (checksum mismatch)".into(),
            DecodeError::Corrupt(what) => {
                let mut s = String::from("the bundle is corrupt: ");
                s.push_str(what);
                s
            }
        }
    }
}

/// FNV-1a, 32 bits: small, and enough to catch a damaged file.
pub fn checksum(bytes: &[u8]) -> u32 {
    fnv(0x811c_9dc5, bytes)
}

/// FNV-1a from `h` on: the checksum of bytes that come in pieces.
fn fnv(h: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(h, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

// ---- Encoding -------------------------------------------------------------------------------------------

/// The payload being written: its bytes go to `sink` some kilobytes at a time, counted and summed on the way.
struct W<'s> {
    buf: Vec<u8>,
    sink: &'s mut dyn FnMut(&[u8]),
    len: usize,
    sum: u32,
}

impl W<'_> {
    /// Hands what is written so far to the sink once it is a few kilobytes, or at the end.
    fn flush(&mut self, end: bool) {
        if self.buf.len() >= 1 << 16 || end {
            self.len += self.buf.len();
            self.sum = fnv(self.sum, &self.buf);
            (self.sink)(&self.buf);
            self.buf.clear();
        }
    }

    fn uint(&mut self, v: u64) {
        varint::put(&mut self.buf, v);
    }
    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
    fn opt(&mut self, s: &Option<String>) {
        match s {
            None => self.uint(0),
            Some(s) => {
                self.uint(s.len() as u64 + 1);
                self.buf.extend_from_slice(s.as_bytes());
            }
        }
    }
    fn idx(&mut self, v: Option<u32>) {
        self.uint(v.map_or(0, |x| u64::from(x) + 1));
    }
    /// A text: one string per language of the set (empty where it was not given).
    fn text(&mut self, t: &Text, langs: usize) {
        for s in t.all().chain(core::iter::repeat("")).take(langs) {
            self.str(s);
        }
    }
    fn opt_text(&mut self, t: &Option<Text>, langs: usize) {
        self.uint(u64::from(t.is_some()));
        if let Some(t) = t {
            self.text(t, langs);
        }
    }
    /// An enum value as its wire code: its place in `all` (pinned by a test).
    fn code<T: PartialEq>(&mut self, all: &[T], v: &T) {
        self.uint(all.iter().position(|x| x == v).unwrap_or(0) as u64);
    }
    fn amount(&mut self, a: &Amount) {
        self.uint(u64::from(a.amount.neg));
        self.uint(a.amount.digits);
        self.uint(u64::from(a.amount.frac));
        self.code(&Scale::ALL, &a.scale);
        self.str(a.unit.code());
    }
    fn source(&mut self, s: &Source, n: usize) {
        self.str(&s.id);
        self.str(&s.publisher);
        self.text(&s.title, n);
        self.str(&s.date);
        self.text(&s.date_text, n);
        self.str(&s.language);
        for v in [&s.author, &s.url, &s.seed, &s.note] {
            self.opt(v);
        }
    }
    fn topic(&mut self, t: &Topic, n: usize) {
        self.str(&t.id);
        self.text(&t.name, n);
    }
    fn entity(&mut self, e: &Entity, n: usize) {
        self.str(&e.id);
        self.text(&e.name, n);
        self.str(e.kind.code());
        self.idx(e.parent);
        self.uint(e.aliases.len() as u64);
        for a in &e.aliases {
            self.str(a);
        }
        self.opt_text(&e.description, n);
    }
    fn fact(&mut self, f: &Fact, n: usize) {
        self.str(&f.id);
        self.text(&f.title, n);
        self.text(&f.statement, n);
        self.str(&f.date);
        self.text(&f.date_text, n);
        self.uint(u64::from(f.source));
        for list in [&f.entities, &f.topics] {
            self.uint(list.len() as u64);
            for &x in list {
                self.uint(u64::from(x));
            }
        }
        self.opt_text(&f.note, n);
        self.uint(f.figures.len() as u64);
        for g in &f.figures {
            self.figure(g, n);
        }
        self.opt(&f.updated);
        self.opt_text(&f.updated_text, n);
        self.uint(f.corrections.len() as u64);
        for c in &f.corrections {
            self.str(&c.date);
            self.text(&c.date_text, n);
            self.text(&c.wrong, n);
            self.text(&c.changed, n);
        }
        self.uint(u64::from(f.stale));
    }
    fn figure(&mut self, g: &Figure, n: usize) {
        self.text(&g.label, n);
        self.amount(&g.value);
        self.code(&Qualifier::ALL, &g.qualifier);
        self.opt(&g.period);
        self.uint(u64::from(g.change));
        match &g.converted {
            None => self.uint(0),
            Some(c) => {
                self.uint(1);
                self.amount(c);
            }
        }
        self.text(&g.text, n);
        self.text(&g.amount_text, n);
        self.opt_text(&g.period_text, n);
    }
}

impl W<'_> {
    /// The start of the payload: the set's languages, sources, topics and entities (all but its facts).
    fn tables(&mut self, ds: &DataSet) {
        let n = ds.langs.len();
        self.uint(n as u64);
        for l in &ds.langs {
            self.str(l);
        }
        self.uint(ds.sources.len() as u64);
        ds.sources.iter().for_each(|x| self.source(x, n));
        self.uint(ds.topics.len() as u64);
        ds.topics.iter().for_each(|x| self.topic(x, n));
        self.uint(ds.entities.len() as u64);
        ds.entities.iter().for_each(|x| self.entity(x, n));
    }
}

/// The bytes `write` gives a payload writer.
fn bytes_of(write: impl FnOnce(&mut W)) -> Vec<u8> {
    let mut out = Vec::new();
    let mut sink = |b: &[u8]| out.extend_from_slice(b);
    let mut w = W { buf: Vec::new(), sink: &mut sink, len: 0, sum: 0x811c_9dc5 };
    write(&mut w);
    w.flush(true);
    drop(w);
    out
}

/// The start of a bundle's payload: the set's languages, sources, topics and entities (all but its facts).
pub fn tables_bytes(ds: &DataSet) -> Vec<u8> {
    bytes_of(|w| w.tables(ds))
}

/// One fact as a bundle holds it (its source, entities and topics as places in the set's tables): every field of
/// it, as the round trip of [`encode`] and [`decode`] shows.
pub fn fact_bytes(ds: &DataSet, f: &Fact) -> Vec<u8> {
    bytes_of(|w| w.fact(f, ds.langs.len()))
}

/// Encodes a data set as a bundle.
pub fn encode(ds: &DataSet) -> Vec<u8> {
    let mut out = vec![0; HEADER];
    let header = encode_parts(ds, &mut |b| out.extend_from_slice(b));
    out[..HEADER].copy_from_slice(&header);
    out
}

/// Encodes a data set as a bundle without holding it in memory: `payload` receives the payload's bytes in order, a
/// few kilobytes at a time, and the header, which comes first in the bundle but depends on the whole payload, is
/// returned. [`encode`] is the header followed by the payload.
pub fn encode_parts(ds: &DataSet, payload: &mut dyn FnMut(&[u8])) -> [u8; HEADER] {
    let mut w = W { buf: Vec::with_capacity(1 << 17), sink: payload, len: 0, sum: 0x811c_9dc5 };
    let n = ds.langs.len();
    w.tables(ds);
    w.uint(ds.facts.len() as u64);
    for x in &ds.facts {
        w.fact(x, n);
        w.flush(false);
    }
    w.flush(true);
    let mut header = [0; HEADER];
    header[..4].copy_from_slice(MAGIC);
    header[4..6].copy_from_slice(&VERSION.to_le_bytes());
    header[8..12].copy_from_slice(&(w.len as u32).to_le_bytes());
    header[12..].copy_from_slice(&w.sum.to_le_bytes());
    header
}

// ---- Decoding -------------------------------------------------------------------------------------------

struct R<'a> {
    b: &'a [u8],
    at: usize,
    /// How many languages the set has: every text has that many strings.
    langs: usize,
}

type Res<T> = Result<T, DecodeError>;

impl<'a> R<'a> {
    fn uint(&mut self) -> Res<u64> {
        varint::get(self.b, &mut self.at).map_err(|e| match e {
            VarintError::Truncated => DecodeError::Corrupt("a number runs past the end"),
            VarintError::TooLong => DecodeError::Corrupt("a number is too long"),
        })
    }
    /// A count of items, each of which takes at least one byte: bounded by what is left.
    fn count(&mut self) -> Res<usize> {
        let n = self.uint()?;
        if n > (self.b.len() - self.at) as u64 {
            return Err(DecodeError::Corrupt("a count is larger than the data"));
        }
        Ok(n as usize)
    }
    fn bytes(&mut self, n: u64) -> Res<&'a str> {
        let end = (self.at as u64).checked_add(n).filter(|&e| e <= self.b.len() as u64);
        let end = end.ok_or(DecodeError::Corrupt("a string runs past the end"))? as usize;
        let s =
            core::str::from_utf8(&self.b[self.at..end]).map_err(|_| DecodeError::Corrupt("a string is not UTF-8"))?;
        self.at = end;
        Ok(s)
    }
    /// A length-prefixed string, borrowed.
    fn bytes_str(&mut self) -> Res<&'a str> {
        let n = self.uint()?;
        self.bytes(n)
    }
    fn str(&mut self) -> Res<String> {
        Ok(self.bytes_str()?.to_string())
    }
    fn opt(&mut self) -> Res<Option<String>> {
        match self.uint()? {
            0 => Ok(None),
            n => Ok(Some(self.bytes(n - 1)?.to_string())),
        }
    }
    fn text(&mut self) -> Res<Text> {
        let mut t = Vec::with_capacity(self.langs);
        for _ in 0..self.langs {
            t.push(self.bytes_str()?);
        }
        if t.first().is_none_or(|s| s.is_empty()) {
            return Err(DecodeError::Corrupt("a text lacks its default language"));
        }
        Ok(Text::new(&t))
    }
    fn opt_text(&mut self) -> Res<Option<Text>> {
        match self.uint()? {
            0 => Ok(None),
            _ => Ok(Some(self.text()?)),
        }
    }
    fn index(&mut self, len: usize) -> Res<u32> {
        let v = self.uint()?;
        if v >= len as u64 {
            return Err(DecodeError::Corrupt("a reference points nowhere"));
        }
        Ok(v as u32)
    }
    /// A count, then that many references into a table of `len` items.
    fn indexes(&mut self, len: usize) -> Res<Vec<u32>> {
        let mut out = Vec::new();
        for _ in 0..self.count()? {
            out.push(self.index(len)?);
        }
        Ok(out)
    }
    fn pick<T: Copy>(&mut self, all: &[T]) -> Res<T> {
        let i = self.uint()?;
        all.get(i as usize).copied().ok_or(DecodeError::Corrupt("an unknown scale or qualifier"))
    }
    fn amount(&mut self) -> Res<Amount> {
        let neg = self.uint()? != 0;
        let digits = self.uint()?;
        let frac = self.uint()?;
        if frac > 18 {
            return Err(DecodeError::Corrupt("a number has too many decimals"));
        }
        Ok(Amount {
            amount: Decimal { digits, frac: frac as u8, neg },
            scale: self.pick(&Scale::ALL)?,
            unit: Unit(self.str()?),
        })
    }
    fn source(&mut self) -> Res<Source> {
        Ok(Source {
            id: self.str()?,
            publisher: self.str()?,
            title: self.text()?,
            date: self.str()?,
            date_text: self.text()?,
            language: self.str()?,
            author: self.opt()?,
            url: self.opt()?,
            seed: self.opt()?,
            note: self.opt()?,
        })
    }
    fn topic(&mut self) -> Res<Topic> {
        Ok(Topic { id: self.str()?, name: self.text()? })
    }
    fn entity(&mut self, n_entities: usize) -> Res<Entity> {
        let (id, name) = (self.str()?, self.text()?);
        let kind = EntityKind::from_code(self.bytes_str()?).ok_or(DecodeError::Corrupt("an unknown entity kind"))?;
        let parent = match self.uint()? {
            0 => None,
            p if p <= n_entities as u64 => Some((p - 1) as u32),
            _ => return Err(DecodeError::Corrupt("a parent points nowhere")),
        };
        let mut aliases = Vec::new();
        for _ in 0..self.count()? {
            aliases.push(self.str()?);
        }
        Ok(Entity { id, name, kind, parent, aliases, description: self.opt_text()? })
    }
    fn fact(&mut self, ds: &DataSet) -> Res<Fact> {
        let (id, title, statement, date, date_text) =
            (self.str()?, self.text()?, self.text()?, self.str()?, self.text()?);
        let source = self.index(ds.sources.len())?;
        let entities = self.indexes(ds.entities.len())?;
        let topics = self.indexes(ds.topics.len())?;
        let note = self.opt_text()?;
        let mut figures = Vec::new();
        for _ in 0..self.count()? {
            figures.push(self.figure()?);
        }
        let (updated, updated_text) = (self.opt()?, self.opt_text()?);
        let mut corrections = Vec::new();
        for _ in 0..self.count()? {
            let (date, date_text, wrong, changed) = (self.str()?, self.text()?, self.text()?, self.text()?);
            corrections.push(Correction { date, date_text, wrong, changed });
        }
        let stale = self.uint()? != 0;
        Ok(Fact {
            id,
            title,
            statement,
            source,
            entities,
            topics,
            date,
            date_text,
            note,
            figures,
            updated,
            updated_text,
            corrections,
            stale,
        })
    }
    fn figure(&mut self) -> Res<Figure> {
        Ok(Figure {
            label: self.text()?,
            value: self.amount()?,
            qualifier: self.pick(&Qualifier::ALL)?,
            period: self.opt()?,
            change: self.uint()? != 0,
            converted: if self.uint()? != 0 { Some(self.amount()?) } else { None },
            text: self.text()?,
            amount_text: self.text()?,
            period_text: self.opt_text()?,
        })
    }
}

/// The payload of a bundle, once its header and checksum are checked.
fn payload(bytes: &[u8]) -> Res<&[u8]> {
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(DecodeError::NotABundle);
    }
    if bytes.len() < HEADER {
        return Err(DecodeError::Truncated);
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != VERSION {
        return Err(DecodeError::Version(version));
    }
    if bytes[6] != 0 || bytes[7] != 0 {
        return Err(DecodeError::Corrupt("reserved header bytes are set"));
    }
    let len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let sum = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
    let payload = &bytes[HEADER..];
    if payload.len() < len {
        return Err(DecodeError::Truncated);
    }
    if payload.len() > len {
        return Err(DecodeError::Corrupt("trailing bytes after the payload"));
    }
    if checksum(payload) != sum {
        return Err(DecodeError::Checksum);
    }
    Ok(payload)
}

/// Reads a bundle, checking its header, checksum and every reference.
pub fn decode(bytes: &[u8]) -> Result<DataSet, DecodeError> {
    let payload = payload(bytes)?;
    let mut r = R { b: payload, at: 0, langs: 0 };
    let mut ds = DataSet::default();
    for _ in 0..r.count()? {
        let tag = r.str()?;
        // A BCP 47 tag: letters, digits and hyphens (the compiler checks more; a hostile file may not).
        if tag.is_empty() || tag.len() > 35 || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(DecodeError::Corrupt("a language tag is not valid"));
        }
        ds.langs.push(tag);
    }
    if ds.langs.is_empty() {
        return Err(DecodeError::Corrupt("the set names no language"));
    }
    r.langs = ds.langs.len();
    for _ in 0..r.count()? {
        ds.sources.push(r.source()?);
    }
    for _ in 0..r.count()? {
        ds.topics.push(r.topic()?);
    }
    let n_entities = r.count()?;
    for _ in 0..n_entities {
        ds.entities.push(r.entity(n_entities)?);
    }
    for _ in 0..r.count()? {
        let f = r.fact(&ds)?;
        ds.facts.push(f);
    }
    if r.at != payload.len() {
        return Err(DecodeError::Corrupt("unread bytes at the end"));
    }
    if ds.facts.windows(2).any(|w| w[0].id >= w[1].id) {
        return Err(DecodeError::Corrupt("facts are not sorted by id"));
    }
    // A parent chain that loops would hang place filters: refuse it.
    if (0..ds.entities.len()).any(|i| ds.ancestors(i).nth(ds.entities.len()).is_some()) {
        return Err(DecodeError::Corrupt("entity parents form a cycle"));
    }
    ds.link();
    Ok(ds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two(en: &str, zh: &str) -> Text {
        Text::new(&[en, zh])
    }

    fn sample() -> DataSet {
        let amount = |d, f, s, u: &str| Amount {
            amount: Decimal { digits: d, frac: f, neg: false },
            scale: s,
            unit: Unit(u.into()),
        };
        let entity = |id: &str, name: Text, kind, parent, aliases: Vec<String>, description| Entity {
            id: id.into(),
            name,
            kind,
            parent,
            aliases,
            description,
        };
        let source = Source {
            id: "s".into(),
            publisher: "P".into(),
            title: Text::one("T").padded(2),
            date: "2021-08-19".into(),
            date_text: two("19 August 2021", "2021年8月19日"),
            language: "en".into(),
            url: Some("https://x.test/".into()),
            ..Default::default()
        };
        let figure = Figure {
            label: two("L", "标"),
            value: amount(463, 1, Scale::Billion, "CNY"),
            qualifier: Qualifier::Over,
            period: Some("2020".into()),
            change: true,
            converted: Some(amount(695, 2, Scale::Billion, "USD")),
            text: two("over ¥46.3 billion", "超过463亿元"),
            amount_text: two("¥46.3 billion", "463亿元"),
            period_text: Some(two("2020", "2020年")),
        };
        let mut ds = DataSet {
            langs: vec!["en".into(), "zh".into()],
            sources: vec![source],
            topics: vec![Topic { id: "t".into(), name: two("T", "题") }],
            entities: vec![
                entity("cq", two("Chongqing", "重庆"), EntityKind::Municipality, None, Vec::new(), None),
                entity(
                    "lj",
                    two("Liangjiang", ""),
                    EntityKind::Area,
                    Some(0),
                    vec!["Yangjiang".into()],
                    Some(Text::one("d").padded(2)),
                ),
            ],
            facts: vec![Fact {
                id: "a".into(),
                title: two("A", "甲"),
                statement: two("S", "述"),
                source: 0,
                entities: vec![1],
                topics: vec![0],
                date: "2021".into(),
                date_text: two("2021", "2021年"),
                note: Some(two("n", "注")),
                figures: vec![figure],
                updated: Some("2022-03-01".into()),
                updated_text: Some(two("1 March 2022", "2022年3月1日")),
                corrections: vec![Correction {
                    date: "2022-03-02".into(),
                    date_text: two("2 March 2022", "2022年3月2日"),
                    wrong: two("w", "错"),
                    changed: two("c", "改"),
                }],
                stale: true,
            }],
            about: Vec::new(),
            direct: Vec::new(),
            rank: Default::default(),
        };
        ds.link();
        ds
    }

    #[test]
    fn round_trip() {
        let ds = sample();
        assert_eq!(decode(&encode(&ds)).unwrap(), ds);
    }

    /// A large set's bundle comes in pieces of some kilobytes, and the header made from them (length and checksum
    /// summed piece by piece) makes with them the bundle that decodes.
    #[test]
    fn a_bundle_in_pieces_is_the_bundle() {
        let mut ds = sample();
        let f = ds.facts[0].clone();
        ds.facts = (0..3000).map(|i| Fact { id: format!("f-{i:05}"), ..f.clone() }).collect();
        ds.link();
        let mut pieces: Vec<Vec<u8>> = Vec::new();
        let header = encode_parts(&ds, &mut |b| pieces.push(b.to_vec()));
        assert!(pieces.len() > 3 && pieces.iter().all(|p| p.len() < 70_000), "{:?}", pieces.iter().map(Vec::len));
        let bytes = [&header[..], &pieces.concat()].concat();
        assert_eq!(decode(&bytes).unwrap(), ds);
        assert_eq!(bytes, encode(&ds));
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_an_error() {
        let bytes = encode(&sample());
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x40;
            assert!(decode(&b).is_err(), "flip at {i}");
        }
    }

    #[test]
    fn header_errors_say_what_is_wrong() {
        let bytes = encode(&sample());
        assert_eq!(decode(b"<!doctype html>"), Err(DecodeError::NotABundle));
        let mut v1 = bytes.clone();
        v1[4] = 1;
        assert_eq!(decode(&v1).unwrap_err().message(), "unsupported bundle version 1 (this factcard reads version 3)");
        assert_eq!(decode(&bytes[..bytes.len() - 1]), Err(DecodeError::Truncated));
        let mut bad = bytes.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert_eq!(decode(&bad), Err(DecodeError::Checksum));
    }

    #[test]
    fn bad_references_are_refused_even_with_a_good_checksum() {
        let mut ds = sample();
        ds.facts[0].source = 9;
        assert_eq!(decode(&encode(&ds)), Err(DecodeError::Corrupt("a reference points nowhere")));
        let mut ds = sample();
        ds.entities[0].parent = Some(1);
        assert_eq!(decode(&encode(&ds)), Err(DecodeError::Corrupt("entity parents form a cycle")));
    }

    /// Scales and qualifiers travel as their place in `ALL`: reordering or inserting a variant would make every
    /// published bundle read as something else. The codes of format version 3 (the same as version 2's) are pinned here; a change to them
    /// needs a new `VERSION` (and this table with it). Units travel as their codes. Version 3 added fields to a
    /// fact (after its figures) and left these codes as they were.
    #[test]
    fn wire_codes_of_version_3_are_pinned() {
        assert_eq!(VERSION, 3, "a new format version: pin its codes here");
        let scales: Vec<&str> = Scale::ALL.iter().map(|s| s.word()).collect();
        assert_eq!(scales, ["", "thousand", "million", "billion", "trillion"]);
        let qualifiers: Vec<&str> = Qualifier::ALL.iter().map(|q| q.code()).collect();
        assert_eq!(qualifiers, ["exact", "about", "over", "nearly", "at-least", "under"]);
        // And the encoder really writes those places: the sample's figure is 46.3 billion CNY, "over", converted
        // to 6.95 billion USD.
        let bytes = encode(&sample());
        let figure: &[u8] = &[0, 0xcf, 0x03, 1, 3, 3, b'C', b'N', b'Y', 2]; // not negative, 463, one decimal, billion (3), CNY, over (2)
        assert!(bytes.windows(figure.len()).any(|w| w == figure), "{bytes:?}");
        let usd: &[u8] = &[0, 0xb7, 0x05, 2, 3, 3, b'U', b'S', b'D']; // 695, two decimals, billion, USD
        assert!(bytes.windows(usd.len()).any(|w| w == usd), "{bytes:?}");
        // Version 3's fields close a fact: its update (an optional string: length + 1), its corrections (a count,
        // then each one's date first), and its stale flag, the last byte of the sample.
        let updated: &[u8] = b"\x0b2022-03-01";
        assert!(bytes.windows(updated.len()).any(|w| w == updated), "{bytes:?}");
        let correction: &[u8] = b"\x01\x0a2022-03-02";
        assert!(bytes.windows(correction.len()).any(|w| w == correction), "{bytes:?}");
        assert_eq!(bytes.last(), Some(&1), "a fact ends with its stale flag");
    }

    #[test]
    fn texts_keep_their_languages_and_need_the_default() {
        let ds = decode(&encode(&sample())).unwrap();
        assert_eq!(ds.langs, ["en", "zh"]);
        assert_eq!(ds.entities[1].name.get(1), ("Liangjiang", 0));
        let mut bad = sample();
        bad.facts[0].title = Text::new(&["", "甲"]);
        assert_eq!(decode(&encode(&bad)), Err(DecodeError::Corrupt("a text lacks its default language")));
        let mut odd = sample();
        odd.langs[1] = "zh\u{1}\"".into();
        assert_eq!(decode(&encode(&odd)), Err(DecodeError::Corrupt("a language tag is not valid")));
        let mut none = sample();
        none.langs.clear();
        assert_eq!(decode(&encode(&none)), Err(DecodeError::Corrupt("the set names no language")));
    }
}
