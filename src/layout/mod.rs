//! Layout: model → pages of positioned glyphs, rectangles and lines, in millimetres.
//! (The engine itself is built in the layout issue; `frame` is the contract with renderers.)

mod frame;

pub use frame::{FrameItem, Page, PlacedGlyph, PointMm, Stroke, TextRun};
