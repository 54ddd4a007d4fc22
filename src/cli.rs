//! The command line: each command's help, and the parsing of arguments into [`Args`]. `--help`, `-h`,
//! `help CMD` and `--version` print and succeed; an unknown option or command is named, with where to look.

use std::path::PathBuf;

/// Every command: its name, its synopsis, and what it does (the help text, after the synopsis).
pub const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "check",
        "factcard check FILE|DIR... [--json] [--allow-empty]",
        "Validates facts files (TOML, and CSV sheets: see seeds/README.md) and prints what the set holds: its facts,\n\
         the corrections and updates they carry, and the facts shown as possibly out of date. Every error names\n\
         its file and line and column (a sheet's row, column and header), with a hint where there is one.\n\
         Exit status 1 when there are errors, and when the set holds no facts (a wrong path, a folder of\n\
         workbooks) unless --allow-empty is given.",
    ),
    (
        "build",
        "factcard build FILE|DIR... -o OUT.facts [--allow-empty]",
        "Compiles the files into one binary bundle (versioned header, checksum). A set with no facts is an error\n\
         unless --allow-empty is given.",
    ),
    (
        "site",
        "factcard site FILE|DIR... -o DIR [--script URL] [--allow-empty]",
        "Prerenders every card into DIR: card fragments per language, entity cards, names to autolink, the bundle\n\
         and the search index; and the fact desk (index.html), which loads factcard.js from URL (default\n\
         ../factcard.js, the package's own layout). Shows its progress on a terminal (not when its output is\n\
         piped, nor with --quiet). A set with no facts is an error unless --allow-empty is given: a site of\n\
         \"Fact not found\" cards is rarely what a wrong path meant.",
    ),
    (
        "render",
        "factcard render FILE|DIR... --fact ID [--lang TAG] [--element [--css URL]]",
        "Prints a card's static HTML and its JSON-LD, in the set's language nearest to TAG. With --element, the\n\
         <fact-card> element with its shadow root instead, as `factcard inline` writes it (for generators that call\n\
         commands); its styles are --css URL (default factcard-inline.css, beside the page).",
    ),
    (
        "inline",
        "factcard inline SITE_DIR [--facts FILE|DIR]... [--src SRC] [--css URL] [--allow-missing] [--allow-empty]",
        "Writes cards into a built site's pages, in place (run it after the static site generator): every\n\
         <fact-card>, <fact-ref> and <fact-search> of every .html file under SITE_DIR gets its shadow root as\n\
         declarative Shadow DOM, and autolink containers get their links, so that cards show with the page, with\n\
         no script and no request. The fallback text stays; nothing else in a page changes; running it again\n\
         changes nothing. The facts are the default set unless --facts names files, folders or a .facts bundle;\n\
         elements with a src attribute are left to the script unless --src names theirs (then only they are\n\
         inlined). The styles are factcard-inline.css beside the page's factcard.js, or --css URL. Exit status 1\n\
         on an unknown id (with --allow-missing, a warning: the script shows \"not found\").",
    ),
    (
        "convert",
        "factcard convert FILE|DIR... --to csv|toml -o DIR [--separator ';']",
        "Writes the set into DIR in the other format: sheets (facts.csv, sources.csv, topics.csv, entities.csv,\n\
         and dataset.toml for the languages and units) or TOML. Both compile to the same bundle, byte for byte.\n\
         Sheets are separated by commas, or with --separator ';' by semicolons with decimal commas (2,4), as\n\
         Excel opens and writes them where the comma is the decimal mark (Brazil, Germany, France...).",
    ),
    (
        "diff",
        "factcard diff OLD NEW",
        "Compares two versions of a data set (each a folder, a file, or a .facts bundle), as a newsroom does\n\
         before publishing: facts added, removed and changed, their figures before and after, and the corrections\n\
         or updates that explain them. Exit status 1 when a published figure changed silently: without a new\n\
         correction or a new `updated` date.",
    ),
    (
        "serve",
        "factcard serve FILE|DIR... [--port N] [--pkg DIR]",
        "Serves the fact desk over the files on http://127.0.0.1:N/ (default 8090), rebuilt when a file changes;\n\
         the page reloads itself, and a file with errors shows them in the page (file:line:column and the hint)\n\
         while the last good build stays browsable. factcard.js comes from DIR (default pkg).",
    ),
    ("help", "factcard help [COMMAND]", "Prints the help of a command, or this summary."),
];

/// Options every command takes.
const COMMON: &str = "Options:
  -o, --output PATH   where to write (build, site, convert)
      --fact ID       the fact to render
      --lang TAG      the language to render in (BCP 47)
      --to csv|toml   the format convert writes
      --separator ';' convert --to csv: semicolons and decimal commas (default ',')
      --script URL    where a site's desk loads factcard.js from
      --port N        the port serve listens on
      --pkg DIR       the folder serve takes factcard.js from
      --facts PATH    the facts inline writes (default: the default set); repeatable
      --src SRC       inline: the src attribute of the elements these facts are for
      --css URL       inline, render --element: where factcard-inline.css is
      --allow-missing inline: an unknown id is a warning, not an error
      --allow-empty   check, build, site, inline: a set with no facts is not an error
      --element       render: the <fact-card> element, with its shadow root
  -q, --quiet         print nothing but errors
      --json          errors (and check's summary) as JSON on stdout, for editors' tooling
  -h, --help          print help and exit
  -V, --version       print the version and exit";

/// The summary `factcard --help` prints.
pub fn usage() -> String {
    let mut s = String::from("factcard: checked facts, as cards, inside any news article.\n\nUsage:\n");
    for (_, synopsis, _) in COMMANDS {
        s.push_str("  ");
        s.push_str(synopsis);
        s.push('\n');
    }
    s.push('\n');
    s.push_str(COMMON);
    s.push_str("\n\n`factcard help COMMAND` says more about one command.");
    s
}

/// The help of one command.
pub fn help(cmd: &str) -> Option<String> {
    let (_, synopsis, text) = COMMANDS.iter().find(|c| c.0 == cmd)?;
    Some(format!("Usage: {synopsis}\n\n{text}\n\n{COMMON}"))
}

pub fn version() -> String {
    format!("factcard {}", env!("CARGO_PKG_VERSION"))
}

/// A command line, parsed.
#[derive(Debug, Default)]
pub struct Args {
    pub cmd: String,
    pub files: Vec<PathBuf>,
    pub out: Option<PathBuf>,
    pub fact: Option<String>,
    /// The language asked for (a BCP 47 tag); the set's nearest is used.
    pub lang: String,
    /// `convert --to`: `csv` or `toml`.
    pub to: Option<String>,
    /// `convert --separator`: `,` (the default) or `;`.
    pub separator: Option<String>,
    /// `site --script`: where a folder's desk loads factcard.js from.
    pub script: Option<String>,
    /// `serve --port` (default 8090) and `--pkg` (default `pkg`).
    pub port: u16,
    pub pkg: PathBuf,
    pub quiet: bool,
    pub json: bool,
    /// `inline --facts`: the data files (default: the default set).
    pub facts: Vec<PathBuf>,
    /// `inline --src`: the elements' `src` these facts are for.
    pub src: Option<String>,
    /// `inline`, `render --element`: where factcard-inline.css is.
    pub css: Option<String>,
    pub allow_missing: bool,
    /// `check`, `build`, `site`, `inline`: a set with no facts is not an error.
    pub allow_empty: bool,
    /// `render --element`.
    pub element: bool,
}

/// What to do: run a command, or print a text (help, the version) and succeed.
#[derive(Debug)]
pub enum Parsed {
    Run(Box<Args>),
    Print(String),
}

/// Parses a command line (without the program's name).
pub fn parse(args: &[String]) -> Result<Parsed, String> {
    let r = read(split_equals(args))?;
    if r.version {
        return Ok(Parsed::Print(version()));
    }
    let mut rest = r.rest.into_iter();
    let Some(cmd) = rest.next() else {
        return if r.help { Ok(Parsed::Print(usage())) } else { Err(format!("no command given\n\n{}", usage())) };
    };
    if cmd == "help" {
        return match rest.next() {
            None => Ok(Parsed::Print(usage())),
            Some(c) => help(&c).map(Parsed::Print).ok_or_else(|| unknown_command(&c)),
        };
    }
    if !COMMANDS.iter().any(|c| c.0 == cmd) {
        return Err(unknown_command(&cmd));
    }
    if r.help {
        return Ok(Parsed::Print(help(&cmd).unwrap_or_else(usage)));
    }
    let mut a = r.args;
    a.files = rest.map(PathBuf::from).collect();
    check_options(&cmd, &a, r.port_given, r.pkg_given)?;
    if a.files.is_empty() {
        return Err(format!("no input files\n\n{}", help(&cmd).unwrap_or_default()));
    }
    a.cmd = cmd;
    Ok(Parsed::Run(Box::new(a)))
}

/// The arguments with `--lang=zh` written as `--lang zh`.
fn split_equals(args: &[String]) -> Vec<String> {
    let mut split = Vec::with_capacity(args.len());
    for arg in args {
        match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => {
                split.push(k.to_string());
                split.push(v.to_string());
            }
            _ => split.push(arg.clone()),
        }
    }
    split
}

/// What a command line's options said, before its command is known.
struct Read {
    args: Args,
    /// The other arguments: the command, then its files.
    rest: Vec<String>,
    help: bool,
    /// `--version` was given (nothing after it is read).
    version: bool,
    port_given: bool,
    pkg_given: bool,
}

/// Reads the options of a command line into [`Args`]; fails on an unknown option or a missing value.
fn read(split: Vec<String>) -> Result<Read, String> {
    let mut r = Read {
        args: Args { port: 8090, pkg: PathBuf::from("pkg"), ..Args::default() },
        rest: Vec::new(),
        help: false,
        version: false,
        port_given: false,
        pkg_given: false,
    };
    let a = &mut r.args;
    let mut it = split.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |what: &str| it.next().ok_or_else(|| format!("{arg} needs {what}"));
        match arg.as_str() {
            "-h" | "--help" => r.help = true,
            "-V" | "--version" => {
                r.version = true;
                break;
            }
            "-q" | "--quiet" => a.quiet = true,
            "--json" => a.json = true,
            "-o" | "--output" => a.out = Some(PathBuf::from(value("a file or folder name")?)),
            "--fact" => a.fact = Some(value("an id")?),
            "--lang" => a.lang = value("a language tag, such as en or zh")?,
            "--to" => a.to = Some(value("a format: csv or toml")?),
            "--separator" => a.separator = Some(value("`,` or `;`")?),
            "--script" => a.script = Some(value("the address of factcard.js")?),
            "--port" => {
                let p = value("a number")?;
                a.port = p.parse().map_err(|_| format!("--port needs a number from 0 to 65535, not `{p}`"))?;
                r.port_given = true;
            }
            "--pkg" => {
                a.pkg = PathBuf::from(value("the folder of factcard.js")?);
                r.pkg_given = true;
            }
            "--facts" => a.facts.push(PathBuf::from(value("a file or folder of facts")?)),
            "--src" => a.src = Some(value("the elements' src attribute")?),
            "--css" => a.css = Some(value("the address of factcard-inline.css")?),
            "--allow-missing" => a.allow_missing = true,
            "--allow-empty" => a.allow_empty = true,
            "--element" => a.element = true,
            "-" => r.rest.push(arg),
            f if f.starts_with('-') => {
                return Err(format!("unknown option `{f}` (see factcard --help)"));
            }
            _ => r.rest.push(arg),
        }
    }
    Ok(r)
}

/// Fails if an option was given that `cmd` does not take: named, rather than silently ignored.
fn check_options(cmd: &str, a: &Args, port_given: bool, pkg_given: bool) -> Result<(), String> {
    let takes = |opt: &str| match opt {
        "-o" => matches!(cmd, "build" | "site" | "convert"),
        "--fact" | "--lang" | "--element" => cmd == "render",
        "--script" => cmd == "site",
        "--port" | "--pkg" => cmd == "serve",
        "--css" => matches!(cmd, "inline" | "render"),
        "--facts" | "--src" | "--allow-missing" => cmd == "inline",
        "--allow-empty" => matches!(cmd, "check" | "build" | "site" | "inline"),
        _ => cmd == "convert",
    };
    for (opt, given) in [
        ("-o", a.out.is_some()),
        ("--fact", a.fact.is_some()),
        ("--lang", !a.lang.is_empty()),
        ("--to", a.to.is_some()),
        ("--separator", a.separator.is_some()),
        ("--script", a.script.is_some()),
        ("--port", port_given),
        ("--pkg", pkg_given),
        ("--facts", !a.facts.is_empty()),
        ("--src", a.src.is_some()),
        ("--css", a.css.is_some()),
        ("--allow-missing", a.allow_missing),
        ("--allow-empty", a.allow_empty),
        ("--element", a.element),
    ] {
        if given && !takes(opt) {
            return Err(format!("`factcard {cmd}` takes no {opt} (see factcard help {cmd})"));
        }
    }
    Ok(())
}

fn unknown_command(c: &str) -> String {
    let names: Vec<&str> = COMMANDS.iter().map(|c| c.0).collect();
    format!("unknown command `{c}` (the commands are {})", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Parsed, String> {
        parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn help_and_version_print() {
        for args in [&["--help"][..], &["-h"], &["help"], &["help", "diff"], &["diff", "--help"], &["-V"]] {
            assert!(matches!(p(args), Ok(Parsed::Print(_))), "{args:?}");
        }
        let Ok(Parsed::Print(h)) = p(&["help", "convert"]) else { panic!() };
        assert!(h.starts_with("Usage: factcard convert"), "{h}");
    }

    #[test]
    fn options_are_checked() {
        assert!(p(&["check", "--frobnicate", "x"]).unwrap_err().starts_with("unknown option `--frobnicate`"));
        assert!(p(&["check", "-o", "y", "x"]).unwrap_err().contains("takes no -o"));
        assert!(p(&["chek", "x"]).unwrap_err().starts_with("unknown command `chek`"));
        let Ok(Parsed::Run(a)) = p(&["render", "seeds", "--lang=zh", "--fact", "f", "-q"]) else { panic!() };
        assert_eq!((a.lang.as_str(), a.fact.as_deref(), a.quiet), ("zh", Some("f"), true));
    }
}
