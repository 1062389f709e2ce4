//! The words of the indicator sets (the window's 指标集 screen and `skillbase
//! indicators`), filled once per language (`zh/indicators.rs`, `en/indicators.rs`).

use super::Lang;
use crate::report::figures::{Absent, Indicator};

/// Every sentence about indicator sets.
pub struct IndicatorsText {
    /// What the screen is for, under its heading.
    pub help: &'static str,
    /// How a set reaches the bases and studios.
    pub send_hint: &'static str,
    /// The built-in sets' heading, and what they are.
    pub built_in_heading: &'static str,
    pub built_in_note: &'static str,
    /// A set built in (not a record of the database), and one stored here.
    pub built_in: &'static str,
    pub stored: &'static str,
    /// The button that copies a built-in set into the database, and what it did (name).
    pub copy: &'static str,
    pub copied: fn(&str) -> String,
    /// The table of the sets in force: year, kind, tier, set.
    pub in_force_heading: &'static str,
    pub in_force_columns: [&'static str; 4],
    /// No set in force for that year, kind and tier.
    pub none_in_force: &'static str,
    /// A set's indicators: kind, tier, indicator, measured on, threshold, unit.
    pub indicator_columns: [&'static str; 6],
    /// A set's years in force (from, to or open-ended) and its document.
    pub years: fn(i32, Option<i32>) -> String,
    pub document: &'static str,
    /// The set a year is judged by (the dashboard's line under the indicators).
    pub judged_by: &'static str,
    pub attendance_floor: fn(f64) -> String,
    /// `indicators`: the sets heading, and the years shown for the table of sets in force.
    pub sets_heading: &'static str,
    /// `indicators`: no set at all (never: the built-in one is always there).
    pub no_sets: &'static str,
    /// A year-average's period: N years.
    pub period: fn(u32) -> String,
    /// Why an indicator has no value: no capacity declared, not recorded, not applicable.
    pub absent: fn(Absent) -> &'static str,
}

/// An indicator's value as the window and the terminal show it, or why there is none.
pub fn value(i: &Indicator, lang: Lang) -> String {
    i.value_number()
        .unwrap_or_else(|| i.absent.map_or("—", text(lang).absent).to_string())
}

pub fn text(lang: Lang) -> &'static IndicatorsText {
    match lang {
        Lang::Zh => &super::zh::indicators::TEXT,
        Lang::En => &super::en::indicators::TEXT,
    }
}
