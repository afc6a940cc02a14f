//! What a user starts, in one place for the command line and the app: export a PDF, publish
//! (stamp, log and write the archive), check a project (what would stop its export, and where
//! its schedule stands), write a report. Jobs return values and messages; they never print or
//! exit — `cli` and `ui` say the results in their own way.

pub mod archive;
pub mod check;
pub mod county;
pub mod export;
pub mod export_all;
pub mod findings;
pub mod import;
pub mod output;
pub mod pictures;
pub mod publish;
pub mod report;

pub use archive::{
    Archive, ArchiveError, MANIFEST, PendingArchive, PictureNotCopied, PublicationError,
    archive_before_save, archive_dir, archive_incomplete, archive_problems, archive_publication,
    save_publication, write_archive,
};
pub use check::{
    CheckOutcome, ExportCheck, StatusTable, board_dates_lines, check_file, export_check,
    export_problems, status_table,
};
pub use county::{
    CountySummary, TownTotals, Unreadable, VillageRow, check_folder, county_document, summary_csv,
    summary_lines, summary_xlsx,
};
pub use export::{ExportError, Exported, export_project, file_name_for, placeholder_problems};
pub use findings::{
    Finding, FindingKind, FindingsMemo, NumberFix, Place, ProjectCheck, project_check_with,
    project_findings, project_findings_with,
};
pub use output::{OutputError, protected_files, write_output};
pub use pictures::{
    PictureError, PictureFormat, PicturesExported, export_pictures, picture_file_name,
};
pub use publish::{held_items, publish_project};
pub use report::{Report, ReportError, created_on, render_county_report, render_report};
