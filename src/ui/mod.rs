//! The screens. Each draws from the store (reads only) and pushes [`Command`]s; nothing
//! here writes. [`draw`] lays out the window: the organisation and year at the top, the
//! screens on the left, the open form on the right, notifications at the bottom.

pub mod annual_return;
pub mod backups;
pub mod dashboard;
pub mod exchange;
pub mod form;
pub mod import;
pub mod people;
pub mod region;
pub mod register;
pub mod screens;
pub mod settings;
pub mod welcome;
pub mod wrapped;

use uuid::Uuid;

use crate::app::{Command, Screen, SkillBaseApp};
use crate::domain::org::Organisation;
use crate::domain::{RecordKind, Stored, Today};
use crate::i18n::Lang;
use crate::i18n::ui::{UiText, text};
use crate::store::Store;

/// Each screen's own state, kept while the app runs.
#[derive(Default)]
pub struct Screens {
    pub registers: std::collections::HashMap<(RecordKind, &'static str), register::RegisterState>,
    pub people: people::PeopleState,
    pub dashboard: dashboard::DashboardState,
    pub cohorts: screens::CohortsState,
    pub studio: screens::StudioState,
    pub annual_return: annual_return::ReturnState,
    pub backups: backups::BackupsState,
    pub exchange: exchange::ExchangeState,
    pub region: region::RegionState,
    pub welcome: welcome::WelcomeState,
    pub settings: settings::SettingsState,
    pub import: import::ImportState,
    /// The export dialog, while open.
    pub export: Option<import::ExportDialog>,
    /// Ctrl+F was pressed: the screen's search box takes the keyboard.
    pub focus_search: bool,
}

impl Screens {
    /// The annual return screen is not making a return (tests wait for this).
    pub fn return_idle(&self) -> bool {
        self.annual_return.is_idle()
    }
}

/// What every screen may read, and where it sends its commands.
pub struct Cx<'a> {
    pub store: &'a Store,
    /// How background work opens its own connection.
    pub opener: &'a crate::app::tasks::Opener,
    pub lang: Lang,
    pub t: &'static UiText,
    /// The organisation chosen at the top.
    pub org: Option<&'a Stored<Organisation>>,
    pub orgs: &'a [Stored<Organisation>],
    pub year: i32,
    pub today: Today,
    /// Bumped on every write: reload what is cached when it changed.
    pub version: u64,
    pub commands: &'a mut Vec<Command>,
    pub focus_search: bool,
}

impl Cx<'_> {
    pub fn org_id(&self) -> Option<Uuid> {
        self.org.map(|o| o.id.uuid())
    }

    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }
}

/// The screen a register is kept on.
pub fn screen_of(kind: RecordKind) -> Option<Screen> {
    Some(match kind {
        RecordKind::Organisation => Screen::Organisations,
        RecordKind::Person | RecordKind::Qualification => Screen::People,
        RecordKind::CoursePackage => Screen::Packages,
        RecordKind::Cohort | RecordKind::Enrolment => Screen::Cohorts,
        RecordKind::Facility | RecordKind::FacilityOccupation | RecordKind::CapacityDeclaration => {
            Screen::Capacity
        }
        RecordKind::PublicService => Screen::PublicServices,
        RecordKind::Apprenticeship => Screen::Apprenticeships,
        RecordKind::Achievement => Screen::Achievements,
        RecordKind::Teacher | RecordKind::TeacherTraining => Screen::Teachers,
        RecordKind::Competition | RecordKind::Award => Screen::Honours,
        RecordKind::Fund => Screen::Funds,
    })
}

/// The register Ctrl+N makes a new record of on a screen.
pub fn main_kind(screen: Screen) -> Option<RecordKind> {
    Some(match screen {
        Screen::Organisations => RecordKind::Organisation,
        Screen::People => RecordKind::Person,
        Screen::Packages => RecordKind::CoursePackage,
        Screen::Cohorts => RecordKind::Cohort,
        Screen::Capacity => RecordKind::Facility,
        Screen::PublicServices => RecordKind::PublicService,
        Screen::Apprenticeships => RecordKind::Apprenticeship,
        Screen::Achievements => RecordKind::Achievement,
        Screen::Teachers => RecordKind::Teacher,
        Screen::Honours => RecordKind::Competition,
        Screen::Funds => RecordKind::Fund,
        Screen::Dashboard
        | Screen::AnnualReturn
        | Screen::Import
        | Screen::Exchange
        | Screen::Region
        | Screen::Backups
        | Screen::Settings => {
            return None;
        }
    })
}

/// The screen's name in the navigation bar.
pub fn screen_name(screen: Screen, t: &UiText) -> &'static str {
    match screen {
        Screen::Dashboard => t.nav_dashboard,
        Screen::Organisations => t.nav_organisations,
        Screen::People => t.nav_people,
        Screen::Packages => t.nav_packages,
        Screen::Cohorts => t.nav_cohorts,
        Screen::Capacity => t.nav_capacity,
        Screen::PublicServices => t.nav_public_services,
        Screen::Apprenticeships => t.nav_apprenticeships,
        Screen::Achievements => t.nav_achievements,
        Screen::Teachers => t.nav_teachers,
        Screen::Honours => t.nav_honours,
        Screen::Funds => t.nav_funds,
        Screen::AnnualReturn => t.nav_annual_return,
        Screen::Backups => t.nav_backups,
        Screen::Import => t.import.nav_import,
        Screen::Exchange => t.exchange.nav_exchange,
        Screen::Region => t.exchange.nav_region,
        Screen::Settings => t.nav_settings,
    }
}

/// Draws the whole window for one frame.
pub fn draw(app: &mut SkillBaseApp, ui: &mut egui::Ui) {
    let t = text(app.lang());
    shortcuts(app, ui.ctx());
    status_bar(app, ui, t);
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
    if app.is_empty() && !app.welcomed || app.job.is_some() && app.orgs.is_empty() {
        welcome::show(app, ui, t);
        modals(app, ui.ctx(), t);
        return;
    }
    top_bar(app, ui, t);
    nav(app, ui, t);
    let org_index = app.org().and_then(|o| app.orgs.iter().position(|x| x.id == o.id));
    let year = app.year();
    let today = app.today();
    let focus_search = std::mem::take(&mut app.screens.focus_search);
    let SkillBaseApp {
        store,
        opener,
        settings: app_settings,
        screens,
        commands,
        orgs,
        editor,
        data_version,
        job,
        ..
    } = app;
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
        Screen::Backups => backups::show(ui, &mut cx, &mut screens.backups),
        Screen::Import => import::show(ui, &mut cx, &mut screens.import, job.as_ref()),
        Screen::Exchange => exchange::show(ui, &mut cx, &mut screens.exchange, job.is_some()),
        Screen::Region => region::show(ui, &mut cx, &mut screens.region, job.is_some()),
        Screen::Settings => settings::show(ui, &mut cx, &mut screens.settings, app_settings),
        other => screens::show(ui, &mut cx, screens, other),
    });
    modals(app, ui.ctx(), t);
    import::export_modal(app, ui.ctx());
}

/// Ctrl+S save, Esc cancel, Ctrl+N new, Ctrl+F search. None of them while an input method
/// is composing: its keys are its own.
fn shortcuts(app: &mut SkillBaseApp, ctx: &egui::Context) {
    if app.ime_composing {
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
    if app.editor.is_some() {
        if save {
            app.commands.push(Command::Save);
        }
        if cancel {
            app.commands.push(Command::Cancel);
        }
    } else if cancel && app.confirm_delete.is_some() {
        app.confirm_delete = None;
    }
    if new && let Some(kind) = main_kind(app.settings.screen) {
        app.commands.push(Command::New {
            kind,
            preset: serde_json::Value::Null,
        });
    }
    if find {
        app.screens.focus_search = true;
    }
}

fn top_bar(app: &mut SkillBaseApp, ui: &mut egui::Ui, t: &UiText) {
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

fn nav(app: &mut SkillBaseApp, ui: &mut egui::Ui, t: &UiText) {
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
                            [ui.available_width(), 27.0],
                            egui::Button::selectable(selected, screen_name(screen, t)),
                        );
                        if r.clicked() {
                            app.commands.push(Command::Navigate(screen));
                        }
                    }
                });
        });
}

fn status_bar(app: &mut SkillBaseApp, ui: &mut egui::Ui, t: &UiText) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some(job) = &app.job {
                let (stage, f) = job.fraction();
                ui.spinner();
                ui.label(&job.title);
                ui.add(
                    egui::ProgressBar::new(f)
                        .desired_width(260.0)
                        .text(format!("{stage} {:.0}%", f * 100.0)),
                );
                ui.separator();
            }
            if let Some(note) = app.notes.toast().cloned() {
                let color = match note.level {
                    crate::app::notify::Level::Error => ui.visuals().error_fg_color,
                    crate::app::notify::Level::Success => egui::Color32::from_rgb(0x2e, 0x7d, 0x32),
                    crate::app::notify::Level::Info => ui.visuals().text_color(),
                };
                ui.colored_label(color, &note.text);
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
fn replace_modal(app: &mut SkillBaseApp, ctx: &egui::Context, t: &UiText) {
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
fn modals(app: &mut SkillBaseApp, ctx: &egui::Context, t: &UiText) {
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
