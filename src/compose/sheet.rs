//! What composition hands the PDF writer: sheets (one output page each, with its print boxes)
//! holding laid-out `layout::Page`s placed at an origin and scale, and the document's metadata.
//! The writer draws exactly this; every decision about what goes where is made before.

use crate::layout::{FrameItem, Page, PointMm, TextRun};
use crate::model::{RectMm, SizeMm};
use std::rc::Rc;

/// Document metadata: title = the board's name, author = 单位名称.
#[derive(Clone, Debug, Default)]
pub struct DocumentInfo {
    pub title: String,
    pub author: String,
    /// Left out of the file when empty (e.g. "按 1:2 缩小，请放大 2 倍输出").
    pub subject: String,
    /// Left out of the file when empty.
    pub keywords: String,
    /// The creation date written into the file. Fix it to make output byte-identical.
    pub created: chrono::DateTime<chrono::FixedOffset>,
}

/// One output PDF page: its size, the print boxes, and the pages placed on it.
#[derive(Clone, Debug)]
pub struct Sheet {
    /// The MediaBox.
    pub size_mm: SizeMm,
    /// The finished size (TrimBox), in sheet coordinates (mm from the top-left, y down).
    pub trim_mm: Option<RectMm>,
    /// The BleedBox, in sheet coordinates.
    pub bleed_mm: Option<RectMm>,
    /// Drawn in order.
    pub placements: Vec<Placement>,
}

impl Sheet {
    /// A sheet of `size_mm` with nothing on it.
    pub fn new(size_mm: SizeMm) -> Sheet {
        Sheet {
            size_mm,
            trim_mm: None,
            bleed_mm: None,
            placements: Vec::new(),
        }
    }

    /// Every text run on the sheet in drawing order (for tests and text checks).
    pub fn text_runs(&self) -> impl Iterator<Item = &TextRun> {
        self.placements
            .iter()
            .flat_map(|placement| page_text_runs(&placement.page))
    }
}

/// Every text run of a page in drawing order.
pub fn page_text_runs(page: &Page) -> impl Iterator<Item = &TextRun> {
    page.items.iter().filter_map(|(_, item)| match item {
        FrameItem::Text(run) => Some(run),
        _ => None,
    })
}

/// Each page placed on the sheets, once, in order of first placement: a board on the overview
/// and 60 tiles is one page.
pub fn distinct_pages(sheets: &[Sheet]) -> Vec<&Rc<Page>> {
    let mut seen = std::collections::HashSet::new();
    sheets
        .iter()
        .flat_map(|sheet| &sheet.placements)
        .map(|placement| &placement.page)
        .filter(|page| seen.insert(Rc::as_ptr(page)))
        .collect()
}

/// A page drawn on a sheet: page point p lands at `origin_mm + scale · p`, clipped to `clip_mm`
/// (sheet coordinates) when given.
#[derive(Clone, Debug)]
pub struct Placement {
    pub page: Rc<Page>,
    pub origin_mm: PointMm,
    pub scale: f32,
    pub clip_mm: Option<RectMm>,
}

impl Placement {
    /// The page at the sheet's top-left corner, at 100 %.
    pub fn at(page: Rc<Page>, origin_mm: PointMm) -> Placement {
        Placement {
            page,
            origin_mm,
            scale: 1.0,
            clip_mm: None,
        }
    }
}

/// The text lines of each sheet, each placed page's lines kept once (a board on 989 tiles is
/// one list, not 989 copies of its text).
#[derive(Clone, Debug, Default)]
pub struct SheetLines {
    sheets: Vec<Vec<std::sync::Arc<[String]>>>,
}

impl SheetLines {
    pub fn of(sheets: &[Sheet]) -> SheetLines {
        let mut lines = SheetLines::default();
        lines.extend(sheets);
        lines
    }

    /// Adds the lines of the next sheets (a batch of them, see `compose_export_in_batches`).
    pub fn extend(&mut self, sheets: &[Sheet]) {
        let mut shared: std::collections::HashMap<*const Page, std::sync::Arc<[String]>> =
            std::collections::HashMap::new();
        for sheet in sheets {
            let pieces = sheet
                .placements
                .iter()
                .map(|placement| {
                    let lines = shared
                        .entry(Rc::as_ptr(&placement.page))
                        .or_insert_with(|| {
                            page_text_runs(&placement.page)
                                .map(|run| run.text.clone())
                                .collect()
                        });
                    std::sync::Arc::clone(lines)
                })
                .collect();
            self.sheets.push(pieces);
        }
    }

    /// The text lines of each sheet in order (for tests and checks).
    pub fn page_lines(&self) -> Vec<Vec<String>> {
        self.sheets
            .iter()
            .map(|pieces| {
                pieces
                    .iter()
                    .flat_map(|lines| lines.iter().cloned())
                    .collect()
            })
            .collect()
    }
}

/// The text lines of each sheet in order (for tests and checks).
pub fn page_lines(sheets: &[Sheet]) -> Vec<Vec<String>> {
    SheetLines::of(sheets).page_lines()
}
