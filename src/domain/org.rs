//! Organisations: the training base or master studio itself, and the studios a base hosts.

use serde::{Deserialize, Serialize};

use crate::domain::check::{
    Checker, NotAllowed, Problem, clean, clean_code, clean_optional, clean_optional_number,
};
use crate::domain::codes::KeyIndustry;
use crate::domain::identity;
use crate::domain::person::Person;
use crate::domain::text::CharRule;
use crate::domain::{Id, Record, RecordKind, Today, Verdict};

code_enum! {
    /// What kind of organisation this is; it decides which indicators apply.
    pub enum OrgKind {
        /// 高技能人才培训基地
        TrainingBase = "training_base",
        /// 技能大师工作室
        MasterStudio = "master_studio",
    }
}

code_enum! {
    /// The level at which the organisation was approved; it decides the targets.
    pub enum Tier {
        /// 国家级
        National = "national",
        /// 自治区级
        Region = "region",
        /// 盟市级
        League = "league",
    }
}

/// A training base or master studio.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub kind: OrgKind,
    /// Missing tier is allowed while the record is being set up; the validator flags it.
    pub tier: Option<Tier>,
    pub name: String,
    /// 统一社会信用代码 of the organisation or its host unit (GB 32100).
    pub credit_code: Option<String>,
    /// Current Inner Mongolia division code (GB/T 2260).
    pub division: Option<String>,
    /// The base in this database that hosts this studio.
    pub host: Option<Id<Organisation>>,
    /// 依托单位: the unit the base or studio is built on.
    pub host_unit: Option<String>,
    pub industry: Option<KeyIndustry>,
    /// 批准文件, e.g. 内人社办发〔2020〕221号.
    pub approval_doc: Option<String>,
    pub approval_year: Option<i32>,
    /// For a studio: the master (领办人) it is named after.
    pub master: Option<Id<Person>>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub address: Option<String>,
}

impl Organisation {
    pub fn new(kind: OrgKind, name: &str) -> Organisation {
        Organisation {
            kind,
            tier: None,
            name: name.to_string(),
            credit_code: None,
            division: None,
            host: None,
            host_unit: None,
            industry: None,
            approval_doc: None,
            approval_year: None,
            master: None,
            contact_name: None,
            contact_phone: None,
            address: None,
        }
    }
}

impl Record for Organisation {
    const KIND: RecordKind = RecordKind::Organisation;

    fn normalise(&mut self) {
        clean(&mut self.name);
        clean_code(&mut self.credit_code);
        clean_code(&mut self.division);
        clean_optional(&mut self.host_unit);
        clean_optional(&mut self.approval_doc);
        clean_optional(&mut self.contact_name);
        clean_optional_number(&mut self.contact_phone);
        clean_optional(&mut self.address);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Organisation, today);
        c.name("name", &self.name, 100, CharRule::Name);
        if let Some(code) = &self.credit_code
            && let Err(e) = identity::validate_credit_code(code)
        {
            c.error("credit_code", Problem::CreditCode(e));
        }
        c.im_division("division", self.division.as_deref());
        if self.host.is_some() && self.kind != OrgKind::MasterStudio {
            c.error(
                "host",
                Problem::NotAllowed {
                    reason: NotAllowed::OnlyStudiosAreHosted,
                },
            );
        }
        c.optional_text("host_unit", self.host_unit.as_deref(), 100);
        c.optional_text("approval_doc", self.approval_doc.as_deref(), 100);
        c.year("approval_year", self.approval_year);
        c.optional_name(
            "contact_name",
            self.contact_name.as_deref(),
            50,
            CharRule::PersonName,
        );
        c.phone("contact_phone", self.contact_phone.as_deref());
        c.optional_text("address", self.address.as_deref(), 200);
        c.finish()
    }
}

/// Key industries are stored by their code (`energy_chemical`, …).
impl Serialize for KeyIndustry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for KeyIndustry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        KeyIndustry::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown key industry code {code:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn today() -> Today {
        Today(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
    }

    #[test]
    fn credit_code_and_division_are_checked() {
        let mut o = Organisation::new(OrgKind::TrainingBase, " 包头职业技术学院 ");
        o.credit_code = Some("12150100460001231u".into());
        o.division = Some("150102".into());
        o.normalise();
        assert_eq!(o.name, "包头职业技术学院");
        assert!(!o.validate(today()).has_errors(), "{:?}", o.validate(today()));

        o.credit_code = Some("911506027013456A10".into());
        o.division = Some("110101".into());
        let v = o.validate(today());
        assert!(v.for_field("credit_code").next().is_some());
        assert!(v.for_field("division").next().is_some());
    }

    #[test]
    fn only_a_studio_can_be_hosted() {
        let mut o = Organisation::new(OrgKind::TrainingBase, "基地");
        o.host = Some(Id::new());
        assert!(o.validate(today()).for_field("host").next().is_some());
    }
}
