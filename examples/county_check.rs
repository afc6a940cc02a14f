//! The county check at scale: writes N variants of the benchmark fixture (300 by default) as
//! villages of 15 towns in a temporary folder (each item's title names its village, so every
//! panel is laid out anew), every tenth with a household's mobile in a paragraph, and times
//! what `gongkai check DIR --xlsx` and `gongkai report DIR --kind county` do: the check of
//! every village (`jobs::check_folder`), the workbook (`jobs::summary_xlsx`) and the 通报
//! (`jobs::county_document` laid out and written through the gate).
//!
//! `cargo run --release --example county_check [N] [village]` prints the wall time of each
//! step, the projects per second, the peak memory of the process (VmHWM, Linux) and how many
//! villages were found with an unmasked number (it should be N / 10). With `village`, each
//! village is the village template (`gongkai new --template village`, named), as a county's
//! villages start, instead of the town fixture (a board of 13 panels: the heavy case).

use gongkai::jobs::{
    check_folder, county_document, created_on, render_county_report, summary_xlsx,
};
use gongkai::layout::LayoutEngine;
use gongkai::model::{Block, Project, load_project, save_project};
use std::path::Path;
use std::time::Instant;

/// The peak resident memory of this process in MB (Linux; 0 elsewhere).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(300);
    let villages = std::env::args().nth(2).as_deref() == Some("village");
    let template = if villages {
        let options = gongkai::catalog::TemplateOptions {
            unit_name: Some("东湾村村民委员会".to_owned()),
            supervision_phone: Some("0000-6612301".to_owned()),
            board_size_mm: None,
            catalog: None,
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
        };
        gongkai::catalog::project_from_template(gongkai::catalog::TemplateKind::Village, &options)
    } else {
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
        load_project(&fixture).expect("the fixture loads")
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    for index in 0..count {
        let mut project = template.clone();
        project.meta.unit_name = format!("第{index}村村民委员会");
        // Every village's own content: no panel is the same as another village's (the layout
        // engine caches panels by content, which would flatter the figure).
        for item in &mut project.items {
            item.title = format!("{}（第{index}村）", item.title);
        }
        if index % 10 == 0 {
            // An invented mobile: 139 + eight digits.
            let mobile = format!("139{:08}", 10_000_000 + index);
            if let Some(item) = project.items.first_mut() {
                item.blocks
                    .push(Block::paragraph(format!("联系人手机{mobile}")));
            }
        }
        let folder = dir.path().join(format!("乡镇{:02}", index % 15));
        std::fs::create_dir_all(&folder).expect("folder");
        save_project(&project, &folder.join(format!("村{index:04}.gongkai.json"))).expect("save");
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let before_mb = peak_mb();
    let started = Instant::now();
    let summary = check_folder(dir.path(), today).expect("check");
    let check_s = started.elapsed().as_secs_f64();
    let workbook_started = Instant::now();
    let workbook = summary_xlsx(&summary).expect("workbook");
    let workbook_s = workbook_started.elapsed().as_secs_f64();
    let report_started = Instant::now();
    let document = county_document(&summary, "");
    let mut engine = LayoutEngine::for_project(&Project::default());
    let report = render_county_report(&mut engine, &document, created_on(today)).expect("the 通报");
    let report_s = report_started.elapsed().as_secs_f64();
    let total_s = started.elapsed().as_secs_f64();
    let exposed = summary
        .rows
        .iter()
        .filter(|row| row.personal_data > 0)
        .count();
    let needing = summary.rows.iter().filter(|row| row.needs_action).count();
    println!(
        "county: {} projects ({needing} need action, {exposed} with unmasked personal numbers, expected {}), {} threads",
        summary.rows.len(),
        count.div_ceil(10),
        std::thread::available_parallelism().map_or(1, usize::from),
    );
    println!(
        "check {check_s:.2} s ({:.0} projects/s); workbook {workbook_s:.2} s ({} KB); 通报 {report_s:.2} s ({} pages, {} KB); together {total_s:.2} s; peak memory {:.0} MB (before the check {before_mb:.0} MB)",
        summary.rows.len() as f64 / check_s,
        workbook.len() / 1024,
        report.pages,
        report.bytes.len() / 1024,
        peak_mb(),
    );
}
