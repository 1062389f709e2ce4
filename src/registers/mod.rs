//! Any register, generically: what its form shows ([`fields`]: its fields in order and
//! the input each takes) and its records as JSON objects through the store's typed API
//! ([`records`]). The window's generic form and tables, the spreadsheet exports and the
//! audit trail's export all work through this, so no register needs a screen or an
//! export of its own. Knows no egui and no SQL.

pub mod fields;
pub mod naming;
pub mod records;
