//! The words of the studio master's log (plans, entries, progress), for the command line
//! and the window, filled once per language (`zh/studio_log.rs`, `en/studio_log.rs`).

use super::Lang;

/// Every sentence about the studio master's log.
pub struct StudioLogText {
    /// `log`: a required flag not given: the flag, what it expects.
    pub missing: fn(&str, &str) -> String,
    /// `log`: a flag's value that is not what it expects: flag, value, what it expects.
    pub not_valid: fn(&str, &str, &str) -> String,
    /// What `--apprenticeship`, `--date`, `--hours`, `--text` and `--stage` expect.
    pub apprenticeship_expected: &'static str,
    pub date_expected: &'static str,
    pub hours_expected: &'static str,
    pub text_expected: &'static str,
    pub stage_expected: &'static str,
    /// `--apprenticeship` names no live apprenticeship: the value.
    pub no_apprenticeship: fn(&str) -> String,
    /// `--stage N` is no stage of the apprenticeship's plan: N, the stages there are.
    pub no_stage: fn(u32, &[u32]) -> String,
    /// A value the entry's rules refused: flag, the field's label, the problem.
    pub refused: fn(&str, &str, &str) -> String,
    /// After the problems: nothing was written.
    pub nothing_written: &'static str,
    /// Done: apprentice, date, hours, stage (if any), the entry's id.
    pub logged: fn(&str, &str, f64, Option<u32>, &str) -> String,
    /// The studio view's progress columns: apprentice, master, stages done / all,
    /// overdue, hours logged / planned, last entry, unsigned.
    pub columns: [&'static str; 7],
    /// The studio view's heading of the progress table.
    pub progress_heading: &'static str,
    /// No entry yet.
    pub never: &'static str,
    /// A quiet apprenticeship's mark (no entry for three months).
    pub quiet: &'static str,
    /// The dashboard's heading of the overdue stages, and its line per stage: apprentice,
    /// stage no., title, planned end.
    pub overdue_heading: &'static str,
    pub overdue_line: fn(&str, u32, &str, &str) -> String,
    pub no_overdue: &'static str,
    /// The quick entry form.
    pub quick_entry: &'static str,
    pub apprentice: &'static str,
    pub stage: &'static str,
    pub no_stage_chosen: &'static str,
    pub date: &'static str,
    pub hours: &'static str,
    pub content: &'static str,
    pub add_entry: &'static str,
    /// An entry saved: apprentice, date, hours.
    pub entry_saved: fn(&str, &str, f64) -> String,
    /// The plan's buttons and what they did.
    pub plan_from_template: &'static str,
    pub save_as_template: &'static str,
    pub print_plan: &'static str,
    pub plan_made: fn(usize) -> String,
    pub already_planned: fn(usize) -> String,
    pub no_template: &'static str,
    pub template_saved: fn(usize) -> String,
    pub plan_printed: fn(&std::path::Path) -> String,
    /// The master's sign-off of the entries not yet signed: the button (how many), done.
    pub sign_off: fn(u32) -> String,
    pub signed_off: fn(usize) -> String,
    /// The selected apprentice's plan and log headings (the apprentice's name).
    pub plan_of: fn(&str) -> String,
    pub log_of: fn(&str) -> String,
    /// Where the plan's PDF is written.
    pub plan_file: &'static str,
    pub choose_apprentice: &'static str,
}

pub fn text(lang: Lang) -> &'static StudioLogText {
    match lang {
        Lang::Zh => &super::zh::studio_log::TEXT,
        Lang::En => &super::en::studio_log::TEXT,
    }
}
