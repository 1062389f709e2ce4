//! The window's own colours, named once. egui's visuals give the text, error and warning
//! colours that follow the theme; these are the ones it has no name for. The same meaning
//! is always the same colour: green for what is met, saved or new, red for what is not
//! met or wrong, blue for what changes or was delivered.

use egui::Color32;

/// Met, done, saved; a row that will be added.
pub const GOOD: Color32 = Color32::from_rgb(0x2e, 0x7d, 0x32);
/// Not met; an error finding.
pub const BAD: Color32 = Color32::from_rgb(0xc6, 0x28, 0x28);
/// A warning finding.
pub const CAUTION: Color32 = Color32::from_rgb(0xb2, 0x6a, 0x00);
/// A row that will change a record; what was delivered against what was declared.
pub const CHANGE: Color32 = Color32::from_rgb(0x15, 0x65, 0xc0);
/// Nothing to judge (no target).
pub const NEUTRAL: Color32 = Color32::GRAY;
/// The declared capacity's bar.
pub const DECLARED: Color32 = Color32::from_gray(160);

/// The PDF preview draws a printed page whatever the theme: white paper, black ink, a grey
/// edge, and the draft's watermark in light grey.
pub const PAPER: Color32 = Color32::WHITE;
pub const INK: Color32 = Color32::BLACK;
pub const PAGE_EDGE: Color32 = Color32::GRAY;
pub const WATERMARK: Color32 = Color32::from_gray(215);
