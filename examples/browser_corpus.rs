//! Writes the browser corpus of hostile data sets: every case of `tests/hostile/cases.toml` that compiles, as a
//! site folder `DIR/N/`, with the index `DIR/cases.json`, for the page tests (`tests/pages/hostile.test.mjs`,
//! `tests/pages/sanitize.test.mjs`). `make test-pages` runs it before them; `DIR` is replaced if it holds a corpus
//! already (or nothing), and left alone otherwise.
//!
//! ```sh
//! cargo run --release --example browser_corpus -- target/hostile
//! ```

// The suite's hostile tests use the rest of the module (the expectations of each case).
#[allow(dead_code)]
#[path = "../tests/hostile/corpus.rs"]
mod corpus;

fn main() {
    let Some(root) = std::env::args_os().nth(1).filter(|_| std::env::args_os().len() == 2) else {
        eprintln!("usage: browser_corpus DIR (e.g. target/hostile)");
        std::process::exit(2);
    };
    let root = std::path::PathBuf::from(root);
    match corpus::write_corpus(&root) {
        Ok(n) => println!("browser corpus: {n} hostile data sets in {}", root.display()),
        Err(e) => {
            eprintln!("browser_corpus: {e}");
            std::process::exit(1);
        }
    }
}
