//! The annual return (年度报表): the figures for one organisation and one year, each with
//! one written definition, computed by a pure function of the year's records
//! (`figures`); laid out as one document of sections (`sections`, over the table model
//! in `model`) from which the PDF (`pdf`), the JSON and the XLSX (`companion`) are all
//! made; its status as part of its data (`status`); corrections and submissions.

pub mod assessment;
pub mod companion;
pub mod correction;
pub mod detail;
pub mod figures;
pub mod layout;
pub mod make;
pub mod model;
pub mod pdf;
pub mod plan_annex;
pub mod region;
pub mod sections;
pub mod status;
pub mod submit;
pub mod training_quality;

pub use figures::{AnnualReturn, compute};
/// The words the documents printed here carry beyond their own headings: each figure's
/// written definition (the return's and the regional summary's), printed as numbered
/// footnotes. The documents are Chinese (`Lang::Zh`); the window shows the definitions
/// in its language. Declared here and answered for each `Lang` by `i18n`
/// (`i18n/words.rs`), so the report never names `i18n`.
pub trait Words: Copy {
    /// A figure of the annual return, by its key (`figures::DEFINITION_KEYS`).
    fn definition(self, key: &str) -> &'static str;
    /// A figure of the regional summary, by its key.
    fn region_definition(self, key: &str) -> &'static str;
}

pub use make::{BuildError, Built, JSON_FILE, PDF_FILE, XLSX_FILE, build};
