//! A tiny JSON writer. The wasm core hands JS its objects as JSON text (one `JSON.parse` on the JS side): it
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
    fn keys_are_escaped_like_strings() {
        let mut out = String::new();
        let mut o = Obj::open(&mut out);
        o.str("zh\u{1}\"</script>", "x");
        o.close();
        assert_eq!(out, r#"{"zh\u0001\"\u003c/script\u003e":"x"}"#);
    }
}
