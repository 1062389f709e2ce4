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
    done: |d| {
        format!(
            "Made the {} self-assessment of {}: {} (assessment.pdf, assessment.json, assessment.xlsx)\n  self score {}, {}; sub-items without evidence: {}; evidence files: {}; verification code {}; {:.1} s",
            d.year,
            d.org,
            d.dir.display(),
            d.total,
            d.band,
            d.missing,
            d.files,
            d.code,
            d.seconds
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
    edit_scheme: "Edit the scheme",
    scheme_fields: ["Key", "Name", "Issued by (office and document)", "Total points"],
    close: "Close",
    add_item: "+ Sub-item",
    remove_item: "Remove",
    scheme_refused: |p| {
        use crate::domain::assessment::SchemeProblem as P;
        match p {
            P::NoKey => "The scheme's key cannot be empty".into(),
            P::NoName => "The scheme's name cannot be empty".into(),
            P::NoItems => "Every major item needs at least one sub-item".into(),
            P::DuplicateKey(k) => format!("The item key \"{k}\" is used twice"),
            P::Points(k) => {
                format!("\"{k}\": points must be above 0 with at most one decimal, and 1000 at most in all")
            }
            P::Rule(k) => format!("\"{k}\": a target cannot be negative and a deduction must be above 0"),
            P::UnknownFigure { item, key } => {
                format!("\"{item}\" looks at \"{key}\", which the records do not have")
            }
        }
    },
    scheme_saved: |name| format!("Saved the scheme \"{name}\""),
};
