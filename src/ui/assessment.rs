//! 考核自评: the chosen organisation's scoring sheet for the chosen year under a scheme,
//! each sub-item with what the records say (and the score they suggest), the score and
//! note entered, the evidence (attachments on the records it looks at, and files linked
//! to it by hand), a sub-item without evidence flagged as counting zero, and the totals
//! and bands. In a regional consolidation the reviewer enters the expert scores beside
//! the self scores. The sheet is scored on another thread by the same
//! `report::assessment::sheet_of` the `assess` command uses.

use std::collections::HashMap;

use uuid::Uuid;

use super::Cx;
use crate::app::Command;
use crate::app::tasks::{Lost, PROGRESS_REPAINT, Task};
use crate::domain::assessment::{Band, Sheet, number};
use crate::i18n::assessment::text;
use crate::store::{AssessmentSide, AssessmentWrite};

/// What the screen shows once scored.
pub struct Loaded {
    pub sheet: Sheet,
    /// The scheme scored by.
    pub scheme: crate::domain::assessment::Scheme,
    /// Every scheme for this kind of organisation: (key, name).
    pub schemes: Vec<(String, String)>,
    /// Every attachment of the database that may be linked: (SHA-256, file name).
    pub files: Vec<(String, String)>,
    /// The reviewer's side (a regional consolidation).
    pub side: AssessmentSide,
}

/// One sub-item's entry being edited.
#[derive(Clone, Debug, Default)]
pub struct RowEdit {
    pub score: String,
    pub note: String,
    pub evidence: Vec<String>,
}

/// The screen's state.
#[derive(Default)]
pub struct AssessmentState {
    /// Organisation, year, data version and scheme the sheet was scored for.
    key: Option<(Uuid, i32, u64, Option<String>)>,
    task: Option<Task<Result<Loaded, String>>>,
    pub loaded: Option<Result<Loaded, String>>,
    /// The scheme chosen (none: the one for this kind of organisation).
    pub scheme: Option<String>,
    pub edits: HashMap<String, RowEdit>,
    /// Why the entries were not saved.
    pub error: Option<String>,
    /// The scheme being edited (a regional department adapting its sheet), and why it
    /// was not saved.
    pub editing: Option<crate::domain::assessment::Scheme>,
    pub edit_error: Option<String>,
}

impl AssessmentState {
    /// Whether the sheet is being scored (tests wait for this).
    pub fn is_idle(&self) -> bool {
        self.task.is_none()
    }

    /// The entries saved, or why not.
    pub fn saved(&mut self, result: Result<(), String>) {
        self.error = result.err();
    }

    /// The scheme saved (the editor closes and the sheet shows it), or why not.
    pub fn scheme_saved(&mut self, result: Result<String, String>) {
        match result {
            Ok(key) => {
                self.editing = None;
                self.edit_error = None;
                self.scheme = Some(key);
            }
            Err(e) => self.edit_error = Some(e),
        }
    }
}

fn load(ui: &egui::Ui, cx: &Cx, state: &mut AssessmentState) {
    let Some(org) = cx.org else { return };
    let key = (org.id.uuid(), cx.year, cx.version, state.scheme.clone());
    if state.key.as_ref() != Some(&key) {
        state.key = Some(key);
        let opener = cx.opener.clone();
        let (year, lang, kind, id, chosen) =
            (cx.year, cx.lang, org.record.kind, org.id, state.scheme.clone());
        state.task = Some(Task::spawn(cx.t.computing.to_string(), ui.ctx(), move |_| {
            let run = || -> Result<Loaded, crate::store::StoreError> {
                let store = opener.open()?;
                let schemes: Vec<(String, String)> = store
                    .schemes()?
                    .into_iter()
                    .filter(|s| s.applies_to == kind)
                    .map(|s| (s.key, s.name))
                    .collect();
                let scheme = store
                    .scheme_for(kind, chosen.as_deref())?
                    .or(store.scheme_for(kind, None)?)
                    .unwrap_or_else(|| crate::domain::assessment::example(kind));
                let (sheet, _) = crate::report::assessment::sheet_of(&store, id, year, &scheme)?;
                let mut files: Vec<(String, String)> = Vec::new();
                for a in store.attachments()? {
                    if !files.iter().any(|(sha, _)| *sha == a.sha256) {
                        files.push((a.sha256, a.file_name));
                    }
                }
                let side = if store.is_consolidation()? {
                    AssessmentSide::Expert
                } else {
                    AssessmentSide::Own
                };
                Ok(Loaded {
                    sheet,
                    scheme,
                    schemes,
                    files,
                    side,
                })
            };
            run().map_err(|e| crate::i18n::Localize::localize(&e, lang))
        }));
    }
    if let Some(ended) = Task::finished(&mut state.task, ui.ctx(), PROGRESS_REPAINT) {
        let loaded = ended.unwrap_or_else(|Lost| Err(cx.t.task_failed.to_string()));
        if let Ok(l) = &loaded {
            state.edits = l
                .sheet
                .groups
                .iter()
                .flat_map(|g| &g.items)
                .map(|i| {
                    let score = match l.side {
                        AssessmentSide::Own => i.self_score,
                        AssessmentSide::Expert => i.expert_score,
                    };
                    let note = match l.side {
                        AssessmentSide::Own => i.note.clone(),
                        AssessmentSide::Expert => i.expert_note.clone(),
                    };
                    let linked = i.evidence.iter().map(|e| e.sha256.clone()).collect();
                    (
                        i.key.clone(),
                        RowEdit {
                            score: score.map(number).unwrap_or_default(),
                            note,
                            evidence: linked,
                        },
                    )
                })
                .collect();
        }
        state.loaded = Some(loaded);
    }
}

fn band_text(total: Option<f64>, band: Option<Band>, not_yet: &str, lang: crate::lang::Lang) -> String {
    match (total, band) {
        (Some(t), Some(b)) => format!("{} · {}", number(t), crate::i18n::assessment::band(b, lang)),
        _ => not_yet.to_string(),
    }
}

pub fn show(ui: &mut egui::Ui, cx: &mut Cx, state: &mut AssessmentState) {
    let at = text(cx.lang);
    let Some(org) = cx.org else {
        ui.label(cx.t.no_organisation);
        return;
    };
    let org_id = org.id;
    ui.heading(format!("{} · {} · {}", at.heading, org.record.name, cx.year));
    load(ui, cx, state);
    if state.task.is_some() {
        ui.spinner();
        return;
    }
    let Some(loaded) = &state.loaded else { return };
    let l = match loaded {
        Ok(l) => l,
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
    };
    let sheet = &l.sheet;
    let mut chosen = None;
    ui.horizontal(|ui| {
        ui.label(at.scheme);
        egui::ComboBox::from_id_salt("assessment-scheme")
            .selected_text(&sheet.scheme_name)
            .show_ui(ui, |ui| {
                for (key, name) in &l.schemes {
                    if ui.selectable_label(*key == sheet.scheme, name).clicked() {
                        chosen = Some(key.clone());
                    }
                }
            });
    });
    ui.weak(&sheet.issuer);
    if l.side == AssessmentSide::Expert {
        ui.strong(at.expert_side);
    }
    let own = band_text(Some(sheet.self_total), Some(sheet.self_band), at.not_yet, cx.lang);
    let expert = band_text(sheet.expert_total, sheet.expert_band, at.not_yet, cx.lang);
    ui.strong((at.totals)(&own, &expert, ""));
    if sheet.without_evidence > 0 {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{}：{}", at.no_evidence, sheet.without_evidence),
        );
    }
    let mut save = false;
    ui.horizontal(|ui| {
        save = ui.button(at.save).clicked();
        if state.editing.is_none() && ui.button(at.edit_scheme).clicked() {
            state.editing = Some(l.scheme.clone());
        }
        if let Some(e) = &state.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    });
    if let Some(editing) = &mut state.editing {
        match scheme_editor(ui, at, editing, state.edit_error.as_deref()) {
            Some(true) => cx.send(Command::SaveScheme(Box::new(editing.clone()))),
            Some(false) => {
                state.editing = None;
                state.edit_error = None;
            }
            None => {}
        }
        return;
    }
    ui.separator();
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for g in &sheet.groups {
                let under = g.self_under_60;
                let title = format!("{}（{} / {}）", g.title, number(g.self_total), number(g.points));
                if under {
                    ui.colored_label(ui.visuals().error_fg_color, egui::RichText::new(title).strong());
                } else {
                    ui.strong(title);
                }
                egui::Grid::new(("assessment-group", &g.key))
                    .striped(true)
                    .num_columns(9)
                    .min_col_width(48.0)
                    .show(ui, |ui| {
                        for c in at.columns {
                            ui.strong(c);
                        }
                        ui.end_row();
                        for i in &g.items {
                            let edit = state.edits.entry(i.key.clone()).or_default();
                            ui.vertical(|ui| {
                                ui.set_width(320.0);
                                ui.label(&i.title);
                                ui.small(&i.rule);
                            });
                            ui.label(number(i.points));
                            let fact = match &i.fact {
                                Some(f) => match f.value {
                                    Some(v) => format!("{} {}", number(v), f.unit),
                                    None => at.not_recorded.to_string(),
                                },
                                None => "—".into(),
                            };
                            let r = ui.label(fact);
                            if let Some(f) = i.fact.as_ref().filter(|f| !f.definition.is_empty()) {
                                r.on_hover_text(&f.definition);
                            }
                            ui.label(i.suggested.map_or("—".into(), number));
                            ui.add(
                                egui::TextEdit::singleline(&mut edit.score)
                                    .desired_width(48.0)
                                    .id_salt(("score", &i.key)),
                            );
                            ui.label(number(i.counted_self));
                            let other = match l.side {
                                AssessmentSide::Own => i.expert_score,
                                AssessmentSide::Expert => i.self_score,
                            };
                            ui.label(other.map_or("—".into(), number));
                            ui.vertical(|ui| {
                                if i.no_evidence {
                                    ui.colored_label(ui.visuals().error_fg_color, at.no_evidence);
                                    ui.small(&i.needs);
                                } else {
                                    for e in &i.evidence {
                                        ui.small(&e.file_name).on_hover_text(&e.sha256);
                                    }
                                }
                                if l.side == AssessmentSide::Own && !l.files.is_empty() {
                                    egui::ComboBox::from_id_salt(("link", &i.key))
                                        .selected_text("＋")
                                        .show_ui(ui, |ui| {
                                            for (sha, name) in &l.files {
                                                let linked = edit.evidence.contains(sha);
                                                if ui.selectable_label(linked, name).clicked() {
                                                    if linked {
                                                        edit.evidence.retain(|s| s != sha);
                                                    } else {
                                                        edit.evidence.push(sha.clone());
                                                    }
                                                }
                                            }
                                        });
                                }
                            });
                            ui.add(
                                egui::TextEdit::multiline(&mut edit.note)
                                    .desired_rows(1)
                                    .desired_width(200.0)
                                    .id_salt(("note", &i.key)),
                            );
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
            }
        });
    if let Some(key) = chosen {
        state.scheme = Some(key);
    }
    if save {
        let mut entries = Vec::new();
        let mut refused = None;
        for i in sheet.groups.iter().flat_map(|g| &g.items) {
            let Some(edit) = state.edits.get(&i.key) else {
                continue;
            };
            let text = edit.score.trim();
            let score = if text.is_empty() {
                None
            } else {
                match crate::domain::text::to_half_width(text).parse::<f64>() {
                    Ok(s) if s.is_finite() && (0.0..=i.points).contains(&s) => Some(s),
                    _ => {
                        refused.get_or_insert_with(|| (at.score_out_of_range)(&i.title, &number(i.points)));
                        continue;
                    }
                }
            };
            entries.push(AssessmentWrite {
                item: i.key.clone(),
                score,
                note: edit.note.clone(),
                evidence: edit.evidence.clone(),
            });
        }
        match refused {
            Some(message) => state.error = Some(message),
            None => {
                state.error = None;
                cx.send(Command::SaveAssessment {
                    side: l.side,
                    org: org_id.uuid(),
                    year: cx.year,
                    scheme: sheet.scheme.clone(),
                    entries,
                });
            }
        }
    }
}

/// The scheme editor: its key, name and issuer, and each sub-item's title, points, rule
/// figures and evidence; sub-items added and removed. `Some(true)`: save; `Some(false)`:
/// close.
fn scheme_editor(
    ui: &mut egui::Ui,
    at: &crate::i18n::assessment::AssessmentText,
    s: &mut crate::domain::assessment::Scheme,
    error: Option<&str>,
) -> Option<bool> {
    use crate::domain::assessment::{Item, Rule};
    let mut done = None;
    ui.separator();
    egui::Grid::new("scheme-head").num_columns(2).show(ui, |ui| {
        ui.label(at.scheme_fields[0]);
        ui.text_edit_singleline(&mut s.key);
        ui.end_row();
        ui.label(at.scheme_fields[1]);
        ui.add(egui::TextEdit::singleline(&mut s.name).desired_width(520.0));
        ui.end_row();
        ui.label(at.scheme_fields[2]);
        ui.add(egui::TextEdit::singleline(&mut s.issuer).desired_width(520.0));
        ui.end_row();
    });
    ui.horizontal(|ui| {
        if ui.button(at.save).clicked() {
            done = Some(true);
        }
        if ui.button(at.close).clicked() {
            done = Some(false);
        }
        ui.strong(format!("{}: {}", at.scheme_fields[3], number(s.total_points())));
        if let Some(e) = error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    });
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (gi, g) in s.groups.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut g.title)
                            .desired_width(240.0)
                            .id_salt(("gt", gi)),
                    );
                    ui.label(number(g.points()));
                });
                let mut remove = None;
                egui::Grid::new(("scheme-items", gi))
                    .striped(true)
                    .num_columns(5)
                    .show(ui, |ui| {
                        for (ii, i) in g.items.iter_mut().enumerate() {
                            ui.add_sized(
                                [360.0, 20.0],
                                egui::TextEdit::singleline(&mut i.title).id_salt(("it", gi, ii)),
                            );
                            ui.add(
                                egui::DragValue::new(&mut i.points)
                                    .range(0.5..=100.0)
                                    .speed(0.5)
                                    .fixed_decimals(1),
                            );
                            match &mut i.rule {
                                Rule::AllOrNothing { target: Some(t) } => {
                                    ui.add(egui::DragValue::new(t).range(0.0..=1_000_000.0).prefix("≥ "));
                                }
                                Rule::Deduction {
                                    target,
                                    per_shortfall,
                                } => {
                                    ui.horizontal(|ui| {
                                        ui.add(
                                            egui::DragValue::new(target)
                                                .range(0.0..=1_000_000.0)
                                                .prefix("≥ "),
                                        );
                                        ui.add(
                                            egui::DragValue::new(per_shortfall)
                                                .range(0.01..=100.0)
                                                .speed(0.1)
                                                .prefix("−"),
                                        );
                                    });
                                }
                                _ => {
                                    ui.label(i.rule_text());
                                }
                            }
                            ui.add_sized(
                                [220.0, 20.0],
                                egui::TextEdit::singleline(&mut i.evidence).id_salt(("ie", gi, ii)),
                            );
                            if ui.button(at.remove_item).clicked() {
                                remove = Some(ii);
                            }
                            ui.end_row();
                        }
                    });
                if let Some(ii) = remove {
                    g.items.remove(ii);
                }
                if ui.button(at.add_item).clicked() {
                    let n = g.items.len() + 1;
                    g.items.push(Item {
                        key: format!("{}.{n}", g.key),
                        title: String::new(),
                        points: 5.0,
                        rule: Rule::Judgement,
                        looks_at: None,
                        evidence: String::new(),
                        checked_by: vec![crate::domain::assessment::CheckedBy::Documents],
                    });
                }
                ui.add_space(6.0);
            }
        });
    done
}
