//! The archive of printed forms in the data folder: `prints/<year>/0042-2026-A-receipt-1.pdf`, one
//! file per job, named by receipt number, form and copy number. A file is created, never replaced:
//! if the name is taken (an earlier job of the same copy that failed) a suffix is added.
//!
//! The forms name citizens, so beside an encrypted register the archive is encrypted too
//! (`Register::protect_file`, bound to the job's receipt, form and copy) and named `….pdf.enc`; a
//! paper that names a sealed denouncer is sealed to the ward's seal key (`Register::seal_file`) and
//! named `….pdf.sealed`. The printer gets the PDF through a private temporary file removed once the
//! spooler has it.

use crate::error::PrintJobError;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_register::PrintForm;

/// The folder of the archive inside the data folder.
pub const PRINTS_DIR: &str = "prints";

/// The extension of an archived PDF kept as it is (beside a plain register).
pub(crate) const PLAIN: &str = "pdf";
/// … encrypted with the register.
pub(crate) const ENCRYPTED: &str = "pdf.enc";
/// … sealed to the seal key: it names a sealed denouncer.
pub(crate) const SEALED: &str = "pdf.sealed";

fn failed(path: &Path, source: std::io::Error) -> PrintJobError {
    PrintJobError::Archive { path: path.to_path_buf(), source }
}

/// What an archived file is bound to: it opens only as this job's form.
pub(crate) fn context(receipt: &ReceiptNo, form: PrintForm, copy: u32) -> String {
    format!("{receipt} {} {copy}", form.word())
}

/// Writes `pdf` (as `Register::protect_file` or `seal_file` made it) under a fresh name ending in
/// `ext` and returns its path relative to `data_dir` (with `/`).
pub(crate) fn store(
    data_dir: &Path,
    receipt: &ReceiptNo,
    form: PrintForm,
    copy: u32,
    pdf: &[u8],
    ext: &str,
) -> Result<String, PrintJobError> {
    let year = receipt.year.to_string();
    let folder = data_dir.join(PRINTS_DIR).join(&year);
    std::fs::create_dir_all(&folder).map_err(|e| failed(&folder, e))?;
    let stem = format!("{}-{}-{copy}", receipt.to_string().replace('/', "-"), form.word());
    let mut n = 1u32;
    loop {
        let name = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem}-{n}.{ext}") };
        let path = folder.join(&name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(pdf).and_then(|()| file.sync_all()).map_err(|e| failed(&path, e))?;
                return Ok(format!("{PRINTS_DIR}/{year}/{name}"));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(failed(&path, e)),
        }
    }
}

/// The absolute path of an archived PDF.
pub(crate) fn absolute(data_dir: &Path, relative: &str) -> PathBuf {
    relative.split('/').fold(data_dir.to_path_buf(), |p, part| p.join(part))
}
