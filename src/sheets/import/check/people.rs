//! The people roster: each person, merged over the one registered with the same
//! document, and their latest certificate when the row has one.

use super::super::*;
use super::*;
use crate::domain::identity::{self};
use crate::domain::person::Person;
use crate::domain::text;
use crate::domain::training::{CertType, Qualification};
use crate::domain::{Id, Record, Severity};
use crate::store::StoreError;

impl RowChecker<'_> {
    pub(super) fn person_row(&mut self, row: &mut RowReader) -> Result<(String, Option<Action>), StoreError> {
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
            "evaluator",
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
            evaluator: row.text("evaluator"),
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
                    evaluator: q.evaluator.clone().or(h.record.evaluator.clone()),
                    ..q.clone()
                };
                return Ok((merged != h.record).then(|| (Some(h.id), Box::new(merged))));
            }
        }
        Ok(Some((None, Box::new(q))))
    }
}
