//! The HTTP side of `factcard serve`, kept small and strict: a request is read within limits (its line, its
//! headers, its time), answered only for the server's own Host, and a path is mapped only to a file inside one of
//! the served folders. Every answer carries the same security headers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

/// The longest request line read (method, target, version and its line end).
pub const MAX_LINE: usize = 8 * 1024;
/// The most bytes of header lines read after the request line.
pub const MAX_HEADERS: usize = 64 * 1024;
/// The time a client has to send its whole request head: a slow one cannot hold a connection longer.
pub const HEAD_TIME: Duration = Duration::from_secs(5);
/// The time a client has to take an answer.
pub const WRITE_TIME: Duration = Duration::from_secs(10);
/// The most connections answered at once; more are told to come back (503).
pub const MAX_CONNECTIONS: usize = 32;

/// The policy of every answer: the desk, its embed and the package load only from this server; `'wasm-unsafe-eval'`
/// lets the core's wasm compile; `data:` is the desk's empty icon; no other site may frame them.
pub const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'; object-src 'none'";

/// What a request asked for, once its head was read whole and within the limits.
pub struct Request {
    pub method: String,
    pub target: String,
    /// The `Host` header's values (a good request has exactly one).
    pub hosts: Vec<String>,
}

/// Why a request was not read: each but `Gone` is answered with its status, then the connection is closed.
#[derive(Debug, PartialEq)]
pub enum Refused {
    /// 414: the request line is longer than [`MAX_LINE`].
    LineTooLong,
    /// 431: the header lines are longer than [`MAX_HEADERS`].
    HeadersTooLarge,
    /// 400: not an HTTP/1 request head.
    Malformed,
    /// 408: the head did not arrive within [`HEAD_TIME`].
    TooSlow,
    /// The client went away (or sent nothing): nothing to answer.
    Gone,
}

impl Refused {
    pub fn status(&self) -> Option<(&'static str, &'static str)> {
        match self {
            Refused::LineTooLong => Some(("414 URI Too Long", "request line too long")),
            Refused::HeadersTooLarge => Some(("431 Request Header Fields Too Large", "request headers too large")),
            Refused::Malformed => Some(("400 Bad Request", "bad request")),
            Refused::TooSlow => Some(("408 Request Timeout", "request too slow")),
            Refused::Gone => None,
        }
    }
}

/// A stream whose reads all end by one deadline (a read timeout alone restarts with every byte).
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut s = self.stream;
        s.read(buf)
    }
}

/// Reads one line of at most `max` bytes into `out`: whether it ended (`\n`) within them.
fn line(r: &mut impl BufRead, max: usize, out: &mut Vec<u8>) -> Result<bool, Refused> {
    let timed_out = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => Refused::TooSlow,
        _ => Refused::Gone,
    };
    r.take(max as u64).read_until(b'\n', out).map_err(timed_out)?;
    Ok(out.ends_with(b"\n"))
}

/// Reads a request's head (its line and header lines), within [`MAX_LINE`], [`MAX_HEADERS`] and [`HEAD_TIME`].
pub fn read_request(stream: &TcpStream) -> Result<Request, Refused> {
    let mut r = BufReader::new(Deadline { stream, until: Instant::now() + HEAD_TIME });
    let mut first = Vec::new();
    if !line(&mut r, MAX_LINE, &mut first)? {
        return Err(if first.is_empty() {
            Refused::Gone
        } else if first.len() >= MAX_LINE {
            Refused::LineTooLong
        } else {
            Refused::Malformed
        });
    }
    let first = std::str::from_utf8(&first).map_err(|_| Refused::Malformed)?;
    let parts: Vec<&str> = first.trim_end_matches(['\r', '\n']).split(' ').collect();
    let [method, target, version] = parts[..] else { return Err(Refused::Malformed) };
    if method.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(Refused::Malformed);
    }
    let mut hosts = Vec::new();
    let mut left = MAX_HEADERS;
    loop {
        let mut h = Vec::new();
        if !line(&mut r, left, &mut h)? {
            return Err(if h.len() >= left { Refused::HeadersTooLarge } else { Refused::Malformed });
        }
        left -= h.len();
        if h == b"\r\n" || h == b"\n" {
            break;
        }
        let h = std::str::from_utf8(&h).map_err(|_| Refused::Malformed)?;
        let (name, value) = h.split_once(':').ok_or(Refused::Malformed)?;
        if name.is_empty() || name.starts_with([' ', '\t']) || name.ends_with([' ', '\t']) {
            return Err(Refused::Malformed);
        }
        if name.eq_ignore_ascii_case("host") {
            hosts.push(value.trim().to_string());
        }
    }
    Ok(Request { method: method.to_string(), target: target.to_string(), hosts })
}

/// Whether `host` (a `Host` header's value) names this server: `127.0.0.1:PORT` or `localhost:PORT` (without the
/// port only when it is 80, as browsers send it). Any other name is refused: a page of another site whose name
/// was made to resolve to 127.0.0.1 (DNS rebinding) sends its own.
pub fn is_own_host(host: &str, port: u16) -> bool {
    let host = host.to_ascii_lowercase();
    let (name, p) = match host.rsplit_once(':') {
        Some((name, p)) => (name, p.parse::<u16>().ok()),
        None => (host.as_str(), Some(80)),
    };
    (name == "127.0.0.1" || name == "localhost") && p == Some(port)
}

/// A request target's path (before `?` or `#`) as the names of its segments, `%XX` decoded, or `None` if one is
/// not a plain name: empty (`//`), `.`, `..`, hidden (`.git`), or holding a separator, a NUL or a colon, escaped
/// or not, or not UTF-8. A final empty segment (a path ending in `/`) is `index.html`.
pub fn segments(target: &str) -> Option<Vec<String>> {
    let path = target.split(['?', '#']).next()?.strip_prefix('/')?;
    let raw: Vec<&str> = path.split('/').collect();
    let mut out = Vec::with_capacity(raw.len());
    for (i, seg) in raw.iter().enumerate() {
        if seg.is_empty() && i == raw.len() - 1 {
            out.push("index.html".to_string());
            continue;
        }
        let name = String::from_utf8(decode(seg)).ok()?;
        let plain = !name.starts_with('.') && !name.contains(['/', '\\', '\0', ':']);
        let one = matches!(Path::new(&name).components().collect::<Vec<_>>()[..], [Component::Normal(n)] if n == name.as_str());
        if !plain || !one {
            return None;
        }
        out.push(name);
    }
    Some(out)
}

/// What a path inside a served folder is.
#[derive(Debug, PartialEq)]
pub enum Found {
    /// A file inside the folder: its real path (symbolic links resolved), to read.
    File(PathBuf),
    /// Nothing there (or not a file).
    Missing,
    /// It is outside the folder: a symbolic link leading out.
    Outside,
}

/// The file that `names` (from [`segments`]) name under `root`, once every link on the way is resolved.
pub fn find(root: &Path, names: &[String]) -> Found {
    let Ok(root) = root.canonicalize() else { return Found::Missing };
    let Ok(real) = names.iter().fold(root.clone(), |p, n| p.join(n)).canonicalize() else { return Found::Missing };
    if !real.starts_with(&root) {
        Found::Outside
    } else if real.is_file() {
        Found::File(real)
    } else {
        Found::Missing
    }
}

/// The headers every answer carries, each line ending in CRLF.
pub fn security_headers() -> String {
    format!(
        "X-Content-Type-Options: nosniff\r\nContent-Security-Policy: {CSP}\r\nX-Frame-Options: SAMEORIGIN\r\n\
         Referrer-Policy: no-referrer\r\nCross-Origin-Resource-Policy: same-origin\r\n"
    )
}

/// The caching of every answer but a file's: none.
pub const NO_STORE: &str = "Cache-Control: no-store\r\n";

/// The `Cache-Control` line of a file at `path` (relative to its served folder): what a published folder's
/// `_headers` gives a file named by its content ([`factcard_publish::caching`]), and `no-cache` for every entry
/// file (a card, a page: published, they are kept 5 minutes), so that an editor who saves a correction sees it at
/// the next load rather than 5 minutes later.
pub fn cache_line(path: &str) -> String {
    use factcard_publish::caching::{cache_control, IMMUTABLE};
    let value = cache_control(path);
    format!("Cache-Control: {}\r\n", if value == IMMUTABLE { value } else { "no-cache" })
}

/// Writes an answer: its status, type, `extra` header lines (each ending in CRLF), the security headers, [`NO_STORE`]
/// unless `extra` has a `Cache-Control` of its own ([`cache_line`]) and, unless `head`, the body. The connection is
/// closed after it.
pub fn reply(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    extra: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIME))?;
    let cache = if extra.contains("Cache-Control: ") { "" } else { NO_STORE };
    let top = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{extra}{}{cache}Connection: close\r\n\r\n",
        body.len(),
        security_headers()
    );
    stream.write_all(top.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Answers a refused request with a short text and closes the connection, after reading (and dropping) a little of
/// what the client still sends, so that it sees the answer rather than a reset; never more than 1 MiB or 1 s.
pub fn refuse(mut stream: TcpStream, status: &str, msg: &str) {
    if reply(&mut stream, status, "text/plain; charset=utf-8", "", msg.as_bytes(), false).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    let mut rest = Deadline { stream: &stream, until: Instant::now() + Duration::from_secs(1) }.take(1 << 20);
    let _ = std::io::copy(&mut rest, &mut std::io::sink());
}

/// A string with its `%XX` escapes decoded (invalid ones kept as they are), as bytes.
pub fn decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_keeps_broken_ones() {
        assert_eq!(decode("/data/en/a%20b.html"), b"/data/en/a b.html");
        assert_eq!(decode("/x%2"), b"/x%2");
        assert_eq!(decode("/%zz"), b"/%zz");
    }

    #[test]
    fn a_path_is_plain_names_or_nothing() {
        let names = |t: &str| segments(t).map(|v| v.join("|"));
        assert_eq!(names("/data/en/a%20b.facts?x=/..#y").as_deref(), Some("data|en|a b.facts"));
        assert_eq!(names("/data/").as_deref(), Some("data|index.html"));
        for bad in [
            "/data//etc/passwd",
            "/data/%2fetc%2fpasswd",
            "/data/en%2F..%2F..",
            "/data/%2e%2e/x",
            "/data/../x",
            "/data/./x",
            "/data/..%5cx",
            "/data/a\\b",
            "/data/a%00b",
            "/data/.git/config",
            "/data/c:x",
            "/data/%ff",
            "data/x",
            "http://evil.example/x",
            "*",
        ] {
            assert_eq!(segments(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_the_own_host_is_accepted() {
        assert!(is_own_host("127.0.0.1:8090", 8090) && is_own_host("LOCALHOST:8090", 8090));
        assert!(is_own_host("localhost", 80) && !is_own_host("localhost", 8090));
        for bad in ["evil.example:8090", "localhost:8091", "localhost.:8090", "[::1]:8090", "127.0.0.1:x", ""] {
            assert!(!is_own_host(bad, 8090), "{bad}");
        }
    }
}
