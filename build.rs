//! Compiles the default data set (`seeds/`) into a bundle that the crate embeds. A malformed data file fails the
//! build here, with file, line and column, so that no page ever loads a broken data set.

#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;

#[allow(dead_code)]
#[path = "src/bundle.rs"]
mod bundle;

#[allow(dead_code)]
#[path = "src/sort.rs"]
mod sort;

#[allow(dead_code)]
#[path = "src/compile.rs"]
mod compile;

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src/model.rs");
    println!("cargo:rerun-if-changed=src/bundle.rs");
    println!("cargo:rerun-if-changed=src/compile.rs");
    println!("cargo:rerun-if-changed=src/sort.rs");
    // A publisher may compile its own default data set into the binary: FACTCARD_SEEDS=path/to/folder.
    println!("cargo:rerun-if-env-changed=FACTCARD_SEEDS");
    let seeds = match std::env::var_os("FACTCARD_SEEDS") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"),
    };
    println!("cargo:rerun-if-changed={}", seeds.display());
    let data = match compile::compile_dir(&seeds) {
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
    std::fs::write(&out, bundle::encode(&data)).unwrap();
}
