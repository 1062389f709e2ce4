//! The store's side of the studio master's log: an apprenticeship's plan and entries,
//! the studio's templates, a plan made from a template and a plan saved back as one
//! (each one transaction), and every apprentice's progress for the studio view.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Result, Store, write};
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::studio::{Apprenticeship, ApprenticeshipStatus};
use crate::domain::studio_log::{self, LogEntry, PlanStage, Progress, StageTemplate};
use crate::domain::{Id, Record, Stored};

/// The hours of an apprenticeship's live entries of one day, but the entry `except`.
pub(super) fn hours_that_day(
    conn: &Connection,
    except: &str,
    apprenticeship: &str,
    date: NaiveDate,
) -> Result<f64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(hours), 0) FROM log_entry
              WHERE apprenticeship = ?1 AND date = ?2 AND id <> ?3 AND deleted_at IS NULL",
        )?
        .query_row(rusqlite::params![apprenticeship, date.to_string(), except], |r| {
            r.get::<_, f64>(0)
        })?)
}

/// Whether another live stage of the apprenticeship's plan has the number `seq`.
pub(super) fn stage_number_taken(
    conn: &Connection,
    except: &str,
    apprenticeship: &str,
    seq: u32,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM plan_stage
              WHERE apprenticeship = ?1 AND seq = ?2 AND id <> ?3 AND deleted_at IS NULL)",
        )?
        .query_row(rusqlite::params![apprenticeship, seq, except], |r| {
            r.get::<_, bool>(0)
        })?)
}

/// What making a plan from a template did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanMade {
    /// The plan was made with this many stages.
    Made(usize),
    /// The apprenticeship has a plan already (this many stages): nothing was written.
    AlreadyPlanned(usize),
    /// The studio has no template for the apprenticeship's occupation.
    NoTemplate,
}

/// One apprenticeship of the studio with its people and its progress.
#[derive(Clone, Debug)]
pub struct ApprenticeProgress {
    pub apprenticeship: Stored<Apprenticeship>,
    pub apprentice: String,
    pub master: String,
    pub progress: Progress,
}

impl Store {
    fn live_by<R: Record>(
        &self,
        condition: &str,
        params: &[&dyn rusqlite::ToSql],
        order: &str,
    ) -> Result<Vec<Stored<R>>> {
        let sql = format!(
            "SELECT * FROM {} WHERE ({condition}) AND deleted_at IS NULL ORDER BY {order}",
            R::KIND.code()
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params, |row| Ok(write::stored_from_row::<R>(row)))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }

    /// An apprenticeship's plan, stage by stage.
    pub fn plan_of(&self, apprenticeship: Id<Apprenticeship>) -> Result<Vec<Stored<PlanStage>>> {
        self.live_by("apprenticeship = ?1", &[&apprenticeship.to_string()], "seq, id")
    }

    /// An apprenticeship's log, newest first.
    pub fn entries_of(&self, apprenticeship: Id<Apprenticeship>) -> Result<Vec<Stored<LogEntry>>> {
        self.live_by(
            "apprenticeship = ?1",
            &[&apprenticeship.to_string()],
            "date DESC, id DESC",
        )
    }

    /// The studio's template for an occupation, stage by stage.
    pub fn template_for(
        &self,
        org: Id<Organisation>,
        occupation: &str,
    ) -> Result<Vec<Stored<StageTemplate>>> {
        self.live_by(
            "org = ?1 AND occupation = ?2",
            &[&org.to_string(), &occupation],
            "seq, id",
        )
    }

    /// The stage numbered `seq` of an apprenticeship's plan.
    pub fn stage_by_seq(
        &self,
        apprenticeship: Id<Apprenticeship>,
        seq: u32,
    ) -> Result<Option<Stored<PlanStage>>> {
        Ok(self
            .live_by::<PlanStage>(
                "apprenticeship = ?1 AND seq = ?2",
                &[&apprenticeship.to_string(), &seq],
                "id",
            )?
            .into_iter()
            .next())
    }

    /// Makes an apprenticeship's plan from its studio's template for its occupation, in
    /// one transaction; an apprenticeship that has a plan keeps it.
    pub fn plan_from_template(&mut self, apprenticeship: Id<Apprenticeship>) -> Result<PlanMade> {
        let a = self.get(apprenticeship)?;
        let existing = self.plan_of(apprenticeship)?.len();
        if existing > 0 {
            return Ok(PlanMade::AlreadyPlanned(existing));
        }
        let template: Vec<StageTemplate> = self
            .template_for(a.record.studio, &a.record.occupation)?
            .into_iter()
            .map(|t| t.record)
            .collect();
        if template.is_empty() {
            return Ok(PlanMade::NoTemplate);
        }
        let stages = studio_log::plan_from_template(apprenticeship, &a.record, &template);
        let n = stages.len();
        self.write(|w| {
            for s in stages {
                w.insert(s)?;
            }
            Ok(())
        })?;
        Ok(PlanMade::Made(n))
    }

    /// Saves an apprenticeship's plan as its studio's template for its occupation,
    /// replacing the template there was (its stages deleted, so the change travels);
    /// one transaction. Returns the number of stages.
    pub fn save_plan_as_template(&mut self, apprenticeship: Id<Apprenticeship>) -> Result<usize> {
        let a = self.get(apprenticeship)?;
        let plan: Vec<PlanStage> = self
            .plan_of(apprenticeship)?
            .into_iter()
            .map(|s| s.record)
            .collect();
        let old = self.template_for(a.record.studio, &a.record.occupation)?;
        let new = studio_log::template_from_plan(a.record.studio, &a.record.occupation, &plan);
        let n = new.len();
        self.write(|w| {
            for t in old {
                w.delete(t.id)?;
            }
            for t in new {
                w.insert(t)?;
            }
            Ok(())
        })?;
        Ok(n)
    }

    /// Every apprenticeship of the studio that is active, or ended within the last
    /// year, with its progress as of `today`: the studio view's table and the
    /// dashboard's overdue stages. Active ones first, then by apprentice.
    pub fn studio_progress(
        &self,
        org: Id<Organisation>,
        today: NaiveDate,
    ) -> Result<Vec<ApprenticeProgress>> {
        let since = today
            .checked_sub_months(chrono::Months::new(12))
            .unwrap_or(NaiveDate::MIN)
            .to_string();
        let apprenticeships: Vec<Stored<Apprenticeship>> = self.live_by(
            "studio = ?1 AND (status = 'active' OR end_date IS NULL OR end_date >= ?2)",
            &[&org.to_string(), &since],
            "start_date, id",
        )?;
        let mut out = Vec::with_capacity(apprenticeships.len());
        for a in apprenticeships {
            let stages = self.plan_of(a.id)?;
            let entries = self.entries_of(a.id)?;
            let stage_refs: Vec<&Stored<PlanStage>> = stages.iter().collect();
            let entry_refs: Vec<&LogEntry> = entries.iter().map(|e| &e.record).collect();
            let progress = studio_log::progress(&a.record, &stage_refs, &entry_refs, today);
            let name = |p: Id<Person>| self.get(p).map(|p| p.record.name).unwrap_or_default();
            out.push(ApprenticeProgress {
                apprentice: name(a.record.apprentice),
                master: name(a.record.master),
                apprenticeship: a,
                progress,
            });
        }
        out.sort_by(|x, y| {
            let active =
                |p: &ApprenticeProgress| p.apprenticeship.record.status != ApprenticeshipStatus::Active;
            (active(x), &x.apprentice).cmp(&(active(y), &y.apprentice))
        });
        Ok(out)
    }
}

impl Store {
    /// Signs off every entry of an apprenticeship not yet signed, dated on or before
    /// `on`, by `by` on `on` (the master's sign-off of the log so far); one transaction.
    /// Returns how many were signed.
    pub fn sign_off_entries(
        &mut self,
        apprenticeship: Id<Apprenticeship>,
        by: Id<Person>,
        on: NaiveDate,
    ) -> Result<usize> {
        let open: Vec<Stored<LogEntry>> = self
            .entries_of(apprenticeship)?
            .into_iter()
            .filter(|e| !e.record.is_signed() && e.record.date <= on)
            .collect();
        let n = open.len();
        if n == 0 {
            return Ok(0);
        }
        self.write(|w| {
            for e in open {
                let signed = LogEntry {
                    signed_by: Some(by),
                    signed_on: Some(on),
                    ..e.record
                };
                w.update(e.id, signed)?;
            }
            Ok(())
        })?;
        Ok(n)
    }
}
