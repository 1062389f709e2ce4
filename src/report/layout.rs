//! Page layout for the printed return, independent of any PDF library: A4 portrait pages
//! of positioned text and lines. Text is wrapped by the Chinese line-breaking rules (no
//! line starts with ，。；：？！、）》」 and the like, none ends with （《「), tables break
//! across pages with their header row repeated, and a block that must stay whole (the
//! signature and seal block) moves to a new page rather than split.
//!
//! Positions are millimetres from the top-left corner; the PDF writer turns them round.

/// Width of one character, in ems (1.0 = the font size); `None` when the font has no
/// glyph for it.
pub trait Metrics {
    fn advance(&self, c: char) -> Option<f32>;
}

/// Something drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// Text whose baseline starts at (`x`, `y`).
    Text { x: f32, y: f32, size: f32, text: String },
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
        wrap(text, width - 3.0, size, self)
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

    /// Finishes: adds to every page the footer that needs the page count, and returns the
    /// pages. `footer(n, total)` gives the left, centre and right footer texts.
    pub fn finish(mut self, footer: impl Fn(usize, usize) -> [String; 3]) -> Vec<Page> {
        let total = self.pages.len();
        let baseline = PAGE_HEIGHT - 10.0;
        for n in 0..total {
            let [left, centre, right] = footer(n + 1, total);
            let size = 8.0;
            let (wc, wr) = (self.width(&centre, size), self.width(&right, size));
            let page = &mut self.pages[n];
            page.items.push(Item::Line {
                x1: MARGIN_LEFT,
                y1: baseline - 5.0,
                x2: MARGIN_LEFT + CONTENT_WIDTH,
                y2: baseline - 5.0,
                width: 0.3,
            });
            for (x, text) in [
                (MARGIN_LEFT, left),
                (MARGIN_LEFT + (CONTENT_WIDTH - wc) / 2.0, centre),
                (MARGIN_LEFT + CONTENT_WIDTH - wr, right),
            ] {
                page.items.push(Item::Text {
                    x,
                    y: baseline,
                    size,
                    text,
                });
            }
        }
        self.pages
    }
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

/// Splits `text` into lines no wider than `width` mm at `size` points, keeping Latin
/// words and numbers whole where they fit and obeying the line-start and line-end rules.
pub fn wrap(text: &str, width: f32, size: f32, layout: &Layout<'_>) -> Vec<String> {
    let chars: Vec<char> = printable(text, layout.metrics).chars().collect();
    let advance = |c: char| layout.metrics.advance(c).unwrap_or(0.5) * size * PT;
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut w = 0.0;
        let mut end = start;
        while end < chars.len() && (end == start || w + advance(chars[end]) <= width) {
            if chars[end] == '\n' {
                break;
            }
            w += advance(chars[end]);
            end += 1;
        }
        if end < chars.len() && chars[end] != '\n' {
            // Keep a Latin word or number whole if it can start the next line.
            if chars[end].is_ascii_alphanumeric() {
                let mut b = end;
                while b > start && chars[b - 1].is_ascii_alphanumeric() {
                    b -= 1;
                }
                if b > start {
                    end = b;
                }
            }
            // 行首禁则: pull the previous character down rather than start with punctuation.
            while end > start + 1 && end < chars.len() && NO_LINE_START.contains(chars[end]) {
                end -= 1;
            }
            // 行尾禁则: an opening bracket goes to the next line.
            while end > start + 1 && NO_LINE_END.contains(chars[end - 1]) {
                end -= 1;
            }
        }
        lines.push(
            chars[start..end]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string(),
        );
        start = end;
        if start < chars.len() && chars[start] == '\n' {
            start += 1;
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
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
        let pages = layout.finish(|n, m| [String::new(), format!("第 {n} 页 共 {m} 页"), String::new()]);
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
        let pages = layout.finish(|_, _| Default::default());
        assert_eq!(pages.len(), 2);
        let signs = |p: &Page| {
            p.items
                .iter()
                .any(|it| matches!(it, Item::Text { text, .. } if text.contains("填报人")))
        };
        assert!(!signs(&pages[0]) && signs(&pages[1]));
    }
}
