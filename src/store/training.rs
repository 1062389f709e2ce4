//! The training workflow's writes: people enrolled in a cohort, and an enrolment's
//! completion recorded with its assessment and the certificate gained. Each is one
//! transaction through the checked writer, so every rule a single write obeys holds for
//! all of it together: an enrolment within its cohort's dates, one live enrolment per
//! person and cohort, a certificate of the enrolment's own person, linked to one
//! enrolment only and dated within the cohort. A refusal writes nothing. The window's
//! cohort screen and any script call these.

use chrono::NaiveDate;

use super::{Result, Store};
use crate::domain::Id;
use crate::domain::completion::Completion;
use crate::domain::person::Person;
use crate::domain::training::{Cohort, Enrolment, EnrolmentStatus, Qualification};

impl Store {
    /// Enrols people in a cohort on a date, all of them or (on any refusal) none.
    /// Returns the new enrolments' ids, in the order of `people`.
    pub fn enrol(
        &mut self,
        cohort: Id<Cohort>,
        people: &[Id<Person>],
        on: NaiveDate,
    ) -> Result<Vec<Id<Enrolment>>> {
        self.write(|w| {
            people
                .iter()
                .map(|person| {
                    w.insert(Enrolment {
                        attended_hours: None,
                        training_subsidy: None,
                        evaluation_subsidy: None,
                        living_subsidy: None,
                        voucher_number: None,
                        destination: None,
                        destination_on: None,
                        cohort,
                        person: *person,
                        enrolled_on: on,
                        status: EnrolmentStatus::Enrolled,
                        completed_on: None,
                        result: None,
                        qualification: None,
                    })
                })
                .collect()
        })
    }

    /// Records an enrolment's completion: its date and result and, for a pass, the
    /// certificate gained (a new one is written first, then the enrolment points at it;
    /// one already recorded is pointed back at the enrolment). Returns the certificate now
    /// linked, if any.
    pub fn complete(&mut self, completion: &Completion) -> Result<Option<Id<Qualification>>> {
        self.write(|w| {
            let id = completion.enrolment;
            let enrolment = w.get(id)?;
            let mut record = completion.completed(&enrolment.record);
            if let Some(certificate) = completion.new_certificate() {
                let cohort = w.get(enrolment.record.cohort)?;
                let q = w.insert(certificate.qualification(id, &enrolment.record, &cohort.record))?;
                record.qualification = Some(q);
            }
            let linked = record.qualification;
            w.update(id, record)?;
            Ok(linked)
        })
    }
}
