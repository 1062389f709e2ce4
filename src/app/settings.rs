//! What the window remembers between runs (eframe keeps it beside its own window state,
//! which holds the window's size and position).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::store::PeopleQuery;

/// Declares [`Screen`] and [`Screen::ALL`] from one list, so that no screen can be left
/// out of the navigation bar or listed twice.
macro_rules! screens {
    ($($(#[$meta:meta])* $screen:ident,)*) => {
        /// The screens of the window, in the order of the navigation bar.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Screen {
            $($(#[$meta])* $screen,)*
        }

        impl Screen {
            /// Every screen, in the order of the navigation bar.
            pub const ALL: [Screen; [$(stringify!($screen)),*].len()] = [$(Screen::$screen),*];
        }
    };
}

screens! {
    /// 首页: this year's indicators against the targets.
    #[default]
    Dashboard,
    /// 组织: the base and its studios.
    Organisations,
    /// 人员: everyone in the registers.
    People,
    /// 培训包.
    Packages,
    /// 培训班次, with their enrolments.
    Cohorts,
    /// 实训能力: facilities, what they can train, declared capacity, utilisation.
    Capacity,
    /// 公共实训.
    PublicServices,
    /// 名师带徒.
    Apprenticeships,
    /// 成果.
    Achievements,
    /// 师资.
    Teachers,
    /// 竞赛与荣誉.
    Honours,
    /// 经费.
    Funds,
    /// 指标集: the region's indicator sets, which is in force.
    Indicators,
    /// 年度报表.
    AnnualReturn,
    /// 考核自评: the scoring sheet, self and expert scores.
    Assessment,
    /// 导入: the import wizard (Excel/CSV rosters).
    Import,
    /// 数据交换: data packages out and in.
    Exchange,
    /// 全区汇总: the reviewer's regional consolidation.
    Region,
    /// 备份: backups, restores, the audit trail.
    Backups,
    /// 设置.
    Settings,
}

/// The settings, saved when the window closes and every half minute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The window's language.
    pub lang: Lang,
    /// The name written into the audit trail with every change (e.g. the administrator's
    /// name); the computer's user name until set.
    pub profile: String,
    /// Whether the user gave the name (at first run or in 设置): until then the window
    /// asks for it.
    pub profile_given: bool,
    /// The screen shown when the window closed.
    pub screen: Screen,
    /// The organisation chosen at the top of the window.
    pub org: Option<uuid::Uuid>,
    /// The year chosen at the top of the window; this year until set.
    pub year: Option<i32>,
    /// The people screen's search, filters and order.
    pub people: PeopleQuery,
    /// Each register screen's search text, by register.
    pub searches: BTreeMap<String, String>,
    /// Text size, 1.0 normal (larger for older eyes and small laptop screens).
    pub zoom: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Zh,
            profile: crate::store::default_profile_name(),
            profile_given: false,
            screen: Screen::Dashboard,
            org: None,
            year: None,
            people: PeopleQuery::default(),
            searches: BTreeMap::new(),
            zoom: 1.0,
        }
    }
}

/// The key the settings are kept under in eframe's storage.
pub const STORAGE_KEY: &str = "skillbase-settings";
