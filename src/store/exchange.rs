//! The store's side of data exchange: records read as plain column values for a data
//! package (one organisation's records and everything they refer to, or everything;
//! complete or changed since a change number), what merging needs to know of the records
//! here (their columns, the version hashes each is known to supersede, person aliases,
//! live people by document), and the one transaction a merge writes in.
//!
//! Records travel as [`RawRecord`]s: the bookkeeping columns and the field columns as JSON
//! values, in the table's column order. Nothing here decides what to merge: that is
//! `packages::merge`, which is pure.

use std::collections::{HashMap, HashSet};

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::row::{json_to_value, value_to_json};
use super::{BOOKKEEPING_COLUMNS, Result, Store, StoreError, timestamp};
use crate::domain::RecordKind;

/// One record as a package carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct RawRecord {
    pub kind: RecordKind,
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
    pub rev: i64,
    pub changed_by: String,
    /// The field columns, in the order of [`Store::field_columns`].
    pub fields: Vec<serde_json::Value>,
}

impl RawRecord {
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }
}

/// Which records a package holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Every record of the database.
    Everything,
    /// One organisation's records (those naming it in `org`/`studio`, their enrolments,
    /// facility occupations and teacher training, the people they name and those people's
    /// qualifications). With the database's indicator sets, which are every
    /// organisation's.
    Organisation(uuid::Uuid),
    /// Only the indicator sets and their indicators: what a regional department sends
    /// to the bases and studios (from a consolidation database too, without anybody's
    /// records).
    IndicatorSets,
}

/// The registers of the indicator sets (see `store::indicators`): in every package.
const INDICATOR_TABLES: &[&str] = &["indicator_set", "indicator"];

/// A package sent, as `--since-last-to NAME` remembers it.
#[derive(Clone, Debug, PartialEq)]
pub struct SentPackage {
    pub package_id: String,
    pub recipient: Option<String>,
    pub sent_at: String,
    /// The database's change number when the package was made: the next package to the
    /// same recipient holds the records written after it.
    pub change_seq: i64,
    pub org: Option<String>,
    pub complete: bool,
    pub file_name: String,
    pub records: u64,
}

/// A package imported.
#[derive(Clone, Debug, PartialEq)]
pub struct ReceivedPackage {
    pub package_id: String,
    pub source_install: String,
    pub created_at: String,
    pub imported_at: String,
    pub file_name: String,
    pub summary: serde_json::Value,
}

/// One record a merge writes.
#[derive(Clone, Debug)]
pub struct RecordWrite {
    /// The record as it is to be (its id is the id here, after person aliases).
    pub record: RawRecord,
    /// The record as it is here now; `None` for a new record.
    pub old: Option<RawRecord>,
}

/// Everything one merge writes, in one transaction.
#[derive(Clone, Debug)]
pub struct MergeWrite {
    pub records: Vec<RecordWrite>,
    /// `(record id, version hash)` pairs for `exchange_history`.
    pub history: Vec<(String, Vec<u8>)>,
    /// `(alias, person kept)`: incoming people made one with a person here.
    pub aliases: Vec<(String, String)>,
    pub received: ReceivedPackage,
    /// The merge's summary audit entry.
    pub summary: serde_json::Value,
    /// The returns the sender's organisations marked as submitted.
    pub submissions: Vec<super::SubmittedReturn>,
    /// The schemes and self-assessments to take (newer than here).
    pub assessments: super::PackagedAssessments,
    /// The values of theirs not taken (a conflict decided for mine, the fields not taken
    /// one by one): `(register, record id, {"field": [theirs, kept]})`, written to the
    /// record's change history as `merge_declined` so the losing values are not lost.
    pub declined: Vec<(RecordKind, String, serde_json::Value)>,
    /// The attachments the package brings (new, removed) and the files they need.
    pub attachments: super::AttachmentMerge,
    pub files: Vec<(String, Vec<u8>)>,
}

/// The tables whose `org` column names the organisation a record belongs to.
const ORG_TABLES: &[&str] = &[
    "course_package",
    "facility",
    "cohort",
    "capacity_declaration",
    "public_service",
    "achievement",
    "teacher",
    "competition",
    "award",
    "fund",
    "stage_template",
];

/// Records that belong to an organisation through their parent: (table, column, parent).
const CHILD_TABLES: &[(&str, &str, &str)] = &[
    ("enrolment", "cohort", "cohort"),
    ("facility_occupation", "facility", "facility"),
    ("teacher_training", "teacher", "teacher"),
    ("plan_stage", "apprenticeship", "apprenticeship"),
    ("log_entry", "apprenticeship", "apprenticeship"),
];

/// The people an organisation's records name: (table, column).
const PERSON_COLUMNS: &[(&str, &str)] = &[
    ("enrolment", "person"),
    ("apprenticeship", "master"),
    ("apprenticeship", "apprentice"),
    ("teacher", "person"),
    ("award", "person"),
    ("organisation", "master"),
];

fn json_list<T: serde::Serialize>(items: &[T]) -> Result<String> {
    serde_json::to_string(items).map_err(|e| StoreError::Row(super::row::RowError::Message(e.to_string())))
}

pub(super) fn raw_from_row(kind: RecordKind, row: &rusqlite::Row<'_>, n_fields: usize) -> Result<RawRecord> {
    let b = BOOKKEEPING_COLUMNS.len();
    let mut fields = Vec::with_capacity(n_fields);
    for i in 0..n_fields {
        fields.push(value_to_json(row.get_ref(b + i)?));
    }
    Ok(RawRecord {
        kind,
        id: row.get(0)?,
        created_at: row.get(1)?,
        updated_at: row.get(2)?,
        deleted_at: row.get(3)?,
        rev: row.get(4)?,
        changed_by: row.get(5)?,
        fields,
    })
}

pub(super) fn field_values(record: &RawRecord) -> Result<Vec<Value>> {
    record
        .fields
        .iter()
        .map(|v| {
            json_to_value(v).ok_or_else(|| {
                StoreError::Row(super::row::RowError::Message(format!(
                    "{} {}: a field is not a column value",
                    record.kind.code(),
                    record.id
                )))
            })
        })
        .collect()
}

/// A record's values as a row is written: `id`, the bookkeeping (with this database's
/// `change_seq`), then the fields; `?1`… in [`insert_row_sql`] and [`update_row_sql`].
pub(super) fn row_params(r: &RawRecord, change_seq: i64) -> Result<Vec<Value>> {
    let mut params = Vec::with_capacity(BOOKKEEPING_COLUMNS.len() + r.fields.len());
    params.push(Value::Text(r.id.clone()));
    params.push(Value::Text(r.created_at.clone()));
    params.push(Value::Text(r.updated_at.clone()));
    params.push(r.deleted_at.clone().map_or(Value::Null, Value::Text));
    params.push(Value::Integer(r.rev));
    params.push(Value::Text(r.changed_by.clone()));
    params.push(Value::Integer(change_seq));
    params.extend(field_values(r)?);
    Ok(params)
}

fn all_columns(fields: &[String]) -> impl Iterator<Item = String> + '_ {
    BOOKKEEPING_COLUMNS
        .iter()
        .map(|c| c.to_string())
        .chain(fields.iter().cloned())
}

/// Inserts a whole row (see [`row_params`]).
pub(super) fn insert_row_sql(kind: RecordKind, fields: &[String]) -> String {
    let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
    super::write::insert_sql(kind, &fields)
}

/// Overwrites a whole row by its id, `?1` (see [`row_params`]); `condition` is added to
/// the `WHERE`.
pub(super) fn update_row_sql(kind: RecordKind, fields: &[String], condition: &str) -> String {
    let sets: Vec<String> = all_columns(fields)
        .enumerate()
        .skip(1)
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    format!(
        "UPDATE {} SET {} WHERE id = ?1{condition}",
        kind.code(),
        sets.join(", ")
    )
}

impl Store {
    /// A register's field columns (after the bookkeeping columns), in table order.
    pub fn field_columns(&self, kind: RecordKind) -> Result<Vec<String>> {
        Ok(self
            .columns(kind)?
            .into_iter()
            .skip(BOOKKEEPING_COLUMNS.len())
            .collect())
    }

    /// The records a package holds: the selection, only those written after change
    /// number `since` when given, and then everything those records refer to (so the
    /// receiver can resolve every reference), tombstones included. Per register, in
    /// `RecordKind::ALL` order.
    pub fn select_for_package(
        &self,
        selection: Selection,
        since: Option<i64>,
    ) -> Result<Vec<(RecordKind, Vec<RawRecord>)>> {
        let c = self.conn();
        c.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS pkg_sel (kind TEXT NOT NULL, id TEXT NOT NULL,
                 PRIMARY KEY (kind, id)) WITHOUT ROWID;
             DELETE FROM temp.pkg_sel;",
        )?;
        match selection {
            Selection::Everything => {
                for kind in RecordKind::ALL {
                    let t = kind.code();
                    c.execute(
                        &format!("INSERT OR IGNORE INTO temp.pkg_sel SELECT '{t}', id FROM {t}"),
                        [],
                    )?;
                }
            }
            Selection::IndicatorSets => {}
            Selection::Organisation(org) => {
                let org = org.hyphenated().to_string();
                c.execute(
                    "INSERT OR IGNORE INTO temp.pkg_sel SELECT 'organisation', id FROM organisation WHERE id = ?1",
                    [&org],
                )?;
                for t in ORG_TABLES {
                    c.execute(
                        &format!(
                            "INSERT OR IGNORE INTO temp.pkg_sel SELECT '{t}', id FROM {t} WHERE org = ?1"
                        ),
                        [&org],
                    )?;
                }
                c.execute(
                    "INSERT OR IGNORE INTO temp.pkg_sel SELECT 'apprenticeship', id FROM apprenticeship WHERE studio = ?1",
                    [&org],
                )?;
                for (t, column, parent) in CHILD_TABLES {
                    c.execute(
                        &format!(
                            "INSERT OR IGNORE INTO temp.pkg_sel SELECT '{t}', id FROM {t}
                             WHERE {column} IN (SELECT id FROM temp.pkg_sel WHERE kind = '{parent}')"
                        ),
                        [],
                    )?;
                }
                for (t, column) in PERSON_COLUMNS {
                    c.execute(
                        &format!(
                            "INSERT OR IGNORE INTO temp.pkg_sel SELECT 'person', {column} FROM {t}
                             WHERE {column} IS NOT NULL AND id IN (SELECT id FROM temp.pkg_sel WHERE kind = '{t}')"
                        ),
                        [],
                    )?;
                }
                c.execute(
                    "INSERT OR IGNORE INTO temp.pkg_sel SELECT 'qualification', id FROM qualification
                     WHERE person IN (SELECT id FROM temp.pkg_sel WHERE kind = 'person')",
                    [],
                )?;
            }
        }
        for t in INDICATOR_TABLES {
            c.execute(
                &format!("INSERT OR IGNORE INTO temp.pkg_sel SELECT '{t}', id FROM {t}"),
                [],
            )?;
        }
        if let Some(since) = since {
            for kind in RecordKind::ALL {
                let t = kind.code();
                c.execute(
                    &format!(
                        "DELETE FROM temp.pkg_sel WHERE kind = '{t}'
                         AND id IN (SELECT id FROM {t} WHERE change_seq <= ?1)"
                    ),
                    [since],
                )?;
            }
        }
        // Everything the chosen records refer to, until nothing new is added.
        loop {
            let mut added = 0;
            for kind in RecordKind::ALL {
                for fk in self.refs.get(kind).into_iter().flatten() {
                    let (t, col, target) = (kind.code(), &fk.column, fk.target.code());
                    added += c.execute(
                        &format!(
                            "INSERT OR IGNORE INTO temp.pkg_sel SELECT '{target}', {col} FROM {t}
                             WHERE {col} IS NOT NULL AND id IN (SELECT id FROM temp.pkg_sel WHERE kind = '{t}')"
                        ),
                        [],
                    )?;
                }
            }
            if added == 0 {
                break;
            }
        }
        let mut out = Vec::new();
        for kind in RecordKind::ALL {
            let t = kind.code();
            let n = self.field_columns(*kind)?.len();
            let mut stmt = c.prepare(&format!(
                "SELECT * FROM {t} WHERE id IN (SELECT id FROM temp.pkg_sel WHERE kind = '{t}') ORDER BY id"
            ))?;
            let rows = stmt.query_map([], |row| Ok(raw_from_row(*kind, row, n)))?;
            let mut records = Vec::new();
            for r in rows {
                records.push(r??);
            }
            out.push((*kind, records));
        }
        c.execute("DELETE FROM temp.pkg_sel", [])?;
        Ok(out)
    }

    /// The columns of a register that refer to other records, with the register each
    /// refers to.
    pub fn references(&self, kind: RecordKind) -> Vec<(String, RecordKind)> {
        self.refs
            .get(&kind)
            .into_iter()
            .flatten()
            .map(|fk| (fk.column.clone(), fk.target))
            .collect()
    }

    /// Live records here that refer to `id` (a record of `kind`): (register, id, column).
    pub fn live_referrers(&self, kind: RecordKind, id: &str) -> Result<Vec<(RecordKind, String, String)>> {
        let mut out = Vec::new();
        for (by, column) in self.referrers.get(&kind).into_iter().flatten() {
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT id FROM {} WHERE {column} = ?1 AND deleted_at IS NULL",
                by.code()
            ))?;
            let ids = stmt.query_map([id], |r| r.get::<_, String>(0))?;
            for i in ids {
                out.push((*by, i?, column.clone()));
            }
        }
        Ok(out)
    }

    /// Which of these ids of a register are here (live or deleted).
    pub fn existing_ids(&self, kind: RecordKind, ids: &[&str]) -> Result<HashSet<String>> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT id FROM {} WHERE id IN (SELECT value FROM json_each(?1))",
            kind.code()
        ))?;
        let rows = stmt.query_map([json_list(ids)?], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<HashSet<_>>>()?)
    }

    /// The registers here holding a record with one of these ids: (id, register).
    pub fn registers_of(&self, ids: &[&str]) -> Result<Vec<(String, RecordKind)>> {
        registers_of(self.conn(), ids)
    }

    /// The records of one register with these ids that are here (live or deleted).
    pub fn raw_records(&self, kind: RecordKind, ids: &[&str]) -> Result<HashMap<String, RawRecord>> {
        let mut out = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let n = self.field_columns(kind)?.len();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT * FROM {} WHERE id IN (SELECT value FROM json_each(?1))",
            kind.code()
        ))?;
        let rows = stmt.query_map([json_list(ids)?], |row| Ok(raw_from_row(kind, row, n)))?;
        for r in rows {
            let r = r??;
            out.insert(r.id.clone(), r);
        }
        Ok(out)
    }

    /// The version hashes recorded for these records (see `exchange_history`).
    pub fn exchange_history(&self, ids: &[&str]) -> Result<HashMap<String, Vec<Vec<u8>>>> {
        let mut out: HashMap<String, Vec<Vec<u8>>> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT record_id, hash FROM exchange_history WHERE record_id IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([json_list(ids)?], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?;
        for row in rows {
            let (id, hash) = row?;
            out.entry(id).or_default().push(hash);
        }
        Ok(out)
    }

    /// Every person alias: incoming id → the id of the person kept here.
    pub fn person_aliases(&self) -> Result<HashMap<String, String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT alias, person FROM person_alias")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<HashMap<String, String>>>()?)
    }

    /// Live people here with one of these documents `(doc_type, doc_number)`, by document.
    pub fn live_people_by_document(
        &self,
        docs: &[(String, String)],
    ) -> Result<HashMap<(String, String), String>> {
        let mut out = HashMap::new();
        if docs.is_empty() {
            return Ok(out);
        }
        let numbers: Vec<&str> = docs.iter().map(|(_, n)| n.as_str()).collect();
        let wanted: HashSet<&(String, String)> = docs.iter().collect();
        let mut stmt = self.conn().prepare_cached(
            "SELECT doc_type, doc_number, id FROM person WHERE deleted_at IS NULL
             AND doc_number IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([json_list(&numbers)?], |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (doc, id) = row?;
            if wanted.contains(&doc) {
                out.insert(doc, id);
            }
        }
        Ok(out)
    }

    /// The last package sent to `recipient`.
    pub fn last_sent_to(&self, recipient: &str) -> Result<Option<SentPackage>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT package_id, recipient, sent_at, change_seq, org, complete, file_name, records
                 FROM package_sent WHERE recipient = ?1 ORDER BY change_seq DESC, sent_at DESC LIMIT 1",
                [recipient],
                sent_from_row,
            )
            .optional()?)
    }

    /// Every package sent, newest first.
    pub fn packages_sent(&self) -> Result<Vec<SentPackage>> {
        let mut stmt = self.conn().prepare(
            "SELECT package_id, recipient, sent_at, change_seq, org, complete, file_name, records
             FROM package_sent ORDER BY sent_at DESC",
        )?;
        let rows = stmt.query_map([], sent_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The recipients named so far, for the export form's suggestions.
    pub fn recipients(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare(
            "SELECT DISTINCT recipient FROM package_sent WHERE recipient IS NOT NULL ORDER BY recipient",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// When a package was imported here, if it was.
    pub fn received_package(&self, package_id: &str) -> Result<Option<ReceivedPackage>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT package_id, source_install, created_at, imported_at, file_name, summary
                 FROM package_received WHERE package_id = ?1",
                [package_id],
                received_from_row,
            )
            .optional()?)
    }

    /// Every package imported here, the newest merge first.
    pub fn packages_received(&self) -> Result<Vec<ReceivedPackage>> {
        let mut stmt = self.conn().prepare(
            "SELECT package_id, source_install, created_at, imported_at, file_name, summary
             FROM package_received ORDER BY imported_at DESC",
        )?;
        let rows = stmt.query_map([], received_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Records that a package was made: the versions it carried join each record's
    /// history, and `sent` is what `--since-last-to` reads next time. One transaction.
    pub fn record_sent(&mut self, sent: &SentPackage, history: &[(String, Vec<u8>)]) -> Result<()> {
        self.write(|w| {
            let tx = w.tx();
            insert_history(tx, history)?;
            tx.execute(
                "INSERT INTO package_sent (package_id, recipient, sent_at, change_seq, org, complete, file_name, records)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    sent.package_id,
                    sent.recipient,
                    sent.sent_at,
                    sent.change_seq,
                    sent.org,
                    sent.complete,
                    sent.file_name,
                    sent.records as i64
                ],
            )?;
            Ok(())
        })
    }

    /// Writes a merge: every record written with an audit entry naming its old and new
    /// values, the history, the aliases, the package as received and one summary entry;
    /// all in one transaction, so it all lands or none of it does.
    pub fn apply_merge(&mut self, merge: &MergeWrite) -> Result<()> {
        let mut columns: HashMap<RecordKind, Vec<String>> = HashMap::new();
        for kind in RecordKind::ALL {
            columns.insert(*kind, self.field_columns(*kind)?);
        }
        let refs: HashMap<RecordKind, Vec<(String, RecordKind)>> = RecordKind::ALL
            .iter()
            .map(|k| (*k, self.references(*k)))
            .collect();
        let referrers = self.referrers.clone();
        // Deletes first: a package may delete an enrolment and enrol the same person in
        // the same cohort again, which the one-enrolment-per-cohort rule takes in that
        // order only.
        let mut order: Vec<&RecordWrite> = merge.records.iter().collect();
        order.sort_by_key(|w| !w.record.is_deleted());
        self.write(|w| {
            let seq = w.change_seq();
            for write in &order {
                let r = &write.record;
                let names = &columns[&r.kind];
                let now_here: Option<(i64, String, Option<String>)> = w
                    .tx()
                    .prepare_cached(&format!(
                        "SELECT rev, updated_at, deleted_at FROM {} WHERE id = ?1",
                        r.kind.code()
                    ))?
                    .query_row([&r.id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
                    .optional()?;
                let as_previewed = write
                    .old
                    .as_ref()
                    .map(|o| (o.rev, o.updated_at.clone(), o.deleted_at.clone()));
                if now_here != as_previewed {
                    return Err(StoreError::ChangedSincePreview {
                        kind: r.kind,
                        id: r.id.clone(),
                    });
                }
                let values = field_values(r)?;
                if r.kind == RecordKind::Person && !r.is_deleted() {
                    refuse_duplicate_person(w.tx(), names, &values, &r.id)?;
                }
                if r.kind == RecordKind::Enrolment && !r.is_deleted() {
                    let text = |field: &str| match names.iter().position(|n| n == field).map(|i| &values[i]) {
                        Some(Value::Text(t)) => t.clone(),
                        _ => String::new(),
                    };
                    if let Some(err) =
                        super::links::duplicate_enrolment(w.tx(), &r.id, &text("cohort"), &text("person"))?
                    {
                        return Err(err);
                    }
                }
                let params = row_params(r, seq)?;
                let mut changes = serde_json::Map::new();
                match &write.old {
                    None => {
                        w.tx()
                            .prepare_cached(&insert_row_sql(r.kind, names))?
                            .execute(rusqlite::params_from_iter(params))?;
                        for (name, v) in names.iter().zip(&r.fields) {
                            if !v.is_null() {
                                changes.insert(name.clone(), serde_json::json!([null, v]));
                            }
                        }
                        if let Some(d) = &r.deleted_at {
                            changes.insert("deleted_at".into(), serde_json::json!([null, d]));
                        }
                    }
                    Some(old) => {
                        w.tx()
                            .prepare_cached(&update_row_sql(r.kind, names, ""))?
                            .execute(rusqlite::params_from_iter(params))?;
                        for ((name, new), old) in names.iter().zip(&r.fields).zip(&old.fields) {
                            if new != old {
                                changes.insert(name.clone(), serde_json::json!([old, new]));
                            }
                        }
                        if old.deleted_at != r.deleted_at {
                            changes.insert("deleted_at".into(), serde_json::json!([old.deleted_at, r.deleted_at]));
                        }
                    }
                }
                w.audit_raw("merge", r.kind.code(), &r.id, serde_json::Value::Object(changes))?;
            }
            // What the merge leaves must not contradict itself: no live record pointing at
            // a deleted one, certificates and enrolments one person's and one-to-one.
            for write in &order {
                leaves_consistent(w.tx(), &write.record, &refs, &referrers)?;
            }
            super::attachments::write_merged(w, &merge.attachments, &merge.files)?;
            insert_history(w.tx(), &merge.history)?;
            let now = timestamp(w.now());
            for (alias, person) in &merge.aliases {
                w.tx().execute(
                    "INSERT INTO person_alias (alias, person, source_install, merged_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(alias) DO UPDATE SET person = excluded.person",
                    rusqlite::params![alias, person, merge.received.source_install, now],
                )?;
            }
            super::submission::insert_received(w.tx(), &merge.submissions, &merge.received.package_id, &now)?;
            super::assessment::insert_received_assessments(w.tx(), &merge.assessments)?;
            let rec = &merge.received;
            w.tx().execute(
                "INSERT INTO package_received (package_id, source_install, created_at, imported_at, file_name, summary)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(package_id) DO UPDATE SET imported_at = excluded.imported_at, summary = excluded.summary",
                rusqlite::params![
                    rec.package_id,
                    rec.source_install,
                    rec.created_at,
                    now,
                    rec.file_name,
                    rec.summary.to_string()
                ],
            )?;
            for (kind, id, changes) in &merge.declined {
                w.audit_raw("merge_declined", kind.code(), id, changes.clone())?;
            }
            w.audit_event("merge", merge.summary.clone())
        })
    }
}

/// A `package_received` row (`package_id, source_install, created_at, imported_at,
/// file_name, summary`).
fn received_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReceivedPackage> {
    let summary: String = r.get(5)?;
    Ok(ReceivedPackage {
        package_id: r.get(0)?,
        source_install: r.get(1)?,
        created_at: r.get(2)?,
        imported_at: r.get(3)?,
        file_name: r.get(4)?,
        summary: serde_json::from_str(&summary).unwrap_or(serde_json::Value::Null),
    })
}

/// A merged record, as it now stands, refers only to live records (when live), is
/// referred to by no live record (when deleted), and its certificate link holds.
fn leaves_consistent(
    tx: &rusqlite::Transaction<'_>,
    r: &RawRecord,
    refs: &HashMap<RecordKind, Vec<(String, RecordKind)>>,
    referrers: &HashMap<RecordKind, Vec<(RecordKind, String)>>,
) -> Result<()> {
    let dangling = |kind: RecordKind, id: &str, field: &str, target: RecordKind, target_id: &str| {
        StoreError::DanglingReference(Box::new(crate::domain::year::Dangling {
            kind,
            id: id.to_string(),
            label: super::links::describe(tx, kind, id),
            field: field.to_string(),
            target,
            target_id: target_id.to_string(),
            target_label: super::links::describe(tx, target, target_id),
            target_exists: true,
        }))
    };
    if r.is_deleted() {
        for (by, column) in referrers.get(&r.kind).into_iter().flatten() {
            let referrer: Option<String> = tx
                .prepare_cached(&format!(
                    "SELECT id FROM {} WHERE {column} = ?1 AND deleted_at IS NULL LIMIT 1",
                    by.code()
                ))?
                .query_row([&r.id], |row| row.get(0))
                .optional()?;
            if let Some(referrer) = referrer {
                return Err(dangling(*by, &referrer, column, r.kind, &r.id));
            }
        }
        return Ok(());
    }
    for (column, target) in refs.get(&r.kind).into_iter().flatten() {
        let target_id: Option<String> = tx
            .prepare_cached(&format!(
                "SELECT CAST({column} AS TEXT) FROM {} WHERE id = ?1",
                r.kind.code()
            ))?
            .query_row([&r.id], |row| row.get(0))
            .optional()?
            .flatten();
        let Some(target_id) = target_id else { continue };
        let live: Option<bool> = tx
            .prepare_cached(&format!(
                "SELECT deleted_at IS NULL FROM {} WHERE id = ?1",
                target.code()
            ))?
            .query_row([&target_id], |row| row.get(0))
            .optional()?;
        if live != Some(true) {
            return Err(dangling(r.kind, &r.id, column, *target, &target_id));
        }
    }
    match r.kind {
        RecordKind::Enrolment => super::links::check_enrolment(tx, &r.id),
        RecordKind::Qualification => super::links::check_certificate(tx, &r.id),
        _ => Ok(()),
    }
}

/// Each register's field columns in this build's schema (what every database has once
/// opened and migrated), read from an empty database in memory: for checking a package
/// before the database it goes into is opened.
pub fn schema_field_columns() -> Result<HashMap<RecordKind, Vec<String>>> {
    let store = Store::open_in_memory()?;
    RecordKind::ALL
        .iter()
        .map(|k| Ok((*k, store.field_columns(*k)?)))
        .collect()
}

/// See [`Store::registers_of`]: one statement over every register's table.
pub(super) fn registers_of(conn: &rusqlite::Connection, ids: &[&str]) -> Result<Vec<(String, RecordKind)>> {
    let mut out = Vec::new();
    let union: Vec<String> = RecordKind::ALL
        .iter()
        .map(|k| {
            format!(
                "SELECT id, '{0}' FROM {0} WHERE id IN (SELECT value FROM ids)",
                k.code()
            )
        })
        .collect();
    let sql = format!(
        "WITH ids AS (SELECT value FROM json_each(?1)) {}",
        union.join(" UNION ALL ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    for chunk in ids.chunks(5000) {
        let rows = stmt.query_map([json_list(chunk)?], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, code) = row?;
            if let Some(kind) = RecordKind::from_code(&code) {
                out.push((id, kind));
            }
        }
    }
    Ok(out)
}

fn sent_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SentPackage> {
    Ok(SentPackage {
        package_id: r.get(0)?,
        recipient: r.get(1)?,
        sent_at: r.get(2)?,
        change_seq: r.get(3)?,
        org: r.get(4)?,
        complete: r.get(5)?,
        file_name: r.get(6)?,
        records: r.get::<_, i64>(7)? as u64,
    })
}

fn insert_history(tx: &rusqlite::Transaction<'_>, history: &[(String, Vec<u8>)]) -> Result<()> {
    let mut stmt =
        tx.prepare_cached("INSERT OR IGNORE INTO exchange_history (record_id, hash) VALUES (?1, ?2)")?;
    for (id, hash) in history {
        stmt.execute(rusqlite::params![id, hash])?;
    }
    Ok(())
}

/// The store's rule, kept by merges too: one live person per document.
fn refuse_duplicate_person(
    tx: &rusqlite::Transaction<'_>,
    names: &[String],
    values: &[Value],
    id: &str,
) -> Result<()> {
    let get = |field: &str| {
        names
            .iter()
            .position(|n| n == field)
            .and_then(|i| match &values[i] {
                Value::Text(t) => Some(t.clone()),
                _ => None,
            })
    };
    let (Some(doc_type), Some(doc_number)) = (get("doc_type"), get("doc_number")) else {
        return Ok(());
    };
    let existing: Option<(String, String)> = tx
        .prepare_cached(
            "SELECT id, name FROM person WHERE doc_number = ?1 AND doc_type = ?2 AND deleted_at IS NULL AND id <> ?3 LIMIT 1",
        )?
        .query_row([&doc_number, &doc_type, id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match existing {
        Some((existing, existing_name)) => Err(StoreError::DuplicatePerson {
            doc_number,
            existing,
            existing_name,
        }),
        None => Ok(()),
    }
}
