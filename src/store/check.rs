//! The file check of a database the window opened before checking it (so that its first
//! frame does not wait for a check that grows with the file): `PRAGMA quick_check` runs on
//! a thread of its own, and every write through a store that shares the [`FileCheck`]
//! waits for its verdict. A file that passes is written as usual; one that fails is never
//! written, and the window refuses it as it refuses a damaged file at opening.
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
        let outcome = rusqlite::Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
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
