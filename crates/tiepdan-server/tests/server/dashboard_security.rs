//! What protects the dashboard beyond the password: headers, cookies, the store file's mode, and
//! sessions that end when an account changes.

use crate::support::{browser, cookie_pair, login_at, login_form, session_of, Server};
use std::os::unix::fs::PermissionsExt;

fn login(server: &Server) -> String {
    session_of(&login_at(&server.base, "quan.tri", "mat-khau-dai-1", &[]))
}

fn opens_dashboard(server: &Server, session: &str) -> bool {
    let page = browser().get(server.url("/")).header("cookie", session).send().expect("sent");
    page.status() == 200
}

#[test]
fn dashboard_pages_cannot_be_framed_cached_or_run_injected_script() {
    let server = Server::start();
    let session = login(&server);
    for path in ["/login", "/"] {
        let page = browser().get(server.url(path)).header("cookie", &session).send().expect("sent");
        let header =
            |name: &str| page.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let csp = header("content-security-policy");
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}: no inline script or style is allowed: {csp}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        assert_eq!(header("cache-control"), "no-store", "{path}: ward data is not kept by browsers");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{path}");
        let html = page.text().expect("text");
        assert!(!html.contains("<style") && !html.contains("<script"), "{path}: nothing inline to allow");
    }
    let css = browser().get(server.url("/style.css")).send().expect("sent");
    assert_eq!(css.status(), 200);
    assert!(css.headers()["content-type"].to_str().unwrap_or("").starts_with("text/css"));
}

#[test]
fn behind_a_tls_proxy_the_session_cookie_is_secure_and_bound_to_the_host() {
    let server = Server::start_serving(&["--secure-cookie"]);
    let (form_cookie, _) = login_form(&server.base);
    assert!(form_cookie.starts_with("__Host-tiepdan_login="), "{form_cookie}");
    let ok = login_at(&server.base, "quan.tri", "mat-khau-dai-1", &[]);
    let set = ok.headers()["set-cookie"].to_str().expect("ascii").to_string();
    assert!(set.starts_with("__Host-tiepdan_session="), "{set}");
    assert!(set.contains("; Secure") && set.contains("Path=/") && !set.contains("Domain"), "{set}");
    let session = cookie_pair(&ok, "tiepdan_session").expect("session");
    assert!(opens_dashboard(&server, &session), "the __Host- cookie opens the dashboard");
}

#[test]
fn without_tls_the_cookie_keeps_its_plain_name() {
    let server = Server::start();
    let ok = login_at(&server.base, "quan.tri", "mat-khau-dai-1", &[]);
    let set = ok.headers()["set-cookie"].to_str().expect("ascii").to_string();
    assert!(set.starts_with("tiepdan_session=") && !set.contains("Secure"), "{set}");
}

#[test]
fn the_store_file_is_readable_by_the_servers_account_only() {
    // SQLite only, on every run: the point is the mode of the file and its WAL; a PostgreSQL
    // database's files are the cluster's, guarded by its own account.
    let server = Server::start_on_sqlite();
    login(&server);
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{}{suffix}", server.sqlite_file().display());
        let Ok(meta) = std::fs::metadata(&file) else { continue };
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{file} holds every ward's register");
    }
}

#[test]
fn a_new_password_ends_the_sessions_opened_with_the_old_one() {
    let server = Server::start();
    let session = login(&server);
    assert!(opens_dashboard(&server, &session));
    let out = server.admin(&["user", "add", "--name", "quan.tri", "--password", "mat-khau-moi-2"]);
    assert!(out.contains("1 phiên"), "the administrator is told a session ended: {out}");
    assert!(!opens_dashboard(&server, &session), "someone who knew the old password is out");
    session_of(&login_at(&server.base, "quan.tri", "mat-khau-moi-2", &[]));
}

#[test]
fn a_removed_user_is_logged_out_and_cannot_log_in_again() {
    let server = Server::start();
    let session = login(&server);
    server.admin(&["user", "remove", "--name", "quan.tri"]);
    assert!(!opens_dashboard(&server, &session), "the open session ends with the account");
    assert_eq!(login_at(&server.base, "quan.tri", "mat-khau-dai-1", &[]).status(), 401);
    let unknown = std::process::Command::new(crate::support::BIN)
        .arg("--db")
        .arg(server.db_arg())
        .args(["user", "remove", "--name", "khong.co.ai"])
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(1), "removing nobody is refused");
    server.admin(&["user", "add", "--name", "quan.tri", "--password", "mat-khau-moi-2"]);
    session_of(&login_at(&server.base, "quan.tri", "mat-khau-moi-2", &[]));
}
