//! The return's figures follow their written definitions: distinct persons where it says
//! persons, person-times where it says person-times, dates inside the year only.

mod common;

use chrono::NaiveDate;
use skillbase::demo::{self, Profile};
use skillbase::domain::Id;
use skillbase::domain::capacity::{CapacityDeclaration, PublicService, RecipientType};
use skillbase::domain::grade::SkillGrade;
use skillbase::domain::org::{OrgKind, Organisation, Tier};
use skillbase::domain::person::Person;
use skillbase::domain::studio::{Apprenticeship, ApprenticeshipStatus};
use skillbase::domain::training::*;
use skillbase::progress::Silent;
use skillbase::report::{self, AnnualReturn, figures::DEFINITION_KEYS};
use skillbase::store::Store;

use common::{d, today};

fn annual(store: &Store, org: Id<Organisation>, year: i32) -> AnnualReturn {
    let (data, findings) = skillbase::rules::check_year(store, org, year).unwrap();
    report::compute(&data, &findings)
}

/// The national-base demo's base and its 2025 return.
fn national_base_2025() -> AnnualReturn {
    let mut s = Store::open_in_memory().unwrap();
    demo::generate(&mut s, Profile::NationalBase, 1, &Silent).unwrap();
    s.set_today(today());
    let base = s.resolve_reporting_organisation(None).unwrap();
    annual(&s, base.id, 2025)
}

fn org(s: &mut Store, kind: OrgKind, tier: Tier) -> Id<Organisation> {
    let mut o = Organisation::new(kind, "测试单位");
    o.tier = Some(tier);
    o.division = Some("150203".into());
    o.credit_code = Some("12150100460001231U".into());
    s.insert(o).unwrap()
}

/// A person born on `birth` (YYYYMMDD) in 新城区, with a valid ID number.
fn person(s: &mut Store, name: &str, birth: &str) -> Id<Person> {
    let body = format!("150102{birth}123");
    let id = format!(
        "{body}{}",
        skillbase::domain::identity::citizen_id_check_char(&body).unwrap()
    );
    s.insert(Person::from_citizen_id(name, &id, today()).unwrap())
        .unwrap()
}

fn cohort(
    s: &mut Store,
    org: Id<Organisation>,
    grade: SkillGrade,
    start: NaiveDate,
    end: NaiveDate,
) -> Id<Cohort> {
    s.insert(Cohort {
        org,
        name: format!("{start} {grade:?}"),
        package: None,
        programme: Programme::Enterprise10000,
        mode: TrainingMode::PartTime,
        occupation: "6-18-02-04".into(),
        target_grade: grade,
        start_date: start,
        end_date: end,
        facility: None,
    })
    .unwrap()
}

fn enrol(s: &mut Store, cohort: Id<Cohort>, person: Id<Person>, done: Option<(NaiveDate, AssessmentResult)>) {
    s.insert(Enrolment {
        cohort,
        person,
        enrolled_on: s.get(cohort).unwrap().record.start_date,
        status: if done.is_some() {
            EnrolmentStatus::Completed
        } else {
            EnrolmentStatus::Enrolled
        },
        completed_on: done.map(|(d, _)| d),
        result: done.map(|(_, r)| r),
        qualification: None,
    })
    .unwrap();
}

#[test]
fn high_skill_trained_counts_distinct_persons_who_passed_a_high_skill_cohort_in_the_year() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_today(today());
    let base = org(&mut s, OrgKind::TrainingBase, Tier::Region);
    let senior = cohort(&mut s, base, SkillGrade::Senior, d(2025, 3, 1), d(2025, 6, 30));
    let technician = cohort(
        &mut s,
        base,
        SkillGrade::Technician,
        d(2025, 9, 1),
        d(2025, 12, 20),
    );
    let intermediate = cohort(
        &mut s,
        base,
        SkillGrade::Intermediate,
        d(2025, 3, 1),
        d(2025, 6, 30),
    );
    let spanning = cohort(&mut s, base, SkillGrade::Senior, d(2024, 11, 1), d(2025, 1, 31));
    let a = person(&mut s, "甲", "19900307");
    let b = person(&mut s, "乙", "19850615");
    let c = person(&mut s, "丙", "20010920");
    let passed = |y, m, day| Some((d(y, m, day), AssessmentResult::Passed));
    enrol(&mut s, senior, a, passed(2025, 6, 30));
    enrol(&mut s, technician, a, passed(2025, 12, 20)); // the same person twice: counted once
    enrol(
        &mut s,
        senior,
        b,
        Some((d(2025, 6, 30), AssessmentResult::Failed)),
    );
    enrol(&mut s, intermediate, c, passed(2025, 6, 30)); // not a high-skill grade
    enrol(&mut s, spanning, b, passed(2025, 1, 31)); // passed in 2025: counts for 2025
    s.insert(CapacityDeclaration {
        org: base,
        year: 2025,
        high_skill_per_year: 4,
        public_service_per_year: 200,
        note: None,
    })
    .unwrap();
    for (date, n) in [(d(2025, 5, 1), 30), (d(2025, 8, 1), 50), (d(2024, 12, 31), 999)] {
        s.insert(PublicService {
            org: base,
            date,
            recipient: "包头北方重工集团有限公司".into(),
            recipient_type: RecipientType::Enterprise,
            person_times: n,
            hours: 8.0,
            content: "焊接实训".into(),
            facility: None,
        })
        .unwrap();
    }

    let r = annual(&s, base, 2025);
    let trained = &r.indicators[0];
    assert_eq!(trained.key, "high_skill_trained");
    assert_eq!(trained.value, 2, "甲 once and 乙 from the spanning cohort");
    assert_eq!(trained.target, Some(500));
    assert_eq!(trained.met, Some(false));
    let services = &r.indicators[1];
    assert_eq!(services.value, 80, "person-times dated in 2025 only");
    assert_eq!(services.target, Some(800));
    assert_eq!(r.capacity[0].declared, Some(4));
    assert_eq!(r.capacity[0].utilisation_percent, Some(50.0));
    assert_eq!(r.capacity[1].utilisation_percent, Some(40.0));
    assert_eq!(r.trainees_total.enrolled, 3);
    assert_eq!(r.trainees_total.passed, 3);
    assert_eq!(r.services_by_recipient[0].counts.records, 2);

    // The cohort that ended in January 2025 is also 2024's, where nobody completed yet.
    let r2024 = annual(&s, base, 2024);
    assert_eq!(r2024.indicators[0].value, 0);
    assert_eq!(r2024.indicators[1].value, 999);
    assert_eq!(r2024.indicators[1].met, Some(true));
}

#[test]
fn young_backbones_are_apprentices_completed_in_the_year_aged_35_or_under_at_high_skill() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_today(today());
    let studio = org(&mut s, OrgKind::MasterStudio, Tier::National);
    let master = person(&mut s, "师傅", "19850615");
    let people = [
        (
            "青年合格",
            "19900307",
            ApprenticeshipStatus::Completed,
            d(2025, 6, 1),
            SkillGrade::Senior,
        ), // 35 on completion
        (
            "超龄",
            "19800101",
            ApprenticeshipStatus::Completed,
            d(2025, 6, 1),
            SkillGrade::Technician,
        ),
        (
            "等级不够",
            "20010920",
            ApprenticeshipStatus::Completed,
            d(2025, 6, 1),
            SkillGrade::Intermediate,
        ),
        (
            "去年出师",
            "19950101",
            ApprenticeshipStatus::Completed,
            d(2024, 6, 1),
            SkillGrade::Senior,
        ),
        (
            "终止",
            "19960101",
            ApprenticeshipStatus::Terminated,
            d(2025, 6, 1),
            SkillGrade::Senior,
        ),
    ];
    for (name, id, status, end, grade) in people {
        let p = person(&mut s, name, id);
        s.insert(Apprenticeship {
            studio,
            master,
            apprentice: p,
            occupation: "6-18-02-04".into(),
            agreement_date: Some(d(2023, 3, 1)),
            start_date: d(2023, 3, 1),
            end_date: Some(end),
            grade_at_start: Some(SkillGrade::Intermediate),
            grade_at_end: Some(grade),
            status,
            outcome: None,
        })
        .unwrap();
    }
    let r = annual(&s, studio, 2025);
    assert_eq!(r.indicators.len(), 1);
    assert_eq!(r.indicators[0].key, "young_backbones");
    assert_eq!(r.indicators[0].value, 1);
    assert_eq!(r.indicators[0].target, Some(10));
    assert_eq!(r.apprentices.completed, 3);
    assert_eq!(r.apprentices.terminated, 1);
    assert_eq!(r.apprentices.grade_raised, 2);
    assert_eq!(
        r.apprentices.active, 4,
        "the one completed in 2024 was not active in 2025"
    );
}

#[test]
fn the_national_base_demo_meets_its_targets_and_its_return_is_stable_json() {
    let r = national_base_2025();
    for i in &r.indicators {
        assert_eq!(
            i.met,
            Some(true),
            "{} = {} against {:?}",
            i.key,
            i.value,
            i.target
        );
    }
    assert!(r.trainees_by_occupation.len() > 5);
    assert!(r.certificates_high_skill > 0);
    assert_eq!(r.data_quality.errors, 0);
    assert!(!r.funds.income.is_empty() && !r.funds.expense.is_empty());
    assert_eq!(r.definitions.len(), DEFINITION_KEYS.len());
    let json = serde_json::to_string(&r).unwrap();
    assert!(
        json.starts_with("{\"schema\":\"skillbase.annual-return/1\",\"year\":2025,\"organisation\""),
        "{}",
        &json[..80]
    );
    assert_eq!(json, serde_json::to_string(&national_base_2025()).unwrap());
}

#[test]
fn every_definition_is_written_in_both_languages() {
    for key in DEFINITION_KEYS {
        assert!(!skillbase::i18n::zh::report::definition(key).is_empty(), "{key}");
        assert!(!skillbase::i18n::en::report::definition(key).is_empty(), "{key}");
    }
}

mod printed {
    use super::*;
    use skillbase::fonts::ReportFont;
    use skillbase::report::companion;
    use skillbase::report::layout::Item;
    use skillbase::report::pdf::{self, Status};

    #[test]
    fn every_page_carries_the_verification_code_and_its_number_and_the_figures_are_printed() {
        let r = national_base_2025();
        let json = companion::json(&r);
        let code = companion::verification_code(&json);
        assert_eq!(code.len(), 16);
        let font = ReportFont::get().expect("the embedded font parses");
        let pages = pdf::layout(&r, Status::Final, &code, font);
        assert!(pages.len() >= 3);
        let texts = |p: &skillbase::report::layout::Page| -> Vec<String> {
            p.items
                .iter()
                .filter_map(|i| match i {
                    Item::Text { text, .. } => Some(text.clone()),
                    _ => None,
                })
                .collect()
        };
        for (i, page) in pages.iter().enumerate() {
            let t = texts(page);
            assert!(t.contains(&format!("校验码 {code}")), "page {}", i + 1);
            assert!(
                t.contains(&format!("第 {} 页 共 {} 页", i + 1, pages.len())),
                "page {}",
                i + 1
            );
        }
        let all: Vec<String> = pages.iter().flat_map(texts).collect();
        assert!(
            all.iter()
                .any(|t| t.contains("内蒙古自治区高技能人才培训基地2025年度工作报表"))
        );
        for indicator in &r.indicators {
            assert!(
                all.contains(&format!("{} {}", indicator.value, indicator.unit)),
                "{} not printed",
                indicator.key
            );
        }
        for label in ["填报人：", "负责人：", "单位盖章："] {
            assert!(all.iter().any(|t| t == label), "{label}");
        }
    }

    #[test]
    fn the_pdf_embeds_a_font_subset_and_stays_small() {
        let r = national_base_2025();
        let code = companion::verification_code(&companion::json(&r));
        let bytes = pdf::render(&r, Status::Final, &code).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 300 * 1024, "{} bytes", bytes.len());
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(
            has(b"+NotoSansCJKsc-Regular"),
            "a subset font (its name has a six-letter tag)"
        );
        assert!(has(b"/FontFile3") || has(b"/FontFile2"), "the font is embedded");
    }

    #[test]
    fn the_font_prints_rare_name_characters_and_says_which_it_cannot() {
        let font = ReportFont::get().unwrap();
        for c in ['𠮷', '䶮', '乌', '巴'] {
            assert!(font.covers(c), "{c}");
        }
        assert!(!font.covers('\u{E000}'));
    }

    #[test]
    fn the_xlsx_companion_holds_the_same_figures_one_sheet_per_table() {
        use calamine::{Data, Reader, Xlsx};
        let r = national_base_2025();
        let bytes = companion::xlsx(&r).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        for sheet in [
            "单位情况",
            "政策指标",
            "培训能力",
            "学员_职业等级",
            "取得证书",
            "公共实训",
            "经费",
            "数据质量",
            "口径说明",
        ] {
            assert!(names.iter().any(|n| n == sheet), "{sheet} missing from {names:?}");
        }
        let indicators = book.worksheet_range("政策指标").unwrap();
        for (row, indicator) in indicators.rows().skip(1).zip(&r.indicators) {
            assert_eq!(row[0], Data::String(indicator.label.clone()));
            assert_eq!(row[1], Data::Float(indicator.value as f64));
        }
        let occupations = book.worksheet_range("学员_职业等级").unwrap();
        assert_eq!(occupations.rows().count(), r.trainees_by_occupation.len() + 1);
    }
}

mod command {
    use super::common::skillbase;

    #[test]
    fn return_writes_the_three_files_and_final_is_refused_when_there_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("studio.sqlite");
        let db_arg = db.to_str().unwrap();
        assert_eq!(
            skillbase(&["demo", "--db", db_arg, "--profile", "studio"])
                .status
                .code(),
            Some(0)
        );
        let out = dir.path().join("2024");
        let o = skillbase(&[
            "return",
            "--db",
            db_arg,
            "--year",
            "2024",
            "--out",
            out.to_str().unwrap(),
            "--final",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        for f in ["return.pdf", "return.json", "return.xlsx"] {
            assert!(out.join(f).metadata().unwrap().len() > 1000, "{f}");
        }
        let json = std::fs::read_to_string(out.join("return.json")).unwrap();
        let code = skillbase::report::companion::verification_code(&json);
        assert!(String::from_utf8_lossy(&o.stdout).contains(&code));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["indicators"][0]["key"], "young_backbones");

        // Break a record: the final return is refused and nothing is written.
        {
            let c = rusqlite::Connection::open(&db).unwrap();
            c.execute("UPDATE organisation SET tier = NULL", []).unwrap();
        }
        let refused = dir.path().join("refused");
        let o = skillbase(&[
            "return",
            "--db",
            db_arg,
            "--year",
            "2024",
            "--out",
            refused.to_str().unwrap(),
            "--final",
        ]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("skillbase check"),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!refused.exists());
        // A draft can still be made to look at.
        let draft = dir.path().join("draft");
        assert_eq!(
            skillbase(&[
                "return",
                "--db",
                db_arg,
                "--year",
                "2024",
                "--out",
                draft.to_str().unwrap()
            ])
            .status
            .code(),
            Some(0)
        );
        assert!(draft.join("return.pdf").exists());
    }
}

mod submission {
    use super::*;
    use skillbase::report::{companion, correction};

    #[test]
    fn an_edit_after_submission_is_named_and_the_next_return_lists_what_changed() {
        let mut s = Store::open_in_memory().unwrap();
        s.set_today(today());
        let base = org(&mut s, OrgKind::TrainingBase, Tier::Region);
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
        let submitted = annual(&s, base, 2025);
        let json = companion::json(&submitted);
        let record = s
            .record_submission(base, 2025, &json, &companion::verification_code(&json))
            .unwrap();
        assert_eq!(
            s.latest_submission(base, 2025).unwrap().unwrap().verification,
            record.verification
        );
        assert!(s.latest_submission(base, 2024).unwrap().is_none());
        let data = s.load_year(base, 2025).unwrap();
        assert!(correction::changed_since(&data, &record).is_empty());

        // A correction after submission: 30 person-times were really 45.
        let mut fixed = s.get(service).unwrap().record;
        fixed.person_times = 45;
        s.update(service, fixed).unwrap();
        let data = s.load_year(base, 2025).unwrap();
        let changed = correction::changed_since(&data, &record);
        assert_eq!(changed.len(), 1);
        assert!(changed[0].record.contains("包头北方重工集团有限公司"));

        let now = annual(&s, base, 2025);
        let c = correction::compare(&record, &now);
        assert_eq!(c.corrects, record.verification);
        let change = c
            .changes
            .iter()
            .find(|x| x.item == "年公共实训服务")
            .expect("the indicator is listed");
        assert_eq!(
            (change.submitted.as_str(), change.corrected.as_str()),
            ("30 人次", "45 人次")
        );
        assert!(
            !c.changes.iter().any(|x| x.item == "在训学员（人）"),
            "unchanged figures are not listed"
        );
    }
}

#[test]
fn a_certificate_counts_in_the_year_it_was_issued_for_the_cohort_it_was_gained_in() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_today(today());
    let base = org(&mut s, OrgKind::TrainingBase, Tier::Region);
    let other = org(&mut s, OrgKind::TrainingBase, Tier::Region);
    // A cohort of November and December 2024, its certificate issued in January 2025.
    let winter = cohort(&mut s, base, SkillGrade::Senior, d(2024, 11, 1), d(2024, 12, 20));
    let p = person(&mut s, "张三", "19900307");
    enrol(
        &mut s,
        winter,
        p,
        Some((d(2024, 12, 20), AssessmentResult::Passed)),
    );
    let e = s.list::<Enrolment>(&Default::default()).unwrap()[0].id;
    s.insert(Qualification {
        person: p,
        occupation: "6-18-02-04".into(),
        work_type: None,
        grade: SkillGrade::Senior,
        cert_type: CertType::SkillLevel,
        cert_number: None,
        issued_on: d(2025, 1, 15),
        issuer: None,
        enrolment: Some(e),
    })
    .unwrap();
    // The same person's certificate gained in another base's cohort counts there.
    let theirs = cohort(
        &mut s,
        other,
        SkillGrade::Technician,
        d(2025, 3, 1),
        d(2025, 6, 30),
    );
    enrol(
        &mut s,
        theirs,
        p,
        Some((d(2025, 6, 30), AssessmentResult::Passed)),
    );
    let e2 = s
        .list::<Enrolment>(&Default::default())
        .unwrap()
        .into_iter()
        .find(|x| x.record.cohort == theirs)
        .unwrap()
        .id;
    s.insert(Qualification {
        person: p,
        occupation: "6-18-02-04".into(),
        work_type: None,
        grade: SkillGrade::Technician,
        cert_type: CertType::SkillLevel,
        cert_number: None,
        issued_on: d(2025, 8, 1),
        issuer: None,
        enrolment: Some(e2),
    })
    .unwrap();
    let y2024 = annual(&s, base, 2024);
    assert_eq!(y2024.certificates_high_skill, 0, "not issued in 2024");
    assert_eq!(y2024.trainees_total.passed, 1, "passed in 2024");
    let y2025 = annual(&s, base, 2025);
    assert_eq!(
        y2025.certificates_high_skill, 1,
        "issued in 2025, though the cohort ran in 2024"
    );
    assert_eq!(
        y2025.trainees_total.enrolled, 0,
        "nobody trained by the base in 2025"
    );
    assert_eq!(
        y2025
            .certificates_by_grade
            .iter()
            .map(|g| (g.key.as_str(), g.count))
            .collect::<Vec<_>>(),
        [("senior", 1)]
    );
    assert_eq!(annual(&s, other, 2025).certificates_high_skill, 1);
    let text = skillbase::i18n::zh::report::definition("certificates");
    assert!(
        text.contains("不论该班次哪一年举办") && text.contains("计入次年"),
        "{text}"
    );
}
