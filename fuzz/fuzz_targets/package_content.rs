//! A package's content once decrypted (the sender knew the passphrase, but the content may
//! still be anything): decoding it and checking every record against its register's rules
//! must not panic, and must refuse what does not fit.

#![no_main]

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use skillbase::domain::{RecordKind, Today};
use skillbase::packages::package::{Manifest, decode};
use skillbase::store::Store;

/// Each register's field columns, as the store has them.
static COLUMNS: LazyLock<HashMap<RecordKind, Vec<String>>> = LazyLock::new(|| {
    let store = Store::open_in_memory().unwrap();
    RecordKind::ALL
        .iter()
        .map(|k| (*k, store.field_columns(*k).unwrap()))
        .collect()
});

const MANIFEST: &str = r#"{"format":1,"package_id":"p","source_install":"s","source_name":"n",
"organisation":null,"complete_for":[],"created_at":"2026-12-01T00:00:00.000Z","schema_version":1,
"app_version":"0","complete":true,"recipient":null,"since_package":null,"counts":{},"content_sha256":""}"#;

fuzz_target!(|data: &[u8]| {
    let manifest: Manifest = serde_json::from_str(MANIFEST).unwrap();
    let Ok(package) = decode(Path::new("fuzz.sbpkg"), manifest, data) else {
        return;
    };
    let today = Today(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    let _ = package.validate(&|k| COLUMNS.get(&k).cloned().unwrap_or_default(), today);
});
