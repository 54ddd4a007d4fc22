//! `factcard`: check, compile and render facts files without touching Rust.
//!
//! ```text
//! factcard check FILE|DIR…              validate facts files; every error with file:line:column
//! factcard build FILE|DIR… -o OUT.facts compile them into one binary bundle
//! factcard site FILE|DIR… -o DIR        prerender every card into DIR (what pages of cards load)
//! factcard render FILE|DIR… --fact ID [--lang TAG]   print a card's static HTML and its JSON-LD
//! factcard serve FILE|DIR… [--port N] [--pkg DIR]      the desk over them on localhost, rebuilt on every change
//! ```
//!
//! Each command is one function below; the work is done by `factcard-compile` (reading and checking, the site
//! writer) and `factcard-core` (bundles, cards, JSON-LD).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use factcard_core::model::DataSet;
use factcard_core::{bundle, card, jsonld};

mod serve;

const USAGE: &str = "usage:
  factcard check FILE|DIR...                    validate facts files (TOML, the format of seeds/)
  factcard build FILE|DIR... -o OUT.facts       compile them into one binary bundle
  factcard site FILE|DIR... -o DIR [--script URL]   prerender every card into DIR (fragments, mentions, bundle)
                                                and write its fact desk (index.html), which loads factcard.js
                                                from URL (default ../factcard.js)
  factcard render FILE|DIR... --fact ID [--lang TAG]   print a card's static HTML and its JSON-LD
  factcard serve FILE|DIR... [--port N] [--pkg DIR]    the desk over them on http://127.0.0.1:N/ (default 8090),
                                                rebuilt when a file changes; factcard.js from DIR (default pkg)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::FAILURE
        }
    }
}

/// A command line, parsed.
struct Args {
    files: Vec<PathBuf>,
    out: Option<PathBuf>,
    fact: Option<String>,
    /// The language asked for (a BCP 47 tag); the set's nearest is used.
    lang: String,
    /// Where a folder's desk loads factcard.js from.
    script: Option<String>,
    port: u16,
    pkg: PathBuf,
}

fn parse(rest: &[String]) -> Result<Args, String> {
    let mut a = Args {
        files: Vec::new(),
        out: None,
        fact: None,
        lang: String::new(),
        script: None,
        port: 8090,
        pkg: PathBuf::from("pkg"),
    };
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-o" | "--output" => a.out = Some(PathBuf::from(it.next().ok_or("-o needs a file name")?)),
            "--fact" => a.fact = Some(it.next().ok_or("--fact needs an id")?.clone()),
            "--lang" => a.lang = it.next().ok_or("--lang needs a language tag, such as en or zh")?.clone(),
            "--script" => a.script = Some(it.next().ok_or("--script needs the address of factcard.js")?.clone()),
            "--port" => {
                let p = it.next().ok_or("--port needs a number")?;
                a.port = p.parse().map_err(|_| format!("--port needs a number from 0 to 65535, not `{p}`"))?;
            }
            "--pkg" => a.pkg = PathBuf::from(it.next().ok_or("--pkg needs the folder of factcard.js")?),
            "-h" | "--help" => return Err(USAGE.into()),
            f if f.starts_with('-') => return Err(format!("unknown option {f}\n{USAGE}")),
            f => a.files.push(PathBuf::from(f)),
        }
    }
    if a.files.is_empty() {
        return Err(format!("no input files\n{USAGE}"));
    }
    Ok(a)
}

fn run(args: &[String]) -> Result<(), String> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(USAGE.into());
    };
    let a = parse(rest)?;
    if cmd == "serve" {
        // Errors in the files do not stop it: they show in the page until they are fixed.
        return serve::serve(serve::Options { files: a.files, port: a.port, pkg: a.pkg });
    }
    // Progress on stderr for inputs large enough to take a moment.
    let loud = a.files.iter().map(|f| input_size(f)).sum::<u64>() > 4 << 20;
    let ds = read(&a.files, loud)?;
    match cmd.as_str() {
        "check" => {
            let (f, e, s, t) = (ds.facts.len(), ds.entities.len(), ds.sources.len(), ds.topics.len());
            println!("ok: {f} facts, {e} entities, {s} sources, {t} topics");
            Ok(())
        }
        "build" => build(&ds, a.out.ok_or("build needs -o OUT.facts")?),
        "site" => site(&ds, a.out.ok_or("site needs -o DIR")?, a.script.as_deref(), loud),
        "render" => render(&ds, &a.fact.ok_or("render needs --fact ID")?, &a.lang),
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    }
}

/// Reads and checks the files; every error, with its place, in the message.
fn read(files: &[PathBuf], loud: bool) -> Result<DataSet, String> {
    let started = std::time::Instant::now();
    if loud {
        let size: u64 = files.iter().map(|f| input_size(f)).sum();
        eprintln!("factcard: reading and checking {:.1} MB of facts…", size as f64 / 1e6);
    }
    let ds = factcard_compile::read_and_compile(files).map_err(|errors| {
        let mut s: String = errors.iter().map(|e| format!("error: {e}\n")).collect();
        s.push_str(&format!("{} error(s)", errors.len()));
        s
    })?;
    if loud {
        eprintln!("factcard: {} facts checked in {:.1} s", ds.facts.len(), started.elapsed().as_secs_f64());
    }
    Ok(ds)
}

fn build(ds: &DataSet, out: PathBuf) -> Result<(), String> {
    let bytes = bundle::encode(ds);
    std::fs::write(&out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {} ({} bytes, {} facts)", out.display(), bytes.len(), ds.facts.len());
    Ok(())
}

fn site(ds: &DataSet, out: PathBuf, script: Option<&str>, loud: bool) -> Result<(), String> {
    let mut shown = 0;
    let script = script.unwrap_or(factcard_compile::site::SCRIPT);
    let w = factcard_compile::site::write_with(ds, &out, script, |done, total| {
        if loud && (done * 20 / total > shown || done == total) {
            shown = done * 20 / total;
            eprint!("\rfactcard: writing cards {done}/{total}");
            if done == total {
                eprintln!();
            }
        }
    })
    .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {} files ({} bytes) into {} for {} facts", w.files, w.bytes, out.display(), ds.facts.len());
    Ok(())
}

fn render(ds: &DataSet, id: &str, lang: &str) -> Result<(), String> {
    let f = ds.fact(id).ok_or_else(|| format!("no fact with id `{id}`"))?;
    let lang = ds.lang(lang);
    println!("{}", card::card_html(ds, f, lang));
    println!("<script type=\"application/ld+json\">{}</script>", jsonld::claim(ds, f, lang));
    Ok(())
}

fn input_size(p: &Path) -> u64 {
    match std::fs::read_dir(p) {
        Ok(entries) => entries.flatten().map(|e| input_size(&e.path())).sum(),
        Err(_) => std::fs::metadata(p).map_or(0, |m| m.len()),
    }
}
