//! Data packages between installs: a studio's records to its base, a base's to the region
//! and corrections back, merged with a preview; and the reviewer's consolidation of many
//! packages into one database. Reading and checking a package knows nothing of SQL; what
//! is written goes through the store's typed API.
//!
//! - [`package`]: the `.sbpkg` file (manifest, compression, passphrase encryption).
//! - [`versions`]: a record version's hash and whether two versions hold the same content.
//! - [`incoming`]: every record of a received package checked before anything is written.
//! - [`pack`]: making a package.
//! - [`merge`]: the preview and merge of one package received.
//! - [`consolidate`]: the reviewer's consolidation of many (its regional summary is
//!   `report::region`).

pub mod consolidate;
mod error;
pub mod incoming;
pub mod merge;
pub mod pack;
pub mod package;
pub mod versions;

pub use error::ExchangeError;
