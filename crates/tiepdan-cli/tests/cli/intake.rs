//! `tiepdan petition receive|process|list`: petitions received without a visit (by post,
//! transferred in…) numbered in their own `ĐT-` series, processed, listed by source and state, and
//! bad input refused on one line with nothing changed.

use crate::desk::{an_visit, Desk, Run};
use crate::reveal::{desk_with_a_denunciation, CLERK_PASSWORD, MASKED};
use serde_json::{json, Value};

/// A reflection about a road received by post on `received_on` from Lê Thị Hoa.
fn by_post(received_on: &str) -> Value {
    json!({
        "source": "post",
        "received_on": received_on,
        "senders": [{
            "full_name": "Lê Thị Hoa",
            "id_number": "001189012345",
            "address": "Tổ 3, phường Hà Đông"
        }],
        "summary": "Phản ánh đường ngõ 10 Quang Trung xuống cấp",
        "kind": "reflection",
        "field": "other_administrative",
        "documents": [{ "title": "Đơn phản ánh", "original": true, "pages": 1 }]
    })
}

/// A proposal transferred in by the district's citizen reception office with its letter.
fn transferred(received_on: &str) -> Value {
    json!({
        "source": "transferred_in",
        "received_on": received_on,
        "from_body": "Ban Tiếp công dân quận Hà Đông",
        "letter_no": "125/BTCD-TCD",
        "letter_date": "2026-03-09",
        "senders": [{ "full_name": "Phạm Văn Dũng", "address": "Số 8 Lê Lợi, Hà Đông" }],
        "signatories": 3,
        "summary": "Kiến nghị lắp đèn chiếu sáng ngõ 8 Lê Lợi",
        "kind": "proposal"
    })
}

fn receive(desk: &Desk, petition: &Value) -> Run {
    desk.run_with_input(&["petition", "receive", "--json", "-"], &petition.to_string())
}

/// Registers a petition that must be accepted; returns the printed `{id, number}`.
fn received(desk: &Desk, petition: &Value) -> Value {
    let run = receive(desk, petition);
    assert_eq!(run.code, 0, "the petition should be registered; stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("petition receive prints JSON")
}

fn listed(desk: &Desk, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["petition", "list", "--json"];
    args.extend_from_slice(filters);
    serde_json::from_str(&desk.ok(&args)).expect("petition list --json prints a list")
}

fn numbers(entries: &[Value]) -> Vec<&str> {
    entries.iter().map(|e| e["receipt_no"].as_str().unwrap()).collect()
}

/// The value of the line `label` of `visit show`'s text.
fn field<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    text.lines().find_map(|l| l.strip_prefix(label)).map(str::trim)
}

fn show(desk: &Desk, id: &str) -> Value {
    serde_json::from_str(&desk.ok(&["visit", "show", id, "--json"])).expect("visit show --json")
}

#[test]
fn a_petition_received_by_post_prints_its_id_and_a_number_of_its_own_series() {
    let desk = Desk::ready();
    let printed = received(&desk, &by_post("2026-03-02"));
    let keys: Vec<&String> = printed.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["id", "number"], "exactly the id and the number: {printed}");
    assert_eq!(printed["number"], "ĐT-0001/2026/A", "the petitions' own series");
    let visit = desk.add_visit(&an_visit());
    assert_eq!(visit["receipt_no"], "0001/2026/A", "visits keep their series");
    let found = desk.ok(&["search", "le thi hoa", "--json"]);
    assert!(found.contains("ĐT-0001/2026/A"), "search finds the sender, diacritics optional: {found}");

    let stored = show(&desk, printed["id"].as_str().unwrap());
    assert_eq!(stored, show(&desk, "DT-0001/2026/A"), "the number reads without the Vietnamese Đ");
    assert_eq!(stored["source"], "post");
    assert_eq!(stored["visitors"][0]["full_name"], "Lê Thị Hoa", "the sender is the record's person");
    assert_eq!(stored["petition"]["kind"], "reflection");
    assert_eq!(stored["documents"][0]["title"], "Đơn phản ánh");
    let text = desk.ok(&["visit", "show", "ĐT-0001/2026/A"]);
    assert!(text.contains("Số vào sổ:") && text.contains("Qua bưu chính"), "{text}");
    assert_eq!(field(&text, "Ngày nhận:"), Some("02/03/2026"), "the day received, dd/mm/yyyy: {text}");
    assert_eq!(
        field(&text, "Người gửi:"),
        Some("Lê Thị Hoa, giấy tờ 001189012345, Tổ 3, phường Hà Đông"),
        "the sender, not a visitor: {text}"
    );
}

#[test]
fn a_transferred_petition_keeps_the_sending_body_its_letter_and_the_signatories() {
    let desk = Desk::ready();
    let printed = received(&desk, &transferred("2026-03-10"));
    let stored = show(&desk, printed["number"].as_str().unwrap());
    assert_eq!(stored["from_body"], "Ban Tiếp công dân quận Hà Đông");
    assert_eq!(stored["letter_no"], "125/BTCD-TCD");
    assert_eq!(stored["letter_date"], "2026-03-09");
    assert_eq!(stored["petition"]["signatories"], 3);
    let text = desk.ok(&["visit", "show", "ĐT-0001/2026/A"]);
    assert_eq!(field(&text, "Văn bản:"), Some("125/BTCD-TCD ngày 09/03/2026"), "{text}");
    assert_eq!(field(&text, "Cơ quan gửi:"), Some("Ban Tiếp công dân quận Hà Đông"), "{text}");
}

#[test]
fn bad_petitions_exit_3_on_one_line_naming_the_field_and_change_nothing() {
    let desk = Desk::ready();
    let mut late_letter = transferred("2026-03-10");
    late_letter["letter_date"] = json!("2026-03-11");
    let mut unknown_source = by_post("2026-03-02");
    unknown_source["source"] = json!("pigeon");
    let mut no_body = transferred("2026-03-10");
    no_body.as_object_mut().unwrap().remove("from_body");
    let mut too_long = by_post("2026-03-02");
    too_long["summary"] = json!("đ".repeat(4001));
    let mut control = by_post("2026-03-02");
    control["senders"][0]["address"] = json!("Tổ 3\u{7}");
    let mut unknown_key = by_post("2026-03-02");
    unknown_key["sender"] = json!("Lê Thị Hoa");
    let cases = [
        (late_letter, "letter_date is after the day the petition was received (Ngày văn bản không được sau ngày nhận đơn.)"),
        (unknown_source, "unknown variant `pigeon`"),
        (no_body, "from_body is required (Chưa nhập thông tin bắt buộc.)"),
        (too_long, "summary is longer than 4000 characters (Quá dài: tối đa 4000 ký tự.)"),
        (control, "senders[0].address"),
        (unknown_key, "unknown field `sender`"),
    ];
    for (petition, expected) in cases {
        let run = receive(&desk, &petition);
        assert_eq!(run.code, 3, "refused: {expected}; stderr: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
        assert!(run.stderr.contains(expected), "expected {expected:?} in {}", run.stderr);
        assert!(run.stdout.is_empty(), "nothing printed as if stored: {}", run.stdout);
    }
    assert!(listed(&desk, &[]).is_empty(), "nothing was registered");
    let first = received(&desk, &by_post("2026-03-02"));
    assert_eq!(first["number"], "ĐT-0001/2026/A", "refused petitions use up no number");
}

#[test]
fn html_in_a_petition_is_kept_as_plain_text() {
    let desk = Desk::ready();
    let html = "<script>alert('x')</script><b>đơn</b>";
    let mut petition = transferred("2026-03-10");
    for key in ["from_body", "letter_no", "summary"] {
        petition[key] = json!(html);
    }
    petition["senders"][0]["full_name"] = json!(html);
    let stored = show(&desk, received(&desk, &petition)["number"].as_str().unwrap());
    for key in ["from_body", "letter_no", "summary"] {
        assert_eq!(stored[key], html, "{key} is stored as typed");
    }
    assert_eq!(stored["visitors"][0]["full_name"], html);
    assert!(desk.ok(&["petition", "list"]).contains("<script>"), "and shown as text, not markup");
}

#[test]
fn processing_a_mailed_petition_records_eligibility_competence_handling_and_the_day() {
    let desk = Desk::ready();
    received(&desk, &by_post("2026-03-02"));
    let decision = json!({
        "processed_on": "2026-03-04",
        "competent": false,
        "handling": "transfer",
        "transfer_to": "UBND quận Hà Đông"
    });
    let run =
        desk.run_with_input(&["petition", "process", "DT-0001/2026/A", "--json", "-"], &decision.to_string());
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let stored: Value = serde_json::from_str(&run.stdout).expect("process prints the stored record");
    let p = &stored["petition"];
    assert_eq!((&p["eligible"], &p["competent"]), (&json!(true), &json!(false)), "eligible by default");
    assert_eq!((&p["handling"], &p["transfer_to"]), (&json!("transfer"), &json!("UBND quận Hà Đông")));
    assert_eq!(p["processed_on"], "2026-03-04");
    assert_eq!(show(&desk, "ĐT-0001/2026/A"), stored, "what was printed is what is stored");
    let text = desk.ok(&["visit", "show", "ĐT-0001/2026/A"]);
    assert!(text.contains("Chuyển đơn ngày 04/03/2026") && text.contains("Không thuộc thẩm quyền"), "{text}");
}

#[test]
fn processing_without_a_day_is_dated_today() {
    let desk = Desk::ready();
    received(&desk, &by_post("2026-03-02"));
    let today = || chrono::Utc::now().with_timezone(&tiepdan_domain::clock::vietnam_offset()).date_naive();
    let before = today();
    let decision =
        json!({ "competent": true, "handling": "guide", "guidance": "Liên hệ Tòa án nhân dân quận" });
    let run =
        desk.run_with_input(&["petition", "process", "ĐT-0001/2026/A", "--json", "-"], &decision.to_string());
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let after = today();
    let stored: Value = serde_json::from_str(&run.stdout).unwrap();
    let day: chrono::NaiveDate = serde_json::from_value(stored["petition"]["processed_on"].clone()).unwrap();
    assert!(before <= day && day <= after, "dated {day}, today is {before}");
}

#[test]
fn a_refused_processing_exits_3_and_leaves_the_petition_unprocessed() {
    let desk = Desk::ready();
    received(&desk, &by_post("2026-03-02"));
    let cases = [
        (
            json!({ "processed_on": "2026-03-01", "competent": true, "handling": "file" }),
            "petition.processed_on",
        ),
        (
            json!({ "processed_on": "2026-03-04", "competent": false, "handling": "accept" }),
            "petition.competent",
        ),
        (
            json!({ "processed_on": "2026-03-04", "competent": true, "handling": "transfer", "transfer_to": "UBND quận" }),
            "petition.competent",
        ),
        (
            json!({ "processed_on": "2026-03-04", "competent": false, "handling": "remind" }),
            "petition.transfer_to",
        ),
        (json!({ "competent": true, "handling": "file", "visit_id": "x" }), "unknown field `visit_id`"),
        (json!({ "competent": true }), "missing field `handling`"),
    ];
    for (decision, expected) in cases {
        let run = desk
            .run_with_input(&["petition", "process", "ĐT-0001/2026/A", "--json", "-"], &decision.to_string());
        assert_eq!(run.code, 3, "{decision} is refused; stderr: {}", run.stderr);
        assert!(run.stderr.contains(expected), "expected {expected:?} in {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
    }
    assert_eq!(numbers(&listed(&desk, &["--state", "unprocessed"])), ["ĐT-0001/2026/A"], "nothing changed");
    let missing = desk.run_with_input(&["petition", "process", "ĐT-0009/2026/A", "--json", "-"], "{}");
    assert_eq!(missing.code, 4, "no such petition: {}", missing.stderr);
}

#[test]
fn the_list_filters_petitions_of_every_source_by_source_state_and_day_received() {
    let desk = Desk::ready();
    received(&desk, &by_post("2026-03-02"));
    received(&desk, &transferred("2026-03-10"));
    let mut at_desk = an_visit();
    at_desk["received_at"] = json!("2026-03-05T09:00:00+07:00");
    desk.add_visit(&at_desk);
    let decision = json!({ "processed_on": "2026-03-11", "competent": true, "handling": "accept" });
    let run =
        desk.run_with_input(&["petition", "process", "ĐT-0002/2026/A", "--json", "-"], &decision.to_string());
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);

    let all = listed(&desk, &[]);
    assert_eq!(
        numbers(&all),
        ["ĐT-0002/2026/A", "0001/2026/A", "ĐT-0001/2026/A"],
        "newest first, every source"
    );
    assert_eq!(numbers(&listed(&desk, &["--source", "post"])), ["ĐT-0001/2026/A"]);
    assert_eq!(numbers(&listed(&desk, &["--source", "desk"])), ["0001/2026/A"]);
    let processed = listed(&desk, &["--state", "processed"]);
    assert_eq!(numbers(&processed), ["ĐT-0002/2026/A", "0001/2026/A"], "the visit's was handled at the desk");
    assert_eq!(numbers(&listed(&desk, &["--state", "unprocessed"])), ["ĐT-0001/2026/A"]);
    assert_eq!(
        numbers(&listed(&desk, &["--from", "2026-03-03", "--to", "2026-03-09"])),
        ["0001/2026/A"],
        "received between the two days"
    );
    assert_eq!(numbers(&listed(&desk, &["--source", "transferred_in", "--state", "unprocessed"])).len(), 0);
    let entry = &all[0];
    assert_eq!(entry["source"], "transferred_in");
    assert_eq!(entry["from_body"], "Ban Tiếp công dân quận Hà Đông");
    assert_eq!(entry["handling"], "accept");
    assert_eq!(entry["processed_on"], "2026-03-11");

    let table = desk.ok(&["petition", "list", "--source", "post"]);
    assert!(table.contains("02/03/2026") && table.contains("Qua bưu chính"), "{table}");
    assert!(table.contains("Lê Thị Hoa") && table.contains("chưa xử lý"), "{table}");
    let bad = desk.run(&["petition", "list", "--source", "pigeon"]);
    assert_eq!(bad.code, 2, "an unknown source is a usage error: {}", bad.stderr);
    assert!(bad.stderr.contains("one_stop"), "the accepted words are listed: {}", bad.stderr);
}

#[test]
fn a_mailed_denunciation_registered_by_a_clerk_is_listed_without_its_senders_name() {
    let (desk, officers, _) = desk_with_a_denunciation();
    desk.sign_in_as(&officers.clerk, CLERK_PASSWORD);
    let petition = json!({
        "source": "post",
        "received_on": "2026-03-03",
        "senders": [{ "full_name": "Hoàng Văn Nam", "id_number": "001089054321" }],
        "summary": "Tố cáo cán bộ thu tiền trái phép",
        "kind": "denunciation",
        "field": "corruption"
    });
    let number = received(&desk, &petition)["number"].as_str().unwrap().to_string();
    let run = desk.run(&["petition", "list", "--source", "post", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("Hoàng Văn Nam") && !run.stdout.contains("001089054321"), "{}", run.stdout);
    let entries: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(numbers(&entries), [number.as_str()]);
    assert_eq!(entries[0]["names"], json!([MASKED]), "the sender is masked as a denouncer at the desk");
}

#[test]
fn a_photocopy_sent_again_is_proposed_as_a_duplicate_and_linked_as_the_next_of_its_matter() {
    let desk = Desk::ready();
    received(&desk, &by_post("2026-03-02"));
    received(&desk, &transferred("2026-03-10"));
    // The same letter again, typed without diacritics, sent to the ward through the one-stop office.
    let again = json!({
        "source": "one_stop",
        "received_on": "2026-04-01",
        "senders": [{ "full_name": "Le Thi Hoa", "address": "To 3, phuong Ha Dong" }],
        "summary": "Phan anh duong ngo 10 Quang Trung xuong cap",
        "kind": "reflection"
    });
    let run = desk.run_with_input(&["petition", "duplicates", "--json", "-"], &again.to_string());
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let proposed: Vec<Value> = serde_json::from_str(&run.stdout).expect("a JSON list");
    assert_eq!(numbers(&proposed), ["ĐT-0001/2026/A"], "only the same matter is proposed: {proposed:#?}");
    assert_eq!(proposed[0]["names"], json!(["Lê Thị Hoa"]));
    assert!(listed(&desk, &[]).len() == 2, "proposing registers nothing");

    let number = received(&desk, &again)["number"].as_str().unwrap().to_string();
    assert_eq!(number, "ĐT-0003/2026/A");
    let link: Value =
        serde_json::from_str(&desk.ok(&["petition", "link", &number, "--earlier", "DT-0001/2026/A"]))
            .unwrap();
    assert_eq!(link["visit_count"], 2, "the duplicate counts as the second of its matter");
}

#[test]
fn an_anonymous_letter_by_post_is_registered_but_an_anonymous_transferred_complaint_is_not() {
    let desk = Desk::ready();
    let anonymous = json!({
        "source": "post",
        "received_on": "2026-03-02",
        "anonymous": true,
        "summary": "Phản ánh quán karaoke gây ồn sau 23 giờ",
        "kind": "reflection"
    });
    assert_eq!(received(&desk, &anonymous)["number"], "ĐT-0001/2026/A");
    let table = desk.ok(&["petition", "list"]);
    assert!(table.contains("(nặc danh)"), "{table}");

    let mut complaint = transferred("2026-03-10");
    complaint["kind"] = json!("complaint");
    complaint["anonymous"] = json!(true);
    complaint.as_object_mut().unwrap().remove("senders");
    let run = receive(&desk, &complaint);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("anonymous a complaint transferred in by another body names its complainant"),
        "{}",
        run.stderr
    );
    assert_eq!(listed(&desk, &[]).len(), 1, "nothing more was registered");
}
