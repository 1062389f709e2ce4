//! The store as its users rely on it: records saved, changed, deleted and found again,
//! with nothing written when input is wrong and nothing touched when a file is not ours.

use chrono::NaiveDate;
use skillbase::domain::grade::SkillGrade;
use skillbase::domain::identity::{DocType, Sex};
use skillbase::domain::org::{OrgKind, Organisation, Tier};
use skillbase::domain::person::Person;
use skillbase::domain::training::{
    CertType, Cohort, Enrolment, EnrolmentStatus, Programme, Qualification, TrainingMode,
};
use skillbase::domain::{Id, Problem, Today};
use skillbase::i18n::{Lang, Localize};
use skillbase::store::{PeopleQuery, PeopleSort, Scope, Store, StoreError};

fn today() -> Today {
    Today(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
}

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.set_today(today());
    s.set_profile("测试管理员");
    s
}

fn person(name: &str, id: &str) -> Person {
    Person::from_citizen_id(name, id, today()).unwrap()
}

fn live_people(s: &Store) -> u64 {
    s.counts()
        .unwrap()
        .iter()
        .find(|c| c.kind.code() == "person")
        .unwrap()
        .live
}

#[test]
fn a_saved_person_comes_back_with_bookkeeping_and_an_audit_entry() {
    let mut s = store();
    let id = s.insert(person("张三", "150102199003071237")).unwrap();
    let got = s.get(id).unwrap();
    assert_eq!(got.record.name, "张三");
    assert_eq!(got.meta.rev, 1);
    assert_eq!(got.meta.changed_by, s.install_id());
    let trail = s.audit_for(&id.to_string()).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "create");
    assert_eq!(trail[0].profile, "测试管理员");
    assert_eq!(trail[0].changes["name"][1], "张三");
}

#[test]
fn an_edit_records_old_and_new_values_and_counts_the_revision() {
    let mut s = store();
    let id = s.insert(person("张三", "150102199003071237")).unwrap();
    let mut p = s.get(id).unwrap().record;
    p.phone = Some("13904710000".into());
    p.name = "张叁".into();
    s.update(id, p.clone()).unwrap();
    // Saving the same again changes nothing.
    s.update(id, p).unwrap();
    let got = s.get(id).unwrap();
    assert_eq!(got.meta.rev, 2);
    let trail = s.audit_for(&id.to_string()).unwrap();
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[1].action, "update");
    assert_eq!(trail[1].changes["name"], serde_json::json!(["张三", "张叁"]));
    assert_eq!(
        trail[1].changes["phone"],
        serde_json::json!([null, "13904710000"])
    );
    assert!(trail[1].changes.get("birth_date").is_none());
}

#[test]
fn an_invalid_id_number_saves_nothing_and_names_the_field() {
    let mut s = store();
    let mut p = person("李四", "150102199003071237");
    p.doc_number = "150102199003071238".into();
    let err = s.insert(p).unwrap_err();
    match &err {
        StoreError::Invalid(v) => assert!(
            v.for_field("doc_number")
                .any(|i| matches!(i.problem, Problem::IdNumber(_)))
        ),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let message = err.localize(Lang::Zh);
    assert!(message.contains("证件号码"), "{message}");
    assert!(message.contains("校验"), "{message}");
    assert_eq!(live_people(&s), 0);
    assert!(err.is_bad_input());
}

#[test]
fn the_same_document_cannot_be_registered_twice_but_can_after_a_delete() {
    let mut s = store();
    let first = s.insert(person("王五", "15250219850615034X")).unwrap();
    // The same number typed in lower case with full-width digits is still the same person.
    let mut again = person("王五", "15250219850615034X");
    again.doc_number = "１５２５０２１９８５０６１５０３４x".into();
    let err = s.insert(again.clone()).unwrap_err();
    assert!(matches!(err, StoreError::DuplicatePerson { .. }), "{err:?}");
    assert!(err.localize(Lang::Zh).contains("王五"));
    s.delete(first).unwrap();
    s.insert(again).unwrap();
}

#[test]
fn a_delete_leaves_a_tombstone_that_can_be_undone() {
    let mut s = store();
    let id = s.insert(person("赵六", "150781200109202120")).unwrap();
    s.delete(id).unwrap();
    assert!(s.get(id).unwrap().meta.is_deleted());
    assert!(s.list::<Person>(&Scope::default()).unwrap().is_empty());
    assert_eq!(
        s.list::<Person>(&Scope {
            include_deleted: true,
            ..Scope::default()
        })
        .unwrap()
        .len(),
        1
    );
    assert_eq!(s.people_page(&PeopleQuery::default()).unwrap().total, 0);
    s.restore(id).unwrap();
    assert!(!s.get(id).unwrap().meta.is_deleted());
    let actions: Vec<String> = s
        .audit_for(&id.to_string())
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(actions, ["create", "delete", "restore"]);
}

fn org(s: &mut Store) -> Id<Organisation> {
    let mut o = Organisation::new(OrgKind::TrainingBase, "包头市高技能人才培训基地");
    o.tier = Some(Tier::Region);
    o.division = Some("150203".into());
    s.insert(o).unwrap()
}

fn cohort(org: Id<Organisation>) -> Cohort {
    Cohort {
        theory_hours: None,
        practice_hours: None,
        surveyed: None,
        satisfied: None,
        org,
        name: "2025年焊工高级工班".into(),
        package: None,
        programme: Programme::Enterprise10000,
        mode: TrainingMode::PartTime,
        occupation: "6-18-02-04".into(),
        target_grade: SkillGrade::Senior,
        start_date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        end_date: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
        facility: None,
    }
}

#[test]
fn a_record_referring_to_a_missing_one_is_refused_and_a_referred_one_cannot_be_deleted() {
    let mut s = store();
    let err = s.insert(cohort(Id::new())).unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { field: "org", .. }),
        "{err:?}"
    );
    assert!(err.localize(Lang::Zh).contains("所属组织"));

    let o = org(&mut s);
    let c = s.insert(cohort(o)).unwrap();
    let err = s.delete(o).unwrap_err();
    assert!(matches!(err, StoreError::StillReferenced { .. }), "{err:?}");
    s.delete(c).unwrap();
    s.delete(o).unwrap();
}

#[test]
fn completing_an_enrolment_and_recording_the_certificate_is_one_transaction() {
    let mut s = store();
    let o = org(&mut s);
    let c = s.insert(cohort(o)).unwrap();
    let p = s.insert(person("张三", "150102199003071237")).unwrap();
    let e = s
        .insert(Enrolment {
            attended_hours: None,
            training_subsidy: None,
            evaluation_subsidy: None,
            living_subsidy: None,
            voucher_number: None,
            destination: None,
            destination_on: None,
            cohort: c,
            person: p,
            enrolled_on: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            status: EnrolmentStatus::Enrolled,
            completed_on: None,
            result: None,
            qualification: None,
        })
        .unwrap();
    // A failure half-way (an invalid certificate) leaves the enrolment as it was.
    let failed = s.write(|w| {
        let mut en = w.get(e)?.record;
        en.status = EnrolmentStatus::Completed;
        en.completed_on = Some(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
        w.update(e, en)?;
        w.insert(Qualification {
            evaluator: None,
            person: p,
            occupation: "bad".into(),
            work_type: None,
            grade: SkillGrade::Senior,
            cert_type: CertType::SkillLevel,
            cert_number: None,
            issued_on: NaiveDate::from_ymd_opt(2025, 7, 15).unwrap(),
            issuer: None,
            enrolment: Some(e),
        })?;
        Ok(())
    });
    assert!(failed.is_err());
    assert_eq!(s.get(e).unwrap().record.status, EnrolmentStatus::Enrolled);
    assert_eq!(s.get(e).unwrap().meta.rev, 1);
}

#[test]
fn people_are_found_by_name_number_and_phone_filtered_sorted_and_paged() {
    let mut s = store();
    let ids = [
        ("张三", "150102199003071237", Some("13904711111")),
        ("巴特尔", "15250219850615034X", Some("13804722222")),
        ("张丽", "150781200109202120", None),
    ];
    let mut people = Vec::new();
    for (name, id, phone) in ids {
        let mut p = person(name, id);
        p.phone = phone.map(Into::into);
        people.push(s.insert(p).unwrap());
    }
    let page = |q: PeopleQuery| s.people_page(&q).unwrap();
    people_found(&page);
    let _ = page;
    add_technician(&mut s, people[1]);
    let page = |q: PeopleQuery| s.people_page(&q).unwrap();
    let technicians = page(PeopleQuery {
        grade: Some(SkillGrade::Technician),
        ..Default::default()
    });
    assert_eq!(technicians.total, 1);
    assert_eq!(technicians.rows[0].top_grade, Some(SkillGrade::Technician));
    assert_eq!(technicians.rows[0].top_occupation.as_deref(), Some("6-18-02-04"));
    assert_eq!(
        page(PeopleQuery {
            occupation: Some("6-18".into()),
            ..Default::default()
        })
        .total,
        1
    );
    sorted_by_grade(&mut s, &people);
}

fn people_found(page: &dyn Fn(PeopleQuery) -> skillbase::store::PeoplePage) {
    assert_eq!(
        page(PeopleQuery {
            text: "张".into(),
            ..Default::default()
        })
        .total,
        2
    );
    assert_eq!(
        page(PeopleQuery {
            text: "152502".into(),
            ..Default::default()
        })
        .rows[0]
            .name,
        "巴特尔"
    );
    // Numbers are matched from their start, or by their last four to six digits.
    for (typed, who) in [
        ("1380472", "巴特尔"),
        ("2222", "巴特尔"),
        ("1237", "张三"),
        ("034x", "巴特尔"),
    ] {
        let found = page(PeopleQuery {
            text: typed.into(),
            ..Default::default()
        });
        assert_eq!(found.total, 1, "{typed}");
        assert_eq!(found.rows[0].name, who, "{typed}");
    }
    assert_eq!(
        page(PeopleQuery {
            text: "0472".into(),
            ..Default::default()
        })
        .total,
        0
    );
    // Full-width digits typed into the search box still match.
    assert_eq!(
        page(PeopleQuery {
            text: "１５０７８１".into(),
            ..Default::default()
        })
        .rows[0]
            .name,
        "张丽"
    );
    assert_eq!(
        page(PeopleQuery {
            division: Some("1501".into()),
            ..Default::default()
        })
        .total,
        1
    );

    let sorted = page(PeopleQuery {
        sort: PeopleSort::BirthDate,
        descending: true,
        ..Default::default()
    });
    let names: Vec<&str> = sorted.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["张丽", "张三", "巴特尔"]);
    let second = page(PeopleQuery {
        sort: PeopleSort::BirthDate,
        descending: true,
        offset: 1,
        limit: 1,
        ..Default::default()
    });
    assert_eq!(second.total, 3);
    assert_eq!(second.rows.len(), 1);
    assert_eq!(second.rows[0].name, "张三");
}

/// A grade filter sees qualifications.
/// The people list by highest grade: the highest of each person's live certificates,
/// then the name; people without one last, whichever way; a certificate deleted or
/// changed moves its holder at once.
fn sorted_by_grade(s: &mut Store, people: &[Id<Person>]) {
    let senior = s
        .insert(Qualification {
            grade: SkillGrade::Senior,
            cert_number: None,
            ..technician(people[2])
        })
        .unwrap();
    s.insert(Qualification {
        grade: SkillGrade::Junior,
        cert_number: None,
        ..technician(people[1])
    })
    .unwrap();
    let names = |s: &Store, descending: bool| -> Vec<String> {
        let q = PeopleQuery {
            sort: PeopleSort::Grade,
            descending,
            ..Default::default()
        };
        s.people_page(&q)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(names(s, true), ["巴特尔", "张丽", "张三"]);
    assert_eq!(names(s, false), ["张丽", "巴特尔", "张三"]);
    let mut changed = s.get(senior).unwrap().record;
    changed.grade = SkillGrade::ChiefTechnician;
    s.update(senior, changed).unwrap();
    assert_eq!(names(s, true), ["张丽", "巴特尔", "张三"]);
    s.delete(senior).unwrap();
    // Those without a grade by pinyin: 张丽 (zhāng lì) before 张三 (zhāng sān).
    assert_eq!(names(s, true), ["巴特尔", "张丽", "张三"]);
    assert_eq!(names(s, false), ["巴特尔", "张丽", "张三"]);
    // Equal grades go by name, the name as it is now.
    add_technician(s, people[0]);
    assert_eq!(names(s, true), ["巴特尔", "张三", "张丽"]);
    let mut renamed = s.get(people[1]).unwrap().record;
    renamed.name = "赵巴特尔".into();
    s.update(people[1], renamed).unwrap();
    assert_eq!(names(s, true), ["张三", "赵巴特尔", "张丽"]);
}

fn technician(person: Id<Person>) -> Qualification {
    Qualification {
        evaluator: None,
        person,
        occupation: "6-18-02-04".into(),
        work_type: Some("电焊工".into()),
        grade: SkillGrade::Technician,
        cert_type: CertType::SkillLevel,
        cert_number: Some("S000015020004240001".into()),
        issued_on: NaiveDate::from_ymd_opt(2020, 7, 1).unwrap(),
        issuer: None,
        enrolment: None,
    }
}

fn add_technician(s: &mut Store, person: Id<Person>) {
    s.insert(technician(person)).unwrap();
}

#[test]
fn a_passport_holder_is_kept_without_a_checksum() {
    let mut s = store();
    let p = Person {
        name: "Ivan Petrov".into(),
        doc_type: DocType::Passport,
        doc_number: "72 1234567".into(),
        sex: Sex::Male,
        birth_date: NaiveDate::from_ymd_opt(1988, 2, 3).unwrap(),
        ethnicity: None,
        education: None,
        phone: None,
        employer: None,
        employer_type: None,
        division: None,
        notes: None,
    };
    let id = s.insert(p).unwrap();
    assert_eq!(s.get(id).unwrap().record.doc_number, "721234567");
}

mod files {
    use super::*;
    use std::fs;

    #[test]
    fn a_new_file_is_created_in_wal_mode_and_reopened_with_its_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base.sqlite");
        let install;
        {
            let mut s = Store::open(&path).unwrap();
            install = s.install_id().to_string();
            s.insert(person("张三", "150102199003071237")).unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.install_id(), install);
        assert_eq!(live_people(&s), 1);
        assert!(s.check_integrity().unwrap().is_empty());
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused_and_left_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("roster.sqlite");
        fs::write(&path, "姓名,身份证号\n张三,150102199003071237\n").unwrap();
        let before = fs::read(&path).unwrap();
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
        assert!(err.localize(Lang::Zh).contains("roster.sqlite"));
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn another_programs_database_is_refused_and_left_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
                .unwrap();
        }
        let before = fs::read(&path).unwrap();
        assert!(matches!(
            Store::open(&path),
            Err(StoreError::ForeignDatabase { .. })
        ));
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused_and_left_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.sqlite");
        {
            Store::open(&path).unwrap();
            let c = rusqlite::Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", 999).unwrap();
            c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        }
        let before = fs::read(&path).unwrap();
        let err = Store::open(&path).err().unwrap();
        assert!(
            matches!(err, StoreError::NewerSchema { found: 999, .. }),
            "{err:?}"
        );
        assert!(err.is_bad_input());
        assert!(err.localize(Lang::Zh).contains("更新版本"));
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("x.sqlite");
        assert!(matches!(Store::open(&path), Err(StoreError::NoSuchFolder { .. })));
    }
}

#[test]
fn a_certificate_dated_before_the_holder_turned_16_is_refused_on_save() {
    let mut s = store();
    let p = s.insert(person("张三", "150102199003071237")).unwrap();
    let q = |issued: NaiveDate| Qualification {
        evaluator: None,
        person: p,
        occupation: "6-18-02-04".into(),
        work_type: None,
        grade: SkillGrade::Junior,
        cert_type: CertType::SkillLevel,
        cert_number: None,
        issued_on: issued,
        issuer: None,
        enrolment: None,
    };
    let err = s
        .insert(q(NaiveDate::from_ymd_opt(2006, 1, 1).unwrap()))
        .unwrap_err();
    match &err {
        StoreError::Invalid(v) => assert!(
            v.for_field("issued_on")
                .any(|i| matches!(i.problem, Problem::CertificateBeforeAge16 { .. }))
        ),
        other => panic!("{other:?}"),
    }
    assert!(
        err.localize(Lang::Zh).contains("未满16周岁"),
        "{}",
        err.localize(Lang::Zh)
    );
    s.insert(q(NaiveDate::from_ymd_opt(2008, 1, 1).unwrap())).unwrap();
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn enrolment(cohort: Id<Cohort>, person: Id<Person>) -> Enrolment {
    Enrolment {
        attended_hours: None,
        training_subsidy: None,
        evaluation_subsidy: None,
        living_subsidy: None,
        voucher_number: None,
        destination: None,
        destination_on: None,
        cohort,
        person,
        enrolled_on: day(2025, 3, 1),
        status: EnrolmentStatus::Enrolled,
        completed_on: None,
        result: None,
        qualification: None,
    }
}

fn certificate(person: Id<Person>, enrolment: Option<Id<Enrolment>>) -> Qualification {
    Qualification {
        evaluator: None,
        person,
        occupation: "6-18-02-04".into(),
        work_type: None,
        grade: SkillGrade::Senior,
        cert_type: CertType::SkillLevel,
        cert_number: Some("S1502032512345678".into()),
        issued_on: day(2025, 7, 15),
        issuer: None,
        enrolment,
    }
}

/// A base, its 2025 welding cohort (March to June), 张三 enrolled in it, and 巴特尔.
fn enrolled() -> (Store, Id<Cohort>, Id<Person>, Id<Enrolment>, Id<Person>) {
    let mut s = store();
    let o = org(&mut s);
    let c = s.insert(cohort(o)).unwrap();
    let zhang = s.insert(person("张三", "150102199003071237")).unwrap();
    let bater = s.insert(person("巴特尔", "15250219850615034X")).unwrap();
    let e = s.insert(enrolment(c, zhang)).unwrap();
    (s, c, zhang, e, bater)
}

#[test]
fn another_persons_certificate_is_refused_from_either_side_naming_both_people() {
    let (mut s, _, _, e, bater) = enrolled();
    // From the certificate's side.
    let err = s.insert(certificate(bater, Some(e))).unwrap_err();
    assert!(
        matches!(err, StoreError::CertificateOfAnotherPerson { .. }),
        "{err:?}"
    );
    let zh = err.localize(Lang::Zh);
    assert!(
        zh.contains("巴特尔（152502********034X）") && zh.contains("张三（150102********1237）"),
        "{zh}"
    );
    assert!(err.localize(Lang::En).contains("belongs to 巴特尔"));
    // From the enrolment's side.
    let q = s.insert(certificate(bater, None)).unwrap();
    let mut en = s.get(e).unwrap().record;
    en.qualification = Some(q);
    let err = s.update(e, en).unwrap_err();
    assert!(
        matches!(err, StoreError::CertificateOfAnotherPerson { .. }),
        "{err:?}"
    );
    assert!(
        s.get(e).unwrap().record.qualification.is_none(),
        "nothing written"
    );
    assert!(s.get(q).unwrap().record.enrolment.is_none());
}

#[test]
fn a_link_set_on_one_side_is_kept_on_the_other_and_stays_one_to_one() {
    let (mut s, _, zhang, e, _) = enrolled();
    // The certificate names the enrolment: the enrolment names it back.
    let q = s.insert(certificate(zhang, Some(e))).unwrap();
    assert_eq!(s.get(e).unwrap().record.qualification, Some(q));
    // Cleared on the enrolment: cleared on the certificate.
    let mut en = s.get(e).unwrap().record;
    en.qualification = None;
    s.update(e, en.clone()).unwrap();
    assert_eq!(s.get(q).unwrap().record.enrolment, None);
    // Set on the enrolment: set on the certificate.
    en.qualification = Some(q);
    s.update(e, en).unwrap();
    assert_eq!(s.get(q).unwrap().record.enrolment, Some(e));
    // A second certificate cannot claim the same enrolment.
    let err = s.insert(certificate(zhang, Some(e))).unwrap_err();
    assert!(
        matches!(err, StoreError::EnrolmentHasCertificate { .. }),
        "{err:?}"
    );
    assert!(
        err.localize(Lang::Zh).contains("已关联证书"),
        "{}",
        err.localize(Lang::Zh)
    );
    // Neither side can be deleted while the other names it; the message says which record.
    let err = s.delete(q).unwrap_err();
    let zh = err.localize(Lang::Zh);
    assert!(
        zh.contains("取得证书") && zh.contains("张三（150102********1237） · 2025年焊工高级工班"),
        "{zh}"
    );
    let err = s.delete(e).unwrap_err();
    assert!(matches!(err, StoreError::StillReferenced { .. }), "{err:?}");
    assert!(
        err.localize(Lang::Zh).contains("取得途径"),
        "{}",
        err.localize(Lang::Zh)
    );
}

#[test]
fn a_person_is_enrolled_in_a_cohort_once() {
    let (mut s, c, zhang, e, bater) = enrolled();
    let err = s.insert(enrolment(c, zhang)).unwrap_err();
    assert!(matches!(err, StoreError::DuplicateEnrolment { .. }), "{err:?}");
    let zh = err.localize(Lang::Zh);
    assert!(
        zh.contains("张三（150102********1237） 已在培训班次“2025年焊工高级工班”中")
            && zh.contains("2025-03-01"),
        "{zh}"
    );
    // Moving another person's enrolment onto the same person is refused too.
    let other = s.insert(enrolment(c, bater)).unwrap();
    let mut moved = s.get(other).unwrap().record;
    moved.person = zhang;
    assert!(matches!(
        s.update(other, moved),
        Err(StoreError::DuplicateEnrolment { .. })
    ));
    // Even a bulk load (no checks of its own) cannot write one.
    let bulk = s.bulk("test", |b| {
        b.insert(Id::new(), &enrolment(c, zhang), chrono::Utc::now())
    });
    assert!(
        bulk.is_err(),
        "the database itself refuses a second live enrolment"
    );
    // Once the first is deleted, the person may be enrolled again; the first then cannot
    // be restored beside the second.
    s.delete(e).unwrap();
    s.insert(enrolment(c, zhang)).unwrap();
    assert!(matches!(s.restore(e), Err(StoreError::DuplicateEnrolment { .. })));
}

#[test]
fn dates_that_cannot_be_true_are_refused_beside_their_field() {
    let (mut s, c, zhang, e, bater) = enrolled();
    let field_problem = |err: StoreError| match err {
        StoreError::Invalid(v) => v
            .errors()
            .map(|i| (i.field, i.problem.clone()))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    // Enrolled after the cohort ended.
    let late = Enrolment {
        enrolled_on: day(2025, 7, 1),
        ..enrolment(c, bater)
    };
    let found = field_problem(s.insert(late).unwrap_err());
    assert_eq!(
        found,
        [(
            "enrolled_on",
            Problem::EnrolledAfterCohortEnded {
                cohort_end: day(2025, 6, 30)
            }
        )]
    );
    // Completed before the cohort started.
    let mut en = s.get(e).unwrap().record;
    en.status = EnrolmentStatus::Completed;
    en.completed_on = Some(day(2025, 2, 20));
    en.enrolled_on = day(2025, 2, 1);
    let found = field_problem(s.update(e, en).unwrap_err());
    assert!(
        found
            .iter()
            .any(|(f, p)| *f == "completed_on" && matches!(p, Problem::OutsideCohort { .. }))
    );
    // A certificate gained in the cohort, dated before it started.
    let early = Qualification {
        issued_on: day(2025, 2, 1),
        ..certificate(zhang, Some(e))
    };
    let err = s.insert(early).unwrap_err();
    assert!(
        err.localize(Lang::Zh)
            .contains("早于取得证书的培训班次开始日期 2025-03-01"),
        "{}",
        err.localize(Lang::Zh)
    );
    // Moving the cohort's end before an enrolment's date is refused on the end date.
    s.insert(certificate(zhang, Some(e))).unwrap();
    let mut moved = s.get(c).unwrap().record;
    moved.start_date = day(2025, 8, 1);
    moved.end_date = day(2025, 9, 30);
    let found = field_problem(s.update(c, moved).unwrap_err());
    assert!(
        found
            .iter()
            .any(|(f, p)| *f == "start_date" && matches!(p, Problem::CohortDatesExclude { count: 1, .. })),
        "{found:?}"
    );
}

#[test]
fn of_two_enrolments_an_older_version_left_either_can_still_be_completed_before_the_other_goes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite");
    let (c, zhang, e) = {
        let mut s = Store::open(&db).unwrap();
        s.set_today(today());
        let o = org(&mut s);
        let c = s.insert(cohort(o)).unwrap();
        let zhang = s.insert(person("张三", "150102199003071237")).unwrap();
        let e = s.insert(enrolment(c, zhang)).unwrap();
        (c, zhang, e)
    };
    // What a database of version 5 could hold: the same person twice in the cohort.
    let twin = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP TRIGGER enrolment_once_per_cohort_insert;
             INSERT INTO enrolment SELECT '01990000-0000-7000-8000-000000000001', created_at, updated_at,
               deleted_at, rev, changed_by, change_seq, cohort, person, '2025-03-02', status, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL
               FROM enrolment;",
        )
        .unwrap();
        "01990000-0000-7000-8000-000000000001"
            .parse::<Id<Enrolment>>()
            .unwrap()
    };
    let mut s = Store::open(&db).unwrap();
    s.set_today(today());
    let mut done = s.get(e).unwrap().record;
    done.status = EnrolmentStatus::Completed;
    done.completed_on = Some(day(2025, 6, 30));
    s.update(e, done).unwrap();
    s.delete(twin).unwrap();
    assert!(matches!(
        s.restore(twin),
        Err(StoreError::DuplicateEnrolment { .. })
    ));
    assert!(matches!(
        s.insert(enrolment(c, zhang)),
        Err(StoreError::DuplicateEnrolment { .. })
    ));
}

#[test]
fn people_are_enrolled_and_completed_with_their_certificate_through_the_library() {
    use skillbase::domain::completion::{CertificateGained, Completion, NewCertificate, Outcome};
    use skillbase::domain::training::AssessmentResult;
    let (mut s, c, zhang, e, bater) = enrolled();
    let wang = s.insert(person("王芳", "150102199202020029")).unwrap();
    let enrolments = |s: &Store| s.list::<Enrolment>(&Scope::default()).unwrap().len();
    // One of the people is in the cohort already: nobody is enrolled.
    let err = s.enrol(c, &[bater, zhang], day(2025, 3, 1)).unwrap_err();
    assert!(matches!(err, StoreError::DuplicateEnrolment { .. }), "{err:?}");
    // After the cohort ended: refused on the date.
    let err = s.enrol(c, &[bater], day(2025, 7, 1)).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.errors().any(|i| i.field == "enrolled_on")),
        "{err:?}"
    );
    assert_eq!(enrolments(&s), 1, "nothing written");
    let ids = s.enrol(c, &[bater, wang], day(2025, 3, 2)).unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(s.get(ids[0]).unwrap().record.person, bater);
    assert_eq!(s.get(ids[1]).unwrap().record.enrolled_on, day(2025, 3, 2));

    let new_certificate = |issued_on| {
        Outcome::Passed(Some(CertificateGained::New(NewCertificate {
            cert_type: CertType::SkillLevel,
            cert_number: Some("S1502032512345678".into()),
            issued_on,
            issuer: Some("包头市职业技能鉴定中心".into()),
        })))
    };
    // A certificate dated before the cohort started: neither it nor the completion is written.
    let early = Completion {
        enrolment: e,
        completed_on: day(2025, 6, 30),
        outcome: new_certificate(day(2025, 2, 1)),
    };
    assert!(matches!(s.complete(&early), Err(StoreError::Invalid(_))));
    assert_eq!(s.get(e).unwrap().record.status, EnrolmentStatus::Enrolled);
    assert!(s.certificates_of(zhang).unwrap().is_empty());
    // Passed with a new certificate: the cohort's occupation at its target grade, linked
    // both ways.
    let q = s
        .complete(&Completion {
            enrolment: e,
            completed_on: day(2025, 6, 30),
            outcome: new_certificate(day(2025, 7, 15)),
        })
        .unwrap()
        .expect("a certificate");
    let done = s.get(e).unwrap().record;
    assert_eq!(
        (done.status, done.completed_on, done.result, done.qualification),
        (
            EnrolmentStatus::Completed,
            Some(day(2025, 6, 30)),
            Some(AssessmentResult::Passed),
            Some(q)
        )
    );
    let gained = s.get(q).unwrap().record;
    assert_eq!(
        (
            gained.person,
            gained.occupation.as_str(),
            gained.grade,
            gained.enrolment
        ),
        (zhang, "6-18-02-04", SkillGrade::Senior, Some(e))
    );
    // Another person's certificate as 巴特尔's: refused, his enrolment untouched.
    let err = s
        .complete(&Completion {
            enrolment: ids[0],
            completed_on: day(2025, 6, 30),
            outcome: Outcome::Passed(Some(CertificateGained::Recorded(q))),
        })
        .unwrap_err();
    assert!(
        matches!(err, StoreError::CertificateOfAnotherPerson { .. }),
        "{err:?}"
    );
    assert_eq!(s.get(ids[0]).unwrap().meta.rev, 1);
    // Failed: completed without a certificate.
    assert_eq!(
        s.complete(&Completion {
            enrolment: ids[0],
            completed_on: day(2025, 6, 30),
            outcome: Outcome::Failed,
        })
        .unwrap(),
        None
    );
    assert_eq!(
        s.get(ids[0]).unwrap().record.result,
        Some(AssessmentResult::Failed)
    );
    // A certificate 王芳 already holds, recorded as the one gained: linked back.
    let held = s.insert(certificate(wang, None)).unwrap();
    let linked = s
        .complete(&Completion {
            enrolment: ids[1],
            completed_on: day(2025, 6, 28),
            outcome: Outcome::Passed(Some(CertificateGained::Recorded(held))),
        })
        .unwrap();
    assert_eq!(linked, Some(held));
    assert_eq!(s.get(held).unwrap().record.enrolment, Some(ids[1]));
}

/// A grade thousands hold as their highest is filtered by testing each person while the
/// name's index is walked: the same people, in pinyin order, page after page.
#[test]
fn a_grade_many_hold_pages_its_holders_in_name_order() {
    let (_dir, s) = crate::common::national_base();
    let mut highest: std::collections::HashMap<Id<Person>, SkillGrade> = std::collections::HashMap::new();
    for q in s.list::<Qualification>(&Scope::default()).unwrap() {
        let top = highest.entry(q.record.person).or_insert(q.record.grade);
        *top = (*top).max(q.record.grade);
    }
    let holders: std::collections::HashSet<Id<Person>> = highest
        .iter()
        .filter(|(_, g)| **g == SkillGrade::Intermediate)
        .map(|(p, _)| *p)
        .collect();
    assert!(
        holders.len() >= 2_000,
        "{} holders: not the dense case",
        holders.len()
    );
    let page = |offset| {
        s.people_page(&PeopleQuery {
            grade: Some(SkillGrade::Intermediate),
            offset,
            limit: 100,
            ..Default::default()
        })
        .unwrap()
    };
    let (first, second) = (page(0), page(100));
    assert_eq!(first.total, holders.len() as u64);
    let rows: Vec<_> = first.rows.iter().chain(&second.rows).collect();
    assert_eq!(rows.len(), 200);
    assert!(rows.iter().all(|r| holders.contains(&r.id)));
    let key = skillbase::domain::text::name_sort_key;
    assert!(
        rows.windows(2).all(|w| key(&w[0].name) <= key(&w[1].name)),
        "not in pinyin order"
    );
    let distinct: std::collections::HashSet<_> = rows.iter().map(|r| r.id).collect();
    assert_eq!(distinct.len(), 200, "a person on both pages");
}

mod studio_log {
    //! The studio master's log: a plan from the template and back, entries refused with
    //! the field named and nothing written, the master's sign-off, progress.

    use super::*;
    use skillbase::domain::studio::{Apprenticeship, ApprenticeshipStatus};
    use skillbase::domain::studio_log::{LogEntry, PlanStage, StageTemplate};
    use skillbase::store::PlanMade;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(super) struct Studio {
        pub s: Store,
        pub org: Id<Organisation>,
        pub master: Id<Person>,
        pub a: Id<Apprenticeship>,
        pub other: Id<Apprenticeship>,
    }

    pub(super) fn studio() -> Studio {
        let mut s = store();
        let cid = |birth: &str, n: u32| {
            let body = format!("150102{birth}{n:03}");
            format!(
                "{body}{}",
                skillbase::domain::identity::citizen_id_check_char(&body).unwrap()
            )
        };
        let master = s.insert(person("王建国", &cid("19700312", 11))).unwrap();
        let apprentice = s.insert(person("巴特尔", &cid("19990605", 23))).unwrap();
        let second = s.insert(person("李娜", &cid("19980101", 24))).unwrap();
        let mut o = Organisation::new(OrgKind::MasterStudio, "王建国焊接技能大师工作室");
        o.tier = Some(Tier::Region);
        o.master = Some(master);
        let org = s.insert(o).unwrap();
        let apprenticeship = |apprentice| Apprenticeship {
            studio: org,
            master,
            apprentice,
            occupation: "6-18-02-04".into(),
            agreement_date: Some(d(2025, 2, 20)),
            start_date: d(2025, 3, 1),
            end_date: Some(d(2026, 12, 31)),
            grade_at_start: Some(SkillGrade::Intermediate),
            grade_at_end: None,
            status: ApprenticeshipStatus::Active,
            outcome: None,
        };
        let a = s.insert(apprenticeship(apprentice)).unwrap();
        let other = s.insert(apprenticeship(second)).unwrap();
        for (seq, title, months) in [
            (1, "安全与基本功", 3),
            (2, "平焊与立焊", 6),
            (3, "管道全位置焊", 9),
        ] {
            s.insert(StageTemplate {
                org,
                occupation: "6-18-02-04".into(),
                seq,
                title: title.into(),
                targets: Some("按焊工国家职业技能标准".into()),
                planned_hours: 100.0,
                months,
            })
            .unwrap();
        }
        Studio {
            s,
            org,
            master,
            a,
            other,
        }
    }

    fn entry(a: Id<Apprenticeship>, date: NaiveDate, hours: f64) -> LogEntry {
        LogEntry {
            apprenticeship: a,
            stage: None,
            date,
            hours,
            content: "平焊对接练习".into(),
            signed_by: None,
            signed_on: None,
        }
    }

    fn entries(s: &Store) -> usize {
        s.list::<LogEntry>(&Scope::default()).unwrap().len()
    }

    #[test]
    fn a_plan_is_made_from_the_occupations_template_and_an_adapted_plan_becomes_the_template() {
        let mut st = studio();
        assert_eq!(st.s.plan_from_template(st.a).unwrap(), PlanMade::Made(3));
        // A second time changes nothing: the plan is there.
        assert_eq!(
            st.s.plan_from_template(st.a).unwrap(),
            PlanMade::AlreadyPlanned(3)
        );
        let plan = st.s.plan_of(st.a).unwrap();
        assert_eq!(plan[0].record.planned_start, d(2025, 3, 1));
        assert_eq!(plan[0].record.planned_end, d(2025, 5, 31));
        assert_eq!(plan[2].record.planned_end, d(2026, 12, 31));
        // The master adapts stage 2 and saves the plan as the template.
        let mut s2 = plan[1].record.clone();
        s2.title = "平焊、立焊与横焊".into();
        s2.planned_hours = 140.0;
        st.s.update(plan[1].id, s2).unwrap();
        assert_eq!(st.s.save_plan_as_template(st.a).unwrap(), 3);
        let template = st.s.template_for(st.org, "6-18-02-04").unwrap();
        assert_eq!(template.len(), 3);
        assert_eq!(template[1].record.title, "平焊、立焊与横焊");
        assert_eq!(template[1].record.planned_hours, 140.0);
        // The next apprentice's plan follows the adapted template.
        st.s.plan_from_template(st.other).unwrap();
        assert_eq!(
            st.s.plan_of(st.other).unwrap()[1].record.title,
            "平焊、立焊与横焊"
        );
        // A stage planned outside the apprenticeship is refused, naming the field.
        let mut twice = st.s.plan_of(st.a).unwrap()[0].record.clone();
        twice.title = "另一个第一阶段".into();
        match st.s.insert(twice) {
            Err(StoreError::Invalid(v)) => assert!(v.for_field("seq").next().is_some(), "{v:?}"),
            other => panic!("{other:?}"),
        }
        let mut early = st.s.plan_of(st.a).unwrap()[0].record.clone();
        early.seq = 4;
        early.planned_start = d(2025, 1, 1);
        match st.s.insert(early) {
            Err(StoreError::Invalid(v)) => assert!(v.for_field("planned_start").next().is_some(), "{v:?}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_entries_are_refused_with_the_field_named_and_nothing_written() {
        let mut st = studio();
        st.s.plan_from_template(st.other).unwrap();
        let stage_of_other = st.s.plan_of(st.other).unwrap()[0].id;
        st.s.insert(entry(st.a, d(2025, 4, 1), 8.0)).unwrap();
        st.s.insert(entry(st.a, d(2025, 4, 1), 10.0)).unwrap();
        let before = entries(&st.s);
        let mut of_other = entry(st.a, d(2025, 4, 2), 2.0);
        of_other.stage = Some(stage_of_other);
        let cases: Vec<(LogEntry, &str)> = vec![
            (entry(st.a, d(2025, 4, 2), 0.0), "hours"),
            (entry(st.a, d(2025, 4, 2), 24.5), "hours"),
            // 8 + 10 registered that day: 7 more is 25.
            (entry(st.a, d(2025, 4, 1), 7.0), "hours"),
            (entry(st.a, d(2025, 2, 28), 2.0), "date"),
            (entry(st.a, d(2027, 1, 1), 2.0), "date"),
            (of_other, "stage"),
        ];
        for (bad, field) in cases {
            match st.s.insert(bad.clone()) {
                Err(StoreError::Invalid(v)) => {
                    let issue = v
                        .for_field(field)
                        .next()
                        .unwrap_or_else(|| panic!("{field}: {v:?}"));
                    assert!(!issue.localize(Lang::Zh).is_empty());
                }
                other => panic!("{bad:?} {other:?}"),
            }
        }
        assert_eq!(entries(&st.s), before);
        // Another apprenticeship's day is its own: 20 hours there is fine.
        st.s.insert(entry(st.other, d(2025, 4, 1), 20.0)).unwrap();
        // Moving an entry to a full day is refused as well.
        let id = st.s.insert(entry(st.a, d(2025, 4, 3), 8.0)).unwrap();
        let mut moved = st.s.get(id).unwrap().record;
        moved.date = d(2025, 4, 1);
        assert!(matches!(st.s.update(id, moved), Err(StoreError::Invalid(_))));
    }

    #[test]
    fn the_master_signs_entries_off_and_progress_counts_stages_hours_and_the_last_entry() {
        let mut st = studio();
        st.s.plan_from_template(st.a).unwrap();
        let plan = st.s.plan_of(st.a).unwrap();
        let mut first = plan[0].record.clone();
        first.completed_on = Some(d(2025, 5, 30));
        st.s.update(plan[0].id, first).unwrap();
        let mut e = entry(st.a, d(2025, 4, 1), 6.0);
        e.stage = Some(plan[0].id);
        let signed = st.s.insert(e).unwrap();
        st.s.insert(entry(st.a, d(2025, 9, 1), 4.5)).unwrap();
        assert_eq!(st.s.sign_off_entries(st.a, st.master, d(2025, 9, 2)).unwrap(), 2);
        let got = st.s.get(signed).unwrap();
        assert_eq!(got.record.signed_by, Some(st.master));
        assert_eq!(got.record.signed_on, Some(d(2025, 9, 2)));
        // The sign-off is in the audit trail like any change.
        let trail = st.s.audit_for(&signed.to_string()).unwrap();
        assert_eq!(trail.last().unwrap().changes["signed_on"][1], "2025-09-02");
        // Nothing left to sign.
        assert_eq!(st.s.sign_off_entries(st.a, st.master, d(2025, 9, 3)).unwrap(), 0);

        let rows = st.s.studio_progress(st.org, d(2025, 12, 15)).unwrap();
        let p = &rows
            .iter()
            .find(|r| r.apprenticeship.id == st.a)
            .unwrap()
            .progress;
        assert_eq!((p.stages, p.stages_done), (3, 1));
        assert_eq!(p.hours_planned, 300.0);
        assert_eq!(p.hours_logged, 10.5);
        assert_eq!(p.last_entry, Some(d(2025, 9, 1)));
        assert_eq!(p.unsigned, 0);
        // Stage 2 (June to November) is not done: overdue; and three months without an entry.
        assert_eq!(p.overdue.iter().map(|s| s.record.seq).collect::<Vec<_>>(), [2]);
        assert!(p.quiet);
        // The other apprentice has no plan and no entry yet.
        let q = &rows
            .iter()
            .find(|r| r.apprenticeship.id == st.other)
            .unwrap()
            .progress;
        assert_eq!((q.stages, q.last_entry), (0, None));
    }

    #[test]
    fn a_stage_with_entries_cannot_be_deleted_from_under_them() {
        let mut st = studio();
        st.s.plan_from_template(st.a).unwrap();
        let stage = st.s.plan_of(st.a).unwrap()[0].id;
        let mut e = entry(st.a, d(2025, 4, 1), 3.0);
        e.stage = Some(stage);
        st.s.insert(e).unwrap();
        assert!(matches!(
            st.s.delete::<PlanStage>(stage),
            Err(StoreError::StillReferenced { .. })
        ));
        // An apprenticeship as pickers and messages name it: both people, numbers masked.
        let named =
            st.s.describe(skillbase::domain::RecordKind::Apprenticeship, &st.a.to_string());
        assert!(
            named.starts_with("王建国（150102********") && named.contains("→ 巴特尔（"),
            "{named}"
        );
        assert!(!named.contains("19700312"), "{named}");
    }
}

/// 二级 means those whose highest grade is 二级 (a 一级 holder is not listed again);
/// "三级及以上" lists every high-skill talent.
#[test]
fn a_grade_filter_is_the_highest_grade_exactly_or_that_grade_and_above() {
    let mut s = store();
    let mut people = Vec::new();
    for (name, id) in [
        ("张三", "150102199003071237"),
        ("巴特尔", "15250219850615034X"),
        ("张丽", "150781200109202120"),
    ] {
        people.push(s.insert(person(name, id)).unwrap());
    }
    add_technician(&mut s, people[0]);
    s.insert(Qualification {
        grade: SkillGrade::SeniorTechnician,
        cert_number: None,
        ..technician(people[0])
    })
    .unwrap();
    add_technician(&mut s, people[1]);
    s.insert(Qualification {
        grade: SkillGrade::Intermediate,
        cert_number: None,
        ..technician(people[2])
    })
    .unwrap();
    let names = |grade, grade_and_above| -> Vec<String> {
        s.people_page(&PeopleQuery {
            grade: Some(grade),
            grade_and_above,
            ..Default::default()
        })
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect()
    };
    assert_eq!(names(SkillGrade::Technician, false), ["巴特尔"]);
    assert_eq!(names(SkillGrade::SeniorTechnician, false), ["张三"]);
    assert_eq!(names(SkillGrade::Senior, true), ["巴特尔", "张三"]);
    assert_eq!(names(SkillGrade::Apprentice, true), ["巴特尔", "张丽", "张三"]);
}

/// A name changed by another program (plain SQL, no function of ours) is written, and
/// takes its place in pinyin order when the store next opens the file.
#[test]
fn a_name_written_behind_the_stores_back_is_sorted_by_pinyin_once_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let mut s = Store::open(&path).unwrap();
    for (name, id) in [("张三", "150102199003071237"), ("巴特尔", "15250219850615034X")] {
        s.insert(person(name, id)).unwrap();
    }
    drop(s);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("UPDATE person SET name = '阿木' WHERE name = '张三'", [])
        .unwrap();
    drop(raw);
    let s = Store::open(&path).unwrap();
    let names = first_page_names(&s);
    assert_eq!(names, ["阿木", "巴特尔"]);
}

/// The names on the people list's first page, in its default order.
fn first_page_names(s: &Store) -> Vec<String> {
    s.people_page(&PeopleQuery::default())
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect()
}

/// A database of schema 9 (before names sorted by pinyin) is upgraded with every name
/// given its key: the list is in pinyin order at once.
#[test]
fn an_upgrade_from_schema_9_sorts_the_names_already_there_by_pinyin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old-9.sqlite");
    let c = rusqlite::Connection::open(&db).unwrap();
    for m in &skillbase::store::schema::MIGRATIONS[..9] {
        c.execute_batch(m).unwrap();
    }
    c.pragma_update(None, "user_version", 9).unwrap();
    c.pragma_update(None, "application_id", skillbase::store::schema::APPLICATION_ID)
        .unwrap();
    c.execute_batch(
        "INSERT INTO meta (key, value) VALUES ('install_id', 'old-install'), ('created_at', '2025-01-01T00:00:00.000Z'), ('change_seq', '3');
         INSERT INTO person (id, created_at, updated_at, rev, changed_by, change_seq, name, doc_type, doc_number, sex, birth_date) VALUES
           ('0190c0de-0000-7000-8000-00000000000a', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 1, 'old-install', 1, '张三', 'passport', 'E00000001', 'male', '1990-01-01'),
           ('0190c0de-0000-7000-8000-00000000000b', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 1, 'old-install', 2, 'Bayar', 'passport', 'E00000002', 'male', '1990-01-01'),
           ('0190c0de-0000-7000-8000-00000000000c', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 1, 'old-install', 3, '乌云', 'passport', 'E00000003', 'female', '1990-01-01');",
    )
    .unwrap();
    drop(c);
    let s = Store::open(&db).unwrap();
    let names = first_page_names(&s);
    assert_eq!(names, ["乌云", "张三", "Bayar"]);
}
