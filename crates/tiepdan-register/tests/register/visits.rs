use crate::common::{desk, draft, local, visitor};
use tiepdan_domain::access::Role;
use tiepdan_domain::identity::{IdKind, Sex};
use tiepdan_domain::petition::{Document, Field, Handling, Petition, PetitionKind, Stage};
use tiepdan_domain::visit::{VisitStatus, VisitorKind};
use tiepdan_register::RegisterError;

fn land_complaint() -> Petition {
    Petition {
        kind: PetitionKind::Complaint,
        field: Field::Land,
        anonymous: false,
        signatories: 1,
        previous_handler: Some("UBND phường Văn Quán".into()),
        previous_result: Some("Đã trả lời bằng văn bản".into()),
        stage: Stage::ResolvedOnce,
        eligible: true,
        ineligible_reason: None,
        handling: Some(Handling::Guide),
        transfer_to: None,
        guidance: Some("Gửi đơn đến UBND thành phố Hà Nội".into()),
        competent: None,
        processed_on: None,
    }
}

#[test]
fn a_visit_with_petition_and_documents_reads_back_exactly_as_recorded() {
    let mut d = desk();
    let mut person = visitor("Nguyễn Văn An");
    person.id_number = Some("001085012345".into());
    person.birth_year = Some(1985);
    person.sex = Some(Sex::Male);
    person.address = Some("Số 12, ngõ 3, Hà Đông".into());
    person.phone = Some("0912 345 678".into());
    person.id_issued_on = Some(chrono::NaiveDate::from_ymd_opt(2021, 4, 2).unwrap());
    person.id_issued_by = Some("Cục Cảnh sát QLHC về TTXH".into());
    let mut input = draft("", "Khiếu nại quyết định thu hồi đất");
    input.visitors = vec![person];
    input.received_at = Some(local(2026, 11, 25, 8, 15));
    input.petition = Some(land_complaint());
    input.documents = vec![
        Document { title: "Đơn khiếu nại".into(), original: true, pages: 2 },
        Document { title: "Quyết định thu hồi đất".into(), original: false, pages: 5 },
    ];
    let saved = d.register.record_visit(&acting!(d), input).unwrap();
    assert_eq!(saved.receipt_no.to_string(), "0001/2026/A");
    assert_eq!(saved.details.officer_id, Some(d.officer.id), "the officer on duty is the default");
    assert_eq!(saved.details.visitors[0].id_kind, Some(IdKind::Cccd));

    let read = d.register.visit(saved.id).unwrap();
    assert_eq!(read, saved, "what the register returns must be what was recorded");
    assert_eq!(d.register.visit_by_receipt(&saved.receipt_no).unwrap(), saved);
    let day = d.register.visits_on(
        &acting!(d),
        local(2026, 11, 25, 0, 0).date_naive(),
        local(2026, 11, 25, 0, 0).date_naive(),
    );
    assert_eq!(day.unwrap(), vec![saved]);
}

#[test]
fn invalid_input_is_refused_with_every_problem_and_changes_nothing() {
    let mut d = desk();
    let mut bad = draft("", "");
    bad.visitor_kind = VisitorKind::Group;
    let err = d.register.record_visit(&acting!(d), bad).unwrap_err();
    let RegisterError::Invalid(invalid) = err else { panic!("expected Invalid, got {err:?}") };
    let fields: Vec<_> = invalid.problems.iter().map(|p| p.field.as_str()).collect();
    assert!(fields.contains(&"visitors[0].full_name") && fields.contains(&"summary"), "{fields:?}");
    let head = d.register.current_stream().unwrap().max_seq;
    assert_eq!(head, 3, "only stream start, ward and officer events exist");
    assert!(d.register.search(&acting!(d), "a", 10).unwrap().is_empty());
}

#[test]
fn an_amendment_keeps_the_old_details_in_the_visit_history() {
    let mut d = desk();
    let first =
        d.register.record_visit(&acting!(d), draft("Lê Thị Hoa", "Hỏi về thủ tục cấp sổ đỏ")).unwrap();
    let mut corrected = tiepdan_domain::visit::VisitDraft::from(first.details.clone());
    corrected.summary = "Kiến nghị về thủ tục cấp giấy chứng nhận quyền sử dụng đất".into();
    let amended = d.register.amend_visit(&acting!(d), first.id, corrected, "Ghi sai nội dung").unwrap();
    assert_eq!(amended.receipt_no, first.receipt_no, "an amendment never changes the receipt number");
    assert_eq!(d.register.visit(first.id).unwrap().details.summary, amended.details.summary);

    let history = d.register.history(first.id).unwrap();
    let kinds: Vec<_> = history.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(kinds, ["visit_recorded", "visit_amended"]);
    assert_eq!(
        history[0].details.as_ref().unwrap().summary,
        "Hỏi về thủ tục cấp sổ đỏ",
        "the original stays"
    );
    assert_eq!(history[1].reason.as_deref(), Some("Ghi sai nội dung"));
    assert_eq!(history[1].officer, Some(d.officer.id));
}

#[test]
fn an_amendment_needs_a_reason() {
    let mut d = desk();
    let v = d.register.record_visit(&acting!(d), draft("Lê Thị Hoa", "Hỏi thủ tục")).unwrap();
    let err = d.register.amend_visit(&acting!(d), v.id, v.details.clone().into(), "  ").unwrap_err();
    assert!(matches!(&err, RegisterError::Invalid(i) if i.problems[0].field == "reason"), "{err:?}");
    assert_eq!(d.register.history(v.id).unwrap().len(), 1);
}

#[test]
fn a_cancelled_visit_stays_in_the_register_with_its_reason_and_cannot_be_changed() {
    let mut d = desk();
    let v = d.register.record_visit(&acting!(d), draft("Phạm Văn Dũng", "Phản ánh tiếng ồn")).unwrap();
    let cancelled = d.register.cancel_visit(&acting!(d), v.id, "Nhập trùng").unwrap();
    assert_eq!(cancelled.status, VisitStatus::Cancelled);
    assert_eq!(d.register.visit(v.id).unwrap().status, VisitStatus::Cancelled);
    let history = d.register.history(v.id).unwrap();
    assert_eq!(history.last().unwrap().reason.as_deref(), Some("Nhập trùng"));
    assert!(matches!(
        d.register.amend_visit(&acting!(d), v.id, v.details.clone().into(), "sửa"),
        Err(RegisterError::VisitCancelled { .. })
    ));
    assert!(matches!(
        d.register.cancel_visit(&acting!(d), v.id, "lần nữa"),
        Err(RegisterError::VisitCancelled { .. })
    ));
}

#[test]
fn a_visit_that_does_not_exist_is_reported_as_not_found() {
    let d = desk();
    let err = d.register.visit(tiepdan_domain::VisitId::new()).unwrap_err();
    assert!(matches!(err, RegisterError::NotFound { what: "visit", .. }), "{err:?}");
}

#[test]
fn nothing_can_be_recorded_before_the_ward_is_set_up() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut r =
        tiepdan_register::Register::open(&dir.path().join("r.sqlite3"), crate::common::clock()).unwrap();
    assert!(r.ward().unwrap().is_none());
    // Nobody can act before the set-up: no officer exists, and none can be added.
    assert!(r.desk_owner().is_err(), "no officer acts on a register without a ward");
    assert!(matches!(r.add_first_officer("A", "B", &[Role::Clerk]), Err(RegisterError::NotInitialised)));
    r.init_ward(crate::common::ward()).unwrap();
    assert!(matches!(r.init_ward(crate::common::ward()), Err(RegisterError::AlreadyInitialised)));
}

#[test]
fn officers_are_retired_not_deleted_and_the_desk_letter_is_fixed_once_visits_exist() {
    let mut d = desk();
    let second = d
        .register
        .add_officer(&acting!(d), "Hoàng Minh Đức", "Phó Chủ tịch UBND phường", &[Role::Clerk, Role::Leader])
        .unwrap();
    assert_eq!(d.register.desk_officer().unwrap().unwrap().id, d.officer.id, "the first one stays on duty");
    d.register.set_desk_officer(second.id).unwrap();
    d.register.retire_officer(&d.register.owner_acting(d.officer.id).unwrap(), second.id).unwrap();
    assert!(d.register.desk_officer().unwrap().is_none(), "a retired officer leaves duty");
    assert!(matches!(d.register.set_desk_officer(second.id), Err(RegisterError::OfficerRetired { .. })));
    let all = d.register.officers().unwrap();
    assert_eq!(all.len(), 2);
    assert!(!all[1].active);

    let mut renamed = crate::common::ward();
    renamed.desk = 'B';
    d.register.update_ward(&d.register.owner_acting(d.officer.id).unwrap(), renamed.clone()).unwrap();
    d.register
        .record_visit(&d.register.owner_acting(d.officer.id).unwrap(), draft("Vũ Thị Lan", "Hỏi thủ tục"))
        .unwrap();
    renamed.desk = 'C';
    assert!(matches!(
        d.register.update_ward(&d.register.owner_acting(d.officer.id).unwrap(), renamed),
        Err(RegisterError::DeskLetterFixed)
    ));
}
