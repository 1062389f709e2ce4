//! Record identity: globally unique, time-ordered ids and the bookkeeping every record carries.
//!
//! Ids are UUIDv7: unique across installs (so a studio's laptop and the base's workstation
//! can merge without clashes), and ordered by creation time (so inserts append to indexes).
//! `Id<T>` is typed: a cohort id cannot be passed where a person id is expected.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

/// The id of one record of type `T`.
pub struct Id<T> {
    uuid: Uuid,
    kind: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    /// A fresh id, ordered after every id made earlier on this machine.
    pub fn new() -> Self {
        Self::from_uuid(Uuid::now_v7())
    }

    pub fn from_uuid(uuid: Uuid) -> Self {
        Id {
            uuid,
            kind: PhantomData,
        }
    }

    /// A UUIDv7 built from a given time and random bits: deterministic ids for demo data.
    pub fn from_parts(unix_millis: u64, random: [u8; 10]) -> Self {
        Self::from_uuid(uuid::Builder::from_unix_timestamp_millis(unix_millis, &random).into_uuid())
    }

    pub fn uuid(&self) -> Uuid {
        self.uuid
    }

    /// Reinterprets the id as another record type (for generic store code).
    pub fn cast<U>(self) -> Id<U> {
        Id::from_uuid(self.uuid)
    }
}

impl<T> Default for Id<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Id<T> {}
impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.uuid == other.uuid
    }
}
impl<T> Eq for Id<T> {}
impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.uuid.cmp(&other.uuid)
    }
}
impl<T> Hash for Id<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.uuid.hash(state)
    }
}
impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.uuid)
    }
}
impl<T> fmt::Display for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.uuid.hyphenated().fmt(f)
    }
}
impl<T> FromStr for Id<T> {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(Self::from_uuid)
    }
}
impl<T> Serialize for Id<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.uuid.hyphenated())
    }
}
impl<'de, T> Deserialize<'de> for Id<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// When and where a record was made and last changed, and whether it is deleted.
///
/// A delete never removes the row: it sets `deleted_at`, leaving a tombstone that travels
/// in data packages so the delete reaches other installs. `rev` counts the changes made to
/// the record (1 when created), and `changed_by` is the install that made the last change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub rev: i64,
    pub changed_by: String,
    /// The database's change sequence number of the transaction that last wrote the
    /// record (local to one database: "changed since" comparisons).
    pub change_seq: i64,
}

impl Meta {
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }
}

/// A record as kept in the store: its id, its bookkeeping, and its fields.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored<T> {
    pub id: Id<T>,
    pub meta: Meta,
    pub record: T,
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Thing;

    #[test]
    fn ids_are_ordered_by_creation_and_round_trip_as_text() {
        let a: Id<Thing> = Id::new();
        let b: Id<Thing> = Id::new();
        assert!(a < b);
        let text = a.to_string();
        assert_eq!(text.len(), 36);
        assert_eq!(text.parse::<Id<Thing>>().unwrap(), a);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Id<Thing>>(&json).unwrap(), a);
    }

    #[test]
    fn ids_from_parts_are_deterministic() {
        let a: Id<Thing> = Id::from_parts(1_700_000_000_000, [7; 10]);
        let b: Id<Thing> = Id::from_parts(1_700_000_000_000, [7; 10]);
        assert_eq!(a, b);
        assert_eq!(a.uuid().get_version_num(), 7);
    }
}
