//! The header and footer of a board made of parts span the parts: each part prints its share.
//! A centred band line whose glyphs would fall under a vertical frame bar has its glyphs moved
//! past the bar (a wider gap where the bar is, as a sign maker spaces letters across a
//! mullion), then is centred again; a line that no longer fits is left as it was and the
//! preflight reports it.

use super::LineInfo;
use super::frame::{FrameItem, PointMm};
use super::panel::PanelOutcome;
use crate::model::Board;
use crate::units::pt_to_mm;

/// Space kept between a glyph and a bar, in em.
const CLEARANCE_EM: f32 = 0.2;

/// One glyph of the line: the run it belongs to, its index there, where it starts and its
/// advance.
struct GlyphSpot {
    item: usize,
    glyph: usize,
    x_mm: f32,
    advance_mm: f32,
}

/// Moves the line just placed (`out.items[first_item..]`, the last of `out.lines`) clear of
/// the board's vertical bars, centred between `left_mm` and `right_mm`.
pub(super) fn clear_vertical_bars(
    board: &Board,
    out: &mut PanelOutcome,
    first_item: usize,
    left_mm: f32,
    right_mm: f32,
) {
    let bars: Vec<(f32, f32)> = board
        .bar_rects()
        .iter()
        .filter(|bar| bar.vertical)
        .map(|bar| (bar.rect_mm.x_mm, bar.rect_mm.right_mm()))
        .collect();
    let Some(line) = out.lines.last() else {
        return;
    };
    if bars.is_empty() || out.items.len() <= first_item {
        return;
    }
    let gap_mm = CLEARANCE_EM * pt_to_mm(line.size_pt);
    let spots = glyph_spots(&out.items, first_item);
    let Some(first) = spots.first() else {
        return;
    };
    let line_start_mm = first.x_mm;
    let hits = |x_mm: f32, advance_mm: f32| {
        bars.iter()
            .find(|(bar_left, bar_right)| {
                x_mm < bar_right + gap_mm && x_mm + advance_mm > bar_left - gap_mm
            })
            .copied()
    };
    if spots
        .iter()
        .all(|spot| hits(spot.x_mm, spot.advance_mm).is_none())
    {
        return;
    }
    // Lay the glyphs out from `start_mm`, pushing each past a bar it would touch.
    let place = |start_mm: f32| -> Vec<f32> {
        let mut shift_mm = 0.0;
        spots
            .iter()
            .map(|spot| {
                let mut x_mm = start_mm + (spot.x_mm - line_start_mm) + shift_mm;
                while let Some((_, bar_right)) = hits(x_mm, spot.advance_mm) {
                    let pushed_mm = bar_right + gap_mm - x_mm;
                    shift_mm += pushed_mm;
                    x_mm += pushed_mm;
                }
                x_mm
            })
            .collect()
    };
    let centre_mm = (left_mm + right_mm) / 2.0;
    let natural_mm = line.width_mm;
    let mut start_mm = centre_mm - natural_mm / 2.0;
    let mut placed = place(start_mm);
    for _ in 0..12 {
        let end_mm = placed.last().copied().unwrap_or(start_mm)
            + spots.last().map_or(0.0, |spot| spot.advance_mm);
        let next_start_mm = centre_mm - (end_mm - start_mm) / 2.0;
        if (next_start_mm - start_mm).abs() < 0.01 {
            break;
        }
        start_mm = next_start_mm;
        placed = place(start_mm);
    }
    let end_mm = placed.last().copied().unwrap_or(start_mm)
        + spots.last().map_or(0.0, |spot| spot.advance_mm);
    if start_mm < left_mm - 0.01 || end_mm > right_mm + 0.01 {
        return;
    }
    move_glyphs(&mut out.items, &spots, &placed);
    if let Some(line) = out.lines.last_mut() {
        update_line(line, start_mm, end_mm);
    }
}

fn glyph_spots(items: &[(PointMm, FrameItem)], first_item: usize) -> Vec<GlyphSpot> {
    let mut spots = Vec::new();
    for (item_index, (origin, item)) in items.iter().enumerate().skip(first_item) {
        let FrameItem::Text(run) = item else {
            continue;
        };
        for (glyph_index, glyph) in run.glyphs.iter().enumerate() {
            let next_x_mm = run
                .glyphs
                .get(glyph_index + 1)
                .map_or(run.width_mm, |next| next.x_mm);
            spots.push(GlyphSpot {
                item: item_index,
                glyph: glyph_index,
                x_mm: origin.x_mm + glyph.x_mm,
                advance_mm: next_x_mm - glyph.x_mm,
            });
        }
    }
    spots
}

fn move_glyphs(items: &mut [(PointMm, FrameItem)], spots: &[GlyphSpot], placed: &[f32]) {
    for (spot, x_mm) in spots.iter().zip(placed) {
        let (origin, FrameItem::Text(run)) = &mut items[spot.item] else {
            continue;
        };
        if spot.glyph == 0 {
            origin.x_mm = *x_mm;
        }
        run.glyphs[spot.glyph].x_mm = x_mm - origin.x_mm;
        if spot.glyph + 1 == run.glyphs.len() {
            run.width_mm = x_mm + spot.advance_mm - origin.x_mm;
        }
    }
}

fn update_line(line: &mut LineInfo, start_mm: f32, end_mm: f32) {
    line.x_mm = start_mm;
    line.width_mm = end_mm - start_mm;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FaceId;
    use crate::layout::{LineKind, PlacedGlyph, TextRun};
    use crate::model::{BoardParts, Rgb, SizeMm};

    #[test]
    fn a_centred_title_steps_over_the_bar() {
        let board = Board {
            size_mm: SizeMm::new(2020.0, 1000.0),
            parts: Some(BoardParts::equal(2, 1, 20.0)),
            ..Board::default()
        };
        // Six 40 mm glyphs centred on the board: 890..1130, the bar is 1000..1020.
        let glyphs: Vec<PlacedGlyph> = (0..6)
            .map(|index| PlacedGlyph {
                glyph_id: 1,
                ch: '字',
                x_mm: index as f32 * 40.0,
            })
            .collect();
        let run = TextRun {
            face: FaceId::SANS,
            size_pt: 113.4,
            color: Rgb(0, 0, 0),
            glyphs,
            text: "字字字字字字".into(),
            width_mm: 240.0,
        };
        let mut out = PanelOutcome::default();
        out.items
            .push((PointMm::new(890.0, 100.0), FrameItem::Text(run)));
        out.lines.push(LineInfo {
            text: "字字字字字字".into(),
            x_mm: 890.0,
            y_mm: 100.0,
            width_mm: 240.0,
            panel_id: None,
            item_id: None,
            box_left_mm: 0.0,
            box_right_mm: 2020.0,
            face: FaceId::SANS,
            size_pt: 113.4,
            kind: LineKind::BoardTitle,
            forced: false,
        });
        clear_vertical_bars(&board, &mut out, 0, 0.0, 2020.0);
        let (origin, FrameItem::Text(run)) = &out.items[0] else {
            panic!("text");
        };
        let starts: Vec<f32> = run.glyphs.iter().map(|g| origin.x_mm + g.x_mm).collect();
        for start in &starts {
            assert!(
                start + 40.0 <= 1000.0 - 7.9 || *start >= 1020.0 + 7.9,
                "{starts:?}"
            );
        }
        // Three glyphs each side, centred on the board.
        assert_eq!(starts.iter().filter(|s| **s < 1000.0).count(), 3);
        let line = out.lines.last().expect("line");
        assert!(
            (line.x_mm + line.width_mm / 2.0 - 1010.0).abs() < 0.1,
            "{line:?}"
        );
    }
}
