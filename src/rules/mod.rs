//! The validator: a catalogue of rules with stable ids, run over one organisation's year
//! before a return is made (modelled on AVETMISS validation and the UK ILR rules). Errors
//! block a final return; warnings do not. Each finding names the rule, the record, the
//! field and its value; the catalogue says what the rule is for and how to fix it.
//!
//! The checks are pure functions of [`YearData`] (plus the duplicate candidates the store
//! finds), so they run the same in the app, on the command line and in tests.

mod checks;

pub use checks::MAX_PER_HOUR;

use serde::Serialize;

use crate::domain::check::Severity;
use crate::domain::year::{DuplicatePair, Headline, YearData};
use crate::domain::{RecordKind, Today};
use crate::lang::Lang;

/// A rule of the catalogue. The id (`ID01`, …) never changes meaning once released.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Rule {
    /// Citizen ID number fails GB 11643 (length, check character, date, province).
    Id01,
    /// Birth date or sex disagrees with the citizen ID number.
    Id02,
    /// The ID number's address code is in no division list since 1981.
    Id03,
    /// The same document number registered for two person records.
    Per01,
    /// A trainee younger than 16 or older than 65 when enrolled.
    Per02,
    /// A certificate dated before its holder turned 16.
    Qua01,
    /// A certificate gained through an enrolment, dated before the enrolment started.
    Qua02,
    /// A completion date outside the cohort's dates.
    Enr01,
    /// An enrolment marked complete with no assessment result.
    Enr02,
    /// An enrolment marked complete with no completion date.
    Enr03,
    /// A passed enrolment with no certificate recorded.
    Enr04,
    /// A public training service with no person-times.
    Srv01,
    /// A cohort with no course package.
    Coh01,
    /// An apprenticeship with no agreement date.
    App01,
    /// A master who is also an apprentice in the same studio.
    App02,
    /// The organisation has no unified social credit code.
    Org01,
    /// The organisation has no division code.
    Org02,
    /// The organisation has no tier.
    Org03,
    /// A record that breaks its own field rules (an invalid code, dates out of order…).
    Rec01,
    /// Two person records with the same name, birth date and sex: perhaps one person.
    Per03,
    /// A name with a character the report font cannot print.
    Fnt01,
    /// One document held by two live person records anywhere in the database (what the
    /// database refuses since schema V7; an older version may have left some).
    Per04,
    /// A certificate and the enrolment it is linked to belong to different people.
    Qua03,
    /// A certificate gained in a cohort, dated before the cohort started.
    Qua04,
    /// A certificate whose occupation or grade differs from its cohort's.
    Qua05,
    /// A certificate and an enrolment that do not point at each other.
    Qua06,
    /// Two live enrolments of one person in one cohort.
    Enr05,
    /// An enrolment dated after its cohort ended.
    Enr06,
    /// A live record referring to a deleted record, or to none.
    Ref01,
    /// A stored value that cannot be read as its field's type.
    Rec02,
    /// A delivered figure above the capacity declared for the year.
    Cap01,
    /// No capacity declared for a year with training.
    Cap02,
    /// More than 200 public-training person-times per hour of service.
    Srv02,
    /// A headline figure changed by more than half from the year before.
    Yoy01,
    /// An active apprenticeship with no log entry for three months.
    App03,
    /// A certificate number not of its type's usual format, or whose grade, year or
    /// province disagrees with the certificate.
    Qua07,
    /// A completion whose hours attended are under the floor of the planned hours.
    Enr07,
    /// Subsidies claimed on the year's enrolments above the training-subsidy income.
    Fnd01,
}

/// `Rule::id`, an exhaustive match, and (in tests) `Rule::LISTED`, every rule that match
/// names: the compiler keeps the one complete, the test `the_catalogue_lists_every_rule`
/// keeps `Rule::ALL` to it.
macro_rules! rule_ids {
    ($($rule:ident => $id:literal,)*) => {
        /// The stable id printed in findings and used by scripts.
        pub fn id(self) -> &'static str {
            match self {
                $(Rule::$rule => $id,)*
            }
        }

        #[cfg(test)]
        const LISTED: &'static [Rule] = &[$(Rule::$rule),*];
    };
}

impl Rule {
    pub const ALL: [Rule; 38] = [
        Rule::Id01,
        Rule::Id02,
        Rule::Id03,
        Rule::Per01,
        Rule::Per02,
        Rule::Per03,
        Rule::Per04,
        Rule::Qua01,
        Rule::Qua02,
        Rule::Qua03,
        Rule::Qua04,
        Rule::Qua05,
        Rule::Qua06,
        Rule::Qua07,
        Rule::Enr01,
        Rule::Enr02,
        Rule::Enr03,
        Rule::Enr04,
        Rule::Enr05,
        Rule::Enr06,
        Rule::Enr07,
        Rule::Srv01,
        Rule::Srv02,
        Rule::Coh01,
        Rule::App01,
        Rule::App02,
        Rule::App03,
        Rule::Org01,
        Rule::Org02,
        Rule::Org03,
        Rule::Cap01,
        Rule::Cap02,
        Rule::Yoy01,
        Rule::Fnd01,
        Rule::Ref01,
        Rule::Rec01,
        Rule::Rec02,
        Rule::Fnt01,
    ];

    rule_ids! {
        Id01 => "ID01",
        Id02 => "ID02",
        Id03 => "ID03",
        Per01 => "PER01",
        Per02 => "PER02",
        Per03 => "PER03",
        Per04 => "PER04",
        Qua01 => "QUA01",
        Qua02 => "QUA02",
        Enr01 => "ENR01",
        Enr02 => "ENR02",
        Enr03 => "ENR03",
        Enr04 => "ENR04",
        Srv01 => "SRV01",
        Coh01 => "COH01",
        App01 => "APP01",
        App02 => "APP02",
        App03 => "APP03",
        Org01 => "ORG01",
        Org02 => "ORG02",
        Org03 => "ORG03",
        Rec01 => "REC01",
        Fnt01 => "FNT01",
        Qua03 => "QUA03",
        Qua04 => "QUA04",
        Qua05 => "QUA05",
        Qua06 => "QUA06",
        Enr05 => "ENR05",
        Enr06 => "ENR06",
        Ref01 => "REF01",
        Rec02 => "REC02",
        Cap01 => "CAP01",
        Cap02 => "CAP02",
        Srv02 => "SRV02",
        Yoy01 => "YOY01",
        Qua07 => "QUA07",
        Enr07 => "ENR07",
        Fnd01 => "FND01",
    }

    pub fn severity(self) -> Severity {
        match self {
            Rule::Id03
            | Rule::Per03
            | Rule::App01
            | Rule::App03
            | Rule::Enr04
            | Rule::Fnt01
            | Rule::Qua05
            | Rule::Cap01
            | Rule::Cap02
            | Rule::Srv02
            | Rule::Yoy01
            | Rule::Qua07
            | Rule::Enr07
            | Rule::Fnd01 => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The register the rule looks at.
    pub fn kind(self) -> Option<RecordKind> {
        Some(match self {
            Rule::Id01 | Rule::Id02 | Rule::Id03 | Rule::Per01 | Rule::Per03 | Rule::Per04 | Rule::Fnt01 => {
                RecordKind::Person
            }
            Rule::Per02
            | Rule::Enr01
            | Rule::Enr02
            | Rule::Enr03
            | Rule::Enr04
            | Rule::Enr05
            | Rule::Enr06
            | Rule::Enr07 => RecordKind::Enrolment,
            Rule::Qua01
            | Rule::Qua02
            | Rule::Qua03
            | Rule::Qua04
            | Rule::Qua05
            | Rule::Qua06
            | Rule::Qua07 => RecordKind::Qualification,
            Rule::Srv01 | Rule::Srv02 => RecordKind::PublicService,
            Rule::Coh01 => RecordKind::Cohort,
            Rule::App01 | Rule::App02 | Rule::App03 => RecordKind::Apprenticeship,
            Rule::Org01 | Rule::Org02 | Rule::Org03 | Rule::Cap02 | Rule::Yoy01 | Rule::Fnd01 => {
                RecordKind::Organisation
            }
            Rule::Cap01 => RecordKind::CapacityDeclaration,
            Rule::Rec01 | Rule::Rec02 | Rule::Ref01 => return None,
        })
    }

    /// What the rule is for.
    pub fn purpose(self, lang: Lang) -> &'static str {
        lang.purpose(self)
    }

    /// How to fix what it finds.
    pub fn fix(self, lang: Lang) -> &'static str {
        lang.fix(self)
    }
}

/// What exactly was found, beyond the rule: the field issue behind a record-rule finding,
/// or the other record involved.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    None,
    /// The record's own field rule that failed.
    Field(crate::domain::FieldIssue),
    /// The age in whole years at the relevant date.
    Age(u32),
    /// Characters the report font cannot print, as `字（U+5B57）`.
    Unprintable(String),
    /// The other person record in a duplicate pair.
    OtherPerson {
        name: String,
        doc: String,
    },
    /// The record referred to, deleted (or not there at all).
    Dangling {
        target: RecordKind,
        /// As people recognise it; empty when it is not there.
        target_label: String,
        exists: bool,
    },
    /// The stored value (the finding's `value`) cannot be read as the field's type.
    Unreadable,
    /// A certificate's holder and the person of the enrolment it is linked to.
    TwoPeople {
        holder: String,
        enrolled: String,
    },
    /// The other live enrolment of the same person in the cohort.
    OtherEnrolment {
        enrolled_on: chrono::NaiveDate,
    },
    /// What the other side of a certificate's link says: the certificate or enrolment it
    /// names instead (as people recognise it), or nothing.
    LinkedTo(Option<String>),
    /// A figure set against another: delivered against declared, this year against last.
    Figures {
        value: u64,
        against: u64,
    },
    /// A service's person-times against its hours.
    PerHour {
        person_times: u32,
        hours: f64,
    },
    /// An apprenticeship's latest log entry (none: never an entry), judged on `on`.
    NoEntrySince {
        last: Option<chrono::NaiveDate>,
        on: chrono::NaiveDate,
    },
    /// A completion's hours attended against the cohort's planned hours, and the floor
    /// (a share) they fell under.
    Attendance {
        attended: f64,
        planned: u32,
        floor: f64,
    },
    /// Subsidies claimed in the year against the training-subsidy income, in fen.
    Subsidies {
        claimed: i64,
        income: i64,
    },
}

/// One finding: a rule broken by one field of one record.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub kind: RecordKind,
    /// The record's id (to jump to it).
    pub record_id: String,
    /// The record as a person recognises it: a name with the masked ID number, a cohort's
    /// name, a service's date and recipient.
    pub record: String,
    pub field: &'static str,
    /// The field's value as stored (ID numbers masked).
    pub value: String,
    pub detail: Detail,
}

impl Finding {
    /// What is wrong and how to fix it, for a table that shows the rule, record and field
    /// in columns of their own.
    pub fn message(&self, lang: Lang) -> String {
        lang.message(self)
    }
}

/// All findings for one year, with a count per rule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings {
    pub findings: Vec<Finding>,
}

impl Findings {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count()
    }

    /// How many findings each rule gave, in catalogue order, rules with none left out.
    pub fn by_rule(&self) -> Vec<(Rule, usize)> {
        Rule::ALL
            .iter()
            .map(|r| (*r, self.findings.iter().filter(|f| f.rule == *r).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

/// Runs every rule over one year. `duplicates` are the pairs of live people the store
/// found sharing a document number, or a name with birth date and sex; `previous` the
/// headline figures of the year before (for the year-on-year rule).
pub fn validate(
    year: &YearData,
    duplicates: &[DuplicatePair],
    previous: Option<&Headline>,
    today: Today,
) -> Findings {
    let mut findings = checks::run(year, duplicates, previous, today);
    sort(&mut findings);
    Findings { findings }
}

/// Errors first, then by rule, record and field.
fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.rule.cmp(&b.rule))
            .then_with(|| a.record.cmp(&b.record))
            .then(a.field.cmp(b.field))
    });
}

/// PER04: every live person who holds a document another live person held first,
/// anywhere in the database (not only this year's people); one not already named under
/// PER01.
fn documents_held_twice(shared: &[crate::store::SharedDocument], findings: &mut Findings) {
    use crate::domain::identity::mask_document_number;
    let named: std::collections::HashSet<String> = findings
        .findings
        .iter()
        .filter(|f| f.rule == Rule::Per01)
        .map(|f| f.record_id.clone())
        .collect();
    for doc in shared {
        let masked = mask_document_number(&doc.doc_number);
        let Some((_, first)) = doc.people.first() else {
            continue;
        };
        for (id, name) in doc.people.iter().skip(1) {
            if named.contains(&id.to_string()) {
                continue;
            }
            findings.findings.push(Finding {
                rule: Rule::Per04,
                severity: Rule::Per04.severity(),
                kind: RecordKind::Person,
                record_id: id.to_string(),
                record: format!("{name}（{masked}）"),
                field: "doc_number",
                value: masked.clone(),
                detail: Detail::OtherPerson {
                    name: first.clone(),
                    doc: masked.clone(),
                },
            });
        }
    }
    if !shared.is_empty() {
        sort(&mut findings.findings);
    }
}

/// Reads `org`'s `year` from the store and runs every rule over it, as of the store's
/// today: what `check`, `return` and the app do before anything else.
pub fn check_year(
    store: &crate::store::Store,
    org: crate::domain::Id<crate::domain::org::Organisation>,
    year: i32,
) -> Result<(YearData, Findings), crate::store::StoreError> {
    check_year_with(store, org, year, |_| Ok(())).map(|(data, findings, ())| (data, findings))
}

/// [`check_year`], with `also` read on the second connection while the year is read on
/// this one (the return reads its hosted studios' figures so): what it gave, too.
pub fn check_year_with<X: Send>(
    store: &crate::store::Store,
    org: crate::domain::Id<crate::domain::org::Organisation>,
    year: i32,
    also: impl FnOnce(&crate::store::Store) -> Result<X, crate::store::StoreError> + Send,
) -> Result<(YearData, Findings, X), crate::store::StoreError> {
    // What needs nothing of this year (the year before's headline, for the year-on-year
    // rule, the documents two live people hold, and `also`) is read beside it, on a
    // second core; then, handed the year's people as soon as the year's reading has found
    // them, the references of the year's records to deleted ones, while the reading goes
    // on. The people entered twice are looked for here, once the reading is done.
    let (found, handed) = std::sync::mpsc::channel::<Vec<crate::domain::Id<crate::domain::person::Person>>>();
    let (aside, data) = store.beside(
        move |other| {
            let previous = other.year_headline(org, year - 1)?;
            let shared = other.documents_held_twice()?;
            let also = also(other)?;
            // None when the year's reading failed before it found them (its error is told).
            let dangling = match handed.recv() {
                Ok(people) => Some(other.dangling_in_year(org, year, &people)?),
                Err(_) => None,
            };
            Ok::<_, crate::store::StoreError>((previous, shared, also, dangling))
        },
        move || {
            let data = store.load_year_handing_over(org, year, |people| {
                // The receiver is gone only if the other side failed: its error is told.
                let _ = found.send(people.to_vec());
            })?;
            // In the people's order, not the map's: each pair is then told on the same
            // one of its two people every time.
            let mut ids: Vec<_> = data.people.keys().copied().collect();
            ids.sort_unstable();
            let duplicates = store.possible_duplicates(&ids)?;
            Ok::<_, crate::store::StoreError>((data, duplicates))
        },
    );
    let (mut data, duplicates) = data?;
    let (previous, shared, also, dangling) = aside?;
    // Always there once the reading succeeded (it hands its people over before it ends).
    data.dangling = dangling.unwrap_or_default();
    let mut findings = validate(&data, &duplicates, Some(&previous), store.today());
    documents_held_twice(&shared, &mut findings);
    Ok((data, findings, also))
}

/// What no organisation's year names, checked once for the whole database: live records
/// that belong to no organisation because what they belong through is not there at all,
/// and organisations whose own record cannot be read.
pub fn check_database(store: &crate::store::Store) -> Result<Findings, crate::store::StoreError> {
    let (_, unreadable) = store.organisations_readable()?;
    let mut findings = checks::database(&store.orphans()?, &unreadable);
    sort(&mut findings);
    Ok(Findings { findings })
}

impl Findings {
    /// Adds findings not already here (the same rule on the same field of the same
    /// record), keeping the order: errors first, then by rule, record and field.
    pub fn merge(&mut self, other: Findings) {
        for f in other.findings {
            let seen = self.findings.iter().any(|g| {
                g.rule == f.rule && g.kind == f.kind && g.record_id == f.record_id && g.field == f.field
            });
            if !seen {
                self.findings.push(f);
            }
        }
        sort(&mut self.findings);
    }
}

/// The findings as the documented JSON `skillbase check --json` prints: stable keys, one
/// object per finding, and a summary by rule.
pub fn report_json(
    findings: &Findings,
    year: i32,
    orgs: &[crate::domain::Stored<crate::domain::org::Organisation>],
    lang: Lang,
) -> serde_json::Value {
    let severity = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    serde_json::json!({
        "year": year,
        "organisations": orgs.iter().map(|o| serde_json::json!({"id": o.id.to_string(), "name": o.record.name})).collect::<Vec<_>>(),
        "errors": findings.errors(),
        "warnings": findings.warnings(),
        "findings": findings.findings.iter().map(|f| serde_json::json!({
            "rule": f.rule.id(),
            "severity": severity(f.severity),
            "kind": f.kind.code(),
            "record_id": f.record_id,
            "record": f.record,
            "field": f.field,
            "value": f.value,
            "message": lang.finding(f),
        })).collect::<Vec<_>>(),
        "summary": findings.by_rule().into_iter().map(|(r, n)| serde_json::json!({
            "rule": r.id(),
            "severity": severity(r.severity()),
            "count": n,
            "purpose": r.purpose(lang),
        })).collect::<Vec<_>>(),
    })
}

/// The findings as a workbook a base can work through: one row per finding (rule,
/// severity, register, record, field, value, message, how to fix), then the summary by
/// rule on a second sheet. Labels in `lang`.
pub fn findings_xlsx(findings: &Findings, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::domain::Labelled;
    use rust_xlsxwriter::{Format, Workbook};
    let bold = Format::new().set_bold();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let (name, header) = lang.findings_sheet();
    ws.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (c, width) in [8, 8, 14, 40, 16, 24, 80, 60].iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    for (i, f) in findings.findings.iter().enumerate() {
        let row = (i + 1) as u32;
        ws.write_string(row, 0, f.rule.id())?;
        ws.write_string(row, 1, lang.severity(f.severity))?;
        ws.write_string(row, 2, f.kind.label(lang))?;
        ws.write_string(row, 3, &f.record)?;
        ws.write_string(row, 4, lang.field(f))?;
        ws.write_string(row, 5, &f.value)?;
        ws.write_string(row, 6, lang.finding(f))?;
        ws.write_string(row, 7, f.rule.fix(lang))?;
    }
    let ws = book.add_worksheet();
    let (name, header) = lang.by_rule_sheet();
    ws.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    ws.set_column_width(3, 80)?;
    for (i, (rule, n)) in findings.by_rule().into_iter().enumerate() {
        let row = (i + 1) as u32;
        ws.write_string(row, 0, rule.id())?;
        ws.write_string(row, 1, lang.severity(rule.severity()))?;
        ws.write_number(row, 2, n as f64)?;
        ws.write_string(row, 3, rule.purpose(lang))?;
    }
    book.save_to_buffer()
}

/// The words the validator's outputs carry (its workbook, `check --json`, the return's
/// data-quality table): each rule's purpose and fix, a finding as a sentence, the
/// workbook's sheets and columns. Declared here, where they are needed, and answered for
/// each `Lang` by `i18n` (`i18n/words.rs`), so the validator never names `i18n`.
pub trait Words: Copy {
    /// What a rule is for.
    fn purpose(self, rule: Rule) -> &'static str;
    /// How to fix what it finds.
    fn fix(self, rule: Rule) -> &'static str;
    /// What is wrong and how to fix it, for a table that shows the rule, record and field
    /// in columns of their own.
    fn message(self, finding: &Finding) -> String;
    /// The whole finding as one sentence: severity, rule, record, field, what, fix.
    fn finding(self, finding: &Finding) -> String;
    /// The field (or figure) a finding points at, as people call it.
    fn field(self, finding: &Finding) -> &'static str;
    /// An error or a warning.
    fn severity(self, severity: Severity) -> &'static str;
    /// The workbook's sheet of findings and its columns.
    fn findings_sheet(self) -> (&'static str, [&'static str; 8]);
    /// The workbook's summary by rule and its columns.
    fn by_rule_sheet(self) -> (&'static str, [&'static str; 4]);
}

#[cfg(test)]
mod tests {
    use super::Rule;

    /// A rule added to the enum must get an id (the compiler insists) and a place in the
    /// catalogue's order (this test insists), or the check and the return would skip it.
    #[test]
    fn the_catalogue_lists_every_rule() {
        let mut all: Vec<Rule> = Rule::ALL.to_vec();
        let mut listed: Vec<Rule> = Rule::LISTED.to_vec();
        all.sort();
        listed.sort();
        assert_eq!(all, listed, "Rule::ALL must list every rule exactly once");
        all.dedup();
        assert_eq!(all.len(), Rule::ALL.len(), "a rule listed twice in Rule::ALL");
    }
}
