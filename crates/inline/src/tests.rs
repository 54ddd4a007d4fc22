use factcard_core::model::DataSet;

use crate::{inline_page, Options};

fn ds() -> DataSet {
    factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap()
}

/// The attribute `inline` writes on a card of fact `id`: its version.
fn version(ds: &DataSet, id: &str) -> String {
    let v = factcard_publish::versions::fact_version(ds, ds.fact_index(id).unwrap());
    format!("data-version=\"{v}\"")
}

const O: Options = Options { css: None, src: None, allow_missing: false, built: None };

#[test]
fn inlines_cards_mentions_boxes_and_autolink_once() {
    let ds = ds();
    let page = "<!doctype html><html lang=\"en\"><head><title>a <fact-card> page</title>\n<script type=\"module\" src=\"/f/factcard.js\"></script>\n</head><body>\n<!-- <fact-card fact=\"x\"> -->\n<fact-card fact='hongyan-truck-exports-2020' lang=zh>Fallback</fact-card>\n<p autolink>Liangjiang and <a href=#>Chongqing</a> and Chongqing and Liangjiang.</p>\n<fact-ref entity=\"liangjiang\">here</fact-ref> <fact-search label=\"Find\"></fact-search>\n<fact-card src=\"/mine/\" fact=\"x\"></fact-card></body></html>";
    let (out, r) = inline_page(&ds, page, &O).unwrap();
    assert_eq!((r.cards, r.refs, r.searches, r.links, r.other_src), (1, 3, 1, 2, 1), "{r:?}");
    // Once in the head, once per shadow root.
    assert!(out.contains("\n<link rel=\"stylesheet\" href=\"/f/factcard-inline.css\"></head>"), "{out}");
    assert_eq!(out.matches("factcard-inline.css").count(), 1 + 5);
    // The card in Chinese, its fallback after it; comments and titles untouched.
    let v = version(&ds, "hongyan-truck-exports-2020");
    assert!(out.contains(&format!("<fact-card fact='hongyan-truck-exports-2020' lang=zh {v} data-ready><template shadowrootmode=\"open\"><div hidden><slot class=\"fallback\" part=\"fallback\"></slot></div><div class=\"body\"><article class=\"card\" part=\"card\" lang=\"zh\"")));
    assert!(out.contains("复制引用</button>"));
    assert!(out.contains("</template>Fallback</fact-card>"));
    assert!(out.contains("<!-- <fact-card fact=\"x\"> -->") && out.contains("<title>a <fact-card> page</title>"));
    // The first mention of each name, not the one in a link, nor the second.
    assert!(out.contains("<p autolink data-inlined><fact-ref entity=\"liangjiang\"><template"));
    assert!(out
        .contains("</template>Liangjiang</fact-ref> and <a href=#>Chongqing</a> and <fact-ref entity=\"chongqing\">"));
    assert!(out.contains("</template>Chongqing</fact-ref> and Liangjiang.</p>"));
    assert!(out.contains("<label for=\"q\" part=\"label\">Find</label>"));
    assert!(out.contains("<fact-card src=\"/mine/\" fact=\"x\"></fact-card>"));
    // Idempotent.
    let (again, r2) = inline_page(&ds, &out, &O).unwrap();
    assert_eq!(again, out);
    assert_eq!((r2.cards, r2.refs, r2.searches, r2.links), (1, 3, 1, 0));
}

#[test]
fn autolink_reads_names_through_character_references_and_keeps_the_pages_bytes() {
    let ds = ds();
    let page = "<script src=\"/f/factcard.js\"></script><p autolink>The Guangdong&ndash;Hong Kong&#x2013;Macao Greater Bay Area and the &ldquo;33618&rdquo; modern manufacturing cluster system; Liang&amp;jiang, Chong&unknown;qing.</p>";
    let (out, r) = inline_page(&ds, page, &O).unwrap();
    assert_eq!(r.links, 2, "{out}");
    assert!(out.contains("The <fact-ref entity=\"guangdong-hong-kong-macao-greater-bay-area\"><template"), "{out}");
    assert!(out.contains("</template>Guangdong&ndash;Hong Kong&#x2013;Macao Greater Bay Area</fact-ref> and the <fact-ref entity=\"chongqing-33618-system\">"), "{out}");
    assert!(out.contains("</template>&ldquo;33618&rdquo; modern manufacturing cluster system</fact-ref>; Liang&amp;jiang, Chong&unknown;qing.</p>"), "{out}");
    let (again, _) = inline_page(&ds, &out, &O).unwrap();
    assert_eq!(again, out);
}

#[test]
fn autolink_leaves_raw_text_and_foreign_content_alone() {
    let ds = ds();
    let page = "<script src=\"/f/factcard.js\"></script><p autolink><noscript>Liangjiang</noscript><xmp>Liangjiang</xmp><title>Liangjiang</title><svg><text>Liangjiang</text></svg><math><mi>Liangjiang</mi></math> and Chongqing.</p>";
    let (out, r) = inline_page(&ds, page, &O).unwrap();
    assert_eq!(r.links, 1, "{out}");
    assert!(out.contains("</math> and <fact-ref entity=\"chongqing\">"), "{out}");
    assert_eq!(out.matches("Liangjiang").count(), 5);
}

#[test]
fn an_element_of_factcards_marked_autolink_is_not_a_container() {
    let ds = ds();
    let page = "<script src=\"/f/factcard.js\"></script><fact-card fact=\"hongyan-truck-exports-2020\" autolink>Liangjiang</fact-card><p>Liangjiang</p>";
    let (out, r) = inline_page(&ds, page, &O).unwrap();
    assert_eq!((r.cards, r.links), (1, 0));
    let v = version(&ds, "hongyan-truck-exports-2020");
    assert!(
        out.contains(&format!("<fact-card fact=\"hongyan-truck-exports-2020\" autolink {v} data-ready><template")),
        "{out}"
    );
    assert!(out.ends_with("</template>Liangjiang</fact-card><p>Liangjiang</p>"), "{out}");
}

#[test]
fn a_container_linked_before_counts_only_its_own_links() {
    let ds = ds();
    let page = "<script src=\"/f/factcard.js\"></script><div autolink><p>Liangjiang</p></div><div autolink><div>Chongqing</div><p>Liangjiang</p></div>";
    let (once, r) = inline_page(&ds, page, &O).unwrap();
    assert_eq!(r.links, 3);
    // A third container, written after the first run (a page edited since): its names are linked, even ones
    // linked in the containers before it.
    let edited = format!("{once}<section autolink>Liangjiang and Chongqing</section>");
    let (twice, r2) = inline_page(&ds, &edited, &O).unwrap();
    assert_eq!(r2.links, 2, "{twice}");
    assert!(twice.contains("<section autolink data-inlined><fact-ref entity=\"liangjiang\">"), "{twice}");
}

#[test]
fn a_shadow_root_on_the_next_line_is_replaced() {
    let ds = ds();
    let o = Options { css: Some("c.css"), ..O };
    let (out, _) = inline_page(&ds, "<fact-card fact=\"hongyan-truck-exports-2020\"></fact-card>", &o).unwrap();
    let split = out.replacen("data-ready><template", "data-ready>\n<template", 1);
    assert_eq!(inline_page(&ds, &split, &o).unwrap().0, split);
    assert_eq!(split.matches("<template").count(), 1);
}

#[test]
fn changes_no_other_byte() {
    let ds = ds();
    let page = "<html><head>\n<script src=\"factcard.js\" type=module></script></head>\n<body><p class=x>ünïcode &amp; <b>bold</b></p><fact-card fact=\"hongyan-truck-exports-2020\"></fact-card><textarea><fact-card fact=\"nope\"></textarea></body></html>\n";
    let (out, _) = inline_page(&ds, page, &O).unwrap();
    // Take out what was added: the page is what it was.
    let mut back = out.replace("<link rel=\"stylesheet\" href=\"factcard-inline.css\">", "").replace(" data-ready", "");
    back = back.replace(&format!(" {}", version(&ds, "hongyan-truck-exports-2020")), "");
    let t0 = back.find("<template").unwrap();
    let t1 = back.find("</template>").unwrap() + "</template>".len();
    back.replace_range(t0..t1, "");
    assert_eq!(back, page);
}

#[test]
fn unknown_ids_fail_or_are_listed() {
    let ds = ds();
    let page = "<script src=\"/factcard.js\"></script>\n\n<fact-card fact=\"no-such-fact\">x</fact-card>";
    assert_eq!(inline_page(&ds, page, &O).unwrap_err(), "line 3: no fact with id `no-such-fact`");
    let (out, r) = inline_page(&ds, page, &Options { allow_missing: true, ..O }).unwrap();
    assert_eq!((out.as_str(), r.missing), (page, vec!["3: no-such-fact".to_string()]));
    let page = "<fact-card fact=\"hongyan-truck-exports-2020\">x</fact-card>";
    assert!(inline_page(&ds, page, &O).unwrap_err().contains("give --css URL"));
}

#[test]
fn the_head_link_goes_before_the_body_and_mentions_keep_their_src() {
    let ds = ds();
    let o = Options { css: Some("/c.css"), src: Some("/mine/"), ..O };
    let page = "<html><head><title>t</title>\n<body><p autolink src=\"/mine/\">Liangjiang</p></body></html>";
    let (out, r) = inline_page(&ds, page, &o).unwrap();
    assert_eq!((r.links, r.refs), (1, 1));
    assert!(out.starts_with("<html><head><title>t</title>\n<link rel=\"stylesheet\" href=\"/c.css\"><body><p autolink src=\"/mine/\" data-inlined><fact-ref entity=\"liangjiang\" src=\"/mine/\"><template shadowrootmode=\"open\">"), "{out}");
    assert!(out.ends_with("</template>Liangjiang</fact-ref></p></body></html>"), "{out}");
}

#[test]
fn a_set_of_its_own_inlines_elements_with_its_src() {
    let ds = ds();
    let page =
        "<fact-card src=\"/mine/\" fact=\"hongyan-truck-exports-2020\"></fact-card><fact-card fact=\"x\"></fact-card>";
    let o = Options { css: Some("/c.css"), src: Some("/mine/"), ..O };
    let (out, r) = inline_page(&ds, page, &o).unwrap();
    assert_eq!((r.cards, r.other_src), (1, 1));
    let v = version(&ds, "hongyan-truck-exports-2020");
    assert!(out.starts_with(&format!("<link rel=\"stylesheet\" href=\"/c.css\"><fact-card src=\"/mine/\" fact=\"hongyan-truck-exports-2020\" {v} data-ready><template")));
}

#[test]
fn a_page_with_two_sets_takes_one_run_for_each_in_either_order() {
    let ds = ds();
    let page = "<head></head><p autolink src=\"/mine/\">Liangjiang</p><fact-card src=\"/mine/\" fact=\"atg-alumina-content\"></fact-card><p autolink>Chongqing</p><fact-card fact=\"hongyan-truck-exports-2020\"></fact-card>";
    let default = Options { css: Some("/c.css"), ..O };
    let mine = Options { css: Some("/c.css"), src: Some("/mine/"), ..O };
    let run = |h: &str, o: &Options| inline_page(&ds, h, o).unwrap();
    let (a, ra) = run(&run(page, &default).0, &mine);
    let (b, _) = run(&run(page, &mine).0, &default);
    assert_eq!(a, b);
    // The default set's card and the mention its run linked are left to it.
    assert_eq!((ra.cards, ra.links, ra.other_src), (1, 1, 2), "{ra:?}");
    assert_eq!(a.matches("data-ready><template").count(), 2);
    assert_eq!(a.matches("<fact-ref entity=").count(), 2);
    assert_eq!(a.matches("<link rel=\"stylesheet\" href=\"/c.css\"></head>").count(), 1, "{a}");
    assert_eq!(run(&a, &default).0, a);
    assert_eq!(run(&a, &mine).0, a);
}

// The one-pass tests: at these sizes one pass takes about a second in a debug build on a busy two-core machine,
// a pass per item minutes, so the 30 s bound never fails a slow machine and always fails the quadratic reading.
#[test]
fn a_page_of_elements_left_open_is_read_in_one_pass() {
    // 40,000 elements never closed, each with a text, then end tags of none of them: what is open is not searched
    // through for each text and end tag.
    let ds = ds();
    let page = format!(
        "<script src=\"/f/factcard.js\"></script><div autolink>{}{}<fact-card fact=\"hongyan-truck-exports-2020\"></fact-card>",
        "<b>x".repeat(80_000),
        "</i>".repeat(80_000)
    );
    let t = std::time::Instant::now();
    let (_, r) = inline_page(&ds, &page, &O).unwrap();
    let took = t.elapsed();
    assert_eq!((r.cards, r.links), (1, 0));
    assert!(took < std::time::Duration::from_secs(30), "{took:?}");
}

#[test]
fn a_card_carries_its_facts_version_and_a_run_on_a_newer_set_replaces_it() {
    let ds = ds();
    let id = "hongyan-truck-exports-2020";
    let o = Options { css: Some("/c.css"), ..O };
    let page = format!("<fact-card fact=\"{id}\">x</fact-card><fact-ref fact=\"{id}\">y</fact-ref>");
    let (once, _) = inline_page(&ds, &page, &o).unwrap();
    let v1 = version(&ds, id);
    assert!(once.contains(&format!("<fact-card fact=\"{id}\" {v1} data-ready><template")), "{once}");
    assert_eq!(once.matches("data-version").count(), 1); // cards only
                                                         // The set corrected since: a second run writes the new version in place of the old one, once.
    let mut ds2 = ds.clone();
    let k = ds2.fact_index(id).unwrap();
    ds2.facts[k].figures[0].text.edit(0, |s| s.push('0'));
    let v2 = version(&ds2, id);
    assert_ne!(v1, v2);
    let (twice, _) = inline_page(&ds2, &once, &o).unwrap();
    assert!(twice.contains(&format!("<fact-card fact=\"{id}\" {v2} data-ready><template")), "{twice}");
    assert_eq!(twice.matches("data-version").count(), 1);
    // Whatever the earlier attribute looked like (no value, unquoted), it is replaced, and the rest stays.
    for old in ["data-version", "data-version=0", "DATA-VERSION='12345678'"] {
        let page = format!("<fact-card {old} fact=\"{id}\" class=a>x</fact-card>");
        let (out, _) = inline_page(&ds2, &page, &o).unwrap();
        assert!(out.contains(&format!("<fact-card {v2} fact=\"{id}\" class=a data-ready><template")), "{out}");
    }
}

#[test]
fn a_card_says_the_day_it_was_built_in_its_language() {
    let ds = ds();
    let built =
        crate::Built { iso: "2026-12-07".into(), text: vec!["7 December 2026".into(), "2026年12月7日".into()] };
    assert_eq!(ds.langs, ["en", "zh"]);
    let o = Options { css: Some("/c.css"), built: Some(&built), ..O };
    let page = "<html lang=en><body><fact-card fact=\"hongyan-truck-exports-2020\">a</fact-card>\n<fact-card fact=\"hongyan-truck-exports-2020\" lang=zh>b</fact-card> <fact-ref fact=\"hongyan-truck-exports-2020\">c</fact-ref></body></html>";
    let (out, r) = inline_page(&ds, page, &o).unwrap();
    assert_eq!((r.cards, r.refs), (2, 1));
    // In each card, before its "Copy citation" row; not in a mention's popover (the script draws that afresh).
    let en = "<p class=\"built\" part=\"built\">Card as of <time datetime=\"2026-12-07\">7 December 2026</time></p><div class=\"actions\">";
    let zh = "<p class=\"built\" part=\"built\">卡片内容截至<time datetime=\"2026-12-07\">2026年12月7日</time></p><div class=\"actions\">";
    assert_eq!(
        (out.matches(en).count(), out.matches(zh).count(), out.matches("class=\"built\"").count()),
        (1, 1, 2),
        "{out}"
    );
    // Without a day, no line; a run on another day writes that day.
    assert!(!inline_page(&ds, page, &Options { css: Some("/c.css"), ..O }).unwrap().0.contains("class=\"built\""));
    let later =
        crate::Built { iso: "2027-01-02".into(), text: vec!["2 January 2027".into(), "2027年1月2日".into()] };
    let again = inline_page(&ds, &out, &Options { built: Some(&later), ..o }).unwrap().0;
    assert!(again.contains(">2 January 2027</time>") && !again.contains("2026-12-07"), "{again}");
}
