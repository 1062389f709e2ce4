//! The words of a restore as the window shows it (the question naming what the backup
//! lacks, the screens held while it runs) and the names of long work's stages in
//! progress bars, filled once per language (`zh/restore.rs`, `en/restore.rs`).

use super::Lang;

/// Every sentence about a restore in the window, and the stages' names.
pub struct RestoreText {
    /// Shown instead of the screens while a restore runs.
    pub holding_title: &'static str,
    pub holding_help: &'static str,
    /// The screens' background readers did not close in time: nothing was restored.
    pub readers_busy: &'static str,
    /// The question before a restore: comparing the backup with the database now.
    pub comparing: &'static str,
    /// Heading over what the backup lacks.
    pub lacks_heading: &'static str,
    /// One register: its name, added, changed, deleted since the backup.
    pub register_since: fn(&str, u64, u64, u64) -> String,
    /// Examples of the records lost.
    pub for_example: fn(&str) -> String,
    /// A return marked as submitted since: year, organisation, when (local), by whom.
    pub submitted_since: fn(i32, &str, &str, &str) -> String,
    /// The backup holds everything the database holds now.
    pub nothing_lost: &'static str,
    /// The comparison could not be made (why).
    pub compare_failed: fn(&str) -> String,
    /// The safety backup taken before the restore (it can be restored back).
    pub safety_note: &'static str,
    /// A progress stage's name (the library's stage codes), else the name as given.
    pub stage: fn(&str) -> Option<&'static str>,
    /// Whole-database entries of the audit trail: a restore (the backup's file), an
    /// import (file, new, updated, unchanged, left out), a merge (sender, new, changed,
    /// deleted, conflicts), a consolidation's package (file, added, replaced, withdrawn).
    pub event_restore: fn(&str) -> String,
    pub event_import: fn(&str, u64, u64, u64, u64) -> String,
    pub event_merge: fn(&str, u64, u64, u64, u64) -> String,
    pub event_consolidate: fn(&str, u64, u64, u64) -> String,
    /// A record's merge entry: the operator here, the package's sender.
    pub merged_by: fn(&str, &str) -> String,
}

/// The restore's words in a language.
pub fn text(lang: Lang) -> &'static RestoreText {
    match lang {
        Lang::Zh => &super::zh::restore::TEXT,
        Lang::En => &super::en::restore::TEXT,
    }
}

/// A progress stage as the user reads it: the library reports stages by code (`hash`,
/// `seal`, `backup` …) or by a file's name, which is shown as it is.
pub fn stage(name: &str, lang: Lang) -> String {
    (text(lang).stage)(name).map_or_else(|| name.to_string(), str::to_string)
}

/// The sender a merge's summary names (its organisations; an older summary: the
/// organisation or the file).
pub fn merge_sender(d: &serde_json::Value) -> String {
    let get = |k: &str| d.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    [get("sender"), get("organisation"), get("file")]
        .into_iter()
        .find(|s| !s.is_empty())
        .map(|s| {
            std::path::Path::new(&s)
                .file_name()
                .filter(|_| s.contains(std::path::MAIN_SEPARATOR))
                .map_or(s.clone(), |n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_default()
}

/// A whole-database entry of the audit trail in words (`sheets::Words::audit_event`): what
/// 备份's 最近的修改, a record's history and the export show instead of its JSON. The
/// details' texts are the caller's to mask.
pub fn audit_event(action: &str, d: &serde_json::Value, lang: Lang) -> Option<String> {
    let get = |k: &str| d.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    let n = |k: &str| d.get(k).and_then(|v| v.as_u64()).unwrap_or(0);
    let file = |k: &str| {
        let f = get(k);
        std::path::Path::new(&f)
            .file_name()
            .map_or(f.clone(), |n| n.to_string_lossy().into_owned())
    };
    let t = text(lang);
    Some(match action {
        "restore_backup" => (t.event_restore)(&file("from")),
        "import" => (t.event_import)(
            &file("file_name"),
            n("new"),
            n("updated"),
            n("unchanged"),
            n("rejected"),
        ),
        "merge" => (t.event_merge)(
            &merge_sender(d),
            n("new"),
            n("changed"),
            n("deleted"),
            n("conflicts"),
        ),
        "consolidate" => (t.event_consolidate)(&file("file"), n("added"), n("replaced"), n("withdrawn")),
        _ => return None,
    })
}
