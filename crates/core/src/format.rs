//! Texts for people, in the languages of a data set: which language a card is shown in ([`Lang`]), the words
//! around a fact ([`Words`]: "Source:", "Editor's note"…, for the languages factcard knows, English otherwise),
//! the fact's own texts with their fallback to the set's default language, HTML escaping, the source line, the
//! citation and the card as plain text.
//!
//! Figures and dates are not formatted here: the compiler formats them from CLDR in every language of the set
//! ([`crate::model::Figure::text`], [`crate::model::Fact::date_text`]), so the wasm carries no locale data. Every
//! text that comes from data passes through [`escape`] before it reaches HTML.
//!
//! ```
//! use factcard_core::model::DataSet;
//! let ds = DataSet { langs: vec!["en".into(), "zh".into()], ..DataSet::default() };
//! assert_eq!(ds.lang("zh-Hans-CN").words.source, "来源：");
//! assert_eq!(ds.lang("fr").tag, "en"); // a language the set lacks: its default
//! ```

use crate::model::{DataSet, EntityKind, Fact, Source, Text};

/// The words around a fact, in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    /// The language of these words (a BCP 47 primary tag).
    pub tag: &'static str,
    pub source: &'static str,
    pub refers_to: &'static str,
    pub note: &'static str,
    /// "More about X": the words before and after the name.
    pub more_about: (&'static str, &'static str),
    pub not_found: &'static str,
    pub not_found_entity: &'static str,
    /// An entity's kind and the place it lies in: (kind first?, the words between).
    pub kind_in_place: (bool, &'static str),
    pub by: &'static str,
    pub stop: &'static str,
    pub colon: &'static str,
    /// Quotation marks around a title.
    pub quotes: (&'static str, &'static str),
    pub comma: &'static str,
    /// A bar chart's text alternative: "Bar chart: ", the separator between bars, and between label and value.
    pub chart: (&'static str, &'static str, &'static str),
    /// "Corrected on DATE" and "Updated on DATE": the words before and after the date.
    pub corrected_on: (&'static str, &'static str),
    pub updated_on: (&'static str, &'static str),
    /// A correction's two parts: what was wrong, and what changed.
    pub wrong: &'static str,
    pub changed: &'static str,
    /// A fact older than its set allows: the words before and after its date ("As of 2021 (may be out of date)").
    pub as_of: (&'static str, &'static str),
    /// Entity kinds, in the order of [`EntityKind::ALL`], indexed by `kind as usize`: [`EntityKind::COUNT`] of
    /// them, so a new kind does not compile until every language names it.
    pub kinds: [&'static str; EntityKind::COUNT],
}

/// The words of the languages factcard knows; any other language gets English ones (marked as English).
pub static WORDS: [Words; 6] = [
    Words {
        tag: "en",
        source: "Source: ",
        refers_to: "Refers to: ",
        note: "Editor's note",
        more_about: ("More about ", ""),
        not_found: "Fact not found: ",
        not_found_entity: "Entity not found: ",
        kind_in_place: (true, " in "),
        by: ", by ",
        stop: ". ",
        colon: ": ",
        quotes: ("\u{201C}", "\u{201D}"),
        comma: ", ",
        chart: ("Bar chart: ", "; ", " "),
        corrected_on: ("Corrected on ", ""),
        updated_on: ("Updated on ", ""),
        wrong: "What was wrong: ",
        changed: "What changed: ",
        as_of: ("As of ", " (may be out of date)"),
        kinds: [
            "country",
            "province",
            "municipality",
            "city",
            "district",
            "area",
            "company",
            "institution",
            "plan",
            "product",
            "event",
            "person",
            "industry",
        ],
    },
    Words {
        tag: "zh",
        source: "来源：",
        refers_to: "时间：",
        note: "编者注",
        more_about: ("更多关于", ""),
        not_found: "未找到该事实：",
        not_found_entity: "未找到该条目：",
        kind_in_place: (true, "，位于"),
        by: "，作者：",
        stop: "。",
        colon: "：",
        quotes: ("《", "》"),
        comma: "，",
        chart: ("柱状图：", "；", ""),
        corrected_on: ("更正于", ""),
        updated_on: ("更新于", ""),
        wrong: "原有错误：",
        changed: "更正内容：",
        as_of: ("截至", "，数据可能已过时"),
        kinds: ["国家", "省", "直辖市", "城市", "区", "区域", "企业", "机构", "规划", "产品", "活动", "人物", "产业"],
    },
    Words {
        tag: "de",
        source: "Quelle: ",
        refers_to: "Zeitraum: ",
        note: "Anmerkung der Redaktion",
        more_about: ("Mehr zu ", ""),
        not_found: "Fakt nicht gefunden: ",
        not_found_entity: "Eintrag nicht gefunden: ",
        kind_in_place: (true, " in "),
        by: ", von ",
        stop: ". ",
        colon: ": ",
        quotes: ("\u{201E}", "\u{201C}"),
        comma: ", ",
        chart: ("Balkendiagramm: ", "; ", " "),
        corrected_on: ("Korrigiert am ", ""),
        updated_on: ("Aktualisiert am ", ""),
        wrong: "Was falsch war: ",
        changed: "Was geändert wurde: ",
        as_of: ("Stand: ", " (möglicherweise veraltet)"),
        kinds: [
            "Staat",
            "Provinz",
            "regierungsunmittelbare Stadt",
            "Stadt",
            "Bezirk",
            "Gebiet",
            "Unternehmen",
            "Institution",
            "Plan",
            "Produkt",
            "Ereignis",
            "Person",
            "Branche",
        ],
    },
    Words {
        tag: "ja",
        source: "出典：",
        refers_to: "対象期間：",
        note: "編集部注",
        more_about: ("", "の関連情報"),
        not_found: "事実が見つかりません：",
        not_found_entity: "項目が見つかりません：",
        kind_in_place: (false, "の"),
        by: "、著者：",
        stop: "。",
        colon: "：",
        quotes: ("「", "」"),
        comma: "、",
        chart: ("棒グラフ：", "、", " "),
        corrected_on: ("", "に訂正"),
        updated_on: ("", "に更新"),
        wrong: "誤り：",
        changed: "訂正内容：",
        as_of: ("", "時点の情報（古い可能性があります）"),
        kinds: ["国", "省", "直轄市", "都市", "区", "地域", "企業", "機関", "計画", "製品", "イベント", "人物", "産業"],
    },
    Words {
        tag: "fr",
        source: "Source : ",
        refers_to: "Période : ",
        note: "Note de la rédaction",
        more_about: ("En savoir plus sur ", ""),
        not_found: "Fait introuvable : ",
        not_found_entity: "Entrée introuvable : ",
        kind_in_place: (true, ", "),
        by: ", par ",
        stop: ". ",
        colon: " : ",
        quotes: ("« ", " »"),
        comma: ", ",
        chart: ("Diagramme en barres : ", " ; ", " "),
        corrected_on: ("Corrigé le ", ""),
        updated_on: ("Mis à jour le ", ""),
        wrong: "Ce qui était faux : ",
        changed: "Ce qui a changé : ",
        as_of: ("Situation : ", " (peut-être dépassée)"),
        kinds: [
            "pays",
            "province",
            "municipalité",
            "ville",
            "district",
            "zone",
            "entreprise",
            "institution",
            "plan",
            "produit",
            "événement",
            "personne",
            "industrie",
        ],
    },
    Words {
        tag: "es",
        source: "Fuente: ",
        refers_to: "Periodo: ",
        note: "Nota de la redacción",
        more_about: ("Más sobre ", ""),
        not_found: "Dato no encontrado: ",
        not_found_entity: "Entrada no encontrada: ",
        kind_in_place: (true, " en "),
        by: ", por ",
        stop: ". ",
        colon: ": ",
        quotes: ("\u{201C}", "\u{201D}"),
        comma: ", ",
        chart: ("Gráfico de barras: ", "; ", " "),
        corrected_on: ("Corregido el ", ""),
        updated_on: ("Actualizado el ", ""),
        wrong: "Qué estaba mal: ",
        changed: "Qué cambió: ",
        as_of: ("Datos de ", " (pueden estar desactualizados)"),
        kinds: [
            "país",
            "provincia",
            "municipio",
            "ciudad",
            "distrito",
            "zona",
            "empresa",
            "institución",
            "plan",
            "producto",
            "evento",
            "persona",
            "industria",
        ],
    },
];

/// The words for a language tag: by its primary subtag, else English.
pub fn words(tag: &str) -> &'static Words {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    WORDS.iter().find(|w| w.tag.eq_ignore_ascii_case(primary)).unwrap_or(&WORDS[0])
}

/// The language a card is shown in: one of its data set's.
#[derive(Clone, Copy, Debug)]
pub struct Lang<'a> {
    /// Index into [`DataSet::langs`].
    pub index: usize,
    /// The set's tag for it.
    pub tag: &'a str,
    /// The words around the fact (English when factcard has none for this language: see [`Lang::words_lang`]).
    pub words: &'static Words,
}

impl Lang<'_> {
    /// `Some(tag)` when the words are not in the card's language (English stands in), for a `lang` attribute.
    pub fn words_lang(&self) -> Option<&'static str> {
        (!self.tag.split(['-', '_']).next().unwrap_or("").eq_ignore_ascii_case(self.words.tag))
            .then_some(self.words.tag)
    }
}

impl DataSet {
    /// The language of the set that best serves a reader who asked for `tag` (see [`DataSet::lang_index`]).
    pub fn lang(&self, tag: &str) -> Lang<'_> {
        let index = self.lang_index(tag);
        let tag = self.langs.get(index).map_or("en", |s| s.as_str());
        Lang { index, tag, words: words(tag) }
    }

    /// The tag of language `i` of the set, `en` for a set that declares none.
    pub fn lang_tag(&self, i: usize) -> &str {
        self.langs.get(i).map_or("en", |s| s.as_str())
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

// ---- Texts -------------------------------------------------------------------------------------------------

/// A fact's texts in one language, falling back to the default language.
pub fn title<'a>(f: &'a Fact, lang: Lang) -> &'a str {
    f.title.pick(lang.index)
}

pub fn statement<'a>(f: &'a Fact, lang: Lang) -> &'a str {
    f.statement.pick(lang.index)
}

pub fn note<'a>(f: &'a Fact, lang: Lang) -> Option<&'a str> {
    f.note.as_ref().map(|n| n.pick(lang.index))
}

/// "Publisher, “Title”, 19 August 2021": the source as a line of text.
pub fn source_line(s: &Source, lang: Lang) -> String {
    let w = lang.words;
    let (q1, q2) = w.quotes;
    [&s.publisher, w.comma, q1, s.title.pick(lang.index), q2, w.comma, s.date_text.pick(lang.index)].concat()
}

/// A citation for copying: the fact's title, its source and address.
pub fn citation(ds: &DataSet, f: &Fact, lang: Lang) -> String {
    let s = ds.source_of(f);
    let w = lang.words;
    let mut out = [title(f, lang), w.stop, w.source].concat();
    out.push_str(&source_line(s, lang));
    if let Some(a) = &s.author {
        out.push_str(w.by);
        out.push_str(a);
    }
    if let Some(u) = &s.url {
        out.push_str(w.stop);
        out.push_str(u);
    }
    out
}

/// The card as plain text: for screen readers' summaries, `copy`, and feeds.
pub fn card_text(ds: &DataSet, f: &Fact, lang: Lang) -> String {
    let w = lang.words;
    let mut out = String::from(title(f, lang));
    out.push('\n');
    out.push_str(statement(f, lang));
    for g in &f.figures {
        out.push_str("\n- ");
        out.push_str(g.label.pick(lang.index));
        out.push_str(w.colon);
        out.push_str(g.text.pick(lang.index));
    }
    out.push('\n');
    out.push_str(w.source);
    out.push_str(&source_line(ds.source_of(f), lang));
    if let Some(n) = note(f, lang) {
        out.push('\n');
        out.push_str(w.note);
        out.push_str(w.colon);
        out.push_str(n);
    }
    for c in &f.corrections {
        out.push('\n');
        out.push_str(&[w.corrected_on.0, c.date_text.pick(lang.index), w.corrected_on.1, w.colon].concat());
        out.push_str(&correction_text(c, lang));
    }
    out
}

/// A correction as one line: "What was wrong: … What changed: …".
pub fn correction_text(c: &crate::model::Correction, lang: Lang) -> String {
    let (wrong, changed) = (c.wrong.pick(lang.index), c.changed.pick(lang.index));
    [lang.words.wrong, wrong, " ", lang.words.changed, changed].concat()
}

/// A text in language `lang` as `(text, Some(tag))` when it fell back to another language of the set, for its
/// element's `lang` attribute.
pub fn with_lang<'a>(ds: &'a DataSet, t: &'a Text, lang: Lang) -> (&'a str, Option<&'a str>) {
    let (s, i) = t.get(lang.index);
    (s, (i != lang.index).then(|| ds.lang_tag(i)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_combining_mark_cannot_join_the_tag_before_it() {
        assert_eq!(escape("\u{338} x"), "&#x338; x");
        assert_eq!(escape("e\u{301}"), "e\u{301}");
    }

    #[test]
    fn every_language_names_every_entity_kind_and_english_stands_in() {
        for w in &WORDS {
            assert!(w.kinds.iter().all(|k| !k.is_empty()), "{}", w.tag);
        }
        assert_eq!(words("zh-Hant-TW").tag, "zh");
        assert_eq!(words("sw").tag, "en");
        let ds = DataSet { langs: vec!["de".into(), "sw".into()], ..DataSet::default() };
        assert_eq!(ds.lang("de-AT").words_lang(), None);
        assert_eq!(ds.lang("sw").words_lang(), Some("en"));
    }

    /// `kinds` is indexed by `kind as usize`: English names each kind by its code, so a reordered list of kinds
    /// or of English words fails here; in every language each kind has a word of its own (a word left out and the
    /// next one doubled to keep the count fails).
    #[test]
    fn kind_words_follow_the_kinds_order() {
        for (i, k) in EntityKind::ALL.into_iter().enumerate() {
            assert_eq!(k as usize, i, "{k:?}");
            assert_eq!(WORDS[0].kinds[k as usize], k.code(), "{k:?}");
        }
        for w in &WORDS {
            let mut kinds = w.kinds.to_vec();
            kinds.sort_unstable();
            kinds.dedup();
            assert_eq!(kinds.len(), EntityKind::COUNT, "{}: a word twice", w.tag);
        }
    }
}
