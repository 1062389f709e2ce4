//! What a spreadsheet may declare and hold, checked before anything is allocated for it.
//!
//! A 59 KB `.xlsx` with one value in cell XFD1048576 asks a naive reader for a grid of
//! 17 billion cells; a 1.1 MB zip can hold a 1 GB cell; an `.ods` can repeat one cell a
//! million times in a few bytes; an `.xls` can declare a sheet of 4 billion rows or a
//! stream whose sectors run in a circle. Each is refused here with a message naming the
//! file, the sheet and the cell, before the reader (calamine, the csv crate) sees it:
//!
//! - the file: at most [`MAX_FILE_BYTES`];
//! - an archive (`.xlsx`, `.ods`): at most [`MAX_ZIP_ENTRIES`] entries declaring at most
//!   [`MAX_INFLATED_BYTES`] together (the zip reader stops any entry at its declared
//!   size), and a shared-string table declaring no more strings than its bytes can hold;
//! - every sheet together: at most [`MAX_CELLS`] cells held (the grid from the first
//!   column to each row's last value), no cell beyond Excel's last row and column, no
//!   cell text over [`MAX_CELL_CHARS`] characters (Excel's own limit), at most
//!   [`MAX_TEXT_BYTES`] of text;
//! - `.ods`: what its repeated rows and cells expand to, counted from the XML as calamine
//!   will expand them; `.xls`: the compound file's chains followed without a loop and
//!   within the file, and each sheet's declared dimensions and cells' bounding box (the
//!   grid calamine allocates), counted from its records.
//!
//! The figures are far above any roster an office keeps (5 million cells is 100,000 rows
//! of 50 columns) and far below what a 4 GB machine can hold.

use std::io::{Cursor, Read};

use super::sheet::{Cell, Grid, ReadError};

/// The largest spreadsheet file read.
pub const MAX_FILE_BYTES: u64 = 128 << 20;
/// What an archive's entries may inflate to together.
pub const MAX_INFLATED_BYTES: u64 = 512 << 20;
/// The most entries an archive may have.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The most cells all sheets of a file may hold together.
pub const MAX_CELLS: u64 = 5_000_000;
/// The longest text a cell may hold (Excel's limit).
pub const MAX_CELL_CHARS: usize = 32_767;
/// The most text all cells may hold together.
pub const MAX_TEXT_BYTES: u64 = 256 << 20;
/// Excel's last row and column (XFD1048576).
pub const MAX_ROWS: u64 = 1_048_576;
pub const MAX_COLUMNS: u64 = 16_384;

/// Why a file is too large to read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TooLarge {
    /// The file itself is larger than [`MAX_FILE_BYTES`].
    File { bytes: u64 },
    /// The archive's entries inflate to more than [`MAX_INFLATED_BYTES`], or it has more
    /// than [`MAX_ZIP_ENTRIES`] entries.
    Inflated { bytes: u64, entries: usize },
    /// The sheets declare or hold more than [`MAX_CELLS`] cells; `cell` is where the limit
    /// was passed (A1 form), `sheet` the sheet's name.
    Cells { sheet: String, cell: String, cells: u64 },
    /// A cell beyond Excel's last row or column.
    OutOfSheet { sheet: String, cell: String },
    /// A cell's text is longer than [`MAX_CELL_CHARS`].
    Cell {
        sheet: String,
        cell: String,
        chars: usize,
    },
    /// All cells' texts together are more than [`MAX_TEXT_BYTES`].
    Text { sheet: String, cell: String },
}

impl TooLarge {
    fn error(self) -> ReadError {
        ReadError::TooLarge(self)
    }
}

/// A cell's name as a spreadsheet shows it: (0, 0) → "A1", (1048575, 16383) → "XFD1048576".
pub fn cell_name(row: u64, col: u64) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// A file's size, before it is read.
pub fn check_file_size(bytes: u64) -> Result<(), ReadError> {
    if bytes > MAX_FILE_BYTES {
        return Err(TooLarge::File { bytes }.error());
    }
    Ok(())
}

/// What every sheet of a file has held so far.
#[derive(Debug, Default)]
pub struct Budget {
    cells: u64,
    text: u64,
}

impl Budget {
    /// `more` cells more, reaching `cell` of `sheet`.
    pub fn cells(&mut self, more: u64, sheet: &str, row: u64, col: u64) -> Result<(), ReadError> {
        self.cells = self.cells.saturating_add(more);
        if self.cells > MAX_CELLS {
            return Err(TooLarge::Cells {
                sheet: sheet.to_string(),
                cell: cell_name(row, col),
                cells: self.cells,
            }
            .error());
        }
        Ok(())
    }

    /// A text about to be held in `cell`: at most [`MAX_CELL_CHARS`], and within
    /// [`MAX_TEXT_BYTES`] with all others.
    pub fn text(&mut self, text: &str, sheet: &str, row: u64, col: u64) -> Result<(), ReadError> {
        if text.len() > MAX_CELL_CHARS {
            let chars = text.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(TooLarge::Cell {
                    sheet: sheet.to_string(),
                    cell: cell_name(row, col),
                    chars,
                }
                .error());
            }
        }
        self.text = self.text.saturating_add(text.len() as u64);
        if self.text > MAX_TEXT_BYTES {
            return Err(TooLarge::Text {
                sheet: sheet.to_string(),
                cell: cell_name(row, col),
            }
            .error());
        }
        Ok(())
    }
}

/// A sheet's grid built cell by cell within the budget: rows from the first row of the
/// sheet, each as long as its last value. What it holds is counted as the rectangle from
/// A1 to its last row and column (what every later step, from finding the header to
/// writing the rejected rows back, may walk).
pub struct GridBuilder<'b> {
    name: String,
    rows: Vec<Vec<Cell>>,
    /// The rectangle counted so far: rows and columns.
    extent: (u64, u64),
    budget: &'b mut Budget,
}

impl<'b> GridBuilder<'b> {
    pub fn new(name: String, budget: &'b mut Budget) -> GridBuilder<'b> {
        GridBuilder {
            name,
            rows: Vec::new(),
            extent: (0, 0),
            budget,
        }
    }

    /// Whether a cell is beyond Excel's last row or column.
    pub fn check_position(&self, row: u64, col: u64) -> Result<(), ReadError> {
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(TooLarge::OutOfSheet {
                sheet: self.name.clone(),
                cell: cell_name(row, col),
            }
            .error());
        }
        Ok(())
    }

    /// Checks a text before it is copied into a cell.
    pub fn check_text(&mut self, text: &str, row: u64, col: u64) -> Result<(), ReadError> {
        self.budget.text(text, &self.name, row, col)
    }

    /// Grows the counted rectangle to hold `(row, col)`.
    fn reach(&mut self, row: u64, col: u64) -> Result<(), ReadError> {
        self.check_position(row, col)?;
        let (rows, cols) = self.extent;
        let grown = (rows.max(row + 1), cols.max(col + 1));
        if grown != self.extent {
            let more = grown.0 * grown.1 - rows * cols;
            self.budget.cells(more, &self.name, row, col)?;
            self.extent = grown;
        }
        Ok(())
    }

    /// Puts a value (its text already counted by [`GridBuilder::check_text`]).
    pub fn put(&mut self, row: u64, col: u64, cell: Cell) -> Result<(), ReadError> {
        if cell == Cell::Empty {
            return Ok(());
        }
        self.reach(row, col)?;
        let (r, c) = (row as usize, col as usize);
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        if self.rows[r].len() <= c {
            self.rows[r].resize(c + 1, Cell::Empty);
        }
        self.rows[r][c] = cell;
        Ok(())
    }

    /// Fills a merged region's blank cells with its top-left value (at most 200 rows, as
    /// a header spans), within the budget.
    pub fn fill_merged(&mut self, r0: u64, c0: u64, r1: u64, c1: u64) -> Result<(), ReadError> {
        let value = self
            .rows
            .get(r0 as usize)
            .and_then(|r| r.get(c0 as usize))
            .cloned()
            .unwrap_or(Cell::Empty);
        if value.is_blank() || r1.saturating_sub(r0) > 200 || c1 < c0 {
            return Ok(());
        }
        let last = r1.min(self.rows.len().saturating_sub(1) as u64);
        self.reach(last, c1)?;
        for r in r0..=last {
            let row = &mut self.rows[r as usize];
            if row.len() as u64 <= c1 {
                row.resize(c1 as usize + 1, Cell::Empty);
            }
            for c in row.iter_mut().take(c1 as usize + 1).skip(c0 as usize) {
                if c.is_blank() {
                    if let Cell::Text(t) = &value {
                        self.budget.text(t, &self.name, r, c0)?;
                    }
                    *c = value.clone();
                }
            }
        }
        Ok(())
    }

    /// The grid, each row without the blank cells at its end.
    pub fn finish(mut self) -> Grid {
        for row in &mut self.rows {
            while row.last().is_some_and(Cell::is_blank) {
                row.pop();
            }
        }
        Grid {
            name: self.name,
            rows: self.rows,
        }
    }
}

/// An archive's entries: how many, and what they declare they inflate to (the zip reader
/// refuses to inflate an entry past its declared size, so this bounds what any reader of
/// it can be given). Then the shared-string table's declared count, which calamine
/// reserves room for before reading a string.
pub fn check_archive(bytes: &[u8]) -> Result<(), ReadError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Err(ReadError::NotASpreadsheet);
    };
    let entries = zip.len();
    let mut total: u64 = 0;
    let mut shared = None;
    for i in 0..entries.min(MAX_ZIP_ENTRIES + 1) {
        let Ok(file) = zip.by_index_raw(i) else {
            return Err(ReadError::Damaged(format!("zip entry {i}")));
        };
        total = total.saturating_add(file.size());
        if file
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        {
            shared = Some((i, file.size()));
        }
    }
    if entries > MAX_ZIP_ENTRIES || total > MAX_INFLATED_BYTES {
        return Err(TooLarge::Inflated {
            bytes: total,
            entries,
        }
        .error());
    }
    if let Some((i, size)) = shared
        && let Ok(file) = zip.by_index(i)
        && let Some(count) = declared_strings(file)
        // Each string takes at least "<si/>" (5 bytes): more cannot be in the table.
        && count > size / 5 + 1
    {
        return Err(ReadError::Damaged(format!(
            "the shared strings declare {count} strings in {size} bytes"
        )));
    }
    Ok(())
}

/// The `uniqueCount` of a shared-string table's `<sst>` element.
fn declared_strings(xml: impl Read) -> Option<u64> {
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(xml.take(1 << 16)));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == "sst" =>
            {
                let count = e.try_get_attribute("uniqueCount").ok()??;
                return count.value.trim().parse().ok();
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// An `.ods`'s `content.xml`, counted as calamine will expand it: per sheet, the cells
/// its rows push (repeated cells up to the row's last value) and the grid from its first
/// row to its last row with a value (repeated rows included) as wide as its widest row;
/// the texts as often as they are repeated.
pub fn check_ods(bytes: &[u8]) -> Result<(), ReadError> {
    use quick_xml::events::Event;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let mut count = OdsCount::default();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| ReadError::Damaged(e.to_string()))?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "table:table" => count.start_sheet(&e),
                "table:table-row" => count.start_row(&e),
                "table:table-cell" | "table:covered-table-cell" => count.start_cell(&e),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    count.start_sheet(&e);
                    count.end_sheet()?;
                }
                "table:table-row" => {
                    count.start_row(&e);
                    count.end_row()?;
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    count.start_cell(&e);
                    count.end_cell();
                }
                _ => {}
            },
            Event::Text(t) if count.in_cell => {
                count.cell_text = count.cell_text.saturating_add(t.len() as u64);
                count.cell_value = true;
            }
            Event::End(e) => match e.name().as_ref() {
                "table:table" => count.end_sheet()?,
                "table:table-row" => count.end_row()?,
                "table:table-cell" | "table:covered-table-cell" => count.end_cell(),
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// What an `.ods` expands to so far (see [`check_ods`]).
#[derive(Default)]
struct OdsCount {
    budget: Budget,
    /// The cells calamine pushes before it builds the grids.
    pushed: u64,
    sheet: String,
    rows: u64,
    last_row: u64,
    width: u64,
    row_repeat: u64,
    cols: u64,
    last_col: u64,
    row_text: u64,
    in_cell: bool,
    cell_repeat: u64,
    cell_value: bool,
    cell_text: u64,
}

/// A repeat attribute's count, at least 1 and at most `max`.
fn repeat(e: &quick_xml::events::BytesStart<'_>, name: &str, max: u64) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, max.max(1))
}

impl OdsCount {
    fn start_sheet(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        self.sheet = e
            .try_get_attribute("table:name")
            .ok()
            .flatten()
            .map(|a| a.value.into_owned())
            .unwrap_or_default();
        (self.rows, self.last_row, self.width) = (0, 0, 0);
    }

    fn end_sheet(&mut self) -> Result<(), ReadError> {
        let (rows, width) = (self.last_row, self.width);
        if rows > 0 && width > 0 {
            self.budget
                .cells(rows.saturating_mul(width), &self.sheet, rows - 1, width - 1)?;
        }
        Ok(())
    }

    fn start_row(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        self.row_repeat = repeat(
            e,
            "table:number-rows-repeated",
            MAX_ROWS.saturating_sub(self.rows),
        );
        (self.cols, self.last_col, self.row_text) = (0, 0, 0);
    }

    fn end_row(&mut self) -> Result<(), ReadError> {
        self.rows = self.rows.saturating_add(self.row_repeat).min(MAX_ROWS);
        if self.last_col == 0 {
            return Ok(());
        }
        self.pushed = self.pushed.saturating_add(self.last_col);
        let here = cell_name(self.rows - 1, self.last_col - 1);
        if self.pushed > MAX_CELLS {
            return Err(TooLarge::Cells {
                sheet: self.sheet.clone(),
                cell: here,
                cells: self.pushed,
            }
            .error());
        }
        self.last_row = self.rows;
        self.width = self.width.max(self.last_col);
        let grid = self
            .budget
            .cells
            .saturating_add(self.last_row.saturating_mul(self.width));
        if grid > MAX_CELLS {
            return Err(TooLarge::Cells {
                sheet: self.sheet.clone(),
                cell: here,
                cells: grid,
            }
            .error());
        }
        self.budget.text = self
            .budget
            .text
            .saturating_add(self.row_text.saturating_mul(self.row_repeat));
        if self.budget.text > MAX_TEXT_BYTES {
            return Err(TooLarge::Text {
                sheet: self.sheet.clone(),
                cell: here,
            }
            .error());
        }
        Ok(())
    }

    fn start_cell(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        self.cell_repeat = repeat(e, "table:number-columns-repeated", MAX_COLUMNS);
        self.cell_value = false;
        self.cell_text = 0;
        for a in e.attributes().flatten() {
            if matches!(
                a.key.as_ref(),
                "office:value-type" | "office:value" | "office:string-value" | "table:formula"
            ) {
                self.cell_value = true;
                self.cell_text = self.cell_text.saturating_add(a.value.len() as u64);
            }
        }
        self.in_cell = true;
    }

    fn end_cell(&mut self) {
        self.in_cell = false;
        self.cols = self.cols.saturating_add(self.cell_repeat).min(MAX_COLUMNS);
        if self.cell_value {
            self.last_col = self.cols;
            self.row_text = self
                .row_text
                .saturating_add(self.cell_text.saturating_mul(self.cell_repeat));
        }
    }
}

/// An `.xls`: its compound file followed as calamine will follow it (every chain within
/// the file and without a loop, every stream no longer than the file), then the workbook
/// stream's records: each sheet's declared dimensions and the bounding box of its cells
/// (the grids calamine allocates), and the text its cells hold (a shared string as often
/// as cells name it).
pub fn check_xls(bytes: &[u8]) -> Result<(), ReadError> {
    let damaged = |what: &str| ReadError::Damaged(format!("compound file: {what}"));
    let cfb = Cfb::new(bytes).map_err(damaged)?;
    let stream = ["Workbook", "Book"]
        .iter()
        .find_map(|name| cfb.stream(name).transpose())
        .transpose()
        .map_err(damaged)?;
    match stream {
        Some(stream) => check_biff(&stream),
        // calamine says what is missing.
        None => Ok(()),
    }
}

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;

/// The parts of a compound file calamine reads, read the same way, but refusing what
/// would make it loop or allocate beyond the file.
struct Cfb<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    /// (name, first sector, length) of every directory entry.
    entries: Vec<(String, u32, u64)>,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

impl<'a> Cfb<'a> {
    fn new(bytes: &'a [u8]) -> Result<Cfb<'a>, &'static str> {
        if bytes.len() < 512 {
            return Err("shorter than its header");
        }
        let sector = match u16_at(bytes, 30) {
            9 => 512,
            12 => 4096,
            _ => return Err("sector size"),
        };
        let mut cfb = Cfb {
            bytes,
            sector,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            entries: Vec::new(),
        };
        let sectors = bytes.len() / sector;
        // The FAT's sectors: 109 in the header, then the DIFAT chain.
        let mut difat: Vec<u32> = (0..109).map(|i| u32_at(bytes, 76 + 4 * i)).collect();
        let mut next = u32_at(bytes, 68);
        let mut seen = 0;
        while next < 0xFFFF_FFFA {
            seen += 1;
            if seen > sectors + 1 {
                return Err("DIFAT chain");
            }
            let s = cfb.sector_bytes(next).ok_or("DIFAT chain")?;
            let ids: Vec<u32> = (0..sector / 4).map(|i| u32_at(s, 4 * i)).collect();
            difat.extend_from_slice(&ids[..ids.len() - 1]);
            next = ids[ids.len() - 1];
        }
        for id in difat.into_iter().filter(|id| *id < 0xFFFF_FFFC) {
            let s = cfb.sector_bytes(id).ok_or("FAT sector beyond the file")?;
            cfb.fat.extend((0..sector / 4).map(|i| u32_at(s, 4 * i)));
        }
        let dir = cfb.chain(u32_at(bytes, 48), u64::MAX, false)?;
        cfb.entries = dir
            .chunks_exact(128)
            .map(|e| {
                let units: Vec<u16> = (0..32)
                    .map(|i| u16_at(e, 2 * i))
                    .take_while(|u| *u != 0)
                    .collect();
                let len = if sector == 512 {
                    u64::from(u32_at(e, 120))
                } else {
                    u64::from(u32_at(e, 120)) | (u64::from(u32_at(e, 124)) << 32)
                };
                (String::from_utf16_lossy(&units), u32_at(e, 116), len)
            })
            .collect();
        let Some((_, root_start, root_len)) = cfb.entries.first().cloned() else {
            return Err("no root directory");
        };
        let mini_fat_sectors = u64::from(u32_at(bytes, 64));
        if mini_fat_sectors > 0 {
            cfb.mini_stream = cfb.chain(root_start, root_len, false)?;
            let mini_fat = cfb.chain(
                u32_at(bytes, 60),
                mini_fat_sectors.saturating_mul(sector as u64),
                false,
            )?;
            cfb.mini_fat = (0..mini_fat.len() / 4)
                .map(|i| u32_at(&mini_fat, 4 * i))
                .collect();
        }
        Ok(cfb)
    }

    fn sector_bytes(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize + 1).checked_mul(self.sector)?;
        let bytes: &'a [u8] = self.bytes;
        bytes
            .get(start..(start + self.sector).min(bytes.len()))
            .filter(|s| !s.is_empty())
    }

    /// A chain's bytes up to `len` (calamine stops there too): every sector in the file,
    /// none twice, `len` no more than the file holds.
    fn chain(&self, start: u32, len: u64, mini: bool) -> Result<Vec<u8>, &'static str> {
        let (size, fat, total) = if mini {
            (64, &self.mini_fat, self.mini_stream.len())
        } else {
            (self.sector, &self.fat, self.bytes.len())
        };
        if len != u64::MAX && len > total as u64 {
            return Err("a stream longer than the file");
        }
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut id = start;
        while id != ENDOFCHAIN && (out.len() as u64) < len {
            if id == FREESECT || !seen.insert(id) {
                return Err("a chain of sectors that loops");
            }
            let part = if mini {
                let at = id as usize * 64;
                self.mini_stream
                    .get(at..(at + 64).min(self.mini_stream.len()))
                    .ok_or("mini sector")?
            } else {
                self.sector_bytes(id).ok_or("a sector beyond the file")?
            };
            let take = part
                .len()
                .min(usize::try_from(len - out.len() as u64).unwrap_or(usize::MAX));
            out.extend_from_slice(&part[..take]);
            id = *fat
                .get(id as usize)
                .ok_or("a sector the allocation table does not list")?;
            if out.len() > total + size {
                return Err("a stream longer than the file");
            }
        }
        Ok(out)
    }

    /// A stream by name (any case), as calamine reads it.
    fn stream(&self, name: &str) -> Result<Option<Vec<u8>>, &'static str> {
        let Some((_, start, len)) = self.entries.iter().find(|(n, _, _)| n.eq_ignore_ascii_case(name)) else {
            return Ok(None);
        };
        let mini = *len < 4096;
        self.chain(*start, *len, mini).map(Some)
    }
}

/// One BIFF record: its type, its data and the data of the CONTINUE records after it.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// The records of a workbook stream from `at`, as calamine's iterator reads them.
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = Record<'_>> {
    let mut rest = stream.get(at..).unwrap_or(&[]);
    std::iter::from_fn(move || {
        if rest.len() < 4 {
            return None;
        }
        let typ = u16_at(rest, 0);
        let len = u16_at(rest, 2) as usize;
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        let mut cont = Vec::new();
        while rest.len() > 4 && u16_at(rest, 0) == 0x003C {
            let len = u16_at(rest, 2) as usize;
            let Some(c) = rest.get(4..4 + len) else {
                break;
            };
            cont.push(c);
            rest = &rest[4 + len..];
        }
        Some(Record { typ, data, cont })
    })
}

/// The character count of every string of the shared-string table (SST), read as
/// calamine reads the strings (CONTINUE records included).
fn sst_lengths(r: &Record<'_>) -> Vec<u32> {
    let mut parts: Vec<&[u8]> = std::iter::once(r.data.get(8..).unwrap_or(&[]))
        .chain(r.cont.iter().copied())
        .collect();
    parts.reverse();
    let mut data: &[u8] = parts.pop().unwrap_or(&[]);
    let mut out = Vec::new();
    // Skips `n` bytes across CONTINUE records; false at the end of the records.
    fn skip<'a>(data: &mut &'a [u8], parts: &mut Vec<&'a [u8]>, mut n: usize) -> bool {
        while n > 0 {
            if data.is_empty() {
                match parts.pop() {
                    Some(p) => *data = p,
                    None => return false,
                }
            }
            let k = n.min(data.len());
            *data = &data[k..];
            n -= k;
        }
        true
    }
    loop {
        if data.is_empty() {
            match parts.pop() {
                Some(p) => data = p,
                None => return out,
            }
            continue;
        }
        if data.len() < 3 {
            return out;
        }
        let cch = u16_at(data, 0) as usize;
        let flags = data[2];
        data = &data[3..];
        let mut high = flags & 1 != 0;
        let runs = if flags & 8 != 0 {
            let n = u16_at(data, 0) as usize;
            data = data.get(2..).unwrap_or(&[]);
            n
        } else {
            0
        };
        let ext = if flags & 4 != 0 {
            let n = u32_at(data, 0) as usize;
            data = data.get(4..).unwrap_or(&[]);
            n
        } else {
            0
        };
        out.push(cch as u32);
        // The characters, which may continue in the next record after a flags byte.
        let mut left = cch;
        while left > 0 {
            let width = if high { 2 } else { 1 };
            let here = (data.len() / width).min(left);
            data = &data[here * width..];
            left -= here;
            if left > 0 {
                match parts.pop() {
                    Some(p) if !p.is_empty() => {
                        high = p[0] & 1 != 0;
                        data = &p[1..];
                    }
                    _ => return out,
                }
            }
        }
        if !skip(&mut data, &mut parts, runs * 4 + ext) {
            return out;
        }
    }
}

/// A workbook stream's sheets, as calamine reads them (see [`check_xls`]).
fn check_biff(stream: &[u8]) -> Result<(), ReadError> {
    let mut strings: Vec<u32> = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for r in records(stream, 0) {
        match r.typ {
            0x00FC => strings = sst_lengths(&r),
            0x0085 if r.data.len() >= 8 => {
                let name_len = r.data[6] as usize;
                let name = String::from_utf8_lossy(r.data.get(8..8 + name_len).unwrap_or(&[])).into_owned();
                sheets.push((u32_at(r.data, 0) as usize, name));
            }
            0x000A => break,
            _ => {}
        }
    }
    let mut budget = Budget::default();
    for (pos, sheet) in &sheets {
        if *pos >= stream.len() {
            return Err(ReadError::Damaged(format!(
                "sheet {sheet} starts beyond the workbook"
            )));
        }
        // Bounding boxes of the values and of the formulas: (first row, first column,
        // last row, last column).
        let mut values: Option<(u64, u64, u64, u64)> = None;
        let mut formulas: Option<(u64, u64, u64, u64)> = None;
        let grow = |b: &mut Option<(u64, u64, u64, u64)>, row: u64, c0: u64, c1: u64| {
            *b = Some(match *b {
                None => (row, c0, row, c1),
                Some((r0, a, r1, z)) => (r0.min(row), a.min(c0), r1.max(row), z.max(c1)),
            });
        };
        let (mut seen_bof, mut depth) = (false, 0usize);
        let text = |budget: &mut Budget, chars: u64, row: u64, col: u64| -> Result<(), ReadError> {
            if chars > MAX_CELL_CHARS as u64 {
                return Err(TooLarge::Cell {
                    sheet: sheet.clone(),
                    cell: cell_name(row, col),
                    chars: chars as usize,
                }
                .error());
            }
            budget.text = budget.text.saturating_add(chars.saturating_mul(3));
            if budget.text > MAX_TEXT_BYTES {
                return Err(TooLarge::Text {
                    sheet: sheet.clone(),
                    cell: cell_name(row, col),
                }
                .error());
            }
            Ok(())
        };
        for r in records(stream, *pos) {
            if depth > 0 {
                match r.typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let row = u64::from(u16_at(r.data, 0));
            let col = u64::from(u16_at(r.data, 2));
            match r.typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0200 => {
                    let (rf, rl, cf, cl) = match r.data.len() {
                        10 => (
                            u64::from(u16_at(r.data, 0)),
                            u64::from(u16_at(r.data, 2)),
                            u64::from(u16_at(r.data, 4)),
                            u64::from(u16_at(r.data, 6)),
                        ),
                        14 | 16 => (
                            u64::from(u32_at(r.data, 0)),
                            u64::from(u32_at(r.data, 4)),
                            u64::from(u16_at(r.data, 8)),
                            u64::from(u16_at(r.data, 10)),
                        ),
                        _ => continue,
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    let (rows, cols) = if rl >= 1 && cl >= 1 {
                        (
                            rl.wrapping_sub(1).wrapping_sub(rf).wrapping_add(1),
                            (cl - 1).wrapping_sub(cf).wrapping_add(1),
                        )
                    } else {
                        (1, 1)
                    };
                    if rows > MAX_ROWS || cols > MAX_COLUMNS || rows.saturating_mul(cols) > MAX_CELLS {
                        return Err(TooLarge::Cells {
                            sheet: sheet.clone(),
                            cell: cell_name(rl.saturating_sub(1), cl.saturating_sub(1)),
                            cells: rows.saturating_mul(cols),
                        }
                        .error());
                    }
                }
                0x0203 | 0x0205 | 0x027E => grow(&mut values, row, col, col),
                0x0204 | 0x00D6 => {
                    grow(&mut values, row, col, col);
                    text(&mut budget, u64::from(u16_at(r.data, 6)), row, col)?;
                }
                0x00FD => {
                    grow(&mut values, row, col, col);
                    let i = u32_at(r.data, 6) as usize;
                    let chars = strings.get(i).copied().unwrap_or(0);
                    text(&mut budget, u64::from(chars), row, col)?;
                }
                0x00BD if r.data.len() >= 6 => {
                    let last = u64::from(u16_at(r.data, r.data.len() - 2));
                    grow(&mut values, row, col, last.max(col));
                }
                0x0006 => {
                    grow(&mut values, row, col, col);
                    grow(&mut formulas, row, col, col);
                }
                0x0207 => text(&mut budget, u64::from(u16_at(r.data, 0)), row, col)?,
                _ => {}
            }
        }
        for (r0, c0, r1, c1) in values.into_iter().chain(formulas) {
            let area = (r1 - r0 + 1).saturating_mul(c1 - c0 + 1);
            budget.cells(area, sheet, r1, c1)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(1, 26), "AA2");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn a_grid_is_refused_at_the_cell_that_passes_a_limit() {
        let mut budget = Budget::default();
        let mut g = GridBuilder::new("花名册".into(), &mut budget);
        g.put(0, 0, Cell::Text("姓名".into())).unwrap();
        assert_eq!(
            g.put(1_048_576, 0, Cell::Number(1.0)).unwrap_err(),
            ReadError::TooLarge(TooLarge::OutOfSheet {
                sheet: "花名册".into(),
                cell: "A1048577".into()
            })
        );
        // A value in the last column makes the rectangle 16,384 columns wide: 305 rows of
        // it fit in 5 million cells, the 306th does not.
        g.put(304, MAX_COLUMNS - 1, Cell::Number(1.0)).unwrap();
        let e = g.put(305, MAX_COLUMNS - 1, Cell::Number(1.0)).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge(TooLarge::Cells { cell, .. }) if cell == "XFD306"));
        let long = "字".repeat(MAX_CELL_CHARS + 1);
        assert!(matches!(
            g.check_text(&long, 2, 1).unwrap_err(),
            ReadError::TooLarge(TooLarge::Cell { chars, .. }) if chars == MAX_CELL_CHARS + 1
        ));
    }
}
