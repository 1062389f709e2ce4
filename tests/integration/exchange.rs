//! Data packages between installs and the regional consolidation, as the studio master,
//! the base administrator and the reviewer use them: a studio's records to the base and
//! the base's corrections back; edits on both sides merged or shown as conflicts; deletes
//! travelling; the same person entered twice made one; bad packages refused with the
//! database left byte for byte as it was; organisations loaded and re-loaded into a
//! consolidation.

use std::path::{Path, PathBuf};

use crate::common::{d, skillbase, today};
use skillbase::domain::grade::SkillGrade;
use skillbase::domain::org::{OrgKind, Organisation, Tier};
use skillbase::domain::person::Person;
use skillbase::domain::studio::{Achievement, AchievementKind, Apprenticeship, ApprenticeshipStatus};
use skillbase::domain::{Id, Money, RecordKind};
use skillbase::packages::merge::{self, Choice, Prefer, Preview, Resolution};
use skillbase::packages::pack::{ExportRequest, export, export_with_work_factor};
use skillbase::packages::package::{self, Passphrase};
use skillbase::progress::Silent;
use skillbase::store::{Scope, Store};

const PASS: &str = "correct horse battery";

fn pass() -> Passphrase {
    Passphrase::new(PASS)
}

fn open(path: &Path) -> Store {
    let mut s = Store::open(path).unwrap();
    s.set_today(today());
    s
}

/// A valid citizen ID number born on `birth` (YYYYMMDD), told apart by `n`.
fn citizen(birth: &str, n: u32) -> String {
    let body = format!("150102{birth}{n:03}");
    format!(
        "{body}{}",
        skillbase::domain::identity::citizen_id_check_char(&body).unwrap()
    )
}

fn person(s: &mut Store, name: &str, id: &str) -> Id<Person> {
    s.insert(Person::from_citizen_id(name, id, today()).unwrap())
        .unwrap()
}

fn studio_record(name: &str) -> Organisation {
    let mut o = Organisation::new(OrgKind::MasterStudio, name);
    o.tier = Some(Tier::Region);
    o.division = Some("150203".into());
    o.approval_year = Some(2021);
    o
}

fn apprenticeship(studio: Id<Organisation>, master: Id<Person>, apprentice: Id<Person>) -> Apprenticeship {
    Apprenticeship {
        studio,
        master,
        apprentice,
        occupation: "6-18-02-04".into(),
        agreement_date: Some(d(2025, 2, 20)),
        start_date: d(2025, 3, 1),
        end_date: None,
        grade_at_start: Some(SkillGrade::Intermediate),
        grade_at_end: None,
        status: ApprenticeshipStatus::Active,
        outcome: None,
    }
}

fn achievement(org: Id<Organisation>, title: &str) -> Achievement {
    Achievement {
        org,
        kind: AchievementKind::ProcessImprovement,
        title: title.into(),
        date: d(2025, 6, 1),
        people: None,
        patent_number: None,
        economic_benefit: Money(1_200_000),
        description: None,
    }
}

/// A studio laptop's database: the studio, its master, an apprentice, their agreement
/// and an achievement.
struct Studio {
    path: PathBuf,
    org: Id<Organisation>,
    master: Id<Person>,
    apprentice: Id<Person>,
    achievement: Id<Achievement>,
}

fn studio(dir: &Path, file: &str) -> Studio {
    let path = dir.join(file);
    let mut s = open(&path);
    let master = person(&mut s, "王建国", &citizen("19700312", 11));
    let apprentice = person(&mut s, "巴特尔", &citizen("19990605", 23));
    let mut o = studio_record("王建国焊接技能大师工作室");
    o.master = Some(master);
    let org = s.insert(o).unwrap();
    s.insert(apprenticeship(org, master, apprentice)).unwrap();
    let achievement = s.insert(achievement(org, "薄板焊接变形控制")).unwrap();
    Studio {
        path,
        org,
        master,
        apprentice,
        achievement,
    }
}

fn export_to(db: &Path, org: Option<Id<Organisation>>, since_last_to: Option<&str>, out: &Path) {
    let mut s = open(db);
    let request = ExportRequest {
        org: org.map(|o| o.uuid()),
        since_last_to: since_last_to.map(str::to_string),
        out: out.to_path_buf(),
        replace: true,
        indicator_sets_only: false,
    };
    // Every package made here at the tests' work factor; the production factor is tested
    // by the command line's exports and `the_production_work_factor_seals_every_package`.
    export_with_work_factor(
        &mut s,
        &request,
        &pass(),
        crate::common::TEST_WORK_FACTOR,
        &Silent,
    )
    .unwrap();
}

/// What the window and the command line make: a package whose passphrase is stretched at
/// the production work factor (2^17), which reads back. Every other package the tests
/// make uses the tests' factor.
#[test]
fn the_production_work_factor_seals_every_package() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.sqlite");
    let out = dir.path().join("studio.sbpkg");
    let request = ExportRequest {
        org: None,
        since_last_to: None,
        out: out.clone(),
        replace: false,
        indicator_sets_only: false,
    };
    export(&mut open(&st.path), &request, &pass(), &Silent).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let header = String::from_utf8_lossy(&bytes[..bytes.len().min(400)]).into_owned();
    let stanza = header
        .lines()
        .find(|l| l.starts_with("-> scrypt "))
        .unwrap_or_else(|| panic!("no scrypt stanza in {header:?}"));
    assert_eq!(
        stanza.split(' ').nth(3),
        Some(package::WORK_FACTOR.to_string().as_str()),
        "{stanza}"
    );
    assert_eq!(package::WORK_FACTOR, 17);
    package::read(&out, &pass()).unwrap();
}

fn preview(db: &Path, pkg: &Path) -> Preview {
    let s = open(db);
    let p = package::read(pkg, &pass()).unwrap();
    p.validate(&|k| s.field_columns(k).unwrap(), today()).unwrap();
    merge::preview(&s, &p, skillbase::i18n::Lang::Zh).unwrap()
}

/// Imports with the choices `choose` makes; returns the preview it decided on.
fn import(db: &Path, pkg: &Path, choose: impl FnOnce(&Preview) -> Resolution) -> Preview {
    let p = preview(db, pkg);
    let resolution = choose(&p);
    let mut s = open(db);
    merge::apply(&mut s, &p, &resolution, &Silent).unwrap();
    p
}

fn clean(p: &Preview) -> Resolution {
    assert!(!p.needs_choices(), "unexpected conflicts: {:?}", p.conflicts);
    Resolution::prefer(p, Prefer::Mine)
}

fn phone(db: &Path, id: Id<Person>) -> Option<String> {
    open(db).get(id).unwrap().record.phone
}

fn set_phone(db: &Path, id: Id<Person>, phone: &str) {
    let mut s = open(db);
    let mut p = s.get(id).unwrap().record;
    p.phone = Some(phone.into());
    s.update(id, p).unwrap();
}

fn new_db(dir: &Path, file: &str) -> PathBuf {
    let path = dir.join(file);
    drop(open(&path));
    path
}

#[test]
fn a_studio_round_trip_brings_the_base_its_records_and_the_studio_the_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let base = new_db(dir.path(), "base.db");
    let pkg = dir.path().join("studio-1.sbpkg");
    export_to(&st.path, Some(st.org), Some("基地"), &pkg);

    let p = import(&base, &pkg, clean);
    assert_eq!(p.new.len(), 5, "{:?}", p.new); // studio, two people, agreement, achievement
    let b = open(&base);
    assert_eq!(b.get(st.achievement).unwrap().record.title, "薄板焊接变形控制");
    assert_eq!(b.list::<Apprenticeship>(&Scope::default()).unwrap().len(), 1);
    drop(b);

    // The base corrects the apprentice's phone and sends the studio back.
    set_phone(&base, st.apprentice, "13947100001");
    let back = dir.path().join("base-1.sbpkg");
    export_to(&base, Some(st.org), Some("工作室"), &back);
    let p = import(&st.path, &back, clean);
    assert_eq!(p.changed.len(), 1);
    assert_eq!(phone(&st.path, st.apprentice).as_deref(), Some("13947100001"));
    // Every record the merge changed has an audit entry with old and new values.
    let audit = open(&st.path).audit_for(&st.apprentice.to_string()).unwrap();
    let last = audit.last().unwrap();
    assert_eq!(last.action, "merge");
    assert_eq!(last.changes["phone"][1], "13947100001");
}

#[test]
fn different_records_edited_on_both_sides_merge_cleanly_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "a.db");
    let b = new_db(dir.path(), "b.db");
    let first = dir.path().join("first.sbpkg");
    export_to(&st.path, None, None, &first);
    import(&b, &first, clean);

    set_phone(&st.path, st.master, "13900000001");
    {
        let mut s = open(&b);
        let mut a = s.get(st.achievement).unwrap().record;
        a.title = "薄板焊接变形控制方法".into();
        s.update(st.achievement, a).unwrap();
    }
    let a_to_b = dir.path().join("a-b.sbpkg");
    let b_to_a = dir.path().join("b-a.sbpkg");
    export_to(&st.path, None, None, &a_to_b);
    export_to(&b, None, None, &b_to_a);
    let p = import(&b, &a_to_b, clean);
    assert_eq!((p.changed.len(), p.conflicts.len()), (1, 0));
    let p = import(&st.path, &b_to_a, clean);
    assert_eq!((p.changed.len(), p.conflicts.len()), (1, 0));
    for db in [&st.path, &b] {
        let s = open(db);
        assert_eq!(
            s.get(st.master).unwrap().record.phone.as_deref(),
            Some("13900000001")
        );
        assert_eq!(
            s.get(st.achievement).unwrap().record.title,
            "薄板焊接变形控制方法"
        );
    }
}

/// Both sides change the apprentice's phone after a first exchange.
fn conflicting(dir: &Path) -> (Studio, PathBuf, PathBuf) {
    let st = studio(dir, "a.db");
    let b = new_db(dir, "b.db");
    let first = dir.join("first.sbpkg");
    export_to(&st.path, None, None, &first);
    import(&b, &first, clean);
    set_phone(&st.path, st.apprentice, "13900000002");
    {
        let mut s = open(&b);
        let mut p = s.get(st.apprentice).unwrap().record;
        p.phone = Some("13800000003".into());
        p.employer = Some("包钢集团".into());
        s.update(st.apprentice, p).unwrap();
    }
    let pkg = dir.join("a-b.sbpkg");
    export_to(&st.path, None, None, &pkg);
    (st, b, pkg)
}

#[test]
fn the_same_person_edited_on_both_sides_is_a_conflict_resolved_each_way() {
    let dir = tempfile::tempdir().unwrap();
    let (st, b, pkg) = conflicting(dir.path());
    let before = std::fs::read(&b).unwrap();
    let p = preview(&b, &pkg);
    assert_eq!(p.conflicts.len(), 1);
    let c = &p.conflicts[0];
    assert_eq!(c.kind, RecordKind::Person);
    let fields: Vec<&str> = c.diffs.iter().map(|d| d.field.as_str()).collect();
    assert_eq!(fields, ["phone", "employer"]);
    assert_eq!(c.diffs[0].mine, "13800000003");
    assert_eq!(c.diffs[0].theirs, "13900000002");
    assert_eq!(std::fs::read(&b).unwrap(), before, "a preview writes nothing");

    let copy = |name: &str| {
        let to = dir.path().join(name);
        std::fs::copy(&b, &to).unwrap();
        to
    };
    let (mine, theirs, fields) = (copy("mine.db"), copy("theirs.db"), copy("fields.db"));
    import(&mine, &pkg, |p| Resolution::prefer(p, Prefer::Mine));
    assert_eq!(phone(&mine, st.apprentice).as_deref(), Some("13800000003"));
    import(&theirs, &pkg, |p| Resolution::prefer(p, Prefer::Theirs));
    assert_eq!(phone(&theirs, st.apprentice).as_deref(), Some("13900000002"));
    import(&fields, &pkg, |p| Resolution {
        conflicts: vec![Choice::Fields(vec!["phone".into()])],
        people: vec![Vec::new(); p.same_people.len()],
    });
    let merged = open(&fields).get(st.apprentice).unwrap().record;
    assert_eq!(merged.phone.as_deref(), Some("13900000002"));
    assert_eq!(merged.employer.as_deref(), Some("包钢集团"));

    // Once decided, the same package is no conflict any more.
    let again = preview(&mine, &pkg);
    assert!(again.conflicts.is_empty());
    // And the decision travels: the studio takes the base's choice without being asked.
    let back = dir.path().join("back.sbpkg");
    export_to(&fields, None, None, &back);
    let p = import(&st.path, &back, clean);
    assert_eq!(p.changed.len(), 1);
    assert_eq!(phone(&st.path, st.apprentice).as_deref(), Some("13900000002"));
}

#[test]
fn an_edit_made_after_the_preview_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (st, b, pkg) = conflicting(dir.path());
    let p = preview(&b, &pkg);
    set_phone(&b, st.apprentice, "13700000004");
    let mut s = open(&b);
    let err = merge::apply(&mut s, &p, &Resolution::prefer(&p, Prefer::Theirs), &Silent).unwrap_err();
    assert!(err.is_bad_input(), "{err}");
    assert_eq!(phone(&b, st.apprentice).as_deref(), Some("13700000004"));
}

/// `package import --dry-run` of a studio's package names the studio as the sender and
/// gives the time it was made in local time (not the stored UTC), and a conflict's sides
/// with who changed them and when, with the values people read.
#[test]
fn a_dry_run_names_the_sending_studio_and_a_local_time() {
    let dir = tempfile::tempdir().unwrap();
    let (_st, b, pkg) = conflicting(dir.path());
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, format!("{PASS}\n")).unwrap();
    let bytes = std::fs::read(&b).unwrap();
    let out = skillbase(&[
        "package",
        "import",
        "--db",
        b.to_str().unwrap(),
        pkg.to_str().unwrap(),
        "--passphrase-file",
        pass_file.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let source = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("来源："))
        .unwrap_or_default();
    assert!(source.contains("来源：王建国焊接技能大师工作室"), "{stdout}");
    let made = source.split("生成于 ").nth(1).unwrap_or_default();
    let local =
        chrono::NaiveDateTime::parse_from_str(made.get(..19).unwrap_or_default(), "%Y-%m-%d %H:%M:%S");
    assert!(local.is_ok(), "a local time to the second: {source}");
    assert!(!source.contains('Z') && !source.contains("安装标识"), "{source}");
    assert!(
        stdout.contains("本机：20") && stdout.contains("对方：20"),
        "{stdout}"
    );
    assert!(stdout.contains("（较新）"), "{stdout}");
    assert_eq!(std::fs::read(&b).unwrap(), bytes, "a dry run writes nothing");
}

/// A service changed on both sides: field by field works for any register (hours from
/// theirs, person-times kept), and "keep both" keeps mine and adds theirs as a service of
/// its own; a person (one per document) is never offered "both".
#[test]
fn a_service_conflict_is_taken_field_by_field_or_kept_twice() {
    use skillbase::domain::capacity::PublicService;
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let (_, service) = base_with_service(&a);
    let b = new_db(dir.path(), "b.db");
    let first = dir.path().join("first.sbpkg");
    export_to(&a, None, None, &first);
    import(&b, &first, clean);
    let edit = |db: &Path, times: u32, hours: f64| {
        let mut s = open(db);
        let mut r = s.get(service).unwrap().record;
        r.person_times = times;
        r.hours = hours;
        s.update(service, r).unwrap();
    };
    edit(&a, 45, 6.0);
    edit(&b, 50, 8.0);
    let second = dir.path().join("second.sbpkg");
    export_to(&a, None, None, &second);
    let copy = |name: &str| {
        let to = dir.path().join(name);
        std::fs::copy(&b, &to).unwrap();
        to
    };
    let (fields, both) = (copy("fields.db"), copy("both.db"));
    let p = import(&fields, &second, |p| {
        assert_eq!(p.conflicts.len(), 1);
        assert!(p.conflicts[0].both_allowed());
        Resolution {
            conflicts: vec![Choice::Fields(vec!["hours".into()])],
            people: Vec::new(),
        }
    });
    assert_eq!(
        p.conflicts[0].name,
        "2025-05-01 · 包头北方重工集团有限公司 · 焊接实训"
    );
    let merged = open(&fields).get(service).unwrap().record;
    assert_eq!((merged.person_times, merged.hours), (50, 6.0));
    // Their person-times, not taken, stay in the service's change history.
    let history = open(&fields).audit_for(&service.to_string()).unwrap();
    let declined = history
        .iter()
        .find(|e| e.action == "merge_declined")
        .expect("the values not taken");
    assert_eq!(declined.changes["person_times"], serde_json::json!([45, 50]));
    import(&both, &second, |_| Resolution {
        conflicts: vec![Choice::Both],
        people: Vec::new(),
    });
    let services = open(&both).list::<PublicService>(&Scope::default()).unwrap();
    let mut kept: Vec<(u32, f64)> = services
        .iter()
        .map(|s| (s.record.person_times, s.record.hours))
        .collect();
    kept.sort_by_key(|k| k.0);
    assert_eq!(kept, vec![(45, 6.0), (50, 8.0)]);
    // Decided once: the same package is no conflict any more.
    assert!(preview(&both, &second).conflicts.is_empty());
}

#[test]
fn conflicts_without_prefer_exit_2_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (st, b, pkg) = conflicting(dir.path());
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, format!("{PASS}\n")).unwrap();
    let before = open(&b).audit_recent(1000).unwrap().len();
    let args = |extra: &[&str]| {
        let mut v = vec![
            "package".to_string(),
            "import".into(),
            "--db".into(),
            b.display().to_string(),
            pkg.display().to_string(),
            "--passphrase-file".into(),
            pass_file.display().to_string(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        skillbase(&refs)
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("冲突") && stdout.contains("13900000002"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--prefer"));
    assert_eq!(open(&b).audit_recent(1000).unwrap().len(), before);
    let out = run(&["--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(phone(&b, st.apprentice).as_deref(), Some("13800000003"));
    let out = run(&["--prefer", "theirs"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(phone(&b, st.apprentice).as_deref(), Some("13900000002"));
}

#[test]
fn a_delete_propagates_and_importing_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "a.db");
    let b = new_db(dir.path(), "b.db");
    let first = dir.path().join("first.sbpkg");
    export_to(&st.path, Some(st.org), Some("基地"), &first);
    import(&b, &first, clean);
    open(&st.path).delete(st.achievement).unwrap();
    let second = dir.path().join("second.sbpkg");
    export_to(&st.path, Some(st.org), Some("基地"), &second);
    let m = package::read(&second, &pass()).unwrap().manifest;
    assert!(!m.complete);
    assert_eq!(
        m.counts["achievement"],
        (0, 1),
        "only what changed since: the tombstone"
    );

    let p = import(&b, &second, clean);
    assert_eq!(p.deleted.len(), 1);
    assert!(open(&b).get(st.achievement).unwrap().meta.is_deleted());

    let snapshot = |db: &Path| {
        let s = open(db);
        (
            s.counts().unwrap(),
            s.audit_recent(10_000).unwrap().len(),
            s.change_seq().unwrap(),
        )
    };
    let before = snapshot(&b);
    let p = import(&b, &second, clean);
    assert!(p.already.is_some());
    assert!(p.deleted.is_empty() && p.changed.is_empty() && p.new.is_empty());
    assert_eq!(snapshot(&b), before);
    let p = import(&b, &first, clean);
    assert!(
        p.new.is_empty() && p.changed.is_empty(),
        "an older package is old news"
    );
    assert_eq!(snapshot(&b), before);
}

#[test]
fn a_record_edited_sent_and_edited_again_and_the_star_of_studio_base_region() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let base = new_db(dir.path(), "base.db");
    let region = new_db(dir.path(), "region.db");
    let go = |from: &Path, to: &Path, name: &str| -> Preview {
        let pkg = dir.path().join(name);
        export_to(from, None, None, &pkg);
        import(to, &pkg, clean)
    };
    go(&st.path, &base, "s-b-1.sbpkg");
    go(&base, &region, "b-r-1.sbpkg");
    // The region corrects a phone; it reaches the studio through the base.
    set_phone(&region, st.master, "13900000010");
    assert_eq!(go(&region, &base, "r-b.sbpkg").changed.len(), 1);
    assert_eq!(go(&base, &st.path, "b-s.sbpkg").changed.len(), 1);
    assert_eq!(phone(&st.path, st.master).as_deref(), Some("13900000010"));

    // Edited and sent (the stick is lost), edited again and sent: the base takes it.
    set_phone(&st.path, st.apprentice, "13900000011");
    export_to(&st.path, None, None, &dir.path().join("lost.sbpkg"));
    set_phone(&st.path, st.apprentice, "13900000012");
    assert_eq!(go(&st.path, &base, "s-b-2.sbpkg").changed.len(), 1);
    assert_eq!(phone(&base, st.apprentice).as_deref(), Some("13900000012"));

    // The base edits and sends to the region only; a later edit at the studio is a
    // conflict at the base, not a silent overwrite of the base's edit.
    set_phone(&base, st.apprentice, "13900000013");
    go(&base, &region, "b-r-2.sbpkg");
    set_phone(&st.path, st.apprentice, "13900000014");
    let pkg = dir.path().join("s-b-3.sbpkg");
    export_to(&st.path, None, None, &pkg);
    let p = preview(&base, &pkg);
    assert_eq!(p.conflicts.len(), 1);
    assert_eq!(p.conflicts[0].id, st.apprentice.to_string());
}

#[test]
fn the_same_person_entered_on_both_sides_is_offered_as_one_person() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let base = dir.path().join("base.db");
    let number = citizen("19990605", 23); // the studio's apprentice
    let here = {
        let mut s = open(&base);
        let mut p = Person::from_citizen_id("巴特尔", &number, today()).unwrap();
        p.phone = Some("13600000000".into());
        s.insert(p).unwrap()
    };
    let pkg = dir.path().join("s.sbpkg");
    export_to(&st.path, Some(st.org), None, &pkg);
    let p = import(&base, &pkg, |p| {
        assert_eq!(p.same_people.len(), 1);
        assert_eq!(p.same_people[0].local, here.to_string());
        assert_eq!(p.same_people[0].incoming, st.apprentice.to_string());
        Resolution::prefer(p, Prefer::Mine)
    });
    assert!(p.new.iter().all(|i| i.id != st.apprentice.to_string()));
    let s = open(&base);
    let people: Vec<_> = s
        .list::<Person>(&Scope::default())
        .unwrap()
        .into_iter()
        .filter(|p| p.record.doc_number == number)
        .collect();
    assert_eq!(people.len(), 1, "never two people with one document");
    assert_eq!(people[0].id, here);
    let a = &s.list::<Apprenticeship>(&Scope::default()).unwrap()[0];
    assert_eq!(a.record.apprentice, here, "the agreement names the person kept");
    drop(s);
    // The next package from the studio lands on the same person.
    set_phone(&st.path, st.apprentice, "13900000020");
    let pkg2 = dir.path().join("s2.sbpkg");
    export_to(&st.path, Some(st.org), None, &pkg2);
    let p = preview(&base, &pkg2);
    assert!(p.same_people.is_empty());
    assert!(p.new.is_empty());
    assert!(p.conflicts.iter().all(|c| c.id == here.to_string()));
    import(&base, &pkg2, |p| Resolution::prefer(p, Prefer::Theirs));
    assert_eq!(phone(&base, here).as_deref(), Some("13900000020"));
    assert_eq!(
        open(&base)
            .list::<Person>(&Scope::default())
            .unwrap()
            .iter()
            .filter(|p| p.record.doc_number == number)
            .count(),
        1
    );
}

#[test]
fn bad_packages_leave_the_database_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let base = dir.path().join("base.db");
    drop(studio(dir.path(), "base.db"));
    let pkg = dir.path().join("good.sbpkg");
    export_to(&st.path, None, None, &pkg);
    let good = std::fs::read(&pkg).unwrap();
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    let wrong_file = dir.path().join("wrong.txt");
    std::fs::write(&wrong_file, "not the passphrase").unwrap();

    let truncated = dir.path().join("truncated.sbpkg");
    std::fs::write(&truncated, &good[..good.len() - 100]).unwrap();
    let tampered = dir.path().join("tampered.sbpkg");
    let mut bytes = good.clone();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&tampered, &bytes).unwrap();
    let newer = dir.path().join("newer.sbpkg");
    {
        let (mut manifest, content) = package::open(&pkg, &good, &pass()).unwrap();
        manifest.schema_version = skillbase::store::schema::CURRENT_VERSION + 1;
        std::fs::write(&newer, package::seal(&manifest, &content, &pass()).unwrap()).unwrap();
    }
    let not_a_package = dir.path().join("notes.sbpkg");
    std::fs::write(&not_a_package, "这不是数据包").unwrap();

    let cases: [(&Path, &Path, &str); 5] = [
        (&pkg, &wrong_file, "口令不对"),
        (&truncated, &pass_file, "已损坏或被改动过"),
        (&tampered, &pass_file, "已损坏或被改动过"),
        (&newer, &pass_file, "更新版本"),
        (&not_a_package, &pass_file, "不是技能基地通的数据包"),
    ];
    let before = std::fs::read(&base).unwrap();
    let files_before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for (file, pass, message) in cases {
        let out = skillbase(&[
            "package",
            "import",
            "--db",
            base.to_str().unwrap(),
            file.to_str().unwrap(),
            "--passphrase-file",
            pass.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", file.display());
        assert!(stderr.contains(message), "{}: {stderr}", file.display());
        assert!(stderr.contains("数据库没有被改动"), "{stderr}");
        assert_eq!(std::fs::read(&base).unwrap(), before, "{}", file.display());
    }
    let files_after: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        files_before, files_after,
        "no backup, no lock file left by a refused package"
    );
}

/// Re-seals a package after `edit` changed its content (as a faulty or hostile sender
/// might), with a manifest that matches (counts and SHA-256), so only the records
/// themselves are wrong.
fn resealed(pkg: &Path, out: &Path, edit: impl FnOnce(&mut package::Content)) {
    let bytes = std::fs::read(pkg).unwrap();
    let (manifest, content) = package::open(pkg, &bytes, &pass()).unwrap();
    let mut content: package::Content = serde_json::from_slice(&content).unwrap();
    edit(&mut content);
    crate::common::seal(&manifest, &content, PASS, out);
}

#[test]
fn a_package_with_a_bad_record_or_a_dangling_reference_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let base = new_db(dir.path(), "base.db");
    let pkg = dir.path().join("good.sbpkg");
    export_to(&st.path, Some(st.org), None, &pkg);
    let bad = dir.path().join("bad.sbpkg");
    resealed(&pkg, &bad, |c| {
        let t = c.tables.iter_mut().find(|t| t.kind == "person").unwrap();
        let i = t.columns.iter().position(|c| c == "phone").unwrap();
        t.rows[0][i] = "12345".into();
    });
    let dangling = dir.path().join("dangling.sbpkg");
    resealed(&pkg, &dangling, |c| c.tables.retain(|t| t.kind != "person"));
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    let before = open(&base).counts().unwrap();
    for (file, message) in [
        (&bad, "有错误，整个数据包没有导入"),
        (&dangling, "既不在数据包中、也不在本数据库中"),
    ] {
        let out = skillbase(&[
            "package",
            "import",
            "--db",
            base.to_str().unwrap(),
            file.to_str().unwrap(),
            "--passphrase-file",
            pass_file.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(message), "{stderr}");
        assert_eq!(open(&base).counts().unwrap(), before, "nothing of it was written");
    }
}

#[test]
fn a_consolidation_replaces_an_organisation_and_keeps_what_another_shares() {
    let dir = tempfile::tempdir().unwrap();
    // One base database hosting two studios that share the master.
    let src = dir.path().join("base.db");
    let (a, b, master, only_a, a_achievement) = {
        let mut s = open(&src);
        let master = person(&mut s, "王建国", &citizen("19700312", 11));
        let only_a = person(&mut s, "巴特尔", &citizen("19990605", 23));
        let both = person(&mut s, "李娜", &citizen("20000101", 42));
        let a = s.insert(studio_record("焊接技能大师工作室")).unwrap();
        let b = s.insert(studio_record("电工技能大师工作室")).unwrap();
        s.insert(apprenticeship(a, master, only_a)).unwrap();
        s.insert(apprenticeship(b, master, both)).unwrap();
        let ach = s.insert(achievement(a, "薄板焊接变形控制")).unwrap();
        s.insert(achievement(b, "配电柜快速接线法")).unwrap();
        (a, b, master, only_a, ach)
    };
    let pkg_a = dir.path().join("a.sbpkg");
    let pkg_b = dir.path().join("b.sbpkg");
    export_to(&src, Some(a), None, &pkg_a);
    export_to(&src, Some(b), None, &pkg_b);
    let region = dir.path().join("region.db");
    let consolidate = |files: &[&Path]| {
        let mut s = open(&region);
        let files: Vec<PathBuf> = files.iter().map(|f| f.to_path_buf()).collect();
        skillbase::packages::consolidate::consolidate(&mut s, &files, &pass(), &Silent).unwrap()
    };
    let loaded = consolidate(&[&pkg_a, &pkg_b]);
    assert_eq!(loaded.len(), 2);
    {
        let s = open(&region);
        assert_eq!(s.consolidation_loads().unwrap().len(), 2);
        let shared = s.people_in_several_orgs().unwrap();
        assert_eq!(shared.len(), 1, "the master works for both studios");
        assert_eq!(shared[0].name, "王建国");
        assert_eq!(s.regional_counts(2025).unwrap().shared_documents, 1);
    }
    // Studio A drops its apprentice's agreement and its achievement, and is loaded again.
    {
        let mut s = open(&src);
        let agreement = s
            .list::<Apprenticeship>(&Scope::default())
            .unwrap()
            .into_iter()
            .find(|x| x.record.apprentice == only_a)
            .unwrap();
        s.delete(agreement.id).unwrap();
        s.delete(a_achievement).unwrap();
    }
    let pkg_a2 = dir.path().join("a2.sbpkg");
    export_to(&src, Some(a), None, &pkg_a2);
    consolidate(&[&pkg_a2]);
    let s = open(&region);
    assert!(
        s.get(a_achievement).unwrap().meta.is_deleted(),
        "A's new package replaces its old data"
    );
    assert!(
        !s.get(master).unwrap().meta.is_deleted(),
        "a person B's package brought stays"
    );
    assert_eq!(s.list::<Achievement>(&Scope::default()).unwrap().len(), 1);
    assert_eq!(s.consolidation_loads().unwrap().len(), 2);
    let summary = skillbase::report::region::summary(&s, 2025, &Silent).unwrap();
    assert_eq!(summary.orgs.len(), 2);
    assert!(summary.orgs.iter().all(|o| o.indicators.len() == 1));
    drop(s);

    // A database with records of its own is not a consolidation.
    let mut own = open(&src);
    let err = skillbase::packages::consolidate::consolidate(
        &mut own,
        std::slice::from_ref(&pkg_b),
        &pass(),
        &Silent,
    )
    .unwrap_err();
    assert!(err.is_bad_input());
    // A consolidation database merges no packages.
    let p = package::read(&pkg_b, &pass()).unwrap();
    let mut r = open(&region);
    let preview = merge::preview(&r, &p, skillbase::i18n::Lang::Zh).unwrap();
    assert!(
        merge::apply(
            &mut r,
            &preview,
            &Resolution::prefer(&preview, Prefer::Mine),
            &Silent
        )
        .is_err()
    );
}

/// `skillbase consolidate` of one package for 2025, the passphrase from a file.
fn consolidate_cli(region: &Path, pkg: &Path, pass_file: &Path) -> std::process::Output {
    skillbase(&[
        "consolidate",
        "--db",
        region.to_str().unwrap(),
        pkg.to_str().unwrap(),
        "--year",
        "2025",
        "--passphrase-file",
        pass_file.to_str().unwrap(),
    ])
}

/// `skillbase region-return` for 2025 into `out`.
fn region_return_cli(db: &Path, out: &Path) -> std::process::Output {
    skillbase(&[
        "region-return",
        "--db",
        db.to_str().unwrap(),
        "--year",
        "2025",
        "--out",
        out.to_str().unwrap(),
    ])
}

#[test]
fn region_return_writes_the_summary_pdf_with_its_companions() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let pkg = dir.path().join("s.sbpkg");
    export_to(&st.path, Some(st.org), None, &pkg);
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    let region = dir.path().join("region.db");
    let out = consolidate_cli(&region, &pkg, &pass_file);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("王建国焊接技能大师工作室") && stdout.contains("全区"),
        "{stdout}"
    );
    let out_dir = dir.path().join("summary");
    let out = region_return_cli(&region, &out_dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in ["region-return.pdf", "region-return.json", "region-return.xlsx"] {
        assert!(out_dir.join(f).is_file(), "{f}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("region-return.json")).unwrap()).unwrap();
    assert_eq!(json["orgs"][0]["name"], "王建国焊接技能大师工作室");
    assert_eq!(json["definitions"].as_array().unwrap().len(), 14);
    let pdf = std::fs::read(out_dir.join("region-return.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // region-return refuses a database that is not a consolidation.
    let out = region_return_cli(&st.path, &out_dir);
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(feature = "gui")]
mod window {
    //! The 数据交换 screen driven headless, as the base administrator uses it.

    use super::*;
    use crate::common::window::{app_on, settle, wait_for_job as wait};
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT, Queryable};
    use skillbase::ui::SkillBaseApp;

    /// The app on a database, in Chinese, showing 数据交换.
    fn exchange_screen(db: &Path) -> Harness<'static, SkillBaseApp> {
        let mut h = app_on(db, 900.0);
        h.get_by_role_and_label(Role::Button, "数据交换").click();
        settle(&mut h);
        h
    }

    fn type_into(h: &mut Harness<'_, SkillBaseApp>, role: Role, label: &str, text: &str) {
        h.get_by_role_and_label(role, label).focus();
        settle(h);
        h.get_by_role_and_label(role, label).type_text(text);
        settle(h);
    }

    #[test]
    fn the_import_preview_shows_the_conflict_and_takes_the_side_chosen() {
        let dir = tempfile::tempdir().unwrap();
        let (st, b, pkg) = conflicting(dir.path());
        let mut h = exchange_screen(&b);
        type_into(&mut h, Role::TextInput, "要导入的数据包", pkg.to_str().unwrap());
        type_into(&mut h, Role::PasswordInput, "数据包的口令", PASS);
        h.get_by_label("打开并预览").click();
        wait(&mut h);
        let preview = h.state().screens.exchange.preview.clone().expect("a preview");
        assert_eq!(preview.conflicts.len(), 1);
        assert!(
            h.query_by_label_contains("13900000002").is_some(),
            "their phone is shown"
        );
        assert!(h.query_by_label_contains("13800000003").is_some(), "and mine");
        // Who changed each side and when, which is newer.
        assert!(h.query_by_label_contains("本机：20").is_some());
        assert!(h.query_by_label_contains("对方：20").is_some());
        assert!(h.query_by_label_contains("（较新）").is_some());
        assert!(
            h.get_by_label("备份并合并").accesskit_node().is_disabled(),
            "nothing is merged before every conflict has a choice"
        );
        h.get_by_label("采用对方").click();
        settle(&mut h);
        assert_eq!(
            h.state().screens.exchange.resolution.conflicts,
            vec![Choice::Theirs]
        );
        h.get_by_label("备份并合并").click();
        wait(&mut h);
        assert!(h.state().screens.exchange.preview.is_none());
        assert_eq!(phone(&b, st.apprentice).as_deref(), Some("13900000002"));
        assert!(dir.path().join("backups").is_dir(), "a backup was taken first");
    }

    /// Every text the window shows now.
    fn shown_texts(h: &Harness<'_, SkillBaseApp>) -> Vec<String> {
        h.query_all(
            egui_kittest::kittest::By::new()
                .include_labels()
                .predicate(|_| true),
        )
        .flat_map(|n| {
            let a = n.accesskit_node();
            [a.label(), a.value()]
                .into_iter()
                .flatten()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
        })
        .collect()
    }

    /// Nothing the user reads is an id, a storage code or JSON.
    fn nothing_raw(texts: &[String], ids: &[String]) {
        for t in texts {
            for id in ids {
                assert!(!t.contains(id.as_str()), "an id is shown: {t}");
                assert!(!t.contains(&id[..8]), "the start of an id is shown: {t}");
            }
            assert!(!t.contains("{\""), "JSON is shown: {t}");
            for code in ["technician", "senior_technician", "state_owned", "in_progress"] {
                assert!(
                    !t.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                        .any(|w| w == code),
                    "a code is shown: {t}"
                );
            }
            assert!(
                !t.contains('T') || !t.contains('Z') || !t.contains(":"),
                "a UTC time is shown: {t}"
            );
        }
    }

    fn open_package(h: &mut Harness<'_, SkillBaseApp>, pkg: &Path) {
        h.state_mut().screens.exchange.in_file.clear();
        h.state_mut().screens.exchange.in_passphrase.clear();
        settle(h);
        type_into(h, Role::TextInput, "要导入的数据包", pkg.to_str().unwrap());
        type_into(h, Role::PasswordInput, "数据包的口令", PASS);
        h.get_by_label("打开并预览").click();
        wait(h);
    }

    /// A studio's package previewed at the base: the sender is the studio by name with a
    /// local time, its records are named as people know them (the apprenticeship by
    /// apprentice, master and studio; people with masked ID numbers), nothing shows an
    /// id, a code or JSON. Merged, it joins 已收到的数据包; opened again, it says there is
    /// nothing to merge and offers no merge (no backup, no audit entry).
    #[test]
    fn a_studio_package_is_previewed_by_names_and_a_second_import_offers_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let st = studio(dir.path(), "studio.db");
        let b = dir.path().join("base.db");
        super::base_with_service(&b);
        let pkg = dir.path().join("studio.sbpkg");
        export_to(&st.path, None, None, &pkg);
        let ids: Vec<String> = [
            st.org.to_string(),
            st.master.to_string(),
            st.apprentice.to_string(),
            st.achievement.to_string(),
        ]
        .into();
        let mut h = exchange_screen(&b);
        open_package(&mut h, &pkg);
        let texts = shown_texts(&h);
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("来源：王建国焊接技能大师工作室") && t.contains("生成于 20")),
            "{texts:?}"
        );
        h.get_by_label_contains("新增：").click();
        settle(&mut h);
        let texts = shown_texts(&h);
        assert!(
            texts.iter().any(|t| t.starts_with("名师带徒 · 巴特尔（")
                && t.contains("王建国（")
                && t.contains("王建国焊接技能大师工作室")),
            "the apprenticeship by its people and studio: {texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.contains("********")),
            "ID numbers masked: {texts:?}"
        );
        nothing_raw(&texts, &ids);
        h.get_by_label("备份并合并").click();
        wait(&mut h);
        assert_eq!(open(&b).get(st.apprentice).unwrap().record.name, "巴特尔");
        // The merged record's history names the package's sender beside the operator.
        {
            let s = open(&b);
            let entries = s.audit_for(&st.apprentice.to_string()).unwrap();
            let lines = skillbase::sheets::audit::lines(&s, &entries, false, skillbase::i18n::Lang::Zh);
            assert!(
                lines
                    .iter()
                    .any(|l| l.profile.ends_with("（合并 王建国焊接技能大师工作室 的数据包）")),
                "{:?}",
                lines.iter().map(|l| &l.profile).collect::<Vec<_>>()
            );
        }
        // The received packages' history.
        h.get_by_label_contains("已收到的数据包").click();
        settle(&mut h);
        h.get_by_label_contains("王建国焊接技能大师工作室：生成于");
        h.get_by_label_contains("人员 新增 2、修改 0、删除 0");
        assert!(h.query_all_by_label_contains("合并前的备份：").next().is_some());
        // The same package again: nothing to merge, nothing offered.
        let backups = skillbase::store::backup::list_backups(&b).unwrap().len();
        let audit = open(&b).audit_recent(1000).unwrap().len();
        open_package(&mut h, &pkg);
        h.get_by_label_contains("没有需要合并的内容");
        h.get_by_label_contains("这个数据包已在 20");
        assert!(h.query_by_label("备份并合并").is_none(), "no merge is offered");
        nothing_raw(&shown_texts(&h), &ids);
        assert_eq!(skillbase::store::backup::list_backups(&b).unwrap().len(), backups);
        assert_eq!(open(&b).audit_recent(1000).unwrap().len(), audit);
    }

    /// 全区汇总 lists the packages loaded per organisation (file, made and loaded in local
    /// time), loads packages whose paths are typed, and heads the 2025 figures with what
    /// the targets are (the plan's stop at 2020).
    #[test]
    fn the_consolidation_lists_its_packages_and_loads_typed_paths() {
        let dir = tempfile::tempdir().unwrap();
        let base_db = dir.path().join("base.db");
        let (base, _) = super::base_with_service(&base_db);
        let pass_file = dir.path().join("pass.txt");
        std::fs::write(&pass_file, PASS).unwrap();
        let region = dir.path().join("region.db");
        let first = dir.path().join("base-1.sbpkg");
        export_to(&base_db, Some(base), None, &first);
        let o = super::consolidate_cli(&region, &first, &pass_file);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let mut h = app_on(&region, 900.0);
        h.get_by_role_and_label(Role::Button, "全区汇总").click();
        settle(&mut h);
        for _ in 0..500 {
            settle(&mut h);
            if h.state().screens.region.is_idle() && h.query_by_label_contains("年全区指标").is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        h.get_by_label_contains("已载入的数据包（每个单位最新的一个） (1)");
        assert!(h.query_all_by_label("包头职业技术学院高技能人才培训基地").count() >= 2);
        h.get_by_label("base-1.sbpkg");
        h.get_by_label_contains("年全区指标（2015 年实施方案的目标只定到 2020 年");
        assert!(h.query_by_label_contains("对照 2020 年目标").is_none());
        // A second package, its path typed.
        let second = dir.path().join("base-2.sbpkg");
        export_to(&base_db, Some(base), None, &second);
        type_into(&mut h, Role::PasswordInput, "口令", PASS);
        type_into(
            &mut h,
            Role::TextInput,
            "或输入数据包的路径：",
            second.to_str().unwrap(),
        );
        h.get_by_label("载入这些文件").click();
        wait(&mut h);
        settle(&mut h);
        h.get_by_label("base-2.sbpkg");
        assert!(
            h.query_by_label("base-1.sbpkg").is_none(),
            "the latest package per organisation"
        );
    }

    #[test]
    fn a_package_is_made_from_the_window_with_the_passphrase_typed_twice() {
        let dir = tempfile::tempdir().unwrap();
        let st = studio(dir.path(), "studio.db");
        let out = dir.path().join("工作室-20261201.sbpkg");
        let mut h = exchange_screen(&st.path);
        h.get_by_label("只含上次发给对方以后的修改").click();
        settle(&mut h);
        type_into(&mut h, Role::TextInput, "对方名称", "包头基地");
        // Never sent to: the package will be complete, and the screen says why.
        h.get_by_label_contains("还没有给“包头基地”发过数据包");
        type_into(&mut h, Role::PasswordInput, "口令", PASS);
        type_into(&mut h, Role::PasswordInput, "再输一次口令", "a different one");
        assert!(h.query_by_label("两次输入的口令不一样").is_some());
        h.get_by_role_and_label(Role::PasswordInput, "再输一次口令")
            .focus();
        settle(&mut h);
        for _ in 0.."a different one".len() {
            h.key_press(egui::Key::Backspace);
        }
        settle(&mut h);
        type_into(&mut h, Role::PasswordInput, "再输一次口令", PASS);
        // The file is chosen in the system's save dialog, which a headless test cannot
        // drive: its answer is put where the dialog puts it.
        h.state_mut().screens.exchange.out_file = out.display().to_string();
        settle(&mut h);
        {
            let x = &h.state().screens.exchange;
            assert_eq!(x.out_file, out.to_str().unwrap());
            assert_eq!(x.passphrase_again, PASS);
        }
        h.get_by_role_and_label(Role::Button, "生成数据包").click();
        wait(&mut h);
        let notes: Vec<String> = h.state().app.notes.all().iter().map(|n| n.text.clone()).collect();
        assert!(out.is_file(), "{notes:?}");
        let m = package::read(&out, &pass()).unwrap().manifest;
        assert_eq!(m.recipient.as_deref(), Some("包头基地"));
        assert!(m.complete, "the first package to a recipient holds everything");
        assert_eq!(
            open(&st.path)
                .last_sent_to("包头基地")
                .unwrap()
                .unwrap()
                .package_id,
            m.package_id
        );
    }
}

/// A base with one public-training service in 2025, approved in 2020.
fn base_with_service(path: &Path) -> (Id<Organisation>, Id<skillbase::domain::capacity::PublicService>) {
    use skillbase::domain::capacity::{PublicService, RecipientType};
    let mut s = open(path);
    let mut o = Organisation::new(OrgKind::TrainingBase, "包头职业技术学院高技能人才培训基地");
    o.tier = Some(Tier::Region);
    o.division = Some("150203".into());
    o.approval_year = Some(2020);
    o.credit_code = Some("12150100460001231U".into());
    let base = s.insert(o).unwrap();
    let service = s
        .insert(PublicService {
            org: base,
            date: d(2025, 5, 1),
            recipient: "包头北方重工集团有限公司".into(),
            recipient_type: RecipientType::Enterprise,
            person_times: 30,
            hours: 8.0,
            content: "焊接实训".into(),
            facility: None,
        })
        .unwrap();
    (base, service)
}

#[test]
fn the_region_sees_what_a_base_submitted_and_whether_its_package_bears_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let base_db = dir.path().join("base.db");
    let (base, service) = base_with_service(&base_db);
    let db = base_db.to_str().unwrap();
    let out = dir.path().join("报表2025");
    let o = skillbase(&[
        "return",
        "--db",
        db,
        "--year",
        "2025",
        "--final",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let code = skillbase::report::companion::verification_code(
        &std::fs::read_to_string(out.join("return.json")).unwrap(),
    );
    let o = skillbase(&["submit", "--db", db, "--year", "2025", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));

    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    let region = dir.path().join("region.db");
    let consolidate = |pkg: &Path| {
        let o = consolidate_cli(&region, pkg, &pass_file);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let region_return = |folder: &str| -> serde_json::Value {
        let folder = dir.path().join(folder);
        let o = region_return_cli(&region, &folder);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&std::fs::read(folder.join("region-return.json")).unwrap()).unwrap()
    };
    let pkg = dir.path().join("base-1.sbpkg");
    export_to(&base_db, Some(base), None, &pkg);
    consolidate(&pkg);
    let summary = region_return("汇总1");
    let org = &summary["orgs"][0];
    assert_eq!(org["submission"]["code"], code.as_str());
    assert_eq!(org["submission"]["status_label"], "正式");
    assert_eq!(org["submission"]["matches"], true, "{org}");
    assert!(org["exported_at"].as_str().unwrap().starts_with("20"));
    // The printed summary says so too.
    {
        let s = open(&region);
        let summary = skillbase::report::region::summary(&s, 2025, &Silent).unwrap();
        let built = skillbase::report::region::build(&summary).unwrap();
        let texts: Vec<String> = built
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                skillbase::report::layout::Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert!(texts.contains(&code), "the submitted code is printed");
        assert!(texts.iter().any(|t| t == "一致"));
    }

    // After submitting, the base corrects the service (30 person-times were 45) and sends
    // a new package: the region sees that its figures no longer match what it signed.
    {
        let mut s = open(&base_db);
        let mut fixed = s.get(service).unwrap().record;
        fixed.person_times = 45;
        s.update(service, fixed).unwrap();
    }
    let pkg2 = dir.path().join("base-2.sbpkg");
    export_to(&base_db, Some(base), None, &pkg2);
    consolidate(&pkg2);
    let summary = region_return("汇总2");
    let tie = &summary["orgs"][0]["submission"];
    assert_eq!(tie["code"], code.as_str());
    assert_eq!(tie["matches"], false);
    let differences = tie["differences"].as_array().unwrap();
    let ids: Vec<&str> = differences.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "indicators/public_service_person_times/value",
            "services/enterprise/person_times"
        ],
        "the indicator once (not again as the services' total), and the enterprises' row"
    );
    assert_eq!(
        (
            differences[0]["before"].as_str(),
            differences[0]["after"].as_str()
        ),
        (Some("30"), Some("45"))
    );
    assert_eq!(
        differences[0]["item"],
        "政策指标完成情况：年公共实训服务 年度实际完成，申报/实际（人次）"
    );

    // A package made before packages carried submissions still loads; its organisation
    // shows as not submitted.
    let old = dir.path().join("old.sbpkg");
    resealed(&pkg2, &old, |c| c.submissions.clear());
    let region2 = dir.path().join("region2.db");
    let mut r = open(&region2);
    skillbase::packages::consolidate::consolidate(&mut r, &[old], &pass(), &Silent).unwrap();
    let s = skillbase::report::region::summary(&r, 2025, &Silent).unwrap();
    assert!(s.orgs[0].submission.is_none());
    // A submission whose figures were altered is refused with its package.
    let forged = dir.path().join("forged.sbpkg");
    resealed(&pkg2, &forged, |c| {
        c.submissions[0].figures = c.submissions[0].figures.replace("30", "99")
    });
    let region3 = dir.path().join("region3.db");
    let mut r = open(&region3);
    assert!(skillbase::packages::consolidate::consolidate(&mut r, &[forged], &pass(), &Silent).is_err());
    assert!(r.is_empty().unwrap());
}

#[test]
fn a_studio_submission_reaches_the_region_through_its_base() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let code = {
        let mut s = open(&st.path);
        let mut o = s.get(st.org).unwrap().record;
        o.credit_code = Some("12150100460001231U".into());
        s.update(st.org, o).unwrap();
        let built = skillbase::report::build(&s, st.org, 2025, true).unwrap();
        s.record_submission(st.org, 2025, &built.json, &built.code)
            .unwrap();
        built.code
    };
    let base = new_db(dir.path(), "base.db");
    let pkg = dir.path().join("s-b.sbpkg");
    export_to(&st.path, None, None, &pkg);
    let p = import(&base, &pkg, clean);
    assert_eq!(p.submissions.len(), 1);
    // Imported again: nothing new.
    assert!(preview(&base, &pkg).submissions.is_empty());
    let to_region = dir.path().join("b-r.sbpkg");
    export_to(&base, None, None, &to_region);
    let region = dir.path().join("region.db");
    let mut r = open(&region);
    skillbase::packages::consolidate::consolidate(&mut r, &[to_region], &pass(), &Silent).unwrap();
    let s = skillbase::report::region::summary(&r, 2025, &Silent).unwrap();
    let studio = s
        .orgs
        .iter()
        .find(|o| o.name == "王建国焊接技能大师工作室")
        .unwrap();
    let tie = studio
        .submission
        .as_ref()
        .expect("the studio's submission came through the base");
    assert_eq!(tie.code, code);
    assert!(tie.matches, "{:?}", tie.differences);
}

#[test]
fn a_package_that_would_leave_a_live_record_pointing_at_a_deleted_one_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let base = new_db(dir.path(), "base.db");
    let pkg = dir.path().join("good.sbpkg");
    export_to(&st.path, Some(st.org), None, &pkg);
    // The apprentice arrives deleted while the apprenticeship naming him is live.
    let bad = dir.path().join("deleted-apprentice.sbpkg");
    let apprentice = st.apprentice.to_string();
    resealed(&pkg, &bad, |c| {
        let t = c.tables.iter_mut().find(|t| t.kind == "person").unwrap();
        let deleted = t.columns.iter().position(|c| c == "deleted_at").unwrap();
        let row = t.rows.iter_mut().find(|r| r[0] == apprentice.as_str()).unwrap();
        row[deleted] = "2026-01-05T08:00:00.000Z".into();
    });
    let before = open(&base).counts().unwrap();
    let p = preview(&base, &bad);
    let mut s = open(&base);
    let err = merge::apply(&mut s, &p, &Resolution::prefer(&p, Prefer::Mine), &Silent).unwrap_err();
    let zh = skillbase::i18n::Localize::localize(&err, skillbase::i18n::Lang::Zh);
    assert!(
        zh.contains("名师带徒")
            && zh.contains("巴特尔")
            && zh.contains("已删除")
            && zh.contains("没有写入任何内容"),
        "{zh}"
    );
    drop(s);
    assert_eq!(open(&base).counts().unwrap(), before, "nothing of it was written");
}

/// A register's table in a package's content, and a column's index in it.
fn table<'a>(c: &'a mut package::Content, kind: &str) -> &'a mut package::Table {
    c.tables.iter_mut().find(|t| t.kind == kind).unwrap()
}

/// Sets one value of the record `id` of a register in a package's content.
fn set(c: &mut package::Content, kind: &str, id: &str, column: &str, value: serde_json::Value) {
    let t = table(c, kind);
    let col = t.columns.iter().position(|x| x == column).unwrap();
    let row = t.rows.iter().position(|r| r[0] == id).unwrap();
    t.rows[row][col] = value;
}

/// Gives the record `from` the id `to`, and every value naming it (as a sender whose ids
/// clash with the receiver's would).
fn rename(c: &mut package::Content, from: &str, to: &str) {
    for v in c.tables.iter_mut().flat_map(|t| t.rows.iter_mut()).flatten() {
        if *v == from {
            *v = to.into();
        }
    }
}

/// What a directory holds, file names and bytes.
fn snapshot(dir: &Path) -> Vec<(std::ffi::OsString, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_none_or(|x| x != "sbpkg"))
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (e.file_name(), bytes)
        })
        .collect();
    out.sort();
    out
}

fn import_cli(db: &Path, pkg: &Path, pass_file: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "package",
        "import",
        "--db",
        db.to_str().unwrap(),
        pkg.to_str().unwrap(),
        "--passphrase-file",
        pass_file.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    skillbase(&args)
}

#[test]
fn a_package_that_would_poison_the_database_is_refused_whole_naming_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let base_dir = dir.path().join("base");
    std::fs::create_dir(&base_dir).unwrap();
    let base = new_db(&base_dir, "base.db");
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    let (manifest, content) = crate::common::package_of(&st.path);
    let (master, apprentice) = (st.master.to_string(), st.apprentice.to_string());
    let (org, achievement) = (st.org.to_string(), st.achievement.to_string());
    let apprenticeship = table(&mut content.clone(), "apprenticeship").rows[0][0]
        .as_str()
        .unwrap()
        .to_string();
    type Edit = Box<dyn Fn(&mut package::Content)>;
    let cases: Vec<(&str, Edit, &[&str])> = vec![
        (
            "an id that is no id",
            Box::new({
                let a = apprentice.clone();
                move |c| set(c, "person", &a, "id", "not-a-uuid".into())
            }),
            &["人员记录", "记录标识", "not-a-uuid"],
        ),
        (
            "a negative revision",
            Box::new({
                let a = achievement.clone();
                move |c| set(c, "achievement", &a, "rev", (-7).into())
            }),
            &["工作室成果记录", "修改次数", "-7"],
        ),
        (
            "a creation time that is no time",
            Box::new({
                let o = org.clone();
                move |c| set(c, "organisation", &o, "created_at", "yesterday".into())
            }),
            &["组织记录", "创建时间", "yesterday"],
        ),
        (
            "a time of change that is no date",
            Box::new({
                let m = master.clone();
                move |c| set(c, "person", &m, "updated_at", "9999-99-99".into())
            }),
            &["最后修改时间", "9999-99-99"],
        ),
        (
            "a time of change far in the future",
            Box::new({
                let m = master.clone();
                move |c| set(c, "person", &m, "updated_at", "2999-01-01T00:00:00.000Z".into())
            }),
            &["最后修改时间", "比本机时钟晚两天以上"],
        ),
        (
            "one id for records of two registers",
            Box::new({
                let (a, m) = (achievement.clone(), master.clone());
                move |c| set(c, "achievement", &a, "id", m.clone().into())
            }),
            &["工作室成果记录", "与数据包中一条人员记录的标识相同"],
        ),
        (
            "a deleted record with a value no record has",
            Box::new({
                let a = apprentice.clone();
                move |c| {
                    let t = table(c, "person");
                    let updated = t.columns.iter().position(|x| x == "updated_at").unwrap();
                    let row = t.rows.iter().position(|r| r[0] == a.as_str()).unwrap();
                    let at = t.rows[row][updated].clone();
                    set(c, "person", &a, "deleted_at", at);
                    set(c, "person", &a, "sex", "x".into());
                }
            }),
            &["人员记录", "性别", "无法读取"],
        ),
        (
            "a reference to a record of another register",
            Box::new({
                let (ap, o) = (apprenticeship.clone(), org.clone());
                move |c| set(c, "apprenticeship", &ap, "master", o.clone().into())
            }),
            &["应指向一条人员记录", "组织记录"],
        ),
        (
            "a control sequence in a name",
            Box::new({
                let a = apprentice.clone();
                move |c| set(c, "person", &a, "name", "巴特尔\u{1b}[2J\u{7}".into())
            }),
            &["[U+001B]", "控制字符"],
        ),
        (
            "a value that is a list",
            Box::new({
                let a = achievement.clone();
                move |c| set(c, "achievement", &a, "title", serde_json::json!(["a", "b"]))
            }),
            &["已损坏或被改动过"],
        ),
    ];
    let before = snapshot(&base_dir);
    for (what, edit, expected) in &cases {
        let mut c = content.clone();
        edit(&mut c);
        let pkg = dir.path().join("hostile.sbpkg");
        crate::common::seal(&manifest, &c, PASS, &pkg);
        let out = import_cli(&base, &pkg, &pass_file, &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        for e in *expected {
            assert!(stderr.contains(e), "{what}: {e:?} not in {stderr}");
        }
        assert!(stderr.contains("数据库没有被改动"), "{what}: {stderr}");
        assert!(
            !out.stderr.iter().any(|b| *b == 0x1b || *b == 0x07),
            "{what}: {stderr}"
        );
        assert!(snapshot(&base_dir) == before, "{what}: the base's folder changed");
    }
    // Unchanged, the same package imports: the refusals were for what was changed.
    let good = dir.path().join("good.sbpkg");
    crate::common::seal(&manifest, &content, PASS, &good);
    let out = import_cli(&base, &good, &pass_file, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        open(&base).get(st.achievement).unwrap().record.title,
        "薄板焊接变形控制"
    );
}

#[test]
fn a_record_with_the_id_of_another_register_here_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let base = new_db(dir.path(), "base.db");
    let here = open(&base)
        .insert(studio_record("本基地工作室"))
        .unwrap()
        .to_string();
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    let (manifest, mut content) = crate::common::package_of(&st.path);
    // The studio's master takes the id of the organisation here, everywhere he is named.
    rename(&mut content, &st.master.to_string(), &here);
    let pkg = dir.path().join("clash.sbpkg");
    crate::common::seal(&manifest, &content, PASS, &pkg);
    let before = std::fs::read(&base).unwrap();
    let counts = open(&base).counts().unwrap();
    let out = import_cli(&base, &pkg, &pass_file, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("与本数据库中一条组织记录的标识相同"), "{stderr}");
    assert_eq!(open(&base).counts().unwrap(), counts);
    assert_eq!(std::fs::read(&base).unwrap(), before);
    assert!(
        !dir.path().join("backups").exists(),
        "no backup of a refused package"
    );
}

#[test]
fn a_package_inflating_beyond_its_records_is_refused_before_it_is_all_read() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let base = new_db(dir.path(), "base.db");
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    let (manifest, content) = crate::common::package_of(&st.path);
    // Five records may take 1 MiB and 16 KiB each: 4 MiB of blanks after the content
    // compress to a few kilobytes.
    let pkg = dir.path().join("bomb.sbpkg");
    crate::common::seal_padded(&manifest, &content, PASS, &pkg, 4 << 20);
    assert!(std::fs::metadata(&pkg).unwrap().len() < 64 << 10);
    let before = std::fs::read(&base).unwrap();
    for extra in [&["--dry-run"][..], &[]] {
        let out = import_cli(&base, &pkg, &pass_file, extra);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("解压后超过") && stderr.contains("5 条记录"),
            "{stderr}"
        );
        assert_eq!(std::fs::read(&base).unwrap(), before);
    }
    let bytes = std::fs::read(&pkg).unwrap();
    assert!(matches!(
        package::open(&pkg, &bytes, &pass()).unwrap_err(),
        package::PackageError::TooLarge { records: 5, .. }
    ));
    // The same content without the blanks is fine.
    crate::common::seal(&manifest, &content, PASS, &pkg);
    let out = import_cli(&base, &pkg, &pass_file, &["--dry-run"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn records_merged_from_a_package_are_masked_in_every_audit_view_unless_full() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let apprentice_id = citizen("19990605", 23);
    {
        let mut s = open(&st.path);
        let mut p = s.get(st.apprentice).unwrap().record;
        p.phone = Some("13947100001".into());
        p.notes = Some("家属电话13812345678".into());
        s.update(st.apprentice, p).unwrap();
    }
    let base = new_db(dir.path(), "base.db");
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    let (mut manifest, content) = crate::common::package_of(&st.path);
    // What the sender's manifest says is printed too: it must not act on the terminal.
    manifest.source_name = "studio\u{1b}]0;pwned\u{7}.db".into();
    let pkg = dir.path().join("studio.sbpkg");
    crate::common::seal(&manifest, &content, PASS, &pkg);
    let out = import_cli(&base, &pkg, &pass_file, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
    assert!(String::from_utf8_lossy(&out.stdout).contains("studio[U+001B]]0;pwned[U+0007].db"));

    let secrets = [apprentice_id.as_str(), "13947100001", "13812345678"];
    let db = base.to_str().unwrap();
    let audit = skillbase(&["audit", "--db", db, "--limit", "1000"]);
    let text = String::from_utf8_lossy(&audit.stdout);
    assert_eq!(audit.status.code(), Some(0));
    for secret in secrets {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(
        text.contains("139****0001") && text.contains("138****5678"),
        "{text}"
    );
    assert!(text.contains("150102********"), "{text}");
    // The merge's entries list each field like an edit's.
    assert!(text.contains("合并数据包") && text.contains("联系电话"), "{text}");
    let full = skillbase(&["audit", "--db", db, "--limit", "1000", "--full"]);
    let text = String::from_utf8_lossy(&full.stdout);
    for secret in secrets {
        assert!(text.contains(secret), "--full: {secret} not in {text}");
    }
    let xlsx = dir.path().join("修改记录.xlsx");
    let out = skillbase(&["audit", "--db", db, "--out", xlsx.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let name = calamine::Reader::sheet_names(&book)[0].clone();
    let cells: Vec<String> = calamine::Reader::worksheet_range(&mut book, &name)
        .unwrap()
        .cells()
        .map(|(_, _, v)| v.to_string())
        .collect();
    assert!(cells.iter().any(|c| c.contains("139****0001")));
    for secret in secrets {
        assert!(
            !cells.iter().any(|c| c.contains(secret)),
            "{secret} in the workbook"
        );
    }
    // The record's own history (the form's) and the backups screen read the same lines.
    let s = open(&base);
    let lines = skillbase::sheets::audit::lines(
        &s,
        &s.audit_for(&st.apprentice.to_string()).unwrap(),
        false,
        skillbase::i18n::Lang::Zh,
    );
    assert!(lines.iter().any(|l| l.change.contains("139****0001")));
    assert!(lines.iter().all(|l| {
        secrets
            .iter()
            .all(|x| !l.change.contains(x) && !l.record.contains(x))
    }));
}

#[test]
fn a_package_of_demo_data_passes_every_check() {
    // Demo records name their batch in `changed_by` ("demo:studio:1"), not an install.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let out = skillbase(&["demo", "--db", db.to_str().unwrap(), "--profile", "studio"]);
    assert_eq!(out.status.code(), Some(0));
    let (manifest, content) = crate::common::package_of(&db);
    let pkg = dir.path().join("demo.sbpkg");
    crate::common::seal(&manifest, &content, PASS, &pkg);
    let package = package::read(&pkg, &pass()).unwrap();
    let columns = skillbase::store::exchange::schema_field_columns().unwrap();
    package
        .validate(&|k| columns[&k].clone(), skillbase::domain::Today::now())
        .unwrap();
    // And as the program packs it, with the demo's evidence (whose rows name the batch too).
    let exported = dir.path().join("exported.sbpkg");
    export_to(&db, None, None, &exported);
    let package = package::read(&exported, &pass()).unwrap();
    assert!(!package.content.attachments.is_empty());
    assert!(package.content.files.len() <= package.content.attachments.len());
}

#[test]
fn a_consolidation_refuses_an_id_one_package_gives_another_register() {
    let dir = tempfile::tempdir().unwrap();
    let a = studio(dir.path(), "a.db");
    let b = studio(dir.path(), "b.db");
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    let complete = |st: &Studio, clash: Option<String>, out: &Path| {
        let (mut manifest, mut content) = crate::common::package_of(&st.path);
        manifest.complete_for = vec![package::OrgRef {
            id: st.org.to_string(),
            name: "工作室".into(),
        }];
        if let Some(id) = clash {
            // B's master takes the id of A's studio, everywhere he is named.
            rename(&mut content, &st.master.to_string(), &id);
        }
        crate::common::seal(&manifest, &content, PASS, out);
    };
    let (pa, pb) = (dir.path().join("a.sbpkg"), dir.path().join("b.sbpkg"));
    complete(&a, None, &pa);
    complete(&b, Some(a.org.to_string()), &pb);
    let region = dir.path().join("region.db");
    let out = skillbase(&[
        "consolidate",
        "--db",
        region.to_str().unwrap(),
        pa.to_str().unwrap(),
        pb.to_str().unwrap(),
        "--passphrase-file",
        pass_file.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("人员记录") && stderr.contains("一条组织记录的标识相同"),
        "{stderr}"
    );
    if region.exists() {
        assert!(
            open(&region).is_empty().unwrap(),
            "nothing of either package was loaded"
        );
    }
}

mod studio_log {
    //! The master's log travels with the same rules as other records: entries written on
    //! both sides merge both ways; a sign-off given is never taken back by a merge without
    //! a conflict shown.

    use super::*;
    use skillbase::domain::studio_log::LogEntry;

    fn entry(a: Id<Apprenticeship>, date: chrono::NaiveDate, hours: f64, content: &str) -> LogEntry {
        LogEntry {
            apprenticeship: a,
            stage: None,
            date,
            hours,
            content: content.into(),
            signed_by: None,
            signed_on: None,
        }
    }

    fn entries(db: &Path) -> Vec<LogEntry> {
        let mut v: Vec<LogEntry> = open(db)
            .list::<LogEntry>(&Scope::default())
            .unwrap()
            .into_iter()
            .map(|e| e.record)
            .collect();
        v.sort_by_key(|e| e.date);
        v
    }

    #[test]
    fn entries_from_both_sides_merge_and_a_sign_off_is_not_taken_back_without_a_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let st = studio(dir.path(), "studio.db");
        let base = new_db(dir.path(), "base.db");
        let a = open(&st.path).list::<Apprenticeship>(&Scope::default()).unwrap()[0].id;
        let first = open(&st.path)
            .insert(entry(a, d(2025, 4, 1), 4.0, "安全规程与工具使用"))
            .unwrap();
        let pkg = dir.path().join("1.sbpkg");
        export_to(&st.path, Some(st.org), None, &pkg);
        import(&base, &pkg, clean);

        // The studio logs another day; the base adds the entry of a day the master phoned
        // in and signs off the first.
        open(&st.path)
            .insert(entry(a, d(2025, 4, 8), 6.0, "平焊对接练习"))
            .unwrap();
        {
            let mut b = open(&base);
            b.insert(entry(a, d(2025, 4, 3), 3.0, "识图")).unwrap();
            b.sign_off_entries(a, st.master, d(2025, 4, 4)).unwrap();
        }
        let to_base = dir.path().join("2.sbpkg");
        let to_studio = dir.path().join("3.sbpkg");
        export_to(&st.path, Some(st.org), None, &to_base);
        export_to(&base, Some(st.org), None, &to_studio);
        import(&base, &to_base, clean);
        import(&st.path, &to_studio, clean);
        for db in [&st.path, &base] {
            let e = entries(db);
            assert_eq!(e.len(), 3, "{db:?}");
            assert_eq!(e[0].signed_by, Some(st.master));
            assert_eq!(e[0].signed_on, Some(d(2025, 4, 4)));
        }
        // The studio, from the signed version, takes the sign-off away; at the base that is
        // a conflict, and keeping the base's version keeps the sign-off.
        {
            let mut s = open(&st.path);
            let mut r = s.get(first).unwrap().record;
            r.signed_by = None;
            r.signed_on = None;
            s.update(first, r).unwrap();
        }
        let unsigned = dir.path().join("4.sbpkg");
        export_to(&st.path, Some(st.org), None, &unsigned);
        let p = import(&base, &unsigned, |p| {
            assert_eq!(p.conflicts.len(), 1, "{:?}", p.conflicts);
            let c = &p.conflicts[0];
            assert_eq!(c.kind, RecordKind::LogEntry);
            let fields: Vec<&str> = c.diffs.iter().map(|d| d.field.as_str()).collect();
            assert_eq!(fields, ["signed_by", "signed_on"]);
            Resolution::prefer(p, Prefer::Mine)
        });
        assert!(p.changed.is_empty());
        assert_eq!(
            open(&base).get(first).unwrap().record.signed_on,
            Some(d(2025, 4, 4))
        );
    }

    /// A package made before the log existed (no table of its registers) still imports,
    /// and what the log holds here stays.
    #[test]
    fn a_package_from_before_the_log_imports_and_leaves_the_log_here() {
        let dir = tempfile::tempdir().unwrap();
        let st = studio(dir.path(), "studio.db");
        let base = new_db(dir.path(), "base.db");
        let first = dir.path().join("1.sbpkg");
        export_to(&st.path, Some(st.org), None, &first);
        import(&base, &first, clean);
        let a = open(&base).list::<Apprenticeship>(&Scope::default()).unwrap()[0].id;
        open(&base)
            .insert(entry(a, d(2025, 4, 1), 4.0, "安全规程"))
            .unwrap();
        set_phone(&st.path, st.master, "13900000009");
        let pkg = dir.path().join("2.sbpkg");
        export_to(&st.path, Some(st.org), None, &pkg);
        let old = dir.path().join("old.sbpkg");
        super::resealed(&pkg, &old, |c| {
            c.tables
                .retain(|t| !["stage_template", "plan_stage", "log_entry"].contains(&t.kind.as_str()))
        });
        let p = import(&base, &old, clean);
        assert_eq!(p.changed.len(), 1);
        assert_eq!(phone(&base, st.master).as_deref(), Some("13900000009"));
        assert_eq!(entries(&base).len(), 1);
    }
}

/// Indicator sets: a regional department's set sent in a package, taken by a studio and
/// judging its year; sent again (nothing written), edited and sent (one change); a
/// consolidation keeping the region's newer version; a package from before the sets.
mod indicator_sets {
    use super::*;
    use skillbase::domain::indicators::{
        Basis, Comparison, Indicator, IndicatorKey, IndicatorSet, default_label,
    };
    use skillbase::report::make::{Options, build_with};

    fn indicator(
        set: Id<IndicatorSet>,
        kind: OrgKind,
        tier: Tier,
        key: IndicatorKey,
        basis: Basis,
        t: f64,
    ) -> Indicator {
        let (zh, en, unit) = default_label(key);
        Indicator {
            indicator_set: set,
            org_kind: kind,
            tier,
            key,
            label_zh: zh.into(),
            label_en: en.into(),
            unit: unit.into(),
            threshold: t,
            comparison: Comparison::AtLeast,
            basis,
            period_years: None,
        }
    }

    /// The region's 2025 set: studios (region tier) ≥ 8 young backbones in the year and a
    /// 90% satisfaction rate, completions at 85% attendance.
    fn region_set(db: &Path) -> Id<IndicatorSet> {
        let mut s = open(db);
        let set = s
            .insert(IndicatorSet {
                name: "自治区 2025 绩效目标".into(),
                document: "内人社办发〔2025〕1号".into(),
                issuer: Some("内蒙古自治区人力资源和社会保障厅".into()),
                from_year: 2025,
                to_year: None,
                attendance_floor: Some(85.0),
                notes: None,
            })
            .unwrap();
        let (k, t) = (OrgKind::MasterStudio, Tier::Region);
        s.insert(indicator(
            set,
            k,
            t,
            IndicatorKey::YoungBackbones,
            Basis::Delivered,
            8.0,
        ))
        .unwrap();
        s.insert(indicator(
            set,
            k,
            t,
            IndicatorKey::SatisfactionRate,
            Basis::Rate,
            90.0,
        ))
        .unwrap();
        set
    }

    fn export_sets(db: &Path, out: &Path) {
        let request = ExportRequest {
            org: None,
            since_last_to: None,
            out: out.to_path_buf(),
            replace: true,
            indicator_sets_only: true,
        };
        export_with_work_factor(
            &mut open(db),
            &request,
            &pass(),
            crate::common::TEST_WORK_FACTOR,
            &Silent,
        )
        .unwrap();
    }

    fn options() -> Options {
        Options {
            final_return: false,
            now: chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00+08:00").unwrap(),
        }
    }

    #[test]
    fn a_regions_set_travels_to_a_studio_and_judges_its_year() {
        let dir = tempfile::tempdir().unwrap();
        let region = new_db(dir.path(), "region.db");
        let set = region_set(&region);
        let pkg = dir.path().join("sets.sbpkg");
        export_sets(&region, &pkg);
        let st = studio(dir.path(), "studio.db");
        let before = build_with(&open(&st.path), st.org, 2025, options()).unwrap();
        assert_eq!(
            before.annual.indicator_set.as_ref().map(|s| s.name.as_str()),
            Some("内蒙古 2015 实施方案")
        );

        // The package holds the set and its indicators, nobody's records.
        let p = import(&st.path, &pkg, clean);
        assert_eq!(p.new.len(), 3, "{:?}", p.new);
        assert!(
            p.new
                .iter()
                .all(|i| matches!(i.kind, RecordKind::IndicatorSet | RecordKind::Indicator))
        );
        let s = open(&st.path);
        assert_eq!(s.attendance_floor(st.org, 2025).unwrap(), 0.85);
        assert_eq!(
            s.attendance_floor(st.org, 2024).unwrap(),
            0.8,
            "2024 keeps the plan's default"
        );
        let after = build_with(&s, st.org, 2025, options()).unwrap();
        let named = after.annual.indicator_set.clone().unwrap();
        assert_eq!(named.id, set.to_string());
        assert_eq!(
            (named.name.as_str(), named.built_in),
            ("自治区 2025 绩效目标", false)
        );
        // The set is part of what the code covers; the rate is not recorded, never met.
        assert_ne!(before.code, after.code);
        assert!(after.json.contains("自治区 2025 绩效目标"));
        let rate = after
            .annual
            .indicators
            .iter()
            .find(|i| i.key == "satisfaction_rate")
            .unwrap();
        assert_eq!((rate.value, rate.met), (None, None));
        assert_eq!(rate.value_cell().shown(), "未记录");
        // 2024 is still judged by the plan.
        let earlier = build_with(&s, st.org, 2024, options()).unwrap();
        assert_eq!(earlier.annual.indicator_set.unwrap().name, "内蒙古 2015 实施方案");
        drop(s);

        // The same package again: nothing to write.
        let again = preview(&st.path, &pkg);
        assert!(
            again.new.is_empty() && again.changed.is_empty(),
            "{:?}",
            again.changed
        );
        let written = merge::apply(&mut open(&st.path), &again, &clean(&again), &Silent).unwrap();
        assert_eq!(written.written, 0);

        // The region raises the threshold: the next package changes one indicator.
        {
            let mut r = open(&region);
            let i = r.list::<Indicator>(&Scope::default()).unwrap();
            let young = i
                .iter()
                .find(|i| i.record.key == IndicatorKey::YoungBackbones)
                .unwrap();
            let mut changed = young.record.clone();
            changed.threshold = 9.0;
            r.update(young.id, changed).unwrap();
        }
        let pkg2 = dir.path().join("sets-2.sbpkg");
        export_sets(&region, &pkg2);
        let p = import(&st.path, &pkg2, clean);
        assert_eq!((p.new.len(), p.changed.len()), (0, 1));
        let judged = build_with(&open(&st.path), st.org, 2025, options()).unwrap();
        let young = judged
            .annual
            .indicators
            .iter()
            .find(|i| i.key == "young_backbones")
            .unwrap();
        assert_eq!(young.threshold, 9.0);
    }

    /// The studio's own package carries the sets it holds; the region, which edited one
    /// since, keeps its newer version when it consolidates the studio's package.
    #[test]
    fn a_consolidation_keeps_the_regions_newer_set() {
        let dir = tempfile::tempdir().unwrap();
        let region = new_db(dir.path(), "region.db");
        region_set(&region);
        let sets = dir.path().join("sets.sbpkg");
        export_sets(&region, &sets);
        let st = studio(dir.path(), "studio.db");
        import(&st.path, &sets, clean);
        {
            let mut r = open(&region);
            let set = r.list::<IndicatorSet>(&Scope::default()).unwrap().remove(0);
            let mut edited = set.record.clone();
            edited.name = "自治区 2025 绩效目标（修订）".into();
            r.update(set.id, edited).unwrap();
        }
        let studio_pkg = dir.path().join("studio.sbpkg");
        export_to(&st.path, Some(st.org), None, &studio_pkg);
        // The region's database holds only its sets: it may become a consolidation.
        let mut r = open(&region);
        skillbase::packages::consolidate::consolidate(&mut r, &[studio_pkg], &pass(), &Silent).unwrap();
        let names: Vec<String> = r
            .indicator_sets()
            .unwrap()
            .into_iter()
            .filter(|s| !s.built_in)
            .map(|s| s.set.record.name)
            .collect();
        assert_eq!(names, vec!["自治区 2025 绩效目标（修订）".to_string()]);
        assert_eq!(r.list::<Organisation>(&Scope::default()).unwrap().len(), 1);
    }

    /// A package made before indicator sets existed (no table of theirs) still imports.
    #[test]
    fn a_package_from_before_the_sets_imports() {
        let dir = tempfile::tempdir().unwrap();
        let region = new_db(dir.path(), "region.db");
        region_set(&region);
        let st = studio(dir.path(), "studio.db");
        let sets = dir.path().join("sets.sbpkg");
        export_sets(&region, &sets);
        import(&st.path, &sets, clean);
        let pkg = dir.path().join("studio.sbpkg");
        export_to(&st.path, Some(st.org), None, &pkg);
        let old = dir.path().join("old.sbpkg");
        super::resealed(&pkg, &old, |c| {
            c.tables
                .retain(|t| !["indicator_set", "indicator"].contains(&t.kind.as_str()))
        });
        let base = new_db(dir.path(), "base.db");
        let p = import(&base, &old, clean);
        assert_eq!(p.new.len(), 5, "{:?}", p.new);
        assert!(open(&base).indicator_sets().unwrap().iter().all(|s| s.built_in));
    }
}

/// A package made before cohorts, enrolments and certificates recorded hours, surveys,
/// subsidies, destinations and evaluators (schema 13) still imports: its records read
/// those fields as not recorded.
#[test]
fn a_package_from_before_the_scored_fields_imports_with_them_empty() {
    use skillbase::domain::training::*;
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    {
        let mut s = open(&st.path);
        let cohort = s
            .insert(Cohort {
                org: st.org,
                name: "2025年焊工技师班".into(),
                package: None,
                programme: Programme::Shortage1000,
                mode: TrainingMode::SemiOffJob,
                occupation: "6-18-02-04".into(),
                target_grade: SkillGrade::Technician,
                start_date: d(2025, 4, 1),
                end_date: d(2025, 6, 30),
                facility: None,
                theory_hours: Some(40),
                practice_hours: Some(60),
                surveyed: Some(10),
                satisfied: Some(9),
            })
            .unwrap();
        s.insert(Enrolment {
            cohort,
            person: st.apprentice,
            enrolled_on: d(2025, 4, 1),
            status: EnrolmentStatus::Enrolled,
            completed_on: None,
            result: None,
            qualification: None,
            attended_hours: Some(20.0),
            training_subsidy: Some(Money(150_000)),
            evaluation_subsidy: None,
            living_subsidy: None,
            voucher_number: Some("15202504000001".into()),
            destination: None,
            destination_on: None,
        })
        .unwrap();
    }
    let (mut manifest, mut content) = crate::common::package_of(&st.path);
    manifest.schema_version = 13;
    let new_columns = [
        "theory_hours",
        "practice_hours",
        "surveyed",
        "satisfied",
        "attended_hours",
        "training_subsidy",
        "evaluation_subsidy",
        "living_subsidy",
        "voucher_number",
        "destination",
        "destination_on",
        "evaluator",
    ];
    let mut dropped = 0;
    for t in &mut content.tables {
        let keep: Vec<bool> = t
            .columns
            .iter()
            .map(|c| !new_columns.contains(&c.as_str()))
            .collect();
        dropped += keep.iter().filter(|k| !**k).count();
        let mut i = 0;
        t.columns.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        for row in &mut t.rows {
            let mut i = 0;
            row.retain(|_| {
                i += 1;
                keep[i - 1]
            });
        }
    }
    assert_eq!(
        dropped, 11,
        "the package had every new column of its registers (no certificate)"
    );
    let old = dir.path().join("old.sbpkg");
    crate::common::seal(&manifest, &content, PASS, &old);
    let base = new_db(dir.path(), "base.db");
    import(&base, &old, clean);
    let s = open(&base);
    let cohorts = s.list::<Cohort>(&Scope::default()).unwrap();
    assert_eq!(cohorts.len(), 1);
    let c = &cohorts[0].record;
    assert_eq!((c.theory_hours, c.surveyed), (None, None));
    assert_eq!(c.name, "2025年焊工技师班");
    let e = &s.list::<Enrolment>(&Scope::default()).unwrap()[0].record;
    assert_eq!(e.person, st.apprentice);
    assert_eq!(
        (e.attended_hours, e.training_subsidy, e.voucher_number.as_deref()),
        (None, None, None)
    );
}

const SCAN_PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR an award scan";
const AGREEMENT_PDF: &[u8] = b"%PDF-1.4\n% an apprenticeship agreement\n%%EOF\n";

/// Evidence travels with the records: each content once in the package however many
/// records carry it, imported once however often the package is, and a removal travels
/// as a removal. A wrong passphrase or a truncated package with attachments changes
/// nothing.
#[test]
fn attachments_travel_once_import_idempotently_and_their_removal_follows() {
    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let (award, agreement) = {
        let mut s = open(&st.path);
        let award = s
            .attach(
                RecordKind::Organisation,
                st.org,
                "奖状.png",
                SCAN_PNG,
                Some("2025 年度"),
            )
            .unwrap();
        s.attach(
            RecordKind::Achievement,
            st.achievement,
            "奖状扫描.png",
            SCAN_PNG,
            None,
        )
        .unwrap();
        let agreement = s
            .attach(
                RecordKind::Person,
                st.apprentice,
                "带徒协议.pdf",
                AGREEMENT_PDF,
                None,
            )
            .unwrap();
        (award, agreement)
    };
    let pkg = dir.path().join("studio.sbpkg");
    export_to(&st.path, None, Some("基地"), &pkg);
    let bytes = std::fs::read(&pkg).unwrap();
    let (manifest, content) = package::open(&pkg, &bytes, &pass()).unwrap();
    let content: package::Content = serde_json::from_slice(&content).unwrap();
    assert_eq!(manifest.attachments, 3);
    assert_eq!(
        content.files.len(),
        2,
        "the award scan travels once for its two records"
    );
    assert_eq!(manifest.file_bytes, (SCAN_PNG.len() + AGREEMENT_PDF.len()) as u64);

    // Refused packages change nothing.
    let base = new_db(dir.path(), "base.db");
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    let wrong = dir.path().join("wrong.txt");
    std::fs::write(&wrong, "not the passphrase").unwrap();
    let truncated = dir.path().join("truncated.sbpkg");
    std::fs::write(&truncated, &bytes[..bytes.len() - 200]).unwrap();
    let before = snapshot(dir.path());
    for (file, pass) in [(&pkg, &wrong), (&truncated, &pass_file)] {
        let out = import_cli(&base, file, pass, &[]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(snapshot(dir.path()), before, "{}", file.display());
    }

    let p = import(&base, &pkg, clean);
    assert_eq!(p.attachments.new.len(), 3);
    let here = open(&base);
    let mut names: Vec<String> = here
        .attachments()
        .unwrap()
        .into_iter()
        .map(|a| a.file_name)
        .collect();
    names.sort();
    assert_eq!(names, ["奖状.png", "奖状扫描.png", "带徒协议.pdf"]);
    assert_eq!(here.attachment_totals().unwrap().files, 2);
    assert_eq!(here.attachment_bytes(&agreement.sha256).unwrap(), AGREEMENT_PDF);
    let on_org = here.attachments_for(RecordKind::Organisation, st.org).unwrap();
    assert_eq!(on_org[0].note.as_deref(), Some("2025 年度"));
    assert_eq!(on_org[0].id, award.id, "the same attachment, not a copy");
    let audit_before = here.audit_all().unwrap().len();
    drop(here);

    // Imported again: nothing to merge, nothing written.
    let again = preview(&base, &pkg);
    assert!(again.nothing_to_merge());
    let mut s = open(&base);
    let done = merge::apply(&mut s, &again, &clean(&again), &Silent).unwrap();
    assert_eq!((done.written, done.backup), (0, None));
    assert_eq!(s.attachments().unwrap().len(), 3);
    assert_eq!(s.audit_all().unwrap().len(), audit_before);
    drop(s);

    // The studio removes the award from its organisation: the next package carries the
    // removal and no file.
    open(&st.path).remove_attachment(award.id).unwrap();
    let next = dir.path().join("next.sbpkg");
    export_to(&st.path, None, Some("基地"), &next);
    let bytes = std::fs::read(&next).unwrap();
    let (manifest, _) = package::open(&next, &bytes, &pass()).unwrap();
    assert_eq!((manifest.attachments, manifest.file_bytes), (1, 0));
    let p = import(&base, &next, clean);
    assert_eq!(p.attachments.removed.len(), 1);
    let here = open(&base);
    assert!(
        here.attachments_for(RecordKind::Organisation, st.org)
            .unwrap()
            .is_empty()
    );
    assert_eq!(here.attachments().unwrap().len(), 2);
    assert_eq!(
        here.attachment_bytes(&award.sha256).unwrap(),
        SCAN_PNG,
        "the file stays: the achievement still carries it"
    );
}

/// A studio with its award scan attached to the studio, packaged (of the studio alone with
/// `org`); the passphrase in a file.
fn studio_with_award(dir: &Path, org: bool) -> (PathBuf, PathBuf) {
    let st = studio(dir, "studio.db");
    open(&st.path)
        .attach(RecordKind::Organisation, st.org, "奖状.png", SCAN_PNG, None)
        .unwrap();
    let pkg = dir.join("studio.sbpkg");
    export_to(&st.path, org.then_some(st.org), None, &pkg);
    let pass_file = dir.join("pass.txt");
    std::fs::write(&pass_file, PASS).unwrap();
    (pkg, pass_file)
}

/// A package whose attached file does not match its SHA-256 (or names a file it does not
/// carry) is refused whole.
#[test]
fn a_package_with_a_forged_attachment_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (pkg, pass_file) = studio_with_award(dir.path(), false);
    let base = new_db(dir.path(), "base.db");
    let forged = dir.path().join("forged.sbpkg");
    resealed(&pkg, &forged, |c| {
        c.files[0].hex = c.files[0].hex.replace("89", "88");
    });
    let orphan = dir.path().join("orphan.sbpkg");
    resealed(&pkg, &orphan, |c| c.files.clear());
    let before = snapshot(dir.path());
    for file in [&forged, &orphan] {
        let out = import_cli(&base, file, &pass_file, &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("已损坏或被改动过"), "{stderr}");
        assert_eq!(snapshot(dir.path()), before);
    }
}

/// A regional consolidation carries the evidence of each organisation's package, and a
/// package loaded again replaces what it brought instead of adding it twice.
#[test]
fn a_consolidation_carries_the_attachments_and_reloads_them_once() {
    let dir = tempfile::tempdir().unwrap();
    let (pkg, pass_file) = studio_with_award(dir.path(), true);
    let region = dir.path().join("region.db");
    for _ in 0..2 {
        let out = consolidate_cli(&region, &pkg, &pass_file);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let r = open(&region);
    let all = r.attachments().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].file_name, "奖状.png");
    assert_eq!(r.attachment_bytes(&all[0].sha256).unwrap(), SCAN_PNG);
}

/// The scoring sheet travels: a scheme edited at one install reaches the other in a data
/// package (importing it again changes nothing, and an older copy never overwrites a later
/// edit); a studio's self scores reach the region's consolidation, where the reviewer's
/// expert scores survive the studio's next package.
#[test]
fn a_scheme_and_self_scores_travel_in_packages_and_expert_scores_stay() {
    use skillbase::domain::assessment::example;
    use skillbase::domain::org::OrgKind;
    use skillbase::store::AssessmentSide;

    let dir = tempfile::tempdir().unwrap();
    let st = studio(dir.path(), "studio.db");
    let office = new_db(dir.path(), "office.db");
    // The office adapts the example: its own key, name and a stricter backbones item.
    let mut scheme = example(OrgKind::MasterStudio);
    scheme.key = "nmg-2026-studio".into();
    scheme.name = "内蒙古技能大师工作室考核评分表（2026）".into();
    scheme.issuer = "自治区人社厅".into();
    {
        let mut s = open(&office);
        s.insert(studio_record("王建国焊接技能大师工作室")).unwrap();
        s.save_scheme(&scheme).unwrap();
    }
    let to_studio = dir.path().join("office-1.sbpkg");
    export_to(&office, None, None, &to_studio);
    import(&st.path, &to_studio, clean);
    let s = open(&st.path);
    let got = s.scheme_for(OrgKind::MasterStudio, None).unwrap().unwrap();
    assert_eq!(got, scheme, "the office's scheme is the studio's default now");
    drop(s);
    assert!(
        preview(&st.path, &to_studio).assessments.is_empty(),
        "importing again brings nothing"
    );

    // The studio scores itself and sends its package to the region.
    let item = &scheme.groups[3].items[0];
    let mut s = open(&st.path);
    s.set_assessment_entry(
        AssessmentSide::Own,
        st.org,
        2025,
        &scheme.key,
        &item.key,
        Some(8.0),
        "8 名徒弟",
        &[],
    )
    .unwrap();
    drop(s);
    let pkg = dir.path().join("studio-1.sbpkg");
    export_to(&st.path, Some(st.org), None, &pkg);
    let region = dir.path().join("region.db");
    let consolidate = |file: &Path| {
        let mut s = open(&region);
        skillbase::packages::consolidate::consolidate(&mut s, &[file.to_path_buf()], &pass(), &Silent)
            .unwrap()
    };
    consolidate(&pkg);
    let mut r = open(&region);
    let entries = r.assessment_entries(st.org, 2025, &scheme.key).unwrap();
    assert_eq!(entries[&item.key].self_score, Some(8.0));
    assert_eq!(entries[&item.key].note, "8 名徒弟");
    r.set_assessment_entry(
        AssessmentSide::Expert,
        st.org,
        2025,
        &scheme.key,
        &item.key,
        Some(6.0),
        "协议缺 2 份",
        &[],
    )
    .unwrap();
    drop(r);

    // The studio changes its score and sends again: the self score follows, the expert's stays.
    let mut s = open(&st.path);
    s.set_assessment_entry(
        AssessmentSide::Own,
        st.org,
        2025,
        &scheme.key,
        &item.key,
        Some(9.0),
        "9 名徒弟",
        &[],
    )
    .unwrap();
    drop(s);
    let pkg2 = dir.path().join("studio-2.sbpkg");
    export_to(&st.path, Some(st.org), None, &pkg2);
    consolidate(&pkg2);
    let entries = open(&region)
        .assessment_entries(st.org, 2025, &scheme.key)
        .unwrap();
    assert_eq!(entries[&item.key].self_score, Some(9.0));
    assert_eq!(entries[&item.key].expert_score, Some(6.0));
    assert_eq!(entries[&item.key].expert_note, "协议缺 2 份");
    // The regional summary shows the studio's self total and band; the expert total waits
    // for every sub-item to be scored. (No evidence was attached: the 9 counts zero.)
    let summary = skillbase::report::region::summary(&open(&region), 2025, &Silent).unwrap();
    let a = summary.orgs[0].assessment.as_ref().unwrap();
    assert_eq!(a.scheme, scheme.key);
    assert_eq!(
        (a.self_total, a.self_band, a.without_evidence),
        (0.0, "不合格", 10)
    );
    assert_eq!(a.expert_total, None);
    let doc = skillbase::report::region::document(&summary, "2026-12-02 12:00");
    assert!(doc.sections.iter().any(|s| s.key == "assessments"));

    // A package whose scheme breaks its rules is refused whole.
    let bad = dir.path().join("bad.sbpkg");
    resealed(&to_studio, &bad, |c| {
        c.assessments.schemes[0].body = c.assessments.schemes[0]
            .body
            .replace("\"points\":10.0", "\"points\":-10.0");
    });
    let s = open(&st.path);
    let p = package::read(&bad, &pass()).unwrap();
    assert!(merge::preview(&s, &p, skillbase::i18n::Lang::Zh).is_err());
}
