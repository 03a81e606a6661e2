//! The dashboard's report as an XLSX download (issue 17 §6): the same figures as the page's JSON,
//! read back from the file with a reader library, under the upstream's configured name.

use crate::reports::{ha_dong, kien_hung};
use crate::support::{body, browser, login_at, session_of, Server};
use calamine::{Data, DataType, Reader, Xlsx};
use reqwest::blocking::Client;
use serde_json::Value;
use std::io::Cursor;

/// The text of every cell of the sheet, row by row.
fn rows(bytes: &[u8]) -> (String, Vec<Vec<Data>>) {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an XLSX file");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("the form's sheet");
    (name, range.rows().map(|r| r.to_vec()).collect())
}

/// A JSON figure as the sheet writes it: a count or an amount as a number, a note as text.
fn as_cell(value: &Value) -> Data {
    match value {
        Value::Number(n) => Data::Float(n.as_f64().expect("a number")),
        Value::String(s) if s.is_empty() => Data::Empty,
        Value::String(s) => Data::String(s.clone()),
        other => panic!("a figure is a number or a text: {other}"),
    }
}

#[test]
fn the_dashboard_report_downloads_as_the_form_s_worksheet_with_the_same_figures() {
    let server = Server::start_serving(&["--name", "UBND tỉnh Ninh Bình"]);
    ha_dong(&server);
    kien_hung(&server);
    let query = "form=tcd01&period=q1&year=2026";
    let url = server.url(&format!("/bao-cao.xlsx?{query}"));
    let anonymous = browser().get(&url).send().expect("sent");
    assert_eq!(anonymous.status(), 303, "the download needs a session, as every dashboard page");

    let session = session_of(&login_at(&server.base, "quan.tri", "mat-khau-dai-1", &[]));
    let page = browser()
        .get(server.url(&format!("/bao-cao?{query}")))
        .header("cookie", &session)
        .send()
        .expect("sent")
        .text()
        .expect("html");
    assert!(
        page.contains(
            "<a href=\"/bao-cao.xlsx?form=tcd01&amp;period=q1&amp;year=2026\">Tải về Excel (.xlsx)</a>"
        ),
        "the page links the download of what it shows"
    );
    let download = browser().get(&url).header("cookie", &session).send().expect("sent");
    assert_eq!(download.status(), 200);
    let header = |name: &str| download.headers()[name].to_str().expect("ASCII").to_string();
    assert_eq!(header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_eq!(
        header("content-disposition"),
        "attachment; filename=\"bao-cao-01-TCD-2025-12-15-2026-03-14.xlsx\""
    );
    let bytes = download.bytes().expect("the file");
    let (name, sheet) = rows(&bytes);
    assert_eq!(name, "01-TCD");
    let text: Vec<String> = sheet.iter().flatten().filter_map(|c| c.as_string()).collect();
    for shown in ["UBND TỈNH NINH BÌNH", "Quý I năm 2026", "Tiếp thường xuyên", "(30)", "Tổng cộng"]
    {
        assert!(text.iter().any(|t| t.contains(shown)), "the sheet shows {shown:?}: {text:?}");
    }
    assert!(!text.iter().any(|t| t.to_lowercase().contains("quận")), "never \"quận\"");

    let json = Client::new()
        .get(server.url(&format!("/bao-cao.json?{query}")))
        .header("cookie", &session)
        .send()
        .expect("sent");
    let (status, report) = body(json);
    assert_eq!(status, 200);
    let line = |label: &str| -> &Vec<Data> {
        sheet
            .iter()
            .find(|r| r.first().and_then(|c| c.as_string()).as_deref() == Some(label))
            .unwrap_or_else(|| panic!("a row for {label}"))
    };
    let mut lines = vec![("Tổng cộng".to_string(), report["total"].clone())];
    for row in report["rows"].as_array().expect("rows") {
        lines.push((row["ward_name"].as_str().expect("a name").to_string(), row["columns"].clone()));
    }
    assert_eq!(lines.len(), 3, "two wards and the total");
    for (label, columns) in lines {
        let cells = line(&label);
        for n in 1..=30u16 {
            assert_eq!(cells[n as usize], as_cell(&columns[n.to_string()]), "{label}, column ({n})");
        }
    }
}
