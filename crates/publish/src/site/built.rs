//! What the last publish built, kept beside the folder (`.factcard/built`, hidden: hosts do not serve it) so that the
//! next one renders only the cards whose inputs changed: every card's fingerprint ([`Prints`]: a hash of everything
//! its HTML is made from), its version and its files' lengths.
//!
//! A card is taken as built when its fingerprint is the one recorded and its files are in the folder at their
//! recorded lengths. Anything else means a full build, never a wrong one: a record from another factcard (another
//! executable: a new version, new words, a new format), one whose folder's `set.json` is not the one it recorded (a
//! publish interrupted before it saved its record, or a folder changed by hand), one whose checksum fails (cut
//! short, changed) or that does not parse.

use std::collections::HashMap;
use std::fs;
use std::hash::Hasher;
use std::path::Path;

use factcard_core::bundle::{checksum, fact_bytes, tables_bytes};
use factcard_core::card::more_entity;
use factcard_core::model::DataSet;
use factcard_core::related::CANDIDATES;
use rayon::prelude::*;

/// Where the record is, below the folder.
pub const FILE: &str = ".factcard/built";

/// The first word of the record, and its format.
const MARK: &str = "factcard-built 1";

/// A card as the last publish built it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub print: u64,
    pub version: String,
    /// The length of its file in each language, in the set's order.
    pub lens: Vec<u64>,
}

/// The record: each card by its key (a fact's id, or `@` and an entity's id).
#[derive(Debug, Default)]
pub struct Built {
    pub cards: HashMap<String, Card>,
}

/// A hash of bytes, stable for a given build of factcard (the record holds nothing else's).
fn hash(parts: &[&[u8]]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    for p in parts {
        h.write_usize(p.len());
        h.write(p);
    }
    h.finish()
}

/// This factcard: a hash of its executable, so that a record is read only by the build that wrote it.
pub fn stamp() -> Option<u64> {
    let exe = fs::read(std::env::current_exe().ok()?).ok()?;
    Some(hash(&[MARK.as_bytes(), &exe]))
}

impl Built {
    /// The folder's record, if this factcard wrote it for the folder's `set.json` as it is; else an empty one.
    pub fn load(dir: &Path, stamp: Option<u64>) -> Built {
        let read = || -> Option<Built> {
            let text = fs::read_to_string(dir.join(FILE)).ok()?;
            let set = fs::read(dir.join("set.json")).ok()?;
            let mut lines = text.lines();
            let head: Vec<&str> = lines.next()?.split(' ').collect();
            let want = [MARK, &format!("{:016x}", stamp?), &format!("{:08x}", checksum(&set))].join(" ");
            let [a, b, st, sum, n, body] = head[..] else { return None };
            let rest = &text[text.find('\n')? + 1..];
            if [a, b, st, sum].join(" ") != want || body != format!("{:08x}", checksum(rest.as_bytes())) {
                return None;
            }
            let n: usize = n.parse().ok()?;
            let mut cards = HashMap::with_capacity(n);
            for line in lines {
                let mut parts = line.split(' ');
                let (key, print, version, lens) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
                let lens = lens.split(',').map(|l| l.parse().ok()).collect::<Option<Vec<u64>>>()?;
                let print = u64::from_str_radix(print, 16).ok()?;
                cards.insert(key.to_string(), Card { print, version: version.to_string(), lens });
            }
            // A record cut short is no record.
            (cards.len() == n).then_some(Built { cards })
        };
        read().unwrap_or_default()
    }

    /// Writes the record of this publish, whose `set.json` is `set`: through a temporary file renamed over the old.
    pub fn save(dir: &Path, stamp: Option<u64>, set: &[u8], cards: &[(String, Card)]) -> std::io::Result<()> {
        let Some(stamp) = stamp else { return Ok(()) };
        let mut body = String::with_capacity(cards.len() * 48);
        for (key, c) in cards {
            let lens: Vec<String> = c.lens.iter().map(u64::to_string).collect();
            body.push_str(&format!("{key} {:016x} {} {}\n", c.print, c.version, lens.join(",")));
        }
        let (set, n, sum) = (checksum(set), cards.len(), checksum(body.as_bytes()));
        let text = format!("{MARK} {stamp:016x} {set:08x} {n} {sum:08x}\n{body}");
        let file = dir.join(FILE);
        fs::create_dir_all(file.parent().unwrap_or(dir))?;
        let tmp = file.with_extension("tmp");
        fs::write(&tmp, text)?;
        fs::rename(&tmp, &file)
    }
}

/// The fingerprints of a set's cards. A fact's card is made from the fact, the set's tables (languages, sources,
/// topics, entities: a change to any of them changes every card), and its "more about" entity with the facts that
/// may rank as related ([`CANDIDATES`] of those about it, and of those within it, and one more of each, as the card's
/// own fact may be among them: what ranks them and what the card lists of them, their titles and statements). An
/// entity's card is made from the tables and the first facts about it and within it (the same).
pub struct Prints {
    tables: u64,
    facts: Vec<u64>,
    /// Per entity: the facts that may rank as related to a card about it.
    windows: Vec<u64>,
}

impl Prints {
    pub fn of(ds: &DataSet) -> Prints {
        let tables = hash(&[&tables_bytes(ds)]);
        let facts: Vec<u64> = ds.facts.par_iter().map(|f| hash(&[&fact_bytes(ds, f)])).collect();
        // What another card reads of a fact: what ranks it (entities, topics, source, date) and what lists it
        // (its title and statement); not its figures, notes or corrections.
        let listed: Vec<u64> = ds
            .facts
            .par_iter()
            .map(|f| {
                let shown = format!("{:?}", (&f.id, &f.title, &f.statement, &f.date, f.source, &f.entities, &f.topics));
                hash(&[shown.as_bytes()])
            })
            .collect();
        let windows = (0..ds.entities.len())
            .into_par_iter()
            .map(|e| {
                let own = ds.direct[e].iter().take(CANDIDATES + 1);
                let within = ds.about[e]
                    .iter()
                    .filter(|&&i| !ds.facts[i as usize].entities.contains(&(e as u32)))
                    .take(CANDIDATES + 1);
                let prints: Vec<u8> = own
                    .chain([&u32::MAX])
                    .chain(within)
                    .flat_map(|&i| listed.get(i as usize).map_or(u64::MAX, |&p| p).to_le_bytes())
                    .collect();
                hash(&[&prints])
            })
            .collect();
        Prints { tables, facts, windows }
    }

    /// The fingerprint of fact `i`'s card.
    pub fn fact(&self, ds: &DataSet, i: usize) -> u64 {
        let more = more_entity(ds, &ds.facts[i]).map_or([0; 16], |e| {
            let mut b = [0; 16];
            b[..8].copy_from_slice(&(e as u64 + 1).to_le_bytes());
            b[8..].copy_from_slice(&self.windows[e].to_le_bytes());
            b
        });
        hash(&[b"fact", &self.tables.to_le_bytes(), &self.facts[i].to_le_bytes(), &more])
    }

    /// The fingerprint of entity `e`'s card.
    pub fn entity(&self, e: usize) -> u64 {
        hash(&[b"entity", &self.tables.to_le_bytes(), &(e as u64).to_le_bytes(), &self.windows[e].to_le_bytes()])
    }
}
