//! Every user action as a [`Command`], and what the app state does for each: the shell
//! (`ui::shell::commands`) applies them in one place after the screens have drawn, calling
//! the methods here for everything that reaches the store, the settings, the
//! notifications or the long job. Screens never write: they push commands, and the
//! outcome comes back as a notification (and, for a form, as messages next to its fields).

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::{Value, json};
use uuid::Uuid;

use super::tasks::{Lost, PROGRESS_REPAINT, Task};
use super::{AppState, Screen};
use crate::demo::Profile;
use crate::domain::completion::Completion;
use crate::domain::person::Person;
use crate::domain::training::Cohort;
use crate::domain::{Id, RecordKind};
use crate::i18n::{Labelled, Lang, Localize};
use crate::registers::records::{self, SaveError};
use crate::store::StoreError;

/// A user action.
#[derive(Clone, Debug)]
pub enum Command {
    /// Show another screen.
    Navigate(Screen),
    /// Open a record's form (and the screen of its register).
    Open {
        kind: RecordKind,
        id: Uuid,
    },
    /// Open an empty form; `preset` fills fields (the chosen organisation is filled in).
    New {
        kind: RecordKind,
        preset: Value,
    },
    /// Save the open form (Ctrl+S).
    Save,
    /// Close the open form without saving (Esc); a form with changes asks first.
    Cancel,
    /// Close the open form although it has changes (Esc again, or 放弃修改), then do what
    /// was waiting for it.
    Discard,
    /// Stay in the form after it asked about discarding its changes.
    KeepEditing,
    /// Ask before deleting a record.
    AskDelete {
        kind: RecordKind,
        id: Uuid,
        name: String,
    },
    /// Delete after the user confirmed.
    Delete {
        kind: RecordKind,
        id: Uuid,
        name: String,
    },
    /// Bring back the last record deleted in this session.
    Undo,
    /// Show a person's page.
    ShowPerson(Uuid),
    /// Choose the organisation at the top of the window.
    SelectOrg(Uuid),
    /// Choose the year at the top of the window.
    SetYear(i32),
    SetLanguage(Lang),
    SetProfile(String),
    SetZoom(f32),
    /// Fill the empty database with a demo (on another thread, with a progress bar).
    LoadDemo(Profile),
    /// Enrol people in a cohort on a date.
    Enrol {
        cohort: Uuid,
        people: Vec<Uuid>,
        on: NaiveDate,
    },
    /// Record an enrolment's completion, its result and, when passed, the qualification
    /// gained, in one step (one transaction).
    Complete(Completion),
    /// Make the chosen organisation's return for the chosen year (on another thread).
    BuildReturn {
        final_return: bool,
    },
    /// Write the return's three files into a folder.
    SaveReturn {
        dir: PathBuf,
    },
    /// Store the built return as submitted.
    MarkSubmitted,
    /// Write the validator's findings to an XLSX file.
    ExportFindings {
        file: PathBuf,
    },
    /// Another program writes the database: open it read-only.
    OpenReadOnly,
    /// Try again to open the database as its writer.
    RetryOpen,
    /// Take a backup now (on another thread).
    BackupNow,
    /// Replace the database with a backup, after a safety backup (on another thread).
    /// `other_database`: the user confirmed that it is a backup of another database.
    RestoreBackup {
        from: PathBuf,
        other_database: bool,
    },
    /// Write the audit trail to an XLSX file; ID and phone numbers masked unless `full`.
    ExportAudit {
        file: PathBuf,
        full: bool,
    },
    /// Read a file to import and map its columns (on another thread).
    ImportRead {
        kind: crate::sheets::columns::ImportKind,
        file: PathBuf,
    },
    /// Check every row of the file read, as mapped on screen; writes nothing.
    ImportCheck,
    /// Write the checked rows (a backup first): all of them, or only the valid ones with
    /// the rejected rows written to `failed`.
    ImportCommit {
        failed: Option<PathBuf>,
    },
    /// Write an empty import template.
    ImportTemplate {
        kind: crate::sheets::columns::ImportKind,
        file: PathBuf,
    },
    /// Open the export dialog for what a screen shows.
    AskExport(super::import::ExportRequest),
    /// Export what a screen showed to a file (XLSX or CSV by its extension).
    Export {
        request: super::import::ExportRequest,
        file: PathBuf,
        full: bool,
    },
    /// Make a data package (on another thread).
    ExportPackage {
        org: Option<Uuid>,
        /// Only the indicator sets.
        indicator_sets_only: bool,
        since_last_to: Option<String>,
        out: PathBuf,
        passphrase: crate::packages::package::Passphrase,
    },
    /// Decrypt and check a package and show what importing it would do.
    PreviewPackage {
        file: PathBuf,
        passphrase: crate::packages::package::Passphrase,
    },
    /// Merge the previewed package with the choices made on the 数据交换 screen.
    ApplyMerge,
    /// Close the preview without importing.
    DiscardPreview,
    /// Load packages into this consolidation database (on another thread).
    Consolidate {
        files: Vec<PathBuf>,
        passphrase: crate::packages::package::Passphrase,
    },
    /// Write the regional summary's PDF, JSON and XLSX into a folder.
    SaveRegionReturn {
        dir: PathBuf,
        summary: std::sync::Arc<crate::report::region::RegionalSummary>,
    },
    /// Save a scoring scheme (replacing the one of its key).
    SaveScheme(Box<crate::domain::assessment::Scheme>),
    /// Save sub-items' scores, notes and linked evidence of a scoring sheet, on one side
    /// (the organisation's own, or the reviewer's in a consolidation).
    SaveAssessment {
        side: crate::store::AssessmentSide,
        org: Uuid,
        year: i32,
        scheme: String,
        entries: Vec<crate::store::AssessmentWrite>,
    },
    /// Attach files to a record (a file dialog's choice, a typed path, files dropped on
    /// the window).
    Attach {
        kind: RecordKind,
        record: Uuid,
        files: Vec<PathBuf>,
        note: Option<String>,
    },
    /// Remove an attachment after the form asked.
    RemoveAttachment(Uuid),
    /// Open an attachment with the system's viewer.
    OpenAttachment(Uuid),
    /// Add an entry to the studio master's log (the studio view's quick entry).
    AddLogEntry(Box<crate::domain::studio_log::LogEntry>),
    /// Make an apprenticeship's plan from its studio's template for the occupation.
    PlanFromTemplate(Uuid),
    /// Copy a built-in indicator set (its id) into the database, to be edited.
    CopyIndicatorSet(Uuid),
    /// Save an apprenticeship's plan as its studio's template for the occupation.
    SaveTemplate(Uuid),
    /// The master signs off every entry of an apprenticeship not yet signed, today.
    SignOffEntries(Uuid),
    /// Print an apprenticeship's plan as its agreement's annex (PDF).
    PrintPlan {
        apprenticeship: Uuid,
        file: PathBuf,
    },
    /// A command that writes files the user named, after the user agreed to replace the
    /// ones that exist (the question asked when it was first sent).
    Replacing(Box<Command>),
}

/// Files a command is about to write that exist already: the question the window asks
/// before replacing them.
#[derive(Clone, Debug)]
pub struct ReplaceQuestion {
    pub files: Vec<PathBuf>,
    pub command: Command,
}

/// Where a command writes files the user named.
enum Target {
    File(PathBuf),
    Folder(PathBuf, &'static [&'static str]),
}

/// The files the return's and the regional summary's folders receive.
const RETURN_FILES: &[&str] = &[
    crate::report::PDF_FILE,
    crate::report::JSON_FILE,
    crate::report::XLSX_FILE,
];
const REGION_FILES: &[&str] = &[
    crate::report::region::PDF_FILE,
    crate::report::region::JSON_FILE,
    crate::report::region::XLSX_FILE,
];

impl Command {
    /// Where this command writes files of the user's choosing, if it does.
    fn target(&self) -> Option<Target> {
        Some(match self {
            Command::SaveReturn { dir } => Target::Folder(dir.clone(), RETURN_FILES),
            Command::SaveRegionReturn { dir, .. } => Target::Folder(dir.clone(), REGION_FILES),
            Command::ExportFindings { file }
            | Command::ExportAudit { file, .. }
            | Command::ImportTemplate { file, .. }
            | Command::Export { file, .. }
            | Command::ImportCommit { failed: Some(file) } => Target::File(file.clone()),
            Command::ExportPackage { out, .. } => Target::File(out.clone()),
            Command::PrintPlan { file, .. } => Target::File(file.clone()),
            _ => return None,
        })
    }
}

/// A delete waiting for confirmation, or done and undoable.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingDelete {
    pub kind: RecordKind,
    pub id: Uuid,
    pub name: String,
}

/// What a long task produced.
pub enum JobOutcome {
    Demo(Result<crate::demo::DemoSummary, String>),
    /// A file read and mapped for import.
    ImportRead(Box<Result<(crate::sheets::import::Source, crate::sheets::columns::Mapping), String>>),
    /// An import's dry run.
    ImportChecked(Box<Result<crate::sheets::import::Plan, String>>),
    /// An import written (and where its rejected rows went).
    ImportCommitted(Box<Result<(crate::sheets::import::Committed, Option<PathBuf>), String>>),
    /// An export written: how many records, where.
    Exported(Result<(usize, PathBuf), String>),
    /// A data package made.
    PackageMade(Result<Box<crate::packages::pack::Exported>, String>),
    /// A received package decrypted and previewed.
    Previewed(Result<Box<crate::packages::merge::Preview>, String>),
    Merged(Result<crate::packages::merge::Imported, String>),
    Consolidated(Result<Vec<crate::store::LoadOutcome>, String>),
}

impl AppState {
    fn text(&self) -> &'static crate::i18n::ui::UiText {
        crate::i18n::ui::text(self.lang())
    }

    /// The guard for files the window writes: never the database's own, existing ones
    /// only when `replace` (the user agreed).
    pub fn output(&self, replace: bool) -> crate::files::Output {
        crate::files::Output::new(Some(&self.opener.path), replace)
    }

    /// Before a command writes files the user named: refuses the database's own files
    /// (with a message) and asks before replacing files that exist. True to go on.
    pub fn may_write(&mut self, command: &Command, replace: bool) -> bool {
        let Some(target) = command.target() else {
            return true;
        };
        let guard = self.output(true);
        let (checked, files) = match &target {
            Target::File(f) => (guard.check(f), vec![f.clone()]),
            Target::Folder(dir, names) => (
                guard.check_folder(dir, names),
                names.iter().map(|n| dir.join(n)).collect(),
            ),
        };
        if let Err(e) = checked {
            self.notes.error(e.localize(self.lang()));
            return false;
        }
        let existing = crate::files::Output::existing(&files);
        if !replace && !existing.is_empty() {
            self.confirm_replace = Some(ReplaceQuestion {
                files: existing,
                command: command.clone(),
            });
            return false;
        }
        true
    }

    /// Chooses the organisation at the top.
    pub fn select_org(&mut self, id: Uuid) {
        self.settings.org = Some(id);
        self.data_version += 1;
    }

    /// Chooses the year at the top.
    pub fn set_year(&mut self, year: i32) {
        self.settings.year = Some(year);
        self.data_version += 1;
    }

    /// The name the audit trail records with every change (not empty).
    pub fn set_profile(&mut self, name: &str) {
        let t = self.text();
        let name = name.trim().to_string();
        if name.is_empty() {
            self.notes.error(t.profile_empty);
        } else {
            if let Ok(store) = &mut self.store {
                store.set_profile(&name);
            }
            self.opener.profile = name.clone();
            self.settings.profile = name;
            self.settings.profile_given = true;
            self.notes.success(t.settings_saved);
        }
    }

    /// The text size, 75 % to 200 %.
    pub fn set_zoom(&mut self, zoom: f32, ctx: &egui::Context) {
        self.settings.zoom = zoom.clamp(0.75, 2.0);
        ctx.set_zoom_factor(self.settings.zoom);
    }

    /// Saves a form's record: the new or changed record's id, or why it was refused (the
    /// form shows it next to its fields).
    pub fn save_record(
        &mut self,
        kind: RecordKind,
        id: Option<Uuid>,
        value: Value,
    ) -> Result<Uuid, SaveError> {
        let lang = self.lang();
        let t = self.text();
        let Ok(store) = &mut self.store else {
            return Err(SaveError::Shape(t.cannot_open.to_string()));
        };
        match records::save(store, kind, id, value) {
            Ok(saved) => {
                let name = crate::registers::naming::record_name(store, kind, saved, lang);
                self.notes.success((t.saved)(kind.label(lang), &name));
                if id.is_none() && kind == RecordKind::Organisation {
                    self.settings.org.get_or_insert(saved);
                }
                self.changed();
                Ok(saved)
            }
            Err(e) => {
                self.notes.error(t.form_has_errors);
                Err(e)
            }
        }
    }

    /// Deletes a record the user confirmed; true when it was (it can then be undone).
    pub fn delete_record(&mut self, kind: RecordKind, id: Uuid, name: String) -> bool {
        let lang = self.lang();
        let t = self.text();
        self.confirm_delete = None;
        let Ok(store) = &mut self.store else { return false };
        match records::delete(store, kind, id) {
            Ok(()) => {
                self.notes.success((t.deleted)(kind.label(lang), &name));
                self.undo.push(PendingDelete { kind, id, name });
                self.changed();
                true
            }
            Err(e) => {
                self.notes.error(e.localize(lang));
                false
            }
        }
    }

    /// Brings back the last record deleted in this session.
    pub fn undo_delete(&mut self) {
        let lang = self.lang();
        let t = self.text();
        let Some(last) = self.undo.pop() else {
            self.notes.info(t.nothing_to_undo);
            return;
        };
        let Ok(store) = &mut self.store else { return };
        match records::restore(store, last.kind, last.id) {
            Ok(()) => {
                self.notes
                    .success((t.restored)(last.kind.label(lang), &last.name));
                self.changed();
            }
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }

    /// Starts `work` as the window's one long job, with its progress bar; says `busy` and
    /// starts nothing while another runs. True when started.
    pub fn start_job(
        &mut self,
        title: &str,
        busy: &str,
        ctx: &egui::Context,
        work: impl FnOnce(&crate::progress::Shared) -> JobOutcome + Send + 'static,
    ) -> bool {
        if self.job.is_some() {
            self.notes.info(busy);
            return false;
        }
        self.job = Some(Task::spawn(title.to_string(), ctx, work));
        true
    }

    /// Fills the empty database with a demo, as the long job.
    pub fn load_demo(&mut self, profile: Profile, ctx: &egui::Context) {
        let t = self.text();
        let opener = self.opener.clone();
        let lang = self.lang();
        self.start_job(t.loading_demo, t.busy, ctx, move |progress| {
            let result = opener.open().and_then(|mut store| {
                let summary = crate::demo::generate(&mut store, profile, 1, progress)?;
                // Its sheets are scored at generation: not for the region's 650,000 people.
                if profile != Profile::Region {
                    crate::report::assessment::demo_self_assessment(
                        &mut store,
                        chrono::Datelike::year(&crate::demo::AS_OF) - 1,
                    )?;
                }
                Ok(summary)
            });
            JobOutcome::Demo(result.map_err(|e| e.localize(lang)))
        });
    }

    /// The long job's result once it has ended (a job whose thread died is reported here).
    pub fn poll_job(&mut self, ctx: &egui::Context) -> Option<JobOutcome> {
        match Task::finished(&mut self.job, ctx, PROGRESS_REPAINT)? {
            Ok(outcome) => Some(outcome),
            Err(Lost) => {
                self.notes.error(self.text().task_failed);
                None
            }
        }
    }

    /// Demo data written (or why not).
    pub fn demo_loaded(&mut self, result: Result<crate::demo::DemoSummary, String>) {
        let t = self.text();
        match result {
            Ok(summary) => {
                self.notes.success((t.demo_loaded)(summary.total()));
                self.settings.org = None;
                self.settings.year = None;
                self.changed();
            }
            Err(message) => self.notes.error(message),
        }
    }

    /// A new record's defaults that need the store: an enrolment from a cohort's screen is
    /// dated on the cohort's start.
    pub fn with_defaults(&self, kind: RecordKind, mut preset: Value) -> Value {
        let Ok(store) = &self.store else { return preset };
        if kind == RecordKind::Enrolment
            && let Value::Object(map) = &mut preset
            && !map.contains_key("enrolled_on")
            && let Some(cohort) = map
                .get("cohort")
                .and_then(Value::as_str)
                .and_then(|c| c.parse::<Uuid>().ok())
            && let Ok(cohort) = store.get::<Cohort>(Id::from_uuid(cohort))
        {
            map.insert("enrolled_on".into(), json!(cohort.record.start_date.to_string()));
        }
        preset
    }

    /// Enrols people in a cohort (all or none): how many, or why not (the cohort screen
    /// shows it beside the date or under the search).
    pub fn enrol(&mut self, cohort: Uuid, people: &[Uuid], on: NaiveDate) -> Result<usize, StoreError> {
        let lang = self.lang();
        let t = self.text();
        let Ok(store) = &mut self.store else { return Ok(0) };
        let people: Vec<Id<Person>> = people.iter().map(|p| Id::from_uuid(*p)).collect();
        match store.enrol(Id::from_uuid(cohort), &people, on) {
            Ok(ids) => {
                self.notes.success((t.enrolled)(ids.len()));
                self.changed();
                Ok(ids.len())
            }
            Err(e) => {
                match &e {
                    StoreError::Invalid(_) => self.notes.error(t.form_has_errors),
                    other => self.notes.error(other.localize(lang)),
                }
                Err(e)
            }
        }
    }

    /// Records a completion with its certificate (one transaction), or says why not (the
    /// completion step shows it beside its fields).
    pub fn complete(&mut self, completion: &Completion) -> Result<(), StoreError> {
        let t = self.text();
        let Ok(store) = &mut self.store else { return Ok(()) };
        let result = store.complete(completion);
        match &result {
            Ok(_) => {
                self.notes.success(t.completion_saved);
                self.changed();
            }
            Err(_) => self.notes.error(t.form_has_errors),
        }
        result.map(|_| ())
    }
}

/// The preset of a new record made from another screen (a cohort's enrolment, a
/// facility's occupation): `{"field": "id"}`.
pub fn preset(field: &str, id: Uuid) -> Value {
    json!({ field: id.to_string() })
}
