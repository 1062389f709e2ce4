//! The scoring sheet in English.

use crate::i18n::assessment::AssessmentText;

pub static TEXT: AssessmentText = AssessmentText {
    no_scheme: |key: &str, have: &[String]| {
        format!(
            "--scheme: no scoring scheme with the key \"{}\"; there are: {}",
            crate::i18n::shown::value(key, crate::i18n::Lang::En),
            have.join(", ")
        )
    },
    wrong_kind: |scheme: &str, org: &str| {
        format!("The scheme \"{scheme}\" is not for an organisation like \"{org}\"")
    },
    year_outside: |year, first, last, org| {
        format!(
            "--year {year}: \"{org}\" can be assessed for the years {first} to {last} (from its approval to this year); nothing was written"
        )
    },
    done: |org, year, dir, total, band, missing, files, code, secs| {
        format!(
            "Made the {year} self-assessment of {org}: {} (assessment.pdf, assessment.json, assessment.xlsx)\n  self score {total}, {band}; sub-items without evidence: {missing}; evidence files: {files}; verification code {code}; {secs:.1} s",
            dir.display()
        )
    },
    copied: |n, dir| format!("  Copied {n} evidence files into {}", dir.display()),
    unreadable_evidence: |name, sha| {
        format!(
            "The evidence file \"{name}\" (SHA-256 {sha}) cannot be read from the database; nothing was written"
        )
    },
    score_out_of_range: |item, points| {
        format!("The score of \"{item}\" must be between 0 and {points}, with at most one decimal")
    },
    heading: "Self-assessment",
    columns: [
        "Sub-item",
        "Points",
        "Records say",
        "By the records",
        "Self score",
        "Counted",
        "Expert score",
        "Evidence",
        "Note",
    ],
    no_evidence: "No evidence: counts 0",
    totals: |own, expert, _| format!("Self: {own}    Expert: {expert}"),
    not_yet: "not finished",
    not_recorded: "not recorded",
    save: "Save",
    saved: "Saved",
    scheme: "Scheme",
    year: "Year",
    expert_side: "Expert scores (review)",
};
