//! The words the library asks for. Where a layer below needs words of its own (a list
//! value's name, a sheet's name in a spreadsheet it writes, a definition printed on the
//! return), it declares a trait there; each is answered here for [`Lang`] from the
//! language files (`zh/…`, `en/…`). The library is handed a `Lang` and never names `i18n`.

use super::{Lang, label};
use crate::domain::labelled::ValueNames;

impl ValueNames for Lang {
    fn value_name(self, key: &str, code: &str) -> Option<&'static str> {
        label(key, code, self)
    }
}
