//! Jobs against the stand-in spooler: what is archived, sent and logged, in which order, and what
//! a failed printer leaves behind.

use crate::common::{desk, pdf_text, FakeSpooler};
use chrono::TimeZone;
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_print_jobs::{
    archived_pdf, preview, print, reprint, retry, FormRequest, OsSpooler, PrintJobError, PrintOptions,
};
use tiepdan_register::{PrintForm, PrintOutcome, PrintStatus};
use tiepdan_spool::Media;

fn receipt() -> PrintOptions {
    PrintOptions::new(FormRequest::receipt())
}

#[test]
fn a_slip_printed_after_a_registration_is_archived_sent_and_logged() {
    let mut d = desk();
    let spooler = FakeSpooler::default();
    let job = print(&mut d.register, d.dir.path(), &spooler, d.visit.id, &receipt(), None, &d.owner).unwrap();
    assert_eq!(job.status, PrintStatus::Sent);
    assert_eq!((job.form, job.copy, job.copy_mark.clone()), (PrintForm::Receipt, 1, None));
    assert_eq!(job.archive, "prints/2026/0001-2026-A-receipt-1.pdf");
    assert_eq!(job.printer(), Some("Quầy A"), "no printer chosen: the default one");
    assert_eq!(job.officer.as_deref(), Some("Trần Thị Bình"));
    assert_eq!(job.attempts[0].spool_job.as_deref(), Some("Quầy A-1"));

    let archived = std::fs::read(d.data_dir().join(&job.archive)).unwrap();
    let sent = spooler.sent.borrow();
    assert_eq!(sent[0].pdf, archived, "the printer gets exactly the archived PDF");
    assert_eq!(sent[0].printer, "Quầy A");
    assert_eq!((sent[0].options.media, sent[0].options.copies), (Media::A4, 2), "two A4 sheets by default");
    assert_eq!(sent[0].options.title, "Giấy biên nhận 0001/2026/A");
    if let Some(text) = pdf_text(&archived) {
        assert!(text.contains("Đặng Hữu Ước"), "the slip names the visitor:\n{text}");
        assert!(!text.contains("Bản in lại"), "the original is not marked as a copy");
    }
}

#[test]
fn a_reprint_is_marked_as_a_copy_on_the_paper_and_in_the_log() {
    let mut d = desk();
    let spooler = FakeSpooler::default();
    let first =
        print(&mut d.register, d.dir.path(), &spooler, d.visit.id, &receipt(), None, &d.owner).unwrap();
    let again = reprint(&mut d.register, d.dir.path(), &spooler, first.id, None, &d.owner).unwrap();
    assert_eq!((again.copy, again.copy_mark.as_deref()), (2, Some("Bản in lại lần 1")));
    assert_eq!(again.archive, "prints/2026/0001-2026-A-receipt-2.pdf");
    assert_eq!(spooler.sent.borrow()[1].options.title, "Giấy biên nhận 0001/2026/A (Bản in lại lần 1)");
    if let Some(text) = pdf_text(&spooler.sent.borrow()[1].pdf) {
        assert!(text.contains("Bản in lại lần 1"), "the reprint says so on paper:\n{text}");
    }
    let log = d.register.print_log(&d.owner, Some(d.visit.id)).unwrap();
    assert_eq!(
        log.iter().map(|j| (j.copy, j.status)).collect::<Vec<_>>(),
        [(2, PrintStatus::Sent), (1, PrintStatus::Sent)]
    );
}

#[test]
fn a_stopped_printer_logs_a_failed_job_keeps_the_visit_and_a_retry_prints_it() {
    let mut d = desk();
    let spooler = FakeSpooler::default();
    *spooler.stopped.borrow_mut() = true;
    let failed =
        print(&mut d.register, d.dir.path(), &spooler, d.visit.id, &receipt(), None, &d.owner).unwrap();
    assert_eq!(failed.status, PrintStatus::Failed);
    let attempt = &failed.attempts[0];
    assert_eq!(
        (attempt.outcome, attempt.error_code.as_deref()),
        (PrintOutcome::Failed, Some("printer_stopped"))
    );
    assert!(attempt.message.as_deref().unwrap().contains("Hết giấy"), "the clerk reads why: {attempt:?}");
    assert_eq!(d.register.visit(d.visit.id).unwrap(), d.visit, "a failed print never undoes a registration");
    assert!(d.register.verify().unwrap().is_intact());

    *spooler.stopped.borrow_mut() = false;
    let retried = retry(&mut d.register, d.dir.path(), &spooler, failed.id, None, &d.owner).unwrap();
    assert_eq!(retried.status, PrintStatus::Sent);
    assert_eq!(
        (retried.id, retried.copy, retried.attempts.len()),
        (failed.id, 1, 2),
        "same job, original copy"
    );
    assert_eq!(spooler.sent.borrow().len(), 1);
    let again = retry(&mut d.register, d.dir.path(), &spooler, failed.id, None, &d.owner).unwrap_err();
    assert!(matches!(again, PrintJobError::AlreadyPrinted { .. }), "{again:?}");
}

#[test]
fn a_failed_job_overtaken_by_a_printed_original_is_not_retried() {
    let mut d = desk();
    let spooler = FakeSpooler::default();
    *spooler.stopped.borrow_mut() = true;
    let failed =
        print(&mut d.register, d.dir.path(), &spooler, d.visit.id, &receipt(), None, &d.owner).unwrap();
    *spooler.stopped.borrow_mut() = false;
    let fresh =
        print(&mut d.register, d.dir.path(), &spooler, d.visit.id, &receipt(), None, &d.owner).unwrap();
    assert_eq!(fresh.copy, 1, "nothing printed before, so this is the original");
    assert_ne!(fresh.archive, failed.archive, "archives are never overwritten");
    let err = retry(&mut d.register, d.dir.path(), &spooler, failed.id, None, &d.owner).unwrap_err();
    assert!(matches!(err, PrintJobError::Superseded { .. }), "{err:?}");
}

#[test]
fn a_missing_printer_of_the_os_spooler_is_a_failed_job_with_a_vietnamese_message() {
    let mut d = desk();
    let job = print(
        &mut d.register,
        d.dir.path(),
        &OsSpooler,
        d.visit.id,
        &receipt(),
        Some("Không-có-máy-này"),
        &d.owner,
    )
    .unwrap();
    assert_eq!(job.status, PrintStatus::Failed);
    let attempt = &job.attempts[0];
    let code = attempt.error_code.as_deref().unwrap();
    assert!(["printer_not_found", "spooler_unavailable"].contains(&code), "{attempt:?}");
    let message = attempt.message.as_deref().unwrap();
    assert!(
        message.starts_with("Không tìm thấy máy in") || message.starts_with("Máy tính chưa sẵn sàng in"),
        "the cause in Vietnamese: {attempt:?}"
    );
    assert_eq!(d.register.visit(d.visit.id).unwrap(), d.visit);
}

#[test]
fn the_desk_printer_is_used_unless_another_is_asked() {
    let mut d = desk();
    let spooler = FakeSpooler::default();
    d.register.set_printer_setting(&d.owner, Some("Máy in tầng 2")).unwrap();
    let job = print(&mut d.register, d.dir.path(), &spooler, d.visit.id, &receipt(), None, &d.owner).unwrap();
    assert_eq!((job.printer(), job.status), (Some("Máy in tầng 2"), PrintStatus::Failed));
    assert_eq!(job.attempts[0].error_code.as_deref(), Some("printer_not_found"));
    let job = retry(&mut d.register, d.dir.path(), &spooler, job.id, Some("Quầy A"), &d.owner).unwrap();
    assert_eq!((job.printer(), job.status), (Some("Quầy A"), PrintStatus::Sent));
}

#[test]
fn a_preview_carries_the_mark_the_next_print_would_and_logs_nothing() {
    let mut d = desk();
    let spooler = FakeSpooler::default();
    let before = preview(&mut d.register, d.visit.id, &receipt(), &d.owner).unwrap().pdf;
    print(&mut d.register, d.dir.path(), &spooler, d.visit.id, &receipt(), None, &d.owner).unwrap();
    let after = preview(&mut d.register, d.visit.id, &receipt(), &d.owner).unwrap().pdf;
    assert_eq!(d.register.print_log(&d.owner, None).unwrap().len(), 1, "previews are not jobs");
    if let (Some(before), Some(after)) = (pdf_text(&before), pdf_text(&after)) {
        assert!(!before.contains("Bản in lại") && after.contains("Bản in lại lần 1"));
    }
}

#[test]
fn every_visit_form_is_drawn_from_the_register_or_refused_when_the_visit_lacks_its_facts() {
    let mut d = desk();
    let spooler = FakeSpooler::default();
    let at = vietnam_offset().with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap();
    let forms = [
        FormRequest::Appointment { at, place: None, purpose: None, contact: Some("024 3382 1234".into()) },
        FormRequest::Guidance {
            instructions: Some("Gửi đơn đến Tòa án nhân dân khu vực".into()),
            missing_documents: vec![],
            signer: None,
        },
        FormRequest::Record,
    ];
    for form in forms {
        let job = print(
            &mut d.register,
            d.dir.path(),
            &spooler,
            d.visit.id,
            &PrintOptions::new(form.clone()),
            None,
            &d.owner,
        )
        .unwrap_or_else(|e| panic!("{form:?}: {e}"));
        assert_eq!((job.form, job.copy, job.status), (form.form(), 1, PrintStatus::Sent));
    }
    // This visit brought no petition and was not refused: those forms have nothing to say.
    for form in [
        FormRequest::Transfer { petition_dated: None, legal_basis: None, signer: None },
        FormRequest::Refusal { signer: None },
    ] {
        let options = PrintOptions::new(form);
        let err =
            print(&mut d.register, d.dir.path(), &spooler, d.visit.id, &options, None, &d.owner).unwrap_err();
        assert_eq!(err.code(), "form_data_missing", "{err}");
    }
    assert_eq!(
        d.register.print_log(&d.owner, None).unwrap().len(),
        3,
        "a form that cannot be drawn is no job"
    );
}

#[test]
fn beside_an_encrypted_register_the_archive_is_encrypted_and_a_retry_still_prints_the_pdf() {
    let mut d = desk();
    let admin = d.register.desk_officer().unwrap().unwrap().id;
    let (admin, _) =
        d.register.create_keys(admin, "hoa-sen-2026", tiepdan_keys::KdfParams::insecure_for_tests()).unwrap();
    // From now on only a signed-in officer acts.
    let admin = tiepdan_register::Actor::signed_in(&admin);
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();
    *spooler.stopped.borrow_mut() = true;
    let failed = print(&mut d.register, &dir, &spooler, d.visit.id, &receipt(), None, &admin).unwrap();
    assert!(failed.archive.ends_with(".pdf.enc"), "named as what it is: {}", failed.archive);
    let on_disk = std::fs::read(d.data_dir().join(&failed.archive)).unwrap();
    assert!(!on_disk.starts_with(b"%PDF"), "the archived slip is not a readable PDF");
    assert!(tiepdan_keys::is_encrypted_file(&on_disk), "it is the register's encrypted file format");

    *spooler.stopped.borrow_mut() = false;
    let sent = retry(&mut d.register, &dir, &spooler, failed.id, None, &admin).unwrap();
    assert_eq!(sent.status, PrintStatus::Sent);
    let printed = spooler.sent.borrow()[0].pdf.clone();
    assert!(printed.starts_with(b"%PDF"), "the printer gets the PDF itself");
    assert_eq!(
        archived_pdf(&mut d.register, &dir, &sent, &admin).unwrap(),
        printed,
        "the archive opens to it"
    );
    let temp_left = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("tiepdan-print-"))
        .count();
    assert_eq!(temp_left, 0, "the decrypted copy handed to the spooler is gone");
}
