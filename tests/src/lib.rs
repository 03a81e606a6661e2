//! Harness for the end-to-end tests of the desk app: launches the built `tiepdan-desk` binary through
//! tauri-driver (WebDriver on port 4444, backed by WebKitWebDriver) on a data dir of its own, and
//! gives the tests a few sentences to drive it with.
//!
//! Nothing here starts a display or a driver: `scripts/e2e.sh` builds the app, starts Xvfb and
//! tauri-driver, runs the tests with `TIEPDAN_E2E=1` and stops them. Without `TIEPDAN_E2E` every
//! test prints why it is skipped and passes, so `cargo test --workspace` stays green without a display.

pub mod browser;
pub mod district;
pub mod proxy;

use fantoccini::elements::Element;
use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// WebDriver's Enter key.
pub const ENTER: &str = "\u{E007}";

/// Ctrl+Enter, which saves a visit (Enter alone only moves to the next field).
pub const SAVE_VISIT: &str = "\u{E009}\u{E007}";

/// True when the end-to-end tests should run; otherwise says so on stderr.
pub fn enabled(test: &str) -> bool {
    let on = std::env::var_os("TIEPDAN_E2E").is_some_and(|v| !v.is_empty() && v != "0");
    if !on {
        // Straight to stderr: libtest captures `eprintln!`, and this line must be seen in every run.
        let why = "set TIEPDAN_E2E=1 (scripts/e2e.sh does, with Xvfb and tauri-driver)";
        let _ = writeln!(std::io::stderr(), "skipping end-to-end test {test}: {why}");
    }
    on
}

/// The checkout the tests run in. Read at run time (cargo sets `CARGO_MANIFEST_DIR` for test and
/// bench binaries): another checkout sharing the target dir may have built this very binary.
pub fn workspace_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().expect("tests/ sits in the workspace").to_path_buf()
}

/// Cargo's target dir: `CARGO_TARGET_DIR` when set, else `target/` of the checkout.
pub fn target_dir() -> PathBuf {
    let root = workspace_root();
    std::env::var_os("CARGO_TARGET_DIR").map(|d| root.join(d)).unwrap_or_else(|| root.join("target"))
}

/// The built app: `TIEPDAN_APP`, else `debug/tiepdan-desk` in the target dir.
pub fn app_binary() -> PathBuf {
    std::env::var_os("TIEPDAN_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/tiepdan-desk"))
}

/// Where screenshots go: `e2e/` in the target dir.
pub fn screenshot_dir() -> PathBuf {
    let dir = target_dir().join("e2e");
    std::fs::create_dir_all(&dir).expect("create target/e2e");
    dir
}

/// Sessions opened by the running test, closed by [`run`] even when the test fails, so one failure
/// does not leave an app (and tauri-driver's only session) behind for the next test.
static OPEN: Mutex<Vec<Client>> = Mutex::new(Vec::new());

/// Runs one end-to-end test body, then closes every app it left open, then reports its failure.
/// The first officer's password in every end-to-end test.
pub const ADMIN_PASSWORD: &str = "hoa-sen-2026";

pub async fn run(body: impl Future<Output = ()> + Send + 'static) {
    let outcome = tokio::spawn(body).await;
    let open = std::mem::take(&mut *OPEN.lock().unwrap_or_else(|p| p.into_inner()));
    for client in open {
        let _ = client.close().await;
    }
    if let Err(e) = outcome {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("test task failed: {e}");
    }
}

/// One running desk app on one data dir.
pub struct Desk {
    pub client: Client,
}

impl Desk {
    /// Starts the app on `data_dir` and waits for its first screen.
    pub async fn launch(data_dir: &Path) -> Desk {
        let args = ["--data-dir".to_string(), data_dir.display().to_string()];
        Desk::launch_with(&app_binary(), &args, "main, .app-head").await
    }

    /// Starts any Tauri binary with `args` and waits until `ready` matches an element.
    pub async fn launch_with(app: &Path, args: &[String], ready: &str) -> Desk {
        assert!(app.exists(), "the app must be built first: {} is missing", app.display());
        let mut caps = Capabilities::new();
        caps.insert("tauri:options".into(), json!({ "application": app, "args": args }));
        let url = std::env::var("TIEPDAN_WEBDRIVER").unwrap_or_else(|_| "http://127.0.0.1:4444".into());
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&url)
            .await
            .expect("tauri-driver must be listening (scripts/e2e.sh starts it)");
        OPEN.lock().unwrap_or_else(|p| p.into_inner()).push(client.clone());
        let desk = Desk { client };
        desk.find(ready).await;
        desk
    }

    /// Ends the session, which closes the app.
    pub async fn close(self) {
        OPEN.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.client.close().await.expect("close the WebDriver session");
    }

    /// Waits (polling, up to 20 s) for an element.
    pub async fn find(&self, css: &str) -> Element {
        // Polled every 10 ms (fantoccini's default is 250 ms), so the startup benchmark is not rounded up
        // to the polling period.
        let wait = self.client.wait().at_most(Duration::from_secs(20)).every(Duration::from_millis(10));
        match wait.for_element(Locator::Css(css)).await {
            Ok(el) => el,
            Err(e) => self.fail(&format!("element {css} never appeared: {e}")).await,
        }
    }

    /// Saves what the window showed as `target/e2e/failed.png`, then fails the test.
    async fn fail(&self, why: &str) -> ! {
        self.screenshot("failed").await;
        panic!("{why} (the window at that moment: target/e2e/failed.png)");
    }

    /// Waits until `css` matches an element whose text contains `text`.
    pub async fn find_text(&self, css: &str, text: &str) -> Element {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            for el in self.client.find_all(Locator::Css(css)).await.unwrap_or_default() {
                // textContent, not WebDriver's visible text, which drops text in `overflow: hidden` boxes.
                let content = el.prop("textContent").await.ok().flatten().unwrap_or_default();
                if content.contains(text) {
                    return el;
                }
            }
            if std::time::Instant::now() > deadline {
                self.fail(&format!("no {css} containing {text:?} appeared")).await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.map(|v| v.len()).unwrap_or(0)
    }

    /// The input named `name` (the form's field path, e.g. `visitors[0].full_name`).
    pub async fn field(&self, name: &str) -> Element {
        self.find(&format!("[name=\"{name}\"]")).await
    }

    /// Types `text` into the field named `name`, as a clerk would.
    pub async fn fill(&self, name: &str, text: &str) {
        let el = self.field(name).await;
        el.click().await.expect("focus field");
        el.clear().await.expect("clear field");
        el.send_keys(text).await.expect("type into field");
        let typed = el.prop("value").await.expect("read value").unwrap_or_default();
        assert_eq!(typed, text, "field {name} must hold exactly what was typed");
    }

    /// Chooses the option with value `value` in the select named `name`.
    pub async fn choose(&self, name: &str, value: &str) {
        let el = self.field(name).await;
        el.select_by_value(value).await.unwrap_or_else(|e| panic!("choose {value} in {name}: {e}"));
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Presses a key in the focused element.
    pub async fn press(&self, name: &str, key: &str) {
        self.field(name).await.send_keys(key).await.expect("press key");
    }

    /// Saves a PNG of the window as `target/e2e/NAME.png`.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("take a screenshot");
        std::fs::write(screenshot_dir().join(format!("{name}.png")), png).expect("write screenshot");
    }

    pub async fn script(&self, js: &str) -> serde_json::Value {
        self.client.execute(js, vec![]).await.unwrap_or_else(|e| panic!("run script: {e}"))
    }

    /// Goes to one of the four screens with its Alt+digit button.
    pub async fn screen(&self, id: &str) {
        self.click(&format!("nav button[data-screen=\"{id}\"]")).await;
    }

    /// Fills the first-run setup — Trần Thị Bình, administrator and leader, password
    /// [`ADMIN_PASSWORD`] — acknowledges the recovery key shown once, and waits for the desk to open.
    pub async fn set_up_ward(&self) {
        self.fill("ward_code", "12345").await;
        self.fill("ward_name", "Phường Hà Đông").await;
        self.fill("place", "Hà Đông").await;
        self.fill("upstream", "UBND THÀNH PHỐ HÀ NỘI").await;
        self.fill("officer.full_name", "Trần Thị Bình").await;
        self.click("[name=\"officer.also_leader\"]").await;
        self.fill("officer.password", ADMIN_PASSWORD).await;
        self.fill("officer.password-again", ADMIN_PASSWORD).await;
        self.click("[data-testid=setup-save]").await;
        let key = self.find("[data-testid=recovery-key]").await.text().await.unwrap();
        assert!(key.trim().len() >= 40, "the recovery key is shown once after setup: {key}");
        self.click("[name=recovery-written]").await;
        self.click("[data-testid=recovery-done]").await;
        self.find("nav button[data-screen=visit]").await;
    }

    /// As the signed-in administrator, adds a clerk named `name` in Settings and gives them `password`.
    pub async fn add_clerk_with_password(&self, name: &str, password: &str) {
        self.screen("settings").await;
        self.fill("full_name", name).await;
        self.press("full_name", ENTER).await;
        let row = self.find_text(".officers tbody tr", name).await;
        row.find(fantoccini::Locator::Css("[data-testid=give-password]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.fill("officer-password", password).await;
        self.press("officer-password", ENTER).await;
        self.find_text(".officers .saved", "Đã đặt mật khẩu").await;
    }

    /// On the new-visit screen, registers a denunciation ("Tố cáo cán bộ địa chính nhận tiền") by
    /// `denouncer` living at `address`, and waits until it is saved.
    pub async fn register_denunciation(&self, denouncer: &str, address: &str) {
        self.fill("visitors[0].full_name", denouncer).await;
        self.fill("summary", "Tố cáo cán bộ địa chính nhận tiền").await;
        self.click("[name=has_petition]").await;
        self.choose("petition.kind", "denunciation").await;
        self.fill("visitors[0].address", address).await;
        self.press("visitors[0].address", SAVE_VISIT).await;
        self.find("[data-testid=saved-receipt] .receipt-no").await;
    }

    /// Signs in at the sign-in (or locked) screen as the officer named `officer` and waits for the desk.
    pub async fn sign_in(&self, officer: &str, password: &str) {
        self.find("[data-testid=sign-in]").await;
        self.field("officer")
            .await
            .select_by_label(officer)
            .await
            .unwrap_or_else(|e| panic!("choose {officer} at sign-in: {e}"));
        self.fill("password", password).await;
        self.click("[data-testid=sign-in]").await;
        self.find("nav button[data-screen=visit]").await;
    }
}
