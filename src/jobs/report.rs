//! The report job: a report document (`schedule::documents`) → pages (`compose::report`) →
//! PDF bytes.

use crate::compose::{DocumentInfo, Gate, page_lines, report_sheets};
use crate::layout::LayoutEngine;
use crate::model::Project;
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
    /// Personal numbers would print in full: never written.
    #[error("{}", crate::jobs::export::personal_data_message(.0))]
    PersonalData(Vec<String>),
}

/// The places a report prints that may hold a personal number: the unit's details, the catalog
/// and the items' titles. Anything else on its pages (the 台账's lines) the gate reads there.
fn report_findings(project: &Project) -> Vec<crate::compose::PersonalDataFinding> {
    let printed = crate::compose::printed_view(project).project;
    let mut findings = crate::compose::privacy::unit_findings(&printed, project);
    findings.extend(crate::compose::privacy::catalog_findings(&printed, project));
    findings.extend(crate::compose::privacy::item_title_findings(
        &printed, project, false,
    ));
    findings
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
    project: &Project,
    document: &ReportDocument,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Report, ReportError> {
    let gate = Gate::public(project, report_findings(project));
    render_through(engine, gate, document, created)
}

/// Lays out and writes a report of no one project (the county's 通报): through the same gate,
/// which reads every text on its pages for personal numbers, with the default masking rules.
pub fn render_county_report(
    engine: &mut LayoutEngine,
    document: &ReportDocument,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Report, ReportError> {
    let gate = Gate::public(&Project::default(), Vec::new());
    render_through(engine, gate, document, created)
}

fn render_through(
    engine: &mut LayoutEngine,
    mut gate: Gate,
    document: &ReportDocument,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Report, ReportError> {
    let laid = report_sheets(engine, document);
    let pages = laid.sheets.len();
    let lines = page_lines(&laid.sheets);
    let sheets = gate.pass(laid.sheets);
    let info = DocumentInfo {
        title: document.title.clone(),
        author: document.header_left.clone(),
        created,
        ..DocumentInfo::default()
    };
    let cleared = gate
        .clear(info)
        .map_err(|refusal| ReportError::PersonalData(refusal.places))?;
    let bytes = write_pdf(engine.fonts(), &sheets, &cleared, &WriteOptions::default())?;
    Ok(Report {
        bytes,
        pages,
        landscape: laid.landscape,
        page_lines: lines,
        problems: laid.problems,
    })
}
