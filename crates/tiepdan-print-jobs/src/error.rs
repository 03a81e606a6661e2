//! What stops a print job from being made or sent again. A printer that is missing or stopped is
//! *not* here: that is a failed attempt recorded in the print log, not a failure of the call.

use std::path::PathBuf;
use tiepdan_print::PrintError;
use tiepdan_register::RegisterError;

#[derive(Debug, thiserror::Error)]
pub enum PrintJobError {
    #[error(transparent)]
    Register(#[from] RegisterError),
    /// The form cannot be drawn from this visit (e.g. a refusal notice for a visit not refused).
    #[error(transparent)]
    Form(#[from] PrintError),
    /// The PDF could not be written to, or read back from, the archive in the data folder.
    #[error("Không lưu được bản in vào {}: {source}", .path.display())]
    Archive { path: PathBuf, source: std::io::Error },
    /// The PDF could not be written to the file the user chose.
    #[error("Không ghi được tệp {}: {source}", .path.display())]
    Export { path: PathBuf, source: std::io::Error },
    /// A retry of a job that has already printed: ask for a reprint instead.
    #[error("Lệnh in số {job} đã in xong; muốn in thêm hãy dùng \"In lại\".")]
    AlreadyPrinted { job: i64 },
    /// A retry of a failed job after another job printed the same copy of that form.
    #[error("Lệnh in số {job} đã được thay bằng một lần in khác của cùng biểu mẫu; muốn in thêm hãy dùng \"In lại\".")]
    Superseded { job: i64 },
    /// A retry of a job whose paper names a sealed denouncer by someone who may not name them now
    /// (another officer, or the same one after the screen locked).
    #[error("Lệnh in số {job} ghi tên người tố cáo; chỉ lãnh đạo hoặc cán bộ đã tiếp nhận (trước khi khóa màn hình) mới gửi lại được. Hãy dùng \"In lại\" để in bản che tên.")]
    NamesDenouncer { job: i64 },
    /// The options stored with a job cannot be read back (written by another version).
    #[error("Không đọc được thông tin biểu mẫu của lệnh in số {job}: {detail}")]
    Options { job: i64, detail: String },
}

impl PrintJobError {
    /// A stable code for shells to branch on; register errors keep their own mapping.
    pub fn code(&self) -> &'static str {
        match self {
            PrintJobError::Register(_) => "register",
            PrintJobError::Form(e) => e.code(),
            PrintJobError::Archive { .. } => "print_archive_failed",
            PrintJobError::Export { .. } => "print_export_failed",
            PrintJobError::AlreadyPrinted { .. } => "print_already_printed",
            PrintJobError::Superseded { .. } => "print_superseded",
            PrintJobError::NamesDenouncer { .. } => "print_names_denouncer",
            PrintJobError::Options { .. } => "print_options_unreadable",
        }
    }
}
