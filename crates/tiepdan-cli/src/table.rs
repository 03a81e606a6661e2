//! Plain-text tables and the Vietnamese date format (dd/mm/yyyy) for human output. Widths count
//! characters, not bytes, so Vietnamese names line up (the register stores NFC text).

use chrono::{DateTime, FixedOffset, NaiveDate};
use tiepdan_domain::clock::vietnam_offset;

/// Prints rows under a header, each column as wide as its widest cell.
pub fn print(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

/// A cell no longer than `max` characters, with an ellipsis when cut; newlines become spaces.
pub fn clip(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        format!("{}…", flat.chars().take(max.saturating_sub(1)).collect::<String>())
    }
}

/// `25/11/2026 09:15`, at the ward's time (UTC+7).
pub fn date_time(at: &DateTime<FixedOffset>) -> String {
    at.with_timezone(&vietnam_offset()).format("%d/%m/%Y %H:%M").to_string()
}

/// `25/11/2026`.
pub fn date(day: &NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}
