//! An apprenticeship's plan printed as its agreement's annex (带徒协议附件：徒弟培养计划):
//! the stages with their targets, hours and dates, and the master's, apprentice's and
//! studio's signature block; A4 in Simplified Chinese through the return's printer
//! (`pdf`), with a code on every page tying the sheet to the plan it was printed from.

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

use super::model::{Column, Document, Row, Section, Table, Value};
use super::pdf::{Metadata, PdfError, render};
use crate::domain::codes;
use crate::domain::studio::Apprenticeship;
use crate::domain::studio_log::PlanStage;

/// Who the plan is for, as printed.
pub struct AnnexPeople<'a> {
    pub studio: &'a str,
    pub master: &'a str,
    pub apprentice: &'a str,
}

/// The plan's code: the first 16 hex digits of the SHA-256 of its stages as JSON.
pub fn plan_code(a: &Apprenticeship, stages: &[PlanStage]) -> String {
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(a).unwrap_or_default());
    h.update(serde_json::to_vec(stages).unwrap_or_default());
    h.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The annex as a document.
pub fn document(people: &AnnexPeople<'_>, a: &Apprenticeship, stages: &[PlanStage]) -> Document {
    let occupation = match codes::occupation(&a.occupation) {
        Some(o) => format!("{} {}", a.occupation, o.name),
        None => a.occupation.clone(),
    };
    let end = a.end_date.map_or("—".to_string(), |d| d.to_string());
    let mut table = Table::new(
        "plan",
        vec![
            Column::label("seq", "阶段", 0.8),
            Column::label("title", "阶段名称", 2.4),
            Column::label("targets", "目标技能与任务", 4.6),
            Column::figure("planned_hours", "计划学时", None, 1.3),
            Column::label("dates", "计划起止日期", 2.6),
            Column::label("completed_on", "完成日期", 1.6),
        ],
    )
    .when_empty("尚未制订培养阶段。");
    let mut stages: Vec<&PlanStage> = stages.iter().collect();
    stages.sort_by_key(|s| s.seq);
    for s in &stages {
        table.push(Row::new(
            format!("stage-{}", s.seq),
            vec![
                Value::text(s.seq.to_string()),
                Value::text(&s.title),
                Value::text(s.targets.as_deref().unwrap_or("")),
                Value::Decimal(s.planned_hours, 1),
                Value::text(format!("{} 至 {}", s.planned_start, s.planned_end)),
                Value::text(s.completed_on.map_or(String::new(), |d| d.to_string())),
            ],
        ));
    }
    let total: f64 = stages.iter().map(|s| s.planned_hours).sum();
    table.push(
        Row::new(
            "total",
            vec![
                Value::text("合计"),
                Value::text(format!("{} 个阶段", stages.len())),
                Value::text(""),
                Value::Decimal(total, 1),
                Value::text(""),
                Value::text(""),
            ],
        )
        .total(),
    );
    let section = Section::new("plan", "培养阶段")
        .unnumbered()
        .lead(format!(
            "师傅：{}　　徒弟：{}　　职业（工种）：{occupation}　　带徒期限：{} 至 {end}",
            people.master, people.apprentice, a.start_date
        ))
        .table(table)
        .remark("本计划为带徒协议的附件，与协议具有同等效力；各阶段完成后由师傅在带徒记录中签字确认。");
    Document {
        title: "带徒协议附件：徒弟培养计划".into(),
        subtitle: vec![people.studio.to_string()],
        sections: vec![section],
        notes: Vec::new(),
        colophon: Vec::new(),
        signature: (
            ["师傅（签字）：", "徒弟（签字）："].map(str::to_string).to_vec(),
            "工作室（盖章）：".into(),
        ),
        footer: vec![people.studio.to_string(), format!("徒弟 {}", people.apprentice)],
        watermark: None,
    }
}

/// The annex as PDF bytes, made at `made`.
pub fn pdf(
    people: &AnnexPeople<'_>,
    a: &Apprenticeship,
    stages: &[PlanStage],
    made: DateTime<FixedOffset>,
) -> Result<Vec<u8>, PdfError> {
    let doc = document(people, a, stages);
    let code = plan_code(a, stages);
    let meta = Metadata {
        title: doc.title.clone(),
        author: people.studio.to_string(),
        subject: format!("徒弟培养计划 · {} · 校验码 {code}", people.apprentice),
        created: made,
        verification: code,
    };
    render(&doc, &meta)
}
