//! Data that leaves or enters the database as files: spreadsheets (rosters imported,
//! registers exported, templates), data packages between installs, and the regional
//! consolidation of many packages. Pure where it can be: reading and checking a file
//! knows nothing of SQL; what is written goes through the store's typed API.
//!
//! - [`sheet`]: a file's bytes to grids of cells (.xlsx, .xls, .ods, .csv in any encoding);
//!   [`bounds`]: what a file may declare and hold, checked before anything is allocated.
//! - [`columns`]: import kinds, their fields and header names, finding and mapping the header.
//! - [`import`]: the dry run (a status per row), the commit, the rejected-rows file.
//! - [`template`]: an empty XLSX per import kind with code sheets and drop-downs.
//! - [`export`]: any register to XLSX or CSV, masked unless full data is asked for.
//! - [`audit`]: the audit trail as lines and a workbook, masked unless full data is asked for.
//! - [`package`]: the `.sbpkg` file (manifest, compression, passphrase encryption);
//!   [`records`]: the rows it carries and their version hashes; [`incoming`]: every record
//!   of a received package checked before anything is written; [`pack`]: making one;
//!   [`merge`]: the preview and merge of one received; [`consolidate`]: the reviewer's
//!   consolidation of many; [`region`]: the regional summary.

pub mod audit;
pub mod bounds;
pub mod columns;
pub mod consolidate;
mod error;
pub mod export;
pub mod import;
pub mod incoming;
pub mod merge;
pub mod merged;
pub mod pack;
pub mod package;
pub mod records;
pub mod region;
pub mod sheet;
pub mod template;

pub use error::ExchangeError;
