//! A master studio's work: apprenticeships (名师带徒) and achievements (成果).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::check::{Checker, Problem, clean, clean_optional};
use crate::domain::grade::SkillGrade;
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::{Id, Money, Record, RecordKind, Today, Verdict};

code_enum! {
    pub enum ApprenticeshipStatus {
        Active = "active",
        Completed = "completed",
        Terminated = "terminated",
    }
}

/// A master teaching an apprentice under an agreement (带徒协议).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Apprenticeship {
    pub studio: Id<Organisation>,
    pub master: Id<Person>,
    pub apprentice: Id<Person>,
    pub occupation: String,
    /// Saved when missing; the validator warns.
    pub agreement_date: Option<NaiveDate>,
    pub start_date: NaiveDate,
    /// The planned end while active, the actual end once completed or terminated.
    pub end_date: Option<NaiveDate>,
    pub grade_at_start: Option<SkillGrade>,
    pub grade_at_end: Option<SkillGrade>,
    pub status: ApprenticeshipStatus,
    pub outcome: Option<String>,
}

impl Record for Apprenticeship {
    const KIND: RecordKind = RecordKind::Apprenticeship;

    fn normalise(&mut self) {
        self.occupation = crate::domain::text::normalise_code(&self.occupation);
        clean_optional(&mut self.outcome);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Apprenticeship, today);
        if self.master == self.apprentice {
            c.error("apprentice", Problem::SamePerson);
        }
        c.occupation("occupation", &self.occupation);
        if let Some(date) = self.agreement_date {
            c.past_date("agreement_date", date);
        }
        c.not_too_early("start_date", self.start_date);
        c.order("start_date", Some(self.start_date), "end_date", self.end_date);
        if let (Some(start), Some(end)) = (self.grade_at_start, self.grade_at_end)
            && end < start
        {
            c.error("grade_at_end", Problem::GradeFell { start, end });
        }
        c.optional_text("outcome", self.outcome.as_deref(), 500);
        c.finish()
    }
}

code_enum! {
    pub enum AchievementKind {
        /// 技术攻关
        TechnicalBreakthrough = "technical_breakthrough",
        /// 工艺改进
        ProcessImprovement = "process_improvement",
        /// 专利
        Patent = "patent",
        /// 绝技绝招、操作法
        Method = "method",
        Other = "other",
    }
}

/// A studio's technical achievement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Achievement {
    pub org: Id<Organisation>,
    pub kind: AchievementKind,
    pub title: String,
    pub date: NaiveDate,
    /// The people who made it, as written.
    pub people: Option<String>,
    pub patent_number: Option<String>,
    /// 经济效益, yearly, in fen.
    pub economic_benefit: Money,
    pub description: Option<String>,
}

impl Record for Achievement {
    const KIND: RecordKind = RecordKind::Achievement;

    fn normalise(&mut self) {
        clean(&mut self.title);
        clean_optional(&mut self.people);
        crate::domain::check::clean_code(&mut self.patent_number);
        clean_optional(&mut self.description);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Achievement, today);
        c.text("title", &self.title, 200);
        c.past_date("date", self.date);
        c.optional_text("people", self.people.as_deref(), 200);
        c.optional_text("patent_number", self.patent_number.as_deref(), 50);
        c.amount("economic_benefit", self.economic_benefit.yuan(), 1e12);
        c.optional_text("description", self.description.as_deref(), 2000);
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_master_cannot_be_his_own_apprentice_and_grades_do_not_fall() {
        let p = Id::new();
        let a = Apprenticeship {
            studio: Id::new(),
            master: p,
            apprentice: p,
            occupation: "6-18-02-04".into(),
            agreement_date: None,
            start_date: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            end_date: None,
            grade_at_start: Some(SkillGrade::Technician),
            grade_at_end: Some(SkillGrade::Senior),
            status: ApprenticeshipStatus::Active,
            outcome: None,
        };
        let v = a.validate(Today(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()));
        assert!(
            v.for_field("apprentice")
                .any(|i| i.problem == Problem::SamePerson)
        );
        assert!(v.for_field("grade_at_end").next().is_some());
    }
}
