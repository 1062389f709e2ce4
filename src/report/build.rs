//! One organisation's return for one year, made once for every place that needs it: the
//! `return` command, the 年度报表 screen, and the tests. Validates the year, computes the
//! figures, marks a correction against an earlier submission, and renders the PDF and the
//! companion data.

use crate::domain::Id;
use crate::domain::org::Organisation;
use crate::report::pdf::{self, PdfError, Status};
use crate::report::{AnnualReturn, companion, correction};
use crate::rules::Findings;
use crate::store::{Store, StoreError};

/// The file names `skillbase return` writes, a contract offices script against.
pub const PDF_FILE: &str = "return.pdf";
pub const JSON_FILE: &str = "return.json";
pub const XLSX_FILE: &str = "return.xlsx";

/// A finished return: figures, findings, and the three files.
pub struct Built {
    pub annual: AnnualReturn,
    pub findings: Findings,
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
    /// A final return was asked for while the validator reports errors.
    #[error("{errors} validation error(s): a final return is refused")]
    FinalRefused { errors: usize },
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("XLSX: {0}")]
    Xlsx(String),
}

/// Validates the year and makes the return. `final_return` refuses when there are errors;
/// a year already submitted makes a correction (更正版) listing what changed.
pub fn build(
    store: &Store,
    org: Id<Organisation>,
    year: i32,
    final_return: bool,
) -> Result<Built, BuildError> {
    let (data, findings) = crate::rules::check_year(store, org, year)?;
    if final_return && findings.errors() > 0 {
        return Err(BuildError::FinalRefused {
            errors: findings.errors(),
        });
    }
    let mut annual = crate::report::compute(&data, &findings);
    let submitted = store.latest_submission(org, year)?;
    if let Some(s) = &submitted {
        annual.correction = Some(correction::compare(s, &annual));
    }
    let json = companion::json(&annual);
    let code = companion::verification_code(&json);
    let status = match (final_return, submitted.is_some()) {
        (true, true) => Status::Correction,
        (true, false) => Status::Final,
        (false, _) => Status::Draft,
    };
    let pdf = pdf::render(&annual, status, &code)?;
    let xlsx = companion::xlsx(&annual).map_err(|e| BuildError::Xlsx(e.to_string()))?;
    Ok(Built {
        annual,
        findings,
        json,
        code,
        status,
        pdf,
        xlsx,
    })
}
