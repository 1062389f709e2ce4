//! One organisation's return for one year, made once for every place that needs it: the
//! `return` command, the 年度报表 screen, and the tests. Refuses a final return the year
//! cannot have yet, validates the year, computes the figures, lays them out as the
//! document's sections, marks a correction against an earlier submission, and renders the
//! PDF and the companion data, all from that one document.

use chrono::{DateTime, FixedOffset};

use super::Words;
use super::companion::{self, ReturnJson};
use super::detail::{self, AchievementItem, Agreement, HostedStudio};
use super::figures::{DEFINITION_KEYS, Definition};
use super::model::Document;
use super::pdf::{self, Metadata, PdfError};
use super::sections::{self, Inputs};
use super::status::{DocumentInfo, FinalRefusal, Status, final_allowed};
use crate::domain::Id;
use crate::domain::org::Organisation;
use crate::lang::Lang;
use crate::report::{AnnualReturn, correction};
use crate::rules::Findings;
use crate::store::{Store, StoreError};

/// The file names `skillbase return` writes, a contract offices script against.
pub const PDF_FILE: &str = "return.pdf";
pub const JSON_FILE: &str = "return.json";
pub const XLSX_FILE: &str = "return.xlsx";

/// A finished return: figures, findings, the document, and the three files.
pub struct Built {
    pub annual: AnnualReturn,
    pub findings: Findings,
    /// What the return is (status, time, software, indicator set).
    pub info: DocumentInfo,
    /// The sections the three files are made from.
    pub document: Document,
    /// The companion JSON, canonical (what is hashed and what a submission stores).
    pub json: String,
    /// The verification code printed on every page.
    pub code: String,
    pub status: Status,
    pub pdf: Vec<u8>,
    pub xlsx: Vec<u8>,
}

impl Built {
    /// The three files under their contract names.
    pub fn files(&self) -> [(&'static str, &[u8]); 3] {
        [
            (PDF_FILE, self.pdf.as_slice()),
            (JSON_FILE, self.json.as_bytes()),
            (XLSX_FILE, self.xlsx.as_slice()),
        ]
    }
}

/// Why a return could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A final return was asked for that may not be made (see `status::final_allowed`).
    #[error("a final return is refused: {0:?}")]
    Refused(FinalRefusal),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("XLSX: {0}")]
    Xlsx(String),
}

/// How to make a return.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// A final return (or correction) rather than a draft.
    pub final_return: bool,
    /// When it is made (printed, and part of its data).
    pub now: DateTime<FixedOffset>,
}

impl Options {
    /// Made now, on this computer's clock and time zone.
    pub fn now(final_return: bool) -> Options {
        Options {
            final_return,
            now: chrono::Local::now().fixed_offset(),
        }
    }
}

/// Validates the year and makes the return, now. See [`build_with`].
pub fn build(
    store: &Store,
    org: Id<Organisation>,
    year: i32,
    final_return: bool,
) -> Result<Built, BuildError> {
    build_with(store, org, year, Options::now(final_return))
}

/// Validates the year and makes the return. A final return is refused for a year that has
/// not ended, one before the organisation's approval, and while there are errors; a final
/// return of a year already submitted is a correction (更正版) listing what changed.
pub fn build_with(
    store: &Store,
    org: Id<Organisation>,
    year: i32,
    options: Options,
) -> Result<Built, BuildError> {
    // The hosted studios' figures are read on the second connection beside the year.
    let (data, findings, hosted) =
        crate::rules::check_year_with(store, org, year, |other| detail::hosted_studios(other, org, year))?;
    if options.final_return {
        final_allowed(year, store.today(), data.org.record.approval_year).map_err(BuildError::Refused)?;
        if findings.errors() > 0 {
            return Err(BuildError::Refused(FinalRefusal::Errors {
                errors: findings.errors(),
            }));
        }
    }
    let mut annual = crate::report::compute(&data, &findings);
    let submissions = store.submissions(org, year)?;
    let status = match (options.final_return, submissions.is_empty()) {
        (true, false) => Status::Correction,
        (true, true) => Status::Final,
        (false, _) => Status::Draft,
    };
    let info = DocumentInfo::new(status, submissions.len() as u32, year, store.today(), options.now);
    let agreements = detail::agreements(&data);
    let achievements = detail::achievements(&data);
    let lists = (&hosted[..], &agreements[..], &achievements[..]);
    let mut document = make_document(&annual, &info, lists);
    if let Some(latest) = submissions.last() {
        annual.correction = Some(correction::compare(latest, &document.sections));
        document = make_document(&annual, &info, lists);
    }
    // The figures' definitions are those the document prints, numbered as printed.
    annual.definitions = document
        .note_keys(DEFINITION_KEYS)
        .into_iter()
        .map(|key| Definition {
            key,
            text: Lang::Zh.definition(key),
        })
        .collect();
    let json = companion::json(&ReturnJson {
        figures: &annual,
        document: &info,
        hosted_studios: &hosted,
        agreements: &agreements,
        achievement_list: &achievements,
        sections: &document.sections,
    });
    let code = companion::verification_code(&json);
    // The spreadsheet is written on a second core while the PDF is printed.
    let about = about(&annual, &info, &code);
    let (pdf, xlsx) = std::thread::scope(|scope| {
        let xlsx = scope.spawn(|| companion::xlsx(&document, &about));
        let pdf = pdf::render(
            &document,
            &Metadata {
                title: document.title.clone(),
                author: annual.organisation.name.clone(),
                subject: format!("{}年度报表 · {} · 校验码 {code}", year, info.status_label),
                created: options.now,
                verification: code.clone(),
            },
        );
        let xlsx = xlsx
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pdf, xlsx)
    });
    let pdf = pdf?;
    let xlsx = xlsx.map_err(|e| BuildError::Xlsx(e.to_string()))?;
    Ok(Built {
        annual,
        findings,
        info,
        document,
        json,
        code,
        status,
        pdf,
        xlsx,
    })
}

type Lists<'a> = (&'a [HostedStudio], &'a [Agreement], &'a [AchievementItem]);

fn make_document(
    annual: &AnnualReturn,
    info: &DocumentInfo,
    (hosted, agreements, achievements): Lists<'_>,
) -> Document {
    sections::document(&Inputs {
        annual,
        info,
        hosted,
        agreements,
        achievements,
    })
}

/// The XLSX's first sheet: what the return is.
fn about(r: &AnnualReturn, info: &DocumentInfo, code: &str) -> Vec<(String, String)> {
    [
        ("单位", r.organisation.name.clone()),
        ("报告年度", r.year.to_string()),
        ("状态", info.status_label.clone()),
        (
            "报告年度已结束",
            if info.year_ended { "是" } else { "否" }.to_string(),
        ),
        ("生成时间", info.generated_at_shown()),
        ("软件", info.software.clone()),
        ("代码表", r.code_tables.to_string()),
        (
            "指标依据",
            r.indicator_set.as_ref().map_or_else(
                || "本年度无适用指标集".to_string(),
                |s| format!("{}，{}（版本：{}）", s.name, s.document, s.version_shown()),
            ),
        ),
        ("校验码", code.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}
