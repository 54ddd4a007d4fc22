//! Exchange rates: a figure's conversion into another currency must imply a rate the market had that year, or the
//! fact must explain it in a note. It catches a misplaced decimal point, or "$ 1 trillion" where the source meant
//! yuan. Rates are known for the currencies below, each against the US dollar, so for every pair of them.

use std::ops::Range;

use factcard_core::model::Amount;

use crate::check::Ctx;

/// Units of a currency per US dollar: the lowest and highest of each year's market rate (rounded outward).
type Ranges = &'static [(u32, f64, f64)];

const PER_USD: &[(&str, Ranges)] = &[
    (
        "CNY",
        &[
            (2015, 6.18, 6.50),
            (2016, 6.45, 6.97),
            (2017, 6.45, 6.96),
            (2018, 6.26, 6.98),
            (2019, 6.67, 7.18),
            (2020, 6.45, 7.18),
            (2021, 6.34, 6.59),
            (2022, 6.30, 7.33),
            (2023, 6.69, 7.35),
            (2024, 7.00, 7.35),
            (2025, 7.10, 7.35),
            (2026, 6.80, 7.35),
        ],
    ),
    (
        "EUR",
        &[
            (2015, 0.82, 0.96),
            (2016, 0.86, 0.96),
            (2017, 0.82, 0.96),
            (2018, 0.80, 0.90),
            (2019, 0.87, 0.92),
            (2020, 0.81, 0.94),
            (2021, 0.81, 0.89),
            (2022, 0.87, 1.04),
            (2023, 0.88, 0.96),
            (2024, 0.89, 0.97),
            (2025, 0.85, 0.98),
            (2026, 0.82, 0.95),
        ],
    ),
    (
        "JPY",
        &[
            (2015, 116.0, 126.0),
            (2016, 99.0, 122.0),
            (2017, 107.0, 119.0),
            (2018, 104.0, 115.0),
            (2019, 104.0, 113.0),
            (2020, 101.0, 112.0),
            (2021, 102.0, 116.0),
            (2022, 113.0, 152.0),
            (2023, 127.0, 152.0),
            (2024, 139.0, 162.0),
            (2025, 139.0, 159.0),
            (2026, 140.0, 165.0),
        ],
    ),
];

/// How far a rounded conversion in a news text may stray from the year's range.
const RATE_SLACK: f64 = 0.04;

/// The range of units of `code` per US dollar in `year`.
fn per_usd(code: &str, year: u32) -> Option<(f64, f64)> {
    if code == "USD" {
        return Some((1.0, 1.0));
    }
    let (_, ranges) = PER_USD.iter().find(|c| c.0 == code)?;
    ranges.iter().find(|r| r.0 == year).map(|&(_, lo, hi)| (lo, hi))
}

/// Whether `rate` units of `a` per unit of `b` is plausible in `year`; `None` when no rates are known for them.
pub fn plausible_rate(a: &str, b: &str, year: u32, rate: f64) -> Option<bool> {
    let ((alo, ahi), (blo, bhi)) = (per_usd(a, year)?, per_usd(b, year)?);
    let (lo, hi) = (alo / bhi, ahi / blo);
    Some(rate >= lo * (1.0 - RATE_SLACK) && rate <= hi * (1.0 + RATE_SLACK))
}

/// A figure's conversion into another currency, and what it is checked against.
pub(crate) struct Conversion<'a> {
    pub from: &'a Amount,
    pub to: &'a Amount,
    /// The year of the source, whose rates apply.
    pub year: u32,
    /// The fact explains the figures in a note: an implausible rate is then the source's, not a typo.
    pub has_note: bool,
}

/// Checks that a conversion is between two currencies at a rate plausible for its year.
pub(crate) fn check_conversion(cx: &mut Ctx, fi: usize, span: Range<usize>, c: &Conversion) {
    let Conversion { from, to, year, has_note } = *c;
    let (a, b) = (from.unit.code(), to.unit.code());
    if !from.unit.is_currency() || !to.unit.is_currency() || a == b {
        let hint = Some("convert an amount in one currency into another, such as CNY into USD".into());
        cx.err(fi, span, format!("a conversion from {a} to {b} is not a currency conversion"), hint);
        return;
    }
    if to.value() == 0.0 || from.value() == 0.0 || from.amount.neg != to.amount.neg {
        cx.err(fi, span, "a conversion to zero or across zero".into(), None);
        return;
    }
    let rate = from.value() / to.value();
    match plausible_rate(a, b, year, rate) {
        Some(true) => {}
        _ if has_note => {}
        Some(false) => cx.err(
            fi,
            span,
            format!("the conversion implies {rate:.2} {a} per {b}, implausible for {year}"),
            Some("check the figures, or explain the source's conversion in the fact's note".into()),
        ),
        None => cx.err(
            fi,
            span,
            format!("no rate is known for {a} and {b} in {year}, so the conversion cannot be checked"),
            Some(format!(
                "explain the conversion in the fact's note (rates are known for USD, {} from {} to {})",
                PER_USD.iter().map(|c| c.0).collect::<Vec<_>>().join(", "),
                2015,
                2026
            )),
        ),
    }
}
