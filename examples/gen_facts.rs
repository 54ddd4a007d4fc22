//! Generates a large, realistic data set for benchmarks, in the format of `seeds/`:
//!
//! ```text
//! cargo run --release --example gen_facts -- OUT_DIR [COUNT]      (COUNT defaults to 100000)
//! ```
//!
//! Deterministic (a seeded PRNG): places, companies and institutions with English and Chinese names and
//! aliases, used with Zipf-like popularity; facts in a few dozen templates about output, investment, trade,
//! growth, shares, research and transport, with figures in yuan, dollars (some converted at a plausible rate),
//! percentages, multiples and counts; editor's notes on one fact in ten.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// Zipf-like: small indexes far more often than large ones.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const SYL: &[(&str, &str)] = &[
    ("Jin", "金"),
    ("Shan", "山"),
    ("He", "河"),
    ("Long", "龙"),
    ("Feng", "丰"),
    ("An", "安"),
    ("Ning", "宁"),
    ("Hua", "华"),
    ("Xin", "新"),
    ("Yun", "云"),
    ("Qing", "青"),
    ("Ping", "平"),
    ("Tai", "泰"),
    ("Yuan", "源"),
    ("Guang", "广"),
    ("Ming", "明"),
    ("De", "德"),
    ("Kang", "康"),
    ("Sheng", "盛"),
    ("Bao", "宝"),
    ("Chang", "昌"),
    ("Hai", "海"),
    ("Lin", "林"),
    ("Shui", "水"),
    ("Dong", "东"),
    ("Nan", "南"),
    ("Xi", "西"),
    ("Bei", "北"),
];
const TRADES: &[(&str, &str)] = &[
    ("Electronics", "电子"),
    ("New Materials", "新材料"),
    ("Auto Parts", "汽车零部件"),
    ("Semiconductor", "半导体"),
    ("Glass", "玻璃"),
    ("Logistics", "物流"),
    ("Biotech", "生物科技"),
    ("Energy", "能源"),
    ("Robotics", "机器人"),
    ("Software", "软件"),
    ("Battery", "电池"),
    ("Display", "显示"),
];
const PUBLISHERS: &[&str] = &[
    "Chongqing Daily",
    "Sichuan Economic Herald",
    "Western China Business",
    "Yangtze Industry Review",
    "Chengdu Evening Post",
    "Inland Trade Weekly",
    "China Report",
    "Upper River Observer",
];
const TOPICS: &[(&str, &str, &str)] = &[
    ("economy", "Economy", "经济"),
    ("electronics", "Electronics", "电子信息"),
    ("glass", "Glass", "玻璃"),
    ("materials", "New materials", "新材料"),
    ("vehicles", "Vehicles", "汽车"),
    ("investment", "Investment", "投资"),
    ("innovation", "Innovation policy", "科技创新"),
    ("research", "Research", "科研"),
    ("transport", "Transport", "交通"),
    ("trade", "Trade", "贸易"),
    ("agriculture", "Agriculture and food", "农业与食品"),
    ("energy", "Energy", "能源"),
    ("chips", "Chips", "芯片"),
    ("logistics", "Logistics", "物流"),
    ("health", "Health", "医药健康"),
    ("software", "Software", "软件"),
    ("tourism", "Tourism", "旅游"),
    ("finance", "Finance", "金融"),
];
/// Yuan per dollar by year, inside the compiler's plausible range.
const RATE: &[(u32, f64)] =
    &[(2018, 6.6), (2019, 6.9), (2020, 6.9), (2021, 6.45), (2022, 6.7), (2023, 7.0), (2024, 7.2), (2025, 7.2)];

struct Entity {
    id: String,
    name: String,
    zh: String,
}

fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = Path::new(args.first().map(String::as_str).unwrap_or("gen-facts")).to_path_buf();
    let count: usize = args.get(1).and_then(|c| c.parse().ok()).unwrap_or(100_000);
    let mut rng = Rng(0x5EED_F00D);
    fs::create_dir_all(out.join("facts")).unwrap();
    let mut bytes = 0usize;
    let mut write = |path: &Path, text: &str| {
        fs::write(path, text).unwrap();
        bytes += text.len();
    };

    // Sources: one per 50 facts.
    let n_sources = (count / 50).max(1);
    let mut src = String::new();
    let mut source_year = Vec::new();
    for i in 0..n_sources {
        let year = 2018 + rng.below(8) as u32;
        source_year.push(year);
        let publisher = *rng.pick(PUBLISHERS);
        let _ = writeln!(src, "[[source]]\nid = \"src-{i:05}\"\npublisher = {}", q(publisher));
        let _ = writeln!(
            src,
            "title = \"Industry report no. {i}\"\ndate = \"{year}-{:02}-{:02}\"",
            1 + rng.below(12),
            1 + rng.below(28)
        );
        if i % 3 == 0 {
            let _ = writeln!(src, "url = \"https://news.example/{year}/report-{i}\"");
        }
        src.push('\n');
    }
    write(&out.join("sources.toml"), &format!("[dataset]\nlanguages = [\"en\", \"zh\"]\n\n{src}"));

    let mut top = String::new();
    for (id, name, zh) in TOPICS {
        let _ = writeln!(top, "[[topic]]\nid = \"{id}\"\nname.en = \"{name}\"\nname.zh = \"{zh}\"\n");
    }
    write(&out.join("topics.toml"), &top);

    // Places: 40 cities, each with districts; then companies and institutions placed in them.
    let mut ents: Vec<Entity> = Vec::new();
    let mut et = String::new();
    for c in 0..40 {
        let (a, az) = SYL[c % SYL.len()];
        let (b, bz) = SYL[(c * 7 + 3) % SYL.len()];
        let id = format!("city-{c}");
        let name = format!("{a}{}", b.to_lowercase());
        let _ = writeln!(et, "[[entity]]\nid = \"{id}\"\nname.en = \"{name}\"\nname.zh = \"{az}{bz}市\"\nkind = \"city\"\naliases = [\"{name} City\"]\n");
        ents.push(Entity { id: id.clone(), name: name.clone(), zh: format!("{az}{bz}市") });
        for d in 0..5 {
            let (x, xz) = SYL[(c + d * 5 + 1) % SYL.len()];
            let did = format!("district-{c}-{d}");
            let dname = format!("{x}{} District", SYL[(d * 3 + c) % SYL.len()].0.to_lowercase());
            let dzh = format!("{xz}{}区", SYL[(d * 3 + c) % SYL.len()].1);
            let _ = writeln!(et, "[[entity]]\nid = \"{did}\"\nname.en = \"{dname}\"\nname.zh = \"{dzh}\"\nkind = \"district\"\nparent = \"{id}\"\n");
            ents.push(Entity { id: did, name: dname, zh: dzh });
        }
    }
    let places = ents.len();
    // One company per 25 facts, as many as the facts need: 4,000 for 100,000 facts, 40,000 for a million (a wire
    // service's archive names tens of thousands). Two syllables make 9,408 names; past 5,000 companies a third keeps
    // them from repeating (and the sets of up to 125,000 facts as they were).
    let n_companies = (count / 25).clamp(50, 50_000);
    for k in 0..n_companies {
        let (a, az) = *rng.pick(SYL);
        let (b, bz) = *rng.pick(SYL);
        let (mut b, mut bz) = (b.to_lowercase(), bz.to_string());
        if k >= 5000 {
            let (c, cz) = *rng.pick(SYL);
            b.push_str(&c.to_lowercase());
            bz.push_str(cz);
        }
        let (t, tz) = *rng.pick(TRADES);
        let id = format!("co-{k}");
        let name = format!("{a}{b} {t}");
        let zh = format!("{az}{bz}{tz}有限公司");
        let parent = &ents[rng.zipf(places)].id;
        let _ = writeln!(et, "[[entity]]\nid = \"{id}\"\nname.en = \"{name}\"\nname.zh = \"{zh}\"\nkind = \"company\"\nparent = \"{parent}\"");
        if k % 3 == 0 {
            let _ = writeln!(et, "aliases = [\"{a}{b} {t} Co\", \"{}\"]", format!("{a}{b}").to_uppercase());
        }
        et.push('\n');
        ents.push(Entity { id, name, zh });
    }
    write(&out.join("entities.toml"), &et);

    let things = ["smartphones", "laptops", "vehicles", "batteries", "chips", "display panels", "robots", "bridges"];
    let things_zh = ["智能手机", "笔记本电脑", "汽车", "电池", "芯片", "显示面板", "机器人", "桥梁"];
    let mut file = String::new();
    for i in 0..count {
        let e = rng.zipf(ents.len());
        let place = rng.zipf(places);
        let (ename, ezh, pname, pzh) = (&ents[e].name, &ents[e].zh, &ents[place].name, &ents[place].zh);
        let source = rng.below(n_sources);
        let year = source_year[source] - rng.below(2) as u32;
        let ti = rng.below(things.len());
        let amount = 1 + rng.below(999);
        let dec = rng.below(10);
        let pct = 1 + rng.below(60);
        let topic = TOPICS[rng.zipf(TOPICS.len())].0;
        let kind = rng.below(5);
        let (title, title_zh, statement, statement_zh, figure) = match kind {
            0 => (
                format!("{ename} invests {amount}.{dec} billion yuan"),
                format!("{ezh}投资{amount}.{dec}亿元"),
                format!("{ename} will invest {amount}.{dec} billion yuan in a new plant in {pname}, making {} for export markets.", things[ti]),
                format!("{ezh}将在{pzh}投资{amount}.{dec}亿元建设新工厂，生产面向出口市场的{}。", things_zh[ti]),
                Some(("Investment", "投资额", format!("{amount}.{dec}"), Some("billion"), "CNY", true)),
            ),
            1 => (
                format!("{pname} output of {} up {pct}%", things[ti]),
                format!("{pzh}{}产量增长{pct}%", things_zh[ti]),
                format!("Factories in {pname} turned out {pct}% more {} in {year} than a year earlier, led by {ename}.", things[ti]),
                format!("{year}年{pzh}{}产量同比增长{pct}%，{ezh}领跑。", things_zh[ti]),
                Some(("Year-on-year growth", "同比增速", pct.to_string(), None, "percent", false)),
            ),
            2 => (
                format!("{ename} exports {amount} {}", things[ti]),
                format!("{ezh}出口{amount}{}", things_zh[ti]),
                format!("In {year}, {ename} shipped {amount} thousand {} abroad, mostly to Southeast Asia and Europe.", things[ti]),
                format!("{year}年，{ezh}出口{}{amount}千台，主要销往东南亚和欧洲。", things_zh[ti]),
                Some(("Exports", "出口量", amount.to_string(), Some("thousand"), "count", false)),
            ),
            3 => (
                format!("Research centre opens in {pname}"),
                format!("{pzh}新建研发中心"),
                format!("{ename} opened a research centre in {pname} with {amount} engineers working on {}.", things[ti]),
                format!("{ezh}在{pzh}设立研发中心，{amount}名工程师从事{}研发。", things_zh[ti]),
                Some(("Engineers", "工程师人数", amount.to_string(), None, "count", false)),
            ),
            _ => (
                format!("{pname} share of national {} output", things[ti]),
                format!("{pzh}{}产量占全国比重", things_zh[ti]),
                format!("{pname} now makes {pct}% of the country's {}, according to the provincial statistics bureau.", things[ti]),
                format!("据省统计局数据，{pzh}{}产量已占全国的{pct}%。", things_zh[ti]),
                Some(("Share of national output", "占全国比重", pct.to_string(), None, "percent", false)),
            ),
        };
        let date = match rng.below(4) {
            0 => format!("{year}"),
            1 => format!("{year}-{:02}", 1 + rng.below(12)),
            2 => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
            _ => format!("{year}-01/{year}-{:02}", [3, 6, 9][rng.below(3)]),
        };
        let ents_list = if e == place {
            format!("[\"{}\"]", ents[e].id)
        } else {
            format!("[\"{}\", \"{}\"]", ents[e].id, ents[place].id)
        };
        let _ = writeln!(
            file,
            "[[fact]]\nid = \"f-{i:06}\"\ntitle.en = {}\ntitle.zh = {}\nstatement.en = {}\nstatement.zh = {}\nsource = \"src-{source:05}\"\nentities = {ents_list}\ntopics = [\"{topic}\"]\ndate = \"{date}\"",
            q(&title), q(&title_zh), q(&statement), q(&statement_zh)
        );
        if i % 10 == 0 {
            let _ = writeln!(
                file,
                "note.en = \"The report gives no source for this figure.\"\nnote.zh = \"报道未注明该数字的出处。\""
            );
        }
        if let Some((label, label_zh, amount, scale, unit, convert)) = figure {
            let _ = writeln!(file, "\n[[fact.figures]]\nlabel.en = \"{label}\"\nlabel.zh = \"{label_zh}\"\namount = {amount}\nunit = \"{unit}\"");
            if let Some(s) = scale {
                let _ = writeln!(file, "scale = \"{s}\"");
            }
            if unit == "percent" && kind == 1 {
                let _ = writeln!(file, "change = true");
            }
            let pub_year = source_year[source];
            if convert && rng.below(5) == 0 {
                let rate = RATE.iter().find(|r| r.0 == pub_year).map_or(6.8, |r| r.1);
                let usd = amount.parse::<f64>().unwrap() / rate;
                let _ = writeln!(file, "converted = {{ amount = {:.2}, scale = \"billion\", unit = \"USD\" }}", usd);
            }
        }
        file.push('\n');
        if (i + 1) % 1000 == 0 || i + 1 == count {
            write(&out.join("facts").join(format!("{:04}.toml", i / 1000)), &file);
            file.clear();
        }
        if (i + 1) % 10_000 == 0 {
            eprintln!("gen_facts: {} facts", i + 1);
        }
    }
    eprintln!(
        "gen_facts: wrote {count} facts, {} entities, {n_sources} sources, {bytes} bytes into {}",
        ents.len(),
        out.display()
    );
}
