//! The embedded font: Noto Sans CJK SC (OFL), face 2 of Debian's `NotoSansCJK-Regular.ttc`,
//! kept with its licence under `assets/fonts/`. The printed return uses it (subset into
//! each PDF), and so does the validator, to warn about name characters it cannot print.
//!
//! The collection (19 MB) is compiled in and read where it lies, never copied: the face's
//! character map and glyph widths are read once into two tables (a character's glyph,
//! indexed by the character; a glyph's advance, indexed by the glyph), which the layout
//! and the validator look up; and a PDF gets a face made from the collection for the
//! characters it prints ([`ReportFont::pdf_face`]), a few hundred kilobytes. (printpdf's
//! own parser keeps a copy of whatever bytes it is handed: handing it the collection cost
//! a 19 MB copy, about 40 ms and ten thousand page faults, in every process that printed.)

use std::collections::BTreeSet;
use std::sync::LazyLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable};
use printpdf::ParsedFont;

/// The font collection's bytes, compiled in.
pub static NOTO_SANS_CJK: &[u8] = include_bytes!("../assets/fonts/NotoSansCJK-Regular.ttc");

/// The face of the collection that is Simplified Chinese.
pub const FACE_SC: usize = 2;

/// That face's PostScript name (its name table's name 6), which the PDF calls the font.
pub const POSTSCRIPT_NAME: &str = "NotoSansCJKsc-Regular";

/// Width of one character, in ems (1.0 = the font size); `None` when the font has no
/// glyph for it. The page layout (`report::layout`) measures with it, independent of any
/// PDF library.
pub trait Metrics {
    fn advance(&self, c: char) -> Option<f32>;
}

/// The report font's tables, read once per process (a few milliseconds).
static FONT: LazyLock<Option<ReportFont>> = LazyLock::new(|| {
    let file = ReadScope::new(NOTO_SANS_CJK).read::<FontData<'_>>().ok()?;
    let provider = file.table_provider(FACE_SC).ok()?;
    let glyphs = glyph_table(&provider)?;
    let (advances, units) = advance_table(&provider)?;
    Some(ReportFont {
        glyphs,
        advances,
        units,
    })
});

/// Every character's glyph in the face's character map, indexed by the character (0:
/// none), up to the highest character mapped.
fn glyph_table(provider: &impl FontTableProvider) -> Option<Vec<u16>> {
    let data = provider.read_table_data(allsorts::tag::CMAP).ok()?;
    let cmap = ReadScope::new(&data).read::<Cmap<'_>>().ok()?;
    let (_, map) = allsorts::font::read_cmap_subtable(&cmap).ok()??;
    let mut glyphs: Vec<u16> = Vec::new();
    map.mappings_fn(|ch, gid| {
        let Ok(at) = usize::try_from(ch) else { return };
        // Unicode ends at U+10FFFF; anything beyond is not a character.
        if at > 0x10_FFFF {
            return;
        }
        if glyphs.len() <= at {
            glyphs.resize(at + 1, 0);
        }
        glyphs[at] = gid;
    })
    .ok()?;
    Some(glyphs)
}

/// Every glyph's advance width in font units, indexed by the glyph, and the units per em.
fn advance_table(provider: &impl FontTableProvider) -> Option<(Vec<u16>, f32)> {
    let head = provider.read_table_data(allsorts::tag::HEAD).ok()?;
    let head = ReadScope::new(&head).read::<HeadTable>().ok()?;
    let hhea = provider.read_table_data(allsorts::tag::HHEA).ok()?;
    let hhea = ReadScope::new(&hhea).read::<HheaTable>().ok()?;
    let maxp = provider.read_table_data(allsorts::tag::MAXP).ok()?;
    let maxp = ReadScope::new(&maxp).read::<MaxpTable>().ok()?;
    let hmtx = provider.read_table_data(allsorts::tag::HMTX).ok()?;
    let hmtx = ReadScope::new(&hmtx)
        .read_dep::<HmtxTable<'_>>((usize::from(maxp.num_glyphs), usize::from(hhea.num_h_metrics)))
        .ok()?;
    let advances = (0..maxp.num_glyphs)
        .map(|glyph| hmtx.horizontal_advance(glyph).unwrap_or(0))
        .collect();
    Some((advances, f32::from(head.units_per_em.max(1))))
}

/// The font the return is printed in, with its glyph widths.
pub struct ReportFont {
    /// Glyph by character (see [`glyph_table`]).
    glyphs: Vec<u16>,
    /// Advance width by glyph, in font units.
    advances: Vec<u16>,
    units: f32,
}

impl ReportFont {
    /// The embedded font, or `None` if it could not be read (a broken build).
    pub fn get() -> Option<&'static ReportFont> {
        FONT.as_ref()
    }

    /// The glyph that prints `c`, if the font has one.
    fn glyph(&self, c: char) -> Option<u16> {
        self.glyphs.get(c as usize).copied().filter(|g| *g != 0)
    }

    /// True when the font can print `c`.
    pub fn covers(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// A face for a PDF that prints `text`: the collection's face cut down to the glyphs
    /// of these characters (and `.notdef`), with its own character map for them, parsed
    /// for printpdf. `None` if the face could not be cut (a broken build).
    pub fn pdf_face(&self, text: impl IntoIterator<Item = char>) -> Option<ParsedFont> {
        let used: BTreeSet<u16> = text.into_iter().filter_map(|c| self.glyph(c)).collect();
        // .notdef first, as the subsetter requires; the set is sorted and has no 0.
        let ids: Vec<u16> = std::iter::once(0).chain(used).collect();
        let file = ReadScope::new(NOTO_SANS_CJK).read::<FontData<'_>>().ok()?;
        let provider = file.table_provider(FACE_SC).ok()?;
        let bytes =
            allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).ok()?;
        let mut warnings = Vec::new();
        let mut face = ParsedFont::from_bytes(&bytes, 0, &mut warnings)?;
        // printpdf's own parser reads no name table: the PDF names the font by it.
        face.font_name = Some(POSTSCRIPT_NAME.to_string());
        Some(face)
    }
}

impl Metrics for ReportFont {
    fn advance(&self, c: char) -> Option<f32> {
        let glyph = self.glyph(c)?;
        let width = self.advances.get(usize::from(glyph)).copied()?;
        Some(f32::from(width) / self.units)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table gives every character the glyph the face's own character map gives it,
    /// and none to a character the face lacks.
    #[test]
    fn the_glyph_table_is_the_character_map() {
        let mut warnings = Vec::new();
        // The face as printpdf reads it: the glyph it prints a character with.
        let parsed = ParsedFont::from_bytes(NOTO_SANS_CJK, FACE_SC, &mut warnings).unwrap();
        let units = f32::from(parsed.units_per_em);
        let font = ReportFont::get().unwrap();
        for c in [
            'A',
            '7',
            '张',
            '巴',
            '特',
            '尔',
            '𠮷',
            '䶮',
            '（',
            '％',
            '㎡',
            '\u{3000}',
            '\u{E123}',
            '\u{10FFFF}',
        ] {
            let expected = parsed.lookup_glyph_index(c as u32).filter(|g| *g != 0);
            assert_eq!(font.glyph(c), expected, "{c:?}");
            let width = expected
                .and_then(|g| parsed.get_glyph_width(g))
                .map(|w| f32::from(w) / units);
            assert_eq!(font.advance(c), width, "{c:?}");
        }
        // Every character of the Unified Ideographs block, as the map gives it.
        for c in (0x4E00..=0x9FFF).filter_map(char::from_u32) {
            let expected = parsed.lookup_glyph_index(c as u32).filter(|g| *g != 0);
            assert_eq!(font.glyph(c), expected, "{c:?}");
        }
    }

    /// The name the PDF gives the font is the face's own.
    #[test]
    fn the_postscript_name_is_the_faces() {
        let file = ReadScope::new(NOTO_SANS_CJK).read::<FontData<'_>>().unwrap();
        let provider = file.table_provider(FACE_SC).unwrap();
        let data = provider.read_table_data(allsorts::tag::NAME).unwrap();
        let names = ReadScope::new(&data)
            .read::<allsorts::tables::NameTable<'_>>()
            .unwrap();
        assert_eq!(
            names
                .string_for_id(allsorts::tables::NameTable::POSTSCRIPT_NAME)
                .as_deref(),
            Some(POSTSCRIPT_NAME)
        );
    }

    /// A PDF's face prints each of its characters with the collection's glyph, at the
    /// same width, and carries no other character.
    #[test]
    fn a_pdf_face_carries_its_characters_at_their_widths() {
        let font = ReportFont::get().unwrap();
        let text = "内蒙古自治区国家级高技能人才培训基地 2025 年度 𠮷 ％ A7";
        let face = font.pdf_face(text.chars()).unwrap();
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            let glyph = face.lookup_glyph_index(c as u32).filter(|g| *g != 0);
            assert!(glyph.is_some(), "{c:?} has no glyph in the PDF's face");
            let width = face
                .get_glyph_width(glyph.unwrap())
                .map(|w| f32::from(w) / f32::from(face.units_per_em));
            assert_eq!(width, font.advance(c), "{c:?}");
        }
        assert_eq!(face.font_name.as_deref(), Some(POSTSCRIPT_NAME));
        for absent in ['张', 'Z', '巴'] {
            assert_eq!(
                face.lookup_glyph_index(absent as u32).filter(|g| *g != 0),
                None,
                "{absent:?}"
            );
        }
    }
}
