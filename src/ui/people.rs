//! 人员: everyone in the registers. The table asks the store for one page of 200 rows at
//! a time and draws only the rows in view, so 100,000 people scroll as smoothly as 100.
//! Search as you type (name, ID number, phone), filters, sortable columns; a click opens
//! the person's page with their qualifications, enrolments, apprenticeships, awards and
//! change history.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc::{Receiver, Sender, channel};

use uuid::Uuid;

use super::Cx;
use crate::app::Command;
use crate::domain::grade::SkillGrade;
use crate::domain::person::Person;
use crate::domain::training::Programme;
use crate::domain::{Id, RecordKind};
use crate::i18n::{Labelled, Lang, Localize, field_label};
use crate::store::{PeopleQuery, PeopleSort, PersonRow};

/// Rows fetched per query.
const PAGE: u64 = 200;

/// A page of the people list asked of the worker thread.
struct Request {
    generation: u64,
    query: PeopleQuery,
    page: u64,
}

/// Its answer.
struct Answer {
    generation: u64,
    page: u64,
    result: Result<crate::store::PeoplePage, String>,
}

/// Answers the people list's queries on its own thread and connection, so typing a search
/// never waits for the database: the table keeps showing the last answer until the new
/// one arrives. Requests of an older search still queued are skipped.
struct Worker {
    requests: Sender<Request>,
    answers: Receiver<Answer>,
}

impl Worker {
    fn spawn(cx: &Cx, ctx: &egui::Context) -> Worker {
        let (requests, inbox) = channel::<Request>();
        let (outbox, answers) = channel();
        let opener = cx.opener.clone();
        let lang = cx.lang;
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let store = opener.open();
            while let Ok(first) = inbox.recv() {
                let mut batch = vec![first];
                batch.extend(inbox.try_iter());
                let newest = batch.iter().map(|r| r.generation).max().unwrap_or(0);
                for r in batch.into_iter().filter(|r| r.generation == newest) {
                    let q = PeopleQuery {
                        offset: r.page * PAGE,
                        limit: PAGE,
                        ..r.query
                    };
                    let result = match &store {
                        Ok(store) => store.people_page(&q).map_err(|e| e.localize(lang)),
                        Err(e) => Err(e.localize(lang)),
                    };
                    let answer = Answer {
                        generation: r.generation,
                        page: r.page,
                        result,
                    };
                    if outbox.send(answer).is_err() {
                        return;
                    }
                    ctx.request_repaint();
                }
            }
        });
        Worker { requests, answers }
    }
}

/// The people screen's state.
#[derive(Default)]
pub struct PeopleState {
    /// Search, filters and order (saved between runs).
    pub query: PeopleQuery,
    /// The person whose page is open.
    pub person: Option<Uuid>,
    /// Only people trained, taught or apprenticed by the chosen organisation.
    pub only_org: bool,
    worker: Option<Worker>,
    /// Bumped when the search, filters, order or records change.
    generation: u64,
    /// The generation the shown rows belong to.
    shown: u64,
    pages: HashMap<u64, Vec<PersonRow>>,
    requested: HashSet<u64>,
    total: u64,
    /// The query and data version the current generation is for.
    loaded: Option<(PeopleQuery, u64)>,
    error: Option<String>,
}

impl PeopleState {
    /// How many people match the search and filters (as last answered).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Every page asked for has been answered and the rows shown are the current search's.
    pub fn settled(&self) -> bool {
        self.requested.is_empty() && self.shown == self.generation
    }

    fn ask(&mut self, page: u64) {
        if self.requested.insert(page)
            && let Some(w) = &self.worker
        {
            let request = Request {
                generation: self.generation,
                query: self.query.clone(),
                page,
            };
            if w.requests.send(request).is_err() {
                self.worker = None;
            }
        }
    }

    /// Stops the reader thread (it closes its connection); the next draw starts another
    /// and asks again.
    pub fn close_worker(&mut self) {
        self.worker = None;
        self.requested.clear();
        self.loaded = None;
    }

    /// The row at a position; asks for its page when it has not arrived.
    fn row(&mut self, index: u64) -> Option<&PersonRow> {
        let page = index / PAGE;
        if !self.pages.contains_key(&page) {
            self.ask(page);
            return None;
        }
        self.pages.get(&page)?.get((index % PAGE) as usize)
    }

    /// Takes the worker's answers; starts a new search when the query or records changed.
    fn refresh(&mut self, cx: &Cx, ctx: &egui::Context) {
        if self.worker.is_none() {
            self.worker = Some(Worker::spawn(cx, ctx));
            self.loaded = None;
        }
        let mut q = self.query.clone();
        q.org = if self.only_org { cx.org_id() } else { None };
        q.offset = 0;
        q.limit = PAGE;
        self.query = q.clone();
        if self.loaded.as_ref() != Some(&(q.clone(), cx.version)) {
            self.loaded = Some((q, cx.version));
            self.generation += 1;
            self.requested.clear();
            self.ask(0);
        }
        let answers: Vec<Answer> = match &self.worker {
            Some(w) => w.answers.try_iter().collect(),
            None => Vec::new(),
        };
        for a in answers {
            if a.generation != self.generation {
                continue;
            }
            self.requested.remove(&a.page);
            if self.shown != a.generation {
                // The first answer of a new search replaces what was shown.
                self.pages.clear();
                self.shown = a.generation;
            }
            match a.result {
                Ok(page) => {
                    self.total = page.total;
                    self.pages.insert(a.page, page.rows);
                    self.error = None;
                }
                Err(e) => {
                    self.error = Some(e);
                    self.pages.insert(a.page, Vec::new());
                }
            }
        }
    }
}

fn grade_label(g: SkillGrade, lang: Lang) -> String {
    match lang {
        Lang::Zh => g.label_zh().to_string(),
        Lang::En => g.label_en(),
    }
}

pub fn show(ui: &mut egui::Ui, cx: &mut Cx, state: &mut PeopleState) {
    if let Some(id) = state.person {
        person_page(ui, cx, state, id);
        return;
    }
    let t = cx.t;
    filters(ui, cx, state);
    state.refresh(cx, ui.ctx());
    if let Some(e) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    let columns: [(&str, Option<PeopleSort>); 7] = [
        ("name", Some(PeopleSort::Name)),
        ("doc_number", Some(PeopleSort::DocNumber)),
        ("sex", None),
        ("birth_date", Some(PeopleSort::BirthDate)),
        ("top_grade", Some(PeopleSort::Grade)),
        ("phone", None),
        ("employer", None),
    ];
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let mut clicked = None;
    let mut sort_by = None;
    let total = state.total as usize;
    let mut builder = egui_extras::TableBuilder::new(ui)
        .id_salt("people")
        .striped(true)
        .sense(egui::Sense::click())
        .auto_shrink([false, false]);
    // Widths that fit a name, a masked 18-character ID number, a date, a grade, a phone.
    for width in [90.0, 175.0, 48.0, 100.0, 120.0, 120.0] {
        builder = builder.column(
            egui_extras::Column::initial(width)
                .at_least(40.0)
                .clip(true)
                .resizable(true),
        );
    }
    builder
        .column(egui_extras::Column::remainder().clip(true))
        .header(row_height + 4.0, |mut header| {
            for (field, sort) in columns {
                header.col(|ui| {
                    let title = if field == "top_grade" {
                        t.top_grade.to_string()
                    } else {
                        field_label("person", field_static(field), cx.lang).to_string()
                    };
                    let arrow = match sort {
                        Some(s) if s == state.query.sort => {
                            if state.query.descending {
                                " ▼"
                            } else {
                                " ▲"
                            }
                        }
                        _ => "",
                    };
                    let r = ui.add(
                        egui::Button::new(egui::RichText::new(format!("{title}{arrow}")).strong())
                            .frame(false),
                    );
                    if r.clicked() && sort.is_some() {
                        sort_by = sort;
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, total, |mut row| {
                let index = row.index() as u64;
                let Some(p) = state.row(index).cloned() else {
                    row.col(|ui| {
                        ui.weak("…");
                    });
                    return;
                };
                let cells = [
                    p.name.clone(),
                    crate::domain::identity::mask_document_number(&p.doc_number),
                    match cx.lang {
                        Lang::Zh => p.sex.name_zh(),
                        Lang::En => p.sex.name_en(),
                    }
                    .to_string(),
                    p.birth_date.to_string(),
                    p.top_grade.map(|g| grade_label(g, cx.lang)).unwrap_or_default(),
                    p.phone.clone().unwrap_or_default(),
                    p.employer.clone().unwrap_or_default(),
                ];
                for c in cells {
                    row.col(|ui| {
                        ui.add(egui::Label::new(c).selectable(false).truncate());
                    });
                }
                if row.response().clicked() {
                    clicked = Some(p.id.uuid());
                }
            });
        });
    if let Some(sort) = sort_by {
        if state.query.sort == sort {
            state.query.descending = !state.query.descending;
        } else {
            state.query.sort = sort;
            state.query.descending = false;
        }
    }
    if let Some(id) = clicked {
        cx.send(Command::ShowPerson(id));
    }
}

/// Person fields as `'static` names for the label lookup.
fn field_static(field: &str) -> &'static str {
    ["name", "doc_number", "sex", "birth_date", "phone", "employer"]
        .into_iter()
        .find(|f| *f == field)
        .unwrap_or("name")
}

fn filters(ui: &mut egui::Ui, cx: &mut Cx, state: &mut PeopleState) {
    let t = cx.t;
    let q = &mut state.query;
    ui.horizontal_wrapped(|ui| {
        let r = ui.add(
            egui::TextEdit::singleline(&mut q.text)
                .hint_text(crate::ui::hint(t.people_search_hint))
                .desired_width(220.0)
                .id_salt("people-search"),
        );
        if cx.focus_search {
            r.request_focus();
            cx.focus_search = false;
        }
        // The highest grade, exactly; or every high-skill talent (三级及以上).
        let d = crate::i18n::desk::text(cx.lang);
        let chosen = (q.grade, q.grade_and_above);
        let high_skill = (Some(SkillGrade::Senior), true);
        let selected = match chosen {
            (None, _) => t.any_grade.to_string(),
            c if c == high_skill => d.high_skill.to_string(),
            (Some(g), true) => (d.grade_and_above)(&grade_label(g, cx.lang)),
            (Some(g), false) => (d.highest_grade_is)(&grade_label(g, cx.lang)),
        };
        let mut choice = chosen;
        egui::ComboBox::from_id_salt("grade")
            .selected_text(selected)
            .width(140.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut choice, (None, false), t.any_grade);
                ui.selectable_value(&mut choice, high_skill, d.high_skill);
                ui.separator();
                ui.weak(t.top_grade);
                for g in SkillGrade::ALL {
                    ui.selectable_value(&mut choice, (Some(g), false), grade_label(g, cx.lang));
                }
            });
        (q.grade, q.grade_and_above) = choice;
        egui::ComboBox::from_id_salt("programme")
            .selected_text(q.programme.map_or(t.any_programme, |p| p.label(cx.lang)))
            .width(140.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut q.programme, None, t.any_programme);
                for p in Programme::ALL {
                    ui.selectable_value(&mut q.programme, Some(*p), p.label(cx.lang));
                }
            });
        let mut occupation = q.occupation.clone().unwrap_or_default();
        if ui
            .add(
                egui::TextEdit::singleline(&mut occupation)
                    .hint_text(crate::ui::hint(t.occupation_filter_hint))
                    .desired_width(110.0),
            )
            .changed()
        {
            q.occupation = Some(occupation.trim().to_string()).filter(|s| !s.is_empty());
        }
        let mut division = q.division.clone().unwrap_or_default();
        if ui
            .add(
                egui::TextEdit::singleline(&mut division)
                    .hint_text(crate::ui::hint(t.division_filter_hint))
                    .desired_width(90.0),
            )
            .changed()
        {
            q.division = Some(division.trim().to_string()).filter(|s| !s.is_empty());
        }
        let mut by_year = q.year.is_some();
        if ui.checkbox(&mut by_year, (t.trained_in_year)(cx.year)).changed() {
            q.year = by_year.then_some(cx.year);
        }
        if q.year.is_some() {
            q.year = Some(cx.year);
        }
        ui.checkbox(&mut state.only_org, t.only_this_org);
        ui.label((t.people_found)(state.total));
        if ui
            .button(format!("+ {}", t.new))
            .on_hover_text("Ctrl+N")
            .clicked()
        {
            cx.send(Command::New {
                kind: RecordKind::Person,
                preset: serde_json::Value::Null,
            });
        }
        super::import::export_button(ui, cx, || crate::app::import::ExportRequest {
            kind: crate::sheets::export::ExportKind::People,
            ids: Vec::new(),
            query: Some(q.clone()),
            count: state.total as usize,
        });
    });
}

fn person_page(ui: &mut egui::Ui, cx: &mut Cx, state: &mut PeopleState, id: Uuid) {
    let t = cx.t;
    let lang = cx.lang;
    if ui.button(format!("← {}", t.back_to_people)).clicked() {
        state.person = None;
        return;
    }
    let person = match cx.store.get::<Person>(Id::from_uuid(id)) {
        Ok(p) => p,
        Err(e) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                crate::i18n::Localize::localize(&e, lang),
            );
            return;
        }
    };
    let p = &person.record;
    ui.horizontal(|ui| {
        ui.heading(&p.name);
        if ui.button(t.edit).clicked() {
            cx.send(Command::Open {
                kind: RecordKind::Person,
                id,
            });
        }
    });
    ui.label(format!(
        "{}  ·  {}  ·  {}  ·  {}",
        p.masked_doc_number(),
        match lang {
            Lang::Zh => p.sex.name_zh(),
            Lang::En => p.sex.name_en(),
        },
        p.birth_date,
        p.employer.as_deref().unwrap_or("")
    ));
    let records = match cx.store.person_records(person.id) {
        Ok(r) => r,
        Err(e) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                crate::i18n::Localize::localize(&e, lang),
            );
            return;
        }
    };
    let mut open = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            section(ui, t.qualifications, records.qualifications.len(), |ui| {
                for q in &records.qualifications {
                    let occ = crate::domain::codes::occupation(&q.record.occupation).map_or("", |o| o.name);
                    let line = format!(
                        "{}  {} {}  {}  {}",
                        q.record.issued_on,
                        q.record.occupation,
                        occ,
                        grade_label(q.record.grade, lang),
                        q.record.cert_number.as_deref().unwrap_or("")
                    );
                    if ui.link(line).clicked() {
                        open = Some((RecordKind::Qualification, q.id.uuid()));
                    }
                }
                if ui.small_button(format!("+ {}", t.add_qualification)).clicked() {
                    cx.commands.push(Command::New {
                        kind: RecordKind::Qualification,
                        preset: crate::app::command::preset("person", id),
                    });
                }
            });
            section(ui, t.enrolments, records.enrolments.len(), |ui| {
                for (e, cohort) in &records.enrolments {
                    let line = format!(
                        "{}  {}  {}",
                        e.record.enrolled_on,
                        cohort.as_ref().map_or("", |c| c.record.name.as_str()),
                        e.record.status.label(lang)
                    );
                    if ui.link(line).clicked() {
                        open = Some((RecordKind::Enrolment, e.id.uuid()));
                    }
                }
            });
            section(ui, t.apprenticeships, records.apprenticeships.len(), |ui| {
                for a in &records.apprenticeships {
                    let role = if a.record.master == person.id {
                        t.as_master
                    } else {
                        t.as_apprentice
                    };
                    let line = format!("{}  {role}  {}", a.record.start_date, a.record.status.label(lang));
                    if ui.link(line).clicked() {
                        open = Some((RecordKind::Apprenticeship, a.id.uuid()));
                    }
                }
            });
            section(ui, t.awards, records.awards.len(), |ui| {
                for a in &records.awards {
                    if ui
                        .link(format!("{}  {}", a.record.date, a.record.title))
                        .clicked()
                    {
                        open = Some((RecordKind::Award, a.id.uuid()));
                    }
                }
            });
            section(ui, t.teaching, records.teaching.len(), |ui| {
                for a in &records.teaching {
                    if ui
                        .link(format!(
                            "{}  {}",
                            a.record.kind.label(lang),
                            a.record.title.as_deref().unwrap_or("")
                        ))
                        .clicked()
                    {
                        open = Some((RecordKind::Teacher, a.id.uuid()));
                    }
                }
            });
            super::form::history(ui, cx.store, id, lang, t);
        });
    if let Some((kind, id)) = open {
        cx.send(Command::Open { kind, id });
    }
}

fn section(ui: &mut egui::Ui, title: &str, count: usize, body: impl FnOnce(&mut egui::Ui)) {
    egui::CollapsingHeader::new(format!("{title} ({count})"))
        .default_open(true)
        .show(ui, body);
}
