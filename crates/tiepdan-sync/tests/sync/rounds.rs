//! Normal rounds: delivery once, lost answers, feed, status, confidentiality, batch halving.

use crate::support::{file_contains, Desk, District};
use tiepdan_protocol::ReferenceKind;
use tiepdan_sync::{status, StatusKind};

#[test]
fn two_wards_with_two_desks_each_deliver_everything_once_after_days_offline() {
    let district = District::start();
    let desks: Vec<(Desk, &str, &str)> = [("12345", 'A'), ("12345", 'B'), ("67890", 'A'), ("67890", 'B')]
        .into_iter()
        .map(|(w, d)| (Desk::new(w, d), w, if d == 'A' { "A" } else { "B" }))
        .collect();
    for (desk, ward, letter) in &desks {
        desk.visits(6);
        desk.enroll(&district, ward, letter);
    }
    for (desk, _, _) in &desks {
        let report = desk.round().expect("a round");
        assert_eq!(report.pending, 0);
        desk.assert_all_acknowledged(&district);
    }
    for (desk, _, _) in &desks {
        let again = desk.round().expect("a round");
        assert_eq!((again.stored, again.duplicates), (0, 0), "nothing is sent twice");
    }
    let report = district.check();
    assert_eq!(report.streams.len(), 4);
    assert_eq!(report.events, 4 * 9, "stream start + ward configured + officer added + 6 visits, once each");
}

#[test]
fn an_answer_lost_after_the_server_committed_is_not_a_double() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    desk.visits(5);
    desk.round().expect("round");
    // The desk never heard the answer: its marks are as before the push.
    let mut state = desk.state();
    state.acks.clear();
    state.save(&desk.state_path()).expect("saved");
    desk.visits(2);
    let report = desk.round().expect("round");
    assert_eq!(report.stored, 2, "only the new events are stored");
    desk.assert_all_acknowledged(&district);
    assert_eq!(district.check().events, 10);
}

#[test]
fn status_counts_only_what_the_server_acknowledged() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    let fresh = status(&*desk.register, &desk.state(), false).expect("status");
    assert_eq!(fresh.kind, StatusKind::NotEnrolled);
    desk.enroll(&district, "12345", "A");
    desk.visits(3);
    let waiting = status(&*desk.register, &desk.state(), false).expect("status");
    assert_eq!((waiting.kind, waiting.pending), (StatusKind::Waiting, 6));
    desk.round().expect("round");
    let sent = status(&*desk.register, &desk.state(), false).expect("status");
    assert_eq!(
        (sent.kind, sent.pending, sent.acknowledged_seq),
        (StatusKind::AllSent, 0, sent.local_max_seq)
    );
    assert!(sent.last_success.is_some());
}

#[test]
fn reference_data_arrives_with_its_cursor_and_a_stale_cursor_gets_a_snapshot() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let agencies = serde_json::json!([{ "name": "Thanh tra thành phố" }]);
    district.set_reference("agencies", None, &agencies);
    let holidays = serde_json::json!({ "2027-02-06": "Tết" });
    district.set_reference("holidays", Some("12345"), &holidays);
    district.set_reference("holidays", Some("67890"), &serde_json::json!({}));
    desk.round().expect("round");
    let state = desk.state();
    assert_eq!(state.feed_cursor, 3);
    assert_eq!(state.reference[&ReferenceKind::Agencies].data, agencies);
    assert_eq!(state.reference[&ReferenceKind::Holidays].data, holidays, "only this ward's calendar");
    let mut stale = desk.state();
    stale.feed_cursor = 999;
    stale.reference.clear();
    stale.save(&desk.state_path()).expect("saved");
    desk.round().expect("round");
    let state = desk.state();
    assert_eq!(state.feed_cursor, 3, "the snapshot's cursor replaces the unknown one");
    assert_eq!(state.reference.len(), 2, "the snapshot restores every kind");
}

#[test]
fn a_denouncers_name_stays_at_the_ward() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let visit = desk.record("Vũ Thị Tốgiác", Some("denunciation"), "Tố cáo hành vi sai phạm");
    desk.round().expect("round");
    desk.assert_all_acknowledged(&district);
    assert!(!file_contains(district.db(), "Vũ Thị Tốgiác"), "the name never reaches the district");
    // The clerk's words may name the denouncer too (issue 14): they stay at the ward as well.
    assert!(!file_contains(district.db(), "Tố cáo hành vi sai phạm"), "the summary stays too");
    let kept = desk.register.lock().unwrap().visit(visit.id).expect("kept at the ward");
    assert_eq!(kept.details.visitors[0].full_name, "Vũ Thị Tốgiác");
}

#[test]
fn a_complaint_amended_into_a_denunciation_before_sync_sends_no_name() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let visit = desk.record("Đinh Văn Đổiloại", Some("complaint"), "Ban đầu là khiếu nại");
    let mut draft: tiepdan_domain::visit::VisitDraft = visit.details.clone().into();
    draft.petition = serde_json::from_value(serde_json::json!({ "kind": "denunciation" })).expect("petition");
    let owner = desk.owner();
    desk.register
        .lock()
        .unwrap()
        .amend_visit(&owner, visit.id, draft, "Thực chất là tố cáo")
        .expect("amended");
    desk.round().expect("round");
    desk.assert_all_acknowledged(&district);
    assert!(
        !file_contains(district.db(), "Đinh Văn Đổiloại"),
        "neither the record nor the amendment names them"
    );
}

#[test]
fn a_batch_too_large_for_the_server_is_halved_until_it_fits() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let long = "Nội dung rất dài. ".repeat(200);
    for i in 0..520 {
        desk.record(&format!("Người {i}"), None, &long);
    }
    let report = desk.round().expect("round");
    assert_eq!(report.stored, 523, "everything arrives despite 413 answers");
    assert!(report.halvings >= 1, "500 events of ~4 KB exceed the 2 MiB limit: {report:?}");
    desk.assert_all_acknowledged(&district);
}

#[test]
fn a_desk_clock_far_from_the_servers_is_reported() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let ahead = tiepdan_domain::clock::FixedClock(chrono::Utc::now() + chrono::Duration::minutes(12));
    tiepdan_sync::round(&*desk.register, &desk.state_path(), &ahead).expect("round");
    let st = status(&*desk.register, &desk.state(), false).expect("status");
    assert!(st.clock_skew_warning, "12 minutes ahead is shown: {:?}", st.clock_skew_seconds);
    desk.round().expect("round");
    let st = status(&*desk.register, &desk.state(), false).expect("status");
    assert!(!st.clock_skew_warning, "an accurate clock is not flagged: {:?}", st.clock_skew_seconds);
}

#[test]
fn the_desk_learns_the_upstream_s_name_at_enrollment_and_a_new_name_on_its_next_round() {
    let mut district = District::start();
    district.stop();
    district.serve_args = vec!["--name".into(), "UBND tỉnh Ninh Bình".into()];
    let addr = district.addr();
    district.listen(&addr);
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let named = |desk: &Desk| desk.state().enrollment.expect("enrolled").upstream_name;
    assert_eq!(named(&desk).as_deref(), Some("UBND tỉnh Ninh Bình"));

    // The province reorganises: the operator restarts the server under the new name.
    district.stop();
    district.serve_args = vec!["--name".into(), "Ban Tiếp công dân tỉnh Ninh Bình".into()];
    district.listen(&addr);
    desk.record("Nguyễn Văn An", Some("proposal"), "Đề nghị sửa đường");
    desk.round().expect("round");
    assert_eq!(named(&desk).as_deref(), Some("Ban Tiếp công dân tỉnh Ninh Bình"));

    // A server with no name configured: the desk goes back to saying "cấp trên".
    district.stop();
    district.serve_args.clear();
    district.listen(&addr);
    desk.round().expect("round");
    assert_eq!(named(&desk), None);
}
