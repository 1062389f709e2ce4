//! Every list value and every field a user sees has a name in both languages.

use skillbase::domain::RecordKind;
use skillbase::i18n::{Labelled, Lang, field_label, label};
use skillbase::store::Store;

fn assert_labelled<T: Labelled + Copy>(all: &[T]) {
    for value in all {
        for lang in [Lang::Zh, Lang::En] {
            assert!(
                label(T::LABEL_KEY, value.code(), lang).is_some(),
                "{} {} has no {lang:?} label",
                T::LABEL_KEY,
                value.code()
            );
        }
    }
}

#[test]
fn every_list_value_has_a_label_in_both_languages() {
    use skillbase::domain::*;
    assert_labelled(RecordKind::ALL);
    assert_labelled(person::EmployerType::ALL);
    assert_labelled(org::OrgKind::ALL);
    assert_labelled(org::Tier::ALL);
    assert_labelled(training::Programme::ALL);
    assert_labelled(training::TrainingMode::ALL);
    assert_labelled(training::CertType::ALL);
    assert_labelled(training::EnrolmentStatus::ALL);
    assert_labelled(training::AssessmentResult::ALL);
    assert_labelled(capacity::RecipientType::ALL);
    assert_labelled(studio::ApprenticeshipStatus::ALL);
    assert_labelled(studio::AchievementKind::ALL);
    assert_labelled(staff::TeacherKind::ALL);
    assert_labelled(honours::CompetitionLevel::ALL);
    assert_labelled(honours::Honour::ALL);
    assert_labelled(funds::FundDirection::ALL);
    assert_labelled(funds::FundCategory::ALL);
}

#[test]
fn every_field_of_every_register_has_a_label_in_both_languages() {
    let store = Store::open_in_memory().unwrap();
    let mut missing = Vec::new();
    for kind in RecordKind::ALL {
        for column in store.columns(*kind).unwrap() {
            if skillbase::store::BOOKKEEPING_COLUMNS.contains(&column.as_str()) {
                continue;
            }
            let field: &'static str = Box::leak(column.into_boxed_str());
            for lang in [Lang::Zh, Lang::En] {
                if field_label(kind.code(), field, lang) == field {
                    missing.push(format!("{lang:?} {}.{field}", kind.code()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "fields without a label: {missing:#?}");
}

#[test]
fn chinese_is_the_default_and_english_is_chosen_by_flag_or_locale() {
    assert_eq!(Lang::default(), Lang::Zh);
    assert_eq!(Lang::detect(Some("en")), Lang::En);
    assert_eq!(Lang::detect(Some("zh-CN")), Lang::Zh);
    assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
}
