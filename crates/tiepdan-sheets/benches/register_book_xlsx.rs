//! A 10,000-row register book as XLSX, against Python's openpyxl writing the same rows in the
//! same run (issue 17: 10 times faster or more). The rows are written to a temporary JSON file
//! exactly as the book shows them; `benches/openpyxl_book.py` writes them with openpyxl.
//!
//! Run: `cargo bench -p tiepdan-sheets --bench register_book_xlsx --profile dev` (the dev profile
//! builds dependencies at opt-level 2, so rust_xlsxwriter and zip run optimised; needs `python3` with openpyxl:
//! `pip install openpyxl`; without it only the Rust figure is printed). Method and figures:
//! docs/performance.md, "Spreadsheets".

use chrono::{Duration, TimeZone};
use std::time::Instant;
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::identity::IdKind;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::petition::{Field, Handling, Petition, PetitionKind, Stage};
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::visit::{ReceptionMode, Visit, VisitDetails, VisitStatus, Visitor, VisitorKind};
use tiepdan_domain::VisitId;
use tiepdan_print::{book_issuer, register_book_rows};
use tiepdan_sheets::{register_book_xlsx, RegisterBookForm};

const ROWS: usize = 10_000;
const RUNS: usize = 5;

fn visits() -> Vec<Visit> {
    let start = vietnam_offset().with_ymd_and_hms(2026, 1, 2, 8, 0, 0).unwrap();
    (0..ROWS)
        .map(|i| {
            let kind = [PetitionKind::Complaint, PetitionKind::Proposal, PetitionKind::Denunciation][i % 3];
            let handling = [Handling::Accept, Handling::Guide, Handling::Transfer, Handling::File][i % 4];
            Visit {
                id: VisitId::new(),
                receipt_no: ReceiptNo {
                    series: Default::default(),
                    number: i as u32 + 1,
                    year: 2026,
                    desk: 'A',
                    epoch: 1,
                },
                status: VisitStatus::Active,
                details: VisitDetails {
                    received_at: start + Duration::minutes(45 * i as i64),
                    reception: ReceptionMode::Regular,
                    visitor_kind: VisitorKind::Individual,
                    people_count: 1 + (i % 4) as u32,
                    organisation: None,
                    visitors: vec![Visitor {
                        full_name: format!("Nguyễn Thị Ngọc Ánh {i}"),
                        id_kind: Some(IdKind::Cccd),
                        id_number: Some(format!("001088{:06}", i)),
                        id_issued_on: None,
                        id_issued_by: None,
                        birth_year: Some(1980),
                        sex: None,
                        address: Some(format!("Số {}, ngõ 3, phố Quang Trung, phường Hà Đông, Hà Nội", i % 200)),
                        phone: None,
                        sealed: None,
                    }],
                    summary: format!(
                        "Khiếu nại Quyết định thu hồi đất đối với thửa đất số {}, tờ bản đồ số 7 tại tổ dân phố số 5, cho rằng mức bồi thường chưa đúng quy định.",
                        i % 500
                    ),
                    petition: Some(Petition {
                        kind,
                        field: Field::Land,
                        anonymous: false,
                        signatories: 1,
                        previous_handler: Some("Ủy ban nhân dân quận Hà Đông (cũ)".into()),
                        previous_result: None,
                        stage: Stage::ResolvedOnce,
                        eligible: true,
                        ineligible_reason: None,
                        handling: Some(handling),
                        transfer_to: (handling == Handling::Transfer).then(|| "Sở Nông nghiệp và Môi trường".into()),
                        guidance: None,
                        competent: None,
                        processed_on: None,
                    }),
                    documents: vec![],
                    refusal: None,
                    officer_id: None,
                    notes: String::new(),
                    source: Default::default(),
                    from_body: None,
                    letter_no: None,
                    letter_date: None,
                    session_id: None,
                    online_site: None,
                    recording_ref: None,
                },
            }
        })
        .collect()
}

fn main() {
    // `cargo test --all-targets` runs this binary without `--bench`: nothing to measure then.
    if !std::env::args().any(|a| a == "--bench") {
        println!("register_book_xlsx: skipped (run it with cargo bench)");
        return;
    }
    let ward = WardProfile {
        ward_code: "10105".into(),
        ward_name: "Phường Hà Đông".into(),
        place: "Hà Đông".into(),
        upstream: "UBND Thành phố Hà Nội".into(),
        desk: 'A',
    };
    let visits = visits();
    let form = RegisterBookForm {
        ward: &ward,
        visits: &visits,
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        protect_denouncers: true,
    };
    // The same rows for openpyxl: what every cell of the book shows.
    let rows = register_book_rows(&form).expect("rows");
    let (upstream, issuer) = book_issuer(&ward);
    let json = serde_json::json!({
        "upstream": upstream,
        "issuer": issuer,
        "rows": rows.iter().map(|r| serde_json::json!({
            "number": r.number,
            "date": r.received_on.to_string(),
            "texts": [
                r.person.text(), r.id_number, r.summary, r.classification, r.previous_handler,
                if r.accepted { "x" } else { "" }, if r.guided { "x" } else { "" }, r.transfer_text(),
                r.result, r.notes,
            ],
        })).collect::<Vec<_>>(),
    });
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("rows.json");
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).expect("rows written");

    let mut best = f64::MAX;
    let mut size = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let bytes = register_book_xlsx(&form).expect("the book is written");
        best = best.min(t.elapsed().as_secs_f64());
        size = bytes.len();
    }
    let mut rows_best = f64::MAX;
    for _ in 0..RUNS {
        let t = Instant::now();
        let rows = register_book_rows(&form).expect("rows");
        rows_best = rows_best.min(t.elapsed().as_secs_f64());
        assert_eq!(rows.len(), ROWS);
    }
    println!("  of which building the rows from the visits: {:.1} ms", rows_best * 1e3);
    println!("rust_xlsxwriter: {ROWS} rows in {:.1} ms (best of {RUNS}), {size} bytes", best * 1e3);

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/openpyxl_book.py");
    let out = std::process::Command::new("python3").arg(script).arg(&path).arg(RUNS.to_string()).output();
    match out {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let mut words = text.split_whitespace();
            let secs: f64 = words.next().and_then(|w| w.parse().ok()).expect("seconds from the script");
            let py_size = words.next().unwrap_or("?");
            println!(
                "openpyxl:        {ROWS} rows in {:.1} ms (best of {RUNS}), {py_size} bytes",
                secs * 1e3
            );
            println!("ratio: {:.1}× faster (goal: 10× or more)", secs / best);
        }
        Ok(out) => {
            eprintln!("openpyxl run failed (pip install openpyxl): {}", String::from_utf8_lossy(&out.stderr))
        }
        Err(e) => eprintln!("python3 not found ({e}); only the Rust figure is printed"),
    }
}
