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
