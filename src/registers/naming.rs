//! Records and values as people name them, for every message and every change history
//! the user reads: a record by its name (a person with the masked ID number, an
//! enrolment by its person and cohort, an apprenticeship by master and apprentice), never
//! by its id; a value in words (the label of a code, the name of an occupation, the name
//! of the record a reference points to, 是/否, yuan with thousands separators), never as
//! a code or JSON. One place, so the save message, the delete question, the change
//! history and the audit trail say the same.

use serde_json::Value;
use uuid::Uuid;

use super::fields::{self, CodeList, Input};
use super::records::{self, AnyRecord, value_text};
use crate::domain::grade::SkillGrade;
use crate::domain::{Labelled, Money, RecordKind};
use crate::lang::Lang;
use crate::store::Store;

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

/// A field's value in words: a code's label or name, a referenced record's name, 是/否,
/// yuan with separators; text as it is. Empty for no value.
pub fn value_words(store: &Store, kind: RecordKind, field: &str, v: &Value, lang: Lang) -> String {
    let text = value_text(v);
    if text.is_empty() {
        return text;
    }
    let Some(f) = fields::field(kind, field) else {
        return text;
    };
    match f.input {
        Input::Bool => match (v.as_bool(), lang) {
            (Some(true), Lang::Zh) => "是".into(),
            (Some(false), Lang::Zh) => "否".into(),
            (Some(true), Lang::En) => "yes".into(),
            (Some(false), Lang::En) => "no".into(),
            (None, _) => text,
        },
        Input::Money => v.as_i64().map_or(text, |fen| yuan(Money(fen))),
        Input::Choice(list) => list(lang)
            .into_iter()
            .find(|(code, _)| *code == text)
            .map_or(text, |(_, label)| label),
        Input::Code(list) => match code_name(list, &text) {
            Some(name) if list == CodeList::Occupation => format!("{text} {name}"),
            Some(name) => name,
            None => text,
        },
        Input::Ref(target) => match text.parse::<Uuid>() {
            Ok(id) => {
                let name = record_name(store, target, id, lang);
                if name.is_empty() {
                    target.label(lang).to_string()
                } else {
                    name
                }
            }
            Err(_) => text,
        },
        _ => text,
    }
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
