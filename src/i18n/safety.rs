//! The words of backups, restores, the writer's lock and the audit trail's export, for
//! the command line and the window, filled once per language (`zh/safety.rs`,
//! `en/safety.rs`).

use std::path::Path;

use super::Lang;
use crate::store::BackupReason;

/// Every sentence about keeping the records safe.
pub struct SafetyText {
    /// `skillbase backup`: the backup's file, its records, seconds taken.
    pub backup_done: fn(&Path, u64, f64) -> String,
    /// `skillbase backup --list`: the heading, with the backups folder.
    pub backups_in: fn(&Path) -> String,
    pub no_backups: fn(&Path) -> String,
    /// Column headings of a list of backups: time, reason, people, records, file.
    pub backup_columns: [&'static str; 5],
    /// `skillbase restore`: the database, the backup restored, the safety backup.
    pub restore_done: fn(&Path, &Path, Option<&Path>) -> String,
    /// The audit trail written to a file: the file, the entries, masked or not.
    pub audit_written: fn(&Path, usize, bool) -> String,
    /// Column headings of the audit trail's export.
    pub audit_columns: [&'static str; 10],
    /// The audit sheet's name.
    pub audit_sheet: &'static str,
    /// An export whose file type is not known (by its extension).
    pub audit_format: fn(&Path) -> String,
    pub no_audit: &'static str,
    pub reason: fn(BackupReason) -> &'static str,
    /// An audit action as people read it.
    pub action: fn(&str) -> &'static str,
    /// The window's backups screen.
    pub backups_heading: &'static str,
    pub backups_help: fn(&Path) -> String,
    pub backup_now: &'static str,
    pub backing_up: &'static str,
    pub backup_saved: fn(&str) -> String,
    pub restore: &'static str,
    pub restoring: &'static str,
    pub confirm_restore: fn(&str, u64) -> String,
    pub restored: fn(&str) -> String,
    pub open_folder_hint: &'static str,
    pub newest_backup: &'static str,
    pub export_audit: &'static str,
    pub include_full_data: &'static str,
    pub full_data_warning: &'static str,
    pub recent_changes: &'static str,
    /// Shown instead of the screens when another program writes the database.
    pub in_use_title: &'static str,
    pub open_read_only: &'static str,
    pub try_again: &'static str,
    pub read_only_banner: &'static str,
    pub read_only_refused: &'static str,
    /// A damaged database: restore from the newest backup.
    pub damaged_title: &'static str,
    pub restore_newest: fn(&str) -> String,
    pub no_backup_to_offer: &'static str,
    pub periodic_backup_failed: fn(&str) -> String,
    /// The background integrity check's progress title, and what it found wrong.
    pub checking: &'static str,
    pub damage_found: fn(&str) -> String,
    /// Restoring from a file not in the list.
    pub restore_from_file: &'static str,
    pub restore_this_file: &'static str,
    /// A backup of another database: the backup file, the database it is of, this
    /// database, the backup's records.
    pub confirm_restore_other: fn(&str, &str, &str, u64) -> String,
    /// The button that restores it anyway, naming this database.
    pub restore_other_anyway: fn(&str) -> String,
    /// The database is on a write-protected disk (it can be opened read-only).
    pub read_only_disk_title: &'static str,
}

/// The safety words in a language.
pub fn text(lang: Lang) -> &'static SafetyText {
    match lang {
        Lang::Zh => &super::zh::safety::TEXT,
        Lang::En => &super::en::safety::TEXT,
    }
}

/// What the user must hear when older backups were not thinned after a backup (the clock
/// disagrees with them); nothing when they were.
pub fn thinning(t: &crate::store::backup::Thinning, lang: Lang) -> Option<String> {
    match lang {
        Lang::Zh => super::zh::safety::thinning(t),
        Lang::En => super::en::safety::thinning(t),
    }
}
