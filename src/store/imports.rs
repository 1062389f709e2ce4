//! Spreadsheet imports in the store: committing one import's records in one transaction
//! with its history entry and one `import` audit entry (file, hash, counts), the import
//! history, and the column mappings remembered per kind and header layout.

use chrono::Utc;
use rusqlite::OptionalExtension;

use super::{Result, Store, Writer, timestamp};

/// What one import did, as its history keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    /// The import kind's code (`people`, `services`, …).
    pub kind: String,
    /// The file's name (not its folder).
    pub file_name: String,
    /// SHA-256 of the file's bytes, as 64 hex digits.
    pub sha256: String,
    /// Data rows in the file (empty rows not counted).
    pub rows: u64,
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Rows with errors, left out (only when the user chose to import the valid rows).
    pub rejected: u64,
}

/// One entry of the import history.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ImportRecord {
    pub seq: i64,
    pub at: String,
    pub profile: String,
    pub summary: ImportSummary,
}

impl Store {
    /// Runs `f` (the import's writes) in one transaction, then writes the history entry
    /// and one `import` audit entry in the same transaction: all of it lands, or none.
    pub fn import_commit<T>(
        &mut self,
        summary: &ImportSummary,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        let at = timestamp(Utc::now());
        let install_id = self.author.install_id.clone();
        let profile = self.author.profile.clone();
        self.write(|w| {
            let out = f(w)?;
            w.execute_sql(
                "INSERT INTO import_history
                 (at, install_id, profile, kind, file_name, sha256, rows, new, updated, unchanged, rejected, change_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                rusqlite::params![
                    at,
                    install_id,
                    profile,
                    summary.kind,
                    summary.file_name,
                    summary.sha256,
                    summary.rows as i64,
                    summary.new as i64,
                    summary.updated as i64,
                    summary.unchanged as i64,
                    summary.rejected as i64,
                    w.change_seq(),
                ],
            )?;
            let changes = serde_json::to_value(summary).unwrap_or(serde_json::Value::Null);
            w.audit_event("import", changes)?;
            Ok(out)
        })
    }

    /// The imports of this database, newest first.
    pub fn import_history(&self, limit: u32) -> Result<Vec<ImportRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at, profile, kind, file_name, sha256, rows, new, updated, unchanged, rejected
             FROM import_history ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            let n = |i: usize| r.get::<_, i64>(i).map(|v| v.max(0) as u64);
            Ok(ImportRecord {
                seq: r.get(0)?,
                at: r.get(1)?,
                profile: r.get(2)?,
                summary: ImportSummary {
                    kind: r.get(3)?,
                    file_name: r.get(4)?,
                    sha256: r.get(5)?,
                    rows: n(6)?,
                    new: n(7)?,
                    updated: n(8)?,
                    unchanged: n(9)?,
                    rejected: n(10)?,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The mapping last confirmed for files of this kind and header layout (as JSON).
    pub fn remembered_mapping(&self, kind: &str, layout: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT mapping FROM import_mapping WHERE kind = ?1 AND layout = ?2")?
            .query_row([kind, layout], |r| r.get(0))
            .optional()?)
    }

    /// Remembers the mapping confirmed for files of this kind and header layout.
    pub fn remember_mapping(&mut self, kind: &str, layout: &str, mapping: &str) -> Result<()> {
        self.writable()?;
        self.conn.execute(
            "INSERT INTO import_mapping (kind, layout, mapping, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (kind, layout) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
            rusqlite::params![kind, layout, mapping, timestamp(Utc::now())],
        )?;
        Ok(())
    }
}
