//! Arbitrary strings and numbers into the formatting functions. None may panic (digits up to `u64::MAX`,
//! up to 18 decimals, every scale and unit). Beyond that:
//! - `escape` leaves no raw `<`, `>`, `"` or `'`, and unescapes back to its input;
//! - `json::string_into` (formerly `jsonld::string_into`) writes a JSON string literal with no raw `<`, `>`, `&`, control or line-separator
//!   character, which parses back to its input;
//! - `decimal_en` and `number_zh` write the exact value (checked against an independent big-decimal oracle),
//!   `number_zh` with the largest Chinese unit that keeps one to four integer digits;
//! - `Decimal::parse` reads back what it accepts;
//! - `view::fact` writes valid JSON whose `amount` and `value` numbers are the exact decimals;
//! - a card, entity card, chart and JSON-LD built from the same strings and numbers hold no unescaped markup.

#![no_main]

use arbitrary::Arbitrary;
use factcard_core::format::{self, Lang};
use factcard_core::model::*;
use factcard_core::{card, jsonld, view};
use factcard_fuzz::{
    assert_only_known_tags, canonical, check_json_string, check_jsonld, check_view_fact, decimal, parse_json,
    shift_decimal, unescape_html,
};
use libfuzzer_sys::fuzz_target;

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
            unit: Unit::ALL[usize::from(self.unit) % Unit::ALL.len()],
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
    let d = a.amount;
    // decimal_en: the exact value, with commas every three integer digits.
    let en = format::decimal_en(d);
    let (int, _) = en.split_once('.').unwrap_or((&en, ""));
    let groups: Vec<&str> = int.split(',').collect();
    assert!(
        groups[0].len() <= 3 && !groups[0].is_empty() && groups[1..].iter().all(|g| g.len() == 3),
        "bad grouping {en:?}"
    );
    assert_eq!(en.replace(',', ""), canonical(d.digits, -i32::from(d.frac)), "decimal_en({d:?})");

    // number_zh: the exact value, in 万 / 亿 / 万亿 with 1 to 4 integer digits (fewer than 1 only below 1).
    let zh = format::number_zh(a);
    let (num, pow, word) = if let Some(n) = zh.strip_suffix("万亿") {
        (n, 12, "万亿")
    } else if let Some(n) = zh.strip_suffix('亿') {
        (n, 8, "亿")
    } else if let Some(n) = zh.strip_suffix('万') {
        (n, 4, "万")
    } else {
        (zh.as_str(), 0, "")
    };
    assert!(num.bytes().all(|b| b.is_ascii_digit() || b == b'.'), "number_zh({a:?}) = {zh:?}");
    let exact = canonical(d.digits, i32::from(a.scale.exponent()) - i32::from(d.frac));
    assert_eq!(shift_decimal(num, pow), exact, "number_zh({a:?}) = {zh:?}");
    if d.digits != 0 {
        let int_len = num.split('.').next().unwrap().trim_start_matches('0').len();
        assert!(word == "万亿" || int_len <= 4, "number_zh({a:?}) = {zh:?}: too many digits for {word:?}");
        assert!(word.is_empty() || int_len >= 1, "number_zh({a:?}) = {zh:?}: under one {word}");
    }

    for lang in [Lang::En, Lang::Zh] {
        let t = format::amount_text(a, lang);
        assert!(!t.is_empty());
    }
}

fuzz_target!(|input: In| {
    let s = input.text;

    for lang in [Lang::En, Lang::Zh] {
        let p = format::period_text(s, lang);
        assert!(!p.is_empty() || s.is_empty());
    }
    let _ = Lang::from_tag(s);

    let e = format::escape(s);
    assert!(!e.contains(['<', '>', '"', '\'']), "escape({s:?}) = {e:?}");
    assert_eq!(unescape_html(&e), s, "escape({s:?}) = {e:?} does not unescape");

    check_json_string(s);

    if let Some(d) = Decimal::parse(s) {
        assert!(d.frac <= 9, "Decimal::parse({s:?}) = {d:?}");
        assert_eq!(canonical(d.digits, -i32::from(d.frac)), shift_decimal(s, 0), "Decimal::parse({s:?}) = {d:?}");
    }

    // Figures: each on its own, then together on a card.
    let figures: Vec<Figure> = input
        .figures
        .iter()
        .take(4)
        .map(|g| Figure {
            label: g.label.to_string(),
            label_zh: g.label.to_string(),
            value: g.value.amount(),
            qualifier: Qualifier::ALL[usize::from(g.qualifier) % Qualifier::ALL.len()],
            period: g.period.map(str::to_string),
            change: g.change,
            converted: g.converted.as_ref().map(Num::amount),
        })
        .collect();
    for (g, f) in input.figures.iter().zip(&figures) {
        assert_eq!(format::uint(g.value.digits), g.value.digits.to_string());
        check_amount(&f.value);
        if let Some(c) = &f.converted {
            check_amount(c);
        }
        for lang in [Lang::En, Lang::Zh] {
            let _ = format::figure_text(f, lang);
        }
    }

    let o = input.other;
    let mut ds = DataSet {
        sources: vec![Source {
            id: "s".into(),
            publisher: s.into(),
            title: o.into(),
            date: o.into(),
            author: Some(s.into()),
            url: Some(["https://x.test/", s].concat()),
            language: o.into(),
            seed: None,
            note: None,
        }],
        topics: vec![Topic { id: "t".into(), name: s.into(), name_zh: o.into() }],
        entities: vec![Entity {
            id: "e".into(),
            name: s.into(),
            name_zh: o.into(),
            kind: o.into(),
            parent: None,
            aliases: vec![s.into()],
            description: None,
            description_zh: None,
        }],
        facts: vec![Fact {
            id: s.into(),
            title: s.into(),
            title_zh: o.into(),
            statement: o.into(),
            statement_zh: s.into(),
            source: 0,
            entities: vec![0],
            topics: vec![0],
            date: s.into(),
            note: Some(o.into()),
            note_zh: Some(s.into()),
            figures,
        }],
        about: Vec::new(),
    };
    ds.link();
    let f = &ds.facts[0];
    for lang in [Lang::En, Lang::Zh] {
        assert_only_known_tags(&card::card_html(&ds, f, lang), "card_html");
        assert_only_known_tags(&card::entity_html(&ds, 0, lang), "entity_html");
        if let Some(svg) = factcard_core::chart::bars(f, lang) {
            assert_only_known_tags(&svg, "chart::bars");
        }
        check_jsonld(&jsonld::claim(&ds, f, lang));
        let _ = format::card_text(&ds, f, lang);
    }
    check_view_fact(&ds, 0);
    parse_json(&view::entity_with_facts(&ds, 0), "view::entity_with_facts");
    assert_only_known_tags(&card::not_found_html(s, Lang::Zh), "not_found_html");
});
