//! The studio master's log on screen: every apprentice's progress at a glance (stages
//! done and overdue, hours against plan, the last entry, entries awaiting the master's
//! sign-off), the quick entry form (it remembers the apprentice and stage; Tab through
//! it, Ctrl+Enter logs, the text field takes Chinese through the input method), the
//! chosen apprentice's plan and log with the plan's buttons, and the overdue stages on
//! the studio's dashboard. Screens read; every write is a command.

use std::collections::BTreeMap;
use std::path::PathBuf;

use uuid::Uuid;

use super::Cx;
use super::register::{self, RegisterState};
use crate::app::Command;
use crate::domain::studio::ApprenticeshipStatus;
use crate::domain::studio_log::{LogEntry, PlanStage};
use crate::domain::{Id, RecordKind, Stored};
use crate::i18n::studio_log::{StudioLogText, text};
use crate::i18n::{Labelled, Lang, Localize};
use crate::store::{ApprenticeProgress, StoreError};

/// Every apprentice's progress, read again when the records, the organisation or the
/// day change.
pub struct ProgressCache {
    key: Option<(u64, Uuid, chrono::NaiveDate)>,
    rows: Result<Vec<ApprenticeProgress>, String>,
}

impl Default for ProgressCache {
    fn default() -> Self {
        ProgressCache {
            key: None,
            rows: Ok(Vec::new()),
        }
    }
}

/// The studio view's log: progress, the quick entry form and the chosen apprentice's
/// plan and log.
#[derive(Default)]
pub struct StudioLogState {
    progress: ProgressCache,
    /// The apprenticeship of the quick entry (the last one used).
    pub apprenticeship: Option<Uuid>,
    /// Its stage (the last one used), if any.
    pub stage: Option<Uuid>,
    pub date: String,
    pub hours: String,
    pub content: String,
    /// The last refusal, beside its fields.
    pub errors: BTreeMap<&'static str, String>,
    focus_content: bool,
    /// An input method is composing: Enter and Ctrl+Enter are its own.
    composing: bool,
    plan: RegisterState,
    log: RegisterState,
    plan_file: String,
}

impl StudioLogState {
    /// What the quick entry's save came to: cleared for the next entry (the apprentice,
    /// stage, date and hours kept), or the store's refusal beside the fields.
    pub fn logged(&mut self, result: Result<(), StoreError>, lang: Lang) {
        self.errors.clear();
        match result {
            Ok(()) => {
                self.content.clear();
                self.focus_content = true;
            }
            Err(StoreError::Invalid(v)) => {
                for i in v.errors() {
                    self.errors.insert(i.field, i.localize(lang));
                }
            }
            Err(e) => {
                self.errors.insert("content", e.localize(lang));
            }
        }
    }
}

impl ProgressCache {
    /// The organisation's apprentices with their progress, read when needed.
    pub fn rows(&mut self, cx: &Cx) -> &Result<Vec<ApprenticeProgress>, String> {
        let Some(org) = cx.org_id() else {
            self.rows = Ok(Vec::new());
            return &self.rows;
        };
        let key = (cx.version, org, cx.today.0);
        if self.key != Some(key) {
            self.key = Some(key);
            self.rows = cx
                .store
                .studio_progress(Id::from_uuid(org), cx.today.0)
                .map_err(|e| e.localize(cx.lang));
        }
        &self.rows
    }
}

fn hours(h: f64) -> String {
    let r = (h * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// The progress table, the quick entry and the chosen apprentice's plan and log.
pub fn show(ui: &mut egui::Ui, cx: &mut Cx, st: &mut StudioLogState) {
    let t = text(cx.lang);
    let rows = match st.progress.rows(cx) {
        Ok(rows) => rows.clone(),
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
    };
    ui.heading(t.progress_heading);
    progress_table(ui, cx, st, &rows, t);
    ui.add_space(6.0);
    quick_entry(ui, cx, st, &rows, t);
    let Some(chosen) = st
        .apprenticeship
        .and_then(|id| rows.iter().find(|r| r.apprenticeship.id.uuid() == id))
    else {
        return;
    };
    ui.add_space(6.0);
    plan_and_log(ui, cx, st, chosen, t);
}

fn progress_table(
    ui: &mut egui::Ui,
    cx: &mut Cx,
    st: &mut StudioLogState,
    rows: &[ApprenticeProgress],
    t: &StudioLogText,
) {
    egui::ScrollArea::vertical()
        .id_salt("studio-progress")
        .max_height(190.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("studio-progress-grid")
                .striped(true)
                .num_columns(t.columns.len())
                .spacing([14.0, 3.0])
                .show(ui, |ui| {
                    for c in t.columns {
                        ui.strong(c);
                    }
                    ui.end_row();
                    for r in rows {
                        let p = &r.progress;
                        let id = r.apprenticeship.id.uuid();
                        let chosen = st.apprenticeship == Some(id);
                        let ended = r.apprenticeship.record.status != ApprenticeshipStatus::Active;
                        let name = if ended {
                            format!(
                                "{}（{}）",
                                r.apprentice,
                                r.apprenticeship.record.status.label(cx.lang)
                            )
                        } else {
                            r.apprentice.clone()
                        };
                        if ui.selectable_label(chosen, name).clicked() {
                            choose(st, id, p.last_stage.map(|s| s.uuid()));
                        }
                        ui.label(&r.master);
                        ui.label(format!("{} / {}", p.stages_done, p.stages));
                        if p.overdue.is_empty() {
                            ui.label("0");
                        } else {
                            ui.colored_label(ui.visuals().warn_fg_color, p.overdue.len().to_string());
                        }
                        let share = if p.hours_planned > 0.0 {
                            (p.hours_logged / p.hours_planned).min(1.0) as f32
                        } else {
                            0.0
                        };
                        ui.add(egui::ProgressBar::new(share).desired_width(150.0).text(format!(
                            "{} / {}",
                            hours(p.hours_logged),
                            hours(p.hours_planned)
                        )));
                        match p.last_entry {
                            None => ui.weak(t.never),
                            Some(d) if p.quiet => ui
                                .colored_label(ui.visuals().warn_fg_color, format!("{d} · {}", t.quiet))
                                .on_hover_text(t.quiet),
                            Some(d) => ui.label(d.to_string()),
                        };
                        ui.label(p.unsigned.to_string());
                        ui.end_row();
                    }
                });
        });
}

/// Chooses the quick entry's apprenticeship (and the stage its latest entry was in).
fn choose(st: &mut StudioLogState, id: Uuid, stage: Option<Uuid>) {
    if st.apprenticeship != Some(id) {
        st.apprenticeship = Some(id);
        st.stage = stage;
        st.errors.clear();
    }
}

fn quick_entry(
    ui: &mut egui::Ui,
    cx: &mut Cx,
    st: &mut StudioLogState,
    rows: &[ApprenticeProgress],
    t: &StudioLogText,
) {
    let active: Vec<&ApprenticeProgress> = rows
        .iter()
        .filter(|r| r.apprenticeship.record.status == ApprenticeshipStatus::Active)
        .collect();
    if st.date.is_empty() {
        st.date = cx.today.0.to_string();
    }
    let stages: Vec<Stored<PlanStage>> = st
        .apprenticeship
        .and_then(|a| cx.store.plan_of(Id::from_uuid(a)).ok())
        .unwrap_or_default();
    ui.strong(t.quick_entry);
    ui.input(|i| {
        for e in &i.events {
            if let egui::Event::Ime(ime) = e {
                st.composing = matches!(ime, egui::ImeEvent::Preedit { text, .. } if !text.is_empty());
            }
        }
    });
    // Ctrl+Enter logs from anywhere on the screen, taken before a text field sees it
    // (not while an input method composes).
    let mut submit =
        !st.composing && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
    ui.horizontal_wrapped(|ui| {
        ui.label(t.apprentice);
        let current = st
            .apprenticeship
            .and_then(|id| rows.iter().find(|r| r.apprenticeship.id.uuid() == id))
            .map_or(t.choose_apprentice.to_string(), |r| r.apprentice.clone());
        let mut picked = None;
        egui::ComboBox::from_id_salt("quick-apprentice")
            .selected_text(current)
            .width(110.0)
            .show_ui(ui, |ui| {
                for r in &active {
                    let id = r.apprenticeship.id.uuid();
                    if ui
                        .selectable_label(st.apprenticeship == Some(id), &r.apprentice)
                        .clicked()
                    {
                        picked = Some((id, r.progress.last_stage.map(|s| s.uuid())));
                    }
                }
            });
        if let Some((id, stage)) = picked {
            choose(st, id, stage);
        }
        ui.label(t.stage);
        let stage_text = st
            .stage
            .and_then(|s| stages.iter().find(|x| x.id.uuid() == s))
            .map_or(t.no_stage_chosen.to_string(), |s| {
                format!("{} {}", s.record.seq, s.record.title)
            });
        egui::ComboBox::from_id_salt("quick-stage")
            .selected_text(stage_text)
            .width(150.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut st.stage, None, t.no_stage_chosen);
                for s in &stages {
                    ui.selectable_value(
                        &mut st.stage,
                        Some(s.id.uuid()),
                        format!("{} {}", s.record.seq, s.record.title),
                    );
                }
            });
        let l = ui.label(t.date);
        ui.add(
            egui::TextEdit::singleline(&mut st.date)
                .desired_width(86.0)
                .id_salt("quick-date"),
        )
        .labelled_by(l.id);
        let l = ui.label(t.hours);
        ui.add(
            egui::TextEdit::singleline(&mut st.hours)
                .desired_width(36.0)
                .id_salt("quick-hours"),
        )
        .labelled_by(l.id);
        let l = ui.label(t.content);
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut st.content)
                    .desired_width(260.0)
                    .id_salt("quick-content"),
            )
            .labelled_by(l.id);
        if std::mem::take(&mut st.focus_content) {
            r.request_focus();
        }
        // Enter in the text logs too (an input method's Enter commits its text and
        // leaves the field focused, so it logs nothing).
        if r.lost_focus() && !st.composing && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            submit = true;
        }
        if ui.button(t.add_entry).clicked() {
            submit = true;
        }
    });
    for (field, e) in &st.errors {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{}：{e}", crate::i18n::field_label("log_entry", field, cx.lang)),
        );
    }
    if submit {
        send_entry(cx, st);
    }
}

/// The quick entry as a command, or what is wrong with its fields (nothing sent).
fn send_entry(cx: &mut Cx, st: &mut StudioLogState) {
    let ui_t = cx.t;
    st.errors.clear();
    let Some(a) = st.apprenticeship else {
        st.errors.insert("apprenticeship", ui_t.required.to_string());
        return;
    };
    let date = crate::domain::text::parse_date_loose(&st.date);
    if date.is_none() {
        st.errors.insert("date", ui_t.bad_date.to_string());
    }
    let h = crate::domain::text::normalise(&st.hours)
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite());
    if h.is_none() {
        st.errors.insert("hours", ui_t.bad_number.to_string());
    }
    let (Some(date), Some(h)) = (date, h) else { return };
    cx.send(Command::AddLogEntry(Box::new(LogEntry {
        apprenticeship: Id::from_uuid(a),
        stage: st.stage.map(Id::from_uuid),
        date,
        hours: h,
        content: st.content.clone(),
        signed_by: None,
        signed_on: None,
    })));
}

fn plan_and_log(
    ui: &mut egui::Ui,
    cx: &mut Cx,
    st: &mut StudioLogState,
    chosen: &ApprenticeProgress,
    t: &StudioLogText,
) {
    let id = chosen.apprenticeship.id.uuid();
    ui.horizontal_wrapped(|ui| {
        ui.strong((t.plan_of)(&chosen.apprentice));
        if ui.button(t.plan_from_template).clicked() {
            cx.send(Command::PlanFromTemplate(id));
        }
        if ui.button(t.save_as_template).clicked() {
            cx.send(Command::SaveTemplate(id));
        }
        if chosen.progress.unsigned > 0 && ui.button((t.sign_off)(chosen.progress.unsigned)).clicked() {
            cx.send(Command::SignOffEntries(id));
        }
        if st.plan_file.is_empty() {
            st.plan_file = crate::files::documents_dir()
                .join(format!("培养计划-{}.pdf", chosen.apprentice))
                .display()
                .to_string();
        }
        ui.label(t.plan_file);
        ui.add(
            egui::TextEdit::singleline(&mut st.plan_file)
                .desired_width(220.0)
                .id_salt("plan-file"),
        );
        if ui.button(cx.t.browse).clicked() {
            super::dialog::browse(&mut st.plan_file, || {
                rfd::FileDialog::new()
                    .add_filter("PDF", &["pdf"])
                    .set_file_name(format!("培养计划-{}.pdf", chosen.apprentice))
                    .save_file()
            });
        }
        if ui.button(t.print_plan).clicked() {
            cx.send(Command::PrintPlan {
                apprenticeship: id,
                file: PathBuf::from(st.plan_file.trim()),
            });
        }
    });
    super::dialog::note(ui, cx.lang);
    register::table(
        ui,
        cx,
        RecordKind::PlanStage,
        &mut st.plan,
        Some(("apprenticeship", id)),
        150.0,
    );
    ui.strong((t.log_of)(&chosen.apprentice));
    register::table(
        ui,
        cx,
        RecordKind::LogEntry,
        &mut st.log,
        Some(("apprenticeship", id)),
        180.0,
    );
}

/// The studio's dashboard: its active apprentices' overdue plan stages.
pub fn overdue(ui: &mut egui::Ui, cx: &mut Cx, cache: &mut ProgressCache) {
    let t = text(cx.lang);
    let rows = match cache.rows(cx) {
        Ok(rows) => rows,
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
    };
    ui.heading(t.overdue_heading);
    let mut any = false;
    let mut open = None;
    for r in rows {
        for s in &r.progress.overdue {
            any = true;
            let line = (t.overdue_line)(
                &r.apprentice,
                s.record.seq,
                &s.record.title,
                &s.record.planned_end.to_string(),
            );
            if ui.link(line).clicked() {
                open = Some(s.id.uuid());
            }
        }
    }
    if !any {
        ui.weak(t.no_overdue);
    }
    if let Some(id) = open {
        cx.send(Command::Open {
            kind: RecordKind::PlanStage,
            id,
        });
    }
}
