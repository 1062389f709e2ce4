//! A studio's log since it began keeping one in the app (2023): its plan template for the
//! occupation, each apprenticeship's plan made from it, and entries every one to two
//! weeks, signed off by the master within a week. Realistic slips are left in: a stage
//! or two not marked done after its planned end, and now and then an active apprentice
//! whose log stopped months ago (the validator's APP03).
//!
//! Drawn from its own random stream ([`Gen::log_rng`]), so the rest of the demo is the
//! same as before the log existed.

use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::studio::{Apprenticeship, ApprenticeshipStatus};
use crate::domain::studio_log::{LogEntry, StageTemplate, plan_from_template};

use super::*;
use crate::demo::AS_OF;

/// The year studios began keeping their log in the app.
pub(super) const LOG_SINCE: i32 = 2023;

/// A plan template's stages: title, targets, hours, months; and what an entry of each
/// stage says was taught.
const STAGES: &[(&str, &str, f64, u32, &[&str])] = &[
    (
        "安全规范与基本功",
        "安全操作规程、工量具使用与保养、基本操作动作规范",
        60.0,
        2,
        &[
            "讲解安全操作规程并现场演示",
            "工量具的使用与日常保养",
            "基本操作动作分解练习",
            "安全事故案例分析",
        ],
    ),
    (
        "识图与工艺准备",
        "读懂零件图和装配图，编制简单工艺卡，正确选择材料与参数",
        90.0,
        3,
        &[
            "识读零件图、装配图",
            "编写工艺卡并讲评",
            "材料与工艺参数选择",
            "工艺准备综合练习",
        ],
    ),
    (
        "核心技能专项训练",
        "独立完成本工种中级以上典型工作任务，质量达标",
        160.0,
        5,
        &[
            "典型工件实操训练",
            "操作要领示范与纠正",
            "质量缺陷分析与返修",
            "限时实操练习",
            "师傅带做关键工序",
        ],
    ),
    (
        "复杂工件与故障处理",
        "复杂工件加工或装调，常见设备故障的诊断与排除",
        120.0,
        4,
        &[
            "复杂工件工艺分析与实操",
            "设备常见故障诊断",
            "现场故障排除跟班学习",
            "工装夹具的调整与改进",
        ],
    ),
    (
        "技术攻关与考核准备",
        "参与工作室技术攻关项目，完成技能等级认定的理论与实操准备",
        80.0,
        6,
        &[
            "参与工作室技术攻关项目",
            "理论知识复习与模拟测试",
            "技能等级认定实操模拟",
            "总结带徒成果并讲评",
        ],
    ),
];

impl Gen<'_, '_> {
    fn put_logged<R: Record>(&mut self, record: &R, on: NaiveDate) -> Result<Id<R>> {
        self.clock += 1;
        let id = Id::from_parts(ID_EPOCH_MS + self.clock, self.log_rng.bytes10());
        self.bulk.insert(id, record, at(on))?;
        Ok(id)
    }

    /// The studio's template for its occupation, written when it began its log.
    pub(super) fn stage_template(
        &mut self,
        studio: Id<Organisation>,
        occupation: &str,
    ) -> Result<Vec<StageTemplate>> {
        let made_on = ymd(LOG_SINCE, 1, 9);
        let mut out = Vec::new();
        for (i, (title, targets, hours, months, _)) in STAGES.iter().enumerate() {
            let t = StageTemplate {
                org: studio,
                occupation: occupation.to_string(),
                seq: i as u32 + 1,
                title: title.to_string(),
                targets: Some(targets.to_string()),
                planned_hours: *hours,
                months: *months,
            };
            self.put_logged(&t, made_on)?;
            out.push(t);
        }
        Ok(out)
    }

    /// An apprenticeship's plan from the template and its log up to the demo's day.
    pub(super) fn apprenticeship_log(
        &mut self,
        id: Id<Apprenticeship>,
        a: &Apprenticeship,
        master: Id<Person>,
        template: &[StageTemplate],
    ) -> Result<()> {
        let end = a.end_date.unwrap_or(AS_OF);
        // The log stops at the end, at the demo's day, or (one active apprentice in ten)
        // months before it.
        let quiet = a.status == ApprenticeshipStatus::Active && self.log_rng.chance(0.1);
        let mut last = end.min(AS_OF);
        if quiet {
            last = add_days(AS_OF, -self.log_rng.range(100, 140));
        }
        if a.status == ApprenticeshipStatus::Terminated {
            last = add_days(a.start_date, (end - a.start_date).num_days() * 3 / 5);
        }
        let mut stages = Vec::new();
        for mut s in plan_from_template(id, a, template) {
            let done_by = add_days(s.planned_end, self.log_rng.range(-12, 15));
            let slipped = a.status == ApprenticeshipStatus::Active && self.log_rng.chance(0.12);
            s.completed_on = match a.status {
                ApprenticeshipStatus::Completed => Some(done_by.min(end).max(s.planned_start)),
                _ if done_by <= last && !slipped => Some(done_by.max(s.planned_start)),
                _ => None,
            };
            let sid = self.put_logged(&s, a.start_date)?;
            stages.push((sid, s));
        }
        let mut day = add_days(a.start_date, self.log_rng.range(0, 6));
        while day <= last {
            let Some(i) = stages
                .iter()
                .position(|(_, s)| s.planned_start <= day && day <= s.planned_end)
            else {
                break;
            };
            let said = STAGES[i.min(STAGES.len() - 1)].4;
            let content = said[self.log_rng.below(said.len() as u64) as usize];
            let hours = self.log_rng.range(4, 16) as f64 / 2.0;
            let signed_on = add_days(day, self.log_rng.range(0, 7));
            let signed = signed_on <= add_days(AS_OF, -3);
            let e = LogEntry {
                apprenticeship: id,
                stage: Some(stages[i].0),
                date: day,
                hours,
                content: content.to_string(),
                signed_by: signed.then_some(master),
                signed_on: signed.then_some(signed_on),
            };
            let entry = self.put_logged(&e, day)?;
            // The first entry of each month of the last year has a photo of the practice
            // (the log's photos are attachments like any record's).
            if chrono::Datelike::year(&day) == chrono::Datelike::year(&AS_OF)
                && chrono::Datelike::day(&day) <= 15
                && chrono::Datelike::month(&day).is_multiple_of(3)
            {
                let png = super::evidence::practice_png(entry.uuid().as_u64_pair().1);
                self.evidence(
                    crate::domain::RecordKind::LogEntry,
                    entry,
                    "实训照片.png",
                    &png,
                    day,
                )?;
            }
            day = add_days(day, self.log_rng.range(5, 16));
        }
        Ok(())
    }
}
