//! A real browser for the web pages (the district's dashboard, later the citizens' portal):
//! Debian's Chromium, headless, driven over WebDriver by chromedriver, which `scripts/e2e-env.sh`
//! starts and names in `TIEPDAN_BROWSER_DRIVER`. Downloads land in a folder the test chooses.

use fantoccini::elements::Element;
use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub struct Browser {
    pub client: Client,
}

impl Browser {
    /// A fresh headless Chromium whose downloads go to `downloads`.
    pub async fn open(downloads: &Path) -> Browser {
        let url = std::env::var("TIEPDAN_BROWSER_DRIVER").unwrap_or_else(|_| {
            panic!("no browser driver: scripts/e2e.sh starts chromedriver (scripts/setup.sh installs chromium-driver)")
        });
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": "/usr/bin/chromium",
                // Root in a container: Chromium's own sandbox cannot start there.
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=vi"],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&url)
            .await
            .unwrap_or_else(|e| panic!("chromedriver at {url} must start Chromium: {e}"));
        Browser { client }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    pub async fn find(&self, css: &str) -> Element {
        let wait = self.client.wait().at_most(Duration::from_secs(20)).every(Duration::from_millis(50));
        match wait.for_element(Locator::Css(css)).await {
            Ok(el) => el,
            Err(e) => {
                self.screenshot("browser-failed").await;
                panic!("element {css} never appeared (target/e2e/browser-failed.png): {e}")
            }
        }
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// The page's text.
    pub async fn text(&self) -> String {
        self.find("body").await.text().await.expect("the page's text")
    }

    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("take a screenshot");
        std::fs::write(crate::screenshot_dir().join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// Waits (at most 30 s) for a finished download in `dir` and returns its path.
    pub async fn downloaded(&self, dir: &Path) -> PathBuf {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let done: Vec<PathBuf> = std::fs::read_dir(dir)
                .map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            // Chromium writes a hidden temporary file, then "NAME.crdownload", then renames it.
            let finished = |p: &PathBuf| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or(".");
                !name.starts_with('.') && !name.ends_with(".crdownload")
            };
            if let Some(file) = done.into_iter().find(finished) {
                return file;
            }
            assert!(Instant::now() < deadline, "nothing was downloaded into {}", dir.display());
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
