//! Arbitrary strings and numbers into the formatting functions. None may panic (digits up to `u64::MAX`,
//! up to 18 decimals, every scale, any language tag). Beyond that:
//! - `escape` leaves no raw `<`, `>`, `"` or `'`, and unescapes back to its input;
//! - `json::string_into` writes a JSON string literal with no raw `<`, `>`, `&`, control or line-separator
//!   character, which parses back to its input;
//! - CLDR formatting (`factcard_dataset::locale`) writes the exact value: English plain numbers with commas every
//!   three integer digits, English compact numbers with their scale word, Chinese ones in 万 / 亿 / 万亿 (checked
//!   against an independent big-decimal oracle);
//! - `Decimal::parse` reads back what it accepts;
//! - `view::fact` writes valid JSON whose `amount` and `value` numbers are the exact decimals;
//! - a card, entity card, chart and JSON-LD built from the same strings and numbers hold no unescaped markup, in a
//!   language the set has, one it lacks, and any tag a page may give.

#![no_main]

use arbitrary::Arbitrary;
use factcard_dataset::locale::Formatter;
use factcard_core::format;
use factcard_core::model::*;
use factcard_core::{card, jsonld, view};
use factcard_fuzz::{
    assert_only_known_tags, canonical, check_json_string, check_jsonld, check_view_fact, decimal, parse_json,
    shift_decimal, unescape_html,
};
use libfuzzer_sys::fuzz_target;

thread_local! {
    /// English and Chinese formatters, built once (loading CLDR data is the slow part).
    static FORMATTERS: (Formatter, Formatter) = (Formatter::new("en").unwrap(), Formatter::new("zh").unwrap());
}

#[derive(Arbitrary, Debug)]
struct Num {
    digits: u64,
    frac: u8,
    scale: u8,
    unit: u8,
}

impl Num {
    fn amount(&self) -> Amount {
        Amount {
            amount: decimal(self.digits, self.frac),
            scale: Scale::ALL[usize::from(self.scale) % Scale::ALL.len()],
            unit: Unit(["CNY", "USD", "percent", "count", "kilometer", "trip"][usize::from(self.unit) % 6].into()),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Fig<'a> {
    label: &'a str,
    value: Num,
    qualifier: u8,
    period: Option<&'a str>,
    change: bool,
    converted: Option<Num>,
}

#[derive(Arbitrary, Debug)]
struct In<'a> {
    text: &'a str,
    other: &'a str,
    figures: Vec<Fig<'a>>,
}

fn check_amount(a: &Amount) {
    FORMATTERS.with(|(en, zh)| check_amount_in(a, en, zh));
}

fn check_amount_in(a: &Amount, en: &Formatter, zh: &Formatter) {
    let d = a.amount;
    // A plain English number: the exact value, with commas every three integer digits.
    let plain = en.number(d);
    let (int, _) = plain.split_once('.').unwrap_or((&plain, ""));
    let groups: Vec<&str> = int.split(',').collect();
    assert!(
        groups[0].len() <= 3 && !groups[0].is_empty() && groups[1..].iter().all(|g| g.len() == 3),
        "bad grouping {plain:?}"
    );
    // The same value (the data's own trailing zeros may stay: "1.20").
    assert_eq!(shift_decimal(&plain.replace(',', ""), 0), canonical(d.digits, -i32::from(d.frac)), "number({d:?})");
    let exact = canonical(d.digits, i32::from(a.scale.exponent()) - i32::from(d.frac));

    // English compact: the exact value, in full or with its scale word.
    let c = en.compact(d, a.scale.exponent());
    let (num, pow) = [(" trillion", 12), (" billion", 9), (" million", 6)]
        .iter()
        .find_map(|&(w, p)| c.strip_suffix(w).map(|n| (n, p)))
        .unwrap_or((c.as_str(), 0));
    assert_eq!(shift_decimal(&num.replace(',', ""), pow), exact, "en compact({a:?}) = {c:?}");

    // Chinese compact: the exact value, in 万 / 亿 / 万亿.
    let z = zh.compact(d, a.scale.exponent());
    let (num, pow) = [("万亿", 12), ("亿", 8), ("万", 4)]
        .iter()
        .find_map(|&(w, p)| z.strip_suffix(w).map(|n| (n, p)))
        .unwrap_or((z.as_str(), 0));
    assert!(num.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b','), "zh compact({a:?}) = {z:?}");
    assert_eq!(shift_decimal(&num.replace(',', ""), pow), exact, "zh compact({a:?}) = {z:?}");
}

/// A text in the set's two languages.
fn two(a: &str, b: &str) -> Text {
    Text::new(&[a, b])
}

fuzz_target!(|input: In| {
    let s = input.text;
    // Any tag, even one that is not BCP 47, gives a formatter or an error, never a panic.
    let _ = Formatter::new(s);

    let e = format::escape(s);
    assert!(!e.contains(['<', '>', '"', '\'']), "escape({s:?}) = {e:?}");
    assert_eq!(unescape_html(&e), s, "escape({s:?}) = {e:?} does not unescape");

    check_json_string(s);

    if let Some(d) = Decimal::parse(s) {
        assert!(d.frac <= 9, "Decimal::parse({s:?}) = {d:?}");
        let digits = s.strip_prefix('-').unwrap_or(s);
        assert_eq!(canonical(d.digits, -i32::from(d.frac)), shift_decimal(digits, 0), "Decimal::parse({s:?}) = {d:?}");
    }

    // Figures: each checked on its own (the texts a compiler would have formatted are the fuzzer's strings here),
    // then together on a card.
    let o = input.other;
    let figures: Vec<Figure> = input
        .figures
        .iter()
        .take(4)
        .map(|g| Figure {
            label: two(g.label, ""),
            value: g.value.amount(),
            qualifier: Qualifier::ALL[usize::from(g.qualifier) % Qualifier::ALL.len()],
            period: g.period.map(str::to_string),
            change: g.change,
            converted: g.converted.as_ref().map(Num::amount),
            text: two(s, o),
            amount_text: two(o, s),
            period_text: g.period.map(|p| two(p, p)),
        })
        .collect();
    for f in &figures {
        check_amount(&f.value);
        if let Some(c) = &f.converted {
            check_amount(c);
        }
    }

    let mut ds = DataSet {
        langs: vec!["en".into(), "zh".into()],
        sources: vec![Source {
            id: "s".into(),
            publisher: s.into(),
            title: two(o, ""),
            date: o.into(),
            date_text: two(o, s),
            author: Some(s.into()),
            url: Some(["https://x.test/", s].concat()),
            language: o.into(),
            seed: None,
            note: None,
        }],
        topics: vec![Topic { id: "t".into(), name: two(s, o) }],
        entities: vec![Entity {
            id: "e".into(),
            name: two(s, o),
            kind: EntityKind::ALL[s.len() % EntityKind::ALL.len()],
            parent: None,
            aliases: vec![s.into()],
            description: Some(two(o, "")),
        }],
        facts: vec![Fact {
            id: s.into(),
            title: two(s, o),
            statement: two(o, s),
            source: 0,
            entities: vec![0],
            topics: vec![0],
            date: s.into(),
            date_text: two(s, o),
            note: Some(two(o, s)),
            figures,
            updated: Some(s.into()),
            updated_text: Some(two(o, s)),
            corrections: vec![factcard_core::model::Correction {
                date: s.into(),
                date_text: two(s, o),
                wrong: two(o, s),
                changed: two(s, o),
            }],
            stale: true,
        }],
        about: Vec::new(),
    };
    ds.link();
    let f = &ds.facts[0];
    for tag in ["en", "zh", "fr", s] {
        let lang = ds.lang(tag);
        assert_only_known_tags(&card::card_html(&ds, f, lang), "card_html");
        assert_only_known_tags(&card::entity_html(&ds, 0, lang), "entity_html");
        if let Some(svg) = factcard_core::chart::bars(f, lang) {
            assert_only_known_tags(&svg, "chart::bars");
        }
        check_jsonld(&jsonld::claim(&ds, f, lang));
        let _ = format::card_text(&ds, f, lang);
        assert_only_known_tags(&card::not_found_html(s, lang), "not_found_html");
    }
    check_view_fact(&ds, 0);
    parse_json(&view::entity_with_facts(&ds, 0), "view::entity_with_facts");
});
