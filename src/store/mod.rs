//! The store: the only module with SQL.
//!
//! One SQLite file per database, opened in WAL mode with foreign keys on and a busy
//! timeout. [`Store::open`] refuses a file that is not a SkillBase database or that a newer
//! SkillBase wrote, and leaves such a file exactly as it was. Records go in and out
//! through one generic path (`row` turns a record struct into its columns and back), so
//! every register gets the same guarantees: normalised and validated before writing,
//! references checked, a tombstone instead of a delete, a revision count, timestamps,
//! and an audit entry in the same transaction as the change.

pub mod assessment;
mod attachments;
pub mod backup;
mod check;
mod consolidate;
mod create;
mod error;
pub mod exchange;
mod floor;
mod imports;
mod indicators;
mod links;
pub mod live;
pub mod lock;
mod people;
mod person_records;
pub mod row;
pub mod schema;
mod since;
mod studio_log;
mod submission;
mod training;
mod write;
mod year;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::domain::{Id, Meta, Record, RecordKind, Stored, Today};

pub use assessment::{EntryWrite as AssessmentWrite, PackagedAssessments, Side as AssessmentSide};
pub use attachments::{AttachmentMerge, AttachmentRow, AttachmentTotals, FileRefusal, read_file_to_attach};
pub use backup::{BackupInfo, BackupReason};
pub use check::FileCheck;
pub use consolidate::{ConsolidationLoad, LoadOutcome, PackageLoad, RegionalCounts, SharedPerson};
pub use create::check_new_organisation;
pub use error::StoreError;
pub use floor::Floor;
pub use imports::{ImportRecord, ImportSummary};
pub use lock::{LockHolder, WriterLock};
pub use people::{PeoplePage, PeopleQuery, PeopleSort, PersonRow};
pub use person_records::{EnrolmentInCohort, PersonRecords};
pub use since::{ChangedSince, SinceBackup, SubmittedSince};
pub use studio_log::{ApprenticeProgress, PlanMade};
pub use submission::SubmittedReturn;
pub use write::{Bulk, Writer};
pub use year::SharedDocument;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The file name of the default database inside the per-user data directory.
pub const DEFAULT_FILE_NAME: &str = "skillbase.sqlite";

/// The default database: `skillbase.sqlite` in the platform's per-user data directory
/// (`%APPDATA%\SkillBase\SkillBase\data` on Windows, `~/.local/share/skillbase` on Linux).
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "SkillBase", "SkillBase")
        .map(|d| d.data_dir().join(DEFAULT_FILE_NAME))
}

/// A foreign key: `column` of this table refers to an id in `target`.
#[derive(Clone, Debug)]
struct ForeignKey {
    column: String,
    target: RecordKind,
}

/// Who the audit trail names until the user sets a profile name: `SKILLBASE_PROFILE`,
/// else the operating-system user (`USERNAME` on Windows, `USER` elsewhere).
pub fn default_profile_name() -> String {
    ["SKILLBASE_PROFILE", "USERNAME", "USER"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "user".to_string())
}

/// Who is writing: recorded in every audit entry and on every changed record.
#[derive(Clone, Debug)]
pub struct Author {
    /// This database's install id (made when the file was created).
    pub install_id: String,
    /// The profile name from the settings (e.g. the administrator's name).
    pub profile: String,
}

/// An open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    author: Author,
    today: Today,
    /// For each table, the columns that refer to other tables.
    refs: HashMap<RecordKind, Vec<ForeignKey>>,
    /// For each table, the (table, column) pairs that refer to it.
    referrers: HashMap<RecordKind, Vec<(RecordKind, String)>>,
    /// The writer's lock, when this store was opened as the file's one writer.
    lock: Option<WriterLock>,
    /// Opened read-only (another program is the writer): every write is refused.
    read_only: bool,
    /// Opened before its file check ran: every write waits for the check's verdict.
    pending_check: Option<FileCheck>,
    /// A transaction was committed through this store (statistics are refreshed on close).
    wrote: bool,
    /// What opening it did or found, for its user (see [`Store::take_notices`]).
    notices: Vec<Notice>,
    /// Counts this connection among the program's to its file (see [`live`]); declared
    /// after `conn`, so it is dropped after the connection has closed.
    _live: Option<live::Registered>,
}

/// Something opening a database did or found that its user should be told once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Other accounts could read these files or folders: now only their owner can (Unix).
    MadePrivate(Vec<PathBuf>),
    /// Documents held by two live people, left by an older version (found on upgrading;
    /// `check` names them under rule PER04).
    SharedDocuments(u64),
    /// What an interrupted backup or restore left behind, removed.
    LeftoversRemoved(Vec<PathBuf>),
}

/// The schema version from which the database itself refuses a second live person with
/// one document (migration V7): an older file may hold some, reported on upgrading.
const SECOND_PERSON_REFUSED_SINCE: i32 = 7;

/// Takes group's and others' access away from the database, its sidecars, its backups
/// and (when it is the per-user default) its data folder, on Unix; names what changed.
fn make_private(db: &Path) -> Option<Notice> {
    let mut candidates: Vec<PathBuf> = crate::files::Sidecar::ALL.iter().map(|s| s.of(db)).collect();
    let backups = backup::backups_dir(db);
    if let Ok(entries) = std::fs::read_dir(&backups) {
        candidates.extend(entries.flatten().map(|e| e.path()));
    }
    candidates.push(backups);
    let folder = crate::files::folder_of(db);
    if default_db_path().is_some_and(|d| crate::files::folder_of(&d) == folder) {
        candidates.push(folder);
    }
    let changed: Vec<PathBuf> = candidates
        .into_iter()
        .filter(|p| crate::files::make_private(p))
        .collect();
    (!changed.is_empty()).then_some(Notice::MadePrivate(changed))
}

/// A connection that reads `path` and writes nothing to it (see [`Store::open_for_reading`]),
/// with a page cache of `cache_kib`.
fn reading_connection(path: &Path, cache_kib: i64) -> Result<Connection> {
    let wal = crate::files::Sidecar::Wal.of(path);
    let has_log = wal.exists();
    let flags = if has_log {
        // Another program writes it, or one stopped without closing it: the log is read
        // through its index, and a read-only connection never writes the log back.
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        // Nobody has it open: a connection that writes nothing. SQLite makes its -wal and
        // -shm while it is open and removes them when it closes; the file is unchanged.
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let setup = |conn: &Connection| -> rusqlite::Result<()> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "cache_size", -cache_kib)?;
        conn.query_row("SELECT count(*) FROM meta", [], |r| r.get::<_, i64>(0))?;
        Ok(())
    };
    let opened = Connection::open_with_flags(path, flags).and_then(|c| setup(&c).map(|_| c));
    match opened {
        Ok(c) => Ok(c),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::ReadOnly)
            ) =>
        {
            if has_log {
                return Err(StoreError::ReadOnlyWithLog {
                    path: path.to_path_buf(),
                });
            }
            // A write-protected disk: nobody can be writing the file, so it is read as
            // it stands, without its -wal and -shm.
            let c = open_untouched(path).map_err(|e| classify_open_error(e, path))?;
            setup(&c).map_err(|e| classify_open_error(e, path))?;
            Ok(c)
        }
        Err(e) => Err(classify_open_error(e, path)),
    }
}

/// Live and deleted records of one register.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RegisterCount {
    pub kind: RecordKind,
    pub live: u64,
    pub deleted: u64,
}

/// One entry of the audit trail.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub install_id: String,
    pub profile: String,
    pub action: String,
    pub kind: String,
    pub record_id: Option<String>,
    /// `{"field": [old, new]}`
    pub changes: serde_json::Value,
}

/// Which records of a register to list.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// Only records of this organisation (its `org` or `studio` column).
    pub org: Option<uuid::Uuid>,
    /// Include tombstones.
    pub include_deleted: bool,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Page cache of an open store (SQLite's default of 2 MB makes every search re-read pages).
const CACHE_KIB: i64 = 64 * 1024;

/// Page cache of a connection that reads what it needs about once (a command's reading
/// store, a second reader beside a store): SQLite's default. A larger one only grows, a
/// page at a time, and is freed page by page at the end (4% of a return's time).
const READ_ONCE_CACHE_KIB: i64 = 2000;

/// Page cache of the file check, which reads each page once.
const CHECK_CACHE_KIB: i64 = 256;

/// Page cache while a bulk write runs: a large transaction whose pages do not fit is
/// spilled and read back over and over. The benchmark floor uses the same.
pub(crate) const BULK_CACHE_KIB: i64 = 512 * 1024;

impl Store {
    /// Opens (or creates) the database at `path`, upgrading an older schema (after a
    /// backup of it). Takes no lock: see [`Store::open_for_writing`]. The store works on
    /// the database's canonical path (a symbolic link is followed to its file). A new
    /// file is created owner-only; existing ones are made so (see [`Notice`]).
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_checking(path, true)
    }

    /// [`Store::open`]; with `check` false, a database of the current schema with no log
    /// beside it is opened without its file check, which is then left pending on the
    /// store (see [`Store::file_check`]).
    fn open_checking(path: &Path, check: bool) -> Result<Store> {
        let path = &crate::files::canonical(path);
        let folder = crate::files::folder_of(path);
        if !folder.is_dir() {
            return Err(StoreError::NoSuchFolder { path: folder });
        }
        let mut version = 0;
        let mut deferred = false;
        if path.exists() {
            (version, deferred) = inspect(path, check)?;
            if version > 0 && version < schema::CURRENT_VERSION {
                backup_before_upgrade(path)?;
            }
        } else {
            // Owner-only from its first byte; SQLite gives its -wal and -shm the same
            // permissions. Failing here (a read-only folder) is left to SQLite to name.
            let _ = crate::files::private_file(path);
        }
        let conn = Connection::open(path).map_err(|e| classify_open_error(e, path))?;
        let mut store = Store::init(conn, Some(path.to_path_buf())).map_err(|e| on_disk(e, path))?;
        if version > 0 && version < SECOND_PERSON_REFUSED_SINCE {
            let shared = store.documents_held_twice()?.len() as u64;
            if shared > 0 {
                store.notices.push(Notice::SharedDocuments(shared));
            }
        }
        store.notices.extend(make_private(path));
        if deferred {
            store.pending_check = Some(FileCheck::new(path));
        }
        Ok(store)
    }

    /// Another connection to a database this program has open already (the window's
    /// background work): the file was inspected and checked when it was first opened, so
    /// it is not again (a full check of a large file takes seconds).
    pub fn open_another(path: &Path) -> Result<Store> {
        let path = &crate::files::canonical(path);
        if !path.is_file() {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
        let conn = Connection::open(path).map_err(|e| classify_open_error(e, path))?;
        Store::init(conn, Some(path.to_path_buf())).map_err(|e| on_disk(e, path))
    }

    /// Opens the database as its one writer: the window, and every command that writes.
    /// Another program already writing it is named in [`StoreError::InUse`]. What an
    /// interrupted backup or restore left behind is removed (see [`Notice`]).
    pub fn open_for_writing(path: &Path, program: &str) -> Result<Store> {
        Store::open_for_writing_checking(path, program, true)
    }

    /// [`Store::open_for_writing`] without waiting for the file check where it can wait
    /// (the window, whose first frame should not grow with the file): the check is then
    /// [`Store::file_check`], to be run on another thread; writes wait for its verdict.
    pub fn open_for_writing_unchecked(path: &Path, program: &str) -> Result<Store> {
        Store::open_for_writing_checking(path, program, false)
    }

    fn open_for_writing_checking(path: &Path, program: &str, check: bool) -> Result<Store> {
        let lock = WriterLock::acquire(path, program)?;
        Store::open_holding(path, lock, check)
    }

    /// [`Store::open_for_writing`] with the writer's lock already held (the window
    /// reopening its database after a restore: the lock was never let go, so no other
    /// program could take the file in between). On failure the lock is released.
    pub fn open_for_writing_with(path: &Path, lock: WriterLock) -> Result<Store> {
        Store::open_holding(path, lock, true)
    }

    /// Closes this store's connection and gives back the writer's lock it held, if any:
    /// what the window does before a restore replaces the file under it.
    pub fn into_lock(mut self) -> Option<WriterLock> {
        self.lock.take()
    }

    fn open_holding(path: &Path, lock: WriterLock, check: bool) -> Result<Store> {
        let path = crate::files::canonical(path);
        let removed = backup::remove_leftovers(&path);
        let mut store = Store::open_checking(&path, check)?;
        store.lock = Some(lock);
        if !removed.is_empty() {
            store.notices.push(Notice::LeftoversRemoved(removed));
        }
        Ok(store)
    }

    /// Opens an existing database only to read it (while another program writes it).
    /// Nothing is migrated or written; every write is refused with
    /// [`StoreError::ReadOnlyStore`].
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let path = &crate::files::canonical(path);
        if !path.is_file() {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
        let version = inspect_existing(path)?;
        if version != schema::CURRENT_VERSION {
            // Reading an old schema would need the upgrade this mode may not make.
            return Err(StoreError::ReadOnlyOldSchema {
                path: path.to_path_buf(),
            });
        }
        Store::read_only_inspected(path, CACHE_KIB)
    }

    /// [`Store::open_read_only`] of a file [`inspect`] has just looked at and found of
    /// the current schema (so that it is not looked at, and checked, twice), with a page
    /// cache of `cache_kib`.
    fn read_only_inspected(path: &Path, cache_kib: i64) -> Result<Store> {
        let conn = reading_connection(path, cache_kib)?;
        let install_id: String = conn
            .query_row("SELECT value FROM meta WHERE key = 'install_id'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| on_disk(e.into(), path))?
            .unwrap_or_default();
        let mut store = Store::assemble(conn, Some(path.to_path_buf()), install_id, true)?;
        store.notices.extend(make_private(path));
        Ok(store)
    }

    /// Opens an existing database for a command that only reads it (`info`, `check`,
    /// `export`, `audit`, `backup`, a dry run): nothing is written to it, so its bytes
    /// (and its log's) stay as they were, and it opens from a write-protected disk too.
    /// An empty file is refused ([`StoreError::EmptyFile`]), not made a database. An
    /// older schema is upgraded first (after a backup), as by [`Store::open`].
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        Store::open_for_reading_checking(path, true)
    }

    /// [`Store::open_for_reading`] without waiting for the file check where it can wait:
    /// a database of the current schema with no log beside it is opened before its check,
    /// which is then [`Store::file_check`], for the caller to run on another thread while
    /// it reads, and to wait for before it gives anything it read to anyone (`return`
    /// writes no file before the check has passed). The check is the same; a damaged file
    /// is refused all the same, only later.
    pub fn open_for_reading_unchecked(path: &Path) -> Result<Store> {
        Store::open_for_reading_checking(path, false)
    }

    fn open_for_reading_checking(path: &Path, check: bool) -> Result<Store> {
        let path = &crate::files::canonical(path);
        let meta = std::fs::metadata(path).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if meta.len() == 0 {
            return Err(StoreError::EmptyFile {
                path: path.to_path_buf(),
            });
        }
        let (version, deferred) = inspect(path, check)?;
        if version < schema::CURRENT_VERSION {
            return match Store::open(path) {
                Err(StoreError::ReadOnly { .. }) => Err(StoreError::ReadOnlyOldSchema {
                    path: path.to_path_buf(),
                }),
                other => other,
            };
        }
        // A command reads what it needs about once: no large cache to fill.
        let mut store = Store::read_only_inspected(path, READ_ONCE_CACHE_KIB)?;
        if deferred {
            store.pending_check = Some(FileCheck::new(path));
        }
        Ok(store)
    }

    /// Removes the database file this store made, when it holds no record: what a
    /// command that created it and then failed (a consolidation refused for a bad
    /// package) calls, so that no empty database is left behind. A file with any record
    /// is kept; the lock file stays (see `store::lock`).
    pub fn discard_if_empty(store: Store) {
        let Some(path) = store.path.clone() else {
            return;
        };
        if !store.is_empty().unwrap_or(false) {
            return;
        }
        drop(store);
        for sidecar in [
            crate::files::Sidecar::Wal,
            crate::files::Sidecar::Shm,
            crate::files::Sidecar::Journal,
            crate::files::Sidecar::Database,
        ] {
            let _ = std::fs::remove_file(sidecar.of(&path));
        }
    }

    /// What opening the database did or found that its user should hear once (printed by
    /// the command line, shown by the window), taken so it is said once.
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    /// Opens the same file afresh (after a restore replaced its contents), keeping the
    /// writer's lock, the profile and the date. On failure the store stays as it was.
    pub fn reopen(&mut self) -> Result<()> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let mut fresh = if self.read_only {
            Store::open_read_only(&path)?
        } else {
            Store::open(&path)?
        };
        fresh.author.profile = self.author.profile.clone();
        fresh.today = self.today;
        fresh.lock = self.lock.take();
        *self = fresh;
        Ok(())
    }

    /// Lets the file grow by at most `pages` more pages, as a nearly full disk would:
    /// how the tests prove that a full disk writes nothing. Not for real use.
    #[doc(hidden)]
    pub fn limit_growth_for_tests(&self, pages: i64) -> Result<()> {
        let now: i64 = self.conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
        self.conn.pragma_update(None, "max_page_count", now + pages)?;
        Ok(())
    }

    /// Whether this store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A fresh database in memory (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "foreign_keys", true)?;
        if path.is_some() {
            let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                log_warning(&format!("journal_mode is {mode}, not WAL"));
            }
        }
        // A committed record must survive a power cut: sync the WAL on every commit.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        migrate(&mut conn, schema::CURRENT_VERSION, path.as_deref())?;
        // Names written behind the store's back (or by the upgrade) get their sort keys.
        {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            if refresh_name_keys(&tx)? > 0 {
                tx.commit()?;
            }
        }
        let install_id = ensure_install_id(&conn)?;
        Store::assemble(conn, path, install_id, false)
    }

    /// A store over a connection that is set up: its foreign-key maps read, no profile
    /// yet, judged on today's date.
    fn assemble(
        conn: Connection,
        path: Option<PathBuf>,
        install_id: String,
        read_only: bool,
    ) -> Result<Store> {
        let (refs, referrers) = read_foreign_keys(&conn)?;
        let live = path.as_deref().map(live::Registered::new);
        Ok(Store {
            conn,
            path,
            author: Author {
                install_id,
                profile: String::new(),
            },
            today: Today::now(),
            refs,
            referrers,
            lock: None,
            read_only,
            pending_check: None,
            wrote: false,
            notices: Vec::new(),
            _live: live,
        })
    }

    /// The file this store is in (none for an in-memory store).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i32> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// This database's install id: the source named in audit entries and data packages.
    pub fn install_id(&self) -> &str {
        &self.author.install_id
    }

    /// Who the audit trail names for this store's writes (the operator's name).
    pub fn profile(&self) -> &str {
        &self.author.profile
    }

    /// The profile name recorded with every change from now on.
    pub fn set_profile(&mut self, profile: &str) {
        self.author.profile = profile.to_string();
    }

    /// The date records are validated against (tests and imports fix it).
    pub fn set_today(&mut self, today: Today) {
        self.today = today;
    }

    pub fn today(&self) -> Today {
        self.today
    }

    /// Runs `f` in one transaction: all its writes land, or none do.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        self.writable()?;
        let path = self.path.clone();
        self.wrote = true;
        self.write_inner(f).map_err(|e| match &path {
            Some(p) => on_disk(e, p),
            None => e,
        })
    }

    /// Refuses a write to a store opened read-only; holds one to a store whose file
    /// check is pending until it has passed (and refuses it if the check fails).
    fn writable(&self) -> Result<()> {
        if self.read_only {
            return Err(StoreError::ReadOnlyStore {
                path: self.path.clone().unwrap_or_default(),
            });
        }
        if let Some(check) = &self.pending_check {
            check.wait()?;
        }
        Ok(())
    }

    /// The file check this store was opened without, if it was (see
    /// [`Store::open_for_writing_unchecked`]): run it, on another thread, to release the
    /// writes held for it.
    pub fn file_check(&self) -> Option<&FileCheck> {
        self.pending_check.as_ref()
    }

    /// Runs `aside` on a second connection to this store's file, on a thread of its own,
    /// while `here` runs on this one: two reads at once, on two cores (a year's check reads
    /// the year before beside the year). An in-memory store, or a file a second connection
    /// cannot open, runs both here, `here` first: `aside` may wait for what `here` sends
    /// it. Each read sees what was committed when it ran, as every read of a store does.
    pub fn beside<A: Send, H>(
        &self,
        aside: impl FnOnce(&Store) -> A + Send,
        here: impl FnOnce() -> H,
    ) -> (A, H) {
        let Some(other) = self.second_reader() else {
            let here = here();
            return (aside(self), here);
        };
        std::thread::scope(|scope| {
            let aside = scope.spawn(move || aside(&other));
            let here = here();
            match aside.join() {
                Ok(aside) => (aside, here),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    /// Another connection to this store's file that only reads (see [`Store::beside`]):
    /// the file is not looked at again, and the foreign-key maps, author and date are this
    /// store's. None for an in-memory store, or when the file cannot be opened again.
    fn second_reader(&self) -> Option<Store> {
        let path = self.path.as_deref()?;
        // What it reads (the year before, the hosted studios, the year's references) it
        // reads about once.
        let conn = reading_connection(path, READ_ONCE_CACHE_KIB).ok()?;
        Some(Store {
            conn,
            path: Some(path.to_path_buf()),
            author: self.author.clone(),
            today: self.today,
            refs: self.refs.clone(),
            referrers: self.referrers.clone(),
            lock: None,
            read_only: true,
            pending_check: None,
            wrote: false,
            notices: Vec::new(),
            _live: Some(live::Registered::new(path)),
        })
    }

    /// Holds this store's writes until `check` has passed: another connection to a
    /// database opened before its check (the window's background work).
    pub fn hold_writes_for(&mut self, check: FileCheck) {
        self.pending_check = Some(check);
    }

    fn write_inner<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let seq = write::next_change_seq(&tx)?;
        let mut w = Writer::new(&tx, &self.author, self.today, seq, &self.refs, &self.referrers);
        let out = f(&mut w)?;
        refresh_name_keys(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Normalises, validates and saves a new record.
    pub fn insert<R: Record>(&mut self, record: R) -> Result<Id<R>> {
        self.write(|w| w.insert(record))
    }

    /// Normalises, validates and saves a changed record.
    pub fn update<R: Record>(&mut self, id: Id<R>, record: R) -> Result<()> {
        self.write(|w| w.update(id, record))
    }

    /// Deletes a record, leaving a tombstone.
    pub fn delete<R: Record>(&mut self, id: Id<R>) -> Result<()> {
        self.write(|w| w.delete(id))
    }

    /// Undoes a delete.
    pub fn restore<R: Record>(&mut self, id: Id<R>) -> Result<()> {
        self.write(|w| w.restore(id))
    }

    /// Writes many records quickly in one transaction, with one audit entry for the batch:
    /// demo data and bulk loads. The caller is responsible for valid records.
    pub fn bulk<T>(&mut self, label: &str, f: impl FnOnce(&mut Bulk<'_>) -> Result<T>) -> Result<T> {
        self.writable()?;
        let path = self.path.clone();
        self.wrote = true;
        self.bulk_inner(label, f).map_err(|e| match &path {
            Some(p) => on_disk(e, p),
            None => e,
        })
    }

    fn bulk_inner<T>(&mut self, label: &str, f: impl FnOnce(&mut Bulk<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let seq = write::next_change_seq(&tx)?;
        let out = (|| -> Result<T> {
            let mut b = Bulk::new(&tx, &self.author, seq);
            let out = f(&mut b)?;
            b.finish(label)?;
            refresh_name_keys(&tx)?;
            Ok(out)
        })();
        let out = out.and_then(|out| {
            tx.commit()?;
            Ok(out)
        });
        self.conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        let out = out?;
        // A bulk load changes the tables' shape: without fresh statistics the planner
        // scans a table through an unrelated index (ten times slower people searches).
        self.conn
            .execute_batch("PRAGMA analysis_limit = 1000; ANALYZE;")?;
        Ok(out)
    }

    /// A record by id, live or deleted.
    pub fn get<R: Record>(&self, id: Id<R>) -> Result<Stored<R>> {
        write::get(&self.conn, id)
    }

    /// The records of one register, oldest first.
    pub fn list<R: Record>(&self, scope: &Scope) -> Result<Vec<Stored<R>>> {
        let table = R::KIND.code();
        let org_column = ["org", "studio"].into_iter().find(|c| {
            self.refs.get(&R::KIND).is_some_and(|fks| {
                fks.iter()
                    .any(|fk| fk.column == *c && fk.target == RecordKind::Organisation)
            })
        });
        let mut sql = format!("SELECT * FROM {table} WHERE 1=1");
        if !scope.include_deleted {
            sql.push_str(" AND deleted_at IS NULL");
        }
        let mut params: Vec<String> = Vec::new();
        if let (Some(org), Some(col)) = (scope.org, org_column) {
            sql.push_str(&format!(" AND {col} = ?1"));
            params.push(org.hyphenated().to_string());
        }
        sql.push_str(" ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let names = row::ColumnNames::of(&stmt);
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(write::stored_from_row::<R>(&row::NamedRow::new(r, &names)))
        })?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }

    /// Live and deleted records per register.
    pub fn counts(&self) -> Result<Vec<RegisterCount>> {
        counts_of(&self.conn)
    }

    /// Each register's live records that belong to one organisation: its own, its
    /// hosted studios (organisations), the people it trained, taught or apprenticed and
    /// their certificates, and the records under its cohorts, facilities and teachers.
    /// What a studio's (or a base's) home screen counts when the database holds others.
    pub fn counts_for(&self, org: Id<crate::domain::org::Organisation>) -> Result<Vec<RegisterCount>> {
        let people = "SELECT e.person FROM cohort c JOIN enrolment e ON e.cohort = c.id
                       WHERE c.org = ?1 AND e.deleted_at IS NULL AND c.deleted_at IS NULL
                      UNION SELECT a.apprentice FROM apprenticeship a WHERE a.studio = ?1 AND a.deleted_at IS NULL
                      UNION SELECT a.master FROM apprenticeship a WHERE a.studio = ?1 AND a.deleted_at IS NULL
                      UNION SELECT t.person FROM teacher t WHERE t.org = ?1 AND t.deleted_at IS NULL";
        let mut out = Vec::with_capacity(RecordKind::ALL.len());
        for kind in RecordKind::ALL {
            let table = kind.code();
            let filter = match kind {
                RecordKind::Organisation => "(x.id = ?1 OR x.host = ?1)".to_string(),
                RecordKind::Person => format!("x.id IN ({people})"),
                RecordKind::Qualification => format!("x.person IN ({people})"),
                RecordKind::Enrolment => {
                    "x.cohort IN (SELECT id FROM cohort WHERE org = ?1 AND deleted_at IS NULL)".to_string()
                }
                RecordKind::FacilityOccupation => {
                    "x.facility IN (SELECT id FROM facility WHERE org = ?1 AND deleted_at IS NULL)"
                        .to_string()
                }
                RecordKind::TeacherTraining => {
                    "x.teacher IN (SELECT id FROM teacher WHERE org = ?1 AND deleted_at IS NULL)".to_string()
                }
                RecordKind::Apprenticeship => "x.studio = ?1".to_string(),
                RecordKind::PlanStage | RecordKind::LogEntry => {
                    "x.apprenticeship IN (SELECT id FROM apprenticeship WHERE studio = ?1 AND deleted_at IS NULL)"
                        .to_string()
                }
                // The region's indicator sets belong to no organisation: none are its own
                // (the organisation's id is bound, so named, though no row matches it).
                RecordKind::IndicatorSet | RecordKind::Indicator => "?1 IS NULL".to_string(),
                // Every other register names its organisation in `org`; listed, so a new
                // register must say how it is counted here.
                RecordKind::CoursePackage
                | RecordKind::Cohort
                | RecordKind::Facility
                | RecordKind::CapacityDeclaration
                | RecordKind::PublicService
                | RecordKind::Achievement
                | RecordKind::Teacher
                | RecordKind::Competition
                | RecordKind::Award
                | RecordKind::Fund
                | RecordKind::StageTemplate => "x.org = ?1".to_string(),
            };
            let live: i64 = self.conn.query_row(
                &format!("SELECT count(*) FROM {table} x WHERE x.deleted_at IS NULL AND {filter}"),
                [org.to_string()],
                |r| r.get(0),
            )?;
            out.push(RegisterCount {
                kind: *kind,
                live: live as u64,
                deleted: 0,
            });
        }
        Ok(out)
    }

    /// True when no register holds any record, live or deleted.
    pub fn is_empty(&self) -> Result<bool> {
        self.holds_none_of(RecordKind::ALL)
    }

    /// True when none of these registers holds any record, live or deleted.
    pub(crate) fn holds_none_of(&self, kinds: &[RecordKind]) -> Result<bool> {
        for kind in kinds {
            let any: Option<i64> = self
                .conn
                .query_row(&format!("SELECT 1 FROM {} LIMIT 1", kind.code()), [], |r| {
                    r.get(0)
                })
                .optional()?;
            if any.is_some() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The audit trail of one record, oldest first.
    pub fn audit_for(&self, record_id: &str) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at, install_id, profile, action, kind, record_id, changes
             FROM audit_log WHERE record_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([record_id], audit_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The most recent audit entries, newest first.
    pub fn audit_recent(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at, install_id, profile, action, kind, record_id, changes
             FROM audit_log ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], audit_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The whole audit trail, oldest first (what its export writes).
    pub fn audit_all(&self) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at, install_id, profile, action, kind, record_id, changes
             FROM audit_log ORDER BY seq",
        )?;
        let rows = stmt.query_map([], audit_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: an empty list means sound.
    pub fn check_integrity(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "foreign key: {} row {} -> {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?
            ))
        })?;
        for row in rows {
            problems.push(row?);
        }
        Ok(problems)
    }

    /// The columns of a register's table, in order (bookkeeping first, then the fields).
    pub fn columns(&self, kind: RecordKind) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare(&format!("PRAGMA table_info({})", kind.code()))?;
        let names = stmt.query_map([], |r| r.get::<_, String>("name"))?;
        Ok(names.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Low-level access for the store's own submodules and benchmarks in this module tree.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Statistics for the next open's query plans, after writes only: a store that
        // only read leaves the file byte for byte as it was. Nothing to report if it
        // cannot run.
        if !self.read_only && self.wrote {
            let _ = self.conn.execute_batch("PRAGMA optimize;");
        }
    }
}

/// A full disk, a read-only folder or a damaged file, named as such with the file.
pub(crate) fn on_disk(e: StoreError, path: &Path) -> StoreError {
    if let StoreError::Damaged {
        path: unnamed,
        detail,
    } = &e
        && unnamed.as_os_str().is_empty()
    {
        return StoreError::Damaged {
            path: path.to_path_buf(),
            detail: detail.clone(),
        };
    }
    let StoreError::Sqlite(inner) = &e else {
        return e;
    };
    match inner.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull {
            path: path.to_path_buf(),
        },
        Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::CannotOpen) => StoreError::ReadOnly {
            path: path.to_path_buf(),
        },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: path.to_path_buf(),
            detail: inner.to_string(),
        },
        _ => e,
    }
}

/// Opens a file to read it without leaving a trace: read-only, and, when no write-ahead
/// log lies beside it (so nothing is pending), as "immutable", so SQLite creates no `-wal`
/// or `-shm` files next to it either. With a log beside it (a program writing it, or one
/// that crashed), the log must be read too, so the file is opened plainly read-only.
pub(crate) fn open_untouched(path: &Path) -> rusqlite::Result<Connection> {
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if Path::new(&wal).exists() {
        return Connection::open_with_flags(path, flags);
    }
    Connection::open_with_flags(
        sqlite_uri(path, "immutable=1"),
        flags | OpenFlags::SQLITE_OPEN_URI,
    )
}

/// A file's path as an SQLite URI with `query` (`file:/home/x/a.sqlite?immutable=1`,
/// `file:///C:/x/a.sqlite?…` on Windows), escaping what a URI reserves.
fn sqlite_uri(path: &Path, query: &str) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut text = absolute.to_string_lossy().replace('\\', "/");
    if !text.starts_with('/') {
        text.insert(0, '/'); // C:/x → /C:/x, as file:///C:/x wants
    }
    let mut out = String::from("file://");
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    format!("{out}?{query}")
}

/// Before an old schema is upgraded, a copy of the file as it was goes into the
/// backups folder (through a read-only connection: the file itself is not touched).
fn backup_before_upgrade(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify_open_error(e, path))?;
    backup::backup_into_folder(&conn, path, BackupReason::BeforeUpgrade, &crate::progress::Silent)?;
    Ok(())
}

/// `PRAGMA quick_check`: every page readable, every index in step with its table.
pub(crate) fn verify(conn: &Connection, path: &Path) -> Result<()> {
    let damaged = |detail: String| StoreError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    let mut problems = Vec::new();
    let run = || -> rusqlite::Result<Vec<String>> {
        // The check reads each page once: a small page cache, whose pages are reused
        // rather than a new one allocated for every page read (on a thread of its own,
        // each allocation grew that thread's heap by a page, a system call each).
        // Should it not be set, SQLite's default cache serves: no reason to fail the check.
        let _ = conn.pragma_update(None, "cache_size", -CHECK_CACHE_KIB);
        let mut stmt = conn.prepare("PRAGMA quick_check(3)")?;
        let lines = stmt.query_map([], |r| r.get::<_, String>(0))?;
        lines.collect()
    };
    match run() {
        Ok(lines) => problems.extend(lines.into_iter().filter(|l| l != "ok")),
        Err(e) => match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase) => {
                problems.push(e.to_string())
            }
            _ => return Err(e.into()),
        },
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(damaged(problems.join("; ")))
    }
}

fn audit_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    let changes: String = r.get(7)?;
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        install_id: r.get(2)?,
        profile: r.get(3)?,
        action: r.get(4)?,
        kind: r.get(5)?,
        record_id: r.get(6)?,
        changes: serde_json::from_str(&changes).unwrap_or(serde_json::Value::Null),
    })
}

fn log_warning(message: &str) {
    eprintln!("skillbase: {message}");
}

/// Live and deleted records per register of a connection's database (an open store's,
/// or a backup being described). A register an older schema has no table for has none.
pub(crate) fn counts_of(conn: &Connection) -> Result<Vec<RegisterCount>> {
    let mut out = Vec::with_capacity(RecordKind::ALL.len());
    let tables: std::collections::HashSet<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for kind in RecordKind::ALL {
        if !tables.contains(kind.code()) {
            out.push(RegisterCount {
                kind: *kind,
                live: 0,
                deleted: 0,
            });
            continue;
        }
        let (total, deleted): (i64, i64) = conn.query_row(
            &format!("SELECT count(*), count(deleted_at) FROM {}", kind.code()),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        out.push(RegisterCount {
            kind: *kind,
            live: (total - deleted) as u64,
            deleted: deleted as u64,
        });
    }
    Ok(out)
}

/// Looks at an existing file without changing it: is it a sound SkillBase database this
/// build can open? Returns its schema version (0 for an empty file).
pub(crate) fn inspect_existing(path: &Path) -> Result<i32> {
    inspect(path, true).map(|(version, _)| version)
}

/// [`inspect_existing`]; with `check` false, the file check of a database of the current
/// schema with no log beside it is left out, and the second value says so.
fn inspect(path: &Path, check: bool) -> Result<(i32, bool)> {
    if live::open_here(&crate::files::canonical(path)) > 0 {
        return inspect_open_here(path, check);
    }
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len == 0 {
        return Ok((0, false)); // an empty file is a new database
    }
    let mut header = [0u8; 16];
    if len < 16 || file.read_exact(&mut header).is_err() || &header != SQLITE_MAGIC {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    drop(file);
    let wal = crate::files::Sidecar::Wal.of(path);
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    if wal_len > 0 {
        check_wal_header(path, &wal)?;
    }
    let conn = open_untouched(path).map_err(|e| match classify_open_error(e, path) {
        StoreError::ReadOnly { .. } if wal_len > 0 => StoreError::ReadOnlyWithLog {
            path: path.to_path_buf(),
        },
        e => e,
    })?;
    let mut deferred = false;
    let checked = probe(&conn)
        .map_err(|e| classify_open_error(e, path))
        .and_then(|p| {
            judge(&p, path)?;
            if p.objects > 0 {
                if check || wal_len > 0 || p.version != schema::CURRENT_VERSION {
                    verify(&conn, path)?;
                } else {
                    deferred = true;
                }
            }
            Ok(p)
        });
    drop(conn);
    let found = match checked {
        // A log that cannot be read where it lies (a write-protected disk without its
        // -shm): said as such, not as a write refused.
        Err(StoreError::ReadOnly { .. }) if wal_len > 0 => {
            return Err(StoreError::ReadOnlyWithLog {
                path: path.to_path_buf(),
            });
        }
        checked if wal_len > 0 => wal_belongs(path, &wal, checked)?,
        checked => checked?,
    };
    Ok((found.version, deferred))
}

/// [`inspect`] of a file this program has open already (the window reopening after a
/// restore, a task's connection): only through SQLite, which keeps its own handle of the
/// file open until the program's other connections have released their locks. The
/// header read and the "immutable" look would close a handle of the file and so drop
/// every lock the program holds on it (see [`live`]). The file was inspected when the
/// program first opened it; a log beside it is the program's own.
fn inspect_open_here(path: &Path, check: bool) -> Result<(i32, bool)> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify_open_error(e, path))?;
    let p = probe(&conn).map_err(|e| classify_open_error(e, path))?;
    judge(&p, path)?;
    if check && p.objects > 0 {
        verify(&conn, path)?;
    }
    Ok((p.version, false))
}

/// Refuses another program's database, or a newer SkillBase's.
fn judge(p: &Probe, path: &Path) -> Result<()> {
    if p.app != schema::APPLICATION_ID && p.objects > 0 {
        return Err(StoreError::ForeignDatabase {
            path: path.to_path_buf(),
        });
    }
    if p.version > schema::CURRENT_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: p.version,
            supported: schema::CURRENT_VERSION,
        });
    }
    Ok(())
}

/// What a look at a database finds: its application id, schema version, number of
/// schema objects and install id.
#[derive(Clone, Debug, PartialEq)]
struct Probe {
    app: i32,
    version: i32,
    objects: i64,
    install_id: Option<String>,
}

fn probe(conn: &Connection) -> rusqlite::Result<Probe> {
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    let install_id = conn
        .query_row("SELECT value FROM meta WHERE key = 'install_id'", [], |r| {
            r.get::<_, String>(0)
        })
        .ok();
    Ok(Probe {
        app,
        version,
        objects,
        install_id,
    })
}

/// A log SQLite would apply must at least be a log, of the database's page size.
fn check_wal_header(path: &Path, wal: &Path) -> Result<()> {
    let foreign = |detail: &str| StoreError::ForeignWal {
        path: path.to_path_buf(),
        wal: wal.to_path_buf(),
        detail: detail.to_string(),
    };
    let read = |p: &Path, n: usize| -> std::io::Result<Vec<u8>> {
        let mut buf = vec![0u8; n];
        std::fs::File::open(p)?.read_exact(&mut buf)?;
        Ok(buf)
    };
    let Ok(log) = read(wal, 32) else {
        return Err(foreign("shorter than a log's header"));
    };
    let magic = u32::from_be_bytes([log[0], log[1], log[2], log[3]]);
    if magic != 0x377f_0682 && magic != 0x377f_0683 {
        return Err(foreign("not an SQLite log"));
    }
    let log_page = u32::from_be_bytes([log[8], log[9], log[10], log[11]]);
    if let Ok(header) = read(path, 100) {
        let page = match u16::from_be_bytes([header[16], header[17]]) {
            1 => 65536,
            n => u32::from(n),
        };
        if page != log_page {
            return Err(foreign("another page size"));
        }
    }
    Ok(())
}

/// With a log beside it, the database as SQLite would see it (`with_log`) is set against
/// the file alone: a log that names another install, or makes a sound file damaged, is
/// not this database's and must not be applied.
fn wal_belongs(path: &Path, wal: &Path, with_log: Result<Probe>) -> Result<Probe> {
    let foreign = |detail: &str| StoreError::ForeignWal {
        path: path.to_path_buf(),
        wal: wal.to_path_buf(),
        detail: detail.to_string(),
    };
    let alone = || -> Result<Probe> {
        let conn = Connection::open_with_flags(
            sqlite_uri(path, "immutable=1"),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|e| classify_open_error(e, path))?;
        let p = probe(&conn).map_err(|e| classify_open_error(e, path))?;
        Ok(p)
    };
    match with_log {
        Ok(seen) => {
            if let Ok(file) = alone()
                && file.objects > 0
                && (file.app != seen.app
                    || matches!((&file.install_id, &seen.install_id), (Some(a), Some(b)) if a != b))
            {
                return Err(foreign("it names another database"));
            }
            Ok(seen)
        }
        Err(
            e @ (StoreError::Damaged { .. }
            | StoreError::NotADatabase { .. }
            | StoreError::ForeignDatabase { .. }),
        ) => {
            // Refused with the log: is the file sound without it?
            let file_alone_sound = alone().is_ok_and(|p| p.objects > 0 && judge(&p, path).is_ok())
                && Connection::open_with_flags(
                    sqlite_uri(path, "immutable=1"),
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX
                        | OpenFlags::SQLITE_OPEN_URI,
                )
                .map_err(StoreError::from)
                .and_then(|c| verify(&c, path))
                .is_ok();
            if file_alone_sound {
                Err(foreign("the file is sound without it and damaged with it"))
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

fn classify_open_error(e: rusqlite::Error, path: &Path) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
        },
        _ => on_disk(StoreError::from(e), path),
    }
}

/// Gives every name written since (its `person_order` key still `'~' || name`, as the
/// schema's triggers write it) its real sort key: by pinyin, other scripts after
/// (`domain::text::name_sort_key`). Run inside each transaction that writes, and when a
/// file is opened for writing. Reads only the rows waiting, through the key's index.
pub(crate) fn refresh_name_keys(conn: &Connection) -> rusqlite::Result<usize> {
    let waiting: Vec<(String, String)> = {
        let mut stmt =
            conn.prepare_cached("SELECT person, substr(key, 2) FROM person_order WHERE key >= '~'")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut update = conn.prepare_cached("UPDATE person_order SET key = ?1 WHERE person = ?2")?;
    for (person, name) in &waiting {
        update.execute(rusqlite::params![
            crate::domain::text::name_sort_key(name),
            person
        ])?;
    }
    Ok(waiting.len())
}

/// Applies the migrations up to `target` in one transaction.
pub(crate) fn migrate(conn: &mut Connection, target: i32, path: Option<&Path>) -> Result<()> {
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > schema::CURRENT_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.map(Path::to_path_buf).unwrap_or_default(),
            found: version,
            supported: schema::CURRENT_VERSION,
        });
    }
    if version >= target {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    for migration in &schema::MIGRATIONS[version as usize..target as usize] {
        tx.execute_batch(migration)?;
    }
    tx.pragma_update(None, "user_version", target)?;
    tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

fn ensure_install_id(conn: &Connection) -> Result<String> {
    let existing: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'install_id'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = uuid::Uuid::now_v7().hyphenated().to_string();
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('install_id', ?1), ('created_at', ?2), ('change_seq', '0')",
        rusqlite::params![id, timestamp(Utc::now())],
    )?;
    Ok(id)
}

type ForeignKeyMaps = (
    HashMap<RecordKind, Vec<ForeignKey>>,
    HashMap<RecordKind, Vec<(RecordKind, String)>>,
);

fn read_foreign_keys(conn: &Connection) -> Result<ForeignKeyMaps> {
    let mut refs: HashMap<RecordKind, Vec<ForeignKey>> = HashMap::new();
    let mut referrers: HashMap<RecordKind, Vec<(RecordKind, String)>> = HashMap::new();
    for kind in RecordKind::ALL {
        let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list({})", kind.code()))?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>("table")?, r.get::<_, String>("from")?))
        })?;
        for row in rows {
            let (table, column) = row?;
            if let Some(target) = RecordKind::from_code(&table) {
                refs.entry(*kind).or_default().push(ForeignKey {
                    column: column.clone(),
                    target,
                });
                referrers.entry(target).or_default().push((*kind, column));
            }
        }
    }
    Ok((refs, referrers))
}

/// A stored timestamp (UTC, RFC 3339: "2026-12-01T22:30:38.115Z") as people read it: in
/// the computer's time zone, to the second. Anything else is shown as it is.
pub fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

/// The text form of every stored timestamp: UTC, milliseconds, `Z`.
pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// The bookkeeping columns every record table starts with, in order.
pub const BOOKKEEPING_COLUMNS: &[&str] = &[
    "id",
    "created_at",
    "updated_at",
    "deleted_at",
    "rev",
    "changed_by",
    "change_seq",
];

pub(crate) fn meta_columns() -> &'static [&'static str] {
    BOOKKEEPING_COLUMNS
}

/// A text column of a row; a value of another type is named as the column's.
pub(crate) fn row_text(row: &impl row::ByName, column: &str) -> Result<String> {
    row.get(column).map_err(|e| column_error(column, e))
}

fn column_error(column: &str, e: rusqlite::Error) -> StoreError {
    StoreError::Row(row::RowError::Column {
        column: column.to_string(),
        message: e.to_string(),
    })
}

pub(crate) fn meta_from_row(row: &impl row::ByName) -> Result<Meta> {
    let parse = |column: &str, text: String| -> Result<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                StoreError::Row(row::RowError::Column {
                    column: column.to_string(),
                    message: e.to_string(),
                })
            })
    };
    let deleted: Option<String> = row.get("deleted_at").map_err(|e| column_error("deleted_at", e))?;
    Ok(Meta {
        created_at: parse("created_at", row_text(row, "created_at")?)?,
        updated_at: parse("updated_at", row_text(row, "updated_at")?)?,
        deleted_at: deleted.map(|d| parse("deleted_at", d)).transpose()?,
        rev: row.get("rev").map_err(|e| column_error("rev", e))?,
        changed_by: row_text(row, "changed_by")?,
        change_seq: row.get("change_seq").map_err(|e| column_error("change_seq", e))?,
    })
}

#[cfg(test)]
mod tests;
