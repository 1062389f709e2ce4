//! The words of spreadsheet import and export: on the command line, in the import
//! wizard and the export dialog, and in the rejected-rows file. One struct, filled once
//! per language (`zh/import.rs`, `en/import.rs`), so the compiler checks both are
//! complete; what a value should have been is `expected`, matched exhaustively in each.

use std::path::Path;

use super::Lang;
use crate::sheets::columns::ImportKind;
use crate::sheets::sheet::ReadError;

/// Every sentence of import and export.
pub struct ImportText {
    pub stage_check: &'static str,
    pub stage_backup: &'static str,
    pub stage_write: &'static str,
    pub stage_read: &'static str,
    pub stage_export: &'static str,
    pub failed_sheet: &'static str,
    pub status_new: &'static str,
    pub status_update: &'static str,
    pub status_unchanged: &'static str,
    pub status_error: &'static str,
    pub warning: &'static str,
    pub not_imported: &'static str,
    pub dry_run_done: &'static str,
    pub no_org: &'static str,
    pub bad_export_extension: &'static str,
    pub masked_note: &'static str,
    pub full_note: &'static str,
    /// A yes/no value in a cell (the importer reads both languages' back).
    pub yes: &'static str,
    pub no: &'static str,
    /// Between the items of a list inside a cell.
    pub list_separator: &'static str,
    /// The import kind's name.
    pub kind: fn(ImportKind) -> &'static str,
    /// A field's column name, for the mapping and messages.
    pub target: fn(ImportKind, &'static str) -> &'static str,
    /// "列“身份证号”的值“…”：应为……"
    pub issue_line: fn(&str, &str, &str) -> String,
    /// "第 5 行（张三 150102…）新增"
    pub row_line: fn(usize, &str, &str) -> String,
    pub summary: fn(u64, u64, u64, u64, u64) -> String,
    pub file_error: fn(&Path, &ReadError) -> String,
    pub no_header: fn(&Path, ImportKind, &[String]) -> String,
    pub other_kind: fn(&Path, ImportKind, ImportKind) -> String,
    pub missing_columns: fn(&Path, &str) -> String,
    pub mapping_heading: fn(&str, usize) -> String,
    pub mapping_line: fn(&str, &str) -> String,
    pub refused: fn(u64) -> String,
    pub committed: fn(&str, u64, u64, u64) -> String,
    pub backup_taken: fn(&Path) -> String,
    pub backup_failed: fn(&str) -> String,
    pub rejected_written: fn(u64, &Path) -> String,
    pub unknown_kind: fn(&str, &str) -> String,
    pub cannot_write: fn(&Path, &str) -> String,
    pub exported: fn(usize, &Path) -> String,
    pub template_written: fn(ImportKind, &Path) -> String,
    pub template_notes: &'static [&'static str],
    pub same_file_before: fn(&str, &str) -> String,
    // The window.
    pub nav_import: &'static str,
    pub wizard_title: &'static str,
    pub steps: [&'static str; 4],
    pub kind_label: &'static str,
    pub file_label: &'static str,
    pub choose_file: &'static str,
    pub read_file: &'static str,
    pub save_template: &'static str,
    pub template_hint: &'static str,
    pub mapping_help: &'static str,
    pub column: &'static str,
    pub sample: &'static str,
    pub import_as: &'static str,
    pub run_check: &'static str,
    pub only_errors: &'static str,
    pub row: &'static str,
    pub status: &'static str,
    pub record: &'static str,
    pub messages: &'static str,
    pub import_all: &'static str,
    pub import_valid: &'static str,
    pub failed_file: &'static str,
    pub all_or_nothing_note: &'static str,
    pub back: &'static str,
    pub start_over: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub history_line: fn(&str, &str, &str, &str) -> String,
    pub export_button: &'static str,
    pub export_title: &'static str,
    pub export_file: &'static str,
    pub export_full: &'static str,
    pub export_do: &'static str,
    pub export_what: fn(&str, usize) -> String,
    pub org_for_import: fn(&str) -> String,
    pub sheet_of: fn(&str, usize, usize) -> String,
    pub file_missing: &'static str,
    pub busy: &'static str,
}

/// The words in a language.
pub fn text(lang: Lang) -> &'static ImportText {
    match lang {
        Lang::Zh => &super::zh::import::TEXT,
        Lang::En => &super::en::import::TEXT,
    }
}

/// One issue of a row as a sentence: the column, the value and what is expected.
pub fn issue_text(i: &crate::sheets::import::RowIssue, lang: Lang) -> String {
    let expected = match lang {
        Lang::Zh => super::zh::import::expected(&i.problem),
        Lang::En => super::en::import::expected(&i.problem),
    };
    (text(lang).issue_line)(&i.column, &i.value, &expected)
}

/// Occupations by code as both languages list them: "工具钳工 6-18-04-06" (the
/// classification's names are Chinese only).
pub fn close_occupations(codes: &[&str], separator: &str) -> String {
    codes
        .iter()
        .filter_map(|c| crate::domain::codes::occupation(c))
        .map(|o| format!("{} {}", o.name, o.code))
        .collect::<Vec<_>>()
        .join(separator)
}
