//! Reading visits: one in detail, a day's (or a period's) list, and a visit's history.
//! Human output speaks the clerk's Vietnamese with dd/mm/yyyy dates; `--json` is for programs.

use crate::error::CliError;
use crate::table;
use chrono::NaiveDate;
use tiepdan_domain::clock::{vietnam_offset, Clock, SystemClock};
use tiepdan_domain::visit::{Visit, VisitStatus};
use tiepdan_register::sessions::Session;
use tiepdan_register::{Actor, HistoryEntry, Register};

/// One visit; denouncers' identities stay masked unless `session` may open them (audited).
pub fn show(
    register: &mut Register,
    mut visit: Visit,
    json: bool,
    session: Option<&Session>,
) -> Result<(), CliError> {
    if let Some(session) = session {
        visit = register.reveal_visit(&Actor::signed_in(session), visit)?;
    }
    if json {
        return super::print_json(&visit);
    }
    let d = &visit.details;
    let line = |label: &str, value: &str| println!("{label:<14}{value}");
    if d.source.is_desk() {
        line("Số biên nhận:", &format!("{}{}", visit.receipt_no, status_note(&visit)));
        line("Ngày tiếp:", &table::date_time(&d.received_at));
        line("Hình thức:", d.reception.label_vi());
    } else {
        line("Số vào sổ:", &format!("{}{}", visit.receipt_no, status_note(&visit)));
        line("Ngày nhận:", &table::date(&d.received_at.with_timezone(&vietnam_offset()).date_naive()));
        line("Nguồn đơn:", d.source.label_vi());
    }
    if let Some(body) = &d.from_body {
        line("Cơ quan gửi:", body);
    }
    if d.letter_no.is_some() || d.letter_date.is_some() {
        let date =
            d.letter_date.as_ref().map(|day| format!(" ngày {}", table::date(day))).unwrap_or_default();
        line("Văn bản:", format!("{}{date}", d.letter_no.as_deref().unwrap_or("(không số)")).trim());
    }
    if let Some(session) = &d.session_id {
        line("Kỳ tiếp:", &session.to_string());
    }
    if let Some(site) = &d.online_site {
        line("Điểm cầu:", site);
    }
    if let Some(recording) = &d.recording_ref {
        line("Bản ghi:", recording);
    }
    line("Số người:", &d.people_count.to_string());
    if let Some(organisation) = &d.organisation {
        line("Cơ quan, tổ chức:", organisation);
    }
    // A petition received without a visit has senders, not visitors.
    let person = if d.source.is_desk() { "Người đến:" } else { "Người gửi:" };
    for v in &d.visitors {
        let id = v.id_number.as_deref().map(|n| format!(", giấy tờ {n}")).unwrap_or_default();
        let address = v.address.as_deref().map(|a| format!(", {a}")).unwrap_or_default();
        line(person, &format!("{}{id}{address}", v.shown_name()));
    }
    line("Nội dung:", &d.summary);
    if let Some(p) = &d.petition {
        let handling = p.handling.map(|h| h.label_vi()).unwrap_or("đang xử lý");
        let on = p.processed_on.as_ref().map(|day| format!(" ngày {}", table::date(day))).unwrap_or_default();
        line("Đơn:", &format!("{} · {} · {handling}{on}", p.kind.label_vi(), p.field.label_vi()));
        if let Some(competent) = p.competent {
            line("Thẩm quyền:", if competent { "Thuộc thẩm quyền" } else { "Không thuộc thẩm quyền" });
        }
        if let Some(to) = &p.transfer_to {
            line("Chuyển đến:", to);
        }
    }
    for (i, doc) in d.documents.iter().enumerate() {
        let copy = if doc.original { "bản chính" } else { "bản sao" };
        line(
            if i == 0 { "Tài liệu:" } else { "" },
            &format!("{}. {} ({copy}, {} tờ)", i + 1, doc.title, doc.pages),
        );
    }
    if let Some(r) = &d.refusal {
        line("Từ chối tiếp:", format!("{} {}", r.ground.label_vi(), r.detail).trim_end());
    }
    if !d.notes.is_empty() {
        line("Ghi chú:", &d.notes);
    }
    Ok(())
}

fn status_note(visit: &Visit) -> &'static str {
    match visit.status {
        VisitStatus::Active => "",
        VisitStatus::Cancelled => " (đã hủy)",
    }
}

pub fn list(
    register: &Register,
    actor: &Actor<'_>,
    date: Option<NaiveDate>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    json: bool,
) -> Result<(), CliError> {
    let today = SystemClock.today();
    let (from, to) = match (date, from) {
        (Some(day), _) => (day, day),
        (None, Some(from)) => (from, to.unwrap_or(today)),
        (None, None) => (today, today),
    };
    let visits = register.visits_on(actor, from, to)?;
    if json {
        return super::print_json(&visits);
    }
    let rows: Vec<Vec<String>> = visits
        .iter()
        .map(|v| {
            let lead = v.lead_visitor();
            vec![
                v.receipt_no.to_string(),
                table::date_time(&v.details.received_at),
                lead.map(|p| p.shown_name().to_string()).unwrap_or_default(),
                lead.and_then(|p| p.id_number.clone()).unwrap_or_default(),
                table::clip(&v.details.summary, 40),
                status_note(v).trim().trim_matches(['(', ')']).to_string(),
            ]
        })
        .collect();
    table::print(&["Số biên nhận", "Ngày tiếp", "Họ tên", "Số giấy tờ", "Nội dung", "Ghi chú"], &rows);
    println!("{} lượt tiếp từ {} đến {}", visits.len(), table::date(&from), table::date(&to));
    Ok(())
}

pub fn history(register: &Register, entries: &[HistoryEntry], json: bool) -> Result<(), CliError> {
    if json {
        return super::print_json(&entries);
    }
    let officers = register.officers()?;
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let change = match e.kind.as_str() {
                "visit_recorded" => "Ghi nhận",
                "visit_amended" => "Sửa",
                "visit_cancelled" => "Hủy",
                other => other,
            };
            let officer = e.officer.and_then(|id| officers.iter().find(|o| o.id == id));
            vec![
                e.seq.to_string(),
                table::date_time(&e.recorded_at.fixed_offset()),
                change.to_string(),
                e.reason.clone().unwrap_or_default(),
                officer.map(|o| o.full_name.clone()).unwrap_or_default(),
                changed(e),
            ]
        })
        .collect();
    table::print(&["Seq", "Thời điểm", "Thay đổi", "Lý do", "Cán bộ", "Đã sửa (trước → sau)"], &rows);
    Ok(())
}

/// An amendment's changes on one line, as the register computed them for this reader (masked
/// identities stay masked): "Nội dung vụ việc: cũ → mới; …".
fn changed(entry: &HistoryEntry) -> String {
    let shown = |v: &str| if v.is_empty() { "(trống)".to_string() } else { table::clip(v, 40) };
    let parts: Vec<String> = entry
        .changes
        .iter()
        .map(|c| format!("{}: {} → {}", c.label, shown(&c.before), shown(&c.after)))
        .collect();
    parts.join("; ")
}
