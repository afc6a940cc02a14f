//! 明白卡 designs: card size, style, a front and a back face laid out like small boards
//! (panels placed freely, each with its own blocks), and the merge records.

use super::{Block, Board, BoardFooter, BoardHeader, MarginsMm, Panel, RectMm, Rgb, SizeMm};
use serde::{Deserialize, Serialize};

/// A 明白卡 design: a card size, a front and a back face, and the records it is merged with
/// (one card per record; fields `{字段}` in the faces take the record's values).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CardDesign {
    pub id: String,
    pub name: String,
    pub size_mm: SizeMm,
    pub style: CardStyle,
    /// Format 1 only: the front's blocks in one flow. Moved into `faces` when the file is
    /// loaded ([`super::migrate`]); never written.
    #[serde(rename = "front", skip_serializing)]
    pub legacy_front: Vec<Block>,
    /// Format 1 only: the back's blocks (see `legacy_front`).
    #[serde(rename = "back", skip_serializing)]
    pub legacy_back: Vec<Block>,
    /// The two faces, each a surface of the card's size with panels (a back without
    /// panels is not printed).
    pub faces: CardFaces,
    /// Field names of the merge records, in column order.
    pub fields: Vec<String>,
    /// One card per record. Empty: a single card without placeholders. Shared between copies
    /// of the project (undo steps, background checks) until one of them changes it.
    pub records: Records,
    /// 固定内容: fields printed the same on every card (a template's 补贴标准 or 政策依据 the
    /// imported file has no column for), edited in one place. A record's own value wins.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub fixed: std::collections::BTreeMap<String, String>,
    /// What personal fields hold (身份证号, 银行卡号, 手机号): masked on every card; and date
    /// fields (imported dates, restyled again on 从源文件更新).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub field_kinds: std::collections::BTreeMap<String, super::ColumnKind>,
    /// Which records print, in which order (the preview shows the same).
    #[serde(skip_serializing_if = "RecordView::is_everything")]
    pub view: RecordView,
    /// The catalog entry (事项) these cards disclose (惠农补贴发放, say): publishing them counts
    /// as disclosing it, in the 自查情况表 as everywhere else.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_id: Option<String>,
    /// When the cards were last published, with the fingerprint of what they said then.
    #[serde(skip_serializing_if = "is_default_disclosure")]
    pub disclosure: super::Disclosure,
}

fn is_default_disclosure(disclosure: &super::Disclosure) -> bool {
    *disclosure == super::Disclosure::default()
}

/// The front and back of a card. Each is a [`Board`] of the card's size without header or
/// footer: the same panels, canvas, inspector and layout serve boards and card faces.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CardFaces {
    pub front: Board,
    pub back: Board,
}

/// Every text of a block that can hold `{字段}`, table cells included.
fn block_texts(block: &Block) -> Vec<&str> {
    match block {
        Block::Paragraph { text } => vec![text.as_str()],
        Block::List { entries, .. } => entries.iter().map(String::as_str).collect(),
        Block::KeyValue { pairs } => pairs
            .iter()
            .flat_map(|pair| [pair.key.as_str(), pair.value.as_str()])
            .collect(),
        Block::Table(table) => table
            .columns
            .iter()
            .chain(table.rows.iter().flatten())
            .map(String::as_str)
            .collect(),
        Block::Image { caption, .. } => vec![caption.as_str()],
        Block::Qr { text, caption, .. } => vec![text.as_str(), caption.as_str()],
        Block::Flowchart(chart) => chart.texts(),
    }
}

/// Which face of a card.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CardSide {
    #[default]
    Front,
    Back,
}

impl CardSide {
    pub fn label_zh(self) -> &'static str {
        match self {
            CardSide::Front => "正面",
            CardSide::Back => "背面",
        }
    }
}

/// One merge record of a card: field name → value.
pub type CardRecord = std::collections::BTreeMap<String, String>;

/// The households of a card: a list shared by the copies of a project (an undo step, a
/// background check) and copied only when one of them changes it (`DerefMut`). Read and
/// written as a plain list.
#[derive(Clone, Debug, Default)]
pub struct Records(std::sync::Arc<Vec<CardRecord>>);

impl Records {
    pub fn new(records: Vec<CardRecord>) -> Self {
        Records(std::sync::Arc::new(records))
    }
}

impl From<Vec<CardRecord>> for Records {
    fn from(records: Vec<CardRecord>) -> Self {
        Records::new(records)
    }
}

impl FromIterator<CardRecord> for Records {
    fn from_iter<I: IntoIterator<Item = CardRecord>>(records: I) -> Self {
        Records::new(records.into_iter().collect())
    }
}

impl std::ops::Deref for Records {
    type Target = Vec<CardRecord>;
    fn deref(&self) -> &Vec<CardRecord> {
        &self.0
    }
}

impl std::ops::DerefMut for Records {
    fn deref_mut(&mut self) -> &mut Vec<CardRecord> {
        std::sync::Arc::make_mut(&mut self.0)
    }
}

impl PartialEq for Records {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl PartialEq<Vec<CardRecord>> for Records {
    fn eq(&self, other: &Vec<CardRecord>) -> bool {
        *self.0 == *other
    }
}

impl<'a> IntoIterator for &'a Records {
    type Item = &'a CardRecord;
    type IntoIter = std::slice::Iter<'a, CardRecord>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut Records {
    type Item = &'a mut CardRecord;
    type IntoIter = std::slice::IterMut<'a, CardRecord>;
    fn into_iter(self) -> Self::IntoIter {
        std::sync::Arc::make_mut(&mut self.0).iter_mut()
    }
}

impl Serialize for Records {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<CardRecord>::deserialize(deserializer).map(Records::new)
    }
}

/// A filter (field = value) and a sort field for the records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecordView {
    /// Only records whose field equals the value (trimmed).
    pub filter: Option<(String, String)>,
    /// Sorted by this field (numbers as numbers), stable.
    pub sort_by: Option<String>,
}

impl RecordView {
    pub fn is_everything(&self) -> bool {
        self.filter.is_none() && self.sort_by.is_none()
    }

    /// The indices of the records shown, in order.
    pub fn select(&self, records: &[CardRecord]) -> Vec<usize> {
        let mut indices: Vec<usize> = (0..records.len())
            .filter(|&index| match &self.filter {
                Some((field, value)) => {
                    records[index].get(field).map(|found| found.trim()) == Some(value.trim())
                }
                None => true,
            })
            .collect();
        if let Some(field) = &self.sort_by {
            let key = |index: &usize| records[*index].get(field).cloned().unwrap_or_default();
            indices.sort_by(|a, b| compare_values(&key(a), &key(b)));
        }
        indices
    }
}

/// Numbers compare as numbers (户号 2 before 10), other text as text.
fn compare_values(a: &str, b: &str) -> std::cmp::Ordering {
    let number = |text: &str| text.trim().replace(',', "").parse::<f64>().ok();
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
        _ => a.cmp(b),
    }
}

/// Type and colour of a card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CardStyle {
    pub title_pt: f32,
    pub body_pt: f32,
    pub line_height: f32,
    /// Text stays this far inside the trim.
    pub safe_margin_mm: f32,
    pub accent: Rgb,
    pub text: Rgb,
}

impl Default for CardStyle {
    fn default() -> Self {
        CardStyle {
            title_pt: 12.0,
            body_pt: 8.0,
            line_height: 1.35,
            safe_margin_mm: 5.0,
            accent: Rgb(0xc6, 0x28, 0x28),
            text: Rgb(0x21, 0x21, 0x21),
        }
    }
}

/// How people read a card: at arm's length.
pub const CARD_READING_DISTANCE_M: f32 = 0.3;

impl CardDesign {
    /// A copy of the design without its households (to lay out one of them).
    pub fn clone_without_records(&self) -> CardDesign {
        CardDesign {
            id: self.id.clone(),
            name: self.name.clone(),
            size_mm: self.size_mm,
            style: self.style.clone(),
            legacy_front: self.legacy_front.clone(),
            legacy_back: self.legacy_back.clone(),
            faces: self.faces.clone(),
            fields: self.fields.clone(),
            records: Records::default(),
            fixed: self.fixed.clone(),
            field_kinds: self.field_kinds.clone(),
            view: self.view.clone(),
            entry_id: self.entry_id.clone(),
            disclosure: self.disclosure.clone(),
        }
    }

    pub fn face(&self, side: CardSide) -> &Board {
        match side {
            CardSide::Front => &self.faces.front,
            CardSide::Back => &self.faces.back,
        }
    }

    pub fn face_mut(&mut self, side: CardSide) -> &mut Board {
        match side {
            CardSide::Front => &mut self.faces.front,
            CardSide::Back => &mut self.faces.back,
        }
    }

    /// The id of a face (what the canvas and panel edits address).
    pub fn face_id(card_id: &str, side: CardSide) -> String {
        match side {
            CardSide::Front => format!("{card_id}-front"),
            CardSide::Back => format!("{card_id}-back"),
        }
    }

    /// The `{字段}` its faces print (panel titles and every text of their blocks: key–value
    /// lines, lists, table cells, QR texts and captions), in the order first used, each once.
    pub fn used_fields(&self) -> Vec<String> {
        let used = std::cell::RefCell::new(Vec::<String>::new());
        let note = |text: &str| {
            super::fill_fields_with(text, |name| {
                let mut used = used.borrow_mut();
                if !used.iter().any(|known| known == name) {
                    used.push(name.to_owned());
                }
                None
            });
        };
        for panel in self
            .faces
            .front
            .panels
            .iter()
            .chain(&self.faces.back.panels)
        {
            note(&panel.title);
            panel.blocks.iter().flat_map(block_texts).for_each(note);
        }
        used.into_inner()
    }

    /// The `{字段}` its faces use that are neither a field of its 名单 nor one of the unit's:
    /// they would print as written, braces and all. In the order first used, each once.
    pub fn unknown_fields(&self) -> Vec<String> {
        let unit = super::Meta::default();
        let is_unit_field = |name: &str| unit.field_value(name).is_some();
        self.used_fields()
            .into_iter()
            .filter(|name| {
                !self.fields.contains(name)
                    && !self.fixed.contains_key(name)
                    && !is_unit_field(name)
            })
            .collect()
    }

    /// A record as it prints: its own fields, then the card-wide 固定内容, then every field of
    /// the 名单 it has no value for as empty (a column added after the rows were).
    pub fn completed_record(&self, record: &CardRecord) -> CardRecord {
        let mut completed = record.clone();
        for (field, value) in &self.fixed {
            completed
                .entry(field.clone())
                .or_insert_with(|| value.clone());
        }
        for field in &self.fields {
            completed.entry(field.clone()).or_default();
        }
        completed
    }

    /// The cards as the schedule sees a disclosed item (for a design linked to a catalog
    /// entry): titled 明白卡“名称”, its content everything the cards print (faces, 名单,
    /// 固定内容), so that any change needs a publication; its dates the design's.
    pub fn as_disclosed_item(&self) -> Option<super::Item> {
        let entry_id = self.entry_id.clone()?;
        let content =
            serde_json::to_string(&(&self.faces, &self.fields, &self.records, &self.fixed))
                .unwrap_or_default();
        Some(super::Item {
            id: self.id.clone(),
            title: format!("明白卡“{}”", self.name),
            entry_id: Some(entry_id),
            blocks: vec![Block::Paragraph { text: content }],
            disclosure: self.disclosure.clone(),
            responsible: String::new(),
        })
    }

    /// Whether the back is printed.
    pub fn has_back(&self) -> bool {
        !self.faces.back.panels.is_empty()
    }

    /// A new size for the card and both faces, laid out again: every panel's rectangle scaled
    /// by the width and height ratios as a template is ([`scale_panel_rect`]: a band stays a
    /// band across the top) and kept inside the card; the body text follows the size as a
    /// template's does ([`body_pt_for`]) wherever it still is the size the old one had.
    pub fn set_size(&mut self, size_mm: SizeMm) {
        let old_mm = self.size_mm;
        self.size_mm = size_mm;
        let scalable = [old_mm.width_mm, old_mm.height_mm]
            .iter()
            .all(|side| side.is_finite() && *side > 0.0);
        let (old_body_pt, new_body_pt) = (body_pt_for(old_mm), body_pt_for(size_mm));
        if self.style.body_pt == old_body_pt {
            self.style.body_pt = new_body_pt;
        }
        for face in [&mut self.faces.front, &mut self.faces.back] {
            face.size_mm = size_mm;
            if face.style.body_pt == old_body_pt {
                set_face_body_pt(&mut face.style, new_body_pt, self.style.title_pt);
            }
            for panel in &mut face.panels {
                let scaled = if scalable {
                    scale_panel_rect(panel.rect_mm, panel.band, old_mm, size_mm)
                } else {
                    panel.rect_mm
                };
                panel.rect_mm = keep_inside(scaled, size_mm);
            }
        }
    }

    /// The accent colour on the card and its faces' bands.
    pub fn set_accent(&mut self, accent: Rgb) {
        self.style.accent = accent;
        let style = self.style.clone();
        self.faces.front.theme = face_theme(&style);
        self.faces.back.theme = face_theme(&style);
    }

    /// The records shown and printed, in order (filter and sort applied).
    pub fn shown_records(&self) -> Vec<usize> {
        self.view.select(&self.records)
    }

    /// A card laid out from format 1's two block lists: on each face a band across the top
    /// holding the first paragraph (the title) and a panel inside the safe margin with the
    /// remaining blocks. Prints the same text as format 1 did.
    pub fn from_blocks(
        id: &str,
        name: &str,
        size_mm: SizeMm,
        style: CardStyle,
        front: Vec<Block>,
        back: Vec<Block>,
    ) -> CardDesign {
        let front_face = legacy_face(
            &CardDesign::face_id(id, CardSide::Front),
            size_mm,
            &style,
            front,
        );
        let back_face = legacy_face(
            &CardDesign::face_id(id, CardSide::Back),
            size_mm,
            &style,
            back,
        );
        CardDesign {
            id: id.to_owned(),
            name: name.to_owned(),
            size_mm,
            style,
            faces: CardFaces {
                front: front_face,
                back: back_face,
            },
            ..CardDesign::default()
        }
    }
}

/// Rows pasted into a card's records, read against its fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PastedRecords {
    /// The card's fields, with any new ones the pasted header named at the end.
    pub fields: Vec<String>,
    pub records: Vec<CardRecord>,
    /// Whether the first row was taken as the header.
    pub had_header: bool,
    /// Cells beyond the last field (rows without a header), left out.
    pub extra_cells: usize,
}

/// Reads pasted rows as records. A first row naming at least one of the fields (or any first
/// row, when the card has no fields yet) is the header: columns go to the fields they name,
/// new names become new fields. Without a header, columns fill the fields in order.
pub fn records_from_rows(fields: &[String], rows: &[Vec<String>]) -> PastedRecords {
    let mut out = PastedRecords {
        fields: fields.to_vec(),
        ..PastedRecords::default()
    };
    let Some(first) = rows.first() else {
        return out;
    };
    let names_a_field = first.iter().any(|cell| fields.contains(cell));
    let header: Vec<String> = if names_a_field || fields.is_empty() {
        out.had_header = true;
        first
            .iter()
            .enumerate()
            .map(|(column, cell)| {
                if cell.is_empty() {
                    format!("第{}列", column + 1)
                } else {
                    cell.clone()
                }
            })
            .collect()
    } else {
        fields.to_vec()
    };
    for name in &header {
        if !out.fields.contains(name) {
            out.fields.push(name.clone());
        }
    }
    let body = if out.had_header { &rows[1..] } else { rows };
    for row in body {
        out.extra_cells += row.len().saturating_sub(header.len());
        let record: CardRecord = header
            .iter()
            .zip(row.iter().chain(std::iter::repeat(&String::new())))
            .map(|(field, value)| (field.clone(), value.clone()))
            .collect();
        out.records.push(record);
    }
    out
}

fn keep_inside(rect: RectMm, size_mm: SizeMm) -> RectMm {
    let width_mm = rect.width_mm.min(size_mm.width_mm);
    let height_mm = rect.height_mm.min(size_mm.height_mm);
    RectMm::new(
        rect.x_mm.clamp(0.0, size_mm.width_mm - width_mm),
        rect.y_mm.clamp(0.0, size_mm.height_mm - height_mm),
        width_mm,
        height_mm,
    )
}

/// The colours of a card face: white, the accent on bands and rules.
pub fn face_theme(style: &CardStyle) -> super::Theme {
    super::Theme {
        background: Rgb::WHITE,
        panel_background: Rgb::WHITE,
        panel_title_background: style.accent,
        panel_title_text: Rgb::WHITE,
        panel_border: Rgb::WHITE,
        body_text: style.text,
        ..super::Theme::default()
    }
}

/// An empty face of a card: the card's size, no header or footer, the card's type sizes.
pub fn blank_face(face_id: &str, size_mm: SizeMm, style: &CardStyle) -> Board {
    Board {
        id: face_id.to_owned(),
        name: String::new(),
        size_mm,
        reading_distance_m: CARD_READING_DISTANCE_M,
        margins_mm: MarginsMm::uniform(0.0),
        theme: face_theme(style),
        style: {
            let mut text_style = super::TextStyle {
                line_height: style.line_height,
                paragraph_spacing_em: 0.3,
                first_line_indent_chars: 0.0,
                ..super::TextStyle::default()
            };
            set_face_body_pt(&mut text_style, style.body_pt, style.title_pt);
            text_style
        },
        header: BoardHeader::default(),
        footer: BoardFooter {
            show_contacts: false,
            show_dates: false,
            note: String::new(),
            height_mm: 0.0,
        },
        panels: Vec::new(),
        parts: None,
    }
}

/// A card face's type sizes for a body size: panel titles 1.5 pt larger (at most the card's
/// title size), item titles 1 pt larger.
fn set_face_body_pt(style: &mut super::TextStyle, body_pt: f32, title_pt: f32) {
    style.panel_title_pt = title_pt.min(body_pt + 1.5);
    style.item_title_pt = body_pt + 1.0;
    style.body_pt = body_pt;
}

/// The body size for a card: 8 pt on a business card, 9 pt on A6, 11 pt from A5 up.
pub fn body_pt_for(size_mm: SizeMm) -> f32 {
    if size_mm.width_mm < 100.0 {
        8.0
    } else if size_mm.height_mm.max(size_mm.width_mm) < 200.0 {
        9.0
    } else {
        11.0
    }
}

/// A panel's rectangle laid out on a card of size `from`, on a card of size `to`: scaled by
/// the width and height ratios; a band is the band across the top of the new card, and the
/// tops of the panels below it move with the band's new height (a band is 10–24 mm, not a
/// fixed share) while their bottoms scale with the card, so that a card made smaller and then
/// larger again gets its panels back (at least 5 mm high).
pub fn scale_panel_rect(rect: RectMm, is_band: bool, from: SizeMm, to: SizeMm) -> RectMm {
    let sx = to.width_mm / from.width_mm;
    let sy = to.height_mm / from.height_mm;
    if is_band {
        return RectMm::new(0.0, 0.0, to.width_mm, band_height_mm(to));
    }
    let band_shift_mm = band_height_mm(to) - band_height_mm(from) * sy;
    RectMm::new(
        rect.x_mm * sx,
        (rect.y_mm * sy + band_shift_mm).max(0.0),
        rect.width_mm * sx,
        (rect.height_mm * sy - band_shift_mm).max(5.0),
    )
}

/// The height of a card's title band: about a seventh of the card, 10–24 mm.
pub fn band_height_mm(size_mm: SizeMm) -> f32 {
    (size_mm.height_mm * 0.16).clamp(10.0, 24.0)
}

fn legacy_face(face_id: &str, size_mm: SizeMm, style: &CardStyle, blocks: Vec<Block>) -> Board {
    let mut face = blank_face(face_id, size_mm, style);
    if blocks.is_empty() {
        return face;
    }
    let mut blocks = blocks;
    let title = match blocks.first() {
        Some(Block::Paragraph { text }) if !text.contains('\n') => {
            let title = text.clone();
            blocks.remove(0);
            title
        }
        _ => String::new(),
    };
    let band_mm = band_height_mm(size_mm);
    face.panels.push(Panel {
        id: format!("{face_id}-band"),
        title,
        rect_mm: RectMm::new(0.0, 0.0, size_mm.width_mm, band_mm),
        band: true,
        ..Panel::default()
    });
    let margin_mm = style.safe_margin_mm;
    let top_mm = band_mm + 1.0;
    face.panels.push(Panel {
        id: format!("{face_id}-body"),
        rect_mm: RectMm::new(
            margin_mm - 1.5,
            top_mm,
            (size_mm.width_mm - 2.0 * margin_mm + 3.0).max(1.0),
            (size_mm.height_mm - top_mm - margin_mm + 1.5).max(1.0),
        ),
        blocks,
        ..Panel::default()
    });
    face
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(pairs: &[(&str, &str)]) -> CardRecord {
        pairs
            .iter()
            .map(|(field, value)| ((*field).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn the_view_filters_then_sorts_numbers_as_numbers() {
        let records = vec![
            record(&[("户号", "10"), ("组", "一组")]),
            record(&[("户号", "2"), ("组", "二组")]),
            record(&[("户号", "3"), ("组", "一组")]),
        ];
        let view = RecordView {
            filter: Some(("组".into(), "一组".into())),
            sort_by: Some("户号".into()),
        };
        assert_eq!(view.select(&records), [2, 0]);
        assert_eq!(RecordView::default().select(&records), [0, 1, 2]);
    }

    #[test]
    fn pasted_rows_with_a_header_map_by_name_and_add_new_fields() {
        let fields = vec!["户主".to_owned(), "金额".to_owned()];
        let rows = vec![
            vec!["金额".to_owned(), "户主".to_owned(), "备注".to_owned()],
            vec!["100".to_owned(), "王桂兰".to_owned()],
        ];
        let pasted = records_from_rows(&fields, &rows);
        assert!(pasted.had_header);
        assert_eq!(pasted.fields, ["户主", "金额", "备注"]);
        assert_eq!(pasted.records[0]["户主"], "王桂兰");
        assert_eq!(pasted.records[0]["备注"], "");
        let plain = records_from_rows(&fields, &[vec!["李建国".into(), "5".into(), "x".into()]]);
        assert!(!plain.had_header);
        assert_eq!(plain.records[0]["金额"], "5");
        assert_eq!(plain.extra_cells, 1);
    }

    #[test]
    fn a_legacy_card_puts_its_title_in_the_band() {
        let card = CardDesign::from_blocks(
            "card-1",
            "卡",
            SizeMm::new(90.0, 54.0),
            CardStyle::default(),
            vec![
                Block::paragraph("便民服务联系卡"),
                Block::paragraph("{姓名}"),
            ],
            Vec::new(),
        );
        let front = &card.faces.front;
        assert_eq!(front.id, "card-1-front");
        assert_eq!(front.panels[0].title, "便民服务联系卡");
        assert_eq!(front.panels[1].blocks, vec![Block::paragraph("{姓名}")]);
        assert!(!card.has_back());
    }

    #[test]
    fn resizing_keeps_panels_on_the_card() {
        let mut card = CardDesign::from_blocks(
            "c",
            "卡",
            SizeMm::new(148.0, 100.0),
            CardStyle::default(),
            vec![Block::paragraph("标题"), Block::paragraph("正文")],
            Vec::new(),
        );
        card.set_size(SizeMm::new(90.0, 54.0));
        for panel in &card.faces.front.panels {
            assert!(panel.rect_mm.x_mm + panel.rect_mm.width_mm <= 90.0 + 1e-3);
            assert!(panel.rect_mm.y_mm + panel.rect_mm.height_mm <= 54.0 + 1e-3);
        }
    }
}
