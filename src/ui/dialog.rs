//! The system's file dialogs, and what to do where none can open: on Kylin/UOS desks
//! without a desktop portal (and under Xvfb) the dialog returns at once with nothing,
//! exactly as if the user had cancelled. A dialog a person answers takes longer than a
//! blink, so one that comes back empty within [`NO_DIALOG`] never showed: the screen
//! says so and offers its typed-path field, and no dialog is tried again this session.

use std::cell::Cell;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Faster than anyone closes a dialog.
const NO_DIALOG: Duration = Duration::from_millis(400);

thread_local! {
    /// A dialog came back empty at once before: none can open here. Per thread: the
    /// window draws (and opens dialogs) on one thread, and tests that each drive a
    /// window on their own thread do not see one another's.
    static MISSING: Cell<bool> = const { Cell::new(false) };
}

/// What a file dialog gave.
#[derive(Debug, PartialEq)]
pub enum Picked {
    Chosen(PathBuf),
    Cancelled,
    /// No dialog could open: type the path instead.
    Unavailable,
}

/// Runs a dialog (`rfd::FileDialog`'s pick or save) and tells a cancel from a dialog
/// that never opened.
pub fn pick(dialog: impl FnOnce() -> Option<PathBuf>) -> Picked {
    if missing() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    match dialog() {
        Some(p) => Picked::Chosen(p),
        None if started.elapsed() < NO_DIALOG => {
            set_missing();
            Picked::Unavailable
        }
        None => Picked::Cancelled,
    }
}

/// A browse button beside a typed-path field: the dialog's choice goes into the field,
/// or, where no dialog can open, the field starts in the documents folder. Whether a file
/// (or folder) was chosen.
pub fn browse(path: &mut String, dialog: impl FnOnce() -> Option<PathBuf>) -> bool {
    match pick(dialog) {
        Picked::Chosen(p) => {
            *path = p.display().to_string();
            true
        }
        Picked::Unavailable => {
            prefill(path);
            false
        }
        Picked::Cancelled => false,
    }
}

/// A typed-path field's text where no dialog opened: the documents folder (with a
/// separator, to type the file's name after), unless something is typed already.
pub fn prefill(path: &mut String) {
    if path.trim().is_empty() {
        let mut dir = crate::files::documents_dir().display().to_string();
        dir.push(std::path::MAIN_SEPARATOR);
        *path = dir;
    }
}

/// Whether a dialog was found not to open this session.
pub fn missing() -> bool {
    MISSING.with(Cell::get)
}

/// No dialog can open on this thread from now on: what a dialog that came back empty at
/// once tells; tests driving the window headless say it first, so no dialog is tried.
pub fn set_missing() {
    MISSING.with(|m| m.set(true));
}

/// Beside a browse button: once no dialog could open, says so and what to do instead.
pub fn note(ui: &mut egui::Ui, lang: crate::i18n::Lang) {
    if missing() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            crate::i18n::desk::text(lang).no_file_dialog,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialog_that_comes_back_empty_at_once_never_opened_and_is_not_tried_again() {
        let mut tried = 0;
        assert_eq!(
            pick(|| {
                tried += 1;
                None
            }),
            Picked::Unavailable
        );
        assert!(missing());
        assert_eq!(
            pick(|| {
                tried += 1;
                Some(PathBuf::from("x"))
            }),
            Picked::Unavailable
        );
        assert_eq!(tried, 1, "no second dialog where none opens");
        let mut path = String::new();
        prefill(&mut path);
        assert!(path.ends_with(std::path::MAIN_SEPARATOR) && path.len() > 1);
        let mut typed = "/data/名单.xlsx".to_string();
        prefill(&mut typed);
        assert_eq!(typed, "/data/名单.xlsx");
    }
}
