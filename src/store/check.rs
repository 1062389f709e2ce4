//! The file check of a database opened before checking it, so that what the program does
//! first does not wait for a check that grows with the file: the window's first frame, and
//! the `return` command's reading and computing. `PRAGMA quick_check` runs on a thread of
//! its own, and every write through a store that shares the [`FileCheck`] waits for its
//! verdict. A file that passes is written as usual; one that fails is never written, and
//! the window refuses it as it refuses a damaged file at opening. `return` waits for the
//! verdict before it writes any of its files, and refuses a damaged file as at opening.
//!
//! Only a database of the current schema with no log beside it is opened this way: an
//! upgrade writes, and a log must be judged against its file, both before anything else.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use super::{Result, StoreError};

/// A check's verdict once it is known: `Err` holds what it found wrong.
type Verdict = Option<std::result::Result<(), String>>;

/// The verdict of one file check, shared by the stores of one opened database.
#[derive(Clone, Debug)]
pub struct FileCheck {
    path: PathBuf,
    verdict: Arc<(Mutex<Verdict>, Condvar)>,
}

impl FileCheck {
    pub(super) fn new(path: &Path) -> FileCheck {
        FileCheck {
            path: path.to_path_buf(),
            verdict: Arc::new((Mutex::new(None), Condvar::new())),
        }
    }

    /// Runs the check (on the caller's thread: the window gives it one) and releases or
    /// refuses the writes waiting for it. A check that cannot run at all is no pass: the
    /// file is refused with what went wrong.
    pub fn run(&self) -> Result<()> {
        // As the file was looked at when it was opened: read-only, and where no log lies
        // beside it (a write-protected disk, where the reading store made none), as it
        // stands.
        let outcome = super::open_untouched(&self.path)
            .map_err(StoreError::from)
            .and_then(|conn| super::verify(&conn, &self.path));
        let verdict = match &outcome {
            Ok(()) => Ok(()),
            Err(StoreError::Damaged { detail, .. }) => Err(detail.clone()),
            Err(e) => Err(e.to_string()),
        };
        let (lock, ready) = &*self.verdict;
        if let Ok(mut slot) = lock.lock() {
            *slot = Some(verdict.clone());
        }
        ready.notify_all();
        verdict.map_err(|detail| self.damaged(detail))
    }

    /// Runs the check on a thread of its own while `work` runs on this one (the second
    /// core checks the file while the first reads it): what `work` gave, and the verdict.
    pub fn beside<T>(&self, work: impl FnOnce() -> T) -> (T, Result<()>) {
        std::thread::scope(|scope| {
            let check = scope.spawn(|| self.run());
            let out = work();
            let verdict = check
                .join()
                .unwrap_or_else(|_| Err(self.damaged("the file check stopped".into())));
            (out, verdict)
        })
    }

    /// Waits for the verdict: `Ok` once the file passed, [`StoreError::Damaged`] if not.
    pub(super) fn wait(&self) -> Result<()> {
        let (lock, ready) = &*self.verdict;
        let poisoned = |_| self.damaged("the file check stopped".into());
        let mut slot = lock.lock().map_err(poisoned)?;
        while slot.is_none() {
            slot = ready.wait(slot).map_err(poisoned)?;
        }
        match slot.as_ref() {
            Some(Err(detail)) => Err(self.damaged(detail.clone())),
            _ => Ok(()),
        }
    }

    fn damaged(&self, detail: String) -> StoreError {
        StoreError::Damaged {
            path: self.path.clone(),
            detail,
        }
    }
}
