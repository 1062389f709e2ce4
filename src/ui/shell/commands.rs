//! Applying commands: the one place every user action takes effect, after the screens
//! have drawn. What reaches the store, the settings, the notifications or the long job is
//! the app state's to do (`crate::app`); what only the window holds — the open form, a
//! screen's selection, a dialog — is done here, and so is handing finished work to the
//! screen that shows it.

use uuid::Uuid;

use super::SkillBaseApp;
use crate::app::command::JobOutcome;
use crate::app::{Command, Screen};
use crate::domain::RecordKind;
use crate::i18n::Localize;
use crate::registers::records;
use crate::ui::form::Editor;

impl SkillBaseApp {
    /// Applies this frame's commands, in order.
    pub fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.app.commands);
        for command in commands {
            self.apply(command, ctx);
        }
    }

    /// Applies one command.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let lang = self.app.lang();
        let (command, replace) = match command {
            Command::Replacing(inner) => (*inner, true),
            other => (other, false),
        };
        if !self.app.may_write(&command, replace) {
            return;
        }
        // A form with changes asks before another screen or record takes its place.
        if let Some(editor) = &mut self.editor
            && replaces_form(&command, editor)
        {
            if editor.is_changed() {
                editor.asking_discard = true;
                editor.after_discard = Some(Box::new(command));
                return;
            }
            self.editor = None;
        }
        let app = &mut self.app;
        match command {
            Command::Navigate(screen) => {
                app.settings.screen = screen;
                self.screens.people.person = None;
            }
            Command::Open { kind, id } => self.open(kind, id),
            Command::New { kind, preset } => {
                let org = app.org().map(|o| o.id.uuid());
                let preset = app.with_defaults(kind, preset);
                self.editor = Some(Editor::new_record(kind, preset, org, app.today(), lang));
            }
            Command::Save => self.save_form(),
            Command::Cancel => match &mut self.editor {
                Some(editor) if editor.asking_discard => self.apply(Command::Discard, ctx),
                Some(editor) if editor.is_changed() => editor.asking_discard = true,
                _ => self.close_form(),
            },
            Command::Discard => {
                let then = self.editor.as_mut().and_then(|e| e.after_discard.take());
                self.close_form();
                if let Some(then) = then {
                    self.apply(*then, ctx);
                }
            }
            Command::KeepEditing => {
                if let Some(editor) = &mut self.editor {
                    editor.asking_discard = false;
                    editor.after_discard = None;
                }
            }
            Command::AskDelete { kind, id, name } => {
                app.confirm_delete = Some(crate::app::command::PendingDelete { kind, id, name });
            }
            Command::Delete { kind, id, name } => {
                if app.delete_record(kind, id, name) {
                    if self.editor.as_ref().is_some_and(|e| e.id == Some(id)) {
                        self.editor = None;
                    }
                    if self.screens.people.person == Some(id) {
                        self.screens.people.person = None;
                    }
                }
            }
            Command::Undo => app.undo_delete(),
            Command::ShowPerson(id) => {
                app.settings.screen = Screen::People;
                self.screens.people.person = Some(id);
            }
            Command::SelectOrg(id) => app.select_org(id),
            Command::SetYear(year) => app.set_year(year),
            Command::SetLanguage(lang) => {
                app.settings.lang = lang;
                if let Some(editor) = &mut self.editor {
                    editor.lang = lang;
                }
            }
            Command::SetProfile(name) => app.set_profile(&name),
            Command::SetZoom(zoom) => app.set_zoom(zoom, ctx),
            Command::LoadDemo(profile) => app.load_demo(profile, ctx),
            Command::Enrol { cohort, people, on } => {
                let result = app.enrol(cohort, &people, on);
                self.screens.cohorts.enrolled(result.err(), lang);
            }
            Command::Complete(c) => {
                let result = app.complete(&c);
                self.screens.cohorts.completed(result, lang);
            }
            Command::BuildReturn { final_return } => {
                if let Some(making) = crate::app::annual_return::build(app, final_return, ctx) {
                    self.screens.annual_return.making(final_return, making);
                }
            }
            Command::SaveReturn { dir } => {
                let prepared = self.screens.annual_return.made();
                crate::app::annual_return::save_files(app, prepared, &dir, replace);
            }
            Command::MarkSubmitted => {
                crate::app::annual_return::mark_submitted(app, self.screens.annual_return.made());
            }
            Command::ExportFindings { file } => {
                let prepared = self.screens.annual_return.made();
                crate::app::annual_return::export_findings(app, prepared, &file, replace);
            }
            Command::OpenReadOnly => app.open_read_only(),
            Command::RetryOpen => app.retry_open(),
            Command::BackupNow => app.start_backup(crate::store::BackupReason::Manual, ctx),
            Command::RestoreBackup { from, other_database } => app.restore_backup(from, other_database, ctx),
            Command::ExportAudit { file, full } => app.export_audit(&file, full, replace),
            Command::SaveScheme(scheme) => {
                let result = app.save_scheme(&scheme);
                self.screens.assessment.scheme_saved(result);
            }
            Command::SaveAssessment {
                side,
                org,
                year,
                scheme,
                entries,
            } => {
                let result = app.save_assessment(side, org, year, &scheme, &entries);
                self.screens.assessment.saved(result);
            }
            Command::AddLogEntry(entry) => {
                let result = app.add_log_entry(*entry);
                self.screens.studio_log.logged(result, lang);
            }
            Command::Attach {
                kind,
                record,
                files,
                note,
            } => app.attach_files(kind, record, &files, note.as_deref()),
            Command::RemoveAttachment(id) => app.remove_attachment(id),
            Command::OpenAttachment(id) => app.open_attachment(id),
            Command::PlanFromTemplate(a) => app.plan_from_template(a),
            Command::CopyIndicatorSet(set) => app.copy_indicator_set(set),
            Command::SaveTemplate(a) => app.save_plan_as_template(a),
            Command::SignOffEntries(a) => app.sign_off_entries(a),
            Command::PrintPlan { apprenticeship, file } => app.print_plan(apprenticeship, &file, replace),
            Command::ImportRead { kind, file } => {
                let st = &mut self.screens.import;
                st.reset_from_file();
                if file.as_os_str().is_empty() {
                    st.error = Some(crate::i18n::import::text(lang).file_missing.to_string());
                } else {
                    app.import_read(kind, file, ctx);
                }
            }
            Command::ImportCheck => {
                let st = &mut self.screens.import;
                let (Some(source), Some(mapping)) = (st.source.clone(), st.mapping.clone()) else {
                    return;
                };
                st.plan = None;
                st.done = None;
                st.error = None;
                let file = std::path::PathBuf::from(st.path.trim());
                app.import_check(st.kind, file, source, mapping, ctx);
            }
            Command::ImportCommit { failed } => {
                if let Some(plan) = self.screens.import.plan.clone() {
                    app.import_commit(plan, failed, replace, ctx);
                }
            }
            Command::ImportTemplate { kind, file } => app.import_template(kind, &file, replace),
            Command::AskExport(request) => {
                self.screens.export = Some(crate::ui::import::ExportDialog::new(request));
            }
            Command::Export { request, file, full } => {
                if app.export(request, file, full, replace, ctx) {
                    self.screens.export = None;
                }
            }
            Command::ExportPackage {
                org,
                indicator_sets_only,
                since_last_to,
                out,
                passphrase,
            } => app.export_package(
                crate::packages::pack::ExportRequest {
                    org,
                    since_last_to,
                    out,
                    replace,
                    indicator_sets_only,
                },
                passphrase,
                ctx,
            ),
            Command::PreviewPackage { file, passphrase } => {
                if app.preview_package(file, passphrase, ctx) {
                    self.screens.exchange.preview = None;
                }
            }
            Command::ApplyMerge => {
                let st = &self.screens.exchange;
                if let Some(preview) = st.preview.clone() {
                    app.apply_merge(preview, st.resolution.clone(), ctx);
                }
            }
            Command::DiscardPreview => self.screens.exchange.preview = None,
            Command::Consolidate { files, passphrase } => app.consolidate(files, passphrase, ctx),
            Command::SaveRegionReturn { dir, summary } => app.save_region_return(&dir, &summary, replace),
            // Unwrapped above; nested, it means the same.
            Command::Replacing(inner) => self.apply(Command::Replacing(inner), ctx),
        }
    }

    /// Closes the open form, and with it the note that it was not saved.
    fn close_form(&mut self) {
        self.editor = None;
        let unsaved = crate::i18n::ui::text(self.app.lang()).form_has_errors;
        if self.app.notes.toast().is_some_and(|n| n.text == unsaved) {
            self.app.notes.dismiss();
        }
    }

    /// Opens a record's form, on the screen of its register.
    fn open(&mut self, kind: RecordKind, id: Uuid) {
        let lang = self.app.lang();
        let Ok(store) = &self.app.store else { return };
        match records::get(store, kind, id) {
            Ok(record) => {
                if let Some(screen) = crate::ui::screen_of(kind) {
                    self.app.settings.screen = screen;
                }
                if kind == RecordKind::Person {
                    self.screens.people.person = Some(id);
                }
                // Its row in the register's table: selected and brought into view (unless
                // the row itself was clicked).
                let table = self.screens.registers.entry((kind, "")).or_default();
                if table.selected != Some(id) {
                    table.selected = Some(id);
                    table.scroll_to = Some(id);
                }
                self.editor = Some(Editor::edit(record, lang));
            }
            Err(e) => self.app.notes.error(e.localize(lang)),
        }
    }

    /// Saves the open form: closed when saved, else the messages beside its fields.
    fn save_form(&mut self) {
        let Some(editor) = &mut self.editor else { return };
        if self.app.store.is_err() {
            return;
        }
        let Some(value) = editor.to_value() else {
            self.app
                .notes
                .error(crate::i18n::ui::text(self.app.lang()).form_has_errors);
            return;
        };
        match self.app.save_record(editor.kind, editor.id, value) {
            Ok(_) => self.close_form(),
            Err(e) => editor.show_error(&e),
        }
    }

    /// Hands a finished long job to the screen that shows it, or to the app state.
    pub(super) fn job_finished(&mut self, outcome: JobOutcome) {
        match outcome {
            JobOutcome::Demo(result) => self.app.demo_loaded(result),
            JobOutcome::ImportRead(result) => self.screens.import.read(*result),
            JobOutcome::ImportChecked(result) => self.screens.import.checked(*result),
            JobOutcome::ImportCommitted(result) => self.screens.import.committed(*result, &mut self.app),
            JobOutcome::Exported(result) => self.app.exported(result),
            JobOutcome::PackageMade(result) => self.app.package_made(result),
            JobOutcome::Previewed(Ok(preview)) => self.screens.exchange.set_preview(*preview),
            JobOutcome::Previewed(Err(e)) => self.app.notes.error(e),
            JobOutcome::Merged(result) => {
                if result.is_ok() {
                    self.screens.exchange.preview = None;
                }
                self.app.merged(result);
            }
            JobOutcome::Consolidated(result) => self.app.consolidated(result),
        }
    }
}

/// Whether a command puts something else where the open form is: another screen, another
/// record's form (not the form's own record).
fn replaces_form(command: &Command, editor: &Editor) -> bool {
    match command {
        Command::Navigate(_) | Command::ShowPerson(_) | Command::SelectOrg(_) | Command::New { .. } => true,
        Command::Open { id, .. } => editor.id != Some(*id),
        _ => false,
    }
}
