//! Saving a scoring sheet's entries from the window: each score checked against its
//! sub-item's points, then every entry written in one transaction.

use uuid::Uuid;

use super::AppState;
use crate::domain::Id;
use crate::domain::assessment::number;
use crate::i18n::Localize;
use crate::i18n::assessment::text;
use crate::store::{AssessmentSide, AssessmentWrite};

impl AppState {
    /// Saves the entries; a score outside its item's points, or the store's refusal, is
    /// told (and given back for the screen to show beside the sheet).
    pub fn save_assessment(
        &mut self,
        side: AssessmentSide,
        org: Uuid,
        year: i32,
        scheme: &str,
        entries: &[AssessmentWrite],
    ) -> Result<(), String> {
        let lang = self.lang();
        let t = text(lang);
        let Ok(store) = &mut self.store else { return Ok(()) };
        let result = (|| -> Result<(), String> {
            let found = store.schemes().map_err(|e| e.localize(lang))?;
            let scheme_data = found.into_iter().find(|s| s.key == scheme);
            if let Some(s) = &scheme_data {
                for e in entries {
                    let item = s.item(&e.item);
                    let points = item.map_or(0.0, |i| i.points);
                    if e.score.is_some_and(|x| !x.is_finite() || x < 0.0 || x > points) {
                        let title = item.map_or(e.item.as_str(), |i| i.title.as_str());
                        return Err((t.score_out_of_range)(title, &number(points)));
                    }
                }
            }
            store
                .set_assessment_entries(side, Id::from_uuid(org), year, scheme, entries)
                .map_err(|e| e.localize(lang))
        })();
        match &result {
            Ok(()) => {
                self.notes.success(t.saved);
                self.changed();
            }
            Err(e) => self.notes.error(e.clone()),
        }
        result
    }

    /// Saves a scheme edited in the window; its rules checked first, each problem told
    /// in the user's language. Gives the scheme's key.
    pub fn save_scheme(&mut self, scheme: &crate::domain::assessment::Scheme) -> Result<String, String> {
        let lang = self.lang();
        let t = text(lang);
        let Ok(store) = &mut self.store else {
            return Err(String::new());
        };
        let mut scheme = scheme.clone();
        scheme.key = scheme.key.trim().to_string();
        scheme.name = scheme.name.trim().to_string();
        let result = match scheme.check() {
            Err(p) => Err((t.scheme_refused)(&p)),
            Ok(()) => store
                .save_scheme(&scheme)
                .map(|()| scheme.key.clone())
                .map_err(|e| e.localize(lang)),
        };
        match &result {
            Ok(_) => {
                self.notes.success((t.scheme_saved)(&scheme.name));
                self.changed();
            }
            Err(e) => self.notes.error(e.clone()),
        }
        result
    }
}
