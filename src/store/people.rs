//! Finding people: search as you type (name, document number, phone), filters, sorting
//! and paging over the whole register, fast at 100,000 people.

use rusqlite::types::Value;

use super::{Result, Store};
use crate::domain::grade::SkillGrade;
use crate::domain::identity::Sex;
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::training::Programme;
use crate::domain::{Id, Stored};

/// How the people list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PeopleSort {
    #[default]
    Name,
    DocNumber,
    BirthDate,
    /// Most recently changed first when descending.
    Updated,
    /// The highest grade the person holds.
    Grade,
}

/// A page of the people list: what to search for, which filters, which order, which page.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PeopleQuery {
    /// Part of a name, document number or phone number.
    pub text: String,
    /// Holds a qualification at this grade.
    pub grade: Option<SkillGrade>,
    /// Holds a qualification in this occupation (code), or in its group when a prefix
    /// such as `6-18` is given.
    pub occupation: Option<String>,
    /// Division code or prefix (`1502` = 包头市).
    pub division: Option<String>,
    /// Enrolled in a cohort of this programme.
    pub programme: Option<Programme>,
    /// Enrolled in a cohort running in this year.
    pub year: Option<i32>,
    /// Enrolled in a cohort of this organisation, or an apprentice of this studio.
    pub org: Option<uuid::Uuid>,
    pub sort: PeopleSort,
    pub descending: bool,
    pub offset: u64,
    pub limit: u64,
}

impl Default for PeopleQuery {
    fn default() -> Self {
        PeopleQuery {
            text: String::new(),
            grade: None,
            occupation: None,
            division: None,
            programme: None,
            year: None,
            org: None,
            sort: PeopleSort::Name,
            descending: false,
            offset: 0,
            limit: 100,
        }
    }
}

/// One line of the people list.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct PersonRow {
    pub id: Id<Person>,
    pub name: String,
    pub doc_number: String,
    pub sex: Sex,
    pub birth_date: chrono::NaiveDate,
    pub phone: Option<String>,
    pub employer: Option<String>,
    pub division: Option<String>,
    /// The highest grade held, and the occupation it is in.
    pub top_grade: Option<SkillGrade>,
    pub top_occupation: Option<String>,
}

/// One page and the number of people matching in all.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct PeoplePage {
    pub rows: Vec<PersonRow>,
    pub total: u64,
}

/// Grade codes ordered by rank, as an SQL CASE expression over `q.grade`.
fn grade_rank_sql() -> String {
    let mut s = String::from("CASE q.grade");
    for g in SkillGrade::ALL {
        s.push_str(&format!(" WHEN '{}' THEN {}", g.code(), g.rank()));
    }
    s.push_str(" END");
    s
}

/// A column value that does not read back as its type.
fn conversion(column: usize, e: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, e.to_string().into())
}

fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Store {
    /// One page of people matching `query`.
    pub fn people_page(&self, query: &PeopleQuery) -> Result<PeoplePage> {
        let mut conditions = vec!["p.deleted_at IS NULL".to_string()];
        let mut params: Vec<Value> = Vec::new();
        let bind = |v: Value, params: &mut Vec<Value>| {
            params.push(v);
            format!("?{}", params.len())
        };

        let text = crate::domain::text::normalise(&query.text);
        if !text.is_empty() {
            let code = crate::domain::text::normalise_code(&text);
            let is_number = code.chars().all(|c| c.is_ascii_digit() || c == 'X');
            if is_number {
                // Digits: a document or phone number. Prefixes use the indexes.
                let prefix = bind(Value::Text(format!("{}%", like_escape(&code))), &mut params);
                let inner = bind(Value::Text(format!("%{}%", like_escape(&code))), &mut params);
                conditions.push(format!(
                    "(p.doc_number LIKE {prefix} ESCAPE '\\' OR p.phone LIKE {prefix} ESCAPE '\\'
                      OR p.doc_number LIKE {inner} ESCAPE '\\' OR p.phone LIKE {inner} ESCAPE '\\')"
                ));
            } else {
                let inner = bind(Value::Text(format!("%{}%", like_escape(&text))), &mut params);
                let doc = bind(Value::Text(format!("%{}%", like_escape(&code))), &mut params);
                conditions.push(format!(
                    "(p.name LIKE {inner} ESCAPE '\\' OR p.doc_number LIKE {doc} ESCAPE '\\')"
                ));
            }
        }
        if let Some(grade) = query.grade {
            let g = bind(Value::Text(grade.code().into()), &mut params);
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM qualification q WHERE q.person = p.id AND q.deleted_at IS NULL AND q.grade = {g})"
            ));
        }
        if let Some(occupation) = query.occupation.as_deref().filter(|o| !o.is_empty()) {
            let o = bind(Value::Text(format!("{}%", like_escape(occupation))), &mut params);
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM qualification q WHERE q.person = p.id AND q.deleted_at IS NULL AND q.occupation LIKE {o} ESCAPE '\\')"
            ));
        }
        if let Some(division) = query.division.as_deref().filter(|d| !d.is_empty()) {
            let d = bind(Value::Text(format!("{}%", like_escape(division))), &mut params);
            conditions.push(format!("p.division LIKE {d} ESCAPE '\\'"));
        }
        if query.programme.is_some() || query.year.is_some() || query.org.is_some() {
            let mut cohort_conditions = vec![
                "e.person = p.id".to_string(),
                "e.deleted_at IS NULL".to_string(),
                "c.deleted_at IS NULL".to_string(),
            ];
            if let Some(programme) = query.programme {
                let v = bind(Value::Text(programme.code().into()), &mut params);
                cohort_conditions.push(format!("c.programme = {v}"));
            }
            if let Some(year) = query.year {
                let start = bind(Value::Text(format!("{year:04}-12-31")), &mut params);
                let end = bind(Value::Text(format!("{year:04}-01-01")), &mut params);
                cohort_conditions.push(format!("c.start_date <= {start} AND c.end_date >= {end}"));
            }
            let mut clause = format!(
                "EXISTS (SELECT 1 FROM enrolment e JOIN cohort c ON c.id = e.cohort WHERE {})",
                cohort_conditions.join(" AND ")
            );
            if let Some(org) = query.org {
                let o = bind(Value::Text(org.hyphenated().to_string()), &mut params);
                clause = format!(
                    "({clause} AND EXISTS (SELECT 1 FROM enrolment e JOIN cohort c ON c.id = e.cohort
                        WHERE e.person = p.id AND e.deleted_at IS NULL AND c.org = {o})
                      OR (EXISTS (SELECT 1 FROM apprenticeship a WHERE a.deleted_at IS NULL AND a.studio = {o}
                        AND (a.apprentice = p.id OR a.master = p.id))))"
                );
            }
            conditions.push(clause);
        }
        let filter = conditions.join(" AND ");

        let total: i64 = self.conn().query_row(
            &format!("SELECT count(*) FROM person p WHERE {filter}"),
            rusqlite::params_from_iter(params.iter()),
            |r| r.get(0),
        )?;

        let rank = grade_rank_sql();
        let top = format!(
            "(SELECT q.grade || '|' || q.occupation FROM qualification q
              WHERE q.person = p.id AND q.deleted_at IS NULL
              ORDER BY {rank} DESC, q.issued_on DESC LIMIT 1)"
        );
        let top_rank = format!(
            "(SELECT max({rank}) FROM qualification q WHERE q.person = p.id AND q.deleted_at IS NULL)"
        );
        let direction = if query.descending { "DESC" } else { "ASC" };
        let order = match query.sort {
            PeopleSort::Name => format!("p.name {direction}, p.id"),
            PeopleSort::DocNumber => format!("p.doc_number {direction}, p.id"),
            PeopleSort::BirthDate => format!("p.birth_date {direction}, p.id"),
            PeopleSort::Updated => format!("p.updated_at {direction}, p.id"),
            PeopleSort::Grade => format!("{top_rank} {direction} NULLS LAST, p.name, p.id"),
        };
        let limit = bind(Value::Integer(query.limit.min(10_000) as i64), &mut params);
        let offset = bind(Value::Integer(query.offset as i64), &mut params);
        let sql = format!(
            "SELECT p.id, p.name, p.doc_number, p.sex, p.birth_date, p.phone, p.employer, p.division, {top}
             FROM person p WHERE {filter} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            let top: Option<String> = r.get(8)?;
            let (top_grade, top_occupation) = match top.as_deref().and_then(|t| t.split_once('|')) {
                Some((g, o)) => (SkillGrade::from_code(g), Some(o.to_string())),
                None => (None, None),
            };
            let id: String = r.get(0)?;
            let sex: String = r.get(3)?;
            let birth: String = r.get(4)?;
            Ok(PersonRow {
                id: id.parse().map_err(|e| conversion(0, e))?,
                name: r.get(1)?,
                doc_number: r.get(2)?,
                sex: Sex::from_code(&sex)
                    .ok_or_else(|| conversion(3, format!("unknown sex code {sex:?}")))?,
                birth_date: birth.parse().map_err(|e| conversion(4, e))?,
                phone: r.get(5)?,
                employer: r.get(6)?,
                division: r.get(7)?,
                top_grade,
                top_occupation,
            })
        })?;
        Ok(PeoplePage {
            rows: rows.collect::<rusqlite::Result<Vec<_>>>()?,
            total: total as u64,
        })
    }

    /// The live person with this document number, if any.
    pub fn find_person_by_doc(&self, doc_number: &str) -> Result<Option<Stored<Person>>> {
        let number = crate::domain::text::normalise_code(doc_number);
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT * FROM person WHERE doc_number = ?1 AND deleted_at IS NULL LIMIT 1")?;
        let mut rows = stmt.query([number])?;
        match rows.next()? {
            Some(row) => Ok(Some(super::write::stored_from_row(row)?)),
            None => Ok(None),
        }
    }

    /// Organisations by kind, for pickers.
    pub fn organisations(&self) -> Result<Vec<Stored<Organisation>>> {
        self.list(&super::Scope::default())
    }
}
