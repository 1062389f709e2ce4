//! The public training services roster.

use super::super::*;
use super::*;
use crate::domain::Record;
use crate::domain::capacity::{PublicService, RecipientType};
use crate::domain::text;

impl RowChecker<'_> {
    pub(super) fn service_row(&mut self, row: &mut RowReader) -> (String, Option<Action>) {
        let date = row.date("date", true);
        let recipient = row.required_text("recipient");
        let recipient_type = match row.text("recipient_type") {
            Some(_) => row.choice("recipient_type", RecipientType::ALL),
            None => {
                row.issue("recipient_type", IssueKind::Required);
                None
            }
        };
        let person_times = row.whole("person_times", true);
        let hours = row.number("hours", true);
        let content = row.required_text("content");
        let facility = row.text("facility").and_then(|name| {
            let f = self.facilities.get(&text::normalise(&name)).copied();
            if f.is_none() {
                row.issue("facility", IssueKind::NoSuchFacility);
            }
            f
        });
        let label = format!(
            "{} {}",
            date.map(|d| d.to_string()).unwrap_or_default(),
            recipient.clone().unwrap_or_default()
        );
        let (
            Some(org),
            Some(date),
            Some(recipient),
            Some(recipient_type),
            Some(person_times),
            Some(hours),
            Some(content),
        ) = (
            self.org,
            date,
            recipient,
            recipient_type,
            person_times,
            hours,
            content,
        )
        else {
            return (label, None);
        };
        let mut record = PublicService {
            org,
            date,
            recipient,
            recipient_type,
            person_times,
            hours,
            content,
            facility,
        };
        record.normalise();
        row.verdict(&record.validate(self.today), |f| f);
        let key = (record.date, record.recipient.clone(), record.content.clone());
        let row_number = row.number;
        if self.duplicate(row, format!("{key:?}"), "recipient", row_number) {
            return (label, None);
        }
        let existing = self.services.get(&key);
        if existing.is_some_and(|e| e.record == record) {
            return (label, Some(Action::Nothing));
        }
        (
            label,
            Some(Action::Service {
                existing: existing.map(|e| e.id),
                record: Box::new(record),
            }),
        )
    }
}
