//! The lexer behind `inline`: enough HTML to find elements and text without building a tree.

#[derive(Debug)]
pub(super) struct Attr<'h> {
    pub(super) name: String,
    pub(super) value: Option<&'h str>,
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
    End { name: String, start: usize },
    Text { start: usize, end: usize },
}

const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];
pub(super) const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

fn find_ci(h: &str, from: usize, needle: &str) -> Option<usize> {
    let hb = h.as_bytes();
    let nb = needle.as_bytes();
    (from..hb.len().saturating_sub(nb.len() - 1)).find(|&i| hb[i..i + nb.len()].eq_ignore_ascii_case(nb))
}

/// A page's tokens, in order: start tags, end tags and text; comments, doctypes and processing instructions are left
/// out, and the content of a raw text element (`script`, `style`…) is text.
pub(super) fn tokens(h: &str) -> Vec<Token<'_>> {
    let mut lexer = Lexer { h, out: Vec::new(), text: 0 };
    let mut i = 0;
    while i < h.len() {
        i = match h.as_bytes()[i] {
            b'<' => lexer.markup(i).unwrap_or(i + 1),
            _ => i + 1,
        };
    }
    lexer.flush(h.len());
    lexer.out
}

/// A page being split into tokens: the tokens so far, and where the text not yet in them begins.
struct Lexer<'h> {
    h: &'h str,
    out: Vec<Token<'h>>,
    text: usize,
}

impl<'h> Lexer<'h> {
    /// Ends the text that runs up to byte `i`, if there is any, as a token.
    fn flush(&mut self, i: usize) {
        if i > self.text {
            self.out.push(Token::Text { start: self.text, end: i });
        }
    }

    /// The markup that begins at byte `i` (a `<`), skipped or read as tokens; returns where the text after it
    /// begins, or `None` if the `<` begins no markup (it is text).
    fn markup(&mut self, i: usize) -> Option<usize> {
        let (h, b) = (self.h, self.h.as_bytes());
        let next = b.get(i + 1).copied().unwrap_or(0);
        let end = if h[i..].starts_with("<!--") {
            // A comment: skipped.
            self.flush(i);
            h[i + 4..].find("-->").map_or(b.len(), |j| i + 4 + j + 3)
        } else if next == b'!' || next == b'?' {
            // A doctype or a processing instruction: skipped.
            self.flush(i);
            h[i..].find('>').map_or(b.len(), |j| i + j + 1)
        } else if next == b'/' && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
            self.flush(i);
            self.end_tag(i)
        } else if next.is_ascii_alphabetic() {
            self.flush(i);
            self.start_tag(i)
        } else {
            return None;
        };
        self.text = end;
        Some(end)
    }

    /// The end tag at byte `i`; returns where it ends (after its `>`).
    fn end_tag(&mut self, i: usize) -> usize {
        let (h, b) = (self.h, self.h.as_bytes());
        let n1 = name_end(b, i + 2);
        self.out.push(Token::End { name: h[i + 2..n1].to_ascii_lowercase(), start: i });
        h[n1..].find('>').map_or(b.len(), |j| n1 + j + 1)
    }

    /// The start tag at byte `i`, and the text after it in a raw text element (nothing in it is markup, up to its
    /// end tag); returns where what follows them begins.
    fn start_tag(&mut self, i: usize) -> usize {
        let h = self.h;
        let n1 = name_end(h.as_bytes(), i + 1);
        let name = h[i + 1..n1].to_ascii_lowercase();
        let (attrs, gt, end) = attributes(h, n1);
        let raw = RAW.contains(&name.as_str());
        let close = format!("</{name}");
        self.out.push(Token::Start(Tag { name, attrs, start: i, end, gt }));
        if !raw {
            return end;
        }
        // Raw text: nothing in it is markup, up to its end tag.
        let e = find_ci(h, end, &close).unwrap_or(h.len());
        if e > end {
            self.out.push(Token::Text { start: end, end: e });
        }
        e
    }
}

/// Where a tag's name that begins at byte `from` ends: at a space, `>` or `/`.
fn name_end(b: &[u8], from: usize) -> usize {
    (from..b.len()).find(|&n| b[n].is_ascii_whitespace() || b[n] == b'>' || b[n] == b'/').unwrap_or(b.len())
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
        return (Attr { name, value: None }, j);
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
    (Attr { name, value: Some(value) }, end)
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
        };
        tokens(h).iter().map(show).collect()
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
                "if (a<b) x = '</p>'",
                "</script",
                "<br |/>",
                "t",
                "<a href=x\">,=,title=|>",
                "u",
                "</a",
            ]
        );
    }
}
