//! 首页: the chosen organisation's indicators for the chosen year against the policy's
//! targets, declared capacity against what was delivered, the registers' counts, and the
//! open data-quality problems. The figures are the annual return's own, computed on
//! another thread whenever the records, the organisation or the year change.

use uuid::Uuid;

use super::Cx;
use super::palette;
use crate::app::tasks::{Lost, PROGRESS_REPAINT, Task};
use crate::app::{Command, Screen};
use crate::i18n::Labelled;
use crate::registers::naming::grouped;
use crate::report::AnnualReturn;
use crate::store::RegisterCount;

/// The dashboard's figures and where they stand.
#[derive(Default)]
pub struct DashboardState {
    /// Organisation, year and data version the figures are for.
    key: Option<(Uuid, i32, u64)>,
    task: Option<Task<Result<Summary, String>>>,
    result: Option<Result<Summary, String>>,
    /// A studio's apprentices' progress, for its overdue plan stages.
    overdue: super::studio_log::ProgressCache,
}

/// What the dashboard shows.
pub struct Summary {
    pub annual: AnnualReturn,
    pub errors: usize,
    pub warnings: usize,
    pub counts: Vec<RegisterCount>,
    /// The counts are the organisation's own (the database holds others too).
    pub own_counts: bool,
    /// The indicators and the capacity of each of the last five years, oldest first
    /// (this year's last).
    pub years: Vec<YearFigures>,
}

/// One year's indicators (against their targets) and capacity lines.
pub struct YearFigures {
    pub year: i32,
    /// The studio's young skill backbones of the year (whatever basis the set judges).
    pub young_backbones: u64,
    pub indicators: Vec<crate::report::figures::Indicator>,
    pub capacity: Vec<crate::report::figures::CapacityLine>,
}

/// The chosen organisation's figures for the chosen year, computing them when needed
/// (`None` while they are being computed).
pub fn figures<'s>(
    ui: &egui::Ui,
    cx: &Cx,
    state: &'s mut DashboardState,
) -> Option<&'s Result<Summary, String>> {
    let org = cx.org_id()?;
    let key = (org, cx.year, cx.version);
    if state.key != Some(key) {
        state.key = Some(key);
        state.result = None;
        let opener = cx.opener.clone();
        let (year, lang) = (cx.year, cx.lang);
        state.task = Some(Task::spawn(cx.t.computing.to_string(), ui.ctx(), move |_| {
            let run = || -> Result<Summary, crate::store::StoreError> {
                let store = opener.open()?;
                let (data, findings) =
                    crate::rules::check_year(&store, crate::domain::Id::from_uuid(org), year)?;
                let annual = crate::report::compute(&data, &findings);
                let org = crate::domain::Id::from_uuid(org);
                let own_counts = store.organisations()?.len() > 1;
                let counts = if own_counts {
                    store.counts_for(org)?
                } else {
                    store.counts()?
                };
                let mut years = Vec::new();
                for y in year - 4..year {
                    let data = store.load_year_figures(org, y)?;
                    let before = crate::report::compute(&data, &crate::rules::Findings::default());
                    years.push(YearFigures {
                        year: y,
                        young_backbones: before.apprentices.young_backbones,
                        indicators: before.indicators,
                        capacity: before.capacity,
                    });
                }
                years.push(YearFigures {
                    year,
                    young_backbones: annual.apprentices.young_backbones,
                    indicators: annual.indicators.clone(),
                    capacity: annual.capacity.clone(),
                });
                Ok(Summary {
                    errors: findings.errors(),
                    warnings: findings.warnings(),
                    annual,
                    counts,
                    own_counts,
                    years,
                })
            };
            run().map_err(|e| crate::i18n::Localize::localize(&e, lang))
        }));
    }
    if let Some(ended) = Task::finished(&mut state.task, ui.ctx(), PROGRESS_REPAINT) {
        state.result = Some(ended.unwrap_or_else(|Lost| Err(cx.t.task_failed.to_string())));
    }
    state.result.as_ref()
}

pub fn show(ui: &mut egui::Ui, cx: &mut Cx, state: &mut DashboardState, busy: bool) {
    let t = cx.t;
    let Some(org) = cx.org else {
        ui.label(t.no_organisation);
        return;
    };
    ui.heading(format!("{} · {}", org.record.name, (t.year_title)(cx.year)));
    ui.weak(match org.record.tier {
        Some(tier) => format!("{} · {}", org.record.kind.label(cx.lang), tier.label(cx.lang)),
        None => org.record.kind.label(cx.lang).to_string(),
    });
    ui.add_space(8.0);
    if busy {
        ui.label(t.busy);
        return;
    }
    let mut overdue = std::mem::take(&mut state.overdue);
    show_figures(ui, cx, state, &mut overdue, org);
    state.overdue = overdue;
}

fn show_figures(
    ui: &mut egui::Ui,
    cx: &mut Cx,
    state: &mut DashboardState,
    overdue: &mut super::studio_log::ProgressCache,
    org: &crate::domain::Stored<crate::domain::org::Organisation>,
) {
    let t = cx.t;
    let result = figures(ui, cx, state);
    let summary = match result {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t.computing);
            });
            return;
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
        Some(Ok(s)) => s,
    };
    let mut go = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let d = crate::i18n::desk::text(cx.lang);
            ui.heading(t.indicators);
            egui::Grid::new("indicators")
                .num_columns(3)
                .spacing([16.0, 8.0])
                .show(ui, |ui| {
                    for i in &summary.annual.indicators {
                        ui.label(i.name(cx.lang));
                        match (i.value, i.met) {
                            (Some(value), Some(met)) if i.threshold > 0.0 && i.comparison == "≥" => {
                                let f = (value / i.threshold).clamp(0.0, 1.0) as f32;
                                let color = if met { palette::GOOD } else { palette::BAD };
                                ui.add(
                                    egui::ProgressBar::new(f).desired_width(320.0).fill(color).text(
                                        format!(
                                            "{} / {} {}",
                                            crate::i18n::indicators::value(i, cx.lang),
                                            i.threshold_shown(),
                                            d.unit(&i.unit)
                                        )
                                        .trim_end()
                                        .to_string(),
                                    ),
                                );
                                ui.label(if met { t.met } else { t.not_met });
                            }
                            (_, met) => {
                                ui.label(format!(
                                    "{} {} / {}",
                                    crate::i18n::indicators::value(i, cx.lang),
                                    d.unit(&i.unit),
                                    i.threshold_shown()
                                ));
                                match met {
                                    Some(true) => ui.label(t.met),
                                    Some(false) => ui.label(t.not_met),
                                    None => ui.weak(t.no_target),
                                };
                            }
                        }
                        ui.end_row();
                    }
                });
            let words = crate::i18n::indicators::text(cx.lang);
            match &summary.annual.indicator_set {
                Some(set) => ui.weak(format!("{}：{}", words.judged_by, set.name)),
                None => ui.weak(words.none_in_force),
            };
            // A studio declares no capacity: no heading over nothing.
            if !summary.annual.capacity.is_empty() {
                ui.add_space(12.0);
                ui.heading(t.capacity_heading);
                capacity_years(ui, cx, &summary.years);
            }
            ui.add_space(12.0);
            ui.heading(t.data_quality);
            ui.horizontal(|ui| {
                ui.label((t.problems_line)(summary.errors, summary.warnings));
                if ui.button(t.open_annual_return).clicked() {
                    go = Some(Screen::AnnualReturn);
                }
            });
            if org.record.kind == crate::domain::org::OrgKind::MasterStudio {
                ui.add_space(12.0);
                super::studio_log::overdue(ui, cx, overdue);
            }
            ui.add_space(12.0);
            ui.heading(if summary.own_counts {
                d.own_record_counts
            } else {
                t.record_counts
            });
            egui::Grid::new("counts")
                .num_columns(4)
                .spacing([24.0, 4.0])
                .striped(true)
                .show(ui, |ui| {
                    for (i, c) in summary.counts.iter().enumerate() {
                        ui.label(c.kind.label(cx.lang));
                        ui.label(grouped(c.live as i64));
                        if i % 2 == 1 {
                            ui.end_row();
                        }
                    }
                });
        });
    if let Some(screen) = go {
        cx.send(Command::Navigate(screen));
    }
}

/// Declared capacity beside what was delivered, as horizontal bars.
pub fn capacity_chart(ui: &mut egui::Ui, cx: &Cx, annual: &AnnualReturn) {
    let t = cx.t;
    for line in &annual.capacity {
        ui.label(t.indicator_label(line.key).unwrap_or(&line.label));
        let width = ui.available_width().min(520.0);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 44.0), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        let max = line.declared.unwrap_or(0).max(line.delivered).max(1) as f32;
        let bar = |row: f32, value: u64, color: egui::Color32, text: String| {
            let top = rect.top() + row * 22.0;
            let w = (value as f32 / max) * (rect.width() - 200.0);
            let r =
                egui::Rect::from_min_size(egui::pos2(rect.left(), top + 2.0), egui::vec2(w.max(1.0), 16.0));
            painter.rect_filled(r, 2.0, color);
            painter.text(
                egui::pos2(r.right() + 6.0, top + 10.0),
                egui::Align2::LEFT_CENTER,
                text,
                egui::FontId::proportional(13.0),
                ui.visuals().text_color(),
            );
        };
        match line.declared {
            Some(declared) => {
                bar(0.0, declared, palette::DECLARED, (t.declared)(declared));
                let pct = line
                    .utilisation_percent
                    .map_or(String::new(), |p| format!(" ({p:.1}%)"));
                bar(
                    1.0,
                    line.delivered,
                    palette::CHANGE,
                    format!("{}{pct}", (t.delivered)(line.delivered)),
                );
            }
            // Nothing to measure against: no bar that would look full, only the figures.
            None => {
                let text = |row: f32, s: String| {
                    painter.text(
                        egui::pos2(rect.left(), rect.top() + row * 22.0 + 10.0),
                        egui::Align2::LEFT_CENTER,
                        s,
                        egui::FontId::proportional(13.0),
                        ui.visuals().text_color(),
                    );
                };
                text(0.0, format!("{}（{}）", t.not_declared, t.no_utilisation));
                text(1.0, (t.delivered)(line.delivered));
            }
        }
    }
}

/// Declared capacity beside what was delivered, for each of the last five years: one
/// pair of bars per year under each capacity's name, on one scale per capacity.
pub fn capacity_years(ui: &mut egui::Ui, cx: &Cx, years: &[YearFigures]) {
    let t = cx.t;
    let Some(newest) = years.last() else { return };
    for (i, line) in newest.capacity.iter().enumerate() {
        ui.label(t.indicator_label(line.key).unwrap_or(&line.label));
        let lines: Vec<(i32, &crate::report::figures::CapacityLine)> = years
            .iter()
            .filter_map(|y| y.capacity.get(i).map(|l| (y.year, l)))
            .collect();
        let max = lines
            .iter()
            .map(|(_, l)| l.declared.unwrap_or(0).max(l.delivered))
            .max()
            .unwrap_or(0)
            .max(1) as f32;
        egui::Grid::new(("capacity-years", line.key))
            .num_columns(3)
            .spacing([10.0, 2.0])
            .show(ui, |ui| {
                for (year, l) in lines {
                    ui.weak(year.to_string());
                    let width = 240.0;
                    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 22.0), egui::Sense::hover());
                    let painter = ui.painter_at(rect);
                    let w = |v: u64| (v as f32 / max) * width;
                    if let Some(declared) = l.declared {
                        painter.rect_filled(
                            egui::Rect::from_min_size(
                                rect.min + egui::vec2(0.0, 2.0),
                                egui::vec2(w(declared).max(1.0), 8.0),
                            ),
                            2.0,
                            palette::DECLARED,
                        );
                    }
                    painter.rect_filled(
                        egui::Rect::from_min_size(
                            rect.min + egui::vec2(0.0, 11.0),
                            egui::vec2(w(l.delivered).max(1.0), 8.0),
                        ),
                        2.0,
                        palette::CHANGE,
                    );
                    let text = match (l.declared, l.utilisation_percent) {
                        (Some(declared), Some(p)) => format!(
                            "{} · {} ({p:.1}%)",
                            (t.delivered)(l.delivered),
                            (t.declared)(declared)
                        ),
                        (Some(declared), None) => {
                            format!("{} · {}", (t.delivered)(l.delivered), (t.declared)(declared))
                        }
                        (None, _) => format!("{} · {}", (t.delivered)(l.delivered), t.not_declared),
                    };
                    ui.label(text);
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
    }
}
