//! Making a data package: the records selected (one organisation or everything; complete,
//! or changed since the last package to a recipient), each with its version history, and
//! the returns those organisations marked as submitted, sealed with the passphrase and
//! written under a temporary name; then the database records what was sent (the versions
//! join each record's history, and the recipient's next `--since-last-to` starts here).

use std::path::{Path, PathBuf};

use super::ExchangeError;
use super::package::{self, Manifest, OrgRef, PackedFile, Passphrase};
use super::versions::version_hash;
use crate::progress::Progress;
use crate::store::exchange::{Selection, SentPackage};
use crate::store::{AttachmentRow, Store};

/// What to put in a package.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    /// One organisation (its id), or everything.
    pub org: Option<uuid::Uuid>,
    /// Only what changed since the last package to this recipient (all of it the first
    /// time).
    pub since_last_to: Option<String>,
    pub out: PathBuf,
    /// The user agreed to replace `out` if it exists (`--force`, or asked in the window).
    pub replace: bool,
    /// Only the indicator sets (`--indicator-sets`): what a regional department sends,
    /// without anybody's records; `org` is then not used.
    pub indicator_sets_only: bool,
}

/// A package made.
#[derive(Clone, Debug)]
pub struct Exported {
    pub manifest: Manifest,
    pub file: PathBuf,
    pub bytes: u64,
    /// The earlier package to the same recipient this one continues.
    pub since: Option<SentPackage>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The attachments a package carries: those written since the last package to the
/// recipient (all without one), of the selected organisation's records (every record of
/// it, changed or not: an old record's new scan travels); and each live one's file, each
/// content once.
fn attachments(
    store: &Store,
    selection: Selection,
    since: Option<i64>,
) -> Result<(Vec<AttachmentRow>, Vec<PackedFile>), ExchangeError> {
    let mut rows = store.attachment_rows_since(since)?;
    if rows.is_empty() {
        return Ok((rows, Vec::new()));
    }
    if let Selection::Organisation(_) = selection {
        let ids: std::collections::HashSet<String> = store
            .select_for_package(selection, None)?
            .into_iter()
            .flat_map(|(_, records)| records.into_iter().map(|r| r.id))
            .collect();
        rows.retain(|r| ids.contains(&r.record));
    }
    let mut files: Vec<PackedFile> = Vec::new();
    for r in rows.iter().filter(|r| !r.is_deleted()) {
        if !files.iter().any(|f| f.sha256 == r.sha256) {
            let bytes = store.attachment_bytes(&r.sha256)?;
            files.push(PackedFile::new(r.sha256.clone(), &bytes));
        }
    }
    Ok((rows, files))
}

/// Makes a package (see the module's comment), its passphrase at the production work
/// factor ([`package::WORK_FACTOR`]).
pub fn export(
    store: &mut Store,
    request: &ExportRequest,
    passphrase: &Passphrase,
    progress: &dyn Progress,
) -> Result<Exported, ExchangeError> {
    export_with_work_factor(store, request, passphrase, package::WORK_FACTOR, progress)
}

/// [`export`] with another scrypt work factor: for tests, whose packages need no
/// protection and would otherwise spend most of their time deriving keys (the window and
/// the command line always use [`export`]).
pub fn export_with_work_factor(
    store: &mut Store,
    request: &ExportRequest,
    passphrase: &Passphrase,
    work_factor: u8,
    progress: &dyn Progress,
) -> Result<Exported, ExchangeError> {
    if passphrase.chars() < package::MIN_PASSPHRASE_CHARS {
        return Err(package::PackageError::ShortPassphrase.into());
    }
    // Never the database, its sidecars or backups; an existing file only by consent.
    let output = crate::files::Output::new(store.path(), request.replace);
    output.check(&request.out)?;
    let since = match &request.since_last_to {
        Some(name) => store.last_sent_to(name.trim())?,
        None => None,
    };
    let change_seq = store.change_seq()?;
    let selection = match request.org {
        _ if request.indicator_sets_only => Selection::IndicatorSets,
        Some(org) => Selection::Organisation(org),
        None => Selection::Everything,
    };
    progress.stage("select", 0);
    let selected = store.select_for_package(selection, since.as_ref().map(|s| s.change_seq))?;
    let total: usize = selected.iter().map(|(_, r)| r.len()).sum();
    progress.stage("hash", total as u64);
    let mut tables: Vec<package::TableRecords> = Vec::new();
    let mut sent_history = Vec::with_capacity(total);
    for (kind, records) in selected {
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        let mut history = store.exchange_history(&ids)?;
        let mut rows = Vec::with_capacity(records.len());
        for r in records {
            let now = version_hash(&r);
            let mut h = history.remove(&r.id).unwrap_or_default();
            if !h.contains(&now) {
                h.push(now.clone());
            }
            sent_history.push((r.id.clone(), now));
            rows.push((r, h));
        }
        progress.advance(rows.len() as u64);
        tables.push((kind, store.field_columns(kind)?, rows));
    }
    let org_ref = |id: uuid::Uuid| -> Result<OrgRef, ExchangeError> {
        let o = store.get::<crate::domain::org::Organisation>(crate::domain::Id::from_uuid(id))?;
        Ok(OrgRef {
            id: o.id.to_string(),
            name: o.record.name,
        })
    };
    let organisation = match request.indicator_sets_only {
        true => None,
        false => request.org.map(org_ref).transpose()?,
    };
    let complete = since.is_none();
    let complete_for = if !complete || request.indicator_sets_only {
        Vec::new()
    } else if let Some(o) = &organisation {
        vec![o.clone()]
    } else {
        store
            .organisations()?
            .into_iter()
            .map(|o| OrgRef {
                id: o.id.to_string(),
                name: o.record.name,
            })
            .collect()
    };
    progress.stage("seal", 0);
    // The returns the package's organisations marked as submitted travel with them (all
    // of them each time: a receiver keeps each once).
    let orgs: Vec<String> = match request.org {
        _ if request.indicator_sets_only => Vec::new(),
        Some(org) => vec![org.hyphenated().to_string()],
        None => store
            .organisations()?
            .into_iter()
            .map(|o| o.id.to_string())
            .collect(),
    };
    let (mut content, counts) = package::content(&tables);
    drop(tables);
    content.submissions = store.submitted_returns(&orgs)?;
    content.assessments = store.packaged_assessments(&orgs)?;
    (content.attachments, content.files) =
        attachments(store, selection, since.as_ref().map(|s| s.change_seq))?;
    let attachment_rows = content.attachments.len() as u64;
    let file_bytes = content.files.iter().map(|f| f.size).sum();
    let (bytes, sha) = package::content_bytes(&content);
    drop(content);
    let sender = match &organisation {
        Some(o) => vec![o.clone()],
        None => {
            // The organisations no other here hosts (a base, not its studios; a studio's
            // laptop, its studio).
            let all = store.organisations()?;
            let ids: Vec<_> = all.iter().map(|o| o.id).collect();
            all.into_iter()
                .filter(|o| o.record.host.is_none_or(|h| !ids.contains(&h)))
                .map(|o| OrgRef {
                    id: o.id.to_string(),
                    name: o.record.name,
                })
                .collect()
        }
    };
    let manifest = Manifest {
        sender,
        operator: store.profile().to_string(),
        format: package::FORMAT,
        package_id: uuid::Uuid::now_v7().hyphenated().to_string(),
        source_install: store.install_id().to_string(),
        source_name: store.path().map(file_name).unwrap_or_default(),
        organisation,
        complete_for,
        created_at: crate::store::timestamp(chrono::Utc::now()),
        schema_version: store.schema_version()?,
        app_version: crate::APP_VERSION.to_string(),
        complete,
        recipient: request.since_last_to.as_ref().map(|s| s.trim().to_string()),
        since_package: since.as_ref().map(|s| s.package_id.clone()),
        counts,
        content_sha256: sha,
        attachments: attachment_rows,
        file_bytes,
    };
    let sealed = package::seal_with_work_factor(&manifest, &bytes, passphrase, work_factor)?;
    drop(bytes);
    let name = file_name(&request.out);
    output.write(&request.out, &sealed)?;
    let sent = SentPackage {
        package_id: manifest.package_id.clone(),
        recipient: manifest.recipient.clone(),
        sent_at: manifest.created_at.clone(),
        change_seq,
        org: manifest.organisation.as_ref().map(|o| o.id.clone()),
        complete,
        file_name: name,
        records: manifest.total(),
    };
    if let Err(e) = store.record_sent(&sent, &sent_history) {
        // Not recorded as sent: the file must not travel as if it had been. (It is the
        // file just written: the guard above kept the database's own files out of reach.)
        let _ = std::fs::remove_file(&request.out);
        return Err(e.into());
    }
    progress.finish();
    Ok(Exported {
        manifest,
        file: request.out.clone(),
        bytes: sealed.len() as u64,
        since,
    })
}
