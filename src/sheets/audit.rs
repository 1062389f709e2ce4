//! The audit trail as a workbook: every create, update and delete with when, who, on
//! which install, which record, and each field's old and new value — what a reviewer asks
//! for when figures change after a return was submitted. ID and phone numbers are masked
//! unless the user explicitly asks for full data, whatever wrote the entry: a form, an
//! import, a merge of a data package (whose record entries list old and new values like
//! an edit's), a consolidation or a restore. The terminal, the workbook, a record's
//! change history and the backups screen all read their lines from here.

use std::collections::HashMap;

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde_json::Value;

use super::Words;
use crate::domain::Labelled;
use crate::domain::RecordKind;
use crate::domain::identity::{mask_document_number, mask_numbers_in, mask_phone};
use crate::lang::Lang;
use crate::registers::fields::{self, Digits};
use crate::registers::{naming, records};
use crate::store::{AuditEntry, Store};

/// Whether a field of that name holds a personal number (an ID or phone number: masked
/// unless full data is chosen), as its register's definition says.
fn personal_number(field: &str) -> Option<Digits> {
    RecordKind::ALL
        .iter()
        .filter_map(|k| fields::field(*k, field)?.digits)
        .find(|d| matches!(d, Digits::Document | Digits::Phone))
}

/// One line of the export: an entry, or one changed field of an entry.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditLine {
    pub seq: i64,
    /// Local time, to the second.
    pub at: String,
    pub profile: String,
    pub install_id: String,
    pub action: &'static str,
    pub register: String,
    /// The record as people recognise it (a person's name and masked ID number).
    pub record: String,
    pub record_id: String,
    pub field: String,
    /// `old → new`, or what a whole-database entry says.
    pub change: String,
    /// A field's old and new values (masked like `change`); empty for other lines.
    pub values: Option<(String, String)>,
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn masked(field: &str, v: &Value, full: bool) -> String {
    let text = text_of(v);
    if full || text.is_empty() {
        return text;
    }
    match field {
        f if personal_number(f) == Some(Digits::Document) => mask_document_number(&text),
        f if personal_number(f) == Some(Digits::Phone) => mask_phone(&text),
        // Free text (a note, a file name) may hold a number too.
        _ => mask_numbers_in(&text).into_owned(),
    }
}

/// A whole-database entry's details (an import's file and counts, a merge's summary, a
/// restore's source) as JSON text, with every personal number in it masked unless full
/// data is asked for: by its key, and wherever an ID or mobile number stands in a text.
fn masked_json(v: &Value, full: bool) -> String {
    fn walk(key: &str, v: &Value) -> Value {
        match v {
            Value::String(s) if personal_number(key) == Some(Digits::Document) => {
                Value::String(mask_document_number(s))
            }
            Value::String(s) if personal_number(key) == Some(Digits::Phone) => Value::String(mask_phone(s)),
            Value::String(s) => Value::String(mask_numbers_in(s).into_owned()),
            Value::Array(items) => Value::Array(items.iter().map(|i| walk(key, i)).collect()),
            Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), walk(k, v))).collect()),
            other => other.clone(),
        }
    }
    if full {
        v.to_string()
    } else {
        walk("", v).to_string()
    }
}

/// A record's changes, `{"field": [old, new], …}`, as every record-level entry writes
/// them (create, update, delete, restore, merge).
fn field_changes(changes: &Value) -> Option<&serde_json::Map<String, Value>> {
    let map = changes.as_object()?;
    map.values()
        .all(|c| c.as_array().is_some_and(|pair| pair.len() == 2))
        .then_some(map)
}

/// The entries as lines, one per changed field (records named as the app names them).
pub fn lines(store: &Store, entries: &[AuditEntry], full: bool, lang: Lang) -> Vec<AuditLine> {
    let mut names: HashMap<(RecordKind, String), String> = HashMap::new();
    let mut referred: HashMap<(RecordKind, String), String> = HashMap::new();
    let mut out = Vec::new();
    for e in entries {
        let kind = RecordKind::from_code(&e.kind);
        let register = match kind {
            Some(k) => k.label(lang).to_string(),
            None if e.kind == "*" => String::new(),
            None => e.kind.clone(),
        };
        let record_id = e.record_id.clone().unwrap_or_default();
        let record = match (kind, record_id.parse::<uuid::Uuid>()) {
            (Some(k), Ok(id)) => names
                .entry((k, record_id.clone()))
                .or_insert_with(|| {
                    records::get(store, k, id)
                        .map(|r| {
                            let name = naming::describe(store, &r, lang);
                            if full && k == RecordKind::Person {
                                let doc = text_of(&r.value["doc_number"]);
                                let masked = mask_document_number(&doc);
                                name.replace(&masked, &doc)
                            } else if full {
                                name
                            } else {
                                mask_numbers_in(&name).into_owned()
                            }
                        })
                        .unwrap_or_default()
                })
                .clone(),
            _ => String::new(),
        };
        let base = AuditLine {
            seq: e.seq,
            at: crate::store::local_time(&e.at),
            profile: e.profile.clone(),
            install_id: e.install_id.clone(),
            action: lang.audit_action(&e.action),
            register,
            record,
            record_id,
            field: String::new(),
            change: String::new(),
            values: None,
        };
        let field_changes = match kind {
            Some(_) => field_changes(&e.changes),
            None => None,
        };
        match field_changes {
            Some(map) if !map.is_empty() => {
                for (field, change) in map {
                    let label = kind
                        .and_then(|k| fields::field(k, field))
                        .map_or_else(|| field.clone(), |f| f.label(lang).to_string());
                    let target = kind
                        .and_then(|k| fields::field(k, field))
                        .and_then(|f| match f.input {
                            fields::Input::Ref(target) => Some(target),
                            _ => None,
                        });
                    let mut words = |v: &Value| match (kind, personal_number(field), target) {
                        // A reference: the record's name, looked up once per export.
                        (_, None, Some(target)) if v.is_string() => {
                            let id = text_of(v);
                            let name = referred
                                .entry((target, id.clone()))
                                .or_insert_with(|| match id.parse::<uuid::Uuid>() {
                                    Ok(uuid) => naming::record_name(store, target, uuid, lang),
                                    Err(_) => id.clone(),
                                })
                                .clone();
                            if full {
                                name
                            } else {
                                mask_numbers_in(&name).into_owned()
                            }
                        }
                        (Some(k), None, _) => {
                            let w = naming::value_words(store, k, field, v, lang);
                            if full { w } else { mask_numbers_in(&w).into_owned() }
                        }
                        _ => masked(field, v, full),
                    };
                    let (old, new) = (words(&change[0]), words(&change[1]));
                    let dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
                    let (old, new) = (dash(old), dash(new));
                    out.push(AuditLine {
                        field: label,
                        change: format!("{old} → {new}"),
                        values: Some((old, new)),
                        ..base.clone()
                    });
                }
            }
            _ => {
                let change = match &e.changes {
                    Value::Object(map) if map.is_empty() => String::new(),
                    Value::Object(map) if e.action == "bulk" => bulk_summary(map, lang),
                    other => masked_json(other, full),
                };
                out.push(AuditLine { change, ..base });
            }
        }
    }
    out
}

/// A bulk write as people read it: its label and how many records of each register.
fn bulk_summary(map: &serde_json::Map<String, Value>, lang: Lang) -> String {
    let label = text_of(&map.get("label").cloned().unwrap_or(Value::Null));
    let counts: Vec<String> = map
        .get("counts")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(kind, n)| match RecordKind::from_code(kind) {
            Some(k) => format!("{} {}", k.label(lang), text_of(n)),
            None => format!("{kind} {}", text_of(n)),
        })
        .collect();
    format!("{label}: {}", counts.join(lang.list_separator()))
}

/// The lines as a workbook with one sheet.
pub fn xlsx(lines: &[AuditLine], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let bold = Format::new().set_bold();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(lang.audit_sheet())?;
    for (c, h) in lang.audit_columns().iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (c, width) in [7, 20, 12, 38, 10, 12, 30, 38, 16, 50].iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, l) in lines.iter().enumerate() {
        let row = (i + 1) as u32;
        ws.write_number(row, 0, l.seq as f64)?;
        for (c, value) in [
            &l.at,
            &l.profile,
            &l.install_id,
            &l.action.to_string(),
            &l.register,
            &l.record,
            &l.record_id,
            &l.field,
            &l.change,
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string(row, (c + 1) as u16, value)?;
        }
    }
    ws.autofilter(0, 0, lines.len() as u32, 9)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Today;
    use crate::domain::person::Person;

    fn store_with_an_edit() -> (Store, crate::domain::Id<Person>) {
        let mut store = Store::open_in_memory().unwrap();
        let today = Today(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
        store.set_today(today);
        store.set_profile("乌云");
        let mut p = Person::from_citizen_id("其其格", "150102199003071237", today).unwrap();
        p.phone = Some("13847715678".into());
        let id = store.insert(p.clone()).unwrap();
        p.phone = Some("13947715679".into());
        store.update(id, p).unwrap();
        (store, id)
    }

    #[test]
    fn an_edit_shows_old_and_new_values_with_personal_numbers_masked() {
        let (store, id) = store_with_an_edit();
        let entries = store.audit_for(&id.to_string()).unwrap();
        let lines = lines(&store, &entries, false, Lang::Zh);
        let phone = lines
            .iter()
            .find(|l| l.action == "修改" && l.field == "联系电话")
            .expect("the phone edit is listed");
        assert_eq!(phone.change, "138****5678 → 139****5679");
        assert_eq!(phone.profile, "乌云");
        assert!(phone.record.contains("其其格") && phone.record.contains("150102********1237"));
        let doc = lines.iter().find(|l| l.field == "证件号码").unwrap();
        assert_eq!(doc.change, "— → 150102********1237");
        assert!(lines.iter().all(|l| !l.change.contains("150102199003071237")));
    }

    #[test]
    fn full_data_is_given_only_when_asked() {
        let (store, id) = store_with_an_edit();
        let entries = store.audit_for(&id.to_string()).unwrap();
        let lines = lines(&store, &entries, true, Lang::Zh);
        assert!(lines.iter().any(|l| l.change == "13847715678 → 13947715679"));
        assert!(lines.iter().any(|l| l.record.contains("150102199003071237")));
    }
}
