//! Writing records: the checked path ([`Writer`]) used for every edit, and the fast path
//! ([`Bulk`]) for demo data and bulk loads. Both run inside a transaction the caller opened.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Statement, Transaction};

use super::row::{ByName, from_row, to_columns};
use super::{Author, ForeignKey, Result, StoreError, meta_columns, meta_from_row, timestamp};
use crate::domain::studio_log::{LogEntry, PlanStage};
use crate::domain::training::{Cohort, Enrolment, Qualification};
use crate::domain::{Id, Record, RecordKind, Stored, Today, Verdict};

/// Takes the next change sequence number: every record written in one transaction
/// carries it, so "everything changed since package N" is one comparison.
pub(super) fn next_change_seq(conn: &Connection) -> Result<i64> {
    let seq: i64 = conn.query_row(
        "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq' RETURNING CAST(value AS INTEGER)",
        [],
        |r| r.get(0),
    )?;
    Ok(seq)
}

pub(super) fn stored_from_row<R: Record>(row: &impl ByName) -> Result<Stored<R>> {
    let decoded = (|| -> Result<Stored<R>> {
        let id: String = super::row_text(row, "id")?;
        let id = id.parse().map_err(|e: uuid::Error| {
            StoreError::Row(super::row::RowError::Column {
                column: "id".into(),
                message: e.to_string(),
            })
        })?;
        Ok(Stored {
            id,
            meta: meta_from_row(row)?,
            record: from_row(row)?,
        })
    })();
    decoded.map_err(|e| unreadable(R::KIND, row, e))
}

/// A value that cannot be read as its column's type, named with its register, record
/// and column (and what is stored there) instead of only the column.
pub(super) fn unreadable(kind: RecordKind, row: &impl ByName, e: StoreError) -> StoreError {
    let StoreError::Row(super::row::RowError::Column { column, message }) = e else {
        return e;
    };
    let raw = |name: &str| row.value(name).map(super::row::value_text).unwrap_or_default();
    StoreError::Unreadable {
        kind,
        id: raw("id"),
        value: raw(&column),
        column,
        message,
    }
}

pub(super) fn get<R: Record>(conn: &Connection, id: Id<R>) -> Result<Stored<R>> {
    let sql = format!("SELECT * FROM {} WHERE id = ?1", R::KIND.code());
    let mut stmt = conn.prepare_cached(&sql)?;
    let found = stmt
        .query_row([id.to_string()], |row| Ok(stored_from_row::<R>(row)))
        .optional()?;
    match found {
        Some(r) => r,
        None => Err(StoreError::NotFound {
            kind: R::KIND,
            id: id.to_string(),
        }),
    }
}

fn value_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(r) => serde_json::Number::from_f64(*r).map_or(serde_json::Value::Null, Into::into),
        Value::Text(t) => t.clone().into(),
        Value::Blob(b) => format!("<{} bytes>", b.len()).into(),
    }
}

pub(super) fn insert_sql(kind: RecordKind, fields: &[&str]) -> String {
    let columns: Vec<&str> = meta_columns()
        .iter()
        .copied()
        .chain(fields.iter().copied())
        .collect();
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        kind.code(),
        columns.join(", "),
        marks.join(", ")
    )
}

/// Checked writes inside one transaction (see [`super::Store::write`]).
pub struct Writer<'t> {
    tx: &'t Transaction<'t>,
    author: &'t Author,
    today: Today,
    seq: i64,
    now: DateTime<Utc>,
    /// `now` as stored, formatted once for every row and audit entry of the transaction.
    now_text: String,
    refs: &'t HashMap<RecordKind, Vec<ForeignKey>>,
    referrers: &'t HashMap<RecordKind, Vec<(RecordKind, String)>>,
    /// Each register's insert statement, built once per transaction (an import inserts
    /// thousands of rows of the same two or three registers).
    insert_sql: HashMap<RecordKind, String>,
}

impl<'t> Writer<'t> {
    pub(super) fn new(
        tx: &'t Transaction<'t>,
        author: &'t Author,
        today: Today,
        seq: i64,
        refs: &'t HashMap<RecordKind, Vec<ForeignKey>>,
        referrers: &'t HashMap<RecordKind, Vec<(RecordKind, String)>>,
    ) -> Self {
        let now = Utc::now();
        Writer {
            tx,
            author,
            today,
            seq,
            now,
            now_text: timestamp(now),
            refs,
            referrers,
            insert_sql: HashMap::new(),
        }
    }

    /// The change sequence number this transaction writes with.
    pub(super) fn change_seq(&self) -> i64 {
        self.seq
    }

    /// Whether nothing was committed since the database's change number was `seq`: seen
    /// inside this transaction, which holds the write lock, so no other writer can have
    /// slipped in between.
    pub fn unchanged_since(&self, seq: i64) -> bool {
        self.seq == seq + 1
    }

    /// The transaction, for the store's own modules that write more than one record kind
    /// generically (merging a data package).
    pub(super) fn tx(&self) -> &Transaction<'t> {
        self.tx
    }

    /// When this transaction writes (the timestamp of every row it changes).
    pub(super) fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// `now` as stored.
    pub(super) fn now_text(&self) -> &str {
        &self.now_text
    }

    /// The install id every row this transaction writes is marked with.
    pub(super) fn install_id(&self) -> &str {
        &self.author.install_id
    }

    /// Raw SQL for the store's own tables that are not registers (submissions).
    pub(super) fn execute_sql(&self, sql: &str, params: impl rusqlite::Params) -> Result<()> {
        self.tx.execute(sql, params)?;
        Ok(())
    }

    /// An audit entry for something that is not a register's record.
    pub(super) fn audit_raw(
        &self,
        action: &str,
        kind: &str,
        id: &str,
        changes: serde_json::Value,
    ) -> Result<()> {
        write_audit(
            self.tx,
            self.author,
            &self.now_text,
            action,
            kind,
            Some(id),
            &changes,
        )
    }

    /// An audit entry for something that concerns the whole database (a restore, an
    /// import, a merge): kind `*`, no record id.
    pub(super) fn audit_event(&self, action: &str, changes: serde_json::Value) -> Result<()> {
        write_audit(self.tx, self.author, &self.now_text, action, "*", None, &changes)
    }

    /// Reads a record inside the transaction.
    pub fn get<R: Record>(&self, id: Id<R>) -> Result<Stored<R>> {
        get(self.tx, id)
    }

    /// Normalises, validates and inserts a new record with a fresh id.
    pub fn insert<R: Record>(&mut self, record: R) -> Result<Id<R>> {
        let id = Id::new();
        self.insert_with_id(id, record)?;
        Ok(id)
    }

    /// Inserts a new record under a given id (records arriving from another install).
    pub fn insert_with_id<R: Record>(&mut self, id: Id<R>, mut record: R) -> Result<()> {
        record.normalise();
        let columns = self.checked_columns(id.to_string(), &record)?;
        self.insert_columns(id.to_string(), R::KIND, columns)?;
        self.keep_links(id, None::<&R>)
    }

    /// Writes a new row and its `create` audit entry.
    fn insert_columns(
        &mut self,
        id: String,
        kind: RecordKind,
        columns: Vec<(&'static str, Value)>,
    ) -> Result<()> {
        let sql = self.insert_sql.entry(kind).or_insert_with(|| {
            let fields: Vec<&str> = columns.iter().map(|(f, _)| *f).collect();
            insert_sql(kind, &fields)
        });
        let now = self.now_text.clone();
        let mut values: Vec<Value> = Vec::with_capacity(columns.len() + 7);
        values.extend([
            Value::Text(id.clone()),
            Value::Text(now.clone()),
            Value::Text(now),
            Value::Null,
            Value::Integer(1),
            Value::Text(self.author.install_id.clone()),
            Value::Integer(self.seq),
        ]);
        let changes = created_changes(&columns);
        values.extend(columns.into_iter().map(|(_, v)| v));
        self.tx
            .prepare_cached(sql)?
            .execute(rusqlite::params_from_iter(values))?;
        write_audit_text(
            self.tx,
            self.author,
            &self.now_text,
            "create",
            kind.code(),
            Some(&id),
            &changes,
        )
    }

    /// Inserts a new record that its caller has normalised and checked against this same
    /// database state (an import's dry run, when nothing was written since): its fields,
    /// what it refers to and, for a person, that the document is not registered yet.
    /// Only the checks SQLite itself makes at commit (foreign keys, `CHECK`s) run again;
    /// the audit entry is written as for any insert.
    pub fn insert_checked_before<R: Record>(&mut self, record: R) -> Result<Id<R>> {
        let id = Id::new();
        let columns = to_columns(&record)?;
        self.insert_columns(id.to_string(), R::KIND, columns)?;
        Ok(id)
    }

    /// Normalises, validates and saves a changed record; the audit entry lists each
    /// changed field's old and new value. Saving an unchanged record writes nothing.
    pub fn update<R: Record>(&mut self, id: Id<R>, mut record: R) -> Result<()> {
        let old = self.get(id)?;
        if old.meta.is_deleted() {
            return Err(StoreError::NotFound {
                kind: R::KIND,
                id: id.to_string(),
            });
        }
        record.normalise();
        let new_columns = self.checked_columns(id.to_string(), &record)?;
        let old_columns = to_columns(&old.record)?;
        let mut changes = serde_json::Map::new();
        let mut sets = Vec::new();
        let mut values = Vec::new();
        for ((field, new), (_, old)) in new_columns.into_iter().zip(old_columns) {
            if new != old {
                changes.insert(
                    field.to_string(),
                    serde_json::json!([value_json(&old), value_json(&new)]),
                );
                values.push(new);
                sets.push(format!("{field} = ?{}", values.len()));
            }
        }
        if changes.is_empty() {
            return Ok(());
        }
        let base = values.len();
        values.push(Value::Text(timestamp(self.now)));
        values.push(Value::Text(self.author.install_id.clone()));
        values.push(Value::Integer(self.seq));
        values.push(Value::Text(id.to_string()));
        let sql = format!(
            "UPDATE {} SET {}, updated_at = ?{}, changed_by = ?{}, change_seq = ?{}, rev = rev + 1 WHERE id = ?{}",
            R::KIND.code(),
            sets.join(", "),
            base + 1,
            base + 2,
            base + 3,
            base + 4
        );
        self.tx.execute(&sql, rusqlite::params_from_iter(values))?;
        self.audit("update", R::KIND, &id.to_string(), changes)?;
        self.keep_links(id, Some(&old.record))
    }

    /// Deletes a record by leaving a tombstone. Refused while live records refer to it.
    pub fn delete<R: Record>(&mut self, id: Id<R>) -> Result<()> {
        let old = self.get(id)?;
        if old.meta.is_deleted() {
            return Ok(());
        }
        for (kind, column) in self.referrers.get(&R::KIND).into_iter().flatten() {
            let (count, first): (i64, Option<String>) = self.tx.query_row(
                &format!(
                    "SELECT count(*), min(id) FROM {} WHERE {column} = ?1 AND deleted_at IS NULL",
                    kind.code()
                ),
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if count > 0 {
                return Err(StoreError::StillReferenced {
                    kind: R::KIND,
                    id: id.to_string(),
                    by: *kind,
                    field: column.clone(),
                    count: count as u64,
                    example: super::links::describe(self.tx, *kind, &first.unwrap_or_default()),
                });
            }
        }
        self.set_deleted(R::KIND, &id.to_string(), Some(timestamp(self.now)))?;
        self.audit("delete", R::KIND, &id.to_string(), serde_json::Map::new())
    }

    /// Brings a deleted record back, if what it refers to is still there.
    pub fn restore<R: Record>(&mut self, id: Id<R>) -> Result<()> {
        let old = self.get(id)?;
        if !old.meta.is_deleted() {
            return Ok(());
        }
        self.checked_columns(id.to_string(), &old.record)?;
        self.set_deleted(R::KIND, &id.to_string(), None)?;
        self.audit("restore", R::KIND, &id.to_string(), serde_json::Map::new())?;
        self.keep_links(id, None::<&R>)
    }

    fn set_deleted(&self, kind: RecordKind, id: &str, at: Option<String>) -> Result<()> {
        self.tx.execute(
            &format!(
                "UPDATE {} SET deleted_at = ?1, updated_at = ?2, changed_by = ?3, change_seq = ?4, rev = rev + 1 WHERE id = ?5",
                kind.code()
            ),
            rusqlite::params![at, timestamp(self.now), self.author.install_id, self.seq, id],
        )?;
        Ok(())
    }

    /// Validates the record (with the rules that need the records it names: its holder,
    /// its cohort, the enrolment a certificate was gained through), checks that what it
    /// refers to exists and is live, that a person's document is not already registered
    /// and a person is not enrolled twice in a cohort; returns its columns.
    fn checked_columns<R: Record>(&self, id: String, record: &R) -> Result<Vec<(&'static str, Value)>> {
        let mut verdict = record.validate(self.today);
        if let Some(person) = record.person_checked()
            && let Ok(person) = self.get(person)
        {
            verdict
                .issues
                .extend(record.validate_with_person(&person.record, self.today).issues);
        }
        verdict.issues.extend(self.related_rules(&id, record)?.issues);
        if verdict.has_errors() {
            return Err(StoreError::Invalid(verdict));
        }
        let columns = to_columns(record)?;
        for fk in self.refs.get(&R::KIND).into_iter().flatten() {
            let Some((field, Value::Text(target_id))) = columns.iter().find(|(f, _)| *f == fk.column) else {
                continue;
            };
            let live: Option<bool> = self
                .tx
                .prepare_cached(&format!(
                    "SELECT deleted_at IS NULL FROM {} WHERE id = ?1",
                    fk.target.code()
                ))?
                .query_row([target_id], |r| r.get(0))
                .optional()?;
            if live != Some(true) {
                return Err(StoreError::MissingReference {
                    kind: R::KIND,
                    field,
                    target: fk.target,
                    id: target_id.clone(),
                });
            }
        }
        if R::KIND == RecordKind::Person {
            let doc_type = columns
                .iter()
                .find(|(f, _)| *f == "doc_type")
                .map(|(_, v)| v.clone());
            let doc_number = columns
                .iter()
                .find(|(f, _)| *f == "doc_number")
                .map(|(_, v)| v.clone());
            if let (Some(Value::Text(doc_type)), Some(Value::Text(doc_number))) = (doc_type, doc_number)
                && let Some((existing, existing_name)) =
                    self.find_person_by_document(&doc_type, &doc_number, &id)?
            {
                return Err(StoreError::DuplicatePerson {
                    doc_number,
                    existing,
                    existing_name,
                });
            }
        }
        Ok(columns)
    }

    /// The rules that need other records, as far as they are there (a missing one is
    /// named by the reference check that follows).
    fn related_rules<R: Record>(&self, id: &str, record: &R) -> Result<Verdict> {
        let any = record as &dyn std::any::Any;
        if let Some(e) = any.downcast_ref::<Enrolment>() {
            // Checked when the enrolment becomes someone's in a cohort (new, moved,
            // restored), as the database's triggers do: an edit of one of two enrolments an
            // older version left (adding its completion before deleting the other) stays
            // possible, and the validator names the pair.
            let (cohort, person) = (e.cohort.to_string(), e.person.to_string());
            let unchanged = id
                .parse::<Id<Enrolment>>()
                .ok()
                .and_then(|i| self.get(i).ok())
                .is_some_and(|old| {
                    !old.meta.is_deleted() && old.record.cohort == e.cohort && old.record.person == e.person
                });
            if !unchanged && let Some(err) = super::links::duplicate_enrolment(self.tx, id, &cohort, &person)?
            {
                return Err(err);
            }
            return Ok(match self.get(e.cohort) {
                Ok(cohort) => e.check_in_cohort(&cohort.record, self.today),
                Err(_) => Verdict::default(),
            });
        }
        if let Some(q) = any.downcast_ref::<Qualification>()
            && let Some(enrolment) = q.enrolment
            && let Ok(e) = self.get(enrolment)
            && let Ok(cohort) = self.get(e.record.cohort)
        {
            return Ok(q.check_against_enrolment(&e.record, &cohort.record, self.today));
        }
        if let Some(c) = any.downcast_ref::<Cohort>() {
            return self.cohort_dates_keep_enrolments(id, c);
        }
        if let Some(e) = any.downcast_ref::<LogEntry>() {
            let Ok(a) = self.get(e.apprenticeship) else {
                return Ok(Verdict::default());
            };
            let stage = e.stage.and_then(|s| self.get(s).ok()).map(|s| s.record);
            let other_hours =
                super::studio_log::hours_that_day(self.tx, id, &e.apprenticeship.to_string(), e.date)?;
            return Ok(e.check_related(&a.record, stage.as_ref(), other_hours, self.today));
        }
        if let Some(s) = any.downcast_ref::<PlanStage>()
            && let Ok(a) = self.get(s.apprenticeship)
        {
            let mut v = s.check_in_apprenticeship(&a.record, self.today);
            if super::studio_log::stage_number_taken(self.tx, id, &s.apprenticeship.to_string(), s.seq)? {
                let mut c = crate::domain::check::Checker::new(RecordKind::PlanStage, self.today);
                c.error(
                    "seq",
                    crate::domain::check::Problem::StageNumberTaken { seq: s.seq },
                );
                v.issues.extend(c.finish().issues);
            }
            return Ok(v);
        }
        Ok(Verdict::default())
    }

    /// New dates for a cohort must still hold its live enrolments and the certificates
    /// gained through them.
    fn cohort_dates_keep_enrolments(&self, id: &str, c: &Cohort) -> Result<Verdict> {
        let (start, end) = (c.start_date.to_string(), c.end_date.to_string());
        let params: [&dyn rusqlite::ToSql; 3] = [&id, &start, &end];
        let count = |sql: &str| -> Result<(i64, Option<String>)> {
            let mut stmt = self.tx.prepare_cached(sql)?;
            let n = stmt.parameter_count();
            Ok(stmt.query_row(&params[..n], |r| Ok((r.get(0)?, r.get(1)?)))?)
        };
        let after_end = count(
            "SELECT count(*), min(max(enrolled_on, coalesce(completed_on, ''))) FROM enrolment
             WHERE cohort = ?1 AND deleted_at IS NULL AND (enrolled_on > ?3 OR completed_on > ?3)",
        )?;
        let before_start = count(
            "SELECT count(*), min(d) FROM (
                SELECT completed_on AS d FROM enrolment
                 WHERE cohort = ?1 AND deleted_at IS NULL AND completed_on < ?2
                UNION ALL
                SELECT q.issued_on FROM qualification q JOIN enrolment e ON e.id = q.enrolment
                 WHERE e.cohort = ?1 AND e.deleted_at IS NULL AND q.deleted_at IS NULL AND q.issued_on < ?2)",
        )?;
        let mut c = crate::domain::check::Checker::new(RecordKind::Cohort, self.today);
        for (field, (n, example)) in [("end_date", after_end), ("start_date", before_start)] {
            if n > 0 {
                let example = example
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(chrono::NaiveDate::MIN);
                c.error(
                    field,
                    crate::domain::check::Problem::CohortDatesExclude {
                        count: n as u64,
                        example,
                    },
                );
            }
        }
        Ok(c.finish())
    }

    /// Keeps an enrolment and its certificate pointing at each other: setting the link on
    /// one side sets it on the other (an empty other side only), clearing or changing it
    /// clears the side that pointed back; then checks that the link is one person's and
    /// one-to-one. `old` is the record before this write.
    fn keep_links<R: Record>(&mut self, id: Id<R>, old: Option<&R>) -> Result<()> {
        match R::KIND {
            RecordKind::Enrolment => {
                let old = old.and_then(|o| (o as &dyn std::any::Any).downcast_ref::<Enrolment>());
                self.keep_enrolment_link(id.cast(), old.and_then(|o| o.qualification))
            }
            RecordKind::Qualification => {
                let old = old.and_then(|o| (o as &dyn std::any::Any).downcast_ref::<Qualification>());
                self.keep_certificate_link(id.cast(), old.and_then(|o| o.enrolment))
            }
            _ => Ok(()),
        }
    }

    fn keep_enrolment_link(&mut self, id: Id<Enrolment>, old: Option<Id<Qualification>>) -> Result<()> {
        let e = self.get(id)?;
        let now = e.record.qualification.filter(|_| !e.meta.is_deleted());
        if let Some(was) = old.filter(|q| Some(*q) != now)
            && let Ok(q) = self.get(was)
            && !q.meta.is_deleted()
            && q.record.enrolment == Some(id)
        {
            self.update(
                was,
                Qualification {
                    enrolment: None,
                    ..q.record
                },
            )?;
        }
        if let Some(q_id) = now
            && let Ok(q) = self.get(q_id)
            && !q.meta.is_deleted()
            && q.record.enrolment.is_none()
            && q.record.person == e.record.person
        {
            self.update(
                q_id,
                Qualification {
                    enrolment: Some(id),
                    ..q.record
                },
            )?;
        }
        super::links::check_enrolment(self.tx, &id.to_string())
    }

    fn keep_certificate_link(&mut self, id: Id<Qualification>, old: Option<Id<Enrolment>>) -> Result<()> {
        let q = self.get(id)?;
        let now = q.record.enrolment.filter(|_| !q.meta.is_deleted());
        if let Some(was) = old.filter(|e| Some(*e) != now)
            && let Ok(e) = self.get(was)
            && !e.meta.is_deleted()
            && e.record.qualification == Some(id)
        {
            self.update(
                was,
                Enrolment {
                    qualification: None,
                    ..e.record
                },
            )?;
        }
        if let Some(e_id) = now
            && let Ok(e) = self.get(e_id)
            && !e.meta.is_deleted()
            && e.record.qualification.is_none()
            && e.record.person == q.record.person
        {
            self.update(
                e_id,
                Enrolment {
                    qualification: Some(id),
                    ..e.record
                },
            )?;
        }
        super::links::check_certificate(self.tx, &id.to_string())
    }

    fn find_person_by_document(
        &self,
        doc_type: &str,
        doc_number: &str,
        except: &str,
    ) -> Result<Option<(String, String)>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT id, name FROM person
                 WHERE doc_number = ?1 AND doc_type = ?2 AND deleted_at IS NULL AND id <> ?3 LIMIT 1",
            )?
            .query_row([doc_number, doc_type, except], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    fn audit(
        &self,
        action: &str,
        kind: RecordKind,
        id: &str,
        changes: serde_json::Map<String, serde_json::Value>,
    ) -> Result<()> {
        write_audit(
            self.tx,
            self.author,
            &self.now_text,
            action,
            kind.code(),
            Some(id),
            &serde_json::Value::Object(changes),
        )
    }
}

/// A new record's audit changes, `{"field":[null,value],…}` (fields in name order, empty
/// ones left out): the same text as the map an update builds would serialise to, written
/// straight into one string, because an import writes one for every record.
fn created_changes(columns: &[(&'static str, Value)]) -> String {
    let mut fields: Vec<&(&'static str, Value)> = columns.iter().filter(|(_, v)| *v != Value::Null).collect();
    fields.sort_unstable_by_key(|(f, _)| *f);
    let mut out: Vec<u8> = Vec::with_capacity(64 + 40 * fields.len());
    out.push(b'{');
    for (i, (field, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Writing into a Vec cannot fail, and a &str or a number always serialises.
        let _ = serde_json::to_writer(&mut out, field);
        out.extend_from_slice(b":[null,");
        let _ = match value {
            Value::Text(t) => serde_json::to_writer(&mut out, t),
            Value::Integer(n) => serde_json::to_writer(&mut out, n),
            Value::Real(r) => serde_json::to_writer(&mut out, r),
            Value::Null | Value::Blob(_) => serde_json::to_writer(&mut out, &value_json(value)),
        };
        out.push(b']');
    }
    out.push(b'}');
    String::from_utf8(out).unwrap_or_default()
}

/// An audit entry for the whole database (kind `*`, no record) written now on `conn`'s
/// open transaction, outside a [`Writer`]: the restore writes its entry into the prepared
/// copy so that the two land together.
pub(super) fn audit_whole(
    conn: &Connection,
    author: &Author,
    action: &str,
    changes: &serde_json::Value,
) -> Result<()> {
    write_audit(conn, author, &timestamp(Utc::now()), action, "*", None, changes)
}

fn write_audit(
    conn: &Connection,
    author: &Author,
    now: &str,
    action: &str,
    kind: &str,
    id: Option<&str>,
    changes: &serde_json::Value,
) -> Result<()> {
    write_audit_text(conn, author, now, action, kind, id, &changes.to_string())
}

fn write_audit_text(
    conn: &Connection,
    author: &Author,
    now: &str,
    action: &str,
    kind: &str,
    id: Option<&str>,
    changes: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, install_id, profile, action, kind, record_id, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![
        now,
        author.install_id,
        author.profile,
        action,
        kind,
        id,
        changes
    ])?;
    Ok(())
}

/// Fast inserts inside one transaction (see [`super::Store::bulk`]): one prepared
/// statement per register, no per-record audit entry, counts kept for one batch entry.
pub struct Bulk<'t> {
    tx: &'t Transaction<'t>,
    author: &'t Author,
    /// Recorded as `changed_by` on every record of the batch.
    source: String,
    seq: i64,
    now: DateTime<Utc>,
    statements: HashMap<RecordKind, Statement<'t>>,
    counts: HashMap<RecordKind, u64>,
    values: Vec<Value>,
}

impl<'t> Bulk<'t> {
    pub(super) fn new(tx: &'t Transaction<'t>, author: &'t Author, seq: i64) -> Self {
        Bulk {
            tx,
            author,
            source: author.install_id.clone(),
            seq,
            now: Utc::now(),
            statements: HashMap::new(),
            counts: HashMap::new(),
            values: Vec::with_capacity(32),
        }
    }

    /// Inserts one record as created (and last changed) at `at`.
    pub fn insert<R: Record>(&mut self, id: Id<R>, record: &R, at: DateTime<Utc>) -> Result<()> {
        let columns = to_columns(record)?;
        let statement = match self.statements.entry(R::KIND) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let fields: Vec<&str> = columns.iter().map(|(f, _)| *f).collect();
                e.insert(self.tx.prepare(&insert_sql(R::KIND, &fields))?)
            }
        };
        let at = timestamp(at);
        self.values.clear();
        self.values.push(Value::Text(id.to_string()));
        self.values.push(Value::Text(at.clone()));
        self.values.push(Value::Text(at));
        self.values.push(Value::Null);
        self.values.push(Value::Integer(1));
        self.values.push(Value::Text(self.source.clone()));
        self.values.push(Value::Integer(self.seq));
        self.values.extend(columns.into_iter().map(|(_, v)| v));
        statement.execute(rusqlite::params_from_iter(self.values.drain(..)))?;
        *self.counts.entry(R::KIND).or_default() += 1;
        Ok(())
    }

    /// Attaches a file to a record of the batch (demo evidence): kept once by its SHA-256,
    /// the attachment row under the given id, created at `at`. The caller's file must be
    /// acceptable (`domain::attachment::recognise`): it is checked only by the tables.
    pub fn attach(
        &mut self,
        id: Id<crate::domain::attachment::Attachment>,
        kind: RecordKind,
        record: Id<()>,
        file_name: &str,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> Result<()> {
        super::attachments::bulk_attach(
            self.tx,
            &self.source,
            self.seq,
            (id, kind, record),
            file_name,
            bytes,
            &timestamp(at),
        )
    }

    /// Names the source recorded as `changed_by` on the batch's records (demo data names
    /// its profile and seed, so the same seed gives the same records).
    pub fn set_source(&mut self, source: &str) {
        self.source = source.to_string();
    }

    /// How many records of each register this batch wrote so far.
    pub fn count(&self, kind: RecordKind) -> u64 {
        self.counts.get(&kind).copied().unwrap_or(0)
    }

    pub(super) fn finish(&mut self, label: &str) -> Result<()> {
        let mut counts = serde_json::Map::new();
        for kind in RecordKind::ALL {
            if let Some(n) = self.counts.get(kind) {
                counts.insert(kind.code().to_string(), (*n).into());
            }
        }
        let changes = serde_json::json!({ "label": label, "counts": counts });
        self.statements.clear();
        // A batch spans registers: its kind is `*`, its counts say which.
        write_audit(
            self.tx,
            self.author,
            &timestamp(self.now),
            "bulk",
            "*",
            None,
            &changes,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_records_changes_read_as_the_map_an_update_would_write() {
        let columns: Vec<(&'static str, Value)> = vec![
            ("name", Value::Text("王\"秀英\"\n".into())),
            ("birth_date", Value::Text("1985-03-01".into())),
            ("phone", Value::Null),
            ("hours", Value::Integer(120)),
            ("ratio", Value::Real(0.5)),
            ("nan", Value::Real(f64::NAN)),
        ];
        let mut map = serde_json::Map::new();
        for (field, value) in &columns {
            if *value != Value::Null {
                map.insert(field.to_string(), serde_json::json!([null, value_json(value)]));
            }
        }
        assert_eq!(
            created_changes(&columns),
            serde_json::Value::Object(map).to_string()
        );
        assert_eq!(created_changes(&[]), "{}");
    }
}
