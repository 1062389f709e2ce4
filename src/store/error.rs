//! What can go wrong in the store, typed so a caller can tell bad input from a broken disk.

use std::path::PathBuf;

use crate::domain::{RecordKind, Verdict};

/// A store failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database.
    #[error("{path}: not a SQLite database")]
    NotADatabase { path: PathBuf },
    /// An SQLite database that another program made.
    #[error("{path}: an SQLite database, but not a SkillBase one")]
    ForeignDatabase { path: PathBuf },
    /// Written by a newer SkillBase: refused, never touched.
    #[error("{path}: schema version {found}, this build reads up to {supported}")]
    NewerSchema {
        path: PathBuf,
        found: i32,
        supported: i32,
    },
    /// The folder for a new database does not exist.
    #[error("{path}: folder does not exist")]
    NoSuchFolder { path: PathBuf },
    /// A record that is not there (or is deleted, where a live one is needed).
    #[error("{kind:?} {id} not found")]
    NotFound { kind: RecordKind, id: String },
    /// The record has errors: nothing was written.
    #[error("invalid record: {0:?}")]
    Invalid(Verdict),
    /// A field refers to a record that does not exist or is deleted.
    #[error("{kind:?}.{field} refers to missing {target:?} {id}")]
    MissingReference {
        kind: RecordKind,
        field: &'static str,
        target: RecordKind,
        id: String,
    },
    /// Someone with this document number is already registered.
    #[error("person with document {doc_number} already exists as {existing}")]
    DuplicatePerson {
        doc_number: String,
        existing: String,
        existing_name: String,
    },
    /// A delete refused because live records still refer to this one.
    #[error("{kind:?} {id} is still referred to by {count} {by:?} record(s)")]
    StillReferenced {
        kind: RecordKind,
        id: String,
        by: RecordKind,
        /// The field of `by` that refers.
        field: String,
        count: u64,
        /// One of the records that refer, as people recognise it.
        example: String,
    },
    /// A live record that would refer to a deleted record (a data package's merge):
    /// nothing was written. Boxed: the other variants are small.
    #[error("{0:?}: refers to a deleted or missing record")]
    DanglingReference(Box<crate::domain::year::Dangling>),
    /// A certificate linked to an enrolment of another person.
    #[error("certificate of {holder} linked to the enrolment of {enrolled}")]
    CertificateOfAnotherPerson {
        /// The certificate as people recognise it.
        certificate: String,
        /// Its holder: name and masked document number.
        holder: String,
        /// The enrolment's person: name and masked document number.
        enrolled: String,
        /// The enrolment's cohort.
        cohort: String,
    },
    /// A certificate already linked to another enrolment.
    #[error("certificate {certificate} is already the one gained in {enrolment}")]
    CertificateTaken { certificate: String, enrolment: String },
    /// An enrolment that already has another certificate linked.
    #[error("enrolment {enrolment} already has certificate {certificate}")]
    EnrolmentHasCertificate { enrolment: String, certificate: String },
    /// The person is already enrolled (live) in the cohort.
    #[error("{person} is already enrolled in {cohort} ({existing})")]
    DuplicateEnrolment {
        person: String,
        cohort: String,
        /// The existing enrolment's id and date.
        existing: String,
        enrolled_on: String,
    },
    /// A stored value that cannot be read as its field's type: the file was changed
    /// outside SkillBase.
    #[error("{kind:?} {id}: column {column} holds {value:?}: {message}")]
    Unreadable {
        kind: RecordKind,
        id: String,
        column: String,
        value: String,
        message: String,
    },
    /// No organisation matches what the user named (or the database has none).
    #[error("no organisation matches {text:?}")]
    NoSuchOrganisation { text: String },
    /// Several organisations match what the user named.
    #[error("{text:?} matches several organisations: {candidates:?}")]
    AmbiguousOrganisation { text: String, candidates: Vec<String> },
    /// Demo data goes only into an empty database.
    #[error("database already holds records")]
    NotEmpty,
    /// A new database was asked for where a file (or a link) already is: left untouched.
    #[error("{path}: already exists")]
    Exists { path: PathBuf },
    /// Another program holds the database.
    #[error("database is busy (locked by another program)")]
    Busy,
    /// Another copy of SkillBase (or a writing command) is the database's writer.
    #[error("{path}: in use by another SkillBase ({holder:?})")]
    InUse {
        path: PathBuf,
        holder: Option<super::LockHolder>,
    },
    /// The file is a SkillBase database but fails SQLite's integrity check: refused,
    /// never touched.
    #[error("{path}: damaged ({detail})")]
    Damaged { path: PathBuf, detail: String },
    /// The disk is full: the transaction was rolled back, nothing was written.
    #[error("{path}: disk full")]
    DiskFull { path: PathBuf },
    /// The file or its folder cannot be written.
    #[error("{path}: read-only")]
    ReadOnly { path: PathBuf },
    /// A write to a store opened read-only (another program is the writer).
    #[error("{path}: opened read-only")]
    ReadOnlyStore { path: PathBuf },
    /// Read-only opening needs the current schema (an upgrade would write).
    #[error("{path}: an older schema cannot be opened read-only")]
    ReadOnlyOldSchema { path: PathBuf },
    /// A regional consolidation into a database that holds records of its own (entered
    /// here, not loaded from data packages); or a data package imported into a reviewer's
    /// consolidation database.
    #[error("not a consolidation database")]
    NotConsolidation,
    /// A data package imported into a reviewer's consolidation database.
    #[error("a consolidation database does not merge packages")]
    IsConsolidation,
    /// A record a merge would write was changed here after the merge was previewed.
    #[error("{kind:?} {id} changed since the preview")]
    ChangedSincePreview { kind: RecordKind, id: String },
    /// An empty (0-byte) file where a database was expected: left as it was, nothing made
    /// of it.
    #[error("{path}: empty file")]
    EmptyFile { path: PathBuf },
    /// The write-ahead log beside the database does not belong to it (another database's,
    /// or another copy's): neither file is touched.
    #[error("{path}: its write-ahead log {wal} does not belong to it ({detail})")]
    ForeignWal {
        path: PathBuf,
        wal: PathBuf,
        detail: String,
    },
    /// A database on a read-only disk whose write-ahead log cannot be read there.
    #[error("{path}: read-only, with a write-ahead log")]
    ReadOnlyWithLog { path: PathBuf },
    /// The writer's lock file is not safe to use (a link, a hard link, not a file).
    #[error("{path}: lock file not used ({problem:?})")]
    UnsafeLockFile {
        path: PathBuf,
        problem: super::lock::LockFileProblem,
    },
    /// The database file has several names (hard links): writing it is refused.
    #[error("{path}: {links} hard links")]
    HardLinked { path: PathBuf, links: u64 },
    /// A restore from a backup of another database, not confirmed by the user.
    #[error("{backup}: a backup of another database than {db}")]
    OtherDatabase {
        backup: PathBuf,
        /// The database the backup was taken of, as it says.
        of_path: Option<PathBuf>,
        of_install: Option<String>,
        db: PathBuf,
    },
    /// The database itself refused a second live person with the same document.
    #[error("a second live person with the same document")]
    SecondLivePerson,
    /// A record loaded from a package has the id of a record of another register here.
    #[error("{kind:?} {id} is a {other:?} here")]
    IdOfAnotherRegister {
        kind: RecordKind,
        id: String,
        other: RecordKind,
    },
    /// A file that may not be attached (empty, too large, of a type not accepted, or not
    /// what its name says): nothing was written.
    #[error("{file_name}: {problem}")]
    Attachment {
        file_name: String,
        problem: crate::domain::attachment::AttachmentProblem,
    },
    /// No attachment (live, where one is removed) with this id, or no stored file with
    /// this SHA-256.
    #[error("no attachment {what}")]
    NoSuchAttachment { what: String },
    #[error("record conversion: {0}")]
    Row(#[from] super::row::RowError),
    #[error("SQLite: {0}")]
    Sqlite(rusqlite::Error),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            // A page found damaged while reading: the file is named where it is known
            // (`store::on_disk`); here it is not.
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
                path: PathBuf::new(),
                detail: e.to_string(),
            },
            Some(rusqlite::ErrorCode::ConstraintViolation)
                if e.to_string()
                    .contains(super::schema::ONE_LIVE_PERSON_PER_DOCUMENT) =>
            {
                StoreError::SecondLivePerson
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// True when the user's input (a file, a record) is at fault rather than the machine:
    /// the command line exits 2 for these.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StoreError::NotADatabase { .. }
                | StoreError::ForeignDatabase { .. }
                | StoreError::NewerSchema { .. }
                | StoreError::NoSuchFolder { .. }
                | StoreError::NotFound { .. }
                | StoreError::Invalid(_)
                | StoreError::MissingReference { .. }
                | StoreError::DuplicatePerson { .. }
                | StoreError::StillReferenced { .. }
                | StoreError::DanglingReference(_)
                | StoreError::CertificateOfAnotherPerson { .. }
                | StoreError::CertificateTaken { .. }
                | StoreError::EnrolmentHasCertificate { .. }
                | StoreError::DuplicateEnrolment { .. }
                | StoreError::Unreadable { .. }
                | StoreError::NotEmpty
                | StoreError::Exists { .. }
                | StoreError::NoSuchOrganisation { .. }
                | StoreError::AmbiguousOrganisation { .. }
                | StoreError::Damaged { .. }
                | StoreError::NotConsolidation
                | StoreError::IsConsolidation
                | StoreError::ChangedSincePreview { .. }
                | StoreError::EmptyFile { .. }
                | StoreError::ForeignWal { .. }
                | StoreError::OtherDatabase { .. }
                | StoreError::SecondLivePerson
                | StoreError::IdOfAnotherRegister { .. }
                | StoreError::Attachment { .. }
                | StoreError::NoSuchAttachment { .. }
        )
    }
}
