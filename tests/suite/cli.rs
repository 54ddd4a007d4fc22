//! The `factcard` command-line tool, run as a user runs it.

use super::run::{command, factcard, scratch, Run};

#[test]
fn check_accepts_the_seeds() {
    let Run { ok, out, err, .. } = factcard(&["check", "seeds"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("ok: "), "{out}");
}

#[test]
fn check_reports_every_error_with_its_place_and_fails() {
    let dir = std::env::temp_dir().join(format!("factcard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[[topic]]\nid = \"Bad Id\"\nname = \"x\"\n\n\n[[topic]]\nid = \"ok\"\nname = \"\"\n")
        .unwrap();
    let Run { ok, err, .. } = factcard(&["check", bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("bad.toml:2:6: topic id `Bad Id` is not valid"), "{err}");
    assert!(err.contains("bad.toml:8:8: name is empty"), "{err}");
    assert!(err.contains("2 error(s)"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn render_prints_escaped_card_html() {
    let Run { ok, out, err, .. } =
        factcard(&["render", "seeds", "--fact", "liangjiang-expo-signed-investment", "--lang", "zh"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("<article class=\"card\""), "{out}");
    assert!(out.contains("463亿元（约69.5亿美元）"), "{out}");
    let Run { ok, err, .. } = factcard(&["render", "seeds", "--fact", "nope"]);
    assert!(!ok && err.contains("no fact with id `nope`"), "{err}");
}

/// Writes `text` as one facts file in a fresh folder and runs `factcard check` on it.
fn check_file(name: &str, text: &str) -> Run {
    let dir = std::env::temp_dir().join(format!("factcard-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.toml"));
    std::fs::write(&file, text).unwrap();
    let out = factcard(&["check", file.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    out
}

const BUS: &str = r#"[[source]]
id = "s"
publisher = "City Herald"
title = "Bus report"
date = "2024-03-01"

[[topic]]
id = "transport"
name = "Transport"

[[entity]]
id = "town"
name = "Town"
kind = "city"

[[unit]]
id = "trip"
name = { one = "trip", other = "trips" }

[[fact]]
id = "bus-trips"
title = "Bus trips"
statement = "Buses carried riders on 1.5 million trips."
source = "s"
entities = ["town"]
topics = ["transport"]
date = "2023"

[[fact.figures]]
label = "Trips"
amount = 1.5
scale = "million"
unit = "trip"
"#;

#[test]
fn an_english_only_set_with_its_own_unit_needs_no_language_markup() {
    let Run { ok, out, err, .. } = check_file("bus", BUS);
    assert!(ok, "{err}");
    assert!(out.starts_with("ok: 1 facts"), "{out}");
    let Run { ok, out, err, .. } = {
        let dir = std::env::temp_dir().join(format!("factcard-cli-render-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("bus.toml"), BUS).unwrap();
        let r = factcard(&["render", dir.to_str().unwrap(), "--fact", "bus-trips", "--lang", "fr-CA"]);
        std::fs::remove_dir_all(&dir).ok();
        r
    };
    assert!(ok, "{err}");
    // A reader's language the set lacks gets the default language.
    assert!(out.contains("lang=\"en\"") && out.contains("1.5 million trips"), "{out}");
}

#[test]
fn new_errors_name_their_place_and_a_way_out() {
    let cases: [(&str, String, &str); 6] = [
        (
            "stray-language",
            BUS.replace("title = \"Bus trips\"", "title = \"Bus trips\"\nnote.fr = \"x\""),
            "the data set has no language `fr`",
        ),
        (
            "no-default",
            BUS.replace("title = \"Bus trips\"", "title.de = \"Busfahrten\"").replacen(
                "[[source]]",
                "[dataset]\nlanguages = [\"en\", \"de\"]\n\n[[source]]",
                1,
            ),
            "title has no text in the default language `en`",
        ),
        ("bad-tag", format!("[dataset]\nlanguages = [\"en_GB!\"]\n{BUS}"), "is not a language tag"),
        (
            "bad-unit",
            BUS.replace("unit = \"trip\"", "unit = \"trips\""),
            "unknown unit `trips` (hint: did you mean `trip`?",
        ),
        (
            "unit-name",
            BUS.replace(
                "name = { one = \"trip\", other = \"trips\" }",
                "name.de = { one = \"Fahrt\", other = \"Fahrten\" }",
            )
            .replacen("[[source]]", "[dataset]\nlanguages = [\"en\", \"de\"]\n\n[[source]]", 1),
            "unit `trip` has no name in the default language `en`",
        ),
        (
            "no-rate",
            BUS.replace(
                "unit = \"trip\"",
                "unit = \"GBP\"\nconverted = { amount = 2, scale = \"million\", unit = \"CHF\" }",
            ),
            "no rate is known for GBP and CHF in 2024",
        ),
    ];
    for (name, text, want) in cases {
        let Run { ok, err, .. } = check_file(name, &text);
        assert!(!ok, "{name}: accepted");
        assert!(err.contains(want) && err.contains(&format!("{name}.toml:")), "{name}: {err}");
    }
}

/// `factcard serve`: start it, change a file and see the new text, break the file and see the error (the last
/// good build still served), stop it.
#[test]
fn serve_rebuilds_on_change_and_shows_errors() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::time::{Duration, Instant};

    let dir = std::env::temp_dir().join(format!("factcard-serve-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("facts.toml");
    let good =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pages/fixtures/own/facts.toml")).unwrap();
    std::fs::write(&file, &good).unwrap();
    let mut child =
        command(&["serve", dir.to_str().unwrap(), "--port", "0", "--pkg", dir.join("no-pkg").to_str().unwrap()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let port: u16 = first
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{first}"));
    assert!(first.contains("the desk over 2 facts"), "{first}");
    let get = |path: &str| -> String {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    };
    // What `path` answers, once it contains `what` (a rebuild takes a moment, and may see a file half written).
    let wait_for = |path: &str, what: &str| {
        let start = Instant::now();
        loop {
            let got = get(path);
            if got.contains(what) {
                return got;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "no {what} in {got}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    // The card of port-cranes as the folder has it now: named by its version (format 2), which its desk file gives.
    let card = || {
        let desk = get("/data/desk/f/port-cranes.json");
        let v = desk.split("\"version\":\"").nth(1).map_or("", |x| &x[..8]).to_string();
        get(&format!("/data/en/port-cranes.{v}.html"))
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let to_desk = get("/");
        assert!(to_desk.starts_with("HTTP/1.1 302 Found\r\n") && to_desk.contains("\r\nLocation: /data/\r\n"));
        let page = get("/data/");
        assert!(page.contains("<title>Fact desk</title>") && page.contains("/__factcard/live.js"), "{page}");
        assert!(get("/data/desk/f/port-cranes.json").contains("installed twelve container cranes"));
        assert!(card().contains("installed twelve container cranes"));
        assert!(get("/data/../Cargo.toml").starts_with("HTTP/1.1 403"));
        assert!(get("/__factcard/state").contains("{\"build\":1,\"errors\":[]}"));
        // A change: a new build, with the new text.
        std::fs::write(&file, good.replace("installed twelve", "installed thirteen")).unwrap();
        wait_for("/data/desk/f/port-cranes.json", "installed thirteen container cranes");
        assert!(card().contains("installed thirteen container cranes"));
        // A mistake: the errors with file:line:column and the hint; the last good build is still served.
        std::fs::write(
            &file,
            good.replace("installed twelve", "installed thirteen").replacen(
                "entities = [\"river-port\"]",
                "entities = [\"river-prt\"]",
                1,
            ),
        )
        .unwrap();
        let state = wait_for("/__factcard/state", "(hint: did you mean `river-port`?)");
        assert!(
            state.contains("facts.toml:32:13: unknown entity `river-prt` (hint: did you mean `river-port`?)"),
            "{state}"
        );
        assert!(card().contains("installed thirteen container cranes"));
        // Fixed: served again, the errors gone.
        std::fs::write(&file, &good).unwrap();
        wait_for("/data/desk/f/port-cranes.json", "installed twelve container cranes");
        assert!(card().contains("installed twelve container cranes"));
        assert!(get("/__factcard/state").contains("\"errors\":[]"));
    }));
    child.kill().unwrap();
    assert!(!child.wait().unwrap().success(), "stopped");
    std::fs::remove_dir_all(&dir).ok();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn inline_writes_cards_into_a_site_and_fails_on_an_unknown_id_before_writing() {
    let dir = std::env::temp_dir().join(format!("factcard-cli-inline-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("posts")).unwrap();
    let page = "<html><head><script type=\"module\" src=\"/f/factcard.js\"></script></head><body>\n\
                <fact-card fact=\"hongyan-truck-exports-2020\">Hongyan</fact-card></body></html>";
    let bad =
        "<html><body><script src=\"/f/factcard.js\"></script>\n\n<fact-card fact=\"nope\"></fact-card></body></html>";
    std::fs::write(dir.join("a.html"), page).unwrap();
    std::fs::write(dir.join("posts/b.html"), bad).unwrap();
    let d = dir.to_str().unwrap();
    // An unknown id fails the run, naming its page and line, and no page is written.
    let Run { ok, err, .. } = factcard(&["inline", d]);
    assert!(!ok && err.contains("b.html: line 3: no fact with id `nope`"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("a.html")).unwrap(), page);
    // With --allow-missing, a warning; the known card is written in, once.
    let Run { ok, out, err, .. } = factcard(&["inline", d, "--allow-missing"]);
    assert!(ok, "{err}");
    assert!(err.contains("b.html:3: nope: unknown id"), "{err}");
    assert!(
        out.starts_with("inlined 1 cards, 0 mentions (0 of them autolinked) and 0 search boxes in 1 of 2 pages"),
        "{out}"
    );
    let a = std::fs::read_to_string(dir.join("a.html")).unwrap();
    assert!(a.contains("<link rel=\"stylesheet\" href=\"/f/factcard-inline.css\"></head>"), "{a}");
    let Run { ok, out, .. } = factcard(&["inline", d, "--allow-missing", "--json"]);
    assert!(ok && out.contains("\"changed\":0"), "{out}");
    assert_eq!(std::fs::read_to_string(dir.join("a.html")).unwrap(), a);
    // render --element prints what inline writes.
    let Run { ok, out, .. } = factcard(&[
        "render",
        "seeds",
        "--fact",
        "hongyan-truck-exports-2020",
        "--element",
        "--css",
        "/f/factcard-inline.css",
    ]);
    assert!(ok);
    let tpl = |s: &str| s[s.find("<template").unwrap()..s.find("</template>").unwrap()].to_string();
    assert_eq!(tpl(&out), tpl(&a));
    // The start tags the same too (the fact's version on both), but for the line break before the shadow root.
    let tag = |s: &str| s[s.find("<fact-card").unwrap()..s.find("<template").unwrap()].trim().to_string();
    assert!(tag(&a).contains(" data-version=\""), "{a}");
    assert_eq!(tag(&out), tag(&a));
    // An option of another command: named, with the nearest one this command takes.
    let Run { ok, err, .. } = factcard(&["inline", d, "--fact", "x"]);
    assert!(!ok && err.contains("unexpected argument '--fact'") && err.contains("similar argument exists: '--facts'"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Runs `factcard` with its stdout a pipe whose reading end is already closed (as `factcard … | head` is once
/// `head` has read its lines): every write gets EPIPE. Returns the exit status and stderr.
fn into_closed_pipe(args: &[&str]) -> (std::process::ExitStatus, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = command(args).stdout(writer).stderr(std::process::Stdio::piped()).output().unwrap();
    (out.status, String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn a_closed_stdout_ends_quietly_as_unix_tools_do() {
    use std::os::unix::process::ExitStatusExt;
    let cases: [&[&str]; 6] = [
        &["--help"],
        &["help", "check"],
        &["--version"],
        &["completions", "bash"],
        &["check", "seeds"],
        &["render", "seeds", "--fact", "liangjiang-expo-signed-investment"],
    ];
    for args in cases {
        let (status, err) = into_closed_pipe(args);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(status.signal(), None, "{args:?}: killed by a signal ({status})");
        // 141 (128 + SIGPIPE) is what a shell reports for a Unix tool stopped by its closed pipe.
        assert_eq!(status.code(), Some(141), "{args:?}: {status} {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
    // Reading a few bytes and closing the pipe, as `factcard render … | head -c 10` does.
    let mut child = command(&["render", "seeds", "--fact", "liangjiang-expo-signed-investment"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.signal(), None, "{}", out.status);
    assert!(matches!(out.status.code(), Some(0 | 141)), "{}", out.status);
}

#[test]
fn an_empty_set_is_an_error_unless_allowed() {
    let dir = scratch("cli-empty");
    let d = dir.to_str().unwrap();
    let out = dir.join("out");
    let o = out.to_str().unwrap();
    for args in [&["check", d][..], &["build", d, "-o", o], &["site", d, "-o", o]] {
        let Run { ok, out: stdout, err, .. } = factcard(args);
        assert!(!ok, "{args:?}: {stdout}");
        assert!(err.contains(&format!("no facts in `{d}`")) && err.contains("*.toml files and *.csv sheets"), "{err}");
        assert!(err.contains("found none") && err.contains("--allow-empty"), "{err}");
    }
    assert!(!out.exists(), "site wrote a folder for an empty set");
    // A folder holding only a workbook: named, with the way to sheets; and the workbook named itself.
    std::fs::write(dir.join("facts.xlsx"), b"PK\x03\x04 not text").unwrap();
    let Run { ok, err, .. } = factcard(&["check", d]);
    assert!(
        !ok && err.contains("facts.xlsx, a spreadsheet workbook") && err.contains("save each of its sheets as CSV")
    );
    let xlsx = dir.join("facts.xlsx");
    let Run { ok, err, .. } = factcard(&["check", xlsx.to_str().unwrap()]);
    assert!(!ok && err.contains("facts.xlsx:1:1: is a spreadsheet workbook") && !err.contains("UTF-8"), "{err}");
    // As JSON for editors' tooling.
    let Run { ok, out: stdout, .. } = factcard(&["check", d, "--json"]);
    assert!(!ok && stdout.starts_with("{\"ok\":false") && stdout.contains("no facts in"), "{stdout}");
    // Allowed: the empty set is checked, built and published.
    let Run { ok, out: stdout, err, .. } = factcard(&["check", d, "--allow-empty"]);
    assert!(ok && stdout.starts_with("ok: 0 facts"), "{err}");
    let Run { ok, err, .. } = factcard(&["site", d, "-o", o, "--allow-empty"]);
    assert!(ok && out.is_dir(), "{err}");
    let Run { ok, err, .. } = factcard(&["render", d, "--fact", "x", "--allow-empty"]);
    assert!(!ok && err.contains("unexpected argument '--allow-empty'"), "{err}");
    assert!(err.contains("--allow-empty is an option of check, build, site, inline"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn completions_cover_the_commands_and_their_options() {
    let Run { ok, out: bash, err, .. } = factcard(&["completions", "bash"]);
    assert!(ok, "{err}");
    assert!(bash.contains("complete -F _factcard"), "{bash}");
    for word in
        ["check", "build", "site", "render", "inline", "convert", "diff", "serve", "--allow-empty", "--separator"]
    {
        assert!(bash.contains(word), "{word} missing from the bash completions");
    }
    for (shell, mark) in [("zsh", "#compdef factcard"), ("fish", "complete -c factcard")] {
        let Run { ok, out: script, err, .. } = factcard(&["completions", shell]);
        assert!(ok && script.contains(mark) && script.contains("allow-empty"), "{shell}: {err}");
    }
    let Run { ok, err, .. } = factcard(&["completions", "tcsh"]);
    assert!(!ok && err.contains("invalid value 'tcsh'") && err.contains("bash"), "{err}");
}
