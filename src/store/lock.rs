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
//!
//! One database, one lock file, however its path is spelled: the lock is taken beside the
//! database's canonical path (symbolic links, `./`, `..` and, on Windows, case resolved),
//! and, once taken, checked to be on the file that is at that path now (not one deleted
//! or replaced meanwhile). The lock file itself is never followed: a symbolic link (any
//! reparse point on Windows), a hard link or anything but a plain file is refused, so the
//! holder's text can never be written into another file. A database file with two names
//! (hard links) is refused for writing, since SQLite would keep a log beside each name.

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

/// The lock file of a database: `skillbase.sqlite` → `skillbase.sqlite.lock`, beside the
/// database's canonical path, so every spelling of one database (a symbolic link, `./`,
/// `..`, another case on Windows) locks one file.
pub fn lock_path(db: &Path) -> PathBuf {
    crate::files::Sidecar::Lock.of(&crate::files::canonical(db))
}

/// Why a lock file was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockFileProblem {
    /// A symbolic link (on Windows, any reparse point): following it could change the
    /// file it points to.
    Link,
    /// Not a plain file (a folder, a device, a pipe).
    NotAFile,
    /// A plain file with another name too (a hard link): writing the holder's text would
    /// change that other file.
    HardLinked,
    /// It was replaced by another file again and again while being locked.
    Replaced,
}

/// Opens (or creates, owner-only) the lock file without following a symbolic link or
/// any other reparse point, and refuses anything but a plain file with one name.
fn open_lock_file(path: &Path) -> Result<File> {
    let unsafe_file = |problem| StoreError::UnsafeLockFile {
        path: path.to_path_buf(),
        problem,
    };
    if let Ok(m) = std::fs::symlink_metadata(path) {
        if m.file_type().is_symlink() {
            return Err(unsafe_file(LockFileProblem::Link));
        }
        if !m.is_file() {
            return Err(unsafe_file(LockFileProblem::NotAFile));
        }
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOFOLLOW: a link put there after the look above still is not followed;
        // O_NONBLOCK: a pipe put there does not hang the open.
        options
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
        options.custom_flags(FILE_FLAG_OPEN_REPARSE_POINT);
    }
    let file = options.open(path).map_err(|source| {
        #[cfg(unix)]
        if source.raw_os_error() == Some(libc::ELOOP) {
            return unsafe_file(LockFileProblem::Link);
        }
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    })?;
    let meta = file.metadata().map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(unsafe_file(LockFileProblem::NotAFile));
    }
    #[cfg(unix)]
    if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
        return Err(unsafe_file(LockFileProblem::HardLinked));
    }
    #[cfg(windows)]
    {
        const FILE_ATTRIBUTE_REPARSE_POINT: u32 = 0x400;
        if std::os::windows::fs::MetadataExt::file_attributes(&meta) & FILE_ATTRIBUTE_REPARSE_POINT != 0 {
            return Err(unsafe_file(LockFileProblem::Link));
        }
    }
    Ok(file)
}

/// Whether the file locked is still the one at `path` (it was not deleted or replaced
/// between opening and locking it: then two programs could hold locks on two files).
fn still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(windows)]
    {
        match (
            file.try_clone().and_then(same_file::Handle::from_file),
            same_file::Handle::from_path(path),
        ) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, path);
        true
    }
}

/// A database with two names (hard links) cannot be written safely: SQLite keeps its
/// log beside the name it was opened by, so two writers through two names would each
/// keep their own.
fn refuse_hard_links(db: &Path) -> Result<()> {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(db) {
        let links = std::os::unix::fs::MetadataExt::nlink(&meta);
        if links > 1 {
            return Err(StoreError::HardLinked {
                path: db.to_path_buf(),
                links,
            });
        }
    }
    #[cfg(not(unix))]
    let _ = db; // Windows: see ARCHITECTURE.md (hard links are not looked for there).
    Ok(())
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
    /// The lock is taken on the database's canonical path and checked to be on the file
    /// that is there; a lock file that is a link, a hard link or not a file is refused.
    pub fn acquire(db: &Path, program: &str) -> Result<WriterLock> {
        let db = crate::files::canonical(db);
        let path = lock_path(&db);
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        for _ in 0..5 {
            // Opened without truncating: the holder's text must survive until the lock is ours.
            let mut file = open_lock_file(&path).map_err(|e| match e {
                // A write-protected disk, or a folder this account may not write.
                StoreError::Io { source, .. }
                    if matches!(
                        source.kind(),
                        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
                    ) =>
                {
                    StoreError::ReadOnly { path: db.clone() }
                }
                e => e,
            })?;
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
            if !still_at(&file, &path) {
                // Deleted or replaced meanwhile: lock what is there now.
                continue;
            }
            refuse_hard_links(&db)?;
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
            return Ok(WriterLock { file, path });
        }
        Err(StoreError::UnsafeLockFile {
            path,
            problem: LockFileProblem::Replaced,
        })
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
                assert_eq!(path, crate::files::canonical(&db));
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

#[cfg(all(test, unix))]
mod unix_tests {
    use super::*;

    #[test]
    fn a_lock_file_that_is_a_link_is_never_followed_and_its_target_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("base.sqlite");
        let victim = dir.path().join("notes.txt");
        std::fs::write(&victim, "keep me").unwrap();
        std::os::unix::fs::symlink(&victim, lock_path(&db)).unwrap();
        assert!(matches!(
            WriterLock::acquire(&db, "app"),
            Err(StoreError::UnsafeLockFile {
                problem: LockFileProblem::Link,
                ..
            })
        ));
        std::fs::remove_file(lock_path(&db)).unwrap();
        std::fs::hard_link(&victim, lock_path(&db)).unwrap();
        assert!(matches!(
            WriterLock::acquire(&db, "app"),
            Err(StoreError::UnsafeLockFile {
                problem: LockFileProblem::HardLinked,
                ..
            })
        ));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    }

    #[test]
    fn two_spellings_of_one_database_share_one_lock() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        let db = real.join("base.sqlite");
        std::fs::write(&db, b"").unwrap();
        let link = dir.path().join("link.sqlite");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        let _first = WriterLock::acquire(&db, "app").unwrap();
        for other in [link, real.join(".").join("..").join("real").join("base.sqlite")] {
            assert!(
                matches!(
                    WriterLock::acquire(&other, "import"),
                    Err(StoreError::InUse { .. })
                ),
                "{}",
                other.display()
            );
        }
    }
}
