//! The scoring sheet's data: schemes (stored as their JSON, the shipped examples when
//! none of that key is stored), each organisation's self-assessment per year and scheme
//! (score, note, evidence linked by hand, per sub-item), and a reviewer's expert scores.
//!
//! Expert scores live in their own table (`assessment_review`), which packages never
//! carry and consolidation never writes, so a new package from a base cannot overwrite
//! what the reviewer entered.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::row::RowError;
use super::{Result, Store, StoreError};
use crate::domain::Id;
use crate::domain::assessment::{self, Entry, Scheme};
use crate::domain::org::{OrgKind, Organisation};

fn bad(message: String) -> StoreError {
    StoreError::Row(RowError::Message(message))
}

/// Which side of the sheet a score is entered on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The organisation's self-assessment (自评).
    Own,
    /// The reviewer's (专家评分), in the regional database.
    Expert,
}

impl Store {
    /// Every scheme: those stored, and the shipped examples whose keys are not stored.
    pub fn schemes(&self) -> Result<Vec<Scheme>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT key, body FROM assessment_scheme ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (key, body) = row?;
            let scheme: Scheme =
                serde_json::from_str(&body).map_err(|e| bad(format!("assessment_scheme {key}: {e}")))?;
            out.push(scheme);
        }
        for kind in OrgKind::ALL {
            let example = assessment::example(*kind);
            if !out.iter().any(|s| s.key == example.key) {
                out.push(example);
            }
        }
        Ok(out)
    }

    /// The scheme with `key`, or (without one) the first stored scheme for `kind`, else
    /// the example for `kind`.
    pub fn scheme_for(&self, kind: OrgKind, key: Option<&str>) -> Result<Option<Scheme>> {
        let all = self.schemes()?;
        Ok(match key {
            Some(k) => all.into_iter().find(|s| s.key == k),
            None => {
                let stored = all
                    .iter()
                    .find(|s| s.applies_to == kind && !s.issuer.contains(assessment::EXAMPLE_LABEL))
                    .cloned();
                stored.or_else(|| all.into_iter().find(|s| s.applies_to == kind))
            }
        })
    }

    /// Saves a scheme (replacing the one of its key), checked first, with an audit entry.
    pub fn save_scheme(&mut self, scheme: &Scheme) -> Result<()> {
        scheme
            .check()
            .map_err(|p| bad(format!("assessment_scheme {}: {p:?}", scheme.key)))?;
        let body = serde_json::to_string(scheme).map_err(|e| bad(e.to_string()))?;
        let key = scheme.key.clone();
        self.write(|w| {
            w.execute_sql(
                "INSERT INTO assessment_scheme (key, body, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                rusqlite::params![key, body, w.now_text()],
            )?;
            w.audit_raw(
                "update",
                "assessment_scheme",
                &key,
                serde_json::json!({ "body": body }),
            )
        })
    }

    /// What was entered for each sub-item of `scheme` for `org`'s `year`, by item key.
    pub fn assessment_entries(
        &self,
        org: Id<Organisation>,
        year: i32,
        scheme: &str,
    ) -> Result<HashMap<String, Entry>> {
        let mut out: HashMap<String, Entry> = HashMap::new();
        let params = rusqlite::params![org.to_string(), year, scheme];
        let mut stmt = self.conn().prepare_cached(
            "SELECT item, self_score, note, evidence FROM assessment_entry
              WHERE org = ?1 AND year = ?2 AND scheme = ?3",
        )?;
        let rows = stmt.query_map(params, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<f64>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (item, score, note, evidence) = row?;
            let e = out.entry(item.clone()).or_default();
            e.self_score = score;
            e.note = note;
            e.evidence = serde_json::from_str(&evidence)
                .map_err(|err| bad(format!("assessment_entry {item}.evidence: {err}")))?;
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT item, expert_score, expert_note FROM assessment_review
              WHERE org = ?1 AND year = ?2 AND scheme = ?3",
        )?;
        let rows = stmt.query_map(params, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<f64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (item, score, note) = row?;
            let e = out.entry(item).or_default();
            e.expert_score = score;
            e.expert_note = note;
        }
        Ok(out)
    }

    /// Enters one sub-item's score and note on `side` (and, for the organisation's own
    /// side, the evidence linked by hand), with an audit entry. The score is kept to one
    /// decimal; the caller checks it against the item's points.
    #[allow(clippy::too_many_arguments)]
    pub fn set_assessment_entry(
        &mut self,
        side: Side,
        org: Id<Organisation>,
        year: i32,
        scheme: &str,
        item: &str,
        score: Option<f64>,
        note: &str,
        evidence: &[String],
    ) -> Result<()> {
        let score = score.map(|s| assessment::tenths(s) as f64 / 10.0);
        let evidence = serde_json::to_string(evidence).map_err(|e| bad(e.to_string()))?;
        let (org_text, scheme, item, note) = (
            org.to_string(),
            scheme.to_string(),
            item.to_string(),
            note.trim().to_string(),
        );
        self.write(|w| {
            w.get(org)?;
            let now = w.now_text().to_string();
            match side {
                Side::Own => w.execute_sql(
                    "INSERT INTO assessment_entry (org, year, scheme, item, self_score, note, evidence, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (org, year, scheme, item) DO UPDATE SET self_score = excluded.self_score,
                       note = excluded.note, evidence = excluded.evidence, updated_at = excluded.updated_at",
                    rusqlite::params![org_text, year, scheme, item, score, note, evidence, now],
                )?,
                Side::Expert => w.execute_sql(
                    "INSERT INTO assessment_review (org, year, scheme, item, expert_score, expert_note, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (org, year, scheme, item) DO UPDATE SET expert_score = excluded.expert_score,
                       expert_note = excluded.expert_note, updated_at = excluded.updated_at",
                    rusqlite::params![org_text, year, scheme, item, score, note, now],
                )?,
            }
            let table = match side {
                Side::Own => "assessment_entry",
                Side::Expert => "assessment_review",
            };
            w.audit_raw(
                "update",
                table,
                &format!("{org_text}/{year}/{scheme}/{item}"),
                serde_json::json!({ "score": score, "note": note }),
            )
        })
    }

    /// Whether anything was entered for `org`'s `year` under `scheme` on either side.
    pub fn has_assessment(&self, org: Id<Organisation>, year: i32, scheme: &str) -> Result<bool> {
        Ok(self
            .conn()
            .query_row(
                "SELECT 1 FROM assessment_entry WHERE org = ?1 AND year = ?2 AND scheme = ?3
                 UNION ALL SELECT 1 FROM assessment_review WHERE org = ?1 AND year = ?2 AND scheme = ?3 LIMIT 1",
                rusqlite::params![org.to_string(), year, scheme],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}
