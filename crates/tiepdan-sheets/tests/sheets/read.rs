//! Opening written bytes with calamine, as Excel or LibreOffice would open the file.

use calamine::{open_workbook_from_rs, Data, Dimensions, Range, Reader, Xlsx};
use std::io::Cursor;

pub struct Book {
    pub name: String,
    pub cells: Range<Data>,
    /// Merged ranges as (first row, first col, last row, last col), sorted.
    pub merged: Vec<(u32, u32, u32, u32)>,
}

pub fn read(bytes: &[u8]) -> Book {
    let mut xlsx: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a readable XLSX file");
    let names = xlsx.sheet_names();
    assert_eq!(names.len(), 1, "one worksheet, like one sheet of paper: {names:?}");
    let name = names[0].clone();
    let cells = xlsx.worksheet_range(&name).expect("the worksheet");
    let merged: Vec<Dimensions> = xlsx.merge_cells_by_sheet_name(&name).expect("merged ranges read");
    let mut merged: Vec<_> = merged.iter().map(|d| (d.start.0, d.start.1, d.end.0, d.end.1)).collect();
    merged.sort();
    Book { name, cells, merged }
}

impl Book {
    /// The text of a cell ("" for an empty one); panics on a number, which a text cell must not be.
    pub fn text(&self, row: u32, col: u32) -> String {
        match self.cells.get_value((row, col)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(other) => panic!("cell ({row}, {col}) should be text, is {other:?}"),
        }
    }

    /// Every text cell of the sheet, joined, to look for a line anywhere on it.
    pub fn all_text(&self) -> String {
        self.cells
            .used_cells()
            .filter_map(|(_, _, d)| match d {
                Data::String(s) => Some(s.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The row whose column `col` holds exactly `text`.
    pub fn row_of(&self, col: u32, text: &str) -> u32 {
        (0..self.cells.end().map_or(0, |e| e.0 + 1))
            .find(|r| matches!(self.cells.get_value((*r, col)), Some(Data::String(s)) if s == text))
            .unwrap_or_else(|| panic!("no cell {text:?} in column {col}"))
    }
}
