//! A new database with its own organisation (`skillbase init`): the organisation is
//! checked exactly as the window's first-run form saves it (`Record::normalise`, then
//! `Record::validate`, then [`Store::insert`]), and before the file exists, so a bad value
//! leaves nothing behind.

use std::path::Path;

use crate::domain::org::Organisation;
use crate::domain::{Id, Record, Today, Verdict};

use super::{Result, Store, StoreError};

impl Store {
    /// Creates the database at `path` (which must not exist yet) holding `org`, as its
    /// writer `program`. The organisation's own rules run first, with nothing created when
    /// they find an error ([`StoreError::Invalid`]); an existing file (or a link, even a
    /// broken one) is refused untouched ([`StoreError::Exists`]). Should the write itself
    /// fail (a full disk), the new file is removed again. `profile` is who is recorded in
    /// the audit trail; `today` the date the rules are judged against.
    pub fn create_with_organisation(
        path: &Path,
        program: &str,
        profile: &str,
        today: Today,
        mut org: Organisation,
    ) -> Result<(Store, Id<Organisation>)> {
        if path.symlink_metadata().is_ok() {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        let verdict = check_new_organisation(&mut org, today);
        if verdict.has_errors() {
            return Err(StoreError::Invalid(verdict));
        }
        let mut store = Store::open_for_writing(path, program)?;
        store.set_profile(profile);
        store.set_today(today);
        if !store.is_empty()? {
            // Made by someone else between the look above and the open: not ours to write.
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        match store.insert(org) {
            Ok(id) => Ok((store, id)),
            Err(e) => {
                Store::discard_if_empty(store);
                Err(e)
            }
        }
    }
}

/// A new database's organisation, tidied and checked: the same two calls the writer makes
/// before it saves a record from the form (no other record can be named in an empty
/// database, so these are all its rules). `skillbase init` names every problem at once.
pub fn check_new_organisation(org: &mut Organisation, today: Today) -> Verdict {
    org.normalise();
    org.validate(today)
}
