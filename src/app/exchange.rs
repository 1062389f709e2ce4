//! Applying the data-exchange commands: making a package, opening one for its preview,
//! merging it with the user's choices, loading packages into a consolidation, saving the
//! regional summary. Each runs as the app's one background job with its own connection
//! (`tasks::Opener`), so the window never waits on scrypt or SQLite.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::AppState;
use super::command::JobOutcome;
use crate::i18n::Localize;
use crate::packages::pack::{ExportRequest, Exported};
use crate::packages::package::{self, Passphrase};
use crate::packages::{ExchangeError, merge};
use crate::report::region::RegionalSummary;

impl AppState {
    /// Starts an exchange job (the window's words for "busy").
    fn start_exchange(
        &mut self,
        title: &str,
        ctx: &egui::Context,
        work: impl FnOnce(&crate::progress::Shared) -> JobOutcome + Send + 'static,
    ) -> bool {
        let busy = crate::i18n::ui::text(self.lang()).busy;
        self.start_job(title, busy, ctx, work)
    }

    pub fn export_package(&mut self, request: ExportRequest, passphrase: Passphrase, ctx: &egui::Context) {
        let (opener, lang) = (self.opener.clone(), self.lang());
        let t = crate::i18n::exchange::text(lang);
        self.start_exchange(t.making_package, ctx, move |progress| {
            let run = || -> Result<Exported, ExchangeError> {
                let mut store = opener.open()?;
                crate::packages::pack::export(&mut store, &request, &passphrase, progress)
            };
            JobOutcome::PackageMade(run().map(Box::new).map_err(|e| e.localize(lang)))
        });
    }

    /// Decrypts and checks a package, then previews what importing it would do. True when
    /// started (not while another job runs).
    pub fn preview_package(&mut self, file: PathBuf, passphrase: Passphrase, ctx: &egui::Context) -> bool {
        let (opener, lang) = (self.opener.clone(), self.lang());
        let t = crate::i18n::exchange::text(lang);
        self.start_exchange(t.reading_package, ctx, move |progress| {
            use crate::progress::Progress;
            progress.stage(t.reading_package, 0);
            let run = || -> Result<merge::Preview, ExchangeError> {
                let pkg = package::read(&file, &passphrase)?;
                let store = opener.open()?;
                if store.is_consolidation()? {
                    return Err(crate::store::StoreError::IsConsolidation.into());
                }
                pkg.validate(&|k| store.field_columns(k).unwrap_or_default(), store.today())?;
                merge::preview(&store, &pkg, lang)
            };
            JobOutcome::Previewed(run().map(Box::new).map_err(|e| e.localize(lang)))
        })
    }

    /// Merges a previewed package with the choices made on its conflicts.
    pub fn apply_merge(
        &mut self,
        preview: Arc<merge::Preview>,
        resolution: merge::Resolution,
        ctx: &egui::Context,
    ) {
        let (opener, lang) = (self.opener.clone(), self.lang());
        let t = crate::i18n::exchange::text(lang);
        self.start_exchange(t.merging, ctx, move |progress| {
            let run = || -> Result<merge::Imported, ExchangeError> {
                let mut store = opener.open()?;
                merge::apply(&mut store, &preview, &resolution, progress)
            };
            JobOutcome::Merged(run().map_err(|e| e.localize(lang)))
        });
    }

    pub fn consolidate(&mut self, files: Vec<PathBuf>, passphrase: Passphrase, ctx: &egui::Context) {
        let (opener, lang) = (self.opener.clone(), self.lang());
        let t = crate::i18n::exchange::text(lang);
        self.start_exchange(t.loading_packages, ctx, move |progress| {
            let run = || -> Result<Vec<crate::store::LoadOutcome>, ExchangeError> {
                let mut store = opener.open()?;
                crate::packages::consolidate::consolidate(&mut store, &files, &passphrase, progress)
            };
            JobOutcome::Consolidated(run().map_err(|e| e.localize(lang)))
        });
    }

    pub fn save_region_return(&mut self, dir: &Path, summary: &Arc<RegionalSummary>, replace: bool) {
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

    /// A package made, merged (the screen closes its preview) or packages loaded.
    pub fn package_made(&mut self, result: Result<Box<Exported>, String>) {
        match result {
            Ok(done) => {
                self.notes
                    .success(crate::i18n::exchange::exported_message(&done, self.lang()));
                self.changed();
            }
            Err(e) => self.notes.error(e),
        }
    }

    /// A package merged: what it wrote, and the backup taken first.
    pub fn merged(&mut self, result: Result<merge::Imported, String>) {
        let t = crate::i18n::exchange::text(self.lang());
        match result {
            Ok(done) => {
                if done.written == 0 && done.backup.is_none() {
                    self.notes.info(t.nothing_to_import);
                } else {
                    let backup = done.backup.map(|b| b.display().to_string()).unwrap_or_default();
                    self.notes.success((t.imported)(done.written, &backup));
                }
                self.changed();
            }
            Err(e) => self.notes.error(e),
        }
    }

    /// Packages loaded into the consolidation: one line per file.
    pub fn consolidated(&mut self, result: Result<Vec<crate::store::LoadOutcome>, String>) {
        let t = crate::i18n::exchange::text(self.lang());
        match result {
            Ok(loaded) => {
                for o in &loaded {
                    self.notes
                        .success((t.loaded)(&o.file_name, o.added, o.replaced, o.withdrawn));
                }
                self.changed();
            }
            Err(e) => self.notes.error(e),
        }
    }
}
