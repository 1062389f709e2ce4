//! 年度报表: for the chosen organisation and year, the validator's findings (each jumps to
//! its record, and all export to XLSX), the figures with their written definitions, a
//! preview of the PDF's pages, saving the PDF and its data, and marking the return as
//! submitted. The return is made on another thread by the same `report::build` the
//! `return` command uses, so the screen and the command line always agree.

use std::path::PathBuf;

use uuid::Uuid;

use super::Cx;
use super::palette;
use super::wrapped::{self, RowHeights};
use crate::app::Command;
use crate::app::annual_return::{Making, Prepared};
use crate::app::tasks::{Lost, PROGRESS_REPAINT, Task};
use crate::domain::Severity;
use crate::report::layout::{Item, PAGE_HEIGHT, PAGE_WIDTH, PT};
use crate::report::pdf::Status;
use crate::rules::Rule;

/// Which part of the screen is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Findings,
    Figures,
    Preview,
    Rules,
}

/// The screen's state.
#[derive(Default)]
pub struct ReturnState {
    /// Organisation, year, data version and final-or-draft the return was made for.
    key: Option<(Uuid, i32, u64, bool)>,
    task: Option<Task<Result<Prepared, String>>>,
    pub prepared: Option<Result<Prepared, String>>,
    /// Make the final return (refused while there are errors) rather than a draft.
    pub final_return: bool,
    /// Where Save writes the three files.
    pub out_dir: String,
    pub tab: Tab,
    page: usize,
    confirm_submit: bool,
    /// The findings table's row heights (its records and messages wrap).
    finding_rows: RowHeights,
    /// Which findings the table shows.
    pub finding_filter: FindingFilter,
}

/// The findings shown: of one rule, of one register, errors only (all by default); errors
/// come first either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FindingFilter {
    pub rule: Option<Rule>,
    pub kind: Option<crate::domain::RecordKind>,
    pub errors_only: bool,
}

impl ReturnState {
    /// Not making a return just now.
    pub fn is_idle(&self) -> bool {
        self.task.is_none()
    }

    /// A return is being made: shown once it is done.
    pub fn making(&mut self, final_return: bool, making: Making) {
        self.final_return = final_return;
        self.key = Some(making.key);
        self.prepared = None;
        self.task = Some(making.task);
    }

    /// The return made, if it was.
    pub fn made(&self) -> Option<&Prepared> {
        self.prepared.as_ref().and_then(|p| p.as_ref().ok())
    }
}

/// The folder the files go to by default: in the user's documents folder, named in the
/// window's language.
fn default_dir(year: i32, lang: crate::i18n::Lang) -> String {
    let base = crate::files::documents_dir();
    base.join((crate::i18n::desk::text(lang).return_folder)(year))
        .display()
        .to_string()
}

pub fn show(ui: &mut egui::Ui, cx: &mut Cx, st: &mut ReturnState) {
    let t = cx.t;
    let Some(org) = cx.org else {
        ui.label(t.no_organisation);
        return;
    };
    ui.heading(format!(
        "{} · {} · {}",
        t.nav_annual_return,
        org.record.name,
        (t.year_title)(cx.year)
    ));
    let key = (org.id.uuid(), cx.year, cx.version, st.final_return);
    if st.key != Some(key) && st.task.is_none() {
        cx.send(Command::BuildReturn {
            final_return: st.final_return,
        });
        st.key = Some(key);
    }
    match Task::finished(&mut st.task, ui.ctx(), PROGRESS_REPAINT) {
        Some(Ok(made)) => {
            st.prepared = Some(made);
            st.page = 0;
        }
        Some(Err(Lost)) => st.prepared = Some(Err(t.task_failed.to_string())),
        None => {}
    }
    if let Some(task) = &st.task {
        let (stage, f) = task.fraction();
        ui.horizontal(|ui| {
            ui.spinner();
            ui.add(egui::ProgressBar::new(f).desired_width(300.0).text(stage));
        });
        return;
    }
    if st.out_dir.is_empty() {
        st.out_dir = default_dir(cx.year, cx.lang);
    }
    actions(ui, cx, st);
    let prepared = match &st.prepared {
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
            if st.final_return && ui.button(t.back_to_draft).clicked() {
                st.final_return = false;
            }
            return;
        }
        None => return,
    };
    let info = &prepared.built.info;
    let status = match info.status {
        Status::Draft => t.draft.to_string(),
        Status::Final => t.final_version.to_string(),
        Status::Correction => (t.status_correction)(info.correction_number.unwrap_or(1)),
    };
    ui.label((t.return_is)(
        &status,
        &info.generated_at_shown(),
        info.year_ended,
    ));
    if let Some(s) = &prepared.submitted {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            (t.submitted_on)(
                &s.submitted_at
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string(),
                &s.verification,
                prepared.changed.len(),
            ),
        );
        // The records changed since, by name: what the correction will carry.
        if !prepared.changed.is_empty() {
            egui::CollapsingHeader::new((crate::i18n::exchange::text(cx.lang).changed_since_list)(
                prepared.changed.len(),
            ))
            .id_salt("changed-since")
            .show(ui, |ui| {
                for c in prepared.changed.iter().take(200) {
                    ui.label(format!(
                        "{} · {}",
                        crate::i18n::Labelled::label(&c.kind, cx.lang),
                        c.record
                    ));
                }
                if prepared.changed.len() > 200 {
                    ui.weak((crate::i18n::exchange::text(cx.lang).and_more)(
                        prepared.changed.len() - 200,
                    ));
                }
            });
        }
    }
    ui.horizontal(|ui| {
        for (tab, name) in [
            (
                Tab::Findings,
                (t.tab_findings)(
                    prepared.built.findings.errors(),
                    prepared.built.findings.warnings(),
                ),
            ),
            (Tab::Figures, t.tab_figures.to_string()),
            (Tab::Preview, (t.tab_preview)(prepared.pages.len())),
            (Tab::Rules, t.tab_rules.to_string()),
        ] {
            if ui.selectable_label(st.tab == tab, name).clicked() {
                st.tab = tab;
            }
        }
    });
    ui.separator();
    match st.tab {
        Tab::Findings => findings(
            ui,
            cx,
            prepared,
            st.key,
            &mut st.finding_rows,
            &mut st.finding_filter,
        ),
        Tab::Figures => figures(ui, cx, prepared),
        Tab::Preview => preview(ui, cx, prepared, &mut st.page),
        Tab::Rules => rules(ui, cx),
    }
}

fn actions(ui: &mut egui::Ui, cx: &mut Cx, st: &mut ReturnState) {
    let t = cx.t;
    ui.horizontal_wrapped(|ui| {
        let mut final_return = st.final_return;
        ui.radio_value(&mut final_return, false, t.draft);
        ui.radio_value(&mut final_return, true, t.final_version);
        if final_return != st.final_return {
            st.final_return = final_return;
        }
        ui.separator();
        ui.label(t.save_to);
        ui.add(
            egui::TextEdit::singleline(&mut st.out_dir)
                .desired_width(320.0)
                .id_salt("out-dir"),
        );
        if ui.button(t.browse).clicked() {
            let start = PathBuf::from(st.out_dir.trim());
            super::dialog::browse(&mut st.out_dir, || {
                rfd::FileDialog::new().set_directory(start).pick_folder()
            });
        }
        super::dialog::note(ui, cx.lang);
        let ready = matches!(st.prepared, Some(Ok(_)));
        if ui.add_enabled(ready, egui::Button::new(t.save_return)).clicked() {
            cx.send(Command::SaveReturn {
                dir: PathBuf::from(st.out_dir.trim()),
            });
        }
        if ui
            .add_enabled(ready, egui::Button::new(t.export_findings))
            .clicked()
        {
            // Into the folder chosen above, beside the return's files.
            let file = PathBuf::from(st.out_dir.trim())
                .join((crate::i18n::desk::text(cx.lang).findings_file)(cx.year));
            cx.send(Command::ExportFindings { file });
        }
        let is_final = matches!(&st.prepared, Some(Ok(p)) if p.built.status != Status::Draft);
        if ui
            .add_enabled(is_final, egui::Button::new(t.mark_submitted))
            .on_disabled_hover_text(t.submit_needs_final)
            .clicked()
        {
            st.confirm_submit = true;
        }
    });
    if st.confirm_submit {
        let r = egui::Modal::new(egui::Id::unique("confirm-submit")).show(ui.ctx(), |ui| {
            ui.set_width(420.0);
            ui.heading(t.mark_submitted);
            ui.label(t.confirm_submit);
            ui.horizontal(|ui| {
                if ui.button(t.mark_submitted).clicked() {
                    cx.commands.push(Command::MarkSubmitted);
                    st.confirm_submit = false;
                }
                if ui.button(t.cancel).clicked() {
                    st.confirm_submit = false;
                }
            });
        });
        if r.should_close() {
            st.confirm_submit = false;
        }
    }
}

/// The findings table's fixed columns: severity, rule, record, field.
const FINDING_COLUMNS: [f32; 4] = [56.0, 64.0, 260.0, 96.0];

/// `made_for` is what the return was made for (organisation, year, data version, final).
fn findings(
    ui: &mut egui::Ui,
    cx: &mut Cx,
    p: &Prepared,
    made_for: Option<(Uuid, i32, u64, bool)>,
    heights: &mut RowHeights,
    filter: &mut FindingFilter,
) {
    let t = cx.t;
    let lang = cx.lang;
    let f = &p.built.findings;
    if f.findings.is_empty() {
        ui.label(t.no_findings);
        return;
    }
    let d = crate::i18n::desk::text(lang);
    ui.horizontal_wrapped(|ui| {
        // By rule (each with its count and purpose), by register, errors only.
        let rule_text = |r: Option<Rule>| match r {
            Some(r) => format!(
                "{} × {}",
                r.id(),
                f.findings.iter().filter(|x| x.rule == r).count()
            ),
            None => d.all_rules.to_string(),
        };
        egui::ComboBox::from_id_salt("finding-rule")
            .selected_text(rule_text(filter.rule))
            .width(120.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.rule, None, d.all_rules);
                for (rule, _) in f.by_rule() {
                    ui.selectable_value(&mut filter.rule, Some(rule), rule_text(Some(rule)))
                        .on_hover_text(rule.purpose(lang));
                }
            });
        let mut kinds: Vec<crate::domain::RecordKind> = Vec::new();
        for x in &f.findings {
            if !kinds.contains(&x.kind) {
                kinds.push(x.kind);
            }
        }
        kinds.sort();
        use crate::i18n::Labelled;
        egui::ComboBox::from_id_salt("finding-kind")
            .selected_text(filter.kind.map_or(d.all_registers, |k| k.label(lang)))
            .width(140.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.kind, None, d.all_registers);
                for k in kinds {
                    let n = f.findings.iter().filter(|x| x.kind == k).count();
                    ui.selectable_value(&mut filter.kind, Some(k), format!("{} × {n}", k.label(lang)));
                }
            });
        ui.checkbox(&mut filter.errors_only, d.errors_only);
    });
    // Errors first, then in the validator's order.
    let mut shown: Vec<usize> = (0..f.findings.len())
        .filter(|&i| {
            let x = &f.findings[i];
            filter.rule.is_none_or(|r| x.rule == r)
                && filter.kind.is_none_or(|k| x.kind == k)
                && (!filter.errors_only || x.severity == Severity::Error)
        })
        .collect();
    shown.sort_by_key(|&i| f.findings[i].severity != Severity::Error);
    ui.label((d.findings_shown)(shown.len(), f.findings.len()));
    let line = wrapped::line_height(ui);
    let [severity_w, rule_w, record_w, field_w] = FINDING_COLUMNS;
    // The message column: what the fixed columns, the gaps and the scroll bar leave.
    let gaps = 5.0 * ui.spacing().item_spacing.x + 24.0;
    let message_w = (ui.available_width() - FINDING_COLUMNS.iter().sum::<f32>() - gaps).max(200.0);
    let field_label = |i: usize| {
        let finding = &f.findings[i];
        crate::i18n::field_label(finding.kind.code(), finding.field, lang)
    };
    let heights = heights.get(
        ui,
        (made_for, lang, *filter),
        &[record_w - 4.0, field_w - 4.0, message_w],
        shown.len(),
        |row| {
            let i = shown[row];
            let finding = &f.findings[i];
            vec![
                finding.record.clone(),
                field_label(i).to_string(),
                finding.message(lang),
            ]
        },
    );
    let mut open = None;
    egui_extras::TableBuilder::new(ui)
        .id_salt("findings")
        .striped(true)
        .sense(egui::Sense::click())
        .column(egui_extras::Column::exact(severity_w))
        .column(egui_extras::Column::exact(rule_w))
        .column(egui_extras::Column::exact(record_w).clip(true))
        .column(egui_extras::Column::exact(field_w).clip(true))
        .column(egui_extras::Column::remainder().clip(true))
        .header(line, |mut h| {
            for title in [t.severity, t.rule, t.record, t.field, t.message] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.heterogeneous_rows(heights.iter().copied(), |mut row| {
                let i = shown[row.index()];
                let finding = &f.findings[i];
                let (sev, color) = match finding.severity {
                    Severity::Error => (t.error, palette::BAD),
                    Severity::Warning => (t.warning, palette::CAUTION),
                };
                row.col(|ui| {
                    ui.colored_label(color, sev);
                });
                row.col(|ui| {
                    ui.label(finding.rule.id());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&finding.record).selectable(false).wrap());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(field_label(i)).selectable(false).wrap());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(finding.message(lang)).selectable(false).wrap());
                });
                if row.response().clicked()
                    && let Ok(id) = finding.record_id.parse::<Uuid>()
                {
                    open = Some((finding.kind, id));
                }
            });
        });
    if let Some((kind, id)) = open {
        cx.send(Command::Open { kind, id });
    }
}

fn figures(ui: &mut egui::Ui, cx: &mut Cx, p: &Prepared) {
    let t = cx.t;
    let a = &p.built.annual;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(t.indicators);
            egui::Grid::new("return-indicators")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for i in &a.indicators {
                        ui.label(i.name(cx.lang)).on_hover_text(definition(a, i.key));
                        ui.label(format!(
                            "{} {}",
                            crate::i18n::indicators::value(i, cx.lang),
                            i.unit
                        ));
                        ui.label(i.threshold_shown());
                        ui.label(match i.met {
                            Some(true) => t.met,
                            Some(false) => t.not_met,
                            None => "—",
                        });
                        ui.end_row();
                    }
                });
            ui.add_space(8.0);
            ui.heading(t.capacity_heading);
            super::dashboard::capacity_chart(ui, cx, a);
            ui.add_space(8.0);
            ui.heading(t.definitions);
            // Numbered as the return's footnotes are.
            for (n, d) in a.definitions.iter().enumerate() {
                ui.label(format!("[{}] {}", n + 1, d.text));
            }
            if let Some(c) = &a.correction {
                ui.add_space(8.0);
                ui.heading(t.correction);
                for change in &c.changes {
                    ui.label(format!(
                        "{}: {} → {}",
                        change.item, change.submitted, change.corrected
                    ));
                }
                for r in &p.changed {
                    ui.label(r.describe(cx.lang));
                }
            }
        });
}

fn definition(a: &crate::report::AnnualReturn, key: &str) -> String {
    a.definitions
        .iter()
        .find(|d| d.key == key)
        .map_or(String::new(), |d| d.text.to_string())
}

/// The PDF's pages drawn from the same layout the PDF is printed from.
fn preview(ui: &mut egui::Ui, cx: &mut Cx, p: &Prepared, page: &mut usize) {
    let t = cx.t;
    let n = p.pages.len();
    if n == 0 {
        return;
    }
    *page = (*page).min(n - 1);
    ui.horizontal(|ui| {
        if ui.add_enabled(*page > 0, egui::Button::new("◀")).clicked() {
            *page -= 1;
        }
        ui.label((t.page_of)(*page + 1, n));
        if ui.add_enabled(*page + 1 < n, egui::Button::new("▶")).clicked() {
            *page += 1;
        }
        ui.weak((t.verification_code)(&p.built.code));
    });
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let scale = ((ui.available_width() - 20.0) / PAGE_WIDTH).clamp(2.0, 4.0);
            let size = egui::vec2(PAGE_WIDTH * scale, PAGE_HEIGHT * scale);
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let painter = ui.painter_at(rect);
            painter.rect_filled(rect, 0.0, palette::PAPER);
            painter.rect_stroke(
                rect,
                0.0,
                egui::Stroke::new(1.0, palette::PAGE_EDGE),
                egui::StrokeKind::Outside,
            );
            let at = |x: f32, y: f32| rect.min + egui::vec2(x * scale, y * scale);
            for item in &p.pages[*page].items {
                match item {
                    Item::Text { x, y, size, text } => {
                        let px = size * PT * scale;
                        painter.text(
                            at(*x, *y),
                            egui::Align2::LEFT_BOTTOM,
                            text,
                            egui::FontId::proportional(px),
                            palette::INK,
                        );
                    }
                    Item::Stamp {
                        x,
                        y,
                        size,
                        angle,
                        text,
                    } => {
                        // egui turns text clockwise about its top-left corner; the stamp
                        // rises counter-clockwise from its baseline.
                        let em = size * PT * scale;
                        let (sin, cos) = angle.to_radians().sin_cos();
                        let top_left = at(*x, *y) + egui::vec2(-sin, -cos) * em * 0.88;
                        let galley = painter.layout_no_wrap(
                            text.clone(),
                            egui::FontId::proportional(em),
                            palette::WATERMARK,
                        );
                        painter.add(
                            egui::epaint::TextShape::new(top_left, galley, palette::WATERMARK)
                                .with_angle(-angle.to_radians()),
                        );
                    }
                    Item::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                    } => {
                        painter.line_segment(
                            [at(*x1, *y1), at(*x2, *y2)],
                            egui::Stroke::new((width * PT * scale).max(0.5), palette::INK),
                        );
                    }
                }
            }
        });
}

/// The rule catalogue: id, severity, what each rule is for and how to fix what it finds.
fn rules(ui: &mut egui::Ui, cx: &mut Cx) {
    let t = cx.t;
    let lang = cx.lang;
    // The id and severity columns, the gaps and the scroll bar; the two texts share the rest.
    let text_w = (ui.available_width() - 150.0 - 3.0 * 12.0 - 24.0).max(300.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("rules")
                .striped(true)
                .num_columns(4)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for h in [t.rule, t.severity, t.purpose, t.fix] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for r in Rule::ALL {
                        ui.label(r.id());
                        ui.label(match r.severity() {
                            Severity::Error => t.error,
                            Severity::Warning => t.warning,
                        });
                        // 用途 and 处理 share what the id and severity leave, so neither
                        // wraps word by word.
                        for (text, share) in [(r.purpose(lang), 0.42), (r.fix(lang), 0.58)] {
                            let w = text_w * share;
                            ui.allocate_ui_with_layout(
                                egui::vec2(w, 0.0),
                                egui::Layout::top_down(egui::Align::Min),
                                |ui| {
                                    ui.set_width(w);
                                    ui.add(egui::Label::new(text).wrap());
                                },
                            );
                        }
                        ui.end_row();
                    }
                });
        });
}
