//! The register screens: each is one or two register tables over the chosen organisation,
//! with what its users need beside them — a cohort's enrolments and the completion step,
//! a facility's occupations and the utilisation chart, a master's apprentices.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::register::{self, RegisterState};
use super::{Cx, Screens};
use crate::app::{Command, Screen};
use crate::domain::completion::{CertificateGained, Completion, NewCertificate, Outcome};
use crate::domain::training::{AssessmentResult, CertType, Cohort, Qualification};
use crate::domain::{Id, RecordKind};
use crate::i18n::{Labelled, Lang, Localize};
use crate::registers::records::AnyRecord;
use crate::store::{PeopleQuery, StoreError};

/// The cohorts screen's own state (beyond its tables).
#[derive(Default)]
pub struct CohortsState {
    /// Search for people to enrol.
    pub enrol_search: String,
    /// The date they are enrolled on: the cohort's start unless changed.
    pub enrol_on: String,
    /// The cohort `enrol_on` was filled in for.
    pub enrol_for: Option<Uuid>,
    /// Why the enrolment date was refused, shown beside it.
    pub enrol_date_error: Option<String>,
    /// Why an enrolment was refused otherwise (the person is in the cohort already).
    pub enrol_error: Option<String>,
    /// The completion step open for an enrolment.
    pub completing: Option<CompletionForm>,
}

impl CohortsState {
    /// People enrolled, or why not: a date the store refuses (after the cohort ended)
    /// beside the date; anything else (the person is in the cohort already) under the
    /// search.
    pub fn enrolled(&mut self, refused: Option<StoreError>, lang: Lang) {
        self.enrol_date_error = None;
        self.enrol_error = None;
        match refused {
            None => {}
            Some(StoreError::Invalid(verdict)) => {
                let (date, other): (Vec<_>, Vec<_>) =
                    verdict.errors().partition(|i| i.field == "enrolled_on");
                self.enrol_date_error = (!date.is_empty()).then(|| {
                    date.iter()
                        .map(|i| crate::i18n::problem(&i.problem, i.kind.code(), lang))
                        .collect::<Vec<_>>()
                        .join("；")
                });
                self.enrol_error = (!other.is_empty()).then(|| {
                    other
                        .iter()
                        .map(|i| i.localize(lang))
                        .collect::<Vec<_>>()
                        .join("；")
                });
            }
            Some(e) => self.enrol_error = Some(e.localize(lang)),
        }
    }

    /// A completion recorded (the step closes), or refused: each message beside the
    /// step's field it is about, the rest under the step.
    pub fn completed(&mut self, result: Result<(), StoreError>, lang: Lang) {
        match result {
            Ok(()) => self.completing = None,
            Err(e) => {
                if let Some(form) = &mut self.completing {
                    form.errors = completion_errors(&e, lang);
                }
            }
        }
    }
}

fn completion_errors(e: &StoreError, lang: Lang) -> BTreeMap<&'static str, String> {
    let mut out: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    match e {
        StoreError::Invalid(verdict) => {
            for issue in verdict.errors() {
                let field = match (issue.kind, issue.field) {
                    (RecordKind::Enrolment, f @ ("completed_on" | "result")) => f,
                    (RecordKind::Qualification, f @ ("issued_on" | "cert_number" | "issuer")) => f,
                    _ => "",
                };
                let text = if field.is_empty() {
                    issue.localize(lang)
                } else {
                    crate::i18n::problem(&issue.problem, issue.kind.code(), lang)
                };
                out.entry(field).or_default().push(text);
            }
        }
        StoreError::CertificateOfAnotherPerson { .. }
        | StoreError::CertificateTaken { .. }
        | StoreError::EnrolmentHasCertificate { .. } => {
            out.entry("qualification").or_default().push(e.localize(lang));
        }
        other => out.entry("").or_default().push(other.localize(lang)),
    }
    out.into_iter().map(|(k, v)| (k, v.join("；"))).collect()
}

/// The completion step's inputs.
#[derive(Clone, Debug, Default)]
pub struct CompletionForm {
    pub enrolment: Uuid,
    pub person: String,
    /// The cohort's occupation and target grade, as the new certificate would carry them.
    pub cohort_certificate: String,
    pub completed_on: String,
    pub passed: bool,
    /// The person's certificates (id, date · occupation · grade · number).
    pub certificates: Vec<(Uuid, String)>,
    /// One of them chosen as the certificate gained; none: a new one from the cohort's
    /// occupation and grade.
    pub existing: Option<Uuid>,
    pub cert_number: String,
    pub issued_on: String,
    pub issuer: String,
    /// Messages beside the fields (`completed_on`, `result`, `issued_on`, `cert_number`,
    /// `issuer`), and under the step (`""`).
    pub errors: BTreeMap<&'static str, String>,
}

/// A certificate as the pickers list it: date, occupation, grade and number.
pub fn certificate_label(q: &Qualification, lang: crate::i18n::Lang) -> String {
    let occupation = crate::domain::codes::occupation(&q.occupation).map_or("", |o| o.name);
    let grade = match lang {
        crate::i18n::Lang::Zh => q.grade.label_zh().to_string(),
        crate::i18n::Lang::En => q.grade.label_en(),
    };
    let mut text = format!("{} · {} {occupation} · {grade}", q.issued_on, q.occupation);
    if let Some(n) = &q.cert_number {
        text.push_str(&format!(" · {n}"));
    }
    text
}

/// A studio the chosen base hosts: its id, name and number of apprenticeships.
type HostedStudio = (Uuid, String, usize);

/// The apprenticeships screen's studio view.
#[derive(Default)]
pub struct StudioState {
    /// The master whose apprentices are shown.
    pub master: Option<Uuid>,
    /// The studios the chosen base hosts, with how many apprenticeships each keeps, for
    /// the base and the data version they were counted at: counted once,
    /// not on every frame.
    hosted: Option<((Uuid, u64), Vec<HostedStudio>)>,
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
        Screen::PublicServices => {
            single(ui, cx, screens, RecordKind::PublicService, full - 40.0);
            service_totals(ui, cx, state(screens, RecordKind::PublicService, ""));
        }
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
        Screen::Indicators => super::indicators::show(ui, cx, screens, full),
        Screen::Dashboard
        | Screen::People
        | Screen::AnnualReturn
        | Screen::Assessment
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
pub(super) fn parent_child(
    ui: &mut egui::Ui,
    cx: &mut Cx,
    screens: &mut Screens,
    parent: RecordKind,
    child: RecordKind,
    field: &'static str,
    full: f32,
) -> Option<Uuid> {
    heading(ui, cx, parent);
    // Until a record is chosen, nothing stands below but one line of hint: the table takes
    // the height (a 1366×768 screen showed eight cohorts above empty space).
    let height = match state(screens, parent, "").selected {
        Some(_) => full * 0.45,
        None => (ui.available_height() - 6.0 * ui.spacing().interact_size.y).max(full * 0.45),
    };
    register::table(ui, cx, parent, state(screens, parent, ""), None, height);
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
        full * 0.7,
    ) else {
        return;
    };
    let Ok(record) = cx.store.get::<Cohort>(Id::from_uuid(cohort)) else {
        return;
    };
    ui.separator();
    // Below the tables, scrolled when the window is too low for the completion step.
    egui::ScrollArea::vertical()
        .id_salt("cohort-enrol")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            enrol_and_complete(ui, cx, screens, cohort, &record.record)
        });
}

/// Adding people to the cohort, and the completion step of the enrolment selected.
fn enrol_and_complete(ui: &mut egui::Ui, cx: &mut Cx, screens: &mut Screens, cohort: Uuid, record: &Cohort) {
    let t = cx.t;
    // Enrol people: search, click to add.
    let st = &mut screens.cohorts;
    if st.enrol_for != Some(cohort) {
        st.enrol_for = Some(cohort);
        st.enrol_on = record.start_date.to_string();
        st.enrol_date_error = None;
        st.enrol_error = None;
    }
    let on = crate::domain::text::parse_date_loose(&st.enrol_on);
    // Wrapped, so that a long message beside the date stays on screen.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(t.enrol_people).id;
        ui.add(
            egui::TextEdit::singleline(&mut st.enrol_search)
                .hint_text(crate::ui::hint(t.person_search_hint))
                .desired_width(220.0)
                .id_salt("enrol-search"),
        )
        .labelled_by(label);
        let date_label = ui
            .label(crate::i18n::field_label("enrolment", "enrolled_on", cx.lang))
            .id;
        if ui
            .add(
                egui::TextEdit::singleline(&mut st.enrol_on)
                    .desired_width(100.0)
                    .id_salt("enrol-on"),
            )
            .labelled_by(date_label)
            .changed()
        {
            st.enrol_date_error = None;
        }
        let date_error = match on {
            None if !st.enrol_on.trim().is_empty() => Some(t.bad_date.to_string()),
            None => Some(t.required.to_string()),
            Some(_) => st.enrol_date_error.clone(),
        };
        match date_error {
            Some(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            None => {
                ui.weak((t.cohort_dates)(
                    &record.start_date.to_string(),
                    &record.end_date.to_string(),
                ));
            }
        }
    });
    let typed = st.enrol_search.trim().to_string();
    if !typed.is_empty() {
        // People already in the cohort are not offered again.
        let enrolled = cx
            .store
            .people_enrolled(Id::from_uuid(cohort))
            .unwrap_or_default();
        let query = PeopleQuery {
            text: typed,
            limit: 6 + enrolled.len().min(500) as u64,
            ..PeopleQuery::default()
        };
        if let Ok(page) = cx.store.people_page(&query) {
            ui.horizontal_wrapped(|ui| {
                for p in page.rows.iter().filter(|p| !enrolled.contains(&p.id)).take(6) {
                    let label = format!(
                        "+ {} {}",
                        p.name,
                        crate::domain::identity::mask_document_number(&p.doc_number)
                    );
                    if ui.add_enabled(on.is_some(), egui::Button::new(label)).clicked()
                        && let Some(on) = on
                    {
                        cx.commands.push(Command::Enrol {
                            cohort,
                            people: vec![p.id.uuid()],
                            on,
                        });
                    }
                }
            });
        }
    }
    if let Some(e) = &st.enrol_error {
        ui.colored_label(ui.visuals().error_fg_color, e);
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
        completion(ui, cx, &mut screens.cohorts, &e, record);
    }
}

/// A date typed into the completion step, or the message to show beside it.
fn date_field(text: &str, t: &crate::i18n::ui::UiText) -> Result<chrono::NaiveDate, String> {
    if text.trim().is_empty() {
        return Err(t.required.to_string());
    }
    crate::domain::text::parse_date_loose(text).ok_or_else(|| t.bad_date.to_string())
}

/// Records completion, result and the qualification gained in one step: the dates
/// default to the cohort's end, the certificate is one of the person's own or a new one
/// from the cohort's occupation and grade, and every problem shows beside its field.
fn completion(ui: &mut egui::Ui, cx: &mut Cx, st: &mut CohortsState, enrolment: &AnyRecord, cohort: &Cohort) {
    let t = cx.t;
    if enrolment.value["status"] == "completed" {
        return;
    }
    if st.completing.as_ref().is_none_or(|f| f.enrolment != enrolment.id) {
        let person_id = enrolment.value["person"]
            .as_str()
            .and_then(|p| p.parse::<Uuid>().ok())
            .map(Id::<crate::domain::person::Person>::from_uuid);
        let person = person_id
            .and_then(|p| cx.store.get(p).ok())
            .map(|p| p.record.name)
            .unwrap_or_default();
        let certificates = person_id
            .and_then(|p| cx.store.certificates_of(p).ok())
            .unwrap_or_default()
            .into_iter()
            .filter(|q| q.record.enrolment.is_none_or(|e| e.uuid() == enrolment.id))
            .map(|q| (q.id.uuid(), certificate_label(&q.record, cx.lang)))
            .collect();
        let end = cohort.end_date.to_string();
        let grade = match cx.lang {
            crate::i18n::Lang::Zh => cohort.target_grade.label_zh().to_string(),
            crate::i18n::Lang::En => cohort.target_grade.label_en(),
        };
        let occupation = crate::domain::codes::occupation(&cohort.occupation).map_or("", |o| o.name);
        st.completing = Some(CompletionForm {
            enrolment: enrolment.id,
            person,
            cohort_certificate: format!("{} {occupation} · {grade}", cohort.occupation),
            completed_on: end.clone(),
            passed: true,
            certificates,
            issued_on: end,
            ..CompletionForm::default()
        });
    }
    let Some(form) = st.completing.as_mut() else {
        return;
    };
    let error = |ui: &mut egui::Ui, form: &CompletionForm, field: &str| {
        if let Some(e) = form.errors.get(field) {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    };
    ui.separator();
    ui.strong((t.complete_title)(&form.person));
    ui.weak((t.cohort_dates)(
        &cohort.start_date.to_string(),
        &cohort.end_date.to_string(),
    ));
    egui::Grid::new("completion").num_columns(2).show(ui, |ui| {
        let label = ui
            .label(crate::i18n::field_label("enrolment", "completed_on", cx.lang))
            .id;
        ui.horizontal_wrapped(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut form.completed_on)
                    .desired_width(120.0)
                    .id_salt("completed-on"),
            )
            .labelled_by(label);
            error(ui, form, "completed_on");
        });
        ui.end_row();
        ui.label(crate::i18n::field_label("enrolment", "result", cx.lang));
        ui.horizontal_wrapped(|ui| {
            ui.radio_value(&mut form.passed, true, AssessmentResult::Passed.label(cx.lang));
            ui.radio_value(&mut form.passed, false, AssessmentResult::Failed.label(cx.lang));
            error(ui, form, "result");
        });
        ui.end_row();
        if form.passed {
            ui.label(t.certificate_gained);
            ui.horizontal_wrapped(|ui| {
                let new_one = (t.new_certificate_from_cohort)(&form.cohort_certificate);
                let current = form
                    .existing
                    .and_then(|id| form.certificates.iter().find(|(c, _)| *c == id))
                    .map_or(new_one.clone(), |(_, l)| l.clone());
                egui::ComboBox::from_id_salt("certificate-gained")
                    .selected_text(current)
                    .width(360.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut form.existing, None, new_one);
                        for (id, label) in &form.certificates {
                            ui.selectable_value(&mut form.existing, Some(*id), label);
                        }
                    });
                error(ui, form, "qualification");
            });
            ui.end_row();
            if form.existing.is_none() {
                for (field, value, width) in [
                    ("cert_number", &mut form.cert_number, 200.0),
                    ("issued_on", &mut form.issued_on, 120.0),
                    ("issuer", &mut form.issuer, 200.0),
                ] {
                    let label = ui
                        .label(crate::i18n::field_label("qualification", field, cx.lang))
                        .id;
                    ui.horizontal_wrapped(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(value)
                                .desired_width(width)
                                .id_salt(("completion", field)),
                        )
                        .labelled_by(label);
                        if let Some(e) = form.errors.get(field) {
                            ui.colored_label(ui.visuals().error_fg_color, e);
                        }
                    });
                    ui.end_row();
                }
            }
        }
    });
    error(ui, form, "");
    if ui.button(t.record_completion).clicked() {
        form.errors.clear();
        let done = date_field(&form.completed_on, t);
        let new_certificate = form.passed && form.existing.is_none();
        let issued = if new_certificate {
            date_field(&form.issued_on, t).map(Some)
        } else {
            Ok(None)
        };
        if let Err(e) = &done {
            form.errors.insert("completed_on", e.clone());
        }
        if let Err(e) = &issued {
            form.errors.insert("issued_on", e.clone());
        }
        if let (Ok(done), Ok(issued)) = (done, issued) {
            let outcome = if form.passed {
                let recorded = form
                    .existing
                    .map(|q| CertificateGained::Recorded(Id::from_uuid(q)));
                Outcome::Passed(recorded.or(issued.map(|issued_on| {
                    CertificateGained::New(NewCertificate {
                        cert_type: CertType::SkillLevel,
                        cert_number: Some(form.cert_number.trim().to_string()).filter(|s| !s.is_empty()),
                        issued_on,
                        issuer: Some(form.issuer.trim().to_string()).filter(|s| !s.is_empty()),
                    })
                })))
            } else {
                Outcome::Failed
            };
            cx.send(Command::Complete(Completion {
                enrolment: Id::from_uuid(form.enrolment),
                completed_on: done,
                outcome,
            }));
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
            ui.heading(crate::i18n::desk::text(cx.lang).utilisation_five_years);
            match super::dashboard::figures(ui, cx, &mut screens.dashboard) {
                Some(Ok(summary)) => super::dashboard::capacity_years(ui, cx, &summary.years),
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
    heading(ui, cx, RecordKind::Apprenticeship);
    hosted_studios(ui, cx, &mut screens.studio);
    // The studio view: one master's apprentices.
    let all = state(screens, RecordKind::Apprenticeship, "");
    register::table(ui, cx, RecordKind::Apprenticeship, all, None, full * 0.3);
    ui.separator();
    // Below the register: every apprentice's progress, the quick entry, the chosen
    // apprentice's plan and log, then one master's apprentices; scrolled together.
    egui::ScrollArea::vertical()
        .id_salt("studio-view")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            super::studio_log::show(ui, cx, &mut screens.studio_log);
            master_view(ui, cx, screens);
        });
}

/// One master's apprentices.
fn master_view(ui: &mut egui::Ui, cx: &mut Cx, screens: &mut Screens) {
    let t = cx.t;
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
    // Inside the screen's scroll area (`apprenticeships`): a studio has a hundred
    // apprentices and more.
    young_backbones(ui, cx, screens);
    if let Some(master) = screens.studio.master {
        studio_apprentices(ui, cx, screens, master);
    }
}

/// With a base chosen: the studios it hosts keep the apprenticeships, each named with how
/// many it has and a button that chooses it.
fn hosted_studios(ui: &mut egui::Ui, cx: &mut Cx, st: &mut StudioState) {
    let Some(base) = cx.org.map(|o| o.id.uuid()) else {
        return;
    };
    let d = crate::i18n::desk::text(cx.lang);
    let key = (base, cx.version);
    if st.hosted.as_ref().is_none_or(|(k, _)| *k != key) {
        let hosted = cx
            .orgs
            .iter()
            .filter(|o| o.record.host.map(|h| h.uuid()) == Some(base))
            .map(|o| {
                let scope = crate::store::Scope {
                    org: Some(o.id.uuid()),
                    include_deleted: false,
                };
                let n = crate::registers::records::list(cx.store, RecordKind::Apprenticeship, &scope)
                    .map_or(0, |l| l.len());
                (o.id.uuid(), o.record.name.clone(), n)
            })
            .collect();
        st.hosted = Some((key, hosted));
    }
    let Some((_, hosted)) = &st.hosted else { return };
    for (id, name, n) in hosted {
        ui.horizontal(|ui| {
            ui.label((d.hosted_studio_apprenticeships)(name, *n));
            if ui.button(d.show_studio).clicked() {
                cx.send(Command::SelectOrg(*id));
            }
        });
    }
}

/// The studio's young skill backbones (青年技能骨干) trained in each of the last five
/// years against its target, as its return counts them.
fn young_backbones(ui: &mut egui::Ui, cx: &mut Cx, screens: &mut Screens) {
    let d = crate::i18n::desk::text(cx.lang);
    if cx
        .org
        .is_none_or(|o| o.record.kind != crate::domain::org::OrgKind::MasterStudio)
    {
        return;
    }
    ui.strong(d.young_backbones_title);
    match super::dashboard::figures(ui, cx, &mut screens.dashboard) {
        Some(Ok(summary)) => {
            egui::Grid::new("young-backbones")
                .striped(true)
                .num_columns(4)
                .spacing([24.0, 4.0])
                .show(ui, |ui| {
                    for h in d.young_backbones_columns {
                        ui.strong(*h);
                    }
                    ui.end_row();
                    for y in &summary.years {
                        // The year's own count; the target as the set in force judges it
                        // (the 2015 plan: a yearly average), with that average.
                        ui.label(y.year.to_string());
                        ui.label(y.young_backbones.to_string());
                        let Some(i) = y.indicators.iter().find(|i| i.key == "young_backbones") else {
                            ui.weak(cx.t.no_target);
                            ui.label("");
                            ui.end_row();
                            continue;
                        };
                        let measured = if i.basis == "delivered" {
                            String::new()
                        } else {
                            format!("（{}）", crate::i18n::indicators::value(i, cx.lang))
                        };
                        ui.label(format!("{} · {}", i.threshold_shown(), i.name(cx.lang)));
                        match i.met {
                            Some(true) => {
                                ui.colored_label(super::palette::GOOD, format!("{}{measured}", cx.t.met))
                            }
                            Some(false) => {
                                ui.colored_label(super::palette::BAD, format!("{}{measured}", cx.t.not_met))
                            }
                            None => ui.weak(cx.t.no_target),
                        };
                        ui.end_row();
                    }
                });
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        None => {
            ui.spinner();
        }
    }
    ui.add_space(8.0);
}

/// One master's apprentices, each opening its record.
fn studio_apprentices(ui: &mut egui::Ui, cx: &mut Cx, screens: &mut Screens, master: Uuid) {
    let t = cx.t;
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

/// The services shown (after the search), added up: how many, person-times and hours.
fn service_totals(ui: &mut egui::Ui, cx: &Cx, st: &mut RegisterState) {
    let shown = st.visible();
    let person_times: i64 = shown
        .iter()
        .map(|r| r.value["person_times"].as_i64().unwrap_or(0))
        .sum();
    let hours: f64 = shown
        .iter()
        .map(|r| r.value["hours"].as_f64().unwrap_or(0.0))
        .sum();
    use crate::registers::naming::grouped;
    ui.label((crate::i18n::desk::text(cx.lang).service_totals)(
        &grouped(shown.len() as i64),
        &grouped(person_times),
        &format!("{hours:.1}"),
    ));
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
    use crate::registers::naming::yuan;
    ui.label((cx.t.fund_totals)(
        &yuan(crate::domain::Money(income)),
        &yuan(crate::domain::Money(expense)),
        &yuan(crate::domain::Money(income - expense)),
    ));
}
