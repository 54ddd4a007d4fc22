//! The fact desk: a static page in every published folder (its `index.html`) where an editor finds a fact, sees
//! it as readers will, and copies the code that embeds it. It needs no server and no build step of its own: the
//! page, its script and styles are written by `factcard site` beside the cards, and load `factcard.js` from the
//! address given to [`crate::site::write_with`] (by default `../factcard.js`, where `make build` puts it for the
//! default set in `pkg/data/`).
//!
//! So that a desk over 100,000 facts stays light, it never downloads the set whole: what it shows before a search
//! is precomputed here, and a search goes through the sharded index (`search/`) like any search box.
//!
//! | path | what |
//! | --- | --- |
//! | `index.html`, `desk.HASH.js`, `desk.HASH.css` | the desk (`desk.HASH.js`, built from `js/desk/`, loads `factcard.js` from the address in the page) |
//! | `embed.html`, `embed.HASH.js` | the iframe embed of one card of this folder, which posts its height to the parent (`embed.HASH.js` built from `js/embed.js`) |
//!
//! The script and styles are named by their content (`HASH`, 8 hex digits: [`crate::caching`]), so hosts may cache
//! them for good; the pages that name them are entry files, revalidated within minutes.
//! | `desk/facets.json` | what the desk shows before a search: entities (with their parents), topics, sources and years, each with its number of facts, and the newest facts; of a set with more than [`TOP`] entities or sources, the [`TOP`] with the most facts |
//! | `desk/entities.json`, `desk/sources.json` | every entity and source with its number of facts, as in `facets.json` |
//! | `desk/f/ID.json` | one fact for the desk: `{"version":"VVVVVVVV","fact":…,"jsonld":{"en":"…",…}}` (its version, which names its cards `LANG/ID.VVVVVVVV.html`; the JS API's object; the JSON-LD per language) |

use factcard_core::format::{escape_into, Lang};
use factcard_core::json;
use factcard_core::model::{DataSet, Fact};
use factcard_core::{jsonld, view};

use crate::caching;

/// The desk's page; `{script}` is replaced by the address of `factcard.js`.
const INDEX_HTML: &str = include_str!("desk/index.html");
/// The desk's script and the embed's, bundled and minified from `js/desk/` and `js/embed.js` by `make desk-assets`
/// (committed, so that the binary builds with cargo alone; a page test fails when they are stale).
const DESK_JS: &str = include_str!("../assets/desk.min.js");
const DESK_CSS: &str = include_str!("desk/desk.css");
const EMBED_HTML: &str = include_str!("desk/embed.html");
const EMBED_JS: &str = include_str!("../assets/embed.min.js");

/// How many of the newest facts `facets.json` lists, for the desk's first view.
pub const NEWEST: usize = 20;

/// How many entities and sources `facets.json` lists at most (those with the most facts, and the places they lie
/// in): the complete lists are in `desk/entities.json` and `desk/sources.json`, loaded when an editor asks for all.
pub const TOP: usize = 150;

/// Writes the desk's files but its file per fact ([`fact_json`], `desk/f/ID.json`) through `put(path, bytes)`;
/// `script` is the address of `factcard.js` (absolute, or relative to the folder).
pub fn write(
    ds: &DataSet,
    script: &str,
    put: &mut dyn FnMut(&str, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_pages(script, put)?;
    put("desk/facets.json", facets_json(ds).as_bytes())?;
    let (entities, sources) = (counted_entities(ds), counted_sources(ds));
    let mut out = String::new();
    entities_into(&mut out, ds, &entities);
    put("desk/entities.json", out.as_bytes())?;
    out.clear();
    sources_into(&mut out, ds, &sources);
    put("desk/sources.json", out.as_bytes())
}

/// Where the desk's file of fact `id` is.
pub fn fact_path(id: &str) -> String {
    format!("desk/f/{id}.json")
}

/// The desk's file of fact `f` ([`fact_path`]), whose cards have version `version`: the card's version, the fact
/// as the JS API gives it, and its JSON-LD in each of `langs`. It is made from the fact, the set's tables and the
/// version alone.
pub fn fact_json(ds: &DataSet, f: &Fact, version: &str, langs: &[Lang]) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("{\"version\":");
    json::string_into(&mut out, version);
    out.push_str(",\"fact\":");
    view::fact_into(&mut out, ds, f);
    out.push_str(",\"jsonld\":{");
    for (i, &lang) in langs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::string_into(&mut out, lang.tag);
        out.push(':');
        json::string_into(&mut out, &jsonld::claim(ds, f, lang));
    }
    out.push_str("}}");
    out
}

/// Writes the desk's and the embed's pages, and their script and styles under names that carry their content hash
/// ([`caching::hashed_name`]: cached for good), which the pages name.
fn write_pages(script: &str, put: &mut dyn FnMut(&str, &[u8]) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut attr = String::new();
    escape_into(&mut attr, script);
    let (mut index, mut embed) = (INDEX_HTML.replace("{script}", &attr), EMBED_HTML.replace("{script}", &attr));
    for (name, bytes) in ASSETS {
        let hashed = caching::hashed_name(name, bytes.as_bytes());
        put(&hashed, bytes.as_bytes())?;
        for page in [&mut index, &mut embed] {
            *page = page.replace(&format!("=\"{name}\""), &format!("=\"{hashed}\""));
        }
    }
    put("index.html", index.as_bytes())?;
    put("embed.html", embed.as_bytes())
}

/// The desk's script and styles and the embed's script, by the names the pages give them before they are hashed.
const ASSETS: [(&str, &str); 3] = [("desk.js", DESK_JS), ("desk.css", DESK_CSS), ("embed.js", EMBED_JS)];

/// Whether `name`, at the top of a published folder, is one of the desk's files: its pages, or its script or styles
/// under their hashed name (or their plain one, as earlier versions wrote them).
pub fn is_own_file(name: &str) -> bool {
    let plain = |n: &str| {
        let (stem, ext) = n.rsplit_once('.').unwrap_or((n, ""));
        let stem = stem.rsplit_once('.').map_or(stem, |s| s.0);
        format!("{stem}.{ext}")
    };
    FILES.contains(&name) || (caching::is_hashed(name) && ASSETS.iter().any(|a| a.0 == plain(name)))
}

/// The folders [`write`] puts files in, below the published folder.
pub const FOLDERS: [&str; 2] = ["desk", "desk/f"];

/// The desk's files at the top of a folder by their plain names (the rest are in [`FOLDERS`]); its script and
/// styles are written under hashed names ([`is_own_file`]).
pub const FILES: [&str; 5] = ["index.html", "desk.js", "desk.css", "embed.html", "embed.js"];

/// Every year of the set, newest first, with its facts in id order: a fact counts for every year its date or
/// period covers ([`factcard_core::model::Fact::years`]), as the search index's year filter has it.
fn years(ds: &DataSet) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, f) in ds.facts.iter().enumerate() {
        for y in f.years().map(|y| y.to_string()) {
            match out.iter_mut().find(|(z, _)| *z == y) {
                Some((_, ids)) => ids.push(i),
                None => out.push((y, vec![i])),
            }
        }
    }
    factcard_core::sort::sort_by(&mut out, |a, b| b.0.cmp(&a.0));
    out
}

/// What the desk shows before any search, as JSON:
///
/// ```text
/// {"version":1,"facts":N,"languages":["en",…],"allEntities":E,"allSources":S,
///  "entities":[[id,name,kind,parent or "",count],…],   (facts about it or anything inside it)
///  "topics":[[id,name,count],…], "sources":[[id,publisher,title,count],…], "years":[["2023",count],…],
///  "changed":[[id,title,"corrected"|"updated",date],…],   (the latest changes first, at most CHANGED)
///  "newest":[[id,title,date,dateText,entity names,publisher,statement],…]}   (what a result shows)
/// ```
///
/// Names and titles are in the set's default language; what has no fact is left out.
pub fn facets_json(ds: &DataSet) -> String {
    let (entities, sources) = (counted_entities(ds), counted_sources(ds));
    let all = (entities.len(), sources.len());
    let (entities, sources) = (top_entities(ds, entities), top_sources(sources));
    let mut out = String::with_capacity(256 + 64 * (entities.len() + ds.topics.len() + sources.len()));
    out.push_str("{\"version\":1,\"facts\":");
    out.push_str(&ds.facts.len().to_string());
    out.push_str(",\"languages\":");
    json::array(&mut out, ds.langs.iter(), |out, l| json::string_into(out, l));
    out.push_str(",\"allEntities\":");
    out.push_str(&all.0.to_string());
    out.push_str(",\"allSources\":");
    out.push_str(&all.1.to_string());
    out.push_str(",\"entities\":");
    entities_into(&mut out, ds, &entities);
    out.push_str(",\"topics\":");
    topics_into(&mut out, ds);
    out.push_str(",\"sources\":");
    sources_into(&mut out, ds, &sources);
    out.push_str(",\"years\":");
    json::array(&mut out, years(ds).into_iter(), |out, (y, ids)| {
        out.push('[');
        json::string_into(out, &y);
        out.push(',');
        out.push_str(&ids.len().to_string());
        out.push(']');
    });
    out.push_str(",\"changed\":");
    changed_into(&mut out, ds);
    out.push_str(",\"newest\":");
    newest_into(&mut out, ds);
    out.push('}');
    out
}

/// Of a set with more than [`TOP`] entities, the [`TOP`] with the most facts and the places they lie in (so that
/// the tree has its branches), in the order given; else all of them.
fn top_entities(ds: &DataSet, mut entities: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    if entities.len() > TOP {
        let mut top = entities.clone();
        factcard_core::sort::sort_by(&mut top, |a, b| b.1.cmp(&a.1));
        let mut keep = vec![false; ds.entities.len()];
        for &(e, _) in top.iter().take(TOP) {
            keep[e] = true;
            for a in ds.ancestors(e) {
                keep[a] = true;
            }
        }
        entities.retain(|&(e, _)| keep[e]);
    }
    entities
}

/// Of more than [`TOP`] sources, the [`TOP`] with the most facts; else all of them.
fn top_sources(mut sources: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    if sources.len() > TOP {
        factcard_core::sort::sort_by(&mut sources, |a, b| b.1.cmp(&a.1));
        sources.truncate(TOP);
    }
    sources
}

/// The topics that have facts, with how many: `[[id,name,count],…]`.
fn topics_into(out: &mut String, ds: &DataSet) {
    let mut counts = vec![0usize; ds.topics.len()];
    for f in &ds.facts {
        for &t in &f.topics {
            counts[t as usize] += 1;
        }
    }
    let topics = ds.topics.iter().zip(counts).filter(|x| x.1 > 0);
    json::array(out, topics, |out, (t, n)| {
        out.push('[');
        json::string_into(out, &t.id);
        out.push(',');
        json::string_into(out, t.name.in_default());
        out.push(',');
        out.push_str(&n.to_string());
        out.push(']');
    });
}

/// The [`NEWEST`] facts, newest first (among facts of the same date, in id order: the set's facts are sorted by id,
/// and the sort, which is not stable, is told so), as a result shows them:
/// `[[id,title,date,dateText,entity names,publisher,statement],…]`.
fn newest_into(out: &mut String, ds: &DataSet) {
    let mut order: Vec<usize> = (0..ds.facts.len()).collect();
    factcard_core::sort::sort_by(&mut order, |&a, &b| ds.facts[b].date.cmp(&ds.facts[a].date).then(a.cmp(&b)));
    json::array(out, order.into_iter().take(NEWEST), |out, i| {
        let f = &ds.facts[i];
        let names: Vec<&str> = f.entities.iter().map(|&e| ds.entities[e as usize].name.in_default()).collect();
        let fields = [
            f.id.as_str(),
            f.title.in_default(),
            &f.date,
            f.date_text.in_default(),
            &names.join(", "),
            &ds.source_of(f).publisher,
            f.statement.in_default(),
        ];
        json::array(out, fields.into_iter(), json::string_into);
    });
}

/// How many corrected or updated facts `facets.json` lists.
pub const CHANGED: usize = 50;

/// The corrected or updated facts, the latest change first: what an editor checks before publishing.
fn changed_into(out: &mut String, ds: &DataSet) {
    let mut changed: Vec<(&str, usize)> =
        ds.facts.iter().enumerate().filter_map(|(i, f)| Some((f.modified()?, i))).collect();
    factcard_core::sort::sort_by(&mut changed, |a, b| b.0.cmp(a.0).then(a.1.cmp(&b.1)));
    json::array(out, changed.into_iter().take(CHANGED), |out, (date, i)| {
        let f = &ds.facts[i];
        // Corrected when the latest change is a correction.
        let kind = if f.corrections.iter().any(|c| c.date == date) { "corrected" } else { "updated" };
        json::array(out, [f.id.as_str(), f.title.in_default(), kind, date].into_iter(), json::string_into);
    });
}

/// Every entity with facts (about it or anything inside it), with their number, in the set's order.
fn counted_entities(ds: &DataSet) -> Vec<(usize, usize)> {
    (0..ds.entities.len()).map(|i| (i, ds.facts_about(i).count())).filter(|x| x.1 > 0).collect()
}

/// Every source with facts, with their number, in the set's order.
fn counted_sources(ds: &DataSet) -> Vec<(usize, usize)> {
    let mut n = vec![0usize; ds.sources.len()];
    for f in &ds.facts {
        n[f.source as usize] += 1;
    }
    n.into_iter().enumerate().filter(|x| x.1 > 0).collect()
}

/// `[[id,name,kind,parent or "",count],…]`
fn entities_into(out: &mut String, ds: &DataSet, list: &[(usize, usize)]) {
    json::array(out, list.iter(), |out, &(i, n)| {
        let e = &ds.entities[i];
        out.push('[');
        json::string_into(out, &e.id);
        out.push(',');
        json::string_into(out, e.name.in_default());
        out.push(',');
        json::string_into(out, e.kind.code());
        out.push(',');
        json::string_into(out, e.parent.map_or("", |p| ds.entities[p as usize].id.as_str()));
        out.push(',');
        out.push_str(&n.to_string());
        out.push(']');
    });
}

/// `[[id,publisher,title,count],…]`
fn sources_into(out: &mut String, ds: &DataSet, list: &[(usize, usize)]) {
    json::array(out, list.iter(), |out, &(i, n)| {
        let s = &ds.sources[i];
        out.push('[');
        json::string_into(out, &s.id);
        out.push(',');
        json::string_into(out, &s.publisher);
        out.push(',');
        json::string_into(out, s.title.in_default());
        out.push(',');
        out.push_str(&n.to_string());
        out.push(']');
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_count_facts_and_list_the_newest() {
        let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
        let j = facets_json(&ds);
        assert!(j.starts_with(&format!("{{\"version\":1,\"facts\":{},", ds.facts.len())), "{j}");
        // Chongqing counts the facts about Liangjiang, which lies inside it.
        let cq = ds.entity_index("chongqing").unwrap();
        let n = ds.facts_about(cq).count();
        assert!(n > ds.facts.iter().filter(|f| f.entities.contains(&(cq as u32))).count());
        let entry = j.split("[\"chongqing\",").nth(1).unwrap().split(']').next().unwrap();
        assert!(entry.ends_with(&format!(",{n}")), "{entry}");
        let li = ds.entity_index("liangjiang").unwrap();
        assert!(j.contains(&format!("[\"liangjiang\",\"{}\",", ds.entities[li].name.in_default())), "{j}");
        // A fact counts in every year its period covers (2016/2020 in five), and the newest fact comes first.
        let total: usize = years(&ds).iter().map(|(_, ids)| ids.len()).sum();
        assert_eq!(total, ds.facts.iter().map(|f| f.years().count()).sum::<usize>());
        let spans = ds.facts.iter().find(|f| f.date == "2016/2020").unwrap();
        assert_eq!(years(&ds).iter().filter(|(_, ids)| ids.iter().any(|&i| ds.facts[i].id == spans.id)).count(), 5);
        let newest = ds.facts.iter().map(|f| f.date.as_str()).max().unwrap();
        let first = ds.facts.iter().find(|f| f.date == newest).unwrap();
        assert!(j.contains(&format!("\"newest\":[[\"{}\",", first.id)), "{j}");
        // Newest first, and facts of one date in id order: each where the one before it ends.
        let mut want: Vec<&factcard_core::model::Fact> = ds.facts.iter().collect();
        want.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
        let list = j.split("\"newest\":").nth(1).unwrap();
        let mut at = 0;
        for f in want.iter().take(NEWEST) {
            let found = list[at..].find(&format!("[\"{}\",\"", f.id)).unwrap_or_else(|| panic!("{} after {at}", f.id));
            at += found + 1;
        }
    }

    #[test]
    fn writes_the_page_with_the_script_address_escaped() {
        let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
        let mut files = std::collections::BTreeMap::new();
        let versions: Vec<(String, String)> =
            ds.facts.iter().enumerate().map(|(i, f)| (f.id.clone(), crate::versions::fact_version(&ds, i))).collect();
        write(&ds, "https://cdn.example/f/factcard.js?v=\"1\"", &mut |p, b| {
            files.insert(p.to_string(), b.to_vec());
            Ok(())
        })
        .unwrap();
        let langs: Vec<_> = ds.langs.iter().map(|t| ds.lang(t)).collect();
        for (f, (_, v)) in ds.facts.iter().zip(&versions) {
            files.insert(fact_path(&f.id), fact_json(&ds, f, v, &langs).into_bytes());
        }
        let index = String::from_utf8(files["index.html"].clone()).unwrap();
        assert!(index.contains("src=\"https://cdn.example/f/factcard.js?v=&quot;1&quot;\""), "{index}");
        assert!(!index.contains("{script}"));
        // The script and styles under their hashed names, which the pages name; the plain names are gone.
        let embed = String::from_utf8(files["embed.html"].clone()).unwrap();
        for (name, page) in [("desk.js", &index), ("desk.css", &index), ("desk.css", &embed), ("embed.js", &embed)] {
            let hashed = caching::hashed_name(name, ASSETS.iter().find(|a| a.0 == name).unwrap().1.as_bytes());
            assert!(page.contains(&format!("=\"{hashed}\"")) && files.contains_key(&hashed), "{name}: {page}");
            assert!(is_own_file(&hashed) && is_own_file(name));
        }
        assert!(!files.contains_key("desk.js") && !index.contains("\"desk.js\"") && !is_own_file("own.0123abcd.js"));
        let f = &ds.facts[0];
        let one = String::from_utf8(files[&format!("desk/f/{}.json", f.id)].clone()).unwrap();
        let start = format!("{{\"version\":\"{}\",\"fact\":{}", versions[0].1, view::fact(&ds, f));
        assert!(one.starts_with(&start), "{one}");
        assert!(one.contains("\"zh\":\"{"), "{one}");
        assert_eq!(files.keys().filter(|k| k.starts_with("desk/f/")).count(), ds.facts.len());
        // A year's facts come from the search index's year filter, not from files of the desk's own.
        assert!(!files.keys().any(|k| k.starts_with("desk/years/")));
    }

    #[test]
    fn facets_list_the_corrected_and_updated_facts_latest_first() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sheets");
        let ds = factcard_dataset::compile_dir(dir.as_ref()).unwrap();
        let j = facets_json(&ds);
        let changed = j.split("\"changed\":").nth(1).unwrap().split("],\"newest\"").next().unwrap();
        let mut want: Vec<(&str, &str)> =
            ds.facts.iter().filter_map(|f| Some((f.modified()?, f.id.as_str()))).collect();
        assert!(!want.is_empty());
        want.sort_by(|a, b| b.0.cmp(a.0).then(a.1.cmp(b.1)));
        let ids: Vec<&str> = changed.split("[\"").skip(1).map(|x| x.split('"').next().unwrap()).collect();
        assert_eq!(ids, want.iter().map(|w| w.1).collect::<Vec<_>>(), "{changed}");
        for f in ds.facts.iter().filter(|f| !f.corrections.is_empty()) {
            assert!(changed.contains(&format!("[\"{}\",", f.id)), "{changed}");
        }
        assert!(changed.contains("\"corrected\"") || changed.contains("\"updated\""), "{changed}");
        // The default set has neither.
        assert!(facets_json(&factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap())
            .contains("\"changed\":[]"));
    }
}
