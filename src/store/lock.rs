//! One writer per database file: an operating-system lock on `<database>.lock`.
//!
//! The lock is the operating system's (`File::try_lock`: `flock` on Linux, `LockFileEx` on
//! Windows), so it dies with the process that holds it: a copy of the app that crashed, or
//! was killed, leaves a lock file behind but no lock, and the next program simply takes it.
//! Nobody ever has to delete a file by hand. The file's text says who holds it (program,
//! computer, process, since when), so the second program can tell its user whom to ask.
//!
//! The file is never deleted, not even by its holder: deleting it after unlocking would
//! let a third program lock a new file while a second one holds the old one.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::{Result, StoreError};

/// Who holds a database's lock, as its lock file says.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LockHolder {
    /// What holds it: `app` (the window) or the command's name.
    pub program: String,
    pub computer: String,
    pub process: u32,
    /// When it was taken (UTC, as stored timestamps are written).
    pub since: String,
}

/// The held lock; released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct WriterLock {
    file: File,
    path: PathBuf,
}

/// The lock file of a database: `skillbase.sqlite` → `skillbase.sqlite.lock`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    db.with_file_name(name)
}

/// This computer's name, for the lock file (no crate needed: the environment says it).
fn computer_name() -> String {
    #[cfg(windows)]
    let from_env = std::env::var("COMPUTERNAME").ok();
    #[cfg(not(windows))]
    let from_env = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok());
    from_env
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "?".to_string())
}

impl WriterLock {
    /// Takes the writer's lock of the database at `db` for `program`, or says who has it.
    pub fn acquire(db: &Path, program: &str) -> Result<WriterLock> {
        let path = lock_path(db);
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        // Opened without truncating: the holder's text must survive until the lock is ours.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(StoreError::InUse {
                    path: db.to_path_buf(),
                    holder: serde_json::from_str(&text).ok(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        let holder = LockHolder {
            program: program.to_string(),
            computer: computer_name(),
            process: std::process::id(),
            since: super::timestamp(chrono::Utc::now()),
        };
        let text = serde_json::to_string(&holder).unwrap_or_default();
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.flush().map_err(io)?;
        Ok(WriterLock { file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // Say nobody holds it, then let go. Failing either is harmless: the operating
        // system releases the lock when the file is closed.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_told_who_holds_the_database_and_gets_it_once_released() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("base.sqlite");
        let first = WriterLock::acquire(&db, "app").unwrap();
        match WriterLock::acquire(&db, "import") {
            Err(StoreError::InUse { path, holder }) => {
                assert_eq!(path, db);
                let holder = holder.expect("the holder is named");
                assert_eq!(holder.program, "app");
                assert_eq!(holder.process, std::process::id());
            }
            other => panic!("expected InUse, got {other:?}"),
        }
        drop(first);
        let again = WriterLock::acquire(&db, "import").unwrap();
        assert!(again.path().exists());
    }

    #[test]
    fn a_lock_file_left_behind_without_a_lock_is_simply_taken() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("base.sqlite");
        // What a crashed process leaves: the file with its text, but no lock.
        std::fs::write(
            lock_path(&db),
            r#"{"program":"app","computer":"x","process":1,"since":"2026-01-01T00:00:00.000Z"}"#,
        )
        .unwrap();
        WriterLock::acquire(&db, "app").unwrap();
    }
}
