//! The merged cells of an `.xlsx`, read straight from each sheet's `<mergeCells>` list.
//!
//! calamine finds a sheet's merged regions by reading every element of the sheet's XML a
//! second time after the cells (about as long as reading the cells), and header
//! detection needs them (a merged "证书信息" over three columns names all three). The list
//! sits after the cells, so this inflates the sheet, jumps to it and parses only it. When
//! the archive is laid out in a way this does not follow, it answers `None` and the
//! reader asks calamine instead: never a wrong answer, at worst the slow one.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use calamine::Dimensions;
use quick_xml::XmlVersion;
use quick_xml::events::Event;

/// Each worksheet's merged regions, by sheet name (as calamine names the sheets).
pub fn xlsx_merged_regions(bytes: &[u8]) -> Option<HashMap<String, Vec<Dimensions>>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let workbook = entry(&mut zip, "xl/workbook.xml")?;
    let rels = entry(&mut zip, "xl/_rels/workbook.xml.rels")?;
    let targets = relationships(&rels)?;
    let mut out = HashMap::new();
    for (name, rel_id) in sheets(&workbook)? {
        let target = targets.get(&rel_id)?;
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        let xml = entry(&mut zip, &path)?;
        out.insert(name, merge_cells(&xml)?);
    }
    Some(out)
}

fn entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut file = zip.by_name(name).ok()?;
    let mut bytes = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0).min(1 << 28));
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The workbook's sheets in order: (name, relationship id).
fn sheets(xml: &[u8]) -> Option<Vec<(String, String)>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                let (mut name, mut id) = (None, None);
                for a in e.attributes() {
                    let a = a.ok()?;
                    let key = a.key.local_name();
                    if a.key.as_ref() == "name" {
                        name = Some(a.normalized_value(XmlVersion::Implicit1_0).ok()?.into_owned());
                    } else if key.as_ref() == "id" && a.key.prefix().is_some() {
                        id = Some(a.normalized_value(XmlVersion::Implicit1_0).ok()?.into_owned());
                    }
                }
                out.push((name?, id?));
            }
            Event::Eof => return Some(out),
            _ => {}
        }
        buf.clear();
    }
}

/// The workbook's relationships: id → target.
fn relationships(xml: &[u8]) -> Option<HashMap<String, String>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = HashMap::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let (mut id, mut target) = (None, None);
                for a in e.attributes() {
                    let a = a.ok()?;
                    match a.key.as_ref() {
                        "Id" => id = Some(a.normalized_value(XmlVersion::Implicit1_0).ok()?.into_owned()),
                        "Target" => {
                            target = Some(a.normalized_value(XmlVersion::Implicit1_0).ok()?.into_owned())
                        }
                        _ => {}
                    }
                }
                out.insert(id?, target?);
            }
            Event::Eof => return Some(out),
            _ => {}
        }
        buf.clear();
    }
}

/// A sheet's merged regions: the `ref` of each `<mergeCell>` in its `<mergeCells>` list,
/// which follows the cells (no text in the XML holds a literal `<`, so the first
/// `<mergeCells` is the list). Parsing from a tag's start that is not the list's (a
/// prefixed name found in some text) still reads the list, or fails and says `None`.
fn merge_cells(xml: &[u8]) -> Option<Vec<Dimensions>> {
    let start = match find(xml, b"<mergeCells") {
        Some(at) => at,
        // With a namespace prefix ("<x:mergeCells"): back to the tag's '<'.
        None => match find(xml, b":mergeCells") {
            Some(at) => xml[..at].iter().rposition(|b| *b == b'<')?,
            None => return Some(Vec::new()),
        },
    };
    let mut reader = quick_xml::Reader::from_reader(&xml[start..]);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "mergeCell" => {
                let range = e.try_get_attribute("ref").ok()??;
                out.push(dimensions(
                    &range.normalized_value(XmlVersion::Implicit1_0).ok()?,
                )?);
            }
            Event::End(e) if e.local_name().as_ref() == "mergeCells" => return Some(out),
            Event::Eof => return Some(out),
            _ => {}
        }
        buf.clear();
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// "B2:D3" → rows 1–2, columns 1–3 (from 0); "B2" alone is one cell.
fn dimensions(range: &str) -> Option<Dimensions> {
    let (a, b) = range.split_once(':').unwrap_or((range, range));
    Some(Dimensions {
        start: cell(a)?,
        end: cell(b)?,
    })
}

/// "AB12" → (row 11, column 27).
fn cell(a1: &str) -> Option<(u32, u32)> {
    let a1 = a1.trim().trim_start_matches('$');
    let split = a1.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = a1.split_at(split);
    let letters = letters.trim_end_matches('$');
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)
    })?;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Reader;

    #[test]
    fn cell_references_count_from_zero() {
        assert_eq!(cell("A1"), Some((0, 0)));
        assert_eq!(cell("AB12"), Some((11, 27)));
        assert_eq!(cell("$C$3"), Some((2, 2)));
        assert_eq!(cell("A0"), None);
        assert_eq!(cell("12"), None);
        let d = dimensions("B2:D3").unwrap();
        assert_eq!((d.start, d.end), ((1, 1), (2, 3)));
    }

    #[test]
    fn the_regions_are_calamines_for_every_sheet() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let plain = rust_xlsxwriter::Format::new();
        let roster = book.add_worksheet().set_name("花名册 & 附表").unwrap();
        roster
            .merge_range(0, 0, 0, 9, "2025年培训学员花名册", &plain)
            .unwrap();
        roster.merge_range(1, 6, 1, 8, "证书信息", &plain).unwrap();
        roster.merge_range(1, 0, 2, 0, "序号", &plain).unwrap();
        for r in 3..200 {
            roster
                .write_string(r, 1, "<mergeCells> in a cell's text")
                .unwrap();
        }
        book.add_worksheet()
            .set_name("说明")
            .unwrap()
            .write_string(0, 0, "无合并")
            .unwrap();
        let bytes = book.save_to_buffer().unwrap();

        let ours = xlsx_merged_regions(&bytes).expect("read");
        let mut theirs = calamine::Xlsx::new(Cursor::new(&bytes[..])).unwrap();
        for name in theirs.sheet_names() {
            let expected = theirs.merge_cells_by_sheet_name(&name).unwrap();
            assert_eq!(ours.get(&name), Some(&expected), "{name}");
        }
        assert_eq!(ours["花名册 & 附表"].len(), 3);
        assert!(ours["说明"].is_empty());
    }

    #[test]
    fn an_archive_it_cannot_follow_is_left_to_calamine() {
        assert!(xlsx_merged_regions(b"not a zip").is_none());
    }
}
