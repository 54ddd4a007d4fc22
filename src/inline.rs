//! `factcard inline SITE_DIR`: every built page of a site, with its cards written in (see
//! `factcard_inline`). Each `.html` file under the folder is read, inlined, and written back only if it
//! changed; the report says what was done, page by page with `--json`.

use std::path::{Path, PathBuf};

use factcard_core::model::DataSet;
use factcard_inline::{Inliner, Options, Report};

/// What a run did, over every page.
pub struct Run {
    pub pages: usize,
    pub changed: usize,
    pub bytes_before: u64,
    pub bytes_after: u64,
    pub report: Report,
}

/// Inlines every page under `dir`. A page that fails (its path and line in the message) fails the run before any
/// page is written.
pub fn run(ds: &DataSet, dir: &Path, o: &Options) -> Result<Run, String> {
    let mut pages = Vec::new();
    html_files(dir, &mut pages).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    pages.sort();
    let mut run = Run { pages: 0, changed: 0, bytes_before: 0, bytes_after: 0, report: Report::default() };
    let mut writes = Vec::new();
    let inliner = Inliner::new(ds);
    for p in &pages {
        let html = std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        let (out, r) = inliner.page(&html, o).map_err(|e| format!("{}: {e}", p.display()))?;
        run.pages += 1;
        run.bytes_before += html.len() as u64;
        run.bytes_after += out.len() as u64;
        for m in &r.missing {
            errln!("warning: {}:{m}: unknown id, left to the script", p.display());
        }
        for u in &r.unsure {
            errln!("warning: {}:{u}", p.display());
        }
        run.report.add(r);
        if out != html {
            writes.push((p, out));
        }
    }
    for (p, out) in &writes {
        std::fs::write(p, out).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
    }
    run.changed = writes.len();
    Ok(run)
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            html_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm")) {
            out.push(p);
        }
    }
    Ok(())
}

impl Run {
    /// One line for a terminal.
    pub fn text(&self, dir: &Path) -> String {
        let r = &self.report;
        let mut s = format!(
            "inlined {} cards, {} mentions ({} of them autolinked) and {} search boxes in {} of {} pages under {} ({} → {} bytes)",
            r.cards,
            r.refs,
            r.links,
            r.searches,
            self.changed,
            self.pages,
            dir.display(),
            self.bytes_before,
            self.bytes_after
        );
        if r.other_src > 0 {
            s.push_str(&format!("; {} elements with another src left to the script", r.other_src));
        }
        if !r.missing.is_empty() {
            s.push_str(&format!("; {} unknown ids left to the script", r.missing.len()));
        }
        if !r.unsure.is_empty() {
            s.push_str(&format!("; {} pages left partly to the script (see the warnings)", r.unsure.len()));
        }
        s
    }

    /// The same as JSON.
    pub fn json(&self) -> String {
        let r = &self.report;
        let mut out = String::new();
        let mut o = factcard_core::json::Obj::open(&mut out);
        o.bool("ok", true);
        for (k, n) in [
            ("pages", self.pages),
            ("changed", self.changed),
            ("cards", r.cards),
            ("refs", r.refs),
            ("links", r.links),
            ("searches", r.searches),
            ("otherSrc", r.other_src),
            ("bytesBefore", self.bytes_before as usize),
            ("bytesAfter", self.bytes_after as usize),
        ] {
            o.key(k).push_str(&n.to_string());
        }
        o.strs("missing", r.missing.iter().map(String::as_str));
        o.strs("unsure", r.unsure.iter().map(String::as_str));
        o.close();
        out
    }
}
