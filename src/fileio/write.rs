//! The writing path: atomic writes, cleanup of interrupted saves, and the guard that keeps an
//! output from replacing a file it must not.

use super::read::io_error_zh;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// What an output is: the only files an output may replace are files of the same kind, known
/// by their first bytes (a PDF, a PNG, or a CSV starting with the program's own header).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    Pdf,
    Png,
    /// A CSV the program writes: a byte-order mark, then this header.
    Csv {
        header: &'static str,
    },
    /// A text list the program writes (UTF-8), starting with this line.
    Text {
        header: &'static str,
    },
    /// A workbook the program writes: its document properties carry [`XLSX_MARK`].
    Xlsx,
}

/// The comment (document properties) of every workbook the program writes: an existing .xlsx
/// is replaced only when it carries it (a clerk's 名单.xlsx never is).
pub const XLSX_MARK: &str = "gongkai county summary";

impl OutputKind {
    fn name_zh(self) -> &'static str {
        match self {
            OutputKind::Pdf => "PDF",
            OutputKind::Png => "PNG 图片",
            OutputKind::Csv { .. } => "本程序写出的汇总表",
            OutputKind::Text { .. } => "本程序写出的清单",
            OutputKind::Xlsx => "本程序写出的汇总工作簿",
        }
    }

    /// Whether a file starting with `head` is of this kind (so may be replaced).
    fn is_start_of(self, head: &[u8]) -> bool {
        match self {
            OutputKind::Pdf => head.starts_with(b"%PDF-"),
            OutputKind::Png => head.starts_with(b"\x89PNG\r\n\x1a\n"),
            OutputKind::Csv { header } => head
                .strip_prefix("\u{feff}".as_bytes())
                .is_some_and(|rest| rest.starts_with(header.as_bytes())),
            OutputKind::Text { header } => head.starts_with(header.as_bytes()),
            // Judged on the whole file (`xlsx_is_ours`).
            OutputKind::Xlsx => false,
        }
    }
}

/// Whether the workbook at `path` was written by the program: a zip whose `docProps/core.xml`
/// (read at most 64 KB of it) carries [`XLSX_MARK`].
fn xlsx_is_ours(path: &Path) -> bool {
    const MAX_CORE_BYTES: u64 = 64 * 1024;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        return false;
    };
    let Ok(core) = archive.by_name("docProps/core.xml") else {
        return false;
    };
    let mut text = String::new();
    core.take(MAX_CORE_BYTES).read_to_string(&mut text).is_ok() && text.contains(XLSX_MARK)
}

/// What a protected file is to the project, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protected {
    Project,
    Backup,
    Source,
    Picture,
}

impl Protected {
    fn name_zh(self) -> &'static str {
        match self {
            Protected::Project => "项目文件本身",
            Protected::Backup => "项目文件的备份（.bak）",
            Protected::Source => "项目关联的数据源文件",
            Protected::Picture => "项目中用到的图片",
        }
    }
}

/// Why an output was not written. Chinese; the CLI exits 2 with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WriteRefused {
    #[error("不能写到“{path}”：它是{}，写出的文件会把它覆盖。请另选输出文件名（-o）。", .what.name_zh())]
    Protected { path: String, what: Protected },
    #[error("不能写到“{path}”：那里已有一个文件，它不是{}（{found}），本程序不会覆盖它。请另选文件名，或先把它移走。", .kind.name_zh())]
    Foreign {
        path: String,
        kind: OutputKind,
        found: String,
    },
    #[error("不能写到“{path}”：{reason}。")]
    NotAFile { path: String, reason: String },
}

/// Whether two paths name the same file on disk (links and spellings followed). A path that
/// does not exist is the same as nothing.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(first), Ok(second)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return first.dev() == second.dev() && first.ino() == second.ino();
        }
        false
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(first), Ok(second)) => first == second,
            _ => false,
        }
    }
}

fn shown(path: &Path) -> String {
    crate::text::quoted(&path.display().to_string())
}

/// A short description of what a file starts with, for the refusal.
fn describe_start(head: &[u8]) -> String {
    if head.is_empty() {
        return "是个空文件".to_owned();
    }
    let text = String::from_utf8_lossy(head);
    if text.trim_start().starts_with('{') {
        return "看起来是 JSON 文本，例如项目文件".to_owned();
    }
    if head.starts_with(b"PK") {
        return "看起来是 Office 文档或压缩包".to_owned();
    }
    if head.starts_with(&[0xFF, 0xD8]) {
        return "看起来是 JPEG 图片".to_owned();
    }
    "内容不是本程序写出的".to_owned()
}

/// How many first bytes of an existing file tell what it is.
const HEAD_BYTES: u64 = 256;

/// THE guard of every output: `output` may be written when it is none of the `protected`
/// files (the project, its `.bak`, its sources and pictures) and either does not exist or is
/// a regular file of the same `kind` (by its first bytes), which the program could have
/// written. Called by every writer of PDFs, PNGs and CSV.
pub fn check_output(
    output: &Path,
    kind: OutputKind,
    protected: &[(PathBuf, Protected)],
) -> Result<(), WriteRefused> {
    for (path, what) in protected {
        if same_file(output, path) {
            return Err(WriteRefused::Protected {
                path: shown(output),
                what: *what,
            });
        }
    }
    let metadata = match std::fs::metadata(output) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => {
            return Err(WriteRefused::NotAFile {
                path: shown(output),
                reason: io_error_zh(&error),
            });
        }
    };
    if !metadata.is_file() {
        return Err(WriteRefused::NotAFile {
            path: shown(output),
            reason: "它不是普通文件（可能是文件夹或设备）".to_owned(),
        });
    }
    let mut head = Vec::new();
    let read =
        std::fs::File::open(output).and_then(|file| file.take(HEAD_BYTES).read_to_end(&mut head));
    if let Err(error) = read {
        return Err(WriteRefused::NotAFile {
            path: shown(output),
            reason: io_error_zh(&error),
        });
    }
    if kind.is_start_of(&head) || (kind == OutputKind::Xlsx && xlsx_is_ours(output)) {
        Ok(())
    } else {
        Err(WriteRefused::Foreign {
            path: shown(output),
            kind,
            found: describe_start(&head),
        })
    }
}

/// Why a file could not be written: its message is the clerk's sentence (what, why, what to
/// check); [`WriteError::reason`] is the why alone, for a caller that says the what itself.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error(
        "无法写出 {path}：{reason}。请检查文件夹是否存在、是否有写权限，文件是否被其他程序打开。"
    )]
    Failed {
        path: String,
        reason: String,
        kind: std::io::ErrorKind,
    },
    #[error("无法写出 {path}：无法保留原文件的备份 {backup}（{reason}），原文件未被改动。")]
    Backup {
        path: String,
        backup: String,
        reason: String,
    },
}

impl WriteError {
    fn failed(path: &Path, error: &std::io::Error) -> Self {
        WriteError::Failed {
            path: path.display().to_string(),
            reason: write_error_zh(error),
            kind: error.kind(),
        }
    }

    /// Why, without the file: "磁盘已满", "无法保留备份 …（没有权限）".
    pub fn reason(&self) -> String {
        match self {
            WriteError::Failed { reason, .. } => reason.clone(),
            WriteError::Backup { backup, reason, .. } => {
                format!("无法保留备份 {backup}（{reason}）")
            }
        }
    }

    /// The disk is full (or the quota used up): the clerk frees space, nothing else helps.
    pub fn is_disk_full(&self) -> bool {
        matches!(
            self,
            WriteError::Failed {
                kind: std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded,
                ..
            }
        )
    }
}

/// Writes `bytes` to `path` through a synced temporary file in the same folder and a rename,
/// so that `path` is never half-written. With `keep_backup`, an existing file is first copied
/// to `<path>.bak` the same way (a synced temporary copy, renamed), so a crash leaves either
/// the previous backup or a complete new one, never a short one. Temporary files an earlier,
/// interrupted save left behind for this `path` are removed first.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), WriteError> {
    let folder = folder_of(path);
    let file_name = path
        .file_name()
        .ok_or_else(|| WriteError::Failed {
            path: path.display().to_string(),
            reason: "没有文件名".to_owned(),
            kind: std::io::ErrorKind::InvalidInput,
        })?
        .to_string_lossy()
        .into_owned();
    // Saves run under the project's lock (or write an output of their own): any temporary
    // file of this target is left over.
    remove_temp_files(path, |_| true);
    let temp_path = folder.join(temp_file_name(&file_name, std::process::id()));
    if let Err(error) = write_synced(&temp_path, bytes) {
        let _ = std::fs::remove_file(&temp_path);
        return Err(WriteError::failed(path, &error));
    }
    if keep_backup
        && path.exists()
        && let Err(error) = keep_backup_of(path, &folder, &file_name)
    {
        let _ = std::fs::remove_file(&temp_path);
        return Err(error);
    }
    if let Err(error) = std::fs::rename(&temp_path, path) {
        let _ = std::fs::remove_file(&temp_path);
        return Err(WriteError::failed(path, &error));
    }
    sync_folder(&folder);
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The temporary file a process writes before renaming it to `file_name`: hidden, named after
/// the target and the process, ending in `.tmp`.
pub(crate) fn temp_file_name(file_name: &str, process_id: u32) -> String {
    format!(".{file_name}.{process_id}.tmp")
}

/// The process that wrote `name`, when it is a temporary file of `file_name` (its own or its
/// backup's) as [`temp_file_name`] makes them.
pub(crate) fn temp_file_owner(name: &str, file_name: &str) -> Option<u32> {
    let middle = name
        .strip_prefix('.')?
        .strip_prefix(file_name)?
        .strip_prefix('.')?
        .strip_suffix(".tmp")?;
    let process_id = middle.strip_prefix("bak.").unwrap_or(middle);
    if process_id.is_empty() || !process_id.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    process_id.parse().ok()
}

/// Whether a process runs: Some(answer) where the system can tell (Linux: /proc), else None.
pub(crate) fn process_alive(process_id: u32) -> Option<bool> {
    if process_id == std::process::id() {
        return Some(true);
    }
    let proc_root = Path::new("/proc/self");
    if proc_root.exists() {
        return Some(Path::new("/proc").join(process_id.to_string()).exists());
    }
    None
}

/// A temporary file untouched this long is left over even where processes cannot be asked.
const STALE_TEMP_SECS: u64 = 10 * 60;

/// Removes the temporary files of `path` (and of its backup) that an interrupted save left:
/// those of a process that no longer runs (or of this one), or, where that cannot be known,
/// untouched for ten minutes. A save in progress in another process is left alone. Called at
/// every open and every save. Best effort: what cannot be removed stays. Returns how many
/// were removed.
pub fn remove_stale_temp_files(path: &Path) -> usize {
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_temp_files(path, |entry| {
        let Some(owner) = temp_file_owner(&entry.file_name().to_string_lossy(), &file_name) else {
            return false;
        };
        match process_alive(owner) {
            Some(alive) => !alive || owner == std::process::id(),
            None => entry
                .metadata()
                .and_then(|metadata| metadata.modified())
                .ok()
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|age| age.as_secs() > STALE_TEMP_SECS),
        }
    })
}

/// Removes the temporary files of `path` (and of its backup) for which `stale` says so.
fn remove_temp_files(path: &Path, stale: impl Fn(&std::fs::DirEntry) -> bool) -> usize {
    let folder = folder_of(path);
    let Some(file_name) = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
    else {
        return 0;
    };
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if temp_file_owner(&name.to_string_lossy(), &file_name).is_none() || !stale(&entry) {
            continue;
        }
        if std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Copies the current `path` to `<file_name>.bak` through a synced temporary copy and a rename.
fn keep_backup_of(path: &Path, folder: &Path, file_name: &str) -> Result<(), WriteError> {
    let backup = folder.join(format!("{file_name}.bak"));
    let backup_temp = folder.join(temp_file_name(
        &format!("{file_name}.bak"),
        std::process::id(),
    ));
    let copied = std::fs::read(path)
        .and_then(|previous| write_synced(&backup_temp, &previous))
        .and_then(|()| std::fs::rename(&backup_temp, &backup));
    copied.map_err(|error| {
        let _ = std::fs::remove_file(&backup_temp);
        WriteError::Backup {
            path: path.display().to_string(),
            backup: backup.display().to_string(),
            reason: write_error_zh(&error),
        }
    })
}

/// Creates (or truncates) `path`, writes `bytes` and waits until they are on the disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes a rename in `folder` durable (best effort: not every system can sync a folder).
pub(crate) fn sync_folder(folder: &Path) {
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// A failed write: a missing path means the folder is missing (the file is being created).
fn write_error_zh(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "文件夹不存在".to_owned(),
        _ => io_error_zh(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_temporary_files_of_the_same_target_are_recognised() {
        let name = "qinghe.gongkai.json";
        assert_eq!(
            temp_file_owner(&temp_file_name(name, 4242), name),
            Some(4242)
        );
        assert_eq!(
            temp_file_owner(".qinghe.gongkai.json.bak.17.tmp", name),
            Some(17)
        );
        for other in [
            ".qinghe.gongkai.json.tmp",
            ".qinghe.gongkai.json.x1.tmp",
            ".other.gongkai.json.17.tmp",
            "qinghe.gongkai.json.17.tmp",
            ".qinghe.gongkai.json.bak",
            "qinghe.gongkai.json",
        ] {
            assert_eq!(temp_file_owner(other, name), None, "{other}");
        }
    }

    #[test]
    fn a_save_over_an_existing_file_keeps_a_whole_backup_and_no_temporary_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.gongkai.json");
        // A process id no system hands out: its temporary file is left over.
        std::fs::write(dir.path().join(".a.gongkai.json.4294967295.tmp"), "").expect("stale");
        write_atomically(&path, b"first", true).expect("first");
        write_atomically(&path, b"second", true).expect("second");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        assert_eq!(
            std::fs::read(dir.path().join("a.gongkai.json.bak")).expect("bak"),
            b"first"
        );
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
    }

    #[test]
    fn an_output_replaces_only_a_file_of_its_own_kind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("a.gongkai.json");
        std::fs::write(&project, "{\"format\":\"gongkai-project\"}").expect("write");
        let protected = [(project.clone(), Protected::Project)];
        let refused = check_output(&project, OutputKind::Pdf, &protected).expect_err("project");
        assert!(
            refused.to_string().contains("它是项目文件本身"),
            "{refused}"
        );
        let link = dir.path().join("link.pdf");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&project, &link).expect("symlink");
            assert!(check_output(&link, OutputKind::Pdf, &protected).is_err());
            std::fs::remove_file(&link).expect("remove");
        }
        let notes = dir.path().join("notes.pdf");
        std::fs::write(&notes, "会议记录").expect("write");
        let refused = check_output(&notes, OutputKind::Pdf, &[]).expect_err("foreign");
        assert!(refused.to_string().contains("它不是PDF"), "{refused}");
        std::fs::write(&notes, b"%PDF-1.7\n").expect("write");
        assert_eq!(check_output(&notes, OutputKind::Pdf, &[]), Ok(()));
        assert_eq!(check_output(&link, OutputKind::Pdf, &[]), Ok(()));
        assert!(check_output(dir.path(), OutputKind::Pdf, &[]).is_err());
        let csv = OutputKind::Csv {
            header: "项目,状态",
        };
        std::fs::write(&notes, "\u{feff}项目,状态\r\n").expect("write");
        assert_eq!(check_output(&notes, csv, &[]), Ok(()));
        std::fs::write(&notes, "\u{feff}姓名,身份证号\r\n").expect("write");
        assert!(check_output(&notes, csv, &[]).is_err());
    }
}
