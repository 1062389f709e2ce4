//! Backups: copies of a database taken with SQLite's online backup API, kept in a
//! `backups` folder beside the database, thinned as they age, and restored on request.
//!
//! A backup is a complete SkillBase database (it opens like any other) that also says
//! in its own `meta` table when and why it was taken, from which file, at which change
//! number, and how many records each register held: the file is its own description, so
//! copying it elsewhere loses nothing. It is written under a temporary name and renamed
//! when complete, so a half-written backup never appears in the list.
//!
//! When one is taken (the callers decide): every 30 minutes while the app runs if
//! anything changed, when the app closes, and always before an import, a merge, a
//! restore and a schema upgrade.
//!
//! Thinning ([`thin`]) keeps every backup of the last day, then one a day for two weeks,
//! one a week for three months, and one a month after that.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::{RegisterCount, Result, Store, StoreError, timestamp};
use crate::domain::RecordKind;
use crate::progress::Progress;

/// Why a backup was taken. The code is part of the backup's file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// The user asked for one (the backups screen, `skillbase backup`).
    Manual,
    /// Every 30 minutes while the app runs, when something changed.
    Periodic,
    /// When the app closed.
    Exit,
    BeforeImport,
    BeforeMerge,
    BeforeConsolidate,
    BeforeRestore,
    BeforeUpgrade,
}

impl BackupReason {
    pub const ALL: &'static [BackupReason] = &[
        BackupReason::Manual,
        BackupReason::Periodic,
        BackupReason::Exit,
        BackupReason::BeforeImport,
        BackupReason::BeforeMerge,
        BackupReason::BeforeConsolidate,
        BackupReason::BeforeRestore,
        BackupReason::BeforeUpgrade,
    ];

    /// The code in the backup's file name.
    pub fn code(self) -> &'static str {
        match self {
            BackupReason::Manual => "manual",
            BackupReason::Periodic => "auto",
            BackupReason::Exit => "exit",
            BackupReason::BeforeImport => "import",
            BackupReason::BeforeMerge => "merge",
            BackupReason::BeforeConsolidate => "consolidate",
            BackupReason::BeforeRestore => "restore",
            BackupReason::BeforeUpgrade => "upgrade",
        }
    }

    pub fn from_code(code: &str) -> Option<BackupReason> {
        BackupReason::ALL.iter().copied().find(|r| r.code() == code)
    }
}

/// The folder backups of `db` go into: `backups` beside it.
pub fn backups_dir(db: &Path) -> PathBuf {
    let db = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

/// The name every backup of `db` starts with (its file stem), so two databases in one
/// folder keep apart in the shared `backups` folder.
fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "skillbase".to_string())
}

/// `base-20261201-093000123-import.sqlite`: the stem, the time (UTC) and the reason.
fn file_name(db: &Path, at: DateTime<Utc>, reason: BackupReason) -> String {
    format!(
        "{}-{}-{}.sqlite",
        stem(db),
        at.format("%Y%m%d-%H%M%S%3f"),
        reason.code()
    )
}

/// Reads the time and reason back from a backup's file name.
fn parse_file_name(db: &Path, name: &str) -> Option<(DateTime<Utc>, BackupReason)> {
    let rest = name
        .strip_prefix(&format!("{}-", stem(db)))?
        .strip_suffix(".sqlite")?;
    let (time, reason) = rest.rsplit_once('-')?;
    let reason = BackupReason::from_code(reason)?;
    let time = NaiveDateTime::parse_from_str(time, "%Y%m%d-%H%M%S%3f").ok()?;
    Some((Utc.from_utc_datetime(&time), reason))
}

/// One backup, as the backups screen and `skillbase restore` show it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    pub reason: BackupReason,
    /// The database's change number when it was taken (0 when the file does not say).
    pub change_seq: i64,
    /// Live records per register when it was taken.
    pub counts: Vec<RegisterCount>,
    pub bytes: u64,
}

impl BackupInfo {
    /// Live records in all registers.
    pub fn total_records(&self) -> u64 {
        self.counts.iter().map(|c| c.live).sum()
    }

    /// Live records of one register.
    pub fn count(&self, kind: RecordKind) -> u64 {
        self.counts.iter().find(|c| c.kind == kind).map_or(0, |c| c.live)
    }
}

/// Pages copied per step of the backup API: between steps the window's own writes may
/// go on (a write by another connection restarts the copy, which then still ends).
const PAGES_PER_STEP: i32 = 2048;

impl Store {
    /// The database's change number: it grows with every transaction that writes.
    pub fn change_seq(&self) -> Result<i64> {
        let seq: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'change_seq'", [], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(seq.and_then(|s| s.parse().ok()).unwrap_or(0))
    }

    /// Copies this database, as it is at one moment, into a new file `dest` (which must
    /// not exist) with SQLite's online backup API. The copy is written under a temporary
    /// name and renamed when complete; it describes itself (see the module's comment).
    pub fn backup_to(
        &self,
        dest: &Path,
        reason: BackupReason,
        progress: &dyn Progress,
    ) -> Result<BackupInfo> {
        backup_connection(
            &self.conn,
            self.path.as_deref(),
            dest,
            Utc::now(),
            reason,
            progress,
        )
    }

    /// Takes a backup into the backups folder beside the database and thins the older
    /// ones. `None` for a database in memory (tests), which has no folder.
    pub fn backup(&self, reason: BackupReason, progress: &dyn Progress) -> Result<Option<BackupInfo>> {
        match self.path.as_deref() {
            Some(db) => backup_into_folder(&self.conn, db, reason, progress).map(Some),
            None => Ok(None),
        }
    }

    /// True when something was written since the newest backup (or there is none).
    pub fn changed_since_last_backup(&self) -> Result<bool> {
        let Some(db) = self.path.as_deref() else {
            return Ok(false);
        };
        let seq = self.change_seq()?;
        Ok(match list_backups(db)?.first() {
            Some(newest) => newest.change_seq != seq,
            None => seq > 0,
        })
    }
}

/// A backup of `conn` (the database at `db`) into the backups folder beside it; thins
/// the older ones.
pub(super) fn backup_into_folder(
    conn: &Connection,
    db: &Path,
    reason: BackupReason,
    progress: &dyn Progress,
) -> Result<BackupInfo> {
    let dir = backups_dir(db);
    std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
        path: dir.clone(),
        source,
    })?;
    let mut at = Utc::now();
    let mut dest = dir.join(file_name(db, at, reason));
    while dest.exists() {
        at += Duration::milliseconds(1);
        dest = dir.join(file_name(db, at, reason));
    }
    let info = backup_connection(conn, Some(db), &dest, at, reason, progress)?;
    prune(db, Utc::now())?;
    Ok(info)
}

/// Copies the database of `conn` into the new file `dest` (see [`Store::backup_to`]).
fn backup_connection(
    conn: &Connection,
    source_path: Option<&Path>,
    dest: &Path,
    taken_at: DateTime<Utc>,
    reason: BackupReason,
    progress: &dyn Progress,
) -> Result<BackupInfo> {
    let io = |source| StoreError::Io {
        path: dest.to_path_buf(),
        source,
    };
    if dest.exists() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "the backup file already exists",
        )));
    }
    let mut partial = dest.as_os_str().to_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    let written = copy_into(conn, source_path, &partial, taken_at, reason, progress);
    let (change_seq, counts) = match written {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(disk_error(e, dest));
        }
    };
    std::fs::rename(&partial, dest).map_err(io)?;
    sync_folder(dest);
    progress.finish();
    let bytes = std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        path: dest.to_path_buf(),
        taken_at: truncate_to_millis(taken_at),
        reason,
        change_seq,
        counts,
        bytes,
    })
}

/// The copy itself, into `partial`; returns the change number and counts it holds.
fn copy_into(
    conn: &Connection,
    source_path: Option<&Path>,
    partial: &Path,
    taken_at: DateTime<Utc>,
    reason: BackupReason,
    progress: &dyn Progress,
) -> Result<(i64, Vec<RegisterCount>)> {
    let mut copy = Connection::open(partial)?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
        let mut reported: Option<u64> = None;
        loop {
            let step = backup.step(PAGES_PER_STEP)?;
            let p = backup.progress();
            let done = (p.pagecount - p.remaining).max(0) as u64;
            if reported.is_none() {
                progress.stage("backup", p.pagecount.max(0) as u64);
            }
            progress.advance(done.saturating_sub(reported.unwrap_or(0)));
            reported = Some(done);
            match step {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::Busy | rusqlite::backup::StepResult::Locked => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                _ => {}
            }
        }
    }
    // A backup is one file: no write-ahead log beside it.
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let seq: i64 = copy
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let counts = super::counts_of(&copy)?;
    let counts_json = serde_json::to_string(
        &counts
            .iter()
            .map(|c| (c.kind.code(), c.live))
            .collect::<std::collections::BTreeMap<_, _>>(),
    )
    .unwrap_or_default();
    let source = source_path.map(|p| p.display().to_string()).unwrap_or_default();
    copy.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES
         ('backup_taken_at', ?1), ('backup_reason', ?2), ('backup_of', ?3), ('backup_counts', ?4)",
        rusqlite::params![timestamp(taken_at), reason.code(), source, counts_json],
    )?;
    copy.close().map_err(|(_, e)| StoreError::from(e))?;
    Ok((seq, counts))
}

fn truncate_to_millis(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

/// A full disk or a read-only folder, named as such.
fn disk_error(e: StoreError, path: &Path) -> StoreError {
    match &e {
        StoreError::Sqlite(inner) => match inner.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull {
                path: path.to_path_buf(),
            },
            Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::CannotOpen) => {
                StoreError::ReadOnly {
                    path: path.to_path_buf(),
                }
            }
            _ => e,
        },
        _ => e,
    }
}

/// After a rename, the folder itself is synced so the new name survives a power cut.
fn sync_folder(file: &Path) {
    #[cfg(unix)]
    if let Some(dir) = file.parent()
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = file; // NTFS orders a rename with the file's data; nothing to sync.
}

/// Reads a backup's own description; from its file name when the file does not say.
fn describe(path: &Path, from_name: (DateTime<Utc>, BackupReason)) -> BackupInfo {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut info = BackupInfo {
        path: path.to_path_buf(),
        taken_at: from_name.0,
        reason: from_name.1,
        change_seq: 0,
        counts: Vec::new(),
        bytes,
    };
    let Ok(conn) = super::open_untouched(path) else {
        return info;
    };
    let value = |key: &str| -> Option<String> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .ok()
            .flatten()
    };
    if let Some(seq) = value("change_seq").and_then(|s| s.parse().ok()) {
        info.change_seq = seq;
    }
    if let Some(counts) = value("backup_counts")
        .and_then(|s| serde_json::from_str::<std::collections::BTreeMap<String, u64>>(&s).ok())
    {
        info.counts = RecordKind::ALL
            .iter()
            .map(|k| RegisterCount {
                kind: *k,
                live: counts.get(k.code()).copied().unwrap_or(0),
                deleted: 0,
            })
            .collect();
    }
    info
}

/// The backups of `db`, newest first.
pub fn list_backups(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backups_dir(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(StoreError::Io { path: dir, source }),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(parsed) = parse_file_name(db, &name) {
            out.push(describe(&entry.path(), parsed));
        }
    }
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| b.path.cmp(&a.path)));
    Ok(out)
}

/// Which of these backup times to delete at `now`: every backup of the last day is kept;
/// of older ones, the newest of each day for two weeks, of each week (Monday to Sunday)
/// for three months, and of each month after that. The newest backup is always kept.
pub fn thin(times: &[DateTime<Utc>], now: DateTime<Utc>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|a, b| times[*b].cmp(&times[*a]));
    let mut seen: HashSet<(u8, i32, u32)> = HashSet::new();
    let mut delete = Vec::new();
    for (rank, i) in order.into_iter().enumerate() {
        let t = times[i];
        let age = now - t;
        if age <= Duration::days(1) {
            continue;
        }
        let bucket = if age <= Duration::days(14) {
            (0, t.year(), t.ordinal())
        } else if age <= Duration::days(91) {
            let week = t.iso_week();
            (1, week.year(), week.week())
        } else {
            (2, t.year(), t.month())
        };
        if !seen.insert(bucket) && rank > 0 {
            delete.push(i);
        }
    }
    delete.sort_unstable();
    delete
}

/// Deletes the backups of `db` that [`thin`] says are no longer kept.
fn prune(db: &Path, now: DateTime<Utc>) -> Result<()> {
    let backups = list_backups(db)?;
    let times: Vec<DateTime<Utc>> = backups.iter().map(|b| b.taken_at).collect();
    for i in thin(&times, now) {
        // A backup that cannot be deleted now is tried again after the next one.
        let _ = std::fs::remove_file(&backups[i].path);
    }
    Ok(())
}

/// Checks that `file` is a SkillBase database this build can open, without changing it.
pub fn check_backup_file(file: &Path) -> Result<()> {
    if !file.is_file() {
        return Err(StoreError::Io {
            path: file.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        });
    }
    super::inspect_existing(file)?;
    Ok(())
}

/// Replaces the database at `db` with the backup `from`, after taking a safety backup of
/// the current file (returned). `from` is checked first and never changed. A database
/// that is not SkillBase's, or that a newer SkillBase wrote, is never overwritten; a
/// damaged one is first copied, byte for byte, into the backups folder.
/// `profile` is who the audit trail names.
pub fn restore(db: &Path, from: &Path, profile: &str, progress: &dyn Progress) -> Result<Option<BackupInfo>> {
    check_backup_file(from)?;
    if db.exists() {
        match super::inspect_existing(db) {
            Ok(_) => {}
            Err(StoreError::Damaged { .. }) => return restore_over_damaged(db, from, profile),
            Err(e) => return Err(e),
        }
    }
    let mut current = Store::open(db)?;
    current.set_profile(profile);
    restore_into(&mut current, from, progress)
}

/// [`restore`] into a database that is open (the window's): the safety backup, then the
/// copy through SQLite's backup API in one transaction, so a crash part-way leaves the
/// current records as they were. Reopen the store afterwards.
pub fn restore_into(current: &mut Store, from: &Path, progress: &dyn Progress) -> Result<Option<BackupInfo>> {
    check_backup_file(from)?;
    let safety = current.backup(BackupReason::BeforeRestore, progress)?;
    let source = super::open_untouched(from)?;
    {
        // All pages in one step: one transaction on the database being replaced.
        let backup = rusqlite::backup::Backup::new(&source, &mut current.conn)?;
        while backup.step(-1)? != rusqlite::backup::StepResult::Done {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
    drop(source);
    finish_restore(current, from)?;
    Ok(safety)
}

/// After the copy: upgrade a backup older than this build, make the file a live
/// database again (write-ahead log, no backup description), and say so in the audit trail.
fn finish_restore(current: &mut Store, from: &Path) -> Result<()> {
    let db = current.path.clone();
    super::migrate(&mut current.conn, super::schema::CURRENT_VERSION, db.as_deref())?;
    if db.is_some() {
        current.conn.pragma_update(None, "journal_mode", "WAL")?;
    }
    current.conn.execute_batch(
        "DELETE FROM meta WHERE key IN ('backup_taken_at', 'backup_reason', 'backup_of', 'backup_counts')",
    )?;
    let from_text = from.display().to_string();
    current.write(|w| w.audit_event("restore_backup", serde_json::json!({ "from": from_text })))
}

/// A damaged database is kept as it was (with its write-ahead log, which may hold the
/// last commits) in the backups folder, then replaced by a copy of `from`.
fn restore_over_damaged(db: &Path, from: &Path, profile: &str) -> Result<Option<BackupInfo>> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    let dir = backups_dir(db);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let at = Utc::now();
    let kept = dir.join(file_name(db, at, BackupReason::BeforeRestore));
    let side = |p: &Path, suffix: &str| {
        let mut s = p.as_os_str().to_os_string();
        s.push(suffix);
        PathBuf::from(s)
    };
    std::fs::copy(db, &kept).map_err(io(&kept))?;
    for suffix in ["-wal", "-shm"] {
        if side(db, suffix).exists() {
            std::fs::copy(side(db, suffix), side(&kept, suffix)).map_err(io(&kept))?;
        }
    }
    let incoming = side(db, ".restoring");
    std::fs::copy(from, &incoming).map_err(io(&incoming))?;
    std::fs::File::open(&incoming)
        .and_then(|f| f.sync_all())
        .map_err(io(&incoming))?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(side(db, suffix));
    }
    std::fs::rename(&incoming, db).map_err(io(db))?;
    sync_folder(db);
    let mut current = Store::open(db)?;
    current.set_profile(profile);
    finish_restore(&mut current, from)?;
    Ok(Some(describe(
        &kept,
        (truncate_to_millis(at), BackupReason::BeforeRestore),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(days: i64, hours: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::days(days) + Duration::hours(hours)
    }

    #[test]
    fn file_names_round_trip() {
        let db = Path::new("/x/基地.sqlite");
        let t = Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 5).unwrap() + Duration::milliseconds(7);
        let name = file_name(db, t, BackupReason::BeforeImport);
        assert_eq!(name, "基地-20261201-093005007-import.sqlite");
        assert_eq!(parse_file_name(db, &name), Some((t, BackupReason::BeforeImport)));
        assert_eq!(parse_file_name(Path::new("/x/other.sqlite"), &name), None);
    }

    /// A backup every 30 minutes for a year, thinned after each as the app does: what
    /// is left is every backup of the last day, one a day, one a week, one a month.
    #[test]
    fn a_year_of_half_hourly_backups_thins_to_days_weeks_and_months() {
        let start = at(0, 0);
        let mut kept: Vec<DateTime<Utc>> = Vec::new();
        let mut now = start;
        while now < start + Duration::days(365) {
            kept.push(now);
            let gone = thin(&kept, now);
            for i in gone.into_iter().rev() {
                kept.remove(i);
            }
            now += Duration::minutes(30);
        }
        let now = *kept.iter().max().unwrap();
        let age = |t: &DateTime<Utc>| now - *t;
        let last_day = kept.iter().filter(|t| age(t) <= Duration::days(1)).count();
        assert_eq!(
            last_day, 49,
            "every half hour of the last day, both ends included"
        );
        let daily = kept
            .iter()
            .filter(|t| age(t) > Duration::days(1) && age(t) <= Duration::days(14))
            .count();
        assert!((13..=14).contains(&daily), "one a day for two weeks: {daily}");
        let weekly = kept
            .iter()
            .filter(|t| age(t) > Duration::days(14) && age(t) <= Duration::days(91))
            .count();
        assert!(
            (10..=12).contains(&weekly),
            "one a week for three months: {weekly}"
        );
        let monthly = kept.iter().filter(|t| age(t) > Duration::days(91)).count();
        assert!((8..=10).contains(&monthly), "one a month after that: {monthly}");
        // No two kept backups older than a day share a day.
        let mut days: Vec<_> = kept
            .iter()
            .filter(|t| age(t) > Duration::days(1))
            .map(|t| t.date_naive())
            .collect();
        let n = days.len();
        days.dedup();
        assert_eq!(days.len(), n);
    }

    #[test]
    fn the_newest_backup_is_kept_however_old() {
        let now = at(400, 0);
        assert!(thin(&[at(0, 0)], now).is_empty());
        assert_eq!(thin(&[at(0, 0), at(0, 5)], now), vec![0]);
    }
}
