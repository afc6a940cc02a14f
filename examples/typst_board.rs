//! The fixture's board as a typst document with the same content, for issue 16's "board export
//! CPU vs typst" figure (`scripts/typst_compare.py` compiles it and times both).
//!
//!     cargo run --release --example typst_board -- OUT.typ [PROJECT.gongkai.json]
//!
//! The board is the one `pdf_scale`'s `board` scenario and `gongkai export --mode board` print
//! (the first board of `tests/fixtures/qinghe.gongkai.json`, as printed: 对内 items left out,
//! unit fields filled in, personal numbers masked, the footer's dates computed). Its text is
//! walked from the model panel by panel: header and footer lines, each panel placed at its
//! rectangle with its title bar, item titles, paragraphs, lists, key–value lines and tables,
//! in the bundled Noto Serif SC / Noto Sans SC. The sizes are the ones our layout settled on
//! (each panel's shrink-to-fit body size, the titles' sizes), so typst sets the same text in
//! the same boxes at the same sizes; it does not search for the sizes itself (that search is
//! part of our export's time, not of typst's). Pictures and QR codes (none on the fixture's
//! board) become grey boxes of their size with their captions. With PROJECT, that project's
//! first board is written instead.

use gongkai::compose::{layout_as_printed, printed_view};
use gongkai::fonts::FontSet;
use gongkai::layout::board::{BoardFooterText, footer_lines};
use gongkai::layout::panel::{panel_geometry, tint};
use gongkai::layout::table::looks_numeric;
use gongkai::layout::{BoardLayout, LayoutEngine, LineKind};
use gongkai::model::{
    Block, Board, ColumnKind, FontFamily, KeyValue, Panel, Project, Rgb, Table, TextStyle,
    load_project,
};
use gongkai::units::pt_to_mm;
use std::fmt::Write as _;

/// Where a baseline sits in an em box, as our layout has it (`layout::inline::BASELINE_IN_EM`):
/// typst's text box is set to the same 1 em (0.88 above the baseline, 0.12 below), so that
/// its leading of (line height − 1) em gives our line pitch.
const ASCENT_EM: f32 = 0.88;

/// A typst string literal: the text shown as it is, nothing in it read as markup.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ch if ch.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", ch as u32);
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

fn color(rgb: Rgb) -> String {
    format!("rgb(\"{}\")", rgb.to_hex())
}

fn family(font: &FontFamily) -> String {
    let name = match font {
        FontFamily::Sans => "Noto Sans SC",
        FontFamily::Serif => "Noto Serif SC",
        FontFamily::Installed(name) => name.as_str(),
    };
    // The other bundled family next, as our fallback chain has it.
    let other = if name == "Noto Sans SC" {
        "Noto Serif SC"
    } else {
        "Noto Sans SC"
    };
    format!("({}, {})", string(name), string(other))
}

/// The size (pt) of the first laid-out line of `kind` in `panel_id` (None: header/footer).
fn line_size_pt(layout: &BoardLayout, panel_id: Option<&str>, kind: LineKind) -> Option<f32> {
    layout
        .lines
        .iter()
        .find(|line| line.kind == kind && line.panel_id.as_deref() == panel_id)
        .map(|line| line.size_pt)
}

/// The sizes and colours one panel is set at.
struct PanelSizes {
    title_pt: f32,
    item_title_pt: f32,
    body_pt: f32,
    /// Line height as a multiple of the text size.
    line_height: f32,
    /// One text column's width.
    column_width_mm: f32,
    /// Item titles.
    accent: Rgb,
    /// Table borders.
    rule: Rgb,
    /// The table's header row, and every other row.
    header_fill: Rgb,
    shading_fill: Rgb,
}

fn main() {
    let out_path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "board.typ".to_owned());
    let project_path = std::env::args().nth(2).map_or_else(
        || {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/qinghe.gongkai.json")
        },
        std::path::PathBuf::from,
    );
    let project = load_project(&project_path).expect("the project loads");
    let printed = printed_view(&project).project;
    let board = printed.boards.first().expect("the fixture has a board");
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let layout =
        layout_as_printed(&mut engine, &project, &board.id, as_of(&project)).expect("laid out");
    let typ = board_typ(&printed, board, &layout);
    std::fs::write(&out_path, typ).expect("written");
    eprintln!("wrote {out_path}");
}

fn board_typ(project: &Project, board: &Board, layout: &BoardLayout) -> String {
    let mut typ = String::new();
    let style = &board.style;
    let _ = writeln!(
        typ,
        "// The board \"{}\" of tests/fixtures/qinghe.gongkai.json, written by examples/typst_board.rs.",
        board.name
    );
    let _ = writeln!(
        typ,
        "#set page(width: {}mm, height: {}mm, margin: 0pt, fill: {})",
        board.size_mm.width_mm,
        board.size_mm.height_mm,
        color(board.theme.background)
    );
    let _ = writeln!(
        typ,
        "#set text(font: {}, lang: \"zh\", region: \"cn\", top-edge: {ASCENT_EM}em, bottom-edge: -{:.2}em, fill: {})",
        family(&style.body_font),
        1.0 - ASCENT_EM,
        color(board.theme.body_text)
    );
    typ.push_str("#set par(justify: true)\n#set block(spacing: 0pt)\n");
    header_typ(&mut typ, board, layout);
    for panel in &board.panels {
        panel_typ(&mut typ, project, board, panel, layout);
    }
    footer_typ(&mut typ, project, board, layout);
    typ
}

/// A band across the board between the side margins, its lines centred.
fn band_typ(typ: &mut String, board: &Board, top_mm: f32, height_mm: f32, fill: Rgb, body: &str) {
    let width_mm = board.size_mm.width_mm - board.margins_mm.left_mm - board.margins_mm.right_mm;
    let _ = writeln!(
        typ,
        "#place(top + left, dx: {}mm, dy: {top_mm}mm, block(width: {width_mm}mm, height: {height_mm}mm, fill: {}, align(center + horizon, {body})))",
        board.margins_mm.left_mm,
        color(fill)
    );
}

/// Lines of one band: (text, size) stacked 0.25 em apart, in a face and colour.
fn band_lines(lines: &[(String, f32)], font: &FontFamily, bold: bool, fill: Rgb) -> String {
    let weight = if bold { "bold" } else { "regular" };
    let texts: Vec<String> = lines
        .iter()
        .map(|(text, size_pt)| {
            format!(
                "text(font: {}, weight: \"{weight}\", size: {size_pt}pt, fill: {}, {})",
                family(font),
                color(fill),
                string(text)
            )
        })
        .collect();
    let gap_pt = lines.first().map_or(0.0, |(_, size_pt)| 0.25 * size_pt);
    format!("stack(spacing: {gap_pt}pt, {})", texts.join(", "))
}

fn header_typ(typ: &mut String, board: &Board, layout: &BoardLayout) {
    if board.header.height_mm <= 0.0 {
        return;
    }
    let mut lines = Vec::new();
    for (text, kind) in [
        (&board.header.title, LineKind::BoardTitle),
        (&board.header.subtitle, LineKind::BoardSubtitle),
    ] {
        if let Some(size_pt) = line_size_pt(layout, None, kind)
            && !text.trim().is_empty()
        {
            lines.push((text.clone(), size_pt));
        }
    }
    let body = band_lines(
        &lines,
        &board.style.heading_font,
        true,
        board.theme.header_text,
    );
    band_typ(
        typ,
        board,
        board.margins_mm.top_mm,
        board.header.height_mm,
        board.theme.header_background,
        &body,
    );
}

/// The day the footer's dates are worked out for: the latest publication, so the output is
/// the same on any day.
fn as_of(project: &Project) -> chrono::NaiveDate {
    project
        .items
        .iter()
        .filter_map(|item| item.disclosure.published_on)
        .max()
        .unwrap_or_default()
}

fn footer_typ(typ: &mut String, project: &Project, board: &Board, layout: &BoardLayout) {
    if board.footer.height_mm <= 0.0 {
        return;
    }
    let footer_text = BoardFooterText {
        dates_line: gongkai::schedule::footer::footer_dates_text(project, board, as_of(project)),
    };
    let size_pt = line_size_pt(layout, None, LineKind::Footer).unwrap_or(board.style.body_pt);
    let lines: Vec<(String, f32)> = footer_lines(board, &project.meta, &footer_text)
        .into_iter()
        .map(|text| (text, size_pt))
        .collect();
    let body = band_lines(
        &lines,
        &board.style.body_font,
        false,
        board.theme.footer_text,
    );
    let top_mm = board.size_mm.height_mm - board.margins_mm.bottom_mm - board.footer.height_mm;
    band_typ(
        typ,
        board,
        top_mm,
        board.footer.height_mm,
        board.theme.footer_background,
        &body,
    );
}

fn panel_typ(
    typ: &mut String,
    project: &Project,
    board: &Board,
    panel: &Panel,
    layout: &BoardLayout,
) {
    let style = panel.style.as_ref().unwrap_or(&board.style);
    let theme = &board.theme;
    let geometry = panel_geometry(panel, style);
    let body_pt = layout
        .panels
        .iter()
        .find(|laid| laid.panel_id == panel.id)
        .map_or(style.body_pt, |laid| laid.body_pt);
    let sizes = PanelSizes {
        title_pt: line_size_pt(layout, Some(&panel.id), LineKind::PanelTitle)
            .unwrap_or(style.panel_title_pt),
        item_title_pt: style.item_title_pt * body_pt / style.body_pt.max(0.1),
        body_pt,
        line_height: style.line_height.max(1.0),
        column_width_mm: geometry.column_width_mm,
        accent: theme.panel_title_background,
        rule: theme.panel_border,
        header_fill: tint(theme.panel_title_background, 0.82),
        shading_fill: tint(theme.panel_title_background, 0.93),
    };
    let rect = panel.rect_mm;
    let border_mm = (0.12 * pt_to_mm(style.body_pt)).max(0.3);
    let _ = writeln!(
        typ,
        "#place(top + left, dx: {}mm, dy: {}mm, block(width: {}mm, height: {}mm, breakable: false, fill: {}, stroke: {border_mm}mm + {}, stack(",
        rect.x_mm,
        rect.y_mm,
        rect.width_mm,
        rect.height_mm,
        color(theme.panel_background),
        color(theme.panel_border)
    );
    if geometry.title_bar_mm > 0.0 {
        let _ = writeln!(
            typ,
            "  block(width: 100%, height: {}mm, fill: {}, align(center + horizon, text(font: {}, weight: \"bold\", size: {}pt, fill: {}, {}))),",
            geometry.title_bar_mm,
            color(theme.panel_title_background),
            family(&style.heading_font),
            sizes.title_pt,
            color(theme.panel_title_text),
            string(&panel.title)
        );
    }
    if panel.band {
        typ.push_str("))))\n");
        return;
    }
    // The body: padding, then 1–3 columns through which the items flow.
    let line_gap_pt = (sizes.line_height - 1.0) * sizes.body_pt;
    let _ = writeln!(
        typ,
        "  block(inset: {}mm, width: 100%, {{\n    set text(size: {}pt)\n    set par(leading: {line_gap_pt}pt, spacing: {line_gap_pt}pt, first-line-indent: (amount: {}em, all: true))",
        geometry.padding_mm,
        sizes.body_pt,
        style.first_line_indent_chars.max(0.0)
    );
    let mut flow = String::new();
    for item in panel.item_ids.iter().filter_map(|id| project.item(id)) {
        item_title_typ(&mut flow, &item.title, style, &sizes);
        for block in &item.blocks {
            block_typ(&mut flow, block, style, &sizes);
        }
    }
    for block in &panel.blocks {
        block_typ(&mut flow, block, style, &sizes);
    }
    if geometry.columns > 1 {
        let _ = writeln!(
            typ,
            "    columns({}, gutter: {}mm)[\n{flow}    ]",
            geometry.columns, geometry.column_gap_mm
        );
    } else {
        let _ = writeln!(typ, "    [\n{flow}    ]");
    }
    typ.push_str("  }),\n)))\n");
}

/// Half the leading of a line of text at `size_pt`: our layout centres each line in its line
/// height, typst puts the leading between lines only; this much above a block's first line and
/// below its last places the lines where ours are.
fn half_leading_pt(sizes: &PanelSizes, size_pt: f32) -> f32 {
    0.5 * (sizes.line_height - 1.0) * size_pt
}

fn item_title_typ(flow: &mut String, title: &str, style: &TextStyle, sizes: &PanelSizes) {
    if title.trim().is_empty() {
        return;
    }
    let _ = writeln!(
        flow,
        "      #block(inset: (y: {}pt), below: {}pt, par(first-line-indent: 0pt, justify: false, text(font: {}, weight: \"bold\", size: {}pt, fill: {}, {})))",
        half_leading_pt(sizes, sizes.item_title_pt),
        0.3 * sizes.body_pt,
        family(&style.heading_font),
        sizes.item_title_pt,
        color(sizes.accent),
        string(title)
    );
}

fn block_typ(flow: &mut String, block: &Block, style: &TextStyle, sizes: &PanelSizes) {
    let below_pt = style.paragraph_spacing_em.max(0.0) * sizes.body_pt;
    let content = match block {
        Block::Paragraph { text } => text
            .split('\n')
            .map(|part| format!("par({})", string(part)))
            .collect::<Vec<_>>()
            .join(" + "),
        Block::List { ordered, entries } => {
            let function = if *ordered {
                "enum(numbering: \"1.\""
            } else {
                "list(marker: [•]"
            };
            let entries: Vec<String> = entries.iter().map(|entry| string(entry)).collect();
            format!(
                "{{ set par(first-line-indent: 0pt); {function}, indent: 0pt, body-indent: 0.4em, {}) }}",
                entries.join(", ")
            )
        }
        Block::KeyValue { pairs } => pairs
            .iter()
            .map(|KeyValue { key, value }| {
                format!(
                    "par(first-line-indent: 0pt, justify: false, text(weight: \"bold\", {}) + {})",
                    string(&format!("{key}：")),
                    string(value)
                )
            })
            .collect::<Vec<_>>()
            .join(" + "),
        Block::Table(table) => table_typ(table, sizes),
        // A picture not chosen yet prints nothing.
        Block::Image { path, .. } if path.trim().is_empty() => return,
        Block::Image {
            caption, width_mm, ..
        } => {
            let width_mm = width_mm
                .filter(|width| *width > 0.0)
                .unwrap_or(sizes.column_width_mm)
                .min(sizes.column_width_mm);
            format!(
                "block(width: {width_mm}mm, height: {}mm, fill: luma(220)) + align(center, {})",
                0.75 * width_mm,
                string(caption)
            )
        }
        Block::Qr {
            caption, size_mm, ..
        } => {
            let side_mm = size_mm.max(5.0).min(sizes.column_width_mm);
            format!(
                "align(center, block(width: {side_mm}mm, height: {side_mm}mm, fill: luma(220))) + align(center, {})",
                string(caption)
            )
        }
        // The steps as a list of boxes (the comparison is about text, not the arrows).
        Block::Flowchart(chart) => chart
            .steps
            .iter()
            .map(|step| format!("block(stroke: 0.5pt, inset: 4pt, {})", string(&step.text)))
            .collect::<Vec<_>>()
            .join(" + "),
    };
    // Our lines of text sit in the middle of their line height; a table's rows, pictures and
    // QR codes have their own padding.
    let inset_pt = match block {
        Block::Paragraph { .. } | Block::List { .. } | Block::KeyValue { .. } => {
            half_leading_pt(sizes, sizes.body_pt)
        }
        Block::Table(_) | Block::Image { .. } | Block::Qr { .. } | Block::Flowchart(_) => 0.0,
    };
    let _ = writeln!(
        flow,
        "      #block(width: 100%, inset: (y: {inset_pt}pt), below: {below_pt}pt, {content})"
    );
}

fn table_typ(table: &Table, sizes: &PanelSizes) -> String {
    let columns = table
        .columns
        .len()
        .max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
    if columns == 0 {
        return "[]".to_owned();
    }
    let body_rows = table.rows.len() - usize::from(table.total_row && !table.rows.is_empty());
    let aligns: Vec<&str> = (0..columns)
        .map(|column| {
            let kind = table.column_kind(column);
            let mut values = table.rows[..body_rows]
                .iter()
                .filter_map(|row| row.get(column))
                .filter(|cell| !cell.trim().is_empty())
                .peekable();
            let numeric = kind == ColumnKind::Number
                || (kind == ColumnKind::Text
                    && values.peek().is_some()
                    && values.all(|value| looks_numeric(value)));
            if numeric { "right" } else { "left" }
        })
        .collect();
    let cell =
        |row: &[String], column: usize| row.get(column).map_or("", String::as_str).to_owned();
    // Our columns fill the width, each about as wide as its widest cell: fractions of the
    // width weighed by that cell's width in ems (half an em for Latin and digits) and the
    // padding.
    let widths: Vec<String> = (0..columns)
        .map(|column| {
            let widest_em = std::iter::once(&table.columns)
                .chain(&table.rows)
                .map(|row| {
                    row.get(column).map_or(0.0, |text| {
                        text.chars()
                            .map(|ch| if ch.is_ascii() { 0.55 } else { 1.0 })
                            .sum::<f32>()
                    })
                })
                .fold(0.0, f32::max);
            format!("{:.2}fr", widest_em + 0.6)
        })
        .collect();
    let bold = |text: String| format!("text(weight: \"bold\", {})", string(&text));
    let header: Vec<String> = (0..columns)
        .map(|column| bold(cell(&table.columns, column)))
        .collect();
    let mut cells = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        let total = table.total_row && index + 1 == table.rows.len();
        for column in 0..columns {
            let text = cell(row, column);
            cells.push(if total { bold(text) } else { string(&text) });
        }
    }
    format!(
        "{{ set par(first-line-indent: 0pt, justify: false); table(columns: ({},), stroke: {}mm + {}, inset: (x: 0.3em, y: {:.3}em), align: (x, y) => if y == 0 {{ center }} else {{ ({},).at(x) }}, fill: (_, y) => if y == 0 {{ {} }} else if calc.even(y) {{ {} }} else {{ none }}, table.header({}), {}) }}",
        widths.join(", "),
        (0.05 * pt_to_mm(sizes.body_pt)).max(0.2),
        color(sizes.rule),
        // Our cell padding (0.15 em) plus half the line's leading: a one-line row as high.
        0.15 + (sizes.line_height - 1.0) / 2.0,
        aligns.join(", "),
        color(sizes.header_fill),
        color(sizes.shading_fill),
        header.join(", "),
        cells.join(", ")
    )
}
