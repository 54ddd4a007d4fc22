//! `factcard`: check, compile, convert, compare and render facts files without touching Rust.
//!
//! ```text
//! factcard check FILE|DIR…              validate facts files (TOML or CSV); every error with its place
//! factcard build FILE|DIR… -o OUT.facts compile them into one binary bundle
//! factcard site FILE|DIR… -o DIR        prerender every card into DIR (what pages of cards load)
//! factcard render FILE|DIR… --fact ID [--lang TAG]   print a card's static HTML and its JSON-LD
//! factcard inline SITE_DIR [--facts FILE|DIR]…         write the cards into a built site's pages
//! factcard convert FILE|DIR… --to csv|toml -o DIR    the set as sheets, or as TOML
//! factcard diff OLD NEW                 what changed between two versions; exit 1 on a silent change
//! factcard serve FILE|DIR… [--port N] [--pkg DIR]      the desk over them on localhost, rebuilt on every change
//! factcard completions bash|zsh|fish    a script that completes the commands and options in a shell
//! ```
//!
//! Argument parsing and help are in `cli.rs` (declared with clap), the comparison in `diff.rs`, `inline` in `inline.rs`, the desk's local server in `serve.rs`; each command is one function below,
//! and the work is done by `factcard-dataset` (reading and checking, the site writer, conversion) and
//! `factcard-core` (bundles, cards, JSON-LD).

// Every print goes through `out` (the macros below): a println! would panic on a closed pipe.
#![deny(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use factcard_core::json::{array, Obj};
use factcard_core::model::DataSet;
use factcard_core::{bundle, card, jsonld};
use factcard_dataset::{Error, Place};

/// `println!` through [`out::stdout`]: a closed pipe ends the program quietly (see out.rs).
macro_rules! outln {
    ($($t:tt)*) => { $crate::out::stdout(format_args!("{}\n", format_args!($($t)*))) };
}

/// `eprintln!` through [`out::stderr`].
macro_rules! errln {
    () => { $crate::out::stderr(format_args!("\n")) };
    ($($t:tt)*) => { $crate::out::stderr(format_args!("{}\n", format_args!($($t)*))) };
}

/// `eprint!` through [`out::stderr`].
macro_rules! err {
    ($($t:tt)*) => { $crate::out::stderr(format_args!($($t)*)) };
}

mod cli;
mod diff;
mod inline;
mod out;
mod serve;

use cli::{Cli, Cmd, Output, Parsed, Set};

fn main() -> ExitCode {
    let Cli { cmd, o } = match cli::parse(std::env::args_os()) {
        Parsed::Run(cli) => *cli,
        Parsed::Print(text) => {
            out::stdout(format_args!("{text}"));
            return ExitCode::SUCCESS;
        }
        Parsed::Fail(text) => {
            err!("{text}");
            return ExitCode::from(2);
        }
    };
    match run(cmd, o) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Data(errors)) if o.json => {
            outln!("{}", errors_json(&errors));
            ExitCode::FAILURE
        }
        Err(Failure::Data(errors)) => {
            let mut s: String = errors.iter().map(|e| format!("error: {e}\n")).collect();
            s.push_str(&format!("{} error(s)", errors.len()));
            errln!("{s}");
            ExitCode::FAILURE
        }
        Err(Failure::Msg(msg)) if o.json => {
            outln!("{}", errors_json(&[Error::at("", 0, 0, msg, None)]));
            ExitCode::FAILURE
        }
        Err(Failure::Msg(msg)) => {
            errln!("{msg}");
            ExitCode::FAILURE
        }
        Err(Failure::Quiet) => ExitCode::FAILURE,
    }
}

/// Why a command failed: errors in the data files, another problem, or one it has already reported.
enum Failure {
    Data(Vec<Error>),
    Msg(String),
    Quiet,
}

impl From<String> for Failure {
    fn from(s: String) -> Failure {
        Failure::Msg(s)
    }
}

impl From<&str> for Failure {
    fn from(s: &str) -> Failure {
        Failure::Msg(s.into())
    }
}

/// Errors as JSON: `{"ok":false,"errors":[{"file","line","column","header","message","hint"}]}` (in a sheet,
/// `line` is the row and `header` the column's name).
fn errors_json(errors: &[Error]) -> String {
    let mut out = String::new();
    let mut o = Obj::open(&mut out);
    o.bool("ok", false);
    array(o.key("errors"), errors.iter(), |out, e| {
        let mut eo = Obj::open(out);
        eo.str("file", &e.file);
        let (line, column, header) = match &e.place {
            Place::Text { line, column } => (line, column, None),
            Place::Cell { row, column, header } => (row, column, header.as_deref()),
        };
        eo.key("line").push_str(&line.to_string());
        eo.key("column").push_str(&column.to_string());
        eo.bool("sheet", matches!(e.place, Place::Cell { .. }));
        eo.opt("header", header);
        eo.str("message", &e.message);
        eo.opt("hint", e.hint.as_deref());
        eo.close();
    });
    o.close();
    out
}

/// Whether to show progress: on a terminal, unless asked to be quiet.
fn progress(o: Output) -> bool {
    !o.quiet && !o.json && std::io::stderr().is_terminal()
}

fn run(cmd: Cmd, o: Output) -> Result<(), Failure> {
    match cmd {
        Cmd::Check { set } => {
            check(&read_set(&set, o)?, o);
            Ok(())
        }
        Cmd::Build { set, out } => build(&read_set(&set, o)?, &out, o.quiet),
        Cmd::Site { set, out, script, entry_max_age } => {
            site(&read_set(&set, o)?, &out, script.as_deref(), entry_max_age, o)
        }
        Cmd::Render(r) => {
            let ds = read(&r.files, progress(o))?;
            // An empty set has no fact to render, allowed or not.
            not_empty(&ds, &r.files, false)?;
            render(&ds, &r)
        }
        Cmd::Inline(i) => inline_cmd(&i, o),
        Cmd::Convert(c) => convert(&c, o),
        Cmd::Diff { old, new } => diff_cmd(&old, &new, o),
        // Errors in the files do not stop it: they show in the page until they are fixed.
        Cmd::Serve { files, port, pkg } => serve::serve(serve::Options { files, port, pkg }).map_err(Failure::Msg),
        // Printed by cli::parse.
        Cmd::Completions { .. } => Ok(()),
    }
}

/// Reads and checks a set (check, build, site), which must hold facts unless `--allow-empty` was given.
fn read_set(set: &Set, o: Output) -> Result<DataSet, Failure> {
    let ds = read(&set.files, progress(o))?;
    not_empty(&ds, &set.files, set.allow_empty)?;
    Ok(ds)
}

/// Reads and checks the files; every error, with its place.
fn read(files: &[PathBuf], loud: bool) -> Result<DataSet, Failure> {
    let started = std::time::Instant::now();
    let size: u64 = files.iter().map(|f| input_size(f)).sum();
    // A message while reading only where it takes a moment.
    let loud = loud && size > 4 << 20;
    if loud {
        errln!("factcard: reading and checking {:.1} MB of facts…", size as f64 / 1e6);
    }
    let ds = factcard_dataset::read_and_compile(files).map_err(Failure::Data)?;
    if loud {
        errln!("factcard: {} facts checked in {:.1} s", ds.facts.len(), started.elapsed().as_secs_f64());
    }
    Ok(ds)
}

/// Fails on a set with no facts (a wrong path, a folder of workbooks), unless `--allow-empty` was given: a site of
/// "Fact not found" cards, or `ok: 0 facts` in CI, is rarely what was meant.
fn not_empty(ds: &DataSet, files: &[PathBuf], allow_empty: bool) -> Result<(), Failure> {
    if ds.facts.is_empty() && !allow_empty {
        return Err(factcard_dataset::empty_set_message(files).into());
    }
    Ok(())
}

/// `check`: what the set holds, its corrections and updates, and its stale facts.
fn check(ds: &DataSet, o: Output) {
    let corrected: Vec<_> = ds.facts.iter().filter(|f| !f.corrections.is_empty() || f.updated.is_some()).collect();
    let stale: Vec<&str> = ds.facts.iter().filter(|f| f.stale).map(|f| f.id.as_str()).collect();
    if o.json {
        let mut out = String::new();
        let mut o = Obj::open(&mut out);
        o.bool("ok", true);
        for (k, n) in [
            ("facts", ds.facts.len()),
            ("entities", ds.entities.len()),
            ("sources", ds.sources.len()),
            ("topics", ds.topics.len()),
        ] {
            o.key(k).push_str(&n.to_string());
        }
        array(o.key("changes"), corrected.iter(), |out, f| {
            let mut fo = Obj::open(out);
            fo.str("id", &f.id);
            fo.opt("updated", f.updated.as_deref());
            array(fo.key("corrections"), f.corrections.iter(), |out, c| {
                let mut co = Obj::open(out);
                co.str("date", &c.date);
                co.str("wrong", c.wrong.in_default());
                co.str("changed", c.changed.in_default());
                co.close();
            });
            fo.close();
        });
        o.strs("stale", stale.iter().copied());
        o.close();
        outln!("{out}");
        return;
    }
    if o.quiet {
        return;
    }
    let (f, e, s, t) = (ds.facts.len(), ds.entities.len(), ds.sources.len(), ds.topics.len());
    outln!("ok: {f} facts, {e} entities, {s} sources, {t} topics");
    if !corrected.is_empty() {
        outln!("corrections and updates ({} facts):", corrected.len());
        for f in &corrected {
            if let Some(u) = &f.updated {
                outln!("  {}: updated on {u}", f.id);
            }
            for c in &f.corrections {
                let text = factcard_core::format::correction_text(c, ds.lang(""));
                outln!("  {}: corrected on {}: {text}", f.id, c.date);
            }
        }
    }
    if !stale.is_empty() {
        outln!("possibly out of date, shown \"as of\" ({}): {}", stale.len(), stale.join(", "));
    }
}

/// `build`: the bundle, written as it is encoded. Its header depends on the whole payload, so a first encoding
/// sums the payload and a second writes it after the header: a million facts' bundle is never in memory whole, and
/// the output may be a pipe.
fn build(ds: &DataSet, out: &Path, quiet: bool) -> Result<(), Failure> {
    use std::io::Write;
    let cannot = |e: std::io::Error| Failure::Msg(format!("cannot write {}: {e}", out.display()));
    let header = bundle::encode_parts(ds, &mut |_| {});
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(out).map_err(cannot)?);
    w.write_all(&header).map_err(cannot)?;
    let (mut failed, mut size) = (None, header.len());
    bundle::encode_parts(ds, &mut |b| {
        if failed.is_none() {
            failed = w.write_all(b).err();
            size += b.len();
        }
    });
    failed.map_or(Ok(()), Err).and_then(|()| w.flush()).map_err(cannot)?;
    if !quiet {
        outln!("wrote {} ({size} bytes, {} facts)", out.display(), ds.facts.len());
    }
    Ok(())
}

fn site(ds: &DataSet, out: &Path, script: Option<&str>, entry_max_age: u32, o: Output) -> Result<(), Failure> {
    let mut shown = Shown { on: progress(o), started: std::time::Instant::now(), last: None };
    let script = script.unwrap_or(factcard_publish::site::SCRIPT);
    let w = factcard_publish::site::write_for(ds, out, script, entry_max_age, |step| shown.step(step))
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    shown.done();
    for note in &w.notes {
        errln!("factcard site: {note}");
    }
    if o.json {
        outln!("{}", written_json(&w));
    } else if !o.quiet {
        let (a, c, r, u) = (w.added.len(), w.changed.len(), w.removed.len(), w.unchanged);
        let facts = ds.facts.len();
        outln!(
            "{facts} facts: {a} files added, {c} changed, {r} removed, {u} unchanged ({} bytes written into {}); {} rendered, the others as last built",
            w.bytes_written,
            out.display(),
            if w.rendered == 1 { "1 card".to_string() } else { format!("{} cards", w.rendered) }
        );
    }
    Ok(())
}

/// `site`'s progress on a terminal, one line rewritten in place: the cards done, with an estimate of the time
/// left once a few seconds tell the pace, then each later step. Interrupting it (Ctrl-C) at any point leaves the
/// folder serving the previous publish: the entry files that name the new one are written last.
struct Shown {
    on: bool,
    started: std::time::Instant,
    /// When the line was last rewritten.
    last: Option<std::time::Instant>,
}

impl Shown {
    fn step(&mut self, step: factcard_publish::site::Step) {
        use factcard_publish::site::Step;
        if !self.on {
            return;
        }
        let line = match step {
            Step::Cards { done, total } => {
                // At most four times a second.
                if self.last.is_some_and(|t| t.elapsed().as_millis() < 250) && done < total {
                    return;
                }
                let spent = self.started.elapsed().as_secs_f64();
                let left = spent * (total - done) as f64 / done.max(1) as f64;
                let eta = if spent >= 2.0 && done < total {
                    format!(", about {} left", seconds(left))
                } else {
                    String::new()
                };
                format!("cards {done}/{total} ({}%){eta}", done * 100 / total.max(1))
            }
            Step::Index => "the search index".into(),
            Step::Desk => "the desk".into(),
            Step::Finish => "the entry files, and clearing what is no longer kept".into(),
        };
        self.last = Some(std::time::Instant::now());
        // `\x1b[K` clears what a longer line left.
        err!("\rfactcard: {line}…\x1b[K");
    }

    fn done(&self) {
        if self.on {
            err!("\rfactcard: written in {}\x1b[K\n", seconds(self.started.elapsed().as_secs_f64()));
        }
    }
}

/// A duration as people say it: "42 s", "3 min 5 s".
fn seconds(s: f64) -> String {
    let s = s.round() as u64;
    if s < 60 {
        format!("{s} s")
    } else {
        format!("{} min {} s", s / 60, s % 60)
    }
}

/// What `site --json` prints: `{"added":[…],"changed":[…],"removed":[…],"unchanged":N,"rendered":N}`, paths
/// relative to the folder (what to purge from a CDN), and how many cards were rendered.
fn written_json(w: &factcard_publish::site::Written) -> String {
    let mut out = String::new();
    let mut o = Obj::open(&mut out);
    for (k, list) in [("added", &w.added), ("changed", &w.changed), ("removed", &w.removed)] {
        o.strs(k, list.iter().map(String::as_str));
    }
    o.key("unchanged").push_str(&w.unchanged.to_string());
    o.key("rendered").push_str(&w.rendered.to_string());
    o.close();
    out
}

fn render(ds: &DataSet, r: &cli::Render) -> Result<(), Failure> {
    let id = &r.fact;
    let f = ds.fact(id).ok_or_else(|| format!("no fact with id `{id}`"))?;
    if r.element {
        // As `inline` writes it: the element, its shadow root, and the statement as the fallback text.
        let code = factcard_inline::lang_code(if r.lang.is_empty() { "en" } else { &r.lang });
        let css = r.css.as_deref().unwrap_or("factcard-inline.css");
        let built = built_today(ds)?;
        let tpl = factcard_inline::card_template(ds, id, &code, css, Some(&built)).unwrap_or_default();
        let mut fallback = String::new();
        factcard_core::format::escape_into(
            &mut fallback,
            factcard_core::format::with_lang(ds, &f.statement, ds.lang(&code)).0,
        );
        let lang_attr = if r.lang.is_empty() { String::new() } else { format!(" lang=\"{code}\"") };
        // The shadow root on a line of its own: Markdown (a generator's shortcode in a .md page) then keeps the
        // element as a block of HTML, as it is.
        let version = ds.fact_index(id).map(|i| factcard_publish::versions::fact_version(ds, i)).unwrap_or_default();
        outln!(
            "<fact-card fact=\"{id}\"{lang_attr} data-version=\"{version}\" data-ready>\n{tpl}{fallback}</fact-card>"
        );
        return Ok(());
    }
    let lang = ds.lang(&r.lang);
    outln!("{}", card::card_html(ds, f, lang));
    outln!("<script type=\"application/ld+json\">{}</script>", jsonld::claim(ds, f, lang));
    Ok(())
}

/// Today (or `FACTCARD_TODAY`, or the day of `SOURCE_DATE_EPOCH`), as a card written into a page says it was built:
/// in each of the set's languages, as CLDR writes a date. A variable that names no day is an error.
fn built_today(ds: &DataSet) -> Result<factcard_inline::Built, Failure> {
    let (y, m, d) = factcard_dataset::dates::civil_from_days(factcard_dataset::dates::today()?);
    let iso = format!("{y:04}-{m:02}-{d:02}");
    let text = (0..ds.langs.len())
        .map(|i| {
            factcard_dataset::locale::Formatter::new(ds.lang_tag(i))
                .map_or_else(|_| iso.clone(), |f| f.date(y, Some(m), Some(d)))
        })
        .collect();
    Ok(factcard_inline::Built { iso, text })
}

/// `inline SITE_DIR`: the cards written into a built site's pages.
fn inline_cmd(i: &cli::Inline, o: Output) -> Result<(), Failure> {
    let dir = &i.site_dir;
    if !dir.is_dir() {
        return Err(format!("{} is not a folder", dir.display()).into());
    }
    let facts = if i.facts.is_empty() { vec![PathBuf::from(factcard_dataset::SEEDS)] } else { i.facts.clone() };
    let ds = match &facts[..] {
        [one] if one.extension().is_some_and(|e| e == "facts") => version(one)?,
        _ => read(&facts, progress(o))?,
    };
    not_empty(&ds, &facts, i.allow_empty)?;
    let built = built_today(&ds)?;
    let opts = factcard_inline::Options {
        css: i.css.as_deref(),
        src: i.src.as_deref(),
        allow_missing: i.allow_missing,
        built: Some(&built),
    };
    let run = inline::run(&ds, dir, &opts)?;
    if o.json {
        outln!("{}", run.json());
    } else if !o.quiet {
        outln!("{}", run.text(dir));
    }
    Ok(())
}

/// `convert`: the set as sheets or as TOML, in a folder.
fn convert(c: &cli::Convert, o: Output) -> Result<(), Failure> {
    let (to, out) = (c.to.as_str(), &c.out);
    let sep = match (to, c.separator.as_deref()) {
        (_, None | Some(",")) => ',',
        ("csv", Some(";")) => ';',
        ("csv", Some(other)) => return Err(format!("--separator is `,` or `;`, not `{other}`").into()),
        (_, Some(_)) => return Err("--separator is for --to csv".into()),
    };
    let inputs = factcard_dataset::read_inputs(&c.files).map_err(Failure::Data)?;
    let files = match to {
        "csv" => factcard_dataset::convert::to_csv(&inputs, sep),
        "toml" => factcard_dataset::convert::to_toml(&inputs),
        other => return Err(format!("convert writes csv or toml, not `{other}`").into()),
    }
    .map_err(Failure::Data)?;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for (name, text) in &files {
        let p = out.join(name);
        std::fs::write(&p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
    }
    if !o.quiet {
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        outln!("wrote {} into {}", names.join(", "), out.display());
    }
    Ok(())
}

/// A version of a set for `diff`: a `.facts` bundle, or data files.
fn version(p: &Path) -> Result<DataSet, Failure> {
    if p.extension().is_some_and(|e| e == "facts") {
        let bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        return bundle::decode(&bytes).map_err(|e| format!("{}: {}", p.display(), e.message()).into());
    }
    read(&[p.to_path_buf()], false)
}

/// `diff OLD NEW`: exit 1 when a published figure changed silently.
fn diff_cmd(old: &Path, new: &Path, o: Output) -> Result<(), Failure> {
    let (old, new) = (version(old)?, version(new)?);
    let d = diff::diff(&old, &new);
    if o.json {
        outln!("{}", d.json());
    } else if !o.quiet || d.silent() > 0 {
        outln!("{}", d.text());
    }
    if d.silent() > 0 {
        return Err(Failure::Quiet);
    }
    Ok(())
}

fn input_size(p: &Path) -> u64 {
    match std::fs::read_dir(p) {
        Ok(entries) => entries.flatten().map(|e| input_size(&e.path())).sum(),
        Err(_) => std::fs::metadata(p).map_or(0, |m| m.len()),
    }
}
