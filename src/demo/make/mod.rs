//! Writing the demo: a plan per profile ([`plan`]), then [`Gen`] writes each base and studio
//! through a bulk writer, one register after another, one file per register.

mod capacity;
mod evidence;
mod funds;
mod honours;
mod organisations;
mod people;
mod plan;
mod staff;
mod studio_log;
mod studios;
mod training;

use chrono::{DateTime, NaiveDate, Utc};

use super::names::People;
use super::rng::Rng;
use crate::domain::grade::SkillGrade;
use crate::domain::person::Person;
use crate::domain::{Id, Record, RecordKind};
use crate::progress::Progress;
use crate::store::{Bulk, StoreError};

pub use plan::{BasePlan, Plan, StudioPlan, national_base_with, plan};

type Result<T> = std::result::Result<T, StoreError>;

/// 2019-01-01T00:00:00Z: ids of demo records are ordered from here, one millisecond apart.
const ID_EPOCH_MS: u64 = 1_546_300_800_000;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m.clamp(1, 12), d.clamp(1, 28)).unwrap_or(NaiveDate::MIN)
}

fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_signed(chrono::Duration::days(days)).unwrap_or(d)
}

fn at(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(1, 30, 0).unwrap_or_default().and_utc()
}

fn grade_step(g: SkillGrade, step: i32) -> SkillGrade {
    SkillGrade::from_rank((g.rank() as i32 + step).clamp(1, 8) as u8).unwrap_or(g)
}

/// A person made for the demo, as later steps need to know them.
#[derive(Clone, Copy)]
struct Made {
    id: Id<Person>,
    birth: NaiveDate,
    grade: SkillGrade,
}

/// Writes the plan through a bulk writer.
pub struct Gen<'b, 't> {
    bulk: &'b mut Bulk<'t>,
    rng: Rng,
    /// The studio log's own stream (`studio_log`), so the rest is as it was without it.
    log_rng: Rng,
    /// The stream of what offices are scored on (hours, surveys, subsidies, destinations,
    /// evaluators: issue 17), likewise apart.
    quality_rng: Rng,
    /// Each course package's planned (theory, practice) hours, a cohort's defaults.
    package_hours: std::collections::HashMap<Id<crate::domain::training::CoursePackage>, (u32, u32)>,
    /// Subsidies claimed per organisation and year (fen), which the funds receive.
    subsidies_claimed: std::collections::HashMap<(Id<crate::domain::org::Organisation>, i32), i64>,
    people: People,
    clock: u64,
    progress: &'b dyn Progress,
    people_made: u64,
    base_counter: usize,
    studio_counter: usize,
    studio_names: std::collections::HashSet<String>,
}

impl<'b, 't> Gen<'b, 't> {
    pub fn new(bulk: &'b mut Bulk<'t>, seed: u64, progress: &'b dyn Progress, source: &str) -> Self {
        bulk.set_source(source);
        Gen {
            bulk,
            rng: Rng::new(seed),
            log_rng: Rng::new(seed ^ 0x106_E27A),
            quality_rng: Rng::new(seed ^ 0x0017_5C0E),
            package_hours: std::collections::HashMap::new(),
            subsidies_claimed: std::collections::HashMap::new(),
            people: People::new(),
            clock: 0,
            progress,
            people_made: 0,
            base_counter: 0,
            studio_counter: 0,
            studio_names: std::collections::HashSet::new(),
        }
    }

    pub fn count(&self, kind: RecordKind) -> u64 {
        self.bulk.count(kind)
    }

    pub fn run(&mut self, plan: &Plan) -> Result<()> {
        self.progress.stage("demo", plan.people());
        for base in &plan.bases {
            let id = self.base(base)?;
            for s in &base.studios {
                self.studio(s, Some(id))?;
            }
        }
        for s in &plan.lone_studios {
            self.studio(s, None)?;
        }
        Ok(())
    }

    /// The next id: time-ordered in writing order, random bits from the seed.
    fn next_id<R>(&mut self) -> Id<R> {
        self.clock += 1;
        Id::from_parts(ID_EPOCH_MS + self.clock, self.rng.bytes10())
    }

    fn put<R: Record>(&mut self, record: &R, on: NaiveDate) -> Result<Id<R>> {
        let id = self.next_id();
        self.bulk.insert(id, record, at(on))?;
        Ok(id)
    }
}
