//! What can go wrong while drawing a form, in the terms a caller can act on.

/// A form could not be drawn. Rendering is pure, so these are faults in the input or the build,
/// never in a printer or a disk.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    /// An embedded font could not be parsed: the binary was built with a broken font file.
    #[error("phông chữ nhúng {0} không đọc được")]
    FontUnreadable(&'static str),
    /// The visit lacks what this form is about (e.g. a refusal notice for a visit with no refusal).
    #[error("lượt tiếp không có {0} nên không in được biểu mẫu này")]
    MissingData(&'static str),
    /// The input asks for something the form cannot hold (e.g. zero copies).
    #[error("dữ liệu in không hợp lệ: {0}")]
    Invalid(String),
}

impl PrintError {
    /// A stable code for the UI to branch on (never on the message).
    pub fn code(&self) -> &'static str {
        match self {
            PrintError::FontUnreadable(_) => "font_unreadable",
            PrintError::MissingData(_) => "form_data_missing",
            PrintError::Invalid(_) => "form_input_invalid",
        }
    }
}
