//! Records and their values named as people name them, wherever the app shows a record
//! it has only as stored columns (a package's records, the audit trail's old and new
//! values, a backup's differences): a person by name with the masked ID number; a
//! certificate by its holder, occupation, grade and date; an enrolment by person and
//! cohort; an apprenticeship by apprentice, master and studio; a fund by date and amount;
//! and a value of a closed list or code table by its label, never its storage code. A
//! reference is named by the caller's `refer` (which knows where the referred record is:
//! in the same package, in this database), so one record's name can carry another's.

use serde_json::Value;

use super::fields::{self, CodeList, Input};
use super::records::value_text;
use crate::domain::RecordKind;
use crate::domain::identity::mask_document_number;
use crate::domain::labelled::ValueNames;
use crate::lang::Lang;

/// Names a referred record: its register and id (as stored).
pub type Refer<'a> = dyn FnMut(RecordKind, &str) -> String + 'a;

/// One stored value of a register's field as people read it: a closed list's label, a
/// code's name, an amount in yuan, yes or no, a referred record by `refer`; empty stays
/// empty. Numbers kept as text are given whole (the caller masks where it must).
pub fn value(kind: RecordKind, field: &str, v: &Value, lang: Lang, refer: &mut Refer<'_>) -> String {
    let raw = value_text(v);
    if raw.is_empty() {
        return raw;
    }
    let Some(f) = fields::field(kind, field) else {
        return raw;
    };
    match f.input {
        Input::Choice(list) => choice(list, raw, lang),
        Input::Code(list) => code(list, &raw),
        Input::Ref(target) => refer(target, &raw),
        Input::Bool => {
            let yes = matches!(v, Value::Bool(true)) || v.as_i64() == Some(1);
            lang.value_name("Bool", if yes { "true" } else { "false" })
                .map_or(raw, str::to_string)
        }
        Input::Money => v
            .as_i64()
            .map_or(raw, |fen| crate::domain::Money(fen).to_string()),
        // Shown whole: a value is shown to choose between two (a conflict's sides), as the
        // form shows it; lists name people with the masked number ([`person`]).
        Input::Text | Input::LongText | Input::Date | Input::Int | Input::Float => raw,
    }
}

/// A closed list's value by its label in `lang`, else as stored.
pub fn choice(list: super::fields::ChoiceList, raw: String, lang: Lang) -> String {
    list(lang)
        .into_iter()
        .find(|(c, _)| *c == raw)
        .map_or(raw, |(_, l)| l)
}

/// A code with its name (`6-18-02-04 电焊工`), else the code.
pub fn code(list: CodeList, raw: &str) -> String {
    use crate::domain::codes;
    let name = match list {
        CodeList::Occupation => codes::occupation(raw).map(|o| o.name.to_string()),
        CodeList::Ethnicity => codes::ethnicity(raw).map(|e| e.name.to_string()),
        CodeList::Education => codes::education(raw).map(|e| e.name.to_string()),
        CodeList::Division => {
            codes::im_division_full_name(raw).or_else(|| codes::historic_division(raw).map(|d| d.full_name()))
        }
    };
    match name {
        Some(n) => format!("{raw} {n}"),
        None => raw.to_string(),
    }
}

/// A person as every list names them: name with the masked document number.
pub fn person(name: &str, doc_number: &str) -> String {
    if doc_number.is_empty() {
        return name.to_string();
    }
    format!("{name}（{}）", mask_document_number(doc_number))
}

/// A record given as its stored fields (`get` answers a field's stored value), named as
/// people know it; `refer` names the records it refers to. Never its id.
pub fn record(
    kind: RecordKind,
    get: &dyn Fn(&str) -> Option<Value>,
    lang: Lang,
    refer: &mut Refer<'_>,
) -> String {
    let text = |f: &str| get(f).map(|v| value_text(&v)).unwrap_or_default();
    let mut shown = |f: &str| match get(f) {
        Some(v) => value(kind, f, &v, lang, refer),
        None => String::new(),
    };
    let parts: Vec<String> = match kind {
        RecordKind::Person => return person(&text("name"), &text("doc_number")),
        RecordKind::Qualification => vec![
            shown("person"),
            shown("occupation"),
            shown("grade"),
            text("issued_on"),
        ],
        RecordKind::Enrolment => vec![shown("person"), shown("cohort")],
        RecordKind::Apprenticeship => vec![shown("apprentice"), shown("master"), shown("studio")],
        RecordKind::Teacher => vec![shown("person"), shown("org")],
        RecordKind::TeacherTraining => vec![shown("teacher"), text("date"), text("content")],
        RecordKind::Fund => vec![
            text("date"),
            shown("direction"),
            shown("category"),
            shown("amount"),
        ],
        RecordKind::PublicService => vec![text("date"), text("recipient"), text("content")],
        RecordKind::FacilityOccupation => vec![shown("facility"), shown("occupation")],
        RecordKind::CapacityDeclaration => vec![shown("org"), text("year")],
        RecordKind::Award => vec![shown("person"), text("title"), text("date")],
        RecordKind::Achievement => vec![text("title"), text("date")],
        RecordKind::Competition => vec![text("name"), text("date")],
        RecordKind::StageTemplate => vec![shown("org"), shown("occupation"), text("title")],
        RecordKind::PlanStage => vec![shown("apprenticeship"), text("title")],
        RecordKind::LogEntry => vec![shown("apprenticeship"), text("date"), text("content")],
        RecordKind::Organisation | RecordKind::CoursePackage | RecordKind::Facility | RecordKind::Cohort => {
            vec![text("name")]
        }
    };
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The field whose date (or year) places a record of this register in a year's return,
/// for the registers whose records count in one year by their own date; `None` for the
/// others (people, organisations, enrolments counted through their cohort …).
pub fn year_field(kind: RecordKind) -> Option<&'static str> {
    Some(match kind {
        RecordKind::Qualification => "issued_on",
        RecordKind::PublicService
        | RecordKind::Fund
        | RecordKind::TeacherTraining
        | RecordKind::Award
        | RecordKind::Achievement
        | RecordKind::Competition
        | RecordKind::LogEntry => "date",
        RecordKind::CapacityDeclaration => "year",
        RecordKind::Cohort => "start_date",
        RecordKind::Apprenticeship => "start_date",
        _ => return None,
    })
}
