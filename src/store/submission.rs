//! Submitted returns: marking one, finding the latest, and the year's records changed since.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::{Result, Store, StoreError, timestamp};
use crate::domain::Id;
use crate::domain::org::Organisation;
use crate::domain::year::Submission;

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Submission, String, String)> {
    let org: String = r.get("org")?;
    let at: String = r.get("submitted_at")?;
    Ok((
        Submission {
            id: r.get("id")?,
            org: Id::default(),
            year: r.get("year")?,
            submitted_at: DateTime::<Utc>::MIN_UTC,
            profile: r.get("profile")?,
            install_id: r.get("install_id")?,
            change_seq: r.get("change_seq")?,
            verification: r.get("verification")?,
            figures: r.get("figures")?,
        },
        org,
        at,
    ))
}

fn finish((mut s, org, at): (Submission, String, String)) -> Result<Submission> {
    let bad = |column: &str, e: String| {
        StoreError::Row(super::row::RowError::Column {
            column: column.to_string(),
            message: e,
        })
    };
    s.org = org.parse().map_err(|e: uuid::Error| bad("org", e.to_string()))?;
    s.submitted_at = DateTime::parse_from_rfc3339(&at)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| bad("submitted_at", e.to_string()))?;
    Ok(s)
}

impl Store {
    /// Records that `figures` (a return's JSON companion, with its verification code) was
    /// submitted for `org`'s `year`, with an audit entry, in one transaction.
    pub fn record_submission(
        &mut self,
        org: Id<Organisation>,
        year: i32,
        figures: &str,
        verification: &str,
    ) -> Result<Submission> {
        let id = uuid::Uuid::now_v7().hyphenated().to_string();
        let now = Utc::now();
        let author = self.author.clone();
        self.write(|w| {
            w.get(org)?;
            let seq = w.change_seq();
            w.execute_sql(
                "INSERT INTO submission (id, org, year, submitted_at, install_id, profile, change_seq, verification, figures)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                rusqlite::params![id, org.to_string(), year, timestamp(now), author.install_id, author.profile, seq, verification, figures],
            )?;
            w.audit_raw(
                "create",
                "submission",
                &id,
                serde_json::json!({ "org": org.to_string(), "year": year, "verification": verification }),
            )?;
            Ok(())
        })?;
        self.latest_submission(org, year)?.ok_or(StoreError::NotFound {
            kind: crate::domain::RecordKind::Organisation,
            id: org.to_string(),
        })
    }

    /// The most recent submission of `org`'s `year`, if any.
    pub fn latest_submission(&self, org: Id<Organisation>, year: i32) -> Result<Option<Submission>> {
        let found = self
            .conn()
            .prepare_cached("SELECT * FROM submission WHERE org = ?1 AND year = ?2 ORDER BY submitted_at DESC, id DESC LIMIT 1")?
            .query_row(rusqlite::params![org.to_string(), year], from_row)
            .optional()?;
        found.map(finish).transpose()
    }
}

/// A submitted return as a data package carries it, and as a receiving database keeps it
/// (`received_submission`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SubmittedReturn {
    /// The submission's id where it was made.
    pub id: String,
    pub org: String,
    pub year: i32,
    /// `final` or `correction`, as the return's own JSON says (`final` for a return made
    /// before the status was part of it).
    pub status: String,
    pub submitted_at: String,
    pub verification: String,
    /// The submitted `return.json`.
    pub figures: String,
}

impl SubmittedReturn {
    /// Whether `verification` is the code of `figures`.
    pub fn is_intact(&self) -> bool {
        crate::domain::year::verification_code(&self.figures) == self.verification
    }
}

fn status_of(figures: &str) -> String {
    serde_json::from_str::<serde_json::Value>(figures)
        .ok()
        .and_then(|v| v["document"]["status"].as_str().map(str::to_string))
        .unwrap_or_else(|| "final".into())
}

/// Adds submitted returns brought by package `package_id` (one already here is left as
/// it is), inside the caller's transaction.
pub(super) fn insert_received(
    tx: &rusqlite::Transaction<'_>,
    returns: &[SubmittedReturn],
    package_id: &str,
    now: &str,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO received_submission
           (id, org, year, status, submitted_at, verification, figures, package_id, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for r in returns {
        stmt.execute(rusqlite::params![
            r.id,
            r.org,
            r.year,
            r.status,
            r.submitted_at,
            r.verification,
            r.figures,
            package_id,
            now
        ])?;
    }
    Ok(())
}

impl Store {
    /// Every submission of `org`'s `year`, oldest first.
    pub fn submissions(&self, org: Id<Organisation>, year: i32) -> Result<Vec<Submission>> {
        let rows = self
            .conn()
            .prepare_cached(
                "SELECT * FROM submission WHERE org = ?1 AND year = ?2 ORDER BY submitted_at, id",
            )?
            .query_map(rusqlite::params![org.to_string(), year], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(finish).collect()
    }

    /// The submission recorded with this verification code, if any.
    pub fn submission_by_code(&self, code: &str) -> Result<Option<Submission>> {
        let found = self
            .conn()
            .prepare_cached("SELECT * FROM submission WHERE verification = ?1 ORDER BY submitted_at LIMIT 1")?
            .query_row([code], from_row)
            .optional()?;
        found.map(finish).transpose()
    }

    /// The ids of every submission here, made here or received.
    pub fn submission_ids(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM submission UNION SELECT id FROM received_submission")?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// The returns submitted for these organisations, made here or received in packages,
    /// each once, oldest first: what a data package of them carries.
    pub fn submitted_returns(&self, orgs: &[String]) -> Result<Vec<SubmittedReturn>> {
        let list = serde_json::to_string(orgs)
            .map_err(|e| StoreError::Row(super::row::RowError::Message(e.to_string())))?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, org, year, NULL, submitted_at, verification, figures FROM submission
               WHERE org IN (SELECT value FROM json_each(?1))
             UNION ALL
             SELECT id, org, year, status, submitted_at, verification, figures FROM received_submission
               WHERE org IN (SELECT value FROM json_each(?1))
                 AND id NOT IN (SELECT id FROM submission)
             ORDER BY 5, 1",
        )?;
        let rows = stmt.query_map([list], |r| {
            let figures: String = r.get(6)?;
            Ok(SubmittedReturn {
                id: r.get(0)?,
                org: r.get(1)?,
                year: r.get(2)?,
                status: r
                    .get::<_, Option<String>>(3)?
                    .unwrap_or_else(|| status_of(&figures)),
                submitted_at: r.get(4)?,
                verification: r.get(5)?,
                figures,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
