//! Validator rules: purpose, how to fix, and what was found.

use crate::domain::RecordKind;
use crate::domain::check::Severity;
use crate::i18n::{Labelled, Lang, field_label};
use crate::rules::{Detail, Finding, Rule};

pub fn purpose(rule: Rule) -> &'static str {
    match rule {
        Rule::Id01 => {
            "A citizen ID number must meet GB 11643: 18 characters, a correct check character, a real birth date"
        }
        Rule::Id02 => "Birth date and sex must agree with the citizen ID number",
        Rule::Id03 => "The ID number's first six digits should be a division code used since 1981",
        Rule::Per01 => "One document number must not be registered for two person records",
        Rule::Per04 => {
            "One document may be held by only one live person record in the whole database (an older version may have left duplicates)"
        }
        Rule::Per03 => "Two person records with the same name, birth date and sex may be one person",
        Rule::Per02 => "A trainee should be 16 to 65 years old when enrolled",
        Rule::Qua01 => "A certificate cannot be dated before its holder's 16th birthday",
        Rule::Qua02 => "A certificate gained through training cannot be dated before the enrolment",
        Rule::Enr01 => "A completion date must lie within the cohort's dates",
        Rule::Enr02 => "A completed enrolment must have an assessment result",
        Rule::Enr03 => "A completed enrolment must have a completion date",
        Rule::Enr04 => "A passed enrolment should record the certificate gained",
        Rule::Srv01 => "A public training service must have person-times",
        Rule::Coh01 => "Every cohort must use a course package",
        Rule::App01 => "An apprenticeship should record the date of its agreement",
        Rule::App02 => "In one studio a master cannot also be an apprentice",
        Rule::Org01 => "The organisation must have a unified social credit code",
        Rule::Org02 => "The organisation must have a division code",
        Rule::Org03 => "The organisation must have a tier (national, region or league)",
        Rule::Rec01 => {
            "Every record's fields must meet the register's rules (valid codes, dates in order, no negative counts)"
        }
        Rule::Fnt01 => "Every character of a name should be printable in the report font",
        Rule::Qua03 => {
            "A certificate and the enrolment it is linked to must be one person's (an error: another person's certificate is not gained in this cohort)"
        }
        Rule::Qua04 => {
            "A certificate gained in a cohort cannot be dated before the cohort started (an error: that cannot be true)"
        }
        Rule::Qua05 => {
            "A certificate gained in a cohort should have the cohort's occupation and target grade (a warning: there may be a reason, but it is usually a slip)"
        }
        Rule::Qua06 => {
            "A certificate and its enrolment must point at each other: the enrolment's qualification gained and the certificate's enrolment"
        }
        Rule::Enr05 => "A person has one enrolment in a cohort (an error: they would be counted twice)",
        Rule::Enr06 => "An enrolment cannot be dated after its cohort ended (an error: that cannot be true)",
        Rule::Ref01 => {
            "A live record must not refer to a deleted record or to none (an error: totals and breakdowns would disagree)"
        }
        Rule::Rec02 => {
            "Every stored value must read as its field's type (dates, numbers, codes); a record that cannot be read cannot be counted"
        }
        Rule::Cap01 => {
            "A delivered figure above the capacity declared for the year should be checked (a warning: the declaration may be low, or a record wrong)"
        }
        Rule::Cap02 => {
            "A year with training or public services should have a capacity declaration, or no utilisation can be given (a warning)"
        }
        Rule::Srv02 => {
            "A public training service of more than 200 person-times per hour of service should be checked (a warning: usually a digit too many)"
        }
        Rule::App03 => {
            "An active apprenticeship should have a log entry at least every three months (a warning; judged at the year's end, or today in a year still running)"
        }
        Rule::Qua07 => {
            "A certificate number should have its type's usual format, and the grade, year and province in it should match the certificate (a warning: old and out-of-region certificates may differ)"
        }
        Rule::Enr07 => {
            "A trainee who completed should have attended the required share of the cohort's planned hours (80% unless the indicator set says otherwise; a warning)"
        }
        Rule::Fnd01 => {
            "The subsidies claimed on the enrolments of cohorts that ended in the year should not exceed the training-subsidy funds received that year in the funds register (a warning)"
        }
        Rule::Yoy01 => {
            "A headline figure of a year that has ended that changed by more than half since the year before should be checked (a warning; a year still running is not compared)"
        }
    }
}

pub fn fix(rule: Rule) -> &'static str {
    match rule {
        Rule::Id01 => {
            "Correct the number from the ID card; an old 15-digit number may be typed as it is and is upgraded"
        }
        Rule::Id02 => {
            "Correct the birth date or sex to match the ID number; if the number is wrong, correct it first"
        }
        Rule::Id03 => "Check the first six digits; if they are right, keep them (the code lists have gaps)",
        Rule::Per01 => {
            "Compare the two records, keep one, move the other's training and certificates to it, then delete it"
        }
        Rule::Per04 => {
            "Check the two person records: keep the one registered first, move this one's enrolments, certificates and other records to it, then delete this one"
        }
        Rule::Per03 => {
            "Check both documents: if they are two people, leave them; if one, merge them as for PER01"
        }
        Rule::Per02 => "Check the birth date or the enrolment date",
        Rule::Qua01 => "Check the date issued and the holder's ID number",
        Rule::Qua02 => {
            "Check the date issued; if the certificate was not gained in this training, unlink it from the enrolment"
        }
        Rule::Enr01 => "Check the completion date or the cohort's dates",
        Rule::Enr02 => "Enter the assessment result (passed, failed or absent) on the enrolment",
        Rule::Enr03 => "Enter the completion date on the enrolment",
        Rule::Enr04 => {
            "Record the certificate on the enrolment; if it has not been issued yet, leave it for now"
        }
        Rule::Srv01 => "Enter the person-times; if no service took place, delete the record",
        Rule::Coh01 => "Choose the cohort's course package; create it under Course packages first if needed",
        Rule::App01 => "Enter the agreement date on the apprenticeship",
        Rule::App02 => {
            "Check the pairs: a master should not be registered as an apprentice of the same studio"
        }
        Rule::Org01 => "Enter the 18-character unified social credit code under Organisations",
        Rule::Org02 => "Choose the division under Organisations",
        Rule::Org03 => "Choose the tier under Organisations",
        Rule::Rec01 => "Open the record and correct it as the message beside the field says",
        Rule::Fnt01 => {
            "Check the name for a mistyped or private-use character; a genuine rare character is printed as its code, to be written in by hand on the paper return"
        }
        Rule::Qua03 => {
            "Open the enrolment and choose the trainee's own certificate as qualification gained; if the certificate is another person's, unlink it from this enrolment"
        }
        Rule::Qua04 => {
            "Check the date issued and the cohort's start; if the certificate was not gained in this training, unlink it from the enrolment"
        }
        Rule::Qua05 => {
            "Check the certificate's occupation and grade against the cohort's and correct the wrong one"
        }
        Rule::Qua06 => {
            "Open the enrolment and choose this certificate as qualification gained again (or clear it); the certificate's side is set with it"
        }
        Rule::Enr05 => {
            "Compare the two enrolments, keep one (with the completion and certificate), and delete the other"
        }
        Rule::Enr06 => {
            "Check the date enrolled and the cohort's dates; the date enrolled is usually the cohort's start"
        }
        Rule::Ref01 => {
            "Restore the deleted record, or open this record and change the reference; if it should not exist, delete it"
        }
        Rule::Rec02 => {
            "Open the record, enter the field again and save; the database may have been changed outside SkillBase, so compare with a backup"
        }
        Rule::Cap01 => {
            "Check the records behind the delivered figure; if the declaration is too low, change this year's under Capacity"
        }
        Rule::Cap02 => "Add this year's capacity declaration under Capacity",
        Rule::Srv02 => "Check the person-times and the hours and correct the wrong one",
        Rule::App03 => {
            "Add the missing log entries under Apprenticeships; if the apprenticeship has ended, set its status to completed or terminated"
        }
        Rule::Qua07 => {
            "Compare the certificate number, grade and date issued with the certificate and correct the wrong one; an old or out-of-region certificate may be kept as it is"
        }
        Rule::Enr07 => {
            "Check the trainee's hours attended and the cohort's planned hours; if the hours really fall short, check whether the trainee can complete"
        }
        Rule::Fnd01 => {
            "Record the training-subsidy funds received this year under Funds, or check the subsidy amounts on the enrolments"
        }
        Rule::Yoy01 => {
            "Check that this year's records are complete and none is entered twice; a real change needs nothing"
        }
    }
}

fn what(f: &Finding) -> String {
    match &f.detail {
        Detail::Field(issue) => super::problems::problem(&issue.problem, issue.kind.code()),
        Detail::Age(age) => format!("{age} years old when enrolled"),
        Detail::Unprintable(chars) => {
            format!("the report font cannot print {chars}; the return shows its code")
        }
        Detail::OtherPerson { name, doc } if f.rule == crate::rules::Rule::Per04 => {
            format!("holds the same document as \"{name}\" ({doc}), registered first")
        }
        Detail::OtherPerson { name, doc } => format!("may be the same person as \"{name} ({doc})\""),
        Detail::None => purpose(f.rule).to_string(),
        Detail::Dangling {
            target,
            target_label,
            exists: true,
        } => format!(
            "the {} \"{target_label}\" it refers to is deleted",
            target.label(Lang::En).to_lowercase()
        ),
        Detail::Dangling {
            target,
            exists: false,
            ..
        } if f.value.is_empty() => format!(
            "it names no {} record (the id is empty)",
            target.label(Lang::En).to_lowercase()
        ),
        Detail::Dangling {
            target,
            exists: false,
            ..
        } => format!(
            "the {} record {} it refers to does not exist",
            target.label(Lang::En).to_lowercase(),
            f.value
        ),
        Detail::Unreadable => format!(
            "the stored value \"{}\" cannot be read; expected {}",
            f.value,
            super::store::expected(f.kind, f.field)
        ),
        Detail::TwoPeople { holder, enrolled } => {
            format!("the certificate is {holder}'s, but the enrolment is {enrolled}'s")
        }
        Detail::OtherEnrolment { enrolled_on } => {
            format!("this person already has an enrolment in the cohort, dated {enrolled_on}")
        }
        Detail::LinkedTo(None) => match f.kind {
            RecordKind::Enrolment => {
                "the enrolment names this certificate, but the certificate does not name the enrolment".into()
            }
            _ => "the certificate names this enrolment, but the enrolment's qualification gained is empty"
                .into(),
        },
        Detail::LinkedTo(Some(other)) => match f.kind {
            RecordKind::Enrolment => format!(
                "the enrolment names this certificate, but the certificate names another enrolment ({other})"
            ),
            _ => format!(
                "the certificate names this enrolment, but the enrolment names another certificate ({other})"
            ),
        },
        Detail::Figures { value, against } => match f.rule {
            Rule::Yoy01 => format!(
                "{value} this year against {against} the year before, {:+.0}%",
                (*value as f64 - *against as f64) * 100.0 / *against as f64
            ),
            _ => format!("{value} delivered, above the {against} declared"),
        },
        Detail::NoEntrySince { last: Some(last), on } => {
            format!("the latest log entry is of {last}, more than three months before {on}")
        }
        Detail::NoEntrySince { last: None, on } => {
            format!("no log entry at all, and it began more than three months before {on}")
        }
        Detail::Attendance {
            attended,
            planned,
            floor,
        } => format!(
            "{attended} hours attended of {planned} planned is {:.1}%, under {:.0}%",
            attended * 100.0 / f64::from(*planned),
            floor * 100.0
        ),
        Detail::Subsidies { claimed, income } => format!(
            "subsidies claimed total {} yuan; training-subsidy funds received this year {} yuan",
            crate::domain::Money(*claimed),
            crate::domain::Money(*income)
        ),
        Detail::PerHour { person_times, hours } if *hours <= 0.0 => {
            format!("{person_times} person-times in 0 hours of service")
        }
        Detail::PerHour { person_times, hours } => format!(
            "{person_times} person-times in {hours} hours is {:.0} an hour, above {:.0}",
            *person_times as f64 / hours,
            crate::rules::MAX_PER_HOUR
        ),
    }
}

/// "error ID01 Person 张三（150102********1238） · Document number: …. Fix: …"
/// What is wrong and how to fix it, without the rule, record and field (shown beside them).
pub fn finding_message(f: &Finding) -> String {
    format!("{}. Fix: {}", what(f), fix(f.rule))
}

pub fn finding(f: &Finding) -> String {
    let severity = severity(f.severity);
    let field = field_label(f.kind.code(), f.field, Lang::En);
    format!(
        "{severity} {} {} {} · {field}: {}. Fix: {}",
        f.rule.id(),
        f.kind.label(Lang::En),
        crate::i18n::shown::value(&f.record, Lang::En),
        what(f),
        fix(f.rule)
    )
}

/// An error or a warning.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The findings workbook: the findings' sheet and its columns.
pub const FINDINGS_SHEET: (&str, [&str; 8]) = (
    "Findings",
    [
        "Rule",
        "Severity",
        "Register",
        "Record",
        "Field",
        "Value",
        "Problem",
        "How to fix",
    ],
);

/// The summary by rule's sheet and its columns.
pub const BY_RULE_SHEET: (&str, [&str; 4]) = ("By rule", ["Rule", "Severity", "Count", "Purpose"]);
