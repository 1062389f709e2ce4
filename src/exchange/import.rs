//! The import itself: every data row of a mapped file normalised, turned into the
//! records it means and checked by the same rules as a record typed in its form; a
//! status per row (new, update — matched by ID number —, unchanged, error) with
//! messages naming row, column, value and what is expected; duplicates inside the file
//! reported. Nothing is written by [`dry_run`]. [`commit`] takes a backup, then writes
//! every valid row in one transaction with the history entry (all or nothing), unless
//! the user chose to import only the valid rows; [`failed_rows_xlsx`] gives the
//! rejected rows back with an error column, ready to fix and re-import.

use std::collections::HashMap;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::columns::{self, HeaderProblem, ImportKind, Mapping};
use super::sheet::{Cell, ReadError, Workbook};
use crate::domain::capacity::{Facility, PublicService, RecipientType};
use crate::domain::check::Problem;
use crate::domain::codes;
use crate::domain::grade::SkillGrade;
use crate::domain::identity::{self, DocType, Sex};
use crate::domain::org::Organisation;
use crate::domain::person::{EmployerType, Person};
use crate::domain::staff::{Teacher, TeacherKind};
use crate::domain::studio::{Apprenticeship, ApprenticeshipStatus};
use crate::domain::text;
use crate::domain::training::{
    AssessmentResult, CertType, Cohort, Enrolment, EnrolmentStatus, Qualification,
};
use crate::domain::{Id, Record, RecordKind, Severity, Stored, Today, Verdict};
use crate::i18n::{Labelled, Lang};
use crate::progress::Progress;
use crate::store::{BackupReason, ImportSummary, Scope, Store, StoreError, Writer};

/// A file to import: its name, the SHA-256 of its bytes, and what it holds.
#[derive(Clone, Debug)]
pub struct Source {
    pub file_name: String,
    pub sha256: String,
    pub book: Workbook,
}

impl Source {
    /// Reads a file from disk.
    pub fn read(path: &std::path::Path) -> Result<Source, ReadError> {
        let (book, bytes) = super::sheet::read_path(path)?;
        Ok(Source {
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: sha256_hex(&bytes),
            book,
        })
    }

    /// A file already in memory.
    pub fn from_bytes(file_name: &str, bytes: &[u8]) -> Result<Source, ReadError> {
        Ok(Source {
            file_name: file_name.to_string(),
            sha256: sha256_hex(bytes),
            book: super::sheet::read_bytes(bytes)?,
        })
    }
}

/// SHA-256 as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

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

/// Finds the header and maps the columns; a mapping the user confirmed for files of the
/// same layout is used instead of the guess.
pub fn prepare(store: &Store, source: &Source, kind: ImportKind) -> Result<Mapping, ImportError> {
    let mut mapping = columns::detect(&source.book, kind).map_err(ImportError::Header)?;
    if let Some(json) = store.remembered_mapping(kind.code(), &mapping.layout())?
        && let Ok(fields) = serde_json::from_str::<Vec<Option<String>>>(&json)
        && fields.len() == mapping.fields.len()
    {
        mapping.fields = fields
            .into_iter()
            .map(|f| f.filter(|k| kind.target(k).is_some()))
            .collect();
    }
    Ok(mapping)
}

/// Remembers the mapping for the next file of the same layout.
pub fn remember(store: &mut Store, kind: ImportKind, mapping: &Mapping) -> Result<(), StoreError> {
    let json = serde_json::to_string(&mapping.fields).unwrap_or_default();
    store.remember_mapping(kind.code(), &mapping.layout(), &json)
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
    progress.stage(crate::i18n::import::text(lang).stage_check, data.len() as u64);
    let mut checker = Checker::new(store, kind, org)?;
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
        Action::Nothing => (true, false),
    };
    match (existing, changed) {
        (false, _) => RowStatus::New,
        (true, true) => RowStatus::Update,
        (true, false) => RowStatus::Unchanged,
    }
}

/// One row's cells, read through the mapping, collecting what is wrong.
struct RowReader<'a> {
    kind: ImportKind,
    mapping: &'a Mapping,
    cells: &'a [Cell],
    /// The row number as the spreadsheet shows it.
    number: usize,
    issues: Vec<RowIssue>,
}

impl RowReader<'_> {
    fn cell(&self, key: &str) -> Option<&Cell> {
        let c = self.mapping.column_of(key)?;
        self.cells.get(c).filter(|c| !c.is_blank())
    }

    fn raw(&self, key: &str) -> String {
        self.cell(key).map(Cell::text).unwrap_or_default()
    }

    /// The column's header in the file, else the template's header.
    fn header(&self, key: &str) -> String {
        self.mapping
            .header_of(key)
            .map(str::to_string)
            .or_else(|| self.kind.target(key).map(|t| t.header().to_string()))
            .unwrap_or_else(|| key.to_string())
    }

    fn issue(&mut self, key: &str, problem: IssueKind) {
        self.issue_with(key, problem, Severity::Error);
    }

    fn issue_with(&mut self, key: &str, problem: IssueKind, severity: Severity) {
        let raw = self.raw(key);
        // A document number is masked in messages, as everywhere it leaves the database.
        let value = if self.kind.is_document_column(key) {
            identity::mask_document_number(&text::normalise_code(&raw))
        } else {
            raw
        };
        let issue = RowIssue {
            column: self.header(key),
            value,
            problem,
            severity,
        };
        if !self.issues.contains(&issue) {
            self.issues.push(issue);
        }
    }

    /// The text as free text is normalised (`text::normalise_text`: full-width digits and
    /// letters made half-width, full-width symbols such as “＝” kept, so “＝１＋１” stays
    /// text and never becomes the formula “=1+1”); `None` when empty. What is parsed (dates,
    /// numbers, lists) is normalised fully by [`RowReader::parsed`]; codes by the record.
    /// The apostrophe a CSV export puts before a cell starting with = + - @ (so that Excel
    /// shows it as text) is taken off again.
    fn text(&self, key: &str) -> Option<String> {
        self.cell(key)
            .map(|c| {
                let t = c.text();
                let t = match t.strip_prefix('\'') {
                    Some(rest) if super::export::starts_like_formula(rest) => rest.to_string(),
                    _ => t,
                };
                text::normalise_text(&t)
            })
            .filter(|s| !s.is_empty())
    }

    fn required_text(&mut self, key: &str) -> Option<String> {
        let v = self.text(key);
        if v.is_none() {
            self.issue(key, IssueKind::Required);
        }
        v
    }

    fn parsed<T>(
        &mut self,
        key: &str,
        required: bool,
        kind: IssueKind,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let Some(s) = self.text(key) else {
            if required {
                self.issue(key, IssueKind::Required);
            }
            return None;
        };
        let v = parse(&text::normalise(&s));
        if v.is_none() {
            self.issue(key, kind);
        }
        v
    }

    fn date(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        match self.cell(key) {
            Some(Cell::Date(d)) => Some(*d),
            Some(Cell::Number(n)) => {
                let n = *n;
                let d = text::date_from_excel_serial(n)
                    .filter(|_| n < 100_000.0)
                    .or_else(|| {
                        // 20230501 typed into a number cell.
                        text::parse_date_loose(&super::sheet::number_text(n))
                    });
                if d.is_none() {
                    self.issue(key, IssueKind::Date);
                }
                d
            }
            _ => self.parsed(key, required, IssueKind::Date, text::parse_date_loose),
        }
    }

    fn number(&mut self, key: &str, required: bool) -> Option<f64> {
        self.parsed(key, required, IssueKind::Number, |s| {
            s.replace([',', '，'], "")
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
        })
    }

    fn whole(&mut self, key: &str, required: bool) -> Option<u32> {
        self.parsed(key, required, IssueKind::WholeNumber, |s| {
            let f: f64 = s.replace([',', '，'], "").parse().ok()?;
            (f.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&f)).then_some(f as u32)
        })
    }

    fn yes_no(&mut self, key: &str) -> Option<bool> {
        self.parsed(key, false, IssueKind::YesNo, parse_yes_no)
    }

    fn grade(&mut self, key: &str, required: bool) -> Option<SkillGrade> {
        self.parsed(key, required, IssueKind::Grade, SkillGrade::parse_loose)
    }

    fn occupation(&mut self, key: &str, required: bool) -> Option<String> {
        let Some(s) = self.text(key) else {
            if required {
                self.issue(key, IssueKind::Required);
            }
            return None;
        };
        if let Some(o) = find_occupation(&s) {
            return Some(o.code.to_string());
        }
        let close = codes::occupations_containing(&s, CLOSE_OCCUPATIONS)
            .into_iter()
            .map(|o| o.code)
            .collect();
        self.issue(key, IssueKind::Occupation { close });
        None
    }

    fn choice<T: Labelled + Copy>(&mut self, key: &str, all: &'static [T]) -> Option<T> {
        let codes = all.iter().map(Labelled::code).collect();
        self.parsed(
            key,
            false,
            IssueKind::Choice {
                key: T::LABEL_KEY,
                codes,
            },
            |s| parse_choice(all, s),
        )
    }

    /// A document number: an ID number stored as a number has lost its last digits.
    fn doc(&mut self, key: &str) -> Option<String> {
        if let Some(Cell::Number(n)) = self.cell(key)
            && n.abs() >= 1e15
        {
            self.issue(key, IssueKind::IdStoredAsNumber);
            return None;
        }
        self.required_text(key).map(|s| text::normalise_code(&s))
    }

    /// The rules of a record, each filed under the column its field came from.
    fn verdict(&mut self, verdict: &Verdict, field_key: impl Fn(&'static str) -> &'static str) {
        for issue in &verdict.issues {
            let key = field_key(issue.field);
            self.issue_with(
                key,
                IssueKind::Rule {
                    kind: issue.kind,
                    problem: issue.problem.clone(),
                },
                issue.severity,
            );
        }
    }
}

/// 是/否, √/×, Y/N, 1/0, true/false.
fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "是" | "√" | "✓" | "y" | "yes" | "1" | "true" | "有" => Some(true),
        "否" | "×" | "✗" | "n" | "no" | "0" | "false" | "无" | "不是" => Some(false),
        _ => None,
    }
}

/// A closed list's value by its code, its Chinese or its English label.
fn parse_choice<T: Labelled + Copy>(all: &[T], s: &str) -> Option<T> {
    let s = text::normalise(s);
    let lower = s.to_lowercase();
    all.iter()
        .copied()
        .find(|v| v.code() == lower || v.label(Lang::Zh) == s || v.label(Lang::En).to_lowercase() == lower)
}

/// How many occupations an unknown one's message offers.
pub const CLOSE_OCCUPATIONS: usize = 5;

/// An occupation by code ("6-18-01-01", "6180101"), by name ("车工"), or both
/// ("6-18-01-01 车工", as exports and the template's list write it).
pub fn find_occupation(s: &str) -> Option<&'static codes::Occupation> {
    let s = text::normalise(s);
    codes::occupation(&s)
        .or_else(|| codes::occupation_by_name(&s))
        .or_else(|| {
            let (code, name) = s.split_once(char::is_whitespace)?;
            codes::occupation(code).or_else(|| codes::occupation_by_name(name))
        })
}

/// Looks rows up against the store and keeps what earlier rows of the file said.
struct Checker<'s> {
    store: &'s Store,
    kind: ImportKind,
    org: Option<Id<Organisation>>,
    today: Today,
    /// Duplicate keys already seen, with their row.
    seen: HashMap<String, usize>,
    /// People registered by earlier rows of this file, by document number.
    new_people: HashMap<String, Person>,
    cohorts: HashMap<String, Stored<Cohort>>,
    facilities: HashMap<String, Id<Facility>>,
    enrolments: HashMap<(Id<Cohort>, Id<Person>), Stored<Enrolment>>,
    services: HashMap<(NaiveDate, String, String), Stored<PublicService>>,
    apprenticeships: HashMap<(Id<Person>, Id<Person>), Stored<Apprenticeship>>,
    teachers: HashMap<Id<Person>, Stored<Teacher>>,
}

impl<'s> Checker<'s> {
    fn new(store: &'s Store, kind: ImportKind, org: Option<Id<Organisation>>) -> Result<Self, StoreError> {
        let scope = Scope {
            org: org.map(|o| o.uuid()),
            include_deleted: false,
        };
        let mut c = Checker {
            store,
            kind,
            org,
            today: store.today(),
            seen: HashMap::new(),
            new_people: HashMap::new(),
            cohorts: HashMap::new(),
            facilities: HashMap::new(),
            enrolments: HashMap::new(),
            services: HashMap::new(),
            apprenticeships: HashMap::new(),
            teachers: HashMap::new(),
        };
        match kind {
            ImportKind::People => {}
            ImportKind::Enrolments => {
                for cohort in store.list::<Cohort>(&scope)? {
                    c.cohorts.insert(text::normalise(&cohort.record.name), cohort);
                }
                for e in store.list::<Enrolment>(&Scope::default())? {
                    c.enrolments.insert((e.record.cohort, e.record.person), e);
                }
            }
            ImportKind::Services => {
                for f in store.list::<Facility>(&scope)? {
                    c.facilities.insert(text::normalise(&f.record.name), f.id);
                }
                for s in store.list::<PublicService>(&scope)? {
                    let key = (
                        s.record.date,
                        s.record.recipient.clone(),
                        s.record.content.clone(),
                    );
                    c.services.insert(key, s);
                }
            }
            ImportKind::Apprenticeships => {
                for a in store.list::<Apprenticeship>(&scope)? {
                    c.apprenticeships
                        .insert((a.record.master, a.record.apprentice), a);
                }
            }
            ImportKind::Teachers => {
                for t in store.list::<Teacher>(&scope)? {
                    c.teachers.insert(t.record.person, t);
                }
            }
        }
        Ok(c)
    }

    /// Reports a second row with the same key; true when it is one.
    fn duplicate(&mut self, row: &mut RowReader, key: String, column: &str, row_number: usize) -> bool {
        match self.seen.get(&key) {
            Some(first) => {
                row.issue(column, IssueKind::DuplicateInFile { first_row: *first });
                true
            }
            None => {
                self.seen.insert(key, row_number);
                false
            }
        }
    }

    fn check(&mut self, row: &mut RowReader) -> Result<(String, Option<Action>), StoreError> {
        match self.kind {
            ImportKind::People => self.person_row(row),
            ImportKind::Enrolments => self.enrolment_row(row),
            ImportKind::Services => Ok(self.service_row(row)),
            ImportKind::Apprenticeships => self.apprenticeship_row(row),
            ImportKind::Teachers => self.teacher_row(row),
        }
    }

    /// The person of a row: read from the given columns, merged over the registered
    /// person with the same document when there is one.
    fn read_person(
        &self,
        row: &mut RowReader,
        keys: PersonKeys,
        existing: Option<&Person>,
    ) -> Option<Person> {
        let doc_type = match keys.doc_type.and_then(|k| row.text(k)) {
            Some(s) => match DocType::parse_loose(&s) {
                Some(d) => Some(d),
                None => {
                    row.issue(keys.doc_type.unwrap_or("doc_type"), IssueKind::DocType);
                    return None;
                }
            },
            None => None,
        }
        .or(existing.map(|p| p.doc_type))
        .unwrap_or(DocType::CitizenId);
        let mut number = row.doc(keys.doc)?;
        if doc_type == DocType::CitizenId
            && number.len() == 15
            && let Ok(up) = identity::upgrade_15(&number)
        {
            number = up;
        }
        let info = (doc_type == DocType::CitizenId)
            .then(|| identity::parse_citizen_id(&number, self.today.0).ok())
            .flatten();
        let name = keys.name.and_then(|k| row.text(k));
        let sex = keys
            .sex
            .and_then(|k| row.parsed(k, false, IssueKind::Sex, Sex::parse_loose));
        let birth = keys.birth.and_then(|k| row.date(k, false));
        let mut p = match existing {
            Some(p) => p.clone(),
            None => {
                let Some(name) = name.clone() else {
                    row.issue(keys.name.unwrap_or("name"), IssueKind::Required);
                    return None;
                };
                let (sex0, birth0) = match &info {
                    Some(i) => (i.sex, i.birth_date),
                    None => {
                        if sex.is_none() && info.is_none() && doc_type != DocType::CitizenId {
                            row.issue(keys.sex.unwrap_or("sex"), IssueKind::Required);
                        }
                        if birth.is_none() && doc_type != DocType::CitizenId {
                            row.issue(keys.birth.unwrap_or("birth_date"), IssueKind::Required);
                        }
                        (Sex::Male, self.today.0)
                    }
                };
                Person {
                    name,
                    doc_type,
                    doc_number: number.clone(),
                    sex: sex0,
                    birth_date: birth0,
                    ethnicity: None,
                    education: None,
                    phone: None,
                    employer: None,
                    employer_type: None,
                    division: info.as_ref().map(|i| i.address_code.clone()),
                    notes: None,
                }
            }
        };
        if let Some(n) = name {
            p.name = n;
        }
        p.doc_type = doc_type;
        p.doc_number = number;
        if let Some(s) = sex {
            p.sex = s;
        }
        if let Some(b) = birth {
            p.birth_date = b;
        }
        if let Some(k) = keys.ethnicity
            && let Some(e) = row.parsed(k, false, IssueKind::Ethnicity, codes::ethnicity_loose)
        {
            p.ethnicity = Some(e.code.to_string());
        }
        if let Some(k) = keys.education
            && let Some(e) = row.parsed(k, false, IssueKind::Education, codes::education_loose)
        {
            p.education = Some(e.code.to_string());
        }
        for (key, slot) in [
            (keys.phone, &mut p.phone),
            (keys.employer, &mut p.employer),
            (keys.division, &mut p.division),
            (keys.notes, &mut p.notes),
        ] {
            if let Some(v) = key.and_then(|k| row.text(k)) {
                *slot = Some(v);
            }
        }
        if let Some(k) = keys.employer_type
            && let Some(t) = row.choice(k, EmployerType::ALL)
        {
            p.employer_type = Some(t);
        }
        p.normalise();
        let verdict = p.validate(self.today);
        row.verdict(&verdict, |field| keys.key_of(field));
        Some(p)
    }

    /// A person named by a row of another register: registered (by document), met in an
    /// earlier row of this file, or new from the row's name.
    fn person_ref(&mut self, row: &mut RowReader, keys: PersonKeys) -> Result<Option<PersonRef>, StoreError> {
        let Some(doc) = row.doc(keys.doc) else {
            return Ok(None);
        };
        let doc = match identity::upgrade_15(&doc) {
            Ok(up) if doc.len() == 15 => up,
            _ => doc,
        };
        if let Some(p) = self.store.find_person_by_doc(&doc)? {
            return Ok(Some(PersonRef::Existing(p.id)));
        }
        if let Some(p) = self.new_people.get(&doc) {
            return Ok(Some(PersonRef::New(Box::new(p.clone()))));
        }
        if keys.name.and_then(|k| row.text(k)).is_none() {
            row.issue(keys.doc, IssueKind::PersonNotFound);
            return Ok(None);
        }
        let p = self.read_person(row, keys, None);
        if let Some(p) = &p {
            self.new_people.insert(p.doc_number.clone(), p.clone());
        }
        Ok(p.map(|p| PersonRef::New(Box::new(p))))
    }

    fn person_row(&mut self, row: &mut RowReader) -> Result<(String, Option<Action>), StoreError> {
        let keys = PersonKeys::people();
        let raw_doc = row.text("doc_number").map(|d| text::normalise_code(&d));
        let existing = match &raw_doc {
            Some(d) => {
                let d = match identity::upgrade_15(d) {
                    Ok(up) if d.len() == 15 => up,
                    _ => d.clone(),
                };
                self.store.find_person_by_doc(&d)?
            }
            None => None,
        };
        let person = self.read_person(row, keys, existing.as_ref().map(|s| &s.record));
        let label = label_of(row.text("name"), person.as_ref().map(|p| p.doc_number.as_str()));
        let Some(person) = person else {
            return Ok((label, None));
        };
        let row_number = row.number;
        if self.duplicate(row, person.doc_number.clone(), "doc_number", row_number) {
            return Ok((label, None));
        }
        let person_ok = !row.issues.iter().any(|i| i.severity == Severity::Error);
        let qualification = self.qualification(row, &person, person_ok, existing.as_ref().map(|s| s.id))?;
        let person_changed = existing.as_ref().is_some_and(|s| s.record != person);
        Ok((
            label,
            Some(Action::Person {
                existing: existing.map(|s| s.id),
                person: Box::new(person),
                person_changed,
                qualification,
            }),
        ))
    }

    /// The row's qualification, when it has one that the person does not already hold:
    /// `(the qualification it changes, the record)`.
    #[allow(clippy::type_complexity)]
    fn qualification(
        &mut self,
        row: &mut RowReader,
        holder: &Person,
        holder_ok: bool,
        holder_id: Option<Id<Person>>,
    ) -> Result<Option<(Option<Id<Qualification>>, Box<Qualification>)>, StoreError> {
        let any = [
            "occupation",
            "work_type",
            "grade",
            "cert_type",
            "cert_number",
            "issued_on",
            "issuer",
        ]
        .iter()
        .any(|k| row.cell(k).is_some());
        if !any {
            return Ok(None);
        }
        let occupation = row.occupation("occupation", true);
        let grade = row.grade("grade", true);
        let issued_on = row.date("issued_on", true);
        let cert_type = row
            .choice("cert_type", CertType::ALL)
            .unwrap_or(CertType::SkillLevel);
        let (Some(occupation), Some(grade), Some(issued_on)) = (occupation, grade, issued_on) else {
            return Ok(None);
        };
        let mut q = Qualification {
            person: holder_id.unwrap_or_default(),
            occupation,
            work_type: row.text("work_type"),
            grade,
            cert_type,
            cert_number: row.text("cert_number"),
            issued_on,
            issuer: row.text("issuer"),
            enrolment: None,
        };
        q.normalise();
        let mut verdict = q.validate(self.today);
        if holder_ok {
            // The holder's birth date is only known when the person's own fields are right.
            verdict
                .issues
                .extend(q.validate_with_person(holder, self.today).issues);
        }
        row.verdict(&verdict, |f| f);
        let Some(holder_id) = holder_id else {
            return Ok(Some((None, Box::new(q))));
        };
        let held = self.store.person_records(holder_id)?.qualifications;
        for h in &held {
            let same_cert = q.cert_number.is_some() && h.record.cert_number == q.cert_number;
            let same = h.record.occupation == q.occupation
                && h.record.grade == q.grade
                && h.record.issued_on == q.issued_on;
            if same || same_cert {
                let merged = Qualification {
                    enrolment: h.record.enrolment,
                    work_type: q.work_type.clone().or(h.record.work_type.clone()),
                    cert_number: q.cert_number.clone().or(h.record.cert_number.clone()),
                    issuer: q.issuer.clone().or(h.record.issuer.clone()),
                    ..q.clone()
                };
                return Ok((merged != h.record).then(|| (Some(h.id), Box::new(merged))));
            }
        }
        Ok(Some((None, Box::new(q))))
    }

    fn enrolment_row(&mut self, row: &mut RowReader) -> Result<(String, Option<Action>), StoreError> {
        let label = label_of(row.text("name"), row.text("doc_number").as_deref());
        let cohort = row.required_text("cohort").and_then(|name| {
            let found = self.cohorts.get(&text::normalise(&name)).cloned();
            if found.is_none() {
                row.issue("cohort", IssueKind::NoSuchCohort);
            }
            found
        });
        let person = self.person_ref(row, PersonKeys::plain())?;
        let enrolled_on = row.date("enrolled_on", false);
        let completed_on = row.date("completed_on", false);
        let status = row.choice("status", EnrolmentStatus::ALL);
        let result = row.parsed(
            "result",
            false,
            IssueKind::Choice {
                key: "AssessmentResult",
                codes: AssessmentResult::ALL.iter().map(|r| r.code()).collect(),
            },
            |s| {
                parse_choice(AssessmentResult::ALL, s).or(match s {
                    "通过" | "是" | "合格通过" => Some(AssessmentResult::Passed),
                    "未通过" | "否" => Some(AssessmentResult::Failed),
                    _ => None,
                })
            },
        );
        let (Some(cohort), Some(person)) = (cohort, person) else {
            return Ok((label, None));
        };
        let doc = person_doc(self.store, &person)?;
        let row_number = row.number;
        if self.duplicate(row, format!("{}|{doc}", cohort.id), "doc_number", row_number) {
            return Ok((label, None));
        }
        let existing = match &person {
            PersonRef::Existing(id) => self.enrolments.get(&(cohort.id, *id)).cloned(),
            PersonRef::New(_) => None,
        };
        let base = existing.as_ref().map(|e| e.record.clone());
        let status = status
            .or(base.as_ref().map(|b| b.status))
            .unwrap_or(if completed_on.is_some() {
                EnrolmentStatus::Completed
            } else {
                EnrolmentStatus::Enrolled
            });
        let mut record = Enrolment {
            cohort: cohort.id,
            person: Id::default(),
            enrolled_on: enrolled_on
                .or(base.as_ref().map(|b| b.enrolled_on))
                .unwrap_or(cohort.record.start_date),
            status,
            completed_on: completed_on.or(base.as_ref().and_then(|b| b.completed_on)),
            result: result.or(base.as_ref().and_then(|b| b.result)),
            qualification: base.as_ref().and_then(|b| b.qualification),
        };
        if let PersonRef::Existing(id) = &person {
            record.person = *id;
        }
        record.normalise();
        row.verdict(&record.validate(self.today), |f| f);
        row.verdict(&record.check_in_cohort(&cohort.record, self.today), |f| f);
        if existing.as_ref().is_some_and(|e| e.record == record) {
            return Ok((label, Some(Action::Nothing)));
        }
        Ok((
            label,
            Some(Action::Enrolment {
                person,
                existing: existing.map(|e| e.id),
                record: Box::new(record),
            }),
        ))
    }

    fn service_row(&mut self, row: &mut RowReader) -> (String, Option<Action>) {
        let date = row.date("date", true);
        let recipient = row.required_text("recipient");
        let recipient_type = match row.text("recipient_type") {
            Some(_) => row.choice("recipient_type", RecipientType::ALL),
            None => {
                row.issue("recipient_type", IssueKind::Required);
                None
            }
        };
        let person_times = row.whole("person_times", true);
        let hours = row.number("hours", true);
        let content = row.required_text("content");
        let facility = row.text("facility").and_then(|name| {
            let f = self.facilities.get(&text::normalise(&name)).copied();
            if f.is_none() {
                row.issue("facility", IssueKind::NoSuchFacility);
            }
            f
        });
        let label = format!(
            "{} {}",
            date.map(|d| d.to_string()).unwrap_or_default(),
            recipient.clone().unwrap_or_default()
        );
        let (
            Some(org),
            Some(date),
            Some(recipient),
            Some(recipient_type),
            Some(person_times),
            Some(hours),
            Some(content),
        ) = (
            self.org,
            date,
            recipient,
            recipient_type,
            person_times,
            hours,
            content,
        )
        else {
            return (label, None);
        };
        let mut record = PublicService {
            org,
            date,
            recipient,
            recipient_type,
            person_times,
            hours,
            content,
            facility,
        };
        record.normalise();
        row.verdict(&record.validate(self.today), |f| f);
        let key = (record.date, record.recipient.clone(), record.content.clone());
        let row_number = row.number;
        if self.duplicate(row, format!("{key:?}"), "recipient", row_number) {
            return (label, None);
        }
        let existing = self.services.get(&key);
        if existing.is_some_and(|e| e.record == record) {
            return (label, Some(Action::Nothing));
        }
        (
            label,
            Some(Action::Service {
                existing: existing.map(|e| e.id),
                record: Box::new(record),
            }),
        )
    }

    fn apprenticeship_row(&mut self, row: &mut RowReader) -> Result<(String, Option<Action>), StoreError> {
        let label = format!(
            "{} → {}",
            row.text("master_name").unwrap_or_default(),
            row.text("apprentice_name").unwrap_or_default()
        );
        let master = self.person_ref(row, PersonKeys::prefixed("master_name", "master_doc"))?;
        let apprentice = self.person_ref(row, PersonKeys::prefixed("apprentice_name", "apprentice_doc"))?;
        let occupation = row.occupation("occupation", true);
        let agreement_date = row.date("agreement_date", false);
        let start_date = row.date("start_date", true);
        let end_date = row.date("end_date", false);
        let grade_at_start = row.grade("grade_at_start", false);
        let grade_at_end = row.grade("grade_at_end", false);
        let status = row.choice("status", ApprenticeshipStatus::ALL);
        let outcome = row.text("outcome");
        let (Some(org), Some(master), Some(apprentice), Some(occupation), Some(start_date)) =
            (self.org, master, apprentice, occupation, start_date)
        else {
            return Ok((label, None));
        };
        let key = format!(
            "{}|{}",
            person_doc(self.store, &master)?,
            person_doc(self.store, &apprentice)?
        );
        let row_number = row.number;
        if self.duplicate(row, key, "apprentice_doc", row_number) {
            return Ok((label, None));
        }
        let existing = match (&master, &apprentice) {
            (PersonRef::Existing(m), PersonRef::Existing(a)) => self.apprenticeships.get(&(*m, *a)).cloned(),
            _ => None,
        };
        let base = existing.as_ref().map(|e| e.record.clone());
        let id_of = |p: &PersonRef| match p {
            PersonRef::Existing(id) => *id,
            PersonRef::New(_) => Id::default(),
        };
        let mut record = Apprenticeship {
            studio: org,
            master: id_of(&master),
            apprentice: id_of(&apprentice),
            occupation,
            agreement_date: agreement_date.or(base.as_ref().and_then(|b| b.agreement_date)),
            start_date,
            end_date: end_date.or(base.as_ref().and_then(|b| b.end_date)),
            grade_at_start: grade_at_start.or(base.as_ref().and_then(|b| b.grade_at_start)),
            grade_at_end: grade_at_end.or(base.as_ref().and_then(|b| b.grade_at_end)),
            status: status
                .or(base.as_ref().map(|b| b.status))
                .unwrap_or(ApprenticeshipStatus::Active),
            outcome: outcome.or(base.as_ref().and_then(|b| b.outcome.clone())),
        };
        record.normalise();
        let mut verdict = record.validate(self.today);
        if matches!((&master, &apprentice), (PersonRef::New(_), PersonRef::New(_))) {
            // Two new people: the same-person rule compares ids, which they get at commit.
            verdict.issues.retain(|i| i.problem != Problem::SamePerson);
        }
        row.verdict(&verdict, |f| match f {
            "apprentice" => "apprentice_doc",
            "master" => "master_doc",
            other => other,
        });
        if existing.as_ref().is_some_and(|e| e.record == record) {
            return Ok((label, Some(Action::Nothing)));
        }
        Ok((
            label,
            Some(Action::Apprenticeship {
                master,
                apprentice,
                existing: existing.map(|e| e.id),
                record: Box::new(record),
            }),
        ))
    }

    fn teacher_row(&mut self, row: &mut RowReader) -> Result<(String, Option<Action>), StoreError> {
        let label = label_of(row.text("name"), row.text("doc_number").as_deref());
        let person = self.person_ref(row, PersonKeys::plain())?;
        let kind = row.choice("kind", TeacherKind::ALL);
        let integrated = row.yes_no("integrated");
        let dual = row.yes_no("dual_qualified");
        let title = row.text("title");
        let occupation = row.occupation("occupation", false);
        let since = row.date("since", false);
        let until = row.date("until", false);
        let (Some(org), Some(person)) = (self.org, person) else {
            return Ok((label, None));
        };
        let doc = person_doc(self.store, &person)?;
        let row_number = row.number;
        if self.duplicate(row, doc, "doc_number", row_number) {
            return Ok((label, None));
        }
        let existing = match &person {
            PersonRef::Existing(id) => self.teachers.get(id).cloned(),
            PersonRef::New(_) => None,
        };
        let base = existing.as_ref().map(|e| e.record.clone());
        let mut record = Teacher {
            org,
            person: match &person {
                PersonRef::Existing(id) => *id,
                PersonRef::New(_) => Id::default(),
            },
            kind: kind
                .or(base.as_ref().map(|b| b.kind))
                .unwrap_or(TeacherKind::FullTime),
            integrated: integrated
                .or(base.as_ref().map(|b| b.integrated))
                .unwrap_or(false),
            dual_qualified: dual.or(base.as_ref().map(|b| b.dual_qualified)).unwrap_or(false),
            title: title.or(base.as_ref().and_then(|b| b.title.clone())),
            occupation: occupation.or(base.as_ref().and_then(|b| b.occupation.clone())),
            since: since.or(base.as_ref().and_then(|b| b.since)),
            until: until.or(base.as_ref().and_then(|b| b.until)),
        };
        record.normalise();
        row.verdict(&record.validate(self.today), |f| f);
        if existing.as_ref().is_some_and(|e| e.record == record) {
            return Ok((label, Some(Action::Nothing)));
        }
        Ok((
            label,
            Some(Action::Teacher {
                person,
                existing: existing.map(|e| e.id),
                record: Box::new(record),
            }),
        ))
    }
}

fn person_doc(store: &Store, p: &PersonRef) -> Result<String, StoreError> {
    Ok(match p {
        PersonRef::Existing(id) => store.get(*id)?.record.doc_number,
        PersonRef::New(p) => p.doc_number.clone(),
    })
}

/// A row as its person will be stored: the name as saved (padding taken out), the
/// document number masked.
fn label_of(name: Option<String>, doc: Option<&str>) -> String {
    let doc = doc.map(identity::mask_document_number).unwrap_or_default();
    let name = name.map(|n| text::normalise_name(&n)).unwrap_or_default();
    format!("{name} {doc}").trim().to_string()
}

/// Which columns a person is read from.
#[derive(Clone, Copy)]
struct PersonKeys {
    name: Option<&'static str>,
    doc: &'static str,
    doc_type: Option<&'static str>,
    sex: Option<&'static str>,
    birth: Option<&'static str>,
    ethnicity: Option<&'static str>,
    education: Option<&'static str>,
    phone: Option<&'static str>,
    employer: Option<&'static str>,
    employer_type: Option<&'static str>,
    division: Option<&'static str>,
    notes: Option<&'static str>,
}

impl PersonKeys {
    fn people() -> PersonKeys {
        PersonKeys {
            name: Some("name"),
            doc: "doc_number",
            doc_type: Some("doc_type"),
            sex: Some("sex"),
            birth: Some("birth_date"),
            ethnicity: Some("ethnicity"),
            education: Some("education"),
            phone: Some("phone"),
            employer: Some("employer"),
            employer_type: Some("employer_type"),
            division: Some("division"),
            notes: Some("notes"),
        }
    }

    /// The person columns of enrolment and teacher rosters.
    fn plain() -> PersonKeys {
        PersonKeys {
            doc_type: None,
            birth: None,
            ethnicity: None,
            education: None,
            employer_type: None,
            division: None,
            notes: None,
            ..PersonKeys::people()
        }
    }

    /// A master's or apprentice's name and number.
    fn prefixed(name: &'static str, doc: &'static str) -> PersonKeys {
        PersonKeys {
            name: Some(name),
            doc,
            sex: None,
            phone: None,
            employer: None,
            ..PersonKeys::plain()
        }
    }

    /// The column key a person field came from.
    fn key_of(&self, field: &'static str) -> &'static str {
        match field {
            "name" => self.name.unwrap_or("name"),
            "doc_number" => self.doc,
            other => other,
        }
    }
}

/// How a commit failed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// Rows have errors and the user did not choose to import only the valid rows.
    #[error("{0} rows have errors")]
    RowsInvalid(u64),
    /// The backup before the import could not be taken.
    #[error("backup failed: {0}")]
    Backup(StoreError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a commit did.
#[derive(Clone, Debug)]
pub struct Committed {
    pub summary: ImportSummary,
    /// The backup taken before (none for a database in memory).
    pub backup: Option<std::path::PathBuf>,
}

/// Writes the plan: a backup first, then every valid row and the history entry in one
/// transaction. With `skip_invalid` false, any row with an error refuses the whole
/// import before anything is written.
pub fn commit(
    store: &mut Store,
    plan: &Plan,
    skip_invalid: bool,
    lang: Lang,
    progress: &dyn Progress,
) -> Result<Committed, CommitError> {
    let counts = plan.counts();
    if counts.error > 0 && !skip_invalid {
        return Err(CommitError::RowsInvalid(counts.error));
    }
    let t = crate::i18n::import::text(lang);
    progress.stage(t.stage_backup, 0);
    let backup = store
        .backup(BackupReason::BeforeImport, progress)
        .map_err(CommitError::Backup)?
        .map(|b| b.path);
    let summary = plan.summary();
    let writes: Vec<&PlannedRow> = plan
        .rows
        .iter()
        .filter(|r| matches!(r.status, RowStatus::New | RowStatus::Update))
        .collect();
    progress.stage(t.stage_write, writes.len() as u64);
    store.import_commit(&summary, |w| {
        // Nothing written since the dry run (the backup writes nothing): its checks of
        // every row (fields, references, the same person registered already) still hold,
        // so new records are written without repeating them. Otherwise each is checked
        // again. Asked inside the transaction: another writer (one that reached the file
        // by another path) cannot commit between the question and the writes.
        let checked = plan.change_seq.is_some_and(|seq| w.unchanged_since(seq));
        let mut people: HashMap<String, Id<Person>> = HashMap::new();
        let mut w = Inserts { w, checked };
        for (i, row) in writes.iter().enumerate() {
            if let Some(action) = &row.action {
                apply(&mut w, action, &mut people)?;
            }
            if i % 256 == 255 {
                progress.advance(256);
            }
        }
        Ok(())
    })?;
    progress.finish();
    Ok(Committed { summary, backup })
}

/// The commit's writer: new records skip the checks the dry run made when nothing was
/// written since (`checked`); updates are always checked.
struct Inserts<'a, 'w> {
    w: &'a mut Writer<'w>,
    checked: bool,
}

impl Inserts<'_, '_> {
    fn insert<R: Record>(&mut self, record: R) -> Result<Id<R>, StoreError> {
        if self.checked {
            self.w.insert_checked_before(record)
        } else {
            self.w.insert(record)
        }
    }

    fn update<R: Record>(&mut self, id: Id<R>, record: R) -> Result<(), StoreError> {
        self.w.update(id, record)
    }
}

/// The id of a person a row refers to, registering a new one once.
fn resolve(
    w: &mut Inserts<'_, '_>,
    p: &PersonRef,
    people: &mut HashMap<String, Id<Person>>,
) -> Result<Id<Person>, StoreError> {
    match p {
        PersonRef::Existing(id) => Ok(*id),
        PersonRef::New(person) => {
            if let Some(id) = people.get(&person.doc_number) {
                return Ok(*id);
            }
            let id = w.insert((**person).clone())?;
            people.insert(person.doc_number.clone(), id);
            Ok(id)
        }
    }
}

/// Updates the registered record, or inserts a new one.
fn save<R: Record>(w: &mut Inserts<'_, '_>, existing: Option<Id<R>>, record: R) -> Result<(), StoreError> {
    match existing {
        Some(id) => w.update(id, record),
        None => w.insert(record).map(|_| ()),
    }
}

fn apply(
    w: &mut Inserts<'_, '_>,
    action: &Action,
    people: &mut HashMap<String, Id<Person>>,
) -> Result<(), StoreError> {
    match action {
        Action::Person {
            existing,
            person,
            person_changed,
            qualification,
        } => {
            let id = match existing {
                Some(id) => {
                    if *person_changed {
                        w.update(*id, (**person).clone())?;
                    }
                    *id
                }
                None => w.insert((**person).clone())?,
            };
            if let Some((q_id, q)) = qualification {
                let q = Qualification {
                    person: id,
                    ..(**q).clone()
                };
                match q_id {
                    Some(q_id) => w.update(*q_id, q)?,
                    None => {
                        w.insert(q)?;
                    }
                }
            }
        }
        Action::Enrolment {
            person,
            existing,
            record,
        } => {
            let person = resolve(w, person, people)?;
            let record = Enrolment {
                person,
                ..(**record).clone()
            };
            save(w, *existing, record)?;
        }
        Action::Service { existing, record } => save(w, *existing, (**record).clone())?,
        Action::Apprenticeship {
            master,
            apprentice,
            existing,
            record,
        } => {
            let record = Apprenticeship {
                master: resolve(w, master, people)?,
                apprentice: resolve(w, apprentice, people)?,
                ..(**record).clone()
            };
            save(w, *existing, record)?;
        }
        Action::Teacher {
            person,
            existing,
            record,
        } => {
            let record = Teacher {
                person: resolve(w, person, people)?,
                ..(**record).clone()
            };
            save(w, *existing, record)?;
        }
        Action::Nothing => {}
    }
    Ok(())
}

/// The rejected rows as a workbook: the file's own header and cells, then an error
/// column and the original row number (both ignored when the fixed file is imported).
pub fn failed_rows_xlsx(plan: &Plan, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let t = crate::i18n::import::text(lang);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(t.failed_sheet)?;
    let bold = Format::new().set_bold();
    let red = Format::new().set_font_color(rust_xlsxwriter::Color::RGB(0xC0_00_00));
    let text_format = Format::new().set_num_format("@");
    let width = plan.mapping.headers.len();
    for (c, h) in plan.mapping.headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
        sheet.set_column_width(c as u16, 14)?;
    }
    sheet.write_string_with_format(0, width as u16, "错误说明", &bold)?;
    sheet.write_string_with_format(0, width as u16 + 1, "原行号", &bold)?;
    sheet.set_column_width(width as u16, 60)?;
    for (r, row) in (1u32..).zip(plan.rows.iter().filter(|r| r.status == RowStatus::Error)) {
        for (c, cell) in row.cells.iter().enumerate().take(width) {
            match cell {
                Cell::Empty => {}
                Cell::Number(n) => {
                    sheet.write_number(r, c as u16, *n)?;
                }
                Cell::Date(d) => {
                    sheet.write_string(r, c as u16, d.to_string())?;
                }
                other => {
                    sheet.write_string_with_format(r, c as u16, other.text(), &text_format)?;
                }
            }
        }
        let message = row
            .errors()
            .map(|i| issue_text(i, lang))
            .collect::<Vec<_>>()
            .join("；");
        sheet.write_string_with_format(r, width as u16, message, &red)?;
        sheet.write_number(r, width as u16 + 1, row.row as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// One issue as a sentence: the column, the value and what is expected.
pub fn issue_text(i: &RowIssue, lang: Lang) -> String {
    let t = crate::i18n::import::text(lang);
    (t.issue_line)(&i.column, &i.value, &expected(&i.problem, lang))
}

/// What a value should have been.
pub fn expected(p: &IssueKind, lang: Lang) -> String {
    match lang {
        Lang::Zh => crate::i18n::zh::import::expected(p),
        Lang::En => crate::i18n::en::import::expected(p),
    }
}
