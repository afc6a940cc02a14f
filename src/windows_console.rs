//! Windows only. The exe is a windowed program (`windows_subsystem = "windows"`), so a
//! double-click opens no console window; started from cmd or PowerShell, it attaches to that
//! window's console so that `gongkai export …`, `check` and `--help` still print there.
//!
//! When no renderer can open the window, [`message_box`] says so in a Windows message box
//! (a double-clicked windowed exe has nowhere else to say it).
//!
//! This is the one place in the crate allowed `unsafe`: three Win32 calls (`GetStdHandle`,
//! `AttachConsole`, `MessageBoxW`). The first two only read or set the process's standard
//! handles, and failure (no parent console, e.g. started from Explorer) is simply ignored; the
//! third is handed two NUL-terminated UTF-16 strings that live across the call.
#![allow(unsafe_code)]

use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
use windows_sys::Win32::System::Console::{
    ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    MB_ICONERROR, MB_OK, MB_SETFOREGROUND, MessageBoxW,
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

/// Shows `text` in a modal error box titled `title` and waits for the clerk's OK.
pub fn message_box(title: &str, text: &str) {
    let wide = |text: &str| -> Vec<u16> { text.encode_utf16().chain(std::iter::once(0)).collect() };
    let (title, text) = (wide(title), wide(text));
    // SAFETY: both pointers are to NUL-terminated UTF-16 buffers owned by this frame, alive
    // until MessageBoxW returns; a null owner window is allowed.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            title.as_ptr(),
            MB_OK | MB_ICONERROR | MB_SETFOREGROUND,
        );
    }
}
