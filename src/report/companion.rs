//! The machine-readable companions of a printed document: canonical JSON (keys in the
//! structs' declaration order) and XLSX (an information sheet, then one sheet per section
//! of the [`Document`], then the definitions). The PDF's verification code is the first 16
//! hex digits of the SHA-256 of the JSON bytes, so paper and data can be tied together.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde::Serialize;

use super::detail::{AchievementItem, Agreement, HostedStudio};
use super::figures::AnnualReturn;
use super::model::{Document, Section, Value};
use super::status::DocumentInfo;

/// What `return.json` holds: the figures (structured, as `AnnualReturn` declares them),
/// what the document is (status, time, software, indicator set), the lists, and the
/// sections exactly as printed.
#[derive(Serialize)]
pub struct ReturnJson<'a> {
    #[serde(flatten)]
    pub figures: &'a AnnualReturn,
    pub document: &'a DocumentInfo,
    pub hosted_studios: &'a [HostedStudio],
    pub agreements: &'a [Agreement],
    pub achievement_list: &'a [AchievementItem],
    pub sections: &'a [Section],
}

/// A companion JSON: pretty-printed, keys in a fixed order, UTF-8, ending in a newline.
pub fn json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// The first 16 hex digits of the SHA-256 of `json` (defined with `Submission`, whose
/// code the store checks on a return a package brings).
pub use crate::domain::year::verification_code;

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(s: &Section) -> String {
    let name = if s.number.is_empty() {
        s.title.clone()
    } else {
        format!("{} {}", s.number, s.title)
    };
    name.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

struct Formats {
    bold: Format,
    count: Format,
    decimal: Format,
    money: Format,
}

fn write_value(ws: &mut Worksheet, row: u32, col: u16, v: &Value, f: &Formats) -> Result<(), XlsxError> {
    match v {
        Value::Text(s) | Value::Absent(s) => ws.write_string(row, col, s)?,
        Value::Count(n) => ws.write_number_with_format(row, col, *n as f64, &f.count)?,
        Value::Decimal(x, _) | Value::Percent(x) => ws.write_number_with_format(row, col, *x, &f.decimal)?,
        Value::Money(fen) => ws.write_number_with_format(row, col, *fen as f64 / 100.0, &f.money)?,
    };
    Ok(())
}

/// One section on its own sheet: its heading, lead, each table (caption, header with
/// units, rows; 本年度无记录 for none) and its remarks.
fn section_sheet(book: &mut Workbook, s: &Section, f: &Formats) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(s))?;
    let mut r = 0u32;
    ws.write_string_with_format(r, 0, s.heading(), &f.bold)?;
    r += 1;
    for p in &s.lead {
        ws.write_string(r, 0, p)?;
        r += 1;
    }
    let mut widths: Vec<f64> = Vec::new();
    for t in &s.tables {
        r += 1;
        if let Some(c) = &t.caption {
            ws.write_string_with_format(r, 0, c, &f.bold)?;
            r += 1;
        }
        for (c, col) in t.columns.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, col.heading(), &f.bold)?;
            let w = (col.width as f64 * 6.0).max(10.0);
            match widths.get_mut(c) {
                Some(x) => *x = x.max(w),
                None => widths.push(w),
            }
        }
        r += 1;
        if t.rows.is_empty() {
            ws.write_string(r, 0, t.empty_text())?;
            r += 1;
        }
        for row in &t.rows {
            for (c, v) in row.cells.iter().enumerate() {
                if c == 0
                    && let Some(n) = row.note
                {
                    ws.write_string(r, 0, format!("{}[{n}]", v.shown()))?;
                } else {
                    write_value(ws, r, c as u16, v, f)?;
                }
            }
            r += 1;
        }
        for note in &t.notes {
            ws.write_string(r, 0, format!("注：{note}"))?;
            r += 1;
        }
    }
    for note in &s.remarks {
        r += 1;
        ws.write_string(r, 0, format!("注：{note}"))?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// The XLSX companion: `about` (item, value) on the first sheet (报表信息), one sheet per
/// section, and the definitions (口径说明).
pub fn xlsx(doc: &Document, about: &[(String, String)]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let f = Formats {
        bold: Format::new().set_bold(),
        count: Format::new().set_num_format("#,##0"),
        decimal: Format::new().set_num_format("#,##0.0"),
        money: Format::new().set_num_format("#,##0.00"),
    };
    about_sheet(&mut book, doc, about, &f)?;
    for s in &doc.sections {
        section_sheet(&mut book, s, &f)?;
    }
    definitions_sheet(&mut book, doc, &f)?;
    book.save_to_buffer()
}

/// The first sheet (报表信息): the title, the subtitle lines, then `about` (item, value).
fn about_sheet(
    book: &mut Workbook,
    doc: &Document,
    about: &[(String, String)],
    f: &Formats,
) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name("报表信息")?;
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 80)?;
    ws.write_string_with_format(0, 0, &doc.title, &f.bold)?;
    let mut r = 1u32;
    for line in &doc.subtitle {
        ws.write_string(r, 0, line)?;
        r += 1;
    }
    r += 1;
    for (item, value) in about {
        ws.write_string_with_format(r, 0, item, &f.bold)?;
        ws.write_string(r, 1, value)?;
        r += 1;
    }
    Ok(())
}

/// The last sheet (口径说明): each numbered definition the document cites.
fn definitions_sheet(book: &mut Workbook, doc: &Document, f: &Formats) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name("口径说明")?;
    ws.set_column_width(1, 120)?;
    ws.write_string_with_format(0, 0, "编号", &f.bold)?;
    ws.write_string_with_format(0, 1, "口径", &f.bold)?;
    for (i, n) in doc.notes.iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, format!("[{}]", n.number))?;
        ws.write_string(i as u32 + 1, 1, &n.text)?;
    }
    Ok(())
}
