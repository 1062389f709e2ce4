//! The data package (`.sbpkg`): one file holding the records of one organisation, or of
//! everything, complete or changed since the last package to a recipient.
//!
//! On disk: the line `SKILLBASE-PACKAGE/1`, then an age file (scrypt passphrase
//! recipient, work factor [`WORK_FACTOR`]) whose plaintext is deflate-compressed: one
//! line of manifest JSON, then the content JSON. The manifest names the package, its
//! source install, organisation, time, schema version and counts, and the SHA-256 of the
//! content bytes. age authenticates every 64 KiB chunk and the end of the stream, so a
//! wrong passphrase, a truncated file and a changed byte are all told apart from a good
//! package before anything is read into a database.
//!
//! Content: per register, the column names (bookkeeping first, without `change_seq`,
//! which is local to a database) and one JSON array per record, with each record's
//! version history (the version hashes the sender knows it supersedes, see `merge`); and
//! the returns its organisations marked as submitted (`submissions`: organisation, year,
//! status, time, verification code, the submitted return.json).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::{RecordKind, Today, Verdict};
use crate::store::SubmittedReturn;
use crate::store::exchange::RawRecord;

/// The first line of every package file.
pub const MAGIC: &[u8] = b"SKILLBASE-PACKAGE/1\n";
/// The package layout this build writes and reads.
pub const FORMAT: u32 = 1;
/// The file name extension.
pub const EXTENSION: &str = "sbpkg";
/// scrypt work factor (N = 2^WORK_FACTOR) of the passphrase: measured here at 0.19 s for
/// 2^16, 0.77 s for 2^18 (age's own choice targets 1 s). See ARCHITECTURE.md for why 2^17.
pub const WORK_FACTOR: u8 = 17;
/// The largest work factor accepted when opening a package (about 3 s here), so a
/// hostile file cannot make the program compute for hours.
pub const MAX_WORK_FACTOR: u8 = 20;
/// The shortest passphrase a package is made with.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The environment variable a passphrase may come from.
pub const PASSPHRASE_ENV: &str = "SKILLBASE_PASSPHRASE";

/// A passphrase, kept out of logs and debug output.
#[derive(Clone)]
pub struct Passphrase(SecretString);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Passphrase {
    pub fn new(text: &str) -> Passphrase {
        Passphrase(SecretString::from(text.to_string()))
    }

    /// The first line of a file (a trailing line break is not part of it).
    pub fn from_file(path: &Path) -> Result<Passphrase, PackageError> {
        let text = std::fs::read_to_string(path).map_err(|source| PackageError::Io {
            file: path.to_path_buf(),
            source,
        })?;
        let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
        Ok(Passphrase::new(line))
    }

    /// `SKILLBASE_PASSPHRASE`, when set and not empty.
    pub fn from_env() -> Option<Passphrase> {
        std::env::var(PASSPHRASE_ENV)
            .ok()
            .filter(|s| !s.is_empty())
            .map(|s| Passphrase::new(&s))
    }

    pub fn chars(&self) -> usize {
        self.0.expose_secret().chars().count()
    }
}

/// An organisation as a manifest names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRef {
    pub id: String,
    pub name: String,
}

/// What a package is, readable once it is decrypted and before its records are read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub package_id: String,
    /// The install id of the database it was made from.
    pub source_install: String,
    /// The database file's name there (for people reading the preview).
    pub source_name: String,
    /// The organisation it holds; none for a package of everything.
    pub organisation: Option<OrgRef>,
    /// The organisations whose records it holds completely (empty for a package of
    /// changes only).
    pub complete_for: Vec<OrgRef>,
    pub created_at: String,
    /// The sender's schema version (`PRAGMA user_version`).
    pub schema_version: i32,
    pub app_version: String,
    /// All the selected records, or only those changed since `since`.
    pub complete: bool,
    pub recipient: Option<String>,
    /// The earlier package this one continues (changes since it).
    pub since_package: Option<String>,
    /// Records per register: (live, deleted).
    pub counts: BTreeMap<String, (u64, u64)>,
    /// SHA-256 of the content bytes, hex.
    pub content_sha256: String,
}

impl Manifest {
    pub fn total(&self) -> u64 {
        self.counts.values().map(|(l, d)| l + d).sum()
    }
}

/// One register's records in a package.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub kind: String,
    /// `id, created_at, updated_at, deleted_at, rev, changed_by`, then the fields.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
    /// Per row: the version hashes (hex) the sender's version supersedes, its own included.
    pub history: Vec<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub tables: Vec<Table>,
    /// The returns the package's organisations marked as submitted (made there or
    /// received there), each with the submitted `return.json`. Absent in packages made
    /// before submissions travelled: they read as none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub submissions: Vec<SubmittedReturn>,
}

/// A record read from a package: its columns by name, and its history.
#[derive(Clone, Debug, PartialEq)]
pub struct PackageRecord {
    pub record: RawRecord,
    /// The field columns' names, in the order of `record.fields`.
    pub history: Vec<Vec<u8>>,
}

/// A decrypted, checked package.
#[derive(Clone, Debug)]
pub struct Package {
    pub manifest: Manifest,
    pub content: Content,
    /// The file it was read from (for messages).
    pub file: PathBuf,
}

/// The bookkeeping columns a package carries: the store's, without `change_seq` (local to
/// one database).
const BOOKKEEPING: &[&str] = crate::store::BOOKKEEPING_COLUMNS.split_at(6).0;

/// Why a package could not be made or read. Nothing is written to a database on any of
/// them.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("{file}: {source}")]
    Io { file: PathBuf, source: std::io::Error },
    #[error("{file}: not a SkillBase data package")]
    NotAPackage { file: PathBuf },
    #[error("{file}: wrong passphrase")]
    WrongPassphrase { file: PathBuf },
    #[error("{file}: damaged or altered ({detail})")]
    Damaged { file: PathBuf, detail: String },
    #[error("{file}: made by a newer SkillBase (schema {found}, format {format})")]
    Newer { file: PathBuf, found: i32, format: u32 },
    #[error("{file}: passphrase work factor {required} is above {max}")]
    ExcessiveWork { file: PathBuf, required: u8, max: u8 },
    #[error("passphrase shorter than {MIN_PASSPHRASE_CHARS} characters")]
    ShortPassphrase,
    #[error("{file}: {kind:?} {id} ({name}) is invalid: {verdict:?}")]
    InvalidRecord {
        file: PathBuf,
        kind: RecordKind,
        id: String,
        name: String,
        verdict: Verdict,
    },
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A record with its version history.
pub type WithHistory = (RawRecord, Vec<Vec<u8>>);

/// One register's records for a package: its field columns and its records.
pub type TableRecords = (RecordKind, Vec<String>, Vec<WithHistory>);

/// Builds a package's content from records and their histories.
pub fn content(records: &[TableRecords]) -> (Content, BTreeMap<String, (u64, u64)>) {
    let mut tables = Vec::new();
    let mut counts = BTreeMap::new();
    for (kind, fields, rows) in records {
        if rows.is_empty() {
            continue;
        }
        let columns: Vec<String> = BOOKKEEPING
            .iter()
            .map(|c| c.to_string())
            .chain(fields.iter().cloned())
            .collect();
        let mut out_rows = Vec::with_capacity(rows.len());
        let mut history = Vec::with_capacity(rows.len());
        let (mut live, mut deleted) = (0, 0);
        for (r, h) in rows {
            if r.is_deleted() {
                deleted += 1;
            } else {
                live += 1;
            }
            let mut row = Vec::with_capacity(columns.len());
            row.push(r.id.clone().into());
            row.push(r.created_at.clone().into());
            row.push(r.updated_at.clone().into());
            row.push(r.deleted_at.clone().into());
            row.push(r.rev.into());
            row.push(r.changed_by.clone().into());
            row.extend(r.fields.iter().cloned());
            out_rows.push(row);
            history.push(h.iter().map(|x| hex(x)).collect());
        }
        counts.insert(kind.code().to_string(), (live, deleted));
        tables.push(Table {
            kind: kind.code().to_string(),
            columns,
            rows: out_rows,
            history,
        });
    }
    (
        Content {
            tables,
            submissions: Vec::new(),
        },
        counts,
    )
}

/// The content's bytes and their SHA-256 (hex).
pub fn content_bytes(content: &Content) -> (Vec<u8>, String) {
    let bytes = serde_json::to_vec(content).unwrap_or_default();
    let sha = hex(&Sha256::digest(&bytes));
    (bytes, sha)
}

/// Encrypts a package into its file bytes.
pub fn seal(manifest: &Manifest, content: &[u8], passphrase: &Passphrase) -> Result<Vec<u8>, PackageError> {
    if passphrase.chars() < MIN_PASSPHRASE_CHARS {
        return Err(PackageError::ShortPassphrase);
    }
    let io = |source| PackageError::Io {
        file: PathBuf::new(),
        source,
    };
    let mut plain = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(6));
    let line = serde_json::to_vec(manifest).map_err(|e| io(std::io::Error::other(e)))?;
    plain.write_all(&line).map_err(io)?;
    plain.write_all(b"\n").map_err(io)?;
    plain.write_all(content).map_err(io)?;
    let compressed = plain.finish().map_err(io)?;
    let mut recipient = age::scrypt::Recipient::new(passphrase.0.clone());
    recipient.set_work_factor(WORK_FACTOR);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| io(std::io::Error::other(e.to_string())))?;
    let mut out = MAGIC.to_vec();
    let mut writer = encryptor.wrap_output(&mut out).map_err(io)?;
    writer.write_all(&compressed).map_err(io)?;
    writer.finish().map_err(io)?;
    Ok(out)
}

/// Decrypts and decompresses a package file's bytes: (manifest, content bytes), after
/// checking the content's SHA-256 and that this build can read the package. The slow
/// part is the passphrase (scrypt); decoding the records is [`decode`].
pub fn open(file: &Path, bytes: &[u8], passphrase: &Passphrase) -> Result<(Manifest, Vec<u8>), PackageError> {
    let damaged = |detail: String| PackageError::Damaged {
        file: file.to_path_buf(),
        detail,
    };
    let Some(sealed) = bytes.strip_prefix(MAGIC) else {
        return Err(PackageError::NotAPackage {
            file: file.to_path_buf(),
        });
    };
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(|e| match e {
        age::DecryptError::UnknownFormat => PackageError::Newer {
            file: file.to_path_buf(),
            found: 0,
            format: 0,
        },
        other => damaged(other.to_string()),
    })?;
    let mut identity = age::scrypt::Identity::new(passphrase.0.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => PackageError::WrongPassphrase {
                file: file.to_path_buf(),
            },
            age::DecryptError::ExcessiveWork { required, .. } => PackageError::ExcessiveWork {
                file: file.to_path_buf(),
                required,
                max: MAX_WORK_FACTOR,
            },
            other => damaged(other.to_string()),
        })?;
    let mut compressed = Vec::new();
    reader
        .read_to_end(&mut compressed)
        .map_err(|e| damaged(e.to_string()))?;
    let mut plain = Vec::new();
    flate2::read::DeflateDecoder::new(&compressed[..])
        .read_to_end(&mut plain)
        .map_err(|e| damaged(e.to_string()))?;
    let split = plain
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| damaged("no manifest".into()))?;
    let head: serde_json::Value =
        serde_json::from_slice(&plain[..split]).map_err(|e| damaged(format!("manifest: {e}")))?;
    // Say "newer" before anything else could fail on a layout this build does not know.
    let format = head["format"].as_u64().unwrap_or(0) as u32;
    let schema = head["schema_version"].as_i64().unwrap_or(0) as i32;
    if format > FORMAT || schema > crate::store::schema::CURRENT_VERSION {
        return Err(PackageError::Newer {
            file: file.to_path_buf(),
            found: schema,
            format,
        });
    }
    let manifest: Manifest = serde_json::from_value(head).map_err(|e| damaged(format!("manifest: {e}")))?;
    let content = plain.split_off(split + 1);
    let sha = hex(&Sha256::digest(&content));
    if sha != manifest.content_sha256 {
        return Err(damaged("content SHA-256 does not match the manifest".into()));
    }
    Ok((manifest, content))
}

/// Reads the records of a package's content (checked by [`open`]).
pub fn decode(file: &Path, manifest: Manifest, content: &[u8]) -> Result<Package, PackageError> {
    let content: Content = serde_json::from_slice(content).map_err(|e| PackageError::Damaged {
        file: file.to_path_buf(),
        detail: format!("content: {e}"),
    })?;
    Ok(Package {
        manifest,
        content,
        file: file.to_path_buf(),
    })
}

/// Reads a package file: decrypt, check, decode.
pub fn read(file: &Path, passphrase: &Passphrase) -> Result<Package, PackageError> {
    let bytes = std::fs::read(file).map_err(|source| PackageError::Io {
        file: file.to_path_buf(),
        source,
    })?;
    let (manifest, content) = open(file, &bytes, passphrase)?;
    decode(file, manifest, &content)
}

impl Package {
    /// The records of one table as raw records with field columns in `fields` order (the
    /// receiving database's; a column the package lacks is NULL), with their histories.
    pub fn records(&self, table: &Table, fields: &[String]) -> Result<Vec<PackageRecord>, PackageError> {
        let damaged = |detail: String| PackageError::Damaged {
            file: self.file.clone(),
            detail,
        };
        let kind =
            RecordKind::from_code(&table.kind).ok_or_else(|| damaged(format!("register {}", table.kind)))?;
        let index = |name: &str| table.columns.iter().position(|c| c == name);
        let book: Vec<usize> = BOOKKEEPING
            .iter()
            .map(|c| index(c).ok_or_else(|| damaged(format!("{}: no column {c}", table.kind))))
            .collect::<Result<_, _>>()?;
        let field_index: Vec<Option<usize>> = fields.iter().map(|f| index(f)).collect();
        let mut out = Vec::with_capacity(table.rows.len());
        for (i, row) in table.rows.iter().enumerate() {
            let text = |j: usize| row.get(book[j]).and_then(|v| v.as_str()).map(str::to_string);
            let bad = || damaged(format!("{} row {}", table.kind, i + 1));
            let record = RawRecord {
                kind,
                id: text(0).ok_or_else(bad)?,
                created_at: text(1).ok_or_else(bad)?,
                updated_at: text(2).ok_or_else(bad)?,
                deleted_at: text(3),
                rev: row.get(book[4]).and_then(|v| v.as_i64()).ok_or_else(bad)?,
                changed_by: text(5).ok_or_else(bad)?,
                fields: field_index
                    .iter()
                    .map(|j| {
                        j.and_then(|j| row.get(j).cloned())
                            .unwrap_or(serde_json::Value::Null)
                    })
                    .collect(),
            };
            let history = table
                .history
                .get(i)
                .map(|h| h.iter().filter_map(|x| unhex(x)).collect())
                .unwrap_or_default();
            out.push(PackageRecord { record, history });
        }
        Ok(out)
    }

    /// Checks the submitted returns the package carries: each names an organisation by its
    /// id, a plausible year and status, and its code is that of its return.json.
    fn check_submissions(&self) -> Result<(), PackageError> {
        for s in &self.content.submissions {
            let sound = s.org.parse::<uuid::Uuid>().is_ok()
                && (1990..=2200).contains(&s.year)
                && matches!(s.status.as_str(), "final" | "correction")
                && chrono::DateTime::parse_from_rfc3339(&s.submitted_at).is_ok()
                && s.is_intact();
            if !sound {
                return Err(PackageError::Damaged {
                    file: self.file.clone(),
                    detail: format!(
                        "submitted return {} ({} {}): its verification code does not match its figures, or a field is not valid",
                        s.id, s.org, s.year
                    ),
                });
            }
        }
        Ok(())
    }

    /// Checks every live record's own field rules (as the store does on saving), judged
    /// on `today`: a package with an error is refused whole, naming the record.
    pub fn validate(
        &self,
        fields_of: &dyn Fn(RecordKind) -> Vec<String>,
        today: Today,
    ) -> Result<(), PackageError> {
        self.check_submissions()?;
        let mut people: std::collections::HashMap<String, crate::domain::person::Person> = Default::default();
        for table in &self.content.tables {
            let Some(kind) = RecordKind::from_code(&table.kind) else {
                continue;
            };
            let fields = fields_of(kind);
            for r in self.records(table, &fields)? {
                if r.record.is_deleted() {
                    continue;
                }
                let verdict =
                    super::records::validate(&r.record, &fields, &people, today).map_err(|detail| {
                        PackageError::Damaged {
                            file: self.file.clone(),
                            detail,
                        }
                    })?;
                if verdict.has_errors() {
                    return Err(PackageError::InvalidRecord {
                        file: self.file.clone(),
                        kind,
                        id: r.record.id.clone(),
                        name: super::records::display_name(&r.record, &fields),
                        verdict,
                    });
                }
                if kind == RecordKind::Person
                    && let Ok(p) = crate::store::row::from_json_columns(&fields, &r.record.fields)
                {
                    people.insert(r.record.id.clone(), p);
                }
            }
        }
        Ok(())
    }
}
