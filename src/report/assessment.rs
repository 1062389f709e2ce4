//! The self-assessment sheet (年度考核自评表) of one organisation and year under a scheme:
//! the facts each sub-item draws from the year's records (with the figure's written
//! definition), the self and expert scores, the evidence behind each, the totals and
//! bands; laid out as one document from which `assessment.pdf` (with an annex listing
//! every evidence file and its SHA-256), `assessment.json` and `assessment.xlsx` are made,
//! tied together by a verification code as the annual return's are.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::Words;
use super::companion;
use super::figures::AnnualReturn;
use super::make::BuildError;
use super::model::{Column, Document, Row, Section, Table, Value};
use super::pdf::{self, Metadata};
use crate::domain::RecordKind;
use crate::domain::assessment::{self, Entry, Evidence, Fact, Item, Looks, Scheme, Sheet, number};
use crate::domain::year::YearData;
use crate::domain::{Id, org::Organisation};
use crate::lang::Lang;
use crate::store::Store;

/// The file names `skillbase assess` writes, a contract offices script against.
pub const PDF_FILE: &str = "assessment.pdf";
pub const JSON_FILE: &str = "assessment.json";
pub const XLSX_FILE: &str = "assessment.xlsx";
/// The folder `--with-evidence` copies the files into.
pub const EVIDENCE_DIR: &str = "evidence";
pub const SCHEMA: &str = "skillbase.assessment/1";

/// What `assessment.json` holds.
#[derive(Serialize)]
pub struct AssessmentJson<'a> {
    pub schema: &'static str,
    pub organisation: &'a str,
    pub organisation_id: String,
    pub year: i32,
    pub generated_at: String,
    pub software: &'static str,
    pub sheet: &'a Sheet,
    /// The scheme scored, as data.
    pub scheme_data: &'a Scheme,
    pub sections: &'a [Section],
}

/// One evidence file with where its bytes are.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceSource {
    pub evidence: Evidence,
    pub record_kind: RecordKind,
    pub record_id: String,
}

/// The attachments of a database, as the sheet finds its evidence: by the record they are
/// attached to, and by their SHA-256 (for evidence linked to a sub-item by hand).
#[derive(Clone, Debug, Default)]
pub struct EvidenceIndex {
    pub by_record: HashMap<(RecordKind, String), Vec<Evidence>>,
    pub by_sha: HashMap<String, Evidence>,
}

/// A made sheet.
pub struct Built {
    pub sheet: Sheet,
    pub document: Document,
    pub json: String,
    pub code: String,
    pub pdf: Vec<u8>,
    pub xlsx: Vec<u8>,
}

impl Built {
    pub fn files(&self) -> [(&'static str, &[u8]); 3] {
        [
            (PDF_FILE, self.pdf.as_slice()),
            (JSON_FILE, self.json.as_bytes()),
            (XLSX_FILE, self.xlsx.as_slice()),
        ]
    }

    /// Every evidence file the sheet lists, once per SHA-256, in the annex's order.
    pub fn evidence(&self) -> Vec<&Evidence> {
        let mut seen = std::collections::HashSet::new();
        self.sheet
            .groups
            .iter()
            .flat_map(|g| &g.items)
            .flat_map(|i| &i.evidence)
            .filter(|e| seen.insert(e.sha256.clone()))
            .collect()
    }
}

/// A quality rate (结业率, 培训合格率, 取证率, 满意率) of the year, in percent as the return
/// prints it (`report::training_quality`); `None` when nothing was measured (a
/// denominator of 0) or the key is no rate.
fn quality_rate(key: &str, annual: &AnnualReturn) -> Option<f64> {
    annual
        .training_quality
        .rates
        .iter()
        .find(|r| r.key == key)
        .and_then(|r| r.percent)
}

/// A figure of the return by its key, with the definition (a key of the return's
/// definitions) it follows.
fn figure(key: &str, a: &AnnualReturn, data: &YearData) -> Option<(f64, &'static str)> {
    let p = &a.apprentices;
    Some(match key {
        "high_skill_trained" => (data.headline().high_skill_trained as f64, "high_skill_trained"),
        "public_service_person_times" => (
            a.services_by_recipient
                .iter()
                .map(|r| r.counts.person_times)
                .sum::<u64>() as f64,
            "public_service_person_times",
        ),
        "trainees_completed" => (a.trainees_total.completed as f64, "trainees"),
        "certificates_high_skill" => (a.certificates_high_skill as f64, "certificates"),
        "apprentices_active" => (p.active as f64, "apprentices"),
        "new_agreements" => (p.new_agreements as f64, "agreements"),
        "young_backbones" => (p.young_backbones as f64, "young_backbones"),
        "apprentices_grade_raised" => (p.grade_raised as f64, "apprentices"),
        "stages_completed" => (p.stages_completed as f64, "apprentices"),
        "apprentice_training_hours" => (p.training_hours, "apprentices"),
        "teachers" => (a.teachers.total as f64, "teachers"),
        "teachers_trained" => (a.teachers.teachers_trained as f64, "teachers"),
        "course_packages_used" => (a.course_packages.used_this_year as f64, "course_packages"),
        "competitions" => (data.competitions.len() as f64, "competitions"),
        "awards" => (data.awards.len() as f64, "competitions"),
        "achievements" => (data.achievements.len() as f64, "achievements"),
        "fund_entries" => (data.funds.len() as f64, "funds"),
        _ => return None,
    })
}

/// The records a figure is counted from (whose attachments are its evidence).
fn figure_records(key: &str) -> Option<RecordKind> {
    Some(match key {
        "high_skill_trained" | "trainees_completed" => RecordKind::Cohort,
        "certificates_high_skill" => RecordKind::Qualification,
        "public_service_person_times" => RecordKind::PublicService,
        "apprentices_active" | "new_agreements" | "young_backbones" | "apprentices_grade_raised" => {
            RecordKind::Apprenticeship
        }
        "stages_completed" => RecordKind::PlanStage,
        "apprentice_training_hours" => RecordKind::LogEntry,
        "teachers" => RecordKind::Teacher,
        "teachers_trained" => RecordKind::TeacherTraining,
        "course_packages_used" => RecordKind::CoursePackage,
        "competitions" => RecordKind::Competition,
        "awards" => RecordKind::Award,
        "achievements" => RecordKind::Achievement,
        "fund_entries" => RecordKind::Fund,
        _ => return None,
    })
}

/// The ids of the year's records of a register.
fn record_ids(data: &YearData, kind: RecordKind) -> Vec<String> {
    fn ids<T>(v: &[crate::domain::Stored<T>]) -> Vec<String> {
        v.iter().map(|s| s.id.to_string()).collect()
    }
    match kind {
        RecordKind::Organisation => std::iter::once(data.org.id.to_string())
            .chain(data.hosted.iter().map(|h| h.id.to_string()))
            .collect(),
        RecordKind::Person => data.people.keys().map(|k| k.to_string()).collect(),
        RecordKind::Qualification => ids(&data.qualifications),
        RecordKind::CoursePackage => ids(&data.packages),
        RecordKind::Cohort => ids(&data.cohorts),
        RecordKind::Enrolment => ids(&data.enrolments),
        RecordKind::Facility => ids(&data.facilities),
        RecordKind::FacilityOccupation => ids(&data.facility_occupations),
        RecordKind::CapacityDeclaration => data.capacity.iter().map(|c| c.id.to_string()).collect(),
        RecordKind::PublicService => ids(&data.services),
        RecordKind::Apprenticeship => ids(&data.apprenticeships),
        RecordKind::Achievement => ids(&data.achievements),
        RecordKind::Teacher => ids(&data.teachers),
        RecordKind::TeacherTraining => ids(&data.teacher_trainings),
        RecordKind::Competition => ids(&data.competitions),
        RecordKind::Award => ids(&data.awards),
        RecordKind::Fund => ids(&data.funds),
        RecordKind::PlanStage => ids(&data.plan_stages),
        RecordKind::LogEntry => ids(&data.log_entries),
        // Registers of no organisation's year.
        RecordKind::StageTemplate | RecordKind::IndicatorSet | RecordKind::Indicator => Vec::new(),
    }
}

/// What the records say for a sub-item, with the figure's definition.
pub fn fact(item: &Item, a: &AnnualReturn, data: &YearData, lang: Lang) -> Option<Fact> {
    let unit = |k: &str| {
        assessment::FIGURES
            .iter()
            .find(|(f, _)| *f == k)
            .map_or("", |(_, u)| *u)
            .to_string()
    };
    match item.looks_at.as_ref()? {
        Looks::Figure(k) => Some(match figure(k, a, data) {
            Some((value, def)) => Fact {
                value: Some(value),
                unit: unit(k),
                definition: lang.definition(def).to_string(),
            },
            None => Fact {
                value: None,
                unit: unit(k),
                definition: String::new(),
            },
        }),
        Looks::Rate(k) => Some(Fact {
            value: quality_rate(k, a),
            unit: "%".into(),
            definition: String::new(),
        }),
        Looks::Records(kind) => Some(Fact {
            value: Some(record_ids(data, *kind).len() as f64),
            unit: "条".into(),
            definition: format!(
                "{}：本单位在 {} 年度内的记录数（按各登记簿的年度口径）",
                crate::domain::Labelled::label(kind, Lang::Zh),
                data.year
            ),
        }),
    }
}

/// The evidence of a sub-item: the files linked to it by hand, then those attached to the
/// records it looks at (each file once).
pub fn evidence(item: &Item, entry: &Entry, data: &YearData, index: &EvidenceIndex) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = Vec::new();
    let mut push = |e: &Evidence| {
        if !out.iter().any(|o| o.sha256 == e.sha256) {
            out.push(e.clone());
        }
    };
    for sha in &entry.evidence {
        if let Some(e) = index.by_sha.get(sha) {
            push(e);
        }
    }
    let kind = match &item.looks_at {
        Some(Looks::Records(k)) => Some(*k),
        Some(Looks::Figure(f)) => figure_records(f),
        _ => None,
    };
    if let Some(kind) = kind {
        for id in record_ids(data, kind) {
            for e in index.by_record.get(&(kind, id)).into_iter().flatten() {
                push(e);
            }
        }
    }
    out
}

/// Scores `scheme` for the year's records and what was entered.
pub fn sheet(
    scheme: &Scheme,
    annual: &AnnualReturn,
    data: &YearData,
    entries: &HashMap<String, Entry>,
    index: &EvidenceIndex,
) -> Sheet {
    assessment::score(
        scheme,
        |i| fact(i, annual, data, Lang::Zh),
        |i| entries.get(&i.key).cloned().unwrap_or_default(),
        |i, e| evidence(i, e, data, index),
    )
}

fn score_text(s: Option<f64>) -> Value {
    match s {
        Some(x) => Value::text(number(x)),
        None => Value::absent("未评"),
    }
}

fn band_line(label: &str, total: Option<f64>, band: Option<assessment::Band>, points: f64) -> String {
    match (total, band) {
        (Some(t), Some(b)) => format!(
            "{label}：{} 分（满分 {}），{}",
            number(t),
            number(points),
            b.label()
        ),
        _ => format!("{label}：未完成"),
    }
}

/// The sheet as a document: the summary, one section per major item, the annex of
/// evidence files.
pub fn document(sheet: &Sheet, org: &str, year: i32, made: &str) -> Document {
    let mut sections = Vec::new();
    let mut summary = Table::new(
        "summary",
        vec![
            Column::label("group", "一级指标", 4.0),
            Column::figure("points", "分值", None, 1.2),
            Column::figure("self", "自评得分", None, 1.4),
            Column::label("self_60", "自评达 60%", 1.4),
            Column::figure("expert", "专家评分", None, 1.4),
        ],
    );
    for g in &sheet.groups {
        summary.push(Row::new(
            g.key.clone(),
            vec![
                Value::text(&g.title),
                Value::text(number(g.points)),
                Value::text(number(g.self_total)),
                Value::text(if g.self_under_60 {
                    "否（不合格）"
                } else {
                    "是"
                }),
                score_text(g.expert_total),
            ],
        ));
    }
    summary.push(
        Row::new(
            "total",
            vec![
                Value::text("合计"),
                Value::text(number(sheet.points)),
                Value::text(number(sheet.self_total)),
                Value::text(""),
                score_text(sheet.expert_total),
            ],
        )
        .total(),
    );
    sections.push(
        Section::new("summary", "评分汇总")
            .lead(band_line("自评", Some(sheet.self_total), Some(sheet.self_band), sheet.points))
            .lead(band_line("专家评分", sheet.expert_total, sheet.expert_band, sheet.points))
            .lead(format!(
                "无佐证材料的二级指标：{} 项（按评分规则计 0 分）",
                sheet.without_evidence
            ))
            .table(summary)
            .remark(
                "等次：90 分及以上为优秀，80–89 分为良好，60–79 分为合格，60 分以下或任一一级指标得分低于其分值 60% 的为不合格。\
                 得分保留一位小数，不向上进位（89.9 分为良好，59.5 分为不合格）；无佐证材料的二级指标计 0 分；自评分不超过该项分值。",
            ),
    );
    for g in &sheet.groups {
        let mut t = Table::new(
            &g.key,
            vec![
                Column::label("item", "二级指标与评分办法", 4.2),
                Column::figure("points", "分值", None, 0.9),
                Column::label("fact", "记录数据", 1.6),
                Column::figure("suggested", "按记录", None, 1.1),
                Column::figure("self", "自评", None, 0.9),
                Column::figure("counted", "计入", None, 0.9),
                Column::figure("expert", "专家", None, 0.9),
                Column::label("evidence", "佐证材料", 2.6),
            ],
        );
        let mut remarks = Vec::new();
        for i in &g.items {
            let fact = match &i.fact {
                Some(f) => match f.value {
                    Some(v) => format!("{} {}", number(v), f.unit),
                    None => "未记录".into(),
                },
                None => "—".into(),
            };
            let ev = if i.no_evidence {
                format!("缺（需：{}）", i.needs)
            } else {
                format!("{} 份（{}）", i.evidence.len(), i.checked_by.join("、"))
            };
            t.push(Row::new(
                i.key.clone(),
                vec![
                    Value::text(format!("{}。{}", i.title, i.rule)),
                    Value::text(number(i.points)),
                    Value::text(fact),
                    score_text(i.suggested),
                    score_text(i.self_score),
                    Value::text(number(i.counted_self)),
                    score_text(i.expert_score),
                    Value::text(ev),
                ],
            ));
            if !i.note.is_empty() {
                remarks.push(format!("{}（自评说明）：{}", i.title, i.note));
            }
            if !i.expert_note.is_empty() {
                remarks.push(format!("{}（专家意见）：{}", i.title, i.expert_note));
            }
            if let Some(f) = i.fact.as_ref().filter(|f| !f.definition.is_empty()) {
                remarks.push(format!("{}（数据口径）：{}", i.title, f.definition));
            }
        }
        let mut s = Section::new(&g.key, &g.title)
            .lead(format!(
                "分值 {}，自评得分 {}{}",
                number(g.points),
                number(g.self_total),
                if g.self_under_60 {
                    "，低于分值的 60%"
                } else {
                    ""
                }
            ))
            .table(t);
        for r in remarks {
            s = s.remark(r);
        }
        sections.push(s);
    }
    let mut annex = Table::new(
        "evidence",
        vec![
            Column::label("n", "序号", 0.7),
            Column::label("item", "二级指标", 2.4),
            Column::label("file", "文件名", 2.8),
            Column::figure("size", "字节", None, 1.2),
            Column::label("sha256", "SHA-256", 5.2),
        ],
    )
    .when_empty("没有佐证材料。");
    let mut n = 0;
    for g in &sheet.groups {
        for i in &g.items {
            for e in &i.evidence {
                n += 1;
                annex.push(Row::new(
                    format!("{}-{}", i.key, e.sha256),
                    vec![
                        Value::text(n.to_string()),
                        Value::text(&i.title),
                        Value::text(&e.file_name),
                        Value::Count(e.size),
                        Value::text(&e.sha256),
                    ],
                ));
            }
        }
    }
    sections.push(
        Section::new("annex", "附件：佐证材料清单")
            .unnumbered()
            .table(annex)
            .remark("每个文件以其 SHA-256 标识；--with-evidence 导出的文件与此值一致即为同一文件。"),
    );
    let mut doc = Document {
        title: "年度考核自评表".into(),
        subtitle: vec![
            format!("{org} · {year} 年度"),
            format!("评分办法：{}", sheet.scheme_name),
            format!("生成时间：{made}"),
        ],
        sections,
        notes: Vec::new(),
        colophon: vec![format!("评分办法依据：{}", sheet.issuer)],
        signature: (
            ["单位负责人（签字）：", "填表人（签字）："]
                .map(str::to_string)
                .to_vec(),
            "单位（盖章）：".into(),
        ),
        footer: vec![org.to_string(), format!("{year} 年度考核自评")],
        watermark: None,
    };
    doc.number(|k| Lang::Zh.definition(k).to_string());
    doc
}

/// The attachments the sheet can cite: every live attachment of the database.
pub fn evidence_index(store: &Store) -> Result<EvidenceIndex, crate::store::StoreError> {
    let mut index = EvidenceIndex::default();
    for a in store.attachments()? {
        let e = Evidence {
            file_name: a.file_name.clone(),
            sha256: a.sha256.clone(),
            size: a.size,
            attached_to: format!(
                "{} {}",
                crate::domain::Labelled::label(&a.kind, Lang::Zh),
                a.record
            ),
        };
        index.by_sha.entry(a.sha256.clone()).or_insert_with(|| e.clone());
        index
            .by_record
            .entry((a.kind, a.record.to_string()))
            .or_default()
            .push(e);
    }
    Ok(index)
}

/// Scores `org`'s `year` under `scheme` from the database: the year's records, what was
/// entered, the attachments. Gives the organisation's name too.
pub fn sheet_of(
    store: &Store,
    org: Id<Organisation>,
    year: i32,
    scheme: &Scheme,
) -> Result<(Sheet, String), crate::store::StoreError> {
    let (data, findings) = crate::rules::check_year(store, org, year)?;
    let annual = crate::report::compute(&data, &findings);
    let entries = store.assessment_entries(org, year, &scheme.key)?;
    let index = evidence_index(store)?;
    Ok((
        sheet(scheme, &annual, &data, &entries, &index),
        data.org.record.name.clone(),
    ))
}

/// The demo's self-assessment of `year`: every organisation in the database scores each
/// sub-item of the example scheme for its kind as its records say (the sheet's
/// `suggested` score), and a sub-item that only people can judge at 85% of its points,
/// with no note and no evidence linked by hand. The sheet then shows what an office's
/// first draft would: totals, bands, and the sub-items whose evidence is still missing
/// (counted zero). The demo's files are what evidence there is.
pub fn demo_self_assessment(store: &mut Store, year: i32) -> Result<(), crate::store::StoreError> {
    use crate::store::assessment::{EntryWrite, Side};
    let orgs = store.list::<Organisation>(&crate::store::Scope::default())?;
    for org in orgs {
        let scheme = assessment::example(org.record.kind);
        let (sheet, _) = sheet_of(store, org.id, year, &scheme)?;
        let entries: Vec<EntryWrite> = sheet
            .groups
            .iter()
            .flat_map(|g| &g.items)
            .map(|i| EntryWrite {
                item: i.key.clone(),
                score: Some(i.suggested.unwrap_or(i.points * 0.85)),
                note: String::new(),
                evidence: Vec::new(),
            })
            .collect();
        store.set_assessment_entries(Side::Own, org.id, year, &scheme.key, &entries)?;
    }
    Ok(())
}

/// Makes the sheet of `org`'s `year` under `scheme`, at `now`.
pub fn build(
    store: &Store,
    org: Id<Organisation>,
    year: i32,
    scheme: &Scheme,
    now: DateTime<FixedOffset>,
) -> Result<Built, BuildError> {
    let (sheet, org_name) = sheet_of(store, org, year, scheme)?;
    let made = now.format("%Y-%m-%d %H:%M %:z").to_string();
    let document = document(&sheet, &org_name, year, &made);
    let json = companion::json(&AssessmentJson {
        schema: SCHEMA,
        organisation: &org_name,
        organisation_id: org.to_string(),
        year,
        generated_at: now.to_rfc3339(),
        software: crate::APP_VERSION,
        sheet: &sheet,
        scheme_data: scheme,
        sections: &document.sections,
    });
    let code = companion::verification_code(&json);
    let pdf = pdf::render(
        &document,
        &Metadata {
            title: document.title.clone(),
            author: org_name.clone(),
            subject: format!("{year}年度考核自评 · 校验码 {code}"),
            created: now,
            verification: code.clone(),
        },
    )?;
    let about: Vec<(String, String)> = [
        ("单位", org_name.clone()),
        ("年度", year.to_string()),
        ("评分办法", sheet.scheme_name.clone()),
        ("自评总分", number(sheet.self_total)),
        ("自评等次", sheet.self_band.label().to_string()),
        ("专家评分", sheet.expert_total.map_or("未完成".into(), number)),
        ("生成时间", made),
        ("校验码", code.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let xlsx = companion::xlsx(&document, &about).map_err(|e| BuildError::Xlsx(e.to_string()))?;
    Ok(Built {
        sheet,
        document,
        json,
        code,
        pdf,
        xlsx,
    })
}

/// A file name safe on every system for evidence `e` listed `n`-th: the number, the
/// start of its SHA-256 (so two files of one name never collide), and its own name with
/// characters Windows refuses replaced.
pub fn evidence_file_name(n: usize, e: &Evidence) -> String {
    const RESERVED: &[&str] = &[
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    let mut name: String = e
        .file_name
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    name = name.trim_matches(|c: char| c == ' ' || c == '.').to_string();
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    if name.is_empty() || RESERVED.contains(&stem.as_str()) {
        name = format!("_{name}");
    }
    let name: String = name.chars().take(100).collect();
    let sha: String = e.sha256.chars().take(8).collect();
    format!("{n:03}-{sha}-{name}")
}

/// The evidence files named for `DIR/evidence/`, keyed by SHA-256.
pub fn evidence_names(built: &Built) -> BTreeMap<String, String> {
    built
        .evidence()
        .into_iter()
        .enumerate()
        .map(|(i, e)| (e.sha256.clone(), evidence_file_name(i + 1, e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_names_are_safe_on_windows_and_never_collide() {
        let e = |name: &str, sha: &str| Evidence {
            file_name: name.into(),
            sha256: sha.into(),
            size: 1,
            attached_to: String::new(),
        };
        assert_eq!(
            evidence_file_name(1, &e("协议:1?.pdf", "abcdef0123")),
            "001-abcdef01-协议_1_.pdf"
        );
        assert_eq!(
            evidence_file_name(2, &e("CON.txt", "11111111")),
            "002-11111111-_CON.txt"
        );
        assert_eq!(evidence_file_name(3, &e("..", "22222222")), "003-22222222-_");
        assert_ne!(
            evidence_file_name(4, &e("a.pdf", "33333333")),
            evidence_file_name(5, &e("a.pdf", "44444444"))
        );
    }
}
