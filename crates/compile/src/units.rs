//! The units a figure may have, and the ones a data set declares itself.
//!
//! A unit is written in data files by its code: an ISO 4217 currency (`CNY`, `EUR`), a CLDR unit (`kilometer`,
//! `tonne`), `percent`, `fold` (a multiple), `count`, or the id of a `[[unit]]` the set declares with its names
//! per language and plural forms. Energy, power, speed and temperature units, for which ICU4X's compiled data has
//! no names, are written with their international symbol (`35 MWh`, `320 km/h`, `−253 °C`) in every language.

use crate::locale::{self, Plural};

/// What kind of unit a code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Currency,
    Percent,
    Fold,
    Count,
    /// A CLDR unit that ICU4X formats with its names in every language.
    Cldr,
    /// A unit written with its international symbol.
    Symbol(&'static str),
    /// The unit of this index in [`Declared`]s.
    Declared(usize),
}

/// A unit a data set declares: its id and, per language of the set, its names by plural category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub id: String,
    /// For each language of the set (the default first): (category, name) pairs; empty where not given.
    pub names: Vec<Vec<(Plural, String)>>,
}

impl Declared {
    /// The name for a count of category `p` in language `lang` (else the default language): its own form, else
    /// `other`, else the first given; with the language it is in.
    pub fn name(&self, lang: usize, p: Plural) -> (&str, usize) {
        let i = if self.names.get(lang).is_some_and(|n| !n.is_empty()) { lang } else { 0 };
        let forms = &self.names[i];
        let pick = forms.iter().find(|f| f.0 == p).or_else(|| forms.iter().find(|f| f.0 == Plural::Other));
        (pick.or(forms.first()).map_or("", |f| f.1.as_str()), i)
    }
}

/// Active ISO 4217 currency codes.
pub const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
    "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
    "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// Units written with their international symbol in every language.
pub const SYMBOLS: &[(&str, &str)] = &[
    ("watt", "W"),
    ("kilowatt", "kW"),
    ("megawatt", "MW"),
    ("gigawatt", "GW"),
    ("watt-hour", "Wh"),
    ("kilowatt-hour", "kWh"),
    ("megawatt-hour", "MWh"),
    ("gigawatt-hour", "GWh"),
    ("terawatt-hour", "TWh"),
    ("joule", "J"),
    ("megajoule", "MJ"),
    ("kilometer-per-hour", "km/h"),
    ("meter-per-second", "m/s"),
    ("celsius", "°C"),
    ("fahrenheit", "°F"),
    ("bit", "bit"),
    ("byte", "B"),
    ("kilobyte", "kB"),
    ("megabyte", "MB"),
    ("gigabyte", "GB"),
    ("terabyte", "TB"),
    ("petabyte", "PB"),
];

/// What `code` names, given the units the set declares. `X-per-person` is X for each person ("kilogram-per-person":
/// see [`per_person`]).
pub fn kind(code: &str, declared: &[Declared]) -> Option<Kind> {
    let code = per_person(code).unwrap_or(code);
    Some(match code {
        "percent" => Kind::Percent,
        "fold" => Kind::Fold,
        "count" => Kind::Count,
        c if CURRENCIES.binary_search(&c).is_ok() => Kind::Currency,
        c => match declared.iter().position(|d| d.id == c) {
            Some(i) => Kind::Declared(i),
            None if locale::known_unit(c) => Kind::Cldr,
            None => Kind::Symbol(SYMBOLS.iter().find(|s| s.0 == c)?.1),
        },
    })
}

/// The ISO code of a currency written by an informal name ("RMB" is CNY).
pub fn informal(code: &str) -> Option<&'static str> {
    Some(match code.to_ascii_uppercase().as_str() {
        "RMB" | "YUAN" => "CNY",
        "YEN" => "JPY",
        "EURO" | "EUROS" => "EUR",
        "US$" | "DOLLAR" | "DOLLARS" => "USD",
        "POUND" | "POUNDS" | "STERLING" => "GBP",
        _ => return None,
    })
}

/// The unit of `X-per-person` (`kilogram` for `kilogram-per-person`), or `None` for a unit that is not per person.
pub fn per_person(code: &str) -> Option<&str> {
    code.strip_suffix("-per-person").filter(|u| !u.is_empty())
}

/// Codes a misspelt unit may have meant, for hints.
pub fn known_codes(declared: &[Declared]) -> impl Iterator<Item = String> + '_ {
    const COMMON: &[&str] = &[
        "percent",
        "fold",
        "count",
        "meter",
        "kilometer",
        "square-kilometer",
        "hectare",
        "kilogram",
        "tonne",
        "liter",
        "hour",
        "minute",
        "day",
        "year",
    ];
    let fixed = COMMON.iter().chain(CURRENCIES).chain(SYMBOLS.iter().map(|s| &s.0)).map(|s| s.to_string());
    fixed.chain(declared.iter().map(|d| d.id.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_currency_list_stays_sorted_for_binary_search() {
        assert!(CURRENCIES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn kinds() {
        let trip = Declared {
            id: "trip".into(),
            names: vec![vec![(Plural::One, "trip".into()), (Plural::Other, "trips".into())]],
        };
        let d = [trip];
        assert_eq!(kind("EUR", &d), Some(Kind::Currency));
        assert_eq!(kind("RMB", &d), None);
        assert_eq!(kind("kilometer", &d), Some(Kind::Cldr));
        assert_eq!(kind("megawatt-hour", &d), Some(Kind::Symbol("MWh")));
        assert_eq!(kind("trip", &d), Some(Kind::Declared(0)));
        assert_eq!(kind("gigabyte", &d), Some(Kind::Symbol("GB")));
        assert_eq!(kind("kilogram-per-person", &d), Some(Kind::Cldr));
        assert_eq!(kind("EUR-per-person", &d), Some(Kind::Currency));
        assert_eq!(kind("-per-person", &d), None);
        assert_eq!(d[0].name(0, Plural::One), ("trip", 0));
        assert_eq!(d[0].name(3, Plural::Few), ("trips", 0));
    }
}
