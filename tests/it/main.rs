//! The integration tests: one crate (one binary to link), a module per area, shared helpers
//! once in `support`.

// The one lopdf of the build: printpdf's, read back under its own name.
extern crate printpdf_lopdf as lopdf;

#[cfg(feature = "gui")]
mod app_core;
mod architecture;
mod calendar_year;
#[cfg(feature = "gui")]
mod cards_designer;
mod cli;
mod county;
#[cfg(feature = "gui")]
mod designer;
mod export_scope;
mod fault;
mod fonts_gbk;
mod guard;
mod hardening;
mod import;
mod installed_fonts;
mod layout;
mod layout_props;
mod mutate;
mod one_findings;
mod own_project;
mod packaging;
mod parts;
mod pdf_cli;
mod pdf_export;
mod pdf_images;
mod pdf_impose;
mod pdf_scale;
mod pdf_writer;
mod pictures;
mod privacy;
mod privacy_gate;
#[cfg(feature = "gui")]
mod privacy_ui;
mod project_file;
mod schedule_publish;
mod schedule_report;
mod schedule_status;
mod setup;
mod support;
mod tables;
