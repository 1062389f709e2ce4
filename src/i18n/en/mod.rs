//! English: every sentence the user reads, by topic.

pub mod assessment;
pub mod attachments;
pub mod cli;
pub mod desk;
pub mod exchange;
pub mod identity;
pub mod import;
pub mod indicators;
pub mod labels;
pub mod problems;
pub mod report;
pub mod restore;
pub mod rules;
pub mod safety;
pub mod store;
pub mod studio_log;
pub mod ui;
