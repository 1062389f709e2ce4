//! The name of a closed list's value in the user's language. A value knows its list
//! (`LABEL_KEY`, the enum's name) and its storage code; the names themselves are words,
//! kept with every other word in `i18n` (`zh/labels.rs`, `en/labels.rs`) and reached
//! through [`ValueNames`], which `i18n` answers for each [`Lang`]. So the domain names its
//! values without depending on the layer that words it.

use crate::lang::Lang;

/// What a list value is called in a language: implemented for [`Lang`] by `i18n`.
pub trait ValueNames {
    /// The label of the value `code` of the list `key`, if the language has one.
    fn value_name(self, key: &str, code: &str) -> Option<&'static str>;
}

/// A closed list value with a label per language (see `domain::macros::code_enum!`).
pub trait Labelled {
    /// The enum's name, the first half of the label key.
    const LABEL_KEY: &'static str;
    /// The value's storage code, the second half of the label key.
    fn code(&self) -> &'static str;

    /// The label a person reads; the storage code if a translation were missing (a test
    /// checks that none is).
    fn label(&self, lang: Lang) -> &'static str {
        lang.value_name(Self::LABEL_KEY, self.code())
            .unwrap_or_else(|| self.code())
    }
}
