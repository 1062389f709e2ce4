//! Every library type a user is told about, worded: one `Localize` impl per type, each
//! handing the value to its language's file (`zh/…`, `en/…`), where one exhaustive match
//! per language names every variant. The types know nothing of this: the library below
//! never calls `i18n`, the window and the command line above call `localize`.

use super::{Labelled, Lang, Localize, en, field_label, zh};
use crate::domain::identity::{CreditCodeError, IdError};
use crate::domain::{FieldIssue, Verdict};
use crate::files::OutputError;
use crate::packages::ExchangeError;
use crate::report::status::FinalRefusal;
use crate::report::submit::SubmitRefusal;
use crate::rules::Finding;
use crate::store::{Notice, StoreError};

/// `impl Localize for $type` through `zh::$path` and `en::$path`.
macro_rules! localize_by {
    ($($type:ty => $($path:ident)::+;)+) => {
        $(
            impl Localize for $type {
                fn localize(&self, lang: Lang) -> String {
                    match lang {
                        Lang::Zh => zh::$($path)::+(self),
                        Lang::En => en::$($path)::+(self),
                    }
                }
            }
        )+
    };
}

localize_by! {
    IdError => identity::id_error;
    CreditCodeError => identity::credit_code_error;
    Notice => safety::notice;
    StoreError => store::store_error;
    OutputError => safety::output_error;
    FinalRefusal => report::final_refusal;
    SubmitRefusal => report::submit_refusal;
    ExchangeError => exchange::error;
    Finding => rules::finding;
}

impl Localize for FieldIssue {
    /// "人员 · 出生日期：与身份证号不符……"
    fn localize(&self, lang: Lang) -> String {
        let table = self.kind.code();
        let record = self.kind.label(lang);
        let field = field_label(table, self.field, lang);
        match lang {
            Lang::Zh => format!(
                "{record} · {field}：{}",
                zh::problems::problem(&self.problem, table)
            ),
            Lang::En => format!(
                "{record} · {field}: {}",
                en::problems::problem(&self.problem, table)
            ),
        }
    }
}

impl Localize for Verdict {
    /// One line per issue.
    fn localize(&self, lang: Lang) -> String {
        self.issues
            .iter()
            .map(|i| i.localize(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::identity::DocType;

    fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn errors_localize_in_both_languages() {
        let e = IdError::WrongLength { len: 17 };
        assert_eq!(e.localize(Lang::Zh), "身份证号应为18位（或15位旧号），现为 17 位");
        assert!(e.localize(Lang::En).contains("17"));
        let e = IdError::CheckChar {
            expected: '7',
            found: '8',
        };
        assert_eq!(e.localize(Lang::Zh), "身份证号校验位应为 7，现为 8，请核对号码");
        let e = IdError::ImpossibleDate {
            text: "19990230".into(),
        };
        assert!(
            e.localize(Lang::Zh)
                .starts_with("身份证号中的出生日期 19990230 不是真实日期")
        );
        let e = CreditCodeError::BadChar {
            position: 3,
            found: 'O',
        };
        assert_eq!(
            e.localize(Lang::Zh),
            "统一社会信用代码第 3 位“O”不是有效字符（不使用 I、O、Z、S、V）"
        );
        // Every variant says something in both languages.
        let id_errors = [
            IdError::Empty,
            IdError::WrongLength { len: 17 },
            IdError::NotDigit {
                position: 5,
                found: 'A',
            },
            IdError::CheckChar {
                expected: 'X',
                found: '1',
            },
            IdError::ImpossibleDate {
                text: "19990230".into(),
            },
            IdError::FutureDate {
                date: date(2030, 1, 1),
            },
            IdError::TooOld {
                date: date(1880, 1, 1),
            },
            IdError::UnknownProvince { prefix: "99".into() },
            IdError::DocWrongLength {
                doc_type: DocType::Passport,
                len: 3,
            },
            IdError::DocBadChar {
                doc_type: DocType::Passport,
                position: 2,
                found: '/',
            },
        ];
        for e in id_errors {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!e.localize(lang).is_empty());
            }
            assert!(!e.to_string().is_empty());
        }
        let cc_errors = [
            CreditCodeError::Empty,
            CreditCodeError::WrongLength { len: 17 },
            CreditCodeError::BadChar {
                position: 3,
                found: 'O',
            },
            CreditCodeError::OrgCodeCheck {
                expected: '1',
                found: '2',
            },
            CreditCodeError::CheckChar {
                expected: 'T',
                found: '0',
            },
        ];
        for e in cc_errors {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!e.localize(lang).is_empty());
            }
        }
    }
}
