//! Frame-time and memory figures of the designer, headless (egui_kittest, no GPU): egui's
//! whole CPU side of a frame (our UI code, layout of the moved panel, text shaping, and
//! tessellation) while a panel of the qinghe board is dragged, and the resident memory after
//! zooming across the whole range; then a panel of a 惠农补贴明白卡 face dragged while the
//! card's 名单 holds 200 households (the canvas shows household 17 as it prints).
//!
//!     cargo run --release --example ui_frame_bench
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
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    let started = Instant::now();
    let mut app = GongkaiApp::open(None);
    app.project = load_project(&fixture).expect("fixture");
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
        let mut card = card_from_template(&app.project, CardTemplate::Subsidy, None);
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
