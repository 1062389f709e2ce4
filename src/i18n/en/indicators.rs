//! Indicator sets in English.

use crate::i18n::indicators::IndicatorsText;
use crate::report::figures::Absent;

pub static TEXT: IndicatorsText = IndicatorsText {
    help: "An indicator set fixes, per year, kind and tier, the indicators and thresholds bases and studios are judged against; the region's department issues them. A return uses the set in force for its year. After adding a set, select it to add its indicators below.",
    send_hint: "To send sets to bases and studios: on Data exchange choose \"Only the indicator sets\" and make a package; once imported there, each year is judged by the set in force.",
    built_in_heading: "Built-in sets",
    built_in_note: "Shipped with this program and read-only. To change one, copy it into this database first (of two sets in force from the same year, the stored one applies).",
    built_in: "built-in",
    stored: "stored",
    copy: "Copy into this database",
    copied: |name: &str| format!("Copied \"{name}\" into this database: edit it in the table above"),
    in_force_heading: "The set in force by year",
    in_force_columns: ["Year", "Kind", "Tier", "Set in force"],
    none_in_force: "No set in force (nothing judged)",
    indicator_columns: ["Kind", "Tier", "Indicator", "Measured on", "Threshold", "Unit"],
    years: |from: i32, to: Option<i32>| match to {
        Some(to) => format!("{from}–{to}"),
        None => format!("from {from}"),
    },
    judged_by: "Judged by",
    document: "Document",
    attendance_floor: |share: f64| format!("attendance floor for a completion {:.0}%", share * 100.0),
    sets_heading: "Indicator sets",
    no_sets: "No indicator sets",
    period: |n: u32| format!(", {n} years"),
    absent: |why: Absent| match why {
        Absent::NotDeclared => "not declared",
        Absent::NotRecorded => "not recorded",
        Absent::NotApplicable => "not applicable",
    },
};
