//! A master studio: its organisation, the master, each year's apprentices and the
//! studio's achievements.

use chrono::Datelike;

use crate::demo::names::credit_code;
use crate::demo::{AS_OF, FIRST_YEAR};
use crate::domain::codes;
use crate::domain::grade::SkillGrade;
use crate::domain::honours::{Award, Honour};
use crate::domain::org::{OrgKind, Organisation, Tier};
use crate::domain::person::EmployerType;
use crate::domain::studio::{Achievement, AchievementKind, Apprenticeship, ApprenticeshipStatus};
use crate::domain::{Id, Money};

use super::organisations::industry_words;
use super::*;

impl Gen<'_, '_> {
    pub(super) fn studio(
        &mut self,
        plan: &StudioPlan,
        host: Option<Id<Organisation>>,
    ) -> Result<Id<Organisation>> {
        self.studio_counter += 1;
        let home = &plan.division[..4];
        let approved = match plan.tier {
            Tier::National => FIRST_YEAR,
            _ => self.rng.range(2016, FIRST_YEAR as i64) as i32,
        };
        let occupations = self.occupations(plan.industry);
        let occupation = occupations[self.studio_counter % occupations.len()];
        let occ_name = codes::occupation(occupation).map_or("技能", |o| o.name);
        let words = industry_words(plan.industry);
        let employer = (
            format!(
                "内蒙古{}{}有限责任公司",
                ["北方", "蒙西", "阴山", "黄河", "草原"][self.studio_counter % 5],
                words[0]
            ),
            EmployerType::StateOwned,
        );
        let birth_year = self.rng.range(1966, 1982) as i32;
        let (mut master, master_name) =
            self.person_named(birth_year, 0.15, home, Some(&employer), ymd(approved, 1, 10))?;
        self.qualification(master, occupation, SkillGrade::Technician, ymd(2006, 6, 1), None)?;
        let top_year = self.rng.range(2010, 2015) as i32;
        self.qualification(
            master,
            occupation,
            SkillGrade::SeniorTechnician,
            ymd(top_year, 7, 1),
            None,
        )?;
        master.grade = SkillGrade::SeniorTechnician;
        // National studios' masters are appointed 特级技师 and later 首席技师 by their
        // enterprise; one region studio in three has a 特级技师.
        if plan.tier == Tier::National || self.studio_counter.is_multiple_of(3) {
            self.qualification(
                master,
                occupation,
                SkillGrade::SpecialTechnician,
                ymd(2022, 1, 10),
                None,
            )?;
            master.grade = SkillGrade::SpecialTechnician;
        }
        if plan.tier == Tier::National {
            self.qualification(
                master,
                occupation,
                SkillGrade::ChiefTechnician,
                ymd(2024, 1, 10),
                None,
            )?;
            master.grade = SkillGrade::ChiefTechnician;
        }
        let mut name = format!("{master_name}{occ_name}技能大师工作室");
        if !self.studio_names.insert(name.clone()) {
            // Two masters of the same name and trade: studios are told apart by their host.
            name = format!("{}{name}", employer.0.trim_end_matches("有限责任公司"));
            self.studio_names.insert(name.clone());
        }
        let mut org = Organisation::new(OrgKind::MasterStudio, &name);
        org.tier = Some(plan.tier);
        org.credit_code = Some(credit_code(&mut self.rng, "91", plan.division));
        org.division = Some(plan.division.to_string());
        org.host = host;
        org.host_unit = Some(employer.0.clone());
        org.industry = Some(plan.industry);
        org.approval_doc = Some(format!("内人社办发〔{approved}〕{}号", self.rng.range(20, 250)));
        org.approval_year = Some(approved);
        org.master = Some(master.id);
        org.contact_name = Some(master_name.clone());
        org.contact_phone = Some(format!("13{:09}", self.rng.below(1_000_000_000)));
        let studio = self.put(&org, ymd(approved, 3, 1))?;
        let honour = *self
            .rng
            .pick(&[
                Honour::NationalTechnicalExpert,
                Honour::RegionTechnicalExpert,
                Honour::RegionOutstandingTechnician,
                Honour::MayDayMedal,
            ])
            .unwrap_or(&Honour::RegionTechnicalExpert);
        self.put(
            &Award {
                org: studio,
                person: Some(master.id),
                competition: None,
                honour: Some(honour),
                title: "个人荣誉".into(),
                date: ymd(approved - 1, 4, 28),
                conferred_by: Some("内蒙古自治区人民政府".into()),
            },
            ymd(approved, 3, 1),
        )?;

        let mut template = Vec::new();
        for year in approved.max(FIRST_YEAR)..=AS_OF.year() {
            for _ in 0..plan.apprentices_per_year {
                let start = ymd(year, self.rng.range(2, 9) as u32, self.rng.range(1, 28) as u32);
                if start > AS_OF {
                    continue;
                }
                let age = self.rng.range(21, 34) as i32;
                let mut apprentice = self.person(year - age, 0.15, home, Some(&employer), start)?;
                let at_start = *self
                    .rng
                    .weighted(&[
                        (SkillGrade::Apprentice, 2),
                        (SkillGrade::Intermediate, 5),
                        (SkillGrade::Senior, 3),
                    ])
                    .unwrap_or(&SkillGrade::Intermediate);
                let before = self.rng.range(200, 1500);
                self.qualification(apprentice, occupation, at_start, add_days(start, -before), None)?;
                apprentice.grade = at_start;
                let end = add_days(start, self.rng.range(365, 760));
                let (status, at_end) = if end > AS_OF {
                    (ApprenticeshipStatus::Active, None)
                } else if self.rng.chance(0.88) {
                    (
                        ApprenticeshipStatus::Completed,
                        Some(grade_step(at_start, if self.rng.chance(0.25) { 2 } else { 1 })),
                    )
                } else {
                    (ApprenticeshipStatus::Terminated, Some(at_start))
                };
                if let (ApprenticeshipStatus::Completed, Some(g)) = (status, at_end) {
                    self.qualification(apprentice, occupation, g, end, None)?;
                }
                let a = Apprenticeship {
                    studio,
                    master: master.id,
                    apprentice: apprentice.id,
                    occupation: occupation.to_string(),
                    // A few agreements were never recorded: the validator warns about them.
                    agreement_date: (!self.rng.chance(0.03)).then(|| add_days(start, -self.rng.range(0, 20))),
                    start_date: start,
                    end_date: Some(end),
                    grade_at_start: Some(at_start),
                    grade_at_end: at_end,
                    status,
                    outcome: match status {
                        ApprenticeshipStatus::Completed => {
                            Some("按期出师，取得高一级职业技能等级证书".into())
                        }
                        ApprenticeshipStatus::Terminated => Some("因工作调动终止带徒协议".into()),
                        ApprenticeshipStatus::Active => None,
                    },
                };
                let id = self.put(&a, start)?;
                if year >= 2024
                    && let Some(signed) = a.agreement_date
                {
                    let code = id.to_string()[..8].to_uppercase();
                    let pdf = super::evidence::agreement_pdf(&code, start, occupation);
                    self.evidence(
                        crate::domain::RecordKind::Apprenticeship,
                        id,
                        "带徒协议.pdf",
                        &pdf,
                        signed,
                    )?;
                }
                if year >= super::studio_log::LOG_SINCE {
                    if template.is_empty() {
                        template = self.stage_template(studio, occupation)?;
                    }
                    self.apprenticeship_log(id, &a, master.id, &template)?;
                }
            }
            for _ in 0..self.rng.range(2, 5) {
                let kind = *self
                    .rng
                    .pick(&[
                        AchievementKind::TechnicalBreakthrough,
                        AchievementKind::ProcessImprovement,
                        AchievementKind::Patent,
                        AchievementKind::Method,
                    ])
                    .unwrap_or(&AchievementKind::Other);
                let date = ymd(year, self.rng.range(3, 12) as u32, self.rng.range(1, 28) as u32);
                if date > AS_OF {
                    continue;
                }
                let subject = [
                    "设备故障诊断",
                    "焊接变形控制",
                    "能耗降低",
                    "工装夹具改进",
                    "检测流程优化",
                    "安全操作规程",
                ][self.rng.below(6) as usize];
                let a = Achievement {
                    org: studio,
                    kind,
                    title: format!(
                        "{subject}{}",
                        match kind {
                            AchievementKind::Patent => "实用新型专利",
                            AchievementKind::Method => "操作法",
                            AchievementKind::ProcessImprovement => "工艺改进",
                            _ => "技术攻关",
                        }
                    ),
                    date,
                    people: Some(format!("{master_name}等")),
                    patent_number: (kind == AchievementKind::Patent).then(|| {
                        format!(
                            "ZL{year}2{:07}.{}",
                            self.rng.below(10_000_000),
                            self.rng.below(10)
                        )
                    }),
                    economic_benefit: Money(self.rng.range(50_000, 3_000_000) * 100),
                    description: None,
                };
                self.put(&a, date)?;
            }
        }
        self.funds(studio, plan.tier, approved, false)?;
        Ok(studio)
    }
}
