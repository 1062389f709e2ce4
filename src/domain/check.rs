//! What is wrong with a record's field: typed problems, errors and warnings.
//!
//! Every record type validates itself into a [`Verdict`]: errors block a save, warnings
//! are shown but do not. Each finding names the record kind and the field (the struct
//! field's name, which is also the store column and the key of its label in `i18n`), so a
//! message can say "人员 · 身份证号: …" in the user's language.

use chrono::{Datelike, NaiveDate};

use crate::domain::RecordKind;
use crate::domain::grade::SkillGrade;
use crate::domain::identity::{CreditCodeError, IdError, Sex};
use crate::domain::text::{CharClass, CharRule};

/// Which code table a value was looked up in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeTable {
    /// Current Inner Mongolia division codes (GB/T 2260, 2024).
    ImDivision,
    /// Every division code 1981–2024, any status.
    HistoricDivision,
    Ethnicity,
    Education,
    Occupation,
}

/// One thing wrong with one field.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The field is empty and must be filled.
    Required,
    /// Longer than the field allows.
    TooLong { max: usize, len: usize },
    /// A citizen ID number that fails GB 11643.
    IdNumber(IdError),
    /// Another document number that is not well-formed.
    DocNumber(IdError),
    /// The birth date entered disagrees with the one in the citizen ID number.
    BirthDateMismatch { from_id: NaiveDate, entered: NaiveDate },
    /// The sex entered disagrees with the one in the citizen ID number.
    SexMismatch { from_id: Sex, entered: Sex },
    /// The ID number's address code is in no division list since 1981 (a warning: lists have gaps).
    UnknownAddressCode { code: String },
    /// A unified social credit code that fails GB 32100.
    CreditCode(CreditCodeError),
    /// A code that is not in its table.
    UnknownCode { table: CodeTable, value: String },
    /// An occupation code not written as `d-dd-dd-dd`.
    OccupationForm { value: String },
    /// This date must not be before the date in `other` (a field of the same record).
    DateBefore { other: &'static str },
    /// A date after today where only the past makes sense.
    FutureDate { date: NaiveDate },
    /// A date implausibly long ago.
    TooEarly { date: NaiveDate, earliest: NaiveDate },
    /// A certificate dated before its holder turned 16.
    CertificateBeforeAge16 { birth_date: NaiveDate },
    /// A number outside its allowed range.
    OutOfRange { min: f64, max: f64 },
    /// A year outside 1949..=next year.
    Year { value: i32 },
    /// A phone number that is not 7–20 digits (with optional +, - and spaces).
    Phone { value: String },
    /// A grade that cannot be the end of this path (e.g. lower at the end than at the start).
    GradeFell { start: SkillGrade, end: SkillGrade },
    /// A record that refers to itself where it must refer to another (a master who is his own apprentice).
    SamePerson,
    /// The value does not fit this kind of record (e.g. a studio hosting a base).
    NotAllowed { reason: NotAllowed },
    /// An enrolment dated after its cohort ended.
    EnrolledAfterCohortEnded { cohort_end: NaiveDate },
    /// A completion date outside the cohort's dates.
    OutsideCohort { start: NaiveDate, end: NaiveDate },
    /// A certificate gained in a cohort, dated before the cohort started.
    CertificateBeforeCohort { cohort_start: NaiveDate },
    /// A certificate gained through an enrolment, dated before the enrolment.
    CertificateBeforeEnrolment { enrolled_on: NaiveDate },
    /// A certificate's occupation differs from the cohort's it was gained in (a warning).
    OccupationDiffersFromCohort { cohort: String },
    /// A certificate's grade differs from the cohort's target grade (a warning).
    GradeDiffersFromCohort { cohort: SkillGrade },
    /// New cohort dates that live enrolments (or their certificates) of the cohort fall
    /// outside of: `count` of them, the first dated `example`.
    CohortDatesExclude { count: u64, example: NaiveDate },
    /// A log entry's hours: more than 0 and at most 24.
    EntryHours,
    /// With the apprenticeship's other entries of that day, more than 24 hours.
    HoursInDay { date: NaiveDate, total: f64 },
    /// A date outside the apprenticeship's start and (planned) end.
    OutsideApprenticeship {
        start: NaiveDate,
        end: Option<NaiveDate>,
    },
    /// A log entry's stage belongs to another apprenticeship's plan.
    StageOfAnotherApprenticeship,
    /// The apprenticeship's plan has a stage of this number already.
    StageNumberTaken { seq: u32 },
    /// A certificate number that is not its type's usual format, or whose grade, year or
    /// province disagrees with the record (always a warning).
    CertNumber(crate::domain::cert_number::NumberIssue),
    /// A character this kind of value may not hold (a control character, a bidirectional
    /// override, a digit or symbol in a person's name…): the first one found.
    Character {
        ch: char,
        class: CharClass,
        rule: CharRule,
    },
}

/// Why a value is not allowed where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAllowed {
    /// Only a studio can be hosted by another organisation.
    OnlyStudiosAreHosted,
    /// An organisation cannot host itself.
    HostsItself,
    /// A completion date on an enrolment that is not completed.
    CompletionDateWithoutCompletion,
    /// An income category on an expense, or the reverse.
    FundCategoryDirection,
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding about one field of one record.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldIssue {
    pub kind: RecordKind,
    pub field: &'static str,
    pub severity: Severity,
    pub problem: Problem,
}

/// The result of validating one record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verdict {
    pub issues: Vec<FieldIssue>,
}

impl Verdict {
    pub fn errors(&self) -> impl Iterator<Item = &FieldIssue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &FieldIssue> {
        self.issues.iter().filter(|i| i.severity == Severity::Warning)
    }
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
    /// The issues about one field (for a message next to a form field).
    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a FieldIssue> {
        self.issues.iter().filter(move |i| i.field == field)
    }
}

/// The date validation is judged against ("today"), passed in so tests and imports can fix it.
#[derive(Clone, Copy, Debug)]
pub struct Today(pub NaiveDate);

impl Today {
    pub fn now() -> Today {
        Today(chrono::Local::now().date_naive())
    }
}

/// Collects the issues of one record, with small helpers for the common rules.
pub struct Checker {
    kind: RecordKind,
    pub today: NaiveDate,
    verdict: Verdict,
}

/// Earliest date accepted for any event recorded here (people born, certificates issued).
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

impl Checker {
    pub fn new(kind: RecordKind, today: Today) -> Self {
        Checker {
            kind,
            today: today.0,
            verdict: Verdict::default(),
        }
    }

    pub fn error(&mut self, field: &'static str, problem: Problem) {
        self.push(field, Severity::Error, problem);
    }

    pub fn warning(&mut self, field: &'static str, problem: Problem) {
        self.push(field, Severity::Warning, problem);
    }

    fn push(&mut self, field: &'static str, severity: Severity, problem: Problem) {
        self.verdict.issues.push(FieldIssue {
            kind: self.kind,
            field,
            severity,
            problem,
        });
    }

    pub fn finish(self) -> Verdict {
        self.verdict
    }

    /// A required text: not empty after trimming, at most `max` characters, no control
    /// characters but tab and line breaks, no bidirectional controls.
    pub fn text(&mut self, field: &'static str, value: &str, max: usize) {
        self.name(field, value, max, CharRule::Text);
    }

    /// An optional text: at most `max` characters when present (see [`Checker::text`]).
    pub fn optional_text(&mut self, field: &'static str, value: Option<&str>, max: usize) {
        self.optional_name(field, value, max, CharRule::Text);
    }

    /// A required name: not empty, at most `max` characters, only the characters `rule`
    /// allows (the message names the first other one).
    pub fn name(&mut self, field: &'static str, value: &str, max: usize, rule: CharRule) {
        if value.trim().is_empty() {
            self.error(field, Problem::Required);
        } else {
            self.optional_name(field, Some(value), max, rule);
        }
    }

    /// An optional name (see [`Checker::name`]).
    pub fn optional_name(&mut self, field: &'static str, value: Option<&str>, max: usize, rule: CharRule) {
        if let Some(v) = value {
            let len = v.chars().count();
            if len > max {
                self.error(field, Problem::TooLong { max, len });
            }
            if let Some((ch, class)) = crate::domain::text::disallowed_char(v, rule) {
                self.error(field, Problem::Character { ch, class, rule });
            }
        }
    }

    /// A date that must lie between 1900 and today.
    pub fn past_date(&mut self, field: &'static str, date: NaiveDate) {
        if date > self.today {
            self.error(field, Problem::FutureDate { date });
        } else {
            self.not_too_early(field, date);
        }
    }

    /// A date that may be in the future (a planned end) but not before 1900.
    pub fn not_too_early(&mut self, field: &'static str, date: NaiveDate) {
        if date < EARLIEST_DATE {
            self.error(
                field,
                Problem::TooEarly {
                    date,
                    earliest: EARLIEST_DATE,
                },
            );
        }
    }

    /// `later` (named `later_field`) must not be before `earlier` (named `earlier_field`).
    pub fn order(
        &mut self,
        earlier_field: &'static str,
        earlier: Option<NaiveDate>,
        later_field: &'static str,
        later: Option<NaiveDate>,
    ) {
        if let (Some(a), Some(b)) = (earlier, later)
            && b < a
        {
            self.error(later_field, Problem::DateBefore { other: earlier_field });
        }
    }

    /// A year between 1949 and next year.
    pub fn year(&mut self, field: &'static str, year: Option<i32>) {
        if let Some(y) = year
            && !(1949..=self.today.year() + 1).contains(&y)
        {
            self.error(field, Problem::Year { value: y });
        }
    }

    /// A non-negative, finite number no larger than `max`.
    pub fn amount(&mut self, field: &'static str, value: f64, max: f64) {
        if !value.is_finite() || value < 0.0 || value > max {
            self.error(field, Problem::OutOfRange { min: 0.0, max });
        }
    }

    /// An occupation code: `d-dd-dd-dd` and present in the 2022 classification.
    pub fn occupation(&mut self, field: &'static str, code: &str) {
        use crate::domain::codes;
        if code.trim().is_empty() {
            self.error(field, Problem::Required);
        } else if !codes::is_occupation_code_form(code) {
            self.error(
                field,
                Problem::OccupationForm {
                    value: code.to_string(),
                },
            );
        } else if codes::occupation(code).is_none() {
            self.error(
                field,
                Problem::UnknownCode {
                    table: CodeTable::Occupation,
                    value: code.to_string(),
                },
            );
        }
    }

    pub fn optional_occupation(&mut self, field: &'static str, code: Option<&str>) {
        if let Some(c) = code {
            self.occupation(field, c);
        }
    }

    /// A current Inner Mongolia division code.
    pub fn im_division(&mut self, field: &'static str, code: Option<&str>) {
        if let Some(c) = code
            && crate::domain::codes::im_division(c).is_none()
        {
            self.error(
                field,
                Problem::UnknownCode {
                    table: CodeTable::ImDivision,
                    value: c.to_string(),
                },
            );
        }
    }

    /// A phone number: 7–20 digits, optionally with `+`, `-`, spaces and brackets.
    pub fn phone(&mut self, field: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            let digits = v.chars().filter(char::is_ascii_digit).count();
            let allowed = v
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'));
            if !allowed || !(7..=20).contains(&digits) {
                self.error(field, Problem::Phone { value: v.to_string() });
            }
        }
    }
}

/// Trims a text field; an empty one becomes `None`.
pub fn clean_optional(value: &mut Option<String>) {
    clean_optional_with(value, crate::domain::text::normalise_text);
}

/// Normalises an optional number that is not a code (a phone number): every full-width
/// character half-width, trimmed; inner spaces kept.
pub fn clean_optional_number(value: &mut Option<String>) {
    clean_optional_with(value, crate::domain::text::normalise);
}

fn clean_optional_with(value: &mut Option<String>, normalise: fn(&str) -> String) {
    if let Some(v) = value {
        let t = normalise(v);
        *value = if t.is_empty() { None } else { Some(t) };
    }
}

/// Trims a required text field.
pub fn clean(value: &mut String) {
    *value = crate::domain::text::normalise_text(value);
}

/// Normalises an optional code (full-width to half-width, no spaces, upper case).
pub fn clean_code(value: &mut Option<String>) {
    if let Some(v) = value {
        let t = crate::domain::text::normalise_code(v);
        *value = if t.is_empty() { None } else { Some(t) };
    }
}
