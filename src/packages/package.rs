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
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::incoming::{self, BadRecord, RecordProblem};
use crate::domain::{RecordKind, Today, Verdict};
use crate::store::exchange::RawRecord;
use crate::store::{AttachmentRow, PackagedAssessments, SubmittedReturn};

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
/// The bytes a package's content may inflate to per record its manifest counts, and
/// besides them: a record's row (its longest texts are 2,000 characters) and its version
/// history take a few kilobytes at most.
pub const CONTENT_BYTES_PER_RECORD: u64 = 16 << 10;
pub const CONTENT_BYTES_BASE: u64 = 1 << 20;
/// The most any package's content may inflate to, whatever its manifest says: about
/// 500,000 records (a national base's 57,581 records take 28 MB).
pub const MAX_CONTENT_BYTES: u64 = 256 << 20;
/// The longest manifest line.
const MAX_MANIFEST_BYTES: u64 = 4 << 20;
/// The most columns a register's table in a package may have (the widest has 20).
const MAX_COLUMNS: usize = 64;
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
    /// The sending database's organisations (the one the package is of, else each of
    /// them), by name: who sent it, as the preview and the received packages show it.
    /// Empty in packages made before it was carried (they still import).
    #[serde(default)]
    pub sender: Vec<OrgRef>,
    /// Who made it there (the operator's name); empty in older packages.
    #[serde(default)]
    pub operator: String,
    /// The attachment rows it carries (tombstones included) and the bytes of the files
    /// it carries for them (each content once). Zero in packages made before attachments
    /// travelled.
    #[serde(default)]
    pub attachments: u64,
    #[serde(default)]
    pub file_bytes: u64,
}

impl Manifest {
    /// Who sent it, as people name the sender: the organisations' names (an older
    /// package without them: the organisation it is of, or those it holds completely),
    /// else the sending database's file name.
    pub fn sender_name(&self) -> String {
        let names = |orgs: &[OrgRef]| orgs.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join("、");
        if !self.sender.is_empty() {
            return names(&self.sender);
        }
        if let Some(o) = &self.organisation {
            return o.name.clone();
        }
        if !self.complete_for.is_empty() {
            return names(&self.complete_for);
        }
        self.source_name.clone()
    }

    /// When it was made, in local time to the second.
    pub fn created_local(&self) -> String {
        crate::store::local_time(&self.created_at)
    }

    pub fn total(&self) -> u64 {
        self.counts
            .values()
            .fold(0u64, |n, (l, d)| n.saturating_add(*l).saturating_add(*d))
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
    /// The scoring sheets' schemes and the organisations' self-assessments (absent in
    /// packages made before they travelled).
    #[serde(default, skip_serializing_if = "PackagedAssessments::is_empty")]
    pub assessments: PackagedAssessments,
    /// Evidence attached to the package's records (tombstones of removed ones included),
    /// and their files, each content once. Absent in packages made before attachments
    /// travelled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<PackedFile>,
}

/// One attached file's content in a package: its SHA-256, size, and bytes in hex (the
/// content is deflated, so hex costs little on the way).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackedFile {
    pub sha256: String,
    pub size: u64,
    pub hex: String,
}

impl PackedFile {
    pub fn new(sha256: String, bytes: &[u8]) -> PackedFile {
        PackedFile {
            sha256,
            size: bytes.len() as u64,
            hex: hex(bytes),
        }
    }

    /// The bytes, if the hex is well formed.
    pub fn bytes(&self) -> Option<Vec<u8>> {
        unhex(&self.hex)
    }
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
    /// A record whose id, bookkeeping, values or references cannot be taken (see
    /// `packages::incoming`).
    #[error("{file}: {record:?}")]
    BadRecord { file: PathBuf, record: Box<BadRecord> },
    /// The content inflates to more than its manifest's records can need (or than any
    /// package may): refused before it is all in memory.
    #[error("{file}: content larger than {limit} bytes ({records} records)")]
    TooLarge { file: PathBuf, limit: u64, records: u64 },
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
            assessments: Default::default(),
            attachments: Vec::new(),
            files: Vec::new(),
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
    seal_with_work_factor(manifest, content, passphrase, WORK_FACTOR)
}

/// [`seal`] with another scrypt work factor: for tests, which make many packages and
/// need no protection (every package the program makes uses [`WORK_FACTOR`]).
pub fn seal_with_work_factor(
    manifest: &Manifest,
    content: &[u8],
    passphrase: &Passphrase,
    work_factor: u8,
) -> Result<Vec<u8>, PackageError> {
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
    recipient.set_work_factor(work_factor);
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
    // Decrypted and inflated as it is read: the manifest line first, then no more content
    // than the manifest's records can need.
    let mut plain = std::io::BufReader::new(flate2::read::DeflateDecoder::new(&mut reader));
    let mut head = Vec::new();
    (&mut plain)
        .take(MAX_MANIFEST_BYTES)
        .read_until(b'\n', &mut head)
        .map_err(|e| damaged(e.to_string()))?;
    if head.pop() != Some(b'\n') {
        return Err(damaged("no manifest".into()));
    }
    let head: serde_json::Value =
        serde_json::from_slice(&head).map_err(|e| damaged(format!("manifest: {e}")))?;
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
    if let Some(detail) = manifest_problem(&manifest) {
        return Err(damaged(format!("manifest: {detail}")));
    }
    let limit = content_limit(&manifest);
    let mut content = Vec::new();
    (&mut plain)
        .take(limit + 1)
        .read_to_end(&mut content)
        .map_err(|e| damaged(e.to_string()))?;
    if content.len() as u64 > limit {
        return Err(PackageError::TooLarge {
            file: file.to_path_buf(),
            limit,
            records: manifest.total(),
        });
    }
    // The rest of the encrypted stream is read too, so its last chunk is authenticated.
    drop(plain);
    std::io::copy(&mut (&mut reader).take(1 << 20), &mut std::io::sink())
        .map_err(|e| damaged(e.to_string()))?;
    let sha = hex(&Sha256::digest(&content));
    if sha != manifest.content_sha256 {
        return Err(damaged("content SHA-256 does not match the manifest".into()));
    }
    Ok((manifest, content))
}

/// The most a package's content may inflate to: in proportion to the records its
/// manifest counts, never above [`MAX_CONTENT_BYTES`].
pub fn content_limit(manifest: &Manifest) -> u64 {
    let records = manifest
        .total()
        .saturating_mul(CONTENT_BYTES_PER_RECORD)
        .saturating_add(CONTENT_BYTES_BASE)
        .min(MAX_CONTENT_BYTES);
    // Attached files travel in hex: two characters a byte, and a row and a few quotes
    // each.
    let files = manifest
        .file_bytes
        .min(MAX_FILE_BYTES)
        .saturating_mul(2)
        .saturating_add(manifest.attachments.min(MAX_ATTACHMENTS).saturating_mul(4 << 10));
    records.saturating_add(files)
}

/// The most bytes of attached files one package may carry (1 GiB), and the most
/// attachment rows: bounds on what a hostile manifest can make the reader inflate.
pub const MAX_FILE_BYTES: u64 = 1 << 30;
pub const MAX_ATTACHMENTS: u64 = 1_000_000;

/// What is wrong with a package's attachments, if anything: every row well formed (ids,
/// times, a register this build knows, a SHA-256, a name, an accepted media type, a size
/// within the limit), rows and file bytes as the manifest counts them, every file's bytes
/// matching its SHA-256 and size, each content once, every live row's file carried and
/// every file carried for a row.
fn attachments_problem(manifest: &Manifest, content: &Content) -> Option<String> {
    use crate::domain::attachment::{self, FileType};
    let now = chrono::Utc::now();
    if content.attachments.len() as u64 != manifest.attachments {
        return Some("not the attachments the manifest counts".into());
    }
    let total: u64 = content.files.iter().map(|f| f.size).fold(0, u64::saturating_add);
    if total != manifest.file_bytes {
        return Some("not the attached files' bytes the manifest counts".into());
    }
    let mut shas = std::collections::HashSet::new();
    for f in &content.files {
        if !attachment::is_sha256(&f.sha256) || !shas.insert(f.sha256.as_str()) {
            return Some(format!("attached file {:?}", f.sha256));
        }
        match f.bytes() {
            Some(b)
                if b.len() as u64 == f.size
                    && attachment::check_size(f.size).is_ok()
                    && attachment::sha256_hex(&b) == f.sha256 => {}
            _ => return Some(format!("attached file {} does not match its SHA-256", f.sha256)),
        }
    }
    let mut ids = std::collections::HashSet::new();
    let mut used = std::collections::HashSet::new();
    for r in &content.attachments {
        // The bookkeeping as every record's is checked: id, times, revision, source.
        let bookkeeping_ok = RecordKind::from_code(&r.kind).is_some_and(|kind| {
            let raw = crate::store::exchange::RawRecord {
                kind,
                id: r.id.clone(),
                created_at: r.created_at.clone(),
                updated_at: r.updated_at.clone(),
                deleted_at: r.deleted_at.clone(),
                rev: r.rev,
                changed_by: r.changed_by.clone(),
                fields: Vec::new(),
            };
            incoming::bookkeeping(&raw, now).is_none()
        });
        let ok = bookkeeping_ok
            && ids.insert(r.id.as_str())
            && incoming::is_id(&r.record)
            && attachment::is_sha256(&r.sha256)
            && !r.file_name.is_empty()
            && attachment::clean_file_name(&r.file_name) == r.file_name
            && FileType::from_media_type(&r.media_type).is_some()
            && attachment::check_size(r.size).is_ok()
            && attachment::clean_note(r.note.as_deref()).ok() == Some(r.note.clone());
        if !ok {
            return Some(format!("attachment {:?}", r.id));
        }
        let file = content.files.iter().find(|f| f.sha256 == r.sha256);
        if let Some(f) = file {
            if f.size != r.size {
                return Some(format!("attachment {:?}: size", r.id));
            }
            used.insert(f.sha256.as_str());
        } else if !r.is_deleted() {
            return Some(format!("attachment {:?} without its file", r.id));
        }
    }
    if used.len() != shas.len() {
        return Some("an attached file no attachment names".into());
    }
    None
}

/// What is wrong with a manifest's own values, if anything: ids and times as SkillBase
/// writes them, registers it knows.
fn manifest_problem(m: &Manifest) -> Option<String> {
    let now = chrono::Utc::now();
    for (what, id) in [
        ("package_id", &m.package_id),
        ("source_install", &m.source_install),
    ] {
        if !incoming::is_id(id) {
            return Some(format!("{what} is not an id"));
        }
    }
    for org in m.organisation.iter().chain(&m.complete_for) {
        if !incoming::is_id(&org.id) {
            return Some("an organisation's id is not an id".into());
        }
    }
    if let Some(incoming::RecordProblem::NotATime { value }) = incoming::time_problem(&m.created_at, now) {
        return Some(format!("created_at {value:?} is not a time"));
    }
    if let Some(k) = m.counts.keys().find(|k| RecordKind::from_code(k).is_none()) {
        return Some(format!("unknown register {k:?}"));
    }
    None
}

/// Reads the records of a package's content (checked by [`open`]).
///
/// Decoding holds no more than the manifest's records: rows beyond its count, a row of
/// more than [`MAX_COLUMNS`] values, a value that is a list or an object, a history entry
/// that is not a version hash, values taking more than six times the content's bytes,
/// are refused as they are met, so a small content cannot make a large decoded one. Then each register's table must hold exactly the records
/// the manifest counts, each row one value per column, each row its history.
pub fn decode(file: &Path, manifest: Manifest, content: &[u8]) -> Result<Package, PackageError> {
    let damaged = |detail: String| PackageError::Damaged {
        file: file.to_path_buf(),
        detail,
    };
    let content =
        bounded::content(content, manifest.total()).map_err(|e| damaged(format!("content: {e}")))?;
    let mut seen = std::collections::HashSet::new();
    for t in &content.tables {
        let kind = RecordKind::from_code(&t.kind).ok_or_else(|| damaged(format!("register {:?}", t.kind)))?;
        if !seen.insert(kind) {
            return Err(damaged(format!("{} twice", t.kind)));
        }
        if let Some(c) = BOOKKEEPING.iter().find(|c| !t.columns.iter().any(|x| x == *c)) {
            return Err(damaged(format!("{}: no column {c}", t.kind)));
        }
        if t.rows.iter().any(|r| r.len() != t.columns.len()) || t.history.len() != t.rows.len() {
            return Err(damaged(format!("{}: rows do not match the columns", t.kind)));
        }
        let deleted_at = t.columns.iter().position(|c| c == "deleted_at").unwrap_or(0);
        let deleted = t.rows.iter().filter(|r| !r[deleted_at].is_null()).count() as u64;
        let counted = manifest.counts.get(&t.kind).copied().unwrap_or((0, 0));
        if counted != (t.rows.len() as u64 - deleted, deleted) {
            return Err(damaged(format!(
                "{}: not the records the manifest counts",
                t.kind
            )));
        }
    }
    if manifest
        .counts
        .iter()
        .any(|(k, (l, d))| (*l > 0 || *d > 0) && !content.tables.iter().any(|t| t.kind == *k))
    {
        return Err(damaged("a register the manifest counts is missing".into()));
    }
    if let Some(detail) = attachments_problem(&manifest, &content) {
        return Err(damaged(detail));
    }
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
    fn bad(
        &self,
        kind: RecordKind,
        id: &str,
        name: String,
        field: &str,
        problem: RecordProblem,
    ) -> PackageError {
        PackageError::BadRecord {
            file: self.file.clone(),
            record: Box::new(BadRecord {
                kind,
                id: id.to_string(),
                name,
                field: field.to_string(),
                problem,
            }),
        }
    }

    /// The records of one table as raw records with field columns in `fields` order (the
    /// receiving database's; a column the package lacks is NULL), with their histories.
    /// A bookkeeping value of the wrong kind (a number for a time) is named.
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
            let value = |j: usize| row.get(book[j]).unwrap_or(&serde_json::Value::Null);
            let id = match value(0) {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let unreadable = |j: usize, expected: &str| {
                self.bad(
                    kind,
                    &id,
                    String::new(),
                    BOOKKEEPING[j],
                    RecordProblem::Unreadable {
                        detail: format!("{expected}, found {}", value(j)),
                    },
                )
            };
            let text = |j: usize| match value(j) {
                serde_json::Value::String(s) => Ok(s.clone()),
                _ => Err(unreadable(j, "a text")),
            };
            let record = RawRecord {
                kind,
                id: text(0)?,
                created_at: text(1)?,
                updated_at: text(2)?,
                deleted_at: match value(3) {
                    serde_json::Value::Null => None,
                    _ => Some(text(3)?),
                },
                rev: value(4).as_i64().ok_or_else(|| unreadable(4, "a whole number"))?,
                changed_by: text(5)?,
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

    /// Checks every record, live or deleted, before anything is written (see
    /// `packages::incoming`): its bookkeeping, that its id is one record of one register,
    /// its values and its register's field rules (as the store does on saving, judged on
    /// `today`), and its references. The first problem refuses the package whole, naming
    /// the record, the field and what is expected.
    pub fn validate(
        &self,
        fields_of: &dyn Fn(RecordKind) -> Vec<String>,
        today: Today,
    ) -> Result<(), PackageError> {
        self.check_submissions()?;
        let now = chrono::Utc::now();
        // The tables with their registers, people first: a certificate's rules need its
        // holder. Each table's records are read twice rather than all held at once.
        let mut tables: Vec<(RecordKind, &Table)> = self
            .content
            .tables
            .iter()
            .filter_map(|t| RecordKind::from_code(&t.kind).map(|k| (k, t)))
            .collect();
        tables.sort_by_key(|(k, _)| *k != RecordKind::Person);
        let mut ids: std::collections::HashMap<String, RecordKind> = Default::default();
        for (kind, table) in &tables {
            let fields = fields_of(*kind);
            for r in self.records(table, &fields)? {
                let r = &r.record;
                let problem = incoming::bookkeeping(r, now).or_else(|| incoming::claim_id(r, &mut ids));
                if let Some((field, problem)) = problem {
                    return Err(self.bad(
                        *kind,
                        &r.id,
                        super::versions::display_name(r, &fields),
                        field,
                        problem,
                    ));
                }
            }
        }
        let mut people: std::collections::HashMap<String, crate::domain::person::Person> = Default::default();
        for (kind, table) in &tables {
            let fields = fields_of(*kind);
            for r in self.records(table, &fields)? {
                let r = &r.record;
                let name = || super::versions::display_name(r, &fields);
                let verdict = super::versions::validate(r, &fields, &people, today).map_err(|e| {
                    let (field, detail) = match e {
                        crate::store::row::RowError::Column { column, message } => (column, message),
                        crate::store::row::RowError::Message(m) => (String::new(), m),
                    };
                    self.bad(*kind, &r.id, name(), &field, RecordProblem::Unreadable { detail })
                })?;
                if verdict.has_errors() {
                    return Err(PackageError::InvalidRecord {
                        file: self.file.clone(),
                        kind: *kind,
                        id: r.id.clone(),
                        name: name(),
                        verdict,
                    });
                }
                if let Some((field, problem)) = incoming::reference_problem(r, &fields, &ids) {
                    return Err(self.bad(*kind, &r.id, name(), &field, problem));
                }
                if *kind == RecordKind::Person
                    && let Ok(p) = crate::store::row::from_json_columns(&fields, &r.fields)
                {
                    people.insert(r.id.clone(), p);
                }
            }
        }
        Ok(())
    }
}

/// Decoding a package's content within what its manifest counts (see [`decode`]).
mod bounded {
    use std::cell::Cell;
    use std::fmt;

    use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use serde_json::Value;

    use super::{Content, MAX_COLUMNS, Table};

    /// The most tables (registers) a content may hold.
    const MAX_TABLES: usize = 64;
    /// The most versions a record's history may list.
    const MAX_HISTORY: usize = 100_000;

    pub fn content(bytes: &[u8], records: u64) -> Result<Content, serde_json::Error> {
        let budget = Left {
            rows: Cell::new(records),
            histories: Cell::new(records),
            memory: Cell::new((bytes.len() as u64).saturating_mul(MEMORY_PER_BYTE) + (16 << 20)),
        };
        let mut d = serde_json::Deserializer::from_slice(bytes);
        let content = ContentSeed(&budget).deserialize(&mut d)?;
        d.end()?;
        Ok(content)
    }

    /// What the decoded content may take in memory per byte of content: a record as
    /// SkillBase writes it takes two to four times its bytes; a content of tiny values
    /// (`[0,0,0]`) would take sixteen.
    const MEMORY_PER_BYTE: u64 = 6;

    /// The rows and histories still allowed (one of each per record the manifest counts),
    /// and the memory the decoded values may still take.
    struct Left {
        rows: Cell<u64>,
        histories: Cell<u64>,
        memory: Cell<u64>,
    }

    /// Counts what a decoded row or history takes (its vector, each value, each text).
    fn spend<E: de::Error>(left: &Left, bytes: u64) -> Result<(), E> {
        match left.memory.get().checked_sub(bytes) {
            Some(rest) => {
                left.memory.set(rest);
                Ok(())
            }
            None => Err(E::custom("the content decodes to far more than its size")),
        }
    }

    type Budget<'a> = &'a Left;

    fn take<E: de::Error>(left: &Cell<u64>) -> Result<(), E> {
        match left.get() {
            0 => Err(E::custom("more records than the manifest counts")),
            n => {
                left.set(n - 1);
                Ok(())
            }
        }
    }

    struct ContentSeed<'a>(Budget<'a>);

    impl<'de> DeserializeSeed<'de> for ContentSeed<'_> {
        type Value = Content;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Content, D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for ContentSeed<'_> {
        type Value = Content;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a package's content")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Content, A::Error> {
            let mut tables = None;
            let mut submissions = Vec::new();
            let mut assessments = crate::store::PackagedAssessments::default();
            let mut attachments = Vec::new();
            let mut files = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                if key == "tables" {
                    tables = Some(map.next_value_seed(TablesSeed(self.0))?);
                } else if key == "submissions" {
                    // The returns its organisations marked as submitted (older packages
                    // have none); their size is bounded by the content's limit.
                    submissions = map.next_value()?;
                } else if key == "assessments" {
                    assessments = map.next_value()?;
                } else if key == "attachments" {
                    // Counted against the manifest after decoding; their size is bounded
                    // by the content's limit, which the manifest's counts set.
                    attachments = map.next_value()?;
                } else if key == "files" {
                    files = map.next_value()?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(Content {
                tables: tables.ok_or_else(|| de::Error::missing_field("tables"))?,
                submissions,
                assessments,
                attachments,
                files,
            })
        }
    }

    struct TablesSeed<'a>(Budget<'a>);

    impl<'de> DeserializeSeed<'de> for TablesSeed<'_> {
        type Value = Vec<Table>;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Vec<Table>, D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for TablesSeed<'_> {
        type Value = Vec<Table>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of tables")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Table>, A::Error> {
            let mut out = Vec::new();
            while let Some(t) = seq.next_element_seed(TableSeed(self.0))? {
                if out.len() == MAX_TABLES {
                    return Err(de::Error::custom("too many tables"));
                }
                out.push(t);
            }
            Ok(out)
        }
    }

    struct TableSeed<'a>(Budget<'a>);

    impl<'de> DeserializeSeed<'de> for TableSeed<'_> {
        type Value = Table;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Table, D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for TableSeed<'_> {
        type Value = Table;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a table")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Table, A::Error> {
            let (mut kind, mut columns, mut rows, mut history) = (None, None, None, None);
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "kind" => kind = Some(map.next_value::<String>()?),
                    "columns" => {
                        columns = Some(
                            map.next_value_seed(ListSeed(MAX_COLUMNS, Plain::<String>(Default::default())))?,
                        )
                    }
                    "rows" => rows = Some(map.next_value_seed(RowsSeed(self.0))?),
                    "history" => history = Some(map.next_value_seed(HistoriesSeed(self.0))?),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(Table {
                kind: kind.ok_or_else(|| de::Error::missing_field("kind"))?,
                columns: columns.ok_or_else(|| de::Error::missing_field("columns"))?,
                rows: rows.unwrap_or_default(),
                history: history.unwrap_or_default(),
            })
        }
    }

    /// Any deserialisable element, as it is.
    struct Plain<T>(std::marker::PhantomData<T>);

    impl<T> Clone for Plain<T> {
        fn clone(&self) -> Self {
            Plain(Default::default())
        }
    }

    impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for Plain<T> {
        type Value = T;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            T::deserialize(d)
        }
    }

    /// A list of at most `.0` elements, each read by the seed `.1`.
    struct ListSeed<S>(usize, S);

    impl<'de, S: DeserializeSeed<'de> + Clone> DeserializeSeed<'de> for ListSeed<S> {
        type Value = Vec<S::Value>;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de, S: DeserializeSeed<'de> + Clone> Visitor<'de> for ListSeed<S> {
        type Value = Vec<S::Value>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a list of at most {} values", self.0)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(v) = seq.next_element_seed(self.1.clone())? {
                if out.len() == self.0 {
                    return Err(de::Error::custom(format!(
                        "more than {} values in a list",
                        self.0
                    )));
                }
                out.push(v);
            }
            Ok(out)
        }
    }

    /// A record's value: null, a truth value, a number or a text; never a list or object.
    #[derive(Clone)]
    struct Scalar;

    impl<'de> DeserializeSeed<'de> for Scalar {
        type Value = Value;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Scalar {
        type Value = Value;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("null, true, false, a number or a text")
        }
        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
            Ok(Value::Bool(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
            Ok(v.into())
        }
        fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
            Ok(v.into())
        }
        fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
            Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
        }
        fn visit_str<E>(self, v: &str) -> Result<Value, E> {
            Ok(Value::String(v.to_string()))
        }
        fn visit_string<E>(self, v: String) -> Result<Value, E> {
            Ok(Value::String(v))
        }
    }

    /// The rows of one table, each taking one of the manifest's records.
    struct RowsSeed<'a>(Budget<'a>);

    impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
        type Value = Vec<Vec<Value>>;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for RowsSeed<'_> {
        type Value = Vec<Vec<Value>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("rows")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(row) = seq.next_element_seed(ListSeed(MAX_COLUMNS, Scalar))? {
                take(&self.0.rows)?;
                let texts: usize = row.iter().filter_map(Value::as_str).map(str::len).sum();
                spend(self.0, 24 + 32 * row.len() as u64 + texts as u64)?;
                out.push(row);
            }
            Ok(out)
        }
    }

    /// The histories of one table's rows: lists of version hashes (32 hex digits).
    struct HistoriesSeed<'a>(Budget<'a>);

    impl<'de> DeserializeSeed<'de> for HistoriesSeed<'_> {
        type Value = Vec<Vec<String>>;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for HistoriesSeed<'_> {
        type Value = Vec<Vec<String>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("version histories")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(h) = seq.next_element_seed(ListSeed(MAX_HISTORY, Hash))? {
                take(&self.0.histories)?;
                spend(self.0, 24 + 56 * h.len() as u64)?;
                out.push(h);
            }
            Ok(out)
        }
    }

    /// A version hash: 32 lower-case hex digits.
    #[derive(Clone)]
    struct Hash;

    impl<'de> DeserializeSeed<'de> for Hash {
        type Value = String;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
            d.deserialize_str(self)
        }
    }

    impl<'de> Visitor<'de> for Hash {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a version hash")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            if v.len() == 2 * crate::packages::versions::HASH_BYTES
                && v.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            {
                Ok(v.to_string())
            } else {
                Err(E::custom("a version hash is 32 hex digits"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_of_tiny_values_is_refused_before_it_decodes_to_sixteen_times_its_size() {
        let row = "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]";
        let rows = vec![row; 200_000].join(",");
        let columns: Vec<String> = (0..20).map(|i| format!("\"c{i}\"")).collect();
        let tiny = format!(
            r#"{{"tables":[{{"kind":"person","columns":[{}],"rows":[{rows}],"history":[]}}]}}"#,
            columns.join(",")
        );
        let e = bounded::content(tiny.as_bytes(), u64::MAX).unwrap_err();
        assert!(e.to_string().contains("far more than its size"), "{e}");
        // Rows beyond the manifest's count are refused as they come.
        let e = bounded::content(tiny.as_bytes(), 10).unwrap_err();
        assert!(
            e.to_string().contains("more records than the manifest counts"),
            "{e}"
        );
        let nested = r#"{"tables":[{"kind":"person","columns":["a"],"rows":[[[1,2,3]]],"history":[]}]}"#;
        assert!(
            bounded::content(nested.as_bytes(), 1).is_err(),
            "a list is no value"
        );
    }

    #[test]
    fn a_package_inflates_no_more_than_its_records_need() {
        let manifest = |records: u64| Manifest {
            sender: Vec::new(),
            operator: String::new(),
            format: FORMAT,
            package_id: String::new(),
            source_install: String::new(),
            source_name: String::new(),
            organisation: None,
            complete_for: Vec::new(),
            created_at: String::new(),
            schema_version: 1,
            app_version: String::new(),
            complete: true,
            recipient: None,
            since_package: None,
            counts: [("person".to_string(), (records, 0))].into_iter().collect(),
            content_sha256: String::new(),
            attachments: 0,
            file_bytes: 0,
        };
        assert_eq!(content_limit(&manifest(0)), CONTENT_BYTES_BASE);
        assert_eq!(
            content_limit(&manifest(10)),
            CONTENT_BYTES_BASE + 10 * CONTENT_BYTES_PER_RECORD
        );
        assert_eq!(content_limit(&manifest(u64::MAX)), MAX_CONTENT_BYTES);
        // Attached files travel in hex, within their own bound.
        let mut with_files = manifest(0);
        (with_files.attachments, with_files.file_bytes) = (2, 1000);
        assert_eq!(content_limit(&with_files), CONTENT_BYTES_BASE + 2000 + 2 * 4096);
        (with_files.attachments, with_files.file_bytes) = (u64::MAX, u64::MAX);
        assert_eq!(
            content_limit(&with_files),
            CONTENT_BYTES_BASE + 2 * MAX_FILE_BYTES + MAX_ATTACHMENTS * 4096
        );
    }

    #[test]
    fn a_manifest_made_before_attachments_travelled_reads_as_carrying_none() {
        let old = r#"{"format":1,"package_id":"p","source_install":"i","source_name":"s",
            "organisation":null,"complete_for":[],"created_at":"2025-01-01T00:00:00.000Z",
            "schema_version":13,"app_version":"0.1","complete":true,"recipient":null,
            "since_package":null,"counts":{},"content_sha256":""}"#;
        let m: Manifest = serde_json::from_str(old).unwrap();
        assert_eq!((m.attachments, m.file_bytes), (0, 0));
        let c: Content = serde_json::from_str(r#"{"tables":[]}"#).unwrap();
        assert!(c.attachments.is_empty() && c.files.is_empty());
    }
}
