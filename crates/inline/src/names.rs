//! The text as the browser reads it, and the names found in it: the character references of a page's text decoded,
//! each byte mapped back to the page, and the names worth linking matched as `js/autolink.js` matches them.

use std::borrow::Cow;
use std::collections::HashMap;

use factcard_core::model::DataSet;

/// A text of the page as the browser reads it: its character references decoded (numeric ones, and the named ones
/// that generators write: `&amp;`, `&nbsp;`, dashes, quotes, `&hellip;`; any other stays as written), with where
/// each of its bytes came from in the page's text.
///
/// This decoding serves only to find names (the page's own bytes are what is written), and it is a subset of the
/// browser's: the 19 names of [`ENTITIES`] of the standard's 2,231, each with its `;`, and numeric references with
/// their `;`. Not decoded: the other names, the legacy ones without `;` (`&amp`, `&nbsp`), numeric references
/// without `;`, and `&#128;`–`&#159;`, which the browser reads as Windows-1252 (`&#150;` is `–`). A name written
/// with one of those is not linked (nor by the script: the container is `data-inlined`).
pub(crate) struct Decoded<'h> {
    pub(crate) text: Cow<'h, str>,
    /// For each byte of `text` (and its end), the page's byte it came from; empty when nothing was decoded.
    from: Vec<usize>,
}

/// Named character references decoded for autolinking.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("shy", '\u{ad}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("hellip", '…'),
    ("middot", '·'),
];

impl<'h> Decoded<'h> {
    pub(crate) fn new(raw: &'h str) -> Decoded<'h> {
        if !raw.contains('&') {
            return Decoded { text: Cow::Borrowed(raw), from: Vec::new() };
        }
        let (mut text, mut from) = (String::with_capacity(raw.len()), Vec::with_capacity(raw.len() + 1));
        let mut i = 0;
        while let Some(c) = raw[i..].chars().next() {
            let (c, len) = reference(&raw[i..]).unwrap_or((c, c.len_utf8()));
            from.extend(std::iter::repeat_n(i, c.len_utf8()));
            text.push(c);
            i += len;
        }
        from.push(raw.len());
        Decoded { text: Cow::Owned(text), from }
    }

    /// The page's byte (in the raw text) where the decoded text's byte `at` came from.
    pub(crate) fn raw(&self, at: usize) -> usize {
        if self.from.is_empty() {
            at
        } else {
            self.from[at]
        }
    }
}

/// The character reference at the start of `s`, if it is one this decodes: the character and its length in bytes.
fn reference(s: &str) -> Option<(char, usize)> {
    let body = s.strip_prefix('&')?;
    // (The longest name has 31 characters: a `;` further on ends no reference, and is not searched for.)
    let end = body.bytes().take(33).position(|c| c == b';')?;
    let name = &body[..end];
    let c = if let Some(n) = name.strip_prefix('#') {
        let code = match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => n.parse().ok()?,
        };
        // As the browser reads it: NUL, surrogates and numbers out of range are U+FFFD.
        char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}')
    } else {
        ENTITIES.iter().find(|(n, _)| *n == name)?.1
    };
    Some((c, end + 2))
}

/// The names to link, in the order the script's pattern tries them: names other than Latin ones (Chinese, or with
/// a dash) first, then Latin ones, which stand as whole words; longest first within each.
pub(crate) struct Names<'d> {
    list: Vec<(&'d str, &'d str, bool)>,
    /// For each character that begins a name, the names (their indexes in `list`, in its order) that begin with it:
    /// at each character of a text only these are tried, so that a long text is read once, not once per name.
    by_first: HashMap<char, Vec<usize>>,
}

impl<'d> Names<'d> {
    pub(crate) fn new(ds: &'d DataSet) -> Names<'d> {
        let all = factcard_core::names::mentions(ds);
        let latin = |n: &str| n.chars().all(|c| (c as u32) <= 0x24f);
        let mut list: Vec<(&str, &str, bool)> =
            all.iter().filter(|(n, _)| !latin(n)).map(|&(n, id)| (n, id, false)).collect();
        list.extend(all.iter().filter(|(n, _)| latin(n)).map(|&(n, id)| (n, id, true)));
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, (n, _, _)) in list.iter().enumerate() {
            // (A name is never empty: `mentions` keeps names of two characters or more.)
            if let Some(c) = n.chars().next() {
                by_first.entry(c).or_default().push(i);
            }
        }
        Names { list, by_first }
    }

    /// The first match in `text` at or after `from`: (start, end, id).
    pub(crate) fn find(&self, text: &str, from: usize) -> Option<(usize, usize, &'d str)> {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        for (at, c) in text[from..].char_indices().map(|(i, c)| (from + i, c)) {
            let Some(starting) = self.by_first.get(&c) else { continue };
            let rest = &text[at..];
            for &(n, id, latin) in starting.iter().map(|&i| &self.list[i]) {
                if !rest.starts_with(n) {
                    continue;
                }
                if latin && (word(text[..at].chars().next_back()) || word(text[at + n.len()..].chars().next())) {
                    continue;
                }
                return Some((at, at + n.len(), id));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_maps_each_character_back_to_the_page() {
        let d = Decoded::new("a&amp;b&#20013;&#x4e2d;&#0;&#xD800;&bogus;&");
        assert_eq!(d.text, "a&b中中\u{fffd}\u{fffd}&bogus;&");
        assert_eq!((d.raw(0), d.raw(1), d.raw(2), d.raw(3), d.raw(6)), (0, 1, 6, 7, 15));
        assert_eq!(d.raw(d.text.len()), "a&amp;b&#20013;&#x4e2d;&#0;&#xD800;&bogus;&".len());
        assert!(Decoded::new("plain").from.is_empty());
    }

    // The one-pass tests: at these sizes one pass takes about a second in a debug build on a busy two-core machine,
    // a pass per item minutes, so the 30 s bound never fails a slow machine and always fails the quadratic reading.
    #[test]
    fn finding_a_name_in_a_long_text_takes_no_time_per_name() {
        let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
        let names = Names::new(&ds);
        // 1 MB of words that no name begins a match in, then a name: the whole of it is read once, not once for each
        // of the set's names at each character (4 s for a 1 MB page in a release build, before).
        let prose = "the of and to in a is that for it as was with be by on not he this are or his ".repeat(25_000);
        let text = format!("{prose}Liangjiang");
        let t = std::time::Instant::now();
        assert_eq!(names.find(&text, 0), Some((prose.len(), text.len(), "liangjiang")));
        let took = t.elapsed();
        assert!(took < std::time::Duration::from_secs(30), "{took:?} for {} names", names.list.len());
    }

    #[test]
    fn a_text_of_ampersands_is_decoded_in_one_read() {
        // Each `&` with no `;` within a reference's length: the rest of the text is not searched for one each time.
        let raw = "&x".repeat(500_000);
        let t = std::time::Instant::now();
        assert_eq!(Decoded::new(&raw).text, raw);
        let took = t.elapsed();
        assert!(took < std::time::Duration::from_secs(30), "{took:?}");
    }
}
