//! Everything one organisation's year touches, as plain records: what the validator checks
//! and the annual return counts. The store fills it; nothing here knows SQL.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::domain::capacity::{CapacityDeclaration, Facility, FacilityOccupation, PublicService};
use crate::domain::funds::Fund;
use crate::domain::honours::{Award, Competition};
use crate::domain::org::Organisation;
use crate::domain::person::{Person, age_on};
use crate::domain::staff::{Teacher, TeacherTraining};
use crate::domain::studio::ApprenticeshipStatus;
use crate::domain::studio::{Achievement, Apprenticeship};
use crate::domain::studio_log::{LogEntry, PlanStage};
use crate::domain::training::{
    AssessmentResult, Cohort, CoursePackage, Enrolment, EnrolmentStatus, Qualification,
};
use crate::domain::{Id, RecordKind, Stored};

/// The age up to which an apprentice counts as a young skill backbone (青年, 14–35).
pub const YOUTH_MAX_AGE: u32 = 35;

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
    /// The plans of those apprenticeships, every stage.
    pub plan_stages: Vec<Stored<PlanStage>>,
    /// The log entries of those apprenticeships, of any year (the latest before the year
    /// tells whether an apprenticeship went quiet).
    pub log_entries: Vec<Stored<LogEntry>>,
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
    /// Enrolments in the organisation's cohorts of other years through which
    /// certificates issued in this year were gained (a cohort ending in December, its
    /// certificates issued in January), and their cohorts.
    pub linked_enrolments: Vec<Stored<Enrolment>>,
    pub linked_cohorts: Vec<Stored<Cohort>>,
    /// Live records of the year that refer to a deleted record, or to none at all.
    pub dangling: Vec<Dangling>,
    /// Stored values of the year's records that cannot be read as their field's type
    /// (the record itself is then missing from the lists above).
    pub unreadable: Vec<Unreadable>,
    /// The indicator sets (stored and built-in) the set in force is chosen from; empty
    /// when only the headline was read.
    pub indicator_sets: Vec<crate::domain::indicators::SetWithIndicators>,
    /// The young skill backbones of earlier years, by year: what a studio's yearly
    /// average over several years (年均) is taken from, read when the set in force asks.
    pub earlier_young_backbones: Vec<(i32, u64)>,
}

/// A live record that refers to a record that is deleted, or not there at all.
#[derive(Clone, Debug, PartialEq)]
pub struct Dangling {
    pub kind: RecordKind,
    pub id: String,
    /// The record as people recognise it.
    pub label: String,
    /// The field that refers.
    pub field: String,
    pub target: RecordKind,
    pub target_id: String,
    /// The record referred to as people recognise it (empty when it is not there).
    pub target_label: String,
    /// False when no record with that id exists at all (the file was edited outside
    /// SkillBase with its checks off).
    pub target_exists: bool,
}

/// A stored value that cannot be read as its field's type: a date that is no date, a
/// number that is text, a code not in its list. Only an edit outside SkillBase (or a
/// damaged copy) leaves one.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    pub kind: RecordKind,
    /// The record's id as stored.
    pub id: String,
    /// The record as people recognise it.
    pub label: String,
    /// The column whose value cannot be read.
    pub field: String,
    /// The value as stored.
    pub value: String,
}

/// The policy's headline figures of one year (the return's indicators), which the
/// validator compares with the declared capacity and with the year before.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Headline {
    pub high_skill_trained: u64,
    pub public_service_person_times: u64,
    pub young_backbones: u64,
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

/// A return's verification code, printed on every page and kept with its submission: the
/// first 16 hex digits of the SHA-256 of its `return.json`.
pub fn verification_code(json: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(json.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
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

    /// A cohort of the year or one a linked enrolment was in.
    pub fn cohort(&self, id: Id<Cohort>) -> Option<&Stored<Cohort>> {
        self.cohorts
            .iter()
            .chain(&self.linked_cohorts)
            .find(|c| c.id == id)
    }

    /// The enrolments the figures count, with their cohort and person: live, in a live
    /// cohort of the organisation running in the year, of a live person. Every total and
    /// every breakdown of trainees is taken from this one set, so the breakdowns by
    /// person (sex, ethnic group, age) add up to the total.
    pub fn counted_enrolments(&self) -> Vec<(&Stored<Enrolment>, &Cohort, &Person)> {
        let cohorts: HashMap<Id<Cohort>, &Cohort> = self.cohorts.iter().map(|c| (c.id, &c.record)).collect();
        self.enrolments
            .iter()
            .filter_map(|e| {
                let cohort = cohorts.get(&e.record.cohort)?;
                let person = self.person(e.record.person)?;
                Some((e, *cohort, person))
            })
            .collect()
    }

    /// Whether an enrolment counts as completed, and as passed, in the year.
    pub fn completed_and_passed(&self, e: &Enrolment) -> (bool, bool) {
        let completed =
            e.status == EnrolmentStatus::Completed && e.completed_on.is_some_and(|d| self.contains(d));
        (completed, completed && e.result == Some(AssessmentResult::Passed))
    }

    /// Whether an apprenticeship makes its apprentice one of the year's young skill
    /// backbones: completed (出师) in the year, aged 35 or under then, at 高级工 or above.
    pub fn is_young_backbone(&self, r: &Apprenticeship) -> bool {
        let completed =
            r.status == ApprenticeshipStatus::Completed && r.end_date.is_some_and(|d| self.contains(d));
        let young_enough = match (self.person(r.apprentice), r.end_date) {
            (Some(p), Some(end)) => age_on(p.birth_date, end) <= YOUTH_MAX_AGE,
            _ => false,
        };
        completed && young_enough && r.grade_at_end.is_some_and(|g| g.is_high_skill())
    }

    /// The policy's headline figures (the indicators), by the definitions the return
    /// prints (`report::figures` computes the rest): the validator sets them against the
    /// declared capacity and the year before.
    pub fn headline(&self) -> Headline {
        let mut trained: HashSet<Id<Person>> = HashSet::new();
        for (e, cohort, _) in self.counted_enrolments() {
            let (_, passed) = self.completed_and_passed(&e.record);
            if passed && cohort.target_grade.is_high_skill() {
                trained.insert(e.record.person);
            }
        }
        let young: HashSet<Id<Person>> = self
            .apprenticeships
            .iter()
            .filter(|a| self.is_young_backbone(&a.record))
            .map(|a| a.record.apprentice)
            .collect();
        Headline {
            high_skill_trained: trained.len() as u64,
            public_service_person_times: self.services.iter().map(|s| s.record.person_times as u64).sum(),
            young_backbones: young.len() as u64,
        }
    }

    /// The certificates the figures count: issued in the year and gained in one of the
    /// organisation's cohorts, whatever year it ran (through the enrolment link); live,
    /// the enrolment and its cohort live, and the enrolment the holder's own. Each such
    /// certificate counts in exactly one year, the year it was issued.
    pub fn counted_certificates(&self) -> Vec<&Stored<Qualification>> {
        let enrolments: HashMap<Id<Enrolment>, &Enrolment> = self
            .enrolments
            .iter()
            .chain(&self.linked_enrolments)
            .map(|e| (e.id, &e.record))
            .collect();
        let cohorts: std::collections::HashSet<Id<Cohort>> = self
            .cohorts
            .iter()
            .chain(&self.linked_cohorts)
            .map(|c| c.id)
            .collect();
        self.qualifications
            .iter()
            .filter(|q| self.contains(q.record.issued_on))
            .filter(|q| {
                q.record
                    .enrolment
                    .and_then(|e| enrolments.get(&e))
                    .is_some_and(|e| {
                        e.person == q.record.person
                            && cohorts.contains(&e.cohort)
                            && self.people.contains_key(&e.person)
                    })
            })
            .collect()
    }
}
