//! Applying the data-exchange commands: making a package, opening one for its preview,
//! merging it with the user's choices, loading packages into a consolidation, saving the
//! regional summary. Each runs as the app's one background job with its own connection
//! (`tasks::Opener`), so the window never waits on scrypt or SQLite.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::SkillBaseApp;
use super::command::JobOutcome;
use super::tasks::Task;
use crate::i18n::Localize;
use crate::packages::pack::{ExportRequest, Exported};
use crate::packages::package::{self, Passphrase};
use crate::packages::{ExchangeError, merge};
use crate::report::region::RegionalSummary;

impl SkillBaseApp {
    fn exchange_busy(&mut self) -> bool {
        if self.job.is_some() {
            let t = crate::i18n::ui::text(self.lang());
            self.notes.info(t.busy);
            return true;
        }
        false
    }

    pub(super) fn export_package(
        &mut self,
        request: ExportRequest,
        passphrase: Passphrase,
        ctx: &egui::Context,
    ) {
        if self.exchange_busy() {
            return;
        }
        let (opener, lang) = (self.opener.clone(), self.lang());
        let t = crate::i18n::exchange::text(lang);
        self.job = Some(Task::spawn(t.making_package.to_string(), ctx, move |progress| {
            let run = || -> Result<Exported, ExchangeError> {
                let mut store = opener.open()?;
                crate::packages::pack::export(&mut store, &request, &passphrase, progress)
            };
            JobOutcome::PackageMade(run().map(Box::new).map_err(|e| e.localize(lang)))
        }));
    }

    pub(super) fn preview_package(&mut self, file: PathBuf, passphrase: Passphrase, ctx: &egui::Context) {
        if self.exchange_busy() {
            return;
        }
        let (opener, lang) = (self.opener.clone(), self.lang());
        let t = crate::i18n::exchange::text(lang);
        self.screens.exchange.preview = None;
        self.job = Some(Task::spawn(t.reading_package.to_string(), ctx, move |progress| {
            use crate::progress::Progress;
            progress.stage(t.reading_package, 0);
            let run = || -> Result<merge::Preview, ExchangeError> {
                let pkg = package::read(&file, &passphrase)?;
                let store = opener.open()?;
                if store.is_consolidation()? {
                    return Err(crate::store::StoreError::IsConsolidation.into());
                }
                pkg.validate(&|k| store.field_columns(k).unwrap_or_default(), store.today())?;
                merge::preview(&store, &pkg)
            };
            JobOutcome::Previewed(run().map(Box::new).map_err(|e| e.localize(lang)))
        }));
    }

    pub(super) fn apply_merge(&mut self, ctx: &egui::Context) {
        if self.exchange_busy() {
            return;
        }
        let Some(preview) = self.screens.exchange.preview.clone() else {
            return;
        };
        let resolution = self.screens.exchange.resolution.clone();
        let (opener, lang) = (self.opener.clone(), self.lang());
        let t = crate::i18n::exchange::text(lang);
        self.job = Some(Task::spawn(t.merging.to_string(), ctx, move |progress| {
            let run = || -> Result<merge::Imported, ExchangeError> {
                let mut store = opener.open()?;
                merge::apply(&mut store, &preview, &resolution, progress)
            };
            JobOutcome::Merged(run().map_err(|e| e.localize(lang)))
        }));
    }

    pub(super) fn consolidate(&mut self, files: Vec<PathBuf>, passphrase: Passphrase, ctx: &egui::Context) {
        if self.exchange_busy() {
            return;
        }
        let (opener, lang) = (self.opener.clone(), self.lang());
        let t = crate::i18n::exchange::text(lang);
        self.job = Some(Task::spawn(
            t.loading_packages.to_string(),
            ctx,
            move |progress| {
                let run = || -> Result<Vec<crate::store::LoadOutcome>, ExchangeError> {
                    let mut store = opener.open()?;
                    crate::packages::consolidate::consolidate(&mut store, &files, &passphrase, progress)
                };
                JobOutcome::Consolidated(run().map_err(|e| e.localize(lang)))
            },
        ));
    }

    pub(super) fn save_region_return(&mut self, dir: &Path, summary: &Arc<RegionalSummary>, replace: bool) {
        let lang = self.lang();
        let t = crate::i18n::exchange::text(lang);
        let built = match crate::report::region::build(summary) {
            Ok(b) => b,
            Err(e) => return self.notes.error(e),
        };
        match self.output(replace).write_all(dir, &built.files()) {
            Ok(()) => self
                .notes
                .success((t.saved_region)(&dir.display().to_string(), &built.code)),
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }

    /// A finished exchange job's result.
    pub(super) fn exchange_outcome(&mut self, outcome: JobOutcome) {
        let lang = self.lang();
        let t = crate::i18n::exchange::text(lang);
        match outcome {
            JobOutcome::PackageMade(Ok(done)) => {
                self.notes
                    .success(crate::i18n::exchange::exported_message(&done, lang));
                self.changed();
            }
            JobOutcome::Previewed(Ok(preview)) => self.screens.exchange.set_preview(*preview),
            JobOutcome::Merged(Ok(done)) => {
                self.screens.exchange.preview = None;
                if done.written == 0 && done.backup.is_none() {
                    self.notes.info(t.nothing_to_import);
                } else {
                    let backup = done.backup.map(|b| b.display().to_string()).unwrap_or_default();
                    self.notes.success((t.imported)(done.written, &backup));
                }
                self.changed();
            }
            JobOutcome::Consolidated(Ok(loaded)) => {
                for o in &loaded {
                    self.notes
                        .success((t.loaded)(&o.file_name, o.added, o.replaced, o.withdrawn));
                }
                self.changed();
            }
            JobOutcome::PackageMade(Err(e))
            | JobOutcome::Previewed(Err(e))
            | JobOutcome::Merged(Err(e))
            | JobOutcome::Consolidated(Err(e)) => self.notes.error(e),
            // Not the exchange's: `poll_job` handles the others itself.
            _ => {}
        }
    }
}
