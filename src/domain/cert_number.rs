//! Certificate numbers read against the certificate (`reference/certificates.md`).
//!
//! Two formats are known:
//! - 职业技能等级证书: 22 characters, `Y` (an employer) or `S` (a social training and
//!   evaluation organisation) and 21 digits: the organisation (2–5), the province (6–7,
//!   the first two digits of GB/T 2260), the evaluation station (8–13), the year issued
//!   (14–15, its last two digits), the level (16: 1 = 一级/高级技师 … 5 = 五级/初级工) and
//!   a serial (17–22).
//! - 职业资格证书: 16 digits: the year issued (1–2), the province (3–4), the city (5–6),
//!   the testing body (7–10), the level (11, as above) and a serial (12–16).
//!
//! Offices hold old and regional certificates whose numbers follow neither, so nothing
//! here is ever an error: a number of another shape, or one whose level, year or
//! province disagrees with the record, is a warning naming both values. Certificates of
//! other types (专项职业能力, 培训合格, other) have no known structure and are not read.

use chrono::{Datelike, NaiveDate};

use crate::domain::grade::SkillGrade;
use crate::domain::training::CertType;

/// The number formats known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberFormat {
    /// 22 characters: `Y` or `S` and 21 digits.
    SkillLevel,
    /// 16 digits.
    Qualification,
}

/// The part of a well-formed number that disagrees with the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberPart {
    /// The level digit against the record's grade.
    Grade,
    /// The year digits against the date issued.
    Year,
    /// The province digits against GB/T 2260 (or Inner Mongolia, for a certificate gained
    /// in a cohort here).
    Province,
}

/// What a certificate number says that the record does not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberIssue {
    /// Not the usual shape of its type's numbers (length, or a letter where a digit is
    /// expected).
    Shape { format: NumberFormat },
    /// A part of a well-formed number disagrees with the record: what the number says
    /// (`in_number`: the digits) and what the record says (`recorded`: the grade's
    /// national level, the year's last two digits, or the province code expected; empty
    /// for a grade with no national level, or a province code in no list).
    Mismatch {
        part: NumberPart,
        in_number: String,
        recorded: String,
    },
}

/// Inner Mongolia's province code (GB/T 2260).
pub const INNER_MONGOLIA: &str = "15";

/// The first two digits of every province-level division of GB/T 2260.
const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
    "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
];

/// The format a certificate type's numbers follow, when one is known.
pub fn format_of(cert_type: CertType) -> Option<NumberFormat> {
    match cert_type {
        CertType::SkillLevel => Some(NumberFormat::SkillLevel),
        CertType::Qualification => Some(NumberFormat::Qualification),
        _ => None,
    }
}

/// What `number` says that a certificate of `cert_type`, `grade`, issued on `issued_on`,
/// does not. `province` is the province code the certificate must carry when known (one
/// gained in a cohort of an Inner Mongolia base); otherwise the province digits need only
/// be a province's. Empty when the type has no known format or everything agrees.
pub fn check(
    cert_type: CertType,
    number: &str,
    grade: SkillGrade,
    issued_on: NaiveDate,
    province: Option<&str>,
) -> Vec<NumberIssue> {
    let Some(format) = format_of(cert_type) else {
        return Vec::new();
    };
    let number = number.trim();
    let chars: Vec<char> = number.chars().collect();
    let digits = |range: std::ops::Range<usize>| chars[range].iter().all(char::is_ascii_digit);
    // (year, province, level) positions, 0-based.
    let (year_at, province_at, level_at) = match format {
        NumberFormat::SkillLevel => {
            if chars.len() != 22 || !matches!(chars[0], 'Y' | 'S') || !digits(1..22) {
                return vec![NumberIssue::Shape { format }];
            }
            (13..15, Some(5..7), 15)
        }
        NumberFormat::Qualification => {
            if chars.len() != 16 || !digits(0..16) {
                return vec![NumberIssue::Shape { format }];
            }
            (0..2, None, 10)
        }
    };
    let part = |range: std::ops::Range<usize>| chars[range].iter().collect::<String>();
    let mut issues = Vec::new();
    let level = part(level_at..level_at + 1);
    let recorded_level = grade.national_level().map(|l| l.to_string()).unwrap_or_default();
    if level != recorded_level {
        issues.push(NumberIssue::Mismatch {
            part: NumberPart::Grade,
            in_number: level,
            recorded: recorded_level,
        });
    }
    let year = part(year_at);
    let recorded_year = format!("{:02}", issued_on.year().rem_euclid(100));
    if year != recorded_year {
        issues.push(NumberIssue::Mismatch {
            part: NumberPart::Year,
            in_number: year,
            recorded: recorded_year,
        });
    }
    if let Some(at) = province_at {
        let code = part(at);
        let wrong = match province {
            Some(expected) => code != expected,
            None => !PROVINCES.contains(&code.as_str()),
        };
        if wrong {
            issues.push(NumberIssue::Mismatch {
                part: NumberPart::Province,
                in_number: code,
                recorded: province.unwrap_or_default().to_string(),
            });
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A skill-level number: organisation 0000, Inner Mongolia, station 000123, 2025,
    /// level 3 (高级工), serial 000045.
    const SKILL: &str = "S000015000123253000045";

    #[test]
    fn a_well_formed_skill_level_number_that_matches_gives_nothing() {
        let issues = check(
            CertType::SkillLevel,
            SKILL,
            SkillGrade::Senior,
            d(2025, 6, 30),
            Some("15"),
        );
        assert_eq!(issues, vec![]);
        let issues = check(
            CertType::SkillLevel,
            SKILL,
            SkillGrade::Senior,
            d(2025, 6, 30),
            None,
        );
        assert_eq!(issues, vec![]);
    }

    #[test]
    fn a_skill_level_number_of_another_grade_names_both_levels() {
        let issues = check(
            CertType::SkillLevel,
            SKILL,
            SkillGrade::Technician,
            d(2025, 6, 30),
            Some("15"),
        );
        assert_eq!(
            issues,
            vec![NumberIssue::Mismatch {
                part: NumberPart::Grade,
                in_number: "3".into(),
                recorded: "2".into()
            }]
        );
        // A grade with no national level never matches a level digit.
        let issues = check(
            CertType::SkillLevel,
            SKILL,
            SkillGrade::ChiefTechnician,
            d(2025, 6, 30),
            None,
        );
        assert_eq!(
            issues,
            vec![NumberIssue::Mismatch {
                part: NumberPart::Grade,
                in_number: "3".into(),
                recorded: String::new()
            }]
        );
    }

    #[test]
    fn a_skill_level_number_of_another_year_names_both_years() {
        let issues = check(
            CertType::SkillLevel,
            SKILL,
            SkillGrade::Senior,
            d(2026, 1, 5),
            None,
        );
        assert_eq!(
            issues,
            vec![NumberIssue::Mismatch {
                part: NumberPart::Year,
                in_number: "25".into(),
                recorded: "26".into()
            }]
        );
    }

    #[test]
    fn a_skill_level_number_of_another_province_names_both_codes() {
        let beijing = "S000011000123253000045";
        let issues = check(
            CertType::SkillLevel,
            beijing,
            SkillGrade::Senior,
            d(2025, 6, 30),
            Some("15"),
        );
        assert_eq!(
            issues,
            vec![NumberIssue::Mismatch {
                part: NumberPart::Province,
                in_number: "11".into(),
                recorded: "15".into()
            }]
        );
        // Held from elsewhere (no province expected): any province's code is fine, a code
        // of none is not.
        assert_eq!(
            check(
                CertType::SkillLevel,
                beijing,
                SkillGrade::Senior,
                d(2025, 6, 30),
                None
            ),
            vec![]
        );
        let nowhere = "S000099000123253000045";
        assert_eq!(
            check(
                CertType::SkillLevel,
                nowhere,
                SkillGrade::Senior,
                d(2025, 6, 30),
                None
            ),
            vec![NumberIssue::Mismatch {
                part: NumberPart::Province,
                in_number: "99".into(),
                recorded: String::new()
            }]
        );
    }

    #[test]
    fn a_number_of_the_wrong_length_or_with_letters_is_not_the_usual_format() {
        let shape = |t: CertType, n: &str| check(t, n, SkillGrade::Senior, d(2025, 6, 30), None);
        let skill = vec![NumberIssue::Shape {
            format: NumberFormat::SkillLevel,
        }];
        assert_eq!(shape(CertType::SkillLevel, "S00001500012325300004"), skill);
        assert_eq!(shape(CertType::SkillLevel, "S0000150001232530000456"), skill);
        assert_eq!(shape(CertType::SkillLevel, "S0000150001232530000A5"), skill);
        assert_eq!(shape(CertType::SkillLevel, "X000015000123253000045"), skill);
        let qual = vec![NumberIssue::Shape {
            format: NumberFormat::Qualification,
        }];
        assert_eq!(shape(CertType::Qualification, "251501012340001"), qual);
        assert_eq!(shape(CertType::Qualification, "2515010123O30001"), qual);
    }

    #[test]
    fn a_qualification_number_is_compared_with_grade_and_year() {
        // 2019, Inner Mongolia, city 01, body 0123, level 4 (中级工), serial 00001.
        let n = "1915010123400001";
        assert_eq!(
            check(
                CertType::Qualification,
                n,
                SkillGrade::Intermediate,
                d(2019, 5, 1),
                None
            ),
            vec![]
        );
        assert_eq!(
            check(
                CertType::Qualification,
                n,
                SkillGrade::Senior,
                d(2020, 5, 1),
                None
            ),
            vec![
                NumberIssue::Mismatch {
                    part: NumberPart::Grade,
                    in_number: "4".into(),
                    recorded: "3".into()
                },
                NumberIssue::Mismatch {
                    part: NumberPart::Year,
                    in_number: "19".into(),
                    recorded: "20".into()
                },
            ]
        );
    }

    #[test]
    fn a_type_with_no_known_format_is_not_read() {
        for t in [
            CertType::SpecialAbility,
            CertType::TrainingCertificate,
            CertType::Other,
            CertType::Appointment,
        ] {
            assert_eq!(
                check(t, "任何编号-1", SkillGrade::Senior, d(2025, 6, 30), None),
                vec![]
            );
        }
    }
}
