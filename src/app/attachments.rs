//! Evidence attachments from the window: files attached to the open record (a file
//! dialog's choice, a typed path, files dropped on the window), an attachment removed
//! after the form asked, one opened with the system's viewer. Each write is the store's,
//! one audited transaction; every refusal is a notification naming the file.

use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::AppState;
use crate::domain::attachment::{self, Attachment};
use crate::domain::{Id, RecordKind};
use crate::i18n::Localize;
use crate::i18n::attachments::{refusal, size, text};

impl AppState {
    /// Attaches each file to the record; a file refused is named and the others still
    /// attached (each is its own transaction, all or nothing for that file).
    pub fn attach_files(&mut self, kind: RecordKind, record: Uuid, files: &[PathBuf], note: Option<&str>) {
        let lang = self.lang();
        let t = text(lang);
        let Ok(store) = &mut self.store else { return };
        let db = store.path().map(Path::to_path_buf);
        let mut attached = false;
        for file in files {
            let bytes = match crate::store::read_file_to_attach(file, db.as_deref()) {
                Ok(b) => b,
                Err(r) => {
                    self.notes.error(refusal(&r, file, lang));
                    continue;
                }
            };
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let sha256 = attachment::sha256_hex(&bytes);
            let before = store
                .attachments_for(kind, Id::<()>::from_uuid(record))
                .unwrap_or_default();
            let stored_before = store.attachment_stored(&sha256).unwrap_or(false);
            match store.attach(kind, Id::<()>::from_uuid(record), &name, &bytes, note) {
                Ok(info) if before.iter().any(|a| a.id == info.id) => {
                    self.notes.info((t.already_attached)(&name, &info.file_name));
                }
                Ok(info) => {
                    let record_name = crate::registers::naming::record_name(store, kind, record, lang);
                    let mut message = (t.attached)(
                        &info.file_name,
                        &size(info.size, lang),
                        crate::i18n::Labelled::label(&kind, lang),
                        &record_name,
                        &info.id.to_string(),
                    );
                    if stored_before {
                        message.push('\n');
                        message.push_str(t.stored_once);
                    }
                    self.notes.success(message);
                    attached = true;
                }
                Err(e) => self.notes.error(e.localize(lang)),
            }
        }
        if attached {
            self.changed();
        }
    }

    /// Removes an attachment the user confirmed (audited; the file stays in the database
    /// and in every backup).
    pub fn remove_attachment(&mut self, id: Uuid) {
        let lang = self.lang();
        let t = text(lang);
        let Ok(store) = &mut self.store else { return };
        match store.remove_attachment(Id::<Attachment>::from_uuid(id)) {
            Ok(info) => {
                self.notes.success((t.removed)(&info.file_name));
                self.changed();
            }
            Err(e) => self.notes.error(e.localize(lang)),
        }
    }

    /// Writes the attachment to a private temporary file and hands it to the system's
    /// viewer.
    pub fn open_attachment(&mut self, id: Uuid) {
        let lang = self.lang();
        let t = text(lang);
        let Ok(store) = &self.store else { return };
        let opened = store
            .attachment(Id::<Attachment>::from_uuid(id))
            .and_then(|info| Ok((store.attachment_bytes(&info.sha256)?, info)))
            .map_err(|e| e.localize(lang))
            .and_then(|(bytes, info)| {
                let file = private_copy(&info, &bytes).map_err(|e| crate::i18n::io_error(&e, lang))?;
                show(&file).map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => (t.no_viewer)(VIEWER),
                    _ => crate::i18n::io_error(&e, lang),
                })?;
                Ok(info.file_name)
            });
        match opened {
            Ok(name) => self.notes.info((t.opened)(&name)),
            Err(why) => self.notes.error((t.open_failed)(&why)),
        }
    }
}

/// The attachment as a file only this user can read, in a folder of this program's in the
/// system's temporary folder, under its own name (the viewer shows it), prefixed by the
/// start of its SHA-256 so two attachments of one name do not collide.
fn private_copy(info: &crate::domain::attachment::AttachmentInfo, bytes: &[u8]) -> std::io::Result<PathBuf> {
    use std::io::Write;
    let dir = std::env::temp_dir().join("skillbase-attachments");
    crate::files::create_private_dir_all(&dir)?;
    crate::files::make_private(&dir);
    let ext = info.file_type().map_or("bin", |t| t.extensions()[0]);
    let stem = std::path::Path::new(&info.file_name)
        .file_stem()
        .map_or_else(|| "attachment".to_string(), |s| s.to_string_lossy().into_owned());
    let file = dir.join(format!("{}-{stem}.{ext}", &info.sha256[..12]));
    if file.exists() && std::fs::read(&file).is_ok_and(|b| b == bytes) {
        return Ok(file);
    }
    let _ = std::fs::remove_file(&file);
    let mut f = crate::files::private_file(&file)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(file)
}

/// The program that hands a file to its viewer.
#[cfg(target_os = "windows")]
const VIEWER: &str = "cmd /C start";
#[cfg(target_os = "macos")]
const VIEWER: &str = "open";
#[cfg(not(any(target_os = "windows", target_os = "macos")))]
const VIEWER: &str = "xdg-open";

/// Hands a file to the system's viewer, without waiting for it.
fn show(file: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "windows")]
    let mut command = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]).arg(file);
        c
    };
    #[cfg(target_os = "macos")]
    let mut command = {
        let mut c = std::process::Command::new("open");
        c.arg(file);
        c
    };
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut command = {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(file);
        c
    };
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        // Waited for on a thread of its own, so no finished viewer stays a zombie.
        .map(|mut child| {
            std::thread::spawn(move || child.wait());
        })
}
