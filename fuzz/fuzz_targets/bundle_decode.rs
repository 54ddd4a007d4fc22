//! Arbitrary bytes into `bundle::decode`, which reads untrusted bundles fetched at run time. It must never
//! panic. What it accepts must survive `encode` → `decode` unchanged, and everything a page then does with it
//! (index, search, suggest, cards in both languages, JSON-LD, charts) must not panic and must produce markup
//! in which no data escaped into HTML.
//!
//! Each input is decoded twice: as it is (header, checksum and all), and with its payload wrapped in a valid
//! header (the input after a `FCB1` header if it has one, else all of it), so that mutations reach the payload
//! parser instead of dying on the FNV-1a checksum.

#![no_main]

use factcard_core::bundle;
use factcard_fuzz::{exercise, with_header};
use libfuzzer_sys::fuzz_target;

fn check(bytes: &[u8]) {
    match bundle::decode(bytes) {
        Err(e) => assert!(!e.message().is_empty()),
        Ok(ds) => {
            let again = bundle::encode(&ds);
            let back = bundle::decode(&again).unwrap_or_else(|e| panic!("a re-encoded bundle does not decode: {e:?}"));
            assert_eq!(back, ds, "encode → decode changed the data set");
            assert_eq!(bundle::encode(&back), again, "encoding is not deterministic");
            exercise(&ds);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    let payload = if data.len() >= 16 && data.starts_with(bundle::MAGIC) { &data[16..] } else { data };
    let fixed = with_header(payload);
    if fixed != data {
        check(&fixed);
    }
});
