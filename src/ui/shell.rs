//! The shell around the canvas: the light or dark look (视图 → 界面颜色), the side panels and
//! the findings pane folded to their edge, the window fitted to a small screen, and 关于.
//! What the clerk chose is kept in eframe's storage for the next start.

use super::GongkaiApp;
use eframe::egui;
use serde::{Deserialize, Serialize};

const SHELL_KEY: &str = "shell";

/// The default window (points); a screen that cannot show it whole gets a maximized window.
pub const DEFAULT_WINDOW: [f32; 2] = [1500.0, 920.0];
/// The smallest window: a 1366×768 screen at 150 % is 911×512 points.
pub const MIN_WINDOW: [f32; 2] = [800.0, 480.0];
/// Where the canvas's area of the last frame is kept (egui's temporary data).
const CANVAS_AREA_ID: &str = "gongkai-canvas-area";
/// The screen's edge taken by a taskbar and the window's title bar (points).
const SCREEN_CHROME: [f32; 2] = [16.0, 90.0];

/// 浅色, 深色 or 跟随系统.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Like WPS and Office: the default.
    #[default]
    Light,
    Dark,
    /// The system's setting (light when the system does not say).
    System,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::System];

    pub fn label_zh(self) -> &'static str {
        match self {
            ThemeChoice::Light => "浅色",
            ThemeChoice::Dark => "深色",
            ThemeChoice::System => "跟随系统",
        }
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
            ThemeChoice::System => egui::ThemePreference::System,
        }
    }
}

/// The look and the folded panels, remembered between starts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShellPrefs {
    pub theme: ThemeChoice,
    /// The left side (结构, 公开目录, 公开时效) is folded to the left edge.
    pub outline_folded: bool,
    /// 属性 is folded to the right edge.
    pub inspector_folded: bool,
    /// 检查结果 is folded to the bottom edge.
    pub findings_folded: bool,
}

impl ShellPrefs {
    /// A first start on a screen `screen_width` points wide: light, everything open, except
    /// the left side on a narrow screen (1024×768, or 1366×768 at 125 %).
    pub fn first_start(screen_width: f32) -> ShellPrefs {
        ShellPrefs {
            outline_folded: screen_width < NARROW_SCREEN,
            ..ShellPrefs::default()
        }
    }

    /// The stored choices; defaults for a first start or an unreadable entry.
    pub fn load(storage: &dyn eframe::Storage) -> ShellPrefs {
        storage
            .get_string(SHELL_KEY)
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Nothing is stored yet (the app's first start on this account).
    pub fn is_first_start(storage: &dyn eframe::Storage) -> bool {
        storage.get_string(SHELL_KEY).is_none()
    }

    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        if let Ok(text) = serde_json::to_string(self) {
            storage.set_string(SHELL_KEY, text);
        }
    }
}

/// The widths (points) of the side panels in a window `window_width` wide: the default, the
/// smallest and the largest. 属性 needs about 280 points for its fields. Open together they
/// leave the canvas at least 60 % of a window 1200 points wide or more; either may grow to
/// 39 % when the other is folded.
pub fn side_panel_sizes(window_width: f32, other_folded: bool, left: bool) -> (f32, f32, f32) {
    let (share, min, default): (f32, f32, f32) = if left {
        (0.165, 150.0, 270.0)
    } else {
        (0.225, 280.0, 340.0)
    };
    let max = (window_width * if other_folded { 0.39 } else { share }).max(min);
    (default.min(max), min, max)
}

/// Below this width (points) both side panels cannot be open with the canvas at 60 %: a first
/// start there opens with the left side folded (one click brings it back).
pub const NARROW_SCREEN: f32 = 1200.0;

/// The findings pane's height (points): default, smallest, largest, in a window this high.
/// About seven findings when there is room; never over a quarter of the window.
pub fn findings_sizes(window_height: f32) -> (f32, f32, f32) {
    let max = (window_height * 0.25).max(90.0);
    let min = 90.0_f32.min(max);
    (180.0_f32.min(window_height * 0.2).max(min), min, max)
}

/// The canvas's backdrop around the board: a mid grey in the light look (as WPS shows the
/// page), the darkest background in the dark one. The board keeps its own colours in both.
pub fn canvas_backdrop(visuals: &egui::Visuals) -> egui::Color32 {
    if visuals.dark_mode {
        visuals.extreme_bg_color
    } else {
        egui::Color32::from_gray(0xD9)
    }
}

/// Which edge a fold handle sits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edge {
    Left,
    Right,
    Bottom,
}

/// The size (points) of a fold handle along and across its edge.
const HANDLE_SIZE: [f32; 2] = [44.0, 14.0];

/// A fold handle: a small tab on the canvas's edge, beside the panel it folds, with a
/// triangle pointing where the panel goes (or comes from); true when clicked. Painted, not a
/// font glyph, so it shows with any font.
fn fold_handle(
    ui: &mut egui::Ui,
    canvas: egui::Rect,
    edge: Edge,
    folded: bool,
    label: &str,
) -> bool {
    let [along, across] = HANDLE_SIZE;
    let rect = match edge {
        Edge::Left => egui::Rect::from_min_size(
            egui::pos2(canvas.left(), canvas.center().y - along / 2.0),
            egui::vec2(across, along),
        ),
        Edge::Right => egui::Rect::from_min_size(
            egui::pos2(canvas.right() - across, canvas.center().y - along / 2.0),
            egui::vec2(across, along),
        ),
        Edge::Bottom => egui::Rect::from_min_size(
            egui::pos2(canvas.center().x - along / 2.0, canvas.bottom() - across),
            egui::vec2(along, across),
        ),
    };
    let response = ui
        .interact(
            rect,
            ui.make_persistent_id(("fold", label)),
            egui::Sense::click(),
        )
        .on_hover_text(label);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    let visuals = ui.style().interact(&response);
    let painter = ui.painter();
    painter.rect(
        rect,
        3.0,
        visuals.bg_fill,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    // Towards the panel's edge to fold it, away from it to unfold.
    let towards_edge = !folded;
    let c = rect.center();
    let (a, b) = (4.0, 3.0);
    let points = match (edge, towards_edge) {
        (Edge::Left, true) | (Edge::Right, false) => {
            vec![
                egui::pos2(c.x - b, c.y),
                egui::pos2(c.x + b, c.y - a),
                egui::pos2(c.x + b, c.y + a),
            ]
        }
        (Edge::Right, true) | (Edge::Left, false) => {
            vec![
                egui::pos2(c.x + b, c.y),
                egui::pos2(c.x - b, c.y - a),
                egui::pos2(c.x - b, c.y + a),
            ]
        }
        (Edge::Bottom, true) => {
            vec![
                egui::pos2(c.x, c.y + b),
                egui::pos2(c.x - a, c.y - b),
                egui::pos2(c.x + a, c.y - b),
            ]
        }
        (Edge::Bottom, false) => {
            vec![
                egui::pos2(c.x, c.y - b),
                egui::pos2(c.x - a, c.y + b),
                egui::pos2(c.x + a, c.y + b),
            ]
        }
    };
    painter.add(egui::Shape::convex_polygon(
        points,
        visuals.fg_stroke.color,
        egui::Stroke::NONE,
    ));
    response.clicked()
}

impl GongkaiApp {
    /// The theme the clerk chose, applied when it is not yet (the one place it is set).
    pub(crate) fn apply_theme(&self, ctx: &egui::Context) {
        let preference = self.shell.theme.preference();
        if ctx.options(|options| options.theme_preference) != preference {
            ctx.options_mut(|options| {
                options.theme_preference = preference;
                options.fallback_theme = egui::Theme::Light;
            });
        }
    }

    /// 视图's part for the shell: the three looks and the folding panels.
    pub(crate) fn view_menu_shell_ui(&mut self, ui: &mut egui::Ui) {
        ui.separator();
        ui.label("界面颜色");
        for choice in ThemeChoice::ALL {
            if ui
                .radio(self.shell.theme == choice, choice.label_zh())
                .clicked()
            {
                self.shell.theme = choice;
                self.apply_theme(ui.ctx());
                ui.close();
            }
        }
        ui.separator();
        for (folded, label) in [
            (
                &mut self.shell.outline_folded,
                "显示左侧面板（结构、目录、时效）",
            ),
            (&mut self.shell.inspector_folded, "显示属性面板"),
            (&mut self.shell.findings_folded, "显示检查结果"),
        ] {
            let mut shown = !*folded;
            if ui.checkbox(&mut shown, label).changed() {
                *folded = !shown;
                ui.close();
            }
        }
    }

    /// The left side panel (结构, 公开目录, 公开时效) unless folded.
    pub(crate) fn outline_panel_ui(&mut self, ui: &mut egui::Ui, window_width: f32) {
        if self.shell.outline_folded {
            return;
        }
        let (default, min, max) = side_panel_sizes(window_width, self.shell.inspector_folded, true);
        egui::Panel::left("outline")
            .resizable(true)
            .default_size(default)
            .size_range(min..=max)
            .show(ui, |ui| self.outline_ui(ui));
    }

    /// The 属性 panel unless folded.
    pub(crate) fn inspector_panel_ui(&mut self, ui: &mut egui::Ui, window_width: f32) {
        if self.shell.inspector_folded {
            return;
        }
        let (default, min, max) = side_panel_sizes(window_width, self.shell.outline_folded, false);
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(default)
            .size_range(min..=max)
            .show(ui, |ui| self.inspector_ui(ui));
    }

    /// The 检查结果 pane unless folded.
    pub(crate) fn findings_panel_ui(&mut self, ui: &mut egui::Ui, window_height: f32) {
        if self.shell.findings_folded {
            return;
        }
        let (default, min, max) = findings_sizes(window_height);
        egui::Panel::bottom("findings")
            .resizable(true)
            .default_size(default)
            .size_range(min..=max)
            .show(ui, |ui| self.findings_ui(ui));
    }

    /// The fold handles on the canvas's edges, beside each panel: one click folds the panel
    /// to its edge, one more brings it back. `canvas` is the canvas's whole area.
    pub(crate) fn fold_handles_ui(&mut self, ui: &mut egui::Ui, canvas: egui::Rect) {
        ui.data_mut(|data| data.insert_temp(egui::Id::unique(CANVAS_AREA_ID), canvas));
        let shell = &mut self.shell;
        for (edge, folded, fold, unfold) in [
            (
                Edge::Left,
                &mut shell.outline_folded,
                "收起左侧面板",
                "展开左侧面板（结构、公开目录、公开时效）",
            ),
            (
                Edge::Right,
                &mut shell.inspector_folded,
                "收起属性面板",
                "展开属性面板",
            ),
            (
                Edge::Bottom,
                &mut shell.findings_folded,
                "收起检查结果",
                "展开检查结果",
            ),
        ] {
            let label = if *folded { unfold } else { fold };
            if fold_handle(ui, canvas, edge, *folded, label) {
                *folded = !*folded;
            }
        }
    }

    /// On a screen smaller than the default window (1366×768, or 1920×1080 at 150 %), the
    /// window starts maximized, as WPS does. Looked at once, on the first frame that knows
    /// the monitor.
    pub(crate) fn fit_window_to_screen(&mut self, ctx: &egui::Context) {
        if self.window_fitted {
            return;
        }
        let Some(monitor) = ctx.input(|input| input.viewport().monitor_size) else {
            return;
        };
        self.window_fitted = true;
        if self.first_start {
            self.shell = ShellPrefs::first_start(monitor.x);
        }
        if !window_fits(monitor) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
        }
    }

    /// 帮助 → 关于: the version, the renderer that draws the window, where the log is.
    pub(crate) fn about_ui(&mut self, ctx: &egui::Context) {
        if !self.about_open {
            return;
        }
        let mut open = true;
        egui::Window::new("关于公开栏设计器")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| {
                ui.heading(format!("公开栏设计器 {}", env!("CARGO_PKG_VERSION")));
                ui.label("政务公开栏的排版、公开内容管理和打印。离线运行，不联网。");
                ui.separator();
                egui::Grid::new("about").num_columns(2).show(ui, |ui| {
                    ui.label("绘图方式：");
                    match &self.renderer_info {
                        Some(info) => ui.label(info.text_zh()),
                        None => ui.label("（测试环境）"),
                    };
                    ui.end_row();
                    ui.label("启动记录：");
                    ui.label(super::renderer::log_path().display().to_string());
                    ui.end_row();
                });
                ui.small(format!(
                    "若窗口无法显示，可用环境变量 {}=glow 或 wgpu 指定绘图方式；\
                     所有导出也可在命令行完成（gongkai export …）。",
                    super::renderer::RENDERER_ENV
                ));
            });
        self.about_open = open;
    }
}

/// Whether the default window, with a title bar and taskbar, fits a monitor this size.
pub fn window_fits(monitor: egui::Vec2) -> bool {
    DEFAULT_WINDOW[0] + SCREEN_CHROME[0] <= monitor.x
        && DEFAULT_WINDOW[1] + SCREEN_CHROME[1] <= monitor.y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_side_panels_leave_the_canvas_sixty_percent_of_the_width() {
        for width in [800.0, 911.0, 1024.0, 1093.0, 1280.0, 1366.0, 1536.0, 1920.0] {
            let (left, _, left_max) = side_panel_sizes(width, false, true);
            let (right, _, right_max) = side_panel_sizes(width, false, false);
            if width >= NARROW_SCREEN {
                assert!(
                    width - left - right >= 0.6 * width,
                    "{width}: {left} + {right}"
                );
                assert!(left_max + right_max <= 0.4 * width, "{width}");
            } else {
                // The left side starts folded there.
                assert!(ShellPrefs::first_start(width).outline_folded);
                assert!(width - right >= 0.6 * width, "{width}: {right}");
            }
        }
    }

    #[test]
    fn the_findings_pane_takes_at_most_a_quarter_of_the_height() {
        for height in [480.0, 512.0, 614.0, 720.0, 768.0, 1000.0] {
            let (default, min, max) = findings_sizes(height);
            assert!(
                min <= default && default <= max && max <= 0.25 * height + 0.01 || height < 360.0
            );
        }
        assert_eq!(findings_sizes(1000.0).0, 180.0);
    }

    #[test]
    fn small_screens_get_a_maximized_window() {
        assert!(!window_fits(egui::vec2(1366.0, 768.0)));
        assert!(!window_fits(egui::vec2(1280.0, 720.0)));
        assert!(window_fits(egui::vec2(1920.0, 1080.0)));
    }

    #[test]
    fn a_damaged_entry_gives_the_defaults() {
        let prefs: ShellPrefs = serde_json::from_str(r#"{"theme":"Dark"}"#).expect("json");
        assert_eq!(prefs.theme, ThemeChoice::Dark);
        assert!(!prefs.outline_folded);
        assert!(serde_json::from_str::<ShellPrefs>("{\"theme\":\"Purple\"}").is_err());
    }

    use crate::ui::{Command, GongkaiApp, install_fonts};
    use egui_kittest::{Harness, kittest::Queryable};

    fn day() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2027, 3, 1).expect("a date")
    }

    /// The app on the sample in a window `size` points large at `scale` (1.25: Windows' 125 %).
    fn harness_at(app: GongkaiApp, size: [f32; 2], scale: f32) -> Harness<'static, GongkaiApp> {
        let mut harness = Harness::builder()
            .with_size(size)
            .with_pixels_per_point(scale)
            .with_context_setup(install_fonts)
            .build_ui_state(|ui, app: &mut GongkaiApp| app.app_ui(ui), app);
        harness.run();
        harness
    }

    /// The fill colours of the rectangles painted in the last frame.
    fn rect_fills(harness: &Harness<'_, GongkaiApp>) -> std::collections::HashSet<egui::Color32> {
        fn walk(shape: &egui::Shape, fills: &mut std::collections::HashSet<egui::Color32>) {
            match shape {
                egui::Shape::Rect(rect) => {
                    fills.insert(rect.fill);
                }
                egui::Shape::Vec(shapes) => shapes.iter().for_each(|shape| walk(shape, fills)),
                _ => {}
            }
        }
        let mut fills = std::collections::HashSet::new();
        for clipped in &harness.output().shapes {
            walk(&clipped.shape, &mut fills);
        }
        fills
    }

    /// The area (points) the canvas has: the window less the panels around it.
    fn canvas_rect(harness: &Harness<'_, GongkaiApp>) -> egui::Rect {
        harness
            .ctx
            .data(|data| data.get_temp::<egui::Rect>(egui::Id::unique(CANVAS_AREA_ID)))
            .unwrap_or(egui::Rect::NOTHING)
    }

    #[test]
    fn the_view_menu_switches_the_look_and_the_board_keeps_its_colours() {
        let app = GongkaiApp::open_on(None, day());
        let theme = app.project().boards[0].theme.clone();
        let mut harness = harness_at(app, [1366.0, 768.0], 1.0);
        // Light by default, like WPS.
        assert_eq!(harness.ctx.theme(), egui::Theme::Light);
        let board_colours = [
            theme.header_background,
            theme.panel_title_background,
            theme.background,
        ]
        .map(|rgb| egui::Color32::from_rgb(rgb.0, rgb.1, rgb.2));
        let light = rect_fills(&harness);
        harness.get_by_label("视图").click();
        harness.run();
        harness.get_by_label("深色").click();
        harness.run();
        harness.run();
        assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
        assert_eq!(harness.state().shell.theme, ThemeChoice::Dark);
        let dark = rect_fills(&harness);
        for colour in board_colours {
            assert!(
                light.contains(&colour) && dark.contains(&colour),
                "{colour:?}"
            );
        }
        // The backdrop around the board follows the look; the board does not.
        assert!(light.contains(&canvas_backdrop(&egui::Visuals::light())));
        assert!(dark.contains(&canvas_backdrop(&egui::Visuals::dark())));
        harness.get_by_label("视图").click();
        harness.run();
        harness.get_by_label("跟随系统").click();
        harness.run();
        assert_eq!(harness.state().shell.theme, ThemeChoice::System);
    }

    #[test]
    fn one_click_folds_a_panel_to_its_edge_and_one_brings_it_back() {
        let mut harness = harness_at(GongkaiApp::open_on(None, day()), [1024.0, 768.0], 1.0);
        assert!(harness.query_by_label("属性").is_some());
        harness.get_by_label("收起属性面板").click();
        harness.run();
        assert!(harness.state().shell.inspector_folded);
        assert!(harness.query_by_label("属性").is_none());
        harness.get_by_label("收起左侧面板").click();
        harness.run();
        harness.get_by_label("收起检查结果").click();
        harness.run();
        let shell = harness.state().shell.clone();
        assert!(shell.outline_folded && shell.findings_folded);
        assert!(harness.query_by_label("检查结果").is_none());
        // Remembered through eframe's storage as one entry.
        let text = serde_json::to_string(&shell).expect("json");
        assert_eq!(
            serde_json::from_str::<ShellPrefs>(&text).expect("back"),
            shell
        );
        harness.get_by_label("展开属性面板").click();
        harness.run();
        assert!(!harness.state().shell.inspector_folded);
        assert!(harness.query_by_label("属性").is_some());
    }

    /// Small office screens, and laptops at Windows' 125 % and 150 % (in points).
    const SCREENS: [([f32; 2], f32); 5] = [
        ([1366.0, 768.0], 1.0),
        ([1024.0, 768.0], 1.0),
        ([1093.0, 614.0], 1.25),
        ([1280.0, 720.0], 1.5),
        ([1536.0, 864.0], 1.25),
    ];

    #[test]
    fn every_dialog_fits_small_screens_and_scaled_laptops() {
        type Open = fn(&mut GongkaiApp);
        let dialogs: [(&str, Open); 10] = [
            ("新建", |app| app.run_command(Command::New)),
            ("单位信息", |app| app.run_command(Command::UnitInfo)),
            ("导出", |app| app.run_command(Command::Export)),
            ("另存为", |app| app.run_command(Command::SaveAs)),
            ("导入数据", |app| app.open_import_dialog()),
            ("发布预览", |app| app.open_publish_preview()),
            ("关于", |app| app.about_open = true),
            ("新建明白卡", |app| {
                app.cards.new_card = Some(crate::ui::NewCardDialog::default())
            }),
            ("删除栏目", |app| {
                let board = &app.project().boards[0];
                app.selection = crate::ui::Selection::panel(&board.id, &board.panels[0].id);
                app.run_command(Command::Delete);
            }),
            ("未保存的更改", |app| {
                app.confirm = Some(crate::ui::PendingAction::New);
            }),
        ];
        for (size, scale) in SCREENS {
            for (name, open) in dialogs {
                let mut app = GongkaiApp::open_on(None, day());
                open(&mut app);
                let mut harness = harness_at(app, size, scale);
                harness.run();
                let screen = harness.ctx.content_rect();
                let windows: Vec<egui::Rect> = harness.ctx.memory(|memory| {
                    memory
                        .areas()
                        .visible_layer_ids()
                        .into_iter()
                        .filter(|layer| layer.order == egui::Order::Middle)
                        .filter_map(|layer| memory.area_rect(layer.id))
                        .collect()
                });
                assert!(!windows.is_empty(), "{name} at {size:?}: no window");
                for rect in windows {
                    assert!(
                        screen.expand(0.5).contains_rect(rect),
                        "{name} at {size:?} ×{scale}: {rect:?} runs off {screen:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_canvas_keeps_sixty_percent_of_small_windows() {
        for (size, scale) in SCREENS {
            let mut app = GongkaiApp::open_on(None, day());
            app.shell = ShellPrefs::first_start(size[0]);
            let harness = harness_at(app, size, scale);
            let canvas = canvas_rect(&harness);
            assert!(
                canvas.width() >= 0.6 * size[0] && canvas.height() >= 0.6 * size[1],
                "{size:?} ×{scale}: canvas {canvas:?}"
            );
        }
    }
}
