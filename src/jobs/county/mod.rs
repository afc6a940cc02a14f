//! A county checks all its villages: every project file in a folder checked as
//! `gongkai check FILE` checks it — the one findings list of [`super::findings`] — and summed up
//! per village (its reasons in words, its town, its last and next publication) and per town
//! (按时公开率), in parallel on every core. A village needs action exactly when its own check
//! fails. The workbook and CSV are in `sheets`, the printable 通报 in `tongbao`.
//!
//! **Which files** ([`project_files`]): every `*.gongkai.json` in the folder and its
//! subfolders, down to [`MAX_DEPTH`] levels, except hidden folders (`.…`), publish archives
//! (`…-archive`, snapshots of published projects) and folders reached through a link.

pub mod roster;
pub mod sheets;
pub mod tongbao;

use super::findings::{Finding, FindingKind, Place, project_findings};
use crate::layout::LayoutEngine;
use crate::model::{Project, load_project};
use crate::schedule::{ItemSchedule, Status, project_schedule};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use sheets::{SUMMARY_CSV_HEADER, summary_csv, summary_lines, summary_xlsx};
pub use tongbao::{DEFAULT_CLOSING_ZH, county_document};

/// How deep under the folder project files are looked for (the folder itself is level 1:
/// 县/乡镇/村/项目 is level 3).
pub const MAX_DEPTH: usize = 8;

/// What the scan takes, in words (a macro, so `--help` can `concat!` it).
#[macro_export]
macro_rules! county_scan_rule_zh {
    () => {
        "文件夹及其下各层子文件夹（最多 8 层）中名为 *.gongkai.json 的文件；不看隐藏文件夹（以 . 开头）、发布存档文件夹（…-archive）和链接到别处的文件夹"
    };
}

/// What the scan takes, said for `--help`, the README and the "no project files" message.
pub const SCAN_RULE_ZH: &str = county_scan_rule_zh!();

/// The town of a village that names none and lies directly in the checked folder.
pub const NO_TOWN_ZH: &str = "（未填乡镇）";

/// One village's (one readable project file's) row of the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VillageRow {
    pub path: PathBuf,
    /// 单位名称.
    pub unit: String,
    /// 所属乡镇 (单位信息), else the first folder under the checked folder.
    pub town: String,
    /// Its own `gongkai check FILE` fails: its findings list is not empty.
    pub needs_action: bool,
    /// Why, in words: 「财务收支明细 逾期 12 天」「未脱敏个人信息 2 处」….
    pub reasons: Vec<String>,
    /// Personal numbers that would print in full.
    pub personal_data: usize,
    /// Items 逾期 (never published in time included) and 内容过期.
    pub overdue: usize,
    pub stale: usize,
    /// Items 待发布 (edited since they were published).
    pub pending: usize,
    /// The most days any item is late (逾期 or 内容过期); 0 when none is.
    pub days_late: i64,
    /// Findings that stop an export.
    pub blocking: usize,
    /// The latest 公开日期 of its items.
    pub last_published: Option<NaiveDate>,
    /// The next due day on or after the check date.
    pub next_due: Option<NaiveDate>,
    /// Other files of the same unit (same town and name).
    pub duplicates: Vec<PathBuf>,
}

impl VillageRow {
    /// Published on time: no item 逾期 or 内容过期.
    pub fn on_time(&self) -> bool {
        self.overdue + self.stale == 0
    }

    /// The reasons joined for one cell: 「财务收支明细 逾期 12 天；三会一课 内容过期」.
    pub fn reasons_zh(&self) -> String {
        self.reasons.join("；")
    }
}

/// A file that could not be read as a project, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub path: PathBuf,
    pub reason: String,
}

/// One town's subtotal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TownTotals {
    pub town: String,
    /// Readable units (a unit with two files once).
    pub villages: usize,
    pub needing_action: usize,
    pub on_time: usize,
    pub overdue: usize,
    pub personal_data: usize,
    pub unreadable: usize,
}

impl TownTotals {
    /// 按时公开率: villages with nothing 逾期 or 内容过期, of the readable ones (0–1).
    pub fn on_time_rate(&self) -> f64 {
        if self.villages == 0 {
            0.0
        } else {
            self.on_time as f64 / self.villages as f64
        }
    }
}

/// A county's summary on one day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CountySummary {
    pub dir: PathBuf,
    /// 检查日期.
    pub today: NaiveDate,
    /// Readable villages, most urgent first ([`urgency_order`]).
    pub rows: Vec<VillageRow>,
    pub unreadable: Vec<Unreadable>,
    /// Towns by name; the county's total is [`CountySummary::totals`].
    pub towns: Vec<TownTotals>,
    /// The 名单 checked against the folder (`--roster`), if one was given.
    pub roster: Option<roster::RosterCheck>,
}

impl CountySummary {
    /// The county's totals (town: 合计).
    pub fn totals(&self) -> TownTotals {
        let mut total = TownTotals {
            town: "合计".to_owned(),
            ..TownTotals::default()
        };
        for town in &self.towns {
            total.villages += town.villages;
            total.needing_action += town.needing_action;
            total.on_time += town.on_time;
            total.overdue += town.overdue;
            total.personal_data += town.personal_data;
            total.unreadable += town.unreadable;
        }
        total
    }

    /// Whether anything needs action: a village's own check fails, a file is unreadable, or a
    /// unit on the 名单 sent no file or several.
    pub fn needs_action(&self) -> bool {
        !self.unreadable.is_empty()
            || self.rows.iter().any(|row| row.needs_action)
            || self
                .roster
                .as_ref()
                .is_some_and(|roster| !roster.missing.is_empty() || !roster.doubled.is_empty())
    }

    /// Groups of files of one unit (each group sorted, groups by their first file).
    pub fn duplicate_groups(&self) -> Vec<Vec<&VillageRow>> {
        let mut groups: BTreeMap<(&str, &str), Vec<&VillageRow>> = BTreeMap::new();
        for row in self.rows.iter().filter(|row| !row.duplicates.is_empty()) {
            groups
                .entry((row.town.as_str(), row.unit.as_str()))
                .or_default()
                .push(row);
        }
        let mut groups: Vec<Vec<&VillageRow>> = groups.into_values().collect();
        for group in &mut groups {
            group.sort_by(|a, b| a.path.cmp(&b.path));
        }
        groups.sort_by(|a, b| a[0].path.cmp(&b[0].path));
        groups
    }

    /// A path as shown: relative to the checked folder.
    pub fn shown_path(&self, path: &Path) -> String {
        path.strip_prefix(&self.dir)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// The project files under `dir`, sorted (see the module's rule).
pub fn project_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![(dir.to_path_buf(), 1usize)];
    while let Some((folder, depth)) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            // The entry's own type: a link to a folder is not followed (no loops).
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                if depth < MAX_DEPTH && !name.starts_with('.') && !name.ends_with("-archive") {
                    pending.push((path, depth + 1));
                }
            } else if name.ends_with(".gongkai.json") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Checks every project file under `dir` on `today`, on all cores.
pub fn check_folder(dir: &Path, today: NaiveDate) -> std::io::Result<CountySummary> {
    let files = project_files(dir)?;
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                // Each project gets its own fonts in `export_findings` (`use_project_fonts`).
                let mut engine = LayoutEngine::for_project(&Project::default());
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(index) else {
                        break;
                    };
                    let result = check_village(&mut engine, path, dir, today);
                    if let Ok(mut results) = results.lock() {
                        results.push((index, result));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(index, _)| *index);
    let mut rows = Vec::new();
    let mut unreadable = Vec::new();
    for (_, result) in results {
        match result {
            Ok(row) => rows.push(row),
            Err(file) => unreadable.push(file),
        }
    }
    mark_duplicates(&mut rows);
    rows.sort_by(urgency_order);
    let towns = town_totals(&rows, &unreadable, dir);
    Ok(CountySummary {
        dir: dir.to_path_buf(),
        today,
        rows,
        unreadable,
        towns,
        roster: None,
    })
}

/// Most urgent first: exposed personal numbers, then the most days late, then whatever else
/// needs action; then by town, unit and file.
pub fn urgency_order(a: &VillageRow, b: &VillageRow) -> std::cmp::Ordering {
    let key = |row: &VillageRow| {
        (
            std::cmp::Reverse(row.personal_data > 0),
            std::cmp::Reverse(row.days_late),
            std::cmp::Reverse(row.needs_action),
        )
    };
    key(a)
        .cmp(&key(b))
        .then_with(|| a.town.cmp(&b.town))
        .then_with(|| a.unit.cmp(&b.unit))
        .then_with(|| a.path.cmp(&b.path))
}

/// One village: its own findings (what `gongkai check FILE` prints and exits by), in words.
pub fn check_village(
    engine: &mut LayoutEngine,
    path: &Path,
    dir: &Path,
    today: NaiveDate,
) -> Result<VillageRow, Unreadable> {
    let project = load_project(path).map_err(|error| Unreadable {
        path: path.to_path_buf(),
        reason: error.kind.to_string(),
    })?;
    let findings = project_findings(engine, &project, Some(path), today);
    let schedule = project_schedule(&project, today);
    Ok(village_row(
        &project, path, dir, &findings, &schedule, today,
    ))
}

/// The row of a village from its findings and schedule.
pub fn village_row(
    project: &Project,
    path: &Path,
    dir: &Path,
    findings: &[Finding],
    schedule: &[ItemSchedule],
    today: NaiveDate,
) -> VillageRow {
    let count = |status: Status| schedule.iter().filter(|row| row.status == status).count();
    let days_late = schedule
        .iter()
        .filter(|row| matches!(row.status, Status::Overdue | Status::Stale))
        .filter_map(|row| row.next_due.map(|due| (today - due).num_days()))
        .max()
        .unwrap_or(0)
        .max(0);
    VillageRow {
        path: path.to_path_buf(),
        unit: project.meta.unit_name.trim().to_owned(),
        town: town_of(project, path, dir),
        needs_action: !findings.is_empty(),
        reasons: reasons_zh(findings, schedule, today),
        personal_data: findings
            .iter()
            .filter(|finding| finding.kind == FindingKind::PersonalNumber)
            .count(),
        overdue: count(Status::Overdue),
        stale: count(Status::Stale),
        pending: count(Status::Pending),
        days_late,
        blocking: findings
            .iter()
            .filter(|finding| finding.blocks_export)
            .count(),
        last_published: project
            .items
            .iter()
            .filter_map(|item| item.disclosure.published_on)
            .max(),
        next_due: schedule
            .iter()
            .filter_map(|row| row.next_due)
            .filter(|due| *due >= today)
            .min(),
        duplicates: Vec::new(),
    }
}

/// 所属乡镇, else the first folder between the checked folder and the file.
fn town_of(project: &Project, path: &Path, dir: &Path) -> String {
    let town = project.meta.town.trim();
    if !town.is_empty() {
        return town.to_owned();
    }
    let relative = path.strip_prefix(dir).unwrap_or(path);
    let mut parts = relative.components();
    match (parts.next(), parts.next()) {
        (Some(folder), Some(_)) => folder.as_os_str().to_string_lossy().into_owned(),
        _ => NO_TOWN_ZH.to_owned(),
    }
}

/// At most this many items are named in a village's reasons; the rest are counted.
const NAMED_ITEMS: usize = 5;

/// The reasons of a village in words, from its findings: what stops an export counted by kind
/// (未脱敏个人信息 first), then the items late, stale or waiting, most late first, then the
/// other findings counted.
pub fn reasons_zh(
    findings: &[Finding],
    schedule: &[ItemSchedule],
    today: NaiveDate,
) -> Vec<String> {
    let mut counted: Vec<(FindingKind, usize)> = Vec::new();
    let mut items: Vec<(i64, String)> = Vec::new();
    for finding in findings {
        if let FindingKind::Schedule(status) = finding.kind {
            let row = match &finding.place {
                Place::Schedule { item_id } => schedule.iter().find(|row| &row.item_id == item_id),
                _ => None,
            };
            let title = row.map_or("", |row| row.title.as_str());
            let late = row
                .and_then(|row| row.next_due)
                .map_or(0, |due| (today - due).num_days().max(0));
            let said = match status {
                Status::Overdue => format!("{title} 逾期 {late} 天"),
                other => format!("{title} {}", other.label_zh()),
            };
            // Late items first, the latest first; then the rest in project order.
            let order = if status == Status::Overdue || status == Status::Stale {
                late + 1
            } else {
                0
            };
            items.push((order, said));
            continue;
        }
        match counted.iter_mut().find(|(kind, _)| *kind == finding.kind) {
            Some((_, count)) => *count += 1,
            None => counted.push((finding.kind, 1)),
        }
    }
    counted.sort_by_key(|(kind, _)| kind_rank(*kind));
    let mut reasons: Vec<String> = counted
        .iter()
        .filter(|(kind, _)| kind_rank(*kind) < OTHER_RANK)
        .map(|(kind, count)| kind_zh(*kind, *count))
        .collect();
    items.sort_by_key(|(order, _)| std::cmp::Reverse(*order));
    let more = items.len().saturating_sub(NAMED_ITEMS);
    reasons.extend(items.into_iter().take(NAMED_ITEMS).map(|(_, said)| said));
    if more > 0 {
        reasons.push(format!("另有 {more} 项需公开或更新"));
    }
    reasons.extend(
        counted
            .iter()
            .filter(|(kind, _)| kind_rank(*kind) >= OTHER_RANK)
            .map(|(kind, count)| kind_zh(*kind, *count)),
    );
    reasons
}

const OTHER_RANK: u8 = 10;

/// Where a kind of finding stands among a village's reasons (below [`OTHER_RANK`]: before the
/// items late).
fn kind_rank(kind: FindingKind) -> u8 {
    match kind {
        FindingKind::PersonalNumber => 0,
        FindingKind::Placeholder => 1,
        FindingKind::Overflow => 2,
        FindingKind::MissingGlyph => 3,
        FindingKind::BarCrossing => 4,
        FindingKind::NotLaidOut => 5,
        FindingKind::Picture => 6,
        FindingKind::CardDesign => 7,
        FindingKind::Model => 10,
        FindingKind::Archive => 11,
        FindingKind::Source => 12,
        FindingKind::Font => 13,
        FindingKind::ForcedCut => 14,
        FindingKind::Schedule(_) => 15,
    }
}

/// A kind of finding counted, in words: 「未脱敏个人信息 2 处」.
fn kind_zh(kind: FindingKind, count: usize) -> String {
    match kind {
        FindingKind::PersonalNumber => format!("未脱敏个人信息 {count} 处"),
        FindingKind::Placeholder => format!("【请填写】或示例内容未改 {count} 处"),
        FindingKind::Overflow => format!("文字排不下 {count} 处"),
        FindingKind::MissingGlyph => format!("缺字 {count} 处"),
        FindingKind::BarCrossing => format!("文字跨越边框 {count} 处"),
        FindingKind::NotLaidOut => format!("公开栏无法排版 {count} 个"),
        FindingKind::Picture => format!("图片用不了 {count} 张"),
        FindingKind::CardDesign => format!("明白卡问题 {count} 处"),
        FindingKind::Model => format!("项目文件问题 {count} 条"),
        FindingKind::Archive => format!("发布存档不完整 {count} 次"),
        FindingKind::Source => format!("导入的源文件已改动 {count} 个"),
        FindingKind::Font => format!("字体无法载入 {count} 个"),
        FindingKind::ForcedCut => format!("长串被强行断行 {count} 处"),
        FindingKind::Schedule(status) => format!("{} {count} 项", status.label_zh()),
    }
}

/// Files of one unit (same town, same 单位名称) name each other as duplicates.
fn mark_duplicates(rows: &mut [VillageRow]) {
    let mut by_unit: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (index, row) in rows.iter().enumerate() {
        if !row.unit.is_empty() {
            by_unit
                .entry((row.town.clone(), row.unit.clone()))
                .or_default()
                .push(index);
        }
    }
    for indices in by_unit.values().filter(|indices| indices.len() > 1) {
        let paths: Vec<PathBuf> = indices
            .iter()
            .map(|index| rows[*index].path.clone())
            .collect();
        for index in indices {
            let row = &mut rows[*index];
            row.duplicates = paths
                .iter()
                .filter(|path| **path != row.path)
                .cloned()
                .collect();
        }
    }
}

/// The subtotals per town, by town name; an unreadable file counts in the town of its folder.
fn town_totals(rows: &[VillageRow], unreadable: &[Unreadable], dir: &Path) -> Vec<TownTotals> {
    let mut towns: BTreeMap<String, TownTotals> = BTreeMap::new();
    fn town<'t>(towns: &'t mut BTreeMap<String, TownTotals>, name: &str) -> &'t mut TownTotals {
        towns.entry(name.to_owned()).or_insert_with(|| TownTotals {
            town: name.to_owned(),
            ..TownTotals::default()
        })
    }
    // A unit with several files (duplicates) counts once: needing action, late or exposed if
    // any of its files is, on time if all are.
    let mut units: BTreeMap<(&str, &str), Vec<&VillageRow>> = BTreeMap::new();
    for row in rows {
        let unit = if row.unit.is_empty() {
            row.path.to_str().unwrap_or_default()
        } else {
            row.unit.as_str()
        };
        units
            .entry((row.town.as_str(), unit))
            .or_default()
            .push(row);
    }
    for ((town_name, _), files) in units {
        let totals = town(&mut towns, town_name);
        totals.villages += 1;
        totals.needing_action += usize::from(files.iter().any(|row| row.needs_action));
        let on_time = files.iter().all(|row| row.on_time());
        totals.on_time += usize::from(on_time);
        totals.overdue += usize::from(!on_time);
        totals.personal_data += usize::from(files.iter().any(|row| row.personal_data > 0));
    }
    for file in unreadable {
        let name = town_of(&Project::default(), &file.path, dir);
        town(&mut towns, &name).unreadable += 1;
    }
    towns.into_values().collect()
}
