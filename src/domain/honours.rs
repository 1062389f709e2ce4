//! Competitions and honours (竞赛与荣誉).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::check::{Checker, Problem, clean, clean_optional};
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::text::CharRule;
use crate::domain::{Id, Record, RecordKind, Today, Verdict};

code_enum! {
    pub enum CompetitionLevel {
        World = "world",
        National = "national",
        Region = "region",
        League = "league",
        Enterprise = "enterprise",
    }
}

/// A skills competition the organisation held or took part in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Competition {
    pub org: Id<Organisation>,
    pub name: String,
    pub level: CompetitionLevel,
    pub occupation: Option<String>,
    pub date: NaiveDate,
    /// People of this organisation who competed.
    pub participants: u32,
    /// Whether this organisation organised it (承办).
    pub organised_here: bool,
}

impl Record for Competition {
    const KIND: RecordKind = RecordKind::Competition;

    fn normalise(&mut self) {
        clean(&mut self.name);
        crate::domain::check::clean_code(&mut self.occupation);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Competition, today);
        c.name("name", &self.name, 200, CharRule::Name);
        c.optional_occupation("occupation", self.occupation.as_deref());
        c.not_too_early("date", self.date);
        c.amount("participants", self.participants as f64, 1_000_000.0);
        c.finish()
    }
}

code_enum! {
    /// The honours named by the policy.
    pub enum Honour {
        /// 中华技能大奖
        ChinaSkillsAward = "china_skills_award",
        /// 全国技术能手
        NationalTechnicalExpert = "national_technical_expert",
        /// 内蒙古自治区技师高级技师突出贡献奖
        RegionOutstandingTechnician = "region_outstanding_technician",
        /// 全区技术能手
        RegionTechnicalExpert = "region_technical_expert",
        /// 五一劳动奖章
        MayDayMedal = "may_day_medal",
        /// 青年岗位能手
        YouthPostExpert = "youth_post_expert",
        /// 巾帼建功标兵
        WomenAchiever = "women_achiever",
        /// 其他
        Other = "other",
    }
}

/// A prize in a competition or an honour conferred on a person or the organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Award {
    pub org: Id<Organisation>,
    /// The person honoured; none when the organisation itself is.
    pub person: Option<Id<Person>>,
    pub competition: Option<Id<Competition>>,
    pub honour: Option<Honour>,
    /// The prize or title as written, e.g. 一等奖, 金牌.
    pub title: String,
    pub date: NaiveDate,
    pub conferred_by: Option<String>,
}

impl Record for Award {
    const KIND: RecordKind = RecordKind::Award;

    fn normalise(&mut self) {
        clean(&mut self.title);
        clean_optional(&mut self.conferred_by);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Award, today);
        if self.competition.is_none() && self.honour.is_none() {
            c.error("honour", Problem::Required);
        }
        c.text("title", &self.title, 100);
        c.past_date("date", self.date);
        c.optional_text("conferred_by", self.conferred_by.as_deref(), 100);
        c.finish()
    }
}
