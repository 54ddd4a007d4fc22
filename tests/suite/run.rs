//! The one way tests run the `factcard` command: the binary Cargo built for this test run, from the repository's
//! root (so that `seeds` and `examples/sheets` are found), with the variables that change its output
//! (`FACTCARD_TODAY`, `SOURCE_DATE_EPOCH`) removed, so that a developer's shell (or a packager's build) cannot change a
//! test's result; a test sets them with [`Cli::env`]. Its standard input is empty (the tool reads none).
//!
//! ```ignore
//! let Run { ok, out, err, .. } = factcard(&["check", "seeds"]);
//! assert!(ok, "{err}");
//! let run = Cli::new(&["check", "facts.toml"]).dir(&folder).run();
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh, empty folder for one test (`name` tells the tests apart; the process id, the runs).
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factcard-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A path as an argument of the command.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// What a finished run of `factcard` gave: its exit code, and what it wrote.
#[derive(Debug)]
pub struct Run {
    /// The exit code (-1 when a signal ended it).
    pub code: i32,
    /// Whether it ended with code 0.
    pub ok: bool,
    /// Standard output, as text (invalid UTF-8 replaced).
    pub out: String,
    /// Standard error, as text (invalid UTF-8 replaced).
    pub err: String,
}

/// Runs `factcard args…` from the repository's root and waits for it.
pub fn factcard(args: &[&str]) -> Run {
    Cli::new(args).run()
}

/// A run of `factcard` being set up: its arguments, and optionally its working folder.
pub struct Cli(Command);

impl Cli {
    pub fn new(args: &[&str]) -> Self {
        Cli(command(args))
    }

    /// Runs it in `dir` instead of the repository's root.
    pub fn dir(mut self, dir: &Path) -> Self {
        self.0.current_dir(dir);
        self
    }

    /// Runs it with the environment variable `key` set to `value`.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.0.env(key, value);
        self
    }

    /// Runs it to the end.
    pub fn run(mut self) -> Run {
        let out = self.0.output().unwrap_or_else(|e| panic!("cannot run {}: {e}", env!("CARGO_BIN_EXE_factcard")));
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        Run {
            code: out.status.code().unwrap_or(-1),
            ok: out.status.success(),
            out: text(&out.stdout),
            err: text(&out.stderr),
        }
    }
}

/// The command `factcard args…`, set up as [`factcard`] runs it, for tests that need the child itself (a server,
/// a closed pipe): they set its pipes and spawn it.
pub fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factcard"));
    cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR")).env_remove("FACTCARD_TODAY").env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// Paths are read from the working folder: the repository's root unless the test names another.
#[test]
fn runs_from_the_repository_root_or_the_folder_given() {
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/fixtures/own");
    let Run { ok, out, err, code } = Cli::new(&["check", "facts.toml"]).dir(&own).run();
    assert!(ok && code == 0 && out.starts_with("ok: "), "{code} {out} {err}");
    let Run { ok, err, code, .. } = factcard(&["check", "facts.toml"]);
    assert!(!ok && code != 0 && err.contains("facts.toml"), "{code} {err}");
    assert!(factcard(&["check", "tests/pages/fixtures/own/facts.toml"]).ok);
}
