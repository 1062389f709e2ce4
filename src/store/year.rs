//! Reading one organisation's year: the records the validator checks and the annual
//! return counts, in one pass of indexed queries.

use std::collections::HashMap;

use rusqlite::types::Value;

use super::{Result, Store, StoreError, write::stored_from_row};
use crate::domain::honours::Award;
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::staff::Teacher;
use crate::domain::studio::Apprenticeship;
use crate::domain::training::Enrolment;
use crate::domain::year::{DuplicatePair, YearData};
use crate::domain::{Id, Record, RecordKind, Stored};

impl Store {
    /// Live records of one register matching an SQL condition over its columns.
    fn select<R: Record>(&self, condition: &str, params: &[Value]) -> Result<Vec<Stored<R>>> {
        let sql = format!(
            "SELECT * FROM {} WHERE deleted_at IS NULL AND ({condition}) ORDER BY id",
            R::KIND.code()
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |row| {
            Ok(stored_from_row::<R>(row))
        })?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }

    /// The organisation a user named: its id, its exact name, or a part of its name that
    /// only one organisation has. With no name, the only organisation there is.
    pub fn resolve_organisation(&self, name: Option<&str>) -> Result<Stored<Organisation>> {
        let all: Vec<Stored<Organisation>> = self.select("1", &[])?;
        let wanted = name.map(str::trim).filter(|n| !n.is_empty());
        // Names compared as typed either way: "（）" or "()", full-width digits or not.
        let plain = crate::domain::text::normalise;
        let matches: Vec<&Stored<Organisation>> = match wanted {
            None => all.iter().collect(),
            Some(text) => {
                let typed = plain(text);
                let exact: Vec<_> = all
                    .iter()
                    .filter(|o| o.id.to_string() == text || plain(&o.record.name) == typed)
                    .collect();
                if exact.is_empty() {
                    all.iter()
                        .filter(|o| plain(&o.record.name).contains(typed.as_str()))
                        .collect()
                } else {
                    exact
                }
            }
        };
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(StoreError::NoSuchOrganisation {
                text: wanted.unwrap_or_default().to_string(),
            }),
            many => Err(StoreError::AmbiguousOrganisation {
                text: wanted.unwrap_or_default().to_string(),
                candidates: many
                    .iter()
                    .map(|o| format!("{}（{}）", o.record.name, o.id))
                    .collect(),
            }),
        }
    }

    /// The organisation a return is for: the one named, or with no name the only
    /// organisation not hosted by another (a base with its hosted studios has one).
    pub fn resolve_reporting_organisation(&self, name: Option<&str>) -> Result<Stored<Organisation>> {
        if name.is_some() {
            return self.resolve_organisation(name);
        }
        let mut top: Vec<Stored<Organisation>> = self.select("host IS NULL", &[])?;
        match (top.pop(), top.is_empty()) {
            (Some(only), true) => Ok(only),
            _ => self.resolve_organisation(None),
        }
    }

    /// Everything `org`'s calendar `year` touches (see [`YearData`]).
    pub fn load_year(&self, org: Id<Organisation>, year: i32) -> Result<YearData> {
        let organisation = self.get(org)?;
        if organisation.meta.is_deleted() {
            return Err(StoreError::NotFound {
                kind: RecordKind::Organisation,
                id: org.to_string(),
            });
        }
        let o = Value::Text(org.to_string());
        let first = Value::Text(format!("{year:04}-01-01"));
        let last = Value::Text(format!("{year:04}-12-31"));
        let y = Value::Integer(year.into());
        let in_year = |column: &str| format!("org = ?1 AND {column} >= ?2 AND {column} <= ?3");
        let org_year = [o.clone(), first.clone(), last.clone()];

        let running = "org = ?1 AND start_date <= ?3 AND end_date >= ?2";
        let cohorts = self.select(running, &org_year)?;
        let enrolments: Vec<Stored<Enrolment>> = self.select(
            &format!("cohort IN (SELECT id FROM cohort WHERE deleted_at IS NULL AND {running})"),
            &org_year,
        )?;
        let apprenticeships: Vec<Stored<Apprenticeship>> = self.select(
            "studio = ?1 AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?2)",
            &org_year,
        )?;
        let teachers: Vec<Stored<Teacher>> = self.select(
            "org = ?1 AND (since IS NULL OR since <= ?3) AND (until IS NULL OR until >= ?2)",
            &org_year,
        )?;
        let teacher_trainings = self.select(
            "date >= ?2 AND date <= ?3 AND teacher IN (SELECT id FROM teacher WHERE org = ?1 AND deleted_at IS NULL)",
            &org_year,
        )?;
        let awards: Vec<Stored<Award>> = self.select(&in_year("date"), &org_year)?;

        let mut person_ids: Vec<Id<Person>> = Vec::new();
        person_ids.extend(enrolments.iter().map(|e| e.record.person));
        for a in &apprenticeships {
            person_ids.push(a.record.master);
            person_ids.push(a.record.apprentice);
        }
        person_ids.extend(teachers.iter().map(|t| t.record.person));
        person_ids.extend(awards.iter().filter_map(|a| a.record.person));
        person_ids.extend(organisation.record.master);
        person_ids.sort();
        person_ids.dedup();
        let ids = Value::Text(
            serde_json::to_string(&person_ids)
                .map_err(|e| StoreError::Row(super::row::RowError::Message(e.to_string())))?,
        );
        let in_people = "id IN (SELECT value FROM json_each(?1))";
        let people: HashMap<Id<Person>, Stored<Person>> = self
            .select::<Person>(in_people, std::slice::from_ref(&ids))?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let qualifications = self.select("person IN (SELECT value FROM json_each(?1))", &[ids])?;

        Ok(YearData {
            year,
            hosted: self.select("host = ?1", std::slice::from_ref(&o))?,
            cohorts,
            enrolments,
            people,
            qualifications,
            packages: self.select("org = ?1", std::slice::from_ref(&o))?,
            facilities: self.select("org = ?1", std::slice::from_ref(&o))?,
            facility_occupations: self.select(
                "facility IN (SELECT id FROM facility WHERE org = ?1 AND deleted_at IS NULL)",
                std::slice::from_ref(&o),
            )?,
            capacity: self
                .select("org = ?1 AND year = ?2", &[o.clone(), y])?
                .into_iter()
                .next(),
            services: self.select(&in_year("date"), &org_year)?,
            apprenticeships,
            achievements: self.select(&in_year("date"), &org_year)?,
            teachers,
            teacher_trainings,
            competitions: self.select(&in_year("date"), &org_year)?,
            awards,
            funds: self.select(&in_year("date"), &org_year)?,
            org: organisation,
        })
    }

    /// Live people sharing a name, birth date and sex with someone else, or sharing a
    /// document number: candidates for "the same person entered twice".
    pub fn possible_duplicates(&self, among: &[Id<Person>]) -> Result<Vec<DuplicatePair>> {
        let ids = Value::Text(
            serde_json::to_string(among)
                .map_err(|e| StoreError::Row(super::row::RowError::Message(e.to_string())))?,
        );
        let mut stmt = self.conn().prepare_cached(
            // Two indexed lookups (by document, by name); an OR of the two would scan
            // every person for every person checked.
            "WITH checked AS (SELECT p.* FROM person p WHERE p.deleted_at IS NULL
                                AND p.id IN (SELECT value FROM json_each(?1)))
             SELECT a.id, b.id, b.name, b.doc_number, 1 FROM checked a
               JOIN person b ON b.doc_number = a.doc_number AND b.id <> a.id AND b.deleted_at IS NULL
             UNION
             SELECT a.id, b.id, b.name, b.doc_number, 0 FROM checked a
               JOIN person b ON b.name = a.name AND b.birth_date = a.birth_date AND b.sex = a.sex
                AND b.doc_number <> a.doc_number AND b.id <> a.id AND b.deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([ids], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (a, b, other_name, other_doc_number, same_document) = row?;
            if let (Ok(person), Ok(other)) = (a.parse(), b.parse()) {
                out.push(DuplicatePair {
                    person,
                    other,
                    other_name,
                    other_doc_number,
                    same_document,
                });
            }
        }
        Ok(out)
    }

    /// Live people holding one document (type and number) with another live person: what
    /// the database itself refuses since schema V7 and an older version may have left.
    /// Each document once, with its people, oldest first. None in a reviewer's
    /// consolidation database, where two organisations' records of one person are
    /// expected (and counted once per document).
    pub fn documents_held_twice(&self) -> Result<Vec<SharedDocument>> {
        if self.is_consolidation()? {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.doc_type, p.doc_number, p.id, p.name FROM person p
             JOIN (SELECT doc_type, doc_number FROM person WHERE deleted_at IS NULL
                   GROUP BY doc_type, doc_number HAVING count(*) > 1) d
               ON d.doc_type = p.doc_type AND d.doc_number = p.doc_number
             WHERE p.deleted_at IS NULL
             ORDER BY p.doc_type, p.doc_number, p.created_at, p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out: Vec<SharedDocument> = Vec::new();
        for row in rows {
            let (doc_type, doc_number, id, name) = row?;
            let Ok(id) = id.parse() else { continue };
            match out.last_mut() {
                Some(d) if d.doc_type == doc_type && d.doc_number == doc_number => d.people.push((id, name)),
                _ => out.push(SharedDocument {
                    doc_type,
                    doc_number,
                    people: vec![(id, name)],
                }),
            }
        }
        Ok(out)
    }
}

/// A document held by two or more live people (see [`Store::documents_held_twice`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedDocument {
    pub doc_type: String,
    pub doc_number: String,
    /// The people holding it, oldest first: id and name.
    pub people: Vec<(Id<Person>, String)>,
}
