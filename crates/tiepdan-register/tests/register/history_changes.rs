//! What an amendment changed, field by field (issue 13 §9): the history a reader opens lists each
//! changed field before → after, never a sealed value to someone who may not see it; the access audit
//! names the visit opened by its receipt number; a petition's headline date is the one its status is
//! counted to.

use crate::common::{desk, draft};
use crate::follow_up::{day, received};
use crate::sealing::{clerk, denunciation, desk_with_keys, leader, NAME};
use tiepdan_domain::petition::{Document, PetitionKind};
use tiepdan_domain::visit::{FieldChange, VisitDraft, SEALED_VISITOR_NAME};
use tiepdan_register::{AccessQuery, Actor, HistoryEntry};

fn change<'a>(entry: &'a HistoryEntry, label: &str) -> Option<&'a FieldChange> {
    entry.changes.iter().find(|c| c.label == label)
}

fn all_text(history: &[HistoryEntry]) -> String {
    history
        .iter()
        .flat_map(|e| &e.changes)
        .map(|c| format!("{} {} {}\n", c.label, c.before, c.after))
        .collect()
}

#[test]
fn an_amendment_lists_each_changed_field_with_its_old_and_new_value() {
    let mut d = desk();
    let mut input = draft("Phạm Thị Hoa", "Phản ánh đèn đường hỏng");
    input.documents =
        vec![Document { title: "Ảnh chụp hiện trường".into(), original: false, pages: 3 }];
    let visit = d.register.record_visit(&acting!(d), input).unwrap();
    let mut corrected = VisitDraft::from(visit.details.clone());
    corrected.summary = "Phản ánh đèn đường hỏng ở ngõ 5 Quang Trung".into();
    corrected.visitors[0].phone = Some("0912345678".into());
    corrected.documents.push(Document { title: "Đơn phản ánh".into(), original: true, pages: 1 });
    corrected.petition = Some(crate::follow_up::petition(PetitionKind::Reflection));
    d.register.amend_visit(&acting!(d), visit.id, corrected, "Ghi thiếu nội dung").unwrap();

    let history = d.register.history(visit.id).unwrap();
    assert!(history[0].changes.is_empty(), "the recording itself lists no change");
    let amended = &history[1];
    let summary = change(amended, "Nội dung vụ việc").expect("the summary changed");
    assert_eq!(
        (summary.before.as_str(), summary.after.as_str()),
        ("Phản ánh đèn đường hỏng", "Phản ánh đèn đường hỏng ở ngõ 5 Quang Trung")
    );
    let phone = change(amended, "Người 1 — Điện thoại").expect("the phone was added");
    assert_eq!((phone.before.as_str(), phone.after.as_str()), ("", "0912345678"));
    let document = change(amended, "Tài liệu 2").expect("a second document was added");
    assert_eq!(document.after, "Đơn phản ánh (bản chính, 1 trang)");
    assert_eq!(change(amended, "Loại đơn").map(|c| c.after.as_str()), Some("Phản ánh"));
    assert!(
        change(amended, "Tài liệu 1").is_none(),
        "the first document did not change: {:?}",
        amended.changes
    );
    assert!(change(amended, "Người 1 — Họ và tên").is_none(), "nor did the name: {:?}", amended.changes);
}

#[test]
fn a_clerk_reading_a_denunciations_history_sees_what_changed_but_no_sealed_identity() {
    let mut d = desk_with_keys();
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let mut again = denunciation();
    again.visitors[0].full_name = "Nguyễn Văn Ân".into();
    again.visitors[0].phone = Some("0987654321".into());
    again.summary = "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ năm 2025".into();
    again.received_at = Some(visit.details.received_at);
    d.register.amend_visit(&acting!(d), visit.id, again, "Sửa họ tên và nội dung").unwrap();

    let clerk = clerk(&mut d);
    let (_, history) = d.register.open_visit(&Actor::signed_in(&clerk), visit.id).unwrap();
    let shown = all_text(&history);
    assert!(change(&history[1], "Nội dung vụ việc").is_some(), "the summary's change is shown: {shown}");
    for secret in [NAME, "Nguyễn Văn Ân", "001090001234", "0912345678", "0987654321", "sealed:v1"] {
        assert!(!shown.contains(secret), "a clerk's change list must not show {secret:?}: {shown}");
    }
    assert!(change(&history[1], "Người 1 — Họ và tên").is_none(), "both sides read as {SEALED_VISITOR_NAME}");

    let leader = leader(&mut d);
    let open = d.register.reveal_history(&Actor::signed_in(&leader), visit.id).unwrap();
    let name = change(&open[1], "Người 1 — Họ và tên").expect("a leader who revealed sees the name change");
    assert_eq!((name.before.as_str(), name.after.as_str()), (NAME, "Nguyễn Văn Ân"));
}

#[test]
fn a_complaint_amended_into_a_denunciation_shows_no_earlier_clear_identity_in_its_changes() {
    let mut d = desk_with_keys();
    let mut complaint = denunciation();
    complaint.petition = Some(crate::follow_up::petition(PetitionKind::Complaint));
    let visit = d.register.record_visit(&acting!(d), complaint).unwrap();
    d.register.amend_visit(&acting!(d), visit.id, denunciation(), "Là đơn tố cáo").unwrap();
    let history = d.register.history(visit.id).unwrap();
    let kind = change(&history[1], "Loại đơn").expect("the kind changed");
    assert_eq!((kind.before.as_str(), kind.after.as_str()), ("Khiếu nại", "Tố cáo"));
    let shown = all_text(&history);
    assert!(
        !shown.contains(NAME) && !shown.contains("001090001234"),
        "journaled in clear, shown masked: {shown}"
    );
}

#[test]
fn the_access_audit_names_the_opened_visit_by_its_receipt_number() {
    let mut d = desk();
    let visit = d.register.record_visit(&acting!(d), draft("Phạm Thị Hoa", "Phản ánh đèn đường")).unwrap();
    d.register.open_visit(&acting!(d), visit.id).unwrap();
    let log = d.register.access_log(&acting!(d), &AccessQuery::default()).unwrap();
    let opened = log.iter().find(|e| e.visit == Some(visit.id)).expect("the opening is audited");
    assert_eq!(opened.receipt_no.as_deref(), Some(visit.receipt_no.to_string().as_str()));
}

#[test]
fn a_complaints_headline_date_is_the_date_its_status_counts_to() {
    let mut d = desk();
    // Fri 20/11/2026: acceptance 10 calendar days → Mon 30/11; processing 10 working days → Fri 04/12.
    let v = received(&mut d, PetitionKind::Complaint, day(2026, 11, 20), "Khiếu nại quyết định thu hồi đất");
    let follow = d.register.petition_follow_up(&acting!(d), v, day(2026, 11, 23), 3).unwrap();
    assert_eq!(follow.due, Some(day(2026, 11, 30)), "the most urgent open step is the acceptance");
    let counted = follow.deadlines.iter().find(|x| Some(x.due) == follow.due).expect("a step due that day");
    assert_eq!(follow.status, Some(counted.status), "the status is that step's");
    assert_eq!(follow.due_label_vi.as_deref(), Some(counted.label_vi.as_str()));
}
