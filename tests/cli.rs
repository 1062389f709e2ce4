//! The command line as offices script it: exit codes, messages in the user's language,
//! and files never touched when they are refused.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::skillbase;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn help_lists_the_commands_and_succeeds() {
    let o = skillbase(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(help.contains("demo") && help.contains("info"), "{help}");
    assert!(help.contains("--db"));
}

#[test]
fn with_no_command_and_no_display_it_says_so_and_points_to_the_command_line() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_skillbase"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env(
            "SKILLBASE_DB",
            std::env::temp_dir().join("skillbase-no-display.db"),
        )
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("无法打开窗口") && err.contains("skillbase --help"),
        "{err}"
    );
}

#[test]
fn demo_then_info_reports_the_counts_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.sqlite");
    let o = skillbase(&["demo", "--db", path(&db), "--profile", "studio", "--seed", "3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("人员"));

    let o = skillbase(&["info", "--db", path(&db)]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("结构版本"));

    let o = skillbase(&["info", "--db", path(&db), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schema_version"], v["supported_schema_version"]);
    let people = v["registers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "person")
        .unwrap();
    assert!(people["live"].as_u64().unwrap() > 50);

    // Demo data never goes over existing records.
    let o = skillbase(&["demo", "--db", path(&db), "--profile", "studio"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("已有记录"), "{}", stderr(&o));
}

#[test]
fn info_on_a_missing_file_fails_with_2_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nothing.sqlite");
    let o = skillbase(&["info", "--db", path(&db)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nothing.sqlite"), "{}", stderr(&o));
    assert!(!db.exists());
}

#[test]
fn a_database_from_a_newer_version_is_refused_with_2_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newer.sqlite");
    assert_eq!(
        skillbase(&["demo", "--db", path(&db), "--profile", "studio"])
            .status
            .code(),
        Some(0)
    );
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    for args in [
        ["info", "--db", path(&db)].as_slice(),
        ["demo", "--db", path(&db)].as_slice(),
    ] {
        let o = skillbase(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("更新版本"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert!(!dir.path().join("newer.sqlite-wal").exists());
}

#[test]
fn messages_are_english_with_lang_en_or_an_english_locale() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("missing.sqlite");
    let o = skillbase(&["info", "--db", path(&db), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: the database file"),
        "{}",
        stderr(&o)
    );

    let o = Command::new(env!("CARGO_BIN_EXE_skillbase"))
        .args(["info", "--db", path(&db)])
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(stderr(&o).starts_with("error:"), "{}", stderr(&o));

    let o = skillbase(&["--lang", "en", "--help"]);
    assert!(stdout(&o).contains("Write demo data"), "{}", stdout(&o));
}

#[test]
fn bad_flags_and_unknown_profiles_exit_2() {
    let o = skillbase(&["demo", "--profile", "city"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("national-base"), "{}", stderr(&o));
    assert_eq!(skillbase(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.xlsx");
    std::fs::write(&db, b"PK\x03\x04 not really a workbook").unwrap();
    let o = skillbase(&["info", "--db", path(&db)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("不是 SQLite 数据库"), "{}", stderr(&o));
}
