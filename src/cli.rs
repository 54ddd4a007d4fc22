//! The command line, declared with clap's derive API: each command, its options and its help, parsed into
//! [`Cli`]. `--help`, `-h`, `help CMD` and `--version` print and succeed; an unknown option or command is named,
//! with the nearest right one; `completions SHELL` prints a completion script. Nothing is printed here: [`parse`]
//! returns the text, and main.rs writes it through out.rs (so that `factcard --help | head` ends quietly).

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use clap_complete::Shell;

/// A command's help: its synopsis, what it does, then its arguments and options.
const COMMAND_HELP: &str = "{usage-heading} {usage}\n\n{about}\n\n{all-args}";

/// `factcard --help`: every command's synopsis (`{synopses}`), then the options all of them take.
const SUMMARY: &str =
    "{about}\n\nUsage:\n{synopses}\n\nOptions:\n{options}\n\n`factcard help COMMAND` says more about one command.";

#[derive(Parser)]
#[command(name = "factcard", version, propagate_version = true, arg_required_else_help = true)]
#[command(about = "factcard: checked facts, as cards, inside any news article.")]
pub struct Cli {
    #[command(subcommand)]
    pub cmd: Cmd,
    #[command(flatten)]
    pub o: Output,
}

/// What every command takes: how much to print, and how.
#[derive(clap::Args, Clone, Copy)]
pub struct Output {
    /// print nothing but errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// errors (and check's summary, site's changed files) as JSON on stdout, for editors' tooling
    #[arg(long, global = true)]
    pub json: bool,
}

/// The data set check, build and site read: its files, and whether it may hold no facts.
#[derive(clap::Args)]
pub struct Set {
    /// facts files (TOML, CSV sheets) or folders of them
    #[arg(value_name = "FILE|DIR", required = true)]
    pub files: Vec<PathBuf>,
    /// a set with no facts is not an error
    #[arg(long)]
    pub allow_empty: bool,
}

#[derive(Subcommand)]
pub enum Cmd {
    /// Validates facts files (TOML, and CSV sheets: see seeds/README.md) and prints what the set holds: its facts,
    /// the corrections and updates they carry, and the facts shown as possibly out of date. Every error names
    /// its file and line and column (a sheet's row, column and header), with a hint where there is one.
    /// Exit status 1 when there are errors, and when the set holds no facts (a wrong path, a folder of
    /// workbooks) unless --allow-empty is given.
    #[command(override_usage = "factcard check FILE|DIR... [--json] [--allow-empty]", verbatim_doc_comment)]
    Check {
        #[command(flatten)]
        set: Set,
    },
    /// Compiles the files into one binary bundle (versioned header, checksum). A set with no facts is an error
    /// unless --allow-empty is given.
    #[command(override_usage = "factcard build FILE|DIR... -o OUT.facts [--allow-empty]", verbatim_doc_comment)]
    Build {
        #[command(flatten)]
        set: Set,
        /// the bundle to write
        #[arg(short = 'o', long = "output", value_name = "OUT.facts")]
        out: PathBuf,
    },
    /// Prerenders every card into DIR: card fragments per language, entity cards, names to autolink, the bundle
    /// and the search index; and the fact desk (index.html), which loads factcard.js from URL (default
    /// ../factcard.js, the package's own layout). Shows its progress on a terminal (not when its output is
    /// piped, nor with --quiet). A set with no facts is an error unless --allow-empty is given: a site of
    /// "Fact not found" cards is rarely what a wrong path meant.
    /// On a folder written before, it writes only the files that changed (each atomically, the entry files
    /// last), removes those it wrote before and not now, and says how many files it added, changed, removed
    /// and left as they were; with --json it lists them ({"added":[…],"changed":[…],"removed":[…],
    /// "unchanged":N}, paths relative to DIR), for a CDN purge. It also writes DIR/_headers, the caching rules:
    /// files named by their content cached for good, the others (entry files) --entry-max-age SECONDS (300).
    #[command(
        override_usage = "factcard site FILE|DIR... -o DIR [--script URL] [--entry-max-age SECONDS] [--allow-empty] [--json]",
        verbatim_doc_comment
    )]
    Site {
        #[command(flatten)]
        set: Set,
        /// the folder to write
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        out: PathBuf,
        /// where the desk loads factcard.js from
        #[arg(long, value_name = "URL")]
        script: Option<String>,
        /// how long _headers lets a host or CDN keep an entry file before asking again (a correction reaches
        /// readers within it)
        #[arg(long, value_name = "SECONDS", default_value_t = factcard_publish::caching::ENTRY_MAX_AGE)]
        entry_max_age: u32,
    },
    /// Prints a card's static HTML and its JSON-LD, in the set's language nearest to TAG. With --element, the
    /// <fact-card> element with its shadow root instead, as `factcard inline` writes it (for generators that call
    /// commands); its styles are --css URL (default factcard-inline.css, beside the page).
    #[command(
        override_usage = "factcard render FILE|DIR... --fact ID [--lang TAG] [--element [--css URL]]",
        verbatim_doc_comment
    )]
    Render(Render),
    /// Writes cards into a built site's pages, in place (run it after the static site generator): every
    /// <fact-card>, <fact-ref> and <fact-search> of every .html file under SITE_DIR gets its shadow root as
    /// declarative Shadow DOM, and autolink containers get their links, so that cards show with the page, with
    /// no script and no request. The fallback text stays; nothing else in a page changes; running it again
    /// changes nothing. The facts are the default set unless --facts names files, folders or a .facts bundle;
    /// elements with a src attribute are left to the script unless --src names theirs (then only they are
    /// inlined). The styles are factcard-inline.css beside the page's factcard.js, or --css URL. Exit status 1
    /// on an unknown id (with --allow-missing, a warning: the script shows "not found").
    #[command(
        override_usage = "factcard inline SITE_DIR [--facts FILE|DIR]... [--src SRC] [--css URL] [--allow-missing] [--allow-empty]",
        verbatim_doc_comment
    )]
    Inline(Inline),
    /// Writes the set into DIR in the other format: sheets (facts.csv, sources.csv, topics.csv, entities.csv,
    /// and dataset.toml for the languages and units) or TOML. Both compile to the same bundle, byte for byte.
    /// Sheets are separated by commas, or with --separator ';' by semicolons with decimal commas (2,4), as
    /// Excel opens and writes them where the comma is the decimal mark (Brazil, Germany, France...).
    #[command(
        override_usage = "factcard convert FILE|DIR... --to csv|toml -o DIR [--separator ';']",
        verbatim_doc_comment
    )]
    Convert(Convert),
    /// Compares two versions of a data set (each a folder, a file, or a .facts bundle), as a newsroom does
    /// before publishing: facts added, removed and changed, their figures before and after, and the corrections
    /// or updates that explain them. Exit status 1 when a published figure changed silently: without a new
    /// correction or a new `updated` date.
    #[command(override_usage = "factcard diff OLD NEW", verbatim_doc_comment)]
    Diff {
        /// the version before
        old: PathBuf,
        /// the version after
        new: PathBuf,
    },
    /// Serves the fact desk over the files on http://127.0.0.1:N/ (default 8090), rebuilt when a file changes;
    /// the page reloads itself, and a file with errors shows them in the page (file:line:column and the hint)
    /// while the last good build stays browsable. factcard.js comes from DIR (default pkg).
    #[command(override_usage = "factcard serve FILE|DIR... [--port N] [--pkg DIR]", verbatim_doc_comment)]
    Serve {
        /// facts files (TOML, CSV sheets) or folders of them
        #[arg(value_name = "FILE|DIR", required = true)]
        files: Vec<PathBuf>,
        /// the port to listen on (0: any free one)
        #[arg(long, value_name = "N", default_value_t = 8090)]
        port: u16,
        /// the folder factcard.js is taken from
        #[arg(long, value_name = "DIR", default_value = "pkg")]
        pkg: PathBuf,
    },
    /// Prints a script that completes factcard's commands and options in SHELL. For bash:
    /// `factcard completions bash > ~/.local/share/bash-completion/completions/factcard`.
    #[command(override_usage = "factcard completions bash|zsh|fish|elvish|powershell", verbatim_doc_comment)]
    Completions { shell: Shell },
}

/// `factcard render`'s options.
#[derive(clap::Args)]
pub struct Render {
    /// facts files (TOML, CSV sheets) or folders of them
    #[arg(value_name = "FILE|DIR", required = true)]
    pub files: Vec<PathBuf>,
    /// the fact to render
    #[arg(long, value_name = "ID")]
    pub fact: String,
    /// the language to render in (BCP 47; the set's nearest is used)
    #[arg(long, value_name = "TAG", default_value = "")]
    pub lang: String,
    /// the <fact-card> element, with its shadow root
    #[arg(long)]
    pub element: bool,
    /// with --element: where factcard-inline.css is
    #[arg(long, value_name = "URL")]
    pub css: Option<String>,
}

/// `factcard inline`'s options.
#[derive(clap::Args)]
pub struct Inline {
    /// the built site's folder
    pub site_dir: PathBuf,
    /// the facts to write (default: the default set); repeatable
    #[arg(long, value_name = "FILE|DIR")]
    pub facts: Vec<PathBuf>,
    /// the src attribute of the elements these facts are for
    #[arg(long)]
    pub src: Option<String>,
    /// where factcard-inline.css is
    #[arg(long, value_name = "URL")]
    pub css: Option<String>,
    /// an unknown id is a warning, not an error
    #[arg(long)]
    pub allow_missing: bool,
    /// a set with no facts is not an error
    #[arg(long)]
    pub allow_empty: bool,
}

/// `factcard convert`'s options.
#[derive(clap::Args)]
pub struct Convert {
    /// facts files (TOML, CSV sheets) or folders of them
    #[arg(value_name = "FILE|DIR", required = true)]
    pub files: Vec<PathBuf>,
    /// the format to write
    #[arg(long, value_name = "csv|toml", value_parser = ["csv", "toml"])]
    pub to: String,
    /// the folder to write
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// --to csv: `;` for semicolons and decimal commas (default `,`)
    #[arg(long, value_name = "SEP")]
    pub separator: Option<String>,
}

/// What to do: run a command, print a text (help, the version, a completion script) and succeed, or print what
/// is wrong with the command line on stderr and fail with status 2.
pub enum Parsed {
    Run(Box<Cli>),
    Print(String),
    Fail(String),
}

/// The command line's definition, with the help laid out as factcard's always was: a command's synopsis first.
pub fn command() -> clap::Command {
    // A command's version is factcard's (not "factcard-check 0.1.0").
    let cmd = Cli::command().mut_subcommands(|c| c.help_template(COMMAND_HELP).display_name("factcard"));
    let synopses: Vec<String> = cmd
        .get_subcommands()
        .filter_map(|c| c.get_overridden_usage())
        .map(|u| format!("  {u}"))
        .chain(["  factcard help [COMMAND]".to_string()])
        .collect();
    let summary = SUMMARY.replace("{synopses}", &synopses.join("\n"));
    cmd.help_template(summary)
}

/// Parses a command line (with the program's name first).
pub fn parse<I: IntoIterator<Item = T>, T: Into<std::ffi::OsString> + Clone>(args: I) -> Parsed {
    let cmd = command();
    let parsed = cmd.clone().try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m));
    match parsed.map_err(|e| with_commands_taking(e, &cmd)) {
        Ok(Cli { cmd: Cmd::Completions { shell }, .. }) => Parsed::Print(completions(shell)),
        Ok(cli) => Parsed::Run(Box::new(cli)),
        Err(e) if e.use_stderr() => Parsed::Fail(line(e.render().to_string())),
        Err(e) => Parsed::Print(line(e.render().to_string())),
    }
}

/// An error for an option that other commands take, given to one that does not: says which take it (where clap
/// alone would suggest passing it as a file name, after `--`). An option like another of the command's own keeps
/// clap's suggestion of that one.
fn with_commands_taking(mut e: clap::Error, cmd: &clap::Command) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else { return e };
    if e.kind() != ErrorKind::UnknownArgument || e.get(ContextKind::SuggestedArg).is_some() {
        return e;
    }
    let flag = arg.split('=').next().unwrap_or_default().to_string();
    let is_flag = |a: &clap::Arg| {
        a.get_long().is_some_and(|l| flag.strip_prefix("--") == Some(l))
            || a.get_short().is_some_and(|s| flag.strip_prefix('-') == Some(s.encode_utf8(&mut [0; 4])))
    };
    let takes: Vec<&str> =
        cmd.get_subcommands().filter(|c| c.get_arguments().any(is_flag)).map(|c| c.get_name()).collect();
    if !takes.is_empty() {
        let tip = format!("{flag} is an option of {}", takes.join(", "));
        e.insert(ContextKind::Suggested, ContextValue::StyledStrs(vec![tip.into()]));
    }
    e
}

/// A text ending in one newline.
fn line(text: String) -> String {
    format!("{}\n", text.trim_end())
}

/// The completion script for `shell`.
fn completions(shell: Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command(), "factcard", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Parsed {
        parse(["factcard"].iter().chain(args))
    }

    #[test]
    fn the_definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn help_and_version_print() {
        for args in [&["--help"][..], &["-h"], &["help"], &["help", "diff"], &["diff", "--help"], &["-V"]] {
            assert!(matches!(p(args), Parsed::Print(_)), "{args:?}");
        }
        let Parsed::Print(h) = p(&["help", "convert"]) else { panic!() };
        assert!(h.starts_with("Usage: factcard convert"), "{h}");
    }

    #[test]
    fn options_are_checked() {
        let Parsed::Fail(e) = p(&["check", "--frobnicate", "x"]) else { panic!() };
        assert!(e.contains("unexpected argument '--frobnicate'"), "{e}");
        let Parsed::Fail(e) = p(&["check", "-o", "y", "x"]) else { panic!() };
        assert!(e.contains("unexpected argument '-o'") && e.contains("-o is an option of build, site, convert"), "{e}");
        let Parsed::Fail(e) = p(&["chek", "x"]) else { panic!() };
        assert!(e.contains("unrecognized subcommand 'chek'") && e.contains("'check'"), "{e}");
        // Options after or before the files; `--lang=zh` as `--lang zh`; -q before or after the command.
        let render: [&[&str]; 2] = [
            &["render", "seeds", "--lang=zh", "--fact", "f", "-q"],
            &["-q", "render", "--lang", "zh", "--fact=f", "seeds"],
        ];
        for args in render {
            let Parsed::Run(cli) = p(args) else { panic!("{args:?}") };
            let Cli { cmd: Cmd::Render(r), o } = *cli else { panic!() };
            assert_eq!((r.lang.as_str(), r.fact.as_str(), o.quiet), ("zh", "f", true));
            assert_eq!(r.files, [PathBuf::from("seeds")]);
        }
    }
}
