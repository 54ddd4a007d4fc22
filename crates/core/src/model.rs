//! The data model: sources, topics, entities and facts, as the core holds them after a data set is loaded.
//!
//! Every type here is plain owned data with no serde, no wasm and no I/O, so that the compiler, the
//! command-line tool and the wasm core share one definition. Numbers are exact decimals ([`Decimal`]) so that
//! figures are shown exactly as curated, with no float formatting machinery in the wasm binary.

/// A number written in decimal: `±digits / 10^frac`. `46.3` is `Decimal { digits: 463, frac: 1, neg: false }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Decimal {
    /// All the digits, as an integer.
    pub digits: u64,
    /// How many of them stand after the decimal point.
    pub frac: u8,
    /// Below zero (a fall, a temperature).
    pub neg: bool,
}

impl Decimal {
    /// The number as a float, for JS objects and comparisons.
    pub fn to_f64(self) -> f64 {
        let v = self.digits as f64 / 10f64.powi(self.frac as i32);
        if self.neg {
            -v
        } else {
            v
        }
    }

    /// Parses `"46.3"`, `"1500"`, `"0.5"` or `"-6.9"`: digits with at most one point, an optional minus, no
    /// exponent.
    ///
    /// ```
    /// use factcard_core::model::Decimal;
    /// assert_eq!(Decimal::parse("46.30"), Some(Decimal { digits: 463, frac: 1, neg: false }));
    /// assert_eq!(Decimal::parse("-6.9").map(|d| d.neg), Some(true));
    /// assert_eq!(Decimal::parse("1e3"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Decimal> {
        let (neg, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
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
        Some(Decimal { digits, frac: frac.len() as u8, neg: neg && digits != 0 })
    }
}

/// A text in the languages of its data set: one string per language of [`DataSet::langs`], in that order, empty
/// where the text was not given in that language. The first, in the default language, is never empty.
///
/// A data set holds millions of texts, so a text is one string, not a list of them: the byte length of each
/// language's text but the last, in decimal and separated by `,`, then `;`, then the texts one after the other
/// (`"9;Chongqing重庆"` for "Chongqing" and "重庆"; `";Buses"` for one language; `""` for none). One allocation
/// per text instead of one per language and one for the list: a million facts' texts take half the memory.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Text(Box<str>);

impl Text {
    /// A text from its strings, one per language in the order of [`DataSet::langs`].
    pub fn new<S: AsRef<str>>(langs: &[S]) -> Text {
        use core::fmt::Write;
        let Some((_, head)) = langs.split_last() else {
            return Text::default();
        };
        // Made in one allocation of the right size: lengths, `;`, texts.
        let digits = |n: usize| n.checked_ilog10().unwrap_or(0) as usize + 1;
        let size = langs.iter().map(|s| s.as_ref().len()).sum::<usize>()
            + head.iter().map(|s| digits(s.as_ref().len()) + 1).sum::<usize>().max(1);
        let mut text = String::with_capacity(size);
        for (i, s) in head.iter().enumerate() {
            let _ = write!(text, "{}{}", if i > 0 { "," } else { "" }, s.as_ref().len());
        }
        text.push(';');
        for s in langs {
            text.push_str(s.as_ref());
        }
        Text(text.into_boxed_str())
    }

    /// A text in the default language only.
    pub fn one(s: impl Into<String>) -> Text {
        Text::new(&[s.into()])
    }

    /// The text with room for `n` languages (the ones not given empty; the ones beyond `n` dropped).
    pub fn padded(self, n: usize) -> Text {
        let n = n.max(1);
        Text::new(&self.all().chain(core::iter::repeat("")).take(n).collect::<Vec<_>>())
    }

    /// How many languages the text has room for (the set's, once compiled or decoded).
    pub fn langs(&self) -> usize {
        self.all().count()
    }

    /// Every language's text, in the order of [`DataSet::langs`], empty where it was not given.
    pub fn all(&self) -> Langs<'_> {
        match self.0.split_once(';') {
            Some((head, body)) => Langs { head, body, done: false },
            None => Langs { head: "", body: "", done: true },
        }
    }

    /// The text in language `lang` exactly: empty where it was not given, or the text has no such language.
    pub fn at(&self, lang: usize) -> &str {
        self.all().nth(lang).unwrap_or("")
    }

    /// The text in language `lang` (an index into [`DataSet::langs`]) or, where it has none, in the default
    /// language; with the index of the language it is in.
    pub fn get(&self, lang: usize) -> (&str, usize) {
        match self.at(lang) {
            "" => (self.in_default(), 0),
            s => (s, lang),
        }
    }

    /// The text in language `lang`, or in the default language: [`Text::get`] without the language.
    pub fn pick(&self, lang: usize) -> &str {
        self.get(lang).0
    }

    /// The text in the default language.
    pub fn in_default(&self) -> &str {
        self.at(0)
    }

    /// Every language's text that was given, with its language index.
    pub fn given(&self) -> impl Iterator<Item = (usize, &str)> {
        self.all().enumerate().filter(|(_, s)| !s.is_empty())
    }

    /// Every language's text as a list.
    pub fn to_vec(&self) -> Vec<String> {
        self.all().map(String::from).collect()
    }

    /// Changes the text in language `lang` (an index into [`DataSet::langs`], which the text must have room for).
    pub fn edit(&mut self, lang: usize, f: impl FnOnce(&mut String)) {
        let mut all = self.to_vec();
        if let Some(s) = all.get_mut(lang) {
            f(s);
        }
        *self = Text::new(&all);
    }
}

impl core::fmt::Debug for Text {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Text").field(&self.all().collect::<Vec<_>>()).finish()
    }
}

/// See [`Text::all`]: the lengths still to read, and the texts not yet returned.
pub struct Langs<'a> {
    head: &'a str,
    body: &'a str,
    done: bool,
}

impl<'a> Iterator for Langs<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        if self.done {
            return None;
        }
        if self.head.is_empty() {
            self.done = true;
            return Some(self.body);
        }
        let (len, rest) = self.head.split_once(',').unwrap_or((self.head, ""));
        self.head = rest;
        // `Text::new` wrote the lengths at character boundaries; a text cannot be made otherwise.
        let at = crate::number::read(len).unwrap_or(0);
        let (s, rest) = self.body.split_at_checked(at).unwrap_or(("", self.body));
        self.body = rest;
        Some(s)
    }
}

/// Defines a fieldless enum from one list of its variants, each with its code (its name in data files, bundles and
/// JS objects), and with it: `ALL`, every variant in declaration order (so `ALL[v as usize] == v`); `COUNT`, their
/// number; the code method and its inverse, with the names given. A variant cannot be left out of `ALL` or lack a
/// code, and a table indexed by `v as usize` and sized by `COUNT` (the words for each entity kind in
/// `format.rs`) does not compile until it has an entry for a new variant.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $code:ident, $from_code:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($name::$variant),+].len()] = [$($name::$variant),+];
            /// The number of variants: the size of every table indexed by `v as usize`.
            pub const COUNT: usize = $name::ALL.len();

            /// The variant's name in data files, bundles and JS objects.
            pub fn $code(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn $from_code(c: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.$code() == c)
            }
        }
    };
}

coded_enum! {
    /// The scale word a source prints after a number ("46.3 billion"); [`Scale::word`] is the English word, empty
    /// for [`Scale::One`].
    pub enum Scale: word, from_word {
        One = "",
        Thousand = "thousand",
        Million = "million",
        Billion = "billion",
        Trillion = "trillion",
    }
}

impl Scale {
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
}

/// What a figure counts or measures, by its code: an ISO 4217 currency (`CNY`, `EUR`), a CLDR unit
/// (`kilometer`, `megawatt-hour`), `percent`, `percentage-point` (a change in a rate), `fold` (a multiple:
/// "3.5-fold"), `count`, or a unit the data set
/// declares itself (`trip`). The compiler checks the code and formats the figure in every language of the set, so
/// the core needs no unit tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit(pub String);

impl Unit {
    pub fn code(&self) -> &str {
        &self.0
    }

    /// The unit of a change in a rate: `percentage-point` ("7.1% fell by 1.3 percentage points").
    pub const PERCENTAGE_POINT: &'static str = "percentage-point";

    /// Percentage points: a change in a rate, never a rate itself.
    pub fn is_percentage_point(&self) -> bool {
        self.0 == Self::PERCENTAGE_POINT
    }

    /// An ISO 4217 currency code: three capital letters.
    pub fn is_currency(&self) -> bool {
        self.0.len() == 3 && self.0.bytes().all(|b| b.is_ascii_uppercase())
    }
}

coded_enum! {
    /// How exact a figure is, as the source words it.
    pub enum Qualifier: code, from_code {
        Exact = "exact",
        /// "about", "around"
        About = "about",
        /// "more than", "over", "exceeds"
        Over = "over",
        /// "close to", "nearly"
        Nearly = "nearly",
        /// "at least"
        AtLeast = "at-least",
        /// "less than", "under"
        Under = "under",
    }
}

/// An amount with its scale and unit: `46.3 billion CNY`.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    pub label: Text,
    pub value: Amount,
    pub qualifier: Qualifier,
    /// The period the figure covers, when it differs from its fact's date (ISO 8601).
    pub period: Option<String>,
    /// A change (growth, increase) rather than a level.
    pub change: bool,
    /// The source's own conversion into another currency.
    pub converted: Option<Amount>,
    /// The figure as readers see it, in each language: qualifier, amount, unit and conversion ("about US$6.95
    /// billion"). Formatted from CLDR by the compiler, so the wasm carries no locale data.
    pub text: Text,
    /// The amount with its unit alone ("US$6.95 billion"), for a chart's bars.
    pub amount_text: Text,
    /// [`Figure::period`] in words, in each language.
    pub period_text: Option<Text>,
}

impl Figure {
    /// A change (growth, a fall) rather than a level: marked so, or in percentage points.
    pub fn is_change(&self) -> bool {
        self.change || self.value.unit.is_percentage_point()
    }
}

/// Where facts come from.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: Text,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// The date in words, in each language.
    pub date_text: Text,
    pub author: Option<String>,
    pub url: Option<String>,
    /// The language the source is written in (a BCP 47 tag).
    pub language: String,
    /// File name of the source text in the curators' folder.
    pub seed: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Topic {
    pub id: String,
    pub name: Text,
}

coded_enum! {
    /// What an entity is. One list defines the kinds and their codes; a new kind cannot be forgotten: JSON-LD types
    /// it with an exhaustive match ([`crate::jsonld`]), and cards name it from `Words::kinds` in
    /// [`crate::format`], an array of [`EntityKind::COUNT`] words per language that does not compile until every
    /// language has a word for it.
    pub enum EntityKind: code, from_code {
        Country = "country",
        Province = "province",
        Municipality = "municipality",
        City = "city",
        District = "district",
        Area = "area",
        Company = "company",
        Institution = "institution",
        Plan = "plan",
        Product = "product",
        Event = "event",
        Person = "person",
        Industry = "industry",
    }
}

/// A place, company, institution, plan or product that facts are about.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub id: String,
    pub name: Text,
    pub kind: EntityKind,
    /// Index of the parent entity (the place it lies in, or its owner).
    pub parent: Option<u32>,
    pub aliases: Vec<String>,
    pub description: Option<Text>,
}

/// A correction of a published fact: when, what was wrong, and what changed.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Correction {
    /// When the correction was made, `YYYY-MM-DD`.
    pub date: String,
    /// [`Correction::date`] in words, in each language.
    pub date_text: Text,
    /// What the published fact got wrong.
    pub wrong: Text,
    /// What was changed.
    pub changed: Text,
}

/// One checked statement with its figures and source.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Fact {
    pub id: String,
    pub title: Text,
    pub statement: Text,
    /// Index into [`DataSet::sources`].
    pub source: u32,
    /// Indexes into [`DataSet::entities`].
    pub entities: Vec<u32>,
    /// Indexes into [`DataSet::topics`].
    pub topics: Vec<u32>,
    /// The date or period the fact refers to (ISO 8601, possibly an interval).
    pub date: String,
    /// [`Fact::date`] in words, in each language.
    pub date_text: Text,
    /// An editor's note.
    pub note: Option<Text>,
    pub figures: Vec<Figure>,
    /// When the fact was last updated (a new release of its figures, say), `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// [`Fact::updated`] in words, in each language.
    pub updated_text: Option<Text>,
    /// Corrections, oldest first.
    pub corrections: Vec<Correction>,
    /// Older than its set allows (`stale_after`) when the set was compiled: the card says "as of …" up front.
    pub stale: bool,
}

impl Fact {
    /// The date of the latest change to the fact, `YYYY-MM-DD`: its update or its latest correction (for
    /// JSON-LD's `dateModified`).
    pub fn modified(&self) -> Option<&str> {
        let latest = self.corrections.iter().map(|c| c.date.as_str()).max();
        match (self.updated.as_deref(), latest) {
            (Some(u), Some(c)) => Some(u.max(c)),
            (u, c) => u.or(c),
        }
    }
}

impl Fact {
    /// "Updated on …" in words, unless a correction was made that same day: the correction is the stronger
    /// notice, and a card says its date once ("Corrected on 2 March 2022", not that and "Updated on 2 March 2022").
    pub fn update_notice(&self) -> Option<&Text> {
        let u = self.updated.as_deref()?;
        if self.corrections.iter().any(|c| c.date == u) {
            return None;
        }
        self.updated_text.as_ref()
    }

    /// The years its date or period covers: "2021-08" is 2021, "2019/2021" is 2019 to 2021 (at most 100 years;
    /// none for a date without a year).
    pub fn years(&self) -> core::ops::RangeInclusive<u16> {
        let year = |s: &str| s.get(..4).and_then(crate::number::read).map(|y| y as u16);
        let (from, to) = self.date.split_once('/').unwrap_or((&self.date, &self.date));
        match (year(from), year(to)) {
            (Some(a), Some(b)) if b >= a => a..=b.min(a + 99),
            (Some(a), _) => a..=a,
            _ => core::ops::RangeInclusive::new(1, 0), // empty
        }
    }
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
    /// The languages of the data set, as BCP 47 tags; the first is the default, which every text has.
    pub langs: Vec<String>,
    pub sources: Vec<Source>,
    pub topics: Vec<Topic>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    /// Derived by [`DataSet::link`]: for each entity, the facts about it or anything inside it, in id order.
    pub about: Vec<Vec<u32>>,
    /// Derived by [`DataSet::link`]: for each entity, the facts about it itself, in id order.
    pub direct: Vec<Vec<u32>>,
    /// Derived by [`DataSet::link`]: what ranking related facts weighs of each fact.
    pub rank: crate::related::Keys,
}

impl DataSet {
    /// Builds [`DataSet::about`], [`DataSet::direct`] and [`DataSet::rank`]; the compiler and the bundle decoder call it once facts
    /// are in id order.
    pub fn link(&mut self) {
        let mut about = vec![Vec::new(); self.entities.len()];
        let mut direct = vec![Vec::new(); self.entities.len()];
        for (fi, f) in self.facts.iter().enumerate() {
            for &e in &f.entities {
                let list: &mut Vec<u32> = &mut direct[e as usize];
                if list.last() != Some(&(fi as u32)) {
                    list.push(fi as u32);
                }
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
        self.direct = direct;
        self.rank = crate::related::Keys::of(&self.facts);
    }

    /// The entities that entity `e` lies in, nearest first (Liangjiang: Chongqing, then China). A chain that loops
    /// (which the compiler and the decoder refuse) stops after as many steps as there are entities.
    pub fn ancestors(&self, e: usize) -> impl Iterator<Item = usize> + '_ {
        Ancestors { ds: self, cur: self.entities.get(e).and_then(|x| x.parent), left: self.entities.len() + 1 }
    }

    /// The language of the set that best serves a reader who asked for `tag` (BCP 47, any case): the same tag,
    /// else the set's language that `tag` refines (`zh` for `zh-Hans-CN`, `pt` for `pt-BR`), else one of the same
    /// language (`pt-BR` for `pt-PT`), else the default (index 0).
    pub fn lang_index(&self, tag: &str) -> usize {
        let tag = tag.trim();
        let primary = |t: &str| t.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let refines = |set: &str| {
            tag.len() > set.len() && tag.as_bytes()[set.len()] == b'-' && tag[..set.len()].eq_ignore_ascii_case(set)
        };
        let found = self.langs.iter().position(|l| l.eq_ignore_ascii_case(tag)).or_else(|| {
            let longest = self.langs.iter().enumerate().filter(|(_, l)| refines(l)).max_by_key(|(_, l)| l.len());
            longest.map(|(i, _)| i)
        });
        found.or_else(|| self.langs.iter().position(|l| primary(l) == primary(tag))).unwrap_or(0)
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

    /// The entity whose id, name in any language or alias is `key`, as search compares words (see
    /// [`crate::names::find`]).
    pub fn entity_index(&self, key: &str) -> Option<usize> {
        crate::names::find(self, crate::names::Named::Entity, key)
    }

    /// The topic whose id or name in any language is `key` (see [`crate::names::find`]).
    pub fn topic_index(&self, key: &str) -> Option<usize> {
        crate::names::find(self, crate::names::Named::Topic, key)
    }

    /// The source whose id or title in any language is `key` (see [`crate::names::find`]).
    pub fn source_index(&self, key: &str) -> Option<usize> {
        crate::names::find(self, crate::names::Named::Source, key)
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
        assert_eq!(Decimal::parse("-1"), Some(Decimal { digits: 1, frac: 0, neg: true }));
        assert_eq!(Decimal::parse("--1"), None);
        assert_eq!(Decimal::parse("-0"), Some(Decimal::default()));
        assert_eq!(Decimal::parse(".5"), None);
        assert_eq!(Decimal::parse("1500"), Some(Decimal { digits: 1500, frac: 0, neg: false }));
        assert_eq!(Decimal::parse("0.66"), Some(Decimal { digits: 66, frac: 2, neg: false }));
        assert_eq!(Decimal::parse("99999999999999999999"), None);
    }

    /// A text's strings come back as they went in, whatever they hold (the separators of its own form, digits,
    /// empty strings in any language), and the accessors read them as a list of strings would.
    #[test]
    fn texts_keep_every_language_as_given() {
        let cases: [&[&str]; 6] = [
            &[],
            &[""],
            &["Buses"],
            &["1;2,3", "重庆;", ""],
            &["", "only the second", "", "4"],
            &[";", ",", "12", "", ";;"],
        ];
        for langs in cases {
            let t = Text::new(langs);
            assert_eq!(t.to_vec(), langs, "{t:?}");
            assert_eq!(t.langs(), langs.len());
            for (i, s) in langs.iter().enumerate() {
                assert_eq!(t.at(i), *s);
                let want = if s.is_empty() { (langs.first().copied().unwrap_or(""), 0) } else { (*s, i) };
                assert_eq!(t.get(i), want);
            }
            assert_eq!(t.at(langs.len()), "");
            let given: Vec<(usize, &str)> = langs.iter().copied().enumerate().filter(|(_, s)| !s.is_empty()).collect();
            assert_eq!(t.given().collect::<Vec<_>>(), given);
            assert_eq!(t.clone().padded(langs.len() + 2).to_vec().len(), langs.len() + 2);
        }
        assert_eq!(Text::default(), Text::new::<&str>(&[]));
        assert_eq!(Text::one("a").padded(3).to_vec(), ["a", "", ""]);
        assert_eq!(Text::new(&["a", "b", "c"]).padded(2), Text::new(&["a", "b"]));
        assert_ne!(Text::new(&["a"]), Text::new(&["a", ""]));
        let mut t = Text::new(&["Chongqing", "重庆"]);
        t.edit(1, |s| s.push('市'));
        assert_eq!(t.to_vec(), ["Chongqing", "重庆市"]);
        assert_eq!(format!("{t:?}"), r#"Text(["Chongqing", "重庆市"])"#);
    }

    #[test]
    fn readers_languages_meet_the_sets() {
        let ds = DataSet { langs: vec!["en".into(), "zh".into(), "pt-BR".into()], ..DataSet::default() };
        for (asked, got) in
            [("zh", 1), ("ZH-Hans-CN", 1), ("zh_TW", 1), ("pt", 2), ("pt-PT", 2), ("pt-BR", 2), ("fr", 0), ("", 0)]
        {
            assert_eq!(ds.lang_index(asked), got, "{asked}");
        }
    }

    /// Each list's codes are distinct, non-empty but for [`Scale::One`] (written without a word), and read back
    /// as their variant, which `ALL` holds at its index (`coded_enum!` builds `ALL` from the variants, so it cannot
    /// miss one).
    #[test]
    fn coded_enums_codes_round_trip_and_all_is_complete() {
        fn check<T: Copy + PartialEq + core::fmt::Debug>(
            all: &[T],
            index: fn(T) -> usize,
            code: fn(T) -> &'static str,
            from: fn(&str) -> Option<T>,
        ) {
            for (i, &v) in all.iter().enumerate() {
                assert_eq!(index(v), i, "{v:?}");
                assert_eq!(from(code(v)), Some(v), "{v:?}");
                assert_eq!(all.iter().filter(|&&w| code(w) == code(v)).count(), 1, "{v:?}: code shared");
            }
            assert_eq!(from("no such code"), None);
        }
        check(&Scale::ALL, |v| v as usize, Scale::word, Scale::from_word);
        check(&Qualifier::ALL, |v| v as usize, Qualifier::code, Qualifier::from_code);
        check(&EntityKind::ALL, |v| v as usize, EntityKind::code, EntityKind::from_code);
        assert!(Scale::ALL.iter().all(|s| s.word().is_empty() == (*s == Scale::One)));
        assert!(Qualifier::ALL.iter().all(|q| !q.code().is_empty()));
        assert!(EntityKind::ALL.iter().all(|k| !k.code().is_empty()));
    }

    #[test]
    fn amount_value() {
        let a = Amount { amount: Decimal::parse("46.3").unwrap(), scale: Scale::Billion, unit: Unit("CNY".into()) };
        assert!((a.value() - 46.3e9).abs() < 1.0);
    }
}
