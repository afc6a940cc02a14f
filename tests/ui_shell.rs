//! The app shell, driven headless through the accessibility tree (egui_kittest).
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gongkai::ui::{GongkaiApp, Selection, install_fonts};

fn harness(app: GongkaiApp) -> Harness<'static, GongkaiApp> {
    Harness::builder()
        .with_size([1400.0, 860.0])
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut GongkaiApp| app.app_ui(ui), app)
}

#[test]
fn the_sample_opens_with_its_outline_in_chinese() {
    let harness = harness(GongkaiApp::open(None));
    harness.get_by_label("公开栏设计器");
    harness.get_by_label("单位：青禾镇人民政府");
    harness.get_by_label_contains("青禾镇人民政府政务公开栏（2400×1200 毫米）");
    for panel in ["机构概况", "收费标准", "财务收支", "监督举报"] {
        harness.get_by_label(panel);
    }
    harness.get_by_label_contains("便民服务联系卡（90×54 毫米，8 张）");
}

#[test]
fn opening_a_panel_and_clicking_an_item_selects_it() {
    let mut harness = harness(GongkaiApp::open(None));
    harness.get_by_label("收费标准").click();
    harness.run();
    harness
        .get_by_label("行政事业性收费及经营服务性收费标准")
        .click();
    harness.run();
    assert_eq!(
        harness.state().selection,
        Selection::Item {
            board_id: "board-1".into(),
            panel_id: "p04".into(),
            item_id: "p04-1".into(),
        }
    );
    harness.get_by_label("公开时限：半年");
    harness.get_by_label("公开主体：财政所");
}

#[test]
fn a_broken_file_opens_the_sample_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.gongkai.json");
    std::fs::write(&path, "{ broken").expect("write");
    let harness = harness(GongkaiApp::open(Some(path.clone())));
    harness.get_by_label_contains("bad.gongkai.json");
    harness.get_by_label_contains("已打开示例项目");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "{ broken");
}
