//! The embedded font: Noto Sans CJK SC (OFL), face 2 of Debian's `NotoSansCJK-Regular.ttc`,
//! kept with its licence under `assets/fonts/`. The printed return uses it (subset into
//! each PDF), and so does the validator, to warn about name characters it cannot print.
//!
//! A character's glyph is found in a table indexed by the character, made once from the
//! face's character map: the map itself (format 12, thousands of ranges for a CJK face) is
//! searched range by range, and the return looks up every character many times while it
//! lays out its lines. The parsed face carries the same table, so printpdf's lookups
//! while it writes and subsets are direct too.

use std::sync::LazyLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::tables::FontTableProvider;
use allsorts::tables::cmap::{Cmap, owned};
use printpdf::ParsedFont;

/// The font collection's bytes, compiled in.
pub static NOTO_SANS_CJK: &[u8] = include_bytes!("../assets/fonts/NotoSansCJK-Regular.ttc");

/// The face of the collection that is Simplified Chinese.
pub const FACE_SC: usize = 2;

/// Width of one character, in ems (1.0 = the font size); `None` when the font has no
/// glyph for it. The page layout (`report::layout`) measures with it, independent of any
/// PDF library.
pub trait Metrics {
    fn advance(&self, c: char) -> Option<f32>;
}

/// The report font, parsed once per process (about 50 ms).
static FONT: LazyLock<Option<ReportFont>> = LazyLock::new(|| {
    let mut warnings = Vec::new();
    let mut font = ParsedFont::from_bytes(NOTO_SANS_CJK, FACE_SC, &mut warnings)?;
    let glyphs = glyph_table(NOTO_SANS_CJK, FACE_SC)?;
    font.cmap_subtable = Some(owned::CmapSubtable::Format10 {
        language: 0,
        start_char_code: 0,
        glyph_id_array: glyphs.clone(),
    });
    let units = font.font_metrics.units_per_em.max(1) as f32;
    Some(ReportFont { font, glyphs, units })
});

/// Every character's glyph in the face's character map, indexed by the character (0:
/// none), up to the highest character mapped.
fn glyph_table(collection: &[u8], face: usize) -> Option<Vec<u16>> {
    let file = ReadScope::new(collection).read::<FontData<'_>>().ok()?;
    let provider = file.table_provider(face).ok()?;
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

/// The font the return is printed in, with its glyph widths.
pub struct ReportFont {
    font: ParsedFont,
    /// Glyph by character (see [`glyph_table`]).
    glyphs: Vec<u16>,
    units: f32,
}

impl ReportFont {
    /// The embedded font, or `None` if it could not be parsed (a broken build).
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

    /// The parsed face, for embedding in a PDF.
    pub fn parsed(&self) -> &ParsedFont {
        &self.font
    }
}

impl Metrics for ReportFont {
    fn advance(&self, c: char) -> Option<f32> {
        let glyph = self.glyph(c)?;
        Some(self.font.get_horizontal_advance(glyph) as f32 / self.units)
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
        let parsed = ParsedFont::from_bytes(NOTO_SANS_CJK, FACE_SC, &mut warnings).unwrap();
        let own = parsed.cmap_subtable.as_ref().unwrap();
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
            let expected = own.map_glyph(c as u32).ok().flatten().filter(|g| *g != 0);
            assert_eq!(font.glyph(c), expected, "{c:?}");
            assert_eq!(
                font.font.lookup_glyph_index(c as u32).filter(|g| *g != 0),
                expected,
                "{c:?}"
            );
        }
        // Every character of the Unified Ideographs block, as the map gives it.
        for c in (0x4E00..=0x9FFF).filter_map(char::from_u32) {
            let expected = own.map_glyph(c as u32).ok().flatten().filter(|g| *g != 0);
            assert_eq!(font.glyph(c), expected, "{c:?}");
        }
    }
}
