//! A raw HTTP/1.1 client over `TcpStream`, for requests no well-behaved client would send: bytes
//! that are not UTF-8 in a header or a body, truncated JSON, wrong content types, targets of any
//! length. Every request is one connection (`Connection: close`), written on a second thread while
//! the answer is read, so a server that answers 413 before the body is sent is still heard.
//!
//! Bounded in time: connecting, writing and reading each have a timeout, and the whole exchange a
//! deadline, so a server that hangs shows as "no answer" instead of hanging the test.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// Longest the harness waits for one answer; far beyond what a healthy server needs.
pub const ANSWER_DEADLINE: Duration = Duration::from_secs(30);
/// Most bytes of an answer kept (the dashboard and error bodies are far smaller).
const MAX_ANSWER_BYTES: usize = 1 << 20;

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub target: Vec<u8>,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Request {
    pub fn new(method: &str, target: impl Into<Vec<u8>>) -> Request {
        Request { method: method.into(), target: target.into(), headers: Vec::new(), body: Vec::new() }
    }

    /// Sets header `name` (replacing any of that name); `None` removes it.
    pub fn with(mut self, name: &str, value: Option<Vec<u8>>) -> Request {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        if let Some(value) = value {
            self.headers.push((name.into(), value));
        }
        self
    }

    pub fn header(self, name: &str, value: impl Into<Vec<u8>>) -> Request {
        self.with(name, Some(value.into()))
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Request {
        self.body = body.into();
        self
    }

    /// The request as it goes on the wire; `Content-Length` always matches the body sent.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.body.len() + 512);
        out.extend_from_slice(self.method.as_bytes());
        out.push(b' ');
        out.extend_from_slice(&self.target);
        out.extend_from_slice(b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (name, value) in &self.headers {
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", self.body.len()).as_bytes());
        out.extend_from_slice(&self.body);
        out
    }
}

/// Sends `request` to `addr` (127.0.0.1:port) and reads the answer; `Err` says why there was none.
pub fn send(addr: &str, request: &Request) -> Result<Answer, String> {
    let addr: SocketAddr = addr.parse().map_err(|e| format!("address {addr}: {e}"))?;
    assert!(addr.ip().is_loopback(), "the campaign only ever talks to 127.0.0.1");
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).map_err(|e| e.to_string())?;
    stream.set_write_timeout(Some(ANSWER_DEADLINE)).map_err(|e| e.to_string())?;
    let mut writer = stream.try_clone().map_err(|e| e.to_string())?;
    let bytes = request.bytes();
    let seen = std::thread::scope(|scope| {
        // A write error is not the verdict: the server may well answer and close before reading
        // a body it refuses. The answer (or its absence) is.
        let _writer = scope.spawn(move || writer.write_all(&bytes).and_then(|_| writer.flush()));
        read_answer(&mut stream)
    })?;
    parse(&seen)
}

/// Reads until the server closes, the answer is complete enough, or the deadline passes.
fn read_answer(stream: &mut TcpStream) -> Result<Vec<u8>, String> {
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    while started.elapsed() < ANSWER_DEADLINE && seen.len() < MAX_ANSWER_BYTES {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::BrokenPipe) => break,
            Err(e) => return Err(e.to_string()),
        }
    }
    if seen.is_empty() {
        return Err(format!("no answer within {ANSWER_DEADLINE:?}"));
    }
    Ok(seen)
}

fn parse(seen: &[u8]) -> Result<Answer, String> {
    let text = String::from_utf8_lossy(seen);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("not an HTTP answer: {:?}", head.chars().take(80).collect::<String>()))?;
    Ok(Answer { status, head: head.to_string(), body: body.to_string() })
}

impl Answer {
    /// The `name=value` of the first `Set-Cookie` whose name is `name`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .filter(|(n, _)| n.trim().eq_ignore_ascii_case("set-cookie"))
            .map(|(_, v)| v.trim().split(';').next().unwrap_or_default().to_string())
            .find(|pair| pair.split('=').next() == Some(name))
    }
}

/// `application/x-www-form-urlencoded` encoding of one value.
pub fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
