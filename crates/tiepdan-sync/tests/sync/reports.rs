//! Issue 17: the ward's periodic reports and the district's, for the same data, are equal cell by
//! cell, through a real sync to a real server process.
//!
//! A ward's year of 2026 is built through the register's public calls from a fixed seed: visits at
//! the desk (alone, groups, in held and cancelled leader sessions, repeats of earlier matters),
//! petitions by post, transferred in and online, every handling, transfers with and without an
//! answer, acceptances at both levels, extensions, resolutions with and without figures (and with
//! the deadline kept, missed, or left to the deadline), implementation records, a day off the ward
//! declared (it moves deadlines), an opening balance, and a cancelled visit. The desk syncs, then
//! every defined form is counted by the desk (`Register::report`) and by the server
//! (`tiepdan-server report … --ward --json`, the binary the district runs) for each quarter, the
//! 6, 9 and 12 months, and one month; every column must be equal.
//!
//! Not generated: a repeat link to or from a denunciation. Its other end is withheld from the
//! district on purpose (`tiepdan_domain::upstream`), so there the district may count a matter
//! twice where the ward counts it once (`tiepdan_server::reports::facts`).

use crate::support::{Desk, District};
use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use tiepdan_domain::access::Role;
use tiepdan_domain::calendar::CalendarOverride;
use tiepdan_domain::deadlines::{Complexity, Level, Variant};
use tiepdan_domain::decisions::{Implementation, ImplementationFigures, ResolutionFigures};
use tiepdan_domain::intake::{PetitionDraft, PetitionSource};
use tiepdan_domain::petition::{Handling, PetitionKind};
use tiepdan_domain::processing::Processing;
use tiepdan_domain::reports::{FormKey, Opening, PeriodKind, ReportCalendar};
use tiepdan_domain::results::{Acceptance, Extension, Outcome, Resolution, Transfer, TransferAnswer};
use tiepdan_domain::sessions::{DayPart, ReceptionSession, SessionKind, Sitter};
use tiepdan_domain::visit::VisitDraft;
use tiepdan_domain::VisitId;
use tiepdan_register::{Actor, Closing, Register};

/// A small deterministic generator (the same year on every run; a failure can be replayed).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Nothing is dated after this: the register refuses a day still to come, and the test runs on any
/// day after it.
fn last() -> NaiveDate {
    day(2026, 11, 30)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// A petition the ward may go on to decide, with the day it was processed.
struct Open {
    id: VisitId,
    kind: PetitionKind,
    processed: NaiveDate,
}

/// Accepts, extends, resolves and records the implementation of `p` as the dice say.
fn decide(r: &mut Register, leader: &Actor<'_>, dice: &mut Dice, p: &Open) {
    let accepted_on = p.processed + Duration::days(dice.below(5) as i64);
    if accepted_on > last() {
        return;
    }
    let level =
        if p.kind == PetitionKind::Complaint && dice.chance(30) { Level::Second } else { Level::First };
    let accepted = dice.chance(85);
    let decision = Acceptance {
        visit_id: p.id,
        on: accepted_on,
        accepted,
        reason: (!accepted).then(|| "Không đủ điều kiện thụ lý".into()),
        variant: Variant { level, ..Variant::default() },
    };
    r.record_acceptance(leader, decision).expect("acceptance");
    if !accepted {
        return;
    }
    if p.kind == PetitionKind::Denunciation && dice.chance(50) && accepted_on + Duration::days(20) <= last() {
        let extension = Extension {
            visit_id: p.id,
            on: accepted_on + Duration::days(20),
            complexity: Complexity::Complex,
            reason: "Phải xác minh ở nhiều nơi".into(),
        };
        r.record_extension(leader, extension).expect("extension");
    }
    if dice.chance(25) {
        return; // still being resolved
    }
    // From well inside the deadline to well past it (30–60 days for a first complaint).
    let resolved_on = accepted_on + Duration::days(10 + dice.below(80) as i64);
    if resolved_on > last() {
        return;
    }
    let complaint = p.kind == PetitionKind::Complaint;
    let figures = (complaint && dice.chance(70)).then(|| {
        let mut figures: ResolutionFigures = serde_json::from_value(json!({
            "to_state": { "money": dice.below(5) * 1500, "land": dice.below(3) * 250 },
            "to_individuals": { "money": dice.below(4) * 2000 },
            "individuals_restored": dice.below(3),
            "sanctions": { "people": 1, "officials": dice.below(2) },
        }))
        .expect("figures");
        figures.deadline_kept = dice.pick(&[None, Some(true), Some(false)]);
        figures
    });
    let outcome = if complaint {
        dice.pick(&[Outcome::Correct, Outcome::PartlyCorrect, Outcome::Wrong, Outcome::Withdrawn])
    } else {
        dice.pick(&[Outcome::Correct, Outcome::PartlyCorrect, Outcome::Wrong])
    };
    let resolution = Resolution {
        visit_id: p.id,
        on: resolved_on,
        outcome,
        document_no: None,
        note: "Quyết định".into(),
        figures,
    };
    r.record_resolution(leader, resolution).expect("resolution");
    if complaint && outcome != Outcome::Withdrawn && dice.chance(60) {
        for (n, completed) in [(1, false), (2, true)].into_iter().take(1 + dice.below(2) as usize) {
            let on = resolved_on + Duration::days(15 * n);
            if on > last() {
                break;
            }
            let mut done = ImplementationFigures::default();
            done.to_state.money = tiepdan_domain::decisions::Amount(1000 * n as u64);
            let record = Implementation { visit_id: p.id, on, completed, done, note: String::new() };
            r.record_implementation(leader, record).expect("implementation");
        }
    }
}

/// Processes `id` (a petition not decided at reception) on `on`: its handling by the dice.
fn process(
    r: &mut Register,
    clerk: &Actor<'_>,
    dice: &mut Dice,
    id: VisitId,
    kind: PetitionKind,
    on: NaiveDate,
) -> Handling {
    let eligible = dice.chance(90);
    let handling = if !eligible {
        Handling::Return
    } else if kind == PetitionKind::Complaint {
        // A complaint outside the ward's competence is guided, never transferred.
        dice.pick(&[Handling::Accept, Handling::Accept, Handling::Guide, Handling::File])
    } else {
        dice.pick(&[Handling::Accept, Handling::Accept, Handling::Transfer, Handling::Guide, Handling::File])
    };
    let competent = handling == Handling::Accept;
    let processing = Processing {
        visit_id: id,
        processed_on: on,
        eligible,
        ineligible_reason: (!eligible).then(|| "Đơn không ghi rõ nội dung".into()),
        competent,
        handling,
        transfer_to: (handling == Handling::Transfer).then(|| "UBND thành phố".into()),
        guidance: (handling == Handling::Guide).then(|| "Gửi Tòa án nhân dân".into()),
    };
    r.process_petition(clerk, processing).expect("processing");
    handling
}

/// The year, recorded at the desk. Returns nothing: the register is the result.
fn ward_year(desk: &Desk) {
    let mut dice = Dice(20_260_417);
    let mut r = desk.register.lock().expect("lock");
    let clerk = r.desk_owner().expect("the desk's officer");
    let leader_id = r
        .add_officer(&clerk, "Phạm Văn Lãnh", "Chủ tịch UBND phường", &[Role::Leader])
        .expect("the ward's head")
        .id;
    let leader = r.owner_acting(leader_id).expect("the head acts");
    // A storm day off the ward declared: deadlines running across it move by a day.
    let storm = CalendarOverride::day_off(day(2026, 7, 22), "Nghỉ do bão");
    r.set_calendar_override(&clerk, storm).expect("a day off");
    let opening =
        Opening { form: FormKey::Xld01, from: day(2025, 12, 15), columns: BTreeMap::from([(2, 4), (5, 4)]) };
    r.declare_opening(&leader, opening).expect("an opening balance");

    let vn = FixedOffset::east_opt(7 * 3600).expect("UTC+7");
    let mut earlier_visits: Vec<(VisitId, PetitionKind)> = Vec::new();
    let mut to_decide: Vec<Open> = Vec::new();
    let mut to_process: Vec<(VisitId, PetitionKind, NaiveDate)> = Vec::new();
    let mut transfers: Vec<(VisitId, NaiveDate)> = Vec::new();
    let mut cancelled = false;
    let kinds = [
        PetitionKind::Complaint,
        PetitionKind::Denunciation,
        PetitionKind::Proposal,
        PetitionKind::Reflection,
    ];
    let mut on = day(2026, 1, 5);
    while on < day(2026, 11, 20) {
        // A leader session now and then: the head's or a delegate's, held or cancelled.
        let session = dice.chance(12).then(|| {
            let sat = dice.pick(&[Sitter::Head, Sitter::Delegate]);
            let planned = ReceptionSession {
                id: tiepdan_domain::sessions::SessionId::new(),
                planned_on: on,
                part: DayPart::Morning,
                kind: dice.pick(&[SessionKind::Periodic, SessionKind::AdHoc]),
                sat,
                officer_id: (sat == Sitter::Delegate).then_some(leader_id),
                delegation: (sat == Sitter::Delegate).then(|| "Giấy ủy quyền số 01/GUQ-UBND".into()),
                place: None,
            };
            r.plan_session(&clerk, planned).expect("a session").session.id
        });
        let held = session.map(|_| dice.chance(80));
        for n in 0..1 + dice.below(3) {
            let kind = dice.chance(75).then(|| dice.pick(&kinds));
            let people = if dice.chance(10) { 5 + dice.below(4) as u32 } else { 1 + dice.below(2) as u32 };
            let decided_here = kind.is_some() && dice.chance(60);
            let handling = kind.filter(|_| decided_here).map(|k| match k {
                PetitionKind::Complaint | PetitionKind::Denunciation => dice.pick(&["accept", "guide"]),
                _ => dice.pick(&["accept", "guide", "remind", "file", "transfer"]),
            });
            let petition = kind.map(|k| {
                json!({
                    "kind": k, "field": dice.pick(&["land", "housing", "policy"]),
                    "stage": dice.pick(&["not_resolved", "not_resolved", "resolved_once"]),
                    "handling": handling, "competent": handling.map(|h| h == "accept"),
                    "transfer_to": (handling == Some("transfer") || handling == Some("remind")).then_some("UBND thành phố"),
                    "guidance": (handling == Some("guide")).then_some("Gửi Tòa án nhân dân"),
                })
            });
            let in_session = held == Some(true) && n < 2;
            let draft: VisitDraft = serde_json::from_value(json!({
                "received_at": vn.from_local_datetime(&on.and_hms_opt(8 + n as u32, 15, 0).unwrap()).unwrap(),
                "visitor_kind": if people >= 5 { "group" } else { "individual" },
                "people_count": people,
                "visitors": [{ "full_name": format!("Công dân {on} {n}"), "address": "Tổ 3" }],
                "summary": "Nội dung vụ việc",
                "petition": petition,
                "session_id": session.filter(|_| in_session),
            }))
            .expect("a draft");
            let visit = r.record_visit(&clerk, draft).expect("a visit");
            // A repeat of an earlier matter (never a denunciation's, see the module's note).
            if kind != Some(PetitionKind::Denunciation) && !earlier_visits.is_empty() && dice.chance(15) {
                let (earlier, earlier_kind) = dice.pick(&earlier_visits);
                if earlier_kind != PetitionKind::Denunciation {
                    r.link_repeat(&clerk, visit.id, earlier).expect("a repeat");
                }
            }
            if let Some(k) = kind {
                earlier_visits.push((visit.id, k));
                match handling {
                    Some("accept") if matches!(k, PetitionKind::Complaint | PetitionKind::Denunciation) => {
                        to_decide.push(Open { id: visit.id, kind: k, processed: on })
                    }
                    Some("transfer") => transfers.push((visit.id, on)),
                    Some(_) => {}
                    None => to_process.push((visit.id, k, on)),
                }
            }
            if !cancelled && on > day(2026, 3, 1) && kind.is_none() {
                r.cancel_visit(&clerk, visit.id, "Ghi nhầm").expect("a cancellation");
                cancelled = true;
            }
        }
        if let Some(id) = session {
            let closing = if held == Some(true) { Closing::Held } else { Closing::Cancelled };
            r.close_session(&leader, id, closing, Some("Biên bản kỳ tiếp".into())).expect("a closed session");
        }
        // A petition by another source on some days.
        if dice.chance(40) {
            let source = dice.pick(&[
                PetitionSource::Post,
                PetitionSource::Post,
                PetitionSource::TransferredIn,
                PetitionSource::Online,
            ]);
            let kind = dice.pick(&kinds);
            let mut draft: PetitionDraft = serde_json::from_value(json!({
                "source": source, "received_on": on, "kind": kind, "field": "land",
                "senders": [{ "full_name": format!("Người gửi {on}"), "address": "Tổ 5" }],
                "summary": "Nội dung đơn",
            }))
            .expect("a petition draft");
            if source == PetitionSource::TransferredIn {
                draft.from_body = Some("Ban Tiếp công dân thành phố".into());
            }
            let petition = r.receive_petition(&clerk, draft).expect("a petition");
            to_process.push((petition.id, kind, on));
        }
        on += Duration::days(1 + dice.below(4) as i64);
        // A weekend is skipped as the office is closed.
        while on.format("%u").to_string().parse::<u32>().unwrap() > 5 {
            on += Duration::days(1);
        }
    }
    for (id, kind, received) in to_process {
        if dice.chance(15) {
            continue; // never processed: carried over
        }
        let processed = received + Duration::days(1 + dice.below(12) as i64);
        if processed > last() {
            continue;
        }
        match process(&mut r, &clerk, &mut dice, id, kind, processed) {
            Handling::Accept if matches!(kind, PetitionKind::Complaint | PetitionKind::Denunciation) => {
                to_decide.push(Open { id, kind, processed })
            }
            Handling::Transfer => transfers.push((id, processed)),
            _ => {}
        }
    }
    for p in &to_decide {
        decide(&mut r, &leader, &mut dice, p);
    }
    for (id, on) in transfers {
        r.record_transfer(
            &clerk,
            Transfer { visit_id: id, on, to: "UBND thành phố".into(), note: String::new() },
        )
        .expect("a transfer");
        let answered = on + Duration::days(5 + dice.below(40) as i64);
        if dice.chance(60) && answered <= last() {
            let answer = TransferAnswer { visit_id: id, on: answered, answer: "Đã giải quyết".into() };
            r.record_transfer_answer(&clerk, answer).expect("an answer");
        }
    }
}

/// The periods compared: each quarter, 6, 9 and 12 months, and one month, of 2026.
fn periods() -> Vec<(PeriodKind, &'static str)> {
    vec![
        (PeriodKind::Quarter(1), "q1"),
        (PeriodKind::Quarter(2), "q2"),
        (PeriodKind::Quarter(3), "q3"),
        (PeriodKind::Quarter(4), "q4"),
        (PeriodKind::SixMonths, "6m"),
        (PeriodKind::NineMonths, "9m"),
        (PeriodKind::Year, "year"),
        (PeriodKind::Month(8), "m8"),
    ]
}

#[test]
fn the_ward_and_the_district_count_every_form_alike_after_a_real_sync() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    ward_year(&desk);
    desk.round().expect("the year synced");
    desk.assert_all_acknowledged(&district);

    every_form_agrees(&district, &desk);
}

/// Every defined form, for each period of [`periods`], counted by the desk and by the district for
/// ward 12345: every column equal.
fn every_form_agrees(district: &District, desk: &Desk) {
    let register = desk.register.lock().expect("lock");
    let actor = register.desk_owner().expect("the desk's officer");
    let calendar = ReportCalendar::default();
    let mut compared = 0;
    let mut nonzero = 0;
    for key in FormKey::ALL {
        for (kind, arg) in periods() {
            let period = calendar.period(kind, 2026).expect("a period of 2026");
            let ward = register.report(&actor, key, &period).expect("the desk counts");
            let ward = serde_json::to_value(&ward.columns).expect("JSON");
            let printed = district.admin(&[
                "report",
                key.as_str(),
                "--period",
                arg,
                "--year",
                "2026",
                "--ward",
                "12345",
                "--json",
            ]);
            let server: Value = serde_json::from_str(&printed).expect("the server's JSON");
            assert_eq!(
                (server["from"].as_str(), server["to"].as_str()),
                (Some(period.from.to_string().as_str()), Some(period.to.to_string().as_str())),
                "{key:?} {arg}: the same days"
            );
            let row = &server["rows"][0];
            assert_eq!(row["ward_code"], "12345");
            let ours = ward.as_object().expect("columns");
            for (n, value) in ours {
                assert_eq!(
                    &row["columns"][n],
                    value,
                    "{} ({n}) for {arg}: the ward counts {value}, the district {}",
                    key.as_str(),
                    row["columns"][n]
                );
                compared += 1;
                if value.as_u64().is_some_and(|v| v > 0) {
                    nonzero += 1;
                }
            }
            assert_eq!(
                row["columns"].as_object().map(|c| c.len()),
                Some(ours.len()),
                "{key:?} {arg}: no extra column"
            );
        }
    }
    eprintln!("compared {compared} cells, {nonzero} of them non-zero");
    // The year must exercise the forms, not compare zeros.
    assert!(compared > 1500 && nonzero > 400, "compared {compared} cells, {nonzero} of them non-zero");
}

/// The desk counts deadlines on the latest `holidays` document its feed holds, published for every
/// ward or for this ward alone (`tiepdan_sync::engine::pull`); the district must count on the same
/// one. Here the ward's own document, published last, takes every weekday from 05/01 to 30/11 off:
/// a calendar no ward would have, so that the cells that hang on a deadline surely move (with the
/// official calendar the ward counts otherwise in 03/XLD (18)–(23) and 01/KQGQ (25), (26)).
#[test]
fn a_holidays_document_for_the_ward_alone_moves_the_district_s_deadlines_as_the_ward_s() {
    let district = District::start();
    let day_off = |on: NaiveDate| json!({ "date": on.to_string(), "change": "day_off", "note": "Nghỉ" });
    district.set_reference("holidays", None, &json!([day_off(day(2026, 5, 4))]));
    let weeks: Vec<Value> = (0..330)
        .map(|n| day(2026, 1, 5) + Duration::days(n))
        .filter(|d| chrono::Datelike::weekday(d).number_from_monday() <= 5)
        .map(day_off)
        .collect();
    district.set_reference("holidays", Some("12345"), &Value::Array(weeks));
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    // The calendar arrives before the year's work, as it would.
    desk.round().expect("the feed pulled");
    ward_year(&desk);
    desk.round().expect("the year synced");
    desk.assert_all_acknowledged(&district);
    every_form_agrees(&district, &desk);
}

/// The one difference by design: a repeat of a denunciation reaches the district without its link's
/// other end, so the district counts it as a matter of its own. With three visits of one matter in a
/// quarter, the ward counts the matter once among repeats ("tiếp nhiều lần") and the district twice
/// (each withheld link starts a part of its own). Only the distinct-matter columns may differ, by
/// that one matter; everything else agrees.
#[test]
fn a_denunciation_s_repeat_is_one_matter_more_at_the_district_and_nothing_else_differs() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    {
        let mut r = desk.register.lock().expect("lock");
        let clerk = r.desk_owner().expect("the desk's officer");
        let vn = FixedOffset::east_opt(7 * 3600).expect("UTC+7");
        let mut ids = Vec::new();
        for (n, on) in [day(2026, 1, 12), day(2026, 2, 9), day(2026, 3, 2)].into_iter().enumerate() {
            let draft: VisitDraft = serde_json::from_value(json!({
                "received_at": vn.from_local_datetime(&on.and_hms_opt(9, 0, 0).unwrap()).unwrap(),
                "visitors": [{ "full_name": "Vũ Thị Tố", "address": "Tổ 3" }],
                "summary": format!("Tố cáo cán bộ địa chính, lần {}", n + 1),
                "petition": { "kind": "denunciation", "field": "land" },
            }))
            .expect("a draft");
            ids.push(r.record_visit(&clerk, draft).expect("a visit").id);
        }
        r.link_repeat(&clerk, ids[1], ids[0]).expect("the second visit repeats the first's matter");
        r.link_repeat(&clerk, ids[2], ids[1]).expect("and so does the third");
    }
    desk.round().expect("synced");
    let register = desk.register.lock().expect("lock");
    let actor = register.desk_owner().expect("the desk's officer");
    let period = ReportCalendar::default().period(PeriodKind::Quarter(1), 2026).expect("Quý I");
    let ward = register.report(&actor, FormKey::Tcd01, &period).expect("the desk counts");
    let ward = serde_json::to_value(&ward.columns).expect("JSON");
    let printed =
        district.admin(&["report", "tcd01", "--period", "q1", "--year", "2026", "--ward", "12345", "--json"]);
    let server: Value = serde_json::from_str(&printed).expect("the server's JSON");
    let row = &server["rows"][0]["columns"];
    let mut differing = Vec::new();
    for (n, value) in ward.as_object().expect("columns") {
        if &row[n] != value {
            differing.push(n.parse::<u16>().expect("a column number"));
            assert_eq!(
                row[n].as_u64(),
                value.as_u64().map(|v| v + 1),
                "({n}): one matter more, no other change"
            );
        }
    }
    assert_eq!(
        (&ward["1"], &row["1"]),
        (&json!(3), &json!(3)),
        "three receptions, at the ward and the district"
    );
    assert_eq!(
        (&ward["7"], &row["7"]),
        (&json!(1), &json!(2)),
        "one repeated matter at the ward, two parts upstream"
    );
    assert_eq!(
        differing,
        vec![3, 7],
        "only the distinct-matter cells of the visits: total (3) and regular (7)"
    );
}
