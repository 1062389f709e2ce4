//! Store internals: the migration path.

use super::*;

fn schema_of(conn: &Connection) -> Vec<(String, String, String)> {
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn upgrading_step_by_step_gives_the_same_schema_as_a_fresh_database() {
    let dir = tempfile::tempdir().unwrap();
    let stepwise = dir.path().join("old.sqlite");
    {
        let mut conn = Connection::open(&stepwise).unwrap();
        for version in 1..=schema::CURRENT_VERSION {
            migrate(&mut conn, version, Some(&stepwise)).unwrap();
            let v: i32 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(v, version);
        }
    }
    // Opening through the store must find nothing left to do, and keep what is there.
    let upgraded = Store::open(&stepwise).unwrap();
    let fresh = Store::open_in_memory().unwrap();
    assert_eq!(schema_of(upgraded.conn()), schema_of(fresh.conn()));
    assert_eq!(upgraded.schema_version().unwrap(), schema::CURRENT_VERSION);
}

#[test]
fn every_register_has_a_table_with_the_bookkeeping_columns() {
    let store = Store::open_in_memory().unwrap();
    for kind in RecordKind::ALL {
        let mut stmt = store
            .conn()
            .prepare(&format!("PRAGMA table_info({})", kind.code()))
            .unwrap();
        let columns: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>("name"))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for meta in meta_columns() {
            assert!(columns.iter().any(|c| c == meta), "{} lacks {meta}", kind.code());
        }
    }
}

#[test]
fn every_foreign_key_column_is_indexed() {
    let store = Store::open_in_memory().unwrap();
    for (kind, fks) in &store.refs {
        for fk in fks {
            let mut stmt = store
                .conn()
                .prepare(&format!("PRAGMA index_list({})", kind.code()))
                .unwrap();
            let indexes: Vec<String> = stmt
                .query_map([], |r| r.get::<_, String>("name"))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            let covered = indexes.iter().any(|ix| {
                let first: Option<String> = store
                    .conn()
                    .query_row(
                        &format!("SELECT name FROM pragma_index_info('{ix}') WHERE seqno = 0"),
                        [],
                        |r| r.get(0),
                    )
                    .ok();
                first.as_deref() == Some(fk.column.as_str())
            });
            assert!(covered, "{}.{} has no index", kind.code(), fk.column);
        }
    }
}

/// The schema's `person_grade` ranks each grade as `SkillGrade::rank` does (the triggers
/// spell the ranks out in SQL; the people list sorts by them).
#[test]
fn the_highest_grade_table_ranks_grades_as_the_domain_does() {
    let v9 = schema::MIGRATIONS[8];
    for g in crate::domain::grade::SkillGrade::ALL {
        let when = format!("WHEN '{}' THEN {} ", g.code(), g.rank());
        let end = format!("WHEN '{}' THEN {} END", g.code(), g.rank());
        assert!(v9.contains(&when) || v9.contains(&end), "{g:?}");
    }
}
