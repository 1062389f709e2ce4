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

/// One sub-item's score, note and linked evidence, to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryWrite {
    pub item: String,
    pub score: Option<f64>,
    pub note: String,
    pub evidence: Vec<String>,
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
        // Both sides in one read: the organisation's (with its linked evidence), then
        // the reviewer's.
        let mut stmt = self.conn().prepare_cached(
            "SELECT item, 0, self_score, note, evidence FROM assessment_entry
              WHERE org = ?1 AND year = ?2 AND scheme = ?3
             UNION ALL
             SELECT item, 1, expert_score, expert_note, NULL FROM assessment_review
              WHERE org = ?1 AND year = ?2 AND scheme = ?3",
        )?;
        let rows = stmt.query_map(rusqlite::params![org.to_string(), year, scheme], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)? == 1,
                r.get::<_, Option<f64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        for row in rows {
            let (item, expert, score, note, evidence) = row?;
            let e = out.entry(item.clone()).or_default();
            if expert {
                e.expert_score = score;
                e.expert_note = note;
            } else {
                e.self_score = score;
                e.note = note;
                e.evidence = serde_json::from_str(evidence.as_deref().unwrap_or("[]"))
                    .map_err(|err| bad(format!("assessment_entry {item}.evidence: {err}")))?;
            }
        }
        Ok(out)
    }

    /// Enters one sub-item's score and note on `side` (and, for the organisation's own
    /// side, the evidence linked by hand), with an audit entry. See
    /// [`Store::set_assessment_entries`].
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
        let one = EntryWrite {
            item: item.to_string(),
            score,
            note: note.to_string(),
            evidence: evidence.to_vec(),
        };
        self.set_assessment_entries(side, org, year, scheme, std::slice::from_ref(&one))
    }

    /// Enters sub-items' scores and notes on `side` in one transaction, each with an
    /// audit entry. A score is kept to one decimal; the caller checks it against the
    /// item's points. The expert side keeps no evidence of its own.
    pub fn set_assessment_entries(
        &mut self,
        side: Side,
        org: Id<Organisation>,
        year: i32,
        scheme: &str,
        entries: &[EntryWrite],
    ) -> Result<()> {
        let org_text = org.to_string();
        self.write(|w| {
            w.get(org)?;
            let now = w.now_text().to_string();
            for e in entries {
                let score = e.score.map(|s| assessment::tenths(s) as f64 / 10.0);
                let note = e.note.trim();
                let evidence = serde_json::to_string(&e.evidence).map_err(|err| bad(err.to_string()))?;
                let table = match side {
                    Side::Own => {
                        w.execute_sql(
                            "INSERT INTO assessment_entry (org, year, scheme, item, self_score, note, evidence, updated_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                             ON CONFLICT (org, year, scheme, item) DO UPDATE SET self_score = excluded.self_score,
                               note = excluded.note, evidence = excluded.evidence, updated_at = excluded.updated_at",
                            rusqlite::params![org_text, year, scheme, e.item, score, note, evidence, now],
                        )?;
                        "assessment_entry"
                    }
                    Side::Expert => {
                        w.execute_sql(
                            "INSERT INTO assessment_review (org, year, scheme, item, expert_score, expert_note, updated_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                             ON CONFLICT (org, year, scheme, item) DO UPDATE SET expert_score = excluded.expert_score,
                               expert_note = excluded.expert_note, updated_at = excluded.updated_at",
                            rusqlite::params![org_text, year, scheme, e.item, score, note, now],
                        )?;
                        "assessment_review"
                    }
                };
                w.audit_raw(
                    "update",
                    table,
                    &format!("{org_text}/{year}/{scheme}/{}", e.item),
                    serde_json::json!({ "score": score, "note": note, "evidence": e.evidence }),
                )?;
            }
            Ok(())
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

/// The scoring sheet's data as a data package carries it: the schemes stored at the
/// sender (a regional department's edited schemes travel to the bases this way) and the
/// self-assessments of the package's organisations. Expert scores never travel.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PackagedAssessments {
    #[serde(default)]
    pub schemes: Vec<PackagedScheme>,
    #[serde(default)]
    pub entries: Vec<PackagedEntry>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PackagedScheme {
    pub key: String,
    /// The scheme's JSON.
    pub body: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PackagedEntry {
    pub org: String,
    pub year: i32,
    pub scheme: String,
    pub item: String,
    pub self_score: Option<f64>,
    pub note: String,
    pub evidence: Vec<String>,
    pub updated_at: String,
}

impl PackagedAssessments {
    pub fn is_empty(&self) -> bool {
        self.schemes.is_empty() && self.entries.is_empty()
    }
}

/// Writes what a package brings, each scheme and entry only where it is newer than the
/// one here (so an older copy never overwrites a later edit, and importing the same
/// package again changes nothing).
pub(super) fn insert_received_assessments(
    tx: &rusqlite::Transaction<'_>,
    a: &PackagedAssessments,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO assessment_scheme (key, body, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
          WHERE excluded.updated_at > assessment_scheme.updated_at",
    )?;
    for s in &a.schemes {
        stmt.execute(rusqlite::params![s.key, s.body, s.updated_at])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO assessment_entry (org, year, scheme, item, self_score, note, evidence, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (org, year, scheme, item) DO UPDATE SET self_score = excluded.self_score,
           note = excluded.note, evidence = excluded.evidence, updated_at = excluded.updated_at
          WHERE excluded.updated_at > assessment_entry.updated_at",
    )?;
    for e in &a.entries {
        let evidence = serde_json::to_string(&e.evidence).map_err(|err| bad(err.to_string()))?;
        stmt.execute(rusqlite::params![
            e.org,
            e.year,
            e.scheme,
            e.item,
            e.self_score,
            e.note,
            evidence,
            e.updated_at
        ])?;
    }
    Ok(())
}

impl Store {
    /// What a package made here carries: every scheme stored here, and the
    /// self-assessments of `orgs`.
    pub fn packaged_assessments(&self, orgs: &[String]) -> Result<PackagedAssessments> {
        let mut out = PackagedAssessments::default();
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT key, body, updated_at FROM assessment_scheme ORDER BY key")?;
        let rows = stmt.query_map([], |r| {
            Ok(PackagedScheme {
                key: r.get(0)?,
                body: r.get(1)?,
                updated_at: r.get(2)?,
            })
        })?;
        for r in rows {
            out.schemes.push(r?);
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT org, year, scheme, item, self_score, note, evidence, updated_at FROM assessment_entry
              WHERE org = ?1 ORDER BY year, scheme, item",
        )?;
        for org in orgs {
            let rows = stmt.query_map([org], |r| {
                Ok((
                    PackagedEntry {
                        org: r.get(0)?,
                        year: r.get(1)?,
                        scheme: r.get(2)?,
                        item: r.get(3)?,
                        self_score: r.get(4)?,
                        note: r.get(5)?,
                        evidence: Vec::new(),
                        updated_at: r.get(7)?,
                    },
                    r.get::<_, String>(6)?,
                ))
            })?;
            for r in rows {
                let (mut e, evidence) = r?;
                e.evidence = serde_json::from_str(&evidence)
                    .map_err(|err| bad(format!("assessment_entry {}: {err}", e.item)))?;
                out.entries.push(e);
            }
        }
        Ok(out)
    }

    /// What of `incoming` is newer than here, each scheme and entry checked first: a
    /// scheme that does not read or breaks its rules, or a score that is not a number of
    /// 0 or more, refuses the package (naming the scheme or the entry).
    pub fn newer_assessments(&self, incoming: &PackagedAssessments) -> Result<PackagedAssessments> {
        let mut out = PackagedAssessments::default();
        for s in &incoming.schemes {
            let scheme: Scheme = serde_json::from_str(&s.body)
                .map_err(|e| bad(format!("assessment_scheme {}: {e}", s.key)))?;
            if scheme.key != s.key {
                return Err(bad(format!(
                    "assessment_scheme {}: the scheme says its key is {}",
                    s.key, scheme.key
                )));
            }
            scheme
                .check()
                .map_err(|p| bad(format!("assessment_scheme {}: {p:?}", s.key)))?;
            let here: Option<String> = self
                .conn()
                .query_row(
                    "SELECT updated_at FROM assessment_scheme WHERE key = ?1",
                    [&s.key],
                    |r| r.get(0),
                )
                .optional()?;
            if here.is_none_or(|h| s.updated_at > h) {
                out.schemes.push(s.clone());
            }
        }
        for e in &incoming.entries {
            if e.self_score.is_some_and(|s| !s.is_finite() || s < 0.0) || e.org.parse::<uuid::Uuid>().is_err()
            {
                return Err(bad(format!(
                    "assessment_entry {}/{}/{}/{}",
                    e.org, e.year, e.scheme, e.item
                )));
            }
            let here: Option<String> = self
                .conn()
                .query_row(
                    "SELECT updated_at FROM assessment_entry WHERE org = ?1 AND year = ?2 AND scheme = ?3 AND item = ?4",
                    rusqlite::params![e.org, e.year, e.scheme, e.item],
                    |r| r.get(0),
                )
                .optional()?;
            if here.is_none_or(|h| e.updated_at > h) {
                out.entries.push(e.clone());
            }
        }
        Ok(out)
    }
}
