//! 导入: the import wizard — choose the kind and the file (rfd, or type the path), see
//! and correct how its columns map (remembered for files of the same layout), check
//! every row without writing (status and messages per row, errors only on request),
//! then import all rows, or only the valid ones with the rejected rows saved to an XLSX.
//! A template per kind, and the history of imports. Also the export dialog every
//! register screen opens (the privacy checkbox is unticked until the user ticks it).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Cx;
use super::SkillBaseApp;
use super::palette;
use super::wrapped::{self, RowHeights};
use crate::app::command::JobOutcome;
use crate::app::import::ExportRequest;
use crate::app::tasks::Task;
use crate::app::{AppState, Command};
use crate::i18n::Labelled;
use crate::i18n::import::ImportText;
use crate::sheets::columns::{ImportKind, Mapping};
use crate::sheets::import::{self, Committed, Plan, RowStatus, Source};

/// Which step the wizard is at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    File,
    Mapping,
    Check,
    Done,
}

/// The wizard's state.
#[derive(Default)]
pub struct ImportState {
    pub kind: ImportKind,
    /// The file to import, as typed or chosen.
    pub path: String,
    pub source: Option<Arc<Source>>,
    /// How the columns map (the user may correct it).
    pub mapping: Option<Mapping>,
    pub plan: Option<Arc<Plan>>,
    pub only_errors: bool,
    /// Where the rejected rows go when only the valid rows are imported.
    pub failed_path: String,
    pub error: Option<String>,
    /// What the finished import did.
    pub done: Option<String>,
    /// The check step's row heights (its messages wrap).
    row_heights: RowHeights,
    /// Whether the checked file was imported before: looked up once per plan.
    before: Option<(usize, Option<String>)>,
    /// People newly added by an import of 人员: they are in no cohort and count in no
    /// figure until enrolled.
    pub unenrolled: u64,
}

impl ImportState {
    /// A new file is being read: forget the last one's mapping and results.
    pub fn reset_from_file(&mut self) {
        self.source = None;
        self.mapping = None;
        self.plan = None;
        self.error = None;
        self.done = None;
    }

    /// A file read and its columns mapped (or why not).
    pub fn read(&mut self, result: Result<(Source, Mapping), String>) {
        match result {
            Ok((source, mapping)) => {
                self.source = Some(Arc::new(source));
                self.mapping = Some(mapping);
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// The dry run done: its rows shown, the rejected rows' file named beside the file.
    pub fn checked(&mut self, result: Result<Plan, String>) {
        match result {
            Ok(plan) => {
                self.failed_path = default_failed_path(&self.path);
                self.plan = Some(Arc::new(plan));
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// The import written: what it did (and where the rejected rows and the backup went),
    /// here and as a notification.
    pub fn committed(&mut self, result: Result<(Committed, Option<PathBuf>), String>, app: &mut AppState) {
        let t = crate::i18n::import::text(app.lang());
        match result {
            Ok((committed, failed)) => {
                let s = &committed.summary;
                let mut message = (t.committed)(&s.file_name, s.new, s.updated, s.unchanged);
                if let Some(f) = &failed {
                    message = format!("{message}\n{}", (t.rejected_written)(s.rejected, f));
                }
                if let Some(b) = &committed.backup {
                    message = format!("{message}\n{}", (t.backup_taken)(b));
                }
                app.notes
                    .success((t.committed)(&s.file_name, s.new, s.updated, s.unchanged));
                self.done = Some(message);
                self.plan = None;
                self.unenrolled = if self.kind == ImportKind::People { s.new } else { 0 };
                app.changed();
            }
            Err(e) => {
                self.error = Some(e.clone());
                app.notes.error(e);
            }
        }
    }

    pub fn step(&self) -> Step {
        if self.done.is_some() {
            Step::Done
        } else if self.plan.is_some() {
            Step::Check
        } else if self.mapping.is_some() {
            Step::Mapping
        } else {
            Step::File
        }
    }
}

/// `名单-错误行.xlsx` beside the imported file.
fn default_failed_path(file: &str) -> String {
    let p = PathBuf::from(file.trim());
    let stem = p
        .file_stem()
        .map_or("import".into(), |s| s.to_string_lossy().into_owned());
    p.with_file_name(format!("{stem}-错误行.xlsx"))
        .display()
        .to_string()
}

fn kind_name(t: &ImportText, k: ImportKind) -> &'static str {
    (t.kind)(k)
}

fn status_text(t: &ImportText, s: RowStatus) -> &'static str {
    match s {
        RowStatus::New => t.status_new,
        RowStatus::Update => t.status_update,
        RowStatus::Unchanged => t.status_unchanged,
        RowStatus::Error => t.status_error,
    }
}

pub fn show(ui: &mut egui::Ui, cx: &mut Cx, st: &mut ImportState, job: Option<&Task<JobOutcome>>) {
    let t = cx.t.import;
    ui.heading(t.wizard_title);
    let step = st.step();
    ui.horizontal(|ui| {
        for (i, name) in t.steps.iter().enumerate() {
            let here = i == step as usize;
            let text = egui::RichText::new(*name);
            ui.label(if here {
                text.strong().underline()
            } else {
                text.weak()
            });
            if i < 3 {
                ui.weak("›");
            }
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("import-wizard")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            file_step(ui, cx, st);
            if let Some(job) = job {
                let (stage, f) = job.fraction();
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.add(egui::ProgressBar::new(f).desired_width(320.0).text(stage));
                });
            }
            if let Some(e) = &st.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            if let Some(done) = &st.done {
                ui.add_space(8.0);
                ui.colored_label(palette::GOOD, done);
                // A training roster imported as 人员 counts nowhere: say so, and offer to
                // read the same file as a roster of enrolments.
                if st.unenrolled > 0 {
                    let d = crate::i18n::desk::text(cx.lang);
                    ui.colored_label(ui.visuals().warn_fg_color, (d.people_not_enrolled)(st.unenrolled));
                    if ui.button(d.import_as_enrolments).clicked() {
                        st.unenrolled = 0;
                        st.kind = ImportKind::Enrolments;
                        cx.send(Command::ImportRead {
                            kind: ImportKind::Enrolments,
                            file: PathBuf::from(st.path.trim()),
                        });
                    }
                }
                if ui.button(t.start_over).clicked() {
                    st.reset_from_file();
                    st.unenrolled = 0;
                    st.path.clear();
                }
            }
            if st.plan.is_none() && st.done.is_none() {
                mapping_step(ui, cx, st, job.is_some());
            }
            if st.plan.is_some() {
                check_step(ui, cx, st, job.is_some());
            }
            ui.add_space(12.0);
            history(ui, cx);
        });
}

fn file_step(ui: &mut egui::Ui, cx: &mut Cx, st: &mut ImportState) {
    let t = cx.t.import;
    egui::Grid::new("import-file").num_columns(2).show(ui, |ui| {
        let kind_label = ui.label(t.kind_label).id;
        let before = st.kind;
        egui::ComboBox::from_id_salt("import-kind")
            .selected_text(kind_name(t, st.kind))
            .width(260.0)
            .show_ui(ui, |ui| {
                for k in ImportKind::ALL {
                    ui.selectable_value(&mut st.kind, k, kind_name(t, k));
                }
            })
            .response
            .labelled_by(kind_label);
        if st.kind != before {
            st.reset_from_file();
        }
        ui.end_row();
        let file_label = ui.label(t.file_label).id;
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut st.path)
                    .desired_width(420.0)
                    .id_salt("import-path"),
            )
            .labelled_by(file_label);
            if ui.button(t.choose_file).clicked() {
                let chosen = super::dialog::browse(&mut st.path, || {
                    rfd::FileDialog::new()
                        .add_filter("Excel / CSV", &["xlsx", "xls", "csv", "ods", "txt"])
                        .set_directory(crate::files::documents_dir())
                        .pick_file()
                });
                if chosen {
                    cx.send(Command::ImportRead {
                        kind: st.kind,
                        file: PathBuf::from(&st.path),
                    });
                }
            }
            if ui.button(t.read_file).clicked() {
                cx.send(Command::ImportRead {
                    kind: st.kind,
                    file: PathBuf::from(st.path.trim()),
                });
            }
            super::dialog::note(ui, cx.lang);
        });
        ui.end_row();
    });
    if st.kind.needs_org()
        && let Some(org) = cx.org
    {
        ui.weak((t.org_for_import)(&org.record.name));
    }
    ui.horizontal(|ui| {
        ui.weak(t.template_hint);
        if ui.button(t.save_template).clicked() {
            let name = (crate::i18n::desk::text(cx.lang).template_file)(kind_name(cx.t.import, st.kind));
            // Where no dialog opens, the template goes to the documents folder (the
            // message after names the file); a cancelled dialog saves nothing.
            match super::dialog::pick(|| {
                rfd::FileDialog::new()
                    .set_file_name(&name)
                    .add_filter("Excel", &["xlsx"])
                    .save_file()
            }) {
                super::dialog::Picked::Chosen(file) => {
                    cx.send(Command::ImportTemplate { kind: st.kind, file })
                }
                super::dialog::Picked::Unavailable => cx.send(Command::ImportTemplate {
                    kind: st.kind,
                    file: crate::files::documents_dir().join(&name),
                }),
                super::dialog::Picked::Cancelled => {}
            }
        }
    });
    ui.separator();
}

fn mapping_step(ui: &mut egui::Ui, cx: &mut Cx, st: &mut ImportState, busy: bool) {
    let t = cx.t.import;
    let kind = st.kind;
    let (Some(mapping), Some(source)) = (st.mapping.as_mut(), st.source.as_ref()) else {
        return;
    };
    let grid = source
        .book
        .sheets
        .iter()
        .find(|g| g.name == mapping.sheet)
        .or_else(|| source.book.sheets.first());
    let data_rows = grid.map_or(0, |g| {
        g.rows
            .iter()
            .skip(mapping.data_row)
            .filter(|r| !r.iter().all(crate::sheets::sheet::Cell::is_blank))
            .count()
    });
    ui.strong(t.steps[1]);
    ui.label((t.sheet_of)(&mapping.sheet, mapping.header_row + 1, data_rows));
    ui.weak(t.mapping_help);
    let sample_row = grid.and_then(|g| {
        g.rows
            .iter()
            .skip(mapping.data_row)
            .find(|r| !r.iter().all(crate::sheets::sheet::Cell::is_blank))
    });
    let mut change: Option<(usize, Option<String>)> = None;
    egui::Grid::new("import-mapping")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.strong(t.column);
            ui.strong(t.sample);
            ui.strong(t.import_as);
            ui.end_row();
            for (c, header) in mapping.headers.iter().enumerate() {
                if header.trim().is_empty() {
                    continue;
                }
                ui.label(header);
                let sample = sample_row
                    .and_then(|r| r.get(c))
                    .map(|cell| cell.text())
                    .unwrap_or_default();
                ui.weak(sample.chars().take(24).collect::<String>());
                let current = mapping.fields[c].clone();
                let shown = current
                    .as_deref()
                    .and_then(|k| kind.target(k))
                    .map_or(t.not_imported, |target| (t.target)(kind, target.key));
                egui::ComboBox::from_id_salt(("map", c))
                    .selected_text(shown)
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(current.is_none(), t.not_imported).clicked() {
                            change = Some((c, None));
                        }
                        for target in kind.targets() {
                            let label = if target.required {
                                format!("{} *", (t.target)(kind, target.key))
                            } else {
                                (t.target)(kind, target.key).to_string()
                            };
                            let chosen = current.as_deref() == Some(target.key);
                            if ui.selectable_label(chosen, label).clicked() {
                                change = Some((c, Some(target.key.to_string())));
                            }
                        }
                    });
                ui.end_row();
            }
        });
    if let Some((c, field)) = change {
        mapping.set(c, field);
    }
    let missing = mapping.missing(kind);
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|k| (t.target)(kind, k)).collect();
        ui.colored_label(
            ui.visuals().error_fg_color,
            (t.missing_columns)(Path::new(st.path.trim()), &names.join("、")),
        );
    }
    ui.add_space(6.0);
    if ui
        .add_enabled(missing.is_empty() && !busy, egui::Button::new(t.run_check))
        .clicked()
    {
        cx.send(Command::ImportCheck);
    }
}

/// The check step's record column: a name and a masked ID number on one line.
const RECORD_WIDTH: f32 = 200.0;

fn check_step(ui: &mut egui::Ui, cx: &mut Cx, st: &mut ImportState, busy: bool) {
    let t = cx.t.import;
    let lang = cx.lang;
    let Some(plan) = st.plan.clone() else { return };
    let c = plan.counts();
    ui.horizontal(|ui| {
        if ui.button(format!("← {}", t.back)).clicked() {
            st.plan = None;
        }
        ui.strong((t.summary)(
            plan.rows.len() as u64,
            c.new,
            c.update,
            c.unchanged,
            c.error,
        ));
    });
    let plan_id = Arc::as_ptr(&plan) as usize;
    if st.before.as_ref().is_none_or(|(id, _)| *id != plan_id) {
        let before = cx.store.import_history(200).ok().and_then(|history| {
            history
                .iter()
                .find(|h| h.summary.sha256 == plan.sha256)
                .map(|h| (t.same_file_before)(&crate::i18n::local_time(&h.at), &h.summary.file_name))
        });
        st.before = Some((plan_id, before));
    }
    if let Some((_, Some(before))) = &st.before {
        ui.weak(before);
    }
    ui.checkbox(&mut st.only_errors, t.only_errors);
    let rows: Vec<&import::PlannedRow> = plan
        .rows
        .iter()
        .filter(|r| {
            !st.only_errors
                || r.status == RowStatus::Error
                || r.issues
                    .iter()
                    .any(|i| i.severity == crate::domain::Severity::Warning)
        })
        .collect();
    // One message a line, the warnings marked.
    let messages = |r: &import::PlannedRow| {
        r.issues
            .iter()
            .map(|i| match i.severity {
                crate::domain::Severity::Error => import::issue_text(i, lang),
                crate::domain::Severity::Warning => format!("{}：{}", t.warning, import::issue_text(i, lang)),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let line = wrapped::line_height(ui);
    // The messages column: what the three fixed columns, the gaps and the scroll bar leave.
    let gaps = 4.0 * ui.spacing().item_spacing.x + 24.0;
    let wrap_width = (ui.available_width() - 120.0 - RECORD_WIDTH - gaps).max(200.0);
    let heights = st.row_heights.get(
        ui,
        (plan_id, st.only_errors, lang),
        &[RECORD_WIDTH - 4.0, wrap_width],
        rows.len(),
        |i| vec![rows[i].label.clone(), messages(rows[i])],
    );
    ui.push_id("import-rows", |ui| {
        egui_extras::TableBuilder::new(ui)
            .striped(true)
            .max_scroll_height(360.0)
            .auto_shrink([false, true])
            .column(egui_extras::Column::exact(50.0))
            .column(egui_extras::Column::exact(70.0))
            .column(egui_extras::Column::exact(RECORD_WIDTH).clip(true))
            .column(egui_extras::Column::remainder().clip(true))
            .header(line + 2.0, |mut h| {
                for title in [t.row, t.status, t.record, t.messages] {
                    h.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.heterogeneous_rows(heights.iter().copied(), |mut row| {
                    let r = rows[row.index()];
                    row.col(|ui| {
                        ui.label(r.row.to_string());
                    });
                    row.col(|ui| {
                        let color = match r.status {
                            RowStatus::Error => ui.visuals().error_fg_color,
                            RowStatus::New => palette::GOOD,
                            RowStatus::Update => palette::CHANGE,
                            RowStatus::Unchanged => ui.visuals().weak_text_color(),
                        };
                        ui.colored_label(color, status_text(t, r.status));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&r.label).wrap());
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(messages(r)).wrap());
                    });
                });
            });
    });
    ui.add_space(6.0);
    ui.weak(t.all_or_nothing_note);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(c.error == 0 && !busy, egui::Button::new(t.import_all))
            .clicked()
        {
            cx.send(Command::ImportCommit { failed: None });
        }
    });
    if c.error > 0 {
        ui.horizontal(|ui| {
            let label = ui.label(t.failed_file).id;
            ui.add(
                egui::TextEdit::singleline(&mut st.failed_path)
                    .desired_width(380.0)
                    .id_salt("import-failed"),
            )
            .labelled_by(label);
            if ui.button(t.choose_file).clicked() {
                let name = Path::new(&st.failed_path)
                    .file_name()
                    .map_or("failed.xlsx".into(), |n| n.to_string_lossy().into_owned());
                super::dialog::browse(&mut st.failed_path, || {
                    rfd::FileDialog::new()
                        .add_filter("Excel", &["xlsx"])
                        .set_file_name(name)
                        .save_file()
                });
            }
            let can = !busy && c.new + c.update + c.unchanged > 0 && !st.failed_path.trim().is_empty();
            if ui.add_enabled(can, egui::Button::new(t.import_valid)).clicked() {
                cx.send(Command::ImportCommit {
                    failed: Some(PathBuf::from(st.failed_path.trim())),
                });
            }
        });
        super::dialog::note(ui, cx.lang);
    }
}

fn history(ui: &mut egui::Ui, cx: &mut Cx) {
    let t = cx.t.import;
    egui::CollapsingHeader::new(t.history)
        .default_open(false)
        .show(ui, |ui| match cx.store.import_history(50) {
            Ok(list) if list.is_empty() => {
                ui.weak(t.no_history);
            }
            Ok(list) => {
                for h in list {
                    let s = &h.summary;
                    let kind = ImportKind::from_code(&s.kind).map_or(s.kind.as_str(), |k| (t.kind)(k));
                    let summary = (t.summary)(s.rows, s.new, s.updated, s.unchanged, s.rejected);
                    ui.label((t.history_line)(
                        &crate::i18n::local_time(&h.at),
                        kind,
                        &s.file_name,
                        &summary,
                    ))
                    .on_hover_text(format!("SHA-256 {}", s.sha256));
                }
            }
            Err(e) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    crate::i18n::Localize::localize(&e, cx.lang),
                );
            }
        });
}

/// The export dialog's state.
pub struct ExportDialog {
    pub request: ExportRequest,
    pub path: String,
    /// Unticked until the user ticks it: exports are masked by default.
    pub full: bool,
}

impl ExportDialog {
    pub fn new(request: ExportRequest) -> ExportDialog {
        let name = match request.kind {
            crate::sheets::export::ExportKind::People => "人员".to_string(),
            crate::sheets::export::ExportKind::Register(k) => k.label(crate::i18n::Lang::Zh).to_string(),
        };
        let stamp = chrono::Local::now().format("%Y%m%d");
        ExportDialog {
            request,
            path: crate::files::documents_dir()
                .join(format!("{name}-{stamp}.xlsx"))
                .display()
                .to_string(),
            full: false,
        }
    }
}

/// The export button a register screen shows beside its New button.
pub fn export_button(ui: &mut egui::Ui, cx: &mut Cx, request: impl FnOnce() -> ExportRequest) {
    if ui.button(cx.t.import.export_button).clicked() {
        cx.send(Command::AskExport(request()));
    }
}

/// The export dialog, drawn over the window while open.
pub fn export_modal(shell: &mut SkillBaseApp, ctx: &egui::Context) {
    let lang = shell.app.lang();
    let t = crate::i18n::ui::text(lang).import;
    let Some(dialog) = shell.screens.export.as_mut() else {
        return;
    };
    let mut send = None;
    let mut close = false;
    let r = egui::Modal::new(egui::Id::unique("export-dialog")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(t.export_title);
        let register = match dialog.request.kind {
            crate::sheets::export::ExportKind::People => crate::domain::RecordKind::Person.label(lang),
            crate::sheets::export::ExportKind::Register(k) => k.label(lang),
        };
        ui.label((t.export_what)(register, dialog.request.count));
        ui.horizontal(|ui| {
            let label = ui.label(t.export_file).id;
            ui.add(
                egui::TextEdit::singleline(&mut dialog.path)
                    .desired_width(380.0)
                    .id_salt("export-path"),
            )
            .labelled_by(label);
            if ui.button(t.choose_file).clicked() {
                let name = Path::new(&dialog.path)
                    .file_name()
                    .map_or("export.xlsx".into(), |n| n.to_string_lossy().into_owned());
                super::dialog::browse(&mut dialog.path, || {
                    rfd::FileDialog::new()
                        .add_filter("Excel", &["xlsx"])
                        .add_filter("CSV", &["csv"])
                        .set_file_name(name)
                        .save_file()
                });
            }
        });
        super::dialog::note(ui, lang);
        ui.checkbox(&mut dialog.full, t.export_full);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(t.export_do).clicked() {
                send = Some(Command::Export {
                    request: dialog.request.clone(),
                    file: PathBuf::from(dialog.path.trim()),
                    full: dialog.full,
                });
            }
            if ui.button(crate::i18n::ui::text(lang).cancel).clicked() {
                close = true;
            }
        });
    });
    if let Some(c) = send {
        shell.app.commands.push(c);
    }
    if close || r.should_close() {
        shell.screens.export = None;
    }
}
