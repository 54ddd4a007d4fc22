//! schema.org structured data for a fact: a `Claim` with its `appearance` in the source report, as JSON-LD for
//! a page's `<script type="application/ld+json">`.
//!
//! Written with [`crate::json`], whose strings escape `<`, `>` and `&` as `\u003c` and so on,
//! so that `</script>` in a fact can never close the script element it is embedded in.
//!
//! ```
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! let f = ds.fact("liangjiang-expo-signed-investment").unwrap();
//! let json = factcard_core::jsonld::claim(&ds, f, ds.lang("en"));
//! assert!(json.starts_with("{\"@context\":\"https://schema.org\",\"@type\":\"Claim\""));
//! ```

use crate::format::{statement, title, Lang};
use crate::json::{self, Obj};
use crate::model::{DataSet, EntityKind, Fact, Source};

fn schema_type(kind: EntityKind) -> &'static str {
    use EntityKind::*;
    match kind {
        Country | Province | Municipality | City | District | Area => "Place",
        Company | Institution => "Organization",
        Person => "Person",
        Event => "Event",
        Product => "Product",
        Plan | Industry => "Thing",
    }
}

/// The fact as a schema.org `Claim`.
pub fn claim(ds: &DataSet, f: &Fact, lang: Lang) -> String {
    let mut out = String::with_capacity(1024);
    let mut o = Obj::open(&mut out);
    o.str("@context", "https://schema.org");
    o.str("@type", "Claim");
    o.str("identifier", &f.id);
    o.str("name", title(f, lang));
    o.str("text", statement(f, lang));
    o.str("inLanguage", lang.tag);
    o.str("temporalCoverage", &f.date);
    if let Some(m) = f.modified() {
        o.str("dateModified", m);
    }
    if !f.corrections.is_empty() {
        corrections_into(o.key("correction"), f, lang);
    }
    about_into(o.key("about"), ds, f, lang);
    appearance_into(o.key("appearance"), ds.source_of(f), lang);
    o.close();
    out
}

/// The fact's corrections: `[{"@type":"CorrectionComment",…},…]`.
fn corrections_into(out: &mut String, f: &Fact, lang: Lang) {
    json::array(out, f.corrections.iter(), |out, c| {
        let mut a = Obj::open(out);
        a.str("@type", "CorrectionComment");
        a.str("datePublished", &c.date);
        a.str("text", &crate::format::correction_text(c, lang));
        a.close();
    });
}

/// What the fact is about: its entities, each with its schema.org type and name.
fn about_into(out: &mut String, ds: &DataSet, f: &Fact, lang: Lang) {
    json::array(out, f.entities.iter(), |out, &e| {
        let e = &ds.entities[e as usize];
        let mut a = Obj::open(out);
        a.str("@type", schema_type(e.kind));
        a.str("name", e.name.pick(lang.index));
        a.close();
    });
}

/// Where the fact appeared: its source as a `NewsArticle`, with its author and publisher.
fn appearance_into(out: &mut String, s: &Source, lang: Lang) {
    let mut a = Obj::open(out);
    a.str("@type", "NewsArticle");
    a.str("headline", s.title.pick(lang.index));
    a.str("datePublished", &s.date);
    a.str("inLanguage", &s.language);
    if let Some(u) = &s.url {
        a.str("url", u);
    }
    if let Some(au) = &s.author {
        let mut p = Obj::open(a.key("author"));
        p.str("@type", "Person");
        p.str("name", au);
        p.close();
    }
    let mut p = Obj::open(a.key("publisher"));
    p.str("@type", "Organization");
    p.str("name", &s.publisher);
    p.close();
    a.close();
}
