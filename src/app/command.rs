//! Every user action as a [`Command`], applied in one place after the screens have drawn.
//! Screens never write: they push commands, and the outcome comes back as a notification
//! (and, for a form, as messages next to its fields).

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::{Value, json};
use uuid::Uuid;

use super::tasks::{Poll, Task};
use super::{Screen, SkillBaseApp};
use crate::demo::Profile;
use crate::domain::completion::Completion;
use crate::domain::person::Person;
use crate::domain::training::Cohort;
use crate::domain::{Id, RecordKind};
use crate::i18n::{Labelled, Lang, Localize};
use crate::registers::records;
use crate::store::StoreError;
use crate::ui::form::Editor;

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
    /// Close the open form without saving (Esc).
    Cancel,
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
        kind: crate::exchange::columns::ImportKind,
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
        kind: crate::exchange::columns::ImportKind,
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
        since_last_to: Option<String>,
        out: PathBuf,
        passphrase: crate::exchange::package::Passphrase,
    },
    /// Decrypt and check a package and show what importing it would do.
    PreviewPackage {
        file: PathBuf,
        passphrase: crate::exchange::package::Passphrase,
    },
    /// Merge the previewed package with the choices made on the 数据交换 screen.
    ApplyMerge,
    /// Close the preview without importing.
    DiscardPreview,
    /// Load packages into this consolidation database (on another thread).
    Consolidate {
        files: Vec<PathBuf>,
        passphrase: crate::exchange::package::Passphrase,
    },
    /// Write the regional summary's PDF, JSON and XLSX into a folder.
    SaveRegionReturn {
        dir: PathBuf,
        summary: std::sync::Arc<crate::exchange::region::RegionalSummary>,
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
    crate::exchange::region::PDF_FILE,
    crate::exchange::region::JSON_FILE,
    crate::exchange::region::XLSX_FILE,
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
    ImportRead(Box<Result<(crate::exchange::import::Source, crate::exchange::columns::Mapping), String>>),
    /// An import's dry run.
    ImportChecked(Box<Result<crate::exchange::import::Plan, String>>),
    /// An import written (and where its rejected rows went).
    ImportCommitted(Box<Result<(crate::exchange::import::Committed, Option<PathBuf>), String>>),
    /// An export written: how many records, where.
    Exported(Result<(usize, PathBuf), String>),
    /// A data package made.
    PackageMade(Result<Box<crate::exchange::pack::Exported>, String>),
    /// A received package decrypted and previewed.
    Previewed(Result<Box<crate::exchange::merge::Preview>, String>),
    Merged(Result<crate::exchange::merge::Imported, String>),
    Consolidated(Result<Vec<crate::store::LoadOutcome>, String>),
}

impl SkillBaseApp {
    /// Applies this frame's commands, in order.
    pub fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.apply(command, ctx);
        }
    }

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
    fn may_write(&mut self, command: &Command, replace: bool) -> bool {
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

    /// Applies one command.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let lang = self.lang();
        let t = self.text();
        let (command, replace) = match command {
            Command::Replacing(inner) => (*inner, true),
            other => (other, false),
        };
        if !self.may_write(&command, replace) {
            return;
        }
        match command {
            Command::Navigate(screen) => {
                self.settings.screen = screen;
                self.screens.people.person = None;
            }
            Command::Open { kind, id } => self.open(kind, id),
            Command::New { kind, preset } => {
                let org = self.org().map(|o| o.id.uuid());
                let preset = self.with_defaults(kind, preset);
                self.editor = Some(Editor::new_record(kind, preset, org, self.today(), lang));
            }
            Command::Save => self.save_form(),
            Command::Cancel => self.editor = None,
            Command::AskDelete { kind, id, name } => {
                self.confirm_delete = Some(PendingDelete { kind, id, name });
            }
            Command::Delete { kind, id, name } => self.delete(kind, id, name),
            Command::Undo => self.undo_delete(),
            Command::ShowPerson(id) => {
                self.settings.screen = Screen::People;
                self.screens.people.person = Some(id);
            }
            Command::SelectOrg(id) => {
                self.settings.org = Some(id);
                self.data_version += 1;
            }
            Command::SetYear(year) => {
                self.settings.year = Some(year);
                self.data_version += 1;
            }
            Command::SetLanguage(lang) => {
                self.settings.lang = lang;
                if let Some(editor) = &mut self.editor {
                    editor.lang = lang;
                }
            }
            Command::SetProfile(name) => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    self.notes.error(t.profile_empty);
                } else {
                    if let Ok(store) = &mut self.store {
                        store.set_profile(&name);
                    }
                    self.opener.profile = name.clone();
                    self.settings.profile = name;
                    self.notes.success(t.settings_saved);
                }
            }
            Command::SetZoom(zoom) => {
                self.settings.zoom = zoom.clamp(0.75, 2.0);
                ctx.set_zoom_factor(self.settings.zoom);
            }
            Command::LoadDemo(profile) => self.load_demo(profile, ctx),
            Command::Enrol { cohort, people, on } => self.enrol(cohort, &people, on),
            Command::Complete(c) => self.complete(c),
            Command::BuildReturn { final_return } => {
                super::annual_return::build(self, final_return, ctx);
            }
            Command::SaveReturn { dir } => super::annual_return::save_files(self, &dir, replace),
            Command::MarkSubmitted => super::annual_return::mark_submitted(self),
            Command::ExportFindings { file } => super::annual_return::export_findings(self, &file, replace),
            Command::OpenReadOnly => self.open_read_only(),
            Command::RetryOpen => self.retry_open(),
            Command::BackupNow => self.start_backup(crate::store::BackupReason::Manual, ctx),
            Command::RestoreBackup { from, other_database } => self.restore_backup(from, other_database, ctx),
            Command::ExportAudit { file, full } => self.export_audit(&file, full, replace),
            Command::ImportRead { kind, file } => self.import_read(kind, file, ctx),
            Command::ImportCheck => self.import_check(ctx),
            Command::ImportCommit { failed } => self.import_commit(failed, replace, ctx),
            Command::ImportTemplate { kind, file } => self.import_template(kind, &file, replace),
            Command::AskExport(request) => {
                self.screens.export = Some(crate::ui::import::ExportDialog::new(request))
            }
            Command::Export { request, file, full } => self.export(request, file, full, replace, ctx),
            Command::ExportPackage {
                org,
                since_last_to,
                out,
                passphrase,
            } => self.export_package(
                crate::exchange::pack::ExportRequest {
                    org,
                    since_last_to,
                    out,
                    replace,
                },
                passphrase,
                ctx,
            ),
            Command::PreviewPackage { file, passphrase } => self.preview_package(file, passphrase, ctx),
            Command::ApplyMerge => self.apply_merge(ctx),
            Command::DiscardPreview => self.screens.exchange.preview = None,
            Command::Consolidate { files, passphrase } => self.consolidate(files, passphrase, ctx),
            Command::SaveRegionReturn { dir, summary } => self.save_region_return(&dir, &summary, replace),
            // Unwrapped above; nested, it means the same.
            Command::Replacing(inner) => self.apply(Command::Replacing(inner), ctx),
        }
    }

    fn open(&mut self, kind: RecordKind, id: Uuid) {
        let lang = self.lang();
        let Ok(store) = &self.store else { return };
        match records::get(store, kind, id) {
            Ok(record) => {
                if let Some(screen) = crate::ui::screen_of(kind) {
                    self.settings.screen = screen;
                }
                if kind == RecordKind::Person {
                    self.screens.people.person = Some(id);
                }
                self.editor = Some(Editor::edit(record, lang));
            }
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }

    fn save_form(&mut self) {
        let lang = self.lang();
        let t = self.text();
        let Some(editor) = &mut self.editor else { return };
        let Ok(store) = &mut self.store else { return };
        let Some(value) = editor.to_value() else {
            self.notes.error(t.form_has_errors);
            return;
        };
        let kind = editor.kind;
        match records::save(store, kind, editor.id, value) {
            Ok(id) => {
                let created = editor.id.is_none();
                let name = records::get(store, kind, id)
                    .map(|r| records::display_name(&r))
                    .unwrap_or_default();
                self.editor = None;
                self.notes.success((t.saved)(kind.label(lang), &name));
                if created && kind == RecordKind::Organisation {
                    self.settings.org.get_or_insert(id);
                }
                self.changed();
            }
            Err(e) => {
                editor.show_error(&e);
                self.notes.error(t.form_has_errors);
            }
        }
    }

    fn delete(&mut self, kind: RecordKind, id: Uuid, name: String) {
        let lang = self.lang();
        let t = self.text();
        self.confirm_delete = None;
        let Ok(store) = &mut self.store else { return };
        match records::delete(store, kind, id) {
            Ok(()) => {
                if self.editor.as_ref().is_some_and(|e| e.id == Some(id)) {
                    self.editor = None;
                }
                if self.screens.people.person == Some(id) {
                    self.screens.people.person = None;
                }
                self.notes.success((t.deleted)(kind.label(lang), &name));
                self.undo.push(PendingDelete { kind, id, name });
                self.changed();
            }
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }

    fn undo_delete(&mut self) {
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

    fn load_demo(&mut self, profile: Profile, ctx: &egui::Context) {
        let t = self.text();
        if self.job.is_some() {
            self.notes.info(t.busy);
            return;
        }
        let opener = self.opener.clone();
        let lang = self.lang();
        self.job = Some(Task::spawn(t.loading_demo.to_string(), ctx, move |progress| {
            let result = opener
                .open()
                .and_then(|mut store| crate::demo::generate(&mut store, profile, 1, progress));
            JobOutcome::Demo(result.map_err(|e| e.localize(lang)))
        }));
    }

    /// Collects a finished task's result.
    pub(super) fn poll_job(&mut self, ctx: &egui::Context) {
        let t = self.text();
        let Some(job) = &self.job else { return };
        match job.poll() {
            Poll::Running => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            Poll::Lost => {
                self.job = None;
                self.notes.error(t.task_failed);
            }
            Poll::Done(outcome) => {
                self.job = None;
                match outcome {
                    JobOutcome::Demo(Ok(summary)) => {
                        self.notes.success((t.demo_loaded)(summary.total()));
                        self.settings.org = None;
                        self.settings.year = None;
                        self.changed();
                    }
                    JobOutcome::Demo(Err(message)) => self.notes.error(message),
                    other @ (JobOutcome::ImportRead(_)
                    | JobOutcome::ImportChecked(_)
                    | JobOutcome::ImportCommitted(_)
                    | JobOutcome::Exported(_)) => self.import_finished(other),
                    other => self.exchange_outcome(other),
                }
            }
        }
    }

    /// A new record's defaults that need the store: an enrolment from a cohort's screen is
    /// dated on the cohort's start.
    fn with_defaults(&self, kind: RecordKind, mut preset: Value) -> Value {
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

    fn enrol(&mut self, cohort: Uuid, people: &[Uuid], on: NaiveDate) {
        let lang = self.lang();
        let t = self.text();
        let Ok(store) = &mut self.store else { return };
        let people: Vec<Id<Person>> = people.iter().map(|p| Id::from_uuid(*p)).collect();
        let result = store.enrol(Id::from_uuid(cohort), &people, on).map(|ids| ids.len());
        let st = &mut self.screens.cohorts;
        st.enrol_date_error = None;
        st.enrol_error = None;
        match result {
            Ok(n) => {
                self.notes.success((t.enrolled)(n));
                self.changed();
            }
            // A date the store refuses (after the cohort ended) beside the date; anything
            // else (the person is in the cohort already) under the search.
            Err(StoreError::Invalid(verdict)) => {
                let (date, other): (Vec<_>, Vec<_>) =
                    verdict.errors().partition(|i| i.field == "enrolled_on");
                let text = |issues: Vec<&crate::domain::FieldIssue>, lang| {
                    issues
                        .iter()
                        .map(|i| i.localize(lang))
                        .collect::<Vec<_>>()
                        .join("；")
                };
                st.enrol_date_error = (!date.is_empty()).then(|| {
                    date.iter()
                        .map(|i| crate::i18n::problem(&i.problem, i.kind.code(), lang))
                        .collect::<Vec<_>>()
                        .join("；")
                });
                st.enrol_error = (!other.is_empty()).then(|| text(other, lang));
                self.notes.error(t.form_has_errors);
            }
            Err(e) => {
                st.enrol_error = Some(e.localize(lang));
                self.notes.error(e.localize(lang));
            }
        }
    }

    fn complete(&mut self, c: Completion) {
        let lang = self.lang();
        let t = self.text();
        let Ok(store) = &mut self.store else { return };
        let result = store.complete(&c);
        match result {
            Ok(_) => {
                self.notes.success(t.completion_saved);
                self.screens.cohorts.completing = None;
                self.changed();
            }
            Err(e) => {
                if let Some(form) = &mut self.screens.cohorts.completing {
                    form.errors = completion_errors(&e, lang);
                }
                self.notes.error(t.form_has_errors);
            }
        }
    }
}

/// A refused completion's messages, each beside the completion step's field it is about
/// (the rest under the step).
fn completion_errors(e: &StoreError, lang: Lang) -> std::collections::BTreeMap<&'static str, String> {
    let mut out: std::collections::BTreeMap<&'static str, Vec<String>> = std::collections::BTreeMap::new();
    match e {
        StoreError::Invalid(verdict) => {
            for issue in verdict.errors() {
                let field = match (issue.kind, issue.field) {
                    (RecordKind::Enrolment, f @ ("completed_on" | "result")) => f,
                    (RecordKind::Qualification, f @ ("issued_on" | "cert_number" | "issuer")) => f,
                    _ => "",
                };
                let text = if field.is_empty() {
                    issue.localize(lang)
                } else {
                    crate::i18n::problem(&issue.problem, issue.kind.code(), lang)
                };
                out.entry(field).or_default().push(text);
            }
        }
        StoreError::CertificateOfAnotherPerson { .. }
        | StoreError::CertificateTaken { .. }
        | StoreError::EnrolmentHasCertificate { .. } => {
            out.entry("qualification").or_default().push(e.localize(lang));
        }
        other => out.entry("").or_default().push(other.localize(lang)),
    }
    out.into_iter().map(|(k, v)| (k, v.join("；"))).collect()
}

/// The preset of a new record made from another screen (a cohort's enrolment, a
/// facility's occupation): `{"field": "id"}`.
pub fn preset(field: &str, id: Uuid) -> Value {
    json!({ field: id.to_string() })
}
