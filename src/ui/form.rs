//! The form every register is edited in. It edits a copy (text buffers), and Save turns
//! the buffers into a record: a value that is not a date or a number is reported next to
//! its field before anything else; then the store normalises and validates the record and
//! writes nothing when it has errors, whose messages also land next to their fields.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::app::Command;
use crate::domain::identity::DocType;
use crate::domain::person::Person;
use crate::domain::{Id, RecordKind, Today};
use crate::i18n::ui::{UiText, text};
use crate::i18n::{Labelled, Lang, Localize, field_label};
use crate::registers::fields::{CodeList, Field, Input, fields};
use crate::registers::records::{self, AnyRecord, SaveError, value_text};
use crate::store::{PeopleQuery, Scope, Store, StoreError};

/// A person's own records one field offers, for the person they were loaded for.
struct PersonChoices {
    field: &'static str,
    person: String,
    options: Vec<(Uuid, String)>,
}

/// An open form.
pub struct Editor {
    pub kind: RecordKind,
    /// The record edited; none for a new one.
    pub id: Option<Uuid>,
    pub lang: Lang,
    fields: Vec<Field>,
    /// What is typed in each field (booleans as `true`/`false`, codes as codes, references
    /// as ids, money in yuan).
    pub values: BTreeMap<&'static str, String>,
    /// Messages shown under each field.
    pub errors: BTreeMap<&'static str, Vec<String>>,
    /// Messages that belong to no single field.
    pub general: Vec<String>,
    /// The search typed into each picker (people, codes).
    search: BTreeMap<&'static str, String>,
    /// Records other fields refer to, loaded once per form.
    choices: HashMap<RecordKind, Vec<(Uuid, String)>>,
    /// The chosen person's own records a field offers (an enrolment's certificates, a
    /// certificate's enrolments), for the person they were loaded for.
    person_choices: Option<PersonChoices>,
    /// Commands a field sent while the form was drawn (a new certificate's form).
    pending: Vec<Command>,
    today: Today,
    /// Put the keyboard in the first field when the form opens.
    focus_first: bool,
    /// The buffers as the form opened: anything else is a change not yet saved.
    original: BTreeMap<&'static str, String>,
    /// Closing was asked while the form had changes: the form asks before discarding
    /// them.
    pub asking_discard: bool,
    /// What was asked for when the form asked (another screen, another record): done
    /// once the changes are discarded.
    pub after_discard: Option<Box<Command>>,
    /// The record's evidence (issue 18).
    attachments: crate::ui::attachments::Panel,
}

impl Editor {
    /// A form for a new record: the chosen organisation filled in, the preset applied,
    /// yes/no fields at no and closed lists at their first value.
    pub fn new_record(
        kind: RecordKind,
        preset: Value,
        org: Option<Uuid>,
        today: Today,
        lang: Lang,
    ) -> Editor {
        let fields = fields(kind);
        let mut values = BTreeMap::new();
        for f in &fields {
            let v = match f.input {
                Input::Bool => "false".to_string(),
                Input::Choice(list) if f.required && !chosen_on_purpose(f.name) => {
                    list(lang).first().map(|c| c.0.to_string()).unwrap_or_default()
                }
                Input::Ref(RecordKind::Organisation) if f.required => {
                    org.map(|o| o.to_string()).unwrap_or_default()
                }
                _ => String::new(),
            };
            values.insert(f.name, v);
        }
        if let Value::Object(map) = preset {
            for f in &fields {
                if let Some(v) = map.get(f.name) {
                    values.insert(f.name, to_text(f.input, v));
                }
            }
        }
        let values_snapshot = values.clone();
        Editor {
            kind,
            id: None,
            lang,
            fields,
            values,
            errors: BTreeMap::new(),
            general: Vec::new(),
            search: BTreeMap::new(),
            choices: HashMap::new(),
            person_choices: None,
            pending: Vec::new(),
            today,
            focus_first: true,
            original: values_snapshot.clone(),
            asking_discard: false,
            after_discard: None,
            attachments: Default::default(),
        }
    }

    /// A form over a stored record.
    pub fn edit(record: AnyRecord, lang: Lang) -> Editor {
        let fields = fields(record.kind);
        let values: BTreeMap<&'static str, String> = fields
            .iter()
            .map(|f| (f.name, to_text(f.input, &record.value[f.name])))
            .collect();
        Editor {
            original: values.clone(),
            asking_discard: false,
            after_discard: None,
            attachments: Default::default(),
            kind: record.kind,
            id: Some(record.id),
            lang,
            fields,
            values,
            errors: BTreeMap::new(),
            general: Vec::new(),
            search: BTreeMap::new(),
            choices: HashMap::new(),
            person_choices: None,
            pending: Vec::new(),
            today: Today::now(),
            focus_first: true,
        }
    }

    /// Whether anything was changed since the form opened (or was last saved).
    pub fn is_changed(&self) -> bool {
        self.values.iter().any(|(k, v)| {
            self.original
                .get(k)
                .map_or(!v.trim().is_empty(), |o| o.trim() != v.trim())
        })
    }

    /// Sets a field as if typed (tests, and pickers).
    pub fn set(&mut self, field: &'static str, value: &str) {
        self.values.insert(field, value.to_string());
        self.after_edit(field);
    }

    /// The buffers as the record's JSON object, or `None` with messages next to each
    /// field whose text is not of its type.
    pub fn to_value(&mut self) -> Option<Value> {
        let t = text(self.lang);
        self.errors.clear();
        self.general.clear();
        let mut map = Map::new();
        // A citizen ID number is checked first: its message stands beside it, and the
        // fields it gives (birth date, sex) are never "required" while it is there.
        let derived_from_id = self.check_citizen_id();
        for f in &self.fields {
            let raw = self.values.get(f.name).map(|s| s.trim()).unwrap_or("");
            if raw.is_empty() && derived_from_id && DERIVED_FROM_ID.contains(&f.name) {
                continue;
            }
            let parsed = parse(f, raw, t);
            match parsed {
                Ok(v) => {
                    map.insert(f.name.to_string(), v);
                }
                Err(message) => self.errors.entry(f.name).or_default().push(message),
            }
        }
        self.errors.is_empty().then_some(Value::Object(map))
    }

    /// A person's citizen ID number, when one is typed: fills the fields it gives where
    /// they are empty, or puts its error beside it. True when a number is there (the
    /// fields it gives are then not asked for on their own).
    fn check_citizen_id(&mut self) -> bool {
        if self.kind != RecordKind::Person
            || self.values.get("doc_type").map(String::as_str) != Some(DocType::CitizenId.code())
        {
            return false;
        }
        let number = self.values.get("doc_number").cloned().unwrap_or_default();
        if number.trim().is_empty() {
            return false;
        }
        match crate::domain::identity::parse_citizen_id(&number, self.today.0) {
            Ok(info) => {
                for (field, value) in [
                    ("birth_date", info.birth_date.to_string()),
                    ("sex", info.sex.code().to_string()),
                ] {
                    if self.values.get(field).is_none_or(|v| v.trim().is_empty()) {
                        self.values.insert(field, value);
                    }
                }
            }
            Err(e) => self
                .errors
                .entry("doc_number")
                .or_default()
                .push(e.localize(self.lang)),
        }
        true
    }

    /// Puts a failed save's messages next to the fields they are about.
    pub fn show_error(&mut self, e: &SaveError) {
        let lang = self.lang;
        self.errors.clear();
        self.general.clear();
        let names: Vec<&'static str> = self.fields.iter().map(|f| f.name).collect();
        let mut at = |field: &str, message: String| match names.iter().find(|n| **n == field) {
            Some(name) => self.errors.entry(name).or_default().push(message),
            None => self.general.push(message),
        };
        match e {
            SaveError::Store(StoreError::Invalid(verdict)) => {
                for issue in verdict.errors() {
                    if issue.kind == self.kind {
                        at(
                            issue.field,
                            crate::i18n::problem(&issue.problem, issue.kind.code(), lang),
                        );
                    } else {
                        // A linked record's problem (a certificate set on an enrolment):
                        // named with its register and field.
                        at("", issue.localize(lang));
                    }
                }
            }
            SaveError::Store(err @ StoreError::DuplicateEnrolment { .. }) => at("person", err.localize(lang)),
            SaveError::Store(
                err @ (StoreError::CertificateOfAnotherPerson { .. }
                | StoreError::CertificateTaken { .. }
                | StoreError::EnrolmentHasCertificate { .. }),
            ) => {
                let field = if self.kind == RecordKind::Enrolment {
                    "qualification"
                } else {
                    "enrolment"
                };
                at(field, err.localize(lang))
            }
            SaveError::Store(err @ StoreError::DuplicatePerson { .. }) => {
                at("doc_number", err.localize(lang))
            }
            SaveError::Store(err @ StoreError::MissingReference { field, .. }) => {
                at(field, err.localize(lang))
            }
            SaveError::Store(err) => at("", err.localize(lang)),
            SaveError::Shape(message) => at("", message.clone()),
        }
    }

    /// Warnings about a field while it is typed, before and after saving (a save is not
    /// refused for them): a certificate number that is not its type's usual format, or
    /// whose grade, year or province disagrees with the form (`domain::cert_number`).
    fn warnings(&self, field: &str) -> Vec<String> {
        use crate::domain::training::CertType;
        if self.kind != RecordKind::Qualification || field != "cert_number" {
            return Vec::new();
        }
        let value = |name: &str| self.values.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
        let (Some(number), Some(cert_type), Some(grade), Some(issued)) = (
            value("cert_number"),
            value("cert_type").and_then(CertType::from_code),
            value("grade").and_then(crate::domain::grade::SkillGrade::from_code),
            value("issued_on").and_then(crate::domain::text::parse_date_loose),
        ) else {
            return Vec::new();
        };
        let number = crate::domain::text::normalise_code(number);
        let province = value("enrolment").map(|_| crate::domain::cert_number::INNER_MONGOLIA);
        crate::domain::cert_number::check(cert_type, &number, grade, issued, province)
            .into_iter()
            .map(|issue| {
                crate::i18n::problem(
                    &crate::domain::check::Problem::CertNumber(issue),
                    self.kind.code(),
                    self.lang,
                )
            })
            .collect()
    }

    /// Keeps derived fields in step: a citizen ID number gives the birth date, the sex and
    /// (when empty) the division, so they are never typed twice.
    fn after_edit(&mut self, field: &str) {
        if self.kind != RecordKind::Person || field != "doc_number" {
            return;
        }
        if self.values.get("doc_type").map(String::as_str) != Some(DocType::CitizenId.code()) {
            return;
        }
        let number = self.values.get("doc_number").cloned().unwrap_or_default();
        if let Ok(info) = crate::domain::identity::parse_citizen_id(&number, self.today.0) {
            self.values.insert("birth_date", info.birth_date.to_string());
            self.values.insert("sex", info.sex.code().to_string());
            if self.values.get("division").is_none_or(|d| d.trim().is_empty()) {
                self.values.insert("division", info.address_code.clone());
            }
        }
    }

    /// Draws the form. Buttons and shortcuts push commands.
    /// A record of a year whose return was submitted: saving it changes that year, so the
    /// form says when the year was submitted and that the next return is a correction.
    fn submitted_year(&self, ui: &mut egui::Ui, store: &Store, org: Option<Uuid>) {
        let (Some(field), Some(org)) = (crate::registers::naming::year_field(self.kind), org) else {
            return;
        };
        let Some(year) = self
            .values
            .get(field)
            .and_then(|v| v.trim().get(..4))
            .and_then(|y| y.parse::<i32>().ok())
        else {
            return;
        };
        if let Ok(Some(s)) = store.latest_submission(crate::domain::Id::from_uuid(org), year) {
            let at = s
                .submitted_at
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                (crate::i18n::exchange::text(self.lang).submitted_year)(year, &at),
            );
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, store: &Store, org: Option<Uuid>, commands: &mut Vec<Command>) {
        let t = text(self.lang);
        let title = if self.id.is_some() {
            t.edit_title
        } else {
            t.new_title
        };
        ui.heading(format!("{title} · {}", self.kind.label(self.lang)));
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .max_height(ui.available_height() - 48.0)
            .show(ui, |ui| {
                for message in &self.general {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
                self.submitted_year(ui, store, org);
                egui::Grid::new(("form", self.kind.code()))
                    .num_columns(2)
                    .spacing([12.0, 10.0])
                    .striped(false)
                    .show(ui, |ui| {
                        let fields = self.fields.clone();
                        for (i, f) in fields.iter().enumerate() {
                            let label = field_label(self.kind.code(), f.name, self.lang);
                            let label = if f.required {
                                format!("{label} *")
                            } else {
                                label.to_string()
                            };
                            let label_id = ui.label(label).id;
                            ui.vertical(|ui| {
                                let response = self.input(ui, f, store, org, t, label_id);
                                if i == 0 && self.focus_first {
                                    if let Some(r) = response {
                                        r.request_focus();
                                    }
                                    self.focus_first = false;
                                }
                                if let Some(messages) = self.errors.get(f.name) {
                                    for m in messages {
                                        ui.colored_label(ui.visuals().error_fg_color, m);
                                    }
                                }
                                for m in self.warnings(f.name) {
                                    ui.colored_label(ui.visuals().warn_fg_color, m);
                                }
                            });
                            ui.end_row();
                        }
                    });
                self.attachments
                    .ui(ui, store, self.kind, self.id, self.lang, &mut self.pending);
                if let Some(id) = self.id {
                    history(ui, store, id, self.lang, t);
                }
            });
        commands.append(&mut self.pending);
        ui.separator();
        if self.asking_discard {
            let d = crate::i18n::desk::text(self.lang);
            ui.colored_label(ui.visuals().warn_fg_color, d.discard_question);
            ui.horizontal(|ui| {
                if ui.button(d.discard).clicked() {
                    commands.push(Command::Discard);
                }
                if ui.button(d.keep_editing).clicked() {
                    commands.push(Command::KeepEditing);
                }
            });
            return;
        }
        ui.horizontal(|ui| {
            if ui.button(t.save).on_hover_text("Ctrl+S").clicked() {
                commands.push(Command::Save);
            }
            if ui.button(t.cancel).on_hover_text("Esc").clicked() {
                commands.push(Command::Cancel);
            }
            if let Some(id) = self.id {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(t.delete).clicked() {
                        let name = crate::registers::naming::record_name(store, self.kind, id, self.lang);
                        commands.push(Command::AskDelete {
                            kind: self.kind,
                            id,
                            name,
                        });
                    }
                });
            }
        });
    }

    /// One field's input; returns the response of its text box (to focus it).
    fn input(
        &mut self,
        ui: &mut egui::Ui,
        f: &Field,
        store: &Store,
        org: Option<Uuid>,
        t: &UiText,
        label_id: egui::Id,
    ) -> Option<egui::Response> {
        let lang = self.lang;
        let name = f.name;
        let label = field_label(self.kind.code(), name, lang);
        let value = self.values.entry(name).or_default();
        match f.input {
            Input::Text | Input::Int | Input::Float | Input::Money | Input::Date => {
                let hint = match f.input {
                    Input::Date => t.date_hint,
                    Input::Money => t.money_hint,
                    _ => "",
                };
                let r = ui.add(
                    egui::TextEdit::singleline(value)
                        .hint_text(crate::ui::hint(hint))
                        .desired_width(260.0)
                        .id_salt(("field", name)),
                );
                let r = r.labelled_by(label_id);
                if r.changed() {
                    self.after_edit(name);
                }
                Some(r)
            }
            Input::LongText => Some(
                ui.add(
                    egui::TextEdit::multiline(value)
                        .desired_rows(3)
                        .desired_width(260.0)
                        .id_salt(("field", name)),
                )
                .labelled_by(label_id),
            ),
            Input::Bool => {
                let mut b = value == "true";
                if ui.checkbox(&mut b, label).changed() {
                    *value = b.to_string();
                }
                None
            }
            Input::Choice(list) => {
                let options = list(lang);
                let current = options
                    .iter()
                    .find(|(code, _)| *code == value.as_str())
                    .map_or(t.none_chosen.to_string(), |(_, l)| l.clone());
                let combo = egui::ComboBox::from_id_salt(("choice", name))
                    .selected_text(current)
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        if !f.required {
                            ui.selectable_value(value, String::new(), t.none_chosen);
                        }
                        for (code, l) in &options {
                            ui.selectable_value(value, code.to_string(), l);
                        }
                    });
                combo.response.labelled_by(label_id);
                None
            }
            Input::Code(list) => {
                let r = ui
                    .add(
                        egui::TextEdit::singleline(value)
                            .hint_text(crate::ui::hint(t.code_hint))
                            .desired_width(260.0)
                            .id_salt(("field", name)),
                    )
                    .labelled_by(label_id);
                let typed = value.trim().to_string();
                match code_name(list, &typed) {
                    Some(n) => {
                        ui.weak(n);
                    }
                    None if !typed.is_empty() => {
                        let matches = code_matches(list, &typed, 8);
                        if matches.is_empty() {
                            ui.weak(t.no_match);
                        }
                        ui.horizontal_wrapped(|ui| {
                            for (code, n) in matches {
                                if ui.small_button(format!("{code} {n}")).clicked() {
                                    *value = code.to_string();
                                }
                            }
                        });
                    }
                    None => {}
                }
                Some(r)
            }
            Input::Ref(RecordKind::Person) => {
                self.person_picker(ui, name, store, t);
                None
            }
            Input::Ref(target @ (RecordKind::Qualification | RecordKind::Enrolment))
                if matches!(
                    (self.kind, name),
                    (RecordKind::Enrolment, "qualification") | (RecordKind::Qualification, "enrolment")
                ) =>
            {
                self.own_records_picker(ui, f, store, t, label_id, target);
                None
            }
            Input::Ref(RecordKind::PlanStage) if self.kind == RecordKind::LogEntry => {
                // Only the stages of the entry's own apprenticeship's plan.
                let apprenticeship = self
                    .values
                    .get("apprenticeship")
                    .and_then(|v| v.parse::<Uuid>().ok());
                let options: Vec<(Uuid, String)> = apprenticeship
                    .and_then(|a| store.plan_of(crate::domain::Id::from_uuid(a)).ok())
                    .unwrap_or_default()
                    .iter()
                    .map(|s| (s.id.uuid(), format!("{} {}", s.record.seq, s.record.title)))
                    .collect();
                let value = self.values.entry(name).or_default();
                record_combo(ui, name, value, &options, !f.required, t, label_id);
                None
            }
            Input::Ref(target) => {
                let options = self
                    .choices
                    .entry(target)
                    .or_insert_with(|| load_choices(store, target, org));
                let value = self.values.entry(name).or_default();
                let before = value.clone();
                record_combo(ui, name, value, options, !f.required, t, label_id);
                if *value != before && self.kind == RecordKind::Cohort && name == "package" {
                    self.fill_from_package(store);
                }
                None
            }
        }
    }

    /// A cohort taught from a course package: its occupation, grade, mode and planned
    /// theory and practice hours are the package's (the user may still change them).
    fn fill_from_package(&mut self, store: &Store) {
        let Some(id) = self.values.get("package").and_then(|v| v.parse::<Uuid>().ok()) else {
            return;
        };
        let Ok(package) = store.get::<crate::domain::training::CoursePackage>(Id::from_uuid(id)) else {
            return;
        };
        let p = package.record;
        self.values.insert("occupation", p.occupation);
        self.values
            .insert("target_grade", p.target_grade.code().to_string());
        self.values.insert("mode", p.mode.code().to_string());
        self.values.insert("theory_hours", p.theory_hours.to_string());
        self.values.insert("practice_hours", p.practice_hours.to_string());
    }

    /// An enrolment's certificate, or a certificate's enrolment: only the chosen person's
    /// own (a certificate by date, occupation, grade and number; an enrolment by its
    /// cohort and dates). A saved enrolment also offers a new certificate from its
    /// cohort's occupation and grade.
    fn own_records_picker(
        &mut self,
        ui: &mut egui::Ui,
        f: &Field,
        store: &Store,
        t: &UiText,
        label_id: egui::Id,
        target: RecordKind,
    ) {
        let name = f.name;
        let person = self.values.get("person").cloned().unwrap_or_default();
        let stale = self
            .person_choices
            .as_ref()
            .is_none_or(|c| c.field != name || c.person != person);
        if stale {
            self.person_choices = Some(PersonChoices {
                field: name,
                person: person.clone(),
                options: own_records(store, target, &person, self.id, self.lang),
            });
        }
        let options = self
            .person_choices
            .as_ref()
            .map(|c| c.options.clone())
            .unwrap_or_default();
        let value = self.values.entry(name).or_default();
        record_combo(ui, name, value, &options, true, t, label_id);
        if options.is_empty() && target == RecordKind::Qualification && !person.is_empty() {
            ui.weak(t.no_certificates);
        }
        if target != RecordKind::Qualification {
            return;
        }
        match self.id {
            Some(enrolment) => {
                if ui.small_button(t.create_certificate).clicked()
                    && let Some(preset) = self.new_certificate(store, enrolment)
                {
                    self.pending.push(Command::New {
                        kind: RecordKind::Qualification,
                        preset,
                    });
                }
            }
            None => {
                ui.weak(t.save_enrolment_first);
            }
        }
    }

    /// A new certificate for this enrolment: its person, its cohort's occupation and
    /// target grade, dated on the completion (else the cohort's end).
    fn new_certificate(&self, store: &Store, enrolment: Uuid) -> Option<Value> {
        let cohort: Uuid = self.values.get("cohort")?.parse().ok()?;
        let cohort = store
            .get::<crate::domain::training::Cohort>(Id::from_uuid(cohort))
            .ok()?;
        let issued = self
            .values
            .get("completed_on")
            .and_then(|d| crate::domain::text::parse_date_loose(d))
            .unwrap_or(cohort.record.end_date);
        Some(serde_json::json!({
            "person": self.values.get("person")?,
            "occupation": cohort.record.occupation,
            "grade": cohort.record.target_grade.code(),
            "cert_type": crate::domain::training::CertType::SkillLevel.code(),
            "issued_on": issued.to_string(),
            "enrolment": enrolment.to_string(),
        }))
    }

    /// A person field: the chosen person's name, and a search over all people.
    fn person_picker(&mut self, ui: &mut egui::Ui, name: &'static str, store: &Store, t: &UiText) {
        let chosen = self
            .values
            .get(name)
            .and_then(|v| v.parse::<Uuid>().ok())
            .and_then(|id| store.get::<Person>(Id::from_uuid(id)).ok());
        ui.horizontal(|ui| {
            match &chosen {
                Some(p) => ui.label(format!("{}（{}）", p.record.name, p.record.masked_doc_number())),
                None => ui.weak(t.none_chosen),
            };
            if chosen.is_some() && ui.small_button("×").on_hover_text(t.clear).clicked() {
                self.values.insert(name, String::new());
            }
        });
        let search = self.search.entry(name).or_default();
        ui.add(
            egui::TextEdit::singleline(search)
                .hint_text(crate::ui::hint(t.person_search_hint))
                .desired_width(260.0)
                .id_salt(("search", name)),
        );
        let typed = search.trim().to_string();
        if typed.is_empty() {
            return;
        }
        let query = PeopleQuery {
            text: typed,
            limit: 8,
            ..PeopleQuery::default()
        };
        if let Ok(page) = store.people_page(&query) {
            for row in page.rows {
                let line = format!(
                    "{}  {}  {}",
                    row.name,
                    crate::domain::identity::mask_document_number(&row.doc_number),
                    row.birth_date
                );
                if ui.selectable_label(false, line).clicked() {
                    self.values.insert(name, row.id.uuid().to_string());
                    self.search.insert(name, String::new());
                }
            }
        }
    }
}

/// Closed lists a new form leaves unchosen, however required: which grade, which
/// programme is the user's choice, and a first value put there would pass unnoticed.
fn chosen_on_purpose(field: &str) -> bool {
    matches!(field, "grade" | "target_grade" | "max_grade" | "programme")
}

/// A person's fields a citizen ID number gives.
const DERIVED_FROM_ID: [&str; 2] = ["birth_date", "sex"];

/// A stored value as the text the form shows.
fn to_text(input: Input, v: &Value) -> String {
    match (input, v) {
        (_, Value::Null) => String::new(),
        (Input::Money, Value::Number(n)) => crate::domain::Money(n.as_i64().unwrap_or(0)).to_string(),
        _ => value_text(v),
    }
}

/// A field's text as the record's JSON value, or the message to show under it.
fn parse(f: &Field, raw: &str, t: &UiText) -> Result<Value, String> {
    if raw.is_empty() {
        return match (f.required, f.input) {
            (_, Input::Bool) => Ok(Value::Bool(false)),
            (true, _) => Err(t.required.to_string()),
            (false, _) => Ok(Value::Null),
        };
    }
    let raw_half = crate::domain::text::normalise(raw);
    match f.input {
        Input::Code(list) if code_name(list, raw).is_none() => Ok(Value::String(
            code_read(list, raw).map_or_else(|| raw.to_string(), str::to_string),
        )),
        Input::Text | Input::LongText | Input::Choice(_) | Input::Code(_) | Input::Ref(_) => {
            Ok(Value::String(raw.to_string()))
        }
        Input::Bool => Ok(Value::Bool(raw == "true")),
        Input::Date => crate::domain::text::parse_date_loose(&raw_half)
            .map(|d| Value::String(d.to_string()))
            .ok_or_else(|| t.bad_date.to_string()),
        Input::Int => raw_half
            .replace(',', "")
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(Value::from)
            .ok_or_else(|| t.bad_whole_number.to_string()),
        Input::Float => raw_half
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(Value::from)
            .ok_or_else(|| t.bad_number.to_string()),
        Input::Money => parse_fen(&raw_half)
            .map(Value::from)
            .ok_or_else(|| t.bad_money.to_string()),
    }
}

/// Yuan as typed (`1,234.5`, `¥80`) to fen, exactly.
pub fn parse_fen(s: &str) -> Option<i64> {
    let s = s.trim().trim_start_matches(['¥', '￥']).replace(',', "");
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, s),
    };
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let fen = whole.parse::<i64>().ok()?.checked_mul(100)? + format!("{frac:0<2}").parse::<i64>().ok()?;
    Some(if negative { -fen } else { fen })
}

pub use crate::registers::naming::code_name;

/// The code a typed word means, read as import reads a cell: a code, a name or an
/// everyday word (大专 → 31, 蒙古 → 02, 车工 → its occupation code).
pub fn code_read(list: CodeList, typed: &str) -> Option<&'static str> {
    use crate::domain::codes;
    match list {
        CodeList::Occupation => crate::sheets::import::find_occupation(typed).map(|o| o.code),
        CodeList::Ethnicity => codes::ethnicity_loose(typed).map(|e| e.code),
        CodeList::Education => codes::education_loose(typed).map(|e| e.code),
        CodeList::Division => None,
    }
}

/// Codes matching what was typed: first what import would read it as, then (for
/// education) the everyday words that begin with it, then codes that begin with it and
/// names that contain it.
fn code_matches(list: CodeList, typed: &str, limit: usize) -> Vec<(&'static str, &'static str)> {
    use crate::domain::codes;
    let hit = |code: &str, name: &str| code.starts_with(typed) || name.contains(typed);
    let all: Vec<(&'static str, &'static str)> = match list {
        CodeList::Occupation => codes::occupations().iter().map(|o| (o.code, o.name)).collect(),
        CodeList::Ethnicity => codes::ethnicities().iter().map(|e| (e.code, e.name)).collect(),
        CodeList::Education => codes::education_levels()
            .iter()
            .map(|e| (e.code, e.name))
            .collect(),
        CodeList::Division => codes::im_divisions().iter().map(|d| (d.code, d.name)).collect(),
    };
    let mut first: Vec<&'static str> = code_read(list, typed).into_iter().collect();
    if list == CodeList::Education {
        for (word, code) in codes::education_short_forms() {
            if word.starts_with(typed) && !first.contains(code) {
                first.push(code);
            }
        }
    }
    let named = first
        .iter()
        .filter_map(|code| all.iter().find(|(c, _)| c == code).copied());
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for m in named.chain(all.iter().copied().filter(|(c, n)| hit(c, n))) {
        if !out.contains(&m) {
            out.push(m);
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

/// A drop-down of records (`(id, how it is named)`) for a reference field whose buffer is
/// `value`; `optional` offers "none" first.
fn record_combo(
    ui: &mut egui::Ui,
    name: &'static str,
    value: &mut String,
    options: &[(Uuid, String)],
    optional: bool,
    t: &UiText,
    label_id: egui::Id,
) {
    let current = options
        .iter()
        .find(|(id, _)| id.to_string() == *value)
        .map_or(t.none_chosen.to_string(), |(_, l)| l.clone());
    let combo = egui::ComboBox::from_id_salt(("ref", name))
        .selected_text(current)
        .width(260.0)
        .height(320.0)
        .show_ui(ui, |ui| {
            if optional {
                ui.selectable_value(value, String::new(), t.none_chosen);
            }
            for (id, l) in options {
                ui.selectable_value(value, id.to_string(), l);
            }
        });
    combo.response.labelled_by(label_id);
}

/// The chosen person's records a field can point to: their certificates (not gained
/// through another enrolment), or their enrolments.
fn own_records(
    store: &Store,
    target: RecordKind,
    person: &str,
    this: Option<Uuid>,
    lang: Lang,
) -> Vec<(Uuid, String)> {
    let Ok(person) = person.parse::<Uuid>() else {
        return Vec::new();
    };
    let person = Id::from_uuid(person);
    match target {
        RecordKind::Qualification => store
            .certificates_of(person)
            .unwrap_or_default()
            .into_iter()
            .filter(|q| q.record.enrolment.is_none_or(|e| Some(e.uuid()) == this))
            .map(|q| {
                (
                    q.id.uuid(),
                    crate::ui::screens::certificate_label(&q.record, lang),
                )
            })
            .collect(),
        _ => store
            .enrolments_of(person)
            .unwrap_or_default()
            .into_iter()
            .map(|(e, cohort)| {
                let label = match cohort {
                    Some(c) => format!(
                        "{}（{} – {}）",
                        c.record.name, c.record.start_date, c.record.end_date
                    ),
                    None => e.record.enrolled_on.to_string(),
                };
                (e.id.uuid(), label)
            })
            .collect(),
    }
}

/// The records a reference field can point to (of the chosen organisation where the
/// register belongs to one).
fn load_choices(store: &Store, kind: RecordKind, org: Option<Uuid>) -> Vec<(Uuid, String)> {
    let scope = Scope {
        org: if crate::registers::fields::org_field(kind).is_some() {
            org
        } else {
            None
        },
        include_deleted: false,
    };
    match records::list(store, kind, &scope) {
        Ok(list) => list
            .iter()
            .map(|r| (r.id, records::display_name_in(store, r)))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The record's change history: who changed which field from what to what, and when
/// (ID and phone numbers masked, as every audit view shows them; the lines are the audit
/// trail's own, `sheets::audit::lines`).
pub fn history(ui: &mut egui::Ui, store: &Store, id: Uuid, lang: Lang, t: &UiText) {
    egui::CollapsingHeader::new(t.history)
        .id_salt(("history", id))
        .show(ui, |ui| match store.audit_for(&id.to_string()) {
            Ok(entries) if entries.is_empty() => {
                ui.weak(t.no_history);
            }
            Ok(entries) => {
                let lines = crate::sheets::audit::lines(store, &entries, false, lang);
                for e in entries.iter().rev() {
                    ui.label(
                        egui::RichText::new(format!(
                            "{} · {} · {}",
                            crate::i18n::local_time(&e.at),
                            crate::i18n::shown::value(&e.profile, lang),
                            action_label(&e.action, t)
                        ))
                        .strong(),
                    );
                    for l in lines.iter().filter(|l| l.seq == e.seq) {
                        let change = match &l.values {
                            Some((old, new)) => format!(
                                "{} → {}",
                                crate::i18n::shown::value(old, lang),
                                crate::i18n::shown::value(new, lang)
                            ),
                            None => crate::i18n::shown::value(&l.change, lang).into_owned(),
                        };
                        match (l.field.is_empty(), change.is_empty()) {
                            (true, true) => {}
                            (true, false) => {
                                ui.label(format!("  {change}"));
                            }
                            (false, _) => {
                                ui.label(format!("  {}: {change}", l.field));
                            }
                        }
                    }
                }
            }
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e.localize(lang));
            }
        });
}

fn action_label(action: &str, t: &UiText) -> &'static str {
    match action {
        "create" => t.action_insert,
        "update" => t.action_update,
        "delete" => t.action_delete,
        "restore" => t.action_restore,
        _ => t.action_other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_read_exactly_in_fen() {
        assert_eq!(parse_fen("1,234.5"), Some(123450));
        assert_eq!(parse_fen("¥80"), Some(8000));
        assert_eq!(parse_fen("0.07"), Some(7));
        assert_eq!(parse_fen("1.234"), None);
        assert_eq!(parse_fen("abc"), None);
    }
}
