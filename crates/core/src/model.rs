//! The data model: sources, topics, entities and facts, as the core holds them after a data set is loaded.
//!
//! Every type here is plain owned data with no serde, no wasm and no I/O, so that the compiler, the
//! command-line tool and the wasm core share one definition. Numbers are exact decimals ([`Decimal`]) so that
//! figures are shown exactly as curated, with no float formatting machinery in the wasm binary.

/// A number written in decimal: `digits / 10^frac`. `46.3` is `Decimal { digits: 463, frac: 1 }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    /// All the digits, as an integer.
    pub digits: u64,
    /// How many of them stand after the decimal point.
    pub frac: u8,
}

impl Decimal {
    /// The number as a float, for JS objects and comparisons.
    pub fn to_f64(self) -> f64 {
        self.digits as f64 / 10f64.powi(self.frac as i32)
    }

    /// Parses `"46.3"`, `"1500"` or `"0.5"`: digits with at most one point, no sign, no exponent.
    ///
    /// ```
    /// use factcard_core::model::Decimal;
    /// assert_eq!(Decimal::parse("46.30"), Some(Decimal { digits: 463, frac: 1 }));
    /// assert_eq!(Decimal::parse("1e3"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Decimal> {
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f.trim_end_matches('0')),
            None => (s, ""),
        };
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 9 {
            return None;
        }
        let mut digits: u64 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            digits = digits.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        }
        Some(Decimal { digits, frac: frac.len() as u8 })
    }
}

/// The scale word a source prints after a number ("46.3 billion").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    One,
    Thousand,
    Million,
    Billion,
    Trillion,
}

impl Scale {
    pub const ALL: [Scale; 5] = [Scale::One, Scale::Thousand, Scale::Million, Scale::Billion, Scale::Trillion];

    /// The power of ten the scale word stands for.
    pub fn exponent(self) -> u8 {
        match self {
            Scale::One => 0,
            Scale::Thousand => 3,
            Scale::Million => 6,
            Scale::Billion => 9,
            Scale::Trillion => 12,
        }
    }

    /// The English word, empty for [`Scale::One`].
    pub fn word(self) -> &'static str {
        match self {
            Scale::One => "",
            Scale::Thousand => "thousand",
            Scale::Million => "million",
            Scale::Billion => "billion",
            Scale::Trillion => "trillion",
        }
    }

    pub fn from_word(w: &str) -> Option<Scale> {
        Scale::ALL.into_iter().find(|s| s.word() == w)
    }
}

/// What a figure counts or measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Chinese yuan (renminbi).
    Cny,
    /// US dollars.
    Usd,
    Percent,
    /// A multiple: "3.5-fold".
    Fold,
    Count,
    Hour,
    Minute,
    Meter,
    Year,
}

impl Unit {
    pub const ALL: [Unit; 9] = [
        Unit::Cny,
        Unit::Usd,
        Unit::Percent,
        Unit::Fold,
        Unit::Count,
        Unit::Hour,
        Unit::Minute,
        Unit::Meter,
        Unit::Year,
    ];

    /// The name used in data files and JS objects.
    pub fn code(self) -> &'static str {
        match self {
            Unit::Cny => "CNY",
            Unit::Usd => "USD",
            Unit::Percent => "percent",
            Unit::Fold => "fold",
            Unit::Count => "count",
            Unit::Hour => "hour",
            Unit::Minute => "minute",
            Unit::Meter => "meter",
            Unit::Year => "year",
        }
    }

    pub fn from_code(c: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.code() == c)
    }

    pub fn is_currency(self) -> bool {
        matches!(self, Unit::Cny | Unit::Usd)
    }
}

/// How exact a figure is, as the source words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    Exact,
    /// "about", "around"
    About,
    /// "more than", "over", "exceeds"
    Over,
    /// "close to", "nearly"
    Nearly,
    /// "at least"
    AtLeast,
    /// "less than", "under"
    Under,
}

impl Qualifier {
    pub const ALL: [Qualifier; 6] =
        [Qualifier::Exact, Qualifier::About, Qualifier::Over, Qualifier::Nearly, Qualifier::AtLeast, Qualifier::Under];

    pub fn code(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::Over => "over",
            Qualifier::Nearly => "nearly",
            Qualifier::AtLeast => "at-least",
            Qualifier::Under => "under",
        }
    }

    pub fn from_code(c: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.code() == c)
    }
}

/// An amount with its scale and unit: `46.3 billion CNY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    pub amount: Decimal,
    pub scale: Scale,
    pub unit: Unit,
}

impl Amount {
    /// The amount times its scale, as a float.
    pub fn value(&self) -> f64 {
        self.amount.to_f64() * 10f64.powi(self.scale.exponent() as i32)
    }
}

/// One number of a fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub label: String,
    pub label_zh: String,
    pub value: Amount,
    pub qualifier: Qualifier,
    /// The period the figure covers, when it differs from its fact's date (ISO 8601).
    pub period: Option<String>,
    /// A change (growth, increase) rather than a level.
    pub change: bool,
    /// The source's own conversion into another currency.
    pub converted: Option<Amount>,
}

/// Where facts come from.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    pub author: Option<String>,
    pub url: Option<String>,
    pub language: String,
    /// File name of the source text in the curators' folder.
    pub seed: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub name_zh: String,
}

/// What an entity is. Cards name it ([`crate::card`]) and JSON-LD types it ([`crate::jsonld`]) with exhaustive
/// matches, so a new kind cannot be forgotten in either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKind {
    Country,
    Province,
    Municipality,
    City,
    District,
    Area,
    Company,
    Institution,
    Plan,
    Product,
    Event,
    Person,
    Industry,
}

impl EntityKind {
    pub const ALL: [EntityKind; 13] = [
        EntityKind::Country,
        EntityKind::Province,
        EntityKind::Municipality,
        EntityKind::City,
        EntityKind::District,
        EntityKind::Area,
        EntityKind::Company,
        EntityKind::Institution,
        EntityKind::Plan,
        EntityKind::Product,
        EntityKind::Event,
        EntityKind::Person,
        EntityKind::Industry,
    ];

    /// The name used in data files, bundles and JS objects.
    pub fn code(self) -> &'static str {
        match self {
            EntityKind::Country => "country",
            EntityKind::Province => "province",
            EntityKind::Municipality => "municipality",
            EntityKind::City => "city",
            EntityKind::District => "district",
            EntityKind::Area => "area",
            EntityKind::Company => "company",
            EntityKind::Institution => "institution",
            EntityKind::Plan => "plan",
            EntityKind::Product => "product",
            EntityKind::Event => "event",
            EntityKind::Person => "person",
            EntityKind::Industry => "industry",
        }
    }

    pub fn from_code(c: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.code() == c)
    }
}

/// A place, company, institution, plan or product that facts are about.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub kind: EntityKind,
    /// Index of the parent entity (the place it lies in, or its owner).
    pub parent: Option<u32>,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub description_zh: Option<String>,
}

/// One checked statement with its figures and source.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub id: String,
    pub title: String,
    pub title_zh: String,
    pub statement: String,
    pub statement_zh: String,
    /// Index into [`DataSet::sources`].
    pub source: u32,
    /// Indexes into [`DataSet::entities`].
    pub entities: Vec<u32>,
    /// Indexes into [`DataSet::topics`].
    pub topics: Vec<u32>,
    /// The date or period the fact refers to (ISO 8601, possibly an interval).
    pub date: String,
    pub note: Option<String>,
    pub note_zh: Option<String>,
    pub figures: Vec<Figure>,
}

/// See [`DataSet::ancestors`].
struct Ancestors<'a> {
    ds: &'a DataSet,
    cur: Option<u32>,
    left: usize,
}

impl Iterator for Ancestors<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        let p = self.cur? as usize;
        self.left = self.left.checked_sub(1)?;
        self.cur = self.ds.entities.get(p)?.parent;
        Some(p)
    }
}

/// A whole data set. Facts are kept sorted by id so that [`DataSet::fact`] is a binary search.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DataSet {
    pub sources: Vec<Source>,
    pub topics: Vec<Topic>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    /// Derived by [`DataSet::link`]: for each entity, the facts about it or anything inside it, in id order.
    pub about: Vec<Vec<u32>>,
}

impl DataSet {
    /// Builds [`DataSet::about`]; the compiler and the bundle decoder call it once facts are in id order.
    pub fn link(&mut self) {
        let mut about = vec![Vec::new(); self.entities.len()];
        for (fi, f) in self.facts.iter().enumerate() {
            for &e in &f.entities {
                for x in core::iter::once(e as usize).chain(self.ancestors(e as usize)) {
                    let list: &mut Vec<u32> = &mut about[x];
                    if list.last() != Some(&(fi as u32)) {
                        list.push(fi as u32);
                    }
                }
            }
        }
        // A fact about two places in the same city reaches the city twice, not always consecutively.
        for list in &mut about {
            list.dedup();
            if list.windows(2).any(|w| w[0] >= w[1]) {
                crate::sort::sort_by(list, |a, b| a.cmp(b));
                list.dedup();
            }
        }
        self.about = about;
    }

    /// The entities that entity `e` lies in, nearest first (Liangjiang: Chongqing, then China). A chain that loops
    /// (which the compiler and the decoder refuse) stops after as many steps as there are entities.
    pub fn ancestors(&self, e: usize) -> impl Iterator<Item = usize> + '_ {
        Ancestors { ds: self, cur: self.entities.get(e).and_then(|x| x.parent), left: self.entities.len() + 1 }
    }

    /// The fact with this id.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.binary_search_by(|f| f.id.as_str().cmp(id)).ok().map(|i| &self.facts[i])
    }

    pub fn fact_index(&self, id: &str) -> Option<usize> {
        self.facts.binary_search_by(|f| f.id.as_str().cmp(id)).ok()
    }

    pub fn source_of(&self, fact: &Fact) -> &Source {
        &self.sources[fact.source as usize]
    }

    /// The entity whose id, name, Chinese name or alias is `key` (ASCII case-insensitive).
    pub fn entity_index(&self, key: &str) -> Option<usize> {
        let key = key.trim();
        let eq = |s: &str| s.eq_ignore_ascii_case(key);
        self.entities
            .iter()
            .position(|e| e.id == key)
            .or_else(|| self.entities.iter().position(|e| eq(&e.name) || eq(&e.name_zh)))
            .or_else(|| self.entities.iter().position(|e| e.aliases.iter().any(|a| eq(a))))
    }

    /// The topic whose id or name (English ASCII case-insensitive, or Chinese) is `key`.
    pub fn topic_index(&self, key: &str) -> Option<usize> {
        self.topics.iter().position(|x| x.id == key || x.name.eq_ignore_ascii_case(key) || x.name_zh == key)
    }

    /// The source with this id.
    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.sources.iter().position(|x| x.id == id)
    }

    /// Whether entity `e` is `ancestor` or lies inside it (Liangjiang lies inside Chongqing).
    pub fn entity_within(&self, e: usize, ancestor: usize) -> bool {
        e == ancestor || self.ancestors(e).any(|a| a == ancestor)
    }

    /// Facts about entity `e` or anything inside it, in id order.
    pub fn facts_about(&self, e: usize) -> impl Iterator<Item = (usize, &Fact)> {
        self.about.get(e).into_iter().flatten().map(|&i| (i as usize, &self.facts[i as usize]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_parse_rejects_junk() {
        assert_eq!(Decimal::parse("1,500"), None);
        assert_eq!(Decimal::parse("-1"), None);
        assert_eq!(Decimal::parse(".5"), None);
        assert_eq!(Decimal::parse("1500"), Some(Decimal { digits: 1500, frac: 0 }));
        assert_eq!(Decimal::parse("0.66"), Some(Decimal { digits: 66, frac: 2 }));
        assert_eq!(Decimal::parse("99999999999999999999"), None);
    }

    #[test]
    fn amount_value() {
        let a = Amount { amount: Decimal::parse("46.3").unwrap(), scale: Scale::Billion, unit: Unit::Cny };
        assert!((a.value() - 46.3e9).abs() < 1.0);
    }
}
