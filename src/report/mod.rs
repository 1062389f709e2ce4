//! The annual return (年度报表): the figures for one organisation and one year, each with
//! one written definition, computed by a pure function of the year's records
//! (`figures`); laid out as one document of sections (`sections`, over the table model
//! in `model`) from which the PDF (`pdf`), the JSON and the XLSX (`companion`) are all
//! made; its status as part of its data (`status`); corrections and submissions.

pub mod companion;
pub mod correction;
pub mod detail;
pub mod figures;
pub mod layout;
pub mod make;
pub mod model;
pub mod pdf;
pub mod region;
pub mod sections;
pub mod status;
pub mod submit;

pub use figures::{AnnualReturn, compute};
pub use make::{BuildError, Built, JSON_FILE, PDF_FILE, XLSX_FILE, build};
