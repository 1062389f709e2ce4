//! 设置: the window's language, the profile name the audit trail records, the text size,
//! and where the database is.

use super::Cx;
use crate::app::{Command, Settings};
use crate::i18n::Lang;

/// The settings screen's state: the profile name being typed.
#[derive(Default)]
pub struct SettingsState {
    profile: Option<String>,
}

pub fn show(ui: &mut egui::Ui, cx: &mut Cx, state: &mut SettingsState, settings: &Settings) {
    let t = cx.t;
    ui.heading(t.nav_settings);
    ui.add_space(8.0);
    egui::Grid::new("settings")
        .num_columns(2)
        .spacing([16.0, 12.0])
        .show(ui, |ui| {
            ui.label(t.language);
            ui.horizontal(|ui| {
                for (lang, name) in [(Lang::Zh, "简体中文"), (Lang::En, "English")] {
                    if ui.selectable_label(settings.lang == lang, name).clicked() {
                        cx.commands.push(Command::SetLanguage(lang));
                    }
                }
            });
            ui.end_row();
            ui.label(t.profile_name);
            ui.horizontal(|ui| {
                let profile = state.profile.get_or_insert_with(|| settings.profile.clone());
                ui.add(
                    egui::TextEdit::singleline(profile)
                        .desired_width(200.0)
                        .id_salt("profile"),
                );
                if ui.button(t.save).clicked() {
                    cx.commands.push(Command::SetProfile(profile.clone()));
                }
            });
            ui.end_row();
            ui.label("");
            ui.weak(t.profile_help);
            ui.end_row();
            ui.label(t.text_size);
            ui.horizontal(|ui| {
                for (zoom, name) in [(1.0, "100%"), (1.15, "115%"), (1.3, "130%"), (1.5, "150%")] {
                    if ui
                        .selectable_label((settings.zoom - zoom).abs() < 0.01, name)
                        .clicked()
                    {
                        cx.commands.push(Command::SetZoom(zoom));
                    }
                }
            });
            ui.end_row();
            ui.label(t.database_file);
            ui.label(cx.opener.path.display().to_string());
            ui.end_row();
            ui.label(t.install_id);
            ui.label(cx.store.install_id());
            ui.end_row();
            ui.label(t.version);
            ui.label(format!(
                "{} · {}",
                crate::APP_VERSION,
                crate::domain::codes::CODE_TABLE_VERSION
            ));
            ui.end_row();
        });
    ui.add_space(12.0);
    ui.weak(t.ime_help);
}
