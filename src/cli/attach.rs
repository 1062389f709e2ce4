//! `skillbase attach --record ID FILE [--note TEXT]` and `skillbase attachments [--record
//! ID] [--json]`: evidence files attached to records from the command line. Every problem
//! with the record or the file (missing, empty, too large, a folder, unreadable, of a type
//! not accepted or not what its name says, the database itself) is named with what is
//! expected, exit 2, nothing written; the same content attached twice is stored once.

use std::path::Path;

use super::open::{open_existing, open_existing_writer};
use super::pad::pad;
use super::{Failure, Outcome};
use crate::domain::attachment::{self, AttachmentInfo};
use crate::domain::{Id, Labelled, RecordKind};
use crate::i18n::Lang;
use crate::i18n::attachments::{size, text};
use crate::store::{Store, StoreError};

fn bad(problem: String, lang: Lang) -> Failure {
    Failure::BadInput(format!("{problem}\n{}", text(lang).nothing_written))
}

/// The file's bytes, or why they may not be attached (checked before the database is
/// opened for writing).
fn read_file(file: &Path, db: &Path, lang: Lang) -> Result<Vec<u8>, Failure> {
    crate::store::read_file_to_attach(file, Some(db)).map_err(|r| match r {
        // Worded by the store's error, which says nothing was written.
        crate::store::FileRefusal::Refused(_) => {
            Failure::BadInput(crate::i18n::attachments::refusal(&r, file, lang))
        }
        _ => bad(crate::i18n::attachments::refusal(&r, file, lang), lang),
    })
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string())
}

/// The record `--record` names: its register, or why it cannot take a file.
fn find_record(store: &Store, record: &str, lang: Lang) -> Result<(RecordKind, Id<()>), Failure> {
    let t = text(lang);
    let Ok(id) = record.trim().parse::<Id<()>>() else {
        return Err(bad((t.not_an_id)(record), lang));
    };
    match store.register_of(&id.to_string()) {
        Ok(Some((kind, true))) => Ok((kind, id)),
        Ok(Some((kind, false))) => {
            let name = crate::registers::naming::record_name(store, kind, id.uuid(), lang);
            Err(bad((t.deleted_record)(kind.label(lang), &name), lang))
        }
        Ok(None) => Err(bad((t.no_record)(&id.to_string()), lang)),
        Err(e) => Err(Failure::from_store(e, lang)),
    }
}

pub fn attach(
    db: &Path,
    record: Option<&str>,
    file: Option<&Path>,
    note: Option<&str>,
    lang: Lang,
) -> Outcome {
    let t = text(lang);
    let mut missing = Vec::new();
    if record.is_none_or(|r| r.trim().is_empty()) {
        missing.push(t.missing_record.to_string());
    }
    if file.is_none() {
        missing.push(t.missing_file.to_string());
    }
    let (Some(record), Some(file)) = (record, file) else {
        return Err(bad(missing.join("\n"), lang));
    };
    if record.trim().parse::<Id<()>>().is_err() {
        return Err(bad((t.not_an_id)(record), lang));
    }
    if !db.exists() {
        // The database is named first: nothing can be attached without it.
        return Err(Failure::BadInput((super::text(lang).no_such_database)(db)));
    }
    let bytes = read_file(file, db, lang)?;
    let name = file_name(file);
    // Type and note checked before the writer's lock is taken.
    attachment::recognise(&attachment::clean_file_name(&name), &bytes)
        .and_then(|_| attachment::clean_note(note))
        .map_err(|problem| {
            Failure::from_store(
                StoreError::Attachment {
                    file_name: name.clone(),
                    problem,
                },
                lang,
            )
        })?;
    let mut store = open_existing_writer(db, "attach", lang)?;
    let (kind, id) = find_record(&store, record, lang)?;
    let fail = |e| Failure::from_store(e, lang);
    let sha256 = attachment::sha256_hex(&bytes);
    let stored_before = store.attachment_stored(&sha256).map_err(fail)?;
    let there_before: Vec<AttachmentInfo> = store.attachments_for(kind, id).map_err(fail)?;
    let info = store.attach(kind, id, &name, &bytes, note).map_err(fail)?;
    let record_name = crate::registers::naming::record_name(&store, kind, id.uuid(), lang);
    if there_before.iter().any(|a| a.id == info.id) {
        say!("{}", (t.already_attached)(&name, &info.file_name));
        return Ok(());
    }
    say!(
        "{}",
        (t.attached)(
            &info.file_name,
            &size(info.size, lang),
            kind.label(lang),
            &record_name,
            &info.id.to_string()
        )
    );
    if stored_before {
        say!("{}", t.stored_once);
    }
    Ok(())
}

pub fn list(db: &Path, record: Option<&str>, json: bool, lang: Lang) -> Outcome {
    let t = text(lang);
    if let Some(r) = record
        && r.trim().parse::<Id<()>>().is_err()
    {
        return Err(Failure::BadInput((t.not_an_id)(r)));
    }
    let store = open_existing(db, lang)?;
    let fail = |e| Failure::from_store(e, lang);
    let infos = match record {
        Some(r) => {
            let id: Id<()> = r
                .trim()
                .parse()
                .map_err(|_| Failure::BadInput((t.not_an_id)(r)))?;
            match store.register_of(&id.to_string()).map_err(fail)? {
                Some((kind, _)) => store.attachments_for(kind, id).map_err(fail)?,
                None => return Err(Failure::BadInput((t.no_record)(&id.to_string()))),
            }
        }
        None => store.attachments().map_err(fail)?,
    };
    let totals = store.attachment_totals().map_err(fail)?;
    let name_of =
        |a: &AttachmentInfo| crate::registers::naming::record_name(&store, a.kind, a.record.uuid(), lang);
    if json {
        let items: Vec<serde_json::Value> = infos
            .iter()
            .map(|a| {
                let mut v = serde_json::to_value(a).unwrap_or_default();
                v["record_name"] = name_of(a).into();
                v["register"] = a.kind.label(lang).into();
                v
            })
            .collect();
        let value = serde_json::json!({
            "attachments": items,
            "totals": {"attachments": totals.attachments, "files": totals.files, "bytes": totals.bytes},
        });
        say!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
        return Ok(());
    }
    if infos.is_empty() {
        say!("{}", t.none);
        return Ok(());
    }
    let c = &t.columns;
    say!(
        "{}{}{}{}{}{}{}  {}",
        pad(c[0], 12),
        pad(c[1], 30),
        pad(c[2], 6),
        pad(c[3], 10),
        pad(c[4], 21),
        pad(c[5], 38),
        c[6],
        c[7]
    );
    for a in &infos {
        let kind = a.file_type().map_or("?", |f| f.extensions()[0]);
        say!(
            "{}{}{}{}{}{}{}  {}",
            pad(a.kind.label(lang), 12),
            pad(&a.file_name, 30),
            pad(kind, 6),
            pad(&size(a.size, lang), 10),
            pad(&crate::store::local_time(&a.added_at.to_rfc3339()), 21),
            pad(&a.id.to_string(), 38),
            name_of(a),
            a.note.as_deref().unwrap_or("")
        );
    }
    say!(
        "{}",
        (t.totals)(totals.attachments, totals.files, &size(totals.bytes, lang))
    );
    Ok(())
}
