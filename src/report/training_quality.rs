//! The return's figures and section for what offices are scored on beyond volumes
//! (issue 17): the quality rates, attendance, subsidies, destinations after training and
//! the cohorts' duration bands. The values are `domain::quality`'s; this file names them
//! as the return prints them (JSON keys, Chinese labels) and lays out their section.
//! Every table's first row carries its definition, so each prints with its footnote.

use serde::Serialize;

use super::figures::AnnualReturn;
use super::model::{Column, Row, Section, Table, Value};
use crate::domain::Labelled;
use crate::domain::quality::{self, DurationBand, Rate, RateKind};
use crate::domain::year::YearData;
use crate::lang::Lang;

/// A quality rate as the return carries it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RateLine {
    /// The indicator key (`completion_rate`, …), also its definition's.
    pub key: &'static str,
    pub label: &'static str,
    pub numerator: u64,
    pub denominator: u64,
    /// In per cent, one decimal; `None` when the denominator is 0.
    pub percent: Option<f64>,
    /// The target of the indicator set in force, where it gives one.
    pub target_percent: Option<f64>,
}

/// Hours attended against planned.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AttendanceLine {
    pub enrolments: u64,
    pub attended_hours: f64,
    pub planned_hours: f64,
    pub percent: Option<f64>,
    /// The floor a completion's attendance must reach, in per cent.
    pub floor_percent: f64,
    pub completed_under_floor: u64,
    pub not_recorded: u64,
}

/// One kind of subsidy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubsidyLine {
    pub key: &'static str,
    pub label: &'static str,
    pub enrolments: u64,
    pub fen: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SubsidyFigures {
    /// Distinct people with any subsidy.
    pub trainees: u64,
    pub by_kind: Vec<SubsidyLine>,
    pub total_fen: i64,
    /// Enrolments with an electronic training voucher.
    pub vouchers: u64,
    /// The funds register's training-subsidy income of the year.
    pub income_fen: i64,
}

/// A count under a code and its label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub key: String,
    pub label: String,
    pub count: u64,
}

/// Duration band: cohorts and enrolments.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BandLine {
    pub key: &'static str,
    pub label: &'static str,
    pub cohorts: u64,
    pub enrolments: u64,
}

/// The section's figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TrainingQuality {
    pub rates: Vec<RateLine>,
    pub attendance: AttendanceLine,
    pub duration_bands: Vec<BandLine>,
    pub subsidies: SubsidyFigures,
    pub destinations: Vec<Line>,
    pub followed_up: RateLine,
}

fn rate_label(kind: RateKind) -> &'static str {
    match kind {
        RateKind::Completion => "结业率",
        RateKind::Pass => "培训合格率",
        RateKind::Certification => "取证率",
        RateKind::Satisfaction => "满意率",
    }
}

fn one_decimal(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn line(key: &'static str, label: &'static str, r: Rate, target: Option<f64>) -> RateLine {
    RateLine {
        key,
        label,
        numerator: r.numerator,
        denominator: r.denominator,
        percent: r.percent().map(one_decimal),
        target_percent: target,
    }
}

/// The threshold the indicator set in force gives the rate `key` for this organisation,
/// in per cent; `None` where no set is in force or it has no such indicator.
fn target(year: &YearData, key: &str) -> Option<f64> {
    let org = &year.org.record;
    let set = crate::domain::indicators::in_force(&year.indicator_sets, year.year, org.kind, org.tier)?;
    set.for_org(org.kind, org.tier?)
        .find(|i| i.record.key.code() == key)
        .map(|i| i.record.threshold)
}

fn band_label(b: DurationBand) -> &'static str {
    match b {
        DurationBand::UnderSixMonths => "6个月以下",
        DurationBand::SixToTwelveMonths => "6个月至1年",
        DurationBand::OverAYear => "1年以上",
    }
}

/// The year's figures.
pub fn compute(year: &YearData) -> TrainingQuality {
    let rates = quality::rates(year);
    let a = quality::attendance(year);
    let s = quality::subsidies(year);
    let d = quality::destinations(year);
    let kinds = [
        ("training", "培训补贴"),
        ("evaluation", "鉴定评价补贴"),
        ("living", "生活费补贴"),
    ];
    TrainingQuality {
        rates: RateKind::ALL
            .iter()
            .map(|k| line(k.key(), rate_label(*k), rates.get(*k), target(year, k.key())))
            .collect(),
        attendance: AttendanceLine {
            enrolments: a.enrolments,
            attended_hours: one_decimal(a.attended_hours),
            planned_hours: one_decimal(a.planned_hours),
            percent: a.percent().map(one_decimal),
            floor_percent: one_decimal(a.floor * 100.0),
            completed_under_floor: a.completed_under_floor,
            not_recorded: a.not_recorded,
        },
        duration_bands: quality::duration_bands(year)
            .into_iter()
            .map(|(b, (cohorts, enrolments))| BandLine {
                key: b.key(),
                label: band_label(b),
                cohorts,
                enrolments,
            })
            .collect(),
        subsidies: SubsidyFigures {
            trainees: s.trainees,
            by_kind: kinds
                .iter()
                .enumerate()
                .map(|(i, (key, label))| SubsidyLine {
                    key,
                    label,
                    enrolments: s.enrolments[i],
                    fen: s.amounts[i].0,
                })
                .collect(),
            total_fen: s.total().0,
            vouchers: s.vouchers,
            income_fen: quality::subsidy_income(year).0,
        },
        destinations: d
            .by_destination
            .iter()
            .map(|(dest, n)| Line {
                key: dest.map_or("not_recorded", |x| x.code()).to_string(),
                label: dest.map_or_else(|| "未填写".to_string(), |x| x.label(Lang::Zh).to_string()),
                count: *n,
            })
            .collect(),
        followed_up: line("followed_up", "跟踪率", d.followed_up, None),
    }
}

fn percent(p: Option<f64>) -> Value {
    p.map_or_else(|| Value::absent("—（无可计算）"), Value::Percent)
}

/// The section: rates, attendance and duration, subsidies, destinations.
pub fn section(r: &AnnualReturn) -> Section {
    let q = &r.training_quality;
    let mut rates = Table::new(
        "quality_rates",
        vec![
            Column::label("rate", "指标", 2.2),
            Column::figure("numerator", "分子", Some("人次"), 1.4),
            Column::figure("denominator", "分母", Some("人次"), 1.4),
            Column::figure("percent", "比率", Some("%"), 1.4),
            Column::label("target", "目标", 1.8),
        ],
    );
    for x in &q.rates {
        rates.push(
            Row::new(
                x.key,
                vec![
                    Value::text(x.label),
                    Value::Count(x.numerator),
                    Value::Count(x.denominator),
                    percent(x.percent),
                    x.target_percent
                        .map_or_else(|| Value::absent("指标集未规定"), Value::Percent),
                ],
            )
            .defined_by(x.key),
        );
    }
    let a = &q.attendance;
    let mut attendance = Table::new(
        "attendance",
        vec![
            Column::label("item", "学时", 4.0),
            Column::figure("value", "数值", None, 2.2),
        ],
    );
    attendance.push(
        Row::new(
            "enrolments",
            vec![
                Value::text("有实际学时记录的学员（人次）"),
                Value::Count(a.enrolments),
            ],
        )
        .defined_by("attendance"),
    );
    attendance.push(Row::new(
        "planned_hours",
        vec![Value::text("计划学时合计"), Value::Decimal(a.planned_hours, 1)],
    ));
    attendance.push(Row::new(
        "attended_hours",
        vec![Value::text("实际学时合计"), Value::Decimal(a.attended_hours, 1)],
    ));
    attendance.push(Row::new(
        "percent",
        vec![Value::text("出勤率（%）"), percent(a.percent)],
    ));
    attendance.push(Row::new(
        "completed_under_floor",
        vec![
            Value::text(format!("结业学员出勤低于 {:.0}% 的（人次）", a.floor_percent)),
            Value::Count(a.completed_under_floor),
        ],
    ));
    attendance.push(Row::new(
        "not_recorded",
        vec![
            Value::text("未记录学时的学员（人次）"),
            Value::Count(a.not_recorded),
        ],
    ));
    let mut bands = Table::new(
        "duration_bands",
        vec![
            Column::label("band", "培训时长", 2.4),
            Column::figure("cohorts", "班次", Some("个"), 1.4),
            Column::figure("enrolments", "学员", Some("人次"), 1.4),
        ],
    );
    for (i, b) in q.duration_bands.iter().enumerate() {
        let row = Row::new(
            b.key,
            vec![
                Value::text(b.label),
                Value::Count(b.cohorts),
                Value::Count(b.enrolments),
            ],
        );
        bands.push(if i == 0 {
            row.defined_by("duration_bands")
        } else {
            row
        });
    }
    let s = &q.subsidies;
    let mut subsidies = Table::new(
        "subsidies",
        vec![
            Column::label("kind", "补贴类别", 2.6),
            Column::figure("enrolments", "享受补贴", Some("人次"), 1.6),
            Column::figure("amount", "金额", Some("元"), 2.2),
        ],
    );
    for (i, x) in s.by_kind.iter().enumerate() {
        let row = Row::new(
            x.key,
            vec![
                Value::text(x.label),
                Value::Count(x.enrolments),
                Value::Money(x.fen),
            ],
        );
        subsidies.push(if i == 0 { row.defined_by("subsidies") } else { row });
    }
    subsidies.push(
        Row::new(
            "total",
            vec![
                Value::text(format!("合计（享受补贴 {} 人）", s.trainees)),
                Value::absent("—"),
                Value::Money(s.total_fen),
            ],
        )
        .total(),
    );
    subsidies.push(Row::new(
        "vouchers",
        vec![
            Value::text("使用电子培训券"),
            Value::Count(s.vouchers),
            Value::absent("—"),
        ],
    ));
    subsidies.push(Row::new(
        "income",
        vec![
            Value::text("本年度收到职业培训补贴资金"),
            Value::absent("—"),
            Value::Money(s.income_fen),
        ],
    ));
    let mut destinations = Table::new(
        "destinations",
        vec![
            Column::label("destination", "培训后去向", 2.6),
            Column::figure("count", "结业学员", Some("人次"), 1.6),
        ],
    );
    for (i, x) in q.destinations.iter().enumerate() {
        let row = Row::new(
            x.key.clone(),
            vec![Value::Text(x.label.clone()), Value::Count(x.count)],
        );
        destinations.push(if i == 0 {
            row.defined_by("destinations")
        } else {
            row
        });
    }
    let f = &q.followed_up;
    let mut followed = Row::new(
        "followed_up",
        vec![
            Value::text(format!(
                "已跟踪 {} ÷ 结业 {}（跟踪率，%）",
                f.numerator, f.denominator
            )),
            percent(f.percent),
        ],
    )
    .total();
    if q.destinations.is_empty() {
        followed = followed.defined_by("destinations");
    }
    destinations.push(followed);
    Section::new("training_quality", "培训质量与成效")
        .table(rates)
        .table(attendance)
        .table(bands)
        .table(subsidies)
        .table(destinations)
}
