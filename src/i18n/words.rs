//! The words the library asks for. Where a layer below needs words of its own (a list
//! value's name, a sheet's name in a spreadsheet it writes, a definition printed on the
//! return), it declares a trait there; each is answered here for [`Lang`] from the
//! language files (`zh/…`, `en/…`). The library is handed a `Lang` and never names `i18n`.

use super::{Lang, import, label, safety};
use crate::domain::labelled::ValueNames;
use crate::sheets::import::RowIssue;

impl ValueNames for Lang {
    fn value_name(self, key: &str, code: &str) -> Option<&'static str> {
        label(key, code, self)
    }
}

impl crate::sheets::Words for Lang {
    fn import_stages(self) -> [&'static str; 3] {
        let t = import::text(self);
        [t.stage_check, t.stage_backup, t.stage_write]
    }
    fn rejected_sheet(self) -> &'static str {
        import::text(self).failed_sheet
    }
    fn issue(self, issue: &RowIssue) -> String {
        import::issue_text(issue, self)
    }
    fn template_notes(self) -> &'static [&'static str] {
        import::text(self).template_notes
    }
    fn yes_no(self, yes: bool) -> &'static str {
        let t = import::text(self);
        if yes { t.yes } else { t.no }
    }
    fn list_separator(self) -> &'static str {
        import::text(self).list_separator
    }
    fn audit_sheet(self) -> &'static str {
        safety::text(self).audit_sheet
    }
    fn audit_columns(self) -> [&'static str; 10] {
        safety::text(self).audit_columns
    }
    fn audit_action(self, action: &str) -> &'static str {
        (safety::text(self).action)(action)
    }
}
