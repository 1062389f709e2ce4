//! Indicator sets (指标集): the thresholds a base or studio is judged against, as data.
//!
//! A set is issued by a regional department (自治区人社厅 or another issuer) in a document,
//! is in force from one year (to another, or open-ended), and lists per organisation kind
//! and tier its indicators: key, labels, unit, threshold, comparison and what the figure
//! is measured on. Sets are two registers (`indicator_set`, and `indicator` under it) so
//! the window's forms, the audit trail, exports and data packages carry them like every
//! other record; they name no organisation, being the region's rules for every one of
//! them. The 2015 Inner Mongolia plan is built in ([`default_sets`]), so a database that
//! holds no set still judges its returns by it.
//!
//! [`in_force`] chooses the set for a year, kind and tier; [`evaluate`] is the one place an
//! indicator is measured against the year's figures; [`attendance_floor`] is the share of
//! planned hours a completion needs by the set in force.

use serde::{Deserialize, Serialize};

use crate::domain::check::{Checker, Problem, clean, clean_optional};
use crate::domain::org::{OrgKind, Tier};
use crate::domain::{Id, Meta, Record, RecordKind, Stored, Today, Verdict};

/// The attendance floor when the set in force gives none: 80% of the planned hours.
pub const DEFAULT_ATTENDANCE_FLOOR: f64 = 0.8;

/// The earliest and latest years a set may be in force (a plausibility bound).
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

code_enum! {
    /// What an indicator measures. The rate keys are the quality rates; the return
    /// measures them once cohorts record what they need.
    pub enum IndicatorKey {
        /// 培训高技能人才 (distinct persons passed at a high-skill grade).
        HighSkillTrained = "high_skill_trained",
        /// 公共实训服务人次.
        PublicServicePersonTimes = "public_service_person_times",
        /// 青年技能骨干.
        YoungBackbones = "young_backbones",
        /// 结业率: completed ÷ enrolled.
        CompletionRate = "completion_rate",
        /// 培训合格率: passed ÷ completed.
        PassRate = "pass_rate",
        /// 取证率: certificates obtained ÷ passed.
        CertificationRate = "certification_rate",
        /// 满意率: satisfied ÷ surveyed.
        SatisfactionRate = "satisfaction_rate",
    }
}

code_enum! {
    /// How the measured value must stand against the threshold.
    pub enum Comparison {
        /// ≥
        AtLeast = "at_least",
        /// ≤
        AtMost = "at_most",
    }
}

code_enum! {
    /// What the figure is measured on.
    pub enum Basis {
        /// What was delivered in the year (年度实际).
        Delivered = "delivered",
        /// The capacity declared for the year (申报能力: "培训能力达到…").
        Capacity = "capacity",
        /// A rate of the year, in per cent.
        Rate = "rate",
        /// The yearly average over the years since approval (年均, 自批准以来).
        AverageSinceApproval = "average_since_approval",
        /// The yearly average over the stated number of years ending with this one (年均).
        AveragePeriod = "average_period",
    }
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::AtMost => "≤",
        }
    }

    /// Whether `value` meets `threshold`.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::AtLeast => value >= threshold,
            Comparison::AtMost => value <= threshold,
        }
    }
}

/// An indicator set: its name, issuing document and the years it is in force.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorSet {
    /// As printed, short (内蒙古 2015 实施方案).
    pub name: String,
    /// The issuing document, with its number and date.
    pub document: String,
    /// Who issued it (内蒙古自治区人力资源和社会保障厅).
    pub issuer: Option<String>,
    /// In force from this year…
    pub from_year: i32,
    /// …to this year inclusive; open-ended when empty.
    pub to_year: Option<i32>,
    /// The share of a cohort's planned hours a trainee must attend for a completion, in
    /// per cent; [`DEFAULT_ATTENDANCE_FLOOR`] when empty.
    pub attendance_floor: Option<f64>,
    pub notes: Option<String>,
}

impl Record for IndicatorSet {
    const KIND: RecordKind = RecordKind::IndicatorSet;

    fn normalise(&mut self) {
        clean(&mut self.name);
        clean(&mut self.document);
        clean_optional(&mut self.issuer);
        clean_optional(&mut self.notes);
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::IndicatorSet, today);
        c.text("name", &self.name, 100);
        c.text("document", &self.document, 500);
        c.optional_text("issuer", self.issuer.as_deref(), 200);
        c.optional_text("notes", self.notes.as_deref(), 2000);
        if !(FIRST_YEAR..=LAST_YEAR).contains(&self.from_year) {
            c.error(
                "from_year",
                Problem::OutOfRange {
                    min: FIRST_YEAR.into(),
                    max: LAST_YEAR.into(),
                },
            );
        }
        if let Some(to) = self.to_year
            && !(self.from_year..=LAST_YEAR).contains(&to)
        {
            c.error(
                "to_year",
                Problem::OutOfRange {
                    min: self.from_year.into(),
                    max: LAST_YEAR.into(),
                },
            );
        }
        if let Some(floor) = self.attendance_floor
            && !(floor.is_finite() && (0.0..=100.0).contains(&floor))
        {
            c.error("attendance_floor", Problem::OutOfRange { min: 0.0, max: 100.0 });
        }
        c.finish()
    }
}

impl IndicatorSet {
    /// Whether the set is in force in `year`.
    pub fn covers(&self, year: i32) -> bool {
        self.from_year <= year && self.to_year.is_none_or(|to| year <= to)
    }

    /// The years in force as printed: `2015–` or `2015–2020`.
    pub fn years(&self) -> String {
        match self.to_year {
            Some(to) => format!("{}–{to}", self.from_year),
            None => format!("{}–", self.from_year),
        }
    }
}

/// One indicator of a set, for one kind and tier of organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub indicator_set: Id<IndicatorSet>,
    pub org_kind: OrgKind,
    pub tier: Tier,
    pub key: IndicatorKey,
    pub label_zh: String,
    pub label_en: String,
    /// 人, 人次, %.
    pub unit: String,
    pub threshold: f64,
    pub comparison: Comparison,
    pub basis: Basis,
    /// For [`Basis::AveragePeriod`]: how many years, ending with the return's.
    pub period_years: Option<u32>,
}

impl Record for Indicator {
    const KIND: RecordKind = RecordKind::Indicator;

    fn normalise(&mut self) {
        clean(&mut self.label_zh);
        clean(&mut self.label_en);
        clean(&mut self.unit);
        if self.basis != Basis::AveragePeriod {
            self.period_years = None;
        }
    }

    fn validate(&self, today: Today) -> Verdict {
        let mut c = Checker::new(RecordKind::Indicator, today);
        c.text("label_zh", &self.label_zh, 100);
        c.text("label_en", &self.label_en, 200);
        c.text("unit", &self.unit, 20);
        let max = if self.basis == Basis::Rate {
            100.0
        } else {
            1_000_000.0
        };
        c.amount("threshold", self.threshold, max);
        match (self.basis, self.period_years) {
            (Basis::AveragePeriod, None) => c.error("period_years", Problem::Required),
            (Basis::AveragePeriod, Some(n)) if !(1..=20).contains(&n) => {
                c.error("period_years", Problem::OutOfRange { min: 1.0, max: 20.0 })
            }
            _ => {}
        }
        c.finish()
    }
}

/// A set with its indicators, as chosen and printed.
#[derive(Clone, Debug, PartialEq)]
pub struct SetWithIndicators {
    pub set: Stored<IndicatorSet>,
    pub indicators: Vec<Stored<Indicator>>,
    /// Built into this version of the program (the 2015 plan), not a record here.
    pub built_in: bool,
}

impl SetWithIndicators {
    /// The indicators for one kind and tier, in the set's order.
    pub fn for_org(&self, kind: OrgKind, tier: Tier) -> impl Iterator<Item = &Stored<Indicator>> {
        self.indicators
            .iter()
            .filter(move |i| i.record.org_kind == kind && i.record.tier == tier)
    }

    /// Its version as a return names it: for a stored set, when it or one of its
    /// indicators last changed (UTC, to the millisecond); for a built-in one, the
    /// program's version that carries it.
    pub fn version(&self) -> String {
        if self.built_in {
            return crate::APP_VERSION.to_string();
        }
        let latest = self
            .indicators
            .iter()
            .map(|i| i.meta.updated_at)
            .chain(std::iter::once(self.set.meta.updated_at))
            .max()
            .unwrap_or(self.set.meta.updated_at);
        latest.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
    }

    /// The attendance floor as a share (0.8 for 80%).
    pub fn attendance_floor(&self) -> f64 {
        self.set
            .record
            .attendance_floor
            .map_or(DEFAULT_ATTENDANCE_FLOOR, |p| p / 100.0)
    }
}

/// Every kind and tier an organisation can have, in the order sets and tables list them.
pub const KINDS_AND_TIERS: [(OrgKind, Tier); 6] = [
    (OrgKind::TrainingBase, Tier::National),
    (OrgKind::TrainingBase, Tier::Region),
    (OrgKind::TrainingBase, Tier::League),
    (OrgKind::MasterStudio, Tier::National),
    (OrgKind::MasterStudio, Tier::Region),
    (OrgKind::MasterStudio, Tier::League),
];

/// The id of the built-in 2015 set (fixed, so every install names it alike).
pub const DEFAULT_2015_ID: &str = "01900000-0000-7000-8000-000000002015";

/// The sets built into this version: the 2015 Inner Mongolia plan
/// (`seed/policy-2015-high-skill-talent.txt`), judged on declared capacity and on
/// delivery for bases ("年培训高技能人才的能力达到1000人以上"), on the yearly average over
/// the plan's three-year span for studios ("年均培养10个以上青年技能骨干"). No rate
/// targets, no targets for 盟市级.
pub fn default_sets() -> Vec<SetWithIndicators> {
    let set_id: Id<IndicatorSet> = parse_id(DEFAULT_2015_ID);
    let at = chrono::DateTime::parse_from_rfc3339("2015-02-01T00:00:00Z")
        .map(|t| t.to_utc())
        .unwrap_or_default();
    let meta = Meta {
        created_at: at,
        updated_at: at,
        deleted_at: None,
        rev: 1,
        changed_by: "skillbase:built-in".into(),
        change_seq: 0,
    };
    let set = Stored {
        id: set_id,
        meta: meta.clone(),
        record: IndicatorSet {
            name: "内蒙古 2015 实施方案".into(),
            document: "《关于加强高技能人才队伍建设的实施方案》（内蒙古自治区人力资源社会保障厅，2015年2月）"
                .into(),
            issuer: Some("内蒙古自治区人力资源和社会保障厅".into()),
            from_year: 2015,
            to_year: None,
            attendance_floor: None,
            notes: None,
        },
    };
    use Basis::*;
    use IndicatorKey::*;
    use OrgKind::*;
    use Tier::*;
    let rows: [(OrgKind, Tier, IndicatorKey, f64, Basis, Option<u32>); 10] = [
        (TrainingBase, National, HighSkillTrained, 1000.0, Capacity, None),
        (TrainingBase, National, HighSkillTrained, 1000.0, Delivered, None),
        (
            TrainingBase,
            National,
            PublicServicePersonTimes,
            1500.0,
            Capacity,
            None,
        ),
        (
            TrainingBase,
            National,
            PublicServicePersonTimes,
            1500.0,
            Delivered,
            None,
        ),
        (TrainingBase, Region, HighSkillTrained, 500.0, Capacity, None),
        (TrainingBase, Region, HighSkillTrained, 500.0, Delivered, None),
        (
            TrainingBase,
            Region,
            PublicServicePersonTimes,
            800.0,
            Capacity,
            None,
        ),
        (
            TrainingBase,
            Region,
            PublicServicePersonTimes,
            800.0,
            Delivered,
            None,
        ),
        (
            MasterStudio,
            National,
            YoungBackbones,
            10.0,
            AveragePeriod,
            Some(3),
        ),
        (MasterStudio, Region, YoungBackbones, 5.0, AveragePeriod, Some(3)),
    ];
    let indicators = rows
        .iter()
        .enumerate()
        .map(|(n, (kind, tier, key, threshold, basis, period))| {
            let (zh, en, unit) = default_label(*key);
            Stored {
                id: parse_id(&format!("01900000-0000-7000-8000-0000201501{n:02}")),
                meta: meta.clone(),
                record: Indicator {
                    indicator_set: set_id,
                    org_kind: *kind,
                    tier: *tier,
                    key: *key,
                    label_zh: zh.into(),
                    label_en: en.into(),
                    unit: unit.into(),
                    threshold: *threshold,
                    comparison: Comparison::AtLeast,
                    basis: *basis,
                    period_years: *period,
                },
            }
        })
        .collect();
    vec![SetWithIndicators {
        set,
        indicators,
        built_in: true,
    }]
}

fn parse_id<T>(text: &str) -> Id<T> {
    uuid::Uuid::parse_str(text)
        .map(Id::from_uuid)
        .unwrap_or_else(|_| Id::from_parts(0, [0; 10]))
}

/// A key's usual label (Chinese, English) and unit: what a new indicator starts with.
pub fn default_label(key: IndicatorKey) -> (&'static str, &'static str, &'static str) {
    match key {
        IndicatorKey::HighSkillTrained => ("年培训高技能人才", "High-skill people trained a year", "人"),
        IndicatorKey::PublicServicePersonTimes => {
            ("年公共实训服务", "Public training services a year", "人次")
        }
        IndicatorKey::YoungBackbones => ("年培养青年技能骨干", "Young skill backbones a year", "人"),
        IndicatorKey::CompletionRate => ("结业率", "Completion rate", "%"),
        IndicatorKey::PassRate => ("培训合格率", "Pass rate", "%"),
        IndicatorKey::CertificationRate => ("取证率", "Certification rate", "%"),
        IndicatorKey::SatisfactionRate => ("满意率", "Satisfaction rate", "%"),
    }
}

/// The stored sets (live, with their live indicators) and the built-in ones together:
/// what [`in_force`] chooses from.
pub fn gather(sets: Vec<Stored<IndicatorSet>>, indicators: Vec<Stored<Indicator>>) -> Vec<SetWithIndicators> {
    let mut out: Vec<SetWithIndicators> = sets
        .into_iter()
        .filter(|s| !s.meta.is_deleted())
        .map(|set| {
            let mine = indicators
                .iter()
                .filter(|i| i.record.indicator_set == set.id && !i.meta.is_deleted())
                .cloned()
                .collect();
            SetWithIndicators {
                set,
                indicators: mine,
                built_in: false,
            }
        })
        .collect();
    // A stored copy of a built-in set (same id) stands for it.
    for d in default_sets() {
        if !out.iter().any(|s| s.set.id == d.set.id) {
            out.push(d);
        }
    }
    out
}

/// The set in force for `year` and an organisation of `kind` and `tier`: among the sets
/// in force that year with indicators for that kind and tier, the one in force from the
/// latest year (a newer set replaces an older one; an older one still applies to the
/// kinds and tiers the newer leaves out); of two from the same year, a stored set over a
/// built-in one, then the one changed last. None when no set covers the year (or the
/// organisation has no tier).
pub fn in_force(
    sets: &[SetWithIndicators],
    year: i32,
    kind: OrgKind,
    tier: Option<Tier>,
) -> Option<&SetWithIndicators> {
    let tier = tier?;
    sets.iter()
        .filter(|s| s.set.record.covers(year) && s.for_org(kind, tier).next().is_some())
        .max_by_key(|s| {
            (
                s.set.record.from_year,
                !s.built_in,
                s.set.meta.updated_at,
                s.set.id.to_string(),
            )
        })
}

/// The attendance floor (a share, 0.8 = 80%) of the set in force for an organisation's
/// year; [`DEFAULT_ATTENDANCE_FLOOR`] when none is in force or it gives none.
pub fn attendance_floor(sets: &[SetWithIndicators], year: i32, kind: OrgKind, tier: Option<Tier>) -> f64 {
    in_force(sets, year, kind, tier).map_or(DEFAULT_ATTENDANCE_FLOOR, |s| s.attendance_floor())
}

/// The year's figures an indicator is measured on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub year: i32,
    /// The organisation's approval year.
    pub approval_year: Option<i32>,
    /// Delivered in the year.
    pub high_skill_trained: u64,
    pub public_service_person_times: u64,
    pub young_backbones: u64,
    /// Declared capacity for the year (None: not declared).
    pub capacity_high_skill: Option<u64>,
    pub capacity_public_service: Option<u64>,
    /// Earlier years' young backbones, by year (for the averages).
    pub earlier_young_backbones: Vec<(i32, u64)>,
    /// The year's quality rates (`domain::quality::rates`): a rate with nothing to
    /// measure (a denominator of 0) is not recorded.
    pub rates: crate::domain::quality::Rates,
}

/// What measuring an indicator gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Measured {
    /// A value, and for an average the years it is taken over.
    Value { value: f64, years: Option<(i32, i32)> },
    /// Nothing the records give: a capacity not declared, a rate not recorded.
    NotRecorded,
    /// This basis means nothing for this key (a capacity of young backbones).
    NotApplicable,
}

impl Measured {
    pub fn value(&self) -> Option<f64> {
        match self {
            Measured::Value { value, .. } => Some(*value),
            _ => None,
        }
    }
}

/// An indicator measured and judged.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub measured: Measured,
    /// None when nothing could be measured: never "met" for want of a figure.
    pub met: Option<bool>,
}

/// Measures one indicator on the year's figures and judges it against its threshold:
/// the one function every indicator goes through.
pub fn evaluate(figures: &Figures, indicator: &Indicator) -> Evaluation {
    let measured = measure(figures, indicator.key, indicator.basis, indicator.period_years);
    let met = measured
        .value()
        .map(|v| indicator.comparison.holds(v, indicator.threshold));
    Evaluation { measured, met }
}

fn measure(f: &Figures, key: IndicatorKey, basis: Basis, period: Option<u32>) -> Measured {
    let value = |v: u64| Measured::Value {
        value: v as f64,
        years: None,
    };
    let capacity = |c: Option<u64>| c.map_or(Measured::NotRecorded, value);
    let rate = |r: crate::domain::quality::Rate| {
        r.percent()
            .map_or(Measured::NotRecorded, |value| Measured::Value {
                value,
                years: None,
            })
    };
    match (key, basis) {
        // The quality rates, in per cent of their counts; with nothing to measure never a
        // number, never passed.
        (IndicatorKey::CompletionRate, _) => rate(f.rates.completion),
        (IndicatorKey::PassRate, _) => rate(f.rates.pass),
        (IndicatorKey::CertificationRate, _) => rate(f.rates.certification),
        (IndicatorKey::SatisfactionRate, _) => rate(f.rates.satisfaction),
        (IndicatorKey::HighSkillTrained, Basis::Delivered) => value(f.high_skill_trained),
        (IndicatorKey::HighSkillTrained, Basis::Capacity) => capacity(f.capacity_high_skill),
        (IndicatorKey::PublicServicePersonTimes, Basis::Delivered) => value(f.public_service_person_times),
        (IndicatorKey::PublicServicePersonTimes, Basis::Capacity) => capacity(f.capacity_public_service),
        (IndicatorKey::YoungBackbones, Basis::Delivered) => value(f.young_backbones),
        (IndicatorKey::YoungBackbones, Basis::AverageSinceApproval) => {
            let first = f.approval_year.unwrap_or(f.year).min(f.year);
            average(f, first)
        }
        (IndicatorKey::YoungBackbones, Basis::AveragePeriod) => {
            let years = period.unwrap_or(1).max(1) as i32;
            // Never before approval: a studio approved last year averages over two.
            let first = (f.year - years + 1).max(f.approval_year.unwrap_or(i32::MIN).min(f.year));
            average(f, first)
        }
        _ => Measured::NotApplicable,
    }
}

/// The yearly average of young backbones from `first` to the figures' year.
fn average(f: &Figures, first: i32) -> Measured {
    let mut total = f.young_backbones;
    for (y, n) in &f.earlier_young_backbones {
        if (first..f.year).contains(y) {
            total += n;
        }
    }
    let years = (f.year - first + 1).max(1);
    Measured::Value {
        value: (total as f64 / years as f64 * 10.0).round() / 10.0,
        years: Some((first, f.year)),
    }
}

/// The earliest year an average of this set needs for an organisation approved in
/// `approval_year`, for the store to load; None when the set asks for no average.
pub fn earliest_year_needed(
    set: &SetWithIndicators,
    year: i32,
    kind: OrgKind,
    tier: Tier,
    approval_year: Option<i32>,
) -> Option<i32> {
    set.for_org(kind, tier)
        .filter_map(|i| match i.record.basis {
            Basis::AverageSinceApproval => Some(approval_year.unwrap_or(year).min(year)),
            Basis::AveragePeriod => {
                let n = i.record.period_years.unwrap_or(1).max(1) as i32;
                Some((year - n + 1).max(approval_year.unwrap_or(i32::MIN).min(year)))
            }
            _ => None,
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored_set(id: u64, from: i32, to: Option<i32>, updated: &str) -> Stored<IndicatorSet> {
        let at = chrono::DateTime::parse_from_rfc3339(updated).unwrap().to_utc();
        Stored {
            id: Id::from_parts(id, [id as u8; 10]),
            meta: Meta {
                created_at: at,
                updated_at: at,
                deleted_at: None,
                rev: 1,
                changed_by: "test".into(),
                change_seq: 0,
            },
            record: IndicatorSet {
                name: format!("set {id}"),
                document: "doc".into(),
                issuer: None,
                from_year: from,
                to_year: to,
                attendance_floor: Some(90.0),
                notes: None,
            },
        }
    }

    fn ind(
        set: &Stored<IndicatorSet>,
        n: u64,
        kind: OrgKind,
        tier: Tier,
        key: IndicatorKey,
        t: f64,
    ) -> Stored<Indicator> {
        Stored {
            id: Id::from_parts(1000 + n, [n as u8; 10]),
            meta: set.meta.clone(),
            record: Indicator {
                indicator_set: set.id,
                org_kind: kind,
                tier,
                key,
                label_zh: "x".into(),
                label_en: "x".into(),
                unit: "%".into(),
                threshold: t,
                comparison: Comparison::AtLeast,
                basis: Basis::Rate,
                period_years: None,
            },
        }
    }

    fn name(s: Option<&SetWithIndicators>) -> Option<&str> {
        s.map(|s| s.set.record.name.as_str())
    }

    #[test]
    fn the_set_in_force_follows_year_kind_and_tier() {
        // A 2022–2024 set for national bases only, a 2025– set for every base.
        let a = stored_set(1, 2022, Some(2024), "2022-01-01T00:00:00Z");
        let b = stored_set(2, 2025, None, "2025-01-01T00:00:00Z");
        let inds = vec![
            ind(
                &a,
                1,
                OrgKind::TrainingBase,
                Tier::National,
                IndicatorKey::PassRate,
                90.0,
            ),
            ind(
                &b,
                2,
                OrgKind::TrainingBase,
                Tier::National,
                IndicatorKey::PassRate,
                95.0,
            ),
            ind(
                &b,
                3,
                OrgKind::TrainingBase,
                Tier::Region,
                IndicatorKey::PassRate,
                90.0,
            ),
        ];
        let sets = gather(vec![a, b], inds);
        let base = OrgKind::TrainingBase;
        // Before 2015: nothing in force.
        assert_eq!(name(in_force(&sets, 2014, base, Some(Tier::National))), None);
        // 2015–2021: the built-in plan.
        assert_eq!(
            name(in_force(&sets, 2019, base, Some(Tier::National))),
            Some("内蒙古 2015 实施方案")
        );
        // 2022–2024: the newer set for national bases; region bases keep the plan (the
        // newer one has nothing for them).
        assert_eq!(
            name(in_force(&sets, 2023, base, Some(Tier::National))),
            Some("set 1")
        );
        assert_eq!(
            name(in_force(&sets, 2023, base, Some(Tier::Region))),
            Some("内蒙古 2015 实施方案")
        );
        // 2025 on: set 2 replaces set 1 (ended) and the plan.
        assert_eq!(
            name(in_force(&sets, 2025, base, Some(Tier::National))),
            Some("set 2")
        );
        assert_eq!(
            name(in_force(&sets, 2030, base, Some(Tier::Region))),
            Some("set 2")
        );
        // Studios: only the plan; 盟市级 and no tier: nothing.
        assert_eq!(
            name(in_force(&sets, 2025, OrgKind::MasterStudio, Some(Tier::Region))),
            Some("内蒙古 2015 实施方案")
        );
        assert_eq!(name(in_force(&sets, 2025, base, Some(Tier::League))), None);
        assert_eq!(name(in_force(&sets, 2025, base, None)), None);
        // The attendance floor: the set's, else 80%.
        assert_eq!(attendance_floor(&sets, 2025, base, Some(Tier::National)), 0.9);
        assert_eq!(attendance_floor(&sets, 2019, base, Some(Tier::National)), 0.8);
        assert_eq!(attendance_floor(&sets, 2010, base, Some(Tier::National)), 0.8);
    }

    #[test]
    fn overlapping_sets_and_a_gap_between_them() {
        // Without the built-in plan: 2016–2018 and 2017–2019 overlap; 2021– after a gap.
        let a = stored_set(1, 2016, Some(2018), "2016-01-01T00:00:00Z");
        let b = stored_set(2, 2017, Some(2019), "2017-01-01T00:00:00Z");
        let c = stored_set(3, 2021, None, "2021-01-01T00:00:00Z");
        // Same first year as c, changed later: it wins the tie.
        let d = stored_set(4, 2021, None, "2021-06-01T00:00:00Z");
        let k = (OrgKind::MasterStudio, Tier::National);
        let inds = vec![
            ind(&a, 1, k.0, k.1, IndicatorKey::SatisfactionRate, 90.0),
            ind(&b, 2, k.0, k.1, IndicatorKey::SatisfactionRate, 90.0),
            ind(&c, 3, k.0, k.1, IndicatorKey::SatisfactionRate, 90.0),
            ind(&d, 4, k.0, k.1, IndicatorKey::SatisfactionRate, 90.0),
        ];
        let sets: Vec<_> = gather(vec![a, b, c, d], inds)
            .into_iter()
            .filter(|s| !s.built_in)
            .collect();
        let at = |y| name(in_force(&sets, y, k.0, Some(k.1)));
        assert_eq!(at(2015), None);
        assert_eq!(at(2016), Some("set 1"));
        assert_eq!(at(2018), Some("set 2"), "the later start wins the overlap");
        assert_eq!(at(2019), Some("set 2"));
        assert_eq!(at(2020), None, "a gap year has no set");
        assert_eq!(at(2021), Some("set 4"));
        // A deleted set is not in force.
        let mut gone = stored_set(5, 2022, None, "2022-01-01T00:00:00Z");
        gone.meta.deleted_at = Some(gone.meta.updated_at);
        let i = ind(&gone, 5, k.0, k.1, IndicatorKey::PassRate, 1.0);
        let sets = gather(vec![gone], vec![i]);
        assert!(sets.iter().all(|s| s.built_in), "only the built-in plan is left");
    }

    #[test]
    fn the_2015_plan_judges_capacity_and_delivery_and_a_studio_on_its_average() {
        let sets = default_sets();
        let plan = &sets[0];
        let figures = Figures {
            year: 2025,
            approval_year: Some(2019),
            high_skill_trained: 1200,
            public_service_person_times: 900,
            young_backbones: 4,
            capacity_high_skill: Some(900),
            capacity_public_service: None,
            earlier_young_backbones: vec![(2022, 30), (2023, 12), (2024, 14)],
            ..Figures::default()
        };
        let judged: Vec<_> = plan
            .for_org(OrgKind::TrainingBase, Tier::National)
            .map(|i| (i.record.key, i.record.basis, evaluate(&figures, &i.record).met))
            .collect();
        assert_eq!(
            judged,
            vec![
                (IndicatorKey::HighSkillTrained, Basis::Capacity, Some(false)),
                (IndicatorKey::HighSkillTrained, Basis::Delivered, Some(true)),
                // No capacity declared: not judged, never met.
                (IndicatorKey::PublicServicePersonTimes, Basis::Capacity, None),
                (
                    IndicatorKey::PublicServicePersonTimes,
                    Basis::Delivered,
                    Some(false)
                ),
            ]
        );
        let studio = plan
            .for_org(OrgKind::MasterStudio, Tier::National)
            .next()
            .unwrap();
        let e = evaluate(&figures, &studio.record);
        // (12 + 14 + 4) / 3 = 10: met, though this year alone is 4.
        assert_eq!(
            e.measured,
            Measured::Value {
                value: 10.0,
                years: Some((2023, 2025))
            }
        );
        assert_eq!(e.met, Some(true));
        // Approved last year: averaged over the two years since.
        let young = Figures {
            approval_year: Some(2024),
            ..figures.clone()
        };
        assert_eq!(evaluate(&young, &studio.record).measured.value(), Some(9.0));
        // A rate with nothing to measure (no completions) is "not recorded", never 0 or met.
        let rate = Indicator {
            key: IndicatorKey::PassRate,
            basis: Basis::Rate,
            threshold: 90.0,
            ..studio.record.clone()
        };
        assert_eq!(
            evaluate(&figures, &rate),
            Evaluation {
                measured: Measured::NotRecorded,
                met: None
            }
        );
        // Measured, it is judged in per cent of its counts: 26 of 30 passed is 86.7%, under 90.
        let mut measured = figures.clone();
        measured.rates.pass = crate::domain::quality::Rate {
            numerator: 26,
            denominator: 30,
        };
        let e = evaluate(&measured, &rate);
        assert!((e.measured.value().unwrap() - 86.666).abs() < 0.01, "{e:?}");
        assert_eq!(e.met, Some(false));
        measured.rates.pass.numerator = 27;
        assert_eq!(evaluate(&measured, &rate).met, Some(true), "27 of 30 is 90%: met");
    }

    #[test]
    fn a_set_names_its_years_and_refuses_an_end_before_its_start() {
        let mut s = stored_set(1, 2022, Some(2021), "2022-01-01T00:00:00Z").record;
        let v = s.validate(Today::now());
        assert!(v.for_field("to_year").next().is_some());
        s.to_year = None;
        assert!(!s.validate(Today::now()).has_errors());
        assert_eq!(s.years(), "2022–");
        assert!(s.covers(2099) && !s.covers(2021));
    }
}
