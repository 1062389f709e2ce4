//! Applying the import wizard's and the export dialog's commands: reading a file and
//! finding its header, the dry run, the commit (a backup first, all or nothing, or the
//! valid rows with the rejected ones written to an XLSX), templates and exports. Reading,
//! checking, committing and exporting run as a [`Task`] on their own thread and
//! connection, with the progress bar; the window never waits for them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use uuid::Uuid;

use super::AppState;
use super::command::JobOutcome;
use crate::i18n::import::text;
use crate::i18n::{Lang, Localize};
use crate::sheets::columns::{HeaderProblem, ImportKind, Mapping};
use crate::sheets::export::{self, ExportKind};
use crate::sheets::import::{self, CommitError, Committed, ImportError, Plan, Source};
use crate::store::PeopleQuery;

/// What is exported: which register, which records (as shown on screen), where, and
/// whether with full ID and phone numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub kind: ExportKind,
    /// The records shown, in order (registers other than people).
    pub ids: Vec<Uuid>,
    /// The people list's search and filters (people).
    pub query: Option<PeopleQuery>,
    /// How many records that is (for the dialog).
    pub count: usize,
}

/// A file's import error as the wizard shows it.
fn import_error(e: ImportError, file: &Path, kind: ImportKind, lang: Lang) -> String {
    let t = text(lang);
    match e {
        ImportError::Read(e) => (t.file_error)(file, &e),
        ImportError::Header(HeaderProblem::NotFound { sheets }) => (t.no_header)(file, kind, &sheets),
        ImportError::Header(HeaderProblem::OtherKind { found }) => (t.other_kind)(file, kind, found),
        ImportError::MissingColumns(keys) => {
            let names: Vec<&str> = keys.iter().map(|k| (t.target)(kind, k)).collect();
            (t.missing_columns)(file, &names.join("、"))
        }
        ImportError::NoOrganisation => t.no_org.to_string(),
        ImportError::Store(e) => e.localize(lang),
    }
}

impl AppState {
    fn start(
        &mut self,
        title: &str,
        ctx: &egui::Context,
        work: impl FnOnce(&crate::progress::Shared) -> JobOutcome + Send + 'static,
    ) -> bool {
        let busy = text(self.lang()).busy;
        self.start_job(title, busy, ctx, work)
    }

    /// Reads the chosen file and maps its columns.
    pub fn import_read(&mut self, kind: ImportKind, path: PathBuf, ctx: &egui::Context) {
        let lang = self.lang();
        let t = text(lang);
        let opener = self.opener.clone();
        self.start(t.stage_read, ctx, move |_| {
            let run = || -> Result<(Source, Mapping), String> {
                let source =
                    Source::read(&path).map_err(|e| import_error(ImportError::Read(e), &path, kind, lang))?;
                let store = opener.open().map_err(|e| e.localize(lang))?;
                let mapping =
                    import::prepare(&store, &source, kind).map_err(|e| import_error(e, &path, kind, lang))?;
                Ok((source, mapping))
            };
            JobOutcome::ImportRead(Box::new(run()))
        });
    }

    /// The dry run of `file` (read as `source`) over the mapping shown.
    pub fn import_check(
        &mut self,
        kind: ImportKind,
        file: PathBuf,
        source: Arc<Source>,
        mapping: Mapping,
        ctx: &egui::Context,
    ) {
        let lang = self.lang();
        let t = text(lang);
        let org = self.org().map(|o| o.id);
        let opener = self.opener.clone();
        self.start(t.stage_check, ctx, move |progress| {
            let run = || -> Result<Plan, String> {
                let store = opener.open().map_err(|e| e.localize(lang))?;
                import::dry_run(&store, &source, kind, &mapping, org, lang, progress)
                    .map_err(|e| import_error(e, &file, kind, lang))
            };
            JobOutcome::ImportChecked(Box::new(run()))
        });
    }

    /// Writes the checked plan: all rows, or the valid ones with the rest to `failed`.
    pub fn import_commit(
        &mut self,
        plan: Arc<Plan>,
        failed: Option<PathBuf>,
        replace: bool,
        ctx: &egui::Context,
    ) {
        let lang = self.lang();
        let t = text(lang);
        let output = self.output(replace);
        let opener = self.opener.clone();
        self.start(t.stage_write, ctx, move |progress| {
            let run = || -> Result<(Committed, Option<PathBuf>), String> {
                let mut store = opener.open().map_err(|e| e.localize(lang))?;
                let failed = match failed {
                    Some(path) if plan.has_errors() => {
                        let bytes = import::failed_rows_xlsx(&plan, lang).map_err(|e| e.to_string())?;
                        output.write(&path, &bytes).map_err(|e| e.localize(lang))?;
                        Some(path)
                    }
                    _ => None,
                };
                let committed = import::commit(&mut store, &plan, failed.is_some(), lang, progress).map_err(
                    |e| match e {
                        CommitError::RowsInvalid(n) => (t.refused)(n),
                        CommitError::Backup(e) => (t.backup_failed)(&e.localize(lang)),
                        CommitError::Store(e) => e.localize(lang),
                    },
                )?;
                // The mapping the user confirmed serves the next file of this layout.
                let _ = import::remember(&mut store, plan.kind, &plan.mapping);
                Ok((committed, failed))
            };
            JobOutcome::ImportCommitted(Box::new(run()))
        });
    }

    /// Writes a template (over an existing file only when `replace`).
    pub fn import_template(&mut self, kind: ImportKind, path: &Path, replace: bool) {
        let lang = self.lang();
        let t = text(lang);
        let result = crate::sheets::template::template_xlsx(kind, lang)
            .map_err(|e| (t.cannot_write)(path, &e.to_string()))
            .and_then(|bytes| {
                self.output(replace)
                    .write(path, &bytes)
                    .map_err(|e| e.localize(lang))
            });
        match result {
            Ok(()) => self.notes.success((t.template_written)(kind, path)),
            Err(e) => self.notes.error(e),
        }
    }

    /// Exports what the screen showed. False when the file's name says no format we
    /// write (the dialog stays open to correct it).
    pub fn export(
        &mut self,
        request: ExportRequest,
        path: PathBuf,
        full: bool,
        replace: bool,
        ctx: &egui::Context,
    ) -> bool {
        let lang = self.lang();
        let t = text(lang);
        let output = self.output(replace);
        if export::ExportFormat::from_path(&path).is_none() {
            self.notes.error(t.bad_export_extension);
            return false;
        }
        let opener = self.opener.clone();
        let org = self.org().map(|o| o.id.uuid());
        self.start(t.stage_export, ctx, move |_| {
            let run = || -> Result<(usize, PathBuf), String> {
                let store = opener.open().map_err(|e| e.localize(lang))?;
                let table = match request.kind {
                    ExportKind::People => {
                        let query = request.query.clone().unwrap_or_default();
                        export::people_table(&store, &query, full, lang).map_err(|e| e.localize(lang))?
                    }
                    ExportKind::Register(kind) => {
                        let all =
                            export::register_records(&store, kind, org).map_err(|e| e.localize(lang))?;
                        let shown: Vec<_> = request
                            .ids
                            .iter()
                            .filter_map(|id| all.iter().find(|r| r.id == *id).cloned())
                            .collect();
                        export::register_table(&store, kind, &shown, full, lang)
                    }
                };
                export::write_file(&table, &path, &output).map_err(|e| e.localize(lang))?;
                Ok((table.rows.len(), path))
            };
            JobOutcome::Exported(run())
        });
        true
    }

    /// An export written (or why not).
    pub fn exported(&mut self, result: Result<(usize, PathBuf), String>) {
        let t = text(self.lang());
        match result {
            Ok((n, path)) => {
                let text = (t.exported)(n, &path);
                self.notes.saved(text, path);
            }
            Err(e) => self.notes.error(e),
        }
    }
}
