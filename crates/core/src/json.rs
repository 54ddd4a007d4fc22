//! A tiny JSON writer (and a reader of the few files factcard writes for itself to read: [`field`], [`strings`]). The wasm core hands JS its objects as JSON text (one `JSON.parse` on the JS side): it
//! costs a few hundred bytes of wasm where `serde-wasm-bindgen` cost about 9 KB of wasm, 3 KB brotli (measured
//! in BENCHMARKS.md, "Decisions measured along the way"), and numbers are written from exact decimals, so no float formatting is linked in.
//!
//! Strings escape `<`, `>` and `&` too, so the same text is safe inside an HTML `<script>` element (JSON-LD).
//!
//! ```
//! let mut out = String::new();
//! let mut o = factcard_core::json::Obj::open(&mut out);
//! o.str("name", "</script>");
//! o.bool("ok", true);
//! o.close();
//! assert_eq!(out, r#"{"name":"\u003c/script\u003e","ok":true}"#);
//! ```

use crate::model::Decimal;
use crate::number::plain;

/// Appends `s` as a JSON string literal, safe inside an HTML script element.
pub fn string_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') => {
                let n = c as u32;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[((n >> shift) & 0xf) as usize] as char);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends `d × 10^power` as a JSON number, exactly (`46.3` with power 9 is `46300000000`).
pub fn decimal_into(out: &mut String, d: Decimal, power: i32) {
    out.push_str(&plain(d, power));
}

/// Writes one JSON object, key by key.
pub struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    pub fn open(out: &'a mut String) -> Self {
        out.push('{');
        Obj { out, first: true }
    }

    /// Writes the key and returns the output, for a value written by hand.
    /// Starts the value of key `k` (escaped like any string: keys may come from data, such as language tags).
    pub fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        string_into(self.out, k);
        self.out.push(':');
        self.out
    }

    pub fn str(&mut self, k: &str, v: &str) {
        let out = self.key(k);
        string_into(out, v);
    }

    /// A string, or nothing at all when `None` (the key is left out).
    pub fn opt(&mut self, k: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.str(k, v);
        }
    }

    pub fn bool(&mut self, k: &str, v: bool) {
        self.key(k).push_str(if v { "true" } else { "false" });
    }

    pub fn strs<'s>(&mut self, k: &str, items: impl Iterator<Item = &'s str>) {
        let out = self.key(k);
        out.push('[');
        for (i, s) in items.enumerate() {
            if i > 0 {
                out.push(',');
            }
            string_into(out, s);
        }
        out.push(']');
    }

    pub fn close(self) {
        self.out.push('}');
    }
}

/// Writes `items` as a JSON array, each with `each`.
pub fn array<T>(out: &mut String, items: impl Iterator<Item = T>, mut each: impl FnMut(&mut String, T)) {
    out.push('[');
    for (i, x) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(out, x);
    }
    out.push(']');
}

/// What follows the key `key` of the JSON object `json` (after its colon), for reading the small files factcard
/// writes itself (`search/meta.json`): a key is a string followed by a colon, which no string value holds unescaped.
pub fn field<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let b = json.as_bytes();
    (0..b.len()).filter(|&i| b[i] == b'"').find_map(|i| {
        let rest = json.get(i + 1..)?.strip_prefix(key)?.strip_prefix('"')?;
        rest.trim_ascii_start().strip_prefix(':')
    })
}

/// The JSON array of strings at the start of `s` (after white space), decoded; `None` if it is not one.
pub fn strings(s: &str) -> Option<Vec<String>> {
    let mut c = s.trim_ascii_start().strip_prefix('[')?.chars();
    let mut out = Vec::new();
    loop {
        match c.find(|ch| !matches!(ch, ' ' | '\n' | '\r' | '\t' | ','))? {
            ']' => return Some(out),
            '"' => out.push(string(&mut c)?),
            _ => return None,
        }
    }
}

/// The rest of a JSON string literal, after its opening quote, decoded.
fn string(c: &mut core::str::Chars) -> Option<String> {
    let hex = |c: &mut core::str::Chars| (0..4).try_fold(0, |n, _| Some(n * 16 + c.next()?.to_digit(16)?));
    let mut out = String::new();
    loop {
        out.push(match c.next()? {
            '"' => return Some(out),
            '\\' => match c.next()? {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'u' => {
                    let n = hex(c)?;
                    // A character past the first plane comes as a pair of surrogates.
                    let n = match n {
                        0xD800..=0xDBFF if c.next()? == '\\' && c.next()? == 'u' => {
                            0x10000 + ((n - 0xD800) << 10) + hex(c)?.checked_sub(0xDC00).filter(|&l| l < 0x400)?
                        }
                        n => n,
                    };
                    char::from_u32(n)?
                }
                ch => ch,
            },
            ch => ch,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_break_out_of_a_script_element() {
        let mut s = String::new();
        string_into(&mut s, "</script><b>\"q\"\\\u{2028}\u{1}&");
        assert_eq!(s, r#""\u003c/script\u003e\u003cb\u003e\"q\"\\\u2028\u0001\u0026""#);
    }

    #[test]
    fn decimals_are_exact() {
        let d = |s: &str, p: i32| {
            let mut out = String::new();
            decimal_into(&mut out, Decimal::parse(s).unwrap(), p);
            out
        };
        assert_eq!(d("46.3", 9), "46300000000");
        assert_eq!(d("6.95", 0), "6.95");
        assert_eq!(d("0.5", 0), "0.5");
        assert_eq!(d("66", -2), "0.66");
        assert_eq!(d("0", 12), "0");
        assert_eq!(d("1.393", 6), "1393000");
    }

    #[test]
    fn what_it_writes_it_reads() {
        let items = ["\u{1}e:x", "</script>\"\\", "两江 \u{1F600}\n\t", ""];
        let mut out = String::from("{\"a\":1,\"list\":");
        array(&mut out, items.iter(), |o, s| string_into(o, s));
        out.push_str(", \"n\" : 42}");
        assert_eq!(strings(field(&out, "list").unwrap()).unwrap(), items);
        assert!(field(&out, "n").unwrap().trim_start().starts_with("42"));
        assert_eq!(field(&out, "missing"), None);
        assert_eq!(strings(r#"["\ud83d\ude00","\u00e9"]"#).unwrap(), ["\u{1F600}", "é"]);
        for bad in ["", "[", "[\"a", "[1]", "{}", r#"["\ud83d"]"#, r#"["\uzzzz"]"#, r#"["\ud83d\u0041"]"#] {
            assert_eq!(strings(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn keys_are_escaped_like_strings() {
        let mut out = String::new();
        let mut o = Obj::open(&mut out);
        o.str("zh\u{1}\"</script>", "x");
        o.close();
        assert_eq!(out, r#"{"zh\u0001\"\u003c/script\u003e":"x"}"#);
    }
}
