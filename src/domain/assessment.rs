//! The scoring sheet bases and studios are judged on (考核评分表): a scheme as data, its
//! scoring rules, and a self-assessment scored by them.
//!
//! A scheme has major items (一级指标) of sub-items (二级指标), each with its points, a
//! scoring rule (all or nothing, a deduction per shortfall, or judgement), what it looks
//! at in the records (a figure, a rate, a register's records), the evidence it needs and
//! how that is checked (材料审核, 实地考察, 专家意见). The rules found
//! (`reference/evaluation.md`): a sub-item without supporting evidence scores 0; ≥90
//! 优秀, 80–89 良好, 60–79 合格; 不合格 below 60 or when any major item scores below 60%
//! of its points.
//!
//! Scores are kept in tenths of a point (an entry is rounded to one decimal) and are
//! never rounded up to reach a band: 89.9 is 良好, 59.5 is 不合格. The 60% rule compares
//! exactly (a major item of 15 points needs 9.0).

use serde::{Deserialize, Serialize};

use crate::domain::RecordKind;
use crate::domain::org::OrgKind;

/// The key of the shipped example schemes.
pub const EXAMPLE_BASE: &str = "example-base";
pub const EXAMPLE_STUDIO: &str = "example-studio";
/// What every shipped scheme says of itself.
pub const EXAMPLE_LABEL: &str = "示例，请按本地评价办法修改";

/// The most points a scheme may have in all (the sheets found have 100).
pub const MAX_TOTAL_POINTS: f64 = 1000.0;

/// A scoring sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scheme {
    /// Stable key (what an assessment names).
    pub key: String,
    pub name: String,
    /// Which organisations it is for.
    pub applies_to: OrgKind,
    /// Who issued it and under which document, or that it is an example.
    pub issuer: String,
    pub groups: Vec<Group>,
}

/// A major item (一级指标).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub key: String,
    pub title: String,
    pub items: Vec<Item>,
}

/// A sub-item (二级指标).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub key: String,
    pub title: String,
    pub points: f64,
    pub rule: Rule,
    /// What it looks at in the records, if they can say.
    pub looks_at: Option<Looks>,
    /// The evidence it needs (佐证材料), as a reviewer would ask for it.
    pub evidence: String,
    /// How it is checked.
    pub checked_by: Vec<CheckedBy>,
}

/// How a sub-item is scored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// Full points when the figure reaches `target` (any at all when there is none), else 0.
    AllOrNothing { target: Option<f64> },
    /// Full points less `per_shortfall` for every unit the figure is short of `target`.
    Deduction { target: f64, per_shortfall: f64 },
    /// The assessor's judgement; nothing is suggested.
    Judgement,
}

/// How a sub-item's evidence is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckedBy {
    /// 材料审核
    Documents,
    /// 实地考察
    SiteVisit,
    /// 专家意见
    Experts,
}

impl CheckedBy {
    pub fn label(self) -> &'static str {
        match self {
            CheckedBy::Documents => "材料审核",
            CheckedBy::SiteVisit => "实地考察",
            CheckedBy::Experts => "专家意见",
        }
    }
}

/// What a sub-item looks at in the records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "key", rename_all = "snake_case")]
pub enum Looks {
    /// A figure of the year's return, by its key ([`FIGURES`]).
    Figure(String),
    /// A quality rate, by its key ([`RATES`]).
    Rate(String),
    /// The records of a register (their count in the year, and their attachments as
    /// evidence).
    Records(RecordKind),
}

/// The figures a sub-item may look at, with the unit they are counted in.
pub const FIGURES: &[(&str, &str)] = &[
    ("high_skill_trained", "人"),
    ("public_service_person_times", "人次"),
    ("trainees_completed", "人"),
    ("certificates_high_skill", "人"),
    ("apprentices_active", "人"),
    ("new_agreements", "份"),
    ("young_backbones", "人"),
    ("apprentices_grade_raised", "人"),
    ("stages_completed", "个"),
    ("apprentice_training_hours", "学时"),
    ("teachers", "人"),
    ("teachers_trained", "人"),
    ("course_packages_used", "个"),
    ("competitions", "项"),
    ("awards", "项"),
    ("achievements", "项"),
    ("fund_entries", "笔"),
];

/// The quality rates (结业率, 培训合格率, 取证率, 满意率), in percent.
pub const RATES: &[&str] = &[
    "completion_rate",
    "pass_rate",
    "certification_rate",
    "satisfaction_rate",
];

/// A fact a sub-item draws from the records.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    /// `None`: the records do not say (not recorded).
    pub value: Option<f64>,
    pub unit: String,
    /// The figure's written definition.
    pub definition: String,
}

/// A score's band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Excellent,
    Good,
    Pass,
    Fail,
}

impl Band {
    pub fn label(self) -> &'static str {
        match self {
            Band::Excellent => "优秀",
            Band::Good => "良好",
            Band::Pass => "合格",
            Band::Fail => "不合格",
        }
    }
}

/// A score in tenths of a point.
pub fn tenths(points: f64) -> i64 {
    (points * 10.0).round() as i64
}

fn from_tenths(t: i64) -> f64 {
    t as f64 / 10.0
}

/// The band of `total` out of `out_of` (scaled to 100) with each major item's
/// (score, points): 不合格 when any major item is under 60% of its points.
pub fn band(total: f64, out_of: f64, groups: &[(f64, f64)]) -> Band {
    if groups
        .iter()
        .any(|&(got, points)| tenths(got) * 10 < tenths(points) * 6)
    {
        return Band::Fail;
    }
    // On a sheet of 100 points (the usual) the total is compared as it is, in tenths.
    let scaled = if tenths(out_of) == 1000 || out_of <= 0.0 {
        tenths(total)
    } else {
        ((total * 1000.0) / out_of).floor() as i64
    };
    match scaled {
        t if t >= 900 => Band::Excellent,
        t if t >= 800 => Band::Good,
        t if t >= 600 => Band::Pass,
        _ => Band::Fail,
    }
}

impl Item {
    /// The score the records suggest under the rule, if they can say.
    pub fn suggested(&self, fact: Option<&Fact>) -> Option<f64> {
        let value = fact.and_then(|f| f.value);
        match (&self.rule, value) {
            (Rule::Judgement, _) | (_, None) => None,
            (Rule::AllOrNothing { target }, Some(v)) => {
                let met = match target {
                    Some(t) => v >= *t,
                    None => v > 0.0,
                };
                Some(if met { self.points } else { 0.0 })
            }
            (
                Rule::Deduction {
                    target,
                    per_shortfall,
                },
                Some(v),
            ) => {
                let short = (target - v).max(0.0).ceil();
                Some(from_tenths(
                    (tenths(self.points) - tenths(short * per_shortfall)).max(0),
                ))
            }
        }
    }

    /// The rule in words, as the sheet prints it.
    pub fn rule_text(&self) -> String {
        match &self.rule {
            Rule::AllOrNothing { target: Some(t) } => format!("达到 {} 得满分，否则 0 分", number(*t)),
            Rule::AllOrNothing { target: None } => "有则得满分，无则 0 分".into(),
            Rule::Deduction {
                target,
                per_shortfall,
            } => format!(
                "目标 {}，每少 1 扣 {} 分，扣完为止",
                number(*target),
                number(*per_shortfall)
            ),
            Rule::Judgement => "评审酌情给分".into(),
        }
    }
}

/// A number without a needless ".0".
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else if (x * 10.0 - (x * 10.0).round()).abs() < 1e-9 {
        format!("{:.1}", from_tenths(tenths(x)))
    } else {
        format!("{x:.2}").trim_end_matches('0').to_string()
    }
}

/// What is wrong with a scheme, naming the item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeProblem {
    NoKey,
    NoName,
    NoItems,
    /// A key used twice (a major item's or a sub-item's).
    DuplicateKey(String),
    /// Points not above 0, not in tenths, or a total over [`MAX_TOTAL_POINTS`].
    Points(String),
    /// A deduction or a target that is negative.
    Rule(String),
    /// A figure or rate the records do not have.
    UnknownFigure {
        item: String,
        key: String,
    },
}

impl Scheme {
    /// The points of the whole sheet.
    pub fn total_points(&self) -> f64 {
        from_tenths(self.groups.iter().map(|g| tenths(g.points())).sum())
    }

    /// The sub-item with this key.
    pub fn item(&self, key: &str) -> Option<&Item> {
        self.groups.iter().flat_map(|g| &g.items).find(|i| i.key == key)
    }

    /// Checks the scheme's own rules (before it is saved or taken from a package).
    pub fn check(&self) -> Result<(), SchemeProblem> {
        if self.key.trim().is_empty() {
            return Err(SchemeProblem::NoKey);
        }
        if self.name.trim().is_empty() {
            return Err(SchemeProblem::NoName);
        }
        if self.groups.is_empty() || self.groups.iter().any(|g| g.items.is_empty()) {
            return Err(SchemeProblem::NoItems);
        }
        let mut seen = std::collections::HashSet::new();
        for g in &self.groups {
            if !seen.insert(g.key.as_str()) {
                return Err(SchemeProblem::DuplicateKey(g.key.clone()));
            }
            for i in &g.items {
                if !seen.insert(i.key.as_str()) {
                    return Err(SchemeProblem::DuplicateKey(i.key.clone()));
                }
                if i.points.is_nan()
                    || i.points <= 0.0
                    || (i.points * 10.0 - (i.points * 10.0).round()).abs() > 1e-6
                {
                    return Err(SchemeProblem::Points(i.key.clone()));
                }
                match &i.rule {
                    Rule::Deduction {
                        target,
                        per_shortfall,
                    } if target.is_nan()
                        || *target < 0.0
                        || per_shortfall.is_nan()
                        || *per_shortfall <= 0.0 =>
                    {
                        return Err(SchemeProblem::Rule(i.key.clone()));
                    }
                    Rule::AllOrNothing { target: Some(t) } if *t < 0.0 => {
                        return Err(SchemeProblem::Rule(i.key.clone()));
                    }
                    _ => {}
                }
                let known = match &i.looks_at {
                    Some(Looks::Figure(k)) => FIGURES.iter().any(|(f, _)| f == k),
                    Some(Looks::Rate(k)) => RATES.contains(&k.as_str()),
                    _ => true,
                };
                if !known {
                    let key = match &i.looks_at {
                        Some(Looks::Figure(k) | Looks::Rate(k)) => k.clone(),
                        _ => String::new(),
                    };
                    return Err(SchemeProblem::UnknownFigure {
                        item: i.key.clone(),
                        key,
                    });
                }
            }
        }
        if self.total_points() > MAX_TOTAL_POINTS {
            return Err(SchemeProblem::Points(self.key.clone()));
        }
        Ok(())
    }
}

impl Group {
    pub fn points(&self) -> f64 {
        from_tenths(self.items.iter().map(|i| tenths(i.points)).sum())
    }
}

/// What an organisation and a reviewer entered for one sub-item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub self_score: Option<f64>,
    pub note: String,
    /// The evidence linked by hand (attachments' SHA-256).
    pub evidence: Vec<String>,
    pub expert_score: Option<f64>,
    pub expert_note: String,
}

/// One evidence file as the sheet lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub file_name: String,
    pub sha256: String,
    pub size: u64,
    /// Which record it is attached to (register and id), or the item it was linked to.
    pub attached_to: String,
}

/// A sub-item scored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoredItem {
    pub key: String,
    pub title: String,
    pub points: f64,
    pub rule: String,
    pub needs: String,
    pub checked_by: Vec<&'static str>,
    pub fact: Option<Fact>,
    pub suggested: Option<f64>,
    pub self_score: Option<f64>,
    pub expert_score: Option<f64>,
    pub note: String,
    pub expert_note: String,
    pub evidence: Vec<Evidence>,
    /// No evidence: the item counts zero.
    pub no_evidence: bool,
    /// What counts towards the totals (0 without evidence, never above the points).
    pub counted_self: f64,
    pub counted_expert: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoredGroup {
    pub key: String,
    pub title: String,
    pub points: f64,
    pub self_total: f64,
    pub expert_total: Option<f64>,
    /// Under 60% of its points (self score).
    pub self_under_60: bool,
    pub expert_under_60: Option<bool>,
    pub items: Vec<ScoredItem>,
}

/// The whole sheet scored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sheet {
    pub scheme: String,
    pub scheme_name: String,
    pub issuer: String,
    pub points: f64,
    pub groups: Vec<ScoredGroup>,
    pub self_total: f64,
    pub self_band: Band,
    /// Set once a reviewer scored every sub-item.
    pub expert_total: Option<f64>,
    pub expert_band: Option<Band>,
    /// Sub-items without evidence.
    pub without_evidence: usize,
}

/// A score as counted: within 0..=points, in tenths, 0 without evidence.
fn counted(score: f64, points: f64, evidence: bool) -> f64 {
    if !evidence {
        return 0.0;
    }
    from_tenths(tenths(score).clamp(0, tenths(points)))
}

/// Scores the sheet: `fact` gives what the records say of a sub-item, `entry` what was
/// entered for it, `evidence` the files that back it (linked and attached to the records
/// it looks at).
pub fn score(
    scheme: &Scheme,
    fact: impl Fn(&Item) -> Option<Fact>,
    entry: impl Fn(&Item) -> Entry,
    evidence: impl Fn(&Item, &Entry) -> Vec<Evidence>,
) -> Sheet {
    let mut groups = Vec::new();
    let mut all_expert = true;
    for g in &scheme.groups {
        let mut items = Vec::new();
        for i in &g.items {
            let f = fact(i);
            let e = entry(i);
            let files = evidence(i, &e);
            let has = !files.is_empty();
            let suggested = i.suggested(f.as_ref());
            let self_score = e.self_score;
            all_expert &= e.expert_score.is_some();
            items.push(ScoredItem {
                key: i.key.clone(),
                title: i.title.clone(),
                points: i.points,
                rule: i.rule_text(),
                needs: i.evidence.clone(),
                checked_by: i.checked_by.iter().map(|c| c.label()).collect(),
                fact: f,
                suggested,
                self_score,
                expert_score: e.expert_score,
                note: e.note.clone(),
                expert_note: e.expert_note.clone(),
                evidence: files,
                no_evidence: !has,
                counted_self: counted(self_score.unwrap_or(0.0), i.points, has),
                counted_expert: e.expert_score.map(|s| counted(s, i.points, has)),
            });
        }
        let sum = |f: &dyn Fn(&ScoredItem) -> f64| from_tenths(items.iter().map(|i| tenths(f(i))).sum());
        let self_total = sum(&|i| i.counted_self);
        let expert_total = all_expert.then(|| sum(&|i| i.counted_expert.unwrap_or(0.0)));
        let points = g.points();
        let under = |got: f64| tenths(got) * 10 < tenths(points) * 6;
        groups.push(ScoredGroup {
            key: g.key.clone(),
            title: g.title.clone(),
            points,
            self_total,
            expert_total,
            self_under_60: under(self_total),
            expert_under_60: expert_total.map(under),
            items,
        });
    }
    let points = scheme.total_points();
    let self_total = from_tenths(groups.iter().map(|g| tenths(g.self_total)).sum());
    let self_pairs: Vec<(f64, f64)> = groups.iter().map(|g| (g.self_total, g.points)).collect();
    let expert_total =
        all_expert.then(|| from_tenths(groups.iter().map(|g| tenths(g.expert_total.unwrap_or(0.0))).sum()));
    let expert_band = expert_total.map(|t| {
        let pairs: Vec<(f64, f64)> = groups
            .iter()
            .map(|g| (g.expert_total.unwrap_or(0.0), g.points))
            .collect();
        band(t, points, &pairs)
    });
    Sheet {
        scheme: scheme.key.clone(),
        scheme_name: scheme.name.clone(),
        issuer: scheme.issuer.clone(),
        points,
        without_evidence: groups
            .iter()
            .flat_map(|g| &g.items)
            .filter(|i| i.no_evidence)
            .count(),
        self_band: band(self_total, points, &self_pairs),
        self_total,
        expert_total,
        expert_band,
        groups,
    }
}

fn item(
    key: &str,
    title: &str,
    points: f64,
    rule: Rule,
    looks_at: Option<Looks>,
    evidence: &str,
    checked_by: &[CheckedBy],
) -> Item {
    Item {
        key: key.into(),
        title: title.into(),
        points,
        rule,
        looks_at,
        evidence: evidence.into(),
        checked_by: checked_by.to_vec(),
    }
}

fn group(key: &str, title: &str, items: Vec<Item>) -> Group {
    Group {
        key: key.into(),
        title: title.into(),
        items,
    }
}

/// The example scheme for an organisation of `kind`, built on the shapes other provinces
/// use (`reference/evaluation.md`: Sichuan's five major items and 100 points, Shanxi's
/// targets, Hangzhou's and Fujian's studio items). An example to adapt, and says so.
pub fn example(kind: OrgKind) -> Scheme {
    use CheckedBy::{Documents as D, Experts as E, SiteVisit as S};
    let figure = |k: &str| Some(Looks::Figure(k.into()));
    let rate = |k: &str| Some(Looks::Rate(k.into()));
    let records = |k: RecordKind| Some(Looks::Records(k));
    let all = |t: f64| Rule::AllOrNothing { target: Some(t) };
    let any = Rule::AllOrNothing { target: None };
    let less = |target: f64, per: f64| Rule::Deduction {
        target,
        per_shortfall: per,
    };
    match kind {
        OrgKind::TrainingBase => Scheme {
            key: EXAMPLE_BASE.into(),
            name: format!("高技能人才培训基地年度考核评分表（{EXAMPLE_LABEL}）"),
            applies_to: OrgKind::TrainingBase,
            issuer: EXAMPLE_LABEL.into(),
            groups: vec![
                group(
                    "conditions",
                    "基础条件",
                    vec![
                        item(
                            "conditions.facilities",
                            "实训场地与设施设备满足 5 个以上职业（工种）培训",
                            8.0,
                            Rule::Judgement,
                            records(RecordKind::Facility),
                            "场地平面图、设备清单、照片",
                            &[D, S],
                        ),
                        item(
                            "conditions.teachers",
                            "专兼职师资队伍",
                            7.0,
                            all(20.0),
                            figure("teachers"),
                            "师资名册、资格证书",
                            &[D],
                        ),
                        item(
                            "conditions.platform",
                            "信息化管理平台与培训管理制度",
                            5.0,
                            Rule::Judgement,
                            None,
                            "管理制度文本、平台截图",
                            &[D, S],
                        ),
                    ],
                ),
                group(
                    "training",
                    "培训成效",
                    vec![
                        item(
                            "training.high_skill",
                            "年培训高技能人才 1000 人（每少 50 人扣 1 分）",
                            15.0,
                            less(1000.0, 0.02),
                            figure("high_skill_trained"),
                            "培训班次名册、签到表、结业证书",
                            &[D],
                        ),
                        item(
                            "training.certified",
                            "取得高级工以上证书人数",
                            10.0,
                            all(300.0),
                            figure("certificates_high_skill"),
                            "证书扫描件、取证名册",
                            &[D],
                        ),
                        item(
                            "training.pass_rate",
                            "培训合格率达到 90%",
                            5.0,
                            all(90.0),
                            rate("pass_rate"),
                            "考核成绩单",
                            &[D],
                        ),
                        item(
                            "training.satisfaction",
                            "学员满意率达到 90%",
                            5.0,
                            all(90.0),
                            rate("satisfaction_rate"),
                            "满意度调查表",
                            &[D],
                        ),
                    ],
                ),
                group(
                    "service",
                    "社会服务",
                    vec![
                        item(
                            "service.public",
                            "年公共实训服务 1500 人次以上",
                            10.0,
                            all(1500.0),
                            figure("public_service_person_times"),
                            "公共实训服务台账、照片",
                            &[D, S],
                        ),
                        item(
                            "service.apprenticeship",
                            "开展企业新型学徒制",
                            5.0,
                            any.clone(),
                            records(RecordKind::Apprenticeship),
                            "带徒协议",
                            &[D],
                        ),
                        item(
                            "service.packages",
                            "按职业培训包开展培训",
                            5.0,
                            any.clone(),
                            figure("course_packages_used"),
                            "培训计划、教学大纲",
                            &[D],
                        ),
                    ],
                ),
                group(
                    "achievements",
                    "成果与荣誉",
                    vec![
                        item(
                            "achievements.competitions",
                            "组织或参加职业技能竞赛",
                            5.0,
                            any.clone(),
                            figure("competitions"),
                            "竞赛通知、获奖证书",
                            &[D],
                        ),
                        item(
                            "achievements.results",
                            "技术成果与推广",
                            5.0,
                            Rule::Judgement,
                            figure("achievements"),
                            "成果材料、应用证明",
                            &[D, E],
                        ),
                    ],
                ),
                group(
                    "management",
                    "资金与管理",
                    vec![
                        item(
                            "management.funds",
                            "资金专款专用、单独建账",
                            10.0,
                            Rule::Judgement,
                            records(RecordKind::Fund),
                            "资金台账、凭证",
                            &[D, E],
                        ),
                        item(
                            "management.summary",
                            "年度工作计划、总结按时报送",
                            5.0,
                            Rule::Judgement,
                            None,
                            "工作计划、工作总结",
                            &[D],
                        ),
                    ],
                ),
            ],
        },
        OrgKind::MasterStudio => Scheme {
            key: EXAMPLE_STUDIO.into(),
            name: format!("技能大师工作室考核评分表（{EXAMPLE_LABEL}）"),
            applies_to: OrgKind::MasterStudio,
            issuer: EXAMPLE_LABEL.into(),
            groups: vec![
                group(
                    "conditions",
                    "基本条件",
                    vec![
                        item(
                            "conditions.workplace",
                            "固定的工作场所（20 平方米以上）和学习交流场地",
                            10.0,
                            Rule::Judgement,
                            None,
                            "场地照片、平面图",
                            &[S],
                        ),
                        item(
                            "conditions.equipment",
                            "设施设备满足带徒和技术攻关",
                            5.0,
                            Rule::Judgement,
                            records(RecordKind::Facility),
                            "设备清单、照片",
                            &[D, S, E],
                        ),
                        item(
                            "conditions.funds",
                            "依托单位经费支持，资金使用规范、账目清楚",
                            15.0,
                            Rule::Judgement,
                            records(RecordKind::Fund),
                            "经费文件、资金台账",
                            &[D],
                        ),
                    ],
                ),
                group(
                    "management",
                    "日常管理",
                    vec![
                        item(
                            "management.rules",
                            "制度、分工与职责上墙",
                            5.0,
                            Rule::Judgement,
                            None,
                            "制度文本、照片",
                            &[D, S],
                        ),
                        item(
                            "management.plan",
                            "年度工作计划、总结按时报送",
                            10.0,
                            Rule::Judgement,
                            None,
                            "工作计划、工作总结",
                            &[D],
                        ),
                    ],
                ),
                group(
                    "technique",
                    "技术攻关与交流",
                    vec![
                        item(
                            "technique.innovation",
                            "参与技术革新、解决生产难题",
                            10.0,
                            any.clone(),
                            figure("achievements"),
                            "成果材料、效益证明",
                            &[D, E],
                        ),
                        item(
                            "technique.exchange",
                            "行业交流、技能服务与校企合作",
                            10.0,
                            any.clone(),
                            figure("competitions"),
                            "活动通知、照片",
                            &[D],
                        ),
                    ],
                ),
                group(
                    "passing_on",
                    "传承技艺",
                    vec![
                        item(
                            "passing_on.agreements",
                            "签订师带徒协议，年带徒 10 人（每少 1 人扣 1 分）",
                            10.0,
                            less(10.0, 1.0),
                            figure("apprentices_active"),
                            "带徒协议、徒弟名册",
                            &[D],
                        ),
                        item(
                            "passing_on.plan",
                            "分阶段培养计划与带徒记录",
                            10.0,
                            any.clone(),
                            figure("stages_completed"),
                            "培养计划、带徒记录",
                            &[D],
                        ),
                        item(
                            "passing_on.backbones",
                            "年培养青年技能骨干 3 人以上（每少 1 人扣 3 分）",
                            15.0,
                            less(3.0, 3.0),
                            figure("young_backbones"),
                            "骨干名册、证书扫描件",
                            &[D],
                        ),
                    ],
                ),
            ],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(v: f64) -> Option<Fact> {
        Some(Fact {
            value: Some(v),
            unit: "人".into(),
            definition: String::new(),
        })
    }

    fn proof() -> Vec<Evidence> {
        vec![Evidence {
            file_name: "a.pdf".into(),
            sha256: "00".into(),
            size: 1,
            attached_to: String::new(),
        }]
    }

    #[test]
    fn bands_at_their_boundaries_are_never_rounded_up() {
        let ok = [(20.0, 20.0)];
        assert_eq!(band(90.0, 100.0, &ok), Band::Excellent);
        assert_eq!(band(89.9, 100.0, &ok), Band::Good);
        assert_eq!(band(80.0, 100.0, &ok), Band::Good);
        assert_eq!(band(79.9, 100.0, &ok), Band::Pass);
        assert_eq!(band(60.0, 100.0, &ok), Band::Pass);
        assert_eq!(band(59.5, 100.0, &ok), Band::Fail);
        assert_eq!(band(59.9, 100.0, &ok), Band::Fail);
    }

    #[test]
    fn a_major_item_under_sixty_percent_fails_the_sheet() {
        // 95 in all, but one major item of 15 points at 8.9 (under 9.0).
        assert_eq!(band(95.0, 100.0, &[(86.1, 85.0), (8.9, 15.0)]), Band::Fail);
        assert_eq!(band(95.0, 100.0, &[(86.0, 85.0), (9.0, 15.0)]), Band::Excellent);
    }

    #[test]
    fn deductions_per_shortfall_stop_at_zero() {
        let s = example(OrgKind::MasterStudio);
        let backbones = s.item("passing_on.backbones").unwrap();
        assert_eq!(backbones.suggested(fact(3.0).as_ref()), Some(15.0));
        assert_eq!(backbones.suggested(fact(2.0).as_ref()), Some(12.0));
        assert_eq!(backbones.suggested(fact(0.0).as_ref()), Some(6.0));
        let agreements = s.item("passing_on.agreements").unwrap();
        assert_eq!(agreements.suggested(fact(7.0).as_ref()), Some(7.0));
        assert_eq!(agreements.suggested(fact(0.0).as_ref()), Some(0.0));
        assert_eq!(agreements.suggested(None), None);
    }

    #[test]
    fn a_sub_item_without_evidence_counts_zero_and_can_fail_its_major_item() {
        let s = example(OrgKind::MasterStudio);
        let full = |i: &Item| Entry {
            self_score: Some(i.points),
            ..Entry::default()
        };
        let all = score(&s, |_| None, full, |_, _| proof());
        assert_eq!(all.self_total, 100.0);
        assert_eq!(all.self_band, Band::Excellent);
        assert_eq!(all.without_evidence, 0);
        // The backbones' roster missing: 15 of 35 points of 传承技艺 lost, 20/35 < 60%.
        let some = score(
            &s,
            |_| None,
            full,
            |i, _| {
                if i.key == "passing_on.backbones" {
                    Vec::new()
                } else {
                    proof()
                }
            },
        );
        assert_eq!(some.self_total, 85.0);
        assert_eq!(some.without_evidence, 1);
        let item = &some.groups[3].items[2];
        assert!(item.no_evidence);
        assert_eq!(item.counted_self, 0.0);
        assert!(some.groups[3].self_under_60);
        assert_eq!(some.self_band, Band::Fail);
    }

    #[test]
    fn a_score_counts_within_its_points_and_expert_totals_wait_for_every_item() {
        let s = example(OrgKind::MasterStudio);
        let sheet = score(
            &s,
            |_| None,
            |i| Entry {
                self_score: Some(i.points + 5.0),
                expert_score: (i.key != "management.plan").then_some(1.0),
                ..Entry::default()
            },
            |_, _| proof(),
        );
        assert_eq!(sheet.self_total, 100.0);
        assert_eq!(sheet.expert_total, None);
        assert_eq!(sheet.expert_band, None);
    }

    #[test]
    fn the_examples_are_sound_and_say_they_are_examples() {
        for kind in OrgKind::ALL {
            let s = example(*kind);
            assert_eq!(s.check(), Ok(()));
            assert_eq!(s.total_points(), 100.0);
            assert!(s.name.contains(EXAMPLE_LABEL));
        }
        let mut bad = example(OrgKind::TrainingBase);
        bad.groups[0].items[1].looks_at = Some(Looks::Rate("happiness".into()));
        assert!(matches!(bad.check(), Err(SchemeProblem::UnknownFigure { .. })));
    }
}
