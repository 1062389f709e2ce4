//! Data that leaves or enters the database as files: spreadsheets (rosters imported,
//! registers exported, templates), data packages between installs, and the regional
//! consolidation of many packages. Pure where it can be: reading and checking a file
//! knows nothing of SQL; what is written goes through the store's typed API.
//!
//! - [`sheet`]: a file's bytes to grids of cells (.xlsx, .xls, .ods, .csv in any encoding).
//! - [`columns`]: import kinds, their fields and header names, finding and mapping the header.
//! - [`import`]: the dry run (a status per row), the commit, the rejected-rows file.
//! - [`template`]: an empty XLSX per import kind with code sheets and drop-downs.
//! - [`export`]: any register to XLSX or CSV, masked unless full data is asked for.
//! - [`audit`]: the audit trail as lines and a workbook, masked unless full data is asked for.

pub mod audit;
pub mod columns;
pub mod export;
pub mod import;
pub mod sheet;
pub mod template;
