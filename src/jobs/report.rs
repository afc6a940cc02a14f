//! The report job: a report document (`schedule::documents`) → pages (`compose::report`) →
//! PDF bytes.

use crate::compose::{DocumentInfo, page_lines, report_sheets};
use crate::layout::LayoutEngine;
use crate::pdf::{PdfError, WriteOptions, write_pdf};
use crate::schedule::ReportDocument;
use chrono::NaiveDate;

/// A finished report.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub landscape: bool,
    /// The text lines of each page in order (for tests).
    pub page_lines: Vec<Vec<String>>,
    /// Characters no font has: the PDF shows a box for them.
    pub problems: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}")]
    Pdf(#[from] PdfError),
}

/// The PDF creation date of a report made "on" `day` (midnight), so the same day gives the
/// same file.
pub fn created_on(day: NaiveDate) -> chrono::DateTime<chrono::FixedOffset> {
    day.and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .fixed_offset()
}

/// Lays out and writes a report; `created` goes into the PDF's metadata.
pub fn render_report(
    engine: &mut LayoutEngine,
    document: &ReportDocument,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Report, ReportError> {
    let laid = report_sheets(engine, document);
    let options = WriteOptions {
        info: DocumentInfo {
            title: document.title.clone(),
            author: document.header_left.clone(),
            created,
            ..DocumentInfo::default()
        },
        cmyk_black: false,
    };
    let bytes = write_pdf(engine.fonts(), &laid.sheets, &options)?;
    Ok(Report {
        bytes,
        pages: laid.sheets.len(),
        landscape: laid.landscape,
        page_lines: page_lines(&laid.sheets),
        problems: laid.problems,
    })
}
