//! What each register's form shows: its fields in order, and the kind of input each takes.
//! The generic form (`ui::form`) and the register tables are driven by this description,
//! so a register's screen cannot drift from its record type: a test saves every register
//! through it.

use crate::domain::Labelled;
use crate::domain::RecordKind;
use crate::domain::capacity::RecipientType;
use crate::domain::codes::KeyIndustry;
use crate::domain::funds::{FundCategory, FundDirection};
use crate::domain::grade::SkillGrade;
use crate::domain::honours::{CompetitionLevel, Honour};
use crate::domain::identity::{DocType, Sex};
use crate::domain::org::{OrgKind, Tier};
use crate::domain::person::EmployerType;
use crate::domain::staff::TeacherKind;
use crate::domain::studio::{AchievementKind, ApprenticeshipStatus};
use crate::domain::training::{AssessmentResult, CertType, EnrolmentStatus, Programme, TrainingMode};
use crate::lang::Lang;

/// The values of a closed list, as (storage code, label) pairs.
pub type ChoiceList = fn(Lang) -> Vec<(&'static str, String)>;

/// The kind of input a field takes.
#[derive(Clone, Copy)]
pub enum Input {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A calendar date, typed as `2025-03-01` (also `2025/3/1`, `2025.3.1`, `20250301`).
    Date,
    /// A whole number (hours, counts, a year).
    Int,
    /// A number with decimals (hours, square metres).
    Float,
    /// Yuan with up to two decimals; stored as fen.
    Money,
    /// Yes or no.
    Bool,
    /// One value of a closed list.
    Choice(ChoiceList),
    /// A code from one of the national code tables.
    Code(CodeList),
    /// Another record.
    Ref(RecordKind),
}

/// The national code tables a field can take its value from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeList {
    /// 职业分类大典 (2022) occupations.
    Occupation,
    /// GB/T 3304 ethnic groups.
    Ethnicity,
    /// GB/T 4658 education levels.
    Education,
    /// GB/T 2260 divisions of Inner Mongolia.
    Division,
}

/// One field of a form.
#[derive(Clone, Copy)]
pub struct Field {
    /// The record's field name (and the store's column).
    pub name: &'static str,
    pub input: Input,
    /// Must be filled in (the record type has no `Option` here).
    pub required: bool,
}

const fn req(name: &'static str, input: Input) -> Field {
    Field {
        name,
        input,
        required: true,
    }
}

const fn opt(name: &'static str, input: Input) -> Field {
    Field {
        name,
        input,
        required: false,
    }
}

fn labelled<T: Labelled + Copy>(all: &[T], lang: Lang) -> Vec<(&'static str, String)> {
    all.iter()
        .map(|v| (Labelled::code(v), v.label(lang).to_string()))
        .collect()
}

macro_rules! choices {
    ($t:ty) => {
        Input::Choice(|lang| labelled(<$t>::ALL, lang))
    };
}

fn sexes(lang: Lang) -> Vec<(&'static str, String)> {
    Sex::ALL
        .iter()
        .map(|s| {
            let name = match lang {
                Lang::Zh => s.name_zh(),
                Lang::En => s.name_en(),
            };
            (s.code(), name.to_string())
        })
        .collect()
}

fn doc_types(lang: Lang) -> Vec<(&'static str, String)> {
    DocType::ALL
        .iter()
        .map(|d| {
            let name = match lang {
                Lang::Zh => d.name_zh(),
                Lang::En => d.name_en(),
            };
            (d.code(), name.to_string())
        })
        .collect()
}

fn grades(lang: Lang) -> Vec<(&'static str, String)> {
    SkillGrade::ALL
        .iter()
        .map(|g| {
            let label = match lang {
                Lang::Zh => g.label_zh().to_string(),
                Lang::En => g.label_en(),
            };
            (g.code(), label)
        })
        .collect()
}

fn industries(lang: Lang) -> Vec<(&'static str, String)> {
    KeyIndustry::ALL
        .iter()
        .map(|k| {
            let name = match lang {
                Lang::Zh => k.name_zh(),
                Lang::En => k.name_en(),
            };
            (k.code(), name.to_string())
        })
        .collect()
}

const GRADE: Input = Input::Choice(grades);
const OCCUPATION: Input = Input::Code(CodeList::Occupation);
const PERSON: Input = Input::Ref(RecordKind::Person);
const ORG: Input = Input::Ref(RecordKind::Organisation);

/// The fields of a register's form, in the order they are shown.
pub fn fields(kind: RecordKind) -> Vec<Field> {
    use Input::*;
    match kind {
        RecordKind::Organisation => vec![
            req("name", Text),
            req("kind", choices!(OrgKind)),
            opt("tier", choices!(Tier)),
            opt("credit_code", Text),
            opt("division", Code(CodeList::Division)),
            opt("host", ORG),
            opt("host_unit", Text),
            opt("industry", Choice(industries)),
            opt("approval_doc", Text),
            opt("approval_year", Int),
            opt("master", PERSON),
            opt("contact_name", Text),
            opt("contact_phone", Text),
            opt("address", Text),
        ],
        RecordKind::Person => vec![
            req("name", Text),
            req("doc_type", Choice(doc_types)),
            req("doc_number", Text),
            req("sex", Choice(sexes)),
            req("birth_date", Date),
            opt("ethnicity", Code(CodeList::Ethnicity)),
            opt("education", Code(CodeList::Education)),
            opt("phone", Text),
            opt("employer", Text),
            opt("employer_type", choices!(EmployerType)),
            opt("division", Code(CodeList::Division)),
            opt("notes", LongText),
        ],
        RecordKind::Qualification => vec![
            req("person", PERSON),
            req("occupation", OCCUPATION),
            opt("work_type", Text),
            req("grade", GRADE),
            req("cert_type", choices!(CertType)),
            opt("cert_number", Text),
            req("issued_on", Date),
            opt("issuer", Text),
            opt("enrolment", Ref(RecordKind::Enrolment)),
        ],
        RecordKind::CoursePackage => vec![
            req("org", ORG),
            req("name", Text),
            req("occupation", OCCUPATION),
            req("target_grade", GRADE),
            req("theory_hours", Int),
            req("practice_hours", Int),
            req("mode", choices!(TrainingMode)),
            req("integrated", Bool),
            req("developed_here", Bool),
            opt("year", Int),
        ],
        RecordKind::Cohort => vec![
            req("org", ORG),
            req("name", Text),
            opt("package", Ref(RecordKind::CoursePackage)),
            req("programme", choices!(Programme)),
            req("mode", choices!(TrainingMode)),
            req("occupation", OCCUPATION),
            req("target_grade", GRADE),
            req("start_date", Date),
            req("end_date", Date),
            opt("facility", Ref(RecordKind::Facility)),
        ],
        RecordKind::Enrolment => vec![
            req("cohort", Ref(RecordKind::Cohort)),
            req("person", PERSON),
            req("enrolled_on", Date),
            req("status", choices!(EnrolmentStatus)),
            opt("completed_on", Date),
            opt("result", choices!(AssessmentResult)),
            opt("qualification", Ref(RecordKind::Qualification)),
        ],
        RecordKind::Facility => vec![
            req("org", ORG),
            req("name", Text),
            req("area_m2", Float),
            req("workstations", Int),
            req("equipment_count", Int),
            req("equipment_value", Money),
            opt("opened_year", Int),
        ],
        RecordKind::FacilityOccupation => vec![
            req("facility", Ref(RecordKind::Facility)),
            req("occupation", OCCUPATION),
            req("max_grade", GRADE),
        ],
        RecordKind::CapacityDeclaration => vec![
            req("org", ORG),
            req("year", Int),
            req("high_skill_per_year", Int),
            req("public_service_per_year", Int),
            opt("note", LongText),
        ],
        RecordKind::PublicService => vec![
            req("org", ORG),
            req("date", Date),
            req("recipient", Text),
            req("recipient_type", choices!(RecipientType)),
            req("person_times", Int),
            req("hours", Float),
            req("content", Text),
            opt("facility", Ref(RecordKind::Facility)),
        ],
        RecordKind::Apprenticeship => vec![
            req("studio", ORG),
            req("master", PERSON),
            req("apprentice", PERSON),
            req("occupation", OCCUPATION),
            opt("agreement_date", Date),
            req("start_date", Date),
            opt("end_date", Date),
            opt("grade_at_start", GRADE),
            opt("grade_at_end", GRADE),
            req("status", choices!(ApprenticeshipStatus)),
            opt("outcome", LongText),
        ],
        RecordKind::Achievement => vec![
            req("org", ORG),
            req("kind", choices!(AchievementKind)),
            req("title", Text),
            req("date", Date),
            opt("people", Text),
            opt("patent_number", Text),
            req("economic_benefit", Money),
            opt("description", LongText),
        ],
        RecordKind::Teacher => vec![
            req("org", ORG),
            req("person", PERSON),
            req("kind", choices!(TeacherKind)),
            req("integrated", Bool),
            req("dual_qualified", Bool),
            opt("title", Text),
            opt("occupation", OCCUPATION),
            opt("since", Date),
            opt("until", Date),
        ],
        RecordKind::TeacherTraining => vec![
            req("teacher", Ref(RecordKind::Teacher)),
            req("date", Date),
            req("hours", Float),
            req("content", Text),
            opt("provider", Text),
        ],
        RecordKind::Competition => vec![
            req("org", ORG),
            req("name", Text),
            req("level", choices!(CompetitionLevel)),
            opt("occupation", OCCUPATION),
            req("date", Date),
            req("participants", Int),
            req("organised_here", Bool),
        ],
        RecordKind::Award => vec![
            req("org", ORG),
            opt("person", PERSON),
            opt("competition", Ref(RecordKind::Competition)),
            opt("honour", choices!(Honour)),
            req("title", Text),
            req("date", Date),
            opt("conferred_by", Text),
        ],
        RecordKind::Fund => vec![
            req("org", ORG),
            req("date", Date),
            req("direction", choices!(FundDirection)),
            req("category", choices!(FundCategory)),
            req("amount", Money),
            opt("description", LongText),
        ],
    }
}

/// The field that ties a record to its organisation (`org`, or `studio` for an
/// apprenticeship), filled in from the organisation chosen at the top of the window.
pub fn org_field(kind: RecordKind) -> Option<&'static str> {
    fields(kind)
        .into_iter()
        .find(|f| matches!(f.input, Input::Ref(RecordKind::Organisation)) && f.required)
        .map(|f| f.name)
}

/// A column's name as the register's field (or bookkeeping column) of that name, when the
/// name is only known at run time (read from the database).
pub fn field_name(kind: RecordKind, column: &str) -> Option<&'static str> {
    fields(kind)
        .into_iter()
        .map(|f| f.name)
        .chain(crate::store::BOOKKEEPING_COLUMNS.iter().copied())
        .find(|n| *n == column)
}

/// What a stored value of this column must be, for the message about one that cannot be
/// read.
pub fn input_of(kind: RecordKind, column: &str) -> Option<Input> {
    fields(kind)
        .into_iter()
        .find(|f| f.name == column)
        .map(|f| f.input)
}

/// The fields shown as columns in a register's table (the rest are in the form).
pub fn columns(kind: RecordKind) -> Vec<&'static str> {
    let all = fields(kind);
    let org = org_field(kind);
    all.iter()
        .filter(|f| Some(f.name) != org && !matches!(f.input, Input::LongText))
        .map(|f| f.name)
        .take(7)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_register_has_fields_with_labels() {
        for kind in RecordKind::ALL {
            let fields = fields(*kind);
            assert!(!fields.is_empty(), "{kind:?}");
            for f in fields {
                let zh = crate::i18n::field_label(kind.code(), f.name, Lang::Zh);
                assert_ne!(zh, f.name, "{kind:?}.{} has no Chinese label", f.name);
            }
        }
    }
}
