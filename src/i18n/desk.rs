//! The words of the window at the desk (issue 16): asking before a form's changes are
//! discarded, the operator's name, hints, opening saved files, the roster-as-people
//! note. One struct, filled once per language (`zh/desk.rs`, `en/desk.rs`).

use super::Lang;

/// Sentences the window's forms, lists and file steps show.
pub struct DeskText {
    pub discard_question: &'static str,
    pub discard: &'static str,
    pub keep_editing: &'static str,
    pub operator_question: &'static str,
    pub operator_hint: &'static str,
    pub operator_set: &'static str,
    pub later: &'static str,
    /// The people list's grade filter: every high-skill talent (三级及以上).
    pub high_skill: &'static str,
    pub grade_and_above: fn(&str) -> String,
    pub highest_grade_is: fn(&str) -> String,
}

/// The words in a language.
pub fn text(lang: Lang) -> &'static DeskText {
    match lang {
        Lang::Zh => &super::zh::desk::TEXT,
        Lang::En => &super::en::desk::TEXT,
    }
}
