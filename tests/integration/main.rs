//! The integration tests: one test binary (as ripgrep does), so the library, printpdf,
//! calamine and, with the `gui` feature, eframe are linked once rather than once per file.
//! Each module is what one file of tests used to be; `cargo test --test integration safety::`
//! runs one of them.

// Helpers and assertions may unwrap: a panic in a test is its failure, reported.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod cli;
mod demo;
mod exchange;
mod i18n;
mod import;
mod report;
mod rules;
mod safety;
mod store;
/// The window's screens, driven headless; only in a build with the window.
#[cfg(feature = "gui")]
mod ui;
