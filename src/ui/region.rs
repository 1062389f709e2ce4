//! 全区汇总, for the league or region reviewer: load organisations' complete packages
//! into this (consolidation) database, see every organisation's indicators against its
//! targets in one table, the region-wide figures against the region's targets, the people
//! who appear in several organisations, and save the regional summary (PDF, JSON, XLSX).
//! The figures are computed on another thread whenever the data or the year change.

use std::path::PathBuf;
use std::sync::Arc;

use super::Cx;
use super::dialog::{self, Picked};
use super::palette;
use crate::app::Command;
use crate::app::tasks::{Lost, PROGRESS_REPAINT, Task};
use crate::packages::package::{EXTENSION, Passphrase};
use crate::report::region::RegionalSummary;

#[derive(Default)]
pub struct RegionState {
    key: Option<(i32, u64)>,
    task: Option<Task<Result<Option<RegionalSummary>, String>>>,
    /// `Ok(None)`: not a consolidation database (yet).
    pub summary: Option<Result<Option<Arc<RegionalSummary>>, String>>,
    pub passphrase: String,
    pub out_dir: String,
    /// Packages to load, typed (where no file dialog is at hand): paths separated by `;`
    /// or new lines.
    pub typed_files: String,
    /// The packages loaded, per organisation, read when the data version changes.
    loads: Option<(u64, Vec<crate::store::ConsolidationLoad>)>,
}

impl RegionState {
    pub fn is_idle(&self) -> bool {
        self.task.is_none()
    }
}

fn met(cx: &Cx, m: Option<bool>) -> (&'static str, egui::Color32) {
    let t = cx.t.exchange;
    match m {
        Some(true) => (t.met, palette::GOOD),
        Some(false) => (t.not_met, palette::BAD),
        None => ("—", palette::NEUTRAL),
    }
}

fn compute(ui: &egui::Ui, cx: &Cx, st: &mut RegionState) {
    let key = (cx.year, cx.version);
    if st.key != Some(key) && st.task.is_none() {
        st.key = Some(key);
        let opener = cx.opener.clone();
        let (year, lang) = (cx.year, cx.lang);
        st.task = Some(Task::spawn(
            cx.t.exchange.computing_region.to_string(),
            ui.ctx(),
            move |progress| {
                let run = || -> Result<Option<RegionalSummary>, crate::store::StoreError> {
                    let store = opener.open()?;
                    if !store.is_consolidation()? {
                        return Ok(None);
                    }
                    crate::report::region::summary(&store, year, progress).map(Some)
                };
                run().map_err(|e| crate::i18n::Localize::localize(&e, lang))
            },
        ));
    }
    if let Some(ended) = Task::finished(&mut st.task, ui.ctx(), PROGRESS_REPAINT) {
        st.summary = Some(
            ended
                .unwrap_or_else(|Lost| Err(cx.t.task_failed.to_string()))
                .map(|s| s.map(Arc::new)),
        );
    }
}

/// The packages loaded, one line per organisation: who, which file, made and loaded when
/// (local time), how many records.
fn loads_list(ui: &mut egui::Ui, cx: &Cx, st: &mut RegionState) {
    let t = cx.t.exchange;
    if st.loads.as_ref().is_none_or(|(v, _)| *v != cx.version) {
        st.loads = Some((cx.version, cx.store.consolidation_loads().unwrap_or_default()));
    }
    let Some((_, loads)) = &st.loads else { return };
    if loads.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("{} ({})", t.loads_heading, loads.len()))
        .id_salt("loads")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("loads-grid")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    for h in t.load_columns {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for l in loads {
                        let org = cx.orgs.iter().find(|o| o.id.to_string() == l.org).map_or_else(
                            || cx.store.describe(crate::domain::RecordKind::Organisation, &l.org),
                            |o| o.record.name.clone(),
                        );
                        ui.label(org);
                        ui.label(&l.file_name);
                        ui.label(crate::store::local_time(&l.exported_at));
                        ui.label(crate::store::local_time(&l.loaded_at));
                        ui.label(l.records.to_string());
                        ui.end_row();
                    }
                });
        });
}

pub fn show(ui: &mut egui::Ui, cx: &mut Cx, st: &mut RegionState, busy: bool) {
    let t = cx.t.exchange;
    ui.heading(format!("{} · {}", t.nav_region, (cx.t.year_title)(cx.year)));
    ui.label(t.region_help);
    compute(ui, cx, st);
    ui.horizontal(|ui| {
        let label = ui.label(t.passphrase).id;
        ui.add(
            egui::TextEdit::singleline(&mut st.passphrase)
                .password(true)
                .desired_width(200.0),
        )
        .labelled_by(label);
        if ui
            .add_enabled(
                !busy && !st.passphrase.is_empty(),
                egui::Button::new(t.load_packages),
            )
            .clicked()
        {
            // `pick_files` gives one path per file chosen; `pick` carries one, so the
            // list travels through the closure's capture.
            let mut chosen = Vec::new();
            let picked = dialog::pick(|| {
                chosen = rfd::FileDialog::new()
                    .add_filter("SkillBase", &[EXTENSION])
                    .pick_files()?;
                chosen.first().cloned()
            });
            match picked {
                Picked::Chosen(_) => cx.send(Command::Consolidate {
                    files: chosen,
                    passphrase: Passphrase::new(&st.passphrase),
                }),
                Picked::Unavailable => dialog::prefill(&mut st.typed_files),
                Picked::Cancelled => {}
            }
        }
    });
    // Where no file dialog is available (no desktop portal), typed paths serve.
    ui.horizontal(|ui| {
        let label = ui.label(t.typed_packages).id;
        ui.add(
            egui::TextEdit::singleline(&mut st.typed_files)
                .desired_width(420.0)
                .hint_text(t.typed_packages_hint),
        )
        .labelled_by(label);
        let files: Vec<PathBuf> = st
            .typed_files
            .split([';', '；', '\n'])
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(PathBuf::from)
            .collect();
        if ui
            .add_enabled(
                !busy && !st.passphrase.is_empty() && !files.is_empty(),
                egui::Button::new(t.load_typed),
            )
            .clicked()
        {
            cx.send(Command::Consolidate {
                files,
                passphrase: Passphrase::new(&st.passphrase),
            });
        }
    });
    dialog::note(ui, cx.lang);
    loads_list(ui, cx, st);
    ui.separator();
    let summary = match &st.summary {
        None => {
            if let Some(task) = &st.task {
                let (stage, f) = task.fraction();
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(&task.title);
                    ui.add(egui::ProgressBar::new(f).desired_width(300.0).text(stage));
                });
            }
            return;
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
        Some(Ok(None)) => {
            ui.label(t.region_empty);
            return;
        }
        Some(Ok(Some(s))) => s.clone(),
    };
    if summary.orgs.is_empty() {
        ui.label(t.region_empty);
        return;
    }
    if st.out_dir.is_empty() {
        let base = crate::files::documents_dir();
        st.out_dir = base.join((t.region_folder)(cx.year)).display().to_string();
    }
    ui.horizontal(|ui| {
        ui.label(cx.t.save_to);
        ui.add(egui::TextEdit::singleline(&mut st.out_dir).desired_width(360.0));
        if ui.button(cx.t.browse).clicked() {
            let start = PathBuf::from(st.out_dir.trim());
            dialog::browse(&mut st.out_dir, || {
                rfd::FileDialog::new().set_directory(start).pick_folder()
            });
        }
        if ui.button(t.make_region_return).clicked() {
            cx.send(Command::SaveRegionReturn {
                dir: PathBuf::from(st.out_dir.trim()),
                summary: summary.clone(),
            });
        }
    });
    dialog::note(ui, cx.lang);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading((t.region_heading)(summary.year, summary.target_year));
            egui::Grid::new("region-figures")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for h in [t.indicator, t.value, t.target, t.result] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for f in &summary.figures {
                        let def =
                            crate::i18n::exchange::region_definition(f.key.trim_end_matches("_3y"), cx.lang);
                        ui.label(t.figure_label(f.key).unwrap_or(f.label))
                            .on_hover_text(def);
                        ui.label(f.value.map_or_else(
                            || t.not_computable.to_string(),
                            |v| format!("{v} {}", (t.unit)(f.unit)),
                        ));
                        ui.label(f.target.map_or_else(|| "—".into(), |v| format!("≥ {v}")));
                        let (m, colour) = met(cx, f.met);
                        ui.colored_label(colour, m);
                        ui.end_row();
                    }
                });
            ui.label((t.shared_line)(
                summary.counts.shared_documents,
                summary.counts.people,
            ));
            ui.add_space(8.0);
            ui.heading((t.table_heading)(summary.year, summary.orgs.len()));
            egui::Grid::new("region-orgs")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for h in [t.organisation, t.indicator, t.value, t.target, t.result, ""] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for o in &summary.orgs {
                        for (i, ind) in o.indicators.iter().enumerate() {
                            if i == 0 {
                                ui.label(&o.name).on_hover_text(format!(
                                    "{} {}\n{}",
                                    o.tier_label.clone().unwrap_or_default(),
                                    o.kind_label,
                                    o.file_name
                                ));
                            } else {
                                ui.label("");
                            }
                            ui.label(ind.name(cx.lang));
                            ui.label(format!(
                                "{} {}",
                                crate::i18n::indicators::value(ind, cx.lang),
                                (t.unit)(&ind.unit)
                            ));
                            ui.label(ind.threshold_shown());
                            let (m, colour) = met(cx, ind.met);
                            ui.colored_label(colour, m);
                            if i == 0 {
                                let tie = o
                                    .submission
                                    .as_ref()
                                    .map(|s| (s.code.as_str(), s.differences.len()));
                                let mismatch = o.submission.as_ref().is_some_and(|s| !s.matches);
                                let mut text = format!(
                                    "{}；{}",
                                    (t.findings)(o.errors, o.warnings),
                                    (t.submission)(tie)
                                );
                                if let Some(a) = &o.assessment {
                                    let at = crate::i18n::assessment::text(cx.lang);
                                    let n = crate::domain::assessment::number;
                                    let own = format!("{} · {}", n(a.self_total), a.self_band);
                                    let expert = match (a.expert_total, a.expert_band) {
                                        (Some(x), Some(b)) => format!("{} · {b}", n(x)),
                                        _ => at.not_yet.to_string(),
                                    };
                                    text = format!("{text}\n{}", (at.totals)(&own, &expert, ""));
                                }
                                let label = if mismatch {
                                    ui.colored_label(ui.visuals().warn_fg_color, text)
                                } else {
                                    ui.weak(text)
                                };
                                if let Some(s) = o.submission.as_ref().filter(|s| !s.matches) {
                                    let lines: Vec<String> = s
                                        .differences
                                        .iter()
                                        .map(|d| format!("{}: {} → {}", d.item, d.before, d.after))
                                        .collect();
                                    label.on_hover_text(lines.join("\n"));
                                }
                            } else {
                                ui.label("");
                            }
                            ui.end_row();
                        }
                    }
                });
            ui.add_space(8.0);
            ui.heading(t.shared_people);
            if summary.shared.is_empty() {
                ui.label(t.no_shared_people);
            } else {
                egui::Grid::new("region-shared")
                    .striped(true)
                    .num_columns(3)
                    .show(ui, |ui| {
                        for h in [t.document, t.name, t.orgs_column] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for p in summary.shared.iter().take(1000) {
                            ui.label(&p.doc_number_masked);
                            ui.label(&p.name);
                            ui.label(p.orgs.join("、"));
                            ui.end_row();
                        }
                    });
            }
        });
}
