//! 对内 (internal) items stay out of every external export (board, tiles, cards) and appear
//! only in internal register exports. An item is internal when its catalog entry's 公开范围
//! is `Scope::Internal`; items without an entry are external.

use crate::model::{Item, Project, Scope};

/// An item left out of an external export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub item_id: String,
    pub title: String,
}

/// A copy of the project fit for external export, and what was taken out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExternalView {
    pub project: Project,
    /// The internal items removed, in project order.
    pub left_out: Vec<LeftOut>,
}

pub fn is_internal(project: &Project, item: &Item) -> bool {
    project.fields_of(item).scope == Scope::Internal
}

/// The project without its internal items: they are removed from `items` and from every
/// panel, so no renderer can show them.
pub fn external_view(project: &Project) -> ExternalView {
    let mut external = project.clone();
    let (internal, kept): (Vec<Item>, Vec<Item>) = std::mem::take(&mut external.items)
        .into_iter()
        .partition(|item| is_internal(project, item));
    external.items = kept;
    for panel in external
        .boards
        .iter_mut()
        .flat_map(|board| &mut board.panels)
    {
        panel
            .item_ids
            .retain(|item_id| !internal.iter().any(|item| item.id == *item_id));
    }
    let left_out = internal.iter().map(left_out_of).collect();
    ExternalView {
        project: external,
        left_out,
    }
}

/// Splits a list of item ids (a board's, a card run's) into the external ones, kept in order,
/// and the internal ones left out. Ids of missing items are kept: other checks report them.
pub fn split_external(project: &Project, item_ids: &[String]) -> (Vec<String>, Vec<LeftOut>) {
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    for item_id in item_ids {
        match project.item(item_id) {
            Some(item) if is_internal(project, item) => left_out.push(left_out_of(item)),
            _ => kept.push(item_id.clone()),
        }
    }
    (kept, left_out)
}

/// What the export dialog and CLI say about the items left out; None when none was.
pub fn left_out_message(left_out: &[LeftOut]) -> Option<String> {
    if left_out.is_empty() {
        return None;
    }
    let titles: Vec<&str> = left_out.iter().map(|item| item.title.as_str()).collect();
    Some(format!(
        "{} 项对内公开事项未包含在对外导出中：{}。它们只出现在对内表簿中。",
        left_out.len(),
        titles.join("、")
    ))
}

fn left_out_of(item: &Item) -> LeftOut {
    LeftOut {
        item_id: item.id.clone(),
        title: item.title.clone(),
    }
}
