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
    /// Whose highest grade is this one (or, with `grade_and_above`, this one or higher:
    /// 三级及以上 are the high-skill talents).
    pub grade: Option<SkillGrade>,
    pub grade_and_above: bool,
    /// Holds a qualification in this occupation (code), or in its group when a prefix
    /// such as `6-18` is given.
    pub occupation: Option<String>,
    /// Division code or prefix (`1502` = 包头市).
    pub division: Option<String>,
    /// Enrolled in a cohort of this programme.
    pub programme: Option<Programme>,
    /// Enrolled in a cohort running in this year.
    pub year: Option<i32>,
    /// Trained, taught or apprenticed by this organisation (with `programme` or `year`: enrolled
    /// in one of its cohorts).
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
            grade_and_above: false,
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

/// From how many holders a grade filter's page tests each person while walking the
/// sort's index instead of listing the holders and sorting them (`people_page`).
const DENSE_GRADE: i64 = 2_000;

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
            if code.chars().all(|c| c.is_ascii_digit() || c == 'X') {
                // A document or phone number, typed from its start; four to six digits may
                // also be the end of one (身份证后四位, 手机尾号).
                let from = bind(Value::Text(code.clone()), &mut params);
                let to = bind(Value::Text(format!("{code}\u{7f}")), &mut params);
                // Two index range lookups; written as a UNION because the planner will
                // not combine them through OR and scans the table instead.
                let mut terms = vec![format!(
                    "p.id IN (SELECT id FROM person WHERE doc_number >= {from} AND doc_number < {to}
                              UNION ALL
                              SELECT id FROM person WHERE phone >= {from} AND phone < {to} AND deleted_at IS NULL)"
                )];
                if (4..=6).contains(&code.len()) {
                    let tail = bind(Value::Text(code.clone()), &mut params);
                    terms.push(format!("substr(p.doc_number, -{}) = {tail}", code.len()));
                    terms.push(format!("substr(p.phone, -{}) = {tail}", code.len()));
                }
                conditions.push(format!("({})", terms.join(" OR ")));
            } else if text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
            {
                // Latin letters: a name or another document's number (passports).
                let name = bind(Value::Text(text.to_lowercase()), &mut params);
                let doc = bind(Value::Text(code), &mut params);
                conditions.push(format!(
                    "(instr(lower(p.name), {name}) > 0 OR instr(p.doc_number, {doc}) > 0)"
                ));
            } else {
                let name = bind(Value::Text(text.clone()), &mut params);
                conditions.push(format!("instr(p.name, {name}) > 0"));
            }
        }
        // The grade filter, and how a page asks it when many hold the grade (below).
        let mut grade_term: Option<(usize, String)> = None;
        // The highest grade (`person_grade`), exactly or at least: someone who holds 二级
        // and 一级 is a 一级 holder, not also a 二级 one.
        if let Some(grade) = query.grade {
            let r = bind(Value::Integer(i64::from(grade.rank())), &mut params);
            let test = if query.grade_and_above { ">=" } else { "=" };
            let exists =
                format!("EXISTS (SELECT 1 FROM person_grade g WHERE g.person = p.id AND g.rank {test} {r})");
            if query.grade_and_above {
                // "This grade and above" is most people with a grade (三级及以上: 400,000 of
                // 650,000): asked person by person, counting included (0.6 s against 1.5 s
                // listing them first).
                conditions.push(exists);
            } else {
                grade_term = Some((conditions.len(), exists));
                conditions.push(format!(
                    "p.id IN (SELECT g.person FROM person_grade g WHERE g.rank {test} {r})"
                ));
            }
        }
        if let Some(occupation) = query.occupation.as_deref().filter(|o| !o.is_empty()) {
            let from = bind(Value::Text(occupation.to_string()), &mut params);
            let to = bind(Value::Text(format!("{occupation}\u{7f}")), &mut params);
            conditions.push(format!(
                "p.id IN (SELECT q.person FROM qualification q
                          WHERE q.occupation >= {from} AND q.occupation < {to} AND q.deleted_at IS NULL)"
            ));
        }
        if let Some(division) = query.division.as_deref().filter(|d| !d.is_empty()) {
            let from = bind(Value::Text(division.to_string()), &mut params);
            let to = bind(Value::Text(format!("{division}\u{7f}")), &mut params);
            conditions.push(format!("p.division >= {from} AND p.division < {to}"));
        }
        if query.programme.is_some() || query.year.is_some() {
            let mut cohort_conditions = vec![
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
            if let Some(org) = query.org {
                let o = bind(Value::Text(org.hyphenated().to_string()), &mut params);
                cohort_conditions.push(format!("c.org = {o}"));
            }
            conditions.push(format!(
                "p.id IN (SELECT e.person FROM cohort c JOIN enrolment e ON e.cohort = c.id WHERE {})",
                cohort_conditions.join(" AND ")
            ));
        } else if let Some(org) = query.org {
            // Everyone this organisation trained, teaches or apprentices.
            let o = bind(Value::Text(org.hyphenated().to_string()), &mut params);
            conditions.push(format!(
                "p.id IN (SELECT e.person FROM cohort c JOIN enrolment e ON e.cohort = c.id
                          WHERE c.org = {o} AND e.deleted_at IS NULL AND c.deleted_at IS NULL
                          UNION SELECT a.apprentice FROM apprenticeship a WHERE a.studio = {o} AND a.deleted_at IS NULL
                          UNION SELECT a.master FROM apprenticeship a WHERE a.studio = {o} AND a.deleted_at IS NULL
                          UNION SELECT t.person FROM teacher t WHERE t.org = {o} AND t.deleted_at IS NULL)"
            ));
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
        let direction = if query.descending { "DESC" } else { "ASC" };
        // Ties are broken in the order of the index that serves each sort (its columns,
        // then the rowid), so SQLite walks the index instead of sorting every row.
        let order = match query.sort {
            PeopleSort::Name => String::new(),
            PeopleSort::DocNumber => format!("p.doc_number {direction}, p.rowid {direction}"),
            PeopleSort::BirthDate => format!("p.birth_date {direction}, p.rowid {direction}"),
            PeopleSort::Updated => format!("p.updated_at {direction}, p.rowid {direction}"),
            PeopleSort::Grade => String::new(),
        };
        let columns = format!(
            "p.id, p.name, p.doc_number, p.sex, p.birth_date, p.phone, p.employer, p.division, {top}"
        );
        let limit = query.limit.min(10_000);
        // A grade many hold (技师: a third of a region) is asked person by person while
        // the sort's index is walked, so a page reads about its own rows; listing every
        // holder first and sorting them all was most of the filter's time. A rare grade
        // keeps the list: walking the index would pass nearly everyone.
        let filter = match grade_term {
            Some((at, exists)) if total >= DENSE_GRADE => {
                let mut terms = conditions.clone();
                terms[at] = exists;
                terms.join(" AND ")
            }
            _ => filter,
        };
        let rows = if query.sort == PeopleSort::Grade {
            self.people_by_grade(&columns, &filter, &params, direction, limit, query.offset)?
        } else if query.sort == PeopleSort::Name {
            // By pinyin (`person_order`, kept by the schema's triggers), walking its key.
            let sql = format!(
                "SELECT {columns} FROM person_order o CROSS JOIN person p ON p.id = o.person WHERE {filter}
                 ORDER BY o.key {direction}, o.person {direction} LIMIT ?{} OFFSET ?{}",
                params.len() + 1,
                params.len() + 2
            );
            self.person_rows(&sql, &params, limit, query.offset)?
        } else {
            let sql = format!(
                "SELECT {columns} FROM person p WHERE {filter} ORDER BY {order} LIMIT ?{} OFFSET ?{}",
                params.len() + 1,
                params.len() + 2
            );
            self.person_rows(&sql, &params, limit, query.offset)?
        };
        Ok(PeoplePage {
            rows,
            total: total as u64,
        })
    }

    /// A page by highest grade (`person_grade`, kept by the schema's triggers with each
    /// person's name sort key), then by name (in pinyin order); people with no grade last either way. Those with a
    /// grade are read in the order of one of its indexes (descending or ascending), so a
    /// page reads only its own rows; only a page past them counts them, and then reads
    /// those without a grade in the order of the name's index.
    fn people_by_grade(
        &self,
        columns: &str,
        filter: &str,
        params: &[Value],
        direction: &str,
        limit: u64,
        offset: u64,
    ) -> Result<Vec<PersonRow>> {
        let (limit_at, offset_at) = (params.len() + 1, params.len() + 2);
        let graded = format!(
            "SELECT {columns} FROM person_grade g CROSS JOIN person p ON p.id = g.person WHERE {filter}
             ORDER BY g.rank {direction}, g.name, g.person LIMIT ?{limit_at} OFFSET ?{offset_at}"
        );
        let mut rows = self.person_rows(&graded, params, limit, offset)?;
        if rows.len() as u64 >= limit {
            return Ok(rows);
        }
        let from = if rows.is_empty() {
            let counted: i64 = self.conn().query_row(
                &format!("SELECT count(*) FROM person_grade g CROSS JOIN person p ON p.id = g.person WHERE {filter}"),
                rusqlite::params_from_iter(params.iter()),
                |r| r.get(0),
            )?;
            offset.saturating_sub(counted.max(0) as u64)
        } else {
            0
        };
        let ungraded = format!(
            "SELECT {columns} FROM person_order o CROSS JOIN person p ON p.id = o.person
             WHERE {filter} AND NOT EXISTS (SELECT 1 FROM person_grade g WHERE g.person = p.id)
             ORDER BY o.key, o.person LIMIT ?{limit_at} OFFSET ?{offset_at}"
        );
        let more = self.person_rows(&ungraded, params, limit - rows.len() as u64, from)?;
        rows.extend(more);
        Ok(rows)
    }

    /// The rows of a people-list statement whose last two parameters are its limit and
    /// offset, after `params`.
    fn person_rows(&self, sql: &str, params: &[Value], limit: u64, offset: u64) -> Result<Vec<PersonRow>> {
        let mut all = params.to_vec();
        all.push(Value::Integer(limit as i64));
        all.push(Value::Integer(offset as i64));
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(all.iter()), |r| {
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
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
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
