//! Validator rules: purpose, how to fix, and what was found.

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
    }
}

fn what(f: &Finding) -> String {
    match &f.detail {
        Detail::Field(issue) => super::problems::problem(&issue.problem, issue.kind.code()),
        Detail::Age(age) => format!("{age} years old when enrolled"),
        Detail::Unprintable(chars) => {
            format!("the report font cannot print {chars}; the return shows its code")
        }
        Detail::OtherPerson { name, doc } => format!("may be the same person as \"{name} ({doc})\""),
        Detail::None => purpose(f.rule).to_string(),
    }
}

/// "error ID01 Person 张三（150102********1238） · Document number: …. Fix: …"
/// What is wrong and how to fix it, without the rule, record and field (shown beside them).
pub fn finding_message(f: &Finding) -> String {
    format!("{}. Fix: {}", what(f), fix(f.rule))
}

pub fn finding(f: &Finding) -> String {
    let severity = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
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
