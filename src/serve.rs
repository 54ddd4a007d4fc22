//! `factcard serve DIR…`: the desk over a publisher's facts on localhost, rebuilt when a file changes.
//!
//! std only but for the watcher: a `TcpListener` on 127.0.0.1, a thread per connection (at most
//! [`http::MAX_CONNECTIONS`] at once), and a watcher thread that rebuilds when the facts files change (woken by
//! inotify through `notify`, or polling where the files cannot be watched: `watch.rs`). Each build is written by the site writer into a fresh
//! folder (so that a page never reads half a build) and then becomes the one served under `/data/`; a build that
//! fails keeps the last good one browsable, and its errors (file:line:column, what and a hint, as `factcard check`
//! prints them) are shown in the page.
//!
//! | address | what |
//! | --- | --- |
//! | `/` | redirects to the desk, `/data/` |
//! | `/data/…` | the last good build (`factcard site`'s folder: the desk's `index.html`, cards, index) |
//! | `/factcard.js`, `/factcard_core.HHHHHHHH.js`, `/factcard_core_bg.HHHHHHHH.wasm`, `/factcard.css` | the package (`--pkg`, by default `pkg/`, written by `make build`) |
//! | `/__factcard/state` | `{"build":N,"errors":["file:line:column: …",…]}`: the page polls it |
//! | `/__factcard/live.js` | added to the desk's page: reloads it after a new build, shows the errors of a failed one |
//!
//! Requests are read, checked and answered by `http.rs`: only for Host `127.0.0.1:PORT` or `localhost:PORT`, within
//! limits on size and time, only with files inside the two folders, GET and HEAD only, each answer with security
//! headers (README, "What `factcard serve` exposes").

mod http;
mod watch;

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use watch::POLL;

use factcard_core::format::escape;
use factcard_core::json;

/// The page's half of live reload: it asks for the state every 150 ms (a request to localhost costs nothing).
const LIVE_JS: &str = r#"// factcard serve: reloads the desk after a new build; shows the errors of a build that failed.
let seen = null;
const box = document.createElement('section');
box.setAttribute('role', 'alert');
box.id = 'factcard-serve-errors';
async function poll() {
  try {
    const s = await (await fetch('/__factcard/state', { cache: 'no-store' })).json();
    if (seen !== null && s.build !== seen) return location.reload();
    seen = s.build;
    if (s.errors.length) {
      const items = s.errors.map((e) => { const li = document.createElement('li'); li.textContent = e; return li; });
      const h = document.createElement('h2');
      h.textContent = `The facts have ${s.errors.length} error(s); the desk shows the last good build`;
      const ul = document.createElement('ul');
      ul.append(...items);
      box.replaceChildren(h, ul);
      if (!box.isConnected) document.body.prepend(box);
    } else box.remove();
  } catch { /* the server is restarting */ }
  setTimeout(poll, 150);
}
poll();
"#;

/// What the server knows: the number of the last good build, its folder, and the errors of the latest one.
struct State {
    build: u64,
    dir: Option<PathBuf>,
    errors: Vec<String>,
    facts: usize,
}

/// Options of `factcard serve`.
pub struct Options {
    pub files: Vec<PathBuf>,
    pub port: u16,
    pub pkg: PathBuf,
}

/// Serves until the process is stopped.
pub fn serve(o: Options) -> Result<(), String> {
    let listener =
        TcpListener::bind(("127.0.0.1", o.port)).map_err(|e| format!("cannot listen on port {}: {e}", o.port))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let work = work_dir()?;
    let state = Arc::new(Mutex::new(State { build: 0, dir: None, errors: Vec::new(), facts: 0 }));
    if !o.pkg.join("factcard.js").is_file() {
        errln!(
            "factcard serve: no factcard.js in {} (run make build, or give --pkg DIR): the desk will not run",
            o.pkg.display()
        );
    }
    // Started before the first build, so that a change made while it runs is seen.
    let (mut changes, cannot_watch) = watch::Changes::watch(&o.files);
    if let Some(why) = cannot_watch {
        errln!("factcard serve: cannot watch the files ({why}): looking at them every {} ms", POLL.as_millis());
    }
    rebuild(&o.files, &work, &state);
    {
        let s = state.lock().unwrap();
        outln!("factcard serve: http://127.0.0.1:{port}/ (the desk over {} facts; Ctrl-C to stop)", s.facts);
    }
    let (files, st, w) = (o.files.clone(), Arc::clone(&state), work.clone());
    std::thread::spawn(move || loop {
        changes.next();
        rebuild(&files, &w, &st);
    });
    let pkg = Arc::new(o.pkg);
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        if open.load(Ordering::SeqCst) >= http::MAX_CONNECTIONS {
            busy(stream);
            continue;
        }
        let slot = Slot::take(&open);
        let (st, pkg) = (Arc::clone(&state), Arc::clone(&pkg));
        // A thread that cannot start drops its slot and its connection.
        let _ = std::thread::Builder::new().spawn(move || {
            let _slot = slot;
            let _ = answer(stream, &st, &pkg, port);
        });
    }
    Ok(())
}

/// One of the [`http::MAX_CONNECTIONS`] connections answered at once, given back when dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Slot {
        open.fetch_add(1, Ordering::SeqCst);
        Slot(Arc::clone(open))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Tells a connection beyond the limit to come back later, without reading it (nor waiting for it).
fn busy(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let msg =
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nRetry-After: 1\r\n";
    let _ = stream.write_all(msg);
    let _ = stream.write_all(http::security_headers().as_bytes());
    let _ = stream.write_all(http::NO_STORE.as_bytes());
    let _ = stream.write_all(b"Connection: close\r\n\r\nbusy\n");
}

/// A new folder of the server's own for its builds, in the temporary folder: made here (never one that exists, so
/// never one another user prepared), readable by this user alone.
fn work_dir() -> Result<PathBuf, String> {
    let tmp = std::env::temp_dir();
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let mut last = None;
    for n in 0..16u32 {
        let dir = tmp.join(format!("factcard-serve-{}-{:08x}", std::process::id(), nanos.wrapping_add(n)));
        let mut b = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        match b.create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) => last = Some(e),
        }
    }
    Err(format!("cannot make a folder in {}: {}", tmp.display(), last.map_or(String::new(), |e| e.to_string())))
}

/// Compiles the files and, if they are good, writes a new build and serves it; else keeps the last good one.
fn rebuild(files: &[PathBuf], work: &Path, state: &Mutex<State>) {
    let started = std::time::Instant::now();
    match factcard_dataset::read_and_compile(files) {
        Err(errors) => {
            let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            for e in &errors {
                errln!("error: {e}");
            }
            let mut s = state.lock().unwrap();
            s.errors = errors;
            // A new number, so that pages show the errors at once even if they were showing others.
            s.build += 1;
        }
        Ok(ds) => {
            let build = state.lock().unwrap().build + 1;
            let dir = work.join(format!("b{build}"));
            if let Err(e) = factcard_publish::site::write_with(&ds, &dir, "../factcard.js", |_| {}) {
                errln!("factcard serve: cannot write {}: {e}", dir.display());
                return;
            }
            let old = {
                let mut s = state.lock().unwrap();
                s.errors.clear();
                s.build = build;
                s.facts = ds.facts.len();
                s.dir.replace(dir)
            };
            // The build before the last one is no longer read by anyone.
            if let Some(old) = old {
                std::thread::spawn(move || {
                    std::thread::sleep(Duration::from_secs(5));
                    let _ = std::fs::remove_dir_all(old);
                });
            }
            errln!("factcard serve: build {build}: {} facts in {} ms", ds.facts.len(), started.elapsed().as_millis());
        }
    }
}

const TYPES: &[(&str, &str)] = &[
    ("html", "text/html; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("css", "text/css; charset=utf-8"),
    ("json", "application/json"),
    ("wasm", "application/wasm"),
    ("txt", "text/plain; charset=utf-8"),
    ("facts", "application/octet-stream"),
    ("idx", "application/octet-stream"),
    ("voc", "application/octet-stream"),
];

/// Answers one connection's request (GET or HEAD) if it is for this server (the Host rule) and within the limits:
/// the redirect to the desk, the state the page polls, the live-reload script, or a file of the last good build or
/// of the package.
fn answer(mut stream: TcpStream, state: &Mutex<State>, pkg: &Path, port: u16) -> std::io::Result<()> {
    let req = match http::read_request(&stream) {
        Ok(req) => req,
        Err(refused) => {
            if let Some((status, msg)) = refused.status() {
                http::refuse(stream, status, msg);
            }
            return Ok(());
        }
    };
    match req.hosts.as_slice() {
        [host] if http::is_own_host(host, port) => {}
        [_] => {
            let msg = format!("factcard serve answers only to http://127.0.0.1:{port}/ and http://localhost:{port}/");
            http::refuse(stream, "421 Misdirected Request", &msg);
            return Ok(());
        }
        _ => {
            http::refuse(stream, "400 Bad Request", "one Host header is needed");
            return Ok(());
        }
    }
    let head = req.method == "HEAD";
    if req.method != "GET" && !head {
        let allow = "Allow: GET, HEAD\r\n";
        return http::reply(&mut stream, "405 Method Not Allowed", "text/plain", allow, b"GET only", false);
    }
    match req.target.split(['?', '#']).next().unwrap_or("") {
        "/" => http::reply(&mut stream, "302 Found", "text/plain", "Location: /data/\r\n", b"", head),
        "/__factcard/state" => {
            let json = state_json(&state.lock().unwrap());
            http::reply(&mut stream, "200 OK", "application/json", "", json.as_bytes(), head)
        }
        "/__factcard/live.js" => {
            http::reply(&mut stream, "200 OK", "text/javascript; charset=utf-8", "", LIVE_JS.as_bytes(), head)
        }
        _ => answer_file(&mut stream, &req.target, state, pkg, head),
    }
}

/// The state the page polls, as JSON: `{"build":N,"errors":["file:line:column: …",…]}`.
fn state_json(s: &State) -> String {
    let mut body = String::from("{\"build\":");
    body.push_str(&s.build.to_string());
    body.push_str(",\"errors\":");
    json::array(&mut body, s.errors.iter(), |out, e| json::string_into(out, e));
    body.push('}');
    body
}

/// Answers with a file: under `/data/`, of the last good build (or a page of errors if there is none yet); else
/// of the package. Only a file inside its folder is served: a path that is not plain names (see
/// [`http::segments`]) or whose links lead out of the folder is forbidden.
fn answer_file(
    stream: &mut TcpStream,
    target: &str,
    state: &Mutex<State>,
    pkg: &Path,
    head: bool,
) -> std::io::Result<()> {
    let forbidden = |stream: &mut TcpStream| http::reply(stream, "403 Forbidden", "text/plain", "", b"forbidden", head);
    let Some(names) = http::segments(target) else { return forbidden(stream) };
    let (root, names) = match names.split_first() {
        Some((data, rest)) if data == "data" && !rest.is_empty() => {
            let Some(dir) = state.lock().unwrap().dir.clone() else {
                let errors = state.lock().unwrap().errors.join("\n");
                let page = format!("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Errors</title><script type=\"module\" src=\"/__factcard/live.js\"></script></head><body><h1>No good build yet</h1><pre>{}</pre></body></html>", escape(&errors));
                return http::reply(
                    stream,
                    "503 Service Unavailable",
                    "text/html; charset=utf-8",
                    "",
                    page.as_bytes(),
                    head,
                );
            };
            (dir, rest)
        }
        _ => (pkg.to_path_buf(), &names[..]),
    };
    let name = names.last().map_or("", |n| n.as_str());
    match http::find(&root, names) {
        http::Found::File(file) => match std::fs::read(file) {
            Ok(body) => {
                let cache = http::cache_line(&names.join("/"));
                http::reply(stream, "200 OK", content_type(name), &cache, &with_live_reload(name, body), head)
            }
            Err(_) => http::reply(stream, "404 Not Found", "text/plain", "", b"not found", head),
        },
        http::Found::Missing => http::reply(stream, "404 Not Found", "text/plain", "", b"not found", head),
        http::Found::Outside => forbidden(stream),
    }
}

/// A file's content type, by the extension of its name.
fn content_type(name: &str) -> &'static str {
    let ext = Path::new(name).extension().and_then(|x| x.to_str()).unwrap_or("");
    TYPES.iter().find(|t| t.0 == ext).map_or("application/octet-stream", |t| t.1)
}

/// A file's bytes as served: a page named `index.html` (the desk's) also loads the live-reload script.
fn with_live_reload(name: &str, body: Vec<u8>) -> Vec<u8> {
    if name == "index.html" {
        let page = String::from_utf8_lossy(&body).replacen(
            "</head>",
            "<script type=\"module\" src=\"/__factcard/live.js\"></script>\n</head>",
            1,
        );
        page.into_bytes()
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the server answers to one request (its whole text, `{host}` in it replaced by the server's address),
    /// with this state and package folder.
    fn ask(state: &Mutex<State>, pkg: &Path, request: &str) -> String {
        use std::io::Read;
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut client = TcpStream::connect(("127.0.0.1", port)).unwrap();
        client.write_all(request.replace("{host}", &format!("127.0.0.1:{port}")).as_bytes()).unwrap();
        let (server, _) = listener.accept().unwrap();
        answer(server, state, pkg, port).unwrap();
        let mut out = String::new();
        client.read_to_string(&mut out).unwrap();
        out
    }

    /// The head of a reply, as `reply` writes it, with `extra` header lines.
    fn top(status: &str, kind: &str, extra: &str, len: usize) -> String {
        let security = http::security_headers();
        let cache = if extra.contains("Cache-Control") { "" } else { http::NO_STORE };
        format!("HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len}\r\n{extra}{security}{cache}Connection: close\r\n\r\n")
    }

    #[test]
    fn answers_each_kind_of_request() {
        let dir = std::env::temp_dir().join(format!("factcard-serve-unit-{}", std::process::id()));
        let (pkg, build) = (dir.join("pkg"), dir.join("b1"));
        std::fs::create_dir_all(build.join("en")).unwrap();
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("factcard.css"), "a{}").unwrap();
        std::fs::write(build.join("index.html"), "<head></head>desk").unwrap();
        std::fs::write(build.join("en/a b.facts"), "ab").unwrap();
        let errors = vec!["f.toml:1:2: a <b> & c".to_string()];
        let state = Mutex::new(State { build: 3, dir: None, errors, facts: 0 });
        let get = |path: &str| ask(&state, &pkg, &format!("GET {path} HTTP/1.1\r\nHost: {{host}}\r\n\r\n"));
        // No good build yet: the errors, escaped, and the script that reloads the page once there is one.
        let none = get("/data/en/");
        assert!(none.starts_with("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html; charset=utf-8\r\n"));
        assert!(none.contains("<h1>No good build yet</h1><pre>f.toml:1:2: a &lt;b&gt; &amp; c</pre>"), "{none}");
        let want = r#"{"build":3,"errors":["f.toml:1:2: a \u003cb\u003e \u0026 c"]}"#;
        assert_eq!(get("/__factcard/state"), top("200 OK", "application/json", "", want.len()) + want);
        state.lock().unwrap().dir = Some(build.clone());
        // The desk's page loads the live-reload script; a path is decoded; a file's type is its extension's.
        let page = "<head><script type=\"module\" src=\"/__factcard/live.js\"></script>\n</head>desk";
        // A file named by its content is cached for good; any other file is asked for again at each load (an editor's
        // correction shows at once); every other answer is not stored.
        let entry = "Cache-Control: no-cache\r\n";
        assert_eq!(get("/data/"), top("200 OK", "text/html; charset=utf-8", entry, page.len()) + page);
        assert_eq!(get("/data/en/a%20b.facts?x#y"), top("200 OK", "application/octet-stream", entry, 2) + "ab");
        assert_eq!(get("/factcard.css"), top("200 OK", "text/css; charset=utf-8", entry, 3) + "a{}");
        assert_eq!(get("/data/en/nothing.js"), top("404 Not Found", "text/plain", "", 9) + "not found");
        assert_eq!(get("/data/en/..%2f..%2fpkg/factcard.css"), top("403 Forbidden", "text/plain", "", 9) + "forbidden");
        // HEAD: the head alone; other methods are refused.
        let head = ask(&state, &pkg, "HEAD /__factcard/live.js HTTP/1.1\r\nHost: {host}\r\n\r\n");
        assert_eq!(head, top("200 OK", "text/javascript; charset=utf-8", "", LIVE_JS.len()));
        let post = ask(&state, &pkg, "POST /data/ HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n");
        assert_eq!(post, top("405 Method Not Allowed", "text/plain", "Allow: GET, HEAD\r\n", 8) + "GET only");
        std::fs::remove_dir_all(&dir).ok();
    }
}
