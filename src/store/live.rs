//! The connections this program has open to each database file, counted by canonical
//! path. SQLite keeps its locks on a file as POSIX record locks, which the operating
//! system drops, all of them, for the whole process, the moment *any* handle of that
//! file in the process is closed. So while this program has a connection open, nothing
//! else in it may open and close the file outside SQLite's own handles (a header read,
//! an "immutable" connection): the store asks here first. Without its locks a program
//! that opens the file next (an older `sqlite3`, say) takes itself for the last user,
//! writes the log back and deletes the `-wal` and `-shm` under the connections still
//! open, whose next read is a "disk I/O error". A restore also waits here until every
//! connection of the window has closed before it replaces the file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

static OPEN: Mutex<Option<HashMap<PathBuf, usize>>> = Mutex::new(None);
static CHANGED: Condvar = Condvar::new();

/// One open connection to a file, counted while it lives.
#[derive(Debug)]
pub(crate) struct Registered(PathBuf);

impl Registered {
    pub(crate) fn new(path: &Path) -> Registered {
        if let Ok(mut open) = OPEN.lock() {
            *open
                .get_or_insert_with(HashMap::new)
                .entry(path.to_path_buf())
                .or_insert(0) += 1;
        }
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut open) = OPEN.lock() {
            let map = open.get_or_insert_with(HashMap::new);
            if let Some(n) = map.get_mut(&self.0) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    map.remove(&self.0);
                }
            }
        }
        CHANGED.notify_all();
    }
}

/// How many connections this program has open to the file at `path` (canonical).
pub fn open_here(path: &Path) -> usize {
    OPEN.lock()
        .ok()
        .and_then(|open| open.as_ref().and_then(|m| m.get(path).copied()))
        .unwrap_or(0)
}

/// Waits until this program has at most `keep` connections open to `path`, or until
/// `timeout`; true when it has.
pub fn wait_until_at_most(path: &Path, keep: usize, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    let Ok(mut open) = OPEN.lock() else {
        return false;
    };
    loop {
        let n = open.as_ref().and_then(|m| m.get(path).copied()).unwrap_or(0);
        if n <= keep {
            return true;
        }
        let now = Instant::now();
        if now >= deadline {
            return false;
        }
        open = match CHANGED.wait_timeout(open, deadline - now) {
            Ok((guard, _)) => guard,
            Err(_) => return false,
        };
    }
}
