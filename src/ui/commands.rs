//! One enum of commands feeds the menus, the toolbar and the keyboard shortcuts. Commands are
//! queued while the UI is drawn and run after it.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

/// Declares [`Command`] and [`Command::ALL`] from one list, so that no command can be missing
/// from the list the menus, the toolbar and the shortcuts are made from. A command with a value
/// (a recent file's place in the list) is listed once, with a sample value.
macro_rules! commands {
    ($( $(#[$doc:meta])* $variant:ident $(($payload:ty) = $sample:expr)? ),* $(,)?) => {
        /// Everything the clerk can ask of the app from a menu, the toolbar or a shortcut.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[$doc])* $variant $(($payload))? ),*
        }

        impl Command {
            /// Every command, in menu order (one of each kind).
            pub const ALL: &'static [Command] = &[ $( commands!(@one $variant $($sample)?) ),* ];
        }
    };
    (@one $variant:ident) => { Command::$variant };
    (@one $variant:ident $sample:expr) => { Command::$variant($sample) };
}

commands! {
    New,
    Open,
    /// A file of the 最近打开 list, by its place in it.
    OpenRecent(usize) = 0,
    Save,
    SaveAs,
    UnitInfo,
    Export,
    /// 全部导出: every board, its tiles, the 表簿 and every 明白卡 into one dated folder.
    ExportAll,
    /// 发布…: the 发布预览.
    Publish,
    ExportPictures,
    /// 生成自查情况表（A4）.
    SelfCheckReport,
    /// 生成公开目录（A4）.
    CatalogReport,
    /// 导入数据（Excel、WPS、CSV）.
    Import,
    /// 退出 (asks about unsaved changes first).
    Quit,
    Undo,
    Redo,
    Copy,
    Paste,
    Delete,
    AddPanel,
    AlignLeft,
    AlignRight,
    AlignTop,
    AlignBottom,
    DistributeHorizontally,
    DistributeVertically,
    ZoomIn,
    ZoomOut,
    ZoomFit,
    ZoomActual,
    ToggleGrid,
    /// 关于公开栏设计器.
    About,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// The menus, with their commands in order (the 文件 menu lists the recent files where
/// `OpenRecent` stands). Every command is in one of them: a test checks it.
pub const MENUS: [(&str, &[Command]); 5] = [
    (
        "文件",
        &[
            Command::New,
            Command::Open,
            Command::Save,
            Command::SaveAs,
            Command::UnitInfo,
            Command::Export,
            Command::ExportAll,
            Command::Publish,
            Command::ExportPictures,
            Command::SelfCheckReport,
            Command::CatalogReport,
            Command::Import,
            Command::OpenRecent(0),
            Command::Quit,
        ],
    ),
    (
        "编辑",
        &[
            Command::Undo,
            Command::Redo,
            Command::Copy,
            Command::Paste,
            Command::Delete,
            Command::AddPanel,
        ],
    ),
    (
        "排列",
        &[
            Command::AlignLeft,
            Command::AlignRight,
            Command::AlignTop,
            Command::AlignBottom,
            Command::DistributeHorizontally,
            Command::DistributeVertically,
        ],
    ),
    (
        "视图",
        &[
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomFit,
            Command::ZoomActual,
            Command::ToggleGrid,
        ],
    ),
    ("帮助", &[Command::About]),
];

impl Command {
    /// The same command, whatever its value (`OpenRecent(3)` is `OpenRecent`).
    pub fn same_kind(self, other: Command) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }

    /// The Chinese label of menus and tooltips.
    pub fn label(self) -> &'static str {
        match self {
            Command::New => "新建",
            Command::Open => "打开…",
            Command::OpenRecent(_) => "最近打开",
            Command::SelfCheckReport => "生成自查情况表（A4）…",
            Command::CatalogReport => "生成公开目录（A4）…",
            Command::Import => "导入数据（Excel、WPS、CSV）…",
            Command::Quit => "退出",
            Command::About => "关于公开栏设计器",
            Command::Save => "保存",
            Command::SaveAs => "另存为…",
            Command::UnitInfo => "单位信息…",
            Command::Export => "导出 PDF…",
            Command::ExportAll => "全部导出",
            Command::Publish => "发布…",
            Command::ExportPictures => "导出手机图片…",
            Command::Undo => "撤销",
            Command::Redo => "重做",
            Command::Copy => "复制栏目",
            Command::Paste => "粘贴栏目",
            Command::Delete => "删除栏目",
            Command::AddPanel => "添加栏目",
            Command::AlignLeft => "左对齐",
            Command::AlignRight => "右对齐",
            Command::AlignTop => "顶端对齐",
            Command::AlignBottom => "底端对齐",
            Command::DistributeHorizontally => "水平等距分布",
            Command::DistributeVertically => "垂直等距分布",
            Command::ZoomIn => "放大",
            Command::ZoomOut => "缩小",
            Command::ZoomFit => "适合窗口",
            Command::ZoomActual => "实际大小（100%）",
            Command::ToggleGrid => "显示网格",
        }
    }

    /// A short toolbar icon (a symbol the bundled fonts have).
    pub fn icon(self) -> Option<&'static str> {
        match self {
            Command::ZoomIn => Some("＋"),
            Command::ZoomOut => Some("－"),
            _ => None,
        }
    }

    /// The keyboard shortcuts: the first is shown in menus.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let key = KeyboardShortcut::new;
        match self {
            Command::New => vec![key(CTRL, Key::N)],
            Command::Open => vec![key(CTRL, Key::O)],
            Command::Save => vec![key(CTRL, Key::S)],
            Command::SaveAs => vec![key(CTRL_SHIFT, Key::S)],
            Command::Export => vec![key(CTRL, Key::E)],
            Command::Undo => vec![key(CTRL, Key::Z)],
            Command::Redo => vec![key(CTRL, Key::Y), key(CTRL_SHIFT, Key::Z)],
            Command::Copy => vec![key(CTRL, Key::C)],
            Command::Paste => vec![key(CTRL, Key::V)],
            Command::Delete => vec![key(Modifiers::NONE, Key::Delete)],
            Command::AddPanel => vec![key(CTRL_SHIFT, Key::N)],
            Command::ZoomIn => vec![key(CTRL, Key::Plus), key(CTRL, Key::Equals)],
            Command::ZoomOut => vec![key(CTRL, Key::Minus)],
            Command::ZoomFit => vec![key(CTRL, Key::Num0)],
            Command::ZoomActual => vec![key(CTRL, Key::Num1)],
            Command::ToggleGrid => vec![key(CTRL, Key::G)],
            Command::UnitInfo
            | Command::OpenRecent(_)
            | Command::SelfCheckReport
            | Command::CatalogReport
            | Command::Import
            | Command::Quit
            | Command::About
            | Command::ExportAll
            | Command::Publish
            | Command::ExportPictures
            | Command::AlignLeft
            | Command::AlignRight
            | Command::AlignTop
            | Command::AlignBottom
            | Command::DistributeHorizontally
            | Command::DistributeVertically => vec![],
        }
    }

    /// Whether a focused text field needs this shortcut's keys for itself (copy, paste, undo
    /// inside the text, delete a character): then the shortcut does not fire.
    pub fn yields_to_text_editing(self) -> bool {
        matches!(
            self,
            Command::Undo | Command::Redo | Command::Copy | Command::Paste | Command::Delete
        )
    }

    /// The first shortcut as text, e.g. "Ctrl+Shift+S".
    pub fn shortcut_text(self) -> Option<String> {
        self.shortcuts().first().map(|shortcut| {
            let mut parts = Vec::new();
            if shortcut.modifiers.command || shortcut.modifiers.ctrl {
                parts.push("Ctrl".to_owned());
            }
            if shortcut.modifiers.shift {
                parts.push("Shift".to_owned());
            }
            if shortcut.modifiers.alt {
                parts.push("Alt".to_owned());
            }
            parts.push(shortcut.logical_key.symbol_or_name().to_owned());
            parts.join("+")
        })
    }
}

/// Every (command, shortcut) pair, those with more modifiers first: egui matches Shift and
/// Alt loosely (Ctrl+Z also matches a Ctrl+Shift+Z press), so checking Ctrl+Shift+Z (重做)
/// before Ctrl+Z (撤销) is what tells them apart.
pub fn shortcuts_most_specific_first() -> Vec<(Command, KeyboardShortcut)> {
    let mut pairs: Vec<(Command, KeyboardShortcut)> = Command::ALL
        .iter()
        .flat_map(|command| {
            command
                .shortcuts()
                .into_iter()
                .map(move |shortcut| (*command, shortcut))
        })
        .collect();
    let modifier_count = |shortcut: &KeyboardShortcut| {
        let m = shortcut.modifiers;
        usize::from(m.ctrl || m.command) + usize::from(m.shift) + usize::from(m.alt)
    };
    pairs.sort_by_key(|(_, shortcut)| std::cmp::Reverse(modifier_count(shortcut)));
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_shortcuts_are_tried_before_their_unshifted_twins() {
        let order = shortcuts_most_specific_first();
        let position = |wanted: Command, shift: bool| {
            order
                .iter()
                .position(|(command, shortcut)| {
                    *command == wanted && shortcut.modifiers.shift == shift
                })
                .expect("bound")
        };
        assert!(position(Command::Redo, true) < position(Command::Undo, false));
        assert!(position(Command::SaveAs, true) < position(Command::Save, false));
        assert!(position(Command::AddPanel, true) < position(Command::New, false));
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for &command in Command::ALL {
            for shortcut in command.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(taken, _)| *taken == shortcut) {
                    panic!("{command:?} and {other:?} both use {shortcut:?}");
                }
                seen.push((shortcut, command));
            }
        }
        assert!(seen.len() >= 17);
    }

    #[test]
    fn all_lists_every_command_once() {
        let mut labels: Vec<_> = Command::ALL.iter().map(|command| command.label()).collect();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), Command::ALL.len());
    }

    /// Every command is reachable from a menu (so from the mouse as well as the keyboard), and
    /// a menu lists nothing twice. `Command::ALL` is made from the enum's own list of variants
    /// (the `commands!` macro), so a new command is in it and must be put in a menu.
    #[test]
    fn every_command_is_in_exactly_one_menu() {
        for &command in Command::ALL {
            let menus: Vec<&str> = MENUS
                .iter()
                .filter(|(_, commands)| commands.iter().any(|listed| listed.same_kind(command)))
                .map(|(title, _)| *title)
                .collect();
            assert_eq!(menus.len(), 1, "{command:?} is in {menus:?}");
        }
        let listed: usize = MENUS.iter().map(|(_, commands)| commands.len()).sum();
        assert_eq!(listed, Command::ALL.len(), "a menu lists a command twice");
    }

    #[test]
    fn the_issue_s_shortcuts_are_bound() {
        assert_eq!(Command::Save.shortcut_text().as_deref(), Some("Ctrl+S"));
        assert_eq!(
            Command::SaveAs.shortcut_text().as_deref(),
            Some("Ctrl+Shift+S")
        );
        assert_eq!(Command::Export.shortcut_text().as_deref(), Some("Ctrl+E"));
        assert_eq!(Command::Redo.shortcuts().len(), 2);
    }
}
