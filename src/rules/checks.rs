//! The checks behind each rule of the catalogue.

use std::collections::{HashMap, HashSet};

use super::{Detail, Finding, Rule};
use crate::domain::check::{Problem, Severity};
use crate::domain::identity::{DocType, mask_document_number};
use crate::domain::org::OrgKind;
use crate::domain::person::{Person, age_on};
use crate::domain::quality;
use crate::domain::studio::Apprenticeship;
use crate::domain::studio_log::{self, LogEntry, PlanStage};
use crate::domain::training::{AssessmentResult, Cohort, Enrolment, EnrolmentStatus, Qualification};
use crate::domain::year::{Dangling, DuplicatePair, Headline, Unreadable, YearData};
use crate::domain::{Id, Record, RecordKind, Stored, Today, Verdict};

fn who(p: &Person) -> String {
    format!("{}（{}）", p.name, mask_document_number(&p.doc_number))
}

/// The record a finding is about: its register, id, and how a person recognises it.
struct At {
    kind: RecordKind,
    id: String,
    record: String,
}

impl At {
    fn new(kind: RecordKind, id: String, record: String) -> At {
        At { kind, id, record }
    }
}

struct Out<'y> {
    year: &'y YearData,
    findings: Vec<Finding>,
}

impl<'y> Out<'y> {
    fn push(&mut self, rule: Rule, at: At, field: &'static str, value: String, detail: Detail) {
        let At { kind, id, record } = at;
        self.findings.push(Finding {
            rule,
            severity: rule.severity(),
            kind,
            record_id: id,
            record,
            field,
            value,
            detail,
        });
    }

    fn person_label(&self, id: Id<Person>) -> String {
        person_label(self.year, id)
    }

    /// The record's own field rules: ID problems get their own rules, the rest REC01.
    fn own_rules<R: Record>(&mut self, r: &Stored<R>, label: String, today: Today, extra: Verdict) {
        self.own_rules_labelled(r, || label, today, extra);
    }

    /// [`Out::own_rules`], the record's label made only if a rule finds something (most
    /// records pass: a year's tens of thousands of labels, each a name looked up and a
    /// document number masked, were a third of the validator's time).
    fn own_rules_labelled<R: Record>(
        &mut self,
        r: &Stored<R>,
        label: impl FnOnce() -> String,
        today: Today,
        extra: Verdict,
    ) {
        let label = std::cell::LazyCell::new(label);
        let mut verdict = r.record.validate(today);
        verdict.issues.extend(extra.issues);
        for issue in verdict.issues {
            let rule = match (&issue.problem, issue.field) {
                (Problem::IdNumber(_), _) => Rule::Id01,
                (Problem::BirthDateMismatch { .. }, _) | (Problem::SexMismatch { .. }, _) => Rule::Id02,
                (Problem::UnknownAddressCode { .. }, _) => Rule::Id03,
                (Problem::CertificateBeforeAge16 { .. }, _) => Rule::Qua01,
                (Problem::CertNumber(_), _) => Rule::Qua07,
                _ if issue.severity == Severity::Error => Rule::Rec01,
                _ => continue,
            };
            let value = field_value(&r.record, issue.field);
            self.push(
                rule,
                At::new(R::KIND, r.id.to_string(), (*label).clone()),
                issue.field,
                value,
                Detail::Field(issue),
            );
        }
    }
}

/// A person as findings name them (their id if they are not among the year's people).
fn person_label(year: &YearData, id: Id<Person>) -> String {
    year.person(id).map_or_else(|| id.to_string(), who)
}

/// A field's value as text (ID numbers masked), for the finding's "value" column.
fn field_value<R: Record>(record: &R, field: &str) -> String {
    let value = serde_json::to_value(record)
        .ok()
        .and_then(|v| v.get(field).cloned());
    let text = match value {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    if field == "doc_number" {
        mask_document_number(&text)
    } else {
        text
    }
}

pub fn run(
    year: &YearData,
    duplicates: &[DuplicatePair],
    previous: Option<&Headline>,
    today: Today,
) -> Vec<Finding> {
    // The rules on the organisation, its people and its training on a second core, those
    // on certificates and the rest here: two halves of about equal work, whose findings
    // are joined in the order one pass would have made them.
    let (mut findings, rest) = std::thread::scope(|scope| {
        let first = scope.spawn(|| {
            let mut out = Out {
                year,
                findings: Vec::new(),
            };
            organisation(&mut out, today);
            people(&mut out, duplicates, today);
            training(&mut out, today);
            out.findings
        });
        let mut out = Out {
            year,
            findings: Vec::new(),
        };
        qualifications(&mut out, today);
        services_and_studio(&mut out, today);
        others(&mut out, today);
        stored(&mut out.findings, &year.dangling, &year.unreadable);
        plausibility(&mut out, previous, today);
        attendance_and_subsidies(&mut out);
        // A panic in a rule is a bug: it is raised here as it would have been in one pass.
        let first = first
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (first, out.findings)
    });
    findings.extend(rest);
    findings
}

/// ENR07: a completion whose hours attended are under the floor of its cohort's planned
/// hours; FND01: the subsidies claimed in the year above the training-subsidy income.
/// Both over the enrolments of the cohorts that ended in the year, as the return counts
/// them (`domain::quality`).
fn attendance_and_subsidies(out: &mut Out<'_>) {
    let year = out.year;
    let floor = quality::attendance_floor(year);
    let mut findings = Vec::new();
    for (e, cohort, person) in quality::closing_enrolments(year) {
        if e.record.status != EnrolmentStatus::Completed {
            continue;
        }
        let (Some(share), Some(attended), Some(planned)) = (
            quality::attendance_of(&e.record, cohort),
            e.record.attended_hours,
            cohort.planned_hours(),
        ) else {
            continue;
        };
        if share < floor {
            findings.push((
                At::new(
                    RecordKind::Enrolment,
                    e.id.to_string(),
                    format!("{} · {}", who(person), cohort.name),
                ),
                attended,
                planned,
            ));
        }
    }
    for (at, attended, planned) in findings {
        out.push(
            Rule::Enr07,
            at,
            "attended_hours",
            attended.to_string(),
            Detail::Attendance {
                attended,
                planned,
                floor,
            },
        );
    }
    let claimed = quality::subsidies(year).total();
    let income = quality::subsidy_income(year);
    if claimed > income {
        out.push(
            Rule::Fnd01,
            At::new(
                RecordKind::Organisation,
                year.org.id.to_string(),
                year.org.record.name.clone(),
            ),
            "subsidies_claimed",
            claimed.to_string(),
            Detail::Subsidies {
                claimed: claimed.0,
                income: income.0,
            },
        );
    }
}

/// What the whole database holds that no organisation's year names (see
/// [`super::check_database`]).
pub fn database(orphans: &[Dangling], unreadable: &[Unreadable]) -> Vec<Finding> {
    let mut findings = Vec::new();
    stored(&mut findings, orphans, unreadable);
    findings
}

/// A column's name as the field a finding names (`id` for one no register has).
fn field_of(kind: RecordKind, column: &str) -> &'static str {
    crate::registers::fields::field_name(kind, column).unwrap_or("id")
}

/// REF01 and REC02: references to deleted records, values that cannot be read.
fn stored(findings: &mut Vec<Finding>, dangling: &[Dangling], unreadable: &[Unreadable]) {
    for d in dangling {
        findings.push(Finding {
            rule: Rule::Ref01,
            severity: Rule::Ref01.severity(),
            kind: d.kind,
            record_id: d.id.clone(),
            record: d.label.clone(),
            field: field_of(d.kind, &d.field),
            value: d.target_id.clone(),
            detail: Detail::Dangling {
                target: d.target,
                target_label: d.target_label.clone(),
                exists: d.target_exists,
            },
        });
    }
    for u in unreadable {
        findings.push(Finding {
            rule: Rule::Rec02,
            severity: Rule::Rec02.severity(),
            kind: u.kind,
            record_id: u.id.clone(),
            record: u.label.clone(),
            field: field_of(u.kind, &u.field),
            value: u.value.clone(),
            detail: Detail::Unreadable,
        });
    }
}

/// Figures that may be true but should be looked at: delivered above the declared
/// capacity, no capacity declared, too many person-times for a service's hours, a headline
/// figure that changed by more than half since the year before.
fn plausibility(out: &mut Out<'_>, previous: Option<&Headline>, today: Today) {
    let year = out.year;
    let org = &year.org;
    let now = year.headline();
    let base = org.record.kind == OrgKind::TrainingBase;
    if base {
        match &year.capacity {
            Some(c) => {
                for (field, delivered, declared) in [
                    (
                        "high_skill_per_year",
                        now.high_skill_trained,
                        c.record.high_skill_per_year as u64,
                    ),
                    (
                        "public_service_per_year",
                        now.public_service_person_times,
                        c.record.public_service_per_year as u64,
                    ),
                ] {
                    if delivered > declared {
                        out.push(
                            Rule::Cap01,
                            At::new(
                                RecordKind::CapacityDeclaration,
                                c.id.to_string(),
                                c.record.year.to_string(),
                            ),
                            field,
                            declared.to_string(),
                            Detail::Figures {
                                value: delivered,
                                against: declared,
                            },
                        );
                    }
                }
            }
            None if !year.counted_enrolments().is_empty() || !year.services.is_empty() => out.push(
                Rule::Cap02,
                At::new(
                    RecordKind::Organisation,
                    org.id.to_string(),
                    org.record.name.clone(),
                ),
                "capacity",
                String::new(),
                Detail::None,
            ),
            None => {}
        }
    }
    for s in &year.services {
        let r = &s.record;
        if r.person_times > 0 && (r.hours <= 0.0 || r.person_times as f64 / r.hours > MAX_PER_HOUR) {
            out.push(
                Rule::Srv02,
                At::new(
                    RecordKind::PublicService,
                    s.id.to_string(),
                    format!("{} {}", r.date, r.recipient),
                ),
                "person_times",
                r.person_times.to_string(),
                Detail::PerHour {
                    person_times: r.person_times,
                    hours: r.hours,
                },
            );
        }
    }
    // A year still running is not compared: its figures are not complete.
    let (Some(before), true) = (previous, today.0 > year.last_day()) else {
        return;
    };
    let headline: Vec<(&'static str, u64, u64)> = if base {
        vec![
            (
                "high_skill_trained",
                now.high_skill_trained,
                before.high_skill_trained,
            ),
            (
                "public_service_person_times",
                now.public_service_person_times,
                before.public_service_person_times,
            ),
        ]
    } else {
        vec![("young_backbones", now.young_backbones, before.young_backbones)]
    };
    for (field, value, against) in headline {
        if against > 0 && value.abs_diff(against) * 2 > against {
            out.push(
                Rule::Yoy01,
                At::new(
                    RecordKind::Organisation,
                    org.id.to_string(),
                    org.record.name.clone(),
                ),
                field,
                value.to_string(),
                Detail::Figures { value, against },
            );
        }
    }
}

/// The most public-training person-times one hour of service is taken to hold before
/// SRV02 asks (a large lecture hall, not a workshop).
pub const MAX_PER_HOUR: f64 = 200.0;

fn organisation(out: &mut Out<'_>, today: Today) {
    let org = &out.year.org;
    let label = org.record.name.clone();
    let id = org.id.to_string();
    if org.record.credit_code.is_none() {
        out.push(
            Rule::Org01,
            At::new(RecordKind::Organisation, id.clone(), label.clone()),
            "credit_code",
            String::new(),
            Detail::None,
        );
    }
    if org.record.division.is_none() {
        out.push(
            Rule::Org02,
            At::new(RecordKind::Organisation, id.clone(), label.clone()),
            "division",
            String::new(),
            Detail::None,
        );
    }
    if org.record.tier.is_none() {
        out.push(
            Rule::Org03,
            At::new(RecordKind::Organisation, id, label.clone()),
            "tier",
            String::new(),
            Detail::None,
        );
    }
    out.own_rules(org, label, today, Verdict::default());
}

fn people(out: &mut Out<'_>, duplicates: &[DuplicatePair], today: Today) {
    let mut people: Vec<&Stored<Person>> = out.year.people.values().collect();
    people.sort_by_key(|p| p.id);
    let font = crate::fonts::ReportFont::get();
    for p in people {
        out.own_rules_labelled(p, || who(&p.record), today, Verdict::default());
        let missing: Vec<String> = p
            .record
            .name
            .chars()
            .filter(|c| !c.is_whitespace() && !font.is_some_and(|f| f.covers(*c)))
            .map(|c| format!("{c}（U+{:04X}）", c as u32))
            .collect();
        if !missing.is_empty() {
            out.push(
                Rule::Fnt01,
                At::new(RecordKind::Person, p.id.to_string(), who(&p.record)),
                "name",
                p.record.name.clone(),
                Detail::Unprintable(missing.join("、")),
            );
        }
    }
    // Each pair once, reported on the person in this year's records.
    let mut seen = HashSet::new();
    for pair in duplicates {
        let key = if pair.person < pair.other {
            (pair.person, pair.other)
        } else {
            (pair.other, pair.person)
        };
        if !seen.insert(key) {
            continue;
        }
        let Some(p) = out.year.people.get(&pair.person) else {
            continue;
        };
        let rule = if pair.same_document {
            Rule::Per01
        } else {
            Rule::Per03
        };
        let detail = Detail::OtherPerson {
            name: pair.other_name.clone(),
            doc: mask_document_number(&pair.other_doc_number),
        };
        let value = mask_document_number(&p.record.doc_number);
        out.push(
            rule,
            At::new(RecordKind::Person, pair.person.to_string(), who(&p.record)),
            "doc_number",
            value,
            detail,
        );
    }
}

fn training(out: &mut Out<'_>, today: Today) {
    let year = out.year;
    let cohorts: HashMap<_, _> = year.cohorts.iter().map(|c| (c.id, c)).collect();
    for c in &year.cohorts {
        if c.record.package.is_none() {
            out.push(
                Rule::Coh01,
                At::new(RecordKind::Cohort, c.id.to_string(), c.record.name.clone()),
                "package",
                String::new(),
                Detail::None,
            );
        }
        out.own_rules(c, c.record.name.clone(), today, Verdict::default());
    }
    // The first live enrolment of a person in a cohort (the earliest); later ones are
    // duplicates.
    let mut first: HashMap<(Id<Cohort>, Id<Person>), &Stored<Enrolment>> = HashMap::new();
    let mut by_date: Vec<&Stored<Enrolment>> = year.enrolments.iter().collect();
    by_date.sort_by_key(|e| (e.record.enrolled_on, e.id));
    for e in by_date {
        first.entry((e.record.cohort, e.record.person)).or_insert(e);
    }
    for e in &year.enrolments {
        let Some(cohort) = cohorts.get(&e.record.cohort) else {
            continue;
        };
        // Made only for an enrolment something is found on.
        let label = std::cell::LazyCell::new(|| {
            format!("{} · {}", person_label(year, e.record.person), cohort.record.name)
        });
        let id = e.id.to_string();
        if let Some(p) = year.person(e.record.person)
            && p.doc_type == DocType::CitizenId
        {
            let age = age_on(p.birth_date, e.record.enrolled_on);
            if !(16..=65).contains(&age) {
                out.push(
                    Rule::Per02,
                    At::new(RecordKind::Enrolment, id.clone(), (*label).clone()),
                    "enrolled_on",
                    e.record.enrolled_on.to_string(),
                    Detail::Age(age),
                );
            }
        }
        if let Some(earlier) = first.get(&(e.record.cohort, e.record.person))
            && earlier.id != e.id
        {
            out.push(
                Rule::Enr05,
                At::new(RecordKind::Enrolment, id.clone(), (*label).clone()),
                "person",
                out.person_label(e.record.person),
                Detail::OtherEnrolment {
                    enrolled_on: earlier.record.enrolled_on,
                },
            );
        }
        for issue in e.record.check_in_cohort(&cohort.record, today).issues {
            let rule = match issue.problem {
                Problem::EnrolledAfterCohortEnded { .. } => Rule::Enr06,
                _ => Rule::Enr01,
            };
            let value = field_value(&e.record, issue.field);
            out.push(
                rule,
                At::new(RecordKind::Enrolment, id.clone(), (*label).clone()),
                issue.field,
                value,
                Detail::Field(issue),
            );
        }
        if e.record.status == EnrolmentStatus::Completed {
            if e.record.completed_on.is_none() {
                out.push(
                    Rule::Enr03,
                    At::new(RecordKind::Enrolment, id.clone(), (*label).clone()),
                    "completed_on",
                    String::new(),
                    Detail::None,
                );
            }
            match e.record.result {
                None => out.push(
                    Rule::Enr02,
                    At::new(RecordKind::Enrolment, id.clone(), (*label).clone()),
                    "result",
                    String::new(),
                    Detail::None,
                ),
                Some(AssessmentResult::Passed) if e.record.qualification.is_none() => {
                    out.push(
                        Rule::Enr04,
                        At::new(RecordKind::Enrolment, id.clone(), (*label).clone()),
                        "qualification",
                        String::new(),
                        Detail::None,
                    );
                }
                _ => {}
            }
        }
        out.own_rules_labelled(e, || (*label).clone(), today, Verdict::default());
    }
}

/// How a certificate is named in a finding: holder, occupation and grade.
fn certificate_label(year: &YearData, q: &Qualification) -> String {
    format!(
        "{} · {} {}",
        person_label(year, q.person),
        q.occupation,
        q.grade.name_zh()
    )
}

fn qualifications(out: &mut Out<'_>, today: Today) {
    let year = out.year;
    let enrolments: HashMap<_, _> = year
        .enrolments
        .iter()
        .chain(&year.linked_enrolments)
        .map(|e| (e.id, e))
        .collect();
    let certificates: HashMap<_, _> = year.qualifications.iter().map(|q| (q.id, q)).collect();
    // Certificates gained or dated this year, and any gained through the enrolments seen.
    let relevant = |q: &Stored<Qualification>| {
        year.contains(q.record.issued_on) || q.record.enrolment.is_some_and(|e| enrolments.contains_key(&e))
    };
    for q in year.qualifications.iter().filter(|q| relevant(q)) {
        // Made only for a certificate something is found on.
        let label = std::cell::LazyCell::new(|| certificate_label(year, &q.record));
        let at = || At::new(RecordKind::Qualification, q.id.to_string(), (*label).clone());
        let extra = match year.person(q.record.person) {
            Some(holder) => q.record.validate_with_person(holder, today),
            None => Verdict::default(),
        };
        if let Some(e) = q.record.enrolment.and_then(|e| enrolments.get(&e)) {
            if e.record.person != q.record.person {
                let enrolled = out.person_label(e.record.person);
                out.push(
                    Rule::Qua03,
                    at(),
                    "enrolment",
                    e.id.to_string(),
                    Detail::TwoPeople {
                        holder: out.person_label(q.record.person),
                        enrolled,
                    },
                );
            } else if let Some(cohort) = year.cohort(e.record.cohort) {
                for issue in q
                    .record
                    .check_against_enrolment(&e.record, &cohort.record, today)
                    .issues
                {
                    let rule = match issue.problem {
                        Problem::CertificateBeforeCohort { .. } => Rule::Qua04,
                        Problem::CertificateBeforeEnrolment { .. } => Rule::Qua02,
                        _ => Rule::Qua05,
                    };
                    let value = field_value(&q.record, issue.field);
                    out.push(rule, at(), issue.field, value, Detail::Field(issue));
                }
            }
            if e.record.qualification != Some(q.id) {
                let other = e.record.qualification.map(|o| {
                    certificates
                        .get(&o)
                        .map_or_else(|| o.to_string(), |c| certificate_label(year, &c.record))
                });
                out.push(
                    Rule::Qua06,
                    at(),
                    "enrolment",
                    e.id.to_string(),
                    Detail::LinkedTo(other),
                );
            }
        }
        out.own_rules_labelled(q, || (*label).clone(), today, extra);
    }
    // The enrolments' side: a certificate named by an enrolment that does not name it
    // back, or that is another person's (when the certificate's side does not say so).
    for e in year.enrolments.iter().chain(&year.linked_enrolments) {
        let Some(q) = e.record.qualification.and_then(|q| certificates.get(&q)) else {
            continue;
        };
        if q.record.enrolment == Some(e.id) {
            continue;
        }
        let label = match year.cohort(e.record.cohort) {
            Some(c) => format!("{} · {}", out.person_label(e.record.person), c.record.name),
            None => out.person_label(e.record.person),
        };
        let at = At::new(RecordKind::Enrolment, e.id.to_string(), label);
        if q.record.person != e.record.person {
            let detail = Detail::TwoPeople {
                holder: out.person_label(q.record.person),
                enrolled: out.person_label(e.record.person),
            };
            out.push(Rule::Qua03, at, "qualification", q.id.to_string(), detail);
        } else {
            let other = q.record.enrolment.map(|o| {
                enrolments.get(&o).map_or_else(
                    || o.to_string(),
                    |oe| {
                        year.cohort(oe.record.cohort)
                            .map_or_else(|| o.to_string(), |c| c.record.name.clone())
                    },
                )
            });
            out.push(
                Rule::Qua06,
                at,
                "qualification",
                q.id.to_string(),
                Detail::LinkedTo(other),
            );
        }
    }
}

fn services_and_studio(out: &mut Out<'_>, today: Today) {
    let year = out.year;
    for s in &year.services {
        let label = format!("{} {}", s.record.date, s.record.recipient);
        if s.record.person_times == 0 {
            out.push(
                Rule::Srv01,
                At::new(RecordKind::PublicService, s.id.to_string(), label.clone()),
                "person_times",
                "0".into(),
                Detail::None,
            );
        }
        out.own_rules(s, label, today, Verdict::default());
    }
    let apprentices: HashSet<Id<Person>> = year.apprenticeships.iter().map(|a| a.record.apprentice).collect();
    let mut masters_flagged = HashSet::new();
    for a in &year.apprenticeships {
        let label = format!(
            "{} → {}",
            out.person_label(a.record.master),
            out.person_label(a.record.apprentice)
        );
        if a.record.agreement_date.is_none() {
            out.push(
                Rule::App01,
                At::new(RecordKind::Apprenticeship, a.id.to_string(), label.clone()),
                "agreement_date",
                String::new(),
                Detail::None,
            );
        }
        if apprentices.contains(&a.record.master) && masters_flagged.insert(a.record.master) {
            out.push(
                Rule::App02,
                At::new(RecordKind::Apprenticeship, a.id.to_string(), label.clone()),
                "master",
                out.person_label(a.record.master),
                Detail::None,
            );
        }
        out.own_rules(a, label.clone(), today, Verdict::default());
        apprenticeship_log(out, a, &label, today);
    }
}

/// APP03 and the log's own rules: an active apprenticeship quiet for three months (as
/// of the year's end, or today in a year still running); each stage and each entry of
/// the year rechecked as the store checks them on saving (REC01), for records a package
/// or an older version brought.
fn apprenticeship_log(out: &mut Out<'_>, a: &Stored<Apprenticeship>, label: &str, today: Today) {
    let year = out.year;
    let on = year.last_day().min(today.0);
    let entries: Vec<&Stored<LogEntry>> = year
        .log_entries
        .iter()
        .filter(|e| e.record.apprenticeship == a.id)
        .collect();
    if on >= year.first_day() {
        let last = entries.iter().map(|e| e.record.date).filter(|d| *d <= on).max();
        if studio_log::is_quiet(&a.record, last, on) {
            out.push(
                Rule::App03,
                At::new(RecordKind::Apprenticeship, a.id.to_string(), label.to_string()),
                "status",
                last.map(|d| d.to_string()).unwrap_or_default(),
                Detail::NoEntrySince { last, on },
            );
        }
    }
    let stages: HashMap<Id<PlanStage>, &PlanStage> =
        year.plan_stages.iter().map(|s| (s.id, &s.record)).collect();
    for s in year
        .plan_stages
        .iter()
        .filter(|s| s.record.apprenticeship == a.id)
    {
        let extra = s.record.check_in_apprenticeship(&a.record, today);
        out.own_rules(
            s,
            format!("{label} · {} {}", s.record.seq, s.record.title),
            today,
            extra,
        );
    }
    let per_day = studio_log::hours_per_day(entries.iter().map(|e| &e.record));
    for e in entries.iter().filter(|e| year.contains(e.record.date)) {
        let r = &e.record;
        let stage = r.stage.and_then(|s| stages.get(&s).copied());
        let others = per_day.get(&(r.apprenticeship, r.date)).copied().unwrap_or(0.0) - r.hours;
        let extra = r.check_related(&a.record, stage, others, today);
        out.own_rules(*e, format!("{label} · {}", r.date), today, extra);
    }
}

fn others(out: &mut Out<'_>, today: Today) {
    let year = out.year;
    for r in &year.achievements {
        out.own_rules(r, r.record.title.clone(), today, Verdict::default());
    }
    for r in &year.teachers {
        let label = out.person_label(r.record.person);
        out.own_rules(r, label, today, Verdict::default());
    }
    for r in &year.teacher_trainings {
        out.own_rules(
            r,
            format!("{} {}", r.record.date, r.record.content),
            today,
            Verdict::default(),
        );
    }
    for r in &year.competitions {
        out.own_rules(r, r.record.name.clone(), today, Verdict::default());
    }
    for r in &year.awards {
        out.own_rules(r, r.record.title.clone(), today, Verdict::default());
    }
    for r in &year.funds {
        out.own_rules(
            r,
            format!("{} {}", r.record.date, r.record.amount),
            today,
            Verdict::default(),
        );
    }
    if let Some(c) = &year.capacity {
        out.own_rules(c, format!("{}", c.record.year), today, Verdict::default());
    }
    for r in &year.packages {
        out.own_rules(r, r.record.name.clone(), today, Verdict::default());
    }
    for r in &year.facilities {
        out.own_rules(r, r.record.name.clone(), today, Verdict::default());
    }
}
