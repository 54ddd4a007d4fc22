//! Cards as safe HTML: the markup the `<fact-card>` element puts in its shadow root, and that `factcard render`
//! prints for pages without JavaScript. Every text from data passes through [`escape_into`]; addresses other
//! than http(s) never become links.
//!
//! ```
//! use factcard_core::card;
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! let html = card::card_html(&ds, ds.fact("hongyan-truck-exports-2020").unwrap(), ds.lang("en"));
//! assert!(html.starts_with("<article class=\"card\""));
//! let missing = card::not_found_html("<x>", ds.lang("en"));
//! assert!(missing.contains("&lt;x&gt;") && missing.starts_with("<div class=\"card missing\" part=\"card\" role=\"note\">"));
//! ```

use crate::format::{escape_into, with_lang, Lang};
use crate::model::{DataSet, Entity, EntityKind, Fact, Text};

fn tag(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    escape_into(out, text);
    out.push_str(close);
}

/// Opens an element (`open` is its start tag without the closing `>`) and writes a text of the data set in it:
/// with a `lang` attribute where the text fell back to another language of the set.
fn text_in(o: &mut String, ds: &DataSet, open: &str, t: &Text, lang: Lang) {
    let (s, other) = with_lang(ds, t, lang);
    o.push_str(open);
    lang_attr(o, other);
    o.push('>');
    escape_into(o, s);
}

fn lang_attr(o: &mut String, tag: Option<&str>) {
    if let Some(tag) = tag {
        o.push_str(" lang=\"");
        escape_into(o, tag);
        o.push('"');
    }
}

/// The words around a fact: in a `<span lang="en">` where English stands in for the card's language.
fn words(o: &mut String, lang: Lang, w: &str) {
    match lang.words_lang() {
        Some(tag) => {
            o.push_str("<span lang=\"");
            o.push_str(tag);
            o.push_str("\">");
            escape_into(o, w);
            o.push_str("</span>");
        }
        None => escape_into(o, w),
    }
}

/// The card as safe HTML (every text escaped). The custom element puts it in its shadow root; `factcard render`
/// prints the same markup for pages without JavaScript.
pub fn card_html(ds: &DataSet, f: &Fact, lang: Lang) -> String {
    card_html_with(ds, f, lang, &more(ds, f))
}

/// The cards of `f` in each of `langs`, ranking its related facts once ([`card_html`] each).
pub fn card_htmls(ds: &DataSet, f: &Fact, langs: &[Lang]) -> Vec<String> {
    let more = more(ds, f);
    langs.iter().map(|&lang| card_html_with(ds, f, lang, &more)).collect()
}

/// [`card_html`], with its "more about" entity and related facts given.
fn card_html_with(ds: &DataSet, f: &Fact, lang: Lang, more: &More) -> String {
    let mut o = String::with_capacity(1024);
    o.push_str("<article class=\"card\" part=\"card\" lang=\"");
    escape_into(&mut o, lang.tag);
    o.push_str("\" data-fact=\"");
    escape_into(&mut o, &f.id);
    // The citation travels with the card, so that "copy citation" needs nothing else.
    o.push_str("\" data-citation=\"");
    escape_into(&mut o, &crate::format::citation(ds, f, lang));
    o.push_str("\">");
    text_in(&mut o, ds, "<h3 class=\"title\" part=\"title\"", &f.title, lang);
    o.push_str("</h3>");
    if f.stale {
        // Up front, before the figures it qualifies.
        o.push_str("<p class=\"stale\" part=\"stale\">");
        dated(&mut o, lang, lang.words.as_of, f.date_text.pick(lang.index));
        o.push_str("</p>");
    }
    text_in(&mut o, ds, "<p class=\"statement\" part=\"statement\"", &f.statement, lang);
    o.push_str("</p>");
    figures_into(&mut o, ds, f, lang);
    if let Some(svg) = crate::chart::bars(f, lang) {
        o.push_str(&svg);
    }
    o.push_str("<p class=\"date\" part=\"date\">");
    words(&mut o, lang, lang.words.refers_to);
    tag(&mut o, "<time>", f.date_text.pick(lang.index), "</time></p>");
    changes_into(&mut o, ds, f, lang);
    source_into(&mut o, ds, f, lang);
    more_into(&mut o, ds, more, lang);
    if let Some(n) = &f.note {
        o.push_str("<details class=\"note\" part=\"note\"><summary>");
        words(&mut o, lang, lang.words.note);
        o.push_str("</summary>");
        text_in(&mut o, ds, "<p", n, lang);
        o.push_str("</p></details>");
    }
    o.push_str("</article>");
    o
}

/// Words around a date: "Corrected on <time>2 March 2022</time>".
fn dated(o: &mut String, lang: Lang, (before, after): (&str, &str), date: &str) {
    if !before.is_empty() {
        words(o, lang, before);
    }
    tag(o, "<time>", date, "</time>");
    if !after.is_empty() {
        words(o, lang, after);
    }
}

/// "Updated on …" (unless corrected that day: [`Fact::update_notice`]), and "Corrected on …" (the latest
/// correction) with every correction behind a disclosure.
fn changes_into(o: &mut String, ds: &DataSet, f: &Fact, lang: Lang) {
    let w = lang.words;
    if let Some(u) = f.update_notice() {
        o.push_str("<p class=\"updated\" part=\"updated\">");
        dated(o, lang, w.updated_on, u.pick(lang.index));
        o.push_str("</p>");
    }
    let Some(last) = f.corrections.last() else { return };
    o.push_str("<details class=\"corrections\" part=\"corrections\"><summary>");
    dated(o, lang, w.corrected_on, last.date_text.pick(lang.index));
    o.push_str("</summary><ul>");
    for c in f.corrections.iter().rev() {
        tag(o, "<li><time>", c.date_text.pick(lang.index), "</time>");
        o.push_str("<p>");
        words(o, lang, w.wrong);
        bare_text(o, ds, &c.wrong, lang);
        o.push_str("</p><p>");
        words(o, lang, w.changed);
        bare_text(o, ds, &c.changed, lang);
        o.push_str("</p></li>");
    }
    o.push_str("</ul></details>");
}

/// The figures as a description list: label, then the value as readers see it and its period.
fn figures_into(o: &mut String, ds: &DataSet, f: &Fact, lang: Lang) {
    if f.figures.is_empty() {
        return;
    }
    o.push_str("<dl class=\"figures\" part=\"figures\">");
    for g in &f.figures {
        text_in(o, ds, "<div class=\"figure\"><dt", &g.label, lang);
        tag(o, "</dt><dd>", g.text.pick(lang.index), "");
        if let Some(p) = &g.period_text {
            tag(o, " <span class=\"period\">(", p.pick(lang.index), ")</span>");
        }
        o.push_str("</dd></div>");
    }
    o.push_str("</dl>");
}

/// "Source: Publisher, “Title”, date", linked to the source when it has an http(s) address.
fn source_into(o: &mut String, ds: &DataSet, f: &Fact, lang: Lang) {
    let s = ds.source_of(f);
    let w = lang.words;
    o.push_str("<p class=\"source\" part=\"source\">");
    words(o, lang, w.source);
    let link = s.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    if let Some(u) = link {
        o.push_str("<a href=\"");
        escape_into(o, u);
        o.push_str("\" target=\"_blank\" rel=\"noopener noreferrer\">");
    }
    tag(o, "", &s.publisher, w.comma);
    escape_into(o, w.quotes.0);
    bare_text(o, ds, &s.title, lang);
    escape_into(o, w.quotes.1);
    escape_into(o, w.comma);
    escape_into(o, s.date_text.pick(lang.index));
    if link.is_some() {
        o.push_str("</a>");
    }
    o.push_str("</p>");
}

/// How many related facts a card lists.
const RELATED: usize = 4;

/// The entity a card offers "more about": the first one, other than a country, that other facts are about.
pub fn more_entity(ds: &DataSet, f: &Fact) -> Option<usize> {
    f.entities
        .iter()
        .map(|&e| e as usize)
        .filter(|&e| ds.entities[e].kind != EntityKind::Country)
        .find(|&e| ds.facts_about(e).any(|(_, g)| g.id != f.id))
}

/// A list of facts: title in bold, then the statement.
fn fact_list<'a>(o: &mut String, ds: &DataSet, facts: impl Iterator<Item = &'a Fact>, lang: Lang) {
    o.push_str("<ul class=\"related\">");
    for g in facts {
        text_in(o, ds, "<li><b", &g.title, lang);
        o.push_str("</b> ");
        bare_text(o, ds, &g.statement, lang);
        o.push_str("</li>");
    }
    o.push_str("</ul>");
}

/// A text inside other text: bare, or in a `<span lang>` where it fell back to another language of the set.
fn bare_text(o: &mut String, ds: &DataSet, t: &Text, lang: Lang) {
    match with_lang(ds, t, lang) {
        (s, None) => escape_into(o, s),
        (_, Some(_)) => {
            text_in(o, ds, "<span", t, lang);
            o.push_str("</span>");
        }
    }
}

/// An entity's name, with its language where it fell back.
fn name_into(o: &mut String, ds: &DataSet, e: &Entity, lang: Lang) {
    bare_text(o, ds, &e.name, lang);
}

/// The entity a card offers "more about" and its facts most like the card's ([`crate::related`]), best first.
type More = Option<(usize, Vec<usize>)>;

fn more(ds: &DataSet, f: &Fact) -> More {
    let e = more_entity(ds, f)?;
    Some((e, crate::related::related(ds, f, e, RELATED)))
}

/// "More about …": the related facts, behind a disclosure.
fn more_into(o: &mut String, ds: &DataSet, more: &More, lang: Lang) {
    let Some((e, related)) = more else { return };
    let (before, after) = lang.words.more_about;
    o.push_str("<details class=\"more\" part=\"more\"><summary>");
    words(o, lang, before);
    name_into(o, ds, &ds.entities[*e], lang);
    words(o, lang, after);
    o.push_str("</summary>");
    fact_list(o, ds, related.iter().map(|&i| &ds.facts[i]), lang);
    o.push_str("</details>");
}

fn kind_word(kind: EntityKind, lang: Lang) -> &'static str {
    lang.words.kinds[kind as usize]
}

/// An entity as a card: its name, kind and place, description, and the facts about it.
pub fn entity_html(ds: &DataSet, i: usize, lang: Lang) -> String {
    let e = &ds.entities[i];
    let mut o = String::with_capacity(1024);
    o.push_str("<article class=\"card entity\" part=\"card\" lang=\"");
    escape_into(&mut o, lang.tag);
    o.push_str("\">");
    text_in(&mut o, ds, "<h3 class=\"title\" part=\"title\"", &e.name, lang);
    o.push_str("</h3><p class=\"date\">");
    let kind = kind_word(e.kind, lang);
    match (e.parent, lang.words.kind_in_place) {
        (None, _) => words(&mut o, lang, kind),
        (Some(p), (kind_first, between)) => {
            let place = &ds.entities[p as usize];
            if kind_first {
                words(&mut o, lang, &[kind, between].concat());
                name_into(&mut o, ds, place, lang);
            } else {
                name_into(&mut o, ds, place, lang);
                words(&mut o, lang, &[between, kind].concat());
            }
        }
    }
    o.push_str("</p>");
    if let Some(d) = &e.description {
        text_in(&mut o, ds, "<p class=\"statement\" part=\"statement\"", d, lang);
        o.push_str("</p>");
    }
    // Facts about the entity itself first, then about what lies inside it.
    let own = ds.direct.get(i).into_iter().flatten().map(|&d| &ds.facts[d as usize]);
    let within = ds.facts_about(i).map(|(_, g)| g).filter(|g| !g.entities.contains(&(i as u32)));
    fact_list(&mut o, ds, own.chain(within).take(RELATED), lang);
    o.push_str("</article>");
    o
}

/// The small card shown for an id that is not in the data set: a `div` with the role `note` (which an `article`
/// may not take).
pub fn not_found_html(id: &str, lang: Lang) -> String {
    let mut o = String::from("<div class=\"card missing\" part=\"card\" role=\"note\"><p>");
    words(&mut o, lang, lang.words.not_found);
    tag(&mut o, "<code>", id, "</code></p></div>");
    o
}
