//! 明白卡: one card per record — each face (a small board of panels) with the record's and
//! the unit's `{字段}` filled in one pass, laid out like a board — imposed N-up with backs
//! for duplex. A record whose text does not fit its panel is named in the problems.

use super::impose::{self, CardMarks, CardOptions};
use super::{ComposeError, Composed, ExportRequest, Sheet};
use crate::layout::{BoardFooterText, LayoutEngine, Page};
use crate::model::{
    Block, Board, CardDesign, CardRecord, CardSide, ColumnKind, KeyValue, Meta, Project, Table,
    fill_fields_with,
};
use std::rc::Rc;

/// How many sheets of cards (fronts and backs counted) are laid out and handed on at a time:
/// memory holds one batch of laid-out faces, not every card of a 10,000-household list.
pub const CARD_SHEETS_PER_BATCH: usize = 32;

/// Every card, imposed N-up with backs, handed to `sink` [`CARD_SHEETS_PER_BATCH`] sheets at
/// a time (see [`super::compose_export_in_batches`]).
pub(super) fn card_mode_batches(
    engine: &mut LayoutEngine,
    project: &Project,
    design: &CardDesign,
    request: &ExportRequest,
    composed: &mut Composed,
    sink: &mut dyn FnMut(Vec<Sheet>),
) -> Result<(), ComposeError> {
    let options = CardOptions {
        paper: request.paper,
        bleed_mm: request.bleed_mm.unwrap_or(3.0),
        marks: if request.marks {
            CardMarks::FullLength
        } else {
            CardMarks::Gutter
        },
        ..CardOptions::default()
    };
    let per_sheet = impose::card_grid(design.size_mm, &options)?.per_sheet() as usize;
    // The bleed can cost a row or a column (four A6 cards fit an A4 without it, two with it):
    // say so, for cards printed in the office and cut there.
    let without_bleed = CardOptions {
        bleed_mm: 0.0,
        ..options
    };
    if options.bleed_mm > 0.0
        && let Ok(grid) = impose::card_grid(design.size_mm, &without_bleed)
        && grid.per_sheet() as usize > per_sheet
    {
        composed.notes.push(format!(
            "每张{}排 {per_sheet} 张（每边留 {} 毫米出血，交印刷厂裁切用）；不留出血可排 {} 张，适合办公室打印后自己裁切（导出时出血填 0，命令行 --bleed 0）。",
            options.paper.name(),
            options.bleed_mm,
            grid.per_sheet()
        ));
    }
    let with_back = request.card_backs && design.has_back();
    let sheets_per_card_sheet = if with_back { 2 } else { 1 };
    let cards_per_batch = per_sheet * (CARD_SHEETS_PER_BATCH / sheets_per_card_sheet).max(1);
    let records = printed_records(design, request);
    composed.problems.extend(field_problems(design));
    composed.problems.extend(overlap_problems(design));
    composed
        .problems
        .extend(sample_people_problem(design).map(|(_, message)| message));
    let mut faces = FaceLayout {
        with_back,
        last_front: None,
        last_back: None,
        problems: Vec::new(),
    };
    for (chunk_index, chunk) in records.chunks(cards_per_batch).enumerate() {
        let first_position = chunk_index * cards_per_batch;
        let cards = faces.lay_out(engine, project, design, chunk, first_position);
        let backs = (!cards.backs.is_empty()).then_some(cards.backs.as_slice());
        sink(impose::card_sheets(
            &cards.fronts,
            backs,
            design.size_mm,
            &options,
        )?);
    }
    composed.problems.extend(
        grouped_overflows(design, faces.problems)
            .into_iter()
            .map(|problem| problem.message),
    );
    Ok(())
}

/// Households drawn per batch of card pictures: memory holds this many laid-out cards.
const CARD_PICTURES_PER_BATCH: usize = 16;
/// Paper around and between the faces of a card picture, in mm.
const CARD_PICTURE_MARGIN_MM: f32 = 4.0;

/// Each household's card as one picture, front and back side by side (front alone for a
/// design without a back), named by its 户号, handed to `sink` a batch at a time. `project`
/// is the printed view (masked, 对内 left out); what refuses the cards is said by the PDF
/// export's composition of the same request.
pub(super) fn card_picture_batches(
    engine: &mut LayoutEngine,
    project: &Project,
    design: &CardDesign,
    request: &ExportRequest,
    pictures: &super::pictures::PictureRequest,
    sink: &mut dyn FnMut(Vec<(super::pictures::PictureName, Sheet, u32)>),
) {
    let records = printed_records(design, request);
    let mut faces = FaceLayout {
        with_back: design.has_back(),
        last_front: None,
        last_back: None,
        problems: Vec::new(),
    };
    let face_width_px = pictures.phone_width_px;
    for (chunk_index, chunk) in records.chunks(CARD_PICTURES_PER_BATCH).enumerate() {
        let first_position = chunk_index * CARD_PICTURES_PER_BATCH;
        let cards = faces.lay_out(engine, project, design, chunk, first_position);
        let batch = chunk
            .iter()
            .enumerate()
            .map(|(offset, (index, record))| {
                let front = &cards.fronts[offset];
                let back = cards.backs.get(offset);
                let sheet = side_by_side(front, back, design.size_mm);
                // Each face as wide as a phone picture, so its text reads as well.
                let width_px = (face_width_px as f32 * sheet.size_mm.width_mm
                    / design.size_mm.width_mm)
                    .round() as u32;
                (
                    super::pictures::PictureName::Card {
                        household_number: household_number(record),
                        position: index + 1,
                    },
                    sheet,
                    width_px.clamp(200, crate::raster::MAX_WIDTH_PX),
                )
            })
            .collect();
        sink(batch);
    }
}

/// A record's 户号 for naming its picture: None when it has none, or when it reads as a
/// personal number (an ID, bank or phone number typed into the column) — a file name is
/// public too.
fn household_number(record: &CardRecord) -> Option<String> {
    let number = record.get("户号")?.trim();
    let personal = !crate::privacy::find_personal_numbers(number).is_empty()
        || crate::privacy::looks_like_id_number(number);
    (!number.is_empty() && !personal).then(|| number.to_owned())
}

/// A card's front and back next to each other on white, each with a thin grey edge (the cut).
fn side_by_side(front: &Rc<Page>, back: Option<&Rc<Page>>, card_mm: crate::model::SizeMm) -> Sheet {
    use crate::layout::{FrameItem, PointMm, Stroke};
    let margin = CARD_PICTURE_MARGIN_MM;
    let across = if back.is_some() { 2.0 } else { 1.0 };
    let size_mm = crate::model::SizeMm::new(
        margin + across * (card_mm.width_mm + margin),
        card_mm.height_mm + 2.0 * margin,
    );
    let mut sheet = Sheet::new(size_mm);
    let mut edges = Vec::new();
    for (column, face) in std::iter::once(front).chain(back).enumerate() {
        let origin = PointMm::new(margin + column as f32 * (card_mm.width_mm + margin), margin);
        sheet
            .placements
            .push(super::Placement::at(Rc::clone(face), origin));
        edges.push((
            origin,
            FrameItem::Rect {
                size_mm: card_mm,
                fill: None,
                stroke: Some(Stroke {
                    width_mm: 0.2,
                    color: crate::model::Rgb(0xbd, 0xbd, 0xbd),
                }),
            },
        ));
    }
    sheet.placements.push(super::Placement::at(
        Rc::new(Page {
            size_mm,
            items: edges,
        }),
        PointMm::new(0.0, 0.0),
    ));
    sheet
}

/// The laid-out faces of a batch of cards, in order.
struct CardPages {
    fronts: Vec<Rc<Page>>,
    /// Empty when the design has no back or backs are not asked for.
    backs: Vec<Rc<Page>>,
}

/// The records a design prints (the view's filter and sort, or the request's), each with its
/// index in the 名单; one empty record when the 名单 is empty (the design printed once).
fn printed_records<'d>(
    design: &'d CardDesign,
    request: &ExportRequest,
) -> Vec<(usize, std::borrow::Cow<'d, CardRecord>)> {
    let view = request.card_view.as_ref().unwrap_or(&design.view);
    if design.records.is_empty() {
        return vec![(0, std::borrow::Cow::Owned(CardRecord::new()))];
    }
    view.select(&design.records)
        .into_iter()
        .map(|index| (index, std::borrow::Cow::Borrowed(&design.records[index])))
        .collect()
}

/// Lays out cards a batch at a time; a face equal to the one before it (a back without
/// fields) stays the same page across batches.
struct FaceLayout {
    with_back: bool,
    last_front: Option<Rc<Page>>,
    last_back: Option<Rc<Page>>,
    /// The faces' problems so far, said once every card is laid out ([`grouped_overflows`]).
    problems: Vec<FaceProblem>,
}

impl FaceLayout {
    fn lay_out(
        &mut self,
        engine: &mut LayoutEngine,
        project: &Project,
        design: &CardDesign,
        records: &[(usize, std::borrow::Cow<'_, CardRecord>)],
        first_position: usize,
    ) -> CardPages {
        let mut pages = CardPages {
            fronts: Vec::with_capacity(records.len()),
            backs: Vec::new(),
        };
        for (offset, (index, record)) in records.iter().enumerate() {
            let name = record_name(design, record, *index);
            let problems = &mut self.problems;
            // One face of the card, its problems named after the household.
            let mut face = |side: CardSide| {
                let face = match side {
                    CardSide::Front => &design.faces.front,
                    CardSide::Back => &design.faces.back,
                };
                let laid = card_face(engine, project, design, face, record);
                problems.extend(face_problems(
                    design,
                    &laid,
                    side,
                    &name,
                    first_position + offset,
                ));
                laid.page
            };
            let front = face(CardSide::Front);
            let back = self.with_back.then(|| face(CardSide::Back));
            pages.fronts.push(shared(&mut self.last_front, front));
            if let Some(back) = back {
                pages.backs.push(shared(&mut self.last_back, back));
            }
        }
        pages
    }
}

/// A face as a page: the same `Rc` as the last face when they are equal (a back without
/// fields is one page on every sheet of backs: the PDF draws it once), which it becomes.
fn shared(last: &mut Option<Rc<Page>>, face: Page) -> Rc<Page> {
    let page = match last {
        Some(previous) if **previous == face => Rc::clone(previous),
        _ => Rc::new(face),
    };
    *last = Some(Rc::clone(&page));
    page
}

/// A face of a card as it prints for the record at `position` among the records shown
/// (filter and sort applied; masked as every export is): what the canvas shows.
pub fn layout_face_as_printed(
    engine: &mut LayoutEngine,
    project: &Project,
    face_id: &str,
    position: usize,
) -> Result<crate::layout::BoardLayout, ComposeError> {
    let (card, _) = project
        .card_of_face(face_id)
        .ok_or_else(|| ComposeError::NoSuchBoard(face_id.to_owned()))?;
    // Only this design, and when every household shows in file order only the one shown: a
    // face is laid out without copying and masking every household of a large 名单. (A
    // filtered or sorted 名单 is ordered on the printed, masked values, as the export does.)
    let one_record = card.view.is_everything();
    let slim = project.with_cards(|design| {
        (design.id == card.id).then(|| {
            let mut design = design.clone_without_records();
            design.records = if one_record {
                card.records.get(position).cloned().into_iter().collect()
            } else {
                card.records.clone()
            };
            design
        })
    });
    let position = if one_record { 0 } else { position };
    let printed = super::printed_view(&slim).project;
    let (design, side) = printed
        .card_of_face(face_id)
        .ok_or_else(|| ComposeError::NoSuchBoard(face_id.to_owned()))?;
    let empty = CardRecord::new();
    let record = design
        .shown_records()
        .get(position)
        .and_then(|index| design.records.get(*index))
        .unwrap_or(&empty);
    Ok(card_face(
        engine,
        &printed,
        design,
        design.face(side),
        record,
    ))
}

/// One face of one card, laid out: the face with the record's values.
pub fn card_face(
    engine: &mut LayoutEngine,
    project: &Project,
    design: &CardDesign,
    face: &Board,
    record: &CardRecord,
) -> crate::layout::BoardLayout {
    // A field of the 名单 a record has no value for (added after the rows were) prints
    // empty, not as `{字段}`; the card-wide 固定内容 fills what the record lacks.
    let record = &design.completed_record(record);
    let filled = fill_face(face, record, &project.meta);
    engine.layout_surface(project, &filled, &BoardFooterText::default())
}

/// What stops one face of one household's card from printing: text that does not fit its
/// panel, characters no font has — each message naming the household.
pub fn face_problems(
    design: &CardDesign,
    layout: &crate::layout::BoardLayout,
    side: CardSide,
    record_name: &str,
    position: usize,
) -> Vec<FaceProblem> {
    let side_zh = side.label_zh();
    let problem = |kind, message| FaceProblem {
        position,
        side,
        kind,
        household: record_name.to_owned(),
        message,
    };
    let mut problems = Vec::new();
    if !layout.overflows.is_empty() {
        problems.push(problem(ProblemKind::Overflow, format!(
            "明白卡“{}”{record_name}的{side_zh}内容放不下（{}处）。请精简这一户的文字、缩小字号或加大栏目。",
            crate::text::quoted(&design.name),
            layout.overflows.len()
        )));
    }
    // A table column too narrow for its longest token even at the legible minimum: the token
    // would print cut.
    for misfit in &layout.table_misfits {
        problems.push(problem(
            ProblemKind::Overflow,
            format!(
                "明白卡“{}”{record_name}的{side_zh}：{}",
                crate::text::quoted(&design.name),
                misfit.message
            ),
        ));
    }
    for missing in &layout.missing_glyphs {
        problems.push(problem(
            ProblemKind::MissingGlyph,
            format!(
                "明白卡“{}”{record_name}的{side_zh}中的字“{}”（U+{:04X}）所有字体都没有。请添加含此字的字体。",
                crate::text::quoted(&design.name),
                missing.ch,
                missing.ch as u32
            ),
        ));
    }
    problems
}

/// A problem of one face of one household's card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaceProblem {
    /// Among the records shown.
    pub position: usize,
    pub side: CardSide,
    pub kind: ProblemKind,
    /// e.g. "第 3 张（户号 0003，户主 王桂兰）".
    pub household: String,
    pub message: String,
}

/// More households than this overflowing on one side are said in one message.
const OVERFLOWS_NAMED_ONE_BY_ONE: usize = 3;

/// The face problems with overflow on a side said once when many households have it (a card
/// too small for its text overflows on every one), at the first such household.
pub fn grouped_overflows(design: &CardDesign, problems: Vec<FaceProblem>) -> Vec<FaceProblem> {
    let overflowing = |side: CardSide| {
        problems
            .iter()
            .filter(move |problem| problem.side == side && problem.kind == ProblemKind::Overflow)
    };
    let many: Vec<CardSide> = [CardSide::Front, CardSide::Back]
        .into_iter()
        .filter(|side| overflowing(*side).count() > OVERFLOWS_NAMED_ONE_BY_ONE)
        .collect();
    let mut grouped: Vec<FaceProblem> = many
        .iter()
        .map(|side| {
            let all: Vec<&FaceProblem> = overflowing(*side).collect();
            let named: Vec<&str> = all
                .iter()
                .take(2)
                .map(|problem| problem.household.as_str())
                .collect();
            FaceProblem {
                message: format!(
                    "明白卡“{}”有 {} 户的{}内容放不下（{}等）：多数户都放不下，是栏目太小或卡面的字太多。请加大栏目、缩小字号或精简文字；在画布上用 ◀ ▶ 可逐户查看。",
                    crate::text::quoted(&design.name),
                    all.len(),
                    side.label_zh(),
                    named.join("、")
                ),
                ..all[0].clone()
            }
        })
        .collect();
    grouped.extend(
        problems.into_iter().filter(|problem| {
            problem.kind != ProblemKind::Overflow || !many.contains(&problem.side)
        }),
    );
    grouped.sort_by_key(|problem| problem.position);
    grouped
}

/// What kind of problem a card has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Overflow,
    MissingGlyph,
    /// The design uses a `{字段}` its 名单 has no column for: every card would print it as
    /// written.
    UnknownField,
    /// The 名单 still holds the invented households a template came with.
    SampleRecords,
    /// Two panels of a face overlap: one hides part of the other's text on every card.
    PanelsOverlap,
}

/// A household whose card cannot print as it is: its position among the records shown
/// (filter and sort applied), and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdProblem {
    pub card_id: String,
    pub position: usize,
    pub kind: ProblemKind,
    pub message: String,
}

/// Every household of a design whose front or back does not fit (or lacks a character), as
/// the export lays it out (printed view: masked, unit fields filled).
pub fn household_problems(
    engine: &mut LayoutEngine,
    project: &Project,
    design_id: &str,
) -> Vec<HouseholdProblem> {
    let printed = super::printed_view(project).project;
    let Some(design) = printed.card(design_id) else {
        return Vec::new();
    };
    let empty = CardRecord::new();
    let shown: Vec<usize> = if design.records.is_empty() {
        vec![usize::MAX]
    } else {
        design.shown_records()
    };
    let mut problems: Vec<HouseholdProblem> = field_problems(design)
        .into_iter()
        .map(|message| HouseholdProblem {
            card_id: design.id.clone(),
            position: 0,
            kind: ProblemKind::UnknownField,
            message,
        })
        .chain(
            sample_people_problem(design).map(|(position, message)| HouseholdProblem {
                card_id: design.id.clone(),
                position,
                kind: ProblemKind::SampleRecords,
                message,
            }),
        )
        .chain(
            overlap_problems(design)
                .into_iter()
                .map(|message| HouseholdProblem {
                    card_id: design.id.clone(),
                    position: 0,
                    kind: ProblemKind::PanelsOverlap,
                    message,
                }),
        )
        .collect();
    let mut face_problems_found = Vec::new();
    for (position, index) in shown.into_iter().enumerate() {
        let record = design.records.get(index).unwrap_or(&empty);
        let name = record_name(design, record, index.min(design.records.len()));
        let mut sides = vec![CardSide::Front];
        if design.has_back() {
            sides.push(CardSide::Back);
        }
        for side in sides {
            let layout = card_face(engine, &printed, design, design.face(side), record);
            face_problems_found.extend(face_problems(design, &layout, side, &name, position));
        }
    }
    problems.extend(
        grouped_overflows(design, face_problems_found)
            .into_iter()
            .map(|problem| HouseholdProblem {
                card_id: design.id.clone(),
                position: problem.position,
                kind: problem.kind,
                message: problem.message,
            }),
    );
    problems
}

/// What the clerk is told when the card's faces use fields its 名单 lacks (after an import
/// whose columns are named otherwise, say), and the fields the faces use that are empty for
/// every household (a column added and not filled yet).
fn field_problems(design: &CardDesign) -> Vec<String> {
    unknown_fields_message(design)
        .into_iter()
        .chain(empty_fields_message(design))
        .chain(empty_fixed_message(design))
        .collect()
}

/// The 固定内容 the faces print that is still empty: blank on every card.
fn empty_fixed_message(design: &CardDesign) -> Option<String> {
    let empty: Vec<String> = design
        .used_fields()
        .into_iter()
        .filter(|field| !design.fields.contains(field))
        .filter(|field| {
            design
                .fixed
                .get(field)
                .is_some_and(|value| value.trim().is_empty())
        })
        .map(|field| format!("“{field}”"))
        .collect();
    if empty.is_empty() {
        return None;
    }
    Some(format!(
        "明白卡“{}”的固定内容{}还是空的，每张卡上那里会是空白。请在明白卡属性的“固定内容”中填写（填一次，每张卡相同）。",
        crate::text::quoted(&design.name),
        empty.join("、")
    ))
}

/// The fields the faces print whose column is empty for every household.
fn empty_fields_message(design: &CardDesign) -> Option<String> {
    if design.records.is_empty() {
        return None;
    }
    let empty: Vec<String> = design
        .used_fields()
        .into_iter()
        .filter(|field| design.fields.contains(field))
        .filter(|field| {
            design.records.iter().all(|record| {
                record
                    .get(field)
                    .is_none_or(|value| value.trim().is_empty())
            })
        })
        .map(|field| format!("{{{field}}}"))
        .collect();
    if empty.is_empty() {
        return None;
    }
    Some(format!(
        "明白卡“{}”的卡面用到{}，但名单中这{}栏每一户都是空的，卡上那里会是空白。请在“名单…”中填上（同一内容可用“整列填写”一次填给所有户），或从卡面删去这些字段。",
        crate::text::quoted(&design.name),
        empty.join("、"),
        if empty.len() > 1 { "几" } else { "一" }
    ))
}

fn unknown_fields_message(design: &CardDesign) -> Option<String> {
    let unknown = design.unknown_fields();
    if unknown.is_empty() {
        return None;
    }
    let braced: Vec<String> = unknown.iter().map(|name| format!("{{{name}}}")).collect();
    Some(format!(
        "明白卡“{}”的卡面用到{}，名单里没有这些栏，每张卡上都会照原样印出“{}”。请在“名单…”中添加这些栏并填上，或把卡面上的字段改成名单里的栏名（名单现有：{}）。",
        crate::text::quoted(&design.name),
        braced.join("、"),
        braced[0],
        if design.fields.is_empty() {
            "无".to_owned()
        } else {
            design.fields.join("、")
        }
    ))
}

/// Panels of a printed face that overlap (the rule boards follow,
/// [`crate::model::overlapping_panels`]): on every card one hides part of the other's text.
/// One message per pair, naming the card, the face and both panels.
pub fn overlap_problems(design: &CardDesign) -> Vec<String> {
    let mut sides = vec![CardSide::Front];
    if design.has_back() {
        sides.push(CardSide::Back);
    }
    let mut problems = Vec::new();
    for side in sides {
        let panels = &design.face(side).panels;
        for (first, second) in crate::model::overlapping_panels(panels) {
            problems.push(format!(
                "明白卡“{}”的{}：{}与{}重叠，每张卡上都会有一个栏目遮住另一个的文字。请在画布上移开或缩小其中一个栏目。",
                crate::text::quoted(&design.name),
                side.label_zh(),
                crate::model::panel_name_zh(panels, first),
                crate::model::panel_name_zh(panels, second),
            ));
        }
    }
    problems
}

/// The invented households (or 网格员) a template came with that are still in the 名单 and
/// would print: the position of the first among the records shown, and what the clerk is told.
pub fn sample_people_problem(design: &CardDesign) -> Option<(usize, String)> {
    let compared = |field: &str| {
        !matches!(
            design.field_kinds.get(field),
            Some(ColumnKind::IdNumber | ColumnKind::BankAccount | ColumnKind::Phone)
        )
    };
    let samples: Vec<(usize, &CardRecord)> = design
        .shown_records()
        .into_iter()
        .enumerate()
        .filter_map(|(position, index)| Some((position, design.records.get(index)?)))
        .filter(|(_, record)| crate::catalog::is_sample_person(record, compared))
        .collect();
    let (first, _) = samples.first()?;
    let names: Vec<&str> = samples
        .iter()
        .filter_map(|(_, record)| NAME_FIELDS.iter().find_map(|field| record.get(*field)))
        .map(String::as_str)
        .take(5)
        .collect();
    Some((
        *first,
        format!(
            "明白卡“{}”的名单里还有 {} 户是模板自带的虚构示例（{}{}），不能照此印发。请在“名单…”中删除这些行，或粘贴、导入本单位的名单。",
            crate::text::quoted(&design.name),
            samples.len(),
            names.join("、"),
            if samples.len() > names.len() {
                "等"
            } else {
                ""
            }
        ),
    ))
}

/// The fields that name a household, in the order they are tried.
pub const NAME_FIELDS: [&str; 6] = ["户主", "户主姓名", "姓名", "网格员", "联系人", "名称"];

/// How a record is named in messages: “第 3 张（户号 0003，户主 王桂兰）” — its number among
/// all records, with its 户号 and 户主 (or name) when it has them, else its first field.
pub fn record_name(design: &CardDesign, record: &CardRecord, index: usize) -> String {
    // A value is cut to an excerpt: a pasted list may hold a whole paragraph in a name cell.
    let value = |field: &str| {
        record
            .get(field)
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
            .map(crate::text::quoted)
    };
    let mut parts = Vec::new();
    if let Some(number) = value("户号") {
        parts.push(format!("户号 {number}"));
    }
    if let Some((field, name)) = NAME_FIELDS
        .iter()
        .find_map(|field| value(field).map(|name| (*field, name)))
    {
        parts.push(format!("{field} {name}"));
    }
    if parts.is_empty()
        && let Some((field, first)) = design
            .fields
            .first()
            .and_then(|field| value(field).map(|first| (field, first)))
    {
        parts.push(format!("{field} {first}"));
    }
    if parts.is_empty() {
        format!("第 {} 张", index + 1)
    } else {
        format!("第 {} 张（{}）", index + 1, parts.join("，"))
    }
}

/// A face with every `{字段}` filled: the record's fields first, then the unit's details.
pub fn fill_face(face: &Board, record: &CardRecord, meta: &Meta) -> Board {
    let mut filled = face.clone();
    for panel in &mut filled.panels {
        panel.title = fill_fields(&panel.title, record, meta);
        for block in &mut panel.blocks {
            *block = fill_block(block, &|text| fill_fields(text, record, meta));
        }
    }
    filled
}

/// `{字段}` filled from the record, else from the unit's details (empty: 【请填写】), in one
/// pass: a value that itself holds `{…}` is printed as it is; unknown names stay as written.
pub fn fill_fields(text: &str, record: &CardRecord, meta: &Meta) -> String {
    fill_fields_with(text, |name| {
        record
            .get(name)
            .map(String::as_str)
            .or_else(|| meta.printed_field_value(name))
    })
}

/// `{字段}` placeholders replaced by the record's values (unknown names stay as written).
pub fn fill_placeholders(text: &str, record: &CardRecord) -> String {
    fill_fields_with(text, |name| record.get(name).map(String::as_str))
}

fn fill_block(block: &Block, fill: &dyn Fn(&str) -> String) -> Block {
    match block {
        Block::Paragraph { text } => Block::Paragraph { text: fill(text) },
        Block::List { ordered, entries } => Block::List {
            ordered: *ordered,
            entries: entries.iter().map(|entry| fill(entry)).collect(),
        },
        Block::KeyValue { pairs } => Block::KeyValue {
            pairs: pairs
                .iter()
                .map(|pair| KeyValue::new(fill(&pair.key), fill(&pair.value)))
                .collect(),
        },
        Block::Table(table) => Block::Table(Table {
            columns: table.columns.iter().map(|cell| fill(cell)).collect(),
            rows: table
                .rows
                .iter()
                .map(|row| row.iter().map(|cell| fill(cell)).collect())
                .collect(),
            column_kinds: table.column_kinds.clone(),
            total_row: table.total_row,
        }),
        Block::Image {
            path,
            caption,
            width_mm,
        } => Block::Image {
            path: path.clone(),
            caption: fill(caption),
            width_mm: *width_mm,
        },
        Block::Qr {
            text,
            caption,
            size_mm,
        } => Block::Qr {
            text: fill(text),
            caption: fill(caption),
            size_mm: *size_mm,
        },
        Block::Flowchart(chart) => {
            let mut chart = chart.clone();
            chart.for_each_text_mut(|text| *text = fill(text));
            Block::Flowchart(chart)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_the_record_values() {
        let mut record = CardRecord::new();
        record.insert("姓名".into(), "周建华".into());
        assert_eq!(
            fill_placeholders("姓名：{姓名}，{未知}", &record),
            "姓名：周建华，{未知}"
        );
    }

    #[test]
    fn fields_are_filled_in_one_pass() {
        let mut record = CardRecord::new();
        record.insert("户主".into(), "{单位名称}".into());
        record.insert("备注".into(), "{户主}".into());
        let meta = Meta {
            unit_name: "东湾村村民委员会".into(),
            ..Meta::default()
        };
        assert_eq!(
            fill_fields("{户主}/{备注}/{单位名称}/{未知}/{", &record, &meta),
            "{单位名称}/{户主}/东湾村村民委员会/{未知}/{"
        );
    }

    #[test]
    fn a_record_is_named_by_household_number_and_head() {
        let design = CardDesign {
            fields: vec!["户号".into(), "户主".into()],
            ..CardDesign::default()
        };
        let mut record = CardRecord::new();
        record.insert("户号".into(), "0017".into());
        record.insert("户主".into(), "王桂兰".into());
        assert_eq!(
            record_name(&design, &record, 16),
            "第 17 张（户号 0017，户主 王桂兰）"
        );
        assert_eq!(record_name(&design, &CardRecord::new(), 2), "第 3 张");
    }
}
