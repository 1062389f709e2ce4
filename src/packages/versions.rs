//! Records as packages carry them ([`RawRecord`]): their version hash, how a person reads
//! their name, and their field rules (each register's typed `Record::validate`, reached
//! through its kind).

use std::collections::HashMap;

use serde_json::Value;
use sha2::{Digest, Sha256};

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
use crate::domain::{Record, RecordKind, Today, Verdict};
use crate::store::exchange::RawRecord;
use crate::store::row::{RowError, from_json_columns};

/// Bytes of a version hash (the first half of a SHA-256).
pub const HASH_BYTES: usize = 16;

/// A record version's hash: its register, field values, whether it is deleted, and its
/// revision. Ids and timestamps are left out, so the same person entered on two installs
/// with the same particulars has equal content; the revision keeps a record that was
/// deleted and restored apart from its earlier self.
pub fn version_hash(r: &RawRecord) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(r.kind.code().as_bytes());
    h.update([0, r.is_deleted() as u8]);
    h.update(r.rev.to_le_bytes());
    for v in &r.fields {
        h.update(serde_json::to_vec(v).unwrap_or_default());
        h.update([0x1f]);
    }
    h.finalize()[..HASH_BYTES].to_vec()
}

/// The same field values and the same deleted state.
pub fn same_content(a: &RawRecord, b: &RawRecord) -> bool {
    a.fields == b.fields && a.is_deleted() == b.is_deleted()
}

/// A field's value by column name.
pub fn field<'a>(r: &'a RawRecord, fields: &[String], name: &str) -> Option<&'a Value> {
    fields
        .iter()
        .position(|f| f == name)
        .and_then(|i| r.fields.get(i))
}

/// Whether taking `theirs` over `mine` would change or remove a sign-off given here (a
/// log entry's signer or date, or the entry deleted): a merge shows that as a conflict,
/// never takes it silently, even when theirs was made from mine.
pub fn changes_sign_off(mine: &RawRecord, theirs: &RawRecord, fields: &[String]) -> bool {
    if mine.kind != RecordKind::LogEntry || mine.is_deleted() {
        return false;
    }
    let given = |r: &RawRecord| field(r, fields, "signed_on").is_some_and(|v| !v.is_null());
    given(mine)
        && (theirs.is_deleted()
            || ["signed_by", "signed_on"]
                .iter()
                .any(|f| field(mine, fields, f) != field(theirs, fields, f)))
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(|v| v.as_str()).map(str::to_string)
}

/// How a person recognises the record in a list: its name or title (a person with the
/// masked document number), else its register and the start of its id.
pub fn display_name(r: &RawRecord, fields: &[String]) -> String {
    if r.kind == RecordKind::Person {
        let name = text(field(r, fields, "name")).unwrap_or_default();
        let doc = text(field(r, fields, "doc_number")).unwrap_or_default();
        return format!(
            "{name}（{}）",
            crate::domain::identity::mask_document_number(&doc)
        );
    }
    for f in ["name", "title", "recipient", "content", "occupation"] {
        if let Some(t) = text(field(r, fields, f)).filter(|t| !t.is_empty()) {
            return t;
        }
    }
    r.id.chars().take(8).collect()
}

fn check<R: Record>(
    r: &RawRecord,
    fields: &[String],
    people: &HashMap<String, Person>,
    today: Today,
) -> Result<Verdict, RowError> {
    let record: R = from_json_columns(fields, &r.fields)?;
    let mut verdict = record.validate(today);
    if let Some(p) = record.person_checked()
        && let Some(person) = people.get(&p.to_string())
    {
        verdict
            .issues
            .extend(record.validate_with_person(person, today).issues);
    }
    Ok(verdict)
}

/// The record's own field rules (and, for a certificate, its holder's, when the holder is
/// in `people`). `Err` when the values are not a record of its register at all (naming
/// the column when it can).
pub fn validate(
    r: &RawRecord,
    fields: &[String],
    people: &HashMap<String, Person>,
    today: Today,
) -> Result<Verdict, RowError> {
    match r.kind {
        RecordKind::Organisation => check::<Organisation>(r, fields, people, today),
        RecordKind::Person => check::<Person>(r, fields, people, today),
        RecordKind::Qualification => check::<Qualification>(r, fields, people, today),
        RecordKind::CoursePackage => check::<CoursePackage>(r, fields, people, today),
        RecordKind::Cohort => check::<Cohort>(r, fields, people, today),
        RecordKind::Enrolment => check::<Enrolment>(r, fields, people, today),
        RecordKind::Facility => check::<Facility>(r, fields, people, today),
        RecordKind::FacilityOccupation => check::<FacilityOccupation>(r, fields, people, today),
        RecordKind::CapacityDeclaration => check::<CapacityDeclaration>(r, fields, people, today),
        RecordKind::PublicService => check::<PublicService>(r, fields, people, today),
        RecordKind::Apprenticeship => check::<Apprenticeship>(r, fields, people, today),
        RecordKind::Achievement => check::<Achievement>(r, fields, people, today),
        RecordKind::Teacher => check::<Teacher>(r, fields, people, today),
        RecordKind::TeacherTraining => check::<TeacherTraining>(r, fields, people, today),
        RecordKind::Competition => check::<Competition>(r, fields, people, today),
        RecordKind::Award => check::<Award>(r, fields, people, today),
        RecordKind::Fund => check::<Fund>(r, fields, people, today),
        RecordKind::StageTemplate => check::<StageTemplate>(r, fields, people, today),
        RecordKind::PlanStage => check::<PlanStage>(r, fields, people, today),
        RecordKind::LogEntry => check::<LogEntry>(r, fields, people, today),
        RecordKind::IndicatorSet => check::<IndicatorSet>(r, fields, people, today),
        RecordKind::Indicator => check::<Indicator>(r, fields, people, today),
    }
}
