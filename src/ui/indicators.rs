//! 指标集: the region's indicator sets (a table of sets, the chosen set's indicators
//! below it, both through the generic register table and form), the built-in sets with a
//! button to copy one into the database for editing, and which set is in force for each
//! year, kind and tier. Sending sets is the 数据交换 screen's "only the indicator sets".

use egui::RichText;

use super::Cx;
use crate::app::command::Command;
use crate::domain::indicators::{self, SetWithIndicators};
use crate::domain::{Labelled, RecordKind};
use crate::i18n::indicators::text;

/// The sets as read at one data version (read once, not on every frame).
#[derive(Default)]
pub struct IndicatorsState {
    sets: Option<(u64, Vec<SetWithIndicators>)>,
}

/// Draws the screen.
pub fn show(ui: &mut egui::Ui, cx: &mut Cx, screens: &mut super::Screens, full: f32) {
    let t = text(cx.lang);
    ui.weak(t.help);
    super::screens::parent_child(
        ui,
        cx,
        screens,
        RecordKind::IndicatorSet,
        RecordKind::Indicator,
        "indicator_set",
        full * 0.6,
    );
    ui.separator();
    ui.label(t.send_hint);
    let st = &mut screens.indicators;
    if st.sets.as_ref().is_none_or(|(v, _)| *v != cx.version) {
        st.sets = Some((cx.version, cx.store.indicator_sets().unwrap_or_default()));
    }
    let Some((_, sets)) = &st.sets else { return };
    egui::ScrollArea::vertical()
        .id_salt("indicator-sets")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            built_in(ui, cx, sets);
            ui.separator();
            in_force(ui, cx, sets);
        });
}

/// The set in force for each year (from the earliest set's first year to next year),
/// kind and tier.
fn in_force(ui: &mut egui::Ui, cx: &Cx, sets: &[SetWithIndicators]) {
    let t = text(cx.lang);
    ui.heading(t.in_force_heading);
    let first = sets
        .iter()
        .map(|s| s.set.record.from_year)
        .min()
        .unwrap_or(cx.year);
    let last = cx.today.0.format("%Y").to_string().parse().unwrap_or(cx.year) + 1;
    egui::Grid::new("in-force").striped(true).show(ui, |ui| {
        ui.strong(t.in_force_columns[0]);
        for (kind, tier) in crate::domain::indicators::KINDS_AND_TIERS {
            ui.strong(format!("{} · {}", kind.label(cx.lang), tier.label(cx.lang)));
        }
        ui.end_row();
        for year in (first.min(last)..=last).rev() {
            ui.label(year.to_string());
            for (kind, tier) in crate::domain::indicators::KINDS_AND_TIERS {
                match indicators::in_force(sets, year, kind, Some(tier)) {
                    Some(s) => ui.label(&s.set.record.name),
                    None => ui.weak("—"),
                };
            }
            ui.end_row();
        }
    });
    ui.weak(format!("— {}", t.none_in_force));
}

/// The built-in sets, read-only, each with its indicators and the copy button.
fn built_in(ui: &mut egui::Ui, cx: &mut Cx, sets: &[SetWithIndicators]) {
    let t = text(cx.lang);
    ui.heading(t.built_in_heading);
    ui.weak(t.built_in_note);
    for s in sets.iter().filter(|s| s.built_in) {
        let r = &s.set.record;
        ui.horizontal(|ui| {
            ui.label(RichText::new(&r.name).strong());
            if ui.button(t.copy).clicked() {
                cx.send(Command::CopyIndicatorSet(s.set.id.uuid()));
            }
        });
        ui.label(format!("{}：{}", t.document, r.document));
        ui.label(format!(
            "{} · {}",
            (t.years)(r.from_year, r.to_year),
            (t.attendance_floor)(s.attendance_floor())
        ));
        egui::CollapsingHeader::new(t.indicator_columns[2])
            .id_salt(("built-in", s.set.id.to_string()))
            .show(ui, |ui| {
                egui::Grid::new(("built-in", s.set.id.to_string()))
                    .striped(true)
                    .show(ui, |ui| {
                        for c in t.indicator_columns {
                            ui.strong(c);
                        }
                        ui.end_row();
                        for i in &s.indicators {
                            let i = &i.record;
                            ui.label(i.org_kind.label(cx.lang));
                            ui.label(i.tier.label(cx.lang));
                            ui.label(match cx.lang {
                                crate::lang::Lang::Zh => &i.label_zh,
                                crate::lang::Lang::En => &i.label_en,
                            });
                            let period = i.period_years.map(t.period).unwrap_or_default();
                            ui.label(format!("{}{period}", i.basis.label(cx.lang)));
                            ui.label(format!("{} {}", i.comparison.symbol(), i.threshold));
                            ui.label(&i.unit);
                            ui.end_row();
                        }
                    });
            });
    }
}
