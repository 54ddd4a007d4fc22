//! `factcard diff OLD NEW`: what changed between two versions of a data set, as a newsroom checks before it
//! publishes. Facts are matched by id; figures by their place in the fact. A fact whose figures changed is
//! explained when the new version carries a correction the old did not, or a later `updated` date; otherwise
//! the change is silent, which [`Diff::silent`] counts (and the command exits 1).

use factcard_core::json::{array, Obj};
use factcard_core::model::{DataSet, Fact, Figure};

/// One changed fact.
pub struct Changed<'a> {
    pub id: &'a str,
    /// Its fields that changed other than figures (`title`, `statement`…).
    pub fields: Vec<&'static str>,
    /// Figures before and after, as readers see them (in the default language); `None` where one was added or
    /// removed.
    pub figures: Vec<(Option<&'a str>, Option<&'a str>)>,
    /// The new corrections and update that explain it, as lines.
    pub explained: Vec<String>,
}

impl Changed<'_> {
    /// Figures changed with nothing to explain them.
    pub fn silent(&self) -> bool {
        !self.figures.is_empty() && self.explained.is_empty()
    }
}

/// Two versions compared.
pub struct Diff<'a> {
    pub added: Vec<&'a str>,
    pub removed: Vec<&'a str>,
    pub changed: Vec<Changed<'a>>,
}

/// Whether a figure says the same: its value, how exact, its period, whether a change, its conversion (a new
/// label alone is not a new figure: it shows among the fields).
fn same_figure(a: &Figure, b: &Figure) -> bool {
    a.value == b.value
        && a.qualifier == b.qualifier
        && a.period == b.period
        && a.change == b.change
        && a.converted == b.converted
}

fn compare<'a>(old: &DataSet, o: &'a Fact, new: &DataSet, n: &'a Fact) -> Option<Changed<'a>> {
    let ids = |ds: &DataSet, f: &Fact| -> (Vec<String>, Vec<String>, String) {
        let e = f.entities.iter().map(|&i| ds.entities[i as usize].id.clone()).collect();
        let t = f.topics.iter().map(|&i| ds.topics[i as usize].id.clone()).collect();
        (e, t, ds.source_of(f).id.clone())
    };
    let (oe, ot, os) = ids(old, o);
    let (ne, nt, ns) = ids(new, n);
    let mut fields = Vec::new();
    for (name, differs) in [
        ("title", o.title != n.title),
        ("statement", o.statement != n.statement),
        ("date", o.date != n.date),
        ("note", o.note != n.note),
        ("source", os != ns),
        ("entities", oe != ne),
        ("topics", ot != nt),
        ("figure labels", o.figures.iter().zip(&n.figures).any(|(a, b)| a.label != b.label)),
    ] {
        if differs {
            fields.push(name);
        }
    }
    let mut figures = Vec::new();
    for i in 0..o.figures.len().max(n.figures.len()) {
        let (a, b) = (o.figures.get(i), n.figures.get(i));
        let same = matches!((a, b), (Some(a), Some(b)) if same_figure(a, b));
        if !same {
            figures.push((a.map(|g| g.text.in_default()), b.map(|g| g.text.in_default())));
        }
    }
    let mut explained: Vec<String> = n
        .corrections
        .iter()
        .filter(|c| !o.corrections.iter().any(|x| x.date == c.date && x.wrong == c.wrong))
        .map(|c| format!("corrected on {}: {}", c.date, factcard_core::format::correction_text(c, new.lang(""))))
        .collect();
    if n.updated.is_some() && n.updated > o.updated {
        explained.push(format!("updated on {}", n.updated.as_deref().unwrap_or("")));
    }
    if fields.is_empty() && figures.is_empty() && explained.is_empty() {
        return None;
    }
    Some(Changed { id: &n.id, fields, figures, explained })
}

/// Compares two versions of a set.
pub fn diff<'a>(old: &'a DataSet, new: &'a DataSet) -> Diff<'a> {
    let added = new.facts.iter().filter(|f| old.fact(&f.id).is_none()).map(|f| f.id.as_str()).collect();
    let removed = old.facts.iter().filter(|f| new.fact(&f.id).is_none()).map(|f| f.id.as_str()).collect();
    let changed = new.facts.iter().filter_map(|n| compare(old, old.fact(&n.id)?, new, n)).collect();
    Diff { added, removed, changed }
}

impl Diff<'_> {
    /// How many facts had a figure changed without a correction or an update.
    pub fn silent(&self) -> usize {
        self.changed.iter().filter(|c| c.silent()).count()
    }

    /// The comparison for people.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for id in &self.added {
            s.push_str(&format!("added    {id}\n"));
        }
        for id in &self.removed {
            s.push_str(&format!("removed  {id}\n"));
        }
        for c in &self.changed {
            s.push_str(&format!("changed  {}", c.id));
            if !c.fields.is_empty() {
                s.push_str(&format!(" ({})", c.fields.join(", ")));
            }
            s.push('\n');
            for (a, b) in &c.figures {
                s.push_str(&format!("  figure: {} -> {}\n", a.unwrap_or("(none)"), b.unwrap_or("(none)")));
            }
            for e in &c.explained {
                s.push_str(&format!("  {e}\n"));
            }
            if c.silent() {
                s.push_str("  SILENT: a published figure changed without a correction or an update\n");
            }
        }
        let n = self.silent();
        s.push_str(&format!(
            "{} added, {} removed, {} changed; {n} silent change{}",
            self.added.len(),
            self.removed.len(),
            self.changed.len(),
            if n == 1 { "" } else { "s" }
        ));
        if n > 0 {
            s.push_str(" (add a [[fact.corrections]] entry or an `updated` date to each)");
        }
        s
    }

    /// The comparison as JSON.
    pub fn json(&self) -> String {
        let mut out = String::new();
        let mut o = Obj::open(&mut out);
        o.strs("added", self.added.iter().copied());
        o.strs("removed", self.removed.iter().copied());
        array(o.key("changed"), self.changed.iter(), |out, c| {
            let mut co = Obj::open(out);
            co.str("id", c.id);
            co.strs("fields", c.fields.iter().copied());
            array(co.key("figures"), c.figures.iter(), |out, (a, b)| {
                let mut fo = Obj::open(out);
                fo.opt("before", *a);
                fo.opt("after", *b);
                fo.close();
            });
            co.strs("explained", c.explained.iter().map(String::as_str));
            co.bool("silent", c.silent());
            co.close();
        });
        o.bool("ok", self.silent() == 0);
        o.close();
        out
    }
}
