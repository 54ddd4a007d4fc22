//! CLDR formatting for one locale, through ICU4X and its compiled data: numbers, long compact numbers, percents,
//! currencies, measurement units, plural categories, dates and date ranges, the pieces a fact card needs.
//!
//! Every input is an exact decimal ([`Decimal`]: `digits / 10^frac`, optionally times `10^power`, the scale of a
//! figure). It becomes ICU4X's own exact decimal (`fixed_decimal::Decimal`) by shifting the digits, never through a
//! float, and no step rounds: 46.3 billion stays "46.3 billion", and 1.20 million keeps its "1.20".
//!
//! Decisions, each one factcard's own and not CLDR's:
//! - **`en` is formatted as `en-001`** (international English: "18 August 2021", "US$", "CN¥"), so that the English
//!   of the default data set reads as it always did. `en-US`, `en-GB`, `en-IN` and every other tag are used as
//!   given.
//! - **Compact numbers skip the thousands step** (en "thousand", de "Tausend", hi "हज़ार"): a number is written in
//!   full ("1,500", "46,300") until the locale's next step (en million, zh/ja 万, en-IN/hi lakh). Above it the
//!   compact exponent is the one CLDR gives for the number's magnitude, and the significand keeps every digit of the
//!   data ("1.393 million", "139.3万", "4,630 crore"). Significands are grouped as plain numbers are ("4,630 crore",
//!   "1,000亿"; CLDR's own compact default, minimum grouping 2, would print "4630 crore").
//! - **Currencies in Chinese, Japanese and Korean** are written as the compact amount followed by CLDR's currency
//!   name for that count ("69.5亿美元", "4630億円"), with CLDR's unit pattern for currencies of the locale. One
//!   override: in Simplified Chinese (`zh`, `zh-Hans`, `zh-CN`, …) the yuan (CNY) is written `元` ("463亿元"), since
//!   CLDR's `人民币` reads unnaturally after a figure. Other languages use the locale's currency pattern with the
//!   narrow or standard symbol ([`Symbol`]) around the compact amount ("¥46.3 billion", "1,2 Milliarden €").
//! - **Dates are Gregorian**, in every locale (CLDR's long date, year-month and year formats and its interval
//!   formats); a locale whose default calendar is another one still gets Gregorian dates.
//!
//! A malformed tag is an error. A well-formed tag CLDR has no data for falls back as ICU4X's compiled data does: to
//! its parent locales (`de-XX` to `de`, `zh-TW` to `zh-Hant`) and at last to the root locale (`und`), whose forms are
//! neutral: "46.3 billion" becomes "46.3G", "August" becomes "M08".
//!
//! Where ICU4X 2.4 has no API or no data (see also [`known_unit`]):
//! - measurement units: ICU4X's unit formatter (`icu_experimental` 0.7) only has CLDR data for length, area, mass,
//!   volume and duration units, and no compound units (no `X-per-Y`, no per-person forms). Units of other
//!   categories (energy, power, speed, temperature, digital) are refused by [`Formatter::unit`] with an error.
//!   The formatter's public constructors take only a few units (`Length::meter()`, …), so this module loads the
//!   same compiled CLDR unit patterns directly from ICU4X's provider, for any unit id of those five categories.
//! - currency patterns and names: ICU4X's `CurrencyFormatter` rounds its value to the currency's fraction digits
//!   after compact rounding to two significant digits ("46 billion"), so it cannot keep the data's digits. This
//!   module loads ICU4X's currency data (symbols, patterns, plural names) from the same provider and places the
//!   exact compact amount in CLDR's pattern itself.

use std::fmt::Display;

use factcard_core::model::Decimal;
use fixed_decimal::Decimal as Exact;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{M, Y, YM, YMD};
use icu_datetime::range::FixedCalendarDateRangeFormatter;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::options::{CompactDecimalFormatterOptions, DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_experimental::dimension::provider::currency::essentials::CurrencyEssentialsV1;
use icu_experimental::dimension::provider::currency::extended::CurrencyExtendedDataV1;
use icu_experimental::dimension::provider::currency::patterns::CurrencyPatternsDataV1;
use icu_experimental::dimension::provider::currency::symbols::{CurrencySymbolWidth, CurrencySymbolsV1};
use icu_experimental::dimension::provider::units::categorized_display_names as names;
use icu_experimental::dimension::provider::units::display_names::UnitsDisplayNames;
use icu_experimental::provider::Baked;
use icu_locale_core::preferences::extensions::unicode::keywords::CurrencyType;
use icu_locale_core::subtags::{language, region, script};
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralOperands, PluralRules};
use icu_provider::prelude::*;

/// Which currency symbol to show: CLDR's narrow one (`¥`, `€`, `$`) or the locale's standard one (en: `CN¥`,
/// `US$`, `€`). The caller chooses: narrow only where no other currency of the data set shares that narrow symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    Narrow,
    Standard,
}

/// A CLDR cardinal plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl From<PluralCategory> for Plural {
    fn from(c: PluralCategory) -> Plural {
        match c {
            PluralCategory::Zero => Plural::Zero,
            PluralCategory::One => Plural::One,
            PluralCategory::Two => Plural::Two,
            PluralCategory::Few => Plural::Few,
            PluralCategory::Many => Plural::Many,
            PluralCategory::Other => Plural::Other,
        }
    }
}

/// The formatters of one locale. Building one loads its data once; each call then only formats.
pub struct Formatter {
    locale: Locale,
    data_locale: DataLocale,
    decimal: DecimalFormatter,
    compact: CompactDecimalFormatter,
    plurals: PluralRules,
    percent: PercentFormatter<DecimalFormatter>,
    ymd: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    ym: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    y: FixedCalendarDateTimeFormatter<Gregorian, Y>,
    m: FixedCalendarDateTimeFormatter<Gregorian, M>,
    m_medium: FixedCalendarDateTimeFormatter<Gregorian, M>,
    y_range: FixedCalendarDateRangeFormatter<Gregorian, Y>,
}

/// A number ready to print: in full, or a significand times `10^exponent` with the locale's word for it.
enum Compact {
    Full(Exact),
    Scaled(Exact, u8),
}

/// The smallest compact exponent used: below it numbers are written in full (see the module doc).
const FIRST_STEP: u8 = 4;

fn exact(d: Decimal, shift: i16) -> Exact {
    let mut x = Exact::from(d.digits);
    x.multiply_pow10(shift - i16::from(d.frac));
    x
}

fn data_err(what: &str, e: impl Display) -> String {
    format!("no CLDR data for {what}: {e}")
}

impl Formatter {
    /// The formatters for a BCP 47 tag ("en", "zh-Hant", "pt-BR", "en-IN"). See the module doc for `en` and for
    /// tags CLDR has no data for.
    pub fn new(tag: &str) -> Result<Formatter, String> {
        let mut locale =
            Locale::try_from_str(tag).map_err(|e| format!("`{tag}` is not a well-formed BCP 47 language tag ({e})"))?;
        if locale.id.language == language!("en") && locale.id.script.is_none() && locale.id.region.is_none() {
            locale.id.region = Some(region!("001"));
        }
        // Chinese, Japanese and Korean news write four-digit numbers ungrouped (1000亿元, 4630億円): CLDR's `min2`.
        let cjk = ["zh", "ja", "ko"].contains(&locale.id.language.as_str());
        let grouping = if cjk { GroupingStrategy::Min2 } else { GroupingStrategy::Auto };
        let grouped = DecimalFormatterOptions::from(grouping);
        let decimal = DecimalFormatter::try_new((&locale).into(), grouped).map_err(|e| data_err("numbers", e))?;
        let mut compact_options = CompactDecimalFormatterOptions::default();
        compact_options.grouping_strategy = Some(grouping);
        let compact = CompactDecimalFormatter::try_new_long((&locale).into(), compact_options)
            .map_err(|e| data_err("compact numbers", e))?;
        let plurals = PluralRules::try_new_cardinal((&locale).into()).map_err(|e| data_err("plurals", e))?;
        let percent =
            PercentFormatter::try_new((&locale).into(), Default::default()).map_err(|e| data_err("percents", e))?;
        let dates = |e| data_err("dates", e);
        Ok(Formatter {
            data_locale: DataLocale::from(&locale),
            decimal,
            compact,
            plurals,
            percent,
            ymd: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long()).map_err(dates)?,
            ym: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::long()).map_err(dates)?,
            y: FixedCalendarDateTimeFormatter::try_new((&locale).into(), Y::long()).map_err(dates)?,
            m: FixedCalendarDateTimeFormatter::try_new((&locale).into(), M::long()).map_err(dates)?,
            m_medium: FixedCalendarDateTimeFormatter::try_new((&locale).into(), M::medium()).map_err(dates)?,
            y_range: FixedCalendarDateRangeFormatter::try_new((&locale).into(), Y::long()).map_err(dates)?,
            locale,
        })
    }

    /// The locale whose data is used (`en` is `en-001`).
    pub fn locale(&self) -> String {
        self.locale.to_string()
    }

    /// A number in full, grouped as the locale groups it: en "1,500", "46.3"; de "1.500", "46,3"; hi "12,34,567".
    pub fn number(&self, d: Decimal) -> String {
        self.decimal.format(&exact(d, 0)).to_string()
    }

    fn split(&self, d: Decimal, power: u8) -> Compact {
        let whole = exact(d, i16::from(power));
        let magnitude = whole.absolute.nonzero_magnitude_start();
        let e = self.compact.compact_exponent_for_magnitude(magnitude);
        if e < FIRST_STEP {
            return Compact::Full(whole);
        }
        let mut significand = exact(d, i16::from(power) - i16::from(e));
        // Zeros the data wrote as fraction digits stay ("1.20 million"); zeros that only come from the scale go
        // (hi: 100 billion is "1 खरब", not "1.00 खरब").
        if d.frac == 0 || !d.digits.is_multiple_of(10) {
            significand.absolute.trim_end();
        }
        Compact::Scaled(significand, e)
    }

    fn write(&self, c: &Compact) -> String {
        match c {
            Compact::Full(x) => self.decimal.format(x).to_string(),
            Compact::Scaled(s, e) => match self.compact.format_with_exponent(s, *e) {
                Ok(w) => w.to_string(),
                // Cannot happen: the exponent is the formatter's own for this magnitude.
                Err(_) => self.decimal.format(&exact_from(s, *e)).to_string(),
            },
        }
    }

    fn operands(c: &Compact) -> PluralOperands {
        match c {
            Compact::Full(x) => PluralOperands::from(x),
            Compact::Scaled(s, e) => PluralOperands::from_significand_and_exponent(&s.absolute, *e),
        }
    }

    /// `d × 10^power` in the locale's long compact notation, every digit kept: en "46.3 billion", "1.393 million";
    /// zh "463亿", "5.52万亿", "139.3万"; ja "463億"; de "46,3 Milliarden"; en-IN "4,630 crore". Numbers below the
    /// locale's first step past the thousands are written in full ("1,500", "850").
    pub fn compact(&self, d: Decimal, power: u8) -> String {
        self.write(&self.split(d, power))
    }

    /// `d × 10^power` percent: en "66%", de "66 %", fr "66 %" (with CLDR's no-break spaces).
    pub fn percent(&self, d: Decimal, power: u8) -> String {
        self.percent.format(&exact(d, i16::from(power))).to_string()
    }

    /// An amount of money, in compact notation: en `¥46.3 billion` (CNY, narrow), `US$6.95 billion` (USD,
    /// standard); de `1,2 Milliarden €`; zh `463亿元`, `69.5亿美元`; ja `4,630億円`. `code` is an ISO 4217 code; a
    /// code that is not three ASCII letters is written as given after the amount.
    pub fn currency(&self, code: &str, d: Decimal, power: u8, symbol: Symbol) -> String {
        let amount = self.split(d, power);
        let text = self.write(&amount);
        let Ok(currency) = CurrencyType::try_from_str(&code.to_ascii_lowercase()) else {
            return format!("{text} {code}");
        };
        let iso = currency.iso_code();
        let lang = self.locale.id.language;
        if lang == language!("zh") || lang == language!("ja") || lang == language!("ko") {
            let operands = Self::operands(&amount);
            let name = if iso.as_str() == "CNY" && self.simplified_chinese() {
                "元".to_string()
            } else {
                self.currency_name(iso.as_str(), operands).unwrap_or_else(|| iso.to_string())
            };
            let req = DataRequest { id: DataIdentifierBorrowed::for_locale(&self.data_locale), ..Default::default() };
            return match DataProvider::<CurrencyPatternsDataV1>::load(&Baked, req) {
                Ok(res) => res.payload.get().get(operands, &self.plurals).interpolate((text, name)).to_string(),
                Err(_) => [text, name].concat(),
            };
        }
        let width = match symbol {
            Symbol::Narrow => CurrencySymbolWidth::Narrow,
            Symbol::Standard => CurrencySymbolWidth::Short,
        };
        let mut buf = Default::default();
        let attrs = CurrencySymbolsV1::make_attributes(currency, width, &mut buf);
        let req = DataRequest {
            id: DataIdentifierBorrowed::for_marker_attributes_and_locale(attrs, &self.data_locale),
            ..Default::default()
        };
        let loaded = DataProvider::<CurrencySymbolsV1>::load(&Baked, req).ok();
        let (sym, starts, ends) = match &loaded {
            Some(res) => {
                let s = res.payload.get();
                (s.as_str().to_string(), s.starts_with_letter(), s.ends_with_letter())
            }
            None => (iso.to_string(), true, true),
        };
        let req = DataRequest { id: DataIdentifierBorrowed::for_locale(&self.data_locale), ..Default::default() };
        match DataProvider::<CurrencyEssentialsV1>::load(&Baked, req) {
            Ok(res) => res.payload.get().get_positive(starts, ends).interpolate((text, sym)).to_string(),
            Err(_) => format!("{sym}{text}"),
        }
    }

    fn simplified_chinese(&self) -> bool {
        let id = &self.locale.id;
        id.language == language!("zh")
            && id.script != Some(script!("Hant"))
            && !matches!(id.region, Some(r) if r == region!("TW") || r == region!("HK") || r == region!("MO"))
    }

    /// CLDR's name of a currency for a count ("美元", "円", "US dollars"), if the locale has one.
    fn currency_name(&self, iso: &str, operands: PluralOperands) -> Option<String> {
        let attrs = DataMarkerAttributes::try_from_str(iso).ok()?;
        let req = DataRequest {
            id: DataIdentifierBorrowed::for_marker_attributes_and_locale(attrs, &self.data_locale),
            ..Default::default()
        };
        let res = DataProvider::<CurrencyExtendedDataV1>::load(&Baked, req).ok()?;
        Some(res.payload.get().get(operands, &self.plurals).to_string())
    }

    /// A measurement in CLDR's short unit format, with compact notation for large values: en "1,200 km",
    /// "1.2 million km", "3 hours" (durations by their long names, other units by symbol); zh "1200公里". `unit` is a CLDR unit id ("kilometer", "square-kilometer",
    /// "tonne", "liter", "hour"); an id ICU4X has no data for is an error (see [`known_unit`]).
    pub fn unit(&self, unit: &str, d: Decimal, power: u8) -> Result<String, String> {
        let Some(names) = unit_names(unit, &self.data_locale) else {
            return Err(unknown_unit(unit));
        };
        let amount = self.split(d, power);
        let text = self.write(&amount);
        let pattern = names.get().get(Self::operands(&amount), &self.plurals);
        let out = pattern.interpolate((text,)).to_string();
        Ok(out)
    }

    /// The CLDR cardinal plural category of `d × 10^power` as [`Formatter::compact`] writes it, for the units a
    /// data set names itself ("1 trip", "2 trips"; de "1 Fahrt", "2 Fahrten"). It follows CLDR's operands: in
    /// English 1 is `One`, 1.0 is `Other` (a visible fraction digit), 1 million is `Other`.
    pub fn plural(&self, d: Decimal, power: u8) -> Plural {
        self.plurals.category_for(Self::operands(&self.split(d, power))).into()
    }

    /// A Gregorian date as precise as it is given: en "18 August 2021", "August 2021", "2021"; zh "2021年8月18日",
    /// "2021年8月", "2021年"; de "18. August 2021". A day without a month is ignored; a date that does not exist
    /// is written as ISO 8601 digits.
    pub fn date(&self, year: u32, month: Option<u32>, day: Option<u32>) -> String {
        match gregorian(year, month, day) {
            Some((date, Precision::Day)) => self.ymd.format(&date).to_string(),
            Some((date, Precision::Month)) => self.ym.format(&date).to_string(),
            Some((date, Precision::Year)) => self.y.format(&date).to_string(),
            None => iso(year, month, day),
        }
    }

    /// A range of dates: en "January–September 2022" (the year once), "2016–2020"; zh "2022年1月至9月",
    /// "2016–2020年"; ja "2022年1月～9月".
    ///
    /// Ranges of years use CLDR's interval format through ICU4X. ICU4X 2.4's range formatter fails on month and day
    /// ranges (it does not load the month names its interval patterns need: a debug assertion in `zh`, `en-001`, …),
    /// so those are composed from CLDR's single formats: within one year the month name alone on the side away from
    /// the year ("January" + "September 2022"; "2022年1月" + "9月"), else both ends in full, joined by the language's
    /// range mark, a small table of factcard's own (zh 至, ja ～, ko ~, else an en dash). In English the thin
    /// spaces CLDR puts around the en dash are dropped, as factcard's English always wrote it ("2016–2020").
    pub fn interval(&self, a: (u32, Option<u32>, Option<u32>), b: (u32, Option<u32>, Option<u32>)) -> String {
        let lang = self.locale.id.language;
        let mark = if lang == language!("zh") {
            "至"
        } else if lang == language!("ja") {
            "～"
        } else if lang == language!("ko") {
            "~"
        } else {
            "–"
        };
        let text = match (gregorian(a.0, a.1, a.2), gregorian(b.0, b.1, b.2)) {
            (Some((x, Precision::Year)), Some((y, Precision::Year))) => self.y_range.format(&x, &y).to_string(),
            (Some((x, Precision::Month)), Some((y, Precision::Month))) if a.0 == b.0 && a.1 != b.1 => {
                let year = self.y.format(&x).to_string();
                let year_first = self.ym.format(&x).to_string().starts_with(&year);
                if year_first {
                    // The stand-alone long month of zh is a word ("九月"); the medium one is "9月", as in "2022年1月".
                    [self.ym.format(&x).to_string(), mark.into(), self.m_medium.format(&y).to_string()].concat()
                } else {
                    [self.m.format(&x).to_string(), mark.into(), self.ym.format(&y).to_string()].concat()
                }
            }
            _ if a == b => self.date(a.0, a.1, a.2),
            _ => [self.date(a.0, a.1, a.2), mark.into(), self.date(b.0, b.1, b.2)].concat(),
        };
        if lang == language!("en") {
            text.replace("\u{2009}–\u{2009}", "–").replace(" – ", "–")
        } else {
            text
        }
    }
}

fn exact_from(s: &Exact, e: u8) -> Exact {
    let mut x = s.clone();
    x.multiply_pow10(i16::from(e));
    x
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Precision {
    Year,
    Month,
    Day,
}

fn gregorian(year: u32, month: Option<u32>, day: Option<u32>) -> Option<(Date<Gregorian>, Precision)> {
    let y = i32::try_from(year).ok()?;
    let (m, d, p) = match (month, day) {
        (Some(m), Some(d)) => (m, d, Precision::Day),
        (Some(m), None) => (m, 1, Precision::Month),
        (None, _) => (1, 1, Precision::Year),
    };
    let date = Date::try_new_gregorian(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?).ok()?;
    Some((date, p))
}

fn iso(year: u32, month: Option<u32>, day: Option<u32>) -> String {
    match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        (None, _) => format!("{year:04}"),
    }
}

fn unknown_unit(unit: &str) -> String {
    format!(
        "unknown unit `{unit}`: expected a CLDR unit id of length, area, mass, volume or duration \
         (ICU4X has no CLDR data for other units), e.g. kilometer, square-kilometer, tonne, liter, hour"
    )
}

/// Units of time, written with their long names.
const DURATIONS: &[&str] = &["second", "minute", "hour", "day", "week", "month", "year", "decade", "century"];

type UnitNames = DataPayload<icu_provider::marker::ErasedMarker<UnitsDisplayNames<'static>>>;

/// CLDR's short patterns for a unit ("{0} km"), from whichever of ICU4X's unit data sets holds it.
fn unit_names(unit: &str, locale: &DataLocale) -> Option<UnitNames> {
    if unit.is_empty() || !unit.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return None;
    }
    // Durations by name ("3 hours", "3 Stunden"), other units by symbol ("1,200 km", "12 t").
    let width = if DURATIONS.contains(&unit) { "long" } else { "short" };
    let key = format!("{width}-{unit}");
    let attrs = DataMarkerAttributes::try_from_str(&key).ok()?;
    // Silent: the unit is looked for in each of these data sets in turn, and a miss is no error.
    let mut metadata = DataRequestMetadata::default();
    metadata.silent = true;
    let req = DataRequest { id: DataIdentifierBorrowed::for_marker_attributes_and_locale(attrs, locale), metadata };
    macro_rules! try_markers {
        ($($m:ty),*) => {
            $(if let Ok(res) = DataProvider::<$m>::load(&Baked, req) {
                return Some(res.payload.cast());
            })*
        };
    }
    try_markers!(
        names::UnitsNamesLengthCoreV1,
        names::UnitsNamesLengthExtendedV1,
        names::UnitsNamesLengthOutlierV1,
        names::UnitsNamesAreaCoreV1,
        names::UnitsNamesAreaExtendedV1,
        names::UnitsNamesAreaOutlierV1,
        names::UnitsNamesMassCoreV1,
        names::UnitsNamesMassExtendedV1,
        names::UnitsNamesMassOutlierV1,
        names::UnitsNamesVolumeCoreV1,
        names::UnitsNamesVolumeExtendedV1,
        names::UnitsNamesVolumeOutlierV1,
        names::UnitsNamesDurationCoreV1,
        names::UnitsNamesDurationExtendedV1,
        names::UnitsNamesDurationOutlierV1
    );
    None
}

/// Whether [`Formatter::unit`] accepts this CLDR unit id: a unit of length, area, mass, volume or duration that
/// ICU4X has CLDR data for ("kilometer", "hectare", "tonne", "cubic-meter", "hour"). Units of energy, power, speed,
/// temperature and digital data, and compound units ("kilogram-per-person"), are not: ICU4X 2.4 has no data for
/// them.
pub fn known_unit(id: &str) -> bool {
    unit_names(id, &DataLocale::from(&Locale::UNKNOWN)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    fn f(tag: &str) -> Formatter {
        Formatter::new(tag).unwrap()
    }

    /// CLDR puts no-break spaces where a line must not break; the tests write plain spaces.
    fn plain(s: String) -> String {
        s.replace(['\u{a0}', '\u{202f}'], " ")
    }

    #[test]
    fn tags() {
        assert_eq!(f("en").locale(), "en-001");
        assert_eq!(f("en-US").locale(), "en-US");
        assert_eq!(f("en-US").date(2021, Some(8), Some(18)), "August 18, 2021");
        let e = Formatter::new("en_US!").err().unwrap();
        assert!(e.contains("`en_US!` is not a well-formed BCP 47 language tag"), "{e}");
        assert!(Formatter::new("").is_err());
        // Well-formed, no data: ICU4X falls back to the parent, then to root.
        assert_eq!(plain(f("de-XX").compact(d("46.3"), 9)), "46,3 Milliarden");
        assert_eq!(f("xx").number(d("1500")), "1,500");
    }

    #[test]
    fn numbers() {
        assert_eq!(f("en").number(d("1500")), "1,500");
        assert_eq!(f("en").number(d("46.3")), "46.3");
        assert_eq!(f("de").number(d("1500")), "1.500");
        assert_eq!(f("de").number(d("46.3")), "46,3");
        assert_eq!(f("hi").number(d("1234567")), "12,34,567");
        assert_eq!(f("en-IN").number(d("1234567")), "12,34,567");
        assert_eq!(f("en").number(Decimal { digits: 4630, frac: 2, neg: false }), "46.30");
    }

    #[test]
    fn compact_keeps_every_digit() {
        let cases = [
            ("en", "46.3", 9, "46.3 billion"),
            ("en", "1.393", 6, "1.393 million"),
            ("en", "5.52", 12, "5.52 trillion"),
            ("en", "1500", 0, "1,500"),
            ("en", "850", 0, "850"),
            ("en", "46.3", 3, "46,300"),
            ("zh", "46.3", 9, "463亿"),
            ("zh", "5.52", 12, "5.52万亿"),
            ("zh", "1.393", 6, "139.3万"),
            ("zh", "1500", 0, "1500"),
            ("ja", "46.3", 9, "463億"),
            ("de", "46.3", 9, "46,3 Milliarden"),
            ("de", "1.393", 6, "1,393 Millionen"),
            ("en-IN", "46.3", 9, "4,630 crore"),
            ("en-IN", "120", 3, "1.2 lakh"),
            ("hi", "46.3", 9, "46.3 अरब"),
            ("hi", "100", 9, "1 खरब"),
        ];
        for (tag, n, p, want) in cases {
            assert_eq!(plain(f(tag).compact(d(n), p)), want, "{tag} {n}e{p}");
        }
        // Fraction zeros the data wrote stay.
        assert_eq!(f("en").compact(Decimal { digits: 120, frac: 2, neg: false }, 6), "1.20 million");
    }

    #[test]
    fn percents() {
        assert_eq!(f("en").percent(d("66"), 0), "66%");
        assert_eq!(plain(f("de").percent(d("66"), 0)), "66 %");
        assert_eq!(plain(f("fr").percent(d("66"), 0)), "66 %");
        assert_eq!(f("zh").percent(d("66.7"), 0), "66.7%");
    }

    #[test]
    fn currencies() {
        let en = f("en");
        assert_eq!(en.currency("CNY", d("46.3"), 9, Symbol::Narrow), "¥46.3 billion");
        assert_eq!(en.currency("USD", d("6.95"), 9, Symbol::Standard), "US$6.95 billion");
        assert_eq!(en.currency("CNY", d("46.3"), 9, Symbol::Standard), "CN¥46.3 billion");
        assert_eq!(en.currency("JPY", d("1.2"), 9, Symbol::Standard), "JP¥1.2 billion");
        assert_eq!(en.currency("EUR", d("1500"), 0, Symbol::Narrow), "€1,500");
        assert_eq!(plain(f("de").currency("EUR", d("1.2"), 9, Symbol::Narrow)), "1,2 Milliarden €");
        let zh = f("zh");
        assert_eq!(zh.currency("CNY", d("46.3"), 9, Symbol::Narrow), "463亿元");
        assert_eq!(zh.currency("USD", d("6.95"), 9, Symbol::Standard), "69.5亿美元");
        assert_eq!(f("zh-Hans").currency("CNY", d("1.2"), 9, Symbol::Narrow), "12亿元");
        assert_eq!(f("zh-Hant").currency("CNY", d("1.2"), 9, Symbol::Narrow), "12億 人民幣");
        let ja = f("ja");
        assert_eq!(ja.currency("JPY", d("463"), 9, Symbol::Standard), "4630億円");
        assert_eq!(ja.currency("EUR", d("1.2"), 9, Symbol::Narrow), "12億ユーロ");
        assert_eq!(f("ko").currency("USD", d("6.95"), 9, Symbol::Standard), "69.5억 미국 달러");
        assert_eq!(plain(f("en-IN").currency("CNY", d("46.3"), 9, Symbol::Narrow)), "¥4,630 crore");
        assert_eq!(en.currency("X1", d("5"), 0, Symbol::Narrow), "5 X1");
    }

    #[test]
    fn units() {
        let cases = [
            ("en", "kilometer", "1200", 0, "1,200 km"),
            ("en", "kilometer", "1.2", 6, "1.2 million km"),
            ("en", "tonne", "12", 0, "12 t"),
            ("en", "hour", "1", 0, "1 hour"),
            ("en", "hour", "3", 0, "3 hours"),
            ("en", "year", "5", 0, "5 years"),
            ("en", "square-kilometer", "1200", 0, "1,200 km²"),
            ("de", "kilometer", "1200", 0, "1.200 km"),
            ("de", "hour", "3", 0, "3 Stunden"),
            ("de", "year", "5", 0, "5 Jahre"),
            ("ja", "kilometer", "1200", 0, "1200 km"),
            ("ja", "hour", "3", 0, "3 時間"),
            ("zh", "kilometer", "1200", 0, "1200公里"),
            ("zh", "kilometer", "1.2", 6, "120万公里"),
            ("zh", "tonne", "12", 0, "12 t"),
            ("zh", "hour", "3", 0, "3小时"),
            ("zh", "year", "5", 0, "5年"),
            ("en-IN", "kilometer", "1.2", 6, "12 lakh km"),
        ];
        for (tag, unit, n, p, want) in cases {
            assert_eq!(plain(f(tag).unit(unit, d(n), p).unwrap()), want, "{tag} {unit} {n}e{p}");
        }
        for ok in ["meter", "kilometer", "mile", "square-kilometer", "hectare", "kilogram", "tonne", "liter"] {
            assert!(known_unit(ok), "{ok}");
        }
        for ok in ["cubic-meter", "second", "minute", "hour", "day", "week", "month", "year"] {
            assert!(known_unit(ok), "{ok}");
        }
        for no in ["megawatt-hour", "kilowatt", "kilometer-per-hour", "celsius", "gigabyte", "trips", "", "Meter"] {
            assert!(!known_unit(no), "{no}");
        }
        let e = f("en").unit("gigawatt-hour", d("35"), 0).unwrap_err();
        assert!(e.starts_with("unknown unit `gigawatt-hour`"), "{e}");
    }

    #[test]
    fn plurals() {
        let en = f("en");
        assert_eq!(en.plural(d("1"), 0), Plural::One);
        assert_eq!(en.plural(Decimal { digits: 10, frac: 1, neg: false }, 0), Plural::Other);
        assert_eq!(en.plural(d("2"), 0), Plural::Other);
        assert_eq!(en.plural(d("1"), 6), Plural::Other);
        let de = f("de");
        assert_eq!(de.plural(d("1"), 0), Plural::One);
        assert_eq!(de.plural(d("2"), 0), Plural::Other);
        assert_eq!(f("zh").plural(d("1"), 0), Plural::Other);
        assert_eq!(f("fr").plural(d("1"), 6), Plural::Many);
        assert_eq!(f("ar").plural(d("2"), 0), Plural::Two);
        assert_eq!(f("ar").plural(d("3"), 0), Plural::Few);
    }

    #[test]
    fn dates() {
        let en = f("en");
        assert_eq!(en.date(2021, Some(8), Some(18)), "18 August 2021");
        assert_eq!(en.date(2021, Some(8), None), "August 2021");
        assert_eq!(en.date(2021, None, None), "2021");
        assert_eq!(en.date(2021, Some(2), Some(30)), "2021-02-30");
        let zh = f("zh");
        assert_eq!(zh.date(2021, Some(8), Some(18)), "2021年8月18日");
        assert_eq!(zh.date(2021, Some(8), None), "2021年8月");
        assert_eq!(zh.date(2021, None, None), "2021年");
        assert_eq!(f("de").date(2021, Some(8), Some(18)), "18. August 2021");
        assert_eq!(f("ja").date(2021, Some(8), Some(18)), "2021年8月18日");
        assert_eq!(f("ko").date(2021, Some(8), Some(18)), "2021년 8월 18일");
        // ICU4X asserted here in debug builds (see the workspace's Cargo.toml).
        assert_eq!(f("pt-BR").date(2024, Some(4), None), "abril de 2024");
        assert_eq!(f("pt").date(2024, Some(4), Some(2)), "2 de abril de 2024");
    }

    #[test]
    fn intervals() {
        let (jan, sep) = ((2022, Some(1), None), (2022, Some(9), None));
        let (y16, y20) = ((2016, None, None), (2020, None, None));
        assert_eq!(f("en").interval(jan, sep), "January–September 2022");
        assert_eq!(f("en").interval(y16, y20), "2016–2020");
        assert_eq!(f("en").interval((2021, Some(11), None), (2022, Some(2), None)), "November 2021–February 2022");
        assert_eq!(f("zh").interval(jan, sep), "2022年1月至9月");
        assert_eq!(f("zh").interval(y16, y20), "2016–2020年");
        assert_eq!(f("ja").interval(jan, sep), "2022年1月～9月");
        assert_eq!(f("de").interval(jan, sep), "Januar–September 2022");
        assert_eq!(f("ko").interval(jan, sep), "2022년 1월~9월");
        assert_eq!(f("en").interval(jan, jan), "January 2022");
        assert_eq!(f("en").interval(y16, sep), "2016–September 2022");
    }

    #[test]
    fn right_to_left() {
        let ar = f("ar");
        assert_eq!(ar.compact(d("46.3"), 9), "46.3 مليار");
        assert_eq!(ar.date(2021, Some(8), Some(18)), "18 أغسطس 2021");
        assert_eq!(plain(ar.currency("USD", d("6.95"), 9, Symbol::Standard)), "\u{200f}6.95 مليار US$");
    }
}
