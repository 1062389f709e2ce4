//! The command line's words.

use std::path::Path;

use crate::i18n::{CliText, StartText};

pub static TEXT: CliText = CliText {
    database: "Database: ",
    schema_line: |found: i32, supported: i32| {
        format!("Schema version: {found} (this build reads up to {supported})")
    },
    app_version: "App version: ",
    code_tables: "Code tables: ",
    install_id: "Install id: ",
    register: "Register",
    live: "Records",
    deleted: "Deleted",
    no_data_dir: "no per-user data directory was found; name the database with --db",
    no_such_database: |path: &Path| {
        format!(
            "the database file {} does not exist. Check the path, or make a new database first with skillbase init (or demo data with skillbase demo --db FILE)",
            path.display()
        )
    },
    demo_done: |profile: &str, seed: u64, path: &Path, secs: f64| {
        format!(
            "Demo data {profile} (seed {seed}) written to {} in {secs:.1} s:",
            path.display()
        )
    },
    no_window: "this build has no window (it was built without the gui feature). Use the command line: skillbase --help lists every command",
    unknown_scenario: |name: &str, scenarios: &[&str]| {
        format!(
            "no benchmark scenario named \"{name}\"; available: {}",
            scenarios.join(", ")
        )
    },
    check_heading: |orgs: &str, year: i32| format!("Checking the {year} records of {orgs}"),
    check_total: |errors: usize, warnings: usize| {
        if errors + warnings == 0 {
            "No problems found.".to_string()
        } else if errors == 0 {
            format!("{warnings} warning(s), no errors: a final return can be made.")
        } else {
            format!(
                "{errors} error(s), {warnings} warning(s). Correct the errors before making a final return."
            )
        }
    },
    by_rule: "By rule:",
    error: "error",
    warning: "warning",
    final_refused: |errors: usize, year: i32, org: &str| {
        format!(
            "the {year} records of {org} have {errors} error(s), so no final return was made and no file was written. Run skillbase check --year {year} to see and correct them, or leave out --final to make a draft first"
        )
    },
    cannot_write: |path: &Path, e: &str| {
        format!(
            "cannot write {}: {e}. Check that the folder exists, that you may write to it and that the disk is not full",
            path.display()
        )
    },
    return_done: |org: &str, year: i32, status: &str, dir: &Path, code: &str, secs: f64| {
        format!(
            "Annual return {year} of {org} made: {status} (verification code {code}, {secs:.2} s): {}",
            dir.join("return.pdf").display()
        )
    },
    year_not_ended: |year: i32| {
        format!(
            "The year {year} has not ended: this is a draft of the year so far; the final return can be made once the year is over."
        )
    },
    status_draft: "draft (for checking, not for submission)",
    status_final: "final return",
    status_correction: |n: u32| format!("correction {n}"),
    met: "met",
    submit_done: |org: &str, year: i32, code: &str| {
        format!(
            "The {year} return of {org} is recorded as submitted (verification code {code}). Later edits to that year are listed by check, and the next return is a correction"
        )
    },
    changed_since: |org: &str, year: i32, date: &str, code: &str, n: usize| {
        if n == 0 {
            format!(
                "The {year} return of {org} was submitted on {date} (code {code}); no record of that year has changed since."
            )
        } else {
            format!(
                "The {year} return of {org} was submitted on {date} (code {code}); {n} record(s) of that year changed since (the next return is a correction):"
            )
        }
    },
    not_met: "not met",
};

/// `skillbase init`'s and `skillbase open`'s words.
pub static START: StartText = StartText {
    name_expected: "the organisation's name, e.g. \"包头职业技术学院高技能人才培训基地\"",
    kind_expected: "training-base (high-skill talent training base) or master-studio (skill master studio)",
    tier_expected: "national, region (autonomous region level) or league (league or city level)",
    credit_code_expected: "the 18-character unified social credit code (GB 32100), e.g. 12150100460001231U",
    division_expected: "the 6-digit division code of where it is (a current Inner Mongolia code), e.g. 150203",
    missing: |flag: &str, expected: &str| format!("{flag} is missing: expected {expected}"),
    not_a_choice: |flag: &str, value: &str, expected: &str| {
        format!("{flag} \"{value}\" is not valid: expected {expected}")
    },
    refused: |flag: &str, field: &str, problem: &str| format!("{flag} ({field}): {problem}"),
    nothing_created: |path: &Path| {
        format!(
            "No database was made at {}, and no file was left behind.",
            path.display()
        )
    },
    done: |path: &Path, name: &str, tier: &str, kind: &str| {
        format!(
            "Made the database {} with this organisation: {name} ({tier}, {kind}). Open the window: skillbase --db {}",
            path.display(),
            path.display()
        )
    },
    no_such_package: |path: &Path| {
        format!(
            "the data package {} does not exist; check the path",
            path.display()
        )
    },
};
