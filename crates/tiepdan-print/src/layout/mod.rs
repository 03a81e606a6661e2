//! The small layout layer every form is drawn with: paper and margins, word wrap, a sheet that
//! flows text onto pages and breaks them, and a table whose header row repeats on every page.
//! Nothing here knows about visits or wards.

pub(crate) mod page;
pub(crate) mod sheet;
pub(crate) mod table;
pub(crate) mod wrap;

pub use page::Paper;
