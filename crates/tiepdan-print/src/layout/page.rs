//! Paper sizes and the margins of Nghị định 30/2020/NĐ-CP (Phụ lục I): top and bottom 20–25 mm,
//! left 30–35 mm (the binding edge), right 15–20 mm. We take the low end of each range so an A5
//! slip keeps a usable text width; the values hold for every orientation.

/// The paper a form is printed on. A4 is the default for everything handed out: only A4 holds the
/// sizes ND 30/2020 sets (13 pt body, 12 pt motto); A5 is a compact option (`docs/forms.md`,
/// "Paper"). The register book is always A4 landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Paper {
    #[default]
    A4,
    A5,
}

impl Paper {
    /// The `media=` name the print spooler expects.
    pub fn media_name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A5 => "A5",
        }
    }
}

pub(crate) const MM: f32 = 72.0 / 25.4;

/// A page's size and its writable area, in points (1/72 inch), origin top-left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Geometry {
    pub width_mm: f32,
    pub height_mm: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Geometry {
    fn with_size(width_mm: f32, height_mm: f32) -> Geometry {
        Geometry { width_mm, height_mm, top: 20.0 * MM, bottom: 20.0 * MM, left: 30.0 * MM, right: 15.0 * MM }
    }

    pub fn portrait(paper: Paper) -> Geometry {
        match paper {
            Paper::A4 => Geometry::with_size(210.0, 297.0),
            Paper::A5 => Geometry::with_size(148.0, 210.0),
        }
    }

    pub fn a4_landscape() -> Geometry {
        Geometry::with_size(297.0, 210.0)
    }

    pub fn page_width(&self) -> f32 {
        self.width_mm * MM
    }

    pub fn page_height(&self) -> f32 {
        self.height_mm * MM
    }

    /// Width between the left and right margins.
    pub fn text_width(&self) -> f32 {
        self.page_width() - self.left - self.right
    }

    /// The lowest a line's box may reach, measured from the top edge.
    pub fn floor(&self) -> f32 {
        self.page_height() - self.bottom
    }
}
