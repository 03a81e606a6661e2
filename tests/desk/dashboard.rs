//! The district's dashboard in a real browser (headless Chromium over chromedriver): staff sign in,
//! choose a form and a period on "Báo cáo", read the wards' rows and the total, and download the
//! form as an XLSX file. The server is the built `tiepdan-server` process.

use tiepdan_tests::browser::Browser;
use tiepdan_tests::district::District;
use tiepdan_tests::{enabled, run};

#[tokio::test(flavor = "current_thread")]
async fn district_staff_read_a_ward_report_in_the_browser_and_download_it_as_xlsx() {
    if !enabled("dashboard") {
        return;
    }
    run(async move {
        let district = District::start_named("UBND tỉnh Ninh Bình");
        district.admin(&["ward", "add", "--code", "67890", "--name", "Phường <b>Kiến</b> Hưng"]);
        district.admin(&["user", "add", "--name", "quan.tri", "--password", "mat-khau-dai-1"]);
        let downloads = tempfile::tempdir().expect("a downloads folder");
        let browser = Browser::open(downloads.path()).await;
        let base = district.url();

        browser.goto(&format!("{base}/login")).await;
        browser.fill("input[name=name]", "quan.tri").await;
        browser.fill("input[name=password]", "mat-khau-dai-1").await;
        browser.click("form button").await;
        browser.find("a[href=\"/bao-cao\"]").await;
        browser.click("a[href=\"/bao-cao\"]").await;

        // 01/XLD, Quý I 2026, chosen in the page's own form.
        browser.click("select[name=form] option[value=xld01]").await;
        browser.click("select[name=period] option[value=q1]").await;
        browser.fill("input[name=year]", "2026").await;
        browser.click("form[action=\"/bao-cao\"] button").await;
        browser.find("table.report tr.total").await;
        let text = browser.text().await;
        for shown in [
            "UBND tỉnh Ninh Bình",
            "Biểu số 01/XLD",
            "Quý I năm 2026",
            "(Số liệu tính từ ngày 15/12/2025 đến ngày 14/03/2026)",
            "12345 Phường Hà Đông",
            "67890 Phường <b>Kiến</b> Hưng",
            "Tổng cộng",
        ] {
            assert!(text.contains(shown), "the page shows {shown:?}: {text}");
        }
        assert!(!text.to_lowercase().contains("quận"), "the upstream is named as configured");
        let bold = browser.client.find_all(fantoccini::Locator::Css("table.report b")).await.expect("find");
        assert!(bold.is_empty(), "a ward's name is text, never markup");
        browser.screenshot("dashboard-bao-cao").await;

        browser.click("a[href^=\"/bao-cao.xlsx\"]").await;
        let file = browser.downloaded(downloads.path()).await;
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        assert_eq!(name, "bao-cao-01-XLD-2025-12-15-2026-03-14.xlsx");
        let bytes = std::fs::read(&file).expect("the downloaded file");
        assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip archive");
        browser.close().await;
    })
    .await;
}
