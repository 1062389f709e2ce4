//! One register as a table: search as you type, sortable columns, a row per record
//! (only the visible rows are drawn), New, and a click to open the record's form.

use std::collections::HashMap;

use uuid::Uuid;

use super::Cx;
use crate::app::Command;
use crate::domain::RecordKind;
use crate::i18n::{Lang, field_label};
use crate::registers::fields::{self, Input};
use crate::registers::naming;
use crate::registers::records::{self, AnyRecord, value_text};
use crate::store::{Scope, Store};

/// A register table's state.
#[derive(Default)]
pub struct RegisterState {
    pub search: String,
    /// Sorted by this column, descending when true.
    pub sort: Option<(usize, bool)>,
    pub selected: Option<Uuid>,
    /// A record to bring into view once the rows are there (a finding's jump).
    pub scroll_to: Option<Uuid>,
    rows: Vec<Line>,
    /// What the rows were loaded for: data version, organisation, parent record.
    loaded: Option<(u64, Option<Uuid>, Option<Uuid>, Lang)>,
    error: Option<String>,
    /// Each column's width in ems, wide enough for its heading and (most of) its cells.
    widths: Vec<f32>,
}

/// A record with its cells as shown.
struct Line {
    record: AnyRecord,
    cells: Vec<String>,
    /// All cells, lower-cased, for the search.
    haystack: String,
}

impl RegisterState {
    /// The records shown (after the search), in the order shown.
    pub fn visible(&self) -> Vec<&AnyRecord> {
        self.order().into_iter().map(|i| &self.rows[i].record).collect()
    }

    /// How many records the register holds here (before the search).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn order(&self) -> Vec<usize> {
        let needle = self.search.trim().to_lowercase();
        let mut idx: Vec<usize> = (0..self.rows.len())
            .filter(|&i| needle.is_empty() || self.rows[i].haystack.contains(&needle))
            .collect();
        if let Some((col, desc)) = self.sort {
            idx.sort_by(|&a, &b| {
                let (x, y) = (&self.rows[a].cells[col], &self.rows[b].cells[col]);
                // Figures sort as numbers (money shows thousands separators).
                let number = |s: &str| s.replace(',', "").parse::<f64>();
                let o = match (number(x), number(y)) {
                    (Ok(p), Ok(q)) => p.partial_cmp(&q).unwrap_or(std::cmp::Ordering::Equal),
                    _ => x.cmp(y),
                };
                if desc { o.reverse() } else { o }
            });
        }
        idx
    }
}

/// A cell's text: labels for closed lists, names for codes and references (each record
/// looked up once per table), yuan with separators (`registers::naming`).
pub fn cell_text(
    store: &Store,
    kind: RecordKind,
    field: &str,
    record: &AnyRecord,
    lang: Lang,
    names: &mut HashMap<Uuid, String>,
) -> String {
    let Some(f) = fields::fields(kind).into_iter().find(|f| f.name == field) else {
        return String::new();
    };
    let v = &record.value[field];
    match (f.input, value_text(v).parse::<Uuid>()) {
        (Input::Ref(_), Ok(id)) => names
            .entry(id)
            .or_insert_with(|| naming::value_words(store, kind, field, v, lang))
            .clone(),
        _ => naming::value_words(store, kind, field, v, lang),
    }
}

fn load(cx: &Cx, kind: RecordKind, parent: Option<(&'static str, Uuid)>) -> Result<Vec<Line>, String> {
    let scope = Scope {
        org: if fields::org_field(kind).is_some() {
            cx.org_id()
        } else {
            None
        },
        include_deleted: false,
    };
    let all =
        records::list(cx.store, kind, &scope).map_err(|e| crate::i18n::Localize::localize(&e, cx.lang))?;
    let columns = fields::columns(kind);
    let mut names = HashMap::new();
    Ok(all
        .into_iter()
        .filter(|r| parent.is_none_or(|(field, id)| r.value[field].as_str() == Some(id.to_string().as_str())))
        .map(|record| {
            let cells: Vec<String> = columns
                .iter()
                .map(|c| cell_text(cx.store, kind, c, &record, cx.lang, &mut names))
                .collect();
            let haystack = cells.join(" ").to_lowercase();
            Line {
                record,
                cells,
                haystack,
            }
        })
        .collect())
}

/// How wide a text is in ems: a Chinese character (or any wide one) takes one, a Latin
/// letter or digit about half.
fn ems(text: &str) -> f32 {
    text.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.56 })
        .sum()
}

/// Each column's width in ems: its heading, or the 90th-percentile cell of the first
/// rows if wider (one long note must not take the screen), plus padding.
fn column_ems(kind: RecordKind, rows: &[Line], lang: Lang) -> Vec<f32> {
    fields::columns(kind)
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let heading = ems(field_label(kind.code(), c, lang)) + 1.5;
            let mut cells: Vec<f32> = rows
                .iter()
                .take(400)
                .filter_map(|l| l.cells.get(i))
                .map(|s| ems(s))
                .collect();
            cells.sort_by(f32::total_cmp);
            let typical = cells
                .get(cells.len().saturating_sub(1) * 9 / 10)
                .copied()
                .unwrap_or(0.0);
            heading.max(typical + 1.0).clamp(3.0, 22.0)
        })
        .collect()
}

/// The widths in points, shrunk in proportion when together they would not fit
/// (`spacing` is the gap egui leaves between two columns).
fn fit_widths(ems: &[f32], em: f32, available: f32, spacing: f32) -> Vec<f32> {
    let wanted: Vec<f32> = ems.iter().map(|e| e * em).collect();
    let total: f32 = wanted.iter().sum();
    let room = (available - 24.0 - spacing * (ems.len() + 1) as f32).max(0.0);
    if total <= room || total == 0.0 {
        return wanted;
    }
    wanted.iter().map(|w| (w * room / total).max(48.0)).collect()
}

/// Draws a register's table (with its search box and New button) and returns the record
/// clicked this frame. `parent` limits it to the records of one parent (a cohort's
/// enrolments), which New fills in.
pub fn table(
    ui: &mut egui::Ui,
    cx: &mut Cx,
    kind: RecordKind,
    state: &mut RegisterState,
    parent: Option<(&'static str, Uuid)>,
    max_height: f32,
) -> Option<Uuid> {
    let t = cx.t;
    let key = (cx.version, cx.org_id(), parent.map(|p| p.1), cx.lang);
    if state.loaded != Some(key) {
        match load(cx, kind, parent) {
            Ok(rows) => {
                state.rows = rows;
                state.error = None;
            }
            Err(e) => state.error = Some(e),
        }
        state.loaded = Some(key);
        state.widths = column_ems(kind, &state.rows, cx.lang);
    }
    let columns = fields::columns(kind);
    ui.horizontal(|ui| {
        let r = ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text(crate::ui::hint(t.search_hint))
                .desired_width(240.0)
                .id_salt(("search", kind.code())),
        );
        if cx.focus_search {
            r.request_focus();
            cx.focus_search = false;
        }
        let order = state.order();
        ui.label((t.shown_of)(order.len(), state.rows.len()));
        if ui
            .button(format!("+ {}", t.new))
            .on_hover_text("Ctrl+N")
            .clicked()
        {
            let preset = match parent {
                Some((field, id)) => crate::app::command::preset(field, id),
                None => serde_json::Value::Null,
            };
            cx.send(Command::New { kind, preset });
        }
        super::import::export_button(ui, cx, || crate::app::import::ExportRequest {
            kind: crate::sheets::export::ExportKind::Register(kind),
            ids: order.iter().map(|&i| state.rows[i].record.id).collect(),
            query: None,
            count: order.len(),
        });
    });
    if let Some(e) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    if state.rows.is_empty() {
        ui.weak(t.register_empty);
        return None;
    }
    let order = state.order();
    let mut clicked = None;
    let mut sort_by = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    // A child table leaves out the column naming its parent: the heading above says it.
    let shown: Vec<usize> = (0..columns.len())
        .filter(|&i| parent.is_none_or(|(field, _)| columns[i] != field))
        .collect();
    let ems: Vec<f32> = shown
        .iter()
        .map(|&i| state.widths.get(i).copied().unwrap_or(6.0))
        .collect();
    let widths = fit_widths(
        &ems,
        row_height - 8.0,
        ui.available_width(),
        ui.spacing().item_spacing.x,
    );
    // A heading wider than its column (the table squeezed beside a form) wraps onto a
    // second line rather than being cut ("Training …").
    let squeezed = shown.iter().zip(&widths).any(|(&i, w)| {
        let heading = egui::WidgetText::from(
            egui::RichText::new(field_label(kind.code(), columns[i], cx.lang)).strong(),
        );
        let galley = heading.into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Button,
        );
        galley.size().x > *w - 4.0
    });
    let header_height = if squeezed {
        2.0 * (row_height - 4.0)
    } else {
        row_height + 4.0
    };
    // The table remembers its column widths; when the room changes (a form opens beside
    // it, the window is resized) it starts afresh from widths that fit the new room.
    let room = (ui.available_width() / 40.0).round() as i32;
    // A record asked for (a finding's jump): selected and scrolled to; a search that
    // hides it is cleared first.
    let mut scroll_row = None;
    if let Some(id) = state.scroll_to.take() {
        scroll_row = order.iter().position(|&i| state.rows[i].record.id == id);
        if scroll_row.is_none() && state.rows.iter().any(|l| l.record.id == id) {
            state.search.clear();
            state.scroll_to = Some(id);
        }
    }
    ui.push_id(("table", kind.code(), room), |ui| {
        let mut builder = egui_extras::TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .max_scroll_height(max_height)
            .auto_shrink([false, true]);
        if let Some(row) = scroll_row {
            builder = builder.scroll_to_row(row, Some(egui::Align::Center));
        }
        for width in widths {
            builder = builder.column(
                egui_extras::Column::initial(width)
                    .at_least(48.0)
                    .clip(true)
                    .resizable(true),
            );
        }
        builder
            .column(egui_extras::Column::remainder())
            .header(header_height, |mut header| {
                for &i in &shown {
                    let c = &columns[i];
                    header.col(|ui| {
                        let arrow = match state.sort {
                            Some((col, false)) if col == i => " ▲",
                            Some((col, true)) if col == i => " ▼",
                            _ => "",
                        };
                        let label = format!("{}{arrow}", field_label(kind.code(), c, cx.lang));
                        if ui
                            .add(
                                egui::Button::new(egui::RichText::new(label).strong())
                                    .frame(false)
                                    .wrap(),
                            )
                            .clicked()
                        {
                            sort_by = Some(i);
                        }
                    });
                }
                header.col(|_| {});
            })
            .body(|body| {
                body.rows(row_height, order.len(), |mut row| {
                    let line = &state.rows[order[row.index()]];
                    row.set_selected(state.selected == Some(line.record.id));
                    for &i in &shown {
                        let cell = line.cells.get(i).map_or("", String::as_str);
                        row.col(|ui| {
                            ui.add(egui::Label::new(cell).selectable(false).truncate());
                        });
                    }
                    row.col(|_| {});
                    if row.response().clicked() {
                        clicked = Some(line.record.id);
                    }
                });
            });
    });
    if let Some(i) = sort_by {
        state.sort = match state.sort {
            Some((col, false)) if col == i => Some((i, true)),
            Some((col, true)) if col == i => None,
            _ => Some((i, false)),
        };
    }
    if let Some(id) = clicked {
        state.selected = Some(id);
        cx.send(Command::Open { kind, id });
    }
    clicked
}
