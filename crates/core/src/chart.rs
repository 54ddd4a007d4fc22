//! Small bar charts for facts with several comparable figures (shares of world output, two growth rates), as
//! inline SVG with a text alternative. Generated as a string, like the rest of the card; every text is escaped.
//!
//! ```
//! let ds = factcard_compile::compile_dir(factcard_compile::SEEDS.as_ref()).unwrap();
//! let f = ds.fact("atg-alumina-content").unwrap();
//! let svg = factcard_core::chart::bars(f, factcard_core::format::Lang::En).unwrap();
//! assert!(svg.starts_with("<svg") && svg.contains("role=\"img\""));
//! ```

use crate::format::{escape_into, figure_text, Lang};
use crate::model::{Fact, Figure, Unit};
use crate::number::uint;

const WIDTH: u32 = 320;
const BAR_MAX: u32 = 220;
const ROW: u32 = 34;

/// The figures of `f` that a chart compares: two or more sharing the unit of the first percentage or currency
/// amount, none of them a multiple or a plain count.
pub fn comparable(f: &Fact) -> Vec<&Figure> {
    let Some(first) = f.figures.iter().find(|g| matches!(g.value.unit, Unit::Percent | Unit::Cny | Unit::Usd)) else {
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
    let mut alt = String::from(match lang {
        Lang::En => "Bar chart: ",
        Lang::Zh => "柱状图：",
    });
    for (i, g) in figs.iter().enumerate() {
        if i > 0 {
            alt.push_str(match lang {
                Lang::En => "; ",
                Lang::Zh => "；",
            });
        }
        alt.push_str(label(g, lang));
        alt.push_str(match lang {
            Lang::En => " ",
            Lang::Zh => "",
        });
        alt.push_str(&figure_text(g, lang));
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
        escape_into(&mut o, label(g, lang));
        o.push_str("</text><rect class=\"bar\" x=\"0\" y=\"");
        o.push_str(&uint((y + 16).into()));
        o.push_str("\" height=\"12\" rx=\"2\" width=\"");
        o.push_str(&uint(w.into()));
        o.push_str("\"/><text class=\"value\" x=\"");
        o.push_str(&uint((w + 6).into()));
        o.push_str("\" y=\"");
        o.push_str(&uint((y + 27).into()));
        o.push_str("\">");
        escape_into(&mut o, &crate::format::amount_text(&g.value, lang));
        o.push_str("</text>");
    }
    o.push_str("</svg>");
    Some(o)
}

fn label(g: &Figure, lang: Lang) -> &str {
    match lang {
        Lang::En => &g.label,
        Lang::Zh => &g.label_zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, Decimal, Qualifier, Scale};

    fn fig(label: &str, amount: &str, unit: Unit) -> Figure {
        Figure {
            label: label.into(),
            label_zh: label.into(),
            value: Amount { amount: Decimal::parse(amount).unwrap(), scale: Scale::One, unit },
            qualifier: Qualifier::Exact,
            period: None,
            change: false,
            converted: None,
        }
    }

    fn fact(figures: Vec<Figure>) -> Fact {
        Fact {
            id: "f".into(),
            title: "t".into(),
            title_zh: "t".into(),
            statement: "s".into(),
            statement_zh: "s".into(),
            source: 0,
            entities: vec![],
            topics: vec![],
            date: "2021".into(),
            note: None,
            note_zh: None,
            figures,
        }
    }

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let f = fact(vec![
            fig("iPads <b>", "66", Unit::Percent),
            fig("Laptops", "33", Unit::Percent),
            fig("Units", "5", Unit::Count),
        ]);
        let svg = bars(&f, Lang::En).unwrap();
        assert!(svg.contains("width=\"220\""), "{svg}");
        assert!(svg.contains("width=\"110\""), "{svg}");
        assert!(svg.contains("iPads &lt;b&gt;") && !svg.contains("<b>"));
        assert!(svg.contains("aria-label=\"Bar chart: iPads &lt;b&gt; 66%; Laptops 33%\""), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2);
    }

    #[test]
    fn no_chart_for_one_figure_or_incomparable_ones() {
        assert!(bars(&fact(vec![fig("a", "1", Unit::Percent)]), Lang::En).is_none());
        assert!(bars(&fact(vec![fig("a", "1", Unit::Count), fig("b", "2", Unit::Count)]), Lang::En).is_none());
        assert!(bars(&fact(vec![fig("a", "1", Unit::Percent), fig("b", "2", Unit::Cny)]), Lang::En).is_none());
    }
}
