//! Page layout for the printed return, independent of any PDF library: A4 portrait pages
//! of positioned text and lines. Text is wrapped by the Chinese line-breaking rules (no
//! line starts with ，。；：？！、）》」 and the like, none ends with （《「), tables break
//! across pages with their header row repeated, and a block that must stay whole (the
//! signature and seal block) moves to a new page rather than split.
//!
//! Positions are millimetres from the top-left corner; the PDF writer turns them round.

/// Widths of characters (the embedded font's, or a test's), defined with the font.
pub use crate::fonts::Metrics;

/// Something drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// Text whose baseline starts at (`x`, `y`).
    Text { x: f32, y: f32, size: f32, text: String },
    /// A watermark: large light-grey text whose baseline starts at (`x`, `y`) and rises
    /// at `angle` degrees (counter-clockwise), drawn beneath everything else on the page.
    Stamp {
        x: f32,
        y: f32,
        size: f32,
        angle: f32,
        text: String,
    },
    /// A straight line, `width` in points.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

pub const PAGE_WIDTH: f32 = 210.0;
pub const PAGE_HEIGHT: f32 = 297.0;
pub const MARGIN_LEFT: f32 = 20.0;
pub const MARGIN_RIGHT: f32 = 20.0;
pub const MARGIN_TOP: f32 = 18.0;
/// Room kept at the bottom for the footer (page number, verification code, versions).
pub const MARGIN_BOTTOM: f32 = 22.0;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

/// Points to millimetres.
pub const PT: f32 = 25.4 / 72.0;

/// Characters that may not start a line (行首禁则).
const NO_LINE_START: &str = "，。、；：？！）》」』】〕〉”’…—·%‰,.;:?!)]}>’”°";
/// Characters that may not end a line (行尾禁则).
const NO_LINE_END: &str = "（《「『【〔〈“‘([{<";

/// How a table column aligns its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// A table column: its title, its share of the content width, its alignment.
#[derive(Clone, Debug)]
pub struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, width: f32, align: Align) -> Column {
        Column {
            title: title.to_string(),
            width,
            align,
        }
    }
}

/// Lays out a document page by page.
pub struct Layout<'m> {
    metrics: &'m dyn Metrics,
    pages: Vec<Page>,
    /// The cursor: distance from the top of the page to the top of the next block.
    y: f32,
}

impl<'m> Layout<'m> {
    pub fn new(metrics: &'m dyn Metrics) -> Layout<'m> {
        Layout {
            metrics,
            pages: vec![Page::default()],
            y: MARGIN_TOP,
        }
    }

    /// The width of `text` at `size` points, in millimetres. A character the font lacks is
    /// measured as the code point it will be shown as.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        printable(text, self.metrics)
            .chars()
            .map(|c| self.metrics.advance(c).unwrap_or(0.5))
            .sum::<f32>()
            * size
            * PT
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn bottom(&self) -> f32 {
        PAGE_HEIGHT - MARGIN_BOTTOM
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN_TOP;
    }

    /// Makes sure `height` mm fit below the cursor, starting a new page if not.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    pub fn space(&mut self, mm: f32) {
        self.y += mm;
    }

    fn text_at(&mut self, x: f32, baseline: f32, size: f32, text: &str) {
        let text = printable(text, self.metrics);
        self.page().items.push(Item::Text {
            x,
            y: baseline,
            size,
            text,
        });
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.page().items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
        });
    }

    /// Text wrapped to the content width, each line aligned as asked.
    pub fn paragraph(&mut self, text: &str, size: f32, align: Align) {
        let line_height = size * PT * 1.5;
        for line in wrap(text, CONTENT_WIDTH, size, self) {
            self.ensure(line_height);
            let w = self.width(&line, size);
            let x = match align {
                Align::Left => MARGIN_LEFT,
                Align::Center => MARGIN_LEFT + (CONTENT_WIDTH - w) / 2.0,
                Align::Right => MARGIN_LEFT + CONTENT_WIDTH - w,
            };
            let baseline = self.y + size * PT * 1.15;
            self.text_at(x, baseline, size, &line);
            self.y += line_height;
        }
    }

    /// A section heading, kept with at least a few lines of what follows.
    pub fn heading(&mut self, text: &str) {
        self.ensure(30.0);
        self.space(2.5);
        self.paragraph(text, 12.0, Align::Left);
        self.space(1.0);
    }

    /// A table with a header row; rows that do not fit start a new page, where the header
    /// row is drawn again.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>], size: f32) {
        let total: f32 = columns.iter().map(|c| c.width).sum();
        let widths: Vec<f32> = columns.iter().map(|c| c.width / total * CONTENT_WIDTH).collect();
        let header: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let header_height = self.row_height(&header, &widths, size);
        let first_row = rows.first().map_or(0.0, |r| self.row_height(r, &widths, size));
        self.ensure(header_height + first_row);
        let mut top = self.y;
        self.draw_row(&header, columns, &widths, size, true);
        for row in rows {
            let h = self.row_height(row, &widths, size);
            if self.y + h > self.bottom() {
                self.close_table(top, &widths);
                self.new_page();
                top = self.y;
                self.draw_row(&header, columns, &widths, size, true);
            }
            self.draw_row(row, columns, &widths, size, false);
        }
        self.close_table(top, &widths);
        self.space(3.0);
    }

    fn cell_lines(&self, text: &str, width: f32, size: f32) -> Vec<String> {
        wrap_cell(text, width - 3.0, size, self)
    }

    fn row_height(&self, cells: &[String], widths: &[f32], size: f32) -> f32 {
        let lines = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| self.cell_lines(c, *w, size).len().max(1))
            .max()
            .unwrap_or(1);
        lines as f32 * size * PT * 1.4 + 2.4
    }

    fn draw_row(&mut self, cells: &[String], columns: &[Column], widths: &[f32], size: f32, header: bool) {
        let h = self.row_height(cells, widths, size);
        let top = self.y;
        let mut x = MARGIN_LEFT;
        for ((cell, column), w) in cells.iter().zip(columns).zip(widths) {
            let align = if header { Align::Center } else { column.align };
            for (i, line) in self.cell_lines(cell, *w, size).into_iter().enumerate() {
                let lw = self.width(&line, size);
                let lx = match align {
                    Align::Left => x + 1.5,
                    Align::Right => x + w - 1.5 - lw,
                    Align::Center => x + (w - lw) / 2.0,
                };
                let baseline = top + 1.2 + size * PT * (1.15 + 1.4 * i as f32);
                self.text_at(lx, baseline, size, &line);
            }
            x += w;
        }
        let weight = if header { 0.8 } else { 0.4 };
        self.line(MARGIN_LEFT, top, MARGIN_LEFT + CONTENT_WIDTH, top, weight);
        self.y = top + h;
        if header {
            self.line(MARGIN_LEFT, self.y, MARGIN_LEFT + CONTENT_WIDTH, self.y, weight);
        }
    }

    /// Draws the bottom rule and the column rules of a table part that ran from `top`.
    fn close_table(&mut self, top: f32, widths: &[f32]) {
        let bottom = self.y;
        self.line(MARGIN_LEFT, bottom, MARGIN_LEFT + CONTENT_WIDTH, bottom, 0.8);
        let mut x = MARGIN_LEFT;
        self.line(x, top, x, bottom, 0.8);
        for w in widths {
            x += w;
            self.line(x, top, x, bottom, 0.4);
        }
        self.line(
            MARGIN_LEFT + CONTENT_WIDTH,
            top,
            MARGIN_LEFT + CONTENT_WIDTH,
            bottom,
            0.8,
        );
    }

    /// The signature and seal block: labelled boxes with room to sign, and a large box for
    /// the unit's seal, kept whole on one page.
    pub fn signature_block(&mut self, labels: &[&str], seal: &str, date: &str) {
        let row = 14.0;
        let seal_height = 42.0;
        let height = row * labels.len().div_ceil(2) as f32 + seal_height + 4.0;
        self.ensure(height);
        let top = self.y;
        let half = CONTENT_WIDTH / 2.0;
        for (i, label) in labels.iter().enumerate() {
            let x = MARGIN_LEFT + if i % 2 == 0 { 0.0 } else { half };
            let y = top + row * (i / 2) as f32;
            self.text_at(x + 2.0, y + 8.5, 10.5, label);
            self.line(x + 24.0, y + 10.0, x + half - 4.0, y + 10.0, 0.4);
        }
        let seal_top = top + row * labels.len().div_ceil(2) as f32;
        let left = MARGIN_LEFT + half;
        self.text_at(left + 2.0, seal_top + 7.0, 10.5, seal);
        for (x1, y1, x2, y2) in [
            (left, seal_top, left + half, seal_top),
            (left, seal_top + seal_height, left + half, seal_top + seal_height),
            (left, seal_top, left, seal_top + seal_height),
            (left + half, seal_top, left + half, seal_top + seal_height),
        ] {
            self.line(x1, y1, x2, y2, 0.6);
        }
        self.text_at(left + 2.0, seal_top + seal_height - 4.0, 10.5, date);
        self.y = seal_top + seal_height + 4.0;
    }

    /// Finishes: adds to every page the footer that needs the page count (and the
    /// watermark, when there is one, beneath the page's content), and returns the pages.
    /// `footer(n, total)` gives the footer's left, centre and right columns, up to two lines
    /// each; a left column too wide for its half of the page is set smaller, never cut.
    pub fn finish(mut self, footer: impl Fn(usize, usize) -> Footer, watermark: Option<&str>) -> Vec<Page> {
        let total = self.pages.len();
        let rule = PAGE_HEIGHT - MARGIN_BOTTOM + 5.0;
        let stamp = watermark.map(|text| self.stamp(text));
        for n in 0..total {
            let f = footer(n + 1, total);
            let size = 7.5;
            let line = size * PT * 1.35;
            let mut items = vec![Item::Line {
                x1: MARGIN_LEFT,
                y1: rule,
                x2: MARGIN_LEFT + CONTENT_WIDTH,
                y2: rule,
                width: 0.3,
            }];
            let widest = |lines: &[String]| lines.iter().map(|l| self.width(l, size)).fold(0.0, f32::max);
            // The left column runs up to the centred one, less a gap, a long name wrapping
            // onto a line of its own; the right column is narrower than its half (a code).
            let room = ((CONTENT_WIDTH - widest(&f.centre)) / 2.0 - 3.0).max(20.0);
            debug_assert!(widest(&f.right) < CONTENT_WIDTH / 2.0);
            let left: Vec<String> = f
                .left
                .iter()
                .flat_map(|l| wrap_cell(l, room, size, &self))
                .collect();
            for (i, text) in left.into_iter().enumerate() {
                items.push(Item::Text {
                    x: MARGIN_LEFT,
                    y: rule + 3.4 + line * i as f32,
                    size,
                    text,
                });
            }
            for (i, text) in f.centre.iter().enumerate() {
                items.push(Item::Text {
                    x: MARGIN_LEFT + (CONTENT_WIDTH - self.width(text, size)) / 2.0,
                    y: rule + 3.4 + line * i as f32,
                    size,
                    text: text.clone(),
                });
            }
            for (i, text) in f.right.iter().enumerate() {
                items.push(Item::Text {
                    x: MARGIN_LEFT + CONTENT_WIDTH - self.width(text, size),
                    y: rule + 3.4 + line * i as f32,
                    size,
                    text: text.clone(),
                });
            }
            let page = &mut self.pages[n];
            if let Some(s) = &stamp {
                page.items.insert(0, s.clone());
            }
            page.items.extend(items);
        }
        self.pages
    }

    /// The watermark across the middle of the page, rising at 40°.
    fn stamp(&self, text: &str) -> Item {
        let size = 120.0;
        let angle: f32 = 40.0;
        let (sin, cos) = angle.to_radians().sin_cos();
        let w = self.width(text, size);
        let em = size * PT;
        let (cx, cy) = (PAGE_WIDTH / 2.0, PAGE_HEIGHT / 2.0);
        // Along the baseline (cos, −sin) in page coordinates (y down); half an em below
        // the centre line so the glyphs sit across the middle.
        Item::Stamp {
            x: cx - w / 2.0 * cos + 0.35 * em * sin,
            y: cy + w / 2.0 * sin + 0.35 * em * cos,
            size,
            angle,
            text: printable(text, self.metrics),
        }
    }
}

/// A page footer's three columns, each up to two lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Footer {
    pub left: Vec<String>,
    pub centre: Vec<String>,
    pub right: Vec<String>,
}

/// The text with every character the font lacks shown as its code point (`U+20BB7`), so
/// nothing is ever printed as a blank box.
pub fn printable(text: &str, metrics: &dyn Metrics) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            continue;
        }
        if metrics.advance(c).is_some() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("[U+{:04X}]", c as u32));
        }
    }
    out
}

/// Units that stay on the line of the number they follow (`35周岁`, `1500人次`, `50.0%`),
/// longest first where one begins another.
const UNITS: &[&str] = &[
    "周岁", "人次", "学时", "小时", "万元", "元", "人", "次", "岁", "项", "张", "个", "年", "月", "日", "条",
    "页", "天", "号", "名", "家", "所", "门", "套", "件", "期", "%", "％", "‰", "㎡", "m²",
];
/// After these a line may end gladly (a phrase ends there).
const PHRASE_END: &str = " 　，。、；：？！）》」』】〕〉”";
/// Before these a line may start gladly (a phrase starts there).
const PHRASE_START: &str = "（《「『【〔〈“";

/// The pieces a line may not be broken inside: a Latin word or a number (with its
/// separators: `1,500`, `2025-01-01`, `0123abcd`) together with a unit that follows it,
/// or a single other character. As (start, end) character indices.
fn atoms(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i + 1;
        if chars[i].is_ascii_alphanumeric() {
            while j < chars.len()
                && (chars[j].is_ascii_alphanumeric()
                    || (",.:/-_".contains(chars[j])
                        && chars.get(j + 1).is_some_and(|c| c.is_ascii_alphanumeric())))
            {
                j += 1;
            }
            if chars[j - 1].is_ascii_digit() {
                let rest: String = chars[j..chars.len().min(j + 2)].iter().collect();
                if let Some(unit) = UNITS.iter().find(|u| rest.starts_with(*u)) {
                    j += unit.chars().count();
                }
            }
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// Splits `text` into lines no wider than `width` mm at `size` points: running text, which
/// may break between any two Chinese characters, but never inside a number with its unit
/// or a Latin word (unless it is wider than the line), never before closing punctuation
/// (行首禁则) and never after an opening bracket (行尾禁则).
pub fn wrap(text: &str, width: f32, size: f32, layout: &Layout<'_>) -> Vec<String> {
    wrap_with(text, width, size, layout, false)
}

/// [`wrap`] for a table cell: where a line has to break, it breaks between phrases (after a
/// space or punctuation, before an opening bracket) if that fills at least a quarter of the
/// line, so a short phrase such as （分别登记） is not split across lines.
pub fn wrap_cell(text: &str, width: f32, size: f32, layout: &Layout<'_>) -> Vec<String> {
    wrap_with(text, width, size, layout, true)
}

fn wrap_with(text: &str, width: f32, size: f32, layout: &Layout<'_>, phrases: bool) -> Vec<String> {
    let advance = |c: char| layout.metrics.advance(c).unwrap_or(0.5) * size * PT;
    let mut lines = Vec::new();
    for paragraph in printable_keeping_newlines(text, layout.metrics).split('\n') {
        let chars: Vec<char> = paragraph.chars().collect();
        let mut pieces = atoms(&chars);
        let piece_width = |p: (usize, usize)| chars[p.0..p.1].iter().map(|c| advance(*c)).sum::<f32>();
        // A break before piece `b` is allowed by the punctuation rules.
        let allowed = |pieces: &[(usize, usize)], b: usize| {
            let after = chars[pieces[b].0];
            let before = chars[pieces[b - 1].1 - 1];
            !NO_LINE_START.contains(after) && !NO_LINE_END.contains(before)
        };
        let glad = |pieces: &[(usize, usize)], b: usize| {
            PHRASE_END.contains(chars[pieces[b - 1].1 - 1]) || PHRASE_START.contains(chars[pieces[b].0])
        };
        let mut start = 0;
        let mut first = true;
        while start < pieces.len() {
            if !first {
                while start < pieces.len() && chars[pieces[start].0] == ' ' {
                    start += 1;
                }
                if start == pieces.len() {
                    break;
                }
            }
            first = false;
            let mut w = 0.0;
            let mut end = start;
            while end < pieces.len() && w + piece_width(pieces[end]) <= width {
                w += piece_width(pieces[end]);
                end += 1;
            }
            if end == pieces.len() {
                lines.push(chars[pieces[start].0..pieces[end - 1].1].iter().collect());
                break;
            }
            if end == start {
                // One piece wider than the line: split it where it must.
                let (a, b) = pieces[start];
                let mut cut = a + 1;
                let mut w = advance(chars[a]);
                while cut < b && w + advance(chars[cut]) <= width {
                    w += advance(chars[cut]);
                    cut += 1;
                }
                lines.push(chars[a..cut].iter().collect());
                if cut < b {
                    pieces[start] = (cut, b);
                } else {
                    start += 1;
                }
                continue;
            }
            let mut b = end;
            while b > start + 1 && !allowed(&pieces, b) {
                b -= 1;
            }
            if !allowed(&pieces, b) {
                // Nowhere on this line: let the punctuation hang past the edge instead.
                b = end;
                while b < pieces.len() && !allowed(&pieces, b) {
                    b += 1;
                }
            }
            if phrases && b < pieces.len() && !glad(&pieces, b) {
                let used = |b: usize| {
                    chars[pieces[start].0..pieces[b - 1].1]
                        .iter()
                        .map(|c| advance(*c))
                        .sum::<f32>()
                };
                if let Some(g) = (start + 1..b)
                    .rev()
                    .find(|g| glad(&pieces, *g) && allowed(&pieces, *g) && used(*g) >= width / 4.0)
                {
                    b = g;
                }
            }
            let line: String = chars[pieces[start].0..pieces[b - 1].1].iter().collect();
            lines.push(line.trim_end().to_string());
            start = b;
        }
        if chars.is_empty() {
            lines.push(String::new());
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// [`printable`], keeping line breaks.
fn printable_keeping_newlines(text: &str, metrics: &dyn Metrics) -> String {
    text.split('\n')
        .map(|line| printable(line, metrics))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every CJK character 1 em, everything else half, no glyph for private-use code points.
    struct Fixed;
    impl Metrics for Fixed {
        fn advance(&self, c: char) -> Option<f32> {
            match c as u32 {
                0xE000..=0xF8FF => None,
                0x2E80.. => Some(1.0),
                _ => Some(0.5),
            }
        }
    }

    #[test]
    fn no_line_starts_with_closing_punctuation_or_ends_with_an_opening_bracket() {
        let layout = Layout::new(&Fixed);
        // 10 pt: 1 em = 3.53 mm, so 10 characters fit in 36 mm.
        let text = "一二三四五六七八九十，一二三四（五六七八九十一二三";
        for width in [30.0, 33.0, 36.0, 40.0, 44.0] {
            let lines = wrap(text, width, 10.0, &layout);
            assert_eq!(lines.concat(), text);
            for line in &lines[1..] {
                let first = line.chars().next().unwrap();
                assert!(!NO_LINE_START.contains(first), "{width}: {lines:?}");
            }
            for line in &lines[..lines.len() - 1] {
                let last = line.chars().last().unwrap();
                assert!(!NO_LINE_END.contains(last), "{width}: {lines:?}");
            }
        }
    }

    #[test]
    fn a_number_keeps_its_unit_and_a_cell_breaks_between_phrases() {
        let layout = Layout::new(&Fixed);
        let text = "出师时年龄不超过35周岁、服务1500人次，合计1,234.50元";
        for width in (20..80).map(|w| w as f32) {
            let lines = wrap(text, width, 10.0, &layout);
            assert_eq!(lines.concat(), text, "{width}");
            for whole in ["35周岁", "1500人次", "1,234.50元"] {
                assert!(lines.iter().any(|l| l.contains(whole)), "{width}: {lines:?}");
            }
        }
        // A cell: 2 条（分别登记） breaks before the bracket, not inside the phrase.
        let lines = wrap_cell("2 条（分别登记）", 25.0, 10.0, &layout);
        assert_eq!(lines, ["2 条", "（分别登记）"]);
        // Running text fills the line.
        let lines = wrap("甲乙丙丁（分别登记）", 25.0, 10.0, &layout);
        assert_eq!(lines[0].chars().count(), 7, "{lines:?}");
        // A piece wider than the line is split rather than lost.
        let lines = wrap_cell("12150100460001231U", 15.0, 10.0, &layout);
        assert_eq!(lines.concat(), "12150100460001231U");
        assert!(lines.len() > 1);
    }

    #[test]
    fn a_long_name_in_the_footer_wraps_whole_and_stays_on_the_page() {
        let layout = Layout::new(&Fixed);
        let name = "内蒙古自治区包头市昆都仑区北方重工集团有限责任公司第二机械加工分厂铝电解工技能大师工作室";
        let pages = layout.finish(
            |n, m| Footer {
                left: vec![name.into(), "2025年度报表 · 草稿".into()],
                centre: vec![format!("第 {n} 页 共 {m} 页")],
                right: vec!["校验码 0123456789abcdef".into()],
            },
            Some("草稿"),
        );
        let texts: Vec<(f32, f32, String)> = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
                _ => None,
            })
            .collect();
        let left: Vec<&(f32, f32, String)> = texts.iter().filter(|t| t.0 == MARGIN_LEFT).collect();
        assert_eq!(left.len(), 3, "the name on two lines, then the status: {texts:?}");
        assert_eq!(format!("{}{}", left[0].2, left[1].2), name);
        assert!(texts.iter().all(|t| t.1 < PAGE_HEIGHT - 5.0));
        assert!(matches!(&pages[0].items[0], Item::Stamp { text, .. } if text == "草稿"));
    }

    #[test]
    fn a_character_the_font_lacks_is_shown_as_its_code_point() {
        assert_eq!(printable("张\u{E123}三", &Fixed), "张[U+E123]三");
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let mut layout = Layout::new(&Fixed);
        let columns = [
            Column::new("职业", 3.0, Align::Left),
            Column::new("人数", 1.0, Align::Right),
        ];
        let rows: Vec<Vec<String>> = (0..120)
            .map(|i| vec![format!("焊工{i}"), i.to_string()])
            .collect();
        layout.table(&columns, &rows, 9.0);
        let pages = layout.finish(
            |n, m| Footer {
                centre: vec![format!("第 {n} 页 共 {m} 页")],
                ..Footer::default()
            },
            None,
        );
        assert!(pages.len() >= 2);
        for (i, page) in pages.iter().enumerate() {
            let texts: Vec<&str> = page
                .items
                .iter()
                .filter_map(|it| match it {
                    Item::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            assert!(texts.contains(&"职业"), "page {} has no header row", i + 1);
            assert!(texts.contains(&format!("第 {} 页 共 {} 页", i + 1, pages.len()).as_str()));
            for item in &page.items {
                if let Item::Text { y, .. } = item {
                    assert!(
                        *y <= PAGE_HEIGHT - 5.0 && *y >= MARGIN_TOP,
                        "text outside the page at {y}"
                    );
                }
            }
        }
        let all: Vec<String> = pages
            .iter()
            .flat_map(|p| p.items.iter())
            .filter_map(|it| match it {
                Item::Text { text, .. } if text.starts_with("焊工") => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(all.len(), 120, "every row once");
    }

    #[test]
    fn the_signature_block_is_never_split() {
        let mut layout = Layout::new(&Fixed);
        layout.space(PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 30.0);
        layout.signature_block(
            &["填报人：", "负责人：", "联系电话：", "填报日期："],
            "单位盖章",
            "年　　月　　日",
        );
        let pages = layout.finish(|_, _| Footer::default(), None);
        assert_eq!(pages.len(), 2);
        let signs = |p: &Page| {
            p.items
                .iter()
                .any(|it| matches!(it, Item::Text { text, .. } if text.contains("填报人")))
        };
        assert!(!signs(&pages[0]) && signs(&pages[1]));
    }
}
