//! Standard output for the subcommands (through `outln!`). A reader that goes away before
//! everything is written — `gongkai check x | head -1`, or `| more` quit early on Windows —
//! ends the command quietly with status 141 (128 + SIGPIPE, as command-line tools do), not
//! with a crash report; any other failure to write (a full disk behind `> out.txt`) is said
//! once on standard error, status 2.

use std::io::{self, Write};
use std::process;

/// The exit status when the reader of standard output has gone away.
pub const CLOSED_PIPE_STATUS: i32 = 141;

/// Writes one line to standard output; see the module's note for the errors.
pub fn line(text: std::fmt::Arguments<'_>) {
    let mut out = io::stdout().lock();
    let written = out.write_fmt(text).and_then(|()| out.write_all(b"\n"));
    if let Err(error) = written {
        drop(out);
        stop_after_write_error(&error);
    }
}

fn stop_after_write_error(error: &io::Error) -> ! {
    if is_closed_pipe(error) {
        process::exit(CLOSED_PIPE_STATUS);
    }
    eprintln!("错误：无法输出结果：{error}");
    process::exit(2);
}

/// Whether a write failed because nobody reads the other end any more: `EPIPE` on Linux; on
/// Windows `ERROR_BROKEN_PIPE` (109), `ERROR_NO_DATA` (232, "the pipe is being closed") and
/// `ERROR_PIPE_NOT_CONNECTED` (233), which the standard library does not all map to
/// [`io::ErrorKind::BrokenPipe`].
pub fn is_closed_pipe(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
        || (cfg!(windows) && matches!(error.raw_os_error(), Some(109 | 232 | 233)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pipe_is_a_closed_pipe_and_other_errors_are_not() {
        assert!(is_closed_pipe(&io::Error::from(io::ErrorKind::BrokenPipe)));
        assert!(!is_closed_pipe(&io::Error::from(
            io::ErrorKind::StorageFull
        )));
        assert!(!is_closed_pipe(&io::Error::from(
            io::ErrorKind::PermissionDenied
        )));
    }

    #[cfg(unix)]
    #[test]
    fn epipe_is_a_closed_pipe() {
        assert!(is_closed_pipe(&io::Error::from_raw_os_error(32)));
    }

    #[cfg(windows)]
    #[test]
    fn windows_pipe_errors_are_closed_pipes() {
        for code in [109, 232, 233] {
            assert!(
                is_closed_pipe(&io::Error::from_raw_os_error(code)),
                "{code}"
            );
        }
    }
}
