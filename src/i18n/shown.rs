//! How a value that came from a record, a spreadsheet or a package is shown inside a
//! sentence, on the terminal and in the window: one helper for every message, so no
//! command has its own rules.
//!
//! - Control characters (ESC, BEL, NUL…), bidirectional overrides and the other
//!   characters of `domain::text::CharClass` other than plain text are written as
//!   `[U+001B]`: a record cannot move the cursor, clear the screen, ring the bell or make
//!   a line read backwards.
//! - A long value is cut after [`MAX_SHOWN`] characters with "…（共 N 个字符）" /
//!   "…(N characters)": a rejected 50 MB cell is not echoed whole.
//! - [`terminal`] (and [`SafeWriter`], through which the command line prints everything)
//!   does the first for whole lines of output, keeping their line breaks.
//!
//! ID and phone numbers inside messages are masked where the message is made
//! (`identity::mask_document_number`, `identity::mask_phone`), as everywhere else.

use std::borrow::Cow;
use std::io::Write;

use crate::domain::text::{CharClass, char_class};
use crate::i18n::Lang;

/// The characters of a value shown in a message before it is cut.
pub const MAX_SHOWN: usize = 200;

/// `c` written so it cannot act on a terminal: `[U+001B]`.
fn visible(c: char, out: &mut String) {
    use std::fmt::Write as _;
    let _ = write!(out, "[U+{:04X}]", u32::from(c));
}

/// Whether `c` is written as `[U+XXXX]` inside a value (line breaks and tabs too: a value
/// is one line).
fn escaped_in_value(c: char) -> bool {
    char_class(c) != CharClass::Plain
}

/// Whether `c` is written as `[U+XXXX]` in a whole line of output (line breaks kept).
fn escaped_in_output(c: char) -> bool {
    !matches!(c, '\n' | '\t') && char_class(c) != CharClass::Plain
}

/// A value as a message shows it: characters that could act on a terminal made visible,
/// cut after [`MAX_SHOWN`] characters with the number of characters it has.
pub fn value(text: &str, lang: Lang) -> Cow<'_, str> {
    let long = text.len() > MAX_SHOWN && text.chars().nth(MAX_SHOWN).is_some();
    if !long && !text.chars().any(escaped_in_value) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(MAX_SHOWN * 4) + 32);
    for c in text.chars().take(MAX_SHOWN) {
        if escaped_in_value(c) {
            visible(c, &mut out);
        } else {
            out.push(c);
        }
    }
    if long {
        let n = text.chars().count();
        match lang {
            Lang::Zh => out.push_str(&format!("…（共 {n} 个字符）")),
            Lang::En => out.push_str(&format!("…({n} characters)")),
        }
    }
    Cow::Owned(out)
}

/// One character as a message names it: itself in quotes when it is visible, always its
/// code point ("“=”（U+003D）", "U+202E").
pub fn character(c: char, lang: Lang) -> String {
    let code = u32::from(c);
    match lang {
        _ if char_class(c) != CharClass::Plain || c.is_whitespace() => format!("U+{code:04X}"),
        Lang::Zh => format!("“{c}”（U+{code:04X}）"),
        Lang::En => format!("\"{c}\" (U+{code:04X})"),
    }
}

/// Whole lines of output as the terminal receives them: every control character but the
/// line break and tab, every bidirectional and invisible formatting character made visible.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(escaped_in_output) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped_in_output(c) {
            visible(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that passes everything through [`terminal`]: what the command line prints on
/// stdout and stderr. Bytes that split a UTF-8 sequence between two writes are held until
/// the rest arrives; bytes that are no UTF-8 at all are shown as U+FFFD.
pub struct SafeWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> SafeWriter<W> {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            // An incomplete sequence at the end waits for the next write.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let text = String::from_utf8_lossy(&self.pending[..valid]).into_owned();
        self.inner.write_all(terminal(&text).as_bytes())?;
        self.pending.drain(..valid);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let text = String::from_utf8_lossy(&self.pending).into_owned();
            self.pending.clear();
            self.inner.write_all(terminal(&text).as_bytes())?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_and_long_values_are_cut() {
        assert_eq!(value("张三", Lang::Zh), "张三");
        assert_eq!(value("a\u{1b}[2Jb\u{7}", Lang::Zh), "a[U+001B][2Jb[U+0007]");
        assert_eq!(value("两行\n备注", Lang::En), "两行[U+000A]备注");
        assert_eq!(value("\u{202E}cba", Lang::En), "[U+202E]cba");
        let long = "x".repeat(50_000);
        let shown = value(&long, Lang::Zh);
        assert!(shown.ends_with("…（共 50000 个字符）"), "{shown}");
        assert_eq!(shown.chars().filter(|c| *c == 'x').count(), MAX_SHOWN);
        assert!(value(&long, Lang::En).ends_with("…(50000 characters)"));
        assert_eq!(
            value(&"字".repeat(MAX_SHOWN), Lang::Zh).chars().count(),
            MAX_SHOWN
        );
    }

    #[test]
    fn output_keeps_its_line_breaks_and_loses_escape_sequences() {
        assert_eq!(terminal("第 1 行\n第 2 行\n"), "第 1 行\n第 2 行\n");
        assert_eq!(
            terminal("\u{1b}]0;title\u{7}x\r"),
            "[U+001B]]0;title[U+0007]x[U+000D]"
        );
        let mut out = Vec::new();
        {
            let mut w = SafeWriter::new(&mut out);
            let bytes = "名\u{1b}字\n".as_bytes();
            // A write that splits a character in two.
            w.write_all(&bytes[..2]).unwrap();
            w.write_all(&bytes[2..]).unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "名[U+001B]字\n");
    }

    #[test]
    fn a_character_is_named_with_its_code_point() {
        assert_eq!(character('=', Lang::Zh), "“=”（U+003D）");
        assert_eq!(character('=', Lang::En), "\"=\" (U+003D)");
        assert_eq!(character('\u{202E}', Lang::Zh), "U+202E");
        assert_eq!(character('\u{1b}', Lang::En), "U+001B");
    }
}
