//! Building the demo organisations: a plan per profile, then each base and studio with
//! its facilities, packages, cohorts, people, services, teachers, competitions and funds.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::names::{BRANDS, People, credit_code, employers};
use super::rng::Rng;
use super::{AS_OF, FIRST_YEAR, Profile, REGION_PEOPLE};
use crate::domain::capacity::{
    CapacityDeclaration, Facility, FacilityOccupation, PublicService, RecipientType,
};
use crate::domain::codes::{self, KeyIndustry};
use crate::domain::funds::{Fund, FundCategory};
use crate::domain::grade::SkillGrade;
use crate::domain::honours::{Award, Competition, CompetitionLevel, Honour};
use crate::domain::identity::DocType;
use crate::domain::org::{OrgKind, Organisation, Tier};
use crate::domain::person::{EmployerType, Person};
use crate::domain::staff::{Teacher, TeacherKind, TeacherTraining};
use crate::domain::studio::{Achievement, AchievementKind, Apprenticeship, ApprenticeshipStatus};
use crate::domain::training::{
    AssessmentResult, CertType, Cohort, CoursePackage, Enrolment, EnrolmentStatus, Programme, Qualification,
    TrainingMode,
};
use crate::domain::{Id, Money, Record, RecordKind};
use crate::progress::Progress;
use crate::store::{Bulk, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// 2019-01-01T00:00:00Z: ids of demo records are ordered from here, one millisecond apart.
const ID_EPOCH_MS: u64 = 1_546_300_800_000;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m.clamp(1, 12), d.clamp(1, 28)).unwrap_or(NaiveDate::MIN)
}

fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_signed(chrono::Duration::days(days)).unwrap_or(d)
}

fn at(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(1, 30, 0).unwrap_or_default().and_utc()
}

fn grade_step(g: SkillGrade, step: i32) -> SkillGrade {
    SkillGrade::from_rank((g.rank() as i32 + step).clamp(1, 8) as u8).unwrap_or(g)
}

/// One studio to make.
#[derive(Clone, Debug)]
pub struct StudioPlan {
    pub tier: Tier,
    pub industry: KeyIndustry,
    pub division: &'static str,
    /// New apprentices taken on each year.
    pub apprentices_per_year: u64,
}

/// One base to make, with the studios it hosts.
#[derive(Clone, Debug)]
pub struct BasePlan {
    pub tier: Tier,
    pub industry: KeyIndustry,
    pub division: &'static str,
    /// Distinct trainees over all years.
    pub trainees: u64,
    pub teachers: u64,
    pub studios: Vec<StudioPlan>,
}

/// What a profile makes.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub bases: Vec<BasePlan>,
    pub lone_studios: Vec<StudioPlan>,
}

impl StudioPlan {
    /// The master and every apprentice taken on over the demo's years (studios are all
    /// approved by the first year).
    fn people(&self) -> u64 {
        let years = (AS_OF.year() - FIRST_YEAR + 1) as u64;
        1 + years * self.apprentices_per_year
    }
}

impl Plan {
    /// People the plan makes.
    pub fn people(&self) -> u64 {
        self.bases
            .iter()
            .map(|b| b.trainees + b.teachers + b.studios.iter().map(StudioPlan::people).sum::<u64>())
            .sum::<u64>()
            + self.lone_studios.iter().map(StudioPlan::people).sum::<u64>()
    }
}

/// Divisions where bases stand (one per league or city), with a key industry each.
const SITES: &[(&str, KeyIndustry)] = &[
    ("150203", KeyIndustry::GeneralEquipment),
    ("150105", KeyIndustry::ModernServices),
    ("150602", KeyIndustry::EnergyChemical),
    ("150207", KeyIndustry::NonFerrous),
    ("150502", KeyIndustry::GreenAgriLivestock),
    ("150402", KeyIndustry::EnergyChemical),
    ("150702", KeyIndustry::GreenAgriLivestock),
    ("150802", KeyIndustry::GreenAgriLivestock),
    ("150902", KeyIndustry::Construction),
    ("150302", KeyIndustry::EnergyChemical),
    ("152502", KeyIndustry::EnergyChemical),
    ("152201", KeyIndustry::TransportEquipment),
    ("152921", KeyIndustry::NonFerrous),
    ("150102", KeyIndustry::TransportEquipment),
    ("150204", KeyIndustry::GeneralEquipment),
];

fn studio(tier: Tier, industry: KeyIndustry, division: &'static str) -> StudioPlan {
    let per_year = match tier {
        Tier::National => 14,
        Tier::Region => 8,
        Tier::League => 6,
    };
    StudioPlan {
        tier,
        industry,
        division,
        apprentices_per_year: per_year,
    }
}

/// The organisations a profile makes, decided before anything is written.
pub fn plan(profile: Profile) -> Plan {
    match profile {
        // Sized so that a normal year meets the tier's target and the thin year 2020 does not.
        Profile::NationalBase => single_base(
            Tier::National,
            KeyIndustry::GeneralEquipment,
            "150203",
            14_000,
            80,
        ),
        Profile::RegionBase => single_base(Tier::Region, KeyIndustry::EnergyChemical, "150602", 7_000, 45),
        Profile::Studio => Plan {
            bases: vec![],
            lone_studios: vec![studio(Tier::Region, KeyIndustry::NonFerrous, "152921")],
        },
        Profile::Region => region_plan(),
    }
}

/// The national base with a chosen number of trainees (the app's benchmark uses 100,000).
pub fn national_base_with(trainees: u64) -> Plan {
    single_base(
        Tier::National,
        KeyIndustry::GeneralEquipment,
        "150203",
        trainees,
        80,
    )
}

/// One base with its trainees and teachers, hosting one studio of the same tier.
fn single_base(
    tier: Tier,
    industry: KeyIndustry,
    division: &'static str,
    trainees: u64,
    teachers: u64,
) -> Plan {
    Plan {
        bases: vec![BasePlan {
            tier,
            industry,
            division,
            trainees,
            teachers,
            studios: vec![studio(tier, industry, division)],
        }],
        lone_studios: vec![],
    }
}

/// About 100 organisations: 50 bases (8 national, 30 region-level, 12 league-level) and 50
/// studios (half hosted by a base), with exactly [`REGION_PEOPLE`] people in all.
fn region_plan() -> Plan {
    let mut plan = Plan::default();
    let tiers: Vec<Tier> = std::iter::repeat_n(Tier::National, 8)
        .chain(std::iter::repeat_n(Tier::Region, 30))
        .chain(std::iter::repeat_n(Tier::League, 12))
        .collect();
    for (i, tier) in tiers.iter().enumerate() {
        let (division, industry) = SITES[i % SITES.len()];
        let teachers = match tier {
            Tier::National => 80,
            Tier::Region => 45,
            Tier::League => 25,
        };
        plan.bases.push(BasePlan {
            tier: *tier,
            industry,
            division,
            trainees: 0,
            teachers,
            studios: vec![],
        });
    }
    let studio_tiers: Vec<Tier> = std::iter::repeat_n(Tier::National, 10)
        .chain(std::iter::repeat_n(Tier::Region, 30))
        .chain(std::iter::repeat_n(Tier::League, 10))
        .collect();
    for (i, tier) in studio_tiers.into_iter().enumerate() {
        let (division, industry) = SITES[(i * 7 + 3) % SITES.len()];
        let s = studio(tier, industry, division);
        if i % 2 == 0 {
            let host = (i / 2) % plan.bases.len();
            let host_division = plan.bases[host].division;
            plan.bases[host].studios.push(StudioPlan {
                division: host_division,
                ..s
            });
        } else {
            plan.lone_studios.push(s);
        }
    }
    // People who are not trainees: teachers, and per studio a master and its apprentices.
    let others = plan.people();
    let weights: Vec<u64> = plan
        .bases
        .iter()
        .map(|b| match b.tier {
            Tier::National => 40,
            Tier::Region => 20,
            Tier::League => 10,
        })
        .collect();
    let total_weight: u64 = weights.iter().sum();
    let trainees = REGION_PEOPLE.saturating_sub(others);
    let mut assigned = 0;
    let n = plan.bases.len();
    for (i, (base, w)) in plan.bases.iter_mut().zip(&weights).enumerate() {
        base.trainees = if i + 1 == n {
            trainees - assigned
        } else {
            trainees * w / total_weight
        };
        assigned += base.trainees;
    }
    plan
}

/// A person made for the demo, as later steps need to know them.
#[derive(Clone, Copy)]
struct Made {
    id: Id<Person>,
    birth: NaiveDate,
    grade: SkillGrade,
}

/// Writes the plan through a bulk writer.
pub struct Gen<'b, 't> {
    bulk: &'b mut Bulk<'t>,
    rng: Rng,
    people: People,
    clock: u64,
    progress: &'b dyn Progress,
    people_made: u64,
    base_counter: usize,
    studio_counter: usize,
    studio_names: std::collections::HashSet<String>,
}

impl<'b, 't> Gen<'b, 't> {
    pub fn new(bulk: &'b mut Bulk<'t>, seed: u64, progress: &'b dyn Progress, source: &str) -> Self {
        bulk.set_source(source);
        Gen {
            bulk,
            rng: Rng::new(seed),
            people: People::new(),
            clock: 0,
            progress,
            people_made: 0,
            base_counter: 0,
            studio_counter: 0,
            studio_names: std::collections::HashSet::new(),
        }
    }

    pub fn count(&self, kind: RecordKind) -> u64 {
        self.bulk.count(kind)
    }

    pub fn run(&mut self, plan: &Plan) -> Result<()> {
        self.progress.stage("demo", plan.people());
        for base in &plan.bases {
            let id = self.base(base)?;
            for s in &base.studios {
                self.studio(s, Some(id))?;
            }
        }
        for s in &plan.lone_studios {
            self.studio(s, None)?;
        }
        Ok(())
    }

    /// The next id: time-ordered in writing order, random bits from the seed.
    fn next_id<R>(&mut self) -> Id<R> {
        self.clock += 1;
        Id::from_parts(ID_EPOCH_MS + self.clock, self.rng.bytes10())
    }

    fn put<R: Record>(&mut self, record: &R, on: NaiveDate) -> Result<Id<R>> {
        let id = self.next_id();
        self.bulk.insert(id, record, at(on))?;
        Ok(id)
    }

    fn person(
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

    fn person_named(
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

    fn occupations(&mut self, industry: KeyIndustry) -> Vec<&'static str> {
        let mut own: Vec<&'static str> = industry.occupations().iter().map(|o| o.code).collect();
        // Every base also trains a couple of occupations every industry needs.
        for extra in ["6-31-01-03", "6-18-02-04", "4-12-01-01"] {
            if !own.contains(&extra) && codes::occupation(extra).is_some() {
                own.push(extra);
            }
        }
        own
    }

    fn base(&mut self, plan: &BasePlan) -> Result<Id<Organisation>> {
        self.base_counter += 1;
        let rng = &mut self.rng;
        let city = codes::im_division(&format!("{}00", &plan.division[..4])).map_or("内蒙古", |d| d.name);
        let city_short = city_of(plan.division);
        let words = industry_words(plan.industry);
        let host_unit = host_unit(self.base_counter, city_short, &words);
        let approval_year = match plan.tier {
            Tier::National => 2019,
            Tier::Region => rng.range(2016, 2019) as i32,
            Tier::League => rng.range(2017, 2020) as i32,
        };
        let mut org = Organisation::new(OrgKind::TrainingBase, &format!("{host_unit}高技能人才培训基地"));
        org.tier = Some(plan.tier);
        org.credit_code = Some(credit_code(rng, "12", plan.division));
        org.division = Some(plan.division.to_string());
        org.host_unit = Some(host_unit);
        org.industry = Some(plan.industry);
        org.approval_doc = Some(match plan.tier {
            Tier::National => format!("人社厅函〔{approval_year}〕{}号", rng.range(100, 300)),
            Tier::Region => format!("内人社办发〔{approval_year}〕{}号", rng.range(20, 250)),
            Tier::League => format!("{city_short}人社发〔{approval_year}〕{}号", rng.range(5, 90)),
        });
        org.approval_year = Some(approval_year);
        org.contact_name = Some(
            ["王建军", "李海燕", "张志强", "乌日娜", "刘晓东", "巴图"][self.base_counter % 6].to_string(),
        );
        org.contact_phone = Some(format!(
            "0{}-{}",
            471 + (self.base_counter % 8),
            6_000_000 + rng.below(999_999)
        ));
        org.address = Some(format!(
            "{city}{}路{}号",
            ["建设", "钢铁", "民族", "阿尔丁", "新华", "团结"][self.base_counter % 6],
            rng.range(1, 300)
        ));
        let base = self.put(&org, ymd(approval_year, 3, 1))?;

        let occupations = self.occupations(plan.industry);
        let home = &plan.division[..4];
        let scale = match plan.tier {
            Tier::National => 1.0,
            Tier::Region => 0.55,
            Tier::League => 0.3,
        };
        let facilities = self.facilities(base, &occupations, scale, approval_year)?;
        self.capacity(base, plan.tier, approval_year)?;
        let packages = self.packages(base, &occupations, approval_year)?;
        let pool = employers(&mut self.rng, city_short, &words, 40);
        self.teachers(base, plan.teachers, home, &pool, &occupations)?;
        self.training(base, plan, &occupations, &packages, &facilities, home, &pool)?;
        self.services(base, plan.tier, &pool, &facilities, city_short)?;
        self.competitions(base, &occupations, scale)?;
        self.funds(base, plan.tier, approval_year, true)?;
        Ok(base)
    }

    fn facilities(
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

    fn capacity(&mut self, org: Id<Organisation>, tier: Tier, from: i32) -> Result<()> {
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

    fn packages(
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
                out.push((id, *occ, grade));
            }
        }
        Ok(out)
    }

    fn teachers(
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

    fn qualification(
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
    fn earliest_certificate(who: Made) -> NaiveDate {
        ymd(who.birth.year() + 17, who.birth.month(), who.birth.day().min(28))
    }

    fn qualification_with_id(
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

    #[allow(clippy::too_many_arguments)]
    fn training(
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
                let end = add_days(start, self.rng.range(30, 110));
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
                let cohort = Cohort {
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
                    let e = Enrolment {
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

    fn services(
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

    fn competitions(
        &mut self,
        org: Id<Organisation>,
        occupations: &[&'static str],
        scale: f64,
    ) -> Result<()> {
        for year in FIRST_YEAR..=AS_OF.year() {
            let n = ((4.0 * scale).round() as i64).max(1);
            for i in 0..n {
                let occ = occupations[(year as usize + i as usize) % occupations.len()];
                let occ_name = codes::occupation(occ).map_or("综合", |o| o.name);
                let level = *self
                    .rng
                    .weighted(&[
                        (CompetitionLevel::Enterprise, 3),
                        (CompetitionLevel::League, 4),
                        (CompetitionLevel::Region, 3),
                        (CompetitionLevel::National, 1),
                    ])
                    .unwrap_or(&CompetitionLevel::League);
                let date = ymd(year, self.rng.range(4, 10) as u32, self.rng.range(1, 28) as u32);
                if date > AS_OF {
                    continue;
                }
                let level_name = match level {
                    CompetitionLevel::National => "全国",
                    CompetitionLevel::Region => "内蒙古自治区",
                    CompetitionLevel::League => "盟市",
                    _ => "企业",
                };
                let c = Competition {
                    org,
                    name: format!("{year}年{level_name}{occ_name}职业技能竞赛"),
                    level,
                    occupation: Some(occ.to_string()),
                    date,
                    participants: self.rng.range(4, 30) as u32,
                    organised_here: level == CompetitionLevel::League && self.rng.chance(0.5),
                };
                let cid = self.put(&c, date)?;
                for prize in ["一等奖", "二等奖", "三等奖"]
                    .iter()
                    .take(self.rng.range(1, 3) as usize)
                {
                    let a = Award {
                        org,
                        person: None,
                        competition: Some(cid),
                        honour: None,
                        title: format!("{occ_name}项目{prize}"),
                        date,
                        conferred_by: Some("竞赛组委会".into()),
                    };
                    self.put(&a, date)?;
                }
            }
        }
        Ok(())
    }

    fn funds(&mut self, org: Id<Organisation>, tier: Tier, approved: i32, base: bool) -> Result<()> {
        let grant_yuan = match (base, tier) {
            (true, Tier::National) => 5_000_000,
            (true, Tier::Region) => 1_000_000,
            (true, Tier::League) => 300_000,
            (false, Tier::League) => 50_000,
            (false, _) => 100_000,
        };
        for year in FIRST_YEAR..=AS_OF.year() {
            let mut income = 0i64;
            if year == approved || year == approved + 1 {
                let category = match tier {
                    Tier::National => FundCategory::CentralGrant,
                    Tier::Region => FundCategory::RegionGrant,
                    Tier::League => FundCategory::LeagueGrant,
                };
                let amount = grant_yuan / 2 * 100;
                income += amount;
                self.put(
                    &Fund {
                        org,
                        date: ymd(year, 5, 20),
                        direction: category.direction(),
                        category,
                        amount: Money(amount),
                        description: Some(format!("{year}年度建设项目补助资金")),
                    },
                    ymd(year, 5, 20),
                )?;
            }
            let own = (grant_yuan as f64 * 0.2 * (1.0 + self.rng.range(0, 50) as f64 / 100.0)) as i64 * 100;
            income += own;
            self.put(
                &Fund {
                    org,
                    date: ymd(year, 3, 10),
                    direction: FundCategory::OwnFunds.direction(),
                    category: FundCategory::OwnFunds,
                    amount: Money(own),
                    description: Some("单位自筹配套资金".into()),
                },
                ymd(year, 3, 10),
            )?;
            let categories: &[FundCategory] = if base {
                &[
                    FundCategory::Equipment,
                    FundCategory::Training,
                    FundCategory::Teachers,
                    FundCategory::Curriculum,
                    FundCategory::Competitions,
                    FundCategory::Premises,
                ]
            } else {
                &[
                    FundCategory::Equipment,
                    FundCategory::Training,
                    FundCategory::OtherExpense,
                ]
            };
            let mut left = (income as f64 * (0.7 + self.rng.range(0, 25) as f64 / 100.0)) as i64;
            for (i, category) in categories.iter().enumerate() {
                let amount = if i + 1 == categories.len() {
                    left
                } else {
                    left * self.rng.range(15, 40) / 100
                };
                left -= amount;
                let date = ymd(year, (4 + i as u32).min(10), 15);
                if amount > 0 && date <= AS_OF {
                    self.put(
                        &Fund {
                            org,
                            date,
                            direction: category.direction(),
                            category: *category,
                            amount: Money(amount),
                            description: None,
                        },
                        date,
                    )?;
                }
            }
        }
        Ok(())
    }

    fn studio(&mut self, plan: &StudioPlan, host: Option<Id<Organisation>>) -> Result<Id<Organisation>> {
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
                self.put(&a, start)?;
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

/// The unit a base is built on. City, brand and kind of unit cycle with different periods
/// (15 sites, 16 brands, 3 kinds), so no two of the region's 50 bases share a name.
fn host_unit(counter: usize, city_short: &str, words: &[&str]) -> String {
    let brand = BRANDS[counter % BRANDS.len()];
    match counter % 3 {
        0 => format!("{city_short}{brand}{}集团有限责任公司", words[0]),
        1 => format!("{city_short}{brand}{}职业技术学院", words[1 % words.len()]),
        _ => format!("{city_short}{brand}高级技工学校"),
    }
}

/// The short name of the league or city a division belongs to (呼和浩特, 锡林郭勒).
fn city_of(division: &str) -> &'static str {
    codes::im_division(&format!("{}00", &division[..4]))
        .map(|d| d.name)
        .unwrap_or("内蒙古")
        .trim_end_matches('市')
        .trim_end_matches('盟')
}

fn industry_words(industry: KeyIndustry) -> Vec<&'static str> {
    match industry {
        KeyIndustry::Construction => vec!["建工", "路桥", "建设"],
        KeyIndustry::TransportEquipment => vec!["汽车", "机车", "装备"],
        KeyIndustry::GeneralEquipment => vec!["重工", "机械", "装备制造"],
        KeyIndustry::EnergyChemical => vec!["能源", "煤化工", "电力"],
        KeyIndustry::NonFerrous => vec!["铝业", "稀土", "冶金"],
        KeyIndustry::GreenAgriLivestock => vec!["乳业", "肉业", "农牧"],
        KeyIndustry::ModernServices => vec!["服务", "商贸", "健康"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_profiles_bases_have_distinct_names() {
        let plan = plan(Profile::Region);
        let names: std::collections::HashSet<String> = plan
            .bases
            .iter()
            .enumerate()
            .map(|(i, b)| host_unit(i + 1, city_of(b.division), &industry_words(b.industry)))
            .collect();
        assert_eq!(names.len(), plan.bases.len());
    }
}
