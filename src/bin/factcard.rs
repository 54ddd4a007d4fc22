//! `factcard`: check, compile and render facts files without touching Rust.
//!
//! ```text
//! factcard check FILE|DIR…              validate facts files; every error with file:line:column
//! factcard build FILE|DIR… -o OUT.facts compile them into one binary bundle
//! factcard render FILE|DIR… --fact ID [--lang zh]   print a card's static HTML
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
      factcard render FILE|DIR... --fact ID [--lang en|zh]   print a card's static HTML";

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
        let ds = compile::read_and_compile(&files).map_err(|errors| {
            let mut s: String = errors.iter().map(|e| format!("error: {e}\n")).collect();
            s.push_str(&format!("{} error(s)", errors.len()));
            s
        })?;
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
            "render" => {
                let id = fact.ok_or("render needs --fact ID")?;
                let f = ds.fact(&id).ok_or_else(|| format!("no fact with id `{id}`"))?;
                println!("{}", factcard::card::card_html(&ds, f, lang));
                Ok(())
            }
            other => Err(format!("unknown command `{other}`\n{USAGE}")),
        }
    }
}
