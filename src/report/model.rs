//! The printed document as tables: one description of every section (its number and title,
//! its tables with their columns, units, rows and totals, its notes) from which the PDF
//! (`pdf::layout`), the XLSX (`companion::xlsx`) and the JSON (its `sections`) are all
//! made, so the three cannot disagree. The annual return (`report::sections`) and the
//! regional summary (`report::region`) are both documents.
//!
//! A value is rounded where it is computed and shown here as it is; in the JSON every cell
//! is the text the PDF prints, in the XLSX a number where it is one. Each figure has an id
//! (`table/row/column`), by which a correction (更正版) and the regional summary set two
//! versions of a return against each other ([`figures`], [`differences`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use super::layout::Align;

/// What a table says instead of a header with no rows.
pub const NO_RECORDS: &str = "本年度无记录";

/// A whole document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    pub title: String,
    /// Lines under the title: the period, the status, when and by what it was made.
    pub subtitle: Vec<String>,
    pub sections: Vec<Section>,
    /// The footnotes the sections and rows point to, numbered in order of first use.
    pub notes: Vec<Note>,
    /// Lines after the notes.
    #[serde(skip)]
    pub colophon: Vec<String>,
    /// The signature and seal block's labels and the seal box's label.
    #[serde(skip)]
    pub signature: (Vec<String>, String),
    /// The left column of every page's footer (who, which year, which status).
    #[serde(skip)]
    pub footer: Vec<String>,
    /// Printed across every page (草稿 on a draft).
    #[serde(skip)]
    pub watermark: Option<String>,
}

/// A footnote: a figure's written definition.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    pub number: usize,
    pub key: String,
    pub text: String,
}

/// One numbered part of the document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    pub key: String,
    /// 一、二、… given by [`Document::number`]; empty for a section that is not numbered.
    pub number: String,
    #[serde(skip)]
    pub numbered: bool,
    pub title: String,
    /// The definition this section's figures follow (a key of the definitions).
    #[serde(skip)]
    pub definition: Option<&'static str>,
    /// Its footnote number, given by [`Document::number`].
    pub note: Option<usize>,
    /// Paragraphs before its tables.
    pub lead: Vec<String>,
    pub tables: Vec<Table>,
    /// Paragraphs after its tables: what a reader must know about its figures.
    pub remarks: Vec<String>,
}

/// How a table is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Shape {
    /// Columns across, one row per line.
    #[default]
    Grid,
    /// A two-column list of (item, content) printed as two pairs per line.
    Pairs,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    pub key: String,
    /// A caption above it (when a section has several tables).
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// What a reader must know about this table's figures, printed right below it.
    pub notes: Vec<String>,
    #[serde(skip)]
    pub shape: Shape,
    /// Said instead of a table without rows; [`NO_RECORDS`] when not given.
    #[serde(skip)]
    pub empty: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    pub key: String,
    pub title: String,
    pub unit: Option<String>,
    /// The column names the row (an item, a code, a unit) rather than stating a figure.
    pub label: bool,
    /// Share of the table's width.
    #[serde(skip)]
    pub width: f32,
    #[serde(skip)]
    pub align: Align,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub key: String,
    pub cells: Vec<Value>,
    /// A total (合计) row.
    pub total: bool,
    /// The definition this row's figure follows (a key of the definitions).
    #[serde(skip)]
    pub definition: Option<&'static str>,
    /// Its footnote number, given by [`Document::number`].
    pub note: Option<usize>,
    /// Figures this row restates from another table, by column key: the id there.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub same_as: BTreeMap<String, String>,
}

/// One cell. Serialised as the text printed.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Count(u64),
    /// A measured amount, shown with this many decimals.
    Decimal(f64, usize),
    /// An exact amount of money in fen, shown in yuan with two decimals.
    Money(i64),
    /// A percentage with one decimal (the column's unit is %).
    Percent(f64),
    /// Nothing to show, and why (未申报, 政策未规定, —).
    Absent(String),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    pub fn absent(why: &str) -> Value {
        Value::Absent(why.to_string())
    }

    /// 达标, 未达标, or — where no target applies.
    pub fn met(met: Option<bool>) -> Value {
        match met {
            Some(true) => Value::text("达标"),
            Some(false) => Value::text("未达标"),
            None => Value::absent("—"),
        }
    }

    /// A target, `≥ 1,000`; `otherwise` where there is none.
    pub fn at_least(target: Option<u64>, otherwise: &str) -> Value {
        target.map_or_else(
            || Value::absent(otherwise),
            |t| Value::text(format!("≥ {}", grouped(&t.to_string()))),
        )
    }

    /// As printed: counts and money grouped by thousands.
    pub fn shown(&self) -> String {
        match self {
            Value::Text(s) | Value::Absent(s) => s.clone(),
            Value::Count(n) => grouped(&n.to_string()),
            Value::Decimal(v, places) => {
                let text = format!("{:.*}", *places, v.abs());
                let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
                let sign = if *v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
                    "-"
                } else {
                    ""
                };
                match fraction {
                    "" => format!("{sign}{}", grouped(whole)),
                    f => format!("{sign}{}.{f}", grouped(whole)),
                }
            }
            Value::Money(fen) => {
                let sign = if *fen < 0 { "-" } else { "" };
                let fen = fen.unsigned_abs();
                format!("{sign}{}.{:02}", grouped(&(fen / 100).to_string()), fen % 100)
            }
            Value::Percent(p) => format!("{p:.1}"),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.shown())
    }
}

/// Digits grouped by thousands (`1234567` → `1,234,567`).
pub fn grouped(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 一, 二, … 二十九 (a document has fewer sections than that).
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "〇".into(),
        1..=9 => DIGITS[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => format!("{}十{}", DIGITS[(n / 10) % 10], DIGITS[n % 10]),
    }
}

impl Column {
    /// A column naming the row.
    pub fn label(key: &str, title: &str, width: f32) -> Column {
        Column {
            key: key.into(),
            title: title.into(),
            unit: None,
            label: true,
            width,
            align: Align::Left,
        }
    }

    /// A column of figures in `unit` (none for text such as 达标).
    pub fn figure(key: &str, title: &str, unit: Option<&str>, width: f32) -> Column {
        Column {
            key: key.into(),
            title: title.into(),
            unit: unit.map(str::to_string),
            label: false,
            width,
            align: Align::Right,
        }
    }

    pub fn align(mut self, align: Align) -> Column {
        self.align = align;
        self
    }

    /// The header as printed: the title and its unit (`服务人次（人次）`).
    pub fn heading(&self) -> String {
        match &self.unit {
            Some(u) => format!("{}（{u}）", self.title),
            None => self.title.clone(),
        }
    }
}

impl Row {
    pub fn new(key: impl Into<String>, cells: Vec<Value>) -> Row {
        Row {
            key: key.into(),
            cells,
            total: false,
            definition: None,
            note: None,
            same_as: BTreeMap::new(),
        }
    }

    pub fn total(mut self) -> Row {
        self.total = true;
        self
    }

    pub fn defined_by(mut self, key: &'static str) -> Row {
        self.definition = Some(key);
        self
    }

    /// The figure in `column` is the one with `id` elsewhere in the document.
    pub fn same_as(mut self, column: &str, id: String) -> Row {
        self.same_as.insert(column.into(), id);
        self
    }
}

impl Table {
    pub fn new(key: &str, columns: Vec<Column>) -> Table {
        Table {
            key: key.into(),
            caption: None,
            columns,
            rows: Vec::new(),
            notes: Vec::new(),
            shape: Shape::Grid,
            empty: None,
        }
    }

    /// What it says when it has no rows.
    pub fn empty_text(&self) -> &str {
        self.empty.as_deref().unwrap_or(NO_RECORDS)
    }

    pub fn caption(mut self, caption: &str) -> Table {
        self.caption = Some(caption.into());
        self
    }

    pub fn pairs(mut self) -> Table {
        self.shape = Shape::Pairs;
        self
    }

    /// A short list of figures: each an item, its unit and its value.
    pub fn list(key: &str, rows: Vec<(&str, &str, &str, Value)>) -> Table {
        Table::new(
            key,
            vec![
                Column::label("item", "项目", 5.0),
                Column::label("unit", "计量单位", 1.4).align(Align::Center),
                Column::figure("value", "数量", None, 2.0),
            ],
        )
        .with(
            rows.into_iter()
                .map(|(k, item, unit, v)| Row::new(k, vec![Value::text(item), Value::text(unit), v])),
        )
    }

    /// What to say instead of an empty table (by default 本年度无记录).
    pub fn when_empty(mut self, text: &str) -> Table {
        self.empty = Some(text.into());
        self
    }

    pub fn note(mut self, text: impl Into<String>) -> Table {
        self.notes.push(text.into());
        self
    }

    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
    }

    pub fn with(mut self, rows: impl IntoIterator<Item = Row>) -> Table {
        self.rows.extend(rows);
        self
    }
}

/// The id of a figure: `table/row/column`.
pub fn figure_id(table: &str, row: &str, column: &str) -> String {
    format!("{table}/{row}/{column}")
}

impl Section {
    pub fn new(key: &str, title: &str) -> Section {
        Section {
            key: key.into(),
            number: String::new(),
            numbered: true,
            title: title.into(),
            definition: None,
            note: None,
            lead: Vec::new(),
            tables: Vec::new(),
            remarks: Vec::new(),
        }
    }

    /// Printed before the numbered sections, without a number (更正说明).
    pub fn unnumbered(mut self) -> Section {
        self.numbered = false;
        self
    }

    pub fn defined_by(mut self, key: &'static str) -> Section {
        self.definition = Some(key);
        self
    }

    pub fn lead(mut self, text: impl Into<String>) -> Section {
        self.lead.push(text.into());
        self
    }

    pub fn table(mut self, table: Table) -> Section {
        self.tables.push(table);
        self
    }

    pub fn remark(mut self, text: impl Into<String>) -> Section {
        self.remarks.push(text.into());
        self
    }

    /// `一、单位基本情况`, with its footnote number.
    pub fn heading(&self) -> String {
        let note = self.note.map_or_else(String::new, |n| format!("[{n}]"));
        if self.number.is_empty() {
            format!("{}{note}", self.title)
        } else {
            format!("{}、{}{note}", self.number, self.title)
        }
    }
}

impl Document {
    /// Numbers the sections without gaps and the footnotes in order of first use;
    /// `definition(key)` gives a footnote's text. Only the definitions used are kept.
    pub fn number(&mut self, definition: impl Fn(&str) -> String) {
        let mut notes: Vec<Note> = Vec::new();
        let mut note = |key: &'static str| -> usize {
            if let Some(n) = notes.iter().find(|n| n.key == key) {
                return n.number;
            }
            let number = notes.len() + 1;
            notes.push(Note {
                number,
                key: key.into(),
                text: definition(key),
            });
            number
        };
        let mut n = 0;
        for s in &mut self.sections {
            if s.numbered {
                n += 1;
                s.number = chinese_number(n);
            }
            s.note = s.definition.map(&mut note);
            for t in &mut s.tables {
                for r in &mut t.rows {
                    r.note = r.definition.map(&mut note);
                }
            }
        }
        self.notes = notes;
    }
}

impl Document {
    /// The definitions its footnotes print, in their order, as the `known` keys.
    pub fn note_keys(&self, known: &[&'static str]) -> Vec<&'static str> {
        self.notes
            .iter()
            .filter_map(|n| known.iter().copied().find(|k| *k == n.key))
            .collect()
    }
}

/// A document's sections as the JSON holds them: what [`figures`] reads, from a return
/// made now or from the JSON of one submitted earlier.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PrintedSection {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub tables: Vec<PrintedTable>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PrintedTable {
    pub key: String,
    #[serde(default)]
    pub columns: Vec<PrintedColumn>,
    #[serde(default)]
    pub rows: Vec<PrintedRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PrintedColumn {
    pub key: String,
    pub title: String,
    pub unit: Option<String>,
    pub label: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PrintedRow {
    pub key: String,
    pub cells: Vec<String>,
    #[serde(default)]
    pub same_as: BTreeMap<String, String>,
}

/// Sections as [`PrintedSection`]s (through their JSON, exactly as a submission holds them).
pub fn printed(sections: &[Section]) -> Vec<PrintedSection> {
    serde_json::to_value(sections)
        .and_then(serde_json::from_value)
        .unwrap_or_default()
}

/// One figure of a document: its id, what it is, and its value as printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub id: String,
    pub label: String,
    pub shown: String,
}

/// Every figure of the sections, each once (a figure restated in another table is left
/// out there), in document order. `skip` names sections left out by key.
pub fn figures(sections: &[PrintedSection], skip: &[&str]) -> Vec<Figure> {
    let mut out = Vec::new();
    for s in sections.iter().filter(|s| !skip.contains(&s.key.as_str())) {
        for t in &s.tables {
            let unit_col = t.columns.iter().position(|c| c.key == "unit");
            let figure_cols: Vec<usize> = (0..t.columns.len()).filter(|i| !t.columns[*i].label).collect();
            for r in &t.rows {
                let cell = |i: usize| r.cells.get(i).map_or("", String::as_str);
                let name: Vec<&str> = (0..t.columns.len())
                    .filter(|i| t.columns[*i].label && Some(*i) != unit_col)
                    .map(cell)
                    .filter(|c| !c.trim().is_empty())
                    .collect();
                let row_unit = unit_col.map(cell).filter(|u| !u.is_empty());
                for &i in &figure_cols {
                    let c = &t.columns[i];
                    if r.same_as.contains_key(&c.key) {
                        continue;
                    }
                    let unit = c.unit.as_deref().or(row_unit);
                    let mut label = format!("{}：{}", s.title, name.join(" "));
                    if figure_cols.len() > 1 {
                        label.push_str(&format!("，{}", c.title));
                    }
                    if let Some(u) = unit {
                        label.push_str(&format!("（{u}）"));
                    }
                    out.push(Figure {
                        id: figure_id(&t.key, &r.key, &c.key),
                        label,
                        shown: cell(i).to_string(),
                    });
                }
            }
        }
    }
    out
}

/// A figure whose value differs between two versions of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub id: String,
    pub item: String,
    /// As printed in the earlier version; `—` where it had no such figure.
    pub before: String,
    /// As printed now; `—` where there is no such figure any more.
    pub after: String,
}

/// A printed number's value (`1,909.0` and `1909.0` are one value, whichever version of
/// the software printed them).
fn number(shown: &str) -> Option<f64> {
    shown.replace(',', "").parse().ok()
}

/// Two printed values say the same: the same text, or the same number.
fn same(a: &str, b: &str) -> bool {
    a == b || matches!((number(a), number(b)), (Some(x), Some(y)) if x == y)
}

/// Every figure whose printed value differs, each once, in the order of `after` (then the
/// figures only `before` had).
pub fn differences(before: &[Figure], after: &[Figure]) -> Vec<Difference> {
    let old: BTreeMap<&str, &Figure> = before.iter().map(|f| (f.id.as_str(), f)).collect();
    let new: BTreeMap<&str, &Figure> = after.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut out = Vec::new();
    for f in after {
        let was = old.get(f.id.as_str()).map_or("—", |o| o.shown.as_str());
        if !same(was, &f.shown) {
            out.push(Difference {
                id: f.id.clone(),
                item: f.label.clone(),
                before: was.to_string(),
                after: f.shown.clone(),
            });
        }
    }
    let nothing = |shown: &str| shown == "—" || number(shown) == Some(0.0);
    for f in before.iter().filter(|f| !new.contains_key(f.id.as_str())) {
        if !nothing(&f.shown) {
            out.push(Difference {
                id: f.id.clone(),
                item: f.label.clone(),
                before: f.shown.clone(),
                after: "—".into(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Vec<Section> {
        let indicators = Table::new(
            "indicators",
            vec![
                Column::label("item", "指标", 4.0),
                Column::label("unit", "计量单位", 1.0),
                Column::figure("value", "实际完成", None, 2.0),
            ],
        )
        .with([Row::new(
            "services",
            vec![
                Value::text("年公共实训服务"),
                Value::text("人次"),
                Value::Count(1500),
            ],
        )]);
        let capacity = Table::new(
            "capacity",
            vec![
                Column::label("item", "项目", 4.0),
                Column::figure("delivered", "实际完成", Some("人次"), 2.0),
                Column::figure("utilisation", "利用率", Some("%"), 2.0),
            ],
        )
        .with([Row::new(
            "services",
            vec![
                Value::text("年公共实训服务能力"),
                Value::Count(1500),
                Value::Percent(93.75),
            ],
        )
        .same_as("delivered", figure_id("indicators", "services", "value"))]);
        vec![
            Section::new("indicators", "政策指标").table(indicators),
            Section::new("capacity", "培训能力").table(capacity),
        ]
    }

    #[test]
    fn values_print_once_rounded_and_grouped() {
        assert_eq!(Value::Count(1234567).shown(), "1,234,567");
        assert_eq!(Value::Money(123456789).shown(), "1,234,567.89");
        assert_eq!(Value::Money(-100005).shown(), "-1,000.05");
        assert_eq!(Value::Money(5).shown(), "0.05");
        assert_eq!(Value::Decimal(459.5, 1).shown(), "459.5");
        assert_eq!(Value::Decimal(1909.0, 1).shown(), "1,909.0");
        assert_eq!(Value::Decimal(-0.04, 1).shown(), "0.0");
        assert_eq!(Value::Percent(50.0).shown(), "50.0");
        assert_eq!(chinese_number(2), "二");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(21), "二十一");
    }

    #[test]
    fn a_restated_figure_is_compared_once_and_a_derived_one_is_listed() {
        let before = figures(&printed(&doc()), &[]);
        assert_eq!(before.len(), 2, "{before:?}");
        assert_eq!(before[0].label, "政策指标：年公共实训服务（人次）");
        assert_eq!(before[1].label, "培训能力：年公共实训服务能力，利用率（%）");
        let mut later = doc();
        later[0].tables[0].rows[0].cells[2] = Value::Count(1600);
        later[1].tables[0].rows[0].cells[1] = Value::Count(1600);
        later[1].tables[0].rows[0].cells[2] = Value::Percent(100.0);
        let d = differences(&before, &figures(&printed(&later), &[]));
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].before.as_str(), d[0].after.as_str()), ("1,500", "1,600"));
        assert_eq!((d[1].before.as_str(), d[1].after.as_str()), ("93.8", "100.0"));
    }
}
