//! `factcard`: check, compile and render facts files without touching Rust.
//!
//! ```text
//! factcard check FILE|DIR…              validate facts files; every error with file:line:column
//! factcard build FILE|DIR… -o OUT.facts compile them into one binary bundle
//! factcard site FILE|DIR… -o DIR        prerender every card into DIR (what pages of cards load)
//! factcard render FILE|DIR… --fact ID [--lang zh]   print a card's static HTML and its JSON-LD
//! ```

#[cfg(target_arch = "wasm32")]
fn main() {
    // The command-line tool is native only; this stub lets `cargo test --target wasm32-unknown-unknown` build.
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::path::PathBuf;
    use std::process::ExitCode;

    use factcard::{bundle, compile, format};

    const USAGE: &str = "usage:
      factcard check FILE|DIR...                    validate facts files (TOML, the format of seeds/)
      factcard build FILE|DIR... -o OUT.facts       compile them into one binary bundle
      factcard site FILE|DIR... -o DIR              prerender every card into DIR (fragments, mentions, bundle)
      factcard render FILE|DIR... --fact ID [--lang en|zh]   print a card's static HTML and its JSON-LD";

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(msg) => {
                eprintln!("{msg}");
                ExitCode::FAILURE
            }
        }
    }

    fn run(args: &[String]) -> Result<(), String> {
        let Some((cmd, rest)) = args.split_first() else {
            return Err(USAGE.into());
        };
        let mut files = Vec::new();
        let mut out = None;
        let mut fact = None;
        let mut lang = format::Lang::En;
        let mut it = rest.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "-o" | "--output" => out = Some(PathBuf::from(it.next().ok_or("-o needs a file name")?)),
                "--fact" => fact = Some(it.next().ok_or("--fact needs an id")?.clone()),
                "--lang" => lang = format::Lang::from_tag(it.next().ok_or("--lang needs en or zh")?),
                "-h" | "--help" => return Err(USAGE.into()),
                f if f.starts_with('-') => return Err(format!("unknown option {f}\n{USAGE}")),
                f => files.push(PathBuf::from(f)),
            }
        }
        if files.is_empty() {
            return Err(format!("no input files\n{USAGE}"));
        }
        let started = std::time::Instant::now();
        let size: u64 = files.iter().map(|f| input_size(f)).sum();
        // Progress on stderr for inputs large enough to take a moment.
        let loud = size > 4 << 20;
        if loud {
            eprintln!("factcard: reading and checking {:.1} MB of facts…", size as f64 / 1e6);
        }
        let ds = compile::read_and_compile(&files).map_err(|errors| {
            let mut s: String = errors.iter().map(|e| format!("error: {e}\n")).collect();
            s.push_str(&format!("{} error(s)", errors.len()));
            s
        })?;
        if loud {
            eprintln!("factcard: {} facts checked in {:.1} s", ds.facts.len(), started.elapsed().as_secs_f64());
        }
        match cmd.as_str() {
            "check" => {
                println!(
                    "ok: {} facts, {} entities, {} sources, {} topics",
                    ds.facts.len(),
                    ds.entities.len(),
                    ds.sources.len(),
                    ds.topics.len()
                );
                Ok(())
            }
            "build" => {
                let out = out.ok_or("build needs -o OUT.facts")?;
                let bytes = bundle::encode(&ds);
                std::fs::write(&out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
                println!("wrote {} ({} bytes, {} facts)", out.display(), bytes.len(), ds.facts.len());
                Ok(())
            }
            "site" => {
                let out = out.ok_or("site needs -o DIR")?;
                let mut shown = 0;
                let w = factcard::site::write(&ds, &out, |done, total| {
                    if loud && (done * 20 / total > shown || done == total) {
                        shown = done * 20 / total;
                        eprint!("\rfactcard: writing cards {done}/{total}");
                        if done == total {
                            eprintln!();
                        }
                    }
                })
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
                println!(
                    "wrote {} files ({} bytes) into {} for {} facts",
                    w.files,
                    w.bytes,
                    out.display(),
                    ds.facts.len()
                );
                Ok(())
            }
            "render" => {
                let id = fact.ok_or("render needs --fact ID")?;
                let f = ds.fact(&id).ok_or_else(|| format!("no fact with id `{id}`"))?;
                println!("{}", factcard::card::card_html(&ds, f, lang));
                println!("<script type=\"application/ld+json\">{}</script>", factcard::jsonld::claim(&ds, f, lang));
                Ok(())
            }
            other => Err(format!("unknown command `{other}`\n{USAGE}")),
        }
    }

    fn input_size(p: &std::path::Path) -> u64 {
        match std::fs::read_dir(p) {
            Ok(entries) => entries.flatten().map(|e| input_size(&e.path())).sum(),
            Err(_) => std::fs::metadata(p).map_or(0, |m| m.len()),
        }
    }
}
