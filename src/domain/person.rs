//! People: trainees, apprentices, masters and teachers, identified by their document.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::check::{Checker, CodeTable, Problem, clean_code, clean_optional, clean_optional_number};
use crate::domain::codes;
use crate::domain::identity::{self, DocType, Sex};
use crate::domain::text::CharRule;
use crate::domain::{Record, RecordKind, Today, Verdict};

/// Whole years from `birth` to `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

code_enum! {
    /// The kind of unit a person works for.
    pub enum EmployerType {
        StateOwned = "state_owned",
        Private = "private",
        ForeignFunded = "foreign_funded",
        Institution = "institution",
        Government = "government",
        College = "college",
        TrainingInstitution = "training_institution",
        SelfEmployed = "self_employed",
        None = "none",
        Other = "other",
    }
}

/// A person in the registers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub doc_type: DocType,
    /// The document number, normalised (an 18-character citizen ID with upper-case `X`).
    pub doc_number: String,
    /// For a citizen ID, must agree with the number.
    pub sex: Sex,
    /// For a citizen ID, must agree with the number.
    pub birth_date: NaiveDate,
    /// GB/T 3304 two-digit code, e.g. `02` 蒙古族.
    pub ethnicity: Option<String>,
    /// GB/T 4658-2006 code, e.g. `31` 大学专科毕业.
    pub education: Option<String>,
    pub phone: Option<String>,
    pub employer: Option<String>,
    pub employer_type: Option<EmployerType>,
    /// Where the person lives or is registered: a GB/T 2260 code (any province). For a
    /// citizen ID it defaults to the number's address code.
    pub division: Option<String>,
    pub notes: Option<String>,
}

impl Person {
    /// A person with a citizen ID: birth date and sex are derived from the number.
    pub fn from_citizen_id(name: &str, id_number: &str, today: Today) -> Result<Person, identity::IdError> {
        let info = identity::parse_citizen_id(id_number, today.0)?;
        Ok(Person {
            name: name.to_string(),
            doc_type: DocType::CitizenId,
            division: Some(info.address_code.clone()),
            doc_number: info.number,
            sex: info.sex,
            birth_date: info.birth_date,
            ethnicity: None,
            education: None,
            phone: None,
            employer: None,
            employer_type: None,
            notes: None,
        })
    }

    /// The document number as printed on anything that leaves the base: first 6 and last
    /// 4 characters shown, the rest as `*`.
    pub fn masked_doc_number(&self) -> String {
        identity::mask_document_number(&self.doc_number)
    }
}

impl Record for Person {
    const KIND: RecordKind = RecordKind::Person;

    fn normalise(&mut self) {
        self.name = crate::domain::text::normalise_name(&self.name);
        self.doc_number = crate::domain::text::normalise_code(&self.doc_number);
        if self.doc_type == DocType::CitizenId
            && self.doc_number.len() == 15
            && let Ok(upgraded) = identity::upgrade_15(&self.doc_number)
        {
            self.doc_number = upgraded;
        }
        if let Some(code) = &self.ethnicity
            && let Some(e) = codes::ethnicity(code).or_else(|| codes::ethnicity_by_name(code))
        {
            self.ethnicity = Some(e.code.to_string());
        }
        clean_code(&mut self.ethnicity);
        clean_code(&mut self.education);
        clean_optional_number(&mut self.phone);
        clean_optional(&mut self.employer);
        clean_code(&mut self.division);
        clean_optional(&mut self.notes);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Person, today);
        c.name("name", &self.name, 50, CharRule::PersonName);
        match self.doc_type {
            DocType::CitizenId => match identity::parse_citizen_id(&self.doc_number, today.0) {
                Ok(info) => {
                    if info.birth_date != self.birth_date {
                        c.error(
                            "birth_date",
                            Problem::BirthDateMismatch {
                                from_id: info.birth_date,
                                entered: self.birth_date,
                            },
                        );
                    }
                    if info.sex != self.sex {
                        c.error(
                            "sex",
                            Problem::SexMismatch {
                                from_id: info.sex,
                                entered: self.sex,
                            },
                        );
                    }
                    if info.address.is_none() {
                        c.warning(
                            "doc_number",
                            Problem::UnknownAddressCode {
                                code: info.address_code,
                            },
                        );
                    }
                }
                Err(_) if self.doc_number.is_empty() => c.error("doc_number", Problem::Required),
                Err(e) => c.error("doc_number", Problem::IdNumber(e)),
            },
            other => {
                if let Err(e) = identity::validate_other_document(other, &self.doc_number) {
                    c.error("doc_number", Problem::DocNumber(e));
                }
                c.past_date("birth_date", self.birth_date);
            }
        }
        if let Some(code) = &self.ethnicity
            && codes::ethnicity(code).is_none()
        {
            c.error(
                "ethnicity",
                Problem::UnknownCode {
                    table: CodeTable::Ethnicity,
                    value: code.clone(),
                },
            );
        }
        if let Some(code) = &self.education
            && codes::education(code).is_none()
        {
            c.error(
                "education",
                Problem::UnknownCode {
                    table: CodeTable::Education,
                    value: code.clone(),
                },
            );
        }
        if let Some(code) = &self.division
            && codes::historic_division(code).is_none()
        {
            c.warning(
                "division",
                Problem::UnknownCode {
                    table: CodeTable::HistoricDivision,
                    value: code.clone(),
                },
            );
        }
        c.phone("phone", self.phone.as_deref());
        c.optional_text("employer", self.employer.as_deref(), 100);
        c.optional_text("notes", self.notes.as_deref(), 2000);
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Today {
        Today(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
    }

    fn valid() -> Person {
        Person::from_citizen_id("张三", "150102199003071237", today()).unwrap()
    }

    #[test]
    fn a_citizen_id_gives_birth_date_sex_and_division() {
        let p = valid();
        assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1990, 3, 7).unwrap());
        assert_eq!(p.sex, Sex::Male);
        assert_eq!(p.division.as_deref(), Some("150102"));
        assert!(!p.validate(today()).has_errors());
    }

    #[test]
    fn a_birth_date_or_sex_that_disagrees_with_the_id_is_an_error_on_that_field() {
        let mut p = valid();
        p.birth_date = NaiveDate::from_ymd_opt(1990, 3, 8).unwrap();
        p.sex = Sex::Female;
        let v = p.validate(today());
        assert!(
            v.for_field("birth_date")
                .any(|i| matches!(i.problem, Problem::BirthDateMismatch { .. }))
        );
        assert!(
            v.for_field("sex")
                .any(|i| matches!(i.problem, Problem::SexMismatch { .. }))
        );
    }

    #[test]
    fn normalise_accepts_full_width_lower_case_and_15_digit_numbers() {
        let mut p = valid();
        p.doc_number = "１５２５０２１９８５０６１５０３４x ".into();
        p.normalise();
        assert_eq!(p.doc_number, "15250219850615034X");

        let mut old = valid();
        old.doc_number = "150102900307123".into();
        old.normalise();
        assert_eq!(old.doc_number.len(), 18);
        assert!(old.doc_number.starts_with("15010219900307123"));
    }

    #[test]
    fn a_wrong_check_character_is_an_error_on_the_document_number() {
        let mut p = valid();
        p.doc_number = "150102199003071238".into();
        let v = p.validate(today());
        assert!(
            v.for_field("doc_number")
                .any(|i| matches!(i.problem, Problem::IdNumber(_)))
        );
    }

    #[test]
    fn passports_have_no_checksum_but_need_a_plausible_birth_date() {
        let mut p = valid();
        p.doc_type = DocType::Passport;
        p.doc_number = "E12345678".into();
        assert!(!p.validate(today()).has_errors());
        p.birth_date = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        assert!(p.validate(today()).has_errors());
    }

    #[test]
    fn masking_keeps_first_six_and_last_four() {
        assert_eq!(valid().masked_doc_number(), "150102********1237");
    }
}
