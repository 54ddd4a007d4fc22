//! The binary bundle: a compiled data set as compact bytes.
//!
//! The build script encodes `seeds/` into a bundle that the wasm binary embeds with `include_bytes!`; the
//! `factcard build` command writes the same format for publishers' own facts, which the widget fetches at run
//! time. Decoding checks everything (header, checksum, every length and index) and never panics, so a corrupt
//! or hostile file gives an error, not a trap.
//!
//! Layout: an 16-byte header — the magic `FCB1`, the format version (u16, little-endian), two reserved bytes,
//! the payload length (u32) and its FNV-1a checksum (u32) — then the payload: sources, topics, entities and
//! facts, each a LEB128 count followed by records of LEB128 integers and length-prefixed UTF-8 strings.
//!
//! ```
//! use factcard::{bundle, model::DataSet};
//! let bytes = bundle::encode(&DataSet::default());
//! assert_eq!(bundle::decode(&bytes).unwrap(), DataSet::default());
//! assert!(bundle::decode(&bytes[..10]).is_err());
//! ```

use crate::model::{Amount, DataSet, Decimal, Entity, Fact, Figure, Qualifier, Scale, Source, Topic, Unit};

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
    fn uint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
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
    fn amount(&mut self, a: &Amount) {
        self.uint(a.amount.digits);
        self.uint(u64::from(a.amount.frac));
        self.uint(Scale::ALL.iter().position(|s| *s == a.scale).unwrap_or(0) as u64);
        self.uint(Unit::ALL.iter().position(|u| *u == a.unit).unwrap_or(0) as u64);
    }
}

/// Encodes a data set as a bundle.
pub fn encode(ds: &DataSet) -> Vec<u8> {
    let mut w = W(Vec::new());
    w.uint(ds.sources.len() as u64);
    for s in &ds.sources {
        for v in [&s.id, &s.publisher, &s.title, &s.date, &s.language] {
            w.str(v);
        }
        for v in [&s.author, &s.url, &s.seed, &s.note] {
            w.opt(v);
        }
    }
    w.uint(ds.topics.len() as u64);
    for t in &ds.topics {
        for v in [&t.id, &t.name, &t.name_zh] {
            w.str(v);
        }
    }
    w.uint(ds.entities.len() as u64);
    for e in &ds.entities {
        for v in [&e.id, &e.name, &e.name_zh, &e.kind] {
            w.str(v);
        }
        w.idx(e.parent);
        w.uint(e.aliases.len() as u64);
        for a in &e.aliases {
            w.str(a);
        }
        w.opt(&e.description);
        w.opt(&e.description_zh);
    }
    w.uint(ds.facts.len() as u64);
    for f in &ds.facts {
        for v in [&f.id, &f.title, &f.title_zh, &f.statement, &f.statement_zh, &f.date] {
            w.str(v);
        }
        w.uint(u64::from(f.source));
        for list in [&f.entities, &f.topics] {
            w.uint(list.len() as u64);
            for &x in list {
                w.uint(u64::from(x));
            }
        }
        w.opt(&f.note);
        w.opt(&f.note_zh);
        w.uint(f.figures.len() as u64);
        for g in &f.figures {
            w.str(&g.label);
            w.str(&g.label_zh);
            w.amount(&g.value);
            w.uint(Qualifier::ALL.iter().position(|q| *q == g.qualifier).unwrap_or(0) as u64);
            w.opt(&g.period);
            w.uint(u64::from(g.change));
            match &g.converted {
                None => w.uint(0),
                Some(c) => {
                    w.uint(1);
                    w.amount(c);
                }
            }
        }
    }
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
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.at).ok_or(DecodeError::Corrupt("a number runs past the end"))?;
            self.at += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError::Corrupt("a number is too long"))
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
}

/// Reads a bundle, checking its header, checksum and every reference.
pub fn decode(bytes: &[u8]) -> Result<DataSet, DecodeError> {
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
    let mut r = R { b: payload, at: 0 };
    let mut ds = DataSet::default();
    for _ in 0..r.count()? {
        ds.sources.push(Source {
            id: r.str()?,
            publisher: r.str()?,
            title: r.str()?,
            date: r.str()?,
            language: r.str()?,
            author: r.opt()?,
            url: r.opt()?,
            seed: r.opt()?,
            note: r.opt()?,
        });
    }
    for _ in 0..r.count()? {
        ds.topics.push(Topic { id: r.str()?, name: r.str()?, name_zh: r.str()? });
    }
    let n_entities = r.count()?;
    for _ in 0..n_entities {
        let (id, name, name_zh, kind) = (r.str()?, r.str()?, r.str()?, r.str()?);
        let parent = match r.uint()? {
            0 => None,
            p if p <= n_entities as u64 => Some((p - 1) as u32),
            _ => return Err(DecodeError::Corrupt("a parent points nowhere")),
        };
        let mut aliases = Vec::new();
        for _ in 0..r.count()? {
            aliases.push(r.str()?);
        }
        ds.entities.push(Entity {
            id,
            name,
            name_zh,
            kind,
            parent,
            aliases,
            description: r.opt()?,
            description_zh: r.opt()?,
        });
    }
    for _ in 0..r.count()? {
        let (id, title, title_zh, statement, statement_zh, date) =
            (r.str()?, r.str()?, r.str()?, r.str()?, r.str()?, r.str()?);
        let source = r.index(ds.sources.len())?;
        let mut entities = Vec::new();
        for _ in 0..r.count()? {
            entities.push(r.index(ds.entities.len())?);
        }
        let mut topics = Vec::new();
        for _ in 0..r.count()? {
            topics.push(r.index(ds.topics.len())?);
        }
        let (note, note_zh) = (r.opt()?, r.opt()?);
        let mut figures = Vec::new();
        for _ in 0..r.count()? {
            figures.push(Figure {
                label: r.str()?,
                label_zh: r.str()?,
                value: r.amount()?,
                qualifier: r.pick(&Qualifier::ALL)?,
                period: r.opt()?,
                change: r.uint()? != 0,
                converted: if r.uint()? != 0 { Some(r.amount()?) } else { None },
            });
        }
        ds.facts.push(Fact {
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
        });
    }
    if r.at != payload.len() {
        return Err(DecodeError::Corrupt("unread bytes at the end"));
    }
    if ds.facts.windows(2).any(|w| w[0].id >= w[1].id) {
        return Err(DecodeError::Corrupt("facts are not sorted by id"));
    }
    // A parent chain that loops would hang place filters: refuse it.
    for i in 0..ds.entities.len() {
        let mut cur = ds.entities[i].parent;
        let mut steps = 0;
        while let Some(p) = cur {
            steps += 1;
            if steps > ds.entities.len() {
                return Err(DecodeError::Corrupt("entity parents form a cycle"));
            }
            cur = ds.entities[p as usize].parent;
        }
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
                    kind: "municipality".into(),
                    ..Default::default()
                },
                Entity {
                    id: "lj".into(),
                    name: "Liangjiang".into(),
                    name_zh: "两江".into(),
                    kind: "area".into(),
                    parent: Some(0),
                    aliases: vec!["Yangjiang".into()],
                    ..Default::default()
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
}
