//! Loading many organisations' packages into a reviewer's consolidation database.
//!
//! First every package is decrypted and checked (two at a time: the passphrase's scrypt
//! is most of the cost); one that fails stops everything before the database is
//! touched. Then a backup, and one transaction: a second thread decompresses, decodes and
//! validates the next package while the store writes the previous one.

use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;

use super::ExchangeError;
use super::package::{self, Manifest, Passphrase};
use crate::domain::{RecordKind, Today};
use crate::progress::Progress;
use crate::store::{BackupReason, LoadOutcome, PackageLoad, Store};

/// A package decrypted and checked, its content still compressed in memory.
struct Opened {
    file: PathBuf,
    manifest: Manifest,
    content: Vec<u8>,
}

fn open_one(file: &Path, passphrase: &Passphrase) -> Result<Opened, ExchangeError> {
    let bytes = std::fs::read(file).map_err(|source| package::PackageError::Io {
        file: file.to_path_buf(),
        source,
    })?;
    let (manifest, content) = package::open(file, &bytes, passphrase)?;
    if !manifest.complete || manifest.complete_for.is_empty() {
        return Err(ExchangeError::NotComplete {
            file: file.to_path_buf(),
        });
    }
    // Kept compressed until its turn: a hundred packages decoded at once would not fit.
    let mut packed = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut packed, &content).map_err(|source| ExchangeError::Write {
        file: file.to_path_buf(),
        source,
    })?;
    let content = packed.finish().map_err(|source| ExchangeError::Write {
        file: file.to_path_buf(),
        source,
    })?;
    Ok(Opened {
        file: file.to_path_buf(),
        manifest,
        content,
    })
}

/// Decrypts and checks every package, on two threads, in the given order.
fn open_all(
    files: &[PathBuf],
    passphrase: &Passphrase,
    progress: &dyn Progress,
) -> Result<Vec<Opened>, ExchangeError> {
    progress.stage("decrypt", files.len() as u64);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 2);
    let chunks: Vec<&[PathBuf]> = files.chunks(files.len().div_ceil(threads).max(1)).collect();
    let results: Vec<Result<Vec<Opened>, ExchangeError>> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                s.spawn(move || {
                    let mut out = Vec::new();
                    for f in *chunk {
                        out.push(open_one(f, passphrase)?);
                        progress.advance(1);
                    }
                    Ok(out)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(ExchangeError::Interrupted)))
            .collect()
    });
    let mut out = Vec::with_capacity(files.len());
    for r in results {
        out.extend(r?);
    }
    Ok(out)
}

fn decode(
    o: Opened,
    columns: &std::collections::HashMap<RecordKind, Vec<String>>,
    today: Today,
) -> Result<PackageLoad, ExchangeError> {
    let mut content = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::DeflateDecoder::new(&o.content[..]),
        &mut content,
    )
    .map_err(|e| package::PackageError::Damaged {
        file: o.file.clone(),
        detail: e.to_string(),
    })?;
    let pkg = package::decode(&o.file, o.manifest, &content)?;
    drop(content);
    pkg.validate(&|k| columns.get(&k).cloned().unwrap_or_default(), today)?;
    let mut records = Vec::new();
    for table in &pkg.content.tables {
        let Some(kind) = RecordKind::from_code(&table.kind) else {
            continue;
        };
        records.extend(pkg.records(table, &columns[&kind])?.into_iter().map(|r| r.record));
    }
    let m = &pkg.manifest;
    Ok(PackageLoad {
        orgs: m.complete_for.iter().map(|o| o.id.clone()).collect(),
        records,
        package_id: m.package_id.clone(),
        source_install: m.source_install.clone(),
        exported_at: m.created_at.clone(),
        file_name: o
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sha256: m.content_sha256.clone(),
        submissions: pkg.content.submissions.clone(),
        assessments: pkg.content.assessments.clone(),
        attachments: pkg.content.attachments.clone(),
        // Checked against their SHA-256 when the package was decoded.
        files: pkg
            .content
            .files
            .iter()
            .map(|f| (f.sha256.clone(), f.bytes().unwrap_or_default()))
            .collect(),
    })
}

/// Loads the packages into the consolidation database (see the module's comment). All
/// or nothing.
pub fn consolidate(
    store: &mut Store,
    files: &[PathBuf],
    passphrase: &Passphrase,
    progress: &dyn Progress,
) -> Result<Vec<LoadOutcome>, ExchangeError> {
    let opened = open_all(files, passphrase, progress)?;
    if !store.is_consolidation()? && !store.holds_only_indicator_sets()? {
        return Err(crate::store::StoreError::NotConsolidation.into());
    }
    let mut columns = std::collections::HashMap::new();
    for kind in RecordKind::ALL {
        columns.insert(*kind, store.field_columns(*kind)?);
    }
    if !store.is_empty()? {
        store.backup(BackupReason::BeforeConsolidate, progress)?;
    }
    let today = store.today();
    let (tx, rx) = sync_channel::<Result<PackageLoad, ExchangeError>>(1);
    let columns = &columns;
    std::thread::scope(move |s| {
        s.spawn(move || {
            for o in opened {
                let r = decode(o, columns, today);
                let stop = r.is_err();
                if tx.send(r).is_err() || stop {
                    break;
                }
            }
        });
        let loaded = store.load_packages(|| rx.recv().ok(), progress);
        // The decoding thread may be waiting to hand over a package nobody will take.
        drop(rx);
        loaded?
    })
}
