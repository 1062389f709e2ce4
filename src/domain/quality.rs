//! What offices are scored on beyond volumes (issue 17): the quality rates, attendance,
//! subsidies, destinations after training and the cohorts' duration bands of one year,
//! as plain values the return prints and the validator checks. The definitions the
//! return prints as footnotes are `i18n::*::report::definition` under the keys of
//! [`RateKind::key`], `attendance`, `subsidies`, `destinations` and `duration_bands`.
//!
//! **Which enrolments.** The return counts a year's trainees from the enrolments in the
//! organisation's cohorts running in the year ([`YearData::counted_enrolments`]). A rate
//! needs the enrolments that were due to finish: of those, the ones whose cohort *ended*
//! in the year ([`closing_enrolments`]). Each enrolment is judged once, in the year its
//! cohort ended, and rates count enrolments (人次), not distinct people. The same set
//! gives attendance, subsidies and destinations.

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, Months, NaiveDate};

use crate::domain::funds::{FundCategory, FundDirection};
use crate::domain::person::Person;
use crate::domain::training::{AssessmentResult, Cohort, Destination, Enrolment, EnrolmentStatus};
use crate::domain::year::YearData;
use crate::domain::{Id, Money, Stored};

/// The share of completions whose attended hours must reach the planned hours; below it
/// a completion is a warning (ENR07): the floor of the indicator set in force for the
/// organisation's year, 80% when none is in force or it gives none.
pub fn attendance_floor(year: &YearData) -> f64 {
    let org = &year.org.record;
    crate::domain::indicators::attendance_floor(&year.indicator_sets, year.year, org.kind, org.tier)
}

/// A rate as its two counts. There is no rate when nothing was measured (a denominator
/// of 0): never 0% or 100% for "nothing to measure".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Rate {
    pub numerator: u64,
    pub denominator: u64,
}

impl Rate {
    /// numerator ÷ denominator × 100, or `None` when the denominator is 0.
    pub fn percent(self) -> Option<f64> {
        (self.denominator > 0).then(|| self.numerator as f64 * 100.0 / self.denominator as f64)
    }
}

/// The four quality rates, by the keys the indicator sets use for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateKind {
    /// 结业率: completed ÷ enrolled.
    Completion,
    /// 培训合格率: passed ÷ completed.
    Pass,
    /// 取证率: certificates gained ÷ passed.
    Certification,
    /// 满意率: satisfied ÷ surveyed.
    Satisfaction,
}

impl RateKind {
    pub const ALL: [RateKind; 4] = [
        RateKind::Completion,
        RateKind::Pass,
        RateKind::Certification,
        RateKind::Satisfaction,
    ];

    /// The indicator key (and the key of its definition).
    pub fn key(self) -> &'static str {
        match self {
            RateKind::Completion => "completion_rate",
            RateKind::Pass => "pass_rate",
            RateKind::Certification => "certification_rate",
            RateKind::Satisfaction => "satisfaction_rate",
        }
    }
}

/// The quality rates of one year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rates {
    pub completion: Rate,
    pub pass: Rate,
    pub certification: Rate,
    pub satisfaction: Rate,
}

impl Rates {
    pub fn get(&self, kind: RateKind) -> Rate {
        match kind {
            RateKind::Completion => self.completion,
            RateKind::Pass => self.pass,
            RateKind::Certification => self.certification,
            RateKind::Satisfaction => self.satisfaction,
        }
    }
}

/// The enrolments a year's rates are taken from: the counted enrolments (live, of live
/// people, in the organisation's live cohorts running in the year) whose cohort ended in
/// the year, with their cohort and person.
pub fn closing_enrolments(year: &YearData) -> Vec<(&Stored<Enrolment>, &Cohort, &Person)> {
    year.counted_enrolments()
        .into_iter()
        .filter(|(_, cohort, _)| year.contains(cohort.end_date))
        .collect()
}

/// The cohorts of the organisation that ended in the year.
fn closing_cohorts(year: &YearData) -> impl Iterator<Item = &Cohort> {
    year.cohorts
        .iter()
        .map(|c| &c.record)
        .filter(|c| year.contains(c.end_date))
}

/// The year's quality rates (see the module's note on which enrolments):
/// - completion: of the closing enrolments, those 结业 (any result);
/// - pass: of those completed, those whose result is 合格;
/// - certification: of those passed, those through which a live certificate of the
///   trainee's own, issued by 31 December of the year, was gained (linked to the
///   enrolment), so that a return made later says the same;
/// - satisfaction: over the cohorts that ended in the year and record a survey, the
///   trainees satisfied ÷ the trainees surveyed.
pub fn rates(year: &YearData) -> Rates {
    let trainee: std::collections::HashMap<Id<Enrolment>, Id<Person>> =
        year.enrolments.iter().map(|e| (e.id, e.record.person)).collect();
    let certified: HashSet<Id<Enrolment>> = year
        .qualifications
        .iter()
        .filter(|q| q.record.issued_on <= year.last_day())
        .filter_map(|q| q.record.enrolment.map(|e| (e, q.record.person)))
        .filter(|(e, holder)| trainee.get(e) == Some(holder))
        .map(|(e, _)| e)
        .collect();
    let mut r = Rates::default();
    for (e, _, _) in closing_enrolments(year) {
        r.completion.denominator += 1;
        if e.record.status != EnrolmentStatus::Completed {
            continue;
        }
        r.completion.numerator += 1;
        r.pass.denominator += 1;
        if e.record.result != Some(AssessmentResult::Passed) {
            continue;
        }
        r.pass.numerator += 1;
        r.certification.denominator += 1;
        if certified.contains(&e.id) {
            r.certification.numerator += 1;
        }
    }
    for c in closing_cohorts(year) {
        if let Some(surveyed) = c.surveyed.filter(|n| *n > 0) {
            r.satisfaction.denominator += surveyed as u64;
            r.satisfaction.numerator += c.satisfied.unwrap_or(0).min(surveyed) as u64;
        }
    }
    r
}

/// Hours attended against hours planned, over the closing enrolments that record their
/// hours attended in a cohort that records its planned hours (more than 0).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Attendance {
    /// Enrolments measured.
    pub enrolments: u64,
    pub attended_hours: f64,
    pub planned_hours: f64,
    /// Completions whose attendance is under the floor (ENR07).
    pub completed_under_floor: u64,
    /// The floor used.
    pub floor: f64,
    /// Closing enrolments with no hours attended recorded (or in a cohort with no
    /// planned hours): not measured.
    pub not_recorded: u64,
}

impl Attendance {
    /// attended ÷ planned × 100, or `None` when nothing was measured.
    pub fn percent(&self) -> Option<f64> {
        (self.planned_hours > 0.0).then(|| self.attended_hours * 100.0 / self.planned_hours)
    }
}

/// An enrolment's attendance (attended ÷ planned), when both are recorded.
pub fn attendance_of(e: &Enrolment, cohort: &Cohort) -> Option<f64> {
    let planned = cohort.planned_hours().filter(|h| *h > 0)?;
    Some(e.attended_hours? / planned as f64)
}

pub fn attendance(year: &YearData) -> Attendance {
    let floor = attendance_floor(year);
    let mut a = Attendance {
        floor,
        ..Attendance::default()
    };
    for (e, cohort, _) in closing_enrolments(year) {
        let Some(share) = attendance_of(&e.record, cohort) else {
            a.not_recorded += 1;
            continue;
        };
        a.enrolments += 1;
        a.attended_hours += e.record.attended_hours.unwrap_or(0.0);
        a.planned_hours += cohort.planned_hours().unwrap_or(0) as f64;
        if e.record.status == EnrolmentStatus::Completed && share < floor {
            a.completed_under_floor += 1;
        }
    }
    a
}

/// Subsidies claimed on the closing enrolments, by kind (training, evaluation, living
/// cost): amounts, and the enrolments claiming each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Subsidies {
    /// Distinct people with any subsidy claimed (人).
    pub trainees: u64,
    /// Enrolments with an amount of each kind above 0.
    pub enrolments: [u64; 3],
    pub amounts: [Money; 3],
    /// Enrolments with an electronic training voucher number.
    pub vouchers: u64,
}

impl Subsidies {
    pub fn total(&self) -> Money {
        Money(self.amounts.iter().map(|m| m.0).sum())
    }
}

pub fn subsidies(year: &YearData) -> Subsidies {
    let mut s = Subsidies::default();
    let mut people: HashSet<Id<Person>> = HashSet::new();
    for (e, _, _) in closing_enrolments(year) {
        let amounts = e.record.subsidies();
        for (i, m) in amounts.iter().enumerate() {
            if m.0 > 0 {
                s.enrolments[i] += 1;
                s.amounts[i].0 += m.0;
            }
        }
        if amounts.iter().any(|m| m.0 > 0) {
            people.insert(e.record.person);
        }
        if e.record.voucher_number.is_some() {
            s.vouchers += 1;
        }
    }
    s.trainees = people.len() as u64;
    s
}

/// The income for training subsidies received in the year (the funds register's
/// 职业培训补贴资金 receipts dated in the year), which the subsidies claimed are set
/// against (FND01).
pub fn subsidy_income(year: &YearData) -> Money {
    Money(
        year.funds
            .iter()
            .filter(|f| {
                f.record.direction == FundDirection::Income
                    && f.record.category == FundCategory::TrainingSubsidy
            })
            .map(|f| f.record.amount.0)
            .sum(),
    )
}

/// Where the trainees who completed went: the closing enrolments completed, by
/// destination (`None`: nothing recorded), and the share followed up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Destinations {
    pub by_destination: BTreeMap<Option<Destination>, u64>,
    /// Followed up: completed enrolments whose destination is recorded and is not 未跟踪,
    /// over all completed enrolments.
    pub followed_up: Rate,
}

pub fn destinations(year: &YearData) -> Destinations {
    let mut d = Destinations::default();
    for (e, _, _) in closing_enrolments(year) {
        if e.record.status != EnrolmentStatus::Completed {
            continue;
        }
        *d.by_destination.entry(e.record.destination).or_default() += 1;
        d.followed_up.denominator += 1;
        if e.record.destination.is_some_and(|x| x != Destination::NotTracked) {
            d.followed_up.numerator += 1;
        }
    }
    d
}

/// A cohort's length as the national statistics band it (表8-3: 6个月以下, 6个月至1年,
/// 1年以上).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DurationBand {
    UnderSixMonths,
    SixToTwelveMonths,
    OverAYear,
}

impl DurationBand {
    pub const ALL: [DurationBand; 3] = [
        DurationBand::UnderSixMonths,
        DurationBand::SixToTwelveMonths,
        DurationBand::OverAYear,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DurationBand::UnderSixMonths => "under_6_months",
            DurationBand::SixToTwelveMonths => "6_to_12_months",
            DurationBand::OverAYear => "over_1_year",
        }
    }

    /// The band of a cohort running from `start` to `end`, both days included: its
    /// length reaches the day after `end`. Under 6 months: that day is before the same
    /// day six calendar months after `start`; 6–12 months: from there up to and including
    /// the same day twelve months after `start`; over a year: later. So 1 January to 30
    /// June is 6 months (6–12), 1 January to 31 December is 12 months (6–12), and 1
    /// January to 1 January of the next year is over a year.
    pub fn of(start: NaiveDate, end: NaiveDate) -> DurationBand {
        let after = end + Duration::days(1);
        let six = start.checked_add_months(Months::new(6)).unwrap_or(NaiveDate::MAX);
        let twelve = start
            .checked_add_months(Months::new(12))
            .unwrap_or(NaiveDate::MAX);
        if after < six {
            DurationBand::UnderSixMonths
        } else if after <= twelve {
            DurationBand::SixToTwelveMonths
        } else {
            DurationBand::OverAYear
        }
    }
}

/// Per duration band: the cohorts running in the year, and their counted enrolments
/// (人次, the same set as the return's trainees).
pub fn duration_bands(year: &YearData) -> BTreeMap<DurationBand, (u64, u64)> {
    let mut bands: BTreeMap<DurationBand, (u64, u64)> =
        DurationBand::ALL.iter().map(|b| (*b, (0, 0))).collect();
    for c in &year.cohorts {
        if let Some(b) = bands.get_mut(&DurationBand::of(c.record.start_date, c.record.end_date)) {
            b.0 += 1;
        }
    }
    for (_, cohort, _) in year.counted_enrolments() {
        if let Some(b) = bands.get_mut(&DurationBand::of(cohort.start_date, cohort.end_date)) {
            b.1 += 1;
        }
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn no_rate_when_nothing_was_measured() {
        assert_eq!(Rate::default().percent(), None);
        let r = Rate {
            numerator: 0,
            denominator: 4,
        };
        assert_eq!(r.percent(), Some(0.0));
        let r = Rate {
            numerator: 3,
            denominator: 4,
        };
        assert_eq!(r.percent(), Some(75.0));
    }

    #[test]
    fn duration_bands_have_exact_boundaries() {
        let band = |a, b| DurationBand::of(a, b);
        assert_eq!(band(d(2025, 1, 1), d(2025, 6, 29)), DurationBand::UnderSixMonths);
        assert_eq!(
            band(d(2025, 1, 1), d(2025, 6, 30)),
            DurationBand::SixToTwelveMonths
        );
        assert_eq!(
            band(d(2025, 1, 1), d(2025, 12, 31)),
            DurationBand::SixToTwelveMonths
        );
        assert_eq!(band(d(2025, 1, 1), d(2026, 1, 1)), DurationBand::OverAYear);
        assert_eq!(band(d(2025, 3, 10), d(2025, 3, 20)), DurationBand::UnderSixMonths);
    }
}
