//! The embedded font: Noto Sans CJK SC (OFL), face 2 of Debian's `NotoSansCJK-Regular.ttc`,
//! kept with its licence under `assets/fonts/`. The printed return uses it (subset into
//! each PDF), and so does the validator, to warn about name characters it cannot print.

use std::sync::LazyLock;

use printpdf::ParsedFont;

/// The font collection's bytes, compiled in.
pub static NOTO_SANS_CJK: &[u8] = include_bytes!("../assets/fonts/NotoSansCJK-Regular.ttc");

/// The face of the collection that is Simplified Chinese.
pub const FACE_SC: usize = 2;

/// The report font, parsed once per process (about 50 ms).
static FONT: LazyLock<Option<ReportFont>> = LazyLock::new(|| {
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(NOTO_SANS_CJK, FACE_SC, &mut warnings).map(|font| {
        let units = font.font_metrics.units_per_em.max(1) as f32;
        ReportFont { font, units }
    })
});

/// Width of one character, in ems (1.0 = the font size); `None` when the font has no
/// glyph for it. The page layout (`report::layout`) measures with it, independent of any
/// PDF library.
pub trait Metrics {
    fn advance(&self, c: char) -> Option<f32>;
}

/// The font the return is printed in, with its glyph widths.
pub struct ReportFont {
    font: ParsedFont,
    units: f32,
}

impl ReportFont {
    /// The embedded font, or `None` if it could not be parsed (a broken build).
    pub fn get() -> Option<&'static ReportFont> {
        FONT.as_ref()
    }

    /// True when the font can print `c`.
    pub fn covers(&self, c: char) -> bool {
        self.font.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
    }

    /// The parsed face, for embedding in a PDF.
    pub fn parsed(&self) -> &ParsedFont {
        &self.font
    }
}

impl Metrics for ReportFont {
    fn advance(&self, c: char) -> Option<f32> {
        let glyph = self.font.lookup_glyph_index(c as u32).filter(|g| *g != 0)?;
        Some(self.font.get_horizontal_advance(glyph) as f32 / self.units)
    }
}
