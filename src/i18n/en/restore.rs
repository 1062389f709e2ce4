//! English: a restore in the window (the question before it, the screens held while it
//! runs) and the names of the stages progress bars show.

use crate::i18n::restore::RestoreText;

pub static TEXT: RestoreText = RestoreText {
    holding_title: "Restoring a backup",
    holding_help: "The screens are paused until the restore is done and the database is open again, so that no old figures show. Please wait.",
    readers_busy: "Background reading did not finish within a minute, so nothing was restored and the database is unchanged. Please try again shortly",
    comparing: "Comparing this backup with the database now…",
    lacks_heading: "Restoring loses these changes made after this backup:",
    register_since: |register, added, changed, deleted| {
        let mut parts = Vec::new();
        if added > 0 {
            parts.push(format!("{added} added"));
        }
        if changed > 0 {
            parts.push(format!("{changed} changed"));
        }
        if deleted > 0 {
            parts.push(format!(
                "{deleted} in the backup but not here now (deleted or never here), which come back"
            ));
        }
        format!("{register}: {}", parts.join(", "))
    },
    for_example: |names| format!("for example {names}"),
    submitted_since: |year, org, at, by| {
        format!(
            "{org}'s {year} return, marked as submitted on {at} by {by}: this submission record will be gone"
        )
    },
    nothing_lost: "This backup holds every record and submission the database holds now: restoring loses no change.",
    compare_failed: |why| format!("This backup could not be compared with the database now: {why}"),
    safety_note: "The database as it is now is backed up first (reason \"before restore\"), so it can be restored back.",
    stage: |code| {
        Some(match code {
            "close" => "waiting for background reading to end",
            "backup" => "backing up",
            "prepare" => "preparing the backup",
            "copy" => "writing the database",
            "select" => "selecting records",
            "hash" => "hashing versions",
            "seal" => "encrypting",
            "decrypt" => "decrypting",
            "figures" => "computing figures",
            "demo" => "making demo data",
            _ => return None,
        })
    },
    event_restore: |file| format!("Restored from the backup {file}"),
    event_import: |file, new, updated, unchanged, rejected| {
        format!(
            "Imported {file}: {new} new, {updated} updated, {unchanged} unchanged, {rejected} rows with errors left out"
        )
    },
    event_merge: |sender, new, changed, deleted, conflicts| {
        format!(
            "Merged the package from {sender}: {new} new, {changed} changed, {deleted} deleted, {conflicts} conflicts"
        )
    },
    event_consolidate: |file, added, replaced, withdrawn| {
        format!("Loaded the package {file}: {added} added, {replaced} replaced, {withdrawn} withdrawn")
    },
    merged_by: |profile, sender| format!("{profile} (merging the package from {sender})"),
};
