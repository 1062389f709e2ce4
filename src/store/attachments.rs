//! Evidence attached to records (schema V14): the files inside the database, each content
//! kept once by its SHA-256 (`attachment_blob`), tied to a record of any register by an
//! `attachment` row with the bookkeeping columns (so a removal is a tombstone that travels
//! in packages and the audit trail names who attached and who removed what).

use chrono::{DateTime, SubsecRound, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, StoreError};
use crate::domain::attachment::{
    self, Attachment, AttachmentInfo, AttachmentProblem, clean_file_name, clean_note, recognise, sha256_hex,
};
use crate::domain::{Id, RecordKind};

/// The attachment columns read into an [`AttachmentInfo`], in its order.
pub(super) const COLUMNS: &str =
    "id, kind, record, file_name, media_type, size, sha256, note, created_at, changed_by";

/// How many files a database holds and how much room they take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttachmentTotals {
    /// Live attachments (a file attached to two records counts twice).
    pub attachments: u64,
    /// Distinct files kept (removed attachments' files included: they stay restorable).
    pub files: u64,
    /// The bytes of those files.
    pub bytes: u64,
}

fn info_from_row(r: &rusqlite::Row<'_>) -> Result<AttachmentInfo> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get::<_, String>(i) };
    let unreadable = |column: &'static str, value: String| StoreError::NoSuchAttachment {
        what: format!("{column} = {value}"),
    };
    let id: String = text(0)?;
    let kind_code = text(1)?;
    let record = text(2)?;
    let added_at = text(8)?;
    Ok(AttachmentInfo {
        id: id.parse().map_err(|_| unreadable("id", id.clone()))?,
        kind: RecordKind::from_code(&kind_code).ok_or_else(|| unreadable("kind", kind_code.clone()))?,
        record: record.parse().map_err(|_| unreadable("record", record.clone()))?,
        file_name: text(3)?,
        media_type: text(4)?,
        size: r.get::<_, i64>(5)?.max(0) as u64,
        sha256: text(6)?,
        note: r.get(7)?,
        added_at: DateTime::parse_from_rfc3339(&added_at)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| unreadable("created_at", added_at.clone()))?,
        added_by: text(9)?,
    })
}

fn query_infos(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<AttachmentInfo>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(info_from_row(r)?);
    }
    Ok(out)
}

/// Whether `kind`'s table holds a live record `id` (false for a register this database
/// has no table for).
fn live_record(conn: &Connection, kind: RecordKind, id: &str) -> Result<bool> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1 AND deleted_at IS NULL)",
        kind.code()
    );
    match conn.prepare_cached(&sql) {
        Ok(mut stmt) => Ok(stmt.query_row([id], |r| r.get::<_, bool>(0))?),
        Err(_) => Ok(false),
    }
}

impl Store {
    /// Attaches a file to a live record of any register, in one audited transaction. The
    /// content is kept once (by its SHA-256) however many records it is attached to; the
    /// same content attached to the same record again writes nothing and answers the
    /// attachment already there. Refused, with nothing written: an empty file, one over
    /// 20 MB, a type not accepted or not what its name says, a note with control
    /// characters (`StoreError::Attachment`), a record that is not there
    /// (`StoreError::NotFound`).
    pub fn attach<T>(
        &mut self,
        kind: RecordKind,
        record: Id<T>,
        file_name: &str,
        bytes: &[u8],
        note: Option<&str>,
    ) -> Result<AttachmentInfo> {
        let name = clean_file_name(file_name);
        let refused = |problem: AttachmentProblem| StoreError::Attachment {
            file_name: if name.is_empty() {
                file_name.to_string()
            } else {
                name.clone()
            },
            problem,
        };
        let file_type = recognise(&name, bytes).map_err(refused)?;
        let note = clean_note(note).map_err(refused)?;
        let record = record.cast::<()>();
        let record_text = record.to_string();
        let sha256 = sha256_hex(bytes);
        self.write(|w| {
            let tx = w.tx();
            if !live_record(tx, kind, &record_text)? {
                return Err(StoreError::NotFound {
                    kind,
                    id: record_text.clone(),
                });
            }
            let already = query_infos(
                tx,
                &format!(
                    "SELECT {COLUMNS} FROM attachment
                      WHERE record = ?1 AND kind = ?2 AND sha256 = ?3 AND deleted_at IS NULL
                      ORDER BY id LIMIT 1"
                ),
                params![record_text, kind.code(), sha256],
            )?;
            if let Some(info) = already.into_iter().next() {
                return Ok(info);
            }
            keep_file(tx, &sha256, bytes)?;
            let id: Id<Attachment> = Id::new();
            let info = AttachmentInfo {
                id,
                kind,
                record,
                file_name: name.clone(),
                media_type: file_type.media_type().to_string(),
                size: bytes.len() as u64,
                sha256: sha256.clone(),
                note: note.clone(),
                // As stored: to the millisecond.
                added_at: w.now().trunc_subsecs(3),
                added_by: w.install_id().to_string(),
            };
            let row = AttachmentRow::new(&info, w.now_text());
            put_row(tx, &row, w.change_seq(), false)?;
            w.audit_raw(
                "create",
                "attachment",
                &id.to_string(),
                audit_changes(&info, true),
            )?;
            Ok(info)
        })
    }

    /// A record's live attachments, oldest first.
    pub fn attachments_for<T>(&self, kind: RecordKind, record: Id<T>) -> Result<Vec<AttachmentInfo>> {
        query_infos(
            self.conn(),
            &format!(
                "SELECT {COLUMNS} FROM attachment
                  WHERE record = ?1 AND kind = ?2 AND deleted_at IS NULL ORDER BY created_at, id"
            ),
            params![record.to_string(), kind.code()],
        )
    }

    /// Every live attachment of the database, by register, record and time.
    pub fn attachments(&self) -> Result<Vec<AttachmentInfo>> {
        query_infos(
            self.conn(),
            &format!(
                "SELECT {COLUMNS} FROM attachment WHERE deleted_at IS NULL
                  ORDER BY kind, record, created_at, id"
            ),
            [],
        )
    }

    /// One attachment, live or removed.
    pub fn attachment(&self, id: Id<Attachment>) -> Result<AttachmentInfo> {
        query_infos(
            self.conn(),
            &format!("SELECT {COLUMNS} FROM attachment WHERE id = ?1"),
            [id.to_string()],
        )?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::NoSuchAttachment { what: id.to_string() })
    }

    /// The content kept under a SHA-256 (64 lower-case hex digits).
    pub fn attachment_bytes(&self, sha256: &str) -> Result<Vec<u8>> {
        let missing = || StoreError::NoSuchAttachment {
            what: sha256.to_string(),
        };
        if !attachment::is_sha256(sha256) {
            return Err(missing());
        }
        self.conn()
            .prepare_cached("SELECT bytes FROM attachment_blob WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get::<_, Vec<u8>>(0))
            .optional()?
            .ok_or_else(missing)
    }

    /// Whether content with this SHA-256 is kept already (attaching it again stores no
    /// second copy).
    pub fn attachment_stored(&self, sha256: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM attachment_blob WHERE sha256 = ?1)")?
            .query_row([sha256], |r| r.get::<_, bool>(0))?)
    }

    /// Removes an attachment from its record, in one audited transaction: the row becomes
    /// a tombstone (it travels in packages as a removal) and the file stays in the
    /// database, as it does in every backup taken before. A removed or unknown id is
    /// `StoreError::NoSuchAttachment`.
    pub fn remove_attachment(&mut self, id: Id<Attachment>) -> Result<AttachmentInfo> {
        let id_text = id.to_string();
        self.write(|w| {
            let tx = w.tx();
            let info = query_infos(
                tx,
                &format!("SELECT {COLUMNS} FROM attachment WHERE id = ?1 AND deleted_at IS NULL"),
                [&id_text],
            )?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::NoSuchAttachment {
                what: id_text.clone(),
            })?;
            tx.prepare_cached(
                "UPDATE attachment SET deleted_at = ?2, updated_at = ?2, rev = rev + 1,
                        changed_by = ?3, change_seq = ?4
                  WHERE id = ?1",
            )?
            .execute(params![id_text, w.now_text(), w.install_id(), w.change_seq()])?;
            w.audit_raw("delete", "attachment", &id_text, audit_changes(&info, false))?;
            Ok(info)
        })
    }

    /// How many attachments and files the database holds, and their size.
    pub fn attachment_totals(&self) -> Result<AttachmentTotals> {
        let conn = self.conn();
        let attachments: i64 = conn.query_row(
            "SELECT count(*) FROM attachment WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        let (files, bytes): (i64, i64) = conn.query_row(
            "SELECT count(*), coalesce(sum(size), 0) FROM attachment_blob",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(AttachmentTotals {
            attachments: attachments.max(0) as u64,
            files: files.max(0) as u64,
            bytes: bytes.max(0) as u64,
        })
    }

    /// The register a record id belongs to, and whether the record is live: for the
    /// command line's `--record ID`, which names no register. `None` when no register
    /// holds the id.
    pub fn register_of(&self, id: &str) -> Result<Option<(RecordKind, bool)>> {
        for kind in RecordKind::ALL {
            let sql = format!("SELECT deleted_at IS NULL FROM {} WHERE id = ?1", kind.code());
            let Ok(mut stmt) = self.conn().prepare_cached(&sql) else {
                continue;
            };
            if let Some(live) = stmt.query_row([id], |r| r.get::<_, bool>(0)).optional()? {
                return Ok(Some((*kind, live)));
            }
        }
        Ok(None)
    }
}

/// Why a file the user named cannot be read to be attached.
#[derive(Debug)]
pub enum FileRefusal {
    /// No file there.
    Missing,
    /// A folder, not a file.
    Folder,
    /// The system would not let it be read.
    Unreadable(std::io::Error),
    /// The database itself, one of its own files, a backup, or another SkillBase database.
    OwnDatabase,
    /// Empty or too large (told by its size, before it is read).
    Refused(AttachmentProblem),
}

/// Reads a file the user named to attach it (the command line's `attach`, the window's
/// dialog, typed path and dropped files): refused without reading a byte when it is
/// missing, a folder, the database `db` or one of its files (its backups, any SkillBase
/// database), empty or over the limit; never reads more than the limit, whatever the file
/// grew to meanwhile.
pub fn read_file_to_attach(
    file: &std::path::Path,
    db: Option<&std::path::Path>,
) -> std::result::Result<Vec<u8>, FileRefusal> {
    use std::io::Read;
    let meta = match std::fs::metadata(file) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(FileRefusal::Missing),
        Err(e) => return Err(FileRefusal::Unreadable(e)),
    };
    if meta.is_dir() {
        return Err(FileRefusal::Folder);
    }
    // The database, its log and lock (named after it, beside it), its backups folder.
    let own = db.is_some_and(|db| {
        let (f, d) = (crate::files::canonical(file), crate::files::canonical(db));
        let sidecar = f.parent() == d.parent()
            && match (f.file_name(), d.file_name()) {
                (Some(f), Some(d)) => f.to_string_lossy().starts_with(&*d.to_string_lossy()),
                _ => false,
            };
        crate::files::same_file(file, db) || sidecar || f.starts_with(crate::files::backups_dir(db))
    }) || crate::files::is_skillbase_database(file);
    if own {
        return Err(FileRefusal::OwnDatabase);
    }
    attachment::check_size(meta.len()).map_err(FileRefusal::Refused)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(file)
        .and_then(|f| f.take(attachment::MAX_SIZE + 1).read_to_end(&mut bytes))
        .map_err(FileRefusal::Unreadable)?;
    attachment::check_size(bytes.len() as u64).map_err(FileRefusal::Refused)?;
    Ok(bytes)
}

/// An attachment row as a data package carries it: every column but `change_seq`
/// (local to one database). The file itself travels beside it, once per content.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AttachmentRow {
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
    pub rev: i64,
    pub changed_by: String,
    pub kind: String,
    pub record: String,
    pub file_name: String,
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
    pub note: Option<String>,
}

impl AttachmentRow {
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }
}

/// What importing a package's attachments would do here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AttachmentMerge {
    /// Attachments not here yet (their record repointed where the package's person is
    /// one here).
    pub new: Vec<AttachmentRow>,
    /// Attachments here that the sender removed (the package's tombstones).
    pub removed: Vec<AttachmentRow>,
}

impl AttachmentMerge {
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.removed.is_empty()
    }
}

impl AttachmentRow {
    /// A new attachment's row, created (and last changed) at `at`.
    fn new(info: &AttachmentInfo, at: &str) -> AttachmentRow {
        AttachmentRow {
            id: info.id.to_string(),
            created_at: at.to_string(),
            updated_at: at.to_string(),
            deleted_at: None,
            rev: 1,
            changed_by: info.added_by.clone(),
            kind: info.kind.code().to_string(),
            record: info.record.to_string(),
            file_name: info.file_name.clone(),
            media_type: info.media_type.clone(),
            size: info.size,
            sha256: info.sha256.clone(),
            note: info.note.clone(),
        }
    }
}

/// Keeps a file's content, once (a content kept already is left as it is).
fn keep_file(tx: &Connection, sha256: &str, bytes: &[u8]) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO attachment_blob (sha256, size, bytes) VALUES (?1, ?2, ?3)")?
        .execute(params![sha256, bytes.len() as i64, bytes])?;
    Ok(())
}

/// Writes an attachment row with the change number `seq`; `replace`: a row of the same id
/// is replaced (a consolidation loading a package again), else the id must be new.
fn put_row(tx: &Connection, row: &AttachmentRow, seq: i64, replace: bool) -> Result<usize> {
    let upsert = if replace {
        " ON CONFLICT(id) DO UPDATE SET created_at = excluded.created_at,
             updated_at = excluded.updated_at, deleted_at = excluded.deleted_at, rev = excluded.rev,
             changed_by = excluded.changed_by, change_seq = excluded.change_seq,
             kind = excluded.kind, record = excluded.record, file_name = excluded.file_name,
             media_type = excluded.media_type, size = excluded.size, sha256 = excluded.sha256,
             note = excluded.note"
    } else {
        ""
    };
    Ok(tx
        .prepare_cached(&format!(
            "INSERT INTO attachment (id, created_at, updated_at, deleted_at, rev, changed_by,
                 change_seq, kind, record, file_name, media_type, size, sha256, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14){upsert}"
        ))?
        .execute(params![
            row.id,
            row.created_at,
            row.updated_at,
            row.deleted_at,
            row.rev,
            row.changed_by,
            seq,
            row.kind,
            row.record,
            row.file_name,
            row.media_type,
            row.size as i64,
            row.sha256,
            row.note,
        ])?)
}

const ROW_COLUMNS: &str = "id, created_at, updated_at, deleted_at, rev, changed_by, kind, record, \
                           file_name, media_type, size, sha256, note";

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<AttachmentRow> {
    Ok(AttachmentRow {
        id: r.get(0)?,
        created_at: r.get(1)?,
        updated_at: r.get(2)?,
        deleted_at: r.get(3)?,
        rev: r.get(4)?,
        changed_by: r.get(5)?,
        kind: r.get(6)?,
        record: r.get(7)?,
        file_name: r.get(8)?,
        media_type: r.get(9)?,
        size: r.get::<_, i64>(10)?.max(0) as u64,
        sha256: r.get(11)?,
        note: r.get(12)?,
    })
}

impl Store {
    /// The attachment rows (tombstones included) written after change `since` (all of
    /// them without one), for a data package.
    pub fn attachment_rows_since(&self, since: Option<i64>) -> Result<Vec<AttachmentRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM attachment WHERE change_seq > ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([since.unwrap_or(i64::MIN)], row_from)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// What a package's attachment rows would do here: the new ones (with their record
    /// repointed through `repoint`, an incoming person made one with a person here), and
    /// the removals of attachments live here. Rows already here as they are, and
    /// tombstones of attachments never here, do nothing.
    pub fn attachment_merge(
        &self,
        rows: &[AttachmentRow],
        repoint: &dyn Fn(&str) -> Option<String>,
    ) -> Result<AttachmentMerge> {
        let mut out = AttachmentMerge::default();
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT deleted_at IS NULL FROM attachment WHERE id = ?1")?;
        for row in rows {
            let here: Option<bool> = stmt.query_row([&row.id], |r| r.get(0)).optional()?;
            match (here, row.is_deleted()) {
                (None, false) => {
                    let mut row = row.clone();
                    if let Some(to) = repoint(&row.record) {
                        row.record = to;
                    }
                    out.new.push(row);
                }
                (Some(true), true) => out.removed.push(row.clone()),
                _ => {}
            }
        }
        Ok(out)
    }
}

/// Writes a package's attachments inside the merge's transaction: the files not kept
/// here yet (each checked against its SHA-256 and the size limit), the new attachment rows
/// as the sender wrote them (but `change_seq`, this transaction's), the removals as
/// tombstones; each with a `merge` audit entry. An attachment whose file is neither in the
/// package nor here is refused (the deferred foreign key would refuse it at commit).
pub(super) fn write_merged(
    w: &super::Writer<'_>,
    merge: &AttachmentMerge,
    files: &[(String, Vec<u8>)],
) -> Result<()> {
    let tx = w.tx();
    // The package's decoding checked all this; a file or row that still does not fit is
    // named and the whole merge rolled back.
    let damaged = |what: String| StoreError::NoSuchAttachment { what };
    for (sha256, bytes) in files {
        if !merge.new.iter().any(|r| &r.sha256 == sha256) {
            continue;
        }
        if sha256_hex(bytes) != *sha256 || attachment::check_size(bytes.len() as u64).is_err() {
            return Err(damaged(format!("attachment file {sha256}")));
        }
        keep_file(tx, sha256, bytes)?;
    }
    for row in &merge.new {
        let live = AttachmentRow {
            deleted_at: None,
            ..row.clone()
        };
        put_row(tx, &live, w.change_seq(), false)?;
        let stored: Option<i64> = tx
            .prepare_cached("SELECT size FROM attachment_blob WHERE sha256 = ?1")?
            .query_row([&row.sha256], |r| r.get(0))
            .optional()?;
        if stored != Some(row.size as i64) {
            return Err(damaged(format!("attachment {} without its file", row.id)));
        }
        let changes = serde_json::json!({
            "kind": [null, row.kind], "record": [null, row.record], "file_name": [null, row.file_name],
            "size": [null, row.size], "sha256": [null, row.sha256],
        });
        w.audit_raw("merge", "attachment", &row.id, changes)?;
    }
    for row in &merge.removed {
        let changed = tx
            .prepare_cached(
                "UPDATE attachment SET deleted_at = ?2, updated_at = ?3, rev = max(rev, ?4),
                        changed_by = ?5, change_seq = ?6
                  WHERE id = ?1 AND deleted_at IS NULL",
            )?
            .execute(params![
                row.id,
                row.deleted_at,
                row.updated_at,
                row.rev,
                row.changed_by,
                w.change_seq()
            ])?;
        if changed == 1 {
            let changes = serde_json::json!({ "deleted_at": [null, row.deleted_at], "file_name": [row.file_name, null] });
            w.audit_raw("merge", "attachment", &row.id, changes)?;
        }
    }
    Ok(())
}

/// Writes a package's attachments into a consolidation, inside its loading transaction:
/// each file once, each row as the package has it (a row loaded before is replaced by the
/// package's, as the organisation's records are); a tombstone of an attachment never
/// loaded, whose file the package does not carry, is left out. Returns the rows written.
pub(super) fn write_loaded(
    tx: &Connection,
    rows: &[AttachmentRow],
    files: &[(String, Vec<u8>)],
    seq: i64,
) -> Result<u64> {
    for (sha256, bytes) in files {
        if sha256_hex(bytes) != *sha256 || attachment::check_size(bytes.len() as u64).is_err() {
            return Err(StoreError::NoSuchAttachment {
                what: format!("{sha256} (SHA-256)"),
            });
        }
        keep_file(tx, sha256, bytes)?;
    }
    let mut written = 0;
    for row in rows {
        let stored: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM attachment_blob WHERE sha256 = ?1)")?
            .query_row([&row.sha256], |r| r.get(0))?;
        if !stored {
            if row.is_deleted() {
                continue;
            }
            return Err(StoreError::NoSuchAttachment { what: row.id.clone() });
        }
        written += put_row(tx, row, seq, true)? as u64;
    }
    Ok(written)
}

/// [`super::Bulk::attach`]: a file and its attachment row written in a bulk transaction.
pub(super) fn bulk_attach(
    tx: &Connection,
    source: &str,
    seq: i64,
    (id, kind, record): (Id<Attachment>, RecordKind, Id<()>),
    file_name: &str,
    bytes: &[u8],
    at: &str,
) -> Result<()> {
    let file_type = recognise(file_name, bytes).map_err(|problem| StoreError::Attachment {
        file_name: file_name.to_string(),
        problem,
    })?;
    let sha256 = sha256_hex(bytes);
    keep_file(tx, &sha256, bytes)?;
    let row = AttachmentRow {
        id: id.to_string(),
        created_at: at.to_string(),
        updated_at: at.to_string(),
        deleted_at: None,
        rev: 1,
        changed_by: source.to_string(),
        kind: kind.code().to_string(),
        record: record.to_string(),
        file_name: file_name.to_string(),
        media_type: file_type.media_type().to_string(),
        size: bytes.len() as u64,
        sha256,
        note: None,
    };
    put_row(tx, &row, seq, false)?;
    Ok(())
}

/// An attachment's audit changes: what was attached to what (`[null, value]` when it was
/// attached, `[value, null]` when it was removed).
fn audit_changes(info: &AttachmentInfo, created: bool) -> serde_json::Value {
    let pair = |v: serde_json::Value| {
        if created {
            serde_json::json!([null, v])
        } else {
            serde_json::json!([v, null])
        }
    };
    let mut changes = serde_json::Map::new();
    changes.insert("kind".into(), pair(info.kind.code().into()));
    changes.insert("record".into(), pair(info.record.to_string().into()));
    changes.insert("file_name".into(), pair(info.file_name.clone().into()));
    changes.insert("media_type".into(), pair(info.media_type.clone().into()));
    changes.insert("size".into(), pair(info.size.into()));
    changes.insert("sha256".into(), pair(info.sha256.clone().into()));
    if let Some(note) = &info.note {
        changes.insert("note".into(), pair(note.clone().into()));
    }
    serde_json::Value::Object(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::{OrgKind, Organisation};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR a small scan";

    fn store_with_two() -> (Store, Id<Organisation>, Id<Organisation>) {
        let mut store = Store::open_in_memory().unwrap();
        let a = store
            .insert(Organisation::new(OrgKind::TrainingBase, "包头技师学院"))
            .unwrap();
        let b = store
            .insert(Organisation::new(OrgKind::MasterStudio, "王师傅技能大师工作室"))
            .unwrap();
        (store, a, b)
    }

    #[test]
    fn the_same_bytes_are_kept_once_however_often_attached() {
        let (mut store, a, b) = store_with_two();
        let first = store
            .attach(
                RecordKind::Organisation,
                a,
                "C:\\扫描\\奖状.png",
                PNG,
                Some(" 2025 年 "),
            )
            .unwrap();
        assert_eq!(first.file_name, "奖状.png");
        assert_eq!(first.note.as_deref(), Some("2025 年"));
        assert_eq!(first.media_type, "image/png");
        let again = store
            .attach(RecordKind::Organisation, a, "again.png", PNG, None)
            .unwrap();
        assert_eq!(
            again.id, first.id,
            "the same file on the same record is the attachment there"
        );
        let other = store
            .attach(RecordKind::Organisation, b, "奖状.png", PNG, None)
            .unwrap();
        assert_ne!(other.id, first.id);
        let totals = store.attachment_totals().unwrap();
        assert_eq!(
            (totals.attachments, totals.files, totals.bytes),
            (2, 1, PNG.len() as u64)
        );
        assert_eq!(store.attachment_bytes(&first.sha256).unwrap(), PNG);
        assert_eq!(
            store.attachments_for(RecordKind::Organisation, a).unwrap(),
            vec![first.clone()]
        );
        assert_eq!(store.attachments().unwrap().len(), 2);
        let creates = store.audit_for(&first.id.to_string()).unwrap();
        assert_eq!(creates.len(), 1);
        assert_eq!(creates[0].kind, "attachment");
    }

    #[test]
    fn removing_keeps_the_file_and_is_audited() {
        let (mut store, a, _) = store_with_two();
        let info = store
            .attach(RecordKind::Organisation, a, "a.png", PNG, None)
            .unwrap();
        store.remove_attachment(info.id).unwrap();
        assert!(
            store
                .attachments_for(RecordKind::Organisation, a)
                .unwrap()
                .is_empty()
        );
        assert_eq!(store.attachment_bytes(&info.sha256).unwrap(), PNG);
        assert!(matches!(
            store.remove_attachment(info.id),
            Err(StoreError::NoSuchAttachment { .. })
        ));
        let actions: Vec<String> = store
            .audit_for(&info.id.to_string())
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert!(actions.contains(&"delete".to_string()), "{actions:?}");
    }

    #[test]
    fn refused_files_and_records_write_nothing() {
        let (mut store, a, _) = store_with_two();
        let refused = |r: Result<AttachmentInfo>| match r {
            Err(StoreError::Attachment { problem, .. }) => problem,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refused(store.attach(RecordKind::Organisation, a, "a.pdf", b"", None)),
            AttachmentProblem::Empty
        );
        assert!(matches!(
            refused(store.attach(RecordKind::Organisation, a, "setup.pdf", b"MZ\x90\0", None)),
            AttachmentProblem::NotWhatItSays { .. }
        ));
        let big = vec![0u8; (attachment::MAX_SIZE + 1) as usize];
        assert!(matches!(
            refused(store.attach(RecordKind::Organisation, a, "big.pdf", &big, None)),
            AttachmentProblem::TooLarge { .. }
        ));
        assert!(matches!(
            store.attach(RecordKind::Person, a, "a.png", PNG, None),
            Err(StoreError::NotFound {
                kind: RecordKind::Person,
                ..
            })
        ));
        assert_eq!(store.attachment_totals().unwrap(), AttachmentTotals::default());
        assert_eq!(
            store.register_of(&a.to_string()).unwrap(),
            Some((RecordKind::Organisation, true))
        );
    }
}
