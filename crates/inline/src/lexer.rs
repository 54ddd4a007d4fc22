//! The lexer behind `inline`: a page's start tags, end tags and text, read as the browser's tokenizer reads them
//! (<https://html.spec.whatwg.org/multipage/parsing.html>), without building a tree.
//!
//! What the browser does not read as markup must never be rewritten, so it comes out as [`Token::Raw`]: the content
//! of a script (up to `</script` followed by a space, `/` or `>`, in any case, and not inside a `<!--<script>`
//! escape), of raw text (`style`, `xmp`, `iframe`, `noembed`, `noframes`, and `noscript`: scripting is on for
//! readers), of RCDATA (`title`, `textarea`), of `plaintext` (to the end of the page), and foreign content (an
//! `<svg>` or `<math>`, all of it, with its CDATA sections). Comments (up to `-->` or `--!>`; `<!-->` is one),
//! doctypes and bogus comments (`<?…>`, `<!…>`, `</` and no letter) are left out; `</>` is nothing.
//!
//! Where foreign content ends depends on the elements open in it (a `<p>` ends it; an `<svg>`'s `foreignObject`
//! holds HTML, whose `<script>` is a script again), so the lexer keeps the stack of elements open in it and follows
//! the standard's tree-building rules for it. Where those rules depend on more than it keeps (HTML elements inside
//! a `foreignObject`, an end tag of an element open outside the `<svg>`, an `<svg>` in a `<select>`, which older
//! browsers ignore), it errs on the side of foreign content (nothing rewritten), and checks each start tag that
//! the two readings would read differently (a `<script>`, `<style>`, `<title>`…, a CDATA section): if they disagree
//! on where it ends, the lexer stops there (`unsure`), and the rest of the page is raw.

#[derive(Debug)]
pub(super) struct Attr<'h> {
    pub(super) name: String,
    pub(super) value: Option<&'h str>,
    /// Its byte range in the page, from its name to the end of its value.
    pub(super) span: (usize, usize),
}

/// A start tag: its name (lowercase), attributes and byte range; `gt` is where its closing `>` (or `/>`) starts.
#[derive(Debug)]
pub(super) struct Tag<'h> {
    pub(super) name: String,
    pub(super) attrs: Vec<Attr<'h>>,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) gt: usize,
}

impl<'h> Tag<'h> {
    /// An attribute: `None` if the tag does not have it, `Some(None)` if it has it without a value.
    pub(super) fn attr(&self, name: &str) -> Option<Option<&'h str>> {
        self.attrs.iter().find(|a| a.name == name).map(|a| a.value)
    }

    /// An attribute's value, if the tag has the attribute with a value.
    pub(super) fn value(&self, name: &str) -> Option<&'h str> {
        self.attr(name).flatten()
    }
}

#[derive(Debug)]
pub(super) enum Token<'h> {
    Start(Tag<'h>),
    End {
        name: String,
        start: usize,
    },
    Text {
        start: usize,
        end: usize,
    },
    /// Bytes that the browser does not read as markup, or that are foreign content: never rewritten. (Where they
    /// are matters only to the lexer's tests.)
    #[allow(dead_code)]
    Raw {
        start: usize,
        end: usize,
    },
}

/// A page's tokens, and the byte where the lexer stopped because it could not tell how the browser reads what
/// follows (the rest of the page is then one [`Token::Raw`]).
pub(super) struct Lexed<'h> {
    pub(super) toks: Vec<Token<'h>>,
    pub(super) unsure: Option<usize>,
}

pub(super) const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// The elements whose content is text to the tokenizer, and how it ends.
fn raw_end(b: &[u8], name: &str, from: usize) -> Option<usize> {
    match name {
        "script" => Some(script_end(b, from)),
        "plaintext" => Some(b.len()),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" | "title" | "textarea" => {
            Some((from..b.len()).find(|&i| is_end_tag_of(b, i, name)).unwrap_or(b.len()))
        }
        _ => None,
    }
}

/// Whether the end tag of `name` (lowercase) begins at byte `i`: `</`, the name in any case, and a space, `/` or
/// `>` (what ends raw text; `</scripts>` does not).
fn is_end_tag_of(b: &[u8], i: usize, name: &str) -> bool {
    let n = name.len();
    b.len() > i + 2 + n
        && b[i] == b'<'
        && b[i + 1] == b'/'
        && b[i + 2..i + 2 + n].eq_ignore_ascii_case(name.as_bytes())
        && matches!(b[i + 2 + n], b'/' | b'>') | b[i + 2 + n].is_ascii_whitespace()
}

/// Where a script's content that begins at byte `i` ends: the script data states, with `<!--` escapes, in which
/// a `<script>` begins a double escape that its `</script>` (not the script's) ends, and `-->` ends both.
fn script_end(b: &[u8], mut i: usize) -> usize {
    #[derive(PartialEq, Clone, Copy)]
    enum S {
        Data,
        Escaped,
        Double,
    }
    let mut s = S::Data;
    while i < b.len() {
        let at = &b[i..];
        match (s, b[i]) {
            (S::Data | S::Escaped, b'<') if is_end_tag_of(b, i, "script") => return i,
            (S::Data, b'<') if at.starts_with(b"<!--") => {
                // In the "escaped dash dash" state already: `<!-->` ends the escape it begins.
                s = S::Escaped;
                i += 2;
                continue;
            }
            (S::Escaped, b'<') if at.len() > 7 && at[1..7].eq_ignore_ascii_case(b"script") && boundary(at[7]) => {
                s = S::Double;
                i += 8;
                continue;
            }
            (S::Double, b'<') if is_end_tag_of(b, i, "script") => {
                s = S::Escaped;
                i += 9;
                continue;
            }
            (S::Escaped | S::Double, b'-') if at.starts_with(b"-->") => {
                s = S::Data;
                i += 3;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// What ends a tag's name: a space, `/` or `>`.
fn boundary(c: u8) -> bool {
    c.is_ascii_whitespace() || c == b'/' || c == b'>'
}

/// What a `<` at some byte begins.
enum Mk {
    /// Nothing: the `<` is text.
    Text,
    /// A comment, doctype, bogus comment, CDATA section or `</>`, which ends before the given byte.
    Skip(usize),
    Start,
    End,
}

/// What the `<` at byte `i` begins; `cdata`: whether `<![CDATA[` begins a CDATA section (in foreign content) or a
/// bogus comment.
fn markup_at(b: &[u8], i: usize, cdata: bool) -> Mk {
    let at = &b[i..];
    let to_gt = |from: usize| b[from..].iter().position(|&c| c == b'>').map_or(b.len(), |j| from + j + 1);
    match at.get(1) {
        Some(b'!') if at.starts_with(b"<!--") => Mk::Skip(comment_end(b, i + 4)),
        Some(b'!') if cdata && at.starts_with(b"<![CDATA[") => Mk::Skip(cdata_end(b, i + 9)),
        Some(b'!' | b'?') => Mk::Skip(to_gt(i + 2)),
        Some(b'/') => match at.get(2) {
            None => Mk::Text,
            Some(c) if c.is_ascii_alphabetic() => Mk::End,
            Some(b'>') => Mk::Skip(i + 3),
            Some(_) => Mk::Skip(to_gt(i + 2)),
        },
        Some(c) if c.is_ascii_alphabetic() => Mk::Start,
        _ => Mk::Text,
    }
}

/// Where a comment whose text begins at byte `i` (after `<!--`) ends: after `-->` or `--!>`, or right away for
/// `<!-->` and `<!--->`.
fn comment_end(b: &[u8], i: usize) -> usize {
    let rest = &b[i..];
    if rest.starts_with(b">") {
        return i + 1;
    }
    if rest.starts_with(b"->") {
        return i + 2;
    }
    let close = find(rest, b"-->").map(|j| j + 3);
    // A `--!>` ends the comment only if it ends before the first `-->`: it is looked for only there.
    let bang = find(&rest[..close.unwrap_or(rest.len())], b"--!>").map(|j| j + 4);
    match (close, bang) {
        (Some(c), Some(x)) => i + c.min(x),
        (Some(e), None) | (None, Some(e)) => i + e,
        (None, None) => b.len(),
    }
}

fn cdata_end(b: &[u8], i: usize) -> usize {
    find(&b[i..], b"]]>").map_or(b.len(), |j| i + j + 3)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A page's tokens, in order: start tags, end tags, text, and raw bytes (see the module's docs).
pub(super) fn tokens(h: &str) -> Lexed<'_> {
    let mut lexer = Lexer { h, b: h.as_bytes(), out: Vec::new(), text: 0, select: false, unsure: None };
    let mut i = 0;
    while let Some(k) = h[i..].find('<') {
        i = lexer.markup(i + k);
    }
    lexer.flush(h.len());
    Lexed { toks: lexer.out, unsure: lexer.unsure }
}

/// A page being split into tokens: the tokens so far, and where the text not yet in them begins.
struct Lexer<'h> {
    h: &'h str,
    b: &'h [u8],
    out: Vec<Token<'h>>,
    text: usize,
    /// Whether a `<select>` is open (roughly: from its start tag to an end tag).
    select: bool,
    unsure: Option<usize>,
}

impl<'h> Lexer<'h> {
    /// Ends the text that runs up to byte `i`, if there is any, as a token.
    fn flush(&mut self, i: usize) {
        if i > self.text {
            self.out.push(Token::Text { start: self.text, end: i });
        }
    }

    /// The markup that begins at byte `i` (a `<`), skipped or read as tokens; returns where to read on.
    fn markup(&mut self, i: usize) -> usize {
        let end = match markup_at(self.b, i, false) {
            Mk::Text => return i + 1,
            Mk::Skip(end) => {
                self.flush(i);
                end
            }
            Mk::End => {
                self.flush(i);
                self.end_tag(i)
            }
            Mk::Start => {
                self.flush(i);
                self.start_tag(i)
            }
        };
        self.text = end;
        end
    }

    /// The end tag at byte `i`; returns where it ends (after its `>`: its attributes are read as a start tag's, so
    /// that a quoted `>` does not end it).
    fn end_tag(&mut self, i: usize) -> usize {
        let n1 = name_end(self.b, i + 2);
        let name = self.h[i + 2..n1].to_ascii_lowercase();
        let (_, _, end) = attributes(self.h, n1);
        if name == "select" {
            self.select = false;
        }
        self.out.push(Token::End { name, start: i });
        end
    }

    /// The start tag at byte `i`, and the raw text or foreign content it begins; returns where what follows them
    /// begins.
    fn start_tag(&mut self, i: usize) -> usize {
        let t = tag(self.h, i);
        let end = t.end;
        if matches!(t.name.as_str(), "svg" | "math") && !t.self_closing(self.b) {
            // Foreign content: the whole of it is raw, start tag and all.
            let (e, unsure) = Foreign::new(self.h, &t, self.select).run();
            self.unsure = unsure;
            self.out.push(Token::Raw { start: i, end: e });
            return e;
        }
        if t.name == "select" {
            self.select = true;
        }
        let raw = raw_end(self.b, &t.name, end);
        self.out.push(Token::Start(t));
        match raw {
            Some(e) => {
                if e > end {
                    self.out.push(Token::Raw { start: end, end: e });
                }
                e
            }
            None => end,
        }
    }
}

/// The start tag at byte `i` (a `<` and a letter).
fn tag(h: &str, i: usize) -> Tag<'_> {
    let n1 = name_end(h.as_bytes(), i + 1);
    let name = h[i + 1..n1].to_ascii_lowercase();
    let (attrs, gt, end) = attributes(h, n1);
    Tag { name, attrs, start: i, end, gt }
}

impl Tag<'_> {
    fn self_closing(&self, b: &[u8]) -> bool {
        b.get(self.gt) == Some(&b'/')
    }
}

// ---- Foreign content ----

#[derive(Debug, Clone, Copy, PartialEq)]
enum Ns {
    Html,
    Svg,
    Math,
}

/// An element open in foreign content: its name (lowercase), namespace, and whether it is an integration point
/// (its content is HTML: `foreignObject`, `desc` and `title` in SVG; `mi`, `mo`, `mn`, `ms`, `mtext` and an
/// `annotation-xml` of HTML in MathML).
struct Frame {
    name: String,
    ns: Ns,
    ip: bool,
}

/// The tags that end foreign content (and `font` with `color`, `face` or `size`).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// HTML's "special" elements: an end tag of another element that meets one of them open is ignored.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// What a token in foreign content does: read on from a byte, end the foreign content before a byte, or stop.
enum Step {
    Go(usize),
    Exit(usize),
    Unsure,
}

/// An `<svg>` or `<math>` being read: the elements open in it, and whether the lexer's reading of it may differ
/// from the browser's (then each start tag that the two ways of reading would read differently is checked).
struct Foreign<'h> {
    h: &'h str,
    b: &'h [u8],
    root: usize,
    stack: Vec<Frame>,
    unsure: bool,
}

impl<'h> Foreign<'h> {
    /// The foreign content that `root` (an `<svg>` or `<math>` start tag) begins; `select`: whether it is in a
    /// `<select>` (which older browsers ignore it in).
    fn new(h: &'h str, root: &Tag, select: bool) -> Foreign<'h> {
        let ns = if root.name == "svg" { Ns::Svg } else { Ns::Math };
        let stack = vec![Frame { name: root.name.clone(), ns, ip: false }];
        Foreign { h, b: h.as_bytes(), root: root.end, stack, unsure: select }
    }

    /// Reads to the end of the foreign content: returns where it ends, and the byte where the lexer stopped
    /// (the end of the page, then) if it could not tell.
    fn run(mut self) -> (usize, Option<usize>) {
        let mut j = self.root;
        while let Some(k) = self.h[j..].find('<').map(|k| j + k) {
            let cdata = self.stack.last().is_some_and(|f| f.ns != Ns::Html);
            let step = match markup_at(self.b, k, cdata) {
                Mk::Text => Step::Go(k + 1),
                Mk::Skip(e) => self.declaration(k, e, cdata),
                Mk::Start => self.start_tag(k),
                Mk::End => self.end_tag(k),
            };
            match step {
                Step::Go(n) => j = n,
                Step::Exit(n) => return (n, None),
                Step::Unsure => return (self.b.len(), Some(k)),
            }
        }
        (self.b.len(), None)
    }

    /// A comment, CDATA section or bogus comment at byte `k`, which ends at byte `e`.
    fn declaration(&self, k: usize, e: usize, cdata: bool) -> Step {
        if self.unsure && self.b[k..].starts_with(b"<![CDATA[") && e != markup_end(self.b, k, !cdata) {
            return Step::Unsure;
        }
        Step::Go(e)
    }

    /// Whether the current element's content is HTML for a start tag `name`.
    fn html_here(&self, name: &str) -> bool {
        let Some(top) = self.stack.last() else { return true };
        let mathml_text = top.ns == Ns::Math && top.name != "annotation-xml";
        top.ns == Ns::Html || top.ip && !(mathml_text && matches!(name, "mglyph" | "malignmark"))
    }

    /// A start tag at byte `k`.
    fn start_tag(&mut self, k: usize) -> Step {
        let t = tag(self.h, k);
        if self.html_here(&t.name) {
            return self.html_start(&t);
        }
        let font = t.name == "font" && ["color", "face", "size"].iter().any(|a| t.attr(a).is_some());
        if BREAKOUT.contains(&t.name.as_str()) || font {
            // The foreign elements are closed, and the tag is read again as HTML (or after the foreign content).
            self.pop_to_html();
            return if self.stack.is_empty() { Step::Exit(k) } else { Step::Go(k) };
        }
        if self.unsure && !self.agree(&t) {
            return Step::Unsure;
        }
        if !t.self_closing(self.b) {
            let top = self.stack.last().expect("a foreign element is open");
            let ns = if t.name == "svg" && top.name == "annotation-xml" { Ns::Svg } else { top.ns };
            self.push(&t, ns);
        }
        // Unsure, and read either way, its content holds no tag (`agree`): on to its end tag.
        match self.unsure.then(|| raw_end(self.b, &t.name, t.end)).flatten() {
            Some(e) => Step::Go(e),
            None => Step::Go(t.end),
        }
    }

    /// A start tag read as HTML (in an integration point): raw text is skipped, an `<svg>` or `<math>` opens.
    fn html_start(&mut self, t: &Tag) -> Step {
        match t.name.as_str() {
            "svg" | "math" if t.self_closing(self.b) => Step::Go(t.end),
            "svg" => self.push(t, Ns::Svg),
            "math" => self.push(t, Ns::Math),
            name => {
                if self.unsure && !self.agree(t) {
                    return Step::Unsure;
                }
                if let Some(e) = raw_end(self.b, name, t.end) {
                    return Step::Go(e);
                }
                if !VOID.contains(&name) {
                    // The lexer does not follow all of HTML's rules for what a start tag closes.
                    self.unsure = true;
                    self.push(t, Ns::Html);
                }
                Step::Go(t.end)
            }
        }
    }

    fn push(&mut self, t: &Tag, ns: Ns) -> Step {
        let ip = match (ns, t.name.as_str()) {
            (Ns::Svg, "foreignobject" | "desc" | "title") => true,
            (Ns::Math, "mi" | "mo" | "mn" | "ms" | "mtext") => true,
            (Ns::Math, "annotation-xml") => {
                let enc = t.value("encoding").unwrap_or("");
                // (A character reference in it: the lexer cannot tell, and reads it as HTML.)
                self.unsure |= enc.contains('&');
                enc.contains('&')
                    || enc.eq_ignore_ascii_case("text/html")
                    || enc.eq_ignore_ascii_case("application/xhtml+xml")
            }
            _ => false,
        };
        self.stack.push(Frame { name: t.name.clone(), ns, ip });
        Step::Go(t.end)
    }

    /// Pops foreign elements until the current one is HTML or an integration point.
    fn pop_to_html(&mut self) {
        while self.stack.last().is_some_and(|f| f.ns != Ns::Html && !f.ip) {
            self.stack.pop();
        }
    }

    /// Whether the two ways of reading the start tag `t`, as HTML and as foreign content, agree on where it ends.
    fn agree(&self, t: &Tag) -> bool {
        let Some(html) = raw_end(self.b, &t.name, t.end) else { return true };
        let mut j = t.end;
        let foreign = loop {
            let Some(k) = self.h[j..].find('<').map(|k| j + k) else { break self.b.len() };
            match markup_at(self.b, k, true) {
                Mk::Text => j = k + 1,
                Mk::Skip(e) => j = e,
                Mk::Start | Mk::End => break k,
            }
        };
        html == foreign
    }

    /// An end tag at byte `k`.
    fn end_tag(&mut self, k: usize) -> Step {
        let n1 = name_end(self.b, k + 2);
        let name = self.h[k + 2..n1].to_ascii_lowercase();
        let (_, _, end) = attributes(self.h, n1);
        if self.stack.last().is_some_and(|f| f.ns == Ns::Html) {
            self.html_end(&name);
            return Step::Go(end);
        }
        if name == "br" || name == "p" {
            self.pop_to_html();
            return if self.stack.is_empty() { Step::Exit(k) } else { Step::Go(end) };
        }
        for at in (0..self.stack.len()).rev() {
            if self.stack[at].ns == Ns::Html {
                self.html_end(&name);
                return Step::Go(end);
            }
            if self.stack[at].name == name {
                self.stack.truncate(at);
                return if at == 0 { Step::Exit(end) } else { Step::Go(end) };
            }
        }
        // An end tag of an element open outside (or of none): the foreign content may have ended; read on, unsure.
        self.unsure = true;
        Step::Go(end)
    }

    /// An end tag read as HTML: closes its element, unless a special element (or an integration point) is open in
    /// it. (`</form>` is left: it may take the form out of the stack without closing what is open in it.)
    fn html_end(&mut self, name: &str) {
        self.unsure = true;
        if name == "form" {
            return;
        }
        for at in (0..self.stack.len()).rev() {
            let f = &self.stack[at];
            if f.ns == Ns::Html && f.name == name {
                self.stack.truncate(at);
                return;
            }
            if f.ip || f.ns == Ns::Html && SPECIAL.contains(&f.name.as_str()) {
                return;
            }
        }
    }
}

/// Where the declaration (`<!…`) at byte `k` ends, read with or without CDATA sections.
fn markup_end(b: &[u8], k: usize, cdata: bool) -> usize {
    match markup_at(b, k, cdata) {
        Mk::Skip(e) => e,
        _ => k + 1,
    }
}

/// Where a tag's name that begins at byte `from` ends: at a space, `>` or `/`.
fn name_end(b: &[u8], from: usize) -> usize {
    (from..b.len()).find(|&n| boundary(b[n])).unwrap_or(b.len())
}

/// Where the spaces that begin at byte `from` end.
fn skip_spaces(b: &[u8], from: usize) -> usize {
    (from..b.len()).find(|&k| !b[k].is_ascii_whitespace()).unwrap_or(b.len())
}

/// The attributes of a start tag from byte `j` (after its name) on, where its closing `>` (or `/>`) starts, and
/// where the tag ends.
fn attributes(h: &str, mut j: usize) -> (Vec<Attr<'_>>, usize, usize) {
    let b = h.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while j < b.len() && (b[j].is_ascii_whitespace() || (b[j] == b'/' && b.get(j + 1) != Some(&b'>'))) {
            j += 1;
        }
        if j >= b.len() {
            return (attrs, b.len(), j);
        }
        if b[j] == b'>' {
            return (attrs, j, j + 1);
        }
        if b[j] == b'/' && b.get(j + 1) == Some(&b'>') {
            return (attrs, j, j + 2);
        }
        let (attr, end) = attribute(h, j);
        attrs.push(attr);
        j = end;
    }
}

/// The attribute that begins at byte `a0` of a start tag: its name (lowercase) and value (quoted or not, if it has
/// one); and where it ends.
fn attribute(h: &str, a0: usize) -> (Attr<'_>, usize) {
    let b = h.as_bytes();
    // The name's first byte is taken even if it is `=`, so that a stray `=` is read as an attribute and passed.
    let mut j = a0 + 1;
    while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'>' | b'/' | b'=') {
        j += 1;
    }
    let name = h[a0..j].to_ascii_lowercase();
    let k = skip_spaces(b, j);
    if b.get(k) != Some(&b'=') {
        return (Attr { name, value: None, span: (a0, j) }, j);
    }
    let k = skip_spaces(b, k + 1);
    let (value, end) = match b.get(k) {
        Some(&q) if q == b'"' || q == b'\'' => {
            let v1 = h[k + 1..].find(q as char).map_or(b.len(), |e| k + 1 + e);
            (&h[k + 1..v1], (v1 + 1).min(b.len()))
        }
        _ => {
            let v1 = (k..b.len()).find(|&v| b[v].is_ascii_whitespace() || b[v] == b'>').unwrap_or(b.len());
            (&h[k..v1], v1)
        }
    };
    (Attr { name, value: Some(value), span: (a0, end) }, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens as short strings: a start tag's name, attributes and the text from its `>` (or `/>`) on, an end
    /// tag's name, a text.
    fn lexed(h: &str) -> Vec<String> {
        let show = |t: &Token| match t {
            Token::Start(t) => {
                let attrs: Vec<String> = t
                    .attrs
                    .iter()
                    .map(|a| format!("{}{}", a.name, a.value.map_or(String::new(), |v| format!("={v}"))))
                    .collect();
                format!("<{} {}|{}", t.name, attrs.join(","), &h[t.gt..t.end])
            }
            Token::End { name, .. } => format!("</{name}"),
            Token::Text { start, end } => h[*start..*end].to_string(),
            Token::Raw { start, end } => format!("~{}", &h[*start..*end]),
        };
        tokens(h).toks.iter().map(show).collect()
    }

    #[test]
    fn foreign_content_is_raw_and_ends_where_the_browser_ends_it() {
        // Not raw text in SVG: a script's `</svg>` ends the SVG; so does a `<p>`, and `</p>`.
        assert_eq!(lexed("<svg><script>x</svg><b>y</b>"), ["~<svg><script>x</svg>", "<b |>", "y", "</b"]);
        assert_eq!(lexed("<svg><g><p>x"), ["~<svg><g>", "<p |>", "x"]);
        assert_eq!(lexed("<math><mrow></p>x"), ["~<math><mrow>", "</p", "x"]);
        // `font` ends it only with `color`, `face` or `size`.
        assert_eq!(lexed("<svg><font>x</svg><i>"), ["~<svg><font>x</svg>", "<i |>"]);
        assert_eq!(lexed("<svg><font size=2>x"), ["~<svg>", "<font size=2|>", "x"]);
        // In an integration point, a script is HTML's again; `<svg/>` is empty.
        let h = "<svg><foreignObject><script></svg></script></foreignObject></svg><i>";
        assert_eq!(lexed(h), [&format!("~{}", &h[..h.len() - 3]), "<i |>"]);
        assert_eq!(lexed("<svg/><i>"), ["<svg |/>", "<i |>"]);
        // CDATA, as Illustrator writes styles.
        let h = "<svg><style><![CDATA[a>b</svg>]]></style></svg><i>";
        assert_eq!(lexed(h), [&format!("~{}", &h[..h.len() - 3]), "<i |>"]);
    }

    #[test]
    fn the_lexer_stops_where_browsers_may_read_foreign_content_in_two_ways() {
        // In a `<select>`, older browsers ignore an `<svg>`: a style with no tag in it reads the same either way...
        let h = "<select><svg><style><![CDATA[a>b]]></style></svg></select><i>";
        let lexed_ = tokens(h);
        assert_eq!(lexed_.unsure, None);
        assert!(matches!(lexed_.toks.last(), Some(Token::Start(t)) if t.name == "i"));
        // ... but not a script with a `<` in it.
        let h = "<select><svg><script>a<b</script></svg></select><i>";
        let lexed_ = tokens(h);
        assert_eq!(lexed_.unsure, Some(h.find("<script").unwrap()));
        assert!(matches!(lexed_.toks.last(), Some(Token::Raw { end, .. }) if *end == h.len()));
        // HTML in a `foreignObject`, then an end tag of an element open outside: a CDATA section that a `>` ends
        // as a bogus comment.
        let h = "<div><svg><foreignObject><p>x</p></foreignObject></div><![CDATA[>]]></svg><i>";
        assert_eq!(tokens(h).unsure, Some(h.find("<![").unwrap()));
    }

    #[test]
    fn the_lexer_reads_attributes_raw_text_and_skips_comments() {
        let h = "<P Class = \"a b\" data-x=1/2 hidden =v/><script>if (a<b) x = '</p>'</SCRIPT >\
                 <br/>t<?pi?><!-- <a> --><a href='x\">' = title=\"\">u</A";
        assert_eq!(
            lexed(h),
            [
                "<p class=a b,data-x=1/2,hidden=v/|>",
                "<script |>",
                "~if (a<b) x = '</p>'",
                "</script",
                "<br |/>",
                "t",
                "<a href=x\">,=,title=|>",
                "u",
                "</a",
            ]
        );
    }

    // The one-pass tests: at these sizes one pass takes about a second in a debug build on a busy two-core machine,
    // a pass per item minutes, so the 30 s bound never fails a slow machine and always fails the quadratic reading.
    #[test]
    fn a_page_of_comments_is_read_in_one_pass() {
        // Each comment ends at its first `-->` (or `--!>`): the rest of the page is not searched for a `--!>`.
        let h = format!("{}<p>x</p>", "<!-- a comment -->".repeat(10_000));
        let t = std::time::Instant::now();
        assert_eq!(lexed(&h), ["<p |>", "x", "</p"]);
        let took = t.elapsed();
        assert!(took < std::time::Duration::from_secs(30), "{took:?}");
    }

    #[test]
    fn an_svg_of_styles_left_open_is_read_in_one_pass() {
        // In SVG a `<style>` is no raw text: where the HTML reading would end it is not looked for, for each of them.
        let h = format!("<svg>{}</svg><p>x</p>", "<style>t".repeat(40_000));
        let t = std::time::Instant::now();
        assert_eq!(lexed(&h)[1..], ["<p |>", "x", "</p"]);
        let took = t.elapsed();
        assert!(took < std::time::Duration::from_secs(30), "{took:?}");
    }
}
