//! The register screens: each is one or two register tables over the chosen organisation,
//! with what its users need beside them — a cohort's enrolments and the completion step,
//! a facility's occupations and the utilisation chart, a master's apprentices.

use uuid::Uuid;

use super::register::{self, RegisterState};
use super::{Cx, Screens};
use crate::app::command::{Certificate, Completion};
use crate::app::{Command, Screen};
use crate::domain::RecordKind;
use crate::domain::training::{AssessmentResult, CertType};
use crate::i18n::Labelled;
use crate::registers::records::AnyRecord;
use crate::store::PeopleQuery;

/// The cohorts screen's own state (beyond its tables).
#[derive(Default)]
pub struct CohortsState {
    /// Search for people to enrol.
    pub enrol_search: String,
    pub enrol_on: String,
    /// The completion step open for an enrolment.
    pub completing: Option<CompletionForm>,
}

/// The completion step's inputs.
#[derive(Clone, Debug, Default)]
pub struct CompletionForm {
    pub enrolment: Uuid,
    pub person: String,
    pub completed_on: String,
    pub passed: bool,
    pub cert_number: String,
    pub issued_on: String,
    pub issuer: String,
    pub error: Option<String>,
}

/// The apprenticeships screen's studio view.
#[derive(Default)]
pub struct StudioState {
    /// The master whose apprentices are shown.
    pub master: Option<Uuid>,
}

fn state<'s>(screens: &'s mut Screens, kind: RecordKind, tag: &'static str) -> &'s mut RegisterState {
    screens.registers.entry((kind, tag)).or_default()
}

fn heading(ui: &mut egui::Ui, cx: &Cx, kind: RecordKind) {
    ui.heading(kind.label(cx.lang));
}

/// Draws a register screen.
pub fn show(ui: &mut egui::Ui, cx: &mut Cx, screens: &mut Screens, screen: Screen) {
    let full = ui.available_height();
    match screen {
        Screen::Organisations => {
            heading(ui, cx, RecordKind::Organisation);
            ui.weak(cx.t.organisations_help);
            register::table(
                ui,
                cx,
                RecordKind::Organisation,
                state(screens, RecordKind::Organisation, ""),
                None,
                full,
            );
        }
        Screen::Packages => single(ui, cx, screens, RecordKind::CoursePackage, full),
        Screen::Cohorts => cohorts(ui, cx, screens, full),
        Screen::Capacity => capacity(ui, cx, screens, full),
        Screen::PublicServices => single(ui, cx, screens, RecordKind::PublicService, full),
        Screen::Apprenticeships => apprenticeships(ui, cx, screens, full),
        Screen::Achievements => single(ui, cx, screens, RecordKind::Achievement, full),
        Screen::Teachers => {
            parent_child(
                ui,
                cx,
                screens,
                RecordKind::Teacher,
                RecordKind::TeacherTraining,
                "teacher",
                full,
            );
        }
        Screen::Honours => {
            heading(ui, cx, RecordKind::Competition);
            register::table(
                ui,
                cx,
                RecordKind::Competition,
                state(screens, RecordKind::Competition, ""),
                None,
                full * 0.4,
            );
            ui.separator();
            heading(ui, cx, RecordKind::Award);
            register::table(
                ui,
                cx,
                RecordKind::Award,
                state(screens, RecordKind::Award, ""),
                None,
                full * 0.4,
            );
        }
        Screen::Funds => {
            single(ui, cx, screens, RecordKind::Fund, full - 40.0);
            fund_totals(ui, cx, state(screens, RecordKind::Fund, ""));
        }
        Screen::Dashboard
        | Screen::People
        | Screen::AnnualReturn
        | Screen::Import
        | Screen::Backups
        | Screen::Exchange
        | Screen::Region
        | Screen::Settings => {}
    }
}

fn single(ui: &mut egui::Ui, cx: &mut Cx, screens: &mut Screens, kind: RecordKind, height: f32) {
    heading(ui, cx, kind);
    register::table(ui, cx, kind, state(screens, kind, ""), None, height - 60.0);
}

/// A register and, under it, the records of the selected one (a teacher's trainings).
fn parent_child(
    ui: &mut egui::Ui,
    cx: &mut Cx,
    screens: &mut Screens,
    parent: RecordKind,
    child: RecordKind,
    field: &'static str,
    full: f32,
) -> Option<Uuid> {
    heading(ui, cx, parent);
    register::table(ui, cx, parent, state(screens, parent, ""), None, full * 0.45);
    let selected = state(screens, parent, "").selected;
    ui.separator();
    match selected {
        Some(id) => {
            ui.heading(format!(
                "{} · {}",
                child.label(cx.lang),
                selected_name(screens, parent, id)
            ));
            register::table(
                ui,
                cx,
                child,
                state(screens, child, field),
                Some((field, id)),
                full * 0.35,
            );
        }
        None => {
            ui.weak((cx.t.select_to_see)(parent.label(cx.lang), child.label(cx.lang)));
        }
    }
    selected
}

fn selected_name(screens: &mut Screens, kind: RecordKind, id: Uuid) -> String {
    state(screens, kind, "")
        .visible()
        .into_iter()
        .find(|r| r.id == id)
        .map(crate::registers::records::display_name)
        .unwrap_or_default()
}

fn cohorts(ui: &mut egui::Ui, cx: &mut Cx, screens: &mut Screens, full: f32) {
    let Some(cohort) = parent_child(
        ui,
        cx,
        screens,
        RecordKind::Cohort,
        RecordKind::Enrolment,
        "cohort",
        full * 0.8,
    ) else {
        return;
    };
    let t = cx.t;
    ui.separator();
    // Enrol people: search, click to add.
    let st = &mut screens.cohorts;
    if st.enrol_on.is_empty() {
        st.enrol_on = cx.today.0.to_string();
    }
    ui.horizontal(|ui| {
        let label = ui.label(t.enrol_people).id;
        ui.add(
            egui::TextEdit::singleline(&mut st.enrol_search)
                .hint_text(t.person_search_hint)
                .desired_width(220.0)
                .id_salt("enrol-search"),
        )
        .labelled_by(label);
        ui.label(crate::i18n::field_label("enrolment", "enrolled_on", cx.lang));
        ui.add(egui::TextEdit::singleline(&mut st.enrol_on).desired_width(100.0));
    });
    let typed = st.enrol_search.trim().to_string();
    if !typed.is_empty() {
        let on = crate::domain::text::parse_date_loose(&st.enrol_on);
        let query = PeopleQuery {
            text: typed,
            limit: 6,
            ..PeopleQuery::default()
        };
        if let Ok(page) = cx.store.people_page(&query) {
            ui.horizontal_wrapped(|ui| {
                for p in page.rows {
                    let label = format!(
                        "+ {} {}",
                        p.name,
                        crate::domain::identity::mask_document_number(&p.doc_number)
                    );
                    if ui.button(label).clicked() {
                        match on {
                            Some(on) => cx.commands.push(Command::Enrol {
                                cohort,
                                people: vec![p.id.uuid()],
                                on,
                            }),
                            None => cx.commands.push(Command::Navigate(Screen::Cohorts)),
                        }
                    }
                }
            });
        }
        if on.is_none() {
            ui.colored_label(ui.visuals().error_fg_color, t.bad_date);
        }
    }
    // The completion step for the selected enrolment.
    let enrolment = state(screens, RecordKind::Enrolment, "cohort")
        .selected
        .and_then(|id| {
            state(screens, RecordKind::Enrolment, "cohort")
                .visible()
                .into_iter()
                .find(|r| r.id == id)
                .cloned()
        });
    if let Some(e) = enrolment {
        completion(ui, cx, &mut screens.cohorts, &e);
    }
}

/// Records completion, result and the qualification gained in one step.
fn completion(ui: &mut egui::Ui, cx: &mut Cx, st: &mut CohortsState, enrolment: &AnyRecord) {
    let t = cx.t;
    if enrolment.value["status"] == "completed" {
        return;
    }
    let today = cx.today.0.to_string();
    if st.completing.as_ref().is_none_or(|f| f.enrolment != enrolment.id) {
        let person = enrolment.value["person"]
            .as_str()
            .and_then(|p| p.parse::<Uuid>().ok())
            .and_then(|p| {
                cx.store
                    .get::<crate::domain::person::Person>(crate::domain::Id::from_uuid(p))
                    .ok()
            })
            .map(|p| p.record.name)
            .unwrap_or_default();
        st.completing = Some(CompletionForm {
            enrolment: enrolment.id,
            person,
            completed_on: today.clone(),
            passed: true,
            issued_on: today,
            ..CompletionForm::default()
        });
    }
    let Some(form) = st.completing.as_mut() else {
        return;
    };
    ui.separator();
    ui.strong((t.complete_title)(&form.person));
    egui::Grid::new("completion").num_columns(2).show(ui, |ui| {
        ui.label(crate::i18n::field_label("enrolment", "completed_on", cx.lang));
        ui.add(egui::TextEdit::singleline(&mut form.completed_on).desired_width(120.0));
        ui.end_row();
        ui.label(crate::i18n::field_label("enrolment", "result", cx.lang));
        ui.horizontal(|ui| {
            ui.radio_value(&mut form.passed, true, AssessmentResult::Passed.label(cx.lang));
            ui.radio_value(&mut form.passed, false, AssessmentResult::Failed.label(cx.lang));
        });
        ui.end_row();
        if form.passed {
            ui.label(crate::i18n::field_label("qualification", "cert_number", cx.lang));
            ui.add(egui::TextEdit::singleline(&mut form.cert_number).desired_width(200.0));
            ui.end_row();
            ui.label(crate::i18n::field_label("qualification", "issued_on", cx.lang));
            ui.add(egui::TextEdit::singleline(&mut form.issued_on).desired_width(120.0));
            ui.end_row();
            ui.label(crate::i18n::field_label("qualification", "issuer", cx.lang));
            ui.add(egui::TextEdit::singleline(&mut form.issuer).desired_width(200.0));
            ui.end_row();
        }
    });
    if let Some(e) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    if ui.button(t.record_completion).clicked() {
        let done = crate::domain::text::parse_date_loose(&form.completed_on);
        let issued = crate::domain::text::parse_date_loose(&form.issued_on);
        match (done, issued, form.passed) {
            (None, _, _) | (_, None, true) => form.error = Some(t.bad_date.to_string()),
            (Some(done), issued, passed) => {
                form.error = None;
                let certificate = passed.then(|| Certificate {
                    cert_type: CertType::SkillLevel,
                    cert_number: Some(form.cert_number.trim().to_string()).filter(|s| !s.is_empty()),
                    issued_on: issued.unwrap_or(done),
                    issuer: Some(form.issuer.trim().to_string()).filter(|s| !s.is_empty()),
                });
                cx.send(Command::Complete(Completion {
                    enrolment: form.enrolment,
                    completed_on: done,
                    result: if passed {
                        AssessmentResult::Passed
                    } else {
                        AssessmentResult::Failed
                    },
                    certificate,
                }));
            }
        }
    }
}

fn capacity(ui: &mut egui::Ui, cx: &mut Cx, screens: &mut Screens, full: f32) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            parent_child(
                ui,
                cx,
                screens,
                RecordKind::Facility,
                RecordKind::FacilityOccupation,
                "facility",
                full * 0.7,
            );
            ui.separator();
            heading(ui, cx, RecordKind::CapacityDeclaration);
            register::table(
                ui,
                cx,
                RecordKind::CapacityDeclaration,
                state(screens, RecordKind::CapacityDeclaration, ""),
                None,
                160.0,
            );
            ui.separator();
            ui.heading((cx.t.utilisation_title)(cx.year));
            match super::dashboard::figures(ui, cx, &mut screens.dashboard) {
                Some(Ok(summary)) => super::dashboard::capacity_chart(ui, cx, &summary.annual),
                Some(Err(e)) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                None => {
                    ui.spinner();
                }
            }
        });
}

fn apprenticeships(ui: &mut egui::Ui, cx: &mut Cx, screens: &mut Screens, full: f32) {
    let t = cx.t;
    heading(ui, cx, RecordKind::Apprenticeship);
    // The studio view: one master's apprentices.
    let all = state(screens, RecordKind::Apprenticeship, "");
    register::table(ui, cx, RecordKind::Apprenticeship, all, None, full * 0.45);
    let mut masters: Vec<(Uuid, String)> = Vec::new();
    for r in state(screens, RecordKind::Apprenticeship, "").visible() {
        if let Some(m) = r.value["master"].as_str().and_then(|m| m.parse::<Uuid>().ok())
            && !masters.iter().any(|(id, _)| *id == m)
        {
            let name = cx
                .store
                .get::<crate::domain::person::Person>(crate::domain::Id::from_uuid(m))
                .map(|p| p.record.name)
                .unwrap_or_default();
            masters.push((m, name));
        }
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.heading(t.studio_view);
        let st = &mut screens.studio;
        let current = st
            .master
            .and_then(|m| masters.iter().find(|(id, _)| *id == m))
            .map_or(t.choose_master.to_string(), |(_, n)| n.clone());
        egui::ComboBox::from_id_salt("master")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (id, name) in &masters {
                    ui.selectable_value(&mut st.master, Some(*id), name);
                }
            });
    });
    let Some(master) = screens.studio.master else {
        return;
    };
    let mine: Vec<AnyRecord> = state(screens, RecordKind::Apprenticeship, "")
        .visible()
        .into_iter()
        .filter(|r| r.value["master"].as_str() == Some(master.to_string().as_str()))
        .cloned()
        .collect();
    ui.label((t.my_apprentices)(mine.len()));
    egui::Grid::new("studio")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in [
                "apprentice",
                "agreement_date",
                "start_date",
                "grade_at_end",
                "status",
            ] {
                ui.strong(crate::i18n::field_label("apprenticeship", h, cx.lang));
            }
            ui.end_row();
            let mut names = std::collections::HashMap::new();
            for r in &mine {
                for h in [
                    "apprentice",
                    "agreement_date",
                    "start_date",
                    "grade_at_end",
                    "status",
                ] {
                    let text =
                        register::cell_text(cx.store, RecordKind::Apprenticeship, h, r, cx.lang, &mut names);
                    if h == "agreement_date" && text.is_empty() {
                        ui.colored_label(ui.visuals().warn_fg_color, t.no_agreement);
                    } else if ui.link(text).clicked() {
                        cx.commands.push(Command::Open {
                            kind: RecordKind::Apprenticeship,
                            id: r.id,
                        });
                    }
                }
                ui.end_row();
            }
        });
}

fn fund_totals(ui: &mut egui::Ui, cx: &Cx, st: &mut RegisterState) {
    let (mut income, mut expense) = (0i64, 0i64);
    for r in st.visible() {
        let amount = r.value["amount"].as_i64().unwrap_or(0);
        if r.value["direction"] == "income" {
            income += amount;
        } else {
            expense += amount;
        }
    }
    ui.label((cx.t.fund_totals)(
        &crate::domain::Money(income).to_string(),
        &crate::domain::Money(expense).to_string(),
        &crate::domain::Money(income - expense).to_string(),
    ));
}
