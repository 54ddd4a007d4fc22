//! Arbitrary bytes, read as UTF-8 (lossily), as one TOML facts file into `factcard_dataset::compile`. It must not
//! panic; every error must point at a real place in the file (line ≥ 1 and column ≥ 1, within the text); and
//! a data set it accepts must encode to a bundle that decodes to the same data set and renders.

#![no_main]

use factcard_core::bundle;
use factcard_dataset::{compile, Input};
use factcard_fuzz::exercise;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match compile(&[Input::new("f.toml", text.as_ref())]) {
        Err(errors) => {
            assert!(!errors.is_empty(), "compile failed without an error");
            let lines: Vec<&str> = text.split('\n').collect();
            for e in &errors {
                assert!(e.line >= 1 && e.column >= 1, "error without a place: {e:?}");
                assert!(!e.message.is_empty(), "error without a message: {e:?}");
                if e.file == "f.toml" {
                    assert!(e.line <= lines.len(), "line past the end of the file ({} lines): {e:?}", lines.len());
                    let width = lines[e.line - 1].chars().count();
                    assert!(e.column <= width + 1, "column past the end of line {} ({width} chars): {e:?}", e.line);
                } else {
                    assert_eq!((e.file.as_str(), e.line, e.column), ("(data set)", 1, 1), "{e:?}");
                }
                let _ = e.to_string();
            }
        }
        Ok(ds) => {
            let bytes = bundle::encode(&ds);
            let back = bundle::decode(&bytes)
                .unwrap_or_else(|e| panic!("a compiled data set does not decode from its bundle: {e:?}"));
            assert_eq!(back, ds, "bundle round trip changed a compiled data set");
            exercise(&ds);
        }
    }
});
