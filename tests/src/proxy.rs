//! A fault-injecting HTTP proxy between the desk app and a [`District`](crate::district::District),
//! on 127.0.0.1:0, for the window test of a stream the server stopped (issue 14 §11): a middlebox
//! that damages the first push on its way, so the real server answers `bad_hash`, as it would in an
//! office whose network appliance rewrites requests. Ported from the sync crate's own proxy
//! (`crates/tiepdan-sync/tests/sync/proxy.rs`), keeping only this fault.
//!
//! It understands just enough HTTP/1.1 to forward requests one by one on a kept-alive connection:
//! bodies with a content-length (the desk's client and the server send nothing else). Each desk
//! connection gets its own connection to the server and a thread of its own.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fault {
    /// The first push reaches the server with its first event's payload hash altered in one digit;
    /// every later push passes unaltered (the damage was a one-off, so "Thử gửi lại" can succeed).
    CorruptFirstPush,
    /// Everything is forwarded as it comes (for showing that a test fails without the fault).
    None,
}

/// One HTTP message as bytes: its head (request or status line and headers) and its body.
type Message = (Vec<u8>, Vec<u8>);

/// The proxy; stops accepting new connections when dropped.
pub struct Proxy {
    /// What the desk is told the server's address is: `http://127.0.0.1:PORT`.
    pub url: String,
    stop: Arc<AtomicBool>,
    addr: String,
}

impl Proxy {
    /// Listens on a free port and forwards to `server_url` (`http://host:port`) with `fault`.
    pub fn start(server_url: &str, fault: Fault) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let addr = listener.local_addr().expect("the proxy's address").to_string();
        let server = server_url.trim_start_matches("http://").to_string();
        // Pushes (`POST …/events`) seen so far on any connection, damaged or not.
        let pushes = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if stopping.load(Ordering::SeqCst) {
                    return;
                }
                let (server, pushes) = (server.clone(), pushes.clone());
                std::thread::spawn(move || forward(client, &server, fault, &pushes));
            }
        });
        Proxy { url: format!("http://{addr}"), stop, addr }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // `accept` blocks: one last connection wakes the listener so it sees the flag and lets go
        // of the port.
        let _ = TcpStream::connect(&self.addr);
    }
}

/// Forwards one desk connection's requests in order until either side closes it.
fn forward(client: TcpStream, server: &str, fault: Fault, pushes: &AtomicUsize) -> Option<()> {
    let mut from_client = BufReader::new(client.try_clone().ok()?);
    let mut client = client;
    let mut upstream = BufReader::new(TcpStream::connect(server).ok()?);
    loop {
        let (head, body) = read_message(&mut from_client)?;
        let first_line = String::from_utf8_lossy(&head).lines().next().unwrap_or_default().to_string();
        let is_push = first_line.starts_with("POST ") && first_line.contains("/events ");
        // Counted as it is taken, so of two pushes on two connections only one is the first.
        let nth_push = is_push.then(|| pushes.fetch_add(1, Ordering::SeqCst));
        let (head, body) = match (fault, nth_push) {
            (Fault::CorruptFirstPush, Some(0)) => corrupt_first_hash(&head, &body)?,
            _ => (head, body),
        };
        let upstream_stream = upstream.get_mut();
        upstream_stream.write_all(&head).ok()?;
        upstream_stream.write_all(&body).ok()?;
        upstream_stream.flush().ok()?;
        let (answer_head, answer_body) = read_message(&mut upstream)?;
        client.write_all(&answer_head).ok()?;
        client.write_all(&answer_body).ok()?;
        client.flush().ok()?;
    }
}

/// Reads one HTTP message: head lines up to the blank line, then content-length bytes of body.
/// `None` when the connection closed (or spoke something this proxy does not understand).
fn read_message(reader: &mut BufReader<TcpStream>) -> Option<Message> {
    let mut head = Vec::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
        head.extend_from_slice(line.as_bytes());
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    Some((head, body))
}

/// `body` (a push) with its first event's payload hash changed in its first digit, and `head`'s
/// content-length following the re-serialised body.
fn corrupt_first_hash(head: &[u8], body: &[u8]) -> Option<Message> {
    let mut push: serde_json::Value = serde_json::from_slice(body).ok()?;
    let hash = push["events"][0]["payload_hash"].as_str()?.to_string();
    let flipped = if hash.starts_with('0') { "1" } else { "0" };
    push["events"][0]["payload_hash"] = serde_json::json!(format!("{flipped}{}", &hash[1..]));
    let body = serde_json::to_vec(&push).ok()?;
    let head: String = String::from_utf8_lossy(head)
        .split_inclusive("\r\n")
        .map(|line| match line.split_once(':') {
            Some((name, _)) if name.eq_ignore_ascii_case("content-length") => {
                format!("{name}: {}\r\n", body.len())
            }
            _ => line.to_string(),
        })
        .collect();
    Some((head.into_bytes(), body))
}
