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
//! is still loading is not reserved for them.
//!
//! Styles: a shadow root written into HTML cannot be given the constructed style sheets the elements use, and an
//! inline `<style>` would need CSP `'unsafe-inline'`. So each shadow root links `factcard-inline.css` (the
//! elements' rules, each scoped to `:host` so that they match nothing in the page itself; written by
//! `tools/inline-css.mjs`), and the page's `<head>` links it once too: a style sheet in the head holds the first
//! paint until it has loaded, and the shadow roots then apply it, already loaded, in the first frame.
//!
//! The page is not parsed into a tree and written back: only the bytes of what is inlined change, so running it
//! again changes nothing, and everything else in the page stays byte for byte. The lexer ([`lexer`]) reads the page
//! as the browser's tokenizer does, so that nothing in a script, comment, raw text, RCDATA or foreign content (`<svg>`,
//! `<math>`) is ever rewritten or autolinked; `<template>`s are left alone.
//!
//! ```
//! use factcard_inline::{inline_page, Options};
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! let page = "<html lang=en><head></head><body><fact-card fact=\"hongyan-truck-exports-2020\">Hongyan…</fact-card></body></html>";
//! let o = Options { css: Some("/factcard/factcard-inline.css"), ..Options::default() };
//! let (out, report) = inline_page(&ds, page, &o).unwrap();
//! assert!(out.contains("<fact-card fact=\"hongyan-truck-exports-2020\" data-ready><template shadowrootmode=\"open\">"));
//! assert_eq!(report.cards, 1);
//! assert_eq!(inline_page(&ds, &out, &o).unwrap().0, out); // idempotent
//! ```

use std::borrow::Cow;
use std::collections::HashSet;

use factcard_core::card::{card_html, entity_html};
use factcard_core::format::{escape_into, Lang};
use factcard_core::model::DataSet;

/// How to inline a page.
#[derive(Debug, Default, Clone)]
pub struct Options<'a> {
    /// Where `factcard-inline.css` is; `None`: beside the `factcard.js` the page loads.
    pub css: Option<&'a str>,
    /// The `src` of the elements whose facts these are; `None`: elements without `src` (the default set).
    pub src: Option<&'a str>,
    /// An unknown id is left to the script (which shows "not found") instead of failing the page.
    pub allow_missing: bool,
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

mod lexer;

use lexer::{tokens, Lexed, Tag, Token, VOID};

// ---- What the elements draw, as markup ----

/// An attribute value or text from the page, written back into the page: as it was, but safe in a quoted attribute
/// and in text.
fn reuse(o: &mut String, raw: &str) {
    for c in raw.chars() {
        match c {
            '"' => o.push_str("&quot;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            c => o.push(c),
        }
    }
}

fn zh(lang: &str) -> bool {
    lang == "zh"
}

fn open_template(o: &mut String) {
    o.push_str("<template shadowrootmode=\"open\">");
}

fn close_template(o: &mut String, css: &str) {
    o.push_str("<link rel=\"stylesheet\" href=\"");
    reuse(o, css);
    o.push_str("\"></template>");
}

/// The shadow root of a `<fact-card>` (as `js/card.js` draws it): the fallback slot, hidden; the card; its "Copy
/// citation" row, which the script makes work.
pub fn card_template(ds: &DataSet, id: &str, lang: &str, css: &str) -> Option<String> {
    let f = ds.fact(id)?;
    let html = card_html(ds, f, pick(ds, lang));
    let mut o = String::with_capacity(html.len() + 400);
    open_template(&mut o);
    o.push_str("<div hidden><slot class=\"fallback\" part=\"fallback\"></slot></div><div class=\"body\">");
    let end = html.rfind("</article>").unwrap_or(html.len());
    o.push_str(&html[..end]);
    o.push_str("<div class=\"actions\"><button type=\"button\" part=\"button\">");
    o.push_str(if zh(lang) { "复制引用" } else { "Copy citation" });
    o.push_str("</button><span class=\"status\" role=\"status\"></span></div>");
    o.push_str(&html[end..]);
    o.push_str("</div>");
    close_template(&mut o, css);
    Some(o)
}

/// The shadow root of a `<fact-ref>` (as `js/ref.js` draws it), with its card in the closed popover. The script
/// makes the mention a button when it adopts it: without the script it is plain text.
pub fn ref_template(ds: &DataSet, kind: &str, id: &str, lang: &str, css: &str) -> Option<String> {
    let html = if kind == "entity" {
        let i = ds.entities.iter().position(|e| e.id == id)?;
        ds.facts_about(i).next()?;
        entity_html(ds, i, pick(ds, lang))
    } else {
        card_html(ds, ds.fact(id)?, pick(ds, lang))
    };
    let mut o = String::with_capacity(html.len() + 300);
    open_template(&mut o);
    o.push_str("<span class=\"mention\" part=\"mention\"><slot></slot></span><div class=\"pop\" part=\"popover\" id=\"pop\" role=\"dialog\">");
    o.push_str(&html);
    o.push_str("</div>");
    close_template(&mut o, css);
    Some(o)
}

/// The shadow root of a `<fact-search>` (as `js/search.js` draws it): its label and box, searchable once the script
/// has run. `label` and `placeholder` are the element's attributes, as written in the page.
pub fn search_template(label: Option<&str>, placeholder: Option<&str>, lang: &str, css: &str) -> String {
    let z = zh(lang);
    let mut o = String::with_capacity(900);
    open_template(&mut o);
    o.push_str("<label for=\"q\" part=\"label\">");
    match label.filter(|l| !l.is_empty()) {
        Some(l) => reuse(&mut o, l),
        None => o.push_str(if z { "搜索事实" } else { "Search facts" }),
    }
    o.push_str("</label><div class=\"box\"><input id=\"q\" part=\"input\" type=\"search\" role=\"combobox\" aria-autocomplete=\"list\" aria-expanded=\"false\" aria-controls=\"list\" autocomplete=\"off\" spellcheck=\"false\" enterkeyhint=\"search\" placeholder=\"");
    match placeholder.filter(|l| !l.is_empty()) {
        Some(p) => reuse(&mut o, p),
        None => o.push_str(if z { "例如：两江新区 投资" } else { "e.g. Liangjiang investment" }),
    }
    o.push_str("\" lang=\"");
    escape_into(&mut o, lang);
    o.push_str("\"><ul id=\"list\" role=\"listbox\" part=\"listbox\" hidden></ul></div><p class=\"status\" role=\"status\" aria-live=\"polite\" part=\"status\"></p><div class=\"results\" part=\"results\"></div>");
    close_template(&mut o, css);
    o
}

/// The set's language nearest to `lang` (a primary subtag, as the elements ask for it).
fn pick<'d>(ds: &'d DataSet, lang: &str) -> Lang<'d> {
    ds.lang(lang)
}

/// An element's language as the script takes it: its primary subtag, lowercase.
pub fn lang_code(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

// ---- autolink, as js/autolink.js does it ----

/// Elements whose text is never linked (js/autolink.js `SKIP`).
const SKIP: &[&str] = &[
    "a",
    "button",
    "code",
    "pre",
    "script",
    "style",
    "textarea",
    "input",
    "select",
    "option",
    "label",
    "summary",
    "fact-ref",
    "fact-card",
    "fact-search",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// A text of the page as the browser reads it: its character references decoded (numeric ones, and the named ones
/// that generators write: `&amp;`, `&nbsp;`, dashes, quotes, `&hellip;`; any other stays as written), with where
/// each of its bytes came from in the page's text.
struct Decoded<'h> {
    text: Cow<'h, str>,
    /// For each byte of `text` (and its end), the page's byte it came from; empty when nothing was decoded.
    from: Vec<usize>,
}

/// Named character references decoded for autolinking.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("shy", '\u{ad}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("hellip", '…'),
    ("middot", '·'),
];

impl<'h> Decoded<'h> {
    fn new(raw: &'h str) -> Decoded<'h> {
        if !raw.contains('&') {
            return Decoded { text: Cow::Borrowed(raw), from: Vec::new() };
        }
        let (mut text, mut from) = (String::with_capacity(raw.len()), Vec::with_capacity(raw.len() + 1));
        let mut i = 0;
        while let Some(c) = raw[i..].chars().next() {
            let (c, len) = reference(&raw[i..]).unwrap_or((c, c.len_utf8()));
            from.extend(std::iter::repeat_n(i, c.len_utf8()));
            text.push(c);
            i += len;
        }
        from.push(raw.len());
        Decoded { text: Cow::Owned(text), from }
    }

    /// The page's byte (in the raw text) where the decoded text's byte `at` came from.
    fn raw(&self, at: usize) -> usize {
        if self.from.is_empty() {
            at
        } else {
            self.from[at]
        }
    }
}

/// The character reference at the start of `s`, if it is one this decodes: the character and its length in bytes.
fn reference(s: &str) -> Option<(char, usize)> {
    let body = s.strip_prefix('&')?;
    let end = body.find(';').filter(|&e| e <= 32)?;
    let name = &body[..end];
    let c = if let Some(n) = name.strip_prefix('#') {
        let code = match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => n.parse().ok()?,
        };
        // As the browser reads it: NUL, surrogates and numbers out of range are U+FFFD.
        char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}')
    } else {
        ENTITIES.iter().find(|(n, _)| *n == name)?.1
    };
    Some((c, end + 2))
}

/// The names to link, in the order the script's pattern tries them: names other than Latin ones (Chinese, or with
/// a dash) first, then Latin ones, which stand as whole words; longest first within each.
struct Names<'d> {
    list: Vec<(&'d str, &'d str, bool)>,
}

impl<'d> Names<'d> {
    fn new(ds: &'d DataSet) -> Names<'d> {
        let all = factcard_core::names::mentions(ds);
        let latin = |n: &str| n.chars().all(|c| (c as u32) <= 0x24f);
        let mut list: Vec<(&str, &str, bool)> =
            all.iter().filter(|(n, _)| !latin(n)).map(|&(n, id)| (n, id, false)).collect();
        list.extend(all.iter().filter(|(n, _)| latin(n)).map(|&(n, id)| (n, id, true)));
        Names { list }
    }

    /// The first match in `text` at or after `from`: (start, end, id).
    fn find(&self, text: &str, from: usize) -> Option<(usize, usize, &'d str)> {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        for (at, _) in text[from..].char_indices().map(|(i, c)| (from + i, c)) {
            let rest = &text[at..];
            for &(n, id, latin) in &self.list {
                if !rest.starts_with(n) {
                    continue;
                }
                if latin && (word(text[..at].chars().next_back()) || word(text[at + n.len()..].chars().next())) {
                    continue;
                }
                return Some((at, at + n.len(), id));
            }
        }
        None
    }
}

// ---- The page ----

/// Where a page loads factcard.js from: the folder of the first `<script src="…/factcard.js">`.
fn script_base<'h>(toks: &[Token<'h>]) -> Option<&'h str> {
    let mut scripts = toks.iter().filter_map(|t| match t {
        Token::Start(t) if t.name == "script" => Some(t),
        _ => None,
    });
    scripts.find_map(|t| {
        let src = t.value("src")?;
        let path = src.split(['?', '#']).next().unwrap_or("");
        path.ends_with("factcard.js").then(|| &path[..path.len() - "factcard.js".len()])
    })
}

fn line_of(h: &str, at: usize) -> usize {
    h[..at].bytes().filter(|&b| b == b'\n').count() + 1
}

/// An open element: its name, its `lang`, whether its text is never linked, whether it is an autolink container.
struct Open<'h> {
    name: String,
    lang: Option<&'h str>,
    skip: bool,
    autolink: bool,
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
        let Lexed { toks, unsure } = tokens(h);
        let css = css_href(o, &toks);
        let mut page = Page::new(self.ds, &self.names, h, o, &toks, &css);
        if let Some(at) = unsure {
            let why =
                "cannot tell how browsers read the <svg> or <math> here; the rest of the page is left to the script";
            page.r.unsure.push(format!("{}: {why}", line_of(h, at)));
        }
        page.run()
    }
}

/// Where `factcard-inline.css` is: as given, else beside the `factcard.js` the page loads; empty if neither is known.
fn css_href<'c>(o: &Options<'c>, toks: &[Token]) -> Cow<'c, str> {
    match o.css {
        Some(c) => Cow::Borrowed(c),
        None => match script_base(toks) {
            Some(base) => Cow::Owned(format!("{base}factcard-inline.css")),
            None => Cow::Borrowed(""),
        },
    }
}

/// A page being inlined, read token by token: the output so far, and what is known of the page up to the token read.
struct Page<'a> {
    ds: &'a DataSet,
    o: &'a Options<'a>,
    h: &'a str,
    toks: &'a [Token<'a>],
    css: &'a str,
    names: &'a Names<'a>,
    out: String,
    /// Bytes of the page already in `out`: the page's bytes from here on are copied unchanged.
    copied: usize,
    /// The open elements, and for each open autolink container the names already linked in it (innermost last).
    stack: Vec<Open<'a>>,
    done_names: Vec<HashSet<&'a str>>,
    /// Where the head's link goes, in the output: the end of the head, else (`first_at`) before the first thing
    /// inlined. (The output only grows at its end, and the page's bytes from `copied` on are copied unchanged, so a
    /// place is known early.)
    head_at: Option<usize>,
    first_at: Option<usize>,
    /// Whether the page links `factcard-inline.css` already.
    has_link: bool,
    r: Report,
}

impl<'a> Page<'a> {
    /// A page to read from its first token, with nothing written yet.
    fn new(
        ds: &'a DataSet,
        names: &'a Names<'a>,
        h: &'a str,
        o: &'a Options<'a>,
        toks: &'a [Token<'a>],
        css: &'a str,
    ) -> Page<'a> {
        Page {
            ds,
            o,
            h,
            toks,
            css,
            names,
            out: String::with_capacity(h.len() * 2),
            copied: 0,
            stack: Vec::new(),
            done_names: Vec::new(),
            head_at: None,
            first_at: None,
            has_link: false,
            r: Report::default(),
        }
    }

    /// Reads the page's tokens in order, inlining as it goes; returns the page and what was done.
    fn run(mut self) -> Result<(String, Report), String> {
        let mut k = 0;
        while k < self.toks.len() {
            let t = &self.toks[k];
            k += 1;
            match t {
                Token::End { name, start } => self.end_tag(name, *start),
                Token::Text { start, end } => self.text(*start, *end),
                Token::Raw { .. } => {}
                Token::Start(tag) => k = self.start_tag(tag, k)?,
            }
        }
        Ok(self.finish())
    }

    /// Where the page's byte `at` (not yet copied) will be in the output.
    fn out_at(&self, at: usize) -> usize {
        self.out.len() + at - self.copied
    }

    /// Copies the page's bytes up to `at` into the output.
    fn copy_to(&mut self, at: usize) {
        self.out.push_str(&self.h[self.copied..at]);
        self.copied = at;
    }

    /// Notes the page's byte `at` as the first place where something is inlined, unless one is known already.
    fn mark_first(&mut self, at: usize) {
        let at = self.out_at(at);
        self.first_at.get_or_insert(at);
    }

    /// Whether an element is this set's: its `src` is the set's (none, or empty, for the default set).
    fn ours(&self, t: &Tag) -> bool {
        t.value("src").filter(|s| !s.is_empty()) == self.o.src
    }

    /// An end tag: closes its element (and those left open inside it); the first `</head>` is where the head ends.
    fn end_tag(&mut self, name: &str, start: usize) {
        if name == "head" && self.head_at.is_none() {
            self.head_at = Some(self.out_at(start));
        }
        if let Some(p) = self.stack.iter().rposition(|e| e.name == name) {
            for e in self.stack.drain(p..) {
                if e.autolink {
                    self.done_names.pop();
                }
            }
        }
    }

    /// Text: inside an autolink container (and outside the elements never linked), the first mention of each name
    /// in the container becomes a `<fact-ref>` of its entity.
    fn text(&mut self, start: usize, end: usize) {
        let linking = self.stack.iter().any(|e| e.autolink) && !self.stack.iter().any(|e| e.skip);
        if !linking {
            return;
        }
        let Some(mut done) = self.done_names.pop() else { return };
        let raw = &self.h[start..end];
        // Names are found in the text as the browser reads it ("Chengdu&ndash;Chongqing" is a name with a dash); the
        // mention keeps the page's own bytes.
        let text = Decoded::new(raw);
        let src = self.o.src; // (inside a container of this set's: `linking` said so)
        let lang = lang_code(self.stack.iter().rev().find_map(|e| e.lang).unwrap_or("en"));
        let mut at = 0;
        while let Some((a, b, id)) = self.names.find(&text.text, at) {
            at = b;
            if done.contains(id) {
                continue;
            }
            let Some(tpl) = ref_template(self.ds, "entity", id, &lang, self.css) else { continue };
            done.insert(id);
            let (a, b) = (text.raw(a), text.raw(b));
            self.mark_first(start + a);
            self.copy_to(start + a);
            self.write_mention(id, src, &tpl, &raw[a..b]);
            self.copied = start + b;
        }
        self.done_names.push(done);
    }

    /// Writes a mention of an entity as a `<fact-ref>` with its shadow root, and counts it.
    fn write_mention(&mut self, id: &str, src: Option<&str>, tpl: &str, mention: &str) {
        self.out.push_str("<fact-ref entity=\"");
        self.out.push_str(id);
        self.out.push('"');
        if let Some(s) = src {
            self.out.push_str(" src=\"");
            reuse(&mut self.out, s);
            self.out.push('"');
        }
        self.out.push('>');
        self.out.push_str(tpl);
        self.out.push_str(mention);
        self.out.push_str("</fact-ref>");
        self.r.links += 1;
        self.r.refs += 1;
    }

    /// A start tag: notes a link to the styles and where the head ends, skips a template, inlines an element of this
    /// set's, and opens the element. Returns the index of the next token to read (`k`, unless some are skipped).
    fn start_tag(&mut self, t: &'a Tag<'a>, mut k: usize) -> Result<usize, String> {
        let name = t.name.as_str();
        if name == "link"
            && t.value("rel").is_some_and(|v| v.eq_ignore_ascii_case("stylesheet"))
            && t.value("href") == Some(self.css)
        {
            self.has_link = true;
        }
        if name == "body" && self.head_at.is_none() {
            self.head_at = Some(self.out_at(t.start));
        }
        if name == "template" {
            // Inert content (someone else's template, or a shadow root): left alone.
            return Ok(template_end(self.toks, k));
        }
        let custom = is_element(name);
        if custom && !self.ours(t) {
            self.r.other_src += 1;
        } else if custom {
            k = self.custom_element(t, k)?;
        }
        if !(VOID.contains(&name) || self.h[..t.end].ends_with("/>") && !custom) {
            self.open(t, k);
        }
        Ok(k)
    }

    /// A `<fact-card>`, `<fact-ref>` or `<fact-search>` of this set's, whose start tag ends before token `k`: writes
    /// its shadow root, in place of an earlier run's. Returns the index of the next token to read; fails on an
    /// unknown id (unless `allow_missing`) and when where `factcard-inline.css` is is not known.
    fn custom_element(&mut self, t: &Tag, mut k: usize) -> Result<usize, String> {
        let outer = self.stack.iter().rev().find_map(|e| e.lang);
        let lang = lang_code(t.value("lang").or(outer).unwrap_or("en"));
        let (kind, id) = shown(t);
        if self.css.is_empty() {
            return Err(format!(
                "line {}: cannot tell where factcard-inline.css is: the page loads no …/factcard.js (give --css URL)",
                line_of(self.h, t.start)
            ));
        }
        let tpl = match t.name.as_str() {
            "fact-card" => card_template(self.ds, id, &lang, self.css),
            "fact-ref" => ref_template(self.ds, kind, id, &lang, self.css),
            _ => Some(search_template(t.value("label"), t.value("placeholder"), &lang, self.css)),
        };
        // An earlier run's shadow root is replaced: the data may have changed.
        let old = old_shadow_root(self.toks, self.h, k);
        if let Some((_, next)) = old {
            k = next;
        }
        match tpl {
            None => {
                let line = line_of(self.h, t.start);
                let msg = format!("line {line}: no {kind} with id `{id}`");
                if !self.o.allow_missing {
                    return Err(msg);
                }
                self.r.missing.push(format!("{line}: {id}"));
            }
            Some(tpl) => self.write_shadow_root(t, &tpl, old.map(|(range, _)| range)),
        }
        Ok(k)
    }

    /// Writes an element's shadow root after its start tag, or over `old` (an earlier run's, as a byte range), and
    /// counts it; a card is also marked `data-ready`.
    fn write_shadow_root(&mut self, t: &Tag, tpl: &str, old: Option<(usize, usize)>) {
        self.mark_first(t.start);
        if t.name == "fact-card" && t.attr("data-ready").is_none() {
            self.copy_to(t.gt);
            self.out.push_str(" data-ready");
        }
        let (from, to) = old.unwrap_or((t.end, t.end));
        self.copy_to(from);
        self.out.push_str(tpl);
        self.copied = to;
        match t.name.as_str() {
            "fact-card" => self.r.cards += 1,
            "fact-ref" => self.r.refs += 1,
            _ => self.r.searches += 1,
        }
    }

    /// Opens an element (one that has content), starting an autolink container if it is one of this set's. (One of
    /// factcard's own elements is never a container: its text is never linked, as in the script.)
    fn open(&mut self, t: &'a Tag<'a>, k: usize) {
        let own = is_element(&t.name);
        let autolink = t.attr("autolink").is_some() && self.ours(t) && !own;
        if autolink {
            self.autolink_container(t, k);
        }
        self.stack.push(Open {
            name: t.name.clone(),
            lang: t.value("lang").filter(|l| !l.is_empty()),
            skip: SKIP.contains(&t.name.as_str())
                || t.attr("contenteditable").is_some()
                || t.attr("data-no-autolink").is_some(),
            autolink,
        });
    }

    /// An autolink container whose start tag ends before token `k`: marks it `data-inlined`, so that the script
    /// leaves it alone; or, if an earlier run linked it, takes the names that run linked as done.
    fn autolink_container(&mut self, t: &Tag, k: usize) {
        let mut done = HashSet::new();
        if t.attr("data-inlined").is_none() {
            self.mark_first(t.start);
            self.copy_to(t.gt);
            self.out.push_str(" data-inlined");
        } else {
            // Linked by an earlier run: the names it linked in this container are done.
            let end = element_end(self.toks, k, &t.name);
            done.extend(self.toks[k..end].iter().filter_map(|n| match n {
                Token::Start(n) if n.name == "fact-ref" => n.value("entity"),
                _ => None,
            }));
        }
        self.done_names.push(done);
    }

    /// The page, with the rest of its bytes, and what was done. If anything was inlined and the page does not link
    /// `factcard-inline.css` already, its head gets the link, which holds the first paint until the styles are there.
    fn finish(mut self) -> (String, Report) {
        self.copy_to(self.h.len());
        if self.r.any() && !self.has_link {
            let mut link = String::from("<link rel=\"stylesheet\" href=\"");
            reuse(&mut link, self.css);
            link.push_str("\">");
            self.out.insert_str(self.head_at.or(self.first_at).unwrap_or(0), &link);
        }
        (self.out, self.r)
    }
}

/// What a `<fact-card>` or `<fact-ref>` shows: (`fact` or `entity`, its id); for a `<fact-search>`, nothing.
fn shown<'h>(t: &Tag<'h>) -> (&'static str, &'h str) {
    match t.name.as_str() {
        "fact-card" => ("fact", t.value("fact").unwrap_or("")),
        "fact-ref" => match t.value("entity").filter(|e| !e.is_empty()) {
            Some(e) => ("entity", e),
            None => ("fact", t.value("fact").unwrap_or("")),
        },
        _ => ("", ""),
    }
}

/// An earlier run's shadow root of the element whose start tag ends before token `k` (or `render --element`'s, which
/// starts on a line of its own, so that Markdown keeps the element as a block of HTML): its byte range, and the index
/// of the token after it.
fn old_shadow_root(toks: &[Token], h: &str, k: usize) -> Option<((usize, usize), usize)> {
    let blank = |t: Option<&Token>| matches!(t, Some(Token::Text { start, end }) if h[*start..*end].trim().is_empty());
    let at = if blank(toks.get(k)) { k + 1 } else { k };
    let Some(Token::Start(t)) = toks.get(at) else { return None };
    if t.name != "template" || t.attr("shadowrootmode").is_none() {
        return None;
    }
    let e = template_end(toks, at + 1);
    let close = match toks.get(e - 1) {
        Some(Token::End { start, .. }) => h[*start..].find('>').map_or(h.len(), |j| start + j + 1),
        _ => h.len(),
    };
    Some(((t.start, close), e))
}

/// The index of the end tag that closes the `name` element whose content starts at token `k` (or the number of
/// tokens, if nothing closes it).
fn element_end(toks: &[Token], mut k: usize, name: &str) -> usize {
    let mut depth = 1;
    while k < toks.len() {
        match &toks[k] {
            Token::Start(t) if t.name == name => depth += 1,
            Token::End { name: n, .. } if n == name => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
        k += 1;
    }
    k
}

/// Whether a tag is one of factcard's elements.
fn is_element(name: &str) -> bool {
    matches!(name, "fact-card" | "fact-ref" | "fact-search")
}

/// The index of the token after the `</template>` that closes the template whose content starts at token `k`.
fn template_end(toks: &[Token], k: usize) -> usize {
    (element_end(toks, k, "template") + 1).min(toks.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds() -> DataSet {
        factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap()
    }

    const O: Options = Options { css: None, src: None, allow_missing: false };

    #[test]
    fn inlines_cards_mentions_boxes_and_autolink_once() {
        let ds = ds();
        let page = "<!doctype html><html lang=\"en\"><head><title>a <fact-card> page</title>\n<script type=\"module\" src=\"/f/factcard.js\"></script>\n</head><body>\n<!-- <fact-card fact=\"x\"> -->\n<fact-card fact='hongyan-truck-exports-2020' lang=zh>Fallback</fact-card>\n<p autolink>Liangjiang and <a href=#>Chongqing</a> and Chongqing and Liangjiang.</p>\n<fact-ref entity=\"liangjiang\">here</fact-ref> <fact-search label=\"Find\"></fact-search>\n<fact-card src=\"/mine/\" fact=\"x\"></fact-card></body></html>";
        let (out, r) = inline_page(&ds, page, &O).unwrap();
        assert_eq!((r.cards, r.refs, r.searches, r.links, r.other_src), (1, 3, 1, 2, 1), "{r:?}");
        // Once in the head, once per shadow root.
        assert!(out.contains("\n<link rel=\"stylesheet\" href=\"/f/factcard-inline.css\"></head>"), "{out}");
        assert_eq!(out.matches("factcard-inline.css").count(), 1 + 5);
        // The card in Chinese, its fallback after it; comments and titles untouched.
        assert!(out.contains("<fact-card fact='hongyan-truck-exports-2020' lang=zh data-ready><template shadowrootmode=\"open\"><div hidden><slot class=\"fallback\" part=\"fallback\"></slot></div><div class=\"body\"><article class=\"card\" part=\"card\" lang=\"zh\""));
        assert!(out.contains("复制引用</button>"));
        assert!(out.contains("</template>Fallback</fact-card>"));
        assert!(out.contains("<!-- <fact-card fact=\"x\"> -->") && out.contains("<title>a <fact-card> page</title>"));
        // The first mention of each name, not the one in a link, nor the second.
        assert!(out.contains("<p autolink data-inlined><fact-ref entity=\"liangjiang\"><template"));
        assert!(out.contains(
            "</template>Liangjiang</fact-ref> and <a href=#>Chongqing</a> and <fact-ref entity=\"chongqing\">"
        ));
        assert!(out.contains("</template>Chongqing</fact-ref> and Liangjiang.</p>"));
        assert!(out.contains("<label for=\"q\" part=\"label\">Find</label>"));
        assert!(out.contains("<fact-card src=\"/mine/\" fact=\"x\"></fact-card>"));
        // Idempotent.
        let (again, r2) = inline_page(&ds, &out, &O).unwrap();
        assert_eq!(again, out);
        assert_eq!((r2.cards, r2.refs, r2.searches, r2.links), (1, 3, 1, 0));
    }

    #[test]
    fn autolink_reads_names_through_character_references_and_keeps_the_pages_bytes() {
        let ds = ds();
        let page = "<script src=\"/f/factcard.js\"></script><p autolink>The Guangdong&ndash;Hong Kong&#x2013;Macao Greater Bay Area and the &ldquo;33618&rdquo; modern manufacturing cluster system; Liang&amp;jiang, Chong&unknown;qing.</p>";
        let (out, r) = inline_page(&ds, page, &O).unwrap();
        assert_eq!(r.links, 2, "{out}");
        assert!(out.contains("The <fact-ref entity=\"guangdong-hong-kong-macao-greater-bay-area\"><template"), "{out}");
        assert!(out.contains("</template>Guangdong&ndash;Hong Kong&#x2013;Macao Greater Bay Area</fact-ref> and the <fact-ref entity=\"chongqing-33618-system\">"), "{out}");
        assert!(out.contains("</template>&ldquo;33618&rdquo; modern manufacturing cluster system</fact-ref>; Liang&amp;jiang, Chong&unknown;qing.</p>"), "{out}");
        let (again, _) = inline_page(&ds, &out, &O).unwrap();
        assert_eq!(again, out);
    }

    #[test]
    fn autolink_leaves_raw_text_and_foreign_content_alone() {
        let ds = ds();
        let page = "<script src=\"/f/factcard.js\"></script><p autolink><noscript>Liangjiang</noscript><xmp>Liangjiang</xmp><title>Liangjiang</title><svg><text>Liangjiang</text></svg><math><mi>Liangjiang</mi></math> and Chongqing.</p>";
        let (out, r) = inline_page(&ds, page, &O).unwrap();
        assert_eq!(r.links, 1, "{out}");
        assert!(out.contains("</math> and <fact-ref entity=\"chongqing\">"), "{out}");
        assert_eq!(out.matches("Liangjiang").count(), 5);
    }

    #[test]
    fn decoding_maps_each_character_back_to_the_page() {
        let d = Decoded::new("a&amp;b&#20013;&#x4e2d;&#0;&#xD800;&bogus;&");
        assert_eq!(d.text, "a&b中中\u{fffd}\u{fffd}&bogus;&");
        assert_eq!((d.raw(0), d.raw(1), d.raw(2), d.raw(3), d.raw(6)), (0, 1, 6, 7, 15));
        assert_eq!(d.raw(d.text.len()), "a&amp;b&#20013;&#x4e2d;&#0;&#xD800;&bogus;&".len());
        assert!(Decoded::new("plain").from.is_empty());
    }

    #[test]
    fn an_element_of_factcards_marked_autolink_is_not_a_container() {
        let ds = ds();
        let page = "<script src=\"/f/factcard.js\"></script><fact-card fact=\"hongyan-truck-exports-2020\" autolink>Liangjiang</fact-card><p>Liangjiang</p>";
        let (out, r) = inline_page(&ds, page, &O).unwrap();
        assert_eq!((r.cards, r.links), (1, 0));
        assert!(out.contains("<fact-card fact=\"hongyan-truck-exports-2020\" autolink data-ready><template"), "{out}");
        assert!(out.ends_with("</template>Liangjiang</fact-card><p>Liangjiang</p>"), "{out}");
    }

    #[test]
    fn a_container_linked_before_counts_only_its_own_links() {
        let ds = ds();
        let page = "<script src=\"/f/factcard.js\"></script><div autolink><p>Liangjiang</p></div><div autolink><div>Chongqing</div><p>Liangjiang</p></div>";
        let (once, r) = inline_page(&ds, page, &O).unwrap();
        assert_eq!(r.links, 3);
        // A third container, written after the first run (a page edited since): its names are linked, even ones
        // linked in the containers before it.
        let edited = format!("{once}<section autolink>Liangjiang and Chongqing</section>");
        let (twice, r2) = inline_page(&ds, &edited, &O).unwrap();
        assert_eq!(r2.links, 2, "{twice}");
        assert!(twice.contains("<section autolink data-inlined><fact-ref entity=\"liangjiang\">"), "{twice}");
    }

    #[test]
    fn a_shadow_root_on_the_next_line_is_replaced() {
        let ds = ds();
        let o = Options { css: Some("c.css"), ..O };
        let (out, _) = inline_page(&ds, "<fact-card fact=\"hongyan-truck-exports-2020\"></fact-card>", &o).unwrap();
        let split = out.replacen("data-ready><template", "data-ready>\n<template", 1);
        assert_eq!(inline_page(&ds, &split, &o).unwrap().0, split);
        assert_eq!(split.matches("<template").count(), 1);
    }

    #[test]
    fn changes_no_other_byte() {
        let ds = ds();
        let page = "<html><head>\n<script src=\"factcard.js\" type=module></script></head>\n<body><p class=x>ünïcode &amp; <b>bold</b></p><fact-card fact=\"hongyan-truck-exports-2020\"></fact-card><textarea><fact-card fact=\"nope\"></textarea></body></html>\n";
        let (out, _) = inline_page(&ds, page, &O).unwrap();
        // Take out what was added: the page is what it was.
        let mut back =
            out.replace("<link rel=\"stylesheet\" href=\"factcard-inline.css\">", "").replace(" data-ready", "");
        let t0 = back.find("<template").unwrap();
        let t1 = back.find("</template>").unwrap() + "</template>".len();
        back.replace_range(t0..t1, "");
        assert_eq!(back, page);
    }

    #[test]
    fn unknown_ids_fail_or_are_listed() {
        let ds = ds();
        let page = "<script src=\"/factcard.js\"></script>\n\n<fact-card fact=\"no-such-fact\">x</fact-card>";
        assert_eq!(inline_page(&ds, page, &O).unwrap_err(), "line 3: no fact with id `no-such-fact`");
        let (out, r) = inline_page(&ds, page, &Options { allow_missing: true, ..O }).unwrap();
        assert_eq!((out.as_str(), r.missing), (page, vec!["3: no-such-fact".to_string()]));
        let page = "<fact-card fact=\"hongyan-truck-exports-2020\">x</fact-card>";
        assert!(inline_page(&ds, page, &O).unwrap_err().contains("give --css URL"));
    }

    #[test]
    fn the_head_link_goes_before_the_body_and_mentions_keep_their_src() {
        let ds = ds();
        let o = Options { css: Some("/c.css"), src: Some("/mine/"), allow_missing: false };
        let page = "<html><head><title>t</title>\n<body><p autolink src=\"/mine/\">Liangjiang</p></body></html>";
        let (out, r) = inline_page(&ds, page, &o).unwrap();
        assert_eq!((r.links, r.refs), (1, 1));
        assert!(out.starts_with("<html><head><title>t</title>\n<link rel=\"stylesheet\" href=\"/c.css\"><body><p autolink src=\"/mine/\" data-inlined><fact-ref entity=\"liangjiang\" src=\"/mine/\"><template shadowrootmode=\"open\">"), "{out}");
        assert!(out.ends_with("</template>Liangjiang</fact-ref></p></body></html>"), "{out}");
    }

    #[test]
    fn a_set_of_its_own_inlines_elements_with_its_src() {
        let ds = ds();
        let page = "<fact-card src=\"/mine/\" fact=\"hongyan-truck-exports-2020\"></fact-card><fact-card fact=\"x\"></fact-card>";
        let o = Options { css: Some("/c.css"), src: Some("/mine/"), allow_missing: false };
        let (out, r) = inline_page(&ds, page, &o).unwrap();
        assert_eq!((r.cards, r.other_src), (1, 1));
        assert!(out.starts_with("<link rel=\"stylesheet\" href=\"/c.css\"><fact-card src=\"/mine/\" fact=\"hongyan-truck-exports-2020\" data-ready><template"));
    }

    #[test]
    fn a_page_with_two_sets_takes_one_run_for_each_in_either_order() {
        let ds = ds();
        let page = "<head></head><p autolink src=\"/mine/\">Liangjiang</p><fact-card src=\"/mine/\" fact=\"atg-alumina-content\"></fact-card><p autolink>Chongqing</p><fact-card fact=\"hongyan-truck-exports-2020\"></fact-card>";
        let default = Options { css: Some("/c.css"), ..O };
        let mine = Options { css: Some("/c.css"), src: Some("/mine/"), allow_missing: false };
        let run = |h: &str, o: &Options| inline_page(&ds, h, o).unwrap();
        let (a, ra) = run(&run(page, &default).0, &mine);
        let (b, _) = run(&run(page, &mine).0, &default);
        assert_eq!(a, b);
        // The default set's card and the mention its run linked are left to it.
        assert_eq!((ra.cards, ra.links, ra.other_src), (1, 1, 2), "{ra:?}");
        assert_eq!(a.matches("data-ready><template").count(), 2);
        assert_eq!(a.matches("<fact-ref entity=").count(), 2);
        assert_eq!(a.matches("<link rel=\"stylesheet\" href=\"/c.css\"></head>").count(), 1, "{a}");
        assert_eq!(run(&a, &default).0, a);
        assert_eq!(run(&a, &mine).0, a);
    }
}
