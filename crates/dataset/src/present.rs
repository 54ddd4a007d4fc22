//! Figures and dates as readers see them, in every language of a data set: the compiler formats them once,
//! from CLDR through ICU4X ([`crate::locale`]), and stores the texts in the data set (so in the bundle and the
//! prerendered cards). The wasm therefore needs no locale data and renders exactly what the prerendered cards
//! show.
//!
//! What CLDR does not say (the words for "about", "over", a change, a multiple, the conversion's parentheses,
//! quarters) comes from [`Phrases`], for the languages factcard knows; other languages get signs that read in
//! any language (`≈`, `>`, `≥`, `<`, `×`).

use factcard_core::model::{Amount, DataSet, Decimal, Fact, Figure, Qualifier, Text};
use rayon::prelude::*;

use crate::locale::{Formatter, Symbol};
use crate::units::{self, Declared, Kind};

/// Words around a figure, in one language.
// `qualifier as usize - 1` below is the index of every qualifier but `Exact`.
const _: () = assert!(Qualifier::Exact as usize == 0, "Exact must stay the first qualifier");

struct Phrases {
    tag: &'static str,
    /// About, over, nearly, at least, under: the words before and after the amount, indexed by `qualifier as usize
    /// - 1` (every qualifier after `Exact`, which has none: a new one does not compile until it has words here).
    qualifiers: [(&'static str, &'static str); Qualifier::COUNT - 1],
    /// A rise and a fall: before and after the amount.
    up: (&'static str, &'static str),
    down: (&'static str, &'static str),
    /// Around the source's conversion into another currency.
    converted: (&'static str, &'static str),
    /// A multiple: before and after the number.
    fold: (&'static str, &'static str),
    /// Between a number and a declared unit's name.
    unit_space: &'static str,
    /// An amount for each person: before and after it.
    per_person: (&'static str, &'static str),
    /// The first quarter, half and three quarters of a year: before and after the year.
    quarters: Option<[(&'static str, &'static str); 3]>,
}

static PHRASES: [Phrases; 6] = [
    Phrases {
        tag: "en",
        qualifiers: [("about ", ""), ("over ", ""), ("nearly ", ""), ("at least ", ""), ("under ", "")],
        up: ("+", ""),
        down: ("\u{2212}", ""),
        converted: (" (about ", ")"),
        fold: ("", "-fold"),
        unit_space: " ",
        per_person: ("", " per person"),
        quarters: Some([("first quarter of ", ""), ("first half of ", ""), ("first three quarters of ", "")]),
    },
    Phrases {
        tag: "zh",
        qualifiers: [("约", ""), ("超过", ""), ("近", ""), ("至少", ""), ("不到", "")],
        up: ("增长", ""),
        down: ("下降", ""),
        converted: ("（约", "）"),
        fold: ("", "倍"),
        unit_space: "",
        per_person: ("人均", ""),
        quarters: Some([("", "年一季度"), ("", "年上半年"), ("", "年前三季度")]),
    },
    Phrases {
        tag: "de",
        qualifiers: [("etwa ", ""), ("über ", ""), ("fast ", ""), ("mindestens ", ""), ("unter ", "")],
        up: ("+", ""),
        down: ("\u{2212}", ""),
        converted: (" (etwa ", ")"),
        fold: ("", "-fach"),
        unit_space: " ",
        per_person: ("", " pro Kopf"),
        quarters: Some([("erstes Quartal ", ""), ("erstes Halbjahr ", ""), ("erste drei Quartale ", "")]),
    },
    Phrases {
        tag: "ja",
        qualifiers: [("約", ""), ("", "超"), ("", "近く"), ("", "以上"), ("", "未満")],
        up: ("", "増"),
        down: ("", "減"),
        converted: ("（約", "）"),
        fold: ("", "倍"),
        unit_space: "",
        per_person: ("1人当たり", ""),
        quarters: Some([("", "年第1四半期"), ("", "年上半期"), ("", "年1～9月")]),
    },
    Phrases {
        tag: "fr",
        qualifiers: [("environ ", ""), ("plus de ", ""), ("près de ", ""), ("au moins ", ""), ("moins de ", "")],
        up: ("+", ""),
        down: ("\u{2212}", ""),
        converted: (" (environ ", ")"),
        fold: ("", " fois"),
        unit_space: " ",
        per_person: ("", " par personne"),
        quarters: None,
    },
    Phrases {
        tag: "es",
        qualifiers: [("unos ", ""), ("más de ", ""), ("casi ", ""), ("al menos ", ""), ("menos de ", "")],
        up: ("+", ""),
        down: ("\u{2212}", ""),
        converted: (" (unos ", ")"),
        fold: ("", " veces"),
        unit_space: " ",
        per_person: ("", " por persona"),
        quarters: None,
    },
];

/// Signs for languages factcard has no words for.
static SIGNS: Phrases = Phrases {
    tag: "",
    qualifiers: [("≈\u{a0}", ""), (">\u{a0}", ""), ("≈\u{a0}", ""), ("≥\u{a0}", ""), ("<\u{a0}", "")],
    up: ("+", ""),
    down: ("\u{2212}", ""),
    converted: (" (≈\u{a0}", ")"),
    fold: ("×", ""),
    unit_space: " ",
    per_person: ("", " per person"),
    quarters: None,
};

fn phrases(tag: &str) -> &'static Phrases {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    PHRASES.iter().find(|p| p.tag.eq_ignore_ascii_case(primary)).unwrap_or(&SIGNS)
}

/// One language of the set, ready to format.
pub(crate) struct Language {
    index: usize,
    fmt: Formatter,
    words: &'static Phrases,
}

/// Formats every figure and date of `ds` in every language of the set. `declared` are the set's own units. Facts
/// are formatted on every core, a few thousand at a time, each batch with formatters of its own.
pub(crate) fn fill(ds: &mut DataSet, declared: &[Declared]) -> Result<(), String> {
    let langs = languages(&ds.langs)?;
    let symbols = currency_symbols(ds, &langs[0]);
    for s in &mut ds.sources {
        s.date_text = each(&langs, |l| period(l, &s.date));
    }
    let tags = &ds.langs;
    ds.facts.par_chunks_mut(4096).try_for_each(|facts| {
        let langs = languages(tags)?;
        for fact in facts {
            fill_fact(fact, &langs, declared, &symbols);
        }
        Ok(())
    })
}

/// The set's languages, ready to format.
fn languages(tags: &[String]) -> Result<Vec<Language>, String> {
    let language =
        |(index, tag): (usize, &String)| Ok(Language { index, fmt: Formatter::new(tag)?, words: phrases(tag) });
    tags.iter().enumerate().map(language).collect()
}

/// A text in every language.
fn each(langs: &[Language], f: impl Fn(&Language) -> String) -> Text {
    Text::new(&langs.iter().map(f).collect::<Vec<_>>())
}

fn fill_fact(fact: &mut Fact, langs: &[Language], declared: &[Declared], symbols: &[(String, Symbol)]) {
    fact.date_text = each(langs, |l| period(l, &fact.date));
    fact.updated_text = fact.updated.as_ref().map(|u| each(langs, |l| period(l, u)));
    for c in &mut fact.corrections {
        c.date_text = each(langs, |l| period(l, &c.date));
    }
    for g in &mut fact.figures {
        g.amount_text = each(langs, |l| amount(l, &g.value, declared, symbols));
        g.text = each(langs, |l| figure(l, g, declared, symbols));
        g.period_text = g.period.as_ref().map(|p| each(langs, |l| period(l, p)));
        debug_assert_eq!(g.text.langs(), langs.len());
    }
}

/// For each currency of the set, the symbol to show: CLDR's narrow one (¥, €) where no other currency of the set
/// shares it, else the standard one (CN¥ and JP¥ side by side); dollars always with the standard one (US$).
fn currency_symbols(ds: &DataSet, l: &Language) -> Vec<(String, Symbol)> {
    let mut codes: Vec<&str> = Vec::new();
    for g in ds.facts.iter().flat_map(|f| &f.figures) {
        for a in std::iter::once(&g.value).chain(&g.converted) {
            if a.unit.is_currency() && !codes.contains(&a.unit.code()) {
                codes.push(a.unit.code());
            }
        }
    }
    let one = Decimal { digits: 1, frac: 0, neg: false };
    let narrow: Vec<String> = codes
        .iter()
        .map(|c| l.fmt.currency(c, one, 0, Symbol::Narrow).replace(|ch: char| ch.is_ascii_digit(), ""))
        .collect();
    let narrow: Vec<String> = narrow.iter().map(|s| s.trim().to_string()).collect();
    codes
        .iter()
        .zip(&narrow)
        .map(|(c, sym)| {
            let shared = narrow.iter().filter(|s| *s == sym).count() > 1;
            (c.to_string(), if shared || sym.contains('$') { Symbol::Standard } else { Symbol::Narrow })
        })
        .collect()
}

/// The figure as readers see it: a change's sign or words, the qualifier, the amount, the conversion.
fn figure(l: &Language, g: &Figure, declared: &[Declared], symbols: &[(String, Symbol)]) -> String {
    let w = l.words;
    let body =
        amount(l, &Amount { amount: Decimal { neg: false, ..g.value.amount }, ..g.value.clone() }, declared, symbols);
    let neg = g.value.amount.neg;
    // A rise is "+5%" when exact (a sign next to "about" reads badly) or in words ("增长5%") always; a fall always.
    let (before, after) = match (g.is_change() && g.value.unit.code() != "fold", neg) {
        (true, true) => w.down,
        (true, false) if g.qualifier == Qualifier::Exact || !w.up.0.starts_with('+') => w.up,
        (false, true) => ("\u{2212}", ""),
        _ => ("", ""),
    };
    let (qb, qa) = match g.qualifier {
        Qualifier::Exact => ("", ""),
        q => w.qualifiers[q as usize - 1],
    };
    // A sign stands by its number ("about −3%"); words come first ("下降约3%").
    let signed = before.starts_with(['+', '\u{2212}']);
    let mut s = if signed { [qb, before, &body, qa, after].concat() } else { [before, qb, &body, qa, after].concat() };
    if let Some(c) = &g.converted {
        s.push_str(w.converted.0);
        s.push_str(&amount(l, c, declared, symbols));
        s.push_str(w.converted.1);
    }
    s
}

/// An amount with its unit, in words and signs of one language.
pub(crate) fn amount(l: &Language, a: &Amount, declared: &[Declared], symbols: &[(String, Symbol)]) -> String {
    let (d, p) = (Decimal { neg: false, ..a.amount }, a.scale.exponent());
    let sign = if a.amount.neg { "\u{2212}" } else { "" };
    let (code, each) = match units::per_person(a.unit.code()) {
        Some(u) => (u, l.words.per_person),
        None => (a.unit.code(), ("", "")),
    };
    let body = match units::kind(code, declared) {
        Some(Kind::Currency) => {
            let symbol = symbols.iter().find(|s| s.0 == code).map_or(Symbol::Standard, |s| s.1);
            l.fmt.currency(code, d, p, symbol)
        }
        Some(Kind::Percent) => l.fmt.percent(d, p),
        Some(Kind::PercentagePoint) => {
            let (one, other, space) = points(l.fmt.locale().as_str());
            let name = if l.fmt.plural(d, p) == crate::locale::Plural::One { one } else { other };
            [l.fmt.compact(d, p).as_str(), space, name].concat()
        }
        Some(Kind::Fold) => [l.words.fold.0, &l.fmt.compact(d, p), l.words.fold.1].concat(),
        Some(Kind::Cldr) => l.fmt.unit(code, d, p).unwrap_or_else(|_| l.fmt.compact(d, p)),
        Some(Kind::Symbol(sym)) => [l.fmt.compact(d, p).as_str(), "\u{a0}", sym].concat(),
        Some(Kind::Declared(i)) => {
            let (name, from) = declared[i].name(l.index, l.fmt.plural(d, p));
            // A name borrowed from the default language keeps its own spacing ("3 Liegeplätze" in Japanese too).
            let space = if from == l.index { l.words.unit_space } else { " " };
            [l.fmt.compact(d, p).as_str(), space, name].concat()
        }
        Some(Kind::Count) | None => l.fmt.compact(d, p),
    };
    [each.0, sign, &body, each.1].concat()
}

/// Percentage points in a language: the name for one (CLDR's plural category `one`: pt-BR and fr "1,3 ponto
/// percentual", "1,3 point de pourcentage") and for others, and the space before it; "pp" where factcard has no
/// words.
fn points(tag: &str) -> (&'static str, &'static str, &'static str) {
    match tag.split(['-', '_']).next().unwrap_or("") {
        "en" => ("percentage point", "percentage points", " "),
        "zh" => ("个百分点", "个百分点", ""),
        "ja" => ("ポイント", "ポイント", ""),
        "de" => ("Prozentpunkt", "Prozentpunkte", " "),
        "fr" => ("point de pourcentage", "points de pourcentage", "\u{a0}"),
        "es" => ("punto porcentual", "puntos porcentuales", " "),
        "pt" => ("ponto percentual", "pontos percentuais", " "),
        _ => ("pp", "pp", "\u{a0}"),
    }
}

/// `(year, month, day)` of `YYYY[-MM[-DD]]`.
fn ymd(s: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next().map(|m| m.parse().ok()).unwrap_or(Some(0))?;
    let d = it.next().map(|d| d.parse().ok()).unwrap_or(Some(0))?;
    Some((y, (m > 0).then_some(m), (d > 0).then_some(d)))
}

/// An ISO 8601 date or interval in words; the first quarter, half or three quarters of a year by name where the
/// language has words for them. Text that is not a date stays as it is.
pub(crate) fn period(l: &Language, p: &str) -> String {
    let Some((a, b)) = p.split_once('/') else {
        return ymd(p).map_or_else(|| p.to_string(), |(y, m, d)| l.fmt.date(y, m, d));
    };
    let (Some(x), Some(y)) = (ymd(a), ymd(b)) else {
        return p.to_string();
    };
    if let (Some(q), (y1, Some(1), None), (y2, Some(m2), None)) = (l.words.quarters, x, y) {
        if y1 == y2 && matches!(m2, 3 | 6 | 9) {
            let (before, after) = q[(m2 / 3 - 1) as usize];
            return [before, &y1.to_string(), after].concat();
        }
    }
    l.fmt.interval(x, y)
}
