//! Demo evidence: small generated scans attached to records, as offices keep them (an
//! apprenticeship's signed agreement 带徒协议, a cohort's sign-in sheet 签到表, an award's
//! scan, a photo of a log entry's practice). Everything is drawn here from the record's
//! own values, deterministic and without the generator's random stream (so the rest of
//! the demo is as it was without it): a few kilobytes each.

use chrono::NaiveDate;

use super::{Gen, Result, at};
use crate::domain::attachment::Attachment;
use crate::domain::{Id, RecordKind};

/// The attachment's id: the record's time, and bits of a hash of the record and the file.
fn evidence_id(record: Id<()>, file_name: &str, on: NaiveDate) -> Id<Attachment> {
    let hash = crate::domain::attachment::sha256_hex(format!("{record}/{file_name}").as_bytes());
    let mut random = [0u8; 10];
    for (i, b) in random.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hash[i * 2..i * 2 + 2], 16).unwrap_or(0);
    }
    Id::from_parts(at(on).timestamp_millis().max(0) as u64, random)
}

impl Gen<'_, '_> {
    /// Attaches a generated file to a record written in this batch.
    pub(super) fn evidence<R>(
        &mut self,
        kind: RecordKind,
        record: Id<R>,
        file_name: &str,
        bytes: &[u8],
        on: NaiveDate,
    ) -> Result<()> {
        let record = record.cast::<()>();
        let id = evidence_id(record, file_name, on);
        self.bulk.attach(id, kind, record, file_name, bytes, at(on))
    }
}

/// A signed apprenticeship agreement, as a one-page PDF.
pub(super) fn agreement_pdf(code: &str, start: NaiveDate, occupation: &str) -> Vec<u8> {
    let lines = [
        "Apprenticeship agreement (Dai Tu Xie Yi)".to_string(),
        format!("Agreement no. {code}"),
        format!("Occupation code: {occupation}"),
        format!("Apprenticeship begins: {start}"),
        "Master: ____________________    Apprentice: ____________________".to_string(),
        "Studio seal and date: ____________________".to_string(),
    ];
    pdf(&lines, &[])
}

/// A cohort's sign-in sheet: a title and a grid of rows to sign, as a one-page PDF.
pub(super) fn sign_in_pdf(code: &str, start: NaiveDate, people: u32) -> Vec<u8> {
    let lines = [
        "Sign-in sheet (Qian Dao Biao)".to_string(),
        format!("Cohort {code}, first day {start}, {people} places"),
    ];
    // The grid: a header row and one row per place, three columns.
    let rows = people.clamp(5, 30);
    let mut grid = Vec::new();
    let (left, right, top, row_h) = (60.0, 535.0, 700.0, 20.0);
    for r in 0..=rows + 1 {
        let y = top - row_h * r as f32;
        grid.push(((left, y), (right, y)));
    }
    let bottom = top - row_h * (rows + 1) as f32;
    for x in [left, 110.0, 330.0, right] {
        grid.push(((x, top), (x, bottom)));
    }
    pdf(&lines, &grid)
}

/// A minimal PDF 1.4: one A4 page with lines of Helvetica text from the top and straight
/// lines drawn (each from, to, in points).
/// A straight line on a page: from, to, in points.
type Stroke = ((f32, f32), (f32, f32));

fn pdf(lines: &[String], strokes: &[Stroke]) -> Vec<u8> {
    let mut stream = String::from("BT /F1 16 Tf 60 780 Td 20 TL\n");
    for (i, line) in lines.iter().enumerate() {
        let escaped = line.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
        if i == 1 {
            stream.push_str("/F1 11 Tf\n");
        }
        stream.push_str(&format!("({escaped}) Tj T*\n"));
    }
    stream.push_str("ET\n0.5 w\n");
    for ((x1, y1), (x2, y2)) in strokes {
        stream.push_str(&format!("{x1} {y1} m {x2} {y2} l S\n"));
    }
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}endstream", stream.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// An award certificate's scan: a cream sheet, a red border, lines of "text" and a red
/// seal, varied by `seed` (the record's values), as a small PNG.
pub(super) fn award_png(seed: u64) -> Vec<u8> {
    let (w, h) = (240usize, 170usize);
    let mut px = vec![[250u8, 244, 228]; w * h];
    let red = [196u8, 30, 36];
    let ink = [60u8, 52, 48];
    for y in 0..h {
        for x in 0..w {
            let border = x < 8 || y < 8 || x >= w - 8 || y >= h - 8;
            let inner = (x == 12 || y == 12 || x == w - 13 || y == h - 13)
                && !(x < 12 || y < 12 || x > w - 13 || y > h - 13);
            if border || inner {
                px[y * w + x] = red;
            }
        }
    }
    // The title and the lines of text, as bars of varying length.
    let mut r = seed | 1;
    let mut next = || {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        r
    };
    for (row, (y0, thick)) in [(30usize, 6usize), (58, 3), (72, 3), (86, 3), (100, 3)]
        .iter()
        .enumerate()
    {
        let len = if row == 0 {
            110
        } else {
            120 + (next() % 60) as usize
        };
        let x0 = (w - len) / 2;
        for y in *y0..y0 + thick {
            for x in x0..x0 + len {
                px[y * w + x] = if row == 0 { red } else { ink };
            }
        }
    }
    // The seal: a red ring at the bottom right.
    let (cx, cy, rad) = (170.0f32, 128.0f32, 22.0f32);
    for y in 0..h {
        for x in 0..w {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            if (rad - 3.0..=rad).contains(&d) || d < 4.0 {
                px[y * w + x] = red;
            }
        }
    }
    png(w, h, &px)
}

/// A photo of practice at the bench: sky, a workpiece and a spark, as a small PNG.
pub(super) fn practice_png(seed: u64) -> Vec<u8> {
    let (w, h) = (200usize, 150usize);
    let shade = (seed % 40) as u8;
    let mut px = vec![[0u8; 3]; w * h];
    for y in 0..h {
        for x in 0..w {
            px[y * w + x] = if y < 90 {
                [70 + shade, 90 + (y as u8 / 3), 120]
            } else {
                [110, 100 + shade, 90]
            };
            let piece = (60..140).contains(&x) && (80..100).contains(&y);
            if piece {
                px[y * w + x] = [150, 150, 160];
            }
            let spark = ((x as i32 - 100).pow(2) + (y as i32 - 78).pow(2)) < 36;
            if spark {
                px[y * w + x] = [255, 220, 120];
            }
        }
    }
    png(w, h, &px)
}

/// An 8-bit RGB PNG (zlib through flate2, which the packages already use).
fn png(w: usize, h: usize, px: &[[u8; 3]]) -> Vec<u8> {
    use std::io::Write;
    let mut raw = Vec::with_capacity(h * (w * 3 + 1));
    for row in px.chunks(w) {
        raw.push(0);
        for p in row {
            raw.extend_from_slice(p);
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = z.write_all(&raw);
    let data = z.finish().unwrap_or_default();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&(w as u32).to_be_bytes());
    ihdr.extend_from_slice(&(h as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &data);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = 0xFFFF_FFFFu32;
    for b in kind.iter().chain(data) {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    out.extend_from_slice(&(!crc).to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attachment::{FileType, recognise};

    #[test]
    fn the_generated_files_are_what_their_names_say_and_small() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap_or_default();
        for (name, bytes, t) in [
            (
                "带徒协议.pdf",
                agreement_pdf("A-1", d, "6-18-02-04"),
                FileType::Pdf,
            ),
            ("签到表.pdf", sign_in_pdf("C-1", d, 30), FileType::Pdf),
            ("奖状扫描.png", award_png(7), FileType::Png),
            ("实训照片.png", practice_png(7), FileType::Png),
        ] {
            assert_eq!(recognise(name, &bytes), Ok(t), "{name}");
            assert!(bytes.len() < 8 * 1024, "{name}: {} bytes", bytes.len());
        }
        assert_eq!(award_png(7), award_png(7), "deterministic");
        assert_ne!(award_png(7), award_png(8));
    }
}
