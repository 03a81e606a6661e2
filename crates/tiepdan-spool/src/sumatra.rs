//! The SumatraPDF command line that prints silently through the Windows spooler. Kept apart from
//! the Windows-only code so its arguments are tested on every platform.

use crate::JobOptions;
use std::ffi::OsString;
use std::path::Path;

/// `SumatraPDF.exe -print-to "PRINTER" -print-settings "paper=A5,2x,fit" -silent -exit-when-done FILE`
pub(crate) fn args(printer: &str, pdf: &Path, options: &JobOptions) -> Vec<OsString> {
    let settings = format!("paper={},{}x,fit", options.media.name(), options.copies);
    vec![
        "-print-to".into(),
        printer.into(),
        "-print-settings".into(),
        settings.into(),
        "-silent".into(),
        "-exit-when-done".into(),
        pdf.as_os_str().to_owned(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Media;

    #[test]
    fn sumatra_prints_silently_to_the_named_printer_with_paper_and_copies() {
        let options = JobOptions { copies: 2, ..JobOptions::new(Media::A5) };
        let got = args("HP LaserJet P1102", Path::new(r"C:\TiepDan\in\0042.pdf"), &options);
        let got: Vec<String> = got.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(
            got,
            [
                "-print-to",
                "HP LaserJet P1102",
                "-print-settings",
                "paper=A5,2x,fit",
                "-silent",
                "-exit-when-done",
                r"C:\TiepDan\in\0042.pdf"
            ]
        );
    }
}
