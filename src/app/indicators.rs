//! The indicator sets' commands: copying a built-in set into the database.

use uuid::Uuid;

use super::AppState;
use crate::i18n::Localize;

impl AppState {
    /// Copies the built-in set `set` into the database (with its indicators), where it
    /// can be edited and sent; in force from the same year, it stands for the built-in.
    pub fn copy_indicator_set(&mut self, set: Uuid) {
        let lang = self.lang();
        let t = crate::i18n::indicators::text(lang);
        let Some(source) = crate::domain::indicators::default_sets()
            .into_iter()
            .find(|s| s.set.id.uuid() == set)
        else {
            return;
        };
        let Ok(store) = &mut self.store else { return };
        match store.copy_indicator_set(&source) {
            Ok(_) => {
                self.notes.success((t.copied)(&source.set.record.name));
                self.changed();
            }
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }
}
