//! The window's state and actions, below its screens: the open database, settings,
//! notifications, the one long job and the other tasks, and what each [`Command`] does to
//! them. Nothing here knows of a screen: the shell (`ui::shell`) owns the screens and the
//! open form, draws them, and applies each command by calling in here.
//!
//! A frame goes: the screens (`ui::*`) draw from the store and push [`Command`]s into
//! [`AppState::commands`]; after drawing, the shell applies them in order, through the
//! store, bumping the data version so screens reload what they cache, and reporting the
//! outcome as a notification. Long work (demo data, imports, packages, the annual return)
//! runs as a [`tasks::Task`] on its own thread with its own connection.

pub mod annual_return;
mod assessment;
mod attachments;
pub mod command;
mod exchange;
pub mod import;
mod indicators;
pub mod notify;
pub mod safety;
pub mod settings;
mod studio_log;
pub mod tasks;

use std::path::PathBuf;

pub use command::Command;
pub use settings::{Screen, Settings};

use crate::domain::org::Organisation;
use crate::domain::{Stored, Today};
use crate::i18n::Lang;
use crate::store::Store;

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

/// The window's state beneath its screens.
pub struct AppState {
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
    /// Long work in progress (demo data, an import, a package), with its progress bar.
    pub job: Option<tasks::Task<command::JobOutcome>>,
}

impl AppState {
    /// Opens the database the launch names (the per-user default when none) as its writer;
    /// why it could not be, is kept and shown instead of the screens.
    pub fn open(launch: Launch, settings: Settings) -> AppState {
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
        // Settings from before the question was asked: a name other than the computer's
        // account was given in 设置.
        let mut settings = settings;
        if settings.profile != crate::store::default_profile_name() {
            settings.profile_given = true;
        }
        let opener = tasks::Opener {
            path: path.clone(),
            profile: settings.profile.clone(),
            today: launch.today,
            read_only: false,
            check: None,
        };
        // The file check runs after the first frame (`start_file_check`, called by the
        // shell), with every write held until it passes: the first frame does not grow
        // with the file.
        let (store, open_problem) = safety::open_writer(&opener, true, settings.lang);
        let mut app = AppState {
            settings,
            opener,
            store,
            open_problem,
            safety: safety::SafetyState::default(),
            notes: notify::Notifications::default(),
            commands: Vec::new(),
            confirm_delete: None,
            confirm_replace: None,
            undo: Vec::new(),
            orgs: Vec::new(),
            data_version: 0,
            job: None,
        };
        app.tell_notices();
        app.reload_orgs();
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
