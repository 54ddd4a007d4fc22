//! Hostile strings in facts files (`tests/hostile/cases.toml`): each is either refused by the compiler, with an
//! error at its line and column, or shown as inert text by every output: card HTML (en, zh), card text, citation,
//! JSON-LD, suggestions, search, the bundle and the not-found card.
//!
//! Each case puts one value in one field of a small valid data set: one source, topic and entity, and one fact
//! with two comparable figures (so that the SVG chart is drawn too), plus a second, harmless fact about the same
//! entity (so that each card lists the other under "More about"). An accepted value is checked against the same
//! data set with a harmless value in that field: the outputs must be the same document with only that text
//! changed — the HTML parsed (by a strict little tokenizer below) into the same tags and attributes, the JSON
//! (JSON-LD, and the views JS receives) parsed (by a strict little JSON parser below) into the same tree.
//!
//! Cases marked `bug = true` show a bug in `src/`: they run, and what fails is printed, but they do not fail the
//! suite. Run with `cargo test --test lib hostile -- --nocapture` to see the report.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use factcard_core::format;
use factcard_core::model::DataSet;
use factcard_core::search::{Filter, Index};
use factcard_core::{bundle, jsonld, suggest};
use factcard_core::{card, view};
use factcard_dataset::Place;

use super::run::{factcard, Run};

#[path = "../hostile/corpus.rs"]
mod corpus;
use corpus::{base_value, cases, compile_one, data_toml, stored, write_corpus, Case, FILE};

/// A word of the fact's title and statement that search must still find, whichever of the two is hostile.
const SAFE_WORD: &str = "zorblatt";

/// 1-based line and column (in characters) of a byte offset: computed here, not with the compiler's helper.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

// ---- A strict HTML tokenizer ------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Open { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    Close(String),
    Text(String),
}

/// Decodes the character references `escape` may write. Anything else after `&` is an error: a raw `&` in
/// escaped output means a text was not escaped.
fn decode_refs(raw: &[char]) -> Result<String, String> {
    let mut out = String::new();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != '&' {
            out.push(raw[i]);
            i += 1;
            continue;
        }
        let end = raw[i..].iter().take(12).position(|&c| c == ';').ok_or_else(|| {
            format!("raw '&' not starting a character reference: {:?}", raw[i..].iter().take(12).collect::<String>())
        })?;
        let name: String = raw[i + 1..i + end].iter().collect();
        let c = match name.as_str() {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            n if n.starts_with("#x") || n.starts_with("#X") => {
                u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32).ok_or(format!("bad reference &{n};"))?
            }
            n if n.starts_with('#') => {
                n[1..].parse::<u32>().ok().and_then(char::from_u32).ok_or(format!("bad reference &{n};"))?
            }
            n => return Err(format!("unknown reference &{n};")),
        };
        out.push(c);
        i += end + 1;
    }
    Ok(out)
}

/// Splits escaped HTML into tags and texts. Refuses what escaped output never holds: a `<` that does not start
/// a tag, a raw `>` or `&` in text, unquoted or duplicated attributes, unbalanced tags.
fn parse_html(s: &str) -> Result<Vec<Node>, String> {
    let b: Vec<char> = s.chars().collect();
    let n = b.len();
    let mut i = 0;
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let at = |i: usize| -> String { b[i.saturating_sub(20)..(i + 20).min(n)].iter().collect() };
    while i < n {
        if b[i] != '<' {
            let st = i;
            while i < n && b[i] != '<' {
                if b[i] == '>' {
                    return Err(format!("raw '>' in text near {:?}", at(i)));
                }
                i += 1;
            }
            out.push(Node::Text(decode_refs(&b[st..i])?));
            continue;
        }
        i += 1;
        let closing = b.get(i) == Some(&'/');
        if closing {
            i += 1;
        }
        let st = i;
        while i < n && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let name: String = b[st..i].iter().collect();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Err(format!("'<' that does not start a tag near {:?}", at(st)));
        }
        if closing {
            if b.get(i) != Some(&'>') {
                return Err(format!("end tag </{name} not closed near {:?}", at(i)));
            }
            i += 1;
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            out.push(Node::Close(name));
            continue;
        }
        let mut attrs: Vec<(String, String)> = Vec::new();
        let self_closing;
        loop {
            let before = i;
            while i < n && b[i] == ' ' {
                i += 1;
            }
            match b.get(i) {
                None => return Err(format!("<{name} not closed")),
                Some('>') => {
                    i += 1;
                    self_closing = false;
                    break;
                }
                Some('/') if b.get(i + 1) == Some(&'>') => {
                    i += 2;
                    self_closing = true;
                    break;
                }
                _ => {}
            }
            if i == before {
                return Err(format!("attribute not separated by a space near {:?}", at(i)));
            }
            let st = i;
            while i < n && (b[i].is_ascii_alphanumeric() || b[i] == '-') {
                i += 1;
            }
            let an: String = b[st..i].iter().collect();
            if an.is_empty() {
                return Err(format!("unexpected {:?} in <{name}> near {:?}", b[i], at(i)));
            }
            if b.get(i) != Some(&'=') || b.get(i + 1) != Some(&'"') {
                return Err(format!("attribute {an} without a double-quoted value near {:?}", at(i)));
            }
            i += 2;
            let vs = i;
            while i < n && b[i] != '"' {
                if b[i] == '<' || b[i] == '>' {
                    return Err(format!("raw {:?} in attribute {an} near {:?}", b[i], at(i)));
                }
                i += 1;
            }
            if i == n {
                return Err(format!("attribute {an} not closed"));
            }
            let v = decode_refs(&b[vs..i])?;
            i += 1;
            if attrs.iter().any(|(k, _)| *k == an) {
                return Err(format!("attribute {an} twice in <{name}>"));
            }
            attrs.push((an, v));
        }
        if !self_closing {
            stack.push(name.clone());
        }
        out.push(Node::Open { name, attrs, self_closing });
    }
    if !stack.is_empty() {
        return Err(format!("unclosed tags {stack:?}"));
    }
    Ok(out)
}

const TAGS: &[&str] = &[
    "article", "h3", "p", "dl", "div", "dt", "dd", "span", "svg", "text", "rect", "time", "a", "details", "summary",
    "code", "ul", "li", "b",
];
const ATTRS: &[&str] = &[
    "class",
    "part",
    "lang",
    "data-fact",
    "data-citation",
    "href",
    "target",
    "rel",
    "role",
    "viewBox",
    "aria-label",
    "x",
    "y",
    "height",
    "rx",
    "width",
];

/// Parses card markup and checks it uses only the card's own tags and attributes, with http(s) links only.
fn check_markup(html: &str) -> Result<Vec<Node>, String> {
    let nodes = parse_html(html)?;
    for node in &nodes {
        if let Node::Open { name, attrs, .. } = node {
            if !TAGS.contains(&name.as_str()) {
                return Err(format!("unexpected tag <{name}>"));
            }
            for (k, v) in attrs {
                if !ATTRS.contains(&k.as_str()) || k.to_ascii_lowercase().starts_with("on") {
                    return Err(format!("unexpected attribute {k}=\"{v}\" on <{name}>"));
                }
                if k == "href" && !(v.starts_with("https://") || v.starts_with("http://")) {
                    return Err(format!("href to a non-http(s) address: {v:?}"));
                }
            }
        }
    }
    // Under Unicode normalization (NFC), '<', '=' or '>' followed by U+0338 becomes '≮', '≠' or '≯': a markup
    // character followed by one would vanish from any page that normalizes its text.
    let chars: Vec<char> = html.chars().collect();
    if let Some(w) = chars.windows(2).find(|w| matches!(w[0], '<' | '=' | '>') && w[1] == '\u{338}') {
        return Err(format!("markup character {:?} followed by U+0338: NFC normalization composes them", w[0]));
    }
    Ok(nodes)
}

fn replace_in_nodes(nodes: &[Node], from: &str, to: &str) -> Vec<Node> {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text(t) => Node::Text(t.replace(from, to)),
            Node::Open { name, attrs, self_closing } => Node::Open {
                name: name.clone(),
                attrs: attrs.iter().map(|(k, v)| (k.clone(), v.replace(from, to))).collect(),
                self_closing: *self_closing,
            },
            Node::Close(c) => Node::Close(c.clone()),
        })
        .collect()
}

/// HTML escaping as the test expects it, written independently of `format::escape`.
fn html_escaped(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

// ---- A strict JSON parser ---------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum J {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

struct JsonParser<'a> {
    s: &'a [u8],
    i: usize,
}

impl JsonParser<'_> {
    fn parse(text: &str) -> Result<J, String> {
        let mut p = JsonParser { s: text.as_bytes(), i: 0 };
        let v = p.value()?;
        p.ws();
        if p.i != p.s.len() {
            return Err(format!("trailing text at byte {}", p.i));
        }
        Ok(v)
    }

    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Result<(), String> {
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            Ok(())
        } else {
            Err(format!("expected {:?} at byte {}", b as char, self.i))
        }
    }

    fn value(&mut self) -> Result<J, String> {
        self.ws();
        match self.s.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(J::Obj(members));
                }
                loop {
                    self.ws();
                    let k = self.string()?;
                    self.ws();
                    self.eat(b':')?;
                    let v = self.value()?;
                    members.push((k, v));
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(J::Obj(members));
                        }
                        _ => return Err(format!("expected ',' or '}}' at byte {}", self.i)),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(J::Arr(items));
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(J::Arr(items));
                        }
                        _ => return Err(format!("expected ',' or ']' at byte {}", self.i)),
                    }
                }
            }
            Some(b'"') => Ok(J::Str(self.string()?)),
            Some(b't') => self.word("true", J::Bool(true)),
            Some(b'f') => self.word("false", J::Bool(false)),
            Some(b'n') => self.word("null", J::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(format!("unexpected byte at {}", self.i)),
        }
    }

    fn word(&mut self, w: &str, v: J) -> Result<J, String> {
        if self.s[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            Err(format!("bad literal at byte {}", self.i))
        }
    }

    fn digits(&mut self) -> usize {
        let st = self.i;
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        self.i - st
    }

    fn number(&mut self) -> Result<J, String> {
        let st = self.i;
        if self.s[self.i] == b'-' {
            self.i += 1;
        }
        if self.s.get(self.i) == Some(&b'0') {
            self.i += 1;
        } else if self.digits() == 0 {
            return Err(format!("bad number at byte {st}"));
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(format!("bad fraction at byte {st}"));
            }
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(format!("bad exponent at byte {st}"));
            }
        }
        Ok(J::Num(String::from_utf8(self.s[st..self.i].to_vec()).unwrap()))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self.s.get(self.i..self.i + 4).ok_or("short \\u escape")?;
        let h = std::str::from_utf8(h).map_err(|e| e.to_string())?;
        let v = u32::from_str_radix(h, 16).map_err(|_| format!("bad \\u escape {h:?}"))?;
        self.i += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, String> {
        self.eat(b'"')?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&b) = self.s.get(self.i) else {
                return Err("unterminated string".into());
            };
            self.i += 1;
            match b {
                b'"' => break,
                0x00..=0x1F => return Err(format!("raw control byte {b:#04x} in a string")),
                b'\\' => {
                    let Some(&e) = self.s.get(self.i) else {
                        return Err("unterminated escape".into());
                    };
                    self.i += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi) {
                                if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return Err("lone high surrogate".into());
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err("bad low surrogate".into());
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&hi) {
                                return Err("lone low surrogate".into());
                            } else {
                                hi
                            };
                            char::from_u32(cp).ok_or("bad code point")?
                        }
                        other => return Err(format!("bad escape \\{}", other as char)),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                b => out.push(b),
            }
        }
        String::from_utf8(out).map_err(|e| e.to_string())
    }
}

fn replace_in_json(j: &J, from: &str, to: &str) -> J {
    match j {
        J::Str(s) => J::Str(s.replace(from, to)),
        J::Arr(a) => J::Arr(a.iter().map(|x| replace_in_json(x, from, to)).collect()),
        J::Obj(o) => J::Obj(o.iter().map(|(k, v)| (k.clone(), replace_in_json(v, from, to))).collect()),
        other => other.clone(),
    }
}

/// JSON-LD goes inside `<script type="application/ld+json">`: it must be JSON, and hold nothing that an HTML
/// parser or a JavaScript parser could read as the end of the script or of a line.
fn check_jsonld(json: &str) -> Result<J, String> {
    for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
        if json.contains(bad) {
            return Err(format!("JSON-LD holds a raw {bad:?}"));
        }
    }
    if json.to_ascii_lowercase().contains("</script") {
        return Err("JSON-LD holds </script".into());
    }
    if let Some(c) = json.chars().find(|c| c.is_control()) {
        return Err(format!("JSON-LD holds the raw control character U+{:04X}", c as u32));
    }
    JsonParser::parse(json).map_err(|e| format!("JSON-LD is not valid JSON: {e}"))
}

// ---- The checks -------------------------------------------------------------------------------------------------

/// A character an error message must not carry raw: it would act on the terminal or reorder the line.
fn unsafe_in_message(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn check_refused(case: &Case, value: &str) -> Result<(), String> {
    let (text, offsets) = data_toml(&[(&case.field, value)]);
    let errors = match compile_one(&text) {
        Ok(_) => return Err("compiled, but must be refused".into()),
        Err(e) => e,
    };
    let want = case.error.as_deref().ok_or("a refused case needs `error`")?;
    let place = line_col(&text, offsets[0]);
    let all: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let e =
        errors.iter().find(|e| e.message.contains(want)).ok_or_else(|| format!("no error says {want:?}: {all:#?}"))?;
    if (e.file.as_str(), &e.place) != (FILE, &Place::Text { line: place.0, column: place.1 }) {
        return Err(format!("error {e} is not at {FILE}:{}:{} (where the value is)", place.0, place.1));
    }
    for (e, shown) in errors.iter().zip(&all) {
        if let Some(c) = shown.chars().find(|&c| unsafe_in_message(c)) {
            return Err(format!(
                "the error message carries the raw character U+{:04X}: {:?}",
                c as u32,
                e.message.chars().take(120).collect::<String>()
            ));
        }
    }
    Ok(())
}

/// Every HTML output: both facts' cards (each lists the other) and the entity's card, in both languages.
fn outputs_html(ds: &DataSet) -> Vec<(&'static str, String)> {
    let (one, two) = (&ds.facts[0], &ds.facts[1]);
    vec![
        ("card_html(en)", card::card_html(ds, one, ds.lang("en"))),
        ("card_html(zh)", card::card_html(ds, one, ds.lang("zh"))),
        ("card_html(other fact, en)", card::card_html(ds, two, ds.lang("en"))),
        ("card_html(other fact, zh)", card::card_html(ds, two, ds.lang("zh"))),
        ("entity_html(en)", card::entity_html(ds, 0, ds.lang("en"))),
        ("entity_html(zh)", card::entity_html(ds, 0, ds.lang("zh"))),
    ]
}

fn outputs_text(ds: &DataSet) -> Vec<(&'static str, String)> {
    let f = &ds.facts[0];
    vec![
        ("card_text(en)", format::card_text(ds, f, ds.lang("en"))),
        ("card_text(zh)", format::card_text(ds, f, ds.lang("zh"))),
        ("citation(en)", format::citation(ds, f, ds.lang("en"))),
        ("citation(zh)", format::citation(ds, f, ds.lang("zh"))),
    ]
}

/// Every JSON output: the JSON-LD, and the views JS receives (facts, the entity with its facts).
fn outputs_json(ds: &DataSet) -> Vec<(&'static str, String)> {
    let f = &ds.facts[0];
    vec![
        ("jsonld::claim(en)", jsonld::claim(ds, f, ds.lang("en"))),
        ("jsonld::claim(zh)", jsonld::claim(ds, f, ds.lang("zh"))),
        ("view::fact", view::fact(ds, f)),
        ("view::facts", view::facts(ds, 0..ds.facts.len())),
        ("view::entity_with_facts", view::entity_with_facts(ds, 0)),
    ]
}

fn check_escaped(case: &Case, value: &str) -> Result<(), String> {
    let field = case.field.as_str();
    let base = base_value(field).ok_or_else(|| format!("unknown field `{field}`"))?;
    let shown = value.trim();
    let (text, _) = data_toml(&[(field, value)]);
    let (base_text, _) = data_toml(&[]);
    if base_text.matches(base).count() != 1 {
        return Err(format!("the base value {base:?} of {field} is not unique in the data set"));
    }
    let ds = compile_one(&text).map_err(|errs| {
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        format!("refused, but must compile: {msgs:#?}")
    })?;
    let base_ds = compile_one(&base_text).unwrap();

    // The compiler keeps the text as written (trimmed), neither dropping nor rewriting characters.
    if stored(&ds, field).as_deref() != Some(shown) {
        return Err(format!("the compiler stored {:?}", stored(&ds, field)));
    }

    // Card HTML: the same tags and attributes as with the base value, the value only as (decoded) text.
    for ((what, html), (_, base_html)) in outputs_html(&ds).iter().zip(outputs_html(&base_ds).iter()) {
        let nodes = check_markup(html).map_err(|e| format!("{what}: {e}"))?;
        let base_nodes = check_markup(base_html).map_err(|e| format!("{what} (base): {e}"))?;
        if nodes != replace_in_nodes(&base_nodes, base, shown) {
            return Err(format!("{what}: the markup differs from the base card beyond the value's text:\n{html}"));
        }
        for c in ['<', '>', '"'] {
            if html.matches(c).count() != base_html.matches(c).count() {
                return Err(format!("{what}: {c:?} count changed: {html}"));
            }
        }
        if base_html.contains(&html_escaped(base)) {
            // The field is on this card: escaped form present, raw form absent.
            if !html.contains(&html_escaped(shown)) {
                return Err(format!("{what}: the escaped value is missing: {html}"));
            }
            if shown.contains(['<', '>', '&', '"', '\'']) && html.contains(shown) {
                return Err(format!("{what}: the raw value is present: {html}"));
            }
        }
    }

    // Plain texts show it as it is.
    for ((what, t), (_, base_t)) in outputs_text(&ds).iter().zip(outputs_text(&base_ds).iter()) {
        if *t != base_t.replace(base, shown) {
            return Err(format!("{what}: {t:?}"));
        }
    }

    // JSON-LD and views: valid JSON, nothing that closes a script element, the same tree with the value's text.
    for ((what, j), (_, base_j)) in outputs_json(&ds).iter().zip(outputs_json(&base_ds).iter()) {
        let tree = check_jsonld(j).map_err(|e| format!("{what}: {e}: {j}"))?;
        let base_tree = check_jsonld(base_j).map_err(|e| format!("{what} (base): {e}"))?;
        if tree != replace_in_json(&base_tree, base, shown) {
            return Err(format!("{what}: the JSON differs from the base beyond the value's text: {j}"));
        }
    }

    // Suggestions: texts are the data set's own, verbatim (the widget shows them as text).
    let mut texts: BTreeSet<&str> = BTreeSet::new();
    for e in &ds.entities {
        texts.extend(e.name.given().map(|(_, t)| t));
    }
    for t in &ds.topics {
        texts.extend(t.name.given().map(|(_, t)| t));
    }
    for f in &ds.facts {
        texts.extend(f.title.given().map(|(_, t)| t));
    }
    let short: String = shown.chars().take(3).collect();
    for prefix in ["base", "zorb", "基础", shown, short.as_str(), value] {
        let offered = suggest::suggest(&ds, prefix, 50);
        for s in &offered {
            if !texts.contains(s.text.as_str()) || !(s.lang == "en" || s.lang == "zh") {
                return Err(format!("suggest({prefix:?}) offered {s:?}, which is not a text of the data set"));
            }
        }
        // As JS receives them: JSON whose texts are those suggestions, verbatim.
        let json = view::suggestions(&offered);
        let tree = check_jsonld(&json).map_err(|e| format!("view::suggestions({prefix:?}): {e}: {json}"))?;
        let J::Arr(items) = tree else { return Err(format!("view::suggestions: not an array: {json}")) };
        for (item, s) in items.iter().zip(&offered) {
            let J::Obj(members) = item else { return Err(format!("view::suggestions: not an object: {json}")) };
            if !members.iter().any(|(k, v)| k == "text" && *v == J::Str(s.text.clone())) {
                return Err(format!("view::suggestions: text of {s:?} not kept: {json}"));
            }
        }
    }
    if matches!(field, "entity.name" | "entity.name_zh" | "topic.name" | "topic.name_zh" | "title" | "title_zh") {
        let base_prefix = if field.ends_with("_zh") { "基础" } else { "base" };
        let offered = suggest::suggest(&ds, base_prefix, 50);
        if offered.iter().any(|s| s.text == base) {
            return Err(format!("suggestions still offer the base text {base:?}"));
        }
    }

    // Search: still finds the fact by a safe word, and the value as a query breaks nothing.
    let index = Index::new(&ds);
    let hits = index.search(&ds, SAFE_WORD, &Filter::default(), 10);
    if hits.first().map(|h| h.0) != Some(0) {
        return Err(format!("search for {SAFE_WORD:?} returned {hits:?}"));
    }
    for q in [value, shown, &[SAFE_WORD, " ", shown].concat()] {
        for (i, score) in index.search(&ds, q, &Filter::default(), 10) {
            if i >= ds.facts.len() || !score.is_finite() {
                return Err(format!("search({q:?}) returned ({i}, {score})"));
            }
        }
    }
    let _ = ds.entity_index(value);

    // The bundle (what `factcard build` writes and the wasm reads) carries the text unchanged.
    let back = bundle::decode(&bundle::encode(&ds)).map_err(|e| format!("bundle: {}", e.message()))?;
    if back != ds {
        return Err("the data set changed through the bundle".into());
    }
    Ok(())
}

/// The not-found card shows any id (it comes from a page's attribute) as text.
fn check_not_found(value: &str) -> Result<(), String> {
    let ds = DataSet { langs: vec!["en".into(), "zh".into()], ..DataSet::default() };
    for lang in [ds.lang("en"), ds.lang("zh")] {
        let html = card::not_found_html(value, lang);
        let nodes = check_markup(&html).map_err(|e| format!("not_found_html: {e}"))?;
        let texts: Vec<&str> = nodes
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let tags = nodes.iter().filter(|n| !matches!(n, Node::Text(_))).count();
        if tags != 6 || texts.len() != 2 || texts[1] != value {
            return Err(format!("not_found_html: unexpected structure {nodes:?}"));
        }
    }
    Ok(())
}

fn run_case(case: &Case) -> Result<(), String> {
    let value = case.value();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let main = match case.expect.as_str() {
            "refused" => check_refused(case, &value),
            "escaped" => check_escaped(case, &value),
            other => Err(format!("unknown expectation {other:?}")),
        };
        main.and_then(|()| check_not_found(&value))
    }));
    match result {
        Ok(r) => r,
        Err(p) => Err(format!(
            "panicked: {}",
            p.downcast_ref::<String>().cloned().or(p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
        )),
    }
}

#[test]
fn hostile_strings_are_refused_or_shown_as_text() {
    let (base, _) = data_toml(&[]);
    let ds = compile_one(&base).unwrap_or_else(|e| panic!("the base data set must compile: {e:#?}"));
    assert_eq!(ds.facts[0].figures.len(), 2);
    assert!(factcard_core::chart::bars(&ds.facts[0], ds.lang("en")).is_some(), "the base card must draw a chart");

    let cases = cases();
    let mut names = BTreeSet::new();
    let (mut refused, mut escaped, mut known) = (0, 0, Vec::new());
    let mut failures = Vec::new();
    for case in &cases {
        assert!(names.insert(case.name.clone()), "case name used twice: {}", case.name);
        assert!(
            base_value(&case.field).is_some(),
            "{}: unknown field `{}` (see tests/hostile/cases.toml)",
            case.name,
            case.field
        );
        match case.expect.as_str() {
            "refused" => refused += 1,
            "escaped" => escaped += 1,
            _ => {}
        }
        let r = run_case(case);
        match (case.bug, r) {
            (false, Ok(())) => {}
            (false, Err(e)) => failures.push(format!("[{}] ({}, {}): {e}", case.name, case.field, case.expect)),
            (true, Err(e)) => {
                println!("KNOWN BUG, skipped: [{}] ({}): {e}", case.name, case.field);
                if let Some(n) = &case.bug_note {
                    println!("    {n}");
                }
                known.push(case.name.clone());
            }
            (true, Ok(())) => {
                println!("FIXED? [{}] is marked `bug = true` but passes now: remove the mark", case.name);
            }
        }
    }
    println!(
        "hostile strings: {} cases, {refused} refused, {escaped} escaped; {} known bug(s) skipped",
        cases.len(),
        known.len()
    );
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    assert!(failures.is_empty(), "{} hostile case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

// ---- The command-line tool ----------------------------------------------------------------------------------

/// Hostile values in every text field at once, as a publisher's file would hold them.
const CLI_HOSTILE: &[(&str, &str)] = &[
    ("title", "</script><img src=x onerror=alert(1)>"),
    ("title_zh", "标题<script>alert(1)</script>"),
    ("statement", "<script>alert(1)</script> zorblatt & \"quotes\" 'too'"),
    ("statement_zh", "陈述<svg onload=alert(1)>"),
    ("note", "&lt;b&gt; is not bold"),
    ("note_zh", "<!-- 注 -->"),
    ("source.publisher", "\"><svg onload=alert(1)>"),
    ("source.title", "' onmouseover='alert(1)"),
    ("source.author", "</script><!--"),
    ("source.url", "https://example.com/\"onmouseover=\"alert(1)"),
    ("figure.label", "</text><script>alert(1)</script>"),
    ("figure.label_zh", "\"><b>标签</b>"),
    ("entity.name", "</SCRIPT><script>alert(1)</script>"),
];

#[test]
fn hostile_file_through_the_command_line_tool() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    let (text, _) = data_toml(CLI_HOSTILE);
    let ds = compile_one(&text).unwrap_or_else(|e| panic!("{e:#?}"));
    let file = dir.join("hostile.toml");
    std::fs::write(&file, &text).unwrap();
    let path = file.to_str().unwrap();

    let Run { ok, out, err, .. } = factcard(&["check", path]);
    assert!(ok && out.starts_with("ok: 2 facts"), "{out}{err}");

    for (tag, lang) in [("en", ds.lang("en")), ("zh", ds.lang("zh"))] {
        let Run { ok, out, err, .. } = factcard(&["render", path, "--fact", "fact-one", "--lang", tag]);
        assert!(ok, "{err}");
        // The card's HTML, then its JSON-LD in a script element.
        let (html, jsonld) = out.trim_end().split_once('\n').expect("render prints the card and its JSON-LD");
        assert_eq!(html, card::card_html(&ds, &ds.facts[0], lang));
        let json =
            jsonld.strip_prefix("<script type=\"application/ld+json\">").and_then(|j| j.strip_suffix("</script>"));
        assert_eq!(json, Some(factcard_core::jsonld::claim(&ds, &ds.facts[0], lang).as_str()));
        assert!(!json.unwrap().contains('<'), "raw < inside the JSON-LD script: {jsonld}");
        check_markup(html).unwrap_or_else(|e| panic!("render --lang {tag}: {e}\n{html}"));
        for raw in ["<script", "<img", "<svg onload", "<b>标签", "<!--", "\"onmouseover", "' onmouseover"] {
            assert!(!html.contains(raw), "render --lang {tag} prints {raw:?} raw:\n{html}");
        }
    }
    let Run { out, .. } = factcard(&["render", path, "--fact", "fact-one"]);
    for escaped in [
        "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;",
        "&lt;script&gt;alert(1)&lt;/script&gt; zorblatt &amp; &quot;quotes&quot; &#39;too&#39;",
        "&amp;lt;b&amp;gt; is not bold",
        "href=\"https://example.com/&quot;onmouseover=&quot;alert(1)\"",
        "&quot;&gt;&lt;svg onload=alert(1)&gt;, “&#39; onmouseover=&#39;alert(1)”",
        "&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    ] {
        assert!(out.contains(escaped), "render does not print {escaped:?}:\n{out}");
    }

    let bundle_file = dir.join("hostile.facts");
    let Run { ok, err, .. } = factcard(&["build", path, "-o", bundle_file.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(bundle::decode(&std::fs::read(&bundle_file).unwrap()).unwrap(), ds);

    // A refused file: the errors name the place and the character, and print none of it raw.
    let (bad, offsets) = data_toml(&[("title", "\u{1b}]0;owned\u{7}"), ("statement", "Exports fell by \u{202E}%05")]);
    let bad_file = dir.join("hostile-refused.toml");
    std::fs::write(&bad_file, &bad).unwrap();
    let Run { ok, err, .. } = factcard(&["check", bad_file.to_str().unwrap()]);
    assert!(!ok);
    let name = bad_file.display().to_string();
    let (l1, c1) = line_col(&bad, offsets[0]);
    let (l2, c2) = line_col(&bad, offsets[1]);
    assert!(err.contains(&format!("{name}:{l1}:{c1}: title.en contains the control character U+001B")), "{err}");
    assert!(err.contains(&format!("{name}:{l2}:{c2}: statement.en contains the control character U+202E")), "{err}");
    assert!(err.contains("2 error(s)"), "{err}");
    assert!(!err.chars().any(|c| unsafe_in_message(c) && c != '\n'), "stderr carries raw control characters: {err:?}");

    std::fs::remove_dir_all(&dir).ok();
}

// ---- The checkers themselves ----------------------------------------------------------------------------------

/// The checks above would catch what they look for: raw markup, event attributes, bad links, broken JSON.
#[test]
fn hostile_checkers_catch_raw_output() {
    for bad in [
        "<p><script>alert(1)</script></p>",
        "<p>a > b</p>",
        "<p>a < b</p>",
        "<p>AT&T</p>",
        "<p class=\"x\" onclick=\"alert(1)\">x</p>",
        "<p class=\"x\"onclick=\"y\">x</p>",
        "<p class=x>x</p>",
        "<p class=\"a\" class=\"b\">x</p>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<p><b>x</p></b>",
        "<p>x",
        "<p>\u{338}x</p>",
    ] {
        assert!(check_markup(bad).is_err(), "not caught: {bad}");
    }
    let nodes = check_markup("<p class=\"s\">&lt;b&gt; &amp;lt; &#39;&quot;</p>").unwrap();
    assert_eq!(nodes[1], Node::Text("<b> &lt; '\"".into()));
    assert_eq!(html_escaped("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");

    for bad in [
        "{\"a\":\"</script>\"}",
        "{\"a\":\"\\u003c/script>\"}",
        "{\"a\":\"x & y\"}",
        "{\"a\":\"\u{2028}\"}",
        "{\"a\":\"\u{1}\"}",
        "{\"a\":\"x\"",
        "{\"a\":\"x\"}}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\ud800\"}",
        "{\"a\":01}",
        "{a:1}",
        "[1,]",
    ] {
        assert!(check_jsonld(bad).is_err(), "not caught: {bad}");
    }
    assert_eq!(
        check_jsonld("{\"a\":[\"\\u003c/script\\u003e\\\"\\\\\\ud83d\\ude00\",-1.5e3,true,null]}").unwrap(),
        J::Obj(vec![(
            "a".into(),
            J::Arr(vec![J::Str("</script>\"\\😀".into()), J::Num("-1.5e3".into()), J::Bool(true), J::Null])
        )])
    );

    // The TOML written for a case holds the value exactly.
    let v = "\"\\\u{0}\u{1b}\n\t\u{202E}\u{85}x";
    let (text, _) = data_toml(&[("source.note", v)]);
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(parsed["source"][0]["note"].as_str(), Some(v));
}

/// The browser corpus, as its generator writes it (`examples/browser_corpus.rs`, which `make test-pages` runs into
/// `target/hostile/` for `tests/pages/hostile.test.mjs`): every case that compiles, as a site folder, and an index
/// naming each case with the value the compiler stored; and a folder that is not a corpus is never emptied.
#[test]
fn the_browser_corpus_holds_every_case_that_compiles() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-corpus-{}", std::process::id()));
    let n = write_corpus(&root).unwrap_or_else(|e| panic!("{e}"));
    let escaped: Vec<Case> = cases().into_iter().filter(|c| c.expect == "escaped").collect();
    assert!(n >= 50 && n == escaped.len(), "{n} of {} cases written", escaped.len());
    let Ok(J::Arr(index)) = JsonParser::parse(&std::fs::read_to_string(root.join("cases.json")).unwrap()) else {
        panic!("cases.json is not a JSON array");
    };
    assert_eq!(index.len(), n);
    for (i, (entry, case)) in index.iter().zip(&escaped).enumerate() {
        let J::Obj(keys) = entry else { panic!("entry {i} is not an object") };
        let get = |k: &str| keys.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        let ds = compile_one(&data_toml(&[(&case.field, &case.value())]).0).unwrap();
        let value = stored(&ds, &case.field).unwrap_or_default();
        assert_eq!(get("name"), Some(J::Str(case.name.clone())), "entry {i}");
        assert_eq!(get("field"), Some(J::Str(case.field.clone())), "entry {i}");
        assert_eq!(get("value"), Some(J::Str(value)), "entry {i}: {}", case.name);
        for lang in ["en", "zh"] {
            assert!(card_in(&root.join(format!("{i}/{lang}"))), "{i}: no {lang} card ({})", case.name);
        }
    }
    let not_a_corpus = root.join("0");
    let err = write_corpus(&not_a_corpus).unwrap_err();
    assert!(err.contains("holds no cases.json: not replacing it"), "{err}");
    assert!(card_in(&not_a_corpus.join("en")));
    std::fs::remove_dir_all(&root).ok();
}

// ---- Pages run through `inline` ---------------------------------------------------------------------------------
//
// `factcard inline` rewrites a page's bytes without building a tree, so its lexer must read the page as the
// browser's tokenizer does (https://html.spec.whatwg.org/multipage/parsing.html): a `<fact-card>` it finds in a
// script, a comment, raw text, RCDATA or foreign content and rewrites puts the card's markup (and the fact's text)
// where the browser does not read markup, in a script above all. Each page below is `before + card`, where `before`
// holds a `<fact-card>` the browser does not see as an element: `before` must come out byte for byte, and only
// the real card after it is rewritten (the head's style link goes right before it: the page has no head).

const CARD: &str = "<fact-card fact=\"hongyan-truck-exports-2020\">x</fact-card>";
const FAKE: &str = "<fact-card fact=\"hongyan-truck-exports-2020\">";

/// Runs `before + CARD` (or `before` alone) through `inline` and says what went wrong, if anything: `before` must
/// be unchanged, and `cards` cards rewritten.
fn inline_case(ds: &DataSet, before: &str, card: bool, cards: usize) -> Result<(), String> {
    let page = if card { format!("{before}{CARD}") } else { before.to_string() };
    let o = factcard_inline::Options { css: Some("/c.css"), ..Default::default() };
    let (out, r) = factcard_inline::inline_page(ds, &page, &o)?;
    if !out.starts_with(before) {
        let at = before.bytes().zip(out.bytes()).position(|(a, b)| a != b).unwrap_or(0);
        return Err(format!("the page changed at byte {at}: {:?}", &out[at..(at + 120).min(out.len())]));
    }
    if r.cards != cards || out.matches("data-ready").count() != cards {
        return Err(format!("{} card(s) rewritten, not {cards}: {:?}", r.cards, &out[before.len()..]));
    }
    if card && !out[before.len()..].starts_with("<link rel=\"stylesheet\" href=\"/c.css\"><fact-card") {
        return Err(format!("the real card is not rewritten: {:?}", &out[before.len()..]));
    }
    if inline_case_again(ds, &out, &o)? != out {
        return Err("a second run changes the page".into());
    }
    Ok(())
}

fn inline_case_again(ds: &DataSet, out: &str, o: &factcard_inline::Options) -> Result<String, String> {
    factcard_inline::inline_page(ds, out, o).map(|(again, _)| again)
}

/// Runs each case (`before`, whether a real card follows, how many cards are rewritten) and fails with all that
/// went wrong.
fn inline_cases(cases: &[(&str, bool, usize)]) {
    let ds = crate::suite::seeds();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|&(before, card, n)| {
            inline_case(&ds, before, card, n).err().map(|e| format!("{before:?}\n    {e}"))
        })
        .collect();
    assert!(failures.is_empty(), "{} page(s) misread:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn inline_reads_scripts_as_the_browser_does() {
    let f = FAKE;
    inline_cases(&[
        // Only `</script` followed by a space, `/` or `>` ends a script, in any case.
        (&format!("<script>let s = `</scripts>{f}`;</script>"), true, 1),
        (&format!("<script>let s = `</script-x>{f}`;</script>"), true, 1),
        (&format!("<script>let s = `</scriptx{f}`;</script>"), true, 1),
        (&format!("<script>let s = '</scrip{f}';</SCRIPT>"), true, 1),
        ("<SCRIPT>let s = 1</SCRIPT\t>", true, 1),
        ("<script>let s = 1</script/>", true, 1),
        // An end tag's attributes are read as a start tag's: a quoted `>` does not end it.
        (&format!("<script>let s = 1</script a=\">{f}\">"), true, 1),
        // `<!--<script>` in a script: a `</script>` after it does not end the script, the next one does.
        (&format!("<script>document.write('<!--<script></script>{f}')</script>"), true, 1),
        (&format!("<script><!--<SCRIPT>x</script>{f}</script>--></script>"), true, 1),
        (&format!("<script><!--<script>//</script> {f}</script>"), true, 1),
        // ... and `-->` leaves the escape: the script ends at the next `</script>`.
        ("<script><!--<script>--></script>", true, 1),
        ("<script><!--x--></script>", true, 1),
        ("<script><!--</script>", true, 1),
        // `<script/>` is not empty: the browser reads on to `</script>`.
        (&format!("<script src=a.js />{f}</script>"), true, 1),
        // A script that never ends runs to the end of the page.
        (&format!("<script>let s = `</scripts>{f}`;"), false, 0),
    ]);
}

#[test]
fn inline_reads_raw_text_and_rcdata_as_the_browser_does() {
    let f = FAKE;
    let mut cases = Vec::new();
    for name in ["style", "xmp", "iframe", "noembed", "noframes", "noscript", "title", "textarea"] {
        cases.push(format!("<{name}>{f}</{name}>"));
        cases.push(format!("<{name}></{name}s>{f}</{name}>"));
        cases.push(format!("<{name}></{name}-{f}</{name}>"));
        cases.push(format!("<{name}><!--{f}--></{}>", name.to_uppercase()));
    }
    let mut list: Vec<(&str, bool, usize)> = cases.iter().map(|c| (c.as_str(), true, 1)).collect();
    // Plain text runs to the end of the page: nothing after it is markup.
    let plain = format!("<plaintext>{f}</plaintext>{CARD}");
    list.push((&plain, false, 0));
    inline_cases(&list);
}

#[test]
fn inline_leaves_foreign_content_alone() {
    let f = FAKE;
    inline_cases(&[
        (&format!("<svg>{f}</fact-card></svg>"), true, 1),
        (&format!("<math><mi>{f}</fact-card></mi></math>"), true, 1),
        (&format!("<SVG viewBox=\"0 0 1 1\"><g>{f}</g></SVG>"), true, 1),
        // A CDATA section is text in foreign content, up to `]]>`.
        (&format!("<svg><![CDATA[ </svg>{f} ]]></svg>"), true, 1),
        // A script in an HTML integration point is an HTML script.
        (&format!("<svg><foreignObject><script>`</svg>{f}`</script></foreignObject></svg>"), true, 1),
        (
            &format!("<math><annotation-xml encoding=\"text/html\"><style></math>{f}</style></annotation-xml></math>"),
            true,
            1,
        ),
        // A style in SVG is not raw text: the SVG ends at `</svg>`. (The browser reads the card as an element.)
        ("<svg><style>/* </svg> */", true, 1),
    ]);
}

#[test]
fn inline_reads_comments_and_odd_markup_as_the_browser_does() {
    let f = FAKE;
    inline_cases(&[
        // `</` and a character other than a letter begins a bogus comment, up to the next `>`.
        (&format!("<p>a </ {f}"), true, 1),
        (&format!("<p>a </1{f}"), true, 1),
        (&format!("<p>a <?php {f}"), true, 1),
        (&format!("<p>a <!x {f}"), true, 1),
        // An end tag's quoted attribute holds a `>`.
        (&format!("<p>a</p class=\">{f}\">"), true, 1),
        // A start tag's too.
        (&format!("<p title='>{f}'>"), true, 1),
        // `<![CDATA[` in HTML is a bogus comment, up to the next `>`.
        (&format!("<p><![CDATA[ {f}"), true, 1),
        // Comments: up to `-->` or `--!>`; `<!-->` and `<!--->` are whole comments.
        (&format!("<!-- {f} --!>"), true, 1),
        (&format!("<!-- {f} --->"), true, 1),
        ("<!-->", true, 1),
        ("<!--->", true, 1),
        ("<p></>", true, 1),
    ]);
}

/// A fact whose statement is `${alert(1)}`, and a page whose script holds a `<fact-card>` of it in a template
/// literal, after a `</scripts>`: had the card been written there, the fact's text would run as the page's script.
#[test]
fn inline_never_writes_a_fact_into_a_script() {
    let (text, _) = data_toml(&[("statement", "${alert(1)}")]);
    let ds = compile_one(&text).unwrap_or_else(|e| panic!("{e:#?}"));
    let script =
        "<script>document.body.insertAdjacentHTML('beforeend', `</scripts><fact-card fact=\"fact-one\">`);</script>";
    let page = format!("{script}<fact-card fact=\"fact-one\">x</fact-card>");
    let o = factcard_inline::Options { css: Some("/c.css"), ..Default::default() };
    let (out, r) = factcard_inline::inline_page(&ds, &page, &o).unwrap();
    assert!(out.starts_with(script), "the script changed:\n{out}");
    assert_eq!(r.cards, 1);
    assert!(out.find("alert(1)").is_some_and(|at| at > script.len()), "{out}");
}

/// Whether the folder holds a card of `fact-one` (format 2: `fact-one.VVVVVVVV.html`).
fn card_in(dir: &Path) -> bool {
    std::fs::read_dir(dir).into_iter().flatten().flatten().any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with("fact-one.") && name.ends_with(".html") && name.len() == "fact-one.".len() + 13
    })
}
