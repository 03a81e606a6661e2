//! What can go wrong between a finished PDF and the printer, with the message the clerk sees.
//! A failed print never undoes a registration: every variant is recoverable by fixing the printer
//! or the setting and printing again.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpoolError {
    /// No printer was chosen in Settings and the computer has no default printer.
    #[error("Chưa chọn máy in và máy tính chưa có máy in mặc định. Hãy chọn máy in trong phần Cài đặt.")]
    NoDefaultPrinter,
    /// The chosen printer does not exist (renamed, removed, or never installed on this computer).
    #[error(
        "Không tìm thấy máy in \"{name}\". Hãy kiểm tra tên máy in trong phần Cài đặt và kết nối của máy in."
    )]
    PrinterNotFound { name: String },
    /// The printer exists but is paused, disabled or refusing jobs.
    #[error("Máy in \"{name}\" đang tạm dừng hoặc không nhận lệnh in{}. Hãy bật lại máy in rồi in lại.", reason_suffix(.reason))]
    PrinterStopped { name: String, reason: String },
    /// The operating system's print service is not installed or not running. The tool's own words
    /// (`detail`, e.g. "lpstat: Scheduler is not running") are for the log, never for the clerk: the
    /// message is one Vietnamese sentence, the same in Settings and after F9.
    #[error("Máy tính chưa sẵn sàng in: dịch vụ in của hệ điều hành không chạy. Hãy khởi động lại máy tính (hoặc nhờ cán bộ tin học bật dịch vụ in) rồi in lại.")]
    SpoolerUnavailable { detail: String },
    /// The spooler refused the job for a reason of its own.
    #[error("Máy in \"{name}\" từ chối lệnh in: {detail}")]
    Rejected { name: String, detail: String },
    /// The PDF to print is missing or unreadable.
    #[error("Không đọc được tệp cần in: {}", .path.display())]
    FileUnreadable { path: PathBuf },
}

fn reason_suffix(reason: &str) -> String {
    if reason.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", reason.trim())
    }
}

impl SpoolError {
    /// A stable code for the UI to branch on (never on the message).
    pub fn code(&self) -> &'static str {
        match self {
            SpoolError::NoDefaultPrinter => "no_default_printer",
            SpoolError::PrinterNotFound { .. } => "printer_not_found",
            SpoolError::PrinterStopped { .. } => "printer_stopped",
            SpoolError::SpoolerUnavailable { .. } => "spooler_unavailable",
            SpoolError::Rejected { .. } => "print_rejected",
            SpoolError::FileUnreadable { .. } => "file_unreadable",
        }
    }
}
