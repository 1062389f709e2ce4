//! The studio master's log (plans, entries, progress) in English.

use crate::i18n::studio_log::StudioLogText;

pub static TEXT: StudioLogText = StudioLogText {
    missing: |flag: &str, expected: &str| format!("{flag} is missing: expected {expected}"),
    not_valid: |flag: &str, value: &str, expected: &str| {
        format!(
            "{flag} \"{}\" is not valid: expected {expected}",
            crate::i18n::shown::value(value, crate::i18n::Lang::En)
        )
    },
    apprenticeship_expected: "an apprenticeship's record id (copy it under Apprenticeships, or export them with skillbase export --kind apprenticeships)",
    date_expected: "a date such as 2025-03-01",
    hours_expected: "hours more than 0 and at most 24, such as 4 or 2.5",
    text_expected: "what was taught (not empty)",
    stage_expected: "a stage number of the plan, such as 1",
    no_apprenticeship: |value: &str| {
        format!(
            "--apprenticeship: no apprenticeship has the id \"{}\" (or it is deleted)",
            crate::i18n::shown::value(value, crate::i18n::Lang::En)
        )
    },
    no_stage: |n: u32, have: &[u32]| {
        if have.is_empty() {
            format!(
                "--stage: this apprenticeship has no plan yet, so no stage {n}; make its plan from the template under Apprenticeships, or leave --stage out"
            )
        } else {
            let list: Vec<String> = have.iter().map(|s| s.to_string()).collect();
            format!(
                "--stage: this apprenticeship's plan has no stage {n} (its stages: {})",
                list.join(", ")
            )
        }
    },
    refused: |flag: &str, label: &str, problem: &str| format!("{flag} ({label}): {problem}"),
    nothing_written: "Nothing was written.",
    logged: |who: &str, date: &str, hours: f64, stage: Option<u32>, id: &str| match stage {
        Some(n) => format!("Logged: {who} {date} {hours} hours, stage {n} (record id {id})"),
        None => format!("Logged: {who} {date} {hours} hours (record id {id})"),
    },
    columns: [
        "Apprentice",
        "Master",
        "Stages done",
        "Overdue",
        "Hours (logged/planned)",
        "Last entry",
        "Unsigned",
    ],
    progress_heading: "Progress",
    never: "no entry yet",
    quiet: "no entry for 3 months",
    overdue_heading: "Overdue plan stages",
    overdue_line: |who: &str, n: u32, title: &str, end: &str| {
        format!("{who}: stage {n} \"{title}\", planned to end {end}")
    },
    no_overdue: "No plan stage is overdue.",
    quick_entry: "Quick entry",
    apprentice: "Apprentice",
    stage: "Stage",
    no_stage_chosen: "(no stage)",
    date: "Date",
    hours: "Hours",
    content: "What was taught",
    add_entry: "Log it (Ctrl+Enter)",
    entry_saved: |who: &str, date: &str, hours: f64| format!("Logged: {who} {date} {hours} hours"),
    plan_from_template: "Plan from template",
    save_as_template: "Save as the occupation's template",
    print_plan: "Print the plan (agreement annex)",
    plan_made: |n: usize| format!("Made the plan from the template: {n} stages"),
    already_planned: |n: usize| {
        format!("This apprenticeship has a plan of {n} stages already; left as it is")
    },
    no_template: "The studio has no plan template for this occupation yet: enter one apprentice's stages, then save them as the occupation's template",
    template_saved: |n: usize| format!("Saved {n} stages as the occupation's plan template"),
    sign_off: |n: u32| format!("Master's sign-off ({n} unsigned)"),
    signed_off: |n: usize| format!("Signed off {n} log entries"),
    plan_of: |who: &str| format!("{who}'s plan"),
    log_of: |who: &str| format!("{who}'s log"),
    plan_file: "Save the plan as",
    choose_apprentice: "Choose an apprentice",
    plan_printed: |p: &std::path::Path| format!("The plan was saved as {}", p.display()),
};
