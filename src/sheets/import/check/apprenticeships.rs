//! The apprenticeships roster: a master and an apprentice, by ID number.

use super::super::*;
use super::*;
use crate::domain::check::Problem;
use crate::domain::studio::{Apprenticeship, ApprenticeshipStatus};
use crate::domain::{Id, Record};
use crate::store::StoreError;

impl RowChecker<'_> {
    pub(super) fn apprenticeship_row(
        &mut self,
        row: &mut RowReader,
    ) -> Result<(String, Option<Action>), StoreError> {
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
}
