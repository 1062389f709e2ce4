//! The floor a bulk write can approach: the same rows, already in memory, inserted with
//! one prepared statement per table into an empty database with the same schema, in one
//! transaction. Benchmarks print it beside the real thing.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use rusqlite::types::Value;

use super::{Result, Store};
use crate::domain::RecordKind;

/// A table's name, its columns, and its rows read into memory.
type Table<'a> = (&'a str, Vec<String>, Vec<Vec<Value>>);

/// What the raw insert did.
#[derive(Clone, Debug)]
pub struct Floor {
    pub rows: u64,
    /// Only the inserts and the commit, not reading the rows.
    pub elapsed: Duration,
}

impl Store {
    /// Copies every record row of this store into a new database at `target` the fastest
    /// plain way, and times the inserts.
    pub fn raw_insert_floor(&self, target: &Path) -> Result<Floor> {
        self.raw_insert_floor_with(target, false)
    }

    /// [`Store::raw_insert_floor`], with the audit trail's entries too when `audit`: the
    /// floor of a write that, like every checked write, audits each record it makes.
    pub fn raw_insert_floor_with(&self, target: &Path, audit: bool) -> Result<Floor> {
        let mut tables: Vec<Table> = Vec::new();
        let audit_table = audit.then_some("audit_log");
        for table in RecordKind::ALL.iter().map(|k| k.code()).chain(audit_table) {
            let mut stmt = self.conn().prepare(&format!("SELECT * FROM {table}"))?;
            let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
            let n = columns.len();
            let rows = stmt.query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<Value>>>()
            })?;
            let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            tables.push((table, columns, rows));
        }
        // Same schema and settings as a store, nothing else.
        drop(Store::open(target)?);
        let mut conn = Connection::open(target)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "cache_size", -super::BULK_CACHE_KIB)?;
        let started = Instant::now();
        let tx = conn.transaction()?;
        let mut count = 0u64;
        for (table, columns, rows) in &tables {
            let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            let mut stmt = tx.prepare(&format!(
                "INSERT INTO {} ({}) VALUES ({})",
                table,
                columns.join(", "),
                marks.join(", ")
            ))?;
            for row in rows {
                stmt.execute(rusqlite::params_from_iter(row.iter()))?;
                count += 1;
            }
        }
        tx.commit()?;
        Ok(Floor {
            rows: count,
            elapsed: started.elapsed(),
        })
    }
}
