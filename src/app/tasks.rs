//! Long work off the UI thread: demo data, the dashboard's figures, the annual return.
//! A task runs on its own thread with its own connection to the database file and
//! reports progress through [`Shared`]; the window looks each frame whether it has ended
//! ([`Task::finished`], the one place that does) and never waits.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use crate::domain::Today;
use crate::progress::{Progress, Shared};
use crate::store::{Store, StoreError};

/// What a task needs to open the database the way the window did.
#[derive(Clone, Debug)]
pub struct Opener {
    pub path: PathBuf,
    pub profile: String,
    pub today: Option<Today>,
    /// The window opened the database read-only (another program is its writer): so do
    /// its tasks, and every write they try is refused.
    pub read_only: bool,
    /// The file check the window opened the database without, while it may be pending:
    /// the tasks' connections hold their writes for it too.
    pub check: Option<crate::store::FileCheck>,
}

impl Opener {
    /// A second connection to the same file (SQLite's WAL lets it read while the window
    /// reads, and the store's busy timeout orders the writers). The window checked the
    /// file when it opened it, so this connection does not check it again.
    pub fn open(&self) -> Result<Store, StoreError> {
        let mut store = if self.read_only {
            Store::open_read_only(&self.path)?
        } else {
            Store::open_another(&self.path)?
        };
        store.set_profile(&self.profile);
        if let Some(check) = &self.check {
            store.hold_writes_for(check.clone());
        }
        if let Some(today) = self.today {
            store.set_today(today);
        }
        Ok(store)
    }
}

/// Work running on another thread that will produce a `T`.
pub struct Task<T> {
    /// What the work is, for the progress bar.
    pub title: String,
    pub progress: Shared,
    receiver: Receiver<T>,
}

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on a new thread; `ctx` is asked to repaint when it ends.
    pub fn spawn(
        title: String,
        ctx: &egui::Context,
        work: impl FnOnce(&Shared) -> T + Send + 'static,
    ) -> Task<T> {
        let (sender, receiver) = channel();
        let progress = Shared::default();
        let shared = progress.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result = work(&shared);
            shared.finish();
            // The window may have closed meanwhile: then nobody wants the result.
            let _ = sender.send(result);
            ctx.request_repaint();
        });
        Task {
            title,
            progress,
            receiver,
        }
    }

    /// Takes the task out of `slot` once it has ended and gives what it produced, or
    /// [`Lost`] when its thread died without a result. While it runs (or when there is
    /// none) gives `None`, and a running task has `ctx` repaint after `every` so its
    /// progress shows; its thread asks for a repaint when it ends.
    pub fn finished(
        slot: &mut Option<Task<T>>,
        ctx: &egui::Context,
        every: Duration,
    ) -> Option<Result<T, Lost>> {
        let task = slot.as_ref()?;
        let ended = match task.receiver.try_recv() {
            Ok(value) => Ok(value),
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(every);
                return None;
            }
            Err(TryRecvError::Disconnected) => Err(Lost),
        };
        *slot = None;
        Some(ended)
    }

    /// Done so far, 0.0–1.0 (0 when the size of the work is not known).
    pub fn fraction(&self) -> (String, f32) {
        let (stage, done, total) = self.progress.snapshot();
        let f = if total == 0 {
            0.0
        } else {
            (done as f32 / total as f32).clamp(0.0, 1.0)
        };
        (stage, f)
    }
}

/// A task whose thread ended without a result (it panicked).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lost;

/// How often the window redraws while a task's progress bar shows.
pub const PROGRESS_REPAINT: Duration = Duration::from_millis(100);
