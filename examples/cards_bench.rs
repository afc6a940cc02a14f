//! 明白卡 export figures (release): 200 household cards with backs, imposed 10-up on A4
//! (便民服务联系卡, 90×54 mm without bleed; 8-up with the usual 3 mm) and 2-up (惠农补贴明白卡,
//! 148×100 mm), composed and written as PDF. Optional argument: a folder to write the two PDFs to (to look at them), with a
//! project file holding a 惠农补贴明白卡 for 30 households (to open in the app).
//!
//!     cargo run --release --example cards_bench [OUT_DIR]

use gongkai::catalog::{CardTemplate, card_from_template, sample_project};
use gongkai::compose::{ExportMode, ExportRequest};
use gongkai::fonts::FontSet;
use gongkai::jobs::export_project;
use gongkai::layout::LayoutEngine;
use gongkai::model::{CardRecord, Edit, Project};
use std::time::Instant;

const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 17] = [
    "桂兰", "建国", "秀英", "德明", "玉梅", "志强", "春花", "海涛", "淑芬", "长林", "凤琴", "立平",
    "金宝", "秋菊", "满仓", "小燕", "国富",
];

/// `count` records made from the template's samples, numbered 户号 0001…, each household
/// with its own invented name and group.
fn records(samples: &[CardRecord], count: usize) -> Vec<CardRecord> {
    (0..count)
        .map(|index| {
            let mut record = samples[index % samples.len()].clone();
            if record.contains_key("户号") {
                record.insert("户号".into(), format!("{:04}", index + 1));
            }
            if record.contains_key("户主") {
                // Not the template's own sample households (王桂兰, 李建国…), which the
                // export would refuse.
                let name = format!("{}{}", SURNAMES[(index + 5) % 12], GIVEN[index % 17]);
                record.insert("户主".into(), name);
                let group = ["一组", "二组", "三组", "四组", "五组"][index / 6 % 5];
                record.insert("村民小组".into(), group.into());
            }
            record
        })
        .collect()
}

fn project_with(template: CardTemplate, count: usize) -> (Project, String) {
    let mut project = sample_project(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"));
    project.meta.consult_phone = "0000-6612302".into();
    let mut card = card_from_template(&project, template, None);
    card.records = records(&card.records, count).into();
    let id = card.id.clone();
    project.apply(Edit::AddCard(card)).expect("card added");
    (project, id)
}

fn main() {
    let out_dir = std::env::args().nth(1).map(std::path::PathBuf::from);
    if let Some(dir) = &out_dir {
        let (mut project, _) = project_with(CardTemplate::Subsidy, 30);
        project.meta.consult_phone = "0000-6612302".into();
        let path = dir.join("惠农补贴明白卡-30户.gongkai.json");
        gongkai::model::save_project(&project, &path).expect("project written");
        println!("wrote {}", path.display());
        let mut every = sample_project(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"));
        every.meta.consult_phone = "0000-6612302".into();
        for template in CardTemplate::ALL {
            let card = card_from_template(&every, template, None);
            every.apply(Edit::AddCard(card)).expect("card added");
        }
        let path = dir.join("明白卡模板.gongkai.json");
        gongkai::model::save_project(&every, &path).expect("project written");
        println!("wrote {}", path.display());
    }
    for (template, bleed_mm, label) in [
        (
            CardTemplate::Contact,
            Some(0.0),
            "90×54, no bleed: 10-up A4",
        ),
        (CardTemplate::Contact, None, "90×54, 3 mm bleed: 8-up A4"),
        (CardTemplate::Subsidy, None, "148×100, 3 mm bleed: 2-up A4"),
    ] {
        let (project, card_id) = project_with(template, 200);
        let request = ExportRequest {
            mode: ExportMode::Cards,
            cards: Some(card_id),
            bleed_mm,
            ..ExportRequest::default()
        };
        let mut engine = LayoutEngine::new(FontSet::bundled());
        let mut times_ms = Vec::new();
        let mut pages = 0;
        let mut problems = 0;
        for run in 0..5 {
            if run > 0 {
                engine.clear_cache();
            }
            let start = Instant::now();
            let exported = export_project(&mut engine, &project, &request).expect("exported");
            times_ms.push(start.elapsed().as_secs_f64() * 1000.0);
            pages = exported.pages;
            problems = exported.problems.len();
            if run == 0
                && let Some(dir) = &out_dir
            {
                let path = dir.join(format!("{}-{label}.pdf", template.name_zh()));
                std::fs::write(&path, &exported.bytes).expect("written");
                for problem in &exported.problems {
                    println!("  问题：{problem}");
                }
            }
        }
        let first = times_ms[0];
        times_ms.sort_by(f64::total_cmp);
        println!(
            "{} {label}: 200 cards with backs → {pages} sheets, {problems} problems; \
             first run {first:.0} ms, median of 5 (caches emptied) {:.0} ms",
            template.name_zh(),
            times_ms[times_ms.len() / 2]
        );
    }
}
