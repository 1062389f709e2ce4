//! The panels of the window: the organisation and year at the top, the screens on the
//! left, the status bar (progress, the newest notification, Undo) at the bottom, the open
//! form on the right, the chosen screen in the middle; the shortcuts and the questions
//! asked over the window (delete, replace files, export).

use super::SkillBaseApp;
use crate::app::{AppState, Command, Screen};
use crate::i18n::ui::{UiText, text};
use crate::ui::palette;
use crate::ui::{
    Cx, annual_return, backups, dashboard, exchange, import, main_kind, people, region, screen_name, screens,
    settings, welcome,
};

/// Draws the whole window for one frame.
pub(super) fn draw(shell: &mut SkillBaseApp, ui: &mut egui::Ui) {
    let t = text(shell.app.lang());
    shortcuts(shell, ui.ctx());
    status_bar(&mut shell.app, ui, t);
    operator_bar(shell, ui);
    let app = &mut shell.app;
    if let Some(task) = &app.safety.restore {
        egui::CentralPanel::default().show(ui, |ui| holding(ui, task, app.lang()));
        return;
    }
    if let Err(message) = &app.store {
        let s = crate::i18n::safety::text(app.lang());
        let busy = app.safety.restore.is_some();
        let command = egui::CentralPanel::default()
            .show(ui, |ui| {
                backups::cannot_open(
                    ui,
                    t,
                    s,
                    &app.opener.path,
                    message,
                    app.open_problem.as_ref(),
                    busy,
                )
            })
            .inner;
        app.commands.extend(command);
        return;
    }
    if app.is_empty() && !shell.welcomed || app.job.is_some() && app.orgs.is_empty() {
        welcome::show(shell, ui, t);
        modals(&mut shell.app, ui.ctx(), t);
        return;
    }
    top_bar(app, ui, t);
    nav(app, ui, t);
    let org_index = app.org().and_then(|o| app.orgs.iter().position(|x| x.id == o.id));
    let year = app.year();
    let today = app.today();
    let focus_search = std::mem::take(&mut shell.screens.focus_search);
    let SkillBaseApp {
        app:
            AppState {
                store,
                opener,
                settings: app_settings,
                commands,
                orgs,
                data_version,
                job,
                safety,
                ..
            },
        screens,
        editor,
        ..
    } = shell;
    let Ok(store) = store else { return };
    let mut cx = Cx {
        store,
        opener,
        lang: app_settings.lang,
        t,
        org: org_index.map(|i| &orgs[i]),
        orgs,
        year,
        today,
        version: *data_version,
        commands,
        focus_search,
    };
    if let Some(editor) = editor {
        egui::Panel::right("form")
            .resizable(true)
            .default_size(440.0)
            .min_size(380.0)
            .show(ui, |ui| {
                let org = cx.org_id();
                editor.ui(ui, cx.store, org, cx.commands);
            });
    }
    egui::CentralPanel::default().show(ui, |ui| match app_settings.screen {
        Screen::Dashboard => dashboard::show(ui, &mut cx, &mut screens.dashboard, job.is_some()),
        Screen::People => people::show(ui, &mut cx, &mut screens.people),
        Screen::AnnualReturn => annual_return::show(ui, &mut cx, &mut screens.annual_return),
        Screen::Assessment => super::super::assessment::show(ui, &mut cx, &mut screens.assessment),
        Screen::Backups => backups::show(ui, &mut cx, &mut screens.backups, safety.backups_changed),
        Screen::Import => import::show(ui, &mut cx, &mut screens.import, job.as_ref()),
        Screen::Exchange => exchange::show(ui, &mut cx, &mut screens.exchange, job.is_some()),
        Screen::Region => region::show(ui, &mut cx, &mut screens.region, job.is_some()),
        Screen::Settings => settings::show(ui, &mut cx, &mut screens.settings, app_settings),
        other => screens::show(ui, &mut cx, screens, other),
    });
    modals(&mut shell.app, ui.ctx(), t);
    import::export_modal(shell, ui.ctx());
}

/// What shows instead of the screens while a restore replaces the database: its stage
/// and progress (the screens would read a file being replaced).
fn holding<T: Send + 'static>(ui: &mut egui::Ui, task: &crate::app::tasks::Task<T>, lang: crate::i18n::Lang) {
    let r = crate::i18n::restore::text(lang);
    let (stage, f) = task.fraction();
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        ui.heading(r.holding_title);
        ui.add_space(8.0);
        ui.label(r.holding_help);
        ui.add_space(12.0);
        ui.spinner();
        ui.add(
            egui::ProgressBar::new(f)
                .desired_width(360.0)
                .text(crate::i18n::restore::stage(&stage, lang)),
        );
    });
}

/// Ctrl+S save, Esc cancel, Ctrl+N new, Ctrl+F search. None of them while an input method
/// is composing: its keys are its own.
fn shortcuts(shell: &mut SkillBaseApp, ctx: &egui::Context) {
    if shell.ime_composing {
        return;
    }
    let (save, cancel, new, find) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::COMMAND, egui::Key::S),
            i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
            i.consume_key(egui::Modifiers::COMMAND, egui::Key::N),
            i.consume_key(egui::Modifiers::COMMAND, egui::Key::F),
        )
    });
    if shell.editor.is_some() {
        if save {
            shell.app.commands.push(Command::Save);
        }
        if cancel {
            shell.app.commands.push(Command::Cancel);
        }
    } else if cancel && shell.app.confirm_delete.is_some() {
        shell.app.confirm_delete = None;
    }
    if new && let Some(kind) = main_kind(shell.app.settings.screen) {
        shell.app.commands.push(Command::New {
            kind,
            preset: serde_json::Value::Null,
        });
    }
    if find {
        shell.screens.focus_search = true;
    }
}

/// Until the operator's name is given, a line asks for it (at first run and at every
/// start until then): the audit trail records it with every change.
fn operator_bar(shell: &mut SkillBaseApp, ui: &mut egui::Ui) {
    let app = &mut shell.app;
    if app.settings.profile_given || shell.screens.operator.later || app.store.is_err() {
        return;
    }
    let d = crate::i18n::desk::text(app.lang());
    let name = &mut shell.screens.operator.name;
    egui::Panel::top("operator").show(ui, |ui| {
        ui.horizontal(|ui| {
            let label = ui
                .colored_label(ui.visuals().warn_fg_color, d.operator_question)
                .id;
            let r = ui
                .add(
                    egui::TextEdit::singleline(name)
                        .hint_text(crate::ui::hint(d.operator_hint))
                        .desired_width(160.0)
                        .id_salt("operator-name"),
                )
                .labelled_by(label);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ok = ui.add_enabled(!name.trim().is_empty(), egui::Button::new(d.operator_set));
            if (ok.clicked() || enter) && !name.trim().is_empty() {
                app.commands.push(Command::SetProfile(name.trim().to_string()));
            }
            if ui.button(d.later).clicked() {
                shell.screens.operator.later = true;
            }
        });
    });
}

fn top_bar(app: &mut AppState, ui: &mut egui::Ui, t: &UiText) {
    egui::Panel::top("top").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(t.app_name);
            ui.separator();
            let org_label = ui.label(t.organisation).id;
            let current = app.org().map(|o| o.record.name.clone()).unwrap_or_default();
            let mut chosen = None;
            let combo = egui::ComboBox::from_id_salt("org")
                .selected_text(current)
                .width(300.0)
                .show_ui(ui, |ui| {
                    for o in &app.orgs {
                        let indent = if o.record.host.is_some() { "　" } else { "" };
                        if ui
                            .selectable_label(false, format!("{indent}{}", o.record.name))
                            .clicked()
                        {
                            chosen = Some(o.id.uuid());
                        }
                    }
                });
            combo.response.labelled_by(org_label);
            if let Some(id) = chosen {
                app.commands.push(Command::SelectOrg(id));
            }
            ui.separator();
            let year_label = ui.label(t.year).id;
            let mut year = app.year();
            let this_year = {
                use chrono::Datelike;
                app.today().0.year()
            };
            if ui
                .add(
                    egui::DragValue::new(&mut year)
                        .range(2015..=this_year + 1)
                        .speed(0.1),
                )
                .labelled_by(year_label)
                .changed()
            {
                app.commands.push(Command::SetYear(year));
            }
            if matches!(&app.store, Ok(s) if s.is_read_only()) {
                ui.separator();
                let s = crate::i18n::safety::text(app.lang());
                ui.colored_label(ui.visuals().warn_fg_color, s.read_only_banner)
                    .on_hover_text(app.safety.read_only_holder.clone().unwrap_or_default());
            }
        });
    });
}

fn nav(app: &mut AppState, ui: &mut egui::Ui, t: &UiText) {
    egui::Panel::left("nav")
        .resizable(false)
        .exact_size(150.0)
        .show(ui, |ui| {
            // Scrolls when the window is too low for every screen (the smallest window).
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    for screen in Screen::ALL {
                        // The registers, then the year's work and exchange, then the keeping.
                        if matches!(screen, Screen::AnnualReturn | Screen::Backups) {
                            ui.separator();
                        }
                        let selected = app.settings.screen == screen;
                        let r = ui.add_sized(
                            [ui.available_width(), 24.0],
                            egui::Button::selectable(selected, screen_name(screen, t)),
                        );
                        if r.clicked() {
                            app.commands.push(Command::Navigate(screen));
                        }
                    }
                });
        });
}

fn status_bar(app: &mut AppState, ui: &mut egui::Ui, t: &UiText) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some(job) = &app.job {
                let (stage, f) = job.fraction();
                ui.spinner();
                ui.label(&job.title);
                ui.add(egui::ProgressBar::new(f).desired_width(260.0).text(format!(
                    "{} {:.0}%",
                    crate::i18n::restore::stage(&stage, app.lang()),
                    f * 100.0
                )));
                ui.separator();
            }
            if let Some(note) = app.notes.toast().cloned() {
                let color = match note.level {
                    crate::app::notify::Level::Error => ui.visuals().error_fg_color,
                    crate::app::notify::Level::Success => palette::GOOD,
                    crate::app::notify::Level::Info => ui.visuals().text_color(),
                };
                ui.colored_label(color, &note.text);
                // A file just saved: open it (the system's viewer prints a PDF) or its folder.
                if let Some(file) = &note.file {
                    let d = crate::i18n::desk::text(app.lang());
                    let target = if ui.small_button(d.open_file).clicked() {
                        Some(file.clone())
                    } else if ui.small_button(d.open_folder).clicked() {
                        Some(crate::files::folder_of(file))
                    } else {
                        None
                    };
                    if let Some(target) = target
                        && let Err(e) = crate::files::open_with_system(&target)
                    {
                        app.notes.error((d.cannot_open_file)(
                            &target.display().to_string(),
                            &crate::i18n::io_error(&e, app.lang()),
                        ));
                    }
                }
                if !app.undo.is_empty() && ui.small_button(t.undo).clicked() {
                    app.commands.push(Command::Undo);
                }
                if ui.small_button("×").clicked() {
                    app.notes.dismiss();
                }
                ui.ctx().request_repaint_after(std::time::Duration::from_secs(1));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak(app.opener.path.display().to_string());
                let count = app.notes.all().len();
                if count > 0 {
                    ui.menu_button(format!("{} ({count})", t.notifications), |ui| {
                        egui::ScrollArea::vertical().max_height(400.0).show(ui, |ui| {
                            for n in app.notes.all().iter().rev() {
                                ui.label(format!("{}  {}", n.at.format("%H:%M:%S"), n.text));
                            }
                        });
                    });
                }
            });
        });
    });
}

/// The question before replacing files that exist: the command goes on only if the
/// user says so.
fn replace_modal(app: &mut AppState, ctx: &egui::Context, t: &UiText) {
    let Some(question) = app.confirm_replace.clone() else {
        return;
    };
    let files: Vec<String> = question.files.iter().map(|f| f.display().to_string()).collect();
    let r = egui::Modal::new(egui::Id::unique("confirm-replace")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading(t.replace_title);
        ui.label((t.replace_question)(&files.join("\n")));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(t.replace).clicked() {
                app.commands
                    .push(Command::Replacing(Box::new(question.command.clone())));
                app.confirm_replace = None;
            }
            if ui.button(t.cancel).clicked() {
                app.confirm_replace = None;
            }
        });
    });
    if r.should_close() {
        app.confirm_replace = None;
    }
}

/// The delete confirmation, and the question before replacing files.
fn modals(app: &mut AppState, ctx: &egui::Context, t: &UiText) {
    replace_modal(app, ctx, t);
    let Some(pending) = app.confirm_delete.clone() else {
        return;
    };
    let lang = app.lang();
    let r = egui::Modal::new(egui::Id::unique("confirm-delete")).show(ctx, |ui| {
        ui.set_width(380.0);
        ui.heading(t.confirm_delete_title);
        ui.label((t.confirm_delete)(
            crate::i18n::Labelled::label(&pending.kind, lang),
            &pending.name,
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(t.delete).clicked() {
                app.commands.push(Command::Delete {
                    kind: pending.kind,
                    id: pending.id,
                    name: pending.name.clone(),
                });
            }
            if ui.button(t.cancel).clicked() {
                app.confirm_delete = None;
            }
        });
    });
    if r.should_close() {
        app.confirm_delete = None;
    }
}
