//! Every user-visible sentence, and the names of list values.
//!
//! Chinese (Simplified) is the default; English is switchable. Each language keeps all of
//! its sentences in one directory (`zh/`, `en/`), one file per topic, so a translator
//! reads one place and the compiler checks that both languages cover every message:
//! message types implement [`Localize`] by matching exhaustively in both directories.
//! (A register's field is named where it is defined, in both languages:
//! `registers::fields`.)
//!
//! This layer sits above the library and below the window and the command line: it
//! depends on the types it words (domain, store, rules, report, sheets, packages, files),
//! and none of them depends on it. `localize.rs` words each of their types; where the
//! library needs words of its own (a list value's name, the sheets a spreadsheet it
//! writes carries, a definition printed on the return, a rule's purpose), it declares a
//! trait there (`domain::labelled::ValueNames`, `sheets::Words`, `rules::Words`,
//! `report::Words`) and `words.rs` answers it for each [`Lang`] from the files here.

pub mod assessment;
pub mod attachments;
pub mod desk;
pub mod en;
pub mod exchange;
pub mod import;
pub mod indicators;
mod localize;
pub mod restore;
pub mod safety;
pub mod shown;
pub mod studio_log;
pub mod ui;
mod words;
pub mod zh;

/// The language a user reads, defined below every layer (`crate::lang`) so that the
/// library can be handed it; what each language says lives here.
pub use crate::lang::Lang;

/// Something that can be told to a user in their language.
pub trait Localize {
    fn localize(&self, lang: Lang) -> String;
}

/// A list value's name in a language (the trait is the domain's; the names are here).
pub use crate::domain::Labelled;

/// The label of an enum value, by enum name and code.
pub fn label(key: &str, code: &str, lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::Zh => zh::labels::enum_label(key, code),
        Lang::En => en::labels::enum_label(key, code),
    }
}

/// What people call a register's field or bookkeeping column (as its definition in
/// `registers::fields` says), or a figure a finding points at; by names only known at run
/// time.
fn name_of(kind: &str, name: &str, lang: Lang) -> Option<&'static str> {
    crate::registers::fields::label(kind, name, lang).or_else(|| match lang {
        Lang::Zh => zh::labels::figure_label(name),
        Lang::En => en::labels::figure_label(name),
    })
}

/// The label of a record's field (`kind` is the table name, `field` the column), else the
/// field's own name.
pub fn field_label(kind: &str, field: &'static str, lang: Lang) -> &'static str {
    name_of(kind, field, lang).unwrap_or(field)
}

/// A column's label when its name is only known at run time (read from the database or a
/// package); a column no register has is shown by its name.
pub fn column_label(kind: crate::domain::RecordKind, column: &str, lang: Lang) -> String {
    name_of(kind.code(), column, lang).map_or_else(|| column.to_string(), str::to_string)
}

/// A stored timestamp as people read it (the store's, which writes them).
pub use crate::store::local_time;

/// What the operating system said about a file, in the user's language (its own text is
/// English, or the system's language, and names no way out).
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let zh = lang == Lang::Zh;
    let said = match e.kind() {
        K::NotFound if zh => "找不到该文件或文件夹",
        K::NotFound => "no such file or folder",
        K::PermissionDenied if zh => "没有访问权限",
        K::PermissionDenied => "permission denied",
        K::AlreadyExists if zh => "文件已存在",
        K::AlreadyExists => "the file already exists",
        K::StorageFull if zh => "磁盘已满",
        K::StorageFull => "the disk is full",
        K::ReadOnlyFilesystem if zh => "磁盘或文件夹是只读的",
        K::ReadOnlyFilesystem => "the disk or folder is read-only",
        K::IsADirectory if zh => "这是一个文件夹，不是文件",
        K::IsADirectory => "it is a folder, not a file",
        K::NotADirectory if zh => "路径中有一部分不是文件夹",
        K::NotADirectory => "part of the path is not a folder",
        K::InvalidFilename if zh => "文件名不合规",
        K::InvalidFilename => "the file name is not allowed",
        _ => return e.to_string(),
    };
    said.to_string()
}

/// A problem with one field, without the record and field names (shown under the field).
pub fn problem(p: &crate::domain::Problem, kind: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh::problems::problem(p, kind),
        Lang::En => en::problems::problem(p, kind),
    }
}

/// Starting from the command line: `skillbase init`'s words (what each flag expects, the
/// outcome) and `skillbase open`'s.
pub struct StartText {
    /// `--name`'s expected value.
    pub name_expected: &'static str,
    /// `--kind`'s choices.
    pub kind_expected: &'static str,
    /// `--tier`'s choices.
    pub tier_expected: &'static str,
    pub credit_code_expected: &'static str,
    pub division_expected: &'static str,
    /// A required flag not given: flag, what it expects.
    pub missing: fn(&str, &str) -> String,
    /// A value that is none of the choices: flag, value, the choices.
    pub not_a_choice: fn(&str, &str, &str) -> String,
    /// A value the organisation's rules refused: flag, the field's label, the problem.
    pub refused: fn(&str, &str, &str) -> String,
    /// After the problems: nothing was created.
    pub nothing_created: fn(&std::path::Path) -> String,
    /// Done: database, organisation name, tier and kind labels.
    pub done: fn(&std::path::Path, &str, &str, &str) -> String,
    /// `open FILE`: no such file.
    pub no_such_package: fn(&std::path::Path) -> String,
}

/// The command line's own words (its help is in `cli`, next to the flags it describes).
pub struct CliText {
    pub database: &'static str,
    pub schema_line: fn(i32, i32) -> String,
    pub app_version: &'static str,
    pub code_tables: &'static str,
    pub install_id: &'static str,
    pub register: &'static str,
    pub live: &'static str,
    pub deleted: &'static str,
    pub no_data_dir: &'static str,
    pub no_such_database: fn(&std::path::Path) -> String,
    pub demo_done: fn(&str, u64, &std::path::Path, f64) -> String,
    /// The name asked for, and the scenarios there are.
    pub unknown_scenario: fn(&str, &[&str]) -> String,
    /// No command given to a build without the window (`--no-default-features`).
    pub no_window: &'static str,
    pub check_heading: fn(&str, i32) -> String,
    pub check_total: fn(usize, usize) -> String,
    pub by_rule: &'static str,
    pub error: &'static str,
    pub warning: &'static str,
    pub final_refused: fn(usize, i32, &str) -> String,
    pub cannot_write: fn(&std::path::Path, &str) -> String,
    /// Organisation, year, status (draft, final, correction N), folder, code, seconds.
    pub return_done: fn(&str, i32, &str, &std::path::Path, &str, f64) -> String,
    /// Under a draft of a year that has not ended.
    pub year_not_ended: fn(i32) -> String,
    pub status_draft: &'static str,
    pub status_final: &'static str,
    pub status_correction: fn(u32) -> String,
    pub met: &'static str,
    pub submit_done: fn(&str, i32, &str) -> String,
    pub changed_since: fn(&str, i32, &str, &str, usize) -> String,
    pub not_met: &'static str,
}
