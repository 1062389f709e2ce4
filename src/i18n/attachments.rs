//! The words of evidence attachments (attaching, listing, opening, removing), for the
//! command line and the window, filled once per language (`zh/attachments.rs`,
//! `en/attachments.rs`).

use super::Lang;
use crate::domain::attachment::AttachmentProblem;

/// Why a file may not be attached, in words (what is expected included).
pub fn problem(problem: &AttachmentProblem, lang: Lang) -> String {
    match lang {
        Lang::Zh => super::zh::attachments::problem(problem),
        Lang::En => super::en::attachments::problem(problem),
    }
}

/// A size in bytes as people read it (KB, MB).
pub fn size(bytes: u64, lang: Lang) -> String {
    let _ = lang;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}
