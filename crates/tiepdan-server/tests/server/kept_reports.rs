//! Issue 17, Performance: the figures the serving process keeps between looks at a report
//! (`tiepdan_server::reports::kept`) are always the figures a full recount gives, and a look counts
//! again only the wards that pushed since (or every ward, when the holidays document changed).
//! The keeper thread brings kept figures up to date after a push without anyone looking.

use crate::reports::{ha_dong, kien_hung};
use crate::support::{push, Journal, Server};
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::reports::{FormKey, PeriodKind, ReportCalendar, ReportPeriod};
use tiepdan_server::reports::kept::{Kept, Now};
use tiepdan_server::reports::{district, district_kept, DistrictReport};
use tiepdan_server::store::Store;

fn q1() -> ReportPeriod {
    ReportCalendar::default().period(PeriodKind::Quarter(1), 2026).expect("Quý I 2026")
}

/// What a report shows (its rows and total), without how it was made.
fn shown(r: &DistrictReport) -> (serde_json::Value, serde_json::Value) {
    (json!(r.rows), json!(r.total))
}

fn line<'a>(r: &'a DistrictReport, ward: &str) -> &'a tiepdan_server::reports::WardLine {
    r.rows.iter().find(|l| l.ward_code == ward).expect("the ward's line")
}

/// A desk B of ward 12345 pushes visits on its own stream, one batch per call.
struct DeskB {
    cred: String,
    journal: Journal,
    pushed: u64,
}

impl DeskB {
    fn new(server: &Server) -> DeskB {
        DeskB { cred: server.enroll("12345", "B"), journal: Journal::new("12345", 'B'), pushed: 0 }
    }

    fn visit_on(&mut self, server: &Server, day: &str) {
        let (_, e) = crate::projection::petition(
            day,
            "desk",
            ("Phạm Thị Mới", "001190000033"),
            json!({ "kind": "complaint", "handling": "guide", "competent": false }),
            json!({}),
        );
        self.journal.append(e);
        let to = self.journal.events.len() as u64;
        let batch = self.journal.batch(self.pushed + 1, to);
        let (status, answer) = push(server, &self.cred, &self.journal.path(), &batch);
        self.pushed = to;
        assert_eq!(status, 200, "stored: {answer}");
    }
}

#[test]
fn kept_figures_are_a_recounts_figures_and_only_wards_that_changed_are_counted_again() {
    let server = Server::start();
    ha_dong(&server);
    kien_hung(&server);
    let store = Store::connect(server.db(), 4, Arc::new(SystemClock)).expect("the served store opens");
    // 38 more wards that never pushed: 40 wards are more than are read one by one, so a first look
    // reads every ward's rows in one pass, while a one-ward report reads that ward alone.
    for i in 0..38 {
        store.add_ward(&format!("{:05}", 20_000 + i), &format!("Phường Số {i}")).expect("ward added");
    }
    let kept = Kept::default();
    let q1 = q1();
    let mut before = Vec::new();
    for key in [FormKey::Tcd01, FormKey::Xld01] {
        let first = district_kept(&store, Some(&kept), key, &q1, None).expect("the report");
        assert_eq!(first.recounted, 40, "{key:?}: nothing kept yet, every ward is counted");
        assert_eq!(first.rows.len(), 40);
        assert_eq!(shown(&first), shown(&district(&store, key, &q1, None).expect("recount")));
        for ward in ["12345", "67890"] {
            let alone = district(&store, key, &q1, Some(ward)).expect("one ward");
            assert_eq!(alone.rows[0], *line(&first, ward), "{key:?} {ward}: read alone or with every ward");
        }
        let second = district_kept(&store, Some(&kept), key, &q1, None).expect("the report again");
        assert_eq!(second.recounted, 0, "{key:?}: nothing changed, nothing is counted");
        assert_eq!(shown(&second), shown(&first));
        before.push(first);
    }

    // Ward 12345 receives one more citizen in Quý I: only it is counted again, and it counts them.
    let mut desk_b = DeskB::new(&server);
    desk_b.visit_on(&server, "2026-02-03");
    let after = district_kept(&store, Some(&kept), FormKey::Tcd01, &q1, None).expect("the report");
    assert_eq!(after.recounted, 1, "only the ward that pushed is counted again");
    assert_eq!(shown(&after), shown(&district(&store, FormKey::Tcd01, &q1, None).expect("recount")));
    let count = |r: &DistrictReport, ward: &str| line(r, ward).columns[&1].count();
    assert_eq!(count(&after, "12345"), count(&before[0], "12345") + 1, "the new visit is in (1)");
    assert_eq!(line(&after, "67890"), line(&before[0], "67890"));

    // A new holidays document for every ward can move any ward's deadlines: every ward is counted
    // again. One for a ward alone moves only that ward's (its desk applies the latest it pulled).
    let publish = |ward: Option<&str>, date: &str| {
        let file = server.dir.path().join("holidays.json");
        let document = json!([{ "date": date, "change": "day_off", "note": "Nghỉ bù" }]);
        std::fs::write(&file, document.to_string()).expect("written");
        let mut args =
            vec!["reference", "set", "--kind", "holidays", "--file", file.to_str().expect("utf-8")];
        args.extend(ward.iter().flat_map(|w| ["--ward", *w]));
        server.admin(&args);
    };
    publish(None, "2026-02-27");
    let relooked = district_kept(&store, Some(&kept), FormKey::Xld01, &q1, None).expect("the report");
    assert_eq!(relooked.recounted, 40, "the holidays changed, so every ward is counted again");
    assert_eq!(shown(&relooked), shown(&district(&store, FormKey::Xld01, &q1, None).expect("recount")));
    publish(Some("67890"), "2026-02-26");
    let relooked = district_kept(&store, Some(&kept), FormKey::Xld01, &q1, None).expect("the report");
    assert_eq!(relooked.recounted, 1, "only ward 67890's calendar changed");
    assert_eq!(shown(&relooked), shown(&district(&store, FormKey::Xld01, &q1, None).expect("recount")));

    // The keeper: a push names its ward, and the keeper counts it again for every kept report
    // while nobody looks, so the next look counts nothing.
    let (store, kept) = (Arc::new(store), Arc::new(kept));
    kept.start_keeper(&store, |_| Vec::new());
    let tcd = district_kept(&store, Some(&kept), FormKey::Tcd01, &q1, None).expect("the report");
    assert_eq!(tcd.recounted, 40, "01/TCD was kept under the old holidays");
    desk_b.visit_on(&server, "2026-03-02");
    kept.ward_changed("12345");
    let wards = ["12345".to_string()];
    let waited = Instant::now();
    loop {
        let now = Now::read(&store).expect("versions");
        let up_to_date = [FormKey::Tcd01, FormKey::Xld01]
            .iter()
            .all(|key| !kept.fresh(*key, &q1, &wards, &now).is_empty());
        if up_to_date {
            break;
        }
        assert!(waited.elapsed() < Duration::from_secs(60), "the keeper counts the ward that pushed");
        std::thread::sleep(Duration::from_millis(50));
    }
    for key in [FormKey::Tcd01, FormKey::Xld01] {
        let looked = district_kept(&store, Some(&kept), key, &q1, None).expect("the report");
        assert_eq!(looked.recounted, 0, "{key:?}: the keeper already counted ward 12345");
        assert_eq!(shown(&looked), shown(&district(&store, key, &q1, None).expect("recount")));
    }
    assert_eq!(
        count(&district_kept(&store, Some(&kept), FormKey::Tcd01, &q1, None).expect("report"), "12345"),
        count(&after, "12345") + 1,
        "the keeper's figures hold the second new visit"
    );
    // Refreshing a ward whose figures are current counts it for every kept report all the same,
    // and changes nothing.
    let refreshed = kept.refresh(&store, &BTreeSet::from(["67890".to_string()])).expect("refresh");
    assert_eq!(refreshed, 1);
    let unchanged = district_kept(&store, Some(&kept), FormKey::Tcd01, &q1, None).expect("report");
    assert_eq!(unchanged.recounted, 0);
}
