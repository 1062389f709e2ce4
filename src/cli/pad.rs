//! Columns lined up in a terminal, where a Chinese character takes two.

/// Columns a character takes in a terminal: two for Chinese and other wide characters.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// `text` padded with spaces on the right to `width` terminal columns.
pub(super) fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(display_width(text))))
}

/// `text` padded with spaces on the left to `width` terminal columns.
pub(super) fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(display_width(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_columns_line_up() {
        assert_eq!(display_width("人员"), 4);
        assert_eq!(pad("人员", 6), "人员  ");
        assert_eq!(pad("Person", 8), "Person  ");
        assert_eq!(pad_left("记录数", 8), "  记录数");
    }
}
