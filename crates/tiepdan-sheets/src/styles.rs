//! The few cell formats every sheet uses, made once per workbook and borrowed by every cell:
//! Times New Roman throughout (Nghị định 30/2020), thin borders inside the table, text wrapped in
//! its column. Building a `Format` per cell would cost a hash per cell for nothing.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

const FONT: &str = "Times New Roman";

pub(crate) struct Styles {
    /// The governing body above the issuer, the motto's second line's size.
    pub plain_centre: Format,
    pub bold_centre: Format,
    pub italic_centre: Format,
    pub bold_right: Format,
    pub italic_right: Format,
    /// The title.
    pub title: Format,
    /// A header cell of the table: bold, centred both ways, wrapped, bordered.
    pub head: Format,
    /// The "(1)", "(2)" row.
    pub number_head: Format,
    /// Table cells.
    pub count: Format,
    pub count_bold: Format,
    pub text: Format,
    pub text_bold: Format,
    pub text_centre: Format,
    pub date: Format,
}

fn base(size: u16) -> Format {
    Format::new().set_font_name(FONT).set_font_size(size)
}

fn cell(size: u16) -> Format {
    base(size).set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top)
}

impl Styles {
    /// `size` is the table's text size; the letterhead and title are set a little larger.
    pub fn new(size: u16) -> Styles {
        let head_size = size + 1;
        let centre = |f: Format| f.set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
        Styles {
            plain_centre: centre(base(head_size)),
            bold_centre: centre(base(head_size).set_bold()),
            italic_centre: centre(base(head_size).set_italic()),
            bold_right: base(head_size).set_bold().set_align(FormatAlign::Right),
            italic_right: base(size).set_italic().set_align(FormatAlign::Right),
            title: centre(base(head_size + 1).set_bold()),
            head: centre(base(size).set_bold().set_border(FormatBorder::Thin).set_text_wrap()),
            number_head: centre(base(size).set_italic().set_border(FormatBorder::Thin)),
            count: cell(size).set_align(FormatAlign::Center),
            count_bold: cell(size).set_align(FormatAlign::Center).set_bold(),
            text: cell(size),
            text_bold: cell(size).set_bold(),
            text_centre: cell(size).set_align(FormatAlign::Center),
            date: cell(size).set_align(FormatAlign::Center).set_num_format("dd/mm/yyyy"),
        }
    }
}
