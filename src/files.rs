//! Files: what a path really is (its canonical form, the file's identity), writing the
//! files users ask for so that a failure never leaves half of them behind, and the one
//! guard every writer goes through ([`Output`]): a file the user names is never the
//! database, its sidecars or its backups folder, and never replaces an existing file
//! without the user's consent. Also the owner-only permissions of what the program
//! creates (Unix; see [`private_file`]).

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where files the user saves go by default: their documents folder; without one (a fresh
/// account, some Kylin desktops), their home folder; the working folder only as a last
/// resort.
pub fn documents_dir() -> PathBuf {
    directories::UserDirs::new()
        .map(|u| u.document_dir().unwrap_or(u.home_dir()).to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The folder a path is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` with `suffix` appended to its last component: `a.sqlite` + `-wal`.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s: OsString = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// The path as the file system resolves it: symbolic links, `.` and `..` followed, and on
/// Windows the case as stored. A file that does not exist yet is its folder's canonical
/// path with its own name; a folder that does not exist either leaves the path absolute.
/// Two spellings of one file give one canonical path.
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return simplified(p);
    }
    if let (Some(name), Ok(dir)) = (path.file_name(), std::fs::canonicalize(folder_of(path))) {
        return simplified(dir).join(name);
    }
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Windows' canonical paths start with `\\?\`; people read them without it.
#[cfg(windows)]
fn simplified(p: PathBuf) -> PathBuf {
    let text = p.to_string_lossy();
    if let Some(rest) = text.strip_prefix(r"\\?\UNC\") {
        return PathBuf::from(format!(r"\\{rest}"));
    }
    match text.strip_prefix(r"\\?\") {
        Some(rest) if rest.as_bytes().get(1) == Some(&b':') => PathBuf::from(rest),
        _ => p,
    }
}

#[cfg(not(windows))]
fn simplified(p: PathBuf) -> PathBuf {
    p
}

/// Whether two canonical paths name the same place (Windows file names ignore case).
fn same_path(a: &Path, b: &Path) -> bool {
    #[cfg(windows)]
    {
        a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase()
    }
    #[cfg(not(windows))]
    {
        a == b
    }
}

/// Whether `inner` is `outer` or inside it (canonical paths).
fn is_within(inner: &Path, outer: &Path) -> bool {
    #[cfg(windows)]
    {
        let (i, o) = (
            inner.to_string_lossy().to_lowercase(),
            outer.to_string_lossy().to_lowercase(),
        );
        Path::new(&i).starts_with(Path::new(&o))
    }
    #[cfg(not(windows))]
    {
        inner.starts_with(outer)
    }
}

/// Whether two existing paths are one file (or folder), however they are spelled: a hard
/// link, a bind mount, a symbolic link. The file's identity decides: device and inode on
/// Unix, volume serial number and file index on Windows. False when either is missing.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(windows)]
    {
        same_file::is_same_file(a, b).unwrap_or(false)
    }
    #[cfg(not(any(unix, windows)))]
    {
        same_path(&canonical(a), &canonical(b))
    }
}

/// Names the program itself keeps beside a database, which no file a user asks for may
/// take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sidecar {
    /// The database file itself.
    Database,
    /// SQLite's write-ahead log (`-wal`).
    Wal,
    /// SQLite's shared-memory index of the log (`-shm`).
    Shm,
    /// SQLite's rollback journal (`-journal`).
    Journal,
    /// The one writer's lock file (`.lock`).
    Lock,
    /// A restore's file being prepared (`.restoring`).
    Restoring,
}

impl Sidecar {
    pub const ALL: [Sidecar; 6] = [
        Sidecar::Database,
        Sidecar::Wal,
        Sidecar::Shm,
        Sidecar::Journal,
        Sidecar::Lock,
        Sidecar::Restoring,
    ];

    /// What follows the database's name.
    pub fn suffix(self) -> &'static str {
        match self {
            Sidecar::Database => "",
            Sidecar::Wal => "-wal",
            Sidecar::Shm => "-shm",
            Sidecar::Journal => "-journal",
            Sidecar::Lock => ".lock",
            Sidecar::Restoring => ".restoring",
        }
    }

    /// This sidecar of the database at `db`.
    pub fn of(self, db: &Path) -> PathBuf {
        with_suffix(db, self.suffix())
    }
}

/// A file the user asked for that was not written, and why.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The path is the open database or one of its own files.
    #[error("{path}: is {what:?} of the database {database}")]
    Protected {
        path: PathBuf,
        what: Sidecar,
        database: PathBuf,
    },
    /// The path is the database's backups folder or inside it.
    #[error("{path}: inside the backups folder {folder}")]
    InBackups { path: PathBuf, folder: PathBuf },
    /// A file is there already and replacing it was not asked for.
    #[error("{path}: exists")]
    Exists { path: PathBuf },
    /// The path is a SkillBase database (another one, or a backup): never overwritten by
    /// anything but a backup, `--force` or not.
    #[error("{path}: a SkillBase database")]
    IsDatabase { path: PathBuf },
    /// The path is a folder where a file was expected.
    #[error("{path}: is a folder")]
    IsFolder { path: PathBuf },
    /// The path is a file where a folder was expected.
    #[error("{path}: is not a folder")]
    NotAFolder { path: PathBuf },
    /// Writing failed (disk full, no permission…): nothing of it was left behind.
    #[error("{path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

impl OutputError {
    /// The user's choice of path is at fault (the command line exits 2; nothing written).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, OutputError::Write { .. })
    }

    /// The file that was not written.
    pub fn path(&self) -> &Path {
        match self {
            OutputError::Protected { path, .. }
            | OutputError::InBackups { path, .. }
            | OutputError::Exists { path }
            | OutputError::IsDatabase { path }
            | OutputError::IsFolder { path }
            | OutputError::NotAFolder { path }
            | OutputError::Write { path, .. } => path,
        }
    }
}

/// The places a database owns: the file, its sidecars and its backups folder, by
/// canonical path.
#[derive(Clone, Debug)]
struct Protected {
    database: PathBuf,
    files: Vec<(Sidecar, PathBuf)>,
    backups: PathBuf,
}

impl Protected {
    fn of(db: &Path) -> Protected {
        let database = canonical(db);
        let files = Sidecar::ALL.iter().map(|s| (*s, s.of(&database))).collect();
        let backups = canonical(&backups_dir(&database));
        Protected {
            database,
            files,
            backups,
        }
    }

    /// Refuses `path` (canonical: `real`) if it is one of the database's own places.
    fn refuse(&self, path: &Path, real: &Path) -> Result<(), OutputError> {
        for (what, file) in &self.files {
            if same_path(real, file) || same_file(path, file) {
                return Err(OutputError::Protected {
                    path: path.to_path_buf(),
                    what: *what,
                    database: self.database.clone(),
                });
            }
        }
        let in_backups =
            is_within(real, &self.backups) || real.ancestors().any(|a| same_file(a, &self.backups));
        if in_backups {
            return Err(OutputError::InBackups {
                path: path.to_path_buf(),
                folder: self.backups.clone(),
            });
        }
        Ok(())
    }
}

/// The guard every writer of a user's file goes through: the command line (`--out`,
/// `--skip-invalid`, with `--force` to replace), the window (its save dialogs and typed
/// paths: it asks before replacing), exports, packages, templates, returns, the audit
/// trail and backups to a file of the user's.
#[derive(Clone, Debug)]
pub struct Output {
    protected: Option<Protected>,
    replace: bool,
    /// A SkillBase database may be replaced (by a backup: see [`Output::for_backup`]).
    databases: bool,
}

impl Output {
    /// Files written while `db` is the database (none: no database to protect);
    /// `replace` says the user agreed to replace files that exist.
    pub fn new(db: Option<&Path>, replace: bool) -> Output {
        Output {
            protected: db.map(Protected::of),
            replace,
            databases: false,
        }
    }

    /// The guard for a backup written to a file of the user's: like [`Output::new`], but
    /// with `replace` an older backup there may be replaced (the caller makes sure that
    /// what is there is a backup, not a database in use).
    pub fn for_backup(db: Option<&Path>, replace: bool) -> Output {
        Output {
            databases: true,
            ..Output::new(db, replace)
        }
    }

    /// Whether existing files may be replaced.
    pub fn replaces(&self) -> bool {
        self.replace
    }

    /// Checks that `file` may be written: not the database, its sidecars or its backups
    /// folder (whatever the spelling: canonical paths and the files' identity are
    /// compared), not a folder, and not an existing file unless replacing was agreed.
    pub fn check(&self, file: &Path) -> Result<(), OutputError> {
        let real = canonical(file);
        if let Some(p) = &self.protected {
            p.refuse(file, &real)?;
        }
        match std::fs::symlink_metadata(file) {
            Ok(m) if std::fs::metadata(file).is_ok_and(|t| t.is_dir()) || m.is_dir() => {
                Err(OutputError::IsFolder {
                    path: file.to_path_buf(),
                })
            }
            Ok(_) if !self.databases && is_skillbase_database(file) => Err(OutputError::IsDatabase {
                path: file.to_path_buf(),
            }),
            Ok(_) if !self.replace => Err(OutputError::Exists {
                path: file.to_path_buf(),
            }),
            _ => Ok(()),
        }
    }

    /// Checks a folder that files named `names` will be written into (which may not exist
    /// yet): not the backups folder, not a file, and each file as [`Output::check`].
    pub fn check_folder(&self, dir: &Path, names: &[&str]) -> Result<(), OutputError> {
        if let Some(p) = &self.protected {
            p.refuse(dir, &canonical(dir))?;
        }
        if dir.exists() && !dir.is_dir() {
            return Err(OutputError::NotAFolder {
                path: dir.to_path_buf(),
            });
        }
        for name in names {
            self.check(&dir.join(name))?;
        }
        Ok(())
    }

    /// The files among `files` that exist (what the window asks about before replacing).
    pub fn existing(files: &[PathBuf]) -> Vec<PathBuf> {
        files
            .iter()
            .filter(|f| std::fs::symlink_metadata(f).is_ok())
            .cloned()
            .collect()
    }

    /// Writes one file the user named, checked first, under a temporary name renamed when
    /// complete (owner-only on Unix).
    pub fn write(&self, file: &Path, bytes: &[u8]) -> Result<(), OutputError> {
        let name = file.file_name().ok_or_else(|| OutputError::IsFolder {
            path: file.to_path_buf(),
        })?;
        let name = name.to_string_lossy().into_owned();
        self.write_all(&folder_of(file), &[(name.as_str(), bytes)])
    }

    /// Writes every file into `dir` (created if missing, owner-only on Unix), all or
    /// none: each is checked, written under a temporary name, and renamed only when all
    /// were written.
    pub fn write_all(&self, dir: &Path, files: &[(&str, &[u8])]) -> Result<(), OutputError> {
        let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
        self.check_folder(dir, &names)?;
        create_private_dir_all(dir).map_err(|source| OutputError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut written: Vec<PathBuf> = Vec::new();
        let forget = |written: &[PathBuf]| {
            for t in written {
                let _ = std::fs::remove_file(t);
            }
        };
        for (name, bytes) in files {
            match write_temporary(dir, name, bytes) {
                Ok(tmp) => written.push(tmp),
                Err(source) => {
                    forget(&written);
                    return Err(OutputError::Write {
                        path: dir.join(name),
                        source,
                    });
                }
            }
        }
        // Once more just before: a file may have appeared while these were written.
        if let Err(e) = self.check_folder(dir, &names) {
            forget(&written);
            return Err(e);
        }
        for ((name, _), tmp) in files.iter().zip(&written) {
            std::fs::rename(tmp, dir.join(name)).map_err(|source| OutputError::Write {
                path: dir.join(name),
                source,
            })?;
        }
        sync_folder(dir);
        Ok(())
    }
}

/// `PRAGMA application_id` of every SkillBase database ("SkBs"): the store writes it,
/// and [`is_skillbase_database`] recognises a database by it without opening it.
pub const APPLICATION_ID: i32 = 0x536B_4273;

/// The folder backups of `db` go into: `backups` beside it (beside the file a symbolic
/// link points to).
pub fn backups_dir(db: &Path) -> PathBuf {
    folder_of(&canonical(db)).join("backups")
}

/// Whether `file` is a SkillBase database (or a backup of one): SQLite's header with
/// SkillBase's application id, read from the first 72 bytes (no SQL here).
pub fn is_skillbase_database(file: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 72];
    let read = std::fs::File::open(file).and_then(|mut f| f.read_exact(&mut header));
    read.is_ok()
        && &header[..16] == b"SQLite format 3\0"
        && i32::from_be_bytes([header[68], header[69], header[70], header[71]]) == APPLICATION_ID
}

/// Writes `bytes` to a new temporary file in `dir` (never following or replacing what is
/// there: a name taken is skipped), synced; returns its path.
fn write_temporary(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    for n in 0..100u32 {
        let tmp = if n == 0 {
            dir.join(format!(".{name}.tmp"))
        } else {
            dir.join(format!(".{name}.{n}.tmp"))
        };
        let mut file = match private_file(&tmp) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let done = file.write_all(bytes).and_then(|_| file.sync_all());
        if let Err(e) = done {
            drop(file);
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        return Ok(tmp);
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "no free temporary name",
    ))
}

/// Creates a new file that only its owner may read or write (0600 on Unix; on Windows it
/// inherits its folder's permissions). Fails if anything, even a dangling symbolic link,
/// is at the path already: nothing is followed or replaced.
pub fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Creates a folder and its missing parents, the new ones owner-only (0700 on Unix).
pub fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Takes group's and others' permissions away from an existing file (0600) or folder
/// (0700) on Unix. True when it changed something. Does nothing elsewhere (see README:
/// on Windows files take their folder's permissions), nor to what another account owns
/// or a read-only disk holds, nor through a symbolic link.
pub fn make_private(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return false;
        };
        if meta.file_type().is_symlink() {
            return false;
        }
        let mode = meta.permissions().mode();
        if mode & 0o077 == 0 {
            return false;
        }
        let wanted = if meta.is_dir() {
            (mode & 0o7700) | 0o700
        } else {
            mode & 0o7600
        };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(wanted)).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// After a rename, the folder itself is synced so the new name survives a power cut.
pub fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir; // NTFS orders a rename with the file's data; nothing to sync.
}

/// Opens a file with the program the system gives its kind (the PDF viewer, which also
/// prints it), or a folder in the file manager. Returns at once; the program runs on.
pub fn open_with_system(path: &Path) -> std::io::Result<()> {
    #[cfg(windows)]
    let mut command = {
        let mut c = std::process::Command::new("explorer");
        c.arg(path);
        c
    };
    #[cfg(target_os = "macos")]
    let mut command = {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    };
    #[cfg(all(unix, not(target_os = "macos")))]
    let mut command = {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_spellings_of_one_file_are_one_canonical_path() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let file = sub.join("a.sqlite");
        std::fs::write(&file, b"x").unwrap();
        let other = dir
            .path()
            .join("sub")
            .join("..")
            .join("sub")
            .join(".")
            .join("a.sqlite");
        assert_eq!(canonical(&file), canonical(&other));
        // Not there yet: the folder's canonical path and the name.
        let new = dir.path().join("sub").join("..").join("b.sqlite");
        assert_eq!(canonical(&new), canonical(dir.path()).join("b.sqlite"));
        assert!(same_file(&file, &other));
        assert!(!same_file(&file, &new));
    }

    #[test]
    fn the_database_its_sidecars_and_backups_are_refused_and_existing_files_kept() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("base.sqlite");
        std::fs::write(&db, b"").unwrap();
        std::fs::create_dir(dir.path().join("backups")).unwrap();
        let out = Output::new(Some(&db), true);
        for name in [
            "base.sqlite",
            "base.sqlite-wal",
            "base.sqlite-shm",
            "base.sqlite.lock",
        ] {
            assert!(
                matches!(
                    out.check(&dir.path().join(name)),
                    Err(OutputError::Protected { .. })
                ),
                "{name}"
            );
        }
        assert!(matches!(
            out.check(&dir.path().join("backups").join("x.xlsx")),
            Err(OutputError::InBackups { .. })
        ));
        let existing = dir.path().join("roster.xlsx");
        std::fs::write(&existing, b"mine").unwrap();
        assert!(matches!(
            Output::new(Some(&db), false).write(&existing, b"new"),
            Err(OutputError::Exists { .. })
        ));
        assert_eq!(std::fs::read(&existing).unwrap(), b"mine");
        out.write(&existing, b"new").unwrap();
        assert_eq!(std::fs::read(&existing).unwrap(), b"new");
    }
}
