//! `factcard serve` under attack: the real binary, started on a free port, asked over plain TCP with raw requests.
//! It must answer only with files inside its folders, only to its own Host, within limits on what and how long it
//! reads, and with its security headers on every answer. (Its rebuilds are tested in `cli.rs`.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Stdio};
use std::time::{Duration, Instant};

/// The text of the file outside the served folders that no request may read.
const SECRET: &str = "the secret outside the folders";

/// A running `factcard serve` over a copy of the own fixture, with a package folder (a symbolic link to the real
/// one, which holds `factcard.css`, a link inside it and a link leading out to `secret.txt`). Stopped when dropped.
struct Server {
    child: Child,
    _out: BufReader<ChildStdout>,
    port: u16,
    dir: PathBuf,
}

impl Server {
    fn start(name: &str) -> Server {
        let dir = std::env::temp_dir().join(format!("factcard-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pkg-real")).unwrap();
        let facts = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pages/fixtures/own/facts.toml");
        std::fs::copy(facts, dir.join("facts.toml")).unwrap();
        std::fs::write(dir.join("secret.txt"), SECRET).unwrap();
        std::fs::write(dir.join("pkg-real/factcard.css"), "a{}").unwrap();
        std::fs::write(dir.join("pkg-real/.env"), SECRET).unwrap();
        std::os::unix::fs::symlink("../secret.txt", dir.join("pkg-real/leak.css")).unwrap();
        std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("pkg-real/leak2.css")).unwrap();
        std::os::unix::fs::symlink("factcard.css", dir.join("pkg-real/inside.css")).unwrap();
        std::os::unix::fs::symlink(dir.join("pkg-real"), dir.join("pkg")).unwrap();
        let mut child =
            super::run::command(&["serve", dir.join("facts.toml").to_str().unwrap(), "--port", "0", "--pkg"])
                .arg(dir.join("pkg"))
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
        // Ready once it says where it listens (it listens before it builds, and says so after the first build).
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        let port = first
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {first:?}"));
        Server { child, _out: out, port, dir }
    }

    /// Sends `request` as it is and returns the whole answer (what arrived before the server closed).
    fn raw(&self, request: &[u8]) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        let _ = s.write_all(request);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// The path of fact `id`'s English card (format 2: named by its version, which the desk's file of it gives).
    fn card(&self, id: &str) -> String {
        let desk = self.get(&format!("/data/desk/f/{id}.json"));
        let v = desk.split("\"version\":\"").nth(1).map_or("", |x| &x[..8]).to_string();
        format!("/data/en/{id}.{v}.html")
    }

    /// A `GET` of `target` with this server's Host.
    fn get(&self, target: &str) -> String {
        self.raw(format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port).as_bytes())
    }

    /// A line of the server process's `/proc/PID/status` (`VmRSS`, `Threads`), as a number.
    fn status(&self, key: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with(&format!("{key}:"))).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The status code of an answer.
fn code(answer: &str) -> u16 {
    answer.get(9..12).and_then(|c| c.parse().ok()).unwrap_or_else(|| panic!("no status in {answer:?}"))
}

/// Every `/` of a path as `%2f`.
fn escaped(path: &str) -> String {
    path.replace('/', "%2f")
}

#[test]
fn serve_answers_only_with_files_inside_its_folders() {
    let s = Server::start("paths");
    let secret = s.dir.join("secret.txt").display().to_string();
    let name = s.dir.file_name().unwrap().to_str().unwrap().to_string();
    let attacks = [
        format!("/data/{secret}"),
        format!("/data/{}", escaped(&secret)),
        format!("/data/%2f{}", escaped(&secret[1..])),
        format!("/data/en%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..{secret}"),
        "/data//etc/passwd".into(),
        "/data/%2fetc%2fpasswd".into(),
        "/data/%2Fetc%2Fpasswd".into(),
        format!("/data/%2e%2e/%2e%2e/%2e%2e/{name}/secret.txt"),
        format!("/data/..%5c..%5c..%5c{name}%5csecret.txt"),
        format!("/data/..\\..\\..\\{name}\\secret.txt"),
        "/data/index.html%00.css".into(),
        "/data/en/%00".into(),
        format!("//{}", &secret[1..]),
        format!("/{}", escaped(&secret)),
        "/%2e%2e/secret.txt".into(),
        "/..%2fsecret.txt".into(),
        "/leak.css".into(),
        "/leak2.css".into(),
        "/.env".into(),
        "/%2eenv".into(),
        "http://127.0.0.1/etc/passwd".into(),
    ];
    for target in &attacks {
        let a = s.get(target);
        assert!(!a.contains(SECRET) && !a.contains("root:x:0:0"), "{target} leaked: {a}");
        assert!([400, 403, 404].contains(&code(&a)), "{target}: {a}");
    }
    // What is inside still is served, through a link inside the package folder and through the folder's own link.
    assert!(s.get("/data/").contains("<title>Fact desk</title>"));
    assert!(s.get(&s.card("port-cranes")).contains("installed twelve container cranes"));
    assert!(s.get("/factcard.css").ends_with("\r\n\r\na{}"));
    assert!(s.get("/inside.css").ends_with("\r\n\r\na{}"));
    assert!(s.get("/data/en/").starts_with("HTTP/1.1 404"), "a folder without index.html: no listing");
}

#[test]
fn serve_answers_only_to_its_own_host() {
    let s = Server::start("host");
    let p = s.port;
    let ask = |target: &str, hosts: &[String]| {
        let lines: String = hosts.iter().map(|h| format!("Host: {h}\r\n")).collect();
        s.raw(format!("GET {target} HTTP/1.1\r\n{lines}\r\n").as_bytes())
    };
    for good in [format!("127.0.0.1:{p}"), format!("localhost:{p}"), format!("LocalHost:{p}")] {
        let a = ask("/__factcard/state", std::slice::from_ref(&good));
        assert!(a.starts_with("HTTP/1.1 200") && a.contains("\"build\":1"), "{good}: {a}");
    }
    // DNS rebinding: another site's name made to resolve to 127.0.0.1, as its pages' requests name it.
    let bad = [
        format!("evil.example:{p}"),
        "evil.example".into(),
        format!("127.0.0.1.evil.example:{p}"),
        format!("localhost.:{p}"),
        format!("localhost:{}", p.wrapping_add(1)),
        "localhost".into(),
        "127.0.0.1".into(),
        format!("[::1]:{p}"),
        format!("0.0.0.0:{p}"),
        String::new(),
    ];
    for host in &bad {
        for target in ["/data/", "/__factcard/state", "/__factcard/live.js", "/factcard.css", "/"] {
            let a = ask(target, std::slice::from_ref(host));
            assert!(a.starts_with("HTTP/1.1 421 Misdirected Request\r\n"), "{host} {target}: {a}");
            assert!(!a.contains("build") && !a.contains("Fact desk") && !a.contains("a{}"), "{host} {target}: {a}");
        }
    }
    // No Host, or two.
    assert!(ask("/data/", &[]).starts_with("HTTP/1.1 400"));
    assert!(ask("/data/", &[format!("localhost:{p}"), "evil.example".into()]).starts_with("HTTP/1.1 400"));
    assert!(s.raw(b"GET /data/ HTTP/1.0\r\n\r\n").starts_with("HTTP/1.1 400"));
}

#[test]
fn serve_refuses_huge_requests_without_growing() {
    let s = Server::start("huge");
    let p = s.port;
    assert!(s.get("/data/").starts_with("HTTP/1.1 200"));
    let before = s.status("VmRSS");
    // A 60 MB request line: refused after its first 8 KiB, and the connection closed.
    let started = Instant::now();
    let mut conn = TcpStream::connect(("127.0.0.1", p)).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut writer = conn.try_clone().unwrap();
    let send = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 20];
        let _ = writer.write_all(b"GET /data/");
        for _ in 0..60 {
            if writer.write_all(&chunk).is_err() {
                return false;
            }
        }
        let _ = writer.write_all(format!(" HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\n\r\n").as_bytes());
        true
    });
    let mut answer = Vec::new();
    let _ = conn.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 414 URI Too Long\r\n"), "{answer}");
    assert!(!send.join().unwrap(), "the server read all 60 MB");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    let grown = s.status("VmRSS").saturating_sub(before);
    assert!(grown < 8 * 1024, "the server grew by {grown} kB");
    // Headers past 64 KiB, in many lines or in one.
    let many: String = (0..100).map(|i| format!("X-{i}: {}\r\n", "b".repeat(1000))).collect();
    let a = s.raw(format!("GET /data/ HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\n{many}\r\n").as_bytes());
    assert!(a.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "{a}");
    let one = format!("GET /data/ HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nX: {}\r\n\r\n", "b".repeat(1 << 20));
    assert!(s.raw(one.as_bytes()).starts_with("HTTP/1.1 431"));
    // Still answering.
    assert!(s.get("/data/").starts_with("HTTP/1.1 200"));
}

#[test]
fn serve_limits_connections_and_slow_clients() {
    let s = Server::start("conns");
    // Many connections that send nothing: those past the limit are told at once to come back, and the server does
    // not start a thread for each.
    let idle: Vec<TcpStream> = (0..100).map(|_| TcpStream::connect(("127.0.0.1", s.port)).unwrap()).collect();
    let mut last = idle.last().unwrap().try_clone().unwrap();
    last.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let mut answer = Vec::new();
    let _ = last.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 503 Service Unavailable\r\n"), "{answer:?}");
    let threads = s.status("Threads");
    assert!(threads < 48, "{threads} threads for 100 idle connections");
    drop(idle);
    let start = Instant::now();
    while !s.get("/data/").starts_with("HTTP/1.1 200") {
        assert!(start.elapsed() < Duration::from_secs(15), "no answer once the connections are gone");
        std::thread::sleep(Duration::from_millis(50));
    }
    // A client that sends its head a byte at a time, never finishing it, is answered and closed within seconds.
    let mut slow = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
    slow.write_all(format!("GET /data/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Slow: ", s.port).as_bytes()).unwrap();
    let (start, mut got) = (Instant::now(), Vec::new());
    let mut buf = [0; 512];
    loop {
        assert!(start.elapsed() < Duration::from_secs(12), "still open after {:?}", start.elapsed());
        if slow.write_all(b"a").is_err() {
            break;
        }
        match slow.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => break,
        }
    }
    assert!(String::from_utf8_lossy(&got).starts_with("HTTP/1.1 408"), "{got:?}");
}

#[test]
fn serve_sends_security_headers_on_every_answer() {
    let s = Server::start("headers");
    let p = s.port;
    let card = s.card("port-cranes");
    let requests = [
        format!("GET / HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n"),
        format!("GET /data/ HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n"),
        format!("HEAD /data/ HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n"),
        format!("GET {card} HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n"),
        format!("GET /factcard.css HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n"),
        format!("GET /__factcard/state HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n"),
        format!("GET /__factcard/live.js HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n"),
        format!("GET /nothing.js HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n"),
        format!("GET /leak.css HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n"),
        format!("GET /data/ HTTP/1.1\r\nHost: evil.example:{p}\r\n\r\n"),
        format!("GET /{} HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n", "a".repeat(9000)),
        "nonsense\r\n\r\n".into(),
    ];
    let want = [
        "x-content-type-options: nosniff",
        "referrer-policy: no-referrer",
        "cross-origin-resource-policy: same-origin",
        "content-security-policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval';",
    ];
    for r in &requests {
        let a = s.raw(r.as_bytes());
        let head = a.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
        for w in want {
            assert!(head.lines().any(|l| l.starts_with(w)), "no {w} in the answer to {r:.60}: {head}");
        }
        assert!(head.contains("frame-ancestors 'self'"), "{r:.60}: {head}");
    }
    // Only GET and HEAD, said in Allow.
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"] {
        let a =
            s.raw(format!("{method} /data/ HTTP/1.1\r\nHost: localhost:{p}\r\nContent-Length: 0\r\n\r\n").as_bytes());
        assert!(a.starts_with("HTTP/1.1 405") && a.contains("\r\nAllow: GET, HEAD\r\n"), "{method}: {a}");
    }
}

#[test]
fn serve_caches_files_as_a_published_folder_says() {
    let s = Server::start("caching");
    let cache = |target: &str| {
        let a = s.get(target);
        let head = a.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
        let lines: Vec<&str> = head.lines().filter_map(|l| l.strip_prefix("cache-control: ")).collect();
        assert_eq!(lines.len(), 1, "{target}: one Cache-Control: {head}");
        (code(&a), lines[0].to_string(), a)
    };
    // Pages and set.json: asked for again at each load (published, _headers keeps them 5 minutes), so that an
    // editor sees a correction at once. Cards are named by their version: cached for good.
    let entry = "no-cache";
    let (status, value, page) = cache("/data/");
    assert_eq!((status, value.as_str()), (200, entry));
    assert_eq!(cache("/data/set.json").1, entry);
    assert_eq!(cache(&s.card("port-cranes")).1, "public, max-age=31536000, immutable");
    // The desk's script, named by its content (as the page names it): cached for good.
    let script = page.split("src=\"desk.").nth(1).and_then(|r| r.split('"').next()).unwrap_or_else(|| panic!("{page}"));
    let (status, value, _) = cache(&format!("/data/desk.{script}"));
    assert_eq!((status, value.as_str()), (200, "public, max-age=31536000, immutable"), "desk.{script}");
    // What is not a file is never stored.
    for target in ["/__factcard/state", "/data/en/nothing.html", "/"] {
        assert_eq!(cache(target).1, "no-store", "{target}");
    }
}
