//! Checking the rows, one roster kind per file: each row read into the records it means,
//! checked by the same rules as a form, matched against what is registered (people by
//! document, other records by their natural key) and against earlier rows of the file.
//! The people a row names are read here, for every roster.

mod apprentice_log;
mod apprenticeships;
mod enrolments;
mod people;
mod services;
mod teachers;

use std::collections::HashMap;

use chrono::NaiveDate;

use super::*;
use crate::domain::capacity::{Facility, PublicService};
use crate::domain::codes;
use crate::domain::identity::{self, DocType, Sex};
use crate::domain::org::Organisation;
use crate::domain::person::{EmployerType, Person};
use crate::domain::staff::Teacher;
use crate::domain::studio::Apprenticeship;
use crate::domain::text;
use crate::domain::training::{Cohort, Enrolment};
use crate::domain::{Id, Record, Stored, Today};
use crate::sheets::columns::ImportKind;
use crate::store::{Scope, Store, StoreError};

/// Looks rows up against the store and keeps what earlier rows of the file said.
pub(super) struct RowChecker<'s> {
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
    /// The organisation's apprenticeships by apprentice (an apprentice-log roster).
    by_apprentice: HashMap<Id<Person>, Vec<Stored<Apprenticeship>>>,
    /// Registered log entries by apprenticeship, date and content, and the hours each
    /// apprenticeship's day holds (registered entries and earlier rows of the file).
    log_entries:
        HashMap<(Id<Apprenticeship>, NaiveDate, String), Stored<crate::domain::studio_log::LogEntry>>,
    day_hours: HashMap<(Id<Apprenticeship>, NaiveDate), f64>,
}

impl<'s> RowChecker<'s> {
    pub(super) fn new(
        store: &'s Store,
        kind: ImportKind,
        org: Option<Id<Organisation>>,
    ) -> Result<Self, StoreError> {
        let scope = Scope {
            org: org.map(|o| o.uuid()),
            include_deleted: false,
        };
        let mut c = RowChecker {
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
            by_apprentice: HashMap::new(),
            log_entries: HashMap::new(),
            day_hours: HashMap::new(),
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
            ImportKind::ApprenticeLog => c.load_log(&scope)?,
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

    pub(super) fn check(&mut self, row: &mut RowReader) -> Result<(String, Option<Action>), StoreError> {
        match self.kind {
            ImportKind::People => self.person_row(row),
            ImportKind::Enrolments => self.enrolment_row(row),
            ImportKind::Services => Ok(self.service_row(row)),
            ImportKind::Apprenticeships => self.apprenticeship_row(row),
            ImportKind::Teachers => self.teacher_row(row),
            ImportKind::ApprenticeLog => self.log_row(row),
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
