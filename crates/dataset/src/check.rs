//! The checks every field goes through, and where errors are placed: [`Ctx`] collects every error with its file,
//! line and column, and the text checks refuse what a page must never show (control and bidirectional-override
//! characters, empty or huge texts, a leading combining mark).

use std::ops::Range;

use factcard_core::model::{Amount, Decimal, Scale, Text, Unit};
use factcard_core::text::combining;
use toml::Spanned;

use crate::error::{Error, Place};
use crate::input::Input;
use crate::raw::{RawText, SpannedString, SpannedText};

/// The files being compiled (by their index: every file of the set, or the one file whose facts are being
/// checked), and the errors found so far.
pub(crate) struct Ctx<'a> {
    pub inputs: &'a [&'a Input],
    pub errors: Vec<Error>,
}

impl Ctx<'_> {
    /// A problem in a data file as a whole, not at a place in it.
    pub fn err_set(&mut self, message: String) {
        self.errors.push(Error::at("(data set)", 1, 1, message, None));
    }

    pub fn err(&mut self, file: usize, span: Range<usize>, message: String, hint: Option<String>) {
        let input = &self.inputs[file];
        // Messages quote values from the file: invisible characters in them must not reach a terminal.
        let (message, hint) = (visible(&message), hint.map(|h| visible(&h)));
        let cell = crate::csv::cell_at(&input.cells, span.start);
        if cell.is_some_and(|c| c.placeholder) {
            // A required cell left empty: the sheet has said so.
            return;
        }
        let (place, message) = match cell {
            // A sheet: its row, column and header, not a line of the TOML made from it.
            Some(c) => match crate::csv::in_sheet_words(&message, &input.headers) {
                Some((m, column, h)) => {
                    let column = if column > 0 { column } else { c.column };
                    (Place::Cell { row: c.row, column, header: Some(h) }, m)
                }
                None => (Place::Cell { row: c.row, column: c.column, header: c.header.clone() }, message),
            },
            None => {
                let (line, column) = line_col(&input.text, span.start);
                (Place::Text { line, column }, message)
            }
        };
        self.errors.push(Error { file: input.name.clone(), place, message, hint });
    }

    /// Checks a text field: not blank, no control or bidirectional-override characters, not huge.
    pub fn text(&mut self, file: usize, s: &SpannedString, what: &str) -> String {
        self.text_limit(file, s, what, 4000)
    }

    pub fn text_limit(&mut self, file: usize, s: &SpannedString, what: &str, max: usize) -> String {
        self.checked(file, s.span(), s.get_ref(), Field(what, None), max).to_string()
    }

    /// A text of the data set in its languages (`langs`, the first the default): `title = "…"` is the default
    /// language; `title.zh = "…"` names one. Every language must be the set's, and the default is required.
    pub fn texts(&mut self, file: usize, t: &SpannedText, what: &str, langs: &[String], max: usize) -> Text {
        // The strings as written (trimmed), made into one text: no string of its own for each language.
        let mut out = vec![""; langs.len().max(1)];
        match t.get_ref() {
            RawText::One(v) => out[0] = self.checked(file, t.span(), v, Field(what, None), max),
            RawText::Many(all) => {
                for (k, v) in all {
                    let name = Field(what, Some(k.get_ref()));
                    match langs.iter().position(|l| l == k.get_ref()) {
                        Some(i) => out[i] = self.checked(file, v.span(), v.get_ref(), name, max),
                        None => {
                            let msg = format!("`{name}`: the data set has no language `{}`", k.get_ref());
                            let hint =
                                format!("its languages are {}: declare more in [dataset] languages", langs.join(", "));
                            self.err(file, k.span(), msg, Some(hint));
                        }
                    }
                }
                if !all.iter().any(|(k, _)| *k.get_ref() == langs[0]) {
                    let d = &langs[0];
                    let msg = format!("{what} has no text in the default language `{d}`");
                    self.err(file, t.span(), msg, Some(format!("write {what}.{d} = \"…\"")));
                }
            }
        }
        Text::new(&out)
    }

    /// Checks one string: not blank, no control or bidirectional-override characters, at most `max` bytes. The
    /// string trimmed.
    fn checked<'v>(&mut self, file: usize, span: Range<usize>, v: &'v str, what: Field, max: usize) -> &'v str {
        if v.chars().all(|c| c.is_whitespace() || invisible(c)) {
            self.err(
                file,
                span.clone(),
                format!("{what} is empty"),
                Some("write the text, or leave the key out".into()),
            );
        } else if let Some(c) = v.trim_start().chars().next().filter(|&c| combining(c)) {
            self.err(
                file,
                span.clone(),
                format!("{what} starts with the combining mark U+{:04X}", c as u32),
                Some("a combining mark must follow the letter it belongs to".into()),
            );
        } else if let Some(c) = v.chars().find(|&c| forbidden_char(c)) {
            self.err(
                file,
                span.clone(),
                format!("{what} contains the control character U+{:04X}", c as u32),
                Some("remove invisible control and bidirectional-override characters".into()),
            );
        } else if v.len() > max {
            self.err(file, span.clone(), format!("{what} is {} bytes long; at most {max} are allowed", v.len()), None);
        }
        v.trim()
    }

    pub fn id(&mut self, file: usize, s: &SpannedString, kind: &str) -> String {
        let v = s.get_ref();
        let ok = !v.is_empty()
            && v.len() <= 80
            && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !v.starts_with('-')
            && !v.ends_with('-');
        if !ok {
            self.err(
                file,
                s.span(),
                format!("{kind} id `{v}` is not valid"),
                Some("use lowercase ASCII letters, digits and single hyphens, at most 80 characters".into()),
            );
        }
        v.clone()
    }

    pub fn period(&mut self, file: usize, s: &SpannedString, what: &str) -> String {
        let v = s.get_ref().trim();
        if !crate::dates::valid_period(v) {
            let mut hint =
                "write YYYY, YYYY-MM, YYYY-MM-DD or an interval START/END such as 2022-01/2022-09".to_string();
            if let Some(day) = crate::cells::day_first(v) {
                // `01/03/2024`: a day, or a month (2024-03) a spreadsheet turned into its first day?
                hint = format!("{hint}: {day} if the day is meant (a spreadsheet may turn a month such as 2024-03 into a day: format the column as text)");
            }
            self.err(file, s.span(), format!("{what} `{v}` is not an ISO 8601 date or period"), Some(hint));
        }
        v.to_string()
    }

    /// A day, `YYYY-MM-DD` (an update, a correction).
    pub fn day(&mut self, file: usize, s: &SpannedString, what: &str) -> String {
        let v = s.get_ref().trim();
        if v.len() != 10 || crate::dates::parse_date(v).is_none() {
            self.err(file, s.span(), format!("{what} `{v}` is not a date"), Some("write YYYY-MM-DD".into()));
        }
        v.to_string()
    }

    /// `stale_after`: an ISO 8601 duration, as (months, days).
    pub fn duration(&mut self, file: usize, s: &SpannedString) -> Option<(u32, u32)> {
        let d = crate::dates::parse_duration(s.get_ref().trim());
        if d.is_none() {
            let hint = Some("write an ISO 8601 duration: P2Y (two years), P18M, P1Y6M, P90D".into());
            self.err(file, s.span(), format!("stale_after `{}` is not a duration", s.get_ref()), hint);
        }
        d
    }

    pub fn amount(
        &mut self,
        file: usize,
        amount: &Spanned<toml::Value>,
        scale: &Option<SpannedString>,
        unit: &SpannedString,
        declared: &[crate::units::Declared],
        langs: &[String],
    ) -> Option<Amount> {
        let dec = match amount.get_ref() {
            toml::Value::Integer(i) => Decimal::parse(&i.to_string()),
            toml::Value::Float(f) if f.is_finite() => Decimal::parse(&format!("{f}")),
            _ => None,
        };
        let Some(dec) = dec else {
            let (message, hint) = match amount.get_ref() {
                // A sheet's cell, in the sheet's words (a decimal comma, a percent sign…).
                toml::Value::String(s) if self.inputs[file].is_sheet() => {
                    crate::cells::number_problem(s, self.inputs[file].comma, unit.get_ref() == "percent")
                }
                v => (
                    format!("amount {} is not a number", describe(v)),
                    "write the number as printed, without its scale word: 46.3 for \"46.3 billion\"".into(),
                ),
            };
            self.err(file, amount.span(), message, Some(hint));
            return None;
        };
        let scale = match scale {
            None => Scale::One,
            Some(s) => match Scale::from_word(s.get_ref()) {
                Some(sc) if sc != Scale::One => sc,
                _ => {
                    self.err(
                        file,
                        s.span(),
                        format!("unknown scale `{}`", s.get_ref()),
                        Some("expected one of: thousand, million, billion, trillion".into()),
                    );
                    return None;
                }
            },
        };
        let code = unit.get_ref();
        if crate::units::kind(code, declared).is_none() {
            let hint = unknown_unit_hint(code, declared, langs);
            self.err(file, unit.span(), format!("unknown unit `{code}`"), Some(hint));
            return None;
        }
        let u = Unit(code.clone());
        Some(Amount { amount: dec, scale, unit: u })
    }
}

/// The hint for a unit no one knows: a guess (a sign or symbol looked up, a code by spelling), then every kind of
/// unit there is.
fn unknown_unit_hint(code: &str, declared: &[crate::units::Declared], langs: &[String]) -> String {
    let expected = "an ISO 4217 currency (CNY, EUR…), a CLDR unit (kilometer, tonne…), an energy, power, \
                    speed or temperature unit (megawatt-hour, kilowatt, kilometer-per-hour, celsius), percent, percentage-point, \
                    fold, count, or a unit declared with [[unit]]";
    let known: Vec<String> = crate::units::known_codes(declared).collect();
    // A sign or symbol is looked up, not guessed at by spelling ("R$" is not `ARS`).
    let guess = match crate::units::informal(code, langs) {
        Some(c) => Some(format!("did you mean {c}?")),
        None if code.chars().all(|c| c.is_alphanumeric() || c == '-') => crate::hints::closest(code, known.iter()),
        None => None,
    };
    match guess {
        Some(g) => format!("{g} Units: {expected}"),
        None => expected.to_string(),
    }
}

/// A TOML value as an error message shows it.
fn describe(v: &toml::Value) -> String {
    match v {
        toml::Value::Integer(i) => format!("`{i}`"),
        toml::Value::Float(f) => format!("`{f}`"),
        toml::Value::String(s) => format!("\"{s}\" (a string)"),
        other => format!("of type {}", other.type_str()),
    }
}

/// A field's name as messages give it: `title`, or `title.zh` for one language of it (written only when a message
/// needs it).
#[derive(Clone, Copy)]
pub(crate) struct Field<'a>(&'a str, Option<&'a str>);

impl std::fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)?;
        match self.1 {
            Some(lang) => write!(f, ".{lang}"),
            None => Ok(()),
        }
    }
}

/// Characters refused in any text: C0/C1 controls other than newline and tab, bidirectional controls, and
/// Unicode tag characters (invisible, and used to smuggle text).
pub(crate) fn forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(c, '\u{E0000}'..='\u{E007F}')
}

/// Zero-width characters: allowed inside text (they have uses in some scripts), but not as all of it, and not
/// in addresses.
pub(crate) fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// `s` with control, bidirectional and zero-width characters written as `U+XXXX`, for messages.
fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if forbidden_char(c) || invisible(c) {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
