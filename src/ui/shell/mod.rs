//! The window's shell, on top of the screens: [`SkillBaseApp`], the eframe
//! [`App`](eframe::App). It owns the app state beneath it ([`AppState`]: the store,
//! settings, notifications, the long job), every screen's state and the open form; each
//! frame it draws the panels and the screen chosen ([`panels`]) and then applies what they
//! sent ([`commands`]). Screens see only their context (`ui::Cx`); the app state knows
//! nothing of screens.

mod commands;
mod panels;

use crate::app::{AppState, Launch, Screen, Settings, settings};
use crate::i18n::Lang;

/// The window's icon: the application icon at 128 pixels.
static WINDOW_ICON: &[u8] = include_bytes!("../../../assets/icons/skillbase-128.png");

/// Opens the window. Returns when it is closed.
pub fn run(launch: Launch) -> Result<(), String> {
    let lang = launch.lang.unwrap_or_else(|| Lang::detect(None));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("技能基地通 SkillBase")
        // Fits a 1366×768 laptop screen with a task bar and a title bar; the last size is
        // kept from then on (eframe remembers the window).
        .with_inner_size([1240.0, 660.0])
        .with_min_inner_size([900.0, 600.0]);
    // The icon of the title bar and task bar (the desktop entry's icon, drawn from
    // assets/icons/skillbase.svg); without it the window simply has the default one.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "SkillBase",
        options,
        Box::new(move |cc| Ok(Box::new(SkillBaseApp::new(cc, launch)))),
    )
    .map_err(|e| (crate::i18n::ui::text(lang).cannot_open_window)(&e.to_string()))
}

/// The whole window.
pub struct SkillBaseApp {
    /// The state beneath the screens, and what applies commands to it.
    pub app: AppState,
    /// Each screen's own state (selection, sort, cached rows).
    pub screens: super::Screens,
    /// The open form, if any (one at a time, on the right).
    pub editor: Option<super::form::Editor>,
    /// An input method is composing (preedit shown): Esc and Enter belong to it.
    pub ime_composing: bool,
    /// Whether the empty-database greeting was dismissed (by creating an organisation).
    pub welcomed: bool,
}

impl SkillBaseApp {
    pub fn new(cc: &eframe::CreationContext<'_>, launch: Launch) -> SkillBaseApp {
        install_fonts(&cc.egui_ctx);
        let mut settings: Settings = if launch.fresh_settings {
            Settings::default()
        } else {
            cc.storage
                .and_then(|s| eframe::get_value(s, settings::STORAGE_KEY))
                .unwrap_or_default()
        };
        if let Some(lang) = launch.lang {
            settings.lang = lang;
        }
        SkillBaseApp::with_settings(&cc.egui_ctx, launch, settings)
    }

    /// The window without eframe's storage (the benchmark draws it headless).
    pub fn with_settings(ctx: &egui::Context, launch: Launch, settings: Settings) -> SkillBaseApp {
        ctx.set_zoom_factor(settings.zoom.clamp(0.75, 2.0));
        let package = launch.package.clone();
        let mut shell = SkillBaseApp {
            app: AppState::open(launch, settings),
            screens: super::Screens::default(),
            editor: None,
            ime_composing: false,
            welcomed: false,
        };
        shell.app.start_file_check(ctx);
        if let Some(file) = package {
            shell.welcomed = true;
            shell.app.settings.screen = Screen::Exchange;
            shell.screens.exchange.open_package(&file);
        }
        shell
    }

    /// One frame: collect finished work, draw every screen, then apply what they sent.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        self.watch_ime(ui.ctx());
        if let Some(outcome) = self.app.poll_job(ui.ctx()) {
            self.job_finished(outcome);
        }
        if self.app.restoring() {
            // No connection of the window may stay open while the file is replaced.
            self.screens.close_connections();
            self.editor = None;
        }
        if self.app.watch_safety(ui.ctx()) {
            // The database was replaced: the form's record may be another now.
            self.editor = None;
        }
        panels::draw(self, ui);
        self.apply_commands(ui.ctx());
    }

    /// Follows the input method: while it shows a preedit, keys such as Esc and Enter are
    /// the input method's, not the form's.
    fn watch_ime(&mut self, ctx: &egui::Context) {
        ctx.input(|i| {
            for event in &i.events {
                if let egui::Event::Ime(ime) = event {
                    self.ime_composing = match ime {
                        egui::ImeEvent::Preedit { text, .. } => !text.is_empty(),
                        _ => false,
                    };
                }
            }
        });
    }
}

/// egui has no CJK glyphs: the embedded Noto Sans CJK SC face is added after egui's own
/// fonts, so Latin text keeps egui's look and every Chinese character (rare name
/// characters such as 𠮷 and 䶮 included) falls back to it.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let mut data = egui::FontData::from_static(crate::fonts::NOTO_SANS_CJK);
    data.index = crate::fonts::FACE_SC as u32;
    fonts.font_data.insert("noto_sans_cjk_sc".to_owned(), data.into());
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("noto_sans_cjk_sc".to_owned());
    }
    ctx.set_fonts(fonts);
}

impl eframe::App for SkillBaseApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.app.backup_on_exit();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.settings.people = self.screens.people.query.clone();
        eframe::set_value(storage, settings::STORAGE_KEY, &self.app.settings);
    }
}
