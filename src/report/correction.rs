//! Corrections of submitted returns: the year's records changed since submission, and the
//! figures of a new return set against the submitted ones (printed on the 更正版).

use serde::Serialize;
use serde_json::Value;

use super::model::{
    Difference, Figure, PrintedSection, Section, Value as Value_, differences, figure_id, figures, grouped,
    printed,
};
use crate::domain::Labelled;
use crate::domain::identity::mask_document_number;
use crate::domain::year::{Submission, YearData};
use crate::domain::{Record, RecordKind, Stored};
use crate::lang::Lang;

/// What a correction corrects and how its figures differ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Correction {
    /// The verification code of the submitted return.
    pub corrects: String,
    pub submitted_at: String,
    /// Figures whose value differs from the submitted return, each once.
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

/// The key figures of a return made before the return had sections in its JSON
/// (`skillbase.annual-return/1`), under the ids the sections give the same figures now.
fn legacy_figures(v: &Value) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut push = |id: String, label: &str, shown: String| {
        out.push(Figure {
            id,
            label: label.to_string(),
            shown,
        })
    };
    let count = |v: &Value| {
        v.as_u64()
            .map_or_else(|| "—".to_string(), |n| grouped(&n.to_string()))
    };
    for i in v["indicators"].as_array().into_iter().flatten() {
        let key = i["key"].as_str().unwrap_or_default();
        let label = format!("政策指标完成情况：{}", i["label"].as_str().unwrap_or(key));
        push(figure_id("indicators", key, "value"), &label, count(&i["value"]));
    }
    for c in v["capacity"].as_array().into_iter().flatten() {
        let key = c["key"].as_str().unwrap_or_default();
        let declared = if c["declared"].is_null() {
            "未申报".to_string()
        } else {
            count(&c["declared"])
        };
        let label = c["label"].as_str().unwrap_or(key);
        push(
            figure_id("capacity", key, "declared"),
            &format!("培训能力与利用率：{label}，申报能力"),
            declared,
        );
        let utilisation = c["utilisation_percent"]
            .as_f64()
            .map_or_else(|| "—".to_string(), |p| format!("{p:.1}"));
        push(
            figure_id("capacity", key, "utilisation"),
            &format!("培训能力与利用率：{label}，利用率（%）"),
            utilisation,
        );
    }
    let t = &v["trainees_total"];
    for column in ["enrolled", "completed", "passed"] {
        push(
            figure_id("trainees_by_occupation", "total", column),
            &format!("培训学员情况：合计，{column}"),
            count(&t[column]),
        );
    }
    push(
        figure_id("certificates", "high_skill", "count"),
        "取得证书：其中高技能人才证书（张）",
        count(&v["certificates_high_skill"]),
    );
    let a = &v["apprentices"];
    for key in ["active", "completed"] {
        push(
            figure_id("apprentices", key, "value"),
            &format!("名师带徒：{key}（人）"),
            count(&a[key]),
        );
    }
    push(
        figure_id("teachers", "total", "value"),
        "师资队伍：教师总数（人）",
        count(&v["teachers"]["total"]),
    );
    for key in ["income_total", "expense_total"] {
        let fen = v["funds"][key]
            .as_str()
            .and_then(|y| y.parse::<f64>().ok())
            .map(|y| Value_::Money(crate::domain::Money::from_yuan(y).0).shown());
        push(
            figure_id("funds", key, "amount"),
            &format!("经费收支：{key}（元）"),
            fen.unwrap_or_else(|| "—".into()),
        );
    }
    out
}

/// A submitted return's JSON set against sections made now: every figure that differs,
/// once, with both values as printed, derived ones such as utilisation included. The
/// sections named in `skip` are left out on both sides.
pub fn compare_submitted(submitted_json: &str, now: &[Section], skip: &[&str]) -> Vec<Difference> {
    let before: Value = serde_json::from_str(submitted_json).unwrap_or(Value::Null);
    let after = figures(&printed(now), skip);
    match before.get("sections") {
        Some(sections) => {
            let sections: Vec<PrintedSection> = serde_json::from_value(sections.clone()).unwrap_or_default();
            differences(&figures(&sections, skip), &after)
        }
        None => {
            // A return made before its JSON held its sections: compare its key figures.
            let old: Vec<Figure> = legacy_figures(&before)
                .into_iter()
                .filter(|f| f.shown != "—")
                .collect();
            let known: std::collections::HashSet<&str> = old.iter().map(|f| f.id.as_str()).collect();
            let after: Vec<Figure> = after
                .into_iter()
                .filter(|f| known.contains(f.id.as_str()))
                .collect();
            differences(&old, &after)
        }
    }
}

/// A new return's sections set against the submitted return (the correction itself left
/// out): what the 更正说明 lists.
pub fn compare(submission: &Submission, now: &[Section]) -> Correction {
    Correction {
        corrects: submission.verification.clone(),
        submitted_at: submission.submitted_at.format("%Y-%m-%d").to_string(),
        changes: compare_submitted(&submission.figures, now, &["correction"])
            .into_iter()
            .map(|d| Change {
                item: d.item,
                submitted: d.before,
                corrected: d.after,
            })
            .collect(),
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
