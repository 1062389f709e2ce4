//! The words of the window at the desk (issue 16): asking before a form's changes are
//! discarded, the operator's name, hints, opening saved files, the roster-as-people
//! note. One struct, filled once per language (`zh/desk.rs`, `en/desk.rs`).

use super::Lang;

/// Sentences the window's forms, lists and file steps show.
pub struct DeskText {
    pub discard_question: &'static str,
    pub discard: &'static str,
    pub keep_editing: &'static str,
    pub operator_question: &'static str,
    pub operator_hint: &'static str,
    pub operator_set: &'static str,
    pub later: &'static str,
    /// The people list's grade filter: every high-skill talent (三级及以上).
    pub high_skill: &'static str,
    pub grade_and_above: fn(&str) -> String,
    pub highest_grade_is: fn(&str) -> String,
    /// A figure's unit as the return writes it (人, 人次) in the window's language.
    pub units: &'static [(&'static str, &'static str)],
    pub own_record_counts: &'static str,
    pub young_backbones_title: &'static str,
    pub young_backbones_columns: &'static [&'static str],
    pub hosted_studio_apprenticeships: fn(&str, usize) -> String,
    pub show_studio: &'static str,
    pub all_rules: &'static str,
    pub all_registers: &'static str,
    pub errors_only: &'static str,
    pub findings_shown: fn(usize, usize) -> String,
    pub no_file_dialog: &'static str,
    pub open_file: &'static str,
    pub open_folder: &'static str,
    pub cannot_open_file: fn(&str, &str) -> String,
    pub people_not_enrolled: fn(u64) -> String,
    pub import_as_enrolments: &'static str,
    /// Under the public training table: (services, person-times, hours).
    pub service_totals: fn(&str, &str, &str) -> String,
    pub utilisation_five_years: &'static str,
    /// The folder a year's return is saved in by default.
    pub return_folder: fn(i32) -> String,
    /// The findings' workbook, saved beside the return.
    pub findings_file: fn(i32) -> String,
    /// An import template's file name, by the roster it is for.
    pub template_file: fn(&str) -> String,
}

impl DeskText {
    /// A unit of the return's figures in the window's language (itself when the language
    /// is the return's).
    pub fn unit<'a>(&self, unit: &'a str) -> &'a str {
        self.units
            .iter()
            .find(|(zh, _)| *zh == unit)
            .map_or(unit, |(_, shown)| shown)
    }
}

/// The words in a language.
pub fn text(lang: Lang) -> &'static DeskText {
    match lang {
        Lang::Zh => &super::zh::desk::TEXT,
        Lang::En => &super::en::desk::TEXT,
    }
}
