//! Reading what CUPS's command-line tools print. The tools run under `LC_ALL=C`, so the English
//! wording below is stable; these parsers are pure so they are tested on canned output.

use crate::{Printer, PrinterState, SpoolError};

/// `lpstat -d`: "system default destination: NAME" or "no system default destination".
pub(crate) fn default_destination(out: &str) -> Option<String> {
    out.lines()
        .find_map(|l| l.trim().strip_prefix("system default destination:"))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
}

/// `lpstat -p` and `lpstat -a` output to printers. A printer is stopped if it is disabled or not
/// accepting requests; the indented line after either says why.
pub(crate) fn printers(status: &str, accepting: &str, default: Option<&str>) -> Vec<Printer> {
    let mut out: Vec<Printer> = Vec::new();
    let mut lines = status.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("printer ") else { continue };
        let Some((name, state)) = rest.split_once(' ') else { continue };
        let state = if state.starts_with("disabled") {
            PrinterState::Stopped(reason(&mut lines))
        } else if state.starts_with("now printing") {
            PrinterState::Printing
        } else {
            PrinterState::Ready
        };
        let is_default = default.is_some_and(|d| d.eq_ignore_ascii_case(name));
        out.push(Printer { name: name.to_string(), is_default, state });
    }
    let mut lines = accepting.lines().peekable();
    while let Some(line) = lines.next() {
        let Some((name, state)) = line.split_once(' ') else { continue };
        if state.starts_with("not accepting") {
            let why = reason(&mut lines);
            if let Some(p) = out.iter_mut().find(|p| p.name == name) {
                if !matches!(p.state, PrinterState::Stopped(_)) {
                    p.state = PrinterState::Stopped(why);
                }
            }
        }
    }
    out
}

/// The indented reason lines that follow a state line.
fn reason<'a>(lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>) -> String {
    let mut why = Vec::new();
    while let Some(next) = lines.peek() {
        if !next.starts_with(char::is_whitespace) {
            break;
        }
        let text = next.trim();
        if !text.is_empty() && text != "reason unknown" {
            why.push(text.to_string());
        }
        lines.next();
    }
    why.join("; ")
}

/// `lp`: "request id is NAME-12 (1 file(s))".
pub(crate) fn job_id(out: &str) -> Option<String> {
    out.lines()
        .find_map(|l| l.trim().strip_prefix("request id is "))
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_string)
}

/// Whether a tool's error says the scheduler itself is unreachable.
pub(crate) fn scheduler_down(stderr: &str) -> bool {
    let s = stderr.to_ascii_lowercase();
    s.contains("unable to connect")
        || s.contains("scheduler is not running")
        || s.contains("connection refused")
}

/// Maps `lp`'s complaint about printer `name` to the error the clerk should see.
pub(crate) fn lp_error(name: &str, stderr: &str) -> SpoolError {
    let s = stderr.to_ascii_lowercase();
    let name = name.to_string();
    if scheduler_down(stderr) {
        SpoolError::SpoolerUnavailable { detail: stderr.trim().to_string() }
    } else if s.contains("does not exist") || s.contains("unknown destination") || s.contains("not found") {
        SpoolError::PrinterNotFound { name }
    } else if s.contains("not accepting") || s.contains("disabled") || s.contains("paused") {
        SpoolError::PrinterStopped { name, reason: String::new() }
    } else {
        SpoolError::Rejected { name, detail: stderr.trim().to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATUS: &str = "printer Office is idle.  enabled since Wed 25 Nov 2026 09:00:00 AM\n\
printer TiepDanTest now printing TiepDanTest-3.  enabled since Wed 25 Nov 2026 09:01:00 AM\n\
printer Broken disabled since Wed 25 Nov 2026 09:02:00 AM -\n\
\tPaused by the clerk\n";
    const ACCEPTING: &str = "Office not accepting requests since Wed 25 Nov 2026 09:03:00 AM -\n\
\tOut of paper\n\
TiepDanTest accepting requests since Wed 25 Nov 2026 09:01:00 AM\n\
Broken accepting requests since Wed 25 Nov 2026 09:02:00 AM\n";

    #[test]
    fn lpstat_output_gives_each_printer_its_state_and_the_default() {
        let got = printers(
            STATUS,
            ACCEPTING,
            default_destination("system default destination: TiepDanTest").as_deref(),
        );
        let summary: Vec<(&str, bool, PrinterState)> =
            got.iter().map(|p| (p.name.as_str(), p.is_default, p.state.clone())).collect();
        assert_eq!(
            summary,
            [
                ("Office", false, PrinterState::Stopped("Out of paper".into())),
                ("TiepDanTest", true, PrinterState::Printing),
                ("Broken", false, PrinterState::Stopped("Paused by the clerk".into())),
            ]
        );
        assert_eq!(default_destination("no system default destination\n"), None);
    }

    #[test]
    fn lp_answers_give_the_job_id_or_a_typed_error() {
        assert_eq!(job_id("request id is TiepDanTest-12 (1 file(s))\n").as_deref(), Some("TiepDanTest-12"));
        assert_eq!(
            lp_error("X", "lp: The printer or class does not exist.\n"),
            SpoolError::PrinterNotFound { name: "X".into() }
        );
        assert!(matches!(
            lp_error("X", "lp: Destination \"X\" is not accepting jobs.\n"),
            SpoolError::PrinterStopped { .. }
        ));
        assert!(matches!(
            lp_error("X", "lp: Unable to connect to server: Connection refused\n"),
            SpoolError::SpoolerUnavailable { .. }
        ));
    }
}
