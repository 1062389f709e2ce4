//! The import itself: every data row of a mapped file normalised, turned into the
//! records it means and checked by the same rules as a record typed in its form; a
//! status per row (new, update — matched by ID number —, unchanged, error) with
//! messages naming row, column, value and what is expected; duplicates inside the file
//! reported. Nothing is written by [`dry_run`]. [`commit`] takes a backup, then writes
//! every valid row in one transaction with the history entry (all or nothing), unless
//! the user chose to import only the valid rows; [`failed_rows_xlsx`] gives the
//! rejected rows back with an error column, ready to fix and re-import.

mod check;
mod commit;
mod map;
mod read;
mod rejected;
mod row;

pub use commit::{CommitError, Committed, commit};
pub use map::{prepare, remember};
pub use read::{Source, sha256_hex};
pub use rejected::failed_rows_xlsx;
pub use row::{CLOSE_OCCUPATIONS, find_occupation};
use row::{RowReader, parse_choice};

use crate::domain::capacity::PublicService;
use crate::domain::check::Problem;
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::staff::Teacher;
use crate::domain::studio::Apprenticeship;
use crate::domain::training::{Enrolment, Qualification};
use crate::domain::{Id, RecordKind, Severity};
use crate::lang::Lang;
use crate::progress::Progress;
use crate::sheets::Words;
use crate::sheets::columns::{HeaderProblem, ImportKind, Mapping};
use crate::sheets::sheet::{Cell, ReadError};
use crate::store::{ImportSummary, Store, StoreError};

/// Why a file cannot be imported at all. Nothing is written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Read(ReadError),
    #[error("no header: {0:?}")]
    Header(HeaderProblem),
    #[error("columns missing: {0:?}")]
    MissingColumns(Vec<&'static str>),
    /// Records of this kind belong to an organisation and none was chosen or exists.
    #[error("no organisation")]
    NoOrganisation,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a row will do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum RowStatus {
    New,
    Update,
    Unchanged,
    Error,
}

/// What is wrong with one value (the message says what is expected).
#[derive(Clone, Debug, PartialEq)]
pub enum IssueKind {
    Required,
    Date,
    Number,
    WholeNumber,
    YesNo,
    Sex,
    Grade,
    Ethnicity,
    Education,
    /// Not an occupation of the classification; `close` holds the codes of those whose
    /// name contains what was written (at most [`CLOSE_OCCUPATIONS`]).
    Occupation {
        close: Vec<&'static str>,
    },
    DocType,
    /// One of a closed list (`key` is the list's label key).
    Choice {
        key: &'static str,
        codes: Vec<&'static str>,
    },
    /// An ID number Excel stored as a number: its last digits are lost.
    IdStoredAsNumber,
    NoSuchCohort,
    NoSuchFacility,
    /// No apprenticeship of the organisation for this apprentice and date.
    NoSuchApprenticeship,
    /// No stage of this number in the apprenticeship's plan (the numbers it has).
    NoSuchStage {
        have: Vec<u32>,
    },
    /// Not registered, and the row has no name to register the person with.
    PersonNotFound,
    /// The same person (or record) already appears in an earlier row.
    DuplicateInFile {
        first_row: usize,
    },
    /// A rule of the record (the same as in its form).
    Rule {
        kind: RecordKind,
        problem: Problem,
    },
}

/// One problem in one row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowIssue {
    /// The column's header as written in the file (or the template's header when the
    /// file has no such column).
    pub column: String,
    /// The value as written.
    pub value: String,
    pub problem: IssueKind,
    pub severity: Severity,
}

/// One data row and what it will do.
#[derive(Clone, Debug)]
pub struct PlannedRow {
    /// The row number as the spreadsheet shows it (1-based).
    pub row: usize,
    pub status: RowStatus,
    pub issues: Vec<RowIssue>,
    /// Who or what the row is about ("张三 150102********1237").
    pub label: String,
    /// The row's cells as read, for the rejected-rows file.
    pub cells: Vec<Cell>,
    action: Option<Action>,
}

impl PlannedRow {
    pub fn errors(&self) -> impl Iterator<Item = &RowIssue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }
}

/// A person a row refers to: already registered, or registered by this import.
#[derive(Clone, Debug)]
enum PersonRef {
    Existing(Id<Person>),
    New(Box<Person>),
}

#[derive(Clone, Debug)]
enum Action {
    Person {
        existing: Option<Id<Person>>,
        person: Box<Person>,
        person_changed: bool,
        qualification: Option<(Option<Id<Qualification>>, Box<Qualification>)>,
    },
    Enrolment {
        person: PersonRef,
        existing: Option<Id<Enrolment>>,
        record: Box<Enrolment>,
    },
    Service {
        existing: Option<Id<PublicService>>,
        record: Box<PublicService>,
    },
    Apprenticeship {
        master: PersonRef,
        apprentice: PersonRef,
        existing: Option<Id<Apprenticeship>>,
        record: Box<Apprenticeship>,
    },
    Teacher {
        person: PersonRef,
        existing: Option<Id<Teacher>>,
        record: Box<Teacher>,
    },
    LogEntry {
        existing: Option<Id<crate::domain::studio_log::LogEntry>>,
        record: Box<crate::domain::studio_log::LogEntry>,
    },
    /// A registered record the row repeats exactly.
    Nothing,
}

/// The dry run's result: every row with its status, nothing written.
#[derive(Clone, Debug)]
pub struct Plan {
    pub kind: ImportKind,
    pub file_name: String,
    pub sha256: String,
    pub mapping: Mapping,
    pub rows: Vec<PlannedRow>,
    pub org: Option<Id<Organisation>>,
    /// The database's change number when the rows were checked: if nothing was written
    /// since, the commit need not check them again.
    pub change_seq: Option<i64>,
}

/// Rows per status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub new: u64,
    pub update: u64,
    pub unchanged: u64,
    pub error: u64,
}

impl Plan {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for r in &self.rows {
            match r.status {
                RowStatus::New => c.new += 1,
                RowStatus::Update => c.update += 1,
                RowStatus::Unchanged => c.unchanged += 1,
                RowStatus::Error => c.error += 1,
            }
        }
        c
    }

    pub fn has_errors(&self) -> bool {
        self.rows.iter().any(|r| r.status == RowStatus::Error)
    }

    /// What the history will keep.
    pub fn summary(&self) -> ImportSummary {
        let c = self.counts();
        ImportSummary {
            kind: self.kind.code().to_string(),
            file_name: self.file_name.clone(),
            sha256: self.sha256.clone(),
            rows: self.rows.len() as u64,
            new: c.new,
            updated: c.update,
            unchanged: c.unchanged,
            rejected: c.error,
        }
    }
}

/// Checks every row; writes nothing.
pub fn dry_run(
    store: &Store,
    source: &Source,
    kind: ImportKind,
    mapping: &Mapping,
    org: Option<Id<Organisation>>,
    lang: Lang,
    progress: &dyn Progress,
) -> Result<Plan, ImportError> {
    let missing = mapping.missing(kind);
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    if kind.needs_org() && org.is_none() {
        return Err(ImportError::NoOrganisation);
    }
    let grid = source
        .book
        .sheets
        .iter()
        .find(|g| g.name == mapping.sheet)
        .or_else(|| source.book.sheets.first())
        .ok_or(ImportError::Read(ReadError::Empty))?;
    let data: Vec<(usize, &Vec<Cell>)> = grid
        .rows
        .iter()
        .enumerate()
        .skip(mapping.data_row)
        .filter(|(_, r)| !r.iter().all(Cell::is_blank))
        .collect();
    progress.stage(lang.import_stages()[0], data.len() as u64);
    let mut checker = check::RowChecker::new(store, kind, org)?;
    let mut rows = Vec::with_capacity(data.len());
    for (i, (index, cells)) in data.into_iter().enumerate() {
        let mut row = RowReader {
            kind,
            mapping,
            cells,
            number: index + 1,
            issues: Vec::new(),
        };
        let (label, action) = checker.check(&mut row)?;
        let has_errors = row.issues.iter().any(|i| i.severity == Severity::Error);
        let status = match (&action, has_errors) {
            (_, true) | (None, _) => RowStatus::Error,
            (Some(a), false) => status_of(a),
        };
        rows.push(PlannedRow {
            row: index + 1,
            status,
            issues: row.issues,
            label,
            cells: cells.clone(),
            action: if has_errors { None } else { action },
        });
        if i % 256 == 255 {
            progress.advance(256);
        }
    }
    progress.finish();
    Ok(Plan {
        kind,
        file_name: source.file_name.clone(),
        sha256: source.sha256.clone(),
        mapping: mapping.clone(),
        rows,
        org,
        change_seq: store.change_seq().ok(),
    })
}

fn status_of(a: &Action) -> RowStatus {
    let (existing, changed) = match a {
        Action::Person {
            existing,
            person_changed,
            qualification,
            ..
        } => (existing.is_some(), *person_changed || qualification.is_some()),
        Action::Enrolment { existing, .. } => (existing.is_some(), true),
        Action::Service { existing, .. } => (existing.is_some(), true),
        Action::Apprenticeship { existing, .. } => (existing.is_some(), true),
        Action::Teacher { existing, .. } => (existing.is_some(), true),
        Action::LogEntry { existing, .. } => (existing.is_some(), true),
        Action::Nothing => (true, false),
    };
    match (existing, changed) {
        (false, _) => RowStatus::New,
        (true, true) => RowStatus::Update,
        (true, false) => RowStatus::Unchanged,
    }
}

/// One issue as a sentence: the column, the value and what is expected.
pub fn issue_text(i: &RowIssue, lang: Lang) -> String {
    lang.issue(i)
}
