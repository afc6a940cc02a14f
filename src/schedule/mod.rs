//! The disclosure schedule: when each item is due, whether it is late or stale, the dates on
//! a board's footer, 预公开 comment periods, 对内 items kept out of external exports, and 发布
//! (stamping 公开日期, the 台账 log and the archive).
//!
//! Everything takes "today" as an argument: nothing here reads the clock except
//! `cli::today_or_clock`. The rules for each cadence are documented in `cadence` and
//! `status`, working days in `workdays`, stages in `stage`; the A4 reports (自查情况表,
//! 公开目录) in `report`.

pub mod archive;
pub mod cadence;
pub mod cli;
pub mod dates;
pub mod footer;
pub mod publish;
pub mod report;
pub mod scope;
pub mod stage;
pub mod status;
pub mod workdays;

pub use archive::{
    Archive, ArchiveError, PictureNotCopied, archive_dir, archive_publication, write_archive,
};
pub use dates::format_date;
pub use footer::{FooterDates, board_footer_dates, footer_dates_text};
pub use publish::{PublishOutcome, needs_publication, publish};
pub use report::{Report, ReportDocument, ReportKind, render_report, report_document};
pub use scope::{ExternalView, LeftOut, external_view, left_out_message, split_external};
pub use stage::{comment_deadline, stage_lines};
pub use status::{
    ItemSchedule, Status, action_labels_zh, item_schedule, project_schedule, status_counts,
};
pub use workdays::{add_working_days, is_working_day};
