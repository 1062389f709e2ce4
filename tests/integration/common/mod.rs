//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test file uses some of these

#[cfg(feature = "gui")]
pub mod window;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use chrono::NaiveDate;
use skillbase::demo::{self, Profile};
use skillbase::domain::Today;
use skillbase::progress::Silent;
use skillbase::store::Store;

/// Runs the `skillbase` binary with `args` as a Chinese-language office machine would
/// (no language variables, no default database from the environment).
pub fn skillbase(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skillbase"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SKILLBASE_DB")
        .output()
        .expect("the skillbase binary runs")
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a real date")
}

/// The day the tests are judged on.
pub fn today() -> Today {
    Today(d(2026, 11, 23))
}

/// Everyone in a database file's people register (live).
pub fn people(db: &Path) -> Vec<skillbase::domain::person::Person> {
    skillbase::store::Store::open(db)
        .expect("the database opens")
        .list::<skillbase::domain::person::Person>(&skillbase::store::Scope::default())
        .expect("people are listed")
        .into_iter()
        .map(|s| s.record)
        .collect()
}

/// A woman born on 1 January 1990 who holds the passport `doc`: a person whose document no
/// check digit can fail.
pub fn passport_person(name: &str, doc: &str) -> skillbase::domain::person::Person {
    skillbase::domain::person::Person {
        name: name.into(),
        doc_type: skillbase::domain::identity::DocType::Passport,
        doc_number: doc.into(),
        sex: skillbase::domain::identity::Sex::Female,
        birth_date: d(1990, 1, 1),
        ethnicity: None,
        education: None,
        phone: None,
        employer: None,
        employer_type: None,
        division: None,
        notes: None,
    }
}

/// The scrypt work factor of the packages tests make: 2^10, fast. Every package the
/// program itself makes uses `package::WORK_FACTOR` (2^17).
pub const TEST_WORK_FACTOR: u8 = 10;

/// A data package of everything in `db`, as `package export` makes one (its records, each
/// with its current version as its history), returned unsealed so a test can change it
/// the way a faulty or hostile sender might; seal it with [`seal`].
pub fn package_of(
    db: &Path,
) -> (
    skillbase::packages::package::Manifest,
    skillbase::packages::package::Content,
) {
    use skillbase::packages::package;
    let store = skillbase::store::Store::open(db).expect("the database opens");
    let selected = store
        .select_for_package(skillbase::store::exchange::Selection::Everything, None)
        .expect("records selected");
    let mut tables = Vec::new();
    for (kind, records) in selected {
        let rows = records
            .into_iter()
            .map(|r| {
                let h = skillbase::packages::versions::version_hash(&r);
                (r, vec![h])
            })
            .collect();
        tables.push((kind, store.field_columns(kind).expect("columns"), rows));
    }
    let (content, counts) = package::content(&tables);
    let manifest = package::Manifest {
        sender: Vec::new(),
        operator: String::new(),
        format: package::FORMAT,
        package_id: uuid::Uuid::now_v7().hyphenated().to_string(),
        source_install: store.install_id().to_string(),
        source_name: "studio.db".into(),
        organisation: None,
        complete_for: Vec::new(),
        created_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        schema_version: store.schema_version().expect("schema"),
        app_version: skillbase::APP_VERSION.into(),
        complete: true,
        recipient: None,
        since_package: None,
        counts,
        content_sha256: String::new(),
        attachments: 0,
        file_bytes: 0,
    };
    (manifest, content)
}

/// Seals a package's content at [`TEST_WORK_FACTOR`] into `out`, with a manifest whose
/// counts and SHA-256 match the content (so only what a test changed in the records is
/// wrong).
pub fn seal(
    manifest: &skillbase::packages::package::Manifest,
    content: &skillbase::packages::package::Content,
    pass: &str,
    out: &Path,
) {
    seal_padded(manifest, content, pass, out, 0);
}

/// [`seal`] with `padding` blanks after the content (still valid JSON, counted in the
/// SHA-256): a package that inflates to far more than its records.
pub fn seal_padded(
    manifest: &skillbase::packages::package::Manifest,
    content: &skillbase::packages::package::Content,
    pass: &str,
    out: &Path,
    padding: usize,
) {
    use sha2::Digest;
    use skillbase::packages::package;
    let mut manifest = manifest.clone();
    manifest.counts.clear();
    for t in &content.tables {
        let deleted_at = t
            .columns
            .iter()
            .position(|c| c == "deleted_at")
            .expect("deleted_at");
        let deleted = t.rows.iter().filter(|r| !r[deleted_at].is_null()).count() as u64;
        manifest
            .counts
            .insert(t.kind.clone(), (t.rows.len() as u64 - deleted, deleted));
    }
    let (mut bytes, _) = package::content_bytes(content);
    bytes.resize(bytes.len() + padding, b' ');
    manifest.content_sha256 = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let sealed = package::seal_with_work_factor(
        &manifest,
        &bytes,
        &package::Passphrase::new(pass),
        TEST_WORK_FACTOR,
    )
    .expect("sealed");
    std::fs::write(out, sealed).expect("written");
}

/// The national-base demo (seed 1, over 14,000 people), generated once per test binary (it
/// is the slowest fixture) and copied into a folder of the caller's own, so a test may
/// change its copy. Keep the folder as long as the store.
pub fn national_base() -> (tempfile::TempDir, Store) {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    const NAME: &str = "national-base.sqlite";
    let bytes = FILE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(NAME);
        let mut store = Store::open_for_writing(&path, "tests").unwrap();
        demo::generate(&mut store, Profile::NationalBase, 1, &Silent).unwrap();
        drop(store);
        assert!(
            !dir.path().join(format!("{NAME}-wal")).exists(),
            "the demo's last writes are still in its WAL"
        );
        std::fs::read(&path).unwrap()
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(NAME);
    std::fs::write(&path, bytes).unwrap();
    let store = Store::open_for_writing(&path, "tests").unwrap();
    (dir, store)
}
