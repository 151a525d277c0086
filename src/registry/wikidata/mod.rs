//! Importing actors from Wikidata's entity JSON (`copydesk registry import
//! wikidata`).
//!
//! The input is streamed three times, one entity at a time: pass 1 notes
//! the positions people held (`P39`), pass 2 keeps the labels of those
//! positions, pass 3 turns each person, organisation and place into an
//! [`ImportedActor`] and hands it on. Memory holds one entity, the
//! positions and their labels, never the input; the caller writes each
//! actor as it comes ([`write`]) or merges it into a registry ([`sync`]).

mod entity;
mod forms;
mod map;
mod read;
pub mod sync;
pub mod write;

use std::path::PathBuf;

pub use entity::{Entity, wikidata_date};
pub use forms::derive_forms;
pub use map::{ImportStats, ImportedActor, ImportedRole, Importer, Mapping, PositionMapping, is_item_id};
pub use read::{DOCUMENT_CAP, LINE_CAP, ReadError, for_each_entity};

/// Reads `files` in the passes described above and calls `each` with every
/// actor, in input order. Stops at the first file that cannot be read.
pub fn import(
    files: &[PathBuf],
    importer: &mut Importer,
    mut each: impl FnMut(ImportedActor),
) -> Result<ImportStats, ReadError> {
    for file in files {
        for_each_entity(file, |entity| importer.note_positions(&entity))?;
    }
    for file in files {
        for_each_entity(file, |entity| importer.note_label(&entity))?;
    }
    let mut stats = ImportStats::default();
    for file in files {
        stats.entities += for_each_entity(file, |entity| {
            if let Some(actor) = importer.convert(entity, &mut stats) {
                each(actor);
            }
        })?;
    }
    Ok(stats)
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..crate::position::floor_char_boundary(text, offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests;
