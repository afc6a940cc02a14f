//! The designer, driven headless through the accessibility tree (egui_kittest): what a clerk
//! clicks and types, and what the app shows and keeps afterwards.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gongkai::model::Block;
use gongkai::ui::{Command, GongkaiApp, Selection};

fn harness(app: GongkaiApp) -> Harness<'static, GongkaiApp> {
    crate::support::app_harness(app)
}

fn sample() -> Harness<'static, GongkaiApp> {
    harness(GongkaiApp::open(None))
}

/// Selects the item 监督说明 (p12-2) through the outline: its panel 监督举报, then the item's
/// entry (the panel inspector lists the item too).
fn select_supervision_note(harness: &mut Harness<'static, GongkaiApp>) {
    harness.get_by_label("监督举报").click();
    harness.run();
    harness
        .get_all_by_label("监督说明")
        .next()
        .expect("outline entry")
        .click();
    harness.run();
}

fn panel_title(harness: &Harness<'_, GongkaiApp>, panel_id: &str) -> String {
    harness.state().project.boards[0]
        .panel(panel_id)
        .map(|panel| panel.title.clone())
        .unwrap_or_default()
}

#[test]
fn the_sample_opens_with_its_outline_in_chinese() {
    let harness = sample();
    harness.get_by_label("单位：青禾镇人民政府");
    harness.get_by_label_contains("青禾镇人民政府政务公开栏（2400×1200 毫米）");
    for panel in ["机构概况", "收费标准", "财务收支", "监督举报"] {
        harness.get_by_label(panel);
    }
    harness.get_by_label_contains("便民服务联系卡（90×54 毫米，8 张）");
}

#[test]
fn renaming_a_panel_shows_everywhere_and_undo_redo_restore_it() {
    let mut harness = sample();
    harness.get_by_label("收费标准").click();
    harness.run();
    assert_eq!(
        harness.state().selection,
        Selection::panel("board-1", "p04")
    );
    let field = harness.get_by_label("栏目名称");
    field.focus();
    field.type_text("（2025年）");
    harness.run();
    // The typing ends when the field loses focus: one undo step for the whole burst.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(panel_title(&harness, "p04"), "收费标准（2025年）");
    harness.get_by_label("收费标准（2025年）");
    harness.state_mut().run_command(Command::Undo);
    harness.run();
    assert_eq!(panel_title(&harness, "p04"), "收费标准");
    harness.get_by_label("收费标准");
    harness.state_mut().run_command(Command::Redo);
    harness.run();
    assert_eq!(panel_title(&harness, "p04"), "收费标准（2025年）");
    assert!(
        harness.state().title().starts_with('●'),
        "unsaved marker: {}",
        harness.state().title()
    );
}

#[test]
fn editing_an_item_text_changes_the_project_and_marks_the_change_day() {
    let mut harness = sample();
    select_supervision_note(&mut harness);
    assert_eq!(harness.state().selection.item_id.as_deref(), Some("p12-2"));
    let field = harness.get_by_label("段落文字");
    field.focus();
    field.type_text("新增：每月第一个周一为镇长接待日。");
    harness.run();
    let item = harness.state().project.item("p12-2").expect("item").clone();
    let Block::Paragraph { text } = &item.blocks[0] else {
        panic!("paragraph expected")
    };
    assert!(
        text.ends_with("新增：每月第一个周一为镇长接待日。"),
        "{text}"
    );
    assert_eq!(item.disclosure.changed_on, Some(harness.state().today));
}

#[test]
fn adding_and_deleting_a_panel() {
    let mut harness = sample();
    harness.get_by_label("添加栏目").click();
    harness.run();
    let board = &harness.state().project.boards[0];
    assert_eq!(board.panels.len(), 13);
    let new_id = board.panels[12].id.clone();
    assert_eq!(
        harness.state().selection,
        Selection::panel("board-1", &new_id)
    );
    harness.get_by_label("新栏目");
    harness.get_by_label("删除栏目").click();
    harness.run();
    assert_eq!(harness.state().project.boards[0].panels.len(), 12);
    assert!(harness.query_by_label("新栏目").is_none());
    harness.state_mut().run_command(Command::Undo);
    harness.run();
    assert_eq!(harness.state().project.boards[0].panels.len(), 13);
}

#[test]
fn dragging_a_panel_snaps_it_to_the_grid_as_one_undo_step() {
    let mut harness = sample();
    let start = harness.state().project.boards[0]
        .panel("p12")
        .expect("p12")
        .rect_mm;
    let rect = harness.state().panel_screen_rect("p12").expect("on screen");
    assert!(
        rect.width() > 20.0,
        "the board is fitted to the window: {rect:?}"
    );
    let grab = rect.center();
    let steps_before = harness.state().history.undo_len();
    harness.drag_at(grab);
    harness.run();
    for step in 1..=5 {
        harness.hover_at(grab + egui::vec2(-10.0, -6.0) * step as f32);
        harness.run();
    }
    harness.drop_at(grab + egui::vec2(-50.0, -30.0));
    harness.run();
    let moved = harness.state().project.boards[0]
        .panel("p12")
        .expect("p12")
        .rect_mm;
    assert_ne!(
        (moved.x_mm, moved.y_mm),
        (start.x_mm, start.y_mm),
        "the panel moved"
    );
    let on_grid = |value: f32| (value / 10.0 - (value / 10.0).round()).abs() < 0.001;
    let on_a_guide = |value: f32| {
        harness.state().project.boards[0]
            .panels
            .iter()
            .filter(|panel| panel.id != "p12")
            .any(|panel| {
                (panel.rect_mm.x_mm - value).abs() < 0.01
                    || (panel.rect_mm.right_mm() - value).abs() < 0.01
            })
    };
    assert!(
        on_grid(moved.x_mm) || on_a_guide(moved.x_mm),
        "x {} snapped",
        moved.x_mm
    );
    assert!(
        on_grid(moved.y_mm) || (moved.y_mm - start.y_mm).abs() < 0.01,
        "y {} snapped",
        moved.y_mm
    );
    assert_eq!(
        harness.state().history.undo_len(),
        steps_before + 1,
        "one step for the drag"
    );
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut harness = sample();
    harness.get_by_label("添加栏目").click();
    harness.run();
    harness.state_mut().run_command(Command::New);
    harness.run();
    harness.get_by_label_contains("有未保存的更改。要先保存吗？");
    harness.get_by_label("取消").click();
    harness.run();
    assert_eq!(
        harness.state().project.boards[0].panels.len(),
        13,
        "cancel keeps the work"
    );
    harness.state_mut().run_command(Command::New);
    harness.run();
    harness.get_by_label("不保存").click();
    harness.run();
    // Then the template chooser: the town template is the sample again.
    harness.get_by_label("乡镇政务公开栏").click();
    harness.run();
    harness.get_by_label("创建").click();
    harness.run();
    assert_eq!(harness.state().project.boards[0].panels.len(), 12);
    assert!(!harness.state().is_dirty());
}

#[test]
fn save_as_writes_the_file_typed_in_the_path_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("青禾镇");
    let mut harness = sample();
    harness.state_mut().run_command(Command::SaveAs);
    harness.run();
    let field = harness.get_by_label("文件路径：");
    field.focus();
    field.type_text(path.to_str().expect("utf-8"));
    harness.run();
    harness.get_by_label("确定保存").click();
    harness.run();
    let written = dir.path().join("青禾镇.gongkai.json");
    let loaded = gongkai::model::load_project(&written).expect("saved file loads");
    assert_eq!(loaded, harness.state().project);
    assert!(
        harness.state().title().starts_with("青禾镇.gongkai.json"),
        "{}",
        harness.state().title()
    );
}

#[test]
fn a_broken_file_keeps_the_sample_open_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.gongkai.json");
    std::fs::write(&path, "{ broken").expect("write");
    let harness = harness(GongkaiApp::open(Some(path.clone())));
    harness.get_by_label_contains("bad.gongkai.json");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "{ broken");
}

#[test]
fn the_catalog_checklist_shows_missing_entries() {
    let mut harness = sample();
    harness.get_by_label("公开目录").click();
    harness.run();
    harness.get_by_label("这块公开栏已有 15 / 29 个对外公开事项");
    harness.get_by_label("√ 收费标准");
    harness.get_by_label("× 缺 审计结果");
    // 机关内部事务 is 对内: never on the board, so not missing from it.
    harness.get_by_label("· 机关内部事务（对内公开，不上公开栏）");
    assert!(harness.query_by_label("× 缺 机关内部事务").is_none());
}

#[test]
fn recovery_file_is_written_and_offered_after_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recovery = dir.path().join("recovery.gongkai.json");
    let mut app = GongkaiApp::open(None);
    app.files.enable_recovery(Some(recovery.clone()));
    app.project.meta.unit_name = "白沙镇人民政府".into();
    app.write_recovery_file();
    assert!(recovery.exists());
    let mut next = GongkaiApp::open(None);
    next.files.enable_recovery(Some(recovery.clone()));
    let mut harness = harness(next);
    harness.get_by_label("恢复").click();
    harness.run();
    assert_eq!(harness.state().project.meta.unit_name, "白沙镇人民政府");
    assert!(harness.state().is_dirty());
}

#[test]
fn exporting_the_board_writes_a_pdf_in_the_background() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("青禾镇公开栏");
    let mut harness = sample();
    harness.state_mut().run_command(Command::Export);
    harness.run();
    harness.get_by_label_contains("共 1 页");
    let field = harness.get_by_label("文件路径：");
    field.focus();
    field.type_text(path.to_str().expect("utf-8"));
    harness.run();
    harness.get_by_label("确定导出").click();
    harness.run();
    harness.state_mut().wait_for_export();
    harness.run();
    let written = dir.path().join("青禾镇公开栏.pdf");
    let bytes = std::fs::read(&written).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"));
    harness.get_by_label_contains("已写出");
    harness.get_by_label("打开所在文件夹");
    let done = harness.state().export.done.clone().expect("done");
    assert_eq!((done.path, done.pages), (written, 1));
}

#[test]
fn tiles_preview_counts_the_sheets() {
    let mut harness = sample();
    harness.state_mut().run_command(Command::Export);
    harness.run();
    harness
        .get_by_label("分页拼贴（办公室打印机 A4/A3）")
        .click();
    harness.run();
    let pages = (1..400)
        .find(|pages| {
            harness
                .query_by_label(&format!("共 {pages} 页。"))
                .is_some()
        })
        .expect("a page count is shown");
    assert!(
        pages > 10,
        "2400×1200 on A4 needs many sheets plus an overview: {pages}"
    );
}

fn fixture_app(today: (i32, u32, u32)) -> GongkaiApp {
    // A copy of its own: the app locks the project it opens, and tests run side by side.
    let dir = tempfile::tempdir().expect("tempdir").keep();
    let fixture = dir.join("qinghe.gongkai.json");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json"),
        &fixture,
    )
    .expect("copy the fixture");
    let mut app = GongkaiApp::open(Some(fixture));
    app.today = chrono::NaiveDate::from_ymd_opt(today.0, today.1, today.2).expect("date");
    app
}

#[test]
fn the_dashboard_lists_what_is_overdue_and_selects_it_on_click() {
    let mut harness = harness(fixture_app((2026, 11, 28)));
    harness.get_by_label("公开时效").click();
    harness.run();
    harness.get_by_label("今天：2026年11月28日");
    let schedule = harness.state().schedule();
    let late = schedule
        .iter()
        .find(|entry| entry.status.needs_action())
        .expect("the 2025 fixture has late items in late 2026")
        .clone();
    harness
        .get_by_label_contains(&format!("【{}】{}", late.status.label_zh(), late.title))
        .click();
    harness.run();
    assert_eq!(
        harness.state().selection.item_id.as_deref(),
        Some(late.item_id.as_str())
    );
    // The outline shows the same status next to the item.
    harness.get_by_label("结构").click();
    harness.run();
    harness.get_by_label(&format!("{}【{}】", late.title, late.status.label_zh()));
}

#[test]
fn publishing_stamps_changed_items_saves_and_archives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("town.gongkai.json");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    std::fs::copy(&fixture, &path).expect("copy");
    let mut app = GongkaiApp::open(Some(path.clone()));
    app.today = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).expect("date");
    let mut harness = harness(app);
    // Edit an item: its content changes today, so publishing stamps it.
    harness
        .state_mut()
        .apply_edit(gongkai::model::Edit::SetItemBlocks {
            item_id: "p05-2".into(),
            blocks: vec![Block::paragraph("二〇二六年度财务收支情况已经镇人大审议。")],
            changed_on: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        });
    harness.get_by_label("公开时效").click();
    harness.run();
    harness.get_by_label("发布（盖公开日期并存档）…").click();
    harness.run();
    harness.get_by_label_contains("将盖上公开日期2027年3月1日");
    harness.get_by_label("确认发布").click();
    harness.run();
    let saved = gongkai::model::load_project(&path).expect("saved");
    let item = saved.item("p05-2").expect("item");
    assert_eq!(
        item.disclosure.published_on,
        chrono::NaiveDate::from_ymd_opt(2027, 3, 1)
    );
    assert!(!saved.log.is_empty(), "the publication is in the 台账");
    assert!(dir.path().join("town-archive").join("2027-03-01").is_dir());
    assert!(!harness.state().is_dirty());
}

/// 发布 on another day than today: the preview refuses it until a reason is given, and the
/// reason goes into the 台账 with the 公开日期 chosen.
#[test]
fn another_publication_day_needs_a_reason_in_the_ledger() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("town.gongkai.json");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    std::fs::copy(&fixture, &path).expect("copy");
    let mut app = GongkaiApp::open(Some(path.clone()));
    app.today = chrono::NaiveDate::from_ymd_opt(2027, 3, 3).expect("date");
    let mut harness = harness(app);
    harness
        .state_mut()
        .apply_edit(gongkai::model::Edit::SetItemBlocks {
            item_id: "p05-2".into(),
            blocks: vec![Block::paragraph("二〇二六年度财务收支情况已经镇人大审议。")],
            changed_on: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        });
    harness.get_by_label("公开时效").click();
    harness.run();
    harness.get_by_label("发布（盖公开日期并存档）…").click();
    harness.run();
    let put_up = chrono::NaiveDate::from_ymd_opt(2027, 3, 1);
    harness
        .state_mut()
        .publish_preview
        .as_mut()
        .expect("preview")
        .other_day = put_up;
    harness.run();
    harness.get_by_label_contains("请写明原因");
    // The reason field is there; the reason is what the clerk writes into it.
    harness.get_by_label("公开日期不是今天的原因（记入公开台账）");
    harness
        .state_mut()
        .publish_preview
        .as_mut()
        .expect("preview")
        .reason = "3月1日已张贴，今日补录".into();
    harness.run();
    harness.get_by_label("确认发布").click();
    harness.run();
    let saved = gongkai::model::load_project(&path).expect("saved");
    assert_eq!(
        saved.item("p05-2").expect("item").disclosure.published_on,
        put_up
    );
    let entry = saved.log.last().expect("entry");
    assert_eq!(entry.date, put_up);
    assert!(
        entry.summary.contains("3月1日已张贴，今日补录"),
        "{}",
        entry.summary
    );
}

/// The fixture saved in a temporary folder, with a photo beside it, opened in the designer.
fn project_in_folder() -> (tempfile::TempDir, Harness<'static, GongkaiApp>) {
    let folder = tempfile::tempdir().expect("tempdir");
    let project =
        gongkai::model::load_project(std::path::Path::new("tests/fixtures/qinghe.gongkai.json"))
            .expect("fixture");
    let path = folder.path().join("青禾镇.gongkai.json");
    gongkai::model::save_project(&project, &path).expect("save");
    std::fs::create_dir(folder.path().join("图片")).expect("folder");
    let photo = image::RgbImage::from_fn(300, 200, |x, _| image::Rgb([(x % 256) as u8, 90, 60]));
    photo
        .save(folder.path().join("图片/办公楼.jpg"))
        .expect("photo");
    std::fs::write(folder.path().join("说明.txt"), "不是图片").expect("text file");
    let harness = harness(GongkaiApp::open(Some(path)));
    (folder, harness)
}

/// Gives 监督说明 (p12-2) an image block with `path`, as if loaded from the file.
fn add_picture_block(harness: &mut Harness<'_, GongkaiApp>, path: &str, width_mm: Option<f32>) {
    let mut project = harness.state().project.clone();
    let item = project
        .items
        .iter_mut()
        .find(|item| item.id == "p12-2")
        .expect("item");
    item.blocks.push(Block::Image {
        path: path.to_owned(),
        caption: String::new(),
        width_mm,
    });
    harness.state_mut().project = project;
}

#[test]
fn a_picture_chosen_for_an_image_block_is_stored_relative_and_shown() {
    let (folder, mut harness) = project_in_folder();
    harness.state_mut().selection = Selection::item("board-1", "p12", "p12-2");
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "图片")
        .click();
    harness.run();
    let blocks = harness
        .state()
        .project
        .item("p12-2")
        .expect("item")
        .blocks
        .clone();
    assert!(
        matches!(blocks.last(), Some(Block::Image { .. })),
        "an image block was added: {blocks:?}"
    );
    harness.get_by_label_contains("还没有图片");
    harness.get_by_label("选择图片…").click();
    harness.run();

    // A file that is no picture is refused with the reason; the block stays empty.
    let field = harness.get_by_label("文件路径：");
    field.focus();
    field.type_text(folder.path().join("说明.txt").to_str().expect("utf-8"));
    harness.run();
    harness.get_by_label("使用此图片").click();
    harness.run();
    harness
        .get_all_by_label_contains("不是 PNG 或 JPEG")
        .next()
        .expect("reason shown");
    let image_path = |harness: &Harness<'_, GongkaiApp>| {
        let item = harness.state().project.item("p12-2").expect("item").clone();
        item.blocks.iter().find_map(|block| match block {
            Block::Image { path, .. } => Some(path.clone()),
            _ => None,
        })
    };
    assert_eq!(image_path(&harness).as_deref(), Some(""));

    // The photo beside the project is taken, stored relative to the project's folder.
    let field = harness.get_by_label("文件路径：");
    field.focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field.type_text(
        folder
            .path()
            .join("图片/办公楼.jpg")
            .to_str()
            .expect("utf-8"),
    );
    harness.run();
    harness.get_by_label("使用此图片").click();
    harness.run();
    assert_eq!(image_path(&harness).as_deref(), Some("图片/办公楼.jpg"));
    harness.get_by_label("JPEG，300×200 像素");
    assert!(harness.state().picture_problems().is_empty());
    // Narrower than the column (100 mm), so it fits the 监督举报 panel.
    harness.get_by_label("与栏宽相同").click();
    harness.run();
    let layout = harness.state().last_layout().expect("layout");
    assert!(layout.page.items.iter().any(|(_, item)| matches!(
        item,
        gongkai::layout::FrameItem::Image { path, .. } if path.ends_with("图片/办公楼.jpg")
    )));
    // Undo takes back the width, then the picture.
    harness.state_mut().run_command(Command::Undo);
    harness.run();
    harness.state_mut().run_command(Command::Undo);
    harness.run();
    assert_eq!(image_path(&harness).as_deref(), Some(""));
}

#[test]
fn a_missing_picture_is_listed_and_selects_its_item() {
    let (folder, mut harness) = project_in_folder();
    add_picture_block(&mut harness, "图片/已删除.jpg", None);
    harness.run();
    let finding = harness
        .get_all_by_label_contains("找不到图片文件")
        .next()
        .expect("listed");
    finding.click();
    harness.run();
    assert_eq!(harness.state().selection.item_id.as_deref(), Some("p12-2"));
    drop(folder);
}

#[test]
fn a_panel_can_have_its_own_fonts_and_sizes() {
    let mut harness = sample();
    harness.get_by_label("收费标准").click();
    harness.run();
    harness.get_by_label_contains("与公开栏相同");
    harness.get_by_label("本栏使用自己的字体与字号").click();
    harness.run();
    let style = |harness: &Harness<'_, GongkaiApp>| {
        harness.state().project.boards[0]
            .panel("p04")
            .and_then(|panel| panel.style.clone())
    };
    assert_eq!(
        style(&harness),
        Some(harness.state().project.boards[0].style.clone()),
        "starts as a copy of the board's style"
    );
    // 正文字体 → 黑体: the panel's body lines are set in the sans face, other panels not.
    harness
        .get_all_by_label("黑体")
        .nth(1)
        .expect("body font choice")
        .click();
    harness.run();
    assert_eq!(
        style(&harness).map(|style| style.body_font),
        Some(gongkai::model::FontFamily::Sans)
    );
    let layout = harness.state().last_layout().expect("layout");
    let body_faces = |panel: &str| {
        layout
            .lines
            .iter()
            .filter(|line| {
                line.panel_id.as_deref() == Some(panel)
                    && matches!(
                        line.kind,
                        gongkai::layout::LineKind::Body | gongkai::layout::LineKind::TableCell
                    )
            })
            .map(|line| line.face)
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(
        body_faces("p04"),
        [gongkai::fonts::FaceId::SANS].into(),
        "收费标准 in 黑体"
    );
    assert!(!body_faces("p01").contains(&gongkai::fonts::FaceId::SANS));
    harness.get_by_label("本栏使用自己的字体与字号").click();
    harness.run();
    assert_eq!(style(&harness), None);
}

#[test]
fn ctrl_shift_z_redoes_and_ctrl_shift_s_saves_as() {
    let mut harness = sample();
    harness
        .state_mut()
        .apply_edit(gongkai::model::Edit::RenamePanel {
            board_id: "board-1".into(),
            panel_id: "p04".into(),
            title: "收费公示".into(),
        });
    harness.run();
    let shift_ctrl = egui::Modifiers::COMMAND | egui::Modifiers::SHIFT;
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(panel_title(&harness, "p04"), "收费标准");
    harness.key_press_modifiers(shift_ctrl, egui::Key::Z);
    harness.run();
    assert_eq!(
        panel_title(&harness, "p04"),
        "收费公示",
        "redone, not undone again"
    );
    harness.key_press_modifiers(shift_ctrl, egui::Key::S);
    harness.run();
    assert_eq!(
        harness.state().files.purpose,
        Some(gongkai::ui::FilePurpose::SaveAs)
    );
}

#[test]
fn recovered_work_goes_back_to_its_own_file() {
    let (folder, _) = project_in_folder();
    let project_path = folder.path().join("青禾镇.gongkai.json");
    let recovery = folder.path().join("recovery.gongkai.json");
    let mut app = GongkaiApp::open(Some(project_path.clone()));
    app.files.enable_recovery(Some(recovery.clone()));
    app.project.meta.unit_name = "白沙镇人民政府".into();
    app.write_recovery_file();
    // The crash: the process ends (and with it its lock on the project); the next start
    // finds the recovery file.
    drop(app);
    let mut next = GongkaiApp::open(None);
    next.files.enable_recovery(Some(recovery));
    let mut harness = harness(next);
    harness.get_by_label("恢复").click();
    harness.run();
    assert_eq!(
        harness.state().path.as_deref(),
        Some(project_path.as_path())
    );
    assert!(harness.state().is_dirty(), "unsaved changes to that file");
    harness.get_by_label("● 有未保存的更改");
    harness.state_mut().run_command(Command::Save);
    harness.run();
    let saved = gongkai::model::load_project(&project_path).expect("saved");
    assert_eq!(saved.meta.unit_name, "白沙镇人民政府");
}

#[test]
fn save_as_over_another_file_asks_first() {
    let (folder, mut harness) = project_in_folder();
    let other = folder.path().join("别的.gongkai.json");
    std::fs::write(&other, "别动我").expect("other file");
    harness.state_mut().project.meta.unit_name = "白沙镇人民政府".into();
    harness.run();
    // A message does not hide that the work is unsaved.
    harness.state_mut().say("已导出 x.pdf");
    harness.run();
    harness.get_by_label("● 有未保存的更改");
    harness.state_mut().run_command(Command::SaveAs);
    harness.run();
    let field = harness.get_by_label("文件路径：");
    field.focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field.type_text(other.to_str().expect("utf-8"));
    harness.run();
    harness.get_by_label("确定保存").click();
    harness.run();
    harness.get_by_label_contains("已经存在。再点一次");
    assert_eq!(std::fs::read_to_string(&other).expect("read"), "别动我");
    harness.get_by_label("确定保存").click();
    harness.run();
    let replaced = gongkai::model::load_project(&other).expect("replaced");
    assert_eq!(replaced.meta.unit_name, "白沙镇人民政府");
}

#[test]
fn a_picture_put_in_place_later_is_picked_up_without_an_edit() {
    let (folder, mut harness) = project_in_folder();
    add_picture_block(&mut harness, "图片/地图.png", Some(100.0));
    harness.run();
    assert_eq!(harness.state().picture_problems().len(), 1, "not there yet");
    // The clerk copies the picture into the folder: wide, 2:1.
    image::RgbImage::from_pixel(400, 200, image::Rgb([10, 120, 60]))
        .save(folder.path().join("图片/地图.png"))
        .expect("picture");
    harness.run();
    harness.run();
    assert!(harness.state().picture_problems().is_empty());
    let layout = harness.state().last_layout().expect("layout");
    let size = layout
        .page
        .items
        .iter()
        .find_map(|(_, item)| match item {
            gongkai::layout::FrameItem::Image { size_mm, path } if path.ends_with("地图.png") => {
                Some(*size_mm)
            }
            _ => None,
        })
        .expect("placed");
    assert!(
        (size.height_mm - 50.0).abs() < 0.01,
        "{size:?}: 100 mm wide, 2:1"
    );
}

#[test]
fn a_number_cut_across_lines_is_a_warning_in_the_findings_list() {
    let mut app = fixture_app((2026, 3, 2));
    let item = app.project.item_mut("p12-2").expect("item");
    item.blocks.push(Block::paragraph(format!(
        "档案编号{}",
        "1234567890".repeat(8)
    )));
    let harness = harness(app);
    harness.get_by_label_contains("被强行断在");
    // A warning, not an error: it does not stop the export.
    harness.get_by_label_contains("：栏目“监督举报”中“");
    let cut = harness
        .state()
        .findings()
        .into_iter()
        .find(|listed| listed.text.contains("被强行断在"))
        .expect("the cut is listed");
    assert!(cut.finding.line_zh().starts_with("警告："), "{cut:?}");
    assert!(!cut.finding.blocks_export);
}

/// A list is typed one entry per line: Enter at the end of the last entry starts the next one
/// (the line break used to vanish, so the next entry ran on into the last).
#[test]
fn enter_at_the_end_of_a_list_starts_the_next_entry() {
    let mut app = GongkaiApp::open(None);
    app.project.item_mut("p12-2").expect("item").blocks = vec![Block::List {
        ordered: true,
        entries: vec!["来信：青禾镇纪委".into()],
    }];
    let mut harness = harness(app);
    select_supervision_note(&mut harness);
    let field = harness.get_by_label("列表条目");
    field.focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness
        .get_by_label("列表条目")
        .type_text("来电：0000-6612301");
    harness.run();
    let item = harness.state().project.item("p12-2").expect("item").clone();
    let Block::List { entries, .. } = &item.blocks[0] else {
        panic!("list expected")
    };
    assert_eq!(entries, &["来信：青禾镇纪委", "来电：0000-6612301"]);
}

/// The findings list names each item the schedule wants published or renewed, as
/// `gongkai check` does (the list said 未发现问题 beside boards full of 内容过期 badges).
#[test]
fn the_findings_list_counts_the_items_needing_action() {
    let today = chrono::NaiveDate::from_ymd_opt(2025, 9, 2).expect("date");
    // A copy: the app locks the project it opens (issue 27), and other tests read the fixture.
    let folder = tempfile::tempdir().expect("tempdir");
    let copy = folder.path().join("qinghe.gongkai.json");
    std::fs::copy(crate::support::fixture_path(), &copy).expect("copy");
    let app = GongkaiApp::open_on(Some(copy), today);
    let needing_action = gongkai::schedule::project_schedule(&app.project, today)
        .iter()
        .filter(|entry| entry.status.needs_action())
        .count();
    assert!(
        needing_action > 0,
        "the fixture has items to renew on {today}"
    );
    let harness = harness(app);
    let listed = harness.state().findings();
    let schedule_lines = listed
        .iter()
        .filter(|listed| matches!(listed.finding.kind, gongkai::jobs::FindingKind::Schedule(_)))
        .count();
    assert_eq!(schedule_lines, needing_action);
    harness.get_by_label(&format!("{} 个问题（点击定位）", listed.len()));
}

#[test]
fn a_five_step_flowchart_with_a_branch_is_built_in_the_inspector_one_undo_step_per_click() {
    use gongkai::model::Flowchart;
    let mut harness = sample();
    select_supervision_note(&mut harness);
    let blocks_before = harness
        .state()
        .project
        .item("p12-2")
        .expect("item")
        .blocks
        .len();
    harness.get_by_label("办事流程图").click();
    harness.run();
    let chart = |harness: &Harness<'static, GongkaiApp>| -> Flowchart {
        match harness
            .state()
            .project
            .item("p12-2")
            .expect("item")
            .blocks
            .last()
        {
            Some(Block::Flowchart(chart)) => chart.clone(),
            other => panic!("a flowchart last, found {other:?}"),
        }
    };
    // The new chart starts with four steps, the second a 是/否 question.
    assert_eq!(chart(&harness).steps.len(), 4);
    // A pointer click, as a clerk's: the step rows fit the 属性 panel, so the canvas never
    // reaches under it and takes the click.
    harness.get_by_label("加一步").click();
    harness.run();
    assert_eq!(
        chart(&harness).steps.len(),
        5,
        "加一步 did nothing; selection {:?}; the app said {:?}",
        harness.state().selection,
        harness
            .state()
            .notice
            .as_ref()
            .map(|notice| notice.text.clone())
    );
    let field = harness.get_by_label("第5步");
    field.focus();
    field.type_text("归档");
    harness.run();
    let field = harness.get_by_label("第3步办理时限");
    field.focus();
    field.type_text("5个工作日");
    harness.run();
    // Typing is one gesture until the field loses focus.
    harness.key_press(egui::Key::Escape);
    harness.run();
    let built = chart(&harness);
    assert_eq!(built.steps[4].text, "归档");
    assert!(built.steps[2].time_limit.ends_with("5个工作日"));
    assert_eq!(
        built
            .steps
            .iter()
            .filter(|step| step.no_branch.is_some())
            .count(),
        1,
        "one branch"
    );
    // Laid out: 5 step boxes and the 否 box, arrows between them.
    let mut engine = gongkai::layout::LayoutEngine::new(gongkai::fonts::FontSet::bundled());
    let style = engine
        .flow_style(
            &gongkai::model::TextStyle::default(),
            &gongkai::model::Theme::default(),
        )
        .scaled_to(12.0);
    let flow = engine.flow_blocks(None, &[Block::Flowchart(built.clone())], 150.0, &style);
    let (_, diagram) = &flow.diagrams[0];
    assert_eq!(diagram.boxes.len(), 6);
    assert_eq!(diagram.arrows.len(), 5);
    // Reorder: the last step up, one click; undo puts it back.
    harness.get_by_label("第5步上移").click();
    harness.run();
    assert_eq!(chart(&harness).steps[3].text, "归档");
    harness.state_mut().run_command(Command::Undo);
    harness.run();
    assert_eq!(chart(&harness).steps[4].text, "归档");
    // Branch a step and remove another: each is one click.
    harness.get_by_label("第4步是/否判断").click();
    harness.run();
    assert!(chart(&harness).steps[3].no_branch.is_some());
    harness.state_mut().run_command(Command::Undo);
    harness.run();
    assert!(chart(&harness).steps[3].no_branch.is_none());
    assert!(
        harness
            .state()
            .project
            .item("p12-2")
            .expect("item")
            .blocks
            .len()
            == blocks_before + 1
    );
}

/// 公开时效设置: the fixed disclosure days typed in the app are the project's (one undoable
/// edit), and 年度/半年 name the days; a bad day is refused with a message, nothing changed.
#[test]
fn the_calendar_settings_set_the_fixed_days_and_the_view_day_moves_the_statuses() {
    let mut harness = harness(fixture_app((2025, 9, 2)));
    harness.get_by_label("公开时效").click();
    harness.run();
    harness.get_by_label("公开时效设置…").click();
    harness.run();
    harness.get_by_label("半年（每年3月1日、8月31日）");
    // What 应用 does with the typed days: a month that does not exist is refused, in Chinese;
    // good days become the project's settings.
    let settings = harness.state().project.settings.clone();
    let mut draft = harness
        .state()
        .calendar_settings
        .clone()
        .expect("the settings window");
    draft.disclosure_days = "3-1, 13-1".into();
    assert_eq!(
        draft.apply_to(&settings).expect_err("refused"),
        "公开日“13-1”不存在"
    );
    draft.disclosure_days = "3-1，9-30".into();
    let changed = draft.apply_to(&settings).expect("applied");
    assert!(
        harness
            .state_mut()
            .apply_edit(gongkai::model::Edit::SetSettings(changed))
    );
    let days = harness.state().project.settings.disclosure_days.clone();
    assert_eq!(
        days,
        vec![
            gongkai::model::MonthDay::new(3, 1),
            gongkai::model::MonthDay::new(9, 30)
        ]
    );
    assert_eq!(
        harness.state().project.settings.holidays,
        settings.holidays,
        "the holiday list round-trips through its text"
    );
    // 查看日期: on 2025-01-20 nothing was late yet.
    let late_today = harness
        .state()
        .schedule()
        .iter()
        .filter(|row| row.status.needs_action())
        .count();
    assert!(late_today > 0);
    harness.state_mut().view_day = chrono::NaiveDate::from_ymd_opt(2025, 1, 20);
    harness.run();
    harness.get_by_label_contains("正在查看2025年1月20日的公开时效");
    assert!(
        harness
            .state()
            .schedule()
            .iter()
            .all(|row| !row.status.needs_action())
    );
}
