//! Which renderer draws the window, and what happens when one cannot start.
//!
//! The fast one, glow, needs OpenGL 2; on remote and cloud desktops, virtual machines and
//! Windows' basic display driver there is only OpenGL 1.1 and glow fails before the first frame.
//! Then the program starts itself again with wgpu (winit makes one event loop per process):
//! DX12, which falls back to WARP (the software adapter every Windows has), Vulkan (Mesa's
//! lavapipe without a GPU) or OpenGL ES. `GONGKAI_RENDERER=glow|wgpu` forces one. A renderer
//! that opened the window is remembered for the next start. Each start is written to the log
//! file ([`log_path`]), which 关于 names; when nothing works, the caller shows
//! [`StartFailure`] in a native message box.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Forces one renderer: `glow` or `wgpu`.
pub const RENDERER_ENV: &str = "GONGKAI_RENDERER";
/// Set on the process started again with the other renderer: why the first one failed.
const FALLBACK_ENV: &str = "GONGKAI_RENDERER_FALLBACK";
/// The log grows to this size, then starts afresh (the previous one kept as `.old`).
const LOG_LIMIT_BYTES: u64 = 256 * 1024;

/// Set once a renderer has opened the window: an error after that is not the renderer's.
static WINDOW_OPENED: AtomicBool = AtomicBool::new(false);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    /// egui_glow on OpenGL 2 or later (or OpenGL ES 2): starts fastest.
    Glow,
    /// egui-wgpu: DX12 (WARP), Vulkan, Metal or OpenGL ES.
    Wgpu,
}

impl Renderer {
    pub fn name(self) -> &'static str {
        match self {
            Renderer::Glow => "glow",
            Renderer::Wgpu => "wgpu",
        }
    }

    /// `glow` or `wgpu` (any case, spaces around ignored).
    pub fn parse(text: &str) -> Option<Renderer> {
        match text.trim().to_ascii_lowercase().as_str() {
            "glow" => Some(Renderer::Glow),
            "wgpu" => Some(Renderer::Wgpu),
            _ => None,
        }
    }

    pub fn other(self) -> Renderer {
        match self {
            Renderer::Glow => Renderer::Wgpu,
            Renderer::Wgpu => Renderer::Glow,
        }
    }

    pub fn eframe(self) -> eframe::Renderer {
        match self {
            Renderer::Glow => eframe::Renderer::Glow,
            Renderer::Wgpu => eframe::Renderer::Wgpu,
        }
    }
}

/// The renderers to try, in order. `forced` is `GONGKAI_RENDERER` (only that one; an
/// unknown value is ignored), `remembered` the one that worked last time; otherwise glow,
/// then wgpu.
pub fn plan(forced: Option<&str>, remembered: Option<&str>) -> Vec<Renderer> {
    if let Some(renderer) = forced.and_then(Renderer::parse) {
        return vec![renderer];
    }
    let first = remembered
        .and_then(Renderer::parse)
        .unwrap_or(Renderer::Glow);
    vec![first, first.other()]
}

/// The folder of the app's own files (settings, recovery copy, log).
fn data_dir() -> PathBuf {
    eframe::storage_dir("gongkai").unwrap_or_else(std::env::temp_dir)
}

/// The log file of the starts: which renderer ran, and why one could not.
pub fn log_path() -> PathBuf {
    data_dir().join("gongkai.log")
}

fn remembered_path() -> PathBuf {
    data_dir().join("renderer.txt")
}

/// Appends a line to the log (with the local time); a log that cannot be written is skipped.
pub fn log(line: &str) {
    let _ = append_log(&log_path(), line);
}

fn append_log(path: &Path, line: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if std::fs::metadata(path).is_ok_and(|meta| meta.len() > LOG_LIMIT_BYTES) {
        std::fs::rename(path, path.with_extension("log.old"))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let time = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
    writeln!(file, "{time} [{}] {line}", std::process::id())
}

/// What 关于 shows: the renderer and what it runs on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RendererInfo {
    /// `glow` or `wgpu`.
    pub name: String,
    /// The OpenGL version, or the wgpu backend and adapter (`Vulkan · llvmpipe …`).
    pub detail: String,
    /// Started after the other renderer failed.
    pub after_fallback: bool,
}

impl RendererInfo {
    pub fn text_zh(&self) -> String {
        let mut text = format!("{}（{}）", self.name, self.detail);
        if self.after_fallback {
            text.push_str("，因 glow 无法启动而改用");
        }
        text
    }
}

/// Called when a renderer has opened the window (the app is being created): remembers it for
/// the next start and writes it to the log.
pub fn window_opened(creation: &eframe::CreationContext<'_>) -> RendererInfo {
    WINDOW_OPENED.store(true, Ordering::SeqCst);
    let info = match &creation.wgpu_render_state {
        Some(state) => {
            let adapter = state.adapter.get_info();
            RendererInfo {
                name: Renderer::Wgpu.name().to_owned(),
                detail: format!(
                    "{:?} · {} · {:?}",
                    adapter.backend, adapter.name, adapter.device_type
                ),
                after_fallback: false,
            }
        }
        None => {
            let detail = creation.gl.as_ref().map_or_else(
                || "OpenGL".to_owned(),
                |gl| {
                    use eframe::glow::HasContext as _;
                    let version = gl.version();
                    let api = if version.is_embedded {
                        "OpenGL ES"
                    } else {
                        "OpenGL"
                    };
                    format!(
                        "{api} {}.{} {}",
                        version.major, version.minor, version.vendor_info
                    )
                },
            );
            RendererInfo {
                name: Renderer::Glow.name().to_owned(),
                detail: detail.trim().to_owned(),
                after_fallback: false,
            }
        }
    };
    let info = RendererInfo {
        after_fallback: std::env::var_os(FALLBACK_ENV).is_some(),
        ..info
    };
    log(&format!("窗口已打开：{}", info.text_zh()));
    let _ = std::fs::write(remembered_path(), &info.name);
    info
}

/// Why the window could not open with any renderer: the message box's title and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartFailure {
    pub title: String,
    pub text: String,
}

/// How a start ended.
#[derive(Debug)]
pub enum Started {
    /// The window opened and was closed.
    Closed,
    /// The program was started again with the other renderer and ended with this code.
    Relaunched(u8),
    /// The window opened, then the app ended with an error.
    Error(String),
    /// No renderer could open the window.
    Failed(StartFailure),
}

/// The message box's text: what happened, where the log is, and that exporting works from
/// the command line.
pub fn failure_message(tried: &[(Renderer, String)], log_path: &Path) -> StartFailure {
    let program = if cfg!(windows) {
        "gongkai.exe"
    } else {
        "gongkai"
    };
    let mut text = String::from(
        "公开栏设计器无法打开窗口：这台电脑的显卡驱动不支持软件所用的任何一种绘图方式。\n\n",
    );
    for (renderer, error) in tried {
        text.push_str(&format!("· {}：{}\n", renderer.name(), one_line(error)));
    }
    text.push_str(&format!(
        "\n详细记录在：{}\n\n\
         所有导出仍可在命令行完成，例如：\n  {program} export 项目.gongkai.json --mode board -o 公开栏.pdf\n\
         （{program} --help 列出全部命令）。\n\n\
         安装或更新显卡驱动后再试；远程桌面、云桌面上可请管理员开启 3D 加速。",
        log_path.display()
    ));
    StartFailure {
        title: "公开栏设计器：无法打开窗口".to_owned(),
        text,
    }
}

fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(300) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line,
    }
}

/// Opens the window with the first renderer of the [`plan`]; when it fails before the window
/// opened, starts this program again with the next one (which reports its own failure).
pub fn start(open: impl FnOnce(Renderer) -> Result<(), String>) -> Started {
    let forced = std::env::var(RENDERER_ENV).ok();
    if let Some(value) = forced.as_deref().filter(|v| Renderer::parse(v).is_none()) {
        eprintln!("提示：{RENDERER_ENV}={value} 无效（可用 glow 或 wgpu），按默认方式启动。");
    }
    let remembered = std::fs::read_to_string(remembered_path()).ok();
    let plan = plan(forced.as_deref(), remembered.as_deref());
    let first = plan[0];
    log(&format!(
        "启动 {}，渲染器 {}",
        env!("CARGO_PKG_VERSION"),
        first.name()
    ));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| open(first)))
        .unwrap_or_else(|panic| Err(panic_text(panic.as_ref())));
    let error = match outcome {
        Ok(()) => return Started::Closed,
        Err(error) if WINDOW_OPENED.load(Ordering::SeqCst) => {
            log(&format!("窗口打开后出错：{}", one_line(&error)));
            return Started::Error(error);
        }
        Err(error) => error,
    };
    log(&format!("{} 无法启动：{}", first.name(), one_line(&error)));
    let mut tried: Vec<(Renderer, String)> = Vec::new();
    if let Ok(previous) = std::env::var(FALLBACK_ENV) {
        tried.push((first.other(), previous));
    }
    tried.push((first, error.clone()));
    match plan.get(1) {
        Some(&next) => match relaunch_with(next, &error) {
            Ok(code) => Started::Relaunched(code),
            Err(relaunch_error) => {
                log(&format!(
                    "无法以 {} 重新启动：{relaunch_error}",
                    next.name()
                ));
                tried.push((next, format!("无法重新启动本程序：{relaunch_error}")));
                Started::Failed(failure_message(&tried, &log_path()))
            }
        },
        None => Started::Failed(failure_message(&tried, &log_path())),
    }
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|text| (*text).to_owned()))
        .unwrap_or_else(|| "渲染器意外中止".to_owned())
}

/// Runs this program again, with the same arguments, forced to `renderer`; returns its exit code.
fn relaunch_with(renderer: Renderer, first_error: &str) -> std::io::Result<u8> {
    log(&format!("改用 {} 重新启动", renderer.name()));
    let status = std::process::Command::new(std::env::current_exe()?)
        .args(std::env::args_os().skip(1))
        .env(RENDERER_ENV, renderer.name())
        .env(FALLBACK_ENV, one_line(first_error))
        .status()?;
    Ok(status
        .code()
        .and_then(|code| u8::try_from(code).ok())
        .unwrap_or(2))
}

/// Shows the failure where a clerk sees it on Linux: zenity or kdialog when there is one,
/// and always on standard error. (Windows: `MessageBoxW`, in the binary.)
pub fn show_failure_without_windows_api(failure: &StartFailure) {
    eprintln!("{}\n{}", failure.title, failure.text);
    if cfg!(windows) {
        return;
    }
    let shown = |program: &str, args: &[&str]| {
        std::process::Command::new(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok()
    };
    let _ = shown(
        "zenity",
        &[
            "--error",
            "--no-wrap",
            "--title",
            &failure.title,
            "--text",
            &failure.text,
        ],
    ) || shown(
        "kdialog",
        &["--title", &failure.title, "--error", &failure.text],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glow_first_then_wgpu_unless_forced_or_remembered() {
        use Renderer::{Glow, Wgpu};
        assert_eq!(plan(None, None), vec![Glow, Wgpu]);
        assert_eq!(plan(None, Some("wgpu\n")), vec![Wgpu, Glow]);
        assert_eq!(plan(Some("WGPU"), None), vec![Wgpu]);
        assert_eq!(plan(Some("glow"), Some("wgpu")), vec![Glow]);
        // An unknown value forces nothing; a damaged memory is ignored.
        assert_eq!(plan(Some("vulkan"), Some("???")), vec![Glow, Wgpu]);
    }

    #[test]
    fn the_failure_names_each_error_the_log_and_the_command_line() {
        let failure = failure_message(
            &[
                (
                    Renderer::Glow,
                    "glutin error: [a7] GLXBadFBConfig".to_owned(),
                ),
                (Renderer::Wgpu, "no suitable adapter\nfound".to_owned()),
            ],
            Path::new("/home/clerk/.local/share/gongkai/gongkai.log"),
        );
        assert!(
            failure
                .text
                .contains("glow：glutin error: [a7] GLXBadFBConfig")
        );
        assert!(failure.text.contains("wgpu：no suitable adapter found"));
        assert!(
            failure
                .text
                .contains("/home/clerk/.local/share/gongkai/gongkai.log")
        );
        assert!(failure.text.contains(" export 项目.gongkai.json"));
    }

    #[test]
    fn the_log_starts_afresh_past_its_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("gongkai.log");
        std::fs::write(&path, vec![b'x'; LOG_LIMIT_BYTES as usize + 1]).expect("write");
        append_log(&path, "启动").expect("append");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.ends_with("启动\n") && text.len() < 100, "{text}");
        assert!(dir.path().join("gongkai.log.old").exists());
    }
}
