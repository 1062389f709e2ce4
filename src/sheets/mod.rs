//! Spreadsheets in and out: rosters imported from Excel, WPS or CSV files, registers
//! exported, templates to fill in, and the audit trail as a workbook. Reading and checking
//! a file knows nothing of SQL; what is written goes through the store's typed API.
//!
//! - [`sheet`]: a file's bytes to grids of cells (.xlsx, .xls, .ods, .csv in any encoding);
//!   [`bounds`]: what a file may declare and hold, checked before anything is allocated;
//!   [`merged_cells`]: an `.xlsx` sheet's merged regions, read from its XML.
//! - [`columns`]: import kinds, their fields and header names, finding and mapping the header.
//! - [`import`]: the dry run (a status per row), the commit, the rejected-rows file.
//! - [`template`]: an empty XLSX per import kind with code sheets and drop-downs.
//! - [`export`]: any register to XLSX or CSV, masked unless full data is asked for.
//! - [`audit`]: the audit trail as lines and a workbook, masked unless full data is asked for.

pub mod audit;
pub mod bounds;
pub mod columns;
pub mod export;
pub mod import;
pub mod merged_cells;
pub mod sheet;
pub mod template;
