//! Writing files the user asked for, so that a failure never leaves half of them behind.

use std::path::{Path, PathBuf};

/// Writes every file to a temporary name first and renames them only when all were
/// written, so a failure leaves no half-written return behind.
pub fn write_all_or_none(dir: &Path, files: &[(&str, &[u8])]) -> Result<(), (PathBuf, std::io::Error)> {
    let mut written = Vec::new();
    for (name, bytes) in files {
        let tmp = dir.join(format!(".{name}.tmp"));
        if let Err(e) = std::fs::write(&tmp, bytes).and_then(|_| std::fs::File::open(&tmp)?.sync_all()) {
            for t in &written {
                let _ = std::fs::remove_file(t);
            }
            let _ = std::fs::remove_file(&tmp);
            return Err((dir.join(name), e));
        }
        written.push(tmp);
    }
    for ((name, _), tmp) in files.iter().zip(&written) {
        std::fs::rename(tmp, dir.join(name)).map_err(|e| (dir.join(name), e))?;
    }
    Ok(())
}

/// Writes one file the user named (an export, a template, rejected rows) under a
/// temporary name, renamed when complete. The error says why, for the user's message.
pub fn write_one(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_all_or_none(dir, &[(name.as_str(), bytes)]).map_err(|(_, e)| e.to_string())
}

/// Where files the user saves go by default: their documents folder; without one (a fresh
/// account, some Kylin desktops), their home folder; the working folder only as a last
/// resort.
pub fn documents_dir() -> PathBuf {
    directories::UserDirs::new()
        .map(|u| u.document_dir().unwrap_or(u.home_dir()).to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
}
