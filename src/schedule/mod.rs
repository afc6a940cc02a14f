//! The disclosure schedule, from the model alone (no layout, no PDF, no command line): when each
//! item is due, whether it is late or stale, the dates on a board's footer, 预公开 comment
//! periods, 对内 items kept out of external exports, 发布 (stamping 公开日期 and the 台账 log),
//! and the 自查情况表 / 公开目录 as documents.
//!
//! Everything takes "today" as an argument: nothing here reads the clock. The rules for each
//! cadence are documented in `cadence` and `status`, working days in `workdays`, stages in
//! `stage`; the report documents in `documents` (laid out by `compose::report`). Writing the
//! archive of a publication is a job (`jobs::archive`).

pub mod cadence;
pub mod dates;
pub mod documents;
pub mod footer;
pub mod period;
pub mod publish;
pub mod scope;
pub mod stage;
pub mod status;
pub mod workdays;

pub use dates::format_date;
pub use documents::{
    BarChart, ReportDocument, ReportKind, SelfCheckRow, catalog_document, entries_without_content,
    report_document, responsible_of, row_counts, self_check_document, self_check_document_for,
    self_check_rows,
};
pub use footer::{FooterDates, board_footer_dates, footer_dates_text, next_issue_date};
pub use period::{Period, Publication, parse_period, publications_in};
pub use publish::{
    Held, PublishDay, PublishOutcome, PublishPlan, needs_publication, plan_publication, publish,
    publish_confirmed, publish_holding, publish_on,
};
pub use scope::{ExternalView, LeftOut, external_view, left_out_message, split_external};
pub use stage::{
    DRAFT_LABEL, comment_deadline, printed_title, stage_lines, stage_pairs, stage_summary,
};
pub use status::{
    ItemSchedule, Status, action_labels_zh, disclosure_start, first_publication_due, item_schedule,
    project_schedule, status_counts,
};
pub use workdays::{add_working_days, is_working_day};
