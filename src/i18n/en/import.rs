//! Import and export: the command line, the import wizard, the export dialog and the
//! rejected-rows file.

use std::path::Path;

use crate::i18n::import::{ImportText, close_occupations};
use crate::i18n::{Lang, label};
use crate::sheets::bounds::{self, TooLarge};
use crate::sheets::columns::ImportKind;
use crate::sheets::import::IssueKind;
use crate::sheets::sheet::ReadError;

fn kind(k: ImportKind) -> &'static str {
    match k {
        ImportKind::People => "people (with their latest certificate)",
        ImportKind::Enrolments => "trainees of cohorts",
        ImportKind::Services => "public training services",
        ImportKind::Apprenticeships => "apprenticeships",
        ImportKind::Teachers => "teachers",
        ImportKind::ApprenticeLog => "apprentice log entries",
    }
}

/// A field's name in the mapping and messages: the field's own (`registers::fields`).
fn target(k: ImportKind, key: &'static str) -> &'static str {
    k.target(key).map_or(key, |t| t.label(Lang::En))
}

/// What a value should have been.
pub fn expected(p: &IssueKind) -> String {
    match p {
        IssueKind::Required => "must be filled in".into(),
        IssueKind::Date => "expected a date such as 2023-05-01, 2023/5/1, 2023.5.1, 2023年5月1日 or 20230501".into(),
        IssueKind::Number => "expected a number such as 12 or 12.5".into(),
        IssueKind::WholeNumber => "expected a whole number, 0 or more".into(),
        IssueKind::YesNo => "expected 是 (yes) or 否 (no)".into(),
        IssueKind::Sex => "expected 男 or 女 (or M/F)".into(),
        IssueKind::Grade => "expected a skill grade such as 三级/高级工, 高级工, 三级 or 3".into(),
        IssueKind::Ethnicity => "expected an ethnic group's name (蒙古族, with or without 族) or its two-digit code".into(),
        IssueKind::Education => "expected an education level such as 大学本科, 大专, 高中, or its GB/T 4658 code".into(),
        IssueKind::Occupation { close } => {
            let mut s = "expected an occupation of the 2022 classification by name (焊工) or code (6-18-02-04)".to_string();
            if !close.is_empty() {
                s.push_str(". Occupations with that in their name: ");
                s.push_str(&close_occupations(close, ", "));
            }
            s
        }
        IssueKind::DocType => "expected a document type: 居民身份证, 护照, 港澳居民来往内地通行证, 台湾居民来往大陆通行证 or 外国人永久居留身份证".into(),
        IssueKind::Choice { key, codes } => {
            let names: Vec<&str> = codes
                .iter()
                .map(|c| label(key, c, Lang::En).unwrap_or(c))
                .collect();
            format!("expected one of: {}", names.join(", "))
        }
        IssueKind::IdStoredAsNumber => {
            "Excel stored this ID number as a number and lost its last digits: format the column as Text and type the number again".into()
        }
        IssueKind::NoSuchCohort => "no cohort of this name in this organisation: create it under Cohorts first, or check the name".into(),
        IssueKind::NoSuchApprenticeship => {
            "this organisation has no apprenticeship of this apprentice on that date: check the ID number and the date, or register it under Apprenticeships".into()
        }
        IssueKind::NoSuchStage { have } if have.is_empty() => {
            "this apprenticeship has no plan yet, so no such stage: make its plan first, or leave the stage empty".into()
        }
        IssueKind::NoSuchStage { have } => format!(
            "this apprenticeship's plan has no such stage (its stages: {})",
            have.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")
        ),
        IssueKind::NoSuchFacility => "no facility of this name in this organisation: check the name, or register it under Capacity".into(),
        IssueKind::PersonNotFound => "this person is not registered and the row has no name to register them with: fill in the name".into(),
        IssueKind::DuplicateInFile { first_row } => {
            format!("the same person or record as row {first_row}; this row is not imported")
        }
        IssueKind::Rule { kind, problem } => crate::i18n::problem(problem, kind.code(), Lang::En),
    }
}

fn file_error(path: &Path, e: &ReadError) -> String {
    let f = path.display();
    match e {
        ReadError::Io(m) => {
            format!("cannot read {f}: {m}. Check that it exists and is not open in another program")
        }
        ReadError::Empty => format!("{f} is empty: there is nothing to import"),
        ReadError::NotASpreadsheet => {
            format!(
                "{f} is not a spreadsheet: choose an .xlsx, .xls or .csv file (Save As one of these in Excel)"
            )
        }
        ReadError::PasswordProtected => {
            format!(
                "{f} is password protected and cannot be read: open it in Excel, remove the password (File → Info → Protect Workbook), save it and import it again"
            )
        }
        ReadError::Damaged(m) => {
            format!(
                "{f} is damaged and cannot be read ({}): open it in Excel and save it as .xlsx",
                shown(m)
            )
        }
        ReadError::TooLarge(t) => too_large(&f.to_string(), t),
    }
}

/// A file beyond what can be read: where, and the limit.
fn too_large(f: &str, t: &TooLarge) -> String {
    let at = |sheet: &str, cell: &str| {
        if sheet.is_empty() {
            format!("cell {cell}")
        } else {
            format!("cell {cell} of the sheet \"{}\"", shown(sheet))
        }
    };
    match t {
        TooLarge::File { bytes } => format!(
            "{f} has {} MB, more than the {} MB that can be imported; it was not read. A roster is usually a few MB: check that this is the right file, or split the roster into several files",
            bytes >> 20,
            bounds::MAX_FILE_BYTES >> 20
        ),
        TooLarge::Inflated { bytes, entries } => format!(
            "{f} inflates to {} MB ({entries} parts), more than the {} MB ({} parts) that can be read; it may be damaged or hostile and was not read. Open it in Excel and save it as .xlsx",
            bytes >> 20,
            bounds::MAX_INFLATED_BYTES >> 20,
            bounds::MAX_ZIP_ENTRIES
        ),
        TooLarge::Cells { sheet, cell, cells } => format!(
            "{f} already spans {cells} cells at {} (counted from A1 to its last row and column), more than the {} that can be read; it was not read. Usually something was typed in a far-away cell: delete what lies right of and below the table, or split the roster into several files",
            at(sheet, cell),
            bounds::MAX_CELLS
        ),
        TooLarge::OutOfSheet { sheet, cell } => format!(
            "{f} has {}, beyond the largest spreadsheet (1,048,576 rows and 16,384 columns, up to XFD1048576); it was not read. Check that the file is complete and the right one",
            at(sheet, cell)
        ),
        TooLarge::Cell { sheet, cell, chars } => format!(
            "{f}: {} holds {chars} characters, more than the {} a cell can hold; the file was not read. Check that cell",
            at(sheet, cell),
            bounds::MAX_CELL_CHARS
        ),
        TooLarge::Text { sheet, cell } => format!(
            "{f} holds more than {} MB of text (reached at {}); it was not read",
            bounds::MAX_TEXT_BYTES >> 20,
            at(sheet, cell)
        ),
    }
}

pub static TEXT: ImportText = ImportText {
    stage_check: "Checking",
    stage_backup: "Backup",
    stage_write: "Writing",
    stage_read: "Reading",
    stage_export: "Exporting",
    failed_sheet: "Rows not imported",
    status_new: "new",
    status_update: "update",
    status_unchanged: "unchanged",
    status_error: "error",
    warning: "note",
    not_imported: "(not imported)",
    dry_run_done: "This was a dry run (--dry-run): nothing was written.",
    no_org: "The database has no organisation yet: create your base or studio first, then import these records",
    bad_export_extension: "the export file's name must end in .xlsx or .csv",
    masked_note: "ID numbers and phone numbers are masked; add --full for the full numbers (for internal use only)",
    full_note: "Note: this file holds full ID numbers and phone numbers; for internal use only, keep it safe",
    yes: "yes",
    no: "no",
    list_separator: ", ",
    kind,
    target,
    issue_line: |column: &str, value: &str, expected: &str| {
        let (column, value) = (shown(column), shown(value));
        if value.is_empty() {
            format!("column \"{column}\" is empty: {expected}")
        } else {
            format!("column \"{column}\", value \"{value}\": {expected}")
        }
    },
    row_line: |row: usize, label: &str, status: &str| {
        let label = shown(label);
        if label.is_empty() {
            format!("row {row}  {status}")
        } else {
            format!("row {row} ({label})  {status}")
        }
    },
    summary: |rows: u64, new: u64, update: u64, unchanged: u64, error: u64| {
        format!("{rows} rows: {new} new, {update} update, {unchanged} unchanged, {error} with errors")
    },
    file_error,
    no_header: |path: &Path, kind: ImportKind, sheets: &[String]| {
        let sheets: Vec<&str> = sheets
            .iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        let where_ = if sheets.is_empty() {
            String::new()
        } else {
            format!(" (sheets looked at: {})", sheets.join(", "))
        };
        format!(
            "no header for {} found in {}{where_}: the header row names columns such as 姓名 and 身份证号; skillbase template --kind {} writes a template",
            self::kind(kind),
            path.display(),
            kind.code()
        )
    },
    other_kind: |path: &Path, asked: ImportKind, found: ImportKind| {
        format!(
            "{} looks like {}, not {}: import it with --kind {}, or choose the right file or sheet",
            path.display(),
            self::kind(found),
            self::kind(asked),
            found.code()
        )
    },
    missing_columns: |path: &Path, columns: &str| {
        format!(
            "{} lacks required columns: {columns}. Add them to the header row (see the template)",
            path.display()
        )
    },
    mapping_heading: |sheet: &str, row: usize| {
        let sheet = shown(sheet);
        if sheet.is_empty() {
            format!("Header in row {row}; columns:")
        } else {
            format!("Sheet \"{sheet}\", header in row {row}; columns:")
        }
    },
    mapping_line: |header: &str, field: &str| format!("  {} → {field}", shown(header)),
    refused: |errors: u64| {
        format!(
            "{errors} rows have errors; nothing was imported. Fix them and import again, or add --skip-invalid FAILED.xlsx to import only the valid rows"
        )
    },
    committed: |file: &str, new: u64, update: u64, unchanged: u64| {
        format!("Imported {file}: {new} new, {update} updated, {unchanged} unchanged")
    },
    backup_taken: |path: &Path| format!("Backup taken before the import: {}", path.display()),
    backup_failed: |e: &str| format!("the backup before the import failed; nothing was imported: {e}"),
    rejected_written: |n: u64, path: &Path| {
        format!(
            "{n} rows with errors were not imported and are in {} (the last column says why); fix them and import that file",
            path.display()
        )
    },
    unknown_kind: |given: &str, choices: &str| format!("unknown kind \"{given}\"; choose one of {choices}"),
    cannot_write: |path: &Path, e: &str| {
        format!(
            "cannot write {}: {e}. Check that the folder exists and the file is not open in Excel",
            path.display()
        )
    },
    exported: |n: usize, path: &Path| format!("Exported {n} records to {}", path.display()),
    template_written: |k: ImportKind, path: &Path| {
        format!(
            "Wrote the import template for {}: {}",
            self::kind(k),
            path.display()
        )
    },
    template_notes: &[
        "How to fill in",
        "1. One record per row on the first sheet; leave the header row as it is; columns marked * are required.",
        "2. Type ID numbers as text (the column is formatted as text); old 15-digit numbers are upgraded.",
        "3. Dates: 2023-05-01, 2023/5/1, 2023.5.1, 2023年5月1日 or 20230501.",
        "4. Sex, ethnic group, education and grade have drop-down lists; the code tables are on the following sheets.",
        "5. The import checks first without writing and shows every row as new, update, unchanged or error; a backup is taken before writing.",
        "6. Registered people are matched by ID number; filled cells update them, empty cells keep what was there.",
    ],
    same_file_before: |at: &str, file: &str| {
        let file = shown(file);
        format!("This file ({file}) was imported before, on {at}; records already there show as unchanged")
    },
    nav_import: "Import",
    wizard_title: "Import from Excel / CSV",
    steps: ["1 File", "2 Columns", "3 Check", "4 Done"],
    kind_label: "What to import",
    file_label: "File",
    choose_file: "Choose file…",
    read_file: "Read file",
    save_template: "Save template…",
    template_hint: "No spreadsheet yet? Save the template, fill it in, then import it.",
    mapping_help: "Columns were recognised by their headers. Where one is wrong, choose the right field under \"Import as\"; files of the same layout get this mapping next time.",
    column: "Column in the file",
    sample: "Example",
    import_as: "Import as",
    run_check: "Check (writes nothing)",
    only_errors: "Only rows with errors",
    row: "Row",
    status: "Status",
    record: "Record",
    messages: "Messages",
    import_all: "Import all",
    import_valid: "Import only the valid rows",
    failed_file: "Save rejected rows to",
    all_or_nothing_note: "\"Import all\" needs every row to be free of errors: fix the file and check again, or import only the valid rows (the rejected rows go to a spreadsheet to fix and import). A backup is taken before writing.",
    back: "Back",
    start_over: "Import another file",
    history: "Imports",
    no_history: "No file has been imported yet.",
    history_line: |at: &str, kind: &str, file: &str, summary: &str| {
        format!("{at}  {kind}  {file}  {summary}")
    },
    export_button: "Export…",
    export_title: "Export",
    export_file: "Save to",
    export_full: "Include full ID numbers and phone numbers (for internal use only)",
    export_do: "Export",
    export_what: |register: &str, n: usize| {
        format!(
            "Export the {n} records of \"{register}\" shown (with the search and filters on screen). The file name ends in .xlsx or .csv."
        )
    },
    org_for_import: |org: &str| {
        format!("Records are registered under: {org} (change the organisation at the top of the window)")
    },
    sheet_of: |sheet: &str, row: usize, rows: usize| {
        if sheet.is_empty() {
            format!("Header in row {row}; {rows} data rows")
        } else {
            format!("Sheet \"{sheet}\", header in row {row}; {rows} data rows")
        }
    },
    file_missing: "Choose the file to import first",
    busy: "Still working on the last action; please wait",
};

/// A value from the file inside a message.
fn shown(value: &str) -> std::borrow::Cow<'_, str> {
    crate::i18n::shown::value(value, Lang::En)
}
