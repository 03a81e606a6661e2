//! The district dashboard: login, wards and desks, forks needing attention.

use crate::support::{browser as client, login_at, push, session_of, visit, Journal, Server};

fn login(server: &Server, password: &str) -> reqwest::blocking::Response {
    login_at(&server.base, "quan.tri", password, &[])
}

#[test]
fn the_dashboard_needs_a_login_and_then_shows_wards_desks_and_forks() {
    let server = Server::start();
    let anonymous = client().get(server.url("/")).send().expect("sent");
    assert_eq!(anonymous.status(), 303, "no session: sent to the login page");
    assert_eq!(login(&server, "sai-mat-khau-roi").status(), 401);

    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(2);
    let mut req = journal.batch(1, 3);
    req.local_max_seq = 9;
    assert_eq!(push(&server, &cred, &journal.path(), &req).0, 200);
    let mut copy = Journal { stream: journal.stream, events: journal.events[..2].to_vec() };
    copy.append(visit("Bản sao", None));
    assert_eq!(push(&server, &cred, &copy.path(), &copy.batch(3, 3)).0, 409);

    let ok = login(&server, "mat-khau-dai-1");
    assert_eq!(ok.status(), 303);
    let cookie = ok.headers()["set-cookie"].to_str().expect("ascii").to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let session = session_of(&ok);
    let page = client().get(server.url("/")).header("cookie", &session).send().expect("sent");
    assert_eq!(page.status(), 200);
    let html = page.text().expect("text");
    assert!(html.contains("Phường Hà Đông"), "the ward is listed");
    assert!(html.contains("Phường &lt;Kiến&gt; Hưng"), "names are escaped");
    assert!(html.contains("Cần xử lý") && html.contains(&journal.stream.to_string()), "the fork is shown");
    assert!(html.contains("<td class=\"n\">6</td>"), "9 reported − 3 received = 6 not received yet");

    let out = client().post(server.url("/logout")).header("cookie", &session).send().expect("sent");
    assert_eq!(out.status(), 303);
    let after = client().get(server.url("/")).header("cookie", &session).send().expect("sent");
    assert_eq!(after.status(), 303, "a closed session no longer opens the dashboard");
}

#[test]
fn repeated_wrong_passwords_lock_the_name_even_for_the_right_password() {
    let server = Server::start();
    for _ in 0..5 {
        assert_eq!(login(&server, "doan-sai-mat-khau").status(), 401);
    }
    let locked = login(&server, "mat-khau-dai-1");
    assert_eq!(locked.status(), 429, "locked for a while after five failures from this address");
    assert!(locked.text().expect("text").contains("15 phút"), "the page says for how long");
}

#[test]
fn the_dashboard_names_the_upstream_it_was_configured_with_escaped() {
    let server = Server::start_serving(&["--name", "Ban <Tiếp> công dân tỉnh"]);
    let ok = login(&server, "mat-khau-dai-1");
    let session = session_of(&ok);
    let html = client().get(server.url("/")).header("cookie", &session).send().expect("sent").text().unwrap();
    assert!(html.contains("<h1>Tiếp Dân — Ban &lt;Tiếp&gt; công dân tỉnh — Theo dõi"), "{html}");
}
