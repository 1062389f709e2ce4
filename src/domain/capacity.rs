//! Training capacity and public training services: the base's facilities, what each can
//! train, the declared annual capacity, and the public training it delivered.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::check::{Checker, clean, clean_optional};
use crate::domain::grade::SkillGrade;
use crate::domain::org::Organisation;
use crate::domain::text::CharRule;
use crate::domain::{Id, Money, Record, RecordKind, Today, Verdict};

/// A practical-training facility (实训场地).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facility {
    pub org: Id<Organisation>,
    pub name: String,
    pub area_m2: f64,
    /// 工位
    pub workstations: u32,
    pub equipment_count: u32,
    pub equipment_value: Money,
    pub opened_year: Option<i32>,
}

impl Record for Facility {
    const KIND: RecordKind = RecordKind::Facility;

    fn normalise(&mut self) {
        clean(&mut self.name);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Facility, today);
        c.name("name", &self.name, 100, CharRule::Name);
        c.amount("area_m2", self.area_m2, 1_000_000.0);
        c.amount("workstations", self.workstations as f64, 100_000.0);
        c.amount("equipment_count", self.equipment_count as f64, 1_000_000.0);
        c.amount("equipment_value", self.equipment_value.yuan(), 1e11);
        c.year("opened_year", self.opened_year);
        c.finish()
    }
}

/// An occupation a facility can train, up to a grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacilityOccupation {
    pub facility: Id<Facility>,
    pub occupation: String,
    pub max_grade: SkillGrade,
}

impl Record for FacilityOccupation {
    const KIND: RecordKind = RecordKind::FacilityOccupation;

    fn normalise(&mut self) {
        self.occupation = crate::domain::text::normalise_code(&self.occupation);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::FacilityOccupation, today);
        c.occupation("occupation", &self.occupation);
        c.finish()
    }
}

/// The annual capacity an organisation declares, which the policy measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapacityDeclaration {
    pub org: Id<Organisation>,
    pub year: i32,
    /// High-skill people trainable per year.
    pub high_skill_per_year: u32,
    /// Public training person-times per year.
    pub public_service_per_year: u32,
    pub note: Option<String>,
}

impl Record for CapacityDeclaration {
    const KIND: RecordKind = RecordKind::CapacityDeclaration;

    fn normalise(&mut self) {
        clean_optional(&mut self.note);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::CapacityDeclaration, today);
        c.year("year", Some(self.year));
        c.amount(
            "high_skill_per_year",
            self.high_skill_per_year as f64,
            1_000_000.0,
        );
        c.amount(
            "public_service_per_year",
            self.public_service_per_year as f64,
            10_000_000.0,
        );
        c.optional_text("note", self.note.as_deref(), 500);
        c.finish()
    }
}

code_enum! {
    /// Who received a public training service.
    pub enum RecipientType {
        /// 企业
        Enterprise = "enterprise",
        /// 院校
        College = "college",
        /// 培训机构
        TrainingInstitution = "training_institution",
        /// 其他
        Other = "other",
    }
}

/// One public training service (公共实训服务) delivered to a local unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicService {
    pub org: Id<Organisation>,
    pub date: NaiveDate,
    pub recipient: String,
    pub recipient_type: RecipientType,
    /// 人次. Zero is saved but flagged by the validator.
    pub person_times: u32,
    pub hours: f64,
    pub content: String,
    pub facility: Option<Id<Facility>>,
}

impl Record for PublicService {
    const KIND: RecordKind = RecordKind::PublicService;

    fn normalise(&mut self) {
        clean(&mut self.recipient);
        clean(&mut self.content);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::PublicService, today);
        c.past_date("date", self.date);
        c.name("recipient", &self.recipient, 100, CharRule::Name);
        c.amount("person_times", self.person_times as f64, 1_000_000.0);
        c.amount("hours", self.hours, 10_000.0);
        c.text("content", &self.content, 500);
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_or_absurd_quantities_are_errors() {
        let f = Facility {
            org: Id::new(),
            name: "焊接实训车间".into(),
            area_m2: -1.0,
            workstations: 40,
            equipment_count: 40,
            equipment_value: Money::from_yuan(1_200_000.0),
            opened_year: Some(2016),
        };
        let today = Today(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert!(f.validate(today).for_field("area_m2").next().is_some());
        let ok = Facility { area_m2: 600.0, ..f };
        assert!(!ok.validate(today).has_errors());
    }
}
