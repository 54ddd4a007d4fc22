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

/// A conversion dated in the year after the table's last (the new year, before its range is added here) is checked
/// against the last year's range widened by this much on each side: that still catches a misplaced decimal point or
/// a wrong currency, and the table stays honest about what it knows. A later year is refused with a message.
const DRIFT: f64 = 0.10;

/// How many years after the table's last one [`DRIFT`] applies to.
const AHEAD: u32 = 1;

/// The yearly ranges of `code` (none for the US dollar, or a currency the table lacks).
fn ranges(code: &str) -> Option<Ranges> {
    PER_USD.iter().find(|c| c.0 == code).map(|c| c.1)
}

/// The range of units of `code` per US dollar in `year`: the year's own, or for a year at most [`AHEAD`] after the
/// currency's last, that last year's widened by [`DRIFT`].
fn per_usd(code: &str, year: u32) -> Option<(f64, f64)> {
    if code == "USD" {
        return Some((1.0, 1.0));
    }
    let ranges = ranges(code)?;
    if let Some(&(_, lo, hi)) = ranges.iter().find(|r| r.0 == year) {
        return Some((lo, hi));
    }
    let &(last, lo, hi) = ranges.last()?;
    (year > last && year - last <= AHEAD).then_some((lo * (1.0 - DRIFT), hi * (1.0 + DRIFT)))
}

/// The first and last years with rates for both `a` and `b` (the US dollar has every year); `None` when the table
/// lacks either currency.
fn known_years(a: &str, b: &str) -> Option<(u32, u32)> {
    let span = |code: &str| match code {
        "USD" => Some((0, u32::MAX)),
        _ => ranges(code).and_then(|r| Some((r.first()?.0, r.last()?.0))),
    };
    let ((af, al), (bf, bl)) = (span(a)?, span(b)?);
    Some((af.max(bf), al.min(bl)))
}

/// Whether `rate` units of `a` per unit of `b` is plausible in `year`; `None` when no rates are known for them
/// then (see [`per_usd`] for a year just after the table).
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
    if year == 0 {
        return; // the fact's source or its date was refused already: a second message would only confuse
    }
    let rate = from.value() / to.value();
    match plausible_rate(a, b, year, rate) {
        Some(true) => {}
        _ if has_note => {}
        Some(false) => {
            let widened = match known_years(a, b) {
                Some((_, last)) if year > last => format!(
                    " (rates are known up to {last}: {year} is checked against {last}'s range widened by {:.0}%)",
                    DRIFT * 100.0
                ),
                _ => String::new(),
            };
            let message = format!("the conversion implies {rate:.2} {a} per {b}, implausible for {year}{widened}");
            cx.err(
                fi,
                span,
                message,
                Some("check the figures, or explain the source's conversion in the fact's note".into()),
            )
        }
        None => {
            let (message, hint) = no_rate(a, b, year);
            cx.err(fi, span, message, Some(hint))
        }
    }
}

/// Why a conversion between `a` and `b` dated `year` cannot be checked, and what to do: the years come from the
/// table.
fn no_rate(a: &str, b: &str, year: u32) -> (String, String) {
    const FIX: &str = "add the year's range to crates/dataset/src/rates.rs, or explain the rate in the fact's note";
    match known_years(a, b) {
        Some((_, last)) if year > last => {
            (format!("exchange rates are known up to {last}; this conversion is dated {year}"), FIX.into())
        }
        Some((first, _)) => {
            (format!("exchange rates are known from {first}; this conversion is dated {year}"), FIX.into())
        }
        None => {
            let codes: Vec<&str> = PER_USD.iter().map(|c| c.0).collect();
            let first = PER_USD.iter().filter_map(|c| Some(c.1.first()?.0)).min().unwrap_or(0);
            let last = PER_USD.iter().filter_map(|c| Some(c.1.last()?.0)).max().unwrap_or(0);
            (
                format!("no rate is known for {a} and {b} in {year}, so the conversion cannot be checked"),
                format!(
                    "explain the conversion in the fact's note (rates are known for USD, {} from {first} to {last})",
                    codes.join(", ")
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Input;
    use factcard_core::model::{Decimal, Scale, Unit};

    fn amount(value: &str, code: &str) -> Amount {
        Amount { amount: Decimal::parse(value).unwrap(), scale: Scale::Million, unit: Unit(code.into()) }
    }

    /// The errors `check_conversion` gives for `from` converted to `to` in `year`, without a note.
    fn errors(from: (&str, &str), to: (&str, &str), year: u32) -> Vec<String> {
        let input = Input::new("f.toml", "x = 1\n");
        let mut cx = Ctx { inputs: &[&input], errors: Vec::new() };
        let (from, to) = (amount(from.0, from.1), amount(to.0, to.1));
        check_conversion(&mut cx, 0, 0..1, &Conversion { from: &from, to: &to, year, has_note: false });
        cx.errors.iter().map(|e| format!("{} (hint: {})", e.message, e.hint.as_deref().unwrap_or(""))).collect()
    }

    fn last_year() -> u32 {
        PER_USD.iter().filter_map(|c| Some(c.1.last()?.0)).max().unwrap()
    }

    #[test]
    fn each_currencys_years_are_contiguous_sorted_and_ranges_ordered() {
        for &(code, ranges) in PER_USD {
            assert!(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) && code != "USD", "{code}");
            assert!(!ranges.is_empty(), "{code}");
            for w in ranges.windows(2) {
                assert_eq!(w[1].0, w[0].0 + 1, "{code}: years {} then {}", w[0].0, w[1].0);
            }
            for &(year, lo, hi) in ranges {
                assert!(lo > 0.0 && lo <= hi, "{code} {year}: {lo}..{hi}");
            }
        }
        let codes: Vec<&str> = PER_USD.iter().map(|c| c.0).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "one row per currency, in order: {codes:?}");
    }

    /// Every pair of currencies (the dollar too) converts at a rate inside its year's range, both ways, and a rate
    /// ten times off is refused: in every year of the table and the one after it.
    #[test]
    fn every_pair_converts_and_round_trips_within_the_ranges() {
        let codes: Vec<&str> = std::iter::once("USD").chain(PER_USD.iter().map(|c| c.0)).collect();
        let (first, last) = PER_USD
            .iter()
            .map(|c| (c.1[0].0, c.1[c.1.len() - 1].0))
            .fold((0, u32::MAX), |a, b| (a.0.max(b.0), a.1.min(b.1)));
        for &a in &codes {
            for &b in codes.iter().filter(|&&b| b != a) {
                for year in first..=last + 1 {
                    let ((alo, ahi), (blo, bhi)) = (per_usd(a, year).unwrap(), per_usd(b, year).unwrap());
                    let mid = (alo + ahi) / 2.0 / ((blo + bhi) / 2.0);
                    assert_eq!(plausible_rate(a, b, year, mid), Some(true), "{a}/{b} {year}: {mid}");
                    assert_eq!(plausible_rate(b, a, year, 1.0 / mid), Some(true), "{b}/{a} {year}: 1/{mid}");
                    assert_eq!(plausible_rate(a, b, year, mid * 10.0), Some(false), "{a}/{b} {year}: 10 × {mid}");
                    assert_eq!(plausible_rate(a, b, year, mid / 10.0), Some(false), "{a}/{b} {year}: {mid} / 10");
                }
            }
        }
    }

    /// The year after the table is checked against its last year's range, widened (and said so when refused); a
    /// later year is refused with a message that names the table's last year, read from the table.
    #[test]
    fn a_conversion_dated_after_the_table_is_checked_widened_then_refused_clearly() {
        let last = last_year();
        // 7.2 CNY per dollar: plausible in the last year, and in the next one.
        assert_eq!(errors(("72", "CNY"), ("10", "USD"), last), Vec::<String>::new());
        assert_eq!(errors(("72", "CNY"), ("10", "USD"), last + 1), Vec::<String>::new());
        // A misplaced decimal point is still caught in the next year, and the message says how it was checked.
        let e = errors(("720", "CNY"), ("10", "USD"), last + 1);
        assert_eq!(e.len(), 1, "{e:?}");
        let widened = format!("rates are known up to {last}: {} is checked against {last}'s range widened", last + 1);
        assert!(e[0].contains("implausible for") && e[0].contains(&widened), "{e:?}");
        // Two years on: refused, with what to do.
        let e = errors(("72", "CNY"), ("10", "USD"), last + 2);
        let want = format!("exchange rates are known up to {last}; this conversion is dated {}", last + 2);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains(&want) && e[0].contains("add the year's range to") && e[0].contains("note"), "{e:?}");
        // Before the table, likewise.
        let first = PER_USD.iter().map(|c| c.1[0].0).max().unwrap();
        let e = errors(("72", "CNY"), ("10", "USD"), first - 1);
        let want = format!("exchange rates are known from {first}; this conversion is dated {}", first - 1);
        assert!(e.len() == 1 && e[0].contains(&want), "{e:?}");
    }

    /// Year 0 stands for a source that was refused (unknown, or its date not a date): no second message.
    #[test]
    fn no_rate_message_for_a_refused_sources_year() {
        assert_eq!(errors(("72", "CNY"), ("10", "USD"), 0), Vec::<String>::new());
        assert_eq!(errors(("72", "CNY"), ("10", "CNY"), 0).len(), 1, "not a currency conversion: still said");
    }

    #[test]
    fn an_unknown_currency_names_the_known_ones_and_the_tables_years() {
        let e = errors(("2", "GBP"), ("2.5", "CHF"), 2024);
        let codes: Vec<&str> = PER_USD.iter().map(|c| c.0).collect();
        let first = PER_USD.iter().map(|c| c.1[0].0).min().unwrap();
        let want = format!("rates are known for USD, {} from {first} to {}", codes.join(", "), last_year());
        assert!(
            e.len() == 1 && e[0].contains("no rate is known for GBP and CHF in 2024") && e[0].contains(&want),
            "{e:?}"
        );
    }
}
