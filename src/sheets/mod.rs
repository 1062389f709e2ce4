//! Spreadsheets in and out: rosters imported from Excel, WPS or CSV files, registers
//! exported, templates to fill in, and the audit trail as a workbook. Reading and checking
//! a file knows nothing of SQL; what is written goes through the store's typed API.
//!
//! - [`sheet`]: a file's bytes to grids of cells (.xlsx, .xls, .ods, .csv in any encoding);
//!   [`bounds`]: what a file may declare and hold, checked before anything is allocated;
//!   [`merged_cells`]: an `.xlsx` sheet's merged regions, read from its XML.
//! - [`columns`]: import kinds, their fields and header names, finding and mapping the header.
//! - [`import`]: the dry run (a status per row), the commit, the rejected-rows file.
//! - [`template`]: an empty XLSX per import kind with code sheets and drop-downs.
//! - [`export`]: any register to XLSX or CSV, masked unless full data is asked for.
//! - [`audit`]: the audit trail as lines and a workbook, masked unless full data is asked for.

pub mod audit;
pub mod bounds;
pub mod columns;
pub mod export;
pub mod import;
pub mod merged_cells;
pub mod sheet;
pub mod template;

/// The words the spreadsheets made here carry, in the language they are made in: the
/// import's stages (its progress bar), the rejected-rows file's sheet and messages, the
/// template's instructions, yes and no, the audit trail's sheet, columns and actions.
/// Declared here, where they are needed, and answered for each `Lang` by `i18n`
/// (`i18n/words.rs`), so this module is handed a language and never names `i18n`.
pub trait Words: Copy {
    /// The import's stages: checking the rows, the backup before writing, writing.
    fn import_stages(self) -> [&'static str; 3];
    /// The rejected-rows file's sheet.
    fn rejected_sheet(self) -> &'static str;
    /// One issue of a row as a sentence: the column, the value and what is expected.
    fn issue(self, issue: &import::RowIssue) -> String;
    /// The template's instructions, a heading then one line each.
    fn template_notes(self) -> &'static [&'static str];
    /// A yes/no value as a cell holds it (the importer reads it back).
    fn yes_no(self, yes: bool) -> &'static str;
    /// Between the items of a list inside a cell.
    fn list_separator(self) -> &'static str;
    /// The audit trail's sheet and its columns.
    fn audit_sheet(self) -> &'static str;
    fn audit_columns(self) -> [&'static str; 10];
    /// An audit action (`create`, `update`, `bulk`, …) as people read it.
    fn audit_action(self, action: &str) -> &'static str;
    /// A whole-database entry's details (a restore's source, an import's file and
    /// counts, a merge's sender and counts, a consolidation's package) in words; `None`
    /// when the action is not one of these.
    fn audit_event(self, action: &str, details: &serde_json::Value) -> Option<String>;
    /// Who wrote a record's merge entry: the operator here and the package's sender.
    fn merged_by(self, profile: &str, sender: &str) -> String;
    /// The sender a merge's summary entry names.
    fn merge_sender(self, details: &serde_json::Value) -> String;
}
