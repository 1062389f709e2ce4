//! The desktop app: the eframe [`App`](eframe::App), its state, and the one place where
//! user actions are applied ([`command`]).
//!
//! A frame goes: the screens (`ui::*`) draw from the store and push [`Command`]s; after
//! drawing, [`SkillBaseApp::apply_commands`] applies them through the store, bumps the data
//! version so screens reload what they cache, and reports the outcome as a notification.
//! Long work (demo data, the dashboard's figures, the annual return) runs as a
//! [`tasks::Task`] on its own thread with its own connection.

pub mod annual_return;
pub mod command;
mod exchange;
pub mod import;
pub mod notify;
pub mod safety;
pub mod settings;
pub mod tasks;

use std::path::PathBuf;

pub use command::Command;
pub use settings::{Screen, Settings};

use crate::domain::org::Organisation;
use crate::domain::{Stored, Today};
use crate::i18n::Lang;
use crate::store::Store;
use crate::ui;

/// How the app is started: which database, and (for tests) a fixed "today".
#[derive(Clone, Debug, Default)]
pub struct Launch {
    /// The database file; the per-user default when none.
    pub db: Option<PathBuf>,
    /// The language from `--lang`, overriding the saved setting.
    pub lang: Option<Lang>,
    /// The date validation is judged against (tests fix it).
    pub today: Option<Today>,
    /// Start from default settings instead of the saved ones (tests).
    pub fresh_settings: bool,
    /// A data package to import (`skillbase open FILE.sbpkg`, a double-click in the file
    /// manager): the window starts on 数据交换 with the file filled in and the passphrase
    /// asked for, as the screen asks it.
    pub package: Option<PathBuf>,
}

/// The window's icon: the application icon at 128 pixels.
static WINDOW_ICON: &[u8] = include_bytes!("../../assets/icons/skillbase-128.png");

/// Opens the window. Returns when it is closed.
pub fn run(launch: Launch) -> Result<(), String> {
    let lang = launch.lang.unwrap_or_else(|| Lang::detect(None));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("技能基地通 SkillBase")
        .with_inner_size([1280.0, 800.0])
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

/// The app's state.
pub struct SkillBaseApp {
    pub settings: Settings,
    /// How tasks open their own connection.
    pub opener: tasks::Opener,
    /// The open database, or why it could not be opened (shown instead of the screens).
    pub store: Result<Store, String>,
    /// What kind of problem kept the database from opening for writing, when one did.
    pub open_problem: Option<safety::OpenProblem>,
    /// Backups and restores of the window's own, beside the one long job.
    pub safety: safety::SafetyState,
    pub notes: notify::Notifications,
    /// Commands pushed by this frame's screens, applied after drawing.
    pub commands: Vec<Command>,
    /// The open form, if any (one at a time, on the right).
    pub editor: Option<ui::form::Editor>,
    /// A delete waiting for the user's confirmation.
    pub confirm_delete: Option<command::PendingDelete>,
    /// Files a command would replace, waiting for the user's answer.
    pub confirm_replace: Option<command::ReplaceQuestion>,
    /// This session's deletes, newest last, for Undo.
    pub undo: Vec<command::PendingDelete>,
    /// Every organisation, for the chooser at the top (reloaded on data changes).
    pub orgs: Vec<Stored<Organisation>>,
    /// Bumped after every write: screens reload what they cached.
    pub data_version: u64,
    /// Long work in progress (demo data, a return), with its progress bar.
    pub job: Option<tasks::Task<command::JobOutcome>>,
    /// Each screen's own state (selection, sort, cached rows).
    pub screens: ui::Screens,
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

    /// The app without eframe's storage (tests build it through kittest's eframe harness).
    pub fn with_settings(ctx: &egui::Context, launch: Launch, settings: Settings) -> SkillBaseApp {
        ctx.set_zoom_factor(settings.zoom.clamp(0.75, 2.0));
        let path = launch
            .db
            .clone()
            .or_else(|| {
                // The per-user data folder, made on first use: only this account may look
                // inside (0700 on Unix). A failure is named when the database is opened.
                let path = crate::store::default_db_path()?;
                let _ = crate::files::create_private_dir_all(&crate::files::folder_of(&path));
                Some(path)
            })
            .unwrap_or_else(|| PathBuf::from("skillbase.db"));
        let opener = tasks::Opener {
            path: path.clone(),
            profile: settings.profile.clone(),
            today: launch.today,
            read_only: false,
            check: None,
        };
        // The file check runs after the first frame (`start_file_check`), with every write
        // held until it passes: the first frame does not grow with the file.
        let (store, open_problem) = safety::open_writer(&opener, true, settings.lang);
        let mut app = SkillBaseApp {
            settings,
            opener,
            store,
            open_problem,
            safety: safety::SafetyState::default(),
            notes: notify::Notifications::default(),
            commands: Vec::new(),
            editor: None,
            confirm_delete: None,
            confirm_replace: None,
            undo: Vec::new(),
            orgs: Vec::new(),
            data_version: 0,
            job: None,
            screens: ui::Screens::default(),
            ime_composing: false,
            welcomed: false,
        };
        app.tell_notices();
        app.start_file_check(ctx);
        app.reload_orgs();
        if let Some(file) = launch.package {
            app.welcomed = true;
            app.settings.screen = Screen::Exchange;
            app.screens.exchange.open_package(&file);
        }
        app
    }

    /// The window's language.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// The year chosen at the top (this year until chosen).
    pub fn year(&self) -> i32 {
        use chrono::Datelike;
        self.settings.year.unwrap_or_else(|| self.today().0.year())
    }

    pub fn today(&self) -> Today {
        match &self.store {
            Ok(s) => s.today(),
            Err(_) => Today::now(),
        }
    }

    /// The organisation chosen at the top: the saved choice, else the first base (an
    /// organisation hosted by none), else the first.
    pub fn org(&self) -> Option<&Stored<Organisation>> {
        self.settings
            .org
            .and_then(|id| self.orgs.iter().find(|o| o.id.uuid() == id))
            .or_else(|| self.orgs.iter().find(|o| o.record.host.is_none()))
            .or_else(|| self.orgs.first())
    }

    /// Re-reads the organisations after a change.
    pub fn reload_orgs(&mut self) {
        if let Ok(store) = &self.store {
            match store.organisations() {
                Ok(orgs) => self.orgs = orgs,
                Err(e) => self.notes.error(crate::i18n::Localize::localize(&e, self.lang())),
            }
        }
    }

    /// Whether the database holds nothing yet (the greeting is shown).
    pub fn is_empty(&self) -> bool {
        self.orgs.is_empty()
            && match &self.store {
                Ok(s) => s.is_empty().unwrap_or(false),
                Err(_) => false,
            }
    }

    /// Something changed in the database: screens reload.
    pub fn changed(&mut self) {
        self.data_version += 1;
        self.reload_orgs();
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
        self.backup_on_exit();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.people = self.screens.people.query.clone();
        eframe::set_value(storage, settings::STORAGE_KEY, &self.settings);
    }
}

impl SkillBaseApp {
    /// One frame: draw every screen, then apply what they sent.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        self.watch_ime(ui.ctx());
        self.poll_job(ui.ctx());
        self.watch_safety(ui.ctx());
        ui::draw(self, ui);
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
