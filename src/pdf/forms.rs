//! Pages placed more than once (a board on the overview and on every tile) are drawn once each,
//! as a Form XObject (ISO 32000 8.10), and each placement shows it with clip + `cm` + `Do`, as
//! poster tools do: a board on 989 tiles costs one board, not 989.
//!
//! printpdf serialises content only for pages, so each form is painted as an extra page at the
//! end of the document and [`pages_into_forms`] turns those pages into form XObjects.

use crate::compose::Sheet;
use crate::layout::Page;
use printpdf::XObjectId;
use printpdf_lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// The pages drawn as forms, each with its XObject name, in order of first placement.
#[derive(Default)]
pub(super) struct Forms {
    pub(super) pages: Vec<Rc<Page>>,
    names: HashMap<*const Page, XObjectId>,
}

impl Forms {
    /// The form that draws `page`, if it is one.
    pub(super) fn get(&self, page: &Rc<Page>) -> Option<&XObjectId> {
        self.names.get(&Rc::as_ptr(page))
    }
}

/// The XObject name of the form at `index`.
pub(super) fn form_name(index: usize) -> String {
    format!("GKform{index}")
}

/// The pages placed at least twice on the sheets (the same `Rc`), each once.
pub(super) fn repeated_pages(sheets: &[Sheet]) -> Forms {
    let mut placements: HashMap<*const Page, usize> = HashMap::new();
    let mut order = Vec::new();
    for placement in sheets.iter().flat_map(|sheet| &sheet.placements) {
        let count = placements.entry(Rc::as_ptr(&placement.page)).or_insert(0);
        if *count == 0 {
            order.push(Rc::clone(&placement.page));
        }
        *count += 1;
    }
    let mut forms = Forms::default();
    for page in order {
        if placements
            .get(&Rc::as_ptr(&page))
            .is_some_and(|count| *count > 1)
        {
            let name = XObjectId(form_name(forms.pages.len()));
            forms.names.insert(Rc::as_ptr(&page), name);
            forms.pages.push(page);
        }
    }
    forms
}

/// Turns the last `form_count` pages of the document (the forms painted as pages) into form
/// XObjects named by [`form_name`] in the resources every page shares, and takes them out of
/// the page tree.
pub(super) fn pages_into_forms(lo: &mut printpdf_lopdf::Document, form_count: usize) {
    if form_count == 0 {
        return;
    }
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let sheet_count = pages.len().saturating_sub(form_count);
    let Some(xobjects_id) = pages.first().and_then(|page| shared_xobjects_id(lo, *page)) else {
        return;
    };
    let mut forms = Vec::new();
    for (index, page_id) in pages[sheet_count..].iter().enumerate() {
        let Some(Object::Dictionary(page)) = lo.objects.remove(page_id) else {
            continue;
        };
        let (Ok(contents_id), Ok(media_box), Ok(resources)) = (
            page.get(b"Contents").and_then(Object::as_reference),
            page.get(b"MediaBox"),
            page.get(b"Resources"),
        ) else {
            continue;
        };
        if let Ok(Object::Stream(stream)) = lo.get_object_mut(contents_id) {
            stream.dict.set("Type", Object::Name(b"XObject".to_vec()));
            stream.dict.set("Subtype", Object::Name(b"Form".to_vec()));
            stream.dict.set("BBox", media_box.clone());
            stream.dict.set("Resources", resources.clone());
            forms.push((form_name(index), contents_id));
        }
    }
    if let Ok(Object::Dictionary(xobjects)) = lo.get_object_mut(xobjects_id) {
        for (name, id) in forms {
            xobjects.set(name, Object::Reference(id));
        }
    }
    let kept: Vec<Object> = pages[..sheet_count]
        .iter()
        .map(|id| Object::Reference(*id))
        .collect();
    if let Some(tree) = page_tree_id(lo)
        && let Ok(Object::Dictionary(tree)) = lo.get_object_mut(tree)
    {
        tree.set("Count", Object::Integer(kept.len() as i64));
        tree.set("Kids", Object::Array(kept));
    }
}

/// The XObject resource dictionary printpdf shares between all pages.
fn shared_xobjects_id(lo: &printpdf_lopdf::Document, page_id: ObjectId) -> Option<ObjectId> {
    let page = lo.get_dictionary(page_id).ok()?;
    let resources: &Dictionary = match page.get(b"Resources").ok()? {
        Object::Reference(id) => lo.get_dictionary(*id).ok()?,
        Object::Dictionary(dict) => dict,
        _ => return None,
    };
    resources
        .get(b"XObject")
        .and_then(Object::as_reference)
        .ok()
}

/// The root of the page tree (printpdf writes one level: every page is a kid of the root).
fn page_tree_id(lo: &printpdf_lopdf::Document) -> Option<ObjectId> {
    lo.catalog()
        .ok()?
        .get(b"Pages")
        .and_then(Object::as_reference)
        .ok()
}
