//! What can go wrong exchanging data, typed so the command line can tell bad input (exit
//! 2, nothing written) from a machine failure (exit 1), and the window can say which file,
//! record and field.

use std::path::PathBuf;

use super::package::PackageError;
use crate::domain::RecordKind;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error(transparent)]
    Package(#[from] PackageError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A record in the package refers to one that is neither in it nor here.
    #[error("{file}: {kind:?} {id}.{field} refers to {target:?} {target_id}, which is missing")]
    MissingReference {
        file: PathBuf,
        kind: RecordKind,
        id: String,
        field: String,
        target: RecordKind,
        target_id: String,
    },
    /// Conflicts wait for a choice (`--prefer`, or the window).
    #[error("{conflicts} conflict(s) need a choice")]
    Unresolved { conflicts: usize },
    /// A consolidation is given a package of changes only.
    #[error("{file}: not a complete package")]
    NotComplete { file: PathBuf },
    /// No passphrase was given (a file or the environment variable).
    #[error("no passphrase")]
    NoPassphrase,
    #[error("{file}: {source}")]
    Write { file: PathBuf, source: std::io::Error },
    /// A worker thread ended without an answer (it panicked): nothing was written.
    #[error("interrupted")]
    Interrupted,
    /// The package file was not written: the path is the database's own, or a file that
    /// exists (without consent to replace it), or writing failed.
    #[error(transparent)]
    Output(#[from] crate::files::OutputError),
}

impl ExchangeError {
    /// The user's input is at fault (exit 2): the file, the passphrase, a record, a choice.
    pub fn is_bad_input(&self) -> bool {
        match self {
            ExchangeError::Package(PackageError::Io { .. }) => true,
            ExchangeError::Package(_) => true,
            ExchangeError::Store(e) => e.is_bad_input(),
            ExchangeError::Write { .. } | ExchangeError::Interrupted => false,
            ExchangeError::Output(e) => e.is_bad_input(),
            _ => true,
        }
    }
}
