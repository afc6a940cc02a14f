//! gongkai — 公开栏设计器: lays out government-affairs disclosure boards (政务公开栏),
//! 表簿 registers and 明白卡 cards, and exports them as print-ready PDFs.
//!
//! Data flows down: `model` (the project file) → `layout` (pure, in mm) → the renderers
//! (`pdf`, and the egui canvas in `ui`). See `DESIGN.md` of the team for the rules.

pub mod catalog;
pub mod cli;
pub mod fonts;
pub mod images;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod schedule;
pub mod units;

#[cfg(feature = "gui")]
pub mod ui;
