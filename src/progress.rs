//! Progress of long work (demo data, imports, returns), shown as a bar in the terminal
//! or in the window. Library code reports through [`Progress`]; it never prints.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Receives progress reports from long work. Implementations must be cheap to call often.
pub trait Progress: Send + Sync {
    /// A new stage begins, with `total` steps (0 when unknown).
    fn stage(&self, name: &str, total: u64);
    /// `n` more steps are done.
    fn advance(&self, n: u64);
    /// The work is over.
    fn finish(&self) {}
}

/// Reports nowhere.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
}

/// A bar on stderr when stderr is a terminal; nothing otherwise (scripts, CI).
pub struct Terminal {
    bar: indicatif::ProgressBar,
    /// How a stage's code is shown (in the user's language); as given when none.
    names: Option<Box<StageNames>>,
}

/// Words a stage's code (see [`Terminal::named`]).
type StageNames = dyn Fn(&str) -> String + Send + Sync;

impl Terminal {
    pub fn new() -> Terminal {
        let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            indicatif::ProgressBar::new(0)
        } else {
            indicatif::ProgressBar::hidden()
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template("{msg:12} [{bar:40}] {pos}/{len} ({eta})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Terminal { bar, names: None }
    }

    /// Shows each stage as `names` words it (the library reports stages by code: `hash`,
    /// `seal`, `backup` …; the command line words them in the user's language).
    pub fn named(mut self, names: impl Fn(&str) -> String + Send + Sync + 'static) -> Terminal {
        self.names = Some(Box::new(names));
        self
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::new()
    }
}

impl Progress for Terminal {
    fn stage(&self, name: &str, total: u64) {
        let shown = self.names.as_ref().map_or_else(|| name.to_string(), |f| f(name));
        self.bar.set_message(shown);
        self.bar.set_length(total);
        self.bar.set_position(0);
    }
    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }
    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Progress shared with another thread (the window polls it each frame).
#[derive(Clone, Default)]
pub struct Shared {
    inner: Arc<SharedInner>,
}

#[derive(Default)]
struct SharedInner {
    stage: Mutex<String>,
    total: AtomicU64,
    done: AtomicU64,
}

impl Shared {
    /// The current stage, steps done and total.
    pub fn snapshot(&self) -> (String, u64, u64) {
        let stage = self.inner.stage.lock().map(|s| s.clone()).unwrap_or_default();
        (
            stage,
            self.inner.done.load(Ordering::Relaxed),
            self.inner.total.load(Ordering::Relaxed),
        )
    }
}

impl Progress for Shared {
    fn stage(&self, name: &str, total: u64) {
        if let Ok(mut s) = self.inner.stage.lock() {
            *s = name.to_string();
        }
        self.inner.total.store(total, Ordering::Relaxed);
        self.inner.done.store(0, Ordering::Relaxed);
    }
    fn advance(&self, n: u64) {
        self.inner.done.fetch_add(n, Ordering::Relaxed);
    }
}
