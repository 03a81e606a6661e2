//! The parts every administrative document shares (Nghị định 30/2020/NĐ-CP, Phụ lục I): the
//! letterhead with the issuing body and the national motto, the number and the place-and-date
//! line, the title, signature blocks, "Nơi nhận", and the reprint mark.

use crate::dates::place_and_date;
use crate::fonts::Style;
use crate::layout::page::MM;
use crate::layout::sheet::{nfc, Align, Sheet, LEADING};
use crate::layout::wrap::{wrap_balanced, wrap_plain, Line};
use chrono::NaiveDate;
use tiepdan_domain::officer::WardProfile;

pub(crate) const MOTTO: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub(crate) const SUB_MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
pub(crate) const SIGN_NOTE: &str = "(Ký, ghi rõ họ tên)";

/// Vietnamese capitals, NFC (the lower-case letters with tone marks all have composed capitals).
pub(crate) fn caps(text: &str) -> String {
    nfc(&nfc(text).to_uppercase())
}

/// The issuing body: "ỦY BAN NHÂN DÂN PHƯỜNG HÀ ĐÔNG" from a ward named "Phường Hà Đông".
pub(crate) fn issuing_body(ward: &WardProfile) -> String {
    let name = caps(&ward.ward_name);
    if name.starts_with("ỦY BAN") || name.starts_with("UỶ BAN") || name.starts_with("UBND") {
        name
    } else {
        format!("ỦY BAN NHÂN DÂN {name}")
    }
}

/// The kinds of unit a ward's name starts with; running text writes them in lower case.
const UNIT_KINDS: &[&str] =
    &["Phường", "Xã", "Thị trấn", "Đặc khu", "Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã"];

/// The issuing body inside a sentence: "Ủy ban nhân dân phường Hà Đông" (ND 30/2020 writes the
/// kind of unit in lower case in running text; the name keeps its capitals).
pub(crate) fn body_name(ward: &WardProfile) -> String {
    let name = nfc(ward.ward_name.trim());
    let name = UNIT_KINDS
        .iter()
        .find_map(|k| name.strip_prefix(&format!("{k} ")).map(|rest| format!("{} {rest}", k.to_lowercase())))
        .unwrap_or(name);
    let folded = name.to_lowercase();
    if folded.starts_with("ủy ban") || folded.starts_with("uỷ ban") || folded.starts_with("ubnd") {
        name.to_string()
    } else {
        format!("Ủy ban nhân dân {name}")
    }
}

/// Header sizes from the body size: ND 30/2020 sets the issuing bodies and the motto at 12–13 pt,
/// "Độc lập - Tự do - Hạnh phúc", the number and the place-and-date line at 13–14 pt. On the
/// compact A5 option every size scales with the body, but the motto is held at the size that lets
/// it stay one line beside the issuer (`docs/forms.md`, "Paper").
struct HeadSizes {
    issuer: f32,
    motto: f32,
    line: f32,
}

fn head_sizes(size: f32) -> HeadSizes {
    if size >= 13.0 {
        HeadSizes { issuer: size - 1.0, motto: size - 1.0, line: size }
    } else {
        HeadSizes { issuer: size - 1.0, motto: 8.5, line: size }
    }
}

/// Lines of one style, each centred in `[x, x + width]`, from `top` down; returns the bottom.
pub(crate) fn centred_lines(
    sheet: &mut Sheet,
    lines: &[Line],
    style_size: f32,
    (x, width): (f32, f32),
    top: f32,
) -> f32 {
    let mut y = top;
    for line in lines {
        sheet.draw_line(x + (width - line.width) / 2.0, y, style_size, &line.runs);
        y += style_size * LEADING;
    }
    y
}

/// Draws the two header blocks, then "Số: …" under the left one and the italic place-and-date line
/// under the right one, and leaves the cursor below them. `number` None omits the "Số" line.
///
/// The right block is as wide as the motto needs (at least 60 % of the line); the left block takes
/// the rest. Every line wraps by words, balanced, at its own size: nothing is shrunk, and the
/// blocks never reach into each other.
pub(crate) fn letterhead(
    sheet: &mut Sheet,
    ward: &WardProfile,
    number: Option<&str>,
    dated: NaiveDate,
    size: f32,
) {
    let sizes = head_sizes(size);
    let x = sheet.left();
    let total = sheet.text_width();
    let gutter = 2.0 * MM;
    let motto_w = sheet.width(Style::Bold, sizes.motto, MOTTO);
    let right_w = (total * 0.60).max(motto_w + gutter);
    let left_w = total - right_w - gutter;
    let right_x = x + left_w + gutter;
    let top = sheet.y;
    let left_bottom = issuer_block(sheet, ward, x, left_w, top, sizes.issuer);

    // Right block: the national motto and its sub-line with a rule as long as the sub-line.
    let right = (right_x, right_w);
    let motto = wrap_balanced(sheet.faces, Style::Bold, sizes.motto, right_w, MOTTO);
    let sub_top = centred_lines(sheet, &motto, sizes.motto, right, top);
    let sub = wrap_balanced(sheet.faces, Style::Bold, sizes.line, right_w, SUB_MOTTO);
    let sub_bottom = centred_lines(sheet, &sub, sizes.line, right, sub_top);
    let sub_w = sub.iter().map(|l| l.width).fold(0.0, f32::max);
    let rule_y = sub_bottom + 1.5;
    sheet.rule(right_x + (right_w - sub_w) / 2.0, right_x + (right_w + sub_w) / 2.0, rule_y, 0.6);
    let right_bottom = rule_y + 2.5;

    let row = left_bottom.max(right_bottom) + 3.0;
    let mut bottom = row + sizes.line * LEADING;
    if let Some(number) = number {
        let text = format!("Số: {number}");
        let lines = wrap_balanced(sheet.faces, Style::Regular, sizes.line, left_w, &text);
        bottom = bottom.max(centred_lines(sheet, &lines, sizes.line, (x, left_w), row));
    }
    let date_line = place_and_date(&ward.place, dated);
    let lines = wrap_balanced(sheet.faces, Style::Italic, sizes.line, right_w, &date_line);
    bottom = bottom.max(centred_lines(sheet, &lines, sizes.line, right, row));
    sheet.y = bottom + 4.0 * MM;
}

/// The issuing-body block centred in `[x, x + width]` from `top`: the governing body (regular),
/// the ward's People's Committee (bold), a short rule. Returns the bottom of the block. Both wrap
/// by words, balanced, at `size`.
pub(crate) fn issuer_block(
    sheet: &mut Sheet,
    ward: &WardProfile,
    x: f32,
    width: f32,
    top: f32,
    size: f32,
) -> f32 {
    issuer_lines(sheet, (&ward.upstream, &issuing_body(ward)), (x, width), top, size)
}

/// The issuing-body block from its two texts: the governing body (may be empty) and the issuing
/// body itself, already in the words it is to be printed in. A report names its unit as given
/// (the district's own name, not a ward's), so it draws through here.
pub(crate) fn issuer_lines(
    sheet: &mut Sheet,
    (upstream, body): (&str, &str),
    (x, width): (f32, f32),
    top: f32,
    size: f32,
) -> f32 {
    let mut y = top;
    if !upstream.trim().is_empty() {
        let upstream = caps(upstream);
        let lines = wrap_balanced(sheet.faces, Style::Regular, size, width, &upstream);
        y = centred_lines(sheet, &lines, size, (x, width), y);
    }
    // "ỦY BAN NHÂN DÂN" on a line of its own when the whole name does not fit one line, the
    // ward's name balanced under it.
    let body = caps(body);
    match body.strip_prefix("ỦY BAN NHÂN DÂN ") {
        Some(rest) if sheet.width(Style::Bold, size, &body) > width => {
            let lines = wrap_balanced(sheet.faces, Style::Bold, size, width, "ỦY BAN NHÂN DÂN");
            y = centred_lines(sheet, &lines, size, (x, width), y);
            let lines = wrap_balanced(sheet.faces, Style::Bold, size, width, rest);
            y = centred_lines(sheet, &lines, size, (x, width), y);
        }
        _ => {
            let lines = wrap_balanced(sheet.faces, Style::Bold, size, width, &body);
            y = centred_lines(sheet, &lines, size, (x, width), y);
        }
    }
    let rule = width / 3.0;
    sheet.rule(x + (width - rule) / 2.0, x + (width + rule) / 2.0, y + 2.5, 0.6);
    y + 5.0
}

/// The title in bold capitals, and an optional bold sub-title (trích yếu) under it.
pub(crate) fn title(sheet: &mut Sheet, title: &str, subtitle: Option<&str>, size: f32) {
    let (x, w) = (sheet.left(), sheet.text_width());
    sheet.flow(x, w, size + 1.0, Align::Center, 0.0, &[(Style::Bold, &caps(title))]);
    if let Some(sub) = subtitle {
        sheet.flow(x, w, size, Align::Center, 0.0, &[(Style::Bold, sub)]);
    }
    sheet.gap(size * 0.8);
}

/// "Bản in lại lần n" in the top margin of the first page, so a reprint is never taken for the
/// original.
pub(crate) fn reprint_mark(sheet: &mut Sheet, reprint: Option<u32>) {
    if let Some(n) = reprint.filter(|n| *n > 0) {
        let top = sheet.geo.top - 14.0;
        let (x, w) = (sheet.left(), sheet.text_width());
        sheet.text(Align::Right, (x, w), top, Style::Italic, 10.0, &format!("Bản in lại lần {n}"));
    }
}

/// A signature block: the signer's role in bold capitals, the note, room to sign, the name.
pub(crate) struct Signature {
    pub role: String,
    pub note: &'static str,
    pub name: Option<String>,
}

impl Signature {
    pub fn new(role: &str, name: Option<&str>) -> Signature {
        Signature { role: caps(role), note: SIGN_NOTE, name: name.map(str::to_string) }
    }
}

/// Room left between two signature blocks, and from a lone block's edge.
const BLOCK_PAD: f32 = 3.0;

/// Each block's column: side by side, or the right part of the line when alone.
fn slots(sheet: &Sheet, n: usize) -> Vec<(f32, f32)> {
    let (x, w) = (sheet.left(), sheet.text_width());
    match n {
        0 => Vec::new(),
        1 => vec![(x + w * 0.45, w * 0.55)],
        n => (0..n).map(|i| (x + w * i as f32 / n as f32, w / n as f32)).collect(),
    }
}

/// A block's lines inside its column (less the padding on each side): the role (a capacity may
/// hold several lines, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"), and the name wrapped by words, balanced.
fn block_lines(sheet: &Sheet, block: &Signature, width: f32, size: f32) -> (Vec<Line>, Vec<Line>) {
    let inner = width - 2.0 * BLOCK_PAD;
    let role = wrap_balanced(sheet.faces, Style::Bold, size, inner, &block.role);
    let name = match &block.name {
        Some(name) => wrap_balanced(sheet.faces, Style::Bold, size, inner, name),
        None => Vec::new(),
    };
    (role, name)
}

fn sign_room(sheet: &Sheet) -> f32 {
    if sheet.geo.height_mm < 250.0 {
        14.0 * MM
    } else {
        22.0 * MM
    }
}

/// Height of the signature blocks and the "Nơi nhận" list together.
pub(crate) fn sign_off_height(sheet: &Sheet, recipients: &[String], blocks: &[Signature], size: f32) -> f32 {
    let lh = size * LEADING;
    let small = size - 2.0;
    let tallest = blocks
        .iter()
        .zip(slots(sheet, blocks.len()))
        .map(|(b, (_, bw))| {
            let (role, name) = block_lines(sheet, b, bw, size);
            (role.len() + 1 + name.len()) as f32 * lh + sign_room(sheet)
        })
        .fold(0.0, f32::max);
    let rw = sheet.text_width() * 0.42;
    let rec_lines: usize = recipients
        .iter()
        .map(|r| wrap_plain(sheet.faces, Style::Regular, small, rw, &format!("- {r};")).len())
        .sum();
    let rec_h = (small + 1.0) * LEADING + rec_lines as f32 * small * LEADING;
    size * 0.5 + tallest.max(if recipients.is_empty() { 0.0 } else { rec_h }) + lh
}

/// Signature blocks side by side (one on the right half when alone), with the "Nơi nhận" list at
/// bottom left when given. Kept together on one page; every line of a block, the name included,
/// wraps inside the block's own column.
pub(crate) fn sign_off(sheet: &mut Sheet, recipients: &[String], blocks: &[Signature], size: f32) {
    let lh = size * LEADING;
    let small = size - 2.0;
    let height = sign_off_height(sheet, recipients, blocks, size);
    sheet.ensure(height);
    sheet.gap(size * 0.5);
    let (x, w) = (sheet.left(), sheet.text_width());
    let top = sheet.y;
    let mut bottom = top;
    for (block, (bx, bw)) in blocks.iter().zip(slots(sheet, blocks.len())) {
        let (role, name) = block_lines(sheet, block, bw, size);
        let mut y = top;
        for line in &role {
            sheet.draw_line(bx + (bw - line.width) / 2.0, y, size, &line.runs);
            y += lh;
        }
        sheet.text(Align::Center, (bx, bw), y, Style::Italic, size - 1.0, block.note);
        y += lh + sign_room(sheet);
        for line in &name {
            sheet.draw_line(bx + (bw - line.width) / 2.0, y, size, &line.runs);
            y += lh;
        }
        bottom = bottom.max(y);
    }
    let mut y = top;
    if !recipients.is_empty() {
        let rw = w * 0.42;
        sheet.text(Align::Left, (x, rw), y, Style::BoldItalic, small + 1.0, "Nơi nhận:");
        y += (small + 1.0) * LEADING;
        for (i, r) in recipients.iter().enumerate() {
            let end = if i + 1 == recipients.len() { "." } else { ";" };
            for line in wrap_plain(sheet.faces, Style::Regular, small, rw, &format!("- {r}{end}")) {
                sheet.draw_line(x, y, small, &line.runs);
                y += small * LEADING;
            }
        }
    }
    sheet.y = bottom.max(y) + lh;
}
