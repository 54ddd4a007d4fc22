//! The `factcard` command-line tool, run as a user runs it.

use std::process::Command;

fn factcard(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_factcard"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn check_accepts_the_seeds() {
    let (ok, out, err) = factcard(&["check", "seeds"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("ok: "), "{out}");
}

#[test]
fn check_reports_every_error_with_its_place_and_fails() {
    let dir = std::env::temp_dir().join(format!("factcard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[[topic]]\nid = \"Bad Id\"\nname = \"x\"\nname_zh = \"x\"\n\n[[topic]]\nid = \"ok\"\nname = \"\"\nname_zh = \"y\"\n").unwrap();
    let (ok, _, err) = factcard(&["check", bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("bad.toml:2:6: topic id `Bad Id` is not valid"), "{err}");
    assert!(err.contains("bad.toml:8:8: name is empty"), "{err}");
    assert!(err.contains("2 error(s)"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn render_prints_escaped_card_html() {
    let (ok, out, err) = factcard(&["render", "seeds", "--fact", "liangjiang-expo-signed-investment", "--lang", "zh"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("<article class=\"card\""), "{out}");
    assert!(out.contains("463亿元（约69.5亿美元）"), "{out}");
    let (ok, _, err) = factcard(&["render", "seeds", "--fact", "nope"]);
    assert!(!ok && err.contains("no fact with id `nope`"), "{err}");
}
