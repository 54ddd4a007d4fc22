//! Which files a reader may cache for good and which only for a few minutes: the one rule that `factcard site`
//! (its `_headers`), `factcard serve` and the package's own `pkg/_headers` follow.
//!
//! - **Immutable**: a file whose name carries a hash of its content, `NAME.HHHHHHHH.EXT` (8 lowercase hex digits
//!   with a dot on each side, as the desk's `desk.1a2b3c4d.js`). A new content gets a new name, so the old name may
//!   be cached for a year: [`IMMUTABLE`].
//! - **Entry**: every other file, revalidated after [`ENTRY`]'s five minutes, so that a correction reaches every
//!   reader within them. Of what a page downloads, only `factcard.js` and each set's `set.json` (format 2: cards are
//!   named by their version, the rest by their content); the desk's own files are entry files too.
//!
//! [`headers_file`] writes the rules in the `_headers` format that Netlify and Cloudflare Pages read. Its patterns
//! never overlap (both hosts combine the headers of every rule a path matches, and Cloudflare joins two
//! `Cache-Control` values into one that says both): each immutable file is named exactly, and everything else by
//! its folder (`/en/*`: a folder whose files are all hashed is one immutable rule, one without any is one entry rule)
//! or its own name, `.html` pages also without the extension (both hosts serve `/embed.html` as `/embed`).

/// The `Cache-Control` of a file named by its content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The `Cache-Control` of every other file: cached five minutes, then asked for again.
pub const ENTRY: &str = "public, max-age=300, must-revalidate";

/// [`ENTRY`]'s lifetime in seconds, the default of `factcard site --entry-max-age`.
pub const ENTRY_MAX_AGE: u32 = 300;

/// The `Cache-Control` of an entry file cached `seconds` (`factcard site --entry-max-age`): [`ENTRY`] for 300.
pub fn entry(seconds: u32) -> String {
    format!("public, max-age={seconds}, must-revalidate")
}

/// The `Cache-Control` of `path` (relative to a published folder or to `pkg/`): [`IMMUTABLE`] if its name carries a
/// content hash, else [`ENTRY`].
pub fn cache_control(path: &str) -> &'static str {
    if is_hashed(path) {
        IMMUTABLE
    } else {
        ENTRY
    }
}

/// Whether the last segment of `path` has the shape `NAME.HHHHHHHH.EXT` (8 lowercase hex digits).
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut parts = name.rsplitn(3, '.');
    let (Some(ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else { return false };
    let hex = hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    hex && !ext.is_empty() && !stem.is_empty()
}

/// `name` with the content hash of `bytes` before its extension: `desk.js` → `desk.1a2b3c4d.js`.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = format!("{:08x}", factcard_core::bundle::checksum(bytes));
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}

/// Files written after every other one (`factcard site`), because they name the others: a reader who sees a new
/// one finds everything it names already there.
pub fn written_last(path: &str) -> bool {
    LAST.contains(&path)
}

/// The entry files that name others, in the order they are written at the end: `set.json` (what every page reads
/// first, naming the index, the bundle and a large set's version buckets) the very last.
pub const LAST: [&str; 4] = ["_headers", "index.html", "embed.html", "set.json"];

/// The first line of the `_headers` factcard writes: a `_headers` without it is the publisher's, never replaced.
pub const HEADERS_MARK: &str = "# Written by factcard";

/// The `_headers` text (Netlify, Cloudflare Pages) for a folder of these files (paths relative to it, `/`
/// between folders): patterns start at the folder's root; a folder deployed under a sub-path (`/facts/`) needs
/// that prefix on each (and its rules in the site's own `_headers`, at the deploy's root).
pub fn headers_file<'a>(paths: impl IntoIterator<Item = &'a str>) -> String {
    headers_file_for(paths, ENTRY_MAX_AGE)
}

/// [`headers_file`], the entry files cached `entry_max_age` seconds instead of [`ENTRY_MAX_AGE`].
pub fn headers_file_for<'a>(paths: impl IntoIterator<Item = &'a str>, entry_max_age: u32) -> String {
    let paths: Vec<&str> = paths.into_iter().filter(|p| *p != "_headers").collect();
    let lifetime = match entry_max_age {
        300 => "5 minutes".to_string(),
        1 => "1 second".to_string(),
        n => format!("{n} seconds"),
    };
    let mut out = format!("{HEADERS_MARK}: files named by their content are cached for good, the others {lifetime}.\n");
    let entry = entry(entry_max_age);
    for (pattern, value) in rules(&paths, "") {
        let value = if value == ENTRY { entry.as_str() } else { value };
        out.push_str(&format!("{pattern}\n  Cache-Control: {value}\n"));
    }
    out
}

/// The rules for the files `paths` below `prefix` (`""` or `"a/b/"`): a folder without hashed files is one rule
/// (`/prefix/*`); in the others, each file is its own rule and each folder is looked into.
fn rules(paths: &[&str], prefix: &str) -> Vec<(String, &'static str)> {
    if !paths.iter().any(|p| is_hashed(p)) {
        return vec![(format!("/{prefix}*"), ENTRY)];
    }
    // A folder of hashed files only (cards, buckets, the index: 300,000 files at 100,000 facts) is one rule.
    if !prefix.is_empty() && paths.iter().all(|p| is_hashed(p)) {
        return vec![(format!("/{prefix}*"), IMMUTABLE)];
    }
    let mut out = Vec::new();
    let mut folders: Vec<&str> = Vec::new();
    for p in paths {
        match p.split_once('/') {
            Some((dir, _)) if !folders.contains(&dir) => folders.push(dir),
            Some(_) => {}
            None => out.extend(file_rules(prefix, p)),
        }
    }
    for dir in folders {
        let below: Vec<&str> = paths.iter().filter_map(|p| p.strip_prefix(dir)?.strip_prefix('/')).collect();
        out.extend(rules(&below, &format!("{prefix}{dir}/")));
    }
    out
}

/// The rules of one file: its path, and a page's path as hosts serve it too (`/a/embed` for `/a/embed.html`, `/a/`
/// for `/a/index.html`).
fn file_rules(prefix: &str, name: &str) -> Vec<(String, &'static str)> {
    let value = cache_control(name);
    let mut out = vec![(format!("/{prefix}{name}"), value)];
    if name == "index.html" {
        out.push((format!("/{prefix}"), value));
    } else if let Some(page) = name.strip_suffix(".html") {
        out.push((format!("/{prefix}{page}"), value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_hash_in_the_name_makes_a_file_immutable() {
        for p in ["desk.1a2b3c4d.js", "data/embed.00000000.js", "factcard_core_bg.deadbeef.wasm", "a.b.0123abcd.css"] {
            assert_eq!(cache_control(p), IMMUTABLE, "{p}");
        }
        for p in [
            "desk.js",
            "en/port-cranes.html",
            "desk.1A2B3C4D.js",
            "desk.1a2b3c4.js",
            "desk.1a2b3c4d5.js",
            "desk.1a2b3c4g.js",
            ".1a2b3c4d.js",
            "desk.1a2b3c4d.",
            "desk.1a2b3c4d",
            "1a2b3c4d.js",
            "a.1a2b3c4d/x.js",
        ] {
            assert_eq!(cache_control(p), ENTRY, "{p}");
        }
        let name = hashed_name("desk.js", b"x");
        assert!(is_hashed(&name) && name.starts_with("desk.") && name.ends_with(".js"), "{name}");
        assert_ne!(name, hashed_name("desk.js", b"y"));
    }

    #[test]
    fn the_headers_file_has_one_rule_per_path_and_none_overlap() {
        let paths = [
            "index.html",
            "desk.0123abcd.js",
            "embed.html",
            "set.json",
            "en/a.0123abcd.html",
            "en/entity/b.0123abcd.html",
            "search/meta.json",
            "search/t0.0123abcd.idx",
            "desk/f/a.json",
            "pkgish/factcard.js",
            "pkgish/factcard_core_bg.deadbeef.wasm",
            "pkgish/data/en/a.html",
        ];
        let text = headers_file(paths);
        let rules: Vec<(&str, &str)> = text
            .lines()
            .skip(1)
            .collect::<Vec<_>>()
            .chunks(2)
            .map(|r| (r[0], r[1].strip_prefix("  Cache-Control: ").unwrap()))
            .collect();
        let want = [
            ("/index.html", ENTRY),
            ("/", ENTRY),
            ("/desk.0123abcd.js", IMMUTABLE),
            ("/embed.html", ENTRY),
            ("/embed", ENTRY),
            ("/set.json", ENTRY),
            ("/en/*", IMMUTABLE),
            ("/search/meta.json", ENTRY),
            ("/search/t0.0123abcd.idx", IMMUTABLE),
            ("/desk/*", ENTRY),
            ("/pkgish/factcard.js", ENTRY),
            ("/pkgish/factcard_core_bg.deadbeef.wasm", IMMUTABLE),
            ("/pkgish/data/*", ENTRY),
        ];
        assert_eq!(rules, want, "{text}");
        // Without hashed files, the folder is one rule; `_headers` itself is not served.
        assert_eq!(
            headers_file(["a/b.html", "c.html", "_headers"]).lines().skip(1).collect::<Vec<_>>(),
            ["/*", "  Cache-Control: public, max-age=300, must-revalidate"]
        );
    }

    #[test]
    fn the_entry_lifetime_can_be_shorter() {
        let paths = ["en/a.html", "desk.0123abcd.js", "versions.json"];
        assert_eq!(entry(ENTRY_MAX_AGE), ENTRY);
        assert_eq!(headers_file_for(paths, ENTRY_MAX_AGE), headers_file(paths));
        let text = headers_file_for(paths, 2);
        assert!(text.lines().next().unwrap().ends_with("the others 2 seconds."), "{text}");
        let values: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("  Cache-Control: ")).collect();
        let short = "public, max-age=2, must-revalidate";
        assert_eq!(values, [IMMUTABLE, short, short], "{text}");
    }

    #[test]
    fn entry_files_are_written_last() {
        for p in ["set.json", "index.html", "embed.html", "_headers"] {
            assert!(written_last(p), "{p}");
        }
        assert_eq!(LAST.last(), Some(&"set.json"), "set.json names the others: the very last");
        for p in [
            "en/index.html",
            "search/meta.0123abcd.json",
            "versions/0.0123abcd.json",
            "desk.0123abcd.js",
            "desk/f/x.json",
        ] {
            assert!(!written_last(p), "{p}");
        }
    }
}

#[cfg(test)]
mod same_as_js {
    /// The demo server and `make build` (tools/caching.mjs) must cache as `factcard site` writes.
    #[test]
    fn tools_caching_mjs_holds_the_same_values() {
        let js = include_str!("../../../tools/caching.mjs");
        for (name, value) in [("IMMUTABLE", super::IMMUTABLE), ("ENTRY", super::ENTRY)] {
            let line = format!("export const {name} = '{value}';");
            assert!(js.contains(&line), "tools/caching.mjs should say {line}");
        }
        assert!(js.contains(r"/\.[0-9a-f]{8}\.[^./]+$/"), "the same shape of hashed name");
        assert!(super::is_hashed("factcard_core_bg.0123abcd.wasm") && !super::is_hashed("factcard.js"));
    }
}
