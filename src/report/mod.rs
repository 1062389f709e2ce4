//! The annual return (年度报表): the figures for one organisation and one year, each with
//! one written definition, computed by a pure function of the year's records. The PDF and
//! the machine-readable companion are made from the same [`AnnualReturn`] value.

pub mod build;
pub mod companion;
pub mod correction;
pub mod figures;
pub mod layout;
pub mod pdf;

pub use build::{BuildError, Built, JSON_FILE, PDF_FILE, XLSX_FILE, build};
pub use figures::{AnnualReturn, compute};
