//! A base's capacity: its facilities and the occupations each trains, the yearly
//! capacity declarations, and the public training services it gives.

use chrono::Datelike;

use crate::demo::{AS_OF, FIRST_YEAR};
use crate::domain::capacity::{
    CapacityDeclaration, Facility, FacilityOccupation, PublicService, RecipientType,
};
use crate::domain::codes;
use crate::domain::grade::SkillGrade;
use crate::domain::org::{Organisation, Tier};
use crate::domain::person::EmployerType;
use crate::domain::{Id, Money};

use super::*;

impl Gen<'_, '_> {
    pub(super) fn facilities(
        &mut self,
        org: Id<Organisation>,
        occupations: &[&'static str],
        scale: f64,
        opened: i32,
    ) -> Result<Vec<Id<Facility>>> {
        let n = ((8.0 * scale).round() as i64).max(3) + self.rng.range(0, 3);
        let mut out = Vec::new();
        for i in 0..n as usize {
            let occ = occupations[i % occupations.len()];
            let occ_name = codes::occupation(occ).map_or("综合", |o| o.name);
            let workstations = self.rng.range(20, 60) as u32;
            let f = Facility {
                org,
                name: format!("{occ_name}实训室（{}）", ["A", "B", "C", "D"][i % 4]),
                area_m2: (workstations as f64 * self.rng.range(8, 15) as f64).round(),
                workstations,
                equipment_count: workstations + self.rng.range(0, 20) as u32,
                equipment_value: Money(self.rng.range(300_000, 3_000_000) * 100),
                opened_year: Some(opened - self.rng.range(0, 6) as i32),
            };
            let id = self.put(&f, ymd(opened, 4, 1))?;
            for (j, occ) in occupations
                .iter()
                .cycle()
                .skip(i)
                .take(self.rng.range(1, 3) as usize)
                .enumerate()
            {
                let grade = if j == 0 {
                    SkillGrade::SeniorTechnician
                } else {
                    SkillGrade::Technician
                };
                self.put(
                    &FacilityOccupation {
                        facility: id,
                        occupation: occ.to_string(),
                        max_grade: grade,
                    },
                    ymd(opened, 4, 1),
                )?;
            }
            out.push(id);
        }
        Ok(out)
    }

    pub(super) fn capacity(&mut self, org: Id<Organisation>, tier: Tier, from: i32) -> Result<()> {
        let (skill, service) = match tier {
            Tier::National => (1000, 1500),
            Tier::Region => (500, 800),
            Tier::League => (300, 500),
        };
        for year in from.max(FIRST_YEAR)..=AS_OF.year() {
            let c = CapacityDeclaration {
                org,
                year,
                high_skill_per_year: (skill as f64 * (1.2 + self.rng.range(0, 40) as f64 / 100.0)) as u32,
                public_service_per_year: (service as f64 * (1.2 + self.rng.range(0, 50) as f64 / 100.0))
                    as u32,
                note: Some(format!("{year}年度培训能力申报")),
            };
            self.put(&c, ymd(year, 1, 15))?;
        }
        Ok(())
    }

    pub(super) fn services(
        &mut self,
        org: Id<Organisation>,
        tier: Tier,
        pool: &[(String, EmployerType)],
        facilities: &[Id<Facility>],
        city: &str,
    ) -> Result<()> {
        let target = match tier {
            Tier::National => 1500,
            Tier::Region => 800,
            Tier::League => 500,
        } as f64;
        const CONTENT: &[&str] = &[
            "焊接技能提升实训",
            "电工作业安全实训",
            "数控加工实操训练",
            "设备点检与维修实训",
            "职业技能等级认定前实训",
            "新入职员工岗前实训",
            "技能竞赛集训",
            "工业机器人操作实训",
            "化工总控仿真实训",
        ];
        for year in FIRST_YEAR..=AS_OF.year() {
            let share = match year {
                2020 => 0.75,
                2026 => 0.8,
                _ => 1.05 + self.rng.range(0, 40) as f64 / 100.0,
            };
            let mut left = (target * share) as i64;
            while left > 0 {
                let n = self.rng.range(8, 60).min(left);
                left -= n;
                let (recipient, recipient_type) = match self.rng.below(10) {
                    0..=5 => (
                        self.rng
                            .pick(pool)
                            .map_or_else(|| "合作企业".to_string(), |e| e.0.clone()),
                        RecipientType::Enterprise,
                    ),
                    6..=7 => (
                        format!(
                            "{city}{}职业学校",
                            ["第一", "第二", "工业", "交通"][self.rng.below(4) as usize]
                        ),
                        RecipientType::College,
                    ),
                    8 => (
                        format!(
                            "{city}{}职业培训学校",
                            ["新兴", "众诚", "技能之家"][self.rng.below(3) as usize]
                        ),
                        RecipientType::TrainingInstitution,
                    ),
                    _ => (format!("{city}就业服务中心"), RecipientType::Other),
                };
                let day_of_year = self.rng.range(15, 340);
                let date = add_days(ymd(year, 1, 1), day_of_year);
                if date > AS_OF {
                    continue;
                }
                let s = PublicService {
                    org,
                    date,
                    recipient,
                    recipient_type,
                    person_times: n as u32,
                    hours: self.rng.range(4, 40) as f64,
                    content: self.rng.pick(CONTENT).map_or_else(String::new, |c| c.to_string()),
                    facility: self.rng.pick(facilities).copied(),
                };
                self.put(&s, date)?;
            }
        }
        Ok(())
    }
}
