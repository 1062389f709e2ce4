//! Backups: copies of a database taken with SQLite's online backup API, kept in a
//! `backups` folder beside the database, thinned as they age, and restored on request.
//!
//! A backup is a complete SkillBase database (it opens like any other) that also says
//! in its own `meta` table when and why it was taken, of which database (its install id,
//! in the copied `meta`, and its canonical path), in which order (a number that grows
//! with each backup of the database, whatever the clock says), at which change number,
//! and how many records each register held: the file is its own description, so
//! copying it elsewhere loses nothing. Only a database's own backups are listed, thinned
//! and offered for it, however the files are named. A backup is written under a
//! temporary name (owner-only, locked while it is written), checked with SQLite's
//! `integrity_check`, and renamed when complete, so a half-written or damaged copy never
//! appears in the list; what an interrupted one left is removed at the next open.
//!
//! When one is taken (the callers decide): every 30 minutes while the app runs if
//! anything changed, when the app closes, and always before an import, a merge, a
//! restore and a schema upgrade.
//!
//! Thinning ([`thin`]) keeps every backup of the last day, then one a day for two weeks,
//! one a week for three months, and one a month after that, and always the ten taken
//! last; when the clock disagrees with the backups it deletes nothing ([`Thinning`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::{Author, RegisterCount, Result, Store, StoreError, timestamp};
use crate::domain::RecordKind;
use crate::files::{Sidecar, canonical, sync_folder};
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

/// The folder backups of `db` go into (one of the database's own places, defined with
/// the others in `files`).
pub use crate::files::backups_dir;

/// The name every backup of `db` starts with (its file stem).
fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "skillbase".to_string())
}

/// The time in a backup's file name.
const NAME_TIME: &str = "%Y%m%d-%H%M%S%3f";

/// `base-20261201-093000123-import.sqlite`: the stem, the time (UTC) and the reason.
fn file_name(db: &Path, at: DateTime<Utc>, reason: BackupReason) -> String {
    format!("{}-{}-{}.sqlite", stem(db), at.format(NAME_TIME), reason.code())
}

/// Reads the stem, time and reason back from a backup's file name (of any database).
fn parse_file_name(name: &str) -> Option<(String, DateTime<Utc>, BackupReason)> {
    let rest = name.strip_suffix(".sqlite")?;
    let (rest, reason) = rest.rsplit_once('-')?;
    let reason = BackupReason::from_code(reason)?;
    // The time is `YYYYMMDD-HHMMSSmmm`: 18 characters, one of them a '-'.
    let split = rest.len().checked_sub(19)?;
    let (stem, time) = rest.split_at(split);
    let time = time.strip_prefix('-')?;
    let time = NaiveDateTime::parse_from_str(time, NAME_TIME).ok()?;
    Some((stem.to_string(), Utc.from_utc_datetime(&time), reason))
}

/// What happened to the older backups after one was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Thinning {
    /// Not run: a backup to a file of the user's, or one described from its file.
    NotRun,
    /// The keeping rule ran and deleted this many.
    Done { deleted: usize },
    /// The clock is earlier than the backup taken last: nothing was deleted.
    ClockBehind { newest: DateTime<Utc> },
    /// The clock is more than [`CLOCK_AHEAD_DAYS`] days after the backup taken last:
    /// nothing was deleted (the clock may have jumped; if not, the next backup thins).
    ClockAhead { newest: DateTime<Utc> },
}

/// How far after the backup taken last the clock may be before thinning waits.
pub const CLOCK_AHEAD_DAYS: i64 = 30;

/// The backups taken last that thinning never deletes, whatever their dates.
pub const KEEP_RECENT: usize = 10;

/// One backup, as the backups screen and `skillbase restore` show it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    pub reason: BackupReason,
    /// The order it was taken in among the database's backups (1, 2, …; 0 for a backup
    /// made before the order was recorded, or a file that is not a backup).
    pub seq: u64,
    /// The install id of the database it is a copy of.
    pub of_install: Option<String>,
    /// The database it is a copy of (its canonical path when taken).
    pub of_path: Option<PathBuf>,
    /// The database's change number when it was taken (0 when the file does not say).
    pub change_seq: i64,
    /// Live records per register when it was taken.
    pub counts: Vec<RegisterCount>,
    pub bytes: u64,
    /// What became of the older backups when this one was taken.
    pub thinning: Thinning,
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

/// The `meta` keys a backup describes itself with (removed again when it is restored).
const DESCRIPTION_KEYS: &str =
    "'backup_taken_at', 'backup_reason', 'backup_of', 'backup_counts', 'backup_seq'";

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

    /// Copies this database, as it is at one moment, into the file `dest` (of the user's:
    /// which must not exist unless `replace`) with SQLite's online backup API. The copy is
    /// written under a temporary name, checked and renamed when complete; it describes
    /// itself (see the module's comment). The caller checks `dest` with
    /// [`crate::files::Output`].
    pub fn backup_to(
        &self,
        dest: &Path,
        reason: BackupReason,
        replace: bool,
        progress: &dyn Progress,
    ) -> Result<BackupInfo> {
        if !replace && std::fs::symlink_metadata(dest).is_ok() {
            return Err(StoreError::Io {
                path: dest.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "the backup file already exists",
                ),
            });
        }
        let seq = match self.path.as_deref() {
            Some(db) => next_seq(db)?,
            None => 0,
        };
        backup_connection(
            &self.conn,
            self.path.as_deref(),
            dest,
            Utc::now(),
            reason,
            seq,
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

    /// True when something was written since the backup taken last (or there is none).
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
    let db = &canonical(db);
    let dir = backups_dir(db);
    crate::files::create_private_dir_all(&dir).map_err(|source| StoreError::Io {
        path: dir.clone(),
        source,
    })?;
    let seq = next_seq(db)?;
    let mut at = Utc::now();
    let mut dest = dir.join(file_name(db, at, reason));
    while std::fs::symlink_metadata(&dest).is_ok() {
        at += Duration::milliseconds(1);
        dest = dir.join(file_name(db, at, reason));
    }
    let mut info = backup_connection(conn, Some(db), &dest, at, reason, seq, progress)?;
    info.thinning = prune(db, Utc::now(), &info)?;
    Ok(info)
}

/// The number the next backup of `db` takes: one more than any of its backups has.
fn next_seq(db: &Path) -> Result<u64> {
    Ok(list_backups(db)?.iter().map(|b| b.seq).max().unwrap_or(0) + 1)
}

/// Copies the database of `conn` into `dest` (see [`Store::backup_to`]).
fn backup_connection(
    conn: &Connection,
    source_path: Option<&Path>,
    dest: &Path,
    taken_at: DateTime<Utc>,
    reason: BackupReason,
    seq: u64,
    progress: &dyn Progress,
) -> Result<BackupInfo> {
    let io = |source| StoreError::Io {
        path: dest.to_path_buf(),
        source,
    };
    let partial = crate::files::with_suffix(dest, ".partial");
    if std::fs::symlink_metadata(&partial).is_ok() && unused(&partial) {
        let _ = std::fs::remove_file(&partial);
    }
    // Owner-only, and locked while it is written, so that the next open's clean-up
    // leaves it alone until it is complete (or its writer was killed).
    let guard = crate::files::private_file(&partial).map_err(|e| disk_error(io(e), dest))?;
    #[cfg(unix)]
    let _ = guard.try_lock();
    let written = copy_into(conn, source_path, &partial, taken_at, reason, seq, progress);
    let (change_seq, counts) = match written {
        Ok(w) => w,
        Err(e) => {
            drop(guard);
            let _ = std::fs::remove_file(&partial);
            let _ = std::fs::remove_file(crate::files::with_suffix(&partial, "-journal"));
            return Err(disk_error(e, dest));
        }
    };
    std::fs::rename(&partial, dest).map_err(io)?;
    drop(guard);
    sync_folder(&crate::files::folder_of(dest));
    progress.finish();
    let bytes = std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        path: dest.to_path_buf(),
        taken_at: truncate_to_millis(taken_at),
        reason,
        seq,
        of_install: read_install_id(conn),
        of_path: source_path.map(canonical),
        change_seq,
        counts,
        bytes,
        thinning: Thinning::NotRun,
    })
}

fn read_install_id(conn: &Connection) -> Option<String> {
    conn.query_row("SELECT value FROM meta WHERE key = 'install_id'", [], |r| {
        r.get(0)
    })
    .optional()
    .ok()
    .flatten()
}

/// The copy itself, into `partial`; returns the change number and counts it holds. A
/// copy that fails SQLite's `integrity_check` is not kept: the database it was taken of
/// is damaged, and the backups from before must stay (nothing is thinned).
fn copy_into(
    conn: &Connection,
    source_path: Option<&Path>,
    partial: &Path,
    taken_at: DateTime<Utc>,
    reason: BackupReason,
    seq: u64,
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
    // The safety copy before a restore keeps the database as it is, sound or not.
    if reason != BackupReason::BeforeRestore {
        let problems = integrity_problems(&copy)?;
        if !problems.is_empty() {
            return Err(StoreError::Damaged {
                path: source_path.map(Path::to_path_buf).unwrap_or_default(),
                detail: problems.join("; "),
            });
        }
    }
    let seq_now: i64 = copy
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
    let source = source_path
        .map(|p| canonical(p).display().to_string())
        .unwrap_or_default();
    copy.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES
         ('backup_taken_at', ?1), ('backup_reason', ?2), ('backup_of', ?3), ('backup_counts', ?4),
         ('backup_seq', ?5)",
        rusqlite::params![
            timestamp(taken_at),
            reason.code(),
            source,
            counts_json,
            seq.to_string()
        ],
    )?;
    copy.close().map_err(|(_, e)| StoreError::from(e))?;
    Ok((seq_now, counts))
}

/// `PRAGMA integrity_check`: every page, every index entry against its row.
fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("PRAGMA integrity_check(10)")?;
        let lines = stmt.query_map([], |r| r.get::<_, String>(0))?;
        lines.collect()
    };
    match run() {
        Ok(lines) => Ok(lines.into_iter().filter(|l| l != "ok").collect()),
        Err(e) => match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase) => {
                Ok(vec![e.to_string()])
            }
            _ => Err(e.into()),
        },
    }
}

impl Store {
    /// `PRAGMA integrity_check` over the whole file (what the window runs in the
    /// background after opening: `quick_check` at open does not compare an index's
    /// entries with their rows). An empty list means sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        integrity_problems(&self.conn)
    }
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
        StoreError::Io { source, .. }
            if matches!(
                source.kind(),
                std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
            ) =>
        {
            StoreError::ReadOnly {
                path: path.to_path_buf(),
            }
        }
        StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => {
            StoreError::DiskFull {
                path: path.to_path_buf(),
            }
        }
        _ => e,
    }
}

/// Reads a backup's own description; from its file name when the file does not say.
fn describe(path: &Path, from_name: (DateTime<Utc>, BackupReason)) -> BackupInfo {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut info = BackupInfo {
        path: path.to_path_buf(),
        taken_at: from_name.0,
        reason: from_name.1,
        seq: 0,
        of_install: None,
        of_path: None,
        change_seq: 0,
        counts: Vec::new(),
        bytes,
        thinning: Thinning::NotRun,
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
    if let Some(seq) = value("backup_seq").and_then(|s| s.parse().ok()) {
        info.seq = seq;
    }
    if let Some(at) = value("backup_taken_at")
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc))
    {
        info.taken_at = at;
    }
    if let Some(reason) = value("backup_reason").and_then(|s| BackupReason::from_code(&s)) {
        info.reason = reason;
    }
    info.of_install = value("install_id");
    info.of_path = value("backup_of").filter(|s| !s.is_empty()).map(PathBuf::from);
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

/// Describes any file offered as a backup (one picked by hand, say from a USB stick):
/// what it says of itself, else its modification time.
pub fn describe_file(path: &Path) -> BackupInfo {
    let from_name = path
        .file_name()
        .and_then(|n| parse_file_name(&n.to_string_lossy()))
        .map(|(_, t, r)| (t, r));
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map(DateTime::<Utc>::from)
        .unwrap_or_else(|_| Utc::now());
    describe(path, from_name.unwrap_or((modified, BackupReason::Manual)))
}

/// Whether `file` is a backup (it describes itself as one), not a database in use: what
/// `backup --out --force` may replace.
pub fn is_backup_file(file: &Path) -> bool {
    super::open_untouched(file)
        .ok()
        .and_then(|c| {
            c.query_row("SELECT 1 FROM meta WHERE key = 'backup_taken_at'", [], |r| {
                r.get::<_, i64>(0)
            })
            .optional()
            .ok()
            .flatten()
        })
        .is_some()
}

/// A database as its backups name it: its canonical path and install id (none when
/// the file cannot be read, e.g. damaged).
#[derive(Clone, Debug)]
struct Identity {
    path: PathBuf,
    install: Option<String>,
}

fn identity(db: &Path) -> Identity {
    let path = canonical(db);
    let install = super::open_untouched(&path)
        .ok()
        .and_then(|c| read_install_id(&c));
    Identity { path, install }
}

fn install_of(file: &Path) -> Option<String> {
    super::open_untouched(file).ok().and_then(|c| read_install_id(&c))
}

/// Whether `backup` is a copy of the database `id`: same install id and taken of its path
/// (or of a path where that database no longer is: it was moved or renamed with its
/// backups). A backup made before backups said which database they are of goes by the
/// file stem, as then, and its install id.
fn belongs(backup: &BackupInfo, id: &Identity) -> bool {
    let same_install = match (&backup.of_install, &id.install) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    if !same_install {
        return false;
    }
    match &backup.of_path {
        Some(of) if backup.seq > 0 => {
            let of_real = canonical(of);
            if crate::files::same_file(&of_real, &id.path) || of_real == id.path {
                return true;
            }
            // Another file is there now: ours only if it is not the same install (then
            // it is a copy of ours, with backups of its own).
            id.install.is_some()
                && backup.of_install.is_some()
                && (!of_real.exists() || install_of(&of_real) != id.install)
        }
        _ => {
            let name = backup.path.file_name().map(|n| n.to_string_lossy().into_owned());
            name.and_then(|n| parse_file_name(&n))
                .is_some_and(|(s, _, _)| s == stem(&id.path))
        }
    }
}

/// Whether `backup` (a file) is a backup of, or a copy of, the database at `db`.
pub fn belongs_to(db: &Path, backup: &BackupInfo) -> bool {
    belongs(backup, &identity(db))
}

/// The backups of `db` (its own, however named: see the module's comment), the one taken
/// last first.
pub fn list_backups(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backups_dir(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(StoreError::Io { path: dir, source }),
    };
    let id = identity(db);
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((_, at, reason)) = parse_file_name(&name) else {
            continue;
        };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let info = describe(&entry.path(), (at, reason));
        if belongs(&info, &id) {
            out.push(info);
        }
    }
    out.sort_by(|a, b| {
        b.seq
            .cmp(&a.seq)
            .then_with(|| b.taken_at.cmp(&a.taken_at))
            .then_with(|| b.path.cmp(&a.path))
    });
    Ok(out)
}

/// Which of these backups (their order taken and time) to delete at `now`: every backup
/// of the last day is kept; of older ones, the newest of each day for two weeks, of each
/// week (Monday to Sunday) for three months, and of each month after that. The
/// [`KEEP_RECENT`] backups taken last are always kept, whatever their dates.
pub fn thin(backups: &[(u64, DateTime<Utc>)], now: DateTime<Utc>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..backups.len()).collect();
    order.sort_by(|a, b| {
        let (x, y) = (backups[*a], backups[*b]);
        y.0.cmp(&x.0).then(y.1.cmp(&x.1))
    });
    let mut seen: HashSet<(u8, i32, u32)> = HashSet::new();
    let mut delete = Vec::new();
    for (rank, i) in order.into_iter().enumerate() {
        let t = backups[i].1;
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
        if !seen.insert(bucket) && rank >= KEEP_RECENT {
            delete.push(i);
        }
    }
    delete.sort_unstable();
    delete
}

/// Whether the clock at `now` agrees with the backup taken before `taken` (the one just
/// made): not earlier than it, nor more than [`CLOCK_AHEAD_DAYS`] after it.
fn clock_check(backups: &[BackupInfo], taken: &BackupInfo, now: DateTime<Utc>) -> Option<Thinning> {
    let previous = backups
        .iter()
        .filter(|b| b.path != taken.path)
        .max_by(|a, b| a.seq.cmp(&b.seq).then(a.taken_at.cmp(&b.taken_at)))?;
    if now < previous.taken_at {
        Some(Thinning::ClockBehind {
            newest: previous.taken_at,
        })
    } else if now - previous.taken_at > Duration::days(CLOCK_AHEAD_DAYS) {
        Some(Thinning::ClockAhead {
            newest: previous.taken_at,
        })
    } else {
        None
    }
}

/// Deletes the backups of `db` that [`thin`] says are no longer kept, unless the clock
/// disagrees with them.
fn prune(db: &Path, now: DateTime<Utc>, taken: &BackupInfo) -> Result<Thinning> {
    let backups = list_backups(db)?;
    if let Some(skipped) = clock_check(&backups, taken, now) {
        return Ok(skipped);
    }
    let times: Vec<(u64, DateTime<Utc>)> = backups.iter().map(|b| (b.seq, b.taken_at)).collect();
    let mut deleted = 0;
    for i in thin(&times, now) {
        // A backup that cannot be deleted now is tried again after the next one.
        if std::fs::remove_file(&backups[i].path).is_ok() {
            deleted += 1;
        }
    }
    Ok(Thinning::Done { deleted })
}

/// Whether nobody is writing `file` (the lock a backup's writer holds on it is free).
fn unused(file: &Path) -> bool {
    #[cfg(unix)]
    {
        match std::fs::File::open(file) {
            Ok(f) => f.try_lock().is_ok(),
            Err(_) => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Windows: a file SQLite is writing cannot be deleted, so trying is safe.
        let _ = file;
        true
    }
}

/// Removes what an interrupted backup or restore of `db` left behind (a process killed
/// part-way): partial copies and their journals in the backups folder, journals and logs
/// whose database is gone, and a restore's file being prepared beside the database.
/// Called with the writer's lock held; a copy another program is still writing is left.
pub fn remove_leftovers(db: &Path) -> Vec<PathBuf> {
    let db = canonical(db);
    let mut removed = Vec::new();
    let mut remove = |p: PathBuf| {
        if std::fs::remove_file(&p).is_ok() {
            removed.push(p);
        }
    };
    if let Ok(entries) = std::fs::read_dir(backups_dir(&db)) {
        let entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        for path in entries {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.ends_with(".partial") {
                if unused(&path) {
                    remove(path);
                }
                continue;
            }
            let main = ["-journal", "-wal", "-shm"]
                .iter()
                .find_map(|s| name.strip_suffix(s));
            if let Some(main) = main {
                let main = path.with_file_name(main);
                let orphan =
                    !main.exists() || (main.to_string_lossy().ends_with(".partial") && unused(&main));
                if orphan {
                    remove(path);
                }
            }
        }
    }
    for leftover in [
        Sidecar::Restoring.of(&db),
        crate::files::with_suffix(&Sidecar::Restoring.of(&db), "-journal"),
    ] {
        if std::fs::symlink_metadata(&leftover).is_ok() {
            remove(leftover);
        }
    }
    removed
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

/// Refuses a backup of another database unless `other_database` (the user's explicit
/// confirmation, naming both): restoring it would put that database's records here.
fn refuse_other(db: &Path, from: &Path, other_database: bool) -> Result<()> {
    if other_database {
        return Ok(());
    }
    let info = describe_file(from);
    if belongs_to(db, &info) {
        return Ok(());
    }
    Err(StoreError::OtherDatabase {
        backup: from.to_path_buf(),
        of_path: info.of_path,
        of_install: info.of_install,
        db: db.to_path_buf(),
    })
}

/// Replaces the database at `db` with the backup `from`, after taking a safety backup of
/// the current file (returned). `from` is checked first and never changed. A database
/// that is not SkillBase's, or that a newer SkillBase wrote, is never overwritten; a
/// damaged one is first copied, byte for byte, into the backups folder. A backup of
/// another database is refused unless `other_database` (the user confirmed it), except
/// over a database that holds no records. Through a symbolic link, the file it points to
/// is restored. `profile` is who the audit trail names.
pub fn restore(
    db: &Path,
    from: &Path,
    profile: &str,
    other_database: bool,
    progress: &dyn Progress,
) -> Result<Option<BackupInfo>> {
    let db = &canonical(db);
    check_backup_file(from)?;
    if db.exists() {
        match super::inspect_existing(db) {
            Ok(_) => {}
            Err(StoreError::Damaged { .. }) => {
                refuse_other(db, from, other_database)?;
                return restore_over_damaged(db, from, profile);
            }
            Err(e) => return Err(e),
        }
    }
    let mut current = Store::open(db)?;
    current.set_profile(profile);
    restore_into(&mut current, from, other_database, progress)
}

/// [`restore`] into a database that is open (the window's): the safety backup, then the
/// backup, prepared beside the database with its audit entry, copied in through SQLite's
/// backup API in one transaction: a crash part-way leaves the current records as they
/// were, and the restore and its audit entry land together. Reopen the store afterwards.
pub fn restore_into(
    current: &mut Store,
    from: &Path,
    other_database: bool,
    progress: &dyn Progress,
) -> Result<Option<BackupInfo>> {
    check_backup_file(from)?;
    let Some(db) = current.path.clone() else {
        return Err(StoreError::Io {
            path: from.to_path_buf(),
            source: std::io::Error::other("an in-memory database has no file to restore"),
        });
    };
    if !current.is_empty()? {
        refuse_other(&db, from, other_database)?;
    }
    let safety = current.backup(BackupReason::BeforeRestore, progress)?;
    let prepared = Sidecar::Restoring.of(&db);
    progress.stage("prepare", 0);
    prepare_restored(from, &prepared, &current.author)?;
    progress.stage("copy", 0);
    let copied = (|| -> Result<()> {
        let source = super::open_untouched(&prepared)?;
        // All pages in one step: one transaction on the database being replaced.
        let backup = rusqlite::backup::Backup::new(&source, &mut current.conn)?;
        while backup.step(-1)? != rusqlite::backup::StepResult::Done {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Ok(())
    })();
    let _ = std::fs::remove_file(&prepared);
    copied.map_err(|e| super::on_disk(e, &db))?;
    current.wrote = true;
    // The copy carries the backup's journal mode; the live database logs ahead again.
    current.conn.pragma_update(None, "journal_mode", "WAL")?;
    Ok(safety)
}

/// Makes `prepared` a copy of `from` ready to be the database: upgraded if it is older
/// than this build, without the backup's description, with the `restore_backup` audit
/// entry (by `author`), in one file (rollback journal), synced.
fn prepare_restored(from: &Path, prepared: &Path, author: &Author) -> Result<()> {
    let io = |source| StoreError::Io {
        path: prepared.to_path_buf(),
        source,
    };
    // A leftover of an interrupted restore: the caller holds the writer's lock.
    let _ = std::fs::remove_file(prepared);
    let _ = std::fs::remove_file(crate::files::with_suffix(prepared, "-journal"));
    drop(crate::files::private_file(prepared).map_err(io)?);
    let written = (|| -> Result<()> {
        let source = super::open_untouched(from)?;
        let mut copy = Connection::open(prepared)?;
        {
            let backup = rusqlite::backup::Backup::new(&source, &mut copy)?;
            while backup.step(-1)? != rusqlite::backup::StepResult::Done {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
        drop(source);
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        copy.pragma_update(None, "foreign_keys", true)?;
        super::migrate(&mut copy, super::schema::CURRENT_VERSION, Some(prepared))?;
        let tx = copy.transaction()?;
        tx.execute_batch(&format!("DELETE FROM meta WHERE key IN ({DESCRIPTION_KEYS})"))?;
        super::write::next_change_seq(&tx)?;
        super::write::audit_whole(
            &tx,
            author,
            "restore_backup",
            &serde_json::json!({ "from": from.display().to_string() }),
        )?;
        tx.commit()?;
        copy.close().map_err(|(_, e)| StoreError::from(e))?;
        std::fs::File::open(prepared)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(prepared);
        let _ = std::fs::remove_file(crate::files::with_suffix(prepared, "-journal"));
    }
    written.map_err(|e| disk_error(e, prepared))
}

/// Copies `from` to a new owner-only file `to`, synced.
fn copy_private(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut source = std::fs::File::open(from)?;
    let mut dest = crate::files::private_file(to)?;
    std::io::copy(&mut source, &mut dest)?;
    dest.sync_all()
}

/// A damaged database is kept as it was (with its write-ahead log, which may hold the
/// last commits) in the backups folder, then replaced by a prepared copy of `from`
/// (renamed into place: the restore and its audit entry are one file).
fn restore_over_damaged(db: &Path, from: &Path, profile: &str) -> Result<Option<BackupInfo>> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    let dir = backups_dir(db);
    crate::files::create_private_dir_all(&dir).map_err(io(&dir))?;
    let mut at = Utc::now();
    let mut kept = dir.join(file_name(db, at, BackupReason::BeforeRestore));
    while std::fs::symlink_metadata(&kept).is_ok() {
        at += Duration::milliseconds(1);
        kept = dir.join(file_name(db, at, BackupReason::BeforeRestore));
    }
    for sidecar in [Sidecar::Wal, Sidecar::Shm] {
        if sidecar.of(db).exists() {
            let to = sidecar.of(&kept);
            copy_private(&sidecar.of(db), &to).map_err(io(&to))?;
        }
    }
    let partial = crate::files::with_suffix(&kept, ".partial");
    let _ = std::fs::remove_file(&partial);
    copy_private(db, &partial).map_err(io(&partial))?;
    std::fs::rename(&partial, &kept).map_err(io(&kept))?;
    let author = Author {
        install_id: install_of(from).unwrap_or_default(),
        profile: profile.to_string(),
    };
    let prepared = Sidecar::Restoring.of(db);
    prepare_restored(from, &prepared, &author)?;
    for sidecar in [Sidecar::Wal, Sidecar::Shm] {
        let _ = std::fs::remove_file(sidecar.of(db));
    }
    std::fs::rename(&prepared, db).map_err(io(db))?;
    sync_folder(&dir);
    sync_folder(&crate::files::folder_of(db));
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
        let db = Path::new("/x/基地-2.sqlite");
        let t = Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 5).unwrap() + Duration::milliseconds(7);
        let name = file_name(db, t, BackupReason::BeforeImport);
        assert_eq!(name, "基地-2-20261201-093005007-import.sqlite");
        assert_eq!(
            parse_file_name(&name),
            Some(("基地-2".to_string(), t, BackupReason::BeforeImport))
        );
        assert_eq!(
            parse_file_name("基地-2-20261201-093005007-import.sqlite.partial"),
            None
        );
        assert_eq!(parse_file_name("notes.sqlite"), None);
    }

    /// A backup every 30 minutes for a year, thinned after each as the app does: what
    /// is left is every backup of the last day, one a day, one a week, one a month.
    #[test]
    fn a_year_of_half_hourly_backups_thins_to_days_weeks_and_months() {
        let start = at(0, 0);
        let mut kept: Vec<(u64, DateTime<Utc>)> = Vec::new();
        let mut now = start;
        let mut seq = 0;
        while now < start + Duration::days(365) {
            seq += 1;
            kept.push((seq, now));
            let gone = thin(&kept, now);
            for i in gone.into_iter().rev() {
                kept.remove(i);
            }
            now += Duration::minutes(30);
        }
        let kept: Vec<DateTime<Utc>> = kept.into_iter().map(|(_, t)| t).collect();
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
    fn the_ten_taken_last_are_kept_however_old_or_dated() {
        let now = at(400, 0);
        assert!(thin(&[(1, at(0, 0))], now).is_empty());
        // Twelve backups of one old day: the ten taken last stay, the first two go.
        let day: Vec<(u64, DateTime<Utc>)> = (1..=12).map(|i| (i, at(0, i as i64))).collect();
        assert_eq!(thin(&day, now), vec![0, 1]);
        // Taken in this order, though a clock three years ahead dated the third: the
        // order taken decides, not the dates.
        let mut jumped: Vec<(u64, DateTime<Utc>)> = (1..=11).map(|i| (i, at(0, i as i64))).collect();
        jumped[2].1 = at(3 * 365, 0);
        let gone = thin(&jumped, at(3 * 365, 1));
        assert!(gone.len() <= 1 && !gone.contains(&2), "{gone:?}");
    }
}
