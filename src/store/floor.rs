//! The floor a bulk write can approach: the same rows, already in memory, inserted with
//! one prepared statement per table into an empty database with the same schema, in one
//! transaction. Benchmarks print it beside the real thing.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use rusqlite::types::Value;

use super::{Result, Store};
use crate::domain::RecordKind;

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
        let mut tables: Vec<(RecordKind, Vec<String>, Vec<Vec<Value>>)> = Vec::new();
        for kind in RecordKind::ALL {
            let mut stmt = self.conn().prepare(&format!("SELECT * FROM {}", kind.code()))?;
            let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
            let n = columns.len();
            let rows = stmt.query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<Value>>>()
            })?;
            let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            tables.push((*kind, columns, rows));
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
        for (kind, columns, rows) in &tables {
            let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            let mut stmt = tx.prepare(&format!(
                "INSERT INTO {} ({}) VALUES ({})",
                kind.code(),
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
