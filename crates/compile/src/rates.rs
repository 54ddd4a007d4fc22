//! Exchange rates: a figure's conversion between yuan and dollars must imply a rate the market had that year,
//! or the fact must explain it in a note. It catches a misplaced decimal point, or "$ 1 trillion" where the
//! source meant yuan.

use std::ops::Range;

use factcard_core::model::{Amount, Unit};

use crate::check::Ctx;

/// Yuan per US dollar: the lowest and highest of each year's market rate (rounded outward).
const CNY_PER_USD: &[(u32, f64, f64)] = &[
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
];

/// How far a rounded conversion in a news text may stray from the year's range.
const RATE_SLACK: f64 = 0.04;

/// Whether `yuan / dollars` is a plausible exchange rate in `year`.
pub fn plausible_rate(year: u32, rate: f64) -> Option<bool> {
    let &(_, lo, hi) = CNY_PER_USD.iter().find(|r| r.0 == year)?;
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

/// Checks that a conversion is between yuan and dollars at a rate plausible for its year.
pub(crate) fn check_conversion(cx: &mut Ctx, fi: usize, span: Range<usize>, c: &Conversion) {
    let Conversion { from, to, year, has_note } = *c;
    let (cny, usd) = match (from.unit, to.unit) {
        (Unit::Cny, Unit::Usd) => (from.value(), to.value()),
        (Unit::Usd, Unit::Cny) => (to.value(), from.value()),
        _ => {
            cx.err(
                fi,
                span,
                format!("a conversion from {} to {} is not supported", from.unit.code(), to.unit.code()),
                Some("convert between CNY and USD".into()),
            );
            return;
        }
    };
    if usd <= 0.0 {
        cx.err(fi, span, "a conversion to zero".into(), None);
        return;
    }
    let rate = cny / usd;
    match plausible_rate(year, rate) {
        Some(true) => {}
        _ if has_note => {}
        Some(false) => cx.err(
            fi,
            span,
            format!("the conversion implies {rate:.2} yuan per dollar, implausible for {year}"),
            Some("check the figures, or explain the source's conversion in the fact's note".into()),
        ),
        None => cx.err(
            fi,
            span,
            format!("no exchange-rate range is known for {year}"),
            Some("explain the conversion in the fact's note".into()),
        ),
    }
}
