//! The privacy gate: the one door between composition and every writer of a public output.
//! Whatever field a text came from, it leaves the program only through here:
//!
//! - every text run of every composed sheet ([`Gate::pass`]), read with the detector of
//!   `crate::privacy` (NFKC-folded, any separators, glued letters, +86), each run on its own and
//!   across the break to the next run (a number wrapped onto two lines);
//! - the document's metadata (Title, Author, Subject, Keywords), written masked
//!   ([`Gate::clear`]);
//! - every file and folder name the program chooses ([`public_file_name`]), masked.
//!
//! The writers take only [`GatedSheets`] and a [`Cleared`] document, which nothing but a gate
//! makes, and a gate clears a document only when no sheet it passed held a personal number in
//! full and the model's places for the output ([`PersonalDataFinding`]s, in the clerk's words)
//! are empty. The internal register (对内表簿) is the one exception ([`Gate::internal_register`]):
//! it prints full numbers by design and carries its red mark on every page.

use super::privacy::PersonalDataFinding;
use super::sheet::{DocumentInfo, Sheet, page_text_runs};
use crate::model::{PrivacySettings, Project};
use crate::privacy::{
    FoundNumber, PersonalKind, PublicNumbers, find_personal_numbers, mask_all, mask_value, rule_for,
};
use std::collections::BTreeSet;
use std::rc::Rc;

/// Sheets that have passed a gate: the only sheets a writer takes.
#[derive(Debug)]
pub struct GatedSheets {
    sheets: Vec<Sheet>,
}

impl GatedSheets {
    pub fn sheets(&self) -> &[Sheet] {
        &self.sheets
    }

    /// The sheets themselves (for a preview that writes nothing).
    pub fn into_sheets(self) -> Vec<Sheet> {
        self.sheets
    }

    /// Marks every sheet 「草稿」 (a draft: 【请填写】 left). The mark is our own fixed text,
    /// so adding it after the gate lets nothing personal through.
    pub fn mark_draft(&mut self, fonts: &crate::fonts::FontSet) {
        for sheet in &mut self.sheets {
            sheet.placements.push(draft_mark(fonts, sheet.size_mm));
        }
    }
}

/// The text of the draft mark.
pub const DRAFT_MARK: &str = "草稿";

/// 「草稿」 in red at the sheet's top-left corner, inside any printer margin: 6 % of the
/// sheet's shorter side high (a board from across the room, an A4 sheet at arm's length).
fn draft_mark(fonts: &crate::fonts::FontSet, size_mm: crate::model::SizeMm) -> super::Placement {
    let short_mm = size_mm.width_mm.min(size_mm.height_mm);
    let height_mm = (short_mm * 0.06).max(6.0);
    let size_pt = crate::units::mm_to_pt(height_mm);
    let inset_mm = (short_mm * 0.03).max(8.0);
    let run = super::label::text_run(
        fonts,
        // A face every project's PDF carries already (the titles'): the mark adds none.
        crate::fonts::FaceId::SERIF_BOLD,
        size_pt,
        crate::model::Rgb(0xd3, 0x2f, 0x2f),
        DRAFT_MARK,
    );
    // On a white card with a red rule, readable on a coloured header band too.
    let pad_mm = height_mm * 0.3;
    let frame = (
        crate::layout::PointMm::new(inset_mm - pad_mm, inset_mm - pad_mm),
        crate::layout::FrameItem::Rect {
            size_mm: crate::model::SizeMm::new(
                run.width_mm + 2.0 * pad_mm,
                height_mm * 1.25 + 2.0 * pad_mm,
            ),
            fill: Some(crate::model::Rgb::WHITE),
            stroke: Some(crate::layout::Stroke {
                width_mm: (height_mm * 0.06).max(0.3),
                color: crate::model::Rgb(0xd3, 0x2f, 0x2f),
            }),
        },
    );
    let item = (
        crate::layout::PointMm::new(inset_mm, inset_mm + height_mm),
        crate::layout::FrameItem::Text(run),
    );
    super::Placement::at(
        std::rc::Rc::new(crate::layout::Page {
            size_mm,
            items: vec![frame, item],
        }),
        crate::layout::PointMm::new(0.0, 0.0),
    )
}

/// A document a gate let out: its metadata, masked. Only [`Gate::clear`] makes one.
#[derive(Debug)]
pub struct Cleared {
    info: DocumentInfo,
    /// What the gate masked on the way (metadata), for the clerk's notes.
    pub notes: Vec<String>,
}

impl Cleared {
    pub fn info(&self) -> &DocumentInfo {
        &self.info
    }
}

/// Why a gate refused a document: each place in the clerk's words.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// The model's places (with their fixes), for the app's 脱敏 and 允许公开 buttons.
    pub findings: Vec<PersonalDataFinding>,
    /// Every place, in order: the model's places, then any number found on a sheet that no
    /// place of the model explains (named by page).
    pub places: Vec<String>,
}

/// A number found on a sheet in full.
#[derive(Clone, Debug)]
struct SheetHit {
    /// 1-based, counted over every sheet the gate passed.
    sheet_number: usize,
    kind: PersonalKind,
    digits: String,
    /// The line it is on, the number masked.
    line: String,
}

/// The gate of one output (a PDF, a set of pictures).
#[derive(Debug)]
pub struct Gate {
    public: PublicNumbers,
    settings: PrivacySettings,
    /// The internal register: sheets pass unread, metadata is still masked.
    internal: bool,
    findings: Vec<PersonalDataFinding>,
    hits: Vec<SheetHit>,
    sheets_passed: usize,
}

impl Gate {
    /// The gate of a public output of `project`, knowing the places of the model the output
    /// prints (`findings`, from `compose::privacy`): they refuse the document as sheet hits do.
    pub fn public(project: &Project, findings: Vec<PersonalDataFinding>) -> Gate {
        Gate {
            public: PublicNumbers::of(&project.meta, &project.settings.privacy),
            settings: project.settings.privacy.clone(),
            internal: false,
            findings,
            hits: Vec::new(),
            sheets_passed: 0,
        }
    }

    /// The one exception: the 对内表簿, which prints full numbers inside the office only. Only
    /// composition makes it, for an export request that asks for the internal register.
    pub(crate) fn internal_register(project: &Project) -> Gate {
        Gate {
            internal: true,
            ..Gate::public(project, Vec::new())
        }
    }

    /// The model's places this gate refuses for.
    pub fn findings(&self) -> &[PersonalDataFinding] {
        &self.findings
    }

    /// Reads every text run of the sheets (each page once: a board on 60 tiles is read once)
    /// and lets them through; what it finds refuses the document at [`Gate::clear`].
    pub fn pass(&mut self, sheets: Vec<Sheet>) -> GatedSheets {
        if !self.internal {
            let mut read = BTreeSet::new();
            for (index, sheet) in sheets.iter().enumerate() {
                let sheet_number = self.sheets_passed + index + 1;
                for placement in &sheet.placements {
                    if !read.insert(Rc::as_ptr(&placement.page) as usize) {
                        continue;
                    }
                    let lines: Vec<&str> = page_text_runs(&placement.page)
                        .map(|run| run.text.as_str())
                        .collect();
                    for (found, line) in numbers_in_lines(&lines) {
                        if !self.public.contains(&found.digits) {
                            self.hits.push(SheetHit {
                                sheet_number,
                                kind: found.kind,
                                line: mask_all(&line, &self.settings),
                                digits: found.digits,
                            });
                        }
                    }
                }
            }
        }
        self.sheets_passed += sheets.len();
        GatedSheets { sheets }
    }

    /// The document, if nothing the gate read or was told of prints a personal number in
    /// full; its metadata masked either way.
    pub fn clear(self, info: DocumentInfo) -> Result<Cleared, Refusal> {
        let mut places: Vec<String> = self
            .findings
            .iter()
            .map(|finding| finding.message.clone())
            .collect();
        let explained: BTreeSet<&str> = self
            .findings
            .iter()
            .map(|finding| finding.digits.as_str())
            .collect();
        let mut named = BTreeSet::new();
        for hit in &self.hits {
            if explained.contains(hit.digits.as_str()) || !named.insert(hit.digits.clone()) {
                continue;
            }
            let masked = mask_value(&hit.digits, hit.kind, rule_for(&self.settings, hit.kind));
            places.push(format!(
                "第 {} 页印有{} {masked}（“{}”）",
                hit.sheet_number,
                hit.kind.label_zh(),
                hit.line
            ));
        }
        if !places.is_empty() {
            return Err(Refusal {
                findings: self.findings,
                places,
            });
        }
        let (info, notes) = masked_info(info, &self.settings);
        Ok(Cleared { info, notes })
    }
}

/// The document's metadata with every personal number masked, and a note per field changed.
fn masked_info(info: DocumentInfo, settings: &PrivacySettings) -> (DocumentInfo, Vec<String>) {
    let mut notes = Vec::new();
    let mut mask = |label: &str, text: String| {
        let masked = mask_all(&text, settings);
        if masked != text {
            notes.push(format!(
                "PDF 文件信息的“{label}”中有个人号码，已按脱敏规则写出。"
            ));
        }
        masked
    };
    let info = DocumentInfo {
        title: mask("标题", info.title),
        author: mask("作者", info.author),
        subject: mask("主题", info.subject),
        keywords: mask("关键词", info.keywords),
        created: info.created,
    };
    (info, notes)
}

/// Every personal number in a page's lines, each with the line it is on: each line on its
/// own, and across each break to the next line (a number wrapped in a paragraph or a cell).
fn numbers_in_lines(lines: &[&str]) -> Vec<(FoundNumber, String)> {
    let mut found = Vec::new();
    for line in lines {
        for number in find_personal_numbers(line) {
            found.push((number, (*line).to_owned()));
        }
    }
    for pair in lines.windows(2) {
        let (tail, head) = (number_tail(pair[0]), number_head(pair[1]));
        if tail.is_empty() || head.is_empty() {
            continue;
        }
        let joined = format!("{tail}\n{head}");
        let break_at = tail.len();
        for number in find_personal_numbers(&joined) {
            if number.range.start < break_at && number.range.end > break_at {
                found.push((number, joined.replace('\n', "")));
            }
        }
    }
    found
}

/// How many characters at a line's end or start can belong to a number wrapped across lines.
const WRAP_CHARS: usize = 32;

/// The end of a line that may continue a number onto the next: its last characters, when the
/// line ends in a digit or a separator.
fn number_tail(line: &str) -> &str {
    let trimmed = line.trim_end_matches(|ch: char| ch.is_whitespace());
    let ends_in_number = trimmed
        .chars()
        .last()
        .is_some_and(|ch| ch.is_numeric() || crate::privacy::is_separator(ch));
    if !ends_in_number {
        return "";
    }
    let start = trimmed
        .char_indices()
        .rev()
        .nth(WRAP_CHARS - 1)
        .map_or(0, |(offset, _)| offset);
    &line[start..]
}

/// The start of a line that may carry on a number from the previous line.
fn number_head(line: &str) -> &str {
    let trimmed = line.trim_start_matches(|ch: char| ch.is_whitespace());
    let starts_with_number = trimmed
        .chars()
        .next()
        .is_some_and(|ch| ch.is_numeric() || crate::privacy::is_separator(ch));
    if !starts_with_number {
        return "";
    }
    let end = line
        .char_indices()
        .nth(WRAP_CHARS)
        .map_or(line.len(), |(offset, _)| offset);
    &line[..end]
}

/// A name the program gives a file or folder of a public output (a board's or card design's
/// name): characters no file system takes become "_", and every personal number is masked,
/// public or not — a file name never needs one.
pub fn public_file_name(name: &str, settings: &PrivacySettings) -> String {
    let masked = mask_all(name.trim(), settings);
    let cleaned: String = masked
        .chars()
        .map(|ch| match ch {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            ch if ch.is_control() => '_',
            ch => ch,
        })
        .collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() {
        "公开栏".to_owned()
    } else {
        cleaned
    }
}
