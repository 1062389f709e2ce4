//! People and their certificates (the qualification register).

use chrono::{Datelike, NaiveDate};

use crate::demo::AS_OF;
use crate::domain::Id;
use crate::domain::grade::SkillGrade;
use crate::domain::identity::DocType;
use crate::domain::person::{EmployerType, Person};
use crate::domain::training::{CertType, Enrolment, Qualification};

use super::*;

impl Gen<'_, '_> {
    pub(super) fn person(
        &mut self,
        birth_year: i32,
        female: f64,
        home: &str,
        employer: Option<&(String, EmployerType)>,
        on: NaiveDate,
    ) -> Result<Made> {
        self.person_named(birth_year, female, home, employer, on)
            .map(|(made, _)| made)
    }

    pub(super) fn person_named(
        &mut self,
        birth_year: i32,
        female: f64,
        home: &str,
        employer: Option<&(String, EmployerType)>,
        on: NaiveDate,
    ) -> Result<(Made, String)> {
        let s = self.people.someone(&mut self.rng, birth_year, female, home);
        let p = Person {
            name: s.name,
            doc_type: DocType::CitizenId,
            division: Some(s.id_number[..6].to_string()),
            doc_number: s.id_number,
            sex: s.sex,
            birth_date: s.birth_date,
            ethnicity: Some(s.ethnicity.to_string()),
            education: Some(s.education.to_string()),
            phone: s.phone,
            employer: employer.map(|e| e.0.clone()),
            employer_type: employer.map(|e| e.1),
            notes: None,
        };
        let id = self.put(&p, on)?;
        self.people_made += 1;
        if self.people_made.is_multiple_of(1000) {
            self.progress.advance(1000);
        }
        Ok((
            Made {
                id,
                birth: p.birth_date,
                grade: SkillGrade::Apprentice,
            },
            p.name,
        ))
    }

    pub(super) fn qualification(
        &mut self,
        who: Made,
        occupation: &str,
        grade: SkillGrade,
        issued: NaiveDate,
        enrolment: Option<Id<Enrolment>>,
    ) -> Result<Id<Qualification>> {
        let id = self.next_id();
        self.qualification_with_id(id, who, occupation, grade, issued, enrolment)?;
        Ok(id)
    }

    /// The first day a certificate may carry: the holder's 17th birthday (a year past the
    /// rule's 16, as real certificates are).
    pub(super) fn earliest_certificate(who: Made) -> NaiveDate {
        ymd(who.birth.year() + 17, who.birth.month(), who.birth.day().min(28))
    }

    pub(super) fn qualification_with_id(
        &mut self,
        id: Id<Qualification>,
        who: Made,
        occupation: &str,
        grade: SkillGrade,
        issued: NaiveDate,
        enrolment: Option<Id<Enrolment>>,
    ) -> Result<()> {
        let issued = issued.max(Self::earliest_certificate(who)).min(AS_OF);
        let q = Qualification {
            evaluator: None,
            person: who.id,
            occupation: occupation.to_string(),
            work_type: None,
            grade,
            cert_type: if grade > SkillGrade::SeniorTechnician {
                CertType::Appointment
            } else {
                CertType::SkillLevel
            },
            cert_number: Some(format!(
                "S{:06}{:02}{:08}",
                150000 + self.rng.below(999),
                issued.year() % 100,
                self.rng.below(100_000_000)
            )),
            issued_on: issued,
            issuer: Some("内蒙古自治区职业技能鉴定指导中心".into()),
            enrolment,
        };
        self.bulk.insert(id, &q, at(issued))
    }
}
