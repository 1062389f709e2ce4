//! Backups, restores, the writer's lock and the audit trail's export, in English.

use std::path::Path;

use crate::i18n::safety::SafetyText;
use crate::store::BackupReason;

pub static TEXT: SafetyText = SafetyText {
    backup_done: |file: &Path, records: u64, secs: f64| {
        format!(
            "Backed up to {} ({records} records, {secs:.1} s). To restore it: skillbase restore --db DATABASE {}",
            file.display(),
            file.display()
        )
    },
    backups_in: |dir: &Path| format!("Backups in {}:", dir.display()),
    no_backups: |dir: &Path| format!("There is no backup of this database in {} yet.", dir.display()),
    backup_columns: ["Time", "Reason", "People", "Records", "File"],
    restore_done: |db: &Path, from: &Path, safety: Option<&Path>| match safety {
        Some(s) => format!(
            "{} restored from {}. The database as it was before is backed up as {}, should you want it back",
            db.display(),
            from.display(),
            s.display()
        ),
        None => format!("{} restored from {}", db.display(), from.display()),
    },
    audit_written: |file: &Path, n: usize, full: bool| {
        if full {
            format!(
                "{n} audit entries written to {}. It holds full ID and phone numbers: keep it inside the base",
                file.display()
            )
        } else {
            format!(
                "{n} audit entries written to {} (ID and phone numbers masked; add --full for full data)",
                file.display()
            )
        }
    },
    audit_columns: [
        "No.",
        "Time",
        "By",
        "Install",
        "Action",
        "Register",
        "Record",
        "Record id",
        "Field",
        "Old → new",
    ],
    audit_sheet: "Audit trail",
    audit_format: |file: &Path| {
        format!(
            "cannot tell which format to write the audit trail in: {}. Use a file name ending in .xlsx or .csv",
            file.display()
        )
    },
    no_audit: "No changes recorded yet.",
    reason: |r: BackupReason| match r {
        BackupReason::Manual => "by hand",
        BackupReason::Periodic => "every 30 minutes",
        BackupReason::Exit => "on closing",
        BackupReason::BeforeImport => "before an import",
        BackupReason::BeforeMerge => "before a merge",
        BackupReason::BeforeConsolidate => "before a consolidation",
        BackupReason::BeforeRestore => "before a restore",
        BackupReason::BeforeUpgrade => "before an upgrade",
    },
    action: |a: &str| match a {
        "create" => "created",
        "update" => "changed",
        "delete" => "deleted",
        "restore" => "undeleted",
        "bulk" => "bulk write",
        "restore_backup" => "restored from a backup",
        "import" => "import",
        "merge" => "package merged",
        "merge_declined" => "Theirs not taken",
        "consolidate" => "consolidation",
        _ => "other",
    },
    backups_heading: "Backups and the audit trail",
    backups_help: |dir: &Path| {
        format!(
            "While the app runs a backup is taken every 30 minutes when something changed, on closing, and before every import, package merge, restore and upgrade. All of the last day are kept, then one a day for two weeks, one a week for three months, one a month after that, and always the last 10 taken; when the computer's clock disagrees with the backups none is deleted. Backups are in {}",
            dir.display()
        )
    },
    backup_now: "Back up now",
    backing_up: "Backing up…",
    backup_saved: |file: &str| format!("Backed up: {file}"),
    restore: "Restore",
    restoring: "Restoring…",
    confirm_restore: |when: &str, records: u64| {
        format!(
            "Replace the current database with the backup of {when} ({records} records)? The current database is backed up first, so it can be brought back."
        )
    },
    restored: |when: &str| {
        format!("Restored the backup of {when}. The database as it was is backed up first")
    },
    open_folder_hint: "Backup files can be copied to a USB stick or another computer.",
    newest_backup: "Newest backup",
    export_audit: "Export the audit trail (XLSX)",
    include_full_data: "Include full ID and phone numbers (for use inside the base only)",
    full_data_warning: "The file will hold full personal data: keep it safe and do not pass it on.",
    recent_changes: "Recent changes",
    in_use_title: "The database is in use by another program",
    open_read_only: "Open read-only (look only)",
    try_again: "Try again",
    read_only_banner: "Read-only: another SkillBase is writing this database. You can look and print, not change.",
    read_only_refused: "The database is open read-only and cannot be changed. Close the other SkillBase that is writing it and open it again.",
    damaged_title: "The database is damaged",
    restore_newest: |when: &str| format!("Restore the newest backup ({when})"),
    no_backup_to_offer: "There is no backup of this database in its backups folder. Give the damaged file to your IT administrator, or open another database file with --db.",
    periodic_backup_failed: |e: &str| format!("The automatic backup failed: {e}"),
    checking: "Checking the database's integrity…",
    damage_found: |detail: &str| {
        format!(
            "The integrity check found the database damaged ({detail}). Restore a backup from before the damage on the Backups screen soon; until then, backups delete no older backup, so those from before the damage are kept."
        )
    },
    restore_from_file: "Restore from another backup file (for example one on a USB stick)",
    restore_this_file: "Restore from this file…",
    confirm_restore_other: |backup: &str, of: &str, db: &str, records: u64| {
        format!(
            "Careful: {backup} is not a backup of this database, {db}, but of another database, {of} ({records} records). After the restore every record of {db} is replaced by that database's (this database is backed up first). Go ahead?"
        )
    },
    restore_other_anyway: |db: &str| format!("Replace {db} with it anyway"),
    read_only_disk_title: "The database's folder cannot be written",
};

/// The database's own files as people call them.
fn sidecar(what: crate::files::Sidecar) -> &'static str {
    use crate::files::Sidecar;
    match what {
        Sidecar::Database => "the open database itself",
        Sidecar::Wal => "the database's write-ahead log (-wal, which may hold the latest changes)",
        Sidecar::Shm => "the database's shared-memory index (-shm)",
        Sidecar::Journal => "the database's rollback journal (-journal)",
        Sidecar::Lock => "the database's writer lock file (.lock)",
        Sidecar::Restoring => "a restore's temporary file (.restoring)",
    }
}

/// A file the user asked for that was not written, and why.
pub fn output_error(e: &crate::files::OutputError) -> String {
    use crate::files::OutputError;
    match e {
        OutputError::Protected { path, what, database } => format!(
            "{} cannot be written: it is {} (database {}); writing it would destroy the database. Nothing was written; choose another file name or folder",
            path.display(),
            sidecar(*what),
            database.display()
        ),
        OutputError::InBackups { path, folder } => format!(
            "{} cannot be written: it is in the backups folder {}, which holds only the program's own backups. Nothing was written; choose another folder",
            path.display(),
            folder.display()
        ),
        OutputError::Exists { path } => format!(
            "{} already exists; it was not replaced and nothing was written. Choose another file name, or add --force to replace it",
            path.display()
        ),
        OutputError::IsDatabase { path } => format!(
            "{} is a SkillBase database (or a backup of one): it is never overwritten with anything else, not even with --force. Nothing was written; choose another file name",
            path.display()
        ),
        OutputError::IsFolder { path } => format!(
            "{} is a folder, not a file to write. Give a file name, e.g. {}",
            path.display(),
            path.join("roster.xlsx").display()
        ),
        OutputError::NotAFolder { path } => format!(
            "{} is a file, not a folder to write into. Give a folder's name",
            path.display()
        ),
        OutputError::Write { path, source } => format!(
            "{} could not be written: {}. No half-written file was left behind",
            path.display(),
            crate::i18n::io_error(source, crate::i18n::Lang::En)
        ),
    }
}

/// What opening a database did or found, told once.
pub fn notice(n: &crate::store::Notice) -> String {
    use crate::store::Notice;
    let list = |paths: &[std::path::PathBuf]| {
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match n {
        Notice::MadePrivate(paths) => format!(
            "other accounts of this computer could read these files, which hold names, ID numbers and phones; now only this account can read and write them: {}",
            list(paths)
        ),
        Notice::SharedDocuments(n) => format!(
            "{n} document number(s) are each held by more than one live person (left by an older version). The database now refuses such duplicates; run skillbase check, or see rule PER04 on the Annual return screen, and merge the duplicated people"
        ),
        Notice::LeftoversRemoved(paths) => format!(
            "an earlier backup or restore was interrupted and left incomplete files behind; they were removed (every complete backup is still there): {}",
            list(paths)
        ),
    }
}

/// What to say when older backups were not thinned after a backup (the clock disagrees
/// with them).
pub fn thinning(t: &crate::store::backup::Thinning) -> Option<String> {
    use crate::store::backup::{CLOCK_AHEAD_DAYS, Thinning};
    let when = |at: &chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    match t {
        Thinning::ClockBehind { newest } => Some(format!(
            "the computer's clock (now {}) is earlier than the last backup ({}): it may be wrong. So that no backup is deleted by a wrong date, no older backup was deleted this time. Check the computer's date and time",
            when(&chrono::Utc::now()),
            when(newest)
        )),
        Thinning::ClockAhead { newest } => Some(format!(
            "the computer's clock (now {}) is more than {CLOCK_AHEAD_DAYS} days after the last backup ({}): it may have jumped. So that no backup is deleted by a wrong date, no older backup was deleted this time. If the date is right (SkillBase was just not used for a while), nothing needs doing: the next backup thins as usual",
            when(&chrono::Utc::now()),
            when(newest)
        )),
        Thinning::NotRun | Thinning::Done { .. } => None,
    }
}
