//! Chinese typed through an X input method (fcitx, ibus) reaches the app through the C
//! library's locale: winit calls `setlocale(LC_CTYPE, "")` and reads committed text with
//! `Xutf8LookupString`. In a locale that is not UTF-8 (LANG unset, or zh_CN.UTF-8 named but
//! not generated) the committed hanzi come back empty and are silently lost, while the
//! candidate window still shows. So the app makes sure it runs in a UTF-8 locale, restarting
//! itself once with `LC_ALL=C.UTF-8` when it does not.

use std::process::Command;

/// Set on the restarted process so that it never restarts again.
const RESTARTED_KEY: &str = "GONGKAI_UTF8_RESTART";

/// Whether the locale the C library would pick is not UTF-8. `charmap` is what
/// `locale charmap` printed (None when it could not run); `named` the locale the environment
/// names (LC_ALL, else LC_CTYPE, else LANG).
pub fn needs_utf8_locale(charmap: Option<&str>, named: Option<&str>) -> bool {
    let is_utf8 = |text: &str| {
        let lower = text.to_ascii_lowercase();
        lower.contains("utf-8") || lower.contains("utf8")
    };
    match charmap.map(str::trim).filter(|text| !text.is_empty()) {
        Some(charmap) => !is_utf8(charmap),
        None => !named.is_some_and(is_utf8),
    }
}

/// The locale the environment names, by POSIX precedence.
fn named_locale() -> Option<String> {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .filter_map(|key| std::env::var(key).ok())
        .find(|value| !value.is_empty())
}

/// On Linux, when the current locale is not UTF-8, runs this program again with the same
/// arguments under `LC_ALL=C.UTF-8` (which every glibc has) and does not return; otherwise
/// (or when the restart fails) returns and the app starts as it is.
pub fn restart_in_utf8_locale_if_needed() {
    if !cfg!(target_os = "linux") || std::env::var_os(RESTARTED_KEY).is_some() {
        return;
    }
    let charmap = Command::new("locale")
        .arg("charmap")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).into_owned());
    if !needs_utf8_locale(charmap.as_deref(), named_locale().as_deref()) {
        return;
    }
    let Ok(program) = std::env::current_exe() else {
        return;
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let error = Command::new(program)
            .args(std::env::args_os().skip(1))
            .env("LC_ALL", "C.UTF-8")
            .env(RESTARTED_KEY, "1")
            .exec();
        eprintln!("提示：无法切换到 UTF-8 语言环境（{error}），输入法输入的汉字可能丢失。");
    }
    #[cfg(not(unix))]
    let _ = program;
}

#[cfg(test)]
mod tests {
    use super::needs_utf8_locale;

    #[test]
    fn only_a_utf8_charmap_is_kept() {
        assert!(!needs_utf8_locale(Some("UTF-8\n"), None));
        // LANG unset, or zh_CN.UTF-8 named but not generated: glibc falls back to C.
        assert!(needs_utf8_locale(Some("ANSI_X3.4-1968\n"), None));
        assert!(needs_utf8_locale(
            Some("ANSI_X3.4-1968\n"),
            Some("zh_CN.UTF-8")
        ));
        assert!(needs_utf8_locale(Some("GB18030"), Some("zh_CN.GB18030")));
        // Without the `locale` program the environment decides.
        assert!(!needs_utf8_locale(None, Some("zh_CN.utf8")));
        assert!(needs_utf8_locale(None, Some("C")));
        assert!(needs_utf8_locale(None, None));
    }
}
