//! The return's figures follow their written definitions: distinct persons where it says
//! persons, person-times where it says person-times, dates inside the year only.

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

use crate::common::{d, today};

fn annual(store: &Store, org: Id<Organisation>, year: i32) -> AnnualReturn {
    let (data, findings) = skillbase::rules::check_year(store, org, year).unwrap();
    report::compute(&data, &findings)
}

/// The national-base demo's base and its 2025 return.
/// The indicator of `key` measured on `basis`.
fn row<'a>(r: &'a AnnualReturn, key: &str, basis: &str) -> &'a skillbase::report::figures::Indicator {
    r.indicators
        .iter()
        .find(|i| i.key == key && i.basis == basis)
        .unwrap_or_else(|| panic!("no {key} on {basis}"))
}

fn national_base_2025() -> AnnualReturn {
    let (_dir, mut s) = crate::common::national_base();
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
        theory_hours: None,
        practice_hours: None,
        surveyed: None,
        satisfied: None,
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
        attended_hours: None,
        training_subsidy: None,
        evaluation_subsidy: None,
        living_subsidy: None,
        voucher_number: None,
        destination: None,
        destination_on: None,
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
    // The 2015 plan judges a region-level base on its declared capacity and on what it
    // delivered, each against 500 trained and 800 person-times.
    assert_eq!(r.indicator_set.as_ref().unwrap().name, "内蒙古 2015 实施方案");
    let trained = row(&r, "high_skill_trained", "delivered");
    assert_eq!(
        trained.value,
        Some(2.0),
        "甲 once and 乙 from the spanning cohort"
    );
    assert_eq!((trained.threshold, trained.comparison), (500.0, "≥"));
    assert_eq!(trained.met, Some(false));
    let declared = row(&r, "high_skill_trained", "capacity");
    assert_eq!((declared.value, declared.met), (Some(4.0), Some(false)));
    let services = row(&r, "public_service_person_times", "delivered");
    assert_eq!(services.value, Some(80.0), "person-times dated in 2025 only");
    assert_eq!(services.threshold, 800.0);
    assert_eq!(r.indicators.len(), 4);
    assert_eq!(r.capacity[0].declared, Some(4));
    assert_eq!(r.capacity[0].utilisation_percent, Some(50.0));
    assert_eq!(r.capacity[1].utilisation_percent, Some(40.0));
    assert_eq!(r.trainees_total.enrolled, 3);
    assert_eq!(r.trainees_total.passed, 3);
    assert_eq!(r.services_by_recipient[0].counts.records, 2);

    // The cohort that ended in January 2025 is also 2024's, where nobody completed yet.
    let r2024 = annual(&s, base, 2024);
    assert_eq!(row(&r2024, "high_skill_trained", "delivered").value, Some(0.0));
    let services = row(&r2024, "public_service_person_times", "delivered");
    assert_eq!((services.value, services.met), (Some(999.0), Some(true)));
    // No capacity declared for 2024: not judged, never met.
    let undeclared = row(&r2024, "public_service_person_times", "capacity");
    assert_eq!((undeclared.value, undeclared.met), (None, None));
    assert_eq!(undeclared.value_cell().shown(), "未申报");
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
    // The plan's 年均: the yearly average over its three years (2023–2025, the studio
    // approved before), of which 2025 gave one.
    assert_eq!(r.indicators.len(), 1);
    let young = row(&r, "young_backbones", "average_period");
    assert_eq!(young.threshold, 10.0);
    assert_eq!(young.over_years.as_deref(), Some("2023–2025"));
    assert_eq!(r.apprentices.young_backbones, 1);
    assert_eq!(r.apprentices.completed, 3);
    assert_eq!(r.apprentices.terminated, 1);
    assert_eq!(r.apprentices.grade_raised, 2);
    assert_eq!(
        r.apprentices.active, 4,
        "the one completed in 2024 was not active in 2025"
    );
}

/// A 盟市级 base, and a year before any set: the return says no set is in force and
/// judges nothing, rather than inventing thresholds.
#[test]
fn a_year_with_no_set_in_force_says_so_and_judges_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_today(today());
    let league = org(&mut s, OrgKind::TrainingBase, Tier::League);
    let region = org(&mut s, OrgKind::TrainingBase, Tier::Region);
    for (org, year) in [(league, 2025), (region, 2014)] {
        let b = report::build(&s, org, year, false).unwrap();
        assert_eq!(b.annual.indicator_set, None);
        assert!(b.annual.indicators.is_empty());
        let section = b
            .document
            .sections
            .iter()
            .find(|s| s.key == "indicators")
            .unwrap();
        let remark = section.remarks.join("");
        assert!(
            remark.contains("无适用于") && remark.contains("不作达标判定"),
            "{remark}"
        );
        let v: serde_json::Value = serde_json::from_str(&b.json).unwrap();
        assert!(v["indicator_set"].is_null());
    }
}

#[test]
fn the_national_base_demo_meets_its_targets_and_its_return_is_stable_json() {
    let r = national_base_2025();
    // Judged by the built-in 2015 plan, on declared capacity and on delivery alike.
    assert_eq!(r.indicator_set.as_ref().unwrap().name, "内蒙古 2015 实施方案");
    for key in ["high_skill_trained", "public_service_person_times"] {
        let threshold = if key == "high_skill_trained" {
            1000.0
        } else {
            1500.0
        };
        for basis in ["capacity", "delivered"] {
            assert_eq!(row(&r, key, basis).threshold, threshold, "{key} {basis}");
        }
    }
    for i in &r.indicators {
        assert_eq!(
            i.met,
            Some(true),
            "{} ({}) = {:?} against {}",
            i.key,
            i.basis,
            i.value,
            i.threshold_shown()
        );
    }
    assert!(r.trainees_by_occupation.len() > 5);
    assert!(r.certificates_high_skill > 0);
    assert_eq!(r.data_quality.errors, 0);
    assert!(!r.funds.income.is_empty() && !r.funds.expense.is_empty());
    assert_eq!(r.definitions.len(), DEFINITION_KEYS.len());
    let json = serde_json::to_string(&r).unwrap();
    assert!(
        json.starts_with("{\"schema\":\"skillbase.annual-return/3\",\"year\":2025,\"organisation\""),
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

/// The national-base demo's 2025 return, made as a draft and as a final return at the
/// same moment (made once for the tests that look at it).
struct NationalBase {
    draft: report::Built,
    final_: report::Built,
}

fn made_at() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-23T10:30:00+08:00").unwrap()
}

static NATIONAL: std::sync::LazyLock<NationalBase> = std::sync::LazyLock::new(|| {
    let (_dir, mut s) = crate::common::national_base();
    s.set_today(today());
    let base = s.resolve_reporting_organisation(None).unwrap();
    let make = |final_return| {
        report::make::build_with(
            &s,
            base.id,
            2025,
            report::make::Options {
                final_return,
                now: made_at(),
            },
        )
        .unwrap()
    };
    NationalBase {
        draft: make(false),
        final_: make(true),
    }
});

/// Every text on a page, in order.
fn texts(p: &skillbase::report::layout::Page) -> Vec<String> {
    p.items
        .iter()
        .filter_map(|i| match i {
            skillbase::report::layout::Item::Text { text, .. }
            | skillbase::report::layout::Item::Stamp { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

mod printed {
    use super::*;
    use skillbase::fonts::ReportFont;
    use skillbase::report::companion;
    use skillbase::report::layout::Item;
    use skillbase::report::pdf;

    #[test]
    fn every_page_carries_the_verification_code_and_its_number_and_the_figures_are_printed() {
        let b = &NATIONAL.final_;
        assert_eq!(b.code, companion::verification_code(&b.json));
        assert_eq!(b.code.len(), 16);
        let font = ReportFont::get().expect("the embedded font parses");
        let pages = pdf::layout(&b.document, &b.code, font);
        assert!(pages.len() >= 3);
        for (i, page) in pages.iter().enumerate() {
            let t = texts(page);
            assert!(t.contains(&format!("校验码 {}", b.code)), "page {}", i + 1);
            assert!(
                t.contains(&format!("第 {} 页 共 {} 页", i + 1, pages.len())),
                "page {}",
                i + 1
            );
            assert!(t.contains(&b.annual.organisation.name), "page {}", i + 1);
            assert!(t.contains(&"2025年度报表 · 正式".to_string()), "page {}", i + 1);
            assert!(
                !page.items.iter().any(|i| matches!(i, Item::Stamp { .. })),
                "no watermark on a final return"
            );
        }
        let all: Vec<String> = pages.iter().flat_map(texts).collect();
        assert!(
            all.iter()
                .any(|t| t.contains("内蒙古自治区高技能人才培训基地2025年度工作报表"))
        );
        for indicator in &b.annual.indicators {
            let shown = indicator.value_cell().shown();
            assert!(all.contains(&shown), "{} not printed", indicator.id());
            assert!(
                all.contains(&indicator.threshold_shown()),
                "{} threshold not printed",
                indicator.id()
            );
        }
        for label in ["填报人：", "负责人：", "单位盖章："] {
            assert!(all.iter().any(|t| t == label), "{label}");
        }
    }

    #[test]
    fn a_draft_and_a_final_return_differ_in_their_data_and_code_and_every_draft_page_says_so() {
        let (draft, fin) = (&NATIONAL.draft, &NATIONAL.final_);
        assert_ne!(draft.json, fin.json);
        assert_ne!(draft.code, fin.code);
        let d: serde_json::Value = serde_json::from_str(&draft.json).unwrap();
        let f: serde_json::Value = serde_json::from_str(&fin.json).unwrap();
        assert_eq!(d["document"]["status"], "draft");
        assert_eq!(d["document"]["status_label"], "草稿");
        assert_eq!(f["document"]["status"], "final");
        assert_eq!(f["document"]["generated_at"], "2026-11-23T10:30:00+08:00");
        assert_eq!(f["document"]["year_ended"], true);
        // The set judged by is part of the data the code covers.
        assert_eq!(
            f["indicator_set"]["id"],
            skillbase::domain::indicators::DEFAULT_2015_ID
        );
        assert_eq!(f["indicator_set"]["name"], "内蒙古 2015 实施方案");
        assert!(
            f["indicator_set"]["document"]
                .as_str()
                .unwrap()
                .contains("2015年2月")
        );
        assert_eq!(f["app_version"], skillbase::APP_VERSION);
        let font = ReportFont::get().unwrap();
        let pages = pdf::layout(&draft.document, &draft.code, font);
        for (i, page) in pages.iter().enumerate() {
            let stamped = page
                .items
                .iter()
                .any(|it| matches!(it, Item::Stamp { text, .. } if text == "草稿"));
            assert!(stamped, "page {} has the 草稿 watermark", i + 1);
            let t = texts(page);
            assert!(t.contains(&"2025年度报表 · 草稿".to_string()), "page {}", i + 1);
            assert!(t.contains(&draft.annual.organisation.name), "page {}", i + 1);
        }
    }

    #[test]
    fn the_pdf_embeds_a_font_subset_says_when_it_was_made_and_claims_no_standard() {
        let b = &NATIONAL.final_;
        let bytes = &b.pdf;
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 300 * 1024, "{} bytes", bytes.len());
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(
            has(b"+NotoSansCJKsc-Regular"),
            "a subset font (its name has a six-letter tag)"
        );
        assert!(has(b"/FontFile3") || has(b"/FontFile2"), "the font is embedded");
        // The font's name, wherever it is written (the font, its descendant, its
        // descriptor), is the same, and carries one tag of six capital letters: the
        // embedded face is the cut one, made for the characters printed.
        fn font_names(object: &lopdf::Object, names: &mut Vec<String>) {
            match object {
                lopdf::Object::Dictionary(dict) => {
                    for (key, value) in dict.iter() {
                        match value {
                            lopdf::Object::Name(n) if key == b"BaseFont" || key == b"FontName" => {
                                names.push(String::from_utf8(n.clone()).unwrap())
                            }
                            other => font_names(other, names),
                        }
                    }
                }
                lopdf::Object::Array(items) => items.iter().for_each(|i| font_names(i, names)),
                _ => {}
            }
        }
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        let mut names = Vec::new();
        for object in doc.objects.values() {
            font_names(object, &mut names);
        }
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.iter().all(|n| n == &names[0]), "{names:?}");
        let (tag, face) = names[0].split_once('+').unwrap();
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{tag}"
        );
        assert_eq!(face, "NotoSansCJKsc-Regular");
        assert!(!has(b"GTS_PDFX") && !has(b"PDF/A"), "no standard claimed");
        assert!(has(b"D:20261123023000"), "the creation time (UTC)");
        assert_eq!(pdf::read_code(bytes).as_deref(), Some(b.code.as_str()));
    }

    #[test]
    fn the_font_prints_rare_name_characters_and_says_which_it_cannot() {
        let font = ReportFont::get().unwrap();
        for c in ['𠮷', '䶮', '乌', '巴'] {
            assert!(font.covers(c), "{c}");
        }
        assert!(!font.covers('\u{E000}'));
    }

    /// A cell as the XLSX holds it, as the PDF prints it.
    fn shown(cell: &calamine::Data) -> String {
        use calamine::Data;
        match cell {
            Data::String(s) => s.clone(),
            Data::Float(f) => format!("{f}"),
            Data::Int(i) => i.to_string(),
            Data::Empty => String::new(),
            other => other.to_string(),
        }
    }

    #[test]
    fn every_figure_the_pdf_shows_is_in_the_xlsx_and_the_json() {
        use calamine::{Reader, Xlsx};
        let b = &NATIONAL.final_;
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(b.xlsx.clone())).unwrap();
        let names = book.sheet_names();
        assert_eq!(names[0], "报表信息");
        assert_eq!(names.last().unwrap(), "口径说明");
        let info = book.worksheet_range("报表信息").unwrap();
        assert!(
            info.rows()
                .any(|r| r.len() > 1 && shown(&r[0]) == "校验码" && shown(&r[1]) == b.code)
        );
        let json: serde_json::Value = serde_json::from_str(&b.json).unwrap();
        let mut checked = 0;
        for (n, section) in b.document.sections.iter().enumerate() {
            let sheet = book.worksheet_range(&names[n + 1]).unwrap();
            let cells: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(shown)).collect();
            let json_rows: Vec<Vec<String>> = json["sections"][n]["tables"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|t| t["rows"].as_array().unwrap().clone())
                .map(|r| serde_json::from_value(r["cells"].clone()).unwrap())
                .collect();
            let rows: Vec<&skillbase::report::model::Row> =
                section.tables.iter().flat_map(|t| &t.rows).collect();
            assert_eq!(rows.len(), json_rows.len(), "{}", section.title);
            for (row, json_row) in rows.iter().zip(&json_rows) {
                for (v, j) in row.cells.iter().zip(json_row) {
                    let printed = v.shown();
                    assert_eq!(&printed, j, "{}", section.title);
                    if printed.is_empty() {
                        continue;
                    }
                    let plain = printed.replace(',', "");
                    let as_number = plain.parse::<f64>().ok();
                    let found = cells.iter().any(|c| {
                        c == &printed
                            || c.starts_with(&printed)
                            || as_number.is_some_and(|x| c.parse::<f64>().is_ok_and(|y| (x - y).abs() < 1e-9))
                    });
                    assert!(found, "{}: {printed} not in the XLSX", section.title);
                    checked += 1;
                }
            }
        }
        assert!(checked > 200, "{checked}");
    }

    #[test]
    fn a_base_lists_its_hosted_studio_and_prints_no_apprentice_table_of_its_own() {
        let b = &NATIONAL.final_;
        let keys: Vec<&str> = b.document.sections.iter().map(|s| s.key.as_str()).collect();
        assert!(keys.contains(&"hosted_studios"), "{keys:?}");
        assert!(
            !keys.contains(&"apprentices") && !keys.contains(&"agreements"),
            "{keys:?}"
        );
        let hosted = &b.document.sections[keys.iter().position(|k| *k == "hosted_studios").unwrap()];
        let row = &hosted.tables[0].rows[0];
        assert!(row.cells[0].shown().contains("工作室"));
        assert!(
            row.cells.last().unwrap().shown().contains("上报"),
            "points to the studio's own return"
        );
        // Numbered without gaps.
        let numbers: Vec<&str> = b.document.sections.iter().map(|s| s.number.as_str()).collect();
        assert_eq!(numbers[..3], ["一", "二", "三"]);
        assert_eq!(
            numbers.last().unwrap(),
            &skillbase::report::model::chinese_number(numbers.len())
        );
        let notes: Vec<&str> = b.document.notes.iter().map(|n| n.key.as_str()).collect();
        assert!(
            !notes.contains(&"young_backbones") && !notes.contains(&"agreements"),
            "{notes:?}"
        );
    }
}

mod shapes {
    //! A studio's return and an empty year's.

    use super::*;
    use skillbase::fonts::ReportFont;
    use skillbase::report::pdf;

    #[test]
    fn a_studio_return_has_the_studio_sections_numbered_without_gaps_and_only_its_own_notes() {
        let mut s = Store::open_in_memory().unwrap();
        demo::generate(&mut s, Profile::Studio, 1, &Silent).unwrap();
        s.set_today(today());
        let studio = s.resolve_reporting_organisation(None).unwrap();
        let b = report::make::build_with(
            &s,
            studio.id,
            2025,
            report::make::Options {
                final_return: true,
                now: made_at(),
            },
        )
        .unwrap();
        let keys: Vec<&str> = b.document.sections.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(
            keys[..5],
            [
                "organisation",
                "indicators",
                "apprentices",
                "agreements",
                "achievements"
            ],
            "{keys:?}"
        );
        for base_only in [
            "capacity",
            "trainees",
            "certificates",
            "services",
            "hosted_studios",
        ] {
            assert!(!keys.contains(&base_only), "{base_only} in {keys:?}");
        }
        for (i, section) in b.document.sections.iter().enumerate() {
            assert_eq!(section.number, skillbase::report::model::chinese_number(i + 1));
        }
        let notes: Vec<&str> = b.document.notes.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(notes[0], "young_backbones");
        for base_only in ["high_skill_trained", "capacity", "trainees", "services"] {
            assert!(!notes.contains(&base_only), "{base_only} in {notes:?}");
        }
        let numbers: Vec<usize> = b.document.notes.iter().map(|n| n.number).collect();
        assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
        // Every agreement of the year is listed, and the young backbones among them agree
        // with the indicator.
        let agreements = &b.document.sections[3].tables[0];
        assert!(agreements.rows.len() >= b.annual.apprentices.active as usize);
        let young = agreements
            .rows
            .iter()
            .filter(|r| r.cells.last().unwrap().shown() == "是")
            .count();
        assert!(young as u64 >= b.annual.apprentices.young_backbones);
    }

    #[test]
    fn a_table_without_rows_says_so_instead_of_printing_a_bare_header() {
        let mut s = Store::open_in_memory().unwrap();
        s.set_today(today());
        let base = org(&mut s, OrgKind::TrainingBase, Tier::Region);
        let b = report::build(&s, base, 2025, false).unwrap();
        let font = ReportFont::get().unwrap();
        let all: Vec<String> = pdf::layout(&b.document, &b.code, font)
            .iter()
            .flat_map(texts)
            .collect();
        assert!(
            all.iter().filter(|t| *t == "本年度无记录").count() >= 4,
            "{all:?}"
        );
        for header in ["职业代码", "服务对象类型（", "竞赛级别"] {
            assert!(
                !all.iter().any(|t| t.starts_with(header)),
                "{header} printed over no rows"
            );
        }
    }
}

mod status {
    //! When a final return may be made (a draft always may).

    use super::*;
    use skillbase::report::status::FinalRefusal;

    #[test]
    fn a_final_return_is_refused_for_an_unfinished_a_future_and_a_pre_approval_year() {
        let mut s = Store::open_in_memory().unwrap();
        s.set_today(today());
        let base = org(&mut s, OrgKind::TrainingBase, Tier::Region);
        let mut o = s.get(base).unwrap().record;
        o.approval_year = Some(2019);
        s.update(base, o).unwrap();
        let refused = |year| match report::build(&s, base, year, true) {
            Err(report::BuildError::Refused(why)) => why,
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("a final return of {year} was made"),
        };
        assert_eq!(refused(2026), FinalRefusal::YearNotEnded { year: 2026 });
        assert_eq!(
            refused(2030),
            FinalRefusal::FutureYear {
                year: 2030,
                today: 2026
            }
        );
        assert_eq!(
            refused(2010),
            FinalRefusal::BeforeApproval {
                year: 2010,
                approval_year: 2019
            }
        );
        for year in [2010, 2026, 2030] {
            assert!(report::build(&s, base, year, false).is_ok(), "a draft of {year}");
        }
        let draft = report::build(&s, base, 2026, false).unwrap();
        assert!(!draft.info.year_ended);
        assert!(draft.document.subtitle[1].contains("报告年度尚未结束"));
        assert!(report::build(&s, base, 2025, true).is_ok());
    }
}

mod command {
    use crate::common::skillbase;
    use std::path::Path;

    fn stderr(o: &std::process::Output) -> String {
        String::from_utf8_lossy(&o.stderr).to_string()
    }

    fn make(db: &str, year: &str, out: &Path, final_return: bool) -> std::process::Output {
        let mut args = vec![
            "return",
            "--db",
            db,
            "--year",
            year,
            "--out",
            out.to_str().unwrap(),
        ];
        if final_return {
            args.push("--final");
        }
        skillbase(&args)
    }

    #[test]
    fn return_writes_the_three_files_and_final_is_refused_when_it_cannot_be_final() {
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
        let o = make(db_arg, "2024", &out, true);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        for f in ["return.pdf", "return.json", "return.xlsx"] {
            assert!(out.join(f).metadata().unwrap().len() > 1000, "{f}");
        }
        let json = std::fs::read_to_string(out.join("return.json")).unwrap();
        let code = skillbase::report::companion::verification_code(&json);
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(stdout.contains(&code) && stdout.contains("正式报表"), "{stdout}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["indicators"][0]["key"], "young_backbones");
        assert_eq!(v["document"]["status"], "final");

        // Years that cannot have a final return yet: refused, nothing written, and why.
        let this_year = chrono::Local::now().format("%Y").to_string();
        for (year, why) in [
            ("2030", "还没有到来"),
            (this_year.as_str(), "尚未结束"),
            ("2010", "获批"),
        ] {
            let refused = dir.path().join(format!("refused-{year}"));
            let o = make(db_arg, year, &refused, true);
            assert_eq!(o.status.code(), Some(2), "{year}: {}", stderr(&o));
            assert!(stderr(&o).contains(why), "{year}: {}", stderr(&o));
            assert!(!refused.exists(), "{year}: nothing written");
            // A draft of the same year can be made.
            let draft = dir.path().join(format!("draft-{year}"));
            assert_eq!(make(db_arg, year, &draft, false).status.code(), Some(0), "{year}");
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(draft.join("return.json")).unwrap()).unwrap();
            assert_eq!(v["document"]["status"], "draft");
        }

        // Break a record: the final return is refused and nothing is written.
        {
            let c = rusqlite::Connection::open(&db).unwrap();
            c.execute("UPDATE organisation SET tier = NULL", []).unwrap();
        }
        let refused = dir.path().join("refused");
        let o = make(db_arg, "2024", &refused, true);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("skillbase check"), "{}", stderr(&o));
        assert!(!refused.exists());
        let draft = dir.path().join("draft");
        assert_eq!(make(db_arg, "2024", &draft, false).status.code(), Some(0));
        assert!(draft.join("return.pdf").exists());
    }

    #[test]
    fn submit_takes_only_a_final_return_whose_files_agree_and_only_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("studio.sqlite");
        let db_arg = db.to_str().unwrap();
        assert_eq!(
            skillbase(&["demo", "--db", db_arg, "--profile", "studio"])
                .status
                .code(),
            Some(0)
        );
        let submit = |folder: &Path| {
            skillbase(&[
                "submit",
                "--db",
                db_arg,
                "--year",
                "2024",
                folder.to_str().unwrap(),
            ])
        };
        let submissions = || -> i64 {
            rusqlite::Connection::open(&db)
                .unwrap()
                .query_row("SELECT count(*) FROM submission", [], |r| r.get(0))
                .unwrap()
        };
        let draft = dir.path().join("draft");
        assert_eq!(make(db_arg, "2024", &draft, false).status.code(), Some(0));
        let o = submit(&draft);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("草稿"), "{}", stderr(&o));

        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        assert_eq!(make(db_arg, "2024", &a, true).status.code(), Some(0));
        std::thread::sleep(std::time::Duration::from_millis(1100)); // another generation time
        assert_eq!(make(db_arg, "2024", &b, true).status.code(), Some(0));
        let mixed = dir.path().join("mixed");
        std::fs::create_dir(&mixed).unwrap();
        for (from, f) in [(&a, "return.json"), (&b, "return.pdf"), (&a, "return.xlsx")] {
            std::fs::copy(from.join(f), mixed.join(f)).unwrap();
        }
        let o = submit(&mixed);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("return.pdf") && stderr(&o).contains("不一致"),
            "{}",
            stderr(&o)
        );
        assert_eq!(submissions(), 0, "nothing recorded");

        let o = submit(&a);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = submit(&a);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("已于"), "{}", stderr(&o));
        assert_eq!(submissions(), 1);
        // The next final return of the year is the first correction.
        let c = dir.path().join("c");
        let o = make(db_arg, "2024", &c, true);
        assert!(String::from_utf8_lossy(&o.stdout).contains("更正版 1"));
    }
}

mod submission {
    use super::*;
    use skillbase::report::correction;

    #[test]
    fn an_edit_after_submission_is_named_and_the_correction_lists_each_changed_figure_once() {
        let mut s = Store::open_in_memory().unwrap();
        s.set_today(today());
        let base = org(&mut s, OrgKind::TrainingBase, Tier::Region);
        s.insert(CapacityDeclaration {
            org: base,
            year: 2025,
            high_skill_per_year: 4,
            public_service_per_year: 200,
            note: None,
        })
        .unwrap();
        let service = s
            .insert(PublicService {
                org: base,
                date: d(2025, 5, 1),
                recipient: "包头北方重工集团有限公司".into(),
                recipient_type: RecipientType::Enterprise,
                person_times: 30,
                hours: 8.25,
                content: "焊接实训".into(),
                facility: None,
            })
            .unwrap();
        let first = report::build(&s, base, 2025, true).unwrap();
        let record = s.record_submission(base, 2025, &first.json, &first.code).unwrap();
        assert_eq!(
            s.latest_submission(base, 2025).unwrap().unwrap().verification,
            first.code
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

        let second = report::build(&s, base, 2025, true).unwrap();
        assert_eq!(second.status, skillbase::report::pdf::Status::Correction);
        assert_eq!(second.info.status_label, "更正版 1");
        let c = second.annual.correction.as_ref().unwrap();
        assert_eq!(c.corrects, record.verification);
        let items: Vec<&str> = c.changes.iter().map(|x| x.item.as_str()).collect();
        // The indicator once: not again as the capacity's delivered figure or the services'
        // total, which restate it; the enterprises' row is a figure of its own.
        assert_eq!(
            items,
            [
                "政策指标完成情况：年公共实训服务 年度实际完成，申报/实际（人次）",
                "培训能力与利用率：年公共实训服务能力，利用率（%）",
                "公共实训服务：企业，服务人次（人次）",
            ]
        );
        assert_eq!(
            (c.changes[0].submitted.as_str(), c.changes[0].corrected.as_str()),
            ("30", "45")
        );
        let utilisation = c
            .changes
            .iter()
            .find(|x| x.item.contains("利用率"))
            .expect("the utilisation it changes is listed");
        assert_eq!(
            (utilisation.submitted.as_str(), utilisation.corrected.as_str()),
            ("15.0", "22.5")
        );
        assert!(
            !items.iter().any(|i| i.contains("在训")),
            "unchanged figures are not listed: {items:?}"
        );
        // The hours were rounded once: the PDF's figure is the JSON's.
        let v: serde_json::Value = serde_json::from_str(&second.json).unwrap();
        assert_eq!(v["services_by_recipient"][0]["hours"], 8.3);
        let services = second
            .document
            .sections
            .iter()
            .find(|s| s.key == "services")
            .unwrap();
        assert_eq!(services.tables[0].rows[0].cells[3].shown(), "8.3");
    }

    #[test]
    fn a_correction_against_a_return_made_before_returns_held_their_sections() {
        let mut s = Store::open_in_memory().unwrap();
        s.set_today(today());
        let base = org(&mut s, OrgKind::TrainingBase, Tier::Region);
        // What version 1 of the JSON held: the figures without sections.
        let old = serde_json::json!({
            "schema": "skillbase.annual-return/1",
            "indicators": [
                {"key": "high_skill_trained", "label": "年培训高技能人才", "unit": "人", "value": 0},
                {"key": "public_service_person_times", "label": "年公共实训服务", "unit": "人次", "value": 12}
            ],
            "trainees_total": {"enrolled": 0, "completed": 0, "passed": 0},
            "funds": {"income_total": "0.00", "expense_total": "0.00"}
        })
        .to_string();
        s.record_submission(
            base,
            2025,
            &old,
            &skillbase::report::companion::verification_code(&old),
        )
        .unwrap();
        let b = report::build(&s, base, 2025, true).unwrap();
        let c = b.annual.correction.unwrap();
        assert_eq!(c.changes.len(), 1, "{:?}", c.changes);
        assert_eq!(
            (c.changes[0].submitted.as_str(), c.changes[0].corrected.as_str()),
            ("12", "0")
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
        evaluator: None,
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
        evaluator: None,
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

/// The national-base demo's 2025 return shows what offices are scored on: the quality
/// rates with their counts, attendance, the duration bands, subsidies by kind and the
/// destinations after training, each table with its footnote.
/// A set in force that gives a rate a target: the rate's line shows the target, and the
/// indicator is judged on the rate the records give (met or not, never "not recorded").
#[test]
fn a_rate_target_of_the_set_in_force_is_shown_beside_the_rate_and_judged() {
    use skillbase::domain::indicators::{
        Basis, Comparison, Indicator, IndicatorKey, IndicatorSet, default_label,
    };
    let (_dir, mut s) = crate::common::national_base();
    s.set_today(today());
    let base = s.resolve_reporting_organisation(None).unwrap();
    let (kind, tier) = (base.record.kind, base.record.tier.unwrap());
    let set = s
        .insert(IndicatorSet {
            name: "自治区 2025 绩效目标".into(),
            document: "内人社办发〔2025〕1号".into(),
            issuer: None,
            from_year: 2025,
            to_year: None,
            attendance_floor: None,
            notes: None,
        })
        .unwrap();
    let (zh, en, unit) = default_label(IndicatorKey::PassRate);
    s.insert(Indicator {
        indicator_set: set,
        org_kind: kind,
        tier,
        key: IndicatorKey::PassRate,
        label_zh: zh.into(),
        label_en: en.into(),
        unit: unit.into(),
        threshold: 99.5,
        comparison: Comparison::AtLeast,
        basis: Basis::Rate,
        period_years: None,
    })
    .unwrap();
    let b = report::build(&s, base.id, 2025, false).unwrap();
    let line = b
        .annual
        .training_quality
        .rates
        .iter()
        .find(|r| r.key == "pass_rate")
        .unwrap();
    assert_eq!(line.target_percent, Some(99.5));
    let judged = b.annual.indicators.iter().find(|i| i.key == "pass_rate").unwrap();
    let (value, shown) = (judged.value.unwrap(), line.percent.unwrap());
    assert!(
        (value - shown).abs() < 0.06,
        "the rate judged is the rate shown: {value} / {shown}"
    );
    assert!(value < 99.5, "{judged:?}");
    assert_eq!(judged.met, Some(false));
    // A rate the set gives no target shows none.
    let other = b
        .annual
        .training_quality
        .rates
        .iter()
        .find(|r| r.key == "completion_rate")
        .unwrap();
    assert_eq!(other.target_percent, None);
}

#[test]
fn the_demo_return_shows_quality_rates_attendance_subsidies_destinations_and_duration_bands() {
    let (_dir, mut s) = crate::common::national_base();
    s.set_today(today());
    let base = s.resolve_reporting_organisation(None).unwrap().id;
    let b = report::build(&s, base, 2025, false).unwrap();
    let q = &b.annual.training_quality;
    let keys: Vec<&str> = q.rates.iter().map(|r| r.key).collect();
    assert_eq!(
        keys,
        [
            "completion_rate",
            "pass_rate",
            "certification_rate",
            "satisfaction_rate"
        ]
    );
    for r in &q.rates {
        let p = r.percent.unwrap_or_else(|| panic!("{} measured", r.key));
        assert!(r.denominator > 0 && p > 50.0 && p < 100.0, "{r:?}");
        assert_eq!(r.target_percent, None, "no target is invented");
    }
    assert!(
        q.attendance.percent.is_some_and(|p| p >= 80.0),
        "{:?}",
        q.attendance
    );
    assert!(
        q.duration_bands.iter().filter(|b| b.cohorts > 0).count() >= 2,
        "{:?}",
        q.duration_bands
    );
    assert!(q.subsidies.total_fen > 0 && q.subsidies.trainees > 0);
    assert!(
        q.subsidies.total_fen <= q.subsidies.income_fen,
        "the demo's funds receive what was claimed: no FND01"
    );
    assert!(q.destinations.len() >= 5 && q.followed_up.percent.is_some());
    let notes: Vec<&str> = b.document.notes.iter().map(|n| n.key.as_str()).collect();
    for key in [
        "completion_rate",
        "pass_rate",
        "certification_rate",
        "satisfaction_rate",
        "attendance",
        "duration_bands",
        "subsidies",
        "destinations",
    ] {
        assert!(notes.contains(&key), "{key} has its footnote: {notes:?}");
        use skillbase::report::Words;
        assert!(
            !skillbase::i18n::Lang::En.definition(key).is_empty(),
            "{key} in English"
        );
    }
    assert!(
        !b.findings
            .findings
            .iter()
            .any(|f| matches!(f.rule.id(), "QUA07" | "ENR07" | "FND01")),
        "the demo's certificate numbers, hours and funds raise no warning of their own"
    );
}
