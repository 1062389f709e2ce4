//! The words of the scoring sheet (self-assessment) for the command line and the window,
//! filled once per language (`zh/assessment.rs`, `en/assessment.rs`).

/// What `assess` made, as it says so.
pub struct Done<'a> {
    pub org: &'a str,
    pub year: i32,
    pub dir: &'a std::path::Path,
    pub total: &'a str,
    pub band: &'a str,
    /// Sub-items without evidence, and the evidence files.
    pub missing: usize,
    pub files: usize,
    pub code: &'a str,
    pub seconds: f64,
}

/// Every sentence about the scoring sheet.
pub struct AssessmentText {
    /// `assess --scheme KEY` names no scheme: the key, the keys there are.
    pub no_scheme: fn(&str, &[String]) -> String,
    /// The scheme is for the other kind of organisation: scheme, organisation.
    pub wrong_kind: fn(&str, &str) -> String,
    /// `--year` outside the organisation's years: the year, the first and last years
    /// that may be assessed, the organisation.
    pub year_outside: fn(i32, i32, i32, &str) -> String,
    /// Done: what was made.
    pub done: fn(&Done<'_>) -> String,
    /// `--with-evidence`: files copied into the folder.
    pub copied: fn(usize, &std::path::Path) -> String,
    /// An evidence file's bytes could not be read from the database: its name, SHA-256.
    pub unreadable_evidence: fn(&str, &str) -> String,
    /// The window: a score outside 0..=points: item, points.
    pub score_out_of_range: fn(&str, &str) -> String,
    /// The window's heading, and its column titles: item, points, records, suggested,
    /// self score, counted, expert score, evidence, note.
    pub heading: &'static str,
    pub columns: [&'static str; 9],
    /// The window: the flag of a sub-item without evidence; the totals line: self total,
    /// band, expert total and band (or not yet).
    pub no_evidence: &'static str,
    pub totals: fn(&str, &str, &str) -> String,
    pub not_yet: &'static str,
    pub not_recorded: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub scheme: &'static str,
    pub year: &'static str,
    pub expert_side: &'static str,
    /// The scheme editor: its button; the labels of key, name, issuer, total points;
    /// close, add and remove a sub-item; a scheme refused (what is wrong).
    pub edit_scheme: &'static str,
    pub scheme_fields: [&'static str; 4],
    pub close: &'static str,
    pub add_item: &'static str,
    pub remove_item: &'static str,
    pub scheme_refused: fn(&crate::domain::assessment::SchemeProblem) -> String,
    pub scheme_saved: fn(&str) -> String,
}

/// The scoring sheet's words in `lang`.
pub fn text(lang: super::Lang) -> &'static AssessmentText {
    match lang {
        super::Lang::Zh => &super::zh::assessment::TEXT,
        super::Lang::En => &super::en::assessment::TEXT,
    }
}

/// A band as a reader of `lang` says it (the printed sheet keeps the Chinese of the rules).
pub fn band(b: crate::domain::assessment::Band, lang: super::Lang) -> &'static str {
    use crate::domain::assessment::Band;
    match lang {
        super::Lang::Zh => b.label(),
        super::Lang::En => match b {
            Band::Excellent => "excellent",
            Band::Good => "good",
            Band::Pass => "pass",
            Band::Fail => "fail",
        },
    }
}
