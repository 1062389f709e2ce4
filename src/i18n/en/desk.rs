//! The window at the desk: asking before discarding a form's changes, the operator's
//! name, hints, opening saved files.

use crate::i18n::desk::DeskText;

pub static TEXT: DeskText = DeskText {
    discard_question: "This form has changes that are not saved. Discard them? (Esc again also discards.)",
    discard: "Discard changes",
    keep_editing: "Keep editing",
    operator_question: "Please give the operator's name; every addition, change and deletion records it:",
    operator_hint: "Your name",
    operator_set: "OK",
    later: "Later",
    high_skill: "Level 3 and above (high-skill)",
    grade_and_above: |g| format!("{g} and above"),
    highest_grade_is: |g| format!("Highest grade: {g}"),
    units: &[
        ("人", "people"),
        ("人次", "person-times"),
        ("个", ""),
        ("项", ""),
        ("次", "times"),
        ("元", "yuan"),
    ],
    own_record_counts: "This organisation's records per register",
    young_backbones_title: "Young skill backbones trained, last five years",
    young_backbones_columns: &["Year", "Young skill backbones", "Target", "Status"],
    hosted_studio_apprenticeships: |name, n| {
        format!("The studio \u{201c}{name}\u{201d} hosted by this base keeps {n} apprenticeship(s).")
    },
    show_studio: "Show that studio",
    all_rules: "All rules",
    all_registers: "All registers",
    errors_only: "Errors only",
    findings_shown: |n, all| format!("{n} of {all} shown (errors first)"),
    no_file_dialog: "No file dialog can open on this computer (no desktop portal): type the full path in the box.",
    open_file: "Open file",
    open_folder: "Open folder",
    cannot_open_file: |path, why| format!("Cannot open {path}: {why}. Please open it from the file manager."),
    people_not_enrolled: |n| {
        format!(
            "The {n} people added are in no cohort and count in no annual figure. If this is a training roster, import it as a roster of enrolments."
        )
    },
    import_as_enrolments: "Import this file as a training roster",
    service_totals: |n, times, hours| format!("Total: {n} service(s), {times} person-times, {hours} hours"),
    utilisation_five_years: "Use of training capacity, last five years",
    return_folder: |year| format!("annual-return-{year}"),
    findings_file: |year| format!("findings-{year}.xlsx"),
    template_file: |kind| format!("import-template-{kind}.xlsx"),
};
