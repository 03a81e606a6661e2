//! The HTTP client: every request carries the protocol version header and the credential, and every
//! answer is sorted into success, a typed refusal, or a transient failure.

use crate::error::{Result, SyncError};
use reqwest::blocking::{Client, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use std::io::Read;
use std::time::Duration;
use tiepdan_protocol::{ErrorBody, ErrorCode, MAX_BODY_BYTES, PROTOCOL_VERSION, VERSION_HEADER};

/// The most the desk reads of one answer. The largest a sound server sends is a page of 1,000 events
/// (each pushed in a body of at most [`MAX_BODY_BYTES`]) or of 500 feed entries; a broken proxy or a
/// hostile server streaming without end must not fill the desk's memory.
pub const MAX_ANSWER_BYTES: usize = 8 * MAX_BODY_BYTES;

pub struct Http {
    client: Client,
    base: String,
    credential: Option<String>,
}

/// The server's answer: a body, or its `{code, message}` refusal with the HTTP status.
pub enum Reply<T> {
    Ok(T),
    Refused(u16, ErrorBody),
}

impl Http {
    pub fn new(base: &str, credential: Option<&str>) -> Result<Http> {
        // rustls with ring, chosen once for the process (the workspace does not build aws-lc).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| SyncError::Offline(format!("HTTP client: {e}")))?;
        Ok(Http {
            client,
            base: base.trim_end_matches('/').to_string(),
            credential: credential.map(str::to_string),
        })
    }

    fn with_headers(&self, b: RequestBuilder) -> RequestBuilder {
        let b = b.header(VERSION_HEADER, PROTOCOL_VERSION.to_string());
        match &self.credential {
            Some(c) => b.bearer_auth(c),
            None => b,
        }
    }

    pub fn get<T: DeserializeOwned>(&self, path: &str) -> Result<Reply<T>> {
        let req = self.with_headers(self.client.get(format!("{}{path}", self.base)));
        read(req.send())
    }

    pub fn post<B: serde::Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Result<Reply<T>> {
        let req = self.with_headers(self.client.post(format!("{}{path}", self.base))).json(body);
        read(req.send())
    }
}

fn read<T: DeserializeOwned>(sent: reqwest::Result<Response>) -> Result<Reply<T>> {
    let resp = sent.map_err(|e| SyncError::Offline(e.to_string()))?;
    let status = resp.status().as_u16();
    if resp.status().is_success() {
        let bytes = bounded(resp)?;
        return serde_json::from_slice(&bytes)
            .map(Reply::Ok)
            .map_err(|e| SyncError::Offline(format!("unreadable answer: {e}")));
    }
    if status >= 500 {
        return Err(SyncError::Offline(format!("server error {status}")));
    }
    let refusal = bounded(resp).ok().and_then(|bytes| serde_json::from_slice::<ErrorBody>(&bytes).ok());
    let body = refusal.unwrap_or_else(|| {
        // A proxy in between may answer without our body; keep the status meaningful.
        let code = match status {
            401 => ErrorCode::Unauthorized,
            403 => ErrorCode::Forbidden,
            413 => ErrorCode::TooLarge,
            _ => ErrorCode::BadRequest,
        };
        ErrorBody::new(code, format!("HTTP {status}"))
    });
    Ok(Reply::Refused(status, body))
}

/// The answer's body, refused past [`MAX_ANSWER_BYTES`] (announced or streamed) as a transient
/// failure: the round ends, the desk retries later, and nothing is half-applied.
fn bounded(resp: Response) -> Result<Vec<u8>> {
    let too_large = || SyncError::Offline(format!("the server's answer exceeds {MAX_ANSWER_BYTES} bytes"));
    if resp.content_length().is_some_and(|n| n > MAX_ANSWER_BYTES as u64) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    resp.take(MAX_ANSWER_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SyncError::Offline(format!("the answer was cut: {e}")))?;
    if bytes.len() > MAX_ANSWER_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}
