//! Every record a package brings, checked before anything is written or backed up: a
//! package is made by another install, or by anyone who knows its passphrase, so nothing
//! in it is taken on trust. A record that fails any check refuses the whole package,
//! naming the register, the record, the field and what is expected.
//!
//! The checks, in order, for every record, live or deleted:
//! 1. **Bookkeeping** (any register): the id is an id as SkillBase writes them (a UUID,
//!    lower-case, hyphenated); `changed_by` names an install (its id) or the batch that
//!    wrote the record (demo data names its profile): one line of at most
//!    [`MAX_SOURCE_CHARS`] characters; `created_at`, `updated_at` and `deleted_at`
//!    are times as SkillBase writes them (`2026-03-01T08:00:00.000Z`), not before
//!    [`EARLIEST`] and not more than [`FUTURE_TOLERANCE`] after this computer's clock;
//!    `rev` is 1 to [`MAX_REV`].
//! 2. **Ids**: one id is one record: never twice in a register, never in two registers
//!    (here in the package; [`crate::packages::merge::preview`] and the consolidation
//!    check the database too).
//! 3. **Fields**: the register's own record type must read them (every value of the right
//!    kind, every closed list's code known), and its field rules must pass
//!    ([`super::versions::validate`], the same rules as a form's; a deleted record's too,
//!    since a delete can be undone).
//! 4. **References**: every field that names another record (from
//!    `registers::fields`) holds an id, and when that id is in the package it is a
//!    record of the register the field refers to.
//!
//! A new register needs nothing here: its bookkeeping is the same, its fields and
//! references come from `registers::fields` and its rules from `records::validate`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::RecordKind;
use crate::store::exchange::RawRecord;

/// The earliest time a record can have been written (SkillBase did not exist before).
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// How far after this computer's clock a record's time may lie: two clocks disagree, and
/// a computer set to local time with its time zone wrong is 8 hours ahead.
pub const FUTURE_TOLERANCE: chrono::Duration = chrono::Duration::days(2);

/// The most changes a record can have had.
pub const MAX_REV: i64 = 1_000_000_000;

/// The longest `changed_by`.
pub const MAX_SOURCE_CHARS: usize = 100;

/// What is wrong with one value of an incoming record.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordProblem {
    /// Not an id as SkillBase writes them.
    NotAnId { value: String },
    /// `changed_by` that names no install or batch: empty, too long, or not one line of
    /// plain text.
    NotASource { value: String },
    /// The same id twice in one register.
    DuplicateId,
    /// The id is also a record of another register (in the package, or here).
    SharedId { other: RecordKind, here: bool },
    /// Not a time as SkillBase writes them.
    NotATime { value: String },
    /// A time before [`EARLIEST`].
    TooEarly { value: String },
    /// A time more than [`FUTURE_TOLERANCE`] after this computer's clock.
    Future { value: String },
    /// `rev` outside 1 to [`MAX_REV`].
    Revision { value: i64 },
    /// A value the register's record type cannot read (of the wrong kind, an unknown
    /// code of a closed list).
    Unreadable { detail: String },
    /// A reference to a record of another register than the field's.
    WrongRegister { expected: RecordKind, found: RecordKind },
}

/// One incoming record found wrong: which record, which field, what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct BadRecord {
    pub kind: RecordKind,
    pub id: String,
    /// How a person recognises the record (its name, a person with the masked number).
    pub name: String,
    /// The column: a bookkeeping column (`id`, `rev`…) or a field.
    pub field: String,
    pub problem: RecordProblem,
}

/// An id as SkillBase writes them: a UUID, lower-case, hyphenated.
pub fn is_id(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok_and(|u| u.hyphenated().to_string() == text)
}

/// A time as SkillBase writes them, within [`EARLIEST`] and [`FUTURE_TOLERANCE`] after
/// `now`.
pub fn time_problem(text: &str, now: DateTime<Utc>) -> Option<RecordProblem> {
    let parsed = DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
        .filter(|t| crate::store::timestamp(*t) == text);
    match parsed {
        None => Some(RecordProblem::NotATime {
            value: text.to_string(),
        }),
        Some(t) if t.date_naive() < EARLIEST => Some(RecordProblem::TooEarly {
            value: text.to_string(),
        }),
        Some(t) if t > now + FUTURE_TOLERANCE => Some(RecordProblem::Future {
            value: text.to_string(),
        }),
        Some(_) => None,
    }
}

/// The fields of a register that name another record, with the register each names.
pub fn references(kind: RecordKind) -> Vec<(&'static str, RecordKind)> {
    crate::registers::fields::fields(kind)
        .into_iter()
        .filter_map(|f| match f.input {
            crate::registers::fields::Input::Ref(target) => Some((f.name, target)),
            _ => None,
        })
        .collect()
}

/// The bookkeeping of one record (check 1).
pub fn bookkeeping(r: &RawRecord, now: DateTime<Utc>) -> Option<(&'static str, RecordProblem)> {
    let not_an_id = |value: &str| RecordProblem::NotAnId {
        value: value.to_string(),
    };
    if !is_id(&r.id) {
        return Some(("id", not_an_id(&r.id)));
    }
    for (field, value) in [
        ("created_at", Some(&r.created_at)),
        ("updated_at", Some(&r.updated_at)),
        ("deleted_at", r.deleted_at.as_ref()),
    ] {
        if let Some(problem) = value.and_then(|v| time_problem(v, now)) {
            return Some((field, problem));
        }
    }
    if !(1..=MAX_REV).contains(&r.rev) {
        return Some(("rev", RecordProblem::Revision { value: r.rev }));
    }
    let source = &r.changed_by;
    if source.trim().is_empty()
        || source.chars().count() > MAX_SOURCE_CHARS
        || crate::domain::text::disallowed_char(source, crate::domain::text::CharRule::Name).is_some()
    {
        return Some((
            "changed_by",
            RecordProblem::NotASource {
                value: source.clone(),
            },
        ));
    }
    None
}

/// Every id of the package once, in one register (check 2): `seen` maps each id met so
/// far to its register.
pub fn claim_id(
    r: &RawRecord,
    seen: &mut HashMap<String, RecordKind>,
) -> Option<(&'static str, RecordProblem)> {
    match seen.insert(r.id.clone(), r.kind) {
        None => None,
        Some(k) if k == r.kind => Some(("id", RecordProblem::DuplicateId)),
        Some(other) => {
            // Keep the first claim: the record that met it is the one named.
            seen.insert(r.id.clone(), other);
            Some(("id", RecordProblem::SharedId { other, here: false }))
        }
    }
}

/// The references of one record (check 4), against the registers of the package's ids.
pub fn reference_problem(
    r: &RawRecord,
    fields: &[String],
    ids: &HashMap<String, RecordKind>,
) -> Option<(String, RecordProblem)> {
    for (name, target) in references(r.kind) {
        let Some(value) = super::versions::field(r, fields, name) else {
            continue;
        };
        match value {
            serde_json::Value::Null => {}
            serde_json::Value::String(id) if is_id(id) => {
                if let Some(found) = ids.get(id)
                    && *found != target
                {
                    return Some((
                        name.to_string(),
                        RecordProblem::WrongRegister {
                            expected: target,
                            found: *found,
                        },
                    ));
                }
            }
            other => {
                let value = match other {
                    serde_json::Value::String(s) => s.clone(),
                    v => v.to_string(),
                };
                return Some((name.to_string(), RecordProblem::NotAnId { value }));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> RawRecord {
        RawRecord {
            kind: RecordKind::Person,
            id: "0192d3e5-7a3c-7b2e-9f00-123456789012".into(),
            created_at: "2026-03-01T08:00:00.000Z".into(),
            updated_at: "2026-03-02T08:00:00.000Z".into(),
            deleted_at: None,
            rev: 2,
            changed_by: "0192d3e5-0000-7b2e-9f00-123456789012".into(),
            fields: Vec::new(),
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn bookkeeping_as_skillbase_writes_it_passes_and_anything_else_is_named() {
        assert_eq!(bookkeeping(&record(), now()), None);
        type Edit = fn(&mut RawRecord);
        let cases: Vec<(Edit, &str)> = vec![
            (|r| r.id = "not-a-uuid".into(), "id"),
            (|r| r.id = r.id.to_uppercase(), "id"),
            (|r| r.created_at = "yesterday".into(), "created_at"),
            (|r| r.updated_at = "9999-99-99".into(), "updated_at"),
            (|r| r.updated_at = "2026-03-02 08:00:00".into(), "updated_at"),
            (|r| r.updated_at = "2099-01-01T00:00:00.000Z".into(), "updated_at"),
            (|r| r.created_at = "1970-01-01T00:00:00.000Z".into(), "created_at"),
            (|r| r.deleted_at = Some("soon".into()), "deleted_at"),
            (|r| r.rev = -7, "rev"),
            (|r| r.rev = 0, "rev"),
            (|r| r.rev = i64::MAX, "rev"),
            (|r| r.changed_by = String::new(), "changed_by"),
            (|r| r.changed_by = "install\u{1b}[2J".into(), "changed_by"),
        ];
        for (edit, field) in cases {
            let mut r = record();
            edit(&mut r);
            assert_eq!(bookkeeping(&r, now()).map(|(f, _)| f), Some(field), "{r:?}");
        }
        let mut tomorrow = record();
        tomorrow.updated_at = "2026-12-01T20:00:00.000Z".into();
        assert_eq!(bookkeeping(&tomorrow, now()), None, "a clock some hours ahead");
        let mut demo = record();
        demo.changed_by = "demo:national-base:1".into();
        assert_eq!(bookkeeping(&demo, now()), None, "a batch names itself");
    }

    #[test]
    fn one_id_is_one_record_of_one_register() {
        let mut seen = HashMap::new();
        let r = record();
        assert_eq!(claim_id(&r, &mut seen), None);
        assert_eq!(claim_id(&r, &mut seen), Some(("id", RecordProblem::DuplicateId)));
        let mut cohort = record();
        cohort.kind = RecordKind::Cohort;
        assert_eq!(
            claim_id(&cohort, &mut seen),
            Some((
                "id",
                RecordProblem::SharedId {
                    other: RecordKind::Person,
                    here: false
                }
            ))
        );
    }

    #[test]
    fn the_references_are_those_the_store_declares() {
        let store = crate::store::Store::open_in_memory().unwrap();
        for kind in RecordKind::ALL {
            let mut ours: Vec<(String, RecordKind)> = references(*kind)
                .into_iter()
                .map(|(f, k)| (f.to_string(), k))
                .collect();
            let mut store_refs = store.references(*kind);
            ours.sort_by(|a, b| a.0.cmp(&b.0));
            store_refs.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(ours, store_refs, "{kind:?}");
        }
    }
}
