//! Built-in TLS: `serve --tls-cert --tls-key` with a certificate the desk trusts.

use crate::support::{Server, BIN};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn the_server_speaks_https_with_the_given_certificate() {
    let server = Server::start();
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).expect("a certificate");
    let (cert_file, key_file) = (server.dir.path().join("cert.pem"), server.dir.path().join("key.pem"));
    std::fs::write(&cert_file, cert.cert.pem()).expect("written");
    std::fs::write(&key_file, cert.signing_key.serialize_pem()).expect("written");
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(server.db_arg())
        .args(["serve", "--listen", "127.0.0.1:0", "--tls-cert"])
        .arg(&cert_file)
        .arg("--tls-key")
        .arg(&key_file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("line");
    let port = line.split(':').nth(1).and_then(|p| p.split_whitespace().next()).expect("port").to_string();
    let client = reqwest::blocking::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(cert.cert.pem().as_bytes()).expect("pem")])
        .build()
        .expect("client");
    let health = client.get(format!("https://localhost:{port}/api/v1/health")).send();
    child.kill().expect("killed");
    child.wait().expect("reaped");
    let health = health.expect("an HTTPS answer");
    assert_eq!(health.status(), 200);
}
