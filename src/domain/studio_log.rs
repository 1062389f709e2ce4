//! The studio master's log (带徒计划与带徒记录): a plan of stages for each apprenticeship,
//! made from a template the studio keeps per occupation, and the dated entries of what
//! was taught, each signed off by the master; and the progress they add up to.
//!
//! Photos and scans of an entry (a signed log page, a piece of work) are attachments
//! (`domain::attachment`), which any record carries (`RecordKind::LogEntry` and the
//! entry's id): nothing here holds a file.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::check::{Checker, Problem, clean, clean_optional};
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::studio::{Apprenticeship, ApprenticeshipStatus};
use crate::domain::{Id, Record, RecordKind, Stored, Today, Verdict};

/// The most hours one apprenticeship can log in one day, all its entries together.
pub const MAX_HOURS_PER_DAY: f64 = 24.0;

/// How long an active apprenticeship may go without an entry before the validator warns
/// (APP03) and the studio view marks it.
pub const QUIET_MONTHS: u32 = 3;

/// One stage of a studio's plan template for an occupation: what an apprenticeship's
/// plan is made from, stage by stage, and what a plan the master adapted can be saved
/// back as.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageTemplate {
    pub org: Id<Organisation>,
    pub occupation: String,
    /// The stage's place in the plan, from 1.
    pub seq: u32,
    pub title: String,
    /// The skills or tasks the stage is to teach.
    pub targets: Option<String>,
    pub planned_hours: f64,
    /// How many months the stage takes.
    pub months: u32,
}

impl Record for StageTemplate {
    const KIND: RecordKind = RecordKind::StageTemplate;

    fn normalise(&mut self) {
        self.occupation = crate::domain::text::normalise_code(&self.occupation);
        clean(&mut self.title);
        clean_optional(&mut self.targets);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::StageTemplate, today);
        c.occupation("occupation", &self.occupation);
        if !(1..=99).contains(&self.seq) {
            c.error("seq", Problem::OutOfRange { min: 1.0, max: 99.0 });
        }
        c.text("title", &self.title, 200);
        c.optional_text("targets", self.targets.as_deref(), 2000);
        c.amount("planned_hours", self.planned_hours, 10_000.0);
        if !(1..=60).contains(&self.months) {
            c.error("months", Problem::OutOfRange { min: 1.0, max: 60.0 });
        }
        c.finish()
    }
}

/// One stage of an apprenticeship's plan (培养计划阶段). `seq` numbers the stages of
/// one plan from 1; it is what `skillbase log --stage N` names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanStage {
    pub apprenticeship: Id<Apprenticeship>,
    pub seq: u32,
    pub title: String,
    pub targets: Option<String>,
    pub planned_hours: f64,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    /// When the master marked the stage done (阶段完成).
    pub completed_on: Option<NaiveDate>,
}

impl Record for PlanStage {
    const KIND: RecordKind = RecordKind::PlanStage;

    fn normalise(&mut self) {
        clean(&mut self.title);
        clean_optional(&mut self.targets);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::PlanStage, today);
        if !(1..=99).contains(&self.seq) {
            c.error("seq", Problem::OutOfRange { min: 1.0, max: 99.0 });
        }
        c.text("title", &self.title, 200);
        c.optional_text("targets", self.targets.as_deref(), 2000);
        c.amount("planned_hours", self.planned_hours, 10_000.0);
        c.not_too_early("planned_start", self.planned_start);
        c.order(
            "planned_start",
            Some(self.planned_start),
            "planned_end",
            Some(self.planned_end),
        );
        if let Some(done) = self.completed_on {
            c.past_date("completed_on", done);
        }
        c.finish()
    }
}

impl PlanStage {
    /// Whether the stage is done.
    pub fn is_done(&self) -> bool {
        self.completed_on.is_some()
    }

    /// Not done and its planned end has passed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.is_done() && self.planned_end < today
    }

    /// The rules against the apprenticeship the stage belongs to: planned within its
    /// dates (the end only when the apprenticeship has one).
    pub fn check_in_apprenticeship(&self, a: &Apprenticeship, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::PlanStage, today);
        let outside = |d: NaiveDate| d < a.start_date || a.end_date.is_some_and(|end| d > end);
        let problem = Problem::OutsideApprenticeship {
            start: a.start_date,
            end: a.end_date,
        };
        if outside(self.planned_start) {
            c.error("planned_start", problem.clone());
        }
        if outside(self.planned_end) {
            c.error("planned_end", problem);
        }
        c.finish()
    }
}

/// One dated entry of the log (带徒记录): what was taught or practised, for how long, in
/// which stage, and the master's sign-off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub apprenticeship: Id<Apprenticeship>,
    pub stage: Option<Id<PlanStage>>,
    pub date: NaiveDate,
    pub hours: f64,
    /// What was taught or practised.
    pub content: String,
    /// Who signed the entry off (the master, usually).
    pub signed_by: Option<Id<Person>>,
    /// When it was signed off.
    pub signed_on: Option<NaiveDate>,
}

impl Record for LogEntry {
    const KIND: RecordKind = RecordKind::LogEntry;

    fn normalise(&mut self) {
        clean(&mut self.content);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::LogEntry, today);
        c.past_date("date", self.date);
        if !self.hours.is_finite() || self.hours <= 0.0 || self.hours > MAX_HOURS_PER_DAY {
            c.error("hours", Problem::EntryHours);
        }
        c.text("content", &self.content, 2000);
        match (self.signed_by, self.signed_on) {
            (Some(_), None) => c.error("signed_on", Problem::Required),
            (None, Some(_)) => c.error("signed_by", Problem::Required),
            (Some(_), Some(on)) => {
                c.past_date("signed_on", on);
                c.order("date", Some(self.date), "signed_on", Some(on));
            }
            (None, None) => {}
        }
        c.finish()
    }
}

impl LogEntry {
    /// Whether the master has signed the entry off.
    pub fn is_signed(&self) -> bool {
        self.signed_by.is_some() && self.signed_on.is_some()
    }

    /// The rules against the records the entry names: dated within its apprenticeship,
    /// its stage one of that apprenticeship's plan, and with the apprenticeship's other
    /// entries of that day (`other_hours`, this one left out) no more than 24 hours.
    pub fn check_related(
        &self,
        a: &Apprenticeship,
        stage: Option<&PlanStage>,
        other_hours: f64,
        today: Today,
    ) -> Verdict {
        let mut c = Checker::new(RecordKind::LogEntry, today);
        if self.date < a.start_date || a.end_date.is_some_and(|end| self.date > end) {
            c.error(
                "date",
                Problem::OutsideApprenticeship {
                    start: a.start_date,
                    end: a.end_date,
                },
            );
        }
        if let Some(s) = stage
            && s.apprenticeship != self.apprenticeship
        {
            c.error("stage", Problem::StageOfAnotherApprenticeship);
        }
        let total = other_hours + self.hours;
        if self.hours > 0.0 && self.hours <= MAX_HOURS_PER_DAY && total > MAX_HOURS_PER_DAY + 1e-9 {
            c.error(
                "hours",
                Problem::HoursInDay {
                    date: self.date,
                    total,
                },
            );
        }
        c.finish()
    }
}

/// A plan made from a template: the template's stages in order, one after the other
/// from the apprenticeship's start, each as many months long as the template says; the
/// last stage ends no later than the apprenticeship's planned end.
pub fn plan_from_template(
    apprenticeship: Id<Apprenticeship>,
    a: &Apprenticeship,
    template: &[StageTemplate],
) -> Vec<PlanStage> {
    let mut stages: Vec<&StageTemplate> = template.iter().collect();
    stages.sort_by_key(|t| t.seq);
    let mut start = a.start_date;
    let count = stages.len();
    stages
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let mut end = start
                .checked_add_months(Months::new(t.months))
                .and_then(|d| d.pred_opt())
                .unwrap_or(start);
            if let Some(last) = a.end_date
                && (end > last || i + 1 == count)
            {
                end = last.max(start);
            }
            let stage = PlanStage {
                apprenticeship,
                seq: i as u32 + 1,
                title: t.title.clone(),
                targets: t.targets.clone(),
                planned_hours: t.planned_hours,
                planned_start: start,
                planned_end: end,
                completed_on: None,
            };
            start = end
                .succ_opt()
                .unwrap_or(end)
                .min(a.end_date.unwrap_or(NaiveDate::MAX));
            stage
        })
        .collect()
}

/// A plan saved back as the studio's template for the apprenticeship's occupation: each
/// stage's title, targets and hours, and its length in whole months (at least one).
pub fn template_from_plan(org: Id<Organisation>, occupation: &str, plan: &[PlanStage]) -> Vec<StageTemplate> {
    let mut stages: Vec<&PlanStage> = plan.iter().collect();
    stages.sort_by_key(|s| s.seq);
    stages
        .into_iter()
        .enumerate()
        .map(|(i, s)| StageTemplate {
            org,
            occupation: occupation.to_string(),
            seq: i as u32 + 1,
            title: s.title.clone(),
            targets: s.targets.clone(),
            planned_hours: s.planned_hours,
            months: whole_months(s.planned_start, s.planned_end).clamp(1, 60),
        })
        .collect()
}

/// Whole months from `start` to the day after `end`, rounded to the nearest.
fn whole_months(start: NaiveDate, end: NaiveDate) -> u32 {
    let days = (end - start).num_days() + 1;
    ((days as f64) / 30.44).round().max(0.0) as u32
}

/// `date` plus `months` months (the last day of a shorter month when needed).
pub fn months_after(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// One apprenticeship's progress against its plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub stages: u32,
    pub stages_done: u32,
    /// The stages not done whose planned end has passed, in plan order (of an active
    /// apprenticeship: an ended one's plan is over).
    pub overdue: Vec<Stored<PlanStage>>,
    pub hours_planned: f64,
    pub hours_logged: f64,
    /// Entries not yet signed off.
    pub unsigned: u32,
    pub last_entry: Option<NaiveDate>,
    /// The stage the latest entry was in (what a quick entry starts from).
    pub last_stage: Option<Id<PlanStage>>,
    /// Active, begun more than three months ago, and no entry in the last three months.
    pub quiet: bool,
}

/// The progress of one apprenticeship from its stages and entries (live ones, the
/// caller's to choose), as of `today`.
pub fn progress(
    a: &Apprenticeship,
    stages: &[&Stored<PlanStage>],
    entries: &[&LogEntry],
    today: NaiveDate,
) -> Progress {
    let mut overdue: Vec<Stored<PlanStage>> = stages
        .iter()
        .filter(|s| a.status == ApprenticeshipStatus::Active && s.record.is_overdue(today))
        .map(|s| (*s).clone())
        .collect();
    overdue.sort_by_key(|s| s.record.seq);
    let last = entries.iter().max_by_key(|e| e.date);
    let last_entry = last.map(|e| e.date);
    Progress {
        stages: stages.len() as u32,
        stages_done: stages.iter().filter(|s| s.record.is_done()).count() as u32,
        overdue,
        hours_planned: stages.iter().map(|s| s.record.planned_hours).sum(),
        hours_logged: entries.iter().map(|e| e.hours).sum(),
        unsigned: entries.iter().filter(|e| !e.is_signed()).count() as u32,
        last_entry,
        last_stage: last.and_then(|e| e.stage),
        quiet: is_quiet(a, last_entry, today),
    }
}

/// An active apprenticeship begun at least three months before `on` whose latest entry
/// (none counts as its start) is more than three months before `on`.
pub fn is_quiet(a: &Apprenticeship, last_entry: Option<NaiveDate>, on: NaiveDate) -> bool {
    let since = last_entry.unwrap_or(a.start_date).max(a.start_date);
    a.status == ApprenticeshipStatus::Active && a.start_date <= on && months_after(since, QUIET_MONTHS) < on
}

/// The hours of entries per (apprenticeship, day): what the 24-hour rule sums.
pub fn hours_per_day<'a>(
    entries: impl IntoIterator<Item = &'a LogEntry>,
) -> HashMap<(Id<Apprenticeship>, NaiveDate), f64> {
    let mut out = HashMap::new();
    for e in entries {
        *out.entry((e.apprenticeship, e.date)).or_insert(0.0) += e.hours;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grade::SkillGrade;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn apprenticeship() -> Apprenticeship {
        Apprenticeship {
            studio: Id::new(),
            master: Id::new(),
            apprentice: Id::new(),
            occupation: "6-18-02-04".into(),
            agreement_date: Some(d(2025, 2, 20)),
            start_date: d(2025, 3, 1),
            end_date: Some(d(2026, 2, 28)),
            grade_at_start: Some(SkillGrade::Intermediate),
            grade_at_end: None,
            status: ApprenticeshipStatus::Active,
            outcome: None,
        }
    }

    fn entry(a: Id<Apprenticeship>, date: NaiveDate, hours: f64) -> LogEntry {
        LogEntry {
            apprenticeship: a,
            stage: None,
            date,
            hours,
            content: "焊接练习".into(),
            signed_by: None,
            signed_on: None,
        }
    }

    fn template(seq: u32, months: u32) -> StageTemplate {
        StageTemplate {
            org: Id::new(),
            occupation: "6-18-02-04".into(),
            seq,
            title: format!("阶段{seq}"),
            targets: None,
            planned_hours: 100.0,
            months,
        }
    }

    #[test]
    fn a_plan_from_a_template_runs_stage_after_stage_within_the_apprenticeship() {
        let a = apprenticeship();
        let id = Id::new();
        let plan = plan_from_template(id, &a, &[template(2, 6), template(1, 3), template(3, 6)]);
        assert_eq!(plan.len(), 3);
        assert_eq!(plan[0].title, "阶段1");
        assert_eq!(
            (plan[0].planned_start, plan[0].planned_end),
            (d(2025, 3, 1), d(2025, 5, 31))
        );
        assert_eq!(plan[1].planned_start, d(2025, 6, 1));
        // The last stage ends with the apprenticeship, however long the template says.
        assert_eq!(plan[2].planned_end, d(2026, 2, 28));
        let today = Today(d(2026, 1, 1));
        for s in &plan {
            assert!(!s.validate(today).has_errors(), "{s:?}");
            assert!(!s.check_in_apprenticeship(&a, today).has_errors(), "{s:?}");
        }
        let back = template_from_plan(a.studio, &a.occupation, &plan);
        assert_eq!(back.iter().map(|t| t.months).collect::<Vec<_>>(), [3, 6, 3]);
    }

    #[test]
    fn hours_must_be_above_nothing_and_a_day_holds_24() {
        let a = apprenticeship();
        let id = Id::new();
        let today = Today(d(2026, 1, 1));
        for bad in [0.0, -1.0, 24.5, f64::NAN] {
            let v = entry(id, d(2025, 4, 1), bad).validate(today);
            assert!(
                v.for_field("hours").any(|i| i.problem == Problem::EntryHours),
                "{bad}"
            );
        }
        let e = entry(id, d(2025, 4, 1), 8.0);
        assert!(!e.validate(today).has_errors());
        assert!(!e.check_related(&a, None, 16.0, today).has_errors());
        let v = e.check_related(&a, None, 16.5, today);
        assert!(
            v.for_field("hours")
                .any(|i| matches!(i.problem, Problem::HoursInDay { .. }))
        );
    }

    #[test]
    fn an_entry_outside_the_apprenticeship_or_in_another_plan_is_refused() {
        let a = apprenticeship();
        let id = Id::new();
        let today = Today(d(2026, 6, 1));
        let early = entry(id, d(2025, 2, 28), 2.0);
        assert!(
            early
                .check_related(&a, None, 0.0, today)
                .for_field("date")
                .next()
                .is_some()
        );
        let late = entry(id, d(2026, 3, 1), 2.0);
        assert!(
            late.check_related(&a, None, 0.0, today)
                .for_field("date")
                .next()
                .is_some()
        );
        let other = PlanStage {
            apprenticeship: Id::new(),
            seq: 1,
            title: "基础".into(),
            targets: None,
            planned_hours: 10.0,
            planned_start: d(2025, 3, 1),
            planned_end: d(2025, 6, 1),
            completed_on: None,
        };
        let v = entry(id, d(2025, 4, 1), 2.0).check_related(&a, Some(&other), 0.0, today);
        assert!(
            v.for_field("stage")
                .any(|i| i.problem == Problem::StageOfAnotherApprenticeship)
        );
    }

    #[test]
    fn a_sign_off_names_who_and_when_and_comes_after_the_entry() {
        let id = Id::new();
        let today = Today(d(2026, 1, 1));
        let mut e = entry(id, d(2025, 4, 1), 2.0);
        e.signed_by = Some(Id::new());
        assert!(e.validate(today).for_field("signed_on").next().is_some());
        e.signed_on = Some(d(2025, 3, 31));
        assert!(e.validate(today).for_field("signed_on").next().is_some());
        e.signed_on = Some(d(2025, 4, 2));
        assert!(!e.validate(today).has_errors());
        assert!(e.is_signed());
    }

    #[test]
    fn progress_counts_stages_hours_and_a_quiet_spell() {
        let a = apprenticeship();
        let id = Id::new();
        let plan = plan_from_template(id, &a, &[template(1, 3), template(2, 3)]);
        let mut stored: Vec<Stored<PlanStage>> = plan
            .into_iter()
            .map(|s| Stored {
                id: Id::new(),
                meta: crate::domain::Meta {
                    created_at: chrono::Utc::now(),
                    updated_at: chrono::Utc::now(),
                    deleted_at: None,
                    rev: 1,
                    changed_by: String::new(),
                    change_seq: 1,
                },
                record: s,
            })
            .collect();
        stored[0].record.completed_on = Some(d(2025, 5, 30));
        let entries = [entry(id, d(2025, 4, 1), 6.0), entry(id, d(2025, 7, 10), 4.5)];
        let stages: Vec<&Stored<PlanStage>> = stored.iter().collect();
        let refs: Vec<&LogEntry> = entries.iter().collect();
        let p = progress(&a, &stages, &refs, d(2025, 9, 15));
        assert_eq!((p.stages, p.stages_done), (2, 1));
        assert_eq!(p.overdue.len(), 0);
        assert_eq!(p.hours_planned, 200.0);
        assert_eq!(p.hours_logged, 10.5);
        assert_eq!(p.last_entry, Some(d(2025, 7, 10)));
        assert!(!p.quiet);
        let later = progress(&a, &stages, &refs, d(2025, 12, 1));
        assert!(later.quiet);
        stored[0].record.completed_on = None;
        let stages: Vec<&Stored<PlanStage>> = stored.iter().collect();
        let undone = progress(&a, &stages, &refs, d(2025, 9, 15));
        assert_eq!(undone.overdue.len(), 1);
        assert_eq!(undone.overdue[0].record.seq, 1);
    }
}
