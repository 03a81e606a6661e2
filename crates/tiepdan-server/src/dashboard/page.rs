//! HTML of the dashboard pages. Every value from the store passes through [`esc`]. The style sheet
//! is served on its own (`/style.css`): the content security policy allows no inline style.

use crate::store::{parse_time, QuarantineReport, WardReport};
use chrono::{DateTime, Utc};
use std::fmt::Write;
use tiepdan_domain::clock::vietnam_offset;

pub const STYLE: &str = "body{font-family:'Liberation Sans',Arial,sans-serif;margin:1.5rem;color:#1b1b1b}\
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left}th{background:#eef1f5}\
td.n{text-align:right}.bad{background:#fde2e1;font-weight:bold}.ok{color:#1d6b2f}.warn{color:#9a5b00}\
form.inline{display:inline}header{display:flex;justify-content:space-between;align-items:center}\
table.report th{text-align:center;font-size:.85rem}tr.total td,tr.total th{font-weight:bold}";

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `refresh`: reload every minute, so a dashboard left open stays current.
pub(super) fn shell(title: &str, body: &str, refresh: bool) -> String {
    let refresh = if refresh { "<meta http-equiv=\"refresh\" content=\"60\">" } else { "" };
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">{refresh}\
         <title>{}</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>{body}</body></html>",
        esc(title)
    )
}

/// A stored UTC time as the ward reads it: `25/11/2026 14:05` (UTC+7).
fn local(text: &str) -> String {
    parse_time(text)
        .map(|t| t.with_timezone(&vietnam_offset()).format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|| text.to_string())
}

/// `token`: the form's CSRF token, also in the browser's cookie ([`super::login`]).
pub fn login(token: &str, error: Option<&str>) -> String {
    let error = error.map(|e| format!("<p class=\"bad\">{}</p>", esc(e))).unwrap_or_default();
    shell(
        "Đăng nhập — Tiếp Dân",
        &format!(
            "<h1>Tiếp Dân — Theo dõi đồng bộ các phường</h1>{error}\
             <form method=\"post\" action=\"/login\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <p><label>Tên đăng nhập<br><input name=\"name\" autocomplete=\"username\" maxlength=\"64\" required></label></p>\
             <p><label>Mật khẩu<br><input name=\"password\" type=\"password\" autocomplete=\"current-password\" \
             required></label></p><p><button type=\"submit\">Đăng nhập</button></p></form>",
            esc(token)
        ),
        false,
    )
}

/// `upstream`: the configured name (`serve --name`), so staff see whose dashboard this is.
pub fn dashboard(
    user: &str,
    upstream: Option<&str>,
    wards: &[WardReport],
    forks: &[QuarantineReport],
    now: DateTime<Utc>,
) -> String {
    let mut b = String::new();
    let today = now.with_timezone(&vietnam_offset()).format("%d/%m/%Y %H:%M");
    let upstream = upstream.map(|u| format!(" — {}", esc(u))).unwrap_or_default();
    let _ = write!(
        b,
        "<header><h1>Tiếp Dân{upstream} — Theo dõi đồng bộ các phường</h1><div>{} · \
         <form class=\"inline\" method=\"post\" action=\"/logout\"><button>Đăng xuất</button></form></div>\
         </header><p><a href=\"/bao-cao\">Báo cáo định kỳ</a> · Số liệu lúc {today} (giờ Việt Nam).</p>",
        esc(user)
    );
    b.push_str("<h2>Cần xử lý: luồng bị tạm giữ do khác biệt dữ liệu</h2>");
    if forks.is_empty() {
        b.push_str("<p class=\"ok\">Không có.</p>");
    } else {
        b.push_str(
            "<table><tr><th>Phường</th><th>Bàn</th><th>Luồng</th><th>Số thứ tự</th>\
             <th>Mã sự kiện đã lưu</th><th>Thời điểm nhận bản khác</th></tr>",
        );
        for f in forks {
            let _ = write!(
                b,
                "<tr class=\"bad\"><td>{} {}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td>\
                 <td>{}</td></tr>",
                esc(&f.ward_code),
                esc(&f.ward_name),
                esc(&f.desk),
                esc(&f.stream),
                f.seq,
                esc(&f.stored_event_id),
                esc(&local(&f.received_at))
            );
        }
        b.push_str("</table>");
    }
    b.push_str(
        "<h2>Các phường</h2><table><tr><th>Mã</th><th>Tên phường</th><th>Lượt tiếp hôm nay</th>\
         <th>Lượt tiếp tháng này</th><th>Đơn tháng này</th><th>Sự kiện đã nhận</th><th>Chưa nhận</th>\
         <th>Cần xem xét</th><th>Đồng bộ gần nhất</th></tr>",
    );
    for w in wards {
        let not_received: u64 = w.desks.iter().map(|d| d.not_received).sum();
        let last = w.desks.iter().filter_map(|d| d.last_push_at.as_deref()).max();
        let row_class = if w.quarantined_streams > 0 { " class=\"bad\"" } else { "" };
        let _ = write!(
            b,
            "<tr{row_class}><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td>{}</td></tr>",
            esc(&w.code),
            esc(&w.name),
            w.visits_today,
            w.visits_this_month,
            w.petitions_this_month,
            w.events_stored,
            not_received,
            w.events_for_review,
            last.map(local).unwrap_or_else(|| "chưa đồng bộ".into())
        );
    }
    b.push_str("</table>");
    b.push_str(
        "<h2>Các bàn tiếp</h2><table><tr><th>Phường</th><th>Bàn</th><th>Trạng thái</th>\
         <th>Đồng bộ gần nhất</th><th>Sự kiện đã nhận</th><th>Chưa nhận (máy báo − đã nhận)</th></tr>",
    );
    for w in wards {
        for d in &w.desks {
            let status = if d.enrolled {
                "<span class=\"ok\">Đang hoạt động</span>"
            } else {
                "<span class=\"warn\">Chưa đăng ký hoặc đã thu hồi</span>"
            };
            let _ = write!(
                b,
                "<tr><td>{} {}</td><td>{}</td><td>{status}</td><td>{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td></tr>",
                esc(&w.code),
                esc(&w.name),
                esc(&d.desk),
                d.last_push_at.as_deref().map(local).unwrap_or_else(|| "chưa đồng bộ".into()),
                d.events_stored,
                d.not_received
            );
        }
    }
    b.push_str("</table>");
    shell("Tiếp Dân — Theo dõi đồng bộ", &b, true)
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markup_in_a_ward_name_is_shown_as_text() {
        assert_eq!(esc("<b>\"Hà\" & 'Đông'</b>"), "&lt;b&gt;&quot;Hà&quot; &amp; &#39;Đông&#39;&lt;/b&gt;");
    }
}
