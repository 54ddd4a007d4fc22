//! Checks shared by the fuzz targets: oracles for HTML and JSON output, and a bundle header builder.

use factcard_core::format;
use factcard_core::model::{Amount, DataSet, Decimal};
use factcard_core::{bundle, card, json, jsonld, view};

/// The tags the card, chart and not-found markup may open or close. Any other `<` in an output means that
/// text from the data reached the HTML unescaped.
const TAGS: &[&str] = &[
    "article", "h3", "p", "dl", "div", "dt", "dd", "span", "svg", "text", "rect", "time", "a", "details", "summary",
    "code", "ul", "li", "b",
];

/// The character reference at the start of `s` (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&#xHEX;`,
/// `&#DEC;`): the character it stands for and its length in bytes.
pub fn char_ref(s: &str) -> Option<(char, usize)> {
    for (name, c) in [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\'')] {
        if s.starts_with(name) {
            return Some((c, name.len()));
        }
    }
    let rest = s.strip_prefix("&#")?;
    let (radix, body) = match rest.strip_prefix(['x', 'X']) {
        Some(hex) => (16, hex),
        None => (10, rest),
    };
    let end = body.find(';')?;
    let digits = &body[..end];
    if digits.is_empty() || digits.len() > 8 || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let c = char::from_u32(u32::from_str_radix(digits, radix).ok()?)?;
    Some((c, s.len() - body.len() + end + 1))
}

/// Decodes the character references of escaped text; panics on a raw `&` that starts none.
pub fn unescape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(j) = s[i..].find('&') {
        out.push_str(&s[i..i + j]);
        let (c, n) = char_ref(&s[i + j..]).unwrap_or_else(|| panic!("raw `&` at byte {} of {s:?}", i + j));
        out.push(c);
        i += j + n;
    }
    out.push_str(&s[i..]);
    out
}

/// Panics unless every `<` in `html` opens or closes one of [`TAGS`], and every `>` closes a tag that opened.
pub fn assert_only_known_tags(html: &str, what: &str) {
    for (i, _) in html.match_indices('&') {
        assert!(char_ref(&html[i..]).is_some(), "{what}: raw `&` at byte {i}: {html}");
    }
    let b = html.as_bytes();
    let mut i = 0;
    let mut open = false;
    while i < b.len() {
        match b[i] {
            b'<' => {
                assert!(!open, "{what}: `<` inside a tag at byte {i}: {html}");
                let rest = &html[i + 1..];
                let rest = rest.strip_prefix('/').unwrap_or(rest);
                let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                assert!(TAGS.contains(&name.as_str()), "{what}: unexpected tag `<{name}` at byte {i}: {html}");
                open = true;
            }
            b'>' => {
                assert!(open, "{what}: raw `>` outside a tag at byte {i}: {html}");
                open = false;
            }
            b'"' | b'\'' if !open => panic!("{what}: raw quote in element text at byte {i}: {html}"),
            b'"' if open => {
                // A quoted attribute value: it must close before the tag ends, with no `<` or `>` inside.
                let end = html[i + 1..].find('"').map(|e| i + 1 + e);
                let end = end.unwrap_or_else(|| panic!("{what}: unterminated attribute at byte {i}: {html}"));
                let value = &html[i + 1..end];
                assert!(!value.contains(['<', '>']), "{what}: `<` or `>` in an attribute value: {value:?}");
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    assert!(!open, "{what}: unterminated tag: {html}");
}

/// Parses a JSON string literal as [`json::string_into`] writes it, back to the string; panics if it is not
/// one, or if it holds a character that must not appear raw inside an HTML script element.
pub fn unquote_json(lit: &str) -> String {
    let inner = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a JSON string literal: {lit:?}"));
    let mut out = String::new();
    let mut it = inner.chars();
    let mut pending_high: Option<u32> = None;
    while let Some(c) = it.next() {
        assert!(
            !(c == '"' || (c as u32) < 0x20 || matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}')),
            "raw {c:?} in JSON literal {lit:?}"
        );
        if c != '\\' {
            assert!(pending_high.is_none(), "lone high surrogate in {lit:?}");
            out.push(c);
            continue;
        }
        let e = it.next().unwrap_or_else(|| panic!("dangling backslash in {lit:?}"));
        let simple = match e {
            '"' => Some('"'),
            '\\' => Some('\\'),
            '/' => Some('/'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'u' => None,
            _ => panic!("bad escape \\{e} in {lit:?}"),
        };
        if let Some(s) = simple {
            assert!(pending_high.is_none(), "lone high surrogate in {lit:?}");
            out.push(s);
            continue;
        }
        let hex: String = (&mut it).take(4).collect();
        let n = u32::from_str_radix(&hex, 16).unwrap_or_else(|_| panic!("bad \\u{hex} in {lit:?}"));
        assert_eq!(hex.len(), 4, "short \\u escape in {lit:?}");
        match (pending_high.take(), n) {
            (None, 0xD800..=0xDBFF) => pending_high = Some(n),
            (Some(h), 0xDC00..=0xDFFF) => {
                out.push(char::from_u32(0x10000 + ((h - 0xD800) << 10) + (n - 0xDC00)).unwrap())
            }
            (None, 0xDC00..=0xDFFF) | (Some(_), _) => panic!("bad surrogate pair in {lit:?}"),
            (None, n) => out.push(char::from_u32(n).unwrap()),
        }
    }
    assert!(pending_high.is_none(), "lone high surrogate in {lit:?}");
    out
}

/// `s` through [`json::string_into`], checked to be a safe JSON literal that reads back as `s`.
pub fn check_json_string(s: &str) {
    let mut lit = String::new();
    json::string_into(&mut lit, s);
    assert_eq!(unquote_json(&lit), s, "JSON literal {lit:?} does not read back");
}

/// Parses JSON text that the core hands to JS (or puts in a page), panicking if it is not valid JSON.
pub fn parse_json(doc: &str, what: &str) -> serde_json::Value {
    serde_json::from_str(doc).unwrap_or_else(|e| panic!("{what} is not valid JSON ({e}): {doc}"))
}

/// Checks that a JSON-LD document is a JSON object and holds no character that could end its script element.
pub fn check_jsonld(doc: &str) {
    assert!(parse_json(doc, "JSON-LD").is_object(), "JSON-LD is not an object: {doc}");
    assert!(!doc.contains(['<', '>', '\u{2028}', '\u{2029}']), "unsafe character in JSON-LD: {doc}");
    assert!(!doc.chars().any(|c| (c as u32) < 0x20), "raw control character in JSON-LD: {doc}");
}

/// Checks an amount object of `view` JSON (`{amount, scale?, unit, currency?, value}`) against the amount:
/// `amount` and `value` must be the exact decimals.
fn check_view_amount(v: &serde_json::Value, a: &Amount) {
    let num = |k: &str| match &v[k] {
        serde_json::Value::Number(n) => n.to_string(),
        other => panic!("`{k}` is not a number in {v}: {other}"),
    };
    let d = a.amount;
    let signed = |s: String| if d.neg && s != "0" { ["-", &s].concat() } else { s };
    assert_eq!(num("amount"), signed(canonical(d.digits, -i32::from(d.frac))), "amount of {a:?} in {v}");
    let power = i32::from(a.scale.exponent()) - i32::from(d.frac);
    assert_eq!(num("value"), signed(canonical(d.digits, power)), "value of {a:?} in {v}");
    assert_eq!(v["unit"], a.unit.code(), "{v}");
}

/// `view::fact` of `ds.facts[i]`: valid JSON, with the fact's id and exact figures.
pub fn check_view_fact(ds: &DataSet, i: usize) {
    let f = &ds.facts[i];
    let doc = view::fact(ds, f);
    let v = parse_json(&doc, "view::fact");
    assert_eq!(v["id"], f.id.as_str(), "{doc}");
    let figs = v["figures"].as_array().unwrap_or_else(|| panic!("no figures array: {doc}"));
    assert_eq!(figs.len(), f.figures.len());
    for (j, g) in figs.iter().zip(&f.figures) {
        check_view_amount(j, &g.value);
        if let Some(c) = &g.converted {
            check_view_amount(&j["converted"], c);
        }
    }
}

/// The exact value of `digits × 10^power` as a canonical decimal string: no leading zeros in the integer part
/// (one `0` for a zero integer part), no trailing zeros in the fraction, no point without a fraction.
pub fn canonical(digits: u64, power: i32) -> String {
    canonical_str(&digits.to_string(), power)
}

/// A decimal string `a` (digits with at most one point) times 10^k, canonical.
pub fn shift_decimal(a: &str, k: i32) -> String {
    let (int, frac) = a.split_once('.').unwrap_or((a, ""));
    canonical_str(&[int, frac].concat(), k - frac.len() as i32)
}

/// `digits × 10^power`, canonical, for a digit string of any length.
fn canonical_str(digits: &str, power: i32) -> String {
    let mut s = digits.to_string();
    if power >= 0 {
        s.extend(std::iter::repeat_n('0', power as usize));
        return strip_leading_zeros(&s);
    }
    let p = (-power) as usize;
    if s.len() <= p {
        s = "0".repeat(p + 1 - s.len()) + &s;
    }
    let (int, frac) = s.split_at(s.len() - p);
    let frac = frac.trim_end_matches('0');
    let int = strip_leading_zeros(int);
    if frac.is_empty() {
        int
    } else {
        [int.as_str(), ".", frac].concat()
    }
}

fn strip_leading_zeros(s: &str) -> String {
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".into()
    } else {
        t.into()
    }
}

/// Wraps `payload` in a valid bundle header (magic, this version, length, checksum), so that the fuzzer reaches
/// the payload parser without having to forge an FNV-1a checksum.
pub fn with_header(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + payload.len());
    out.extend_from_slice(bundle::MAGIC);
    out.extend_from_slice(&bundle::VERSION.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&bundle::checksum(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Everything a page does with a loaded data set, checked: cards (HTML and text) and JSON-LD for every fact in
/// every language of the set, search over every fact's title, type-ahead completions.
pub fn exercise(ds: &DataSet) {
    use factcard_core::search::{Filter, Index};
    let index = Index::new(ds);
    for i in 0..ds.entities.len() {
        for l in &ds.langs {
            assert_only_known_tags(&card::entity_html(ds, i, ds.lang(l)), "entity_html");
        }
        parse_json(&view::entity_with_facts(ds, i), "view::entity_with_facts");
    }
    parse_json(&view::facts(ds, 0..ds.facts.len()), "view::facts");
    for (i, f) in ds.facts.iter().enumerate() {
        assert_eq!(ds.fact_index(&f.id), Some(i), "fact `{}` not found by id", f.id);
        check_view_fact(ds, i);
        for l in &ds.langs {
            let lang = ds.lang(l);
            let html = card::card_html(ds, f, lang);
            assert_only_known_tags(&html, "card_html");
            let _ = format::card_text(ds, f, lang);
            let _ = format::citation(ds, f, lang);
            check_jsonld(&jsonld::claim(ds, f, lang));
            if let Some(svg) = factcard_core::chart::bars(f, lang) {
                assert_only_known_tags(&svg, "chart::bars");
            }
        }
        let limit = 1 + i % 5;
        let filter = Filter { entity: f.entities.first().map(|&e| e as usize), topic: None, source: None, years: None };
        for (_, q) in f.title.given() {
            for flt in [&Filter::default(), &filter] {
                let hits = index.search(ds, q, flt, limit);
                assert!(hits.len() <= limit);
                assert!(hits.iter().all(|&(h, s)| h < ds.facts.len() && s.is_finite() && flt.accepts(ds, h)));
            }
            let s = factcard_core::suggest::suggest(ds, q, limit);
            assert!(s.len() <= limit);
            parse_json(&view::suggestions(&s), "view::suggestions");
        }
    }
    assert_only_known_tags(&card::not_found_html("<x>", ds.lang("en")), "not_found_html");
}

/// `Decimal` from fuzz input, with the invariant the decoder keeps: at most 18 decimals.
pub fn decimal(digits: u64, frac: u8) -> Decimal {
    Decimal { digits, frac: frac % 19, neg: false }
}
