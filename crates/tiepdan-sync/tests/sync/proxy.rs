//! A fault-injecting HTTP proxy between the desk and the server, on 127.0.0.1:0. It understands just
//! enough HTTP/1.1 (content-length bodies, keep-alive) to forward requests one by one, and can drop
//! the answer to a push after the server committed it, or deliver every push to the server twice.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The n-th push (0-based) reaches the server, its answer never reaches the desk.
    DropAnswerOfPush(usize),
    /// Every push is sent to the server twice; the desk gets the second answer.
    DuplicatePushes,
}

pub struct Proxy {
    pub url: String,
    pub pushes: Arc<AtomicUsize>,
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
    let stream = upstream.get_mut();
    stream.write_all(head).ok()?;
    stream.write_all(body).ok()?;
    read_message(upstream)
}

fn serve(client: TcpStream, server: String, fault: Fault, pushes: Arc<AtomicUsize>) -> Option<()> {
    let mut client_reader = BufReader::new(client.try_clone().ok()?);
    let mut client = client;
    let mut upstream = BufReader::new(TcpStream::connect(&server).ok()?);
    loop {
        let (head, body) = read_message(&mut client_reader)?;
        let is_push = head.starts_with(b"POST ") && String::from_utf8_lossy(&head).contains("/events ");
        let n = if is_push { Some(pushes.fetch_add(1, Ordering::SeqCst)) } else { None };
        let mut answer = exchange(&mut upstream, &head, &body)?;
        if is_push && fault == Fault::DuplicatePushes {
            answer = exchange(&mut upstream, &head, &body)?;
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
        let listener = TcpListener::bind("127.0.0.1:0").expect("bound");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let server = server_url.trim_start_matches("http://").to_string();
        let pushes = Arc::new(AtomicUsize::new(0));
        let counter = pushes.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (server, counter) = (server.clone(), counter.clone());
                std::thread::spawn(move || serve(client, server, fault, counter));
            }
        });
        Proxy { url, pushes }
    }
}
