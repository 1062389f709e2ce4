//! The command line as offices script it: exit codes, messages in the user's language,
//! and files never touched when they are refused.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::skillbase;

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

#[cfg(feature = "gui")]
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

#[cfg(not(feature = "gui"))]
#[test]
fn with_no_command_a_build_without_the_window_says_so_in_both_languages_and_exits_1() {
    for (lang, expected) in [("zh_CN.UTF-8", "不含图形界面"), ("en_US.UTF-8", "has no window")] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_skillbase"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{lang}");
        let err = stderr(&o);
        assert!(
            err.contains(expected) && err.contains("skillbase --help"),
            "{lang}: {err}"
        );
    }
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

// ---------------------------------------------------------------------------------------
// Files a command writes: never the database's own, never silently over another file.
// ---------------------------------------------------------------------------------------

/// A small database (named `name`, in `dir`) with one organisation and one person,
/// closed; a backup of it taken.
fn small_database(dir: &Path, name: &str) -> std::path::PathBuf {
    use skillbase::domain::org::{OrgKind, Organisation};
    std::fs::create_dir_all(dir).unwrap();
    let db = dir.join(name);
    let mut s = skillbase::store::Store::open(&db).unwrap();
    s.set_today(crate::common::today());
    s.insert(Organisation::new(OrgKind::TrainingBase, "测试培训基地"))
        .unwrap();
    s.insert(crate::common::passport_person("乌云", "E12345678"))
        .unwrap();
    s.backup(
        skillbase::store::BackupReason::Manual,
        &skillbase::progress::Silent,
    )
    .unwrap();
    db
}

fn with_suffix(p: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = p.as_os_str().to_os_string();
    s.push(suffix);
    s.into()
}

/// The database's bytes, its log's, and whether -wal/-shm files lie beside it.
fn snapshot(db: &Path) -> (Vec<u8>, Option<Vec<u8>>, bool) {
    (
        std::fs::read(db).unwrap(),
        std::fs::read(with_suffix(db, "-wal")).ok(),
        with_suffix(db, "-shm").exists(),
    )
}

#[test]
fn no_command_writes_over_the_database_its_sidecars_or_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    // Named like a workbook, so that every writer's extension check lets it through.
    let db = small_database(dir.path(), "名单.xlsx");
    let backups = dir.path().join("backups");
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "一二三四五六七八").unwrap();
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, "姓名,证件号码\n张三,150102199003071238\n李四,123\n").unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&db, dir.path().join("link.xlsx")).unwrap();
    #[cfg(unix)]
    std::fs::hard_link(&db, dir.path().join("hard.xlsx")).unwrap();
    let mut spellings = vec![
        db.clone(),
        sub.join("..").join("名单.xlsx"),
        dir.path().join(".").join("名单.xlsx"),
        with_suffix(&db, "-wal"),
        with_suffix(&db, ".lock"),
        backups.join("导出.xlsx"),
    ];
    #[cfg(unix)]
    spellings.extend([dir.path().join("link.xlsx"), dir.path().join("hard.xlsx")]);
    let before = snapshot(&db);
    let d = path(&db);
    for target in &spellings {
        let t = path(target);
        let runs: Vec<Vec<&str>> = vec![
            vec!["export", "--db", d, "--kind", "people", "--out", t, "--force"],
            vec!["template", "--db", d, "--kind", "people", "--out", t, "--force"],
            vec!["audit", "--db", d, "--out", t, "--force"],
            vec!["backup", "--db", d, "--out", t, "--force"],
            vec![
                "import",
                "--db",
                d,
                "--kind",
                "people",
                path(&roster),
                "--skip-invalid",
                t,
                "--force",
            ],
            vec![
                "package",
                "export",
                "--db",
                d,
                "--out",
                t,
                "--passphrase-file",
                path(&pass),
                "--force",
            ],
        ];
        for args in runs {
            let o = skillbase(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert!(stderr(&o).contains("不能写入"), "{args:?}: {}", stderr(&o));
        }
    }
    for args in [
        [
            "return",
            "--db",
            d,
            "--year",
            "2025",
            "--out",
            path(&backups),
            "--force",
        ],
        [
            "region-return",
            "--db",
            d,
            "--year",
            "2025",
            "--out",
            path(&backups),
            "--force",
        ],
    ] {
        let o = skillbase(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("备份文件夹"), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(snapshot(&db), before, "the database, byte for byte");
    assert_eq!(
        std::fs::read_dir(&backups).unwrap().count(),
        1,
        "the backups folder"
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_database(dir.path(), "base.sqlite");
    let d = path(&db);
    let mine = b"a file of the user's";
    for (name, args) in [
        ("t.xlsx", vec!["template", "--db", d, "--kind", "people", "--out"]),
        ("e.csv", vec!["export", "--db", d, "--kind", "people", "--out"]),
        ("a.xlsx", vec!["audit", "--db", d, "--out"]),
        ("b.sqlite", vec!["backup", "--db", d, "--out"]),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, mine).unwrap();
        let mut args = args.clone();
        args.push(path(&file));
        let o = skillbase(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
        assert_eq!(std::fs::read(&file).unwrap(), mine, "{name} kept");
        args.push("--force");
        let o = skillbase(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_ne!(
            std::fs::read(&file).unwrap(),
            mine,
            "{name} replaced with --force"
        );
    }
    // Another SkillBase database is never overwritten, --force or not; an older backup on
    // a stick may be replaced by a newer one.
    let other = small_database(&dir.path().join("other"), "other.xlsx");
    let before = snapshot(&other);
    for args in [
        vec![
            "export",
            "--db",
            d,
            "--kind",
            "people",
            "--out",
            path(&other),
            "--force",
        ],
        vec!["backup", "--db", d, "--out", path(&other), "--force"],
    ] {
        let o = skillbase(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("技能基地通数据库"), "{}", stderr(&o));
    }
    assert_eq!(snapshot(&other), before);
    let stick = dir.path().join("stick.sqlite");
    assert_eq!(
        skillbase(&["backup", "--db", d, "--out", path(&stick)])
            .status
            .code(),
        Some(0)
    );
    let o = skillbase(&["backup", "--db", d, "--out", path(&stick), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A folder of the return: each of its three files counts.
    let out = dir.path().join("报表");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("return.json"), mine).unwrap();
    let o = skillbase(&["return", "--db", d, "--year", "2025", "--out", path(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(out.join("return.json")).unwrap(), mine);
    assert!(!out.join("return.pdf").exists(), "none of the three written");
}

#[test]
fn reading_commands_and_a_no_op_import_leave_the_database_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_database(dir.path(), "base.sqlite");
    let d = path(&db);
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "一二三四五六七八").unwrap();
    let pkg = dir.path().join("a.sbpkg");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let other = small_database(&elsewhere, "other.sqlite");
    let o = skillbase(&[
        "package",
        "export",
        "--db",
        path(&other),
        "--out",
        path(&pkg),
        "--passphrase-file",
        path(&pass),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = skillbase(&[
        "package",
        "import",
        "--db",
        d,
        path(&pkg),
        "--passphrase-file",
        path(&pass),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, "姓名,证件号码\n张三,150102199003071238\n").unwrap();
    let before = snapshot(&db);
    let x = |n: &str| dir.path().join(n).display().to_string();
    let (e, a, b) = (x("e.xlsx"), x("a.xlsx"), x("b.sqlite"));
    for args in [
        vec!["info", "--db", d],
        vec!["info", "--db", d, "--json"],
        vec!["check", "--db", d, "--year", "2025"],
        vec!["export", "--db", d, "--kind", "people", "--out", &e],
        vec!["audit", "--db", d],
        vec!["audit", "--db", d, "--out", &a],
        vec!["backup", "--db", d, "--list"],
        vec!["backup", "--db", d, "--out", &b],
        vec![
            "import",
            "--db",
            d,
            "--kind",
            "people",
            path(&roster),
            "--dry-run",
        ],
        vec![
            "package",
            "import",
            "--db",
            d,
            path(&pkg),
            "--passphrase-file",
            path(&pass),
            "--dry-run",
        ],
        // The same package again: nothing to write, and nothing written.
        vec![
            "package",
            "import",
            "--db",
            d,
            path(&pkg),
            "--passphrase-file",
            path(&pass),
        ],
    ] {
        let o = skillbase(&args);
        // `check` and a dry run with a bad row exit 2; nothing may fail otherwise.
        assert_ne!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert_eq!(snapshot(&db), before, "{args:?} changed the database");
    }
}

#[test]
fn info_on_an_empty_file_does_not_make_it_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.sqlite");
    std::fs::write(&db, b"").unwrap();
    for args in [["info", "--db", path(&db)], ["check", "--db", path(&db)]] {
        let mut args = args.to_vec();
        if args[0] == "check" {
            args.extend(["--year", "2025"]);
        }
        let o = skillbase(&args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("0 字节"), "{}", stderr(&o));
        assert_eq!(std::fs::metadata(&db).unwrap().len(), 0);
        assert!(!with_suffix(&db, "-wal").exists() && !with_suffix(&db, "-shm").exists());
    }
}

#[test]
fn a_consolidation_refused_for_a_bad_package_leaves_no_database_behind() {
    let dir = tempfile::tempdir().unwrap();
    let region = dir.path().join("全区.sqlite");
    let junk = dir.path().join("junk.sbpkg");
    std::fs::write(&junk, b"not a package").unwrap();
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "一二三四五六七八").unwrap();
    let o = skillbase(&[
        "consolidate",
        "--db",
        path(&region),
        path(&junk),
        "--passphrase-file",
        path(&pass),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    for suffix in ["", "-wal", "-shm", "-journal"] {
        assert!(!with_suffix(&region, suffix).exists(), "{suffix} left behind");
    }
}

#[test]
fn restoring_another_databases_backup_needs_a_flag_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let a = small_database(dir.path(), "基地.sqlite");
    let b = small_database(dir.path(), "基地.db");
    let o = skillbase(&["backup", "--db", path(&b), "--list"]);
    let listed = stdout(&o);
    assert_eq!(
        listed.matches("手动备份").count(),
        1,
        "its own backup only: {listed}"
    );
    let theirs = skillbase::store::backup::list_backups(&b).unwrap()[0]
        .path
        .clone();
    let before = snapshot(&a);
    let o = skillbase(&["restore", "--db", path(&a), path(&theirs)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("基地.sqlite") && err.contains("基地.db") && err.contains("--other-database"),
        "{err}"
    );
    assert_eq!(snapshot(&a), before);
    let o = skillbase(&["restore", "--db", path(&a), path(&theirs), "--other-database"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_symbolic_link_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite");
    let victim = dir.path().join("重要.txt");
    std::fs::write(&victim, "不能被截断").unwrap();
    std::os::unix::fs::symlink(&victim, with_suffix(&db, ".lock")).unwrap();
    let o = skillbase(&["demo", "--db", path(&db), "--profile", "studio"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("符号链接"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "不能被截断");
}
