//! Compiles the default data set (`seeds/`) into the bundle that this crate embeds, with the same compiler as the
//! `factcard` command-line tool. A malformed data file fails the build here, with file, line and column, so that
//! no page ever loads a broken data set.

use std::path::{Path, PathBuf};

fn main() {
    // A publisher may compile its own default data set into the binary: FACTCARD_SEEDS=path/to/folder.
    println!("cargo:rerun-if-env-changed=FACTCARD_SEEDS");
    let seeds =
        std::env::var_os("FACTCARD_SEEDS").map_or_else(|| PathBuf::from(factcard_compile::SEEDS), PathBuf::from);
    println!("cargo:rerun-if-changed={}", seeds.display());
    let data = match factcard_compile::compile_dir(&seeds) {
        Ok(d) => d,
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
                // Shown by cargo even without -vv, one line each.
                println!("cargo:warning={e}");
            }
            eprintln!("factcard: {} error(s) in the data set in {}", errors.len(), seeds.display());
            std::process::exit(1);
        }
    };
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin.facts");
    std::fs::write(&out, factcard_core::bundle::encode(&data)).unwrap();
}
