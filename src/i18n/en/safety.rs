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
        "consolidate" => "consolidation",
        _ => "other",
    },
    backups_heading: "Backups and the audit trail",
    backups_help: |dir: &Path| {
        format!(
            "While the app runs a backup is taken every 30 minutes when something changed, on closing, and before every import, package merge, restore and upgrade. All of the last day are kept, then one a day for two weeks, one a week for three months, one a month after that. Backups are in {}",
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
};
