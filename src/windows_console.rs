//! Windows only. The exe is a windowed program (`windows_subsystem = "windows"`), so a
//! double-click opens no console window; started from cmd or PowerShell, it attaches to that
//! window's console so that `gongkai export …`, `check` and `--help` still print there.
//!
//! This is the one place in the crate allowed `unsafe`: two Win32 calls without pointers
//! handed in (`GetStdHandle`, `AttachConsole`). Both only read or set the process's standard
//! handles, and failure (no parent console, e.g. started from Explorer) is simply ignored.
#![allow(unsafe_code)]

use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
use windows_sys::Win32::System::Console::{
    ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
};

/// Attaches to the parent's console when the process has no standard output or error of its
/// own. Handles given by the caller (`gongkai check x > out.txt`, `| findstr`) are kept.
pub fn attach_to_parent_console() {
    // SAFETY: GetStdHandle takes a constant and returns a handle value we only compare.
    let missing = |which| {
        let handle = unsafe { GetStdHandle(which) };
        handle.is_null() || handle == INVALID_HANDLE_VALUE
    };
    if missing(STD_OUTPUT_HANDLE) || missing(STD_ERROR_HANDLE) {
        // SAFETY: AttachConsole takes a process id (here the constant for "my parent"); when
        // there is no such console it returns 0, which is fine: nothing will be printed.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
