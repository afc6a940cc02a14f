//! The picture export (手机图片): the board, each panel as a long picture and each household's
//! 明白卡 as PNG (or JPEG) files for the village WeChat group. Composition
//! ([`crate::compose::compose_pictures`]) decides what is drawn and refuses what the PDF export
//! refuses; [`crate::raster`] draws; this job names, encodes and writes — each picture written
//! and dropped before the next is drawn, so memory stays flat however many there are. The CLI's
//! `export --mode image` and the app's 导出 → 手机图片… both call it.

use crate::compose::{
    ComposeError, Composed, PictureName, PictureRequest, PictureSheet, compose_pictures,
};
use crate::layout::LayoutEngine;
use crate::model::Project;
use crate::raster::{RasterError, Rasterizer};
use std::path::{Path, PathBuf};

/// WeChat sends a picture up to this size as it is; a bigger one it recompresses.
pub const WECHAT_LIMIT_BYTES: usize = 2 * 1024 * 1024;
/// JPEG quality when none is asked for.
pub const DEFAULT_JPEG_QUALITY: u8 = 90;

/// How pictures are encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureFormat {
    /// Sharp text; the default.
    Png,
    /// Smaller for photos; quality 1–100.
    Jpeg { quality: u8 },
}

impl PictureFormat {
    pub fn extension(self) -> &'static str {
        match self {
            PictureFormat::Png => "png",
            PictureFormat::Jpeg { .. } => "jpg",
        }
    }
}

/// Why no picture (or not every picture) was written.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("{0}")]
    Compose(#[from] ComposeError),
    /// Personal numbers would show in full: never written, `--force` or not.
    #[error("{}", super::export::personal_data_message(.0))]
    PersonalData(Vec<String>),
    /// What stops the PDF export stops the pictures (overflow, missing characters, unreadable
    /// pictures, 【请填写】), unless forced.
    #[error("有 {} 个问题，未写出图片：{}", .0.len(), .0.join("；"))]
    Problems(Vec<String>),
    #[error("{0}")]
    Options(String),
    #[error("{0}")]
    Raster(#[from] RasterError),
    #[error("{0}")]
    Folder(String),
    #[error("{0}")]
    Write(#[from] crate::fileio::WriteError),
    #[error("图片编码失败：{0}")]
    Encode(String),
}

/// One picture drawn, not yet encoded.
pub struct DrawnPicture {
    pub name: PictureName,
    /// The file name it is written under (see [`picture_file_name`]).
    pub file_name: String,
    pub pixmap: tiny_skia::Pixmap,
}

/// One picture written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenPicture {
    pub file_name: String,
    pub width_px: u32,
    pub height_px: u32,
    pub bytes: usize,
}

/// What a picture export wrote and what the clerk should know.
#[derive(Clone, Debug, Default)]
pub struct PicturesExported {
    pub pictures: Vec<WrittenPicture>,
    pub notes: Vec<String>,
    /// Problems written anyway (forced).
    pub problems: Vec<String>,
}

/// The file name of a picture: the one place picture files are named. The board by its name,
/// panels `NN-<栏目>` (`（第1张共2张）` when a panel takes several), cards by 户号 (composition
/// leaves out a 户号 that reads as a personal number) or their place in the 名单.
pub fn picture_file_name(name: &PictureName, format: PictureFormat) -> String {
    let stem = match name {
        PictureName::Board { board_name } => super::file_name_for(board_name),
        PictureName::Panel {
            number,
            title,
            part,
        } => {
            let title = if title.trim().is_empty() {
                "栏目".to_owned()
            } else {
                super::file_name_for(title)
            };
            let part = part.map_or(String::new(), |(this, of)| {
                format!("（第{this}张共{of}张）")
            });
            format!("{number:02}-{title}{part}")
        }
        PictureName::Card {
            household_number: Some(number),
            ..
        } => format!("户号{}", super::file_name_for(number)),
        PictureName::Card {
            household_number: None,
            position,
        } => format!("第{position}户"),
    };
    format!("{stem}.{}", format.extension())
}

/// Which pictures of an export to draw.
pub enum Wanted<'a> {
    All,
    /// Only the pictures with these file names (the app's preview and 复制图片).
    Named(&'a [String]),
    /// None: only the names and what the export would say (the app's list).
    Nothing,
}

/// Composes and draws the pictures of a request, handing each wanted one to `each` as it is
/// drawn (and dropping it after). Nothing is drawn when personal numbers would show, or when
/// there are problems and `force` is off: the error says which. Returns what composition
/// said and every picture's file name, drawn or not.
pub fn draw_pictures(
    engine: &mut LayoutEngine,
    project: &Project,
    request: &PictureRequest,
    force: bool,
    format: PictureFormat,
    wanted: Wanted<'_>,
    each: &mut dyn FnMut(DrawnPicture) -> Result<(), PictureError>,
) -> Result<(Composed, Vec<String>), PictureError> {
    if let Some(problem) = crate::compose::pictures::width_problem(request) {
        return Err(PictureError::Options(problem));
    }
    engine.use_project_fonts(project);
    let fonts = engine.shared_fonts();
    let mut rasterizer = Rasterizer::new(&fonts);
    let placeholders = super::placeholder_problems(project, &request.export_request());
    let mut outcome: Result<(), PictureError> = Ok(());
    let mut used_names: Vec<String> = Vec::new();
    let (mut composed, cleared) =
        compose_pictures(engine, project, request, &mut |checked, batch| {
            if outcome.is_err() || refusal(checked, &placeholders, force).is_some() {
                return;
            }
            for PictureSheet {
                name,
                sheet,
                width_px,
            } in batch
            {
                let file_name = unique(picture_file_name(&name, format), &name, &mut used_names);
                let drawn_wanted = match wanted {
                    Wanted::All => true,
                    Wanted::Named(names) => names.contains(&file_name),
                    Wanted::Nothing => false,
                };
                if !drawn_wanted {
                    continue;
                }
                let drawn = rasterizer
                    .render(&sheet, width_px)
                    .map_err(PictureError::from)
                    .and_then(|mut pixmaps| {
                        let pixmap = pixmaps
                            .pop()
                            .ok_or(PictureError::Raster(RasterError::EmptySheet))?;
                        each(DrawnPicture {
                            name,
                            file_name,
                            pixmap,
                        })
                    });
                if let Err(error) = drawn {
                    outcome = Err(error);
                    return;
                }
            }
        })?;
    composed.problems.extend(placeholders.iter().cloned());
    let cleared = cleared.map_err(|refusal| PictureError::PersonalData(refusal.places))?;
    composed.notes.extend(cleared.notes);
    if let Some(error) = refusal(&composed, &[], force) {
        return Err(error);
    }
    outcome?;
    Ok((composed, used_names))
}

/// What a picture export would write and say, without drawing: the file names, and the
/// refusal if there is one (the app's preview).
pub fn list_pictures(
    engine: &mut LayoutEngine,
    project: &Project,
    request: &PictureRequest,
    force: bool,
    format: PictureFormat,
) -> Result<(Composed, Vec<String>), PictureError> {
    draw_pictures(
        engine,
        project,
        request,
        force,
        format,
        Wanted::Nothing,
        &mut |_| Ok(()),
    )
}

/// A name already given in this export gets the picture's place in the 名单 added (two
/// households with the same 户号).
fn unique(file_name: String, name: &PictureName, used: &mut Vec<String>) -> String {
    let file_name = if used.contains(&file_name) {
        let position = match name {
            PictureName::Card { position, .. } => *position,
            PictureName::Panel { number, .. } => *number,
            PictureName::Board { .. } => used.len() + 1,
        };
        match file_name.rsplit_once('.') {
            Some((stem, extension)) => format!("{stem}-{position}.{extension}"),
            None => format!("{file_name}-{position}"),
        }
    } else {
        file_name
    };
    used.push(file_name.clone());
    file_name
}

/// What stops the pictures: personal numbers always; problems unless forced.
fn refusal(composed: &Composed, more: &[String], force: bool) -> Option<PictureError> {
    if !composed.personal_data.is_empty() {
        return Some(PictureError::PersonalData(
            composed
                .personal_data
                .iter()
                .map(|finding| finding.message.clone())
                .collect(),
        ));
    }
    let problems: Vec<String> = composed.problems.iter().chain(more).cloned().collect();
    (!problems.is_empty() && !force).then_some(PictureError::Problems(problems))
}

/// A drawn picture as file bytes: opaque RGB (the paper is white) as PNG or JPEG. PNG is
/// compressed fast first; a picture that comes out over WeChat's 2 MB is compressed again
/// harder (zlib level 6 halves a text-heavy board), so speed is paid only where size matters.
pub fn encode(pixmap: &tiny_skia::Pixmap, format: PictureFormat) -> Result<Vec<u8>, PictureError> {
    use image::codecs::png::CompressionType;
    let rgb: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|pixel| [pixel.red(), pixel.green(), pixel.blue()])
        .collect();
    let (width, height) = (pixmap.width(), pixmap.height());
    match format {
        PictureFormat::Png => {
            let fast = encode_png(&rgb, width, height, CompressionType::Fast)?;
            if fast.len() <= WECHAT_LIMIT_BYTES {
                return Ok(fast);
            }
            let harder = encode_png(&rgb, width, height, CompressionType::Level(6))?;
            Ok(if harder.len() < fast.len() {
                harder
            } else {
                fast
            })
        }
        PictureFormat::Jpeg { quality } => {
            use image::ImageEncoder;
            let mut bytes = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality.clamp(1, 100))
                .write_image(&rgb, width, height, image::ExtendedColorType::Rgb8)
                .map_err(|error| PictureError::Encode(error.to_string()))?;
            Ok(bytes)
        }
    }
}

fn encode_png(
    rgb: &[u8],
    width: u32,
    height: u32,
    compression: image::codecs::png::CompressionType,
) -> Result<Vec<u8>, PictureError> {
    use image::ImageEncoder;
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut bytes,
        compression,
        image::codecs::png::FilterType::Adaptive,
    )
    .write_image(rgb, width, height, image::ExtendedColorType::Rgb8)
    .map_err(|error| PictureError::Encode(error.to_string()))?;
    Ok(bytes)
}

/// The folder pictures go into: made if missing; refused when it is a file.
pub fn picture_folder(out_dir: &Path) -> Result<PathBuf, PictureError> {
    if out_dir.is_file() {
        return Err(PictureError::Folder(format!(
            "{} 是一个文件，不是文件夹。导出图片时 -o 要给一个文件夹（没有会自动新建），图片按公开栏、栏目或户号命名写在里面。",
            out_dir.display()
        )));
    }
    std::fs::create_dir_all(out_dir).map_err(|error| {
        PictureError::Folder(format!(
            "无法建立文件夹 {}：{}。",
            out_dir.display(),
            crate::model::io_error_zh(&error)
        ))
    })?;
    Ok(out_dir.to_owned())
}

/// Draws, encodes and writes the pictures of a request into `out_dir`, one at a time.
pub fn export_pictures(
    engine: &mut LayoutEngine,
    project: &Project,
    request: &PictureRequest,
    format: PictureFormat,
    force: bool,
    out_dir: &Path,
) -> Result<PicturesExported, PictureError> {
    let folder = picture_folder(out_dir)?;
    // Drawing on this thread, encoding and writing on a second (two cores): one picture waits
    // between them at most, so memory holds two pictures however many there are.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(String, tiny_skia::Pixmap)>(1);
    let (drawn, written) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| -> Result<Vec<WrittenPicture>, PictureError> {
            let mut pictures = Vec::new();
            for (file_name, pixmap) in receiver {
                pictures.push(write_picture(&folder, file_name, &pixmap, format)?);
            }
            Ok(pictures)
        });
        let drawn = draw_pictures(
            engine,
            project,
            request,
            force,
            format,
            Wanted::All,
            &mut |drawn| {
                sender
                    .send((drawn.file_name, drawn.pixmap))
                    .map_err(|_| PictureError::Encode("写图片的线程意外停止".to_owned()))
            },
        );
        drop(sender);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(PictureError::Encode("写图片的线程意外停止".to_owned())));
        (drawn, written)
    });
    // A write error says more than the drawing side's "the writer stopped".
    let pictures = written?;
    let (composed, _) = drawn?;
    let mut notes = composed.notes;
    notes.extend(size_notes(&pictures, format));
    Ok(PicturesExported {
        pictures,
        notes,
        problems: composed.problems,
    })
}

/// Encodes one picture and writes it atomically into the folder.
fn write_picture(
    folder: &Path,
    file_name: String,
    pixmap: &tiny_skia::Pixmap,
    format: PictureFormat,
) -> Result<WrittenPicture, PictureError> {
    let bytes = encode(pixmap, format)?;
    let path = folder.join(&file_name);
    crate::model::write_atomically(&path, &bytes, false)?;
    Ok(WrittenPicture {
        file_name,
        width_px: pixmap.width(),
        height_px: pixmap.height(),
        bytes: bytes.len(),
    })
}

/// Pictures over WeChat's 2 MB, said with what to do.
pub fn size_notes(pictures: &[WrittenPicture], format: PictureFormat) -> Vec<String> {
    pictures
        .iter()
        .filter(|picture| picture.bytes > WECHAT_LIMIT_BYTES)
        .map(|picture| {
            let advice = match format {
                PictureFormat::Png => "可减小宽度，或改用 JPEG",
                PictureFormat::Jpeg { .. } => "可减小宽度或降低 JPEG 质量",
            };
            format!(
                "图片 {} 有 {:.1} MB，超过 2 MB，微信发送时会压缩变糊；{advice}。",
                picture.file_name,
                picture.bytes as f64 / 1024.0 / 1024.0
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_named_after_board_panel_and_household() {
        let png = PictureFormat::Png;
        assert_eq!(
            picture_file_name(
                &PictureName::Board {
                    board_name: "东湾村/村务公开栏".into()
                },
                png
            ),
            "东湾村_村务公开栏.png"
        );
        assert_eq!(
            picture_file_name(
                &PictureName::Panel {
                    number: 3,
                    title: "财务公开".into(),
                    part: Some((1, 2))
                },
                PictureFormat::Jpeg { quality: 80 }
            ),
            "03-财务公开（第1张共2张）.jpg"
        );
        assert_eq!(
            picture_file_name(
                &PictureName::Card {
                    household_number: Some("0101".into()),
                    position: 1
                },
                png
            ),
            "户号0101.png"
        );
        assert_eq!(
            picture_file_name(
                &PictureName::Card {
                    household_number: None,
                    position: 7
                },
                png
            ),
            "第7户.png"
        );
    }

    #[test]
    fn a_name_given_twice_gets_the_household_s_place() {
        let mut used = Vec::new();
        let name = |position| PictureName::Card {
            household_number: Some("0101".into()),
            position,
        };
        assert_eq!(
            unique("户号0101.png".into(), &name(1), &mut used),
            "户号0101.png"
        );
        assert_eq!(
            unique("户号0101.png".into(), &name(2), &mut used),
            "户号0101-2.png"
        );
    }
}
