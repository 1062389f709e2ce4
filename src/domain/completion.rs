//! The end of a training enrolment as one piece of data: the completion date, how the
//! assessment went and, for a pass, the certificate gained — one the person already holds,
//! or a new one of the cohort's occupation at its target grade. [`Completion::completed`]
//! and [`NewCertificate::qualification`] say which records that makes; the store writes
//! them in one transaction (`Store::complete`), the window's completion step and any
//! script through the same call.

use chrono::NaiveDate;

use super::Id;
use super::training::{AssessmentResult, CertType, Cohort, Enrolment, EnrolmentStatus, Qualification};

/// An enrolment's completion, as recorded in one step.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    pub enrolment: Id<Enrolment>,
    pub completed_on: NaiveDate,
    pub outcome: Outcome,
}

/// How the assessment went. Only a pass gains a certificate.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Passed; with the certificate gained, when it is known now.
    Passed(Option<CertificateGained>),
    Failed,
    Absent,
}

/// The certificate a pass gained.
#[derive(Clone, Debug, PartialEq)]
pub enum CertificateGained {
    /// One of the person's certificates already recorded (the store points it back at
    /// the enrolment).
    Recorded(Id<Qualification>),
    /// A certificate recorded now, of the cohort's occupation at its target grade.
    New(NewCertificate),
}

/// What is typed about a new certificate; its occupation and grade are the cohort's.
#[derive(Clone, Debug, PartialEq)]
pub struct NewCertificate {
    pub cert_type: CertType,
    pub cert_number: Option<String>,
    pub issued_on: NaiveDate,
    pub issuer: Option<String>,
}

impl Outcome {
    /// The result the enrolment records.
    pub fn result(&self) -> AssessmentResult {
        match self {
            Outcome::Passed(_) => AssessmentResult::Passed,
            Outcome::Failed => AssessmentResult::Failed,
            Outcome::Absent => AssessmentResult::Absent,
        }
    }
}

impl Completion {
    /// The enrolment as this completion leaves it: completed on the date, with the
    /// result, linked to a certificate already recorded. A new certificate is linked once
    /// it has an id; without a pass, the link the enrolment had stays as it was.
    pub fn completed(&self, enrolment: &Enrolment) -> Enrolment {
        let mut record = enrolment.clone();
        record.status = EnrolmentStatus::Completed;
        record.completed_on = Some(self.completed_on);
        record.result = Some(self.outcome.result());
        if let Outcome::Passed(Some(CertificateGained::Recorded(q))) = &self.outcome {
            record.qualification = Some(*q);
        }
        record
    }

    /// The new certificate to record with it, if any.
    pub fn new_certificate(&self) -> Option<&NewCertificate> {
        match &self.outcome {
            Outcome::Passed(Some(CertificateGained::New(c))) => Some(c),
            _ => None,
        }
    }
}

impl NewCertificate {
    /// The qualification this certificate is: held by the enrolment's person, of the
    /// cohort's occupation at its target grade, gained through the enrolment `id`.
    pub fn qualification(&self, id: Id<Enrolment>, enrolment: &Enrolment, cohort: &Cohort) -> Qualification {
        Qualification {
            evaluator: None,
            person: enrolment.person,
            occupation: cohort.occupation.clone(),
            work_type: None,
            grade: cohort.target_grade,
            cert_type: self.cert_type,
            cert_number: self.cert_number.clone(),
            issued_on: self.issued_on,
            issuer: self.issuer.clone(),
            enrolment: Some(id),
        }
    }
}
