//! A newsroom's daily work through the `factcard` tool: sheets exported from a spreadsheet (with every quirk of
//! the export), conversion both ways, corrections and updates on the card and in JSON-LD, stale facts, `diff`
//! before publishing, and the tool's manners (help, version, unknown options, --quiet, --json).

use std::path::{Path, PathBuf};

use super::run::{factcard, s, scratch, Run};

/// The set's languages, unit, source, topic and entity, in TOML beside the facts sheet.
const DATASET: &str = r#"[dataset]
languages = ["en", "zh"]

[[unit]]
id = "trip"
name.en = { one = "trip", other = "trips" }
name.zh = "人次"

[[source]]
id = "s"
publisher = "City Herald"
title = "Bus report"
date = "2024-03-01"

[[topic]]
id = "transport"
name.en = "Transport"
name.zh = "交通"

[[entity]]
id = "town"
name.en = "Town"
name.zh = "镇"
kind = "city"
"#;

/// A facts sheet as a spreadsheet exports it: a byte-order mark, CRLF line ends, quoted fields with commas,
/// quotes and a line break (CRLF too, read as a newline), a fact's second figure on the row below it, and an empty trailing row.
fn quirky_sheet() -> String {
    [
        "\u{feff}id,title.en,title.zh,statement.en,statement.zh,source,entities,topics,date,label.en,label.zh,amount,scale,unit,change",
        "bus-trips,Bus trips,公交出行,\"Buses carried 1.5 million trips, \"\"a record\"\",\r\nin 2023.\",2023年公交出行150万人次。,s,town,transport,2023,Trips,出行,1.5,million,trip,",
        ",,,,,,,,,Change,变化,4.2,,percent,TRUE",
        ",,,,,,,,,,,,,,",
        "",
    ]
    .join("\r\n")
}

fn newsroom(name: &str, facts: &str) -> PathBuf {
    let dir = scratch(&format!("newsroom-{name}"));
    std::fs::write(dir.join("dataset.toml"), DATASET).unwrap();
    std::fs::write(dir.join("facts.csv"), facts).unwrap();
    dir
}

#[test]
fn a_sheet_with_every_quirk_of_an_export_compiles() {
    let dir = newsroom("quirks", &quirky_sheet());
    let Run { code, out, err, .. } = factcard(&["check", s(&dir)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ok: 1 facts, 1 entities, 1 sources, 1 topics"), "{out}");
    let ds = factcard_dataset::read_and_compile(std::slice::from_ref(&dir)).unwrap();
    let f = ds.fact("bus-trips").unwrap();
    assert_eq!(f.statement.at(0), "Buses carried 1.5 million trips, \"a record\",\nin 2023.");
    assert_eq!(f.figures.len(), 2);
    assert_eq!(f.figures[0].text.to_vec(), ["1.5 million trips", "150万人次"]);
    assert!(f.figures[1].change);
    assert_eq!(f.figures[1].text.at(0), "+4.2%");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn sheet_errors_name_file_row_column_and_header_with_the_usual_hints() {
    // A misspelt header.
    let dir = newsroom(
        "header",
        &quirky_sheet().replace("statement.en", "statment.en").replace("statement.zh", "statment.zh"),
    );
    let Run { code, err, .. } = factcard(&["check", s(&dir)]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "facts.csv: row 1, column D (statment.en): unknown column `statment.en` (hint: did you mean `statement`?)"
        ),
        "{err}"
    );
    // A bad value in the second figure's row: its row (a quoted line break does not start a row), column, header.
    let dir2 = newsroom("cell", &quirky_sheet().replace(",percent,", ",precent,").replace(",town,", ",twon,"));
    let Run { code, err, .. } = factcard(&["check", s(&dir2)]);
    assert_eq!(code, 1);
    assert!(
        err.contains("facts.csv: row 2, column G (entities): unknown entity `twon` (hint: did you mean `town`?)"),
        "{err}"
    );
    assert!(
        err.contains("facts.csv: row 3, column N (unit): unknown unit `precent` (hint: did you mean `percent`?"),
        "{err}"
    );
    // The same errors for tools.
    let Run { code, out, .. } = factcard(&["check", "--json", s(&dir2)]);
    assert_eq!(code, 1);
    assert!(out.starts_with("{\"ok\":false,\"errors\":[{\"file\":"), "{out}");
    assert!(
        out.contains(
            "\"line\":3,\"column\":14,\"sheet\":true,\"header\":\"unit\",\"message\":\"unknown unit `precent`\""
        ),
        "{out}"
    );
    // A row that continues no fact, and a quote never closed.
    let dir3 = newsroom("orphan", "id,label,amount,unit\n,Trips,3,trip\n");
    let Run { err, .. } = factcard(&["check", s(&dir3)]);
    assert!(err.contains("facts.csv: row 2, column A (id): this row has no id and follows no fact"), "{err}");
    let dir4 = newsroom("quote", "id,title\nx,\"open\n");
    let Run { err, .. } = factcard(&["check", s(&dir4)]);
    assert!(err.contains("facts.csv: row 2, column B: a quoted field is never closed"), "{err}");
    // A required cell left empty, and a required column left out.
    let dir5 = newsroom("empty", &quirky_sheet().replace(",s,town,", ",,town,"));
    let Run { err, .. } = factcard(&["check", s(&dir5)]);
    assert!(err.contains("facts.csv: row 2, column F (source): `source` is empty, and is required"), "{err}");
    let dir6 = newsroom(
        "no-column",
        &quirky_sheet().replace(",source,", ",").replace(",s,town,", ",town,").replace("\n,,,,,,,,,C", "\n,,,,,,,,C"),
    );
    let Run { err, .. } = factcard(&["check", s(&dir6)]);
    assert!(err.contains("facts.csv: row 2 (source): the sheet has no `source` column, which is required"), "{err}");
    for d in [dir, dir2, dir3, dir4, dir5, dir6] {
        std::fs::remove_dir_all(&d).ok();
    }
}

/// Converts `from` to `to` format into a new folder and builds both into bundles: they must be the same bytes.
fn round_trip(name: &str, from: &Path, to: &str) -> PathBuf {
    round_trip_with(name, from, to, &[])
}

/// [`round_trip`], with more options for `convert`.
fn round_trip_with(name: &str, from: &Path, to: &str, more: &[&str]) -> PathBuf {
    let out = scratch(&format!("newsroom-{name}-{to}"));
    let Run { code, err, .. } = factcard(&[&["convert", s(from), "--to", to, "-o", s(&out)], more].concat());
    assert_eq!(code, 0, "{err}");
    let (a, b) = (out.join("a.facts"), out.join("b.facts"));
    assert_eq!(factcard(&["build", s(from), "-o", s(&a), "-q"]).code, 0);
    let Run { code, out: built, err, .. } = factcard(&["build", s(&out), "-o", s(&b), "--quiet"]);
    assert_eq!((code, built.as_str()), (0, ""), "{err}");
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "{name}: the bundles differ");
    std::fs::remove_file(&a).ok();
    std::fs::remove_file(&b).ok();
    out
}

#[test]
fn convert_round_trips_give_the_same_bundle_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, set) in [
        ("seeds", root.join("seeds")),
        ("hafen", root.join("tests/datasets/hafen")),
        ("sheets", root.join("examples/sheets")),
    ] {
        let csv = round_trip(name, &set, "csv");
        let toml = round_trip(&format!("{name}-back"), &csv, "toml");
        let again = round_trip(&format!("{name}-again"), &toml, "csv");
        assert_eq!(
            std::fs::read(csv.join("facts.csv")).unwrap(),
            std::fs::read(again.join("facts.csv")).unwrap(),
            "{name}: sheets written twice differ"
        );
        for d in [csv, toml, again] {
            std::fs::remove_dir_all(&d).ok();
        }
    }
}

#[test]
fn convert_with_semicolons_writes_decimal_commas_and_round_trips() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, set) in [
        ("semi-seeds", root.join("seeds")),
        ("semi-hafen", root.join("tests/datasets/hafen")),
        ("semi-pt", root.join("tests/sheets/pt-BR")),
    ] {
        let csv = round_trip_with(name, &set, "csv", &["--separator", ";"]);
        let facts = std::fs::read_to_string(csv.join("facts.csv")).unwrap();
        assert!(facts.starts_with("\u{feff}id;title"), "{name}: {facts}");
        let back = round_trip(&format!("{name}-back"), &csv, "toml");
        for d in [csv, back] {
            std::fs::remove_dir_all(&d).ok();
        }
    }
    // The Brazilian sheet's figures, as its Excel writes them.
    let csv = round_trip_with("semi-pt-figures", &root.join("tests/sheets/pt-BR"), "csv", &["--separator", ";"]);
    let facts = std::fs::read_to_string(csv.join("facts.csv")).unwrap();
    for cell in [";2,4;billion;", ";-2,4;;percent;;;true;", ";1234567;;count;", ";1234,5;;kilometer;", ";7,1;;percent;"]
    {
        assert!(facts.contains(cell), "{cell} in {facts}");
    }
    std::fs::remove_dir_all(&csv).ok();
    let Run { code, err, .. } = factcard(&["convert", "seeds", "--to", "toml", "--separator", ";", "-o", "x"]);
    assert!(code != 0 && err.contains("--separator is for --to csv"), "{err}");
    let Run { code, err, .. } = factcard(&["convert", "seeds", "--to", "csv", "--separator", "|", "-o", "x"]);
    assert!(code != 0 && err.contains("--separator is `,` or `;`, not `|`"), "{err}");
}

/// The figures of a fact: amount (digits, decimals, below zero), unit, and whether it is a change.
fn figures(ds: &factcard_core::model::DataSet, id: &str) -> Vec<(u64, u8, bool, String, bool)> {
    let f = ds.fact(id).unwrap_or_else(|| panic!("no fact {id}"));
    f.figures
        .iter()
        .map(|g| (g.value.amount.digits, g.value.amount.frac, g.value.amount.neg, g.value.unit.0.clone(), g.change))
        .collect()
}

/// A sheet as Excel writes it in these locales: `;`, CRLF, Windows-1252 (not UTF-8), no byte-order mark.
fn assert_excel_bytes(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "{}: not Windows-1252", path.display());
    assert!(bytes.starts_with(b"id;") && bytes.ends_with(b"\r\n"), "{}", path.display());
    assert!(!bytes.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'), "{}: a bare LF", path.display());
}

#[test]
fn sheets_as_excel_writes_them_in_brazil_germany_and_france_compile() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sheets");
    for locale in ["pt-BR", "de-DE", "fr-FR"] {
        for sheet in ["facts.csv", "sources.csv"] {
            assert_excel_bytes(&root.join(locale).join(sheet));
        }
        let Run { code, out, err, .. } = factcard(&["check", s(&root.join(locale))]);
        assert_eq!(code, 0, "{locale}: {err}");
        assert!(out.starts_with("ok: 1 facts, 1 entities, 1 sources, 1 topics"), "{locale}: {out}");
    }
    let read = |l: &str| factcard_dataset::read_and_compile(&[root.join(l)]).unwrap();
    let pt = read("pt-BR");
    let f = pt.fact("onibus-2024").unwrap();
    assert_eq!(f.title.at(0), "Viagens de ônibus em São Paulo");
    assert_eq!(
        f.statement.at(0),
        "Os ônibus fizeram 2,4 bilhões de viagens; a tarifa — R$ 5,00 ou € 0,90 — não mudou."
    );
    assert_eq!(f.figures[1].label.at(0), "Variação");
    let count = |d, f, neg, unit: &str, change| (d, f, neg, unit.to_string(), change);
    assert_eq!(
        figures(&pt, "onibus-2024"),
        [
            count(24, 1, false, "count", false),
            count(24, 1, true, "percent", true),
            count(1234567, 0, false, "count", false),
            count(12345, 1, false, "kilometer", false),
            count(71, 1, false, "percent", false),
        ]
    );
    assert_eq!(pt.sources[0].title.at(0), "Relatório anual de mobilidade – 2025");
    assert_eq!(pt.sources[0].date, "2025-12-31");
    let de = read("de-DE");
    let f = de.fact("strassenbahn-2024").unwrap();
    assert_eq!(f.title.at(0), "Straßenbahn-Fahrgäste");
    assert!(f.statement.at(0).ends_with("– ein Plus von 4,2 % („Rekord“)."), "{}", f.statement.at(0));
    assert_eq!(
        figures(&de, "strassenbahn-2024"),
        [
            count(12345, 1, false, "count", false),
            count(42, 1, false, "percent", true),
            count(1275, 2, true, "percent", true)
        ]
    );
    assert_eq!(f.figures[0].text.at(0), "1,2345 Milliarden");
    assert_eq!(f.corrections[0].date, "2025-01-15");
    assert_eq!(de.sources[0].date, "2025-12-31");
    assert_eq!(de.sources[0].title.at(0), "Fahrgastzahlen 2024 – Jahresbericht für Berlin");
    let fr = read("fr-FR");
    let f = fr.fact("metro-2024").unwrap();
    assert_eq!(
        f.statement.at(0),
        "Le métro a transporté 1,5 milliard de voyageurs ; c'est le cœur du réseau d'Île-de-France."
    );
    assert_eq!(fr.sources[0].publisher, "Île-de-France Mobilités");
    assert_eq!(
        figures(&fr, "metro-2024"),
        [
            count(15, 1, false, "count", false),
            count(3, 1, true, "percent", true),
            count(12345, 1, false, "kilometer", false)
        ]
    );
}

#[test]
fn every_bad_cell_of_a_sheet_is_reported_in_one_run_with_the_hint_of_its_kind_of_sheet() {
    let dir = scratch("newsroom-bad-cells");
    std::fs::write(dir.join("dataset.toml"), "[dataset]\nlanguages = [\"pt\"]\n\n[[topic]]\nid = \"t\"\nname = \"T\"\n\n[[entity]]\nid = \"e\"\nname = \"E\"\nkind = \"city\"\n\n[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\ndate = \"2025-01-01\"\n").unwrap();
    let rows = [
        "id;title;statement;source;entities;topics;date;label;amount;unit;change",
        "a;Ônibus;Três.;s;e;t;31/02/2025;Viagens;1.234;count;FALSO",
        ";;;;;;;Variação;2,4;precent;TALVEZ",
        ";;;;;;;Frota;2,4,5;count;",
        ";;;;;;;Parte;7,1%;count;;sobra",
        "b;Dois;S.;;e;t;01/03/2025;L;1;count;",
        "c;;S.;s;e;t;2025;L;1;count;",
    ];
    let bytes: Vec<u8> = rows.join("\r\n").chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    std::fs::write(dir.join("facts.csv"), bytes).unwrap();
    let Run { code, err, .. } = factcard(&["check", s(&dir)]);
    assert_eq!(code, 1, "{err}");
    let mut last = 0;
    for want in [
        "facts.csv: row 2, column G (date): date `31/02/2025` is not an ISO 8601 date or period",
        "facts.csv: row 2, column I (amount): `1.234` could be 1234 or 1.234 (hint: in a sheet separated by `;`, as Excel writes it in Brazil, Germany or France, a comma is the decimal mark: write 1234 for the thousands, or 1,234 for the decimal)",
        "facts.csv: row 3, column J (unit): unknown unit `precent`",
        "facts.csv: row 3, column K (change): `TALVEZ` is neither true nor false (hint: write TRUE or FALSE",
        "facts.csv: row 4, column I (amount): `2,4,5` is not a number (hint: A sheet separated by `;`",
        "facts.csv: row 5, column I (amount): `7,1%` has a percent sign, but the unit is not `percent` (hint: write 7,1 in this cell and `percent` in the figure's unit column)",
        "facts.csv: row 5, column L: `sobra` is in a column without a header",
        "facts.csv: row 6, column D (source): `source` is empty, and is required",
        "facts.csv: row 6, column G (date): date `01/03/2025` is not an ISO 8601 date or period (hint: write YYYY, YYYY-MM, YYYY-MM-DD or an interval START/END such as 2022-01/2022-09: 2025-03-01 if the day is meant (a spreadsheet may turn a month such as 2024-03 into a day: format the column as text))",
        "facts.csv: row 7, column B (title): `title` is empty, and is required",
        "10 error(s)",
    ] {
        // Every one, in the order of the sheet's rows and columns.
        let at = err.find(want).unwrap_or_else(|| panic!("{want}\nnot in:\n{err}"));
        assert!(at >= last, "{want}\nout of order in:\n{err}");
        last = at;
    }
    // A sheet separated by commas keeps its points, and a decimal comma gets the hint for it.
    let comma = "id,title,statement,source,entities,topics,date,label,amount,unit\r\na,T,S.,s,e,t,2025,L,\"2,4\",count\r\n,,,,,,,M,1.234,count\r\n";
    std::fs::write(dir.join("facts.csv"), comma).unwrap();
    let Run { err, .. } = factcard(&["check", s(&dir)]);
    assert!(err.contains("facts.csv: row 2, column I (amount): `2,4` has a comma, which a sheet separated by `,` does not read (hint: a sheet separated by `,` takes a point before the decimals and no grouping (2.4, 1234.5); a sheet separated by `;`"), "{err}");
    assert!(err.ends_with("1 error(s)\n"), "{err}");
    // A UTF-8 sheet with one byte that is not: refused at its row and column, never read garbled.
    let mut broken = "id;title\r\na;São\r\nb;".as_bytes().to_vec();
    broken.extend(b"Ni\xf1o\r\n");
    std::fs::write(dir.join("facts.csv"), broken).unwrap();
    let Run { err, .. } = factcard(&["check", s(&dir)]);
    assert!(err.contains("facts.csv: row 3, column B: the sheet is UTF-8 but for a byte that is not"), "{err}");
    assert!(err.contains("(hint: save it from the spreadsheet as \"CSV UTF-8\""), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_template_sheets_compile_and_show_a_correction_in_both_languages() {
    let Run { code, out, err, .. } = factcard(&["check", "examples/sheets"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("riverton-bus-trips-2024: corrected on 2025-03-04: What was wrong: The first version"),
        "{out}"
    );
    assert!(out.contains("riverton-fleet-2024: updated on 2025-02-20"), "{out}");
    let Run { out: en, .. } =
        factcard(&["render", "examples/sheets", "--fact", "riverton-bus-trips-2024", "--lang", "en"]);
    assert!(
        en.contains("<details class=\"corrections\" part=\"corrections\"><summary>Corrected on <time>4 March 2025</time></summary>"),
        "{en}"
    );
    assert!(
        en.contains("<p>What was wrong: The first version gave 12.1 million trips, the figure for 2023.</p>"),
        "{en}"
    );
    let Run { out: zh, .. } =
        factcard(&["render", "examples/sheets", "--fact", "riverton-bus-trips-2024", "--lang", "zh"]);
    assert!(zh.contains("<summary>更正于<time>2025年3月4日</time></summary>"), "{zh}");
    assert!(zh.contains("<p>更正内容：现已改为报告中的1240万人次。</p>"), "{zh}");
    // The JSON-LD: when it was modified, and the correction.
    for out in [&en, &zh] {
        assert!(out.contains("\"dateModified\":\"2025-03-04\",\"correction\":[{\"@type\":\"CorrectionComment\",\"datePublished\":\"2025-03-04\",\"text\":"), "{out}");
    }
    let Run { out: fleet, .. } =
        factcard(&["render", "examples/sheets", "--fact", "riverton-fleet-2024", "--lang", "de"]);
    assert!(
        fleet.contains("<p class=\"updated\" part=\"updated\">Updated on <time>20 February 2025</time></p>"),
        "{fleet}"
    );
    assert!(fleet.contains("\"dateModified\":\"2025-02-20\"") && !fleet.contains("correction"), "{fleet}");
}

#[test]
fn a_fact_older_than_its_topic_allows_says_as_of_up_front() {
    let stale = newsroom("stale", &quirky_sheet());
    let toml = std::fs::read_to_string(stale.join("dataset.toml")).unwrap();
    std::fs::write(
        stale.join("dataset.toml"),
        toml.replace("name.zh = \"交通\"", "name.zh = \"交通\"\nstale_after = \"P1Y\""),
    )
    .unwrap();
    let Run { out, .. } = factcard(&["render", s(&stale), "--fact", "bus-trips", "--lang", "zh"]);
    assert!(
        out.contains("</h3><p class=\"stale\" part=\"stale\">截至<time>2023年</time>，数据可能已过时</p>"),
        "{out}"
    );
    let Run { out, .. } = factcard(&["check", s(&stale)]);
    assert!(out.contains("possibly out of date, shown \"as of\" (1): bus-trips"), "{out}");
    // The fact's own limit wins over its topic's; and by default nothing is stale.
    let sheet = quirky_sheet()
        .replace(",label.en", ",stale_after,label.en")
        .replace(",2023,Trips", ",2023,P100Y,Trips")
        .replace("\r\n,", "\r\n,,");
    std::fs::write(stale.join("facts.csv"), sheet).unwrap();
    let Run { out, err, .. } = factcard(&["render", s(&stale), "--fact", "bus-trips"]);
    assert!(!out.contains("stale") && out.contains("1.5 million trips"), "{out}{err}");
    let fresh = newsroom("fresh", &quirky_sheet());
    let Run { out, .. } = factcard(&["render", s(&fresh), "--fact", "bus-trips"]);
    assert!(!out.contains("class=\"stale\""), "{out}");
    let bad = newsroom("bad-duration", &quirky_sheet());
    std::fs::write(
        bad.join("dataset.toml"),
        toml.replace("name.zh = \"交通\"", "name.zh = \"交通\"\nstale_after = \"2 years\""),
    )
    .unwrap();
    let Run { err, .. } = factcard(&["check", s(&bad)]);
    assert!(err.contains("stale_after `2 years` is not a duration (hint: write an ISO 8601 duration"), "{err}");
    for d in [stale, fresh, bad] {
        std::fs::remove_dir_all(&d).ok();
    }
}

#[test]
fn diff_flags_a_silent_change_and_accepts_an_explained_one() {
    let old = newsroom("diff-old", &quirky_sheet());
    let new = newsroom("diff-new", &quirky_sheet().replace(",1.5,million", ",1.6,million"));
    let Run { code, out, .. } = factcard(&["diff", s(&old), s(&new)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("changed  bus-trips\n  figure: 1.5 million trips -> 1.6 million trips\n  SILENT"), "{out}");
    assert!(out.ends_with("0 added, 0 removed, 1 changed; 1 silent change (add a [[fact.corrections]] entry or an `updated` date to each)\n"), "{out}");
    // A bundle against data files, as JSON.
    let bundle = old.join("old.facts");
    assert_eq!(factcard(&["build", s(&old), "-o", s(&bundle), "-q"]).code, 0);
    let Run { code, out, .. } = factcard(&["diff", "--json", s(&bundle), s(&new)]);
    assert_eq!(code, 1);
    assert!(out.contains("\"figures\":[{\"before\":\"1.5 million trips\",\"after\":\"1.6 million trips\"}],\"explained\":[],\"silent\":true}],\"ok\":false}"), "{out}");
    std::fs::remove_file(&bundle).unwrap();
    // With a correction, the same change is explained.
    let corrected = quirky_sheet()
        .replace(",1.5,million", ",1.6,million")
        .replace(",change\r\n", ",change,correction_date,correction_wrong,correction_changed\r\n")
        .replace(",trip,\r\n", ",trip,,2024-03-05,The trips were 1.5 million.,They are 1.6 million.\r\n");
    std::fs::write(new.join("facts.csv"), corrected).unwrap();
    let Run { code, out, err, .. } = factcard(&["diff", s(&old), s(&new)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("  corrected on 2024-03-05: What was wrong: The trips were 1.5 million. What changed: They are 1.6 million.\n"), "{out}");
    assert!(!out.contains("SILENT"), "{out}");
    // Added and removed facts.
    let Run { code, out, .. } = factcard(&["diff", "examples/sheets", s(&new)]);
    assert_eq!(code, 0);
    assert!(out.contains("added    bus-trips\n") && out.contains("removed  riverton-fleet-2024\n"), "{out}");
    for d in [old, new] {
        std::fs::remove_dir_all(&d).ok();
    }
}

#[test]
fn the_tool_behaves_like_one() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let Run { code, out, err, .. } = factcard(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("Usage:\n  factcard check") && out.contains("factcard diff OLD NEW"), "{out}");
    }
    let Run { code, out, .. } = factcard(&["help", "convert"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Usage: factcard convert FILE|DIR... --to csv|toml -o DIR"), "{out}");
    let Run { code, out, .. } = factcard(&["site", "--help"]);
    assert!(code == 0 && out.starts_with("Usage: factcard site"), "{out}");
    let Run { code, out, .. } = factcard(&["--version"]);
    assert_eq!((code, out.trim()), (0, concat!("factcard ", env!("CARGO_PKG_VERSION"))));
    let Run { code, err, .. } = factcard(&["check", "seeds", "--frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("unexpected argument '--frobnicate'"), "{err}");
    let Run { code, err, .. } = factcard(&["chek", "seeds"]);
    assert!(code == 2 && err.contains("unrecognized subcommand 'chek'") && err.contains("exists: 'check'"), "{err}");
    let Run { code, err, .. } = factcard(&["check"]);
    assert!(code == 2 && err.contains("required arguments were not provided:\n  <FILE|DIR>..."), "{err}");
    // Quiet, and piped: no progress, no summary.
    let Run { code, out, err, .. } = factcard(&["check", "seeds", "-q"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let site = scratch("newsroom-site");
    let Run { code, out, err, .. } = factcard(&["site", "seeds", "-o", s(&site)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("89 facts: ") && err.is_empty(), "a piped run shows no progress: {err}");
    std::fs::remove_dir_all(&site).ok();
    let Run { code, out, .. } = factcard(&["check", "--json", "seeds"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("{\"ok\":true,\"facts\":89,"), "{out}");
}

/// A copy of `seeds/` (its files and its `facts/` folder) in a scratch folder.
fn copy_of_seeds(name: &str) -> PathBuf {
    let dir = scratch(&format!("newsroom-{name}"));
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for sub in ["", "facts"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for e in std::fs::read_dir(seeds.join(sub)).unwrap().flatten().filter(|e| e.path().is_file()) {
            std::fs::copy(e.path(), dir.join(sub).join(e.file_name())).unwrap();
        }
    }
    dir
}

/// The lists of `factcard site --json`: added, changed, removed (sorted), and the number unchanged.
fn site_json(set: &Path, out: &Path) -> ([Vec<String>; 3], usize) {
    let Run { code, out: json, err, .. } = factcard(&["site", s(set), "-o", s(out), "--json"]);
    assert_eq!(code, 0, "{err}");
    let list = |k: &str| -> Vec<String> {
        let inner = json.split(&format!("\"{k}\":[")).nth(1).unwrap().split(']').next().unwrap();
        let mut v: Vec<String> =
            inner.split(',').filter(|x| !x.is_empty()).map(|x| x.trim_matches('"').into()).collect();
        v.sort();
        v
    };
    ([list("added"), list("changed"), list("removed")], number(&json, "unchanged"))
}

/// The number `key` of a JSON object's text.
fn number(json: &str, key: &str) -> usize {
    let after = json.split(&format!("\"{key}\":")).nth(1).unwrap();
    after.split([',', '}']).next().unwrap().trim().parse().unwrap()
}

/// How many cards `factcard site` renders publishing `set` into `out`.
fn rendered(set: &Path, out: &Path) -> usize {
    let Run { code, out: json, err, .. } = factcard(&["site", s(set), "-o", s(out), "--json"]);
    assert_eq!(code, 0, "{err}");
    number(&json, "rendered")
}

#[test]
fn a_correction_rewrites_only_the_files_it_touches() {
    let set = copy_of_seeds("inc-set");
    let out = scratch("newsroom-inc-site").join("data");
    let id = "hongyan-truck-exports-2020";
    let ([added, changed, removed], unchanged) = site_json(&set, &out);
    assert!(added.len() > 2 * 89 && changed.is_empty() && removed.is_empty() && unchanged == 0, "{added:?}");
    assert!(added.contains(&"_headers".to_string()) && added.iter().any(|p| p.starts_with("desk.")));
    // Cards are named by their version (format 2), which the desk's file of each fact gives.
    let version = |id: &str| {
        let desk = std::fs::read_to_string(out.join(format!("desk/f/{id}.json"))).unwrap();
        desk.split("\"version\":\"").nth(1).unwrap()[..8].to_string()
    };
    let other = out.join(format!("en/hongyan-export-target-2021.{}.html", version("hongyan-export-target-2021")));
    let time = std::fs::metadata(&other).unwrap().modified().unwrap();
    let v1 = version(id);
    // One figure corrected: that fact's new cards and the new index parts and bundle that name them are added;
    // set.json (which names them and, for a set this small, gives the versions), _headers and the fact's desk file
    // change; nothing is removed (the old
    // files stay for the pages and caches that still name them).
    let file = set.join("facts/000-cgtn-chongqing-atg.toml");
    let toml = std::fs::read_to_string(&file).unwrap();
    let at = toml.find(&format!("id = \"{id}\"")).unwrap();
    let fixed = toml[at..].replacen("amount = 1500", "amount = 1600", 1);
    std::fs::write(&file, format!("{}{fixed}", &toml[..at])).unwrap();
    let ([added, changed, removed], unchanged) = site_json(&set, &out);
    let v2 = version(id);
    assert!(removed.is_empty() && v1 != v2, "{removed:?}");
    let cards: Vec<&String> = added.iter().filter(|p| p.ends_with(".html")).collect();
    assert_eq!(cards, [&format!("en/{id}.{v2}.html"), &format!("zh/{id}.{v2}.html")], "{added:?}");
    for start in ["facts.", "search/meta.", "search/ids"] {
        assert!(added.iter().any(|p| p.starts_with(start)), "no {start}… in {added:?}");
    }
    assert!(!added.iter().any(|p| p.starts_with("versions/")), "{added:?}");
    assert_eq!(changed, ["_headers".to_string(), format!("desk/f/{id}.json"), "set.json".into()]);
    assert!(added.len() < 20 && unchanged > 2 * 89, "{added:?} {unchanged}");
    assert_eq!(std::fs::metadata(&other).unwrap().modified().unwrap(), time, "an unchanged card was rewritten");
    assert!(std::fs::read_to_string(out.join(format!("en/{id}.{v2}.html"))).unwrap().contains("1,600"));
    assert!(std::fs::read_to_string(out.join(format!("en/{id}.{v1}.html"))).unwrap().contains("1,500"));
    // Again, unchanged: nothing written, nothing removed (a run that changes nothing is no new publish), no card
    // rendered (each is found as the last publish built it).
    let (lists, again) = site_json(&set, &out);
    assert!(lists.iter().all(Vec::is_empty) && again == unchanged + changed.len() + added.len(), "{lists:?}");
    assert_eq!(rendered(&set, &out), 0);
    // The fact removed: its desk file (an entry file) goes at once; its cards stay while one of the last two
    // publishes names them (the correction's, v2, and the first's, v1, as the correction's previous publish).
    let toml = std::fs::read_to_string(&file).unwrap();
    let start = toml[..toml.find(&format!("id = \"{id}\"")).unwrap()].rfind("[[fact]]").unwrap();
    let end = start + 8 + toml[start + 8..].find("[[fact]]\n").unwrap();
    std::fs::write(&file, format!("{}{}", &toml[..start], &toml[end..])).unwrap();
    let ([added, _, removed], _) = site_json(&set, &out);
    assert!(added.iter().all(|p| !p.contains(id)), "{added:?}");
    assert_eq!(removed, [format!("desk/f/{id}.json")]);
    let card = |v: &str| out.join(format!("en/{id}.{v}.html"));
    assert!(card(&v1).exists() && card(&v2).exists());
    // The next publish: the first publish's files go (v1's cards among them), the correction's stay.
    std::fs::write(&file, std::fs::read_to_string(&file).unwrap().replacen("amount = ", "amount = 1", 1)).unwrap();
    let ([_, _, removed], _) = site_json(&set, &out);
    for p in [format!("en/{id}.{v1}.html"), format!("zh/{id}.{v1}.html")] {
        assert!(removed.contains(&p), "{p} not in {removed:?}");
    }
    assert!(removed.iter().all(|p| !p.contains(&v2)) && card(&v2).exists() && !card(&v1).exists(), "{removed:?}");
    // And the one after: v2's too.
    std::fs::write(&file, std::fs::read_to_string(&file).unwrap().replacen("amount = 1", "amount = 2", 1)).unwrap();
    let ([_, _, removed], _) = site_json(&set, &out);
    assert!(removed.contains(&format!("en/{id}.{v2}.html")) && !card(&v2).exists(), "{removed:?}");
    std::fs::remove_dir_all(&set).ok();
    std::fs::remove_dir_all(out.parent().unwrap()).ok();
}

/// `--entry-max-age SECONDS`: the entry files' lifetime in the `_headers` that `factcard site` writes (a test's cache
/// in front of the folder expires them in seconds); files named by their content stay immutable; a bad value is
/// refused with a clear message.
#[test]
fn site_entry_max_age_sets_the_entry_files_lifetime() {
    let dir = scratch("newsroom-entry-max-age");
    let set = newsroom("entry-max-age-set", &quirky_sheet());
    let headers = |args: &[&str]| {
        let out = dir.join("site");
        let Run { code, err, .. } = factcard(&[&["site", s(&set), "-o", s(&out), "-q"], args].concat());
        assert_eq!(code, 0, "{err}");
        std::fs::read_to_string(out.join("_headers")).unwrap()
    };
    let values = |text: &str| -> Vec<String> {
        let mut v: Vec<String> =
            text.lines().filter_map(|l| l.strip_prefix("  Cache-Control: ")).map(String::from).collect();
        v.sort();
        v.dedup();
        v
    };
    let immutable = "public, max-age=31536000, immutable".to_string();
    assert_eq!(values(&headers(&[])), ["public, max-age=300, must-revalidate".into(), immutable.clone()]);
    let short = headers(&["--entry-max-age", "2"]);
    assert_eq!(values(&short), ["public, max-age=2, must-revalidate".into(), immutable], "{short}");
    for bad in ["-5", "soon", "99999999999"] {
        let Run { code, err, .. } = factcard(&["site", s(&set), "-o", s(&dir.join("bad")), "--entry-max-age", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(err.contains("--entry-max-age") && !err.contains("panicked"), "{bad}: {err}");
    }
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&set).ok();
}
