//! Print-ready PDF export: `layout::Page`s → PDF, imposed for the print shop (the true-size
//! board), the office printer (tiles on A4/A3), the 表簿 register and N-up 明白卡.
//!
//! The writer never measures or breaks text: it draws each glyph where the layout put it.
//! Fonts are cut down to the used glyphs by [`subset`] before printpdf sees them.
//!
//! - [`export_project`]: project → PDF bytes for a mode ([`ExportRequest`]);
//! - [`impose`]: sheets for board / tiles / cards from laid-out pages;
//! - [`write_pdf`]: sheets → PDF bytes.

mod command;
mod export;
pub mod impose;
pub mod label;
pub mod subset;
mod writer;

pub use command::{ExportArgs, run_export};
pub use export::{
    BoardProblems, ExportError, ExportMode, ExportRequest, Exported, board_layout_problems,
    export_project, fill_placeholders, layout_as_printed, scale_instruction_zh,
};
pub use writer::{DocumentInfo, PdfError, Placement, Sheet, WriteOptions, write_pdf};
