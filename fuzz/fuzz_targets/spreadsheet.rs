//! The spreadsheet reader: any bytes given as a roster (.xlsx, .xls, .ods, or CSV in any
//! encoding). Nothing may panic: a file that is not a spreadsheet, is damaged, encrypted or
//! empty must come back as an error to show the user; one that reads must let every import
//! kind look for its header.

#![no_main]

use libfuzzer_sys::fuzz_target;
use skillbase::sheets::columns::{ImportKind, detect};
use skillbase::sheets::sheet::read_bytes;

fuzz_target!(|data: &[u8]| {
    let Ok(book) = read_bytes(data) else {
        return;
    };
    for kind in ImportKind::ALL {
        let _ = detect(&book, kind);
    }
});
