//! The binary bundle: a compiled data set as compact bytes.
//!
//! The wasm crate's build script encodes `seeds/` into a bundle that the wasm binary embeds; the `factcard build`
//! and `factcard site` commands write the same format for publishers' own facts, which the widget fetches at run
//! time. Decoding checks everything (header, checksum, every length and index) and never panics, so a corrupt
//! or hostile file gives an error, not a trap.
//!
//! Layout: an 16-byte header — the magic `FCB1`, the format version (u16, little-endian), two reserved bytes,
//! the payload length (u32) and its FNV-1a checksum (u32) — then the payload: sources, topics, entities and
//! facts, each a LEB128 count ([`crate::varint`]) followed by records of LEB128 integers and length-prefixed UTF-8 strings.
//!
//! ```
//! use factcard_core::{bundle, model::DataSet};
//! let bytes = bundle::encode(&DataSet::default());
//! assert_eq!(bundle::decode(&bytes).unwrap(), DataSet::default());
//! assert!(bundle::decode(&bytes[..10]).is_err());
//! ```

use crate::model::{Amount, DataSet, Decimal, Entity, EntityKind, Fact, Figure, Qualifier, Scale, Source, Topic, Unit};
use crate::varint::{self, VarintError};

/// The first four bytes of every bundle.
pub const MAGIC: &[u8; 4] = b"FCB1";
/// The format version this code writes and reads.
pub const VERSION: u16 = 1;
const HEADER: usize = 16;

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
                s.push_str(" (this factcard reads version 1)");
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
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

// ---- Encoding -------------------------------------------------------------------------------------------

struct W(Vec<u8>);

impl W {
    fn uint(&mut self, v: u64) {
        varint::put(&mut self.0, v);
    }
    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt(&mut self, s: &Option<String>) {
        match s {
            None => self.uint(0),
            Some(s) => {
                self.uint(s.len() as u64 + 1);
                self.0.extend_from_slice(s.as_bytes());
            }
        }
    }
    fn idx(&mut self, v: Option<u32>) {
        self.uint(v.map_or(0, |x| u64::from(x) + 1));
    }
    /// An enum value as its wire code: its place in `all` (pinned by a test).
    fn code<T: PartialEq>(&mut self, all: &[T], v: &T) {
        self.uint(all.iter().position(|x| x == v).unwrap_or(0) as u64);
    }
    fn amount(&mut self, a: &Amount) {
        self.uint(a.amount.digits);
        self.uint(u64::from(a.amount.frac));
        self.code(&Scale::ALL, &a.scale);
        self.code(&Unit::ALL, &a.unit);
    }
    fn source(&mut self, s: &Source) {
        for v in [&s.id, &s.publisher, &s.title, &s.date, &s.language] {
            self.str(v);
        }
        for v in [&s.author, &s.url, &s.seed, &s.note] {
            self.opt(v);
        }
    }
    fn topic(&mut self, t: &Topic) {
        for v in [&t.id, &t.name, &t.name_zh] {
            self.str(v);
        }
    }
    fn entity(&mut self, e: &Entity) {
        for v in [&e.id, &e.name, &e.name_zh, e.kind.code()] {
            self.str(v);
        }
        self.idx(e.parent);
        self.uint(e.aliases.len() as u64);
        for a in &e.aliases {
            self.str(a);
        }
        self.opt(&e.description);
        self.opt(&e.description_zh);
    }
    fn fact(&mut self, f: &Fact) {
        for v in [&f.id, &f.title, &f.title_zh, &f.statement, &f.statement_zh, &f.date] {
            self.str(v);
        }
        self.uint(u64::from(f.source));
        for list in [&f.entities, &f.topics] {
            self.uint(list.len() as u64);
            for &x in list {
                self.uint(u64::from(x));
            }
        }
        self.opt(&f.note);
        self.opt(&f.note_zh);
        self.uint(f.figures.len() as u64);
        for g in &f.figures {
            self.figure(g);
        }
    }
    fn figure(&mut self, g: &Figure) {
        self.str(&g.label);
        self.str(&g.label_zh);
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
    }
    /// A count, then each item.
    fn all<T>(&mut self, items: &[T], each: fn(&mut W, &T)) {
        self.uint(items.len() as u64);
        for x in items {
            each(self, x);
        }
    }
}

/// Encodes a data set as a bundle.
pub fn encode(ds: &DataSet) -> Vec<u8> {
    let mut w = W(Vec::new());
    w.all(&ds.sources, W::source);
    w.all(&ds.topics, W::topic);
    w.all(&ds.entities, W::entity);
    w.all(&ds.facts, W::fact);
    let payload = w.0;
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

// ---- Decoding -------------------------------------------------------------------------------------------

struct R<'a> {
    b: &'a [u8],
    at: usize,
}

type Res<T> = Result<T, DecodeError>;

impl R<'_> {
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
    fn bytes(&mut self, n: u64) -> Res<&str> {
        let end = (self.at as u64).checked_add(n).filter(|&e| e <= self.b.len() as u64);
        let end = end.ok_or(DecodeError::Corrupt("a string runs past the end"))? as usize;
        let s =
            core::str::from_utf8(&self.b[self.at..end]).map_err(|_| DecodeError::Corrupt("a string is not UTF-8"))?;
        self.at = end;
        Ok(s)
    }
    fn str(&mut self) -> Res<String> {
        let n = self.uint()?;
        Ok(self.bytes(n)?.to_string())
    }
    fn opt(&mut self) -> Res<Option<String>> {
        match self.uint()? {
            0 => Ok(None),
            n => Ok(Some(self.bytes(n - 1)?.to_string())),
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
        all.get(i as usize).copied().ok_or(DecodeError::Corrupt("an unknown unit, scale or qualifier"))
    }
    fn amount(&mut self) -> Res<Amount> {
        let digits = self.uint()?;
        let frac = self.uint()?;
        if frac > 18 {
            return Err(DecodeError::Corrupt("a number has too many decimals"));
        }
        Ok(Amount {
            amount: Decimal { digits, frac: frac as u8 },
            scale: self.pick(&Scale::ALL)?,
            unit: self.pick(&Unit::ALL)?,
        })
    }
    fn source(&mut self) -> Res<Source> {
        Ok(Source {
            id: self.str()?,
            publisher: self.str()?,
            title: self.str()?,
            date: self.str()?,
            language: self.str()?,
            author: self.opt()?,
            url: self.opt()?,
            seed: self.opt()?,
            note: self.opt()?,
        })
    }
    fn topic(&mut self) -> Res<Topic> {
        Ok(Topic { id: self.str()?, name: self.str()?, name_zh: self.str()? })
    }
    fn entity(&mut self, n_entities: usize) -> Res<Entity> {
        let (id, name, name_zh) = (self.str()?, self.str()?, self.str()?);
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
        Ok(Entity { id, name, name_zh, kind, parent, aliases, description: self.opt()?, description_zh: self.opt()? })
    }
    /// A length-prefixed string, borrowed.
    fn bytes_str(&mut self) -> Res<&str> {
        let n = self.uint()?;
        self.bytes(n)
    }
    fn fact(&mut self, ds: &DataSet) -> Res<Fact> {
        let (id, title, title_zh, statement, statement_zh, date) =
            (self.str()?, self.str()?, self.str()?, self.str()?, self.str()?, self.str()?);
        let source = self.index(ds.sources.len())?;
        let entities = self.indexes(ds.entities.len())?;
        let topics = self.indexes(ds.topics.len())?;
        let (note, note_zh) = (self.opt()?, self.opt()?);
        let mut figures = Vec::new();
        for _ in 0..self.count()? {
            figures.push(self.figure()?);
        }
        Ok(Fact {
            id,
            title,
            title_zh,
            statement,
            statement_zh,
            source,
            entities,
            topics,
            date,
            note,
            note_zh,
            figures,
        })
    }
    fn figure(&mut self) -> Res<Figure> {
        Ok(Figure {
            label: self.str()?,
            label_zh: self.str()?,
            value: self.amount()?,
            qualifier: self.pick(&Qualifier::ALL)?,
            period: self.opt()?,
            change: self.uint()? != 0,
            converted: if self.uint()? != 0 { Some(self.amount()?) } else { None },
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
    let mut r = R { b: payload, at: 0 };
    let mut ds = DataSet::default();
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

    fn sample() -> DataSet {
        let amount = |d, f, s, u| Amount { amount: Decimal { digits: d, frac: f }, scale: s, unit: u };
        let mut ds = DataSet {
            sources: vec![Source {
                id: "s".into(),
                publisher: "P".into(),
                title: "T".into(),
                date: "2021-08-19".into(),
                language: "en".into(),
                url: Some("https://x.test/".into()),
                ..Default::default()
            }],
            topics: vec![Topic { id: "t".into(), name: "T".into(), name_zh: "题".into() }],
            entities: vec![
                Entity {
                    id: "cq".into(),
                    name: "Chongqing".into(),
                    name_zh: "重庆".into(),
                    kind: EntityKind::Municipality,
                    parent: None,
                    aliases: Vec::new(),
                    description: None,
                    description_zh: None,
                },
                Entity {
                    id: "lj".into(),
                    name: "Liangjiang".into(),
                    name_zh: "两江".into(),
                    kind: EntityKind::Area,
                    parent: Some(0),
                    aliases: vec!["Yangjiang".into()],
                    description: Some("d".into()),
                    description_zh: None,
                },
            ],
            facts: vec![Fact {
                id: "a".into(),
                title: "A".into(),
                title_zh: "甲".into(),
                statement: "S".into(),
                statement_zh: "述".into(),
                source: 0,
                entities: vec![1],
                topics: vec![0],
                date: "2021".into(),
                note: Some("n".into()),
                note_zh: Some("注".into()),
                figures: vec![Figure {
                    label: "L".into(),
                    label_zh: "标".into(),
                    value: amount(463, 1, Scale::Billion, Unit::Cny),
                    qualifier: Qualifier::Over,
                    period: Some("2020".into()),
                    change: true,
                    converted: Some(amount(695, 2, Scale::Billion, Unit::Usd)),
                }],
            }],
            about: Vec::new(),
        };
        ds.link();
        ds
    }

    #[test]
    fn round_trip() {
        let ds = sample();
        assert_eq!(decode(&encode(&ds)).unwrap(), ds);
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
        let mut v2 = bytes.clone();
        v2[4] = 2;
        assert_eq!(decode(&v2).unwrap_err().message(), "unsupported bundle version 2 (this factcard reads version 1)");
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

    /// Units, scales and qualifiers travel as their place in `ALL`: reordering or inserting a variant would make
    /// every published bundle read as something else. The codes of format version 1 are pinned here; a change
    /// to them needs a new `VERSION` (and this table with it).
    #[test]
    fn wire_codes_of_version_1_are_pinned() {
        assert_eq!(VERSION, 1, "a new format version: pin its codes here");
        let units: Vec<&str> = Unit::ALL.iter().map(|u| u.code()).collect();
        assert_eq!(units, ["CNY", "USD", "percent", "fold", "count", "hour", "minute", "meter", "year"]);
        let scales: Vec<&str> = Scale::ALL.iter().map(|s| s.word()).collect();
        assert_eq!(scales, ["", "thousand", "million", "billion", "trillion"]);
        let qualifiers: Vec<&str> = Qualifier::ALL.iter().map(|q| q.code()).collect();
        assert_eq!(qualifiers, ["exact", "about", "over", "nearly", "at-least", "under"]);
        // And the encoder really writes those places: the sample's figure is 46.3 billion CNY, "over", converted
        // to 6.95 billion USD.
        let bytes = encode(&sample());
        let tail: &[u8] = &[
            0xcf, 0x03, 1, 3, 0, // 463, one decimal, billion (3), CNY (0)
            2, // over
        ];
        assert!(bytes.windows(tail.len()).any(|w| w == tail), "{bytes:?}");
        let usd: &[u8] = &[0xb7, 0x05, 2, 3, 1]; // 695, two decimals, billion, USD (1)
        assert!(bytes.ends_with(usd), "{bytes:?}");
    }
}
