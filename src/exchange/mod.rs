//! Data that leaves or enters the database as files: spreadsheets (rosters imported,
//! registers exported, templates), data packages between installs, and the regional
//! consolidation of many packages. Pure where it can be: reading and checking a file
//! knows nothing of SQL; what is written goes through the store's typed API.

pub mod consolidate;
mod error;
pub mod export;
pub mod merge;
pub mod package;
pub mod records;
pub mod region;

pub use error::ExchangeError;
