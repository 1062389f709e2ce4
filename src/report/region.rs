//! The regional summary (全区汇总): every loaded organisation's indicators against its
//! targets (the annual return's own figures, `report::compute`, per organisation); what
//! each organisation submitted (its packages carry its submitted returns) set against the
//! same figures recomputed from its package, with its own errors and warnings as its own
//! return counts them; the region-wide figures against the targets of SPEC.md (people
//! counted once per document across organisations); the people who appear in several
//! organisations; each figure's written definition. Laid out as a `report::model`
//! document, from which the PDF (the annual return's layout and writer), the JSON and the
//! XLSX are made, tied together by the verification code.

use serde::Serialize;

use super::Words;
use crate::domain::Labelled;
use crate::domain::Stored;
use crate::domain::codes;
use crate::domain::org::Organisation;
use crate::domain::year::{DuplicatePair, YearData};
use crate::lang::Lang;
use crate::report::figures::{AnnualReturn, Indicator};
use crate::report::layout::{Align, Page};
use crate::report::model::{Column, Difference, Document, Row, Section, Table, Value};
use crate::report::status::{DocumentInfo, Status};
use crate::store::{RegionalCounts, Store, StoreError, SubmittedReturn};

/// Identifies the JSON companion's layout.
pub const SCHEMA: &str = "skillbase.regional-summary/2";
/// The file names `skillbase region-return` writes.
pub const PDF_FILE: &str = "region-return.pdf";
pub const JSON_FILE: &str = "region-return.json";
pub const XLSX_FILE: &str = "region-return.xlsx";

/// One organisation in the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub kind_label: String,
    pub tier_label: Option<String>,
    pub division_name: Option<String>,
    /// When its package was made at the source.
    pub exported_at: String,
    pub file_name: String,
    pub indicators: Vec<Indicator>,
    /// The validator's findings on its year, as its own return counts them (possible
    /// duplicates among its own people included, those with other organisations' not).
    pub errors: u64,
    pub warnings: u64,
    /// Its people who may be the same person as someone another organisation registered
    /// (by document, or by name, birth date and sex): listed apart from its findings.
    pub cross_org_duplicates: u64,
    /// Its latest submitted return of the year, set against the figures recomputed here.
    pub submission: Option<SubmissionTie>,
    /// Its self-assessment of the year with the reviewer's expert scores, when it sent one.
    pub assessment: Option<AssessmentTotals>,
}

/// An organisation's scoring sheet in the summary: self and expert totals and bands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssessmentTotals {
    pub scheme: String,
    pub scheme_name: String,
    pub self_total: f64,
    pub self_band: &'static str,
    /// Set once the reviewer scored every sub-item.
    pub expert_total: Option<f64>,
    pub expert_band: Option<&'static str>,
    pub without_evidence: usize,
}

/// The organisation's sheet of the year under the scheme for its kind, when it has
/// entered anything for it (or the reviewer has).
fn assessment_totals(
    store: &Store,
    data: &crate::domain::year::YearData,
    annual: &crate::report::AnnualReturn,
    index: &crate::report::assessment::EvidenceIndex,
) -> Result<Option<AssessmentTotals>, StoreError> {
    let org = &data.org;
    let Some(scheme) = store.scheme_for(org.record.kind, None)? else {
        return Ok(None);
    };
    if !store.has_assessment(org.id, data.year, &scheme.key)? {
        return Ok(None);
    }
    let entries = store.assessment_entries(org.id, data.year, &scheme.key)?;
    let sheet = crate::report::assessment::sheet(&scheme, annual, data, &entries, index);
    Ok(Some(AssessmentTotals {
        scheme: sheet.scheme.clone(),
        scheme_name: sheet.scheme_name.clone(),
        self_total: sheet.self_total,
        self_band: sheet.self_band.label(),
        expert_total: sheet.expert_total,
        expert_band: sheet.expert_band.map(|b| b.label()),
        without_evidence: sheet.without_evidence,
    }))
}

/// What an organisation submitted, and whether its package bears it out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubmissionTie {
    /// The verification code on its signed paper.
    pub code: String,
    /// 正式 or 更正版 N, as its return says.
    pub status_label: String,
    pub submitted_at: String,
    /// Every printed figure recomputed from the package equals the submitted one.
    pub matches: bool,
    /// The figures that differ: `before` as submitted, `after` as recomputed here.
    pub differences: Vec<Difference>,
}

/// A region-wide figure against the region's target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionalFigure {
    /// Also the key of its definition.
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    /// None where the registers hold nothing to count it from.
    pub value: Option<u64>,
    pub target: Option<u64>,
    pub met: Option<bool>,
}

/// A document held by people in several organisations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedRow {
    pub doc_number_masked: String,
    pub name: String,
    pub orgs: Vec<String>,
    /// Person records holding it (more than one: entered independently).
    pub records: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Definition {
    pub key: &'static str,
    pub text: &'static str,
}

/// Everything the regional summary states.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionalSummary {
    pub schema: &'static str,
    pub year: i32,
    /// The year whose targets apply (2015, or 2020 for later years).
    pub target_year: i32,
    pub orgs: Vec<OrgRow>,
    /// Organisations named by the loaded records whose own package was not loaded.
    pub missing: Vec<String>,
    pub figures: Vec<RegionalFigure>,
    pub counts: RegionalCounts,
    /// Sum over organisations of the annual return's "high-skill people trained": people
    /// trained by two organisations count twice here, once in `counts`.
    pub sum_high_skill_trained: u64,
    pub sum_young_backbones: u64,
    pub shared: Vec<SharedRow>,
    pub definitions: Vec<Definition>,
    pub app_version: &'static str,
}

/// The definitions the summary prints, in order.
pub const DEFINITION_KEYS: &[&str] = &[
    "org_indicators",
    "high_skill_stock",
    "technicians_stock",
    "region_bases",
    "region_studios",
    "leading_talents",
    "shortage_technicians",
    "on_post_trainees",
    "new_high_skill",
    "competitions",
    "integrated_teachers",
    "frontline_funds",
    "submissions",
    "shared_people",
];

fn figure(
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    value: Option<u64>,
    target: Option<u64>,
) -> RegionalFigure {
    RegionalFigure {
        key,
        label,
        unit,
        value,
        target,
        met: match (value, target) {
            (Some(v), Some(t)) => Some(v >= t),
            _ => None,
        },
    }
}

/// The region's targets (SPEC.md): those for 2015 up to 2015, those for 2020 after.
fn figures(c: &RegionalCounts, target_year: i32) -> Vec<RegionalFigure> {
    let early = target_year <= 2015;
    let t = |a: u64, b: u64| Some(if early { a } else { b });
    vec![
        figure(
            "high_skill_stock",
            "全区高技能人才总量",
            "人",
            Some(c.high_skill_stock),
            t(540_000, 650_000),
        ),
        figure(
            "technicians_stock",
            "其中技师、高级技师",
            "人",
            Some(c.technicians_stock),
            t(210_000, 280_000),
        ),
        figure(
            "region_bases",
            "自治区级高技能人才培训基地",
            "个",
            Some(c.region_bases),
            t(25, 50),
        ),
        figure(
            "region_studios",
            "自治区级技能大师工作室",
            "个",
            Some(c.region_studios),
            t(25, 50),
        ),
        figure(
            "leading_talents",
            "年培养高技能领军人才",
            "人",
            Some(c.leading_talents),
            Some(100),
        ),
        figure(
            "leading_talents_3y",
            "　近三年累计",
            "人",
            Some(c.leading_talents_3y),
            Some(500),
        ),
        figure(
            "shortage_technicians",
            "年培养紧缺急需职业技师、高级技师",
            "人",
            Some(c.shortage_technicians),
            Some(2000),
        ),
        figure(
            "shortage_technicians_3y",
            "　近三年累计",
            "人",
            Some(c.shortage_technicians_3y),
            Some(10_000),
        ),
        figure(
            "on_post_trainees",
            "年企业岗位练兵",
            "人",
            Some(c.on_post_trainees),
            Some(100_000),
        ),
        figure(
            "new_high_skill",
            "年新增高技能人才",
            "人",
            Some(c.new_high_skill),
            Some(10_000),
        ),
        figure(
            "competition_occupations",
            "年技能竞赛职业（工种）",
            "个",
            Some(c.competition_occupations),
            Some(50),
        ),
        figure(
            "competitors",
            "年技能竞赛参赛",
            "人次",
            Some(c.competitors),
            Some(50_000),
        ),
        figure(
            "integrated_teachers",
            "近三年一体化教师",
            "人",
            Some(c.integrated_teachers_3y),
            Some(1000),
        ),
        figure(
            "frontline_funds",
            "企业职工教育经费用于一线职工比例",
            "%",
            None,
            Some(60),
        ),
    ]
}

/// Computes the summary of `year` from the consolidation database.
pub fn summary(
    store: &Store,
    year: i32,
    progress: &dyn crate::progress::Progress,
) -> Result<RegionalSummary, StoreError> {
    let loads = store.consolidation_loads()?;
    let all_orgs = store.organisations()?;
    progress.stage("figures", loads.len() as u64 + 2);
    let mut orgs = Vec::new();
    let (mut sum_trained, mut sum_backbones) = (0, 0);
    let evidence = crate::report::assessment::evidence_index(store)?;
    for load in &loads {
        let Ok(id) = load.org.parse::<uuid::Uuid>() else {
            continue;
        };
        let org = store.get::<crate::domain::org::Organisation>(crate::domain::Id::from_uuid(id))?;
        if org.meta.is_deleted() {
            continue;
        }
        let data = store.load_year(org.id, year)?;
        let ids: Vec<_> = data.people.keys().copied().collect();
        let (own, others) = own_and_others(store, &org, &all_orgs, store.possible_duplicates(&ids)?)?;
        // The year before too, so that the year-on-year warnings count here as in the
        // organisation's own return.
        let previous = store.year_headline(org.id, year - 1)?;
        let findings = crate::rules::validate(&data, &own, Some(&previous), store.today());
        let annual = crate::report::compute(&data, &findings);
        // What was delivered, whatever the set in force judges (or with none in force).
        match org.record.kind {
            crate::domain::org::OrgKind::TrainingBase => sum_trained += data.headline().high_skill_trained,
            crate::domain::org::OrgKind::MasterStudio => sum_backbones += annual.apprentices.young_backbones,
        }
        let submission = match store.received_submission(&load.org, year)? {
            Some(s) => Some(tie(store, &data, &annual, &s)?),
            None => None,
        };
        let assessment = assessment_totals(store, &data, &annual, &evidence)?;
        let cross: std::collections::HashSet<_> = others.iter().map(|p| p.person).collect();
        let o = &org.record;
        orgs.push(OrgRow {
            id: org.id.to_string(),
            name: o.name.clone(),
            kind: o.kind.code().to_string(),
            kind_label: o.kind.label(Lang::Zh).to_string(),
            tier_label: o.tier.map(|t| t.label(Lang::Zh).to_string()),
            division_name: o.division.as_deref().and_then(codes::im_division_full_name),
            exported_at: load.exported_at.clone(),
            file_name: load.file_name.clone(),
            indicators: annual.indicators,
            errors: findings.errors() as u64,
            warnings: findings.warnings() as u64,
            cross_org_duplicates: cross.len() as u64,
            submission,
            assessment,
        });
        progress.advance(1);
    }
    orgs.sort_by(|a, b| (a.kind != "training_base", &a.name).cmp(&(b.kind != "training_base", &b.name)));
    let loaded: std::collections::HashSet<&str> = loads.iter().map(|l| l.org.as_str()).collect();
    let missing = store
        .organisations()?
        .into_iter()
        .filter(|o| !loaded.contains(o.id.to_string().as_str()))
        .map(|o| o.record.name)
        .collect();
    let counts = store.regional_counts(year)?;
    progress.advance(1);
    let names: std::collections::HashMap<String, String> =
        orgs.iter().map(|o| (o.id.clone(), o.name.clone())).collect();
    let shared = store
        .people_in_several_orgs()?
        .into_iter()
        .map(|p| SharedRow {
            doc_number_masked: crate::domain::identity::mask_document_number(&p.doc_number),
            name: p.name,
            orgs: p
                .orgs
                .iter()
                .map(|id| {
                    names
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| id.chars().take(8).collect())
                })
                .collect(),
            records: p.records,
        })
        .collect();
    progress.advance(1);
    let target_year = if year <= 2015 { 2015 } else { 2020 };
    Ok(RegionalSummary {
        schema: SCHEMA,
        year,
        target_year,
        figures: figures(&counts, target_year),
        orgs,
        missing,
        counts,
        sum_high_skill_trained: sum_trained,
        sum_young_backbones: sum_backbones,
        shared,
        definitions: DEFINITION_KEYS
            .iter()
            .map(|k| Definition {
                key: k,
                text: Lang::Zh.region_definition(k),
            })
            .collect(),
        app_version: crate::APP_VERSION,
    })
}

/// Possible duplicates as the organisation's own return finds them (the other person is
/// named by its records, those of the studios it hosts or of its host, all of which one
/// database holds, or by none), and those only the consolidation finds (the other person
/// belongs to other organisations only).
fn own_and_others(
    store: &Store,
    org: &Stored<Organisation>,
    all: &[Stored<Organisation>],
    pairs: Vec<DuplicatePair>,
) -> Result<(Vec<DuplicatePair>, Vec<DuplicatePair>), StoreError> {
    let mut family: std::collections::HashSet<String> = all
        .iter()
        .filter(|o| o.record.host == Some(org.id))
        .map(|o| o.id.to_string())
        .collect();
    family.insert(org.id.to_string());
    if let Some(host) = org.record.host {
        family.insert(host.to_string());
    }
    let others: Vec<String> = pairs.iter().map(|p| p.other.to_string()).collect();
    let naming = store.orgs_naming(&others)?;
    Ok(pairs.into_iter().partition(|p| {
        naming
            .get(&p.other.to_string())
            .is_none_or(|orgs| orgs.iter().any(|o| family.contains(o)))
    }))
}

/// The submitted return set against the organisation's return recomputed from its
/// package: every printed figure (the data-quality section aside: the consolidation checks
/// people across organisations), each once.
fn tie(
    store: &Store,
    data: &YearData,
    annual: &AnnualReturn,
    s: &SubmittedReturn,
) -> Result<SubmissionTie, StoreError> {
    let info = DocumentInfo::new(
        Status::Draft,
        0,
        data.year,
        store.today(),
        chrono::Local::now().fixed_offset(),
    );
    let hosted = crate::report::detail::hosted_studios(store, data.org.id, data.year)?;
    let agreements = crate::report::detail::agreements(data);
    let achievements = crate::report::detail::achievements(data);
    let doc = crate::report::sections::document(&crate::report::sections::Inputs {
        annual,
        info: &info,
        hosted: &hosted,
        agreements: &agreements,
        achievements: &achievements,
    });
    let differences = crate::report::correction::compare_submitted(
        &s.figures,
        &doc.sections,
        &["correction", "data_quality"],
    );
    let figures: serde_json::Value = serde_json::from_str(&s.figures).unwrap_or_default();
    Ok(SubmissionTie {
        code: s.verification.clone(),
        status_label: figures["document"]["status_label"]
            .as_str()
            .map_or_else(|| "正式".to_string(), str::to_string),
        submitted_at: s.submitted_at.clone(),
        matches: differences.is_empty(),
        differences,
    })
}

/// The definition a figure's footnote points to.
fn note_key(key: &str) -> &'static str {
    let key = key.trim_end_matches("_3y");
    let key = match key {
        "competition_occupations" | "competitors" => "competitions",
        k => k,
    };
    DEFINITION_KEYS
        .iter()
        .copied()
        .find(|k| *k == key)
        .unwrap_or("org_indicators")
}

/// A stored UTC time as this computer's local date and minute.
fn local_minute(at: &str) -> String {
    let t = crate::store::local_time(at);
    t.get(..16).map_or(t.clone(), str::to_string)
}

/// 一、全区指标完成情况, with how people are counted once.
fn region_figures(s: &RegionalSummary) -> Section {
    let table = Table::new(
        "region_figures",
        vec![
            Column::label("item", "指标", 4.4),
            Column::label("unit", "计量单位", 1.2).align(Align::Center),
            Column::figure("value", "全区合计", None, 2.0),
            Column::figure("target", "目标", None, 2.0),
            Column::figure("met", "是否达标", None, 1.4).align(Align::Center),
        ],
    )
    .with(s.figures.iter().map(|f| {
        Row::new(
            f.key,
            vec![
                Value::text(f.label),
                Value::text(f.unit),
                f.value.map_or_else(|| Value::absent("无法计算"), Value::Count),
                Value::at_least(f.target, "—"),
                Value::met(f.met),
            ],
        )
        .defined_by(note_key(f.key))
    }));
    let counts = Table::list(
        "region_counts",
        vec![
            (
                "people",
                "全区人员（按证件去重）",
                "人",
                Value::Count(s.counts.people),
            ),
            (
                "shared_documents",
                "其中在两个及以上单位出现的证件号码",
                "个",
                Value::Count(s.counts.shared_documents),
            ),
            (
                "sum_high_skill_trained",
                "各单位“年培训高技能人才”相加",
                "人",
                Value::Count(s.sum_high_skill_trained),
            ),
            (
                "sum_young_backbones",
                "各工作室“年培养青年技能骨干”相加",
                "人",
                Value::Count(s.sum_young_backbones),
            ),
        ],
    )
    .caption("人数的去重");
    Section::new("region_figures", "全区指标完成情况")
        .table(table)
        .table(counts)
        .remark(
            "全区合计按证件去重，同一人在几个单位出现只计一次；各单位的数字相加则各计一次（见第四部分）。",
        )
}

/// 二、各单位指标完成情况.
fn org_indicators(s: &RegionalSummary) -> Section {
    let mut table = Table::new(
        "org_indicators",
        vec![
            Column::label("org", "单位", 3.8),
            Column::label("item", "指标", 2.8),
            Column::label("unit", "计量单位", 1.1).align(Align::Center),
            Column::figure("value", "实际", None, 1.3),
            Column::figure("target", "目标", None, 1.4),
            Column::figure("met", "达标", None, 1.0).align(Align::Center),
        ],
    )
    .when_empty("尚未载入数据包");
    for o in &s.orgs {
        let who = format!(
            "{}（{}{}）",
            o.name,
            o.tier_label.clone().unwrap_or_default(),
            o.kind_label
        );
        for (i, ind) in o.indicators.iter().enumerate() {
            table.push(Row::new(
                format!("{}.{}", o.id, ind.id()),
                vec![
                    Value::text(if i == 0 { who.as_str() } else { "" }),
                    Value::Text(ind.name(Lang::Zh)),
                    Value::Text(ind.unit.clone()),
                    ind.value_cell(),
                    Value::Text(ind.threshold_shown()),
                    Value::met(ind.met),
                ],
            ));
        }
    }
    let mut section = Section::new("org_indicators", "各单位指标完成情况")
        .defined_by("org_indicators")
        .table(table);
    if !s.missing.is_empty() {
        section = section.remark(format!(
            "以下单位出现在已载入的记录中，但尚未报送本单位数据包：{}。",
            s.missing.join("、")
        ));
    }
    section
}

/// 三、各单位上报与核对: what each submitted, and whether its package bears it out.
fn submissions(s: &RegionalSummary) -> Section {
    let mut table = Table::new(
        "org_submissions",
        vec![
            Column::label("org", "单位", 2.5),
            Column::figure("package", "数据包日期", None, 1.8).align(Align::Center),
            Column::figure("submitted", "上报", None, 1.7).align(Align::Center),
            Column::figure("code", "上报校验码", None, 2.8).align(Align::Center),
            Column::figure("check", "数字核对", None, 1.9).align(Align::Center),
            Column::figure("errors", "错误", Some("条"), 0.9),
            Column::figure("warnings", "警告", Some("条"), 0.9),
            Column::figure("cross", "跨单位重复", Some("人"), 1.7),
        ],
    )
    .when_empty("尚未载入数据包");
    let mut details = Vec::new();
    for o in &s.orgs {
        let (submitted, code, check) = match &o.submission {
            None => (Value::absent("未上报"), Value::absent("—"), Value::absent("—")),
            Some(t) => (
                Value::Text(format!(
                    "{} {}",
                    t.status_label,
                    local_minute(&t.submitted_at).get(..10).unwrap_or("")
                )),
                Value::Text(t.code.clone()),
                Value::Text(if t.matches {
                    "一致".into()
                } else {
                    format!("不一致 {} 项", t.differences.len())
                }),
            ),
        };
        table.push(Row::new(
            o.id.clone(),
            vec![
                Value::Text(o.name.clone()),
                Value::Text(local_minute(&o.exported_at)),
                submitted,
                code,
                check,
                Value::Count(o.errors),
                Value::Count(o.warnings),
                Value::Count(o.cross_org_duplicates),
            ],
        ));
        if let Some(t) = o.submission.as_ref().filter(|t| !t.matches) {
            details.push(
                Table::new(
                    &format!("differences.{}", o.id),
                    vec![
                        Column::label("item", "项目", 5.0),
                        Column::figure("submitted", "上报", None, 2.0),
                        Column::figure("recomputed", "按数据包重算", None, 2.0),
                    ],
                )
                .caption(&format!("{}：上报数字与按数据包重算不同的项目", o.name))
                .with(t.differences.iter().map(|d| {
                    Row::new(
                        d.id.clone(),
                        vec![
                            Value::Text(d.item.clone()),
                            Value::Text(d.before.clone()),
                            Value::Text(d.after.clone()),
                        ],
                    )
                })),
            );
        }
    }
    let mut section = Section::new("submissions", "各单位上报与核对")
        .defined_by("submissions")
        .table(table);
    for t in details {
        section = section.table(t);
    }
    section
}

/// 四、在多个单位出现的人员.
fn shared(s: &RegionalSummary) -> Section {
    let table = Table::new(
        "shared_people",
        vec![
            Column::label("doc", "证件号码", 2.4),
            Column::label("name", "姓名", 1.4),
            Column::figure("orgs", "出现的单位", None, 5.0).align(Align::Left),
            Column::figure("records", "人员记录", Some("条"), 1.6),
        ],
    )
    .when_empty("没有证件号码出现在两个及以上单位。")
    .with(s.shared.iter().map(|p| {
        Row::new(
            p.doc_number_masked.clone(),
            vec![
                Value::Text(p.doc_number_masked.clone()),
                Value::Text(p.name.clone()),
                Value::Text(p.orgs.join("、")),
                Value::Count(p.records),
            ],
        )
    }));
    Section::new("shared_people", "在多个单位出现的人员")
        .defined_by("shared_people")
        .table(table)
}

/// 五、各单位考核自评与专家评分 (only when an organisation sent a self-assessment).
fn assessments(s: &RegionalSummary) -> Section {
    use crate::domain::assessment::number;
    let table = Table::new(
        "org_assessments",
        vec![
            Column::label("org", "单位", 2.6),
            Column::label("scheme", "评分办法", 3.0),
            Column::figure("self", "自评", Some("分"), 1.0),
            Column::figure("self_band", "自评等次", None, 1.2).align(Align::Center),
            Column::figure("expert", "专家评分", Some("分"), 1.2),
            Column::figure("expert_band", "专家等次", None, 1.2).align(Align::Center),
            Column::figure("no_evidence", "缺佐证", Some("项"), 1.0),
        ],
    )
    .with(s.orgs.iter().filter_map(|o| {
        let a = o.assessment.as_ref()?;
        Some(Row::new(
            o.id.clone(),
            vec![
                Value::Text(o.name.clone()),
                Value::Text(a.scheme_name.clone()),
                Value::Text(number(a.self_total)),
                Value::Text(a.self_band.to_string()),
                a.expert_total
                    .map_or(Value::absent("未完成"), |t| Value::Text(number(t))),
                a.expert_band
                    .map_or(Value::absent("—"), |b| Value::Text(b.to_string())),
                Value::Count(a.without_evidence as u64),
            ],
        ))
    }));
    Section::new("assessments", "各单位考核自评与专家评分")
        .table(table)
        .remark("无佐证材料的二级指标计 0 分；任一一级指标得分低于其分值 60% 的为不合格；专家评分在每个二级指标都评过后才计总分。")
}

/// The summary as a document: one function per section.
pub fn document(s: &RegionalSummary, generated: &str) -> Document {
    let mut doc = Document {
        title: format!("内蒙古自治区高技能人才工作{}年度全区汇总", s.year),
        subtitle: vec![
            format!(
                "报告期：{0}年1月1日至{0}年12月31日　　汇总单位 {1} 个　　目标：{2}年",
                s.year,
                s.orgs.len(),
                s.target_year
            ),
            format!("生成时间：{generated}　　技能基地通 {}", s.app_version),
        ],
        sections: {
            let mut sections = vec![region_figures(s), org_indicators(s), submissions(s), shared(s)];
            if s.orgs.iter().any(|o| o.assessment.is_some()) {
                sections.push(assessments(s));
            }
            sections
        },
        notes: Vec::new(),
        colophon: vec![format!("生成：技能基地通 {}，{generated}。", s.app_version)],
        signature: (
            ["汇总人：", "审核人：", "联系电话：", "汇总日期："]
                .map(str::to_string)
                .to_vec(),
            "单位盖章：".into(),
        ),
        footer: vec!["全区汇总".into(), format!("{}年度", s.year)],
        watermark: None,
    };
    doc.number(|key| Lang::Zh.region_definition(key).to_string());
    doc
}

/// What `region-return.json` holds: the summary and its sections as printed.
#[derive(Serialize)]
struct SummaryJson<'a> {
    #[serde(flatten)]
    summary: &'a RegionalSummary,
    generated_at: &'a str,
    sections: &'a [Section],
}

/// The summary's three files: (name, bytes), and the verification code.
pub struct Built {
    pub json: String,
    pub code: String,
    pub pdf: Vec<u8>,
    pub xlsx: Vec<u8>,
    pub pages: Vec<Page>,
}

impl Built {
    pub fn files(&self) -> [(&'static str, &[u8]); 3] {
        [
            (PDF_FILE, self.pdf.as_slice()),
            (JSON_FILE, self.json.as_bytes()),
            (XLSX_FILE, self.xlsx.as_slice()),
        ]
    }
}

/// Makes the PDF, JSON and XLSX of a summary, all from its one document.
pub fn build(s: &RegionalSummary) -> Result<Built, String> {
    let now = chrono::Local::now().fixed_offset();
    let generated = format!("{}（UTC{}）", now.format("%Y-%m-%d %H:%M"), now.format("%:z"));
    let doc = document(s, &generated);
    let mut summary = s.clone();
    summary.definitions = doc
        .note_keys(DEFINITION_KEYS)
        .into_iter()
        .map(|key| Definition {
            key,
            text: Lang::Zh.region_definition(key),
        })
        .collect();
    let generated_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let json = crate::report::companion::json(&SummaryJson {
        summary: &summary,
        generated_at: &generated_at,
        sections: &doc.sections,
    });
    let code = crate::report::companion::verification_code(&json);
    let font = crate::fonts::ReportFont::get().ok_or("font")?;
    let pages = crate::report::pdf::layout(&doc, &code, font);
    let meta = crate::report::pdf::Metadata {
        title: doc.title.clone(),
        author: "全区汇总".into(),
        subject: format!("{}年度全区汇总 · 校验码 {code}", s.year),
        created: now,
        verification: code.clone(),
    };
    let pdf = crate::report::pdf::write_pages(&meta, &pages).map_err(|e| e.to_string())?;
    let about: Vec<(String, String)> = [
        ("报告年度", s.year.to_string()),
        ("汇总单位", s.orgs.len().to_string()),
        ("目标年度", s.target_year.to_string()),
        ("生成时间", generated),
        ("软件", format!("技能基地通 {}", s.app_version)),
        ("校验码", code.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let xlsx = crate::report::companion::xlsx(&doc, &about).map_err(|e| e.to_string())?;
    Ok(Built {
        json,
        code,
        pdf,
        xlsx,
        pages,
    })
}
