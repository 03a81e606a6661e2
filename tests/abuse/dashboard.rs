//! The dashboard's side of the campaign: its login form as a route under attack (no form token,
//! forged tokens, oversized and malformed forms, wrong content types, markup as a name), and a
//! login as a browser does it (form token cookie and hidden field), so the page can be read and
//! every markup string stored by a hostile operator or desk checked as escaped.

use crate::mutations::{self as m, HeaderCase, MARKUP};
use crate::routes::{fill, short, Route};
use crate::wire::{form_encode, send, Answer, Request};

/// The login form's token: its cookie (`name=value`) and the value of its hidden field.
pub struct FormToken {
    pub cookie: String,
    pub csrf: String,
}

pub fn form_token(addr: &str) -> FormToken {
    let page = send(addr, &Request::new("GET", "/login")).expect("the login form is served");
    assert_eq!(page.status, 200, "the login form: {}", page.head);
    let cookie = page
        .cookie("tiepdan_login")
        .unwrap_or_else(|| panic!("the form comes with its token cookie: {}", page.head));
    let start = page.body.find("name=\"csrf\" value=\"").expect("the form carries its token") + 19;
    let csrf = page.body[start..].split('"').next().expect("quoted").to_string();
    FormToken { cookie, csrf }
}

fn form(fields: &[(&str, &str)]) -> Vec<u8> {
    let pairs: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", form_encode(v))).collect();
    pairs.join("&").into_bytes()
}

fn post(cookie: Option<&str>, content_type: &str, body: Vec<u8>) -> Request {
    let r = Request::new("POST", "/login").header("Content-Type", content_type).body(body);
    r.with("Cookie", cookie.map(|c| c.as_bytes().to_vec()))
}

/// Logs in through the form; the answer of the `POST /login`.
pub fn login(addr: &str, name: &str, password: &str) -> Answer {
    let token = form_token(addr);
    let body = form(&[("name", name), ("password", password), ("csrf", &token.csrf)]);
    send(addr, &post(Some(&token.cookie), "application/x-www-form-urlencoded", body)).expect("answered")
}

/// The dashboard page as the holder of `session` (`name=value`) sees it.
pub fn page(addr: &str, session: &str) -> Answer {
    send(addr, &Request::new("GET", "/").header("Cookie", session)).expect("answered")
}

/// Asserts that no markup string appears raw in `html`, naming where it was read.
pub fn assert_escaped(html: &str, what: &str) {
    for markup in MARKUP {
        assert!(!html.contains(markup), "{what} shows {markup:?} unescaped");
    }
    // An escaped `onerror=` is plain text; only a tag could carry it.
    for tag in ["<script", "<img", "<svg"] {
        assert!(!html.contains(tag), "{what} contains the tag {tag:?}");
    }
}

pub fn login_route(addr: &str) -> Route {
    let token = form_token(addr);
    let cookie = Some(token.cookie.as_str());
    let wrong_csrf: String = token.csrf.chars().rev().collect();
    let form_type = "application/x-www-form-urlencoded";
    let good = |name: &str, password: &str, csrf: &str| {
        form(&[("name", name), ("password", password), ("csrf", csrf)])
    };
    let mut cases: Vec<(String, Request)> = Vec::new();
    let mut add = |label: String, body: Vec<u8>| cases.push((label, post(cookie, form_type, body)));
    add("forged form token".into(), good("quan.tri", "mat-khau-sai-1", &wrong_csrf));
    add("no form token".into(), form(&[("name", "quan.tri"), ("password", "mat-khau-sai-1")]));
    add("form token of markup".into(), good("quan.tri", "mat-khau-sai-1", MARKUP[0]));
    add("no name".into(), form(&[("password", "mat-khau-sai-1"), ("csrf", &token.csrf)]));
    add("no password".into(), form(&[("name", "quan.tri"), ("csrf", &token.csrf)]));
    add("name of 65 letters".into(), good(&"a".repeat(65), "mat-khau-sai-1", &token.csrf));
    add("password of 257 letters".into(), good("quan.tri", &"a".repeat(257), &token.csrf));
    add("form of 5000 bytes".into(), good(&"a".repeat(5000), "x", &token.csrf));
    add("form of 2.2 MB".into(), good(&"a".repeat(2_200_000), "x", &token.csrf));
    add(
        "name twice".into(),
        good("quan.tri", "mat-khau-sai-1", &token.csrf).into_iter().chain(*b"&name=x").collect(),
    );
    add("nested field names".into(), b"name[a][b]=x&password[]=y".to_vec());
    add("empty form".into(), Vec::new());
    for markup in MARKUP.iter().chain(&["' OR 1=1 --", "quan.tri\0", "%FF", "\u{202e}irt.nauq"]) {
        add(format!("name {}", short(markup)), good(markup, "mat-khau-sai-1", &token.csrf));
    }
    for (label, raw) in m::bad_utf8() {
        let mut body = b"name=".to_vec();
        body.extend_from_slice(raw);
        body.extend_from_slice(format!("&password=mat-khau-sai-1&csrf={}", token.csrf).as_bytes());
        add(format!("name {label}"), body);
    }
    for (label, bytes) in m::truncations(&good("quan.tri", "mat-khau-sai-1", &token.csrf)) {
        add(label, bytes);
    }
    let json = serde_json::json!({ "name": "quan.tri", "password": "x", "csrf": token.csrf }).to_string();
    for (label, content_type, body) in [
        ("JSON", "application/json", json.into_bytes()),
        ("XML", "application/xml", b"<name>quan.tri</name>".to_vec()),
        (
            "multipart",
            "multipart/form-data; boundary=x",
            b"--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nquan.tri\r\n--x--\r\n".to_vec(),
        ),
        ("plain text", "text/plain", b"quan.tri".to_vec()),
    ] {
        cases.push((format!("{label} body"), post(cookie, content_type, body)));
    }
    for method in ["PUT", "DELETE", "PATCH"] {
        let mut r = post(cookie, form_type, good("quan.tri", "x", &token.csrf));
        r.method = method.into();
        cases.push((format!("method {method}"), r));
    }
    let long_cookie = format!("tiepdan_login={}", "a".repeat(200));
    let cookies: Vec<(&str, HeaderCase)> = vec![
        ("Cookie", ("no cookie".into(), None)),
        (
            "Cookie",
            ("cookie of another token".into(), Some(format!("tiepdan_login={wrong_csrf}").into_bytes())),
        ),
        ("Cookie", ("cookie of 200 bytes".into(), Some(long_cookie.into_bytes()))),
        ("Cookie", ("cookie not UTF-8".into(), Some(b"tiepdan_login=\xff\xfe".to_vec()))),
        ("Cookie", ("cookie of markup".into(), Some(format!("tiepdan_login={}", MARKUP[1]).into_bytes()))),
    ];
    for (_, (label, value)) in &cookies {
        let r = post(None, form_type, good("quan.tri", "mat-khau-sai-1", &token.csrf))
            .with("Cookie", value.clone());
        cases.push((label.clone(), r));
    }
    fill("POST /login", cases, &cookies)
}
