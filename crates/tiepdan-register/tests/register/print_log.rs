//! The print log: jobs and their attempts, append-only, with copy numbers that only count paper
//! that reached a printer.

use crate::common::{desk, draft};
use rusqlite::Connection;
use tiepdan_register::{NewPrintAttempt, NewPrintJob, PrintForm, PrintOutcome, PrintStatus, RegisterError};

fn job(visit: tiepdan_domain::VisitId, copy: u32) -> NewPrintJob {
    NewPrintJob {
        visit_id: visit,
        form: PrintForm::Receipt,
        copy,
        archive: format!("prints/2026/0001-2026-A-receipt-{copy}.pdf"),
        options: "{}".into(),
        named_identities: None,
    }
}

fn sent(printer: &str) -> NewPrintAttempt {
    NewPrintAttempt {
        printer: Some(printer.into()),
        outcome: PrintOutcome::Sent,
        spool_job: Some(format!("{printer}-1")),
        error_code: None,
        message: None,
    }
}

fn failed(printer: &str) -> NewPrintAttempt {
    NewPrintAttempt {
        printer: Some(printer.into()),
        outcome: PrintOutcome::Failed,
        spool_job: None,
        error_code: Some("printer_stopped".into()),
        message: Some("Máy in đang tạm dừng".into()),
    }
}

#[test]
fn a_reprint_is_marked_as_a_copy_once_the_original_reached_a_printer() {
    let mut d = desk();
    let visit = d.register.record_visit(&acting!(d), draft("Đặng Hữu Ước", "Tranh chấp đất")).unwrap();
    assert_eq!(d.register.next_print_copy(visit.id, PrintForm::Receipt).unwrap(), 1);
    let first = d.register.record_print_job(&acting!(d), job(visit.id, 1)).unwrap();
    assert_eq!(first.status, PrintStatus::Pending, "a job not yet sent is pending");
    assert_eq!(first.officer.as_deref(), Some("Trần Thị Bình"), "the officer on duty is recorded");
    d.register.record_print_attempt(&acting!(d), first.id, sent("TiepDanTest")).unwrap();

    assert_eq!(d.register.next_print_copy(visit.id, PrintForm::Receipt).unwrap(), 2);
    assert_eq!(d.register.next_print_copy(visit.id, PrintForm::Appointment).unwrap(), 1, "per form");
    let second = d.register.record_print_job(&acting!(d), job(visit.id, 2)).unwrap();
    assert_eq!(second.copy_mark.as_deref(), Some("Bản in lại lần 1"));
    assert_eq!(second.reprint(), Some(1));

    let log = d.register.print_log(&acting!(d), Some(visit.id)).unwrap();
    assert_eq!(log.iter().map(|j| j.copy).collect::<Vec<_>>(), vec![2, 1], "newest first, both kept");
    assert_eq!(log[1].printer(), Some("TiepDanTest"));
    assert_eq!(log[1].receipt_no, visit.receipt_no);
}

#[test]
fn a_failed_job_is_kept_with_its_outcome_and_a_retry_is_another_attempt() {
    let mut d = desk();
    let visit = d.register.record_visit(&acting!(d), draft("Nguyễn Thị Ngọc Ánh", "Hỏi thủ tục")).unwrap();
    let j = d.register.record_print_job(&acting!(d), job(visit.id, 1)).unwrap();
    let after_failure = d.register.record_print_attempt(&acting!(d), j.id, failed("TiepDanTest")).unwrap();
    assert_eq!(after_failure.status, PrintStatus::Failed);
    assert_eq!(
        d.register.next_print_copy(visit.id, PrintForm::Receipt).unwrap(),
        1,
        "a job that never printed leaves the next one an original"
    );
    let retried = d.register.record_print_attempt(&acting!(d), j.id, sent("TiepDanTest")).unwrap();
    assert_eq!(retried.status, PrintStatus::Sent);
    assert_eq!(
        retried.attempts.iter().map(|a| (a.attempt, a.outcome)).collect::<Vec<_>>(),
        vec![(1, PrintOutcome::Failed), (2, PrintOutcome::Sent)],
        "the failure stays in the log beside the retry"
    );
    assert_eq!(retried.attempts[0].error_code.as_deref(), Some("printer_stopped"));
    assert_eq!(d.register.visit(visit.id).unwrap(), visit, "printing never changes the visit");
}

#[test]
fn a_job_with_a_stale_copy_number_is_refused() {
    let mut d = desk();
    let visit = d.register.record_visit(&acting!(d), draft("Lê Văn Tám", "Kiến nghị")).unwrap();
    let err = d.register.record_print_job(&acting!(d), job(visit.id, 2)).unwrap_err();
    assert!(matches!(err, RegisterError::Invalid(_)), "{err:?}");
    assert!(d.register.print_log(&acting!(d), None).unwrap().is_empty());
}

#[test]
fn the_print_log_refuses_updates_and_deletes() {
    let mut d = desk();
    let visit = d.register.record_visit(&acting!(d), draft("Lê Văn Tám", "Kiến nghị")).unwrap();
    let j = d.register.record_print_job(&acting!(d), job(visit.id, 1)).unwrap();
    d.register.record_print_attempt(&acting!(d), j.id, failed("X")).unwrap();
    let path = d.path();
    drop(d.register);
    let conn = Connection::open(&path).unwrap();
    for sql in [
        "UPDATE print_jobs SET copy = 5",
        "DELETE FROM print_jobs",
        "UPDATE print_attempts SET outcome = 'sent'",
        "DELETE FROM print_attempts",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn the_printer_of_the_desk_is_a_setting_that_can_go_back_to_the_default() {
    let mut d = desk();
    assert_eq!(d.register.printer_setting().unwrap(), None);
    assert_eq!(
        d.register.set_printer_setting(&acting!(d), Some(" Quầy A ")).unwrap().as_deref(),
        Some("Quầy A")
    );
    assert_eq!(
        d.register.set_printer_setting(&acting!(d), Some("")).unwrap(),
        None,
        "blank means the default printer"
    );
}
