//! Training: a base's course packages, its cohorts and every enrolment with its result
//! and certificate.

use chrono::{Datelike, NaiveDate};

use crate::demo::{AS_OF, FIRST_YEAR};
use crate::domain::capacity::Facility;
use crate::domain::codes;
use crate::domain::grade::SkillGrade;
use crate::domain::org::Organisation;
use crate::domain::person::{EmployerType, Person};
use crate::domain::training::{
    AssessmentResult, Cohort, CoursePackage, Destination, Enrolment, EnrolmentStatus, Programme,
    Qualification, TrainingMode,
};
use crate::domain::{Id, Money};

use super::*;

impl Gen<'_, '_> {
    pub(super) fn packages(
        &mut self,
        org: Id<Organisation>,
        occupations: &[&'static str],
        from: i32,
    ) -> Result<Vec<(Id<CoursePackage>, &'static str, SkillGrade)>> {
        let mut out = Vec::new();
        for (i, occ) in occupations.iter().enumerate() {
            let name = codes::occupation(occ).map_or("综合", |o| o.name);
            for grade in [
                SkillGrade::Intermediate,
                SkillGrade::Senior,
                SkillGrade::Technician,
                SkillGrade::SeniorTechnician,
            ] {
                if grade == SkillGrade::SeniorTechnician && i % 2 == 1 {
                    continue;
                }
                let year = (from + self.rng.range(0, 5) as i32).min(AS_OF.year());
                let p = CoursePackage {
                    org,
                    name: format!("{name}（{}）职业培训包", grade.label_zh()),
                    occupation: occ.to_string(),
                    target_grade: grade,
                    theory_hours: (40 + 20 * grade.rank() as i64 + self.rng.range(0, 20)) as u32,
                    practice_hours: (80 + 40 * grade.rank() as i64 + self.rng.range(0, 40)) as u32,
                    mode: if grade >= SkillGrade::Technician {
                        TrainingMode::SemiOffJob
                    } else {
                        TrainingMode::PartTime
                    },
                    integrated: self.rng.chance(0.45),
                    developed_here: self.rng.chance(0.6),
                    year: Some(year),
                };
                let id = self.put(&p, ymd(year, 2, 20))?;
                self.package_hours.insert(id, (p.theory_hours, p.practice_hours));
                out.push((id, *occ, grade));
            }
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn training(
        &mut self,
        org: Id<Organisation>,
        plan: &BasePlan,
        occupations: &[&'static str],
        packages: &[(Id<CoursePackage>, &'static str, SkillGrade)],
        facilities: &[Id<Facility>],
        home: &str,
        pool: &[(String, EmployerType)],
    ) -> Result<()> {
        let years: Vec<i32> = (FIRST_YEAR..=AS_OF.year()).collect();
        // 2020 was a thin year (epidemic); 2026 runs only to the end of October.
        let weights: Vec<f64> = years
            .iter()
            .map(|y| match y {
                2020 => 0.7,
                2026 => 0.85,
                _ => 1.0 + (*y - FIRST_YEAR) as f64 * 0.04,
            })
            .collect();
        let total_w: f64 = weights.iter().sum();
        let mut alumni: Vec<Made> = Vec::new();
        let mut left = plan.trainees;
        for (yi, year) in years.iter().enumerate() {
            let mut quota = if yi + 1 == years.len() {
                left
            } else {
                ((plan.trainees as f64) * weights[yi] / total_w) as u64
            };
            quota = quota.min(left);
            left -= quota;
            let mut cohort_no = 0;
            while quota > 0 {
                cohort_no += 1;
                let (package, occupation, grade) = *self.rng.pick(packages).unwrap_or(&packages[0]);
                let grade = if self.rng.chance(0.12) {
                    SkillGrade::Intermediate
                } else {
                    grade
                };
                let start = ymd(*year, self.rng.range(2, 10) as u32, self.rng.range(1, 28) as u32);
                if start > AS_OF {
                    continue;
                }
                let mut end = add_days(start, self.rng.range(30, 110));
                // A quarter of the technicians' cohorts are long courses (研修) of six to
                // fourteen months: the return's duration bands have more than one band.
                // Only where the longer course leaves the main stream's draws as they were
                // (a cohort still running stays running; one that ended, with its
                // certificates issued, still has by the demo's date).
                if grade >= SkillGrade::Technician && self.quality_rng.chance(0.25) {
                    let longer = add_days(end, self.quality_rng.range(120, 320));
                    if end > AS_OF || add_days(longer, 45) <= AS_OF {
                        end = longer;
                    }
                }
                let programme = match grade {
                    SkillGrade::SeniorTechnician if self.rng.chance(0.3) => Programme::Leading100,
                    SkillGrade::Technician | SkillGrade::SeniorTechnician => Programme::Shortage1000,
                    SkillGrade::Senior => {
                        if self.rng.chance(0.75) {
                            Programme::Enterprise10000
                        } else {
                            Programme::Other
                        }
                    }
                    _ => Programme::Other,
                };
                let occ_name = codes::occupation(occupation).map_or("综合", |o| o.name);
                let (theory_hours, practice_hours) = self.package_hours.get(&package).copied().unzip();
                // Seven cohorts in ten that have ended ran a satisfaction survey.
                let surveyed = (end <= AS_OF && self.quality_rng.chance(0.7))
                    .then(|| self.quality_rng.range(18, 25) as u32);
                let satisfied = surveyed.map(|n| n - self.quality_rng.range(0, (n / 8) as i64 + 1) as u32);
                let cohort = Cohort {
                    theory_hours,
                    practice_hours,
                    surveyed,
                    satisfied,
                    org,
                    name: format!("{year}年{occ_name}{}培训班（第{cohort_no}期）", grade.name_zh()),
                    package: Some(package),
                    programme,
                    mode: if grade >= SkillGrade::Technician {
                        TrainingMode::SemiOffJob
                    } else {
                        *self
                            .rng
                            .pick(&[
                                TrainingMode::PartTime,
                                TrainingMode::FullTime,
                                TrainingMode::OnPost,
                            ])
                            .unwrap_or(&TrainingMode::PartTime)
                    },
                    occupation: occupation.to_string(),
                    target_grade: grade,
                    start_date: start,
                    end_date: end,
                    facility: self.rng.pick(facilities).copied(),
                };
                let cohort_id = self.put(&cohort, start)?;
                if cohort_no == 1 && *year >= 2024 {
                    let code = cohort_id.to_string()[..8].to_uppercase();
                    let pdf = super::evidence::sign_in_pdf(&code, start, 30);
                    self.evidence(
                        crate::domain::RecordKind::Cohort,
                        cohort_id,
                        "签到表.pdf",
                        &pdf,
                        start,
                    )?;
                }
                let size = self.rng.range(25, 50) as u64;
                // A person takes one seat in a cohort (one who failed stays an alumnus, and
                // may be drawn again for the same cohort: not seated twice).
                let mut seated: std::collections::HashSet<Id<Person>> = std::collections::HashSet::new();
                for _ in 0..size {
                    // About one seat in six goes to an earlier trainee coming back for the next grade.
                    let returning = !alumni.is_empty() && self.rng.chance(0.17);
                    let who = if returning {
                        let i = self.rng.below(alumni.len() as u64) as usize;
                        let w = alumni.swap_remove(i);
                        if w.grade >= grade {
                            continue;
                        }
                        if seated.contains(&w.id) {
                            alumni.push(w);
                            continue;
                        }
                        w
                    } else {
                        if quota == 0 {
                            break;
                        }
                        quota -= 1;
                        let age = match grade {
                            SkillGrade::SeniorTechnician => self.rng.range(32, 52),
                            SkillGrade::Technician => self.rng.range(27, 48),
                            _ => self.rng.range(19, 42),
                        };
                        let employer = self.rng.pick(pool).cloned();
                        let female = if occupation.starts_with("4-") { 0.6 } else { 0.18 };
                        let mut w =
                            self.person(*year - age as i32, female, home, employer.as_ref(), start)?;
                        // They come with the grade below the cohort's, gained a few years before.
                        if grade > SkillGrade::Junior {
                            let prior = grade_step(grade, -1);
                            let issued = add_days(start, -self.rng.range(400, 2000));
                            let occ = if self.rng.chance(0.85) {
                                occupation
                            } else {
                                *self.rng.pick(occupations).unwrap_or(&occupation)
                            };
                            self.qualification(w, occ, prior, issued, None)?;
                            w.grade = prior;
                        }
                        w
                    };
                    seated.insert(who.id);
                    let enrolled_on = start;
                    let (status, completed_on, result) = if end > AS_OF {
                        (EnrolmentStatus::Enrolled, None, None)
                    } else if self.rng.chance(0.04) {
                        (EnrolmentStatus::Withdrawn, None, None)
                    } else {
                        let r = match self.rng.below(100) {
                            0..=86 => AssessmentResult::Passed,
                            87..=96 => AssessmentResult::Failed,
                            _ => AssessmentResult::Absent,
                        };
                        (EnrolmentStatus::Completed, Some(end), Some(r))
                    };
                    // The enrolment and the certificate it gained refer to each other: both
                    // ids are taken first (foreign keys are checked at commit).
                    let enrolment_id: Id<Enrolment> = self.next_id();
                    let issued = add_days(end, self.rng.range(10, 45));
                    let certificate: Option<Id<Qualification>> =
                        (result == Some(AssessmentResult::Passed) && issued <= AS_OF).then(|| self.next_id());
                    let after = self.after_training(
                        org,
                        grade,
                        status,
                        result,
                        end,
                        theory_hours.zip(practice_hours).map(|(t, p)| t + p),
                    );
                    let e = Enrolment {
                        attended_hours: after.attended_hours,
                        training_subsidy: after.training_subsidy,
                        evaluation_subsidy: after.evaluation_subsidy,
                        living_subsidy: after.living_subsidy,
                        voucher_number: after.voucher_number,
                        destination: after.destination,
                        destination_on: after.destination_on,
                        cohort: cohort_id,
                        person: who.id,
                        enrolled_on,
                        status,
                        completed_on,
                        result,
                        qualification: certificate,
                    };
                    self.bulk.insert(enrolment_id, &e, at(enrolled_on))?;
                    let mut who = who;
                    if let Some(q) = certificate {
                        self.qualification_with_id(q, who, occupation, grade, issued, Some(enrolment_id))?;
                        who.grade = grade;
                    }
                    if who.grade < SkillGrade::SeniorTechnician && self.rng.chance(0.6) {
                        alumni.push(who);
                    }
                }
            }
        }
        Ok(())
    }
}

/// What an enrolment records beyond its result (issue 17): hours, subsidies, voucher,
/// destination.
struct AfterTraining {
    attended_hours: Option<f64>,
    training_subsidy: Option<Money>,
    evaluation_subsidy: Option<Money>,
    living_subsidy: Option<Money>,
    voucher_number: Option<String>,
    destination: Option<Destination>,
    destination_on: Option<NaiveDate>,
}

impl Gen<'_, '_> {
    /// Plausible hours, subsidies and destination of one enrolment, from the quality
    /// stream: those who completed attended 82–100% of the planned hours, those who
    /// withdrew a third or less; subsidies by grade (Inner Mongolia's scale, 2023) for
    /// most who passed in the programmes that pay them, a voucher for half of those; the
    /// destination followed up two to six months after completion (one in seven not
    /// followed up). The subsidies claimed are kept per year for the funds' receipts.
    fn after_training(
        &mut self,
        org: Id<Organisation>,
        grade: SkillGrade,
        status: EnrolmentStatus,
        result: Option<AssessmentResult>,
        end: NaiveDate,
        planned: Option<u32>,
    ) -> AfterTraining {
        let r = &mut self.quality_rng;
        let attended_hours = planned.and_then(|p| {
            let share = match status {
                EnrolmentStatus::Completed => r.range(82, 100),
                EnrolmentStatus::Withdrawn => r.range(5, 33),
                EnrolmentStatus::Enrolled => return None,
            };
            Some((p as f64 * share as f64 / 100.0).round())
        });
        let passed = result == Some(AssessmentResult::Passed);
        let (training_yuan, evaluation_yuan) = match grade {
            SkillGrade::Junior => (800, 150),
            SkillGrade::Intermediate => (1_200, 200),
            SkillGrade::Senior => (1_800, 300),
            SkillGrade::Technician => (2_500, 400),
            _ => (3_500, 500),
        };
        let subsidised = passed && r.chance(0.75);
        let training_subsidy = subsidised.then_some(Money(training_yuan * 100));
        let evaluation_subsidy = (subsidised && r.chance(0.8)).then_some(Money(evaluation_yuan * 100));
        let living_subsidy = (subsidised && r.chance(0.06)).then(|| Money(r.range(10, 30) * 30 * 100));
        let voucher_number = (subsidised && r.chance(0.5))
            .then(|| format!("15{}{:02}{:08}", end.year(), end.month(), r.below(100_000_000)));
        let claimed: i64 = [training_subsidy, evaluation_subsidy, living_subsidy]
            .iter()
            .flatten()
            .map(|m| m.0)
            .sum();
        if claimed > 0 {
            *self.subsidies_claimed.entry((org, end.year())).or_default() += claimed;
        }
        let r = &mut self.quality_rng;
        let followed_on = add_days(end, r.range(60, 180));
        let (destination, destination_on) = if status != EnrolmentStatus::Completed || followed_on > AS_OF {
            (None, None)
        } else {
            let d = match r.below(100) {
                0..=54 => Destination::Upskilled,
                55..=74 => Destination::Employed,
                75..=77 => Destination::SelfEmployed,
                78..=79 => Destination::FurtherStudy,
                80..=85 => Destination::Unemployed,
                _ => Destination::NotTracked,
            };
            (Some(d), (d != Destination::NotTracked).then_some(followed_on))
        };
        AfterTraining {
            attended_hours,
            training_subsidy,
            evaluation_subsidy,
            living_subsidy,
            voucher_number,
            destination,
            destination_on,
        }
    }
}
