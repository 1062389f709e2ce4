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
}
