//! Text folded for matching, the one home of the rules that search ([`crate::search`]) and type-ahead
//! ([`crate::suggest`]) share: what a word character is, lowercase, accents folded. Judged by ranges rather than
//! Unicode tables, which would cost the wasm several kilobytes.
//!
//! ```
//! use factcard_core::text::key;
//! assert_eq!(key("Liangjiang  New-Area!"), "liangjiang new area");
//! assert_eq!(key("Société Générale"), "societe generale");
//! ```

/// A character of a script written without spaces between words: Han (Chinese, and Japanese kanji), Japanese
/// kana and Korean Hangul. Search indexes runs of them as overlapping bigrams.
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}')
}

/// A Han (Chinese) character: searched as overlapping bigrams, since Chinese writes no spaces.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether `c` belongs to a word: ASCII letters and digits, and any other letter of any script, judged by
/// ranges rather than Unicode tables (which would cost the wasm several kilobytes): everything from U+00C0 up
/// except punctuation, symbols, emoji and private use.
pub fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (c >= '\u{C0}'
            && !matches!(c,
                '\u{D7}' | '\u{F7}'                      // × ÷
                | '\u{2000}'..='\u{2BFF}'                // punctuation, symbols, arrows, dingbats
                | '\u{3000}'..='\u{303F}'                // CJK punctuation: 、。《》「」【】
                | '\u{E000}'..='\u{F8FF}'                // private use
                | '\u{FE00}'..='\u{FE0F}' | '\u{FE30}'..='\u{FE4F}' // variation selectors, CJK compatibility forms
                | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' // fullwidth punctuation
                | '\u{FFF0}'..='\u{FFFF}'
                | '\u{1F000}'..='\u{1FAFF}'              // emoji
                | '\u{E0000}'..='\u{E007F}')) // tags
}

/// Lowercase for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals; other characters unchanged.
/// (`char::to_lowercase` would bring Unicode's full case tables into the wasm.)
pub fn lower(c: char) -> char {
    let n = c as u32;
    let l = match n {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => n + 32,
        0x400..=0x40F => n + 80,
        0x100..=0x137 | 0x14A..=0x177 if n.is_multiple_of(2) => n + 1,
        0x139..=0x148 | 0x179..=0x17E if n % 2 == 1 => n + 1,
        _ => n,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Latin letters with accents to their base letter; anything else unchanged.
pub fn fold(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ß' => 's',
        c => c,
    }
}

/// `s` lowercased, accents folded, and every run of non-word characters made one space (a trailing one kept only
/// when `s` ends in white space: the reader is about to type the next word). Never inlined: its callers are many,
/// and each copy would cost the wasm its code again.
#[inline(never)]
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_word(c) {
            out.push(fold(lower(c)));
        } else if !out.is_empty() && out.as_bytes().last() != Some(&b' ') {
            out.push(' ');
        }
    }
    if out.as_bytes().last() == Some(&b' ') && s.as_bytes().last() != Some(&b' ') {
        out.truncate(out.len() - 1);
    }
    out
}

/// How many characters `s` holds: `s.chars().count()`, in a loop that costs the wasm a tenth of std's.
#[inline(never)]
pub fn chars(s: &str) -> usize {
    let mut n = 0;
    for &b in s.as_bytes() {
        n += usize::from(b & 0xC0 != 0x80);
    }
    n
}

/// A combining mark (U+0300–036F and the other combining blocks): it joins the character before it, so text may
/// not start with one (the compiler refuses it; HTML escaping writes it as a reference).
pub fn combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn chars_counts_as_std_does() {
        for s in ["", "a", "两江新区", "é\u{301}x", "\u{1F600}!", "liangjiang new area"] {
            assert_eq!(super::chars(s), s.chars().count(), "{s:?}");
        }
    }
}
