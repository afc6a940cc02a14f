//! Small form widgets shared by the inspectors: labelled text, number, colour, date and
//! one-of rows, and the text style section of boards and panels. Each returns the new value
//! (or whether it changed) and never touches the project.

use crate::model::{FontFamily, Rgb, TextStyle};
use chrono::NaiveDate;
use eframe::egui;

/// A labelled single-line text field; returns the new text when it changed.
pub(super) fn text_row_ui(ui: &mut egui::Ui, label: &str, value: &str) -> Option<String> {
    let mut text = value.to_owned();
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        changed = ui
            .add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY))
            .labelled_by(label.id)
            .changed();
    });
    changed.then_some(text)
}

/// A labelled multi-line text field.
pub(crate) fn text_area_ui(
    ui: &mut egui::Ui,
    label: &str,
    value: &str,
    rows: usize,
) -> Option<String> {
    let mut text = value.to_owned();
    let label = ui.label(label);
    let changed = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
        .changed();
    changed.then_some(text)
}

/// A labelled number kept within `range`; returns the new value when it changed. A value
/// typed outside the range is brought to its nearest end, and a note under the field says so
/// while the value stays there (an undo or another change drops it). The note wraps: it never
/// widens the inspector.
pub(crate) fn number_row_ui(
    ui: &mut egui::Ui,
    label: &str,
    value: f32,
    range: std::ops::RangeInclusive<f32>,
    suffix: &str,
) -> Option<f32> {
    let mut number = value;
    let mut changed = false;
    let (min, max) = (*range.start(), *range.end());
    let note_id = ui.make_persistent_id(("clamped", label));
    ui.horizontal(|ui| {
        let label_response = ui.label(label);
        let response = ui
            .add(
                egui::DragValue::new(&mut number)
                    .range(f32::MIN..=f32::MAX)
                    .speed(1.0)
                    .suffix(suffix),
            )
            .labelled_by(label_response.id)
            .on_hover_text(format!("可填 {min}–{max}{suffix}"));
        changed = response.changed();
    });
    if changed {
        let clamped = number.clamp(min, max);
        if clamped != number {
            let note = format!("{label}只能在 {min}–{max}{suffix} 之间，已改为 {clamped}{suffix}");
            ui.data_mut(|data| data.insert_temp(note_id, (note, clamped)));
            number = clamped;
        } else {
            ui.data_mut(|data| data.remove::<(String, f32)>(note_id));
        }
    }
    let shown = if changed { number } else { value };
    match ui.data(|data| data.get_temp::<(String, f32)>(note_id)) {
        Some((note, clamped)) if clamped == shown => {
            ui.add(
                egui::Label::new(egui::RichText::new(note).color(ui.visuals().warn_fg_color))
                    .wrap(),
            );
        }
        Some(_) => ui.data_mut(|data| data.remove::<(String, f32)>(note_id)),
        None => {}
    }
    (changed && number != value).then_some(number)
}

pub(super) fn color_row_ui(ui: &mut egui::Ui, label: &str, value: Rgb) -> Option<Rgb> {
    let mut rgb = [value.0, value.1, value.2];
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(label);
        changed = ui.color_edit_button_srgb(&mut rgb).changed();
    });
    changed.then_some(Rgb(rgb[0], rgb[1], rgb[2]))
}

/// The fonts, sizes and spacing of a board (with its title size) or of one panel; returns
/// whether anything changed.
pub(super) fn text_style_ui(
    ui: &mut egui::Ui,
    style: &mut TextStyle,
    with_board_title: bool,
) -> bool {
    let mut changed = false;
    for (label, family) in [
        ("标题字体", &mut style.heading_font),
        ("正文字体", &mut style.body_font),
    ] {
        let label = match family {
            FontFamily::Installed(name) => format!("{label}（已选：{name}）"),
            _ => label.to_owned(),
        };
        let choices = [(FontFamily::Sans, "黑体"), (FontFamily::Serif, "宋体")];
        changed |= choice_row_ui(ui, &label, family, choices);
    }
    let mut sizes = vec![
        ("栏目标题", &mut style.panel_title_pt),
        ("事项标题", &mut style.item_title_pt),
        ("正文", &mut style.body_pt),
    ];
    if with_board_title {
        sizes.insert(0, ("栏头标题", &mut style.board_title_pt));
    }
    for (label, size_pt) in sizes {
        if let Some(value) = number_row_ui(ui, label, *size_pt, 6.0..=600.0, " 磅") {
            *size_pt = value;
            changed = true;
        }
    }
    if let Some(value) = decimal_row_ui(ui, "行距（倍）", style.line_height, 1.0..=3.0) {
        style.line_height = value;
        changed = true;
    }
    if let Some(value) = decimal_row_ui(ui, "段后空（字）", style.paragraph_spacing_em, 0.0..=3.0)
    {
        style.paragraph_spacing_em = value;
        changed = true;
    }
    changed |= choice_row_ui(
        ui,
        "首行缩进",
        &mut style.first_line_indent_chars,
        [(2.0, "两字"), (0.0, "不缩进")],
    );
    changed
}

/// A label and one button per choice, the current one highlighted; returns whether the
/// value changed.
pub(super) fn choice_row_ui<'a, T: PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    choices: impl IntoIterator<Item = (T, &'a str)>,
) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(label);
        for (choice, name) in choices {
            changed |= ui.selectable_value(value, choice, name).changed();
        }
    });
    changed
}

/// A labelled number with two decimals (line height, spacing).
pub(super) fn decimal_row_ui(
    ui: &mut egui::Ui,
    label: &str,
    value: f32,
    range: std::ops::RangeInclusive<f32>,
) -> Option<f32> {
    let mut number = value;
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        changed = ui
            .add(
                egui::DragValue::new(&mut number)
                    .range(range)
                    .speed(0.05)
                    .fixed_decimals(2),
            )
            .labelled_by(label.id)
            .changed();
    });
    changed.then_some(number)
}

/// A date typed as YYYY-MM-DD (empty: none). The typed text lives in egui's memory until it
/// parses, so half-typed dates are never written to the project.
pub(crate) fn date_row_ui(
    ui: &mut egui::Ui,
    label: &str,
    id_salt: &str,
    value: Option<NaiveDate>,
) -> Option<Option<NaiveDate>> {
    let id = ui.make_persistent_id(("date", id_salt));
    let shown = value
        .map(|date| date.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let mut text: String = ui
        .data(|data| data.get_temp(id))
        .unwrap_or_else(|| shown.clone());
    let mut result = None;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .desired_width(110.0)
                    .hint_text("未填（年-月-日）"),
            )
            .labelled_by(label.id);
        if response.changed() {
            if text.trim().is_empty() {
                result = Some(None);
            } else if let Ok(date) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
                result = Some(Some(date));
            }
        }
        let valid =
            text.trim().is_empty() || NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok();
        if !valid {
            ui.colored_label(ui.visuals().error_fg_color, "格式：年-月-日");
        }
        if response.has_focus() {
            ui.data_mut(|data| data.insert_temp(id, text.clone()));
        } else {
            ui.data_mut(|data| data.remove::<String>(id));
        }
    });
    result
}

/// Gives a widget without a visible label its accessible name (screen readers, tests).
pub(super) fn name_widget(response: egui::Response, name: String) -> egui::Response {
    response.accessible_name(name)
}

/// A cell editor's width for a column of `texts` (its header and cells): wide enough for the
/// longest (hanzi count whole, digits and Latin letters about half), within 3–16 characters.
pub(crate) fn column_width_px<'a>(texts: impl IntoIterator<Item = &'a str>, char_px: f32) -> f32 {
    let text_em = |text: &str| -> f32 {
        text.chars()
            .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
            .sum()
    };
    let widest_em = texts.into_iter().map(text_em).fold(0.0_f32, f32::max);
    (widest_em * char_px + char_px).clamp(3.0 * char_px, 16.0 * char_px)
}

#[cfg(test)]
mod width_tests {
    use super::column_width_px;

    #[test]
    fn a_column_is_as_wide_as_its_longest_text_within_limits() {
        let char_px = 14.0;
        assert_eq!(column_width_px(["户主", "王志强"], char_px), 4.0 * char_px);
        let amount = column_width_px(["金额", "12,345.67"], char_px);
        assert!(amount > 5.0 * char_px && amount < 7.0 * char_px, "{amount}");
        let long = "这是一段很长很长很长很长很长很长很长很长的说明文字";
        assert_eq!(column_width_px(["备注", long], char_px), 16.0 * char_px);
        assert_eq!(column_width_px([], char_px), 3.0 * char_px);
    }
}
