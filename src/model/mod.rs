//! The project model: what a `.gongkai.json` file holds.
//!
//! A [`Project`] has the unit's details ([`Meta`]), schedule [`Settings`], the disclosure
//! [`Catalog`] (目录: 方面 → 事项 with the 标准目录 fields), the disclosed [`Item`]s with their
//! content blocks, the physical [`Board`]s whose [`Panel`]s show items, the 明白卡
//! [`CardDesign`]s and a change [`LogEntry`] list.
//!
//! Items live once in `Project::items` and are referenced by id from panels (and later from
//! registers and cards), so the same disclosed content feeds every form of output.
//! All lengths are millimetres (`_mm`), font sizes points (`_pt`), distances metres (`_m`).
//! Every field added after format version 1 must carry `#[serde(default)]`.

mod board;
mod calendar;
mod card;
mod catalog;
mod edit;
mod fingerprint;
mod geometry;
mod history;
mod io;
mod item;
mod location;
mod log;
mod migrate;
mod parts;
mod privacy;
mod project;
mod source;
mod style;
mod unit_fields;
mod validate;

pub use board::{Board, BoardFooter, BoardHeader, FitMode, Panel};
pub use calendar::{SHIPPED_NOTE_ZH, shipped_holidays, shipped_makeup_workdays};
pub use card::{
    CARD_READING_DISTANCE_M, CardDesign, CardFaces, CardRecord, CardSide, CardStyle, PastedRecords,
    RecordView, Records, band_height_mm, blank_face, body_pt_for, face_theme, records_from_rows,
    scale_panel_rect,
};
pub use catalog::{
    Audience, Cadence, Catalog, CatalogCategory, CatalogEntry, Channel, DirectoryFields,
    DisclosureMode, Scope,
};
pub use edit::{Edit, EditError};
pub use geometry::{MarginsMm, RectMm, SizeMm};
pub use history::History;
pub use io::{
    LoadError, LoadErrorKind, SaveError, io_error_zh, load_project, parse_project, save_project,
    write_atomically,
};
pub use item::{
    Block, ColumnKind, Disclosure, FlowStep, Flowchart, Item, KeyValue, Stage, Table,
    is_total_label,
};
pub use location::location_zh;
pub use log::{LogEntry, LogKind};
pub use migrate::migrate;
pub use parts::{
    Bar, BoardParts, MAX_BAR_MM, MAX_PART_COLUMNS, MAX_PART_ROWS, Part, resize_with_panels,
};
pub use privacy::{AllowedNumber, MaskRule, PrivacySettings};
pub use project::{
    DEFAULT_RESULT_DUE_DAYS, DateStyle, FORMAT_NAME, FORMAT_VERSION, Meta, MonthDay, Project,
    SampleMarks, Settings,
};
pub use source::{DataSource, SourceTarget};
pub use style::{FontFamily, Rgb, TextStyle, Theme};
pub use unit_fields::{
    PLACEHOLDER, PlaceholderPlace, SAMPLE_UNIT_SHORT_NAME, UNIT_FIELDS, fill_fields_with,
    placeholder_places,
};
pub use validate::{Finding, Severity, check_project, limits, overlapping_panels, panel_name_zh};
