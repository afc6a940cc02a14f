//! The reading path: regular files only, the size checked before and bounded while reading.

use std::io::Read;
use std::path::Path;

/// A spreadsheet or CSV larger than this is refused before it is read (50,000 rows of 40
/// columns fill about 30 MB).
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;
/// A project file larger than this is refused before it is read.
pub const MAX_PROJECT_BYTES: u64 = 128 * 1024 * 1024;
/// A font file larger than this is refused (the largest CJK collections are about 60 MB).
pub const MAX_FONT_BYTES: u64 = 128 * 1024 * 1024;

/// Why a file was not read. The text is for clerks.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("“{path}”：{reason}")]
    Io {
        path: String,
        reason: String,
        kind: std::io::ErrorKind,
    },
    #[error("“{path}”不是普通文件（是{what}），不能读取")]
    NotRegular { path: String, what: &'static str },
    #[error("文件“{path}”有 {}，超过上限 {}", size_zh(*.size_bytes), size_zh(*.limit_bytes))]
    TooLarge {
        path: String,
        size_bytes: u64,
        limit_bytes: u64,
    },
}

impl ReadError {
    /// The operating system's kind of error, when there was one (NotFound, PermissionDenied…).
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            ReadError::Io { kind, .. } => Some(*kind),
            _ => None,
        }
    }
}

/// Bytes in the unit a clerk reads: "1.5 GB", "300 MB", "12 KB", "80 字节".
pub fn size_zh(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    const GB: u64 = 1024 * MB;
    match bytes {
        b if b >= GB => format!("{:.1} GB", b as f64 / GB as f64),
        b if b >= MB => format!("{} MB", b.div_ceil(MB)),
        b if b >= KB => format!("{} KB", b.div_ceil(KB)),
        b => format!("{b} 字节"),
    }
}

/// THE Chinese text of a file error, for every message that reaches a clerk: what happened in
/// words a clerk knows, without the operating system's English (except as a last resort).
pub fn io_error_zh(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "找不到文件".to_owned(),
        ErrorKind::PermissionDenied => "没有权限".to_owned(),
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_owned(),
        ErrorKind::NotADirectory => "路径中有一段不是文件夹".to_owned(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "磁盘已满".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "磁盘为只读".to_owned(),
        ErrorKind::AlreadyExists => "文件已存在".to_owned(),
        ErrorKind::InvalidData => "文件内容无法识别".to_owned(),
        ErrorKind::ResourceBusy => "文件正被其他程序使用".to_owned(),
        ErrorKind::FileTooLarge => "文件太大".to_owned(),
        _ => format!("读写失败（{error}）"),
    }
}

fn shown(path: &Path) -> String {
    crate::text::quoted(&path.display().to_string())
}

fn io_error(path: &Path, error: &std::io::Error) -> ReadError {
    ReadError::Io {
        path: shown(path),
        reason: io_error_zh(error),
        kind: error.kind(),
    }
}

/// What a file that is not a regular file is, in Chinese.
fn special_kind_zh(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return "文件夹";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "管道（FIFO）";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "设备";
        }
        if file_type.is_socket() {
            return "套接字";
        }
    }
    "特殊文件"
}

/// Checks, without opening it, that `path` is a regular file (links followed) of at most
/// `limit_bytes`; returns its size.
pub fn check_regular(path: &Path, limit_bytes: u64) -> Result<u64, ReadError> {
    let metadata = std::fs::metadata(path).map_err(|error| io_error(path, &error))?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular {
            path: shown(path),
            what: special_kind_zh(metadata.file_type()),
        });
    }
    if metadata.len() > limit_bytes {
        return Err(ReadError::TooLarge {
            path: shown(path),
            size_bytes: metadata.len(),
            limit_bytes,
        });
    }
    Ok(metadata.len())
}

/// Opens a regular file of at most `limit_bytes` for reading. The type is checked before the
/// file is opened (opening a FIFO would wait for a writer), opened without waiting, and checked
/// again on the open file (it may have been swapped in between).
pub fn open_regular(path: &Path, limit_bytes: u64) -> Result<(std::fs::File, u64), ReadError> {
    check_regular(path, limit_bytes)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|error| io_error(path, &error))?;
    let metadata = file.metadata().map_err(|error| io_error(path, &error))?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular {
            path: shown(path),
            what: special_kind_zh(metadata.file_type()),
        });
    }
    if metadata.len() > limit_bytes {
        return Err(ReadError::TooLarge {
            path: shown(path),
            size_bytes: metadata.len(),
            limit_bytes,
        });
    }
    Ok((file, metadata.len()))
}

/// Reads a whole regular file of at most `limit_bytes`; a file that grows past the limit while
/// it is read is refused when it does (never read further).
pub fn read_regular(path: &Path, limit_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size_bytes) = open_regular(path, limit_bytes)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size_bytes).unwrap_or(0));
    file.take(limit_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| io_error(path, &error))?;
    if bytes.len() as u64 > limit_bytes {
        return Err(ReadError::TooLarge {
            path: shown(path),
            size_bytes: bytes.len() as u64,
            limit_bytes,
        });
    }
    Ok(bytes)
}

/// [`read_regular`] as UTF-8 text (None when it is not UTF-8).
pub fn read_to_string_regular(path: &Path, limit_bytes: u64) -> Result<Option<String>, ReadError> {
    read_regular(path, limit_bytes).map(|bytes| String::from_utf8(bytes).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_refused_and_a_file_over_the_limit_too() {
        let dir = tempfile::tempdir().expect("tempdir");
        let error = read_regular(dir.path(), 10).expect_err("folder");
        assert!(
            error.to_string().contains("不是普通文件（是文件夹）"),
            "{error}"
        );
        let file = dir.path().join("a.csv");
        std::fs::write(&file, vec![b'x'; 2048]).expect("write");
        let error = read_regular(&file, 1024).expect_err("too large");
        assert_eq!(
            error.to_string(),
            format!("文件“{}”有 2 KB，超过上限 1 KB", file.display())
        );
        assert_eq!(read_regular(&file, 4096).expect("read").len(), 2048);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        let error = read_regular(Path::new("/dev/zero"), MAX_SOURCE_BYTES).expect_err("device");
        assert!(error.to_string().contains("是设备"), "{error}");
    }

    #[test]
    fn sizes_read_in_the_clerks_units() {
        assert_eq!(size_zh(80), "80 字节");
        assert_eq!(size_zh(64 * 1024 * 1024), "64 MB");
        assert_eq!(size_zh(3 * 1024 * 1024 * 1024 / 2), "1.5 GB");
    }
}
