//! What a return is, as part of its signed data: draft, final or the N-th correction, when
//! and by which software it was made, and whether its year had ended (the indicator set
//! its targets come from is named in its figures, `figures::SetUsed`). And when a final return may be made at all.

use chrono::{DateTime, Datelike, FixedOffset};
use serde::Serialize;

use crate::domain::Today;

/// Whether the return is a draft, the final return to submit, or a correction of a
/// submitted one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Final,
    Correction,
}

/// What the return is; in return.json (so in its verification code), on every page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentInfo {
    pub status: Status,
    /// 草稿, 正式, 更正版 N.
    pub status_label: String,
    /// For a correction: the how-many-th (the first corrects the original submission).
    pub correction_number: Option<u32>,
    /// When it was made, with the computer's UTC offset.
    pub generated_at: String,
    /// The software that made it.
    pub software: String,
    /// Whether the reporting year had ended when it was made (a draft may be made during
    /// the year; its figures are then the year so far).
    pub year_ended: bool,
}

impl DocumentInfo {
    /// `earlier_submissions` counts the submissions of the year before this return: the
    /// first correction corrects the one submission, the second the first correction.
    /// Whether the year has ended is judged on `today` (the store's), made at `now`.
    pub fn new(
        status: Status,
        earlier_submissions: u32,
        year: i32,
        today: Today,
        now: DateTime<FixedOffset>,
    ) -> DocumentInfo {
        let correction_number = (status == Status::Correction).then_some(earlier_submissions.max(1));
        DocumentInfo {
            status,
            status_label: match (status, correction_number) {
                (Status::Draft, _) => "草稿".into(),
                (Status::Final, _) => "正式".into(),
                (Status::Correction, n) => format!("更正版 {}", n.unwrap_or(1)),
            },
            correction_number,
            generated_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            software: format!("技能基地通 {}", crate::APP_VERSION),
            year_ended: year < today.0.year(),
        }
    }

    /// `2026-12-02 11:01（UTC+08:00）`
    pub fn generated_at_shown(&self) -> String {
        DateTime::parse_from_rfc3339(&self.generated_at).map_or_else(
            |_| self.generated_at.clone(),
            |t| format!("{}（UTC{}）", t.format("%Y-%m-%d %H:%M"), t.format("%:z")),
        )
    }
}

/// Why a final return (or a correction) may not be made for a year. A draft may always be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinalRefusal {
    /// The year is still running.
    YearNotEnded { year: i32 },
    /// The year is in the future.
    FutureYear { year: i32, today: i32 },
    /// The organisation was approved after this year.
    BeforeApproval { year: i32, approval_year: i32 },
    /// The validator reports errors.
    Errors { errors: usize },
}

/// Whether a final return of `year` may be made `today` for an organisation approved in
/// `approval_year` (errors are checked later, once the year has been validated).
pub fn final_allowed(year: i32, today: Today, approval_year: Option<i32>) -> Result<(), FinalRefusal> {
    let now = today.0.year();
    if year > now {
        return Err(FinalRefusal::FutureYear { year, today: now });
    }
    if year == now {
        return Err(FinalRefusal::YearNotEnded { year });
    }
    if let Some(approved) = approval_year
        && year < approved
    {
        return Err(FinalRefusal::BeforeApproval {
            year,
            approval_year: approved,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today(y: i32, m: u32, d: u32) -> Today {
        Today(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn a_final_return_needs_an_ended_year_after_approval() {
        let t = today(2026, 12, 2);
        assert_eq!(final_allowed(2025, t, Some(2019)), Ok(()));
        assert_eq!(final_allowed(2025, t, None), Ok(()));
        assert_eq!(
            final_allowed(2026, t, Some(2019)),
            Err(FinalRefusal::YearNotEnded { year: 2026 })
        );
        assert_eq!(
            final_allowed(2030, t, Some(2019)),
            Err(FinalRefusal::FutureYear {
                year: 2030,
                today: 2026
            })
        );
        assert_eq!(
            final_allowed(2010, t, Some(2019)),
            Err(FinalRefusal::BeforeApproval {
                year: 2010,
                approval_year: 2019
            })
        );
        // The first of January: last year has ended.
        assert_eq!(final_allowed(2026, today(2027, 1, 1), None), Ok(()));
    }

    #[test]
    fn the_status_is_labelled_and_a_correction_numbered() {
        let now = DateTime::parse_from_rfc3339("2026-12-02T11:01:45+08:00").unwrap();
        let draft = DocumentInfo::new(Status::Draft, 0, 2026, today(2026, 12, 2), now);
        assert_eq!(draft.status_label, "草稿");
        assert!(!draft.year_ended);
        assert_eq!(draft.generated_at, "2026-12-02T11:01:45+08:00");
        assert_eq!(draft.generated_at_shown(), "2026-12-02 11:01（UTC+08:00）");
        let second = DocumentInfo::new(Status::Correction, 2, 2025, today(2026, 12, 2), now);
        assert_eq!(second.status_label, "更正版 2");
        assert_eq!(second.correction_number, Some(2));
        assert!(second.year_ended);
    }
}
