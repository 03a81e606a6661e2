//! A fault-injecting HTTP proxy between the desk and the server, on 127.0.0.1:0. It understands just
//! enough HTTP/1.1 (content-length bodies, keep-alive) to forward requests one by one, and can drop
//! the answer to a push after the server committed it, deliver every push to the server twice, or
//! keep answering `GET /desk` with a stale view, or misbehave as a hostile server would (an endless
//! answer, pages of events that never advance). It logs every push (its seq range and whether an
//! answer came back) and can tell a test the moment a push has been handed to the server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The n-th push (0-based) reaches the server, its answer never reaches the desk.
    DropAnswerOfPush(usize),
    /// Every push is sent to the server twice; the desk gets the second answer.
    DuplicatePushes,
    /// From the n-th `GET /desk` (0-based) on, the desk gets that same answer again: a stale view
    /// of the server, as from a cache, while the server itself may go back in time.
    FreezeDeskAnswer(usize),
    /// Every `GET /desk` is answered with a valid-looking JSON body larger than the desk reads,
    /// chunked (no length announced), as from a broken proxy or a hostile server.
    OversizedDeskAnswer,
    /// Every `GET …/events` gets the first such answer again, its `hwm` raised by one so the desk
    /// asks for more: a server whose pages never advance.
    RepeatEventsPage,
    /// Every push to the first stream the proxy sees pushed is refused with a 400 (a refusal that
    /// concerns that stream's events only); other streams pass.
    RefuseFirstStream,
    /// The first push reaches the server with its first event's payload hash altered (a middlebox
    /// that damaged one request); every later push passes unaltered.
    CorruptFirstPush,
    /// No fault: everything is forwarded as it comes.
    None,
}

/// A 200 answer with `body` as JSON.
fn json_answer(body: &[u8]) -> Message {
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    (head.into_bytes(), body.to_vec())
}

/// Sends a 200 JSON answer of `size` bytes in one chunk: `{"pad":"xxxx…"}`.
fn send_oversized(client: &mut TcpStream, size: usize) -> Option<()> {
    let mut body = Vec::with_capacity(size);
    body.extend_from_slice(b"{\"pad\":\"");
    body.resize(size - 2, b'x');
    body.extend_from_slice(b"\"}");
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
    client.write_all(head.as_bytes()).ok()?;
    client.write_all(format!("{:x}\r\n", body.len()).as_bytes()).ok()?;
    // The desk may stop reading (and close) once it has had enough: that ends this connection.
    client.write_all(&body).ok()?;
    client.write_all(b"\r\n0\r\n\r\n").ok()?;
    client.flush().ok()
}

/// `body` (a push) with its first event's payload hash changed in one digit, and `head`'s length
/// following it.
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

/// One push as the proxy saw it.
#[derive(Clone, Copy, Debug)]
pub struct PushSeen {
    /// First and last seq of the batch.
    pub first: u64,
    pub last: u64,
    /// Whether the server's answer came back (false: the connection died first).
    pub answered: bool,
}

pub struct Proxy {
    pub url: String,
    pub pushes: Arc<AtomicUsize>,
    /// Every push in order (the n-th entry is push n).
    pub log: Arc<Mutex<Vec<PushSeen>>>,
}

type Message = (Vec<u8>, Vec<u8>);

#[derive(Default)]
struct Shared {
    pushes: Arc<AtomicUsize>,
    desk_answers: AtomicUsize,
    frozen: Mutex<Option<Message>>,
    /// The first events page, for [`Fault::RepeatEventsPage`].
    first_page: Mutex<Option<Message>>,
    /// The push path refused by [`Fault::RefuseFirstStream`].
    refused_path: Mutex<Option<String>>,
    log: Arc<Mutex<Vec<PushSeen>>>,
    /// Told the number of each push once its request is written to the server, before the answer.
    handed_over: Option<Mutex<Sender<usize>>>,
}

/// First and last seq of a push body.
fn seq_range(body: &[u8]) -> (u64, u64) {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let seqs: Vec<u64> = value["events"]
        .as_array()
        .map(|events| events.iter().filter_map(|e| e["seq"].as_u64()).collect())
        .unwrap_or_default();
    (seqs.first().copied().unwrap_or(0), seqs.last().copied().unwrap_or(0))
}

/// One HTTP message: head lines and body.
fn read_message(reader: &mut BufReader<TcpStream>) -> Option<(Vec<u8>, Vec<u8>)> {
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

fn exchange(upstream: &mut BufReader<TcpStream>, head: &[u8], body: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    exchange_then(upstream, head, body, || ())
}

/// Writes the request, calls `sent`, then reads the answer.
fn exchange_then(
    upstream: &mut BufReader<TcpStream>,
    head: &[u8],
    body: &[u8],
    sent: impl FnOnce(),
) -> Option<(Vec<u8>, Vec<u8>)> {
    let stream = upstream.get_mut();
    stream.write_all(head).ok()?;
    stream.write_all(body).ok()?;
    stream.flush().ok()?;
    sent();
    read_message(upstream)
}

fn serve(client: TcpStream, server: String, fault: Fault, shared: Arc<Shared>) -> Option<()> {
    let mut client_reader = BufReader::new(client.try_clone().ok()?);
    let mut client = client;
    let mut upstream = BufReader::new(TcpStream::connect(&server).ok()?);
    loop {
        let (head, body) = read_message(&mut client_reader)?;
        let first_line = String::from_utf8_lossy(&head).lines().next().unwrap_or_default().to_string();
        let is_push = first_line.starts_with("POST ") && first_line.contains("/events ");
        let is_desk = first_line.starts_with("GET /api/v1/desk ");
        let is_events = first_line.starts_with("GET ") && first_line.contains("/events?");
        if is_push && fault == Fault::RefuseFirstStream {
            let path = first_line.split(' ').nth(1).unwrap_or_default().to_string();
            let refused = shared.refused_path.lock().ok()?.get_or_insert(path.clone()).clone();
            if refused == path {
                let body = br#"{"code":"bad_request","message":"the proxy refuses this stream"}"#;
                let (head, body) = json_answer(body);
                let head = String::from_utf8(head).ok()?.replacen("200 OK", "400 Bad Request", 1);
                client.write_all(head.as_bytes()).ok()?;
                client.write_all(&body).ok()?;
                continue;
            }
        }
        if is_desk && fault == Fault::OversizedDeskAnswer {
            send_oversized(&mut client, tiepdan_sync::client::MAX_ANSWER_BYTES * 2)?;
            continue;
        }
        if is_events && fault == Fault::RepeatEventsPage {
            let kept = shared.first_page.lock().ok()?.clone();
            let answer = match kept {
                Some(answer) => answer,
                None => {
                    let (_, body) = exchange(&mut upstream, &head, &body)?;
                    let mut page: serde_json::Value = serde_json::from_slice(&body).ok()?;
                    page["hwm"] = serde_json::json!(page["hwm"].as_u64()? + 1);
                    let answer = json_answer(&serde_json::to_vec(&page).ok()?);
                    *shared.first_page.lock().ok()? = Some(answer.clone());
                    answer
                }
            };
            client.write_all(&answer.0).ok()?;
            client.write_all(&answer.1).ok()?;
            continue;
        }
        let (head, body) =
            if is_push && fault == Fault::CorruptFirstPush && shared.pushes.load(Ordering::SeqCst) == 0 {
                corrupt_first_hash(&head, &body)?
            } else {
                (head, body)
            };
        let n = if is_push {
            let (first, last) = seq_range(&body);
            let mut log = shared.log.lock().ok()?;
            log.push(PushSeen { first, last, answered: false });
            shared.pushes.fetch_add(1, Ordering::SeqCst);
            Some(log.len() - 1)
        } else {
            None
        };
        if let (true, Fault::FreezeDeskAnswer(from)) = (is_desk, fault) {
            let seen = shared.desk_answers.fetch_add(1, Ordering::SeqCst);
            let frozen = shared.frozen.lock().ok()?.clone();
            if let (true, Some((h, b))) = (seen > from, frozen) {
                client.write_all(&h).ok()?;
                client.write_all(&b).ok()?;
                continue;
            }
            let answer = exchange(&mut upstream, &head, &body)?;
            if seen == from {
                *shared.frozen.lock().ok()? = Some(answer.clone());
            }
            client.write_all(&answer.0).ok()?;
            client.write_all(&answer.1).ok()?;
            continue;
        }
        let handed_over = || {
            if let (Some(n), Some(tell)) = (n, &shared.handed_over) {
                let _ = tell.lock().map(|t| t.send(n));
            }
        };
        let mut answer = exchange_then(&mut upstream, &head, &body, handed_over)?;
        if is_push && fault == Fault::DuplicatePushes {
            answer = exchange(&mut upstream, &head, &body)?;
        }
        if let Some(n) = n {
            shared.log.lock().ok()?[n].answered = true;
        }
        if let (Some(n), Fault::DropAnswerOfPush(dropped)) = (n, fault) {
            if n == dropped {
                // The server has answered (so it committed); the desk hears nothing.
                return None;
            }
        }
        client.write_all(&answer.0).ok()?;
        client.write_all(&answer.1).ok()?;
    }
}

impl Proxy {
    pub fn start(server_url: &str, fault: Fault) -> Proxy {
        Proxy::spawn(server_url, fault, Shared::default())
    }

    /// A proxy without faults that sends on `handed_over` the number of each push (0-based) as
    /// soon as its request has been written to the server, before the server answers.
    pub fn observing(server_url: &str, handed_over: Sender<usize>) -> Proxy {
        let shared = Shared { handed_over: Some(Mutex::new(handed_over)), ..Shared::default() };
        Proxy::spawn(server_url, Fault::None, shared)
    }

    fn spawn(server_url: &str, fault: Fault, shared: Shared) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bound");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let server = server_url.trim_start_matches("http://").to_string();
        let shared = Arc::new(shared);
        let (pushes, log) = (shared.pushes.clone(), shared.log.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (server, shared) = (server.clone(), shared.clone());
                std::thread::spawn(move || serve(client, server, fault, shared));
            }
        });
        Proxy { url, pushes, log }
    }
}
