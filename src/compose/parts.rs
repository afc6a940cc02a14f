//! A board made of several physical parts (doors of a cabinet, KT boards side by side) as
//! printed: one sheet per part at true size, its position on the slug ("第 2 块 共 3 块（从左到
//! 右）"), or each part tiled on its own; and the preflight that finds text under a frame bar.
//!
//! A part's page is cut from the board's page: every glyph goes to the part on its side of
//! the middle of the bar (so the parts' text is the board's text split at the bars, nothing
//! lost and nothing doubled), everything else (backgrounds, bands, rules, pictures) to every
//! part it reaches, clipped to the part's bleed.

use super::board::add_slug_line;
use super::impose::{self, BoardOptions};
use super::{ComposeError, Composed, ExportMode, ExportRequest, Sheet};
use crate::fonts::FontSet;
use crate::layout::{BoardLayout, FrameItem, LineKind, Page, PlacedGlyph, PointMm, TextRun};
use crate::model::{Bar, Board, BoardParts, Part, RectMm, SizeMm};
use crate::units::pt_to_mm;
use std::rc::Rc;

/// A line closer than this to a bar does not cross it (rounding).
const TOUCH_MM: f32 = 0.05;

/// Text under a frame bar: lost when the parts are mounted.
#[derive(Clone, Debug, PartialEq)]
pub struct BarCrossing {
    /// The panel whose text crosses; None for the header or footer.
    pub panel_id: Option<String>,
    pub bar_name: String,
    /// What the clerk reads: "栏目“资金公开”的文字跨越第 1、2 块之间的边框…".
    pub message: String,
}

/// Every text line (and table) of a laid-out board that runs under a bar, one finding per
/// panel and bar, in the order of the panels.
pub fn bar_crossings(board: &Board, layout: &BoardLayout) -> Vec<BarCrossing> {
    let bars = board.bar_rects();
    let mut crossings: Vec<(Option<String>, usize, bool)> = Vec::new();
    for line in &layout.lines {
        let em_mm = pt_to_mm(line.size_pt);
        let is_table = matches!(line.kind, LineKind::TableCell | LineKind::TableHeader);
        let text_rect = RectMm::new(line.x_mm, line.y_mm - 0.88 * em_mm, line.width_mm, em_mm);
        let cell_rect = RectMm::new(
            line.box_left_mm,
            text_rect.y_mm,
            line.box_right_mm - line.box_left_mm,
            em_mm,
        );
        // A header or footer line steps its glyphs over the bars (layout/parts.rs): only a
        // glyph under a bar crosses it, not the gap the line spans there.
        let glyphs = if line.panel_id.is_none() {
            band_glyph_rects(&layout.page, line.x_mm, line.y_mm, line.width_mm, em_mm)
        } else {
            Vec::new()
        };
        for (bar_index, bar) in bars.iter().enumerate() {
            let crosses_text = if line.panel_id.is_none() && !glyphs.is_empty() {
                glyphs.iter().any(|glyph| under_bar(*glyph, bar))
            } else {
                under_bar(text_rect, bar)
            };
            let crosses_table = is_table && under_bar(cell_rect, bar);
            if !crosses_text && !crosses_table {
                continue;
            }
            let owner = line.panel_id.clone();
            match crossings
                .iter_mut()
                .find(|(panel, index, _)| *panel == owner && *index == bar_index)
            {
                Some(found) => found.2 |= is_table,
                None => crossings.push((owner, bar_index, is_table)),
            }
        }
    }
    let header_or_footer = |bar_index: usize| {
        layout
            .lines
            .iter()
            .filter(|line| line.panel_id.is_none())
            .filter(|line| {
                let em_mm = pt_to_mm(line.size_pt);
                let glyphs =
                    band_glyph_rects(&layout.page, line.x_mm, line.y_mm, line.width_mm, em_mm);
                if glyphs.is_empty() {
                    under_bar(
                        RectMm::new(line.x_mm, line.y_mm - 0.88 * em_mm, line.width_mm, em_mm),
                        &bars[bar_index],
                    )
                } else {
                    glyphs
                        .iter()
                        .any(|glyph| under_bar(*glyph, &bars[bar_index]))
                }
            })
            .map(|line| match line.kind {
                LineKind::Footer => "栏脚",
                _ => "栏头",
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
            .join("和")
    };
    crossings
        .into_iter()
        .map(|(panel_id, bar_index, is_table)| {
            let bar = &bars[bar_index];
            let what = if is_table { "表格" } else { "文字" };
            let message = match &panel_id {
                Some(panel_id) => {
                    let title = board
                        .panel(panel_id)
                        .map_or(panel_id.as_str(), |panel| panel.title.as_str());
                    format!(
                        "栏目“{title}”的{what}跨越{}，装上后会被边框挡住。请把栏目拖到一块之内（拖动时会吸附到块的边缘），或改窄栏目。",
                        bar.name
                    )
                }
                None => format!(
                    "{}的文字跨越{}，装上后会被边框挡住。请缩短文字或调整分块。",
                    header_or_footer(bar_index),
                    bar.name
                ),
            };
            BarCrossing {
                panel_id,
                bar_name: bar.name.clone(),
                message,
            }
        })
        .collect()
}

/// The boxes of the glyphs drawn on the line whose baseline is at `baseline_mm` between
/// `x_mm` and `x_mm + width_mm` (a header or footer line, whose glyphs may be spaced apart).
fn band_glyph_rects(
    page: &Page,
    x_mm: f32,
    baseline_mm: f32,
    width_mm: f32,
    em_mm: f32,
) -> Vec<RectMm> {
    let mut rects = Vec::new();
    for (origin, item) in &page.items {
        let FrameItem::Text(run) = item else {
            continue;
        };
        if (origin.y_mm - baseline_mm).abs() > 0.01
            || origin.x_mm < x_mm - 0.01
            || origin.x_mm > x_mm + width_mm + 0.01
        {
            continue;
        }
        for (index, glyph) in run.glyphs.iter().enumerate() {
            // The distance to the next glyph includes the room left for a bar: a glyph itself
            // is at most an em wide.
            let next_mm = run.glyphs.get(index + 1).map_or(run.width_mm, |g| g.x_mm);
            rects.push(RectMm::new(
                origin.x_mm + glyph.x_mm,
                baseline_mm - 0.88 * em_mm,
                (next_mm - glyph.x_mm).min(em_mm),
                em_mm,
            ));
        }
    }
    rects
}

fn under_bar(rect: RectMm, bar: &Bar) -> bool {
    let bar_rect = bar.rect_mm;
    if bar.vertical {
        rect.x_mm < bar_rect.right_mm() - TOUCH_MM
            && rect.right_mm() > bar_rect.x_mm + TOUCH_MM
            && rect.y_mm < bar_rect.bottom_mm()
            && rect.bottom_mm() > bar_rect.y_mm
    } else {
        rect.y_mm < bar_rect.bottom_mm() - TOUCH_MM
            && rect.bottom_mm() > bar_rect.y_mm + TOUCH_MM
            && rect.x_mm < bar_rect.right_mm()
            && rect.right_mm() > bar_rect.x_mm
    }
}

/// The region of the board whose glyphs print on a part: the part grown to the middle of each
/// bar beside it, and without end at the board's edges.
fn part_cell(parts: &BoardParts, part: &Part) -> RectMm {
    let half_bar = parts.bar_mm / 2.0;
    let far = 1.0e7;
    let left = if part.column == 0 {
        -far
    } else {
        part.rect_mm.x_mm - half_bar
    };
    let right = if part.column + 1 >= parts.columns.max(1) {
        far
    } else {
        part.rect_mm.right_mm() + half_bar
    };
    let top = if part.row == 0 {
        -far
    } else {
        part.rect_mm.y_mm - half_bar
    };
    let bottom = if part.row + 1 >= parts.rows.max(1) {
        far
    } else {
        part.rect_mm.bottom_mm() + half_bar
    };
    RectMm::new(left, top, right - left, bottom - top)
}

fn contains(rect: RectMm, x_mm: f32, y_mm: f32) -> bool {
    x_mm >= rect.x_mm && x_mm < rect.right_mm() && y_mm >= rect.y_mm && y_mm < rect.bottom_mm()
}

/// The pieces of a run whose glyphs lie in `cell`, each a run of its own.
fn runs_in_cell(origin: PointMm, run: &TextRun, cell: RectMm) -> Vec<(PointMm, TextRun)> {
    let em_mm = pt_to_mm(run.size_pt);
    let centre_y_mm = origin.y_mm - 0.35 * em_mm;
    let advance = |index: usize| -> f32 {
        match run.glyphs.get(index + 1) {
            Some(next) => next.x_mm - run.glyphs[index].x_mm,
            None => run.width_mm - run.glyphs[index].x_mm,
        }
    };
    let inside: Vec<bool> = (0..run.glyphs.len())
        .map(|index| {
            let centre_x_mm = origin.x_mm + run.glyphs[index].x_mm + advance(index) / 2.0;
            contains(cell, centre_x_mm, centre_y_mm)
        })
        .collect();
    if inside.iter().all(|inside| *inside) {
        return vec![(origin, run.clone())];
    }
    let mut pieces = Vec::new();
    let mut index = 0;
    while index < run.glyphs.len() {
        if !inside[index] {
            index += 1;
            continue;
        }
        let start = index;
        while index < run.glyphs.len() && inside[index] {
            index += 1;
        }
        let first_x_mm = run.glyphs[start].x_mm;
        let glyphs: Vec<PlacedGlyph> = run.glyphs[start..index]
            .iter()
            .map(|glyph| PlacedGlyph {
                x_mm: glyph.x_mm - first_x_mm,
                ..*glyph
            })
            .collect();
        let last = index - 1;
        pieces.push((
            PointMm::new(origin.x_mm + first_x_mm, origin.y_mm),
            TextRun {
                text: glyphs.iter().map(|glyph| glyph.ch).collect(),
                glyphs,
                width_mm: run.glyphs[last].x_mm + advance(last) - first_x_mm,
                ..run.clone()
            },
        ));
    }
    pieces
}

/// The box an item covers on the board (text excluded).
fn item_bounds(position: PointMm, item: &FrameItem) -> Option<RectMm> {
    let rect =
        |size: SizeMm| RectMm::new(position.x_mm, position.y_mm, size.width_mm, size.height_mm);
    match item {
        FrameItem::Text(_) => None,
        FrameItem::Rect { size_mm, .. } | FrameItem::Image { size_mm, .. } => Some(rect(*size_mm)),
        FrameItem::Line { to, stroke } => {
            let pad = stroke.width_mm / 2.0;
            let x = position.x_mm.min(to.x_mm) - pad;
            let y = position.y_mm.min(to.y_mm) - pad;
            Some(RectMm::new(
                x,
                y,
                (position.x_mm - to.x_mm).abs() + 2.0 * pad,
                (position.y_mm - to.y_mm).abs() + 2.0 * pad,
            ))
        }
        FrameItem::Cells { cell_mm, cells, .. } => {
            let columns = cells.iter().map(|(c, _)| *c).max().map_or(0, |c| c + 1);
            let rows = cells.iter().map(|(_, r)| *r).max().map_or(0, |r| r + 1);
            Some(rect(SizeMm::new(
                *cell_mm * columns as f32,
                *cell_mm * rows as f32,
            )))
        }
    }
}

fn intersects(a: RectMm, b: RectMm) -> bool {
    a.x_mm < b.right_mm()
        && a.right_mm() > b.x_mm
        && a.y_mm < b.bottom_mm()
        && a.bottom_mm() > b.y_mm
}

fn moved(position: PointMm, by: PointMm) -> PointMm {
    PointMm::new(position.x_mm - by.x_mm, position.y_mm - by.y_mm)
}

/// The page of one part, cut from the board's page: coordinates from the part's top-left
/// corner, the part's glyphs, and whatever else reaches into the part grown by `reach_mm`
/// (the bleed; the sheet clips it).
pub fn part_page(board_page: &Page, parts: &BoardParts, part: &Part, reach_mm: f32) -> Page {
    let cell = part_cell(parts, part);
    let reach = RectMm::new(
        part.rect_mm.x_mm - reach_mm,
        part.rect_mm.y_mm - reach_mm,
        part.rect_mm.width_mm + 2.0 * reach_mm,
        part.rect_mm.height_mm + 2.0 * reach_mm,
    );
    let corner = PointMm::new(part.rect_mm.x_mm, part.rect_mm.y_mm);
    let mut items = Vec::new();
    for (position, item) in &board_page.items {
        match item {
            FrameItem::Text(run) => {
                for (origin, piece) in runs_in_cell(*position, run, cell) {
                    items.push((moved(origin, corner), FrameItem::Text(piece)));
                }
            }
            FrameItem::Line { to, stroke } => {
                if item_bounds(*position, item).is_some_and(|bounds| intersects(bounds, reach)) {
                    items.push((
                        moved(*position, corner),
                        FrameItem::Line {
                            to: moved(*to, corner),
                            stroke: *stroke,
                        },
                    ));
                }
            }
            _ => {
                if item_bounds(*position, item).is_some_and(|bounds| intersects(bounds, reach)) {
                    items.push((moved(*position, corner), item.clone()));
                }
            }
        }
    }
    Page {
        size_mm: SizeMm::new(part.rect_mm.width_mm, part.rect_mm.height_mm),
        items,
    }
}

/// The sheets of a board with parts: one per part at true size (`--mode parts`), or each part
/// tiled on its own (`--mode tiles`).
/// What a part's label calls its board: the title printed in the header (the unit's name
/// filled in, e.g. 东湾村村务公开栏), or the board's name when it has no title, so a print
/// shop or the clerk mounting the doors can tell whose board a sheet belongs to.
fn printed_board_name(board: &Board) -> &str {
    let title = board.header.title.trim();
    if title.is_empty() { &board.name } else { title }
}

pub(super) fn part_sheets(
    fonts: &FontSet,
    board: &Board,
    parts: &BoardParts,
    layout_page: &Page,
    request: &ExportRequest,
    composed: &mut Composed,
) -> Result<Vec<Sheet>, ComposeError> {
    let all = parts.parts(board.size_mm);
    let bleed_mm = request.bleed_mm.unwrap_or(0.0);
    let mut sheets = Vec::new();
    for part in &all {
        let label = parts.part_label(part);
        let page = Rc::new(part_page(layout_page, parts, part, bleed_mm.max(0.0)));
        if request.mode == ExportMode::Tiles {
            let options = request.tile_options();
            let name = format!("{} {label}", printed_board_name(board));
            sheets.extend(impose::tile_sheets(fonts, page, &name, &options)?);
            continue;
        }
        let options = BoardOptions {
            bleed_mm,
            crop_marks: request.marks,
            scale_denominator: request.scale_denominator,
        };
        let mut imposed = impose::board_sheet(page, &options)?;
        composed.board_scale_denominator = Some(imposed.scale_denominator);
        if impose::slug_band_above(&imposed.sheet).is_none_or(|band| band.height_mm < 6.0) {
            // No slug outside the trim: the page stays the part's size (a print shop prints
            // the page size), and the part's place goes into the document's metadata.
            composed.part_pages.push(label);
            sheets.push(imposed.sheet);
            continue;
        }
        let slug = if imposed.scale_denominator > 1 {
            format!(
                "{label}　{}",
                super::scale_instruction_zh(imposed.scale_denominator)
            )
        } else {
            format!("{label}　{}", printed_board_name(board))
        };
        add_slug_line(fonts, &mut imposed.sheet, &slug);
        sheets.push(imposed.sheet);
    }
    let (width_mm, height_mm) = all.first().map_or((0.0, 0.0), |part| {
        (part.rect_mm.width_mm, part.rect_mm.height_mm)
    });
    let same_size = all.iter().all(|part| {
        (part.rect_mm.width_mm - width_mm).abs() < 0.05
            && (part.rect_mm.height_mm - height_mm).abs() < 0.05
    });
    let sizes = if same_size {
        format!("每块 {width_mm:.0}×{height_mm:.0} 毫米")
    } else {
        all.iter()
            .map(|part| {
                format!(
                    "第 {} 块 {:.0}×{:.0}",
                    part.number, part.rect_mm.width_mm, part.rect_mm.height_mm
                )
            })
            .collect::<Vec<_>>()
            .join("，")
            + " 毫米"
    };
    composed.notes.push(if request.mode == ExportMode::Tiles {
        format!(
            "公开栏分 {} 块，每块单独拼贴（{sizes}）；每块先印一张总览页。",
            all.len()
        )
    } else {
        format!(
            "公开栏分 {} 块，每块一页（{sizes}，边框 {:.0} 毫米处不印）；{}",
            all.len(),
            parts.bar_mm,
            if composed.part_pages.is_empty() {
                "页边写明第几块。".to_owned()
            } else {
                "没有出血和裁切线，页面即成品尺寸，页上不写第几块：第 n 页即第 n 块（从左到右、从上到下数），文件属性的“主题”中逐页写明。"
                    .to_owned()
            }
        )
    });
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FaceId;
    use crate::model::Rgb;

    fn run(text: &str, advance_mm: f32) -> TextRun {
        let glyphs: Vec<PlacedGlyph> = text
            .chars()
            .enumerate()
            .map(|(index, ch)| PlacedGlyph {
                glyph_id: 1,
                ch,
                x_mm: index as f32 * advance_mm,
            })
            .collect();
        TextRun {
            face: FaceId::SANS,
            size_pt: 20.0,
            color: Rgb(0, 0, 0),
            width_mm: glyphs.len() as f32 * advance_mm,
            glyphs,
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_run_across_a_bar_is_split_at_its_middle_without_loss() {
        let parts = BoardParts::equal(2, 1, 20.0);
        let size = SizeMm::new(2020.0, 1000.0);
        let page = Page {
            size_mm: size,
            items: vec![(
                PointMm::new(950.0, 500.0),
                FrameItem::Text(run("一二三四五六", 20.0)),
            )],
        };
        // Glyph centres at 960, 980, 1000, 1020, 1040, 1060: the bar's middle is 1010.
        let texts: Vec<String> = parts
            .parts(size)
            .iter()
            .map(|part| {
                part_page(&page, &parts, part, 0.0)
                    .items
                    .iter()
                    .filter_map(|(_, item)| match item {
                        FrameItem::Text(run) => Some(run.text.clone()),
                        _ => None,
                    })
                    .collect::<String>()
            })
            .collect();
        assert_eq!(texts, vec!["一二三".to_owned(), "四五六".to_owned()]);
        let right = part_page(&page, &parts, &parts.parts(size)[1], 0.0);
        // "四" starts at 1010 mm, 10 mm left of the right part (under the bar: the preflight says so).
        assert_eq!(right.items[0].0, PointMm::new(-10.0, 500.0));
    }

    #[test]
    fn a_fill_reaching_a_part_is_kept_others_dropped() {
        let parts = BoardParts::equal(3, 1, 30.0);
        let size = SizeMm::new(3600.0, 1200.0);
        let band = |x: f32, width: f32| {
            (
                PointMm::new(x, 0.0),
                FrameItem::Rect {
                    size_mm: SizeMm::new(width, 100.0),
                    fill: Some(Rgb(200, 0, 0)),
                    stroke: None,
                },
            )
        };
        let page = Page {
            size_mm: size,
            items: vec![band(0.0, 3600.0), band(100.0, 200.0)],
        };
        let counts: Vec<usize> = parts
            .parts(size)
            .iter()
            .map(|part| part_page(&page, &parts, part, 3.0).items.len())
            .collect();
        assert_eq!(counts, vec![2, 1, 1]);
    }
}
