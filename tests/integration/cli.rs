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

    // The demo's self-assessment of 2025: scored as the records say, so its sheet has a
    // total and a band, and flags what has no evidence.
    let out = dir.path().join("assess");
    let o = skillbase(&["assess", "--db", path(&db), "--year", "2025", "--out", path(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("assessment.json")).unwrap()).unwrap();
    let sheet = &v["sheet"];
    let items: Vec<&serde_json::Value> = sheet["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["items"].as_array().unwrap())
        .collect();
    assert!(
        items.iter().all(|i| i["self_score"].is_number()),
        "every sub-item scored"
    );
    assert!(sheet["self_total"].as_f64().unwrap() > 0.0, "{sheet}");

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

/// `skillbase init` as an office scripts it: every value as in the README.
const INIT: &[&str] = &[
    "init",
    "--name",
    "包头职业技术学院高技能人才培训基地",
    "--kind",
    "training-base",
    "--tier",
    "national",
    "--credit-code",
    "12150100460001231U",
    "--division",
    "150203",
    "--host",
    "包头职业技术学院",
];

/// `INIT` with `flag`'s value replaced (or the flag left out when `value` is `None`).
fn init_with(db: &Path, flag: &str, value: Option<&str>) -> Vec<String> {
    let mut args: Vec<String> = vec!["--db".into(), path(db).into()];
    let mut rest = INIT.iter();
    args.push(rest.next().unwrap().to_string());
    while let (Some(f), Some(v)) = (rest.next(), rest.next()) {
        if *f == flag {
            if let Some(value) = value {
                args.extend([f.to_string(), value.to_string()]);
            }
        } else {
            args.extend([f.to_string(), v.to_string()]);
        }
    }
    args
}

fn run(args: &[String]) -> Output {
    skillbase(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn init_makes_a_database_with_its_organisation_as_the_first_run_form_would() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("基地.sqlite");
    let o = run(&init_with(&db, "", None));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("国家级高技能人才培训基地"), "{}", stdout(&o));
    let store = skillbase::store::Store::open_for_reading(&db).unwrap();
    let orgs = store.organisations().unwrap();
    assert_eq!(orgs.len(), 1);
    let org = &orgs[0].record;
    assert_eq!(org.name, "包头职业技术学院高技能人才培训基地");
    assert_eq!(org.kind, skillbase::domain::org::OrgKind::TrainingBase);
    assert_eq!(org.tier, Some(skillbase::domain::org::Tier::National));
    assert_eq!(org.credit_code.as_deref(), Some("12150100460001231U"));
    assert_eq!(org.division.as_deref(), Some("150203"));
    assert_eq!(org.host_unit.as_deref(), Some("包头职业技术学院"));
    // Written as any save is: with its audit entry.
    assert_eq!(store.audit_recent(10).unwrap().len(), 1);
    drop(store);

    // The file exists now: refused, left byte for byte, exit 2.
    let before = std::fs::read(&db).unwrap();
    let o = run(&init_with(&db, "--name", Some("另一个基地")));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("已存在"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // A studio, typed the way people type (full-width digits, a lower-case check
    // character, spaces), is tidied as the form tidies it.
    let studio = dir.path().join("studio.sqlite");
    let mut args = init_with(&studio, "--kind", Some("master-studio"));
    let at = args.iter().position(|a| a == "--credit-code").unwrap();
    args[at + 1] = " 12150100460001231u ".into();
    let at = args.iter().position(|a| a == "--division").unwrap();
    args[at + 1] = "１５０２０３".into();
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let orgs = skillbase::store::Store::open_for_reading(&studio)
        .unwrap()
        .organisations()
        .unwrap();
    assert_eq!(orgs[0].record.credit_code.as_deref(), Some("12150100460001231U"));
    assert_eq!(orgs[0].record.division.as_deref(), Some("150203"));
}

#[test]
fn init_with_any_bad_value_names_the_flag_exits_2_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite");
    // The flag, its value (none: left out), what the Chinese and the English message say.
    type Case = (
        &'static str,
        Option<&'static str>,
        &'static [&'static str],
        &'static [&'static str],
    );
    let cases: &[Case] = &[
        ("--name", None, &["--name"], &["--name", "missing"]),
        (
            "--name",
            Some("  "),
            &["--name（", "必须填写"],
            &["--name (", "required"],
        ),
        (
            "--kind",
            Some("school"),
            &["--kind", "school", "training-base"],
            &["--kind", "master-studio"],
        ),
        (
            "--tier",
            None,
            &["缺少 --tier", "national"],
            &["--tier is missing", "league"],
        ),
        (
            "--tier",
            Some("county"),
            &["--tier", "county", "league"],
            &["--tier \"county\"", "national"],
        ),
        (
            "--credit-code",
            Some("911506027013456A10"),
            &["--credit-code（统一社会信用代码）"],
            &["--credit-code ("],
        ),
        (
            "--credit-code",
            None,
            &["缺少 --credit-code"],
            &["--credit-code is missing"],
        ),
        (
            "--division",
            Some("110101"),
            &["--division", "110101"],
            &["--division", "110101"],
        ),
        (
            "--division",
            None,
            &["缺少 --division"],
            &["--division is missing"],
        ),
    ];
    for (flag, value, zh, en) in cases {
        let args = init_with(&db, flag, *value);
        for (lang, expected) in [("zh", zh), ("en", en)] {
            let mut args = args.clone();
            args.extend(["--lang".to_string(), lang.to_string()]);
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{flag} {value:?}: {}", stderr(&o));
            for e in expected.iter() {
                assert!(
                    stderr(&o).contains(e),
                    "{flag} {value:?} ({lang}) wants {e}: {}",
                    stderr(&o)
                );
            }
            let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            assert!(left.is_empty(), "{flag} {value:?} left {left:?}");
        }
    }
    // Every problem at once, each naming its flag.
    let o = skillbase(&["init", "--db", path(&db), "--kind", "base", "--division", "1502"]);
    assert_eq!(o.status.code(), Some(2));
    for flag in ["--name", "--kind", "--tier", "--credit-code", "--division"] {
        assert!(stderr(&o).contains(flag), "{flag}: {}", stderr(&o));
    }
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    // A folder that does not exist: named, nothing made.
    let o = run(&init_with(&dir.path().join("no/such/folder/x.sqlite"), "", None));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

/// The reader of a command's output goes away after one line (`skillbase … | head -1`):
/// the command ends quietly, never with a panic.
#[test]
fn a_closed_pipe_ends_a_printing_command_quietly() {
    use std::io::BufRead;
    let (dir, store) = crate::common::national_base();
    drop(store);
    let db = dir.path().join("national-base.sqlite");
    // Outputs longer than a pipe holds, so the command is still writing when it closes.
    for args in [
        &["check", "--db", path(&db), "--year", "2025", "--json"][..],
        &["audit", "--db", path(&db), "--limit", "100000"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_skillbase"))
            .args(args)
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("SKILLBASE_DB")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty(), "{args:?}");
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
        // Stopped at the closed pipe with the status a shell shows for SIGPIPE (a script
        // with pipefail sees it), or done already when the reader's line was all of it.
        assert!(
            matches!(o.status.code(), Some(0 | 141)),
            "{args:?}: {:?} {err}",
            o.status
        );
    }
}

/// The README's sample outputs are what the program prints today: every command block
/// of one `skillbase …` line followed by an output block is run, in order, in one folder,
/// and its output compared line by line. In a sample, `……` stands for lines left out; the
/// time taken and the install id may differ.
#[test]
fn the_readme_samples_are_what_the_program_prints() {
    let readme = include_str!("../../README.md");
    let blocks: Vec<&str> = readme
        .split("```")
        .skip(1)
        .step_by(2)
        .map(|b| b.trim_matches('\n'))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for pair in blocks.windows(2) {
        let (command, sample) = (pair[0].trim(), pair[1]);
        let Some(args) = command.strip_prefix("skillbase ") else {
            continue;
        };
        if command.contains('\n') || sample.trim_start().starts_with("skillbase") || sample.trim().is_empty()
        {
            continue;
        }
        let o = Command::new(env!("CARGO_BIN_EXE_skillbase"))
            .args(args.split_whitespace())
            .current_dir(dir.path())
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("SKILLBASE_DB")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{command}: {}", stderr(&o));
        let printed = masked(&stdout(&o));
        let printed: Vec<&str> = printed.lines().collect();
        let sample = masked(sample);
        let mut at = 0;
        let mut skipping = false;
        for line in sample.lines() {
            if line.trim().starts_with("……") {
                skipping = true;
                continue;
            }
            if skipping {
                at += printed[at..].iter().position(|p| *p == line).unwrap_or_else(|| {
                    panic!(
                        "{command}: README line {line:?} not printed:\n{}",
                        printed.join("\n")
                    )
                });
                skipping = false;
            }
            assert_eq!(
                printed.get(at),
                Some(&line),
                "{command}: README says\n{sample}\nprinted:\n{}",
                printed.join("\n")
            );
            at += 1;
        }
        assert!(
            skipping || at == printed.len(),
            "{command}: printed more than the README shows:\n{}",
            printed.join("\n")
        );
        compared += 1;
    }
    assert!(compared >= 3, "{compared} samples found");
}

/// A sample's parts that change from run to run: the seconds taken, install ids.
fn masked(text: &str) -> String {
    let is_uuid = |s: &[u8]| {
        s.len() == 36
            && s.iter().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_hexdigit(),
            })
    };
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_string();
        if let Some(at) = (0..line.len().saturating_sub(35)).find(|&i| is_uuid(&line.as_bytes()[i..i + 36])) {
            line.replace_range(at..at + 36, "<id>");
        }
        if let Some(at) = line.find("用时 ")
            && let Some(end) = line[at..].find(" 秒")
        {
            line.replace_range(at..at + end, "用时 <s>");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// `skillbase open FILE` (the desktop entry's command) names a package that is not there
/// instead of opening a window on nothing.
#[test]
fn open_names_a_missing_package_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("不在.sbpkg");
    let o = skillbase(&["open", path(&missing)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("不在.sbpkg") && stderr(&o).contains("不存在"),
        "{}",
        stderr(&o)
    );
}

/// `skillbase log` as a script runs it: one entry added (0), every bad flag named with
/// nothing written (2), and the entries importable with the other rosters
/// (`import --kind apprentice-log`).
#[test]
fn log_adds_an_entry_and_refuses_bad_input_naming_the_flag_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.sqlite");
    assert_eq!(
        skillbase(&["demo", "--db", path(&db), "--profile", "studio"])
            .status
            .code(),
        Some(0)
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    // An active apprenticeship with a plan, begun before 2026-09.
    let (a, start, doc): (String, String, String) = conn
        .query_row(
            "SELECT a.id, a.start_date, p.doc_number FROM apprenticeship a JOIN person p ON p.id = a.apprentice
              WHERE a.status = 'active' AND a.start_date < '2026-09-01'
                AND EXISTS (SELECT 1 FROM plan_stage s WHERE s.apprenticeship = a.id)
              ORDER BY a.start_date LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    drop(conn);
    let log = |extra: &[&str]| {
        let mut args = vec!["log", "--db", path(&db)];
        args.extend_from_slice(extra);
        skillbase(&args)
    };
    let o = log(&[
        "--apprenticeship",
        &a,
        "--date",
        "2026-10-31",
        "--hours",
        "4",
        "--text",
        "电解槽换极练习",
        "--stage",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("4 学时，第 1 阶段"), "{}", stdout(&o));

    let before = snapshot(&db);
    let day_before_start =
        (chrono::NaiveDate::parse_from_str(&start, "%Y-%m-%d").unwrap() - chrono::Days::new(1)).to_string();
    let unknown = "01234567-89ab-7def-8123-456789abcdef";
    // (apprenticeship, date, hours, text, stage) and the flag the refusal names.
    let cases: [([&str; 5], &str); 8] = [
        ([&a, "2026-10-31", "21", "x", ""], "--hours"),
        ([&a, "2026-10-30", "0", "x", ""], "--hours"),
        ([&a, "2026-10-30", "ab", "x", ""], "--hours"),
        ([&a, &day_before_start, "2", "x", ""], "--date"),
        ([&a, "2026-02-30", "2", "x", ""], "--date"),
        ([&a, "2026-10-30", "2", "x", "9"], "--stage"),
        ([&a, "2026-10-30", "2", "", ""], "--text"),
        ([unknown, "2026-10-30", "2", "x", ""], "--apprenticeship"),
    ];
    for ([id, date, hours, text, stage], flag) in cases {
        let mut args = vec!["--apprenticeship", id, "--date", date, "--hours", hours];
        for (name, value) in [("--text", text), ("--stage", stage)] {
            if !value.is_empty() {
                args.extend([name, value]);
            }
        }
        let o = log(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(flag) && err.contains("未写入任何内容"),
            "{args:?}: {err}"
        );
    }
    assert!(snapshot(&db) == before, "a refused entry changed the database");

    // The same entries from a spreadsheet, one row of a day already full refused.
    let roster = dir.path().join("log.csv");
    let import = |rows: &str| {
        std::fs::write(
            &roster,
            format!("徒弟身份证号,日期,学时,带教内容,阶段序号\n{rows}"),
        )
        .unwrap();
        skillbase(&[
            "import",
            "--db",
            path(&db),
            "--kind",
            "apprentice-log",
            path(&roster),
        ])
    };
    let o = import(&format!(
        "{doc},2026-10-29,3,识图练习,2\n{doc},2026-10-31,21,加班,\n"
    ));
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("一天不能超过 24 小时"), "{}", stdout(&o));
    let o = import(&format!("{doc},2026-10-29,3,识图练习,2\n"));
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let n: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM log_entry WHERE apprenticeship = ?1 AND date IN ('2026-10-29', '2026-10-31') AND content IN ('识图练习', '电解槽换极练习')",
            [&a],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 2);
}

/// `skillbase indicators`: the built-in 2015 plan listed and in force from 2015 for the
/// kinds and tiers it judges (none for 盟市级), a stored set taking over from its first
/// year; as JSON and as text in both languages.
#[test]
fn indicators_lists_the_2015_plan_and_the_set_in_force_by_year() {
    use skillbase::domain::indicators::{Basis, Comparison, Indicator, IndicatorKey, IndicatorSet};
    use skillbase::domain::org::{OrgKind, Tier};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("region.sqlite");
    let mut s = skillbase::store::Store::open(&db).unwrap();
    let set = s
        .insert(IndicatorSet {
            name: "自治区 2026 绩效目标".into(),
            document: "内人社办发〔2026〕2号".into(),
            issuer: None,
            from_year: 2026,
            to_year: None,
            attendance_floor: None,
            notes: None,
        })
        .unwrap();
    s.insert(Indicator {
        indicator_set: set,
        org_kind: OrgKind::TrainingBase,
        tier: Tier::Region,
        key: IndicatorKey::PassRate,
        label_zh: "培训合格率".into(),
        label_en: "Pass rate".into(),
        unit: "%".into(),
        threshold: 90.0,
        comparison: Comparison::AtLeast,
        basis: Basis::Rate,
        period_years: None,
    })
    .unwrap();
    drop(s);

    let o = skillbase(&["indicators", "--db", path(&db), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let plan = v["sets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["built_in"] == true)
        .unwrap();
    assert_eq!(plan["name"], "内蒙古 2015 实施方案");
    assert_eq!(plan["from_year"], 2015);
    assert_eq!(plan["attendance_floor"], 0.8);
    assert_eq!(plan["indicators"].as_array().unwrap().len(), 10);
    let in_force = |year: i64, kind: &str, tier: &str| {
        v["in_force"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["year"] == year && r["org_kind"] == kind && r["tier"] == tier)
            .map(|r| r["set_name"].clone())
            .unwrap()
    };
    assert_eq!(
        in_force(2015, "training_base", "national"),
        "内蒙古 2015 实施方案"
    );
    assert_eq!(in_force(2025, "training_base", "region"), "内蒙古 2015 实施方案");
    assert_eq!(in_force(2026, "training_base", "region"), "自治区 2026 绩效目标");
    assert_eq!(
        in_force(2026, "training_base", "national"),
        "内蒙古 2015 实施方案"
    );
    assert_eq!(in_force(2026, "master_studio", "league"), serde_json::Value::Null);

    let o = skillbase(&["indicators", "--db", path(&db)]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        text.contains("各年度适用的指标集") && text.contains("2015–2025  内蒙古 2015 实施方案"),
        "{text}"
    );
    let o = skillbase(&["indicators", "--db", path(&db), "--lang", "en"]);
    assert!(stdout(&o).contains("The set in force by year"), "{}", stdout(&o));
    // A database that is not there: bad input, nothing created.
    let missing = dir.path().join("none.sqlite");
    let o = skillbase(&["indicators", "--db", path(&missing)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!missing.exists());
}

/// A database with one organisation, and its id.
fn one_org(dir: &Path) -> (std::path::PathBuf, String) {
    use skillbase::domain::org::{OrgKind, Organisation};
    let db = dir.join("base.sqlite");
    let mut s = skillbase::store::Store::open(&db).unwrap();
    let id = s
        .insert(Organisation::new(OrgKind::TrainingBase, "包头技师学院"))
        .unwrap();
    (db, id.to_string())
}

/// `attach` and `attachments` as offices script them: every bad file or record named
/// with what is expected, exit 2, the database byte for byte as it was; the same content
/// twice stored once and said; the list and the totals in `info`.
#[test]
fn attach_refuses_bad_files_and_records_and_stores_a_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let (db, org) = one_org(dir.path());
    let d = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    std::fs::write(d("empty.pdf"), b"").unwrap();
    std::fs::write(d("setup.pdf"), b"MZ\x90\0\x03\0\0\0").unwrap();
    std::fs::write(d("notes.txt"), b"hello").unwrap();
    std::fs::File::create(d("big.pdf"))
        .unwrap()
        .set_len(21 * 1024 * 1024)
        .unwrap();
    std::fs::create_dir(d("folder.pdf")).unwrap();
    std::fs::write(d("award.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR scan").unwrap();
    let before = std::fs::read(&db).unwrap();
    let cases: [(&[&str], &str); 9] = [
        (&["--record", &org, &d("empty.pdf")], "文件是空的"),
        (&["--record", &org, &d("big.pdf")], "超过每个附件 20.0 MB 的上限"),
        (&["--record", &org, &d("setup.pdf")], "内容不是 PDF 文件"),
        (&["--record", &org, &d("notes.txt")], "不接受 .txt 文件"),
        (&["--record", &org, &d("folder.pdf")], "是文件夹"),
        (&["--record", &org, &d("missing.pdf")], "不存在"),
        (&["--record", &org, path(&db)], "是数据库本身"),
        (
            &[
                "--record",
                "0190a1b2-0000-7000-8000-000000000000",
                &d("award.png"),
            ],
            "找不到标识为",
        ),
        (&["--record", "abc", &d("award.png")], "不是记录标识"),
    ];
    for (args, message) in cases {
        let mut all = vec!["attach", "--db", path(&db)];
        all.extend_from_slice(args);
        let o = skillbase(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("没有写入任何内容"), "{}", stderr(&o));
        assert_eq!(std::fs::read(&db).unwrap(), before, "{args:?}");
    }
    let attach = |extra: &[&str]| {
        let mut all = vec!["attach", "--db", path(&db), "--record", &org];
        all.extend_from_slice(extra);
        skillbase(&all)
    };
    let o = attach(&[&d("award.png"), "--note", "2025 年度"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("已把“award.png”"), "{}", stdout(&o));
    let o = attach(&[&d("award.png")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("没有重复保存"), "{}", stdout(&o));

    let o = skillbase(&["attachments", "--db", path(&db), "--record", &org, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["attachments"].as_array().unwrap().len(), 1);
    assert_eq!(v["attachments"][0]["note"], "2025 年度");
    assert_eq!(v["attachments"][0]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(v["totals"]["files"], 1);
    let o = skillbase(&["--lang", "en", "attachments", "--db", path(&db)]);
    assert!(
        stdout(&o).contains("award.png") && stdout(&o).contains("1 attachments"),
        "{}",
        stdout(&o)
    );
    let o = skillbase(&["info", "--db", path(&db), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["attachments"]["attachments"], 1);
    assert_eq!(v["attachments"]["bytes"], 21);
}

/// `skillbase assess`: the three files, the evidence copied under safe names, a sub-item
/// without evidence counted zero (and its major item under 60%), and bad input refused
/// with exit 2 and nothing written.
#[test]
fn assess_writes_the_sheet_and_its_evidence_and_refuses_bad_input() {
    use skillbase::domain::RecordKind;
    use skillbase::domain::assessment::example;
    use skillbase::domain::org::OrgKind;
    use skillbase::store::AssessmentSide;

    let (dir, mut store) = crate::common::national_base();
    let db = store.path().unwrap().to_path_buf();
    let org = store.resolve_reporting_organisation(None).unwrap();
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let proof = store
        .attach(
            RecordKind::Organisation,
            org.id,
            "师资:名册?.pdf",
            &pdf,
            Some("2025 年度"),
        )
        .unwrap();
    let scheme = example(OrgKind::TrainingBase);
    for item in scheme.groups.iter().flat_map(|g| &g.items) {
        // Everything at full points with the file linked, but 年公共实训服务 unproven.
        let linked = if item.key == "service.public" {
            vec![]
        } else {
            vec![proof.sha256.clone()]
        };
        store
            .set_assessment_entry(
                AssessmentSide::Own,
                org.id,
                2025,
                &scheme.key,
                &item.key,
                Some(item.points),
                "",
                &linked,
            )
            .unwrap();
    }
    let out = dir.path().join("自评");
    let o = skillbase(&[
        "assess",
        "--db",
        path(&db),
        "--year",
        "2025",
        "--out",
        path(&out),
        "--with-evidence",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("自评总分 90"), "{}", stdout(&o));
    for f in ["assessment.pdf", "assessment.json", "assessment.xlsx"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("assessment.json")).unwrap()).unwrap();
    assert_eq!(json["sheet"]["self_total"], 90.0);
    assert_eq!(json["sheet"]["without_evidence"], 1);
    // 社会服务 has 20 points and keeps 10 of them, under its 60% (12): 不合格 at 90.
    assert_eq!(json["sheet"]["self_band"], "fail");
    // Every file the annex lists is copied once (the demo's sign-in sheets on cohorts
    // too), the one attached here under its number, SHA-256 prefix and a safe name.
    let evidence: Vec<String> = std::fs::read_dir(out.join("evidence"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let listed: std::collections::HashSet<&str> = json["sheet"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["items"].as_array().unwrap())
        .flat_map(|i| i["evidence"].as_array().unwrap())
        .map(|e| e["sha256"].as_str().unwrap())
        .collect();
    assert_eq!(evidence.len(), listed.len(), "{evidence:?}");
    let suffix = format!("-{}-师资_名册_.pdf", &proof.sha256[..8]);
    let name = evidence
        .iter()
        .find(|n| n.ends_with(&suffix))
        .unwrap_or_else(|| panic!("{evidence:?}"));
    assert_eq!(std::fs::read(out.join("evidence").join(name)).unwrap(), pdf);
    // The PDF carries the code of the JSON beside it.
    let json_text = String::from_utf8(std::fs::read(out.join("assessment.json")).unwrap()).unwrap();
    let printed = std::fs::read(out.join("assessment.pdf")).unwrap();
    assert_eq!(
        skillbase::report::pdf::read_code(&printed),
        Some(skillbase::report::companion::verification_code(&json_text))
    );

    // Again without --force: refused, the files as they were.
    let before = std::fs::read(out.join("assessment.json")).unwrap();
    let o = skillbase(&["assess", "--db", path(&db), "--year", "2025", "--out", path(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(out.join("assessment.json")).unwrap(), before);
    let o = skillbase(&[
        "assess",
        "--db",
        path(&db),
        "--year",
        "2025",
        "--out",
        path(&out),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let refused: &[(&[&str], &str)] = &[
        (&["--year", "1800"], "1800"),
        (&["--year", "2025", "--org", "没有这个单位"], "没有这个单位"),
        (&["--year", "2025", "--scheme", "example-studio"], "不适用"),
        (&["--year", "2025", "--scheme", "nope"], "nope"),
    ];
    for (args, says) in refused {
        let fresh = dir.path().join("refused");
        let mut all = vec!["assess", "--db", path(&db), "--out", path(&fresh)];
        all.extend_from_slice(args);
        let o = skillbase(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert!(!fresh.exists(), "{args:?} wrote something");
    }
    let backups = skillbase::files::backups_dir(&db);
    let o = skillbase(&[
        "assess",
        "--db",
        path(&db),
        "--year",
        "2025",
        "--out",
        path(&backups),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!backups.join("assessment.pdf").exists());
}
