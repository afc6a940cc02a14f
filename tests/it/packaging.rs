//! The installable packages' own files (scripts/package.sh builds the packages; this checks
//! what it puts in them, cheaply): the desktop entry and MIME type of the .deb, the icons, the
//! .deb's declared dependencies and assets, and the Windows installer script's uninstall list.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// `KEY=value` of the desktop entry's `[Desktop Entry]` group.
fn desktop_value<'a>(entry: &'a str, key: &str) -> Option<&'a str> {
    entry
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
}

const MIME_TYPE: &str = "application/x-gongkai-project";

#[test]
fn the_desktop_entry_names_the_app_in_chinese_and_opens_project_files() {
    let entry = read("packaging/linux/gongkai.desktop");
    assert!(entry.starts_with("[Desktop Entry]\n"));
    assert_eq!(desktop_value(&entry, "Type"), Some("Application"));
    assert_eq!(desktop_value(&entry, "Name"), Some("公开栏设计器"));
    let comment = desktop_value(&entry, "Comment").expect("Comment");
    assert!(comment.contains("公开栏"), "{comment}");
    // %f: the file a clerk double-clicked; the app opens a path given as its argument.
    assert_eq!(desktop_value(&entry, "Exec"), Some("gongkai %f"));
    assert_eq!(desktop_value(&entry, "Icon"), Some("gongkai"));
    assert_eq!(desktop_value(&entry, "Terminal"), Some("false"));
    assert_eq!(
        desktop_value(&entry, "Categories"),
        Some("Office;Graphics;")
    );
    assert_eq!(
        desktop_value(&entry, "MimeType"),
        Some(format!("{MIME_TYPE};").as_str())
    );
    // The window's app id (src/ui/window.rs) is what docks match the entry with.
    assert_eq!(desktop_value(&entry, "StartupWMClass"), Some("gongkai"));
    let ui = read("src/ui/window.rs");
    assert!(ui.contains(".with_app_id(\"gongkai\")"));

    let validate = Command::new("desktop-file-validate")
        .arg("--no-hints")
        .arg(root().join("packaging/linux/gongkai.desktop"))
        .output()
        .expect("run desktop-file-validate");
    assert!(
        validate.status.success() && validate.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&validate.stdout)
    );
}

#[test]
fn the_mime_type_matches_project_files_and_is_well_formed() {
    let xml = read("packaging/linux/gongkai.xml");
    assert!(xml.contains(&format!("<mime-type type=\"{MIME_TYPE}\">")));
    assert!(xml.contains("<glob pattern=\"*.gongkai.json\""));
    assert!(xml.contains("<sub-class-of type=\"application/json\"/>"));
    assert!(xml.contains("<comment>公开栏设计器项目</comment>"));
    let lint = Command::new("xmllint")
        .arg("--noout")
        .arg(root().join("packaging/linux/gongkai.xml"))
        .output()
        .expect("run xmllint");
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stderr)
    );
}

#[test]
fn the_icons_have_their_sizes_and_the_ico_holds_them_all() {
    for size in [16, 24, 32, 48, 64, 128, 256] {
        let path = root().join(format!("assets/icon/gongkai-{size}.png"));
        let image = image::open(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
        assert_eq!((image.width(), image.height()), (size, size), "{path:?}");
    }
    let svg = read("assets/icon/gongkai.svg");
    assert!(svg.contains("viewBox=\"0 0 256 256\""));
    // ICONDIR: reserved 0, type 1 (icon), then the number of images.
    let ico = std::fs::read(root().join("assets/icon/gongkai.ico")).expect("gongkai.ico");
    assert_eq!(&ico[..4], &[0, 0, 1, 0]);
    let count = u16::from_le_bytes([ico[4], ico[5]]);
    assert_eq!(count, 6, "16, 24, 32, 48, 64 and 256 px");
}

#[cfg(feature = "gui")]
#[test]
fn the_window_has_the_icon() {
    let icon = gongkai::ui::window_icon().expect("the icon decodes");
    assert_eq!((icon.width, icon.height), (128, 128));
    assert_eq!(icon.rgba.len(), 128 * 128 * 4);
}

/// The `[package.metadata.deb]` table's text (up to the next table).
fn deb_metadata() -> String {
    let cargo = read("Cargo.toml");
    let from = cargo
        .find("[package.metadata.deb]")
        .expect("[package.metadata.deb]");
    let rest = &cargo[from + 1..];
    let to = rest.find("\n[").map_or(rest.len(), |to| to + 1);
    rest[..to].to_owned()
}

#[test]
fn the_deb_declares_its_dependencies_with_no_libc_above_2_28() {
    let deb = deb_metadata();
    let depends = deb
        .lines()
        .find_map(|line| line.strip_prefix("depends = "))
        .expect("depends");
    assert!(
        !deb.contains("$auto"),
        "cargo-deb's $auto asks for the build machine's libc"
    );
    assert!(depends.contains("libc6 (>= 2.28)"), "{depends}");
    // What winit and glutin load at run time.
    for library in [
        "libgl1",
        "libegl1",
        "libxkbcommon-x11-0",
        "libxcursor1",
        "libxi6",
    ] {
        assert!(depends.contains(library), "{library} in {depends}");
    }
}

#[test]
fn every_deb_asset_exists_and_the_desktop_files_are_installed_where_the_desktop_looks() {
    let deb = deb_metadata();
    let mut targets = BTreeSet::new();
    for line in deb
        .lines()
        .filter(|line| line.trim_start().starts_with("[\""))
    {
        let fields: Vec<&str> = line.split('"').collect();
        let (source, target) = (fields[1], fields[3]);
        if source != "target/release/gongkai" {
            assert!(root().join(source).is_file(), "{source}");
        }
        targets.insert(target.to_owned());
    }
    for expected in [
        "usr/bin/",
        "usr/share/applications/",
        "usr/share/mime/packages/",
        "usr/share/icons/hicolor/scalable/apps/gongkai.svg",
        "usr/share/icons/hicolor/16x16/apps/gongkai.png",
        "usr/share/icons/hicolor/256x256/apps/gongkai.png",
    ] {
        assert!(targets.contains(expected), "{expected} in {targets:?}");
    }
}

/// The quoted first argument of each line of `section` that starts with `command`.
fn first_arguments(section: &str, command: &str) -> Vec<String> {
    section
        .lines()
        .map(str::trim)
        .filter_map(|line| line.strip_prefix(command))
        .filter_map(|rest| rest.split('"').nth(1))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_windows_uninstaller_removes_what_the_installer_wrote() {
    let nsi = read("packaging/windows/gongkai.nsi");
    let install_from = nsi.find("Section \"install\"").expect("install section");
    let uninstall_from = nsi
        .find("Section \"uninstall\"")
        .expect("uninstall section");
    let install = &nsi[install_from..uninstall_from];
    let uninstall = &nsi[uninstall_from..];

    let shortcuts = first_arguments(install, "CreateShortcut ");
    assert_eq!(
        shortcuts,
        ["$SMPROGRAMS\\${PRODUCT}.lnk", "$DESKTOP\\${PRODUCT}.lnk"]
    );
    assert!(nsi.contains("!define PRODUCT \"公开栏设计器\""));
    let deleted = first_arguments(uninstall, "Delete ");
    for shortcut in &shortcuts {
        assert!(deleted.contains(shortcut), "{shortcut} not deleted");
    }
    for file in ["$INSTDIR\\gongkai.exe", "$INSTDIR\\uninstall.exe"] {
        assert!(
            deleted.iter().any(|path| path == file),
            "{file} not deleted"
        );
    }
    // Every registry key written is deleted (values under .json are given back one by one).
    let removed_keys = first_arguments(uninstall, "DeleteRegKey HKLM ");
    let removed_values = first_arguments(uninstall, "DeleteRegValue HKLM ");
    for key in first_arguments(install, "WriteReg") {
        let covered = removed_keys
            .iter()
            .any(|removed| key.starts_with(removed.as_str()))
            || removed_values.contains(&key);
        assert!(covered, "registry key {key} is written but not removed");
    }
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn unsafe_code_is_allowed_in_the_windows_console_module_only() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let allowing: Vec<String> = files
        .iter()
        .filter(|path| {
            let text = std::fs::read_to_string(path).expect("read source");
            text.contains("allow(unsafe_code)") || text.contains("unsafe {")
        })
        .map(|path| {
            path.strip_prefix(root())
                .expect("under root")
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(allowing, ["src/windows_console.rs"]);
    assert!(read("Cargo.toml").contains("unsafe_code = \"deny\""));
}
