//! What is wrong with a field, and what is expected.

use crate::domain::cert_number::{NumberFormat, NumberIssue, NumberPart};
use crate::domain::check::{CodeTable, NotAllowed, Problem};
use crate::domain::identity::Sex;
use crate::domain::text::{CharClass, CharRule};
use crate::i18n::{Lang, field_label};

fn sex(s: Sex) -> &'static str {
    match s {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

fn table(t: CodeTable) -> &'static str {
    match t {
        CodeTable::ImDivision => "the current Inner Mongolia division codes (GB/T 2260)",
        CodeTable::HistoricDivision => "the division codes in use since 1981 (GB/T 2260)",
        CodeTable::Ethnicity => "the ethnic group codes (GB/T 3304)",
        CodeTable::Education => "the education codes (GB/T 4658)",
        CodeTable::Occupation => "the 2022 Occupational Classification",
    }
}

/// The explanation of one problem. `kind` is the register's table name.
pub fn problem(p: &Problem, kind: &str) -> String {
    match p {
        Problem::Required => "is required".into(),
        Problem::TooLong { max, len } => format!("may have at most {max} characters, has {len}"),
        Problem::IdNumber(e) => super::identity::id_error(e),
        Problem::DocNumber(e) => super::identity::id_error(e),
        Problem::BirthDateMismatch { from_id, entered } => format!(
            "disagrees with the ID number: the number gives {from_id}, {entered} was entered. Check the number or the date"
        ),
        Problem::SexMismatch { from_id, entered } => format!(
            "disagrees with the ID number: digit 17 means {}, {} was entered",
            sex(*from_id),
            sex(*entered)
        ),
        Problem::UnknownAddressCode { code } => format!(
            "the address code {code} (first 6 digits) is in no division list since 1981; please check it (the lists have gaps, so it can be saved)"
        ),
        Problem::CreditCode(e) => super::identity::credit_code_error(e),
        Problem::UnknownCode { table: t, value } => format!("\"{}\" is not in {}", shown(value), table(*t)),
        Problem::OccupationForm { value } => {
            format!(
                "occupation code \"{}\" is not in the form 6-18-02-04",
                shown(value)
            )
        }
        Problem::DateBefore { other } => format!(
            "must not be before the {}",
            field_label(kind, other, Lang::En).to_lowercase()
        ),
        Problem::FutureDate { date } => format!("{date} is after today; please check it"),
        Problem::TooEarly { date, earliest } => format!("{date} is before {earliest}; please check it"),
        Problem::CertificateBeforeAge16 { birth_date } => {
            format!("the holder was not yet 16 on this date (born {birth_date}); check the date issued")
        }
        Problem::OutOfRange { min, max } => format!("must be between {min} and {max}"),
        Problem::Year { value } => format!("year {value} is implausible: expected 1949 to next year"),
        Problem::Phone { value } => {
            format!(
                "phone number \"{}\" should be 7 to 20 digits (with +, - and spaces allowed)",
                shown(value)
            )
        }
        Problem::GradeFell { start, end } => format!(
            "the grade at the end ({}) is below the grade at the start ({})",
            end.name_en(),
            start.name_en()
        ),
        Problem::SamePerson => "the master and the apprentice cannot be the same person".into(),
        Problem::CertNumber(issue) => cert_number(issue),
        Problem::Character { ch, class, rule } => {
            let what = match class {
                CharClass::Control | CharClass::Layout => "a control character",
                CharClass::Bidi => "a control that changes the direction of text",
                CharClass::Invisible => "an invisible formatting character",
                CharClass::Unassigned => "what is left of garbled text",
                CharClass::Plain => "a digit or symbol",
            };
            let allowed = match rule {
                CharRule::PersonName => {
                    "a name is made of letters, with spaces, the middle dot \"·\", the hyphen \"-\" and the apostrophe \"'\" allowed"
                }
                CharRule::Name => {
                    "a name is one line of text without control, direction or invisible characters"
                }
                CharRule::Text => {
                    "text may not hold control characters or controls that change its direction"
                }
            };
            format!(
                "holds {} ({what}), which is not allowed: {allowed}",
                crate::i18n::shown::character(*ch, Lang::En)
            )
        }
        Problem::NotAllowed { reason } => match reason {
            NotAllowed::OnlyStudiosAreHosted => "only a master studio can be hosted by a base".into(),
            NotAllowed::HostsItself => "an organisation cannot host itself".into(),
            NotAllowed::CompletionDateWithoutCompletion => {
                "a completion date is set but the status is not completed".into()
            }
            NotAllowed::FundCategoryDirection => "the category does not match income or expense".into(),
        },
        Problem::EnrolledAfterCohortEnded { cohort_end } => format!(
            "is after the cohort ended on {cohort_end}: nobody joins a cohort after its end. Check the date enrolled; it is usually the cohort's start date"
        ),
        Problem::OutsideCohort { start, end } => {
            format!("must lie within the cohort's dates, {start} to {end}")
        }
        Problem::CertificateBeforeCohort { cohort_start } => format!(
            "is before the cohort it was gained in started ({cohort_start}): it cannot have been gained there. Check the date issued, or unlink the certificate from the enrolment"
        ),
        Problem::CertificateBeforeEnrolment { enrolled_on } => format!(
            "is before the enrolment ({enrolled_on}): it cannot have been gained there. Check the date issued, or unlink the certificate from the enrolment"
        ),
        Problem::OccupationDiffersFromCohort { cohort } => format!(
            "differs from the occupation of the cohort it was gained in, {cohort}{}; please check it",
            crate::domain::codes::occupation(cohort).map_or(String::new(), |o| format!(" ({})", o.name))
        ),
        Problem::GradeDiffersFromCohort { cohort } => format!(
            "differs from the target grade of the cohort it was gained in ({}); please check it",
            cohort.name_en()
        ),
        Problem::CohortDatesExclude { count, example } => format!(
            "with these dates, {count} enrolment(s) of this cohort (or their certificates) would fall outside the cohort's dates (e.g. {example}). Check those enrolments' dates or their certificates' dates first"
        ),
        Problem::EntryHours => "hours must be more than 0 and at most 24".into(),
        Problem::HoursInDay { date, total } => format!(
            "with this apprenticeship's other entries of {date} that makes {} hours; a day holds at most 24",
            round1(*total)
        ),
        Problem::OutsideApprenticeship { start, end } => match end {
            Some(end) => format!("must lie within the apprenticeship's dates, {start} to {end}"),
            None => format!("must not be before the apprenticeship's start, {start}"),
        },
        Problem::StageNumberTaken { seq } => {
            format!("this apprenticeship's plan has a stage {seq} already: choose another number")
        }
        Problem::StageOfAnotherApprenticeship => {
            "this stage belongs to another apprenticeship's plan: choose a stage of this apprenticeship"
                .into()
        }
    }
}

/// A value from a record inside a message.
fn shown(value: &str) -> std::borrow::Cow<'_, str> {
    crate::i18n::shown::value(value, Lang::En)
}

/// Hours to one decimal, as the return shows them.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Where a certificate number disagrees with its certificate (a warning: it can be saved).
fn cert_number(issue: &NumberIssue) -> String {
    match issue {
        NumberIssue::Shape {
            format: NumberFormat::SkillLevel,
        } => "is not the usual format of a skill-level certificate number (22 characters: Y or S and 21 digits); please check it (it can be saved)".into(),
        NumberIssue::Shape {
            format: NumberFormat::Qualification,
        } => "is not the usual format of a vocational qualification certificate number (16 digits); please check it (it can be saved)".into(),
        NumberIssue::Mismatch {
            part,
            in_number,
            recorded,
        } => match part {
            NumberPart::Grade => format!(
                "the number's level digit is \"{in_number}\" but the grade recorded {}; please check it (it can be saved)",
                if recorded.is_empty() {
                    "has no national level number".to_string()
                } else {
                    format!("is level \"{recorded}\"")
                }
            ),
            NumberPart::Year => format!(
                "the number's year is \"{in_number}\" but the date issued ends in \"{recorded}\"; please check it (it can be saved)"
            ),
            NumberPart::Province => {
                if recorded.is_empty() {
                    format!("the number's province code \"{in_number}\" is no province's; please check it (it can be saved)")
                } else {
                    format!(
                        "the number's province code is \"{in_number}\" but a certificate gained in training here should carry \"{recorded}\" (Inner Mongolia); please check it (it can be saved)"
                    )
                }
            }
        },
    }
}
