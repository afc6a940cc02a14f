//! The pictures of image blocks as egui textures, decoded once per file version and shrunk to
//! what a screen can show.

use crate::images::decode_for_screen;
use eframe::egui;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Longest side of a picture's texture: enough for a full-screen view of one panel.
const MAX_TEXTURE_SIDE_PX: u32 = 1024;

/// Textures by file; a file changed on disk is decoded again.
#[derive(Default)]
pub struct ScreenImages {
    loaded: RefCell<HashMap<PathBuf, Loaded>>,
    /// A picture already shown changed on disk (replaced, deleted, or put in place).
    changed_on_disk: Cell<bool>,
}

struct Loaded {
    modified: Option<SystemTime>,
    texture: Result<egui::TextureHandle, String>,
}

impl ScreenImages {
    /// Whether a picture shown before changed on disk since the last call: the layout (which
    /// read its size) and the findings (which said whether it can be used) are then stale.
    pub fn take_changed_on_disk(&self) -> bool {
        self.changed_on_disk.replace(false)
    }

    /// The texture of a picture, or why it cannot be shown.
    pub fn texture(&self, ctx: &egui::Context, path: &Path) -> Result<egui::TextureHandle, String> {
        let modified = std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .ok();
        let mut loaded = self.loaded.borrow_mut();
        if let Some(known) = loaded.get(path) {
            if known.modified == modified {
                return known.texture.clone();
            }
            self.changed_on_disk.set(true);
        }
        let texture = decode_for_screen(path, MAX_TEXTURE_SIDE_PX)
            .map(|picture| {
                let pixels = egui::ColorImage::from_rgba_unmultiplied(
                    [picture.width_px as usize, picture.height_px as usize],
                    &picture.rgba,
                );
                ctx.load_texture(
                    format!("picture:{}", path.display()),
                    pixels,
                    egui::TextureOptions::LINEAR,
                )
            })
            .map_err(|error| error.to_string());
        loaded.insert(
            path.to_path_buf(),
            Loaded {
                modified,
                texture: texture.clone(),
            },
        );
        texture
    }
}
