//! The page rewriter: reads a page's tokens (from [`crate::lexer`]) in order, keeping the elements open, and writes
//! the page again with each shadow root spliced in after its element's start tag (in place of an earlier run's),
//! each `autolink` container's first mentions wrapped in `<fact-ref>`s, and the head's link to the styles; every
//! other byte is copied as it was.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use factcard_core::model::DataSet;
use factcard_publish::versions::fact_version;

use crate::lexer::{tokens, Lexed, Tag, Token, VOID};
use crate::names::{Decoded, Names};
use crate::templates::{card_template, lang_code, ref_template, reuse, search_template};
use crate::{Options, Report};

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

/// An open element: its name, its language (its `lang`, else the nearest one of the elements it is in), whether its
/// text is never linked, whether it is an autolink container.
struct Open<'h> {
    name: String,
    lang: Option<&'h str>,
    skip: bool,
    autolink: bool,
}

/// The elements open at the token being read, innermost last, with what is asked of them kept as it changes: a page
/// may leave thousands of elements open, and no text or end tag reads through all of them.
#[derive(Default)]
struct OpenElements<'h> {
    stack: Vec<Open<'h>>,
    /// How many elements of each name are open.
    names: HashMap<String, usize>,
    /// How many autolink containers, and elements whose text is never linked, are open.
    containers: usize,
    skipping: usize,
}

impl<'h> OpenElements<'h> {
    /// Opens an element, which takes the language of the elements it is in if it has none.
    fn push(&mut self, mut e: Open<'h>) {
        e.lang = e.lang.or(self.lang());
        *self.names.entry(e.name.clone()).or_default() += 1;
        self.containers += usize::from(e.autolink);
        self.skipping += usize::from(e.skip);
        self.stack.push(e);
    }

    /// The language of the innermost open element that has one (its own or an outer one's).
    fn lang(&self) -> Option<&'h str> {
        self.stack.last().and_then(|e| e.lang)
    }

    /// Whether text here is linked: inside an autolink container, outside the elements never linked.
    fn linking(&self) -> bool {
        self.containers > 0 && self.skipping == 0
    }

    /// Closes the innermost open `name` element, and those left open inside it; returns how many autolink containers
    /// were closed.
    fn close(&mut self, name: &str) -> usize {
        if self.names.get(name).is_none_or(|&n| n == 0) {
            return 0;
        }
        let Some(p) = self.stack.iter().rposition(|e| e.name == name) else { return 0 };
        let mut containers = 0;
        for e in self.stack.drain(p..) {
            if let Some(n) = self.names.get_mut(&e.name) {
                *n -= 1;
            }
            containers += usize::from(e.autolink);
            self.skipping -= usize::from(e.skip);
        }
        self.containers -= containers;
        containers
    }
}

/// Inlines one page (see the crate's docs) with the names of `ds` to link.
pub(crate) fn rewrite(ds: &DataSet, names: &Names, h: &str, o: &Options) -> Result<(String, Report), String> {
    let Lexed { toks, unsure } = tokens(h);
    let css = css_href(o, &toks);
    let mut page = Page::new(ds, names, h, o, &toks, &css);
    if let Some(at) = unsure {
        let why = "cannot tell how browsers read the <svg> or <math> here; the rest of the page is left to the script";
        page.r.unsure.push(format!("{}: {why}", line_of(h, at)));
    }
    page.run()
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
    open: OpenElements<'a>,
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
            open: OpenElements::default(),
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
        for _ in 0..self.open.close(name) {
            self.done_names.pop();
        }
    }

    /// Text: inside an autolink container (and outside the elements never linked), the first mention of each name
    /// in the container becomes a `<fact-ref>` of its entity.
    fn text(&mut self, start: usize, end: usize) {
        if !self.open.linking() {
            return;
        }
        let Some(mut done) = self.done_names.pop() else { return };
        let raw = &self.h[start..end];
        // Names are found in the text as the browser reads it ("Chengdu&ndash;Chongqing" is a name with a dash); the
        // mention keeps the page's own bytes.
        let text = Decoded::new(raw);
        let src = self.o.src; // (inside a container of this set's: `linking` said so)
        let lang = lang_code(self.open.lang().unwrap_or("en"));
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
        let lang = lang_code(t.value("lang").or(self.open.lang()).unwrap_or("en"));
        let (kind, id) = shown(t);
        if self.css.is_empty() {
            return Err(format!(
                "line {}: cannot tell where factcard-inline.css is: the page loads no …/factcard.js (give --css URL)",
                line_of(self.h, t.start)
            ));
        }
        let tpl = match t.name.as_str() {
            "fact-card" => card_template(self.ds, id, &lang, self.css, self.o.built),
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
        if t.name == "fact-card" {
            self.card_attributes(t);
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

    /// A card's attributes: its fact's version, `data-version` (in place of an earlier run's), which the script
    /// checks against the set's current one; and `data-ready`.
    fn card_attributes(&mut self, t: &Tag) {
        let id = t.value("fact").unwrap_or("");
        let version = self.ds.fact_index(id).map(|i| fact_version(self.ds, i)).unwrap_or_default();
        let attr = format!("data-version=\"{version}\"");
        match t.attrs.iter().find(|a| a.name == "data-version") {
            Some(a) => {
                self.copy_to(a.span.0);
                self.out.push_str(&attr);
                self.copied = a.span.1;
            }
            None => {
                self.copy_to(t.gt);
                self.out.push(' ');
                self.out.push_str(&attr);
            }
        }
        if t.attr("data-ready").is_none() {
            self.copy_to(t.gt);
            self.out.push_str(" data-ready");
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
        self.open.push(Open {
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
