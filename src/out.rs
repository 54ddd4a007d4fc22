//! Everything `factcard` prints, on stdout and stderr, goes through here (the macros `outln!`, `errln!` and
//! `err!` in main.rs), so that a closed pipe ends the program as it ends other Unix tools.
//!
//! `factcard --help | head -1`: once `head` has its line it closes the pipe, and the next write fails with EPIPE
//! (Rust ignores SIGPIPE, so the write returns an error instead of killing the process; `println!` would panic
//! on it). Here a closed pipe on either stream ends the program at once, silently, with status 141: what a shell
//! reports for a tool stopped by SIGPIPE (128 + 13), so that `set -o pipefail` treats `factcard` as it treats `cat`.
//! Any other failure to write stdout (a full disk) is reported on stderr, with status 1.

use std::fmt::Arguments;
use std::io::{ErrorKind, Write};

/// The exit status of a program whose output pipe was closed: 128 + SIGPIPE.
pub const CLOSED_PIPE: i32 = 141;

/// Writes to stdout, and flushes.
pub fn stdout(args: Arguments) {
    let mut o = std::io::stdout().lock();
    if let Err(e) = o.write_fmt(args).and_then(|()| o.flush()) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(CLOSED_PIPE);
        }
        stderr(format_args!("factcard: cannot write to standard output: {e}\n"));
        std::process::exit(1);
    }
}

/// Writes to stderr; a closed pipe ends the program, another failure is ignored (there is nowhere to say it).
pub fn stderr(args: Arguments) {
    let mut o = std::io::stderr().lock();
    if let Err(e) = o.write_fmt(args).and_then(|()| o.flush()) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(CLOSED_PIPE);
        }
    }
}
