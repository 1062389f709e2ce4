//! The teachers roster.

use super::super::*;
use super::*;
use crate::domain::staff::{Teacher, TeacherKind};
use crate::domain::{Id, Record};
use crate::store::StoreError;

impl RowChecker<'_> {
    pub(super) fn teacher_row(
        &mut self,
        row: &mut RowReader,
    ) -> Result<(String, Option<Action>), StoreError> {
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
