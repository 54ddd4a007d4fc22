//! Exact decimals written as digits: the one number printer of the crate. Figures are curated as exact decimals
//! ([`Decimal`]), so neither cards ([`crate::format`]) nor JSON ([`crate::json`]) link float formatting into the
//! wasm.
//!
//! ```
//! use factcard_core::{model::Decimal, number};
//! let d = Decimal::parse("46.3").unwrap();
//! assert_eq!(number::shifted(d.digits, 9 - 1, None), "46300000000");
//! assert_eq!(number::shifted(1_234_567, -2, Some(',')), "12,345.67");
//! ```

use crate::model::Decimal;

/// Decimal digits of an unsigned integer.
pub fn uint(mut n: u64) -> String {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf[i..].iter().map(|&b| b as char).collect()
}

/// The number `s`'s digits make (as large as it is, up to `usize::MAX`), or `None` if `s` is not digits alone: a
/// reader of its own, smaller in wasm than `str::parse`.
pub fn read(s: &str) -> Option<usize> {
    let mut n: usize = 0;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.saturating_mul(10).saturating_add((b - b'0') as usize);
    }
    (!s.is_empty()).then_some(n)
}

/// `digits × 10^power` written out, trailing fractional zeros dropped, thousands grouped with `sep` if any.
pub fn shifted(digits: u64, power: i32, sep: Option<char>) -> String {
    let mut s = uint(digits);
    let (int, frac) = if power >= 0 {
        for _ in 0..power {
            s.push('0');
        }
        (s, String::new())
    } else {
        let p = (-power) as usize;
        while s.len() <= p {
            s.insert(0, '0');
        }
        let frac = s.split_off(s.len() - p);
        (s, frac.trim_end_matches('0').to_string())
    };
    let mut out = String::new();
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            if let Some(sep) = sep {
                out.push(sep);
            }
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
    }
    out
}

/// `d × 10^power` as plain digits with a point (`46.3` with power 9 is `46300000000`): a JSON number. Zero is
/// `0`, and at most 30 zeros are appended.
pub fn plain(d: Decimal, power: i32) -> String {
    if d.digits == 0 {
        return "0".into();
    }
    let digits = shifted(d.digits, (power - i32::from(d.frac)).min(30), None);
    if d.neg {
        ["-", &digits].concat()
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn read_takes_digits_alone() {
        assert_eq!(super::read("2021"), Some(2021));
        assert_eq!(super::read("007"), Some(7));
        assert_eq!(super::read("99999999999999999999999"), Some(usize::MAX));
        for bad in ["", "+1", "-1", "1.5", " 1", "1e3", "١"] {
            assert_eq!(super::read(bad), None, "{bad:?}");
        }
    }
}
