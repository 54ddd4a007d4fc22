//! Unsigned LEB128 integers, the one integer codec of factcard's binary files: the bundle ([`crate::bundle`])
//! and the search shards ([`crate::shards`]). Seven bits a byte, low bits first; the high bit says "more".
//!
//! ```
//! use factcard_core::varint;
//! let mut out = Vec::new();
//! varint::put(&mut out, 300);
//! assert_eq!(out, [0xac, 0x02]);
//! let mut at = 0;
//! assert_eq!(varint::get(&out, &mut at), Ok(300));
//! assert_eq!(at, 2);
//! ```

/// Why an integer could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarintError {
    /// The bytes end inside the number.
    Truncated,
    /// More than ten bytes: no u64 is that long.
    TooLong,
}

/// Appends `v`.
pub fn put(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads the integer at `*at` and moves `*at` past it.
pub fn get(bytes: &[u8], at: &mut usize) -> Result<u64, VarintError> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at).ok_or(VarintError::Truncated)?;
        *at += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(VarintError::TooLong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_at_every_length() {
        for v in [0, 1, 127, 128, 16_383, 16_384, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            put(&mut out, v);
            let mut at = 0;
            assert_eq!(get(&out, &mut at), Ok(v));
            assert_eq!(at, out.len());
        }
    }

    #[test]
    fn refuses_cut_and_overlong_numbers() {
        let mut at = 0;
        assert_eq!(get(&[0x80, 0x80], &mut at), Err(VarintError::Truncated));
        let mut at = 0;
        assert_eq!(get(&[0xff; 11], &mut at), Err(VarintError::TooLong));
    }
}
