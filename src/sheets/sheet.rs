//! Reading a spreadsheet file into plain grids of cells: `.xlsx`, `.xls` and `.ods`
//! through calamine (merged cells filled in), and `.csv` in UTF-8, UTF-8 with a BOM,
//! UTF-16 (Excel's "Unicode text") or GB18030/GBK (what Excel on a Chinese Windows
//! writes), detected from the bytes, never asked. The format is told by the file's
//! content, not its name, so a renamed file is still read (or refused) for what it is.

use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::NaiveDate;

use super::bounds::{Budget, GridBuilder};

/// One cell as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    /// What a person sees in the cell: whole numbers without `.0`, dates as `2023-05-01`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }

    /// Empty, or text of nothing but spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => crate::domain::text::normalise(s).is_empty(),
            _ => false,
        }
    }
}

/// A number as Excel shows it in a General cell.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e17 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One sheet: its rows from the first row of the sheet (row `i` is spreadsheet row `i + 1`).
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// Columns in the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// True when no cell holds anything.
    pub fn is_blank(&self) -> bool {
        self.rows.iter().all(|r| r.iter().all(Cell::is_blank))
    }
}

/// How a text file was encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Gb18030,
}

/// What kind of file it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum FileFormat {
    Xlsx,
    Xls,
    Ods,
    Csv(TextEncoding),
}

/// A file read into its sheets.
#[derive(Clone, Debug)]
pub struct Workbook {
    pub format: FileFormat,
    pub sheets: Vec<Grid>,
}

/// Why a file could not be read. Nothing is ever written when one of these happens.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read the file: {0}")]
    Io(String),
    #[error("the file holds nothing")]
    Empty,
    #[error("not a spreadsheet")]
    NotASpreadsheet,
    #[error("password protected")]
    PasswordProtected,
    #[error("damaged spreadsheet: {0}")]
    Damaged(String),
    /// The file declares or holds more than can be read (see `sheets::bounds`).
    #[error("too large: {0:?}")]
    TooLarge(super::bounds::TooLarge),
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a file's bytes. What the file declares and holds is bounded
/// (`sheets::bounds`): a file asking for more is refused with `ReadError::TooLarge`
/// before anything is allocated for it, and a reader that panics on a malformed file
/// gives `ReadError::Damaged`: a spreadsheet never takes the program down.
pub fn read_bytes(bytes: &[u8]) -> Result<Workbook, ReadError> {
    super::bounds::check_file_size(bytes.len() as u64)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let read = || {
        if bytes.starts_with(ZIP_MAGIC) {
            read_zip(bytes)
        } else if bytes.starts_with(CFB_MAGIC) {
            read_cfb(bytes)
        } else {
            read_text(bytes)
        }
    };
    let book = std::panic::catch_unwind(read)
        .map_err(|_| ReadError::Damaged("the reader stopped on this file".into()))??;
    if book.sheets.iter().all(Grid::is_blank) {
        return Err(ReadError::Empty);
    }
    Ok(book)
}

/// Reads a file from disk; also returns its bytes (for the SHA-256 in the history). A
/// file larger than `bounds::MAX_FILE_BYTES` is refused before it is read.
pub fn read_path(path: &std::path::Path) -> Result<(Workbook, Vec<u8>), ReadError> {
    let size = std::fs::metadata(path)
        .map_err(|e| ReadError::Io(e.to_string()))?
        .len();
    super::bounds::check_file_size(size)?;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            std::io::Read::read_to_end(
                &mut std::io::Read::take(f, super::bounds::MAX_FILE_BYTES + 1),
                &mut bytes,
            )
        })
        .map_err(|e| ReadError::Io(e.to_string()))?;
    let book = read_bytes(&bytes)?;
    Ok((book, bytes))
}

/// `.xlsx` (or `.ods`): a ZIP archive.
fn read_zip(bytes: &[u8]) -> Result<Workbook, ReadError> {
    super::bounds::check_archive(bytes)?;
    if let Ok(mut book) = calamine::Xlsx::new(Cursor::new(bytes)) {
        let mut all_merged = super::merged_cells::xlsx_merged_regions(bytes);
        let mut budget = Budget::default();
        let mut sheets = Vec::new();
        for name in book.sheet_names() {
            let merged = match all_merged.as_mut().and_then(|m| m.remove(&name)) {
                Some(merged) => merged,
                None => book.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            };
            sheets.push(xlsx_sheet(&mut book, name, &merged, &mut budget)?);
        }
        return Ok(Workbook {
            format: FileFormat::Xlsx,
            sheets,
        });
    }
    super::bounds::check_ods(bytes)?;
    match calamine::Ods::new(Cursor::new(bytes)) {
        Ok(mut book) => {
            let mut budget = Budget::default();
            let mut sheets = Vec::new();
            for name in book.sheet_names() {
                let range = book
                    .worksheet_range(&name)
                    .map_err(|e| ReadError::Damaged(e.to_string()))?;
                sheets.push(grid(name, &range, &[], &mut budget)?);
            }
            Ok(Workbook {
                format: FileFormat::Ods,
                sheets,
            })
        }
        // A ZIP that is neither: a Word document, an archive.
        Err(_) => Err(ReadError::NotASpreadsheet),
    }
}

/// One `.xlsx` sheet, cell by cell as its XML lists them (never as calamine's grid, which
/// spans from the first used cell to the last: one value in XFD1048576 would make it 17
/// billion cells), within the budget.
fn xlsx_sheet(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: String,
    merged: &[calamine::Dimensions],
    budget: &mut Budget,
) -> Result<Grid, ReadError> {
    use calamine::DataRef;
    let damaged = |e: calamine::XlsxError| ReadError::Damaged(e.to_string());
    let mut g = GridBuilder::new(name.clone(), budget);
    let mut cells = match book.worksheet_cells_reader(&name) {
        Ok(reader) => reader,
        // A chart sheet, a dialog sheet: nothing to read.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(g.finish()),
        Err(e) => return Err(damaged(e)),
    };
    while let Some(c) = cells.next_cell().map_err(damaged)? {
        let (row, col) = c.get_position();
        let (row, col) = (u64::from(row), u64::from(col));
        g.check_position(row, col)?;
        let text = match c.get_value() {
            DataRef::SharedString(s) => Some(*s),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(s.as_str()),
            _ => None,
        };
        if let Some(t) = text {
            g.check_text(t, row, col)?;
        }
        let value = match c.get_value() {
            DataRef::Empty => continue,
            DataRef::SharedString(s) => Data::String((*s).to_string()),
            other => Data::from(other.clone()),
        };
        g.put(row, col, cell(&value))?;
    }
    drop(cells);
    for m in merged {
        let (r0, c0) = (u64::from(m.start.0), u64::from(m.start.1));
        let (r1, c1) = (u64::from(m.end.0), u64::from(m.end.1));
        g.fill_merged(r0, c0, r1, c1)?;
    }
    Ok(g.finish())
}

/// `.xls`, or an encrypted `.xlsx` (Office wraps those in a compound file too).
fn read_cfb(bytes: &[u8]) -> Result<Workbook, ReadError> {
    if contains_utf16(bytes, "EncryptedPackage") || contains_utf16(bytes, "EncryptionInfo") {
        return Err(ReadError::PasswordProtected);
    }
    super::bounds::check_xls(bytes)?;
    let mut book = match calamine::Xls::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(calamine::XlsError::Password) => return Err(ReadError::PasswordProtected),
        Err(_) => return Err(ReadError::NotASpreadsheet),
    };
    let mut budget = Budget::default();
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(calamine::XlsError::Password) => return Err(ReadError::PasswordProtected),
            Err(e) => return Err(ReadError::Damaged(e.to_string())),
        };
        let merged = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        sheets.push(grid(name, &range, &merged, &mut budget)?);
    }
    Ok(Workbook {
        format: FileFormat::Xls,
        sheets,
    })
}

fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(pattern.len()).any(|w| w == pattern.as_slice())
}

/// A calamine range as rows from the sheet's first row, merged regions filled with the
/// value of their top-left cell (a merged header "证书信息" over three columns names all
/// three), within the budget.
fn grid(
    name: String,
    range: &calamine::Range<Data>,
    merged: &[calamine::Dimensions],
    budget: &mut Budget,
) -> Result<Grid, ReadError> {
    let mut g = GridBuilder::new(name, budget);
    for (row, col, value) in range.used_cells() {
        let (row, col) = (row as u64, col as u64);
        let (row, col) = match range.start() {
            Some((r0, c0)) => (row + u64::from(r0), col + u64::from(c0)),
            None => (row, col),
        };
        if let Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) = value {
            g.check_text(s, row, col)?;
        }
        g.put(row, col, cell(value))?;
    }
    for m in merged {
        let (r0, c0) = (u64::from(m.start.0), u64::from(m.start.1));
        let (r1, c1) = (u64::from(m.end.0), u64::from(m.end.1));
        g.fill_merged(r0, c0, r1, c1)?;
    }
    Ok(g.finish())
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match crate::domain::text::date_from_excel_serial(dt.as_f64()) {
            Some(d) if dt.is_datetime() => Cell::Date(d),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    }
}

/// A CSV (or tab-separated) text file in any of the encodings offices produce.
fn read_text(bytes: &[u8]) -> Result<Workbook, ReadError> {
    let (text, encoding) = decode(bytes)?;
    let looks_binary = text
        .chars()
        .take(64 * 1024)
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{1a}'))
        .count()
        > 0;
    if looks_binary {
        return Err(ReadError::NotASpreadsheet);
    }
    let delimiter = guess_delimiter(&text);
    let text = keep_blank_lines(&text, delimiter as char);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut budget = Budget::default();
    let mut g = GridBuilder::new(String::new(), &mut budget);
    let mut record = csv::StringRecord::new();
    let mut row = 0u64;
    while reader
        .read_record(&mut record)
        .map_err(|e| ReadError::Damaged(e.to_string()))?
    {
        // Blank lines are rows too: a file of nothing but line breaks is as long as a sheet.
        g.check_position(row, 0)?;
        for (col, f) in record.iter().enumerate() {
            if !f.is_empty() {
                g.check_position(row, col as u64)?;
                g.check_text(f, row, col as u64)?;
                g.put(row, col as u64, Cell::Text(f.to_string()))?;
            }
        }
        row += 1;
    }
    let mut grid = g.finish();
    // Every line is a row, blank ones too (the row numbers messages give are the file's).
    grid.rows.resize_with(row as usize, Vec::new);
    Ok(Workbook {
        format: FileFormat::Csv(encoding),
        sheets: vec![grid],
    })
}

/// The text and how it was encoded: a BOM says so; else valid UTF-8 is UTF-8; else it
/// must decode as GB18030 (a superset of GBK and GB2312) without a single bad sequence.
fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|_| ReadError::NotASpreadsheet)?;
        return Ok((text.to_string(), TextEncoding::Utf8Bom));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            return Err(ReadError::NotASpreadsheet);
        }
        return Ok((text.into_owned(), TextEncoding::Utf16));
    }
    if bytes.contains(&0) {
        return Err(ReadError::NotASpreadsheet);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), TextEncoding::Utf8));
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok((text.into_owned(), TextEncoding::Gb18030)),
        None => Err(ReadError::NotASpreadsheet),
    }
}

/// The csv reader skips blank lines, but a spreadsheet shows them as empty rows and the
/// row numbers in messages must be the ones Excel shows: each blank line outside a quoted
/// cell gets a lone delimiter, which reads as an empty row.
fn keep_blank_lines(text: &str, delimiter: char) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_quotes = false;
    let mut line_empty = true;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes && line_empty => out.push(delimiter),
            _ => {}
        }
        out.push(c);
        if c == '\n' && !in_quotes {
            line_empty = true;
        } else if c != '\r' {
            line_empty = false;
        }
    }
    out
}

/// Comma, tab or semicolon: whichever the first lines use most.
fn guess_delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| head.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_utf8_bom_and_utf16_csv_read_the_same() {
        let csv = "姓名,身份证号\n张三,150102199003071237\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(csv);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(csv.as_bytes());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(csv.replace(',', "\t").encode_utf16().flat_map(u16::to_le_bytes));
        for (bytes, encoding) in [
            (gbk.to_vec(), TextEncoding::Gb18030),
            (bom, TextEncoding::Utf8Bom),
            (csv.as_bytes().to_vec(), TextEncoding::Utf8),
            (utf16, TextEncoding::Utf16),
        ] {
            let book = read_bytes(&bytes).unwrap();
            assert_eq!(book.format, FileFormat::Csv(encoding));
            let g = &book.sheets[0];
            assert_eq!(g.cell(0, 0).text(), "姓名");
            assert_eq!(g.cell(1, 0).text(), "张三");
            assert_eq!(g.cell(1, 1).text(), "150102199003071237");
        }
    }

    #[test]
    fn blank_lines_keep_the_row_numbers_excel_shows() {
        let book = read_bytes("标题\n\n姓名,备注\n张三,\"两行\n备注\"\n李四,x\n".as_bytes()).unwrap();
        let g = &book.sheets[0];
        assert_eq!(g.cell(2, 0).text(), "姓名");
        assert_eq!(g.cell(3, 0).text(), "张三");
        assert_eq!(g.cell(4, 0).text(), "李四");
    }

    #[test]
    fn binary_and_empty_files_are_named() {
        assert_eq!(read_bytes(b"").unwrap_err(), ReadError::Empty);
        assert_eq!(read_bytes(b"  \r\n").unwrap_err(), ReadError::Empty);
        assert_eq!(read_bytes(b",,,\n,,\n").unwrap_err(), ReadError::Empty);
        assert_eq!(
            read_bytes(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2]).unwrap_err(),
            ReadError::NotASpreadsheet
        );
        assert_eq!(
            read_bytes(b"PK\x03\x04not really a zip").unwrap_err(),
            ReadError::NotASpreadsheet
        );
        let mut encrypted = CFB_MAGIC.to_vec();
        encrypted.extend(vec![0u8; 512]);
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read_bytes(&encrypted).unwrap_err(), ReadError::PasswordProtected);
    }

    #[test]
    fn numbers_show_as_excel_shows_them() {
        assert_eq!(Cell::Number(45047.0).text(), "45047");
        assert_eq!(Cell::Number(12.5).text(), "12.5");
    }
}
