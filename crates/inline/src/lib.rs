//! Cards written into a site's pages: what `factcard inline SITE_DIR` does to each built HTML page, after any static
//! site generator, so that cards are painted with the page (no script, no request) and the script only makes them
//! interactive.
//!
//! Every `<fact-card>`, `<fact-ref>` (its popover's card) and `<fact-search>` gets its shadow root as
//! declarative Shadow DOM, a `<template shadowrootmode="open">` right after its start tag, holding the same markup
//! the element would draw; the text written inside the element stays after it, the fallback for browsers without
//! declarative Shadow DOM. Each container marked `autolink` gets its links made here, as the script would make them
//! (the first mention of each known name, outside links, headings, code and form fields, found in the text as the
//! browser reads it: `Chengdu&ndash;Chongqing` is a name with a dash), and `data-inlined`, so that the script leaves
//! it alone. Cards get `data-ready`, so that the space the script reserves for a card that
//! is still loading is not reserved for them, and `data-version`, their fact's version
//! ([`factcard_publish::versions`]), which the script checks against the set's current one: a card whose fact was
//! corrected since is drawn again from the set, one whose fact was removed shows its fallback and a notice.
//!
//! Styles: a shadow root written into HTML cannot be given the constructed style sheets the elements use, and an
//! inline `<style>` would need CSP `'unsafe-inline'`. So each shadow root links `factcard-inline.css` (the
//! elements' rules, each scoped to `:host` so that they match nothing in the page itself; written by
//! `tools/inline-css.mjs`), and the page's `<head>` links it once too: a style sheet in the head holds the first
//! paint until it has loaded, and the shadow roots then apply it, already loaded, in the first frame.
//!
//! The page is not parsed into a tree and written back: only the bytes of what is inlined change, so running it
//! again changes nothing, and everything else in the page stays byte for byte. The lexer (`lexer`) reads the page
//! as the browser's tokenizer does, so that nothing in a script, comment, raw text, RCDATA or foreign content (`<svg>`,
//! `<math>`) is ever rewritten or autolinked; `<template>`s are left alone.
//!
//! One module per job: `lexer` (the page's tags and text, as the browser's tokenizer reads them), `templates` (the
//! shadow roots the elements draw, and their words), `names` (a text as the browser reads it, its character
//! references decoded, and the names to link in it), `page` (the rewriter: the tokens read in order, the page
//! written again).
//!
//! ```
//! use factcard_inline::{inline_page, Options};
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! let page = "<html lang=en><head></head><body><fact-card fact=\"hongyan-truck-exports-2020\">Hongyan…</fact-card></body></html>";
//! let o = Options { css: Some("/factcard/factcard-inline.css"), ..Options::default() };
//! let (out, report) = inline_page(&ds, page, &o).unwrap();
//! assert!(out.contains("<fact-card fact=\"hongyan-truck-exports-2020\" data-version=\""));
//! assert!(out.contains("\" data-ready><template shadowrootmode=\"open\">"));
//! assert_eq!(report.cards, 1);
//! assert_eq!(inline_page(&ds, &out, &o).unwrap().0, out); // idempotent
//! ```

mod lexer;
mod names;
mod page;
mod templates;

use factcard_core::model::DataSet;

use names::Names;

pub use templates::{card_template, lang_code};

/// How to inline a page.
#[derive(Debug, Default, Clone)]
pub struct Options<'a> {
    /// Where `factcard-inline.css` is; `None`: beside the `factcard.js` the page loads.
    pub css: Option<&'a str>,
    /// The `src` of the elements whose facts these are; `None`: elements without `src` (the default set).
    pub src: Option<&'a str>,
    /// An unknown id is left to the script (which shows "not found") instead of failing the page.
    pub allow_missing: bool,
    /// The day the cards are written, said on each ("Card as of …"): a reader without the script sees the card as
    /// it was built, and when; the script takes the line away once it has found the card current.
    pub built: Option<&'a Built>,
}

/// A day, as a card says it was built: its ISO date (`YYYY-MM-DD`), and its text in each of the set's languages
/// (by their index in the set).
#[derive(Debug, Default, Clone)]
pub struct Built {
    pub iso: String,
    pub text: Vec<String>,
}

/// What [`inline_page`] did to a page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub cards: usize,
    pub refs: usize,
    pub searches: usize,
    /// Names linked in `autolink` containers.
    pub links: usize,
    /// Elements left to the script: another `src` than this set's.
    pub other_src: usize,
    /// Unknown ids (with `allow_missing`), each as `line: id`.
    pub missing: Vec<String>,
    /// Where the page was left as it is, from there on, because how the browser reads it could not be told (foreign
    /// content that browsers may read in two ways), as `line: why`.
    pub unsure: Vec<String>,
}

impl Report {
    /// Adds another page's report.
    pub fn add(&mut self, r: Report) {
        self.cards += r.cards;
        self.refs += r.refs;
        self.searches += r.searches;
        self.links += r.links;
        self.other_src += r.other_src;
        self.missing.extend(r.missing);
        self.unsure.extend(r.unsure);
    }

    /// Whether anything was inlined.
    pub fn any(&self) -> bool {
        self.cards + self.refs + self.searches > 0
    }
}

/// Inlines one page: every element of this set's gets its shadow root (see the module docs). Returns the page and
/// what was done; fails on an unknown id (unless `allow_missing`), and on a page with elements to inline but no way
/// to tell where `factcard-inline.css` is.
pub fn inline_page(ds: &DataSet, h: &str, o: &Options) -> Result<(String, Report), String> {
    Inliner::new(ds).page(h, o)
}

/// What inlining needs of a data set, prepared once for all the pages of a site: the set and the names to link.
pub struct Inliner<'d> {
    ds: &'d DataSet,
    names: Names<'d>,
}

impl<'d> Inliner<'d> {
    pub fn new(ds: &'d DataSet) -> Inliner<'d> {
        Inliner { ds, names: Names::new(ds) }
    }

    /// Inlines one page, as [`inline_page`] does.
    pub fn page(&self, h: &str, o: &Options) -> Result<(String, Report), String> {
        page::rewrite(self.ds, &self.names, h, o)
    }
}

#[cfg(test)]
mod tests;
