//! What the elements draw, as markup: the shadow roots `inline` writes (declarative Shadow DOM) for `<fact-card>`,
//! `<fact-ref>` and `<fact-search>`, as `js/card.js`, `js/ref.js` and `js/search.js` draw them, and the elements' own
//! words in each language.

use factcard_core::card::{card_html, entity_html};
use factcard_core::format::{escape_into, Lang};
use factcard_core::model::DataSet;

use crate::Built;

/// An attribute value or text from the page, written back into the page: as it was, but safe in a quoted attribute
/// and in text.
pub(crate) fn reuse(o: &mut String, raw: &str) {
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

/// The shadow root of a `<fact-card>` (as `js/card.js` draws it): the fallback slot, hidden; the card; the day it
/// was `built` ("Card as of …"), if given; its "Copy citation" row, which the script makes work.
pub fn card_template(ds: &DataSet, id: &str, lang: &str, css: &str, built: Option<&Built>) -> Option<String> {
    let f = ds.fact(id)?;
    let l = pick(ds, lang);
    let html = card_html(ds, f, l);
    let mut o = String::with_capacity(html.len() + 400);
    open_template(&mut o);
    o.push_str("<div hidden><slot class=\"fallback\" part=\"fallback\"></slot></div><div class=\"body\">");
    let end = html.rfind("</article>").unwrap_or(html.len());
    o.push_str(&html[..end]);
    if let Some(b) = built {
        o.push_str("<p class=\"built\" part=\"built\">");
        o.push_str(if zh(lang) { "卡片内容截至" } else { "Card as of " });
        o.push_str("<time datetime=\"");
        escape_into(&mut o, &b.iso);
        o.push_str("\">");
        escape_into(&mut o, b.text.get(l.index).unwrap_or(&b.iso));
        o.push_str("</time></p>");
    }
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
pub(crate) fn ref_template(ds: &DataSet, kind: &str, id: &str, lang: &str, css: &str) -> Option<String> {
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
pub(crate) fn search_template(label: Option<&str>, placeholder: Option<&str>, lang: &str, css: &str) -> String {
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
