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
        StoreError::StillReferenced {
            kind: k,
            by,
            field,
            count,
            example,
            ..
        } => format!(
            "this {} record is still referred to by the \"{}\" of {count} {} record(s) (e.g. \"{example}\") and cannot be deleted. Delete those first, or change their \"{}\"",
            kind(k),
            crate::i18n::column_label(*by, field, Lang::En),
            kind(by),
            crate::i18n::column_label(*by, field, Lang::En)
        ),
        StoreError::DanglingReference(d) => format!(
            "the \"{}\" of {} \"{}\" refers to the {} \"{}\", which is deleted or not there: such records would contradict each other, so nothing was written. Restore the record referred to, or change the reference",
            crate::i18n::column_label(d.kind, &d.field, Lang::En),
            kind(&d.kind),
            d.label,
            kind(&d.target),
            if d.target_label.is_empty() { &d.target_id } else { &d.target_label }
        ),
        StoreError::CertificateOfAnotherPerson {
            certificate,
            holder,
            enrolled,
            cohort,
        } => format!(
            "the certificate \"{certificate}\" belongs to {holder}; it cannot be the certificate gained by {enrolled} in the cohort \"{cohort}\". Choose a certificate of {enrolled}, or record a new one from the cohort's occupation and grade"
        ),
        StoreError::CertificateTaken {
            certificate,
            enrolment,
        } => format!(
            "the certificate \"{certificate}\" is already the one gained in the enrolment \"{enrolment}\"; a certificate belongs to one enrolment only. Choose another certificate, or clear it from that enrolment first"
        ),
        StoreError::EnrolmentHasCertificate {
            enrolment,
            certificate,
        } => format!(
            "the enrolment \"{enrolment}\" already has the certificate \"{certificate}\"; an enrolment gains one certificate. Change or clear the enrolment's qualification gained first"
        ),
        StoreError::DuplicateEnrolment {
            person,
            cohort,
            enrolled_on,
            ..
        } => format!(
            "{person} is already enrolled in the cohort \"{cohort}\" (the enrolment of {enrolled_on}); a person is enrolled in a cohort once. Open the existing enrolment to change it"
        ),
        StoreError::Unreadable {
            kind: k,
            id,
            column,
            value,
            ..
        } => format!(
            "the {} record {id} holds a value that cannot be read in \"{}\": \"{value}\" (expected {}). The database file may have been changed outside SkillBase. Run skillbase check to see every such value, and enter it again in its record",
            kind(k),
            crate::i18n::column_label(*k, column, Lang::En),
            expected(*k, column)
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
        StoreError::Exists { path } => format!(
            "{} already exists and was not changed. A new database is made only in a file that does not exist yet: name a new file with --db; to use an existing database, simply open it",
            path.display()
        ),
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
        StoreError::EmptyFile { path } => format!(
            "{} is empty (0 bytes): not a SkillBase database. The file was not changed. Check that you chose the database file; to make a new database, open it in the window or use a command that writes (such as demo or import)",
            path.display()
        ),
        StoreError::ForeignWal { path, wal, detail } => format!(
            "the log file {} beside the database {} does not belong to it ({detail}): it was probably copied from elsewhere, or belongs to another copy of this database. So that nothing of another database is written into this one, neither file was changed. Move {} somewhere safe (do not delete it), then open the database again; if recent changes are missing, restore a backup or ask your IT support",
            wal.display(),
            path.display(),
            wal.display()
        ),
        StoreError::ReadOnlyWithLog { path } => format!(
            "the database {} is on a read-only disk (such as a write-protected USB stick) and its log file {}-wal holds changes not yet written back, which cannot be read there. No file was changed. Copy both files together to a writable folder and open it there",
            path.display(),
            path.display()
        ),
        StoreError::UnsafeLockFile { path, problem } => {
            use crate::store::lock::LockFileProblem as P;
            let what = match problem {
                P::Link => "is a symbolic link (a shortcut to another file)",
                P::NotAFile => "is not a plain file",
                P::HardLinked => "has another name too (a hard link): it is another file as well",
                P::Replaced => "was replaced by another file again and again while being locked",
            };
            format!(
                "the writer's lock file {} {what}. SkillBase does not lock through it, so that no other file is changed; nothing was written. Make sure no SkillBase is running, delete the lock file and try again",
                path.display()
            )
        }
        StoreError::HardLinked { path, links } => format!(
            "the database file {} has {links} names (hard links). Writing it through different names at once would damage it, so writing is refused; nothing was written. Delete the extra names so one is left (ls -li shows files with the same number), or make an independent copy and use that",
            path.display()
        ),
        StoreError::OtherDatabase {
            backup,
            of_path,
            of_install,
            db,
        } => format!(
            "{} is not a backup of the database {} but of another database{}. Restoring it would replace every record of {} with that database's. No file was changed. If that is really what you want, run it again with --other-database (in the window: confirm the question)",
            backup.display(),
            db.display(),
            other_database(of_path.as_deref(), of_install.as_deref()),
            db.display()
        ),
        StoreError::SecondLivePerson => "a live person with this document number is registered already; the database refused a second one (one person cannot be registered twice). Nothing was written. Open the existing person and edit it".to_string(),
        StoreError::IdOfAnotherRegister { kind: k, id, other } => format!(
            "the {} record {} in the package has the id of a {} record here: one id is one record. Nothing was written; the database was not changed. Ask the sender to make the package again with SkillBase",
            kind(k),
            crate::i18n::shown::value(id, Lang::En),
            kind(other)
        ),
        StoreError::Attachment { file_name, problem } => format!(
            "the file “{}” cannot be attached: {}. Nothing was written",
            crate::i18n::shown::value(file_name, Lang::En),
            crate::i18n::attachments::problem(problem, Lang::En)
        ),
        StoreError::NoSuchAttachment { what } => format!(
            "no attachment {} (it may have been removed)",
            crate::i18n::shown::value(what, Lang::En)
        ),
        StoreError::Row(e) => format!("malformed record: {e}"),
        StoreError::Sqlite(e) => format!("database error: {e}"),
        StoreError::Io { path, source } => format!("cannot read or write {}: {}", path.display(), crate::i18n::io_error(source, Lang::En)),
    }
}

/// What a column's stored value must be.
pub fn expected(k: RecordKind, column: &str) -> String {
    use crate::registers::fields::Input;
    match column {
        "id" => return "a record id (a UUID such as 0190a1b2-…)".into(),
        "created_at" | "updated_at" | "deleted_at" => {
            return "a UTC time such as 2025-03-01T08:00:00.000Z".into();
        }
        "rev" | "change_seq" => return "a whole number".into(),
        _ => {}
    }
    match crate::registers::fields::input_of(k, column) {
        Some(Input::Date) => "a real date written YYYY-MM-DD (e.g. 2025-03-01)".into(),
        Some(Input::Int) => "a whole number, 0 or more".into(),
        Some(Input::Float) => "a number, 0 or more".into(),
        Some(Input::Money) => "a whole amount in fen".into(),
        Some(Input::Bool) => "0 (no) or 1 (yes)".into(),
        Some(Input::Choice(list)) => format!(
            "one of the codes {}",
            list(Lang::En)
                .iter()
                .map(|(code, label)| format!("{code} ({label})"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Some(Input::Code(_)) => "a code of its code table".into(),
        Some(Input::Ref(target)) => format!("the id of a {} record", kind(&target)),
        Some(Input::Text) | Some(Input::LongText) | None => "text".into(),
    }
}

/// The holder of a lock as people call it.
fn holder_program(program: &str) -> String {
    match program {
        "app" => "the window".into(),
        other => format!("the command skillbase {other}"),
    }
}

/// Another database as a backup names it: its file and install id.
fn other_database(path: Option<&std::path::Path>, install: Option<&str>) -> String {
    match (path, install) {
        (Some(p), Some(i)) => format!(" ({}, install id {i})", p.display()),
        (Some(p), None) => format!(" ({})", p.display()),
        (None, Some(i)) => format!(" (install id {i})"),
        (None, None) => String::new(),
    }
}
