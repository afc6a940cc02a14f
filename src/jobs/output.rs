//! THE writer of every output file (PDF, PNG, county CSV): the guard of
//! [`crate::fileio::check_output`] with the files of the project it must never replace, then
//! an atomic write. The command line and the app call this and nothing else to write one.

use crate::fileio::write::Protected;
use crate::fileio::{OutputKind, WriteError, WriteRefused, check_output, write_atomically};
use crate::model::{Block, Project};
use std::path::{Path, PathBuf};

/// Why an output was not written, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    #[error("{0}")]
    Refused(#[from] WriteRefused),
    #[error("{0}")]
    Failed(#[from] WriteError),
}

/// The files an output must never replace: the project file, its `.bak`, its linked sources
/// and its pictures (relative paths from the project's folder).
pub fn protected_files(
    project: Option<&Project>,
    project_path: Option<&Path>,
) -> Vec<(PathBuf, Protected)> {
    let mut files = Vec::new();
    let base = project_path.and_then(Path::parent);
    if let Some(path) = project_path {
        files.push((path.to_owned(), Protected::Project));
        let mut backup = path.as_os_str().to_owned();
        backup.push(".bak");
        files.push((PathBuf::from(backup), Protected::Backup));
    }
    let Some(project) = project else {
        return files;
    };
    for source in &project.sources {
        files.push((
            crate::images::resolve(&source.path, base),
            Protected::Source,
        ));
    }
    for item in &project.items {
        for block in &item.blocks {
            if let Block::Image { path, .. } = block
                && !path.trim().is_empty()
            {
                files.push((crate::images::resolve(path, base), Protected::Picture));
            }
        }
    }
    files
}

/// Writes an output of `kind` to `output` when the guard allows it. `extra` adds files of this
/// run that must not be replaced either (a one-off list given with `--data`).
pub fn write_output(
    output: &Path,
    bytes: &[u8],
    kind: OutputKind,
    project: Option<&Project>,
    project_path: Option<&Path>,
    extra: &[PathBuf],
) -> Result<(), OutputError> {
    let mut protected = protected_files(project, project_path);
    protected.extend(extra.iter().map(|path| (path.clone(), Protected::Source)));
    check_output(output, kind, &protected)?;
    Ok(write_atomically(output, bytes, false)?)
}
