//! Frame-time and memory figures of the designer, headless (egui_kittest, no GPU): egui's
//! whole CPU side of a frame (our UI code, layout of the moved panel, text shaping, and
//! tessellation) while a panel of the qinghe board is dragged, and the resident memory after
//! zooming across the whole range; then a panel of a 惠农补贴明白卡 face dragged while the
//! card's 名单 holds 200 households (the canvas shows household 17 as it prints).
//!
//!     cargo run --release --example ui_frame_bench
//!     cargo run --release --example ui_frame_bench -- --large   (issue 32: 16× text, 10,000 households)
//!
//! (The GL upload/draw is not included: under Xvfb/Mesa it adds ~1–3 ms per frame.)

use egui_kittest::Harness;
use gongkai::catalog::{CardTemplate, card_from_template};
use gongkai::model::{CardSide, Edit, load_project};
use gongkai::ui::{Command, GongkaiApp, install_fonts};
use std::path::Path;
use std::time::Instant;

fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// One frame: egui's pass plus tessellation of what it painted.
fn frame(harness: &mut Harness<'_, GongkaiApp>) -> f64 {
    let start = Instant::now();
    harness.step();
    let output = harness.output().clone();
    let _meshes = harness
        .ctx
        .tessellate(output.shapes, output.pixels_per_point);
    start.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    if std::env::args().any(|arg| arg == "--large") {
        large_project();
        return;
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    let started = Instant::now();
    let mut app = GongkaiApp::open_on(
        None,
        chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"),
    );
    app.check_in_background();
    app.replace_project(load_project(&fixture).expect("fixture"), None);
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut GongkaiApp| app.app_ui(ui), app);
    harness.run();
    println!(
        "first frames (app + fonts + layout): {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    for _ in 0..5 {
        frame(&mut harness);
    }
    let idle: Vec<f64> = (0..30).map(|_| frame(&mut harness)).collect();
    println!("idle frame, board fitted: median {:.2} ms", median_ms(idle));

    // Zoom in so that body text is drawn as glyphs, then drag panel p06 around.
    for _ in 0..4 {
        harness.state_mut().run_command(Command::ZoomIn);
    }
    frame(&mut harness);
    let rect = harness
        .state()
        .panel_screen_rect("p06")
        .expect("p06 on screen");
    let grab = rect.center();
    harness.drag_at(grab);
    frame(&mut harness);
    let mut drag_ms = Vec::new();
    for step in 1..=120 {
        let offset = egui::vec2(
            (step as f32 * 0.7).sin() * 80.0,
            (step as f32 * 0.5).cos() * 40.0,
        );
        harness.hover_at(grab + offset);
        drag_ms.push(frame(&mut harness));
    }
    harness.drop_at(grab);
    frame(&mut harness);
    println!(
        "dragging a panel (re-layout of the moved panel included): median {:.2} ms, worst {:.2} ms over {} frames",
        median_ms(drag_ms.clone()),
        drag_ms.iter().cloned().fold(0.0, f64::max),
        drag_ms.len()
    );

    let before_zoom_mb = resident_mb();
    for _ in 0..3 {
        harness.state_mut().canvas.set_zoom(0.1);
        for _ in 0..40 {
            harness.state_mut().canvas.zoom_by(1.12);
            frame(&mut harness);
        }
        for _ in 0..40 {
            harness.state_mut().canvas.zoom_by(1.0 / 1.12);
            frame(&mut harness);
        }
    }
    println!(
        "memory: {:.0} MB before zooming, {:.0} MB after zooming 3× across 10 %–800 %",
        before_zoom_mb,
        resident_mb()
    );

    card_drag(&mut harness);
}

/// Drags a panel of a card face with 200 records in the design and the 17th on the canvas.
fn card_drag(harness: &mut Harness<'_, GongkaiApp>) {
    let (card_id, face_id) = {
        let app = harness.state_mut();
        let mut card = card_from_template(app.project(), CardTemplate::Subsidy, None);
        let samples = card.records.clone();
        card.records = (0..200)
            .map(|index| {
                let mut record = samples[index % samples.len()].clone();
                record.insert("户号".into(), format!("{:04}", index + 1));
                record
            })
            .collect();
        let card_id = card.id.clone();
        app.apply_edit(Edit::AddCard(card));
        app.select_card(&card_id, CardSide::Front);
        app.cards.preview.insert(card_id.clone(), 16);
        (
            card_id.clone(),
            gongkai::model::CardDesign::face_id(&card_id, CardSide::Front),
        )
    };
    harness.run();
    for _ in 0..5 {
        frame(harness);
    }
    let idle: Vec<f64> = (0..30).map(|_| frame(harness)).collect();
    let panel_id = format!("{face_id}-2");
    let rect = harness
        .state()
        .panel_screen_rect(&panel_id)
        .expect("card panel on screen");
    let grab = rect.center();
    harness.drag_at(grab);
    frame(harness);
    let mut drag_ms = Vec::new();
    for step in 1..=120 {
        let offset = egui::vec2(
            (step as f32 * 0.7).sin() * 60.0,
            (step as f32 * 0.5).cos() * 30.0,
        );
        harness.hover_at(grab + offset);
        drag_ms.push(frame(harness));
    }
    harness.drop_at(grab);
    frame(harness);
    println!(
        "card {card_id} (200 households, 17th shown): idle median {:.2} ms; dragging a panel: median {:.2} ms, worst {:.2} ms over {} frames",
        median_ms(idle),
        median_ms(drag_ms.clone()),
        drag_ms.iter().cloned().fold(0.0, f64::max),
        drag_ms.len()
    );
}

const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 17] = [
    "桂兰", "建国", "秀英", "德明", "玉梅", "志强", "春花", "海涛", "淑芬", "长林", "凤琴", "立平",
    "金宝", "秋菊", "满仓", "小燕", "国富",
];

/// The fixture with every item's blocks repeated 16 times.
fn sixteen_times_text(mut project: gongkai::model::Project) -> gongkai::model::Project {
    for item in &mut project.items {
        let blocks = item.blocks.clone();
        for _ in 1..16 {
            item.blocks.extend(blocks.iter().cloned());
        }
    }
    project
}

/// A 惠农补贴明白卡 for `count` invented households (户号 0001…, a name and group each).
fn subsidy_card(project: &gongkai::model::Project, count: usize) -> gongkai::model::CardDesign {
    let mut card = card_from_template(project, CardTemplate::Subsidy, None);
    let samples = card.records.clone();
    card.records = (0..count)
        .map(|index| {
            let mut record = samples[index % samples.len()].clone();
            record.insert("户号".into(), format!("{:05}", index + 1));
            let name = format!("{}{}", SURNAMES[(index + 5) % 12], GIVEN[index % 17]);
            record.insert("户主".into(), name);
            let group = ["一组", "二组", "三组", "四组", "五组"][index / 6 % 5];
            record.insert("村民小组".into(), group.into());
            record
        })
        .collect();
    card
}

fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The issue-32 scenario: the fixture with 16× its text and a 10,000-household
/// 惠农补贴明白卡 on the canvas. An edit elsewhere renames a panel of the first board; a
/// keystroke in the card's text adds a character to a paragraph on the card's face. Each
/// figure is the edit plus the frame that follows it (what the clerk waits for).
fn large_project() {
    const HOUSEHOLDS: usize = 10_000;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    let mut app = GongkaiApp::open_on(None, today);
    app.check_in_background();
    let mut project = sixteen_times_text(load_project(&fixture).expect("fixture"));
    let card = subsidy_card(&project, HOUSEHOLDS);
    let card_id = card.id.clone();
    project.apply(Edit::AddCard(card)).expect("card added");
    let board_id = project.boards[0].id.clone();
    let board_panel = project.boards[0].panels[0].id.clone();
    app.replace_project(project, None);
    app.select_card(&card_id, CardSide::Front);
    app.cards.preview.insert(card_id.clone(), 16);
    let face_id = gongkai::model::CardDesign::face_id(&card_id, CardSide::Front);
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut GongkaiApp| app.app_ui(ui), app);
    harness.run();
    let settle = |harness: &mut Harness<'_, GongkaiApp>| {
        // Background work (if any) finishes; its results are shown.
        for _ in 0..400 {
            frame(harness);
            if harness.state().is_settled() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        for _ in 0..3 {
            frame(harness);
        }
    };
    settle(&mut harness);
    let idle: Vec<f64> = (0..30).map(|_| frame(&mut harness)).collect();

    let mut edit_ms = Vec::new();
    for round in 0..10 {
        let start = Instant::now();
        harness.state_mut().apply_edit(Edit::RenamePanel {
            board_id: board_id.clone(),
            panel_id: board_panel.clone(),
            title: format!("政务公开 {round}"),
        });
        frame(&mut harness);
        edit_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        settle(&mut harness);
    }

    let (panel_id, mut blocks) = {
        let project = harness.state().project();
        let face = project.board(&face_id).expect("card face");
        let panel = face
            .panels
            .iter()
            .find(|panel| {
                panel
                    .blocks
                    .iter()
                    .any(|block| matches!(block, gongkai::model::Block::Paragraph { .. }))
            })
            .expect("a paragraph on the card");
        (panel.id.clone(), panel.blocks.clone())
    };
    let mut key_ms = Vec::new();
    for key in 0..20 {
        for block in &mut blocks {
            if let gongkai::model::Block::Paragraph { text } = block {
                text.push(if key % 2 == 0 { '补' } else { '贴' });
                break;
            }
        }
        let start = Instant::now();
        harness
            .state_mut()
            .apply_edit_in_gesture(Edit::SetPanelBlocks {
                board_id: face_id.clone(),
                panel_id: panel_id.clone(),
                blocks: blocks.clone(),
            });
        frame(&mut harness);
        key_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    settle(&mut harness);
    println!(
        "large project ({HOUSEHOLDS} households): idle {:.1} ms, edit {:.1} ms",
        median_ms(idle),
        median_ms(edit_ms.clone()),
    );
    println!(
        "  edit elsewhere worst {:.1} ms; keystroke in the card's text: median {:.1} ms, worst {:.1} ms; memory now {:.0} MB, peak {:.0} MB",
        edit_ms.iter().cloned().fold(0.0, f64::max),
        median_ms(key_ms.clone()),
        key_ms.iter().cloned().fold(0.0, f64::max),
        resident_mb(),
        peak_mb(),
    );
}
