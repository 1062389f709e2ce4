//! The annual return's actions in the window: making it on another thread (the same
//! `report::build` the `return` command uses), saving its three files, marking it as
//! submitted, and exporting its findings. The 年度报表 screen (`ui::annual_return`) shows
//! the [`Prepared`] return and sends these as commands; only this side writes.

use std::path::Path;

use uuid::Uuid;

use super::AppState;
use super::tasks::Task;
use crate::domain::Id;
use crate::i18n::Localize;
use crate::report::layout::Page;
use crate::report::pdf::Status;
use crate::report::status::FinalRefusal;
use crate::report::submit::SubmitError;

/// A made return with everything the screen shows.
pub struct Prepared {
    pub org: Uuid,
    pub org_name: String,
    pub year: i32,
    pub built: crate::report::Built,
    pub pages: Vec<Page>,
    /// The latest submission of this year, if any.
    pub submitted: Option<crate::domain::year::Submission>,
    /// Records of the year changed since that submission.
    pub changed: Vec<crate::report::correction::ChangedRecord>,
}

/// A return being made: the organisation, year, data version and final-or-draft it is
/// made for, and the work.
pub struct Making {
    pub key: (Uuid, i32, u64, bool),
    pub task: Task<Result<Prepared, String>>,
}

/// Starts making the return for the chosen organisation and year (none is chosen: nothing).
pub fn build(app: &AppState, final_return: bool, ctx: &egui::Context) -> Option<Making> {
    let org = app.org()?;
    let (org, org_name, year) = (org.id, org.record.name.clone(), app.year());
    let lang = app.lang();
    let key = (org.uuid(), year, app.data_version, final_return);
    let opener = app.opener.clone();
    let t = crate::i18n::ui::text(lang);
    let task = Task::spawn(t.making_return.to_string(), ctx, move |progress| {
        use crate::progress::Progress;
        progress.stage(t.making_return, 3);
        let run = || -> Result<Prepared, String> {
            let store = opener.open().map_err(|e| e.localize(lang))?;
            let built = crate::report::build(&store, org, year, final_return).map_err(|e| match e {
                crate::report::BuildError::Store(e) => e.localize(lang),
                crate::report::BuildError::Refused(FinalRefusal::Errors { errors }) => {
                    (t.final_refused)(errors)
                }
                crate::report::BuildError::Refused(why) => why.localize(lang),
                other => other.to_string(),
            })?;
            progress.advance(1);
            let font = crate::fonts::ReportFont::get().ok_or_else(|| t.task_failed.to_string())?;
            let pages = crate::report::pdf::layout(&built.document, &built.code, font);
            progress.advance(1);
            let submitted = store.latest_submission(org, year).map_err(|e| e.localize(lang))?;
            let changed = match &submitted {
                Some(s) => {
                    let data = store.load_year(org, year).map_err(|e| e.localize(lang))?;
                    crate::report::correction::changed_since(&data, s)
                }
                None => Vec::new(),
            };
            progress.advance(1);
            Ok(Prepared {
                org: org.uuid(),
                org_name,
                year,
                built,
                pages,
                submitted,
                changed,
            })
        };
        run()
    });
    Some(Making { key, task })
}

/// Writes the PDF, JSON and XLSX into a folder (all three or none); existing files only
/// when `replace` (the user agreed).
pub fn save_files(app: &mut AppState, prepared: Option<&Prepared>, dir: &Path, replace: bool) {
    let lang = app.lang();
    let t = crate::i18n::ui::text(lang);
    let output = app.output(replace);
    let Some(p) = prepared else {
        app.notes.error(t.no_return_yet);
        return;
    };
    match output.write_all(dir, &p.built.files()) {
        Ok(()) => app.notes.saved(
            (t.return_saved)(&dir.display().to_string(), &p.built.code),
            dir.join(crate::report::PDF_FILE),
        ),
        Err(e) => app.notes.error(e.localize(lang)),
    }
}

/// Stores the final return as submitted.
pub fn mark_submitted(app: &mut AppState, prepared: Option<&Prepared>) {
    let lang = app.lang();
    let t = crate::i18n::ui::text(lang);
    let Some(p) = prepared else {
        app.notes.error(t.no_return_yet);
        return;
    };
    if p.built.status == Status::Draft {
        app.notes.error(t.submit_needs_final);
        return;
    }
    let (org, year, json) = (p.org, p.year, p.built.json.clone());
    let Ok(store) = &mut app.store else { return };
    // The same checks as `skillbase submit` (the three files are this one return).
    let checked = store
        .get::<crate::domain::org::Organisation>(Id::from_uuid(org))
        .map_err(SubmitError::Store)
        .and_then(|o| {
            crate::report::submit::check_json(
                store,
                &o,
                year,
                &json,
                std::path::Path::new(crate::report::make::JSON_FILE),
            )
        });
    let code = match checked {
        Ok(code) => code,
        Err(SubmitError::Refused(why)) => return app.notes.error(why.localize(lang)),
        Err(SubmitError::Store(e)) => return app.notes.error(e.localize(lang)),
    };
    match store.record_submission(Id::from_uuid(org), year, &json, &code) {
        Ok(_) => {
            app.notes.success((t.submitted)(year, &code));
            app.changed();
        }
        Err(e) => app.notes.error(e.localize(lang)),
    }
}

/// Writes the findings to an XLSX file (an existing one only when `replace`).
pub fn export_findings(app: &mut AppState, prepared: Option<&Prepared>, file: &Path, replace: bool) {
    let lang = app.lang();
    let t = crate::i18n::ui::text(lang);
    let output = app.output(replace);
    let Some(p) = prepared else {
        app.notes.error(t.no_return_yet);
        return;
    };
    let bytes = match crate::rules::findings_xlsx(&p.built.findings, lang) {
        Ok(b) => b,
        Err(e) => {
            app.notes.error(e.to_string());
            return;
        }
    };
    match output.write(file, &bytes) {
        Ok(()) => app.notes.saved(
            (t.findings_saved)(&file.display().to_string()),
            file.to_path_buf(),
        ),
        Err(e) => app.notes.error(e.localize(lang)),
    }
}
