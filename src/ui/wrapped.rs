//! Tables whose text wraps: every row as tall as its tallest cell, so that no message or
//! name is cut off at a column's edge. Laying out every row's text takes time, so the
//! heights are kept between frames until the rows, their language or the widths change.

use std::hash::{DefaultHasher, Hash, Hasher};

/// A one-line row of these tables: the body text and a margin.
pub fn line_height(ui: &egui::Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Body) + 8.0
}

/// The heights of a table's rows whose cells wrap, kept between frames.
#[derive(Default)]
pub struct RowHeights {
    key: Option<u64>,
    heights: Vec<f32>,
}

impl RowHeights {
    /// The height of each of `rows` rows. `cells(i)` gives row `i`'s wrapping texts, in
    /// the order of `widths` (the width each wraps at); `what` names what the rows show
    /// (the data, a filter, the language), and the rows are laid out again only when it,
    /// the number of rows or a width changes.
    pub fn get(
        &mut self,
        ui: &egui::Ui,
        what: impl Hash,
        widths: &[f32],
        rows: usize,
        cells: impl Fn(usize) -> Vec<String>,
    ) -> &[f32] {
        let mut hasher = DefaultHasher::new();
        what.hash(&mut hasher);
        rows.hash(&mut hasher);
        for w in widths {
            (w.round() as i32).hash(&mut hasher);
        }
        let key = hasher.finish();
        if self.key != Some(key) {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let color = ui.visuals().text_color();
            let line = line_height(ui);
            self.heights = (0..rows)
                .map(|i| {
                    cells(i)
                        .into_iter()
                        .zip(widths)
                        .filter(|(text, _)| !text.is_empty())
                        .map(|(text, width)| {
                            ui.painter().layout(text, font.clone(), color, *width).size().y + 8.0
                        })
                        .fold(line, f32::max)
                })
                .collect();
            self.key = Some(key);
        }
        &self.heights
    }
}
