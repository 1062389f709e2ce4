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
    // Trimming first is the same (U+3000 is white space, and no other full-width character
    // becomes one), and most values have nothing full-width left: they are copied as they are.
    let trimmed = s.trim_matches(is_trimmed);
    if trimmed.is_ascii()
        || !trimmed
            .chars()
            .any(|c| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}'))
    {
        return trimmed.to_string();
    }
    to_half_width(trimmed)
}

/// Free text as offices type it (names, addresses, notes): trimmed like [`normalise`], and
/// full-width digits and letters made half-width ("１２３号" → "123号"), but Chinese
/// punctuation kept as typed ("研修班（第三期）", "是，否"): it is how Chinese text is
/// written, and how the return prints it.
pub fn normalise_text(s: &str) -> String {
    let full_width_alnum = |c: char| matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ');
    let trimmed = s.trim_matches(is_trimmed);
    if trimmed.is_ascii() || !trimmed.chars().any(|c| full_width_alnum(c) || c == '\u{3000}') {
        return trimmed.to_string();
    }
    trimmed
        .chars()
        .map(|c| match c {
            c if full_width_alnum(c) => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// [`normalise`], then every inner space removed and ASCII letters upper-cased: the form
/// in which ID numbers, credit codes and table codes are compared and stored.
///
/// " １５０１０２ １９９００３０７ １２３ｘ " → "15010219900307123X".
pub fn normalise_code(s: &str) -> String {
    // Already in the stored form (what every value read back from the database is).
    if s.bytes().all(|b| b.is_ascii_graphic() && !b.is_ascii_lowercase()) {
        return s.to_string();
    }
    normalise(s)
        .chars()
        .filter(|&c| !is_trimmed(c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A person's name as offices type it: [`normalise_text`], then the spaces inside a Chinese
/// name taken out, because rosters pad two-character names to line up with three-character
/// ones ("王　芳", "王  芳" → "王芳"). A name in another script keeps one space between
/// its words ("Anna  Petrova" → "Anna Petrova").
pub fn normalise_name(s: &str) -> String {
    let s = normalise_text(s);
    if !s.chars().any(is_trimmed) {
        return s;
    }
    let chinese = s
        .chars()
        .all(|c| is_trimmed(c) || is_han(c) || matches!(c, '·' | '•' | '・'));
    let words = s.split(is_trimmed).filter(|w| !w.is_empty());
    if chinese {
        words.collect()
    } else {
        words.collect::<Vec<_>>().join(" ")
    }
}

/// What kind of character a value holds that a person did not mean to type (or that
/// someone put there to mislead): the classes names, free text and terminal output care
/// about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharClass {
    /// An ordinary character.
    Plain,
    /// Tab, line feed or carriage return: free text may hold them, a name not.
    Layout,
    /// Any other control character (ESC, BEL, NUL, DEL, the C1 controls): never data.
    Control,
    /// A bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069):
    /// makes text read in another order than it is stored.
    Bidi,
    /// An invisible formatting character (zero-width space and joiners, word joiner,
    /// soft hyphen, byte-order mark, the line and paragraph separators): not in a name.
    Invisible,
    /// A noncharacter or U+FFFD (what is left of a wrongly decoded byte): no name has one.
    /// (Private-use characters are plain: systems before the Unicode extensions put rare
    /// characters of Chinese names there, and the validator's font check warns about them.)
    Unassigned,
}

/// The class of a character (see [`CharClass`]).
pub fn char_class(c: char) -> CharClass {
    match c {
        '\t' | '\n' | '\r' => CharClass::Layout,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => CharClass::Control,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{200E}' | '\u{200F}' => {
            CharClass::Bidi
        }
        '\u{00AD}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{FFF9}'..='\u{FFFB}' => CharClass::Invisible,
        '\u{FDD0}'..='\u{FDEF}' | '\u{FFFD}'..='\u{FFFF}' => CharClass::Unassigned,
        c if (u32::from(c) & 0xFFFE) == 0xFFFE => CharClass::Unassigned,
        _ => CharClass::Plain,
    }
}

/// Why a character may not stand in a value of some kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharRule {
    /// Free text (notes, addresses, titles): no control characters but tab and line
    /// breaks, no bidirectional controls.
    Text,
    /// The name of an organisation, class, facility, course or competition: one line, no
    /// control, bidirectional, invisible or unassigned characters.
    Name,
    /// A person's name: besides [`CharRule::Name`], only letters of any script (with their
    /// combining marks and Mongolian variation selectors), spaces, the middle dots
    /// “·•・‧”, the hyphen, the apostrophe and the full stop.
    PersonName,
}

/// The first character of `value` that `rule` does not allow, with its class (a person's
/// name refusing a digit or a symbol reports it as [`CharClass::Plain`]).
pub fn disallowed_char(value: &str, rule: CharRule) -> Option<(char, CharClass)> {
    value.chars().find_map(|c| {
        let class = char_class(c);
        let refused = match (class, rule) {
            (CharClass::Plain, CharRule::PersonName) => !is_name_char(c),
            (CharClass::Plain, _) => false,
            (CharClass::Layout, CharRule::Text) => false,
            (CharClass::Invisible | CharClass::Unassigned, CharRule::Text) => false,
            _ => true,
        };
        refused.then_some((c, class))
    })
}

/// A character a person's name may hold (see [`CharRule::PersonName`]).
fn is_name_char(c: char) -> bool {
    c.is_alphabetic()
        || matches!(c,
            ' ' | '·' | '•' | '・' | '‧' | '-' | '‐' | '\'' | '’' | '.'
            // Combining diacritics (a name typed with a separate accent), the Mongolian
            // free variation selectors and vowel separator, and the narrow no-break space
            // Mongolian script writes before a suffix.
            | '\u{0300}'..='\u{036F}'
            | '\u{180B}'..='\u{180F}'
            | '\u{202F}'
            // Rare characters of Chinese names as older systems stored them.
            | '\u{E000}'..='\u{F8FF}'
            | '\u{F0000}'..='\u{10FFFD}')
}

/// A Chinese character (the CJK Unified Ideographs and their extensions, the
/// compatibility ideographs, and 〇).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{3FFFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{3007}')
}

/// The date of an Excel serial number (days since 1899-12-30 in the 1900 date system,
/// which counts the 29th of February 1900 that never was; serials from 61 on are right).
/// Any time of day in the fraction is dropped. `None` outside 1900–9999.
pub fn date_from_excel_serial(serial: f64) -> Option<chrono::NaiveDate> {
    if !serial.is_finite() || !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// A date as offices type it: `2023-05-01`, `2023-5-1`, `2023/5/1`, `2023.5.1`,
/// `2023年5月1日` or `20230501` (full-width digits too), with any time of day after it
/// (`2023-05-01 00:00:00`), or an Excel serial number (`45047`, what a date cell shows
/// when its column is formatted as a number). `None` when it is no real date.
pub fn parse_date_loose(s: &str) -> Option<chrono::NaiveDate> {
    let s = normalise(s);
    // A time of day after the date ("2023-05-01 08:00:00", "2023-05-01T08:00:00").
    let s = match s.split_once([' ', 'T']) {
        Some((date, time)) if time.contains(':') => date.to_string(),
        _ => s,
    };
    // An Excel serial: five digits (1927–2173), perhaps with a time fraction.
    let whole = s.split_once('.').map_or(s.as_str(), |(w, f)| {
        if f.bytes().all(|b| b.is_ascii_digit()) {
            w
        } else {
            ""
        }
    });
    if whole.len() == 5 && whole.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<f64>().ok().and_then(date_from_excel_serial);
    }
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
    fn free_text_keeps_chinese_punctuation_and_loses_full_width_digits() {
        assert_eq!(
            normalise_text("　电工技师研修班（第３期），校企合作 "),
            "电工技师研修班（第3期），校企合作"
        );
        assert_eq!(normalise_text("ＡＢＣ　公司"), "ABC 公司");
        assert_eq!(normalise_text("plain"), "plain");
        // Codes and dates still take every full-width character.
        assert_eq!(normalise("（三级）"), "(三级)");
    }

    #[test]
    fn padded_chinese_names_lose_their_inner_spaces_and_others_keep_one() {
        assert_eq!(normalise_name("王  芳"), "王芳");
        assert_eq!(normalise_name("王\u{3000}芳 "), "王芳");
        assert_eq!(normalise_name(" 巴特尔 · 那顺"), "巴特尔·那顺");
        assert_eq!(normalise_name("𠮷 祥"), "𠮷祥");
        assert_eq!(normalise_name("Anna   Petrova"), "Anna Petrova");
        assert_eq!(normalise_name("王芳"), "王芳");
    }

    #[test]
    fn names_refuse_what_no_name_has_and_text_only_controls() {
        assert_eq!(disallowed_char("巴特尔·那顺", CharRule::PersonName), None);
        assert_eq!(disallowed_char("Anna-Maria O'Neil", CharRule::PersonName), None);
        assert_eq!(
            disallowed_char("ᠪᠠᠲᠦ", CharRule::PersonName),
            None,
            "Mongolian script"
        );
        assert_eq!(
            disallowed_char("张三\u{202E}", CharRule::PersonName),
            Some(('\u{202E}', CharClass::Bidi))
        );
        assert_eq!(
            disallowed_char("=HYPERLINK(1)", CharRule::PersonName),
            Some(('=', CharClass::Plain))
        );
        assert_eq!(
            disallowed_char("王芳2", CharRule::PersonName),
            Some(('2', CharClass::Plain))
        );
        assert_eq!(
            disallowed_char("焊工班\u{1b}[2J", CharRule::Name),
            Some(('\u{1b}', CharClass::Control))
        );
        assert_eq!(disallowed_char("焊工班（第3期）", CharRule::Name), None);
        assert_eq!(disallowed_char("两行\n备注", CharRule::Text), None);
        assert_eq!(
            disallowed_char("两行\n名称", CharRule::Name),
            Some(('\n', CharClass::Layout))
        );
        assert_eq!(
            disallowed_char("响铃\u{7}", CharRule::Text),
            Some(('\u{7}', CharClass::Control))
        );
        assert_eq!(
            disallowed_char("张\u{E000}", CharRule::PersonName),
            None,
            "a rare character"
        );
        assert_eq!(
            disallowed_char("张\u{FFFD}", CharRule::Name),
            Some(('\u{FFFD}', CharClass::Unassigned))
        );
    }

    #[test]
    fn free_text_keeps_full_width_symbols_so_no_formula_appears() {
        assert_eq!(normalise_text("＝１＋１"), "＝1＋1");
        assert_eq!(
            normalise("＝１＋１"),
            "=1+1",
            "numbers and codes still take every character"
        );
    }

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
        assert_eq!(parse_date_loose("45047"), may_first, "an Excel serial");
        assert_eq!(parse_date_loose("45047.5"), may_first, "a serial with a time");
        assert_eq!(parse_date_loose("2023-05-01 00:00:00"), may_first);
        assert_eq!(parse_date_loose("2023-05-01T08:30:00"), may_first);
        for bad in ["", "2023-02-30", "5/1/2023", "2023-5", "abc", "1234", "123456"] {
            assert_eq!(parse_date_loose(bad), None, "{bad}");
        }
    }

    #[test]
    fn excel_serials_count_from_1899_12_30() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(date_from_excel_serial(61.0), d(1900, 3, 1));
        assert_eq!(date_from_excel_serial(36526.0), d(2000, 1, 1));
        assert_eq!(date_from_excel_serial(45047.99), d(2023, 5, 1));
        assert_eq!(date_from_excel_serial(0.0), None);
        assert_eq!(date_from_excel_serial(f64::NAN), None);
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

/// The key names sort by, as Chinese users expect: Chinese names by pinyin, syllable by
/// syllable with its tone (刘 liú before 乌 wū before 张 zhāng), then names in other
/// scripts (Latin, Mongolian…) after them, each in its own order; the name itself breaks
/// ties (张 and 章 are both zhāng). The store keeps it beside each name.
pub fn name_sort_key(name: &str) -> String {
    use pinyin::ToPinyin;
    let name = name.trim();
    let chinese = name.chars().find(|c| c.is_alphanumeric()).is_some_and(is_han);
    let mut key = String::with_capacity(name.len() * 3);
    key.push(if chinese { '0' } else { '1' });
    for c in name.chars() {
        if is_han(c) {
            match c.to_pinyin() {
                Some(p) => key.push_str(p.with_tone_num_end()),
                // A character the pinyin data lacks: after every syllable.
                None => {
                    key.push('{');
                    key.push(c);
                }
            }
            key.push(' ');
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else if c.is_whitespace() && !key.ends_with(' ') {
            key.push(' ');
        }
    }
    key.push('\u{1}');
    key.push_str(name);
    key
}

#[cfg(test)]
mod name_order {
    use super::name_sort_key;

    #[test]
    fn chinese_names_sort_by_pinyin_and_other_scripts_after() {
        let mut names = vec![
            "乌云其木格",
            "其其格",
            "刘洋",
            "Bayar",
            "张三",
            "阿依古丽·买买提",
            "ᠪᠠᠶᠠᠷ",
            "李明",
            "柳青",
        ];
        names.sort_by_key(|n| name_sort_key(n));
        assert_eq!(
            names,
            [
                "阿依古丽·买买提",
                "李明",
                "刘洋",
                "柳青",
                "其其格",
                "乌云其木格",
                "张三",
                "Bayar",
                "ᠪᠠᠶᠠᠷ"
            ]
        );
    }
}
