//! Notifications: what happened, in the user's language. The newest shows as a toast for
//! a few seconds; all of this session's stay in a list the user can open.

use std::time::{Duration, Instant};

/// How much a notification matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something was done (saved, deleted, exported).
    Success,
    /// Worth knowing, nothing went wrong.
    Info,
    /// Something failed; nothing was written.
    Error,
}

/// One notification.
#[derive(Clone, Debug)]
pub struct Note {
    pub level: Level,
    pub text: String,
    pub at: chrono::DateTime<chrono::Local>,
    /// A file just saved: the toast offers to open it and its folder.
    pub file: Option<std::path::PathBuf>,
    shown: Instant,
}

/// This session's notifications, newest last.
#[derive(Default)]
pub struct Notifications {
    notes: Vec<Note>,
}

/// How long a toast stays: errors stay longer, as they need reading, and a saved file's
/// longer still, for its buttons.
fn toast_time(note: &Note) -> Duration {
    match note.level {
        _ if note.file.is_some() => Duration::from_secs(60),
        Level::Error => Duration::from_secs(12),
        _ => Duration::from_secs(4),
    }
}

impl Notifications {
    pub fn push(&mut self, level: Level, text: impl Into<String>) {
        self.notes.push(Note {
            level,
            text: text.into(),
            at: chrono::Local::now(),
            file: None,
            shown: Instant::now(),
        });
    }

    /// A file was saved: the toast offers 打开文件 and 打开所在文件夹.
    pub fn saved(&mut self, text: impl Into<String>, file: std::path::PathBuf) {
        self.push(Level::Success, text);
        if let Some(n) = self.notes.last_mut() {
            n.file = Some(file);
        }
    }

    pub fn success(&mut self, text: impl Into<String>) {
        self.push(Level::Success, text);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text);
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text);
    }

    /// Every notification of this session, newest last.
    pub fn all(&self) -> &[Note] {
        &self.notes
    }

    /// The newest, while its toast time lasts.
    pub fn toast(&self) -> Option<&Note> {
        self.notes.last().filter(|n| n.shown.elapsed() < toast_time(n))
    }

    /// Hides the current toast (its note stays in the list).
    pub fn dismiss(&mut self) {
        if let Some(n) = self.notes.last_mut() {
            n.shown = Instant::now() - toast_time(n);
        }
    }

    pub fn last(&self) -> Option<&Note> {
        self.notes.last()
    }
}
