//! Imposition read back from the written PDFs: page counts, sizes, boxes, labels.
//! Set GONGKAI_PDF_OUT=dir to keep the PDFs for a look (pdftoppm -r 30 -png).

use crate::support::*;
use gongkai::compose::Sheet;
use gongkai::compose::impose::{
    BoardOptions, CardMarks, CardOptions, Paper, TileOptions, board_sheet, card_grid, card_sheets,
    tile_grid, tile_sheets,
};
use gongkai::fonts::FontSet;
use gongkai::layout::Page;
use gongkai::model::SizeMm;
use std::rc::Rc;

fn board_page() -> Rc<Page> {
    Rc::new(text_page(
        SizeMm::new(2400.0, 1200.0),
        &[
            "青禾镇人民政府政务公开栏",
            "财务收支明细",
            "监督电话：0000-6612301",
        ],
    ))
}

fn write(name: &str, sheets: &[Sheet]) -> Vec<u8> {
    let bytes = write_gated(&FontSet::bundled(), sheets, name).expect("pdf");
    if let Ok(dir) = std::env::var("GONGKAI_PDF_OUT") {
        std::fs::write(
            std::path::Path::new(&dir).join(format!("{name}.pdf")),
            &bytes,
        )
        .expect("keep");
    }
    bytes
}

#[test]
fn the_board_is_one_page_at_true_size_with_the_trim_box_on_the_board() {
    let imposed = board_sheet(board_page(), &BoardOptions::default()).expect("board");
    let document = load(&write("board", &[imposed.sheet]));
    assert_eq!(document.get_pages().len(), 1);
    let (width, height) = page_size_mm(&document, 1);
    assert_close(width, 2400.0, "width");
    assert_close(height, 1200.0, "height");
    let trim = page_box_mm(&document, 1, b"TrimBox").expect("TrimBox");
    assert_close(trim[2] - trim[0], 2400.0, "trim width");
    assert!(page_box_mm(&document, 1, b"BleedBox").is_none());
}

#[test]
fn bleed_grows_the_bleed_and_media_boxes_around_the_trim() {
    let options = BoardOptions {
        bleed_mm: 3.0,
        crop_marks: true,
        scale_denominator: 1,
    };
    let imposed = board_sheet(board_page(), &options).expect("board");
    let document = load(&write("board-bleed-marks", &[imposed.sheet]));
    let trim = page_box_mm(&document, 1, b"TrimBox").expect("TrimBox");
    let bleed = page_box_mm(&document, 1, b"BleedBox").expect("BleedBox");
    let (width, height) = page_size_mm(&document, 1);
    assert_close(trim[2] - trim[0], 2400.0, "trim width");
    assert_close(trim[3] - trim[1], 1200.0, "trim height");
    assert_close(bleed[0], trim[0] - 3.0, "bleed left");
    assert_close(bleed[3], trim[3] + 3.0, "bleed top");
    assert_close(bleed[2] - bleed[0], 2406.0, "bleed width");
    // Room for the marks outside the bleed.
    assert!(
        width > 2406.0 + 8.0 && height > 1206.0 + 8.0,
        "{width}×{height}"
    );
}

#[test]
fn boards_over_5080_mm_are_scaled_to_the_smallest_whole_ratio() {
    let page = Rc::new(text_page(SizeMm::new(6000.0, 2200.0), &["大型公开栏"]));
    let imposed = board_sheet(page, &BoardOptions::default()).expect("board");
    assert_eq!(imposed.scale_denominator, 2);
    assert!(imposed.scaled_to_fit);
    let document = load(&write("board-huge", &[imposed.sheet]));
    let (width, height) = page_size_mm(&document, 1);
    assert_close(width, 3000.0, "width at 1:2");
    assert_close(height, 1100.0, "height at 1:2");
}

#[test]
fn a_2400_by_1200_board_tiles_onto_63_a4_or_35_a3_sheets_landscape() {
    let board = SizeMm::new(2400.0, 1200.0);
    let a4 = tile_grid(board, &TileOptions::default()).expect("A4");
    assert_eq!((a4.columns, a4.rows, a4.landscape), (9, 7, true));
    let a3 = tile_grid(
        board,
        &TileOptions {
            paper: Paper::A3,
            overlap_mm: 15.0,
            skip_blank: false,
            ..TileOptions::default()
        },
    )
    .expect("A3");
    assert_eq!((a3.columns, a3.rows, a3.landscape), (7, 5, true));
    // Neighbouring windows overlap by exactly 15 mm and the last one reaches the board's edge.
    let (first, second) = (a4.window(0, 0), a4.window(0, 1));
    assert_close(first.right_mm() - second.x_mm, 15.0, "overlap");
    assert!(a4.window(6, 8).right_mm() >= 2400.0 && a4.window(6, 8).bottom_mm() >= 1200.0);
}

#[test]
fn overlap_must_exceed_the_printer_margin_and_stay_under_half_a_sheet() {
    let board = SizeMm::new(2400.0, 1200.0);
    for overlap_mm in [3.0, 5.0, 150.0] {
        let error = tile_grid(
            board,
            &TileOptions {
                paper: Paper::A4,
                overlap_mm,
                ..TileOptions::default()
            },
        )
        .expect_err("bad overlap");
        assert!(error.to_string().contains("--overlap"), "{error}");
    }
}

#[test]
fn tiles_come_after_an_overview_and_carry_their_labels() {
    let fonts = FontSet::bundled();
    let sheets = tile_sheets(
        &fonts,
        board_page(),
        "青禾镇政务公开栏",
        &TileOptions {
            paper: Paper::A3,
            overlap_mm: 15.0,
            skip_blank: false,
            ..TileOptions::default()
        },
    )
    .expect("tiles");
    let bytes = write("tiles-a3", &sheets);
    let document = load(&bytes);
    assert_eq!(document.get_pages().len(), 1 + 35);
    for page in [1, 2, 36] {
        let (width, height) = page_size_mm(&document, page);
        assert_close(width, 420.0, "A3 landscape width");
        assert_close(height, 297.0, "A3 landscape height");
    }
    let overview = pdftotext_lines(&bytes, 1).join("\n");
    assert!(overview.contains("5 行 × 7 列，共 35 张"), "{overview}");
    let b3 = pdftotext_lines(&bytes, 1 + 7 + 3).join("\n");
    assert!(b3.contains("B3"), "{b3}");
    assert!(b3.contains("按实际大小打印，勿缩放"), "{b3}");
    assert!(b3.contains("第 10 张，共 35 张"), "{b3}");
}

fn card_page(text: &str) -> Rc<Page> {
    Rc::new(text_page(SizeMm::new(90.0, 54.0), &[text]))
}

#[test]
fn eight_cards_fit_one_a4_and_each_back_lands_behind_its_front() {
    let fronts: Vec<_> = (1..=8)
        .map(|n| card_page(&format!("明白卡正面{n}")))
        .collect();
    let backs: Vec<_> = (1..=8)
        .map(|n| card_page(&format!("明白卡背面{n}")))
        .collect();
    let options = CardOptions::default();
    let grid = card_grid(SizeMm::new(90.0, 54.0), &options).expect("grid");
    assert_eq!((grid.columns, grid.rows, grid.landscape), (2, 4, false));
    let sheets =
        card_sheets(&fronts, Some(&backs), SizeMm::new(90.0, 54.0), &options).expect("cards");
    assert_eq!(sheets.len(), 2);
    // Long-edge duplex on a portrait sheet mirrors left and right: the back of card 1 (left
    // column) sits in the right column, at the same height.
    let front_1 = grid.trim(0, 0);
    let (back_row, back_column) = grid.back_slot(0, 0);
    let back_1 = grid.trim(back_row, back_column);
    assert_close(back_1.y_mm, front_1.y_mm, "same row");
    assert_close(
        back_1.x_mm,
        210.0 - front_1.right_mm(),
        "mirrored across the sheet",
    );
    let bytes = write("cards", &sheets);
    let document = load(&bytes);
    assert_eq!(document.get_pages().len(), 2);
    let (width, height) = page_size_mm(&document, 1);
    assert_close(width, 210.0, "A4 width");
    assert_close(height, 297.0, "A4 height");
    let back_text = pdftotext_lines(&bytes, 2).join(" ");
    let first_line = back_text.split_whitespace().take(2).collect::<Vec<_>>();
    assert_eq!(
        first_line,
        vec!["明白卡背面2", "明白卡背面1"],
        "{back_text}"
    );
}

#[test]
fn full_length_marks_never_cross_a_card() {
    let fronts: Vec<_> = (1..=8).map(|n| card_page(&format!("卡{n}"))).collect();
    let options = CardOptions {
        marks: CardMarks::FullLength,
        ..CardOptions::default()
    };
    let grid = card_grid(SizeMm::new(90.0, 54.0), &options).expect("grid");
    let sheets = card_sheets(&fronts, None, SizeMm::new(90.0, 54.0), &options).expect("cards");
    write("cards-full-length", &sheets);
    let marks = sheets[0].placements.last().expect("marks");
    let cards: Vec<_> = (0..grid.rows)
        .flat_map(|row| (0..grid.columns).map(move |column| grid.trim(row, column)))
        .collect();
    let mut count = 0;
    for (from, item) in &marks.page.items {
        let gongkai::layout::FrameItem::Line { to, .. } = item else {
            continue;
        };
        count += 1;
        for card in &cards {
            let bleed = (
                card.x_mm - 3.0,
                card.y_mm - 3.0,
                card.right_mm() + 3.0,
                card.bottom_mm() + 3.0,
            );
            let mid = ((from.x_mm + to.x_mm) / 2.0, (from.y_mm + to.y_mm) / 2.0);
            let inside = |x: f32, y: f32| x > bleed.0 && x < bleed.2 && y > bleed.1 && y < bleed.3;
            assert!(
                !inside(mid.0, mid.1) && !inside(from.x_mm, from.y_mm) && !inside(to.x_mm, to.y_mm),
                "mark {from:?}→{to:?} inside a card"
            );
        }
    }
    assert!(count > 16, "{count} marks");
}

/// The village template's board tiled on A4 as the export does it.
fn village_tiles(request: gongkai::compose::ExportRequest) -> gongkai::jobs::Exported {
    let project = crate::own_project::filled_in_village();
    let mut engine = gongkai::layout::LayoutEngine::new(FontSet::bundled());
    gongkai::jobs::export_project(
        &mut engine,
        &project,
        &gongkai::compose::ExportRequest {
            mode: gongkai::compose::ExportMode::Tiles,
            ..request
        },
    )
    .expect("tiles")
}

#[test]
fn the_village_board_prints_fewer_a4_sheets_without_its_blank_ones() {
    use gongkai::compose::ExportRequest;
    let all = village_tiles(ExportRequest {
        skip_blank_tiles: false,
        ..ExportRequest::default()
    });
    let skipping = village_tiles(ExportRequest::default());
    let blank = all.pages - skipping.pages;
    assert!(
        blank >= 1,
        "{} sheets with blanks, {} without",
        all.pages,
        skipping.pages
    );
    let overview = skipping.page_lines()[0].concat();
    assert!(
        overview.contains(&format!("另 {blank} 张空白，未打印")),
        "{overview}"
    );
    assert_eq!(
        overview.matches("空白，未打印").count(),
        blank + 1,
        "each blank sheet is marked on the overview: {overview}"
    );
    // Tiles are numbered among the printed sheets only.
    let last = skipping.page_lines()[skipping.pages - 1].concat();
    let printed = skipping.pages - 1;
    assert!(
        last.contains(&format!("第 {printed} 张，共 {printed} 张")),
        "{last}"
    );
    eprintln!(
        "village board on A4: {} sheets, {} printed when blank sheets are skipped",
        all.pages - 1,
        printed
    );
}

#[test]
fn fit_to_sheets_reduces_the_board_onto_that_many_sheets() {
    let board = SizeMm::new(2400.0, 1200.0);
    let grid = tile_grid(
        board,
        &TileOptions {
            fit_sheets: Some((3, 2)),
            ..TileOptions::default()
        },
    )
    .expect("fits");
    assert_eq!((grid.columns, grid.rows), (3, 2));
    assert!(grid.scale < 0.5 && grid.scale > 0.2, "{}", grid.scale);
    // Wide board: landscape sheets give the larger scale.
    assert!(grid.landscape);
    let sheets = tile_sheets(
        &FontSet::bundled(),
        board_page(),
        "青禾镇政务公开栏",
        &TileOptions {
            fit_sheets: Some((3, 2)),
            skip_blank: false,
            ..TileOptions::default()
        },
    )
    .expect("tiles");
    assert_eq!(sheets.len(), 1 + 6);
    let bytes = write("tiles-fit-3x2", &sheets);
    let first = pdftotext_lines(&bytes, 2).join("\n");
    assert!(first.contains("已缩小为"), "{first}");
    let error = tile_grid(
        board,
        &TileOptions {
            fit_sheets: Some((0, 2)),
            ..TileOptions::default()
        },
    )
    .expect_err("0 sheets");
    assert!(error.to_string().contains("--fit-sheets"), "{error}");
}

#[test]
fn toner_saving_prints_the_bands_as_outlines_with_their_text_in_the_band_colour() {
    use gongkai::compose::impose::toner_saving_page;
    use gongkai::layout::FrameItem;
    let project = crate::own_project::filled_in_village();
    let mut engine = gongkai::layout::LayoutEngine::new(FontSet::bundled());
    let board = &project.boards[0];
    let layout = engine.layout_board(&project, &board.id).expect("layout");
    let saved = toner_saving_page(&layout.page);
    let solid_area = |page: &Page| -> f32 {
        page.items
            .iter()
            .filter_map(|(_, item)| match item {
                FrameItem::Rect {
                    size_mm,
                    fill: Some(fill),
                    ..
                } if *fill != board.theme.background
                    && u32::from(fill.0) + u32::from(fill.1) + u32::from(fill.2) < 600 =>
                {
                    Some(size_mm.width_mm * size_mm.height_mm)
                }
                _ => None,
            })
            .sum()
    };
    assert!(
        solid_area(&saved) < solid_area(&layout.page) * 0.5,
        "the solid bands are gone: {} of {} mm²",
        solid_area(&saved),
        solid_area(&layout.page)
    );
    // The white text of the bands (the board's title) takes the band's colour.
    let recoloured = layout
        .page
        .items
        .iter()
        .zip(&saved.items)
        .filter(|((_, before), (_, after))| match (before, after) {
            (FrameItem::Text(before), FrameItem::Text(after)) => {
                before.color == gongkai::model::Rgb::WHITE && after.color != before.color
            }
            _ => false,
        })
        .count();
    assert!(
        recoloured >= 1,
        "the title on the header band is recoloured"
    );
}
