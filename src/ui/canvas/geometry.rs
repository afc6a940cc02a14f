//! The pure geometry of the canvas, in board millimetres: snapping to guides and the grid,
//! resizing by a handle, aligning and distributing panels, ruler steps. No egui types, so it
//! is tested without a screen.

use crate::model::{Board, RectMm};
use crate::ui::Command;

/// A resized panel keeps at least this width and height.
const MIN_PANEL_SIDE_MM: f32 = 20.0;

/// A resize handle: which edges it moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Handle {
    pub(super) left: bool,
    pub(super) right: bool,
    pub(super) top: bool,
    pub(super) bottom: bool,
}

pub(super) const HANDLES: [Handle; 8] = [
    Handle {
        left: true,
        right: false,
        top: true,
        bottom: false,
    },
    Handle {
        left: false,
        right: false,
        top: true,
        bottom: false,
    },
    Handle {
        left: false,
        right: true,
        top: true,
        bottom: false,
    },
    Handle {
        left: false,
        right: true,
        top: false,
        bottom: false,
    },
    Handle {
        left: false,
        right: true,
        top: false,
        bottom: true,
    },
    Handle {
        left: false,
        right: false,
        top: false,
        bottom: true,
    },
    Handle {
        left: true,
        right: false,
        top: false,
        bottom: true,
    },
    Handle {
        left: true,
        right: false,
        top: false,
        bottom: false,
    },
];

/// Snaps one coordinate: to the nearest guide within `reach_mm` (returning it), else to the grid.
pub(super) fn snap_coordinate(
    value_mm: f32,
    guides_mm: &[f32],
    reach_mm: f32,
    grid_mm: Option<f32>,
) -> (f32, Option<f32>) {
    let nearest = guides_mm
        .iter()
        .map(|guide| (*guide, (guide - value_mm).abs()))
        .filter(|(_, distance)| *distance <= reach_mm)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    match (nearest, grid_mm) {
        (Some((guide, _)), _) => (guide, Some(guide)),
        (None, Some(grid)) if grid > 0.0 => ((value_mm / grid).round() * grid, None),
        _ => (value_mm, None),
    }
}

/// Where a moved rectangle lands: its left/right/centre and top/bottom/centre are tried against
/// the guides (other panels' edges, the board's centre and edges), else its top-left corner
/// snaps to the grid. Returns the rectangle and the guides it snapped to.
pub fn snap_moved_rect(
    rect_mm: RectMm,
    guides_x_mm: &[f32],
    guides_y_mm: &[f32],
    reach_mm: f32,
    grid_mm: Option<f32>,
) -> (RectMm, Vec<(bool, f32)>) {
    let mut snapped = rect_mm;
    let mut used = Vec::new();
    let axis = |start: f32, size: f32, guides: &[f32]| -> (f32, Option<f32>) {
        for (offset, candidate) in [
            (0.0, start),
            (size, start + size),
            (size / 2.0, start + size / 2.0),
        ] {
            let (position, guide) = snap_coordinate(candidate, guides, reach_mm, None);
            if guide.is_some() {
                return (position - offset, guide);
            }
        }
        snap_coordinate(start, &[], reach_mm, grid_mm)
    };
    let (x_mm, guide_x) = axis(rect_mm.x_mm, rect_mm.width_mm, guides_x_mm);
    let (y_mm, guide_y) = axis(rect_mm.y_mm, rect_mm.height_mm, guides_y_mm);
    snapped.x_mm = x_mm;
    snapped.y_mm = y_mm;
    if let Some(guide) = guide_x {
        used.push((true, guide));
    }
    if let Some(guide) = guide_y {
        used.push((false, guide));
    }
    (snapped, used)
}

/// Where a panel lands when `handle` is dragged by `delta_x_mm`, `delta_y_mm` from `start`:
/// each moved edge snaps like a coordinate (guides, else the grid) and the panel keeps at
/// least [`MIN_PANEL_SIDE_MM`] a side.
pub(super) fn resized_rect(
    start: RectMm,
    handle: Handle,
    (delta_x_mm, delta_y_mm): (f32, f32),
    (guides_x_mm, guides_y_mm): (&[f32], &[f32]),
    reach_mm: f32,
    grid_mm: Option<f32>,
) -> RectMm {
    let snap = |value_mm: f32, guides_mm: &[f32]| {
        snap_coordinate(value_mm, guides_mm, reach_mm, grid_mm).0
    };
    let (mut left_mm, mut top_mm) = (start.x_mm, start.y_mm);
    let (mut right_mm, mut bottom_mm) = (start.right_mm(), start.bottom_mm());
    if handle.left {
        left_mm = snap(start.x_mm + delta_x_mm, guides_x_mm).min(right_mm - MIN_PANEL_SIDE_MM);
    }
    if handle.right {
        right_mm =
            snap(start.right_mm() + delta_x_mm, guides_x_mm).max(left_mm + MIN_PANEL_SIDE_MM);
    }
    if handle.top {
        top_mm = snap(start.y_mm + delta_y_mm, guides_y_mm).min(bottom_mm - MIN_PANEL_SIDE_MM);
    }
    if handle.bottom {
        bottom_mm =
            snap(start.bottom_mm() + delta_y_mm, guides_y_mm).max(top_mm + MIN_PANEL_SIDE_MM);
    }
    RectMm::new(left_mm, top_mm, right_mm - left_mm, bottom_mm - top_mm)
}

/// Guides for snapping (x, y): the board's edges, centre and side margins, and the edges and
/// centres of the panels not in `moving`.
pub(super) fn snap_guides_mm(board: &Board, moving: &[String]) -> (Vec<f32>, Vec<f32>) {
    let (width_mm, height_mm) = (board.size_mm.width_mm, board.size_mm.height_mm);
    let mut xs = vec![
        0.0,
        width_mm / 2.0,
        width_mm,
        board.margins_mm.left_mm,
        width_mm - board.margins_mm.right_mm,
    ];
    let mut ys = vec![0.0, height_mm / 2.0, height_mm];
    // A board made of parts: the edges of each part (either side of every bar).
    for part in board.part_rects() {
        xs.extend([part.rect_mm.x_mm, part.rect_mm.right_mm()]);
        ys.extend([part.rect_mm.y_mm, part.rect_mm.bottom_mm()]);
    }
    for panel in board
        .panels
        .iter()
        .filter(|panel| !moving.contains(&panel.id))
    {
        let rect = panel.rect_mm;
        xs.extend([rect.x_mm, rect.right_mm(), rect.x_mm + rect.width_mm / 2.0]);
        ys.extend([
            rect.y_mm,
            rect.bottom_mm(),
            rect.y_mm + rect.height_mm / 2.0,
        ]);
    }
    (xs, ys)
}

/// Aligns or distributes panels (at least 2, or 3 to distribute) and returns their new rects.
pub fn arrange(command: Command, rects: &[(String, RectMm)]) -> Vec<(String, RectMm)> {
    if rects.len() < 2 {
        return rects.to_vec();
    }
    let min_x = rects
        .iter()
        .map(|(_, r)| r.x_mm)
        .fold(f32::INFINITY, f32::min);
    let max_right = rects
        .iter()
        .map(|(_, r)| r.right_mm())
        .fold(f32::NEG_INFINITY, f32::max);
    let min_y = rects
        .iter()
        .map(|(_, r)| r.y_mm)
        .fold(f32::INFINITY, f32::min);
    let max_bottom = rects
        .iter()
        .map(|(_, r)| r.bottom_mm())
        .fold(f32::NEG_INFINITY, f32::max);
    let mut arranged = rects.to_vec();
    match command {
        Command::AlignLeft => arranged.iter_mut().for_each(|(_, r)| r.x_mm = min_x),
        Command::AlignRight => arranged
            .iter_mut()
            .for_each(|(_, r)| r.x_mm = max_right - r.width_mm),
        Command::AlignTop => arranged.iter_mut().for_each(|(_, r)| r.y_mm = min_y),
        Command::AlignBottom => arranged
            .iter_mut()
            .for_each(|(_, r)| r.y_mm = max_bottom - r.height_mm),
        Command::DistributeHorizontally => {
            arranged.sort_by(|a, b| a.1.x_mm.total_cmp(&b.1.x_mm));
            let total_width: f32 = arranged.iter().map(|(_, r)| r.width_mm).sum();
            let gap = (max_right - min_x - total_width) / (arranged.len() - 1) as f32;
            let mut x_mm = min_x;
            for (_, rect) in arranged.iter_mut() {
                rect.x_mm = x_mm;
                x_mm += rect.width_mm + gap;
            }
        }
        Command::DistributeVertically => {
            arranged.sort_by(|a, b| a.1.y_mm.total_cmp(&b.1.y_mm));
            let total_height: f32 = arranged.iter().map(|(_, r)| r.height_mm).sum();
            let gap = (max_bottom - min_y - total_height) / (arranged.len() - 1) as f32;
            let mut y_mm = min_y;
            for (_, rect) in arranged.iter_mut() {
                rect.y_mm = y_mm;
                y_mm += rect.height_mm + gap;
            }
        }
        _ => {}
    }
    arranged
}

/// A ruler step in mm with at least `min_points` between ticks.
pub(super) fn ruler_step_mm(points_per_mm: f32, min_points: f32) -> f32 {
    [1.0, 5.0, 10.0, 50.0, 100.0, 500.0, 1000.0, 5000.0]
        .into_iter()
        .find(|step| step * points_per_mm >= min_points)
        .unwrap_or(10_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_near_another_panel_edge_snaps_to_it() {
        let proposed = RectMm::new(503.0, 207.0, 100.0, 100.0);
        let (snapped, used) = snap_moved_rect(proposed, &[500.0], &[], 5.0, Some(10.0));
        assert_eq!(snapped.x_mm, 500.0);
        assert_eq!(snapped.y_mm, 210.0, "y falls back to the 10 mm grid");
        assert_eq!(used, vec![(true, 500.0)]);
    }

    #[test]
    fn the_right_edge_and_centre_snap_too() {
        let proposed = RectMm::new(398.0, 0.0, 100.0, 100.0);
        let (snapped, _) = snap_moved_rect(proposed, &[500.0], &[], 5.0, None);
        assert_eq!(snapped.right_mm(), 500.0);
        let centred = RectMm::new(1148.0, 0.0, 100.0, 100.0);
        let (snapped, _) = snap_moved_rect(centred, &[1200.0], &[], 5.0, None);
        assert_eq!(snapped.x_mm + 50.0, 1200.0);
    }

    #[test]
    fn without_guides_the_corner_snaps_to_the_grid() {
        let (snapped, used) = snap_moved_rect(
            RectMm::new(123.4, 56.7, 10.0, 10.0),
            &[],
            &[],
            2.0,
            Some(10.0),
        );
        assert_eq!((snapped.x_mm, snapped.y_mm), (120.0, 60.0));
        assert!(used.is_empty());
    }

    #[test]
    fn distributing_spaces_panels_evenly() {
        let rects = vec![
            ("a".to_owned(), RectMm::new(0.0, 0.0, 100.0, 50.0)),
            ("c".to_owned(), RectMm::new(900.0, 0.0, 100.0, 50.0)),
            ("b".to_owned(), RectMm::new(150.0, 0.0, 200.0, 50.0)),
        ];
        let arranged = arrange(Command::DistributeHorizontally, &rects);
        let b = arranged.iter().find(|(id, _)| id == "b").expect("b");
        assert_eq!(b.1.x_mm, 400.0);
        let aligned = arrange(Command::AlignRight, &rects);
        assert!(aligned.iter().all(|(_, r)| r.right_mm() == 1000.0));
    }

    #[test]
    fn resizing_by_a_corner_moves_its_two_edges_and_snaps_them() {
        let start = RectMm::new(100.0, 100.0, 200.0, 100.0);
        let bottom_right = HANDLES[4];
        let resized = resized_rect(
            start,
            bottom_right,
            (47.0, 13.0),
            (&[], &[]),
            2.0,
            Some(10.0),
        );
        assert_eq!(resized, RectMm::new(100.0, 100.0, 250.0, 110.0));
        let left = HANDLES[7];
        let resized = resized_rect(start, left, (-12.0, 40.0), (&[90.0], &[]), 5.0, None);
        assert_eq!(
            resized,
            RectMm::new(90.0, 100.0, 210.0, 100.0),
            "snapped to the guide"
        );
    }

    #[test]
    fn resizing_keeps_a_minimum_side() {
        let start = RectMm::new(100.0, 100.0, 200.0, 100.0);
        let top_left = HANDLES[0];
        let resized = resized_rect(start, top_left, (500.0, 500.0), (&[], &[]), 2.0, None);
        assert_eq!(resized.width_mm, MIN_PANEL_SIDE_MM);
        assert_eq!(resized.height_mm, MIN_PANEL_SIDE_MM);
        assert_eq!(resized.right_mm(), 300.0);
        assert_eq!(resized.bottom_mm(), 200.0);
    }

    #[test]
    fn guides_are_the_board_and_the_panels_that_stay() {
        let board = Board {
            size_mm: crate::model::SizeMm::new(2000.0, 1000.0),
            margins_mm: crate::model::MarginsMm::uniform(40.0),
            panels: vec![
                crate::model::Panel {
                    id: "still".into(),
                    rect_mm: RectMm::new(100.0, 200.0, 300.0, 400.0),
                    ..crate::model::Panel::default()
                },
                crate::model::Panel {
                    id: "moving".into(),
                    rect_mm: RectMm::new(700.0, 700.0, 10.0, 10.0),
                    ..crate::model::Panel::default()
                },
            ],
            ..Board::default()
        };
        let (xs, ys) = snap_guides_mm(&board, &["moving".to_owned()]);
        assert_eq!(
            xs,
            vec![0.0, 1000.0, 2000.0, 40.0, 1960.0, 100.0, 400.0, 250.0]
        );
        assert_eq!(ys, vec![0.0, 500.0, 1000.0, 200.0, 600.0, 400.0]);
    }

    #[test]
    fn ruler_ticks_are_at_least_the_asked_distance_apart() {
        assert_eq!(ruler_step_mm(1.0, 6.0), 10.0);
        assert_eq!(ruler_step_mm(0.01, 60.0), 10_000.0);
        assert_eq!(ruler_step_mm(4.0, 6.0), 5.0);
    }

    #[test]
    fn fewer_than_two_panels_are_not_arranged() {
        let one = vec![("a".to_owned(), RectMm::new(5.0, 5.0, 10.0, 10.0))];
        assert_eq!(arrange(Command::AlignLeft, &one), one);
    }
}
