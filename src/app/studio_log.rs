//! The studio master's log from the window: an entry added from the quick entry form, a
//! plan made from the template, a plan saved as the template, a plan printed as the
//! agreement's annex. Each goes through the store's checked writer, one transaction.

use std::path::Path;

use uuid::Uuid;

use super::AppState;
use crate::domain::Id;
use crate::domain::studio::Apprenticeship;
use crate::domain::studio_log::{LogEntry, PlanStage};
use crate::i18n::Localize;
use crate::i18n::studio_log::text;
use crate::store::{PlanMade, StoreError};

impl AppState {
    /// Adds a log entry; the form shows the store's refusal beside its fields.
    pub fn add_log_entry(&mut self, entry: LogEntry) -> Result<(), StoreError> {
        let lang = self.lang();
        let t = text(lang);
        let Ok(store) = &mut self.store else { return Ok(()) };
        let who = store
            .get(entry.apprenticeship)
            .and_then(|a| store.get(a.record.apprentice))
            .map(|p| p.record.name)
            .unwrap_or_default();
        let (date, hours) = (entry.date.to_string(), entry.hours);
        match store.insert(entry) {
            Ok(_) => {
                self.notes.success((t.entry_saved)(&who, &date, hours));
                self.changed();
                Ok(())
            }
            Err(e) => {
                match &e {
                    StoreError::Invalid(_) => self.notes.error(crate::i18n::ui::text(lang).form_has_errors),
                    other => self.notes.error(other.localize(lang)),
                }
                Err(e)
            }
        }
    }

    /// Makes an apprenticeship's plan from its studio's template.
    pub fn plan_from_template(&mut self, apprenticeship: Uuid) {
        let lang = self.lang();
        let t = text(lang);
        let Ok(store) = &mut self.store else { return };
        match store.plan_from_template(Id::from_uuid(apprenticeship)) {
            Ok(PlanMade::Made(n)) => {
                self.notes.success((t.plan_made)(n));
                self.changed();
            }
            Ok(PlanMade::AlreadyPlanned(n)) => self.notes.error((t.already_planned)(n)),
            Ok(PlanMade::NoTemplate) => self.notes.error(t.no_template),
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }

    /// Saves an apprenticeship's plan as its studio's template for the occupation.
    pub fn save_plan_as_template(&mut self, apprenticeship: Uuid) {
        let lang = self.lang();
        let t = text(lang);
        let Ok(store) = &mut self.store else { return };
        match store.save_plan_as_template(Id::from_uuid(apprenticeship)) {
            Ok(n) => {
                self.notes.success((t.template_saved)(n));
                self.changed();
            }
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }

    /// The master signs off the apprenticeship's entries not yet signed, today.
    pub fn sign_off_entries(&mut self, apprenticeship: Uuid) {
        let lang = self.lang();
        let t = text(lang);
        let today = self.today().0;
        let Ok(store) = &mut self.store else { return };
        let id: Id<Apprenticeship> = Id::from_uuid(apprenticeship);
        let signed = store
            .get(id)
            .and_then(|a| store.sign_off_entries(id, a.record.master, today));
        match signed {
            Ok(n) => {
                self.notes.success((t.signed_off)(n));
                self.changed();
            }
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }

    /// Prints an apprenticeship's plan as its agreement's annex (PDF).
    pub fn print_plan(&mut self, apprenticeship: Uuid, file: &Path, replace: bool) {
        let lang = self.lang();
        let output = self.output(replace);
        let Ok(store) = &self.store else { return };
        let made = || -> Result<Vec<u8>, String> {
            let id: Id<Apprenticeship> = Id::from_uuid(apprenticeship);
            let a = store.get(id).map_err(|e| e.localize(lang))?;
            let name = |p: Id<crate::domain::person::Person>| {
                store.get(p).map(|p| p.record.name).unwrap_or_default()
            };
            let studio = store
                .get(a.record.studio)
                .map(|o| o.record.name)
                .unwrap_or_default();
            let stages: Vec<PlanStage> = store
                .plan_of(id)
                .map_err(|e| e.localize(lang))?
                .into_iter()
                .map(|s| s.record)
                .collect();
            let people = crate::report::plan_annex::AnnexPeople {
                studio: &studio,
                master: &name(a.record.master),
                apprentice: &name(a.record.apprentice),
            };
            crate::report::plan_annex::pdf(&people, &a.record, &stages, chrono::Local::now().fixed_offset())
                .map_err(|e| e.to_string())
        };
        match made().and_then(|bytes| output.write(file, &bytes).map_err(|e| e.localize(lang))) {
            Ok(()) => self.notes.success((text(lang).plan_printed)(file)),
            Err(e) => self.notes.error(e),
        }
    }
}
