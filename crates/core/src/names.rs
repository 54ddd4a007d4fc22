//! Names of the set's entities as they stand in running text: which names and aliases are worth linking (for
//! `autolink` in the browser, from `mentions.json`, and for `factcard inline`).
//!
//! ```
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! let all = factcard_core::names::mentions(&ds);
//! assert!(all.iter().any(|&(n, id)| n == "Liangjiang New Area" && id == "liangjiang"));
//! assert!(all.windows(2).all(|w| w[0].0.len() >= w[1].0.len()), "longest first");
//! ```

use crate::model::DataSet;

/// Entity names and aliases worth linking in running text, longest first: `(text, id)` (for `autolink`, in the
/// browser from `mentions.json`, and in `factcard inline`).
pub fn mentions(ds: &DataSet) -> Vec<(&str, &str)> {
    let mut all: Vec<(&str, &str)> = Vec::new();
    for (i, e) in ds.entities.iter().enumerate() {
        if ds.facts_about(i).next().is_none() {
            continue;
        }
        for n in e.name.given().map(|(_, n)| n).chain(e.aliases.iter().map(String::as_str)) {
            let chars = n.chars().count();
            if chars >= 3 || (chars >= 2 && !n.is_ascii()) {
                all.push((n, &e.id));
            }
        }
    }
    crate::sort::sort_by(&mut all, |a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    all.dedup_by(|a, b| a.0 == b.0);
    all
}
