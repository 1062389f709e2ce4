//! Everything one organisation's year touches, as plain records: what the validator checks
//! and the annual return counts. The store fills it; nothing here knows SQL.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::capacity::{CapacityDeclaration, Facility, FacilityOccupation, PublicService};
use crate::domain::funds::Fund;
use crate::domain::honours::{Award, Competition};
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::staff::{Teacher, TeacherTraining};
use crate::domain::studio::{Achievement, Apprenticeship};
use crate::domain::training::{Cohort, CoursePackage, Enrolment, Qualification};
use crate::domain::{Id, Stored};

/// One organisation's records for one calendar year (live records only).
#[derive(Clone, Debug)]
pub struct YearData {
    pub year: i32,
    pub org: Stored<Organisation>,
    /// Studios this organisation hosts.
    pub hosted: Vec<Stored<Organisation>>,
    /// Cohorts of the organisation running at any time in the year.
    pub cohorts: Vec<Stored<Cohort>>,
    /// Enrolments in those cohorts.
    pub enrolments: Vec<Stored<Enrolment>>,
    /// Every person the year's records refer to: trainees, apprentices, masters, teachers,
    /// people honoured.
    pub people: HashMap<Id<Person>, Stored<Person>>,
    /// All qualifications of those people, of any year.
    pub qualifications: Vec<Stored<Qualification>>,
    /// The organisation's course packages, of any year.
    pub packages: Vec<Stored<CoursePackage>>,
    pub facilities: Vec<Stored<Facility>>,
    pub facility_occupations: Vec<Stored<FacilityOccupation>>,
    /// The capacity declared for this year, if any.
    pub capacity: Option<Stored<CapacityDeclaration>>,
    /// Public training services dated in the year.
    pub services: Vec<Stored<PublicService>>,
    /// Apprenticeships of the studio running at any time in the year.
    pub apprenticeships: Vec<Stored<Apprenticeship>>,
    /// Achievements dated in the year.
    pub achievements: Vec<Stored<Achievement>>,
    /// Teachers appointed at any time in the year.
    pub teachers: Vec<Stored<Teacher>>,
    /// Teacher training dated in the year.
    pub teacher_trainings: Vec<Stored<TeacherTraining>>,
    /// Competitions dated in the year.
    pub competitions: Vec<Stored<Competition>>,
    /// Awards and honours dated in the year.
    pub awards: Vec<Stored<Award>>,
    /// Receipts and payments dated in the year.
    pub funds: Vec<Stored<Fund>>,
}

/// A return marked as submitted: the JSON companion exactly as submitted, and where the
/// database stood then.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    pub id: String,
    pub org: Id<Organisation>,
    pub year: i32,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    pub profile: String,
    pub install_id: String,
    /// The change sequence number of the database when it was submitted: records written
    /// later have a higher one.
    pub change_seq: i64,
    /// The verification code printed on the submitted paper.
    pub verification: String,
    /// The submitted `return.json`.
    pub figures: String,
}

/// Two live person records that may be one person: the same document number (certainly
/// a duplicate), or the same name, birth date and sex (perhaps).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicatePair {
    /// The record among this year's people.
    pub person: Id<Person>,
    /// The other record, which may be outside this year's records.
    pub other: Id<Person>,
    pub other_name: String,
    pub other_doc_number: String,
    pub same_document: bool,
}

impl YearData {
    /// 1 January of the year.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 1, 1).unwrap_or(NaiveDate::MIN)
    }

    /// 31 December of the year.
    pub fn last_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MAX)
    }

    /// True when `date` falls in the year.
    pub fn contains(&self, date: NaiveDate) -> bool {
        date >= self.first_day() && date <= self.last_day()
    }

    pub fn person(&self, id: Id<Person>) -> Option<&Person> {
        self.people.get(&id).map(|p| &p.record)
    }
}
