//! What a backup lacks compared with the database now, for the question before a
//! restore: per register the records added, changed and deleted since it was taken
//! (a few named as people know them), and the returns marked as submitted since.

use std::path::Path;

use rusqlite::OptionalExtension;

use super::{Result, Store, StoreError};
use crate::domain::RecordKind;

/// One register's records that differ between the database now and a backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedSince {
    pub kind: RecordKind,
    /// Live here, not live in the backup (added or restored since): lost by a restore.
    pub added: u64,
    /// Live in both, changed here since (a later version here than in the backup): those
    /// changes are lost. (A record the backup holds at a later version is not: restoring
    /// brings that version back.)
    pub changed: u64,
    /// Live in the backup, deleted here since: a restore brings them back.
    pub deleted: u64,
    /// A few of the added and changed records, as people know them.
    pub examples: Vec<String>,
}

/// A return marked as submitted here that the backup does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubmittedSince {
    pub year: i32,
    pub organisation: String,
    /// When it was marked (the stored UTC time; shown in local time).
    pub submitted_at: String,
    pub profile: String,
}

/// What restoring a backup would take back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SinceBackup {
    /// Registers with a difference, in the registers' order.
    pub registers: Vec<ChangedSince>,
    pub submissions: Vec<SubmittedSince>,
}

impl SinceBackup {
    /// The backup holds everything the database holds now.
    pub fn is_empty(&self) -> bool {
        self.registers.is_empty() && self.submissions.is_empty()
    }

    /// A restore loses nothing made since (at most records deleted since come back).
    pub fn loses_nothing(&self) -> bool {
        self.submissions.is_empty() && self.registers.iter().all(|r| r.added == 0 && r.changed == 0)
    }
}

/// How many records of a register are named as examples.
const EXAMPLES: usize = 3;

impl Store {
    /// Compares the database with the backup `file` (read, never changed): see
    /// [`SinceBackup`]. The backup is attached to this connection for the comparison
    /// and detached after; use a connection of its own (the window's tasks do).
    pub fn since_backup(&self, file: &Path) -> Result<SinceBackup> {
        let log = crate::files::Sidecar::Wal.of(file).exists();
        let uri = super::sqlite_uri(file, if log { "mode=ro" } else { "immutable=1" });
        self.conn
            .execute("ATTACH DATABASE ?1 AS bk", [&uri])
            .map_err(|e| super::classify_open_error(e, file))?;
        let compared = self.compare_attached();
        let _ = self.conn.execute_batch("DETACH DATABASE bk");
        compared.map_err(|e| match e {
            StoreError::Sqlite(inner) => super::classify_open_error(inner, file),
            other => other,
        })
    }

    fn compare_attached(&self) -> Result<SinceBackup> {
        let has = |table: &str| -> Result<bool> {
            Ok(self
                .conn
                .query_row(
                    "SELECT 1 FROM bk.sqlite_master WHERE type = 'table' AND name = ?1",
                    [table],
                    |_| Ok(()),
                )
                .optional()?
                .is_some())
        };
        let mut out = SinceBackup::default();
        for &kind in RecordKind::ALL.iter() {
            let t = kind.code();
            let ids = |sql: &str| -> Result<Vec<String>> {
                let mut stmt = self.conn.prepare(sql)?;
                let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
                Ok(rows.collect::<rusqlite::Result<_>>()?)
            };
            let (added, changed, deleted) = if has(t)? {
                (
                    ids(&format!(
                        "SELECT c.id FROM main.{t} c WHERE c.deleted_at IS NULL AND NOT EXISTS
                         (SELECT 1 FROM bk.{t} o WHERE o.id = c.id AND o.deleted_at IS NULL)"
                    ))?,
                    ids(&format!(
                        "SELECT c.id FROM main.{t} c JOIN bk.{t} o ON o.id = c.id
                         WHERE c.deleted_at IS NULL AND o.deleted_at IS NULL
                           AND (c.rev > o.rev OR (c.rev = o.rev AND c.updated_at > o.updated_at))"
                    ))?,
                    ids(&format!(
                        "SELECT o.id FROM bk.{t} o WHERE o.deleted_at IS NULL AND NOT EXISTS
                         (SELECT 1 FROM main.{t} c WHERE c.id = o.id AND c.deleted_at IS NULL)"
                    ))?,
                )
            } else {
                (
                    ids(&format!("SELECT id FROM main.{t} WHERE deleted_at IS NULL"))?,
                    Vec::new(),
                    Vec::new(),
                )
            };
            if added.is_empty() && changed.is_empty() && deleted.is_empty() {
                continue;
            }
            let examples = added
                .iter()
                .chain(&changed)
                .take(EXAMPLES)
                .map(|id| super::links::describe(&self.conn, kind, id))
                .collect();
            out.registers.push(ChangedSince {
                kind,
                added: added.len() as u64,
                changed: changed.len() as u64,
                deleted: deleted.len() as u64,
                examples,
            });
        }
        if self.table_exists("submission")? {
            let known = if has("submission")? {
                "AND NOT EXISTS (SELECT 1 FROM bk.submission b WHERE b.id = s.id)"
            } else {
                ""
            };
            let mut stmt = self.conn.prepare(&format!(
                "SELECT s.year, coalesce(o.name, s.org), s.submitted_at, s.profile
                 FROM main.submission s LEFT JOIN main.organisation o ON o.id = s.org
                 WHERE 1 {known} ORDER BY s.submitted_at"
            ))?;
            let rows = stmt.query_map([], |r| {
                Ok(SubmittedSince {
                    year: r.get(0)?,
                    organisation: r.get(1)?,
                    submitted_at: r.get(2)?,
                    profile: r.get(3)?,
                })
            })?;
            out.submissions = rows.collect::<rusqlite::Result<_>>()?;
        }
        Ok(out)
    }

    fn table_exists(&self, table: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// The summary entry of the merge written at `at` (one transaction writes a merge's
    /// record entries and its summary at one time): what a record's merge entry names as
    /// the package's sender.
    pub fn merge_summary_at(&self, at: &str) -> Result<Option<serde_json::Value>> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT changes FROM audit_log WHERE at = ?1 AND action = 'merge' AND kind = '*' LIMIT 1",
                [at],
                |r| r.get(0),
            )
            .optional()?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// A record as people know it (a person's name with the masked document number, an
    /// enrolment's person and cohort, a certificate's holder, occupation, grade and date,
    /// a fund's date and amount …), else its id: the library's one way of naming a record
    /// in messages, change histories and exchange views.
    pub fn describe(&self, kind: RecordKind, id: &str) -> String {
        super::links::describe(&self.conn, kind, id)
    }
}
