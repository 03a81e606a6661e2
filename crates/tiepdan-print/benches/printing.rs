//! Printing benchmark (issue 4, "Performance"): the acknowledgement slip and the register book of
//! 1,000 visits drawn by this crate, against headless Chromium printing the same content from HTML
//! to PDF in the same run. Run with `cargo bench -p tiepdan-print --bench printing`; Chromium comes
//! from Debian's `chromium` package (set `CHROMIUM` to use another binary). Prints a Markdown table.

#[allow(dead_code)] // Shared with the test binary; the benchmark uses part of it.
#[path = "../tests/print/fixtures.rs"]
mod fixtures;

use chrono::{Duration, NaiveDate};
use std::path::Path;
use std::process::Command;
use std::time::Instant;
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::visit::Visit;
use tiepdan_print::{render_receipt, render_register_book, Paper, ReceiptForm, RegisterBookForm};

fn visits(n: usize) -> Vec<Visit> {
    let names = ["Đặng Hữu Ước", "Nguyễn Thị Ngọc Ánh", "Trần Văn Đức", "Lê Thị Hằng Nga"];
    (0..n)
        .map(|i| {
            let mut v = fixtures::visit();
            v.receipt_no = ReceiptNo {
                series: Default::default(),
                number: i as u32 + 1,
                year: 2026,
                desk: 'A',
                epoch: 1,
            };
            v.details.received_at = fixtures::at(1, 8, 0) + Duration::minutes(37 * i as i64);
            v.details.visitors[0].full_name = format!("{} {}", names[i % 4], i + 1);
            v
        })
        .collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

const STYLE: &str =
    "body{font-family:'Liberation Serif',serif;margin:0}p{margin:0 0 2pt 0;text-align:justify}\
.c{text-align:center}.b{font-weight:bold}table{border-collapse:collapse;width:100%}\
td,th{vertical-align:top}thead{display:table-header-group}tr{break-inside:avoid}";

/// The slip's content as HTML, as a Chromium-based desk would print it.
fn slip_html(v: &Visit) -> String {
    let d = &v.details;
    let c = &d.visitors[0];
    let docs: String = d
        .documents
        .iter()
        .map(|x| {
            format!(
                "<li>{} ({}, {} trang)</li>",
                esc(&x.title),
                if x.original { "bản chính" } else { "bản sao" },
                x.pages
            )
        })
        .collect();
    format!(
        "<!doctype html><html lang=vi><meta charset=utf-8><style>@page{{size:A4;margin:20mm 15mm 20mm 30mm}}\
{STYLE}body{{font-size:13pt}}</style><body>\
<table><tr><td class=c style='width:40%'>UBND THÀNH PHỐ HÀ NỘI<br><b>ỦY BAN NHÂN DÂN<br>PHƯỜNG HÀ ĐÔNG</b><hr style='width:33%'>Số: {no}</td>\
<td class=c><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b><u>Độc lập - Tự do - Hạnh phúc</u></b><br><i>Hà Đông, ngày 25 tháng 11 năm 2026</i></td></tr></table>\
<p class='c b'>GIẤY BIÊN NHẬN</p><p class='c b'>Về việc tiếp nhận đơn và thông tin, tài liệu, bằng chứng</p>\
<p>Vào hồi 09 giờ 30 phút, ngày 25/11/2026, tại nơi tiếp công dân của Ủy ban nhân dân phường Hà Đông.</p>\
<p>Người nhận: <b>Nguyễn Thị Ngọc Ánh</b>, chức vụ: Công chức tiếp công dân.</p>\
<p>Đã nhận được của ông (bà): <b>{name}</b></p><p>Số định danh cá nhân/CCCD: {id}</p><p>Địa chỉ: {addr}</p>\
<p>Nội dung tóm tắt: {summary}</p><p>Các thông tin, tài liệu, bằng chứng gồm:</p><ol>{docs}</ol>\
<p>Giấy biên nhận được lập thành 02 bản, người cung cấp giữ 01 bản, 01 bản lưu tại nơi tiếp công dân.</p>\
<table><tr><td class=c><b>NGƯỜI CUNG CẤP</b><br><i>(Ký, ghi rõ họ tên)</i><br><br><br><br><b>{name}</b></td>\
<td class=c><b>NGƯỜI NHẬN</b><br><i>(Ký, ghi rõ họ tên)</i><br><br><br><br><b>Nguyễn Thị Ngọc Ánh</b></td></tr></table></body></html>",
        no = v.receipt_no,
        name = esc(&c.full_name),
        id = c.id_number.as_deref().unwrap_or(""),
        addr = esc(c.address.as_deref().unwrap_or("")),
        summary = esc(&d.summary),
    )
}

/// The register book as an HTML table whose header Chromium repeats on every page.
fn book_html(visits: &[Visit]) -> String {
    let heads = [
        "STT",
        "Ngày tiếp",
        "Họ tên - Địa chỉ",
        "Số định danh cá nhân/CCCD",
        "Nội dung vụ việc",
        "Phân loại đơn/ Số người",
        "Cơ quan đã giải quyết",
        "Thụ lý để giải quyết",
        "Trả lại đơn và hướng dẫn",
        "Chuyển đơn đến cơ quan có thẩm quyền",
        "Theo dõi kết quả giải quyết",
        "Ghi chú",
    ];
    let th: String = heads.iter().map(|h| format!("<th>{h}</th>")).collect();
    let nums: String = (1..=12).map(|n| format!("<th><i>({n})</i></th>")).collect();
    let rows: String = visits
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let d = &v.details;
            let c = &d.visitors[0];
            let p = d.petition.as_ref().unwrap();
            format!(
                "<tr><td>{}</td><td>{}</td><td><b>{}</b><br>{}</td><td>{}</td><td>{}</td><td>{}/ {}</td><td>{}: {}</td><td>x</td><td></td><td></td><td></td><td>BN {}</td></tr>",
                i + 1,
                d.received_at.format("%d/%m/%Y"),
                esc(&c.full_name),
                esc(c.address.as_deref().unwrap_or("")),
                c.id_number.as_deref().unwrap_or(""),
                esc(&d.summary),
                p.kind.label_vi(),
                d.people_count,
                esc(p.previous_handler.as_deref().unwrap_or("")),
                esc(p.previous_result.as_deref().unwrap_or("")),
                v.receipt_no
            )
        })
        .collect();
    format!(
        "<!doctype html><html lang=vi><meta charset=utf-8><style>@page{{size:A4 landscape;margin:20mm 15mm 20mm 30mm}}\
{STYLE}body{{font-size:9pt}}td,th{{border:0.5pt solid #000;padding:2pt}}</style><body>\
<p>UBND THÀNH PHỐ HÀ NỘI<br><b>ỦY BAN NHÂN DÂN PHƯỜNG HÀ ĐÔNG</b></p><p style='text-align:right'><b>Mẫu số 03</b></p>\
<p class='c b'>SỔ TIẾP CÔNG DÂN</p><p class='c b'>Từ ngày 01/11/2026 đến ngày 30/11/2026</p>\
<table><thead><tr>{th}</tr><tr>{nums}</tr></thead><tbody>{rows}</tbody></table></body></html>"
    )
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Milliseconds per run of `f`, median of `runs`.
fn time_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    )
}

/// One headless Chromium run printing `html` to `out`; returns the PDF size.
fn chromium(html: &Path, out: &Path, profile: &Path) -> u64 {
    let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let status = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("chromium installed (apt-get install -y chromium)");
    assert!(status.success(), "chromium failed");
    std::fs::metadata(out).expect("chromium wrote the PDF").len()
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it, and a
    // test run must neither launch Chromium nor spend a minute measuring.
    if !std::env::args().any(|a| a == "--bench") {
        println!("printing benchmark: skipped outside `cargo bench -p tiepdan-print --bench printing`");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (ward, officer, visit) = (fixtures::ward(), fixtures::officer(), fixtures::visit());
    let form = ReceiptForm {
        ward: &ward,
        visit: &visit,
        officer: Some(&officer),
        copies: 2,
        reprint: None,
        paper: Paper::default(),
    };
    let cold = time_ms(1, || drop(render_receipt(&form).unwrap()));
    let slip = render_receipt(&form).unwrap();
    let slip_ms = time_ms(200, || drop(render_receipt(&form).unwrap()));
    let compact = ReceiptForm { paper: Paper::A5, ..form };
    let a5 = render_receipt(&compact).unwrap();
    let a5_ms = time_ms(200, || drop(render_receipt(&compact).unwrap()));

    let book_visits = visits(1000);
    let book_form = RegisterBookForm {
        ward: &ward,
        visits: &book_visits,
        from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        protect_denouncers: false,
    };
    let book = render_register_book(&book_form).unwrap();
    let book_ms = time_ms(5, || drop(render_register_book(&book_form).unwrap()));

    let slip_html_path = dir.path().join("slip.html");
    std::fs::write(&slip_html_path, slip_html(&visit)).unwrap();
    let book_html_path = dir.path().join("book.html");
    std::fs::write(&book_html_path, book_html(&book_visits)).unwrap();
    let profile = dir.path().join("profile");
    let slip_pdf = dir.path().join("slip.pdf");
    let book_pdf = dir.path().join("book.pdf");
    chromium(&slip_html_path, &slip_pdf, &profile); // warm the profile and the page cache
    let mut chrome_slip_size = 0;
    let chrome_slip_ms = time_ms(5, || chrome_slip_size = chromium(&slip_html_path, &slip_pdf, &profile));
    let mut chrome_book_size = 0;
    let chrome_book_ms = time_ms(3, || chrome_book_size = chromium(&book_html_path, &book_pdf, &profile));
    let pages = |p: &Path| {
        let out =
            Command::new("pdfinfo").arg(p).output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
        out.ok().and_then(|s| s.lines().find_map(|l| l.strip_prefix("Pages:").map(|v| v.trim().to_string())))
    };
    let ours_book = dir.path().join("ours-book.pdf");
    std::fs::write(&ours_book, &book).unwrap();

    println!("| Document | tiepdan-print | headless Chromium | speed-up |");
    println!("|---|---|---|---|");
    println!(
        "| Giấy biên nhận, A4 (default), 1 page: time (median) | {slip_ms:.1} ms (first render in the process {cold:.1} ms) | {chrome_slip_ms:.0} ms | {:.0}× |",
        chrome_slip_ms / slip_ms
    );
    println!(
        "| Giấy biên nhận: size | {:.1} KB | {:.1} KB | |",
        slip.len() as f64 / 1024.0,
        chrome_slip_size as f64 / 1024.0
    );
    println!(
        "| Giấy biên nhận, A5 option: time (median), size | {a5_ms:.1} ms, {:.1} KB | — | |",
        a5.len() as f64 / 1024.0
    );
    println!(
        "| Sổ tiếp công dân, 1,000 visits: time (median) | {book_ms:.0} ms | {chrome_book_ms:.0} ms | {:.1}× |",
        chrome_book_ms / book_ms
    );
    println!(
        "| Sổ tiếp công dân: size, pages | {:.0} KB, {} pages | {:.0} KB, {} pages | |",
        book.len() as f64 / 1024.0,
        pages(&ours_book).unwrap_or_default(),
        chrome_book_size as f64 / 1024.0,
        pages(&book_pdf).unwrap_or_default()
    );
}
