//! "Báo cáo": a periodic report of every ward on the dashboard (issue 17), for a chosen form and
//! period (official periods by default, labelled as the desks label them), with the form's merged
//! header, one row per ward and the total row. `GET /bao-cao` is the page; `GET /bao-cao.json` gives
//! the same report as JSON (what the page is rendered from, for tools), and `GET /bao-cao.xlsx` as
//! the form's worksheet (`tiepdan_sheets::report_xlsx`, the writer the desks use): the upstream's
//! configured name as the reporting unit, a row per ward and the total row. All three need a
//! dashboard session, like every other page. Aggregate counts name no one, so the download is not
//! an audited export (issue 17 §4).
//!
//! The page is a plain GET form and a table: the dashboard runs no script (its content security
//! policy forbids any), so the page is rendered on the server from the same
//! [`crate::reports::district`] the JSON endpoint returns.

use super::page::{esc, shell};
use super::{current_user, ReportQuery};
use crate::api::blocking;
use crate::error::{Error, Result};
use crate::reports::period::{calendar, PeriodChoice};
use crate::reports::{definition, district_kept, DistrictReport};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use chrono::Datelike;
use std::fmt::Write;
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::reports::definition::HeaderNode;
use tiepdan_domain::reports::period::ReportCalendar;
use tiepdan_domain::reports::sheet::{Issuer, ReportSheet};
use tiepdan_domain::reports::{CellValue, Definition, FormKey, ReportPeriod};

/// The period words of the form's select, with the desks' labels.
const PERIODS: [(&str, &str); 7] = [
    ("q1", "Quý I"),
    ("q2", "Quý II"),
    ("q3", "Quý III"),
    ("q4", "Quý IV"),
    ("6m", "6 tháng"),
    ("9m", "9 tháng"),
    ("year", "Năm"),
];

/// The report asked for, with the defaults filled in: 01/TCD, and the official quarter today falls
/// in.
struct Asked {
    form: String,
    choice: PeriodChoice,
    ward: Option<String>,
}

fn asked(q: &ReportQuery, today: chrono::NaiveDate, cal: &ReportCalendar) -> Asked {
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    let (from, to) = (text(&q.from), text(&q.to));
    let mut choice = PeriodChoice { kind: text(&q.period), year: None, from, to };
    if choice.from.is_none() && choice.to.is_none() {
        match (&choice.kind, text(&q.year)) {
            (Some(_), Some(year)) => choice.year = Some(year.parse().unwrap_or(i32::MIN)),
            (Some(_), None) => choice.year = Some(today.year()),
            (None, _) => {
                let (kind, year) = crate::reports::period::current_quarter(today, cal);
                choice.kind = Some(kind);
                choice.year = Some(year);
            }
        }
    }
    Asked { form: text(&q.form).unwrap_or_else(|| "tcd01".into()), choice, ward: text(&q.ward) }
}

/// A report made for the dashboard: what was asked, its period, the day it was made, and the report.
struct Made {
    asked: Asked,
    period: ReportPeriod,
    today: chrono::NaiveDate,
    report: DistrictReport,
}

fn run(q: &ReportQuery, state: &AppState) -> impl FnOnce(&crate::store::Store) -> Result<Made> {
    let q = q.clone();
    let figures = state.figures.clone();
    move |store| {
        let cal = calendar(store)?;
        let today = store.clock_now().with_timezone(&vietnam_offset()).date_naive();
        let asked = asked(&q, today, &cal);
        let key: FormKey = asked
            .form
            .parse()
            .map_err(|e: String| Error::BadRequest(format!("biểu báo cáo không hợp lệ ({e})")))?;
        let period = asked.choice.resolve(&cal)?;
        let report = district_kept(store, Some(&figures), key, &period, asked.ward.as_deref())?;
        Ok(Made { asked, period, today, report })
    }
}

pub(super) async fn json(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ReportQuery>,
) -> Result<Response> {
    if current_user(&state, &headers).await?.is_none() {
        return Err(Error::Unauthorized);
    }
    let made = blocking(&state.store, run(&q, &state)).await?;
    Ok(Json(made.report).into_response())
}

pub(super) async fn xlsx(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ReportQuery>,
) -> Result<Response> {
    let Some(_) = current_user(&state, &headers).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let upstream = state.upstream_name.clone().unwrap_or_default();
    let Made { asked, period, today, report } = blocking(&state.store, run(&q, &state)).await?;
    let def = definition(asked.form.parse().map_err(Error::BadRequest)?)?;
    let rows = report.rows.iter().map(|r| (r.ward_code.clone(), r.ward_name.clone(), &r.columns)).collect();
    // The district signs as its configured name; no place is on record for it.
    let issuer = Issuer { upstream: String::new(), unit: upstream.to_uppercase(), place: String::new() };
    let sheet = ReportSheet::of_units(def, rows, &report.total, period, issuer, today);
    let bytes = tiepdan_sheets::report_xlsx(&sheet).map_err(|e| Error::Internal(format!("xlsx: {e}")))?;
    let name = format!("bao-cao-{}-{}-{}.xlsx", def.form.replace('/', "-"), report.from, report.to);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

pub(super) async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ReportQuery>,
) -> Result<Response> {
    let Some(user) = current_user(&state, &headers).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let upstream = state.upstream_name.clone();
    match blocking(&state.store, run(&q, &state)).await {
        Ok(Made { asked, report, .. }) => {
            let def = definition(asked.form.parse().map_err(Error::BadRequest)?)?;
            Ok(Html(render(&user, upstream.as_deref(), &asked, Some((def, &report)), None)).into_response())
        }
        Err(e @ (Error::BadRequest(_) | Error::NotFound(_))) => {
            let shown = Asked {
                form: q.form.clone().unwrap_or_default(),
                choice: PeriodChoice::default(),
                ward: None,
            };
            let html = render(&user, upstream.as_deref(), &shown, None, Some(&e.to_string()));
            Ok((StatusCode::BAD_REQUEST, Html(html)).into_response())
        }
        Err(e) => Err(e),
    }
}

fn selected(on: bool) -> &'static str {
    if on {
        " selected"
    } else {
        ""
    }
}

/// The choice form: form, official period and year, or a range of days.
fn chooser(b: &mut String, asked: &Asked) {
    b.push_str("<form method=\"get\" action=\"/bao-cao\"><label>Biểu <select name=\"form\">");
    for key in FormKey::ALL {
        let label = key.definition().map_or_else(|| key.as_str().to_string(), |d| d.form.clone());
        let _ = write!(
            b,
            "<option value=\"{}\"{}>{}</option>",
            key.as_str(),
            selected(asked.form == key.as_str()),
            esc(&label)
        );
    }
    b.push_str("</select></label> <label>Kỳ <select name=\"period\">");
    for (word, label) in PERIODS {
        let _ = write!(
            b,
            "<option value=\"{word}\"{}>{label}</option>",
            selected(asked.choice.kind.as_deref() == Some(word))
        );
    }
    let year = asked.choice.year.map(|y| y.to_string()).unwrap_or_default();
    let _ = write!(
        b,
        "</select></label> <label>Năm <input name=\"year\" value=\"{}\" size=\"5\" inputmode=\"numeric\"></label> \
         hoặc <label>từ ngày <input name=\"from\" type=\"date\" value=\"{}\"></label> \
         <label>đến ngày <input name=\"to\" type=\"date\" value=\"{}\"></label> <button>Xem</button></form>",
        esc(&year),
        esc(asked.choice.from.as_deref().unwrap_or_default()),
        esc(asked.choice.to.as_deref().unwrap_or_default())
    );
}

/// The merged header: one table row per header level, the unit column spanning them all, then the
/// row of column numbers.
fn header(b: &mut String, def: &Definition) {
    let depth = def.header.iter().map(HeaderNode::depth).max().unwrap_or(1);
    let mut level: Vec<&HeaderNode> = def.header.iter().collect();
    for l in 0..depth {
        b.push_str("<tr>");
        if l == 0 {
            let _ = write!(b, "<th rowspan=\"{depth}\">{}</th>", esc(&def.unit_heading));
        }
        let mut next = Vec::new();
        for node in level {
            let rows = if node.children.is_empty() { depth - l } else { 1 };
            let _ =
                write!(b, "<th colspan=\"{}\" rowspan=\"{rows}\">{}</th>", node.width(), esc(&node.label));
            next.extend(node.children.iter());
        }
        b.push_str("</tr>");
        level = next;
    }
    b.push_str("<tr><th></th>");
    for n in def.leaf_columns() {
        let _ = write!(b, "<th>({n})</th>");
    }
    b.push_str("</tr>");
}

fn cells(b: &mut String, def: &Definition, columns: &std::collections::BTreeMap<u16, CellValue>) {
    for n in def.leaf_columns() {
        match columns.get(&n) {
            Some(CellValue::Count(v)) => {
                let _ = write!(b, "<td class=\"n\">{v}</td>");
            }
            Some(CellValue::Amount(a)) => {
                let _ = write!(b, "<td class=\"n\">{}</td>", a.vi());
            }
            Some(CellValue::Text(t)) => {
                let _ = write!(b, "<td>{}</td>", esc(t));
            }
            None => b.push_str("<td></td>"),
        }
    }
}

fn render(
    user: &str,
    upstream: Option<&str>,
    asked: &Asked,
    report: Option<(&Definition, &DistrictReport)>,
    error: Option<&str>,
) -> String {
    let mut b = String::new();
    let unit = upstream.map(|u| format!(" — {}", esc(u))).unwrap_or_default();
    let _ = write!(
        b,
        "<header><h1>Tiếp Dân{unit} — Báo cáo định kỳ</h1><div><a href=\"/\">Theo dõi đồng bộ</a> · {} · \
         <form class=\"inline\" method=\"post\" action=\"/logout\"><button>Đăng xuất</button></form></div></header>",
        esc(user)
    );
    chooser(&mut b, asked);
    if let Some(e) = error {
        let _ = write!(b, "<p class=\"bad\">{}</p>", esc(e));
    }
    if let Some((def, report)) = report {
        let _ = write!(
            b,
            "<h2>Biểu số {}: {}</h2><p>{}<br>{} — {}</p>",
            esc(&def.form),
            esc(&def.title),
            esc(&report.period),
            esc(&format!(
                "(Số liệu tính từ ngày {} đến ngày {})",
                report.from.format("%d/%m/%Y"),
                report.to.format("%d/%m/%Y")
            )),
            esc(&def.circular)
        );
        if let Some(status) = &def.status {
            let _ = write!(b, "<p class=\"warn\">{}</p>", esc(status));
        }
        // The same choice again, so the worksheet names the period as the page does.
        let choice = match (&asked.choice.kind, asked.choice.year) {
            (Some(kind), Some(year)) => format!("period={}&amp;year={year}", esc(kind)),
            _ => format!("from={}&amp;to={}", report.from, report.to),
        };
        let ward = asked.ward.as_deref().map(|w| format!("&amp;ward={}", esc(w))).unwrap_or_default();
        let _ = write!(
            b,
            "<p><a href=\"/bao-cao.xlsx?form={}&amp;{choice}{ward}\">Tải về Excel (.xlsx)</a></p>",
            esc(&asked.form)
        );
        b.push_str("<table class=\"report\">");
        header(&mut b, def);
        for row in &report.rows {
            let _ = write!(b, "<tr><td>{} {}</td>", esc(&row.ward_code), esc(&row.ward_name));
            cells(&mut b, def, &row.columns);
            b.push_str("</tr>");
        }
        b.push_str("<tr class=\"total\"><th>Tổng cộng</th>");
        cells(&mut b, def, &report.total);
        b.push_str("</tr></table>");
    }
    shell("Tiếp Dân — Báo cáo định kỳ", &b, false)
}
