//! Training: course packages, cohorts (培训班次), enrolments, and the qualifications
//! people hold or gain.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::capacity::Facility;
use crate::domain::cert_number;
use crate::domain::check::{Checker, NotAllowed, Problem, clean, clean_code, clean_optional};
use crate::domain::grade::SkillGrade;
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::text::CharRule;
use crate::domain::{Id, Money, Record, RecordKind, Today, Verdict};

code_enum! {
    /// The policy's programmes a training record can belong to.
    pub enum Programme {
        /// 百名高技能领军人才技能提升
        Leading100 = "leading_100",
        /// 千名紧缺急需职业（工种）技师和高级技师培养
        Shortage1000 = "shortage_1000",
        /// 万名企业高技能人才培养
        Enterprise10000 = "enterprise_10000",
        /// 其他
        Other = "other",
    }
}

code_enum! {
    /// How training is delivered.
    pub enum TrainingMode {
        FullTime = "full_time",
        PartTime = "part_time",
        Mentorship = "mentorship",
        OffJob = "off_job",
        SemiOffJob = "semi_off_job",
        OnPost = "on_post",
        TeamLeader = "team_leader",
        Competition = "competition",
    }
}

code_enum! {
    /// The kind of certificate a qualification is evidenced by.
    pub enum CertType {
        /// 职业资格证书
        Qualification = "qualification",
        /// 职业技能等级证书
        SkillLevel = "skill_level",
        /// 专项职业能力证书
        SpecialAbility = "special_ability",
        /// 特级技师、首席技师 are appointments (评聘) within an enterprise.
        Appointment = "appointment",
        /// 培训合格证书: a training provider's certificate of completion.
        TrainingCertificate = "training_certificate",
        /// 其他: a certificate of no type above (a competition's, a foreign one).
        Other = "other",
    }
}

code_enum! {
    /// Where a trainee went after training (培训后去向), as followed up.
    pub enum Destination {
        /// 在岗提升: stayed in the job, better skilled.
        Upskilled = "upskilled",
        /// 就业
        Employed = "employed",
        /// 创业
        SelfEmployed = "self_employed",
        /// 升学
        FurtherStudy = "further_study",
        /// 未就业
        Unemployed = "unemployed",
        /// 未跟踪: not followed up.
        NotTracked = "not_tracked",
    }
}

code_enum! {
    pub enum EnrolmentStatus {
        Enrolled = "enrolled",
        Completed = "completed",
        Withdrawn = "withdrawn",
    }
}

code_enum! {
    pub enum AssessmentResult {
        Passed = "passed",
        Failed = "failed",
        Absent = "absent",
    }
}

/// A course package (职业培训包/课程).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoursePackage {
    pub org: Id<Organisation>,
    pub name: String,
    pub occupation: String,
    pub target_grade: SkillGrade,
    pub theory_hours: u32,
    pub practice_hours: u32,
    pub mode: TrainingMode,
    /// 一体化: theory and practice taught together.
    pub integrated: bool,
    /// Developed by this base (counts in "course packages developed").
    pub developed_here: bool,
    /// The year it was developed or adopted.
    pub year: Option<i32>,
}

impl Record for CoursePackage {
    const KIND: RecordKind = RecordKind::CoursePackage;

    fn normalise(&mut self) {
        clean(&mut self.name);
        self.occupation = crate::domain::text::normalise_code(&self.occupation);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::CoursePackage, today);
        c.name("name", &self.name, 100, CharRule::Name);
        c.occupation("occupation", &self.occupation);
        c.amount("theory_hours", self.theory_hours as f64, 10_000.0);
        c.amount("practice_hours", self.practice_hours as f64, 10_000.0);
        c.year("year", self.year);
        c.finish()
    }
}

/// A cohort (培训班次): one run of training.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    pub org: Id<Organisation>,
    pub name: String,
    /// A cohort with no package is allowed to be saved; the validator flags it.
    pub package: Option<Id<CoursePackage>>,
    pub programme: Programme,
    pub mode: TrainingMode,
    pub occupation: String,
    pub target_grade: SkillGrade,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub facility: Option<Id<Facility>>,
    /// Planned hours of theory and of practice (a cohort made from a package takes the
    /// package's as defaults).
    pub theory_hours: Option<u32>,
    pub practice_hours: Option<u32>,
    /// Trainees asked in the cohort's satisfaction survey (满意度调查), and of them those
    /// satisfied; empty when no survey was made.
    pub surveyed: Option<u32>,
    pub satisfied: Option<u32>,
}

impl Cohort {
    /// Planned hours in all (theory and practice), when either is recorded.
    pub fn planned_hours(&self) -> Option<u32> {
        match (self.theory_hours, self.practice_hours) {
            (None, None) => None,
            (t, p) => Some(t.unwrap_or(0) + p.unwrap_or(0)),
        }
    }
}

impl Record for Cohort {
    const KIND: RecordKind = RecordKind::Cohort;

    fn normalise(&mut self) {
        clean(&mut self.name);
        self.occupation = crate::domain::text::normalise_code(&self.occupation);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Cohort, today);
        c.name("name", &self.name, 100, CharRule::Name);
        c.occupation("occupation", &self.occupation);
        c.not_too_early("start_date", self.start_date);
        c.order(
            "start_date",
            Some(self.start_date),
            "end_date",
            Some(self.end_date),
        );
        if let Some(h) = self.theory_hours {
            c.amount("theory_hours", h as f64, 10_000.0);
        }
        if let Some(h) = self.practice_hours {
            c.amount("practice_hours", h as f64, 10_000.0);
        }
        if let Some(n) = self.surveyed {
            c.amount("surveyed", n as f64, 100_000.0);
        }
        if let Some(n) = self.satisfied {
            // Satisfied trainees are some of those surveyed.
            let most = self.surveyed.unwrap_or(0);
            if n > most {
                c.error(
                    "satisfied",
                    Problem::OutOfRange {
                        min: 0.0,
                        max: most as f64,
                    },
                );
            }
        }
        c.finish()
    }
}

/// One person's place in one cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Enrolment {
    pub cohort: Id<Cohort>,
    pub person: Id<Person>,
    pub enrolled_on: NaiveDate,
    pub status: EnrolmentStatus,
    pub completed_on: Option<NaiveDate>,
    /// A completed enrolment without a result is allowed; the validator flags it.
    pub result: Option<AssessmentResult>,
    /// The qualification gained through this enrolment.
    pub qualification: Option<Id<Qualification>>,
    /// Hours attended (实际学时), against the cohort's planned hours.
    pub attended_hours: Option<f64>,
    /// Subsidies claimed for this enrolment, by kind (yuan, kept in fen).
    pub training_subsidy: Option<Money>,
    pub evaluation_subsidy: Option<Money>,
    pub living_subsidy: Option<Money>,
    /// 电子培训券号: the electronic training voucher the training was paid with.
    pub voucher_number: Option<String>,
    /// Where the trainee went after training, and when that was learnt.
    pub destination: Option<Destination>,
    pub destination_on: Option<NaiveDate>,
}

impl Enrolment {
    /// The subsidies claimed, by kind: training, evaluation, living cost (zero when none).
    pub fn subsidies(&self) -> [Money; 3] {
        [
            self.training_subsidy,
            self.evaluation_subsidy,
            self.living_subsidy,
        ]
        .map(|m| m.unwrap_or_default())
    }
}

impl Record for Enrolment {
    const KIND: RecordKind = RecordKind::Enrolment;

    fn normalise(&mut self) {
        clean_code(&mut self.voucher_number);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Enrolment, today);
        c.not_too_early("enrolled_on", self.enrolled_on);
        c.order(
            "enrolled_on",
            Some(self.enrolled_on),
            "completed_on",
            self.completed_on,
        );
        if let Some(done) = self.completed_on {
            if self.status != EnrolmentStatus::Completed {
                c.error(
                    "completed_on",
                    Problem::NotAllowed {
                        reason: NotAllowed::CompletionDateWithoutCompletion,
                    },
                );
            }
            c.past_date("completed_on", done);
        }
        if let Some(h) = self.attended_hours {
            c.amount("attended_hours", h, 10_000.0);
        }
        for (field, amount) in [
            ("training_subsidy", self.training_subsidy),
            ("evaluation_subsidy", self.evaluation_subsidy),
            ("living_subsidy", self.living_subsidy),
        ] {
            if let Some(m) = amount {
                c.amount(field, m.yuan(), 1e7);
            }
        }
        c.optional_text("voucher_number", self.voucher_number.as_deref(), 50);
        if let Some(on) = self.destination_on {
            c.past_date("destination_on", on);
            c.order("enrolled_on", Some(self.enrolled_on), "destination_on", Some(on));
        }
        c.finish()
    }
}

impl Enrolment {
    /// The rules that need the enrolment's cohort: nobody joins a cohort after it ended,
    /// and a completion lies within the cohort's dates. The store refuses a write that
    /// breaks them; the validator names what reached the database another way.
    pub fn check_in_cohort(&self, cohort: &Cohort, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Enrolment, today);
        if self.enrolled_on > cohort.end_date {
            c.error(
                "enrolled_on",
                Problem::EnrolledAfterCohortEnded {
                    cohort_end: cohort.end_date,
                },
            );
        }
        if let Some(done) = self.completed_on
            && (done < cohort.start_date || done > cohort.end_date)
        {
            c.error(
                "completed_on",
                Problem::OutsideCohort {
                    start: cohort.start_date,
                    end: cohort.end_date,
                },
            );
        }
        c.finish()
    }
}

/// A skill qualification a person holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Qualification {
    pub person: Id<Person>,
    /// 职业 code of the 2022 classification, `d-dd-dd-dd`.
    pub occupation: String,
    /// 工种: free text beside the occupation, e.g. 数控车工 under 车工.
    pub work_type: Option<String>,
    pub grade: SkillGrade,
    pub cert_type: CertType,
    pub cert_number: Option<String>,
    pub issued_on: NaiveDate,
    pub issuer: Option<String>,
    /// The enrolment through which it was gained, when gained here.
    pub enrolment: Option<Id<Enrolment>>,
    /// 评价机构: the evaluation organisation as registered (for a skill-level
    /// certificate, the one named on it).
    pub evaluator: Option<String>,
}

impl Qualification {
    /// The rule that needs the holder: no certificate before the 16th birthday.
    pub fn check_holder(&self, holder: &Person, today: Today) -> Verdict {
        self.validate_with_person(holder, today)
    }
}

impl Qualification {
    /// The rules that need the enrolment a certificate was gained through, and its
    /// cohort: not dated before the cohort started or before the enrolment (errors: that
    /// cannot be true); the cohort's occupation and target grade (warnings: a cohort may
    /// lead to another certificate, but usually it is a slip).
    pub fn check_against_enrolment(&self, enrolment: &Enrolment, cohort: &Cohort, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Qualification, today);
        if self.issued_on < cohort.start_date {
            c.error(
                "issued_on",
                Problem::CertificateBeforeCohort {
                    cohort_start: cohort.start_date,
                },
            );
        } else if self.issued_on < enrolment.enrolled_on {
            c.error(
                "issued_on",
                Problem::CertificateBeforeEnrolment {
                    enrolled_on: enrolment.enrolled_on,
                },
            );
        }
        if self.occupation != cohort.occupation {
            c.warning(
                "occupation",
                Problem::OccupationDiffersFromCohort {
                    cohort: cohort.occupation.clone(),
                },
            );
        }
        if self.grade != cohort.target_grade {
            c.warning(
                "grade",
                Problem::GradeDiffersFromCohort {
                    cohort: cohort.target_grade,
                },
            );
        }
        c.finish()
    }

    fn holder_rules(&self, holder: &Person, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Qualification, today);
        if let Some(sixteenth) = holder.birth_date.checked_add_months(chrono::Months::new(16 * 12))
            && self.issued_on < sixteenth
        {
            c.error(
                "issued_on",
                Problem::CertificateBeforeAge16 {
                    birth_date: holder.birth_date,
                },
            );
        }
        c.finish()
    }
}

impl Record for Qualification {
    const KIND: RecordKind = RecordKind::Qualification;

    fn person_checked(&self) -> Option<Id<Person>> {
        Some(self.person)
    }

    fn validate_with_person(&self, holder: &Person, today: Today) -> Verdict {
        self.holder_rules(holder, today)
    }

    fn normalise(&mut self) {
        self.occupation = crate::domain::text::normalise_code(&self.occupation);
        clean_optional(&mut self.work_type);
        clean_code(&mut self.cert_number);
        clean_optional(&mut self.issuer);
        clean_optional(&mut self.evaluator);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Qualification, today);
        c.occupation("occupation", &self.occupation);
        c.optional_text("work_type", self.work_type.as_deref(), 50);
        c.optional_text("cert_number", self.cert_number.as_deref(), 50);
        c.past_date("issued_on", self.issued_on);
        c.optional_text("issuer", self.issuer.as_deref(), 100);
        c.optional_text("evaluator", self.evaluator.as_deref(), 100);
        if let Some(number) = &self.cert_number {
            // A certificate gained in a cohort here was evaluated in Inner Mongolia.
            let province = self.enrolment.map(|_| cert_number::INNER_MONGOLIA);
            for issue in cert_number::check(self.cert_type, number, self.grade, self.issued_on, province) {
                c.warning("cert_number", Problem::CertNumber(issue));
            }
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn today() -> Today {
        Today(d(2026, 11, 23))
    }

    fn cohort() -> Cohort {
        Cohort {
            theory_hours: None,
            practice_hours: None,
            surveyed: None,
            satisfied: None,
            org: Id::new(),
            name: "2025年焊工高级工班".into(),
            package: None,
            programme: Programme::Enterprise10000,
            mode: TrainingMode::PartTime,
            occupation: "6-18-02-04".into(),
            target_grade: SkillGrade::Senior,
            start_date: d(2025, 3, 1),
            end_date: d(2025, 6, 30),
            facility: None,
        }
    }

    #[test]
    fn a_cohort_that_ends_before_it_starts_is_an_error_on_the_end_date() {
        let mut c = cohort();
        assert!(!c.validate(today()).has_errors());
        c.end_date = d(2025, 2, 1);
        let v = c.validate(today());
        assert!(
            v.for_field("end_date")
                .any(|i| i.problem == Problem::DateBefore { other: "start_date" })
        );
    }

    #[test]
    fn an_unknown_occupation_is_named() {
        let mut c = cohort();
        c.occupation = "6-18-02-99".into();
        assert!(c.validate(today()).for_field("occupation").next().is_some());
        c.occupation = "61802".into();
        assert!(matches!(
            c.validate(today())
                .for_field("occupation")
                .next()
                .map(|i| &i.problem),
            Some(Problem::OccupationForm { .. })
        ));
    }

    #[test]
    fn a_certificate_before_age_16_is_an_error() {
        let holder = Person::from_citizen_id("王五", "150102199003071237", today()).unwrap();
        let q = Qualification {
            evaluator: None,
            person: Id::new(),
            occupation: "6-18-02-04".into(),
            work_type: None,
            grade: SkillGrade::Junior,
            cert_type: CertType::SkillLevel,
            cert_number: None,
            issued_on: d(2006, 3, 6),
            issuer: None,
            enrolment: None,
        };
        assert!(q.check_holder(&holder, today()).has_errors());
        let later = Qualification {
            issued_on: d(2006, 3, 7),
            ..q
        };
        assert!(!later.check_holder(&holder, today()).has_errors());
    }
}
