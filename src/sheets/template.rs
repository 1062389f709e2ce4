//! An empty import template per kind: the header row offices fill under (the headers the
//! importer knows best; `*` marks a required column), ID-number and phone columns
//! formatted as text so Excel keeps every digit, drop-down lists in the cells (sex,
//! grade, ethnic group, education, occupation, the closed lists), the code tables on
//! sheets of their own, and a sheet of instructions. A template carries no data.

use rust_xlsxwriter::{DataValidation, Format, Formula, Workbook, XlsxError};

use super::Words;
use super::columns::ImportKind;
use crate::domain::codes;
use crate::domain::grade::SkillGrade;
use crate::lang::Lang;
use crate::registers::fields::{CodeList, Digits, Field, Input};

/// Rows the drop-downs and text formats cover.
const ROWS: u32 = 5000;

/// The drop-down a field gets: its closed list's Chinese labels (the files offices fill
/// are Chinese), yes or no, or a range on a code sheet; none for free text, numbers,
/// dates and divisions.
enum List {
    Strings(Vec<String>),
    Range(&'static str),
}

fn list_for(field: &Field) -> Option<List> {
    Some(match field.input {
        Input::Choice(list) => List::Strings(list(Lang::Zh).into_iter().map(|(_, label)| label).collect()),
        Input::Bool => List::Strings(vec![Lang::Zh.yes_no(true).into(), Lang::Zh.yes_no(false).into()]),
        Input::Code(CodeList::Ethnicity) => List::Range("=民族!$B$2:$B$57"),
        Input::Code(CodeList::Education) => List::Range("=学历!$B$2:$B$100"),
        Input::Code(CodeList::Occupation) => List::Range("=职业!$C$2:$C$2000"),
        _ => return None,
    })
}

/// The template as XLSX bytes.
pub fn template_xlsx(kind: ImportKind, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xDD_EB_F7))
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let as_text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    {
        let sheet = book.add_worksheet();
        sheet.set_name("填写")?;
        for (c, target) in kind.targets().iter().enumerate() {
            let c = c as u16;
            let title = if target.required {
                format!("*{}", target.header())
            } else {
                target.header().to_string()
            };
            sheet.write_string_with_format(0, c, title, &header)?;
            let width = (target.header().chars().count() as f64 * 2.2 + 4.0).max(10.0);
            let field = target.field;
            match (field.digits, field.input) {
                (Some(Digits::Document), _) => {
                    sheet.set_column_width(c, 22)?;
                    sheet.set_column_format(c, &as_text)?;
                }
                (Some(_), _) => {
                    sheet.set_column_width(c, 16)?;
                    sheet.set_column_format(c, &as_text)?;
                }
                (None, Input::Date) => {
                    sheet.set_column_width(c, 13)?;
                    sheet.set_column_format(c, &date)?;
                }
                (None, Input::Code(CodeList::Occupation)) => {
                    sheet.set_column_width(c, 24)?;
                }
                _ => {
                    sheet.set_column_width(c, width)?;
                }
            }
            let list = list_for(field);
            let validation = match list {
                Some(List::Strings(items)) => Some(DataValidation::new().allow_list_strings(&items)?),
                Some(List::Range(range)) => {
                    Some(DataValidation::new().allow_list_formula(Formula::new(range)))
                }
                None => None,
            };
            if let Some(v) = validation {
                // Offices type what the list does not hold too (三级, 高级工): warn, do not refuse.
                let v = v.set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Warning);
                sheet.add_data_validation(1, c, ROWS, c, &v)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name("说明")?;
        sheet.set_column_width(0, 110)?;
        for (r, line) in lang.template_notes().iter().enumerate() {
            let format = if r == 0 { header.clone() } else { Format::new() };
            sheet.write_string_with_format(r as u32, 0, *line, &format)?;
        }
    }
    code_sheet(
        &mut book,
        "民族",
        &header,
        codes::ethnicities()
            .iter()
            .map(|e| vec![e.code.to_string(), e.name.to_string()]),
    )?;
    code_sheet(
        &mut book,
        "学历",
        &header,
        codes::education_levels()
            .iter()
            .map(|e| vec![e.code.to_string(), e.name.to_string()]),
    )?;
    code_sheet(
        &mut book,
        "职业",
        &header,
        codes::occupations().iter().map(|o| {
            vec![
                o.code.to_string(),
                o.name.to_string(),
                format!("{} {}", o.code, o.name),
            ]
        }),
    )?;
    code_sheet(
        &mut book,
        "技能等级",
        &header,
        SkillGrade::ALL
            .iter()
            .map(|g| vec![g.rank().to_string(), g.label_zh().to_string()]),
    )?;
    book.save_to_buffer()
}

fn code_sheet(
    book: &mut Workbook,
    name: &str,
    header: &Format,
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    for (c, h) in ["代码", "名称", "代码和名称"].iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, header)?;
        sheet.set_column_width(c as u16, if c == 0 { 12 } else { 30 })?;
    }
    for (r, row) in rows.enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v)?;
        }
    }
    Ok(())
}
