//! 名单 (`--roster`): the units a county expects, from a spreadsheet or CSV (read as imports
//! are: title rows skipped, GBK or UTF-8), checked against the folder: who sent no file, who
//! sent two or more. A unit is matched by its short name (东湾村村民委员会 = 东湾村) and, when
//! the roster names one, its town.

use super::CountySummary;
use crate::model::Meta;
use std::path::{Path, PathBuf};

/// One expected unit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterEntry {
    /// 乡镇 (may be empty: any town).
    pub town: String,
    /// 单位 as the roster writes it.
    pub unit: String,
}

/// The roster against the folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterCheck {
    pub expected: usize,
    /// Units with no readable project file.
    pub missing: Vec<RosterEntry>,
    /// Units with two or more files.
    pub doubled: Vec<(RosterEntry, Vec<PathBuf>)>,
}

/// The headers of a roster's unit column, and of its town column.
const UNIT_HEADERS: [&str; 5] = ["单位", "单位名称", "村（社区）", "村(社区)", "村"];
const TOWN_HEADERS: [&str; 4] = ["乡镇", "所属乡镇", "乡镇（街道）", "乡镇(街道)"];

/// Reads a roster: its unit column by header (单位, 单位名称, 村（社区）…, else the first
/// column), its town column if it has one. The message is for the clerk.
pub fn read_roster(path: &Path) -> Result<Vec<RosterEntry>, String> {
    let table = crate::import::read_table(path, &crate::import::ImportOptions::default())
        .map_err(|error| error.to_string())?;
    let find = |names: &[&str]| {
        table
            .columns
            .iter()
            .position(|column| names.contains(&column.trim()))
    };
    let unit_column = find(&UNIT_HEADERS).unwrap_or(0);
    let town_column = find(&TOWN_HEADERS);
    let entries: Vec<RosterEntry> = table
        .rows
        .iter()
        .filter_map(|row| {
            let unit = row.get(unit_column)?.trim().to_owned();
            (!unit.is_empty()).then(|| RosterEntry {
                town: town_column
                    .and_then(|column| row.get(column))
                    .map(|town| town.trim().to_owned())
                    .unwrap_or_default(),
                unit,
            })
        })
        .collect();
    if entries.is_empty() {
        return Err(format!(
            "名单 {} 中没有单位（应有一列“单位”，可再有一列“乡镇”）",
            path.display()
        ));
    }
    Ok(entries)
}

fn short_name(unit: &str) -> String {
    let meta = Meta {
        unit_name: unit.to_owned(),
        ..Meta::default()
    };
    meta.short_unit_name().to_owned()
}

/// Who on the roster sent no readable file, and who sent more than one.
pub fn check_roster(summary: &CountySummary, roster: &[RosterEntry]) -> RosterCheck {
    let mut check = RosterCheck {
        expected: roster.len(),
        ..RosterCheck::default()
    };
    for entry in roster {
        let wanted = short_name(&entry.unit);
        let files: Vec<PathBuf> = summary
            .rows
            .iter()
            .filter(|row| short_name(&row.unit) == wanted)
            .filter(|row| entry.town.is_empty() || row.town == entry.town)
            .map(|row| row.path.clone())
            .collect();
        match files.len() {
            0 => check.missing.push(entry.clone()),
            1 => {}
            _ => check.doubled.push((entry.clone(), files)),
        }
    }
    check
}
