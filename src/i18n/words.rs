//! The words the library asks for. Where a layer below needs words of its own (a list
//! value's name, a sheet's name in a spreadsheet it writes, a definition printed on the
//! return), it declares a trait there; each is answered here for [`Lang`] from the
//! language files (`zh/…`, `en/…`). The library is handed a `Lang` and never names `i18n`.

use super::{Lang, en, field_label, import, label, safety, zh};
use crate::domain::Severity;
use crate::domain::labelled::ValueNames;
use crate::rules::{Finding, Rule};
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
    fn audit_event(self, action: &str, details: &serde_json::Value) -> Option<String> {
        super::restore::audit_event(action, details, self)
    }
    fn merged_by(self, profile: &str, sender: &str) -> String {
        (super::restore::text(self).merged_by)(profile, sender)
    }
    fn merge_sender(self, details: &serde_json::Value) -> String {
        super::restore::merge_sender(details)
    }
}

/// `fn $name(self, $arg) -> $out` answered by `zh::$file::$name` or `en::$file::$name`.
macro_rules! by_language {
    ($file:ident: $(fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty;)+) => {
        $(
            fn $name(self, $($arg: $ty),*) -> $out {
                match self {
                    Lang::Zh => zh::$file::$name($($arg),*),
                    Lang::En => en::$file::$name($($arg),*),
                }
            }
        )+
    };
}

impl crate::rules::Words for Lang {
    by_language! { rules:
        fn purpose(rule: Rule) -> &'static str;
        fn fix(rule: Rule) -> &'static str;
        fn finding(finding: &Finding) -> String;
        fn severity(severity: Severity) -> &'static str;
    }
    fn message(self, finding: &Finding) -> String {
        match self {
            Lang::Zh => zh::rules::finding_message(finding),
            Lang::En => en::rules::finding_message(finding),
        }
    }
    fn field(self, finding: &Finding) -> &'static str {
        field_label(finding.kind.code(), finding.field, self)
    }
    fn findings_sheet(self) -> (&'static str, [&'static str; 8]) {
        match self {
            Lang::Zh => zh::rules::FINDINGS_SHEET,
            Lang::En => en::rules::FINDINGS_SHEET,
        }
    }
    fn by_rule_sheet(self) -> (&'static str, [&'static str; 4]) {
        match self {
            Lang::Zh => zh::rules::BY_RULE_SHEET,
            Lang::En => en::rules::BY_RULE_SHEET,
        }
    }
}

impl crate::report::Words for Lang {
    by_language! { report:
        fn definition(key: &str) -> &'static str;
    }
    by_language! { exchange:
        fn region_definition(key: &str) -> &'static str;
    }
}
