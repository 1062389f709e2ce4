//! Mapping the columns: the header found and mapped by `columns::detect`, then the
//! mapping the user confirmed for files of the same layout, remembered by the store.

use super::*;
use crate::sheets::columns::{self, ImportKind, Mapping};
use crate::store::{Store, StoreError};

/// Finds the header and maps the columns; a mapping the user confirmed for files of the
/// same layout is used instead of the guess.
pub fn prepare(store: &Store, source: &Source, kind: ImportKind) -> Result<Mapping, ImportError> {
    let mut mapping = columns::detect(&source.book, kind).map_err(ImportError::Header)?;
    if let Some(json) = store.remembered_mapping(kind.code(), &mapping.layout())?
        && let Ok(fields) = serde_json::from_str::<Vec<Option<String>>>(&json)
        && fields.len() == mapping.fields.len()
    {
        mapping.fields = fields
            .into_iter()
            .map(|f| f.filter(|k| kind.target(k).is_some()))
            .collect();
    }
    Ok(mapping)
}

/// Remembers the mapping for the next file of the same layout.
pub fn remember(store: &mut Store, kind: ImportKind, mapping: &Mapping) -> Result<(), StoreError> {
    let json = serde_json::to_string(&mapping.fields).unwrap_or_default();
    store.remember_mapping(kind.code(), &mapping.layout(), &json)
}
