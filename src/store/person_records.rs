//! Everything recorded about one person, for the person page: qualifications,
//! enrolments (with their cohort), apprenticeships (as master or apprentice), awards and
//! teaching posts. Each is an indexed lookup on the person's id.

use super::{Result, Store, write};
use crate::domain::honours::Award;
use crate::domain::person::Person;
use crate::domain::staff::Teacher;
use crate::domain::studio::Apprenticeship;
use crate::domain::training::{Cohort, Enrolment, Qualification};
use crate::domain::{Id, Record, Stored};

/// An enrolment with its cohort (none when the cohort cannot be read).
pub type EnrolmentInCohort = (Stored<Enrolment>, Option<Stored<Cohort>>);

/// One person's records, live ones only.
#[derive(Clone, Debug, Default)]
pub struct PersonRecords {
    pub qualifications: Vec<Stored<Qualification>>,
    /// Each enrolment with its cohort.
    pub enrolments: Vec<EnrolmentInCohort>,
    pub apprenticeships: Vec<Stored<Apprenticeship>>,
    pub awards: Vec<Stored<Award>>,
    pub teaching: Vec<Stored<Teacher>>,
}

impl Store {
    /// The records that name this person.
    pub fn person_records(&self, person: Id<Person>) -> Result<PersonRecords> {
        let id = person.to_string();
        Ok(PersonRecords {
            qualifications: self.live_where("person = ?1", &id)?,
            enrolments: self.enrolments_of(person)?,
            apprenticeships: self.live_where("master = ?1 OR apprentice = ?1", &id)?,
            awards: self.live_where("person = ?1", &id)?,
            teaching: self.live_where("person = ?1", &id)?,
        })
    }

    /// A person's live certificates, oldest first (the certificate picker of an enrolment).
    pub fn certificates_of(&self, person: Id<Person>) -> Result<Vec<Stored<Qualification>>> {
        let mut list: Vec<Stored<Qualification>> = self.live_where("person = ?1", &person.to_string())?;
        list.sort_by_key(|q| (q.record.issued_on, q.id));
        Ok(list)
    }

    /// A person's live enrolments with their cohorts (a certificate's enrolment picker).
    pub fn enrolments_of(&self, person: Id<Person>) -> Result<Vec<EnrolmentInCohort>> {
        let enrolments: Vec<Stored<Enrolment>> = self.live_where("person = ?1", &person.to_string())?;
        let mut with_cohort = Vec::with_capacity(enrolments.len());
        for e in enrolments {
            let cohort = self.get(e.record.cohort).ok();
            with_cohort.push((e, cohort));
        }
        Ok(with_cohort)
    }

    /// The people with a live enrolment in a cohort (not offered to it again).
    pub fn people_enrolled(&self, cohort: Id<Cohort>) -> Result<std::collections::HashSet<Id<Person>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT person FROM enrolment WHERE cohort = ?1 AND deleted_at IS NULL")?;
        let rows = stmt.query_map([cohort.to_string()], |r| r.get::<_, String>(0))?;
        let mut out = std::collections::HashSet::new();
        for r in rows {
            if let Ok(id) = r?.parse() {
                out.insert(id);
            }
        }
        Ok(out)
    }

    /// Live records of a register matching a condition on one id parameter.
    fn live_where<R: Record>(&self, condition: &str, id: &str) -> Result<Vec<Stored<R>>> {
        let sql = format!(
            "SELECT * FROM {} WHERE ({condition}) AND deleted_at IS NULL ORDER BY id",
            R::KIND.code()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let names = super::row::ColumnNames::of(&stmt);
        let rows = stmt.query_map([id], |row| {
            Ok(write::stored_from_row::<R>(&super::row::NamedRow::new(
                row, &names,
            )))
        })?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }
}
