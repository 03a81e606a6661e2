//! A form's header tree placed on the sheet: each group cell spans its leaves' width on its own
//! row; a leaf spans from its level down to the last header row, so a leaf that sits higher than
//! the deepest level reaches the column numbers all the same; the unit heading spans every header
//! row. This is the form's own drawing of its header (`reports::definition::HeaderNode`).

use crate::layout::Span;
use rust_xlsxwriter::{ColNum, RowNum};
use tiepdan_domain::reports::definition::HeaderNode;

/// One header cell and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placed<'a> {
    pub span: Span,
    pub label: &'a str,
}

/// The cells of `nodes`, left to right from `first_col`, in header rows `top ..= top + depth - 1`.
pub(crate) fn place(nodes: &[HeaderNode], top: RowNum, first_col: ColNum, depth: usize) -> Vec<Placed<'_>> {
    let mut out = Vec::new();
    let last_row = top + depth.max(1) as RowNum - 1;
    let mut col = first_col;
    for node in nodes {
        place_node(node, top, col, last_row, &mut out);
        col += node.width() as ColNum;
    }
    out
}

fn place_node<'a>(
    node: &'a HeaderNode,
    row: RowNum,
    col: ColNum,
    last_row: RowNum,
    out: &mut Vec<Placed<'a>>,
) {
    if node.children.is_empty() {
        out.push(Placed {
            span: Span { first_row: row, first_col: col, last_row, last_col: col },
            label: &node.label,
        });
        return;
    }
    let last_col = col + node.width() as ColNum - 1;
    out.push(Placed { span: Span::row(row, (col, last_col)), label: &node.label });
    let mut c = col;
    for child in &node.children {
        place_node(child, row + 1, c, last_row, out);
        c += child.width() as ColNum;
    }
}
