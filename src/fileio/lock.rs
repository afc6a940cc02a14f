//! One writer per project: a lock file beside the project (`.<name>.lock`) held with the
//! operating system's file lock while a process may write the project. The system drops the
//! lock when the process ends, however it ends, so the lock of a dead process is simply taken
//! over. The file says who holds it (user, computer, program, process, since when) so the
//! refusal can name them. The file stays when the lock is let go (deleting it could let two
//! processes lock two different files); it is emptied.

use super::read::io_error_zh;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long the command line waits for a project another process is writing.
pub const CLI_WAIT: Duration = Duration::from_secs(5);

/// Who holds a lock, as its file says.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LockHolder {
    pub user: String,
    pub host: String,
    pub program: String,
    pub pid: u32,
    /// Local time, "2026-12-06 14:05".
    pub since: String,
}

impl LockHolder {
    fn of_this_process(program: &str) -> Self {
        let user = ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
            .unwrap_or_default();
        let host = std::env::var("COMPUTERNAME")
            .or_else(|_| std::env::var("HOSTNAME"))
            .ok()
            .or_else(|| {
                std::fs::read_to_string("/etc/hostname")
                    .ok()
                    .map(|name| name.trim().to_owned())
            })
            .unwrap_or_default();
        Self {
            user,
            host,
            program: program.to_owned(),
            pid: std::process::id(),
            since: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    /// "用户 li 在 town-pc 上的 公开栏设计器（进程 4242，自 2026-12-06 14:05 起）".
    pub fn describe_zh(&self) -> String {
        let mut who = String::new();
        if !self.user.is_empty() {
            who.push_str(&format!("用户 {} ", crate::text::excerpt(&self.user, 30)));
        }
        if !self.host.is_empty() {
            who.push_str(&format!("在 {} 上", crate::text::excerpt(&self.host, 30)));
        }
        let program = if self.program.is_empty() {
            "另一个程序".to_owned()
        } else {
            crate::text::excerpt(&self.program, 40)
        };
        let since = if self.since.is_empty() {
            String::new()
        } else {
            format!("，自 {} 起", crate::text::excerpt(&self.since, 20))
        };
        format!("{who}的{program}（进程 {}{since}）", self.pid)
    }
}

/// Why the project could not be locked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LockError {
    #[error("项目“{path}”正在被{}使用，为免互相覆盖，现在不能修改它。请等对方完成（或关闭该项目）后再试。", .holder.as_deref().map_or_else(|| "另一个程序".to_owned(), LockHolder::describe_zh))]
    Held {
        path: String,
        holder: Option<Box<LockHolder>>,
    },
    #[error("无法锁定项目“{path}”（锁文件 {lock}：{reason}）")]
    Io {
        path: String,
        lock: String,
        reason: String,
    },
}

/// A held lock on a project; let go when dropped.
#[derive(Debug)]
pub struct ProjectLock {
    file: File,
    path: PathBuf,
}

/// The lock file of a project: `.<file name>.lock` beside it.
pub fn lock_path(project_path: &Path) -> PathBuf {
    let name = project_path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    project_path.with_file_name(format!(".{name}.lock"))
}

/// Who holds the lock of `project_path` now, as its file says (None when the file is empty or
/// unreadable).
pub fn read_holder(project_path: &Path) -> Option<LockHolder> {
    let mut text = String::new();
    File::open(lock_path(project_path))
        .ok()?
        .take(4096)
        .read_to_string(&mut text)
        .ok()?;
    serde_json::from_str(&text).ok()
}

impl ProjectLock {
    /// Locks the project at once or says who has it. `program` names this program for others
    /// ("公开栏设计器", "命令行 gongkai import").
    pub fn try_acquire(project_path: &Path, program: &str) -> Result<Self, LockError> {
        let path = lock_path(project_path);
        let shown = crate::text::quoted(&project_path.display().to_string());
        let io = |error: std::io::Error| LockError::Io {
            path: shown.clone(),
            lock: path.display().to_string(),
            reason: io_error_zh(&error),
        };
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(LockError::Held {
                    path: shown,
                    holder: read_holder(project_path).map(Box::new),
                });
            }
            Err(std::fs::TryLockError::Error(error)) => return Err(io(error)),
        }
        let holder = LockHolder::of_this_process(program);
        let json = serde_json::to_string(&holder).unwrap_or_default();
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(json.as_bytes()))
            .and_then(|()| file.flush())
            .map_err(io)?;
        Ok(Self { file, path })
    }

    /// Locks the project, waiting up to `wait` for another process to finish.
    pub fn acquire_waiting(
        project_path: &Path,
        program: &str,
        wait: Duration,
    ) -> Result<Self, LockError> {
        let started = Instant::now();
        loop {
            match Self::try_acquire(project_path, program) {
                Err(LockError::Held { .. }) if started.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                other => return other,
            }
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Emptied while still held, so nobody reads a stale owner; the lock goes with the file.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_with_the_holder_named_until_the_first_lets_go() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("青禾.gongkai.json");
        let first = ProjectLock::try_acquire(&project, "公开栏设计器").expect("first");
        let refused = ProjectLock::try_acquire(&project, "命令行").expect_err("second");
        let said = refused.to_string();
        assert!(said.contains("公开栏设计器（进程 "), "{said}");
        assert!(said.contains(&std::process::id().to_string()), "{said}");
        let waited = Instant::now();
        assert!(
            ProjectLock::acquire_waiting(&project, "命令行", Duration::from_millis(200)).is_err()
        );
        assert!(waited.elapsed() >= Duration::from_millis(200));
        drop(first);
        assert_eq!(read_holder(&project), None);
        let second = ProjectLock::try_acquire(&project, "命令行").expect("free again");
        assert_eq!(
            read_holder(&project).map(|holder| holder.program),
            Some("命令行".to_owned())
        );
        assert!(second.path().ends_with(".青禾.gongkai.json.lock"));
    }

    #[test]
    fn the_lock_file_of_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("a.gongkai.json");
        let dead = LockHolder {
            program: "公开栏设计器".into(),
            pid: u32::MAX,
            ..LockHolder::default()
        };
        std::fs::write(
            lock_path(&project),
            serde_json::to_string(&dead).expect("json"),
        )
        .expect("write");
        let lock = ProjectLock::try_acquire(&project, "命令行").expect("taken over");
        assert_eq!(
            read_holder(&project).map(|holder| holder.pid),
            Some(std::process::id())
        );
        drop(lock);
    }
}
