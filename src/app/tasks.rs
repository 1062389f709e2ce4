//! Long work off the UI thread: demo data, the dashboard's figures, the annual return.
//! A task runs on its own thread with its own connection to the database file and
//! reports progress through [`Shared`]; the window polls it each frame and never waits.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

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

    /// The result once the work is done.
    pub fn poll(&self) -> Poll<T> {
        match self.receiver.try_recv() {
            Ok(value) => Poll::Done(value),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
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

/// A task's state.
pub enum Poll<T> {
    Running,
    Done(T),
    /// The thread ended without a result (it panicked).
    Lost,
}
