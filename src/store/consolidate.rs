//! The regional consolidation's store: a reviewer's database holds many organisations'
//! records as they were in their data packages. Loading an organisation's package
//! replaces what an earlier package of it brought (its own records absent from the new
//! package become tombstones; the people only it named, with their certificates, too),
//! while a record another organisation's package also brought stays. The regional
//! counts (distinct people by document across every organisation) are read here.

use std::collections::{HashMap, HashSet};

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::exchange::{RawRecord, insert_row_sql, row_params, update_row_sql};
use super::{BOOKKEEPING_COLUMNS, Result, Store, StoreError, timestamp};
use crate::domain::RecordKind;
use crate::domain::grade::SkillGrade;

/// The `meta` key that marks a reviewer's consolidation database.
const ROLE_KEY: &str = "role";
const ROLE_CONSOLIDATION: &str = "consolidation";

/// One organisation's latest load.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ConsolidationLoad {
    pub org: String,
    pub package_id: String,
    pub source_install: String,
    pub exported_at: String,
    pub loaded_at: String,
    pub file_name: String,
    pub sha256: String,
    pub records: u64,
}

/// One package to load: the organisations it is complete for and its records.
pub struct PackageLoad {
    /// The organisations whose records this package holds completely.
    pub orgs: Vec<String>,
    pub records: Vec<RawRecord>,
    pub package_id: String,
    pub source_install: String,
    pub exported_at: String,
    pub file_name: String,
    pub sha256: String,
    /// The returns the package's organisations marked as submitted.
    pub submissions: Vec<super::SubmittedReturn>,
    /// The schemes and self-assessments it carries.
    pub assessments: super::PackagedAssessments,
    /// The evidence attached to its records, and the files (SHA-256, bytes).
    pub attachments: Vec<super::AttachmentRow>,
    pub files: Vec<(String, Vec<u8>)>,
}

/// What loading one package did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct LoadOutcome {
    pub file_name: String,
    pub added: u64,
    pub replaced: u64,
    /// Records an earlier package of the same organisation brought that this one no
    /// longer holds: kept as tombstones.
    pub withdrawn: u64,
}

/// A document held by people in more than one organisation.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SharedPerson {
    pub doc_type: String,
    pub doc_number: String,
    pub name: String,
    /// The organisations' ids.
    pub orgs: Vec<String>,
    /// How many person records hold the document (2 or more when entered independently).
    pub records: u64,
}

/// The region-wide counts of one year (see `i18n::*::region` for each definition).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct RegionalCounts {
    pub people: u64,
    pub high_skill_stock: u64,
    pub technicians_stock: u64,
    pub new_high_skill: u64,
    pub leading_talents: u64,
    pub leading_talents_3y: u64,
    pub shortage_technicians: u64,
    pub shortage_technicians_3y: u64,
    pub on_post_trainees: u64,
    pub competition_occupations: u64,
    pub competitors: u64,
    pub integrated_teachers_3y: u64,
    pub region_bases: u64,
    pub national_bases: u64,
    pub region_studios: u64,
    pub national_studios: u64,
    pub shared_documents: u64,
}

/// The tables whose `org` (or `studio`) column names an organisation.
const OWN: &[(&str, &str)] = &[
    ("course_package", "org"),
    ("facility", "org"),
    ("cohort", "org"),
    ("capacity_declaration", "org"),
    ("public_service", "org"),
    ("achievement", "org"),
    ("teacher", "org"),
    ("competition", "org"),
    ("award", "org"),
    ("fund", "org"),
    ("apprenticeship", "studio"),
    ("stage_template", "org"),
];

const CHILDREN: &[(&str, &str, &str)] = &[
    ("enrolment", "cohort", "cohort"),
    ("facility_occupation", "facility", "facility"),
    ("teacher_training", "teacher", "teacher"),
    ("plan_stage", "apprenticeship", "apprenticeship"),
    ("log_entry", "apprenticeship", "apprenticeship"),
];

/// Live records naming a person, for "is anybody still using this person".
const PERSON_LINKS: &str = "
    SELECT e.person AS person, c.org AS org FROM enrolment e JOIN cohort c ON c.id = e.cohort
        WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL
    UNION SELECT apprentice, studio FROM apprenticeship WHERE deleted_at IS NULL
    UNION SELECT master, studio FROM apprenticeship WHERE deleted_at IS NULL
    UNION SELECT person, org FROM teacher WHERE deleted_at IS NULL
    UNION SELECT person, org FROM award WHERE deleted_at IS NULL AND person IS NOT NULL
    UNION SELECT master, id FROM organisation WHERE deleted_at IS NULL AND master IS NOT NULL";

fn codes(grades: impl Iterator<Item = SkillGrade>) -> String {
    let list: Vec<&str> = grades.map(|g| g.code()).collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
}

fn count(conn: &rusqlite::Connection, sql: &str, params: impl rusqlite::Params) -> Result<u64> {
    let n: i64 = conn.query_row(sql, params, |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

impl Store {
    /// Whether this is a reviewer's consolidation database.
    pub fn is_consolidation(&self) -> Result<bool> {
        let role: Option<String> = self
            .conn()
            .query_row("SELECT value FROM meta WHERE key = ?1", [ROLE_KEY], |r| r.get(0))
            .optional()?;
        Ok(role.as_deref() == Some(ROLE_CONSOLIDATION))
    }

    /// Each organisation's latest load, by organisation name.
    pub fn consolidation_loads(&self) -> Result<Vec<ConsolidationLoad>> {
        let mut stmt = self.conn().prepare(
            "SELECT l.org, l.package_id, l.source_install, l.exported_at, l.loaded_at, l.file_name, l.sha256, l.records
             FROM consolidation_load l LEFT JOIN organisation o ON o.id = l.org ORDER BY o.name, l.org",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ConsolidationLoad {
                org: r.get(0)?,
                package_id: r.get(1)?,
                source_install: r.get(2)?,
                exported_at: r.get(3)?,
                loaded_at: r.get(4)?,
                file_name: r.get(5)?,
                sha256: r.get(6)?,
                records: r.get::<_, i64>(7)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Loads packages into this consolidation database, all in one transaction (one bad
    /// package, and nothing is loaded). `next` hands over the packages one at a time (so
    /// they can be decoded on another thread while the previous one is written); an `Err`
    /// from it rolls everything back. A database holding records of its own (not
    /// loaded from packages; the indicator sets a regional department defined before
    /// loading any are not) is refused.
    pub fn load_packages<E>(
        &mut self,
        mut next: impl FnMut() -> Option<std::result::Result<PackageLoad, E>>,
        progress: &dyn crate::progress::Progress,
    ) -> Result<std::result::Result<Vec<LoadOutcome>, E>> {
        if !self.is_consolidation()? && !self.holds_only_indicator_sets()? {
            return Err(StoreError::NotConsolidation);
        }
        let mut columns: HashMap<RecordKind, Vec<String>> = HashMap::new();
        for kind in RecordKind::ALL {
            columns.insert(*kind, self.field_columns(*kind)?);
        }
        let mut failure = None;
        let outcome = self.write(|w| {
            let tx = w.tx();
            tx.pragma_update(None, "cache_size", -super::BULK_CACHE_KIB)?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [ROLE_KEY, ROLE_CONSOLIDATION],
            )?;
            let seq = w.change_seq();
            let now = timestamp(w.now());
            let mut outcomes = Vec::new();
            while let Some(package) = next() {
                let package = match package {
                    Ok(p) => p,
                    Err(e) => {
                        failure = Some(e);
                        return Err(StoreError::NotConsolidation);
                    }
                };
                progress.stage(&package.file_name, package.records.len() as u64);
                let outcome = load_one(tx, &columns, &package, seq, &now, progress)?;
                super::submission::insert_received(tx, &package.submissions, &package.package_id, &now)?;
                super::assessment::insert_received_assessments(tx, &package.assessments)?;
                let attachments = super::attachments::write_loaded(tx, &package.attachments, &package.files, seq)?;
                w.audit_event(
                    "consolidate",
                    serde_json::json!({
                        "package": package.package_id,
                        "file": package.file_name,
                        "source_install": package.source_install,
                        "orgs": package.orgs,
                        "added": outcome.added,
                        "replaced": outcome.replaced,
                        "withdrawn": outcome.withdrawn,
                        "attachments": attachments,
                    }),
                )?;
                outcomes.push(outcome);
            }
            Ok(outcomes)
        });
        self.conn().pragma_update(None, "cache_size", -super::CACHE_KIB)?;
        if let Some(e) = failure {
            return Ok(Err(e));
        }
        let outcomes = outcome?;
        self.conn()
            .execute_batch("PRAGMA analysis_limit = 1000; ANALYZE;")?;
        Ok(Ok(outcomes))
    }

    /// The latest return `org` marked as submitted for `year`, as its packages brought it.
    pub fn received_submission(&self, org: &str, year: i32) -> Result<Option<super::SubmittedReturn>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, org, year, status, submitted_at, verification, figures FROM received_submission
                 WHERE org = ?1 AND year = ?2 ORDER BY submitted_at DESC, id DESC LIMIT 1",
            )?
            .query_row(rusqlite::params![org, year], |r| {
                Ok(super::SubmittedReturn {
                    id: r.get(0)?,
                    org: r.get(1)?,
                    year: r.get(2)?,
                    status: r.get(3)?,
                    submitted_at: r.get(4)?,
                    verification: r.get(5)?,
                    figures: r.get(6)?,
                })
            })
            .optional()?)
    }

    /// The organisations whose live records name each of `people` (by person id).
    pub fn orgs_naming(&self, people: &[String]) -> Result<HashMap<String, HashSet<String>>> {
        let list = serde_json::to_string(people)
            .map_err(|e| StoreError::Row(super::row::RowError::Message(e.to_string())))?;
        let mut stmt = self.conn().prepare(&format!(
            "WITH links AS ({PERSON_LINKS})
             SELECT person, org FROM links WHERE person IN (SELECT value FROM json_each(?1))"
        ))?;
        let rows = stmt.query_map([list], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out: HashMap<String, HashSet<String>> = HashMap::new();
        for row in rows {
            let (person, org) = row?;
            out.entry(person).or_default().insert(org);
        }
        Ok(out)
    }

    /// Documents held by people in more than one organisation (by the records naming
    /// them: enrolments, apprenticeships, teachers, awards, studio masters).
    pub fn people_in_several_orgs(&self) -> Result<Vec<SharedPerson>> {
        let mut stmt = self.conn().prepare(&format!(
            "WITH links AS ({PERSON_LINKS})
             SELECT p.doc_type, p.doc_number, min(p.name), group_concat(DISTINCT l.org), count(DISTINCT p.id)
             FROM links l JOIN person p ON p.id = l.person AND p.deleted_at IS NULL
             GROUP BY p.doc_type, p.doc_number HAVING count(DISTINCT l.org) > 1
             ORDER BY p.doc_number"
        ))?;
        let rows = stmt.query_map([], |r| {
            let orgs: String = r.get(3)?;
            Ok(SharedPerson {
                doc_type: r.get(0)?,
                doc_number: r.get(1)?,
                name: r.get(2)?,
                orgs: orgs.split(',').map(str::to_string).collect(),
                records: r.get::<_, i64>(4)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The region-wide counts for `year`: people counted once per document.
    pub fn regional_counts(&self, year: i32) -> Result<RegionalCounts> {
        let c = self.conn();
        let first = format!("{year:04}-01-01");
        let last = format!("{year:04}-12-31");
        let first_3y = format!("{:04}-01-01", year - 2);
        let high = codes(SkillGrade::ALL.iter().copied().filter(|g| g.is_high_skill()));
        let tech = codes(
            SkillGrade::ALL
                .iter()
                .copied()
                .filter(|g| *g >= SkillGrade::Technician),
        );
        let doc = "p.doc_type || ':' || p.doc_number";
        let stock = format!(
            "SELECT count(DISTINCT {doc}) FROM qualification q JOIN person p ON p.id = q.person
             WHERE q.deleted_at IS NULL AND p.deleted_at IS NULL
               AND q.grade IN (SELECT value FROM json_each(?1)) AND q.issued_on <= ?2"
        );
        let passed = format!(
            "SELECT count(DISTINCT {doc}) FROM enrolment e JOIN cohort c ON c.id = e.cohort
               JOIN person p ON p.id = e.person
             WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL AND p.deleted_at IS NULL
               AND c.programme = ?1 AND e.status = 'completed' AND e.result = 'passed'
               AND e.completed_on >= ?2 AND e.completed_on <= ?3"
        );
        let orgs = "SELECT count(*) FROM organisation o JOIN consolidation_load l ON l.org = o.id
                    WHERE o.deleted_at IS NULL AND o.kind = ?1 AND o.tier = ?2";
        Ok(RegionalCounts {
            people: count(
                c,
                &format!("SELECT count(DISTINCT {doc}) FROM person p WHERE p.deleted_at IS NULL"),
                [],
            )?,
            high_skill_stock: count(c, &stock, [&high, &last])?,
            technicians_stock: count(c, &stock, [&tech, &last])?,
            new_high_skill: count(
                c,
                &format!(
                    "SELECT count(*) FROM (SELECT min(q.issued_on) AS first FROM qualification q
                       JOIN person p ON p.id = q.person
                     WHERE q.deleted_at IS NULL AND p.deleted_at IS NULL
                       AND q.grade IN (SELECT value FROM json_each(?1))
                     GROUP BY {doc}) WHERE first >= ?2 AND first <= ?3"
                ),
                [&high, &first, &last],
            )?,
            leading_talents: count(c, &passed, ["leading_100", &first, &last])?,
            leading_talents_3y: count(c, &passed, ["leading_100", &first_3y, &last])?,
            shortage_technicians: count(c, &passed, ["shortage_1000", &first, &last])?,
            shortage_technicians_3y: count(c, &passed, ["shortage_1000", &first_3y, &last])?,
            on_post_trainees: count(
                c,
                &format!(
                    "SELECT count(DISTINCT {doc}) FROM enrolment e JOIN cohort c ON c.id = e.cohort
                       JOIN person p ON p.id = e.person
                     WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL AND p.deleted_at IS NULL
                       AND c.mode = 'on_post' AND c.start_date <= ?2 AND c.end_date >= ?1"
                ),
                [&first, &last],
            )?,
            competition_occupations: count(
                c,
                "SELECT count(DISTINCT occupation) FROM competition
                 WHERE deleted_at IS NULL AND occupation IS NOT NULL AND date >= ?1 AND date <= ?2",
                [&first, &last],
            )?,
            competitors: count(
                c,
                "SELECT coalesce(sum(participants), 0) FROM competition
                 WHERE deleted_at IS NULL AND date >= ?1 AND date <= ?2",
                [&first, &last],
            )?,
            integrated_teachers_3y: count(
                c,
                &format!(
                    "SELECT count(DISTINCT {doc}) FROM teacher t JOIN person p ON p.id = t.person
                     WHERE t.deleted_at IS NULL AND p.deleted_at IS NULL AND t.integrated = 1
                       AND (t.since IS NULL OR t.since <= ?2) AND (t.until IS NULL OR t.until >= ?1)"
                ),
                [&first_3y, &last],
            )?,
            region_bases: count(c, orgs, ["training_base", "region"])?,
            national_bases: count(c, orgs, ["training_base", "national"])?,
            region_studios: count(c, orgs, ["master_studio", "region"])?,
            national_studios: count(c, orgs, ["master_studio", "national"])?,
            shared_documents: count(
                c,
                &format!(
                    "WITH links AS ({PERSON_LINKS})
                     SELECT count(*) FROM (SELECT 1 FROM links l JOIN person p ON p.id = l.person
                       AND p.deleted_at IS NULL GROUP BY p.doc_type, p.doc_number
                       HAVING count(DISTINCT l.org) > 1)"
                ),
                [],
            )?,
        })
    }
}

/// The ids of an organisation's own records here (by `org`/`studio`, and their children).
fn own_ids(tx: &rusqlite::Transaction<'_>, org: &str) -> Result<HashMap<RecordKind, HashSet<String>>> {
    let mut out: HashMap<RecordKind, HashSet<String>> = HashMap::new();
    let mut collect = |kind: &str, sql: &str| -> Result<()> {
        let mut stmt = tx.prepare_cached(sql)?;
        let ids = stmt.query_map([org], |r| r.get::<_, String>(0))?;
        let set = out
            .entry(RecordKind::from_code(kind).unwrap_or(RecordKind::Organisation))
            .or_default();
        for id in ids {
            set.insert(id?);
        }
        Ok(())
    };
    collect("organisation", "SELECT id FROM organisation WHERE id = ?1")?;
    for (t, col) in OWN {
        collect(t, &format!("SELECT id FROM {t} WHERE {col} = ?1"))?;
    }
    for (t, col, parent) in CHILDREN {
        let (pt, pcol) = OWN
            .iter()
            .find(|(p, _)| p == parent)
            .copied()
            .unwrap_or(("cohort", "org"));
        collect(
            t,
            &format!("SELECT id FROM {t} WHERE {col} IN (SELECT id FROM {pt} WHERE {pcol} = ?1)"),
        )?;
    }
    Ok(out)
}

/// The people an organisation's own records name here.
fn org_people(tx: &rusqlite::Transaction<'_>, org: &str) -> Result<HashSet<String>> {
    let mut stmt = tx.prepare_cached(&format!("SELECT person FROM ({PERSON_LINKS}) WHERE org = ?1"))?;
    let ids = stmt.query_map([org], |r| r.get::<_, String>(0))?;
    Ok(ids.collect::<rusqlite::Result<HashSet<_>>>()?)
}

fn load_one(
    tx: &rusqlite::Transaction<'_>,
    columns: &HashMap<RecordKind, Vec<String>>,
    package: &PackageLoad,
    seq: i64,
    now: &str,
    progress: &dyn crate::progress::Progress,
) -> Result<LoadOutcome> {
    let mut outcome = LoadOutcome {
        file_name: package.file_name.clone(),
        ..LoadOutcome::default()
    };
    // What earlier packages of these organisations brought.
    // Per organisation: its own records by register, and the people it named.
    type Before = (HashMap<RecordKind, HashSet<String>>, HashSet<String>);
    let mut before: Vec<Before> = Vec::new();
    for org in &package.orgs {
        before.push((own_ids(tx, org)?, org_people(tx, org)?));
    }
    let mut incoming: HashMap<RecordKind, Vec<&RawRecord>> = HashMap::new();
    for r in &package.records {
        incoming.entry(r.kind).or_default().push(r);
    }
    // One id is one record: never a record of another register already here.
    {
        let kinds: HashMap<&str, RecordKind> =
            package.records.iter().map(|r| (r.id.as_str(), r.kind)).collect();
        let ids: Vec<&str> = kinds.keys().copied().collect();
        for (id, other) in super::exchange::registers_of(tx, &ids)? {
            if let Some(kind) = kinds.get(id.as_str()).copied()
                && kind != other
            {
                return Err(StoreError::IdOfAnotherRegister { kind, id, other });
            }
        }
    }
    let ids_in_package: HashSet<&str> = package.records.iter().map(|r| r.id.as_str()).collect();
    // The covered organisations' own records take the package's version; a record another
    // organisation owns (brought along because it is referred to) only a newer version.
    let own_before: HashSet<&str> = before
        .iter()
        .flat_map(|(own, _)| own.values().flatten().map(String::as_str))
        .collect();
    for kind in RecordKind::ALL {
        let Some(records) = incoming.get(kind) else {
            continue;
        };
        let names = &columns[kind];
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        let existing: HashSet<String> = {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT id FROM {} WHERE id IN (SELECT value FROM json_each(?1))",
                kind.code()
            ))?;
            let list = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
            let rows = stmt.query_map([list], |r| r.get::<_, String>(0))?;
            rows.collect::<rusqlite::Result<HashSet<_>>>()?
        };
        let n = BOOKKEEPING_COLUMNS.len() + names.len();
        let mut insert = tx.prepare_cached(&insert_row_sql(*kind, names))?;
        let mut update = tx.prepare_cached(&update_row_sql(
            *kind,
            names,
            &format!(" AND (?{} OR updated_at <= ?3)", n + 1),
        ))?;
        for r in records {
            let mut params = row_params(r, seq)?;
            if existing.contains(&r.id) {
                params.push(Value::Integer(own_before.contains(r.id.as_str()) as i64));
                outcome.replaced += update.execute(rusqlite::params_from_iter(params))? as u64;
            } else {
                insert.execute(rusqlite::params_from_iter(params))?;
                outcome.added += 1;
            }
        }
        progress.advance(records.len() as u64);
    }
    // An organisation's own records its new package no longer holds, and the people
    // (with their certificates) nobody names any more: tombstones.
    let withdraw = |kind: RecordKind, id: &str| -> Result<u64> {
        Ok(tx
            .prepare_cached(&format!(
                "UPDATE {} SET deleted_at = ?1, updated_at = ?1, change_seq = ?2, rev = rev + 1
                 WHERE id = ?3 AND deleted_at IS NULL",
                kind.code()
            ))?
            .execute(rusqlite::params![now, seq, id])? as u64)
    };
    for (own, people) in &before {
        for (kind, ids) in own {
            for id in ids {
                if !ids_in_package.contains(id.as_str()) {
                    outcome.withdrawn += withdraw(*kind, id)?;
                }
            }
        }
        for person in people {
            if ids_in_package.contains(person.as_str()) {
                continue;
            }
            let named: Option<i64> = tx
                .prepare_cached(&format!(
                    "SELECT 1 FROM ({PERSON_LINKS}) WHERE person = ?1 LIMIT 1"
                ))?
                .query_row([person], |r| r.get(0))
                .optional()?;
            if named.is_none() {
                outcome.withdrawn += withdraw(RecordKind::Person, person)?;
                let quals: Vec<String> = {
                    let mut stmt = tx.prepare_cached(
                        "SELECT id FROM qualification WHERE person = ?1 AND deleted_at IS NULL",
                    )?;
                    let rows = stmt.query_map([person], |r| r.get::<_, String>(0))?;
                    rows.collect::<rusqlite::Result<Vec<_>>>()?
                };
                for q in quals {
                    if !ids_in_package.contains(q.as_str()) {
                        outcome.withdrawn += withdraw(RecordKind::Qualification, &q)?;
                    }
                }
            }
        }
    }
    for org in &package.orgs {
        tx.execute(
            "INSERT INTO consolidation_load (org, package_id, source_install, exported_at, loaded_at, file_name, sha256, records)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(org) DO UPDATE SET package_id = excluded.package_id, source_install = excluded.source_install,
               exported_at = excluded.exported_at, loaded_at = excluded.loaded_at, file_name = excluded.file_name,
               sha256 = excluded.sha256, records = excluded.records",
            rusqlite::params![
                org,
                package.package_id,
                package.source_install,
                package.exported_at,
                now,
                package.file_name,
                package.sha256,
                package.records.len() as i64
            ],
        )?;
    }
    Ok(outcome)
}
