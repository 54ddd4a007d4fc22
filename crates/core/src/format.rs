//! Formatting: figures, dates and whole cards, in English and Chinese.
//!
//! Everything here is string building with integer arithmetic only: no `format!`, no float formatting, so the
//! wasm binary carries none of `core::fmt`'s float machinery. Every text that comes from data passes through
//! [`escape`] before it reaches HTML.
//!
//! ```
//! use factcard_core::format::{figure_text, Lang};
//! use factcard_core::model::*;
//! let fig = Figure {
//!     label: "GDP".into(), label_zh: "地区生产总值".into(),
//!     value: Amount { amount: Decimal::parse("5.52").unwrap(), scale: Scale::Trillion, unit: Unit::Cny },
//!     qualifier: Qualifier::Exact, period: None, change: false,
//!     converted: Some(Amount { amount: Decimal::parse("801.5").unwrap(), scale: Scale::Billion, unit: Unit::Usd }),
//! };
//! assert_eq!(figure_text(&fig, Lang::En), "¥5.52 trillion (about US$801.5 billion)");
//! assert_eq!(figure_text(&fig, Lang::Zh), "5.52万亿元（约8015亿美元）");
//! ```

use crate::model::{Amount, DataSet, Decimal, Fact, Figure, Qualifier, Source, Unit};
use crate::number::{shifted, uint};

/// The language a card is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// `zh`, `zh-CN`, `zh-Hans-CN`… are Chinese; anything else is English.
    pub fn from_tag(tag: &str) -> Lang {
        let t = tag.trim().as_bytes();
        if t.len() >= 2 && t[..2].eq_ignore_ascii_case(b"zh") && (t.len() == 2 || t[2] == b'-' || t[2] == b'_') {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The English or the Chinese of a pair of optional texts, falling back to the other language.
    pub fn pick_opt<'a>(self, en: Option<&'a str>, zh: Option<&'a str>) -> Option<&'a str> {
        match self {
            Lang::En => en.or(zh),
            Lang::Zh => zh.or(en),
        }
    }

    /// The English or the Chinese of a pair.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Appends `s` to `out` with `& < > " '` escaped: safe in element text and in quoted attributes.
///
/// A leading combining mark is written as a character reference, so that no later Unicode normalization can
/// merge it with the `>` of the tag before it.
pub fn escape_into(out: &mut String, s: &str) {
    for (i, c) in s.chars().enumerate() {
        match c {
            c if i == 0 && crate::text::combining(c) => {
                out.push_str("&#x");
                out.push_str(&hex(c as u32));
                out.push(';');
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn hex(mut n: u32) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b"0123456789abcdef"[(n & 15) as usize] as char);
        n >>= 4;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

/// `s` escaped for HTML.
///
/// ```
/// assert_eq!(factcard_core::format::escape("<b title=\"x\">&"), "&lt;b title=&quot;x&quot;&gt;&amp;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

// ---- Numbers --------------------------------------------------------------------------------------------

/// A decimal as English writes it: `1,500`, `46.3`.
pub fn decimal_en(d: Decimal) -> String {
    shifted(d.digits, -i32::from(d.frac), Some(','))
}

/// An amount in Chinese units: 5.52 trillion is `5.52万亿`, 46.3 billion `463亿`, 1.393 million `139.3万`.
pub fn number_zh(a: &Amount) -> String {
    let power = i32::from(a.scale.exponent()) - i32::from(a.amount.frac);
    // The number of integer digits of the whole value tells which unit fits.
    let int_digits = uint(a.amount.digits).len() as i32 + power;
    let (unit_pow, word) = if int_digits > 12 {
        (12, "万亿")
    } else if int_digits > 8 {
        (8, "亿")
    } else if int_digits > 4 {
        (4, "万")
    } else {
        (0, "")
    };
    let mut s = shifted(a.amount.digits, power - unit_pow, None);
    s.push_str(word);
    s
}

fn qualifier_en(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::About => "about ",
        Qualifier::Over => "over ",
        Qualifier::Nearly => "nearly ",
        Qualifier::AtLeast => "at least ",
        Qualifier::Under => "under ",
    }
}

fn qualifier_zh(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::About => "约",
        Qualifier::Over => "超过",
        Qualifier::Nearly => "近",
        Qualifier::AtLeast => "至少",
        Qualifier::Under => "不到",
    }
}

/// An amount with its unit, no qualifier: `¥46.3 billion`, `66%`, `3.5-fold`, `463亿元`.
pub fn amount_text(a: &Amount, lang: Lang) -> String {
    match lang {
        Lang::En => amount_en(a),
        Lang::Zh => amount_zh(a),
    }
}

fn amount_en(a: &Amount) -> String {
    let mut num = decimal_en(a.amount);
    if !a.scale.word().is_empty() {
        num.push(' ');
        num.push_str(a.scale.word());
    }
    let one = a.amount == Decimal { digits: 1, frac: 0 } && a.scale.word().is_empty();
    let (before, after) = match a.unit {
        Unit::Cny => ("¥", ""),
        Unit::Usd => ("US$", ""),
        Unit::Percent => ("", "%"),
        Unit::Fold => ("", "-fold"),
        Unit::Count => ("", ""),
        Unit::Hour => ("", if one { " hour" } else { " hours" }),
        Unit::Minute => ("", if one { " minute" } else { " minutes" }),
        Unit::Year => ("", if one { " year" } else { " years" }),
        Unit::Meter => ("", " m"),
    };
    [before, &num, after].concat()
}

fn amount_zh(a: &Amount) -> String {
    if a.unit == Unit::Percent {
        let power = -i32::from(a.amount.frac) + i32::from(a.scale.exponent());
        return [shifted(a.amount.digits, power, None).as_str(), "%"].concat();
    }
    let unit = match a.unit {
        Unit::Cny => "元",
        Unit::Usd => "美元",
        Unit::Fold => "倍",
        Unit::Hour => "小时",
        Unit::Minute => "分钟",
        Unit::Meter => "米",
        Unit::Year => "年",
        Unit::Count | Unit::Percent => "",
    };
    [number_zh(a).as_str(), unit].concat()
}

/// A figure's value as a reader sees it: qualifier, amount, the source's conversion.
pub fn figure_text(f: &Figure, lang: Lang) -> String {
    let mut s = String::new();
    match lang {
        Lang::En => {
            if f.change && f.qualifier == Qualifier::Exact && f.value.unit != Unit::Fold {
                s.push('+');
            }
            s.push_str(qualifier_en(f.qualifier));
            s.push_str(&amount_text(&f.value, lang));
            if let Some(c) = &f.converted {
                s.push_str(" (about ");
                s.push_str(&amount_text(c, lang));
                s.push(')');
            }
        }
        Lang::Zh => {
            if f.change && f.value.unit != Unit::Fold {
                s.push_str("增长");
            }
            s.push_str(qualifier_zh(f.qualifier));
            s.push_str(&amount_text(&f.value, lang));
            if let Some(c) = &f.converted {
                s.push_str("（约");
                s.push_str(&amount_text(c, lang));
                s.push('）');
            }
        }
    }
    s
}

// ---- Dates ----------------------------------------------------------------------------------------------

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `(year, month, day)` of `YYYY[-MM[-DD]]`, 0 for the parts left out.
fn ymd(s: &str) -> Option<(u32, u32, u32)> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next().map_or(Some(0), |m| m.parse().ok())?;
    let d = it.next().map_or(Some(0), |d| d.parse().ok())?;
    if m > 12 || d > 31 {
        return None;
    }
    Some((y, m, d))
}

fn date_en(y: u32, m: u32, d: u32) -> String {
    let mut s = String::new();
    if d > 0 {
        s.push_str(&uint(d.into()));
        s.push(' ');
    }
    if m > 0 {
        s.push_str(MONTHS[m as usize - 1]);
        s.push(' ');
    }
    s.push_str(&uint(y.into()));
    s
}

fn date_zh(y: u32, m: u32, d: u32) -> String {
    let mut s = uint(y.into());
    s.push('年');
    if m > 0 {
        s.push_str(&uint(m.into()));
        s.push('月');
    }
    if d > 0 {
        s.push_str(&uint(d.into()));
        s.push('日');
    }
    s
}

/// An ISO 8601 date or interval in words: `2022-01/2022-09` is "first three quarters of 2022" / "2022年前三季度".
/// Text that is not a date is returned as it is.
///
/// ```
/// use factcard_core::format::{period_text, Lang};
/// assert_eq!(period_text("2021-08-18", Lang::En), "18 August 2021");
/// assert_eq!(period_text("2016/2020", Lang::Zh), "2016—2020年");
/// ```
pub fn period_text(p: &str, lang: Lang) -> String {
    let one = |s: &str| {
        ymd(s).map(|(y, m, d)| match lang {
            Lang::En => date_en(y, m, d),
            Lang::Zh => date_zh(y, m, d),
        })
    };
    let Some((a, b)) = p.split_once('/') else {
        return one(p).unwrap_or_else(|| p.to_string());
    };
    let (Some((y1, m1, d1)), Some((y2, m2, d2))) = (ymd(a), ymd(b)) else {
        return p.to_string();
    };
    if y1 == y2 && m1 == 1 && d1 == 0 && d2 == 0 && matches!(m2, 3 | 6 | 9 | 12) {
        let (en, zh) = match m2 {
            3 => ("first quarter of ", "一季度"),
            6 => ("first half of ", "上半年"),
            9 => ("first three quarters of ", "前三季度"),
            _ => ("", ""),
        };
        let y = uint(y1.into());
        return match lang {
            Lang::En => [en, &y].concat(),
            Lang::Zh => [&y, "年", zh].concat(),
        };
    }
    if m1 == 0 && m2 == 0 {
        let (y1, y2) = (uint(y1.into()), uint(y2.into()));
        return match lang {
            Lang::En => [&y1, "–", &y2].concat(),
            Lang::Zh => [&y1, "—", &y2, "年"].concat(),
        };
    }
    match lang {
        Lang::En => [date_en(y1, m1, d1), "–".into(), date_en(y2, m2, d2)].concat(),
        Lang::Zh => [date_zh(y1, m1, d1), "至".into(), date_zh(y2, m2, d2)].concat(),
    }
}

// ---- Cards ----------------------------------------------------------------------------------------------

/// The text of a fact in one language.
pub fn title(f: &Fact, lang: Lang) -> &str {
    lang.pick(&f.title, &f.title_zh)
}

pub fn statement(f: &Fact, lang: Lang) -> &str {
    lang.pick(&f.statement, &f.statement_zh)
}

pub fn note(f: &Fact, lang: Lang) -> Option<&str> {
    match lang {
        Lang::En => f.note.as_deref(),
        Lang::Zh => f.note_zh.as_deref().or(f.note.as_deref()),
    }
}

/// "Publisher, “Title”, 19 August 2021": the source as a line of text.
pub fn source_line(s: &Source, lang: Lang) -> String {
    let date = period_text(&s.date, lang);
    match lang {
        Lang::En => [&s.publisher, ", “", &s.title, "”, ", &date].concat(),
        Lang::Zh => [&s.publisher, "，《", &s.title, "》，", &date].concat(),
    }
}

/// A citation for copying: the fact's title, its source and address.
pub fn citation(ds: &DataSet, f: &Fact, lang: Lang) -> String {
    let s = ds.source_of(f);
    let mut out = String::from(title(f, lang));
    out.push_str(match lang {
        Lang::En => ". Source: ",
        Lang::Zh => "。来源：",
    });
    out.push_str(&source_line(s, lang));
    if let Some(a) = &s.author {
        out.push_str(lang.pick(", by ", "，作者："));
        out.push_str(a);
    }
    if let Some(u) = &s.url {
        out.push_str(lang.pick(". ", "。"));
        out.push_str(u);
    }
    out
}

/// The card as plain text: for screen readers' summaries, `copy`, and feeds.
pub fn card_text(ds: &DataSet, f: &Fact, lang: Lang) -> String {
    let mut out = String::from(title(f, lang));
    out.push('\n');
    out.push_str(statement(f, lang));
    for g in &f.figures {
        out.push_str("\n- ");
        out.push_str(lang.pick(&g.label, &g.label_zh));
        out.push_str(lang.pick(": ", "："));
        out.push_str(&figure_text(g, lang));
    }
    out.push('\n');
    out.push_str(lang.pick("Source: ", "来源："));
    out.push_str(&source_line(ds.source_of(f), lang));
    if let Some(n) = note(f, lang) {
        out.push('\n');
        out.push_str(lang.pick("Editor's note: ", "编者注："));
        out.push_str(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scale;

    fn amt(s: &str, scale: Scale, unit: Unit) -> Amount {
        Amount { amount: Decimal::parse(s).unwrap(), scale, unit }
    }

    #[test]
    fn english_amounts() {
        assert_eq!(amount_text(&amt("46.3", Scale::Billion, Unit::Cny), Lang::En), "¥46.3 billion");
        assert_eq!(amount_text(&amt("1500", Scale::One, Unit::Count), Lang::En), "1,500");
        assert_eq!(amount_text(&amt("1234567.5", Scale::One, Unit::Count), Lang::En), "1,234,567.5");
        assert_eq!(amount_text(&amt("66", Scale::One, Unit::Percent), Lang::En), "66%");
        assert_eq!(amount_text(&amt("3.5", Scale::One, Unit::Fold), Lang::En), "3.5-fold");
        assert_eq!(amount_text(&amt("1", Scale::One, Unit::Hour), Lang::En), "1 hour");
        assert_eq!(amount_text(&amt("20", Scale::One, Unit::Minute), Lang::En), "20 minutes");
    }

    #[test]
    fn chinese_amounts() {
        assert_eq!(number_zh(&amt("46.3", Scale::Billion, Unit::Cny)), "463亿");
        assert_eq!(number_zh(&amt("1.393", Scale::Million, Unit::Count)), "139.3万");
        assert_eq!(number_zh(&amt("300", Scale::Million, Unit::Cny)), "3亿");
        assert_eq!(number_zh(&amt("10", Scale::Trillion, Unit::Cny)), "10万亿");
        assert_eq!(number_zh(&amt("1", Scale::Trillion, Unit::Cny)), "1万亿");
        assert_eq!(number_zh(&amt("2200", Scale::One, Unit::Count)), "2200");
        assert_eq!(number_zh(&amt("0.5", Scale::One, Unit::Count)), "0.5");
        assert_eq!(amount_text(&amt("1.2", Scale::Billion, Unit::Cny), Lang::Zh), "12亿元");
        assert_eq!(amount_text(&amt("6.7", Scale::One, Unit::Percent), Lang::Zh), "6.7%");
        assert_eq!(amount_text(&amt("3.5", Scale::One, Unit::Fold), Lang::Zh), "3.5倍");
    }

    #[test]
    fn qualifiers_and_changes() {
        let mut f = Figure {
            label: "x".into(),
            label_zh: "x".into(),
            value: amt("100", Scale::Billion, Unit::Cny),
            qualifier: Qualifier::Over,
            period: None,
            change: false,
            converted: Some(amt("15", Scale::Billion, Unit::Usd)),
        };
        assert_eq!(figure_text(&f, Lang::En), "over ¥100 billion (about US$15 billion)");
        assert_eq!(figure_text(&f, Lang::Zh), "超过1000亿元（约150亿美元）");
        f.value = amt("6.7", Scale::One, Unit::Percent);
        f.qualifier = Qualifier::Exact;
        f.change = true;
        f.converted = None;
        assert_eq!(figure_text(&f, Lang::En), "+6.7%");
        assert_eq!(figure_text(&f, Lang::Zh), "增长6.7%");
    }

    #[test]
    fn periods_in_words() {
        assert_eq!(period_text("2022-01/2022-09", Lang::En), "first three quarters of 2022");
        assert_eq!(period_text("2022-01/2022-09", Lang::Zh), "2022年前三季度");
        assert_eq!(period_text("2022-01/2022-06", Lang::Zh), "2022年上半年");
        assert_eq!(period_text("2021-08", Lang::En), "August 2021");
        assert_eq!(period_text("2021-08-18", Lang::Zh), "2021年8月18日");
        assert_eq!(period_text("2016/2020", Lang::En), "2016–2020");
        assert_eq!(period_text("2021-03/2021-05", Lang::En), "March 2021–May 2021");
        assert_eq!(period_text("soon", Lang::En), "soon");
    }

    #[test]
    fn a_leading_combining_mark_cannot_join_the_tag_before_it() {
        assert_eq!(escape("\u{338} x"), "&#x338; x");
        assert_eq!(escape("e\u{301}"), "e\u{301}");
    }

    #[test]
    fn lang_tags() {
        for zh in ["zh", "ZH", "zh-CN", "zh-Hans-CN", "zh_TW"] {
            assert_eq!(Lang::from_tag(zh), Lang::Zh, "{zh}");
        }
        for en in ["en", "", "zhx", "de", "z"] {
            assert_eq!(Lang::from_tag(en), Lang::En, "{en}");
        }
    }
}
