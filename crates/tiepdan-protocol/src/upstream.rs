//! The upstream's name as ward staff see it. Districts were abolished on 01/07/2025: a ward reports
//! to whatever body its province set up ("UBND tỉnh Ninh Bình", "Ban Tiếp công dân tỉnh", …), so the
//! server's operator configures the name and every desk shows it instead of a level. One rule,
//! checked where the server reads its configuration and again where a desk receives it, so a
//! misconfigured or hostile server cannot put control characters or a page of text into the desk.

/// At most this many characters (the longest unit names in the administrative list are about 60).
pub const MAX_UPSTREAM_NAME_CHARS: usize = 120;

/// The name with its whitespace collapsed, if it is one a desk can show in a sentence.
pub fn upstream_name(raw: &str) -> Result<String, UpstreamNameError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(UpstreamNameError::Empty);
    }
    if name.chars().any(char::is_control) {
        return Err(UpstreamNameError::ControlCharacter);
    }
    if name.chars().count() > MAX_UPSTREAM_NAME_CHARS {
        return Err(UpstreamNameError::TooLong);
    }
    Ok(name)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UpstreamNameError {
    #[error("the upstream's name is empty / tên cơ quan cấp trên đang để trống")]
    Empty,
    #[error("the upstream's name contains a control character / tên cơ quan cấp trên có ký tự điều khiển")]
    ControlCharacter,
    #[error(
        "the upstream's name is longer than {MAX_UPSTREAM_NAME_CHARS} characters / tên cơ quan cấp trên dài quá {MAX_UPSTREAM_NAME_CHARS} ký tự"
    )]
    TooLong,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_province_body_s_name_is_kept_with_its_spaces_tidied() {
        assert_eq!(upstream_name("  UBND   tỉnh Ninh Bình ").unwrap(), "UBND tỉnh Ninh Bình");
        let longest = "Ban Tiếp công dân Ủy ban nhân dân thành phố Hồ Chí Minh";
        assert_eq!(upstream_name(longest).unwrap(), longest);
    }

    #[test]
    fn an_empty_a_control_character_or_an_overlong_name_is_refused() {
        assert_eq!(upstream_name(" \t "), Err(UpstreamNameError::Empty));
        assert_eq!(upstream_name("UBND\u{7}tỉnh"), Err(UpstreamNameError::ControlCharacter));
        assert_eq!(upstream_name(&"Ủ".repeat(MAX_UPSTREAM_NAME_CHARS)).unwrap().chars().count(), 120);
        assert_eq!(upstream_name(&"Ủ".repeat(MAX_UPSTREAM_NAME_CHARS + 1)), Err(UpstreamNameError::TooLong));
    }
}
