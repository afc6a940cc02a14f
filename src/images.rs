//! Pictures in image blocks (PNG and JPEG): their size read from the header, the limits a
//! picture must keep, decoding for the screen, and the form the PDF embeds.
//!
//! One place reads picture files: layout asks [`probe`] for the aspect ratio, the canvas asks
//! [`decode_for_screen`], the PDF writer asks [`for_pdf`], and the findings list asks
//! [`check_images`] (which decodes each picture once, [`verify`]). Each refuses the same files with the same Chinese message.

use crate::model::{Block, Project};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Larger files are refused before they are read (a phone photo is 3–8 MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// More pixels than this are refused (decoding 100 million pixels takes 400 MB of memory).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Below this many pixels per inch at the printed size a picture looks blurred up close.
pub const MIN_PRINT_DPI: f32 = 100.0;

/// The picture formats a block may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

/// What the header of a picture file says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    pub kind: ImageKind,
    pub width_px: u32,
    pub height_px: u32,
    /// Colour channels of a JPEG (1 grey, 3 colour, 4 CMYK); 0 for PNG (decoded anyway).
    pub jpeg_components: u8,
    /// A JPEG with an Adobe marker: its CMYK values are stored inverted.
    pub jpeg_adobe: bool,
}

/// Why a picture cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("没有选择图片文件")]
    NoPath,
    #[error("找不到图片文件“{0}”")]
    NotFound(String),
    #[error("图片“{path}”无法读取：{reason}")]
    Unreadable { path: String, reason: String },
    #[error("“{0}”不是 PNG 或 JPEG 图片，请另存为 PNG 或 JPG 后再选")]
    Unsupported(String),
    #[error("图片文件“{path}”有 {megabytes} MB，超过 64 MB，请压缩后再用")]
    FileTooLarge { path: String, megabytes: u64 },
    #[error(
        "图片“{0}”在项目文件夹之外：发布时不会存档，项目换到别的电脑也会缺失。请在设计器中重新选择此图片（会复制到项目文件夹的“图片”中）"
    )]
    OutsideProject(String),
    #[error("图片“{path}”有 {width_px}×{height_px} 像素，超过 1 亿像素，请缩小后再用")]
    TooManyPixels {
        path: String,
        width_px: u32,
        height_px: u32,
    },
}

/// The picture file a block names: relative paths start at the project's folder.
pub fn resolve(path: &str, base_dir: Option<&Path>) -> PathBuf {
    match base_dir {
        Some(dir) if Path::new(path).is_relative() => dir.join(path),
        _ => PathBuf::from(path),
    }
}

/// Reads the header of a picture and checks the limits, without decoding it.
pub fn probe(path: &Path) -> Result<ImageInfo, ImageError> {
    let shown = crate::text::quoted(&path.display().to_string());
    if shown.is_empty() {
        return Err(ImageError::NoPath);
    }
    let (file, _) = crate::fileio::open_regular(path, MAX_FILE_BYTES)
        .map_err(|error| read_error(&shown, error))?;
    // The frame header is near the start; large EXIF or ICC blocks before it need more.
    let mut file = file;
    let mut head = Vec::new();
    let mut info = None;
    for limit in [64 * 1024, 512 * 1024] {
        (&mut file)
            .take(limit - head.len() as u64)
            .read_to_end(&mut head)
            .map_err(|error| open_error(&shown, &error))?;
        info = png_info(&head).or_else(|| jpeg_info(&head));
        if info.is_some() || (head.len() as u64) < limit {
            break;
        }
    }
    let info = info.ok_or_else(|| ImageError::Unsupported(shown.clone()))?;
    if u64::from(info.width_px) * u64::from(info.height_px) > MAX_PIXELS {
        return Err(ImageError::TooManyPixels {
            path: shown,
            width_px: info.width_px,
            height_px: info.height_px,
        });
    }
    Ok(info)
}

/// Whether a picture can really be used: [`probe`], then the whole picture decoded (within
/// the same limits), so that a file cut short or damaged is refused here and not printed as a
/// grey box. A JPEG must also end its image data (an EOI marker after its scan): a decoder may
/// fill a cut-off JPEG with grey without an error.
///
/// Results are remembered per file (path, size and modification time), so the findings list
/// can ask after every edit without decoding the pictures again.
pub fn verify(path: &Path) -> Result<ImageInfo, ImageError> {
    let key = verify_key(path);
    if let Some(key) = &key
        && let Some(known) = verified_cache()
            .lock()
            .ok()
            .and_then(|cache| cache.get(key).cloned())
    {
        return known;
    }
    let result = verify_uncached(path);
    if let Some(key) = key
        && let Ok(mut cache) = verified_cache().lock()
    {
        if cache.len() >= VERIFIED_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(key, result.clone());
    }
    result
}

/// Pictures remembered by [`verify`] before the memory is emptied.
const VERIFIED_CACHE_LIMIT: usize = 512;

type VerifyKey = (PathBuf, u64, Option<std::time::SystemTime>);

fn verified_cache()
-> &'static std::sync::Mutex<std::collections::HashMap<VerifyKey, Result<ImageInfo, ImageError>>> {
    static CACHE: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<VerifyKey, Result<ImageInfo, ImageError>>>,
    > = std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// A file's identity for the cache: path, size and modification time (None: not cached).
fn verify_key(path: &Path) -> Option<VerifyKey> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((path.to_path_buf(), metadata.len(), metadata.modified().ok()))
}

fn verify_uncached(path: &Path) -> Result<ImageInfo, ImageError> {
    let info = probe(path)?;
    let shown = crate::text::quoted(&path.display().to_string());
    if info.kind == ImageKind::Jpeg {
        let bytes = read_picture(path, &shown)?;
        if !jpeg_has_end(&bytes) {
            return Err(ImageError::Unreadable {
                path: shown,
                reason: "图片内容不完整（文件可能只复制了一部分）".to_owned(),
            });
        }
    }
    decode(path)?;
    Ok(info)
}

/// Whether a JPEG's image data is complete: after its first top-level scan (SOS) comes an
/// end-of-image marker (FF D9). Entropy-coded data never holds FF D9 otherwise.
fn jpeg_has_end(bytes: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return false;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        if marker == 0xDA {
            return bytes[at..].windows(2).any(|pair| pair == [0xFF, 0xD9]);
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        at += 2 + length;
    }
    false
}

/// A whole picture file, through the one reading path.
fn read_picture(path: &Path, shown: &str) -> Result<Vec<u8>, ImageError> {
    crate::fileio::read_regular(path, MAX_FILE_BYTES).map_err(|error| read_error(shown, error))
}

/// A refusal of the reading path as a picture's error.
fn read_error(shown: &str, error: crate::fileio::ReadError) -> ImageError {
    use crate::fileio::ReadError;
    match error {
        ReadError::Io { kind, .. } => open_error(shown, &std::io::Error::from(kind)),
        ReadError::NotRegular { what, .. } => ImageError::Unreadable {
            path: shown.to_owned(),
            reason: format!("不是普通文件（是{what}）"),
        },
        ReadError::TooLarge { size_bytes, .. } => ImageError::FileTooLarge {
            path: shown.to_owned(),
            megabytes: size_bytes / (1024 * 1024),
        },
    }
}

fn open_error(shown: &str, error: &std::io::Error) -> ImageError {
    match error.kind() {
        std::io::ErrorKind::NotFound => ImageError::NotFound(shown.to_owned()),
        _ => ImageError::Unreadable {
            path: shown.to_owned(),
            reason: crate::model::io_error_zh(error),
        },
    }
}

fn png_info(bytes: &[u8]) -> Option<ImageInfo> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let width_px = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let height_px = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    (width_px > 0 && height_px > 0).then_some(ImageInfo {
        kind: ImageKind::Png,
        width_px,
        height_px,
        jpeg_components: 0,
        jpeg_adobe: false,
    })
}

/// Walks the JPEG markers up to the frame header (SOFn).
fn jpeg_info(bytes: &[u8]) -> Option<ImageInfo> {
    if bytes.len() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 {
        return None;
    }
    let mut adobe = false;
    let mut at = 2;
    while at + 9 < bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if marker == 0xEE && bytes.get(at + 4..at + 9) == Some(b"Adobe".as_slice()) {
            adobe = true;
        }
        let is_frame = matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF);
        if is_frame {
            let height_px = u32::from(u16::from_be_bytes([bytes[at + 5], bytes[at + 6]]));
            let width_px = u32::from(u16::from_be_bytes([bytes[at + 7], bytes[at + 8]]));
            let components = bytes[at + 9];
            return (width_px > 0 && height_px > 0 && matches!(components, 1 | 3 | 4)).then_some(
                ImageInfo {
                    kind: ImageKind::Jpeg,
                    width_px,
                    height_px,
                    jpeg_components: components,
                    jpeg_adobe: adobe,
                },
            );
        }
        at += 2 + length;
    }
    None
}

/// Pixels for the screen: RGBA, 8 bits per channel, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScreenImage {
    pub width_px: u32,
    pub height_px: u32,
    pub rgba: Vec<u8>,
}

/// Decodes a picture for the canvas, shrunk so neither side exceeds `max_side_px` (the canvas
/// never needs a board photo at full resolution, and textures cost memory).
pub fn decode_for_screen(path: &Path, max_side_px: u32) -> Result<ScreenImage, ImageError> {
    let picture = decode(path)?;
    let picture = if picture.width().max(picture.height()) > max_side_px {
        picture.thumbnail(max_side_px, max_side_px)
    } else {
        picture
    };
    let rgba = picture.to_rgba8();
    Ok(ScreenImage {
        width_px: rgba.width(),
        height_px: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

fn decode(path: &Path) -> Result<image::DynamicImage, ImageError> {
    let info = probe(path)?;
    let shown = crate::text::quoted(&path.display().to_string());
    let bytes = read_picture(path, &shown)?;
    let format = match info.kind {
        ImageKind::Png => image::ImageFormat::Png,
        ImageKind::Jpeg => image::ImageFormat::Jpeg,
    };
    image::load_from_memory_with_format(&bytes, format).map_err(|error| ImageError::Unreadable {
        path: shown,
        reason: format!("图片内容已损坏或不完整（{error}）"),
    })
}

/// The colour space of an embedded picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfColorSpace {
    Gray,
    Rgb,
    /// CMYK; `inverted` for Adobe JPEGs (PDF reads them through a /Decode [1 0 …] array).
    Cmyk {
        inverted: bool,
    },
}

impl PdfColorSpace {
    pub fn pdf_name(self) -> &'static str {
        match self {
            PdfColorSpace::Gray => "DeviceGray",
            PdfColorSpace::Rgb => "DeviceRGB",
            PdfColorSpace::Cmyk { .. } => "DeviceCMYK",
        }
    }
}

/// A picture ready to embed in a PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfImage {
    pub width_px: u32,
    pub height_px: u32,
    pub color_space: PdfColorSpace,
    /// JPEG files are embedded as they are (/DCTDecode): no quality lost, no size gained.
    /// PNG files are decoded to 8-bit samples (the writer compresses them).
    pub data: PdfImageData,
    /// Transparency of a PNG as 8-bit grey samples (an /SMask), if any pixel is not opaque.
    pub alpha: Option<Vec<u8>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfImageData {
    Jpeg(Vec<u8>),
    Samples(Vec<u8>),
}

/// Reads a picture in the form a PDF embeds.
pub fn for_pdf(path: &Path) -> Result<PdfImage, ImageError> {
    let info = probe(path)?;
    let shown = crate::text::quoted(&path.display().to_string());
    match info.kind {
        ImageKind::Jpeg => {
            let bytes = read_picture(path, &shown)?;
            let color_space = match info.jpeg_components {
                1 => PdfColorSpace::Gray,
                4 => PdfColorSpace::Cmyk {
                    inverted: info.jpeg_adobe,
                },
                _ => PdfColorSpace::Rgb,
            };
            Ok(PdfImage {
                width_px: info.width_px,
                height_px: info.height_px,
                color_space,
                data: PdfImageData::Jpeg(bytes),
                alpha: None,
            })
        }
        ImageKind::Png => Ok(png_for_pdf(decode(path)?)),
    }
}

fn png_for_pdf(picture: image::DynamicImage) -> PdfImage {
    let (width_px, height_px) = (picture.width(), picture.height());
    let alpha = picture.color().has_alpha().then(|| {
        let alpha: Vec<u8> = picture
            .to_rgba8()
            .pixels()
            .map(|pixel| pixel.0[3])
            .collect();
        alpha
    });
    let alpha = alpha.filter(|alpha| alpha.iter().any(|value| *value < 255));
    let (color_space, samples) = if picture.color().has_color() {
        (PdfColorSpace::Rgb, picture.to_rgb8().into_raw())
    } else {
        (PdfColorSpace::Gray, picture.to_luma8().into_raw())
    };
    PdfImage {
        width_px,
        height_px,
        color_space,
        data: PdfImageData::Samples(samples),
        alpha,
    }
}

/// The resolution of a picture printed `printed_width_mm` wide, in pixels per inch.
pub fn print_dpi(width_px: u32, printed_width_mm: f32) -> f32 {
    if printed_width_mm <= 0.0 {
        return 0.0;
    }
    width_px as f32 / (printed_width_mm / 25.4)
}

/// A picture of an item that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageProblem {
    pub item_id: String,
    pub item_title: String,
    pub error: ImageError,
}

impl ImageProblem {
    pub fn message(&self) -> String {
        format!(
            "“{}”的图片用不了：{}。印出来会是一个写着“图片无法读取”的灰框。",
            crate::text::quoted(&self.item_title),
            self.error
        )
    }
}

/// Every image block of every item whose picture cannot be used ([`verify`]: missing,
/// refused, or damaged); a block without a picture yet takes no room and is not a problem.
pub fn check_images(project: &Project, base_dir: Option<&Path>) -> Vec<ImageProblem> {
    let mut problems = Vec::new();
    for item in &project.items {
        for block in &item.blocks {
            if let Block::Image { path, .. } = block
                && !path.trim().is_empty()
                && let Err(error) = verify(&resolve(path, base_dir)).and_then(|_| {
                    match base_dir.map(|base| inside_folder(path, base)) {
                        Some(None) => Err(ImageError::OutsideProject(crate::text::quoted(path))),
                        _ => Ok(()),
                    }
                })
            {
                problems.push(ImageProblem {
                    item_id: item.id.clone(),
                    item_title: item.title.clone(),
                    error,
                });
            }
        }
    }
    problems
}

/// Each picture file of the project's image blocks with its size and modification time (None:
/// not there): a cheap look that tells when a picture was put in place, replaced or removed,
/// so that [`check_images`] is worth running again.
pub fn picture_stamps(
    project: &Project,
    base_dir: Option<&Path>,
) -> Vec<(std::path::PathBuf, Option<(u64, std::time::SystemTime)>)> {
    project
        .items
        .iter()
        .flat_map(|item| &item.blocks)
        .filter_map(|block| match block {
            Block::Image { path, .. } if !path.trim().is_empty() => {
                let file = resolve(path, base_dir);
                let stamp = std::fs::metadata(&file)
                    .ok()
                    .and_then(|meta| Some((meta.len(), meta.modified().ok()?)));
                Some((file, stamp))
            }
            _ => None,
        })
        .collect()
}

/// The kind of picture `bytes` hold, by their first bytes (None: not a PNG or JPEG).
pub fn picture_kind(bytes: &[u8]) -> Option<ImageKind> {
    png_info(bytes)
        .or_else(|| jpeg_info(bytes))
        .map(|info| info.kind)
}

/// Where a block's picture lies relative to the project's folder `base_dir`: its path inside
/// the folder with "/" separators, or None when it lies outside (an absolute path elsewhere,
/// "..", or a link that leads out).
pub fn inside_folder(block_path: &str, base_dir: &Path) -> Option<String> {
    // A project named without a folder ("x.gongkai.json") lies in the working folder.
    let base_dir = if base_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base_dir
    };
    let base = std::path::absolute(base_dir).ok()?;
    let resolved = std::path::absolute(resolve(block_path, Some(&base))).ok()?;
    let relative = resolved.strip_prefix(&base).ok()?;
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            std::path::Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    if parts.is_empty() {
        return None;
    }
    // A link inside the folder may lead out of it: the real places decide.
    if let (Ok(real), Ok(real_base)) = (resolved.canonicalize(), base.canonicalize())
        && !real.starts_with(&real_base)
    {
        return None;
    }
    Some(parts.join("/"))
}

/// The folder of the project where the designer copies pictures chosen from elsewhere.
pub const PICTURE_FOLDER: &str = "图片";

/// A picture the clerk chose in the designer, made part of the project: one inside the
/// project's folder stays where it is; one from elsewhere is copied (through the one reading
/// path, checked to be a PNG or JPEG) into `<project folder>/图片/`, under a free name. Returns
/// the path to store in the block (relative to the project's folder).
pub fn copy_into_project(chosen: &Path, project_dir: &Path) -> Result<String, ImageError> {
    let chosen_text = chosen.display().to_string();
    if let Some(inside) = inside_folder(&chosen_text, project_dir) {
        return Ok(inside);
    }
    let shown = crate::text::quoted(&chosen_text);
    probe(chosen)?;
    let bytes = read_picture(chosen, &shown)?;
    if picture_kind(&bytes).is_none() {
        return Err(ImageError::Unsupported(shown));
    }
    let folder = project_dir.join(PICTURE_FOLDER);
    let stem = chosen
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "图片".to_owned());
    let extension = chosen
        .extension()
        .map(|extension| format!(".{}", extension.to_string_lossy()))
        .unwrap_or_default();
    let unwritable = |reason: String| ImageError::Unreadable {
        path: shown.clone(),
        reason: format!("无法复制到项目文件夹（{reason}）"),
    };
    std::fs::create_dir_all(&folder)
        .map_err(|error| unwritable(crate::fileio::io_error_zh(&error)))?;
    for number in 1..10_000 {
        let name = match number {
            1 => format!("{stem}{extension}"),
            _ => format!("{stem}-{number}{extension}"),
        };
        let target = folder.join(&name);
        let same = crate::fileio::read_regular(&target, MAX_FILE_BYTES)
            .is_ok_and(|existing| existing == bytes);
        if !same && target.exists() {
            continue;
        }
        if !same {
            crate::fileio::write_atomically(&target, &bytes, false)
                .map_err(|error| unwritable(error.reason()))?;
        }
        return Ok(format!("{PICTURE_FOLDER}/{name}"));
    }
    Err(unwritable("同名文件太多".to_owned()))
}

/// The path to store in a block for a picture the user chose: relative to the project's
/// folder when the picture is inside it (the folder can then be copied whole to another
/// computer), absolute otherwise.
pub fn path_for_block(chosen: &Path, base_dir: Option<&Path>) -> String {
    let chosen = std::path::absolute(chosen).unwrap_or_else(|_| chosen.to_path_buf());
    let relative = base_dir
        .filter(|dir| dir.is_absolute())
        .and_then(|dir| chosen.strip_prefix(dir).ok());
    match relative {
        Some(relative) => relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        None => chosen.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_png(dir: &Path, name: &str, width: u32, height: u32, alpha: u8) -> PathBuf {
        let path = dir.join(name);
        let picture = image::RgbaImage::from_fn(width, height, |x, _| {
            image::Rgba([(x * 255 / width.max(1)) as u8, 40, 200, alpha])
        });
        picture.save(&path).expect("write png");
        path
    }

    fn write_jpeg(dir: &Path, name: &str, width: u32, height: u32) -> PathBuf {
        let path = dir.join(name);
        let picture = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        picture.save(&path).expect("write jpeg");
        path
    }

    #[test]
    fn probe_reads_png_and_jpeg_sizes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let png = write_png(dir.path(), "a.png", 40, 30, 255);
        let jpeg = write_jpeg(dir.path(), "b.jpg", 64, 48);
        let png_info = probe(&png).expect("png");
        assert_eq!(
            (png_info.kind, png_info.width_px, png_info.height_px),
            (ImageKind::Png, 40, 30)
        );
        let jpeg_info = probe(&jpeg).expect("jpeg");
        assert_eq!(
            (
                jpeg_info.kind,
                jpeg_info.width_px,
                jpeg_info.height_px,
                jpeg_info.jpeg_components
            ),
            (ImageKind::Jpeg, 64, 48, 3)
        );
    }

    #[test]
    fn probe_refuses_missing_other_and_huge_pictures() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(matches!(
            probe(&dir.path().join("nope.png")),
            Err(ImageError::NotFound(_))
        ));
        let text = dir.path().join("notes.png");
        std::fs::write(&text, "这不是图片").expect("write");
        let error = probe(&text).expect_err("text is no picture");
        assert!(error.to_string().contains("不是 PNG 或 JPEG"), "{error}");
        // A PNG header claiming 20000×20000 pixels.
        let mut header = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        header.extend(20_000u32.to_be_bytes());
        header.extend(20_000u32.to_be_bytes());
        header.extend([8, 6, 0, 0, 0]);
        let huge = dir.path().join("huge.png");
        std::fs::write(&huge, header).expect("write");
        let error = probe(&huge).expect_err("too many pixels");
        assert!(error.to_string().contains("20000×20000"), "{error}");
        assert!(decode_for_screen(&huge, 512).is_err());
    }

    #[test]
    fn screen_copy_is_shrunk_to_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let png = write_png(dir.path(), "wide.png", 800, 200, 255);
        let screen = decode_for_screen(&png, 400).expect("decode");
        assert_eq!((screen.width_px, screen.height_px), (400, 100));
        assert_eq!(screen.rgba.len(), 400 * 100 * 4);
    }

    #[test]
    fn jpeg_is_embedded_unchanged_and_png_keeps_its_transparency() {
        let dir = tempfile::tempdir().expect("temp dir");
        let jpeg = write_jpeg(dir.path(), "photo.jpg", 32, 16);
        let embedded = for_pdf(&jpeg).expect("jpeg");
        let bytes = std::fs::read(&jpeg).expect("read");
        assert_eq!(embedded.data, PdfImageData::Jpeg(bytes));
        assert_eq!(embedded.color_space, PdfColorSpace::Rgb);

        let opaque = for_pdf(&write_png(dir.path(), "opaque.png", 10, 5, 255)).expect("png");
        assert_eq!(opaque.alpha, None);
        assert!(
            matches!(&opaque.data, PdfImageData::Samples(samples) if samples.len() == 10 * 5 * 3)
        );
        let see_through = for_pdf(&write_png(dir.path(), "glass.png", 10, 5, 128)).expect("png");
        assert_eq!(see_through.alpha.as_deref().map(<[u8]>::len), Some(50));
    }

    #[test]
    fn paths_inside_the_project_folder_are_stored_relative() {
        let base = Path::new("/home/clerk/公开栏");
        assert_eq!(
            path_for_block(&base.join("图片").join("村委会.jpg"), Some(base)),
            "图片/村委会.jpg"
        );
        assert_eq!(
            path_for_block(Path::new("/tmp/x.png"), Some(base)),
            "/tmp/x.png"
        );
        // A project opened by a relative name has the folder "": never "//tmp/x.png".
        assert_eq!(
            path_for_block(Path::new("/tmp/x.png"), Some(Path::new(""))),
            "/tmp/x.png"
        );
        assert_eq!(
            resolve("图片/村委会.jpg", Some(base)),
            base.join("图片/村委会.jpg")
        );
        assert_eq!(print_dpi(1000, 254.0), 100.0);
    }
}
