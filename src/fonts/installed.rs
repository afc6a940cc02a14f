//! Fonts installed on the computer, found by family name (the `name` table's family and
//! typographic family names, Chinese or English). Scanning reads only each file's table
//! directory, its `name` table and two bytes of `OS/2`, so a folder of a thousand fonts costs
//! little; the chosen faces alone are read whole.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::model::{FontFamily, Project};

/// The environment variable that replaces the system font folders (tests, portable installs):
/// folders separated as in `PATH`.
pub const FONT_DIRS_ENV: &str = "GONGKAI_FONT_DIRS";

/// The folders searched for installed fonts: `GONGKAI_FONT_DIRS` when set, else the system's.
pub fn font_dirs() -> Vec<PathBuf> {
    if let Some(dirs) = std::env::var_os(FONT_DIRS_ENV) {
        return std::env::split_paths(&dirs).collect();
    }
    let mut dirs = Vec::new();
    if cfg!(windows) {
        let windir = std::env::var_os("WINDIR").unwrap_or_else(|| "C:\\Windows".into());
        dirs.push(PathBuf::from(windir).join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(PathBuf::from(local).join("Microsoft\\Windows\\Fonts"));
        }
    } else {
        dirs.push(PathBuf::from("/usr/share/fonts"));
        dirs.push(PathBuf::from("/usr/local/share/fonts"));
        if let Some(home) = std::env::var_os("HOME") {
            let home = PathBuf::from(home);
            dirs.push(home.join(".local/share/fonts"));
            dirs.push(home.join(".fonts"));
        }
    }
    dirs
}

/// The installed families a project's styles name (boards, panels, card faces), sorted.
pub fn project_families(project: &Project) -> BTreeSet<String> {
    let mut styles = Vec::new();
    let boards = project.boards.iter().chain(
        project
            .cards
            .iter()
            .flat_map(|card| [&card.faces.front, &card.faces.back]),
    );
    for board in boards {
        styles.push(&board.style);
        styles.extend(board.panels.iter().filter_map(|panel| panel.style.as_ref()));
    }
    styles
        .into_iter()
        .flat_map(|style| [&style.heading_font, &style.body_font])
        .filter_map(|family| match family {
            FontFamily::Installed(name) => Some(name.trim().to_owned()),
            _ => None,
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// One face found in a font file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundFace {
    pub path: PathBuf,
    pub collection_index: u32,
    /// Every family and typographic family name of the face.
    pub families: Vec<String>,
    /// The OS/2 weight class (400 when the file has no OS/2 table).
    pub weight: u16,
    /// What its glyphs are drawn with.
    pub outlines: Outlines,
}

/// The outline format of a face: what decides whether the PDF can embed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outlines {
    /// Quadratic outlines in `glyf`.
    TrueType,
    /// OpenType/CFF: cubic outlines in `CFF ` (most 方正/汉仪 .otf fonts).
    Cff,
    /// OpenType/CFF2 (variable fonts): not embedded.
    Cff2,
    /// Neither (a bitmap or broken font).
    Unknown,
}

impl Outlines {
    /// Whether the PDF writer can embed faces of this format.
    pub fn embeddable(self) -> bool {
        matches!(self, Outlines::TrueType | Outlines::Cff)
    }
}

impl FoundFace {
    pub fn is_bold(&self) -> bool {
        self.weight >= 600
    }
}

/// Every face in `dirs` (recursively) whose family names include one of `wanted`.
pub fn find_faces(dirs: &[PathBuf], wanted: &BTreeSet<String>) -> Vec<FoundFace> {
    let mut found = Vec::new();
    if wanted.is_empty() {
        return found;
    }
    for dir in dirs {
        walk(dir, 0, &mut |path| {
            for face in read_faces(path).unwrap_or_default() {
                if face.families.iter().any(|name| wanted.contains(name)) {
                    found.push(face);
                }
            }
        });
    }
    found
}

fn walk(dir: &Path, depth: usize, visit: &mut dyn FnMut(&Path)) {
    if depth > 8 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, depth + 1, visit);
            continue;
        }
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase);
        if matches!(extension.as_deref(), Some("ttf" | "otf" | "ttc" | "otc")) {
            visit(&path);
        }
    }
}

fn read_at(file: &mut File, offset: u64, len: usize) -> Option<Vec<u8>> {
    let mut buffer = vec![0; len];
    file.seek(SeekFrom::Start(offset)).ok()?;
    file.read_exact(&mut buffer).ok()?;
    Some(buffer)
}

fn be_u16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The faces of one font file (one, or each of a collection), from its table directories.
fn read_faces(path: &Path) -> Option<Vec<FoundFace>> {
    let (mut file, _) = crate::fileio::open_regular(path, crate::fileio::MAX_FONT_BYTES).ok()?;
    let header = read_at(&mut file, 0, 12)?;
    let offsets: Vec<u32> = if &header[..4] == b"ttcf" {
        let count = be_u32(&header, 8)?.min(64) as usize;
        let table = read_at(&mut file, 12, count * 4)?;
        (0..count)
            .map(|index| be_u32(&table, index * 4))
            .collect::<Option<_>>()?
    } else {
        vec![0]
    };
    let mut faces = Vec::new();
    for (index, offset) in offsets.into_iter().enumerate() {
        if let Some(face) = read_face(&mut file, u64::from(offset)) {
            faces.push(FoundFace {
                path: path.to_path_buf(),
                collection_index: index as u32,
                ..face
            });
        }
    }
    Some(faces)
}

fn read_face(file: &mut File, offset: u64) -> Option<FoundFace> {
    let header = read_at(file, offset, 12)?;
    let tables = usize::from(be_u16(&header, 4)?.min(256));
    let directory = read_at(file, offset + 12, tables * 16)?;
    let mut name = None;
    let mut os2 = None;
    let mut outlines = Outlines::Unknown;
    for index in 0..tables {
        let record = &directory[index * 16..index * 16 + 16];
        let table_offset = u64::from(be_u32(record, 8)?);
        let length = be_u32(record, 12)?;
        match &record[..4] {
            b"name" => name = Some((table_offset, length)),
            b"OS/2" => os2 = Some(table_offset),
            b"glyf" => outlines = Outlines::TrueType,
            b"CFF " => outlines = Outlines::Cff,
            b"CFF2" if outlines == Outlines::Unknown => outlines = Outlines::Cff2,
            _ => {}
        }
    }
    let (name_offset, name_length) = name?;
    let name_bytes = read_at(file, name_offset, name_length.min(1 << 20) as usize)?;
    let table = owned_ttf_parser::name::Table::parse(&name_bytes)?;
    let mut families: Vec<String> = Vec::new();
    for entry in table.names {
        let id = entry.name_id;
        let is_family = id == owned_ttf_parser::name_id::FAMILY
            || id == owned_ttf_parser::name_id::TYPOGRAPHIC_FAMILY;
        let Some(text) = entry.to_string().filter(|_| is_family) else {
            continue;
        };
        let text = text.trim().to_owned();
        if !text.is_empty() && !families.contains(&text) {
            families.push(text);
        }
    }
    let weight = os2
        .and_then(|at| read_at(file, at + 4, 2))
        .and_then(|bytes| be_u16(&bytes, 0))
        .unwrap_or(400);
    Some(FoundFace {
        path: PathBuf::new(),
        collection_index: 0,
        families,
        weight,
        outlines,
    })
}

/// The regular and bold faces of `family` among `found`: the weight nearest 400 that is not
/// bold, and the one nearest 700 that is.
pub fn pick<'a>(
    found: &'a [FoundFace],
    family: &str,
) -> (Option<&'a FoundFace>, Option<&'a FoundFace>) {
    let of_family = || {
        found
            .iter()
            .filter(move |face| face.families.iter().any(|name| name == family))
    };
    let regular = of_family()
        .filter(|face| !face.is_bold())
        .min_by_key(|face| face.weight.abs_diff(400));
    let bold = of_family()
        .filter(|face| face.is_bold())
        .min_by_key(|face| face.weight.abs_diff(700));
    (regular, bold)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FaceId, FontSet};

    fn families(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    /// A font folder holding copies of the bundled Noto Sans SC, in a subfolder.
    fn sans_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("noto");
        std::fs::create_dir(&sub).expect("subfolder");
        std::fs::write(sub.join("sans.ttf"), crate::fonts::SANS_REGULAR).expect("copy");
        std::fs::write(sub.join("sans-bold.TTF"), crate::fonts::SANS_BOLD).expect("copy");
        std::fs::write(sub.join("notes.txt"), "not a font").expect("write");
        dir
    }

    /// An OpenType file's table directory with an outline table `tag` (empty) and a `name`
    /// table naming its family in Chinese: all the scan reads.
    fn font_stub(tag: &[u8; 4], family: &str) -> Vec<u8> {
        let text: Vec<u8> = family.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut name = Vec::new();
        for value in [0u16, 1, 18, 3, 1, 0x0804, 1, text.len() as u16, 0] {
            name.extend(value.to_be_bytes());
        }
        name.extend(&text);
        let mut file = b"OTTO".to_vec();
        for value in [2u16, 32, 1, 0] {
            file.extend(value.to_be_bytes());
        }
        let name_offset = 12 + 2 * 16u32;
        file.extend(tag);
        for value in [0u32, name_offset + name.len() as u32, 0] {
            file.extend(value.to_be_bytes());
        }
        file.extend(b"name");
        for value in [0u32, name_offset, name.len() as u32] {
            file.extend(value.to_be_bytes());
        }
        file.extend(name);
        file
    }

    #[test]
    fn the_scan_reads_family_names_and_weights_from_the_files() {
        let dir = sans_dir();
        let found = find_faces(&[dir.path().to_path_buf()], &families(&["Noto Sans SC"]));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|face| face.outlines == Outlines::TrueType));
        assert_eq!(found.iter().filter(|face| face.is_bold()).count(), 1);
        let none = find_faces(&[dir.path().to_path_buf()], &families(&["Noto Serif SC"]));
        assert!(none.is_empty(), "{none:?}");
    }

    #[test]
    fn an_installed_truetype_family_is_loaded_under_its_name() {
        let dir = sans_dir();
        let fonts =
            FontSet::with_installed(&families(&["Noto Sans SC"]), &[dir.path().to_path_buf()]);
        assert!(fonts.problems().is_empty(), "{:?}", fonts.problems());
        let family = FontFamily::Installed("Noto Sans SC".into());
        let regular = fonts.face_for(&family, false);
        let bold = fonts.face_for(&family, true);
        assert!(regular.0 >= 4 && bold.0 >= 4 && regular != bold);
        assert!(!fonts.face(regular).bold && fonts.face(bold).bold);
        assert_eq!(fonts.face(regular).bytes(), crate::fonts::SANS_REGULAR);
    }

    #[test]
    fn a_family_that_is_not_installed_is_a_problem_and_prints_in_the_serif() {
        let dir = sans_dir();
        let fonts =
            FontSet::with_installed(&families(&["方正小标宋"]), &[dir.path().to_path_buf()]);
        assert_eq!(
            fonts.problems(),
            ["找不到字体“方正小标宋”，已用内置宋体代替。请安装该字体，或在样式中改用内置字体。"]
        );
        let family = FontFamily::Installed("方正小标宋".into());
        assert_eq!(fonts.face_for(&family, false), FaceId::SERIF);
    }

    /// An OpenType/CFF font (tests/fixtures/fonts, made by make_cff_font.py) whose family
    /// is 测试黑体 in Chinese and Gongkai Test CFF in English.
    const TEST_CFF: &[u8] = include_bytes!("../../tests/fixtures/fonts/GongkaiTestCFF-Regular.otf");

    #[test]
    fn a_cff_font_is_found_by_its_chinese_name_and_loaded() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("ceshi.otf"), TEST_CFF).expect("write");
        let wanted = families(&["测试黑体"]);
        let found = find_faces(&[dir.path().to_path_buf()], &wanted);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].outlines, Outlines::Cff);
        let fonts = FontSet::with_installed(&wanted, &[dir.path().to_path_buf()]);
        assert!(fonts.problems().is_empty(), "{:?}", fonts.problems());
        let face_id = fonts.face_for(&FontFamily::Installed("测试黑体".into()), false);
        assert!(face_id.0 >= 4, "the installed face, not the bundled serif");
        let face = fonts.face(face_id);
        assert!(face.is_cff());
        assert!(face.has_char('禾') && face.has_char('A'));
    }

    #[test]
    fn a_variable_cff2_font_is_found_and_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("fzxbs.otf"),
            font_stub(b"CFF2", "方正小标宋"),
        )
        .expect("write");
        let wanted = families(&["方正小标宋"]);
        let found = find_faces(&[dir.path().to_path_buf()], &wanted);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].outlines, Outlines::Cff2);
        let fonts = FontSet::with_installed(&wanted, &[dir.path().to_path_buf()]);
        assert_eq!(fonts.problems().len(), 1);
        assert!(
            fonts.problems()[0]
                .contains("是可变字体（OpenType/CFF2），暂不支持嵌入，已用内置宋体代替"),
            "{:?}",
            fonts.problems()
        );
        assert_eq!(fonts.faces().count(), 4);
    }

    #[test]
    fn the_project_families_are_those_its_styles_name() {
        let mut project = Project::default();
        assert!(project_families(&project).is_empty());
        let mut board = crate::model::Board::default();
        board.style.body_font = FontFamily::Installed("仿宋".into());
        project.boards.push(board);
        assert_eq!(project_families(&project), families(&["仿宋"]));
    }
}
