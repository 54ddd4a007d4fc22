//! Small bar charts for facts with several comparable figures (shares of world output, two growth rates), as
//! inline SVG with a text alternative. Generated as a string, like the rest of the card; every text is escaped.
//!
//! ```
//! let ds = factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap();
//! let f = ds.fact("atg-alumina-content").unwrap();
//! let svg = factcard_core::chart::bars(f, ds.lang("en")).unwrap();
//! assert!(svg.starts_with("<svg") && svg.contains("role=\"img\""));
//! ```

use crate::format::{escape_into, Lang};
use crate::model::{Fact, Figure};
use crate::number::uint;

const WIDTH: u32 = 320;
const BAR_MAX: u32 = 220;
const ROW: u32 = 34;

/// The figures of `f` that a chart compares: the first two or more that can share one axis. They are comparable
/// when they have the same unit (a percentage, percentage points or one currency; not a multiple nor a plain
/// count) and are the same kind of value: levels with levels, changes with changes (a rate of 7.1% and its fall
/// of 1.3 points are not bars of one chart). The bars start at zero, so a group with a negative value is not drawn.
pub fn comparable(f: &Fact) -> Vec<&Figure> {
    let chartable = |g: &&Figure| {
        let u = &g.value.unit;
        u.code() == "percent" || u.is_percentage_point() || u.is_currency()
    };
    let same = |a: &Figure, b: &Figure| a.value.unit == b.value.unit && a.is_change() == b.is_change();
    for first in f.figures.iter().filter(chartable) {
        let group: Vec<&Figure> = f.figures.iter().filter(|g| same(first, g)).collect();
        if group.len() >= 2 {
            return if group.iter().any(|g| g.value.amount.neg) { Vec::new() } else { group };
        }
    }
    Vec::new()
}

/// An SVG bar chart of the comparable figures of `f`, or `None` when it has fewer than two.
pub fn bars(f: &Fact, lang: Lang) -> Option<String> {
    let figs = comparable(f);
    if figs.is_empty() {
        return None;
    }
    let max = figs.iter().map(|g| g.value.value()).fold(0f64, f64::max);
    if max <= 0.0 {
        return None;
    }
    let height = ROW * figs.len() as u32;
    let mut o = String::with_capacity(256 + 160 * figs.len());
    o.push_str("<svg class=\"chart\" part=\"chart\" role=\"img\" viewBox=\"0 0 ");
    o.push_str(&uint(WIDTH.into()));
    o.push(' ');
    o.push_str(&uint(height.into()));
    o.push_str("\" aria-label=\"");
    let (title, between, label_sep) = lang.words.chart;
    let mut alt = String::from(title);
    for (i, g) in figs.iter().enumerate() {
        if i > 0 {
            alt.push_str(between);
        }
        alt.push_str(g.label.pick(lang.index));
        alt.push_str(label_sep);
        alt.push_str(g.text.pick(lang.index));
    }
    escape_into(&mut o, &alt);
    o.push_str("\">");
    for (i, g) in figs.iter().enumerate() {
        let y = ROW * i as u32;
        // At least a sliver, so that a small value still shows a bar.
        let w = ((g.value.value() / max) * f64::from(BAR_MAX)).round().max(2.0) as u32;
        o.push_str("<text class=\"label\" x=\"0\" y=\"");
        o.push_str(&uint((y + 11).into()));
        o.push_str("\">");
        escape_into(&mut o, g.label.pick(lang.index));
        o.push_str("</text><rect class=\"bar\" x=\"0\" y=\"");
        o.push_str(&uint((y + 16).into()));
        o.push_str("\" height=\"12\" rx=\"2\" width=\"");
        o.push_str(&uint(w.into()));
        o.push_str("\"/><text class=\"value\" x=\"");
        o.push_str(&uint((w + 6).into()));
        o.push_str("\" y=\"");
        o.push_str(&uint((y + 27).into()));
        o.push_str("\">");
        escape_into(&mut o, g.amount_text.pick(lang.index));
        o.push_str("</text>");
    }
    o.push_str("</svg>");
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, DataSet, Decimal, Qualifier, Scale, Text, Unit};

    fn fig(label: &str, amount: &str, unit: &str) -> Figure {
        let shown = [amount, if unit == "percent" { "%" } else { "" }].concat();
        Figure {
            label: Text::one(label),
            value: Amount { amount: Decimal::parse(amount).unwrap(), scale: Scale::One, unit: Unit(unit.into()) },
            qualifier: Qualifier::Exact,
            period: None,
            change: false,
            converted: None,
            text: Text::one(shown.clone()),
            amount_text: Text::one(shown),
            period_text: None,
        }
    }

    fn fact(figures: Vec<Figure>) -> Fact {
        Fact {
            id: "f".into(),
            title: Text::one("t"),
            statement: Text::one("s"),
            source: 0,
            entities: vec![],
            topics: vec![],
            date: "2021".into(),
            date_text: Text::one("2021"),
            note: None,
            figures,
            ..Fact::default()
        }
    }

    fn en() -> DataSet {
        DataSet { langs: vec!["en".into()], ..DataSet::default() }
    }

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let f =
            fact(vec![fig("iPads <b>", "66", "percent"), fig("Laptops", "33", "percent"), fig("Units", "5", "count")]);
        let ds = en();
        let svg = bars(&f, ds.lang("en")).unwrap();
        assert!(svg.contains("width=\"220\""), "{svg}");
        assert!(svg.contains("width=\"110\""), "{svg}");
        assert!(svg.contains("iPads &lt;b&gt;") && !svg.contains("<b>"));
        assert!(svg.contains("aria-label=\"Bar chart: iPads &lt;b&gt; 66%; Laptops 33%\""), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2);
    }

    #[test]
    fn a_level_and_a_change_are_not_bars_of_one_chart() {
        let ds = en();
        let en = ds.lang("en");
        let mut change = fig("Change", "1.3", "percent");
        change.change = true;
        let rate = || fig("Rate", "7.1", "percent");
        assert!(bars(&fact(vec![rate(), change.clone()]), en).is_none());
        // Two levels after a change: the levels are charted; two changes alike.
        let f = fact(vec![change.clone(), rate(), fig("Other rate", "5", "percent")]);
        let svg = bars(&f, en).unwrap();
        assert!(svg.contains("Rate 7.1%; Other rate 5%") && !svg.contains("Change"), "{svg}");
        let mut other = change.clone();
        other.label = Text::one("Other change");
        assert_eq!(comparable(&fact(vec![rate(), change.clone(), other.clone()])).len(), 2);
        // A fall has no bar of its own on an axis that starts at zero.
        other.value.amount.neg = true;
        assert!(bars(&fact(vec![change.clone(), other]), en).is_none());
        // Percentage points are a change, and not percent.
        let pp = fig("Points", "1.3", "percentage-point");
        assert!(pp.is_change());
        assert!(bars(&fact(vec![change, pp]), en).is_none());
    }

    #[test]
    fn no_chart_for_one_figure_or_incomparable_ones() {
        let ds = en();
        let en = ds.lang("en");
        assert!(bars(&fact(vec![fig("a", "1", "percent")]), en).is_none());
        assert!(bars(&fact(vec![fig("a", "1", "count"), fig("b", "2", "count")]), en).is_none());
        assert!(bars(&fact(vec![fig("a", "1", "percent"), fig("b", "2", "CNY")]), en).is_none());
    }
}
