//! What one line of Sổ tiếp công dân (Mẫu số 03) says, as plain values: the PDF book here and the
//! XLSX book in `tiepdan-sheets` both draw these rows, so the two copies of the book cannot disagree
//! on a single cell. Masking happens here, once: a row built with `protect` holds no identifying
//! field of a protected sender (the visit is masked by [`as_shown`] before anything is read).

use crate::dates::local;
use crate::document::{caps, issuing_body};
use crate::error::PrintError;
use crate::forms::register_book::RegisterBookForm;
use crate::forms::transfer::PROTECTED_DENOUNCER;
use crate::forms::{as_shown, sources};
use chrono::NaiveDate;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::petition::{Handling, RefusalGround};
use tiepdan_domain::visit::{Visit, VisitStatus, VisitorKind};

/// The form's twelve column titles, left to right, as Mẫu số 03 prints them.
pub const BOOK_COLUMNS: [&str; 12] = [
    "STT",
    "Ngày tiếp",
    "Họ tên - Địa chỉ",
    "Số định danh cá nhân/CCCD, CMND, Hộ chiếu",
    "Nội dung vụ việc",
    "Phân loại đơn/Số người",
    "Cơ quan đã giải quyết",
    "Thụ lý để giải quyết",
    "Trả lại đơn và hướng dẫn",
    "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
];

/// The merged title over columns 8–10 (indexes 7–9), as Mẫu số 03 draws it.
pub const BOOK_HANDLING_GROUP: (&str, usize, usize) = ("Hướng xử lý", 7, 9);

/// What the book says for a period with no visit (in the "Nội dung vụ việc" column).
pub const BOOK_EMPTY: &str = "Không có lượt tiếp nào trong kỳ.";

/// "(Ban hành kèm theo Thông tư số 04/2021/TT-TTCP)", under "Mẫu số 03".
pub const BOOK_CIRCULAR: &str = "(Ban hành kèm theo Thông tư số 04/2021/TT-TTCP)";

/// Who the row is about (column 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookPerson {
    /// A protected denouncer: the book shows only [`PROTECTED_DENOUNCER`].
    Protected,
    /// The people by name, each with their address when recorded, and what follows them ("(Đoàn 12
    /// người)", "(Đại diện …)").
    Named { people: Vec<(String, Option<String>)>, suffix: Option<String> },
}

impl BookPerson {
    /// The cell as one text, one name or address per line.
    pub fn text(&self) -> String {
        match self {
            BookPerson::Protected => PROTECTED_DENOUNCER.to_string(),
            BookPerson::Named { people, suffix } => {
                let mut lines = Vec::new();
                for (name, address) in people {
                    lines.push(name.clone());
                    lines.extend(address.clone());
                }
                lines.extend(suffix.clone());
                lines.join("\n")
            }
        }
    }
}

/// One line of the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookRow {
    /// (1) STT, from 1 in reception order.
    pub number: usize,
    /// (2) The day of reception at the ward's offset.
    pub received_on: NaiveDate,
    /// (3)
    pub person: BookPerson,
    /// (4) Blank for a protected row.
    pub id_number: String,
    /// (5)
    pub summary: String,
    /// (6) "Khiếu nại/1", "Không có đơn/2".
    pub classification: String,
    /// (7) "body: result".
    pub previous_handler: String,
    /// (8) Thụ lý để giải quyết.
    pub accepted: bool,
    /// (9) Trả lại đơn và hướng dẫn.
    pub guided: bool,
    /// (10) Chuyển đơn: `Some` when transferred, with the receiving body when recorded.
    pub transferred: Option<Option<String>>,
    /// (11) Theo dõi kết quả giải quyết: written by hand in the paper book.
    pub result: String,
    /// (12)
    pub notes: String,
}

impl BookRow {
    /// Column 10 as printed: "x", then the receiving body on the next line.
    pub fn transfer_text(&self) -> String {
        match &self.transferred {
            Some(Some(to)) => format!("x\n{to}"),
            Some(None) => "x".into(),
            None => String::new(),
        }
    }
}

/// The upper-left block of the book: the governing body in capitals (empty when none) and the
/// issuing body ("ỦY BAN NHÂN DÂN PHƯỜNG HÀ ĐÔNG").
pub fn book_issuer(ward: &WardProfile) -> (String, String) {
    let upstream = if ward.upstream.trim().is_empty() { String::new() } else { caps(&ward.upstream) };
    (upstream, issuing_body(ward))
}

/// The book's rows for `form`, in reception order; refuses a range that ends before it starts.
pub fn register_book_rows(form: &RegisterBookForm) -> Result<Vec<BookRow>, PrintError> {
    if form.to < form.from {
        return Err(PrintError::Invalid("ngày kết thúc trước ngày bắt đầu".into()));
    }
    let mut visits: Vec<&Visit> = form.visits.iter().collect();
    visits.sort_by_key(|v| (v.details.received_at, v.receipt_no.number));
    Ok(visits.iter().enumerate().map(|(i, v)| book_row(i + 1, v, form.protect_denouncers)).collect())
}

fn book_row(n: usize, visit: &Visit, protect: bool) -> BookRow {
    let hidden = protect && visit.details.protects_identity();
    let shown = as_shown(visit, hidden);
    let visit = &*shown;
    let d = &visit.details;
    let lead = visit.lead_visitor();
    let person = if hidden {
        BookPerson::Protected
    } else {
        // Every representative of a group by name, each with their address.
        let people: Vec<_> = match d.visitor_kind {
            VisitorKind::Group => d.visitors.iter().collect(),
            _ => lead.into_iter().collect(),
        };
        let suffix = match d.visitor_kind {
            VisitorKind::Group => Some(format!("(Đoàn {} người)", d.people_count)),
            VisitorKind::Organisation => {
                Some(format!("(Đại diện {})", d.organisation.as_deref().unwrap_or("")))
            }
            VisitorKind::Individual => None,
        };
        BookPerson::Named {
            people: people.iter().map(|v| (v.shown_name().to_string(), v.address.clone())).collect(),
            suffix,
        }
    };
    // Blank for a hidden row: the masked visit holds no identifying field.
    let id_number = lead.and_then(|v| v.id_number.clone()).unwrap_or_default();
    let classification = match &d.petition {
        Some(p) => format!("{}/{}", p.kind.label_vi(), d.people_count),
        None => format!("Không có đơn/{}", d.people_count),
    };
    let previous_handler = d
        .petition
        .as_ref()
        .and_then(|p| p.previous_handler.as_ref().map(|h| (h, p.previous_result.as_deref())))
        .map(|(h, r)| r.map(|r| format!("{h}: {r}")).unwrap_or_else(|| h.clone()))
        .unwrap_or_default();
    let handling = d.petition.as_ref().and_then(|p| p.handling);
    let transferred = (handling == Some(Handling::Transfer))
        .then(|| d.petition.as_ref().and_then(|p| p.transfer_to.clone()));
    let mut notes = Vec::new();
    if visit.status == VisitStatus::Cancelled {
        notes.push("Đã hủy".to_string());
    }
    notes.extend(sources::source_note(d));
    notes.extend(sources::mode_note(d));
    if let Some(r) = &d.refusal {
        notes.push(format!("Từ chối tiếp ({})", short_ground(r.ground)));
    }
    if handling == Some(Handling::File) {
        notes.push("Lưu đơn".into());
    }
    if !d.notes.trim().is_empty() {
        notes.push(d.notes.clone());
    }
    notes.push(format!("BN {}", visit.receipt_no));
    BookRow {
        number: n,
        received_on: local(d.received_at).date_naive(),
        person,
        id_number,
        summary: d.summary.clone(),
        classification,
        previous_handler,
        accepted: handling == Some(Handling::Accept),
        guided: matches!(handling, Some(Handling::Guide | Handling::Return)),
        transferred,
        result: String::new(),
        notes: notes.join("; "),
    }
}

fn short_ground(ground: RefusalGround) -> &'static str {
    match ground {
        RefusalGround::Incapacitated => "Điều 9, khoản 1",
        RefusalGround::Disruptive => "Điều 9, khoản 2",
        RefusalGround::AlreadyResolved => "Điều 9, khoản 3",
        RefusalGround::OtherByLaw => "Điều 9, khoản 4",
    }
}
