//! Safety of the records as their keepers rely on it: a process killed at any moment
//! loses no commit it reported and leaves a sound file; one writer at a time; backups that
//! restore; damaged, foreign and newer files refused and left byte for byte as they were;
//! a full disk writes nothing; the audit trail shows old and new values.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use common::{skillbase, today};
use skillbase::domain::grade::SkillGrade;
use skillbase::domain::identity::{DocType, Sex};
use skillbase::domain::person::Person;
use skillbase::domain::training::{CertType, Qualification};
use skillbase::domain::{Id, RecordKind};
use skillbase::store::{BackupReason, Store, StoreError, backup};

fn passport_holder(n: u64) -> Person {
    Person {
        name: "Crash Test".to_string(),
        doc_type: DocType::Passport,
        doc_number: format!("E{n:08}"),
        sex: Sex::Female,
        birth_date: NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
        ethnicity: None,
        education: None,
        phone: None,
        employer: None,
        employer_type: None,
        division: None,
        notes: None,
    }
}

fn certificate(person: Id<Person>) -> Qualification {
    Qualification {
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

#[test]
fn a_writer_killed_at_random_moments_200_times_loses_no_reported_commit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite");
    let mut reported: Vec<String> = Vec::new();
    let mut rng = Lcg(0x5eed);
    let kills = 200;
    for round in 0..kills {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_writer_child",
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
    let safety = backup::restore(&db, &taken.path, "测试", &skillbase::progress::Silent)
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
    let kept = backup::restore(&db, &taken.path, "测试", &skillbase::progress::Silent)
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
        backup::restore(&other, &taken.path, "测试", &skillbase::progress::Silent),
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
        backup::restore(&newer, &taken.path, "测试", &skillbase::progress::Silent),
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
