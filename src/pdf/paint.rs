//! Painting one sheet: each `FrameItem` becomes content-stream operators (one `match`), in PDF
//! space (the y axis flips in `pdf_point`, nowhere else), colours with optional single-K black.
//! The operators are written as bytes while the sheet is painted (see [`Content`]), so a sheet
//! costs its compressed stream, not a list of operations held until the document is written.

use super::font_embed::{EmbeddedFonts, UsedFace};
use super::forms::Forms;
use super::image_embed::EmbeddedImages;
use super::writer::WriteOptions;
use crate::compose::Placement;
use crate::fonts::{Face, FontSet};
use crate::layout::{FrameItem, Page, PointMm, Stroke, TextRun};
use crate::model::{RectMm, Rgb, SizeMm};
use crate::units::mm_to_pt;
use printpdf::{Codepoint, Color, XObjectId};
use printpdf_lopdf::Object;
use std::io::Write;

/// The `cm` matrix that maps the page's PDF space onto the sheet's: page point (x, y) in mm
/// lands at `origin_mm + scale · (x, y)`.
pub(super) fn placement_matrix(placement: &Placement, sheet_height_mm: f32) -> [f32; 6] {
    let page_height_mm = placement.page.size_mm.height_mm;
    let (e, f) = pdf_point(
        PointMm::new(
            placement.origin_mm.x_mm,
            placement.origin_mm.y_mm + placement.scale * page_height_mm,
        ),
        sheet_height_mm,
    );
    let scale = pdf_number(placement.scale);
    [scale, 0.0, 0.0, scale, e, f]
}

/// The largest magnitude of a number the writer puts in a PDF, in pt (3.5 km). Far beyond
/// any sheet (a page is at most 14 400 pt), and far inside what every reader accepts: numbers
/// are written without an exponent, so 1.8e19 would be twenty digits that readers refuse as
/// an integer out of range.
pub(super) const PDF_MAX_ABS: f32 = 1.0e7;

/// A number as the PDF may hold it: finite (NaN and infinities become 0) and within
/// ±[`PDF_MAX_ABS`]. Every coordinate, length, size and kern goes through here.
pub(super) fn pdf_number(value: f32) -> f32 {
    if value.is_finite() {
        value.clamp(-PDF_MAX_ABS, PDF_MAX_ABS)
    } else {
        0.0
    }
}

/// A length in mm as a PDF length in pt (see [`pdf_number`]).
pub(super) fn pdf_length(length_mm: f32) -> f32 {
    pdf_number(mm_to_pt(length_mm))
}

/// Sheet coordinates (mm from the top-left, y down) → PDF user space (pt from the bottom-left,
/// y up). The only place the y axis flips.
/// Rounded to 1/100 pt (0.0035 mm): finer is invisible and only makes the file bigger.
pub(super) fn pdf_point(point: PointMm, sheet_height_mm: f32) -> (f32, f32) {
    let round = |length_pt: f32| pdf_number((pdf_number(length_pt) * 100.0).round() / 100.0);
    (
        round(mm_to_pt(point.x_mm)),
        round(mm_to_pt(sheet_height_mm - point.y_mm)),
    )
}

/// A rectangle in sheet coordinates as a PDF box array [llx lly urx ury].
pub(super) fn pdf_box(rect: RectMm, sheet_height_mm: f32) -> Object {
    let (left, bottom) = pdf_point(PointMm::new(rect.x_mm, rect.bottom_mm()), sheet_height_mm);
    let (right, top) = pdf_point(PointMm::new(rect.right_mm(), rect.y_mm), sheet_height_mm);
    Object::Array(vec![
        Object::Real(left),
        Object::Real(bottom),
        Object::Real(right),
        Object::Real(top),
    ])
}

/// Neutral colours this dark are meant as black (the themes' #212121 text): with single-K
/// black they print as 100 % K, as print shops ask, not 87 %.
pub(super) const NEAR_BLACK: u8 = 0x40;

/// Converts a model colour; neutral colours go to the K channel when asked (near-black as
/// K100, lighter greys keep their tone).
pub(super) fn pdf_color(color: Rgb, k_only: bool) -> Color {
    let Rgb(red, green, blue) = color;
    if k_only && red == green && green == blue {
        let black = if red <= NEAR_BLACK {
            1.0
        } else {
            1.0 - f32::from(red) / 255.0
        };
        return Color::Cmyk(printpdf::Cmyk::new(0.0, 0.0, 0.0, black, None));
    }
    Color::Rgb(printpdf::Rgb::new(
        f32::from(red) / 255.0,
        f32::from(green) / 255.0,
        f32::from(blue) / 255.0,
        None,
    ))
}

/// Builds the content of one sheet.
pub(super) struct SheetPainter<'a> {
    pub(super) fonts: &'a FontSet,
    /// The glyphs painted so far, numbered per face as they are first painted.
    pub(super) used_fonts: &'a mut EmbeddedFonts,
    pub(super) images: &'a EmbeddedImages,
    pub(super) forms: &'a Forms,
    pub(super) options: &'a WriteOptions,
    pub(super) height_mm: f32,
    pub(super) content: Content,
    /// The fill colour and stroke in force (`None`: unknown, e.g. after a `Q`).
    pub(super) fill: Option<Rgb>,
    pub(super) stroke: Option<Stroke>,
}

impl SheetPainter<'_> {
    fn rect(&mut self, rect: RectMm, paint: &str) {
        let (x, y) = pdf_point(PointMm::new(rect.x_mm, rect.bottom_mm()), self.height_mm);
        let (width, height) = (pdf_length(rect.width_mm), pdf_length(rect.height_mm));
        self.content.numbers(&[x, y, width, height]);
        self.content.operator("re");
        self.content.operator(paint);
    }

    /// A placement: clipped in sheet space, then painted in its page's own space under a `cm`;
    /// a page placed more than once is its form XObject (drawn once, see `forms`).
    pub(super) fn placement(&mut self, placement: &Placement, sheet_height_mm: f32) {
        self.content.operator("q");
        // Colours set inside are undone by the `Q` below: forget them there.
        let (fill, stroke) = (self.fill, self.stroke);
        self.height_mm = sheet_height_mm;
        if let Some(clip) = placement.clip_mm {
            self.rect(clip, "W n");
        }
        let matrix = placement_matrix(placement, sheet_height_mm);
        if matrix != [1.0, 0.0, 0.0, 1.0, 0.0, 0.0] {
            self.content.matrix(&matrix);
            self.content.operator("cm");
        }
        match self.forms.get(&placement.page) {
            Some(form) => {
                self.content.name(&form.0);
                self.content.operator("Do");
            }
            None => self.page(&placement.page),
        }
        self.content.operator("Q");
        (self.fill, self.stroke) = (fill, stroke);
    }

    /// A page's items in its own space (y down from its top edge).
    pub(super) fn page(&mut self, page: &Page) {
        self.height_mm = page.size_mm.height_mm;
        for (position, item) in &page.items {
            self.item(*position, item);
        }
    }

    fn item(&mut self, origin: PointMm, item: &FrameItem) {
        match item {
            FrameItem::Text(run) => self.text(run, origin),
            FrameItem::Rect {
                size_mm,
                fill,
                stroke,
            } => {
                let rect = RectMm::new(
                    origin.x_mm,
                    origin.y_mm,
                    size_mm.width_mm,
                    size_mm.height_mm,
                );
                if let Some(fill) = fill {
                    self.set_fill(*fill);
                    self.rect(rect, "f");
                }
                if let Some(stroke) = stroke {
                    self.set_stroke(*stroke);
                    self.rect(rect, "S");
                }
            }
            FrameItem::Line { to, stroke } => {
                self.set_stroke(*stroke);
                self.line(origin, *to);
            }
            // Composition put placeholders in place of pictures that cannot be used.
            FrameItem::Image { size_mm, path } => {
                if let Some(id) = self.images.get(path) {
                    self.image(id, origin, *size_mm);
                }
            }
            FrameItem::Cells {
                cell_mm,
                cells,
                color,
            } => {
                self.set_fill(*color);
                let cell = *cell_mm;
                for (column, row) in cells {
                    let rect = RectMm::new(
                        origin.x_mm + f32::from(*column) * cell,
                        origin.y_mm + f32::from(*row) * cell,
                        cell,
                        cell,
                    );
                    self.rect(rect, "f");
                }
            }
        }
    }

    /// A picture stretched over its box: the image XObject fills the unit square, scaled to
    /// the box and moved to its bottom-left corner.
    fn image(&mut self, id: &XObjectId, top_left: PointMm, size_mm: SizeMm) {
        let (x, y) = pdf_point(
            PointMm::new(top_left.x_mm, top_left.y_mm + size_mm.height_mm),
            self.height_mm,
        );
        self.content.operator("q");
        let (width, height) = (pdf_length(size_mm.width_mm), pdf_length(size_mm.height_mm));
        self.content.matrix(&[width, 0.0, 0.0, height, x, y]);
        self.content.operator("cm");
        self.content.name(&id.0);
        self.content.operator("Do");
        self.content.operator("Q");
    }

    /// Sets the fill colour unless it is set already.
    fn set_fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            self.content
                .color(&pdf_color(color, self.options.cmyk_black), "rg", "k");
        }
    }

    /// Sets the stroke colour and width unless they are set already (a tile's glue line is 60
    /// dashes of one stroke).
    fn set_stroke(&mut self, stroke: Stroke) {
        if self.stroke == Some(stroke) {
            return;
        }
        self.stroke = Some(stroke);
        self.content
            .color(&pdf_color(stroke.color, self.options.cmyk_black), "RG", "K");
        self.content.numbers(&[pdf_length(stroke.width_mm)]);
        self.content.operator("w");
    }

    fn line(&mut self, from: PointMm, to: PointMm) {
        let (x0, y0) = pdf_point(from, self.height_mm);
        let (x1, y1) = pdf_point(to, self.height_mm);
        self.content.numbers(&[x0, y0]);
        self.content.operator("m");
        self.content.numbers(&[x1, y1]);
        self.content.operator("l");
        self.content.operator("S");
    }

    /// A run: one `Tm` at its first glyph on the baseline, then one TJ that places each glyph
    /// where the layout put it (kerns from [`positioned_glyphs`]).
    fn text(&mut self, run: &TextRun, origin: PointMm) {
        let face = self.fonts.face(run.face);
        self.content.operator("BT");
        let used = self.used_fonts.face(run.face);
        self.content.name(&used.resource_name);
        let glyphs = positioned_glyphs(run, used, face);
        self.content.numbers(&[pdf_number(run.size_pt)]);
        self.content.operator("Tf");
        self.set_fill(run.color);
        let first_x_mm = run.glyphs.first().map_or(0.0, |glyph| glyph.x_mm);
        let (x, y) = pdf_point(
            PointMm::new(origin.x_mm + first_x_mm, origin.y_mm),
            self.height_mm,
        );
        self.content.numbers(&[1.0, 0.0, 0.0, 1.0, x, y]);
        self.content.operator("Tm");
        self.content.glyphs(&glyphs);
        self.content.operator("TJ");
        self.content.operator("ET");
    }
}

/// A content stream being written: operands and operators as PDF text, one operator a line.
#[derive(Default)]
pub(super) struct Content {
    pub(super) bytes: Vec<u8>,
}

impl Content {
    fn operator(&mut self, operator: &str) {
        self.bytes.extend_from_slice(operator.as_bytes());
        self.bytes.push(b'\n');
    }

    fn numbers(&mut self, numbers: &[f32]) {
        for number in numbers {
            write_number(&mut self.bytes, *number);
            self.bytes.push(b' ');
        }
    }

    fn matrix(&mut self, matrix: &[f32; 6]) {
        self.numbers(matrix);
    }

    fn name(&mut self, name: &str) {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.push(b' ');
    }

    fn color(&mut self, color: &Color, rgb_operator: &str, cmyk_operator: &str) {
        let values = color.clone().into_vec();
        self.numbers(&values);
        self.operator(match color {
            Color::Cmyk(_) | Color::SpotColor(_) => cmyk_operator,
            _ => rgb_operator,
        });
    }

    /// A TJ array: each glyph's two-byte code in hex, then its kern unless it is 0.
    fn glyphs(&mut self, glyphs: &[Codepoint]) {
        self.bytes.push(b'[');
        for glyph in glyphs {
            write_glyph_code(&mut self.bytes, glyph.gid);
            if glyph.offset != 0.0 {
                write_number(&mut self.bytes, glyph.offset);
            }
        }
        self.bytes.extend_from_slice(b"] ");
    }

    /// The stream flate-compressed at [`FLATE_LEVEL`](super::document::FLATE_LEVEL), or as it
    /// is when that is not smaller; `true` when compressed.
    pub(super) fn finish(self) -> (Vec<u8>, bool) {
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(self.bytes.len() / 3),
            flate2::Compression::new(super::document::FLATE_LEVEL),
        );
        match encoder
            .write_all(&self.bytes)
            .and_then(|()| encoder.finish())
        {
            Ok(mut compressed) if compressed.len() < self.bytes.len() => {
                compressed.shrink_to_fit();
                (compressed, true)
            }
            _ => (self.bytes, false),
        }
    }
}

/// A number as PDF text: the shortest decimal that reads back as the same `f32` (as lopdf
/// writes reals), no exponent. Coordinates are whole hundredths of a point (`pdf_point`) and
/// are written without the float formatter, which costs a third of a card export otherwise.
fn write_number(out: &mut Vec<u8>, number: f32) {
    let number = pdf_number(number);
    let hundredths = (number * 100.0).round();
    if hundredths.abs() < 1.0e9 && hundredths / 100.0 == number {
        let hundredths = hundredths as i64;
        if hundredths < 0 {
            out.push(b'-');
        }
        let hundredths = hundredths.unsigned_abs();
        write_digits(out, hundredths / 100);
        let fraction = hundredths % 100;
        if fraction != 0 {
            out.push(b'.');
            out.push(b'0' + (fraction / 10) as u8);
            if !fraction.is_multiple_of(10) {
                out.push(b'0' + (fraction % 10) as u8);
            }
        }
    } else {
        let _ = write!(out, "{number}");
    }
}

/// A whole number's decimal digits.
fn write_digits(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

/// A glyph code as `<XXXX>`.
fn write_glyph_code(out: &mut Vec<u8>, code: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'<');
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((code >> shift) & 0xF)]);
    }
    out.push(b'>');
}

/// The glyphs of a run for one TJ: after each glyph, the kern (thousandths of an em, PDF sign)
/// that moves the pen from the end of its advance (the /W width viewers use) to where the
/// layout put the next glyph. Kerns are rounded to 1/100 000 em, against the running rounded
/// pen, so rounding never accumulates. Glyphs are numbered in `used` as they come.
pub(super) fn positioned_glyphs(run: &TextRun, used: &mut UsedFace, face: &Face) -> Vec<Codepoint> {
    let em_mm = crate::units::pt_to_mm(run.size_pt);
    let mut pen_em: f64 = 0.0;
    let mut glyphs = Vec::with_capacity(run.glyphs.len());
    for (index, glyph) in run.glyphs.iter().enumerate() {
        let code = used.code(face, glyph);
        pen_em += code.advance as f64;
        let kern = match run.glyphs.get(index + 1) {
            Some(next) if em_mm > 0.0 => {
                let target_em =
                    f64::from(next.x_mm - run.glyphs[0].x_mm) / f64::from(em_mm) * 1000.0;
                let kern = f64::from(pdf_number(
                    (((pen_em - target_em) * 100.0).round() / 100.0) as f32,
                ));
                pen_em -= kern;
                kern as f32
            }
            _ => 0.0,
        };
        glyphs.push(Codepoint::with_cid(code.code, kern, glyph.ch.to_string()));
    }
    glyphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_the_same_values() {
        for (number, text) in [
            (0.0, "0"),
            (-0.0, "0"),
            (2834.65, "2834.65"),
            (-12.5, "-12.5"),
            (85.04, "85.04"),
            (3.8399997, "3.8399997"),
            (0.7764706, "0.7764706"),
            (1.0e7, "10000000"),
            (f32::NAN, "0"),
        ] {
            let mut out = Vec::new();
            write_number(&mut out, number);
            assert_eq!(String::from_utf8(out).expect("ascii"), text);
        }
        let mut out = Vec::new();
        write_glyph_code(&mut out, 0x4E2D);
        assert_eq!(out, b"<4E2D>");
    }

    #[test]
    fn the_y_axis_flips_in_one_place() {
        let (x, y) = pdf_point(PointMm::new(25.4, 10.0), 297.0);
        assert!((x - 72.0).abs() < 0.001);
        assert!((y - mm_to_pt(287.0)).abs() < 0.01);
    }

    #[test]
    fn numbers_stay_finite_and_within_what_readers_accept() {
        assert_eq!(pdf_number(f32::NAN), 0.0);
        assert_eq!(pdf_number(f32::INFINITY), 0.0);
        assert_eq!(pdf_number(1.8e19), PDF_MAX_ABS);
        assert_eq!(pdf_number(-1.8e19), -PDF_MAX_ABS);
        assert_eq!(pdf_number(595.28), 595.28);
        let (x, y) = pdf_point(PointMm::new(1.8e19, f32::NAN), 297.0);
        assert_eq!((x, y), (PDF_MAX_ABS, 0.0));
        assert_eq!(pdf_length(-1.8e19), -PDF_MAX_ABS);
    }

    #[test]
    fn grey_text_goes_to_k_only_when_asked() {
        assert_eq!(
            pdf_color(Rgb(0, 0, 0), true),
            Color::Cmyk(printpdf::Cmyk::new(0.0, 0.0, 0.0, 1.0, None))
        );
        assert_eq!(
            pdf_color(Rgb(0x21, 0x21, 0x21), true),
            Color::Cmyk(printpdf::Cmyk::new(0.0, 0.0, 0.0, 1.0, None)),
            "the themes' near-black text prints as K100"
        );
        assert_eq!(
            pdf_color(Rgb(0x80, 0x80, 0x80), true),
            Color::Cmyk(printpdf::Cmyk::new(
                0.0,
                0.0,
                0.0,
                1.0 - 128.0 / 255.0,
                None
            ))
        );
        assert!(matches!(pdf_color(Rgb(0, 0, 0), false), Color::Rgb(_)));
        assert!(matches!(pdf_color(Rgb(200, 0, 0), true), Color::Rgb(_)));
    }
}
