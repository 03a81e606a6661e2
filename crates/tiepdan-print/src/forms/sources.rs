//! What the papers say about where a petition came from and how a citizen was received when it was
//! not in person at the desk (issue 16): a petition received without a visit names its source
//! (nguồn đơn) and, for a transfer or a forward, the sending body and its letter; an online
//! reception names its mode ("Tiếp trực tuyến") and the linked site (điểm cầu).
//!
//! The sending body and its letter are official; nothing here reads a sender's identity.

use crate::dates::dmy;
use tiepdan_domain::intake::PetitionSource;
use tiepdan_domain::visit::{ReceptionMode, VisitDetails};

/// "Thanh tra tỉnh, văn bản số 125/TTr-TCD ngày 18/11/2026", as much of it as was recorded.
fn letter(d: &VisitDetails) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(body) = &d.from_body {
        parts.push(body.clone());
    }
    let mut reference = String::new();
    if let Some(no) = &d.letter_no {
        reference.push_str(&format!("văn bản số {no}"));
    }
    if let Some(on) = d.letter_date {
        if reference.is_empty() {
            reference.push_str("văn bản");
        }
        reference.push_str(&format!(" ngày {}", dmy(on)));
    }
    if !reference.is_empty() {
        parts.push(reference);
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The register book's note of a petition's source, for one not taken in at the desk: "Nguồn đơn:
/// Qua bưu chính", "Nguồn đơn: Cơ quan khác chuyển đến – Thanh tra tỉnh, văn bản số … ngày …".
pub(crate) fn source_note(d: &VisitDetails) -> Option<String> {
    if d.source.is_desk() {
        return None;
    }
    let label = d.source.label_vi();
    Some(match letter(d) {
        Some(letter) => format!("Nguồn đơn: {label} – {letter}"),
        None => format!("Nguồn đơn: {label}"),
    })
}

/// How the petition reached the ward, inside the sentence "… nhận được đơn của ông (bà) X {how}":
/// "gửi qua dịch vụ bưu chính", "do Thanh tra tỉnh chuyển đến theo văn bản số … ngày …".
pub(crate) fn how_received(d: &VisitDetails) -> String {
    let by_letter = || {
        let body = d.from_body.as_deref().unwrap_or("cơ quan có thẩm quyền");
        let mut s = format!("do {body} chuyển đến");
        match (&d.letter_no, d.letter_date) {
            (Some(no), Some(on)) => s.push_str(&format!(" theo văn bản số {no} ngày {}", dmy(on))),
            (Some(no), None) => s.push_str(&format!(" theo văn bản số {no}")),
            (None, Some(on)) => s.push_str(&format!(" theo văn bản ngày {}", dmy(on))),
            (None, None) => {}
        }
        s
    };
    match d.source {
        PetitionSource::Post => "gửi qua dịch vụ bưu chính".into(),
        PetitionSource::OneStop => "nộp tại Bộ phận một cửa".into(),
        PetitionSource::TransferredIn | PetitionSource::ForwardedByElected => by_letter(),
        PetitionSource::Online => "gửi qua cổng dịch vụ công trực tuyến".into(),
        PetitionSource::Desk | PetitionSource::Other => "gửi đến".into(),
    }
}

/// "Đơn do Thanh tra tỉnh chuyển đến theo văn bản số … ngày ….", for a petition that came from a
/// known source other than the desk; the transfer slip tells the competent body how it arrived.
pub(crate) fn arrival(d: &VisitDetails) -> Option<String> {
    match d.source {
        PetitionSource::Desk | PetitionSource::Other => None,
        _ => Some(format!("Đơn {}.", how_received(d))),
    }
}

/// The reception mode as a form shows it beside the place, when the reception was over a video
/// link: "Tiếp trực tuyến, điểm cầu: UBND tỉnh Ninh Bình", or a leader's session held over one
/// ("Lãnh đạo tiếp định kỳ, trực tuyến với điểm cầu: …"). Nothing for a reception in person.
pub(crate) fn online_line(d: &VisitDetails) -> Option<String> {
    let label = d.reception.label_vi();
    match (d.reception, &d.online_site) {
        (ReceptionMode::Online, Some(site)) => Some(format!("{label}, điểm cầu: {site}")),
        (ReceptionMode::Online, None) => Some(label.to_string()),
        (_, Some(site)) => Some(format!("{label}, trực tuyến với điểm cầu: {site}")),
        (_, None) => None,
    }
}

/// The register book's note of the reception mode, with the linked site of a reception over a
/// video link; nothing for the regular reception in person.
pub(crate) fn mode_note(d: &VisitDetails) -> Option<String> {
    let label = d.reception.label_vi();
    match (d.reception, &d.online_site) {
        (ReceptionMode::Regular, None) => None,
        (ReceptionMode::Online, Some(site)) => Some(format!("{label} (điểm cầu: {site})")),
        (_, Some(site)) => Some(format!("{label} (trực tuyến, điểm cầu: {site})")),
        (_, None) => Some(label.to_string()),
    }
}
