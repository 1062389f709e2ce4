//! Data exchange in English: making and importing data packages, the regional
//! consolidation, and the definition of every regional figure (for the window; the
//! printed summary is in Chinese, like the annual return).

use crate::i18n::exchange::ExchangeText;
use crate::i18n::{Labelled, Lang, Localize};
use crate::packages::ExchangeError;
use crate::packages::incoming::RecordProblem;
use crate::packages::package::{MIN_PASSPHRASE_CHARS, PASSPHRASE_ENV, PackageError};

fn kind(k: &crate::domain::RecordKind) -> &'static str {
    k.label(Lang::En)
}

pub fn error(e: &ExchangeError) -> String {
    match e {
        ExchangeError::Package(p) => match p {
            PackageError::Io { file, source } => format!("cannot read {}: {source}", file.display()),
            PackageError::NotAPackage { file } => format!(
                "{} is not a SkillBase data package (.sbpkg). The database was not changed. Choose the file the other side made with \"Make a package\"",
                file.display()
            ),
            PackageError::WrongPassphrase { file } => format!(
                "wrong passphrase for the package {}. The database was not changed. Check the passphrase with whoever made the package (case and full-width characters matter)",
                file.display()
            ),
            PackageError::Damaged { file, detail } => format!(
                "the package {} is damaged or was altered ({}) and cannot be imported. The database was not changed. Ask for it to be made and copied again (wait for the copy to finish before removing the USB stick)",
                file.display(),
                shown(detail)
            ),
            PackageError::Newer { file, found, format } => format!(
                "the package {} was made by a newer SkillBase (schema {found}, format {format}) and cannot be read by this one. The database was not changed. Update SkillBase first",
                file.display()
            ),
            PackageError::ExcessiveWork { file, required, max } => format!(
                "the package {} asks for passphrase work {required}, above the {max} this program accepts; refused so it cannot hang for hours. The database was not changed",
                file.display()
            ),
            PackageError::ShortPassphrase => format!(
                "the passphrase is too short: at least {MIN_PASSPHRASE_CHARS} characters. Packages travel on USB sticks, and the passphrase is all that protects a lost one"
            ),
            PackageError::InvalidRecord {
                file,
                kind: k,
                id,
                name,
                verdict,
            } => format!(
                "the {} record \"{}\" ({}) in the package {} has errors; nothing of the package was imported and the database was not changed:\n{}\nAsk for it to be corrected and the package made again",
                kind(k),
                shown(name),
                shown(id),
                file.display(),
                verdict.localize(Lang::En)
            ),
            PackageError::BadRecord { file, record } => format!(
                "in the package {}, the {} record {}(id {}): \"{}\" {}. Nothing of the package was imported and the database was not changed. Ask the sender to make the package again with SkillBase",
                file.display(),
                kind(&record.kind),
                if record.name.is_empty() { String::new() } else { format!("\"{}\" ", shown(&record.name)) },
                shown(&record.id),
                crate::i18n::column_label(record.kind, &record.field, Lang::En),
                record_problem(&record.problem)
            ),
            PackageError::TooLarge { file, limit, records } => format!(
                "the package {} inflates to more than {} MB, which the {records} records its manifest lists cannot need. It may have been altered or be hostile, and cannot be imported. The database was not changed",
                file.display(),
                limit >> 20
            ),
        },
        ExchangeError::Store(e) => e.localize(Lang::En),
        ExchangeError::MissingReference {
            file,
            kind: k,
            id,
            field,
            target,
            target_id,
        } => format!(
            "in the package {}, the {} record {}'s \"{}\" refers to the {} record {}, which is neither in the package nor in this database; nothing was imported. Ask for a complete package (without --since-last-to)",
            file.display(),
            kind(k),
            shown(id),
            crate::i18n::column_label(*k, field, Lang::En),
            kind(target),
            shown(target_id)
        ),
        ExchangeError::Unresolved { conflicts } => {
            format!("{conflicts} conflict(s) still need a choice; nothing was written")
        }
        ExchangeError::NotComplete { file } => format!(
            "the package {} holds only changes since an earlier one; a consolidation needs complete packages (made without --since-last-to). The database was not changed",
            file.display()
        ),
        ExchangeError::NoPassphrase => format!(
            "the package's passphrase is needed: give --passphrase-file FILE (its first line) or set the environment variable {PASSPHRASE_ENV}. For safety it cannot be written on the command line"
        ),
        ExchangeError::Interrupted => "the work was interrupted; nothing was written. Try again, and if it happens again tell your support".to_string(),
        ExchangeError::Write { file, source } => format!(
            "cannot write {}: {source}. Check that the folder exists, that you may write there and that the disk (USB stick) is not full",
            file.display()
        ),
        ExchangeError::Output(e) => crate::i18n::Localize::localize(e, crate::i18n::Lang::En),
    }
}

/// What is wrong with one value of a record in a package, and what is expected.
fn record_problem(p: &RecordProblem) -> String {
    match p {
        RecordProblem::NotAnId { value } => format!(
            "should be a record id as SkillBase makes them (like 0192d3e5-7a3c-7b2e-9f00-123456789012), not \"{}\"",
            shown(value)
        ),
        RecordProblem::NotASource { value } => format!(
            "should name the install that wrote it (or the batch, one line of at most {} characters), not \"{}\"",
            crate::packages::incoming::MAX_SOURCE_CHARS,
            shown(value)
        ),
        RecordProblem::DuplicateId => "appears twice in the package: a record can appear only once".into(),
        RecordProblem::SharedId { other, here: false } => {
            format!(
                "is also the id of a {} record in the package: one id is one record",
                kind(other)
            )
        }
        RecordProblem::SharedId { other, here: true } => {
            format!(
                "is also the id of a {} record in this database: one id is one record",
                kind(other)
            )
        }
        RecordProblem::NotATime { value } => {
            format!(
                "should be a time like 2026-03-01T08:00:00.000Z, not \"{}\"",
                shown(value)
            )
        }
        RecordProblem::TooEarly { value } => {
            format!(
                "is {}, before 2000: it cannot be a real time of change",
                shown(value)
            )
        }
        RecordProblem::Future { value } => format!(
            "is {}, more than two days after this computer's clock. Check the date and time of both computers",
            shown(value)
        ),
        RecordProblem::Revision { value } => {
            format!(
                "should be a whole number from 1 to {}, not {value}",
                crate::packages::incoming::MAX_REV
            )
        }
        RecordProblem::Unreadable { detail } => format!("cannot be read ({})", shown(detail)),
        RecordProblem::WrongRegister { expected, found } => format!(
            "should refer to a {} record, but that id is a {} record in the package",
            kind(expected),
            kind(found)
        ),
    }
}

/// A value from a package inside a message.
fn shown(value: &str) -> std::borrow::Cow<'_, str> {
    crate::i18n::shown::value(value, Lang::En)
}

/// The definition of each regional figure.
pub fn region_definition(key: &str) -> &'static str {
    match key {
        "org_indicators" => {
            "Each organisation's indicators: the annual return's definitions, computed per organisation from the records of its package (a person trained by two organisations counts in both); targets by kind and tier (national, region; none set for league level)."
        }
        "high_skill_stock" => {
            "High-skill talent in the region: people in the consolidation holding a certificate of 高级工 (level 3) or above issued by 31 December of the year, counted once per document type and number (a person registered by several organisations counts once). Up to 2015 against the 2015 target of 540,000, later against the 2020 target of 650,000. Technicians and senior technicians: grade 技师 (level 2) or above, targets 210,000 / 280,000."
        }
        "technicians_stock" => {
            "As above, for certificates of 技师 (level 2), 高级技师 (level 1), 特级技师 and 首席技师."
        }
        "region_bases" => {
            "Region-level bases and studios: loaded organisations that are training bases (or master studios) of region tier; national ones are counted apart. Targets 25 each in 2015, 50 each in 2020."
        }
        "region_studios" => "See above: master studios.",
        "leading_talents" => {
            "Leading talents trained: people who completed and passed, in the year, a cohort of the programme 百名高技能领军人才技能提升 (once per document). Target at least 100 a year; the three-year figure covers the year and the two before it, target 500."
        }
        "shortage_technicians" => {
            "Technicians in shortage occupations: people who completed and passed, in the year, a cohort of the programme 千名紧缺急需职业（工种）技师和高级技师培养 (once per document). Target at least 2,000 a year, 10,000 in three years."
        }
        "on_post_trainees" => {
            "On-post trainees (岗位练兵): people enrolled in cohorts of the mode 岗位练兵 running in the year (once per document). Target 100,000 a year."
        }
        "new_high_skill" => {
            "New high-skill talent: people whose first certificate of 高级工 or above was issued in the year (once per document). Target at least 10,000 a year."
        }
        "competitions" => {
            "Competitions: the distinct occupations of competitions held in the year (target about 50), and their participants, in person-times (target at least 50,000)."
        }
        "integrated_teachers" => {
            "Integrated teachers in three years: people appointed as integrated (一体化) teachers at any time in the year or the two before it (once per document). Target 1,000 in three years."
        }
        "frontline_funds" => {
            "Share of enterprises' staff-education funds spent on front-line workers (target at least 60%): these registers hold no enterprise funds, so it cannot be computed; see the enterprises' own reports."
        }
        "submissions" => {
            "Submissions and checks: each organisation's latest return of the year marked as submitted in its own database (final or correction), which its data package carries; 'check' sets every figure printed in that return.json (the data-quality section aside) against the same figure recomputed from the records in its package: 'same' when all are equal, otherwise the figures that differ are listed. Errors and warnings are those its own return would count (possible duplicates among the people of the organisation, the studios it hosts or its host included); possible duplicates of people only other organisations registered (same document, or same name, birth date and sex) are not, and are counted apart as 'cross-organisation duplicates' (see part four). The package date is when the package was made at the organisation."
        }
        "shared_people" => {
            "People in several organisations: a document number named by the trainee, apprentice, master, teacher or award records of two or more organisations. Counted in each organisation's figures, once in the region's; more than one \"person record\" means each organisation entered a person record of its own (registered separately). Document numbers show their first 6 and last 4 characters only."
        }
        _ => "",
    }
}

pub static TEXT: ExchangeText = ExchangeText {
    everything: "all records",
    package_id: "Package id: ",
    new_records: "New:",
    changed_records: "Changed:",
    deleted_records: "Deleted:",
    empty_value: "(empty)",
    conflicts_heading: "Conflicts (changed on both sides since they last exchanged):",
    same_people_heading: "The same person (same document, registered on both sides; made one):",
    live: "live",
    deleted: "deleted",
    state: "State",
    dry_run_done: "(--dry-run: changes listed, nothing written)",
    nothing_to_import: "Nothing to write (everything in this package is already here); the database was not changed.",
    met: "met",
    not_met: "not met",
    not_computable: "cannot be computed",
    not_a_region_db: "this database is not a regional consolidation: load the organisations' packages first with skillbase consolidate --db REGION.db PKG...",
    exported: |file: &str, what: &str, n: u64, bytes: u64, since: Option<(&str, &str)>| match since {
        Some((to, at)) => format!(
            "Made the package {file}: {what}, the {n} records changed since the last package to \"{to}\" ({at}), {:.1} KB",
            bytes as f64 / 1024.0
        ),
        None => format!(
            "Made the package {file}: {what}, complete, {n} records, {:.1} KB",
            bytes as f64 / 1024.0
        ),
    },
    package_heading: |file: &str| format!("Package {file}"),
    package_source: |sender: &str, operator: &str, at: &str, org: &str, complete: bool| {
        let operator = if operator.is_empty() {
            String::new()
        } else {
            format!(" (operator {operator})")
        };
        format!(
            "From {sender}{operator}, made {at}, holding {org}, {}",
            if complete {
                "complete"
            } else {
                "changes since the last package"
            }
        )
    },
    already_imported: |at: &str| {
        format!("This package was imported on {at}; importing it again writes nothing twice.")
    },
    preview_counts: |new: usize,
                     changed: usize,
                     deleted: usize,
                     unchanged: u64,
                     conflicts: usize,
                     same: usize| {
        format!(
            "{new} new, {changed} changed, {deleted} deleted, {unchanged} unchanged, {conflicts} in conflict, {same} same-person pair(s)"
        )
    },
    and_more: |n: usize| format!("... and {n} more"),
    diff_line: |field: &str, mine: &str, theirs: &str| format!("{field}: mine {mine}  |  theirs {theirs}"),
    delete_blocked: |k: &str, name: &str| {
        format!(
            "deleted there, but the {k} \"{name}\" here still uses it: it cannot be deleted (mine is kept)"
        )
    },
    conflicts_need_choice: |n: usize| {
        format!(
            "{n} conflict(s) need a choice; nothing was written. Import again with --prefer mine or --prefer theirs, or choose one by one in the window's Data exchange screen"
        )
    },
    imported: |n: usize, backup: &str| {
        if backup.is_empty() {
            format!("Merged: {n} records written.")
        } else {
            format!("Merged: {n} records written. Backup taken before the merge: {backup}")
        }
    },
    loaded: |file: &str, added: u64, replaced: u64, withdrawn: u64| {
        format!("Loaded {file}: {added} added, {replaced} replaced, {withdrawn} withdrawn")
    },
    consolidated: |n: usize, secs: f64| format!("{n} package(s) loaded in {secs:.1} s."),
    table_heading: |year: i32, n: usize| format!("Indicators of {year} ({n} organisations):"),
    region_heading: |year: i32, target: i32| {
        if year > target {
            format!(
                "Region-wide figures for {year} (the 2015 plan sets targets up to {target}; its {target} targets apply):"
            )
        } else {
            format!("Region-wide figures for {year} (against the plan's targets for {target}):")
        }
    },
    shared_line: |shared: u64, people: u64| {
        format!(
            "{people} people in the region (once per document); {shared} document number(s) appear in several organisations and count once."
        )
    },
    region_done: |year: i32, file: &str, code: &str| {
        format!("Made the regional summary of {year} (verification code {code}): {file}")
    },
    figure_names: &[
        ("high_skill_stock", "High-skill talent in the region"),
        ("technicians_stock", "of which technicians and senior technicians"),
        ("region_bases", "Region-level training bases"),
        ("region_studios", "Region-level master studios"),
        ("leading_talents", "Leading talents trained in the year"),
        ("leading_talents_3y", "  in the last three years"),
        (
            "shortage_technicians",
            "Shortage-occupation technicians in the year",
        ),
        ("shortage_technicians_3y", "  in the last three years"),
        ("on_post_trainees", "On-post trainees in the year"),
        ("new_high_skill", "New high-skill talent in the year"),
        ("competition_occupations", "Competition occupations in the year"),
        ("competitors", "Competitors in the year (person-times)"),
        ("integrated_teachers", "Integrated teachers, last three years"),
        ("frontline_funds", "Staff-education funds for front-line workers"),
    ],
    nav_exchange: "Data exchange",
    nav_region: "Regional summary",
    export_heading: "Make a package",
    import_heading: "Import a package",
    scope: "Contents",
    scope_everything: "All records",
    scope_org: "Only the chosen organisation",
    scope_indicator_sets: "Only the indicator sets (for bases and studios; nobody's records)",
    complete_package: "Complete",
    since_last: "Only changes since the last package to",
    recipient: "Recipient",
    passphrase: "Passphrase",
    passphrase_again: "Passphrase again",
    passphrase_mismatch: "The two passphrases differ",
    passphrase_short: "At least 8 characters",
    package_file: "Package file",
    import_file: "Package to import",
    import_passphrase: "Its passphrase",
    choose_file: "Choose…",
    make_package: "Make the package",
    making_package: "Making the package",
    open_package: "Open and preview",
    reading_package: "Decrypting and checking the package",
    merge_now: "Back up and merge",
    merging: "Merging",
    mine: "Keep mine",
    theirs: "Take theirs",
    by_field: "Field by field",
    mine_column: "Here",
    theirs_column: "There",
    take_field: "Take theirs",
    field: "Field",
    all_mine: "All mine",
    all_theirs: "All theirs",
    choices_left: "Some conflicts have no choice yet",
    unchanged_records: "Unchanged",
    load_packages: "Load packages…",
    loading_packages: "Loading packages",
    computing_region: "Computing the regional figures",
    make_region_return: "Make the regional summary",
    region_empty: "No package loaded yet. Use a new database file for the regional summary and load the organisations' complete packages here.",
    organisation: "Organisation",
    indicator: "Indicator",
    value: "Actual",
    target: "Target",
    result: "Met",
    document: "Document",
    name: "Name",
    orgs_column: "Organisations",
    region_figures: "Region-wide figures",
    shared_people: "People in several organisations",
    no_shared_people: "No document number appears in more than one organisation.",
    exchange_help: "A data package is one encrypted file that travels on a USB stick to the base, league or region. Importing one lists what is new, changed, deleted and in conflict first, and backs up before merging.",
    region_help: "For reviewers: load the bases' and studios' complete packages (loading an organisation again replaces its earlier data), see each organisation's indicators and the region's, and make the regional summary.",
    sent_before: "Packages sent",
    start_from_package: "Start from a data package",
    start_from_package_help: "A studio's first use: import the package of its records the base sent",
    start_region: "Use as a regional consolidation (reviewers)",
    start_region_help: "League and region reviewers: load the organisations' packages and make the regional summary",
    saved_region: |dir: &str, code: &str| {
        format!("Regional summary saved to {dir} (verification code {code})")
    },
    conflict_count: |n: usize| format!("{n} conflict(s) still to decide"),
    findings: |e: u64, w: u64| format!("{e} errors, {w} warnings"),
    submission: |s| match s {
        None => "not submitted for the year".to_string(),
        Some((code, 0)) => format!("submitted {code}, figures match"),
        Some((code, n)) => format!("submitted {code}, {n} figure(s) differ from the package"),
    },
    // ---- Issue 21: exchange views that name who sent what, when, and what it changed.
    nothing_to_merge: "This package brings nothing to merge (all of it is here already): nothing to merge, no backup taken, nothing written.",
    mine_changed: |at: &str, by: &str| {
        if by.is_empty() {
            format!("Here: changed {at}")
        } else {
            format!("Here: changed {at} by {by}")
        }
    },
    theirs_changed: |at: &str, by: &str| {
        if by.is_empty() {
            format!("Theirs: changed {at}")
        } else {
            format!("Theirs: changed {at} by {by}")
        }
    },
    newer: " (newer)",
    received_before: "Packages received",
    received_line: |sender: &str, made: &str, merged: &str, by: &str| {
        let by = if by.is_empty() {
            String::new()
        } else {
            format!(" by {by}")
        };
        format!("{sender}: made {made}, merged {merged}{by}")
    },
    register_counts: |register: &str, new: u64, changed: u64, deleted: u64| {
        format!("{register}: {new} new, {changed} changed, {deleted} deleted")
    },
    backup_before: |file: &str| format!("Backup taken before the merge: {file}"),
    backup_before_hint: "Restoring this backup on the Backups screen undoes the merge.",
    typed_packages: "Or type the packages' paths:",
    typed_packages_hint: "several files separated by semicolons",
    load_typed: "Load these files",
    loads_heading: "Packages loaded (each organisation's latest)",
    load_columns: ["Organisation", "File", "Made", "Loaded", "Records"],
    never_sent: |to: &str| {
        format!(
            "No package was sent to \"{to}\" yet (recipients are told apart by name): this one will be complete, as they have no records to start from; the next ones to \"{to}\" hold only the changes."
        )
    },
    changed_since_list: |n: usize| {
        format!("The {n} record(s) changed since it was submitted (the next return is a correction)")
    },
    submitted_year: |year: i32, at: &str| {
        format!(
            "This record belongs to {year}, whose return was submitted on {at}. Once it is saved, the next {year} return is a correction."
        )
    },
    keep_both: "Keep both (theirs as a record of its own)",
    unit: |u: &str| {
        match u {
            "人" => "people",
            "人次" => "person-times",
            "个" => "",
            "%" => "%",
            other => other,
        }
        .to_string()
    },
    region_folder: |year: i32| format!("regional-summary-{year}"),
};
