//! What an import file's columns may be: the kinds of roster that can be imported, the
//! fields each fills with the headers offices write for them (姓名; 身份证号/公民身份号码/
//! 证件号码; 学历/文化程度; 工种/职业 …), finding the header row under title rows and
//! merged header cells, and the column mapping a user can correct and the store remembers
//! for files of the same layout.

use serde::{Deserialize, Serialize};

use std::sync::LazyLock;

use super::sheet::{Grid, Workbook};
use crate::domain::{RecordKind, text};
use crate::lang::Lang;
use crate::registers::fields::{self, Digits, Field, Input};

/// The kinds of roster that can be imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ImportKind {
    /// People with their latest qualification.
    #[default]
    People,
    /// Trainees in cohorts (人员 are created when new).
    Enrolments,
    /// Public training services.
    Services,
    /// Apprenticeships (名师带徒).
    Apprenticeships,
    /// Teachers (师资).
    Teachers,
    /// Entries of the studio master's log (带徒记录), by the apprentice's ID number.
    ApprenticeLog,
}

impl ImportKind {
    pub const ALL: [ImportKind; 6] = [
        ImportKind::People,
        ImportKind::Enrolments,
        ImportKind::Services,
        ImportKind::Apprenticeships,
        ImportKind::Teachers,
        ImportKind::ApprenticeLog,
    ];

    /// The name on the command line (`--kind people`) and in the history.
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::People => "people",
            ImportKind::Enrolments => "enrolments",
            ImportKind::Services => "services",
            ImportKind::Apprenticeships => "apprenticeships",
            ImportKind::Teachers => "teachers",
            ImportKind::ApprenticeLog => "apprentice-log",
        }
    }

    pub fn from_code(code: &str) -> Option<ImportKind> {
        let code = code.trim().to_ascii_lowercase();
        ImportKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the records belong to an organisation (all but people).
    pub fn needs_org(self) -> bool {
        self != ImportKind::People
    }

    /// The fields a file of this kind may fill.
    pub fn targets(self) -> &'static [Target] {
        let i = ImportKind::ALL.iter().position(|k| *k == self).unwrap_or(0);
        TARGETS.get(i).map_or(&[], Vec::as_slice)
    }

    pub fn target(self, key: &str) -> Option<&'static Target> {
        self.targets().iter().find(|t| t.key == key)
    }

    /// Whether the field holds a document number (masked wherever a message shows it).
    pub fn is_document_column(self, key: &str) -> bool {
        self.target(key)
            .is_some_and(|t| t.field.digits == Some(Digits::Document))
    }
}

/// One field an import column can fill: a register's field, whose names and headers are
/// its definition's (`registers::fields`), or a column of the roster's own (an
/// apprenticeship's master and apprentice, named by their ID numbers).
#[derive(Debug)]
pub struct Target {
    /// The field's key (a record field, or `master_doc` and the like).
    pub key: &'static str,
    /// Must be present in every row.
    pub required: bool,
    /// Its definition: what it is called, the headers offices write for it, its input.
    pub field: &'static Field,
}

impl Target {
    /// The template's header (Chinese: the files offices fill are Chinese).
    pub fn header(&self) -> &'static str {
        self.field.headers.first().copied().unwrap_or(self.field.zh)
    }

    /// The headers offices write for it; the first is the template's.
    pub fn headers(&self) -> &'static [&'static str] {
        self.field.headers
    }

    /// What the field is called in `lang` (the mapping, the messages).
    pub fn label(&self, lang: Lang) -> &'static str {
        self.field.label(lang)
    }
}

/// The columns of an apprenticeship roster that name no field of the register: its
/// master and apprentice, by name and ID number.
static MASTER_NAME: Field = fields::opt("master_name", Input::Text, "师傅姓名", "Master's name").headers(&[
    "师傅姓名",
    "师傅",
    "导师姓名",
    "导师",
]);
static MASTER_DOC: Field = fields::req("master_doc", Input::Text, "师傅身份证号", "Master's ID number")
    .headers(&["师傅身份证号", "师傅证件号码", "师傅公民身份号码", "导师身份证号"])
    .digits(Digits::Document);
static APPRENTICE_NAME: Field = fields::opt("apprentice_name", Input::Text, "徒弟姓名", "Apprentice's name")
    .headers(&["徒弟姓名", "徒弟", "学徒姓名", "学徒"]);
static APPRENTICE_DOC: Field = fields::req(
    "apprentice_doc",
    Input::Text,
    "徒弟身份证号",
    "Apprentice's ID number",
)
.headers(&["徒弟身份证号", "徒弟证件号码", "徒弟公民身份号码", "学徒身份证号"])
.digits(Digits::Document);
/// The stage of the apprenticeship's plan, by its number (a log entry's).
static STAGE_NO: Field = fields::opt("stage_no", Input::Int, "阶段序号", "Stage no.").headers(&[
    "阶段序号",
    "培养阶段",
    "阶段",
    "计划阶段",
]);

/// Where a roster's column is defined.
enum Of {
    /// The field of this name in this register.
    Register(RecordKind),
    /// The roster's own.
    Roster(&'static Field),
}

/// A roster's columns: (key, required in the roster, where it is defined). The people
/// roster has every field of a person and of a certificate that offices write headers
/// for, so a person's new field joins it by its definition alone.
fn roster(kind: ImportKind) -> Vec<(&'static str, bool, Of)> {
    use Of::Register as R;
    use RecordKind as K;
    let person = |key| (key, false, R(K::Person));
    match kind {
        ImportKind::People => fields::of(K::Person)
            .iter()
            .filter(|f| !f.headers.is_empty())
            .map(|f| (f.name, matches!(f.name, "name" | "doc_number"), R(K::Person)))
            .chain(
                fields::of(K::Qualification)
                    .iter()
                    .filter(|f| !f.headers.is_empty())
                    .map(|f| (f.name, false, R(K::Qualification))),
            )
            .collect(),
        ImportKind::Enrolments => vec![
            person("name"),
            ("doc_number", true, R(K::Person)),
            person("sex"),
            person("phone"),
            person("employer"),
            ("cohort", true, R(K::Enrolment)),
            ("enrolled_on", false, R(K::Enrolment)),
            ("status", false, R(K::Enrolment)),
            ("completed_on", false, R(K::Enrolment)),
            ("result", false, R(K::Enrolment)),
            ("attended_hours", false, R(K::Enrolment)),
            ("training_subsidy", false, R(K::Enrolment)),
            ("evaluation_subsidy", false, R(K::Enrolment)),
            ("living_subsidy", false, R(K::Enrolment)),
            ("voucher_number", false, R(K::Enrolment)),
            ("destination", false, R(K::Enrolment)),
            ("destination_on", false, R(K::Enrolment)),
        ],
        ImportKind::Services => fields::of(K::PublicService)
            .iter()
            .filter(|f| !f.headers.is_empty())
            .map(|f| (f.name, f.required, R(K::PublicService)))
            .collect(),
        ImportKind::Apprenticeships => vec![
            ("master_name", false, Of::Roster(&MASTER_NAME)),
            ("master_doc", true, Of::Roster(&MASTER_DOC)),
            ("apprentice_name", false, Of::Roster(&APPRENTICE_NAME)),
            ("apprentice_doc", true, Of::Roster(&APPRENTICE_DOC)),
            ("occupation", true, R(K::Apprenticeship)),
            ("agreement_date", false, R(K::Apprenticeship)),
            ("start_date", true, R(K::Apprenticeship)),
            ("end_date", false, R(K::Apprenticeship)),
            ("grade_at_start", false, R(K::Apprenticeship)),
            ("grade_at_end", false, R(K::Apprenticeship)),
            ("status", false, R(K::Apprenticeship)),
            ("outcome", false, R(K::Apprenticeship)),
        ],
        ImportKind::ApprenticeLog => vec![
            ("apprentice_name", false, Of::Roster(&APPRENTICE_NAME)),
            ("apprentice_doc", true, Of::Roster(&APPRENTICE_DOC)),
            ("date", true, R(K::LogEntry)),
            ("hours", true, R(K::LogEntry)),
            ("content", true, R(K::LogEntry)),
            ("stage_no", false, Of::Roster(&STAGE_NO)),
            ("signed_on", false, R(K::LogEntry)),
        ],
        ImportKind::Teachers => vec![
            person("name"),
            ("doc_number", true, R(K::Person)),
            person("sex"),
            person("phone"),
            person("employer"),
            ("kind", false, R(K::Teacher)),
            ("integrated", false, R(K::Teacher)),
            ("dual_qualified", false, R(K::Teacher)),
            ("title", false, R(K::Teacher)),
            ("occupation", false, R(K::Teacher)),
            ("since", false, R(K::Teacher)),
            ("until", false, R(K::Teacher)),
        ],
    }
}

/// Every roster's targets, resolved once (a test checks that every column names a field).
static TARGETS: LazyLock<Vec<Vec<Target>>> = LazyLock::new(|| {
    ImportKind::ALL
        .iter()
        .map(|kind| {
            roster(*kind)
                .into_iter()
                .filter_map(|(key, required, of)| {
                    let field = match of {
                        Of::Register(k) => fields::field(k, key)?,
                        Of::Roster(f) => f,
                    };
                    Some(Target { key, required, field })
                })
                .collect()
        })
        .collect()
});

/// Headers that are known to mean nothing to import (never reported as unrecognised).
const IGNORED: &[&str] = &["序号", "编号", "no", "no.", "错误说明", "原行号"];

/// A header as compared: half-width, no spaces, no `*` or `※` marks, lower-case,
/// full-width brackets as ASCII.
pub fn normalise_header(s: &str) -> String {
    text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '※' | '★' | ':' | '：'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The header without a bracketed note ("出生日期(yyyy-mm-dd)" → "出生日期", "性别(必填)").
fn without_note(h: &str) -> &str {
    match h.find(['(', '[', '【']) {
        Some(i) if i > 0 => &h[..i],
        _ => h,
    }
}

/// The field a header names for this kind, if any.
pub fn recognise(kind: ImportKind, header: &str) -> Option<&'static str> {
    let h = normalise_header(header);
    if h.is_empty() || ignored(header) {
        return None;
    }
    let exact = |h: &str| {
        kind.targets()
            .iter()
            .find(|t| t.headers().iter().any(|s| normalise_header(s) == h))
            .map(|t| t.key)
    };
    if let Some(key) = exact(&h).or_else(|| exact(without_note(&h))) {
        return Some(key);
    }
    // A longer header that holds a known one ("学员身份证号码", "最高学历(毕业)"): the
    // longest known header inside it wins, so "师傅身份证号" is the master's number.
    let mut best: Option<(usize, &'static str)> = None;
    for target in kind.targets() {
        for s in target.headers() {
            let s = normalise_header(s);
            if s.chars().count() >= 2 && h.contains(&s) && best.is_none_or(|(len, _)| s.len() > len) {
                best = Some((s.len(), target.key));
            }
        }
    }
    best.map(|(_, key)| key)
}

fn ignored(header: &str) -> bool {
    IGNORED.contains(&normalise_header(header).as_str())
}

/// Where the header is and what each column fills.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    /// The sheet the rows come from (its name; empty for CSV).
    pub sheet: String,
    /// 0-based row of the header (the lower row of a two-row header).
    pub header_row: usize,
    /// 0-based row of the first data row.
    pub data_row: usize,
    /// Each column's header as written in the file.
    pub headers: Vec<String>,
    /// Each column's field, or none (not imported).
    pub fields: Vec<Option<String>>,
}

impl Mapping {
    /// The column a field is read from.
    pub fn column_of(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.as_deref() == Some(key))
    }

    /// The header a field is read from, as written in the file.
    pub fn header_of(&self, key: &str) -> Option<&str> {
        self.column_of(key).map(|c| self.headers[c].as_str())
    }

    /// The file's layout: its headers, normalised, in order. Files with the same layout
    /// get the mapping the user last confirmed for it.
    pub fn layout(&self) -> String {
        self.headers
            .iter()
            .map(|h| normalise_header(h))
            .collect::<Vec<_>>()
            .join("|")
    }

    /// Required fields no column fills.
    pub fn missing(&self, kind: ImportKind) -> Vec<&'static str> {
        kind.targets()
            .iter()
            .filter(|t| t.required && self.column_of(t.key).is_none())
            .map(|t| t.key)
            .collect()
    }

    /// Headers neither recognised nor known to be ignorable.
    pub fn unrecognised(&self) -> Vec<&str> {
        self.headers
            .iter()
            .zip(&self.fields)
            .filter(|(h, f)| f.is_none() && !h.trim().is_empty() && !ignored(h))
            .map(|(h, _)| h.as_str())
            .collect()
    }

    /// Sets one column's field; a field is filled from one column only, so another
    /// column that had it loses it.
    pub fn set(&mut self, column: usize, field: Option<String>) {
        if let Some(f) = &field {
            for other in self.fields.iter_mut() {
                if other.as_ref() == Some(f) {
                    *other = None;
                }
            }
        }
        if let Some(slot) = self.fields.get_mut(column) {
            *slot = field;
        }
    }
}

/// Why no header was found.
#[derive(Clone, Debug, PartialEq)]
pub enum HeaderProblem {
    /// No sheet has a row that names enough of this kind's fields.
    NotFound { sheets: Vec<String> },
    /// The file looks like a roster of another kind.
    OtherKind { found: ImportKind },
}

/// Rows searched for the header (title rows, notes and blank rows above it).
const HEADER_SEARCH_ROWS: usize = 30;

/// The headers of a row: each cell's text.
fn row_headers(grid: &Grid, row: usize) -> Vec<String> {
    grid.rows
        .get(row)
        .map(|r| r.iter().map(|c| text::normalise(&c.text())).collect())
        .unwrap_or_default()
}

/// How many distinct fields a row's cells name, and whether one is a required field.
fn score(kind: ImportKind, headers: &[String]) -> (usize, bool) {
    let mut keys: Vec<&str> = headers.iter().filter_map(|h| recognise(kind, h)).collect();
    keys.sort_unstable();
    keys.dedup();
    let required = keys.iter().any(|k| kind.target(k).is_some_and(|t| t.required));
    (keys.len(), required)
}

/// Finds the header in the best sheet and maps its columns.
pub fn detect(book: &Workbook, kind: ImportKind) -> Result<Mapping, HeaderProblem> {
    let mut best: Option<(usize, Mapping)> = None;
    for grid in &book.sheets {
        if let Some((n, m)) = detect_in(grid, kind)
            && best.as_ref().is_none_or(|(b, _)| n > *b)
        {
            best = Some((n, m));
        }
    }
    if let Some((_, m)) = best {
        return Ok(m);
    }
    for other in ImportKind::ALL.into_iter().filter(|k| *k != kind) {
        if book
            .sheets
            .iter()
            .any(|g| detect_in(g, other).is_some_and(|(n, _)| n >= 3))
        {
            return Err(HeaderProblem::OtherKind { found: other });
        }
    }
    Err(HeaderProblem::NotFound {
        sheets: book.sheets.iter().map(|g| g.name.clone()).collect(),
    })
}

fn detect_in(grid: &Grid, kind: ImportKind) -> Option<(usize, Mapping)> {
    let mut best: Option<(usize, usize)> = None;
    for row in 0..grid.rows.len().min(HEADER_SEARCH_ROWS) {
        let (n, required) = score(kind, &row_headers(grid, row));
        if n >= 2 && required && best.is_none_or(|(b, _)| n > b) {
            best = Some((n, row));
        }
    }
    let (n, row) = best?;
    let width = grid.width();
    let mut headers = row_headers(grid, row);
    headers.resize(width, String::new());
    let mut mapping = Mapping {
        sheet: grid.name.clone(),
        header_row: row,
        data_row: row + 1,
        headers,
        fields: vec![None; width],
    };
    assign(kind, &mut mapping);
    // A two-row header: a merged group ("证书信息") over sub-headers (职业, 等级, 证书编号)
    // in the row below. The sub-headers name the columns the upper row left unnamed.
    let below = row_headers(grid, row + 1);
    let fills: Vec<(usize, &'static str)> = below
        .iter()
        .enumerate()
        .filter(|(c, _)| mapping.fields.get(*c).is_some_and(Option::is_none))
        .filter_map(|(c, h)| recognise(kind, h).map(|k| (c, k)))
        .filter(|(_, k)| mapping.column_of(k).is_none())
        .collect();
    if !fills.is_empty() {
        for (c, h) in below.iter().enumerate() {
            if !h.is_empty() && mapping.fields.get(c).is_some_and(Option::is_none) {
                mapping.headers[c] = h.clone();
            }
        }
        mapping.header_row = row + 1;
        mapping.data_row = row + 2;
        assign(kind, &mut mapping);
    }
    Some((n + fills.len(), mapping))
}

/// Maps each header to a field; a field named twice goes to the first column, except that
/// a second 工种/职业 column fills the 工种 text beside the occupation.
fn assign(kind: ImportKind, mapping: &mut Mapping) {
    let mut fields: Vec<Option<String>> = vec![None; mapping.headers.len()];
    for (c, h) in mapping.headers.iter().enumerate() {
        let Some(key) = recognise(kind, h) else { continue };
        let taken = fields.iter().any(|f| f.as_deref() == Some(key));
        if !taken {
            fields[c] = Some(key.to_string());
        } else if key == "occupation"
            && kind.target("work_type").is_some()
            && !fields.iter().any(|f| f.as_deref() == Some("work_type"))
        {
            fields[c] = Some("work_type".to_string());
        }
    }
    mapping.fields = fields;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheets::sheet::{Cell, FileFormat, Grid};

    fn grid(rows: &[&[&str]]) -> Workbook {
        Workbook {
            format: FileFormat::Xlsx,
            sheets: vec![Grid {
                name: "Sheet1".into(),
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|s| Cell::Text(s.to_string())).collect())
                    .collect(),
            }],
        }
    }

    #[test]
    fn every_roster_column_is_a_defined_field_with_headers() {
        for kind in ImportKind::ALL {
            let targets = kind.targets();
            assert_eq!(
                targets.len(),
                roster(kind).len(),
                "{kind:?}: a column names no field"
            );
            for t in targets {
                assert!(!t.headers().is_empty(), "{kind:?}.{} has no header", t.key);
                assert_eq!(targets.iter().filter(|o| o.key == t.key).count(), 1, "{}", t.key);
            }
        }
    }

    #[test]
    fn headers_are_recognised_by_their_usual_names() {
        let k = ImportKind::People;
        assert_eq!(recognise(k, "公民身份号码"), Some("doc_number"));
        assert_eq!(recognise(k, "身份证号码（18位）"), Some("doc_number"));
        assert_eq!(recognise(k, " 姓　名 "), Some("name"));
        assert_eq!(recognise(k, "*姓名"), Some("name"));
        assert_eq!(recognise(k, "文化程度"), Some("education"));
        assert_eq!(recognise(k, "技能等级"), Some("grade"));
        assert_eq!(recognise(k, "序号"), None);
        let a = ImportKind::Apprenticeships;
        assert_eq!(recognise(a, "师傅身份证号"), Some("master_doc"));
        assert_eq!(recognise(a, "徒弟身份证号码"), Some("apprentice_doc"));
    }

    #[test]
    fn a_title_row_and_a_two_row_header_are_skipped() {
        let book = grid(&[
            &["2025年焊工培训学员花名册"],
            &[],
            &["序号", "姓名", "身份证号", "证书信息", "证书信息"],
            &["", "", "", "职业", "等级"],
            &["1", "张三", "150102199003071237", "焊工", "三级"],
        ]);
        let m = detect(&book, ImportKind::People).unwrap();
        assert_eq!(m.data_row, 4);
        assert_eq!(m.column_of("name"), Some(1));
        assert_eq!(m.column_of("occupation"), Some(3));
        assert_eq!(m.column_of("grade"), Some(4));
        assert!(m.missing(ImportKind::People).is_empty());
    }

    #[test]
    fn a_roster_of_another_kind_is_named() {
        let book = grid(&[&["日期", "服务对象单位", "服务人次", "学时", "服务内容"]]);
        assert_eq!(
            detect(&book, ImportKind::People),
            Err(HeaderProblem::OtherKind {
                found: ImportKind::Services
            })
        );
        let nothing = grid(&[&["a", "b"], &["1", "2"]]);
        assert!(matches!(
            detect(&nothing, ImportKind::People),
            Err(HeaderProblem::NotFound { .. })
        ));
    }
}
