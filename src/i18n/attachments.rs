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

/// Why a named file cannot be attached, in words naming the file.
pub fn refusal(refusal: &crate::store::FileRefusal, file: &std::path::Path, lang: Lang) -> String {
    use crate::store::FileRefusal as R;
    let t = text(lang);
    let shown = file.display().to_string();
    match refusal {
        R::Missing => (t.no_file)(&shown),
        R::Folder => (t.is_folder)(&shown),
        R::Unreadable(e) => (t.cannot_read)(&shown, &super::io_error(e, lang)),
        R::OwnDatabase => (t.is_database)(&shown),
        R::Refused(p) => {
            let name = file
                .file_name()
                .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
            crate::i18n::Localize::localize(
                &crate::store::StoreError::Attachment {
                    file_name: name,
                    problem: p.clone(),
                },
                lang,
            )
        }
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

/// Every sentence about attachments, on the command line and in the window.
pub struct AttachmentText {
    /// `attach`: `--record` not given; the file not given.
    pub missing_record: &'static str,
    pub missing_file: &'static str,
    /// `--record`'s value is no record id: the value.
    pub not_an_id: fn(&str) -> String,
    /// No register holds the id: the id.
    pub no_record: fn(&str) -> String,
    /// The record is deleted: the register's name, the record as people name it.
    pub deleted_record: fn(&str, &str) -> String,
    /// The file: does not exist; is a folder; cannot be read (the system's reason); is
    /// the database itself or one of its own files.
    pub no_file: fn(&str) -> String,
    pub is_folder: fn(&str) -> String,
    pub cannot_read: fn(&str, &str) -> String,
    pub is_database: fn(&str) -> String,
    /// After the problems: nothing was written.
    pub nothing_written: &'static str,
    /// Attached: file name, size, register, record, attachment id.
    pub attached: fn(&str, &str, &str, &str, &str) -> String,
    /// The content was kept already (attached to another record): stored once.
    pub stored_once: &'static str,
    /// The same content is attached to the record already: file name, the name it is
    /// there under.
    pub already_attached: fn(&str, &str) -> String,
    /// `attachments`' columns: register, file, type, size, attached, id, record, note.
    pub columns: [&'static str; 8],
    /// No attachment (in the database, or on the record).
    pub none: &'static str,
    /// The totals: attachments, distinct files, their size.
    pub totals: fn(u64, u64, &str) -> String,
    /// A package's preview: attachments new here, removed by the sender.
    pub in_package: fn(usize, usize) -> String,
    /// The window's panel.
    pub heading: &'static str,
    pub choose_file: &'static str,
    pub typed_path: &'static str,
    pub attach: &'static str,
    pub note: &'static str,
    pub drop_hint: &'static str,
    pub save_first: &'static str,
    pub open: &'static str,
    pub remove: &'static str,
    pub show_sha: &'static str,
    /// The question before a removal: the file name.
    pub remove_question: fn(&str) -> String,
    pub confirm_remove: &'static str,
    pub cancel: &'static str,
    /// Removed: the file name.
    pub removed: fn(&str) -> String,
    /// The viewer could not be started: the reason.
    pub open_failed: fn(&str) -> String,
    /// No program to open files with was found: the program looked for.
    pub no_viewer: fn(&str) -> String,
    /// Opened with the system viewer: the file name.
    pub opened: fn(&str) -> String,
}

/// The words in a language.
pub fn text(lang: Lang) -> &'static AttachmentText {
    match lang {
        Lang::Zh => &super::zh::attachments::TEXT,
        Lang::En => &super::en::attachments::TEXT,
    }
}
