//! What one step of a visit changed: field by field, before → after, as the clerk reads it (issue 13
//! §9). The register compares two consecutive steps of a visit's history *as the reader is allowed to
//! see them* (masked for someone who may not see a denouncer, opened for a leader who revealed them),
//! so a change list never holds more than the details it was computed from. A sealed visitor reads as
//! [`SEALED_VISITOR_NAME`] on both sides and its identifying fields are compared blank: a change of a
//! sealed identity shows no value.

use super::{VisitDetails, Visitor, VisitorKind, SEALED_VISITOR_NAME};
use crate::clock::vietnam_offset;
use crate::petition::{Document, Petition, Stage};
use serde::Serialize;

/// One field that differs between two steps, with its Vietnamese label and both values as shown
/// (empty when the field was blank on that side).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// "Nội dung vụ việc", "Người 1 — Số giấy tờ", "Tài liệu 2", …
    pub label: String,
    pub before: String,
    pub after: String,
}

const NONE: &str = "";

fn yes_no(value: bool) -> String {
    if value { "Có" } else { "Không" }.to_string()
}

fn visitor_kind_vi(kind: VisitorKind) -> &'static str {
    match kind {
        VisitorKind::Individual => "Cá nhân",
        VisitorKind::Group => "Đoàn đông người",
        VisitorKind::Organisation => "Cơ quan, tổ chức",
    }
}

fn stage_vi(stage: Stage) -> &'static str {
    match stage {
        Stage::NotResolved => "Chưa được giải quyết",
        Stage::ResolvedOnce => "Đã giải quyết lần đầu",
        Stage::ResolvedSeveral => "Đã giải quyết nhiều lần",
    }
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn document_vi(d: &Document) -> String {
    let copy = if d.original { "bản chính" } else { "bản sao" };
    format!("{} ({copy}, {} trang)", d.title, d.pages)
}

/// The fields of one visitor as a reader sees them: a sealed one by its masked name only.
fn visitor_fields(v: &Visitor) -> Vec<(&'static str, String)> {
    if v.is_sealed() {
        return vec![("Họ và tên", SEALED_VISITOR_NAME.to_string())];
    }
    vec![
        ("Họ và tên", v.shown_name().to_string()),
        ("Loại giấy tờ", v.id_kind.map(|k| k.label_vi().to_string()).unwrap_or_default()),
        ("Số giấy tờ", opt(&v.id_number)),
        ("Ngày cấp", v.id_issued_on.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()),
        ("Nơi cấp", opt(&v.id_issued_by)),
        ("Năm sinh", v.birth_year.map(|y| y.to_string()).unwrap_or_default()),
        ("Giới tính", v.sex.map(|s| s.label_vi().to_string()).unwrap_or_default()),
        ("Địa chỉ", opt(&v.address)),
        ("Điện thoại", opt(&v.phone)),
    ]
}

fn petition_fields(p: Option<&Petition>) -> Vec<(&'static str, String)> {
    let Some(p) = p else {
        return vec![("Loại đơn", NONE.to_string())];
    };
    vec![
        ("Loại đơn", p.kind.label_vi().to_string()),
        ("Lĩnh vực", p.field.label_vi().to_string()),
        ("Đơn nặc danh", yes_no(p.anonymous)),
        ("Số người ký đơn", p.signatories.to_string()),
        ("Cơ quan đã giải quyết", opt(&p.previous_handler)),
        ("Kết quả giải quyết trước", opt(&p.previous_result)),
        ("Tình trạng giải quyết", stage_vi(p.stage).to_string()),
        ("Đủ điều kiện xử lý", yes_no(p.eligible)),
        ("Lý do không đủ điều kiện", opt(&p.ineligible_reason)),
        ("Hướng xử lý", p.handling.map(|h| h.label_vi().to_string()).unwrap_or_default()),
        ("Chuyển đến", opt(&p.transfer_to)),
        ("Nội dung hướng dẫn", opt(&p.guidance)),
    ]
}

fn push(out: &mut Vec<FieldChange>, label: impl Into<String>, before: String, after: String) {
    if before != after {
        out.push(FieldChange { label: label.into(), before, after });
    }
}

/// Compares two lists of labelled fields, pairing them by label.
fn push_fields(
    out: &mut Vec<FieldChange>,
    prefix: &str,
    before: Vec<(&'static str, String)>,
    after: Vec<(&'static str, String)>,
) {
    let mut labels: Vec<&str> = before.iter().map(|(l, _)| *l).collect();
    labels.extend(after.iter().map(|(l, _)| *l).filter(|l| !before.iter().any(|(b, _)| b == l)));
    let value = |list: &[(&str, String)], label: &str| {
        list.iter().find(|(l, _)| *l == label).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    for label in labels {
        push(out, format!("{prefix}{label}"), value(&before, label), value(&after, label));
    }
}

impl VisitDetails {
    /// What changed from `before` to these details, in the order the visit form shows them.
    pub fn changes_since(&self, before: &VisitDetails) -> Vec<FieldChange> {
        let (b, a) = (before, self);
        let mut out = Vec::new();
        let when = |d: &VisitDetails| d.received_at.with_timezone(&vietnam_offset()).format("%H:%M %d/%m/%Y");
        push(&mut out, "Thời gian tiếp", when(b).to_string(), when(a).to_string());
        push(&mut out, "Hình thức tiếp", b.reception.label_vi().into(), a.reception.label_vi().into());
        push(
            &mut out,
            "Người đến",
            visitor_kind_vi(b.visitor_kind).into(),
            visitor_kind_vi(a.visitor_kind).into(),
        );
        push(&mut out, "Số người", b.people_count.to_string(), a.people_count.to_string());
        push(&mut out, "Cơ quan, tổ chức", opt(&b.organisation), opt(&a.organisation));
        for i in 0..b.visitors.len().max(a.visitors.len()) {
            let fields = |d: &VisitDetails| d.visitors.get(i).map(visitor_fields).unwrap_or_default();
            push_fields(&mut out, &format!("Người {} — ", i + 1), fields(b), fields(a));
        }
        push(&mut out, "Nội dung vụ việc", b.summary.clone(), a.summary.clone());
        push_fields(&mut out, "", petition_fields(b.petition.as_ref()), petition_fields(a.petition.as_ref()));
        for i in 0..b.documents.len().max(a.documents.len()) {
            let doc = |d: &VisitDetails| d.documents.get(i).map(document_vi).unwrap_or_default();
            push(&mut out, format!("Tài liệu {}", i + 1), doc(b), doc(a));
        }
        let refusal = |d: &VisitDetails| {
            d.refusal.as_ref().map(|r| format!("{} {}", r.ground.label_vi(), r.detail).trim().to_string())
        };
        push(&mut out, "Từ chối tiếp", refusal(b).unwrap_or_default(), refusal(a).unwrap_or_default());
        push(&mut out, "Ghi chú", b.notes.clone(), a.notes.clone());
        out
    }
}
