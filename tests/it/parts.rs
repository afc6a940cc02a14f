//! Boards made of parts (issue 19): a 3600×1200 board in 3×1 parts with 30 mm bars prints
//! three sheets whose text is the board's text split at the bars; a panel across a bar is
//! found and stops the export; tiles tile each part; `gongkai new --parts`; the archive.

use crate::support::{
    assert_close, fixture, gongkai, load, page_box_mm, page_size_mm, pdftotext_lines, text,
};
use gongkai::compose::impose::{TileOptions, tile_grid};
use gongkai::compose::parts::bar_crossings;
use gongkai::compose::{ExportMode, ExportRequest, Paper, layout_as_printed};
use gongkai::fonts::FontSet;
use gongkai::jobs::export_project;
use gongkai::layout::{FrameItem, LayoutEngine};
use gongkai::model::{
    BoardParts, Edit, Project, RectMm, SizeMm, load_project, resize_with_panels, save_project,
};

const PARTS: usize = 3;
/// The middle of each bar: glyphs left of it print on the left part.
const BAR_MIDDLES_MM: [f32; 2] = [1195.0, 2405.0];

fn engine() -> LayoutEngine {
    LayoutEngine::new(FontSet::bundled())
}

/// The sample board stretched to 3600×1200 and divided into three doors, every panel kept
/// inside its door (as a clerk does after the preflight: narrowed to the door's edge).
fn three_doors() -> Project {
    let mut project = fixture();
    let board = project.boards[0].clone();
    let mut edits = resize_with_panels(&board, SizeMm::new(3600.0, 1200.0));
    edits.push(Edit::SetBoardParts {
        board_id: board.id.clone(),
        parts: Some(BoardParts::equal(3, 1, 30.0)),
    });
    project.apply(Edit::Batch(edits)).expect("divide");
    let board = project.boards[0].clone();
    let parts = board.part_rects();
    let mut edits = Vec::new();
    for panel in &board.panels {
        let rect = panel.rect_mm;
        let centre_mm = rect.x_mm + rect.width_mm / 2.0;
        let part = parts
            .iter()
            .find(|part| centre_mm < part.rect_mm.right_mm() + 15.0)
            .expect("a part");
        let inset_left = if part.column > 0 { 10.0 } else { 0.0 };
        let inset_right = if (part.column as usize) < PARTS - 1 {
            10.0
        } else {
            0.0
        };
        let left = rect.x_mm.max(part.rect_mm.x_mm + inset_left);
        let right = rect.right_mm().min(part.rect_mm.right_mm() - inset_right);
        edits.push(Edit::SetPanelRect {
            board_id: board.id.clone(),
            panel_id: panel.id.clone(),
            rect_mm: RectMm::new(left, rect.y_mm, right - left, rect.height_mm),
        });
    }
    project
        .apply(Edit::Batch(edits))
        .expect("panels inside doors");
    project
}

fn request(mode: ExportMode) -> ExportRequest {
    ExportRequest {
        mode,
        ..ExportRequest::default()
    }
}

/// The board's glyphs (in drawing order) sorted into the part on their side of each bar's
/// middle.
fn board_text_split_at_the_bars(project: &Project) -> Vec<String> {
    let layout = layout_as_printed(
        &mut engine(),
        project,
        &project.boards[0].id,
        ExportRequest::default().created.date_naive(),
    )
    .expect("layout");
    let mut texts = vec![String::new(); PARTS];
    for (origin, item) in &layout.page.items {
        let FrameItem::Text(run) = item else {
            continue;
        };
        for (index, glyph) in run.glyphs.iter().enumerate() {
            let next_mm = run.glyphs.get(index + 1).map_or(run.width_mm, |g| g.x_mm);
            let centre_mm = origin.x_mm + (glyph.x_mm + next_mm) / 2.0;
            let part = BAR_MIDDLES_MM
                .iter()
                .filter(|middle| centre_mm >= **middle)
                .count();
            texts[part].push(glyph.ch);
        }
    }
    texts
}

fn sorted_chars(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().filter(|ch| !ch.is_whitespace()).collect();
    chars.sort_unstable();
    chars
}

#[test]
fn three_doors_print_three_sheets_of_the_board_split_at_the_bars() {
    let project = three_doors();
    let exported =
        export_project(&mut engine(), &project, &request(ExportMode::Parts)).expect("export");
    assert!(exported.problems.is_empty(), "{:?}", exported.problems);
    assert_eq!(exported.pages, PARTS);
    let document = load(&exported.bytes);
    for page in 1..=PARTS as u32 {
        let trim = page_box_mm(&document, page, b"TrimBox").expect("TrimBox");
        assert!((trim[2] - trim[0] - 1180.0).abs() < 0.1, "{trim:?}");
        assert!((trim[3] - trim[1] - 1200.0).abs() < 0.1, "{trim:?}");
    }
    let expected = board_text_split_at_the_bars(&project);
    assert!(
        expected.iter().all(|text| text.chars().count() > 300),
        "{expected:?}"
    );
    for (index, expected) in expected.iter().enumerate() {
        let page_number = index as u32 + 1;
        // No bleed, no marks: nothing but the part's own glyphs on the page.
        let drawn: String = exported.page_lines()[index].concat();
        assert_eq!(&drawn, expected, "part {page_number}");
        // Read back from the PDF: the same characters, nothing lost, nothing doubled.
        let read_back = pdftotext_lines(&exported.bytes, page_number).concat();
        assert_eq!(
            sorted_chars(&read_back),
            sorted_chars(expected),
            "part {page_number} read back"
        );
    }
}

/// The document information of a PDF: (Title, Subject, Keywords).
fn info_strings(document: &lopdf::Document) -> (String, String, String) {
    let info_id = document
        .trailer
        .get(b"Info")
        .and_then(|info| info.as_reference())
        .expect("Info");
    let info = document.get_dictionary(info_id).expect("Info dict");
    let text = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|value| lopdf::decode_text_string(value).ok())
            .unwrap_or_default()
    };
    (text(b"Title"), text(b"Subject"), text(b"Keywords"))
}

/// Without bleed or marks a part's page is exactly the part (MediaBox = TrimBox = 1180×1200
/// mm: a print shop printing the page size gets the door), and which part it is goes into the
/// document's title and subject.
#[test]
fn a_part_page_without_bleed_or_marks_is_the_part_s_size() {
    let project = three_doors();
    let exported =
        export_project(&mut engine(), &project, &request(ExportMode::Parts)).expect("export");
    let document = load(&exported.bytes);
    for page in 1..=PARTS as u32 {
        let (width_mm, height_mm) = page_size_mm(&document, page);
        assert_close(width_mm, 1180.0, "page width");
        assert_close(height_mm, 1200.0, "page height");
        let media = page_box_mm(&document, page, b"MediaBox").expect("MediaBox");
        let trim = page_box_mm(&document, page, b"TrimBox").expect("TrimBox");
        for (media, trim) in media.iter().zip(trim) {
            assert_close(*media, trim, "TrimBox = MediaBox");
        }
    }
    let (title, subject, keywords) = info_strings(&document);
    let board = &project.boards[0].name;
    // Issue 28: the title names the unit too.
    let unit = project.meta.unit_name.trim();
    let expected = format!("{board}-分3块-每页一块");
    if unit.is_empty() || board.contains(unit) {
        assert_eq!(title, expected);
    } else {
        assert_eq!(title, format!("{unit} {expected}"));
    }
    assert_eq!(
        subject,
        "第 1 页：第 1 块 共 3 块（从左到右）；第 2 页：第 2 块 共 3 块（从左到右）；第 3 页：第 3 块 共 3 块（从左到右）"
    );
    assert_eq!(keywords, "分块");
    assert!(
        exported
            .notes
            .iter()
            .any(|note| note.contains("第 n 页即第 n 块")),
        "{:?}",
        exported.notes
    );
}

/// With 3 mm bleed and crop marks the label stands on the slug outside the trim: the trim is
/// the part, the label is on the page, the document's title is the board's.
#[test]
fn with_bleed_and_marks_the_part_s_label_is_on_the_slug() {
    let mut project = three_doors();
    // A board named for the office; the slug names it as printed, with the unit.
    project.boards[0].name = "东墙三门橱窗".into();
    project.boards[0].header.title = "{单位简称}政务公开栏".into();
    let request = ExportRequest {
        bleed_mm: Some(3.0),
        marks: true,
        ..request(ExportMode::Parts)
    };
    let exported = export_project(&mut engine(), &project, &request).expect("export");
    let document = load(&exported.bytes);
    for page in 1..=PARTS as u32 {
        let trim = page_box_mm(&document, page, b"TrimBox").expect("TrimBox");
        assert_close(trim[2] - trim[0], 1180.0, "trim width");
        assert_close(trim[3] - trim[1], 1200.0, "trim height");
        let bleed = page_box_mm(&document, page, b"BleedBox").expect("BleedBox");
        assert_close(bleed[2] - bleed[0], 1186.0, "bleed width");
        let (width_mm, height_mm) = page_size_mm(&document, page);
        assert!(
            width_mm > 1186.0 && height_mm > 1206.0,
            "{width_mm}×{height_mm}"
        );
        let label = format!("第 {page} 块 共 3 块（从左到右）　青禾镇政务公开栏");
        let lines = exported.page_lines()[page as usize - 1].concat();
        assert!(lines.contains(&label), "{lines}");
    }
    // The unit and the board (issue 28).
    assert_eq!(
        info_strings(&document).0,
        format!("{} {}", project.meta.unit_name, project.boards[0].name)
    );
}

#[test]
fn a_panel_moved_across_a_bar_is_found_and_stops_the_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doors.gongkai.json");
    let mut project = three_doors();
    let board_id = project.boards[0].id.clone();
    let panel = project.boards[0].panels[0].clone();
    project
        .apply(Edit::SetPanelRect {
            board_id,
            panel_id: panel.id.clone(),
            rect_mm: RectMm::new(900.0, panel.rect_mm.y_mm, 600.0, panel.rect_mm.height_mm),
        })
        .expect("move");
    save_project(&project, &path).expect("save");
    let file = path.to_str().expect("utf-8");
    let check = gongkai(&["check", file, "--today", "2026-03-02"]);
    let said = text(&check.stdout) + &text(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{said}");
    let finding = format!("栏目“{}”的文字跨越第 1、2 块之间的边框", panel.title);
    assert!(said.contains(&finding), "{said}");

    let out = dir.path().join("doors.pdf");
    let out_arg = out.to_str().expect("utf-8");
    let refused = gongkai(&["export", file, "--mode", "parts", "-o", out_arg]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains(&finding));
    assert!(text(&refused.stderr).contains("--force"));
    assert!(!out.exists(), "nothing written without --force");
    let forced = gongkai(&["export", file, "--mode", "parts", "--force", "-o", out_arg]);
    assert_eq!(forced.status.code(), Some(1));
    assert!(out.exists(), "written with --force");
}

#[test]
fn tiles_of_a_parted_board_tile_each_part() {
    let project = three_doors();
    let request = ExportRequest {
        skip_blank_tiles: false,
        ..request(ExportMode::Tiles)
    };
    let exported = export_project(&mut engine(), &project, &request).expect("tiles");
    let options = TileOptions {
        paper: Paper::A4,
        overlap_mm: 15.0,
        skip_blank: false,
        ..TileOptions::default()
    };
    let per_part = tile_grid(SizeMm::new(1180.0, 1200.0), &options)
        .expect("grid")
        .sheet_count() as usize
        + 1;
    assert_eq!(exported.pages, PARTS * per_part);
    let whole = tile_grid(SizeMm::new(3600.0, 1200.0), &options).expect("grid");
    assert_ne!(exported.pages, whole.sheet_count() as usize + 1);
    // Each part's overview sheet names the part.
    for part in 1..=PARTS {
        let overview = exported.page_lines()[(part - 1) * per_part].concat();
        assert!(
            overview.contains(&format!("第 {part} 块 共 3 块")),
            "{overview}"
        );
    }
    assert!(
        exported
            .notes
            .iter()
            .any(|note| note.contains("每块单独拼贴"))
    );
}

#[test]
fn a_board_without_parts_has_no_parts_export() {
    let error = export_project(&mut engine(), &fixture(), &request(ExportMode::Parts))
        .expect_err("no parts");
    assert!(error.to_string().contains("没有分块"), "{error}");
}

#[test]
fn new_with_board_size_and_parts_gives_three_doors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.gongkai.json");
    let output = gongkai(&[
        "new",
        "--board-size",
        "3600x1200",
        "--parts",
        "3x1",
        "--bar",
        "30",
        "--date",
        "2026-03-01",
        "-o",
        path.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let project = load_project(&path).expect("load");
    let board = &project.boards[0];
    assert_eq!(board.size_mm, SizeMm::new(3600.0, 1200.0));
    let parts: Vec<RectMm> = board.part_rects().iter().map(|part| part.rect_mm).collect();
    assert_eq!(
        parts,
        vec![
            RectMm::new(0.0, 0.0, 1180.0, 1200.0),
            RectMm::new(1210.0, 0.0, 1180.0, 1200.0),
            RectMm::new(2420.0, 0.0, 1180.0, 1200.0),
        ]
    );
    let bad = gongkai(&["new", "--parts", "three", "-o", "x.json"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_archive_keeps_the_parts_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doors.gongkai.json");
    let project = three_doors();
    save_project(&project, &path).expect("save");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let archive = gongkai::jobs::write_archive(&project, &path, today).expect("archive");
    let name = format!("公开栏-{}-分块.pdf", project.boards[0].name);
    let parts_pdf = archive.dir.join(&name);
    assert!(archive.files.contains(&parts_pdf), "{:?}", archive.files);
    let bytes = std::fs::read(parts_pdf).expect("read");
    assert_eq!(load(&bytes).get_pages().len(), PARTS);
}

/// `gongkai new --template village --parts 3x1`: the village's three columns stand one in
/// each door, so nothing crosses a bar (and nothing overflows).
#[test]
fn a_new_village_with_three_doors_has_no_bar_crossings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("village.gongkai.json");
    let output = gongkai(&[
        "new",
        "--template",
        "village",
        "--parts",
        "3x1",
        "--date",
        "2026-03-01",
        "-o",
        path.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let project = load_project(&path).expect("load");
    let board = &project.boards[0];
    let doors = board.part_rects();
    assert_eq!(doors.len(), 3);
    for (panel, door) in board.panels.iter().zip(&doors) {
        assert!(
            panel.rect_mm.x_mm >= door.rect_mm.x_mm
                && panel.rect_mm.right_mm() <= door.rect_mm.right_mm(),
            "{} in door {}: {:?}",
            panel.title,
            door.number,
            panel.rect_mm
        );
    }
    let layout = layout_as_printed(
        &mut engine(),
        &project,
        &board.id,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default(),
    )
    .expect("layout");
    assert_eq!(bar_crossings(board, &layout), Vec::new());
    assert!(layout.overflows.is_empty(), "{:?}", layout.overflows);
}

/// The "Done when", in the designer as a clerk does it: a village board, the 3 门橱窗
/// preset chosen in the board inspector, the panels that run under a bar listed among the
/// findings, dragged on the canvas until they sit inside their doors (their edges snap to the
/// doors' edges), the findings gone, and the parts export writing three door sheets.
#[cfg(feature = "gui")]
mod designer {
    use crate::own_project::{day, filled_in_village};
    use crate::support::{app_harness, load, page_box_mm, page_size_mm};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use gongkai::model::RectMm;
    use gongkai::ui::{Command, GongkaiApp, Selection};

    const DOOR_WIDTH_MM: f32 = 780.0;

    fn crossing_findings(harness: &Harness<'_, GongkaiApp>) -> Vec<String> {
        harness
            .state()
            .findings()
            .into_iter()
            .map(|finding| finding.text)
            .filter(|text| text.contains("跨越"))
            .collect()
    }

    fn panel_rect(harness: &Harness<'_, GongkaiApp>, panel_id: &str) -> RectMm {
        harness.state().project().boards[0]
            .panel(panel_id)
            .expect("panel")
            .rect_mm
    }

    /// The screen position of a point of the board.
    fn on_screen(harness: &Harness<'_, GongkaiApp>, x_mm: f32, y_mm: f32) -> egui::Pos2 {
        let transform = harness.state().canvas.last_transform.expect("drawn");
        transform.transform_pos(egui::pos2(x_mm, y_mm))
    }

    /// Presses at `from`, moves in small steps to `to` and lets go: the pointer's own path.
    fn drag(harness: &mut Harness<'_, GongkaiApp>, from: egui::Pos2, to: egui::Pos2) {
        harness.drag_at(from);
        harness.run();
        for step in 1..=6 {
            harness.hover_at(from + (to - from) * (step as f32 / 6.0));
            harness.run();
        }
        harness.drop_at(to);
        harness.run();
    }

    #[test]
    fn a_clerk_sets_three_doors_moves_the_panels_off_the_bars_and_prints_three_doors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = GongkaiApp::open_on(None, day());
        app.replace_project(filled_in_village(), None);
        let mut harness = app_harness(app);
        assert!(crossing_findings(&harness).is_empty(), "one piece: no bars");

        // The board inspector's 分块 section: 3 门橱窗.
        harness.state_mut().selection = Selection::board("board-1");
        harness.run();
        harness.get_by_label("分块预设").click();
        harness.run();
        harness.get_by_label("3 门橱窗（边框 30 毫米）").click();
        harness.run();
        let board = harness.state().project().boards[0].clone();
        let doors: Vec<RectMm> = board.part_rects().iter().map(|p| p.rect_mm).collect();
        assert_eq!(doors.len(), 3);
        assert_eq!(doors[0], RectMm::new(0.0, 0.0, DOOR_WIDTH_MM, 1200.0));
        harness.get_by_label_contains("共 3 块，每块 780×1200 毫米");
        // "第 n 块" stands in the ruler band above each door, off the board (and its title).
        let tags = harness.state().canvas.last_part_tags.clone();
        assert_eq!(tags.len(), 3);
        let board_on_screen = egui::Rect::from_min_max(
            on_screen(&harness, 0.0, 0.0),
            on_screen(&harness, 2400.0, 1200.0),
        );
        for (tag, door) in tags.iter().zip(&doors) {
            assert!(
                !tag.intersects(board_on_screen),
                "{tag:?} {board_on_screen:?}"
            );
            let centre_mm = door.x_mm + door.width_mm / 2.0;
            assert!((tag.center().x - on_screen(&harness, centre_mm, 0.0).x).abs() < 1.0);
        }

        // The template's outer columns run under the bars: listed, naming panel and bar.
        let found = crossing_findings(&harness);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].contains("栏目“党务公开”的表格跨越第 1、2 块之间的边框"),
            "{found:#?}"
        );
        assert!(found[1].contains("跨越第 2、3 块之间的边框"), "{found:#?}");
        harness.get_by_label_contains("跨越第 1、2 块之间的边框");

        // 党务公开: select it, drag its right edge a little past the first door's edge; it
        // snaps to the edge (780 mm), not to the pointer.
        let first = panel_rect(&harness, "panel-1");
        let centre = on_screen(&harness, first.x_mm + 200.0, first.y_mm + 300.0);
        harness.drag_at(centre);
        harness.run();
        harness.drop_at(centre);
        harness.run();
        assert_eq!(
            harness.state().selection,
            Selection::panel("board-1", "panel-1")
        );
        let mid_y_mm = first.y_mm + first.height_mm / 2.0;
        let handle = on_screen(&harness, first.right_mm(), mid_y_mm);
        let near_edge = on_screen(&harness, DOOR_WIDTH_MM - 4.0, mid_y_mm);
        let steps_before = harness.state().doc.history().undo_len();
        drag(&mut harness, handle, near_edge);
        let resized = panel_rect(&harness, "panel-1");
        assert_eq!(
            resized.right_mm(),
            DOOR_WIDTH_MM,
            "snapped to the door's edge"
        );
        assert_eq!(resized.x_mm, first.x_mm, "the left edge stays");
        assert_eq!(harness.state().doc.history().undo_len(), steps_before + 1);

        // 财务公开: dragged by its body to the right until its left edge meets the third
        // door's edge (it keeps its width, so the right margin narrows).
        let third = panel_rect(&harness, "panel-3");
        let third_door_left_mm = doors[2].x_mm;
        let grab = on_screen(&harness, third.x_mm + 300.0, third.y_mm + 300.0);
        let shift_mm = third_door_left_mm - third.x_mm - 3.0;
        let to = on_screen(&harness, third.x_mm + 300.0 + shift_mm, third.y_mm + 300.0);
        harness.state_mut().selection = Selection::panel("board-1", "panel-3");
        harness.run();
        drag(&mut harness, grab, to);
        let moved = panel_rect(&harness, "panel-3");
        assert_eq!(moved.y_mm, third.y_mm, "{moved:?}");
        assert!(
            moved.x_mm >= third_door_left_mm && moved.x_mm < third_door_left_mm + 1.0,
            "snapped inside the third door: {moved:?}"
        );

        assert_eq!(crossing_findings(&harness), Vec::<String>::new());
        assert!(harness.query_by_label_contains("跨越").is_none());

        // 导出 → 分块原大: three door sheets.
        harness.state_mut().run_command(Command::Export);
        harness.run();
        harness
            .get_by_label("分块原大（橱窗门、展板每块一页）")
            .click();
        harness.run();
        harness.get_by_label_contains("共 3 页");
        let path = dir.path().join("东湾村-三门橱窗");
        let field = harness.get_by_label("文件路径：");
        field.focus();
        field.type_text(path.to_str().expect("utf-8"));
        harness.run();
        harness.get_by_label("确定导出").click();
        harness.run();
        harness.state_mut().wait_for_export();
        harness.run();
        let written = dir.path().join("东湾村-三门橱窗.pdf");
        let bytes = std::fs::read(&written).expect("the PDF was written");
        let document = load(&bytes);
        assert_eq!(document.get_pages().len(), 3);
        for page in 1..=3 {
            let trim = page_box_mm(&document, page, b"TrimBox").expect("TrimBox");
            assert!((trim[2] - trim[0] - DOOR_WIDTH_MM).abs() < 0.1, "{trim:?}");
            assert!((trim[3] - trim[1] - 1200.0).abs() < 0.1, "{trim:?}");
            let (width_mm, height_mm) = page_size_mm(&document, page);
            assert!((width_mm - DOOR_WIDTH_MM).abs() < 0.1 && (height_mm - 1200.0).abs() < 0.1);
        }
    }
    /// 文件 → 新建 → 村务公开栏 with 分块 3 门橱窗: divided, and no panel crosses a bar.
    #[test]
    fn the_chooser_makes_a_village_of_three_doors_with_nothing_across_a_bar() {
        let mut harness = app_harness(GongkaiApp::open_on(None, day()));
        harness.state_mut().run_command(Command::New);
        harness.run();
        harness.get_by_label("村务公开栏").click();
        harness.run();
        harness.get_by_label("分块").click();
        harness.run();
        harness.get_by_label("3 门橱窗（边框 30 毫米）").click();
        harness.run();
        harness.get_by_label_contains("模板的各栏按块排好");
        harness.get_by_label("创建").click();
        harness.run();
        let board = harness.state().project().boards[0].clone();
        assert_eq!(board.part_rects().len(), 3);
        assert_eq!(board.panels[0].title, "党务公开");
        assert_eq!(board.panels[0].rect_mm.right_mm(), DOOR_WIDTH_MM - 15.0);
        assert!(harness.state_mut().board_layout().is_some());
        assert_eq!(crossing_findings(&harness), Vec::<String>::new());
        // The service guide offers no parts (its four columns would put a bar under the title).
        harness.state_mut().run_command(Command::New);
        harness.run();
        harness.get_by_label("便民服务中心办事指南栏").click();
        harness.run();
        assert!(harness.query_by_label("分块").is_none());
    }
}
