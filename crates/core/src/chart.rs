//! Small bar charts for facts with several comparable figures (shares of world output, two growth rates), as
//! inline SVG with a text alternative. Generated as a string, like the rest of the card; every text is escaped.
//!
//! ```
//! let ds = factcard_compile::compile_dir(factcard_compile::SEEDS.as_ref()).unwrap();
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

/// The figures of `f` that a chart compares: two or more sharing the unit of the first percentage or currency
/// amount, none of them a multiple or a plain count.
pub fn comparable(f: &Fact) -> Vec<&Figure> {
    let Some(first) = f.figures.iter().find(|g| g.value.unit.code() == "percent" || g.value.unit.is_currency()) else {
        return Vec::new();
    };
    let same: Vec<&Figure> = f.figures.iter().filter(|g| g.value.unit == first.value.unit).collect();
    if same.len() >= 2 {
        same
    } else {
        Vec::new()
    }
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
    fn no_chart_for_one_figure_or_incomparable_ones() {
        let ds = en();
        let en = ds.lang("en");
        assert!(bars(&fact(vec![fig("a", "1", "percent")]), en).is_none());
        assert!(bars(&fact(vec![fig("a", "1", "count"), fig("b", "2", "count")]), en).is_none());
        assert!(bars(&fact(vec![fig("a", "1", "percent"), fig("b", "2", "CNY")]), en).is_none());
    }
}
