//! A county's view (issue 33): a county made here from the village template, each seeded
//! problem of the issue in some villages and decoy numbers in others; the summary's verdict is
//! each village's own `gongkai check FILE`, every seeded problem is found and named, no decoy is
//! flagged; the workbook and the 通报 are read back. Also: project files named for what they
//! are, never-published items becoming 逾期, and publish holding back what must not go up.

use crate::own_project::filled_in_village;
use crate::support::*;
use gongkai::jobs::{check_file, check_folder, summary_csv, summary_xlsx};
use gongkai::model::{Block, PLACEHOLDER, Project, load_project, save_project};
use gongkai::schedule::{PublishDay, Status, project_schedule};
use std::path::PathBuf;

fn date(year: i32, month: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(year, month, day).expect("date")
}

/// The day the county checks.
fn check_day() -> chrono::NaiveDate {
    date(2026, 6, 20)
}

/// A village as a careful clerk keeps it: the template filled in (no sample values, no card of
/// invented households), made on 2026-03-01 and published on 2026-06-15 through the one
/// publication path.
fn clean_village(name: &str) -> Project {
    let mut project = filled_in_village();
    project.meta.unit_name = format!("{name}村民委员会");
    project.sample_marks = Default::default();
    project.cards.clear();
    publish(&mut project, date(2026, 6, 15));
    project
}

fn publish(project: &mut Project, day: chrono::NaiveDate) -> gongkai::schedule::PublishOutcome {
    gongkai::jobs::publish_project(project, &PublishDay::today(day), &[], &[]).expect("publish")
}

/// Adds a paragraph to the first item (the content changes: it needs publishing again).
fn add_text(project: &mut Project, text: &str) {
    project.items[0]
        .blocks
        .push(Block::paragraph(text.to_owned()));
}

/// `text` in full-width digits (０-９, Ｘ).
fn full_width(text: &str) -> String {
    text.chars()
        .map(|ch| match ch {
            '0'..='9' => char::from_u32(ch as u32 - '0' as u32 + 0xFF10).unwrap_or(ch),
            'X' => 'Ｘ',
            other => other,
        })
        .collect()
}

struct County {
    dir: tempfile::TempDir,
    /// (file, what was seeded: "" for a clean or decoy village).
    files: Vec<(PathBuf, &'static str)>,
}

impl County {
    fn save(&mut self, town: &str, name: &str, project: &Project, seeded: &'static str) {
        let folder = self.dir.path().join(town);
        std::fs::create_dir_all(&folder).expect("folder");
        let path = folder.join(format!("{name}.gongkai.json"));
        save_project(project, &path).expect("save");
        // Each publication's archive, as `gongkai publish` writes it.
        // (A village seeded with a personal number has none: that is refused, and its own
        // check says so too.)
        for entry in &project.log {
            if let (Some(day), gongkai::model::LogKind::Published) = (entry.date, entry.kind) {
                let _ = gongkai::jobs::write_archive(project, &path, day);
            }
        }
        self.files.push((path, seeded));
    }

    fn write(&mut self, town: &str, name: &str, bytes: &[u8], seeded: &'static str) {
        let path = self.dir.path().join(town).join(name);
        std::fs::write(&path, bytes).expect("write");
        self.files.push((path, seeded));
    }
}

/// Three towns; in each, clean villages, decoys and the seeded kinds of the issue.
fn build_county() -> County {
    let mut county = County {
        dir: tempfile::tempdir().expect("tempdir"),
        files: Vec::new(),
    };
    let towns = ["青禾镇", "石桥镇", "柳林乡"];
    for (index, town) in towns.iter().enumerate() {
        for number in 0..3 {
            let name = format!("{town}{number}号");
            county.save(town, &name, &clean_village(&name), "");
        }
        // Decoys: numbers that must not be flagged, published with the rest.
        let mut decoy = filled_in_village();
        decoy.meta.unit_name = format!("{town}诱饵村村民委员会");
        decoy.sample_marks = Default::default();
        decoy.cards.clear();
        decoy.meta.supervision_phone = format!("1390000{:04}", 1234 + index);
        add_text(
            &mut decoy,
            &format!(
                "已脱敏：4101**********123{index}；合同编号 2026030100{index}；金额 12345678.90 元；日期 20260301；卡号尾号 3445。"
            ),
        );
        publish(&mut decoy, date(2026, 6, 15));
        county.save(town, "诱饵村", &decoy, "");
    }
    // 7 unmasked IDs (one in full-width digits), in the towns in turn.
    for index in 0..7 {
        let mut village = clean_village(&format!("身份证{index}"));
        let id = id_number(index + 3);
        let said = if index == 0 { full_width(&id) } else { id };
        add_text(&mut village, &format!("申请人身份证号{said}"));
        publish(&mut village, date(2026, 6, 16));
        county.save(
            towns[index % 3],
            &format!("身份证{index}"),
            &village,
            "未脱敏个人信息",
        );
    }
    // 【请填写】 left.
    for (index, town) in towns.iter().enumerate().take(2) {
        let mut village = clean_village(&format!("待填{index}"));
        add_text(&mut village, &format!("联系人：{PLACEHOLDER}"));
        county.save(town, &format!("待填{index}"), &village, "【请填写】");
    }
    // Never published: filled in on 2025-09-01, never published.
    for index in 0..2 {
        let options = gongkai::catalog::TemplateOptions {
            unit_name: Some(format!("从未公开{index}村村民委员会")),
            supervision_phone: Some("0000-6613101".into()),
            ..gongkai::catalog::TemplateOptions::new(date(2025, 9, 1))
        };
        let project = gongkai::catalog::project_from_template(
            gongkai::catalog::TemplateKind::Village,
            &options,
        );
        let json = serde_json::to_string(&project).expect("json");
        let mut project: Project =
            serde_json::from_str(&json.replace(PLACEHOLDER, "示例")).expect("back");
        project.meta.reviewer = "陈立新".into();
        project.meta.suggestion_box = "村委会门口".into();
        project.sample_marks = Default::default();
        project.cards.clear();
        county.save(
            towns[2 - index],
            &format!("从未公开{index}"),
            &project,
            "逾期",
        );
    }
    // Edited after the last publication.
    for index in 0..2 {
        let mut village = clean_village(&format!("已改{index}"));
        add_text(&mut village, "补充：六月份新增低保户两户。");
        county.save(
            towns[index + 1],
            &format!("已改{index}"),
            &village,
            "待发布",
        );
    }
    // A file cut short, another program's JSON, a workbook renamed.
    let whole = std::fs::read(&county.files[0].0).expect("read");
    county.write(
        "青禾镇",
        "断了.gongkai.json",
        &whole[..whole.len() / 2],
        "无法读取",
    );
    county.write(
        "石桥镇",
        "别的程序.gongkai.json",
        r#"{"name":"会议签到","version":"2.1","rows":[]}"#.as_bytes(),
        "无法读取",
    );
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook
        .add_worksheet()
        .write_string(0, 0, "名单")
        .expect("cell");
    let bytes = workbook.save_to_buffer().expect("xlsx");
    county.write("柳林乡", "名单.gongkai.json", &bytes, "无法读取");
    // A copy of a clean village (…副本): named as a duplicate.
    let copy = load_project(&county.files[1].0).expect("load");
    county.save("青禾镇", "青禾镇1号副本", &copy, "重复");
    // A clean village saved by Notepad as "UTF-8 with BOM".
    county.save("青禾镇", "记事本", &clean_village("记事本"), "");
    let path = county
        .files
        .last()
        .map(|(path, _)| path.clone())
        .expect("saved");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(std::fs::read(&path).expect("read"));
    std::fs::write(&path, bom).expect("write");
    county
}

#[test]
fn the_county_verdict_is_each_villages_own_check_and_every_seeded_problem_is_found() {
    let county = build_county();
    let summary = check_folder(county.dir.path(), check_day()).expect("check");
    // Every file is in the summary once: a row, or an unreadable file.
    assert_eq!(
        summary.rows.len() + summary.unreadable.len(),
        county.files.len()
    );
    for (path, seeded) in &county.files {
        let own = check_file(path, check_day());
        if *seeded == "无法读取" {
            assert_eq!(own.exit_code, 2, "{}", path.display());
            let file = summary
                .unreadable
                .iter()
                .find(|file| &file.path == path)
                .expect("listed as unreadable");
            assert!(!file.reason.is_empty());
            continue;
        }
        let row = summary
            .rows
            .iter()
            .find(|row| &row.path == path)
            .unwrap_or_else(|| panic!("{} has a row", path.display()));
        // One verdict: the summary says 需处理 exactly when the village's own check fails.
        assert_eq!(
            row.needs_action,
            own.exit_code == 1,
            "{}: {:?}\n{}",
            path.display(),
            row.reasons,
            own.stdout.join("\n")
        );
        let reasons = row.reasons_zh();
        match *seeded {
            "" | "重复" => assert!(
                !row.needs_action,
                "a clean or decoy village is flagged: {} {reasons}",
                path.display()
            ),
            "未脱敏个人信息" => {
                assert!(row.personal_data > 0, "{}", path.display());
                assert!(reasons.starts_with("未脱敏个人信息"), "{reasons}");
            }
            "【请填写】" => assert!(reasons.contains("【请填写】"), "{reasons}"),
            "逾期" => {
                assert!(row.days_late > 0, "{reasons}");
                assert!(reasons.contains("逾期"), "{reasons}");
                assert_eq!(row.last_published, None);
            }
            "待发布" => assert!(reasons.contains("待发布"), "{reasons}"),
            other => panic!("unknown seed {other}"),
        }
    }
    // The full-width ID is found too.
    assert_eq!(
        summary
            .rows
            .iter()
            .filter(|row| row.personal_data > 0)
            .count(),
        7
    );
    // Sorted by urgency: exposed personal data first, then the most days late.
    let first_clean = summary
        .rows
        .iter()
        .position(|row| row.personal_data == 0)
        .expect("some");
    assert_eq!(first_clean, 7);
    assert!(summary.rows[7].days_late >= summary.rows[8].days_late);
    // The copy and its original are named as duplicates of each other, and nothing else is.
    let groups = summary.duplicate_groups();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0].len(), 2);
    assert!(groups[0][0].unit.starts_with("青禾镇1号"));
    // Towns from the folders; 按时公开率 per town.
    let towns: Vec<&str> = summary
        .towns
        .iter()
        .map(|town| town.town.as_str())
        .collect();
    assert_eq!(towns, ["柳林乡", "石桥镇", "青禾镇"]);
    let total = summary.totals();
    assert_eq!(total.overdue, 2, "the two never published are late");
    assert_eq!(
        total.villages,
        summary.rows.len() - 1,
        "the copy and its original are one unit"
    );
    assert_eq!(total.unreadable, 3);
    // 所属乡镇 in 单位信息 wins over the folder.
    let mut moved = clean_village("迁入");
    moved.meta.town = "新设镇".into();
    save_project(&moved, &county.dir.path().join("青禾镇/迁入.gongkai.json")).expect("save");
    let summary = check_folder(county.dir.path(), check_day()).expect("check");
    assert!(summary.towns.iter().any(|town| town.town == "新设镇"));
}

#[test]
fn the_cli_summary_csv_and_workbook_carry_the_check_date_towns_and_reasons() {
    use calamine::{Data, Reader, Xlsx};
    let county = build_county();
    let dir = county.dir.path();
    let out = tempfile::tempdir().expect("tempdir");
    let xlsx = out.path().join("汇总.xlsx");
    let csv = out.path().join("汇总.csv");
    let output = gongkai(&[
        "check",
        dir.to_str().expect("utf-8"),
        "--today",
        "2026-06-20",
        "--xlsx",
        xlsx.to_str().expect("utf-8"),
        "--csv",
        csv.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let said = text(&output.stdout);
    assert!(said.starts_with("检查日期：2026年6月20日"), "{said}");
    assert!(said.contains("另有 3 个文件无法读取"), "{said}");
    assert!(said.contains("重复：青禾镇1号村民委员会"), "{said}");
    // The workbook, read back.
    let mut workbook: Xlsx<_> = calamine::open_workbook(&xlsx).expect("open xlsx");
    assert_eq!(
        workbook.sheet_names(),
        ["各单位情况", "各乡镇汇总", "无法读取的文件", "重复文件"]
    );
    let villages = workbook.worksheet_range("各单位情况").expect("sheet");
    let a1 = villages.get_value((0, 0)).cloned().unwrap_or(Data::Empty);
    assert_eq!(a1, Data::String("检查日期：2026年6月20日".into()));
    let header: Vec<String> = (0..9)
        .map(|column| {
            villages
                .get_value((3, column))
                .map(|cell| cell.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(header[0], "乡镇");
    assert_eq!(header[3], "原因");
    // The most urgent village first: an exposed ID.
    let first_reason = villages
        .get_value((4, 3))
        .map(|cell| cell.to_string())
        .unwrap_or_default();
    assert!(first_reason.starts_with("未脱敏个人信息"), "{first_reason}");
    let towns = workbook.worksheet_range("各乡镇汇总").expect("town sheet");
    assert_eq!(
        towns.get_value((0, 0)).cloned(),
        Some(Data::String("检查日期：2026年6月20日".into()))
    );
    let town_names: Vec<String> = (3..7)
        .map(|row| {
            towns
                .get_value((row, 0))
                .map(|cell| cell.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(town_names, ["柳林乡", "石桥镇", "青禾镇", "合计"]);
    let rate = towns.get_value((6, 4)).and_then(|cell| match cell {
        Data::Float(rate) => Some(*rate),
        _ => None,
    });
    let summary = check_folder(dir, check_day()).expect("check");
    assert_eq!(rate, Some(summary.totals().on_time_rate()));
    let unreadable = workbook.worksheet_range("无法读取的文件").expect("sheet");
    assert_eq!(unreadable.height(), 4, "a header and three files");
    // The CSV has the same columns, and the check date.
    let csv_text = std::fs::read_to_string(&csv).expect("csv");
    assert!(csv_text.starts_with("\u{feff}乡镇,单位,需处理,原因,未脱敏个人信息,逾期天数,最近公开日期,下次应公开日期,项目文件,检查日期\r\n"));
    assert!(csv_text.contains(",2026年6月20日\r\n"));
    assert_eq!(csv_text, summary_csv(&summary));
    // Written again over its own workbook; never over a workbook it did not write.
    let again = gongkai(&[
        "check",
        dir.to_str().expect("utf-8"),
        "--xlsx",
        xlsx.to_str().expect("utf-8"),
    ]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again.stderr));
    let theirs = out.path().join("名单.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook
        .add_worksheet()
        .write_string(0, 0, "姓名")
        .expect("cell");
    workbook.save(&theirs).expect("save");
    let before = std::fs::read(&theirs).expect("read");
    let refused = gongkai(&[
        "check",
        dir.to_str().expect("utf-8"),
        "--xlsx",
        theirs.to_str().expect("utf-8"),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(std::fs::read(&theirs).expect("read"), before);
    assert!(!summary_xlsx(&summary).expect("bytes").is_empty());
}

#[test]
fn the_tongbao_prints_the_date_totals_chart_villages_by_town_and_the_closing() {
    let county = build_county();
    let out = tempfile::tempdir().expect("tempdir");
    let pdf = out.path().join("通报.pdf");
    let closing = out.path().join("结束语.txt");
    std::fs::write(
        &closing,
        "\u{feff}请各乡镇于7月10日前报送整改情况。\n县政务公开办公室\n",
    )
    .expect("write");
    let output = gongkai(&[
        "report",
        county.dir.path().to_str().expect("utf-8"),
        "--kind",
        "county",
        "--today",
        "2026-06-20",
        "--closing",
        closing.to_str().expect("utf-8"),
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let bytes = std::fs::read(&pdf).expect("pdf");
    let document = load(&bytes);
    let (width_mm, height_mm) = page_size_mm(&document, 1);
    assert_close(width_mm, 210.0, "A4 width");
    assert_close(height_mm, 297.0, "A4 height");
    let first = pdftotext_lines(&bytes, 1).join("\n");
    assert!(first.contains("政务公开检查情况通报"), "{first}");
    assert!(first.contains("检查日期：2026年6月20日"), "{first}");
    assert!(first.contains("各乡镇按时公开率"), "{first}");
    for town in ["柳林乡", "石桥镇", "青禾镇"] {
        assert!(first.contains(town), "{first}");
    }
    let pages = document.get_pages().len() as u32;
    // pdftotext puts spaces between hanzi and digits: compared without them.
    let all: String = (1..=pages)
        .map(|page| pdftotext_lines(&bytes, page).join("\n"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(' ', "");
    assert!(all.contains("身份证0"), "{all}");
    assert!(all.contains("请各乡镇于7月10日前报送整改情况。"), "{all}");
    assert!(all.contains("无法读取的文件（3个）"), "{all}");
    // No personal number reaches the 通报.
    assert!(!all.contains(&id_number(4)), "{all}");
}

#[test]
fn project_files_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("好.gongkai.json");
    save_project(&clean_village("东湾"), &good).expect("save");
    let whole = std::fs::read(&good).expect("read");
    // Notepad's "UTF-8 with BOM": loads.
    let bom = dir.path().join("bom.gongkai.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(&whole);
    std::fs::write(&bom, &bytes).expect("write");
    assert!(load_project(&bom).is_ok());
    // Cut in the middle of a character: truncated, with where.
    let text = String::from_utf8(whole.clone()).expect("utf-8");
    let hanzi = text.find("东湾").expect("a hanzi");
    let cut = dir.path().join("cut.gongkai.json");
    std::fs::write(&cut, &whole[..hanzi + 1]).expect("write");
    let said = load_project(&cut).expect_err("cut").to_string();
    let line = text[..hanzi].matches('\n').count() + 1;
    assert!(
        said.contains(&format!("文件不完整（在第 {line} 行第")),
        "{said}"
    );
    // Another program's JSON, a workbook, a picture.
    for (name, bytes) in [
        (
            "other.gongkai.json",
            br#"{"version":"2.1","name":"x"}"#.to_vec(),
        ),
        ("list.gongkai.json", b"[1,2,3]".to_vec()),
        ("book.gongkai.json", b"PK\x03\x04\x14\x00\x06\x00".to_vec()),
        ("pic.gongkai.json", b"\x89PNG\r\n\x1a\n\x00\x00".to_vec()),
        ("bin.gongkai.json", vec![0x00, 0xFF, 0x10, 0x80]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let said = load_project(&path).expect_err(name).to_string();
        assert!(
            said.contains("不是公开栏设计器的项目文件"),
            "{name}: {said}"
        );
        assert!(!said.contains("类型不对"), "{name}: {said}");
    }
}

#[test]
fn an_item_never_published_is_late_one_cadence_after_the_start() {
    let mut project = filled_in_village();
    project.created_on = Some(date(2026, 1, 1));
    let status_on = |project: &Project, day| {
        project_schedule(project, day)
            .into_iter()
            .find(|row| row.title == "财务收支明细")
            .expect("item")
    };
    let monthly = status_on(&project, date(2026, 1, 20));
    assert_eq!(monthly.status, Status::Unpublished, "{monthly:?}");
    assert_eq!(monthly.next_due, Some(date(2026, 2, 1)));
    let late = status_on(&project, date(2026, 2, 13));
    assert_eq!(late.status, Status::Overdue, "{late:?}");
    assert!(late.note.contains("已逾期12天"), "{late:?}");
    // The clerk's 开始公开 date moves it.
    project.settings.disclosure_start = Some(date(2026, 2, 10));
    assert_eq!(
        status_on(&project, date(2026, 2, 13)).status,
        Status::Unpublished
    );
    // A folder of untouched templates is not "0 to handle" once the time has passed.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("新.gongkai.json");
    let made = gongkai(&[
        "new",
        "--template",
        "village",
        "--unit",
        "东湾村村民委员会",
        "--phone",
        "0000-6612301",
        "--town",
        "新设镇",
        "--date",
        "2026-01-05",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let summary = check_folder(dir.path(), date(2026, 9, 1)).expect("check");
    assert!(summary.rows[0].needs_action);
    assert_eq!(summary.rows[0].town, "新设镇", "gongkai new --town");
    assert!(
        summary.rows[0].reasons_zh().contains("逾期"),
        "{:?}",
        summary.rows[0].reasons
    );
}

#[test]
fn publish_holds_back_placeholders_and_personal_numbers_and_stamps_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("东湾村.gongkai.json");
    let mut project = clean_village("东湾");
    let titles: Vec<String> = project
        .items
        .iter()
        .map(|item| item.title.clone())
        .collect();
    project.items[0]
        .blocks
        .push(Block::paragraph(format!("联系人：{PLACEHOLDER}")));
    project.items[1]
        .blocks
        .push(Block::paragraph(format!("申请人身份证号{}", id_number(7))));
    project.items[2]
        .blocks
        .push(Block::paragraph("补充说明。".to_owned()));
    save_project(&project, &file).expect("save");
    let output = gongkai(&[
        "publish",
        file.to_str().expect("utf-8"),
        "--today",
        "2026-06-18",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let said = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(
        said.contains(&format!("“{}”（还有【请填写】）", titles[0])),
        "{said}"
    );
    assert!(
        said.contains(&format!("“{}”（有未脱敏的个人信息）", titles[1])),
        "{said}"
    );
    assert!(said.contains("--force 也不能越过"), "{said}");
    let saved = load_project(&file).expect("load");
    assert_eq!(
        saved.items[0].disclosure.published_on,
        Some(date(2026, 6, 15))
    );
    assert_eq!(
        saved.items[1].disclosure.published_on,
        Some(date(2026, 6, 15))
    );
    assert_eq!(
        saved.items[2].disclosure.published_on,
        Some(date(2026, 6, 18))
    );
    // Still needing action in its own check and in the county's.
    assert_eq!(check_file(&file, date(2026, 6, 18)).exit_code, 1);
    let summary = check_folder(dir.path(), date(2026, 6, 18)).expect("check");
    assert!(summary.rows[0].needs_action);
}

/// 开始公开 in the app (公开时效 → 公开时效设置…): the date typed is the project's, and an item
/// never published is 未公开 again until one cadence after it.
#[cfg(feature = "gui")]
#[test]
fn the_app_sets_the_start_of_disclosure() {
    use egui_kittest::kittest::Queryable;
    use gongkai::ui::GongkaiApp;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("东湾村.gongkai.json");
    let mut project = filled_in_village();
    project.created_on = Some(date(2026, 1, 1));
    save_project(&project, &file).expect("save");
    let mut harness = app_harness(GongkaiApp::open_on(Some(file), date(2026, 2, 13)));
    let late = |app: &GongkaiApp| {
        app.schedule()
            .iter()
            .filter(|row| row.status == Status::Overdue)
            .count()
    };
    assert!(
        late(harness.state()) > 0,
        "monthly items are late a month after the start"
    );
    harness.get_by_label("公开时效").click();
    harness.run();
    harness.get_by_label("公开时效设置…").click();
    harness.run();
    let field = harness.get_by_label("开始公开日期（YYYY-MM-DD；空着即用建项目的日子）");
    field.focus();
    field.type_text("2026-02-10");
    harness.run();
    harness.get_by_label("应用").click();
    harness.run();
    assert_eq!(
        harness.state().project().settings.disclosure_start,
        Some(date(2026, 2, 10))
    );
    assert_eq!(late(harness.state()), 0);
}

/// 名单 (`--roster`): who sent no file, who sent two; the workbook gets a 名单核对 sheet.
#[test]
fn the_roster_names_who_sent_no_file_and_who_sent_two() {
    use gongkai::jobs::county::roster::{check_roster, read_roster};
    let county = build_county();
    let roster = county.dir.path().join("名单.csv");
    // GBK, as Excel on Chinese Windows saves it, with a title row.
    let text = "2026年各村名单\r\n乡镇,单位\r\n青禾镇,青禾镇0号\r\n青禾镇,青禾镇1号村民委员会\r\n石桥镇,没交村\r\n,柳林乡2号\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&roster, &gbk).expect("write");
    let entries = read_roster(&roster).expect("roster");
    assert_eq!(entries.len(), 4);
    let mut summary = check_folder(county.dir.path(), check_day()).expect("check");
    let check = check_roster(&summary, &entries);
    let missing: Vec<&str> = check
        .missing
        .iter()
        .map(|entry| entry.unit.as_str())
        .collect();
    assert_eq!(missing, ["没交村"]);
    assert_eq!(check.doubled.len(), 1, "{check:?}");
    assert_eq!(check.doubled[0].0.unit, "青禾镇1号村民委员会");
    summary.roster = Some(check);
    assert!(summary.needs_action());
    let lines = gongkai::jobs::summary_lines(&summary).join("\n");
    assert!(lines.contains("未报送：没交村（石桥镇）"), "{lines}");
    let bytes = summary_xlsx(&summary).expect("workbook");
    let path = county.dir.path().join("汇总.xlsx");
    std::fs::write(&path, bytes).expect("write");
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("open");
    let sheet = workbook.worksheet_range("名单核对").expect("sheet");
    assert_eq!(
        sheet.get_value((1, 0)).map(|cell| cell.to_string()),
        Some("未报送".to_owned())
    );
}

/// One verdict over every template (fresh, and a year on) and every fixture: the summary's
/// 需处理 is the file's own `check` exit, on several days.
#[test]
fn every_template_and_fixture_gets_the_verdict_of_its_own_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    for kind in gongkai::catalog::TemplateKind::ALL {
        let options = gongkai::catalog::TemplateOptions {
            unit_name: Some(format!("{}测试单位", kind.name_zh())),
            supervision_phone: Some("0000-6613101".into()),
            ..gongkai::catalog::TemplateOptions::new(date(2026, 1, 5))
        };
        let project = gongkai::catalog::project_from_template(kind, &options);
        let path = dir.path().join(format!("{}.gongkai.json", kind.key()));
        save_project(&project, &path).expect("save");
    }
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let copies = dir.path().join("fixtures");
    std::fs::create_dir_all(&copies).expect("folder");
    for entry in std::fs::read_dir(&fixtures).expect("fixtures") {
        let path = entry.expect("entry").path();
        if let Some(name) = path.file_name()
            && name.to_string_lossy().ends_with(".gongkai.json")
        {
            std::fs::copy(&path, copies.join(name)).expect("copy");
        }
    }
    for today in [date(2026, 1, 6), date(2026, 3, 2), date(2027, 3, 2)] {
        let summary = check_folder(dir.path(), today).expect("check");
        assert!(summary.rows.len() >= 7, "{:?}", summary.unreadable);
        for row in &summary.rows {
            let own = check_file(&row.path, today);
            assert_eq!(
                row.needs_action,
                own.exit_code == 1,
                "{} on {today}: {:?}",
                row.path.display(),
                row.reasons
            );
            assert_eq!(row.needs_action, !row.reasons.is_empty());
        }
        for file in &summary.unreadable {
            assert_eq!(check_file(&file.path, today).exit_code, 2);
        }
    }
}
