//! Corrections of submitted returns: the year's records changed since submission, and the
//! key figures of a new return set against the submitted ones (printed on the 更正版).

use serde::Serialize;
use serde_json::Value;

use super::figures::AnnualReturn;
use crate::domain::identity::mask_document_number;
use crate::domain::year::{Submission, YearData};
use crate::domain::{Record, RecordKind, Stored};
use crate::i18n::{Labelled, Lang};

/// What a correction corrects and how its figures differ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Correction {
    /// The verification code of the submitted return.
    pub corrects: String,
    pub submitted_at: String,
    /// Key figures whose value differs from the submitted return.
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub item: String,
    pub submitted: String,
    pub corrected: String,
}

/// A record of the year written after the return was submitted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangedRecord {
    pub kind: RecordKind,
    pub id: String,
    pub record: String,
}

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => "—".into(),
        Some(other) => other.to_string(),
    }
}

/// The figures a reviewer compares, as (label, value), from a return's JSON.
fn key_figures(v: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for i in v["indicators"].as_array().into_iter().flatten() {
        out.push((
            text(i.get("label")),
            format!("{} {}", text(i.get("value")), text(i.get("unit"))),
        ));
    }
    for c in v["capacity"].as_array().into_iter().flatten() {
        out.push((
            format!("{}（申报）", text(c.get("label"))),
            text(c.get("declared")),
        ));
    }
    let t = &v["trainees_total"];
    out.push(("在训学员（人）".into(), text(t.get("enrolled"))));
    out.push(("结业学员（人）".into(), text(t.get("completed"))));
    out.push(("考核合格（人）".into(), text(t.get("passed"))));
    out.push((
        "高技能人才证书（张）".into(),
        text(v.get("certificates_high_skill")),
    ));
    let person_times: u64 = v["services_by_recipient"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["person_times"].as_u64())
        .sum();
    out.push(("公共实训服务人次".into(), person_times.to_string()));
    let a = &v["apprentices"];
    out.push(("在带徒弟（人）".into(), text(a.get("active"))));
    out.push(("出师（人）".into(), text(a.get("completed"))));
    out.push(("教师总数（人）".into(), text(v["teachers"].get("total"))));
    out.push(("经费收入合计（元）".into(), text(v["funds"].get("income_total"))));
    out.push(("经费支出合计（元）".into(), text(v["funds"].get("expense_total"))));
    out
}

/// Sets a new return's key figures against the submitted one's.
pub fn compare(submission: &Submission, now: &AnnualReturn) -> Correction {
    let before: Value = serde_json::from_str(&submission.figures).unwrap_or(Value::Null);
    let after = serde_json::to_value(now).unwrap_or(Value::Null);
    let old = key_figures(&before);
    let new = key_figures(&after);
    let mut changes = Vec::new();
    for (item, corrected) in &new {
        let submitted = old
            .iter()
            .find(|(k, _)| k == item)
            .map_or_else(|| "—".to_string(), |(_, v)| v.clone());
        if &submitted != corrected {
            changes.push(Change {
                item: item.clone(),
                submitted,
                corrected: corrected.clone(),
            });
        }
    }
    Correction {
        corrects: submission.verification.clone(),
        submitted_at: submission.submitted_at.format("%Y-%m-%d").to_string(),
        changes,
    }
}

fn changed<R: Record>(
    out: &mut Vec<ChangedRecord>,
    records: &[Stored<R>],
    since: i64,
    label: impl Fn(&Stored<R>) -> String,
) {
    for r in records.iter().filter(|r| r.meta.change_seq > since) {
        out.push(ChangedRecord {
            kind: R::KIND,
            id: r.id.to_string(),
            record: label(r),
        });
    }
}

/// The year's live records written after `submission` (deletions show in the figures).
pub fn changed_since(year: &YearData, submission: &Submission) -> Vec<ChangedRecord> {
    let since = submission.change_seq;
    let mut out = Vec::new();
    let person = |id| {
        year.person(id).map_or_else(String::new, |p| {
            format!("{}（{}）", p.name, mask_document_number(&p.doc_number))
        })
    };
    if year.org.meta.change_seq > since {
        out.push(ChangedRecord {
            kind: RecordKind::Organisation,
            id: year.org.id.to_string(),
            record: year.org.record.name.clone(),
        });
    }
    let mut people: Vec<_> = year.people.values().cloned().collect();
    people.sort_by_key(|p| p.id);
    changed(&mut out, &people, since, |p| {
        format!(
            "{}（{}）",
            p.record.name,
            mask_document_number(&p.record.doc_number)
        )
    });
    changed(&mut out, &year.cohorts, since, |c| c.record.name.clone());
    changed(&mut out, &year.enrolments, since, |e| person(e.record.person));
    changed(&mut out, &year.qualifications, since, |q| {
        format!("{} {}", person(q.record.person), q.record.grade.name_zh())
    });
    changed(&mut out, &year.services, since, |s| {
        format!("{} {}", s.record.date, s.record.recipient)
    });
    changed(&mut out, &year.apprenticeships, since, |a| {
        person(a.record.apprentice)
    });
    changed(&mut out, &year.achievements, since, |a| a.record.title.clone());
    changed(&mut out, &year.teachers, since, |t| person(t.record.person));
    changed(&mut out, &year.teacher_trainings, since, |t| {
        format!("{} {}", t.record.date, t.record.content)
    });
    changed(&mut out, &year.competitions, since, |c| c.record.name.clone());
    changed(&mut out, &year.awards, since, |a| a.record.title.clone());
    changed(&mut out, &year.funds, since, |f| {
        format!("{} {}", f.record.date, f.record.amount)
    });
    changed(&mut out, &year.packages, since, |p| p.record.name.clone());
    if let Some(c) = &year.capacity {
        changed(&mut out, std::slice::from_ref(c), since, |c| {
            c.record.year.to_string()
        });
    }
    out
}

impl ChangedRecord {
    /// "人员 张三（150102********1237）"
    pub fn describe(&self, lang: Lang) -> String {
        format!("{} {}", self.kind.label(lang), self.record)
    }
}
