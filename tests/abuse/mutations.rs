//! The building blocks of the hostile requests, route-independent: wrong protocol versions, forged
//! or misplaced credentials, wrong JSON types, huge strings, deep nesting, truncation, bytes that are
//! not UTF-8, markup, and the content types a desk never sends. Each table is a fixed list, so the
//! campaign built from them is the same on every run.

use serde_json::{json, Value};

/// Markup that must never reach a page unescaped.
pub const MARKUP: [&str; 4] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=1>",
    "'><svg onload=alert(1)>",
    "javascript:alert(1)//",
];

/// A header value, or `None` for the header left out; with a label for the report.
pub type HeaderCase = (String, Option<Vec<u8>>);

/// `X-Tiepdan-Protocol` values the server must refuse (426): missing, old, or not a number.
pub fn versions() -> Vec<HeaderCase> {
    let values: [&[u8]; 11] = [
        b"0",
        b"",
        b"abc",
        b"-1",
        b"1.5",
        b"0x1",
        b"00",
        b"4294967296",
        "\u{0661}".as_bytes(),
        b"\xff1",
        b"1 1",
    ];
    let mut out: Vec<HeaderCase> = vec![("version missing".into(), None)];
    out.extend(
        values.iter().map(|v| (format!("version {:?}", String::from_utf8_lossy(v)), Some(v.to_vec()))),
    );
    out
}

/// `Authorization` values the server must refuse (401): missing, malformed, forged, oversized.
pub fn auths(token: &str) -> Vec<HeaderCase> {
    let mut flipped = token.to_string();
    let last = if flipped.pop() == Some('a') { 'b' } else { 'a' };
    flipped.push(last);
    let values: Vec<(&str, Vec<u8>)> = vec![
        ("bearer without token", b"Bearer".to_vec()),
        ("bearer blank", b"Bearer    ".to_vec()),
        ("basic scheme", b"Basic dXNlcjpwYXNz".to_vec()),
        ("lower-case scheme", format!("bearer {token}").into_bytes()),
        ("token with a tail", format!("Bearer {token}x").into_bytes()),
        ("token one letter off", format!("Bearer {flipped}").into_bytes()),
        ("token of 201 bytes", format!("Bearer {}", "a".repeat(201)).into_bytes()),
        ("token of 8000 bytes", format!("Bearer {}", "a".repeat(8000)).into_bytes()),
        ("token not UTF-8", b"Bearer \xff\xfe\xfd".to_vec()),
        ("token of markup", format!("Bearer {}", MARKUP[0]).into_bytes()),
        ("token of SQL", b"Bearer ' OR 1=1 --".to_vec()),
        ("other scheme", format!("Token {token}").into_bytes()),
        ("two tokens", format!("Bearer {flipped} {token}").into_bytes()),
    ];
    let mut out: Vec<HeaderCase> = vec![("no credential".into(), None)];
    out.extend(values.into_iter().map(|(label, v)| (label.to_string(), Some(v))));
    out
}

/// JSON values of the wrong type for almost any field.
pub fn wrong_types() -> Vec<Value> {
    vec![Value::Null, json!(true), json!(-1), json!(1.5), json!("x"), json!([]), json!({})]
}

/// Whole bodies that are not a JSON object.
pub fn not_objects() -> Vec<(String, Vec<u8>)> {
    let bodies: [&[u8]; 8] = [b"", b" ", b"[]", b"\"x\"", b"1", b"null", b"true", b"1e400"];
    bodies.iter().map(|b| (format!("body {:?}", String::from_utf8_lossy(b)), b.to_vec())).collect()
}

/// `depth` nested arrays.
pub fn deep(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

pub const DEPTHS: [usize; 5] = [127, 129, 1_000, 20_000, 200_000];

/// `body` cut at ten places, none of which leaves a whole document.
pub fn truncations(body: &[u8]) -> Vec<(String, Vec<u8>)> {
    let n = body.len();
    let cuts = [1, 2, n / 5, n / 4, n / 3, n / 2, 2 * n / 3, 3 * n / 4, n - 2, n - 1];
    cuts.iter().map(|&c| (format!("cut at {c} of {n} bytes"), body[..c].to_vec())).collect()
}

/// Byte sequences that are not UTF-8, to go inside a JSON string.
pub fn bad_utf8() -> Vec<(&'static str, &'static [u8])> {
    vec![
        ("0xFF", &b"\xff"[..]),
        ("overlong slash", &b"\xc0\xaf"[..]),
        ("encoded surrogate", &b"\xed\xa0\x80"[..]),
        ("cut multi-byte", &b"\xe1\xbb"[..]),
        ("0xFE 0xFF", &b"\xfe\xff"[..]),
        ("bad continuation", &b"\xf0\x28\x8c\x28"[..]),
    ]
}

/// A JSON object with `raw` spliced in as the value of string field `field`.
pub fn with_raw_string(base: &Value, field: &str, raw: &[u8]) -> Vec<u8> {
    let marker = "\u{1}SPLICE\u{1}";
    let mut value = base.clone();
    value[field] = json!(marker);
    let text = serde_json::to_string(&value).expect("json");
    let escaped = serde_json::to_string(marker).expect("json");
    let at = text.find(&escaped).expect("the marker is in the text") + 1;
    let mut out = text.as_bytes()[..at].to_vec();
    out.extend_from_slice(raw);
    out.extend_from_slice(&text.as_bytes()[at + escaped.len() - 2..]);
    out
}

/// Content types a desk never sends, each with a body in that type (JSON bodies would be read as
/// JSON whatever their label: the API reads bytes, so the label alone is not a refusal).
pub fn foreign_bodies(field: &str, value: &str) -> Vec<(String, &'static str, Vec<u8>)> {
    let utf16: Vec<u8> =
        format!("{{\"{field}\":\"{value}\"}}").encode_utf16().flat_map(u16::to_le_bytes).collect();
    vec![
        ("form".into(), "application/x-www-form-urlencoded", format!("{field}={value}").into_bytes()),
        ("xml".into(), "application/xml", format!("<{field}>{value}</{field}>").into_bytes()),
        (
            "multipart".into(),
            "multipart/form-data; boundary=x",
            format!("--x\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n--x--\r\n")
                .into_bytes(),
        ),
        ("plain text".into(), "text/plain", value.as_bytes().to_vec()),
        ("JSON in UTF-16".into(), "application/json; charset=utf-16", utf16),
    ]
}

/// Pairs of a header case and a body case, spread over both lists, for filling a route's table
/// up to its count: at most `n` pairs (indices into the two lists).
pub fn pairs(headers: usize, bodies: usize, n: usize) -> Vec<(usize, usize)> {
    let all = headers * bodies;
    (0..n.min(all)).map(|k| (k % headers, (k / headers + k) % bodies)).collect()
}
