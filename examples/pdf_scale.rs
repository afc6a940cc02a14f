//! PDF engine at scale (issue 16): each figure measured in a fresh child process (cold, as a
//! CLI run), CPU time (user + sys, from /proc/self/stat) and peak memory (VmHWM) read by the
//! child itself, so the ratios in one run share the machine's state.
//!
//!     cargo run --release --example pdf_scale [OUT_DIR]
//!
//! With OUT_DIR the board, the tiles and the big board's tiles are written there to look at.
//! Linux only (it reads /proc).

use gongkai::catalog::{CardTemplate, card_from_template, sample_project};
use gongkai::compose::{ExportMode, ExportRequest};
use gongkai::fonts::FontSet;
use gongkai::jobs::export_project;
use gongkai::layout::LayoutEngine;
use gongkai::model::{Edit, Project, RectMm, load_project};
use std::process::Command;

const SCENARIOS: [&str; 5] = ["board", "tiles", "big-tiles", "cards", "boards300"];

fn fixture() -> Project {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    load_project(&path).expect("the fixture loads")
}

/// The fixture's board four times as wide and four times as high, its panels scaled with
/// it, and 16× the text (every item's blocks repeated 16 times).
fn big_board(mut project: Project) -> Project {
    for board in &mut project.boards {
        board.size_mm.width_mm *= 4.0;
        board.size_mm.height_mm *= 4.0;
        for panel in &mut board.panels {
            let RectMm {
                x_mm,
                y_mm,
                width_mm,
                height_mm,
            } = panel.rect_mm;
            panel.rect_mm = RectMm::new(4.0 * x_mm, 4.0 * y_mm, 4.0 * width_mm, 4.0 * height_mm);
        }
    }
    for item in &mut project.items {
        let blocks = item.blocks.clone();
        for _ in 1..16 {
            item.blocks.extend(blocks.iter().cloned());
        }
    }
    project
}

const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 17] = [
    "桂兰", "建国", "秀英", "德明", "玉梅", "志强", "春花", "海涛", "淑芬", "长林", "凤琴", "立平",
    "金宝", "秋菊", "满仓", "小燕", "国富",
];

/// The sample project with a 便民服务联系卡 for `count` grid areas, each card its own: an
/// invented 网格员 name, area and phone number.
fn cards_project(count: usize) -> (Project, String) {
    let mut project = sample_project(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"));
    project.meta.consult_phone = "0000-6612302".into();
    let mut card = card_from_template(&project, CardTemplate::Contact, None);
    let samples = card.records.clone();
    card.records = (0..count)
        .map(|index| {
            let mut record = samples[index % samples.len()].clone();
            let name = format!("{}{}", SURNAMES[index % 12], GIVEN[index / 12 % 17]);
            record.insert("网格员".into(), name);
            record.insert("负责区域".into(), format!("第{}网格", index + 1));
            record.insert("联系电话".into(), format!("0000-{:07}", 6_600_000 + index));
            record
        })
        .collect();
    let id = card.id.clone();
    project.apply(Edit::AddCard(card)).expect("card added");
    (project, id)
}

fn export(project: &Project, request: &ExportRequest) -> (usize, usize) {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let exported = export_project(&mut engine, project, request).expect("exported");
    (exported.pages, exported.bytes.len())
}

fn request(mode: ExportMode) -> ExportRequest {
    ExportRequest {
        mode,
        ..ExportRequest::default()
    }
}

/// CPU seconds (user + sys) of this process so far.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| {
        fields
            .get(index)
            .and_then(|field| field.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // Fields 14 and 15 of stat (utime, stime), counted from the state (field 3) here.
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident memory of this process in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Runs one scenario in this process and prints "cpu_s peak_mb pages bytes".
fn child(scenario: &str, out_dir: Option<&std::path::Path>) {
    let write = |name: &str, project: &Project, request: &ExportRequest| {
        if let Some(dir) = out_dir {
            let mut engine = LayoutEngine::new(FontSet::bundled());
            let exported = export_project(&mut engine, project, request).expect("exported");
            std::fs::write(dir.join(name), exported.bytes).expect("written");
        }
    };
    let (project, request, runs) = match scenario {
        // Averaged over several runs (a fresh engine each): one export is a few clock ticks.
        "board" => (fixture(), request(ExportMode::Board), 20),
        "tiles" => (fixture(), request(ExportMode::Tiles), 10),
        "big-tiles" => (big_board(fixture()), request(ExportMode::Tiles), 1),
        "cards" => {
            let (project, id) = cards_project(10_000);
            let request = ExportRequest {
                cards: Some(id),
                card_backs: true,
                ..request(ExportMode::Cards)
            };
            (project, request, 1)
        }
        _ => (fixture(), request(ExportMode::Board), 300u32),
    };
    let start_s = cpu_seconds();
    let mut figures = (0, 0);
    for run in 0..runs {
        let mut project = project.clone();
        if scenario == "boards300" {
            // Each village's own content, so that no layout is reused from a cache.
            for item in &mut project.items {
                item.title = format!("{}（第{run}村）", item.title);
            }
        }
        figures = export(&project, &request);
    }
    let runs_divisor = if scenario == "boards300" {
        1.0
    } else {
        f64::from(runs)
    };
    let cpu_s = (cpu_seconds() - start_s) / runs_divisor;
    println!("{cpu_s:.3} {:.0} {} {}", peak_mb(), figures.0, figures.1);
    write(&format!("{scenario}.pdf"), &project, &request);
}

struct Figures {
    cpu_s: f64,
    peak_mb: f64,
    pages: usize,
    bytes: usize,
}

fn run_child(scenario: &str, out_dir: Option<&String>) -> Figures {
    let mut command = Command::new(std::env::current_exe().expect("own path"));
    command.arg("--child").arg(scenario);
    if let Some(dir) = out_dir {
        command.arg(dir);
    }
    let output = command.output().expect("child runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let numbers: Vec<f64> = text
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    assert!(
        numbers.len() == 4,
        "scenario {scenario} failed: {text} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Figures {
        cpu_s: numbers[0],
        peak_mb: numbers[1],
        pages: numbers[2] as usize,
        bytes: numbers[3] as usize,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        let scenario = args.get(1).map_or("board", String::as_str);
        child(scenario, args.get(2).map(std::path::Path::new));
        return;
    }
    let out_dir = args.first();
    let figures: Vec<(&str, Figures)> = SCENARIOS
        .iter()
        .map(|scenario| (*scenario, run_child(scenario, out_dir)))
        .collect();
    let get = |name: &str| {
        &figures
            .iter()
            .find(|(scenario, _)| *scenario == name)
            .expect("scenario")
            .1
    };
    for (scenario, figure) in &figures {
        println!(
            "{scenario:>10}: {:7.3} s CPU, peak {:5.0} MB, {:5} pages, {:8} bytes",
            figure.cpu_s, figure.peak_mb, figure.pages, figure.bytes
        );
    }
    let board = get("board");
    println!(
        "tiles A4 ÷ board export (CPU): {:.2}×",
        get("tiles").cpu_s / board.cpu_s
    );
    println!(
        "tiles A4, 4× board with 16× text: {:.2} s CPU, {:.0} MB, {} sheets",
        get("big-tiles").cpu_s,
        get("big-tiles").peak_mb,
        get("big-tiles").pages
    );
    println!(
        "10,000 cards with backs: {:.2} s CPU, {:.0} MB, {} sheets",
        get("cards").cpu_s,
        get("cards").peak_mb,
        get("cards").pages
    );
    println!("300 board exports: {:.2} s CPU", get("boards300").cpu_s);
    println!("board PDF size: {:.0} KB", board.bytes as f64 / 1024.0);
    // typst is not run here: its figure is measured cold, against `gongkai export` as a fresh
    // process, by scripts/typst_compare.py (which installs typst into a venv).
    println!("board export vs typst (cold, same content): python3 scripts/typst_compare.py");
}
