//! Any register's records as JSON objects, so one generic form and one generic table serve
//! all twenty registers. Each call dispatches on the [`RecordKind`] to the typed store
//! API; nothing here knows SQL, and every write still goes through the store's checked,
//! audited writer.

use serde_json::Value;
use uuid::Uuid;

use crate::domain::capacity::{CapacityDeclaration, Facility, FacilityOccupation, PublicService};
use crate::domain::funds::Fund;
use crate::domain::honours::{Award, Competition};
use crate::domain::indicators::{Indicator, IndicatorSet};
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::staff::{Teacher, TeacherTraining};
use crate::domain::studio::{Achievement, Apprenticeship};
use crate::domain::studio_log::{LogEntry, PlanStage, StageTemplate};
use crate::domain::training::{Cohort, CoursePackage, Enrolment, Qualification};
use crate::domain::{Id, Meta, RecordKind, Stored};
use crate::store::{Scope, Store, StoreError};

/// Runs `$body` with `$t` bound to the record type of `$kind`.
macro_rules! with_record_type {
    ($kind:expr, $t:ident => $body:expr) => {
        match $kind {
            RecordKind::Organisation => {
                type $t = Organisation;
                $body
            }
            RecordKind::Person => {
                type $t = Person;
                $body
            }
            RecordKind::Qualification => {
                type $t = Qualification;
                $body
            }
            RecordKind::CoursePackage => {
                type $t = CoursePackage;
                $body
            }
            RecordKind::Cohort => {
                type $t = Cohort;
                $body
            }
            RecordKind::Enrolment => {
                type $t = Enrolment;
                $body
            }
            RecordKind::Facility => {
                type $t = Facility;
                $body
            }
            RecordKind::FacilityOccupation => {
                type $t = FacilityOccupation;
                $body
            }
            RecordKind::CapacityDeclaration => {
                type $t = CapacityDeclaration;
                $body
            }
            RecordKind::PublicService => {
                type $t = PublicService;
                $body
            }
            RecordKind::Apprenticeship => {
                type $t = Apprenticeship;
                $body
            }
            RecordKind::Achievement => {
                type $t = Achievement;
                $body
            }
            RecordKind::Teacher => {
                type $t = Teacher;
                $body
            }
            RecordKind::TeacherTraining => {
                type $t = TeacherTraining;
                $body
            }
            RecordKind::Competition => {
                type $t = Competition;
                $body
            }
            RecordKind::Award => {
                type $t = Award;
                $body
            }
            RecordKind::Fund => {
                type $t = Fund;
                $body
            }
            RecordKind::StageTemplate => {
                type $t = StageTemplate;
                $body
            }
            RecordKind::PlanStage => {
                type $t = PlanStage;
                $body
            }
            RecordKind::LogEntry => {
                type $t = LogEntry;
                $body
            }
            RecordKind::IndicatorSet => {
                type $t = IndicatorSet;
                $body
            }
            RecordKind::Indicator => {
                type $t = Indicator;
                $body
            }
        }
    };
}

/// One record of any register.
#[derive(Clone, Debug, PartialEq)]
pub struct AnyRecord {
    pub kind: RecordKind,
    pub id: Uuid,
    pub meta: Meta,
    /// The record's fields as a JSON object (storage codes, ISO dates, money in fen).
    pub value: Value,
}

impl AnyRecord {
    fn from_stored<R: crate::domain::Record>(s: Stored<R>) -> Result<AnyRecord, StoreError> {
        let value = serde_json::to_value(&s.record)
            .map_err(|e| StoreError::Row(crate::store::row::RowError::Message(e.to_string())))?;
        Ok(AnyRecord {
            kind: R::KIND,
            id: s.id.uuid(),
            meta: s.meta,
            value,
        })
    }

    /// A field's value as text (empty when missing or null).
    pub fn text(&self, field: &str) -> String {
        value_text(&self.value[field])
    }
}

/// A JSON value as a person reads it in a cell (codes stay codes; labels are the UI's job).
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// A save that could not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The form's values do not make a record of this register (a field the form could
    /// not turn into its type). The form checks types first, so this names a program bug
    /// rather than bad input.
    #[error("{0}")]
    Shape(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The records of a register (of one organisation when the scope says so).
pub fn list(store: &Store, kind: RecordKind, scope: &Scope) -> Result<Vec<AnyRecord>, StoreError> {
    with_record_type!(kind, T => {
        store
            .list::<T>(scope)?
            .into_iter()
            .map(AnyRecord::from_stored)
            .collect()
    })
}

/// One record, live or deleted.
pub fn get(store: &Store, kind: RecordKind, id: Uuid) -> Result<AnyRecord, StoreError> {
    with_record_type!(kind, T => AnyRecord::from_stored(store.get::<T>(Id::from_uuid(id))?))
}

/// Inserts (`id` none) or updates a record from a form's JSON object; returns its id.
/// The store normalises and validates it and writes nothing when it has errors.
pub fn save(store: &mut Store, kind: RecordKind, id: Option<Uuid>, value: Value) -> Result<Uuid, SaveError> {
    with_record_type!(kind, T => {
        let record: T = serde_json::from_value(value).map_err(|e| SaveError::Shape(e.to_string()))?;
        match id {
            Some(id) => {
                store.update::<T>(Id::from_uuid(id), record)?;
                Ok(id)
            }
            None => Ok(store.insert::<T>(record)?.uuid()),
        }
    })
}

/// Deletes a record (leaves a tombstone).
pub fn delete(store: &mut Store, kind: RecordKind, id: Uuid) -> Result<(), StoreError> {
    with_record_type!(kind, T => store.delete::<T>(Id::from_uuid(id)))
}

/// Brings a deleted record back.
pub fn restore(store: &mut Store, kind: RecordKind, id: Uuid) -> Result<(), StoreError> {
    with_record_type!(kind, T => store.restore::<T>(Id::from_uuid(id)))
}

/// [`display_name`], and for a record named by the people it joins (an apprenticeship:
/// master → apprentice) as the store describes it.
pub fn display_name_in(store: &Store, record: &AnyRecord) -> String {
    match record.kind {
        RecordKind::Apprenticeship => store.describe(record.kind, &record.id.to_string()),
        _ => display_name(record),
    }
}

/// How a record is named in a list or a picker: its name or title, a person's name with
/// the masked document number, an enrolment's person and cohort.
pub fn display_name(record: &AnyRecord) -> String {
    let v = &record.value;
    for key in ["name", "title", "recipient", "content"] {
        if let Some(s) = v[key].as_str() {
            return match record.kind {
                RecordKind::Person => format!(
                    "{s}（{}）",
                    crate::domain::identity::mask_document_number(v["doc_number"].as_str().unwrap_or(""))
                ),
                RecordKind::PublicService | RecordKind::LogEntry => format!("{} {s}", value_text(&v["date"])),
                RecordKind::PlanStage | RecordKind::StageTemplate => format!("{} {s}", value_text(&v["seq"])),
                _ => s.to_string(),
            };
        }
    }
    match record.kind {
        RecordKind::CapacityDeclaration => value_text(&v["year"]),
        RecordKind::FacilityOccupation | RecordKind::Qualification => {
            let code = value_text(&v["occupation"]);
            let name = crate::domain::codes::occupation(&code).map_or("", |o| o.name);
            let grade = v["grade"]
                .as_str()
                .and_then(crate::domain::grade::SkillGrade::from_code)
                .map_or_else(|| value_text(&v["grade"]), |g| g.label_zh().to_string());
            format!("{code} {name} {}", grade.trim())
        }
        _ => record.id.to_string(),
    }
}
