//! Demo data is realistic, valid by the app's own rules, and the same for the same seed.

use chrono::NaiveDate;
use skillbase::demo::{self, Profile};
use skillbase::domain::identity::{self, DocType};
use skillbase::domain::org::{OrgKind, Organisation, Tier};
use skillbase::domain::person::Person;
use skillbase::domain::training::Qualification;
use skillbase::domain::*;
use skillbase::progress::Silent;
use skillbase::store::{Scope, Store, StoreError};

fn generated(profile: Profile, seed: u64) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::generate(&mut store, profile, seed, &Silent).unwrap();
    store
}

fn all<R: Record>(store: &Store) -> Vec<Stored<R>> {
    store.list::<R>(&Scope::default()).unwrap()
}

fn assert_valid<R: Record>(store: &Store, today: Today) {
    for r in all::<R>(store) {
        let v = r.record.validate(today);
        assert!(!v.has_errors(), "{:?} {} is invalid: {v:?}", R::KIND, r.id);
    }
}

#[test]
fn the_national_base_demo_is_a_national_base_with_a_studio_and_over_10000_people_all_valid() {
    let (_dir, store) = crate::common::national_base();
    let orgs = all::<Organisation>(&store);
    assert_eq!(orgs.len(), 2);
    let base = orgs
        .iter()
        .find(|o| o.record.kind == OrgKind::TrainingBase)
        .unwrap();
    let studio = orgs
        .iter()
        .find(|o| o.record.kind == OrgKind::MasterStudio)
        .unwrap();
    assert_eq!(base.record.tier, Some(Tier::National));
    assert_eq!(studio.record.host, Some(base.id));
    assert!(studio.record.master.is_some());

    let people = all::<Person>(&store);
    assert!(people.len() >= 10_000, "{} people", people.len());
    let today = Today(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let mut mongolian_names = 0;
    for p in &people {
        assert_eq!(p.record.doc_type, DocType::CitizenId);
        let info = identity::parse_citizen_id(&p.record.doc_number, today.0)
            .unwrap_or_else(|e| panic!("{} {}: {e:?}", p.record.name, p.record.doc_number));
        assert_eq!(info.birth_date, p.record.birth_date);
        assert_eq!(info.sex, p.record.sex);
        if p.record.ethnicity.as_deref() == Some("02") {
            mongolian_names += 1;
        }
    }
    assert!(mongolian_names > 1000, "{mongolian_names} Mongolian people");

    // Every record passes the rules a user's input must pass.
    assert_valid::<Organisation>(&store, today);
    assert_valid::<Person>(&store, today);
    assert_valid::<Qualification>(&store, today);
    assert_valid::<training::Cohort>(&store, today);
    assert_valid::<training::Enrolment>(&store, today);
    assert_valid::<training::CoursePackage>(&store, today);
    assert_valid::<capacity::Facility>(&store, today);
    assert_valid::<capacity::PublicService>(&store, today);
    assert_valid::<capacity::CapacityDeclaration>(&store, today);
    assert_valid::<studio::Apprenticeship>(&store, today);
    assert_valid::<studio::Achievement>(&store, today);
    assert_valid::<staff::Teacher>(&store, today);
    assert_valid::<honours::Competition>(&store, today);
    assert_valid::<honours::Award>(&store, today);
    assert_valid::<funds::Fund>(&store, today);
    assert_valid::<studio_log::StageTemplate>(&store, today);
    assert_valid::<studio_log::PlanStage>(&store, today);
    assert_valid::<studio_log::LogEntry>(&store, today);
    // The studio keeps its log since 2023: every apprentice taken on since has a plan and
    // entries, each within its apprenticeship and stage, no day over 24 hours.
    let plans = all::<studio_log::PlanStage>(&store);
    let entries = all::<studio_log::LogEntry>(&store);
    assert!(
        plans.len() >= 5 && entries.len() > 100,
        "{} {}",
        plans.len(),
        entries.len()
    );
    let apprenticeships: std::collections::HashMap<_, _> = all::<studio::Apprenticeship>(&store)
        .into_iter()
        .map(|a| (a.id, a.record))
        .collect();
    let stages: std::collections::HashMap<_, _> = plans.iter().map(|s| (s.id, &s.record)).collect();
    let per_day = studio_log::hours_per_day(entries.iter().map(|e| &e.record));
    for e in &entries {
        let a = &apprenticeships[&e.record.apprenticeship];
        let stage = e.record.stage.map(|s| stages[&s]);
        let others = per_day[&(e.record.apprenticeship, e.record.date)] - e.record.hours;
        let v = e.record.check_related(a, stage, others, today);
        assert!(!v.has_errors(), "{:?}: {v:?}", e.record);
    }
    for s in &plans {
        let v = s
            .record
            .check_in_apprenticeship(&apprenticeships[&s.record.apprenticeship], today);
        assert!(!v.has_errors(), "{:?}: {v:?}", s.record);
    }

    // No certificate before its holder turned 16.
    let by_id: std::collections::HashMap<_, _> = people.iter().map(|p| (p.id, &p.record)).collect();
    for q in all::<Qualification>(&store) {
        let holder = by_id[&q.record.person];
        assert!(
            !q.record.check_holder(holder, today).has_errors(),
            "{:?}",
            q.record
        );
    }
    assert!(store.check_integrity().unwrap().is_empty());
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    let names = |s: &Store| -> Vec<(String, String, String)> {
        all::<Person>(s)
            .into_iter()
            .map(|p| (p.id.to_string(), p.record.name, p.record.doc_number))
            .collect()
    };
    let a = generated(Profile::Studio, 7);
    let b = generated(Profile::Studio, 7);
    let c = generated(Profile::Studio, 8);
    assert!(!names(&a).is_empty());
    assert_eq!(names(&a), names(&b));
    assert_eq!(
        all::<studio::Apprenticeship>(&a),
        all::<studio::Apprenticeship>(&b)
    );
    assert_ne!(names(&a), names(&c));
}

#[test]
fn demo_data_goes_only_into_an_empty_database() {
    let mut store = generated(Profile::Studio, 1);
    let before = store.counts().unwrap();
    let err = demo::generate(&mut store, Profile::Studio, 1, &Silent).unwrap_err();
    assert!(matches!(err, StoreError::NotEmpty));
    assert_eq!(store.counts().unwrap(), before);
}

#[test]
fn the_region_plan_adds_up_to_650000_people_in_about_100_organisations() {
    // The plan alone (writing 650,000 people is for the benchmark, not a test).
    let plan = demo::plan_summary(Profile::Region);
    assert_eq!(plan.people, demo::REGION_PEOPLE);
    assert!((95..=105).contains(&plan.organisations), "{}", plan.organisations);
}

#[test]
fn the_national_base_demo_has_certificates_at_all_eight_grades() {
    use skillbase::domain::grade::SkillGrade;
    let (_dir, store) = crate::common::national_base();
    let held: std::collections::HashSet<SkillGrade> = all::<Qualification>(&store)
        .into_iter()
        .map(|q| q.record.grade)
        .collect();
    for grade in SkillGrade::ALL {
        assert!(held.contains(&grade), "no certificate at {grade:?}");
    }
}

/// The national-base demo carries evidence as offices keep it: signed agreements on
/// apprenticeships, sign-in sheets on cohorts, award scans, photos on log entries; each
/// file small, what its name says, and the same content kept once.
#[test]
fn the_national_base_demo_carries_evidence_on_its_records() {
    use skillbase::domain::attachment::recognise;
    let (_dir, store) = crate::common::national_base();
    let all = store.attachments().unwrap();
    for (kind, name) in [
        (RecordKind::Apprenticeship, "带徒协议.pdf"),
        (RecordKind::Cohort, "签到表.pdf"),
        (RecordKind::Award, "获奖证书扫描件.png"),
        (RecordKind::LogEntry, "实训照片.png"),
    ] {
        let some = all.iter().find(|a| a.kind == kind && a.file_name == name);
        let a = some.unwrap_or_else(|| panic!("no {name} on a {kind:?}"));
        let bytes = store.attachment_bytes(&a.sha256).unwrap();
        assert!(recognise(name, &bytes).is_ok(), "{name}");
        assert!(bytes.len() < 8 * 1024, "{name}: {} bytes", bytes.len());
    }
    let totals = store.attachment_totals().unwrap();
    assert!(
        totals.files <= totals.attachments && totals.bytes < 1 << 20,
        "{totals:?}"
    );
}
