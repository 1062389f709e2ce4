//! The validator finds what a reviewer would reject, names the rule and the record, and
//! `skillbase check` exits 2 when there are errors.

use crate::common::skillbase;

use skillbase::demo;
use skillbase::domain::capacity::{PublicService, RecipientType};
use skillbase::domain::grade::SkillGrade;
use skillbase::domain::org::{OrgKind, Organisation, Tier};
use skillbase::domain::person::Person;
use skillbase::domain::studio::{Apprenticeship, ApprenticeshipStatus};
use skillbase::domain::training::*;
use skillbase::domain::{Id, Severity, Today};
use skillbase::i18n::{Lang, Localize};
use skillbase::rules::{self, Findings, Rule};
use skillbase::store::Store;

use crate::common::{d, today};

fn check(store: &Store, org: Id<Organisation>, year: i32) -> Findings {
    rules::check_year(store, org, year).unwrap().1
}

fn rules_found(f: &Findings) -> Vec<&'static str> {
    let mut ids: Vec<_> = f.findings.iter().map(|f| f.rule.id()).collect();
    ids.dedup();
    ids
}

/// The technician cohort the troubled studio runs: April to June 2025, without a package.
fn welding_cohort(org: Id<Organisation>) -> Cohort {
    Cohort {
        theory_hours: None,
        practice_hours: None,
        surveyed: None,
        satisfied: None,
        org,
        name: "2025年焊工技师班".into(),
        package: None,
        programme: Programme::Shortage1000,
        mode: TrainingMode::SemiOffJob,
        occupation: "6-18-02-04".into(),
        target_grade: SkillGrade::Technician,
        start_date: d(2025, 4, 1),
        end_date: d(2025, 6, 30),
        facility: None,
    }
}

/// A base with nothing but a name, a cohort without a package, one trainee who completed
/// before the cohort started and has no result, a service with no person-times, and an
/// apprenticeship with no agreement whose master is also an apprentice.
fn troubled() -> (Store, Id<Organisation>) {
    let mut s = Store::open_in_memory().unwrap();
    s.set_today(today());
    let org = s
        .insert(Organisation::new(OrgKind::MasterStudio, "乌兰焊接技能大师工作室"))
        .unwrap();
    let trainee = s
        .insert(Person::from_citizen_id("张三", "150102199003071237", today()).unwrap())
        .unwrap();
    let master = s
        .insert(Person::from_citizen_id("巴特尔", "15250219850615034X", today()).unwrap())
        .unwrap();
    let cohort = s.insert(welding_cohort(org)).unwrap();
    // The store refuses a completion before the cohort started; an older version or a
    // package could bring one, which is what the validator is for.
    s.bulk("test", |b| {
        b.insert(
            Id::<Enrolment>::new(),
            &Enrolment {
                attended_hours: None,
                training_subsidy: None,
                evaluation_subsidy: None,
                living_subsidy: None,
                voucher_number: None,
                destination: None,
                destination_on: None,
                cohort,
                person: trainee,
                enrolled_on: d(2025, 3, 1),
                status: EnrolmentStatus::Completed,
                completed_on: Some(d(2025, 3, 20)),
                result: None,
                qualification: None,
            },
            chrono::Utc::now(),
        )
    })
    .unwrap();
    s.insert(PublicService {
        org,
        date: d(2025, 5, 6),
        recipient: "包头北方重工集团有限公司".into(),
        recipient_type: RecipientType::Enterprise,
        person_times: 0,
        hours: 8.0,
        content: "焊接技能提升实训".into(),
        facility: None,
    })
    .unwrap();
    let apprenticeship = |master, apprentice| Apprenticeship {
        studio: org,
        master,
        apprentice,
        occupation: "6-18-02-04".into(),
        agreement_date: None,
        start_date: d(2025, 3, 1),
        end_date: Some(d(2026, 3, 1)),
        grade_at_start: Some(SkillGrade::Senior),
        grade_at_end: None,
        status: ApprenticeshipStatus::Active,
        outcome: None,
    };
    s.insert(apprenticeship(master, trainee)).unwrap();
    s.insert(apprenticeship(trainee, master)).unwrap();
    (s, org)
}

#[test]
fn each_rule_finds_what_it_should_and_names_the_record() {
    let (s, org) = troubled();
    let f = check(&s, org, 2025);
    let found = rules_found(&f);
    for rule in [
        "ORG01", "ORG02", "ORG03", "COH01", "ENR01", "ENR02", "SRV01", "APP01", "APP02",
    ] {
        assert!(found.contains(&rule), "{rule} not found in {found:?}");
    }
    let enr01 = f.findings.iter().find(|x| x.rule == Rule::Enr01).unwrap();
    assert_eq!(enr01.severity, Severity::Error);
    assert!(
        enr01.record.contains("张三") && enr01.record.contains("2025年焊工技师班"),
        "{}",
        enr01.record
    );
    assert!(
        enr01.record.contains("150102********1237"),
        "ID numbers are masked: {}",
        enr01.record
    );
    assert_eq!(enr01.value, "2025-03-20");
    let message = enr01.localize(Lang::Zh);
    assert!(message.starts_with("错误 ENR01 学员报名"), "{message}");
    assert!(
        message.contains("结业日期") && message.contains("改正"),
        "{message}"
    );
    let app01 = f.findings.iter().find(|x| x.rule == Rule::App01).unwrap();
    assert_eq!(app01.severity, Severity::Warning);
    // Errors come before warnings.
    let first_warning = f
        .findings
        .iter()
        .position(|x| x.severity == Severity::Warning)
        .unwrap();
    assert!(
        f.findings[..first_warning]
            .iter()
            .all(|x| x.severity == Severity::Error)
    );
    // Nothing in another year.
    assert!(
        check(&s, org, 2023)
            .findings
            .iter()
            .all(|x| x.kind.code() == "organisation")
    );
}

#[test]
fn the_same_document_twice_is_an_error_and_the_same_name_and_birthday_a_warning() {
    // The store and the database itself refuse a second live record with one document;
    // one an older version left is what the validator is for. Made here as that version
    // could: without the database's trigger.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite");
    drop(Store::open(&db).unwrap());
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("DROP TRIGGER person_document_insert;")
        .unwrap();
    let mut s = Store::open(&db).unwrap();
    s.set_today(today());
    let mut org = Organisation::new(OrgKind::TrainingBase, "基地");
    org.tier = Some(Tier::Region);
    org.division = Some("150203".into());
    org.credit_code = Some("12150100460001231U".into());
    let org_id = s.insert(org).unwrap();
    let person = Person::from_citizen_id("张三", "150102199003071237", today()).unwrap();
    let twin = Person {
        doc_number: "150102199003071130".into(),
        ..person.clone()
    };
    let (a, b, c): (Id<Person>, Id<Person>, Id<Person>) = (Id::new(), Id::new(), Id::new());
    s.bulk("test", |bulk| {
        let now = chrono::Utc::now();
        bulk.insert(a, &person, now - chrono::Duration::seconds(1))?;
        bulk.insert(b, &person, now)?;
        bulk.insert(c, &twin, now)
    })
    .unwrap();
    let cohort = s
        .insert(Cohort {
            theory_hours: None,
            practice_hours: None,
            surveyed: None,
            satisfied: None,
            org: org_id,
            name: "班".into(),
            package: None,
            programme: Programme::Other,
            mode: TrainingMode::PartTime,
            occupation: "6-18-02-04".into(),
            target_grade: SkillGrade::Senior,
            start_date: d(2025, 4, 1),
            end_date: d(2025, 6, 30),
            facility: None,
        })
        .unwrap();
    for p in [a, c] {
        s.insert(Enrolment {
            attended_hours: None,
            training_subsidy: None,
            evaluation_subsidy: None,
            living_subsidy: None,
            voucher_number: None,
            destination: None,
            destination_on: None,
            cohort,
            person: p,
            enrolled_on: d(2025, 4, 1),
            status: EnrolmentStatus::Enrolled,
            completed_on: None,
            result: None,
            qualification: None,
        })
        .unwrap();
    }
    let f = check(&s, org_id, 2025);
    let per01: Vec<_> = f.findings.iter().filter(|x| x.rule == Rule::Per01).collect();
    let per03: Vec<_> = f.findings.iter().filter(|x| x.rule == Rule::Per03).collect();
    assert_eq!(per01.len(), 1, "{:#?}", f.findings);
    assert!(!per03.is_empty());
    assert!(per03.iter().all(|x| x.severity == Severity::Warning));
    // The other holder, in no record of the year, is named too (PER04), once.
    let per04: Vec<_> = f.findings.iter().filter(|x| x.rule == Rule::Per04).collect();
    assert_eq!(per04.len(), 1, "{:#?}", f.findings);
    assert_eq!(per04[0].record_id, b.to_string());
    assert_eq!(per04[0].severity, Severity::Error);
}

/// The national-base demo, checked and counted year by year: no errors in any year of any
/// organisation; every certificate gained in a cohort counted in exactly one year (its
/// year of issue) and the high-skill figure of each year's return.json the number of
/// such certificates at 高级工 and above issued that year; every breakdown by person
/// adding up to its total.
#[test]
fn the_national_base_demo_passes_every_year_and_counts_every_certificate_once() {
    let (_dir, mut s) = crate::common::national_base();
    s.set_today(today());
    let all = skillbase::store::Scope::default();
    let cohorts: std::collections::HashMap<_, _> = s
        .list::<Cohort>(&all)
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c.record))
        .collect();
    let enrolments: std::collections::HashMap<_, _> = s
        .list::<Enrolment>(&all)
        .unwrap()
        .into_iter()
        .map(|e| (e.id, e.record))
        .collect();
    // Certificates gained in a cohort: (organisation, year issued, high-skill).
    let linked: Vec<(Id<Organisation>, i32, bool)> = s
        .list::<Qualification>(&all)
        .unwrap()
        .into_iter()
        .filter_map(|q| {
            let e = enrolments.get(&q.record.enrolment?)?;
            let c = cohorts.get(&e.cohort)?;
            (e.person == q.record.person).then(|| {
                use chrono::Datelike;
                (c.org, q.record.issued_on.year(), q.record.grade.is_high_skill())
            })
        })
        .collect();
    assert!(linked.len() > 10_000, "{}", linked.len());
    let mut counted = 0;
    for org in s.organisations().unwrap() {
        for year in demo::FIRST_YEAR..=2026 {
            let (data, f) = rules::check_year(&s, org.id, year).unwrap();
            let errors: Vec<String> = f
                .findings
                .iter()
                .filter(|x| x.severity == Severity::Error)
                .map(|x| x.localize(Lang::Zh))
                .collect();
            assert!(errors.is_empty(), "{} {year}: {errors:#?}", org.record.name);
            let r = skillbase::report::compute(&data, &f);
            counted += r.certificates_by_grade.iter().map(|g| g.count).sum::<u64>();
            let json: serde_json::Value =
                serde_json::from_str(&skillbase::report::companion::json(&r)).unwrap();
            let high = linked
                .iter()
                .filter(|(o, y, high)| *o == org.id && *y == year && *high)
                .count() as u64;
            assert_eq!(
                json["certificates_high_skill"], high,
                "{} {year}",
                org.record.name
            );
            let total = r.trainees_total.enrolled;
            for (what, rows) in [
                ("sex", &r.trainees_by_sex),
                ("ethnicity", &r.trainees_by_ethnicity),
                ("age", &r.trainees_by_age),
            ] {
                let sum: u64 = rows.iter().map(|x| x.counts.enrolled).sum();
                assert_eq!(sum, total, "{} {year} by {what}", org.record.name);
            }
        }
    }
    assert_eq!(
        counted,
        linked.len() as u64,
        "every linked certificate counted exactly once"
    );
}

#[test]
fn the_catalogue_has_unique_ids_and_says_what_each_rule_is_for_and_how_to_fix_it() {
    let mut ids = std::collections::HashSet::new();
    for rule in Rule::ALL {
        assert!(ids.insert(rule.id()), "{} twice", rule.id());
        for lang in [Lang::Zh, Lang::En] {
            assert!(!rule.purpose(lang).is_empty());
            assert!(!rule.fix(lang).is_empty());
        }
    }
}

#[test]
fn check_exits_2_and_names_the_rule_and_record_for_a_broken_id_number() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.sqlite");
    let db_arg = db.to_str().unwrap();
    assert_eq!(
        skillbase(&["demo", "--db", db_arg, "--profile", "studio"])
            .status
            .code(),
        Some(0)
    );
    let clean = skillbase(&["check", "--db", db_arg, "--year", "2024"]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );

    // An ID number broken outside the app (an old import, a hand edit).
    let name: String = {
        let c = rusqlite::Connection::open(&db).unwrap();
        let (id, name): (String, String) = c
            .query_row(
                "SELECT p.id, p.name FROM person p JOIN apprenticeship a ON a.apprentice = p.id
                 WHERE a.start_date LIKE '2024%' LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        c.execute(
            "UPDATE person SET doc_number = substr(doc_number, 1, 17) || CASE WHEN substr(doc_number, 18) = '0' THEN '1' ELSE '0' END WHERE id = ?1",
            [&id],
        )
        .unwrap();
        name
    };
    let o = skillbase(&["check", "--db", db_arg, "--year", "2024"]);
    assert_eq!(o.status.code(), Some(2));
    let out = String::from_utf8_lossy(&o.stdout);
    let line = out
        .lines()
        .find(|l| l.contains("ID01"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains(&name) && line.contains("校验位"), "{line}");

    let o = skillbase(&["check", "--db", db_arg, "--year", "2024", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["errors"].as_u64().unwrap() >= 1);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "ID01")
        .unwrap();
    assert_eq!(f["severity"], "error");
    assert_eq!(f["kind"], "person");
    assert_eq!(f["field"], "doc_number");
    assert!(
        f["value"].as_str().unwrap().contains("********"),
        "values are masked"
    );
    assert!(
        v["summary"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["rule"] == "ID01")
    );
}

#[test]
fn check_exits_2_for_a_completion_before_the_cohort_started() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite");
    {
        let mut file = Store::open(&db).unwrap();
        file.set_today(today());
        let org = file
            .insert(Organisation::new(OrgKind::MasterStudio, "乌兰焊接技能大师工作室"))
            .unwrap();
        let p = file
            .insert(Person::from_citizen_id("张三", "150102199003071237", today()).unwrap())
            .unwrap();
        let cohort = file.insert(welding_cohort(org)).unwrap();
        file.bulk("an older version", |b| {
            b.insert(
                Id::<Enrolment>::new(),
                &Enrolment {
                    attended_hours: None,
                    training_subsidy: None,
                    evaluation_subsidy: None,
                    living_subsidy: None,
                    voucher_number: None,
                    destination: None,
                    destination_on: None,
                    cohort,
                    person: p,
                    enrolled_on: d(2025, 3, 1),
                    status: EnrolmentStatus::Completed,
                    completed_on: Some(d(2025, 3, 20)),
                    result: Some(AssessmentResult::Passed),
                    qualification: None,
                },
                chrono::Utc::now(),
            )
        })
        .unwrap();
    }
    let o = skillbase(&[
        "check",
        "--db",
        db.to_str().unwrap(),
        "--year",
        "2025",
        "--org",
        "乌兰",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let out = String::from_utf8_lossy(&o.stdout);
    let line = out
        .lines()
        .find(|l| l.contains("ENR01"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("张三") && line.contains("2025年焊工技师班"),
        "{line}"
    );

    let o = skillbase(&[
        "check",
        "--db",
        db.to_str().unwrap(),
        "--year",
        "2025",
        "--org",
        "不存在",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no organisation"));
}

#[test]
fn a_name_character_the_report_font_cannot_print_is_a_warning_naming_its_code_point() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_today(today());
    let org = s
        .insert(Organisation::new(OrgKind::MasterStudio, "工作室"))
        .unwrap();
    let mut odd = Person::from_citizen_id("张\u{E000}", "150102199003071237", today()).unwrap();
    odd.name = "张\u{E000}".into();
    let odd = s.insert(odd).unwrap();
    let rare = s
        .insert(Person::from_citizen_id("𠮷䶮", "15250219850615034X", today()).unwrap())
        .unwrap();
    s.insert(Apprenticeship {
        studio: org,
        master: rare,
        apprentice: odd,
        occupation: "6-18-02-04".into(),
        agreement_date: Some(d(2025, 3, 1)),
        start_date: d(2025, 3, 1),
        end_date: None,
        grade_at_start: None,
        grade_at_end: None,
        status: ApprenticeshipStatus::Active,
        outcome: None,
    })
    .unwrap();
    let f = check(&s, org, 2025);
    let fnt: Vec<_> = f.findings.iter().filter(|x| x.rule == Rule::Fnt01).collect();
    assert_eq!(
        fnt.len(),
        1,
        "only the private-use character, not the rare 𠮷 and 䶮: {fnt:#?}"
    );
    assert_eq!(fnt[0].severity, Severity::Warning);
    assert!(
        fnt[0].localize(Lang::Zh).contains("U+E000"),
        "{}",
        fnt[0].localize(Lang::Zh)
    );
}

#[test]
fn findings_export_to_a_workbook_with_a_row_per_finding() {
    use calamine::{Reader, Xlsx};
    let (s, org) = troubled();
    let f = check(&s, org, 2025);
    let bytes = rules::findings_xlsx(&f, Lang::Zh).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["校验结果", "按规则汇总"]);
    let sheet = book.worksheet_range("校验结果").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), f.findings.len() + 1);
    assert_eq!(rows[0][0], "规则");
    for (row, finding) in rows[1..].iter().zip(&f.findings) {
        assert_eq!(row[0], finding.rule.id());
        assert_eq!(row[3], finding.record);
        assert_eq!(row[6], finding.localize(Lang::Zh));
    }
    let summary = book.worksheet_range("按规则汇总").unwrap();
    assert_eq!(summary.rows().count(), f.by_rule().len() + 1);
}

/// A base whose 2025 passes every rule: its tier, division and code, a package, a welding
/// cohort (March to June) with 张三 (completed, passed, his certificate linked both ways)
/// and 巴特尔 (enrolled), the year's capacity and one public service.
fn clean_base(db: &std::path::Path) -> Id<Organisation> {
    use skillbase::domain::capacity::CapacityDeclaration;
    let mut s = Store::open(db).unwrap();
    s.set_today(today());
    let mut o = Organisation::new(OrgKind::TrainingBase, "包头焊接高技能人才培训基地");
    o.tier = Some(Tier::Region);
    o.division = Some("150203".into());
    o.credit_code = Some("12150100460001231U".into());
    let org = s.insert(o).unwrap();
    let package = s
        .insert(CoursePackage {
            org,
            name: "焊工高级工培训包".into(),
            occupation: "6-18-02-04".into(),
            target_grade: SkillGrade::Senior,
            theory_hours: 80,
            practice_hours: 160,
            mode: TrainingMode::PartTime,
            integrated: true,
            developed_here: true,
            year: Some(2024),
        })
        .unwrap();
    let cohort = s
        .insert(Cohort {
            package: Some(package),
            target_grade: SkillGrade::Senior,
            start_date: d(2025, 3, 1),
            name: "2025年焊工高级工班".into(),
            ..welding_cohort(org)
        })
        .unwrap();
    let zhang = s
        .insert(Person::from_citizen_id("张三", "150102199003071237", today()).unwrap())
        .unwrap();
    let bater = s
        .insert(Person::from_citizen_id("巴特尔", "15250219850615034X", today()).unwrap())
        .unwrap();
    let e = s
        .insert(Enrolment {
            attended_hours: None,
            training_subsidy: None,
            evaluation_subsidy: None,
            living_subsidy: None,
            voucher_number: None,
            destination: None,
            destination_on: None,
            cohort,
            person: zhang,
            enrolled_on: d(2025, 3, 1),
            status: EnrolmentStatus::Completed,
            completed_on: Some(d(2025, 6, 30)),
            result: Some(AssessmentResult::Passed),
            qualification: None,
        })
        .unwrap();
    s.insert(Qualification {
        evaluator: None,
        person: zhang,
        occupation: "6-18-02-04".into(),
        work_type: None,
        grade: SkillGrade::Senior,
        cert_type: CertType::SkillLevel,
        cert_number: Some("S1502032512345678".into()),
        issued_on: d(2025, 7, 15),
        issuer: None,
        enrolment: Some(e),
    })
    .unwrap();
    s.insert(Enrolment {
        attended_hours: None,
        training_subsidy: None,
        evaluation_subsidy: None,
        living_subsidy: None,
        voucher_number: None,
        destination: None,
        destination_on: None,
        cohort,
        person: bater,
        enrolled_on: d(2025, 3, 1),
        status: EnrolmentStatus::Enrolled,
        completed_on: None,
        result: None,
        qualification: None,
    })
    .unwrap();
    s.insert(CapacityDeclaration {
        org,
        year: 2025,
        high_skill_per_year: 600,
        public_service_per_year: 900,
        note: None,
    })
    .unwrap();
    s.insert(PublicService {
        org,
        date: d(2025, 5, 6),
        recipient: "包头北方重工集团有限公司".into(),
        recipient_type: RecipientType::Enterprise,
        person_times: 30,
        hours: 8.0,
        content: "焊接技能提升实训".into(),
        facility: None,
    })
    .unwrap();
    org
}

/// `skillbase check --json` for 2025: its exit code and its findings.
fn check_json(db: &std::path::Path) -> (Option<i32>, serde_json::Value) {
    let o = skillbase(&["check", "--db", db.to_str().unwrap(), "--year", "2025", "--json"]);
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| {
        panic!(
            "{}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.code(), v)
}

#[test]
fn check_names_every_record_altered_behind_the_apps_back_and_never_aborts() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.sqlite");
    clean_base(&base);
    let (code, v) = check_json(&base);
    assert_eq!(code, Some(0), "the clean base passes: {v:#}");
    // Each alteration as a hand edit or another program would make it (sqlite3 keeps no
    // foreign keys unless told), the rule the check must name, and the query that finds
    // the altered record's id afterwards.
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "a date written with slashes",
            "REC02",
            "UPDATE cohort SET start_date = '2025/03/01'",
            "SELECT id FROM cohort",
        ),
        (
            "a certificate's issue date written with slashes",
            "REC02",
            "UPDATE qualification SET issued_on = '2025/02/01'",
            "SELECT id FROM qualification",
        ),
        (
            "a date that is no date",
            "REC02",
            "UPDATE enrolment SET completed_on = '2025-02-30' WHERE completed_on IS NOT NULL",
            "SELECT id FROM enrolment WHERE completed_on IS NOT NULL",
        ),
        (
            "a number that is text",
            "REC02",
            "UPDATE public_service SET person_times = 'abc'",
            "SELECT id FROM public_service",
        ),
        (
            "a code not in its list",
            "REC02",
            "UPDATE qualification SET grade = 'bogus'",
            "SELECT id FROM qualification",
        ),
        (
            "a birth date that is no date",
            "REC02",
            "UPDATE person SET birth_date = '1990-02-30' WHERE name = '张三'",
            "SELECT id FROM person WHERE name = '张三'",
        ),
        (
            "a capacity year that is text",
            "REC02",
            "UPDATE capacity_declaration SET year = '二〇二五'",
            "SELECT id FROM capacity_declaration",
        ),
        (
            "a record id that is no id",
            "REC02",
            "UPDATE public_service SET id = 'xyz'",
            "SELECT id FROM public_service",
        ),
        (
            "an organisation that cannot be read",
            "REC02",
            "UPDATE organisation SET industry = 'steel'",
            "SELECT id FROM organisation",
        ),
        (
            "live enrolments in a deleted cohort",
            "REF01",
            "UPDATE cohort SET deleted_at = '2026-01-05T08:00:00.000Z'",
            "SELECT min(id) FROM enrolment",
        ),
        (
            "a deleted person with a live enrolment",
            "REF01",
            "UPDATE person SET deleted_at = '2026-01-05T08:00:00.000Z' WHERE name = '巴特尔'",
            "SELECT e.id FROM enrolment e JOIN person p ON p.id = e.person WHERE p.name = '巴特尔'",
        ),
        (
            "an enrolment in a cohort that is not there",
            "REF01",
            "UPDATE enrolment SET cohort = 'no-such-cohort' WHERE completed_on IS NULL",
            "SELECT id FROM enrolment WHERE cohort = 'no-such-cohort'",
        ),
        (
            "another person's certificate",
            "QUA03",
            "UPDATE qualification SET person = (SELECT id FROM person WHERE name = '巴特尔')",
            "SELECT id FROM qualification",
        ),
        (
            "a certificate before its cohort started",
            "QUA04",
            "UPDATE qualification SET issued_on = '2025-02-01'",
            "SELECT id FROM qualification",
        ),
        (
            "a link on one side only",
            "QUA06",
            "UPDATE enrolment SET qualification = NULL",
            "SELECT id FROM qualification",
        ),
        (
            "one person twice in a cohort (an older version)",
            "ENR05",
            "DROP TRIGGER enrolment_once_per_cohort_insert;
             INSERT INTO enrolment SELECT '01990000-0000-7000-8000-000000000001', created_at, updated_at,
               deleted_at, rev, changed_by, change_seq, cohort, person, '2025-03-02', 'enrolled', NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL
               FROM enrolment WHERE completed_on IS NULL",
            "SELECT id FROM enrolment WHERE enrolled_on = '2025-03-02'",
        ),
        (
            "an enrolment after its cohort ended",
            "ENR06",
            "UPDATE enrolment SET enrolled_on = '2025-07-10' WHERE completed_on IS NULL",
            "SELECT id FROM enrolment WHERE enrolled_on = '2025-07-10'",
        ),
    ];
    for (i, (what, rule, alter, altered)) in cases.iter().enumerate() {
        let db = dir.path().join(format!("case{i}.sqlite"));
        std::fs::copy(&base, &db).unwrap();
        let id: String = {
            let c = rusqlite::Connection::open(&db).unwrap();
            // As the sqlite3 shell edits: without foreign keys.
            c.pragma_update(None, "foreign_keys", false).unwrap();
            c.execute_batch(alter).unwrap();
            c.query_row(altered, [], |r| r.get(0)).unwrap()
        };
        let (code, v) = check_json(&db);
        assert_eq!(code, Some(2), "{what}: {v:#}");
        let found = v["findings"].as_array().unwrap();
        let f = found
            .iter()
            .find(|f| f["rule"] == *rule && f["record_id"] == id.as_str())
            .unwrap_or_else(|| panic!("{what}: no {rule} on {id} in {v:#}"));
        assert_eq!(f["severity"], "error", "{what}");
        assert!(!f["message"].as_str().unwrap().is_empty());
    }
}

#[test]
fn each_new_rule_says_what_is_wrong_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite");
    let org = clean_base(&db);
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "UPDATE enrolment SET completed_on = '2025-02-30' WHERE completed_on IS NOT NULL;
             UPDATE person SET deleted_at = '2026-01-05T08:00:00.000Z' WHERE name = '巴特尔';",
        )
        .unwrap();
    }
    let mut s = Store::open(&db).unwrap();
    s.set_today(today());
    let f = check(&s, org, 2025);
    let message = |rule: Rule, lang| {
        f.findings
            .iter()
            .find(|x| x.rule == rule)
            .unwrap_or_else(|| panic!("{rule:?} in {:#?}", f.findings))
            .localize(lang)
    };
    let rec02 = message(Rule::Rec02, Lang::Zh);
    assert!(
        rec02.starts_with("错误 REC02 学员报名 张三（150102********1237） · 2025年焊工高级工班 · 结业日期")
            && rec02.contains("“2025-02-30”无法读取")
            && rec02.contains("YYYY-MM-DD"),
        "{rec02}"
    );
    assert!(message(Rule::Rec02, Lang::En).contains("\"2025-02-30\" cannot be read"));
    let ref01 = message(Rule::Ref01, Lang::Zh);
    assert!(
        ref01.contains("巴特尔（152502********034X）") && ref01.contains("已删除"),
        "{ref01}"
    );
    // The figures leave out what cannot be read or refers to a deleted person, everywhere
    // alike: the rows by sex add up to the total.
    let (data, findings) = rules::check_year(&s, org, 2025).unwrap();
    let r = skillbase::report::compute(&data, &findings);
    let by_sex: u64 = r.trainees_by_sex.iter().map(|x| x.counts.enrolled).sum();
    assert_eq!(r.trainees_total.enrolled, by_sex);
}

#[test]
fn a_certificate_of_another_occupation_or_grade_than_its_cohort_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite");
    let org = clean_base(&db);
    let mut s = Store::open(&db).unwrap();
    s.set_today(today());
    let q = s.list::<Qualification>(&Default::default()).unwrap().remove(0);
    s.update(
        q.id,
        Qualification {
            grade: SkillGrade::Technician,
            ..q.record
        },
    )
    .unwrap();
    let f = check(&s, org, 2025);
    let qua05 = f.findings.iter().find(|x| x.rule == Rule::Qua05).unwrap();
    assert_eq!(qua05.severity, Severity::Warning);
    assert_eq!(qua05.field, "grade");
    let zh = qua05.localize(Lang::Zh);
    assert!(
        zh.contains("与取得证书的培训班次的目标等级（高级工）不同"),
        "{zh}"
    );
    assert_eq!(f.errors(), 0);
}

#[test]
fn implausible_figures_are_warnings_that_say_what_they_set_against_what() {
    use skillbase::domain::capacity::CapacityDeclaration;
    let mut s = Store::open_in_memory().unwrap();
    s.set_today(today());
    let mut o = Organisation::new(OrgKind::TrainingBase, "基地");
    o.tier = Some(Tier::Region);
    let org = s.insert(o).unwrap();
    // 2024: a capacity declared too low for what was delivered, and one service of 900
    // person-times in one hour.
    s.insert(CapacityDeclaration {
        org,
        year: 2024,
        high_skill_per_year: 1,
        public_service_per_year: 10,
        note: None,
    })
    .unwrap();
    let cohort = s
        .insert(Cohort {
            target_grade: SkillGrade::Senior,
            start_date: d(2024, 3, 1),
            end_date: d(2024, 6, 30),
            ..welding_cohort(org)
        })
        .unwrap();
    for (name, doc) in [("张三", "150102199003071237"), ("巴特尔", "15250219850615034X")] {
        let p = s
            .insert(Person::from_citizen_id(name, doc, today()).unwrap())
            .unwrap();
        s.insert(Enrolment {
            attended_hours: None,
            training_subsidy: None,
            evaluation_subsidy: None,
            living_subsidy: None,
            voucher_number: None,
            destination: None,
            destination_on: None,
            cohort,
            person: p,
            enrolled_on: d(2024, 3, 1),
            status: EnrolmentStatus::Completed,
            completed_on: Some(d(2024, 6, 30)),
            result: Some(AssessmentResult::Passed),
            qualification: None,
        })
        .unwrap();
    }
    let service = |date, person_times, hours| PublicService {
        org,
        date,
        recipient: "包头北方重工集团有限公司".into(),
        recipient_type: RecipientType::Enterprise,
        person_times,
        hours,
        content: "焊接技能提升实训".into(),
        facility: None,
    };
    s.insert(service(d(2024, 5, 6), 20, 4.0)).unwrap();
    s.insert(service(d(2024, 9, 6), 900, 1.0)).unwrap();
    // 2025: no capacity declared, a tenth of the services, nobody trained.
    s.insert(service(d(2025, 5, 6), 92, 8.0)).unwrap();
    let y2024 = check(&s, org, 2024);
    let say = |f: &Findings, rule: Rule| -> Vec<String> {
        f.findings
            .iter()
            .filter(|x| x.rule == rule)
            .map(|x| {
                assert_eq!(x.severity, Severity::Warning, "{rule:?}");
                x.localize(Lang::Zh)
            })
            .collect()
    };
    let cap01 = say(&y2024, Rule::Cap01);
    assert!(
        cap01.iter().any(|m| m.contains("实际完成 2，超过申报能力 1")),
        "{cap01:?}"
    );
    assert!(
        cap01.iter().any(|m| m.contains("实际完成 920，超过申报能力 10")),
        "{cap01:?}"
    );
    let srv02 = say(&y2024, Rule::Srv02);
    assert!(
        srv02.len() == 1 && srv02[0].contains("每学时 900 人次"),
        "{srv02:?}"
    );
    let y2025 = check(&s, org, 2025);
    assert_eq!(say(&y2025, Rule::Cap02).len(), 1);
    let yoy = say(&y2025, Rule::Yoy01);
    assert!(
        yoy.iter().any(|m| m.contains("本年 92，上年 920，变化 -90%")),
        "{yoy:?}"
    );
    assert!(yoy.iter().any(|m| m.contains("本年 0，上年 2")), "{yoy:?}");
    // A year still running is not compared with the one before.
    s.set_today(Today(d(2025, 11, 1)));
    assert!(say(&check(&s, org, 2025), Rule::Yoy01).is_empty());
}

/// APP03: an active apprentice with no entry for three months, judged at the year's end
/// (today in a year still running); the return counts the same apprentices, and the
/// year's training hours and stages completed.
#[test]
fn an_apprentice_without_an_entry_for_three_months_is_a_warning_and_the_return_counts_the_log() {
    use skillbase::domain::studio_log::{LogEntry, StageTemplate};
    let (mut s, org) = troubled();
    let all = skillbase::store::Scope::default();
    let a = s.list::<Apprenticeship>(&all).unwrap()[0].id;
    s.insert(StageTemplate {
        org,
        occupation: "6-18-02-04".into(),
        seq: 1,
        title: "基本功".into(),
        targets: None,
        planned_hours: 120.0,
        months: 4,
    })
    .unwrap();
    s.plan_from_template(a).unwrap();
    let stage = s.plan_of(a).unwrap()[0].clone();
    let mut done = stage.record.clone();
    done.completed_on = Some(d(2025, 7, 2));
    s.update(stage.id, done).unwrap();
    for (date, hours) in [(d(2025, 3, 10), 6.0), (d(2025, 6, 20), 4.5)] {
        s.insert(LogEntry {
            apprenticeship: a,
            stage: Some(stage.id),
            date,
            hours,
            content: "平焊练习".into(),
            signed_by: None,
            signed_on: None,
        })
        .unwrap();
    }
    let (data, f) = rules::check_year(&s, org, 2025).unwrap();
    let quiet: Vec<_> = f.findings.iter().filter(|x| x.rule == Rule::App03).collect();
    // Both apprenticeships: the logged one last on 20 June, the other never.
    assert_eq!(quiet.len(), 2, "{quiet:#?}");
    assert!(quiet.iter().all(|x| x.severity == Severity::Warning));
    let logged = quiet.iter().find(|x| x.record_id == a.to_string()).unwrap();
    assert_eq!(logged.value, "2025-06-20");
    let zh = logged.localize(Lang::Zh);
    assert!(
        zh.contains("APP03") && zh.contains("2025-06-20") && zh.contains("2025-12-31"),
        "{zh}"
    );
    assert!(logged.localize(Lang::En).contains("three months"));
    let r = skillbase::report::compute(&data, &f);
    assert_eq!(r.apprentices.training_hours, 10.5);
    assert_eq!(r.apprentices.log_entries, 2);
    assert_eq!(r.apprentices.stages_completed, 1);
    assert_eq!(r.apprentices.no_recent_entry, 2);
    // An entry in December: the logged apprentice is no longer quiet at the year's end.
    s.insert(LogEntry {
        apprenticeship: a,
        stage: None,
        date: d(2025, 12, 5),
        hours: 3.0,
        content: "总结讲评".into(),
        signed_by: None,
        signed_on: None,
    })
    .unwrap();
    let f = check(&s, org, 2025);
    assert_eq!(f.findings.iter().filter(|x| x.rule == Rule::App03).count(), 1);
    // An entry the store would refuse, brought by an older version or a package, is named.
    s.bulk("test", |b| {
        b.insert(
            Id::<LogEntry>::new(),
            &LogEntry {
                apprenticeship: a,
                stage: None,
                date: d(2025, 12, 5),
                hours: 23.0,
                content: "补录".into(),
                signed_by: None,
                signed_on: None,
            },
            chrono::Utc::now(),
        )
    })
    .unwrap();
    let f = check(&s, org, 2025);
    assert!(
        f.findings
            .iter()
            .any(|x| x.rule == Rule::Rec01 && x.kind.code() == "log_entry" && x.field == "hours"),
        "{:#?}",
        f.findings
    );
}

/// A person born on `birth` (YYYYMMDD) in 新城区 with a valid citizen ID number.
fn trainee(s: &mut Store, name: &str, birth: &str) -> Id<Person> {
    let body = format!("150102{birth}123");
    let id = format!(
        "{body}{}",
        skillbase::domain::identity::citizen_id_check_char(&body).unwrap()
    );
    s.insert(Person::from_citizen_id(name, &id, today()).unwrap())
        .unwrap()
}

/// A base whose 2025 senior-welder cohort (March to June, 40 + 60 planned hours, 4 of its
/// trainees surveyed and 3 satisfied) had four trainees: 甲 passed with a certificate
/// (90 hours attended, a training subsidy of 1,800 yuan), 乙 passed without one (70 hours,
/// under 80%; an evaluation subsidy of 300 yuan), 丙 failed (85 hours), 丁 withdrew; and
/// 戊 in a cohort that ends in 2026, not yet due. The funds register holds 1,000 yuan of
/// training-subsidy income in 2025.
fn scored() -> (Store, Id<Organisation>) {
    use skillbase::domain::Money;
    use skillbase::domain::funds::{Fund, FundCategory, FundDirection};
    let mut s = Store::open_in_memory().unwrap();
    s.set_today(today());
    let mut base = Organisation::new(OrgKind::TrainingBase, "测试培训基地");
    base.tier = Some(Tier::Region);
    let org = s.insert(base).unwrap();
    let cohort = |start, end, surveyed: Option<u32>| Cohort {
        theory_hours: Some(40),
        practice_hours: Some(60),
        surveyed,
        satisfied: surveyed.map(|n| n - 1),
        start_date: start,
        end_date: end,
        target_grade: SkillGrade::Senior,
        ..welding_cohort(org)
    };
    let spring = s.insert(cohort(d(2025, 3, 1), d(2025, 6, 30), Some(4))).unwrap();
    let long = s.insert(cohort(d(2025, 9, 1), d(2026, 3, 31), None)).unwrap();
    let people: Vec<Id<Person>> = [
        ("甲", "19900101"),
        ("乙", "19910202"),
        ("丙", "19920303"),
        ("丁", "19930404"),
        ("戊", "19940505"),
    ]
    .iter()
    .map(|(n, b)| trainee(&mut s, n, b))
    .collect();
    let enrolment = |cohort, person, status, result, hours: Option<f64>| Enrolment {
        cohort,
        person,
        enrolled_on: d(2025, 3, 1),
        status,
        completed_on: (status == EnrolmentStatus::Completed).then(|| d(2025, 6, 30)),
        result,
        qualification: None,
        attended_hours: hours,
        training_subsidy: None,
        evaluation_subsidy: None,
        living_subsidy: None,
        voucher_number: None,
        destination: None,
        destination_on: None,
    };
    let done = EnrolmentStatus::Completed;
    let passed = Some(AssessmentResult::Passed);
    let (e_jia, q_jia) = (Id::<Enrolment>::new(), Id::<Qualification>::new());
    s.bulk("test", |b| {
        b.insert(
            e_jia,
            &Enrolment {
                qualification: Some(q_jia),
                training_subsidy: Some(Money(180_000)),
                ..enrolment(spring, people[0], done, passed, Some(90.0))
            },
            chrono::Utc::now(),
        )?;
        b.insert(
            q_jia,
            &Qualification {
                person: people[0],
                occupation: "6-18-02-04".into(),
                work_type: None,
                grade: SkillGrade::Senior,
                cert_type: CertType::SkillLevel,
                cert_number: Some("S000015000123253000045".into()),
                issued_on: d(2025, 7, 20),
                issuer: None,
                enrolment: Some(e_jia),
                evaluator: Some("内蒙古自治区职业技能鉴定指导中心".into()),
            },
            chrono::Utc::now(),
        )?;
        b.insert(
            Id::<Enrolment>::new(),
            &Enrolment {
                evaluation_subsidy: Some(Money(30_000)),
                ..enrolment(spring, people[1], done, passed, Some(70.0))
            },
            chrono::Utc::now(),
        )?;
        b.insert(
            Id::<Enrolment>::new(),
            &enrolment(
                spring,
                people[2],
                done,
                Some(AssessmentResult::Failed),
                Some(85.0),
            ),
            chrono::Utc::now(),
        )?;
        b.insert(
            Id::<Enrolment>::new(),
            &enrolment(spring, people[3], EnrolmentStatus::Withdrawn, None, Some(10.0)),
            chrono::Utc::now(),
        )?;
        b.insert(
            Id::<Enrolment>::new(),
            &Enrolment {
                enrolled_on: d(2025, 9, 1),
                ..enrolment(long, people[4], EnrolmentStatus::Enrolled, None, None)
            },
            chrono::Utc::now(),
        )
    })
    .unwrap();
    s.insert(Fund {
        org,
        date: d(2025, 8, 1),
        direction: FundDirection::Income,
        category: FundCategory::TrainingSubsidy,
        amount: Money(100_000),
        description: None,
    })
    .unwrap();
    (s, org)
}

#[test]
fn each_quality_rate_counts_what_its_definition_says() {
    use skillbase::domain::quality::{self, Rate};
    let (s, org) = scored();
    let (year, _) = rules::check_year(&s, org, 2025).unwrap();
    let r = quality::rates(&year);
    let rate = |numerator, denominator| Rate {
        numerator,
        denominator,
    };
    // Due to complete: the four of the spring cohort (戊's cohort ends in 2026).
    assert_eq!(r.completion, rate(3, 4), "甲, 乙 and 丙 completed; 丁 withdrew");
    assert_eq!(r.pass, rate(2, 3), "甲 and 乙 of the three passed");
    assert_eq!(r.certification, rate(1, 2), "only 甲 gained a certificate");
    assert_eq!(r.satisfaction, rate(3, 4), "3 of the 4 surveyed");
    let a = quality::attendance(&year);
    assert_eq!(
        (a.enrolments, a.attended_hours, a.planned_hours),
        (4, 255.0, 400.0)
    );
    assert_eq!(a.completed_under_floor, 1, "乙's 70 of 100 hours");
    let subsidies = quality::subsidies(&year);
    assert_eq!(subsidies.trainees, 2);
    assert_eq!(subsidies.total().0, 210_000);
}

#[test]
fn a_year_with_nothing_to_measure_has_no_rate_rather_than_zero_or_a_hundred() {
    use skillbase::domain::quality;
    let (s, org) = scored();
    // 2026: 戊's cohort ends but nobody completed, nobody was surveyed; 2024: nothing.
    for y in [2024, 2026] {
        let (year, _) = rules::check_year(&s, org, y).unwrap();
        let r = quality::rates(&year);
        assert_eq!(r.pass.percent(), None, "{y}");
        assert_eq!(r.certification.percent(), None, "{y}");
        assert_eq!(r.satisfaction.percent(), None, "{y}");
        assert_eq!(quality::attendance(&year).percent(), None, "{y}");
        let annual = skillbase::report::compute(&year, &rules::check_year(&s, org, y).unwrap().1);
        assert!(
            annual
                .training_quality
                .rates
                .iter()
                .skip(1)
                .all(|x| x.percent.is_none()),
            "{y}: {:?}",
            annual.training_quality.rates
        );
    }
    let (year, _) = rules::check_year(&s, org, 2026).unwrap();
    assert_eq!(
        quality::rates(&year).completion.percent(),
        Some(0.0),
        "戊 was due and did not complete: 0 of 1 is a real 0%"
    );
}

#[test]
fn attendance_under_the_floor_and_subsidies_above_the_income_are_warnings_naming_both_figures() {
    use skillbase::domain::Money;
    use skillbase::domain::funds::{Fund, FundCategory, FundDirection};
    let (mut s, org) = scored();
    let f = check(&s, org, 2025);
    let enr07: Vec<_> = f.findings.iter().filter(|x| x.rule == Rule::Enr07).collect();
    assert_eq!(enr07.len(), 1, "only 乙 completed under 80%: {enr07:?}");
    assert_eq!(enr07[0].severity, Severity::Warning);
    assert!(enr07[0].record.contains("乙"), "{}", enr07[0].record);
    let message = enr07[0].message(Lang::Zh);
    assert!(
        message.contains("70") && message.contains("100") && message.contains("80%"),
        "{message}"
    );
    let fnd01: Vec<_> = f.findings.iter().filter(|x| x.rule == Rule::Fnd01).collect();
    assert_eq!(fnd01.len(), 1);
    let message = fnd01[0].message(Lang::Zh);
    assert!(
        message.contains("2100.00") && message.contains("1000.00"),
        "{message}"
    );
    assert!(fnd01[0].message(Lang::En).contains("2100.00"));
    // The rest of the subsidy funds arrive: no more warning.
    s.insert(Fund {
        org,
        date: d(2025, 12, 1),
        direction: FundDirection::Income,
        category: FundCategory::TrainingSubsidy,
        amount: Money(110_000),
        description: None,
    })
    .unwrap();
    assert!(!rules_found(&check(&s, org, 2025)).contains(&"FND01"));
}

#[test]
fn a_certificate_number_that_disagrees_is_saved_and_named_by_qua07_with_both_values() {
    let (mut s, org) = scored();
    let holder = trainee(&mut s, "己", "19880808");
    let mut q = Qualification {
        person: holder,
        occupation: "6-18-02-04".into(),
        work_type: None,
        // The number says level 3 (高级工) of 2025; the record says 技师.
        grade: SkillGrade::Technician,
        cert_type: CertType::SkillLevel,
        cert_number: Some("S000015000123253000045".into()),
        issued_on: d(2025, 5, 1),
        issuer: None,
        enrolment: None,
        evaluator: None,
    };
    let warned = |q: &Qualification| {
        use skillbase::domain::Record;
        q.validate(today()).warnings().count()
    };
    assert_eq!(warned(&q), 1);
    let id = s.insert(q.clone()).expect("a warning never stops a save");
    // The check reads the certificates of the year's people: enrol 己 to bring it in.
    let cohort = s.list::<Cohort>(&Default::default()).unwrap()[0].id;
    s.insert(Enrolment {
        cohort,
        person: holder,
        enrolled_on: d(2025, 3, 1),
        status: EnrolmentStatus::Enrolled,
        completed_on: None,
        result: None,
        qualification: None,
        attended_hours: None,
        training_subsidy: None,
        evaluation_subsidy: None,
        living_subsidy: None,
        voucher_number: None,
        destination: None,
        destination_on: None,
    })
    .unwrap();
    let f = check(&s, org, 2025);
    let qua07: Vec<_> = f.findings.iter().filter(|x| x.rule == Rule::Qua07).collect();
    assert_eq!(qua07.len(), 1, "{:?}", f.findings);
    assert_eq!(qua07[0].record_id, id.to_string());
    let message = qua07[0].message(Lang::Zh);
    assert!(message.contains("“3”") && message.contains("“2”"), "{message}");
    // Letters where digits are expected: not the usual format, still a warning.
    q.cert_number = Some("S0000150001232530000A5".into());
    s.update(id, q).unwrap();
    let f = check(&s, org, 2025);
    let qua07: Vec<_> = f.findings.iter().filter(|x| x.rule == Rule::Qua07).collect();
    assert_eq!(qua07.len(), 1);
    assert_eq!(qua07[0].severity, Severity::Warning);
    assert!(
        qua07[0].message(Lang::Zh).contains("22位"),
        "{}",
        qua07[0].message(Lang::Zh)
    );
}
