//! 明白卡 designed like boards: a card from a template, a panel moved on its face, fields,
//! the 名单 grid (paste, add, edit), the record navigator, and the export — one card per
//! household, each back behind its front. Also: format 1 files migrate and print the same
//! cards; a household whose text does not fit is named; filter and sort on the command line.
//! Every person here is invented; ID numbers are generated with valid check characters.

use crate::support::{gongkai, id_number, pdftotext_lines, word_boxes};
use egui_kittest::kittest::Queryable;
use gongkai::catalog::{CardTemplate, card_from_template, sample_project};
use gongkai::compose::{ExportMode, ExportRequest, compose_export, fill_placeholders};
use gongkai::fonts::FontSet;
use gongkai::layout::{FrameItem, LayoutEngine};
use gongkai::model::{Block, CardSide, ColumnKind, Edit, Project, load_project};
use gongkai::ui::{Command, GongkaiApp};
use std::path::Path;

const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 17] = [
    "桂兰", "建国", "秀英", "德明", "玉梅", "志强", "春花", "海涛", "淑芬", "长林", "凤琴", "立平",
    "金宝", "秋菊", "满仓", "小燕", "国富",
];

/// The invented head of household `index` (unique for the first 204).
fn head(index: usize) -> String {
    format!("{}{}", SURNAMES[index % 12], GIVEN[index % 17])
}

/// The rows a clerk copies from a WPS sheet: a header, then one row per household (the
/// policy text of every fifth household in quotes, with a line break, as WPS copies it).
fn pasted_households(count: usize) -> String {
    let mut text = "户号\t户主\t村民小组\t补贴项目\t面积/人数\t补贴标准\t补贴金额\t发放方式\t发放日期\t政策依据\r\n"
        .to_owned();
    for index in 0..count {
        let area = 2.0 + (index % 7) as f32 * 0.5;
        let basis = if index % 5 == 0 {
            "\"耕地地力保护补贴\r\n按确权面积发放\"".to_owned()
        } else {
            "耕地地力保护补贴按确权面积发放".to_owned()
        };
        text.push_str(&format!(
            "{:04}\t{}\t{}组\t耕地地力保护补贴\t{area:.1} 亩\t105.5 元/亩\t{:.2}\t“一卡通”直达\t2026年6月30日\t{basis}\r\n",
            index + 1,
            head(index),
            ["一", "二", "三"][index % 3],
            area * 105.5
        ));
    }
    text
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date")
}

/// The lines of the canvas's laid-out face.
fn canvas_text(harness: &egui_kittest::Harness<'_, GongkaiApp>) -> String {
    harness
        .state()
        .last_layout()
        .map(|layout| {
            layout
                .page
                .items
                .iter()
                .filter_map(|(_, item)| match item {
                    FrameItem::Text(run) => Some(run.text.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("")
        })
        .unwrap_or_default()
}

#[test]
fn a_clerk_makes_subsidy_cards_for_30_households_previews_one_and_prints_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = GongkaiApp::open_on(None, day());
    {
        let mut meta = app.project().meta.clone();
        meta.consult_phone = "0000-6612302".into();
        app.apply_edit(gongkai::model::Edit::SetMeta(meta));
    }
    let mut harness = crate::support::app_harness(app);

    // 新建明白卡 from the 惠农补贴明白卡 template.
    harness.get_by_label("新建明白卡…").click();
    harness.run();
    harness.get_by_label("惠农补贴明白卡").click();
    harness.run();
    harness.get_by_label("创建").click();
    harness.run();
    let (card_id, side) = {
        let (card, side) = harness
            .state()
            .current_card()
            .expect("the new card is shown");
        assert_eq!(card.name, "惠农补贴明白卡");
        (card.id.clone(), side)
    };
    assert_eq!(side, CardSide::Front);
    harness.get_by_label("正面");
    harness.get_by_label("背面");

    // The 名单: the template's samples (said to be invented) cleared, 29 households pasted,
    // one typed in.
    harness.get_by_label("名单…").click();
    harness.run();
    let sample_warning = |harness: &egui_kittest::Harness<'_, GongkaiApp>| {
        harness
            .query_all_by_label_contains("是模板自带的虚构示例")
            .count()
    };
    assert_eq!(
        sample_warning(&harness),
        2,
        "the samples are named as such, in the 名单 window and in 检查结果"
    );
    harness.get_by_label("清空名单").click();
    harness.run();
    assert_eq!(sample_warning(&harness), 0);
    harness.get_by_label("粘贴").focus();
    harness.run();
    harness.event(egui::Event::Paste(pasted_households(29)));
    harness.run();
    harness.get_by_label("添加粘贴的行").click();
    harness.run();
    let card_of = |harness: &egui_kittest::Harness<'_, GongkaiApp>| {
        harness
            .state()
            .project()
            .card(&card_id)
            .cloned()
            .expect("card")
    };
    assert_eq!(card_of(&harness).records.len(), 29);
    assert_eq!(card_of(&harness).records[5]["户主"], head(5));
    assert_eq!(
        card_of(&harness).records[0]["政策依据"],
        "耕地地力保护补贴\n按确权面积发放",
        "a quoted cell keeps its line break"
    );
    harness.get_by_label("添加一行").click();
    // The grid scrolls to the new row over a few frames.
    harness.run_steps(12);
    assert_eq!(card_of(&harness).records.len(), 30);
    for (field, value) in [
        ("户号", "0030"),
        ("户主", head(29).as_str()),
        ("村民小组", "三组"),
    ] {
        let label = format!("第30行{field}");
        let cell = harness.get_by_label(&label);
        cell.focus();
        cell.type_text(value);
        harness.run();
    }
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(card_of(&harness).records[29]["户主"], head(29));
    assert_eq!(card_of(&harness).records[29]["户号"], "0030");

    // The navigator (the 名单 window closed): back to the first household, then ▶ to the 17th.
    harness.state_mut().cards.records_open = None;
    harness.state_mut().cards.preview.insert(card_id.clone(), 0);
    harness.run();
    harness.get_by_label("1 / 30");
    for _ in 0..16 {
        harness.get_by_label("▶").click();
        harness.run();
    }
    harness.get_by_label("17 / 30");
    let shown = canvas_text(&harness);
    assert!(
        shown.contains(&head(16)),
        "record 17 on the canvas: {shown}"
    );
    assert!(shown.contains("0017"));
    assert!(!shown.contains(&head(15)));

    // Move the 户主信息 panel on the face: snapped, one undo step.
    let face_id = gongkai::model::CardDesign::face_id(&card_id, CardSide::Front);
    let panel_id = format!("{face_id}-2");
    let panel_rect = |harness: &egui_kittest::Harness<'_, GongkaiApp>| {
        harness
            .state()
            .project()
            .board(&face_id)
            .and_then(|face| face.panel(&panel_id))
            .expect("panel")
            .rect_mm
    };
    let start = panel_rect(&harness);
    let rect = harness
        .state()
        .panel_screen_rect(&panel_id)
        .expect("on screen");
    let steps_before = harness.state().doc.history().undo_len();
    let grab = rect.center();
    harness.drag_at(grab);
    harness.run();
    for step in 1..=4 {
        harness.hover_at(grab + egui::vec2(6.0, 5.0) * step as f32);
        harness.run();
    }
    harness.drop_at(grab + egui::vec2(24.0, 20.0));
    harness.run();
    let moved = panel_rect(&harness);
    assert!(
        moved.x_mm > start.x_mm && moved.y_mm > start.y_mm,
        "{start:?} → {moved:?}"
    );
    assert_eq!(harness.state().doc.history().undo_len(), steps_before + 1);
    assert_eq!(
        harness.state().selection.primary_panel(),
        Some(panel_id.as_str())
    );

    // Insert a field into the selected panel: a line 发放方式：{发放方式}.
    harness.get_by_label("{发放方式}").click();
    harness.run();
    let blocks = harness
        .state()
        .project()
        .board(&face_id)
        .and_then(|face| face.panel(&panel_id))
        .map(|panel| panel.blocks.clone())
        .expect("blocks");
    assert!(
        blocks
            .iter()
            .any(|block| block.all_text().contains("发放方式：{发放方式}")),
        "{blocks:?}"
    );
    assert!(canvas_text(&harness).contains("“一卡通”直达"));

    // Export: the dialog picks this card; 30 cards 2-up with backs.
    harness.state_mut().run_command(Command::Export);
    harness.run();
    assert_eq!(harness.state().export.request.mode, ExportMode::Cards);
    assert_eq!(
        harness.state().export.request.cards.as_deref(),
        Some(card_id.as_str())
    );
    harness.get_by_label_contains("印 30 张");
    let path = dir.path().join("惠农补贴");
    let field = harness.get_by_label("文件路径：");
    field.focus();
    field.type_text(path.to_str().expect("utf-8"));
    harness.run();
    harness.get_by_label("确定导出").click();
    harness.run();
    harness.state_mut().wait_for_export();
    harness.run();
    let written = dir.path().join("惠农补贴.pdf");
    let done = harness.state().export.done.clone().expect("done");
    assert_eq!(done.path, written);
    assert_eq!(
        done.pages, 30,
        "15 sheets of fronts, each followed by its backs"
    );

    // Sheet s holds households 2s-1 and 2s: the fronts on page 2s-1, the backs on page 2s,
    // each back in the same row (long-edge duplex: one column, so the same place).
    for index in 0..30 {
        let sheet = index / 2;
        let front_page = 2 * sheet as u32 + 1;
        let name = head(index);
        let front = pdftotext_lines(&std::fs::read(&written).expect("pdf"), front_page).join("\n");
        assert!(
            front.contains(&name),
            "household {} on page {front_page}",
            index + 1
        );
        assert!(front.contains(&format!("{:04}", index + 1)));
        let boxes = |page| {
            word_boxes(&written, page)
                .into_iter()
                .filter(|(word, ..)| word.contains(&name))
                .map(|(_, x0, y0, x1, _)| (x0, x1, y0))
                .collect::<Vec<_>>()
        };
        let on_front = boxes(front_page);
        let on_back = boxes(front_page + 1);
        assert!(
            !on_front.is_empty() && !on_back.is_empty(),
            "{name} front and back"
        );
        let row = |y_pt: f32| (y_pt / (841.89 / 2.0)) as usize;
        assert_eq!(row(on_front[0].2), index % 2, "front row of {name}");
        assert_eq!(row(on_back[0].2), index % 2, "back row of {name}");
    }
}

/// 便民服务联系卡 10-up (2 × 5): each back is in the mirrored column of its front's.
#[test]
fn backs_sit_in_the_mirrored_column_on_a_10_up_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut project = sample_project(day());
    let mut card = card_from_template(&project, CardTemplate::Contact, None);
    card.records = crate::support::contact_records((0..14).map(head)).into();
    let name = card.name.clone();
    project.apply(Edit::AddCard(card)).expect("card");
    let file = dir.path().join("联系卡.gongkai.json");
    gongkai::model::save_project(&project, &file).expect("saved");
    let out = dir.path().join("联系卡.pdf");
    let output = gongkai(&[
        "export",
        file.to_str().expect("utf-8"),
        "--mode",
        "cards",
        "--cards",
        &name,
        "--date",
        "2026-06-01",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page_width_pt = 595.28;
    let column = |x_pt: f32| usize::from(x_pt > page_width_pt / 2.0);
    let pages = pdftotext_lines(&std::fs::read(&out).expect("pdf"), 1);
    assert!(!pages.is_empty());
    let find = |page: u32, name: &str| {
        word_boxes(&out, page)
            .into_iter()
            .find(|(word, ..)| word.contains(name))
            .map(|(_, x0, y0, ..)| (x0, y0))
    };
    for index in 0..14 {
        let name = head(index);
        // The sheet of fronts that holds the card (fronts on odd pages, backs after them).
        let front_page = (0..4)
            .map(|sheet| 2 * sheet + 1)
            .find(|page| find(*page, &name).is_some())
            .unwrap_or_else(|| panic!("{name} on a sheet of fronts"));
        let (front_x, front_y) = find(front_page, &name).expect("front");
        let (back_x, back_y) =
            find(front_page + 1, &name).unwrap_or_else(|| panic!("{name} on the back sheet"));
        assert_eq!(
            column(back_x),
            1 - column(front_x),
            "the back of {name} is in the mirrored column"
        );
        assert!(
            (front_y - back_y).abs() < 30.0,
            "the back of {name} is in the same row: {front_y} / {back_y}"
        );
    }
}

/// The text of each card's placement on the sheets, in order (fronts, and backs when asked).
fn card_texts(
    composed: &gongkai::compose::Composed,
    card_size_mm: gongkai::model::SizeMm,
    backs: bool,
) -> (Vec<String>, Vec<String>) {
    let mut fronts = Vec::new();
    let mut back_texts = Vec::new();
    for (index, sheet) in composed.sheets.iter().enumerate() {
        let texts: Vec<String> = sheet
            .placements
            .iter()
            .filter(|placement| placement.page.size_mm == card_size_mm)
            .map(|placement| {
                placement
                    .page
                    .items
                    .iter()
                    .filter_map(|(_, item)| match item {
                        FrameItem::Text(run) => Some(run.text.clone()),
                        _ => None,
                    })
                    .collect::<String>()
            })
            .collect();
        if backs && index % 2 == 1 {
            back_texts.extend(texts);
        } else {
            fronts.extend(texts);
        }
    }
    (fronts, back_texts)
}

fn without_spaces(text: &str) -> String {
    text.chars().filter(|ch| !ch.is_whitespace()).collect()
}

/// Every project file of format 1 in tests/fixtures loads, and its cards print the same text:
/// for each record, every line of the old front and back (fields filled) is on the card.
#[test]
fn every_format_1_fixture_loads_and_prints_the_same_cards() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(&root).expect("fixtures") {
        let path = entry.expect("entry").path();
        if !path.to_string_lossy().ends_with(".gongkai.json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let raw: serde_json::Value = serde_json::from_str(&text).expect("json");
        if raw["version"] != 1 {
            continue;
        }
        let project = load_project(&path).expect("a format 1 file loads");
        assert_eq!(project.version, gongkai::model::FORMAT_VERSION);
        for (card_index, card) in project.cards.iter().enumerate() {
            let old = &raw["cards"][card_index];
            let blocks = |side: &str| -> Vec<Block> {
                serde_json::from_value(old[side].clone()).unwrap_or_default()
            };
            let (old_front, old_back) = (blocks("front"), blocks("back"));
            assert_eq!(card.has_back(), !old_back.is_empty());
            let mut engine = LayoutEngine::new(FontSet::bundled());
            let request = ExportRequest {
                mode: ExportMode::Cards,
                cards: Some(card.id.clone()),
                ..ExportRequest::default()
            };
            let composed = compose_export(&mut engine, &project, &request).expect("composed");
            assert!(composed.problems.is_empty(), "{:?}", composed.problems);
            let (fronts, backs) = card_texts(&composed, card.size_mm, card.has_back());
            assert_eq!(
                fronts.len(),
                card.records.len().max(1),
                "one card per record"
            );
            assert_eq!(backs.len(), if card.has_back() { fronts.len() } else { 0 });
            for (record_index, record) in card.records.iter().enumerate() {
                for (old_blocks, printed) in [
                    (&old_front, &fronts[record_index]),
                    (&old_back, backs.get(record_index).unwrap_or(&String::new())),
                ] {
                    for block in old_blocks.iter() {
                        for line in block.all_text().lines() {
                            let filled = without_spaces(&fill_placeholders(line, record));
                            assert!(
                                without_spaces(printed).contains(&filled),
                                "{}: card {} record {} lost “{filled}”",
                                path.display(),
                                card.name,
                                record_index + 1
                            );
                        }
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "at least one format 1 card design was checked");
}

/// A household whose policy text does not fit is named by 户号 and 户主; the export refuses
/// it without --force and writes it with; personal numbers stay masked.
#[test]
fn an_overflowing_household_is_named_and_the_export_refuses_it_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut project: Project = sample_project(day());
    project.meta.consult_phone = "0000-6612302".into();
    let mut card = card_from_template(&project, CardTemplate::Subsidy, None);
    card.fields.push("身份证号".into());
    card.field_kinds
        .insert("身份证号".into(), ColumnKind::IdNumber);
    for (index, record) in card.records.iter_mut().enumerate() {
        record.insert("身份证号".into(), id_number(index));
    }
    // The household panel shows the (masked) ID number.
    if let Some(Block::KeyValue { pairs }) = card.faces.front.panels[1].blocks.first_mut() {
        pairs.push(gongkai::model::KeyValue::new("身份证号", "{身份证号}"));
    }
    card.records[6].insert("政策依据".into(), "补贴按确权面积发放，".repeat(60));
    let holder = card.records[6]["户主"].clone();
    let number = card.records[6]["户号"].clone();
    let name = card.name.clone();
    project.apply(Edit::AddCard(card)).expect("card");
    let file = dir.path().join("惠农.gongkai.json");
    gongkai::model::save_project(&project, &file).expect("saved");
    let out = dir.path().join("惠农.pdf");
    let export = |extra: &[&str]| {
        let mut args = vec![
            "export",
            file.to_str().expect("utf-8"),
            "--mode",
            "cards",
            "--cards",
            &name,
            "--date",
            "2026-06-01",
            "-o",
            out.to_str().expect("utf-8"),
        ];
        args.extend_from_slice(extra);
        gongkai(&args)
    };
    let refused = export(&[]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains(&format!("第 7 张（户号 {number}，户主 {holder}）")),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written without --force");
    let forced = export(&["--force"]);
    assert_eq!(
        forced.status.code(),
        Some(1),
        "written, with the problem said"
    );
    let bytes = std::fs::read(&out).expect("written with --force");
    let page = pdftotext_lines(&bytes, 1).join("\n");
    let full = id_number(0);
    assert!(!page.contains(&full), "ID numbers are masked");
    assert!(
        page.contains(&format!("{}**********{}", &full[..4], &full[14..])),
        "{page}"
    );

    // Filter and sort: 一组 only, by 户号 descending is not asked — ascending numbers.
    std::fs::remove_file(&out).expect("removed");
    let filtered = export(&["--force", "--filter", "村民小组=一组", "--sort", "户号"]);
    assert!(
        out.exists(),
        "{}",
        String::from_utf8_lossy(&filtered.stderr)
    );
    let bytes = std::fs::read(&out).expect("filtered");
    let first = pdftotext_lines(&bytes, 1).join("\n");
    assert!(
        first.contains("王桂兰") && first.contains("李建国"),
        "{first}"
    );
    assert!(!first.contains("张秀英"));
    let bad = export(&["--filter", "村民小组"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("字段=值"));
    let unknown = export(&["--sort", "门牌号"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("没有“门牌号”这一栏"));
}

/// The household whose card does not fit is a finding in `check` and in the app's list;
/// clicking it shows that household on the canvas.
#[test]
fn an_overflowing_household_is_a_finding_in_check_and_in_the_app() {
    let mut project = sample_project(day());
    project.meta.consult_phone = "0000-6612302".into();
    let mut card = card_from_template(&project, CardTemplate::Subsidy, None);
    card.records[6].insert("政策依据".into(), "补贴按确权面积发放，".repeat(60));
    let holder = card.records[6]["户主"].clone();
    let card_id = card.id.clone();
    project.apply(Edit::AddCard(card)).expect("card");
    let named = format!("第 7 张（户号 0007，户主 {holder}）");
    let problems = gongkai::jobs::export_problems(&project, None);
    assert!(
        problems.iter().any(|problem| problem.contains(&named)),
        "{problems:?}"
    );
    assert_eq!(
        problems
            .iter()
            .filter(|problem| problem.contains("放不下"))
            .count(),
        1,
        "only that household: {problems:?}"
    );

    let mut app = GongkaiApp::open_on(None, day());
    app.doc.replace_as_step(project);
    app.select_card(&card_id, CardSide::Front);
    let mut harness = crate::support::app_harness(app);
    harness.run();
    assert!(
        !canvas_text(&harness).contains(&holder),
        "household 1 shown first"
    );
    harness.get_by_label_contains(&named).click();
    harness.run();
    assert_eq!(harness.state().cards.preview.get(&card_id), Some(&6));
    assert!(canvas_text(&harness).contains(&holder));
    harness.get_by_label("7 / 12");
}

/// A card made from a template still holds invented households: `check`, the app's list and
/// the card export say so and name them until every one is replaced; a masked column does not
/// hide them.
#[test]
fn the_template_households_are_never_printed_as_if_they_were_real() {
    let mut project = sample_project(day());
    let card = card_from_template(&project, CardTemplate::Subsidy, None);
    let card_id = card.id.clone();
    let name = card.name.clone();
    assert_eq!(card.records[0]["户主"], "王桂兰");
    project.apply(Edit::AddCard(card)).expect("card");
    let request = ExportRequest {
        mode: ExportMode::Cards,
        cards: Some(name.clone()),
        card_backs: true,
        ..ExportRequest::default()
    };
    let sample_problems = |project: &Project| -> Vec<String> {
        let mut engine = LayoutEngine::new(FontSet::bundled());
        let exported =
            gongkai::jobs::export_project(&mut engine, project, &request).expect("exported");
        let checked = gongkai::jobs::export_problems(project, None);
        let listed: Vec<String> =
            gongkai::compose::cards::household_problems(&mut engine, project, &card_id)
                .into_iter()
                .filter(|problem| {
                    problem.kind == gongkai::compose::cards::ProblemKind::SampleRecords
                })
                .map(|problem| problem.message)
                .collect();
        let in_export: Vec<String> = exported
            .problems
            .into_iter()
            .filter(|problem| problem.contains("虚构示例"))
            .collect();
        assert_eq!(
            in_export, listed,
            "the export and the app's list say the same"
        );
        assert!(
            listed.iter().all(|message| checked.contains(message)),
            "check says it too: {checked:?}"
        );
        listed
    };
    let said = sample_problems(&project);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with(&format!(
            "明白卡“{name}”的名单里还有 12 户是模板自带的虚构示例（王桂兰、李建国、张秀英、刘德明、陈玉梅等）"
        )),
        "{}",
        said[0]
    );
    // The 补贴金额 column marked personal (masked on the card): still a sample.
    let mut card = project.card(&card_id).cloned().expect("card");
    card.field_kinds
        .insert("补贴金额".into(), ColumnKind::BankAccount);
    project.apply(Edit::SetCard(card.clone())).expect("kinds");
    assert_eq!(sample_problems(&project).len(), 1);
    // Eleven households replaced: the twelfth is still named.
    for (index, record) in card.records.iter_mut().enumerate().take(11) {
        record.insert("户主".into(), head(100 + index));
    }
    project.apply(Edit::SetCard(card.clone())).expect("edited");
    let said = sample_problems(&project);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("还有 1 户是模板自带的虚构示例（孙立平）"),
        "{}",
        said[0]
    );
    card.records.pop();
    project.apply(Edit::SetCard(card)).expect("removed");
    assert!(sample_problems(&project).is_empty());
}

/// Whether any two rectangles overlap by more than rounding.
fn any_overlap(rects: &[gongkai::model::RectMm]) -> Option<(usize, usize)> {
    (0..rects.len()).find_map(|first| {
        (first + 1..rects.len()).find_map(|second| {
            let (a, b) = (rects[first], rects[second]);
            let across = a.right_mm().min(b.right_mm()) - a.x_mm.max(b.x_mm);
            let down = a.bottom_mm().min(b.bottom_mm()) - a.y_mm.max(b.y_mm);
            (across > 0.01 && down > 0.01).then_some((first, second))
        })
    })
}

/// Every panel of both faces inside the card and none over another.
fn assert_laid_out_on_its_size(card: &gongkai::model::CardDesign) {
    let size = card.size_mm;
    for face in [&card.faces.front, &card.faces.back] {
        assert_eq!(face.size_mm, size);
        let rects: Vec<_> = face.panels.iter().map(|panel| panel.rect_mm).collect();
        for (panel, rect) in face.panels.iter().zip(&rects) {
            assert!(
                rect.x_mm >= -0.01
                    && rect.y_mm >= -0.01
                    && rect.right_mm() <= size.width_mm + 0.01
                    && rect.bottom_mm() <= size.height_mm + 0.01,
                "{} {:?} outside {size:?}",
                panel.title,
                rect
            );
        }
        assert_eq!(any_overlap(&rects), None, "{:?}", face.panels);
    }
}

/// The card on the canvas.
fn shown_card(harness: &egui_kittest::Harness<'_, GongkaiApp>) -> gongkai::model::CardDesign {
    harness
        .state()
        .current_card()
        .map(|(card, _)| card.clone())
        .expect("a card is shown")
}

/// The app on the sample, with a new card from the template `template` (its label in the
/// 新建明白卡 dialog) on the canvas.
fn app_with_new_card(template: &str) -> egui_kittest::Harness<'static, GongkaiApp> {
    let mut app = GongkaiApp::open_on(None, day());
    {
        let mut meta = app.project().meta.clone();
        meta.consult_phone = "0000-6612302".into();
        app.apply_edit(gongkai::model::Edit::SetMeta(meta));
    }
    let mut harness = crate::support::app_harness(app);
    harness.get_by_label("新建明白卡…").click();
    harness.run();
    harness.get_by_label(template).click();
    harness.run();
    harness.get_by_label("创建").click();
    harness.run();
    harness
}

/// A clerk makes a 低保待遇告知卡 (A6) and picks the business-card size: both faces are laid
/// out again (every panel on the card, none over another, the band across the top, 8 pt body),
/// the household's 户主 shows on the canvas in its own panel, and one undo restores the card.
#[test]
fn picking_the_business_card_size_lays_the_faces_out_again() {
    let mut harness = app_with_new_card("低保待遇告知卡");
    let before = shown_card(&harness);
    assert_eq!(before.size_mm, gongkai::model::SizeMm::new(148.0, 100.0));
    let holder = before.records[0]["户主"].clone();
    let steps_before = harness.state().doc.history().undo_len();

    assert_eq!(harness.query_all_by_label("90×54 毫米（名片）").count(), 1);
    harness.get_by_label("90×54 毫米（名片）").click();
    harness.run();
    let after = shown_card(&harness);
    assert_eq!(after.size_mm, gongkai::model::SizeMm::new(90.0, 54.0));
    assert_laid_out_on_its_size(&after);
    for face in [&after.faces.front, &after.faces.back] {
        let band = &face.panels[0];
        assert!(band.band);
        assert_eq!(
            band.rect_mm,
            gongkai::model::RectMm::new(
                0.0,
                0.0,
                90.0,
                gongkai::model::band_height_mm(after.size_mm)
            )
        );
        assert_eq!(face.style.body_pt, 8.0, "the business card's body size");
    }
    assert_eq!(harness.state().doc.history().undo_len(), steps_before + 1);

    // The household's 户主 is on the canvas, inside the 保障对象 panel and under no other.
    let holder_at = harness
        .state()
        .last_layout()
        .and_then(|layout| {
            layout.page.items.iter().find_map(|(at, item)| match item {
                FrameItem::Text(run) if run.text.contains(&holder) => Some(*at),
                _ => None,
            })
        })
        .unwrap_or_else(|| panic!("{holder} on the canvas: {}", canvas_text(&harness)));
    let inside = |rect: &gongkai::model::RectMm| {
        (rect.x_mm..=rect.right_mm()).contains(&holder_at.x_mm)
            && (rect.y_mm..=rect.bottom_mm()).contains(&holder_at.y_mm)
    };
    let holders: Vec<&str> = after
        .faces
        .front
        .panels
        .iter()
        .filter(|panel| inside(&panel.rect_mm))
        .map(|panel| panel.title.as_str())
        .collect();
    assert_eq!(holders, ["保障对象"], "{holder} at {holder_at:?}");
    // The check of every household (the findings' own) finds no panels over one another.
    let problems = {
        let project = harness.state().project();
        let mut engine = gongkai::layout::LayoutEngine::for_project(project);
        gongkai::compose::cards::household_problems(&mut engine, project, &after.id)
    };
    assert!(
        problems
            .iter()
            .all(|problem| { problem.kind != gongkai::compose::cards::ProblemKind::PanelsOverlap }),
        "{problems:?}"
    );

    // One undo step restores the card as it was.
    harness.state_mut().run_command(Command::Undo);
    harness.run();
    assert_eq!(shown_card(&harness), before);
}

/// The 低保 cards of invented households at the business-card size: the exported sheets show
/// every household's 户主, and nothing is said about panels over one another. Cards whose panels
/// do overlap (moved on top of each other) are refused by the export and named by `check`.
#[test]
fn a_resized_dibao_card_prints_every_household_and_overlaps_are_named() {
    let mut project = sample_project(day());
    project.meta.consult_phone = "0000-6612302".into();
    let mut card = card_from_template(&project, CardTemplate::Dibao, None);
    for (index, record) in card.records.iter_mut().enumerate() {
        record.insert("户主".into(), head(100 + index));
    }
    let heads: Vec<String> = card
        .records
        .iter()
        .map(|record| record["户主"].clone())
        .collect();
    card.set_size(gongkai::model::SizeMm::new(90.0, 54.0));
    assert_laid_out_on_its_size(&card);
    let name = card.name.clone();
    let card_id = card.id.clone();
    project.apply(Edit::AddCard(card.clone())).expect("card");
    let request = ExportRequest {
        mode: ExportMode::Cards,
        cards: Some(name.clone()),
        card_backs: true,
        ..ExportRequest::default()
    };
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let exported =
        gongkai::jobs::export_project(&mut engine, &project, &request).expect("exported");
    assert!(
        exported
            .problems
            .iter()
            .all(|problem| !problem.contains("重叠")),
        "{:?}",
        exported.problems
    );
    let text: String = (1..=exported.pages as u32)
        .flat_map(|page| pdftotext_lines(&exported.bytes, page))
        .collect::<Vec<_>>()
        .join("\n");
    for head in &heads {
        assert!(text.contains(head.as_str()), "{head} printed: {text}");
    }
    // Text that no longer fits is named per household, as ever.
    for problem in exported
        .problems
        .iter()
        .filter(|problem| problem.contains("放不下"))
    {
        assert!(problem.contains("张（户号"), "{problem}");
    }

    // 待遇标准 dragged over 保障对象 on the front: the export and check name the card, the
    // face and both panels.
    card.faces.front.panels[2].rect_mm = card.faces.front.panels[1].rect_mm;
    project.apply(Edit::SetCard(card)).expect("moved");
    let said = format!("明白卡“{name}”的正面：栏目“保障对象”与栏目“待遇标准”重叠");
    let exported =
        gongkai::jobs::export_project(&mut engine, &project, &request).expect("exported");
    let overlaps: Vec<&String> = exported
        .problems
        .iter()
        .filter(|problem| problem.contains("重叠"))
        .collect();
    assert_eq!(overlaps.len(), 1, "{overlaps:?}");
    assert!(overlaps[0].starts_with(&said), "{}", overlaps[0]);
    let checked = gongkai::jobs::export_problems(&project, None);
    assert!(
        checked.iter().any(|problem| problem.starts_with(&said)),
        "{checked:?}"
    );
    let listed = gongkai::compose::cards::household_problems(&mut engine, &project, &card_id);
    assert!(listed.iter().any(|problem| problem.kind
        == gongkai::compose::cards::ProblemKind::PanelsOverlap
        && problem.message.starts_with(&said)));
}

/// A field the faces use that the 名单 has as a column, but empty for every household (added
/// after an import): the cards print a blank there, never `{补贴项目}`, and the export names
/// it; 整列填写 in the 名单 window gives every household the same value in one undo step.
#[test]
fn an_empty_column_is_named_and_filled_for_every_household_at_once() {
    let mut project = sample_project(day());
    let mut card = card_from_template(&project, CardTemplate::Subsidy, None);
    card.records = (0..6)
        .map(|index| {
            let mut record = card.records[index].clone();
            record.remove("补贴项目");
            record.insert("户主".into(), head(index + 40));
            record
        })
        .collect();
    let card_id = card.id.clone();
    let name = card.name.clone();
    project.apply(Edit::AddCard(card)).expect("card");
    let request = ExportRequest {
        mode: ExportMode::Cards,
        cards: Some(name.clone()),
        card_backs: false,
        ..ExportRequest::default()
    };
    let exported = |project: &Project| {
        let mut engine = LayoutEngine::new(FontSet::bundled());
        gongkai::jobs::export_project(&mut engine, project, &request).expect("exported")
    };
    let before = exported(&project);
    let printed = before.page_lines().concat().concat();
    assert!(!printed.contains("{补贴项目}"), "{printed}");
    assert!(
        before
            .problems
            .iter()
            .any(|problem| problem.contains("的卡面用到{补贴项目}，但名单中这一栏每一户都是空的")),
        "{:?}",
        before.problems
    );
    let mut app = GongkaiApp::open_on(None, day());
    app.doc.replace_as_step(project);
    app.select_card(&card_id, CardSide::Front);
    let mut harness = crate::support::app_harness(app);
    harness.get_by_label("名单…").click();
    harness.run();
    harness.state_mut().cards.fill_field = "补贴项目".into();
    harness.run();
    let value = harness.get_by_label("一栏都填");
    value.focus();
    value.type_text("耕地地力保护补贴");
    harness.run();
    let steps = harness.state().doc.history().undo_len();
    harness.get_by_label("整列填写").click();
    harness.run();
    let project = harness.state().project().clone();
    let card = project.card(&card_id).expect("card");
    assert!(
        card.records
            .iter()
            .all(|record| record["补贴项目"] == "耕地地力保护补贴")
    );
    assert_eq!(harness.state().doc.history().undo_len(), steps + 1);
    let after = exported(&project);
    assert!(
        !after
            .problems
            .iter()
            .any(|problem| problem.contains("每一户都是空的")),
        "{:?}",
        after.problems
    );
    assert!(
        after
            .page_lines()
            .concat()
            .concat()
            .contains("耕地地力保护补贴")
    );
}

/// A card too small for its text overflows on every household: `check`, the app's list and
/// the export say it once per side, naming the first households, not once per card.
#[test]
fn overflow_on_every_card_is_said_once_per_side() {
    let mut project = sample_project(day());
    let mut card = card_from_template(&project, CardTemplate::Subsidy, None);
    for (index, record) in card.records.iter_mut().enumerate() {
        record.insert("户主".into(), head(index + 60));
    }
    card.set_size(gongkai::model::SizeMm::new(90.0, 54.0));
    let card_id = card.id.clone();
    let households = card.records.len();
    project.apply(Edit::AddCard(card)).expect("card");
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let problems = gongkai::compose::cards::household_problems(&mut engine, &project, &card_id);
    let overflows: Vec<&str> = problems
        .iter()
        .filter(|problem| problem.kind == gongkai::compose::cards::ProblemKind::Overflow)
        .map(|problem| problem.message.as_str())
        .collect();
    assert!(
        !overflows.is_empty() && overflows.len() <= 2,
        "{overflows:#?}"
    );
    assert!(
        overflows[0].contains(&format!("有 {households} 户的正面内容放不下（第 1 张")),
        "{}",
        overflows[0]
    );
    let checked = gongkai::jobs::export_problems(&project, None);
    assert!(
        checked
            .iter()
            .filter(|problem| problem.contains("内容放不下"))
            .count()
            <= 2,
        "{checked:#?}"
    );
}

/// Business cards with the print shop's 3 mm bleed fit 8 on an A4; the export says how many
/// fit without it, for the office printer, and a bleed of 0 gives that many.
#[test]
fn the_export_says_how_many_more_cards_fit_without_bleed() {
    let mut project = sample_project(day());
    let mut card = card_from_template(&project, CardTemplate::Contact, None);
    let cards: usize = 20;
    card.records =
        crate::support::contact_records((0..cards).map(|index| format!("网格员{index:02}"))).into();
    let name = card.name.clone();
    project.apply(Edit::AddCard(card)).expect("card");
    let export = |bleed_mm: Option<f32>| {
        let mut engine = LayoutEngine::new(FontSet::bundled());
        let request = ExportRequest {
            mode: ExportMode::Cards,
            cards: Some(name.clone()),
            card_backs: false,
            bleed_mm,
            ..ExportRequest::default()
        };
        gongkai::jobs::export_project(&mut engine, &project, &request).expect("exported")
    };
    let with_bleed = export(None);
    let note = with_bleed
        .notes
        .iter()
        .find(|note| note.contains("不留出血可排"))
        .unwrap_or_else(|| panic!("{:?}", with_bleed.notes))
        .clone();
    assert!(
        note.starts_with("每张A4排 8 张（每边留 3 毫米出血"),
        "{note}"
    );
    let without = export(Some(0.0));
    assert!(
        !without
            .notes
            .iter()
            .any(|note| note.contains("不留出血可排")),
        "{:?}",
        without.notes
    );
    assert_eq!(with_bleed.pages, cards.div_ceil(8), "{note}");
    assert!(note.contains("不留出血可排 10 张"), "{note}");
    assert_eq!(without.pages, cards.div_ceil(10), "{note}");
}

/// Dragging the card's 宽 resizes it on every frame: the faces are laid out from the card as
/// the drag found it each time, so the result is the card resized once to the final width.
#[test]
fn dragging_the_card_width_lays_the_faces_out_once_from_where_the_drag_began() {
    let mut harness = app_with_new_card("低保待遇告知卡");
    let before = shown_card(&harness);
    let steps_before = harness.state().doc.history().undo_len();
    let field = harness.get_by_label("宽").rect().center();
    harness.drag_at(field);
    harness.run();
    for step in 1..=12 {
        harness.hover_at(field - egui::vec2(5.0 * step as f32, 0.0));
        harness.run();
    }
    harness.drop_at(field - egui::vec2(60.0, 0.0));
    harness.run();
    let after = shown_card(&harness);
    assert!(
        after.size_mm.width_mm < before.size_mm.width_mm - 5.0,
        "{:?}",
        after.size_mm
    );
    let mut once = before.clone();
    once.set_size(after.size_mm);
    assert_eq!(
        after.faces, once.faces,
        "the card resized once, not frame by frame"
    );
    assert_eq!(harness.state().doc.history().undo_len(), steps_before + 1);
}
