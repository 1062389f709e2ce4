//! Opening the database for a command, and the guard for the files it writes: where the
//! database is (the default per-user folder, made owner-only), opening it as its one
//! writer or to read it, refusing a database file that does not exist, and saying once
//! what opening it did.

use std::path::{Path, PathBuf};

use super::{Failure, text};
use crate::i18n::{Lang, Localize};
use crate::store::{Store, default_db_path};

pub(super) fn db_path(db: Option<PathBuf>, lang: Lang) -> Result<PathBuf, Failure> {
    if let Some(p) = db {
        return Ok(p);
    }
    let path = default_db_path().ok_or_else(|| Failure::Other(text(lang).no_data_dir.to_string()))?;
    if let Some(folder) = path.parent() {
        // The per-user data folder: only this account may look inside.
        crate::files::create_private_dir_all(folder)
            .map_err(|e| Failure::Other(format!("{}: {e}", folder.display())))?;
    }
    Ok(path)
}

/// The guard for files a command writes while `db` is its database: never the database's
/// own files, an existing file only with `--force` (see [`crate::files::Output`]).
pub(super) fn output(db: &Path, force: bool) -> crate::files::Output {
    crate::files::Output::new(Some(db), force)
}

/// A file the user named that was not written: 2 when the path is at fault.
pub(super) fn output_failure(e: crate::files::OutputError, lang: Lang) -> Failure {
    if e.is_bad_input() {
        Failure::BadInput(e.localize(lang))
    } else {
        Failure::Other(e.localize(lang))
    }
}

/// Says once, on stderr, what opening the database did or found (permissions tightened,
/// leftovers removed, duplicates an older version left).
pub(super) fn tell_notices(store: &mut Store, lang: Lang) {
    for n in store.take_notices() {
        eprintln!("{}", super::prefix_note(lang, &n.localize(lang)));
    }
}

/// Opens the database as its one writer (commands that write): refused while the window
/// or another writing command has it, with who that is.
pub(super) fn open_writer(path: &Path, program: &str, lang: Lang) -> Result<Store, Failure> {
    let mut store = Store::open_for_writing(path, program).map_err(|e| Failure::from_store(e, lang))?;
    store.set_profile(&crate::store::default_profile_name());
    tell_notices(&mut store, lang);
    Ok(store)
}

/// [`open_writer`] for a database that must already exist.
pub(super) fn open_existing_writer(path: &Path, program: &str, lang: Lang) -> Result<Store, Failure> {
    if !path.exists() {
        return Err(Failure::BadInput((text(lang).no_such_database)(path)));
    }
    open_writer(path, program, lang)
}

/// Opens a database that must already exist, to read it (reading commands never create
/// one, nor change a byte of it; a write-protected disk will do).
pub(super) fn open_existing(path: &Path, lang: Lang) -> Result<Store, Failure> {
    open_existing_with(path, Store::open_for_reading, lang)
}

/// [`open_existing`] with the file check left to the caller where it can wait (see
/// [`Store::open_for_reading_unchecked`]): the caller runs `store.file_check()` while it
/// reads, and gives nothing it read to anyone before the check has passed.
pub(super) fn open_existing_unchecked(path: &Path, lang: Lang) -> Result<Store, Failure> {
    open_existing_with(path, Store::open_for_reading_unchecked, lang)
}

fn open_existing_with(
    path: &Path,
    open: fn(&Path) -> crate::store::Result<Store>,
    lang: Lang,
) -> Result<Store, Failure> {
    if !path.exists() {
        return Err(Failure::BadInput((text(lang).no_such_database)(path)));
    }
    let mut store = open(path).map_err(|e| Failure::from_store(e, lang))?;
    store.set_profile(&crate::store::default_profile_name());
    tell_notices(&mut store, lang);
    Ok(store)
}
