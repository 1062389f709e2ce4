//! Writing the plan: a backup first, then every valid row and the history entry in one
//! transaction (all or nothing).

use std::collections::HashMap;

use super::*;
use crate::domain::person::Person;
use crate::domain::staff::Teacher;
use crate::domain::studio::Apprenticeship;
use crate::domain::training::{Enrolment, Qualification};
use crate::domain::{Id, Record};
use crate::lang::Lang;
use crate::progress::Progress;
use crate::sheets::Words;
use crate::store::{BackupReason, ImportSummary, Store, StoreError, Writer};

/// How a commit failed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// Rows have errors and the user did not choose to import only the valid rows.
    #[error("{0} rows have errors")]
    RowsInvalid(u64),
    /// The backup before the import could not be taken.
    #[error("backup failed: {0}")]
    Backup(StoreError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a commit did.
#[derive(Clone, Debug)]
pub struct Committed {
    pub summary: ImportSummary,
    /// The backup taken before (none for a database in memory).
    pub backup: Option<std::path::PathBuf>,
}

/// Writes the plan: a backup first, then every valid row and the history entry in one
/// transaction. With `skip_invalid` false, any row with an error refuses the whole
/// import before anything is written.
pub fn commit(
    store: &mut Store,
    plan: &Plan,
    skip_invalid: bool,
    lang: Lang,
    progress: &dyn Progress,
) -> Result<Committed, CommitError> {
    let counts = plan.counts();
    if counts.error > 0 && !skip_invalid {
        return Err(CommitError::RowsInvalid(counts.error));
    }
    let [_, stage_backup, stage_write] = lang.import_stages();
    progress.stage(stage_backup, 0);
    let backup = store
        .backup(BackupReason::BeforeImport, progress)
        .map_err(CommitError::Backup)?
        .map(|b| b.path);
    let summary = plan.summary();
    let writes: Vec<&PlannedRow> = plan
        .rows
        .iter()
        .filter(|r| matches!(r.status, RowStatus::New | RowStatus::Update))
        .collect();
    progress.stage(stage_write, writes.len() as u64);
    store.import_commit(&summary, |w| {
        // Nothing written since the dry run (the backup writes nothing): its checks of
        // every row (fields, references, the same person registered already) still hold,
        // so new records are written without repeating them. Otherwise each is checked
        // again. Asked inside the transaction: another writer (one that reached the file
        // by another path) cannot commit between the question and the writes.
        let checked = plan.change_seq.is_some_and(|seq| w.unchanged_since(seq));
        let mut people: HashMap<String, Id<Person>> = HashMap::new();
        let mut w = Inserts { w, checked };
        for (i, row) in writes.iter().enumerate() {
            if let Some(action) = &row.action {
                apply(&mut w, action, &mut people)?;
            }
            if i % 256 == 255 {
                progress.advance(256);
            }
        }
        Ok(())
    })?;
    progress.finish();
    Ok(Committed { summary, backup })
}

/// The commit's writer: new records skip the checks the dry run made when nothing was
/// written since (`checked`); updates are always checked.
struct Inserts<'a, 'w> {
    w: &'a mut Writer<'w>,
    checked: bool,
}

impl Inserts<'_, '_> {
    fn insert<R: Record>(&mut self, record: R) -> Result<Id<R>, StoreError> {
        if self.checked {
            self.w.insert_checked_before(record)
        } else {
            self.w.insert(record)
        }
    }

    fn update<R: Record>(&mut self, id: Id<R>, record: R) -> Result<(), StoreError> {
        self.w.update(id, record)
    }
}

/// The id of a person a row refers to, registering a new one once.
fn resolve(
    w: &mut Inserts<'_, '_>,
    p: &PersonRef,
    people: &mut HashMap<String, Id<Person>>,
) -> Result<Id<Person>, StoreError> {
    match p {
        PersonRef::Existing(id) => Ok(*id),
        PersonRef::New(person) => {
            if let Some(id) = people.get(&person.doc_number) {
                return Ok(*id);
            }
            let id = w.insert((**person).clone())?;
            people.insert(person.doc_number.clone(), id);
            Ok(id)
        }
    }
}

/// Updates the registered record, or inserts a new one.
fn save<R: Record>(w: &mut Inserts<'_, '_>, existing: Option<Id<R>>, record: R) -> Result<(), StoreError> {
    match existing {
        Some(id) => w.update(id, record),
        None => w.insert(record).map(|_| ()),
    }
}

fn apply(
    w: &mut Inserts<'_, '_>,
    action: &Action,
    people: &mut HashMap<String, Id<Person>>,
) -> Result<(), StoreError> {
    match action {
        Action::Person {
            existing,
            person,
            person_changed,
            qualification,
        } => {
            let id = match existing {
                Some(id) => {
                    if *person_changed {
                        w.update(*id, (**person).clone())?;
                    }
                    *id
                }
                None => w.insert((**person).clone())?,
            };
            if let Some((q_id, q)) = qualification {
                let q = Qualification {
                    person: id,
                    ..(**q).clone()
                };
                match q_id {
                    Some(q_id) => w.update(*q_id, q)?,
                    None => {
                        w.insert(q)?;
                    }
                }
            }
        }
        Action::Enrolment {
            person,
            existing,
            record,
        } => {
            let person = resolve(w, person, people)?;
            let record = Enrolment {
                person,
                ..(**record).clone()
            };
            save(w, *existing, record)?;
        }
        Action::Service { existing, record } => save(w, *existing, (**record).clone())?,
        Action::Apprenticeship {
            master,
            apprentice,
            existing,
            record,
        } => {
            let record = Apprenticeship {
                master: resolve(w, master, people)?,
                apprentice: resolve(w, apprentice, people)?,
                ..(**record).clone()
            };
            save(w, *existing, record)?;
        }
        Action::Teacher {
            person,
            existing,
            record,
        } => {
            let record = Teacher {
                person: resolve(w, person, people)?,
                ..(**record).clone()
            };
            save(w, *existing, record)?;
        }
        Action::LogEntry { existing, record } => save(w, *existing, (**record).clone())?,
        Action::Nothing => {}
    }
    Ok(())
}
