//! Pages placed more than once (a board on the overview and on every tile) are drawn once each,
//! as a Form XObject (ISO 32000 8.10), and each placement shows it with clip + `cm` + `Do`, as
//! poster tools do: a board on 989 tiles costs one board, not 989.
//!
//! `paint` writes each form's content like a sheet's; [`assemble_pages`] adds the forms to the
//! document printpdf wrote, with the sheets' content.

use super::paint::pdf_box;
use crate::compose::Sheet;
use crate::layout::Page;
use crate::model::{RectMm, SizeMm};
use printpdf::XObjectId;
use printpdf_lopdf::{Dictionary, Object, ObjectId, Stream};
use std::collections::HashMap;
use std::rc::Rc;

/// The pages drawn as forms, each with its XObject name, and each form's painted content, in
/// order of first placement. The forms' pages are kept alive: a page is known by its address,
/// which no later page can take while it lives (sheets come in batches, see `PdfWriter`).
#[derive(Default)]
pub(super) struct Forms {
    pages: Vec<Rc<Page>>,
    names: HashMap<*const Page, XObjectId>,
    /// Each form's size and content, by index (see [`form_name`]).
    pub(super) painted: Vec<(SizeMm, Painted)>,
}

impl Forms {
    /// The form that draws `page`, if it is one.
    pub(super) fn get(&self, page: &Rc<Page>) -> Option<&XObjectId> {
        self.names.get(&Rc::as_ptr(page))
    }

    /// Makes a form of each page placed at least twice on `sheets` (the same `Rc`) that is
    /// not one yet; returns those pages, to be painted, in order of first placement.
    pub(super) fn add_repeated(&mut self, sheets: &[Sheet]) -> Vec<Rc<Page>> {
        let mut placements: HashMap<*const Page, usize> = HashMap::new();
        let mut order = Vec::new();
        for placement in sheets.iter().flat_map(|sheet| &sheet.placements) {
            let count = placements.entry(Rc::as_ptr(&placement.page)).or_insert(0);
            if *count == 0 {
                order.push(Rc::clone(&placement.page));
            }
            *count += 1;
        }
        let mut added = Vec::new();
        for page in order {
            let key = Rc::as_ptr(&page);
            if placements.get(&key).is_some_and(|count| *count > 1)
                && !self.names.contains_key(&key)
            {
                let name = XObjectId(form_name(self.pages.len()));
                self.names.insert(key, name);
                self.pages.push(Rc::clone(&page));
                added.push(page);
            }
        }
        added
    }
}

/// The XObject name of the form at `index`.
pub(super) fn form_name(index: usize) -> String {
    format!("GKform{index}")
}

/// A painted content stream (see `paint::Content::finish`): its bytes and whether they are
/// flate-compressed.
pub(super) type Painted = (Vec<u8>, bool);

fn stream(mut dict: Dictionary, (bytes, compressed): Painted) -> Object {
    if compressed {
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    }
    Object::Stream(Stream::new(dict, bytes).with_compression(false))
}

/// Puts the painted content into the document printpdf wrote with empty pages: each sheet's
/// stream becomes its page's /Contents; each form becomes a form XObject named by
/// [`form_name`] in the resources every page shares. Returns the /Font resource dictionary
/// every page shares (for `font_embed::add_fonts`), if there is a page.
pub(super) fn assemble_pages(
    lo: &mut printpdf_lopdf::Document,
    sheets: Vec<Painted>,
    forms: Vec<(SizeMm, Painted)>,
) -> Option<ObjectId> {
    let sheet_pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    for (page_id, painted) in sheet_pages.iter().zip(sheets) {
        let Ok(contents_id) = lo
            .get_dictionary(*page_id)
            .and_then(|page| page.get(b"Contents"))
            .and_then(Object::as_reference)
        else {
            continue;
        };
        lo.objects
            .insert(contents_id, stream(Dictionary::new(), painted));
    }
    if let Some(first) = sheet_pages.first()
        && !forms.is_empty()
        && let Ok(resources) = lo
            .get_dictionary(*first)
            .and_then(|page| page.get(b"Resources"))
            .cloned()
        && let Some(xobjects_id) = shared_xobjects_id(lo, *first)
    {
        let mut names = Vec::new();
        for (index, (size_mm, painted)) in forms.into_iter().enumerate() {
            let bbox = RectMm::new(0.0, 0.0, size_mm.width_mm, size_mm.height_mm);
            let dict = Dictionary::from_iter(vec![
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Form".to_vec())),
                ("BBox", pdf_box(bbox, size_mm.height_mm)),
                ("Resources", resources.clone()),
            ]);
            names.push((form_name(index), lo.add_object(stream(dict, painted))));
        }
        if let Ok(Object::Dictionary(xobjects)) = lo.get_object_mut(xobjects_id) {
            for (name, id) in names {
                xobjects.set(name, Object::Reference(id));
            }
        }
    }
    shared_resource_id(lo, *sheet_pages.first()?, b"Font")
}

/// The XObject resource dictionary printpdf shares between all pages.
fn shared_xobjects_id(lo: &printpdf_lopdf::Document, page_id: ObjectId) -> Option<ObjectId> {
    shared_resource_id(lo, page_id, b"XObject")
}

/// A resource dictionary (/Font, /XObject) printpdf shares between all pages.
fn shared_resource_id(
    lo: &printpdf_lopdf::Document,
    page_id: ObjectId,
    key: &[u8],
) -> Option<ObjectId> {
    let page = lo.get_dictionary(page_id).ok()?;
    let resources: &Dictionary = match page.get(b"Resources").ok()? {
        Object::Reference(id) => lo.get_dictionary(*id).ok()?,
        Object::Dictionary(dict) => dict,
        _ => return None,
    };
    resources.get(key).and_then(Object::as_reference).ok()
}
