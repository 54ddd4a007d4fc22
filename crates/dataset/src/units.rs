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
    /// `percentage-point`: a change in a rate ("1.3 percentage points", "1,3 ponto percentual", "1.3个百分点").
    PercentagePoint,
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
        "percentage-point" => Kind::PercentagePoint,
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

/// The unit id meant by a unit written as readers see it: a currency's sign or name ("R$" is BRL, "€" EUR, "RMB"
/// CNY), a currency code in small letters, or a unit's symbol ("km2" and "km²" are square-kilometer, "kWh"
/// kilowatt-hour, "pp" percentage-point). `langs` are the set's languages: "¥" is CNY in a Chinese set, JPY in a
/// Japanese one, and either elsewhere. The answer is for a hint ("`BRL`", "`JPY` (yen) or `CNY` (yuan)"): the
/// data files keep one id per unit.
pub fn informal(code: &str, langs: &[String]) -> Option<String> {
    let c = code.trim();
    let upper = c.to_uppercase();
    let has = |l: &str| langs.iter().any(|t| t.split(['-', '_']).next() == Some(l));
    let guess = match upper.as_str() {
        "¥" | "￥" if has("zh") && !has("ja") => "`CNY`",
        "¥" | "￥" if has("ja") && !has("zh") => "`JPY`",
        "¥" | "￥" => "`JPY` (yen) or `CNY` (yuan)",
        "$" => "`USD` for US dollars, or the ISO code of another dollar (`CAD`, `AUD`…)",
        "KR" => "`SEK`, `NOK`, `DKK` or `ISK`",
        _ => {
            let named = CURRENCY_NAMES.iter().chain(UNIT_SYMBOLS).find(|(k, _)| *k == upper || *k == c).map(|p| p.1);
            let symbol = || SYMBOLS.iter().find(|(_, s)| s.eq_ignore_ascii_case(c)).map(|s| s.0);
            let id = named.or_else(symbol).map(str::to_string);
            let id = id.or_else(|| CURRENCIES.binary_search(&upper.as_str()).ok().map(|_| upper.clone()))?;
            return Some(format!("`{id}`"));
        }
    };
    Some(guess.into())
}

/// Currencies by their signs and names, in capitals.
const CURRENCY_NAMES: &[(&str, &str)] = &[
    ("R$", "BRL"),
    ("REAL", "BRL"),
    ("REAIS", "BRL"),
    ("US$", "USD"),
    ("U$", "USD"),
    ("USD$", "USD"),
    ("DOLLAR", "USD"),
    ("DOLLARS", "USD"),
    ("DÓLAR", "USD"),
    ("DÓLARES", "USD"),
    ("€", "EUR"),
    ("EURO", "EUR"),
    ("EUROS", "EUR"),
    ("£", "GBP"),
    ("POUND", "GBP"),
    ("POUNDS", "GBP"),
    ("STERLING", "GBP"),
    ("CN¥", "CNY"),
    ("RMB", "CNY"),
    ("YUAN", "CNY"),
    ("RENMINBI", "CNY"),
    ("元", "CNY"),
    ("人民币", "CNY"),
    ("JP¥", "JPY"),
    ("円", "JPY"),
    ("YEN", "JPY"),
    ("IENE", "JPY"),
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("NT$", "TWD"),
    ("MX$", "MXN"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₴", "UAH"),
    ("₦", "NGN"),
    ("₱", "PHP"),
    ("฿", "THB"),
    ("₫", "VND"),
    ("₪", "ILS"),
    ("ZŁ", "PLN"),
    ("KČ", "CZK"),
    ("FR.", "CHF"),
];

/// Units by the symbols and abbreviations people write (matched as written, or in capitals).
const UNIT_SYMBOLS: &[(&str, &str)] = &[
    ("%", "percent"),
    ("PCT", "percent"),
    ("PERCENTAGE", "percent"),
    ("pp", "percentage-point"),
    ("p.p.", "percentage-point"),
    ("PERCENTAGE POINTS", "percentage-point"),
    ("PERCENTAGE-POINTS", "percentage-point"),
    ("PONTOS PERCENTUAIS", "percentage-point"),
    ("PONTO PERCENTUAL", "percentage-point"),
    ("百分点", "percentage-point"),
    ("km2", "square-kilometer"),
    ("km²", "square-kilometer"),
    ("km^2", "square-kilometer"),
    ("sq km", "square-kilometer"),
    ("SQKM", "square-kilometer"),
    ("SQUARE KILOMETERS", "square-kilometer"),
    ("SQUARE-KILOMETERS", "square-kilometer"),
    ("m2", "square-meter"),
    ("m²", "square-meter"),
    ("sq m", "square-meter"),
    ("mi2", "square-mile"),
    ("mi²", "square-mile"),
    ("sq mi", "square-mile"),
    ("ha", "hectare"),
    ("km", "kilometer"),
    ("m", "meter"),
    ("kg", "kilogram"),
    ("t", "tonne"),
    ("TON", "tonne"),
    ("TONS", "tonne"),
    ("l", "liter"),
    ("L", "liter"),
    ("h", "hour"),
    ("x", "fold"),
    ("×", "fold"),
];

/// The unit of `X-per-person` (`kilogram` for `kilogram-per-person`), or `None` for a unit that is not per person.
pub fn per_person(code: &str) -> Option<&str> {
    code.strip_suffix("-per-person").filter(|u| !u.is_empty())
}

/// Codes a misspelt unit may have meant, for hints.
pub fn known_codes(declared: &[Declared]) -> impl Iterator<Item = String> + '_ {
    const COMMON: &[&str] = &[
        "percent",
        "percentage-point",
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
        assert_eq!(kind("percentage-point", &d), Some(Kind::PercentagePoint));
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
