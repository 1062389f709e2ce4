//! The words of data exchange (the `package`, `consolidate` and `region-return` commands
//! and the 数据交换 and 全区汇总 screens): one struct, filled once per language in
//! `zh/exchange.rs` and `en/exchange.rs`, so the compiler checks both are complete.

use super::Lang;

/// The message of a package made: (file, what, records, bytes, since: (recipient, when)).
pub type Exported = fn(&str, &str, u64, u64, Option<(&str, &str)>) -> String;

/// Every sentence of data exchange a user reads.
pub struct ExchangeText {
    pub everything: &'static str,
    pub package_id: &'static str,
    pub new_records: &'static str,
    pub changed_records: &'static str,
    pub deleted_records: &'static str,
    pub empty_value: &'static str,
    pub conflicts_heading: &'static str,
    pub same_people_heading: &'static str,
    pub live: &'static str,
    pub deleted: &'static str,
    pub state: &'static str,
    pub dry_run_done: &'static str,
    pub nothing_to_import: &'static str,
    pub met: &'static str,
    pub not_met: &'static str,
    pub not_computable: &'static str,
    pub not_a_region_db: &'static str,
    /// (file, what, records, bytes, since: (recipient, when)).
    pub exported: Exported,
    pub package_heading: fn(&str) -> String,
    /// Who sent a package (organisations), its operator, when made (local), what it
    /// holds, complete or changes.
    pub package_source: fn(&str, &str, &str, &str, bool) -> String,
    pub already_imported: fn(&str) -> String,
    pub preview_counts: fn(usize, usize, usize, u64, usize, usize) -> String,
    pub and_more: fn(usize) -> String,
    pub diff_line: fn(&str, &str, &str) -> String,
    pub delete_blocked: fn(&str, &str) -> String,
    pub conflicts_need_choice: fn(usize) -> String,
    pub imported: fn(usize, &str) -> String,
    pub loaded: fn(&str, u64, u64, u64) -> String,
    pub consolidated: fn(usize, f64) -> String,
    pub table_heading: fn(i32, usize) -> String,
    /// The region-wide figures' heading: the report year and the plan's target year.
    pub region_heading: fn(i32, i32) -> String,
    pub shared_line: fn(u64, u64) -> String,
    pub region_done: fn(i32, &str, &str) -> String,
    /// Region-wide figures' names, where they differ from the (Chinese) summary's.
    pub figure_names: &'static [(&'static str, &'static str)],
    // The window.
    pub nav_exchange: &'static str,
    pub nav_region: &'static str,
    pub export_heading: &'static str,
    pub import_heading: &'static str,
    pub scope: &'static str,
    pub scope_everything: &'static str,
    pub scope_org: &'static str,
    /// Only the indicator sets, nobody's records.
    pub scope_indicator_sets: &'static str,
    pub complete_package: &'static str,
    pub since_last: &'static str,
    pub recipient: &'static str,
    pub passphrase: &'static str,
    pub passphrase_again: &'static str,
    pub passphrase_mismatch: &'static str,
    pub passphrase_short: &'static str,
    pub package_file: &'static str,
    pub import_file: &'static str,
    pub import_passphrase: &'static str,
    pub choose_file: &'static str,
    pub make_package: &'static str,
    pub making_package: &'static str,
    pub open_package: &'static str,
    pub reading_package: &'static str,
    pub merge_now: &'static str,
    pub merging: &'static str,
    pub mine: &'static str,
    pub theirs: &'static str,
    pub by_field: &'static str,
    pub mine_column: &'static str,
    pub theirs_column: &'static str,
    pub take_field: &'static str,
    pub field: &'static str,
    pub all_mine: &'static str,
    pub all_theirs: &'static str,
    pub choices_left: &'static str,
    pub unchanged_records: &'static str,
    pub load_packages: &'static str,
    pub loading_packages: &'static str,
    pub computing_region: &'static str,
    pub make_region_return: &'static str,
    pub region_empty: &'static str,
    pub organisation: &'static str,
    pub indicator: &'static str,
    pub value: &'static str,
    pub target: &'static str,
    pub result: &'static str,
    pub document: &'static str,
    pub name: &'static str,
    pub orgs_column: &'static str,
    pub region_figures: &'static str,
    pub shared_people: &'static str,
    pub no_shared_people: &'static str,
    pub exchange_help: &'static str,
    pub region_help: &'static str,
    pub sent_before: &'static str,
    pub start_from_package: &'static str,
    pub start_from_package_help: &'static str,
    pub start_region: &'static str,
    pub start_region_help: &'static str,
    pub saved_region: fn(&str, &str) -> String,
    pub conflict_count: fn(usize) -> String,
    pub findings: fn(u64, u64) -> String,
    /// An organisation's submitted return: its code, and how many recomputed figures
    /// differ (0: they all match); `None`: nothing submitted for the year.
    pub submission: fn(Option<(&str, usize)>) -> String,
    // ---- Issue 21: exchange views that name who sent what, when, and what it changed.
    /// The package brings nothing to merge (imported before, or all here already).
    pub nothing_to_merge: &'static str,
    /// One side of a conflict: when it was changed (local time) and by whom ("" unknown).
    pub mine_changed: fn(&str, &str) -> String,
    pub theirs_changed: fn(&str, &str) -> String,
    /// Marks the side changed later.
    pub newer: &'static str,
    /// The received packages' history: its heading, and one package: sender, made,
    /// merged (local times), by whom.
    pub received_before: &'static str,
    pub received_line: fn(&str, &str, &str, &str) -> String,
    /// One register's records a package brought: register, new, changed, deleted.
    pub register_counts: fn(&str, u64, u64, u64) -> String,
    /// The backup taken before a merge (its file).
    pub backup_before: fn(&str) -> String,
    /// How to undo a merge with that backup.
    pub backup_before_hint: &'static str,
    /// 全区汇总: typed package paths, and the packages loaded per organisation.
    pub typed_packages: &'static str,
    pub typed_packages_hint: &'static str,
    pub load_typed: &'static str,
    pub loads_heading: &'static str,
    /// Organisation, file, made, loaded, records.
    pub load_columns: [&'static str; 5],
    /// "Only what changed since" to a recipient never sent a package (its name).
    pub never_sent: fn(&str) -> String,
    /// 年度报表: the records changed since the year was submitted (how many), listed.
    pub changed_since_list: fn(usize) -> String,
    /// The form of a record in a submitted year: the year, when it was submitted.
    pub submitted_year: fn(i32, &str) -> String,
    /// A conflict's choice: keep mine and add theirs as a record of its own.
    pub keep_both: &'static str,
    /// A figure's unit (the summary's, in Chinese) in this language.
    pub unit: fn(&str) -> String,
    /// The regional summary's default folder for a year.
    pub region_folder: fn(i32) -> String,
}

impl ExchangeText {
    /// A region-wide figure's name in the window's language, when it differs.
    pub fn figure_label(&self, key: &str) -> Option<&'static str> {
        self.figure_names.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

pub fn text(lang: Lang) -> &'static ExchangeText {
    match lang {
        Lang::Zh => &super::zh::exchange::TEXT,
        Lang::En => &super::en::exchange::TEXT,
    }
}

/// What a package made holds, as the command line and the window say it.
pub fn exported_message(done: &crate::packages::pack::Exported, lang: Lang) -> String {
    let t = text(lang);
    let m = &done.manifest;
    let what = m.organisation.as_ref().map_or(t.everything, |o| o.name.as_str());
    let since = done
        .since
        .as_ref()
        .map(|s| (s.recipient.clone().unwrap_or_default(), s.sent_at.clone()));
    (t.exported)(
        &done.file.display().to_string(),
        what,
        m.total(),
        done.bytes,
        since.as_ref().map(|(r, at)| (r.as_str(), at.as_str())),
    )
}

/// A column's label for a register given by its code (the window's preview), as
/// `i18n::column_label` gives it.
pub fn field_name(kind: &str, field: &str, lang: Lang) -> String {
    super::name_of(kind, field, lang).map_or_else(|| field.to_string(), str::to_string)
}

/// A regional figure's definition in the window's language.
pub fn region_definition(key: &str, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => super::zh::exchange::region_definition(key),
        Lang::En => super::en::exchange::region_definition(key),
    }
}
