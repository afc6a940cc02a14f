//! The designer's own settings: a small JSON file in the user's config folder (or where
//! `GONGKAI_CONFIG` says, for tests and portable installs) — the projects opened last (the
//! last one reopens on start), whether the program has run before (the sample shows only on a
//! first run), and the folder last used for each kind of file. Written as soon as something
//! changes, atomically, so a power cut loses nothing; a missing or broken file is a first run,
//! never an error.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the settings file is, instead of the user's config folder.
pub const CONFIG_ENV: &str = "GONGKAI_CONFIG";
/// How many recent projects are kept.
pub const MAX_RECENT: usize = 8;
/// A settings file larger than this is not ours: ignored.
const MAX_CONFIG_BYTES: u64 = 256 * 1024;

/// The settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppConfig {
    /// Projects opened or saved, the latest first.
    pub recent: Vec<PathBuf>,
    /// Whether the program has started before (the sample shows only on a first run).
    pub started_before: bool,
    /// The folder last used for each kind of file (项目, 导出, 导入, 图片…).
    pub folders: BTreeMap<String, PathBuf>,
}

impl AppConfig {
    /// The settings file: `GONGKAI_CONFIG`, else `gongkai/settings.json` in the user's
    /// config folder (None when the system names none).
    pub fn default_path() -> Option<PathBuf> {
        if let Some(path) = std::env::var_os(CONFIG_ENV).filter(|path| !path.is_empty()) {
            return Some(PathBuf::from(path));
        }
        config_home().map(|dir| dir.join("gongkai").join("settings.json"))
    }

    /// The settings in `path`; a missing, unreadable or broken file gives the defaults.
    pub fn load_from(path: &Path) -> AppConfig {
        crate::fileio::read_to_string_regular(path, MAX_CONFIG_BYTES)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the settings to `path` (its folder made as needed), atomically.
    pub fn save_to(&self, path: &Path) -> Result<(), String> {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|error| crate::model::io_error_zh(&error))?;
        }
        let mut json = serde_json::to_string_pretty(self).map_err(|error| error.to_string())?;
        json.push('\n');
        crate::model::write_atomically(path, json.as_bytes(), false)
            .map_err(|error| error.to_string())
    }

    /// The project to reopen on start: the latest one that still exists.
    pub fn last_project(&self) -> Option<&Path> {
        self.recent
            .iter()
            .map(PathBuf::as_path)
            .find(|path| path.is_file())
    }

    /// A project opened or saved: first in the list; its folder is the 项目 folder.
    pub fn remember_project(&mut self, path: &Path) {
        self.recent.retain(|recent| recent != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
        if let Some(dir) = path.parent() {
            self.remember_folder(PROJECT_FOLDER, dir);
        }
    }

    /// The folder of a file of `kind` the clerk chose.
    pub fn remember_folder(&mut self, kind: &str, dir: &Path) {
        if !dir.as_os_str().is_empty() {
            self.folders.insert(kind.to_owned(), dir.to_owned());
        }
    }

    /// The folder last used for `kind`, if it still exists.
    pub fn folder(&self, kind: &str) -> Option<&Path> {
        self.folders
            .get(kind)
            .map(PathBuf::as_path)
            .filter(|dir| dir.is_dir())
    }
}

/// The kind of file whose folder is the projects'.
pub const PROJECT_FOLDER: &str = "项目";

/// The user's config folder: `%APPDATA%` on Windows, `~/Library/Application Support` on
/// macOS, `$XDG_CONFIG_HOME` or `~/.config` elsewhere.
fn config_home() -> Option<PathBuf> {
    if cfg!(windows) {
        return std::env::var_os("APPDATA").map(PathBuf::from);
    }
    if cfg!(target_os = "macos") {
        return home().map(|home| home.join("Library").join("Application Support"));
    }
    std::env::var_os("XDG_CONFIG_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| home().map(|home| home.join(".config")))
}

fn home() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var)
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
}

/// The user's documents folder: `文档` or `Documents` in the home folder (the one that
/// exists; `Documents` on Windows), else the home folder itself.
pub fn documents_dir() -> Option<PathBuf> {
    let home = home()?;
    let names: &[&str] = if cfg!(windows) {
        &["Documents"]
    } else {
        &["文档", "Documents"]
    };
    Some(
        names
            .iter()
            .map(|name| home.join(name))
            .find(|dir| dir.is_dir())
            .unwrap_or(home),
    )
}

/// Where a new project of `unit_name` is saved by default: `文档/公开栏/<单位>/<单位>.gongkai.json`
/// (the unit's name made safe for a file name; 新项目 when empty), under `documents`.
pub fn default_project_file(documents: &Path, unit_name: &str) -> PathBuf {
    let name = if unit_name.trim().is_empty() {
        "新项目".to_owned()
    } else {
        crate::jobs::file_name_for(unit_name.trim())
    };
    documents
        .join("公开栏")
        .join(&name)
        .join(format!("{name}.gongkai.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_a_broken_file_is_a_first_run() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("deep").join("settings.json");
        assert_eq!(AppConfig::load_from(&path), AppConfig::default());
        let project = dir.path().join("东湾村.gongkai.json");
        std::fs::write(&project, "{}").expect("write");
        let mut config = AppConfig::default();
        config.remember_project(&project);
        config.started_before = true;
        config.save_to(&path).expect("save");
        let loaded = AppConfig::load_from(&path);
        assert_eq!(loaded, config);
        assert_eq!(loaded.last_project(), Some(project.as_path()));
        assert_eq!(loaded.folder(PROJECT_FOLDER), Some(dir.path()));
        std::fs::write(&path, "not json").expect("write");
        assert_eq!(AppConfig::load_from(&path), AppConfig::default());
    }

    #[test]
    fn the_default_project_folder_is_named_after_the_unit() {
        let file = default_project_file(Path::new("/home/clerk/文档"), "东湾村村民委员会");
        assert_eq!(
            file,
            Path::new("/home/clerk/文档/公开栏/东湾村村民委员会/东湾村村民委员会.gongkai.json")
        );
        let unnamed = default_project_file(Path::new("/d"), " ");
        assert_eq!(unnamed, Path::new("/d/公开栏/新项目/新项目.gongkai.json"));
    }
}
