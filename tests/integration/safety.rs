//! Safety of the records as their keepers rely on it: a process killed at any moment
//! loses no commit it reported and leaves a sound file; one writer at a time; backups that
//! restore; damaged, foreign and newer files refused and left byte for byte as they were;
//! a full disk writes nothing; the audit trail shows old and new values.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::{skillbase, today};
use chrono::NaiveDate;
use skillbase::domain::grade::SkillGrade;
use skillbase::domain::person::Person;
use skillbase::domain::training::{CertType, Qualification};
use skillbase::domain::{Id, RecordKind};
use skillbase::store::{BackupReason, Store, StoreError, backup};

fn passport_holder(n: u64) -> Person {
    crate::common::passport_person("Crash Test", &format!("E{n:08}"))
}

fn certificate(person: Id<Person>) -> Qualification {
    Qualification {
        evaluator: None,
        person,
        occupation: "6-18-02-04".into(),
        work_type: Some("电焊工".into()),
        grade: SkillGrade::Senior,
        cert_type: CertType::SkillLevel,
        cert_number: None,
        issued_on: NaiveDate::from_ymd_opt(2020, 7, 1).unwrap(),
        issuer: None,
        enrolment: None,
    }
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// The writer the kill test starts (with `--ignored`), not a test of its own: it writes a
/// person and their certificate in one transaction, over and over, and prints the person's
/// id after each commit returns, until it is killed.
#[test]
#[ignore = "the kill test's writer process: started by that test only"]
fn crash_writer_child() {
    let Ok(db) = std::env::var("SKILLBASE_CRASH_DB") else {
        return;
    };
    let start: u64 = std::env::var("SKILLBASE_CRASH_START")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut store = Store::open_for_writing(Path::new(&db), "crash-test").unwrap();
    store.set_today(today());
    let mut stdout = std::io::stdout().lock();
    for n in start.. {
        let id = store
            .write(|w| {
                let p = w.insert(passport_holder(n))?;
                w.insert(certificate(p))?;
                Ok(p)
            })
            .unwrap();
        use std::io::Write;
        writeln!(stdout, "committed {id}").unwrap();
        stdout.flush().unwrap();
    }
}

/// A small deterministic generator for the kill times (no crate for one test).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// The name libtest knows a test of this module by (`safety::name`), for a child run with
/// `--exact`.
fn child_test(name: &str) -> String {
    let module = module_path!().split_once("::").map_or(module_path!(), |(_, m)| m);
    format!("{module}::{name}")
}

#[test]
fn a_writer_killed_at_random_moments_40_times_loses_no_reported_commit() {
    writer_killed_at_random_moments(40);
}

/// The long run (BENCHMARKS.md records it): `cargo test --test integration -- --ignored
/// killed_at_random_moments_200`.
#[test]
#[ignore = "the long run of the kill test, 200 rounds: run with --ignored"]
fn a_writer_killed_at_random_moments_200_times_loses_no_reported_commit() {
    writer_killed_at_random_moments(200);
}

fn writer_killed_at_random_moments(kills: usize) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite");
    let mut reported: Vec<String> = Vec::new();
    let mut rng = Lcg(0x5eed);
    for round in 0..kills {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                &child_test("crash_writer_child"),
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("SKILLBASE_CRASH_DB", &db)
            .env("SKILLBASE_CRASH_START", (round as u64 * 1_000_000).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, receive) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(id) = line.strip_prefix("committed ") {
                    let _ = send.send(id.to_string());
                }
            }
        });
        // Kill at a random moment: sometimes before the first commit, mostly mid-write.
        std::thread::sleep(Duration::from_millis(5 + rng.next(120)));
        child.kill().unwrap(); // SIGKILL on Unix, TerminateProcess on Windows
        child.wait().unwrap();
        reader.join().unwrap();
        reported.extend(receive.try_iter());

        // What a person opening the file next would see.
        let store = Store::open(&db).unwrap_or_else(|e| panic!("round {round}: {e:?}"));
        assert_eq!(
            store.check_integrity().unwrap(),
            Vec::<String>::new(),
            "round {round}"
        );
        let people = count(&store, RecordKind::Person);
        let certificates = count(&store, RecordKind::Qualification);
        assert_eq!(
            people, certificates,
            "round {round}: a person without their certificate"
        );
        assert!(people >= reported.len() as u64, "round {round}");
        drop(store);
    }
    // Every commit any writer reported is there, each with its certificate.
    let store = Store::open(&db).unwrap();
    for id in &reported {
        let id: Id<Person> = Id::from_uuid(id.parse().unwrap());
        store
            .get(id)
            .unwrap_or_else(|e| panic!("reported commit {id} lost: {e:?}"));
    }
    eprintln!("{} commits reported by {kills} killed writers", reported.len());
    assert!(
        reported.len() > kills,
        "the writers committed only {} times in {kills} runs: the test killed too early",
        reported.len()
    );
}

fn count(store: &Store, kind: RecordKind) -> u64 {
    store
        .counts()
        .unwrap()
        .into_iter()
        .find(|c| c.kind == kind)
        .map_or(0, |c| c.live)
}

#[test]
fn a_second_writer_is_refused_naming_the_first_and_may_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite");
    let mut first = Store::open_for_writing(&db, "app").unwrap();
    first.set_today(today());
    first.insert(passport_holder(1)).unwrap();
    match Store::open_for_writing(&db, "import") {
        Err(StoreError::InUse { holder: Some(h), .. }) => assert_eq!(h.program, "app"),
        other => panic!("expected InUse, got {:?}", other.map(|_| ())),
    }
    // The command line says so in Chinese and exits 1, writing nothing.
    let o = skillbase(&["demo", "--db", db.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("正由另一个技能基地通") && err.contains("窗口程序"),
        "{err}"
    );
    // Reading is allowed, and a write through the read-only store is refused.
    let mut reader = Store::open_read_only(&db).unwrap();
    assert_eq!(count(&reader, RecordKind::Person), 1);
    assert!(matches!(
        reader.insert(passport_holder(2)),
        Err(StoreError::ReadOnlyStore { .. })
    ));
    drop(first);
    Store::open_for_writing(&db, "import").unwrap();
}

/// A database with a few records, closed.
fn base_with_people(dir: &Path, n: u64) -> PathBuf {
    let db = dir.join("base.sqlite");
    let mut s = Store::open(&db).unwrap();
    s.set_today(today());
    for i in 0..n {
        let p = s.insert(passport_holder(i)).unwrap();
        s.insert(certificate(p)).unwrap();
    }
    db
}

#[test]
fn a_backup_restores_what_was_there_and_the_restore_is_itself_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 3);
    let taken = {
        let s = Store::open(&db).unwrap();
        s.backup(BackupReason::Manual, &skillbase::progress::Silent)
            .unwrap()
            .unwrap()
    };
    assert_eq!(taken.count(RecordKind::Person), 3);
    assert!(taken.path.starts_with(dir.path().join("backups")));
    // Later work that the restore will take back.
    {
        let mut s = Store::open(&db).unwrap();
        s.set_today(today());
        s.insert(passport_holder(99)).unwrap();
    }
    let safety = backup::restore(&db, &taken.path, "测试", false, &skillbase::progress::Silent)
        .unwrap()
        .unwrap();
    let s = Store::open(&db).unwrap();
    assert_eq!(count(&s, RecordKind::Person), 3);
    assert_eq!(s.check_integrity().unwrap(), Vec::<String>::new());
    let last = s.audit_recent(1).unwrap();
    assert_eq!(last[0].action, "restore_backup");
    assert_eq!(last[0].profile, "测试");
    // The safety backup holds the four people of before.
    assert_eq!(safety.reason, BackupReason::BeforeRestore);
    assert_eq!(safety.count(RecordKind::Person), 4);
    let listed = backup::list_backups(&db).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].path, safety.path, "newest first");
    // The backup restored from is untouched and still a sound database.
    assert!(Store::open(&taken.path).is_ok());
}

#[test]
fn the_command_line_backs_up_lists_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 2);
    let out = dir.path().join("copy.sqlite");
    let o = skillbase(&[
        "backup",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("已备份到"));
    // Taking a backup to a file that exists is refused: nothing is overwritten.
    let o = skillbase(&[
        "backup",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_ne!(o.status.code(), Some(0));
    let o = skillbase(&["backup", "--db", db.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let o = skillbase(&["backup", "--db", db.to_str().unwrap(), "--list"]);
    let listed = String::from_utf8_lossy(&o.stdout);
    assert!(listed.contains("手动备份"), "{listed}");
    let o = skillbase(&["restore", "--db", db.to_str().unwrap(), out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("恢复前的数据库已备份为"));
    // A file that is no backup is refused with 2, and the database stays as it was.
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "not a database").unwrap();
    let before = file_bytes(&db);
    let o = skillbase(&["restore", "--db", db.to_str().unwrap(), junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(file_bytes(&db), before);
}

/// Overwrites one page in the middle of the file, as a failing disk might.
fn damage(db: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(db).unwrap().len();
    let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    f.seek(SeekFrom::Start((len / 4096 / 2) * 4096)).unwrap();
    f.write_all(&[0xA5; 4096]).unwrap();
}

#[test]
fn a_damaged_database_is_refused_untouched_and_restored_from_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 400);
    let taken = Store::open(&db)
        .unwrap()
        .backup(BackupReason::Manual, &skillbase::progress::Silent)
        .unwrap()
        .unwrap();
    damage(&db);
    let before = file_bytes(&db);
    match Store::open(&db) {
        Err(StoreError::Damaged { path, .. }) => assert_eq!(path, db),
        other => panic!("expected Damaged, got {:?}", other.map(|_| ())),
    }
    let o = skillbase(&["info", "--db", db.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("已损坏") && err.contains("skillbase restore"),
        "{err}"
    );
    assert_eq!(file_bytes(&db), before, "a damaged file is never changed");
    for side in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_os_string();
        p.push(side);
        assert!(!Path::new(&p).exists(), "looking at it left a {side} file");
    }
    // Restoring keeps the damaged file, byte for byte, among the backups.
    let kept = backup::restore(&db, &taken.path, "测试", false, &skillbase::progress::Silent)
        .unwrap()
        .unwrap();
    assert_eq!(file_bytes(&kept.path), before);
    let s = Store::open(&db).unwrap();
    assert_eq!(count(&s, RecordKind::Person), 400);
}

#[test]
fn a_foreign_or_newer_database_is_never_overwritten_by_a_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 1);
    let taken = Store::open(&db)
        .unwrap()
        .backup(BackupReason::Manual, &skillbase::progress::Silent)
        .unwrap()
        .unwrap();
    let other = dir.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = file_bytes(&other);
    assert!(matches!(
        backup::restore(&other, &taken.path, "测试", false, &skillbase::progress::Silent),
        Err(StoreError::ForeignDatabase { .. })
    ));
    assert_eq!(file_bytes(&other), before);
    let newer = dir.path().join("newer.sqlite");
    std::fs::copy(&db, &newer).unwrap();
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = file_bytes(&newer);
    assert!(matches!(
        backup::restore(&newer, &taken.path, "测试", false, &skillbase::progress::Silent),
        Err(StoreError::NewerSchema { .. })
    ));
    assert_eq!(file_bytes(&newer), before);
}

#[test]
fn an_old_schema_is_backed_up_before_it_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(skillbase::store::schema::MIGRATIONS[0]).unwrap();
        c.execute_batch(skillbase::store::schema::MIGRATIONS[1]).unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
        c.pragma_update(None, "application_id", skillbase::store::schema::APPLICATION_ID)
            .unwrap();
    }
    let before = file_bytes(&db);
    let s = Store::open(&db).unwrap();
    assert_eq!(
        s.schema_version().unwrap(),
        skillbase::store::schema::CURRENT_VERSION
    );
    let backups = backup::list_backups(&db).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, BackupReason::BeforeUpgrade);
    let c = rusqlite::Connection::open(&backups[0].path).unwrap();
    let version: i32 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 2, "the backup is the file as it was");
    drop(c);
    assert_ne!(file_bytes(&db), before);
}

#[test]
fn a_full_disk_writes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 1);
    let mut s = Store::open(&db).unwrap();
    s.set_today(today());
    // A disk with room for a few more pages: SQLite's max_page_count stands in for it.
    s.limit_growth_for_tests(4).unwrap();
    let result = s.write(|w| {
        for i in 100..5000 {
            let p = w.insert(passport_holder(i))?;
            w.insert(certificate(p))?;
        }
        Ok(())
    });
    match result {
        Err(e @ StoreError::DiskFull { .. }) => {
            let message = skillbase::i18n::Localize::localize(&e, skillbase::i18n::Lang::Zh);
            assert!(
                message.contains("磁盘已满") && message.contains("没有写入"),
                "{message}"
            );
        }
        other => panic!("expected DiskFull, got {other:?}"),
    }
    assert_eq!(
        count(&s, RecordKind::Person),
        1,
        "nothing of the failed write remains"
    );
}

// ---------------------------------------------------------------------------------------
// Data safety, second round: each attack performed, its outcome asserted.
// ---------------------------------------------------------------------------------------

fn side(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// The database's bytes and its log's (empty when there is none).
fn bytes_and_log(db: &Path) -> (Vec<u8>, Vec<u8>) {
    (
        file_bytes(db),
        std::fs::read(side(db, "-wal")).unwrap_or_default(),
    )
}

#[cfg(unix)]
#[test]
fn two_spellings_of_one_database_are_one_writer() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    let links = dir.path().join("links");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::create_dir_all(&links).unwrap();
    let db = base_with_people(&real, 1);
    std::os::unix::fs::symlink(&db, links.join("l.sqlite")).unwrap();
    let _first = Store::open_for_writing(&db, "import").unwrap();
    for other in [
        links.join("l.sqlite"),
        real.join(".").join("base.sqlite"),
        links.join("..").join("real").join("base.sqlite"),
    ] {
        match Store::open_for_writing(&other, "import") {
            Err(StoreError::InUse { .. }) => {}
            other => panic!("a second writer got in: {:?}", other.map(|_| ())),
        }
    }
    // A hard link is refused for writing (SQLite would keep a log beside each name).
    drop(_first);
    let hard = dir.path().join("hard.sqlite");
    std::fs::hard_link(&db, &hard).unwrap();
    assert!(matches!(
        Store::open_for_writing(&hard, "import"),
        Err(StoreError::HardLinked { links: 2, .. })
    ));
}

#[test]
fn the_database_itself_refuses_a_second_live_person_with_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 1);
    let mut s = Store::open(&db).unwrap();
    s.set_today(today());
    // The write path that skips the program's own check (an import whose dry run saw
    // nobody): the database refuses the second holder, and nothing of the write lands.
    let result = s.write(|w| {
        w.insert_checked_before(passport_holder(7))?;
        w.insert_checked_before(passport_holder(0))
    });
    assert!(matches!(result, Err(StoreError::SecondLivePerson)), "{result:?}");
    assert_eq!(count(&s, RecordKind::Person), 1);
    // Raw SQL cannot either (a trigger, not only the program's check).
    let raw = rusqlite::Connection::open(&db).unwrap();
    let sql = "INSERT INTO person (id, created_at, updated_at, rev, changed_by, change_seq, name, doc_type, doc_number, sex, birth_date)
               SELECT '0190c0de-0000-7000-8000-000000000001', created_at, updated_at, 1, changed_by, change_seq, 'X', doc_type, doc_number, sex, birth_date FROM person LIMIT 1";
    let e = raw.execute(sql, []).unwrap_err();
    assert!(e.to_string().contains("one live person per document"), "{e}");
    // A deleted holder does not count: the document may be registered again.
    let cert = s.list::<Qualification>(&Default::default()).unwrap()[0].id;
    s.delete(cert).unwrap();
    let id = s.list::<Person>(&Default::default()).unwrap()[0].id;
    s.delete(id).unwrap();
    s.insert(passport_holder(0)).unwrap();
}

/// A database as an older version (schema 5 or 6, before V7's triggers) left it, with two
/// live people holding one document.
fn old_database_with_a_duplicate(dir: &Path, version: usize) -> PathBuf {
    let db = dir.join(format!("old-{version}.sqlite"));
    let c = rusqlite::Connection::open(&db).unwrap();
    for m in &skillbase::store::schema::MIGRATIONS[..version] {
        c.execute_batch(m).unwrap();
    }
    c.pragma_update(None, "user_version", version as i32).unwrap();
    c.pragma_update(None, "application_id", skillbase::store::schema::APPLICATION_ID)
        .unwrap();
    c.execute_batch(
        "INSERT INTO meta (key, value) VALUES ('install_id', 'old-install'), ('created_at', '2025-01-01T00:00:00.000Z'), ('change_seq', '2');
         INSERT INTO person (id, created_at, updated_at, rev, changed_by, change_seq, name, doc_type, doc_number, sex, birth_date)
         VALUES ('0190c0de-0000-7000-8000-00000000000a', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 1, 'old-install', 1, '张三', 'passport', 'E00000001', 'male', '1990-01-01'),
                ('0190c0de-0000-7000-8000-00000000000b', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z', 1, 'old-install', 2, '张三', 'passport', 'E00000001', 'male', '1990-01-01');",
    )
    .unwrap();
    db
}

#[test]
fn duplicates_an_older_version_left_are_reported_on_upgrading_and_by_check() {
    let dir = tempfile::tempdir().unwrap();
    // From schema 6 (the last before the triggers) as from 5; 5's file is checked on.
    let upgraded = |version| {
        let db = old_database_with_a_duplicate(dir.path(), version);
        let mut s = Store::open(&db).expect("the upgrade does not fail over them");
        assert!(
            s.take_notices()
                .contains(&skillbase::store::Notice::SharedDocuments(1)),
            "the upgrade from {version} reports them"
        );
        (db, s)
    };
    drop(upgraded(6));
    let (db, mut s) = upgraded(5);
    let shared = s.documents_held_twice().unwrap();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].people.len(), 2);
    // `check` names them as errors (rule PER04), whatever the year and organisation.
    s.set_today(today());
    s.insert(skillbase::domain::org::Organisation::new(
        skillbase::domain::org::OrgKind::TrainingBase,
        "某某培训基地",
    ))
    .unwrap();
    drop(s);
    let o = skillbase(&["check", "--db", db.to_str().unwrap(), "--year", "2025"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains("PER04") && out.contains("张三"), "{out}");
}

/// Rewrites a backup's own description as if it had been taken at `at`, `seq`-th, and
/// renames it accordingly: how the tests make backups of other days.
fn redate(backup: &Path, db_stem: &str, at: chrono::DateTime<chrono::Utc>, seq: u64) -> PathBuf {
    let c = rusqlite::Connection::open(backup).unwrap();
    c.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'backup_taken_at'",
        [at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()],
    )
    .unwrap();
    c.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'backup_seq'",
        [seq.to_string()],
    )
    .unwrap();
    drop(c);
    let to = backup.with_file_name(format!(
        "{db_stem}-{}-manual.sqlite",
        at.format("%Y%m%d-%H%M%S%3f")
    ));
    std::fs::rename(backup, &to).unwrap();
    to
}

/// A backup of the database at `db`, taken now into its backups folder.
fn take_backup(db: &Path) -> backup::BackupInfo {
    Store::open(db)
        .unwrap()
        .backup(BackupReason::Manual, &skillbase::progress::Silent)
        .unwrap()
        .unwrap()
}

/// Backups of `db` (whose file stem is `stem`) as if taken at these times, in this order.
fn backups_taken_at(db: &Path, stem: &str, times: impl IntoIterator<Item = chrono::DateTime<chrono::Utc>>) {
    for (i, at) in times.into_iter().enumerate() {
        redate(&take_backup(db).path, stem, at, i as u64 + 1);
    }
}

/// Damage `quick_check` does not see: an index whose entries no longer match its rows.
fn put_an_index_out_of_step(db: &Path) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = 'CREATE INDEX person_doc ON person(name)' WHERE name = 'person_doc';
         PRAGMA writable_schema = OFF;",
    )
    .unwrap();
}

#[test]
fn backups_belong_to_one_database_even_with_one_file_stem() {
    let dir = tempfile::tempdir().unwrap();
    let a = base_with_people(dir.path(), 3);
    let a = {
        let to = dir.path().join("基地.sqlite");
        std::fs::rename(&a, &to).unwrap();
        to
    };
    let b = dir.path().join("基地.db");
    {
        let mut s = Store::open(&b).unwrap();
        s.set_today(today());
        s.insert(passport_holder(100)).unwrap();
    }
    let silent = &skillbase::progress::Silent;
    // Twelve old backups of 基地.sqlite, of one day a year ago.
    let year_ago = chrono::Utc::now() - chrono::Duration::days(365);
    backups_taken_at(&a, "基地", (0..12).map(|i| year_ago + chrono::Duration::hours(i)));
    let theirs_before = backup::list_backups(&a).unwrap();
    assert_eq!(theirs_before.len(), 12);
    // 基地.db's backups: its own list only, and its thinning touches none of the others.
    for _ in 0..3 {
        take_backup(&b);
    }
    let mine = backup::list_backups(&b).unwrap();
    assert_eq!(mine.len(), 3);
    assert!(mine.iter().all(|x| x.count(RecordKind::Person) == 1));
    assert_eq!(backup::list_backups(&a).unwrap(), theirs_before);
    // 基地.sqlite's newest is its own, and restoring 基地.db's backup over it needs an
    // explicit confirmation naming both; without it nothing changes.
    let before = bytes_and_log(&a);
    match backup::restore(&a, &mine[0].path, "测试", false, silent) {
        Err(StoreError::OtherDatabase { db, of_path, .. }) => {
            assert_eq!(db, skillbase::files::canonical(&a));
            assert_eq!(of_path, Some(skillbase::files::canonical(&b)));
        }
        other => panic!("expected OtherDatabase, got {:?}", other.map(|_| ())),
    }
    assert_eq!(bytes_and_log(&a), before);
    backup::restore(&a, &mine[0].path, "测试", true, silent).unwrap();
    assert_eq!(count(&Store::open(&a).unwrap(), RecordKind::Person), 1);
}

#[test]
fn a_clock_that_disagrees_with_the_backups_deletes_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 1);
    let now = chrono::Utc::now();
    // Eleven backups of the last weeks, then one a clock three years ahead took.
    backups_taken_at(
        &db,
        "base",
        (0..11).map(|i| now - chrono::Duration::days(40 - i * 3)),
    );
    let future = redate(
        &take_backup(&db).path,
        "base",
        now + chrono::Duration::days(3 * 365),
        12,
    );
    let before = backup::list_backups(&db).unwrap().len();
    // The clock is back: earlier than the backup taken last. Nothing is deleted, the
    // user is told, and "newest" is the one taken last, not the future-dated one.
    let taken = take_backup(&db);
    assert!(
        matches!(taken.thinning, backup::Thinning::ClockBehind { .. }),
        "{:?}",
        taken.thinning
    );
    let message = skillbase::i18n::safety::thinning(&taken.thinning, skillbase::i18n::Lang::Zh).unwrap();
    assert!(message.contains("没有清理"), "{message}");
    let listed = backup::list_backups(&db).unwrap();
    assert_eq!(listed.len(), before + 1, "none deleted");
    assert_eq!(listed[0].path, taken.path, "newest is the one taken last");
    assert_eq!(listed[1].path, future);
    // Thinning at the right time again keeps the ten taken last, whatever their dates.
    let next = take_backup(&db);
    assert!(
        matches!(next.thinning, backup::Thinning::Done { .. }),
        "{:?}",
        next.thinning
    );
    let kept = backup::list_backups(&db).unwrap();
    assert!(kept.len() >= 10);
    let seqs: Vec<u64> = kept.iter().take(10).map(|b| b.seq).collect();
    assert_eq!(seqs, (5..=14).rev().collect::<Vec<u64>>());
}

#[test]
fn a_clock_far_ahead_of_the_newest_backup_deletes_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 1);
    let long_ago = chrono::Utc::now() - chrono::Duration::days(400);
    backups_taken_at(
        &db,
        "base",
        (0..12).map(|i| long_ago + chrono::Duration::hours(i)),
    );
    let taken = take_backup(&db);
    assert!(
        matches!(taken.thinning, backup::Thinning::ClockAhead { .. }),
        "{:?}",
        taken.thinning
    );
    assert_eq!(backup::list_backups(&db).unwrap().len(), 13);
}

/// The backup writer the leftovers test kills: backs up, over and over.
#[test]
#[ignore = "the leftovers test's backup process: started by that test only"]
fn backup_writer_child() {
    let Ok(db) = std::env::var("SKILLBASE_BACKUP_DB") else {
        return;
    };
    let store = Store::open(Path::new(&db)).unwrap();
    loop {
        store
            .backup(BackupReason::Manual, &skillbase::progress::Silent)
            .unwrap();
    }
}

/// The restoring process the restore test kills: restores one backup, over and over.
#[test]
#[ignore = "the restore test's process: started by that test only"]
fn restore_child() {
    let (Ok(db), Ok(from)) = (
        std::env::var("SKILLBASE_RESTORE_DB"),
        std::env::var("SKILLBASE_RESTORE_FROM"),
    ) else {
        return;
    };
    loop {
        backup::restore(
            Path::new(&db),
            Path::new(&from),
            "测试",
            false,
            &skillbase::progress::Silent,
        )
        .unwrap();
        let mut s = Store::open(Path::new(&db)).unwrap();
        s.set_today(today());
        s.insert(passport_holder(rand_n())).unwrap();
    }
}

fn rand_n() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
        + 1000
}

fn kill_child_after(test: &str, envs: &[(&str, &Path)], millis: u64) {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", &child_test(test), "--ignored", "--test-threads=1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    std::thread::sleep(Duration::from_millis(millis));
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn what_a_killed_backup_leaves_is_removed_at_the_next_open_and_never_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 300);
    let mut rng = Lcg(0xbac);
    for _ in 0..8 {
        kill_child_after(
            "backup_writer_child",
            &[("SKILLBASE_BACKUP_DB", &db)],
            40 + rng.next(200),
        );
        let mut s = Store::open_for_writing(&db, "app").unwrap();
        let _ = s.take_notices();
        for entry in std::fs::read_dir(dir.path().join("backups")).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                !name.ends_with(".partial") && !name.ends_with("-journal"),
                "{name} left behind"
            );
        }
        for b in backup::list_backups(&db).unwrap() {
            assert_eq!(b.count(RecordKind::Person), 300, "{}", b.path.display());
        }
    }
    // Leftovers made by hand: removed, said once, and never listed.
    let backups = dir.path().join("backups");
    let partial = backups.join("base-20260101-000000000-manual.sqlite.partial");
    std::fs::write(&partial, b"half").unwrap();
    std::fs::write(side(&partial, "-journal"), b"half").unwrap();
    std::fs::write(side(&db, ".restoring"), b"half").unwrap();
    assert!(
        backup::list_backups(&db)
            .unwrap()
            .iter()
            .all(|b| b.path != partial)
    );
    let mut s = Store::open_for_writing(&db, "app").unwrap();
    let notices = s.take_notices();
    assert!(
        notices
            .iter()
            .any(|n| matches!(n, skillbase::store::Notice::LeftoversRemoved(p) if p.len() == 3)),
        "{notices:?}"
    );
    assert!(!partial.exists() && !side(&db, ".restoring").exists());
}

#[test]
fn a_restore_killed_at_any_moment_keeps_its_audit_entry_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 3);
    let from = take_backup(&db).path;
    let mut rng = Lcg(0x7e5);
    for round in 0..20 {
        {
            let mut s = Store::open(&db).unwrap();
            s.set_today(today());
            s.insert(passport_holder(10_000 + round)).unwrap();
        }
        kill_child_after(
            "restore_child",
            &[("SKILLBASE_RESTORE_DB", &db), ("SKILLBASE_RESTORE_FROM", &from)],
            20 + rng.next(250),
        );
        let s = Store::open(&db).unwrap();
        assert_eq!(s.check_integrity().unwrap(), Vec::<String>::new());
        let last = &s.audit_recent(1).unwrap()[0];
        if count(&s, RecordKind::Person) == 3 {
            assert_eq!(
                last.action, "restore_backup",
                "round {round}: restored without its audit entry"
            );
        } else {
            assert_eq!(last.action, "create", "round {round}");
        }
    }
}

#[test]
fn a_wal_from_another_database_is_not_applied_and_both_files_stay() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 2);
    let other = dir.path().join("other.sqlite");
    {
        let mut s = Store::open(&other).unwrap();
        s.set_today(today());
        s.insert(passport_holder(500)).unwrap();
    }
    // The other database's log, with commits in it, copied beside this one.
    let c = rusqlite::Connection::open(&other).unwrap();
    c.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    c.execute("UPDATE meta SET value = value WHERE key = 'install_id'", [])
        .unwrap();
    c.execute("UPDATE person SET name = '外来' ", []).unwrap();
    std::fs::copy(side(&other, "-wal"), side(&db, "-wal")).unwrap();
    drop(c);
    let before = bytes_and_log(&db);
    assert!(!before.1.is_empty());
    match Store::open(&db) {
        Err(StoreError::ForeignWal { .. }) => {}
        other => panic!("expected ForeignWal, got {:?}", other.map(|_| ())),
    }
    let o = skillbase(&["info", "--db", db.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不属于它"));
    assert_eq!(bytes_and_log(&db), before, "both files left as they were");
}

#[test]
fn an_index_out_of_step_with_its_table_is_found_before_a_backup_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 5);
    let silent = &skillbase::progress::Silent;
    let sound = take_backup(&db);
    put_an_index_out_of_step(&db);
    let s = Store::open(&db).expect("quick_check at open passes it");
    assert!(
        !s.integrity_problems().unwrap().is_empty(),
        "integrity_check finds it"
    );
    match s.backup(BackupReason::Manual, silent) {
        Err(StoreError::Damaged { .. }) => {}
        other => panic!("expected Damaged, got {other:?}"),
    }
    // The backup from before the damage is kept, and no damaged copy joins it.
    let listed = backup::list_backups(&db).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, sound.path);
    assert_eq!(std::fs::read_dir(dir.path().join("backups")).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn the_database_its_sidecars_backups_and_exports_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite");
    let s = Store::open_for_writing(&db, "app").unwrap();
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&side(&db, "-wal")), 0o600);
    assert_eq!(mode(&side(&db, ".lock")), 0o600);
    let b = s
        .backup(BackupReason::Manual, &skillbase::progress::Silent)
        .unwrap()
        .unwrap();
    assert_eq!(mode(&b.path), 0o600);
    assert_eq!(mode(&dir.path().join("backups")), 0o700);
    drop(s);
    let out = dir.path().join("audit.xlsx");
    let o = skillbase(&[
        "audit",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(mode(&out), 0o600);
    // An existing database readable by everyone is tightened at open, and told once.
    for p in [&db, &b.path] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    std::fs::set_permissions(dir.path().join("backups"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = skillbase(&["info", "--db", db.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("只有本账户能读写"), "{err}");
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&b.path), 0o600);
    assert_eq!(mode(&dir.path().join("backups")), 0o700);
    let o = skillbase(&["info", "--db", db.to_str().unwrap()]);
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("只有本账户"),
        "said once"
    );
}

#[cfg(unix)]
#[test]
fn restoring_through_a_symbolic_link_restores_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let db = base_with_people(&real, 2);
    let silent = &skillbase::progress::Silent;
    let taken = take_backup(&db);
    {
        let mut s = Store::open(&db).unwrap();
        s.set_today(today());
        s.insert(passport_holder(9)).unwrap();
    }
    let link = dir.path().join("l.sqlite");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let o = skillbase(&[
        "restore",
        "--db",
        link.to_str().unwrap(),
        taken.path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(count(&Store::open(&db).unwrap(), RecordKind::Person), 2);
    // Damaged, through the link: the file it points to is replaced, the link stays.
    damage(&db);
    backup::restore(&link, &taken.path, "测试", false, silent).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(count(&Store::open(&db).unwrap(), RecordKind::Person), 2);
}

#[cfg(feature = "gui")]
#[test]
fn the_window_refuses_to_write_over_the_database_and_asks_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 1);
    let mut h = crate::common::window::app_on(&db, 800.0);
    let before = file_bytes(&db);
    for target in [
        db.clone(),
        side(&db, "-wal"),
        dir.path().join("backups").join("a.xlsx"),
    ] {
        h.state_mut()
            .app
            .commands
            .push(skillbase::app::Command::ExportAudit {
                file: target.clone(),
                full: false,
            });
        crate::common::window::settle(&mut h);
        let note = h
            .state()
            .app
            .notes
            .last()
            .map(|n| n.text.clone())
            .unwrap_or_default();
        assert!(note.contains("不能写入"), "{}: {note}", target.display());
    }
    assert_eq!(file_bytes(&db), before);
    // An existing file: the window asks; nothing is written until the user agrees.
    let existing = dir.path().join("修改记录.xlsx");
    std::fs::write(&existing, b"mine").unwrap();
    h.state_mut()
        .app
        .commands
        .push(skillbase::app::Command::ExportAudit {
            file: existing.clone(),
            full: false,
        });
    crate::common::window::settle(&mut h);
    assert!(h.state().app.confirm_replace.is_some(), "the window asks");
    assert_eq!(std::fs::read(&existing).unwrap(), b"mine");
    crate::common::window::click(&mut h, "替换");
    assert!(
        std::fs::read(&existing).unwrap().starts_with(b"PK"),
        "replaced once agreed"
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_window_checks_the_whole_file_in_the_background_and_says_what_it_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 5);
    put_an_index_out_of_step(&db);
    let mut h = crate::common::window::app_on(&db, 800.0);
    for _ in 0..500 {
        crate::common::window::settle(&mut h);
        if h.state().app.safety.damage.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        h.state().app.safety.damage.is_some(),
        "the check found the damage"
    );
    assert!(
        h.state()
            .app
            .notes
            .all()
            .iter()
            .any(|n| n.text.contains("完整性检查发现数据库有损坏")),
        "and the user is told"
    );
}

/// The window opens its database before checking it (its first frame does not wait for a
/// check that grows with the file): every write waits for the check, goes through once
/// it has passed, and is refused, with the file untouched, when it fails.
#[test]
fn a_database_opened_before_its_check_holds_writes_until_the_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 400);
    let mut store = Store::open_for_writing_unchecked(&db, "test").unwrap();
    let check = store.file_check().cloned().expect("the check is left pending");
    let (sent, held) = mpsc::channel();
    let writer = std::thread::spawn(move || {
        let outcome = store.insert(passport_holder(401)).map(|_| ());
        sent.send(()).unwrap();
        (store, outcome)
    });
    assert!(
        held.recv_timeout(Duration::from_millis(300)).is_err(),
        "the write waits for the check"
    );
    check.run().unwrap();
    let (store, outcome) = writer.join().unwrap();
    outcome.unwrap();
    assert_eq!(count(&store, RecordKind::Person), 401);
    drop(store);

    damage(&db);
    let before = file_bytes(&db);
    let mut store = Store::open_for_writing_unchecked(&db, "test").unwrap();
    let check = store.file_check().cloned().unwrap();
    assert!(matches!(check.run(), Err(StoreError::Damaged { .. })));
    match store.insert(passport_holder(402)) {
        Err(StoreError::Damaged { path, .. }) => assert_eq!(path, db),
        other => panic!("expected Damaged, got {other:?}"),
    }
    drop(store);
    assert_eq!(file_bytes(&db), before, "a damaged file is never changed");
}

/// The process the lock test starts: tries to take the database for itself, as a program
/// that believes it is the last user does before it deletes the `-wal` and `-shm`, and
/// prints whether it could.
#[test]
#[ignore = "the lock test's process: started by that test only"]
fn exclusive_probe_child() {
    let Ok(db) = std::env::var("SKILLBASE_PROBE_DB") else {
        return;
    };
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.busy_timeout(Duration::ZERO).unwrap();
    // In exclusive locking mode the connection locks the file itself before it looks at
    // the log's index: only the other program's locks on the file can stop it.
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE").unwrap();
    let taken = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0));
    println!("{}", if taken.is_ok() { "TAKEN" } else { "REFUSED" });
}

/// Whether another program could take the database for itself now.
fn another_program_takes(db: &Path) -> bool {
    let o = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &child_test("exclusive_probe_child"),
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SKILLBASE_PROBE_DB", db)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("TAKEN") || out.contains("REFUSED"),
        "the probe ran: {out}"
    );
    out.contains("TAKEN")
}

/// The window's restore, as the library does it: an older backup restored and then the
/// safety backup restored back, while another connection reads all along, the writer
/// reopening after each. Before, reopening looked at the file's header through a handle
/// of its own, and closing it dropped every lock the program held on the file: another
/// program (an older `sqlite3` checking the file) then took itself for the last user and
/// deleted the `-wal` and `-shm` under the open connections ("disk I/O error" on every
/// screen, 0 people). Now the program's locks hold through every reopen, and every read
/// answers with the records restored.
#[test]
fn a_restore_and_its_undo_keep_the_programs_locks_and_its_readers_reading() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let silent = &skillbase::progress::Silent;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite");
    let mut window = Store::open_for_writing(&db, "app").unwrap();
    window.set_today(today());
    let add = |store: &mut Store, from: u64, to: u64| {
        store
            .write(|w| {
                for n in from..to {
                    let p = w.insert(passport_holder(n))?;
                    w.insert(certificate(p))?;
                }
                Ok(())
            })
            .unwrap();
    };
    add(&mut window, 0, 200);
    let older = window.backup(BackupReason::Manual, silent).unwrap().unwrap();
    add(&mut window, 200, 1200);
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (db, stop) = (db.clone(), stop.clone());
        std::thread::spawn(move || {
            let store = Store::open_another(&db).unwrap();
            let mut failures = Vec::new();
            let mut seen = std::collections::BTreeSet::new();
            while !stop.load(Ordering::Relaxed) {
                match store.people_page(&Default::default()) {
                    Ok(page) => {
                        seen.insert(page.total);
                    }
                    Err(e) => failures.push(e.to_string()),
                }
            }
            (failures, seen)
        })
    };
    assert!(
        !another_program_takes(&db),
        "the program's locks hold before any restore"
    );
    let restore = |from: &Path| {
        let mut task = Store::open_another(&db).unwrap();
        let safety = backup::restore_into(&mut task, from, false, silent).unwrap();
        drop(task);
        safety.unwrap()
    };
    let safety = restore(&older.path);
    window.reopen().unwrap();
    assert_eq!(window.people_page(&Default::default()).unwrap().total, 200);
    assert!(
        !another_program_takes(&db),
        "after reopening, another program still sees the file in use"
    );
    assert!(Path::new(&format!("{}-shm", db.display())).exists());
    restore(&safety.path);
    window.reopen().unwrap();
    assert!(!another_program_takes(&db));
    assert_eq!(window.people_page(&Default::default()).unwrap().total, 1200);
    // The restored-back file takes writes, and every connection sees them.
    add(&mut window, 1200, 1201);
    let other = Store::open_another(&db).unwrap();
    assert_eq!(other.people_page(&Default::default()).unwrap().total, 1201);
    stop.store(true, Ordering::Relaxed);
    let (failures, seen) = reader.join().unwrap();
    assert!(
        failures.is_empty(),
        "the reader failed: {:?}",
        &failures[..failures.len().min(3)]
    );
    assert!(
        seen.contains(&1200) || seen.contains(&1201),
        "the reader read through: {seen:?}"
    );
    drop((window, other));
    let check = Store::open(&db).unwrap();
    assert!(check.integrity_problems().unwrap().is_empty());
}

/// Attachments are inside the database: a backup holds them, a restore brings back the
/// files removed after it, and the removed file stays in the database meanwhile.
#[test]
fn a_backup_and_its_restore_carry_the_attachments() {
    let dir = tempfile::tempdir().unwrap();
    let db = base_with_people(dir.path(), 1);
    let scan: &[u8] = b"%PDF-1.4\n% a sign-in sheet\n%%EOF\n";
    let (person, info) = {
        let mut s = Store::open(&db).unwrap();
        let person = s.people_page(&Default::default()).unwrap().rows[0].id;
        let info = s
            .attach(RecordKind::Person, person, "签到表.pdf", scan, None)
            .unwrap();
        (person, info)
    };
    let taken = Store::open(&db)
        .unwrap()
        .backup(BackupReason::Manual, &skillbase::progress::Silent)
        .unwrap()
        .unwrap();
    {
        let mut s = Store::open(&db).unwrap();
        s.remove_attachment(info.id).unwrap();
        assert!(s.attachments().unwrap().is_empty());
        assert_eq!(
            s.attachment_bytes(&info.sha256).unwrap(),
            scan,
            "removed, but kept"
        );
    }
    let in_backup = Store::open_read_only(&taken.path).unwrap();
    assert_eq!(in_backup.attachment_bytes(&info.sha256).unwrap(), scan);
    drop(in_backup);
    backup::restore(&db, &taken.path, "测试", false, &skillbase::progress::Silent).unwrap();
    let s = Store::open(&db).unwrap();
    let back = s.attachments_for(RecordKind::Person, person).unwrap();
    assert_eq!(back, vec![info.clone()]);
    assert_eq!(s.attachment_bytes(&info.sha256).unwrap(), scan);
    assert_eq!(s.check_integrity().unwrap(), Vec::<String>::new());
}
