//! Dashboard login under attack: parallel guesses, many addresses, unknown and overlong names. The
//! server runs in this process so the tests can count the password checks it made (argon2, the
//! expensive part) instead of timing anything.

use crate::support::{browser, login_at, login_form, session_of, InProcess};
use tiepdan_server::dashboard::throttle::{PER_NAME, PER_NAME_AND_ADDRESS};
use tiepdan_server::ServeOptions;

fn behind_proxy() -> ServeOptions {
    ServeOptions {
        client_ip_header: Some("x-forwarded-for".parse().expect("name")),
        ..ServeOptions::default()
    }
}

#[test]
fn a_hundred_parallel_guesses_check_no_more_passwords_than_the_budget() {
    let server = InProcess::start(ServeOptions::default());
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let guesses: Vec<_> = (0..100)
            .map(|n| {
                let base = &server.base;
                scope.spawn(move || {
                    login_at(base, "quan.tri", &format!("doan-sai-{n}"), &[]).status().as_u16()
                })
            })
            .collect();
        guesses.into_iter().map(|g| g.join().expect("guess")).collect()
    });
    let checked = server.passwords.verifications();
    assert!(
        checked <= u64::from(PER_NAME_AND_ADDRESS),
        "a budget slot is taken before the check, so racing guesses cannot all pass: {checked} checked"
    );
    assert_eq!(statuses.iter().filter(|s| **s == 401).count() as u64, checked, "each check answered 401");
    assert!(statuses.iter().all(|s| *s == 401 || *s == 429), "the rest were throttled: {statuses:?}");
    let right = login_at(&server.base, "quan.tri", "mat-khau-dai-1", &[]);
    assert_eq!(right.status(), 429, "from this address the name stays locked for the window");
}

#[test]
fn a_stranger_guessing_from_one_address_does_not_lock_the_owner_out_from_another() {
    let server = InProcess::start(behind_proxy());
    for n in 0..PER_NAME_AND_ADDRESS + 3 {
        let guess =
            login_at(&server.base, "quan.tri", &format!("sai-{n}"), &[("x-forwarded-for", "203.0.113.66")]);
        assert!(matches!(guess.status().as_u16(), 401 | 429));
    }
    let owner = login_at(&server.base, "quan.tri", "mat-khau-dai-1", &[("x-forwarded-for", "10.20.0.7")]);
    session_of(&owner);
}

#[test]
fn guesses_from_many_addresses_stop_at_the_names_budget() {
    let server = InProcess::start(behind_proxy());
    for n in 0..PER_NAME + 20 {
        let from = format!("198.51.100.{n}");
        let guess =
            login_at(&server.base, "quan.tri", "doan-sai-mat-khau", &[("x-forwarded-for", from.as_str())]);
        let status = guess.status().as_u16();
        assert!(matches!(status, 401 | 429), "guess {n}: {status} {}", guess.text().unwrap_or_default());
    }
    assert_eq!(
        server.passwords.verifications(),
        u64::from(PER_NAME),
        "a botnet gets this many guesses per window"
    );
}

#[test]
fn an_unknown_name_costs_the_same_password_check_and_gets_the_same_answer() {
    let server = InProcess::start(ServeOptions::default());
    let unknown = login_at(&server.base, "khong.co.ai", "mat-khau-dai-1", &[]);
    assert_eq!(server.passwords.verifications(), 1, "an unknown name still runs one argon2 check");
    let known = login_at(&server.base, "quan.tri", "doan-sai-mat-khau", &[]);
    assert_eq!(server.passwords.verifications(), 2, "as a known name does");
    assert_eq!(
        (unknown.status(), known.status()),
        (reqwest::StatusCode::UNAUTHORIZED, reqwest::StatusCode::UNAUTHORIZED)
    );
    let message = |html: String| {
        html.split("<p class=\"bad\">").nth(1).map(|m| m.split('<').next().unwrap_or_default().to_string())
    };
    assert_eq!(
        message(unknown.text().expect("text")),
        message(known.text().expect("text")),
        "the page does not tell which names exist"
    );
}

#[test]
fn an_overlong_name_is_refused_before_any_password_check() {
    let server = InProcess::start(ServeOptions::default());
    let long = "a".repeat(65);
    assert_eq!(login_at(&server.base, &long, "mat-khau-dai-1", &[]).status(), 400);
    let huge = "a".repeat(16 * 1024);
    assert_eq!(login_at(&server.base, &huge, "mat-khau-dai-1", &[]).status(), 413, "the form body is small");
    assert_eq!(server.passwords.verifications(), 0, "no argon2 work was spent on them");
}

#[test]
fn a_login_without_the_token_of_its_form_is_refused_before_any_password_check() {
    let server = InProcess::start(ServeOptions::default());
    let bare = browser()
        .post(format!("{}/login", server.base))
        .form(&[("name", "quan.tri"), ("password", "mat-khau-dai-1")])
        .send()
        .expect("sent");
    assert_eq!(bare.status(), 403, "a form posted from another site has no token");
    let (cookie, _) = login_form(&server.base);
    let (_, other_token) = login_form(&server.base);
    let mismatched = browser()
        .post(format!("{}/login", server.base))
        .header("cookie", cookie)
        .form(&[("name", "quan.tri"), ("password", "mat-khau-dai-1"), ("csrf", other_token.as_str())])
        .send()
        .expect("sent");
    assert_eq!(mismatched.status(), 403, "the token must be the one of this browser's form");
    assert_eq!(server.passwords.verifications(), 0);
    session_of(&login_at(&server.base, "quan.tri", "mat-khau-dai-1", &[]));
}
