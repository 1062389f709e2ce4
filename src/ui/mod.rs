//! The screens, and the shell that holds them. Each screen draws from the store (reads
//! only) through its context [`Cx`] and pushes [`Command`]s; nothing here writes. The
//! [`shell`] lays out the window (the organisation and year at the top, the screens on the
//! left, the open form on the right, notifications at the bottom) and applies the
//! commands through the app state beneath (`crate::app`).

pub mod annual_return;
pub mod assessment;
pub mod attachments;
pub mod backups;
pub mod dashboard;
pub mod dialog;
pub mod exchange;
pub mod form;
pub mod import;
pub mod indicators;
pub mod palette;
pub mod people;
pub mod region;
pub mod register;
pub mod screens;
pub mod settings;
pub mod shell;
pub mod studio_log;
pub mod welcome;
pub mod wrapped;

use uuid::Uuid;

use crate::app::{Command, Screen};
use crate::domain::org::Organisation;
use crate::domain::{RecordKind, Stored, Today};
use crate::i18n::Lang;
use crate::i18n::ui::UiText;
use crate::store::Store;

pub use shell::SkillBaseApp;

/// Each screen's own state, kept while the app runs.
#[derive(Default)]
pub struct Screens {
    pub registers: std::collections::HashMap<(RecordKind, &'static str), register::RegisterState>,
    pub people: people::PeopleState,
    pub dashboard: dashboard::DashboardState,
    pub cohorts: screens::CohortsState,
    pub studio: screens::StudioState,
    pub studio_log: studio_log::StudioLogState,
    pub annual_return: annual_return::ReturnState,
    pub assessment: assessment::AssessmentState,
    pub backups: backups::BackupsState,
    pub exchange: exchange::ExchangeState,
    pub region: region::RegionState,
    pub welcome: welcome::WelcomeState,
    pub settings: settings::SettingsState,
    pub import: import::ImportState,
    pub indicators: indicators::IndicatorsState,
    /// The export dialog, while open.
    pub export: Option<import::ExportDialog>,
    /// Ctrl+F was pressed: the screen's search box takes the keyboard.
    pub focus_search: bool,
    /// The operator's name being typed where the window asks for it.
    pub operator: OperatorQuestion,
}

/// The question for the operator's name (until it is given).
#[derive(Default)]
pub struct OperatorQuestion {
    pub name: String,
    /// "Later": not asked again until the next start.
    pub later: bool,
}

impl Screens {
    /// The annual return screen is not making a return (tests wait for this).
    pub fn return_idle(&self) -> bool {
        self.annual_return.is_idle()
    }

    /// Lets go of the screens' long-lived connections (the people list's reader thread)
    /// while a restore replaces the file; each screen opens its own again when next
    /// drawn. The screens' one-off tasks close theirs when they end.
    pub fn close_connections(&mut self) {
        self.people.close_worker();
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
        RecordKind::Apprenticeship
        | RecordKind::StageTemplate
        | RecordKind::PlanStage
        | RecordKind::LogEntry => Screen::Apprenticeships,
        RecordKind::Achievement => Screen::Achievements,
        RecordKind::Teacher | RecordKind::TeacherTraining => Screen::Teachers,
        RecordKind::Competition | RecordKind::Award => Screen::Honours,
        RecordKind::Fund => Screen::Funds,
        RecordKind::IndicatorSet | RecordKind::Indicator => Screen::Indicators,
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
        Screen::Indicators => RecordKind::IndicatorSet,
        Screen::Dashboard
        | Screen::AnnualReturn
        | Screen::Assessment
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
        Screen::Indicators => t.nav_indicators,
        Screen::AnnualReturn => t.nav_annual_return,
        Screen::Assessment => t.nav_assessment,
        Screen::Backups => t.nav_backups,
        Screen::Import => t.import.nav_import,
        Screen::Exchange => t.exchange.nav_exchange,
        Screen::Region => t.exchange.nav_region,
        Screen::Settings => t.nav_settings,
    }
}

/// A placeholder as a hint, not a value: italic, in the weak colour egui gives hints.
pub fn hint(text: &str) -> egui::RichText {
    egui::RichText::new(text).italics()
}
