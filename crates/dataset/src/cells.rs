//! What a sheet's cells say, as spreadsheet programs write them in each locale: the file's encoding, numbers,
//! true and false, and days.
//!
//! - **Encoding.** A sheet is UTF-8 (with or without a byte-order mark) or, when it is not valid UTF-8, Windows-1252,
//!   which Excel writes by default in the Americas and Western Europe ("CSV" rather than "CSV UTF-8"). A file that is
//!   UTF-8 but for a few bytes, or UTF-16 ("Unicode Text"), or holds a byte Windows-1252 leaves undefined (as Mac OS
//!   Roman's `ç`, `è`, `ê` are), is refused: read as Windows-1252 it would be silently garbled. Other 8-bit
//!   encodings (Windows-1250 of Central Europe, Mac OS Roman) cannot be told from Windows-1252 by their bytes alone:
//!   such sheets must be saved as "CSV UTF-8".
//! - **Numbers.** A sheet separated by `,` writes them as TOML does: a point before the decimals, no grouping
//!   (`46.3`, `-2.4`, `1500`). A sheet separated by `;` is what Excel writes where the comma is the decimal mark
//!   (Brazil, Germany, France, Spain, Italy, the Netherlands…), so there `2,4` is 2.4, `-2,4` is -2.4, `1.234,5` is
//!   1234.5 and `1.234.567` (or `1 234 567`, with spaces or no-break spaces) is 1234567. A point followed by other
//!   than three digits (`1.5`, `0.25`) is a decimal point, as sheets separated by `;` were read before; `1.234`
//!   alone could be either, and is an error that says so.
//! - **True and false** (`change`) in English and as Excel writes them in Portuguese, German, French, Spanish,
//!   Italian and Dutch (`VERDADEIRO`/`FALSO`, `WAHR`/`FALSCH`, `VRAI`/`FAUX`…), any case, in every sheet: no word
//!   is true in one of these languages and false in another, so one table serves every set.
//! - **Days** (a source's `date`, `updated`, `correction_date`) in a sheet separated by `;` may be written as those
//!   locales' Excel writes them, day first: `31/12/2025` or `31.12.2025` is 2025-12-31. In a sheet separated by
//!   `,` they must be ISO 8601 (`2025-12-31`), since `01/02/2025` is January in the United States and February
//!   elsewhere. A fact's `date` and a figure's `period` are periods (`2024`, `2024-03`) and stay ISO 8601 in every
//!   sheet: Excel turns a typed `2024-03` into the day `01/03/2024`, which must not pass as a day.

use std::borrow::Cow;

/// Windows-1252's bytes 0x80 to 0x9F; the other bytes are Latin-1 (the code point of the same number). The five
/// bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are refused before this table is used.
const CP1252: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2C6}', '\u{2030}',
    '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}',
    '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}',
    '\u{17E}', '\u{178}',
];

/// Why a file's bytes are not read: the offset of the first byte that is not UTF-8 (if there is one), the message
/// and the hint.
pub(crate) type Unreadable = (Option<usize>, String, String);

const SAVE_AS: &str = "save it from the spreadsheet as \"CSV UTF-8\" (or as \"CSV\")";

/// A sheet's text from its bytes: UTF-8, or else Windows-1252 (see the module's notes).
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Unreadable> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let msg = "the sheet is saved as UTF-16 (\"Unicode Text\"), not as CSV".to_string();
        return Err((None, msg, SAVE_AS.into()));
    }
    let bad = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(Cow::Borrowed(text)),
        Err(e) => e.valid_up_to(),
    };
    if has_utf8_sequence(bytes) {
        let msg = "the sheet is UTF-8 but for a byte that is not (the file was damaged, or pasted together from \
                   files of two encodings)"
            .to_string();
        return Err((Some(bad), msg, SAVE_AS.into()));
    }
    if let Some(at) = bytes.iter().position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)) {
        let msg = format!(
            "the sheet is not UTF-8, and the byte 0x{:02X} is no character of Windows-1252 either: it was saved in \
             another encoding (Mac OS Roman?)",
            bytes[at]
        );
        return Err((Some(at), msg, SAVE_AS.into()));
    }
    Ok(Cow::Owned(
        bytes
            .iter()
            .map(|&b| if (0x80..0xA0).contains(&b) { CP1252[usize::from(b - 0x80)] } else { char::from(b) })
            .collect(),
    ))
}

/// Whether the bytes hold a well-formed UTF-8 sequence of two or more bytes: Windows-1252 text almost never does
/// (it would take a letter such as `Ã` followed by a symbol such as `©`), UTF-8 text with an accent always does.
fn has_utf8_sequence(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        let len = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return false,
        };
        bytes.get(i..i + len).is_some_and(|s| std::str::from_utf8(s).is_ok())
    })
}

/// The words for true and false a `change` cell may hold, lowercase: English, then Portuguese, German, French,
/// Spanish, Italian and Dutch as their Excel writes them (and their yes and no).
const TRUE: &[&str] = &[
    "true",
    "yes",
    "1",
    "x",
    "verdadeiro",
    "sim",
    "wahr",
    "ja",
    "vrai",
    "oui",
    "verdadero",
    "sí",
    "si",
    "vero",
    "sì",
    "waar",
];
const FALSE: &[&str] = &["false", "no", "0", "falso", "não", "nao", "falsch", "nein", "faux", "non", "onwaar", "nee"];

/// A cell of `change` as true or false, in any of the languages above and any case.
pub(crate) fn boolean(v: &str) -> Result<bool, (String, String)> {
    let low = v.to_lowercase();
    if TRUE.contains(&low.as_str()) {
        return Ok(true);
    }
    if FALSE.contains(&low.as_str()) {
        return Ok(false);
    }
    let hint = "write TRUE or FALSE, or leave the cell empty (Excel's words in Portuguese, German, French, Spanish, \
                Italian and Dutch are read too: VERDADEIRO/FALSO, WAHR/FALSCH, VRAI/FAUX, VERDADERO/FALSO, \
                VERO/FALSO, WAAR/ONWAAR)";
    Err((format!("`{v}` is neither true nor false"), hint.into()))
}

/// A number cell as TOML writes it (`2.4`), if it is one: `comma` for a sheet separated by `;` (see the module's
/// notes); `percent` when the figure's unit is `percent`, so that `7,1%` is 7.1.
pub(crate) fn number(v: &str, comma: bool, percent: bool) -> Option<String> {
    let v = match v.strip_suffix('%') {
        Some(n) if percent => n.trim_end_matches(is_space),
        _ => v,
    };
    let plain = if comma { from_comma(v)? } else { v.to_string() };
    is_number(&plain).then_some(plain)
}

/// A space a number may be grouped with: a space, a no-break space, a narrow no-break space.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}')
}

/// A number of a sheet separated by `;` with a point before its decimals: `-1.234,5` is `-1234.5`.
fn from_comma(v: &str) -> Option<String> {
    let (sign, d) = v.strip_prefix('-').map_or(("", v), |d| ("-", d));
    let (int, frac) = d.split_once(',').map_or((d, None), |(i, f)| (i, Some(f)));
    let int = match ungrouped(int) {
        Some(_) if frac.is_none() && thousands_or_decimal(int) => return None,
        Some(g) => g,
        // `1.5`: a decimal point.
        None if frac.is_none() => Cow::Borrowed(int),
        None => return None,
    };
    Some(match frac {
        Some(f) => format!("{sign}{int}.{f}"),
        None => format!("{sign}{int}"),
    })
}

/// Digits grouped by thousands with one kind of separator (`.`, a space, a no-break space) as digits alone
/// (`1.234.567` is `1234567`); the digits themselves if there is no separator; `None` if they are not grouped so.
fn ungrouped(int: &str) -> Option<Cow<'_, str>> {
    let Some(sep) = int.chars().find(|&c| c == '.' || is_space(c)) else { return Some(Cow::Borrowed(int)) };
    let groups: Vec<&str> = int.split(sep).collect();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let first = groups[0];
    let ok = (1..=3).contains(&first.len())
        && !first.starts_with('0')
        && digits(first)
        && groups[1..].iter().all(|g| g.len() == 3 && digits(g));
    ok.then(|| Cow::Owned(groups.concat()))
}

/// `1.234` (one point, three digits after it, no comma): a thousands point, or a decimal point?
fn thousands_or_decimal(int: &str) -> bool {
    int.matches('.').count() == 1 && !int.contains(is_space)
}

/// A number TOML reads as the spreadsheet wrote it: digits, at most one point, an optional minus.
fn is_number(v: &str) -> bool {
    let d = v.strip_prefix('-').unwrap_or(v);
    let (int, frac) = d.split_once('.').unwrap_or((d, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && digits(frac) && (int == "0" || !int.starts_with('0')) && int.len() <= 15
}

/// Why a number cell is not one, and how to write it, in the words of its sheet (`comma`: separated by `;`).
/// `percent`: the figure's unit is `percent`, so a percent sign was not the problem.
pub(crate) fn number_problem(v: &str, comma: bool, percent: bool) -> (String, String) {
    const SEMICOLON: &str = "a sheet separated by `;`, as Excel writes it in Brazil, Germany or France,";
    if let Some(n) = v.strip_suffix('%').filter(|_| percent) {
        return number_problem(n.trim_end_matches(is_space), comma, false);
    }
    let bare = v.strip_prefix('-').unwrap_or(v);
    if let Some(n) = v.strip_suffix('%') {
        let hint =
            format!("write {} in this cell and `percent` in the figure's unit column", n.trim_end_matches(is_space));
        return (format!("`{v}` has a percent sign, but the unit is not `percent`"), hint);
    }
    if comma && !bare.contains(',') && ungrouped(bare).is_some() && thousands_or_decimal(bare) {
        let (int, frac) = bare.split_once('.').unwrap_or((bare, ""));
        let hint = format!(
            "in {SEMICOLON} a comma is the decimal mark: write {int}{frac} for the thousands, or {int},{frac} for \
             the decimal"
        );
        return (format!("`{v}` could be {int}{frac} or {int}.{frac}"), hint);
    }
    if comma {
        let hint = format!(
            "{} takes numbers as Excel writes them there: 2,4 or -2,4, with points or spaces between thousands \
             (1.234,5; 1.234.567), without a scale word or a currency sign: 46,3 with `billion` in the scale column",
            capitalised(SEMICOLON)
        );
        return (format!("`{v}` is not a number"), hint);
    }
    if v.contains(',') {
        let hint = format!(
            "a sheet separated by `,` takes a point before the decimals and no grouping (2.4, 1234.5); {SEMICOLON} \
             takes decimal commas"
        );
        return (format!("`{v}` has a comma, which a sheet separated by `,` does not read"), hint);
    }
    let hint = "write the number as printed, with a point before the decimals, no grouping and no scale word: 46.3 \
                with `billion` in the scale column";
    (format!("`{v}` is not a number"), hint.into())
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// A day as Excel writes it where the day comes first (`31/12/2025`, `31.12.2025`), as ISO 8601 (`2025-12-31`), if
/// it is one and a real day.
pub(crate) fn day_first(v: &str) -> Option<String> {
    let sep = if v.contains('/') { '/' } else { '.' };
    let parts: Vec<&str> = v.split(sep).collect();
    let [d, m, y] = parts[..] else { return None };
    let num = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let (d, m, y) = (num(d, 1..=2)?, num(m, 1..=2)?, num(y, 4..=4)?);
    let iso = format!("{y:04}-{m:02}-{d:02}");
    crate::dates::parse_date(&iso).map(|_| iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_read_and_broken_utf8_is_refused() {
        assert_eq!(decode(b"S\xe3o Paulo \x80 \x93x\x94 c\x9cur \x96").unwrap(), "São Paulo € “x” cœur –");
        assert_eq!(decode("São".as_bytes()).unwrap(), "São");
        // UTF-8 (`ã`, `é`), then a Windows-1252 `ã`: refused at that byte.
        let (at, msg, _) = decode(b"S\xc3\xa3o\n\xc3\xa9\xe3").unwrap_err();
        assert_eq!(at, Some(7));
        assert!(msg.contains("UTF-8 but for a byte"), "{msg}");
        assert!(decode(b"\xff\xfei\0d\0").unwrap_err().1.contains("UTF-16"));
        // Mac OS Roman's `ç` is a byte Windows-1252 does not define.
        let (at, msg, _) = decode(b"Fran\x8Dais").unwrap_err();
        assert_eq!(at, Some(4));
        assert!(msg.contains("0x8D is no character of Windows-1252"), "{msg}");
    }

    /// Random bytes (Windows-1252, UTF-8 and broken UTF-8, separators, quotes, line ends): reading them as a sheet
    /// never panics, and a refusal is at a row the text has.
    #[test]
    fn random_bytes_never_panic() {
        const PIECES: [&[u8]; 14] = [
            b"id;title\r\n",
            b";",
            b",",
            b"\"",
            b"\r\n",
            b"\n",
            b"x",
            b"\xe3",
            b"\xc3\xa3",
            b"\xc3",
            b"\x80",
            b"\x8d",
            b"\xef\xbb\xbf",
            b"\xa0",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..500 {
            let mut bytes = Vec::new();
            for _ in 0..seed % 30 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                bytes.extend_from_slice(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            if let Err(errors) = crate::input::Input::csv_bytes("facts.csv", &bytes) {
                let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
                assert!(
                    errors.iter().all(|e| e.cell().is_some_and(|(row, _)| row >= 1 && row <= lines)),
                    "{errors:?} in {bytes:?}"
                );
            }
        }
    }

    #[test]
    fn numbers_as_each_kind_of_sheet_writes_them() {
        let n = |v: &str, comma: bool| number(v, comma, false);
        for (v, want) in [
            ("2,4", "2.4"),
            ("-2,4", "-2.4"),
            ("1.234,5", "1234.5"),
            ("1.234.567", "1234567"),
            ("1\u{a0}234,5", "1234.5"),
            ("1 234 567", "1234567"),
            ("1.5", "1.5"),
            ("0.234", "0.234"),
            ("1234", "1234"),
            ("0,5", "0.5"),
        ] {
            assert_eq!(n(v, true).as_deref(), Some(want), "{v}");
        }
        for bad in
            ["1.234", "-1.234", "1.23.4", "12.34,5", "1,2,3", "1,234.5", "(2,4)", "2,4-", "R$ 5,00", ",5", "1.234 567"]
        {
            assert_eq!(n(bad, true), None, "{bad}");
        }
        assert_eq!(n("1.5", false).as_deref(), Some("1.5"));
        assert_eq!(n("2,4", false), None);
        assert_eq!(n("1.234", false).as_deref(), Some("1.234"));
        assert_eq!(number("7,1%", true, true).as_deref(), Some("7.1"));
        assert_eq!(number("7,1\u{a0}%", true, true).as_deref(), Some("7.1"));
        assert_eq!(number("7,1%", true, false), None);
        assert!(number_problem("1.234", true, false).0.contains("could be 1234 or 1.234"));
        assert!(number_problem("2,4", false, false).1.contains("takes a point before the decimals"));
        assert!(number_problem("7,1%", true, false).1.contains("write 7,1 in this cell"));
    }

    #[test]
    fn true_and_false_in_seven_languages_and_days_day_first() {
        for t in ["TRUE", "Verdadeiro", "WAHR", "vrai", "VERDADERO", "VERO", "WAAR", "SÍ"] {
            assert_eq!(boolean(t), Ok(true), "{t}");
        }
        for f in ["FALSE", "FALSO", "FALSCH", "FAUX", "ONWAAR", "NÃO"] {
            assert_eq!(boolean(f), Ok(false), "{f}");
        }
        assert!(boolean("TALVEZ").unwrap_err().0.contains("neither true nor false"));
        assert_eq!(day_first("31/12/2025").as_deref(), Some("2025-12-31"));
        assert_eq!(day_first("1.2.2025").as_deref(), Some("2025-02-01"));
        for no in ["31/02/2025", "12/31/2025", "2025", "2022-01/2022-09", "31/12/25", "31.12.2025 00:00"] {
            assert_eq!(day_first(no), None, "{no}");
        }
    }
}
