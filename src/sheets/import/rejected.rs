//! The rejected rows given back as a workbook, ready to fix and import again.

use super::*;
use crate::lang::Lang;
use crate::sheets::Words;
use crate::sheets::sheet::Cell;

/// The rejected rows as a workbook: the file's own header and cells, then an error
/// column and the original row number (both ignored when the fixed file is imported).
pub fn failed_rows_xlsx(plan: &Plan, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.rejected_sheet())?;
    let bold = Format::new().set_bold();
    let red = Format::new().set_font_color(rust_xlsxwriter::Color::RGB(0xC0_00_00));
    let text_format = Format::new().set_num_format("@");
    let width = plan.mapping.headers.len();
    for (c, h) in plan.mapping.headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
        sheet.set_column_width(c as u16, 14)?;
    }
    sheet.write_string_with_format(0, width as u16, "错误说明", &bold)?;
    sheet.write_string_with_format(0, width as u16 + 1, "原行号", &bold)?;
    sheet.set_column_width(width as u16, 60)?;
    for (r, row) in (1u32..).zip(plan.rows.iter().filter(|r| r.status == RowStatus::Error)) {
        for (c, cell) in row.cells.iter().enumerate().take(width) {
            match cell {
                Cell::Empty => {}
                Cell::Number(n) => {
                    sheet.write_number(r, c as u16, *n)?;
                }
                Cell::Date(d) => {
                    sheet.write_string(r, c as u16, d.to_string())?;
                }
                other => {
                    sheet.write_string_with_format(r, c as u16, other.text(), &text_format)?;
                }
            }
        }
        let message = row
            .errors()
            .map(|i| issue_text(i, lang))
            .collect::<Vec<_>>()
            .join("；");
        sheet.write_string_with_format(r, width as u16, message, &red)?;
        sheet.write_number(r, width as u16 + 1, row.row as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
