//! The first run: an empty database greets the user with its choices — create our
//! organisation, load demo data to look around first, start from a data package (a studio
//! laptop receiving its records from the base), or make this a regional consolidation.

use super::SkillBaseApp;
use crate::app::Command;
use crate::demo::Profile;
use crate::domain::RecordKind;
use crate::i18n::ui::UiText;

/// The greeting's state.
#[derive(Default)]
pub struct WelcomeState {
    pub profile: Option<usize>,
}

pub fn show(shell: &mut SkillBaseApp, ui: &mut egui::Ui, t: &UiText) {
    if let Some(editor) = &mut shell.editor
        && let Ok(store) = &shell.app.store
    {
        // Creating our organisation: the form fills the window.
        egui::CentralPanel::default().show(ui, |ui| {
            ui.set_max_width(640.0);
            editor.ui(ui, store, None, &mut shell.app.commands);
        });
        return;
    }
    let (app, st) = (&mut shell.app, &mut shell.screens.welcome);
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading(egui::RichText::new(t.welcome_title).size(28.0));
            ui.add_space(8.0);
            ui.label(t.welcome_text);
            ui.add_space(30.0);
            if let Some(job) = &app.job {
                let (stage, f) = job.fraction();
                ui.label(&job.title);
                ui.add(
                    egui::ProgressBar::new(f)
                        .desired_width(420.0)
                        .text(format!("{stage} {:.0}%", f * 100.0)),
                );
                return;
            }
            if ui
                .add_sized(
                    [420.0, 44.0],
                    egui::Button::new(egui::RichText::new(t.create_our_org).size(18.0)),
                )
                .clicked()
            {
                app.commands.push(Command::New {
                    kind: RecordKind::Organisation,
                    preset: serde_json::Value::Null,
                });
            }
            ui.weak(t.create_our_org_help);
            ui.add_space(24.0);
            ui.label(t.or_demo);
            let profiles = [Profile::NationalBase, Profile::RegionBase, Profile::Studio];
            for (i, p) in profiles.iter().enumerate() {
                let label = (t.demo_profile)(p.code());
                if ui.add_sized([420.0, 36.0], egui::Button::new(label)).clicked() {
                    st.profile = Some(i);
                    app.commands.push(Command::LoadDemo(*p));
                }
            }
            ui.add_space(24.0);
            let x = t.exchange;
            for (label, help, screen) in [
                (
                    x.start_from_package,
                    x.start_from_package_help,
                    crate::app::Screen::Exchange,
                ),
                (x.start_region, x.start_region_help, crate::app::Screen::Region),
            ] {
                if ui.add_sized([420.0, 36.0], egui::Button::new(label)).clicked() {
                    shell.welcomed = true;
                    app.commands.push(Command::Navigate(screen));
                }
                ui.weak(help);
            }
        });
    });
}
