//! Input normalisation shared by every form and import: full-width to half-width
//! characters, trimming (including the ideographic space and no-break space), and the
//! stricter form used for codes and document numbers.
//!
//! Offices type with Chinese input methods and paste from Excel, so "１５０１０２",
//! "　150102 " and "150102" must all mean the same thing before any check runs.

/// Characters trimmed from both ends besides ordinary white space: the byte-order mark
/// and zero-width space that Excel and web pages leave behind.
const EXTRA_TRIM: [char; 3] = ['\u{FEFF}', '\u{200B}', '\u{00A0}'];

/// Maps full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic space (U+3000)
/// to a plain space. Everything else is kept as it is.
///
/// "１５０１０２ｘ" → "150102x", "（三级）" → "(三级)".
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

fn is_trimmed(c: char) -> bool {
    c.is_whitespace() || EXTRA_TRIM.contains(&c)
}

/// Half-width, then trimmed at both ends (spaces, tabs, line breaks, U+3000, NBSP, BOM,
/// zero-width space). Inner characters are left alone.
pub fn normalise(s: &str) -> String {
    to_half_width(s).trim_matches(is_trimmed).to_string()
}

/// [`normalise`], then every inner space removed and ASCII letters upper-cased: the form
/// in which ID numbers, credit codes and table codes are compared and stored.
///
/// " １５０１０２ １９９００３０７ １２３ｘ " → "15010219900307123X".
pub fn normalise_code(s: &str) -> String {
    normalise(s)
        .chars()
        .filter(|&c| !is_trimmed(c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A date as offices type it: `2023-05-01`, `2023-5-1`, `2023/5/1`, `2023.5.1`,
/// `2023年5月1日` or `20230501` (full-width digits too). `None` when it is no real date.
pub fn parse_date_loose(s: &str) -> Option<chrono::NaiveDate> {
    let s = normalise(s);
    let s = s.trim_end_matches('日');
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (s[..4].parse().ok()?, s[4..6].parse().ok()?, s[6..].parse().ok()?);
        return chrono::NaiveDate::from_ymd_opt(y, m, d);
    }
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).map(str::trim).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_typed_every_office_way() {
        let may_first = chrono::NaiveDate::from_ymd_opt(2023, 5, 1);
        for typed in [
            "2023-05-01",
            "2023-5-1",
            "2023/5/1",
            "2023.5.1",
            "2023年5月1日",
            "20230501",
            "２０２３-５-１ ",
        ] {
            assert_eq!(parse_date_loose(typed), may_first, "{typed}");
        }
        for bad in ["", "2023-02-30", "5/1/2023", "2023-5", "abc"] {
            assert_eq!(parse_date_loose(bad), None, "{bad}");
        }
    }

    #[test]
    fn full_width_ascii_becomes_ascii() {
        assert_eq!(
            to_half_width("１５０１０２１９９００３０７１２３７"),
            "150102199003071237"
        );
        assert_eq!(to_half_width("ＡＢＣｘｙｚ！～"), "ABCxyz!~");
        assert_eq!(to_half_width("高级工（三级）"), "高级工(三级)");
        assert_eq!(to_half_width("a\u{3000}b"), "a b");
        assert_eq!(to_half_width("蒙古族"), "蒙古族");
    }

    #[test]
    fn normalise_trims_all_kinds_of_space_only_at_the_ends() {
        assert_eq!(normalise("\u{3000} 呼和浩特 市\u{00A0}\t\r\n"), "呼和浩特 市");
        assert_eq!(normalise("\u{FEFF}技师\u{200B}"), "技师");
        assert_eq!(normalise("   "), "");
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn normalise_code_removes_inner_spaces_and_upper_cases() {
        assert_eq!(
            normalise_code(" １５０１０２ １９９００３０７\u{3000}１２３ｘ "),
            "15010219900307123X"
        );
        assert_eq!(normalise_code("91350100m000100y43"), "91350100M000100Y43");
        assert_eq!(normalise_code("6-18-01-01"), "6-18-01-01");
        assert_eq!(normalise_code("蒙古族"), "蒙古族");
    }
}
