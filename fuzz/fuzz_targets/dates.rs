//! Dates as offices type them (`2023-5-1`, `2023/5/1`, `2023.5.1`, `2023年5月1日`,
//! `20230501`, full-width digits, an Excel serial number): any text or number. Nothing may
//! panic, and a date read once is read back the same from its stored form.

#![no_main]

use libfuzzer_sys::fuzz_target;
use skillbase::domain::text::{date_from_excel_serial, parse_date_loose};

fuzz_target!(|data: &[u8]| {
    if data.len() >= 8 {
        let serial = f64::from_le_bytes(data[..8].try_into().unwrap());
        if let Some(d) = date_from_excel_serial(serial) {
            assert_eq!(parse_date_loose(&d.format("%Y-%m-%d").to_string()), Some(d));
        }
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(d) = parse_date_loose(text) {
        assert_eq!(parse_date_loose(&d.format("%Y-%m-%d").to_string()), Some(d));
        assert_eq!(parse_date_loose(&d.format("%Y年%-m月%-d日").to_string()), Some(d));
    }
});
