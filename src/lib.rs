//! gongkai — 公开栏设计器: lays out government-affairs disclosure boards (政务公开栏),
//! 表簿 registers and 明白卡 cards, and exports them as print-ready PDFs.
//!
//! Data flows down: `model` (the project file) → `schedule` (dates and statuses, from the
//! model alone) and `layout` (pure, in mm) → `compose` (sheets for each output) → `pdf` (bytes)
//! and the egui canvas in `ui`. `jobs` holds what a user starts (export, publish, check,
//! report), used by both `cli` and `ui`. See `DESIGN.md` of the team for the rules.

pub mod catalog;
pub mod cli;
pub mod compose;
pub mod config;
pub mod fileio;
pub mod fonts;
pub mod images;
pub mod import;
pub mod jobs;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod privacy;
pub mod raster;
pub mod schedule;
pub mod text;
pub mod units;

#[cfg(feature = "gui")]
pub mod ui;
