//! Marking a return as submitted (`skillbase submit`, 标记为已上报): only a final return or a
//! correction, without errors, whose files agree with each other (the code printed in the
//! PDF and written in the XLSX is the SHA-256 of the JSON beside them), and not one whose
//! code is already recorded.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::companion::verification_code;
use super::figures::SCHEMA;
use super::make::{JSON_FILE, PDF_FILE, XLSX_FILE};
use crate::domain::Stored;
use crate::domain::org::Organisation;
use crate::store::{Store, StoreError};

/// Why a return may not be marked as submitted. Nothing is recorded on any of them.
#[derive(Debug, PartialEq, Eq)]
pub enum SubmitRefusal {
    /// A file is missing or cannot be read.
    Missing {
        file: PathBuf,
        error: std::io::ErrorKind,
    },
    /// A file is not what it should be (not JSON, not UTF-8).
    Unreadable { file: PathBuf, detail: String },
    /// The JSON is not this organisation's return of this year (or was made by a version
    /// that did not yet record the status).
    NotThisReturn { file: PathBuf, org: String, year: i32 },
    /// The return is a draft.
    Draft { file: PathBuf },
    /// The return's own JSON shows validation errors.
    HasErrors { errors: u64 },
    /// A file beside the JSON carries another verification code (or none).
    FilesDisagree {
        file: PathBuf,
        found: Option<String>,
        expected: String,
    },
    /// A return with this code was already recorded.
    AlreadyRecorded { code: String, at: String },
}

/// Either a refusal or a failure to read the store.
#[derive(Debug)]
pub enum SubmitError {
    Refused(SubmitRefusal),
    Store(StoreError),
}

impl From<StoreError> for SubmitError {
    fn from(e: StoreError) -> SubmitError {
        SubmitError::Store(e)
    }
}

impl From<SubmitRefusal> for SubmitError {
    fn from(r: SubmitRefusal) -> SubmitError {
        SubmitError::Refused(r)
    }
}

/// Checks a return's JSON (named `file` in messages) before it is recorded for `org`'s
/// `year`, and gives its verification code.
pub fn check_json(
    store: &Store,
    org: &Stored<Organisation>,
    year: i32,
    json: &str,
    file: &Path,
) -> Result<String, SubmitError> {
    let value: Value = serde_json::from_str(json).map_err(|e| SubmitRefusal::Unreadable {
        file: file.to_path_buf(),
        detail: e.to_string(),
    })?;
    let ours = value["schema"] == SCHEMA
        && value["year"] == year
        && value["organisation"]["id"] == org.id.to_string();
    if !ours {
        return Err(SubmitRefusal::NotThisReturn {
            file: file.to_path_buf(),
            org: org.record.name.clone(),
            year,
        }
        .into());
    }
    if value["document"]["status"] != "final" && value["document"]["status"] != "correction" {
        return Err(SubmitRefusal::Draft {
            file: file.to_path_buf(),
        }
        .into());
    }
    let errors = value["data_quality"]["errors"].as_u64().unwrap_or(u64::MAX);
    if errors > 0 {
        return Err(SubmitRefusal::HasErrors { errors }.into());
    }
    let code = verification_code(json);
    if let Some(earlier) = store.submission_by_code(&code)? {
        return Err(SubmitRefusal::AlreadyRecorded {
            code,
            at: crate::store::local_time(&crate::store::timestamp(earlier.submitted_at)),
        }
        .into());
    }
    Ok(code)
}

/// Reads the verification code a file of the return carries.
type CodeReader = fn(&[u8]) -> Option<String>;

/// The verification code written in a return's XLSX (its 报表信息 sheet).
fn xlsx_code(bytes: &[u8]) -> Option<String> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).ok()?;
    let sheet = book.worksheet_range("报表信息").ok()?;
    sheet.rows().find_map(|row| match (row.first(), row.get(1)) {
        (Some(Data::String(k)), Some(Data::String(v))) if k == "校验码" => Some(v.clone()),
        _ => None,
    })
}

/// Reads the folder `skillbase return` wrote and checks its three files (see the module's
/// comment): (the JSON, its verification code).
pub fn check_folder(
    store: &Store,
    org: &Stored<Organisation>,
    year: i32,
    dir: &Path,
) -> Result<(String, String), SubmitError> {
    let read = |name: &str| {
        let file = dir.join(name);
        std::fs::read(&file).map_err(|e| SubmitRefusal::Missing {
            file,
            error: e.kind(),
        })
    };
    let json_file = dir.join(JSON_FILE);
    let json = String::from_utf8(read(JSON_FILE)?).map_err(|e| SubmitRefusal::Unreadable {
        file: json_file.clone(),
        detail: e.to_string(),
    })?;
    let code = check_json(store, org, year, &json, &json_file)?;
    let readers: [(&str, CodeReader); 2] = [(PDF_FILE, super::pdf::read_code), (XLSX_FILE, xlsx_code)];
    for (name, code_in) in readers {
        let found = code_in(&read(name)?);
        if found.as_deref() != Some(code.as_str()) {
            return Err(SubmitRefusal::FilesDisagree {
                file: dir.join(name),
                found,
                expected: code,
            }
            .into());
        }
    }
    Ok((json, code))
}
