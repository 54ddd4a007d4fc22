//! The curated data set as shipped: complete, consistent, bilingual, with corrections recorded.

use factcard_core::model::Text;

use super::seeds;

#[test]
fn every_source_has_facts_and_there_are_seventy_or_more() {
    let ds = seeds();
    assert!(ds.facts.len() >= 70, "{} facts", ds.facts.len());
    for (i, s) in ds.sources.iter().enumerate() {
        let n = ds.facts.iter().filter(|f| f.source as usize == i).count();
        println!("{n:3} facts from {} ({})", s.id, s.publisher);
        assert!(n >= 8, "only {n} facts from {}", s.id);
    }
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

#[test]
fn every_fact_is_written_in_both_languages() {
    let ds = seeds();
    assert_eq!(ds.langs, ["en", "zh"]);
    // Every text in both: none falls back to the default language.
    let both = |t: &Text, what: &str, id: &str| {
        let (en, zh) = (t.at(0), t.at(1));
        assert!(has_han(zh), "{id}: {what}.zh without Chinese: {zh:?}");
        assert!(!has_han(en) || what == "note", "{id}: {what}.en with Chinese characters: {en}");
    };
    for f in &ds.facts {
        both(&f.title, "title", &f.id);
        both(&f.statement, "statement", &f.id);
        for g in &f.figures {
            both(&g.label, "label", &f.id);
        }
        if let Some(n) = &f.note {
            both(n, "note", &f.id);
        }
    }
}

#[test]
fn machine_translation_variants_resolve_to_the_right_entities() {
    let ds = seeds();
    let name = |key: &str| ds.entity_index(key).map(|i| ds.entities[i].name.in_default().to_string());
    assert_eq!(name("Yangjiang New Area").as_deref(), Some("Liangjiang New Area"));
    assert_eq!(name("yangjiang new district").as_deref(), Some("Liangjiang New Area"));
    assert!(name("Kowloonpo").unwrap().starts_with("Jiulongpo"));
    assert!(name("SAICIveco Hongyan").unwrap().contains("Hongyan"));
    assert!(name("Hongyang").unwrap().contains("Hongyan"));
    // Places nest: Liangjiang and Jiulongpo lie in Chongqing.
    let cq = ds.entity_index("chongqing").unwrap();
    for inner in ["liangjiang", "Kowloonpo"] {
        assert!(ds.entity_within(ds.entity_index(inner).unwrap(), cq), "{inner}");
    }
    assert!(ds.facts_about(cq).count() > ds.facts_about(ds.entity_index("liangjiang").unwrap()).count());
}

#[test]
fn known_garbles_are_recorded_as_notes() {
    let ds = seeds();
    let note = |id: &str| {
        let f = ds.fact(id).unwrap_or_else(|| panic!("no fact {id}"));
        f.note.as_ref().map(|n| n.in_default().to_string()).unwrap_or_default()
    };
    // "$ 1 trillion" was meant in yuan.
    assert!(note("trillion-yuan-gdp-cities-2020").contains("yuan"));
    // "first three months of 2022 ... same period in 2017": the figure is for the first three quarters.
    let gdp = ds.fact("chengdu-chongqing-gdp-2022-q1-q3").unwrap();
    assert_eq!(gdp.date, "2022-01/2022-09");
    assert!(note("chengdu-chongqing-gdp-2022-q1-q3").contains("2017"));
    // 6.7% growth "higher than the national average of 8.8%".
    assert!(note("chengdu-chongqing-vehicle-output-2022-h1").contains("8.8"));
    let noted = ds.facts.iter().filter(|f| f.note.is_some()).count();
    println!("{noted} facts carry an editor's note");
    assert!(noted >= 20);
}
