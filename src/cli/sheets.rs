//! `skillbase import`, `skillbase export` and `skillbase template`: spreadsheets in and
//! out. `import` prints every row's status and messages and a summary; with any invalid
//! row it writes nothing and exits 2, unless `--skip-invalid FAILED.xlsx` is given, which
//! imports the valid rows and writes the rejected ones to that file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Failure;
use super::open::{db_path, open_existing, open_existing_writer, output, output_failure};
use crate::i18n::import::{ImportText, text};
use crate::i18n::{Lang, Localize};
use crate::sheets::columns::ImportKind;
use crate::sheets::export::{self, ExportFormat, ExportKind};
use crate::sheets::import::{self, CommitError, ImportError, RowStatus, Source};
use crate::store::{PeopleQuery, Store};

type Outcome = Result<(), Failure>;

/// `--kind` of `import` and `template`.
pub(super) fn parse_import_kind(s: &str) -> Result<ImportKind, String> {
    let lang = super::LANG.get().copied().unwrap_or_default();
    ImportKind::from_code(s).ok_or_else(|| {
        let choices: Vec<&str> = ImportKind::ALL.iter().map(|k| k.code()).collect();
        (text(lang).unknown_kind)(s, &choices.join(", "))
    })
}

/// `--kind` of `export`.
pub(super) fn parse_export_kind(s: &str) -> Result<ExportKind, String> {
    let lang = super::LANG.get().copied().unwrap_or_default();
    ExportKind::from_code(s).ok_or_else(|| {
        let choices: Vec<&str> = export::EXPORT_KINDS.iter().map(|(c, _)| *c).collect();
        (text(lang).unknown_kind)(s, &choices.join(", "))
    })
}

/// What `import` was asked to do.
pub(super) struct ImportArgs {
    pub kind: ImportKind,
    pub file: PathBuf,
    pub dry_run: bool,
    pub skip_invalid: Option<PathBuf>,
    pub org: Option<String>,
    /// Replace the rejected rows' file if it exists.
    pub force: bool,
}

fn status_word(t: &ImportText, s: RowStatus) -> &'static str {
    match s {
        RowStatus::New => t.status_new,
        RowStatus::Update => t.status_update,
        RowStatus::Unchanged => t.status_unchanged,
        RowStatus::Error => t.status_error,
    }
}

/// A file-level import error as a message (all are bad input: exit 2).
fn import_failure(e: ImportError, file: &Path, kind: ImportKind, lang: Lang) -> Failure {
    let t = text(lang);
    match e {
        ImportError::Read(e) => Failure::BadInput((t.file_error)(file, &e)),
        ImportError::Header(crate::sheets::columns::HeaderProblem::NotFound { sheets }) => {
            Failure::BadInput((t.no_header)(file, kind, &sheets))
        }
        ImportError::Header(crate::sheets::columns::HeaderProblem::OtherKind { found }) => {
            Failure::BadInput((t.other_kind)(file, kind, found))
        }
        ImportError::MissingColumns(keys) => {
            let names: Vec<&str> = keys.iter().map(|k| (t.target)(kind, k)).collect();
            Failure::BadInput((t.missing_columns)(file, &names.join("、")))
        }
        ImportError::NoOrganisation => Failure::BadInput(t.no_org.to_string()),
        ImportError::Store(e) => Failure::from_store(e, lang),
    }
}

pub(super) fn import(db: Option<PathBuf>, args: ImportArgs, lang: Lang) -> Outcome {
    let t = text(lang);
    let path = db_path(db, lang)?;
    // The rejected rows' file is checked before anything is read or written.
    let guard = output(&path, args.force);
    if let (Some(failed), false) = (&args.skip_invalid, args.dry_run) {
        guard.check(failed).map_err(|e| output_failure(e, lang))?;
    }
    let mut store = if args.dry_run {
        open_existing(&path, lang)?
    } else {
        open_existing_writer(&path, "import", lang)?
    };
    let kind = args.kind;
    let file = args.file.as_path();
    let source = Source::read(file).map_err(|e| import_failure(ImportError::Read(e), file, kind, lang))?;
    let org = if kind.needs_org() {
        match store.resolve_reporting_organisation(args.org.as_deref()) {
            Ok(o) => Some(o.id),
            Err(crate::store::StoreError::NoSuchOrganisation { text }) if text.is_empty() => {
                return Err(Failure::BadInput(t.no_org.to_string()));
            }
            Err(e) => return Err(Failure::from_store(e, lang)),
        }
    } else {
        None
    };
    let mapping = import::prepare(&store, &source, kind).map_err(|e| import_failure(e, file, kind, lang))?;
    let mut out = super::stdout();
    let _ = writeln!(
        out,
        "{}",
        (t.mapping_heading)(&mapping.sheet, mapping.header_row + 1)
    );
    for (h, f) in mapping.headers.iter().zip(&mapping.fields) {
        if h.is_empty() {
            continue;
        }
        let field = match f {
            Some(k) => kind
                .target(k)
                .map_or(k.as_str(), |target| (t.target)(kind, target.key)),
            None => t.not_imported,
        };
        let _ = writeln!(out, "{}", (t.mapping_line)(h, field));
    }
    let progress = crate::progress::Terminal::new().named(move |s| crate::i18n::restore::stage(s, lang));
    let plan = import::dry_run(&store, &source, kind, &mapping, org, lang, &progress)
        .map_err(|e| import_failure(e, file, kind, lang))?;
    let _ = writeln!(out);
    for row in &plan.rows {
        let _ = writeln!(
            out,
            "{}",
            (t.row_line)(row.row, &row.label, status_word(t, row.status))
        );
        for issue in &row.issues {
            let line = import::issue_text(issue, lang);
            match issue.severity {
                crate::domain::Severity::Error => {
                    let _ = writeln!(out, "    {line}");
                }
                crate::domain::Severity::Warning => {
                    let _ = writeln!(out, "    {}：{line}", t.warning);
                }
            }
        }
    }
    let c = plan.counts();
    let _ = writeln!(
        out,
        "\n{}",
        (t.summary)(plan.rows.len() as u64, c.new, c.update, c.unchanged, c.error)
    );
    if let Ok(history) = store.import_history(1000)
        && let Some(before) = history.iter().find(|h| h.summary.sha256 == plan.sha256)
    {
        let _ = writeln!(
            out,
            "{}",
            (t.same_file_before)(&crate::i18n::local_time(&before.at), &before.summary.file_name)
        );
    }
    if args.dry_run {
        let _ = writeln!(out, "{}", t.dry_run_done);
        return if c.error > 0 { Err(Failure::Silent) } else { Ok(()) };
    }
    if c.error > 0 {
        let Some(failed) = &args.skip_invalid else {
            return Err(Failure::BadInput((t.refused)(c.error)));
        };
        let bytes = import::failed_rows_xlsx(&plan, lang).map_err(|e| Failure::Other(e.to_string()))?;
        guard.write(failed, &bytes).map_err(|e| output_failure(e, lang))?;
    }
    let committed = import::commit(&mut store, &plan, args.skip_invalid.is_some(), lang, &progress)
        .map_err(|e| commit_failure(e, lang))?;
    if let Some(backup) = &committed.backup {
        let _ = writeln!(out, "{}", (t.backup_taken)(backup));
    }
    let s = &committed.summary;
    let _ = writeln!(
        out,
        "{}",
        (t.committed)(&s.file_name, s.new, s.updated, s.unchanged)
    );
    if let Some(failed) = &args.skip_invalid
        && c.error > 0
    {
        let _ = writeln!(out, "{}", (t.rejected_written)(c.error, failed));
    }
    Ok(())
}

fn commit_failure(e: CommitError, lang: Lang) -> Failure {
    let t = text(lang);
    match e {
        CommitError::RowsInvalid(n) => Failure::BadInput((t.refused)(n)),
        CommitError::Backup(e) => Failure::Other((t.backup_failed)(&e.localize(lang))),
        CommitError::Store(e) => Failure::from_store(e, lang),
    }
}

pub(super) fn export(
    db: Option<PathBuf>,
    kind: ExportKind,
    out_file: &Path,
    full: bool,
    org: Option<&str>,
    force: bool,
    lang: Lang,
) -> Outcome {
    let t = text(lang);
    let path = db_path(db, lang)?;
    let guard = output(&path, force);
    guard.check(out_file).map_err(|e| output_failure(e, lang))?;
    if ExportFormat::from_path(out_file).is_none() {
        return Err(Failure::BadInput(t.bad_export_extension.to_string()));
    }
    let store: Store = open_existing(&path, lang)?;
    let fail = |e| Failure::from_store(e, lang);
    let org = match org {
        Some(o) => Some(store.resolve_organisation(Some(o)).map_err(fail)?.id.uuid()),
        None => None,
    };
    let table = match kind {
        ExportKind::People => {
            let query = PeopleQuery {
                org,
                ..PeopleQuery::default()
            };
            export::people_table(&store, &query, full, lang).map_err(fail)?
        }
        ExportKind::Register(k) => {
            let records = export::register_records(&store, k, org).map_err(fail)?;
            export::register_table(&store, k, &records, full, lang)
        }
    };
    export::write_file(&table, out_file, &guard).map_err(|e| output_failure(e, lang))?;
    let mut out = super::stdout();
    let _ = writeln!(out, "{}", (t.exported)(table.rows.len(), out_file));
    let _ = writeln!(out, "{}", if full { t.full_note } else { t.masked_note });
    Ok(())
}

/// `template --kind K --out FILE [--force]`: no database is opened, but the file may
/// still not be the database's own (the one `--db` names, else the default).
pub(super) fn template(
    db: Option<PathBuf>,
    kind: ImportKind,
    out_file: &Path,
    force: bool,
    lang: Lang,
) -> Outcome {
    let t = text(lang);
    let db = db.or_else(crate::store::default_db_path);
    let guard = crate::files::Output::new(db.as_deref(), force);
    guard.check(out_file).map_err(|e| output_failure(e, lang))?;
    let bytes =
        crate::sheets::template::template_xlsx(kind, lang).map_err(|e| Failure::Other(e.to_string()))?;
    guard
        .write(out_file, &bytes)
        .map_err(|e| output_failure(e, lang))?;
    say!("{}", (t.template_written)(kind, out_file));
    Ok(())
}
