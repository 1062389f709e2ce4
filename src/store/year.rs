//! Reading one organisation's year: the records the validator checks and the annual
//! return counts, in one pass of indexed queries.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;

use super::row::{ColumnNames, NamedRow};
use super::{Result, Store, StoreError, write::stored_from_row};
use crate::domain::honours::Award;
use crate::domain::org::Organisation;
use crate::domain::person::Person;
use crate::domain::staff::Teacher;
use crate::domain::studio::Apprenticeship;
use crate::domain::training::{Cohort, Enrolment, Qualification};
use crate::domain::year::{Dangling, DuplicatePair, Headline, Unreadable, YearData};
use crate::domain::{Id, Record, RecordKind, Stored};

/// Where a date column is well formed (`YYYY-MM-DD`, month 01–12, day 01–31): the year's
/// queries compare dates as text, so a row whose date is not is found by this, not by
/// the year it cannot be placed in.
fn well_formed_date(column: &str) -> String {
    format!(
        "(typeof({column}) = 'text' AND length({column}) = 10 \
         AND {column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' \
         AND substr({column}, 6, 2) BETWEEN '01' AND '12' AND substr({column}, 9, 2) BETWEEN '01' AND '31')"
    )
}

/// The organisation's cohorts running in the year, live or not.
const RUNNING_COHORTS: &str = "SELECT id FROM cohort WHERE org = ?1 AND start_date <= ?3 AND end_date >= ?2";

/// The studio's apprenticeships running in the year, live or not.
const YEAR_APPRENTICESHIPS: &str = "SELECT id FROM apprenticeship WHERE studio = ?1 AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?2)";

/// Which records of a register belong to the organisation's year, as a query of their
/// rowids, named `id` (the rows are then found directly, not through the index of their
/// ids; parameters: ?1 the organisation, ?2 and ?3 the year's first and last day, ?4 the
/// year, ?5 the year's people as a JSON list). Live and deleted parents alike: what the
/// references of these records point at is checked.
fn year_scope(kind: RecordKind) -> Option<String> {
    let condition = match kind {
        // Indicator sets are the region's, no organisation's year.
        RecordKind::Person | RecordKind::IndicatorSet | RecordKind::Indicator => return None,
        // Two indexed lookups (a holder's certificates, the certificates issued in the
        // year through the organisation's enrolments); an OR of the two would read every
        // certificate. The second starts from the year's certificates (the issue-date
        // index) and looks up each one's enrolment and cohort: starting from the
        // organisation's enrolments of every year read each of them, ten times the work
        // for a base some years old.
        RecordKind::Qualification => {
            return Some(
                "SELECT rowid AS id FROM qualification WHERE person IN (SELECT value FROM json_each(?5)) \
                 UNION SELECT q.rowid FROM qualification q WHERE q.issued_on >= ?2 AND q.issued_on <= ?3 \
                   AND EXISTS (SELECT 1 FROM enrolment e JOIN cohort c ON c.id = e.cohort \
                                WHERE e.id = q.enrolment AND c.org = ?1)"
                    .into(),
            );
        }
        RecordKind::Organisation => "id = ?1 OR host = ?1".to_string(),
        RecordKind::CoursePackage | RecordKind::Facility => "org = ?1".into(),
        RecordKind::Cohort => "org = ?1 AND start_date <= ?3 AND end_date >= ?2".into(),
        RecordKind::Enrolment => format!("cohort IN ({RUNNING_COHORTS})"),
        RecordKind::FacilityOccupation => "facility IN (SELECT id FROM facility WHERE org = ?1)".into(),
        RecordKind::CapacityDeclaration => "org = ?1 AND year = ?4".into(),
        RecordKind::PublicService
        | RecordKind::Achievement
        | RecordKind::Competition
        | RecordKind::Award
        | RecordKind::Fund => "org = ?1 AND date >= ?2 AND date <= ?3".into(),
        RecordKind::Apprenticeship => {
            "studio = ?1 AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?2)".into()
        }
        RecordKind::Teacher => {
            "org = ?1 AND (since IS NULL OR since <= ?3) AND (until IS NULL OR until >= ?2)".into()
        }
        RecordKind::TeacherTraining => {
            "date >= ?2 AND date <= ?3 AND teacher IN (SELECT id FROM teacher WHERE org = ?1)".into()
        }
        RecordKind::StageTemplate => "org = ?1".into(),
        RecordKind::PlanStage => format!("apprenticeship IN ({YEAR_APPRENTICESHIPS})"),
        RecordKind::LogEntry => format!("apprenticeship IN ({YEAR_APPRENTICESHIPS})"),
    };
    Some(format!(
        "SELECT rowid AS id FROM {} WHERE {condition}",
        kind.code()
    ))
}

/// How much of a year [`Store::read_year`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// Everything the validator checks, and what is wrong with it but the references to
    /// deleted records, which whoever is handed the year's people looks up
    /// (`load_year_handing_over`).
    Checked,
    /// Everything the figures are computed from (`load_year_figures`).
    Figures,
    /// What the headline figures are counted from (`year_headline`).
    Headline,
}

/// The records a year's headline figures are counted from, before their people are read.
type HeadlineRecords = (
    Vec<Stored<Cohort>>,
    Vec<Stored<Enrolment>>,
    Vec<Stored<Apprenticeship>>,
);

/// The organisation's records of every year whose dates place them in a year, with those
/// date columns (and the capacity's year, a number).
const DATED: &[(RecordKind, &str, &[&str])] = &[
    (RecordKind::Cohort, "org = ?1", &["start_date", "end_date"]),
    (RecordKind::PublicService, "org = ?1", &["date"]),
    (RecordKind::Achievement, "org = ?1", &["date"]),
    (RecordKind::Competition, "org = ?1", &["date"]),
    (RecordKind::Award, "org = ?1", &["date"]),
    (RecordKind::Fund, "org = ?1", &["date"]),
    (
        RecordKind::Apprenticeship,
        "studio = ?1",
        &["start_date", "end_date"],
    ),
    (RecordKind::Teacher, "org = ?1", &["since", "until"]),
    (
        RecordKind::TeacherTraining,
        "teacher IN (SELECT id FROM teacher WHERE org = ?1)",
        &["date"],
    ),
    (
        RecordKind::PlanStage,
        "apprenticeship IN (SELECT id FROM apprenticeship WHERE studio = ?1)",
        &["planned_start", "planned_end", "completed_on"],
    ),
    (
        RecordKind::LogEntry,
        "apprenticeship IN (SELECT id FROM apprenticeship WHERE studio = ?1)",
        &["date", "signed_on"],
    ),
    (
        RecordKind::Qualification,
        "EXISTS (SELECT 1 FROM enrolment e JOIN cohort c ON c.id = e.cohort
                  WHERE e.id = qualification.enrolment AND c.org = ?1)",
        &["issued_on"],
    ),
];

/// The partial indexes that hold exactly the rows of a register whose date column is not
/// well formed (schema V13), for the registers too large to test every row's date: the
/// check reads the index (empty, unless the file was edited outside SkillBase) and tests
/// each row it holds for its owner. The index's condition is the check's own, so the
/// index is named for SQLite to use it (`INDEXED BY`), and a file without it is read as
/// before.
const MISDATED_INDEXES: &[(RecordKind, &str, &str)] =
    &[(RecordKind::Qualification, "issued_on", "qualification_misdated")];

/// The registers whose records belong to an organisation through one column (directly,
/// or through their parent), and that column: a live record whose column names no record
/// at all belongs to no organisation, so no year's check of any organisation would see it.
const OWNERS: &[(RecordKind, &str, RecordKind)] = &[
    (RecordKind::Enrolment, "cohort", RecordKind::Cohort),
    (RecordKind::Qualification, "person", RecordKind::Person),
    (RecordKind::FacilityOccupation, "facility", RecordKind::Facility),
    (RecordKind::TeacherTraining, "teacher", RecordKind::Teacher),
    (RecordKind::CoursePackage, "org", RecordKind::Organisation),
    (RecordKind::Facility, "org", RecordKind::Organisation),
    (RecordKind::Cohort, "org", RecordKind::Organisation),
    (RecordKind::CapacityDeclaration, "org", RecordKind::Organisation),
    (RecordKind::PublicService, "org", RecordKind::Organisation),
    (RecordKind::Apprenticeship, "studio", RecordKind::Organisation),
    (RecordKind::Achievement, "org", RecordKind::Organisation),
    (RecordKind::Teacher, "org", RecordKind::Organisation),
    (RecordKind::Competition, "org", RecordKind::Organisation),
    (RecordKind::Award, "org", RecordKind::Organisation),
    (RecordKind::Fund, "org", RecordKind::Organisation),
    (RecordKind::StageTemplate, "org", RecordKind::Organisation),
    (
        RecordKind::PlanStage,
        "apprenticeship",
        RecordKind::Apprenticeship,
    ),
    (RecordKind::LogEntry, "apprenticeship", RecordKind::Apprenticeship),
];

impl Store {
    /// Live records of one register matching an SQL condition over its columns. A row
    /// with a value that cannot be read as its field's type is not returned but put in
    /// `bad`, named with its register, id and column, so that one bad value never stops
    /// the rest from being read, and never drops a record silently.
    fn select<R: Record>(
        &self,
        condition: &str,
        params: &[Value],
        bad: &mut Vec<Unreadable>,
    ) -> Result<Vec<Stored<R>>> {
        let sql = format!(
            "SELECT * FROM {} WHERE deleted_at IS NULL AND ({condition}) ORDER BY id",
            R::KIND.code()
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let names = ColumnNames::of(&stmt);
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |row| {
            Ok(stored_from_row::<R>(&NamedRow::new(row, &names)))
        })?;
        let mut out = Vec::new();
        for r in rows {
            match r? {
                Ok(s) => out.push(s),
                Err(StoreError::Unreadable {
                    kind,
                    id,
                    column,
                    value,
                    ..
                }) => bad.push(Unreadable {
                    label: super::links::describe(self.conn(), kind, &id),
                    kind,
                    id,
                    field: column,
                    value,
                }),
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// The organisations whose records can be read, and the values of those that cannot.
    pub fn organisations_readable(&self) -> Result<(Vec<Stored<Organisation>>, Vec<Unreadable>)> {
        let mut bad = Vec::new();
        let orgs = self.select("1", &[], &mut bad)?;
        Ok((orgs, bad))
    }

    /// The live organisations `org` hosts (a base's studios), those whose record can be
    /// read ([`Store::load_year`] names the others).
    pub fn hosted_by(&self, org: Id<Organisation>) -> Result<Vec<Stored<Organisation>>> {
        self.select("host = ?1", &[Value::Text(org.to_string())], &mut Vec::new())
    }

    /// The organisation a user named: its id, its exact name, or a part of its name that
    /// only one organisation has. With no name, the only organisation there is.
    pub fn resolve_organisation(&self, name: Option<&str>) -> Result<Stored<Organisation>> {
        let all: Vec<Stored<Organisation>> = self.select("1", &[], &mut Vec::new())?;
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
        let mut top: Vec<Stored<Organisation>> = self.select("host IS NULL", &[], &mut Vec::new())?;
        match (top.pop(), top.is_empty()) {
            (Some(only), true) => Ok(only),
            _ => self.resolve_organisation(None),
        }
    }

    /// Everything `org`'s calendar `year` touches (see [`YearData`]). A value that
    /// cannot be read is named in `unreadable` (with its record left out), and a live
    /// record pointing at a deleted one in `dangling`; only a database that cannot be read
    /// at all, or an organisation record that cannot, is an error.
    pub fn load_year(&self, org: Id<Organisation>, year: i32) -> Result<YearData> {
        let mut people = Vec::new();
        let mut data = self.load_year_handing_over(org, year, |found| people = found.to_vec())?;
        data.dangling = self.dangling_in_year(org, year, &people)?;
        Ok(data)
    }

    /// [`Store::load_year`] with its references to deleted records looked up elsewhere:
    /// `people` is handed the year's people as soon as they are known, before the people
    /// themselves and most registers are read, so that [`Store::dangling_in_year`] can
    /// run on a second connection meanwhile; the year's `dangling` is left empty for it.
    /// `people` is called exactly once when this returns `Ok`.
    pub fn load_year_handing_over(
        &self,
        org: Id<Organisation>,
        year: i32,
        people: impl FnOnce(&[Id<Person>]),
    ) -> Result<YearData> {
        self.read_year(org, year, Reading::Checked, people)
    }

    /// The live records of `org`'s `year` whose references point at a deleted record or
    /// at none ([`YearData::dangling`]), `people` being the year's people as
    /// [`Store::load_year_handing_over`] hands them over.
    pub fn dangling_in_year(
        &self,
        org: Id<Organisation>,
        year: i32,
        people: &[Id<Person>],
    ) -> Result<Vec<Dangling>> {
        let (o, first, last, y) = year_values(org, year);
        self.dangling(&[o, first, last, y, json(people)?])
    }

    /// The records of `org`'s `year` its figures are computed from, without looking for
    /// what is wrong with them (`dangling` and the misdated part of `unreadable` stay
    /// empty): for a year that is not itself being checked — the year before, which the
    /// year-on-year rule compares with, and a hosted studio's figures in its base's
    /// return. Half the work of [`Store::load_year`].
    pub fn load_year_figures(&self, org: Id<Organisation>, year: i32) -> Result<YearData> {
        self.read_year(org, year, Reading::Figures, |_| {})
    }

    /// The headline figures of `org`'s `year` (see [`YearData::headline`]), from only the
    /// records they are counted from: the cohorts running in the year, their enrolments,
    /// the apprenticeships, the public training and the people these name. What the
    /// year-on-year rule compares a year with; a fifth of the work of
    /// [`Store::load_year_figures`] (no certificates, no holders, no other registers).
    pub fn year_headline(&self, org: Id<Organisation>, year: i32) -> Result<Headline> {
        Ok(self.read_year(org, year, Reading::Headline, |_| {})?.headline())
    }

    fn read_year(
        &self,
        org: Id<Organisation>,
        year: i32,
        reading: Reading,
        hand_over: impl FnOnce(&[Id<Person>]),
    ) -> Result<YearData> {
        let checks = reading == Reading::Checked;
        let all = reading != Reading::Headline;
        let organisation = self.get(org)?;
        if organisation.meta.is_deleted() {
            return Err(StoreError::NotFound {
                kind: RecordKind::Organisation,
                id: org.to_string(),
            });
        }
        let mut bad = Vec::new();
        let (o, first, last, y) = year_values(org, year);
        let in_year = |column: &str| format!("org = ?1 AND {column} >= ?2 AND {column} <= ?3");
        let org_year = [o.clone(), first.clone(), last.clone()];

        let running = "org = ?1 AND start_date <= ?3 AND end_date >= ?2";
        let cohorts: Vec<Stored<Cohort>> = self.select(running, &org_year, &mut bad)?;
        let enrolments: Vec<Stored<Enrolment>> = self.select(
            &format!("cohort IN (SELECT id FROM cohort WHERE deleted_at IS NULL AND {running})"),
            &org_year,
            &mut bad,
        )?;
        let apprenticeships: Vec<Stored<Apprenticeship>> = self.select(
            "studio = ?1 AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?2)",
            &org_year,
            &mut bad,
        )?;
        if !all {
            return self.headline_year(
                year,
                organisation,
                (cohorts, enrolments, apprenticeships),
                &org_year,
            );
        }
        let teachers: Vec<Stored<Teacher>> = self.select(
            "org = ?1 AND (since IS NULL OR since <= ?3) AND (until IS NULL OR until >= ?2)",
            &org_year,
            &mut bad,
        )?;
        let teacher_trainings = self.select(
            "date >= ?2 AND date <= ?3 AND teacher IN (SELECT id FROM teacher WHERE org = ?1 AND deleted_at IS NULL)",
            &org_year,
            &mut bad,
        )?;
        let awards: Vec<Stored<Award>> = self.select(&in_year("date"), &org_year, &mut bad)?;

        // Certificates issued in the year through the organisation's cohorts (of any
        // year), read once: their holders, and the live enrolments and cohorts they were
        // gained in when those are of another year.
        let known: HashSet<Id<Enrolment>> = enrolments.iter().map(|e| e.id).collect();
        let (mut linked_ids, mut holders) = (Vec::new(), Vec::new());
        {
            let mut stmt = self.conn().prepare_cached(
                "SELECT q.person, e.id, e.deleted_at IS NULL AND c.deleted_at IS NULL FROM qualification q
                   JOIN enrolment e ON e.id = q.enrolment
                   JOIN cohort c ON c.id = e.cohort
                  WHERE q.deleted_at IS NULL AND c.org = ?1 AND q.issued_on >= ?2 AND q.issued_on <= ?3",
            )?;
            let mut rows = stmt.query(rusqlite::params_from_iter(org_year.iter()))?;
            while let Some(r) = rows.next()? {
                holders.push(super::row::value_text(r.get_ref(0)?));
                let enrolment = super::row::value_text(r.get_ref(1)?);
                if r.get::<_, bool>(2)? && enrolment.parse().is_ok_and(|id| !known.contains(&id)) {
                    linked_ids.push(enrolment);
                }
            }
        }
        linked_ids.sort();
        linked_ids.dedup();
        let linked_enrolments: Vec<Stored<Enrolment>> = self.select(
            "id IN (SELECT value FROM json_each(?1))",
            &[json(&linked_ids)?],
            &mut bad,
        )?;
        let year_cohorts: HashSet<Id<Cohort>> = cohorts.iter().map(|c| c.id).collect();
        let mut linked_cohort_ids: Vec<Id<Cohort>> = linked_enrolments
            .iter()
            .map(|e| e.record.cohort)
            .filter(|c| !year_cohorts.contains(c))
            .collect();
        linked_cohort_ids.sort();
        linked_cohort_ids.dedup();
        let linked_cohorts: Vec<Stored<Cohort>> = self.select(
            "id IN (SELECT value FROM json_each(?1))",
            &[json(&linked_cohort_ids)?],
            &mut bad,
        )?;

        let mut person_ids: Vec<Id<Person>> = Vec::new();
        person_ids.extend(enrolments.iter().map(|e| e.record.person));
        person_ids.extend(linked_enrolments.iter().map(|e| e.record.person));
        person_ids.extend(holders.iter().filter_map(|h| h.parse::<Id<Person>>().ok()));
        for a in &apprenticeships {
            person_ids.push(a.record.master);
            person_ids.push(a.record.apprentice);
        }
        person_ids.extend(teachers.iter().map(|t| t.record.person));
        person_ids.extend(awards.iter().filter_map(|a| a.record.person));
        person_ids.extend(organisation.record.master);
        person_ids.sort();
        person_ids.dedup();
        // Their certificates, and any certificate the year's enrolments name (whoever
        // holds it: one of another person is what the validator must see).
        let qualifications: Vec<Stored<Qualification>> = self.select(
            "id IN (SELECT id FROM qualification WHERE person IN (SELECT value FROM json_each(?1))
                    UNION SELECT qualification FROM enrolment
                     WHERE deleted_at IS NULL AND qualification IS NOT NULL AND cohort IN
                           (SELECT id FROM cohort WHERE deleted_at IS NULL AND org = ?2 AND start_date <= ?4 AND end_date >= ?3))",
            &[json(&person_ids)?, o.clone(), first.clone(), last.clone()],
            &mut bad,
        )?;
        person_ids.extend(qualifications.iter().map(|q| q.record.person));
        person_ids.sort();
        person_ids.dedup();
        let ids = json(&person_ids)?;
        if checks {
            hand_over(&person_ids);
        }
        let in_people = "id IN (SELECT value FROM json_each(?1))";
        let people: HashMap<Id<Person>, Stored<Person>> = self
            .select::<Person>(in_people, std::slice::from_ref(&ids), &mut bad)?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();

        let data = YearData {
            year,
            hosted: self.select("host = ?1", std::slice::from_ref(&o), &mut bad)?,
            cohorts,
            enrolments,
            people,
            qualifications,
            packages: self.select("org = ?1", std::slice::from_ref(&o), &mut bad)?,
            facilities: self.select("org = ?1", std::slice::from_ref(&o), &mut bad)?,
            facility_occupations: self.select(
                "facility IN (SELECT id FROM facility WHERE org = ?1 AND deleted_at IS NULL)",
                std::slice::from_ref(&o),
                &mut bad,
            )?,
            capacity: self
                .select("org = ?1 AND year = ?2", &[o.clone(), y], &mut bad)?
                .into_iter()
                .next(),
            services: self.select(&in_year("date"), &org_year, &mut bad)?,
            plan_stages: self.select(
                &format!("apprenticeship IN ({YEAR_APPRENTICESHIPS} AND deleted_at IS NULL)"),
                &org_year,
                &mut bad,
            )?,
            log_entries: self.select(
                &format!("apprenticeship IN ({YEAR_APPRENTICESHIPS} AND deleted_at IS NULL)"),
                &org_year,
                &mut bad,
            )?,
            apprenticeships,
            achievements: self.select(&in_year("date"), &org_year, &mut bad)?,
            teachers,
            teacher_trainings,
            competitions: self.select(&in_year("date"), &org_year, &mut bad)?,
            awards,
            funds: self.select(&in_year("date"), &org_year, &mut bad)?,
            org: organisation,
            linked_enrolments,
            linked_cohorts,
            dangling: Vec::new(),
            unreadable: Vec::new(),
            indicator_sets: Vec::new(),
            earlier_young_backbones: Vec::new(),
        };
        let data = self.with_indicator_sets(data)?;
        if checks {
            bad.extend(self.misdated(&o)?);
        }
        bad.sort_by(|a, b| (a.kind, &a.id, &a.field).cmp(&(b.kind, &b.id, &b.field)));
        bad.dedup_by(|a, b| (a.kind, &a.id, &a.field) == (b.kind, &b.id, &b.field));
        Ok(YearData {
            unreadable: bad,
            ..data
        })
    }

    /// The part of a year [`YearData::headline`] counts from, given its cohorts,
    /// enrolments and apprenticeships (`org_year`: the organisation, the year's first and
    /// last day): with its public training and the people those records name, the other
    /// registers left empty. A value that cannot be read leaves its record out, as in
    /// [`Store::load_year_figures`].
    fn headline_year(
        &self,
        year: i32,
        org: Stored<Organisation>,
        (cohorts, enrolments, apprenticeships): HeadlineRecords,
        org_year: &[Value],
    ) -> Result<YearData> {
        let mut bad = Vec::new();
        let services = self.select("org = ?1 AND date >= ?2 AND date <= ?3", org_year, &mut bad)?;
        let mut person_ids: Vec<Id<Person>> = enrolments.iter().map(|e| e.record.person).collect();
        person_ids.extend(apprenticeships.iter().map(|a| a.record.apprentice));
        person_ids.sort();
        person_ids.dedup();
        let people = self
            .select::<Person>(
                "id IN (SELECT value FROM json_each(?1))",
                &[json(&person_ids)?],
                &mut bad,
            )?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        Ok(YearData {
            year,
            org,
            hosted: Vec::new(),
            cohorts,
            enrolments,
            people,
            qualifications: Vec::new(),
            packages: Vec::new(),
            facilities: Vec::new(),
            facility_occupations: Vec::new(),
            capacity: None,
            services,
            apprenticeships,
            achievements: Vec::new(),
            teachers: Vec::new(),
            teacher_trainings: Vec::new(),
            competitions: Vec::new(),
            awards: Vec::new(),
            plan_stages: Vec::new(),
            log_entries: Vec::new(),
            funds: Vec::new(),
            indicator_sets: Vec::new(),
            earlier_young_backbones: Vec::new(),
            linked_enrolments: Vec::new(),
            linked_cohorts: Vec::new(),
            dangling: Vec::new(),
            unreadable: Vec::new(),
        })
    }

    /// Live records of the year (`scope`: see [`year_scope`]) whose references point at a
    /// deleted record or at none. One query per register, every reference of its records
    /// looked up together, so that the year's records are found once.
    fn dangling(&self, scope: &[Value]) -> Result<Vec<Dangling>> {
        let mut out = Vec::new();
        for kind in RecordKind::ALL {
            let Some(ids) = year_scope(*kind) else {
                continue;
            };
            let Some(fks) = self.refs.get(kind).filter(|f| !f.is_empty()) else {
                continue;
            };
            let table = kind.code();
            let mut columns = String::new();
            let mut joins = String::new();
            let mut wrong = Vec::new();
            for (i, fk) in fks.iter().enumerate() {
                let (column, target) = (&fk.column, fk.target.code());
                columns.push_str(&format!(
                    ", CAST(c.{column} AS TEXT), t{i}.id IS NOT NULL, \
                     c.{column} IS NOT NULL AND (t{i}.id IS NULL OR t{i}.deleted_at IS NOT NULL)"
                ));
                joins.push_str(&format!(" LEFT JOIN {target} t{i} ON t{i}.id = c.{column}"));
                wrong.push(format!(
                    "(c.{column} IS NOT NULL AND (t{i}.id IS NULL OR t{i}.deleted_at IS NOT NULL))"
                ));
            }
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT c.id{columns} FROM ({ids}) s JOIN {table} c ON c.rowid = s.id{joins}
                  WHERE c.deleted_at IS NULL AND ({})",
                wrong.join(" OR ")
            ))?;
            let n = stmt.parameter_count();
            let mut rows = stmt.query(rusqlite::params_from_iter(&scope[..n]))?;
            // Per reference, in the order of the references (then of the rows).
            let mut found: Vec<Vec<(String, String, bool)>> = vec![Vec::new(); fks.len()];
            while let Some(r) = rows.next()? {
                let id = super::row::value_text(r.get_ref(0)?);
                for (i, list) in found.iter_mut().enumerate() {
                    if r.get::<_, bool>(3 * i + 3)? {
                        let target = super::row::value_text(r.get_ref(3 * i + 1)?);
                        list.push((id.clone(), target, r.get::<_, bool>(3 * i + 2)?));
                    }
                }
            }
            for (fk, list) in fks.iter().zip(found) {
                for (id, target_id, exists) in list {
                    out.push(self.dangling_one(*kind, id, &fk.column, fk.target, target_id, exists));
                }
            }
        }
        Ok(out)
    }

    fn dangling_one(
        &self,
        kind: RecordKind,
        id: String,
        field: &str,
        target: RecordKind,
        target_id: String,
        target_exists: bool,
    ) -> Dangling {
        let c = self.conn();
        Dangling {
            label: super::links::describe(c, kind, &id),
            kind,
            id,
            field: field.to_string(),
            target,
            target_label: if target_exists {
                super::links::describe(c, target, &target_id)
            } else {
                String::new()
            },
            target_id,
            target_exists,
        }
    }

    /// The organisation's live records (of any year) whose dates are not well formed, so
    /// that no year can place them: each is named in every year's check.
    fn misdated(&self, org: &Value) -> Result<Vec<Unreadable>> {
        let mut out = Vec::new();
        let mut columns: Vec<(RecordKind, &str, String, String)> = DATED
            .iter()
            .flat_map(|(kind, owner, cols)| {
                cols.iter().map(move |col| {
                    (
                        *kind,
                        *col,
                        owner.to_string(),
                        format!("{col} IS NOT NULL AND NOT {}", well_formed_date(col)),
                    )
                })
            })
            .collect();
        columns.push((
            RecordKind::CapacityDeclaration,
            "year",
            "org = ?1".into(),
            "typeof(year) <> 'integer'".into(),
        ));
        for (kind, column, owner, wrong) in columns {
            let sql = |table: &str| {
                format!("SELECT id, {column} FROM {table} WHERE deleted_at IS NULL AND ({owner}) AND {wrong}")
            };
            let indexed = MISDATED_INDEXES
                .iter()
                .find(|(k, c, _)| *k == kind && *c == column)
                .and_then(|(_, _, index)| {
                    self.conn()
                        .prepare_cached(&sql(&format!("{} INDEXED BY {index}", kind.code())))
                        .ok()
                });
            // Without its index (dropped by hand), every row's date is tested as before.
            let mut stmt = match indexed {
                Some(stmt) => stmt,
                None => self.conn().prepare_cached(&sql(kind.code()))?,
            };
            for (id, value) in text_pairs(&mut stmt, &[org])? {
                out.push(Unreadable {
                    label: super::links::describe(self.conn(), kind, &id),
                    kind,
                    id,
                    field: column.to_string(),
                    value,
                });
            }
        }
        Ok(out)
    }

    /// Live records of the whole database that belong to no organisation because the
    /// record they belong through is not there at all (only an edit outside SkillBase,
    /// with its checks off, leaves one): no organisation's year would name them.
    pub fn orphans(&self) -> Result<Vec<Dangling>> {
        let mut out = Vec::new();
        for (kind, column, target) in OWNERS {
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT c.id, CAST(c.{column} AS TEXT) FROM {} c
                  WHERE c.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM {} t WHERE t.id = c.{column})",
                kind.code(),
                target.code()
            ))?;
            for (id, target_id) in text_pairs(&mut stmt, &[])? {
                out.push(self.dangling_one(*kind, id, column, *target, target_id, false));
            }
        }
        Ok(out)
    }

    /// Live people sharing a name, birth date and sex with someone else, or sharing a
    /// document number: candidates for "the same person entered twice".
    pub fn possible_duplicates(&self, among: &[Id<Person>]) -> Result<Vec<DuplicatePair>> {
        let ids = json(among)?;
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
        // Grouped from the index of live people by document (schema V13), in its order.
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.doc_type, p.doc_number, p.id, p.name FROM person p
             JOIN (SELECT doc_type, doc_number FROM person WHERE deleted_at IS NULL
                   GROUP BY doc_number, doc_type HAVING count(*) > 1) d
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

/// The values a year's queries are given: the organisation, the year's first and last
/// day, and the year.
fn year_values(org: Id<Organisation>, year: i32) -> (Value, Value, Value, Value) {
    (
        Value::Text(org.to_string()),
        Value::Text(format!("{year:04}-01-01")),
        Value::Text(format!("{year:04}-12-31")),
        Value::Integer(year.into()),
    )
}

/// A list as the JSON text `json_each` reads.
fn json<T: serde::Serialize>(items: &[T]) -> Result<Value> {
    serde_json::to_string(items)
        .map(Value::Text)
        .map_err(|e| StoreError::Row(super::row::RowError::Message(e.to_string())))
}

/// The first two columns of every row, as text whatever is stored (an id, a value that
/// may be anything).
fn text_pairs(stmt: &mut rusqlite::Statement<'_>, params: &[&Value]) -> Result<Vec<(String, String)>> {
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok((
            super::row::value_text(r.get_ref(0)?),
            super::row::value_text(r.get_ref(1)?),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
