//! Store errors: which file, which record, what to do.

use crate::domain::RecordKind;
use crate::i18n::{Labelled, Lang, Localize};
use crate::store::StoreError;

fn kind(k: &RecordKind) -> String {
    k.label(Lang::En).to_lowercase()
}

pub fn store_error(e: &StoreError) -> String {
    match e {
        StoreError::NotADatabase { path } => format!(
            "{} is not an SQLite database, so SkillBase cannot open it. The file was not changed. Choose a SkillBase database file (.sqlite)",
            path.display()
        ),
        StoreError::ForeignDatabase { path } => format!(
            "{} is another program's SQLite database, not a SkillBase one. The file was not changed",
            path.display()
        ),
        StoreError::NewerSchema { path, found, supported } => format!(
            "{} was written by a newer SkillBase (schema version {found}; this build reads up to {supported}). To protect the data it was neither opened nor changed: upgrade SkillBase to open it",
            path.display()
        ),
        StoreError::NoSuchFolder { path } => format!(
            "the folder {} does not exist, so no database can be made there. Create it first or choose another place",
            path.display()
        ),
        StoreError::NotFound { kind: k, id } => format!("no {} record {id} (it may have been deleted)", kind(k)),
        StoreError::Invalid(verdict) => format!("the record has errors and was not saved:\n{}", verdict.localize(Lang::En)),
        StoreError::MissingReference { kind: k, field, target, id } => format!(
            "{} · {}: the {} record {id} it refers to does not exist or is deleted",
            k.label(Lang::En),
            crate::i18n::field_label(k.code(), field, Lang::En),
            kind(target)
        ),
        StoreError::DuplicatePerson { doc_number, existing_name, .. } => format!(
            "document number {} is already registered as \"{existing_name}\"; a person cannot be registered twice. Open the existing record to change it",
            crate::domain::identity::mask_document_number(doc_number)
        ),
        StoreError::StillReferenced { kind: k, by, count, .. } => format!(
            "this {} record is still referred to by {count} {} record(s) and cannot be deleted. Delete or change those first",
            kind(k),
            kind(by)
        ),
        StoreError::NoSuchOrganisation { text } if text.is_empty() => {
            "the database holds no organisation (base or studio) yet. Record your organisation first".into()
        }
        StoreError::NoSuchOrganisation { text } => format!("no organisation is named or identified \"{text}\""),
        StoreError::AmbiguousOrganisation { text, candidates } if text.is_empty() => format!(
            "the database holds several organisations; name one with --org: {}",
            candidates.join("; ")
        ),
        StoreError::AmbiguousOrganisation { text, candidates } => format!(
            "\"{text}\" matches several organisations; give the full name: {}",
            candidates.join("; ")
        ),
        StoreError::NotEmpty => "the database already holds records. Demo data goes only into an empty database: name a new file with --db".into(),
        StoreError::Busy => "the database is in use by another program (waited 5 seconds). Close the other SkillBase window or command and try again".into(),
        StoreError::InUse { path, holder } => match holder {
            Some(h) => format!(
                "the database {} is being written by another SkillBase ({}, computer {}, process {}, since {}). Only one program may write at a time, so that records never overwrite each other. Close that window or wait for that command to end; to only look, open it read-only",
                path.display(),
                holder_program(&h.program),
                h.computer,
                h.process,
                crate::i18n::zh::store::local_time(&h.since)
            ),
            None => format!(
                "the database {} is being written by another SkillBase. Only one program may write at a time: close the other window or wait for that command to end; to only look, open it read-only",
                path.display()
            ),
        },
        StoreError::Damaged { path, detail } if path.as_os_str().is_empty() => format!(
            "the database file is damaged (SQLite read damaged data: {detail}). Make no more changes and restore it from a backup: the Backups screen in the window, or skillbase restore"
        ),
        StoreError::Damaged { path, detail } => format!(
            "the database {} is damaged (SQLite's integrity check failed: {detail}). The file was not changed or deleted. Restore it from a backup: the Backups screen in the window, or skillbase restore --db {} BACKUP-FILE; backups are in the backups folder beside it",
            path.display(),
            path.display()
        ),
        StoreError::DiskFull { path } => format!(
            "the disk is full: cannot write {}. Nothing of this change was written (all of it was rolled back); the records already there are intact. Free some space and try again",
            path.display()
        ),
        StoreError::ReadOnly { path } => format!(
            "cannot write {}: the file or its folder is read-only (or you lack permission). Nothing was written. Move the database to a folder you can write, or ask an administrator for write access",
            path.display()
        ),
        StoreError::ReadOnlyStore { path } => format!(
            "the database {} is open read-only (another program is writing it) and cannot be changed. Close the other program and open it again",
            path.display()
        ),
        StoreError::ReadOnlyOldSchema { path } => format!(
            "the database {} has an older structure that must be upgraded before it can be opened, and read-only opening cannot upgrade. Open it normally once while no other program uses it",
            path.display()
        ),
        StoreError::NotConsolidation => "this database holds records entered here and cannot be a regional consolidation. Consolidate into a database file of its own (a file that does not exist is created). Nothing was written".to_string(),
        StoreError::IsConsolidation => "this database is a regional consolidation: it loads packages (skillbase consolidate) but does not merge them. Import the package into a base's or studio's database".to_string(),
        StoreError::ChangedSincePreview { kind: k, id } => format!(
            "the {} record {id} was changed here after the preview; so as not to overwrite that change, nothing was merged or written. Open the package's preview again, then merge",
            kind(k)
        ),
        StoreError::IdOfAnotherRegister { kind: k, id, other } => format!(
            "the {} record {} in the package has the id of a {} record here: one id is one record. Nothing was written; the database was not changed. Ask the sender to make the package again with SkillBase",
            kind(k),
            crate::i18n::shown::value(id, Lang::En),
            kind(other)
        ),
        StoreError::Row(e) => format!("malformed record: {e}"),
        StoreError::Sqlite(e) => format!("database error: {e}"),
        StoreError::Io { path, source } => format!("cannot read or write {}: {}", path.display(), crate::i18n::io_error(source, Lang::En)),
    }
}

/// The holder of a lock as people call it.
fn holder_program(program: &str) -> String {
    match program {
        "app" => "the window".into(),
        other => format!("the command skillbase {other}"),
    }
}
