//! Records and their values named as people name them, for every message, change history
//! and exchange or backup view the user reads: a person by name with the masked ID number;
//! a certificate by its holder, occupation, grade and date; an enrolment by person and
//! cohort; an apprenticeship by its people; a fund by date and amount; a value of a closed
//! list or code table by its label, an amount in yuan with thousands separators, yes or
//! no — never an id, a storage code or JSON. Two entrances: [`record`] and [`value`] for a
//! record held only as stored columns (a package's records, the audit trail's old and new
//! values, a backup's differences), where the caller's `refer` names what a reference
//! points to (in the same package, in this database); [`describe`] and [`value_words`] for
//! a record of this database, whose references are looked up in the store.

use serde_json::Value;

use uuid::Uuid;

use super::fields::{self, CodeList, Input};
use super::records::{self, AnyRecord, value_text};
use crate::domain::grade::SkillGrade;
use crate::domain::identity::mask_document_number;
use crate::domain::labelled::ValueNames;
use crate::domain::{Labelled, Money, RecordKind};
use crate::lang::Lang;
use crate::store::Store;

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
        Input::Money => v.as_i64().map_or(raw, |fen| yuan(Money(fen))),
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
    match code_name(list, raw) {
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
        RecordKind::IndicatorSet => vec![text("name"), text("from_year")],
        RecordKind::Indicator => vec![
            shown("indicator_set"),
            shown("org_kind"),
            shown("tier"),
            text("label_zh"),
            shown("basis"),
        ],
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

/// The name of a code in its national table ("31" → 大学专科毕业).
pub fn code_name(list: CodeList, code: &str) -> Option<String> {
    use crate::domain::codes;
    match list {
        CodeList::Occupation => codes::occupation(code).map(|o| o.name.to_string()),
        CodeList::Ethnicity => codes::ethnicity(code).map(|e| e.name.to_string()),
        CodeList::Education => codes::education(code).map(|e| e.name.to_string()),
        CodeList::Division => codes::im_division_full_name(code)
            .or_else(|| codes::historic_division(code).map(|d| d.full_name())),
    }
}

/// A whole number with thousands separators (12,345).
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Yuan with thousands separators and two decimals (1,234,500.00).
pub fn yuan(m: Money) -> String {
    let sign = if m.0 < 0 { "-" } else { "" };
    let abs = m.0.unsigned_abs();
    format!("{sign}{}.{:02}", grouped((abs / 100) as i64), abs % 100)
}

/// A skill grade as the window names it.
pub fn grade_label(g: SkillGrade, lang: Lang) -> String {
    match lang {
        Lang::Zh => g.label_zh().to_string(),
        Lang::En => g.label_en(),
    }
}

/// The record with this id, as people name it ("" when there is none).
pub fn record_name(store: &Store, kind: RecordKind, id: Uuid, lang: Lang) -> String {
    records::get(store, kind, id).map_or_else(|_| String::new(), |r| describe(store, &r, lang))
}

/// A record as people name it: its name or title; else what it is about.
pub fn describe(store: &Store, record: &AnyRecord, lang: Lang) -> String {
    let v = &record.value;
    let person = |field: &str| reference(store, RecordKind::Person, &v[field], lang);
    let of = |kind: RecordKind, field: &str| reference(store, kind, &v[field], lang);
    let words = |field: &str| value_words(store, record.kind, field, &v[field], lang);
    let join = |parts: Vec<String>| {
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let named = match record.kind {
        RecordKind::Enrolment => join(vec![person("person"), of(RecordKind::Cohort, "cohort")]),
        RecordKind::Apprenticeship => match lang {
            Lang::Zh => format!("师傅 {} · 徒弟 {}", person("master"), person("apprentice")),
            Lang::En => format!(
                "master {} · apprentice {}",
                person("master"),
                person("apprentice")
            ),
        },
        RecordKind::Qualification => join(vec![person("person"), words("occupation"), words("grade")]),
        RecordKind::FacilityOccupation => join(vec![
            of(RecordKind::Facility, "facility"),
            words("occupation"),
            words("max_grade"),
        ]),
        RecordKind::Teacher => join(vec![person("person"), words("kind")]),
        RecordKind::TeacherTraining => join(vec![
            of(RecordKind::Teacher, "teacher"),
            value_text(&v["date"]),
            value_text(&v["content"]),
        ]),
        RecordKind::CapacityDeclaration => match lang {
            Lang::Zh => format!("{} 年", value_text(&v["year"])),
            Lang::En => value_text(&v["year"]),
        },
        RecordKind::Award => join(vec![
            person("person"),
            value_text(&v["recipient"]),
            of(RecordKind::Competition, "competition"),
            words("honour"),
        ]),
        RecordKind::Fund => join(vec![
            value_text(&v["date"]),
            words("direction"),
            words("category"),
            words("amount"),
        ]),
        _ => String::new(),
    };
    if !named.trim().is_empty() {
        return named;
    }
    let plain = records::display_name(record);
    if plain != record.id.to_string() {
        return plain;
    }
    // Nothing names it: its register and when it was made, never its id.
    record.kind.label(lang).to_string()
}

/// The name of the record a reference field holds ("" when empty or gone).
fn reference(store: &Store, kind: RecordKind, v: &Value, lang: Lang) -> String {
    match v.as_str().and_then(|s| s.parse::<Uuid>().ok()) {
        Some(id) => record_name(store, kind, id, lang),
        None => String::new(),
    }
}

/// A field's value in words, as [`value`] gives it, with a reference named from this
/// database (its register's name when the record is gone). Empty for no value.
pub fn value_words(store: &Store, kind: RecordKind, field: &str, v: &Value, lang: Lang) -> String {
    value(
        kind,
        field,
        v,
        lang,
        &mut |target, raw| match raw.parse::<Uuid>() {
            Ok(id) => {
                let name = record_name(store, target, id, lang);
                if name.is_empty() {
                    target.label(lang).to_string()
                } else {
                    name
                }
            }
            Err(_) => raw.to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_money_have_thousands_separators() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(-12_345), "-12,345");
        assert_eq!(yuan(Money(123_456_789)), "1,234,567.89");
        assert_eq!(yuan(Money(-5)), "-0.05");
    }
}
