//! The domain: every register of SPEC.md as plain Rust types, with the rules a user
//! expects checked on each record. Nothing here knows of egui or SQL.
//!
//! - [`id`]: record ids and bookkeeping (timestamps, tombstones, revisions).
//! - [`check`]: typed problems, errors and warnings naming the field.
//! - [`codes`], [`grade`], [`identity`], [`text`]: code tables, skill grades, ID numbers and
//!   credit codes, input normalisation; [`labelled`]: a list value's name in a language.
//! - [`org`], [`person`], [`training`], [`capacity`], [`studio`], [`staff`], [`honours`],
//!   [`funds`]: the registers; [`studio_log`]: an apprenticeship's plan and log.
//! - [`indicators`]: indicator sets, the set in force, indicators measured and judged.
//! - [`completion`]: an enrolment's end (date, assessment, certificate gained) in one piece.
//! - [`assessment`]: the scoring sheet (a scheme as data, its rules, a sheet scored).
//! - [`attachment`]: evidence files attached to any record (what may be attached).

#[macro_use]
mod macros;

pub mod assessment;
pub mod attachment;
pub mod capacity;
pub mod cert_number;
pub mod check;
pub mod codes;
pub mod completion;
pub mod funds;
pub mod grade;
pub mod honours;
pub mod id;
pub mod identity;
pub mod indicators;
pub mod labelled;
pub mod org;
pub mod person;
pub mod quality;
pub mod staff;
pub mod studio;
pub mod studio_log;
pub mod text;
pub mod training;
pub mod year;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use check::{FieldIssue, Problem, Severity, Today, Verdict};
pub use id::{Id, Meta, Stored};
pub use labelled::Labelled;

/// A record of one register.
pub trait Record:
    Serialize + DeserializeOwned + Clone + std::fmt::Debug + PartialEq + Send + Sync + 'static
{
    /// Which register this is.
    const KIND: RecordKind;

    /// Tidies what a person typed (trims spaces, full-width to half-width, upper-case
    /// codes, upgrades a 15-digit ID number) before it is validated and saved.
    fn normalise(&mut self) {}

    /// Checks the record's own fields. Rules that need other records (a certificate
    /// before the holder's 16th birthday, a completion outside the cohort's dates) are the
    /// validator's, which sees the whole store.
    fn validate(&self, today: Today) -> Verdict;

    /// The person whose particulars this record's own rules depend on (a certificate's
    /// holder: no certificate before the 16th birthday). The store loads that person and
    /// calls [`Record::validate_with_person`] before saving.
    fn person_checked(&self) -> Option<Id<person::Person>> {
        None
    }

    /// The rules that need [`Record::person_checked`]'s person.
    fn validate_with_person(&self, _person: &person::Person, _today: Today) -> Verdict {
        Verdict::default()
    }
}

code_enum! {
    /// Every register the store keeps. The code is the store table's name.
    pub enum RecordKind {
        Organisation = "organisation",
        Person = "person",
        Qualification = "qualification",
        CoursePackage = "course_package",
        Cohort = "cohort",
        Enrolment = "enrolment",
        Facility = "facility",
        FacilityOccupation = "facility_occupation",
        CapacityDeclaration = "capacity_declaration",
        PublicService = "public_service",
        Apprenticeship = "apprenticeship",
        Achievement = "achievement",
        Teacher = "teacher",
        TeacherTraining = "teacher_training",
        Competition = "competition",
        Award = "award",
        Fund = "fund",
        StageTemplate = "stage_template",
        PlanStage = "plan_stage",
        LogEntry = "log_entry",
        IndicatorSet = "indicator_set",
        Indicator = "indicator",
    }
}

/// An amount of money in fen (分, 0.01 yuan), exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    pub fn from_yuan(yuan: f64) -> Money {
        Money((yuan * 100.0).round() as i64)
    }
    pub fn yuan(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_exact_in_fen() {
        assert_eq!(Money::from_yuan(1234.56).0, 123456);
        assert_eq!(Money(123456).to_string(), "1234.56");
        assert_eq!(Money(-5).to_string(), "-0.05");
    }

    #[test]
    fn record_kind_codes_round_trip() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::from_code(kind.code()), Some(*kind));
        }
    }
}
