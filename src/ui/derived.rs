//! What the app derives from the document, each part cached by the revision and by what else
//! it depends on, so that a frame without a change computes nothing and an edit recomputes
//! only the parts it can change:
//!
//! - the surface on the canvas laid out as it prints: by revision, surface, previewed
//!   household, folder and 查看日期 (the engine caches panels, so an edit lays out only the
//!   panels it touched; a card face lays out its one household, not the whole 名单);
//! - the picture status of image blocks: by the image blocks' paths and the folder (files are
//!   decoded when a picture is added, moved or changed on disk, never per frame or per edit);
//! - the schedule: by revision and 查看日期, once per change however many panels read it;
//! - the findings and the personal-number scan: [`super::checked`], on a worker thread.

use super::GongkaiApp;
use crate::images::ImageProblem;
use crate::layout::BoardLayout;
use crate::schedule::ItemSchedule;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;

/// What a surface's layout was made for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct SurfaceKey {
    revision: u64,
    board_id: String,
    /// A card face: the position of the household it shows.
    preview: Option<usize>,
    /// The project's folder, where relative picture paths start.
    base_dir: Option<PathBuf>,
    /// The day the footer's dates were worked out for (查看日期).
    view_day: NaiveDate,
    /// Grows when a picture changed on disk.
    pictures_generation: u64,
}

/// What the picture status was found for: each image block's item, title and path, the
/// folder, and the pictures generation (an edit that touches no picture decodes none again).
type PicturesKey = (Vec<(String, String, String)>, Option<PathBuf>, u64);

/// The schedule and the revision and 查看日期 it was worked out for.
type CachedSchedule = ((u64, NaiveDate), Arc<Vec<ItemSchedule>>);

/// The derived parts and what each was made for.
#[derive(Default)]
pub struct Derived {
    layout: Option<(SurfaceKey, BoardLayout)>,
    pictures: Option<(PicturesKey, Vec<ImageProblem>)>,
    pictures_generation: u64,
    schedule: RefCell<Option<CachedSchedule>>,
}

impl Derived {
    /// A picture changed on disk: layouts and the picture status are made again.
    pub fn pictures_changed(&mut self) {
        self.pictures_generation += 1;
    }
}

impl GongkaiApp {
    /// The current board (or card face) laid out as it will print, made again when the
    /// revision or what else it depends on changed.
    pub fn board_layout(&mut self) -> Option<&BoardLayout> {
        let board_id = self.current_board_id()?;
        let base_dir = self.project_dir();
        let preview = self
            .doc
            .project()
            .card_of_face(&board_id)
            .map(|(card, _)| self.preview_position(card));
        let key = SurfaceKey {
            revision: self.doc.revision(),
            board_id,
            preview,
            base_dir,
            view_day: self.view_day(),
            pictures_generation: self.derived.pictures_generation,
        };
        let stale = self
            .derived
            .layout
            .as_ref()
            .is_none_or(|(laid_out_for, _)| *laid_out_for != key);
        if stale {
            // A project opened or replaced, or a style naming another installed family: the
            // fonts are found again (only then; the check is a walk over the styles).
            self.layout_engine.use_project_fonts(self.doc.project());
            self.layout_engine.set_base_dir(key.base_dir.clone());
            // The canvas shows what the board will print: no 对内 items, the computed dates.
            let layout = match key.preview {
                Some(position) => crate::compose::cards::layout_face_as_printed(
                    &mut self.layout_engine,
                    self.doc.project(),
                    &key.board_id,
                    position,
                ),
                None => crate::compose::layout_as_printed(
                    &mut self.layout_engine,
                    self.doc.project(),
                    &key.board_id,
                    key.view_day,
                ),
            };
            self.refresh_picture_status(&key);
            match layout {
                Ok(layout) => self.derived.layout = Some((key, layout)),
                Err(error) => {
                    self.derived.layout = None;
                    self.warn(error.to_string());
                }
            }
        }
        self.last_layout()
    }

    fn refresh_picture_status(&mut self, surface: &SurfaceKey) {
        let pictures: Vec<(String, String, String)> = self
            .doc
            .project()
            .items
            .iter()
            .flat_map(|item| {
                item.blocks.iter().filter_map(|block| match block {
                    crate::model::Block::Image { path, .. } => {
                        Some((item.id.clone(), item.title.clone(), path.clone()))
                    }
                    _ => None,
                })
            })
            .collect();
        let key = (
            pictures,
            surface.base_dir.clone(),
            surface.pictures_generation,
        );
        if self
            .derived
            .pictures
            .as_ref()
            .is_some_and(|(checked_for, _)| *checked_for == key)
        {
            return;
        }
        let problems = crate::images::check_images(self.doc.project(), key.1.as_deref());
        self.derived.pictures = Some((key, problems));
    }

    /// The layout of the last frame, without laying out again.
    pub fn last_layout(&self) -> Option<&BoardLayout> {
        self.derived.layout.as_ref().map(|(_, layout)| layout)
    }

    /// Pictures of image blocks that cannot be used, as of the last layout.
    pub fn picture_problems(&self) -> &[ImageProblem] {
        self.derived
            .pictures
            .as_ref()
            .map_or(&[], |(_, problems)| problems.as_slice())
    }

    /// Personal numbers an external output would print in full, as of the last check.
    pub fn personal_data(&self) -> &[crate::compose::PersonalDataFinding] {
        &self.checked.shown().personal
    }

    /// The schedule of every item on the 查看日期 (today unless another day is chosen):
    /// worked out once per revision and day.
    pub fn schedule(&self) -> Arc<Vec<ItemSchedule>> {
        let key = (self.doc.revision(), self.view_day());
        let mut cached = self.derived.schedule.borrow_mut();
        if let Some((made_for, schedule)) = cached.as_ref()
            && *made_for == key
        {
            return Arc::clone(schedule);
        }
        let schedule = Arc::new(crate::schedule::project_schedule(self.doc.project(), key.1));
        *cached = Some((key, Arc::clone(&schedule)));
        schedule
    }

    /// Gives egui the installed faces of the project's font set when it changed (the canvas
    /// then draws the faces the layout measured and the PDF embeds).
    pub(super) fn sync_canvas_fonts(&mut self, ctx: &eframe::egui::Context) {
        let fonts = self.layout_engine.shared_fonts();
        let shown = self.canvas_fonts.as_ref();
        if shown.is_some_and(|shown| Arc::ptr_eq(shown, &fonts)) {
            return;
        }
        let had_installed = shown.is_some_and(|shown| shown.faces().count() > 4);
        if had_installed || fonts.faces().count() > 4 {
            ctx.set_fonts(super::fonts::font_definitions_for(&fonts));
        }
        self.canvas_fonts = Some(fonts);
    }
}
