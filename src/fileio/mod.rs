//! THE one path for files: every file the program reads (project files, spreadsheets and CSV,
//! pictures, fonts) and every file it writes (projects, PDFs, PNGs, CSV, archives) goes
//! through here, so the rules below hold everywhere and are tested once.
//!
//! - [`read`]: regular files only (a FIFO, a device or a folder is refused before it is
//!   opened, so nothing hangs), the size checked before reading and bounded while reading.
//! - [`zip`]: a spreadsheet that is a zip (.xlsx, .ods) is checked entry by entry before it is
//!   parsed: declared and real unpacked size, and the packing ratio (zip bombs).
//! - [`write`]: atomic writes (temporary file, sync, rename; the previous version kept as
//!   `.bak` for projects), temporary files of an interrupted save removed at the next open,
//!   and an output never replaces the project, its `.bak`, a linked source or a file the
//!   program did not write (checked by its first bytes).
//! - [`lock`]: one writer per project: a lock file beside it says who has it, since when.
//!
//! Library code: messages are Chinese, nothing is printed.

pub mod lock;
pub mod read;
pub mod write;
pub mod zip;

pub use lock::{LockError, ProjectLock};
pub use read::{
    MAX_FONT_BYTES, MAX_PROJECT_BYTES, MAX_SOURCE_BYTES, ReadError, check_regular, io_error_zh,
    open_regular, read_regular, read_to_string_regular,
};
pub use write::{
    OutputKind, WriteError, WriteRefused, check_output, remove_stale_temp_files, same_file,
    write_atomically,
};
