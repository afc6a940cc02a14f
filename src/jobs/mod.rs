//! What a user starts, in one place for the command line and the app: export a PDF, publish
//! (stamp, log and write the archive), check a project (what would stop its export, and where
//! its schedule stands), write a report. Jobs return values and messages; they never print or
//! exit — `cli` and `ui` say the results in their own way.

pub mod archive;
pub mod check;
pub mod export;
pub mod report;

pub use archive::{
    Archive, ArchiveError, PictureNotCopied, archive_dir, archive_publication, write_archive,
};
pub use check::{
    CheckOutcome, ExportCheck, StatusTable, check_file, export_check, export_problems, status_table,
};
pub use export::{ExportError, Exported, export_project};
pub use report::{Report, ReportError, created_on, render_report};
