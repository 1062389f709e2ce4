//! Keeping the window's database safe: opening it as its one writer (or read-only while
//! another program writes it), offering the newest backup when it is damaged, backups
//! every 30 minutes when something changed and when the window closes, restoring a
//! backup, and exporting the audit trail.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::AppState;
use super::tasks::{Lost, Opener, Task};
use crate::i18n::{Lang, Localize, safety};
use crate::store::{BackupInfo, BackupReason, Store, StoreError, backup, live};

/// How often the window backs up while it runs (when something changed).
pub const BACKUP_EVERY: Duration = Duration::from_secs(30 * 60);

/// How long a restore waits for the screens' background readers to close their
/// connections before it gives up (and changes nothing).
pub const READERS_CLOSE_WITHIN: Duration = Duration::from_secs(60);

/// What a restore's thread ends with: the time of the backup restored (or why not), and
/// the writer's lock the window reopens with.
pub type RestoreEnd = (Result<String, String>, Option<crate::store::WriterLock>);

/// Why the window's database is not open for writing, when it is not.
#[derive(Clone, Debug, PartialEq)]
pub enum OpenProblem {
    /// Another program is its writer: it can be opened read-only.
    InUse,
    /// It is on a write-protected disk or in a folder this account cannot write: it can
    /// be opened read-only.
    ReadOnlyDisk,
    /// It fails SQLite's integrity check: the newest backup, if any, is offered.
    Damaged { newest: Option<BackupInfo> },
    /// Anything else (not a database, a newer version's, a missing folder): the message says.
    Other,
}

/// The window's own backups and restores, besides the one long job.
#[derive(Default)]
pub struct SafetyState {
    /// When the window last looked whether a periodic backup is due.
    pub last_backup_check: Option<Instant>,
    /// A backup running on its own thread.
    pub backup: Option<Task<Result<Option<BackupInfo>, String>>>,
    /// A restore running on its own thread (the window waits for it to reopen); it gives
    /// the time of the backup restored, as people read it, and hands back the writer's
    /// lock the window kept through it.
    pub restore: Option<Task<RestoreEnd>>,
    /// Bumped when a backup or restore of the window's own has ended: the 备份 screen
    /// lists the backups again.
    pub backups_changed: u64,
    /// Who holds the database, when the window opened it read-only.
    pub read_only_holder: Option<String>,
    /// The file check (`quick_check`) the window opened its database without, running on
    /// its own thread; the store holds every write until it has passed.
    pub file_check: Option<Task<Result<(), StoreError>>>,
    /// SQLite's full `integrity_check`, run once in the background after opening (after
    /// the file check).
    pub integrity: Option<Task<Result<Vec<String>, String>>>,
    /// Whether that check was started (once per opened database).
    pub integrity_started: bool,
    /// What the check found wrong (shown until the database is restored).
    pub damage: Option<String>,
}

/// Opens the window's database as its writer; says why when it cannot. With `defer`, the
/// file check is left to [`AppState::start_file_check`] (the window's first start),
/// else it runs here (reopening after a restore or a retry).
pub fn open_writer(opener: &Opener, defer: bool, lang: Lang) -> (Result<Store, String>, Option<OpenProblem>) {
    let opened = if defer {
        Store::open_for_writing_unchecked(&opener.path, "app")
    } else {
        Store::open_for_writing(&opener.path, "app")
    };
    let opened = opened.map(|mut store| {
        store.set_profile(&opener.profile);
        if let Some(today) = opener.today {
            store.set_today(today);
        }
        store
    });
    match opened {
        Ok(store) => (Ok(store), None),
        Err(e) => {
            let problem = open_problem(&e, &opener.path);
            (Err(e.localize(lang)), Some(problem))
        }
    }
}

/// Why a database could not be opened, as the window offers a way on.
fn open_problem(e: &StoreError, path: &Path) -> OpenProblem {
    match e {
        StoreError::InUse { .. } => OpenProblem::InUse,
        StoreError::ReadOnly { .. } => OpenProblem::ReadOnlyDisk,
        StoreError::Damaged { .. } => OpenProblem::Damaged {
            newest: backup::list_backups(path).ok().and_then(|b| b.into_iter().next()),
        },
        _ => OpenProblem::Other,
    }
}

/// A backup's time as people read it.
pub fn when(b: &BackupInfo) -> String {
    b.taken_at
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

impl AppState {
    /// Tells the user, once, what opening the database did or found (permissions
    /// tightened, leftovers of an interrupted backup removed, duplicates an older version
    /// left).
    pub(super) fn tell_notices(&mut self) {
        let lang = self.lang();
        if let Ok(store) = &mut self.store {
            for n in store.take_notices() {
                self.notes.info(n.localize(lang));
            }
        }
    }

    /// Opens the database read-only (another program writes it).
    pub fn open_read_only(&mut self) {
        let lang = self.lang();
        let holder = self.store.as_ref().err().cloned();
        match Store::open_read_only(&self.opener.path) {
            Ok(store) => {
                self.store = Ok(store);
                self.open_problem = None;
                self.opener.read_only = true;
                self.opener.check = None;
                self.safety.read_only_holder = holder;
                self.safety.integrity_started = false;
                self.tell_notices();
                self.changed();
            }
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }

    /// Tries to open the database as its writer again.
    pub fn retry_open(&mut self) {
        self.opener.read_only = false;
        self.opener.check = None;
        let (store, problem) = open_writer(&self.opener, false, self.lang());
        self.store = store;
        self.open_problem = problem;
        self.safety.read_only_holder = None;
        self.safety.integrity_started = false;
        self.tell_notices();
        self.changed();
    }

    /// Whether the window may write (opened as the writer, not read-only).
    pub fn writable(&self) -> bool {
        matches!(&self.store, Ok(s) if !s.is_read_only())
    }

    /// Starts a backup on its own thread now (`Manual`) or when one is due (`Periodic`:
    /// every [`BACKUP_EVERY`], only when something changed since the newest backup).
    pub fn start_backup(&mut self, reason: BackupReason, ctx: &egui::Context) {
        if self.safety.backup.is_some() || !self.writable() {
            return;
        }
        let opener = self.opener.clone();
        let lang = self.lang();
        let title = safety::text(lang).backing_up.to_string();
        self.safety.backup = Some(Task::spawn(title, ctx, move |progress| {
            let store = opener.open().map_err(|e| e.localize(lang))?;
            if reason == BackupReason::Periodic
                && !store.changed_since_last_backup().map_err(|e| e.localize(lang))?
            {
                return Ok(None);
            }
            store.backup(reason, progress).map_err(|e| e.localize(lang))
        }));
    }

    /// Each frame: start a periodic backup when due, collect finished backups and restores.
    /// True when a restore has just replaced the database, or the file check has just
    /// closed it (the shell closes the open form).
    pub fn watch_safety(&mut self, ctx: &egui::Context) -> bool {
        let due = self
            .safety
            .last_backup_check
            .is_none_or(|t| t.elapsed() >= BACKUP_EVERY);
        if self.safety.last_backup_check.is_none() {
            // The first check is one interval after the window opened.
            self.safety.last_backup_check = Some(Instant::now());
        } else if due {
            self.safety.last_backup_check = Some(Instant::now());
            self.start_backup(BackupReason::Periodic, ctx);
        }
        self.poll_backup(ctx);
        let restored = self.poll_restore(ctx);
        let refused = self.watch_file_check(ctx);
        self.watch_integrity(ctx);
        restored || refused
    }

    /// Starts the file check the window opened its database without (the first frame
    /// does not wait for it), on its own thread; the store and the connections of the
    /// window's tasks hold their writes until it has passed.
    pub fn start_file_check(&mut self, ctx: &egui::Context) {
        let Ok(store) = &self.store else { return };
        let Some(check) = store.file_check().cloned() else {
            return;
        };
        self.opener.check = Some(check.clone());
        let title = safety::text(self.lang()).checking.to_string();
        self.safety.file_check = Some(Task::spawn(title, ctx, move |_| check.run()));
    }

    /// The file check's verdict: a damaged file is refused as at opening (the store
    /// closed, nothing written to it, the newest backup offered). True when it was.
    fn watch_file_check(&mut self, ctx: &egui::Context) -> bool {
        let failed = match Task::finished(&mut self.safety.file_check, ctx, Duration::from_millis(100)) {
            None | Some(Ok(Ok(()))) => None,
            Some(Ok(Err(e))) => Some(e),
            // The thread ended without a verdict: the check is run again, here.
            Some(Err(Lost)) => match self.opener.check.clone() {
                Some(check) => check.run().err(),
                None => None,
            },
        };
        match failed {
            Some(e) => {
                self.refuse_damaged(&e);
                true
            }
            None => false,
        }
    }

    /// Closes the window's database after its file check failed, as opening refuses a
    /// damaged file.
    fn refuse_damaged(&mut self, e: &StoreError) {
        self.open_problem = Some(open_problem(e, &self.opener.path));
        self.store = Err(e.localize(self.lang()));
        self.opener.check = None;
        self.changed();
    }

    /// Once the database is open: SQLite's full `integrity_check` on its own thread (the
    /// check at opening, `quick_check`, does not compare an index's entries with their
    /// rows), and the user told what it finds. Backups keep checking each copy, so after
    /// damage none is thinned and the ones from before it stay.
    fn watch_integrity(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        if !self.safety.integrity_started && self.store.is_ok() && self.safety.file_check.is_none() {
            self.safety.integrity_started = true;
            let opener = self.opener.clone();
            let title = safety::text(lang).checking.to_string();
            self.safety.integrity = Some(Task::spawn(title, ctx, move |_| {
                let store = opener.open().map_err(|e| e.localize(lang))?;
                store.integrity_problems().map_err(|e| e.localize(lang))
            }));
        }
        match Task::finished(&mut self.safety.integrity, ctx, Duration::from_millis(500)) {
            None | Some(Err(Lost)) => {}
            Some(Ok(Ok(problems))) if problems.is_empty() => self.safety.damage = None,
            Some(Ok(Ok(problems))) => {
                let detail = problems.join("; ");
                self.notes.error((safety::text(lang).damage_found)(&detail));
                self.safety.damage = Some(detail);
            }
            // Not a verdict on the file (it could not be read now): said, not kept.
            Some(Ok(Err(e))) => self.notes.error(e),
        }
    }

    fn poll_backup(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        let result = match Task::finished(&mut self.safety.backup, ctx, Duration::from_millis(200)) {
            None => return,
            Some(Ok(result)) => result,
            Some(Err(Lost)) => Err(crate::i18n::ui::text(lang).task_failed.to_string()),
        };
        if let Ok(Some(info)) = &result
            && let Some(skipped) = crate::i18n::safety::thinning(&info.thinning, lang)
        {
            self.notes.info(skipped);
        }
        match result {
            Ok(Some(info)) if info.reason == BackupReason::Manual => {
                self.notes.success((safety::text(lang).backup_saved)(
                    &info.path.display().to_string(),
                ));
                self.safety.backups_changed += 1;
            }
            Ok(_) => self.safety.backups_changed += 1,
            Err(e) => self.notes.error((safety::text(lang).periodic_backup_failed)(&e)),
        }
    }

    /// Replaces the database with a backup, on another thread: the current file is
    /// backed up first (or, when damaged, kept byte for byte). Around the replacement no
    /// connection of this program is open but the restore's own: the window closes its
    /// store here (keeping the writer's lock, so no other program takes the file in
    /// between), the shell closes the screens' background readers while
    /// [`AppState::restoring`], and the restore waits until every connection has closed
    /// (the screens show its progress meanwhile). Then the window reopens the file.
    pub fn restore_backup(&mut self, from: PathBuf, other_database: bool, ctx: &egui::Context) {
        let lang = self.lang();
        if self.safety.restore.is_some() || self.job.is_some() || self.safety.backup.is_some() {
            self.notes.info(crate::i18n::ui::text(lang).busy);
            return;
        }
        if matches!(&self.store, Ok(s) if s.is_read_only()) {
            self.notes.error(safety::text(lang).read_only_refused);
            return;
        }
        let held = std::mem::replace(&mut self.store, Err(safety::text(lang).restoring.to_string()));
        let lock = held.ok().and_then(Store::into_lock);
        self.opener.check = None;
        self.safety.file_check = None;
        let opener = self.opener.clone();
        let title = safety::text(lang).restoring.to_string();
        self.safety.restore = Some(Task::spawn(title, ctx, move |progress| {
            let mut lock = lock;
            let run = |lock: &mut Option<crate::store::WriterLock>| -> Result<String, String> {
                // When the backup was taken, for the message once it is back.
                let taken = when(&backup::describe_file(&from));
                crate::progress::Progress::stage(progress, "close", 0);
                let path = crate::files::canonical(&opener.path);
                if !live::wait_until_at_most(&path, 0, READERS_CLOSE_WITHIN) {
                    return Err(crate::i18n::restore::text(lang).readers_busy.to_string());
                }
                if lock.is_none() {
                    *lock = Some(
                        crate::store::WriterLock::acquire(&opener.path, "app")
                            .map_err(|e| e.localize(lang))?,
                    );
                }
                backup::restore(&opener.path, &from, &opener.profile, other_database, progress)
                    .map_err(|e| e.localize(lang))?;
                Ok(taken)
            };
            let result = run(&mut lock);
            (result, lock)
        }));
    }

    /// A restore is running: the screens hold, and their background readers close.
    pub fn restoring(&self) -> bool {
        self.safety.restore.is_some()
    }

    /// A finished restore: the database reopened (with the lock the window kept), done
    /// or not. True when it was replaced.
    fn poll_restore(&mut self, ctx: &egui::Context) -> bool {
        let lang = self.lang();
        let (outcome, lock) = match Task::finished(&mut self.safety.restore, ctx, Duration::from_millis(100))
        {
            None => return false,
            Some(Ok(ended)) => ended,
            Some(Err(Lost)) => (Err(crate::i18n::ui::text(lang).task_failed.to_string()), None),
        };
        match lock {
            Some(lock) => {
                let opened = Store::open_for_writing_with(&self.opener.path, lock).map(|mut store| {
                    store.set_profile(&self.opener.profile);
                    if let Some(today) = self.opener.today {
                        store.set_today(today);
                    }
                    store
                });
                self.open_problem = opened.as_ref().err().map(|e| open_problem(e, &self.opener.path));
                self.store = opened.map_err(|e| e.localize(lang));
                self.tell_notices();
            }
            None => self.retry_open(),
        }
        self.safety.integrity_started = false;
        self.safety.backups_changed += 1;
        self.changed();
        match outcome {
            Ok(taken) if self.store.is_ok() => {
                self.undo.clear();
                self.notes.success((safety::text(lang).restored)(&taken));
                true
            }
            Ok(_) => true,
            Err(e) => {
                self.notes.error(e);
                false
            }
        }
    }

    /// Writes the audit trail to an XLSX file, ID and phone numbers masked unless `full`;
    /// an existing file only when `replace` (the user agreed).
    pub fn export_audit(&mut self, file: &Path, full: bool, replace: bool) {
        let lang = self.lang();
        let output = self.output(replace);
        let Ok(store) = &self.store else { return };
        let result = store
            .audit_all()
            .map_err(|e| e.localize(lang))
            .and_then(|entries| {
                let lines = crate::sheets::audit::lines(store, &entries, full, lang);
                crate::sheets::audit::xlsx(&lines, lang)
                    .map(|bytes| (bytes, entries.len()))
                    .map_err(|e| e.to_string())
            });
        let (bytes, n) = match result {
            Ok(r) => r,
            Err(e) => {
                self.notes.error(e);
                return;
            }
        };
        match output.write(file, &bytes) {
            Ok(()) => self
                .notes
                .success((safety::text(lang).audit_written)(file, n, full)),
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }

    /// When the window closes: a backup if anything changed since the newest one. It
    /// runs here, on the closing thread: the window is gone, nothing waits for it.
    pub fn backup_on_exit(&mut self) {
        let Ok(store) = &self.store else { return };
        if store.is_read_only() || !store.changed_since_last_backup().unwrap_or(false) {
            return;
        }
        match store.backup(BackupReason::Exit, &crate::progress::Silent) {
            Ok(Some(info)) => {
                if let Some(skipped) = crate::i18n::safety::thinning(&info.thinning, self.lang()) {
                    eprintln!("skillbase: {skipped}");
                }
            }
            Ok(None) => {}
            Err(e) => eprintln!("skillbase: {}", e.localize(self.lang())),
        }
    }
}
