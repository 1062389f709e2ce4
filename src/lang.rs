//! The language a person reads. A plain value every layer may be handed (the library
//! makes spreadsheets, messages and documents in it); what each language says lives in
//! `i18n`, the layer above the library that words its types and answers the word traits
//! the library declares where it needs words of its own (see `i18n`'s module comment).

use serde::{Deserialize, Serialize};

/// The language messages are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文 (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Picks the language from an explicit flag, else from `LANG`/`LC_ALL`/`LC_MESSAGES`
    /// (`en*` means English), else Chinese.
    pub fn detect(explicit: Option<&str>) -> Lang {
        if let Some(flag) = explicit {
            return Lang::parse(flag).unwrap_or_default();
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var)
                && !value.is_empty()
            {
                return if value.to_ascii_lowercase().starts_with("en") {
                    Lang::En
                } else {
                    Lang::Zh
                };
            }
        }
        Lang::Zh
    }

    /// `zh`, `zh-CN`, `cn` → Chinese; `en`, `en_US.UTF-8` → English.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") || s == "cn" {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}
