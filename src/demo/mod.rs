//! Demo data: realistic, deterministic records for trying the app, testing and
//! benchmarking. The same profile and seed always give the same records.
//!
//! Profiles: `national-base` (one national-level base with ≥10,000 people trained over
//! 2019–2026 and a hosted studio), `region-base` (one region-level base and its studio),
//! `studio` (one master studio, as on a master's laptop), `region` (about 100 bases and
//! studios with 650,000 people, the region's 2020 target). Every name, ID number and
//! credit code is made up; ID numbers and credit codes pass their checksums.

mod make;
pub mod names;
pub mod rng;

use std::str::FromStr;

use chrono::NaiveDate;

use crate::domain::RecordKind;
use crate::progress::Progress;
use crate::store::{Store, StoreError};

/// Which demo database to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    NationalBase,
    RegionBase,
    Studio,
    Region,
}

impl Profile {
    pub const ALL: [Profile; 4] = [
        Profile::NationalBase,
        Profile::RegionBase,
        Profile::Studio,
        Profile::Region,
    ];

    /// The name used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Profile::NationalBase => "national-base",
            Profile::RegionBase => "region-base",
            Profile::Studio => "studio",
            Profile::Region => "region",
        }
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL
            .into_iter()
            .find(|p| p.code() == s)
            .ok_or_else(|| s.to_string())
    }
}

/// The first year with data.
pub const FIRST_YEAR: i32 = 2019;

/// The day the demo data runs up to: fixed, so the same seed gives the same data whenever
/// it is generated. Cohorts running on this day are still in training.
pub const AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2026, 10, 31) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The total number of people in the `region` profile.
pub const REGION_PEOPLE: u64 = 650_000;

/// What was written.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub profile: String,
    pub seed: u64,
    pub counts: Vec<(String, u64)>,
}

impl DemoSummary {
    pub fn count(&self, kind: RecordKind) -> u64 {
        self.counts
            .iter()
            .find(|(k, _)| k == kind.code())
            .map_or(0, |(_, n)| *n)
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

/// Writes a demo profile into an empty database, in one transaction.
pub fn generate(
    store: &mut Store,
    profile: Profile,
    seed: u64,
    progress: &dyn Progress,
) -> Result<DemoSummary, StoreError> {
    write_plan(store, profile.code(), &make::plan(profile), seed, progress)
}

/// The `national-base` profile with `trainees` trainees instead of 14,000 (benchmarks of
/// the app at 100,000 people).
pub fn generate_national_base_with(
    store: &mut Store,
    trainees: u64,
    seed: u64,
    progress: &dyn Progress,
) -> Result<DemoSummary, StoreError> {
    let code = Profile::NationalBase.code();
    write_plan(store, code, &make::national_base_with(trainees), seed, progress)
}

fn write_plan(
    store: &mut Store,
    code: &str,
    plans: &make::Plan,
    seed: u64,
    progress: &dyn Progress,
) -> Result<DemoSummary, StoreError> {
    if !store.is_empty()? {
        return Err(StoreError::NotEmpty);
    }
    let label = format!("demo {code} seed {seed}");
    let counts = store.bulk(&label, |bulk| {
        let mut g = make::Gen::new(bulk, seed, progress, &format!("demo:{code}:{seed}"));
        g.run(plans)?;
        Ok(RecordKind::ALL
            .iter()
            .map(|k| (k.code().to_string(), g.count(*k)))
            .collect::<Vec<_>>())
    })?;
    progress.finish();
    Ok(DemoSummary {
        profile: code.to_string(),
        seed,
        counts,
    })
}

/// How many organisations and people a profile makes, known before writing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanSummary {
    pub organisations: u64,
    pub people: u64,
}

/// The size of a profile, from its plan.
pub fn plan_summary(profile: Profile) -> PlanSummary {
    let plan = make::plan(profile);
    PlanSummary {
        organisations: (plan.bases.len()
            + plan.bases.iter().map(|b| b.studios.len()).sum::<usize>()
            + plan.lone_studios.len()) as u64,
        people: plan.people(),
    }
}
