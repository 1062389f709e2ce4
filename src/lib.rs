//! SkillBase (技能基地通): records and annual returns for Inner Mongolia's high-skill
//! talent training bases and skill master studios.
//!
//! The library holds everything; the binary (`main.rs`) only parses the command line.
//! Read in this order: [`domain`] (the registers and their rules), [`store`] (the SQLite
//! database, the only place with SQL), [`demo`] (realistic generated data), [`cli`] (the
//! commands), [`bench`] (benchmarks), [`i18n`] (every sentence a user reads).
//!
//! The desktop window — `app` (its state and actions) and `ui` (the screens and the shell
//! on top) — is the cargo feature `gui`, on by default; without it the library and the
//! whole command line build with no GUI crate at all.

#[cfg(feature = "gui")]
pub mod app;
pub mod bench;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod files;
pub mod fonts;
pub mod i18n;
pub mod lang;
pub mod packages;
pub mod progress;
pub mod registers;
pub mod report;
pub mod rules;
pub mod sheets;
pub mod store;
#[cfg(feature = "gui")]
pub mod ui;

/// The version printed on returns and in `skillbase info`.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
