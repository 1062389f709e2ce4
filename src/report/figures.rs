//! Computing the return's figures from one year's records.
//!
//! Every figure has a key into the definitions (`i18n::*::report::definition`), which say
//! which records, which dates, and whether persons are counted once (distinct persons) or
//! every time (person-times). Where the policy leaves a definition open, the choice made
//! is written there and printed as a footnote on the return.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::Words;
use crate::domain::Labelled;
use crate::domain::capacity::RecipientType;
use crate::domain::codes;
use crate::domain::funds::{FundCategory, FundDirection};
use crate::domain::grade::SkillGrade;
use crate::domain::honours::CompetitionLevel;
use crate::domain::identity::Sex;
use crate::domain::org::OrgKind;
use crate::domain::person::{Person, age_on};
use crate::domain::staff::TeacherKind;
use crate::domain::studio::ApprenticeshipStatus;
use crate::domain::training::Programme;
use crate::domain::year::YearData;
use crate::domain::{Id, Money};
use crate::lang::Lang;
use crate::rules::Findings;

/// Identifies the JSON companion's layout; bumped when a key changes meaning.
pub const SCHEMA: &str = "skillbase.annual-return/3";

/// The organisation as the return prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrgSummary {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub kind_label: String,
    pub tier: Option<String>,
    pub tier_label: Option<String>,
    pub credit_code: Option<String>,
    pub division: Option<String>,
    pub division_name: Option<String>,
    pub host_unit: Option<String>,
    pub industry: Option<String>,
    pub approval_doc: Option<String>,
    pub approval_year: Option<i32>,
    pub master: Option<String>,
    /// Names of the studios this organisation hosts.
    pub hosted: Vec<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub address: Option<String>,
}

/// An indicator of the set in force, measured and judged (`domain::indicators::evaluate`).
/// A key judged on several bases (the 2015 plan's capacity and delivery) is one row each.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Indicator {
    /// Also the key of its definition.
    pub key: &'static str,
    pub label: String,
    /// The set's English label (the window's and the command line's in English).
    pub label_en: String,
    pub unit: String,
    /// What it is measured on (`Basis` code) and as printed.
    pub basis: &'static str,
    pub basis_label: String,
    /// For an average: the years it is taken over, `2023–2025`.
    pub over_years: Option<String>,
    /// What was measured; None when nothing was (see `absent`).
    pub value: Option<f64>,
    /// Why there is no value.
    pub absent: Option<Absent>,
    /// `≥` or `≤`.
    pub comparison: &'static str,
    pub threshold: f64,
    /// None when nothing was measured: never "met" for want of a figure.
    pub met: Option<bool>,
}

/// Why an indicator has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Absent {
    /// A capacity the organisation did not declare for the year (未申报).
    NotDeclared,
    /// A figure the records do not hold (未记录): a quality rate not recorded.
    NotRecorded,
    /// A basis that means nothing for this key (不适用).
    NotApplicable,
}

impl Absent {
    /// As the return prints it.
    pub fn zh(self) -> &'static str {
        match self {
            Absent::NotDeclared => "未申报",
            Absent::NotRecorded => "未记录",
            Absent::NotApplicable => "不适用",
        }
    }
}

impl Indicator {
    /// The row's id in the return's table: the key for what was delivered (the id every
    /// return had before sets judged other bases, so a correction still finds it), else
    /// key and basis.
    pub fn id(&self) -> String {
        match self.basis {
            "delivered" => self.key.to_string(),
            basis => format!("{}.{basis}", self.key),
        }
    }

    /// The measured value as printed (grouped; one decimal for a rate or an average), or
    /// why there is none.
    pub fn value_cell(&self) -> super::model::Value {
        use super::model::Value;
        match self.value {
            None => Value::absent(self.absent.map_or("—", Absent::zh)),
            Some(v) if v.fract() == 0.0 && self.unit != "%" && v >= 0.0 => Value::Count(v as u64),
            Some(v) => Value::Decimal(v, 1),
        }
    }

    /// The threshold as printed: `≥ 1,000`, `≥ 90%`.
    pub fn threshold_shown(&self) -> String {
        let n = if self.threshold.fract() == 0.0 {
            super::model::Value::Count(self.threshold.max(0.0) as u64).shown()
        } else {
            format!("{:.1}", self.threshold)
        };
        let unit = if self.unit == "%" { "%" } else { "" };
        format!("{} {n}{unit}", self.comparison)
    }

    /// Its name in `lang` with what it is measured on: `年培训高技能人才（申报能力）`.
    pub fn name(&self, lang: Lang) -> String {
        let label = match lang {
            Lang::Zh => &self.label,
            Lang::En => &self.label_en,
        };
        match crate::domain::indicators::Basis::from_code(self.basis) {
            Some(b) => match lang {
                Lang::Zh => format!("{label}（{}）", b.label(lang)),
                Lang::En => format!("{label} ({})", b.label(lang)),
            },
            None => label.clone(),
        }
    }

    /// The value as printed; None when there is none (`absent` says why).
    pub fn value_number(&self) -> Option<String> {
        self.value.map(|_| self.value_cell().shown())
    }
}

/// The indicator set a return was judged by: named in the return and its JSON, so
/// covered by its verification code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetUsed {
    pub id: String,
    pub name: String,
    pub document: String,
    pub issuer: Option<String>,
    pub from_year: i32,
    pub to_year: Option<i32>,
    /// When the stored set last changed (UTC), or for a built-in set the program's
    /// version (`SetWithIndicators::version`).
    pub version: String,
    pub built_in: bool,
}

impl SetUsed {
    /// Its version as printed: `内置（技能基地通 0.1.0）`, `2026-12-02T03:04:05.678Z 修订`.
    pub fn version_shown(&self) -> String {
        match self.built_in {
            true => format!("内置（技能基地通 {}）", self.version),
            false => format!("{} 修订", self.version),
        }
    }
}

/// Declared annual capacity beside what was delivered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityLine {
    pub key: &'static str,
    pub label: String,
    pub declared: Option<u64>,
    pub delivered: u64,
    /// delivered ÷ declared, in per cent, one decimal.
    pub utilisation_percent: Option<f64>,
}

/// Trainees counted three ways: enrolled, completed, passed (distinct persons each).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    pub enrolled: u64,
    pub completed: u64,
    pub passed: u64,
}

/// A row of a breakdown: a code, its label, and counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row<T> {
    pub key: String,
    pub label: String,
    #[serde(flatten)]
    pub counts: T,
}

/// A row of a breakdown that is a single count.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountRow {
    pub key: String,
    pub label: String,
    pub count: u64,
}

/// Trainees by occupation and target grade.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OccupationRow {
    pub occupation: String,
    pub occupation_name: String,
    pub grade: String,
    pub grade_label: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Public services by recipient type.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ServiceCounts {
    pub records: u64,
    pub person_times: u64,
    pub hours: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Apprentices {
    /// Distinct apprentices with an apprenticeship running at any time in the year.
    pub active: u64,
    /// Agreements signed in the year.
    pub new_agreements: u64,
    /// Apprenticeships completed (出师) in the year.
    pub completed: u64,
    pub terminated: u64,
    /// Completed in the year with a higher grade than at the start.
    pub grade_raised: u64,
    /// The young skill backbones indicator.
    pub young_backbones: u64,
    /// Hours of the log entries dated in the year (带徒培训学时).
    pub training_hours: f64,
    /// Log entries dated in the year.
    pub log_entries: u64,
    /// Plan stages completed in the year.
    pub stages_completed: u64,
    /// Active apprentices with no log entry for three months (APP03).
    pub no_recent_entry: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Teachers {
    pub total: u64,
    pub full_time: u64,
    pub part_time_enterprise: u64,
    pub part_time_other: u64,
    pub integrated: u64,
    pub dual_qualified: u64,
    /// Teacher-training records in the year, the distinct teachers trained, their hours.
    pub trainings: u64,
    pub teachers_trained: u64,
    pub training_hours: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Packages {
    /// The organisation's course packages, of any year.
    pub total: u64,
    pub developed_here: u64,
    /// Developed by the organisation in this year.
    pub developed_this_year: u64,
    pub integrated: u64,
    /// Used by a cohort running in the year.
    pub used_this_year: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CompetitionCounts {
    pub competitions: u64,
    pub participants: u64,
    pub organised_here: u64,
    pub awards: u64,
}

/// An amount by category; `yuan` is exact, with two decimals.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoneyRow {
    pub key: String,
    pub label: String,
    pub yuan: String,
    #[serde(skip)]
    pub fen: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Funds {
    pub income: Vec<MoneyRow>,
    pub expense: Vec<MoneyRow>,
    pub income_total: String,
    pub expense_total: String,
    pub balance: String,
}

/// The validator's verdict, as the return prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quality {
    pub errors: u64,
    pub warnings: u64,
    pub by_rule: Vec<RuleCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleCount {
    pub rule: &'static str,
    pub severity: &'static str,
    pub count: u64,
    pub purpose: &'static str,
}

/// A figure's written definition.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Definition {
    pub key: &'static str,
    pub text: &'static str,
}

/// Everything the return states, in the order it states it. Serialised as the JSON
/// companion (keys in this order, labels in Chinese, the return's language).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnnualReturn {
    pub schema: &'static str,
    pub year: i32,
    pub organisation: OrgSummary,
    /// Set when this return corrects a submitted one (更正版).
    pub correction: Option<super::correction::Correction>,
    /// The indicator set in force for the year, kind and tier; None when no set is (the
    /// return then says so and judges nothing).
    pub indicator_set: Option<SetUsed>,
    pub indicators: Vec<Indicator>,
    pub capacity: Vec<CapacityLine>,
    pub trainees_total: Counts,
    pub trainees_by_occupation: Vec<OccupationRow>,
    pub trainees_by_programme: Vec<Row<Counts>>,
    pub trainees_by_sex: Vec<Row<Counts>>,
    pub trainees_by_ethnicity: Vec<Row<Counts>>,
    pub trainees_by_age: Vec<Row<Counts>>,
    pub certificates_by_grade: Vec<CountRow>,
    pub certificates_high_skill: u64,
    pub services_by_recipient: Vec<Row<ServiceCounts>>,
    pub apprentices: Apprentices,
    pub teachers: Teachers,
    pub course_packages: Packages,
    pub competitions_by_level: Vec<Row<CompetitionCounts>>,
    pub honours: Vec<CountRow>,
    pub achievements: Vec<CountRow>,
    pub funds: Funds,
    /// Quality rates, attendance, duration bands, subsidies and destinations (issue 17).
    pub training_quality: super::training_quality::TrainingQuality,
    pub data_quality: Quality,
    pub definitions: Vec<Definition>,
    pub app_version: &'static str,
    pub code_tables: &'static str,
}

/// To one decimal, the precision hours are shown with.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn zh<T: Labelled>(value: &T) -> String {
    value.label(Lang::Zh).to_string()
}

fn yuan(fen: i64) -> String {
    Money(fen).to_string()
}

/// Age band: its order, key and label.
fn age_band(age: u32) -> (u8, &'static str, &'static str) {
    match age {
        0..=24 => (1, "under_25", "25岁以下"),
        25..=34 => (2, "25_34", "25–34岁"),
        35..=44 => (3, "35_44", "35–44岁"),
        45..=54 => (4, "45_54", "45–54岁"),
        _ => (5, "55_over", "55岁及以上"),
    }
}

/// Distinct persons per key, for enrolled / completed / passed.
#[derive(Default)]
struct Tally {
    enrolled: HashSet<Id<Person>>,
    completed: HashSet<Id<Person>>,
    passed: HashSet<Id<Person>>,
}

impl Tally {
    fn counts(&self) -> Counts {
        Counts {
            enrolled: self.enrolled.len() as u64,
            completed: self.completed.len() as u64,
            passed: self.passed.len() as u64,
        }
    }
}

/// The return's figures for one organisation's year. `findings` is the validator's
/// verdict on the same year (its summary is part of the return).
pub fn compute(year: &YearData, findings: &Findings) -> AnnualReturn {
    let trainees = Trainees::count(year);
    let (certificates_by_grade, certificates_high_skill) = certificates(year);
    let apprentices = apprentices(year, findings);
    let (indicator_set, indicators, capacity) = indicators(year, &apprentices);
    AnnualReturn {
        schema: SCHEMA,
        year: year.year,
        organisation: org_summary(year),
        correction: None,
        indicator_set,
        indicators,
        capacity,
        trainees_total: trainees.total.counts(),
        trainees_by_occupation: trainees.by_occupation(),
        trainees_by_programme: rows(&trainees.by_programme, |p| (p.code().into(), zh(p))),
        trainees_by_sex: rows(&trainees.by_sex, |s| (s.code().into(), s.name_zh().into())),
        trainees_by_ethnicity: rows(&trainees.by_ethnicity, |code| {
            let name = codes::ethnicity(code).map_or("未填写", |e| e.name);
            (code.clone(), name.to_string())
        }),
        trainees_by_age: rows(&trainees.by_age, |(_, k, l)| (k.to_string(), l.to_string())),
        certificates_by_grade,
        certificates_high_skill,
        services_by_recipient: services(year),
        apprentices,
        teachers: teachers(year),
        course_packages: packages(year),
        competitions_by_level: competitions(year),
        honours: honours(year),
        achievements: achievements(year),
        funds: funds(year),
        training_quality: super::training_quality::compute(year),
        data_quality: quality(findings),
        definitions: DEFINITION_KEYS
            .iter()
            .map(|k| Definition {
                key: k,
                text: Lang::Zh.definition(k),
            })
            .collect(),
        app_version: crate::APP_VERSION,
        code_tables: codes::CODE_TABLE_VERSION,
    }
}

/// Trainees: the counted enrolments (live, in the organisation's live cohorts running
/// during the year, of live people); every breakdown is taken from the same set.
#[derive(Default)]
struct Trainees {
    total: Tally,
    by_occupation: BTreeMap<(String, SkillGrade), Tally>,
    by_programme: BTreeMap<Programme, Tally>,
    by_sex: BTreeMap<Sex, Tally>,
    by_ethnicity: BTreeMap<String, Tally>,
    by_age: BTreeMap<(u8, &'static str, &'static str), Tally>,
}

impl Trainees {
    fn count(year: &YearData) -> Trainees {
        let mut t = Trainees::default();
        for (e, cohort, p) in year.counted_enrolments() {
            let person = e.record.person;
            let (completed, passed) = year.completed_and_passed(&e.record);
            let age = age_on(p.birth_date, year.last_day());
            let tallies: [&mut Tally; 6] = [
                &mut t.total,
                t.by_occupation
                    .entry((cohort.occupation.clone(), cohort.target_grade))
                    .or_default(),
                t.by_programme.entry(cohort.programme).or_default(),
                t.by_sex.entry(p.sex).or_default(),
                t.by_ethnicity
                    .entry(p.ethnicity.clone().unwrap_or_default())
                    .or_default(),
                t.by_age.entry(age_band(age)).or_default(),
            ];
            for t in tallies {
                t.enrolled.insert(person);
                if completed {
                    t.completed.insert(person);
                }
                if passed {
                    t.passed.insert(person);
                }
            }
        }
        t
    }

    fn by_occupation(&self) -> Vec<OccupationRow> {
        self.by_occupation
            .iter()
            .map(|((occ, grade), t)| OccupationRow {
                occupation: occ.clone(),
                occupation_name: codes::occupation(occ).map_or_else(String::new, |o| o.name.to_string()),
                grade: grade.code().to_string(),
                grade_label: grade.label_zh().to_string(),
                counts: t.counts(),
            })
            .collect()
    }
}

/// One row per key of a breakdown, with the key's code and label.
fn rows<K>(by: &BTreeMap<K, Tally>, key: impl Fn(&K) -> (String, String)) -> Vec<Row<Counts>> {
    by.iter()
        .map(|(k, t)| {
            let (key, label) = key(k);
            Row {
                key,
                label,
                counts: t.counts(),
            }
        })
        .collect()
}

/// Certificates issued in the year, gained in the organisation's cohorts of any year:
/// by grade, and how many are high-skill.
fn certificates(year: &YearData) -> (Vec<CountRow>, u64) {
    let mut certificates: BTreeMap<SkillGrade, u64> = BTreeMap::new();
    for q in year.counted_certificates() {
        *certificates.entry(q.record.grade).or_default() += 1;
    }
    let high_skill = certificates
        .iter()
        .filter(|(g, _)| g.is_high_skill())
        .map(|(_, n)| n)
        .sum();
    let rows = certificates
        .iter()
        .map(|(g, n)| CountRow {
            key: g.code().into(),
            label: g.label_zh().into(),
            count: *n,
        })
        .collect();
    (rows, high_skill)
}

/// Public training services dated in the year, by recipient.
fn services(year: &YearData) -> Vec<Row<ServiceCounts>> {
    let mut services: BTreeMap<RecipientType, ServiceCounts> = BTreeMap::new();
    for s in &year.services {
        let row = services.entry(s.record.recipient_type).or_default();
        row.records += 1;
        row.person_times += s.record.person_times as u64;
        row.hours += s.record.hours;
    }
    // Hours are kept to one decimal here, once; every output shows this value.
    for s in services.values_mut() {
        s.hours = round1(s.hours);
    }
    services
        .into_iter()
        .map(|(t, counts)| Row {
            key: t.code().into(),
            label: zh(&t),
            counts,
        })
        .collect()
}

/// The indicators against their targets, and (bases) the declared capacity against
/// what was delivered.
fn indicators(
    year: &YearData,
    apprentices: &Apprentices,
) -> (Option<SetUsed>, Vec<Indicator>, Vec<CapacityLine>) {
    use crate::domain::indicators::{Figures, Measured, evaluate, in_force};
    let org = &year.org.record;
    let headline = year.headline();
    let person_times = headline.public_service_person_times;
    let capacity = year.capacity.as_ref().map(|c| &c.record);
    let declared_skill = capacity.map(|c| c.high_skill_per_year as u64);
    let declared_service = capacity.map(|c| c.public_service_per_year as u64);
    let figures = Figures {
        year: year.year,
        approval_year: org.approval_year,
        high_skill_trained: headline.high_skill_trained,
        public_service_person_times: person_times,
        young_backbones: apprentices.young_backbones,
        capacity_high_skill: declared_skill,
        capacity_public_service: declared_service,
        earlier_young_backbones: year.earlier_young_backbones.clone(),
        rates: crate::domain::quality::rates(year),
    };
    let set = in_force(&year.indicator_sets, year.year, org.kind, org.tier);
    let mut rows = Vec::new();
    if let (Some(set), Some(tier)) = (set, org.tier) {
        for i in set.for_org(org.kind, tier) {
            let i = &i.record;
            let e = evaluate(&figures, i);
            let (value, over_years, absent) = match e.measured {
                Measured::Value { value, years } => {
                    (Some(value), years.map(|(a, b)| format!("{a}–{b}")), None)
                }
                Measured::NotRecorded if i.basis == crate::domain::indicators::Basis::Capacity => {
                    (None, None, Some(Absent::NotDeclared))
                }
                Measured::NotRecorded => (None, None, Some(Absent::NotRecorded)),
                Measured::NotApplicable => (None, None, Some(Absent::NotApplicable)),
            };
            let period = i.period_years.map(|n| format!("·{n}年")).unwrap_or_default();
            rows.push(Indicator {
                key: i.key.code(),
                label: i.label_zh.clone(),
                label_en: i.label_en.clone(),
                unit: i.unit.clone(),
                basis: i.basis.code(),
                basis_label: format!("{}{period}", zh(&i.basis)),
                over_years,
                value,
                absent,
                comparison: i.comparison.symbol(),
                threshold: i.threshold,
                met: e.met,
            });
        }
    }
    let used = set.map(|s| SetUsed {
        id: s.set.id.to_string(),
        name: s.set.record.name.clone(),
        document: s.set.record.document.clone(),
        issuer: s.set.record.issuer.clone(),
        from_year: s.set.record.from_year,
        to_year: s.set.record.to_year,
        version: s.version(),
        built_in: s.built_in,
    });
    let utilisation = |declared: Option<u64>, delivered: u64| {
        declared
            .filter(|d| *d > 0)
            .map(|d| (delivered as f64 * 1000.0 / d as f64).round() / 10.0)
    };
    let capacity = match org.kind {
        OrgKind::TrainingBase => {
            let trained = headline.high_skill_trained;
            vec![
                CapacityLine {
                    key: "capacity_high_skill",
                    label: "年培训高技能人才能力".into(),
                    declared: declared_skill,
                    delivered: trained,
                    utilisation_percent: utilisation(declared_skill, trained),
                },
                CapacityLine {
                    key: "capacity_public_service",
                    label: "年公共实训服务能力".into(),
                    declared: declared_service,
                    delivered: person_times,
                    utilisation_percent: utilisation(declared_service, person_times),
                },
            ]
        }
        OrgKind::MasterStudio => vec![],
    };
    (used, rows, capacity)
}

/// The definitions the return prints, in order.
pub const DEFINITION_KEYS: &[&str] = &[
    "high_skill_trained",
    "public_service_person_times",
    "young_backbones",
    "capacity",
    "hosted_studios",
    "agreements",
    "achievements",
    "trainees",
    "certificates",
    "services",
    "apprentices",
    "teachers",
    "course_packages",
    "competitions",
    "funds",
    "completion_rate",
    "pass_rate",
    "certification_rate",
    "satisfaction_rate",
    "attendance",
    "duration_bands",
    "subsidies",
    "destinations",
    "data_quality",
];

fn org_summary(year: &YearData) -> OrgSummary {
    let o = &year.org.record;
    OrgSummary {
        id: year.org.id.to_string(),
        name: o.name.clone(),
        kind: o.kind.code().into(),
        kind_label: zh(&o.kind),
        tier: o.tier.map(|t| t.code().into()),
        tier_label: o.tier.map(|t| zh(&t)),
        credit_code: o.credit_code.clone(),
        division: o.division.clone(),
        division_name: o.division.as_deref().and_then(codes::im_division_full_name),
        host_unit: o.host_unit.clone(),
        industry: o.industry.map(|i| i.name_zh().to_string()),
        approval_doc: o.approval_doc.clone(),
        approval_year: o.approval_year,
        master: o.master.and_then(|m| year.person(m)).map(|p| p.name.clone()),
        hosted: year.hosted.iter().map(|h| h.record.name.clone()).collect(),
        contact_name: o.contact_name.clone(),
        contact_phone: o.contact_phone.clone(),
        address: o.address.clone(),
    }
}

fn apprentices(year: &YearData, findings: &Findings) -> Apprentices {
    let mut a = Apprentices::default();
    let mut active = HashSet::new();
    let mut young = HashSet::new();
    for s in &year.apprenticeships {
        let r = &s.record;
        active.insert(r.apprentice);
        if r.agreement_date.is_some_and(|d| year.contains(d)) {
            a.new_agreements += 1;
        }
        let ended_this_year = r.end_date.is_some_and(|d| year.contains(d));
        match r.status {
            ApprenticeshipStatus::Completed if ended_this_year => {
                a.completed += 1;
                let raised = matches!((r.grade_at_start, r.grade_at_end), (Some(s), Some(e)) if e > s);
                if raised {
                    a.grade_raised += 1;
                }
                if year.is_young_backbone(r) {
                    young.insert(r.apprentice);
                }
            }
            ApprenticeshipStatus::Terminated if ended_this_year => a.terminated += 1,
            _ => {}
        }
    }
    a.active = active.len() as u64;
    a.young_backbones = young.len() as u64;
    log_figures(year, findings, &mut a);
    a
}

/// The studio master's log in the year: hours and entries dated in it, stages completed
/// apprentices gone quiet (the validator's APP03 findings).
fn log_figures(year: &YearData, findings: &Findings, a: &mut Apprentices) {
    let running: HashSet<_> = year.apprenticeships.iter().map(|s| s.id).collect();
    for e in year
        .log_entries
        .iter()
        .filter(|e| running.contains(&e.record.apprenticeship))
    {
        if year.contains(e.record.date) {
            a.training_hours += e.record.hours;
            a.log_entries += 1;
        }
    }
    a.training_hours = round1(a.training_hours);
    for s in year
        .plan_stages
        .iter()
        .filter(|s| running.contains(&s.record.apprenticeship))
    {
        if s.record.completed_on.is_some_and(|d| year.contains(d)) {
            a.stages_completed += 1;
        }
    }
    let quiet: HashSet<&str> = findings
        .findings
        .iter()
        .filter(|f| f.rule == crate::rules::Rule::App03)
        .map(|f| f.record_id.as_str())
        .collect();
    a.no_recent_entry = year
        .apprenticeships
        .iter()
        .filter(|s| quiet.contains(s.id.to_string().as_str()))
        .map(|s| s.record.apprentice)
        .collect::<HashSet<_>>()
        .len() as u64;
}

fn teachers(year: &YearData) -> Teachers {
    let mut t = Teachers::default();
    let mut people = HashSet::new();
    for s in &year.teachers {
        let r = &s.record;
        if !people.insert(r.person) {
            continue;
        }
        t.total += 1;
        match r.kind {
            TeacherKind::FullTime => t.full_time += 1,
            TeacherKind::PartTimeEnterprise => t.part_time_enterprise += 1,
            TeacherKind::PartTimeOther => t.part_time_other += 1,
        }
        t.integrated += r.integrated as u64;
        t.dual_qualified += r.dual_qualified as u64;
    }
    let mut trained = HashSet::new();
    for s in &year.teacher_trainings {
        t.trainings += 1;
        t.training_hours += s.record.hours;
        trained.insert(s.record.teacher);
    }
    t.teachers_trained = trained.len() as u64;
    t.training_hours = round1(t.training_hours);
    t
}

fn packages(year: &YearData) -> Packages {
    let used: HashSet<_> = year.cohorts.iter().filter_map(|c| c.record.package).collect();
    let mut p = Packages::default();
    for s in &year.packages {
        let r = &s.record;
        p.total += 1;
        p.developed_here += r.developed_here as u64;
        p.developed_this_year += (r.developed_here && r.year == Some(year.year)) as u64;
        p.integrated += r.integrated as u64;
        p.used_this_year += used.contains(&s.id) as u64;
    }
    p
}

fn competitions(year: &YearData) -> Vec<Row<CompetitionCounts>> {
    let mut by_level: BTreeMap<CompetitionLevel, CompetitionCounts> = BTreeMap::new();
    let level_of: HashMap<_, _> = year.competitions.iter().map(|c| (c.id, c.record.level)).collect();
    for c in &year.competitions {
        let row = by_level.entry(c.record.level).or_default();
        row.competitions += 1;
        row.participants += c.record.participants as u64;
        row.organised_here += c.record.organised_here as u64;
    }
    for a in &year.awards {
        if let Some(level) = a.record.competition.and_then(|c| level_of.get(&c)) {
            by_level.entry(*level).or_default().awards += 1;
        }
    }
    by_level
        .into_iter()
        .map(|(l, counts)| Row {
            key: l.code().into(),
            label: zh(&l),
            counts,
        })
        .collect()
}

fn honours(year: &YearData) -> Vec<CountRow> {
    let mut by: BTreeMap<crate::domain::honours::Honour, u64> = BTreeMap::new();
    for a in &year.awards {
        if let Some(h) = a.record.honour {
            *by.entry(h).or_default() += 1;
        }
    }
    by.into_iter()
        .map(|(h, n)| CountRow {
            key: h.code().into(),
            label: zh(&h),
            count: n,
        })
        .collect()
}

fn achievements(year: &YearData) -> Vec<CountRow> {
    let mut by: BTreeMap<crate::domain::studio::AchievementKind, u64> = BTreeMap::new();
    for a in &year.achievements {
        *by.entry(a.record.kind).or_default() += 1;
    }
    by.into_iter()
        .map(|(k, n)| CountRow {
            key: k.code().into(),
            label: zh(&k),
            count: n,
        })
        .collect()
}

fn funds(year: &YearData) -> Funds {
    let mut income: BTreeMap<FundCategory, i64> = BTreeMap::new();
    let mut expense: BTreeMap<FundCategory, i64> = BTreeMap::new();
    for f in &year.funds {
        let map = match f.record.direction {
            FundDirection::Income => &mut income,
            FundDirection::Expense => &mut expense,
        };
        *map.entry(f.record.category).or_default() += f.record.amount.0;
    }
    let rows = |m: BTreeMap<FundCategory, i64>| -> Vec<MoneyRow> {
        m.into_iter()
            .map(|(c, fen)| MoneyRow {
                key: c.code().into(),
                label: zh(&c),
                yuan: yuan(fen),
                fen,
            })
            .collect()
    };
    let income_total: i64 = income.values().sum();
    let expense_total: i64 = expense.values().sum();
    Funds {
        income: rows(income),
        expense: rows(expense),
        income_total: yuan(income_total),
        expense_total: yuan(expense_total),
        balance: yuan(income_total - expense_total),
    }
}

fn quality(findings: &Findings) -> Quality {
    use crate::domain::Severity;
    Quality {
        errors: findings.errors() as u64,
        warnings: findings.warnings() as u64,
        by_rule: findings
            .by_rule()
            .into_iter()
            .map(|(rule, count)| RuleCount {
                rule: rule.id(),
                severity: match rule.severity() {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                count: count as u64,
                purpose: rule.purpose(Lang::Zh),
            })
            .collect(),
    }
}
