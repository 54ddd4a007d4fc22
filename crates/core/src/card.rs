//! Cards as safe HTML: the markup the `<fact-card>` element puts in its shadow root, and that `factcard render`
//! prints for pages without JavaScript. Every text from data passes through [`escape_into`]; addresses other
//! than http(s) never become links.
//!
//! ```
//! use factcard_core::{card, format::Lang};
//! let ds = factcard_compile::compile_dir(factcard_compile::SEEDS.as_ref()).unwrap();
//! let html = card::card_html(&ds, ds.fact("hongyan-truck-exports-2020").unwrap(), Lang::En);
//! assert!(html.starts_with("<article class=\"card\""));
//! assert!(card::not_found_html("<x>", Lang::En).contains("&lt;x&gt;"));
//! ```

use crate::format::{escape_into, figure_text, note, period_text, source_line, statement, title, Lang};
use crate::model::{DataSet, Entity, EntityKind, Fact};

fn tag(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    escape_into(out, text);
    out.push_str(close);
}

/// The card as safe HTML (every text escaped). The custom element puts it in its shadow root; `factcard render`
/// prints the same markup for pages without JavaScript.
pub fn card_html(ds: &DataSet, f: &Fact, lang: Lang) -> String {
    let mut o = String::with_capacity(1024);
    o.push_str("<article class=\"card\" part=\"card\" lang=\"");
    o.push_str(lang.tag());
    o.push_str("\" data-fact=\"");
    escape_into(&mut o, &f.id);
    // The citation travels with the card, so that "copy citation" needs nothing else.
    o.push_str("\" data-citation=\"");
    escape_into(&mut o, &crate::format::citation(ds, f, lang));
    o.push_str("\">");
    tag(&mut o, "<h3 class=\"title\" part=\"title\">", title(f, lang), "</h3>");
    tag(&mut o, "<p class=\"statement\" part=\"statement\">", statement(f, lang), "</p>");
    if !f.figures.is_empty() {
        o.push_str("<dl class=\"figures\" part=\"figures\">");
        for g in &f.figures {
            tag(&mut o, "<div class=\"figure\"><dt>", lang.pick(&g.label, &g.label_zh), "</dt>");
            tag(&mut o, "<dd>", &figure_text(g, lang), "");
            if let Some(p) = &g.period {
                tag(&mut o, " <span class=\"period\">(", &period_text(p, lang), ")</span>");
            }
            o.push_str("</dd></div>");
        }
        o.push_str("</dl>");
    }
    if let Some(svg) = crate::chart::bars(f, lang) {
        o.push_str(&svg);
    }
    tag(&mut o, "<p class=\"date\" part=\"date\">", lang.pick("Refers to: ", "时间："), "");
    tag(&mut o, "<time>", &period_text(&f.date, lang), "</time></p>");
    let s = ds.source_of(f);
    o.push_str("<p class=\"source\" part=\"source\">");
    escape_into(&mut o, lang.pick("Source: ", "来源："));
    match &s.url {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
            o.push_str("<a href=\"");
            escape_into(&mut o, u);
            o.push_str("\" target=\"_blank\" rel=\"noopener noreferrer\">");
            escape_into(&mut o, &source_line(s, lang));
            o.push_str("</a>");
        }
        _ => escape_into(&mut o, &source_line(s, lang)),
    }
    o.push_str("</p>");
    more_into(&mut o, ds, f, lang);
    if let Some(n) = note(f, lang) {
        tag(
            &mut o,
            "<details class=\"note\" part=\"note\"><summary>",
            lang.pick("Editor's note", "编者注"),
            "</summary>",
        );
        tag(&mut o, "<p>", n, "</p></details>");
    }
    o.push_str("</article>");
    o
}

/// How many related facts a card lists.
const RELATED: usize = 4;

/// The entity a card offers "more about": the first one, other than a country, that other facts are about.
fn more_entity(ds: &DataSet, f: &Fact) -> Option<usize> {
    f.entities
        .iter()
        .map(|&e| e as usize)
        .filter(|&e| ds.entities[e].kind != EntityKind::Country)
        .find(|&e| ds.facts_about(e).any(|(_, g)| g.id != f.id))
}

fn entity_name(e: &Entity, lang: Lang) -> &str {
    lang.pick(&e.name, &e.name_zh)
}

/// A list of facts: title in bold, then the statement.
fn fact_list<'a>(o: &mut String, facts: impl Iterator<Item = &'a Fact>, lang: Lang) {
    o.push_str("<ul class=\"related\">");
    for g in facts {
        tag(o, "<li><b>", title(g, lang), "</b> ");
        tag(o, "", statement(g, lang), "</li>");
    }
    o.push_str("</ul>");
}

/// "More about …": other facts about the card's main entity, behind a disclosure.
fn more_into(o: &mut String, ds: &DataSet, f: &Fact, lang: Lang) {
    let Some(e) = more_entity(ds, f) else { return };
    o.push_str("<details class=\"more\" part=\"more\"><summary>");
    escape_into(o, lang.pick("More about ", "更多关于"));
    escape_into(o, entity_name(&ds.entities[e], lang));
    o.push_str("</summary>");
    fact_list(o, ds.facts_about(e).map(|(_, g)| g).filter(|g| g.id != f.id).take(RELATED), lang);
    o.push_str("</details>");
}

fn kind_word(kind: EntityKind, lang: Lang) -> &'static str {
    let (en, zh) = match kind {
        EntityKind::Country => ("country", "国家"),
        EntityKind::Province => ("province", "省"),
        EntityKind::Municipality => ("municipality", "直辖市"),
        EntityKind::City => ("city", "城市"),
        EntityKind::District => ("district", "区"),
        EntityKind::Area => ("area", "区域"),
        EntityKind::Company => ("company", "企业"),
        EntityKind::Institution => ("institution", "机构"),
        EntityKind::Plan => ("plan", "规划"),
        EntityKind::Product => ("product", "产品"),
        EntityKind::Event => ("event", "活动"),
        EntityKind::Person => ("person", "人物"),
        EntityKind::Industry => ("industry", "产业"),
    };
    lang.pick(en, zh)
}

/// An entity as a card: its name, kind and place, description, and the facts about it.
pub fn entity_html(ds: &DataSet, i: usize, lang: Lang) -> String {
    let e = &ds.entities[i];
    let mut o = String::with_capacity(1024);
    o.push_str("<article class=\"card entity\" part=\"card\" lang=\"");
    o.push_str(lang.tag());
    o.push_str("\">");
    tag(&mut o, "<h3 class=\"title\" part=\"title\">", entity_name(e, lang), "</h3>");
    tag(&mut o, "<p class=\"date\">", kind_word(e.kind, lang), "");
    if let Some(p) = e.parent {
        tag(&mut o, lang.pick(" in ", "，位于"), entity_name(&ds.entities[p as usize], lang), "");
    }
    o.push_str("</p>");
    if let Some(d) = lang.pick_opt(e.description.as_deref(), e.description_zh.as_deref()) {
        tag(&mut o, "<p class=\"statement\" part=\"statement\">", d, "</p>");
    }
    // Facts about the entity itself first, then about what lies inside it.
    let direct = |g: &&Fact| g.entities.contains(&(i as u32));
    let about: Vec<&Fact> = ds.facts_about(i).map(|(_, g)| g).collect();
    fact_list(
        &mut o,
        about.iter().copied().filter(direct).chain(about.iter().copied().filter(|g| !direct(g))).take(RELATED),
        lang,
    );
    o.push_str("</article>");
    o
}

/// The small card shown for an id that is not in the data set.
pub fn not_found_html(id: &str, lang: Lang) -> String {
    let mut o = String::from("<article class=\"card missing\" part=\"card\" role=\"note\"><p>");
    escape_into(&mut o, lang.pick("Fact not found: ", "未找到该事实："));
    tag(&mut o, "<code>", id, "</code></p></article>");
    o
}
