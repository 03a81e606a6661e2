//! A petition received by post reaches the district with what the reports count and no identity
//! (issue 16 §7): a mailed denunciation, registered with a named sender and a CCCD number, is synced
//! by the real engine to a real `tiepdan-server` process on 127.0.0.1, then every file of the
//! server's store (for PostgreSQL, a `pg_dump` of its database) is searched for the sender's name —
//! as typed (NFC), decomposed (NFD) and folded without diacritics — and for the ID number.

use crate::scenarios::Desk;
use chrono::{Duration, Utc};
use std::collections::BTreeMap;
use std::process::Command;
use std::sync::Arc;
use tiepdan_domain::clock::{vietnam_offset, SystemClock};
use tiepdan_domain::intake::{PetitionDraft, PetitionSource};
use tiepdan_domain::text::fold;
use tiepdan_server::store::{copy, Cell, Location, Store};
use tiepdan_tests::district::District;
use unicode_normalization::UnicodeNormalization;

const SENDER: &str = "Nguyễn Thị Ánh Tuyết";
const ID_NUMBER: &str = "001190012345";

/// Every byte the store holds, as files: the SQLite database and its companions (WAL, shared
/// memory, journal), or the plain-SQL dump of the PostgreSQL database.
fn store_bytes(db: &Location) -> Vec<(String, Vec<u8>)> {
    match db {
        Location::Sqlite(path) => {
            let dir = path.parent().expect("the store's folder");
            std::fs::read_dir(dir)
                .expect("the store's folder is readable")
                .map(|entry| entry.expect("an entry").path())
                .filter(|p| p.is_file())
                .map(|p| (p.display().to_string(), std::fs::read(&p).expect("readable")))
                .collect()
        }
        Location::Postgres(url) => {
            let out =
                Command::new(pg_dump()).args(["--no-owner", "--dbname", url]).output().expect("pg_dump runs");
            assert!(out.status.success(), "pg_dump: {}", String::from_utf8_lossy(&out.stderr));
            vec![(format!("pg_dump of {url}"), out.stdout)]
        }
    }
}

/// The `pg_dump` of the highest PostgreSQL installed the Debian way (the version the test cluster
/// runs, `scripts/postgres-env.sh`), else the one on the PATH.
fn pg_dump() -> String {
    let mut found: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path().join("bin/pg_dump")))
        .filter(|p| p.is_file())
        .collect();
    found.sort_by_key(|p| {
        let version = p.iter().rev().nth(2).and_then(|v| v.to_str()).and_then(|v| v.parse::<u32>().ok());
        version.unwrap_or(0)
    });
    found.pop().map_or_else(|| "pg_dump".into(), |p| p.display().to_string())
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The projection's row of a visit, by column.
fn projected(db: &Location, visit_id: &str) -> BTreeMap<&'static str, Cell> {
    let table = copy::TABLES.iter().find(|t| t.name == "visits").expect("the visits table");
    let store = Store::connect(db, 1, Arc::new(SystemClock)).expect("the district's store");
    let mut found = None;
    store
        .backend()
        .export(table, &mut |row| {
            let row: BTreeMap<_, _> = table.columns.iter().copied().zip(row).collect();
            if row["visit_id"] == Cell::Text(visit_id.into()) {
                found = Some(row);
            }
            Ok(())
        })
        .expect("the rows");
    found.expect("the petition is in the district's projection")
}

#[test]
fn a_mailed_denunciation_reaches_the_district_with_its_source_kind_and_day_and_no_identity() {
    let district = District::start();
    let desk = Desk::new(&district);
    let received_on = (Utc::now().with_timezone(&vietnam_offset()) - Duration::days(3)).date_naive();
    let draft: PetitionDraft = serde_json::from_value(serde_json::json!({
        "source": "post",
        "received_on": received_on,
        "senders": [{ "full_name": SENDER, "id_number": ID_NUMBER, "address": "Số 4 ngõ Văn Chương" }],
        "summary": format!("Bà {SENDER} tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ"),
        "kind": "denunciation",
        "field": "corruption",
        "documents": [{ "title": format!("Đơn tố cáo của {SENDER}"), "pages": 2, "original": true }]
    }))
    .expect("a petition as `tiepdan petition receive` reads it");
    let owner = desk.owner();
    let petition = desk.reg().receive_petition(&owner, draft).expect("the petition is registered");
    assert_eq!(petition.details.source, PetitionSource::Post);
    let report = desk.round();
    assert_eq!(report.pending, 0, "everything reached the district: {report:?}");
    tiepdan_server::invariants::check(&district.db).unwrap_or_else(|p| panic!("server invariants: {p:#?}"));

    let row = projected(&district.db, &petition.id.to_string());
    assert_eq!(row["source"], Cell::Text("post".into()), "the district counts it by its source");
    assert_eq!(row["petition_kind"], Cell::Text("denunciation".into()));
    assert_eq!(
        row["received_on"],
        Cell::Text(received_on.to_string()),
        "the day it arrived, not the day typed"
    );

    let decomposed: String = SENDER.nfd().collect();
    assert_ne!(decomposed, SENDER, "the NFD form is another byte string");
    let needles = [SENDER.to_string(), decomposed, fold(SENDER), ID_NUMBER.to_string()];
    let files = store_bytes(&district.db);
    assert!(
        !files.is_empty() && files.iter().any(|(_, bytes)| contains(bytes, "denunciation")),
        "the store was read"
    );
    for (file, bytes) in &files {
        for needle in &needles {
            assert!(!contains(bytes, needle), "{file} holds {needle:?}: the sender must stay at the ward");
        }
    }
}

/// The search above could pass by finding nothing anywhere: a name that is in a file is found, in
/// exactly the form it was written.
#[test]
fn the_store_search_finds_a_name_that_is_in_a_file_in_the_form_it_was_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("server.db");
    std::fs::write(&path, format!("x{}y", SENDER.nfd().collect::<String>())).expect("written");
    let files = store_bytes(&Location::Sqlite(path));
    assert!(files.iter().any(|(_, b)| contains(b, &SENDER.nfd().collect::<String>())), "found");
    assert!(!files.iter().any(|(_, b)| contains(b, SENDER)), "NFC and NFD differ byte for byte");
}
