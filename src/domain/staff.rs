//! Teachers (师资): integrated and dual-qualified teachers, part-time teachers from
//! enterprises, and the teacher training they received.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::check::{Checker, clean, clean_optional};
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::{Id, Record, RecordKind, Today, Verdict};

code_enum! {
    pub enum TeacherKind {
        /// 专职
        FullTime = "full_time",
        /// 企业兼职
        PartTimeEnterprise = "part_time_enterprise",
        /// 其他兼职
        PartTimeOther = "part_time_other",
    }
}

/// A teacher of an organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Teacher {
    pub org: Id<Organisation>,
    pub person: Id<Person>,
    pub kind: TeacherKind,
    /// 一体化教师
    pub integrated: bool,
    /// 双师型
    pub dual_qualified: bool,
    /// 职称, as written.
    pub title: Option<String>,
    pub occupation: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Record for Teacher {
    const KIND: RecordKind = RecordKind::Teacher;

    fn normalise(&mut self) {
        clean_optional(&mut self.title);
        crate::domain::check::clean_code(&mut self.occupation);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Teacher, today);
        c.optional_text("title", self.title.as_deref(), 50);
        c.optional_occupation("occupation", self.occupation.as_deref());
        if let Some(since) = self.since {
            c.past_date("since", since);
        }
        c.order("since", self.since, "until", self.until);
        c.finish()
    }
}

/// Training a teacher received.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeacherTraining {
    pub teacher: Id<Teacher>,
    pub date: NaiveDate,
    pub hours: f64,
    pub content: String,
    pub provider: Option<String>,
}

impl Record for TeacherTraining {
    const KIND: RecordKind = RecordKind::TeacherTraining;

    fn normalise(&mut self) {
        clean(&mut self.content);
        clean_optional(&mut self.provider);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::TeacherTraining, today);
        c.past_date("date", self.date);
        c.amount("hours", self.hours, 5_000.0);
        c.text("content", &self.content, 200);
        c.optional_text("provider", self.provider.as_deref(), 100);
        c.finish()
    }
}
