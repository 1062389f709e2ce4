//! Records that must not contradict each other: a certificate and the enrolment it was
//! gained through belong to one person and point at each other; a person is enrolled in
//! a cohort once. The checks read the rows as stored (inside the caller's transaction),
//! so they hold for every way a record is written: a form, an import, a data package.
//! [`describe`] names a record as people recognise it, for the messages.

use rusqlite::{Connection, OptionalExtension};

use super::row::value_text;
use super::{Result, StoreError};
use crate::domain::RecordKind;
use crate::domain::grade::SkillGrade;
use crate::domain::identity::mask_document_number;

/// An enrolment's side of the link, as stored.
pub(super) struct EnrolmentLink {
    pub person: String,
    pub cohort: String,
    pub qualification: Option<String>,
    pub live: bool,
}

/// A certificate's side of the link, as stored.
pub(super) struct CertificateLink {
    pub person: String,
    pub enrolment: Option<String>,
    pub live: bool,
}

pub(super) fn enrolment_link(conn: &Connection, id: &str) -> Result<Option<EnrolmentLink>> {
    Ok(conn
        .prepare_cached(
            "SELECT CAST(person AS TEXT), CAST(cohort AS TEXT), CAST(qualification AS TEXT), deleted_at IS NULL
             FROM enrolment WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(EnrolmentLink {
                person: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                cohort: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                qualification: r.get(2)?,
                live: r.get(3)?,
            })
        })
        .optional()?)
}

pub(super) fn certificate_link(conn: &Connection, id: &str) -> Result<Option<CertificateLink>> {
    Ok(conn
        .prepare_cached(
            "SELECT CAST(person AS TEXT), CAST(enrolment AS TEXT), deleted_at IS NULL
             FROM qualification WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(CertificateLink {
                person: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                enrolment: r.get(1)?,
                live: r.get(2)?,
            })
        })
        .optional()?)
}

/// The live records of `table` whose `column` is `id`, other than `except`.
fn others(conn: &Connection, table: &str, column: &str, id: &str, except: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT id FROM {table} WHERE {column} = ?1 AND id <> ?2 AND deleted_at IS NULL LIMIT 1"
        ))?
        .query_row([id, except], |r| r.get(0))
        .optional()?)
}

fn another_person(
    conn: &Connection,
    certificate: &str,
    holder: &str,
    enrolment: &EnrolmentLink,
) -> StoreError {
    StoreError::CertificateOfAnotherPerson {
        certificate: describe(conn, RecordKind::Qualification, certificate),
        holder: describe(conn, RecordKind::Person, holder),
        enrolled: describe(conn, RecordKind::Person, &enrolment.person),
        cohort: describe(conn, RecordKind::Cohort, &enrolment.cohort),
    }
}

/// A live enrolment's certificate is the enrolled person's, no other enrolment has it, and
/// it points at no other enrolment.
pub(super) fn check_enrolment(conn: &Connection, id: &str) -> Result<()> {
    let Some(e) = enrolment_link(conn, id)? else {
        return Ok(());
    };
    let Some(q) = e.qualification.as_deref().filter(|_| e.live) else {
        return Ok(());
    };
    if let Some(c) = certificate_link(conn, q)?.filter(|c| c.live) {
        if c.person != e.person {
            return Err(another_person(conn, q, &c.person, &e));
        }
        if let Some(other) = c.enrolment.as_deref().filter(|o| *o != id) {
            return Err(StoreError::CertificateTaken {
                certificate: describe(conn, RecordKind::Qualification, q),
                enrolment: describe(conn, RecordKind::Enrolment, other),
            });
        }
    }
    if let Some(other) = others(conn, "enrolment", "qualification", q, id)? {
        return Err(StoreError::CertificateTaken {
            certificate: describe(conn, RecordKind::Qualification, q),
            enrolment: describe(conn, RecordKind::Enrolment, &other),
        });
    }
    Ok(())
}

/// A live certificate gained through an enrolment is the enrolled person's, that
/// enrolment has no other certificate, and no other certificate names it.
pub(super) fn check_certificate(conn: &Connection, id: &str) -> Result<()> {
    let Some(c) = certificate_link(conn, id)? else {
        return Ok(());
    };
    let Some(e_id) = c.enrolment.as_deref().filter(|_| c.live) else {
        return Ok(());
    };
    if let Some(e) = enrolment_link(conn, e_id)?.filter(|e| e.live) {
        if c.person != e.person {
            return Err(another_person(conn, id, &c.person, &e));
        }
        if let Some(other) = e.qualification.as_deref().filter(|q| *q != id) {
            return Err(StoreError::EnrolmentHasCertificate {
                enrolment: describe(conn, RecordKind::Enrolment, e_id),
                certificate: describe(conn, RecordKind::Qualification, other),
            });
        }
    }
    if let Some(other) = others(conn, "qualification", "enrolment", e_id, id)? {
        return Err(StoreError::EnrolmentHasCertificate {
            enrolment: describe(conn, RecordKind::Enrolment, e_id),
            certificate: describe(conn, RecordKind::Qualification, &other),
        });
    }
    Ok(())
}

/// Another live enrolment of the same person in the same cohort.
pub(super) fn duplicate_enrolment(
    conn: &Connection,
    id: &str,
    cohort: &str,
    person: &str,
) -> Result<Option<StoreError>> {
    let existing: Option<(String, Option<String>)> = conn
        .prepare_cached(
            "SELECT id, CAST(enrolled_on AS TEXT) FROM enrolment
             WHERE cohort = ?1 AND person = ?2 AND deleted_at IS NULL AND id <> ?3 LIMIT 1",
        )?
        .query_row([cohort, person, id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(
        existing.map(|(existing, enrolled_on)| StoreError::DuplicateEnrolment {
            person: describe(conn, RecordKind::Person, person),
            cohort: describe(conn, RecordKind::Cohort, cohort),
            existing,
            enrolled_on: enrolled_on.unwrap_or_default(),
        }),
    )
}

/// A record as people recognise it: a person's name with the masked document number, an
/// enrolment's person and cohort, a certificate's holder, occupation, grade and date, a
/// name or title, else its id. Read as stored, so it works for a record that cannot be
/// read as its type, and for one that is not there (its id).
pub fn describe(conn: &Connection, kind: RecordKind, id: &str) -> String {
    let sql = match kind {
        RecordKind::Person => "SELECT name, doc_number FROM person WHERE id = ?1".to_string(),
        RecordKind::Enrolment => "SELECT p.name, p.doc_number, c.name FROM enrolment e
             LEFT JOIN person p ON p.id = e.person LEFT JOIN cohort c ON c.id = e.cohort WHERE e.id = ?1"
            .to_string(),
        RecordKind::Qualification => {
            "SELECT p.name, p.doc_number, q.occupation, q.grade, q.issued_on, q.cert_number
             FROM qualification q LEFT JOIN person p ON p.id = q.person WHERE q.id = ?1"
                .to_string()
        }
        RecordKind::Apprenticeship => "SELECT m.name, m.doc_number, p.name, p.doc_number FROM apprenticeship a
             LEFT JOIN person m ON m.id = a.master LEFT JOIN person p ON p.id = a.apprentice WHERE a.id = ?1"
            .to_string(),
        RecordKind::Teacher => {
            "SELECT p.name, p.doc_number FROM teacher t LEFT JOIN person p ON p.id = t.person WHERE t.id = ?1"
                .to_string()
        }
        RecordKind::PublicService => "SELECT date, recipient FROM public_service WHERE id = ?1".into(),
        RecordKind::TeacherTraining => "SELECT date, content FROM teacher_training WHERE id = ?1".into(),
        RecordKind::Fund => "SELECT date, amount FROM fund WHERE id = ?1".into(),
        RecordKind::CapacityDeclaration => "SELECT year FROM capacity_declaration WHERE id = ?1".into(),
        RecordKind::FacilityOccupation => "SELECT f.name, o.occupation FROM facility_occupation o
             LEFT JOIN facility f ON f.id = o.facility WHERE o.id = ?1"
            .into(),
        RecordKind::StageTemplate | RecordKind::PlanStage => {
            format!("SELECT seq, title FROM {} WHERE id = ?1", kind.code())
        }
        RecordKind::LogEntry => "SELECT (SELECT p.name FROM apprenticeship a JOIN person p ON p.id = a.apprentice WHERE a.id = l.apprenticeship),
                    l.date, l.hours
             FROM log_entry l WHERE l.id = ?1"
            .to_string(),
        RecordKind::Achievement | RecordKind::Award => {
            format!("SELECT title FROM {} WHERE id = ?1", kind.code())
        }
        RecordKind::IndicatorSet => "SELECT name, from_year FROM indicator_set WHERE id = ?1".into(),
        RecordKind::Indicator => "SELECT s.name, i.org_kind, i.tier, i.label_zh, i.basis FROM indicator i
             LEFT JOIN indicator_set s ON s.id = i.indicator_set WHERE i.id = ?1"
            .into(),
        RecordKind::Organisation
        | RecordKind::CoursePackage
        | RecordKind::Facility
        | RecordKind::Cohort
        | RecordKind::Competition => format!("SELECT name FROM {} WHERE id = ?1", kind.code()),
    };
    let read = || -> rusqlite::Result<Option<Vec<String>>> {
        let mut stmt = conn.prepare_cached(&sql)?;
        let n = stmt.column_count();
        stmt.query_row([id], |r| {
            (0..n)
                .map(|i| {
                    r.get_ref(i).map(|v| match v {
                        rusqlite::types::ValueRef::Null => String::new(),
                        other => value_text(other),
                    })
                })
                .collect()
        })
        .optional()
    };
    let Ok(Some(v)) = read() else {
        return id.to_string();
    };
    // A person as named in messages; nobody (a reference to no one) as nothing.
    let who = |name: &str, doc: &str| {
        if name.is_empty() {
            String::new()
        } else {
            format!("{name}（{}）", mask_document_number(doc))
        }
    };
    let joined = |parts: &[String]| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let text = match (kind, v.as_slice()) {
        (RecordKind::Person | RecordKind::Teacher, [name, doc]) => who(name, doc),
        (RecordKind::Enrolment, [name, doc, cohort]) => joined(&[who(name, doc), cohort.clone()]),
        (RecordKind::Qualification, [name, doc, occupation, grade, issued, number]) => {
            let occupation_name = crate::domain::codes::occupation(occupation).map_or("", |o| o.name);
            let grade = SkillGrade::from_code(grade).map_or(grade.as_str(), |g| g.label_zh());
            let certificate = format!("{occupation} {occupation_name} {grade} {issued} {number}");
            joined(&[who(name, doc), certificate.trim().to_string()])
        }
        (RecordKind::Apprenticeship, [master, master_doc, apprentice, apprentice_doc]) => {
            format!(
                "{} → {}",
                who(master, master_doc),
                who(apprentice, apprentice_doc)
            )
        }
        (RecordKind::CapacityDeclaration, [year]) => year.clone(),
        (RecordKind::Fund, [date, fen]) => match fen.parse::<i64>() {
            Ok(fen) => format!("{date} {}", crate::domain::Money(fen)),
            Err(_) => format!("{date} {fen}"),
        },
        (_, parts) => parts.join(" "),
    };
    let text = text.trim().to_string();
    if text.is_empty() { id.to_string() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_described_as_people_know_it_and_a_missing_one_by_its_id() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE person (id TEXT, name TEXT, doc_number TEXT);
             CREATE TABLE cohort (id TEXT, name TEXT);
             CREATE TABLE enrolment (id TEXT, person TEXT, cohort TEXT);
             INSERT INTO person VALUES ('p', '张三', '150102199003071237');
             INSERT INTO cohort VALUES ('c', '2025年焊工班');
             INSERT INTO enrolment VALUES ('e', 'p', 'c');",
        )
        .unwrap();
        assert_eq!(
            describe(&conn, RecordKind::Enrolment, "e"),
            "张三（150102********1237） · 2025年焊工班"
        );
        assert_eq!(describe(&conn, RecordKind::Person, "nobody"), "nobody");
        assert_eq!(describe(&conn, RecordKind::Fund, "f"), "f", "no table: the id");
    }
}
