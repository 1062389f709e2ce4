//! A [`Document`] printed: laid out on A4 pages (`layout`) and written as PDF with the
//! embedded Noto Sans CJK SC face, subset to the characters used, and honest metadata
//! (`write_pages`): the real creation time, title, author and subject, the verification
//! code, and no claim of a standard the file does not meet (printpdf writes an empty
//! `GTS_PDFXVersion` into every Info dictionary; it is taken out).

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, TextItem, TextMatrix,
};

use super::layout::{Align, Column, Footer, Item, Layout, Metrics, PAGE_HEIGHT, PAGE_WIDTH, Page};
use super::model::{Document, Section, Shape, Table};
use crate::fonts::ReportFont;

pub use super::status::Status;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded report font could not be read")]
    Font,
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// The PDF's document information.
#[derive(Clone, Debug)]
pub struct Metadata {
    pub title: String,
    /// Who the document is from (the organisation, or the region's reviewer).
    pub author: String,
    /// `2025年度 · 正式 · 校验码 …`
    pub subject: String,
    pub created: DateTime<FixedOffset>,
    /// Also kept under its own key, `/VerificationCode`, for `submit` to read back.
    pub verification: String,
}

/// The name of the Info dictionary entry holding the verification code.
pub const CODE_KEY: &[u8] = b"VerificationCode";

/// Lays out a document: the title, the sections in order (each table with its header
/// repeated on every page it runs onto; "本年度无记录" for one without rows), the
/// footnotes, the signature and seal block, every page's footer (who, year, status, page
/// N of M, verification code) and the watermark of a draft.
pub fn layout(doc: &Document, verification: &str, metrics: &dyn Metrics) -> Vec<Page> {
    let mut l = Layout::new(metrics);
    l.paragraph(&doc.title, 17.0, Align::Center);
    l.space(1.0);
    for line in &doc.subtitle {
        l.paragraph(line, 9.0, Align::Center);
    }
    l.space(3.0);
    for s in &doc.sections {
        section(&mut l, s);
    }
    if !doc.notes.is_empty() {
        l.heading("注：口径说明");
        for n in &doc.notes {
            l.paragraph(&format!("[{}] {}", n.number, n.text), 8.5, Align::Left);
            l.space(0.8);
        }
    }
    for line in &doc.colophon {
        l.paragraph(line, 8.0, Align::Left);
    }
    l.space(4.0);
    let (labels, seal) = &doc.signature;
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    l.signature_block(&labels, seal, "　　　　年　　月　　日");
    l.finish(
        |page, total| Footer {
            left: doc.footer.clone(),
            centre: vec![format!("第 {page} 页 共 {total} 页")],
            right: vec![format!("校验码 {verification}")],
        },
        doc.watermark.as_deref(),
    )
}

fn section(l: &mut Layout<'_>, s: &Section) {
    l.heading(&s.heading());
    for p in &s.lead {
        l.paragraph(p, 9.5, Align::Left);
        l.space(1.5);
    }
    for t in &s.tables {
        if let Some(c) = &t.caption {
            l.ensure(22.0);
            l.paragraph(c, 9.5, Align::Left);
            l.space(0.8);
        }
        if t.rows.is_empty() {
            l.paragraph(t.empty_text(), 9.5, Align::Left);
            l.space(2.0);
            continue;
        }
        match t.shape {
            Shape::Grid => grid(l, t),
            Shape::Pairs => pairs(l, t),
        }
        for n in &t.notes {
            l.paragraph(&format!("注：{n}"), 8.5, Align::Left);
            l.space(0.8);
        }
        if !t.notes.is_empty() {
            l.space(1.5);
        }
    }
    for r in &s.remarks {
        l.paragraph(&format!("注：{r}"), 8.5, Align::Left);
        l.space(0.8);
    }
}

/// A column's header: its title and unit on one line, or the unit on a line of its own
/// where both do not fit (never a word broken in a header).
fn header(l: &Layout<'_>, c: &super::model::Column, width_mm: f32, size: f32) -> String {
    let one = c.heading();
    match &c.unit {
        Some(unit) if l.width(&one, size) > width_mm - 3.0 => format!("{}\n（{unit}）", c.title),
        _ => one,
    }
}

fn grid(l: &mut Layout<'_>, t: &Table) {
    let size = if t.columns.len() >= 6 { 9.0 } else { 9.5 };
    let total: f32 = t.columns.iter().map(|c| c.width).sum();
    let columns: Vec<Column> = t
        .columns
        .iter()
        .map(|c| {
            let width_mm = c.width / total * super::layout::CONTENT_WIDTH;
            Column::new(&header(l, c, width_mm, size), c.width, c.align)
        })
        .collect();
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            let mut cells: Vec<String> = r.cells.iter().map(|v| v.shown()).collect();
            if let (Some(n), Some(first)) = (r.note, cells.first_mut()) {
                first.push_str(&format!("[{n}]"));
            }
            cells
        })
        .collect();
    l.table(&columns, &rows, size);
}

/// A list of (item, content) printed two pairs to a line.
fn pairs(l: &mut Layout<'_>, t: &Table) {
    let (item, content) = (&t.columns[0], &t.columns[1]);
    let columns = [
        Column::new(&item.heading(), item.width, item.align),
        Column::new(&content.heading(), content.width, content.align),
        Column::new(&item.heading(), item.width, item.align),
        Column::new(&content.heading(), content.width, content.align),
    ];
    let rows: Vec<Vec<String>> = t
        .rows
        .chunks(2)
        .map(|pair| {
            pair.iter()
                .flat_map(|r| r.cells.iter().take(2).map(|v| v.shown()))
                .chain(std::iter::repeat(String::new()))
                .take(4)
                .collect()
        })
        .collect();
    l.table(&columns, &rows, 9.0);
}

/// The document as PDF bytes, its verification code on every page.
pub fn render(doc: &Document, meta: &Metadata) -> Result<Vec<u8>, PdfError> {
    let font = ReportFont::get().ok_or(PdfError::Font)?;
    let pages = layout(doc, &meta.verification, font);
    write_pages(meta, &pages)
}

/// Laid-out pages as PDF bytes with the report font, subset to the characters used (the
/// annual return and the regional summary are printed by this one writer).
pub fn write_pages(meta: &Metadata, pages: &[Page]) -> Result<Vec<u8>, PdfError> {
    let font = ReportFont::get().ok_or(PdfError::Font)?;
    let mut doc = PdfDocument::new(&meta.title);
    let when = printpdf::DateTime::from_unix_timestamp(meta.created.timestamp())
        .map_err(|e| PdfError::Write(e.into()))?;
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.creator = format!("技能基地通 {}", crate::APP_VERSION);
    info.producer = "printpdf 0.12".into();
    info.subject = meta.subject.clone();
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    let printed: BTreeSet<char> = pages
        .iter()
        .flat_map(|p| &p.items)
        .flat_map(|item| match item {
            Item::Text { text, .. } | Item::Stamp { text, .. } => text.chars(),
            Item::Line { .. } => "".chars(),
        })
        .collect();
    let face = font.pdf_face(printed.iter().copied()).ok_or(PdfError::Font)?;
    let font_id = doc.add_font(&face);
    let pdf_pages: Vec<PdfPage> = pages.iter().map(|p| to_pdf_page(p, &font_id)).collect();
    let mut warnings = Vec::new();
    // The face is already cut to the characters printed (`pdf_face`): printpdf embeds it
    // as it is, rather than cutting it again (a second subsetting and parse of the face),
    // and the subset tag its name must carry is written below.
    let options = PdfSaveOptions {
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    let mut lo = doc
        .with_pages(pdf_pages)
        .to_lopdf_document(&options, &mut warnings);
    tag_subset_font(&mut lo, &subset_tag(&printed));
    // The Info dictionary: no PDF/X claim (an empty GTS_PDFXVersion is still a claim to
    // some readers), no empty entries, and the code under a key of its own.
    let info_id = lo
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .map_err(|e| PdfError::Write(e.to_string()))?;
    let info = lo
        .get_dictionary_mut(info_id)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    for key in [
        &b"GTS_PDFXVersion"[..],
        &b"Trapped"[..],
        &b"Identifier"[..],
        &b"Keywords"[..],
    ] {
        info.remove(key);
    }
    info.set(
        CODE_KEY,
        lopdf::Object::string_literal(meta.verification.as_bytes().to_vec()),
    );
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(bytes)
}

/// The subset tag of the font's name (ISO 32000-1, 9.6.4: six upper-case letters, then
/// `+`), which tells a reader (and `pdffonts`) that the embedded face holds only some of
/// its glyphs. Made from the characters printed, so the same text gives the same tag.
fn subset_tag(printed: &BTreeSet<char>) -> String {
    use sha2::Digest;
    let mut hash = sha2::Sha256::new();
    for c in printed {
        hash.update(u32::from(*c).to_le_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// Puts `tag` before the font's name wherever the name is written: `/BaseFont` of the
/// font and of its descendant (a dictionary inside the font's), and the descriptor's
/// `/FontName`, which must all match.
fn tag_subset_font(doc: &mut lopdf::Document, tag: &str) {
    fn tag_in(object: &mut lopdf::Object, tag: &str) {
        let dict = match object {
            lopdf::Object::Dictionary(dict) => dict,
            lopdf::Object::Stream(stream) => &mut stream.dict,
            lopdf::Object::Array(items) => {
                for item in items {
                    tag_in(item, tag);
                }
                return;
            }
            _ => return,
        };
        for (key, value) in dict.iter_mut() {
            match value {
                lopdf::Object::Name(name)
                    if (key == b"BaseFont" || key == b"FontName") && !name.contains(&b'+') =>
                {
                    let mut tagged = format!("{tag}+").into_bytes();
                    tagged.append(name);
                    *name = tagged;
                }
                other => tag_in(other, tag),
            }
        }
    }
    for object in doc.objects.values_mut() {
        tag_in(object, tag);
    }
}

/// Every stream deflated that is not already (lopdf's `compress`, at zlib's default
/// level rather than its best: a return a few per cent larger, made in a third of the
/// time). A stream that would not shrink is left as it is.
fn compress(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let Ok(deflated) = encoder.write_all(&stream.content).and_then(|()| encoder.finish()) else {
            continue;
        };
        if deflated.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(deflated);
        }
    }
}

/// The verification code a PDF written by [`write_pages`] carries, if it is one.
pub fn read_code(pdf: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(pdf).ok()?;
    let id = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let info = doc.get_dictionary(id).ok()?;
    let code = info.get(CODE_KEY).ok()?.as_str().ok()?;
    String::from_utf8(code.to_vec()).ok()
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Mm(x).into(),
        y: Mm(PAGE_HEIGHT - y_from_top).into(),
    }
}

fn to_pdf_page(page: &Page, font: &printpdf::FontId) -> PdfPage {
    let mut ops = Vec::with_capacity(page.items.len() * 5);
    let set_font = |size: f32| Op::SetFont {
        font: PdfFontHandle::External(font.clone()),
        size: Pt(size),
    };
    for item in &page.items {
        match item {
            Item::Text { x, y, size, text } => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetTextCursor { pos: point(*x, *y) });
                ops.push(set_font(*size));
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                ops.push(Op::EndTextSection);
            }
            Item::Stamp {
                x,
                y,
                size,
                angle,
                text,
            } => {
                let at = point(*x, *y);
                let (sin, cos) = angle.to_radians().sin_cos();
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetFillColor {
                    col: Color::Greyscale(Greyscale::new(0.86, None)),
                });
                ops.push(Op::StartTextSection);
                ops.push(set_font(*size));
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Raw([cos, sin, -sin, cos, at.x.0, at.y.0]),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                ops.push(Op::EndTextSection);
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: point(*x1, *y1),
                                bezier: false,
                            },
                            LinePoint {
                                p: point(*x2, *y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
        }
    }
    PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tag is six capital letters, the same for the same characters, and (as far as
    /// a hash can promise) another for others.
    #[test]
    fn a_subset_tag_is_six_capitals_made_from_the_characters() {
        let chars = |text: &str| text.chars().collect::<BTreeSet<char>>();
        let tag = subset_tag(&chars("2025年度报表"));
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()), "{tag}");
        assert_eq!(tag, subset_tag(&chars("报表年度2025")));
        assert_ne!(tag, subset_tag(&chars("2025年度报表 · 草稿")));
    }
}
