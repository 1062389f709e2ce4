//! A base's teachers and the training they took.

use chrono::Datelike;

use crate::demo::{AS_OF, FIRST_YEAR};
use crate::domain::Id;
use crate::domain::grade::SkillGrade;
use crate::domain::org::Organisation;
use crate::domain::person::EmployerType;
use crate::domain::staff::{Teacher, TeacherKind, TeacherTraining};

use super::*;

impl Gen<'_, '_> {
    pub(super) fn teachers(
        &mut self,
        org: Id<Organisation>,
        n: u64,
        home: &str,
        pool: &[(String, EmployerType)],
        occupations: &[&'static str],
    ) -> Result<()> {
        const TITLES: &[&str] = &[
            "讲师",
            "高级讲师",
            "实习指导教师",
            "高级实习指导教师",
            "工程师",
            "高级工程师",
            "技师",
            "高级技师",
        ];
        for i in 0..n {
            let birth_year = self.rng.range(1966, 1995) as i32;
            let since = ymd(self.rng.range(2012, 2025) as i32, self.rng.range(1, 12) as u32, 1);
            let part_time = self.rng.chance(0.35);
            let employer = if part_time {
                self.rng.pick(pool).cloned()
            } else {
                None
            };
            let made = self.person(birth_year, 0.35, home, employer.as_ref(), since)?;
            let occ = occupations[i as usize % occupations.len()];
            self.qualification(
                made,
                occ,
                SkillGrade::Technician.max(grade_step(SkillGrade::Technician, (i % 2) as i32)),
                since,
                None,
            )?;
            let t = Teacher {
                org,
                person: made.id,
                kind: if part_time {
                    TeacherKind::PartTimeEnterprise
                } else {
                    TeacherKind::FullTime
                },
                integrated: self.rng.chance(0.45),
                dual_qualified: self.rng.chance(0.6),
                title: self.rng.pick(TITLES).map(|s| s.to_string()),
                occupation: Some(occ.to_string()),
                since: Some(since),
                until: None,
            };
            let teacher = self.put(&t, since)?;
            for year in since.year().max(FIRST_YEAR)..=AS_OF.year() {
                if self.rng.chance(0.5) {
                    let date = ymd(year, self.rng.range(3, 10) as u32, self.rng.range(1, 28) as u32);
                    let tt = TeacherTraining {
                        teacher,
                        date: date.min(AS_OF),
                        hours: self.rng.range(16, 80) as f64,
                        content: [
                            "一体化课程教学能力提升研修",
                            "技能大赛裁判员培训",
                            "新技术新工艺企业实践",
                            "职业技能等级认定考评员培训",
                        ][self.rng.below(4) as usize]
                            .to_string(),
                        provider: Some(
                            [
                                "内蒙古自治区职业技能鉴定指导中心",
                                "国家级高技能人才培训基地师资研修班",
                                "合作企业",
                            ][self.rng.below(3) as usize]
                                .to_string(),
                        ),
                    };
                    self.put(&tt, tt.date)?;
                }
            }
        }
        Ok(())
    }
}
