//! A picture that cannot be used prints as a grey frame with a cross and 「图片无法读取」, so the
//! gap is obvious on the print. Composition decides it ([`put_placeholders`], before the
//! privacy gate); the PDF writer and the phone pictures draw what they are given, and the
//! designer's canvas draws the same items ([`placeholder_items`]) for a picture it cannot show.

use super::Sheet;
use crate::fonts::{FaceId, FontSet};
use crate::layout::{FrameItem, Page, PointMm, Stroke};
use crate::model::{Rgb, SizeMm};
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

/// What the placeholder says.
pub const PLACEHOLDER_TEXT: &str = "图片无法读取";

/// Replaces, on every placed page, each picture `unusable` names by its placeholder. A page
/// placed several times (a board on its tiles, a card back on its sheet) is replaced once, so
/// that it stays one page (one form in the PDF).
pub fn put_placeholders(fonts: &FontSet, sheets: &mut [Sheet], unusable: &dyn Fn(&Path) -> bool) {
    let is_unusable =
        |item: &FrameItem| matches!(item, FrameItem::Image { path, .. } if unusable(path));
    let mut replaced: HashMap<*const Page, Rc<Page>> = HashMap::new();
    for placement in sheets
        .iter_mut()
        .flat_map(|sheet| sheet.placements.iter_mut())
    {
        if !placement
            .page
            .items
            .iter()
            .any(|(_, item)| is_unusable(item))
        {
            continue;
        }
        let page = replaced
            .entry(Rc::as_ptr(&placement.page))
            .or_insert_with(|| {
                let mut page = Page {
                    size_mm: placement.page.size_mm,
                    items: Vec::new(),
                };
                for (position, item) in &placement.page.items {
                    match item {
                        FrameItem::Image { size_mm, .. } if is_unusable(item) => {
                            page.items
                                .extend(placeholder_items(fonts, *position, *size_mm));
                        }
                        other => page.items.push((*position, other.clone())),
                    }
                }
                Rc::new(page)
            });
        placement.page = Rc::clone(page);
    }
}

/// The grey frame with a cross and 「图片无法读取」 in a picture's box (`at`: its top-left).
pub fn placeholder_items(
    fonts: &FontSet,
    at: PointMm,
    size_mm: SizeMm,
) -> Vec<(PointMm, FrameItem)> {
    let stroke = Stroke {
        width_mm: 0.5,
        color: Rgb(0x9e, 0x9e, 0x9e),
    };
    let right = at.x_mm + size_mm.width_mm;
    let bottom = at.y_mm + size_mm.height_mm;
    let mut items = vec![
        (
            at,
            FrameItem::Rect {
                size_mm,
                fill: Some(Rgb(0xf5, 0xf5, 0xf5)),
                stroke: Some(stroke),
            },
        ),
        (
            at,
            FrameItem::Line {
                to: PointMm::new(right, bottom),
                stroke,
            },
        ),
        (
            PointMm::new(at.x_mm, bottom),
            FrameItem::Line {
                to: PointMm::new(right, at.y_mm),
                stroke,
            },
        ),
    ];
    // Six characters across 60 % of the width, at most 24 pt.
    let size_pt = (crate::units::mm_to_pt(size_mm.width_mm * 0.6) / 6.0).min(24.0);
    let run = super::label::text_run(
        fonts,
        FaceId::SANS_BOLD,
        size_pt,
        Rgb(0x61, 0x61, 0x61),
        PLACEHOLDER_TEXT,
    );
    let x_mm = at.x_mm + (size_mm.width_mm - run.width_mm) / 2.0;
    let y_mm = at.y_mm + size_mm.height_mm / 2.0 + crate::units::pt_to_mm(size_pt) * 0.35;
    items.push((PointMm::new(x_mm, y_mm), FrameItem::Text(run)));
    items
}
