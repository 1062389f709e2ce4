//! Any register to XLSX or CSV: the records as the screen shows them (labels for closed
//! lists, names for the records referred to, names for ethnic groups and education,
//! dates as dates), with the people list's filters; CSV in UTF-8 with a BOM so Excel
//! opens Chinese correctly. ID numbers and phone numbers are masked unless the user
//! explicitly asks for full data (issue 7's privacy rule). The people export carries
//! each person's latest qualification under the headers the importer reads, so an
//! export with full data can be imported back.

use std::collections::HashMap;
use std::path::Path;

use uuid::Uuid;

use super::Words;
use super::sheet::Cell;
use crate::domain::Labelled;
use crate::domain::identity::{mask_document_number, mask_phone};
use crate::domain::person::Person;
use crate::domain::{Id, RecordKind};
use crate::lang::Lang;
use crate::registers::fields::{self, CodeList, Digits, Input};
use crate::registers::records::{self, AnyRecord};
use crate::store::{PeopleQuery, Scope, Store, StoreError};

/// The file formats an export can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

impl ExportFormat {
    /// By the file's extension.
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(ExportFormat::Xlsx),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }
}

/// What can be exported: the people list (with its filters) or any other register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    People,
    Register(RecordKind),
}

/// The names `skillbase export --kind` takes, with the register each means. The five
/// import kinds are among them.
pub const EXPORT_KINDS: &[(&str, ExportKind)] = &[
    ("people", ExportKind::People),
    ("organisations", ExportKind::Register(RecordKind::Organisation)),
    ("qualifications", ExportKind::Register(RecordKind::Qualification)),
    ("packages", ExportKind::Register(RecordKind::CoursePackage)),
    ("cohorts", ExportKind::Register(RecordKind::Cohort)),
    ("enrolments", ExportKind::Register(RecordKind::Enrolment)),
    ("facilities", ExportKind::Register(RecordKind::Facility)),
    (
        "facility-occupations",
        ExportKind::Register(RecordKind::FacilityOccupation),
    ),
    ("capacity", ExportKind::Register(RecordKind::CapacityDeclaration)),
    ("services", ExportKind::Register(RecordKind::PublicService)),
    (
        "apprenticeships",
        ExportKind::Register(RecordKind::Apprenticeship),
    ),
    ("achievements", ExportKind::Register(RecordKind::Achievement)),
    ("teachers", ExportKind::Register(RecordKind::Teacher)),
    (
        "teacher-trainings",
        ExportKind::Register(RecordKind::TeacherTraining),
    ),
    ("competitions", ExportKind::Register(RecordKind::Competition)),
    ("awards", ExportKind::Register(RecordKind::Award)),
    ("funds", ExportKind::Register(RecordKind::Fund)),
];

impl ExportKind {
    pub fn from_code(code: &str) -> Option<ExportKind> {
        let code = code.trim().to_ascii_lowercase();
        EXPORT_KINDS
            .iter()
            .find(|(c, k)| *c == code || matches!(k, ExportKind::Register(r) if r.code() == code))
            .map(|(_, k)| *k)
    }

    pub fn code(self) -> &'static str {
        EXPORT_KINDS
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("people", |(c, _)| c)
    }
}

/// An export before it is written: a header row and the rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub sheet: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// How references and sensitive values are written.
struct Writer<'a> {
    store: &'a Store,
    full: bool,
    lang: Lang,
    people: HashMap<Uuid, String>,
    names: HashMap<Uuid, String>,
}

impl Writer<'_> {
    fn doc(&self, number: &str) -> String {
        if self.full {
            number.to_string()
        } else {
            mask_document_number(number)
        }
    }

    fn phone(&self, phone: &str) -> String {
        if self.full {
            phone.to_string()
        } else {
            mask_phone(phone)
        }
    }

    fn person(&mut self, id: Uuid) -> String {
        if let Some(s) = self.people.get(&id) {
            return s.clone();
        }
        let s = match self.store.get::<Person>(Id::from_uuid(id)) {
            Ok(p) => format!("{}（{}）", p.record.name, self.doc(&p.record.doc_number)),
            Err(_) => id.to_string(),
        };
        self.people.insert(id, s.clone());
        s
    }

    fn reference(&mut self, kind: RecordKind, id: Uuid) -> String {
        if kind == RecordKind::Person {
            return self.person(id);
        }
        if let Some(s) = self.names.get(&id) {
            return s.clone();
        }
        let s =
            records::get(self.store, kind, id).map_or_else(|_| id.to_string(), |r| records::display_name(&r));
        self.names.insert(id, s.clone());
        s
    }

    /// One field of a record as a cell.
    fn cell(&mut self, _kind: RecordKind, field: &fields::Field, record: &AnyRecord) -> Cell {
        let v = &record.value[field.name];
        let raw = records::value_text(v);
        if raw.is_empty() {
            return Cell::Empty;
        }
        match field.input {
            Input::Date => raw.parse().map_or(Cell::Text(raw), Cell::Date),
            Input::Int | Input::Float => v.as_f64().map_or(Cell::Text(raw), Cell::Number),
            Input::Money => Cell::Number(v.as_i64().unwrap_or(0) as f64 / 100.0),
            Input::Bool => Cell::Text(self.lang.yes_no(v.as_bool() == Some(true)).to_string()),
            Input::Choice(list) => Cell::Text(
                list(self.lang)
                    .into_iter()
                    .find(|(c, _)| *c == raw)
                    .map_or(raw, |(_, l)| l),
            ),
            Input::Code(CodeList::Ethnicity) => {
                Cell::Text(crate::domain::codes::ethnicity(&raw).map_or(raw, |e| e.name.to_string()))
            }
            Input::Code(CodeList::Education) => {
                Cell::Text(crate::domain::codes::education(&raw).map_or(raw, |e| e.name.to_string()))
            }
            Input::Code(CodeList::Occupation) => Cell::Text(
                crate::domain::codes::occupation(&raw)
                    .map_or(raw.clone(), |o| format!("{} {}", o.code, o.name)),
            ),
            Input::Code(CodeList::Division) => Cell::Text(raw),
            Input::Ref(target) => match raw.parse::<Uuid>() {
                Ok(id) => Cell::Text(self.reference(target, id)),
                Err(_) => Cell::Text(raw),
            },
            Input::Text | Input::LongText => Cell::Text(match field.digits {
                Some(Digits::Document) => self.doc(&raw),
                Some(Digits::Phone) => self.phone(&raw),
                _ => raw,
            }),
        }
    }
}

/// The records of a register as a table (these records, in this order: what the screen
/// shows after its search).
pub fn register_table(
    store: &Store,
    kind: RecordKind,
    records: &[AnyRecord],
    full: bool,
    lang: Lang,
) -> Table {
    let fields = fields::fields(kind);
    let mut w = Writer {
        store,
        full,
        lang,
        people: HashMap::new(),
        names: HashMap::new(),
    };
    let headers = fields.iter().map(|f| f.label(lang).to_string()).collect();
    let rows = records
        .iter()
        .map(|r| fields.iter().map(|f| w.cell(kind, f, r)).collect())
        .collect();
    Table {
        sheet: kind.label(lang).to_string(),
        headers,
        rows,
    }
}

/// Every live record of a register (of one organisation when `org` is given).
pub fn register_records(
    store: &Store,
    kind: RecordKind,
    org: Option<Uuid>,
) -> Result<Vec<AnyRecord>, StoreError> {
    let scope = Scope {
        org: if fields::org_field(kind).is_some() {
            org
        } else {
            None
        },
        include_deleted: false,
    };
    records::list(store, kind, &scope)
}

/// The people list as filtered on screen, each person with their latest qualification.
pub fn people_table(store: &Store, query: &PeopleQuery, full: bool, lang: Lang) -> Result<Table, StoreError> {
    let person_fields = fields::fields(RecordKind::Person);
    let qual_fields: Vec<fields::Field> = fields::fields(RecordKind::Qualification)
        .into_iter()
        .filter(|f| !matches!(f.name, "person" | "enrolment"))
        .collect();
    let mut headers: Vec<String> = person_fields.iter().map(|f| f.label(lang).to_string()).collect();
    headers.extend(qual_fields.iter().map(|f| f.label(lang).to_string()));
    let mut w = Writer {
        store,
        full,
        lang,
        people: HashMap::new(),
        names: HashMap::new(),
    };
    let mut rows = Vec::new();
    let mut q = query.clone();
    q.offset = 0;
    q.limit = 10_000;
    loop {
        let page = store.people_page(&q)?;
        let n = page.rows.len() as u64;
        for row in page.rows {
            let person = store.get(row.id)?;
            let value = serde_json::to_value(&person.record).unwrap_or_default();
            let any = AnyRecord {
                kind: RecordKind::Person,
                id: person.id.uuid(),
                meta: person.meta.clone(),
                value,
            };
            let mut cells: Vec<Cell> = person_fields
                .iter()
                .map(|f| w.cell(RecordKind::Person, f, &any))
                .collect();
            let latest = store
                .person_records(person.id)?
                .qualifications
                .into_iter()
                .max_by_key(|q| (q.record.issued_on, q.record.grade));
            match latest {
                Some(qual) => {
                    let any = AnyRecord {
                        kind: RecordKind::Qualification,
                        id: qual.id.uuid(),
                        meta: qual.meta.clone(),
                        value: serde_json::to_value(&qual.record).unwrap_or_default(),
                    };
                    cells.extend(
                        qual_fields
                            .iter()
                            .map(|f| w.cell(RecordKind::Qualification, f, &any)),
                    );
                }
                None => cells.extend(qual_fields.iter().map(|_| Cell::Empty)),
            }
            rows.push(cells);
        }
        if n < q.limit {
            break;
        }
        q.offset += n;
    }
    Ok(Table {
        sheet: RecordKind::Person.label(lang).to_string(),
        headers,
        rows,
    })
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error(transparent)]
    Csv(#[from] csv::Error),
}

/// The table as file bytes.
pub fn to_bytes(table: &Table, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Xlsx => Ok(xlsx(table)?),
        ExportFormat::Csv => csv_bytes(table),
    }
}

fn xlsx(table: &Table) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let name: String = table
        .sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if !name.is_empty() {
        sheet.set_name(name)?;
    }
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text = Format::new().set_num_format("@");
    for (c, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
        sheet.set_column_width(c as u16, (h.chars().count() as f64 * 2.2 + 4.0).clamp(10.0, 40.0))?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Number(n) => {
                    sheet.write_number(r, c, *n)?;
                }
                Cell::Bool(b) => {
                    sheet.write_boolean(r, c, *b)?;
                }
                Cell::Date(d) => {
                    use chrono::Datelike;
                    let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(r, c, &dt, &date)?;
                }
                // Text stays text (an ID number must not become 1.5E+17).
                Cell::Text(s) => {
                    sheet.write_string_with_format(r, c, s, &text)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

fn csv_bytes(table: &Table) -> Result<Vec<u8>, ExportError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let headers: Vec<String> = table.headers.iter().map(|h| as_csv_text(h.clone())).collect();
        w.write_record(&headers)?;
        for row in &table.rows {
            let mut cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(s) => as_csv_text(s.clone()),
                    other => other.text(),
                })
                .collect();
            cells.resize(table.headers.len(), String::new());
            w.write_record(&cells)?;
        }
        w.flush().map_err(csv::Error::from)?;
    }
    Ok(out)
}

/// Whether a cell's text would be taken for a formula by Excel or WPS when it opens a CSV
/// file: it starts with `=`, `+`, `-` or `@` (the full-width forms are not formulas), or a
/// tab or carriage return that they skip before looking.
pub fn starts_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell for a CSV file: one that would be taken for a formula (`=HYPERLINK(…)`,
/// `+cmd|…`, `@SUM(…)`, `-2+3`) gets an apostrophe in front, so Excel and WPS show it as
/// the text it is instead of computing it or running what it calls. The importer takes
/// the apostrophe off again. Numbers are written as numbers and need none.
fn as_csv_text(text: String) -> String {
    if starts_like_formula(&text) {
        format!("'{text}")
    } else {
        text
    }
}

/// Writes the table to `path` (format by extension; XLSX if it names none) through the
/// guard of every file a user asks for (never the database's own files; an existing file
/// only when `output` agrees), under a temporary name renamed when complete, so a failed
/// export never leaves half a file.
pub fn write_file(
    table: &Table,
    path: &Path,
    output: &crate::files::Output,
) -> Result<(), crate::files::OutputError> {
    output.check(path)?;
    let format = ExportFormat::from_path(path).unwrap_or(ExportFormat::Xlsx);
    let bytes = to_bytes(table, format).map_err(|e| crate::files::OutputError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    output.write(path, &bytes)
}
