//! The apprentice-log roster: entries of the studio master's log, each found by the
//! apprentice's ID number and its date (the organisation's apprenticeship of that
//! apprentice running then), with the plan's stage by its number. Checked as the store
//! checks an entry: hours, the day's 24 hours (registered entries and earlier rows of the
//! file together), the apprenticeship's dates, a stage of its own plan.

use super::super::*;
use super::*;
use crate::domain::Record;
use crate::domain::studio_log::LogEntry;
use crate::store::{Scope, StoreError};

impl RowChecker<'_> {
    pub(super) fn load_log(&mut self, scope: &Scope) -> Result<(), StoreError> {
        for a in self.store.list::<Apprenticeship>(scope)? {
            for e in self.store.entries_of(a.id)? {
                let r = &e.record;
                *self.day_hours.entry((r.apprenticeship, r.date)).or_insert(0.0) += r.hours;
                self.log_entries
                    .insert((r.apprenticeship, r.date, text::normalise(&r.content)), e);
            }
            self.by_apprentice.entry(a.record.apprentice).or_default().push(a);
        }
        Ok(())
    }

    pub(super) fn log_row(&mut self, row: &mut RowReader) -> Result<(String, Option<Action>), StoreError> {
        let doc = row.doc("apprentice_doc");
        let date = row.date("date", true);
        let hours = row.number("hours", true);
        let content = row.required_text("content");
        let stage_no = row.whole("stage_no", false);
        let signed_on = row.date("signed_on", false);
        let name = row.text("apprentice_name");
        let label = format!(
            "{} {}",
            label_of(name, doc.as_deref()),
            date.map(|d| d.to_string()).unwrap_or_default()
        );
        let Some(doc) = doc else {
            return Ok((label, None));
        };
        let doc = match identity::upgrade_15(&doc) {
            Ok(up) if doc.len() == 15 => up,
            _ => doc,
        };
        let Some(person) = self.store.find_person_by_doc(&doc)? else {
            row.issue("apprentice_doc", IssueKind::PersonNotFound);
            return Ok((label, None));
        };
        let (Some(date), Some(hours), Some(content)) = (date, hours, content) else {
            return Ok((label, None));
        };
        // The apprenticeship running on the date; else the one that began last (whose
        // dates the entry is then named as outside of).
        let candidates = self.by_apprentice.get(&person.id).cloned().unwrap_or_default();
        let running = candidates
            .iter()
            .filter(|a| a.record.start_date <= date && a.record.end_date.is_none_or(|e| e >= date))
            .max_by_key(|a| a.record.start_date)
            .or_else(|| candidates.iter().max_by_key(|a| a.record.start_date));
        let Some(a) = running.cloned() else {
            row.issue("apprentice_doc", IssueKind::NoSuchApprenticeship);
            return Ok((label, None));
        };
        let stage = match stage_no {
            None => None,
            Some(n) => match self.store.stage_by_seq(a.id, n)? {
                Some(s) => Some(s),
                None => {
                    let have = self.store.plan_of(a.id)?.iter().map(|s| s.record.seq).collect();
                    row.issue("stage_no", IssueKind::NoSuchStage { have });
                    return Ok((label, None));
                }
            },
        };
        let mut record = LogEntry {
            apprenticeship: a.id,
            stage: stage.as_ref().map(|s| s.id),
            date,
            hours,
            content,
            signed_by: signed_on.map(|_| a.record.master),
            signed_on,
        };
        record.normalise();
        let key = (a.id, date, text::normalise(&record.content));
        let row_number = row.number;
        if self.duplicate(row, format!("{key:?}"), "content", row_number) {
            return Ok((label, None));
        }
        let existing = self.log_entries.get(&key).cloned();
        // A sign-off given here stays when the row has none.
        if let Some(e) = existing.as_ref().filter(|_| record.signed_on.is_none()) {
            record.signed_by = e.record.signed_by;
            record.signed_on = e.record.signed_on;
        }
        let day = self.day_hours.get(&(a.id, date)).copied().unwrap_or(0.0);
        let others = day - existing.as_ref().map_or(0.0, |e| e.record.hours);
        let mut verdict = record.validate(self.today);
        verdict.issues.extend(
            record
                .check_related(&a.record, stage.as_ref().map(|s| &s.record), others, self.today)
                .issues,
        );
        row.verdict(&verdict, |f| match f {
            "apprenticeship" => "apprentice_doc",
            "stage" => "stage_no",
            "signed_by" => "signed_on",
            other => other,
        });
        if !verdict.has_errors() {
            *self.day_hours.entry((a.id, date)).or_insert(0.0) = others + record.hours;
        }
        if existing.as_ref().is_some_and(|e| e.record == record) {
            return Ok((label, Some(Action::Nothing)));
        }
        Ok((
            label,
            Some(Action::LogEntry {
                existing: existing.map(|e| e.id),
                record: Box::new(record),
            }),
        ))
    }
}
