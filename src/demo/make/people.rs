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
        // Drawn from the main stream as before, so the rest of the demo is unchanged.
        let (station, serial) = (self.rng.below(999), self.rng.below(100_000_000));
        let (cert_type, cert_number) = demo_certificate(grade, issued, station, serial);
        let evaluator = (cert_type == CertType::SkillLevel)
            .then(|| EVALUATORS[self.quality_rng.below(EVALUATORS.len() as u64) as usize].to_string());
        let q = Qualification {
            evaluator,
            person: who.id,
            occupation: occupation.to_string(),
            work_type: None,
            grade,
            cert_type,
            cert_number,
            issued_on: issued,
            issuer: Some("内蒙古自治区职业技能鉴定指导中心".into()),
            enrolment,
        };
        self.bulk.insert(id, &q, at(issued))
    }
}

/// Evaluation organisations (评价机构) a demo skill-level certificate names.
const EVALUATORS: &[&str] = &[
    "内蒙古自治区职业技能鉴定指导中心",
    "包头职业技术学院职业技能等级认定中心",
    "内蒙古第一机械集团有限公司职业技能等级认定站",
    "呼和浩特市职业技能等级认定服务中心",
];

/// A demo certificate's type and number in the real formats (`domain::cert_number`):
/// a 职业资格证书 before 2020 (16 digits: year, Inner Mongolia, city, testing body,
/// level, serial), a 职业技能等级证书 since (22 characters: S, organisation 0000
/// registered with the region, 15, the station, year, level, serial); 特级技师 and 首席技师
/// are enterprise appointments and 学徒工 a training certificate, whose numbers have no
/// known format.
fn demo_certificate(
    grade: SkillGrade,
    issued: NaiveDate,
    station: u64,
    serial: u64,
) -> (CertType, Option<String>) {
    let yy = issued.year().rem_euclid(100);
    let Some(level) = grade.national_level() else {
        let t = if grade == SkillGrade::Apprentice {
            CertType::TrainingCertificate
        } else {
            CertType::Appointment
        };
        return (t, Some(format!("NM{}{:06}", issued.year(), serial % 1_000_000)));
    };
    if issued.year() < 2020 {
        let number = format!(
            "{yy:02}15{:02}{}{:03}{level}{:05}",
            1 + station % 12,
            station % 5,
            station,
            serial % 100_000
        );
        (CertType::Qualification, Some(number))
    } else {
        let number = format!(
            "S000015{:06}{yy:02}{level}{:06}",
            150_000 + station,
            serial % 1_000_000
        );
        (CertType::SkillLevel, Some(number))
    }
}
